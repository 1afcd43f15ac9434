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
use super::record::{impl_record, is_false, record_struct, Ctx, Meta, Record};
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

/// One of the lists of "All about me".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProfilePart {
    /// Interests.
    Interests,
    /// Strengths.
    Strengths,
    /// How I like to learn.
    HowILearn,
    /// How I like to show what I learned.
    HowIShow,
    /// Supports I need.
    Supports,
}

impl ProfilePart {
    /// Every part, in the order "All about me" shows them.
    pub const ALL: [ProfilePart; 5] = [
        ProfilePart::Interests,
        ProfilePart::Strengths,
        ProfilePart::HowILearn,
        ProfilePart::HowIShow,
        ProfilePart::Supports,
    ];

    /// A short key for element ids ("interests").
    pub fn key(self) -> &'static str {
        match self {
            ProfilePart::Interests => "interests",
            ProfilePart::Strengths => "strengths",
            ProfilePart::HowILearn => "learn",
            ProfilePart::HowIShow => "show",
            ProfilePart::Supports => "supports",
        }
    }
}

/// The pictures a student can choose from: the emoji and its name (the accessible name of
/// the choice, and what a screen reader says).
pub const AVATARS: &[(&str, &str)] = &[
    ("🦊", "Fox"),
    ("🐢", "Turtle"),
    ("🚀", "Rocket"),
    ("🌻", "Sunflower"),
    ("🐙", "Octopus"),
    ("⚽", "Football"),
    ("🎨", "Paint palette"),
    ("🦉", "Owl"),
    ("🌈", "Rainbow"),
    ("🐝", "Bee"),
    ("🎸", "Guitar"),
    ("🦖", "Dinosaur"),
    ("🐱", "Cat"),
    ("🐶", "Dog"),
    ("🦋", "Butterfly"),
    ("⭐", "Star"),
];

/// The name of an avatar picture ("Fox"), if it is one of [`AVATARS`].
pub fn avatar_name(avatar: &str) -> Option<&'static str> {
    AVATARS
        .iter()
        .find(|(emoji, _)| *emoji == avatar)
        .map(|(_, name)| *name)
}

impl LearnerProfile {
    /// The entries of one part.
    pub fn list(&self, part: ProfilePart) -> &[String] {
        match part {
            ProfilePart::Interests => &self.interests,
            ProfilePart::Strengths => &self.strengths,
            ProfilePart::HowILearn => &self.how_i_learn,
            ProfilePart::HowIShow => &self.how_i_show,
            ProfilePart::Supports => &self.supports,
        }
    }

    fn list_mut(&mut self, part: ProfilePart) -> &mut Vec<String> {
        match part {
            ProfilePart::Interests => &mut self.interests,
            ProfilePart::Strengths => &mut self.strengths,
            ProfilePart::HowILearn => &mut self.how_i_learn,
            ProfilePart::HowIShow => &mut self.how_i_show,
            ProfilePart::Supports => &mut self.supports,
        }
    }

    /// A copy with one more entry at the end of `part`: trimmed, not blank, at most
    /// [`MAX_LINE`] characters, and not already there (ignoring case). Returns the
    /// profile and the entry as stored.
    pub fn with_entry(&self, part: ProfilePart, entry: &str) -> Result<(LearnerProfile, String)> {
        let t = validate::required("your list", entry, MAX_LINE)?;
        if self
            .list(part)
            .iter()
            .any(|e| e.to_lowercase() == t.to_lowercase())
        {
            return Err(DomainError::Duplicate(format!("\u{201c}{t}\u{201d}")));
        }
        let mut out = self.clone();
        out.list_mut(part).push(t.clone());
        Ok((out, t))
    }

    /// A copy without `entry` in `part` (exact match; nothing changes if it is not there).
    pub fn without_entry(&self, part: ProfilePart, entry: &str) -> LearnerProfile {
        let mut out = self.clone();
        out.list_mut(part).retain(|e| e != entry);
        out
    }
}

record_struct! {
    /// A student on this device.
    #[derive(Clone, Debug, PartialEq)]
    pub struct StudentProfile {
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
    }
}

