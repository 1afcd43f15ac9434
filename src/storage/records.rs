//! The learning record in localStorage.
//!
//! Class setup (the class, students, groups, targets, units, formats) keeps one key per
//! record: `wayfinder:r:<kind>:<id>` holds the record's compact JSON. A student's own
//! work (goals, evidence, reflections, comments, ratings, paths, format choices, help)
//! is far more numerous, so it lives in small *buckets*: `wayfinder:b:<kind>:<student>:<n>`
//! holds up to about 40 of that student's records of one kind, one `id<TAB>json` line
//! each, packed ([`super::pack`]). A class-year of work takes about a sixth of the space
//! that way. Saving one change rewrites one bucket, so it costs about the same whether
//! a student has 5 records or 500; a damaged bucket hides only its own records, and a
//! damaged line only itself.
//!
//! The record space's schema version lives once, in the envelope of `wayfinder:meta`.
//! Version 1 kept every record under its own key; [`pack_legacy`] moves those into
//! buckets, removing each old key only once its bucket is written and read back.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::pack::{pack, unpack, Unpacker};
use super::staged::Staged;
use super::{decode, encode, encode_versioned, Backend, StorageError, PREFIX, SCHEMA_VERSION};
use crate::domain::data::for_each_kind;
use crate::domain::{merge_record, ClassData, Id, InClass, MergeOutcome, Record};
use wayfinder_read::{
    fingerprint, lines_of, split_line, FastRead, KeyMap, Prints, ReadBucket, RecordSlot,
};

/// Prefix of every single-record key.
pub const RECORD_PREFIX: &str = "wayfinder:r:";
/// Prefix of every bucket key.
pub const BUCKET_PREFIX: &str = "wayfinder:b:";
/// The key holding this device's metadata (and, in its envelope, the schema version).
pub const META_KEY: &str = "wayfinder:meta";
/// Buckets per student and kind: 300 comments make buckets of about 40.
const BUCKETS_PER_STUDENT: u64 = 8;

/// Kinds kept in buckets: a student's own work.
pub fn is_bucketed(kind: &str) -> bool {
    matches!(kind, "fc" | "p" | "g" | "e" | "r" | "j" | "m" | "h")
}

/// The record's identity in storage (and its key, for kinds not kept in buckets).
pub fn record_key<T: Record>(id: Id) -> String {
    // Built by hand: made once per record at every start.
    let id = id.encode_array();
    let mut key = String::with_capacity(RECORD_PREFIX.len() + T::KIND.len() + 1 + id.len());
    key.push_str(RECORD_PREFIX);
    key.push_str(T::KIND);
    key.push(':');
    key.push_str(std::str::from_utf8(&id).unwrap_or_default());
    key
}

/// The bucket a record lives in, for kinds kept in buckets.
pub fn bucket_key<T: Record>(record: &T) -> Option<String> {
    if !is_bucketed(T::KIND) {
        return None;
    }
    let owner = record
        .owner()
        .map(|o| o.to_string())
        .unwrap_or_else(|| "_".into());
    let n = fnv1a(&record.id().to_string()) % BUCKETS_PER_STUDENT;
    Some(format!("{BUCKET_PREFIX}{}:{owner}:{n}", T::KIND))
}

/// Where a record is stored: its own key, or `<bucket key>#<id>` for a line of a bucket.
/// Accepted by [`discard`].
pub fn location<T: Record>(record: &T) -> String {
    match bucket_key(record) {
        Some(b) => format!("{b}#{}", record.id()),
        None => record_key::<T>(record.id()),
    }
}

/// The records of a stored bucket as `(id, json)` lines, for tests and tools.
pub fn bucket_lines(stored: &str) -> Result<Vec<(String, String)>, String> {
    Ok(Bucket::read(stored)?
        .lines
        .into_iter()
        .map(|l| match l.split_once('\t') {
            Some((id, json)) => (id.to_string(), json.to_string()),
            None => (String::new(), l),
        })
        .collect())
}

/// The lines of one bucket. Lines this version cannot read are carried along untouched.
#[derive(Debug, Default)]
struct Bucket {
    lines: Vec<String>,
}

impl Bucket {
    fn read(stored: &str) -> Result<Self, String> {
        Ok(Self {
            lines: lines_of(&unpack(stored)?).map(String::from).collect(),
        })
    }

    /// Reads the bucket under `key`: empty when absent, an error when unreadable.
    fn load(backend: &dyn Backend, key: &str) -> Result<Self, StorageError> {
        match backend.get(key)? {
            None => Ok(Self::default()),
            Some(raw) => Self::read(&raw).map_err(|reason| StorageError::Unreadable {
                key: key.to_string(),
                raw,
                reason,
            }),
        }
    }

