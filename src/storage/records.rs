//! The learning record in localStorage: one key per record, so saving one change costs
//! the same whether a student has 5 records or 500, and one corrupt record never hides
//! the others.
//!
//! Layout: `wayfinder:r:<kind>:<id>` holds the record's compact JSON (no per-record
//! envelope: at 24,000 records an envelope would cost 16 % of the quota). The record
//! space's schema version lives once, in the envelope of `wayfinder:meta`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{decode, encode, Backend, StorageError, PREFIX, SCHEMA_VERSION};
use crate::domain::data::for_each_kind;
use crate::domain::{merge_record, ClassData, Id, InClass, MergeOutcome, Record};

/// Prefix of every record key.
pub const RECORD_PREFIX: &str = "wayfinder:r:";
/// The key holding this device's metadata (and, in its envelope, the schema version).
pub const META_KEY: &str = "wayfinder:meta";

/// The storage key of a record.
pub fn record_key<T: Record>(id: Id) -> String {
    format!("{RECORD_PREFIX}{}:{id}", T::KIND)
}

/// This device's identity and housekeeping, stored under [`META_KEY`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceMeta {
    /// A short random id naming this browser in version vectors.
    #[serde(rename = "d")]
    pub device: String,
    /// When the last backup file was exported (ms since epoch).
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub last_backup: Option<i64>,
    /// Fields from newer versions survive our saves.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A stored value that could not be read. It stays in storage, byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Its key.
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

