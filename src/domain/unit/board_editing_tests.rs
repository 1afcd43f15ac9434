//! Editing a choice board from the teacher's forms.

use super::tests::board;
use super::*;
use crate::record::testing::*;

fn ways(read: &str, watch_link: &str) -> Vec<WayDraft> {
    vec![
        (WayKind::Read, read.into(), String::new()),
        (WayKind::Listen, "  ".into(), " ".into()),
        (WayKind::Watch, String::new(), watch_link.into()),
    ]
}

#[test]
fn activity_from_form_keeps_filled_ways_and_names_a_bad_link() {
    let a = Activity::from_form(
        id(90),
        " Sketch it ",
        " Draw ",
        false,
        " Ready for more ",
        &ways("Page 4", "https://example.org/v"),
        Assignment::Student(id(3)),
    )
    .unwrap();
    assert_eq!(a.title, "Sketch it");
    assert_eq!(a.tier, "Ready for more");
    assert_eq!(a.ways.len(), 2, "the blank Listen way is left out");
    assert_eq!(a.way(WayKind::Watch).1, "https://example.org/v");
    assert_eq!(a.way(WayKind::HandsOn), (String::new(), String::new()));
    let bad = ways("", "javascript:alert(1)");
    assert_eq!(
        Activity::from_form(id(91), "T", "", true, "", &bad, Assignment::Class),
        Err(DomainError::BadLink)
    );
    assert_eq!(bad_way_link(&bad), Some(WayKind::Watch));
    assert_eq!(bad_way_link(&ways("x", "")), None);
    assert!(matches!(
        Activity::from_form(id(92), "  ", "", true, "", &[], Assignment::Class),
        Err(DomainError::Required { .. })
    ));
    let long = "x".repeat(10_001);
    assert!(matches!(
        Activity::from_form(id(93), "T", &long, true, "", &[], Assignment::Class),
        Err(DomainError::TooLong { .. })
    ));
}

#[test]
fn assignment_parses_what_it_displays() {
    for a in [
        Assignment::Class,
        Assignment::Group(id(7)),
        Assignment::Student(id(8)),
    ] {
        assert_eq!(Assignment::parse(&a.to_string()), Some(a));
    }
    assert_eq!(Assignment::parse(""), None);
    assert_eq!(Assignment::parse("gnot-an-id"), None);
}

#[test]
fn activities_move_are_replaced_and_removed_keeping_may_dos_consistent() {
    let ctx = teacher_ctx();
    let mut u = board();
    u.move_activity(id(83), -1, &ctx).unwrap();
    let order: Vec<Id> = u.activities.iter().map(|a| a.id).collect();
    assert_eq!(order, vec![id(81), id(83), id(82)]);
    u.move_activity(id(81), -1, &ctx).unwrap();
    u.move_activity(id(82), 5, &ctx).unwrap();
    assert_eq!(u.activities[0].id, id(81));
    assert_eq!(u.activities[2].id, id(82));

    u.set_may_dos_needed(" 2 ", &ctx).unwrap();
    assert_eq!(u.may_dos_required, 2);
    assert!(u.set_may_dos_needed("3", &ctx).is_err());
    assert!(u.set_may_dos_needed("two", &ctx).is_err());
    assert!(u.set_may_dos_needed("-1", &ctx).is_err());
    assert_eq!(u.may_dos_required, 2, "a refused number changes nothing");

    // Turning a may-do into a must-do would leave 1 may-do for 2 required.
    let mut must = u.activity(id(82)).unwrap().clone();
    must.must = true;
    assert!(u.replace_activity(must.clone(), &ctx).is_err());
    u.set_may_dos_needed("1", &ctx).unwrap();
    u.replace_activity(must, &ctx).unwrap();
    assert!(u.activity(id(82)).unwrap().must);

    assert!(u.remove_activity(id(83), &ctx).unwrap(), "1 needed, 0 left");
    assert_eq!(u.may_dos_required, 0);
    assert!(u.remove_activity(id(83), &ctx).is_err());
    assert!(u.move_activity(id(99), 1, &student_ctx(1)).is_err());
}

#[test]
fn edit_targets_formats_and_opening_are_teacher_only() {
    let ctx = teacher_ctx();
    let mut u = board();
    assert!(u.edit(" ", "x", &ctx).is_err());
    u.edit(" Myths ", " Old stories ", &ctx).unwrap();
    assert_eq!(
        (u.title.as_str(), u.description.as_str()),
        ("Myths", "Old stories")
    );
    u.toggle_target(id(5), true, &ctx).unwrap();
    u.toggle_target(id(5), true, &ctx).unwrap();
    u.toggle_target(id(6), true, &ctx).unwrap();
    u.toggle_target(id(5), false, &ctx).unwrap();
    assert_eq!(u.targets, vec![id(6)]);
    let own = FormatRef::Custom(id(40));
    u.toggle_format(own, true, &ctx).unwrap();
    u.toggle_format(own, true, &ctx).unwrap();
    assert_eq!(u.formats.iter().filter(|f| **f == own).count(), 1);
    u.set_hidden(true, &ctx).unwrap();
    assert!(!u.visible_to(id(1), &[]));
    assert!(u.set_hidden(false, &student_ctx(1)).is_err());
    assert!(u.toggle_format(own, false, &student_ctx(1)).is_err());
    u.set_assign(Assignment::Student(id(2)), &ctx).unwrap();
    u.set_hidden(false, &ctx).unwrap();
    assert!(u.visible_to(id(2), &[]) && !u.visible_to(id(1), &[]));
}
