//! Reactive state built from storage and shared through context.

mod app_shell;
pub mod crypto;
pub mod drafts;
pub mod edit_sync;
pub mod files;
pub mod folder;
mod prefs;
mod records;
mod router;
pub mod seals;
mod session;

pub use app_shell::{provide_app_shell, restore_typed_text, use_app_shell, AppShellState};
pub use prefs::{provide_prefs, use_prefs, Prefs, PrefsState};
pub use records::{provide_records, use_records, RecordsState};
pub use router::{
    provide_router, relative_path, use_router, Route, RouterState, StudentView, TeacherView,
};
pub use session::{provide_session, use_session, LockWait, PinScope, SessionState, Unlock, Who};

use leptos::prelude::*;

use crate::domain::{Actor, Ctx, Day, Id, Timestamp};
use crate::storage::{StorageError, Store};

/// Now, as the domain's clock.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// Today in this device's time zone (a goal due "today" is due on the wall calendar).
pub fn today() -> Day {
    let d = js_sys::Date::new_0();
    Day::from_ymd(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_else(|_| now().day())
}

/// Who is acting, on this device, now.
pub fn ctx_for(records: RecordsState, by: Actor) -> Ctx {
    Ctx::new(by, records.device(), now())
}

/// Who is acting: the teacher of this device's class (the class id names the teacher
/// until teacher profiles exist), on this device, now.
pub fn teacher_ctx(records: RecordsState) -> Ctx {
    let teacher = records
        .data
        .with_untracked(|d| {
            d.classes
                .iter()
                .find(|c| !c.meta.deleted)
                .map(|c| c.meta.id)
        })
        .unwrap_or_else(Id::new_v4);
    ctx_for(records, Actor::teacher(teacher))
}

/// The app's handle on storage plus the problems the user has not dismissed yet.
#[derive(Clone, Copy)]
pub struct StorageState {
    /// `None` when the browser does not let us store anything.
    pub store: StoredValue<Option<Store>, LocalStorage>,
    /// Problems to show in the storage banner, newest last.
    pub problems: RwSignal<Vec<StorageError>>,
}

impl StorageState {
    /// Runs `f` with the store, or returns `None` when storage is unavailable.
    pub fn with_store<R>(&self, f: impl FnOnce(&Store) -> R) -> Option<R> {
        self.store.with_value(|s| s.as_ref().map(f))
    }

    /// Records a problem so the banner shows it (the same problem is shown once).
    pub fn report(&self, error: StorageError) {
        self.problems.update(|p| {
            if !p.contains(&error) {
                p.push(error);
            }
        });
    }
}

/// Opens storage once at start-up and provides [`StorageState`] to the whole app.
pub fn provide_storage() -> StorageState {
    let problems = RwSignal::new(Vec::new());
    let store = match Store::local() {
        Ok(store) => Some(store),
        Err(e) => {
            problems.update(|p| p.push(e));
            None
        }
    };
    let state = StorageState {
        store: StoredValue::new_local(store),
        problems,
    };
    provide_context(state);
    state
}

/// Provides what every page stands on, in order: storage, preferences, the learning
/// record, the router and the session. Returns the router. (`App` adds the app shell;
/// tests and benches mount pages on this alone.)
pub fn provide_app_state() -> RouterState {
    let storage = provide_storage();
    provide_prefs(storage);
    let records = provide_records(storage);
    let router = provide_router();
    let session = provide_session(storage, router);
    folder::provide_folder(records, session);
    router
}

/// The storage state provided by [`provide_storage`].
pub fn use_storage() -> StorageState {
    expect_context::<StorageState>()
}
