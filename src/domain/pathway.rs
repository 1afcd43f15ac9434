//! A student's pathway through a unit: the activities they chose, in their order, with a
//! way in and a status per step, and a history of every change (earlier choices stay
//! visible). Must-dos are always on the path.
//!
//! Serialized names of [`Pathway`]: `s` student, `un` unit, `p` steps, `h` history. Of
//! [`Step`]: `a` activity id, `w` way in, `sa` started at, `da` done at (the status is
//! derived from these), `x` quick note. Of [`PathChange`]: `a` at, `b` by (omitted for
//! the student), `k` kind (`+` added, `-` removed, `m` moved, `w` way chosen), `x`
//! activity, `n` new position, `w` way. Status changes are not history entries: the step
//! keeps when it was started and done, which is what teachers and families ask about.

use serde::{Deserialize, Serialize};

use super::error::{DomainError, Result};
use super::ids::Id;
use super::record::{impl_record, record_struct, Actor, Ctx, Meta, Record};
use super::student::Group;
use super::time::Timestamp;
use super::unit::{Unit, WayKind};
use super::validate;

/// Where a student is with one step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepStatus {
    /// Not started.
    #[default]
    #[serde(rename = "n")]
    NotStarted,
    /// Started.
    #[serde(rename = "s")]
    Started,
    /// Done.
    #[serde(rename = "d")]
    Done,
}

/// One step of the path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The activity (in the pathway's unit).
    #[serde(rename = "a")]
    pub activity: Id,
    /// The way in the student picked.
    #[serde(rename = "w", default, skip_serializing_if = "Option::is_none")]
    pub way: Option<WayKind>,
    /// When it was started (None: not started). The status is derived from these two
    /// times, so it is never stored twice.
    #[serde(rename = "sa", default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Timestamp>,
    /// When it was done (None: not done).
    #[serde(rename = "da", default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Timestamp>,
    /// Optional quick note.
    #[serde(rename = "x", default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Step {
    fn new(activity: Id) -> Step {
        Step {
            activity,
            way: None,
            started: None,
            done: None,
            note: String::new(),
        }
    }

    /// Not started, started or done.
    pub fn status(&self) -> StepStatus {
        match (self.started, self.done) {
            (_, Some(_)) => StepStatus::Done,
            (Some(_), None) => StepStatus::Started,
            (None, None) => StepStatus::NotStarted,
        }
    }
}

/// What changed on a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PathChangeKind {
    /// An activity was added.
    #[serde(rename = "+")]
    Added,
    /// An activity was removed.
    #[serde(rename = "-")]
    Removed,
    /// An activity moved to a new position.
    #[serde(rename = "m")]
    Moved,
    /// A way in was chosen.
    #[serde(rename = "w")]
    Way,
}

/// One entry of a pathway's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathChange {
    /// When.
    #[serde(rename = "a")]
    pub at: Timestamp,
    /// Who, or `None` for the student whose path it is (the usual case; saves ~28
    /// characters per entry). Read it with [`PathChange::actor`].
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Actor>,
    /// What kind of change.
    #[serde(rename = "k")]
    pub kind: PathChangeKind,
    /// The activity concerned.
    #[serde(rename = "x")]
    pub activity: Id,
    /// New position (moves).
    #[serde(rename = "n", default, skip_serializing_if = "Option::is_none")]
    pub to: Option<u16>,
    /// Way chosen.
    #[serde(rename = "w", default, skip_serializing_if = "Option::is_none")]
    pub way: Option<WayKind>,
}

impl PathChange {
    /// Who made this change, given the pathway's student.
    pub fn actor(&self, student: Id) -> Actor {
        self.by.unwrap_or(Actor::student(student))
    }
}

record_struct! {
    /// A student's path through one unit.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Pathway {
        /// The student.
        #[serde(rename = "s")]
        pub student: Id,
        /// The unit.
        #[serde(rename = "un")]
        pub unit: Id,
        /// Steps in the student's order.
        #[serde(rename = "p", default, skip_serializing_if = "Vec::is_empty")]
        pub steps: Vec<Step>,
        /// Every change, oldest first.
        #[serde(rename = "h", default, skip_serializing_if = "Vec::is_empty")]
        pub history: Vec<PathChange>,
    }
}

