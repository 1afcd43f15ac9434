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
use super::ids::{split_tagged, Id, ParseStr};
use super::record::{impl_record, is_false, is_zero_u8, record_struct, Ctx, Meta, Record};
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
        d.deserialize_str(ParseStr(|s: &str| {
            if s == "c" {
                return Ok(Assignment::Class);
            }
            match split_tagged(s).map_err(|e| e.to_string())? {
                ('g', id) => Ok(Assignment::Group(id)),
                ('s', id) => Ok(Assignment::Student(id)),
                _ => Err("unknown assignment".to_string()),
            }
        }))
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

impl WayKind {
    /// Every way in, in the order students see them.
    pub const ALL: [WayKind; 4] = [
        WayKind::Read,
        WayKind::Listen,
        WayKind::Watch,
        WayKind::HandsOn,
    ];

    /// The word students see ("Read", "Listen", "Watch", "Hands-on").
    pub fn label(self) -> &'static str {
        match self {
            WayKind::Read => "Read",
            WayKind::Listen => "Listen",
            WayKind::Watch => "Watch",
            WayKind::HandsOn => "Hands-on",
        }
    }

    /// A short stable word for element ids and CSS classes.
    pub fn slug(self) -> &'static str {
        match self {
            WayKind::Read => "read",
            WayKind::Listen => "listen",
            WayKind::Watch => "watch",
            WayKind::HandsOn => "hands-on",
        }
    }
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

impl Activity {
    /// What the app reads aloud for this activity: its title, its description and the
    /// text of each way in, as sentences (an empty part is left out).
    pub fn read_aloud_text(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for t in [self.title.trim(), self.description.trim()]
            .into_iter()
            .chain(self.ways.iter().map(|w| w.text.trim()))
        {
            if t.is_empty() {
                continue;
            }
            let ends = t.ends_with(['.', '!', '?', '…', '。', '؟']);
            parts.push(if ends { t.to_string() } else { format!("{t}.") });
        }
        parts.join(" ")
    }

    /// True when the activity offers this way in.
    pub fn offers(&self, way: WayKind) -> bool {
        self.ways.iter().any(|w| w.kind == way)
    }
}

/// Words too common to say that two texts are about the same thing.
const COMMON_WORDS: &[&str] = &[
    "the", "and", "with", "for", "you", "your", "are", "but", "not", "all", "can", "out", "thing",
    "things", "stuff", "about", "what", "how", "that", "this", "from", "into", "our", "their",
    "them", "they", "one", "two", "few", "more", "some", "good", "big", "it's", "make", "making",
    "made", "use", "using", "doing", "get", "like", "very", "much",
];

/// The root of a word, so "drawing", "draws" and "draw" meet, and "coding" meets "code":
/// lower case, then a trailing "ing", "s" or "e" is dropped (only from longer words).
fn word_root(word: &str) -> String {
    let w = word.to_lowercase();
    let w = if w.chars().count() > 5 && w.ends_with("ing") {
        w[..w.len() - 3].to_string()
    } else if w.chars().count() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w
    };
    if w.chars().count() > 3 && w.ends_with('e') {
        w[..w.len() - 1].to_string()
    } else {
        w
    }
}

/// The roots of the meaningful words of a text (letters and digits in any script).
fn word_roots(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\''))
        .filter(|w| w.chars().count() >= 3 && !COMMON_WORDS.contains(&w.to_lowercase().as_str()))
        .map(word_root)
        .collect()
}

/// The first of a student's `interests` that shares a word with any of `texts` (an
/// activity's title and description, a format's name and description…), ignoring case,
/// word endings and very common words. A suggestion for the student, never a filter.
pub fn matching_interest<'a>(interests: &'a [String], texts: &[&str]) -> Option<&'a str> {
    let words: Vec<String> = texts.iter().flat_map(|t| word_roots(t)).collect();
    if words.is_empty() {
        return None;
    }
    interests
        .iter()
        .map(|i| i.trim())
        .find(|i| word_roots(i).iter().any(|w| words.contains(w)))
}

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

/// One way in as the teacher typed it: the kind, its text and its link (either may be
/// empty; a way with neither is left out).
pub type WayDraft = (WayKind, String, String);

impl Assignment {
    /// Reads the value of an assignment picker (`c`, `g<id>`, `s<id>`), the same text as
    /// [`Assignment`]'s `Display`. `None` for anything else.
    pub fn parse(text: &str) -> Option<Assignment> {
        serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
    }
}

impl Activity {
    /// A checked activity from the teacher's form: title required, description and tier
    /// checked for length, each way in with a text or a link kept (a link must be
    /// http(s); [`bad_way_link`] says which way's link was refused).
    pub fn from_form(
        id: Id,
        title: &str,
        description: &str,
        must: bool,
        tier: &str,
        ways: &[WayDraft],
        assign: Assignment,
    ) -> Result<Activity> {
        let mut a = Activity::new(id, title, must, Vec::new())?;
        validate::optional_text("The description", description)?;
        validate::max_len("The readiness tier", tier.trim(), MAX_LINE)?;
        for (kind, text, link) in ways {
            if text.trim().is_empty() && link.trim().is_empty() {
                continue;
            }
            a.ways.push(WayIn::new(*kind, text, link)?);
        }
        a.description = description.trim().to_string();
        a.tier = tier.trim().to_string();
        a.assign = assign;
        Ok(a)
    }

