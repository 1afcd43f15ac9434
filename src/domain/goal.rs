//! Goals, co-written by the student and the teacher, and their life cycle (see `review`
//! for the transition table).
//!
//! Decisions:
//! - Only the student who owns the goal, or the teacher, edits its text. A teacher's edit
//!   is "with the student": the changed parts are marked (`teacher_marks`) so the student
//!   sees them; the mark goes when the student edits that part again.
//! - A student edits in Draft and ChangesRequested (it stays ChangesRequested, keeping the
//!   teacher's comment beside its part, until resubmitted). A submitted goal must be
//!   withdrawn first; the teacher may still edit it together with the student during
//!   review. Approved and achieved goals are locked until the teacher reopens them.
//! - Achieving: the teacher marks a goal achieved. A student may claim it ("I think I've
//!   got it"), which puts it in the teacher's queue; the teacher confirms by achieving.
//! - Families see a goal only when it is approved or achieved AND the student has not
//!   turned off sharing (sharing is on by default).
//! - Texts are stored as typed (no trimming while typing, so autosave never fights the
//!   cursor); checks use the trimmed text.
//!
//! Serialized names: `s` student, `t` targets, `w` "I will", `k` success criteria, `p`
//! plan steps, `su` supports, `dt` target day, `fs` shared with family (omitted when
//! true), `st` state (omitted for draft), `h` history, `te` teacher-edited parts, `cl`
//! student's achievement claim time.

use super::error::{DomainError, Result};
use super::ids::Id;
use super::record::{impl_record, is_true, record_struct, yes, Ctx, Meta, Record};
use super::review::{self, Action, GoalField, ReviewState, Transition};
use super::time::{Day, Timestamp};
use super::validate::{self, MAX_TEXT};

record_struct! {
    /// A student's goal.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Goal {
        /// The student who owns it.
        #[serde(rename = "s")]
        pub student: Id,
        /// Learning targets it works toward.
        #[serde(rename = "t", default, skip_serializing_if = "Vec::is_empty")]
        pub targets: Vec<Id>,
        /// "I will …".
        #[serde(rename = "w", default, skip_serializing_if = "String::is_empty")]
        pub i_will: String,
        /// "I'll know I've got it when …", one per entry.
        #[serde(rename = "k", default, skip_serializing_if = "Vec::is_empty")]
        pub criteria: Vec<String>,
        /// Plan steps.
        #[serde(rename = "p", default, skip_serializing_if = "Vec::is_empty")]
        pub plan: Vec<String>,
        /// Supports I need (also the family's "how you can help at home").
        #[serde(rename = "su", default, skip_serializing_if = "Vec::is_empty")]
        pub supports: Vec<String>,
        /// Target date.
        #[serde(rename = "dt", default, skip_serializing_if = "Option::is_none")]
        pub date: Option<Day>,
        /// Shared with family once approved.
        #[serde(rename = "fs", default = "yes", skip_serializing_if = "is_true")]
        pub family_shared: bool,
        /// Life-cycle state.
        #[serde(rename = "st", default, skip_serializing_if = "ReviewState::is_draft")]
        pub state: ReviewState,
        /// Every transition with who, when, why.
        #[serde(rename = "h", default, skip_serializing_if = "Vec::is_empty")]
        pub history: Vec<Transition>,
        /// Parts last changed by the teacher (sorted, no duplicates).
        #[serde(rename = "te", default, skip_serializing_if = "Vec::is_empty")]
        pub teacher_marks: Vec<GoalField>,
        /// When the student said they think they achieved it (waiting for the teacher).
        #[serde(rename = "cl", default, skip_serializing_if = "Option::is_none")]
        pub claim: Option<Timestamp>,
    }
}

impl_record!(Goal, Kind::Goal, |g| Some(g.student), |g| {
    g.targets.clear();
    g.i_will.clear();
    g.criteria.clear();
    g.plan.clear();
    g.supports.clear();
    g.date = None;
    g.history.clear();
    g.teacher_marks.clear();
    g.claim = None;
});

/// The editable text of a goal, as a form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoalText {
    /// Learning targets.
    pub targets: Vec<Id>,
    /// "I will …".
    pub i_will: String,
    /// Success criteria.
    pub criteria: Vec<String>,
    /// Plan steps.
    pub plan: Vec<String>,
    /// Supports needed.
    pub supports: Vec<String>,
    /// Target date.
    pub date: Option<Day>,
}

