//! The hot path of every start, built at opt-level 3 (see the workspace's Cargo.toml)
//! while the rest of the app, the domain included, is built for size: a class-year is
//! 7 MB of packed JSON and 26,000 records to read.
//!
//! - [`pack`]: the packed form of a bucket of records, and its unpacking.
//! - [`fingerprint`]: what storage remembers of each record it read.
//! - [`FastRead`]: each record kind's reader. The domain's quick readers are
//!   `#[inline]`, so the copy made here, with serde's code under it, is compiled for
//!   speed, and only this copy is, for the five kinds of student work.
//! - [`ReadBucket`]: the loop over an unpacked bucket's lines, with [`Fingerprints`], where
//!   storage keeps each record's fingerprint. Generic code is compiled in the crate
//!   that names its types, so this is spelled out for each kind here.

pub mod pack;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use wayfinder_domain::{
    Class, Comment, Evidence, FormatChoice, FromJson, Goal, Group, HelpFlag, Id, LearningTarget,
    Pathway, ProductFormat, Rating, Record, Reflection, StudentProfile, Unit,
};

/// A cheap fingerprint of stored text, for storage to notice that another tab changed a
/// record: one per record at every start. Kept in memory only, so it may change between
/// versions.
pub fn fingerprint(text: &str) -> u64 {
    mix(0xcbf2_9ce4_8422_2325, text.as_bytes())
}

/// Mixes `bytes` into `h`, sixteen bytes a step in two independent lanes (a class-year
/// is 7 MB of JSON, read at every start): plenty for change detection and our own hash
/// keys, not for security.
pub fn mix(h: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut a = h ^ bytes.len() as u64;
    let mut b = h.rotate_left(32) ^ K;
    let mut chunks = bytes.chunks_exact(16);
    for c in &mut chunks {
        let mut w = [0u8; 16];
        w.copy_from_slice(c);
        let w = u128::from_le_bytes(w);
        a = (a.rotate_left(23) ^ w as u64).wrapping_mul(K);
        b = (b.rotate_left(23) ^ (w >> 64) as u64).wrapping_mul(K);
    }
    let mut h = a ^ b.rotate_left(31);
    for &x in chunks.remainder() {
        h = (h ^ u64::from(x)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// Hashes storage's own keys (no flooding to fear) faster than the standard library's
/// DoS-resistant default.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = mix(self.0, bytes);
    }
}

/// A map keyed by storage's own keys, hashed with [`KeyHasher`].
pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// A record's kind (one or two letters) and id: its storage key in 18 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSlot([u8; 18]);

impl Hash for RecordSlot {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(&self.0);
    }
}

impl RecordSlot {
    /// The slot of a record of `kind` (none for a kind name of another length).
    pub fn new(kind: &str, id: Id) -> Option<Self> {
        let k = kind.as_bytes();
        if k.is_empty() || k.len() > 2 {
            return None;
        }
        let mut slot = [0u8; 18];
        slot[..k.len()].copy_from_slice(k);
        slot[2..].copy_from_slice(id.as_bytes());
        Some(RecordSlot(slot))
    }
}

/// The fingerprint of each record's stored text, by [`RecordSlot`]: what storage last read or
/// wrote (a class-year fills it with 26,000 records at every start).
#[derive(Debug, Default, Clone)]
pub struct Fingerprints(KeyMap<RecordSlot, u64>);

impl Fingerprints {
    /// Remembers `print` for the record in `slot`.
    pub fn insert(&mut self, slot: RecordSlot, print: u64) {
        self.0.insert(slot, print);
    }

    /// What is remembered for the record in `slot`.
    pub fn get(&self, slot: &RecordSlot) -> Option<u64> {
        self.0.get(slot).copied()
    }

    /// How many records are remembered.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no record is remembered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A line's id and record JSON (no id when the line has no tab). A plain byte scan: the
/// id is short, and this runs once per record at every start.
pub fn split_line(line: &str) -> (&str, &str) {
    match line.bytes().position(|b| b == b'\t') {
        Some(at) => (&line[..at], &line[at + 1..]),
        None => ("", line),
    }
}

/// The lines of an unpacked bucket's text.
pub fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').filter(|l| !l.is_empty())
}

/// A line of a bucket that could not be read, left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// The line's id, as written.
    pub id: String,
    /// The line's record text.
    pub json: String,
    /// Why it cannot be read.
    pub reason: String,
}

/// Reads the lines of an unpacked bucket of one kind.
pub trait ReadBucket: Sized {
    /// Each readable line's record goes into `records` and its fingerprint into
    /// `prints`; any other line (damaged, or its id not the record's) into `bad`.
    fn read_bucket(
        text: &str,
        records: &mut Vec<Self>,
        prints: &mut Fingerprints,
        bad: &mut Vec<BadLine>,
    );
}

#[inline(always)]
fn read_lines<T: FastRead + Record>(
    text: &str,
    records: &mut Vec<T>,
    prints: &mut Fingerprints,
    bad: &mut Vec<BadLine>,
) {
    for line in lines_of(text) {
        let (id, json) = split_line(line);
        let reason = match T::fast_read(json) {
            Ok(r) if r.id().is(id) => match RecordSlot::new(T::KIND.as_str(), r.id()) {
                Some(slot) => {
                    prints.insert(slot, fingerprint(json));
                    records.push(r);
                    continue;
                }
                None => "this kind of record cannot be kept here".to_string(),
            },
            Ok(_) => "the record's id does not match its line".to_string(),
            Err(e) => e.to_string(),
        };
        bad.push(BadLine {
            id: id.to_string(),
            json: json.to_string(),
            reason,
        });
    }
}

