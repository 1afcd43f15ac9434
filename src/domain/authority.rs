//! Who may change what, checked on every record a merge would write (an import now, the
//! class folder next), whichever way the change arrived.
//!
//! Every record splits in two:
//! - its **teacher part**: what only the teacher decides. Class setup, the roster's names,
//!   groups, targets, units and formats are wholly the teacher's; so are teacher ratings
//!   and the teacher's comments. In a goal or an own-idea format the teacher part is the
//!   teacher's review steps (approve, request changes, achieve, reopen), the marks on parts
//!   the teacher edited, and, while it is approved or achieved, the text that was approved.
//!   A help flag's teacher part is the teacher resolving it.
//! - its **student part**: everything else, the student's own work (their goal's text,
//!   submit and withdraw, evidence, reflections, pathways, self-assessments, their own
//!   comments, "All about me").
//!
//! A change is accepted when:
//! - any change to the teacher part carries a valid [`Seal`] by the class key, newer than
//!   the seal of the copy it replaces (so an old decision cannot be played back over a
//!   newer one). A device that knows no class key yet (a class set up before keys
//!   existed) accepts teacher parts as before: see the README's threat model;
//! - any change to the student part is to the work of a student the [`Source`] may
//!   speak for: a student's own file changes only that student's work;
//! - a goal's or format's review history is a sequence of steps each allowed to its
//!   author (a student may only submit and withdraw) that ends in the state it claims.
//!
//! A refused record changes nothing; the merge lists it as a [`Refusal`] for the teacher.

use std::fmt;

use serde_json::Value;

use super::data::ClassData;
use super::ids::Id;
use super::kind::Kind;
use super::merge::{merge_class_gated, ClassMerge, Gate};
use super::record::Record;
use super::seal::{self, PublicKey, Seal};

mod parts;
#[cfg(test)]
mod tests;

/// Who a file or change speaks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// One student's file (a student export, a student device's file): it may change only
    /// that student's own work.
    Student(Id),
    /// A file that may hold any student's work, such as a backup of a whole device: each
    /// student's work may change, teacher decisions only when sealed.
    AnyStudent,
    /// A teacher device whose own seal was checked: it may change student work too (the
    /// teacher editing with a student); teacher decisions still need their seals.
    Teacher,
}

impl Source {
    fn speaks_for(self, student: Id) -> bool {
        match self {
            Source::Student(s) => s == student,
            Source::AnyStudent | Source::Teacher => true,
        }
    }
}

/// Checks an ECDSA P-256 signature (a seal) over a message with a public key.
pub type Verifier<'a> = Box<dyn Fn(&PublicKey, &[u8], &Seal) -> bool + 'a>;

/// How seals are checked: the class key (if the class has one) and a verifier.
pub struct Trust<'a> {
    /// The class's public key; `None` while the class has none (teacher parts are then
    /// accepted unsealed, as before keys existed).
    pub key: Option<PublicKey>,
    /// Checks an ECDSA P-256 signature over a message: WebCrypto's answers in the
    /// browser (gathered beforehand, see [`Trust::gather`]), a real verifier in tests.
    pub verify: Verifier<'a>,
}

/// The seals a merge asked about: each message and its seal.
pub type Asked = std::cell::RefCell<Vec<(Vec<u8>, Seal)>>;

impl<'a> Trust<'a> {
    /// A verifier that says yes to every seal and notes what it was asked: run a merge
    /// with it once to learn which seals to check (WebCrypto checks are asynchronous),
    /// then again with their answers.
    pub fn gather(key: Option<PublicKey>, asked: &'a Asked) -> Trust<'a> {
        Trust {
            key,
            verify: Box::new(move |_, msg, seal| {
                asked.borrow_mut().push((msg.to_vec(), seal.clone()));
                true
            }),
        }
    }
}

/// Why a change was refused. The words are for the teacher's list of refused changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// A teacher decision with no seal.
    NotSealed,
    /// A seal that does not match the decision: forged, or edited after sealing.
    BadSeal,
    /// A sealed decision older than the one already here.
    OlderSeal,
    /// A change to work that is not the file's author's.
    NotTheirs,
    /// A review history with a step its author may not take, or a state it does not
    /// reach.
    BadHistory,
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Why::NotSealed => "a teacher decision without the teacher's seal",
            Why::BadSeal => "a teacher decision whose seal doesn't match it (forged or edited)",
            Why::OlderSeal => "an older teacher decision sent again over a newer one",
            Why::NotTheirs => "a change to someone else's work",
            Why::BadHistory => "review steps that its author may not take",
        })
    }
}

/// One refused record, for the teacher's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The record's kind.
    pub kind: Kind,
    /// The record's id.
    pub id: Id,
    /// Whose work it is, when it is a student's.
    pub student: Option<Id>,
    /// Why.
    pub why: Why,
}

/// What only the teacher decides in a record, and whose work the rest is. Implemented
/// for every record kind (in `parts`).
pub trait Authority: Record {
    /// The teacher part (`None` when the record has none) and the student part
    /// (`Value::Null` when it has none), as JSON.
    fn parts(&self) -> (Option<Value>, Value);
    /// The teacher part alone.
    fn teacher_part(&self) -> Option<Value> {
        self.parts().0
    }
    /// Whether the record has a teacher part, without building it (a merge of new
    /// records asks this 20,000 times).
    fn has_teacher_part(&self) -> bool;
    /// Whether the record has a student part, without building it.
    fn has_student_part(&self) -> bool;
    /// The student whose work the student part is (for a comment: its author).
    fn student_owner(&self) -> Option<Id>;
    /// True when the review history (if any) is made of allowed steps and ends in the
    /// state the record claims (always true for a tombstone, which keeps no history).
    fn history_ok(&self) -> bool {
        true
    }
}

