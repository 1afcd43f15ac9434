//! The class folder's files (issue 15): one file per device in a folder the school
//! already syncs (a shared Drive folder on Chromebooks). Each device writes only its own
//! file and reads the others, merging them as an import is merged, through the same
//! authority check. Pure, so every bad file is tested on the host; the browser side (the
//! folder handle, reading and writing) comes with the sync itself.
//!
//! A device file is JSON: a header (format marker, version, the device, who works on
//! it, when it was written) and `data`, the records this device has changed, each once
//! at its latest version. A file is named by who and which device,
//! `wayfinder-teacher-<device>.json` or `wayfinder-student-<device>.json`, so a folder
//! of a class of 35 is about 36 small files and none grows with the school.
//!
//! ## Keeping a file bounded
//! A file holds each record this device changed once, at its latest version, so it grows
//! with this device's own work, never with the class. What else could be left out:
//! - **Tombstones carry no content already.** [`Record::tombstone`] empties a deleted
//!   record's text, lists and unknown fields when it is made, so this device's copy, and
//!   the file's, hold only the id, the metadata a merge needs (version vector, the
//!   deletion flag, the seal of a teacher's deletion) and the ids that file the record.
//!   Nothing is stripped a second time in the file alone: a copy in the file that
//!   differed from the same version on other devices would merge as a concurrent edit,
//!   and a teacher's sealed deletion would no longer match its seal.
//! - **Old tombstones are left out** ([`TOMBSTONE_DAYS`]): see there for the horizon and
//!   its trade-off. This device keeps them in its own storage for good.
//! - **Records are written as stored.** Their keys are already one to three letters and
//!   empty or default fields are already left out; writing them any other way would
//!   change the teacher part a seal signs (`domain::authority`) and what readers one
//!   version behind expect. Measured on a class-year (`storage::folder` tests, and
//!   `cargo xtask bench`): about 130 KB a student, against an aim of 200 KB.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::authority::Source;
use crate::domain::data::for_each_kind;
use crate::domain::seal::Seal;
use crate::domain::{ClassData, Id, Meta, Record, Timestamp};

/// The format marker every device file carries.
pub const FORMAT: &str = "wayfinder-device";
/// The device file version this build writes and reads up to.
pub const VERSION: u32 = 1;
/// How long a deletion keeps travelling in device files, in days after it was made:
/// a tombstone whose deletion is older is left out of this device's file (and kept in
/// this device's storage).
///
/// Why 180 days: a tombstone must reach every device that still holds the record before
/// it leaves the files, or that device keeps the record (and, had it changed the record,
/// its own file would bring it back to a device restored after a wipe). The longest a
/// school's Chromebook sits unsynced in ordinary use is a summer holiday, about 6 to 11
/// weeks; 180 days is twice that, longer than a school term, with room for clocks wrong
/// by days and a student away for a term. Longer would keep more tombstones (about 150
/// bytes each) in every file for little gain: a device unsynced for half a year is one
/// the class folder's status already shows as not synced.
///
/// The trade-off, accepted: a device that has not read the folder for longer than this
/// keeps work deleted meanwhile, and if it changed that work, its file (left in the
/// folder, say by a retired laptop) can give the work back to a device restored from the
/// folder after a wipe. A device that already holds the tombstone never loses it: the
/// tombstone's absence from a file changes nothing there.
pub const TOMBSTONE_DAYS: i64 = 180;

/// Larger files are not read (a student's year is far smaller; a teacher's whole class
/// about 8 MB).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// Who works on a device, as its file says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "lowercase")]
pub enum Who {
    /// The teacher's device.
    Teacher,
    /// A student's device (a shared one lists several students).
    Student {
        /// The students whose work this device holds.
        #[serde(default)]
        students: Vec<Id>,
    },
}

