//! Taking back a decision made a moment ago ("Undo"), for a teacher whose one-key
//! shortcut approved the wrong thing.
//!
//! The record gets back its content from just before the change, and its metadata moves
//! one step on (who, when, this device's counter): every device that saw the change sees
//! the undo as newer, the same way a merge sees any later change. Only the person who made
//! the change may take it back, and only for [`UNDO_WINDOW_MS`] after it.

use super::error::{DomainError, Result};
use super::record::{Ctx, Record};

/// How long after a change the person who made it can take it back, in milliseconds.
pub const UNDO_WINDOW_MS: i64 = 10_000;

/// The record `after` with the content it had `before` the change `ctx.by` just made.
pub fn undo_change<T: Record>(before: &T, after: &T, ctx: &Ctx) -> Result<T> {
    if before.id() != after.id() {
        return Err(DomainError::NotFound("the change to take back"));
    }
    if after.meta().updated_by != ctx.by {
        return Err(DomainError::NotAllowed {
            action: "undo this change",
            who: "the person who made it",
        });
    }
    let age = ctx.now.0 - after.meta().updated.0;
    if !(0..=UNDO_WINDOW_MS).contains(&age) {
        return Err(DomainError::Incomplete(
            "It's too late to undo this here. You can still change it from the student's page.",
        ));
    }
    let mut restored = before.clone();
    *restored.meta_mut() = after.meta().clone();
    restored.touch(ctx);
    Ok(restored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::{compare, Causality};
    use crate::record::testing::*;
    use crate::record::Actor;
    use crate::review::ReviewState;
    use crate::{Goal, Timestamp};

    fn submitted_goal() -> Goal {
        let student = student_ctx(1);
        let mut g = Goal::new(id(9), id(1), &student).expect("goal");
        g.i_will = "I will read two chapters".into();
        g.submit(&student).expect("submit");
        g
    }

    fn later(ctx: &Ctx, ms: i64) -> Ctx {
        Ctx::new(ctx.by, ctx.device.clone(), Timestamp(ctx.now.0 + ms))
    }

    #[test]
    fn an_approval_is_taken_back_within_ten_seconds_and_wins_over_it() {
        let before = submitted_goal();
        let teacher = later(&teacher_ctx(), 1_000);
        let mut after = before.clone();
        after.approve("", &teacher).expect("approve");
        let undone =
            undo_change(&before, &after, &later(&teacher, UNDO_WINDOW_MS)).expect("undo in time");
        assert_eq!(undone.state, ReviewState::Submitted);
        assert_eq!(undone.history, before.history, "the approval is gone");
        assert_eq!(
            compare(&after.meta.versions, &undone.meta.versions),
            Causality::IncomingNewer,
            "every device sees the undo as the newer change"
        );
        assert_eq!(undone.meta.updated_by, teacher.by);
    }

    #[test]
    fn too_late_or_someone_else_is_refused() {
        let before = submitted_goal();
        let teacher = later(&teacher_ctx(), 1_000);
        let mut after = before.clone();
        after.approve("", &teacher).expect("approve");
        let late = undo_change(&before, &after, &later(&teacher, UNDO_WINDOW_MS + 1));
        assert!(matches!(late, Err(DomainError::Incomplete(_))), "{late:?}");
        let other = Ctx::new(Actor::teacher(id(201)), "d1", later(&teacher, 10).now);
        assert!(matches!(
            undo_change(&before, &after, &other),
            Err(DomainError::NotAllowed { .. })
        ));
        let mut not_it = before.clone();
        not_it.meta.id = id(10);
        assert!(undo_change(&not_it, &after, &later(&teacher, 10)).is_err());
    }
}
