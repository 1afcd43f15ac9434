//! Student profiles ("All about me") and the teacher's groups.
//!
//! Serialized names of [`StudentProfile`]: `n` name, `a` avatar key, `ar` archived, `p`
//! learner profile. Of [`LearnerProfile`]: `i` interests, `s` strengths, `l` how I like to
//! learn, `w` how I like to show learning, `su` supports I need. Of [`Group`]: `n` name,
//! `m` member ids, `k` what it is based on.
//!
//! PIN and picture-password hashes are not modelled here: the shared-device work stores
//! them under their own keys, and a newer app writing them into this record would still
//! be safe (they would land in `extra` and survive a save).

use serde::{Deserialize, Serialize};

use super::class::only_teacher;
use super::error::{DomainError, Result};
use super::ids::Id;
use super::record::{impl_record, is_false, Ctx, Meta, Record};
use super::validate::{self, MAX_LINE};

/// What a student says about themselves. Owned by the student; each list holds short
/// entries the UI shows as chips or lines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerProfile {
    /// Interests ("dinosaurs", "football").
    #[serde(rename = "i", default, skip_serializing_if = "Vec::is_empty")]
    pub interests: Vec<String>,
    /// Strengths.
    #[serde(rename = "s", default, skip_serializing_if = "Vec::is_empty")]
    pub strengths: Vec<String>,
    /// How I like to learn.
    #[serde(rename = "l", default, skip_serializing_if = "Vec::is_empty")]
    pub how_i_learn: Vec<String>,
    /// How I like to show what I learned.
    #[serde(rename = "w", default, skip_serializing_if = "Vec::is_empty")]
    pub how_i_show: Vec<String>,
    /// Supports I need.
    #[serde(rename = "su", default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<String>,
}

impl LearnerProfile {
    /// True when nothing is filled in (then it is not stored).
    pub fn is_empty(&self) -> bool {
        *self == LearnerProfile::default()
    }

    /// Trims entries, drops blank ones and checks lengths.
    fn cleaned(mut self) -> Result<LearnerProfile> {
        for list in [
            &mut self.interests,
            &mut self.strengths,
            &mut self.how_i_learn,
            &mut self.how_i_show,
            &mut self.supports,
        ] {
            let mut out = Vec::with_capacity(list.len());
            for e in list.iter() {
                let t = e.trim();
                if !t.is_empty() {
                    validate::max_len("One entry", t, MAX_LINE)?;
                    out.push(t.to_string());
                }
            }
            *list = out;
        }
        Ok(self)
    }
}

/// A student on this device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StudentProfile {
    /// Metadata; `meta.id` is the student's id everywhere.
    #[serde(flatten)]
    pub meta: Meta,
    /// Display name (usually a first name).
    #[serde(rename = "n")]
    pub name: String,
    /// Avatar: an emoji or a picture key the UI knows.
    #[serde(rename = "a", default, skip_serializing_if = "String::is_empty")]
    pub avatar: String,
    /// Archived: hidden from the picker and dashboard, all data kept.
    #[serde(rename = "ar", default, skip_serializing_if = "is_false")]
    pub archived: bool,
    /// All about me.
    #[serde(
        rename = "p",
        default,
        skip_serializing_if = "LearnerProfile::is_empty"
    )]
    pub profile: LearnerProfile,
    /// Fields from newer versions (e.g. PIN settings).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl_record!(StudentProfile, "s", |s| Some(s.meta.id), |s| {
    s.name.clear();
    s.avatar.clear();
    s.profile = LearnerProfile::default();
});

impl StudentProfile {
    /// Adds a student (the teacher does this, from the roster).
    pub fn new(id: Id, name: &str, avatar: &str, ctx: &Ctx) -> Result<StudentProfile> {
        only_teacher(ctx, "add students")?;
        Ok(StudentProfile {
            meta: Meta::new(id, ctx),
            name: validate::student_name(name)?,
            avatar: avatar.trim().to_string(),
            archived: false,
            profile: LearnerProfile::default(),
            extra: Default::default(),
        })
    }

    /// Renames or changes the avatar (teacher, or the student themselves).
    pub fn edit(&mut self, name: &str, avatar: &str, ctx: &Ctx) -> Result<()> {
        self.may_edit(ctx)?;
        self.name = validate::student_name(name)?;
        self.avatar = avatar.trim().to_string();
        self.touch(ctx);
        Ok(())
    }

