//! A student's home: how am I doing, what's next, what's waiting, what did my teacher say.

use std::collections::HashMap;

use super::super::comment::Comment;
use super::super::data::ClassData;
use super::super::goal::Goal;
use super::super::ids::Id;
use super::super::pathway::Step;
use super::super::rating::{latest_pair, SideBySide};
use super::super::review::ReviewState;
use super::super::target::LearningTarget;
use super::super::unit::{Activity, Unit};
use super::owned::{count_goals, one_student, targets_in_order, GoalCounts};
use super::queue::{queue_of, sort_queue, QueueItem};

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
        .filter(|g| g.state == ReviewState::ChangesRequested)
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
