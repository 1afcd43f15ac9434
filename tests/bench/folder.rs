//! The class folder's files with a class-year: the size of each student's device file,
//! the time to write one after a change, and the time for the teacher's device to read
//! and merge all 35 students' files (through the authority check), and the size of a
//! student's file with a year of deletions, old ones left out. Figures only.

use wasm_bindgen_test::*;
use wayfinder::domain::authority::{merge_checked, Trust};
use wayfinder::domain::merge::apply;
use wayfinder::domain::sample::{sample_class, SampleScale};
use wayfinder::domain::{Actor, Ctx, Id, Prompt, RatingKind, Record, Reflection, Timestamp};
use wayfinder::storage::folder::{self, Who};

use super::{median, report, time};

#[wasm_bindgen_test]
fn class_folder_benchmark() {
    let data = sample_class(
        1,
        &SampleScale::class_year_per_student_counts(),
        Timestamp(1_756_684_800_000),
        "bench1",
    );
    let now = Timestamp(1_760_000_000_000);
    let students: Vec<_> = data.students.iter().map(|s| s.meta.id).collect();
    // Each student's device file: their own year of work. What others wrote about it
    // (the teacher's comments and ratings, classmates' comments) was written on their
    // devices and travels in their files.
    let own_work = |s: Id| {
        let mut d = data.for_student(s);
        d.comments.retain(|c| c.author == Actor::student(s));
        d.ratings.retain(|r| r.kind == RatingKind::SelfAssessment);
        d
    };
    let files: Vec<String> = students
        .iter()
        .map(|s| {
            folder::write(
                &own_work(*s),
                "bench1",
                Who::Student { students: vec![*s] },
                now,
            )
        })
        .collect();
    let mut sizes: Vec<f64> = files.iter().map(|f| f.len() as f64 / 1024.0).collect();
    sizes.sort_by(|a, b| a.total_cmp(b));
    report(format!(
        "bench: class folder: a student's device file after a year: median {:.0} KB, largest {:.0} KB, {} files (aim: under 200 KB)",
        median(sizes.clone()),
        sizes.last().copied().unwrap_or_default(),
        files.len()
    ));

    // One student's file at the year's end (day 298 of 300), with a draft made and
    // deleted every school day: the deletions of the last `TOMBSTONE_DAYS` travel, the
    // older ones are left out.
    let start = Timestamp(1_756_684_800_000);
    let year_end = start.plus_days(298);
    let mut cleared = own_work(students[0]);
    let before = cleared.len();
    for (n, day) in (0..299u32).filter(|d| d % 7 < 5).enumerate() {
        let ctx = Ctx::new(
            Actor::student(students[0]),
            "bench1",
            start.plus_days(day.into()),
        );
        let b = (n as u32).to_be_bytes();
        let id = Id::from_random_bytes([
            0xd0, b[0], b[1], b[2], b[3], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
        ]);
        if let Ok(mut r) = Reflection::new(id, students[0], Prompt::Free, "a draft", None, &ctx) {
            r.tombstone(&ctx);
            cleared.reflections.push(r);
        }
    }
    let who = Who::Student {
        students: vec![students[0]],
    };
    let plain = folder::write(&own_work(students[0]), "bench1", who.clone(), year_end);
    let text = folder::write(&cleared, "bench1", who, year_end);
    let kept = folder::read(text.as_bytes())
        .map(|f| f.data.len().saturating_sub(before))
        .unwrap_or_default();
    report(format!(
        "bench: class folder: a student's file with {} deletions over the year: {:.0} KB ({:.0} KB without them; {kept} deletions of the last {} days travel)",
        cleared.len() - before,
        text.len() as f64 / 1024.0,
        plain.len() as f64 / 1024.0,
        folder::TOMBSTONE_DAYS,
    ));

    let one = own_work(students[0]);
    let writes: Vec<f64> = (0..9)
        .map(|_| {
            time(|| {
                folder::write(
                    &one,
                    "bench1",
                    Who::Student {
                        students: vec![students[0]],
                    },
                    now,
                )
            })
            .1
        })
        .collect();
    report(format!(
        "bench: class folder: write a student's device file after one change: median {:.1} ms of 9 (aim: under 50 ms)",
        median(writes)
    ));

    let trust = Trust {
        key: None,
        verify: Box::new(|_, _, _| false),
    };
    // The teacher's device holds the class setup and its own comments and ratings.
    let mut teacher = data.setup();
    teacher.comments = data
        .comments
        .iter()
        .filter(|c| c.author.is_teacher())
        .cloned()
        .collect();
    teacher.ratings = data
        .ratings
        .iter()
        .filter(|r| r.kind == RatingKind::Teacher)
        .cloned()
        .collect();
    // The teacher's own file: the setup, the teacher's comments and ratings, and every
    // goal (each one the teacher approved or asked to change carries that decision).
    let mut teachers_own = teacher.clone();
    teachers_own.goals = data.goals.clone();
    let teacher_file = folder::write(&teachers_own, "bench1", Who::Teacher, now);
    report(format!(
        "bench: class folder: the teacher's device file after a year, 35 students: {:.0} KB",
        teacher_file.len() as f64 / 1024.0
    ));
    let ((merged, refused), ms) = time(|| {
        let (mut merged, mut refused) = (0, 0);
        for text in &files {
            let file = folder::read(text.as_bytes()).expect("a device file reads back");
            let (m, no) = merge_checked(&teacher, &file.data, file.source(), &trust)
                .expect("no duplicate ids");
            merged += m.summary.new + m.summary.updated;
            refused += no.len();
            apply(&mut teacher, m.changed);
        }
        (merged, refused)
    });
    report(format!(
        "bench: class folder: the teacher's device reads and merges 35 students' files ({merged} records, {refused} refused): {ms:.0} ms (aim: under 1 s)"
    ));
}