impl_record!(Pathway, Kind::Pathway, |p| Some(p.student), |p| {
    p.steps.clear();
    p.history.clear();
});

impl Pathway {
    /// Starts a path for `student` in `unit`: the must-dos they can see, in board order.
    pub fn start(id: Id, student: Id, unit: &Unit, groups: &[Group], ctx: &Ctx) -> Result<Pathway> {
        may_change(student, ctx)?;
        if !unit.visible_to(student, groups) {
            return Err(DomainError::NotFound("this unit"));
        }
        let steps = unit
            .activities_for(student, groups)
            .filter(|a| a.must)
            .map(|a| Step::new(a.id))
            .collect();
        Ok(Pathway {
            meta: Meta::new(id, ctx),
            student,
            unit: unit.meta.id,
            steps,
            history: Vec::new(),
            extra: Default::default(),
        })
    }

    fn pos(&self, activity: Id) -> Result<usize> {
        self.steps
            .iter()
            .position(|s| s.activity == activity)
            .ok_or(DomainError::NotFound("that step on your path"))
    }

    fn log(&mut self, kind: PathChangeKind, activity: Id, ctx: &Ctx) -> &mut PathChange {
        self.history.push(PathChange {
            at: ctx.now,
            by: (!ctx.by.is_student(self.student)).then_some(ctx.by),
            kind,
            activity,
            to: None,
            way: None,
        });
        let last = self.history.len() - 1;
        &mut self.history[last]
    }

    /// Adds an activity the student can see, at the end of the path.
    pub fn add(&mut self, unit: &Unit, activity: Id, groups: &[Group], ctx: &Ctx) -> Result<()> {
        may_change(self.student, ctx)?;
        let a = unit
            .activities_for(self.student, groups)
            .find(|a| a.id == activity)
            .ok_or(DomainError::NotFound("that activity"))?;
        if self.steps.iter().any(|s| s.activity == activity) {
            return Err(DomainError::Duplicate(a.title.clone()));
        }
        self.steps.push(Step::new(activity));
        self.log(PathChangeKind::Added, activity, ctx);
        self.touch(ctx);
        Ok(())
    }

    /// Removes a may-do. Must-dos stay, and the error says why.
    pub fn remove(&mut self, unit: &Unit, activity: Id, ctx: &Ctx) -> Result<()> {
        may_change(self.student, ctx)?;
        let i = self.pos(activity)?;
        if let Some(a) = unit.activity(activity).filter(|a| a.must) {
            return Err(DomainError::MustDo(a.title.clone()));
        }
        self.steps.remove(i);
        self.log(PathChangeKind::Removed, activity, ctx);
        self.touch(ctx);
        Ok(())
    }

    /// Moves a step to position `to` (0-based). Out of range is an error, so a "move up"
    /// on the first step is refused rather than silently ignored.
    pub fn move_to(&mut self, activity: Id, to: usize, ctx: &Ctx) -> Result<()> {
        may_change(self.student, ctx)?;
        let from = self.pos(activity)?;
        if to >= self.steps.len() {
            return Err(DomainError::OutOfRange("That position"));
        }
        if from == to {
            return Ok(());
        }
        let s = self.steps.remove(from);
        self.steps.insert(to, s);
        self.log(PathChangeKind::Moved, activity, ctx).to =
            Some(u16::try_from(to).unwrap_or(u16::MAX));
        self.touch(ctx);
        Ok(())
    }

    /// Moves a step one up (keyboard "move up" button).
    pub fn move_up(&mut self, activity: Id, ctx: &Ctx) -> Result<()> {
        let i = self.pos(activity)?;
        let to = i
            .checked_sub(1)
            .ok_or(DomainError::OutOfRange("That position"))?;
        self.move_to(activity, to, ctx)
    }

    /// Moves a step one down.
    pub fn move_down(&mut self, activity: Id, ctx: &Ctx) -> Result<()> {
        let i = self.pos(activity)?;
        self.move_to(activity, i + 1, ctx)
    }

