//! What a unit is made of: activities, each with ways in, and who a unit or an activity
//! is for.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::super::error::Result;
use super::super::ids::{split_tagged, Id, ParseStr};
use super::super::record::is_false;
use super::super::student::Group;
use super::super::validate::{self, MAX_LINE};

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
    pub(super) fn is_class(&self) -> bool {
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

/// The first way in whose link is not an http(s) address.
pub fn bad_way_link(ways: &[WayDraft]) -> Option<WayKind> {
    ways.iter()
        .find(|(_, _, link)| !link.trim().is_empty() && validate::link(link).is_err())
        .map(|(kind, _, _)| *kind)
}
