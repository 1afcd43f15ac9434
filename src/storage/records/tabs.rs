//! Other tabs: taking in a change another tab stored (the `storage` event).

use std::collections::HashSet;

use super::{
    bucket_key, is_bucketed, kind_in, Bucket, LastRead, Unreadable, BUCKET_PREFIX, RECORD_PREFIX,
};
use crate::domain::data::for_each_kind;
use crate::domain::{ClassData, Id, Kind, Record};
use wayfinder_read::{fingerprint, split_line, FastRead};

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
    seen: &mut LastRead,
    key: &str,
    new_value: Option<&str>,
) -> Result<External, Unreadable> {
    if let Some(rest) = key.strip_prefix(BUCKET_PREFIX) {
        return apply_bucket(data, seen, key, kind_in(rest), new_value);
    }
    let Some(rest) = key.strip_prefix(RECORD_PREFIX) else {
        return Ok(External::Ignored);
    };
    let Some(kind) = kind_in(rest) else {
        return Ok(External::Ignored);
    };
    let id = rest.split_once(':').and_then(|(_, i)| Id::parse(i).ok());
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

/// A change to the bucket `key` of `kind` (`None` for a kind this version does not know:
/// nothing is taken in, but a bucket that cannot be read is still reported).
fn apply_bucket(
    data: &mut ClassData,
    seen: &mut LastRead,
    key: &str,
    kind: Option<Kind>,
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
            if kind == Some(<$t as Record>::KIND) {
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
