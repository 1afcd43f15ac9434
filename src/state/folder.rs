//! The class folder, kept in sync (issue 15): this device writes its own file shortly
//! after a change and reads the others at start, on focus, every 90 seconds while it is
//! seen and on "Sync now", merging each through the same authority check as an import.
//!
//! What each device reads:
//! - the teacher's device (the one holding the class key) reads every file;
//! - a student's device reads the teacher's files and the files of the students who work
//!   on it (whoever is signed in, and whoever's work it changed), so a Chromebook wiped
//!   at sign-out gets that student's work back, and no device holds the whole class.
//!
//! Nothing here decides a merge: `domain::authority` does. A file that cannot be read,
//! a folder that vanished, filled up or turned read-only, each gets words on the folder
//! page and changes nothing on this device.

use std::collections::{BTreeSet, HashMap, HashSet};

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::domain::authority::{self, merge_checked, Refusal, Source, Trust, Why};
use crate::domain::data::for_each_kind;
use crate::domain::key_move::KeyMove;
use crate::domain::record::VersionVector;
use crate::domain::{ClassData, Id, Record, StudentProfile, Timestamp};
use crate::state::seals::{
    checked_against, holds_class_key, seal_bytes, seal_teacher_decisions, seal_valid,
};
use crate::state::{now, PrefsState, RecordsState, SessionState, Who as SignedIn};
use crate::storage::folder::{self, DeviceFile, Who};
use crate::storage::folder_dir::{self, Dir, DirError, Listed};

mod key_move;
mod merge;
pub use key_move::{OLD_KEY, WRONG};
use merge::{absorb, reads};

/// How often the folder is read while the page is seen.
const SYNC_EVERY_MS: i32 = 90_000;
/// How long after a change this device's file is written (changes in between join it).
const WRITE_AFTER_MS: i32 = 3_000;
/// A focus within this long of the last sync does not sync again.
const FOCUS_QUIET_MS: i64 = 15_000;

/// Said of a file named as the teacher's without the class key's seal.
const NOT_THE_TEACHERS: &str = "says it is the teacher's but isn't sealed by this class's key, so only decisions carrying the teacher's own seal were taken from it";

/// Where the folder stands, as the folder page says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// This browser has no File System Access API.
    Unavailable,
    /// No folder chosen on this device.
    NotChosen,
    /// Looking for the folder chosen earlier.
    Starting,
    /// The browser needs the person's permission again.
    NeedsPermission,
    /// The folder was moved or deleted.
    Gone,
    /// The sample class is on this device: it never goes to a class folder.
    Sample,
    /// This device holds data from a newer Wayfinder: nothing is merged or written.
    ReadOnly,
    /// Connected.
    Connected,
}

/// Another device's file, as last read.
#[derive(Clone, Debug, PartialEq)]
pub struct SeenFile {
    /// Its name in the folder.
    pub name: String,
    /// Who works on that device, when the file could be read.
    pub who: Option<Who>,
    /// When that device wrote it (its clock).
    pub written: Option<Timestamp>,
    /// Why it could not be read, in words that follow its name.
    pub problem: Option<String>,
}

/// What one file may not change.
#[derive(Clone, Debug, PartialEq)]
pub struct RefusedFrom {
    /// The file's name.
    pub file: String,
    /// Each refused change.
    pub refused: Vec<Refusal>,
    /// The names the file gives the students concerned.
    pub names: Vec<(Id, String)>,
}

/// A teacher decision made at a student's device, waiting for the teacher's device.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiting {
    /// The file it came in.
    pub file: String,
    /// What it is, and whose.
    pub refusal: Refusal,
    /// The record as that device holds it.
    pub record: ClassData,
}

