//! Moving stored records to a newer schema, safely: every stored value is copied to a
//! backup key first, every record is migrated in memory by pure steps, and only then is
//! anything written. The backup is removed only once everything succeeded; if a write
//! fails half-way, the old values are put back.

use serde_json::Value;

use super::records::{META_KEY, RECORD_PREFIX};
use super::{encode_versioned, Backend, StorageError};

/// One step: a record of kind `kind` stored by version `n` becomes version `n + 1`.
pub type Step = fn(kind: &str, record: Value) -> Result<Value, String>;

/// The real steps; `STEPS[i]` migrates from version `i + 1`. A new schema adds its step
/// here and a fixture of the old data in tests.
pub const STEPS: &[Step] = &[same_record];

/// 1 → 2: a record's JSON did not change, only where it lives (version 2 keeps students'
/// work in packed buckets; [`super::records::pack_legacy`] moves it). Record keys that
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
            let step = steps.get(version as usize - 1).ok_or_else(|| {
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

    fn snapshot(b: &MemoryBackend) -> Vec<(String, Option<String>)> {
        b.keys()
            .unwrap()
            .into_iter()
            .map(|k| (k.clone(), b.get(&k).unwrap()))
            .collect()
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
        let before = snapshot(&b);
        assert!(migrate_stored(&b, 1, 2, &[failing]).is_err());
        let after: Vec<_> = snapshot(&b)
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
        let before = snapshot(&b);
        assert_eq!(
            migrate_stored(&b, 1, 2, &[rename_text]),
            Err(StorageError::QuotaExceeded)
        );
        assert_eq!(snapshot(&b), before);
    }

    #[test]
    fn a_missing_step_is_an_error_not_a_guess() {
        let b = MemoryBackend::default();
        v1_fixture(&b);
        assert!(migrate_stored(&b, 1, 3, &[rename_text]).is_err());
        assert_eq!(stored_version(&b), Ok(Some(1)));
    }
}

/// The fixture for schema version 1: the demo class exactly as version 1 stores it
/// (tests/fixtures/v1-storage.json, every Wayfinder key and value) and as it exports it
/// (tests/fixtures/v1-export.json). When the schema changes, these files stay as they are
/// and the new step in [`STEPS`] must bring them forward; the tests below then say so.
#[cfg(test)]
mod v1_fixture {
    use std::collections::BTreeMap;

    use super::super::exchange;
    use super::super::records::{
        bucket_lines, load_all, pack_legacy, Seen, BUCKET_PREFIX, META_KEY, RECORD_PREFIX,
    };
    use super::super::{Backend, MemoryBackend, SCHEMA_VERSION};
    use super::*;
    use crate::domain::ClassData;

    const STORAGE: &str = include_str!("../../tests/fixtures/v1-storage.json");
    const EXPORT: &str = include_str!("../../tests/fixtures/v1-export.json");

    fn fixture() -> Vec<(String, String)> {
        serde_json::from_str(STORAGE).expect("tests/fixtures/v1-storage.json is a list of pairs")
    }

    fn stored(pairs: &[(String, String)], quota: Option<usize>) -> MemoryBackend {
        let b = match quota {
            Some(q) => MemoryBackend::with_quota(q),
            None => MemoryBackend::default(),
        };
        for (k, v) in pairs {
            b.set(k, v).unwrap();
        }
        b
    }

    /// Every record as JSON by kind and id, to compare two loads whatever their order.
    fn by_id(data: &ClassData) -> BTreeMap<String, String> {
        let value = serde_json::to_value(data).unwrap();
        let mut out = BTreeMap::new();
        for (kind, list) in value.as_object().unwrap() {
            for r in list.as_array().unwrap() {
                out.insert(format!("{kind}:{}", r["i"]), r.to_string());
            }
        }
        out
    }

    fn units(b: &MemoryBackend) -> usize {
        b.keys()
            .unwrap()
            .iter()
            .map(|k| k.encode_utf16().count() + b.get(k).unwrap().unwrap().encode_utf16().count())
            .sum()
    }

    #[test]
    fn version_1_data_moves_into_buckets_whole_and_unchanged() {
        let pairs = fixture();
        assert!(pairs.len() > 100, "the fixture holds the whole demo class");
        let b = stored(&pairs, None);
        assert_eq!(stored_version(&b).unwrap(), Some(1));
        let before = load_all(&b, || "new".into(), &mut Seen::default()).unwrap();
        assert!(before.unreadable.is_empty(), "{:?}", before.unreadable);
        assert_eq!(before.data.len(), pairs.len() - 1);
        let bucketed: Vec<&(String, String)> = pairs
            .iter()
            .filter(|(k, _)| {
                k.strip_prefix(RECORD_PREFIX).is_some_and(|r| {
                    super::super::records::is_bucketed(r.split(':').next().unwrap())
                })
            })
            .collect();
        assert!(bucketed.len() > 50);

        assert_eq!(pack_legacy(&b).unwrap(), bucketed.len());

        assert_eq!(stored_version(&b).unwrap(), Some(SCHEMA_VERSION));
        let keys = b.keys().unwrap();
        for (k, v) in &pairs {
            if bucketed.iter().any(|(bk, _)| bk == k) {
                assert!(!keys.contains(k), "{k} moved into a bucket");
            } else if k != META_KEY {
                // class setup and everything else stays byte for byte
                assert_eq!(b.get(k).unwrap().as_ref(), Some(v), "{k}");
            }
        }
        // each record's text is in its bucket exactly as version 1 wrote it
        let mut lines = BTreeMap::new();
        for k in keys.iter().filter(|k| k.starts_with(BUCKET_PREFIX)) {
            for (id, json) in bucket_lines(&b.get(k).unwrap().unwrap()).unwrap() {
                lines.insert(id, json);
            }
        }
        for (k, v) in &bucketed {
            let id = k.rsplit(':').next().unwrap();
            assert_eq!(lines.get(id), Some(v), "{k}");
        }
        let after = load_all(&b, || "new".into(), &mut Seen::default()).unwrap();
        assert!(after.unreadable.is_empty() && after.unknown.is_empty() && after.newer.is_none());
        assert_eq!(after.meta.device, "fixture1");
        assert_eq!(by_id(&after.data), by_id(&before.data));
        assert!(
            units(&b) * 2
                < pairs
                    .iter()
                    .map(|(k, v)| k.len() + v.encode_utf16().count())
                    .sum::<usize>()
        );

        // a second run finds nothing to move and changes nothing
        let snapshot: Vec<_> = keys
            .iter()
            .map(|k| (k.clone(), b.get(k).unwrap()))
            .collect();
        assert_eq!(pack_legacy(&b).unwrap(), 0);
        let again: Vec<_> = b
            .keys()
            .unwrap()
            .iter()
            .map(|k| (k.clone(), b.get(k).unwrap()))
            .collect();
        assert_eq!(again, snapshot);
    }

    #[test]
    fn a_full_storage_stops_the_move_with_every_record_still_readable() {
        let pairs = fixture();
        let full = stored(&pairs, None);
        let b = stored(&pairs, Some(units(&full) + 50));
        let before = load_all(&b, || "new".into(), &mut Seen::default()).unwrap();
        assert!(pack_legacy(&b).is_err());
        assert_eq!(stored_version(&b).unwrap(), Some(1));
        let after = load_all(&b, || "new".into(), &mut Seen::default()).unwrap();
        assert_eq!(by_id(&after.data), by_id(&before.data));
        // with room again it finishes
        let roomy = stored(
            &b.keys()
                .unwrap()
                .iter()
                .map(|k| (k.clone(), b.get(k).unwrap().unwrap()))
                .collect::<Vec<_>>(),
            None,
        );
        pack_legacy(&roomy).unwrap();
        let done = load_all(&roomy, || "new".into(), &mut Seen::default()).unwrap();
        assert_eq!(by_id(&done.data), by_id(&before.data));
        assert_eq!(stored_version(&roomy).unwrap(), Some(SCHEMA_VERSION));
    }

    #[test]
    fn an_unreadable_version_1_record_stays_under_its_key_for_recovery() {
        let mut pairs = fixture();
        let (victim, _) = pairs
            .iter()
            .find(|(k, _)| k.starts_with("wayfinder:r:g:"))
            .cloned()
            .unwrap();
        for (k, v) in pairs.iter_mut() {
            if *k == victim {
                *v = "{\"i\":\"trunc".into();
            }
        }
        let b = stored(&pairs, None);
        pack_legacy(&b).unwrap();
        assert_eq!(b.get(&victim).unwrap().as_deref(), Some("{\"i\":\"trunc"));
        // not marked done while a record is left behind
        assert_eq!(stored_version(&b).unwrap(), Some(1));
        let loaded = load_all(&b, || "new".into(), &mut Seen::default()).unwrap();
        assert_eq!(loaded.unreadable.len(), 1);
        assert_eq!(loaded.unreadable[0].key, victim);
        assert_eq!(loaded.data.len(), pairs.len() - 2);
    }

    #[test]
    fn the_version_1_export_imports_whole_and_twice_changes_nothing() {
        let incoming = exchange::parse(EXPORT.as_bytes()).expect("the v1 export parses");
        assert_eq!(incoming.students.len(), 6);
        let merge = exchange::preview(&Default::default(), &incoming).unwrap();
        let mut local = crate::domain::ClassData::default();
        crate::domain::merge::apply(&mut local, merge.changed);
        let again = exchange::preview(&local, &incoming).unwrap();
        assert!(again.summary.changes_nothing());
        assert_eq!(local.len(), incoming.len());
    }
}
