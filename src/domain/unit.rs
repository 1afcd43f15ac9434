//! Units as choice boards: activities toward targets, each must-do or may-do, with several
//! ways in, an optional readiness tier (a teacher-only label), and an assignment to the
//! whole class, a group, or one student.
//!
//! Serialized names of [`Unit`]: `n` title, `ds` description, `st`/`en` start/end day,
//! `t` target ids, `mr` may-dos required, `f` format menu, `a` assignment (omitted for the
//! whole class), `hd` hidden, `ac` activities. Of [`Activity`]: `i` id, `n` title, `ds`
//! description, `m` must-do, `w` ways in, `tr` tier, `a` assignment. Of [`WayIn`]: `k`
//! kind (`r` read, `l` listen, `w` watch, `h` hands-on), `x` text, `u` link.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::class::only_teacher;
use super::error::{DomainError, Result};
use super::format::FormatRef;
use super::ids::{split_tagged, Id};
use super::record::{impl_record, is_false, is_zero_u8, Ctx, Meta, Record};
use super::student::Group;
use super::time::Day;
use super::validate::{self, MAX_LINE};

/// Who a unit or an activity is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Assignment {
    /// Everyone in the class.
    #[default]
    Class,
    /// One of the teacher's groups.
    Group(Id),
    /// One student (e.g. an IEP-driven task).
    Student(Id),
}

impl Assignment {
    /// True when `student` is included. `groups` are the class's groups; a deleted or
    /// missing group includes nobody.
    pub fn includes(&self, student: Id, groups: &[Group]) -> bool {
        match self {
            Assignment::Class => true,
            Assignment::Student(s) => *s == student,
            Assignment::Group(g) => groups.iter().any(|x| x.meta.id == *g && x.has(student)),
        }
    }
    fn is_class(&self) -> bool {
        *self == Assignment::Class
    }
}

impl fmt::Display for Assignment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Assignment::Class => f.write_str("c"),
            Assignment::Group(id) => write!(f, "g{id}"),
            Assignment::Student(id) => write!(f, "s{id}"),
        }
    }
}

impl Serialize for Assignment {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Assignment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        if s == "c" {
            return Ok(Assignment::Class);
        }
        let (tag, id) = split_tagged(&s).map_err(serde::de::Error::custom)?;
        match tag {
            'g' => Ok(Assignment::Group(id)),
            's' => Ok(Assignment::Student(id)),
            _ => Err(serde::de::Error::custom("unknown assignment")),
        }
    }
}

/// A way into an activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum WayKind {
    /// Read it.
    #[serde(rename = "r")]
    Read,
    /// Listen (the app reads the text aloud, or an audio link).
    #[serde(rename = "l")]
    Listen,
    /// Watch a video.
    #[serde(rename = "w")]
    Watch,
    /// Hands-on.
    #[serde(rename = "h")]
    HandsOn,
}

/// One way in: its text and/or link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WayIn {
    /// Read, listen, watch, hands-on.
    #[serde(rename = "k")]
    pub kind: WayKind,
    /// Instructions or the text itself.
    #[serde(rename = "x", default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// An http(s) link, or empty.
    #[serde(rename = "u", default, skip_serializing_if = "String::is_empty")]
    pub link: String,
}

impl WayIn {
    /// A checked way in: the link, if any, must be http(s).
    pub fn new(kind: WayKind, text: &str, link: &str) -> Result<WayIn> {
        validate::optional_text("The activity text", text)?;
        let link = if link.trim().is_empty() {
            String::new()
        } else {
            validate::link(link)?
        };
        Ok(WayIn {
            kind,
            text: text.trim().to_string(),
            link,
        })
    }
}

/// An activity on a choice board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// Stable id (pathways refer to it).
    #[serde(rename = "i")]
    pub id: Id,
    /// Title.
    #[serde(rename = "n")]
    pub title: String,
    /// What to do.
    #[serde(rename = "ds", default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Must-do (true) or may-do.
    #[serde(rename = "m", default, skip_serializing_if = "is_false")]
    pub must: bool,
    /// The ways in the teacher offers.
    #[serde(rename = "w", default, skip_serializing_if = "Vec::is_empty")]
    pub ways: Vec<WayIn>,
    /// Readiness tier: a teacher-only label, never shown to students.
    #[serde(rename = "tr", default, skip_serializing_if = "String::is_empty")]
    pub tier: String,
    /// Who it is for (within those the unit is for).
    #[serde(rename = "a", default, skip_serializing_if = "Assignment::is_class")]
    pub assign: Assignment,
}