/// The class folder's state, provided to every page.
#[derive(Clone, Copy)]
pub struct FolderState {
    /// Where the folder stands.
    pub status: RwSignal<Status>,
    /// A sync is running.
    pub working: RwSignal<bool>,
    /// The folder's name.
    pub name: RwSignal<String>,
    /// When the folder was last read in full.
    pub synced_at: RwSignal<Option<Timestamp>>,
    /// When this device's file was last written.
    pub written_at: RwSignal<Option<Timestamp>>,
    /// What went wrong on the last sync or write (the folder full, read-only, …).
    pub problem: RwSignal<Option<String>>,
    /// Every other device's file seen.
    pub files: RwSignal<Vec<SeenFile>>,
    /// Changes refused from each file, by the file's name, with the names that file
    /// gives the students concerned.
    pub refused: RwSignal<Vec<RefusedFrom>>,
    /// Teacher decisions made at a student's device (with the teacher PIN, in a
    /// conference): unsealed, so they wait for the teacher to confirm them here.
    pub waiting: RwSignal<Vec<Waiting>>,
    /// Records changed in two places at once on the last sync (both versions kept).
    pub conflicts: RwSignal<usize>,
    /// This device is the teacher's (it holds the class key).
    pub teacher_device: RwSignal<bool>,
    /// A move of the class key waiting in the folder, seen from a device without it.
    pub key_move: RwSignal<Option<KeyMove>>,
    /// The one-time code of the move this device made, and when it runs out (ms): shown
    /// to the teacher, never written anywhere.
    pub key_code: RwSignal<Option<(String, i64)>>,
    records: RecordsState,
    session: SessionState,
    prefs: Option<PrefsState>,
    dir: StoredValue<Option<Dir>, LocalStorage>,
    stamps: StoredValue<HashMap<String, (f64, f64)>, LocalStorage>,
    readers_of: StoredValue<Vec<Id>, LocalStorage>,
    busy: StoredValue<bool, LocalStorage>,
    last_own: StoredValue<String, LocalStorage>,
    write_timer: StoredValue<Option<i32>, LocalStorage>,
}

/// Provides the folder state (nothing starts until [`start_folder`]).
pub fn provide_folder(records: RecordsState, session: SessionState) -> FolderState {
    // Known at once, so the first paint already shows the right line.
    let prefs = use_context::<PrefsState>();
    let chosen = prefs.is_some_and(|p| p.prefs.with_untracked(|p| p.class_folder));
    let first = if chosen {
        Status::Starting
    } else if folder_dir::available() {
        Status::NotChosen
    } else {
        Status::Unavailable
    };
    let state = FolderState {
        status: RwSignal::new(first),
        working: RwSignal::new(false),
        name: RwSignal::new(String::new()),
        synced_at: RwSignal::new(None),
        written_at: RwSignal::new(None),
        problem: RwSignal::new(None),
        files: RwSignal::new(Vec::new()),
        refused: RwSignal::new(Vec::new()),
        waiting: RwSignal::new(Vec::new()),
        conflicts: RwSignal::new(0),
        teacher_device: RwSignal::new(false),
        key_move: RwSignal::new(None),
        key_code: RwSignal::new(None),
        records,
        session,
        prefs,
        dir: StoredValue::new_local(None),
        stamps: StoredValue::new_local(HashMap::new()),
        readers_of: StoredValue::new_local(Vec::new()),
        busy: StoredValue::new_local(false),
        last_own: StoredValue::new_local(String::new()),
        write_timer: StoredValue::new_local(None),
    };
    provide_context(state);
    state
}

/// The folder state, where the app provides it.
pub fn use_folder() -> Option<FolderState> {
    use_context::<FolderState>()
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn page_seen() -> bool {
    window()
        .and_then(|w| w.document())
        .is_some_and(|d| !d.hidden())
}

/// Starts the folder: finds the folder chosen earlier, syncs, then keeps syncing.
pub fn start_folder(state: FolderState) {
    spawn_local(async move {
        match Dir::saved().await {
            Ok(Some(dir)) => {
                state.remember_chosen(true);
                state.name.set(dir.name());
                state.dir.set_value(Some(dir));
                state.sync().await;
            }
            _ => {
                state.remember_chosen(false);
                let none = if folder_dir::available() {
                    Status::NotChosen
                } else {
                    Status::Unavailable
                };
                state.status.set(none);
            }
        }
    });
    let Some(w) = window() else { return };
    let every = Closure::<dyn Fn()>::new(move || {
        if page_seen() {
            state.sync_soon();
        }
    });
    let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
        every.as_ref().unchecked_ref(),
        SYNC_EVERY_MS,
    );
    every.forget();
    let on_focus = Closure::<dyn Fn()>::new(move || {
        let recent = state
            .synced_at
            .get_untracked()
            .is_some_and(|t| now().0 - t.0 < FOCUS_QUIET_MS);
        if page_seen() && !recent {
            state.sync_soon();
        }
    });
    let _ = w.add_event_listener_with_callback("focus", on_focus.as_ref().unchecked_ref());
    if let Some(d) = w.document() {
        let _ = d.add_event_listener_with_callback(
            "visibilitychange",
            on_focus.as_ref().unchecked_ref(),
        );
    }
    on_focus.forget();
    // A change on this device: its file is written a little later.
    let records = state.records;
    Effect::new(move |first: Option<()>| {
        records.data.track();
        if first.is_some() {
            state.write_later();
        }
    });
    // Someone signs in on a student device: their files are read (a wiped Chromebook
    // gets that student's work back).
    let session = state.session;
    Effect::new(move |first: Option<()>| {
        let who = session.who.get();
        if first.is_some() && matches!(who, Some(SignedIn::Student(_))) {
            state.sync_soon();
        }
    });
}

