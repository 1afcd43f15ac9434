//! Derived views, as pure functions over [`ClassData`]: what a student sees on their home,
//! what the teacher sees for the class, and what a family sees for one child. Nothing
//! here is stored (derived state would only go stale and take space).

use std::collections::HashMap;

use super::comment::{Comment, CommentOn};
use super::data::ClassData;
use super::evidence::{Evidence, EvidenceFor};
use super::format::{FormatChoice, FormatRef};
use super::goal::Goal;
use super::help::HelpFlag;
use super::ids::Id;
use super::pathway::{Pathway, Step, StepStatus};
use super::rating::{latest_pair, RatingKind, SideBySide};
use super::record::Role;
use super::reflection::Reflection;
use super::review::{GoalState, ReviewState};
use super::student::StudentProfile;
use super::target::LearningTarget;
use super::time::Timestamp;
use super::unit::{Activity, Unit};

/// Goals counted per state, indexed by [`ReviewState::index`].
pub type GoalCounts = [usize; 5];

fn count_goals<'a>(goals: impl IntoIterator<Item = &'a Goal>) -> GoalCounts {
    let mut c = [0; 5];
    for g in goals {
        if !g.meta.deleted {
            c[g.state.index()] += 1;
        }
    }
    c
}

/// Records of one student, gathered once so that views over 35 students stay linear.
struct Owned<'a> {
    goals: Vec<&'a Goal>,
    pathways: Vec<&'a Pathway>,
    evidence: Vec<&'a Evidence>,
    reflections: Vec<&'a Reflection>,
    comments: Vec<&'a Comment>,
    help: Vec<&'a HelpFlag>,
    choices: Vec<&'a FormatChoice>,
    ratings: Vec<&'a super::rating::Rating>,
}

fn by_student(data: &ClassData) -> HashMap<Id, Owned<'_>> {
    let mut m: HashMap<Id, Owned<'_>> = HashMap::new();
    fn slot<'a, 'm>(m: &'m mut HashMap<Id, Owned<'a>>, id: Id) -> &'m mut Owned<'a> {
        m.entry(id).or_insert_with(|| Owned {
            goals: Vec::new(),
            pathways: Vec::new(),
            evidence: Vec::new(),
            reflections: Vec::new(),
            comments: Vec::new(),
            help: Vec::new(),
            choices: Vec::new(),
            ratings: Vec::new(),
        })
    }
    macro_rules! gather {
        ($f:ident) => {
            for r in data.$f.iter().filter(|r| !r.meta.deleted) {
                slot(&mut m, r.student).$f.push(r);
            }
        };
    }
    gather!(goals);
    gather!(pathways);
    gather!(evidence);
    gather!(reflections);
    gather!(comments);
    gather!(help);
    gather!(choices);
    gather!(ratings);
    m
}

fn one_student(data: &ClassData, student: Id) -> Owned<'_> {
    macro_rules! pick {
        ($f:ident) => {
            data.$f
                .iter()
                .filter(|r| !r.meta.deleted && r.student == student)
                .collect()
        };
    }
    Owned {
        goals: pick!(goals),
        pathways: pick!(pathways),
        evidence: pick!(evidence),
        reflections: pick!(reflections),
        comments: pick!(comments),
        help: pick!(help),
        choices: pick!(choices),
        ratings: pick!(ratings),
    }
}

fn targets_in_order(data: &ClassData) -> Vec<&LearningTarget> {
    let mut t: Vec<_> = data
        .targets
        .iter()
        .filter(|t| !t.meta.deleted && !t.retired)
        .collect();
    t.sort_by_key(|t| (t.order, t.meta.id));
    t
}

/// One target on a student's progress page: their own latest view beside the teacher's.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetRow<'a> {
    /// The target.
    pub target: &'a LearningTarget,
    /// Latest self-assessment and teacher rating, never combined.
    pub ratings: SideBySide<'a>,
}

/// The next thing to do on one pathway.
#[derive(Clone, Debug, PartialEq)]
pub struct NextStep<'a> {
    /// The unit.
    pub unit: &'a Unit,
    /// The activity.
    pub activity: &'a Activity,
    /// The step (status, way, note).
    pub step: &'a Step,
    /// Progress along this path, in percent.
    pub percent: u8,
}

