//! Export and import files: one versioned JSON file per export, in three scopes, merged
//! on import record by record. Pure, so every bad file is tested on the host.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::authority::{self, Refusal, Source, Trust};
use crate::domain::validate;
use crate::domain::{merge_class, ClassData, ClassMerge, Id, Timestamp};

/// The format marker every export carries.
pub const FORMAT: &str = "wayfinder-export";
/// The export file version this build writes and reads up to.
pub const EXPORT_VERSION: u32 = 1;
/// Larger files are refused before they are read (a class-year export is about 4 MB).
pub const MAX_IMPORT_BYTES: usize = 12 * 1024 * 1024;

/// What an export contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything on this device: a backup.
    All,
    /// One student's work, to carry to the teacher's device.
    Student(Id),
    /// Class, targets, units, formats and roster names: no student work.
    Setup,
}

impl Scope {
    fn tag(&self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Student(_) => "student",
            Scope::Setup => "setup",
        }
    }

    /// A file name for the download, e.g. `wayfinder-backup-2026-11-22.json`.
    pub fn file_name(&self, date: &str) -> String {
        let what = match self {
            Scope::All => "backup",
            Scope::Student(_) => "student-work",
            Scope::Setup => "class-setup",
        };
        format!("wayfinder-{what}-{date}.json")
    }
}

/// Just enough of a file to tell whether it is ours and which version.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    v: Option<u64>,
}

#[derive(Serialize, Deserialize)]
struct ExportFile {
    format: String,
    v: u32,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    exported: i64,
    data: ClassData,
}

/// Why a file cannot be imported. Every message says what to do; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Over [`MAX_IMPORT_BYTES`].
    #[error("This file is too big to be a Wayfinder export ({0} MB). Nothing was changed.")]
    TooBig(usize),
    /// Not UTF-8 text.
    #[error("This file isn't text, so it can't be a Wayfinder export. Nothing was changed.")]
    NotText,
    /// The JSON stops in the middle.
    #[error("This file seems to be cut off (it ends too early). Try exporting it again. Nothing was changed.")]
    Truncated,
    /// Not JSON at all, or nested deeper than any export is.
    #[error("This file isn't a Wayfinder export ({0}). Nothing was changed.")]
    NotJson(String),
    /// JSON, but without our format marker.
    #[error("This file isn't a Wayfinder export. Nothing was changed.")]
    NotWayfinder,
    /// Written by a newer Wayfinder.
    #[error("This file was made by a newer version of Wayfinder (file version {0}). Update Wayfinder on this device, then import it again. Nothing was changed.")]
    Newer(u32),
    /// Our marker, but the contents do not fit the format.
    #[error("Part of this file isn't in the form Wayfinder expects ({0}). Nothing was changed.")]
    WrongShape(String),
    /// Two records share an id (a hand-edited or broken file).
    #[error("This file lists the same record twice, so it may have been edited by hand. Nothing was changed.")]
    DuplicateIds,
    /// A link that is not http(s), such as `javascript:`.
    #[error("This file contains a link that isn't a web address ({0}). Nothing was changed.")]
    UnsafeLink(String),
}

/// Serialises `data` (already cut to `scope`) as an export file.
pub fn export(data: &ClassData, scope: Scope, now: Timestamp) -> String {
    let data = match scope {
        Scope::All => data.clone(),
        Scope::Student(id) => data.for_student(id),
        Scope::Setup => data.setup(),
    };
    let file = ExportFile {
        format: FORMAT.into(),
        v: EXPORT_VERSION,
        scope: scope.tag().into(),
        exported: now.0,
        data,
    };
    serde_json::to_string(&file).unwrap_or_default()
}

/// Reads an export file. Never panics, whatever the bytes.
pub fn parse(bytes: &[u8]) -> Result<ClassData, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooBig(bytes.len().div_ceil(1024 * 1024)));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    // Windows Notepad saves UTF-8 with a byte-order mark in front: the same text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The header first (format marker and version), so a file from something else or
    // from a newer Wayfinder gets its own message rather than a parse error.
    let header: Header = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ImportError::Truncated
        } else if e.is_syntax() {
            ImportError::NotJson(e.to_string())
        } else {
            ImportError::NotWayfinder
        }
    })?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(ImportError::NotWayfinder);
    }
    match header.v {
        Some(v) if v > u64::from(EXPORT_VERSION) => {
            return Err(ImportError::Newer(u32::try_from(v).unwrap_or(u32::MAX)))
        }
        Some(_) => {}
        None => return Err(ImportError::WrongShape("no version number".into())),
    }
    let file: ExportFile =
        serde_json::from_str(text).map_err(|e| ImportError::WrongShape(e.to_string()))?;
    if !file.data.duplicate_ids().is_empty() {
        return Err(ImportError::DuplicateIds);
    }
    check_links(&file.data)?;
    Ok(file.data)
}

