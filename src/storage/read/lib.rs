//! The hot path of every start, built at opt-level 3 (see the workspace's Cargo.toml)
//! while the rest of the app, the domain included, is built for size: a class-year is
//! 7 MB of packed JSON and 26,000 records to read.
//!
//! - [`pack`]: the packed form of a bucket of records, and its unpacking.
//! - [`fingerprint`]: what storage remembers of each record it read.
//! - [`FastRead`]: each record kind's reader. The domain's quick readers are
//!   `#[inline]`, so the copy made here, with serde's code under it, is compiled for
//!   speed, and only this copy is, for the five kinds of student work.

pub mod pack;

use wayfinder_domain::{
    Class, Comment, Evidence, FormatChoice, FromJson, Goal, Group, HelpFlag, LearningTarget,
    Pathway, ProductFormat, Rating, Reflection, StudentProfile, Unit,
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