impl Activity {
    /// A checked activity for the whole class.
    pub fn new(id: Id, title: &str, must: bool, ways: Vec<WayIn>) -> Result<Activity> {
        Ok(Activity {
            id,
            title: validate::required("the activity title", title, MAX_LINE)?,
            description: String::new(),
            must,
            ways,
            tier: String::new(),
            assign: Assignment::Class,
        })
    }
}

/// A unit / choice board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// Metadata.
    #[serde(flatten)]
    pub meta: Meta,
    /// Title.
    #[serde(rename = "n")]
    pub title: String,
    /// Description for students.
    #[serde(rename = "ds", default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// First day.
    #[serde(rename = "st", default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Day>,
    /// Last day.
    #[serde(rename = "en", default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Day>,
    /// Learning targets of the unit.
    #[serde(rename = "t", default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Id>,
    /// How many may-dos a student must choose.
    #[serde(rename = "mr", default, skip_serializing_if = "is_zero_u8")]
    pub may_dos_required: u8,
    /// The product-format menu for this unit.
    #[serde(rename = "f", default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<FormatRef>,
    /// Who the unit is for.
    #[serde(rename = "a", default, skip_serializing_if = "Assignment::is_class")]
    pub assign: Assignment,
    /// Not yet opened to students.
    #[serde(rename = "hd", default, skip_serializing_if = "is_false")]
    pub hidden: bool,
    /// The activities, in the teacher's order.
    #[serde(rename = "ac", default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Activity>,
    /// Fields from newer versions.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl_record!(Unit, "u", |_u| None, |u| {
    u.title.clear();
    u.description.clear();
    u.activities.clear();
    u.targets.clear();
    u.formats.clear();
});

impl Unit {
    /// A new, empty unit for the whole class.
    pub fn new(id: Id, title: &str, ctx: &Ctx) -> Result<Unit> {
        only_teacher(ctx, "make units")?;
        Ok(Unit {
            meta: Meta::new(id, ctx),
            title: validate::required("the unit title", title, MAX_LINE)?,
            description: String::new(),
            start: None,
            end: None,
            targets: Vec::new(),
            may_dos_required: 0,
            formats: Vec::new(),
            assign: Assignment::Class,
            hidden: false,
            activities: Vec::new(),
            extra: Default::default(),
        })
    }

    /// Adds an activity at the end. Its id must be new in this unit.
    pub fn add_activity(&mut self, a: Activity, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change the choice board")?;
        if self.activity(a.id).is_some() {
            return Err(DomainError::Duplicate(a.title));
        }
        self.activities.push(a);
        self.touch(ctx);
        Ok(())
    }

    /// Sets how many may-dos are required; cannot be more than the board offers.
    pub fn set_may_dos_required(&mut self, n: u8, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change the choice board")?;
        let offered = self.activities.iter().filter(|a| !a.must).count();
        if usize::from(n) > offered {
            return Err(DomainError::OutOfRange("The number of may-dos required"));
        }
        self.may_dos_required = n;
        self.touch(ctx);
        Ok(())
    }

