//! A deterministic generator of realistic class data: the demo "sample class" a teacher
//! can try (and remove in one step: every record has `meta.demo`), and the class-year
//! data set used by the storage benchmark. No `rand`: a tiny xorshift generator keeps the
//! output identical for a seed on every platform.
//!
//! Histories are produced by calling the real rules (submit, request changes, approve…),
//! so the sample data is also a large test that the rules allow a realistic year.
//!
//! Rooms: `rng` (the generator), `scale` (how big a class), `words` (the phrases the
//! sample is made of); generating the class itself is here.

use super::class::Class;
use super::comment::{Comment, CommentOn};
use super::data::ClassData;
use super::evidence::{Evidence, EvidenceFor};
use super::format::{BuiltinFormat, ChoiceFor, FormatChoice, FormatRef};
use super::goal::{Goal, GoalText};
use super::help::HelpFlag;
use super::ids::Id;
use super::pathway::{Pathway, StepStatus};
use super::rating::{MasteryScale, Rating};
use super::record::{Actor, Ctx, Record};
use super::reflection::{Prompt, Reflection};
use super::review::GoalField;
use super::student::{Group, LearnerProfile, StudentProfile};
use super::target::LearningTarget;
use super::time::{Day, Timestamp};
use super::unit::{Activity, Assignment, Unit, WayIn, WayKind};

#[cfg(test)]
mod breakdown;
mod rng;
mod scale;
#[cfg(test)]
mod tests;
mod words;

pub use rng::Rng;
pub use scale::SampleScale;
use words::*;

struct Gen<'a> {
    rng: Rng,
    device: &'a str,
    teacher: Actor,
    demo: bool,
}

impl Gen<'_> {
    fn ctx(&self, by: Actor, now: Timestamp) -> Ctx {
        Ctx::new(by, self.device, now)
    }
    fn mark<T: Record>(&self, mut r: T) -> T {
        r.meta_mut().demo = self.demo;
        r
    }
}

