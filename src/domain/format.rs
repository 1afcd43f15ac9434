//! Product formats (how a student shows what they learned) and a student's choice of one.
//!
//! The eight built-in formats are not stored as records: a unit's menu refers to them by
//! a two-letter key, so they cost nothing and their words can be translated. Teachers add
//! their own formats as [`ProductFormat`] records, referred to by id. A student's "my own
//! idea" is a [`FormatChoice`] without a menu format: it goes through the same review
//! states as a goal (draft → submitted → changes requested / approved, withdraw, reopen)
//! and only counts once approved.
//!
//! Serialized names of [`ProductFormat`]: `n` name, `ds` one-line description, `ex`
//! example of good work, `rt` retired. Of [`FormatChoice`]: `s` student, `un` unit, `g`
//! goal, `f` menu format (absent for own idea), `w` why it fits me, `o` own-idea
//! proposal, `st` review state, `h` history.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::class::only_teacher;
use super::error::{DomainError, Result};
use super::ids::{Id, ID_LEN};
use super::record::{impl_record, is_false, Ctx, Meta, Record};
use super::review::{self, Action, GoalField, ReviewState, Transition};
use super::validate::{self, MAX_LINE};

/// The built-in menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BuiltinFormat {
    /// Essay.
    Essay,
    /// Website.
    Website,
    /// Infographic.
    Infographic,
    /// Video script.
    VideoScript,
    /// Podcast.
    Podcast,
    /// Slideshow.
    Slideshow,
    /// Comic.
    Comic,
    /// Poster or model.
    PosterOrModel,
}

impl BuiltinFormat {
    /// All built-in formats in menu order.
    pub const ALL: [BuiltinFormat; 8] = [
        BuiltinFormat::Essay,
        BuiltinFormat::Website,
        BuiltinFormat::Infographic,
        BuiltinFormat::VideoScript,
        BuiltinFormat::Podcast,
        BuiltinFormat::Slideshow,
        BuiltinFormat::Comic,
        BuiltinFormat::PosterOrModel,
    ];

    /// Stored key.
    pub fn key(self) -> &'static str {
        match self {
            BuiltinFormat::Essay => "es",
            BuiltinFormat::Website => "wb",
            BuiltinFormat::Infographic => "ig",
            BuiltinFormat::VideoScript => "vs",
            BuiltinFormat::Podcast => "pc",
            BuiltinFormat::Slideshow => "ss",
            BuiltinFormat::Comic => "cm",
            BuiltinFormat::PosterOrModel => "pm",
        }
    }

    /// Reads a stored key.
    pub fn from_key(k: &str) -> Option<BuiltinFormat> {
        BuiltinFormat::ALL.into_iter().find(|f| f.key() == k)
    }

    /// Name shown on the menu.
    pub fn name(self) -> &'static str {
        match self {
            BuiltinFormat::Essay => "Essay",
            BuiltinFormat::Website => "Website",
            BuiltinFormat::Infographic => "Infographic",
            BuiltinFormat::VideoScript => "Video script",
            BuiltinFormat::Podcast => "Podcast",
            BuiltinFormat::Slideshow => "Slideshow",
            BuiltinFormat::Comic => "Comic",
            BuiltinFormat::PosterOrModel => "Poster or model",
        }
    }

    /// One-line description.
    pub fn description(self) -> &'static str {
        match self {
            BuiltinFormat::Essay => "Explain your thinking in paragraphs.",
            BuiltinFormat::Website => "Build a few linked pages that teach others.",
            BuiltinFormat::Infographic => {
                "Show the big ideas with pictures, numbers and few words."
            }
            BuiltinFormat::VideoScript => "Write what people will see and hear in a short video.",
            BuiltinFormat::Podcast => "Talk about it, alone or with a partner, in a recording.",
            BuiltinFormat::Slideshow => "Make slides you could present to the class.",
            BuiltinFormat::Comic => "Tell it as a story in panels with speech bubbles.",
            BuiltinFormat::PosterOrModel => "Make something people can look at or hold.",
        }
    }

    /// What good looks like.
    pub fn example(self) -> &'static str {
        match self {
            BuiltinFormat::Essay => "A clear opening idea, three paragraphs with evidence from the text, and an ending that ties it together.",
            BuiltinFormat::Website => "A home page, one page per big idea, and links that work.",
            BuiltinFormat::Infographic => "A title that asks a question, 3–5 facts with icons, and where the facts came from.",
            BuiltinFormat::VideoScript => "Two columns, what we see and what we hear, and a strong first 10 seconds.",
            BuiltinFormat::Podcast => "An intro, three talking points with examples, and a wrap-up, under 5 minutes.",
            BuiltinFormat::Slideshow => "One idea per slide, few words, pictures that help, and speaker notes.",
            BuiltinFormat::Comic => "Six panels or more, characters who explain the idea, and a clear ending.",
            BuiltinFormat::PosterOrModel => "Labels on every part and a short card that explains what it shows.",
        }
    }
}

