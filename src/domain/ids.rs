//! Stable record ids: a uuid v4 written compactly as 22 characters of base64url without
//! padding. 22 instead of 36 characters matters: ids are the single most repeated thing
//! in storage (every record, every reference), and localStorage is only ~5 MiB.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::DomainError;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Length of an id in its compact text form.
pub const ID_LEN: usize = 22;

/// A record id (uuid v4). Serialized as a 22-character base64url string.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id([u8; 16]);

impl Id {
    /// A fresh random id. Rules never call this: callers (UI, storage) create ids and
    /// pass them in, so that rules stay deterministic and testable.
    pub fn new_v4() -> Self {
        Id(*uuid::Uuid::new_v4().as_bytes())
    }

    /// An id from 16 random bytes (version and variant bits are set to v4). Used by the
    /// deterministic sample generator and by tests.
    pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
        Id(*uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .as_bytes())
    }

    /// Wraps an existing uuid.
    pub fn from_uuid(u: uuid::Uuid) -> Self {
        Id(*u.as_bytes())
    }

    /// The id's sixteen bytes.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The same id as a uuid (for display in the long form if ever needed).
    pub fn as_uuid(&self) -> uuid::Uuid {
        uuid::Uuid::from_bytes(self.0)
    }

    /// A deterministic id derived from this one and a salt. Two devices deriving from the
    /// same inputs get the same id, so derived records converge when exports are merged.
    pub fn derive(&self, salt: &[u8]) -> Id {
        // FNV-1a 64 twice with different offsets, then a splitmix finaliser.
        fn fnv(seed: u64, parts: &[&[u8]]) -> u64 {
            let mut h = seed;
            for p in parts {
                for b in p.iter() {
                    h ^= u64::from(*b);
                    h = h.wrapping_mul(0x0000_0100_0000_01b3);
                }
            }
            h ^= h >> 30;
            h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
            h ^= h >> 27;
            h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
            h ^ (h >> 31)
        }
        let a = fnv(0xcbf2_9ce4_8422_2325, &[&self.0, salt]);
        let b = fnv(0x9e37_79b9_7f4a_7c15, &[salt, &self.0]);
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&a.to_le_bytes());
        bytes[8..].copy_from_slice(&b.to_le_bytes());
        Id::from_random_bytes(bytes)
    }

    /// The compact 22-character form.
    pub fn encode(&self) -> String {
        let text = self.encode_array();
        // Always ASCII (from ALPHABET), so never empty.
        std::str::from_utf8(&text).unwrap_or_default().to_string()
    }

    /// The compact form without allocating (ids are compared as text while loading a
    /// class-year: tens of thousands of times).
    pub fn encode_array(&self) -> [u8; ID_LEN] {
        let b = &self.0;
        let mut out = [0u8; ID_LEN];
        let mut i = 0;
        while i < 5 {
            let n = (u32::from(b[i * 3]) << 16)
                | (u32::from(b[i * 3 + 1]) << 8)
                | u32::from(b[i * 3 + 2]);
            out[i * 4] = ALPHABET[(n >> 18) as usize & 63];
            out[i * 4 + 1] = ALPHABET[(n >> 12) as usize & 63];
            out[i * 4 + 2] = ALPHABET[(n >> 6) as usize & 63];
            out[i * 4 + 3] = ALPHABET[n as usize & 63];
            i += 1;
        }
        out[20] = ALPHABET[(b[15] >> 2) as usize];
        out[21] = ALPHABET[((b[15] & 3) << 4) as usize];
        out
    }

    /// True when `text` is this id's compact form.
    pub fn is(&self, text: &str) -> bool {
        text.as_bytes() == self.encode_array()
    }

    /// Reads the compact form. Refuses anything that is not exactly 22 base64url
    /// characters in canonical form (the unused low bits of the last one must be zero),
    /// so every id has exactly one spelling and can be compared as text.
    #[inline]
    pub fn parse(s: &str) -> Result<Id, DomainError> {
        let bad = || DomainError::BadId(s.chars().take(40).collect());
        let bytes = s.as_bytes();
        if bytes.len() != ID_LEN {
            return Err(bad());
        }
        let mut vals = [0u8; ID_LEN];
        let mut all = 0u8;
        for (v, c) in vals.iter_mut().zip(bytes) {
            *v = DECODE[usize::from(*c)];
            all |= *v;
        }
        if all & 0x80 != 0 || vals[21] & 0x0f != 0 {
            return Err(bad());
        }
        let mut out = [0u8; 16];
        let mut i = 0;
        while i < 5 {
            let n = (u32::from(vals[i * 4]) << 18)
                | (u32::from(vals[i * 4 + 1]) << 12)
                | (u32::from(vals[i * 4 + 2]) << 6)
                | u32::from(vals[i * 4 + 3]);
            out[i * 3] = (n >> 16) as u8;
            out[i * 3 + 1] = (n >> 8) as u8;
            out[i * 3 + 2] = n as u8;
            i += 1;
        }
        out[15] = (vals[20] << 2) | (vals[21] >> 4);
        Ok(Id(out))
    }
}