/// Generates a class. `start` is the first school day; the year runs ~180 days from it;
/// `device` is the version-vector device id used for every change.
pub fn sample_class(seed: u64, scale: &SampleScale, start: Timestamp, device: &str) -> ClassData {
    let mut rng = Rng::new(seed);
    let teacher = Actor::teacher(rng.id());
    let mut g = Gen {
        rng,
        device,
        teacher,
        demo: scale.demo,
    };
    let mut data = ClassData::default();
    let tctx = g.ctx(teacher, start.plus_days(-7));
    let class_id = g.rng.id();
    if let Ok(c) = Class::new(
        class_id,
        if scale.demo {
            "Sample class"
        } else {
            "Room 12"
        },
        "5",
        "ELA",
        &tctx,
    ) {
        data.classes.push(g.mark(c));
    }

    // Targets.
    for i in 0..scale.targets {
        let text = format!(
            "I can {} {}",
            CAN_VERBS[i % CAN_VERBS.len()],
            CAN_OBJECTS[(i / CAN_VERBS.len() + i) % CAN_OBJECTS.len()]
        );
        let code = format!("CCSS.ELA-LITERACY.RL.5.{}", i + 1);
        if let Ok(t) = LearningTarget::new(g.rng.id(), &text, &code, "ELA", i as u32, &tctx) {
            data.targets.push(g.mark(t));
        }
    }
    let target_ids: Vec<Id> = data.targets.iter().map(|t| t.meta.id).collect();

    // Students and groups.
    for i in 0..scale.students {
        let name = match i / FIRST_NAMES.len() {
            0 => FIRST_NAMES[i % FIRST_NAMES.len()].to_string(),
            n => format!(
                "{} {}",
                FIRST_NAMES[i % FIRST_NAMES.len()],
                char::from(b'A' + (n % 26) as u8)
            ),
        };
        let avatar = g.rng.pick(AVATARS);
        let Ok(mut s) = StudentProfile::new(g.rng.id(), &name, avatar, &tctx) else {
            continue;
        };
        let sctx = g.ctx(Actor::student(s.meta.id), start.plus_days(1));
        let mut pick_some = |list: &[&str], n: usize| -> Vec<String> {
            (0..n)
                .map(|_| g.rng.pick(list).to_string())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        let profile = LearnerProfile {
            interests: pick_some(INTERESTS, 2),
            strengths: pick_some(STRENGTHS, 1),
            how_i_learn: pick_some(LEARN, 1),
            how_i_show: pick_some(SHOW, 1),
            supports: pick_some(SUPPORTS, 1),
        };
        let _ = s.set_profile(profile, &sctx);
        data.students.push(g.mark(s));
    }
    let student_ids: Vec<Id> = data.students.iter().map(|s| s.meta.id).collect();
    for (k, name) in ["Book club A", "Book club B", "Needs a check-in"]
        .iter()
        .enumerate()
    {
        let members: Vec<Id> = student_ids.iter().copied().skip(k).step_by(3).collect();
        if let Ok(gr) = Group::new(g.rng.id(), name, &members, &tctx) {
            data.groups.push(g.mark(gr));
        }
    }

    // Units (choice boards), spread over the year.
    // The demo is a month of school ending about today (nothing dated ahead of the
    // teacher's clock); the benchmark scales spread over a school year.
    let year_days = if scale.demo { 28i64 } else { 180i64 };
    for u in 0..scale.units {
        let Ok(mut unit) = Unit::new(g.rng.id(), UNIT_TITLES[u % UNIT_TITLES.len()], &tctx) else {
            continue;
        };
        unit.description =
            "Choose how you will meet the targets: do the must-dos, then pick your may-dos.".into();
        let len = (year_days / scale.units.max(1) as i64).max(5);
        unit.start = Some(start.plus_days(u as i64 * len).day());
        unit.end = Some(start.plus_days(u as i64 * len + len - 1).day());
        if scale.demo {
            // The demo's unit is still running: it ends two months after it started.
            unit.end = Some(start.plus_days(60).day());
        }
        unit.targets = (0..4.min(target_ids.len()))
            .map(|k| target_ids[(u * 4 + k) % target_ids.len()])
            .collect();
        unit.formats = BuiltinFormat::ALL
            .iter()
            .skip(u % 4)
            .take(4)
            .map(|b| FormatRef::Builtin(*b))
            .collect();
        for a in 0..scale.activities_per_unit {
            let must = a < 2;
            let ways = match a % 3 {
                0 => vec![WayIn {
                    kind: WayKind::Watch,
                    text: "Watch the mini-lesson video.".into(),
                    link: "https://example.org/lesson".into(),
                }],
                1 => vec![
                    WayIn {
                        kind: WayKind::Read,
                        text: "Read the story in the book or on screen.".into(),
                        link: String::new(),
                    },
                    WayIn {
                        kind: WayKind::Listen,
                        text: "Listen to the audiobook while you follow along.".into(),
                        link: String::new(),
                    },
                ],
                _ => vec![
                    WayIn {
                        kind: WayKind::HandsOn,
                        text: "Use the cards to build the story in order.".into(),
                        link: String::new(),
                    },
                    WayIn {
                        kind: WayKind::Read,
                        text: "Read the instructions card.".into(),
                        link: String::new(),
                    },
                ],
            };
            if let Ok(mut act) = Activity::new(
                g.rng.id(),
                ACTIVITY_TITLES[(a + u) % ACTIVITY_TITLES.len()],
                must,
                ways,
            ) {
                if a == scale.activities_per_unit - 1 && !student_ids.is_empty() {
                    act.assign = Assignment::Student(student_ids[u % student_ids.len()]);
                    act.tier = "extra support".into();
                }
                unit.activities.push(act);
            }
        }
        unit.may_dos_required = 2.min(scale.activities_per_unit.saturating_sub(2)) as u8;
        data.units.push(g.mark(unit));
    }

    let scale_levels = MasteryScale::default();
    let span = |rng: &mut Rng, from: i64| {
        start.plus_days(from + rng.below(6) as i64).0
            + rng.below(8 * 3_600_000) as i64
            + 8 * 3_600_000
    };

    // Per student: pathways, format choices, goals, ratings, help flags.
    let units = data.units.clone();
    let groups = data.groups.clone();
    for (si, &sid) in student_ids.iter().enumerate() {
        let me = Actor::student(sid);
        for (ui, unit) in units.iter().enumerate() {
            let day0 = unit
                .start
                .map_or(0, |d| i64::from(d.0) - i64::from(start.day().0));
            let mut now = Timestamp(span(&mut g.rng, day0));
            let sctx = g.ctx(me, now);
            let Ok(mut p) = Pathway::start(g.rng.id(), sid, unit, &groups, &sctx) else {
                continue;
            };
            let may: Vec<Id> = unit
                .activities_for(sid, &groups)
                .filter(|a| !a.must)
                .map(|a| a.id)
                .collect();
            for k in 0..usize::from(unit.may_dos_required).min(may.len()) {
                let _ = p.add(unit, may[(k + si) % may.len()], &groups, &sctx);
            }
            if p.steps.len() > 1 && g.rng.chance(40) {
                let last = p.steps[p.steps.len() - 1].activity;
                let _ = p.move_to(last, 0, &sctx);
            }
            let finished = ui + 1 < units.len() || scale.units == 1;
            let steps: Vec<(Id, Option<WayKind>)> = p
                .steps
                .iter()
                .map(|s| {
                    (
                        s.activity,
                        unit.activity(s.activity).and_then(|a| {
                            a.ways.get(g.rng.below(a.ways.len().max(1))).map(|w| w.kind)
                        }),
                    )
                })
                .collect();
            for (k, (aid, way)) in steps.iter().enumerate() {
                now = now.plus_days(1 + g.rng.below(3) as i64);
                let c = g.ctx(me, now);
                if let Some(w) = way {
                    let _ = p.choose_way(unit, *aid, *w, &c);
                }
                let _ = p.set_status(*aid, StepStatus::Started, &c);
                if finished || k + 1 < steps.len() / 2 + 1 {
                    let _ = p.set_status(*aid, StepStatus::Done, &g.ctx(me, now.plus_days(1)));
                }
                if g.rng.chance(15) {
                    let _ = p.set_note(*aid, "Finished early, I liked this one", &c);
                }
            }
            data.pathways.push(g.mark(p));
            // A product format for the unit: mostly from the menu, sometimes an own idea.
            let c = g.ctx(me, now);
            let why = format!("It fits me because I like {}", g.rng.pick(SHOW));
            if g.rng.chance(12) {
                if let Ok(mut fc) = FormatChoice::propose(
                    g.rng.id(),
                    sid,
                    ChoiceFor::Unit(unit.meta.id),
                    "A stop-motion video with clay figures of the characters",
                    &why,
                    &c,
                ) {
                    let _ = fc.submit(&c);
                    let t = g.ctx(teacher, now.plus_days(1));
                    if finished {
                        let _ = fc.approve("Go for it!", &t);
                    }
                    data.choices.push(g.mark(fc));
                }
            } else if let Some(f) = unit.formats.get(g.rng.below(unit.formats.len())) {
                if let Ok(fc) = FormatChoice::choose(
                    g.rng.id(),
                    sid,
                    ChoiceFor::Unit(unit.meta.id),
                    *f,
                    &why,
                    &unit.formats,
                    &c,
                ) {
                    data.choices.push(g.mark(fc));
                }
            }
        }

        // Goals: older ones mostly achieved, recent ones in every state.
        let n = scale.goals_per_student;
        for k in 0..n {
            // The demo's month starts a little earlier for goals, so that the reviews
            // and achievements that follow a goal are behind the teacher's today too.
            let lead_in = if scale.demo { 16 } else { 0 };
            let day = (k as i64 * year_days) / n.max(1) as i64 - lead_in;
            let mut now = Timestamp(span(&mut g.rng, day));
            let c = g.ctx(me, now);
            let Ok(mut goal) = Goal::new(g.rng.id(), sid, &c) else {
                continue;
            };
            let text = GoalText {
                targets: if target_ids.is_empty() {
                    vec![]
                } else {
                    vec![target_ids[(k + si) % target_ids.len()]]
                },
                i_will: format!(
                    "I will {} {} {}",
                    g.rng.pick(WILL_VERBS),
                    g.rng.pick(WILL_OBJECTS),
                    g.rng.pick(WILL_WHEN)
                ),
                criteria: vec![format!("I'll know I've got it when {}", g.rng.pick(KNOW))],
                plan: vec![g.rng.pick(PLAN).to_string(), g.rng.pick(PLAN).to_string()],
                supports: vec![g.rng.pick(HOME).to_string()],
                date: Some(now.plus_days(14 + g.rng.below(14) as i64).day()),
            };
            let _ = goal.edit(text, &c);
            // Where this goal ends up: the last goals of the year spread over all states.
            let remaining = n - k;
            let target_state = if scale.demo {
                k % 5
            } else if remaining <= 5 {
                remaining - 1
            } else if g.rng.chance(75) {
                4
            } else {
                3
            };
            // target_state: 0 draft, 1 submitted, 2 changes requested, 3 approved, 4 achieved
            if target_state >= 1 {
                now = now.plus_days(1);
                let _ = goal.submit(&g.ctx(me, now));
                if g.rng.chance(15) {
                    let _ = goal.withdraw(&g.ctx(me, now));
                    now = now.plus_days(1);
                    let _ = goal.submit(&g.ctx(me, now));
                }
            }
            let needs_changes = target_state == 2 || (target_state >= 3 && g.rng.chance(35));
            if needs_changes {
                now = now.plus_days(1);
                let why = g.rng.pick(TEACHER_SAYS);
                let _ = goal.request_changes(
                    why,
                    Some(GoalField::SuccessCriteria),
                    &g.ctx(teacher, now),
                );
                if target_state >= 3 {
                    now = now.plus_days(1);
                    let mut t = goal.text();
                    t.criteria = vec![format!("I'll know I've got it when {}", g.rng.pick(KNOW))];
                    let c = g.ctx(me, now);
                    let _ = goal.edit(t, &c);
                    let _ = goal.submit(&c);
                }
            }
            if target_state >= 3 {
                now = now.plus_days(1);
                let _ = goal.approve("", &g.ctx(teacher, now));
            }
            if target_state == 4 {
                now = now.plus_days(7 + g.rng.below(14) as i64);
                if g.rng.chance(40) {
                    let _ = goal.claim_achieved(&g.ctx(me, now));
                    now = now.plus_days(1);
                }
                let _ = goal.achieve(
                    if g.rng.chance(30) { "You did it!" } else { "" },
                    &g.ctx(teacher, now),
                );
            } else if target_state == 3 && remaining <= 5 && g.rng.chance(50) {
                let _ = goal.claim_achieved(&g.ctx(me, now.plus_days(2)));
            }
            if g.rng.chance(5) {
                let _ = goal.set_family_shared(false, &g.ctx(me, now));
            }
            data.goals.push(g.mark(goal));
        }

        // Ratings: for the targets of each unit, a self-assessment and (often) the teacher's,
        // near the unit's end (the demo's unit is still running: near the month's end).
        for (ui, unit) in units.iter().enumerate() {
            let day0 = unit
                .end
                .map_or(0, |d| i64::from(d.0) - i64::from(start.day().0))
                .min(year_days);
            for (ti, t) in unit.targets.iter().enumerate() {
                if (ui + ti + si) % 3 == 0 {
                    continue;
                }
                let lvl = (1 + (si + ti) % 3) as u8;
                let now = Timestamp(span(&mut g.rng, day0 - 3));
                if let Ok(r) =
                    Rating::new(g.rng.id(), sid, *t, lvl, "", &scale_levels, &g.ctx(me, now))
                {
                    data.ratings.push(g.mark(r));
                }
                if g.rng.chance(70) {
                    let tl = lvl.saturating_sub(u8::from(g.rng.chance(30))).min(3);
                    if let Ok(r) = Rating::new(
                        g.rng.id(),
                        sid,
                        *t,
                        tl,
                        "",
                        &scale_levels,
                        &g.ctx(teacher, now.plus_days(2)),
                    ) {
                        data.ratings.push(g.mark(r));
                    }
                }
            }
        }

        // Help flags: a couple per student, mostly resolved; the odd one still open.
        for h in 0..(1 + g.rng.below(3)) {
            let now = Timestamp({
                let d = g.rng.below(year_days as usize) as i64;
                span(&mut g.rng, d)
            });
            let note = if g.rng.chance(60) {
                "I'm stuck on the story map, I don't get the middle part"
            } else {
                ""
            };
            if let Ok(mut flag) = HelpFlag::raise(g.rng.id(), sid, note, &g.ctx(me, now)) {
                match (h, si % 7) {
                    (0, 0) => {}
                    _ if g.rng.chance(15) => {
                        let _ = flag.withdraw(&g.ctx(me, now.plus_days(0)));
                    }
                    _ => {
                        let _ = flag.resolve(&g.ctx(teacher, now.plus_days(1)));
                    }
                }
                data.help.push(g.mark(flag));
            }
        }
    }

    // Evidence, reflections, comments: class totals spread over students.
    let goals_of = |data: &ClassData, sid: Id| -> Vec<Id> {
        data.goals
            .iter()
            .filter(|x| x.student == sid)
            .map(|x| x.meta.id)
            .collect()
    };
    let mut goal_index: std::collections::HashMap<Id, Vec<Id>> = std::collections::HashMap::new();
    for &sid in &student_ids {
        goal_index.insert(sid, goals_of(&data, sid));
    }
    let random_student = |rng: &mut Rng| student_ids.get(rng.below(student_ids.len())).copied();
    for _ in 0..scale.evidence {
        let Some(sid) = random_student(&mut g.rng) else {
            break;
        };
        let now = Timestamp({
            let d = g.rng.below(year_days as usize) as i64;
            span(&mut g.rng, d)
        });
        let goals = goal_index.get(&sid).cloned().unwrap_or_default();
        let on = if !goals.is_empty() && g.rng.chance(70) {
            EvidenceFor::Goal(goals[g.rng.below(goals.len())])
        } else if !target_ids.is_empty() {
            EvidenceFor::Target(target_ids[g.rng.below(target_ids.len())])
        } else {
            continue;
        };
        let text = format!("{} {}", g.rng.pick(EVIDENCE_TEXT), g.rng.pick(BECAUSE));
        let link = if g.rng.chance(40) {
            format!("https://docs.example.org/d/{}", g.rng.id())
        } else {
            String::new()
        };
        if let Ok(mut e) = Evidence::new(
            g.rng.id(),
            sid,
            on,
            &text,
            &link,
            &g.ctx(Actor::student(sid), now),
        ) {
            if g.rng.chance(35) {
                let _ = e.set_family_shared(true, &g.ctx(Actor::student(sid), now));
            }
            data.evidence.push(g.mark(e));
        }
    }
    for _ in 0..scale.reflections {
        let Some(sid) = random_student(&mut g.rng) else {
            break;
        };
        let now = Timestamp({
            let d = g.rng.below(year_days as usize) as i64;
            span(&mut g.rng, d)
        });
        let (prompt, text) = match g.rng.below(4) {
            0 => (Prompt::WentWell, sentence(&mut g.rng, WENT_WELL, BECAUSE)),
            1 => (Prompt::WasHard, sentence(&mut g.rng, WAS_HARD, BECAUSE)),
            2 => (Prompt::Next, sentence(&mut g.rng, NEXT, BECAUSE)),
            _ => (
                Prompt::Free,
                format!(
                    "{}. {}",
                    g.rng.pick(WENT_WELL),
                    sentence(&mut g.rng, NEXT, BECAUSE)
                ),
            ),
        };
        let goals = goal_index.get(&sid).cloned().unwrap_or_default();
        let goal = (!goals.is_empty() && g.rng.chance(50)).then(|| goals[g.rng.below(goals.len())]);
        let c = g.ctx(Actor::student(sid), now);
        if let Ok(mut r) = Reflection::new(g.rng.id(), sid, prompt, &text, goal, &c) {
            if g.rng.chance(30) {
                let _ = r.set_family_shared(true, &c);
            }
            data.reflections.push(g.mark(r));
        }
    }
    for _ in 0..scale.comments {
        let Some(sid) = random_student(&mut g.rng) else {
            break;
        };
        let goals = goal_index.get(&sid).cloned().unwrap_or_default();
        if goals.is_empty() {
            continue;
        }
        let gid = goals[g.rng.below(goals.len())];
        let now = Timestamp({
            let d = g.rng.below(year_days as usize) as i64;
            span(&mut g.rng, d)
        });
        let roll = g.rng.below(10);
        let (by, text, anchor) = if roll < 7 {
            let anchor = [
                None,
                Some(GoalField::Plan),
                Some(GoalField::SuccessCriteria),
                Some(GoalField::IWill),
            ][g.rng.below(4)];
            (teacher, g.rng.pick(TEACHER_SAYS).to_string(), anchor)
        } else if roll < 9 && student_ids.len() > 1 {
            let peer = student_ids
                [(student_ids.iter().position(|x| *x == sid).unwrap_or(0) + 1) % student_ids.len()];
            (
                Actor::student(peer),
                g.rng.pick(PEER_SAYS).to_string(),
                None,
            )
        } else {
            (
                Actor::student(sid),
                "Thanks! I added a step to my plan.".to_string(),
                None,
            )
        };
        if let Ok(c) = Comment::new(
            g.rng.id(),
            sid,
            CommentOn::Goal(gid),
            anchor,
            &text,
            &g.ctx(by, now),
        ) {
            data.comments.push(g.mark(c));
        }
    }
    let _ = g.teacher;
    data
}

/// The demo class a teacher can try, removable in one step (`ClassData::without_demo`):
/// about a month of school that ends today, its unit still running.
pub fn demo_class(seed: u64, today: Day, device: &str) -> ClassData {
    sample_class(
        seed,
        &SampleScale::demo(),
        today.start().plus_days(-35),
        device,
    )
}

/// UTF-16 code units the data would take in localStorage if each (student, kind) and each
/// setup kind were one key, with `key_overhead` units per key: the quota measure.
pub fn storage_units(data: &ClassData, key_overhead: usize) -> usize {
    use super::data::for_each_kind;
    let mut total = 0;
    macro_rules! measure {
        ($f:ident, $t:ty) => {
            let mut buckets: std::collections::BTreeMap<Option<Id>, Vec<&$t>> = Default::default();
            for r in &data.$f {
                buckets.entry(r.owner()).or_default().push(r);
            }
            for (_, recs) in buckets {
                let json = serde_json::to_string(&recs).unwrap_or_default();
                total += json.encode_utf16().count() + key_overhead;
            }
        };
    }
    for_each_kind!(measure);
    total
}
