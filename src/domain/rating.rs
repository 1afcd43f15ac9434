//! Self-assessments and teacher ratings on a named mastery scale. The two are separate
//! records and separate views: the student's own view is shown BESIDE the teacher's,
//! never averaged into it (a mastery number nobody can explain is one of the complaints
//! Wayfinder exists to avoid).
//!
//! Serialized names of [`Rating`]: `s` student, `t` target, `k` kind (`"s"` self /
//! `"t"` teacher), `l` level index, `x` note. Of [`MasteryScale`]: `n` name, `lv` levels;
//! of [`Level`]: `l` label, `w` student words.

use serde::{Deserialize, Serialize};

use super::error::{DomainError, Result};
use super::ids::Id;
use super::record::{impl_record, record_struct, Ctx, Meta, Role};
use super::validate;

/// One step of the scale, with what it means in a student's words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    /// Short label ("Proficient").
    #[serde(rename = "l")]
    pub label: String,
    /// What it means, for students and families ("I can do it on my own.").
    #[serde(rename = "w")]
    pub words: String,
}

/// A named, visible mastery scale. The class keeps one; the standard four-level scale is
/// the default and is not stored (saves space, and stays translatable).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasteryScale {
    /// Name of the scale.
    #[serde(rename = "n")]
    pub name: String,
    /// Levels from lowest to highest.
    #[serde(rename = "lv")]
    pub levels: Vec<Level>,
}

impl Default for MasteryScale {
    fn default() -> Self {
        let l = |label: &str, words: &str| Level {
            label: label.into(),
            words: words.into(),
        };
        MasteryScale {
            name: "Mastery".into(),
            levels: vec![
                l("Beginning", "I'm just starting. I can do this with help."),
                l(
                    "Developing",
                    "I can do some of it on my own, and I'm still practising.",
                ),
                l("Proficient", "I can do it on my own."),
                l(
                    "Extending",
                    "I can do it on my own, use it in new ways and help others.",
                ),
            ],
        }
    }
}

impl MasteryScale {
    /// True for the built-in scale (then it is not stored).
    pub fn is_standard(&self) -> bool {
        *self == MasteryScale::default()
    }
    /// The level at `index`, if the scale has it.
    pub fn level(&self, index: u8) -> Option<&Level> {
        self.levels.get(usize::from(index))
    }
}

/// Whose view a rating is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RatingKind {
    /// The student's self-assessment.
    #[serde(rename = "s")]
    SelfAssessment,
    /// The teacher's rating.
    #[serde(rename = "t")]
    Teacher,
}

record_struct! {
    /// One rating of one student on one target at one moment. A new rating is a new record,
    /// so the history of a student's growth is kept and the latest is easy to find.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Rating {
        /// The student rated.
        #[serde(rename = "s")]
        pub student: Id,
        /// The learning target.
        #[serde(rename = "t")]
        pub target: Id,
        /// Self-assessment or teacher rating.
        #[serde(rename = "k")]
        pub kind: RatingKind,
        /// Index into the class's mastery scale.
        #[serde(rename = "l")]
        pub level: u8,
        /// Optional note ("I still mix up the order").
        #[serde(rename = "x", default, skip_serializing_if = "String::is_empty")]
        pub note: String,
    }
}

impl_record!(Rating, Kind::Rating, |r| Some(r.student), |r| {
    r.note.clear();
});

impl Rating {
    /// A rating by `ctx.by`: a student may only assess themselves (kind self), a teacher
    /// only gives teacher ratings; families never rate. The level must exist on `scale`.
    pub fn new(
        id: Id,
        student: Id,
        target: Id,
        level: u8,
        note: &str,
        scale: &MasteryScale,
        ctx: &Ctx,
    ) -> Result<Rating> {
        let kind = match ctx.by.role {
            Role::Student if ctx.by.id == student => RatingKind::SelfAssessment,
            Role::Teacher => RatingKind::Teacher,
            _ => {
                return Err(DomainError::NotAllowed {
                    action: "rate this",
                    who: "the student themselves or the teacher",
                })
            }
        };
        if scale.level(level).is_none() {
            return Err(DomainError::OutOfRange("That level"));
        }
        validate::optional_text("The note", note)?;
        Ok(Rating {
            meta: Meta::new(id, ctx),
            student,
            target,
            kind,
            level,
            note: note.trim().to_string(),
            extra: Default::default(),
        })
    }
}

/// The latest self-assessment and the latest teacher rating of one student on one target,
/// side by side. Deliberately no combined value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SideBySide<'a> {
    /// The student's latest self-assessment.
    pub own: Option<&'a Rating>,
    /// The teacher's latest rating.
    pub teacher: Option<&'a Rating>,
}

