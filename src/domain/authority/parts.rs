//! What is the teacher's and what is the student's in each kind of record.

use serde::Serialize;
use serde_json::Value;

use super::Authority;
use crate::class::Class;
use crate::comment::Comment;
use crate::evidence::Evidence;
use crate::format::{FormatChoice, ProductFormat};
use crate::goal::Goal;
use crate::help::HelpFlag;
use crate::ids::Id;
use crate::pathway::Pathway;
use crate::rating::{Rating, RatingKind};
use crate::record::Role;
use crate::reflection::Reflection;
use crate::review::{self, ReviewState, Transition};
use crate::student::{Group, StudentProfile};
use crate::target::LearningTarget;
use crate::unit::Unit;

/// The stored JSON of a record without what changes as it travels (version vector, kept
/// conflicts, seal, last change time and author): what the two parts are cut from.
fn content<T: Serialize>(record: &T) -> Value {
    let mut v = serde_json::to_value(record).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        for k in ["v", "cx", "sg", "u", "b"] {
            m.remove(k);
        }
    }
    v
}

macro_rules! teachers_alone {
    ($($t:ty),*) => {$(
        impl Authority for $t {
            fn teacher_part(&self) -> Option<Value> {
                Some(content(self))
            }
            fn student_part(&self) -> Value {
                Value::Null
            }
            fn student_owner(&self) -> Option<Id> {
                None
            }
        }
    )*};
}
teachers_alone!(Class, Group, LearningTarget, Unit, ProductFormat);

macro_rules! students_alone {
    ($($t:ty),*) => {$(
        impl Authority for $t {
            fn teacher_part(&self) -> Option<Value> {
                None
            }
            fn student_part(&self) -> Value {
                content(self)
            }
            fn student_owner(&self) -> Option<Id> {
                Some(self.student)
            }
        }
    )*};
}
students_alone!(Pathway, Evidence, Reflection);

impl Authority for StudentProfile {
    /// The roster entry: that the student is in the class, their name, archived or not.
    fn teacher_part(&self) -> Option<Value> {
        Some(serde_json::json!({
            "i": self.meta.id,
            "n": self.name,
            "ar": self.archived,
            "d": self.meta.deleted,
        }))
    }
    /// Their picture and "All about me".
    fn student_part(&self) -> Value {
        let mut v = content(self);
        if let Value::Object(m) = &mut v {
            for k in ["i", "n", "ar", "d"] {
                m.remove(k);
            }
        }
        v
    }
    fn student_owner(&self) -> Option<Id> {
        Some(self.meta.id)
    }
}

impl Authority for Rating {
    fn teacher_part(&self) -> Option<Value> {
        (self.kind == RatingKind::Teacher).then(|| content(self))
    }
    fn student_part(&self) -> Value {
        match self.kind {
            RatingKind::SelfAssessment => content(self),
            RatingKind::Teacher => Value::Null,
        }
    }
    fn student_owner(&self) -> Option<Id> {
        (self.kind == RatingKind::SelfAssessment).then_some(self.student)
    }
}

impl Authority for Comment {
    fn teacher_part(&self) -> Option<Value> {
        self.author.is_teacher().then(|| content(self))
    }
    fn student_part(&self) -> Value {
        if self.author.is_teacher() {
            Value::Null
        } else {
            content(self)
        }
    }
    /// A student's comment is its author's: on their own work, or a classmate's.
    fn student_owner(&self) -> Option<Id> {
        (self.author.role == Role::Student).then_some(self.author.id)
    }
}

impl Authority for HelpFlag {
    fn teacher_part(&self) -> Option<Value> {
        let by_teacher = self.closed_by.is_some_and(|a| a.is_teacher());
        by_teacher.then(
            || serde_json::json!({ "st": self.state, "ca": self.closed_at, "cb": self.closed_by }),
        )
    }
    fn student_part(&self) -> Value {
        let mut v = content(self);
        if self.teacher_part().is_some() {
            if let Value::Object(m) = &mut v {
                for k in ["st", "ca", "cb"] {
                    m.remove(k);
                }
            }
        }
        v
    }
    fn student_owner(&self) -> Option<Id> {
        Some(self.student)
    }
}

/// The teacher's steps of a review history.
fn teacher_steps(history: &[Transition], owner: Id) -> Vec<&Transition> {
    history
        .iter()
        .filter(|t| t.actor(owner).is_teacher())
        .collect()
}

/// True when the text is the one the teacher approved (it cannot change until reopened).
fn frozen(state: ReviewState) -> bool {
    matches!(state, ReviewState::Approved | ReviewState::Achieved)
}

/// Teacher part and student part of a reviewed record, cut from its JSON: the teacher's
/// steps and marks (and the whole text while approved) on one side, the rest on the
/// other. `marks` and `text` name the stored fields of the teacher's marks and the text.
fn review_parts<T: Serialize>(
    record: &T,
    history: &[Transition],
    owner: Id,
    state: ReviewState,
    marks: &[&str],
    text: &[&str],
) -> (Option<Value>, Value) {
    let mut rest = content(record);
    let steps = teacher_steps(history, owner);
    let mut part = serde_json::Map::new();
    if let Value::Object(m) = &mut rest {
        // The state follows from the history (checked by `history_ok`), so it belongs to
        // neither part: a teacher's step moves it without touching the student's part.
        m.remove("st");
        let students: Vec<&Transition> = history
            .iter()
            .filter(|t| !t.actor(owner).is_teacher())
            .collect();
        m.insert(
            "h".into(),
            serde_json::to_value(students).unwrap_or(Value::Null),
        );
        for k in marks {
            if let Some(v) = m.remove(*k) {
                part.insert((*k).into(), v);
            }
        }
        if frozen(state) {
            for k in text {
                part.insert((*k).into(), m.get(*k).cloned().unwrap_or(Value::Null));
            }
        }
    }
    if steps.is_empty() && part.is_empty() {
        return (None, rest);
    }
    part.insert(
        "h".into(),
        serde_json::to_value(steps).unwrap_or(Value::Null),
    );
    (Some(Value::Object(part)), rest)
}

const GOAL_TEXT: [&str; 6] = ["t", "w", "k", "p", "su", "dt"];
const CHOICE_TEXT: [&str; 5] = ["un", "g", "f", "w", "o"];

impl Authority for Goal {
    fn teacher_part(&self) -> Option<Value> {
        review_parts(
            self,
            &self.history,
            self.student,
            self.state,
            &["te"],
            &GOAL_TEXT,
        )
        .0
    }
    fn student_part(&self) -> Value {
        review_parts(
            self,
            &self.history,
            self.student,
            self.state,
            &["te"],
            &GOAL_TEXT,
        )
        .1
    }
    fn student_owner(&self) -> Option<Id> {
        Some(self.student)
    }
    fn history_ok(&self) -> bool {
        // A tombstone keeps no history; deleting is checked through the teacher part.
        self.meta.deleted || review::replay(&self.history, self.student, true) == Some(self.state)
    }
}

impl Authority for FormatChoice {
    fn teacher_part(&self) -> Option<Value> {
        review_parts(
            self,
            &self.history,
            self.student,
            self.state,
            &[],
            &CHOICE_TEXT,
        )
        .0
    }
    fn student_part(&self) -> Value {
        review_parts(
            self,
            &self.history,
            self.student,
            self.state,
            &[],
            &CHOICE_TEXT,
        )
        .1
    }
    fn student_owner(&self) -> Option<Id> {
        Some(self.student)
    }
    fn history_ok(&self) -> bool {
        self.meta.deleted || review::replay(&self.history, self.student, false) == Some(self.state)
    }
}
