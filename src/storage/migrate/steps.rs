//! The schema steps: moving stored records to a newer schema, safely: every stored value is copied to a
//! backup key first, every record is migrated in memory by pure steps, and only then is
//! anything written. The backup is removed only once everything succeeded; if a write
//! fails half-way, the old values are put back.

use serde_json::Value;

use crate::storage::records::{META_KEY, RECORD_PREFIX};
use crate::storage::{encode_versioned, Backend, StorageError};

/// One step: a record of kind `kind` stored by version `n` becomes version `n + 1`.
pub type Step = fn(kind: &str, record: Value) -> Result<Value, String>;

/// The real steps; `STEPS[i]` migrates from version `i + 1`. A new schema adds its step
/// here and a fixture of the old data in tests.
pub const STEPS: &[Step] = &[same_record];

/// 1 → 2: a record's JSON did not change, only where it lives (version 2 keeps students'
/// work in packed buckets; [`super::pack_legacy`] moves it). Record keys that
/// remain are migrated by later steps here; a step that changes a bucketed kind must
/// also unpack its buckets.
fn same_record(_kind: &str, record: Value) -> Result<Value, String> {
    Ok(record)
}

/// Where the pre-migration copy lives until the migration succeeded.
pub const BACKUP_KEY: &str = "wayfinder:backup";

/// The schema version recorded in the stored device metadata, if any.
pub fn stored_version(backend: &dyn Backend) -> Result<Option<u32>, StorageError> {
    let Some(raw) = backend.get(META_KEY)? else {
        return Ok(None);
    };
    Ok(serde_json::from_str::<Value>(&raw)
        .ok()
        .and_then(|v| v.get("v")?.as_u64())
        .and_then(|v| u32::try_from(v).ok()))
}

