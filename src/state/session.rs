//! Who is using this device right now, the PINs that guard each area, and the auto-lock.
//!
//! The session lives in `sessionStorage` (this tab only; gone when the tab closes) with
//! the time of the last use, so a reload keeps the person signed in but an idle device
//! locks itself. PINs live in one device-local record (`wayfinder:pins`), hashed.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::crypto::{hash_secret, verify_secret};
use super::drafts;
use super::{now, StorageState};
use crate::domain::pin::{
    check_pin, normalize_recovery, picture_secret, recovery_code, LockState, PinBook, PinEntry,
    PinHash, PinProblem,
};
use crate::domain::Id;
use crate::storage::{tab, Key, StorageError};

/// Who is signed in on this tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    /// The teacher.
    #[serde(rename = "t")]
    Teacher,
    /// One student.
    #[serde(rename = "s")]
    Student(Id),
    /// The family of one student.
    #[serde(rename = "f")]
    Family(Id),
}

#[derive(Serialize, Deserialize)]
struct Stored {
    #[serde(rename = "w")]
    who: Who,
    /// Last use, ms since epoch.
    #[serde(rename = "a")]
    active: f64,
}

/// Which PIN to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinScope {
    /// The teacher's PIN.
    Teacher,
    /// The teacher's recovery code.
    Recovery,
    /// A student's own PIN.
    Student(Id),
    /// A family's PIN for one student.
    Family(Id),
}

impl PinScope {
    fn entry(self, book: &PinBook) -> Option<&PinEntry> {
        match self {
            PinScope::Teacher => book.teacher.as_ref(),
            PinScope::Recovery => book.recovery.as_ref(),
            PinScope::Student(id) => book.students.get(&id.to_string()),
            PinScope::Family(id) => book.families.get(&id.to_string()),
        }
    }

    fn entry_mut(self, book: &mut PinBook) -> Option<&mut PinEntry> {
        match self {
            PinScope::Teacher => book.teacher.as_mut(),
            PinScope::Recovery => book.recovery.as_mut(),
            PinScope::Student(id) => book.students.get_mut(&id.to_string()),
            PinScope::Family(id) => book.families.get_mut(&id.to_string()),
        }
    }

    /// Stores a new PIN (or clears it with `None`).
    pub fn set(self, book: &mut PinBook, hash: Option<PinHash>) {
        self.put(book, hash.map(PinEntry::new));
    }

    /// Stores a new picture password (replacing a PIN: a person has one or the other).
    pub fn set_pictures(self, book: &mut PinBook, hash: PinHash) {
        self.put(book, Some(PinEntry::new_pictures(hash)));
    }

    fn put(self, book: &mut PinBook, entry: Option<PinEntry>) {
        match self {
            PinScope::Teacher => book.teacher = entry,
            PinScope::Recovery => book.recovery = entry,
            PinScope::Student(id) => match entry {
                Some(e) => {
                    book.students.insert(id.to_string(), e);
                }
                None => {
                    book.students.remove(&id.to_string());
                }
            },
            PinScope::Family(id) => match entry {
                Some(e) => {
                    book.families.insert(id.to_string(), e);
                }
                None => {
                    book.families.remove(&id.to_string());
                }
            },
        }
    }

    fn who(self) -> Option<Who> {
        match self {
            PinScope::Teacher | PinScope::Recovery => Some(Who::Teacher),
            PinScope::Student(id) => Some(Who::Student(id)),
            PinScope::Family(id) => Some(Who::Family(id)),
        }
    }
}

/// The outcome of a try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unlock {
    /// Right: signed in.
    Opened,
    /// Wrong; this many tries before a wait.
    Wrong(u32),
    /// Too many wrong tries: wait this many ms.
    Wait(i64),
    /// Not a possible PIN (letters, too long): not counted.
    Invalid(PinProblem),
    /// No PIN is set for this.
    NoPin,
    /// The PIN data could not be read or saved, or the browser cannot hash.
    Failed(String),
}

