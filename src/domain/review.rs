//! The review life cycle shared by goals and "my own idea" product formats, modelled on
//! Moodle learning plans. Each step is a function that either moves the state and
//! appends a [`Transition`] (who, when, why) or returns a [`DomainError`]; nothing is ever
//! a silent no-op.
//!
//! | from               | action            | to                 | who                         |
//! |--------------------|-------------------|--------------------|-----------------------------|
//! | Draft              | submit            | Submitted          | the student                 |
//! | ChangesRequested   | submit (resubmit) | Submitted          | the student                 |
//! | Submitted          | withdraw          | Draft              | the student                 |
//! | Submitted          | request changes   | ChangesRequested   | teacher, comment required   |
//! | Submitted          | approve           | Approved           | teacher                     |
//! | Approved           | achieve           | Achieved           | teacher (goals only)        |
//! | Approved, Achieved | reopen            | Draft              | teacher                     |
//! | Achieved           | reopen as approved| Approved           | teacher (goals only)        |
//!
//! Everything else is refused. Editing a text in ChangesRequested keeps that state (so
//! the teacher's comment stays beside the part it is about) until the student resubmits.
//!
//! Serialized names of [`Transition`]: `s` new state, `a` at, `b` by (omitted for the
//! owner student), `w` why,
//! `f` the part of the goal it refers to. States: `dr`, `sb`, `cr`, `ap`, `ac`.

use serde::{Deserialize, Serialize};

use super::error::{DomainError, Result};
use super::ids::Id;
use super::record::{Actor, Ctx};
use super::time::Timestamp;
use super::validate::{self, MAX_TEXT};

/// Where a goal (or an own-idea format) is in its review.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum ReviewState {
    /// Being written; only the student (and the teacher with them) sees it.
    #[default]
    #[serde(rename = "dr")]
    Draft,
    /// Waiting for the teacher.
    #[serde(rename = "sb")]
    Submitted,
    /// The teacher asked for changes, with a comment.
    #[serde(rename = "cr")]
    ChangesRequested,
    /// The teacher approved it; families can see it.
    #[serde(rename = "ap")]
    Approved,
    /// Done, confirmed by the teacher.
    #[serde(rename = "ac")]
    Achieved,
}

impl ReviewState {
    /// All states, in life-cycle order (for counts and filters).
    pub const ALL: [ReviewState; 5] = [
        ReviewState::Draft,
        ReviewState::Submitted,
        ReviewState::ChangesRequested,
        ReviewState::Approved,
        ReviewState::Achieved,
    ];

    /// Words for students and teachers.
    pub fn label(self) -> &'static str {
        match self {
            ReviewState::Draft => "draft",
            ReviewState::Submitted => "waiting for teacher",
            ReviewState::ChangesRequested => "changes requested",
            ReviewState::Approved => "approved",
            ReviewState::Achieved => "achieved",
        }
    }

    /// Plain-language words for families (only these two states are ever shown to them).
    pub fn family_label(self) -> &'static str {
        match self {
            ReviewState::Achieved => "Achieved",
            _ => "Working on it",
        }
    }

    /// True when families may see it: the teacher has approved it.
    pub fn family_visible(self) -> bool {
        matches!(self, ReviewState::Approved | ReviewState::Achieved)
    }

    /// Index into [`ReviewState::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    pub(crate) fn is_draft(&self) -> bool {
        *self == ReviewState::Draft
    }
}

/// The part of a goal a comment or a change request is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum GoalField {
    /// The learning targets.
    #[serde(rename = "t")]
    Targets,
    /// "I will …".
    #[serde(rename = "w")]
    IWill,
    /// Success criteria.
    #[serde(rename = "k")]
    SuccessCriteria,
    /// Plan steps.
    #[serde(rename = "p")]
    Plan,
    /// Supports needed.
    #[serde(rename = "su")]
    Supports,
    /// Target date.
    #[serde(rename = "dt")]
    Date,
    /// The product format (for own-idea proposals, the proposal text).
    #[serde(rename = "f")]
    Format,
}

/// One step in a review history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    /// The state after the step (the state before is the previous entry's, or Draft).
    #[serde(rename = "s")]
    pub to: ReviewState,
    /// When.
    #[serde(rename = "a")]
    pub at: Timestamp,
    /// Who, or `None` for the student who owns the record (submit and withdraw are
    /// always theirs, so most entries need no actor: ~28 characters saved each). Use
    /// [`Transition::actor`] to read it.
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Actor>,
    /// Why (required when requesting changes).
    #[serde(rename = "w", default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    /// The part it refers to, if any.
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<GoalField>,
}

impl Transition {
    /// Who made this step, given the owner student of the record.
    pub fn actor(&self, owner: Id) -> Actor {
        self.by.unwrap_or(Actor::student(owner))
    }
}

