//! Many writes staged in memory over the real storage, then applied all together or not
//! at all: an import either lands whole, or leaves storage byte for byte as it was.
//!
//! The same record code ([`super::records::save_all`]) writes into a [`Staged`] backend,
//! so the space an import needs is measured by doing exactly what the import will do,
//! before any of it touches the browser's storage.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::{Backend, StorageError, QUOTA_UNITS};

/// Writes kept in memory over `base`; reads see them. Nothing reaches `base` until
/// [`Staged::commit`].
pub struct Staged<'a> {
    base: &'a dyn Backend,
    /// Key → new text (`None`: removed).
    writes: RefCell<BTreeMap<String, Option<String>>>,
}

fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

impl<'a> Staged<'a> {
    /// Nothing staged yet over `base`.
    pub fn new(base: &'a dyn Backend) -> Self {
        Self {
            base,
            writes: RefCell::default(),
        }
    }

    /// How many keys the staged writes touch.
    pub fn len(&self) -> usize {
        self.writes.borrow().len()
    }

    /// True when nothing is staged.
    pub fn is_empty(&self) -> bool {
        self.writes.borrow().is_empty()
    }

    /// UTF-16 units the staged writes add to what `base` holds now (keys and values;
    /// 0 when they free space).
    pub fn units_added(&self) -> Result<usize, StorageError> {
        let (mut before, mut after) = (0usize, 0usize);
        for (key, new) in self.writes.borrow().iter() {
            if self.base.get(key)?.is_some() {
                before += units(key) + self.base.value_units(key)?;
            }
            if let Some(new) = new {
                after += units(key) + units(new);
            }
        }
        Ok(after.saturating_sub(before))
    }

    /// Refuses, before anything is written, when the staged writes need more than the
    /// quota has free (counting every key of the site, Wayfinder's or not).
    pub fn check_room(&self) -> Result<(), StorageError> {
        let needed = self.units_added()?;
        let mut used = 0;
        for k in self.base.keys()? {
            used += units(&k) + self.base.value_units(&k)?;
        }
        let free = QUOTA_UNITS.saturating_sub(used);
        if needed > free {
            return Err(StorageError::NoRoom { needed, free });
        }
        Ok(())
    }

    /// Applies every staged write to `base`. If one fails, what was already written is
    /// put back (new keys removed first, then values that shrank, then the rest), so
    /// `base` holds exactly what it held before; the first failure is returned.
    pub fn commit(self) -> Result<(), StorageError> {
        let writes = self.writes.into_inner();
        let mut done: Vec<(String, Option<String>, usize)> = Vec::with_capacity(writes.len());
        for (key, new) in writes {
            let old = self.base.get(&key)?;
            let written = match &new {
                Some(text) => self.base.set(&key, text),
                None => self.base.remove(&key),
            };
            let now_units = new.as_deref().map_or(0, units);
            match written {
                Ok(()) => done.push((key, old, now_units)),
                Err(e) => {
                    return match undo(self.base, done) {
                        Ok(()) => Err(e),
                        Err(u) => Err(StorageError::Other(format!(
                            "{e} Putting back what was there before also failed: {u}"
                        ))),
                    }
                }
            }
        }
        Ok(())
    }
}

/// Puts back the old text of every key written, in an order that always fits: keys
/// that were new go first, then keys whose old text is shorter than what is there now.
fn undo(
    base: &dyn Backend,
    mut done: Vec<(String, Option<String>, usize)>,
) -> Result<(), StorageError> {
    done.sort_by_key(|(_, old, now)| match old {
        None => (0, 0),
        Some(o) if units(o) <= *now => (1, 0),
        Some(_) => (2, 0),
    });
    for (key, old, _) in done {
        match old {
            None => base.remove(&key)?,
            Some(text) => base.set(&key, &text)?,
        }
    }
    Ok(())
}

impl Backend for Staged<'_> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match self.writes.borrow().get(key) {
            Some(staged) => Ok(staged.clone()),
            None => self.base.get(key),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.writes
            .borrow_mut()
            .insert(key.to_string(), Some(value.to_string()));
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.writes.borrow_mut().insert(key.to_string(), None);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let writes = self.writes.borrow();
        let mut keys: Vec<String> = self
            .base
            .keys()?
            .into_iter()
            .filter(|k| !matches!(writes.get(k), Some(None)))
            .collect();
        for (k, v) in writes.iter() {
            if v.is_some() && !keys.contains(k) {
                keys.push(k.clone());
            }
        }
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryBackend;

    #[test]
    fn staged_writes_are_seen_but_not_stored_until_committed() {
        let base = MemoryBackend::default();
        base.set("a", "1").unwrap();
        base.set("gone", "x").unwrap();
        let s = Staged::new(&base);
        s.set("a", "22").unwrap();
        s.set("b", "3").unwrap();
        s.remove("gone").unwrap();
        assert_eq!(s.get("a").unwrap().as_deref(), Some("22"));
        assert_eq!(s.get("gone").unwrap(), None);
        let mut keys = s.keys().unwrap();
        keys.sort();
        assert_eq!(keys, vec!["a".to_string(), "b".to_string()]);
        assert_eq!(base.get("a").unwrap().as_deref(), Some("1"));
        // "a" grows by one, "b" (key and value) is two, "gone" frees five.
        assert_eq!(s.units_added().unwrap(), 0);
        s.commit().unwrap();
        assert_eq!(base.get("a").unwrap().as_deref(), Some("22"));
        assert_eq!(base.get("b").unwrap().as_deref(), Some("3"));
        assert_eq!(base.get("gone").unwrap(), None);
    }

    #[test]
    fn too_little_room_is_refused_with_both_figures() {
        let base = MemoryBackend::default();
        base.set("filler", &"x".repeat(QUOTA_UNITS - 20)).unwrap();
        let s = Staged::new(&base);
        s.set("k", &"y".repeat(30)).unwrap();
        assert_eq!(
            s.check_room(),
            Err(StorageError::NoRoom {
                needed: 31,
                free: 14
            })
        );
    }

    #[test]
    fn a_failure_half_way_puts_everything_back_byte_for_byte() {
        let base = MemoryBackend::with_quota(60);
        base.set("a", "small").unwrap();
        base.set("b", &"b".repeat(20)).unwrap();
        let before = base.snapshot();
        let s = Staged::new(&base);
        s.set("a", "a bit longer").unwrap();
        s.set("b", "short").unwrap();
        s.set("c", &"c".repeat(10)).unwrap();
        s.set("d", &"d".repeat(40)).unwrap();
        assert_eq!(s.commit(), Err(StorageError::QuotaExceeded));
        assert_eq!(base.snapshot(), before);
    }
}
