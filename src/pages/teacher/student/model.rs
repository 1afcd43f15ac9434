//! What the teacher's page for one student shows, as plain values built from
//! [`ClassData`] by pure functions (tested on the host). The page only draws them.

use std::collections::HashMap;

use crate::domain::rating::{history, latest_pair, MasteryScale};
use crate::domain::summary::student_progress;
use crate::domain::{time::Day, validate};
use crate::domain::{
    ClassData, Comment, CommentOn, DomainError, EvidenceFor, Id, Rating, RatingKind, ReviewState,
    Role, StudentProfile, Timestamp,
};
use crate::words::month_short;

/// The student as the page's title and sentences name them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Who {
    /// Full name as the roster has it.
    pub name: String,
    /// First name, for short sentences ("Ben's view").
    pub first: String,
    /// Archived (hidden from the class, work kept).
    pub archived: bool,
}

/// The student, unless they were never on this device or were deleted.
pub fn who(d: &ClassData, student: Id) -> Option<Who> {
    let s = d
        .get::<StudentProfile>(student)
        .filter(|s| !s.meta.deleted)?;
    let name = s.name.trim().to_string();
    let first = name.split_whitespace().next().unwrap_or(&name).to_string();
    Some(Who {
        name,
        first,
        archived: s.archived,
    })
}

/// One learning target of the class: id, "I can" statement, standard code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TargetLine {
    /// The target.
    pub id: Id,
    /// "I can …".
    pub text: String,
    /// Standard code (may be empty).
    pub code: String,
}

/// The class's active targets, in the teacher's order.
pub fn targets(d: &ClassData, student: Id) -> Vec<TargetLine> {
    student_progress(d, student)
        .targets
        .iter()
        .map(|row| TargetLine {
            id: row.target.meta.id,
            text: row.target.text.clone(),
            code: row.target.code.clone(),
        })
        .collect()
}

/// The latest self-assessment and teacher rating of one student on one target (owned,
/// for a signal), and every earlier one of both kinds, newest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RatingsOnTarget {
    /// The student's latest view.
    pub own: Option<Rating>,
    /// The teacher's latest rating.
    pub teacher: Option<Rating>,
    /// Earlier ratings of both kinds, newest first.
    pub earlier: Vec<Rating>,
}

/// The ratings of `student` on `target`, side by side, never combined.
pub fn ratings_on(d: &ClassData, student: Id, target: Id) -> RatingsOnTarget {
    let pair = latest_pair(&d.ratings, student, target);
    let shown: Vec<Id> = [pair.own, pair.teacher]
        .into_iter()
        .flatten()
        .map(|r| r.meta.id)
        .collect();
    let mut earlier: Vec<Rating> = history(&d.ratings, student, target, RatingKind::SelfAssessment)
        .into_iter()
        .chain(history(&d.ratings, student, target, RatingKind::Teacher))
        .filter(|r| !shown.contains(&r.meta.id))
        .cloned()
        .collect();
    earlier.sort_by_key(|r| std::cmp::Reverse((r.meta.created, r.meta.id)));
    RatingsOnTarget {
        own: pair.own.cloned(),
        teacher: pair.teacher.cloned(),
        earlier,
    }
}

/// A level's name on `scale`, or "Level N" when the scale has changed since.
pub fn level_name(scale: &MasteryScale, level: u8) -> String {
    scale
        .level(level)
        .map(|l| l.label.clone())
        .unwrap_or_else(|| format!("Level {}", u16::from(level) + 1))
}

/// The order the teacher meets goal states in: what needs them first.
pub const STATE_ORDER: [ReviewState; 5] = [
    ReviewState::Submitted,
    ReviewState::ChangesRequested,
    ReviewState::Approved,
    ReviewState::Draft,
    ReviewState::Achieved,
];

/// A goal state in the teacher's words.
pub fn state_words(state: ReviewState) -> &'static str {
    match state {
        ReviewState::Submitted => "Waiting for your review",
        ReviewState::ChangesRequested => "Changes requested",
        ReviewState::Approved => "Approved, in progress",
        ReviewState::Draft => "Drafts (not sent to you yet)",
        ReviewState::Achieved => "Achieved",
    }
}

/// One goal in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalLine {
    /// The goal.
    pub id: Id,
    /// Its "I will" sentence (or a stand-in when empty).
    pub title: String,
    /// When it reached its state.
    pub since: Timestamp,
    /// The student says it is achieved and waits for the teacher.
    pub claimed: bool,
}

