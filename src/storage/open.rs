//! Opening the stored learning record: the migration that is due, then the load.
//!
//! The one way in at start (and after an import): [`open_records`] decides and runs any
//! migration ([`migrate::run_due`]), reads every record, and saves the metadata of a
//! device seen for the first time. It never writes over data it could not read nor over
//! data of a newer schema. The caller only reports what [`Opened`] says happened.

use super::migrate::{self, Migration};
use super::records::{self, LastRead, Loaded};
use super::{Backend, StorageError};

/// What opening the stored learning record found and did.
#[derive(Debug)]
pub struct Opened {
    /// The migration that was due and how it went; `None` when none was.
    pub migration: Option<Migration>,
    /// What was read (records, values kept unread, this device's metadata), or why
    /// storage could not be read at all.
    pub loaded: Result<Loaded, StorageError>,
    /// What was read of each record, for this tab's saves and other tabs' changes.
    pub seen: LastRead,
    /// Why this device's new metadata could not be saved, if it could not.
    pub meta_unsaved: Option<StorageError>,
}

impl Opened {
    /// Why saving must stay off: the data comes from a newer Wayfinder, or a schema step
    /// failed and older records are still stored as they were.
    pub fn read_only(&self) -> Option<&StorageError> {
        self.loaded
            .as_ref()
            .ok()
            .and_then(|l| l.newer.as_ref())
            .or_else(|| self.migration.as_ref().and_then(Migration::blocks_saving))
    }
}

/// Runs whatever migration is due, then reads the device metadata and every record.
/// `new_device_id` names this device when it has no metadata yet; that new metadata is
/// saved at once (never when the stored data is of a newer version).
pub fn open_records(backend: &dyn Backend, new_device_id: impl FnOnce() -> String) -> Opened {
    // Version 1's records move into buckets one bucket at a time (each old key goes only
    // once its bucket reads back); if that stops half-way (storage full), everything is
    // still read from where it is.
    let migration = migrate::run_due(backend);
    let mut seen = LastRead::default();
    let loaded = records::load_all(backend, new_device_id, &mut seen);
    let meta_unsaved = match &loaded {
        Ok(l) if l.meta_is_new && l.newer.is_none() => records::save_meta(backend, &l.meta).err(),
        _ => None,
    };
    Opened {
        migration,
        loaded,
        seen,
        meta_unsaved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::migrate::stored_version;
    use crate::storage::records::META_KEY;
    use crate::storage::{MemoryBackend, SCHEMA_VERSION};

    const V1: &str = include_str!("../../tests/fixtures/v1-storage.json");

    fn with(pairs: &[(&str, &str)]) -> MemoryBackend {
        let b = MemoryBackend::default();
        for (k, v) in pairs {
            b.set(k, v).unwrap();
        }
        b
    }

    #[test]
    fn a_new_device_gets_its_metadata_saved() {
        let b = MemoryBackend::default();
        let opened = open_records(&b, || "dev9".into());
        assert_eq!(opened.migration, None);
        assert_eq!(opened.meta_unsaved, None);
        assert_eq!(opened.read_only(), None);
        let loaded = opened.loaded.unwrap();
        assert!(loaded.meta_is_new && loaded.data.is_empty());
        assert!(b.get(META_KEY).unwrap().unwrap().contains("dev9"));
        assert_eq!(stored_version(&b), Ok(Some(SCHEMA_VERSION)));
    }

    #[test]
    fn version_1_data_is_packed_then_read_whole() {
        let pairs: Vec<(String, String)> = serde_json::from_str(V1).unwrap();
        let b = MemoryBackend::default();
        for (k, v) in &pairs {
            b.set(k, v).unwrap();
        }
        let opened = open_records(&b, || "new".into());
        match &opened.migration {
            Some(Migration::Packed {
                from: 1,
                result: Ok(n),
            }) => assert!(*n > 50, "{n}"),
            other => panic!("expected version 1 to be packed, got {other:?}"),
        }
        assert_eq!(opened.read_only(), None);
        let loaded = opened.loaded.unwrap();
        assert!(loaded.unreadable.is_empty() && !loaded.meta_is_new);
        assert_eq!(loaded.data.len(), pairs.len() - 1);
        assert_eq!(stored_version(&b), Ok(Some(SCHEMA_VERSION)));
    }

    #[test]
    fn data_of_a_newer_version_is_read_and_never_written() {
        let b = with(&[
            (META_KEY, r#"{"app":"wayfinder","v":9,"data":{"d":"abc"}}"#),
            // an own key of a bucketed kind: current data would have it packed
            (
                "wayfinder:r:j:AAAAAAAAAAAAAAAAAAAAAA",
                r#"{"i":"AAAAAAAAAAAAAAAAAAAAAA","t":"I tried"}"#,
            ),
        ]);
        let before = b.snapshot();
        let opened = open_records(&b, || "new".into());
        assert_eq!(opened.migration, None);
        assert!(matches!(
            opened.read_only(),
            Some(StorageError::NewerVersion { found: 9, .. })
        ));
        assert_eq!(opened.loaded.unwrap().meta.device, "abc");
        assert_eq!(b.snapshot(), before);
    }

    #[test]
    fn unreadable_metadata_is_kept_byte_for_byte() {
        let b = with(&[(META_KEY, "{\"app\":\"wayfinder\",\"v\":2,\"da")]);
        let before = b.snapshot();
        let opened = open_records(&b, || "new".into());
        let loaded = opened.loaded.unwrap();
        assert_eq!(loaded.unreadable.len(), 1);
        assert_eq!(loaded.unreadable[0].key, META_KEY);
        assert!(!loaded.meta_is_new);
        assert_eq!(b.snapshot(), before);
    }

    #[test]
    fn a_failed_schema_step_keeps_saving_off_unless_newer_data_says_so_first() {
        let step_failed = || {
            Some(Migration::Stepped {
                from: 0,
                result: Err(StorageError::QuotaExceeded),
            })
        };
        let opened = Opened {
            migration: step_failed(),
            loaded: Ok(Loaded::default()),
            seen: LastRead::default(),
            meta_unsaved: None,
        };
        assert_eq!(opened.read_only(), Some(&StorageError::QuotaExceeded));
        let newer = StorageError::NewerVersion {
            key: META_KEY.into(),
            found: 9,
            supported: SCHEMA_VERSION,
        };
        let opened = Opened {
            migration: step_failed(),
            loaded: Ok(Loaded {
                newer: Some(newer.clone()),
                ..Loaded::default()
            }),
            seen: LastRead::default(),
            meta_unsaved: None,
        };
        assert_eq!(opened.read_only(), Some(&newer));
    }
}