    /// Picks a way in; it must be one the activity offers.
    pub fn choose_way(&mut self, unit: &Unit, activity: Id, way: WayKind, ctx: &Ctx) -> Result<()> {
        may_change(self.student, ctx)?;
        let i = self.pos(activity)?;
        let offered = unit
            .activity(activity)
            .is_some_and(|a| a.ways.iter().any(|w| w.kind == way));
        if !offered {
            return Err(DomainError::NotFound("that way in for this activity"));
        }
        if self.steps[i].way == Some(way) {
            return Ok(());
        }
        self.steps[i].way = Some(way);
        self.log(PathChangeKind::Way, activity, ctx).way = Some(way);
        self.touch(ctx);
        Ok(())
    }

    /// Marks a step not started / started / done, keeping when it was started and done
    /// (done also counts as started). Setting the current status again changes nothing.
    pub fn set_status(&mut self, activity: Id, status: StepStatus, ctx: &Ctx) -> Result<()> {
        may_change(self.student, ctx)?;
        let i = self.pos(activity)?;
        let step = &mut self.steps[i];
        if step.status() == status {
            return Ok(());
        }
        match status {
            StepStatus::NotStarted => {
                step.started = None;
                step.done = None;
            }
            StepStatus::Started => {
                step.started = step.started.or(Some(ctx.now));
                step.done = None;
            }
            StepStatus::Done => {
                step.started = step.started.or(Some(ctx.now));
                step.done = Some(ctx.now);
            }
        }
        self.touch(ctx);
        Ok(())
    }

    /// Sets the quick note of a step (stored as typed).
    pub fn set_note(&mut self, activity: Id, note: &str, ctx: &Ctx) -> Result<()> {
        may_change(self.student, ctx)?;
        validate::optional_text("The note", note)?;
        let i = self.pos(activity)?;
        if self.steps[i].note != note {
            self.steps[i].note = note.to_string();
            self.touch(ctx);
        }
        Ok(())
    }

    /// How many more may-dos the unit requires.
    pub fn may_dos_missing(&self, unit: &Unit) -> usize {
        let chosen = self
            .steps
            .iter()
            .filter(|s| unit.activity(s.activity).is_some_and(|a| !a.must))
            .count();
        usize::from(unit.may_dos_required).saturating_sub(chosen)
    }

    /// Percentage of steps done (0 for an empty path).
    pub fn progress_percent(&self) -> u8 {
        let done = self
            .steps
            .iter()
            .filter(|s| s.status() == StepStatus::Done)
            .count();
        match self.steps.len() {
            0 => 0,
            n => ((done * 100) / n) as u8,
        }
    }

    /// The step to do next: the first started one, else the first not started.
    pub fn next_step(&self) -> Option<&Step> {
        self.steps
            .iter()
            .find(|s| s.status() == StepStatus::Started)
            .or_else(|| {
                self.steps
                    .iter()
                    .find(|s| s.status() == StepStatus::NotStarted)
            })
    }

    /// When the student last moved a step forward (started or done).
    pub fn last_progress(&self) -> Option<Timestamp> {
        self.steps
            .iter()
            .flat_map(|s| [s.started, s.done])
            .flatten()
            .max()
    }
}

impl Pathway {
    /// How many steps are done.
    pub fn steps_done(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| s.status() == StepStatus::Done)
            .count()
    }

    /// The progress rounded down to a multiple of ten (0, 10 … 100), for a bar drawn
    /// with a class: 1 of 3 done is 30, never more than what is really done.
    pub fn progress_tens(&self) -> u8 {
        (self.progress_percent() / 10) * 10
    }

    /// The step for an activity, if it is on the path.
    pub fn step(&self, activity: Id) -> Option<&Step> {
        self.steps.iter().find(|s| s.activity == activity)
    }

    /// The position (1-based) of an activity on the path.
    pub fn position(&self, activity: Id) -> Option<usize> {
        self.steps
            .iter()
            .position(|s| s.activity == activity)
            .map(|i| i + 1)
    }
}

/// The student's path through a unit: the newest one that is not deleted.
pub fn path_for(pathways: &[Pathway], student: Id, unit: Id) -> Option<&Pathway> {
    pathways
        .iter()
        .filter(|p| p.student == student && p.unit == unit && !p.meta.deleted)
        .max_by_key(|p| (p.meta.created, p.meta.id))
}

