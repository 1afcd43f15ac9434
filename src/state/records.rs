//! The learning record as reactive state: loaded once from storage, saved one record at
//! a time, kept in step with other tabs through the `storage` event.

use std::collections::HashMap;

use leptos::ev;
use leptos::prelude::*;

use super::StorageState;
use crate::domain::{ClassData, Ctx, DomainError, Id, InClass, Record};
use crate::storage::migrate::Migration;
use crate::storage::records::{
    self, apply_external, save_meta, DeviceMeta, LastRead, Saved, Unreadable,
};
use crate::storage::{open_records, StorageError, Store, Usage};
use crate::words::sentence;

/// What a change says when its record is gone (deleted here, in another tab, or by a
/// sync).
pub const GONE: &str = "This could not be found any more. It may have been deleted.";

/// The learning record in context.
#[derive(Clone, Copy)]
pub struct RecordsState {
    /// Every record this device holds.
    pub data: RwSignal<ClassData>,
    /// Records that could not be read (kept in storage untouched, listed for recovery).
    pub unreadable: RwSignal<Vec<Unreadable>>,
    /// Set when the stored data comes from a newer Wayfinder: saving is off.
    pub read_only: RwSignal<Option<StorageError>>,
    /// Changes that could not be saved yet (storage full): kept for "Try again".
    pub unsaved: RwSignal<ClassData>,
    /// Set when the saved data was removed in another tab or by the browser while this
    /// tab held it: the tab keeps it on screen, read-only, until the user chooses.
    pub removed_elsewhere: RwSignal<bool>,
    /// This device's id and housekeeping.
    pub meta: RwSignal<DeviceMeta>,
    /// How much of the browser's space Wayfinder uses, after the last change (`None`
    /// when storage cannot be used).
    pub space: Memo<Option<Usage>>,
    seen: StoredValue<LastRead, LocalStorage>,
    /// Forms that create records: the id (and text) of the change each is saving.
    pending: StoredValue<HashMap<String, (Id, String)>, LocalStorage>,
    storage: StorageState,
}

fn new_device_id() -> String {
    Id::new_v4().to_string().chars().take(8).collect()
}

impl RecordsState {
    /// This device's short id, for version vectors.
    pub fn device(&self) -> String {
        self.meta.with_untracked(|m| m.device.clone())
    }

    /// The change-and-save sequence the pages share: runs `rule` on a copy of the record
    /// `id`, as `ctx`'s person, then saves it. `Err` is the sentence to show (the record
    /// is gone, the rule refused the change, or saving failed); the rule's refusal saves
    /// nothing, and a failed save stays on screen for "Try again" as [`Self::save`] says.
    pub fn change<T, R>(
        &self,
        id: Id,
        ctx: &Ctx,
        rule: impl FnOnce(&mut T, &Ctx) -> Result<R, DomainError>,
    ) -> Result<R, String>
    where
        T: InClass + Clone + Send + Sync + 'static,
    {
        let Some(mut record) = self
            .data
            .with_untracked(|d| d.get::<T>(id).filter(|r| !r.meta().deleted).cloned())
        else {
            return Err(GONE.into());
        };
        let said = rule(&mut record, ctx).map_err(sentence)?;
        self.save(record).map_err(sentence)?;
        Ok(said)
    }