fn check_links(data: &ClassData) -> Result<(), ImportError> {
    let evidence = data.evidence.iter().map(|e| e.link.as_str());
    let ways = data
        .units
        .iter()
        .flat_map(|u| u.activities.iter())
        .flat_map(|a| a.ways.iter())
        .map(|w| w.link.as_str());
    for link in evidence.chain(ways) {
        if !link.trim().is_empty() && validate::link(link).is_err() {
            let shown: String = link.chars().take(40).collect();
            return Err(ImportError::UnsafeLink(shown));
        }
    }
    Ok(())
}

/// What importing `incoming` would change, without changing anything.
pub fn preview(local: &ClassData, incoming: &ClassData) -> Result<ClassMerge, ImportError> {
    merge_class(local, incoming).map_err(|_| ImportError::DuplicateIds)
}

/// Who an export file speaks for: a student's own export for that student only (it holds
/// their one profile), anything else (a backup, a class setup) for any student's work.
/// Teacher decisions in either need the teacher's seal (see `domain::authority`).
pub fn source_of(bytes: &[u8], data: &ClassData) -> Source {
    #[derive(Deserialize)]
    struct Scoped {
        #[serde(default)]
        scope: String,
    }
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let scope = serde_json::from_str::<Scoped>(text).map_or_else(|_| String::new(), |s| s.scope);
    match data.students.as_slice() {
        [one] if scope == Scope::Student(one.meta.id).tag() => Source::Student(one.meta.id),
        _ => Source::AnyStudent,
    }
}