impl FolderState {
    /// Keeps in the preferences whether a folder is chosen here (`Prefs::class_folder`).
    fn remember_chosen(self, chosen: bool) {
        if let Some(prefs) = self.prefs {
            if prefs.prefs.with_untracked(|p| p.class_folder) != chosen {
                prefs.update(|p| p.class_folder = chosen);
            }
        }
    }

    /// Whether a folder is chosen on this device.
    pub fn dir_chosen(self) -> bool {
        // The status first: it is the signal that changes whenever the folder does.
        self.status.with(|s| *s != Status::NotChosen) && self.dir.with_value(Option::is_some)
    }

    /// Syncs now, unless a sync is running.
    pub fn sync_soon(self) {
        if self.dir.with_value(Option::is_some) {
            spawn_local(async move { self.sync().await });
        }
    }

    /// Asks for a folder (from a click), keeps it, and syncs.
    pub fn choose(self) {
        spawn_local(async move {
            match Dir::choose().await {
                Ok(dir) => {
                    if let Err(e) = dir.remember().await {
                        self.problem.set(Some(format!(
                            "The folder works now, but this browser can't remember it for next time ({e})"
                        )));
                    } else {
                        self.problem.set(None);
                    }
                    self.remember_chosen(true);
                    self.name.set(dir.name());
                    self.dir.set_value(Some(dir));
                    self.stamps.update_value(HashMap::clear);
                    self.last_own.set_value(String::new());
                    self.files.set(Vec::new());
                    self.refused.set(Vec::new());
                    self.sync().await;
                }
                Err(DirError::Cancelled) => {}
                Err(DirError::Unavailable) => self.status.set(Status::Unavailable),
                Err(e) => self.problem.set(Some(words(&e))),
            }
        });
    }

    /// Asks the browser for permission again (from a click), then syncs.
    pub fn allow_again(self) {
        let Some(dir) = self.dir.get_value() else {
            return;
        };
        spawn_local(async move {
            match dir.allowed(true).await {
                Ok(true) => self.sync().await,
                Ok(false) => self.status.set(Status::NeedsPermission),
                Err(e) => self.problem.set(Some(words(&e))),
            }
        });
    }

    /// On the teacher's device, with the teacher signed in: takes the decisions made at
    /// students' devices (those in `waiting` with these record ids) as the teacher's own.
    /// They are sealed when this device next writes its file, so every other device
    /// then takes them. Returns how many records changed.
    pub fn confirm(self, ids: &[Id]) -> Result<usize, String> {
        if !self.teacher_device.get_untracked() {
            return Err("Only the teacher's own device can confirm these.".into());
        }
        let mut chosen = ClassData::default();
        let mut left = Vec::new();
        for w in self.waiting.get_untracked() {
            if ids.contains(&w.refusal.id) {
                absorb(&mut chosen, w.record);
            } else {
                left.push(w);
            }
        }
        // The teacher confirms them, so they need no seal yet: this device seals them.
        let trust = Trust {
            key: None,
            verify: Box::new(|_, _, _| true),
        };
        let merged = self
            .records
            .data
            .with_untracked(|d| merge_checked(d, &chosen, Source::AnyStudent, &trust));
        let (merge, _) = merged.map_err(|e| e.to_string())?;
        let n = self
            .records
            .check_room_for(&merge.changed)
            .and_then(|()| self.records.write_all(&merge.changed))
            .map_err(|e| e.to_string())?;
        self.waiting.set(left);
        self.write_later();
        Ok(n)
    }

    /// Stops using the folder on this device; the folder and this device's data stay.
    pub fn stop(self) {
        spawn_local(async move {
            let _ = Dir::forget().await;
            self.remember_chosen(false);
            self.dir.set_value(None);
            self.files.set(Vec::new());
            self.refused.set(Vec::new());
            self.synced_at.set(None);
            self.problem.set(None);
            self.status.set(Status::NotChosen);
        });
    }