impl Goal {
    /// A new, empty draft for `student`, started by the student or by the teacher with
    /// them.
    pub fn new(id: Id, student: Id, ctx: &Ctx) -> Result<Goal> {
        if !(ctx.by.is_student(student) || ctx.by.is_teacher()) {
            return Err(DomainError::NotAllowed {
                action: "start a goal",
                who: "the student or the teacher",
            });
        }
        Ok(Goal {
            meta: Meta::new(id, ctx),
            student,
            targets: Vec::new(),
            i_will: String::new(),
            criteria: Vec::new(),
            plan: Vec::new(),
            supports: Vec::new(),
            date: None,
            family_shared: true,
            state: ReviewState::Draft,
            history: Vec::new(),
            teacher_marks: Vec::new(),
            claim: None,
            extra: Default::default(),
        })
    }

    /// The current text, for a form.
    pub fn text(&self) -> GoalText {
        GoalText {
            targets: self.targets.clone(),
            i_will: self.i_will.clone(),
            criteria: self.criteria.clone(),
            plan: self.plan.clone(),
            supports: self.supports.clone(),
            date: self.date,
        }
    }

    /// Saves the form (autosave calls this as the student types). Returns the parts that
    /// changed; an unchanged form changes nothing (not even the version). Refused for
    /// other people, for a student while the goal is submitted, and for anyone once it is
    /// approved or achieved.
    pub fn edit(&mut self, text: GoalText, ctx: &Ctx) -> Result<Vec<GoalField>> {
        let teacher = ctx.by.is_teacher();
        if !(teacher || ctx.by.is_student(self.student)) {
            return Err(DomainError::NotAllowed {
                action: "change this goal",
                who: "the student who wrote it, or the teacher with them",
            });
        }
        match self.state {
            ReviewState::Approved | ReviewState::Achieved => return Err(DomainError::Locked),
            ReviewState::Submitted if !teacher => return Err(DomainError::InReview),
            _ => {}
        }
        validate::optional_text("\"I will\"", &text.i_will)?;
        for (field, list) in [
            ("A success criterion", &text.criteria),
            ("A plan step", &text.plan),
            ("A support", &text.supports),
        ] {
            for e in list {
                validate::max_len(field, e, MAX_TEXT)?;
            }
        }
        let mut changed = Vec::new();
        if self.targets != text.targets {
            changed.push(GoalField::Targets);
        }
        if self.i_will != text.i_will {
            changed.push(GoalField::IWill);
        }
        if self.criteria != text.criteria {
            changed.push(GoalField::SuccessCriteria);
        }
        if self.plan != text.plan {
            changed.push(GoalField::Plan);
        }
        if self.supports != text.supports {
            changed.push(GoalField::Supports);
        }
        if self.date != text.date {
            changed.push(GoalField::Date);
        }
        if changed.is_empty() {
            return Ok(changed);
        }
        self.targets = text.targets;
        self.i_will = text.i_will;
        self.criteria = text.criteria;
        self.plan = text.plan;
        self.supports = text.supports;
        self.date = text.date;
        if teacher {
            self.teacher_marks.extend(changed.iter().copied());
            self.teacher_marks.sort();
            self.teacher_marks.dedup();
        } else {
            self.teacher_marks.retain(|f| !changed.contains(f));
        }
        self.touch(ctx);
        Ok(changed)
    }

    fn step(
        &mut self,
        action: Action,
        why: &str,
        anchor: Option<GoalField>,
        ctx: &Ctx,
    ) -> Result<()> {
        review::apply(
            &mut self.state,
            &mut self.history,
            self.student,
            action,
            why,
            anchor,
            true,
            ctx,
        )?;
        self.touch(ctx);
        Ok(())
    }

    /// Student sends the goal (or sends it again after changes) to the teacher. Needs at
    /// least the "I will" part; the other nudges do not block.
    pub fn submit(&mut self, ctx: &Ctx) -> Result<()> {
        if self.i_will.trim().is_empty() {
            return Err(DomainError::Incomplete(
                "Write what you will do (\"I will …\") before sending it to your teacher.",
            ));
        }
        self.step(Action::Submit, "", None, ctx)
    }

    /// Student takes a submitted goal back to draft.
    pub fn withdraw(&mut self, ctx: &Ctx) -> Result<()> {
        self.step(Action::Withdraw, "", None, ctx)
    }

    /// Teacher sends it back with a comment, optionally about one part.
    pub fn request_changes(
        &mut self,
        comment: &str,
        anchor: Option<GoalField>,
        ctx: &Ctx,
    ) -> Result<()> {
        self.step(Action::RequestChanges, comment, anchor, ctx)
    }

