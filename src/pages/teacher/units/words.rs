//! The sentences and labels of the units pages, as pure functions (tested on the host).

use crate::domain::time::Day;
use crate::domain::unit::{Assignment, WayKind};
use crate::domain::{Group, StudentProfile};
use crate::words::month_short;

pub(crate) use crate::words::sentence;

/// A day as "3 Mar 2026".
pub(crate) fn day_text(d: Day) -> String {
    let (y, m, day) = d.ymd();
    format!("{day} {} {y}", month_short(m))
}

/// A unit's dates in words.
pub(crate) fn dates_text(start: Option<Day>, end: Option<Day>) -> String {
    match (start, end) {
        (None, None) => "No dates yet".into(),
        (Some(s), None) => format!("From {}", day_text(s)),
        (None, Some(e)) => format!("Until {}", day_text(e)),
        (Some(s), Some(e)) => format!("{} to {}", day_text(s), day_text(e)),
    }
}

/// "No activities yet", "1 activity", "4 activities".
pub(crate) fn activities_count(n: usize) -> String {
    match n {
        0 => "No activities yet".into(),
        1 => "1 activity".into(),
        n => format!("{n} activities"),
    }
}

/// Who a unit or an activity is for, in the teacher's words.
pub(crate) fn assignment_label(
    a: Assignment,
    groups: &[Group],
    students: &[StudentProfile],
) -> String {
    match a {
        Assignment::Class => "The whole class".into(),
        Assignment::Group(g) => groups
            .iter()
            .find(|x| x.meta.id == g && !x.meta.deleted)
            .map(|x| format!("Group: {}", x.name))
            .unwrap_or_else(|| "A group that was deleted (reaches nobody)".into()),
        Assignment::Student(s) => students
            .iter()
            .find(|x| x.meta.id == s && !x.meta.deleted)
            .map(|x| format!("Only {}", x.name))
            .unwrap_or_else(|| "A student no longer in the class (reaches nobody)".into()),
    }
}

/// The choices of a "For whom" picker as (value, label): the whole class, each group,
/// each active student; and the current value if it is none of those, so editing never
/// changes it silently.
pub(crate) fn assignment_options(
    current: Assignment,
    groups: &[Group],
    students: &[StudentProfile],
) -> Vec<(String, String)> {
    let mut out = vec![(Assignment::Class.to_string(), "The whole class".to_string())];
    let mut gs: Vec<&Group> = groups.iter().filter(|g| !g.meta.deleted).collect();
    gs.sort_by_key(|g| g.name.to_lowercase());
    for g in gs {
        out.push((
            Assignment::Group(g.meta.id).to_string(),
            format!("Group: {}", g.name),
        ));
    }
    let mut ss: Vec<&StudentProfile> = students
        .iter()
        .filter(|s| !s.meta.deleted && !s.archived)
        .collect();
    ss.sort_by_key(|s| s.name.to_lowercase());
    for s in ss {
        out.push((
            Assignment::Student(s.meta.id).to_string(),
            format!("Only {}", s.name),
        ));
    }
    let value = current.to_string();
    if !out.iter().any(|(v, _)| *v == value) {
        out.push((value, assignment_label(current, groups, students)));
    }
    out
}

/// What the may-do rule means for students, for the teacher.
pub(crate) fn may_dos_sentence(offered: usize, required: u8) -> String {
    match (offered, required) {
        (0, _) => "No may-dos yet: add one to give students a choice.".into(),
        (1, 0) => "Students may do the 1 may-do; it is not required.".into(),
        (1, _) => "Each student does the 1 may-do. Add another to give them a choice.".into(),
        (_, 0) => format!("Students may choose any of the {offered} may-dos; none are required."),
        (o, r) if usize::from(r) >= o => format!("Each student does all {o} may-dos."),
        (o, 1) => format!("Each student chooses at least 1 of the {o} may-dos."),
        (o, r) => format!("Each student chooses at least {r} of the {o} may-dos."),
    }
}

