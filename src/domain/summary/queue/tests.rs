//! The review queue: waiting times in words, counts by kind, and a class year's queue.

use super::*;
use crate::format::FormatChoice;
use crate::goal::Goal;
use crate::help::HelpFlag;
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
            .all(|w| (w[0].since, w[0].kind, w[0].record) <= (w[1].since, w[1].kind, w[1].record)),
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
                assert_eq!(g.state, ReviewState::Submitted);
                assert_eq!(g.student, i.student);
            }
            QueueKind::AchievementClaim => {
                let g = d.get::<Goal>(i.record).expect("goal");
                assert_eq!((g.state, g.claim), (ReviewState::Approved, Some(i.since)));
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
        .filter(|g| g.state == ReviewState::Submitted)
        .count();
    assert_eq!(counts[0], (QueueKind::Goal, submitted));
}
