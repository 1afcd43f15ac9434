//! The class: its name, grade and subject, and the settings that apply to everyone in it.
//!
//! Serialized names: `n` name, `gr` grade, `sj` subject, `tc` teacher id, `l` idle
//! auto-lock minutes (omitted when 5), `ms` mastery scale (omitted when standard).

use super::error::{DomainError, Result};
use super::ids::Id;
use super::rating::MasteryScale;
use super::record::{impl_record, record_struct, Ctx, Meta, Record};
use super::validate::{self, MAX_LINE};

/// Default minutes of inactivity before a shared device locks back to the picker.
pub const DEFAULT_IDLE_LOCK_MINUTES: u16 = 5;

fn default_lock() -> u16 {
    DEFAULT_IDLE_LOCK_MINUTES
}
fn is_default_lock(n: &u16) -> bool {
    *n == DEFAULT_IDLE_LOCK_MINUTES
}

record_struct! {
    /// A class (the teacher's group of students for a year).
    #[derive(Clone, Debug, PartialEq)]
    pub struct Class {
        /// Name ("Room 12", "5B").
        #[serde(rename = "n")]
        pub name: String,
        /// Grade, as the teacher writes it ("5", "Year 7").
        #[serde(rename = "gr", default, skip_serializing_if = "String::is_empty")]
        pub grade: String,
        /// Subject ("ELA").
        #[serde(rename = "sj", default, skip_serializing_if = "String::is_empty")]
        pub subject: String,
        /// The teacher's actor id.
        #[serde(rename = "tc", default, skip_serializing_if = "Option::is_none")]
        pub teacher: Option<Id>,
        /// Minutes of inactivity before auto-lock (1–60).
        #[serde(
            rename = "l",
            default = "default_lock",
            skip_serializing_if = "is_default_lock"
        )]
        pub idle_lock_minutes: u16,
        /// The mastery scale used for self-assessments and teacher ratings.
        #[serde(
            rename = "ms",
            default,
            skip_serializing_if = "MasteryScale::is_standard"
        )]
        pub scale: MasteryScale,
        /// The class key's public half (base64url, see `seal::PublicKey`): teacher
        /// decisions on any device are checked against it. `None` until a teacher device
        /// has made the key.
        #[serde(rename = "k", default, skip_serializing_if = "Option::is_none")]
        pub key: Option<String>,
    }
}

impl_record!(Class, Kind::Class, |_c| None, |c| {
    c.name.clear();
    c.grade.clear();
    c.subject.clear();
});

impl Class {
    /// A new class; only the name is required.
    pub fn new(id: Id, name: &str, grade: &str, subject: &str, ctx: &Ctx) -> Result<Class> {
        only_teacher(ctx, "set up the class")?;
        Ok(Class {
            meta: Meta::new(id, ctx),
            name: validate::required("the class name", name, MAX_LINE)?,
            grade: grade.trim().to_string(),
            subject: subject.trim().to_string(),
            teacher: Some(ctx.by.id),
            idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
            scale: MasteryScale::default(),
            key: None,
            extra: Default::default(),
        })
    }

    /// Changes the idle time before a shared device locks (1–60 minutes).
    pub fn set_idle_lock(&mut self, minutes: u16, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change the auto-lock time")?;
        if !(1..=60).contains(&minutes) {
            return Err(DomainError::OutOfRange(
                "The auto-lock time (1 to 60 minutes)",
            ));
        }
        self.idle_lock_minutes = minutes;
        self.touch(ctx);
        Ok(())
    }

    /// Names the class key, for a class set up before keys existed. A class that has a
    /// key keeps it: a second key would split the class's devices.
    pub fn set_key(&mut self, key: &crate::seal::PublicKey, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "make the class key")?;
        if self.key.is_some() {
            return Err(DomainError::InvalidTransition {
                state: "sealed by its key",
                action: "make the class key",
            });
        }
        self.key = Some(key.to_string());
        self.touch(ctx);
        Ok(())
    }
}

pub(crate) fn only_teacher(ctx: &Ctx, action: &'static str) -> Result<()> {
    if ctx.by.is_teacher() {
        Ok(())
    } else {
        Err(DomainError::NotAllowed {
            action,
            who: "the teacher",
        })
    }
}

/// The mastery scale of the class (the first class on this device that is not deleted),
/// or the standard one when there is no class yet.
pub fn class_scale(classes: &[Class]) -> MasteryScale {
    classes
        .iter()
        .find(|c| !c.meta.deleted)
        .map(|c| c.scale.clone())
        .filter(|s| !s.levels.is_empty())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::*;

    #[test]
    fn a_class_without_a_key_gets_one_once_from_the_teacher() {
        let mut c = Class::new(id(9), "Room 12", "5", "ELA", &teacher_ctx()).unwrap();
        let key = crate::seal::PublicKey(vec![4; 65]);
        assert!(c.set_key(&key, &student_ctx(1)).is_err());
        assert_eq!(c.key, None);
        let before = c.meta.versions.clone();
        c.set_key(&key, &teacher_ctx()).unwrap();
        assert_eq!(c.key, Some(key.to_string()));
        assert_ne!(
            c.meta.versions, before,
            "a new version, so other devices take it"
        );
        let other = crate::seal::PublicKey(vec![5; 65]);
        assert!(c.set_key(&other, &teacher_ctx()).is_err());
        assert_eq!(c.key, Some(key.to_string()));
    }

    #[test]
    fn new_class_has_five_minute_lock_and_standard_scale_not_stored() {
        let c = Class::new(id(9), " Room 12 ", "5", "ELA", &teacher_ctx()).unwrap();
        assert_eq!(c.name, "Room 12");
        assert_eq!(c.idle_lock_minutes, 5);
        let json = round_trip(&c);
        assert!(!json.contains("\"l\""), "{json}");
        assert!(!json.contains("\"ms\""), "{json}");
    }

    #[test]
    fn only_teacher_sets_up_and_lock_is_bounded() {
        assert!(Class::new(id(9), "Room", "", "", &student_ctx(1)).is_err());
        assert!(Class::new(id(9), "  ", "", "", &teacher_ctx()).is_err());
        let mut c = Class::new(id(9), "Room", "", "", &teacher_ctx()).unwrap();
        assert!(c.set_idle_lock(0, &teacher_ctx()).is_err());
        assert!(c.set_idle_lock(2, &student_ctx(1)).is_err());
        c.set_idle_lock(2, &teacher_ctx()).unwrap();
        let json = round_trip(&c);
        assert!(json.contains("\"l\":2"), "{json}");
    }

    #[test]
    fn the_class_scale_or_the_standard_one() {
        use crate::rating::Level;
        assert!(class_scale(&[]).is_standard());
        let mut c = Class::new(id(90), "Room 12", "", "", &teacher_ctx()).unwrap();
        c.scale = MasteryScale {
            name: "Stars".into(),
            levels: vec![Level {
                label: "One star".into(),
                words: "I'm starting".into(),
            }],
        };
        assert_eq!(class_scale(std::slice::from_ref(&c)).name, "Stars");
        c.scale.levels.clear();
        assert!(class_scale(&[c]).is_standard(), "an empty scale falls back");
    }
}