    fn index(&self, id: &str) -> Option<usize> {
        self.lines.iter().position(|l| {
            l.len() > id.len() && l.starts_with(id) && l.as_bytes()[id.len()] == b'\t'
        })
    }

    fn get(&self, id: &str) -> Option<&str> {
        self.index(id).map(|i| &self.lines[i][id.len() + 1..])
    }

    fn put(&mut self, id: &str, json: &str) {
        let line = format!("{id}\t{json}");
        match self.index(id) {
            Some(i) => self.lines[i] = line,
            None => self.lines.push(line),
        }
    }

    fn remove(&mut self, id: &str) -> bool {
        let before = self.lines.len();
        self.lines.retain(|l| {
            !(l.len() > id.len() && l.starts_with(id) && l.as_bytes()[id.len()] == b'\t')
        });
        self.lines.len() != before
    }

    fn encode(&self) -> String {
        pack(&self.lines.join("\n"))
    }

    /// Writes the bucket, or removes its key when it holds nothing.
    fn store(&self, backend: &dyn Backend, key: &str) -> Result<(), StorageError> {
        if self.lines.is_empty() {
            backend.remove(key)
        } else {
            backend.set(key, &self.encode())
        }
    }
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

/// FNV-1a of `text`: picks a record's bucket, so it must never change (a record filed
/// under another bucket would be stored twice).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What this tab last read or wrote for each record (by [`record_key`]).
///
/// A record key of a known shape is kept as its kind and id (no string to build or hash
/// for each of the class-year's 26,000 records at start); any other key as it is.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    records: Prints,
    other: KeyMap<String, u64>,
}

/// The slot of a key spelled exactly as [`record_key`] spells it.
fn slot_of_key(key: &str) -> Option<RecordSlot> {
    let (kind, id) = key.strip_prefix(RECORD_PREFIX)?.split_once(':')?;
    RecordSlot::new(kind, Id::parse(id).ok()?)
}

impl Seen {
    /// Remembers `raw` as the current text of `key`.
    pub fn note(&mut self, key: &str, raw: &str) {
        match slot_of_key(key) {
            Some(slot) => self.records.insert(slot, fingerprint(raw)),
            None => {
                self.other.insert(key.to_string(), fingerprint(raw));
            }
        }
    }

    /// [`Seen::note`] for the record of kind `T` with `id`, without making its key.
    pub fn note_record<T: Record>(&mut self, id: Id, raw: &str) {
        match RecordSlot::new(T::KIND, id) {
            Some(slot) => self.records.insert(slot, fingerprint(raw)),
            None => {
                self.other.insert(record_key::<T>(id), fingerprint(raw));
            }
        }
    }

    /// What was last seen of the record of kind `T` with `id`, without making its key.
    fn get_record<T: Record>(&self, id: Id) -> Option<u64> {
        match RecordSlot::new(T::KIND, id) {
            Some(slot) => self.records.get(&slot),
            None => self.other.get(&record_key::<T>(id)).copied(),
        }
    }