impl StepStatus {
    /// Every status, in order.
    pub const ALL: [StepStatus; 3] = [
        StepStatus::NotStarted,
        StepStatus::Started,
        StepStatus::Done,
    ];

    /// Words for the student.
    pub fn label(self) -> &'static str {
        match self {
            StepStatus::NotStarted => "Not started",
            StepStatus::Started => "Started",
            StepStatus::Done => "Done",
        }
    }
}

impl PathChange {
    /// One plain sentence for the history list, naming the activity by its title (or
    /// "an activity" when the teacher has since taken it off the board). Who made the
    /// change is added when it was not the student.
    pub fn describe(&self, unit: &Unit, student: Id) -> String {
        let title = unit
            .activity(self.activity)
            .map_or_else(|| "an activity".to_string(), |a| format!("“{}”", a.title));
        let what = match self.kind {
            PathChangeKind::Added => format!("Added {title}"),
            PathChangeKind::Removed => format!("Took {title} off the path"),
            PathChangeKind::Moved => match self.to {
                Some(n) => format!("Moved {title} to step {}", u32::from(n) + 1),
                None => format!("Moved {title}"),
            },
            PathChangeKind::Way => match self.way {
                Some(w) => format!("Chose “{}” for {title}", w.label()),
                None => format!("Chose a way in for {title}"),
            },
        };
        if self.actor(student).is_student(student) {
            format!("{what}.")
        } else {
            format!("{what} (your teacher).")
        }
    }
}

fn may_change(student: Id, ctx: &Ctx) -> Result<()> {
    if ctx.by.is_student(student) || ctx.by.is_teacher() {
        Ok(())
    } else {
        Err(DomainError::NotAllowed {
            action: "change this path",
            who: "the student or the teacher",
        })
    }
}

/// How many students' paths (not deleted) have `activity` of `unit` on them.
pub fn paths_using(pathways: &[Pathway], unit: Id, activity: Id) -> usize {
    pathways
        .iter()
        .filter(|p| {
            !p.meta.deleted && p.unit == unit && p.steps.iter().any(|s| s.activity == activity)
        })
        .count()
}