/// A goal's title: its "I will" sentence on one line.
pub fn goal_title(i_will: &str) -> String {
    let one_line = i_will.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        "A goal without words yet".into()
    } else {
        one_line
    }
}

/// The student's goals grouped by state in [`STATE_ORDER`] (empty groups left out),
/// newest first within a group.
pub fn goals_by_state(d: &ClassData, student: Id) -> Vec<(ReviewState, Vec<GoalLine>)> {
    STATE_ORDER
        .iter()
        .filter_map(|state| {
            let mut v: Vec<GoalLine> = d
                .goals
                .iter()
                .filter(|g| !g.meta.deleted && g.student == student && g.state == *state)
                .map(|g| GoalLine {
                    id: g.meta.id,
                    title: goal_title(&g.i_will),
                    since: g.since(),
                    claimed: g.claim.is_some() && g.state == ReviewState::Approved,
                })
                .collect();
            v.sort_by_key(|g| std::cmp::Reverse((g.since, g.id)));
            (!v.is_empty()).then_some((*state, v))
        })
        .collect()
}

/// A piece of evidence as the teacher sees it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EvidenceLine {
    /// The evidence.
    pub id: Id,
    /// What the student wrote.
    pub text: String,
    /// The link, when it is a safe http(s) link.
    pub link: Option<String>,
    /// A link that failed the check (shown as plain text, never as a link).
    pub bad_link: Option<String>,
    /// "For the goal: …" or "For the target: …".
    pub for_words: String,
    /// When it was added.
    pub at: Timestamp,
    /// The student shares it with their family.
    pub family_shared: bool,
}

/// A heading for a piece of evidence: the start of its text, else its link.
pub fn evidence_title(text: &str, link: &str) -> String {
    let source = if text.trim().is_empty() { link } else { text };
    short(source, 70)
}

/// `text` on one line, cut near `max` characters with "…".
pub fn short(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// The student's evidence, newest first.
pub fn evidence_lines(d: &ClassData, student: Id) -> Vec<EvidenceLine> {
    let goals: HashMap<Id, &str> = d
        .goals
        .iter()
        .map(|g| (g.meta.id, g.i_will.as_str()))
        .collect();
    let targets: HashMap<Id, &str> = d
        .targets
        .iter()
        .map(|t| (t.meta.id, t.text.as_str()))
        .collect();
    let mut v: Vec<EvidenceLine> = d
        .evidence
        .iter()
        .filter(|e| !e.meta.deleted && e.student == student)
        .map(|e| {
            let for_words = match e.on {
                EvidenceFor::Goal(g) => match goals.get(&g) {
                    Some(w) => format!("For the goal: {}", short(&goal_title(w), 90)),
                    None => "For a goal that was removed".into(),
                },
                EvidenceFor::Target(t) => match targets.get(&t) {
                    Some(w) => format!("For the target: {}", short(w, 90)),
                    None => "For a target that was removed".into(),
                },
            };
            let (link, bad_link) = match e.link.trim() {
                "" => (None, None),
                l => match validate::link(l) {
                    Ok(ok) => (Some(ok), None),
                    Err(_) => (None, Some(l.to_string())),
                },
            };
            EvidenceLine {
                id: e.meta.id,
                text: e.text.clone(),
                link,
                bad_link,
                for_words,
                at: e.meta.created,
                family_shared: e.family_shared,
            }
        })
        .collect();
    v.sort_by_key(|e| std::cmp::Reverse((e.at, e.id)));
    v
}

/// A comment in a thread, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentLine {
    /// The comment.
    pub id: Id,
    /// "You", the student's first name, or "Ben (classmate)".
    pub author: String,
    /// The words.
    pub text: String,
    /// When.
    pub at: Timestamp,
}

/// What the student's page has comment threads on: their goals and their evidence.
pub fn commented_on(d: &ClassData, student: Id) -> Vec<CommentOn> {
    let goals = d
        .goals
        .iter()
        .filter(|g| !g.meta.deleted && g.student == student)
        .map(|g| CommentOn::Goal(g.meta.id));
    let evidence = d
        .evidence
        .iter()
        .filter(|e| !e.meta.deleted && e.student == student)
        .map(|e| CommentOn::Evidence(e.meta.id));
    goals.chain(evidence).collect()
}

