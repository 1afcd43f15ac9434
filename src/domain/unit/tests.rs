//! Units and activities; `board` is the choice board other modules' tests use too.

use super::*;
use crate::format::BuiltinFormat;
use crate::record::testing::*;

pub(crate) fn board() -> Unit {
    let ctx = teacher_ctx();
    let mut u = Unit::new(id(80), "Short stories", &ctx).unwrap();
    u.add_activity(
        Activity::new(
            id(81),
            "Mini-lesson",
            true,
            vec![WayIn::new(WayKind::Watch, "", "https://example.org/v").unwrap()],
        )
        .unwrap(),
        &ctx,
    )
    .unwrap();
    u.add_activity(
        Activity::new(
            id(82),
            "Read the story",
            false,
            vec![
                WayIn::new(WayKind::Read, "Read pages 3-9", "").unwrap(),
                WayIn::new(WayKind::Listen, "Audiobook", "").unwrap(),
            ],
        )
        .unwrap(),
        &ctx,
    )
    .unwrap();
    u.add_activity(Activity::new(id(83), "Notes", false, vec![]).unwrap(), &ctx)
        .unwrap();
    u.formats = vec![FormatRef::Builtin(BuiltinFormat::Essay)];
    u
}

#[test]
fn the_first_may_do_asks_for_one_and_the_teacher_can_say_none() {
    let ctx = teacher_ctx();
    let mut u = Unit::new(id(90), "New unit", &ctx).unwrap();
    assert_eq!(u.may_dos_required, 0, "nothing to choose from yet");
    u.add_activity(Activity::new(id(91), "Must", true, vec![]).unwrap(), &ctx)
        .unwrap();
    assert_eq!(u.may_dos_required, 0, "a must-do is no choice");
    u.add_activity(Activity::new(id(92), "May", false, vec![]).unwrap(), &ctx)
        .unwrap();
    assert_eq!(
        u.may_dos_required, 1,
        "the first may-do: choose at least one"
    );
    u.set_may_dos_required(0, &ctx).unwrap();
    u.add_activity(Activity::new(id(93), "May 2", false, vec![]).unwrap(), &ctx)
        .unwrap();
    assert_eq!(u.may_dos_required, 0, "the teacher's 0 stays");
}

#[test]
fn board_round_trips_compactly() {
    let u = board();
    let json = round_trip(&u);
    assert!(json.contains("\"k\":\"l\""), "{json}");
    assert!(
        !json.contains("\"a\":"),
        "class assignment should be omitted: {json}"
    );
}

#[test]
fn assignment_to_group_or_student_limits_who_sees_it() {
    let ctx = teacher_ctx();
    let mut u = board();
    let g = Group::new(id(70), "g", &[id(1)], &ctx).unwrap();
    u.activities[2].assign = Assignment::Student(id(2));
    u.assign = Assignment::Group(g.meta.id);
    let groups = vec![g];
    assert!(u.visible_to(id(1), &groups));
    assert!(!u.visible_to(id(2), &groups));
    assert_eq!(u.activities_for(id(1), &groups).count(), 2);
    u.assign = Assignment::Class;
    assert_eq!(u.activities_for(id(2), &groups).count(), 3);
    u.hidden = true;
    assert_eq!(u.activities_for(id(2), &groups).count(), 0);
    for a in [
        Assignment::Class,
        Assignment::Group(id(70)),
        Assignment::Student(id(2)),
    ] {
        let j = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Assignment>(&j).unwrap(), a);
    }
    assert!(serde_json::from_str::<Assignment>("\"x\"").is_err());
}

#[test]
fn bad_links_duplicate_ids_and_too_many_may_dos_are_refused() {
    assert_eq!(
        WayIn::new(WayKind::Watch, "", "javascript:alert(1)"),
        Err(DomainError::BadLink)
    );
    let ctx = teacher_ctx();
    let mut u = board();
    assert!(u
        .add_activity(Activity::new(id(81), "Again", false, vec![]).unwrap(), &ctx)
        .is_err());
    assert!(u.set_may_dos_required(3, &ctx).is_err());
    u.set_may_dos_required(2, &ctx).unwrap();
    assert!(u.set_dates(Some(Day(10)), Some(Day(9)), &ctx).is_err());
    assert!(u
        .add_activity(
            Activity::new(id(90), "Mine", false, vec![]).unwrap(),
            &student_ctx(1)
        )
        .is_err());
}

#[test]
fn interests_match_words_in_any_case_and_ending() {
    let i: Vec<String> = ["Drawing", "video games", "  building things "]
        .map(String::from)
        .to_vec();
    assert_eq!(
        matching_interest(&i, &["Comic", "I love to DRAW people"]),
        Some("Drawing")
    );
    assert_eq!(
        matching_interest(&i, &["Video script", "Write what people see"]),
        Some("video games")
    );
    assert_eq!(
        matching_interest(&i, &["Website", "Build a few linked pages"]),
        Some("building things"),
        "building meets build, and the interest is shown trimmed"
    );
    // "things" alone is too common to count, and so is "the".
    assert_eq!(matching_interest(&i, &["Things the class does"]), None);
    assert_eq!(matching_interest(&[], &["Drawing"]), None);
    assert_eq!(matching_interest(&i, &[]), None);
    assert_eq!(matching_interest(&i, &["", "   "]), None);
    let coding = vec!["coding".to_string()];
    assert_eq!(matching_interest(&coding, &["Code a game"]), Some("coding"));
    // Other scripts and emoji are ordinary text: no panic, exact words still meet.
    let rtl = vec!["كرة القدم ⚽".to_string(), "🎨".to_string()];
    assert_eq!(
        matching_interest(&rtl, &["نلعب كرة القدم 🎉"]),
        Some("كرة القدم ⚽")
    );
    assert_eq!(matching_interest(&rtl, &["🎨🎨🎨"]), None);
    // Short words (2 letters) never match on their own.
    let short = vec!["go".to_string()];
    assert_eq!(matching_interest(&short, &["go go go"]), None);
    let long = vec!["x".repeat(10_000)];
    assert_eq!(matching_interest(&long, &["x"]), None);
}

#[test]
fn read_aloud_text_is_sentences_of_title_description_and_ways() {
    let u = board();
    let mut a = u.activities[1].clone();
    a.description = "Take your time!".into();
    assert_eq!(
        a.read_aloud_text(),
        "Read the story. Take your time! Read pages 3-9. Audiobook."
    );
    assert!(a.offers(WayKind::Listen) && !a.offers(WayKind::Watch));
    assert_eq!(u.activities[2].read_aloud_text(), "Notes.");
    assert_eq!(
        WayKind::ALL.map(WayKind::label).join(","),
        "Read,Listen,Watch,Hands-on"
    );
}

#[test]
fn duplicate_gets_fresh_ids_and_starts_hidden() {
    let u = board();
    let mut n = 100u8;
    let copy = u
        .duplicate(
            id(99),
            || {
                n += 1;
                id(n)
            },
            &teacher_ctx(),
        )
        .unwrap();
    assert_eq!(copy.meta.id, id(99));
    assert!(copy.hidden);
    assert!(copy.title.ends_with("(copy)"));
    assert!(copy.activities.iter().all(|a| u.activity(a.id).is_none()));
    assert_eq!(copy.activities.len(), u.activities.len());
}