/// The session and the PIN book in context.
#[derive(Clone, Copy)]
pub struct SessionState {
    /// Who is signed in on this tab.
    pub who: RwSignal<Option<Who>>,
    /// This device's PINs (hashed).
    pub book: RwSignal<PinBook>,
    /// Set when the PIN record could not be read: every guarded area stays locked.
    pub book_error: RwSignal<Option<StorageError>>,
    /// Set after the device locked itself, for the start page to say why.
    pub auto_locked: RwSignal<Option<u32>>,
    storage: StorageState,
}

/// The wait still to run before the next try for one PIN scope (from
/// [`SessionState::lock_wait`]). It ticks once a second so a countdown moves; the lock
/// itself is in storage.
#[derive(Clone, Copy)]
pub struct LockWait {
    /// Milliseconds still to wait, or `None` when a try is allowed.
    pub wait: Memo<Option<i64>>,
    tick: RwSignal<u32>,
}

impl LockWait {
    /// Reads the lock again now (after a try was counted).
    pub fn refresh(&self) {
        self.tick.update(|t| *t = t.wrapping_add(1));
    }
}

fn read_stored() -> Option<Stored> {
    let raw = tab::get(tab::SESSION)?;
    serde_json::from_str(&raw).ok()
}

fn write_stored(who: Option<Who>, active: f64) {
    match who {
        Some(who) => {
            if let Ok(text) = serde_json::to_string(&Stored { who, active }) {
                tab::set(tab::SESSION, &text);
            }
        }
        None => tab::remove(tab::SESSION),
    }
}

/// A student's unsaved text leaves this tab's `sessionStorage` when they go (this tab
/// keeps it in memory for their return; see [`drafts`]).
fn leave_drafts(who: Option<Who>) {
    if let Some(Who::Student(id)) = who {
        drafts::leave(&id.to_string());
    }
}

impl SessionState {
    /// Signs `who` in on this tab.
    pub fn sign_in(&self, who: Who) {
        let before = self.who.get_untracked();
        if before != Some(who) {
            leave_drafts(before);
        }
        write_stored(Some(who), js_sys::Date::now());
        if let Who::Student(id) = who {
            drafts::back(&id.to_string());
        }
        self.who.set(Some(who));
    }

    /// Nobody is signed in any more (switching person, or the device locked itself).
    pub fn sign_out(&self) {
        leave_drafts(self.who.get_untracked());
        write_stored(None, 0.0);
        self.who.set(None);
    }

    /// True when a teacher PIN is set on this device (tracked).
    pub fn teacher_has_pin(&self) -> bool {
        self.book.with(|b| b.teacher.is_some())
    }

    /// True when this student has a PIN of their own (tracked).
    pub fn student_has_pin(&self, id: Id) -> bool {
        self.book.with(|b| b.students.contains_key(&id.to_string()))
    }

    /// True when this student's secret is a picture password (tracked).
    pub fn student_has_pictures(&self, id: Id) -> bool {
        self.book.with(|b| {
            b.students
                .get(&id.to_string())
                .is_some_and(PinEntry::is_pictures)
        })
    }

    /// True when the secret of `scope` is a picture password (tracked).
    pub fn is_pictures(&self, scope: PinScope) -> bool {
        self.book
            .with(|b| scope.entry(b).is_some_and(PinEntry::is_pictures))
    }

    /// True when this student's family has a PIN (tracked).
    pub fn family_has_pin(&self, id: Id) -> bool {
        self.book.with(|b| b.families.contains_key(&id.to_string()))
    }

    /// Reads the PIN record again (another tab may have counted wrong tries).
    fn fresh_book(&self) -> Result<PinBook, StorageError> {
        let loaded = self
            .storage
            .with_store(|s| s.load::<PinBook>(&Key::Pins))
            .unwrap_or(Err(StorageError::Unavailable));
        match loaded {
            Ok(book) => {
                let book = book.unwrap_or_default();
                if self.book.with_untracked(|b| *b != book) {
                    self.book.set(book.clone());
                }
                if self.book_error.with_untracked(Option::is_some) {
                    self.book_error.set(None);
                }
                Ok(book)
            }
            Err(e) => {
                self.book_error.set(Some(e.clone()));
                Err(e)
            }
        }
    }

