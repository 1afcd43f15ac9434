//! The teacher's class overview: a row per student, who's stuck, the ratings grid.

use std::collections::HashMap;

use super::super::data::ClassData;
use super::super::ids::Id;
use super::super::rating::RatingKind;
use super::super::record::Role;
use super::super::review::ReviewState;
use super::super::student::StudentProfile;
use super::super::time::Timestamp;
use super::owned::{by_student, count_goals, GoalCounts, Owned};
use super::queue::{queue_of, sort_queue, QueueItem};

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
        let by_me = |m: &super::super::record::Meta| {
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
                    .filter(|t| t.to == ReviewState::Submitted && t.actor(id).id == id)
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