/// A review step someone asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Student sends it (or sends it again) to the teacher.
    Submit,
    /// Student takes a submission back to draft.
    Withdraw,
    /// Teacher sends it back with a comment.
    RequestChanges,
    /// Teacher approves.
    Approve,
    /// Teacher marks a goal achieved.
    Achieve,
    /// Teacher reopens an approved or achieved item as a draft.
    Reopen,
    /// Teacher takes an achieved goal back to approved.
    ReopenAsApproved,
}

impl Action {
    /// Every action, in life-cycle order.
    pub const ALL: [Action; 7] = [
        Action::Submit,
        Action::Withdraw,
        Action::RequestChanges,
        Action::Approve,
        Action::Achieve,
        Action::Reopen,
        Action::ReopenAsApproved,
    ];

    fn words(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Withdraw => "withdraw",
            Action::RequestChanges => "request changes",
            Action::Approve => "approve",
            Action::Achieve => "mark achieved",
            Action::Reopen => "reopen",
            Action::ReopenAsApproved => "reopen as approved",
        }
    }
}

/// The pure transition rule: given the current state, the owner student and the action,
/// returns the new state or why not. `allow_achieve` is false for product formats.
pub fn next_state(
    from: ReviewState,
    action: Action,
    by: &Actor,
    owner: Id,
    why: &str,
    allow_achieve: bool,
) -> Result<ReviewState> {
    use Action as A;
    use ReviewState as S;
    let to = match (from, action) {
        (S::Draft | S::ChangesRequested, A::Submit) => S::Submitted,
        (S::Submitted, A::Withdraw) => S::Draft,
        (S::Submitted, A::RequestChanges) => S::ChangesRequested,
        (S::Submitted, A::Approve) => S::Approved,
        (S::Approved, A::Achieve) if allow_achieve => S::Achieved,
        (S::Approved | S::Achieved, A::Reopen) => S::Draft,
        (S::Achieved, A::ReopenAsApproved) => S::Approved,
        _ => {
            return Err(DomainError::InvalidTransition {
                state: from.label(),
                action: action.words(),
            })
        }
    };
    match action {
        A::Submit | A::Withdraw => {
            if !by.is_student(owner) {
                return Err(DomainError::NotAllowed {
                    action: action.words(),
                    who: "the student who wrote it",
                });
            }
        }
        _ => {
            if !by.is_teacher() {
                return Err(DomainError::NotAllowed {
                    action: action.words(),
                    who: "the teacher",
                });
            }
        }
    }
    if action == A::RequestChanges && why.trim().is_empty() {
        return Err(DomainError::Required {
            field: "the comment (say what to change)",
        });
    }
    validate::max_len("The comment", why, MAX_TEXT)?;
    Ok(to)
}

/// Replays a review history from a draft: the state it ends in, or `None` when a step is
/// one its author may not take (a student approving, a step from the wrong state). How
/// a merge tells a history that grew by the rules from one written by hand.
pub fn replay(history: &[Transition], owner: Id, allow_achieve: bool) -> Option<ReviewState> {
    history.iter().try_fold(ReviewState::Draft, |from, t| {
        let by = t.actor(owner);
        Action::ALL
            .iter()
            .any(|a| next_state(from, *a, &by, owner, &t.why, allow_achieve) == Ok(t.to))
            .then_some(t.to)
    })
}

/// Applies `action` to `state`, appending the transition to `history`.
#[allow(clippy::too_many_arguments)] // one call site per record type; a struct would only rename them
pub(crate) fn apply(
    state: &mut ReviewState,
    history: &mut Vec<Transition>,
    owner: Id,
    action: Action,
    why: &str,
    anchor: Option<GoalField>,
    allow_achieve: bool,
    ctx: &Ctx,
) -> Result<()> {
    let to = next_state(*state, action, &ctx.by, owner, why, allow_achieve)?;
    *state = to;
    history.push(Transition {
        to,
        at: ctx.now,
        by: (!ctx.by.is_student(owner)).then_some(ctx.by),
        why: why.trim().to_string(),
        anchor,
    });
    Ok(())
}

/// The latest change request still in force (the state is ChangesRequested): its comment
/// and anchor are shown beside the part they refer to.
pub fn open_change_request(state: ReviewState, history: &[Transition]) -> Option<&Transition> {
    if state != ReviewState::ChangesRequested {
        return None;
    }
    history
        .iter()
        .rev()
        .find(|t| t.to == ReviewState::ChangesRequested)
}

