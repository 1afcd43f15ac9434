//! The only code that touches the browser's storage.
//!
//! Values live under typed [`Key`]s with one prefix, each in a versioned envelope. Reads
//! that fail are reported and the key is then *blocked*: Wayfinder never writes over data
//! it could not read until the user decides what to do with it.
//!
//! The learning record ([`records`]) is opened with [`open_records`], which runs whatever
//! migration is due ([`migrate`]) before it reads.

mod backend;
mod envelope;
mod error;
pub mod exchange;
pub mod folder;
pub mod folder_dir;
pub mod idb;
pub mod migrate;
mod open;
pub use wayfinder_read::pack;
pub mod records;
pub mod staged;
pub mod tab;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::Serialize;

pub use backend::{Backend, LocalBackend, MemoryBackend, QUOTA_UNITS};
pub use envelope::{decode, encode, encode_versioned, APP_ID, SCHEMA_VERSION};
pub use error::StorageError;
pub use open::{open_records, Opened};

/// Every key Wayfinder stores starts with this.
pub const PREFIX: &str = "wayfinder:";

/// The typed keys Wayfinder stores. Adding a key means adding a variant here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// Display preferences of this device (text size).
    Prefs,
    /// This device's PINs (hashed) and lock settings. Never exported.
    Pins,
}

impl Key {
    /// The full localStorage key.
    pub fn name(&self) -> String {
        match self {
            Key::Prefs => format!("{PREFIX}prefs"),
            Key::Pins => format!("{PREFIX}pins"),
        }
    }
}

/// Storage use of Wayfinder's keys against the browser's quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// UTF-16 code units used by our keys and values.
    pub units: usize,
    /// The quota in the same units.
    pub quota: usize,
}

impl Usage {
    /// Whole percent of the quota in use.
    pub fn percent(&self) -> usize {
        (self.units * 100).checked_div(self.quota).unwrap_or(100)
    }

    /// From 80 % the user is warned to export and tidy up.
    pub fn is_nearly_full(&self) -> bool {
        self.units * 5 >= self.quota * 4
    }

    /// Units still free under the quota.
    pub fn free(&self) -> usize {
        self.quota.saturating_sub(self.units)
    }
}

/// Typed, versioned access to a [`Backend`]. Cheap to clone; clones share blocked keys.
#[derive(Clone)]
pub struct Store {
    backend: Rc<dyn Backend>,
    blocked: Rc<RefCell<BTreeSet<String>>>,
}

impl Store {
    /// A store over any backend.
    pub fn new(backend: Rc<dyn Backend>) -> Self {
        Self {
            backend,
            blocked: Rc::default(),
        }
    }

    /// The browser's localStorage, or the reason it cannot be used.
    pub fn local() -> Result<Self, StorageError> {
        Ok(Self::new(Rc::new(LocalBackend::open()?)))
    }

    /// The backend, for the record store (which keeps its own key layout).
    pub fn backend(&self) -> &dyn Backend {
        self.backend.as_ref()
    }

    /// Removes a key the user chose to discard (after offering a download).
    /// A key may name one line of a bucket (`<bucket key>#<id>`, see [`records::discard`]).
    pub fn discard(&self, key: &str) -> Result<(), StorageError> {
        self.blocked.borrow_mut().remove(key);
        records::discard(self.backend.as_ref(), &[key.to_string()])
    }

    /// Reads the value under `key`. `Ok(None)` when nothing is stored. An unreadable or
    /// newer value blocks the key against writes until [`Store::release`] is called.
    pub fn load<T: DeserializeOwned>(&self, key: &Key) -> Result<Option<T>, StorageError> {
        let name = key.name();
        let Some(raw) = self.backend.get(&name)? else {
            return Ok(None);
        };
        decode(&name, &raw).map(Some).inspect_err(|e| {
            if e.keeps_data() {
                self.blocked.borrow_mut().insert(name.clone());
            }
        })
    }

    /// Saves `value` under `key`, unless that key holds data we could not read.
    pub fn save<T: Serialize>(&self, key: &Key, value: &T) -> Result<(), StorageError> {
        let name = key.name();
        if self.blocked.borrow().contains(&name) {
            let raw = self.backend.get(&name)?.unwrap_or_default();
            return Err(StorageError::Unreadable {
                key: name,
                raw,
                reason: "kept as it was until you decide what to do with it".into(),
            });
        }
        self.backend.set(&name, &encode(value)?)
    }

    /// The user decided: unblock `key` so the next save may replace what is there.
    pub fn release(&self, key: &Key) {
        self.blocked.borrow_mut().remove(&key.name());
    }