/// A format on a unit's menu: built-in (stored as its key) or the teacher's own (its id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormatRef {
    /// A built-in format.
    Builtin(BuiltinFormat),
    /// A teacher's [`ProductFormat`].
    Custom(Id),
}

impl fmt::Display for FormatRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatRef::Builtin(b) => f.write_str(b.key()),
            FormatRef::Custom(id) => write!(f, "{id}"),
        }
    }
}

impl Serialize for FormatRef {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FormatRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        if s.len() == ID_LEN {
            return Id::parse(&s)
                .map(FormatRef::Custom)
                .map_err(serde::de::Error::custom);
        }
        BuiltinFormat::from_key(&s)
            .map(FormatRef::Builtin)
            .ok_or_else(|| serde::de::Error::custom("unknown product format"))
    }
}

/// A teacher's own product format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductFormat {
    /// Metadata.
    #[serde(flatten)]
    pub meta: Meta,
    /// Name.
    #[serde(rename = "n")]
    pub name: String,
    /// One-line description.
    #[serde(rename = "ds", default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// What good looks like.
    #[serde(rename = "ex", default, skip_serializing_if = "String::is_empty")]
    pub example: String,
    /// Retired: not offered on new menus.
    #[serde(rename = "rt", default, skip_serializing_if = "is_false")]
    pub retired: bool,
    /// Fields from newer versions.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl_record!(ProductFormat, "f", |_f| None, |f| {
    f.name.clear();
    f.description.clear();
    f.example.clear();
});

impl ProductFormat {
    /// A teacher's format.
    pub fn new(
        id: Id,
        name: &str,
        description: &str,
        example: &str,
        ctx: &Ctx,
    ) -> Result<ProductFormat> {
        only_teacher(ctx, "add product formats")?;
        validate::max_len("The description", description.trim(), MAX_LINE)?;
        validate::optional_text("The example", example)?;
        Ok(ProductFormat {
            meta: Meta::new(id, ctx),
            name: validate::required("the format name", name, MAX_LINE)?,
            description: description.trim().to_string(),
            example: example.trim().to_string(),
            retired: false,
            extra: Default::default(),
        })
    }
}

/// A student's choice of how to show learning, for a unit or a goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormatChoice {
    /// Metadata.
    #[serde(flatten)]
    pub meta: Meta,
    /// The student.
    #[serde(rename = "s")]
    pub student: Id,
    /// The unit it is for.
    #[serde(rename = "un", default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Id>,
    /// The goal it is for.
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<Id>,
    /// The menu format; `None` means "my own idea".
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub format: Option<FormatRef>,
    /// "Why it fits me", in the student's words.
    #[serde(rename = "w", default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    /// The own-idea proposal, in the student's words.
    #[serde(rename = "o", default, skip_serializing_if = "String::is_empty")]
    pub idea: String,
    /// Review state (own idea only; a menu choice counts at once).
    #[serde(rename = "st", default, skip_serializing_if = "ReviewState::is_draft")]
    pub state: ReviewState,
    /// Review history.
    #[serde(rename = "h", default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Transition>,
    /// Fields from newer versions.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl_record!(FormatChoice, "fc", |c| Some(c.student), |c| {
    c.why.clear();
    c.idea.clear();
    c.history.clear();
});

/// What a format choice is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChoiceFor {
    /// A unit.
    Unit(Id),
    /// A goal.
    Goal(Id),
}