/// Something waiting for the teacher.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QueueKind {
    /// A submitted goal.
    Goal,
    /// A submitted own-idea format.
    OwnIdea,
    /// An open help flag.
    Help,
    /// A student says a goal is achieved.
    AchievementClaim,
}

/// One item in the review queue (or in a student's "waiting for my teacher").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueItem {
    /// What it is.
    pub kind: QueueKind,
    /// Whose.
    pub student: Id,
    /// The goal, format choice or help flag id.
    pub record: Id,
    /// Waiting since.
    pub since: Timestamp,
}

fn queue_of(o: &Owned<'_>, student: Id, out: &mut Vec<QueueItem>) {
    for g in &o.goals {
        if g.state == GoalState::Submitted {
            out.push(QueueItem {
                kind: QueueKind::Goal,
                student,
                record: g.meta.id,
                since: g.since(),
            });
        }
        if let (GoalState::Approved, Some(at)) = (g.state, g.claim) {
            out.push(QueueItem {
                kind: QueueKind::AchievementClaim,
                student,
                record: g.meta.id,
                since: at,
            });
        }
    }
    for c in &o.choices {
        if c.is_own_idea() && c.state == ReviewState::Submitted {
            out.push(QueueItem {
                kind: QueueKind::OwnIdea,
                student,
                record: c.meta.id,
                since: c.since(),
            });
        }
    }
    for h in &o.help {
        if h.is_open() {
            out.push(QueueItem {
                kind: QueueKind::Help,
                student,
                record: h.meta.id,
                since: h.meta.created,
            });
        }
    }
}

fn sort_queue(q: &mut [QueueItem]) {
    q.sort_by_key(|i| (i.since, i.kind, i.record));
}

/// A student's home: how am I doing, what's next, what's waiting, what did my teacher say.
#[derive(Clone, Debug, PartialEq)]
pub struct StudentProgress<'a> {
    /// Goals per state.
    pub goals_by_state: GoalCounts,
    /// Each active target with latest self and teacher ratings side by side.
    pub targets: Vec<TargetRow<'a>>,
    /// The next step of each pathway that is not finished.
    pub next_steps: Vec<NextStep<'a>>,
    /// Things waiting for the teacher, oldest first.
    pub waiting: Vec<QueueItem>,
    /// Goals where the teacher asked for changes (the comment is on the goal).
    pub changes_requested: Vec<&'a Goal>,
    /// The teacher's latest feedback, newest first (at most 5).
    pub latest_feedback: Vec<&'a Comment>,
}

/// Builds a student's progress summary.
pub fn student_progress(data: &ClassData, student: Id) -> StudentProgress<'_> {
    let o = one_student(data, student);
    let targets = targets_in_order(data)
        .into_iter()
        .map(|t| TargetRow {
            target: t,
            ratings: latest_pair(o.ratings.iter().copied(), student, t.meta.id),
        })
        .collect();
    let units: HashMap<Id, &Unit> = data
        .units
        .iter()
        .filter(|u| !u.meta.deleted)
        .map(|u| (u.meta.id, u))
        .collect();
    let mut next_steps = Vec::new();
    for p in &o.pathways {
        let (Some(unit), Some(step)) = (units.get(&p.unit), p.next_step()) else {
            continue;
        };
        if let Some(activity) = unit.activity(step.activity) {
            next_steps.push(NextStep {
                unit,
                activity,
                step,
                percent: p.progress_percent(),
            });
        }
    }
    next_steps.sort_by_key(|n| (n.unit.start, n.unit.meta.created, n.unit.meta.id));
    let mut waiting = Vec::new();
    queue_of(&o, student, &mut waiting);
    sort_queue(&mut waiting);
    let mut changes_requested: Vec<&Goal> = o
        .goals
        .iter()
        .copied()
        .filter(|g| g.state == GoalState::ChangesRequested)
        .collect();
    changes_requested.sort_by_key(|g| (g.since(), g.meta.id));
    let mut latest_feedback: Vec<&Comment> = o
        .comments
        .iter()
        .copied()
        .filter(|c| c.is_feedback())
        .collect();
    latest_feedback.sort_by_key(|c| std::cmp::Reverse((c.meta.created, c.meta.id)));
    latest_feedback.truncate(5);
    StudentProgress {
        goals_by_state: count_goals(o.goals.iter().copied()),
        targets,
        next_steps,
        waiting,
        changes_requested,
        latest_feedback,
    }
}