/// Checks one change: `local` is this device's copy (if any), `incoming` what a merge
/// would store instead.
pub fn check<T: Authority>(
    source: Source,
    local: Option<&T>,
    incoming: &T,
    trust: &Trust,
) -> Result<(), Why> {
    if !incoming.history_ok() {
        return Err(Why::BadHistory);
    }
    // A new record changes each part it has; only a changed record needs both parts
    // built and compared.
    let (teacher_changed, student_changed, teacher_part) = match local {
        None => (
            incoming.has_teacher_part(),
            incoming.has_student_part(),
            None,
        ),
        Some(l) => {
            let (teacher_part, student_part) = incoming.parts();
            let (teacher_before, student_before) = l.parts();
            (
                teacher_before != teacher_part,
                student_before != student_part,
                Some(teacher_part),
            )
        }
    };
    if teacher_changed && trust.key.is_some() {
        let part = teacher_part.unwrap_or_else(|| incoming.teacher_part());
        check_seal(local, incoming, part.as_ref(), trust)?;
    }
    if student_changed {
        let owner = incoming.student_owner();
        let same_owner = local.is_none_or(|l| l.student_owner() == owner);
        match owner {
            Some(s) if same_owner && source.speaks_for(s) => {}
            _ => return Err(Why::NotTheirs),
        }
    }
    Ok(())
}

fn check_seal<T: Record>(
    local: Option<&T>,
    incoming: &T,
    part: Option<&Value>,
    trust: &Trust,
) -> Result<(), Why> {
    let Some(key) = &trust.key else {
        return Ok(());
    };
    // A stale seal is the teacher's own device saying "changed since I last sealed it".
    let Some(seal) = incoming.meta().seal.as_ref().filter(|s| !s.is_stale()) else {
        return Err(Why::NotSealed);
    };
    let msg = seal::message(T::KIND.as_str(), incoming.id(), seal.at, part);
    if !(trust.verify)(key, &msg, seal) {
        return Err(Why::BadSeal);
    }
    // A teacher device seals each new decision later than the last seal it made, so a
    // decision that changes the teacher part with a seal no newer than ours is a replay.
    if let Some(ours) = local.and_then(|l| l.meta().seal.as_ref()) {
        if seal.at <= ours.at {
            return Err(Why::OlderSeal);
        }
    }
    Ok(())
}

/// The message a teacher device signs to seal `record` at `at` (its teacher part now).
pub fn seal_message<T: Authority>(record: &T, at: super::time::Timestamp) -> Vec<u8> {
    seal::message(
        T::KIND.as_str(),
        record.id(),
        at,
        record.teacher_part().as_ref(),
    )
}

/// The authority check as a merge's gate: refuses what [`check`] refuses and lists it.
pub struct Checked<'a> {
    /// Who the incoming data speaks for.
    pub source: Source,
    /// Key and verifier.
    pub trust: &'a Trust<'a>,
    /// What was refused, in merge order.
    pub refused: Vec<Refusal>,
    /// Lets everything through (a device that holds nothing yet), with no second copy
    /// of the merge compiled for that.
    pub open: bool,
}

impl Gate for Checked<'_> {
    fn allow<T: Authority>(&mut self, local: Option<&T>, merged: &T) -> bool {
        if self.open {
            return true;
        }
        match check(self.source, local, merged, self.trust) {
            Ok(()) => true,
            Err(why) => {
                self.refused.push(Refusal {
                    kind: T::KIND,
                    id: merged.id(),
                    student: merged.owner(),
                    why,
                });
                false
            }
        }
    }
}

/// Merges `incoming` into `local` as [`merge_class`](super::merge::merge_class) does,
/// keeping only the changes `source` may make: what a file or folder merge stores.
///
/// A device that holds nothing at all takes the file whole: it is being set up, or
/// restored from a backup after a wipe, and has nothing of anyone's to protect. From then
/// on it holds everyone to the class key it received.
pub fn merge_checked(
    local: &ClassData,
    incoming: &ClassData,
    source: Source,
    trust: &Trust,
) -> super::error::Result<(ClassMerge, Vec<Refusal>)> {
    let mut gate = Checked {
        source,
        trust,
        refused: Vec::new(),
        open: local.is_empty(),
    };
    let merge = merge_class_gated(local, incoming, &mut gate)?;
    Ok((merge, gate.refused))
}

/// The class key a merge should trust: this device's class's, or, when this device has
/// no class key yet, the key of an incoming class record (trust on first use: the first
/// class setup a device receives names the key it then holds everyone to).
pub fn class_key(local: &ClassData, incoming: &ClassData) -> Option<PublicKey> {
    let key_of = |d: &ClassData| {
        d.classes
            .iter()
            .filter(|c| !c.meta.deleted)
            .find_map(|c| c.key.as_deref().and_then(PublicKey::parse))
    };
    key_of(local).or_else(|| key_of(incoming))
}