    fn write_later(self) {
        if self.dir.with_value(Option::is_none) {
            return;
        }
        let Some(w) = window() else { return };
        if let Some(t) = self.write_timer.get_value() {
            w.clear_timeout_with_handle(t);
        }
        let write = Closure::once_into_js(move || {
            self.write_timer.set_value(None);
            if self.busy.get_value() {
                self.write_later();
            } else {
                spawn_local(async move { self.write_only().await });
            }
        });
        let t = w
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                write.unchecked_ref(),
                WRITE_AFTER_MS,
            )
            .ok();
        self.write_timer.set_value(t);
    }

    /// Whether anything stops this device from syncing before the folder is touched.
    fn paused(self) -> Option<Status> {
        if self.records.read_only.get_untracked().is_some() {
            return Some(Status::ReadOnly);
        }
        let demo = self
            .records
            .data
            .with_untracked(|d| d.classes.iter().any(|c| c.meta.demo));
        demo.then_some(Status::Sample)
    }

    async fn write_only(self) {
        let Some(dir) = self.dir.get_value() else {
            return;
        };
        if self.paused().is_some() || self.status.get_untracked() != Status::Connected {
            return;
        }
        self.busy.set_value(true);
        let me = self.who_here().await;
        if let Err(e) = self.write_own(&dir, &me, None).await {
            self.show(e);
        }
        self.busy.set_value(false);
    }

    /// Reads every file this device should read, merges them, then writes this
    /// device's own file.
    async fn sync(self) {
        if self.busy.get_value() {
            return;
        }
        let Some(dir) = self.dir.get_value() else {
            return;
        };
        if let Some(paused) = self.paused() {
            self.status.set(paused);
            return;
        }
        self.busy.set_value(true);
        self.working.set(true);
        let result = self.sync_with(&dir).await;
        self.working.set(false);
        self.busy.set_value(false);
        match result {
            Ok(()) => {
                self.status.set(Status::Connected);
                self.synced_at.set(Some(now()));
            }
            Err(e) => self.show(e),
        }
    }

    fn show(self, e: DirError) {
        match e {
            DirError::NoPermission => self.status.set(Status::NeedsPermission),
            DirError::Gone => self.status.set(Status::Gone),
            DirError::Unavailable => self.status.set(Status::Unavailable),
            other => {
                self.status.set(Status::Connected);
                self.problem.set(Some(words(&other)));
            }
        }
    }

    async fn sync_with(self, dir: &Dir) -> Result<(), DirError> {
        if !dir.allowed(false).await? {
            return Err(DirError::NoPermission);
        }
        let listed = dir.list().await?;
        let device = self.records.device();
        let me = self.who_here().await;
        // Who this device reads for changed (someone signed in): read every file again.
        let readers = match &me {
            Who::Teacher => Vec::new(),
            Who::Student { students } => students.clone(),
        };
        if self.readers_of.get_value() != readers {
            self.stamps.update_value(HashMap::clear);
            self.readers_of.set_value(readers);
        }
        let mut seen: HashMap<String, SeenFile> = self
            .files
            .get_untracked()
            .into_iter()
            .map(|f| (f.name.clone(), f))
            .collect();
        seen.retain(|name, _| listed.iter().any(|l| &l.name == name));
        let mut to_merge: Vec<(String, DeviceFile, (f64, f64))> = Vec::new();
        for l in &listed {
            let Some(other) = folder::device_of(&l.name) else {
                continue;
            };
            if other == device {
                continue;
            }
            // A file that vanished since the listing is read next time.
            let Ok(stamp) = dir.stamp(l).await else {
                continue;
            };
            if self.stamps.with_value(|s| s.get(&l.name) == Some(&stamp)) {
                continue;
            }
            match self.read_one(dir, l).await {
                Ok((file, stamp)) => {
                    let unsealed = l.name.starts_with("wayfinder-teacher-")
                        && !matches!(file.who, Who::Teacher);
                    seen.insert(
                        l.name.clone(),
                        SeenFile {
                            name: l.name.clone(),
                            who: Some(file.who.clone()),
                            written: Some(file.written),
                            problem: unsealed.then(|| NOT_THE_TEACHERS.to_string()),
                        },
                    );
                    if reads(&me, &file.who) {
                        to_merge.push((l.name.clone(), file, stamp));
                    } else {
                        self.stamps.update_value(|s| {
                            s.insert(l.name.clone(), stamp);
                        });
                    }
                }
                Err((problem, again)) => {
                    if !again {
                        self.stamps.update_value(|s| {
                            s.insert(l.name.clone(), stamp);
                        });
                    }
                    seen.insert(
                        l.name.clone(),
                        SeenFile {
                            name: l.name.clone(),
                            who: None,
                            written: None,
                            problem: Some(problem),
                        },
                    );
                }
            }
        }
        let mut files: Vec<SeenFile> = seen.into_values().collect();
        files.sort_by(|a, b| a.name.cmp(&b.name));
        self.files.set(files);
        self.look_for_key_move(dir, &listed, matches!(me, Who::Teacher))
            .await;
        self.merge_all(to_merge).await;
        self.write_own(dir, &me, Some(&listed)).await
    }

    /// Reads one file: the file, or why not and whether to try again next time.
    async fn read_one(
        self,
        dir: &Dir,
        l: &Listed,
    ) -> Result<(DeviceFile, (f64, f64)), (String, bool)> {
        let read = dir
            .read(l, folder::MAX_BYTES)
            .await
            .map_err(|e| (words(&e), true))?
            .ok_or_else(|| (folder::FolderFileError::TooBig.to_string(), false))?;
        match folder::read(&read.bytes) {
            Ok(file) => Ok((self.vouched(file, &read.bytes).await, read.stamp)),
            Err(e @ folder::FolderFileError::HalfWritten) => Err((e.to_string(), true)),
            Err(e) => Err((e.to_string(), false)),
        }
    }

    /// Who works on this device, for its file's name and header: the teacher when it
    /// holds the class key; otherwise the students whose work it changed, and whoever
    /// is signed in.
    async fn who_here(self) -> Who {
        let teacher = holds_class_key(self.records).await;
        self.teacher_device.set(teacher);
        if teacher {
            return Who::Teacher;
        }
        let device = self.records.device();
        let mut students: Vec<Id> = self.records.data.with_untracked(|d| {
            let mine = folder::own_changes(d, &device);
            let mut owners = Vec::new();
            macro_rules! owners {
                ($f:ident, $t:ty) => {
                    owners.extend(mine.$f.iter().filter_map(|r| r.owner()));
                };
            }
            for_each_kind!(owners);
            owners
        });
        if let Some(SignedIn::Student(id)) = self.session.who.get_untracked() {
            students.push(id);
        }
        students.sort();
        students.dedup();
        Who::Student { students }
    }

    /// Writes this device's file when what it holds changed (or the file is missing
    /// from the folder), sealing the teacher's new decisions first.
    async fn write_own(
        self,
        dir: &Dir,
        me: &Who,
        listed: Option<&[Listed]>,
    ) -> Result<(), DirError> {
        if let Who::Student { students } = me {
            if students.is_empty() {
                return Ok(());
            }
        }
        if matches!(me, Who::Teacher) {
            if let Err(e) = seal_teacher_decisions(self.records).await {
                self.problem.set(Some(format!(
                    "Your decisions couldn't be sealed for the class folder ({e}). They stay on this device until the next sync."
                )));
                return Ok(());
            }
        }
        let device = self.records.device();
        let name = folder::file_name(&device, me);
        let at = now();
        let body = self
            .records
            .data
            .with_untracked(|d| folder::data_json(d, &device, at));
        let present = listed.is_none_or(|l| l.iter().any(|f| f.name == name));
        if present && self.last_own.with_value(|last| *last == body) {
            return Ok(());
        }
        // The teacher's file is sealed whole, so a file that only says it is the
        // teacher's cannot speak for the class.
        let seal = match me {
            Who::Teacher => seal_bytes(&folder::file_message(&device, &body), at).await,
            Who::Student { .. } => None,
        };
        let text = folder::compose(&device, me, at, &body, seal.as_ref());
        dir.write(&name, &text).await?;
        self.last_own.set_value(body);
        self.written_at.set(Some(at));
        Ok(())
    }
}

/// A folder problem in words, saying the work here is safe.
pub fn words(e: &DirError) -> String {
    match e {
        DirError::Cancelled => "No folder was chosen.".into(),
        DirError::Gone => "The class folder can't be found: it may have been moved or deleted. Everything is still on this device.".into(),
        DirError::NoPermission => "Wayfinder needs your permission again to use the class folder.".into(),
        DirError::Full => "The class folder is full, so this device's work couldn't be written to it. Everything is still on this device; it will be written when there is room.".into(),
        DirError::ReadOnly => "The class folder can't be written from this device (it may be shared as view-only). Everything is still on this device.".into(),
        DirError::Unavailable => "The class folder isn't available in this browser.".into(),
        DirError::Other(m) => format!("The class folder couldn't be used just now ({m}). Everything is still on this device; Wayfinder will try again."),
    }
}