/// What importing `incoming` would change, keeping only the changes `source` may make;
/// the rest is listed, never written.
pub fn preview_checked(
    local: &ClassData,
    incoming: &ClassData,
    source: Source,
    trust: &Trust,
) -> Result<(ClassMerge, Vec<Refusal>), ImportError> {
    authority::merge_checked(local, incoming, source, trust).map_err(|_| ImportError::DuplicateIds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::merge::apply;
    use crate::domain::sample::demo_class;
    use crate::domain::Day;
    use proptest::prelude::*;

    fn demo() -> ClassData {
        demo_class(3, Day::from_ymd(2026, 11, 1).unwrap(), "dev1")
    }

    fn now() -> Timestamp {
        Timestamp(1_800_000_000_000)
    }

    #[test]
    fn a_file_saved_with_a_byte_order_mark_reads_the_same() {
        let data = demo();
        let file = export(&data, Scope::All, now());
        let mut with_bom = "\u{feff}".as_bytes().to_vec();
        with_bom.extend_from_slice(file.as_bytes());
        assert_eq!(parse(&with_bom), Ok(data));
        // Only one mark, only in front.
        let mut twice = "\u{feff}".as_bytes().to_vec();
        twice.extend_from_slice(&with_bom);
        assert!(matches!(parse(&twice), Err(ImportError::NotJson(_))));
    }

    #[test]
    fn a_backup_round_trips_and_imports_as_unchanged() {
        let data = demo();
        let file = export(&data, Scope::All, now());
        let back = parse(file.as_bytes()).unwrap();
        assert_eq!(back, data);
        let merge = preview(&data, &back).unwrap();
        assert!(merge.summary.changes_nothing());
        assert_eq!(merge.summary.unchanged, data.len());
    }

    #[test]
    fn importing_into_an_empty_device_adds_everything_and_twice_changes_nothing() {
        let data = demo();
        let file = export(&data, Scope::All, now());
        let incoming = parse(file.as_bytes()).unwrap();
        let mut local = ClassData::default();
        let first = preview(&local, &incoming).unwrap();
        assert_eq!(first.summary.new, data.len());
        apply(&mut local, first.changed);
        let second = preview(&local, &incoming).unwrap();
        assert!(second.summary.changes_nothing());
    }

    #[test]
    fn a_student_export_holds_only_that_students_work() {
        let data = demo();
        let student = data.students[0].meta.id;
        let file = export(&data, Scope::Student(student), now());
        let back = parse(file.as_bytes()).unwrap();
        assert!(back.goals.iter().all(|g| g.student == student));
        assert!(!back.goals.is_empty());
        assert!(back.targets.is_empty());
        assert_eq!(back.students.len(), 1);
    }

    #[test]
    fn the_setup_export_has_no_student_work() {
        let data = demo();
        let back = parse(export(&data, Scope::Setup, now()).as_bytes()).unwrap();
        assert!(back.goals.is_empty() && back.reflections.is_empty() && back.evidence.is_empty());
        assert_eq!(back.targets.len(), data.targets.len());
        assert_eq!(back.students.len(), data.students.len());
    }

    #[test]
    fn bad_files_get_clear_errors() {
        assert_eq!(
            parse(b"hello"),
            Err(ImportError::NotJson(
                "expected value at line 1 column 1".into()
            ))
        );
        assert_eq!(parse(&[0xff, 0xfe, 0x00]), Err(ImportError::NotText));
        assert_eq!(
            parse(br#"{"format":"wayfinder-export","v":1,"data":{"g":["#),
            Err(ImportError::Truncated)
        );
        assert_eq!(
            parse(br#"{"name":"something else"}"#),
            Err(ImportError::NotWayfinder)
        );
        assert_eq!(
            parse(br#"{"format":"wayfinder-export","v":7,"data":{}}"#),
            Err(ImportError::Newer(7))
        );
        assert!(matches!(
            parse(br#"{"format":"wayfinder-export","v":1,"data":{"g":[{"i":5}]}}"#),
            Err(ImportError::WrongShape(_))
        ));
        let huge = vec![b' '; MAX_IMPORT_BYTES + 1];
        assert!(matches!(parse(&huge), Err(ImportError::TooBig(13))));
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(deep.as_bytes()), Err(ImportError::NotWayfinder));
        let deep_inside = format!(
            r#"{{"format":"wayfinder-export","v":1,"data":{{"g":{}{}}}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(parse(deep_inside.as_bytes()).is_err());
    }

    #[test]
    fn a_students_export_speaks_for_that_student_and_a_backup_for_anyone() {
        use crate::domain::authority::Why;
        let data = demo();
        let me = data.students[0].meta.id;
        let other = data.students[1].meta.id;
        let file = export(&data, Scope::Student(me), now());
        let mut incoming = parse(file.as_bytes()).unwrap();
        assert_eq!(source_of(file.as_bytes(), &incoming), Source::Student(me));
        let backup = export(&data, Scope::All, now());
        assert_eq!(
            source_of(backup.as_bytes(), &parse(backup.as_bytes()).unwrap()),
            Source::AnyStudent
        );
        // A student's file carrying a classmate's reflection, edited by hand.
        let mut theirs = data
            .reflections
            .iter()
            .find(|r| r.student == other)
            .unwrap()
            .clone();
        theirs.text = "written by someone else".into();
        theirs.meta.versions.bump("forger");
        incoming.reflections.push(theirs.clone());
        let trust = Trust {
            key: None,
            verify: Box::new(|_, _, _| false),
        };
        let (merge, refused) =
            preview_checked(&data, &incoming, Source::Student(me), &trust).unwrap();
        assert_eq!(merge.summary.refused, 1);
        assert!(merge.changed.is_empty());
        assert_eq!(refused[0].why, Why::NotTheirs);
        assert_eq!(refused[0].id, theirs.meta.id);
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut data = demo();
        let copy = data.goals[0].clone();
        data.goals.push(copy);
        let file = export(&data, Scope::All, now());
        assert_eq!(parse(file.as_bytes()), Err(ImportError::DuplicateIds));
    }

    #[test]
    fn javascript_links_are_refused_and_markup_is_kept_as_text() {
        let mut data = demo();
        data.evidence[0].link = "javascript:alert(1)".into();
        let file = export(&data, Scope::All, now());
        assert!(matches!(
            parse(file.as_bytes()),
            Err(ImportError::UnsafeLink(_))
        ));
        let mut data = demo();
        data.reflections[0].text = "<img src=x onerror=alert(1)>".into();
        let back = parse(export(&data, Scope::All, now()).as_bytes()).unwrap();
        assert_eq!(back.reflections[0].text, "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn messages_say_nothing_was_changed() {
        for e in [
            ImportError::NotText,
            ImportError::Truncated,
            ImportError::NotWayfinder,
            ImportError::DuplicateIds,
            ImportError::Newer(2),
        ] {
            assert!(e.to_string().contains("Nothing was changed"), "{e}");
        }
    }

    proptest! {
        #[test]
        fn the_importer_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn the_importer_never_panics_on_mangled_exports(cut in 0usize..4000, flip in 0usize..4000, byte in any::<u8>()) {
            let file = export(&demo(), Scope::All, now()).into_bytes();
            let mut mangled = file[..cut.min(file.len())].to_vec();
            if !mangled.is_empty() {
                let i = flip % mangled.len();
                mangled[i] = byte;
            }
            let _ = parse(&mangled);
        }
    }
}
