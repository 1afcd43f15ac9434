//! Saving records: one record (merged with another tab's change when there was one),
//! many at once (an import, all or nothing), and removing them for good.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{bucket_key, has_legacy, is_bucketed, record_key, Bucket, LastRead, BUCKET_PREFIX};
use crate::domain::data::for_each_kind;
use crate::domain::{merge_record, ClassData, InClass, MergeOutcome};
use crate::storage::staged::Staged;
use crate::storage::{Backend, StorageError};

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
    seen: &mut LastRead,
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
    seen: &mut LastRead,
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
    let mut slot = Placement::find(backend, &bucket, &bkey, record.id().to_string(), rkey, true)?;
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
struct Placement {
    id: String,
    rkey: String,
    /// The stored text now; then the text to write.
    current: Option<String>,
    /// Where the stored text is, for messages (`<bucket>#<id>` or the old own key).
    place: String,
    /// The record is still under its own version-1 key.
    legacy: bool,
}

impl Placement {
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
    slots: Vec<Placement>,
    seen: &mut LastRead,
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
    seen: &mut LastRead,
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
    save_all(&staged, data, &mut LastRead::default()).map_err(|(_, e)| e)?;
    Ok(staged)
}

/// Writes `data` all at once or not at all: refused before writing when the space left
/// is too small ([`StorageError::NoRoom`]); when a write still fails half-way, what was
/// written is put back, so storage is byte for byte what it was. Returns how many
/// records were written.
pub fn save_all_at_once(backend: &dyn Backend, data: &ClassData) -> Result<usize, StorageError> {
    let staged = Staged::new(backend);
    let written = save_all(&staged, data, &mut LastRead::default()).map_err(|(_, e)| e)?;
    staged.check_room()?;
    staged.commit()?;
    Ok(written)
}

#[inline(never)]
fn save_many<T: InClass>(
    backend: &dyn Backend,
    records: &[T],
    seen: &mut LastRead,
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
            let mut slot = Placement::find(
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
/// `<bucket key>#<id>` for one line of a bucket (see [`super::location`]). Lines of one
/// bucket are removed with one write; a bucket left empty goes.
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
