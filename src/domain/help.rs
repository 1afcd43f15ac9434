//! "I need help" flags: raised by a student with an optional note, seen by the teacher,
//! withdrawn by the student or resolved by the teacher (who and when kept).
//!
//! Serialized names: `s` student, `x` note, `st` state (`w` withdrawn, `r` resolved;
//! omitted while open), `ca`/`cb` when and by whom it was closed.

use serde::{Deserialize, Serialize};

use super::error::{DomainError, Result};
use super::ids::Id;
use super::record::{impl_record, record_struct, Actor, Ctx, Meta, Record};
use super::time::Timestamp;
use super::validate;

/// Where a help flag is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HelpState {
    /// Waiting for the teacher.
    #[default]
    #[serde(rename = "o")]
    Open,
    /// The student took it back.
    #[serde(rename = "w")]
    Withdrawn,
    /// The teacher helped.
    #[serde(rename = "r")]
    Resolved,
}

impl HelpState {
    fn is_open(&self) -> bool {
        *self == HelpState::Open
    }
}

record_struct! {
    /// A help flag.
    #[derive(Clone, Debug, PartialEq)]
    pub struct HelpFlag {
        /// The student.
        #[serde(rename = "s")]
        pub student: Id,
        /// Optional note.
        #[serde(rename = "x", default, skip_serializing_if = "String::is_empty")]
        pub note: String,
        /// State.
        #[serde(rename = "st", default, skip_serializing_if = "HelpState::is_open")]
        pub state: HelpState,
        /// When it was withdrawn or resolved.
        #[serde(rename = "ca", default, skip_serializing_if = "Option::is_none")]
        pub closed_at: Option<Timestamp>,
        /// Who withdrew or resolved it.
        #[serde(rename = "cb", default, skip_serializing_if = "Option::is_none")]
        pub closed_by: Option<Actor>,
    }
}

impl_record!(HelpFlag, Kind::Help, |h| Some(h.student), |h| {
    h.note.clear();
});

impl HelpFlag {
    /// The student asks for help.
    pub fn raise(id: Id, student: Id, note: &str, ctx: &Ctx) -> Result<HelpFlag> {
        if !ctx.by.is_student(student) {
            return Err(DomainError::NotAllowed {
                action: "ask for help",
                who: "the student",
            });
        }
        validate::optional_text("The note", note)?;
        Ok(HelpFlag {
            meta: Meta::new(id, ctx),
            student,
            note: note.trim().to_string(),
            state: HelpState::Open,
            closed_at: None,
            closed_by: None,
            extra: Default::default(),
        })
    }

    /// True while waiting for the teacher.
    pub fn is_open(&self) -> bool {
        !self.meta.deleted && self.state == HelpState::Open
    }

    fn close(&mut self, to: HelpState, action: &'static str, ctx: &Ctx) -> Result<()> {
        if self.state != HelpState::Open {
            return Err(DomainError::InvalidTransition {
                state: match self.state {
                    HelpState::Withdrawn => "withdrawn",
                    _ => "resolved",
                },
                action,
            });
        }
        self.state = to;
        self.closed_at = Some(ctx.now);
        self.closed_by = Some(ctx.by);
        self.touch(ctx);
        Ok(())
    }

    /// The student takes it back.
    pub fn withdraw(&mut self, ctx: &Ctx) -> Result<()> {
        if !ctx.by.is_student(self.student) {
            return Err(DomainError::NotAllowed {
                action: "withdraw this help request",
                who: "the student who asked",
            });
        }
        self.close(HelpState::Withdrawn, "withdraw", ctx)
    }

    /// The teacher marks it dealt with.
    pub fn resolve(&mut self, ctx: &Ctx) -> Result<()> {
        if !ctx.by.is_teacher() {
            return Err(DomainError::NotAllowed {
                action: "resolve help requests",
                who: "the teacher",
            });
        }
        self.close(HelpState::Resolved, "resolve", ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::*;

    #[test]
    fn help_round_trip_raise_withdraw() {
        let s = student_ctx(1);
        let mut h = HelpFlag::raise(id(25), id(1), " stuck on step 2 ", &s).unwrap();
        assert!(h.is_open());
        assert_eq!(h.note, "stuck on step 2");
        assert!(h.withdraw(&student_ctx(2)).is_err());
        h.withdraw(&s).unwrap();
        assert!(!h.is_open());
        assert_eq!(h.closed_by, Some(s.by));
        assert!(h.resolve(&teacher_ctx()).is_err(), "already closed");
        round_trip(&h);
    }

    #[test]
    fn teacher_resolves_students_do_not() {
        let s = student_ctx(1);
        let mut h = HelpFlag::raise(id(25), id(1), "", &s).unwrap();
        assert!(HelpFlag::raise(id(26), id(1), "", &teacher_ctx()).is_err());
        assert!(h.resolve(&s).is_err());
        h.resolve(&teacher_ctx()).unwrap();
        assert_eq!(h.state, HelpState::Resolved);
        assert!(h.withdraw(&s).is_err());
        assert!(round_trip(&h).contains("\"st\":\"r\""));
    }
}
