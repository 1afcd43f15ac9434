//! Format references, menus, choices and an own idea's review.

use super::*;
use crate::error::DomainError;
use crate::record::testing::*;
use crate::record::Record;
use crate::review::GoalField;

#[test]
fn builtin_and_custom_refs_serialize_compactly() {
    for f in BuiltinFormat::ALL {
        let r = FormatRef::Builtin(f);
        let j = serde_json::to_string(&r).unwrap();
        assert_eq!(j.len(), 4);
        assert_eq!(serde_json::from_str::<FormatRef>(&j).unwrap(), r);
        assert!(!f.description().is_empty() && !f.example().is_empty());
    }
    let c = FormatRef::Custom(id(5));
    let j = serde_json::to_string(&c).unwrap();
    assert_eq!(serde_json::from_str::<FormatRef>(&j).unwrap(), c);
    assert!(serde_json::from_str::<FormatRef>("\"zz\"").is_err());
}

#[test]
fn menu_choice_counts_at_once_and_must_be_on_the_menu() {
    let s = student_ctx(1);
    let menu = [FormatRef::Builtin(BuiltinFormat::Comic)];
    let c = FormatChoice::choose(
        id(40),
        id(1),
        ChoiceFor::Unit(id(80)),
        menu[0],
        "I love drawing",
        &menu,
        &s,
    )
    .unwrap();
    assert!(c.counts());
    round_trip(&c);
    assert!(FormatChoice::choose(
        id(40),
        id(1),
        ChoiceFor::Unit(id(80)),
        FormatRef::Builtin(BuiltinFormat::Essay),
        "",
        &menu,
        &s
    )
    .is_err());
    assert!(FormatChoice::choose(
        id(40),
        id(1),
        ChoiceFor::Unit(id(80)),
        menu[0],
        "",
        &menu,
        &student_ctx(2)
    )
    .is_err());
    let mut c = c;
    assert!(c.submit(&s).is_err(), "menu choices are not reviewed");
}

#[test]
fn own_idea_needs_teacher_ok_through_review_states() {
    let s = student_ctx(1);
    let t = teacher_ctx();
    let mut c = FormatChoice::propose(
        id(41),
        id(1),
        ChoiceFor::Goal(id(101)),
        "",
        "I like building",
        &s,
    )
    .unwrap();
    assert!(!c.counts());
    assert_eq!(
        c.submit(&s),
        Err(DomainError::Required { field: "your idea" })
    );
    c.edit("A stop-motion film with clay", "I like building", &s)
        .unwrap();
    c.submit(&s).unwrap();
    assert_eq!(c.edit("x", "", &s), Err(DomainError::InReview));
    c.request_changes("How long will it be?", &t).unwrap();
    assert!(!c.counts());
    c.edit(
        "A 1-minute stop-motion film with clay",
        "I like building",
        &s,
    )
    .unwrap();
    c.submit(&s).unwrap();
    assert!(c.approve("", &s).is_err());
    c.approve("Great idea", &t).unwrap();
    assert!(c.counts());
    assert_eq!(c.edit("y", "", &s), Err(DomainError::Locked));
    assert_eq!(c.history.len(), 4);
    assert_eq!(c.history[1].anchor, Some(GoalField::Format));
    c.reopen("Let's change it", &t).unwrap();
    assert!(!c.counts());
    round_trip(&c);
}

#[test]
fn menu_words_come_from_builtin_or_live_custom_formats() {
    let f = ProductFormat::new(
        id(6),
        "Song",
        "Write and perform a song",
        "Verse, chorus",
        &teacher_ctx(),
    )
    .unwrap();
    let mut custom = vec![f];
    let info = format_info(FormatRef::Custom(id(6)), &custom).unwrap();
    assert_eq!(
        (info.name.as_str(), info.example.as_str()),
        ("Song", "Verse, chorus")
    );
    let comic = format_info(FormatRef::Builtin(BuiltinFormat::Comic), &[]).unwrap();
    assert_eq!(comic.name, "Comic");
    assert!(comic.related.contains("drawing"));
    assert!(format_info(FormatRef::Custom(id(7)), &custom).is_none());
    custom[0].tombstone(&teacher_ctx());
    assert!(format_info(FormatRef::Custom(id(6)), &custom).is_none());
    for b in BuiltinFormat::ALL {
        assert!(!b.related_words().is_empty());
    }
    let drawing = vec!["drawing".to_string()];
    let i = format_info(FormatRef::Builtin(BuiltinFormat::Comic), &[]).unwrap();
    assert_eq!(
        crate::unit::matching_interest(&drawing, &[&i.name, &i.description, &i.related]),
        Some("drawing")
    );
    let e = format_info(FormatRef::Builtin(BuiltinFormat::Essay), &[]).unwrap();
    assert_eq!(
        crate::unit::matching_interest(&drawing, &[&e.name, &e.description, &e.related]),
        None
    );
}