/// Migrates every record from version `from` to `to` with `steps`. Returns how many
/// records were rewritten. On any error the stored records are as they were.
pub fn migrate_stored(
    backend: &dyn Backend,
    from: u32,
    to: u32,
    steps: &[Step],
) -> Result<usize, StorageError> {
    if from >= to {
        return Ok(0);
    }
    let mut originals = Vec::new();
    for key in backend.keys()? {
        if key.starts_with(RECORD_PREFIX) || key == META_KEY {
            if let Some(v) = backend.get(&key)? {
                originals.push((key, v));
            }
        }
    }
    // 1. The backup, before anything changes (a full storage stops us here, unchanged).
    let backup = serde_json::json!({ "from": from, "items": originals }).to_string();
    backend.set(BACKUP_KEY, &backup)?;
    // 2. Everything migrated in memory.
    let mut migrated = Vec::with_capacity(originals.len());
    for (key, raw) in &originals {
        if key == META_KEY {
            continue;
        }
        let kind = key[RECORD_PREFIX.len()..].split(':').next().unwrap_or("");
        let mut value: Value = serde_json::from_str(raw).map_err(|e| StorageError::Unreadable {
            key: key.clone(),
            raw: raw.clone(),
            reason: e.to_string(),
        })?;
        for version in from..to {
            // Version 0 was never written: no step leads from it.
            let step = (version as usize)
                .checked_sub(1)
                .and_then(|i| steps.get(i))
                .ok_or_else(|| {
                    StorageError::Other(format!("no migration from version {version}"))
                })?;
            value = step(kind, value).map_err(|reason| StorageError::Unreadable {
                key: key.clone(),
                raw: raw.clone(),
                reason,
            })?;
        }
        migrated.push((key.clone(), value.to_string()));
    }
    // 3. Written; on failure the old values go back.
    let meta_data = originals
        .iter()
        .find(|(k, _)| k == META_KEY)
        .and_then(|(_, raw)| serde_json::from_str::<Value>(raw).ok())
        .and_then(|v| v.get("data").cloned())
        .unwrap_or(Value::Object(Default::default()));
    let write = || -> Result<(), StorageError> {
        for (key, value) in &migrated {
            backend.set(key, value)?;
        }
        backend.set(META_KEY, &encode_versioned(to, &meta_data)?)
    };
    if let Err(e) = write() {
        for (key, raw) in &originals {
            let _ = backend.set(key, raw);
        }
        return Err(e);
    }
    // 4. Success: the backup is no longer needed.
    backend.remove(BACKUP_KEY)?;
    Ok(migrated.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryBackend;

    /// A fixture of "version 1" data as it would sit in localStorage.
    fn v1_fixture(b: &MemoryBackend) {
        b.set(META_KEY, r#"{"app":"wayfinder","v":1,"data":{"d":"dev1"}}"#)
            .unwrap();
        b.set(
            "wayfinder:r:j:AAAAAAAAAAAAAAAAAAAAAA",
            r#"{"i":"AAAAAAAAAAAAAAAAAAAAAA","t":"I tried"}"#,
        )
        .unwrap();
        b.set(
            "wayfinder:r:g:BBBBBBBBBBBBBBBBBBBBBB",
            r#"{"i":"BBBBBBBBBBBBBBBBBBBBBB","w":"I will"}"#,
        )
        .unwrap();
        b.set("wayfinder:prefs", "untouched").unwrap();
    }

    /// A made-up step from 1 to 2: renames reflections' "t" to "tx".
    fn rename_text(kind: &str, mut record: Value) -> Result<Value, String> {
        if kind == "j" {
            let obj = record.as_object_mut().ok_or("not an object")?;
            if let Some(t) = obj.remove("t") {
                obj.insert("tx".into(), t);
            }
        }
        Ok(record)
    }

    fn failing(kind: &str, record: Value) -> Result<Value, String> {
        if kind == "g" {
            Err("cannot migrate this goal".into())
        } else {
            Ok(record)
        }
    }

    #[test]
    fn data_that_says_version_0_is_refused_and_left_as_it_was() {
        let b = MemoryBackend::default();
        v1_fixture(&b);
        b.set(META_KEY, r#"{"app":"wayfinder","v":0,"data":{"d":"dev1"}}"#)
            .unwrap();
        let before = b.snapshot();
        let steps: [Step; 1] = [rename_text];
        assert!(migrate_stored(&b, 0, 2, &steps).is_err());
        // Every record as it was (the backup of them stays, as after any failed step).
        let after: Vec<_> = b
            .snapshot()
            .into_iter()
            .filter(|(k, _)| k != BACKUP_KEY)
            .collect();
        assert_eq!(after, before);
    }

    #[test]
    fn the_stored_version_is_read_from_the_meta_envelope() {
        let b = MemoryBackend::default();
        assert_eq!(stored_version(&b), Ok(None));
        v1_fixture(&b);
        assert_eq!(stored_version(&b), Ok(Some(1)));
    }

    #[test]
    fn a_successful_migration_rewrites_records_and_drops_the_backup() {
        let b = MemoryBackend::default();
        v1_fixture(&b);
        assert_eq!(migrate_stored(&b, 1, 2, &[rename_text]), Ok(2));
        let j = b
            .get("wayfinder:r:j:AAAAAAAAAAAAAAAAAAAAAA")
            .unwrap()
            .unwrap();
        assert!(j.contains(r#""tx":"I tried""#), "{j}");
        assert_eq!(stored_version(&b), Ok(Some(2)));
        assert!(b.get(META_KEY).unwrap().unwrap().contains(r#""d":"dev1""#));
        assert_eq!(b.get(BACKUP_KEY).unwrap(), None);
        assert_eq!(
            b.get("wayfinder:prefs").unwrap().as_deref(),
            Some("untouched")
        );
    }

    #[test]
    fn a_failing_step_changes_no_record_and_keeps_the_backup() {
        let b = MemoryBackend::default();
        v1_fixture(&b);
        let before = b.snapshot();
        assert!(migrate_stored(&b, 1, 2, &[failing]).is_err());
        let after: Vec<_> = b
            .snapshot()
            .into_iter()
            .filter(|(k, _)| k != BACKUP_KEY)
            .collect();
        assert_eq!(after, before);
        let backup = b.get(BACKUP_KEY).unwrap().unwrap();
        assert!(backup.contains("I tried") && backup.contains("I will"));
    }

    #[test]
    fn no_room_for_the_backup_means_no_migration() {
        let b = MemoryBackend::with_quota(400);
        v1_fixture(&b);
        let before = b.snapshot();
        assert_eq!(
            migrate_stored(&b, 1, 2, &[rename_text]),
            Err(StorageError::QuotaExceeded)
        );
        assert_eq!(b.snapshot(), before);
    }

    #[test]
    fn a_missing_step_is_an_error_not_a_guess() {
        let b = MemoryBackend::default();
        v1_fixture(&b);
        assert!(migrate_stored(&b, 1, 3, &[rename_text]).is_err());
        assert_eq!(stored_version(&b), Ok(Some(1)));
    }
}