    /// Removes every Wayfinder key from this browser (the end of the year). Other sites'
    /// and apps' keys stay. Returns how many keys went.
    pub fn remove_all(&self) -> Result<usize, StorageError> {
        let ours: Vec<String> = self
            .backend
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(PREFIX))
            .collect();
        for k in &ours {
            self.backend.remove(k)?;
        }
        self.blocked.borrow_mut().clear();
        Ok(ours.len())
    }

    /// How much of the quota Wayfinder's keys use.
    pub fn usage(&self) -> Result<Usage, StorageError> {
        self.units_where(|k| k.starts_with(PREFIX))
    }

    /// How much of the quota every key of this site uses, Wayfinder's or not: what is
    /// left is all a write can use.
    pub fn usage_of_all(&self) -> Result<Usage, StorageError> {
        self.units_where(|_| true)
    }

    fn units_where(&self, counts: impl Fn(&str) -> bool) -> Result<Usage, StorageError> {
        let mut units = 0;
        for k in self.backend.keys()? {
            if counts(&k) {
                units += k.encode_utf16().count() + self.backend.value_units(&k)?;
            }
        }
        Ok(Usage {
            units,
            quota: QUOTA_UNITS,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Prefs {
        large: bool,
    }

    fn store() -> (Rc<MemoryBackend>, Store) {
        let b = Rc::new(MemoryBackend::default());
        (b.clone(), Store::new(b))
    }

    #[test]
    fn nothing_stored_is_none() {
        let (_, s) = store();
        assert_eq!(s.load::<Prefs>(&Key::Prefs), Ok(None));
    }

    #[test]
    fn saved_values_load_back() {
        let (_, s) = store();
        s.save(&Key::Prefs, &Prefs { large: true }).unwrap();
        assert_eq!(s.load(&Key::Prefs), Ok(Some(Prefs { large: true })));
    }

    #[test]
    fn unreadable_values_block_saves_and_stay_byte_identical() {
        let (b, s) = store();
        b.set("wayfinder:prefs", "{\"broken").unwrap();
        assert!(matches!(
            s.load::<Prefs>(&Key::Prefs),
            Err(StorageError::Unreadable { .. })
        ));
        assert!(s.save(&Key::Prefs, &Prefs { large: false }).is_err());
        assert_eq!(
            b.get("wayfinder:prefs").unwrap().as_deref(),
            Some("{\"broken")
        );
        s.release(&Key::Prefs);
        s.save(&Key::Prefs, &Prefs { large: false }).unwrap();
        assert_eq!(s.load(&Key::Prefs), Ok(Some(Prefs { large: false })));
    }

    #[test]
    fn newer_versions_block_saves_too() {
        let (b, s) = store();
        let newer = r#"{"app":"wayfinder","v":7,"data":{}}"#;
        b.set("wayfinder:prefs", newer).unwrap();
        assert!(matches!(
            s.load::<Prefs>(&Key::Prefs),
            Err(StorageError::NewerVersion { found: 7, .. })
        ));
        assert!(s.save(&Key::Prefs, &Prefs { large: true }).is_err());
        assert_eq!(b.get("wayfinder:prefs").unwrap().as_deref(), Some(newer));
    }

    #[test]
    fn quota_errors_surface_and_keep_the_old_value() {
        let b = Rc::new(MemoryBackend::with_quota(80));
        let s = Store::new(b.clone());
        s.save(&Key::Prefs, &Prefs { large: true }).unwrap();
        let big = "x".repeat(100);
        assert_eq!(s.save(&Key::Prefs, &big), Err(StorageError::QuotaExceeded));
        assert_eq!(s.load(&Key::Prefs), Ok(Some(Prefs { large: true })));
    }

    #[test]
    fn remove_all_takes_only_our_keys() {
        let (b, s) = store();
        b.set("other-app", "keep me").unwrap();
        b.set("wayfinder:a", "1").unwrap();
        b.set("wayfinder:r:g:x", "2").unwrap();
        assert_eq!(s.remove_all(), Ok(2));
        assert_eq!(b.keys().unwrap(), vec!["other-app".to_string()]);
    }

    #[test]
    fn usage_counts_only_our_keys() {
        let (b, s) = store();
        b.set("other-app", &"x".repeat(1000)).unwrap();
        b.set("wayfinder:a", "12345").unwrap();
        let u = s.usage().unwrap();
        assert_eq!(u.units, "wayfinder:a".len() + 5);
        assert!(!u.is_nearly_full());
        let full = Usage {
            units: QUOTA_UNITS * 4 / 5,
            quota: QUOTA_UNITS,
        };
        assert!(full.is_nearly_full());
        assert_eq!(full.percent(), 80);
    }
}