/// A cheap fingerprint of stored text, to notice that another tab changed a record.
fn fingerprint(text: &str) -> u64 {
    // FNV-1a: no dependency, plenty for change detection (not for security).
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What this tab last read or wrote for each record key.
#[derive(Debug, Default, Clone)]
pub struct Seen(HashMap<String, u64>);

impl Seen {
    /// Remembers `raw` as the current text of `key`.
    pub fn note(&mut self, key: &str, raw: &str) {
        self.0.insert(key.to_string(), fingerprint(raw));
    }

    /// True when `raw` is what this tab last saw under `key`.
    pub fn is_current(&self, key: &str, raw: &str) -> bool {
        self.0.get(key) == Some(&fingerprint(raw))
    }
}

/// Reads the device metadata and every record. Never writes.
pub fn load_all(
    backend: &dyn Backend,
    new_device_id: impl FnOnce() -> String,
    seen: &mut Seen,
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
    for key in backend.keys()? {
        let Some(rest) = key.strip_prefix(RECORD_PREFIX) else {
            continue;
        };
        let Some(raw) = backend.get(&key)? else {
            continue;
        };
        let kind = rest.split(':').next().unwrap_or("");
        let mut known = false;
        macro_rules! read_kind {
            ($f:ident, $t:ty) => {
                if kind == <$t as Record>::KIND {
                    known = true;
                    match serde_json::from_str::<$t>(&raw) {
                        Ok(r) if record_key::<$t>(r.id()) == key => {
                            seen.note(&key, &raw);
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
        if !known {
            out.unknown.push(key);
        }
    }
    Ok(out)
}

/// What a change seen in another tab means for this tab's data.
#[derive(Debug, PartialEq, Eq)]
pub enum External {
    /// Not a record key (or a kind this version does not know): nothing to do.
    Ignored,
    /// The record was added or changed and is now in `data`.
    Changed,
    /// The record's key was removed and the record dropped from `data`.
    Removed,
}

/// Applies a change another tab made (the `storage` event) to this tab's `data`.
pub fn apply_external(
    data: &mut ClassData,
    seen: &mut Seen,
    key: &str,
    new_value: Option<&str>,
) -> Result<External, Unreadable> {
    let Some(rest) = key.strip_prefix(RECORD_PREFIX) else {
        return Ok(External::Ignored);
    };
    let mut parts = rest.splitn(2, ':');
    let kind = parts.next().unwrap_or("");
    let id = parts.next().and_then(|i| Id::parse(i).ok());
    let mut outcome = Ok(External::Ignored);
    macro_rules! apply_kind {
        ($f:ident, $t:ty) => {
            if kind == <$t as Record>::KIND {
                outcome = match new_value {
                    None => {
                        if let Some(id) = id {
                            data.$f.retain(|r| r.id() != id);
                        }
                        Ok(External::Removed)
                    }
                    Some(raw) => match serde_json::from_str::<$t>(raw) {
                        Ok(r) => {
                            seen.note(key, raw);
                            data.put(r);
                            Ok(External::Changed)
                        }
                        Err(e) => Err(Unreadable {
                            key: key.to_string(),
                            raw: raw.to_string(),
                            reason: e.to_string(),
                        }),
                    },
                };
            }
        };
    }
    for_each_kind!(apply_kind);
    outcome
}

/// Saves the device metadata (in the versioned envelope).
pub fn save_meta(backend: &dyn Backend, meta: &DeviceMeta) -> Result<(), StorageError> {
    backend.set(META_KEY, &encode(meta)?)
}

/// What happened when a record was saved.
#[derive(Debug, PartialEq)]
pub enum Saved<T> {
    /// Our version was written as it was.
    Written,
    /// Another tab had changed the record: both versions were merged and the merged
    /// record (with the other text kept) was written. Show it instead of ours.
    Merged(T),
    /// Another tab had saved a newer version that already includes ours.
    TheirsNewer(T),
}

/// Saves one record, noticing when another tab changed it since this tab last saw it.
///
/// Never writes over a stored record it cannot read, and never drops either tab's text.
pub fn save_record<T: InClass>(
    backend: &dyn Backend,
    record: &T,
    seen: &mut Seen,
) -> Result<Saved<T>, StorageError> {
    let key = record_key::<T>(record.id());
    let mut to_write = None;
    if let Some(current) = backend.get(&key)? {
        if !seen.is_current(&key, &current) {
            let theirs: T =
                serde_json::from_str(&current).map_err(|e| StorageError::Unreadable {
                    key: key.clone(),
                    raw: current.clone(),
                    reason: e.to_string(),
                })?;
            match merge_record(Some(&theirs), record) {
                MergeOutcome::Unchanged => {
                    seen.note(&key, &current);
                    return Ok(Saved::TheirsNewer(theirs));
                }
                MergeOutcome::Conflict(merged) => to_write = Some(merged),
                MergeOutcome::New(r) | MergeOutcome::Updated(r) | MergeOutcome::Deleted(r) => {
                    to_write = Some(r)
                }
            }
        }
    }
    let text = serde_json::to_string(to_write.as_ref().unwrap_or(record))
        .map_err(|e| StorageError::Other(format!("could not encode: {e}")))?;
    backend.set(&key, &text)?;
    seen.note(&key, &text);
    Ok(match to_write {
        Some(merged) if &merged != record => Saved::Merged(merged),
        _ => Saved::Written,
    })
}

/// Writes many records (an import or the sample class); stops at the first failure and
/// reports how many were written before it.
pub fn save_all(
    backend: &dyn Backend,
    data: &ClassData,
    seen: &mut Seen,
) -> Result<usize, (usize, StorageError)> {
    let mut written = 0;
    macro_rules! write_kind {
        ($f:ident, $t:ty) => {
            for r in &data.$f {
                save_record(backend, r, seen).map_err(|e| (written, e))?;
                written += 1;
            }
        };
    }
    for_each_kind!(write_kind);
    Ok(written)
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

/// The schema version new data is written with (for the recovery screen).
pub const fn schema_version() -> u32 {
    SCHEMA_VERSION
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::Ctx;
    use crate::domain::sample::{demo_class, sample_class, SampleScale};
    use crate::domain::{Actor, Day, Reflection, Timestamp};
    use crate::storage::MemoryBackend;

    fn demo() -> ClassData {
        demo_class(7, Day::from_ymd(2026, 11, 1).unwrap(), "dev1")
    }

    fn stored(data: &ClassData) -> (MemoryBackend, Seen) {
        let b = MemoryBackend::default();
        let mut seen = Seen::default();
        save_all(&b, data, &mut seen).unwrap();
        (b, seen)
    }

    #[test]
    fn everything_saved_loads_back_equal() {
        let data = demo();
        let (b, _) = stored(&data);
        let loaded = load_all(&b, || "new".into(), &mut Seen::default()).unwrap();
        assert!(loaded.unreadable.is_empty());
        assert_eq!(loaded.data.len(), data.len());
        assert_eq!(loaded.data.goals.len(), data.goals.len());
        let mut a = loaded.data.goals.clone();
        let mut e = data.goals.clone();
        a.sort_by_key(|g| g.id());
        e.sort_by_key(|g| g.id());
        assert_eq!(a, e);
        assert!(loaded.meta_is_new);
        assert_eq!(loaded.meta.device, "new");
    }

    #[test]
    fn one_corrupt_record_never_hides_the_others() {
        let data = demo();
        let (b, _) = stored(&data);
        let victim = record_key::<crate::domain::Goal>(data.goals[0].id());
        b.set(&victim, "{\"i\":\"trunc").unwrap();
        let loaded = load_all(&b, || "x".into(), &mut Seen::default()).unwrap();
        assert_eq!(loaded.data.goals.len(), data.goals.len() - 1);
        assert_eq!(loaded.data.reflections.len(), data.reflections.len());
        assert_eq!(loaded.unreadable.len(), 1);
        assert_eq!(loaded.unreadable[0].key, victim);
        assert_eq!(loaded.unreadable[0].raw, "{\"i\":\"trunc");
        // and it is still there, byte for byte
        assert_eq!(b.get(&victim).unwrap().as_deref(), Some("{\"i\":\"trunc"));
    }

    #[test]
    fn unknown_kinds_from_newer_versions_are_kept_and_listed() {
        let (b, _) = stored(&demo());
        b.set("wayfinder:r:zz:abc", "{\"whatever\":1}").unwrap();
        let loaded = load_all(&b, || "x".into(), &mut Seen::default()).unwrap();
        assert_eq!(loaded.unknown, vec!["wayfinder:r:zz:abc".to_string()]);
        assert!(loaded.unreadable.is_empty());
    }

    #[test]
    fn newer_schema_is_reported_and_records_still_shown() {
        let (b, _) = stored(&demo());
        b.set(META_KEY, r#"{"app":"wayfinder","v":9,"data":{"d":"abc"}}"#)
            .unwrap();
        let loaded = load_all(&b, || "x".into(), &mut Seen::default()).unwrap();
        assert!(matches!(
            loaded.newer,
            Some(StorageError::NewerVersion { found: 9, .. })
        ));
        assert_eq!(loaded.meta.device, "abc");
        assert!(!loaded.data.goals.is_empty());
    }

    fn reflection(data: &ClassData) -> Reflection {
        data.reflections[0].clone()
    }

    #[test]
    fn saving_one_record_writes_one_key() {
        let data = demo();
        let (b, mut seen) = stored(&data);
        let before = b.keys().unwrap();
        let mut r = reflection(&data);
        r.text = "Edited text".into();
        assert_eq!(save_record(&b, &r, &mut seen), Ok(Saved::Written));
        assert_eq!(b.keys().unwrap(), before);
        let raw = b.get(&record_key::<Reflection>(r.id())).unwrap().unwrap();
        assert!(raw.contains("Edited text"));
    }

    #[test]
    fn two_tabs_editing_the_same_record_keep_both_texts() {
        let data = demo();
        let (b, seen) = stored(&data);
        let mut tab_a = seen.clone();
        let mut tab_b = seen;
        let owner = data.reflections[0].student;
        let ctx = Ctx::new(Actor::student(owner), "dev1", Timestamp(1_800_000_000_000));
        let mut a = reflection(&data);
        a.text = "Text from tab A".into();
        a.touch(&ctx);
        let mut bb = reflection(&data);
        bb.text = "Text from tab B".into();
        bb.touch(&ctx);
        assert_eq!(save_record(&b, &a, &mut tab_a), Ok(Saved::Written));
        let Saved::Merged(merged) = save_record(&b, &bb, &mut tab_b).unwrap() else {
            panic!("tab B must notice tab A's change");
        };
        let raw = b.get(&record_key::<Reflection>(a.id())).unwrap().unwrap();
        assert!(raw.contains("Text from tab A"), "{raw}");
        assert!(raw.contains("Text from tab B"), "{raw}");
        assert!(!merged.meta.conflicts.is_empty());
    }

    #[test]
    fn two_tabs_editing_different_records_lose_nothing() {
        let data = demo();
        let (b, seen) = stored(&data);
        let (mut tab_a, mut tab_b) = (seen.clone(), seen);
        let mut a = data.reflections[0].clone();
        a.text = "A".into();
        let mut c = data.reflections[1].clone();
        c.text = "B".into();
        assert_eq!(save_record(&b, &a, &mut tab_a), Ok(Saved::Written));
        assert_eq!(save_record(&b, &c, &mut tab_b), Ok(Saved::Written));
        let loaded = load_all(&b, || "x".into(), &mut Seen::default()).unwrap();
        let texts: Vec<_> = loaded
            .data
            .reflections
            .iter()
            .map(|r| r.text.as_str())
            .collect();
        assert!(texts.contains(&"A") && texts.contains(&"B"));
    }

    #[test]
    fn changes_from_another_tab_are_applied_and_removals_drop_the_record() {
        let data = demo();
        let mut mine = data.clone();
        let mut seen = Seen::default();
        let mut r = reflection(&data);
        r.text = "Changed elsewhere".into();
        let key = record_key::<Reflection>(r.id());
        let raw = serde_json::to_string(&r).unwrap();
        assert_eq!(
            apply_external(&mut mine, &mut seen, &key, Some(&raw)),
            Ok(External::Changed)
        );
        assert_eq!(
            mine.get::<Reflection>(r.id()).unwrap().text,
            "Changed elsewhere"
        );
        assert!(seen.is_current(&key, &raw));
        assert_eq!(
            apply_external(&mut mine, &mut seen, &key, None),
            Ok(External::Removed)
        );
        assert!(mine.get::<Reflection>(r.id()).is_none());
        assert_eq!(
            apply_external(&mut mine, &mut seen, "wayfinder:prefs", Some("x")),
            Ok(External::Ignored)
        );
        assert!(apply_external(&mut mine, &mut seen, &key, Some("{bad")).is_err());
    }

    #[test]
    fn a_record_we_cannot_read_is_never_written_over() {
        let data = demo();
        let (b, mut seen) = stored(&data);
        let r = reflection(&data);
        let key = record_key::<Reflection>(r.id());
        b.set(&key, "garbage").unwrap();
        assert!(matches!(
            save_record(&b, &r, &mut seen),
            Err(StorageError::Unreadable { .. })
        ));
        assert_eq!(b.get(&key).unwrap().as_deref(), Some("garbage"));
    }

    #[test]
    fn quota_failures_keep_the_stored_version() {
        let data = demo();
        let b = MemoryBackend::with_quota(200_000);
        let mut seen = Seen::default();
        save_all(&b, &data, &mut seen).unwrap();
        let mut r = reflection(&data);
        let key = record_key::<Reflection>(r.id());
        let before = b.get(&key).unwrap();
        r.text = "x".repeat(300_000);
        assert_eq!(
            save_record(&b, &r, &mut seen),
            Err(StorageError::QuotaExceeded)
        );
        assert_eq!(b.get(&key).unwrap(), before);
    }

    #[test]
    fn class_year_fits_in_forty_percent_of_the_quota() {
        let data = sample_class(
            1,
            &SampleScale::class_year(),
            Timestamp(1_756_684_800_000),
            "dev1",
        );
        let (b, _) = stored(&data);
        let units: usize = raw_dump(&b)
            .unwrap()
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum();
        let pct = units as f64 * 100.0 / super::super::QUOTA_UNITS as f64;
        println!(
            "class-year: {} records, {units} UTF-16 units, {pct:.1}% of the quota",
            data.len()
        );
        assert!(pct < 40.0, "{pct:.1}%");
    }
}
