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
use super::ids::{Id, ParseStr, ID_LEN};
use super::record::{impl_record, is_false, record_struct, Ctx, Meta, Record};
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

impl BuiltinFormat {
    /// Words a student's interests may share with this format beyond its name and
    /// description ("drawing" suggests a comic), used only to suggest, never to filter.
    pub fn related_words(self) -> &'static str {
        match self {
            BuiltinFormat::Essay => "writing reading books stories words",
            BuiltinFormat::Website => "coding computers technology games design",
            BuiltinFormat::Infographic => "drawing design numbers maths facts charts art",
            BuiltinFormat::VideoScript => "video film movies acting youtube theatre",
            BuiltinFormat::Podcast => "music talking radio audio singing",
            BuiltinFormat::Slideshow => "presenting pictures photos photography talking",
            BuiltinFormat::Comic => "drawing art superheroes manga cartoons stories",
            BuiltinFormat::PosterOrModel => "drawing building art crafts lego model making",
        }
    }
}

/// The words shown for a format on a menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatInfo {
    /// Name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// What good looks like.
    pub example: String,
    /// Extra words for matching interests (built-in formats only).
    pub related: String,
}

/// The words for a format on a menu: a built-in one, or the teacher's own (`None` when
/// that record is missing or deleted, so the menu leaves it out).
pub fn format_info(format: FormatRef, custom: &[ProductFormat]) -> Option<FormatInfo> {
    match format {
        FormatRef::Builtin(b) => Some(FormatInfo {
            name: b.name().to_string(),
            description: b.description().to_string(),
            example: b.example().to_string(),
            related: b.related_words().to_string(),
        }),
        FormatRef::Custom(id) => custom
            .iter()
            .find(|f| f.meta.id == id && !f.meta.deleted)
            .map(|f| FormatInfo {
                name: f.name.clone(),
                description: f.description.clone(),
                example: f.example.clone(),
                related: String::new(),
            }),
    }
}

/// The formats a student may pick from: the unit's menu, or, when the teacher set no
/// menu (any format is allowed, see [`FormatChoice::choose`]), every built-in format and
/// the teacher's own formats that are not retired or deleted.
pub fn offered_formats(menu: &[FormatRef], custom: &[ProductFormat]) -> Vec<FormatRef> {
    if !menu.is_empty() {
        return menu.to_vec();
    }
    BuiltinFormat::ALL
        .into_iter()
        .map(FormatRef::Builtin)
        .chain(
            custom
                .iter()
                .filter(|f| !f.meta.deleted && !f.retired)
                .map(|f| FormatRef::Custom(f.meta.id)),
        )
        .collect()
}

/// The student's current choice for a unit or a goal: the newest one not deleted.
pub fn current_choice(
    choices: &[FormatChoice],
    student: Id,
    scope: ChoiceFor,
) -> Option<&FormatChoice> {
    choices
        .iter()
        .filter(|c| c.student == student && !c.meta.deleted && c.scope() == Some(scope))
        .max_by_key(|c| (c.meta.created, c.meta.id))
}

/// "Why it fits me" must say something (the UI asks for one sentence) and fit.
pub fn check_why(why: &str) -> Result<()> {
    if why.trim().is_empty() {
        return Err(DomainError::Incomplete(
            "Please write a sentence about why this fits you. It helps your teacher understand your choice.",
        ));
    }
    validate::optional_text("Why it fits you", why)
}

/// An own idea must be described in the student's words, and fit.
pub fn check_idea(idea: &str) -> Result<()> {
    if idea.trim().is_empty() {
        return Err(DomainError::Incomplete(
            "Please describe your idea in your own words, so your teacher knows what you will make.",
        ));
    }
    validate::optional_text("Your idea", idea)
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
        d.deserialize_str(ParseStr(|s: &str| {
            if s.len() == ID_LEN {
                return Id::parse(s)
                    .map(FormatRef::Custom)
                    .map_err(|e| e.to_string());
            }
            BuiltinFormat::from_key(s)
                .map(FormatRef::Builtin)
                .ok_or_else(|| "unknown product format".to_string())
        }))
    }
}