impl FormatChoice {
    fn blank(id: Id, student: Id, scope: ChoiceFor, why: &str, ctx: &Ctx) -> Result<FormatChoice> {
        if !ctx.by.is_student(student) {
            return Err(DomainError::NotAllowed {
                action: "choose how to show learning",
                who: "the student",
            });
        }
        validate::optional_text("Why it fits you", why)?;
        let (unit, goal) = match scope {
            ChoiceFor::Unit(u) => (Some(u), None),
            ChoiceFor::Goal(g) => (None, Some(g)),
        };
        Ok(FormatChoice {
            meta: Meta::new(id, ctx),
            student,
            unit,
            goal,
            format: None,
            why: why.to_string(),
            idea: String::new(),
            state: ReviewState::Draft,
            history: Vec::new(),
            extra: Default::default(),
        })
    }

    /// The student picks a format from the menu (`menu` empty means any built-in or
    /// custom format is allowed). Counts at once.
    pub fn choose(
        id: Id,
        student: Id,
        scope: ChoiceFor,
        format: FormatRef,
        why: &str,
        menu: &[FormatRef],
        ctx: &Ctx,
    ) -> Result<FormatChoice> {
        if !menu.is_empty() && !menu.contains(&format) {
            return Err(DomainError::NotFound("that format on this menu"));
        }
        let mut c = FormatChoice::blank(id, student, scope, why, ctx)?;
        c.format = Some(format);
        Ok(c)
    }

    /// The student proposes their own idea (a draft until they submit it).
    pub fn propose(
        id: Id,
        student: Id,
        scope: ChoiceFor,
        idea: &str,
        why: &str,
        ctx: &Ctx,
    ) -> Result<FormatChoice> {
        validate::optional_text("Your idea", idea)?;
        let mut c = FormatChoice::blank(id, student, scope, why, ctx)?;
        c.idea = idea.to_string();
        Ok(c)
    }

    /// True for "my own idea".
    pub fn is_own_idea(&self) -> bool {
        self.format.is_none()
    }

    /// True when it counts: a menu choice always, an own idea once approved.
    pub fn counts(&self) -> bool {
        !self.meta.deleted && (self.format.is_some() || self.state == ReviewState::Approved)
    }

    /// The student edits the idea and the why. An own idea under review must be withdrawn
    /// first; an approved one must be reopened by the teacher.
    pub fn edit(&mut self, idea: &str, why: &str, ctx: &Ctx) -> Result<()> {
        if !ctx.by.is_student(self.student) {
            return Err(DomainError::NotAllowed {
                action: "change this choice",
                who: "the student",
            });
        }
        if self.is_own_idea() {
            match self.state {
                ReviewState::Submitted => return Err(DomainError::InReview),
                ReviewState::Approved | ReviewState::Achieved => return Err(DomainError::Locked),
                _ => {}
            }
        } else if !idea.is_empty() {
            return Err(DomainError::Incomplete(
                "This choice is a format from the menu; propose your own idea as a new choice.",
            ));
        }
        validate::optional_text("Your idea", idea)?;
        validate::optional_text("Why it fits you", why)?;
        if self.idea == idea && self.why == why {
            return Ok(());
        }
        self.idea = idea.to_string();
        self.why = why.to_string();
        self.touch(ctx);
        Ok(())
    }

    fn step(
        &mut self,
        action: Action,
        why: &str,
        anchor: Option<GoalField>,
        ctx: &Ctx,
    ) -> Result<()> {
        if !self.is_own_idea() {
            return Err(DomainError::InvalidTransition {
                state: "a menu choice",
                action: "review",
            });
        }
        review::apply(
            &mut self.state,
            &mut self.history,
            self.student,
            action,
            why,
            anchor,
            false,
            ctx,
        )?;
        self.touch(ctx);
        Ok(())
    }

