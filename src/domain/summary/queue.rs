//! The teacher's review queue: what waits for the teacher, oldest first, and how long it
//! has waited in words. A student's "waiting for my teacher" is their part of it.

use super::super::data::ClassData;
use super::super::ids::Id;
use super::super::review::ReviewState;
use super::super::time::Timestamp;
use super::owned::{by_student, Owned};

#[cfg(test)]
mod tests;

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

pub(super) fn queue_of(o: &Owned<'_>, student: Id, out: &mut Vec<QueueItem>) {
    for g in &o.goals {
        if g.state == ReviewState::Submitted {
            out.push(QueueItem {
                kind: QueueKind::Goal,
                student,
                record: g.meta.id,
                since: g.since(),
            });
        }
        if let (ReviewState::Approved, Some(at)) = (g.state, g.claim) {
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

pub(super) fn sort_queue(q: &mut [QueueItem]) {
    q.sort_by_key(|i| (i.since, i.kind, i.record));
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