record_struct! {
    /// A teacher's own product format.
    #[derive(Clone, Debug, PartialEq)]
    pub struct ProductFormat {
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
    }
}

impl_record!(ProductFormat, Kind::Format, |_f| None, |f| {
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

record_struct! {
    /// A student's choice of how to show learning, for a unit or a goal.
    #[derive(Clone, Debug, PartialEq)]
    pub struct FormatChoice {
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
    }
}

impl_record!(FormatChoice, Kind::FormatChoice, |c| Some(c.student), |c| {
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

    /// What it is for, read back from the stored fields.
    pub fn scope(&self) -> Option<ChoiceFor> {
        match (self.unit, self.goal) {
            (Some(u), _) => Some(ChoiceFor::Unit(u)),
            (None, Some(g)) => Some(ChoiceFor::Goal(g)),
            (None, None) => None,
        }
    }

    /// The teacher's comment while changes are requested.
    pub fn change_request(&self) -> Option<&str> {
        review::open_change_request(self.state, &self.history).map(|t| t.why.as_str())
    }

    /// The teacher's words when approving, if any (shown with the OK).
    pub fn approval_note(&self) -> Option<&str> {
        if !matches!(self.state, ReviewState::Approved | ReviewState::Achieved) {
            return None;
        }
        self.history
            .iter()
            .rev()
            .find(|t| t.to == ReviewState::Approved)
            .map(|t| t.why.trim())
            .filter(|w| !w.is_empty())
    }

    /// Where an own idea stands, in one sentence for the student.
    pub fn status_sentence(&self) -> &'static str {
        if !self.is_own_idea() {
            return "This is your choice. You can change it while you work.";
        }
        match self.state {
            ReviewState::Draft => "Draft: only you can see it. Send it to your teacher when it's ready.",
            ReviewState::Submitted => "Waiting for your teacher's OK.",
            ReviewState::ChangesRequested => "Your teacher asked for a change. Read the comment, change your idea, then send it again.",
            ReviewState::Approved | ReviewState::Achieved => "Your teacher said OK. Go for it!",
        }
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
    use crate::record::testing::*;

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
    fn menu_words_come_from_builtin_or_live_custom_formats() {
        let f = ProductFormat::new(
            id(6),
            "Song",
            "Write and perform a song",
            "Verse, chorus",
            &teacher_ctx(),
        )
        .unwrap();
        let mut custom = vec![f];
        let info = format_info(FormatRef::Custom(id(6)), &custom).unwrap();
        assert_eq!(
            (info.name.as_str(), info.example.as_str()),
            ("Song", "Verse, chorus")
        );
        let comic = format_info(FormatRef::Builtin(BuiltinFormat::Comic), &[]).unwrap();
        assert_eq!(comic.name, "Comic");
        assert!(comic.related.contains("drawing"));
        assert!(format_info(FormatRef::Custom(id(7)), &custom).is_none());
        custom[0].tombstone(&teacher_ctx());
        assert!(format_info(FormatRef::Custom(id(6)), &custom).is_none());
        for b in BuiltinFormat::ALL {
            assert!(!b.related_words().is_empty());
        }
        let drawing = vec!["drawing".to_string()];
        let i = format_info(FormatRef::Builtin(BuiltinFormat::Comic), &[]).unwrap();
        assert_eq!(
            crate::unit::matching_interest(&drawing, &[&i.name, &i.description, &i.related]),
            Some("drawing")
        );
        let e = format_info(FormatRef::Builtin(BuiltinFormat::Essay), &[]).unwrap();
        assert_eq!(
            crate::unit::matching_interest(&drawing, &[&e.name, &e.description, &e.related]),
            None
        );
    }

    #[test]
    fn no_menu_offers_every_live_format() {
        let t = teacher_ctx();
        let song = ProductFormat::new(id(6), "Song", "", "", &t).unwrap();
        let mut old = ProductFormat::new(id(7), "Diorama", "", "", &t).unwrap();
        old.retired = true;
        let custom = vec![song, old];
        let all = offered_formats(&[], &custom);
        assert_eq!(all.len(), 9);
        assert_eq!(all[8], FormatRef::Custom(id(6)));
        let menu = [FormatRef::Builtin(BuiltinFormat::Comic)];
        assert_eq!(offered_formats(&menu, &custom), menu);
    }

    #[test]
    fn current_choice_is_the_newest_live_one_for_that_unit() {
        let s = student_ctx(1);
        let menu = [
            FormatRef::Builtin(BuiltinFormat::Comic),
            FormatRef::Builtin(BuiltinFormat::Essay),
        ];
        let a = FormatChoice::choose(
            id(40),
            id(1),
            ChoiceFor::Unit(id(80)),
            menu[0],
            "x",
            &menu,
            &s,
        )
        .unwrap();
        let mut later = student_ctx(1);
        later.now = super::super::time::Timestamp(s.now.0 + 10);
        let b = FormatChoice::choose(
            id(41),
            id(1),
            ChoiceFor::Unit(id(80)),
            menu[1],
            "y",
            &menu,
            &later,
        )
        .unwrap();
        let other_unit = FormatChoice::choose(
            id(42),
            id(1),
            ChoiceFor::Unit(id(81)),
            menu[0],
            "",
            &[],
            &later,
        )
        .unwrap();
        let goal = FormatChoice::propose(id(43), id(1), ChoiceFor::Goal(id(9)), "idea", "", &later)
            .unwrap();
        let mut all = vec![a, b, other_unit, goal];
        let cur = |all: &[FormatChoice]| {
            current_choice(all, id(1), ChoiceFor::Unit(id(80))).map(|c| c.meta.id)
        };
        assert_eq!(cur(&all), Some(id(41)));
        all[1].tombstone(&later);
        assert_eq!(cur(&all), Some(id(40)));
        assert_eq!(current_choice(&all, id(2), ChoiceFor::Unit(id(80))), None);
        assert_eq!(
            current_choice(&all, id(1), ChoiceFor::Goal(id(9))).map(|c| c.meta.id),
            Some(id(43))
        );
        assert_eq!(all[3].scope(), Some(ChoiceFor::Goal(id(9))));
    }

    #[test]
    fn why_and_idea_must_say_something_and_fit() {
        for blank in ["", "   ", "\n\t "] {
            assert!(matches!(check_why(blank), Err(DomainError::Incomplete(_))));
            assert!(matches!(check_idea(blank), Err(DomainError::Incomplete(_))));
        }
        assert!(check_why("I love drawing 🎨").is_ok());
        assert!(check_idea("أريد أن أرسم قصة مصورة").is_ok());
        assert!(
            check_why(&"a".repeat(10_000)).is_ok(),
            "10,000 characters fit"
        );
        let e = check_why(&"é".repeat(10_001)).unwrap_err();
        assert!(e.to_string().contains("still here"), "{e}");
        assert!(check_idea(&"🎨".repeat(10_001)).is_err());
    }

    #[test]
    fn own_idea_states_read_as_sentences_with_the_teachers_words() {
        let s = student_ctx(1);
        let t = teacher_ctx();
        let mut c = FormatChoice::propose(
            id(41),
            id(1),
            ChoiceFor::Unit(id(80)),
            "A song",
            "I sing",
            &s,
        )
        .unwrap();
        assert!(c.status_sentence().starts_with("Draft"));
        assert_eq!(c.change_request(), None);
        c.submit(&s).unwrap();
        assert!(c.status_sentence().contains("Waiting"));
        c.request_changes("How long will it be?", &t).unwrap();
        assert_eq!(c.change_request(), Some("How long will it be?"));
        assert!(c.status_sentence().contains("asked for a change"));
        c.submit(&s).unwrap();
        assert_eq!(c.change_request(), None);
        assert_eq!(c.approval_note(), None);
        c.approve("Great idea", &t).unwrap();
        assert_eq!(c.approval_note(), Some("Great idea"));
        assert!(c.status_sentence().contains("said OK"));
        let menu = FormatChoice::choose(
            id(42),
            id(1),
            ChoiceFor::Unit(id(80)),
            FormatRef::Builtin(BuiltinFormat::Comic),
            "",
            &[],
            &s,
        )
        .unwrap();
        assert!(menu.status_sentence().contains("your choice"));
        assert_eq!(menu.approval_note(), None);
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
