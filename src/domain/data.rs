//! All records of a class in one value, for derived views, exports, merges and the
//! sample generator. Storage keeps records in its own buckets and builds this when it
//! needs a whole-class view.
//!
//! Serialized names are the record kinds' names ([`crate::Kind::as_str`]): `c` classes, `s` students,
//! `gr` groups, `t` targets, `u` units, `f` formats, `fc` format choices, `p` pathways,
//! `g` goals, `e` evidence, `r` ratings, `j` reflections, `m` comments, `h` help flags.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::class::Class;
use super::comment::Comment;
use super::evidence::Evidence;
use super::format::{FormatChoice, ProductFormat};
use super::goal::Goal;
use super::help::HelpFlag;
use super::ids::Id;
use super::pathway::Pathway;
use super::rating::Rating;
use super::record::Record;
use super::reflection::Reflection;
use super::student::{Group, StudentProfile};
use super::target::LearningTarget;
use super::unit::Unit;

/// Calls `$m!(field, Type)` once per record kind, so code that must treat every kind
/// the same way (counting, merging, filtering) cannot forget one.
#[macro_export]
#[doc(hidden)]
macro_rules! for_each_kind {
    ($m:ident) => {
        $m!(classes, $crate::class::Class);
        $m!(students, $crate::student::StudentProfile);
        $m!(groups, $crate::student::Group);
        $m!(targets, $crate::target::LearningTarget);
        $m!(units, $crate::unit::Unit);
        $m!(formats, $crate::format::ProductFormat);
        $m!(choices, $crate::format::FormatChoice);
        $m!(pathways, $crate::pathway::Pathway);
        $m!(goals, $crate::goal::Goal);
        $m!(evidence, $crate::evidence::Evidence);
        $m!(ratings, $crate::rating::Rating);
        $m!(reflections, $crate::reflection::Reflection);
        $m!(comments, $crate::comment::Comment);
        $m!(help, $crate::help::HelpFlag);
    };
}
pub use crate::for_each_kind;

/// Every record of a class (including tombstones).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassData {
    /// The class (normally one).
    #[serde(rename = "c", default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<Class>,
    /// Student profiles.
    #[serde(rename = "s", default, skip_serializing_if = "Vec::is_empty")]
    pub students: Vec<StudentProfile>,
    /// Teacher's groups.
    #[serde(rename = "gr", default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// Learning targets.
    #[serde(rename = "t", default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<LearningTarget>,
    /// Units.
    #[serde(rename = "u", default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Unit>,
    /// Teacher's own product formats.
    #[serde(rename = "f", default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<ProductFormat>,
    /// Students' format choices.
    #[serde(rename = "fc", default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<FormatChoice>,
    /// Pathways.
    #[serde(rename = "p", default, skip_serializing_if = "Vec::is_empty")]
    pub pathways: Vec<Pathway>,
    /// Goals.
    #[serde(rename = "g", default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// Evidence.
    #[serde(rename = "e", default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Ratings and self-assessments.
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<Rating>,
    /// Reflections.
    #[serde(rename = "j", default, skip_serializing_if = "Vec::is_empty")]
    pub reflections: Vec<Reflection>,
    /// Comments.
    #[serde(rename = "m", default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    /// Help flags.
    #[serde(rename = "h", default, skip_serializing_if = "Vec::is_empty")]
    pub help: Vec<HelpFlag>,
}

impl ClassData {
    /// Number of records of all kinds.
    pub fn len(&self) -> usize {
        let mut n = 0;
        macro_rules! count {
            ($f:ident, $t:ty) => {
                n += self.$f.len();
            };
        }
        for_each_kind!(count);
        n
    }

    /// True when there are no records.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One student's export: their profile and everything they own. No class setup, no
    /// groups, nothing of other students.
    pub fn for_student(&self, student: Id) -> ClassData {
        let mut out = ClassData::default();
        macro_rules! pick {
            ($f:ident, $t:ty) => {
                out.$f = self
                    .$f
                    .iter()
                    .filter(|r| r.owner() == Some(student))
                    .cloned()
                    .collect();
            };
        }
        for_each_kind!(pick);
        out
    }

    /// The class setup a teacher carries to students' own devices: class, targets, units,
    /// formats, and the roster (names and avatars only). No student work, no groups.
    /// Roster entries carry an empty version vector, so they create a missing profile
    /// but never overwrite one a device already has (a student's "All about me" stays
    /// theirs).
    pub fn setup(&self) -> ClassData {
        ClassData {
            classes: self.classes.clone(),
            targets: self.targets.clone(),
            units: self.units.clone(),
            formats: self.formats.clone(),
            students: self
                .students
                .iter()
                .filter(|s| !s.meta.deleted)
                .map(|s| {
                    let mut r = s.clone();
                    r.profile = Default::default();
                    r.meta.versions.clear();
                    r.meta.conflicts.clear();
                    r.extra.clear();
                    r
                })
                .collect(),
            ..ClassData::default()
        }
    }

