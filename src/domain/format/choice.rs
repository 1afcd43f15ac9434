//! A student's choice of a format for a unit or a goal, and the review of an own idea.

use super::super::error::{DomainError, Result};
use super::super::ids::Id;
use super::super::record::{impl_record, record_struct, Ctx, Meta, Record};
use super::super::review::{self, Action, GoalField, ReviewState, Transition};
use super::super::validate;
use super::menu::FormatRef;

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
    pub fn since(&self) -> super::super::time::Timestamp {
        review::since(&self.history, self.meta.created)
    }
}