    /// Teacher approves (reason optional).
    pub fn approve(&mut self, why: &str, ctx: &Ctx) -> Result<()> {
        self.step(Action::Approve, why, None, ctx)
    }

    /// Teacher marks it achieved (also confirms a student's claim).
    pub fn achieve(&mut self, why: &str, ctx: &Ctx) -> Result<()> {
        self.step(Action::Achieve, why, None, ctx)?;
        self.claim = None;
        Ok(())
    }

    /// Teacher reopens an approved or achieved goal as a draft so it can be edited.
    pub fn reopen(&mut self, why: &str, ctx: &Ctx) -> Result<()> {
        self.step(Action::Reopen, why, None, ctx)?;
        self.claim = None;
        Ok(())
    }

    /// Teacher takes an achieved goal back to approved ("not quite yet").
    pub fn reopen_as_approved(&mut self, why: &str, ctx: &Ctx) -> Result<()> {
        self.step(Action::ReopenAsApproved, why, None, ctx)
    }

    /// The student says "I think I've achieved this": only on an approved goal; it waits
    /// in the teacher's queue.
    pub fn claim_achieved(&mut self, ctx: &Ctx) -> Result<()> {
        if !ctx.by.is_student(self.student) {
            return Err(DomainError::NotAllowed {
                action: "say this goal is achieved",
                who: "the student who wrote it",
            });
        }
        if self.state != ReviewState::Approved || self.claim.is_some() {
            return Err(DomainError::InvalidTransition {
                state: self.state.label(),
                action: "say it is achieved",
            });
        }
        self.claim = Some(ctx.now);
        self.touch(ctx);
        Ok(())
    }

    /// Takes back a claim (the student) or declines it (the teacher, who should also leave
    /// a comment saying what is still needed).
    pub fn clear_claim(&mut self, ctx: &Ctx) -> Result<()> {
        if !(ctx.by.is_student(self.student) || ctx.by.is_teacher()) {
            return Err(DomainError::NotAllowed {
                action: "change this goal",
                who: "the student or the teacher",
            });
        }
        if self.claim.take().is_none() {
            return Err(DomainError::NotFound("a claim on this goal"));
        }
        self.touch(ctx);
        Ok(())
    }

    /// The student (or teacher) chooses whether the family may see it once approved.
    pub fn set_family_shared(&mut self, shared: bool, ctx: &Ctx) -> Result<()> {
        if !(ctx.by.is_student(self.student) || ctx.by.is_teacher()) {
            return Err(DomainError::NotAllowed {
                action: "change who sees this goal",
                who: "the student or the teacher",
            });
        }
        self.family_shared = shared;
        self.touch(ctx);
        Ok(())
    }

    /// Families see only teacher-approved (or achieved) goals the student shares.
    pub fn family_visible(&self) -> bool {
        !self.meta.deleted && self.state.family_visible() && self.family_shared
    }

    /// The teacher's change request in force, shown beside the part it is about.
    pub fn open_change_request(&self) -> Option<&Transition> {
        review::open_change_request(self.state, &self.history)
    }

    /// When it entered its current state (queues sort by this, oldest first).
    pub fn since(&self) -> Timestamp {
        review::since(&self.history, self.meta.created)
    }
}

/// A gentle suggestion for a better goal. Never blocks saving a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Nudge {
    /// No learning target chosen.
    NoTarget,
    /// "I will" is empty.
    NoIWill,
    /// "I will" is very short, probably not specific.
    VagueIWill,
    /// No success criterion.
    NoSuccessCriteria,
    /// No plan step.
    NoPlan,
    /// No target date.
    NoDate,
    /// The target date has passed.
    DateInPast,
}

impl Nudge {
    /// A kind message for the student.
    pub fn message(self) -> &'static str {
        match self {
            Nudge::NoTarget => "Pick the learning target this goal is about.",
            Nudge::NoIWill => "Start with \"I will …\": what will you do?",
            Nudge::VagueIWill => {
                "Can you say a bit more about what you will do, so you'll know when it's done?"
            }
            Nudge::NoSuccessCriteria => {
                "How will you know you've got it? Add \"I'll know I've got it when …\"."
            }
            Nudge::NoPlan => "Add a first step to your plan.",
            Nudge::NoDate => "When do you want to reach this goal? Pick a date.",
            Nudge::DateInPast => "That date has already passed. Pick a date that's coming up.",
        }
    }
}

