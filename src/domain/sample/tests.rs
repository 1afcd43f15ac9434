//! The sample class: deterministic, realistic, within the storage quota, round-tripping.

use super::*;
use crate::review::ReviewState;

/// localStorage quota in UTF-16 code units (Chrome: 5 MiB).
const QUOTA: usize = 5_242_880;

fn start() -> Timestamp {
    Day::parse("2025-09-02").map(Day::start).unwrap_or_default()
}

#[test]
fn same_seed_same_class_other_seed_other_class() {
    let a = sample_class(7, &SampleScale::demo(), start(), "d1");
    let b = sample_class(7, &SampleScale::demo(), start(), "d1");
    let c = sample_class(8, &SampleScale::demo(), start(), "d1");
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert_ne!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&c).unwrap()
    );
}

#[test]
fn the_demo_is_a_month_that_ends_about_today_and_its_unit_is_still_running() {
    let today = Day::parse("2025-10-15").unwrap();
    for seed in 1..30 {
        demo_ends_today(seed, today);
    }
}

fn demo_ends_today(seed: u64, today: Day) {
    let d = demo_class(seed, today, "d1");
    let mut latest = Timestamp(0);
    macro_rules! scan {
        ($f:ident, $t:ty) => {
            for r in &d.$f {
                latest = latest.max(r.meta.updated).max(r.meta.created);
            }
        };
    }
    crate::data::for_each_kind!(scan);
    // Everything happened by the end of today.
    let limit = today.start().plus_days(1);
    assert!(
        latest < limit,
        "seed {seed}: the demo has events {} hours after today began",
        (latest.0 - today.start().0) / 3_600_000
    );
    let unit = &d.units[0];
    assert!(unit.start.unwrap() < today && unit.end.unwrap() > today);
}

#[test]
fn demo_class_has_every_goal_state_and_is_removable_in_one_step() {
    let d = demo_class(1, Day::parse("2025-10-15").unwrap(), "d1");
    assert_eq!(d.students.len(), 6);
    assert_eq!(d.targets.len(), 5);
    assert_eq!(d.units.len(), 1);
    for s in ReviewState::ALL {
        assert!(
            d.goals.iter().any(|g| g.state == s),
            "no goal in state {s:?}"
        );
    }
    assert!(d.classes[0].name.contains("Sample"));
    assert!(d.without_demo().is_empty(), "every sample record is marked");
    // Texts look like a kid wrote them, not lorem ipsum.
    let lens: Vec<usize> = d
        .reflections
        .iter()
        .map(|r| r.text.chars().count())
        .collect();
    assert!(lens.iter().all(|&n| (30..=160).contains(&n)), "{lens:?}");
}

#[test]
fn class_year_fits_in_forty_percent_of_local_storage() {
    let scale = SampleScale::class_year();
    let data = sample_class(2025, &scale, start(), "d1");
    assert_eq!(data.students.len(), 35);
    assert_eq!(data.goals.len(), 35 * 40);
    assert_eq!(data.targets.len(), 30);
    assert_eq!(data.units.len(), 8);
    assert!(
        data.evidence.len() >= 140 && data.reflections.len() >= 190 && data.comments.len() >= 280
    );
    assert!(data
        .goals
        .iter()
        .all(|g| !g.history.is_empty() || g.state == ReviewState::Draft));
    for s in ReviewState::ALL {
        assert!(
            data.goals.iter().any(|g| g.state == s),
            "no goal in state {s:?}"
        );
    }
    assert!(data.duplicate_ids().is_empty());
    let units = storage_units(&data, 30);
    let pct = units as f64 * 100.0 / QUOTA as f64;
    println!(
        "class-year: {} records, {units} UTF-16 units = {pct:.1}% of the 5,242,880-unit quota (goals {}, pathways {}, ratings {})",
        data.len(),
        data.goals.len(),
        data.pathways.len(),
        data.ratings.len()
    );
    assert!(
        units * 100 <= QUOTA * 40,
        "class-year takes {pct:.1}% of the quota"
    );
    // Also: one key per record (storage may choose that for cheap single saves).
    let per_record: usize = storage_units(&data, 0) + data.len() * 30;
    println!(
        "class-year with one key per record: {per_record} units = {:.1}%",
        per_record as f64 * 100.0 / QUOTA as f64
    );
    // And the reading where 150/200/300 are per student (reported, not asserted).
    let heavy = sample_class(
        2025,
        &SampleScale::class_year_per_student_counts(),
        start(),
        "d1",
    );
    let hu = storage_units(&heavy, 30);
    println!(
        "class-year, evidence/reflections/comments per student: {} records, {hu} units = {:.1}%",
        heavy.len(),
        hu as f64 * 100.0 / QUOTA as f64
    );
}

#[test]
fn sample_round_trips_through_json() {
    let d = sample_class(3, &SampleScale::demo(), start(), "d1");
    let json = serde_json::to_string(&d).unwrap();
    let back: ClassData = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
}