/// Each byte's value in ALPHABET, or 0xff when it is not in it.
const DECODE: [u8; 256] = {
    let mut table = [0xffu8; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.encode())
    }
}

impl FromStr for Id {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Id::parse(s)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(ParseStr(Id::parse))
    }
}

/// Reads a string through `parse` without copying it when the input allows (ids and
/// tagged ids are the most read values of a class-year).
pub(crate) struct ParseStr<F>(pub F);

impl<'de, T, E, F> serde::de::Visitor<'de> for ParseStr<F>
where
    E: fmt::Display,
    F: FnOnce(&str) -> Result<T, E>,
{
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Wayfinder id")
    }
    fn visit_str<Er: serde::de::Error>(self, s: &str) -> Result<T, Er> {
        (self.0)(s).map_err(Er::custom)
    }
}

/// Serializes "letter + id" pairs (actors, assignments, comment targets) as one short
/// string such as `"sAbc…"` instead of an object: saves ~12 characters each time.
#[inline]
pub(crate) fn split_tagged(s: &str) -> Result<(char, Id), DomainError> {
    let mut chars = s.chars();
    let tag = chars
        .next()
        .ok_or_else(|| DomainError::BadId(String::new()))?;
    Ok((tag, Id::parse(chars.as_str())?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn compact_form_is_22_url_safe_chars_and_round_trips() {
        let id = Id::new_v4();
        let s = id.encode();
        assert_eq!(s.len(), 22);
        assert!(s
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_eq!(Id::parse(&s), Ok(id));
        assert_eq!(id.as_uuid().get_version_num(), 4);
    }

    #[test]
    fn known_vector_matches_standard_base64url() {
        // bytes 0..16 in standard base64url: AAECAwQFBgcICQoLDA0ODw
        let mut b = [0u8; 16];
        for (i, x) in b.iter_mut().enumerate() {
            *x = i as u8;
        }
        assert_eq!(Id(b).encode(), "AAECAwQFBgcICQoLDA0ODw");
        assert_eq!(Id::parse("AAECAwQFBgcICQoLDA0ODw"), Ok(Id(b)));
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        for bad in [
            "",
            "short",
            "AAECAwQFBgcICQoLDA0ODw=",
            "AAECAwQFBgcICQoLDA0OD+",
            "AAECAwQFBgcICQoLDA0ODx", // non-canonical trailing bits
            "ÄAECAwQFBgcICQoLDA0OD",
            "AAECAwQFBgcICQoLDA0ODwAA",
        ] {
            assert!(Id::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(serde_json::from_str::<Id>("\"nope\"").is_err());
        assert!(serde_json::from_str::<Id>("42").is_err());
    }

    #[test]
    fn serializes_as_plain_string() {
        let id = Id::from_random_bytes([7; 16]);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{}\"", id.encode()));
        assert_eq!(serde_json::from_str::<Id>(&json).unwrap(), id);
    }

    #[test]
    fn derive_is_deterministic_and_salt_sensitive() {
        let id = Id::from_random_bytes([1; 16]);
        assert_eq!(id.derive(b"x"), id.derive(b"x"));
        assert_ne!(id.derive(b"x"), id.derive(b"y"));
        assert_ne!(id.derive(b"x"), id);
    }

    proptest! {
        #[test]
        fn any_bytes_round_trip(bytes in any::<[u8; 16]>()) {
            let id = Id(bytes);
            prop_assert_eq!(Id::parse(&id.encode()), Ok(id));
        }

        #[test]
        fn parse_never_panics(s in ".{0,30}") {
            let _ = Id::parse(&s);
        }
    }
}