macro_rules! read_bucket {
    ($f:ident, $t:ty) => {
        impl ReadBucket for $t {
            fn read_bucket(
                text: &str,
                records: &mut Vec<Self>,
                prints: &mut Fingerprints,
                bad: &mut Vec<BadLine>,
            ) {
                read_lines(text, records, prints, bad)
            }
        }
    };
}
wayfinder_domain::for_each_kind!(read_bucket);

/// Reads a stored record: the same result as [`FromJson::from_json`].
pub trait FastRead: Sized {
    /// The record in `json`, or why it cannot be read.
    fn fast_read(json: &str) -> serde_json::Result<Self>;
}

/// The kinds a class-year has thousands of: read on the quick path, compiled here.
macro_rules! fast_read {
    ($($t:ty),*) => {$(
        impl FastRead for $t {
            fn fast_read(json: &str) -> serde_json::Result<Self> {
                match <$t as FromJson>::from_json_known(json) {
                    Some(r) => Ok(r),
                    // Unknown fields to keep, or an error to report: the usual way.
                    None => <$t as FromJson>::from_json(json),
                }
            }
        }
    )*};
}
fast_read!(Goal, Evidence, Reflection, Comment, Rating);

/// The kinds a class has a few dozen of: the domain's reader as it is (a fast copy of
/// their larger types would cost more download than it saves time).
macro_rules! usual_read {
    ($($t:ty),*) => {$(
        impl FastRead for $t {
            fn fast_read(json: &str) -> serde_json::Result<Self> {
                <$t as FromJson>::from_json(json)
            }
        }
    )*};
}
usual_read!(
    Class,
    StudentProfile,
    Group,
    LearningTarget,
    Unit,
    ProductFormat,
    FormatChoice,
    Pathway,
    HelpFlag
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_tell_texts_apart() {
        let texts = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "0123456789abcdef",
            "0123456789abcdeg",
            "1123456789abcdef0",
        ];
        let mut prints: Vec<u64> = texts.iter().map(|t| fingerprint(t)).collect();
        prints.sort_unstable();
        prints.dedup();
        assert_eq!(prints.len(), texts.len());
    }

    use wayfinder_domain::sample::{sample_class, SampleScale};
    use wayfinder_domain::Timestamp;

    #[test]
    fn every_kind_has_a_slot_of_its_own() {
        let id = wayfinder_domain::record::testing::id(7);
        let mut slots = Vec::new();
        macro_rules! slot {
            ($f:ident, $t:ty) => {
                slots.push(
                    RecordSlot::new(<$t as Record>::KIND.as_str(), id).expect(stringify!($t)),
                );
            };
        }
        wayfinder_domain::for_each_kind!(slot);
        let count = slots.len();
        slots.dedup_by(|a, b| a == b);
        assert_eq!(slots.len(), count);
        assert!(RecordSlot::new("", id).is_none() && RecordSlot::new("abc", id).is_none());
    }

    #[test]
    fn a_bucket_is_read_into_records_fingerprints_and_lines_left_as_they_are() {
        let data = sample_class(3, &SampleScale::demo(), Timestamp(1_756_684_800_000), "d1");
        let goals = &data.goals[..3];
        let json: Vec<String> = goals
            .iter()
            .map(|g| serde_json::to_string(g).unwrap())
            .collect();
        let mut text = String::new();
        for (g, j) in goals.iter().zip(&json) {
            text += &format!("{}\t{j}\n\n", g.id());
        }
        text += "AAAAAAAAAAAAAAAAAAAAAA\t{\"i\":1}\n";
        text += &format!("{}\t{}\n", goals[0].id(), json[1]);
        let (mut records, mut prints, mut bad) = (Vec::new(), Fingerprints::default(), Vec::new());
        Goal::read_bucket(&text, &mut records, &mut prints, &mut bad);
        assert_eq!(records, goals);
        assert_eq!(prints.len(), 3);
        let slot = RecordSlot::new("g", goals[2].id()).unwrap();
        assert_eq!(prints.get(&slot), Some(fingerprint(&json[2])));
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].id, "AAAAAAAAAAAAAAAAAAAAAA");
        assert_eq!(bad[0].json, "{\"i\":1}");
        assert_eq!(
            (bad[1].id.as_str(), bad[1].json.as_str()),
            (&*goals[0].id().to_string(), &*json[1])
        );
        assert!(
            bad[1].reason.contains("does not match"),
            "{}",
            bad[1].reason
        );
    }

    #[test]
    fn reads_what_serde_reads() {
        let data = sample_class(3, &SampleScale::demo(), Timestamp(1_756_684_800_000), "d1");
        for goal in &data.goals {
            let json = serde_json::to_string(goal).unwrap();
            assert_eq!(&Goal::fast_read(&json).unwrap(), goal);
        }
        let comment = &data.comments[0];
        let json = serde_json::to_string(comment).unwrap();
        // A field from a newer version is kept; a damaged record is refused.
        let newer = format!("{},\"zz\":1}}", &json[..json.len() - 1]);
        let read = Comment::fast_read(&newer).unwrap();
        assert_eq!(read.extra.get("zz"), Some(&serde_json::json!(1)));
        assert!(Comment::fast_read(&json[..json.len() - 1]).is_err());
    }
}