impl Who {
    fn slug(&self) -> &'static str {
        match self {
            Who::Teacher => "teacher",
            Who::Student { .. } => "student",
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    v: Option<u64>,
}

/// One device's file, as read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceFile {
    /// `FORMAT`.
    pub format: String,
    /// The file version it was written with.
    pub v: u32,
    /// The writing device's id.
    pub device: String,
    /// Who works on that device.
    #[serde(flatten)]
    pub who: Who,
    /// When it was written (that device's clock, which may be wrong by days: shown,
    /// never used to decide a merge).
    pub written: Timestamp,
    /// On the teacher's file, the class key's seal over its `data` ([`file_message`]):
    /// without it, a file that says it is the teacher's speaks for no student.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<Seal>,
    /// The records that device changed.
    pub data: ClassData,
}

impl DeviceFile {
    /// Who this file speaks for: one student's device only for that student's work;
    /// a shared device, or the teacher's, for any student's work. Teacher decisions in
    /// any file need the teacher's seal (`domain::authority`).
    pub fn source(&self) -> Source {
        match &self.who {
            Who::Student { students } if students.len() == 1 => Source::Student(students[0]),
            _ => Source::AnyStudent,
        }
    }
}

/// Why a device file could not be read. Nothing on this device changes for it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FolderFileError {
    /// Over [`MAX_BYTES`].
    #[error("is too big to be a Wayfinder device file")]
    TooBig,
    /// Not UTF-8 text.
    #[error("isn't text, so it isn't a Wayfinder device file")]
    NotText,
    /// The JSON stops early: the sync engine is still writing it.
    #[error("is only partly synced so far; it will be read again later")]
    HalfWritten,
    /// Not ours.
    #[error("isn't a Wayfinder device file")]
    NotWayfinder,
    /// Ours, but not in the form expected.
    #[error("isn't in the form Wayfinder expects ({0})")]
    WrongShape(String),
}

/// The file name for this device.
pub fn file_name(device: &str, who: &Who) -> String {
    let device: String = device.chars().filter(|c| name_char(*c)).take(40).collect();
    format!("wayfinder-{}-{device}.json", who.slug())
}

/// Whether a name in the folder is a device file to read: `wayfinder-<who>-<device>.json`,
/// also as the sync engine's duplicate (`… (1).json`); never a file being written
/// (`.tmp`) or anything else. Returns the device part of the name.
pub fn device_of(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".json")?;
    // Drive's and OneDrive's copies: "name (1).json".
    let stem = match stem.rfind(" (") {
        Some(i) if stem.ends_with(')') && stem[i + 2..stem.len() - 1].parse::<u32>().is_ok() => {
            &stem[..i]
        }
        _ => stem,
    };
    let rest = stem.strip_prefix("wayfinder-")?;
    let (who, device) = rest.split_once('-')?;
    let ours = matches!(who, "teacher" | "student");
    (ours && !device.is_empty() && device.chars().all(name_char)).then_some(device)
}