    /// What was last seen under `key`.
    fn get(&self, key: &str) -> Option<u64> {
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
        let kind = key[BUCKET_PREFIX.len()..].split(':').next().unwrap_or("");
        let mut known = false;
        macro_rules! known_kind {
            ($f:ident, $t:ty) => {
                known |= kind == <$t as Record>::KIND;
            };
        }
        for_each_kind!(known_kind);
        if !known {
            out.unknown.push(key.clone());
            continue;
        }
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
        let kind = key[RECORD_PREFIX.len()..].split(':').next().unwrap_or("");
        let mut known = false;
        macro_rules! read_kind {
            ($f:ident, $t:ty) => {
                if kind == <$t as Record>::KIND {
                    known = true;
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
        if !known {
            out.unknown.push(key.clone());
        }
    }
    Ok(out)
}

/// What a change seen in another tab means for this tab's data.
#[derive(Debug, PartialEq, Eq)]
pub enum External {
    /// Not a record key (or a kind this version does not know): nothing to do.
    Ignored,
    /// Records were added or changed and are now in `data`.
    Changed,
    /// The record's key was removed and the record dropped from `data`.
    Removed,
}

/// Applies a change another tab made (the `storage` event) to this tab's `data`.
///
/// For a bucket, records that changed are taken in, and records this tab had seen stored
/// there that are gone are dropped; a line that cannot be read is reported (the rest of
/// the bucket is still taken in).
pub fn apply_external(
    data: &mut ClassData,
    seen: &mut Seen,
    key: &str,
    new_value: Option<&str>,
) -> Result<External, Unreadable> {
    if let Some(rest) = key.strip_prefix(BUCKET_PREFIX) {
        return apply_bucket(
            data,
            seen,
            key,
            rest.split(':').next().unwrap_or(""),
            new_value,
        );
    }
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
                    // A bucketed kind's own key goes when the record moved into its
                    // bucket (that bucket's event brought it): nothing to drop.
                    None if is_bucketed(kind) => Ok(External::Ignored),
                    None => {
                        if let Some(id) = id {
                            data.$f.retain(|r| r.id() != id);
                        }
                        Ok(External::Removed)
                    }
                    Some(raw) => match <$t as FastRead>::fast_read(raw) {
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

fn apply_bucket(
    data: &mut ClassData,
    seen: &mut Seen,
    key: &str,
    kind: &str,
    new_value: Option<&str>,
) -> Result<External, Unreadable> {
    let bucket = match new_value {
        None => Bucket::default(),
        Some(raw) => Bucket::read(raw).map_err(|reason| Unreadable {
            key: key.to_string(),
            raw: raw.to_string(),
            reason,
        })?,
    };
    let mut outcome = Ok(External::Ignored);
    macro_rules! apply_kind {
        ($f:ident, $t:ty) => {
            if kind == <$t as Record>::KIND {
                let mut present = HashSet::new();
                let mut changed = false;
                for line in &bucket.lines {
                    let (id, json) = split_line(line);
                    present.extend(Id::parse(id).ok());
                    match <$t as FastRead>::fast_read(json) {
                        Ok(r) => {
                            if seen.get_record::<$t>(r.id()) != Some(fingerprint(json)) {
                                seen.note_record::<$t>(r.id(), json);
                                data.put(r);
                                changed = true;
                            }
                        }
                        Err(e) => {
                            if outcome.is_ok() {
                                outcome = Err(Unreadable {
                                    key: format!("{key}#{id}"),
                                    raw: json.to_string(),
                                    reason: e.to_string(),
                                });
                            }
                        }
                    }
                }
                let before = data.$f.len();
                data.$f.retain(|r| {
                    present.contains(&r.id())
                        || bucket_key(r).as_deref() != Some(key)
                        || seen.get_record::<$t>(r.id()).is_none()
                });
                let removed = data.$f.len() != before;
                if outcome.is_ok() {
                    outcome = Ok(match (changed, removed) {
                        (true, _) => External::Changed,
                        (false, true) => External::Removed,
                        (false, false) => External::Ignored,
                    });
                }
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

/// What to do with a record given the stored text (`current`) this tab may not have seen.
enum Plan<T> {
    /// The stored version already includes ours: write nothing.
    Keep(T),
    /// Write this (ours, or ours merged with theirs).
    Write(Option<T>),
}

fn plan<T: InClass>(
    current: Option<&str>,
    record: &T,
    seen: &mut Seen,
    rkey: &str,
    where_stored: &str,
) -> Result<Plan<T>, StorageError> {
    let Some(current) = current else {
        return Ok(Plan::Write(None));
    };
    if seen.is_current(rkey, current) {
        return Ok(Plan::Write(None));
    }
    let theirs = T::from_json(current).map_err(|e| StorageError::Unreadable {
        key: where_stored.to_string(),
        raw: current.to_string(),
        reason: e.to_string(),
    })?;
    Ok(match merge_record(Some(&theirs), record) {
        MergeOutcome::Unchanged => {
            seen.note(rkey, current);
            Plan::Keep(theirs)
        }
        MergeOutcome::Conflict(merged) => Plan::Write(Some(merged)),
        MergeOutcome::New(r) | MergeOutcome::Updated(r) | MergeOutcome::Deleted(r) => {
            Plan::Write(Some(r))
        }
    })
}

fn to_json<T: Serialize>(record: &T) -> Result<String, StorageError> {
    serde_json::to_string(record).map_err(|e| StorageError::Other(format!("could not encode: {e}")))
}

fn outcome<T: PartialEq>(written: Option<T>, record: &T) -> Saved<T> {
    match written {
        Some(merged) if &merged != record => Saved::Merged(merged),
        _ => Saved::Written,
    }
}

/// Saves one record, noticing when another tab changed it since this tab last saw it.
///
/// Never writes over a stored record it cannot read, and never drops either tab's text.
pub fn save_record<T: InClass>(
    backend: &dyn Backend,
    record: &T,
    seen: &mut Seen,
) -> Result<Saved<T>, StorageError> {
    let rkey = record_key::<T>(record.id());
    let Some(bkey) = bucket_key(record) else {
        let current = backend.get(&rkey)?;
        let to_write = match plan(current.as_deref(), record, seen, &rkey, &rkey)? {
            Plan::Keep(theirs) => return Ok(Saved::TheirsNewer(theirs)),
            Plan::Write(w) => w,
        };
        let text = to_json(to_write.as_ref().unwrap_or(record))?;
        backend.set(&rkey, &text)?;
        seen.note(&rkey, &text);
        return Ok(outcome(to_write, record));
    };
    let mut bucket = Bucket::load(backend, &bkey)?;
    let mut slot = Slot::find(backend, &bucket, &bkey, record.id().to_string(), rkey, true)?;
    let to_write = match plan(
        slot.current.as_deref(),
        record,
        seen,
        &slot.rkey,
        &slot.place,
    )? {
        Plan::Keep(theirs) => return Ok(Saved::TheirsNewer(theirs)),
        Plan::Write(w) => w,
    };
    slot.current = Some(to_json(to_write.as_ref().unwrap_or(record))?);
    write_bucket(backend, &bkey, &mut bucket, vec![slot], seen)?;
    Ok(outcome(to_write, record))
}

/// Where one record of a bucketed kind is, and (after [`plan`]) what goes there. Kept
/// apart from the generic code so it is compiled once, not once per kind.
struct Slot {
    id: String,
    rkey: String,
    /// The stored text now; then the text to write.
    current: Option<String>,
    /// Where the stored text is, for messages (`<bucket>#<id>` or the old own key).
    place: String,
    /// The record is still under its own version-1 key.
    legacy: bool,
}

impl Slot {
    fn find(
        backend: &dyn Backend,
        bucket: &Bucket,
        bkey: &str,
        id: String,
        rkey: String,
        look_for_legacy: bool,
    ) -> Result<Self, StorageError> {
        if let Some(text) = bucket.get(&id) {
            return Ok(Self {
                current: Some(text.to_string()),
                place: format!("{bkey}#{id}"),
                id,
                rkey,
                legacy: false,
            });
        }
        let old = if look_for_legacy {
            backend.get(&rkey)?
        } else {
            None
        };
        Ok(Self {
            place: if old.is_some() {
                rkey.clone()
            } else {
                format!("{bkey}#{id}")
            },
            legacy: old.is_some(),
            current: old,
            id,
            rkey,
        })
    }
}

/// Writes `slots` into `bucket` with one write; then drops their old own keys and notes
/// what this tab wrote.
fn write_bucket(
    backend: &dyn Backend,
    bkey: &str,
    bucket: &mut Bucket,
    slots: Vec<Slot>,
    seen: &mut Seen,
) -> Result<(), StorageError> {
    for s in &slots {
        bucket.put(&s.id, s.current.as_deref().unwrap_or_default());
    }
    bucket.store(backend, bkey)?;
    for s in slots {
        if s.legacy {
            // Moved into its bucket; the old key is only a stale copy now.
            let _ = backend.remove(&s.rkey);
        }
        if let Some(text) = &s.current {
            seen.note(&s.rkey, text);
        }
    }
    Ok(())
}

/// Writes many records (an import or the sample class), one bucket write per bucket;
/// stops at the first failure and reports how many records were written before it.
pub fn save_all(
    backend: &dyn Backend,
    data: &ClassData,
    seen: &mut Seen,
) -> Result<usize, (usize, StorageError)> {
    let legacy = has_legacy(backend).map_err(|e| (0, e))?;
    let mut written = 0;
    macro_rules! write_kind {
        ($f:ident, $t:ty) => {
            save_many(backend, &data.$f, seen, legacy, &mut written).map_err(|e| (written, e))?;
        };
    }
    for_each_kind!(write_kind);
    Ok(written)
}

/// Stages writing `data` (an import) exactly as [`save_all`] would write it, without
/// writing anything: for the space it needs, and then for [`Staged::commit`].
pub fn stage_all<'a>(
    backend: &'a dyn Backend,
    data: &ClassData,
) -> Result<Staged<'a>, StorageError> {
    let staged = Staged::new(backend);
    save_all(&staged, data, &mut Seen::default()).map_err(|(_, e)| e)?;
    Ok(staged)
}

/// Writes `data` all at once or not at all: refused before writing when the space left
/// is too small ([`StorageError::NoRoom`]); when a write still fails half-way, what was
/// written is put back, so storage is byte for byte what it was. Returns how many
/// records were written.
pub fn save_all_at_once(backend: &dyn Backend, data: &ClassData) -> Result<usize, StorageError> {
    let staged = Staged::new(backend);
    let written = save_all(&staged, data, &mut Seen::default()).map_err(|(_, e)| e)?;
    staged.check_room()?;
    staged.commit()?;
    Ok(written)
}

#[inline(never)]
fn save_many<T: InClass>(
    backend: &dyn Backend,
    records: &[T],
    seen: &mut Seen,
    legacy: bool,
    written: &mut usize,
) -> Result<(), StorageError> {
    if !is_bucketed(T::KIND) {
        for r in records {
            save_record(backend, r, seen)?;
            *written += 1;
        }
        return Ok(());
    }
    let mut groups: BTreeMap<String, Vec<&T>> = BTreeMap::new();
    for r in records {
        if let Some(b) = bucket_key(r) {
            groups.entry(b).or_default().push(r);
        }
    }
    for (bkey, group) in groups {
        let mut bucket = Bucket::load(backend, &bkey)?;
        let mut slots = Vec::with_capacity(group.len());
        for record in &group {
            let rkey = record_key::<T>(record.id());
            let mut slot = Slot::find(
                backend,
                &bucket,
                &bkey,
                record.id().to_string(),
                rkey,
                legacy,
            )?;
            let to_write = match plan(
                slot.current.as_deref(),
                *record,
                seen,
                &slot.rkey,
                &slot.place,
            )? {
                Plan::Keep(_) => continue,
                Plan::Write(w) => w,
            };
            slot.current = Some(to_json(to_write.as_ref().unwrap_or(*record))?);
            slots.push(slot);
        }
        write_bucket(backend, &bkey, &mut bucket, slots, seen)?;
        *written += group.len();
    }
    Ok(())
}

/// Removes stored records or unreadable values for good: each key is a whole key, or
/// `<bucket key>#<id>` for one line of a bucket (see [`location`]). Lines of one bucket
/// are removed with one write; a bucket left empty goes.
pub fn discard(backend: &dyn Backend, keys: &[String]) -> Result<(), StorageError> {
    let mut lines: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for key in keys {
        match key.split_once('#') {
            Some((bkey, id)) if bkey.starts_with(BUCKET_PREFIX) => {
                lines.entry(bkey).or_default().push(id)
            }
            _ => backend.remove(key)?,
        }
    }
    for (bkey, ids) in lines {
        let mut bucket = Bucket::load(backend, bkey)?;
        let mut changed = false;
        for id in ids {
            changed |= bucket.remove(id);
        }
        if changed {
            bucket.store(backend, bkey)?;
        }
    }
    Ok(())
}

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
        let kind = rest.split(':').next().unwrap_or("");
        if !is_bucketed(kind) {
            continue;
        }
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
                    let kind = key[RECORD_PREFIX.len()..].split(':').next().unwrap_or("");
                    if let Some(merged) = merge_texts(kind, there, raw) {
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

/// True when records of bucketed kinds are still under their own keys (data of version 1,
/// or written by an older app in another tab): [`pack_legacy`] moves them.
pub fn has_legacy(backend: &dyn Backend) -> Result<bool, StorageError> {
    Ok(backend.keys()?.iter().any(|k| is_legacy_key(k)))
}

/// A key of version 1's layout holding a record of a kind now kept in buckets.
fn is_legacy_key(key: &str) -> bool {
    key.strip_prefix(RECORD_PREFIX)
        .is_some_and(|rest| is_bucketed(rest.split(':').next().unwrap_or("")))
}

/// The merge of two stored texts of one record of `kind`, when it differs from `there`.
fn merge_texts(kind: &str, there: &str, other: &str) -> Option<String> {
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
    use crate::domain::FromJson;
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

    fn everything(b: &MemoryBackend) -> Vec<(String, Option<String>)> {
        b.keys()
            .unwrap()
            .into_iter()
            .map(|k| {
                let v = b.get(&k).unwrap();
                (k, v)
            })
            .collect()
    }

    #[test]
    fn an_import_is_written_whole_or_not_at_all() {
        let here = demo();
        let incoming = demo_class(8, Day::from_ymd(2026, 11, 1).unwrap(), "dev2");
        // Room for what is here and a little more: the import fails part-way.
        let mut units = 0;
        for (k, v) in everything(&stored(&here).0) {
            units += k.encode_utf16().count() + v.unwrap().encode_utf16().count();
        }
        let b = MemoryBackend::with_quota(units + 2_000);
        save_all(&b, &here, &mut Seen::default()).unwrap();
        let before = everything(&b);
        assert_eq!(
            save_all_at_once(&b, &incoming),
            Err(StorageError::QuotaExceeded)
        );
        assert_eq!(everything(&b), before);
        // With room, all of it lands and reads back.
        let roomy = MemoryBackend::default();
        save_all(&roomy, &here, &mut Seen::default()).unwrap();
        assert_eq!(save_all_at_once(&roomy, &incoming), Ok(incoming.len()));
        let loaded = load_all(&roomy, || "dev3".into(), &mut Seen::default()).unwrap();
        assert_eq!(loaded.data.len(), here.len() + incoming.len());
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
    fn seen_finds_a_record_by_its_key_or_by_kind_and_id() {
        let id = Id::parse("QI_dlaekTWamYJi2xreG3Q").unwrap();
        let mut seen = Seen::default();
        seen.note_record::<Reflection>(id, "{\"x\":1}");
        let key = record_key::<Reflection>(id);
        assert!(seen.is_current(&key, "{\"x\":1}"));
        assert!(!seen.is_current(&key, "{\"x\":2}"));
        // Another kind with the same id, and keys of other shapes, are other entries.
        assert!(seen
            .get(&record_key::<crate::domain::Comment>(id))
            .is_none());
        for odd in [
            "wayfinder:meta",
            "wayfinder:r:j:not-an-id",
            "wayfinder:r:abc:QI_dlaekTWamYJi2xreG3Q",
        ] {
            assert!(seen.get(odd).is_none(), "{odd}");
            seen.note(odd, "a");
            assert!(seen.is_current(odd, "a"), "{odd}");
            assert!(!seen.is_current(odd, "b"), "{odd}");
        }
        seen.note(&key, "{\"x\":3}");
        assert!(seen.is_current(&key, "{\"x\":3}"));
        assert_eq!(seen.records.len(), 1);
        assert_eq!(seen.other.len(), 3);
    }

    #[test]
    fn a_records_bucket_never_changes_between_versions() {
        // Picked by FNV-1a of the id: another pick would file stored records twice.
        let mut r = reflection(&demo());
        for (id, n) in [
            ("AAECAwQFBgcICQoLDA0ODw", 7),
            ("VOTuVRAcSKqY50Genrr3Ug", 7),
            ("WoUjJPXmSdWtNXyuCocaxQ", 0),
        ] {
            r.meta.id = Id::parse(id).unwrap();
            let key = bucket_key(&r).unwrap();
            assert_eq!(key, format!("{BUCKET_PREFIX}j:{}:{n}", r.student), "{id}");
        }
    }

    #[test]
    fn the_quick_reader_reads_every_record_as_serde_does() {
        let mut data = demo();
        // Tombstones, kept conflicts and edited records too.
        let ctx = crate::domain::Ctx::new(
            crate::domain::Actor::teacher(data.classes[0].id()),
            "d9",
            crate::domain::time::Timestamp(data.goals[0].meta.created.0 + 99),
        );
        data.goals[0].tombstone(&ctx);
        let copy = serde_json::to_value(&data.comments[1]).unwrap();
        data.comments[0].meta.conflicts.push(copy);
        data.comments[0].touch(&ctx);
        let mut n = 0;
        macro_rules! check {
            ($f:ident, $t:ty) => {
                for r in &data.$f {
                    let json = serde_json::to_string(r).unwrap();
                    let quick = <$t as FromJson>::from_json(&json).unwrap();
                    assert_eq!(&quick, r, "{json}");
                    assert_eq!(&<$t as FastRead>::fast_read(&json).unwrap(), r, "{json}");
                    assert_eq!(quick, serde_json::from_str::<$t>(&json).unwrap());
                    n += 1;
                }
            };
        }
        for_each_kind!(check);
        assert_eq!(n, data.len());
        // A field twice: serde refuses it, and so does the quick reader.
        let json = serde_json::to_string(&data.comments[2]).unwrap();
        let twice = format!("{},\"x\":\"again\"}}", &json[..json.len() - 1]);
        assert!(serde_json::from_str::<crate::domain::Comment>(&twice).is_err());
        assert!(crate::domain::Comment::from_json(&twice).is_err());
    }

    /// The stored text of a record, from its bucket or its own key.
    fn stored_json<T: Record>(b: &MemoryBackend, r: &T) -> Option<String> {
        match bucket_key(r) {
            None => b.get(&record_key::<T>(r.id())).unwrap(),
            Some(bk) => bucket_lines(&b.get(&bk).unwrap()?)
                .unwrap()
                .into_iter()
                .find(|(id, _)| *id == r.id().to_string())
                .map(|(_, json)| json),
        }
    }

    /// Rewrites the line of `id` in bucket `bk` to `json`, as a newer version or a hand
    /// edit might.
    fn set_line(b: &MemoryBackend, bk: &str, id: &str, json: &str) {
        let lines: Vec<String> = bucket_lines(&b.get(bk).unwrap().unwrap())
            .unwrap()
            .into_iter()
            .map(|(i, j)| {
                if i == id {
                    format!("{i}\t{json}")
                } else {
                    format!("{i}\t{j}")
                }
            })
            .collect();
        b.set(bk, &crate::storage::pack::pack(&lines.join("\n")))
            .unwrap();
    }

    #[test]
    fn students_work_is_kept_in_packed_buckets_and_setup_under_its_own_keys() {
        let data = demo();
        let (b, _) = stored(&data);
        let keys = b.keys().unwrap();
        assert!(keys.iter().all(|k| !k.starts_with("wayfinder:r:g:")));
        assert!(keys.contains(&record_key::<crate::domain::StudentProfile>(
            data.students[0].id()
        )));
        let bk = bucket_key(&data.goals[0]).unwrap();
        assert!(bk.contains(&data.goals[0].student.to_string()), "{bk}");
        assert_eq!(
            stored_json(&b, &data.goals[0]),
            Some(serde_json::to_string(&data.goals[0]).unwrap())
        );
    }

    #[test]
    fn a_damaged_bucket_hides_only_its_own_records() {
        let data = demo();
        let (b, _) = stored(&data);
        let victim = bucket_key(&data.goals[0]).unwrap();
        let in_victim = data
            .goals
            .iter()
            .filter(|g| bucket_key(*g).as_deref() == Some(victim.as_str()))
            .count();
        b.set(&victim, "z1:40:garbage").unwrap();
        let loaded = load_all(&b, || "x".into(), &mut Seen::default()).unwrap();
        assert_eq!(loaded.data.goals.len(), data.goals.len() - in_victim);
        assert_eq!(loaded.data.reflections.len(), data.reflections.len());
        assert_eq!(loaded.unreadable.len(), 1);
        assert_eq!(loaded.unreadable[0].key, victim);
        assert_eq!(loaded.unreadable[0].raw, "z1:40:garbage");
        // and it is still there, byte for byte
        assert_eq!(b.get(&victim).unwrap().as_deref(), Some("z1:40:garbage"));
    }

    #[test]
    fn one_corrupt_record_never_hides_the_others() {
        let data = demo();
        let (b, _) = stored(&data);
        let g = &data.goals[0];
        let bk = bucket_key(g).unwrap();
        set_line(&b, &bk, &g.id().to_string(), "{\"i\":\"trunc");
        let loaded = load_all(&b, || "x".into(), &mut Seen::default()).unwrap();
        assert_eq!(loaded.data.goals.len(), data.goals.len() - 1);
        assert_eq!(loaded.data.reflections.len(), data.reflections.len());
        assert_eq!(loaded.unreadable.len(), 1);
        assert_eq!(loaded.unreadable[0].key, format!("{bk}#{}", g.id()));
        assert_eq!(loaded.unreadable[0].raw, "{\"i\":\"trunc");
        // saving another record of that bucket keeps the bad line as it was
        let other = data
            .goals
            .iter()
            .find(|o| o.id() != g.id() && bucket_key(*o).as_deref() == Some(bk.as_str()));
        if let Some(other) = other {
            let mut seen = Seen::default();
            load_all(&b, || "x".into(), &mut seen).unwrap();
            let mut o = other.clone();
            o.i_will = "Edited".into();
            save_record(&b, &o, &mut seen).unwrap();
            assert_eq!(stored_json(&b, g).as_deref(), Some("{\"i\":\"trunc"));
        }
        // removing it when the user says so takes only that line
        discard(&b, &[loaded.unreadable[0].key.clone()]).unwrap();
        let after = load_all(&b, || "x".into(), &mut Seen::default()).unwrap();
        assert!(after.unreadable.is_empty());
        assert_eq!(after.data.goals.len(), data.goals.len() - 1);
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
        let before = raw_dump(&b).unwrap();
        let mut r = reflection(&data);
        r.text = "Edited text".into();
        assert_eq!(save_record(&b, &r, &mut seen), Ok(Saved::Written));
        let after = raw_dump(&b).unwrap();
        assert_eq!(after.len(), before.len());
        let changed: Vec<_> = before
            .iter()
            .zip(&after)
            .filter(|(x, y)| x != y)
            .map(|(_, (k, _))| k.clone())
            .collect();
        assert_eq!(changed, vec![bucket_key(&r).unwrap()]);
        assert!(stored_json(&b, &r).unwrap().contains("Edited text"));
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
        let raw = stored_json(&b, &a).unwrap();
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
        let (b, _) = stored(&data);
        let mut seen = Seen::default();
        let mut mine = load_all(&b, || "x".into(), &mut seen).unwrap().data;
        let mut theirs_seen = Seen::default();
        load_all(&b, || "y".into(), &mut theirs_seen).unwrap();
        let mut r = reflection(&data);
        r.text = "Changed elsewhere".into();
        save_record(&b, &r, &mut theirs_seen).unwrap();
        let key = bucket_key(&r).unwrap();
        let raw = b.get(&key).unwrap().unwrap();
        assert_eq!(
            apply_external(&mut mine, &mut seen, &key, Some(&raw)),
            Ok(External::Changed)
        );
        assert_eq!(
            mine.get::<Reflection>(r.id()).unwrap().text,
            "Changed elsewhere"
        );
        assert!(seen.is_current(
            &record_key::<Reflection>(r.id()),
            &stored_json(&b, &r).unwrap()
        ));
        // the same value again changes nothing
        assert_eq!(
            apply_external(&mut mine, &mut seen, &key, Some(&raw)),
            Ok(External::Ignored)
        );
        let others = mine.reflections.len() - 1;
        discard(&b, &[location(&r)]).unwrap();
        let raw = b.get(&key).unwrap();
        assert_eq!(
            apply_external(&mut mine, &mut seen, &key, raw.as_deref()),
            Ok(External::Removed)
        );
        assert!(mine.get::<Reflection>(r.id()).is_none());
        assert_eq!(mine.reflections.len(), others);
        assert_eq!(
            apply_external(&mut mine, &mut seen, "wayfinder:prefs", Some("x")),
            Ok(External::Ignored)
        );
        assert!(apply_external(&mut mine, &mut seen, &key, Some("{bad")).is_err());
        // class setup still travels one key at a time
        let mut t = data.targets[0].clone();
        t.text = "I can compare fractions".into();
        let tkey = record_key::<crate::domain::LearningTarget>(t.id());
        let traw = serde_json::to_string(&t).unwrap();
        assert_eq!(
            apply_external(&mut mine, &mut seen, &tkey, Some(&traw)),
            Ok(External::Changed)
        );
        assert_eq!(
            apply_external(&mut mine, &mut seen, &tkey, None),
            Ok(External::Removed)
        );
    }

    #[test]
    fn a_record_we_cannot_read_is_never_written_over() {
        let data = demo();
        let (b, mut seen) = stored(&data);
        let r = reflection(&data);
        let key = bucket_key(&r).unwrap();
        b.set(&key, "garbage").unwrap();
        assert!(matches!(
            save_record(&b, &r, &mut seen),
            Err(StorageError::Unreadable { .. })
        ));
        assert_eq!(b.get(&key).unwrap().as_deref(), Some("garbage"));
    }

    #[test]
    fn a_line_we_cannot_read_is_never_written_over() {
        let data = demo();
        let (b, mut seen) = stored(&data);
        let r = reflection(&data);
        let key = bucket_key(&r).unwrap();
        set_line(&b, &key, &r.id().to_string(), "{\"i\":5}");
        let before = b.get(&key).unwrap();
        assert!(matches!(
            save_record(&b, &r, &mut seen),
            Err(StorageError::Unreadable { .. })
        ));
        assert_eq!(b.get(&key).unwrap(), before);
    }

    #[test]
    fn an_older_app_writing_an_old_key_after_the_move_is_merged_not_hidden() {
        let data = demo();
        let (b, _) = stored(&data);
        let mut r = reflection(&data);
        let ctx = Ctx::new(
            Actor::student(r.student),
            "old-tab",
            Timestamp(1_900_000_000_000),
        );
        r.text = "Written by the older app".into();
        r.touch(&ctx);
        let old_key = record_key::<Reflection>(r.id());
        b.set(&old_key, &serde_json::to_string(&r).unwrap())
            .unwrap();
        assert!(has_legacy(&b).unwrap());
        pack_legacy(&b).unwrap();
        assert!(!has_legacy(&b).unwrap());
        assert_eq!(b.get(&old_key).unwrap(), None);
        let loaded = load_all(&b, || "x".into(), &mut Seen::default()).unwrap();
        assert_eq!(
            loaded.data.get::<Reflection>(r.id()).unwrap().text,
            "Written by the older app"
        );
        assert_eq!(loaded.data.len(), data.len());
    }

    /// Text deflate cannot shrink, so it takes its full room.
    fn noise(len: usize) -> String {
        let mut x: u32 = 12345;
        (0..len)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                char::from(b'!' + ((x >> 16) % 90) as u8)
            })
            .collect()
    }

    #[test]
    fn quota_failures_keep_the_stored_version() {
        let data = demo();
        let b = MemoryBackend::with_quota(200_000);
        let mut seen = Seen::default();
        save_all(&b, &data, &mut seen).unwrap();
        let mut r = reflection(&data);
        let key = bucket_key(&r).unwrap();
        let before = b.get(&key).unwrap();
        r.text = noise(800_000);
        assert_eq!(
            save_record(&b, &r, &mut seen),
            Err(StorageError::QuotaExceeded)
        );
        assert_eq!(b.get(&key).unwrap(), before);
    }

    fn stored_units(data: &ClassData) -> f64 {
        let (b, _) = stored(data);
        let units: usize = raw_dump(&b)
            .unwrap()
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum();
        units as f64 * 100.0 / super::super::QUOTA_UNITS as f64
    }

    #[test]
    fn class_year_fits_in_forty_percent_of_the_quota() {
        // Both readings of the issue's class-year: 150 evidence, 200 reflections and 300
        // comments per student (26,000 records), and the same numbers for the class.
        for scale in [
            SampleScale::class_year_per_student_counts(),
            SampleScale::class_year(),
        ] {
            let data = sample_class(1, &scale, Timestamp(1_756_684_800_000), "dev1");
            let pct = stored_units(&data);
            println!("class-year: {} records, {pct:.1}% of the quota", data.len());
            assert!(pct < 40.0, "{} records take {pct:.1}%", data.len());
        }
    }
}