/// Why a student shows up in "who's stuck".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stuck {
    /// They asked for help and nobody has answered yet.
    OpenHelp,
    /// No progress for this many days.
    NoProgress {
        /// Whole days since the last progress.
        days: i64,
    },
}

/// One student's row on the class dashboard.
#[derive(Clone, Debug, PartialEq)]
pub struct StudentRow<'a> {
    /// The student.
    pub student: &'a StudentProfile,
    /// Goals per state.
    pub goals_by_state: GoalCounts,
    /// Average progress over their pathways (None without a pathway).
    pub path_percent: Option<u8>,
    /// The last time the student themselves changed anything.
    pub last_activity: Option<Timestamp>,
    /// The last time they moved forward: a step started or done, evidence, a reflection,
    /// a self-assessment, a goal submitted.
    pub last_progress: Option<Timestamp>,
    /// Open help flags.
    pub open_help: usize,
    /// In "who's stuck", and why (an open help flag comes first).
    pub stuck: Option<Stuck>,
}

/// The class dashboard.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassOverview<'a> {
    /// One row per active student, in name order.
    pub rows: Vec<StudentRow<'a>>,
    /// Everything waiting for the teacher, oldest first.
    pub queue: Vec<QueueItem>,
    /// Latest (self, teacher) level per (student, target); absent when neither exists.
    pub grid: HashMap<(Id, Id), (Option<u8>, Option<u8>)>,
}

impl ClassOverview<'_> {
    /// The rows in "who's stuck".
    pub fn stuck(&self) -> impl Iterator<Item = &StudentRow<'_>> {
        self.rows.iter().filter(|r| r.stuck.is_some())
    }
}

/// Builds the class overview. A student is stuck with an open help flag, or when their
/// last progress (or, without any, their profile's creation) is `stuck_after_days` or
/// more days before `now`.
pub fn class_overview(
    data: &ClassData,
    now: Timestamp,
    stuck_after_days: i64,
) -> ClassOverview<'_> {
    let owned = by_student(data);
    let empty = Owned {
        goals: vec![],
        pathways: vec![],
        evidence: vec![],
        reflections: vec![],
        comments: vec![],
        help: vec![],
        choices: vec![],
        ratings: vec![],
    };
    let mut rows = Vec::new();
    let mut queue = Vec::new();
    // (created, id, level) of the latest self and teacher rating per (student, target).
    type Latest = Option<(Timestamp, Id, u8)>;
    let mut grid: HashMap<(Id, Id), (Latest, Latest)> = HashMap::new();
    for s in data.active_students() {
        let id = s.meta.id;
        let o = owned.get(&id).unwrap_or(&empty);
        queue_of(o, id, &mut queue);
        let by_me = |m: &super::record::Meta| {
            (m.updated_by.role == Role::Student && m.updated_by.id == id).then_some(m.updated)
        };
        let last_activity = o
            .goals
            .iter()
            .map(|r| &r.meta)
            .chain(o.pathways.iter().map(|r| &r.meta))
            .chain(o.evidence.iter().map(|r| &r.meta))
            .chain(o.reflections.iter().map(|r| &r.meta))
            .chain(o.comments.iter().map(|r| &r.meta))
            .chain(o.help.iter().map(|r| &r.meta))
            .chain(o.choices.iter().map(|r| &r.meta))
            .chain(o.ratings.iter().map(|r| &r.meta))
            .filter_map(by_me)
            .max();
        let last_progress = o
            .pathways
            .iter()
            .filter_map(|p| p.last_progress())
            .chain(o.evidence.iter().map(|e| e.meta.created))
            .chain(o.reflections.iter().map(|r| r.meta.created))
            .chain(
                o.ratings
                    .iter()
                    .filter(|r| r.kind == RatingKind::SelfAssessment)
                    .map(|r| r.meta.created),
            )
            .chain(
                o.goals
                    .iter()
                    .flat_map(|g| g.history.iter())
                    .filter(|t| t.to == GoalState::Submitted && t.actor(id).id == id)
                    .map(|t| t.at),
            )
            .max();
        let open_help = o.help.iter().filter(|h| h.is_open()).count();
        let since = last_progress.unwrap_or(s.meta.created);
        let idle = since.days_until(now);
        let stuck = if open_help > 0 {
            Some(Stuck::OpenHelp)
        } else if idle >= stuck_after_days {
            Some(Stuck::NoProgress { days: idle })
        } else {
            None
        };
        let path_percent = match o.pathways.len() {
            0 => None,
            n => Some(
                (o.pathways
                    .iter()
                    .map(|p| usize::from(p.progress_percent()))
                    .sum::<usize>()
                    / n) as u8,
            ),
        };
        for r in &o.ratings {
            let cell = grid.entry((id, r.target)).or_default();
            let slot = match r.kind {
                RatingKind::SelfAssessment => &mut cell.0,
                RatingKind::Teacher => &mut cell.1,
            };
            let key = (r.meta.created, r.meta.id, r.level);
            if slot.is_none_or(|cur| (cur.0, cur.1) < (key.0, key.1)) {
                *slot = Some(key);
            }
        }
        rows.push(StudentRow {
            student: s,
            goals_by_state: count_goals(o.goals.iter().copied()),
            path_percent,
            last_activity,
            last_progress,
            open_help,
            stuck,
        });
    }
    sort_queue(&mut queue);
    let grid = grid
        .into_iter()
        .map(|(k, (a, b))| (k, (a.map(|x| x.2), b.map(|x| x.2))))
        .collect();
    ClassOverview { rows, queue, grid }
}

