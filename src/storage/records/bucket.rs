//! One bucket: up to about 40 of a student's records of one kind, one `id<TAB>json` line
//! each, packed ([`crate::storage::pack`]) into one stored value.

use crate::storage::pack::{pack, unpack};
use crate::storage::{Backend, StorageError};
use wayfinder_read::lines_of;

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
pub(in crate::storage) struct Bucket {
    pub(in crate::storage) lines: Vec<String>,
}

impl Bucket {
    pub(in crate::storage) fn read(stored: &str) -> Result<Self, String> {
        Ok(Self {
            lines: lines_of(&unpack(stored)?).map(String::from).collect(),
        })
    }

    /// Reads the bucket under `key`: empty when absent, an error when unreadable.
    pub(in crate::storage) fn load(backend: &dyn Backend, key: &str) -> Result<Self, StorageError> {
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

    pub(in crate::storage) fn get(&self, id: &str) -> Option<&str> {
        self.index(id).map(|i| &self.lines[i][id.len() + 1..])
    }

    pub(in crate::storage) fn put(&mut self, id: &str, json: &str) {
        let line = format!("{id}\t{json}");
        match self.index(id) {
            Some(i) => self.lines[i] = line,
            None => self.lines.push(line),
        }
    }

    pub(in crate::storage) fn remove(&mut self, id: &str) -> bool {
        let before = self.lines.len();
        self.lines.retain(|l| {
            !(l.len() > id.len() && l.starts_with(id) && l.as_bytes()[id.len()] == b'\t')
        });
        self.lines.len() != before
    }

    pub(in crate::storage) fn encode(&self) -> String {
        pack(&self.lines.join("\n"))
    }

    /// Writes the bucket, or removes its key when it holds nothing.
    pub(in crate::storage) fn store(
        &self,
        backend: &dyn Backend,
        key: &str,
    ) -> Result<(), StorageError> {
        if self.lines.is_empty() {
            backend.remove(key)
        } else {
            backend.set(key, &self.encode())
        }
    }
}
