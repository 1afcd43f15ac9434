//! Comments and feedback on goals, evidence and own-idea proposals. Each comment is its own
//! record, so a teacher commenting and a student editing never conflict in a merge. A
//! comment by the teacher is feedback; by another student, peer feedback.
//!
//! Serialized names: `s` the student whose work it is on, `o` what it is on (`"g"`,
//! `"e"`, `"f"` + id), `f` the part of a goal it is anchored to, `a` author, `x` text.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::{DomainError, Result};
use super::ids::{split_tagged, Id, ParseStr};
use super::record::{impl_record, record_struct, Actor, Ctx, Meta, Record, Role};
use super::review::GoalField;
use super::validate::{self, MAX_TEXT};

/// What a comment is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CommentOn {
    /// A goal.
    Goal(Id),
    /// A piece of evidence.
    Evidence(Id),
    /// A format choice (own-idea proposal).
    Format(Id),
}

impl CommentOn {
    /// The id of the thing commented on.
    pub fn id(&self) -> Id {
        match self {
            CommentOn::Goal(i) | CommentOn::Evidence(i) | CommentOn::Format(i) => *i,
        }
    }
}

impl fmt::Display for CommentOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommentOn::Goal(id) => write!(f, "g{id}"),
            CommentOn::Evidence(id) => write!(f, "e{id}"),
            CommentOn::Format(id) => write!(f, "f{id}"),
        }
    }
}

impl Serialize for CommentOn {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CommentOn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_str(ParseStr(|s: &str| {
            match split_tagged(s).map_err(|e| e.to_string())? {
                ('g', id) => Ok(CommentOn::Goal(id)),
                ('e', id) => Ok(CommentOn::Evidence(id)),
                ('f', id) => Ok(CommentOn::Format(id)),
                _ => Err("unknown comment target".to_string()),
            }
        }))
    }
}

record_struct! {
    /// A comment in a thread.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Comment {
        /// The student whose work this is on (owner, for storage and export).
        #[serde(rename = "s")]
        pub student: Id,
        /// What it is on.
        #[serde(rename = "o")]
        pub on: CommentOn,
        /// The part of the goal it is about.
        #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
        pub anchor: Option<GoalField>,
        /// Who wrote it (stays the author even if a teacher later removes it).
        #[serde(rename = "a")]
        pub author: Actor,
        /// The comment.
        #[serde(rename = "x")]
        pub text: String,
    }
}

impl_record!(Comment, Kind::Comment, |c| Some(c.student), |c| {
    c.text.clear();
});

impl Comment {
    /// A new comment by `ctx.by`: the teacher, the student themselves, or a classmate
    /// (peer feedback). Families do not comment.
    pub fn new(
        id: Id,
        student: Id,
        on: CommentOn,
        anchor: Option<GoalField>,
        text: &str,
        ctx: &Ctx,
    ) -> Result<Comment> {
        if ctx.by.role == Role::Family {
            return Err(DomainError::NotAllowed {
                action: "comment",
                who: "students and the teacher",
            });
        }
        Ok(Comment {
            meta: Meta::new(id, ctx),
            student,
            on,
            anchor,
            author: ctx.by,
            text: validate::required("your comment", text, MAX_TEXT)?,
            extra: Default::default(),
        })
    }

    /// The author edits their comment.
    pub fn edit(&mut self, text: &str, ctx: &Ctx) -> Result<()> {
        if ctx.by != self.author {
            return Err(DomainError::NotAllowed {
                action: "change this comment",
                who: "the person who wrote it",
            });
        }
        self.text = validate::required("your comment", text, MAX_TEXT)?;
        self.touch(ctx);
        Ok(())
    }

    /// True for the teacher's feedback.
    pub fn is_feedback(&self) -> bool {
        self.author.is_teacher()
    }

    /// True for a classmate's comment.
    pub fn is_peer(&self) -> bool {
        self.author.role == Role::Student && self.author.id != self.student
    }
}

/// The thread on one item, oldest first, without deleted comments.
pub fn thread<'a>(
    comments: impl IntoIterator<Item = &'a Comment>,
    on: CommentOn,
) -> Vec<&'a Comment> {
    let mut v: Vec<&Comment> = comments
        .into_iter()
        .filter(|c| c.on == on && !c.meta.deleted)
        .collect();
    v.sort_by_key(|c| (c.meta.created, c.meta.id));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::*;
    use crate::time::Timestamp;

    #[test]
    fn teacher_feedback_peer_comments_and_threads() {
        let t = teacher_ctx();
        let on = CommentOn::Goal(id(101));
        let a = Comment::new(id(10), id(1), on, Some(GoalField::Plan), "Nice plan!", &t).unwrap();
        assert!(a.is_feedback());
        let mut later = student_ctx(2);
        later.now = Timestamp(later.now.0 + 1);
        let b = Comment::new(id(11), id(1), on, None, "Can I join?", &later).unwrap();
        assert!(b.is_peer());
        let other =
            Comment::new(id(12), id(1), CommentOn::Evidence(id(30)), None, "x", &t).unwrap();
        let all = [b.clone(), other, a.clone()];
        let th = thread(&all, on);
        assert_eq!(
            th.iter().map(|c| c.meta.id).collect::<Vec<_>>(),
            [id(10), id(11)]
        );
        round_trip(&a);
    }

    #[test]
    fn only_author_edits_and_families_do_not_comment() {
        let t = teacher_ctx();
        let mut a =
            Comment::new(id(10), id(1), CommentOn::Goal(id(101)), None, "Good", &t).unwrap();
        assert!(a.edit("Bad", &student_ctx(1)).is_err());
        a.edit("Very good", &t).unwrap();
        let fam = Ctx::new(Actor::family(id(150)), "d1", t.now);
        assert!(Comment::new(id(10), id(1), CommentOn::Goal(id(101)), None, "hi", &fam).is_err());
        assert!(Comment::new(id(10), id(1), CommentOn::Goal(id(101)), None, " ", &t).is_err());
    }
}