    /// Saves one record and shows it. On failure the change stays on screen, the banner
    /// says it was not saved, and "Try again" can save it later.
    pub fn save<T: InClass + Send + Sync + 'static>(&self, record: T) -> Result<(), StorageError> {
        if let Some(e) = self.read_only.get_untracked() {
            self.data.update(|d| d.put(record));
            return Err(e);
        }
        let result = self
            .storage
            .with_store(|store| {
                self.seen
                    .try_update_value(|seen| records::save_record(store.backend(), &record, seen))
                    .unwrap_or(Err(StorageError::Unavailable))
            })
            .unwrap_or(Err(StorageError::Unavailable));
        match result {
            Ok(Saved::Written) => {
                self.no_longer_waiting::<T>(record.id());
                self.data.update(|d| d.put(record));
                Ok(())
            }
            Ok(Saved::Merged(merged)) | Ok(Saved::TheirsNewer(merged)) => {
                self.no_longer_waiting::<T>(record.id());
                self.data.update(|d| d.put(merged));
                Ok(())
            }
            Err(e) => {
                self.unsaved.update(|u| u.put(record.clone()));
                self.data.update(|d| d.put(record));
                self.storage.report(e.clone());
                Err(e)
            }
        }
    }

    /// A record that waited (storage full) is saved now. When nothing waits any more, the
    /// "storage is full" message goes too: what it warned about is stored.
    fn no_longer_waiting<T: InClass>(&self, id: Id) {
        let waited = self
            .unsaved
            .with_untracked(|u| T::list(u).iter().any(|r| r.id() == id));
        if !waited {
            return;
        }
        self.unsaved
            .update(|u| T::list_mut(u).retain(|r| r.id() != id));
        if self.unsaved.with_untracked(ClassData::is_empty) {
            self.storage
                .problems
                .update(|p| p.retain(|e| *e != StorageError::QuotaExceeded));
        }
    }

    /// The id for the new record a form is about to save. Pressing "Save" again after a
    /// save failed (storage full) is the same change, not a second one: while that record
    /// still waits, or the form still holds the text it tried, it gets the same id, so
    /// the waiting copy is replaced rather than joined by a twin. `form` names the form
    /// and its student; `content` is what it would save.
    pub fn new_record_id<T: InClass>(&self, form: &str, content: &str) -> Id {
        let kept = self.pending.with_value(|p| p.get(form).cloned());
        let id = match kept {
            Some((id, tried))
                if tried == content
                    || self
                        .unsaved
                        .with_untracked(|u| T::list(u).iter().any(|r| r.id() == id)) =>
            {
                id
            }
            _ => Id::new_v4(),
        };
        self.pending.update_value(|p| {
            p.insert(form.to_string(), (id, content.to_string()));
        });
        id
    }

    /// The form's record was saved: its next one is a new record.
    pub fn new_record_saved(&self, form: &str) {
        self.pending.update_value(|p| {
            p.remove(form);
        });
    }

    /// Tries to save every change that could not be saved before.
    pub fn retry_unsaved(&self) -> Result<(), StorageError> {
        let pending = self.unsaved.get_untracked();
        let mut result = Ok(());
        macro_rules! retry_kind {
            ($f:ident, $t:ty) => {
                for r in pending.$f {
                    if let Err(e) = self.save(r) {
                        result = Err(e);
                    }
                }
            };
        }
        crate::domain::data::for_each_kind!(retry_kind);
        if result.is_ok() {
            self.storage
                .problems
                .update(|p| p.retain(|e| *e != StorageError::QuotaExceeded));
        }
        result
    }

    /// Refuses, before anything is written, when writing `data` (an import) needs more
    /// space than the browser has left ([`StorageError::NoRoom`] says both figures).
    pub fn check_room_for(&self, data: &ClassData) -> Result<(), StorageError> {
        self.storage
            .with_store(|store| records::stage_all(store.backend(), data)?.check_room())
            .unwrap_or(Err(StorageError::Unavailable))
    }

    /// Writes many records at once (an import, the sample class), all or nothing: when
    /// it fails, storage is as it was. Then reads everything again.
    pub fn write_all(&self, data: &ClassData) -> Result<usize, StorageError> {
        if let Some(e) = self.read_only.get_untracked() {
            return Err(e);
        }
        let result = self
            .storage
            .with_store(|store| records::save_all_at_once(store.backend(), data))
            .unwrap_or(Err(StorageError::Unavailable));
        self.reload();
        result
    }

    /// Removes every sample record from this device. They go from storage, not as
    /// tombstones: sample data must never travel to another device.
    pub fn discard_demo(&self) {
        let keys = self.data.with_untracked(|d| {
            let mut keys = Vec::new();
            macro_rules! demo_keys {
                ($f:ident, $t:ty) => {
                    for r in d.$f.iter().filter(|r| r.meta().demo) {
                        keys.push(records::location(r));
                    }
                };
            }
            crate::domain::data::for_each_kind!(demo_keys);
            keys
        });
        let _ = self.storage.with_store(|store| {
            if let Err(e) = records::discard(store.backend(), &keys) {
                self.storage.report(e);
            }
        });
        self.reload();
    }

    /// Storage was cleared from outside (another tab's `localStorage.clear()`, or the
    /// browser). When this tab holds data and the stored data is gone, it keeps what it
    /// holds on screen, writes nothing, and asks ([`RecordsState::put_back`]); a tab
    /// that held nothing just reads again.
    fn storage_cleared(&self) {
        let held = self.data.with_untracked(|d| !d.is_empty());
        let still_stored = self
            .storage
            .with_store(|s| s.backend().get(records::META_KEY).ok().flatten().is_some())
            .unwrap_or(false);
        if !held || still_stored {
            self.reload();
            return;
        }
        if self.read_only.with_untracked(Option::is_none) {
            self.read_only.set(Some(StorageError::RemovedElsewhere));
        }
        self.removed_elsewhere.set(true);
    }

    /// The user chose to put back what this tab holds after the stored data was removed
    /// elsewhere: every record and this device's metadata are written again, all or
    /// nothing, and saving is on again.
    pub fn put_back(&self) -> Result<usize, StorageError> {
        let data = self.data.get_untracked();
        let meta = self.meta.get_untracked();
        let result = self
            .storage
            .with_store(|store| {
                let n = records::save_all_at_once(store.backend(), &data)?;
                save_meta(store.backend(), &meta)?;
                Ok(n)
            })
            .unwrap_or(Err(StorageError::Unavailable));
        if result.is_ok() {
            self.leave_removed();
        }
        result
    }

    /// The user chose: saving is on again and the data is read from storage (after
    /// "put it back", or "leave it removed").
    pub fn leave_removed(&self) {
        if self.read_only.get_untracked() == Some(StorageError::RemovedElsewhere) {
            self.read_only.set(None);
        }
        self.removed_elsewhere.set(false);
        self.reload();
    }

    /// Reads everything again (after an import, or "start fresh").
    pub fn reload(&self) {
        let _ = self.storage.with_store(|store| load_into(*self, store));
    }
}