/// The review queue alone (counts on every teacher page), oldest first.
pub fn review_queue(data: &ClassData) -> Vec<QueueItem> {
    let owned = by_student(data);
    let mut q = Vec::new();
    for s in data
        .students
        .iter()
        .filter(|s| !s.meta.deleted && !s.archived)
    {
        if let Some(o) = owned.get(&s.meta.id) {
            queue_of(o, s.meta.id, &mut q);
        }
    }
    sort_queue(&mut q);
    q
}

impl QueueKind {
    /// Every kind, in the order the queue's counts are shown.
    pub const ALL: [QueueKind; 4] = [
        QueueKind::Goal,
        QueueKind::OwnIdea,
        QueueKind::Help,
        QueueKind::AchievementClaim,
    ];

    /// What it is, for one item in the teacher's list.
    pub fn label(self) -> &'static str {
        match self {
            QueueKind::Goal => "Goal to review",
            QueueKind::OwnIdea => "Own idea to OK",
            QueueKind::Help => "Asked for help",
            QueueKind::AchievementClaim => "Says a goal is achieved",
        }
    }

    /// "1 goal to review", "3 help requests": a count in words.
    pub fn count_words(self, n: usize) -> String {
        let (one, many) = match self {
            QueueKind::Goal => ("goal to review", "goals to review"),
            QueueKind::OwnIdea => ("own idea to OK", "own ideas to OK"),
            QueueKind::Help => ("help request", "help requests"),
            QueueKind::AchievementClaim => ("goal to confirm", "goals to confirm"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// How many items of each kind are waiting: only the kinds present, in
/// [`QueueKind::ALL`] order.
pub fn queue_counts(queue: &[QueueItem]) -> Vec<(QueueKind, usize)> {
    QueueKind::ALL
        .into_iter()
        .map(|k| (k, queue.iter().filter(|i| i.kind == k).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// A length of time in plain words, rounded down: "less than an hour", "1 hour",
/// "3 days", "2 weeks", "3 months". A time in the future (another device's clock) reads
/// as "less than an hour".
pub fn elapsed_words(since: Timestamp, now: Timestamp) -> String {
    const HOUR: i64 = 3_600_000;
    const DAY: i64 = 24 * HOUR;
    let ms = now.0.saturating_sub(since.0).max(0);
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    match ms {
        ms if ms < HOUR => "less than an hour".to_string(),
        ms if ms < DAY => plural(ms / HOUR, "hour"),
        ms if ms < 14 * DAY => plural(ms / DAY, "day"),
        ms if ms < 61 * DAY => plural(ms / (7 * DAY), "week"),
        ms => plural(ms / (30 * DAY), "month"),
    }
}

/// "waiting 3 days": how long an item has waited for the teacher.
pub fn waiting_words(since: Timestamp, now: Timestamp) -> String {
    format!("waiting {}", elapsed_words(since, now))
}

/// A goal as a family sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyGoal<'a> {
    /// The goal (approved or achieved, shared).
    pub goal: &'a Goal,
    /// "Working on it" or "Achieved".
    pub status: &'static str,
    /// The "I can" statements it works toward.
    pub targets: Vec<&'a str>,
    /// Evidence attached to it.
    pub evidence: Vec<&'a Evidence>,
    /// The teacher's feedback on it.
    pub feedback: Vec<&'a Comment>,
}

/// A pathway as a family sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyPath<'a> {
    /// The unit title.
    pub unit: &'a str,
    /// The chosen activities in the student's order, with plain status words.
    pub steps: Vec<(&'a str, &'static str)>,
    /// Percent done.
    pub percent: u8,
}

/// The family view of one child: only teacher-approved goals and what the student chose
/// to share, in plain words. Never anything about other children.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilySummary<'a> {
    /// The child's display name.
    pub name: &'a str,
    /// Shared approved and achieved goals.
    pub goals: Vec<FamilyGoal<'a>>,
    /// How many of those are achieved.
    pub achieved: usize,
    /// The paths they chose.
    pub paths: Vec<FamilyPath<'a>>,
    /// The products they are making (format names; own ideas only once approved).
    pub products: Vec<String>,
    /// Reflections they shared, newest first.
    pub reflections: Vec<&'a Reflection>,
    /// Other evidence they shared (not on a shared goal), newest first.
    pub evidence: Vec<&'a Evidence>,
    /// "How you can help at home", from the supports of the shared goals, without repeats.
    pub help_at_home: Vec<&'a str>,
}

fn step_words(s: StepStatus) -> &'static str {
    match s {
        StepStatus::NotStarted => "Not started yet",
        StepStatus::Started => "Working on it",
        StepStatus::Done => "Done",
    }
}

/// Builds the family summary of `student`, or `None` if there is no such (active) child.
pub fn family_summary(data: &ClassData, student: Id) -> Option<FamilySummary<'_>> {
    let profile = data
        .students
        .iter()
        .find(|s| s.meta.id == student && !s.meta.deleted)?;
    let o = one_student(data, student);
    let target_text: HashMap<Id, &str> = data
        .targets
        .iter()
        .filter(|t| !t.meta.deleted)
        .map(|t| (t.meta.id, t.text.as_str()))
        .collect();
    let mut goals: Vec<&Goal> = o
        .goals
        .iter()
        .copied()
        .filter(|g| g.family_visible())
        .collect();
    goals.sort_by_key(|g| {
        (
            g.state == GoalState::Achieved,
            g.date,
            g.meta.created,
            g.meta.id,
        )
    });
    let visible: std::collections::HashSet<Id> = goals.iter().map(|g| g.meta.id).collect();
    let shared_evidence: Vec<&Evidence> = o
        .evidence
        .iter()
        .copied()
        .filter(|e| e.family_shared)
        .collect();
    let teacher_on = |on: CommentOn| -> Vec<&Comment> {
        let mut v: Vec<&Comment> = o
            .comments
            .iter()
            .copied()
            .filter(|c| c.on == on && c.is_feedback())
            .collect();
        v.sort_by_key(|c| (c.meta.created, c.meta.id));
        v
    };
    let mut help_at_home: Vec<&str> = Vec::new();
    let fgoals: Vec<FamilyGoal> = goals
        .iter()
        .map(|g| {
            for s in &g.supports {
                let s = s.trim();
                if !s.is_empty() && !help_at_home.contains(&s) {
                    help_at_home.push(s);
                }
            }
            FamilyGoal {
                goal: g,
                status: g.state.family_label(),
                targets: g
                    .targets
                    .iter()
                    .filter_map(|t| target_text.get(t).copied())
                    .collect(),
                evidence: shared_evidence
                    .iter()
                    .copied()
                    .filter(|e| e.on == EvidenceFor::Goal(g.meta.id))
                    .collect(),
                feedback: teacher_on(CommentOn::Goal(g.meta.id)),
            }
        })
        .collect();
    let units: HashMap<Id, &Unit> = data
        .units
        .iter()
        .filter(|u| !u.meta.deleted)
        .map(|u| (u.meta.id, u))
        .collect();
    let paths = o
        .pathways
        .iter()
        .filter_map(|p| {
            let u = units.get(&p.unit)?;
            Some(FamilyPath {
                unit: u.title.as_str(),
                steps: p
                    .steps
                    .iter()
                    .filter_map(|s| {
                        u.activity(s.activity)
                            .map(|a| (a.title.as_str(), step_words(s.status())))
                    })
                    .collect(),
                percent: p.progress_percent(),
            })
        })
        .collect();
    let custom: HashMap<Id, &str> = data
        .formats
        .iter()
        .filter(|f| !f.meta.deleted)
        .map(|f| (f.meta.id, f.name.as_str()))
        .collect();
    let products = o
        .choices
        .iter()
        .filter(|c| c.counts() && c.goal.is_none_or(|g| visible.contains(&g)))
        .filter_map(|c| match c.format {
            Some(FormatRef::Builtin(b)) => Some(b.name().to_string()),
            Some(FormatRef::Custom(id)) => custom.get(&id).map(|s| s.to_string()),
            None => Some(c.idea.trim().to_string()),
        })
        .collect();
    let mut reflections: Vec<&Reflection> = o
        .reflections
        .iter()
        .copied()
        .filter(|r| r.family_shared)
        .collect();
    reflections.sort_by_key(|r| std::cmp::Reverse((r.meta.created, r.meta.id)));
    let mut evidence: Vec<&Evidence> = shared_evidence
        .iter()
        .copied()
        // Evidence on a goal appears only with that goal, so a draft never shows through.
        .filter(|e| matches!(e.on, EvidenceFor::Target(_)))
        .collect();
    evidence.sort_by_key(|e| std::cmp::Reverse((e.meta.created, e.meta.id)));
    let achieved = goals
        .iter()
        .filter(|g| g.state == GoalState::Achieved)
        .count();
    Some(FamilySummary {
        name: profile.name.as_str(),
        goals: fgoals,
        achieved,
        paths,
        products,
        reflections,
        evidence,
        help_at_home,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comment::Comment;
    use crate::format::{BuiltinFormat, ChoiceFor};
    use crate::goal::GoalText;
    use crate::rating::{MasteryScale, Rating};
    use crate::record::testing::*;
    use crate::record::{Actor, Ctx};
    use crate::reflection::Prompt;
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
            .filter(|g| g.state == GoalState::Submitted)
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
}

#[cfg(test)]
mod queue_tests {
    use super::*;
    use crate::sample::{sample_class, SampleScale};
    use crate::time::Day;

    const HOUR: i64 = 3_600_000;
    const DAY: i64 = 24 * HOUR;

    #[test]
    fn waiting_time_reads_in_plain_words() {
        let t0 = Timestamp(1_700_000_000_000);
        let at = |ms: i64| Timestamp(t0.0 + ms);
        let cases = [
            (0, "waiting less than an hour"),
            (59 * 60_000, "waiting less than an hour"),
            (HOUR, "waiting 1 hour"),
            (5 * HOUR + 59 * 60_000, "waiting 5 hours"),
            (DAY, "waiting 1 day"),
            (3 * DAY + 2 * HOUR, "waiting 3 days"),
            (13 * DAY, "waiting 13 days"),
            (14 * DAY, "waiting 2 weeks"),
            (60 * DAY, "waiting 8 weeks"),
            (61 * DAY, "waiting 2 months"),
            (400 * DAY, "waiting 13 months"),
        ];
        for (ms, want) in cases {
            assert_eq!(waiting_words(t0, at(ms)), want, "{ms} ms");
        }
        assert_eq!(
            waiting_words(at(DAY), t0),
            "waiting less than an hour",
            "a clock ahead of ours is not a negative wait"
        );
        assert!(!elapsed_words(Timestamp(i64::MIN), Timestamp(i64::MAX)).is_empty());
    }

    #[test]
    fn counts_group_by_kind_in_a_fixed_order_and_skip_empty_kinds() {
        let item = |kind, n: u8| QueueItem {
            kind,
            student: crate::record::testing::id(1),
            record: crate::record::testing::id(n),
            since: Timestamp(i64::from(n)),
        };
        let q = [
            item(QueueKind::Help, 1),
            item(QueueKind::Goal, 2),
            item(QueueKind::AchievementClaim, 3),
            item(QueueKind::Goal, 4),
        ];
        assert_eq!(
            queue_counts(&q),
            [
                (QueueKind::Goal, 2),
                (QueueKind::Help, 1),
                (QueueKind::AchievementClaim, 1)
            ]
        );
        assert!(queue_counts(&[]).is_empty());
        let words: Vec<String> = queue_counts(&q)
            .into_iter()
            .map(|(k, n)| k.count_words(n))
            .collect();
        assert_eq!(
            words,
            ["2 goals to review", "1 help request", "1 goal to confirm"]
        );
        assert_eq!(QueueKind::OwnIdea.count_words(3), "3 own ideas to OK");
    }

    /// The class-year data set (about 4,000 records): the queue is computed, oldest
    /// first, with every kind of item, and matches the records it stands for.
    #[test]
    fn class_year_queue_is_oldest_first_with_every_kind() {
        let start = Day::parse("2025-09-02").map(Day::start).unwrap_or_default();
        let d = sample_class(2025, &SampleScale::class_year(), start, "d1");
        assert!(d.len() > 3_000, "{} records", d.len());
        let q = review_queue(&d);
        assert!(!q.is_empty());
        assert!(
            q.windows(2)
                .all(|w| (w[0].since, w[0].kind, w[0].record)
                    <= (w[1].since, w[1].kind, w[1].record)),
            "oldest first"
        );
        let counts = queue_counts(&q);
        assert_eq!(
            counts.iter().map(|c| c.0).collect::<Vec<_>>(),
            QueueKind::ALL,
            "every kind waits somewhere in a class year: {counts:?}"
        );
        assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), q.len());
        for i in &q {
            match i.kind {
                QueueKind::Goal => {
                    let g = d.get::<Goal>(i.record).expect("goal");
                    assert_eq!(g.state, GoalState::Submitted);
                    assert_eq!(g.student, i.student);
                }
                QueueKind::AchievementClaim => {
                    let g = d.get::<Goal>(i.record).expect("goal");
                    assert_eq!((g.state, g.claim), (GoalState::Approved, Some(i.since)));
                }
                QueueKind::OwnIdea => {
                    let c = d.get::<FormatChoice>(i.record).expect("choice");
                    assert!(c.is_own_idea() && c.state == ReviewState::Submitted);
                }
                QueueKind::Help => {
                    assert!(d.get::<HelpFlag>(i.record).expect("flag").is_open());
                }
            }
        }
        let submitted = d
            .goals
            .iter()
            .filter(|g| g.state == GoalState::Submitted)
            .count();
        assert_eq!(counts[0], (QueueKind::Goal, submitted));
    }
}

/// One step of a path as a family sees it, with its status as a value (the family view
/// puts it into the family's language).
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyStep<'a> {
    /// The activity's title.
    pub activity: &'a str,
    /// Not started, started or done.
    pub status: StepStatus,
}

