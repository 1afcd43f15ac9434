//! The dashboard's cells, filters, sorting, "who's stuck" and words, on small and
//! generated classes.

use super::*;
use crate::data::ClassData;
use crate::help::HelpFlag;
use crate::pathway::{Pathway, StepStatus};
use crate::rating::{MasteryScale, Rating};
use crate::record::testing::*;
use crate::record::{Actor, Ctx};
use crate::review::ReviewState;
use crate::sample::{demo_class, sample_class, SampleScale};
use crate::student::{Group, StudentProfile};
use crate::target::LearningTarget;
use crate::time::Timestamp;
use crate::unit::{Activity, Assignment, Unit};
use crate::Goal;

const DAY: i64 = 86_400_000;

fn at(ctx: &Ctx, days: i64) -> Ctx {
    let mut c = ctx.clone();
    c.now = Timestamp(ctx.now.0 + days * DAY);
    c
}

/// Three students (Ana, Ben, Cai), two targets, one group (Ana, Cai), one unit for the
/// group with the second target.
fn small_class() -> ClassData {
    let t = teacher_ctx();
    let mut d = ClassData::default();
    for (n, name) in [(1, "Ana"), (2, "ben"), (3, "Cai")] {
        d.students
            .push(StudentProfile::new(id(n), name, "", &t).unwrap());
    }
    d.targets.push(
        LearningTarget::new(
            id(50),
            "I can find the main idea of a story",
            "RL.1",
            "",
            0,
            &t,
        )
        .unwrap(),
    );
    d.targets
        .push(LearningTarget::new(id(51), "I can compare two characters", "", "", 1, &t).unwrap());
    d.groups
        .push(Group::new(id(80), "Book club", &[id(1), id(3)], &t).unwrap());
    let mut u = Unit::new(id(90), "Myths", &t).unwrap();
    u.targets = vec![id(51)];
    u.assign = Assignment::Group(id(80));
    u.activities
        .push(Activity::new(id(91), "Read", true, vec![]).unwrap());
    u.activities
        .push(Activity::new(id(92), "Map", true, vec![]).unwrap());
    d.units.push(u);
    d
}

#[test]
fn cells_show_latest_teacher_and_self_side_by_side() {
    let mut d = small_class();
    let scale = MasteryScale::default();
    let s = student_ctx(1);
    d.ratings
        .push(Rating::new(id(60), id(1), id(50), 0, "", &scale, &s).unwrap());
    d.ratings
        .push(Rating::new(id(61), id(1), id(50), 2, "", &scale, &at(&s, 1)).unwrap());
    d.ratings
        .push(Rating::new(id(62), id(1), id(50), 1, "", &scale, &at(&teacher_ctx(), 2)).unwrap());
    let dash = build(&d, at(&s, 3).now);
    let g = grid(&dash, &Filters::default());
    assert_eq!(g.columns.len(), 2);
    assert_eq!(g.columns[0].short, "find the main idea of a…");
    let ana = &g.rows[0];
    assert_eq!(ana.student.name, "Ana");
    assert_eq!(
        ana.cells,
        vec![
            Cell {
                teacher: Some(1),
                own: Some(2)
            },
            Cell::default()
        ]
    );
    assert_eq!(
        cell_words(&dash.levels, ana.cells[0]),
        "Teacher: 2 Developing. Self: 3 Proficient."
    );
    assert_eq!(cell_words(&dash.levels, ana.cells[1]), "not yet");
    assert_eq!(
        cell_words(
            &dash.levels,
            Cell {
                teacher: None,
                own: Some(0)
            }
        ),
        "Teacher: not yet. Self: 1 Beginning."
    );
}

#[test]
fn filters_by_unit_group_and_goal_state() {
    let mut d = small_class();
    let s2 = Ctx::new(Actor::student(id(2)), "d1", teacher_ctx().now);
    let mut goal = Goal::new(id(70), id(2), &s2).unwrap();
    let mut text = goal.text();
    text.i_will = "I will read".into();
    text.criteria = vec!["I can tell it".into()];
    let _ = goal.edit(text, &s2);
    goal.submit(&s2).unwrap();
    d.goals.push(goal);
    let dash = build(&d, teacher_ctx().now);

    let all = grid(&dash, &Filters::default());
    let names = |g: &Grid| {
        g.rows
            .iter()
            .map(|r| r.student.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&all),
        ["Ana", "ben", "Cai"],
        "name order ignores case"
    );
    assert_eq!(all.total, 3);

    let unit = grid(
        &dash,
        &Filters {
            unit: Some(id(90)),
            ..Filters::default()
        },
    );
    assert_eq!(names(&unit), ["Ana", "Cai"], "the unit is for the group");
    assert_eq!(unit.columns.len(), 1);
    assert_eq!(unit.columns[0].id, id(51));
    assert!(unit.rows.iter().all(|r| r.cells.len() == 1));

    let group = grid(
        &dash,
        &Filters {
            group: Some(id(80)),
            ..Filters::default()
        },
    );
    assert_eq!(names(&group), ["Ana", "Cai"]);

    let waiting = grid(
        &dash,
        &Filters {
            goal_state: Some(ReviewState::Submitted),
            ..Filters::default()
        },
    );
    assert_eq!(names(&waiting), ["ben"]);
    assert_eq!(
        count_words(waiting.rows.len(), waiting.total),
        "Showing 1 of 3 students."
    );
    assert_eq!(count_words(3, 3), "Showing all 3 students.");
    assert_eq!(count_words(0, 3), "No student of 3 matches these filters.");

    let gone = grid(
        &dash,
        &Filters {
            group: Some(id(81)),
            ..Filters::default()
        },
    );
    assert!(
        gone.rows.is_empty(),
        "a deleted group shows nobody, not everybody"
    );
}

