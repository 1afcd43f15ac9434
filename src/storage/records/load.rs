//! Reading the record space: every record and the device metadata at start, and every
//! Wayfinder key as it is stored (for "download everything"). Never writes.

use std::collections::HashSet;

use super::{
    is_legacy_key, kind_in, record_key, DeviceMeta, LastRead, BUCKET_PREFIX, META_KEY,
    RECORD_PREFIX,
};
use crate::domain::data::for_each_kind;
use crate::domain::ClassData;
use crate::domain::Record;
use crate::storage::pack::Unpacker;
use crate::storage::{decode, Backend, StorageError, PREFIX};
use wayfinder_read::{FastRead, ReadBucket};

/// A stored value that could not be read. It stays in storage, byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Its key (`<bucket key>#<id>` for one line of a bucket).
    pub key: String,
    /// Its text, exactly as stored.
    pub raw: String,
    /// Why it could not be read.
    pub reason: String,
}

/// Everything read from storage at start-up.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The records that could be read.
    pub data: ClassData,
    /// Records that could not be read (kept in storage untouched).
    pub unreadable: Vec<Unreadable>,
    /// Keys of kinds this version does not know (a newer Wayfinder wrote them); kept.
    pub unknown: Vec<String>,
    /// Set when the data comes from a newer Wayfinder: the app must not write.
    pub newer: Option<StorageError>,
    /// This device's metadata (a fresh id when there was none).
    pub meta: DeviceMeta,
    /// True when `meta` was made now and still needs saving.
    pub meta_is_new: bool,
}

/// Reads the device metadata and every record. Never writes.
pub fn load_all(
    backend: &dyn Backend,
    new_device_id: impl FnOnce() -> String,
    seen: &mut LastRead,
) -> Result<Loaded, StorageError> {
    let mut out = Loaded::default();
    match backend.get(META_KEY)? {
        None => {
            out.meta = DeviceMeta {
                device: new_device_id(),
                ..DeviceMeta::default()
            };
            out.meta_is_new = true;
        }
        Some(raw) => match decode::<DeviceMeta>(META_KEY, &raw) {
            Ok(meta) => out.meta = meta,
            Err(e @ StorageError::NewerVersion { .. }) => {
                // Still read what we can, to show it; writing stays off.
                out.meta = serde_json::from_str::<serde_json::Value>(&raw)
                    .ok()
                    .and_then(|v| serde_json::from_value(v.get("data")?.clone()).ok())
                    .unwrap_or_default();
                out.newer = Some(e);
            }
            Err(StorageError::Unreadable { key, raw, reason }) => {
                out.unreadable.push(Unreadable { key, raw, reason });
                out.meta = DeviceMeta {
                    device: new_device_id(),
                    ..DeviceMeta::default()
                };
            }
            Err(e) => return Err(e),
        },
    }
    let keys = backend.keys()?;
    // Records of bucketed kinds still under their own key (data of version 1 not yet
    // moved): the bucket's copy, written later, wins.
    let legacy = keys.iter().any(|k| is_legacy_key(k));
    let mut in_buckets: HashSet<String> = HashSet::new();
    let mut unpacker = Unpacker::default();
    let mut bad = Vec::new();
    for key in keys.iter().filter(|k| k.starts_with(BUCKET_PREFIX)) {
        let Some(raw) = backend.get(key)? else {
            continue;
        };
        let Some(kind) = kind_in(&key[BUCKET_PREFIX.len()..]) else {
            out.unknown.push(key.clone());
            continue;
        };
        let text = match unpacker.unpack(&raw) {
            Ok(t) => t,
            Err(reason) => {
                out.unreadable.push(Unreadable {
                    key: key.clone(),
                    raw,
                    reason,
                });
                continue;
            }
        };
        macro_rules! read_lines {
            ($f:ident, $t:ty) => {
                if kind == <$t as Record>::KIND {
                    let from = out.data.$f.len();
                    <$t as ReadBucket>::read_bucket(
                        text,
                        &mut out.data.$f,
                        &mut seen.records,
                        &mut bad,
                    );
                    if legacy {
                        in_buckets
                            .extend(out.data.$f[from..].iter().map(|r| record_key::<$t>(r.id())));
                    }
                }
            };
        }
        for_each_kind!(read_lines);
        out.unreadable.extend(bad.drain(..).map(|b| Unreadable {
            key: format!("{key}#{}", b.id),
            raw: b.json,
            reason: b.reason,
        }));
    }
    for key in keys.iter().filter(|k| k.starts_with(RECORD_PREFIX)) {
        if in_buckets.contains(key) {
            continue;
        }
        let Some(raw) = backend.get(key)? else {
            continue;
        };
        let Some(kind) = kind_in(&key[RECORD_PREFIX.len()..]) else {
            out.unknown.push(key.clone());
            continue;
        };
        macro_rules! read_kind {
            ($f:ident, $t:ty) => {
                if kind == <$t as Record>::KIND {
                    match <$t as FastRead>::fast_read(&raw) {
                        Ok(r) if &record_key::<$t>(r.id()) == key => {
                            seen.note(key, &raw);
                            out.data.$f.push(r);
                        }
                        Ok(_) => out.unreadable.push(Unreadable {
                            key: key.clone(),
                            raw: raw.clone(),
                            reason: "the record's id does not match its key".into(),
                        }),
                        Err(e) => out.unreadable.push(Unreadable {
                            key: key.clone(),
                            raw: raw.clone(),
                            reason: e.to_string(),
                        }),
                    }
                }
            };
        }
        for_each_kind!(read_kind);
    }
    Ok(out)
}

/// Every key that belongs to Wayfinder (for "download everything as it is stored").
pub fn raw_dump(backend: &dyn Backend) -> Result<Vec<(String, String)>, StorageError> {
    let mut out = Vec::new();
    for key in backend.keys()? {
        if key.starts_with(PREFIX) {
            if let Some(v) = backend.get(&key)? {
                out.push((key, v));
            }
        }
    }
    out.sort();
    Ok(out)
}