/// A path a child chose, for the family view in any language.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyPathSteps<'a> {
    /// The unit's title.
    pub unit: &'a str,
    /// The chosen activities in the child's order.
    pub steps: Vec<FamilyStep<'a>>,
    /// Steps done.
    pub done: usize,
    /// Percent done.
    pub percent: u8,
}

/// What a product is, so its name can be put into the family's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FamilyProductKind<'a> {
    /// A format from the built-in menu.
    Builtin(super::format::BuiltinFormat),
    /// A format the teacher added, by its name.
    Custom(&'a str),
    /// The child's own idea (shown only once the teacher said OK).
    OwnIdea(&'a str),
}

/// A product a child is making, with their reason.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyProduct<'a> {
    /// The format.
    pub kind: FamilyProductKind<'a>,
    /// The unit it is for, if it is for a unit.
    pub unit: Option<&'a str>,
    /// Why the child chose it, in their words (may be empty).
    pub why: &'a str,
}

/// The parts of the family view whose words depend on the language: paths with step
/// states as values, products with their kind. Same privacy rules as
/// [`family_summary`]: own ideas only once approved, nothing tied to a goal the family
/// cannot see, nothing of another child.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyChoices<'a> {
    /// The paths the child chose, in unit order.
    pub paths: Vec<FamilyPathSteps<'a>>,
    /// The products the child is making.
    pub products: Vec<FamilyProduct<'a>>,
}

