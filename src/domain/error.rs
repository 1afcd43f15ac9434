//! The one error type of the domain. Every message is written to be shown to the person
//! who caused it (a student as young as 8, a busy teacher): plain, kind, and saying what
//! to do next. Nothing in the domain panics on bad input; it returns one of these.

use thiserror::Error;

/// Why a rule refused a change. The `Display` text is user-facing English; the UI may
/// translate by matching on the variant instead.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// A required text was empty or only spaces.
    #[error("Please write something for {field}.")]
    Required {
        /// Which field, in words ("the goal", "your name").
        field: &'static str,
    },
    /// A text is longer than the app can keep.
    #[error("{field} is {len} characters long; the most it can be is {max}. Your text is still here, please shorten it.")]
    TooLong {
        /// Which field, in words.
        field: &'static str,
        /// Length in characters (not bytes).
        len: usize,
        /// The limit in characters.
        max: usize,
    },
    /// A link that is not an http(s) address (for example `javascript:`).
    #[error("Links must start with http:// or https:// (for example https://example.org).")]
    BadLink,
    /// Text given as an id was not a 22-character compact id.
    #[error("This id is not valid: {0}")]
    BadId(String),
    /// A date that could not be read.
    #[error("This date is not valid; please use year-month-day, like 2025-03-14.")]
    BadDate,
    /// A life-cycle step that does not start from the current state.
    #[error("This can't be done now: it is {state} and \"{action}\" is not possible from there.")]
    InvalidTransition {
        /// Current state, in words.
        state: &'static str,
        /// What was attempted, in words.
        action: &'static str,
    },
    /// The person is not allowed to do this (wrong role or not their record).
    #[error("Only {who} can {action}.")]
    NotAllowed {
        /// What was attempted.
        action: &'static str,
        /// Who may do it, in words.
        who: &'static str,
    },
    /// Editing an approved or achieved goal needs the teacher to reopen it first.
    #[error("This goal has been approved. Ask your teacher to reopen it before changing it.")]
    Locked,
    /// Editing a goal that is waiting for review: withdraw it first.
    #[error("This goal is waiting for your teacher. Withdraw it first if you want to change it.")]
    InReview,
    /// Must-do activities cannot be dropped from a pathway.
    #[error("\"{0}\" is a must-do, so it stays on your path.")]
    MustDo(String),
    /// A reference to something that does not exist (or not in this unit).
    #[error("Could not find {0}.")]
    NotFound(&'static str),
    /// The same activity twice on one path, or a duplicate record id in an import.
    #[error("{0} is already there.")]
    Duplicate(String),
    /// A value outside the allowed range (a level on the mastery scale, a position…).
    #[error("{0} is out of range.")]
    OutOfRange(&'static str),
    /// Deleting something that other records still point to.
    #[error("{count} {what} still use this. Retire it instead: it is hidden from new work and nothing is lost.")]
    InUse {
        /// What points to it, in words ("goals").
        what: &'static str,
        /// How many.
        count: usize,
    },
    /// Evidence needs a text or a link; a goal needs something to submit.
    #[error("{0}")]
    Incomplete(&'static str),
}

/// Shorthand used throughout the domain.
pub type Result<T, E = DomainError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_kind_and_name_the_field() {
        let e = DomainError::TooLong {
            field: "Your reflection",
            len: 10_001,
            max: 10_000,
        };
        let s = e.to_string();
        assert!(s.contains("Your reflection"));
        assert!(s.contains("10001"));
        assert!(s.contains("still here"));
        assert!(DomainError::BadLink.to_string().contains("https://"));
    }
}
