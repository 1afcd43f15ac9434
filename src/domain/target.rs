//! Learning targets: "I can …" statements, optionally aligned to a standard code.
//!
//! Serialized names: `n` statement, `sc` standard code, `sj` subject, `o` order,
//! `rt` retired.

use super::class::only_teacher;
use super::error::{DomainError, Result};
use super::goal::Goal;
use super::ids::Id;
use super::record::{impl_record, is_false, record_struct, Ctx, Meta, Record};
use super::validate::{self, MAX_LINE};

/// The longest standard code kept (they are like `CCSS.ELA-LITERACY.RL.5.2`).
pub const MAX_CODE: usize = 80;

fn is_zero(n: &u32) -> bool {
    *n == 0
}

record_struct! {
    /// A learning target.
    #[derive(Clone, Debug, PartialEq)]
    pub struct LearningTarget {
        /// "I can …" statement.
        #[serde(rename = "n")]
        pub text: String,
        /// Standard code, kept exactly as typed (odd characters included).
        #[serde(rename = "sc", default, skip_serializing_if = "String::is_empty")]
        pub code: String,
        /// Subject.
        #[serde(rename = "sj", default, skip_serializing_if = "String::is_empty")]
        pub subject: String,
        /// Position in the teacher's list.
        #[serde(rename = "o", default, skip_serializing_if = "is_zero")]
        pub order: u32,
        /// Retired: hidden from new goals and boards, kept for existing ones.
        #[serde(rename = "rt", default, skip_serializing_if = "is_false")]
        pub retired: bool,
    }
}

impl_record!(LearningTarget, Kind::Target, |_t| None, |t| {
    t.text.clear();
    t.code.clear();
    t.subject.clear();
});

impl LearningTarget {
    /// A new target (teacher only).
    pub fn new(
        id: Id,
        text: &str,
        code: &str,
        subject: &str,
        order: u32,
        ctx: &Ctx,
    ) -> Result<LearningTarget> {
        only_teacher(ctx, "write learning targets")?;
        let mut t = LearningTarget {
            meta: Meta::new(id, ctx),
            text: String::new(),
            code: String::new(),
            subject: String::new(),
            order,
            retired: false,
            extra: Default::default(),
        };
        t.set_fields(text, code, subject)?;
        Ok(t)
    }

    /// Edits the statement, code and subject.
    pub fn edit(&mut self, text: &str, code: &str, subject: &str, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "edit learning targets")?;
        self.set_fields(text, code, subject)?;
        self.touch(ctx);
        Ok(())
    }

    fn set_fields(&mut self, text: &str, code: &str, subject: &str) -> Result<()> {
        let text = validate::required("the \"I can\" statement", text, MAX_LINE)?;
        let code = code.trim();
        validate::max_len("The standard code", code, MAX_CODE)?;
        validate::max_len("The subject", subject.trim(), MAX_LINE)?;
        self.text = text;
        self.code = code.to_string();
        self.subject = subject.trim().to_string();
        Ok(())
    }

    /// Retires or brings back a target.
    pub fn set_retired(&mut self, retired: bool, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "retire learning targets")?;
        self.retired = retired;
        self.touch(ctx);
        Ok(())
    }
}

/// Checks that a target may be deleted: refused while goals point to it (the message
/// offers retiring instead, which keeps those goals intact).
pub fn check_delete_target(target: Id, goals: &[Goal]) -> Result<()> {
    let goals_using = goals
        .iter()
        .filter(|g| !g.meta.deleted && g.targets.contains(&target))
        .count();
    if goals_using > 0 {
        return Err(DomainError::InUse {
            what: if goals_using == 1 { "goal" } else { "goals" },
            count: goals_using,
        });
    }
    Ok(())
}

/// Moves target `id` to position `to` (0-based, clamped) among `targets` sorted by their
/// current order, and renumbers `order` 0..n. Touches only targets whose order changed.
pub fn reorder_targets(targets: &mut [LearningTarget], id: Id, to: usize, ctx: &Ctx) -> Result<()> {
    only_teacher(ctx, "reorder learning targets")?;
    let mut idx: Vec<usize> = (0..targets.len()).collect();
    idx.sort_by_key(|&i| (targets[i].order, targets[i].meta.id));
    let from = idx
        .iter()
        .position(|&i| targets[i].meta.id == id)
        .ok_or(DomainError::NotFound("that learning target"))?;
    let moved = idx.remove(from);
    idx.insert(to.min(idx.len()), moved);
    for (pos, i) in idx.into_iter().enumerate() {
        let pos = pos as u32;
        if targets[i].order != pos {
            targets[i].order = pos;
            targets[i].touch(ctx);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::*;

    #[test]
    fn target_keeps_odd_code_as_typed() {
        let t = LearningTarget::new(
            id(50),
            "I can find the theme",
            " CCSS.ELA-LITERACY.RL.5.2 <&> ",
            "ELA",
            0,
            &teacher_ctx(),
        )
        .unwrap();
        assert_eq!(t.code, "CCSS.ELA-LITERACY.RL.5.2 <&>");
        round_trip(&t);
        assert!(LearningTarget::new(id(50), "  ", "", "", 0, &teacher_ctx()).is_err());
        assert!(LearningTarget::new(id(50), "I can", "", "", 0, &student_ctx(1)).is_err());
    }

    #[test]
    fn deleting_a_used_target_is_refused_with_retire_advice() {
        let g = crate::goal::tests::filled(1);
        assert_eq!(g.targets, vec![id(50)]);
        let e = check_delete_target(id(50), std::slice::from_ref(&g)).unwrap_err();
        assert_eq!(
            e,
            DomainError::InUse {
                what: "goal",
                count: 1
            }
        );
        assert!(e.to_string().contains("Retire"));
        assert!(check_delete_target(id(51), std::slice::from_ref(&g)).is_ok());
        let mut gone = g;
        gone.meta.deleted = true;
        assert!(check_delete_target(id(50), &[gone]).is_ok());
    }

    #[test]
    fn reorder_moves_and_renumbers() {
        let ctx = teacher_ctx();
        let mut ts: Vec<_> = (0..4)
            .map(|i| {
                LearningTarget::new(
                    id(50 + i),
                    &format!("I can {i}"),
                    "",
                    "",
                    u32::from(i),
                    &ctx,
                )
                .unwrap()
            })
            .collect();
        reorder_targets(&mut ts, id(53), 0, &ctx).unwrap();
        let mut sorted = ts.clone();
        sorted.sort_by_key(|t| t.order);
        let texts: Vec<_> = sorted.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["I can 3", "I can 0", "I can 1", "I can 2"]);
        assert!(reorder_targets(&mut ts, id(99), 0, &ctx).is_err());
    }
}