    /// The student asks for the teacher's OK. The idea must not be empty.
    pub fn submit(&mut self, ctx: &Ctx) -> Result<()> {
        if self.is_own_idea() && self.idea.trim().is_empty() {
            return Err(DomainError::Required { field: "your idea" });
        }
        self.step(Action::Submit, "", None, ctx)
    }
    /// The student takes it back.
    pub fn withdraw(&mut self, ctx: &Ctx) -> Result<()> {
        self.step(Action::Withdraw, "", None, ctx)
    }
    /// The teacher asks for changes (comment required).
    pub fn request_changes(&mut self, comment: &str, ctx: &Ctx) -> Result<()> {
        self.step(
            Action::RequestChanges,
            comment,
            Some(GoalField::Format),
            ctx,
        )
    }
    /// The teacher says OK.
    pub fn approve(&mut self, why: &str, ctx: &Ctx) -> Result<()> {
        self.step(Action::Approve, why, None, ctx)
    }
    /// The teacher reopens an approved idea.
    pub fn reopen(&mut self, why: &str, ctx: &Ctx) -> Result<()> {
        self.step(Action::Reopen, why, None, ctx)
    }
    /// When it entered its current state.
    pub fn since(&self) -> super::time::Timestamp {
        review::since(&self.history, self.meta.created)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::testing::*;

    #[test]
    fn builtin_and_custom_refs_serialize_compactly() {
        for f in BuiltinFormat::ALL {
            let r = FormatRef::Builtin(f);
            let j = serde_json::to_string(&r).unwrap();
            assert_eq!(j.len(), 4);
            assert_eq!(serde_json::from_str::<FormatRef>(&j).unwrap(), r);
            assert!(!f.description().is_empty() && !f.example().is_empty());
        }
        let c = FormatRef::Custom(id(5));
        let j = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<FormatRef>(&j).unwrap(), c);
        assert!(serde_json::from_str::<FormatRef>("\"zz\"").is_err());
    }

    #[test]
    fn menu_choice_counts_at_once_and_must_be_on_the_menu() {
        let s = student_ctx(1);
        let menu = [FormatRef::Builtin(BuiltinFormat::Comic)];
        let c = FormatChoice::choose(
            id(40),
            id(1),
            ChoiceFor::Unit(id(80)),
            menu[0],
            "I love drawing",
            &menu,
            &s,
        )
        .unwrap();
        assert!(c.counts());
        round_trip(&c);
        assert!(FormatChoice::choose(
            id(40),
            id(1),
            ChoiceFor::Unit(id(80)),
            FormatRef::Builtin(BuiltinFormat::Essay),
            "",
            &menu,
            &s
        )
        .is_err());
        assert!(FormatChoice::choose(
            id(40),
            id(1),
            ChoiceFor::Unit(id(80)),
            menu[0],
            "",
            &menu,
            &student_ctx(2)
        )
        .is_err());
        let mut c = c;
        assert!(c.submit(&s).is_err(), "menu choices are not reviewed");
    }

    #[test]
    fn own_idea_needs_teacher_ok_through_review_states() {
        let s = student_ctx(1);
        let t = teacher_ctx();
        let mut c = FormatChoice::propose(
            id(41),
            id(1),
            ChoiceFor::Goal(id(101)),
            "",
            "I like building",
            &s,
        )
        .unwrap();
        assert!(!c.counts());
        assert_eq!(
            c.submit(&s),
            Err(DomainError::Required { field: "your idea" })
        );
        c.edit("A stop-motion film with clay", "I like building", &s)
            .unwrap();
        c.submit(&s).unwrap();
        assert_eq!(c.edit("x", "", &s), Err(DomainError::InReview));
        c.request_changes("How long will it be?", &t).unwrap();
        assert!(!c.counts());
        c.edit(
            "A 1-minute stop-motion film with clay",
            "I like building",
            &s,
        )
        .unwrap();
        c.submit(&s).unwrap();
        assert!(c.approve("", &s).is_err());
        c.approve("Great idea", &t).unwrap();
        assert!(c.counts());
        assert_eq!(c.edit("y", "", &s), Err(DomainError::Locked));
        assert_eq!(c.history.len(), 4);
        assert_eq!(c.history[1].anchor, Some(GoalField::Format));
        c.reopen("Let's change it", &t).unwrap();
        assert!(!c.counts());
        round_trip(&c);
    }

    #[test]
    fn custom_format_is_teacher_only() {
        assert!(ProductFormat::new(id(6), "Song", "", "", &student_ctx(1)).is_err());
        let f = ProductFormat::new(
            id(6),
            " Song ",
            "Write and perform a song",
            "Verse, chorus, facts",
            &teacher_ctx(),
        )
        .unwrap();
        assert_eq!(f.name, "Song");
        round_trip(&f);
    }
}
