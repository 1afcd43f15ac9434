//! Where each record lives: the key layout of the record space.
//!
//! Class setup keeps one key per record (`wayfinder:r:<kind>:<id>`); a student's own work
//! lives in buckets (`wayfinder:b:<kind>:<student>:<n>`), a record's bucket picked by a
//! hash of its id that must never change.

use crate::domain::{Id, Kind, Record};
use crate::storage::{Backend, StorageError};

/// Prefix of every single-record key.
pub const RECORD_PREFIX: &str = "wayfinder:r:";
/// Prefix of every bucket key.
pub const BUCKET_PREFIX: &str = "wayfinder:b:";
/// The key holding this device's metadata (and, in its envelope, the schema version).
pub const META_KEY: &str = "wayfinder:meta";
/// Buckets per student and kind: 300 comments make buckets of about 40.
const BUCKETS_PER_STUDENT: u64 = 8;

/// Kinds kept in buckets: a student's own work.
pub fn is_bucketed(kind: Kind) -> bool {
    kind.is_student_work()
}

/// The kind named by a key without its prefix (`<kind>:…`), when this version knows it.
pub fn kind_in(rest: &str) -> Option<Kind> {
    Kind::parse(rest.split(':').next().unwrap_or(""))
}

/// The record's identity in storage (and its key, for kinds not kept in buckets).
pub fn record_key<T: Record>(id: Id) -> String {
    // Built by hand: made once per record at every start.
    let id = id.encode_array();
    let kind = T::KIND.as_str();
    let mut key = String::with_capacity(RECORD_PREFIX.len() + kind.len() + 1 + id.len());
    key.push_str(RECORD_PREFIX);
    key.push_str(kind);
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
    Some(format!("{BUCKET_PREFIX}{}:{owner}:{n}", T::KIND.as_str()))
}

/// Where a record is stored: its own key, or `<bucket key>#<id>` for a line of a bucket.
/// Accepted by [`super::discard`].
pub fn location<T: Record>(record: &T) -> String {
    match bucket_key(record) {
        Some(b) => format!("{b}#{}", record.id()),
        None => record_key::<T>(record.id()),
    }
}

/// FNV-1a of `text`: picks a record's bucket, so it must never change (a record filed
/// under another bucket would be stored twice).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// True when records of bucketed kinds are still under their own keys (data of version 1,
/// or written by an older app in another tab): [`crate::storage::migrate::pack_legacy`]
/// moves them.
pub fn has_legacy(backend: &dyn Backend) -> Result<bool, StorageError> {
    Ok(backend.keys()?.iter().any(|k| is_legacy_key(k)))
}

/// A key of version 1's layout holding a record of a kind now kept in buckets.
pub(super) fn is_legacy_key(key: &str) -> bool {
    key.strip_prefix(RECORD_PREFIX)
        .and_then(kind_in)
        .is_some_and(is_bucketed)
}
