//! The review queue as the page shows it, as pure functions tested on the host: one row
//! per waiting item (whose, what, a short text), moving to the next item, what opens
//! after a decision, and everything the open item shows.

use std::collections::HashMap;

use crate::domain::comment::thread;
use crate::domain::summary::{review_queue, QueueItem, QueueKind};
use crate::domain::{
    ClassData, CommentOn, Day, FormatChoice, FormatRef, Goal, GoalField, HelpFlag, Id, ReviewState,
    Role, Timestamp,
};
use crate::words::{month_name, weekday_name};

/// Which item is open: its kind and record (a goal can wait as a submission or as a claim).
pub type Key = (QueueKind, Id);

/// One line of the queue.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The item.
    pub item: QueueItem,
    /// The student's name.
    pub name: String,
    /// A short text: the "I will", the idea, the help note.
    pub summary: String,
}

impl Row {
    /// The row's key.
    pub fn key(&self) -> Key {
        (self.item.kind, self.item.record)
    }
}

/// Longest summary shown in a row, in characters.
const SUMMARY_CHARS: usize = 90;

/// `text` on one line, cut at [`SUMMARY_CHARS`] with an ellipsis.
pub fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= SUMMARY_CHARS {
        return one_line;
    }
    let cut: String = one_line.chars().take(SUMMARY_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The queue, oldest first, with names and short texts.
pub fn queue_rows(d: &ClassData) -> Vec<Row> {
    let queue = review_queue(d);
    if queue.is_empty() {
        return Vec::new();
    }
    let names: HashMap<Id, &str> = d
        .students
        .iter()
        .map(|s| (s.meta.id, s.name.as_str()))
        .collect();
    let goals: HashMap<Id, &Goal> = d.goals.iter().map(|g| (g.meta.id, g)).collect();
    let goal_text = |id: Id| {
        goals
            .get(&id)
            .map(|g| g.i_will.trim())
            .filter(|t| !t.is_empty())
            .map_or_else(|| "A goal without an “I will” yet".to_string(), short)
    };
    queue
        .into_iter()
        .map(|item| {
            let summary = match item.kind {
                QueueKind::Goal | QueueKind::AchievementClaim => goal_text(item.record),
                QueueKind::OwnIdea => d
                    .get::<FormatChoice>(item.record)
                    .map(|c| short(&c.idea))
                    .unwrap_or_default(),
                QueueKind::Help => d
                    .get::<HelpFlag>(item.record)
                    .map(|h| h.note.trim())
                    .filter(|n| !n.is_empty())
                    .map_or_else(|| "No note".to_string(), short),
            };
            Row {
                name: names
                    .get(&item.student)
                    .map_or_else(|| "A student".to_string(), |n| n.to_string()),
                summary,
                item,
            }
        })
        .collect()
}

/// The item `step` places away from `current` (+1 next, -1 previous), staying at the ends.
/// With nothing open, any step opens the first (oldest) item.
pub fn step_from(rows: &[Row], current: Option<Key>, step: isize) -> Option<Key> {
    let last = rows.len().checked_sub(1)?;
    let pos = current.and_then(|k| rows.iter().position(|r| r.key() == k));
    let to = match pos {
        None => 0,
        Some(p) => p.saturating_add_signed(step).min(last),
    };
    rows.get(to).map(Row::key)
}

/// After a decision on `decided`, the item to open: the one that came after it and is
/// still waiting, else the one before it, else nothing (the queue is empty).
pub fn after_decision(before: &[Row], after: &[Row], decided: Key) -> Option<Key> {
    let waiting = |k: Key| after.iter().any(|r| r.key() == k);
    let Some(pos) = before.iter().position(|r| r.key() == decided) else {
        return after.first().map(Row::key);
    };
    before[pos + 1..]
        .iter()
        .map(Row::key)
        .find(|k| waiting(*k))
        .or_else(|| {
            before[..pos]
                .iter()
                .rev()
                .map(Row::key)
                .find(|k| waiting(*k))
        })
        .or_else(|| after.first().map(Row::key))
}

/// "1 of 9": where the open item is in the queue.
pub fn position_words(rows: &[Row], current: Key) -> Option<String> {
    let p = rows.iter().position(|r| r.key() == current)?;
    Some(format!("{} of {}", p + 1, rows.len()))
}

/// The parts of a goal the teacher can point a comment at, in the form's order.
pub const ANCHORS: [GoalField; 6] = [
    GoalField::IWill,
    GoalField::SuccessCriteria,
    GoalField::Plan,
    GoalField::Supports,
    GoalField::Date,
    GoalField::Targets,
];

/// The name of a part of a goal, as the form shows it.
pub fn field_label(f: GoalField) -> &'static str {
    match f {
        GoalField::Targets => "Learning targets",
        GoalField::IWill => "I will",
        GoalField::SuccessCriteria => "Success criteria",
        GoalField::Plan => "Plan",
        GoalField::Supports => "Supports",
        GoalField::Date => "Target date",
        GoalField::Format => "Product format",
    }
}