/// Finds the latest (by creation time, then id for a stable answer) self and teacher
/// ratings of `student` on `target`, ignoring deleted ones.
pub fn latest_pair<'a>(
    ratings: impl IntoIterator<Item = &'a Rating>,
    student: Id,
    target: Id,
) -> SideBySide<'a> {
    let mut out = SideBySide::default();
    for r in ratings {
        if r.meta.deleted || r.student != student || r.target != target {
            continue;
        }
        let slot = match r.kind {
            RatingKind::SelfAssessment => &mut out.own,
            RatingKind::Teacher => &mut out.teacher,
        };
        if slot.is_none_or(|cur| (r.meta.created, r.meta.id) > (cur.meta.created, cur.meta.id)) {
            *slot = Some(r);
        }
    }
    out
}

/// All ratings of one kind by or for `student` on `target`, newest first (the growth
/// history a student can look back on). Deleted ones are left out.
pub fn history<'a>(
    ratings: impl IntoIterator<Item = &'a Rating>,
    student: Id,
    target: Id,
    kind: RatingKind,
) -> Vec<&'a Rating> {
    let mut out: Vec<&Rating> = ratings
        .into_iter()
        .filter(|r| !r.meta.deleted && r.student == student && r.target == target && r.kind == kind)
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse((r.meta.created, r.meta.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::*;
    use crate::time::Timestamp;

    #[test]
    fn student_self_assesses_teacher_rates_and_they_stay_apart() {
        let scale = MasteryScale::default();
        let s = id(1);
        let t = id(50);
        let own =
            Rating::new(id(60), s, t, 1, "still practising", &scale, &student_ctx(1)).unwrap();
        assert_eq!(own.kind, RatingKind::SelfAssessment);
        let mut later = teacher_ctx();
        later.now = Timestamp(later.now.0 + 1000);
        let teacher = Rating::new(id(61), s, t, 3, "", &scale, &later).unwrap();
        assert_eq!(teacher.kind, RatingKind::Teacher);
        let all = [own.clone(), teacher.clone()];
        let pair = latest_pair(&all, s, t);
        assert_eq!(pair.own.map(|r| r.level), Some(1));
        assert_eq!(pair.teacher.map(|r| r.level), Some(3));
        round_trip(&own);
    }

    #[test]
    fn latest_wins_and_deleted_is_ignored() {
        let scale = MasteryScale::default();
        let (s, t) = (id(1), id(50));
        let mut ctx = student_ctx(1);
        let a = Rating::new(id(60), s, t, 0, "", &scale, &ctx).unwrap();
        ctx.now = Timestamp(ctx.now.0 + 10);
        let mut b = Rating::new(id(61), s, t, 2, "", &scale, &ctx).unwrap();
        assert_eq!(latest_pair([&a, &b], s, t).own.map(|r| r.level), Some(2));
        b.meta.deleted = true;
        assert_eq!(latest_pair([&a, &b], s, t).own.map(|r| r.level), Some(0));
        assert_eq!(latest_pair([&a, &b], s, id(51)).own, None);
    }

    #[test]
    fn others_cannot_rate_and_levels_must_exist() {
        let scale = MasteryScale::default();
        assert!(matches!(
            Rating::new(id(60), id(1), id(50), 0, "", &scale, &student_ctx(2)),
            Err(DomainError::NotAllowed { .. })
        ));
        assert_eq!(
            Rating::new(id(60), id(1), id(50), 4, "", &scale, &student_ctx(1)),
            Err(DomainError::OutOfRange("That level"))
        );
        assert_eq!(scale.levels.len(), 4);
        assert!(scale.is_standard());
    }

    #[test]
    fn history_is_newest_first_and_per_kind() {
        let scale = MasteryScale::default();
        let (s, t) = (id(1), id(50));
        let mut ctx = student_ctx(1);
        let a = Rating::new(id(60), s, t, 0, "first", &scale, &ctx).unwrap();
        ctx.now = Timestamp(ctx.now.0 + 10);
        let b = Rating::new(id(61), s, t, 2, "later", &scale, &ctx).unwrap();
        let mut deleted = Rating::new(id(62), s, t, 3, "", &scale, &ctx).unwrap();
        deleted.meta.deleted = true;
        let teacher = Rating::new(id(63), s, t, 1, "", &scale, &teacher_ctx()).unwrap();
        let other_target = Rating::new(id(64), s, id(51), 1, "", &scale, &ctx).unwrap();
        let all = [a, b, deleted, teacher, other_target];
        let own: Vec<&str> = history(&all, s, t, RatingKind::SelfAssessment)
            .iter()
            .map(|r| r.note.as_str())
            .collect();
        assert_eq!(own, ["later", "first"]);
        assert_eq!(history(&all, s, t, RatingKind::Teacher).len(), 1);
        assert!(history(&all, id(2), t, RatingKind::SelfAssessment).is_empty());
    }
}