    /// Reads the PIN record again (after everything was removed, say).
    pub fn reload_book(&self) {
        let _ = self.fresh_book();
    }

    /// Changes the PIN record and saves it.
    pub fn change_book(&self, change: impl FnOnce(&mut PinBook)) -> Result<(), StorageError> {
        let mut book = self.fresh_book()?;
        change(&mut book);
        self.storage
            .with_store(|s| s.save(&Key::Pins, &book))
            .unwrap_or(Err(StorageError::Unavailable))?;
        if self.book.with_untracked(|b| *b != book) {
            self.book.set(book);
        }
        Ok(())
    }

    /// Whether a try is allowed now for `scope` (None when no PIN is set).
    pub fn lock_state(&self, scope: PinScope) -> Option<LockState> {
        self.book
            .with(|b| scope.entry(b).map(|e| e.lock_state(now().0)))
    }

    /// Follows the wait for `scope`, ticking once a second while the caller's view lives
    /// (a PIN field and a picture grid both show it as a countdown).
    pub fn lock_wait(self, scope: PinScope) -> LockWait {
        let tick = RwSignal::new(0u32);
        if let Ok(h) = set_interval_with_handle(
            move || tick.update(|t| *t = t.wrapping_add(1)),
            std::time::Duration::from_secs(1),
        ) {
            on_cleanup(move || h.clear());
        }
        let wait = Memo::new(move |_| {
            tick.track();
            match self.lock_state(scope) {
                Some(LockState::Wait(ms)) => Some(ms),
                _ => None,
            }
        });
        LockWait { wait, tick }
    }

    /// Sets a new PIN for `scope` (hashing takes a moment).
    pub async fn set_pin(&self, scope: PinScope, pin: &str) -> Result<(), String> {
        let hash = hash_secret(pin).await?;
        self.change_book(|b| scope.set(b, Some(hash)))
            .map_err(|e| e.to_string())
    }

    /// Sets a new picture password for `scope` (`chosen`: indexes into
    /// [`crate::domain::pin::PICTURES`], in order), hashed exactly like a PIN.
    pub async fn set_pictures(&self, scope: PinScope, chosen: &[usize]) -> Result<(), String> {
        let secret = picture_secret(chosen).map_err(|p| p.message())?;
        let hash = hash_secret(&secret).await?;
        self.change_book(|b| scope.set_pictures(b, hash))
            .map_err(|e| e.to_string())
    }

    /// Checks pictures chosen in order against the picture password of `scope`, with
    /// the same count of wrong tries and the same waits as a PIN.
    pub async fn unlock_pictures(&self, scope: PinScope, chosen: &[usize]) -> Unlock {
        match picture_secret(chosen) {
            Ok(secret) => self.try_secret(scope, &secret).await,
            Err(p) => Unlock::Failed(p.message()),
        }
    }

    /// Sets the teacher's PIN and a new one-time recovery code, signs the teacher in,
    /// and returns the code to show once.
    pub async fn set_teacher_pin(&self, pin: &str) -> Result<String, String> {
        let code = recovery_code(&super::crypto::random_bytes::<12>()?);
        let pin_hash = hash_secret(pin).await?;
        let code_hash = hash_secret(&code).await?;
        self.change_book(|b| {
            PinScope::Teacher.set(b, Some(pin_hash));
            PinScope::Recovery.set(b, Some(code_hash));
        })
        .map_err(|e| e.to_string())?;
        self.sign_in(Who::Teacher);
        Ok(code)
    }

    /// Checks `typed` against the PIN of `scope`; signs in when right. The wrong try is
    /// counted before the slow check, so reloading during it cannot skip the count.
    pub async fn unlock(&self, scope: PinScope, typed: &str) -> Unlock {
        let typed = if scope == PinScope::Recovery {
            normalize_recovery(typed)
        } else {
            if let Err(p) = check_pin(typed) {
                return Unlock::Invalid(p);
            }
            typed.trim().to_string()
        };
        self.try_secret(scope, &typed).await
    }