/// How many students have started a path (not deleted) in `unit`: a unit they have
/// started is hidden rather than deleted, so their path and notes are never taken away.
pub fn students_with_path_in(pathways: &[Pathway], unit: Id) -> usize {
    let mut students: Vec<Id> = pathways
        .iter()
        .filter(|p| !p.meta.deleted && p.unit == unit)
        .map(|p| p.student)
        .collect();
    students.sort();
    students.dedup();
    students.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::*;
    use crate::unit::tests::board;

    #[test]
    fn path_starts_with_must_dos_and_keeps_them() {
        let u = board();
        let s = student_ctx(1);
        let mut p = Pathway::start(id(90), id(1), &u, &[], &s).unwrap();
        assert_eq!(
            p.steps.iter().map(|s| s.activity).collect::<Vec<_>>(),
            [id(81)]
        );
        let e = p.remove(&u, id(81), &s).unwrap_err();
        assert_eq!(e, DomainError::MustDo("Mini-lesson".into()));
        assert!(e.to_string().contains("must-do"));
        assert_eq!(p.steps.len(), 1);
    }

    #[test]
    fn build_reorder_by_keyboard_and_history_keeps_earlier_choices() {
        let mut u = board();
        u.may_dos_required = 2;
        let s = student_ctx(1);
        let mut p = Pathway::start(id(90), id(1), &u, &[], &s).unwrap();
        assert_eq!(p.may_dos_missing(&u), 2);
        p.add(&u, id(82), &[], &s).unwrap();
        p.add(&u, id(83), &[], &s).unwrap();
        assert_eq!(p.may_dos_missing(&u), 0);
        assert!(matches!(
            p.add(&u, id(82), &[], &s),
            Err(DomainError::Duplicate(_))
        ));
        p.move_up(id(83), &s).unwrap();
        p.move_to(id(83), 0, &s).unwrap();
        let order: Vec<_> = p.steps.iter().map(|s| s.activity).collect();
        assert_eq!(order, [id(83), id(81), id(82)]);
        assert!(p.move_up(id(83), &s).is_err(), "first step cannot move up");
        assert!(
            p.move_down(id(82), &s).is_err(),
            "last step cannot move down"
        );
        p.choose_way(&u, id(82), WayKind::Listen, &s).unwrap();
        assert!(
            p.choose_way(&u, id(82), WayKind::HandsOn, &s).is_err(),
            "not offered"
        );
        p.remove(&u, id(83), &s).unwrap();
        let kinds: Vec<_> = p.history.iter().map(|h| h.kind).collect();
        use PathChangeKind as K;
        assert_eq!(
            kinds,
            [K::Added, K::Added, K::Moved, K::Moved, K::Way, K::Removed]
        );
        assert!(p
            .history
            .iter()
            .all(|h| h.by.is_none() && h.actor(id(1)) == s.by));
        // The teacher's changes name the teacher.
        p.add(&u, id(83), &[], &teacher_ctx()).unwrap();
        assert_eq!(
            p.history.last().map(|h| h.actor(id(1))),
            Some(teacher_ctx().by)
        );
        round_trip(&p);
    }

    #[test]
    fn status_progress_and_next_step() {
        let u = board();
        let s = student_ctx(1);
        let mut p = Pathway::start(id(90), id(1), &u, &[], &s).unwrap();
        p.add(&u, id(82), &[], &s).unwrap();
        assert_eq!(p.progress_percent(), 0);
        assert_eq!(p.next_step().map(|s| s.activity), Some(id(81)));
        assert_eq!(p.last_progress(), None);
        p.set_status(id(82), StepStatus::Started, &s).unwrap();
        assert_eq!(p.next_step().map(|s| s.activity), Some(id(82)));
        p.set_status(id(81), StepStatus::Done, &s).unwrap();
        assert_eq!(p.progress_percent(), 50);
        assert_eq!(p.last_progress(), Some(s.now));
        p.set_note(id(81), "Finished early 🎉", &s).unwrap();
        assert_eq!(p.steps[0].note, "Finished early 🎉");
        assert!(p
            .set_status(id(81), StepStatus::Done, &student_ctx(2))
            .is_err());
        let json = round_trip(&p);
        assert!(json.contains("\"da\":"), "{json}");
        assert!(
            !json.contains("\"st\""),
            "status is derived, not stored: {json}"
        );
    }

    #[test]
    fn progress_in_tens_steps_and_positions() {
        let u = board();
        let s = student_ctx(1);
        let mut p = Pathway::start(id(90), id(1), &u, &[], &s).unwrap();
        p.add(&u, id(82), &[], &s).unwrap();
        p.add(&u, id(83), &[], &s).unwrap();
        assert_eq!((p.steps_done(), p.progress_tens()), (0, 0));
        p.set_status(id(82), StepStatus::Done, &s).unwrap();
        assert_eq!(p.progress_percent(), 33);
        assert_eq!((p.steps_done(), p.progress_tens()), (1, 30));
        p.set_status(id(81), StepStatus::Done, &s).unwrap();
        p.set_status(id(83), StepStatus::Done, &s).unwrap();
        assert_eq!(p.progress_tens(), 100);
        assert_eq!(p.position(id(83)), Some(3));
        assert_eq!(p.position(id(99)), None);
        assert_eq!(p.step(id(82)).map(Step::status), Some(StepStatus::Done));
        // Back to not started clears both times.
        p.set_status(id(83), StepStatus::NotStarted, &s).unwrap();
        assert_eq!(p.step(id(83)).and_then(|s| s.started), None);
        assert_eq!(
            StepStatus::ALL.map(StepStatus::label).join("/"),
            "Not started/Started/Done"
        );
        let empty = Pathway::start(
            id(91),
            id(1),
            &Unit::new(id(5), "Empty", &teacher_ctx()).unwrap(),
            &[],
            &s,
        )
        .unwrap();
        assert_eq!((empty.progress_tens(), empty.steps_done()), (0, 0));
    }

    #[test]
    fn the_newest_live_path_of_this_student_in_this_unit_is_found() {
        let u = board();
        let s = student_ctx(1);
        let old = Pathway::start(id(90), id(1), &u, &[], &s).unwrap();
        let mut later = student_ctx(1);
        later.now = Timestamp(s.now.0 + 1000);
        let new = Pathway::start(id(91), id(1), &u, &[], &later).unwrap();
        let other = Pathway::start(id(92), id(2), &u, &[], &student_ctx(2)).unwrap();
        let mut list = vec![old, new, other];
        assert_eq!(
            path_for(&list, id(1), id(80)).map(|p| p.meta.id),
            Some(id(91))
        );
        assert_eq!(
            path_for(&list, id(2), id(80)).map(|p| p.meta.id),
            Some(id(92))
        );
        list[1].tombstone(&later);
        assert_eq!(
            path_for(&list, id(1), id(80)).map(|p| p.meta.id),
            Some(id(90))
        );
        assert!(path_for(&list, id(3), id(80)).is_none());
        assert!(path_for(&list, id(1), id(81)).is_none());
    }

    #[test]
    fn history_entries_read_as_sentences() {
        let u = board();
        let s = student_ctx(1);
        let mut p = Pathway::start(id(90), id(1), &u, &[], &s).unwrap();
        p.add(&u, id(82), &[], &s).unwrap();
        p.move_up(id(82), &s).unwrap();
        p.choose_way(&u, id(82), WayKind::Listen, &s).unwrap();
        p.remove(&u, id(82), &s).unwrap();
        p.add(&u, id(83), &[], &teacher_ctx()).unwrap();
        let said: Vec<String> = p.history.iter().map(|h| h.describe(&u, id(1))).collect();
        assert_eq!(
            said,
            [
                "Added “Read the story”.",
                "Moved “Read the story” to step 1.",
                "Chose “Listen” for “Read the story”.",
                "Took “Read the story” off the path.",
                "Added “Notes” (your teacher)."
            ]
        );
        let mut gone = u.clone();
        gone.activities.clear();
        assert_eq!(p.history[0].describe(&gone, id(1)), "Added an activity.");
    }

    #[test]
    fn activities_not_for_this_student_cannot_be_added() {
        let mut u = board();
        u.activities[2].assign = crate::unit::Assignment::Student(id(2));
        let s = student_ctx(1);
        let mut p = Pathway::start(id(90), id(1), &u, &[], &s).unwrap();
        assert_eq!(
            p.add(&u, id(83), &[], &s),
            Err(DomainError::NotFound("that activity"))
        );
        u.hidden = true;
        assert!(Pathway::start(id(91), id(1), &u, &[], &s).is_err());
    }

    #[test]
    fn paths_using_counts_live_paths_of_that_unit_only() {
        let ctx = teacher_ctx();
        let u = board();
        let p1 = Pathway::start(id(60), id(1), &u, &[], &student_ctx(1)).unwrap();
        let mut p2 = Pathway::start(id(61), id(2), &u, &[], &student_ctx(2)).unwrap();
        assert_eq!(paths_using(&[p1.clone(), p2.clone()], u.meta.id, id(81)), 2);
        assert_eq!(paths_using(std::slice::from_ref(&p1), u.meta.id, id(83)), 0);
        assert_eq!(paths_using(std::slice::from_ref(&p1), id(1), id(81)), 0);
        p2.tombstone(&ctx);
        assert_eq!(paths_using(&[p1, p2], u.meta.id, id(81)), 1);
    }

    #[test]
    fn students_with_a_path_are_counted_once_and_deleted_paths_not_at_all() {
        let ctx = teacher_ctx();
        let u = board();
        let p1 = Pathway::start(id(60), id(1), &u, &[], &student_ctx(1)).unwrap();
        let p1b = Pathway::start(id(62), id(1), &u, &[], &student_ctx(1)).unwrap();
        let mut p2 = Pathway::start(id(61), id(2), &u, &[], &student_ctx(2)).unwrap();
        let all = [p1.clone(), p1b.clone(), p2.clone()];
        assert_eq!(students_with_path_in(&all, u.meta.id), 2);
        assert_eq!(students_with_path_in(&all, id(1)), 0);
        p2.tombstone(&ctx);
        assert_eq!(students_with_path_in(&[p1, p1b, p2], u.meta.id), 1);
    }
}
