//! What is the teacher's and what is the student's in each kind of record, cut from the
//! record's stored JSON (so no serializer is compiled twice for it).

use serde::Serialize;
use serde_json::{Map, Value};

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
fn content<T: Serialize>(record: &T) -> Map<String, Value> {
    let text = serde_json::to_string(record).unwrap_or_default();
    let mut m = match serde_json::from_str(&text) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    for k in ["v", "cx", "sg", "u", "b"] {
        m.remove(k);
    }
    m
}

/// Moves the fields `keys` (those present) out of `m` into a map of their own.
fn take(m: &mut Map<String, Value>, keys: &[&str]) -> Map<String, Value> {
    keys.iter()
        .filter_map(|k| m.remove(*k).map(|v| ((*k).to_string(), v)))
        .collect()
}

/// The whole record is the teacher's (`true`) or the student's (`false`).
fn whole(record: &impl Serialize, teachers: bool) -> (Option<Value>, Value) {
    let v = Value::Object(content(record));
    if teachers {
        (Some(v), Value::Null)
    } else {
        (None, v)
    }
}

macro_rules! teachers_alone {
    ($($t:ty),*) => {$(
        impl Authority for $t {
            fn parts(&self) -> (Option<Value>, Value) {
                whole(self, true)
            }
            fn has_teacher_part(&self) -> bool {
                true
            }
            fn has_student_part(&self) -> bool {
                false
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
            fn parts(&self) -> (Option<Value>, Value) {
                whole(self, false)
            }
            fn has_teacher_part(&self) -> bool {
                false
            }
            fn has_student_part(&self) -> bool {
                true
            }
            fn student_owner(&self) -> Option<Id> {
                Some(self.student)
            }
        }
    )*};
}
students_alone!(Pathway, Evidence, Reflection);

impl Authority for StudentProfile {
    /// The teacher's: the roster entry (that the student is in the class, their name,
    /// archived or not). The student's: their picture and "All about me".
    fn parts(&self) -> (Option<Value>, Value) {
        let mut m = content(self);
        let roster = take(&mut m, &["i", "n", "ar", "d"]);
        (Some(Value::Object(roster)), Value::Object(m))
    }
    fn has_teacher_part(&self) -> bool {
        true
    }
    fn has_student_part(&self) -> bool {
        true
    }
    fn student_owner(&self) -> Option<Id> {
        Some(self.meta.id)
    }
}

impl Authority for Rating {
    fn parts(&self) -> (Option<Value>, Value) {
        whole(self, self.kind == RatingKind::Teacher)
    }
    fn has_teacher_part(&self) -> bool {
        self.kind == RatingKind::Teacher
    }
    fn has_student_part(&self) -> bool {
        self.kind == RatingKind::SelfAssessment
    }
    fn student_owner(&self) -> Option<Id> {
        (self.kind == RatingKind::SelfAssessment).then_some(self.student)
    }
}

impl Authority for Comment {
    fn parts(&self) -> (Option<Value>, Value) {
        whole(self, self.author.is_teacher())
    }
    fn has_teacher_part(&self) -> bool {
        self.author.is_teacher()
    }
    fn has_student_part(&self) -> bool {
        !self.author.is_teacher()
    }
    /// A student's comment is its author's: on their own work, or a classmate's.
    fn student_owner(&self) -> Option<Id> {
        (self.author.role == Role::Student).then_some(self.author.id)
    }
}

impl Authority for HelpFlag {
    /// The teacher's: resolving it. The rest (raising, the note, withdrawing) is the
    /// student's.
    fn parts(&self) -> (Option<Value>, Value) {
        let mut m = content(self);
        if !self.closed_by.is_some_and(|a| a.is_teacher()) {
            return (None, Value::Object(m));
        }
        let resolved = take(&mut m, &["st", "ca", "cb"]);
        (Some(Value::Object(resolved)), Value::Object(m))
    }
    fn has_teacher_part(&self) -> bool {
        self.closed_by.is_some_and(|a| a.is_teacher())
    }
    fn has_student_part(&self) -> bool {
        true
    }
    fn student_owner(&self) -> Option<Id> {
        Some(self.student)
    }
}

/// True for a stored review step taken by the teacher (its actor, `b`, is a teacher's).
fn by_teacher(step: &Value) -> bool {
    step.get("b")
        .and_then(Value::as_str)
        .is_some_and(|b| b.starts_with('t'))
}

/// Teacher part and student part of a reviewed record: the teacher's review steps and
/// marks, and the whole text while it is approved (it cannot change until reopened), on
/// one side; the rest on the other. The state follows from the history (`history_ok`),
/// so it is in neither: a teacher's step moves it without touching the student's part.
/// `marks` and `text` name the stored fields of the teacher's marks and of the text.
fn review_parts(
    record: &impl Serialize,
    state: ReviewState,
    marks: &[&str],
    text: &[&str],
) -> (Option<Value>, Value) {
    let mut m = content(record);
    m.remove("st");
    let history = match m.remove("h") {
        Some(Value::Array(h)) => h,
        _ => Vec::new(),
    };
    let (teachers, students): (Vec<Value>, Vec<Value>) = history.into_iter().partition(by_teacher);
    m.insert("h".into(), Value::Array(students));
    let mut part = take(&mut m, marks);
    if matches!(state, ReviewState::Approved | ReviewState::Achieved) {
        for k in text {
            part.insert((*k).into(), m.get(*k).cloned().unwrap_or(Value::Null));
        }
    }
    if teachers.is_empty() && part.is_empty() {
        return (None, Value::Object(m));
    }
    part.insert("h".into(), Value::Array(teachers));
    (Some(Value::Object(part)), Value::Object(m))
}

/// Whether a reviewed record has a teacher part (see [`review_parts`]).
fn reviewed(history: &[Transition], owner: Id, state: ReviewState, marked: bool) -> bool {
    marked
        || matches!(state, ReviewState::Approved | ReviewState::Achieved)
        || history.iter().any(|t| t.actor(owner).is_teacher())
}

impl Authority for Goal {
    fn parts(&self) -> (Option<Value>, Value) {
        review_parts(self, self.state, &["te"], &["t", "w", "k", "p", "su", "dt"])
    }
    fn has_teacher_part(&self) -> bool {
        reviewed(
            &self.history,
            self.student,
            self.state,
            !self.teacher_marks.is_empty(),
        )
    }
    fn has_student_part(&self) -> bool {
        true
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
    fn parts(&self) -> (Option<Value>, Value) {
        review_parts(self, self.state, &[], &["un", "g", "f", "w", "o"])
    }
    fn has_teacher_part(&self) -> bool {
        reviewed(&self.history, self.student, self.state, false)
    }
    fn has_student_part(&self) -> bool {
        true
    }
    fn student_owner(&self) -> Option<Id> {
        Some(self.student)
    }
    fn history_ok(&self) -> bool {
        self.meta.deleted || review::replay(&self.history, self.student, false) == Some(self.state)
    }
}