    /// Sets the dates; the end cannot be before the start.
    pub fn set_dates(&mut self, start: Option<Day>, end: Option<Day>, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change the unit")?;
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                return Err(DomainError::Incomplete(
                    "The end date is before the start date.",
                ));
            }
        }
        self.start = start;
        self.end = end;
        self.touch(ctx);
        Ok(())
    }

    /// Finds an activity by id.
    pub fn activity(&self, id: Id) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id == id)
    }

    /// True if the unit is open to `student`.
    pub fn visible_to(&self, student: Id, groups: &[Group]) -> bool {
        !self.meta.deleted && !self.hidden && self.assign.includes(student, groups)
    }

    /// The activities `student` sees, in board order (empty if the unit is not for them).
    pub fn activities_for<'a>(
        &'a self,
        student: Id,
        groups: &'a [Group],
    ) -> impl Iterator<Item = &'a Activity> + 'a {
        let open = self.visible_to(student, groups);
        self.activities
            .iter()
            .filter(move |a| open && a.assign.includes(student, groups))
    }

    /// A copy to reuse: new unit id from the caller, new activity ids from `next_id`
    /// (called once per activity), title marked as a copy, hidden until opened.
    pub fn duplicate(
        &self,
        new_id: Id,
        mut next_id: impl FnMut() -> Id,
        ctx: &Ctx,
    ) -> Result<Unit> {
        only_teacher(ctx, "duplicate units")?;
        let mut u = self.clone();
        u.meta = Meta::new(new_id, ctx);
        u.meta.demo = self.meta.demo;
        u.title = format!("{} (copy)", self.title);
        u.hidden = true;
        for a in &mut u.activities {
            a.id = next_id();
        }
        Ok(u)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::format::BuiltinFormat;
    use crate::domain::record::testing::*;

    pub(crate) fn board() -> Unit {
        let ctx = teacher_ctx();
        let mut u = Unit::new(id(80), "Short stories", &ctx).unwrap();
        u.add_activity(
            Activity::new(
                id(81),
                "Mini-lesson",
                true,
                vec![WayIn::new(WayKind::Watch, "", "https://example.org/v").unwrap()],
            )
            .unwrap(),
            &ctx,
        )
        .unwrap();
        u.add_activity(
            Activity::new(
                id(82),
                "Read the story",
                false,
                vec![
                    WayIn::new(WayKind::Read, "Read pages 3-9", "").unwrap(),
                    WayIn::new(WayKind::Listen, "Audiobook", "").unwrap(),
                ],
            )
            .unwrap(),
            &ctx,
        )
        .unwrap();
        u.add_activity(Activity::new(id(83), "Notes", false, vec![]).unwrap(), &ctx)
            .unwrap();
        u.formats = vec![FormatRef::Builtin(BuiltinFormat::Essay)];
        u
    }

    #[test]
    fn board_round_trips_compactly() {
        let u = board();
        let json = round_trip(&u);
        assert!(json.contains("\"k\":\"l\""), "{json}");
        assert!(
            !json.contains("\"a\":"),
            "class assignment should be omitted: {json}"
        );
    }

    #[test]
    fn assignment_to_group_or_student_limits_who_sees_it() {
        let ctx = teacher_ctx();
        let mut u = board();
        let g = Group::new(id(70), "g", &[id(1)], &ctx).unwrap();
        u.activities[2].assign = Assignment::Student(id(2));
        u.assign = Assignment::Group(g.meta.id);
        let groups = vec![g];
        assert!(u.visible_to(id(1), &groups));
        assert!(!u.visible_to(id(2), &groups));
        assert_eq!(u.activities_for(id(1), &groups).count(), 2);
        u.assign = Assignment::Class;
        assert_eq!(u.activities_for(id(2), &groups).count(), 3);
        u.hidden = true;
        assert_eq!(u.activities_for(id(2), &groups).count(), 0);
        for a in [
            Assignment::Class,
            Assignment::Group(id(70)),
            Assignment::Student(id(2)),
        ] {
            let j = serde_json::to_string(&a).unwrap();
            assert_eq!(serde_json::from_str::<Assignment>(&j).unwrap(), a);
        }
        assert!(serde_json::from_str::<Assignment>("\"x\"").is_err());
    }

    #[test]
    fn bad_links_duplicate_ids_and_too_many_may_dos_are_refused() {
        assert_eq!(
            WayIn::new(WayKind::Watch, "", "javascript:alert(1)"),
            Err(DomainError::BadLink)
        );
        let ctx = teacher_ctx();
        let mut u = board();
        assert!(u
            .add_activity(Activity::new(id(81), "Again", false, vec![]).unwrap(), &ctx)
            .is_err());
        assert!(u.set_may_dos_required(3, &ctx).is_err());
        u.set_may_dos_required(2, &ctx).unwrap();
        assert!(u.set_dates(Some(Day(10)), Some(Day(9)), &ctx).is_err());
        assert!(u
            .add_activity(
                Activity::new(id(90), "Mine", false, vec![]).unwrap(),
                &student_ctx(1)
            )
            .is_err());
    }

    #[test]
    fn duplicate_gets_fresh_ids_and_starts_hidden() {
        let u = board();
        let mut n = 100u8;
        let copy = u
            .duplicate(
                id(99),
                || {
                    n += 1;
                    id(n)
                },
                &teacher_ctx(),
            )
            .unwrap();
        assert_eq!(copy.meta.id, id(99));
        assert!(copy.hidden);
        assert!(copy.title.ends_with("(copy)"));
        assert!(copy.activities.iter().all(|a| u.activity(a.id).is_none()));
        assert_eq!(copy.activities.len(), u.activities.len());
    }
}