/// The characters a device id may bring into a file name.
fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Every record this device has changed (its id is in the record's version vector),
/// each once, at its latest version, tombstones of any age included. Bounded by what
/// happens on the device, never by the size of the class. What the file carries is
/// [`file_changes`].
pub fn own_changes(data: &ClassData, device: &str) -> ClassData {
    changes_where(data, |m| m.versions.contains(device))
}

/// What this device puts in its file: [`own_changes`] less the tombstones of deletions
/// made more than [`TOMBSTONE_DAYS`] ago.
///
/// A deletion's age is measured from its tombstone's `updated` time (when it was
/// deleted, or later, never earlier: `Meta::touch` never moves it back) to the earlier
/// of this device's clock `now` and the newest change this device holds. Either clock
/// may be wrong by days, which the horizon absorbs; taking the earlier of the two keeps
/// a clock that jumped months ahead from dropping tombstones before anyone has worked
/// that long (until this device saves with the wrong time), and a tombstone dated in
/// the future simply stays.
pub fn file_changes(data: &ClassData, device: &str, now: Timestamp) -> ClassData {
    let clock = now.min(newest_change(data));
    changes_where(data, |m| {
        m.versions.contains(device) && !(m.deleted && aged_out(m, clock))
    })
}

/// True when `meta` was last changed more than [`TOMBSTONE_DAYS`] before `clock`.
fn aged_out(meta: &Meta, clock: Timestamp) -> bool {
    meta.updated.plus_days(TOMBSTONE_DAYS) < clock
}

/// The latest `updated` time of any record in `data` (the epoch for no records).
fn newest_change(data: &ClassData) -> Timestamp {
    let mut newest = Timestamp(0);
    macro_rules! latest {
        ($f:ident, $t:ty) => {
            for r in &data.$f {
                newest = newest.max(r.meta().updated);
            }
        };
    }
    for_each_kind!(latest);
    newest
}

/// The records of `data` whose metadata `keep` accepts, every kind.
fn changes_where(data: &ClassData, keep: impl Fn(&Meta) -> bool) -> ClassData {
    let mut out = ClassData::default();
    macro_rules! kept {
        ($f:ident, $t:ty) => {
            out.$f = data.$f.iter().filter(|r| keep(r.meta())).cloned().collect();
        };
    }
    for_each_kind!(kept);
    out
}

/// This device's file: [`file_changes`] with a header.
pub fn write(data: &ClassData, device: &str, who: Who, now: Timestamp) -> String {
    compose(device, &who, now, &data_json(data, device, now), None)
}

/// What this device's file carries, as the exact JSON its `data` will hold (a teacher's
/// device seals it before [`compose`] puts the file around it).
pub fn data_json(data: &ClassData, device: &str, now: Timestamp) -> String {
    serde_json::to_string(&file_changes(data, device, now)).unwrap_or_default()
}

/// What a teacher's file seal signs: a line naming the format and the device, then the
/// exact text of the file's `data`, so no record's seal can stand for a file's.
pub fn file_message(device: &str, data_json: &str) -> Vec<u8> {
    format!("{FORMAT}\n{device}\n{data_json}").into_bytes()
}

/// A device file around `data_json`, with its seal when the teacher's device made one.
pub fn compose(
    device: &str,
    who: &Who,
    now: Timestamp,
    data_json: &str,
    seal: Option<&Seal>,
) -> String {
    #[derive(Serialize)]
    struct Head<'a> {
        format: &'a str,
        v: u32,
        device: &'a str,
        #[serde(flatten)]
        who: &'a Who,
        written: Timestamp,
        #[serde(skip_serializing_if = "Option::is_none")]
        seal: Option<&'a Seal>,
    }
    let head = serde_json::to_string(&Head {
        format: FORMAT,
        v: VERSION,
        device,
        who,
        written: now,
        seal,
    })
    .unwrap_or_default();
    let open = head.strip_suffix('}').unwrap_or(&head);
    format!("{open},\"data\":{data_json}}}")
}

/// The exact text of a file's `data`, as its seal signs it: what follows the first
/// `,"data":` up to the closing brace. A file arranged otherwise has no sealed data.
pub fn signed_data(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim_end();
    let i = text.find(",\"data\":")?;
    text[i + 8..].strip_suffix('}')
}

/// Reads a device file. Never panics, whatever the bytes. A file from a newer Wayfinder
/// is read as far as this version understands it (unknown fields are kept inside each
/// record); this device never writes another device's file.
pub fn read(bytes: &[u8]) -> Result<DeviceFile, FolderFileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FolderFileError::TooBig);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FolderFileError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header: Header = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            FolderFileError::HalfWritten
        } else {
            FolderFileError::NotWayfinder
        }
    })?;
    if header.format.as_deref() != Some(FORMAT) || header.v.is_none() {
        return Err(FolderFileError::NotWayfinder);
    }
    let file: DeviceFile =
        serde_json::from_str(text).map_err(|e| FolderFileError::WrongShape(e.to_string()))?;
    if !file.data.duplicate_ids().is_empty() {
        return Err(FolderFileError::WrongShape("a record twice".into()));
    }
    Ok(file)
}

