//! What this tab last read or wrote of each record: how a save notices that another tab
//! changed a record meanwhile, and how a change from another tab is told from our own.

use super::{record_key, RECORD_PREFIX};
use crate::domain::{Id, Record};
use wayfinder_read::{fingerprint, Fingerprints, KeyMap, RecordSlot};

/// What this tab last read or wrote for each record (by [`record_key`]).
///
/// A record key of a known shape is kept as its kind and id (no string to build or hash
/// for each of the class-year's 26,000 records at start); any other key as it is.
#[derive(Debug, Default, Clone)]
pub struct LastRead {
    pub(super) records: Fingerprints,
    pub(super) other: KeyMap<String, u64>,
}

/// The slot of a key spelled exactly as [`record_key`] spells it.
fn slot_of_key(key: &str) -> Option<RecordSlot> {
    let (kind, id) = key.strip_prefix(RECORD_PREFIX)?.split_once(':')?;
    RecordSlot::new(kind, Id::parse(id).ok()?)
}

impl LastRead {
    /// Remembers `raw` as the current text of `key`.
    pub fn note(&mut self, key: &str, raw: &str) {
        match slot_of_key(key) {
            Some(slot) => self.records.insert(slot, fingerprint(raw)),
            None => {
                self.other.insert(key.to_string(), fingerprint(raw));
            }
        }
    }

    /// [`LastRead::note`] for the record of kind `T` with `id`, without making its key.
    pub fn note_record<T: Record>(&mut self, id: Id, raw: &str) {
        match RecordSlot::new(T::KIND.as_str(), id) {
            Some(slot) => self.records.insert(slot, fingerprint(raw)),
            None => {
                self.other.insert(record_key::<T>(id), fingerprint(raw));
            }
        }
    }

    /// What was last seen of the record of kind `T` with `id`, without making its key.
    pub(super) fn get_record<T: Record>(&self, id: Id) -> Option<u64> {
        match RecordSlot::new(T::KIND.as_str(), id) {
            Some(slot) => self.records.get(&slot),
            None => self.other.get(&record_key::<T>(id)).copied(),
        }
    }

    /// What was last seen under `key`.
    pub(super) fn get(&self, key: &str) -> Option<u64> {
        match slot_of_key(key) {
            Some(slot) => self.records.get(&slot),
            None => self.other.get(key).copied(),
        }
    }

    /// True when `raw` is what this tab last saw under `key`.
    pub fn is_current(&self, key: &str, raw: &str) -> bool {
        self.get(key) == Some(fingerprint(raw))
    }
}