#[test]
fn no_menu_offers_every_live_format() {
    let t = teacher_ctx();
    let song = ProductFormat::new(id(6), "Song", "", "", &t).unwrap();
    let mut old = ProductFormat::new(id(7), "Diorama", "", "", &t).unwrap();
    old.retired = true;
    let custom = vec![song, old];
    let all = offered_formats(&[], &custom);
    assert_eq!(all.len(), 9);
    assert_eq!(all[8], FormatRef::Custom(id(6)));
    let menu = [FormatRef::Builtin(BuiltinFormat::Comic)];
    assert_eq!(offered_formats(&menu, &custom), menu);
}

#[test]
fn current_choice_is_the_newest_live_one_for_that_unit() {
    let s = student_ctx(1);
    let menu = [
        FormatRef::Builtin(BuiltinFormat::Comic),
        FormatRef::Builtin(BuiltinFormat::Essay),
    ];
    let a = FormatChoice::choose(
        id(40),
        id(1),
        ChoiceFor::Unit(id(80)),
        menu[0],
        "x",
        &menu,
        &s,
    )
    .unwrap();
    let mut later = student_ctx(1);
    later.now = super::super::time::Timestamp(s.now.0 + 10);
    let b = FormatChoice::choose(
        id(41),
        id(1),
        ChoiceFor::Unit(id(80)),
        menu[1],
        "y",
        &menu,
        &later,
    )
    .unwrap();
    let other_unit = FormatChoice::choose(
        id(42),
        id(1),
        ChoiceFor::Unit(id(81)),
        menu[0],
        "",
        &[],
        &later,
    )
    .unwrap();
    let goal =
        FormatChoice::propose(id(43), id(1), ChoiceFor::Goal(id(9)), "idea", "", &later).unwrap();
    let mut all = vec![a, b, other_unit, goal];
    let cur = |all: &[FormatChoice]| {
        current_choice(all, id(1), ChoiceFor::Unit(id(80))).map(|c| c.meta.id)
    };
    assert_eq!(cur(&all), Some(id(41)));
    all[1].tombstone(&later);
    assert_eq!(cur(&all), Some(id(40)));
    assert_eq!(current_choice(&all, id(2), ChoiceFor::Unit(id(80))), None);
    assert_eq!(
        current_choice(&all, id(1), ChoiceFor::Goal(id(9))).map(|c| c.meta.id),
        Some(id(43))
    );
    assert_eq!(all[3].scope(), Some(ChoiceFor::Goal(id(9))));
}

#[test]
fn why_and_idea_must_say_something_and_fit() {
    for blank in ["", "   ", "\n\t "] {
        assert!(matches!(check_why(blank), Err(DomainError::Incomplete(_))));
        assert!(matches!(check_idea(blank), Err(DomainError::Incomplete(_))));
    }
    assert!(check_why("I love drawing 🎨").is_ok());
    assert!(check_idea("أريد أن أرسم قصة مصورة").is_ok());
    assert!(
        check_why(&"a".repeat(10_000)).is_ok(),
        "10,000 characters fit"
    );
    let e = check_why(&"é".repeat(10_001)).unwrap_err();
    assert!(e.to_string().contains("still here"), "{e}");
    assert!(check_idea(&"🎨".repeat(10_001)).is_err());
}

#[test]
fn own_idea_states_read_as_sentences_with_the_teachers_words() {
    let s = student_ctx(1);
    let t = teacher_ctx();
    let mut c = FormatChoice::propose(
        id(41),
        id(1),
        ChoiceFor::Unit(id(80)),
        "A song",
        "I sing",
        &s,
    )
    .unwrap();
    assert!(c.status_sentence().starts_with("Draft"));
    assert_eq!(c.change_request(), None);
    c.submit(&s).unwrap();
    assert!(c.status_sentence().contains("Waiting"));
    c.request_changes("How long will it be?", &t).unwrap();
    assert_eq!(c.change_request(), Some("How long will it be?"));
    assert!(c.status_sentence().contains("asked for a change"));
    c.submit(&s).unwrap();
    assert_eq!(c.change_request(), None);
    assert_eq!(c.approval_note(), None);
    c.approve("Great idea", &t).unwrap();
    assert_eq!(c.approval_note(), Some("Great idea"));
    assert!(c.status_sentence().contains("said OK"));
    let menu = FormatChoice::choose(
        id(42),
        id(1),
        ChoiceFor::Unit(id(80)),
        FormatRef::Builtin(BuiltinFormat::Comic),
        "",
        &[],
        &s,
    )
    .unwrap();
    assert!(menu.status_sentence().contains("your choice"));
    assert_eq!(menu.approval_note(), None);
}

#[test]
fn custom_format_is_teacher_only() {
    assert!(ProductFormat::new(id(6), "Song", "", "", &student_ctx(1)).is_err());
    let f = ProductFormat::new(
        id(6),
        " Song ",
        "Write and perform a song",
        "Verse, chorus, facts",
        &teacher_ctx(),
    )
    .unwrap();
    assert_eq!(f.name, "Song");
    round_trip(&f);
}
