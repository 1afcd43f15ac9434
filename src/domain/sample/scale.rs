//! How big a sample class to generate.

/// How big a class to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleScale {
    /// Number of students.
    pub students: usize,
    /// Goals per student.
    pub goals_per_student: usize,
    /// Evidence items, in total for the class.
    pub evidence: usize,
    /// Reflections, in total.
    pub reflections: usize,
    /// Comments, in total.
    pub comments: usize,
    /// Learning targets.
    pub targets: usize,
    /// Units.
    pub units: usize,
    /// Activities per unit.
    pub activities_per_unit: usize,
    /// Mark every record as part of the removable sample class.
    pub demo: bool,
}

impl SampleScale {
    /// The benchmark class-year: 35 students with ~40 goals each, 150 evidence items,
    /// 200 reflections and 300 comments (class totals), 30 targets, 8 units.
    pub fn class_year() -> SampleScale {
        SampleScale {
            students: 35,
            goals_per_student: 40,
            evidence: 150,
            reflections: 200,
            comments: 300,
            targets: 30,
            units: 8,
            activities_per_unit: 6,
            demo: false,
        }
    }

    /// The same class-year reading evidence, reflections and comments as per-student
    /// counts (35 × 150, 35 × 200, 35 × 300). Used to report how far that reading is from
    /// the quota; not expected to fit.
    pub fn class_year_per_student_counts() -> SampleScale {
        SampleScale {
            evidence: 35 * 150,
            reflections: 35 * 200,
            comments: 35 * 300,
            ..SampleScale::class_year()
        }
    }

    /// The demo "sample class": 6 students, 5 targets, 1 unit, goals in every state.
    pub fn demo() -> SampleScale {
        SampleScale {
            students: 6,
            goals_per_student: 5,
            evidence: 12,
            reflections: 12,
            comments: 15,
            targets: 5,
            units: 1,
            activities_per_unit: 5,
            demo: true,
        }
    }

    /// One student with `evidence` pieces of evidence and `reflections` journal entries
    /// (and little else): for tests of long lists.
    pub fn one_student(evidence: usize, reflections: usize) -> SampleScale {
        SampleScale {
            students: 1,
            goals_per_student: 2,
            evidence,
            reflections,
            comments: 0,
            targets: 2,
            units: 1,
            activities_per_unit: 2,
            demo: true,
        }
    }
}