    /// The student edits "All about me". Only the student (or the teacher sitting with
    /// them) may; families only read.
    pub fn set_profile(&mut self, profile: LearnerProfile, ctx: &Ctx) -> Result<()> {
        self.may_edit(ctx)?;
        self.profile = profile.cleaned()?;
        self.touch(ctx);
        Ok(())
    }

    /// Archives (hides, keeps data) or brings back. Teacher only.
    pub fn set_archived(&mut self, archived: bool, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "archive students")?;
        self.archived = archived;
        self.touch(ctx);
        Ok(())
    }

    fn may_edit(&self, ctx: &Ctx) -> Result<()> {
        if ctx.by.is_teacher() || ctx.by.is_student(self.meta.id) {
            Ok(())
        } else {
            Err(DomainError::NotAllowed {
                action: "change this profile",
                who: "the student or the teacher",
            })
        }
    }
}

/// A teacher's group (by readiness, interest or profile). Teacher-only: never shown to
/// students, so its name can be the teacher's shorthand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Metadata.
    #[serde(flatten)]
    pub meta: Meta,
    /// The teacher's name for the group.
    #[serde(rename = "n")]
    pub name: String,
    /// Student ids.
    #[serde(rename = "m", default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Id>,
    /// What the group is based on ("readiness", "interest"…), free text.
    #[serde(rename = "k", default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
    /// Fields from newer versions.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl_record!(Group, "gr", |_g| None, |g| {
    g.name.clear();
    g.members.clear();
    g.basis.clear();
});

impl Group {
    /// A new group (teacher only). Members are deduplicated, order kept.
    pub fn new(id: Id, name: &str, members: &[Id], ctx: &Ctx) -> Result<Group> {
        only_teacher(ctx, "make groups")?;
        let mut m = Vec::new();
        for id in members {
            if !m.contains(id) {
                m.push(*id);
            }
        }
        Ok(Group {
            meta: Meta::new(id, ctx),
            name: validate::required("the group name", name, MAX_LINE)?,
            members: m,
            basis: String::new(),
            extra: Default::default(),
        })
    }

    /// True if the student is in this (non-deleted) group.
    pub fn has(&self, student: Id) -> bool {
        !self.meta.deleted && self.members.contains(&student)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::testing::*;

    #[test]
    fn teacher_adds_student_with_trimmed_name_and_student_edits_profile() {
        let mut s = StudentProfile::new(id(1), "  Zoë 🦊 ", "🦊", &teacher_ctx()).unwrap();
        assert_eq!(s.name, "Zoë 🦊");
        assert_eq!(s.owner(), Some(id(1)));
        let p = LearnerProfile {
            interests: vec![" horses ".into(), "   ".into(), "space".into()],
            supports: vec!["read aloud".into()],
            ..Default::default()
        };
        s.set_profile(p, &student_ctx(1)).unwrap();
        assert_eq!(s.profile.interests, vec!["horses", "space"]);
        let json = round_trip(&s);
        assert!(json.contains("\"su\":[\"read aloud\"]"), "{json}");
        // Another student cannot.
        assert!(s
            .set_profile(LearnerProfile::default(), &student_ctx(2))
            .is_err());
    }

    #[test]
    fn blank_names_refused_and_only_teacher_archives() {
        assert!(StudentProfile::new(id(1), " ", "", &teacher_ctx()).is_err());
        assert!(StudentProfile::new(id(1), "Ana", "", &student_ctx(1)).is_err());
        let mut s = StudentProfile::new(id(1), "Ana", "", &teacher_ctx()).unwrap();
        assert!(s.set_archived(true, &student_ctx(1)).is_err());
        s.set_archived(true, &teacher_ctx()).unwrap();
        assert!(round_trip(&s).contains("\"ar\":true"));
    }

    #[test]
    fn groups_are_teacher_only_and_deduplicate() {
        assert!(Group::new(id(70), "Fast", &[], &student_ctx(1)).is_err());
        let g = Group::new(
            id(70),
            "Needs more time",
            &[id(1), id(2), id(1)],
            &teacher_ctx(),
        )
        .unwrap();
        assert_eq!(g.members, vec![id(1), id(2)]);
        assert!(g.has(id(2)) && !g.has(id(3)));
        assert_eq!(g.owner(), None);
        round_trip(&g);
    }
}