/// "the plan", for sentences.
pub fn field_words(f: GoalField) -> &'static str {
    match f {
        GoalField::Targets => "the learning targets",
        GoalField::IWill => "the “I will”",
        GoalField::SuccessCriteria => "the success criteria",
        GoalField::Plan => "the plan",
        GoalField::Supports => "the supports",
        GoalField::Date => "the date",
        GoalField::Format => "the product format",
    }
}

/// The value a `<select>` option carries for an anchor ("" for the whole goal).
pub fn anchor_value(f: Option<GoalField>) -> &'static str {
    match f {
        None => "",
        Some(GoalField::Targets) => "t",
        Some(GoalField::IWill) => "w",
        Some(GoalField::SuccessCriteria) => "k",
        Some(GoalField::Plan) => "p",
        Some(GoalField::Supports) => "su",
        Some(GoalField::Date) => "dt",
        Some(GoalField::Format) => "f",
    }
}

/// Reads a `<select>` value back (anything unknown is "the whole goal").
pub fn parse_anchor(v: &str) -> Option<GoalField> {
    ANCHORS
        .into_iter()
        .chain([GoalField::Format])
        .find(|f| anchor_value(Some(*f)) == v)
}

/// "Friday 14 March 2025".
pub fn day_words(day: Day) -> String {
    let (y, m, d) = day.ymd();
    format!("{} {d} {} {y}", weekday_name(day), month_name(m))
}

/// Who wrote a comment, from the teacher's side.
fn author_words(names: &HashMap<Id, &str>, c: &crate::domain::Comment) -> String {
    match c.author.role {
        Role::Teacher => "You".to_string(),
        Role::Student if c.author.id == c.student => names
            .get(&c.student)
            .map_or_else(|| "The student".to_string(), |n| n.to_string()),
        Role::Student => names
            .get(&c.author.id)
            .map_or_else(|| "A classmate".to_string(), |n| format!("{n} (classmate)")),
        Role::Family => "Family".to_string(),
    }
}

/// A comment in a thread, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadLine {
    /// "You", the student's name, "Ben (classmate)".
    pub author: String,
    /// The comment.
    pub text: String,
    /// The part it is about.
    pub about: Option<GoalField>,
    /// When.
    pub at: Timestamp,
}

fn thread_lines(d: &ClassData, on: CommentOn) -> Vec<ThreadLine> {
    let names: HashMap<Id, &str> = d
        .students
        .iter()
        .map(|s| (s.meta.id, s.name.as_str()))
        .collect();
    thread(&d.comments, on)
        .into_iter()
        .map(|c| ThreadLine {
            author: author_words(&names, c),
            text: c.text.clone(),
            about: c.anchor,
            at: c.meta.created,
        })
        .collect()
}

fn student_name(d: &ClassData, id: Id) -> String {
    d.students
        .iter()
        .find(|s| s.meta.id == id)
        .map_or_else(|| "A student".to_string(), |s| s.name.clone())
}

/// Everything the open goal shows.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalView {
    /// The goal (its texts, state, marks, claim).
    pub goal: Goal,
    /// The student's name.
    pub name: String,
    /// Its targets: "I can …" and the standard code.
    pub targets: Vec<(String, String)>,
    /// How the student will show it (format choices for this goal).
    pub formats: Vec<String>,
    /// Paths through units that work toward the same targets: unit title and percent.
    pub paths: Vec<(String, u8)>,
    /// The teacher's last change request before this submission, if it was sent back once.
    pub earlier_request: Option<(String, Option<GoalField>)>,
    /// The comment thread.
    pub thread: Vec<ThreadLine>,
}