    /// The text and link the activity offers for `kind` (empty when it does not).
    pub fn way(&self, kind: WayKind) -> (String, String) {
        self.ways
            .iter()
            .find(|w| w.kind == kind)
            .map(|w| (w.text.clone(), w.link.clone()))
            .unwrap_or_default()
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

/// The first way in whose link is not an http(s) address.
pub fn bad_way_link(ways: &[WayDraft]) -> Option<WayKind> {
    ways.iter()
        .find(|(_, _, link)| !link.trim().is_empty() && validate::link(link).is_err())
        .map(|(kind, _, _)| *kind)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::format::BuiltinFormat;
    use crate::record::testing::*;

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
    fn the_first_may_do_asks_for_one_and_the_teacher_can_say_none() {
        let ctx = teacher_ctx();
        let mut u = Unit::new(id(90), "New unit", &ctx).unwrap();
        assert_eq!(u.may_dos_required, 0, "nothing to choose from yet");
        u.add_activity(Activity::new(id(91), "Must", true, vec![]).unwrap(), &ctx)
            .unwrap();
        assert_eq!(u.may_dos_required, 0, "a must-do is no choice");
        u.add_activity(Activity::new(id(92), "May", false, vec![]).unwrap(), &ctx)
            .unwrap();
        assert_eq!(
            u.may_dos_required, 1,
            "the first may-do: choose at least one"
        );
        u.set_may_dos_required(0, &ctx).unwrap();
        u.add_activity(Activity::new(id(93), "May 2", false, vec![]).unwrap(), &ctx)
            .unwrap();
        assert_eq!(u.may_dos_required, 0, "the teacher's 0 stays");
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
    fn interests_match_words_in_any_case_and_ending() {
        let i: Vec<String> = ["Drawing", "video games", "  building things "]
            .map(String::from)
            .to_vec();
        assert_eq!(
            matching_interest(&i, &["Comic", "I love to DRAW people"]),
            Some("Drawing")
        );
        assert_eq!(
            matching_interest(&i, &["Video script", "Write what people see"]),
            Some("video games")
        );
        assert_eq!(
            matching_interest(&i, &["Website", "Build a few linked pages"]),
            Some("building things"),
            "building meets build, and the interest is shown trimmed"
        );
        // "things" alone is too common to count, and so is "the".
        assert_eq!(matching_interest(&i, &["Things the class does"]), None);
        assert_eq!(matching_interest(&[], &["Drawing"]), None);
        assert_eq!(matching_interest(&i, &[]), None);
        assert_eq!(matching_interest(&i, &["", "   "]), None);
        let coding = vec!["coding".to_string()];
        assert_eq!(matching_interest(&coding, &["Code a game"]), Some("coding"));
        // Other scripts and emoji are ordinary text: no panic, exact words still meet.
        let rtl = vec!["كرة القدم ⚽".to_string(), "🎨".to_string()];
        assert_eq!(
            matching_interest(&rtl, &["نلعب كرة القدم 🎉"]),
            Some("كرة القدم ⚽")
        );
        assert_eq!(matching_interest(&rtl, &["🎨🎨🎨"]), None);
        // Short words (2 letters) never match on their own.
        let short = vec!["go".to_string()];
        assert_eq!(matching_interest(&short, &["go go go"]), None);
        let long = vec!["x".repeat(10_000)];
        assert_eq!(matching_interest(&long, &["x"]), None);
    }

    #[test]
    fn read_aloud_text_is_sentences_of_title_description_and_ways() {
        let u = board();
        let mut a = u.activities[1].clone();
        a.description = "Take your time!".into();
        assert_eq!(
            a.read_aloud_text(),
            "Read the story. Take your time! Read pages 3-9. Audiobook."
        );
        assert!(a.offers(WayKind::Listen) && !a.offers(WayKind::Watch));
        assert_eq!(u.activities[2].read_aloud_text(), "Notes.");
        assert_eq!(
            WayKind::ALL.map(WayKind::label).join(","),
            "Read,Listen,Watch,Hands-on"
        );
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

#[cfg(test)]
mod board_editing_tests {
    use super::tests::board;
    use super::*;
    use crate::record::testing::*;

    fn ways(read: &str, watch_link: &str) -> Vec<WayDraft> {
        vec![
            (WayKind::Read, read.into(), String::new()),
            (WayKind::Listen, "  ".into(), " ".into()),
            (WayKind::Watch, String::new(), watch_link.into()),
        ]
    }

    #[test]
    fn activity_from_form_keeps_filled_ways_and_names_a_bad_link() {
        let a = Activity::from_form(
            id(90),
            " Sketch it ",
            " Draw ",
            false,
            " Ready for more ",
            &ways("Page 4", "https://example.org/v"),
            Assignment::Student(id(3)),
        )
        .unwrap();
        assert_eq!(a.title, "Sketch it");
        assert_eq!(a.tier, "Ready for more");
        assert_eq!(a.ways.len(), 2, "the blank Listen way is left out");
        assert_eq!(a.way(WayKind::Watch).1, "https://example.org/v");
        assert_eq!(a.way(WayKind::HandsOn), (String::new(), String::new()));
        let bad = ways("", "javascript:alert(1)");
        assert_eq!(
            Activity::from_form(id(91), "T", "", true, "", &bad, Assignment::Class),
            Err(DomainError::BadLink)
        );
        assert_eq!(bad_way_link(&bad), Some(WayKind::Watch));
        assert_eq!(bad_way_link(&ways("x", "")), None);
        assert!(matches!(
            Activity::from_form(id(92), "  ", "", true, "", &[], Assignment::Class),
            Err(DomainError::Required { .. })
        ));
        let long = "x".repeat(10_001);
        assert!(matches!(
            Activity::from_form(id(93), "T", &long, true, "", &[], Assignment::Class),
            Err(DomainError::TooLong { .. })
        ));
    }

    #[test]
    fn assignment_parses_what_it_displays() {
        for a in [
            Assignment::Class,
            Assignment::Group(id(7)),
            Assignment::Student(id(8)),
        ] {
            assert_eq!(Assignment::parse(&a.to_string()), Some(a));
        }
        assert_eq!(Assignment::parse(""), None);
        assert_eq!(Assignment::parse("gnot-an-id"), None);
    }

    #[test]
    fn activities_move_are_replaced_and_removed_keeping_may_dos_consistent() {
        let ctx = teacher_ctx();
        let mut u = board();
        u.move_activity(id(83), -1, &ctx).unwrap();
        let order: Vec<Id> = u.activities.iter().map(|a| a.id).collect();
        assert_eq!(order, vec![id(81), id(83), id(82)]);
        u.move_activity(id(81), -1, &ctx).unwrap();
        u.move_activity(id(82), 5, &ctx).unwrap();
        assert_eq!(u.activities[0].id, id(81));
        assert_eq!(u.activities[2].id, id(82));

        u.set_may_dos_needed(" 2 ", &ctx).unwrap();
        assert_eq!(u.may_dos_required, 2);
        assert!(u.set_may_dos_needed("3", &ctx).is_err());
        assert!(u.set_may_dos_needed("two", &ctx).is_err());
        assert!(u.set_may_dos_needed("-1", &ctx).is_err());
        assert_eq!(u.may_dos_required, 2, "a refused number changes nothing");

        // Turning a may-do into a must-do would leave 1 may-do for 2 required.
        let mut must = u.activity(id(82)).unwrap().clone();
        must.must = true;
        assert!(u.replace_activity(must.clone(), &ctx).is_err());
        u.set_may_dos_needed("1", &ctx).unwrap();
        u.replace_activity(must, &ctx).unwrap();
        assert!(u.activity(id(82)).unwrap().must);

        assert!(u.remove_activity(id(83), &ctx).unwrap(), "1 needed, 0 left");
        assert_eq!(u.may_dos_required, 0);
        assert!(u.remove_activity(id(83), &ctx).is_err());
        assert!(u.move_activity(id(99), 1, &student_ctx(1)).is_err());
    }

    #[test]
    fn edit_targets_formats_and_opening_are_teacher_only() {
        let ctx = teacher_ctx();
        let mut u = board();
        assert!(u.edit(" ", "x", &ctx).is_err());
        u.edit(" Myths ", " Old stories ", &ctx).unwrap();
        assert_eq!(
            (u.title.as_str(), u.description.as_str()),
            ("Myths", "Old stories")
        );
        u.toggle_target(id(5), true, &ctx).unwrap();
        u.toggle_target(id(5), true, &ctx).unwrap();
        u.toggle_target(id(6), true, &ctx).unwrap();
        u.toggle_target(id(5), false, &ctx).unwrap();
        assert_eq!(u.targets, vec![id(6)]);
        let own = FormatRef::Custom(id(40));
        u.toggle_format(own, true, &ctx).unwrap();
        u.toggle_format(own, true, &ctx).unwrap();
        assert_eq!(u.formats.iter().filter(|f| **f == own).count(), 1);
        u.set_hidden(true, &ctx).unwrap();
        assert!(!u.visible_to(id(1), &[]));
        assert!(u.set_hidden(false, &student_ctx(1)).is_err());
        assert!(u.toggle_format(own, false, &student_ctx(1)).is_err());
        u.set_assign(Assignment::Student(id(2)), &ctx).unwrap();
        u.set_hidden(false, &ctx).unwrap();
        assert!(u.visible_to(id(2), &[]) && !u.visible_to(id(1), &[]));
    }
}
