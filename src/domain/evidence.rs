//! Evidence: what a student did, as a text or an http(s) link (photos and videos do not
//! belong in localStorage; a link to them does), attached to a goal or a target.
//!
//! Serialized names: `s` student, `o` what it is for (`"g"`/`"t"` + id), `x` text, `l`
//! link, `fs` shared with family (omitted when false).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::{DomainError, Result};
use super::ids::{split_tagged, Id, ParseStr};
use super::record::{impl_record, is_false, record_struct, Ctx, Meta, Record};
use super::validate;

/// What a piece of evidence supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EvidenceFor {
    /// A goal.
    Goal(Id),
    /// A learning target.
    Target(Id),
}

impl fmt::Display for EvidenceFor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvidenceFor::Goal(id) => write!(f, "g{id}"),
            EvidenceFor::Target(id) => write!(f, "t{id}"),
        }
    }
}

impl Serialize for EvidenceFor {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EvidenceFor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_str(ParseStr(|s: &str| {
            match split_tagged(s).map_err(|e| e.to_string())? {
                ('g', id) => Ok(EvidenceFor::Goal(id)),
                ('t', id) => Ok(EvidenceFor::Target(id)),
                _ => Err("unknown evidence target".to_string()),
            }
        }))
    }
}

record_struct! {
    /// A piece of evidence.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Evidence {
        /// The student.
        #[serde(rename = "s")]
        pub student: Id,
        /// What it supports.
        #[serde(rename = "o")]
        pub on: EvidenceFor,
        /// Description or the work itself.
        #[serde(rename = "x", default, skip_serializing_if = "String::is_empty")]
        pub text: String,
        /// An http(s) link.
        #[serde(rename = "l", default, skip_serializing_if = "String::is_empty")]
        pub link: String,
        /// The student shares it with their family.
        #[serde(rename = "fs", default, skip_serializing_if = "is_false")]
        pub family_shared: bool,
    }
}

impl_record!(Evidence, Kind::Evidence, |e| Some(e.student), |e| {
    e.text.clear();
    e.link.clear();
});

fn checked(text: &str, link: &str) -> Result<(String, String)> {
    validate::optional_text("The evidence", text)?;
    let link = if link.trim().is_empty() {
        String::new()
    } else {
        validate::link(link)?
    };
    if text.trim().is_empty() && link.is_empty() {
        return Err(DomainError::Incomplete(
            "Write what you did or add a link to it.",
        ));
    }
    Ok((text.to_string(), link))
}

impl Evidence {
    /// New evidence by the student (or their teacher): a text, a link, or both.
    pub fn new(
        id: Id,
        student: Id,
        on: EvidenceFor,
        text: &str,
        link: &str,
        ctx: &Ctx,
    ) -> Result<Evidence> {
        may_change(student, ctx)?;
        let (text, link) = checked(text, link)?;
        Ok(Evidence {
            meta: Meta::new(id, ctx),
            student,
            on,
            text,
            link,
            family_shared: false,
            extra: Default::default(),
        })
    }

    /// Changes text and link.
    pub fn edit(&mut self, text: &str, link: &str, ctx: &Ctx) -> Result<()> {
        may_change(self.student, ctx)?;
        let (text, link) = checked(text, link)?;
        self.text = text;
        self.link = link;
        self.touch(ctx);
        Ok(())
    }

    /// The student shares it with their family (or stops sharing).
    pub fn set_family_shared(&mut self, shared: bool, ctx: &Ctx) -> Result<()> {
        if !ctx.by.is_student(self.student) {
            return Err(DomainError::NotAllowed {
                action: "choose what your family sees",
                who: "the student",
            });
        }
        self.family_shared = shared;
        self.touch(ctx);
        Ok(())
    }
}

fn may_change(student: Id, ctx: &Ctx) -> Result<()> {
    if ctx.by.is_student(student) || ctx.by.is_teacher() {
        Ok(())
    } else {
        Err(DomainError::NotAllowed {
            action: "change this evidence",
            who: "the student or the teacher",
        })
    }
}

/// One student's evidence for one goal or target, newest first, without deleted ones.
pub fn evidence_for<'a>(
    all: impl IntoIterator<Item = &'a Evidence>,
    student: Id,
    on: EvidenceFor,
) -> Vec<&'a Evidence> {
    let mut out: Vec<&Evidence> = all
        .into_iter()
        .filter(|e| !e.meta.deleted && e.student == student && e.on == on)
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse((r.meta.created, r.meta.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::*;

    #[test]
    fn text_or_http_link_only() {
        let s = student_ctx(1);
        let e = Evidence::new(
            id(30),
            id(1),
            EvidenceFor::Goal(id(101)),
            "",
            "https://docs.example.org/my-essay",
            &s,
        )
        .unwrap();
        round_trip(&e);
        let e = Evidence::new(
            id(30),
            id(1),
            EvidenceFor::Target(id(50)),
            "I wrote <b>3</b> paragraphs",
            "",
            &s,
        )
        .unwrap();
        assert_eq!(e.text, "I wrote <b>3</b> paragraphs");
        assert_eq!(
            Evidence::new(
                id(30),
                id(1),
                EvidenceFor::Goal(id(101)),
                "look",
                "javascript:alert(1)",
                &s
            ),
            Err(DomainError::BadLink)
        );
        assert!(matches!(
            Evidence::new(id(30), id(1), EvidenceFor::Goal(id(101)), "  ", " ", &s),
            Err(DomainError::Incomplete(_))
        ));
        assert!(Evidence::new(
            id(30),
            id(1),
            EvidenceFor::Goal(id(101)),
            "x",
            "",
            &student_ctx(2)
        )
        .is_err());
    }

    #[test]
    fn sharing_is_the_students_choice() {
        let mut e = Evidence::new(
            id(30),
            id(1),
            EvidenceFor::Goal(id(101)),
            "x",
            "",
            &student_ctx(1),
        )
        .unwrap();
        assert!(e.set_family_shared(true, &teacher_ctx()).is_err());
        e.set_family_shared(true, &student_ctx(1)).unwrap();
        assert!(round_trip(&e).contains("\"fs\":true"));
        let mut bad = e.clone();
        assert!(bad.edit("", "data:text/html,x", &student_ctx(1)).is_err());
        assert_eq!(bad, e, "a refused edit keeps the old evidence");
    }

    #[test]
    fn evidence_for_one_target_newest_first() {
        let mut s = student_ctx(1);
        let on = EvidenceFor::Target(id(50));
        let a = Evidence::new(id(30), id(1), on, "first", "", &s).unwrap();
        s.now = crate::time::Timestamp(s.now.0 + 5);
        let b = Evidence::new(id(31), id(1), on, "second", "", &s).unwrap();
        let elsewhere =
            Evidence::new(id(32), id(1), EvidenceFor::Goal(id(50)), "g", "", &s).unwrap();
        let mut gone = Evidence::new(id(33), id(1), on, "gone", "", &s).unwrap();
        gone.meta.deleted = true;
        let all = [a, b, elsewhere, gone];
        let texts: Vec<&str> = evidence_for(&all, id(1), on)
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(texts, ["second", "first"]);
        assert!(evidence_for(&all, id(2), on).is_empty());
    }
}
