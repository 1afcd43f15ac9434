//! Units as choice boards: activities toward targets, each must-do or may-do, with several
//! ways in, an optional readiness tier (a teacher-only label), and an assignment to the
//! whole class, a group, or one student.
//!
//! Serialized names of [`Unit`]: `n` title, `ds` description, `st`/`en` start/end day,
//! `t` target ids, `mr` may-dos required, `f` format menu, `a` assignment (omitted for the
//! whole class), `hd` hidden, `ac` activities. Of [`Activity`]: `i` id, `n` title, `ds`
//! description, `m` must-do, `w` ways in, `tr` tier, `a` assignment. Of [`WayIn`]: `k`
//! kind (`r` read, `l` listen, `w` watch, `h` hands-on), `x` text, `u` link.
//!
//! Rooms: `activity` (activities, their ways in, and who a unit or activity is for),
//! `interest` (matching a student's interests to a text); the [`Unit`] itself is here.

use super::class::only_teacher;
use super::error::{DomainError, Result};
use super::format::FormatRef;
use super::ids::Id;
use super::record::{impl_record, is_false, is_zero_u8, record_struct, Ctx, Meta, Record};
use super::student::Group;
use super::time::Day;
use super::validate::{self, MAX_LINE};

mod activity;
#[cfg(test)]
mod board_editing_tests;
mod interest;
#[cfg(test)]
pub(crate) mod tests;

pub use activity::{bad_way_link, Activity, Assignment, WayDraft, WayIn, WayKind};
pub use interest::matching_interest;

record_struct! {
    /// A unit / choice board.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Unit {
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
    }
}

impl_record!(Unit, Kind::Unit, |_u| None, |u| {
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
        // The first may-do makes a real choice: each student picks at least one, unless
        // the teacher then says none are needed (0 could not have been their choice
        // before: with no may-do, 0 was the only number allowed).
        if !a.must && self.may_dos_offered() == 0 && self.may_dos_required == 0 {
            self.may_dos_required = 1;
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

impl Unit {
    /// Changes the title and the description for students.
    pub fn edit(&mut self, title: &str, description: &str, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change the unit")?;
        let title = validate::required("the unit title", title, MAX_LINE)?;
        validate::optional_text("The description", description)?;
        self.title = title;
        self.description = description.trim().to_string();
        self.touch(ctx);
        Ok(())
    }

    /// Opens the unit to students (`false`) or hides it (`true`).
    pub fn set_hidden(&mut self, hidden: bool, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "open or hide units")?;
        self.hidden = hidden;
        self.touch(ctx);
        Ok(())
    }

    /// Who the unit is for.
    pub fn set_assign(&mut self, assign: Assignment, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change the unit")?;
        self.assign = assign;
        self.touch(ctx);
        Ok(())
    }

    /// Adds (`on`) or removes a learning target, keeping the teacher's order of ticks.
    pub fn toggle_target(&mut self, target: Id, on: bool, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change the unit")?;
        self.targets.retain(|t| *t != target);
        if on {
            self.targets.push(target);
        }
        self.touch(ctx);
        Ok(())
    }

    /// Puts a format on the menu (`on`) or takes it off; each format is there once.
    pub fn toggle_format(&mut self, format: FormatRef, on: bool, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change the format menu")?;
        self.formats.retain(|f| *f != format);
        if on {
            self.formats.push(format);
        }
        self.touch(ctx);
        Ok(())
    }

    /// How many may-dos the board offers.
    pub fn may_dos_offered(&self) -> usize {
        self.activities.iter().filter(|a| !a.must).count()
    }

    /// Replaces the activity with the same id. Refused when it would leave fewer may-dos
    /// than students are asked to choose.
    pub fn replace_activity(&mut self, a: Activity, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change the choice board")?;
        let Some(pos) = self.activities.iter().position(|x| x.id == a.id) else {
            return Err(DomainError::NotFound("this activity"));
        };
        let offered_after =
            self.may_dos_offered() - usize::from(!self.activities[pos].must) + usize::from(!a.must);
        if offered_after < usize::from(self.may_dos_required) {
            return Err(DomainError::Incomplete(
                "Students are asked to choose more may-dos than would be left. Lower \"How many may-dos are needed\" first.",
            ));
        }
        self.activities[pos] = a;
        self.touch(ctx);
        Ok(())
    }

    /// Moves an activity up (`by` < 0) or down by `by` places; at an end nothing moves.
    pub fn move_activity(&mut self, id: Id, by: isize, ctx: &Ctx) -> Result<()> {
        only_teacher(ctx, "change the choice board")?;
        let Some(pos) = self.activities.iter().position(|x| x.id == id) else {
            return Err(DomainError::NotFound("this activity"));
        };
        let to = pos
            .saturating_add_signed(by)
            .min(self.activities.len().saturating_sub(1));
        if to != pos {
            let a = self.activities.remove(pos);
            self.activities.insert(to, a);
            self.touch(ctx);
        }
        Ok(())
    }

    /// Removes an activity. When that leaves fewer may-dos than required, the number
    /// required goes down with it (returned as `true`, so the teacher can be told).
    pub fn remove_activity(&mut self, id: Id, ctx: &Ctx) -> Result<bool> {
        only_teacher(ctx, "change the choice board")?;
        let Some(pos) = self.activities.iter().position(|x| x.id == id) else {
            return Err(DomainError::NotFound("this activity"));
        };
        self.activities.remove(pos);
        let offered = self.may_dos_offered();
        let lowered = usize::from(self.may_dos_required) > offered;
        if lowered {
            self.may_dos_required = u8::try_from(offered).unwrap_or(u8::MAX);
        }
        self.touch(ctx);
        Ok(lowered)
    }

    /// Reads "how many may-dos are needed" as typed (a whole number, spaces allowed) and
    /// sets it; refused when it is not a number or more than the board offers.
    pub fn set_may_dos_needed(&mut self, typed: &str, ctx: &Ctx) -> Result<()> {
        match typed.trim().parse::<u8>() {
            Ok(n) => self.set_may_dos_required(n, ctx),
            Err(_) => Err(DomainError::OutOfRange("The number of may-dos required")),
        }
    }
}
