//! Version vectors: which changes of each device a copy of a record has seen.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A version vector: for each device (a short id the storage layer picks once per
/// browser), how many changes it has made to the record. Comparing two vectors tells
/// whether one copy has seen all changes of the other, or whether they were edited
/// concurrently (see `merge`).
///
/// Stored as a JSON object sorted by device. Held as a short sorted list: a record is
/// nearly always changed on one or two devices, and a list is one small allocation where
/// a map took a node (a class-year has tens of thousands of these).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VersionVector(Vec<(String, u32)>);

impl VersionVector {
    /// No changes yet.
    pub fn new() -> Self {
        Self::default()
    }
    fn find(&self, device: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(d, _)| d.as_str().cmp(device))
    }
    /// How many changes `device` made (0 when none).
    pub fn get(&self, device: &str) -> u32 {
        self.find(device).map_or(0, |i| self.0[i].1)
    }
    /// True when `device` has an entry.
    pub fn contains(&self, device: &str) -> bool {
        self.find(device).is_ok()
    }
    /// Changes the count of `device` (an entry of 0 when it had none).
    fn update(&mut self, device: &str, f: impl FnOnce(u32) -> u32) {
        match self.find(device) {
            Ok(i) => self.0[i].1 = f(self.0[i].1),
            Err(i) => self.0.insert(i, (device.to_string(), f(0))),
        }
    }
    /// Sets the count of `device`.
    pub fn set(&mut self, device: &str, n: u32) {
        self.update(device, |_| n);
    }
    /// One more change on `device`.
    pub fn bump(&mut self, device: &str) {
        self.update(device, |c| c.saturating_add(1));
    }
    /// Raises the count of `device` to at least `n`.
    pub fn raise(&mut self, device: &str, n: u32) {
        self.update(device, |c| c.max(n));
    }
    /// Each device and its count, sorted by device.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.0.iter().map(|(d, n)| (d.as_str(), *n))
    }
    /// True when no device has an entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Forgets every entry.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl FromIterator<(String, u32)> for VersionVector {
    /// Like a map: a device given twice keeps its last count.
    fn from_iter<I: IntoIterator<Item = (String, u32)>>(iter: I) -> Self {
        let mut v = VersionVector::new();
        for (d, n) in iter {
            v.set(&d, n);
        }
        v
    }
}

impl Serialize for VersionVector {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for VersionVector {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = VersionVector;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of device to count")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<VersionVector, A::Error> {
                let mut v = VersionVector(Vec::with_capacity(map.size_hint().unwrap_or(1)));
                while let Some((d, n)) = map.next_entry::<String, u32>()? {
                    match v.find(&d) {
                        Ok(i) => v.0[i].1 = n,
                        Err(i) => v.0.insert(i, (d, n)),
                    }
                }
                Ok(v)
            }
        }
        d.deserialize_map(Entries)
    }
}