/// Builds the paths and products of `student` for the family view, or `None` if there
/// is no such child.
pub fn family_choices(data: &ClassData, student: Id) -> Option<FamilyChoices<'_>> {
    data.students
        .iter()
        .find(|s| s.meta.id == student && !s.meta.deleted)?;
    let o = one_student(data, student);
    let units: HashMap<Id, &Unit> = data
        .units
        .iter()
        .filter(|u| !u.meta.deleted)
        .map(|u| (u.meta.id, u))
        .collect();
    let mut pathways: Vec<(&Pathway, &Unit)> = o
        .pathways
        .iter()
        .filter_map(|p| units.get(&p.unit).map(|u| (*p, *u)))
        .collect();
    pathways.sort_by_key(|(p, u)| (u.start, u.meta.created, p.meta.id));
    let paths = pathways
        .into_iter()
        .map(|(p, u)| FamilyPathSteps {
            unit: u.title.as_str(),
            steps: p
                .steps
                .iter()
                .filter_map(|s| {
                    u.activity(s.activity).map(|a| FamilyStep {
                        activity: a.title.as_str(),
                        status: s.status(),
                    })
                })
                .collect(),
            done: p.steps_done(),
            percent: p.progress_percent(),
        })
        .collect();
    let visible: std::collections::HashSet<Id> = o
        .goals
        .iter()
        .filter(|g| g.family_visible())
        .map(|g| g.meta.id)
        .collect();
    let custom: HashMap<Id, &str> = data
        .formats
        .iter()
        .filter(|f| !f.meta.deleted)
        .map(|f| (f.meta.id, f.name.as_str()))
        .collect();
    let products = o
        .choices
        .iter()
        .filter(|c| c.counts() && c.goal.is_none_or(|g| visible.contains(&g)))
        .filter_map(|c| {
            let kind = match c.format {
                Some(FormatRef::Builtin(b)) => FamilyProductKind::Builtin(b),
                Some(FormatRef::Custom(id)) => FamilyProductKind::Custom(custom.get(&id)?),
                None => FamilyProductKind::OwnIdea(c.idea.trim()),
            };
            Some(FamilyProduct {
                kind,
                unit: c.unit.and_then(|u| units.get(&u)).map(|u| u.title.as_str()),
                why: c.why.trim(),
            })
        })
        .collect();
    Some(FamilyChoices { paths, products })
}

#[cfg(test)]
mod family_choices_tests {
    use super::*;
    use crate::sample::demo_class;
    use crate::time::Day;

    #[test]
    fn choices_match_the_summary_and_stay_with_the_child() {
        let d = demo_class(7, Day::parse("2026-03-01").unwrap(), "d1");
        for s in d.active_students() {
            let f = family_summary(&d, s.meta.id).unwrap();
            let c = family_choices(&d, s.meta.id).unwrap();
            assert_eq!(c.paths.len(), f.paths.len());
            assert_eq!(c.products.len(), f.products.len());
            for p in &c.paths {
                assert_eq!(
                    p.done,
                    p.steps
                        .iter()
                        .filter(|s| s.status == StepStatus::Done)
                        .count()
                );
                assert!(p.percent <= 100);
            }
            for p in &c.products {
                if let FamilyProductKind::OwnIdea(idea) = p.kind {
                    assert!(f.products.iter().any(|n| n == idea));
                }
            }
        }
        assert!(family_choices(&d, Id::from_random_bytes([9; 16])).is_none());
    }
}