/// When the item entered its current state (for "oldest first" queues); `created` if the
/// history is empty.
pub fn since(history: &[Transition], created: Timestamp) -> Timestamp {
    history.last().map_or(created, |t| t.at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::*;
    use crate::record::Actor;

    const ACTIONS: [Action; 7] = Action::ALL;

    /// The table from the module docs, written out again as the specification.
    fn expected(from: ReviewState, a: Action, goal: bool) -> Option<(ReviewState, bool)> {
        use Action as A;
        use ReviewState as S;
        // (to, needs_teacher)
        Some(match (from, a) {
            (S::Draft, A::Submit) | (S::ChangesRequested, A::Submit) => (S::Submitted, false),
            (S::Submitted, A::Withdraw) => (S::Draft, false),
            (S::Submitted, A::RequestChanges) => (S::ChangesRequested, true),
            (S::Submitted, A::Approve) => (S::Approved, true),
            (S::Approved, A::Achieve) if goal => (S::Achieved, true),
            (S::Approved, A::Reopen) | (S::Achieved, A::Reopen) => (S::Draft, true),
            (S::Achieved, A::ReopenAsApproved) => (S::Approved, true),
            _ => return None,
        })
    }

    #[test]
    fn every_state_action_and_actor_follows_the_table() {
        let owner = id(1);
        let actors = [
            (Actor::student(owner), "owner"),
            (Actor::student(id(2)), "other student"),
            (Actor::teacher(id(200)), "teacher"),
            (Actor::family(id(150)), "family"),
        ];
        let mut allowed = 0;
        let mut refused = 0;
        for goal in [true, false] {
            for from in ReviewState::ALL {
                for a in ACTIONS {
                    for (actor, who) in actors {
                        let got = next_state(from, a, &actor, owner, "because", goal);
                        let want = expected(from, a, goal).and_then(|(to, teacher)| {
                            let ok = if teacher {
                                who == "teacher"
                            } else {
                                who == "owner"
                            };
                            ok.then_some(to)
                        });
                        match (got, want) {
                            (Ok(g), Some(w)) => {
                                assert_eq!(g, w, "{from:?} {a:?} by {who}");
                                allowed += 1;
                            }
                            (Err(e), None) => {
                                assert!(
                                    matches!(
                                        e,
                                        DomainError::InvalidTransition { .. }
                                            | DomainError::NotAllowed { .. }
                                    ),
                                    "{from:?} {a:?} by {who}: {e:?}"
                                );
                                refused += 1;
                            }
                            (g, w) => panic!(
                                "{from:?} {a:?} by {who} (goal={goal}): got {g:?}, want {w:?}"
                            ),
                        }
                    }
                }
            }
        }
        // 9 allowed rows for goals, 8 for formats (no achieve).
        assert_eq!(allowed, 9 + 8);
        assert_eq!(refused, 2 * 5 * 7 * 4 - allowed);
    }

    #[test]
    fn invalid_step_names_state_and_action() {
        let e = next_state(
            ReviewState::Draft,
            Action::Approve,
            &Actor::teacher(id(200)),
            id(1),
            "",
            true,
        )
        .unwrap_err();
        assert_eq!(
            e,
            DomainError::InvalidTransition {
                state: "draft",
                action: "approve"
            }
        );
    }

    #[test]
    fn changes_need_a_comment() {
        let t = Actor::teacher(id(200));
        assert!(matches!(
            next_state(
                ReviewState::Submitted,
                Action::RequestChanges,
                &t,
                id(1),
                "   ",
                true
            ),
            Err(DomainError::Required { .. })
        ));
    }

    #[test]
    fn history_records_who_when_why_and_the_open_request() {
        let mut st = ReviewState::Draft;
        let mut h = Vec::new();
        apply(
            &mut st,
            &mut h,
            id(1),
            Action::Submit,
            "",
            None,
            true,
            &student_ctx(1),
        )
        .unwrap();
        apply(
            &mut st,
            &mut h,
            id(1),
            Action::RequestChanges,
            " Say how you'll measure it ",
            Some(GoalField::SuccessCriteria),
            true,
            &teacher_ctx(),
        )
        .unwrap();
        let open = open_change_request(st, &h).unwrap();
        assert_eq!(open.why, "Say how you'll measure it");
        assert_eq!(open.anchor, Some(GoalField::SuccessCriteria));
        assert_eq!(open.actor(id(1)), teacher_ctx().by);
        assert_eq!(h[0].by, None, "the owner is implied");
        assert_eq!(h[0].actor(id(1)), student_ctx(1).by);
        // A refused step leaves state and history untouched.
        assert!(apply(
            &mut st,
            &mut h,
            id(1),
            Action::Approve,
            "",
            None,
            true,
            &teacher_ctx()
        )
        .is_err());
        assert_eq!(h.len(), 2);
        assert_eq!(st, ReviewState::ChangesRequested);
        apply(
            &mut st,
            &mut h,
            id(1),
            Action::Submit,
            "",
            None,
            true,
            &student_ctx(1),
        )
        .unwrap();
        assert_eq!(open_change_request(st, &h), None);
    }
}
