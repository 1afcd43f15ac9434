//! The learning record as the app stored it: students' work sits in packed buckets
//! (`wayfinder:b:<kind>:<student>:<n>`), class setup under one key per record
//! (`wayfinder:r:<kind>:<id>`). These read and change single records either way, with the
//! app's own library, so tests can look at and tamper with what is stored.

use crate::{Browser, Error, Result, Snapshot};
use wayfinder::storage::pack::pack;
use wayfinder::storage::records::{bucket_lines, BUCKET_PREFIX, RECORD_PREFIX};

/// One stored record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRecord {
    /// The localStorage key it is in (a bucket or its own key).
    pub key: String,
    /// The record's id.
    pub id: String,
    /// Its JSON, exactly as stored.
    pub json: String,
}

/// Every record of `kind` (`"g"` goals, `"j"` reflections, `"s"` students…) in a snapshot.
/// A bucket that cannot be unpacked is an error.
pub fn records_in(snapshot: &Snapshot, kind: &str) -> Result<Vec<StoredRecord>> {
    let mut out = Vec::new();
    let own = format!("{RECORD_PREFIX}{kind}:");
    let bucket = format!("{BUCKET_PREFIX}{kind}:");
    for (key, value) in snapshot {
        if let Some(id) = key.strip_prefix(&own) {
            out.push(StoredRecord {
                key: key.clone(),
                id: id.to_string(),
                json: value.clone(),
            });
        } else if key.starts_with(&bucket) {
            let lines =
                bucket_lines(value).map_err(|e| Error(format!("bucket {key} unreadable: {e}")))?;
            out.extend(lines.into_iter().map(|(id, json)| StoredRecord {
                key: key.clone(),
                id,
                json,
            }));
        }
    }
    Ok(out)
}

/// The text a bucket holding `lines` (`(id, json)`) is stored as.
pub fn packed_bucket(lines: &[(String, String)]) -> String {
    let text: Vec<String> = lines.iter().map(|(i, j)| format!("{i}\t{j}")).collect();
    pack(&text.join("\n"))
}

impl Browser {
    /// Every stored record of `kind`, read from the page's localStorage.
    pub async fn stored_records(&self, kind: &str) -> Result<Vec<StoredRecord>> {
        records_in(&self.local_storage_snapshot().await?, kind)
    }

    /// The stored record of `kind` with `id`, if any.
    pub async fn stored_record(&self, kind: &str, id: &str) -> Result<Option<StoredRecord>> {
        Ok(self
            .stored_records(kind)
            .await?
            .into_iter()
            .find(|r| r.id == id))
    }

    /// Replaces the stored text of one record (as a hand edit or another version might),
    /// leaving every other record of its bucket as it was. Returns the key written.
    pub async fn replace_stored_record(&self, kind: &str, id: &str, json: &str) -> Result<String> {
        let record = self
            .stored_record(kind, id)
            .await?
            .ok_or_else(|| Error(format!("no stored record {kind}:{id}")))?;
        if !record.key.starts_with(BUCKET_PREFIX) {
            self.local_storage_set(&record.key, json).await?;
            return Ok(record.key);
        }
        let stored = self
            .local_storage_get(&record.key)
            .await?
            .unwrap_or_default();
        let lines: Vec<(String, String)> = bucket_lines(&stored)
            .map_err(|e| Error(format!("bucket {} unreadable: {e}", record.key)))?
            .into_iter()
            .map(|(i, j)| {
                if i == id {
                    (i, json.to_string())
                } else {
                    (i, j)
                }
            })
            .collect();
        self.local_storage_set(&record.key, &packed_bucket(&lines))
            .await?;
        Ok(record.key)
    }
}

impl Browser {
    /// Every localStorage key with its value as readable text: a bucket's records
    /// unpacked (one `id<TAB>json` line each), anything else as stored. For checks that
    /// something is *not* stored in clear, which packing must not hide.
    pub async fn readable_storage(&self) -> Result<Vec<(String, String)>> {
        let snapshot = self.local_storage_snapshot().await?;
        let mut out = Vec::with_capacity(snapshot.len());
        for (key, value) in snapshot {
            let text = if key.starts_with(BUCKET_PREFIX) {
                let lines = bucket_lines(&value)
                    .map_err(|e| Error(format!("bucket {key} unreadable: {e}")))?;
                let lines: Vec<String> = lines
                    .into_iter()
                    .map(|(i, j)| format!("{i}\t{j}"))
                    .collect();
                lines.join("\n")
            } else {
                value
            };
            out.push((key, text));
        }
        Ok(out)
    }
}