#[test]
fn sorts_by_activity_progress_and_help() {
    let mut d = small_class();
    let t0 = teacher_ctx();
    let groups = d.groups.clone();
    let unit = d.units[0].clone();
    // Ana: path half done on day 1. Cai: path started, nothing done, on day 4.
    let a = Ctx::new(Actor::student(id(1)), "d1", t0.now);
    let mut pa = Pathway::start(id(100), id(1), &unit, &groups, &a).unwrap();
    pa.set_status(id(91), StepStatus::Done, &at(&a, 1)).unwrap();
    d.pathways.push(pa);
    let c = Ctx::new(Actor::student(id(3)), "d1", t0.now);
    let mut pc = Pathway::start(id(101), id(3), &unit, &groups, &at(&c, 4)).unwrap();
    pc.set_status(id(91), StepStatus::Started, &at(&c, 4))
        .unwrap();
    d.pathways.push(pc);
    // Cai asked for help on day 5; ben on day 2.
    d.help
        .push(HelpFlag::raise(id(110), id(3), "the map", &at(&c, 5)).unwrap());
    let b = Ctx::new(Actor::student(id(2)), "d1", t0.now);
    d.help
        .push(HelpFlag::raise(id(111), id(2), "", &at(&b, 2)).unwrap());
    let dash = build(&d, at(&t0, 6).now);
    let order = |sort| {
        grid(
            &dash,
            &Filters {
                sort,
                ..Filters::default()
            },
        )
        .rows
        .iter()
        .map(|r| r.student.name.clone())
        .collect::<Vec<_>>()
    };
    assert_eq!(order(SortBy::Name), ["Ana", "ben", "Cai"]);
    assert_eq!(order(SortBy::LastActivity), ["Ana", "ben", "Cai"]);
    // ben has no path (None first), Cai 0 %, Ana 50 %.
    assert_eq!(order(SortBy::PathProgress), ["ben", "Cai", "Ana"]);
    assert_eq!(order(SortBy::HelpFirst), ["ben", "Cai", "Ana"]);
    let in_unit = grid(
        &dash,
        &Filters {
            unit: Some(id(90)),
            sort: SortBy::PathProgress,
            ..Filters::default()
        },
    );
    let pct: Vec<_> = in_unit
        .rows
        .iter()
        .map(|r| (r.student.name.as_str(), r.percent))
        .collect();
    assert_eq!(pct, [("Cai", Some(0)), ("Ana", Some(50))]);
    for s in SortBy::ALL {
        assert_eq!(SortBy::from_key(s.key()), s);
    }
    assert_eq!(SortBy::from_key("<script>"), SortBy::Name);
}

