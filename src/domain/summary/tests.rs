//! The student's home, the class overview and the family view on a small class, and all
//! three on a class year.

use super::*;
use crate::comment::{Comment, CommentOn};
use crate::data::ClassData;
use crate::evidence::{Evidence, EvidenceFor};
use crate::format::{BuiltinFormat, ChoiceFor, FormatChoice, FormatRef};
use crate::goal::{Goal, GoalText};
use crate::help::HelpFlag;
use crate::ids::Id;
use crate::pathway::{Pathway, StepStatus};
use crate::rating::{MasteryScale, Rating};
use crate::record::testing::*;
use crate::record::{Actor, Ctx};
use crate::reflection::{Prompt, Reflection};
use crate::review::ReviewState;
use crate::student::StudentProfile;
use crate::target::LearningTarget;
use crate::time::Timestamp;
use crate::unit::tests::board;

const DAY: i64 = 86_400_000;

fn at(n: u8, days: i64) -> Ctx {
    let mut c = student_ctx(n);
    c.now = Timestamp(c.now.0 + days * DAY);
    c
}
fn teacher_at(days: i64) -> Ctx {
    let mut c = teacher_ctx();
    c.now = Timestamp(c.now.0 + days * DAY);
    c
}

fn goal(n: u8, gid: u8, i_will: &str, supports: &[&str], day: i64) -> Goal {
    let c = at(n, day);
    let mut g = Goal::new(id(gid), id(n), &c).unwrap();
    g.edit(
        GoalText {
            targets: vec![id(50)],
            i_will: i_will.into(),
            supports: supports.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        },
        &c,
    )
    .unwrap();
    g
}

/// Two students. Ana (1): an approved goal, an achieved goal, a draft, a goal with
/// changes requested, a submitted goal; ratings; a pathway; shared and private items.
/// Ben (2): a submitted goal (older), an open help flag, a submitted own idea.
fn fixture() -> ClassData {
    let t = teacher_ctx();
    let mut d = ClassData::default();
    for (n, name) in [(1, "Ana"), (2, "Ben")] {
        d.students
            .push(StudentProfile::new(id(n), name, "🦊", &t).unwrap());
    }
    d.targets
        .push(LearningTarget::new(id(50), "I can find the theme", "", "", 0, &t).unwrap());
    d.units.push(board());

    let mut approved = goal(
        1,
        101,
        "I will read a chapter a night",
        &["Ask me about the story"],
        1,
    );
    approved.submit(&at(1, 2)).unwrap();
    approved.approve("", &teacher_at(3)).unwrap();
    let mut achieved = goal(
        1,
        102,
        "I will learn my spelling words",
        &["Quiz me at dinner", "Ask me about the story"],
        1,
    );
    achieved.submit(&at(1, 2)).unwrap();
    achieved.approve("", &teacher_at(3)).unwrap();
    achieved.achieve("Yes!", &teacher_at(4)).unwrap();
    let draft = goal(1, 103, "SECRET DRAFT", &["draft support"], 1);
    let mut changes = goal(1, 104, "I will write a poem", &[], 1);
    changes.submit(&at(1, 2)).unwrap();
    changes
        .request_changes(
            "Which poem?",
            Some(crate::review::GoalField::IWill),
            &teacher_at(5),
        )
        .unwrap();
    let mut submitted = goal(1, 105, "I will finish my story map", &[], 6);
    submitted.submit(&at(1, 6)).unwrap();
    let mut ben_goal = goal(2, 106, "BEN GOAL", &["ben support"], 1);
    ben_goal.submit(&at(2, 1)).unwrap();
    ben_goal.approve("", &teacher_at(2)).unwrap();
    let mut ben_sub = goal(2, 107, "I will practise fractions", &[], 1);
    ben_sub.submit(&at(2, 2)).unwrap();
    d.goals = vec![
        approved, achieved, draft, changes, submitted, ben_goal, ben_sub,
    ];

    let scale = MasteryScale::default();
    d.ratings
        .push(Rating::new(id(60), id(1), id(50), 1, "", &scale, &at(1, 1)).unwrap());
    d.ratings
        .push(Rating::new(id(61), id(1), id(50), 2, "", &scale, &at(1, 5)).unwrap());
    d.ratings
        .push(Rating::new(id(62), id(1), id(50), 3, "", &scale, &teacher_at(6)).unwrap());

    let u = &d.units[0];
    let mut p = Pathway::start(id(90), id(1), u, &[], &at(1, 1)).unwrap();
    p.add(u, id(82), &[], &at(1, 1)).unwrap();
    p.set_status(id(81), StepStatus::Done, &at(1, 2)).unwrap();
    d.pathways.push(p);

    let mut shared = Reflection::new(
        id(20),
        id(1),
        Prompt::WentWell,
        "Reading went well",
        None,
        &at(1, 3),
    )
    .unwrap();
    shared.set_family_shared(true, &at(1, 3)).unwrap();
    let private = Reflection::new(
        id(21),
        id(1),
        Prompt::WasHard,
        "PRIVATE reflection",
        None,
        &at(1, 3),
    )
    .unwrap();
    d.reflections = vec![shared, private];

    let mut ev = Evidence::new(
        id(30),
        id(1),
        EvidenceFor::Goal(id(101)),
        "My reading log",
        "",
        &at(1, 4),
    )
    .unwrap();
    ev.set_family_shared(true, &at(1, 4)).unwrap();
    let mut on_draft = Evidence::new(
        id(31),
        id(1),
        EvidenceFor::Goal(id(103)),
        "DRAFT evidence",
        "",
        &at(1, 4),
    )
    .unwrap();
    on_draft.set_family_shared(true, &at(1, 4)).unwrap();
    let mut on_target = Evidence::new(
        id(32),
        id(1),
        EvidenceFor::Target(id(50)),
        "Theme poster",
        "",
        &at(1, 4),
    )
    .unwrap();
    on_target.set_family_shared(true, &at(1, 4)).unwrap();
    let private_ev = Evidence::new(
        id(33),
        id(1),
        EvidenceFor::Target(id(50)),
        "PRIVATE evidence",
        "",
        &at(1, 4),
    )
    .unwrap();
    d.evidence = vec![ev, on_draft, on_target, private_ev];

    d.comments.push(
        Comment::new(
            id(10),
            id(1),
            CommentOn::Goal(id(101)),
            None,
            "Great plan",
            &teacher_at(4),
        )
        .unwrap(),
    );
    d.comments.push(
        Comment::new(
            id(11),
            id(1),
            CommentOn::Goal(id(103)),
            None,
            "DRAFT feedback",
            &teacher_at(5),
        )
        .unwrap(),
    );
    d.comments.push(
        Comment::new(
            id(12),
            id(1),
            CommentOn::Goal(id(101)),
            None,
            "PEER comment",
            &at(2, 5),
        )
        .unwrap(),
    );

    d.help
        .push(HelpFlag::raise(id(25), id(2), "stuck", &at(2, 3)).unwrap());
    let mut idea = FormatChoice::propose(
        id(40),
        id(2),
        ChoiceFor::Unit(id(80)),
        "A rap song",
        "I love music",
        &at(2, 0),
    )
    .unwrap();
    idea.submit(&at(2, 4)).unwrap();
    d.choices.push(idea);
    let mut secret_idea = FormatChoice::propose(
        id(41),
        id(1),
        ChoiceFor::Unit(id(80)),
        "UNAPPROVED idea",
        "",
        &at(1, 0),
    )
    .unwrap();
    secret_idea.submit(&at(1, 1)).unwrap();
    d.choices.push(secret_idea);
    d.choices.push(
        FormatChoice::choose(
            id(42),
            id(1),
            ChoiceFor::Unit(id(80)),
            FormatRef::Builtin(BuiltinFormat::Essay),
            "",
            &[],
            &at(1, 1),
        )
        .unwrap(),
    );
    d
}