/// How far ahead of this device's clock another device's file may be dated before the
/// folder page says their clocks disagree (time zones and a slow sync stay under it).
pub const CLOCK_SLACK_MS: i64 = 12 * 3_600_000;

/// Whole days (at least 1) by which a file `written` by another device's clock is
/// ahead of this device's `now`, when it is more than [`CLOCK_SLACK_MS`] ahead. A clock
/// behind cannot be told from a device that has not synced for a while. Merges never
/// depend on it: only the times shown do.
pub fn days_ahead(written: Timestamp, now: Timestamp) -> Option<i64> {
    let ahead = written.0.saturating_sub(now.0);
    (ahead > CLOCK_SLACK_MS).then(|| {
        ahead
            .saturating_add(43_200_000)
            .div_euclid(86_400_000)
            .max(1)
    })
}

#[cfg(test)]
mod compaction_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_dated_ahead_by_more_than_half_a_day_says_by_how_many_days() {
        let now = Timestamp(1_800_000_000_000);
        let at = |h: i64| Timestamp(now.0 + h * 3_600_000);
        assert_eq!(days_ahead(now, now), None);
        assert_eq!(days_ahead(at(-24 * 30), now), None, "behind is not ahead");
        assert_eq!(days_ahead(at(12), now), None);
        assert_eq!(days_ahead(at(13), now), Some(1));
        assert_eq!(days_ahead(at(24 * 3 + 2), now), Some(3));
        assert_eq!(days_ahead(at(24 * 3 + 13), now), Some(4));
        assert!(days_ahead(Timestamp(i64::MAX), Timestamp(i64::MIN)).is_some());
    }

    #[test]
    fn a_sealed_file_gives_back_exactly_the_data_its_seal_signs() {
        let data = crate::domain::sample::demo_class(
            2,
            crate::domain::Day::from_ymd(2026, 11, 1).unwrap(),
            "dev1",
        );
        let now = Timestamp(1_800_000_000_000);
        let body = data_json(&data, "dev1", now);
        let seal = Seal {
            at: now,
            sig: [7; 64],
        };
        let text = compose("dev1", &Who::Teacher, now, &body, Some(&seal));
        assert_eq!(signed_data(&text), Some(body.as_str()));
        assert_eq!(
            signed_data(&format!("\u{feff}{text}\n")),
            Some(body.as_str())
        );
        let file = read(text.as_bytes()).unwrap();
        assert_eq!(file.seal, Some(seal));
        assert_eq!(file.who, Who::Teacher);
        assert_eq!(file.data, file_changes(&data, "dev1", now));
        // Unsealed, it is the file `write` makes.
        assert_eq!(
            compose("dev1", &Who::Teacher, now, &body, None),
            write(&data, "dev1", Who::Teacher, now)
        );
        // The message names the device: a file's seal cannot be moved to another device.
        assert_ne!(file_message("dev1", &body), file_message("dev2", &body));
        // Rearranged by hand, the data is no longer what was sealed.
        let moved = text.replacen(",\"data\":", ",\"data\": ", 1);
        assert_ne!(signed_data(&moved), Some(body.as_str()));
        assert_eq!(signed_data("{\"format\":\"wayfinder-device\"}"), None);
    }
    use crate::domain::authority::{merge_checked, Trust};
    use crate::domain::merge::apply;
    use crate::domain::sample::demo_class;
    use crate::domain::{Actor, Ctx, Day};
    use proptest::prelude::*;

    fn demo() -> ClassData {
        demo_class(3, Day::from_ymd(2026, 11, 1).unwrap(), "teacherdev")
    }

    fn no_key() -> Trust<'static> {
        Trust {
            key: None,
            verify: Box::new(|_, _, _| false),
        }
    }

    /// The demo class with one student's reflections edited on their own device.
    fn with_student_device(student: Id) -> ClassData {
        let mut data = demo();
        let ctx = Ctx::new(
            Actor::student(student),
            "anasbook",
            Timestamp(1_800_000_000_000),
        );
        for r in data.reflections.iter_mut().filter(|r| r.student == student) {
            let text = format!("{} (and more)", r.text);
            let _ = r.edit(&text, &ctx);
        }
        data
    }

    #[test]
    fn a_device_file_holds_only_what_that_device_changed_and_round_trips() {
        let data = demo();
        let ana = data.students[0].meta.id;
        let data = with_student_device(ana);
        let who = Who::Student {
            students: vec![ana],
        };
        let text = write(&data, "anasbook", who.clone(), Timestamp(5));
        let file = read(text.as_bytes()).unwrap();
        assert_eq!(file.device, "anasbook");
        assert_eq!(file.who, who);
        assert_eq!(file.source(), Source::Student(ana));
        assert!(!file.data.reflections.is_empty());
        assert!(file.data.reflections.iter().all(|r| r.student == ana));
        assert_eq!(file.data.len(), file.data.reflections.len(), "nothing else");
        // The teacher's device file holds the class it set up.
        let teachers =
            read(write(&data, "teacherdev", Who::Teacher, Timestamp(5)).as_bytes()).unwrap();
        assert_eq!(teachers.data.classes.len(), data.classes.len());
        assert_eq!(teachers.source(), Source::AnyStudent);
    }

    #[test]
    fn merging_the_device_files_gives_every_device_the_same_records() {
        let data = demo();
        let ana = data.students[0].meta.id;
        let edited = with_student_device(ana);
        let teacher =
            read(write(&data, "teacherdev", Who::Teacher, Timestamp(5)).as_bytes()).unwrap();
        let student = read(
            write(
                &edited,
                "anasbook",
                Who::Student {
                    students: vec![ana],
                },
                Timestamp(6),
            )
            .as_bytes(),
        )
        .unwrap();
        // A wiped device: the teacher's file first (it takes it whole), then Ana's.
        let mut wiped = ClassData::default();
        for file in [&teacher, &student] {
            let (m, refused) = merge_checked(&wiped, &file.data, file.source(), &no_key()).unwrap();
            assert!(refused.is_empty(), "{refused:?}");
            apply(&mut wiped, m.changed);
        }
        // The teacher's device, reading Ana's file.
        let mut teachers = data.clone();
        let (m, refused) =
            merge_checked(&teachers, &student.data, student.source(), &no_key()).unwrap();
        assert!(refused.is_empty());
        apply(&mut teachers, m.changed);
        let sorted = |d: &ClassData| {
            let mut v: Vec<String> = d
                .reflections
                .iter()
                .map(|r| serde_json::to_string(r).unwrap())
                .collect();
            v.sort();
            v
        };
        assert_eq!(sorted(&wiped), sorted(&edited));
        assert_eq!(sorted(&teachers), sorted(&edited));
        assert_eq!(wiped.len(), edited.len());
    }

    #[test]
    fn a_student_device_file_claiming_a_teacher_decision_changes_nothing() {
        use crate::domain::authority::Why;
        use crate::domain::seal::PublicKey;
        use crate::domain::ReviewState;
        let mut data = demo();
        data.classes[0].key = Some(PublicKey([4; 65].to_vec()).to_string());
        let waiting = data
            .goals
            .iter()
            .find(|g| g.state == ReviewState::Submitted)
            .unwrap()
            .clone();
        let mut forged = waiting.clone();
        let teacher = Actor::teacher(data.classes[0].teacher.unwrap());
        forged
            .approve(
                "",
                &Ctx::new(teacher, "anasbook", Timestamp(1_800_000_000_000)),
            )
            .unwrap();
        let mut on_device = data.clone();
        apply(
            &mut on_device,
            ClassData {
                goals: vec![forged],
                ..ClassData::default()
            },
        );
        let who = Who::Student {
            students: vec![waiting.student],
        };
        let file = read(write(&on_device, "anasbook", who, Timestamp(6)).as_bytes()).unwrap();
        assert_eq!(file.data.goals.len(), 1);
        let trust = Trust {
            key: crate::domain::authority::class_key(&data, &file.data),
            verify: Box::new(|_, _, _| true),
        };
        let (m, refused) = merge_checked(&data, &file.data, file.source(), &trust).unwrap();
        assert!(m.changed.is_empty());
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].why, Why::NotSealed);
    }

    #[test]
    fn bad_files_get_their_own_answers() {
        let good = write(&demo(), "teacherdev", Who::Teacher, Timestamp(5));
        assert_eq!(
            read(&good.as_bytes()[..good.len() / 2]),
            Err(FolderFileError::HalfWritten)
        );
        assert_eq!(read(b""), Err(FolderFileError::HalfWritten));
        assert_eq!(read(b"\xff\xfe"), Err(FolderFileError::NotText));
        assert_eq!(read(b"hello"), Err(FolderFileError::NotWayfinder));
        assert_eq!(
            read(br#"{"format":"wayfinder-export","v":1,"data":{}}"#),
            Err(FolderFileError::NotWayfinder)
        );
        assert!(matches!(
            read(br#"{"format":"wayfinder-device","v":1,"device":5}"#),
            Err(FolderFileError::WrongShape(_))
        ));
        // A Windows editor's byte-order mark is fine.
        assert!(read(format!("\u{feff}{good}").as_bytes()).is_ok());
    }

    #[test]
    fn a_newer_versions_file_is_read_as_far_as_it_is_understood() {
        let mut v: serde_json::Value =
            serde_json::from_str(&write(&demo(), "teacherdev", Who::Teacher, Timestamp(5)))
                .unwrap();
        v["v"] = 2.into();
        v["media"] = serde_json::json!({"a": 1});
        v["data"]["g"][0]["zz"] = serde_json::json!("from the future");
        let file = read(v.to_string().as_bytes()).unwrap();
        assert_eq!(file.v, 2);
        assert_eq!(
            serde_json::to_value(&file.data.goals[0]).unwrap()["zz"],
            "from the future",
            "a newer field inside a record is kept"
        );
    }

    #[test]
    fn names_are_by_who_and_device_and_duplicates_are_recognised() {
        let ana = Who::Student { students: vec![] };
        assert_eq!(
            file_name("ab12", &Who::Teacher),
            "wayfinder-teacher-ab12.json"
        );
        assert_eq!(file_name("a/b..c", &ana), "wayfinder-student-abc.json");
        assert_eq!(device_of("wayfinder-student-ab12.json"), Some("ab12"));
        assert_eq!(device_of("wayfinder-student-ab12 (1).json"), Some("ab12"));
        assert_eq!(device_of("wayfinder-teacher-t1 (12).json"), Some("t1"));
        for other in [
            "wayfinder-student-ab12.json.tmp",
            "notes.json",
            "wayfinder-backup-2026-11-01.json",
            "wayfinder-student-.json",
            "wayfinder-student-ab12 (x).json",
        ] {
            assert_eq!(device_of(other), None, "{other}");
        }
    }

    proptest! {
        #[test]
        fn the_reader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = read(&bytes);
        }

        #[test]
        fn the_reader_never_panics_on_mangled_files(cut in 0usize..6000, flip in 0usize..6000, byte in any::<u8>()) {
            let file = write(&demo(), "teacherdev", Who::Teacher, Timestamp(5)).into_bytes();
            let mut mangled = file[..cut.min(file.len())].to_vec();
            if !mangled.is_empty() {
                let i = flip % mangled.len();
                mangled[i] = byte;
            }
            let _ = read(&mangled);
        }

        #[test]
        fn names_never_panic(name in ".{0,60}") {
            let _ = device_of(&name);
        }
    }
}