#[test]
fn whos_stuck_lists_help_first_then_the_longest_idle() {
    let mut d = small_class();
    let t0 = teacher_ctx();
    let groups = d.groups.clone();
    let unit = d.units[0].clone();
    let a = Ctx::new(Actor::student(id(1)), "d1", t0.now);
    let mut pa = Pathway::start(id(100), id(1), &unit, &groups, &a).unwrap();
    pa.set_status(id(91), StepStatus::Done, &at(&a, 8)).unwrap();
    d.pathways.push(pa);
    let c = Ctx::new(Actor::student(id(3)), "d1", t0.now);
    let mut pc = Pathway::start(id(101), id(3), &unit, &groups, &c).unwrap();
    pc.set_status(id(91), StepStatus::Done, &at(&c, 2)).unwrap();
    d.pathways.push(pc);
    d.help
        .push(HelpFlag::raise(id(110), id(1), "the map", &at(&a, 9)).unwrap());
    let now = at(&t0, 10).now;
    let dash = build(&d, now);
    let stuck = whos_stuck(&dash, now, 7);
    let names: Vec<_> = stuck.iter().map(|s| s.name.as_str()).collect();
    // Ana asked for help; ben never moved (10 days since joining); Cai 8 days idle.
    assert_eq!(names, ["Ana", "ben", "Cai"]);
    assert_eq!(stuck[0].words(now), "Asked for help 1 day ago.");
    assert_eq!(
        stuck[0].reason,
        StuckReason::Help {
            count: 1,
            since: at(&a, 9).now,
            note: "the map".into()
        }
    );
    assert_eq!(
        stuck[1].words(now),
        "No progress yet, 10 days since joining the class."
    );
    assert_eq!(stuck[2].words(now), "No progress for 8 days.");
    let lenient: Vec<_> = whos_stuck(&dash, now, 9)
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(lenient, ["Ana", "ben"]);
    // Once the help request is answered, Ana is not stuck (she moved 2 days ago).
    d.help[0].resolve(&at(&t0, 10)).unwrap();
    let dash = build(&d, now);
    assert!(whos_stuck(&dash, now, 7).iter().all(|s| s.name != "Ana"));
    // A negative N is treated as 0, never as "everyone forever".
    assert_eq!(whos_stuck(&dash, now, -5).len(), 3);
}

#[test]
fn filters_survive_the_address_and_odd_queries_are_ignored() {
    let f = Filters {
        unit: Some(id(90)),
        group: Some(id(80)),
        goal_state: Some(ReviewState::ChangesRequested),
        sort: SortBy::HelpFirst,
    };
    let q = f.to_query(14);
    assert_eq!(Filters::from_query(&q), (f, Some(14)));
    assert_eq!(Filters::default().to_query(DEFAULT_STUCK_DAYS), "");
    assert_eq!(Filters::from_query(""), (Filters::default(), None));
    let (odd, days) =
        Filters::from_query("?unit=%3Cscript%3E&state=nope&sort=&days=9999&x&=&&group=");
    assert_eq!(odd, Filters::default());
    assert_eq!(days, None, "only the offered day counts are taken");
}

#[test]
fn words_and_short_texts() {
    let now = Timestamp(100 * DAY);
    assert_eq!(ago_words(None, now), "never");
    assert_eq!(ago_words(Some(Timestamp(now.0 + DAY)), now), "just now");
    assert_eq!(
        ago_words(Some(Timestamp(now.0 - 3 * DAY)), now),
        "3 days ago"
    );
    assert_eq!(short_text("I can summarize", 26), "summarize");
    assert_eq!(short_text("  ", 26), "");
    assert_eq!(
        short_text("Supercalifragilisticexpialidocious words", 10),
        "Supercali…"
    );
    assert_eq!(level_words(&[], 9), "level 10");
    for s in ReviewState::ALL {
        assert_eq!(state_from_key(state_key(s)), Some(s));
    }
    assert_eq!(state_from_key("nope"), None);
    assert_eq!(state_short(ReviewState::ChangesRequested), "to revise");
}

#[test]
fn the_demo_class_has_known_cells_and_a_student_asking_for_help() {
    let today = Timestamp(1_760_000_000_000).day();
    let data = demo_class(7, today, "d1");
    let now = today.start().plus_days(1);
    let dash = build(&data, now);
    assert_eq!(dash.students.len(), 6);
    assert_eq!(dash.targets.len(), 5);
    // The sample gives Amara (the first student) a self-assessment of level index 2
    // on the second target, and always leaves her first help request open.
    let amara = dash.students.iter().find(|s| s.name == "Amara").unwrap();
    let cell = dash.cells[&(amara.id, dash.targets[1].id)];
    assert_eq!(cell.own, Some(2));
    assert_eq!(dash.targets[1].text, "I can explain the theme of a poem");
    let stuck = whos_stuck(&dash, now, 7);
    assert!(stuck
        .iter()
        .any(|s| s.name == "Amara" && matches!(s.reason, StuckReason::Help { .. })));
    assert_eq!(dash.groups.len(), 3);
    assert_eq!(dash.units.len(), 1);
}

#[test]
fn the_class_year_builds_quickly_enough_to_test() {
    let data = sample_class(
        1,
        &SampleScale::class_year(),
        Timestamp(1_756_684_800_000),
        "d1",
    );
    let now = Timestamp(1_756_684_800_000).plus_days(200);
    let dash = build(&data, now);
    assert_eq!(dash.students.len(), 35);
    assert_eq!(dash.targets.len(), 30);
    let g = grid(&dash, &Filters::default());
    assert_eq!(g.rows.len(), 35);
    assert!(g.rows.iter().all(|r| r.cells.len() == 30));
    let rated = g
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|c| !c.is_empty())
        .count();
    assert!(rated > 100, "{rated} rated cells");
}