#[test]
fn student_home_shows_states_ratings_side_by_side_next_step_and_waiting() {
    let d = fixture();
    let p = student_progress(&d, id(1));
    assert_eq!(p.goals_by_state, [1, 1, 1, 1, 1]);
    assert_eq!(p.targets.len(), 1);
    assert_eq!(
        p.targets[0].ratings.own.map(|r| r.level),
        Some(2),
        "latest self-assessment"
    );
    assert_eq!(
        p.targets[0].ratings.teacher.map(|r| r.level),
        Some(3),
        "teacher's beside it"
    );
    assert_eq!(p.next_steps.len(), 1);
    assert_eq!(p.next_steps[0].activity.title, "Read the story");
    assert_eq!(p.next_steps[0].percent, 50);
    let waiting: Vec<(QueueKind, Id)> = p.waiting.iter().map(|w| (w.kind, w.record)).collect();
    assert_eq!(
        waiting,
        [(QueueKind::OwnIdea, id(41)), (QueueKind::Goal, id(105))],
        "oldest first"
    );
    assert_eq!(
        p.changes_requested
            .iter()
            .map(|g| g.meta.id)
            .collect::<Vec<_>>(),
        [id(104)]
    );
    assert_eq!(
        p.changes_requested[0]
            .open_change_request()
            .map(|t| t.why.as_str()),
        Some("Which poem?")
    );
    let fb: Vec<&str> = p.latest_feedback.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        fb,
        ["DRAFT feedback", "Great plan"],
        "teacher feedback only, newest first"
    );
}