/// Why a number of may-dos needed was refused.
pub(crate) fn may_dos_error(offered: usize) -> String {
    match offered {
        0 => "There are no may-dos on the board yet, so the number needed can only be 0. Add a may-do first.".into(),
        1 => "There is 1 may-do on the board, so the number needed can be 0 or 1. Add more may-dos to ask for more.".into(),
        n => format!("There are {n} may-dos on the board, so the number needed can be 0 to {n}. Add more may-dos to ask for more."),
    }
}

/// Why a way's link was refused.
pub(crate) fn bad_link(kind: WayKind) -> String {
    format!(
        "The {} link must start with http:// or https:// (for example https://example.org). Everything you typed is still here.",
        kind.label()
    )
}

/// What removing an activity does to the paths that have it.
pub(crate) fn remove_warning(title: &str, paths: usize) -> String {
    let who = if paths == 1 {
        "1 student has".to_string()
    } else {
        format!("{paths} students have")
    };
    format!("{who} \u{201c}{title}\u{201d} on their path. Removing it takes it off the board and off their paths.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::testing::*;
    use crate::domain::DomainError;

    #[test]
    fn dates_and_counts_read_naturally() {
        let s = Day::from_ymd(2026, 3, 2).unwrap();
        let e = Day::from_ymd(2026, 3, 20).unwrap();
        assert_eq!(dates_text(None, None), "No dates yet");
        assert_eq!(dates_text(Some(s), None), "From 2 Mar 2026");
        assert_eq!(dates_text(None, Some(e)), "Until 20 Mar 2026");
        assert_eq!(dates_text(Some(s), Some(e)), "2 Mar 2026 to 20 Mar 2026");
        assert_eq!(activities_count(0), "No activities yet");
        assert_eq!(activities_count(1), "1 activity");
        assert_eq!(activities_count(7), "7 activities");
    }

    #[test]
    fn assignment_options_list_class_groups_students_and_keep_a_missing_one() {
        let ctx = teacher_ctx();
        let ana = StudentProfile::new(id(1), "Ana", "", &ctx).unwrap();
        let mut ben = StudentProfile::new(id(2), "ben", "", &ctx).unwrap();
        let g = Group::new(id(70), "Rockets", &[id(1)], &ctx).unwrap();
        let opts = assignment_options(
            Assignment::Class,
            std::slice::from_ref(&g),
            &[ben.clone(), ana.clone()],
        );
        let labels: Vec<&str> = opts.iter().map(|o| o.1.as_str()).collect();
        assert_eq!(
            labels,
            ["The whole class", "Group: Rockets", "Only Ana", "Only ben"]
        );
        assert_eq!(
            Assignment::parse(&opts[2].0),
            Some(Assignment::Student(id(1)))
        );
        ben.set_archived(true, &ctx).unwrap();
        let opts = assignment_options(Assignment::Student(id(2)), &[], &[ana, ben]);
        assert_eq!(opts.len(), 3, "{opts:?}");
        assert_eq!(opts[2].1, "Only ben", "the current choice stays listed");
        let gone = assignment_options(Assignment::Group(id(71)), &[g], &[]);
        assert!(gone.last().unwrap().1.contains("deleted"));
    }

    #[test]
    fn may_do_sentences_and_errors_say_what_is_possible() {
        assert!(may_dos_sentence(0, 0).starts_with("No may-dos yet"));
        assert!(may_dos_sentence(1, 1).starts_with("Each student does the 1 may-do."));
        assert_eq!(may_dos_sentence(3, 3), "Each student does all 3 may-dos.");
        assert_eq!(
            may_dos_sentence(2, 1),
            "Each student chooses at least 1 of the 2 may-dos."
        );
        assert!(may_dos_error(0).contains("only be 0"));
        assert!(may_dos_error(1).contains("0 or 1"));
        assert!(may_dos_error(3).contains("0 to 3"));
        assert!(bad_link(WayKind::Watch).starts_with("The Watch link"));
        assert!(remove_warning("Notes", 1).starts_with("1 student has"));
        assert!(remove_warning("Notes", 2).starts_with("2 students have"));
        assert_eq!(
            sentence(DomainError::Required {
                field: "the unit title"
            }),
            "Please write something for the unit title."
        );
        assert!(sentence(DomainError::TooLong {
            field: "the unit title",
            len: 400,
            max: 300
        })
        .starts_with("The unit title"));
    }
}