/// Shortest "I will" that does not get the "say a bit more" nudge, in characters.
pub const SPECIFIC_I_WILL: usize = 15;

/// Suggestions toward a specific, measurable, time-bound goal, given today's date.
pub fn goal_nudges(goal: &Goal, today: Day) -> Vec<Nudge> {
    let mut out = Vec::new();
    if goal.targets.is_empty() {
        out.push(Nudge::NoTarget);
    }
    let w = goal.i_will.trim();
    if w.is_empty() {
        out.push(Nudge::NoIWill);
    } else if w.chars().count() < SPECIFIC_I_WILL {
        out.push(Nudge::VagueIWill);
    }
    if goal.criteria.iter().all(|c| c.trim().is_empty()) {
        out.push(Nudge::NoSuccessCriteria);
    }
    if goal.plan.iter().all(|c| c.trim().is_empty()) {
        out.push(Nudge::NoPlan);
    }
    match goal.date {
        None => out.push(Nudge::NoDate),
        Some(d) if d < today => out.push(Nudge::DateInPast),
        Some(_) => {}
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::record::testing::*;
    use crate::record::{Actor, Role};

    pub(crate) fn filled(student: u8) -> Goal {
        let ctx = student_ctx(student);
        let mut g = Goal::new(id(100 + student), id(student), &ctx).unwrap();
        g.edit(
            GoalText {
                targets: vec![id(50)],
                i_will: "I will read one chapter book each week".into(),
                criteria: vec!["I can retell it to a friend".into()],
                plan: vec![
                    "Pick a book on Monday".into(),
                    "Read 20 minutes a day".into(),
                ],
                supports: vec!["Ask me about the story at dinner".into()],
                date: Some(Day::parse("2025-12-01").unwrap()),
            },
            &ctx,
        )
        .unwrap();
        g
    }

    #[test]
    fn full_life_cycle_keeps_who_when_why() {
        let s = student_ctx(1);
        let t = teacher_ctx();
        let mut g = filled(1);
        g.submit(&s).unwrap();
        g.withdraw(&s).unwrap();
        g.submit(&s).unwrap();
        g.request_changes("How many chapters?", Some(GoalField::SuccessCriteria), &t)
            .unwrap();
        // Editing keeps ChangesRequested and the comment beside its part.
        let mut text = g.text();
        text.criteria = vec!["I can retell 3 chapters".into()];
        assert_eq!(g.edit(text, &s).unwrap(), vec![GoalField::SuccessCriteria]);
        assert_eq!(g.state, ReviewState::ChangesRequested);
        assert_eq!(
            g.open_change_request().map(|t| t.why.as_str()),
            Some("How many chapters?")
        );
        g.submit(&s).unwrap();
        g.approve("", &t).unwrap();
        assert!(g.family_visible());
        g.claim_achieved(&s).unwrap();
        g.achieve("Well done!", &t).unwrap();
        assert_eq!(g.claim, None);
        g.reopen_as_approved("One more chapter", &t).unwrap();
        g.reopen("Let's change the plan", &t).unwrap();
        let states: Vec<_> = g.history.iter().map(|h| h.to).collect();
        use ReviewState as S;
        assert_eq!(
            states,
            [
                S::Submitted,
                S::Draft,
                S::Submitted,
                S::ChangesRequested,
                S::Submitted,
                S::Approved,
                S::Achieved,
                S::Approved,
                S::Draft
            ]
        );
        assert_eq!(g.history[3].actor(g.student).role, Role::Teacher);
        assert_eq!(g.history[0].actor(g.student), s.by);
        assert_eq!(g.history[6].why, "Well done!");
        let json = round_trip(&g);
        assert!(
            !json.contains("\"fs\""),
            "default sharing should be omitted: {json}"
        );
    }

    #[test]
    fn refused_steps_change_nothing() {
        let s = student_ctx(1);
        let t = teacher_ctx();
        let mut g = filled(1);
        let before = g.clone();
        assert!(g.approve("", &t).is_err());
        assert!(g.withdraw(&s).is_err());
        assert!(g.achieve("", &t).is_err());
        assert!(g.reopen("", &t).is_err());
        assert!(g.claim_achieved(&s).is_err());
        assert!(
            g.submit(&student_ctx(2)).is_err(),
            "another student cannot submit"
        );
        assert!(
            g.submit(&t).is_err(),
            "the teacher does not submit for the student"
        );
        assert_eq!(g, before);
        g.submit(&s).unwrap();
        assert!(g.approve("", &s).is_err(), "students never approve");
        assert!(g.request_changes("x", None, &s).is_err());
        assert!(
            g.request_changes("", None, &t).is_err(),
            "a comment is required"
        );
    }

    #[test]
    fn empty_goal_cannot_be_submitted_but_saves_as_draft() {
        let s = student_ctx(1);
        let mut g = Goal::new(id(101), id(1), &s).unwrap();
        assert!(matches!(g.submit(&s), Err(DomainError::Incomplete(_))));
        let mut text = g.text();
        text.i_will = "   ".into();
        g.edit(text, &s).unwrap();
        assert!(g.submit(&s).is_err());
        assert_eq!(g.state, ReviewState::Draft);
    }

    #[test]
    fn who_may_edit_and_when() {
        let s = student_ctx(1);
        let t = teacher_ctx();
        let mut g = filled(1);
        let mut text = g.text();
        text.i_will.push('!');
        assert!(g.edit(text.clone(), &student_ctx(2)).is_err());
        let fam = Ctx::new(Actor::family(id(150)), "d1", s.now);
        assert!(g.edit(text.clone(), &fam).is_err());
        g.submit(&s).unwrap();
        assert_eq!(g.edit(text.clone(), &s), Err(DomainError::InReview));
        // The teacher edits together with the student during review: marked.
        assert_eq!(g.edit(text.clone(), &t).unwrap(), vec![GoalField::IWill]);
        assert_eq!(g.teacher_marks, vec![GoalField::IWill]);
        g.approve("", &t).unwrap();
        text.i_will.push('?');
        assert_eq!(g.edit(text.clone(), &s), Err(DomainError::Locked));
        assert_eq!(g.edit(text.clone(), &t), Err(DomainError::Locked));
        g.reopen("fix", &t).unwrap();
        // The student's own edit of that part removes the teacher mark.
        assert_eq!(g.edit(text, &s).unwrap(), vec![GoalField::IWill]);
        assert!(g.teacher_marks.is_empty());
    }

    #[test]
    fn unchanged_autosave_does_not_bump_version() {
        let s = student_ctx(1);
        let mut g = filled(1);
        let v = g.meta.versions.clone();
        assert!(g.edit(g.text(), &s).unwrap().is_empty());
        assert_eq!(g.meta.versions, v);
    }

    #[test]
    fn too_long_text_is_refused_and_the_goal_keeps_its_old_text() {
        let s = student_ctx(1);
        let mut g = filled(1);
        let mut text = g.text();
        text.plan.push("a".repeat(MAX_TEXT + 1));
        assert!(matches!(g.edit(text, &s), Err(DomainError::TooLong { .. })));
        assert_eq!(g.plan.len(), 2);
    }

    #[test]
    fn families_see_only_approved_shared_goals() {
        let s = student_ctx(1);
        let t = teacher_ctx();
        let mut g = filled(1);
        assert!(!g.family_visible());
        g.submit(&s).unwrap();
        assert!(!g.family_visible());
        g.request_changes("more", None, &t).unwrap();
        assert!(!g.family_visible());
        g.submit(&s).unwrap();
        g.approve("", &t).unwrap();
        assert!(g.family_visible());
        g.set_family_shared(false, &s).unwrap();
        assert!(!g.family_visible());
        assert!(round_trip(&g).contains("\"fs\":false"));
    }

    #[test]
    fn nudges_warn_without_blocking() {
        let today = Day::parse("2025-11-01").unwrap();
        let g = filled(1);
        assert!(goal_nudges(&g, today).is_empty());
        let mut empty = Goal::new(id(9), id(1), &student_ctx(1)).unwrap();
        let n = goal_nudges(&empty, today);
        assert_eq!(
            n,
            [
                Nudge::NoTarget,
                Nudge::NoIWill,
                Nudge::NoSuccessCriteria,
                Nudge::NoPlan,
                Nudge::NoDate
            ]
        );
        empty.i_will = "I will try".into();
        empty.date = Some(Day::parse("2020-01-01").unwrap());
        empty.criteria = vec!["  ".into()];
        let n = goal_nudges(&empty, today);
        assert!(n.contains(&Nudge::VagueIWill));
        assert!(n.contains(&Nudge::DateInPast));
        assert!(n.contains(&Nudge::NoSuccessCriteria));
        assert!(n.iter().all(|x| !x.message().is_empty()));
    }
}