fn format_name(d: &ClassData, f: FormatRef) -> String {
    match f {
        FormatRef::Builtin(b) => b.name().to_string(),
        FormatRef::Custom(id) => d
            .formats
            .iter()
            .find(|p| p.meta.id == id)
            .map_or_else(|| "A format of yours".to_string(), |p| p.name.clone()),
    }
}

/// The open goal, or `None` if it is gone.
pub fn goal_view(d: &ClassData, id: Id) -> Option<GoalView> {
    let goal = d.get::<Goal>(id).filter(|g| !g.meta.deleted)?.clone();
    let targets = goal
        .targets
        .iter()
        .map(|t| {
            d.targets.iter().find(|x| x.meta.id == *t).map_or_else(
                || {
                    (
                        "A learning target that was removed".to_string(),
                        String::new(),
                    )
                },
                |x| (x.text.clone(), x.code.clone()),
            )
        })
        .collect();
    let formats = d
        .choices
        .iter()
        .filter(|c| !c.meta.deleted && c.goal == Some(id))
        .map(|c| match c.format {
            Some(f) => format_name(d, f),
            None => format!("Own idea ({}): {}", c.state.label(), c.idea.trim()),
        })
        .collect();
    let paths = d
        .pathways
        .iter()
        .filter(|p| p.student == goal.student && !p.meta.deleted)
        .filter_map(|p| {
            let unit = d
                .units
                .iter()
                .find(|u| u.meta.id == p.unit && !u.meta.deleted)?;
            unit.targets
                .iter()
                .any(|t| goal.targets.contains(t))
                .then(|| (unit.title.clone(), p.progress_percent()))
        })
        .collect();
    // The change request that came before the latest submission.
    let last_submit = goal
        .history
        .iter()
        .rposition(|t| t.to == ReviewState::Submitted);
    let earlier_request = last_submit.and_then(|p| {
        goal.history[..p]
            .iter()
            .rev()
            .find(|t| t.to == ReviewState::ChangesRequested)
            .map(|t| (t.why.clone(), t.anchor))
    });
    Some(GoalView {
        name: student_name(d, goal.student),
        targets,
        formats,
        paths,
        earlier_request,
        thread: thread_lines(d, CommentOn::Goal(id)),
        goal,
    })
}

/// Everything an own-idea proposal shows.
#[derive(Clone, Debug, PartialEq)]
pub struct IdeaView {
    /// The proposal.
    pub choice: FormatChoice,
    /// The student's name.
    pub name: String,
    /// What it is for: "the unit Short stories", "their goal “I will …”".
    pub for_what: String,
    /// The unit's menu, for context.
    pub menu: Vec<String>,
    /// The comment thread.
    pub thread: Vec<ThreadLine>,
}

/// The open own idea, or `None` if it is gone.
pub fn idea_view(d: &ClassData, id: Id) -> Option<IdeaView> {
    let choice = d
        .get::<FormatChoice>(id)
        .filter(|c| !c.meta.deleted)?
        .clone();
    let unit = choice
        .unit
        .and_then(|u| d.units.iter().find(|x| x.meta.id == u));
    let for_what = match (unit, choice.goal) {
        (Some(u), _) => format!("the unit {}", u.title),
        (None, Some(g)) => d.get::<Goal>(g).map_or_else(
            || "a goal".to_string(),
            |g| format!("the goal “{}”", short(g.i_will.trim())),
        ),
        _ => "their work".to_string(),
    };
    let menu = unit
        .map(|u| u.formats.iter().map(|f| format_name(d, *f)).collect())
        .unwrap_or_default();
    Some(IdeaView {
        name: student_name(d, choice.student),
        for_what,
        menu,
        thread: thread_lines(d, CommentOn::Format(id)),
        choice,
    })
}

/// Everything a help request shows.
#[derive(Clone, Debug, PartialEq)]
pub struct HelpView {
    /// The flag.
    pub flag: HelpFlag,
    /// The student's name.
    pub name: String,
    /// Where the student is: unit title and the next activity on their path.
    pub next_steps: Vec<(String, String)>,
}