    /// Everything except the sample class (the one-step "remove sample class").
    pub fn without_demo(&self) -> ClassData {
        let mut out = self.clone();
        macro_rules! drop_demo {
            ($f:ident, $t:ty) => {
                out.$f.retain(|r| !r.meta().demo);
            };
        }
        for_each_kind!(drop_demo);
        out
    }

    /// Ids used by more than one record of the same kind (a corrupt or hand-edited file).
    pub fn duplicate_ids(&self) -> Vec<Id> {
        let mut dups = Vec::new();
        macro_rules! check {
            ($f:ident, $t:ty) => {
                let mut seen = HashSet::new();
                for r in &self.$f {
                    if !seen.insert(r.id()) {
                        dups.push(r.id());
                    }
                }
            };
        }
        for_each_kind!(check);
        dups
    }

    /// The active (not deleted, not archived) students, in name order.
    pub fn active_students(&self) -> Vec<&StudentProfile> {
        let mut v: Vec<_> = self
            .students
            .iter()
            .filter(|s| !s.meta.deleted && !s.archived)
            .collect();
        v.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.meta.id.cmp(&b.meta.id))
        });
        v
    }
}

/// A record kind that has its own list in [`ClassData`], so code can be generic over
/// "put this record where it belongs".
pub trait InClass: Record {
    /// The list of this kind.
    fn list(data: &ClassData) -> &Vec<Self>;
    /// The list of this kind, for changing.
    fn list_mut(data: &mut ClassData) -> &mut Vec<Self>;
}

macro_rules! impl_in_class {
    ($f:ident, $t:ty) => {
        impl InClass for $t {
            fn list(data: &ClassData) -> &Vec<Self> {
                &data.$f
            }
            fn list_mut(data: &mut ClassData) -> &mut Vec<Self> {
                &mut data.$f
            }
        }
    };
}
for_each_kind!(impl_in_class);

impl ClassData {
    /// Puts `record` in its list, replacing the one with the same id.
    pub fn put<T: InClass>(&mut self, record: T) {
        let list = T::list_mut(self);
        match list.iter_mut().find(|r| r.id() == record.id()) {
            Some(slot) => *slot = record,
            None => list.push(record),
        }
    }

    /// The record of kind `T` with `id`.
    pub fn get<T: InClass>(&self, id: Id) -> Option<&T> {
        T::list(self).iter().find(|r| r.id() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::merge_class;
    use crate::sample::{sample_class, SampleScale};
    use crate::time::Day;

    fn demo() -> ClassData {
        let start = Day::parse("2025-09-02").map(Day::start).unwrap_or_default();
        sample_class(
            11,
            &SampleScale {
                demo: false,
                ..SampleScale::demo()
            },
            start,
            "d1",
        )
    }

    #[test]
    fn one_students_export_holds_only_their_work() {
        let d = demo();
        let s = d.students[0].meta.id;
        let mine = d.for_student(s);
        assert_eq!(mine.students.len(), 1);
        assert!(!mine.goals.is_empty() && !mine.pathways.is_empty());
        assert!(mine.goals.iter().all(|g| g.student == s));
        assert!(mine.comments.iter().all(|c| c.student == s));
        assert!(mine.groups.is_empty() && mine.targets.is_empty() && mine.classes.is_empty());
    }

    #[test]
    fn setup_export_has_no_student_work_and_never_overwrites_a_profile() {
        let mut d = demo();
        let s = d.students[0].meta.id;
        let when = d.students[0].meta.updated;
        let ctx = crate::record::Ctx::new(crate::record::Actor::student(s), "d9", when);
        let profile = crate::student::LearnerProfile {
            interests: vec!["horses".into()],
            ..Default::default()
        };
        d.students[0].set_profile(profile, &ctx).unwrap();
        let setup = d.setup();
        assert!(setup.goals.is_empty() && setup.reflections.is_empty() && setup.groups.is_empty());
        assert_eq!(setup.targets.len(), d.targets.len());
        assert!(setup.students.iter().all(|p| p.profile.is_empty()));
        // On the student's own device (which has their profile) the roster changes nothing.
        let m = merge_class(&d, &setup).unwrap();
        assert!(m.summary.changes_nothing(), "{:?}", m.summary);
        // On an empty device it creates the roster and class setup.
        let m = merge_class(&ClassData::default(), &setup).unwrap();
        assert_eq!(m.summary.new, setup.len());
    }

    #[test]
    fn duplicate_ids_are_found_and_demo_is_removable() {
        let mut d = demo();
        assert!(d.duplicate_ids().is_empty());
        let copy = d.goals[0].clone();
        d.goals.push(copy);
        assert_eq!(d.duplicate_ids(), vec![d.goals[0].meta.id]);
        let mut mixed = demo();
        mixed.goals[0].meta.demo = true;
        assert_eq!(mixed.without_demo().goals.len(), mixed.goals.len() - 1);
    }

    #[test]
    fn active_students_skip_archived_and_deleted_and_sort_by_name() {
        let mut d = demo();
        d.students[0].archived = true;
        d.students[1].meta.deleted = true;
        let names: Vec<&str> = d
            .active_students()
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names.len(), d.students.len() - 2);
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);
    }
}