/// The threads on each of `on`, oldest comment first: one pass over the class's comments
/// for the whole page (a class-year has ten thousand), not one per thread.
pub fn comment_threads(
    d: &ClassData,
    on: impl IntoIterator<Item = CommentOn>,
) -> HashMap<CommentOn, Vec<CommentLine>> {
    let mut threads: HashMap<CommentOn, Vec<&Comment>> =
        on.into_iter().map(|o| (o, Vec::new())).collect();
    for c in d.comments.iter().filter(|c| !c.meta.deleted) {
        if let Some(t) = threads.get_mut(&c.on) {
            t.push(c);
        }
    }
    let names: HashMap<Id, &str> = d
        .students
        .iter()
        .map(|s| (s.meta.id, s.name.as_str()))
        .collect();
    threads
        .into_iter()
        .map(|(on, mut v)| {
            v.sort_by_key(|c| (c.meta.created, c.meta.id));
            let lines = v
                .into_iter()
                .map(|c| CommentLine {
                    id: c.meta.id,
                    author: author_words(&names, c),
                    text: c.text.clone(),
                    at: c.meta.created,
                })
                .collect();
            (on, lines)
        })
        .collect()
}

fn author_words(names: &HashMap<Id, &str>, c: &Comment) -> String {
    match c.author.role {
        Role::Teacher => "You".into(),
        Role::Student if c.author.id == c.student => names
            .get(&c.student)
            .map_or_else(|| "The student".into(), |n| n.to_string()),
        Role::Student => names
            .get(&c.author.id)
            .map_or_else(|| "A classmate".into(), |n| format!("{n} (classmate)")),
        Role::Family => "Family".into(),
    }
}

/// Progress along one unit's path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PathLine {
    /// The pathway.
    pub id: Id,
    /// The unit's title.
    pub unit: String,
    /// Steps done.
    pub done: usize,
    /// Steps on the path.
    pub total: usize,
    /// Percent done, rounded down to tens (for the bar's class).
    pub tens: u8,
}

/// The student's paths, one per unit, in unit order.
pub fn path_lines(d: &ClassData, student: Id) -> Vec<PathLine> {
    let mut v: Vec<(Option<Day>, Timestamp, PathLine)> = d
        .pathways
        .iter()
        .filter(|p| !p.meta.deleted && p.student == student)
        .filter_map(|p| {
            let unit = d
                .units
                .iter()
                .find(|u| u.meta.id == p.unit && !u.meta.deleted)?;
            Some((
                unit.start,
                unit.meta.created,
                PathLine {
                    id: p.meta.id,
                    unit: unit.title.clone(),
                    done: p.steps_done(),
                    total: p.steps.len(),
                    tens: p.progress_tens(),
                },
            ))
        })
        .collect();
    v.sort_by_key(|a| (a.0, a.1, a.2.id));
    v.into_iter().map(|x| x.2).collect()
}

/// "2 of 5 steps done", "No steps chosen yet".
pub fn steps_words(done: usize, total: usize) -> String {
    match (done, total) {
        (_, 0) => "No steps chosen yet".into(),
        (d, 1) => format!("{d} of 1 step done"),
        (d, t) => format!("{d} of {t} steps done"),
    }
}

/// An open help request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpLine {
    /// The flag.
    pub id: Id,
    /// The student's note (may be empty).
    pub note: String,
    /// When they asked.
    pub at: Timestamp,
}

/// The student's open help requests, oldest first.
pub fn open_help(d: &ClassData, student: Id) -> Vec<HelpLine> {
    let mut v: Vec<HelpLine> = d
        .help
        .iter()
        .filter(|h| h.is_open() && h.student == student)
        .map(|h| HelpLine {
            id: h.meta.id,
            note: h.note.clone(),
            at: h.meta.created,
        })
        .collect();
    v.sort_by_key(|h| (h.at, h.id));
    v
}

/// The last time the student themselves changed anything of theirs.
pub fn last_activity(d: &ClassData, student: Id) -> Option<Timestamp> {
    let theirs = |m: &crate::domain::Meta| {
        (!m.deleted && m.updated_by.role == Role::Student && m.updated_by.id == student)
            .then_some(m.updated)
    };
    macro_rules! latest {
        ($($f:ident),*) => {
            [$(d.$f.iter().filter(|r| r.student == student).filter_map(|r| theirs(&r.meta)).max()),*]
        };
    }
    latest!(
        goals,
        pathways,
        evidence,
        reflections,
        comments,
        help,
        choices,
        ratings
    )
    .into_iter()
    .flatten()
    .max()
}

/// "today", "yesterday", "3 days ago", else the date ("14 Mar 2026"); `day` and `today`
/// are days on the device's calendar.
pub fn day_words(day: Day, today: Day) -> String {
    match i64::from(today.0) - i64::from(day.0) {
        0 => "today".into(),
        1 => "yesterday".into(),
        n @ 2..=6 => format!("{n} days ago"),
        _ => {
            let (y, m, d) = day.ymd();
            format!("{d} {} {y}", month_short(m))
        }
    }
}