    /// Checks a secret in its canonical form (a PIN, a recovery code, or a picture
    /// password's text) and counts the try.
    async fn try_secret(&self, scope: PinScope, typed: &str) -> Unlock {
        let book = match self.fresh_book() {
            Ok(b) => b,
            Err(e) => return Unlock::Failed(e.to_string()),
        };
        let Some(entry) = scope.entry(&book).cloned() else {
            return Unlock::NoPin;
        };
        let t = now().0;
        if let LockState::Wait(ms) = entry.lock_state(t) {
            if !entry.is_intact() {
                let _ = self.change_book(|b| {
                    if let Some(e) = scope.entry_mut(b) {
                        e.repair(t);
                    }
                });
            }
            return Unlock::Wait(ms);
        }
        let counted = self.change_book(|b| {
            if let Some(e) = scope.entry_mut(b) {
                e.failed(t);
            }
        });
        if let Err(e) = counted {
            return Unlock::Failed(e.to_string());
        }
        match verify_secret(typed, &entry.pin).await {
            Ok(true) => {
                let _ = self.change_book(|b| {
                    if let Some(e) = scope.entry_mut(b) {
                        e.succeeded();
                    }
                    // A recovery code works once: the teacher chooses a new PIN (and
                    // gets a new code) next.
                    if scope == PinScope::Recovery {
                        b.teacher = None;
                        b.recovery = None;
                    }
                });
                if let Some(who) = scope.who() {
                    self.sign_in(who);
                }
                Unlock::Opened
            }
            Ok(false) => match self.lock_state(scope) {
                Some(LockState::Wait(ms)) => Unlock::Wait(ms),
                Some(LockState::Open { tries_left }) => Unlock::Wrong(tries_left),
                None => Unlock::NoPin,
            },
            Err(e) => Unlock::Failed(e),
        }
    }

    /// Notes that the person is still here (called on key and pointer input).
    fn touch(&self) {
        if let Some(who) = self.who.get_untracked() {
            let t = js_sys::Date::now();
            let last = read_stored().map(|s| s.active).unwrap_or(0.0);
            if t - last > 1000.0 {
                write_stored(Some(who), t);
            }
        }
    }

    /// Locks the device when it has been idle longer than the teacher allows.
    fn check_idle(&self) -> bool {
        if self.who.get_untracked().is_none() {
            return false;
        }
        let minutes = self.book.with_untracked(PinBook::idle);
        let last = read_stored().map(|s| s.active).unwrap_or(0.0);
        if js_sys::Date::now() - last > f64::from(minutes) * 60_000.0 {
            self.sign_out();
            self.auto_locked.set(Some(minutes));
            true
        } else {
            false
        }
    }
}

/// Loads the PIN record and this tab's session, and starts the idle check.
pub fn provide_session(storage: StorageState, router: super::RouterState) -> SessionState {
    let state = SessionState {
        who: RwSignal::new(None),
        book: RwSignal::new(PinBook::default()),
        book_error: RwSignal::new(None),
        auto_locked: RwSignal::new(None),
        storage,
    };
    let _ = state.fresh_book();
    if let Some(s) = read_stored() {
        state.who.set(Some(s.who));
        if state.check_idle() {
            router.navigate("/");
        }
    }
    for event in ["pointerdown", "keydown"] {
        let handle = window_event_listener_untyped(event, move |_| state.touch());
        on_cleanup(move || handle.remove());
    }
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if state.check_idle() {
                router.navigate("/");
            }
        },
        std::time::Duration::from_secs(5),
    ) {
        on_cleanup(move || handle.clear());
    }
    provide_context(state);
    state
}

/// The session provided by [`provide_session`].
pub fn use_session() -> SessionState {
    expect_context::<SessionState>()
}