/// The open help request, or `None` if it is gone.
pub fn help_view(d: &ClassData, id: Id) -> Option<HelpView> {
    let flag = d.get::<HelpFlag>(id).filter(|h| !h.meta.deleted)?.clone();
    let next_steps = d
        .pathways
        .iter()
        .filter(|p| p.student == flag.student && !p.meta.deleted)
        .filter_map(|p| {
            let unit = d
                .units
                .iter()
                .find(|u| u.meta.id == p.unit && !u.meta.deleted)?;
            let step = p.next_step()?;
            let activity = unit.activity(step.activity)?;
            Some((unit.title.clone(), activity.title.clone()))
        })
        .collect();
    Some(HelpView {
        name: student_name(d, flag.student),
        next_steps,
        flag,
    })
}

pub use crate::words::sentence;

/// Lines of a textarea as list entries: trimmed, blank lines dropped.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::testing::{id, teacher_ctx};
    use crate::domain::sample::{demo_class, sample_class, SampleScale};
    use crate::domain::ReviewState;

    fn demo() -> ClassData {
        demo_class(7, Day(20_000), "dev1")
    }

    #[test]
    fn rows_name_the_student_and_say_what_waits_oldest_first() {
        let d = demo();
        let rows = queue_rows(&d);
        assert_eq!(rows.len(), review_queue(&d).len());
        assert!(rows.windows(2).all(|w| w[0].item.since <= w[1].item.since));
        let submitted = d
            .goals
            .iter()
            .filter(|g| g.state == ReviewState::Submitted)
            .count();
        assert_eq!(
            rows.iter()
                .filter(|r| r.item.kind == QueueKind::Goal)
                .count(),
            submitted
        );
        for r in &rows {
            assert!(!r.name.is_empty() && r.name != "A student", "{r:?}");
            assert!(!r.summary.is_empty(), "{r:?}");
        }
        let goal_row = rows
            .iter()
            .find(|r| r.item.kind == QueueKind::Goal)
            .unwrap();
        assert!(goal_row.summary.starts_with("I will"), "{goal_row:?}");
    }

    #[test]
    fn long_texts_are_cut_on_one_line() {
        let long = "word ".repeat(100);
        let s = short(&long);
        assert!(s.chars().count() <= SUMMARY_CHARS, "{}", s.chars().count());
        assert!(s.ends_with('…'));
        assert_eq!(short("  two\n lines "), "two lines");
        assert_eq!(short("مرحبا 🌟"), "مرحبا 🌟");
    }

    fn rows_of(keys: &[(QueueKind, u8)]) -> Vec<Row> {
        keys.iter()
            .enumerate()
            .map(|(n, (kind, r))| Row {
                item: QueueItem {
                    kind: *kind,
                    student: id(1),
                    record: id(*r),
                    since: Timestamp(n as i64),
                },
                name: "Ana".into(),
                summary: "x".into(),
            })
            .collect()
    }

    #[test]
    fn next_and_previous_stay_at_the_ends_and_start_with_the_oldest() {
        let g = QueueKind::Goal;
        let rows = rows_of(&[(g, 1), (g, 2), (g, 3)]);
        assert_eq!(step_from(&rows, None, 1), Some((g, id(1))));
        assert_eq!(step_from(&rows, None, -1), Some((g, id(1))));
        assert_eq!(step_from(&rows, Some((g, id(1))), 1), Some((g, id(2))));
        assert_eq!(step_from(&rows, Some((g, id(3))), 1), Some((g, id(3))));
        assert_eq!(step_from(&rows, Some((g, id(1))), -1), Some((g, id(1))));
        assert_eq!(step_from(&[], None, 1), None);
        assert_eq!(position_words(&rows, (g, id(2))).as_deref(), Some("2 of 3"));
    }

    #[test]
    fn after_a_decision_the_next_waiting_item_opens() {
        let g = QueueKind::Goal;
        let h = QueueKind::Help;
        let before = rows_of(&[(g, 1), (h, 2), (g, 3)]);
        let after = rows_of(&[(g, 1), (g, 3)]);
        assert_eq!(
            after_decision(&before, &after, (h, id(2))),
            Some((g, id(3)))
        );
        // The last one decided: the one before it.
        let after = rows_of(&[(g, 1), (h, 2)]);
        assert_eq!(
            after_decision(&before, &after, (g, id(3))),
            Some((h, id(2)))
        );
        // Nothing left.
        assert_eq!(after_decision(&before, &[], (g, id(1))), None);
        // Something new arrived while deciding an item the list no longer knew.
        let fresh = rows_of(&[(g, 7)]);
        assert_eq!(after_decision(&[], &fresh, (g, id(1))), Some((g, id(7))));
    }

    #[test]
    fn anchors_round_trip_through_the_select() {
        for f in ANCHORS {
            assert_eq!(parse_anchor(anchor_value(Some(f))), Some(f));
            assert!(!field_label(f).is_empty() && field_words(f).starts_with("the "));
        }
        assert_eq!(parse_anchor(""), None);
        assert_eq!(parse_anchor("nonsense"), None);
    }

    #[test]
    fn dates_read_as_words() {
        assert_eq!(
            day_words(Day::parse("2025-03-14").unwrap()),
            "Friday 14 March 2025"
        );
        assert_eq!(day_words(Day(0)), "Thursday 1 January 1970");
        assert_eq!(
            day_words(Day::parse("2024-02-29").unwrap()),
            "Thursday 29 February 2024"
        );
    }

    #[test]
    fn a_goal_opens_with_its_targets_thread_and_an_earlier_request() {
        let mut d = demo();
        let g = d
            .goals
            .iter()
            .find(|g| g.state == ReviewState::Submitted)
            .unwrap()
            .meta
            .id;
        let v = goal_view(&d, g).unwrap();
        assert!(!v.targets.is_empty());
        assert!(v.targets[0].0.starts_with("I can"), "{:?}", v.targets);
        assert!(v.earlier_request.is_none());
        // Sent back once, then submitted again: the earlier request is shown.
        let t = teacher_ctx();
        let goal = d.goals.iter_mut().find(|x| x.meta.id == g).unwrap();
        let mut later = t.clone();
        later.now = Timestamp(goal.since().0 + 1_000);
        goal.request_changes("Add a date", Some(GoalField::Date), &later)
            .unwrap();
        let mut sctx = later.clone();
        sctx.by = crate::domain::Actor::student(goal.student);
        sctx.now = Timestamp(later.now.0 + 1_000);
        goal.submit(&sctx).unwrap();
        let v = goal_view(&d, g).unwrap();
        assert_eq!(
            v.earlier_request,
            Some(("Add a date".to_string(), Some(GoalField::Date)))
        );
        assert!(goal_view(&d, id(99)).is_none());
    }

    #[test]
    fn the_class_year_queue_builds_rows_and_views_for_every_item() {
        let start = Day::parse("2025-09-02").map(Day::start).unwrap_or_default();
        let d = sample_class(2025, &SampleScale::class_year(), start, "d1");
        let t = std::time::Instant::now();
        let rows = queue_rows(&d);
        // Reported, not asserted: machines differ.
        println!(
            "class-year: {} records, {} waiting, rows built in {:?}",
            d.len(),
            rows.len(),
            t.elapsed()
        );
        assert!(rows.len() > 20, "{} rows", rows.len());
        for r in &rows {
            let shown = match r.item.kind {
                QueueKind::Goal | QueueKind::AchievementClaim => {
                    goal_view(&d, r.item.record).is_some()
                }
                QueueKind::OwnIdea => idea_view(&d, r.item.record).is_some(),
                QueueKind::Help => help_view(&d, r.item.record).is_some(),
            };
            assert!(shown, "{r:?}");
        }
    }

    #[test]
    fn errors_read_as_sentences() {
        assert_eq!(
            sentence("your comment is too long."),
            "Your comment is too long."
        );
        assert_eq!(sentence("Already fine."), "Already fine.");
        assert_eq!(sentence(""), "");
        assert_eq!(sentence("élan"), "Élan");
    }

    #[test]
    fn textarea_lines_drop_blanks() {
        assert_eq!(lines(" a \n\n  \nb"), ["a", "b"]);
        assert!(lines("").is_empty());
    }
}