#[test]
fn class_overview_queue_is_oldest_first_and_finds_who_is_stuck() {
    let d = fixture();
    // Ten days after the fixture's last change.
    let now = Timestamp(teacher_ctx().now.0 + 16 * DAY);
    let o = class_overview(&d, now, 7);
    let names: Vec<&str> = o.rows.iter().map(|r| r.student.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Ben"]);
    let q: Vec<(QueueKind, Id)> = o.queue.iter().map(|i| (i.kind, i.record)).collect();
    assert_eq!(
        q,
        [
            (QueueKind::OwnIdea, id(41)),
            (QueueKind::Goal, id(107)),
            (QueueKind::Help, id(25)),
            (QueueKind::OwnIdea, id(40)),
            (QueueKind::Goal, id(105)),
        ]
    );
    assert_eq!(review_queue(&d), o.queue);
    let ana = &o.rows[0];
    let ben = &o.rows[1];
    assert_eq!(ben.stuck, Some(Stuck::OpenHelp));
    assert_eq!(ben.open_help, 1);
    assert_eq!(ana.stuck, Some(Stuck::NoProgress { days: 10 }));
    assert_eq!(ana.path_percent, Some(50));
    assert_eq!(ana.goals_by_state, [1, 1, 1, 1, 1]);
    assert_eq!(ana.last_progress, Some(at(1, 6).now));
    assert_eq!(o.grid.get(&(id(1), id(50))), Some(&(Some(2), Some(3))));
    assert_eq!(o.grid.get(&(id(2), id(50))), None);
    // With a longer threshold only the help flag counts.
    let o = class_overview(&d, now, 30);
    assert_eq!(
        o.stuck().map(|r| r.student.meta.id).collect::<Vec<_>>(),
        [id(2)]
    );
}

#[test]
fn archived_and_deleted_students_leave_the_dashboard() {
    let mut d = fixture();
    d.students[1].archived = true;
    let o = class_overview(&d, teacher_ctx().now, 7);
    assert_eq!(o.rows.len(), 1);
    assert!(o.queue.iter().all(|i| i.student == id(1)));
}

#[test]
fn family_sees_only_approved_shared_items_in_plain_words() {
    let d = fixture();
    let f = family_summary(&d, id(1)).unwrap();
    assert_eq!(f.name, "Ana");
    let goals: Vec<&str> = f.goals.iter().map(|g| g.goal.i_will.as_str()).collect();
    assert_eq!(
        goals,
        [
            "I will read a chapter a night",
            "I will learn my spelling words"
        ]
    );
    assert_eq!(f.goals[0].status, "Working on it");
    assert_eq!(f.goals[1].status, "Achieved");
    assert_eq!(f.achieved, 1);
    assert_eq!(f.goals[0].targets, ["I can find the theme"]);
    assert_eq!(
        f.help_at_home,
        ["Ask me about the story", "Quiz me at dinner"],
        "no repeats, no draft supports"
    );
    assert_eq!(f.goals[0].evidence.len(), 1);
    assert_eq!(
        f.goals[0]
            .feedback
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        ["Great plan"]
    );
    assert_eq!(
        f.reflections
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>(),
        ["Reading went well"]
    );
    assert_eq!(
        f.evidence
            .iter()
            .map(|e| e.text.as_str())
            .collect::<Vec<_>>(),
        ["Theme poster"]
    );
    assert_eq!(f.products, ["Essay"], "an unapproved own idea is not shown");
    assert_eq!(f.paths.len(), 1);
    assert_eq!(
        f.paths[0].steps,
        [
            ("Mini-lesson", "Done"),
            ("Read the story", "Not started yet")
        ]
    );
    // Nothing private, draft, peer or from another child anywhere in the view.
    let all = format!("{f:?}");
    for secret in [
        "SECRET",
        "DRAFT",
        "PRIVATE",
        "PEER",
        "BEN",
        "ben support",
        "UNAPPROVED",
    ] {
        assert!(!all.contains(secret), "family view leaks {secret}");
    }
    assert!(family_summary(&d, id(9)).is_none());
}

#[test]
fn unsharing_a_goal_hides_it_from_family() {
    let mut d = fixture();
    d.goals[0].set_family_shared(false, &at(1, 7)).unwrap();
    let f = family_summary(&d, id(1)).unwrap();
    assert_eq!(f.goals.len(), 1);
    assert_eq!(
        f.help_at_home,
        ["Quiz me at dinner", "Ask me about the story"]
    );
    let fam = Ctx::new(Actor::family(id(150)), "d1", teacher_ctx().now);
    assert!(
        d.goals[0].set_family_shared(true, &fam).is_err(),
        "families cannot change sharing"
    );
}

#[test]
fn class_year_views_are_consistent() {
    let d = crate::sample::sample_class(
        4,
        &crate::sample::SampleScale::class_year(),
        crate::time::Day::parse("2025-09-02").unwrap().start(),
        "d1",
    );
    let now = Timestamp(crate::time::Day::parse("2026-03-01").unwrap().start().0);
    let o = class_overview(&d, now, 14);
    assert_eq!(o.rows.len(), 35);
    let total: usize = o
        .rows
        .iter()
        .map(|r| r.goals_by_state.iter().sum::<usize>())
        .sum();
    assert_eq!(total, 1400);
    assert!(o.queue.windows(2).all(|w| w[0].since <= w[1].since));
    let submitted = d
        .goals
        .iter()
        .filter(|g| g.state == ReviewState::Submitted)
        .count();
    assert_eq!(
        o.queue.iter().filter(|q| q.kind == QueueKind::Goal).count(),
        submitted
    );
    for s in d.active_students() {
        let f = family_summary(&d, s.meta.id).unwrap();
        assert!(f
            .goals
            .iter()
            .all(|g| g.goal.family_visible() && g.goal.student == s.meta.id));
    }
}
