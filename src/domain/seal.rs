//! Seals: how a teacher's decision proves, on any device, that the teacher made it.
//!
//! A class has one key pair (ECDSA P-256). The public key is in the class setup
//! ([`Class::key`](super::class::Class)); the private key stays on the teacher's devices.
//! A teacher device seals the *teacher part* of a record (see [`authority`](super::authority))
//! when the record leaves the device: it signs [`message`] and stores the result in the
//! record's `sg` field as a [`Seal`]. Any device that receives the record checks the seal
//! before it accepts the teacher part.
//!
//! Nothing here signs or verifies: that is the browser's WebCrypto (`state::crypto`), so
//! the app carries no elliptic-curve code. The domain only says *what* is signed, in a
//! form both sides compute alike: [`message`] is canonical (object keys sorted, no
//! whitespace), so a record read and written again by any version of the app, with
//! fields in any order, still has the same message.
//!
//! The signature is WebCrypto's ECDSA format: `r || s`, 64 bytes, stored as base64url.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ids::{Id, ParseStr};
use super::time::Timestamp;

/// What every sealed message starts with: the purpose and its version, so a signature
/// made for something else can never pass as a seal.
const DOMAIN_TAG: &str = "wayfinder-seal/1";

/// A teacher's signature over a record's teacher part, and when it was made (the
/// teacher's clock). A newer teacher part must carry a seal at least as recent as the
/// one it replaces, so an old sealed decision cannot be played back over a newer one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seal {
    /// When the teacher's device sealed it.
    pub at: Timestamp,
    /// ECDSA P-256 signature, `r || s`.
    pub sig: [u8; 64],
}

impl Seal {
    /// True for a seal the teacher's own device marked out of date when the teacher
    /// changed the record (`Meta::touch`): it still says when the record was last
    /// sealed, and is sealed again before the record leaves the device. A real ECDSA
    /// signature is never all zeros.
    pub fn is_stale(&self) -> bool {
        self.sig == [0; 64]
    }
}

impl fmt::Display for Seal {
    /// `"<ms>.<base64url signature>"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.at.0, base64url(&self.sig))
    }
}

impl std::str::FromStr for Seal {
    type Err = String;
    fn from_str(s: &str) -> Result<Seal, String> {
        let (at, sig) = s
            .split_once('.')
            .ok_or("a seal needs a time and a signature")?;
        let at: i64 = at.parse().map_err(|_| "a seal's time is not a number")?;
        let bytes = from_base64url(sig).ok_or("a seal's signature is not base64url")?;
        let sig: [u8; 64] = bytes
            .try_into()
            .map_err(|_| "a seal's signature is not 64 bytes")?;
        Ok(Seal {
            at: Timestamp(at),
            sig,
        })
    }
}

impl Serialize for Seal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Seal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(ParseStr(str::parse::<Seal>))
    }
}

/// The bytes a seal signs: the purpose, the record's kind and id, the seal's time and the
/// teacher part in canonical JSON (`null` when the record has no teacher part).
pub fn message(kind: &str, id: Id, at: Timestamp, part: Option<&serde_json::Value>) -> Vec<u8> {
    let mut out = format!("{DOMAIN_TAG}\n{kind}\n{id}\n{}\n", at.0);
    match part {
        Some(v) => canonical(v, &mut out),
        None => out.push_str("null"),
    }
    out.into_bytes()
}

/// Writes `v` as JSON with object keys sorted and no whitespace, whatever map type
/// serde_json was built with.
pub fn canonical(v: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (n, k) in keys.into_iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                canonical(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5), as keys and signatures are stored.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Reads base64url without padding; `None` for anything else.
pub fn from_base64url(s: &str) -> Option<Vec<u8>> {
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let v = ALPHABET.iter().position(|a| a == c)? as u32;
            n |= v << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
        // Bits below the last whole byte must be zero, so each value has one spelling.
        let used = (chunk.len() - 1) * 8;
        if n & ((1 << (24 - used)) - 1) != 0 {
            return None;
        }
    }
    Some(out)
}

/// The class's public key: an uncompressed P-256 point (65 bytes, WebCrypto's "raw"
/// format), stored as base64url in the class setup.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PublicKey(pub Vec<u8>);

impl PublicKey {
    /// Reads a stored key; `None` unless it is 65 bytes starting with 4 (uncompressed).
    pub fn parse(s: &str) -> Option<PublicKey> {
        let bytes = from_base64url(s)?;
        (bytes.len() == 65 && bytes[0] == 4).then_some(PublicKey(bytes))
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base64url(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn base64url_matches_the_rfc_examples() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(plain.as_bytes()), coded);
            assert_eq!(from_base64url(coded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(from_base64url("Zh"), None, "stray low bits");
        assert_eq!(from_base64url("Z"), None);
        assert_eq!(from_base64url("Zm9v+"), None);
        assert_eq!(from_base64url("Zm=="), None, "no padding");
    }

    #[test]
    fn a_seal_is_one_short_string() {
        let seal = Seal {
            at: Timestamp(1_800_000_000_000),
            sig: [7; 64],
        };
        let json = serde_json::to_string(&seal).unwrap();
        assert_eq!(json.len(), 2 + 13 + 1 + 86);
        assert_eq!(serde_json::from_str::<Seal>(&json).unwrap(), seal);
        for bad in [r#""""#, r#""12""#, r#""x.AAAA""#, r#""12.AAAA""#, "5"] {
            assert!(serde_json::from_str::<Seal>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_message_is_the_same_whatever_the_key_order() {
        let a: serde_json::Value =
            serde_json::from_str(r#"{"b":1,"a":[{"y":"é","x":null}]}"#).unwrap();
        let b: serde_json::Value =
            serde_json::from_str(r#"{ "a" : [ {"x":null,"y":"é"} ], "b":1 }"#).unwrap();
        let id = Id::from_random_bytes([1; 16]);
        let at = Timestamp(5);
        assert_eq!(
            message("g", id, at, Some(&a)),
            message("g", id, at, Some(&b))
        );
        let text = String::from_utf8(message("g", id, at, Some(&a))).unwrap();
        assert!(
            text.ends_with(r#"{"a":[{"x":null,"y":"é"}],"b":1}"#),
            "{text}"
        );
        assert_ne!(
            message("g", id, at, Some(&a)),
            message("u", id, at, Some(&a))
        );
        assert_ne!(
            message("g", id, at, Some(&a)),
            message("g", id, Timestamp(6), Some(&a))
        );
        assert_ne!(message("g", id, at, Some(&a)), message("g", id, at, None));
    }

    #[test]
    fn public_keys_are_65_byte_points() {
        let mut raw = vec![4u8];
        raw.extend([9u8; 64]);
        let key = PublicKey(raw);
        assert_eq!(PublicKey::parse(&key.to_string()), Some(key));
        assert_eq!(PublicKey::parse(&base64url(&[4; 33])), None);
        assert_eq!(PublicKey::parse(&base64url(&[2; 65])), None);
        assert_eq!(PublicKey::parse("not a key"), None);
    }

    proptest! {
        #[test]
        fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(from_base64url(&base64url(&bytes)), Some(bytes));
        }

        #[test]
        fn reading_base64url_never_panics(s in ".{0,80}") {
            let _ = from_base64url(&s);
            let _ = s.parse::<Seal>();
        }
    }
}
