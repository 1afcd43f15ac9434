//! "Who's stuck": the students who need a look, and why.

use super::super::ids::Id;
use super::super::time::Timestamp;
use super::model::Dashboard;
use super::words::ago_words;

/// Why a student is in "who's stuck".
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StuckReason {
    /// Open help requests: how many, since when, the oldest one's note.
    Help {
        /// Open requests.
        count: usize,
        /// The oldest one's time.
        since: Timestamp,
        /// Its note (may be empty).
        note: String,
    },
    /// No progress for `days` days; `ever` is false when there was never any.
    NoProgress {
        /// Whole days.
        days: i64,
        /// False when the student has made no progress at all yet.
        ever: bool,
    },
}

/// One student in "who's stuck".
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StuckLine {
    /// The student.
    pub id: Id,
    /// Their name.
    pub name: String,
    /// Why.
    pub reason: StuckReason,
}

impl StuckLine {
    /// The reason in plain words, for the teacher.
    pub fn words(&self, now: Timestamp) -> String {
        match &self.reason {
            StuckReason::Help { count, since, .. } => match count {
                1 => format!("Asked for help {}.", ago_words(Some(*since), now)),
                n => format!(
                    "Has {n} open help requests; the first was {}.",
                    ago_words(Some(*since), now)
                ),
            },
            StuckReason::NoProgress { days, ever: true } => {
                format!("No progress for {}.", days_words(*days))
            }
            StuckReason::NoProgress { days, ever: false } => format!(
                "No progress yet, {} since joining the class.",
                days_words(*days)
            ),
        }
    }
}

fn days_words(days: i64) -> String {
    if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    }
}

/// The students who need a look: anyone with an open help request (the longest waiting
/// first), then anyone whose last progress (or, with none, joining the class) is
/// `after_days` or more days ago (the longest idle first). Each student once.
pub fn whos_stuck(d: &Dashboard, now: Timestamp, after_days: i64) -> Vec<StuckLine> {
    let mut help = Vec::new();
    let mut idle = Vec::new();
    for s in &d.students {
        if let (true, Some(since)) = (s.open_help > 0, s.help_since) {
            help.push(StuckLine {
                id: s.id,
                name: s.name.clone(),
                reason: StuckReason::Help {
                    count: s.open_help,
                    since,
                    note: s.help_note.clone(),
                },
            });
            continue;
        }
        let from = s.last_progress.unwrap_or(s.joined);
        let days = from.days_until(now);
        if days >= after_days.max(0) {
            idle.push(StuckLine {
                id: s.id,
                name: s.name.clone(),
                reason: StuckReason::NoProgress {
                    days,
                    ever: s.last_progress.is_some(),
                },
            });
        }
    }
    let since = |l: &StuckLine| match l.reason {
        StuckReason::Help { since, .. } => since,
        StuckReason::NoProgress { .. } => Timestamp(0),
    };
    let days = |l: &StuckLine| match l.reason {
        StuckReason::NoProgress { days, .. } => days,
        StuckReason::Help { .. } => 0,
    };
    help.sort_by_key(since);
    idle.sort_by_key(|l| std::cmp::Reverse(days(l)));
    help.extend(idle);
    help
}

/// The choices for "no progress for N days", in days.
pub const STUCK_DAYS: [i64; 7] = [3, 5, 7, 10, 14, 21, 30];

/// The default N for "no progress for N days".
pub const DEFAULT_STUCK_DAYS: i64 = 7;
