//! Legacy packing: version 1 kept each record of a student's work under its own key;
//! version 2 keeps them in packed buckets. [`pack_legacy`] moves them, and also takes in
//! old keys an older app still open in another tab writes after the move.

use std::collections::BTreeMap;

use crate::domain::data::for_each_kind;
use crate::domain::{merge_record, Kind, MergeOutcome, Record};
use crate::storage::records::{
    bucket_key, is_bucketed, kind_in, record_key, Bucket, META_KEY, RECORD_PREFIX,
};
use crate::storage::{encode_versioned, Backend, StorageError, SCHEMA_VERSION};
use wayfinder_read::FastRead;

/// Moves records of version 1 (one key each) into their buckets. A record's old key is
/// removed only once its bucket is written and reads back with the record in it, so a
/// full storage or a crash half-way leaves every record readable (the loader prefers the
/// bucket's copy). Old keys that cannot be read stay where they are, for the recovery
/// screen. When everything moved, the metadata is marked with the current version.
/// Returns how many records moved.
pub fn pack_legacy(backend: &dyn Backend) -> Result<usize, StorageError> {
    let mut groups: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    let mut left_behind = 0;
    for key in backend.keys()? {
        let Some(rest) = key.strip_prefix(RECORD_PREFIX) else {
            continue;
        };
        let Some(kind) = kind_in(rest).filter(|k| is_bucketed(*k)) else {
            continue;
        };
        let Some(raw) = backend.get(&key)? else {
            continue;
        };
        let mut target = None;
        macro_rules! locate {
            ($f:ident, $t:ty) => {
                if kind == <$t as Record>::KIND {
                    if let Ok(r) = <$t as FastRead>::fast_read(&raw) {
                        if record_key::<$t>(r.id()) == key {
                            target = bucket_key(&r).map(|b| (b, r.id().to_string()));
                        }
                    }
                }
            };
        }
        for_each_kind!(locate);
        match target {
            Some((bkey, id)) => groups.entry(bkey).or_default().push((key, id, raw)),
            None => left_behind += 1,
        }
    }
    let mut moved = 0;
    for (bkey, records) in groups {
        let mut bucket = match Bucket::load(backend, &bkey) {
            Ok(b) => b,
            // A damaged bucket is never written over; its records stay under their keys.
            Err(StorageError::Unreadable { .. }) => {
                left_behind += records.len();
                continue;
            }
            Err(e) => return Err(e),
        };
        for (key, id, raw) in &records {
            match bucket.get(id) {
                None => bucket.put(id, raw),
                // Both: an older app in another tab wrote the old key after the move.
                // Merged by revision; neither text is dropped.
                Some(there) => {
                    let kind = kind_in(&key[RECORD_PREFIX.len()..]);
                    if let Some(merged) = kind.and_then(|k| merge_texts(k, there, raw)) {
                        bucket.put(id, &merged);
                    }
                }
            }
        }
        backend.set(&bkey, &bucket.encode())?;
        let back = backend
            .get(&bkey)?
            .and_then(|s| Bucket::read(&s).ok())
            .ok_or_else(|| StorageError::Other(format!("{bkey} did not read back")))?;
        for (key, id, _) in &records {
            if back.get(id).is_some() {
                backend.remove(key)?;
                moved += 1;
            }
        }
    }
    if left_behind == 0 {
        let meta = backend
            .get(META_KEY)?
            .and_then(|raw| serde_json::from_str::<serde_json::Value>(&raw).ok())
            .and_then(|v| v.get("data").cloned())
            .unwrap_or(serde_json::Value::Object(Default::default()));
        backend.set(META_KEY, &encode_versioned(SCHEMA_VERSION, &meta)?)?;
    }
    Ok(moved)
}

/// The merge of two stored texts of one record of `kind`, when it differs from `there`.
fn merge_texts(kind: Kind, there: &str, other: &str) -> Option<String> {
    let mut out = None;
    macro_rules! merge_kind {
        ($f:ident, $t:ty) => {
            if kind == <$t as Record>::KIND {
                if let (Ok(a), Ok(b)) = (
                    <$t as FastRead>::fast_read(there),
                    <$t as FastRead>::fast_read(other),
                ) {
                    out = match merge_record(Some(&a), &b) {
                        MergeOutcome::Unchanged => None,
                        MergeOutcome::Conflict(m)
                        | MergeOutcome::New(m)
                        | MergeOutcome::Updated(m)
                        | MergeOutcome::Deleted(m) => serde_json::to_string(&m).ok(),
                    };
                }
            }
        };
    }
    for_each_kind!(merge_kind);
    out
}