impl_record!(StudentProfile, Kind::Student, |s| Some(s.meta.id), |s| {
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

    /// Changes only the picture. The student (or the teacher) may; the name stays as the
    /// teacher wrote it.
    pub fn set_avatar(&mut self, avatar: &str, ctx: &Ctx) -> Result<()> {
        self.may_edit(ctx)?;
        let a = avatar.trim();
        validate::max_len("The picture", a, 16)?;
        self.avatar = a.to_string();
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

record_struct! {
    /// A teacher's group (by readiness, interest or profile). Teacher-only: never shown to
    /// students, so its name can be the teacher's shorthand.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Group {
        /// The teacher's name for the group.
        #[serde(rename = "n")]
        pub name: String,
        /// Student ids.
        #[serde(rename = "m", default, skip_serializing_if = "Vec::is_empty")]
        pub members: Vec<Id>,
        /// What the group is based on ("readiness", "interest"…), free text.
        #[serde(rename = "k", default, skip_serializing_if = "String::is_empty")]
        pub basis: String,
    }
}

impl_record!(Group, Kind::Group, |_g| None, |g| {
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

impl Group {
    /// Changes the name, what the group is based on (readiness, interest, learning
    /// profile: the teacher's own words) and the members, each once. Students never see
    /// any of it.
    pub fn edit(&mut self, name: &str, basis: &str, members: &[Id], ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change groups")?;
        let name = validate::required("the group name", name, MAX_LINE)?;
        validate::max_len("What the group is based on", basis.trim(), MAX_LINE)?;
        let mut m: Vec<Id> = Vec::new();
        for id in members {
            if !m.contains(id) {
                m.push(*id);
            }
        }
        self.name = name;
        self.basis = basis.trim().to_string();
        self.members = m;
        self.touch(ctx);
        Ok(())
    }

    /// Adds (`on`) or removes one member.
    pub fn set_member(&mut self, student: Id, on: bool, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change groups")?;
        self.members.retain(|m| *m != student);
        if on {
            self.members.push(student);
        }
        self.touch(ctx);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::*;

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

    #[test]
    fn entries_are_added_once_and_removed() {
        let p = LearnerProfile::default();
        let (p, added) = p.with_entry(ProfilePart::Interests, "  football ").unwrap();
        assert_eq!(added, "football");
        assert_eq!(p.list(ProfilePart::Interests), ["football"]);
        assert_eq!(
            p.with_entry(ProfilePart::Interests, "FOOTBALL"),
            Err(DomainError::Duplicate("\u{201c}FOOTBALL\u{201d}".into()))
        );
        assert!(p.with_entry(ProfilePart::Strengths, "football").is_ok());
        assert!(matches!(
            p.with_entry(ProfilePart::Supports, "   "),
            Err(DomainError::Required { .. })
        ));
        assert!(matches!(
            p.with_entry(ProfilePart::Supports, &"x".repeat(MAX_LINE + 1)),
            Err(DomainError::TooLong { .. })
        ));
        let (p, _) = p.with_entry(ProfilePart::Interests, "مرحبا 🚀").unwrap();
        let p = p.without_entry(ProfilePart::Interests, "football");
        assert_eq!(p.list(ProfilePart::Interests), ["مرحبا 🚀"]);
        assert_eq!(ProfilePart::ALL.len(), 5);
    }

    #[test]
    fn the_student_changes_their_picture_but_not_someone_elses() {
        let mut s = StudentProfile::new(id(1), "Ana", "🐢", &teacher_ctx()).unwrap();
        s.set_avatar("🦊", &student_ctx(1)).unwrap();
        assert_eq!(s.avatar, "🦊");
        assert_eq!(s.name, "Ana");
        assert!(s.set_avatar("🐝", &student_ctx(2)).is_err());
        assert!(s.set_avatar(&"x".repeat(17), &student_ctx(1)).is_err());
        assert_eq!(avatar_name("🦊"), Some("Fox"));
        assert_eq!(avatar_name("?"), None);
    }
}

#[cfg(test)]
mod group_editing_tests {
    use super::*;
    use crate::record::testing::*;

    #[test]
    fn teacher_renames_regroups_and_members_stay_unique() {
        let ctx = teacher_ctx();
        let mut g = Group::new(id(70), "Stars", &[id(1)], &ctx).unwrap();
        g.edit(
            " Rockets ",
            " interest: space ",
            &[id(2), id(3), id(2)],
            &ctx,
        )
        .unwrap();
        assert_eq!(g.name, "Rockets");
        assert_eq!(g.basis, "interest: space");
        assert_eq!(g.members, vec![id(2), id(3)]);
        assert!(g.edit(" ", "", &[], &ctx).is_err());
        assert!(g.edit("x", &"b".repeat(301), &[], &ctx).is_err());
        assert_eq!(g.name, "Rockets", "a refused edit changes nothing");
        g.set_member(id(1), true, &ctx).unwrap();
        g.set_member(id(1), true, &ctx).unwrap();
        g.set_member(id(2), false, &ctx).unwrap();
        assert_eq!(g.members, vec![id(3), id(1)]);
        assert!(g.set_member(id(4), true, &student_ctx(4)).is_err());
        assert!(g.edit("Mine", "", &[], &student_ctx(1)).is_err());
    }
}