pub use crate::words::sentence;

/// What to say when the teacher saves a rating without choosing a level.
pub const CHOOSE_LEVEL: &str = "Choose a level first, then save the rating.";

/// The level the teacher picked in the list ("" = none yet), checked against the scale.
pub fn chosen_level(value: &str, scale: &MasteryScale) -> Result<u8, String> {
    if value.is_empty() {
        return Err(CHOOSE_LEVEL.into());
    }
    value
        .parse::<u8>()
        .ok()
        .filter(|l| scale.level(*l).is_some())
        .ok_or_else(|| sentence(DomainError::OutOfRange("That level")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::{Actor, Ctx};
    use crate::domain::sample::demo_class;
    use crate::domain::{Evidence, Goal, HelpFlag, LearningTarget};

    fn at(ms: i64) -> Timestamp {
        Timestamp(1_757_000_000_000 + ms)
    }
    fn ctx(by: Actor, ms: i64) -> Ctx {
        Ctx::new(by, "d1", at(ms))
    }
    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    /// A class with one student "Ben Ortiz", one target, one goal, one piece of evidence.
    fn small() -> (ClassData, Id, Id) {
        let teacher = Actor::teacher(id(200));
        let s = id(1);
        let mut d = ClassData::default();
        d.put(StudentProfile::new(s, "Ben  Ortiz", "", &ctx(teacher, 0)).unwrap());
        let t = LearningTarget::new(
            id(50),
            "I can find the main idea",
            "RL.5.2",
            "ELA",
            0,
            &ctx(teacher, 0),
        )
        .unwrap();
        d.put(t);
        (d, s, id(50))
    }

    #[test]
    fn latest_self_and_teacher_side_by_side_and_the_rest_is_history() {
        let (mut d, s, t) = small();
        let scale = MasteryScale::default();
        let me = Actor::student(s);
        let teacher = Actor::teacher(id(200));
        d.put(Rating::new(id(60), s, t, 0, "first", &scale, &ctx(me, 10)).unwrap());
        d.put(Rating::new(id(61), s, t, 1, "now", &scale, &ctx(me, 20)).unwrap());
        d.put(Rating::new(id(62), s, t, 2, "", &scale, &ctx(teacher, 15)).unwrap());
        d.put(Rating::new(id(63), s, t, 3, "great", &scale, &ctx(teacher, 30)).unwrap());
        // Another target and another student do not leak in.
        d.put(Rating::new(id(64), s, id(51), 3, "", &scale, &ctx(me, 40)).unwrap());
        let r = ratings_on(&d, s, t);
        assert_eq!(r.own.as_ref().map(|r| r.level), Some(1));
        assert_eq!(r.teacher.as_ref().map(|r| r.level), Some(3));
        let earlier: Vec<Id> = r.earlier.iter().map(|r| r.meta.id).collect();
        assert_eq!(earlier, [id(62), id(60)], "newest first, both kinds");
        assert!(ratings_on(&d, id(2), t).own.is_none());
        assert_eq!(level_name(&scale, 2), "Proficient");
        assert_eq!(level_name(&scale, 9), "Level 10");
    }

    #[test]
    fn the_level_list_needs_a_choice_on_the_scale() {
        let scale = MasteryScale::default();
        assert_eq!(chosen_level("", &scale), Err(CHOOSE_LEVEL.to_string()));
        assert_eq!(chosen_level("2", &scale), Ok(2));
        assert!(chosen_level("7", &scale).is_err());
        assert!(chosen_level("x", &scale).is_err());
    }

    #[test]
    fn goals_grouped_with_what_needs_the_teacher_first() {
        let (mut d, s, _) = small();
        let me = Actor::student(s);
        let mut a = Goal::new(id(100), s, &ctx(me, 0)).unwrap();
        a.i_will = "I will read\n two  books".into();
        d.put(a);
        let mut b = Goal::new(id(101), s, &ctx(me, 5)).unwrap();
        b.state = ReviewState::Submitted;
        d.put(b);
        let mut other = Goal::new(id(102), id(2), &ctx(Actor::student(id(2)), 0)).unwrap();
        other.state = ReviewState::Submitted;
        d.put(other);
        let groups = goals_by_state(&d, s);
        let states: Vec<ReviewState> = groups.iter().map(|g| g.0).collect();
        assert_eq!(states, [ReviewState::Submitted, ReviewState::Draft]);
        assert_eq!(groups[1].1[0].title, "I will read two books");
        assert_eq!(groups[0].1[0].title, "A goal without words yet");
        assert_eq!(
            state_words(ReviewState::Submitted),
            "Waiting for your review"
        );
    }

    #[test]
    fn evidence_says_what_it_is_for_and_never_trusts_an_odd_link() {
        let (mut d, s, t) = small();
        let me = Actor::student(s);
        d.put(
            Evidence::new(
                id(30),
                s,
                EvidenceFor::Target(t),
                "My notes",
                "https://example.org/n",
                &ctx(me, 1),
            )
            .unwrap(),
        );
        let mut odd = Evidence::new(
            id(31),
            s,
            EvidenceFor::Goal(id(99)),
            "",
            "https://x.org",
            &ctx(me, 2),
        )
        .unwrap();
        // Imported from an older or tampered file.
        odd.link = "javascript:alert(1)".into();
        d.put(odd);
        let lines = evidence_lines(&d, s);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].id, id(31), "newest first");
        assert_eq!(lines[0].link, None);
        assert_eq!(lines[0].bad_link.as_deref(), Some("javascript:alert(1)"));
        assert_eq!(lines[0].for_words, "For a goal that was removed");
        assert_eq!(lines[1].link.as_deref(), Some("https://example.org/n"));
        assert_eq!(
            lines[1].for_words,
            "For the target: I can find the main idea"
        );
        assert_eq!(evidence_title("", "https://x.org"), "https://x.org");
        assert_eq!(short("one two three", 8), "one two…");
    }

    #[test]
    fn comments_help_and_last_activity() {
        let (mut d, s, _) = small();
        let me = Actor::student(s);
        let teacher = Actor::teacher(id(200));
        let on = CommentOn::Evidence(id(30));
        d.put(Comment::new(id(70), s, on, None, "Nice work", &ctx(teacher, 5)).unwrap());
        d.put(Comment::new(id(71), s, on, None, "Thanks!", &ctx(me, 9)).unwrap());
        let lines = &comment_threads(&d, [on])[&on];
        let authors: Vec<&str> = lines.iter().map(|l| l.author.as_str()).collect();
        assert_eq!(authors, ["You", "Ben  Ortiz"]);
        // Every thread asked for is there, empty when nobody commented; no other.
        let other = CommentOn::Goal(id(31));
        let threads = comment_threads(&d, [other, on]);
        assert_eq!((threads.len(), threads[&other].len()), (2, 0));
        let mut h = HelpFlag::raise(id(80), s, "stuck", &ctx(me, 12)).unwrap();
        d.put(h.clone());
        assert_eq!(open_help(&d, s).len(), 1);
        assert_eq!(last_activity(&d, s), Some(at(12)));
        h.resolve(&ctx(teacher, 50)).unwrap();
        d.put(h);
        assert!(open_help(&d, s).is_empty());
        assert_eq!(
            last_activity(&d, s),
            Some(at(9)),
            "the teacher's change is not theirs"
        );
        assert_eq!(who_first(&d, s), "Ben");
        assert_eq!(who(&d, id(9)), None);
    }

    fn who_first(d: &ClassData, s: Id) -> String {
        who(d, s).map(|w| w.first).unwrap_or_default()
    }

    #[test]
    fn words_for_days_and_steps() {
        let today = Day::parse("2026-11-22").unwrap();
        assert_eq!(day_words(today, today), "today");
        assert_eq!(day_words(Day(today.0 - 1), today), "yesterday");
        assert_eq!(day_words(Day(today.0 - 3), today), "3 days ago");
        assert_eq!(
            day_words(Day::parse("2026-03-14").unwrap(), today),
            "14 Mar 2026"
        );
        assert_eq!(steps_words(0, 0), "No steps chosen yet");
        assert_eq!(steps_words(1, 1), "1 of 1 step done");
        assert_eq!(steps_words(2, 5), "2 of 5 steps done");
        assert_eq!(sentence("that level"), "That level");
    }

    #[test]
    fn the_sample_class_gives_every_part_something_to_show() {
        let d = demo_class(7, Day::parse("2026-11-22").unwrap(), "d1");
        let s = d.active_students()[0].meta.id;
        assert!(!targets(&d, s).is_empty());
        assert!(!goals_by_state(&d, s).is_empty());
        assert!(!path_lines(&d, s).is_empty());
        assert!(last_activity(&d, s).is_some());
    }
}
