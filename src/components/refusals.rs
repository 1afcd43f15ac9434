//! Words for changes a merge refused (an import or the class folder): what each record
//! is called and one line per refusal, naming whose work it was.

use crate::domain::authority::Refusal;
use crate::domain::{ClassData, Id, Kind, StudentProfile};

/// How many refused changes the preview names one by one.
pub const MAX_REFUSALS_LISTED: usize = 20;

/// The sentence above the list of refused changes.
pub fn refused_words(n: usize) -> String {
    let (changes, they) = if n == 1 {
        ("1 change".to_string(), "It")
    } else {
        (format!("{n} changes"), "They")
    };
    format!("{changes} in this file can't be imported, because whoever made the file may not make them. {they} will be left out, and nothing else of the same record changes:")
}

/// What a record is called in the list of refused changes.
pub fn kind_words(kind: Kind) -> &'static str {
    match kind {
        Kind::Class => "class setup",
        Kind::Student => "name on the class list",
        Kind::Group => "group",
        Kind::Target => "learning target",
        Kind::Unit => "unit",
        Kind::Format => "product format",
        Kind::FormatChoice => "product choice",
        Kind::Pathway => "path",
        Kind::Goal => "goal",
        Kind::Evidence => "evidence",
        Kind::Rating => "rating",
        Kind::Reflection => "journal entry",
        Kind::Comment => "comment",
        Kind::Help => "help request",
    }
}

/// The names of the students `refused` touches, looked up on this device first, then
/// in the file that made the changes.
pub fn names_from<'a>(
    here: &'a ClassData,
    file: &'a ClassData,
) -> impl Fn(Id) -> Option<String> + 'a {
    move |id: Id| {
        here.get::<StudentProfile>(id)
            .or_else(|| file.get::<StudentProfile>(id))
            .map(|s| s.name.clone())
    }
}

/// One line per refused change ("Maya's goal: a teacher decision without the teacher's
/// seal"), at most `max`.
pub fn refusal_lines(
    refused: &[Refusal],
    name: &dyn Fn(Id) -> Option<String>,
    max: usize,
) -> Vec<String> {
    refused
        .iter()
        .take(max)
        .map(|r| {
            let what = kind_words(r.kind);
            match r.student.and_then(name) {
                Some(n) => format!("{n}'s {what}: {}", r.why),
                None => format!("A {what}: {}", r.why),
            }
        })
        .collect()
}
