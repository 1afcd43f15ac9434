//! Reflection journal entries, with a prompt, standalone or about a goal.
//!
//! Serialized names: `s` student, `k` prompt (`w` went well, `h` was hard, `n` next,
//! `f` free), `x` text, `g` goal, `fs` shared with family (omitted when false).

use serde::{Deserialize, Serialize};

use super::error::{DomainError, Result};
use super::ids::Id;
use super::record::{impl_record, is_false, record_struct, Ctx, Meta, Record};
use super::validate::{self, MAX_TEXT};

/// The journal prompt an entry answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Prompt {
    /// What went well?
    #[serde(rename = "w")]
    WentWell,
    /// What was hard?
    #[serde(rename = "h")]
    WasHard,
    /// What will I try next?
    #[serde(rename = "n")]
    Next,
    /// Free writing.
    #[default]
    #[serde(rename = "f")]
    Free,
}

impl Prompt {
    /// Every prompt, in the order a journal offers them.
    pub const ALL: [Prompt; 4] = [
        Prompt::WentWell,
        Prompt::WasHard,
        Prompt::Next,
        Prompt::Free,
    ];

    /// A short name for the choice of prompt ("Free writing" rather than the question).
    pub fn short(self) -> &'static str {
        match self {
            Prompt::WentWell => "What went well?",
            Prompt::WasHard => "What was hard?",
            Prompt::Next => "What will I try next?",
            Prompt::Free => "Free writing",
        }
    }

    /// The question shown to the student.
    pub fn question(self) -> &'static str {
        match self {
            Prompt::WentWell => "What went well?",
            Prompt::WasHard => "What was hard?",
            Prompt::Next => "What will I try next?",
            Prompt::Free => "Anything on your mind about your learning?",
        }
    }
}

record_struct! {
    /// A journal entry.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Reflection {
        /// The student.
        #[serde(rename = "s")]
        pub student: Id,
        /// The prompt.
        #[serde(rename = "k")]
        pub prompt: Prompt,
        /// The entry.
        #[serde(rename = "x")]
        pub text: String,
        /// The goal it is about, if any.
        #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
        pub goal: Option<Id>,
        /// The student shares it with their family.
        #[serde(rename = "fs", default, skip_serializing_if = "is_false")]
        pub family_shared: bool,
    }
}

impl_record!(Reflection, Kind::Reflection, |r| Some(r.student), |r| {
    r.text.clear();
});

impl Reflection {
    /// A new entry; only the student writes in their journal.
    pub fn new(
        id: Id,
        student: Id,
        prompt: Prompt,
        text: &str,
        goal: Option<Id>,
        ctx: &Ctx,
    ) -> Result<Reflection> {
        only_owner(student, ctx)?;
        Ok(Reflection {
            meta: Meta::new(id, ctx),
            student,
            prompt,
            text: validate::required("your reflection", text, MAX_TEXT)?,
            goal,
            family_shared: false,
            extra: Default::default(),
        })
    }

    /// Edits the text.
    pub fn edit(&mut self, text: &str, ctx: &Ctx) -> Result<()> {
        only_owner(self.student, ctx)?;
        self.text = validate::required("your reflection", text, MAX_TEXT)?;
        self.touch(ctx);
        Ok(())
    }

    /// Shares with the family, or stops.
    pub fn set_family_shared(&mut self, shared: bool, ctx: &Ctx) -> Result<()> {
        only_owner(self.student, ctx)?;
        self.family_shared = shared;
        self.touch(ctx);
        Ok(())
    }
}

fn only_owner(student: Id, ctx: &Ctx) -> Result<()> {
    if ctx.by.is_student(student) {
        Ok(())
    } else {
        Err(DomainError::NotAllowed {
            action: "write in this journal",
            who: "the student",
        })
    }
}

/// One student's journal, newest first, without deleted entries.
pub fn journal<'a>(
    all: impl IntoIterator<Item = &'a Reflection>,
    student: Id,
) -> Vec<&'a Reflection> {
    let mut out: Vec<&Reflection> = all
        .into_iter()
        .filter(|r| !r.meta.deleted && r.student == student)
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse((r.meta.created, r.meta.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::*;

    #[test]
    fn only_the_student_writes_and_blank_is_refused() {
        let s = student_ctx(1);
        let mut r = Reflection::new(
            id(20),
            id(1),
            Prompt::WasHard,
            " Fractions were hard 😅 ",
            Some(id(101)),
            &s,
        )
        .unwrap();
        assert_eq!(r.text, "Fractions were hard 😅");
        assert!(Reflection::new(id(20), id(1), Prompt::Free, "x", None, &teacher_ctx()).is_err());
        assert!(Reflection::new(id(20), id(1), Prompt::Free, "   ", None, &s).is_err());
        assert!(r.edit("  ", &s).is_err());
        assert_eq!(r.text, "Fractions were hard 😅");
        r.set_family_shared(true, &s).unwrap();
        let json = round_trip(&r);
        assert!(json.contains("\"k\":\"h\""), "{json}");
        assert_eq!(Prompt::Next.question(), "What will I try next?");
    }

    #[test]
    fn journal_is_newest_first_and_only_mine() {
        let mut s = student_ctx(1);
        let a = Reflection::new(id(20), id(1), Prompt::WentWell, "old", None, &s).unwrap();
        s.now = crate::time::Timestamp(s.now.0 + 60_000);
        let b = Reflection::new(id(21), id(1), Prompt::Free, "new", Some(id(101)), &s).unwrap();
        let other =
            Reflection::new(id(22), id(2), Prompt::Free, "theirs", None, &student_ctx(2)).unwrap();
        let all = [a, b, other];
        let texts: Vec<&str> = journal(&all, id(1))
            .iter()
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(texts, ["new", "old"]);
        assert_eq!(Prompt::ALL.len(), 4);
        assert_eq!(Prompt::Free.short(), "Free writing");
    }
}