fn load_into(state: RecordsState, store: &Store) {
    let opened = open_records(store.backend(), new_device_id);
    if let Some(e) = opened.migration.as_ref().and_then(Migration::error) {
        state.storage.report(e.clone());
    }
    if let Some(e) = opened.read_only() {
        state.read_only.set(Some(e.clone()));
    }
    if let Some(e) = opened.meta_unsaved {
        state.storage.report(e);
    }
    match opened.loaded {
        Ok(loaded) => {
            if let Some(e) = &loaded.newer {
                state.storage.report(e.clone());
            }
            if let Some(first) = loaded.unreadable.first() {
                state.storage.report(StorageError::Unreadable {
                    key: first.key.clone(),
                    raw: first.raw.clone(),
                    reason: format!("{} record(s) could not be read", loaded.unreadable.len()),
                });
            }
            state.seen.set_value(opened.seen);
            state.meta.set(loaded.meta);
            state.unreadable.set(loaded.unreadable);
            state.data.set(loaded.data);
        }
        Err(e) => state.storage.report(e),
    }
}

/// Loads the learning record and provides [`RecordsState`]; follows other tabs.
pub fn provide_records(storage: StorageState) -> RecordsState {
    let data = RwSignal::new(ClassData::default());
    let space = Memo::new(move |_| {
        data.track();
        storage.with_store(|s| s.usage().ok()).flatten()
    });
    let state = RecordsState {
        data,
        space,
        unreadable: RwSignal::new(Vec::new()),
        read_only: RwSignal::new(None),
        unsaved: RwSignal::new(ClassData::default()),
        removed_elsewhere: RwSignal::new(false),
        meta: RwSignal::new(DeviceMeta::default()),
        seen: StoredValue::new_local(LastRead::default()),
        pending: StoredValue::new_local(HashMap::new()),
        storage,
    };
    state.reload();
    let handle = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        match e.key() {
            // `localStorage.clear()` in another tab.
            None => state.storage_cleared(),
            Some(key)
                if key.starts_with(records::RECORD_PREFIX)
                    || key.starts_with(records::BUCKET_PREFIX) =>
            {
                let new_value = e.new_value();
                let mut outcome = None;
                state.seen.update_value(|seen| {
                    state.data.update(|d| {
                        outcome = Some(apply_external(d, seen, &key, new_value.as_deref()));
                    });
                });
                if let Some(Err(bad)) = outcome {
                    state.unreadable.update(|u| {
                        u.retain(|x| x.key != bad.key);
                        u.push(bad);
                    });
                }
            }
            Some(_) => {}
        }
    });
    on_cleanup(move || handle.remove());
    provide_context(state);
    state
}

/// The learning record provided by [`provide_records`].
pub fn use_records() -> RecordsState {
    expect_context::<RecordsState>()
}
