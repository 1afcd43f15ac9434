//! Moving the class key to a second teacher device, through the class folder.
//!
//! The teacher's first device encrypts the class's private key (AES-GCM) under a key
//! derived (PBKDF2, as PINs are hashed) from a one-time code it shows on its screen and
//! the teacher's PIN, and puts the result in the class folder as [`FILE_NAME`]. On the
//! second device the teacher types the code and the PIN. The code never touches the
//! folder, so a classmate who copies the file has 50 random bits and a PIN to guess, each
//! guess costing a PBKDF2 run: out of reach. The file works for [`LIFETIME_MS`].
//!
//! The browser does the cryptography (`state::key_move`); this is the file, the code and
//! the rules, tested on the host.

use serde::{Deserialize, Serialize};

use crate::seal::{base64url, from_base64url, PublicKey};

/// The file's name in the class folder (never read as a device file).
pub const FILE_NAME: &str = "wayfinder-key-move.json";
/// What the file says it is.
pub const KIND: &str = "wayfinder-key-move";
/// The file version this build writes and reads.
pub const VERSION: u32 = 1;
/// How long a move may wait for the second device.
pub const LIFETIME_MS: i64 = 24 * 3_600_000;
/// Characters in a code (5 bits each: 50 bits).
pub const CODE_LEN: usize = 10;
/// Random bytes a code is made from (one per character).
pub const CODE_BYTES: usize = CODE_LEN;
/// PBKDF2 rounds a file may ask for: fewer would make the code easy to guess, more
/// would keep a Chromebook busy for minutes.
pub const ROUNDS: std::ops::RangeInclusive<u32> = 100_000..=5_000_000;
/// Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand survives.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The file in the class folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyMove {
    /// Always [`KIND`].
    pub wayfinder: String,
    /// The file version, [`VERSION`].
    pub v: u32,
    /// The device the key comes from.
    pub from: String,
    /// When the move was made, ms since epoch.
    pub made: i64,
    /// When it stops working, ms since epoch.
    pub until: i64,
    /// The class's public key (base64url), so a device of another class says so at once.
    pub key: String,
    /// PBKDF2 salt (base64url, 16 bytes).
    pub salt: String,
    /// PBKDF2 rounds.
    pub rounds: u32,
    /// AES-GCM nonce (base64url, 12 bytes).
    pub iv: String,
    /// The private key (PKCS #8), encrypted (base64url).
    pub sealed: String,
}

/// Why a move cannot be taken, in words for the teacher.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoveProblem {
    /// Not a key-move file this version understands.
    NotReadable,
    /// Written by a newer Wayfinder.
    Newer,
    /// Its time ran out.
    RunOut,
    /// It carries another class's key.
    OtherClass,
    /// This device has no class yet to take a key for.
    NoClass,
    /// The code typed is not a code.
    BadCode,
}

impl MoveProblem {
    /// A kind sentence for the teacher.
    pub fn words(&self) -> &'static str {
        match self {
            MoveProblem::NotReadable => {
                "The key file in the class folder can't be read. On your first device, make a new code."
            }
            MoveProblem::Newer => {
                "The key file was made by a newer Wayfinder. Update Wayfinder on this device first."
            }
            MoveProblem::RunOut => {
                "That code has run out (a code works for one day). On your first device, make a new one."
            }
            MoveProblem::OtherClass => {
                "The key file in the folder belongs to another class, not the one on this device."
            }
            MoveProblem::NoClass => {
                "This device doesn't have the class yet. Press \u{201c}Sync now\u{201d}, then try again."
            }
            MoveProblem::BadCode => {
                "A code is 10 letters and numbers, as your first device shows it (the dash is optional)."
            }
        }
    }
}

/// A code from [`CODE_BYTES`] random bytes, shown as two groups of five ("7K2QD-M9XPA").
pub fn code_from_random(bytes: &[u8; CODE_BYTES]) -> String {
    let chars: String = bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(b & 31)]))
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

/// A typed code in its one spelling: spaces and dashes dropped, lower case raised, and
/// the letters a person may read for a digit (O, I, L) taken as that digit.
pub fn normalize_code(typed: &str) -> Result<String, MoveProblem> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    let valid = code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b));
    valid.then_some(code).ok_or(MoveProblem::BadCode)
}

/// What PBKDF2 is given: the code (as [`normalize_code`] spells it) and the PIN.
pub fn secret(code: &str, pin: &str) -> String {
    format!("{code}:{}", pin.trim())
}

impl KeyMove {
    /// The text AES-GCM binds to the encrypted key, so that changing who made the move,
    /// when, for which class or how long it lasts breaks it.
    pub fn bound(&self) -> Vec<u8> {
        format!(
            "{KIND}\nv{}\n{}\n{}\n{}\n{}",
            self.v, self.from, self.made, self.until, self.key
        )
        .into_bytes()
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a file's bytes; never panics, whatever they are.
    pub fn read(bytes: &[u8]) -> Result<KeyMove, MoveProblem> {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|_| MoveProblem::NotReadable)?;
        if value.get("wayfinder").and_then(|k| k.as_str()) != Some(KIND) {
            return Err(MoveProblem::NotReadable);
        }
        match value.get("v").and_then(serde_json::Value::as_u64) {
            Some(v) if v > u64::from(VERSION) => return Err(MoveProblem::Newer),
            Some(v) if v == u64::from(VERSION) => {}
            _ => return Err(MoveProblem::NotReadable),
        }
        let m: KeyMove = serde_json::from_value(value).map_err(|_| MoveProblem::NotReadable)?;
        let parts_read = PublicKey::parse(&m.key).is_some()
            && m.salt_bytes().is_some()
            && m.iv_bytes().is_some()
            && m.sealed_bytes().is_some()
            && ROUNDS.contains(&m.rounds);
        parts_read.then_some(m).ok_or(MoveProblem::NotReadable)
    }

    /// Whether it can be taken at `now` by a device whose class key is `class_key`.
    pub fn usable(&self, now: i64, class_key: Option<&PublicKey>) -> Result<(), MoveProblem> {
        let Some(class_key) = class_key else {
            return Err(MoveProblem::NoClass);
        };
        if PublicKey::parse(&self.key).as_ref() != Some(class_key) {
            return Err(MoveProblem::OtherClass);
        }
        if now > self.until || self.until - self.made > LIFETIME_MS {
            return Err(MoveProblem::RunOut);
        }
        Ok(())
    }

    /// The salt's bytes.
    pub fn salt_bytes(&self) -> Option<Vec<u8>> {
        from_base64url(&self.salt).filter(|b| b.len() == 16)
    }

    /// The nonce's bytes.
    pub fn iv_bytes(&self) -> Option<Vec<u8>> {
        from_base64url(&self.iv).filter(|b| b.len() == 12)
    }

    /// The encrypted key's bytes.
    pub fn sealed_bytes(&self) -> Option<Vec<u8>> {
        from_base64url(&self.sealed).filter(|b| !b.is_empty())
    }

    /// A new move's file, before encryption fills in `sealed` (see [`base64url`]).
    pub fn new(
        from: &str,
        made: i64,
        key: &PublicKey,
        salt: &[u8],
        rounds: u32,
        iv: &[u8],
    ) -> KeyMove {
        KeyMove {
            wayfinder: KIND.into(),
            v: VERSION,
            from: from.into(),
            made,
            until: made + LIFETIME_MS,
            key: key.to_string(),
            salt: base64url(salt),
            rounds,
            iv: base64url(iv),
            sealed: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key() -> PublicKey {
        let mut k = vec![4u8];
        k.extend(1..=64u8);
        PublicKey(k)
    }

    fn sample() -> KeyMove {
        let mut m = KeyMove::new("dev-1", 1_000, &key(), &[7; 16], 600_000, &[9; 12]);
        m.sealed = base64url(&[1, 2, 3]);
        m
    }

    #[test]
    fn a_code_is_two_groups_of_five_and_reads_back_however_it_is_typed() {
        let code = code_from_random(&[0, 1, 2, 3, 4, 31, 30, 29, 32, 255]);
        assert_eq!(code, "01234-ZYX0Z");
        assert_eq!(normalize_code(&code), Ok("01234ZYX0Z".into()));
        assert_eq!(normalize_code(" o1234 zyxOz "), Ok("01234ZYX0Z".into()));
        assert_eq!(normalize_code("Ol234-ZYX0Z"), Ok("01234ZYX0Z".into()));
    }

    #[test]
    fn anything_else_is_not_a_code() {
        for typed in [
            "",
            "12345",
            "01234-ZYX0Z1",
            "01234-ZYX0U",
            "01234_ZYX0Z",
            "٠١٢٣٤٥٦٧٨٩",
        ] {
            assert_eq!(
                normalize_code(typed),
                Err(MoveProblem::BadCode),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn the_secret_is_the_code_and_the_trimmed_pin() {
        assert_eq!(secret("01234ZYX0Z", " 4821 "), "01234ZYX0Z:4821");
    }

    #[test]
    fn a_file_reads_back_as_written() {
        let m = sample();
        assert_eq!(KeyMove::read(m.to_text().as_bytes()), Ok(m));
    }

    #[test]
    fn a_file_that_is_not_a_move_or_is_newer_says_so() {
        assert_eq!(
            KeyMove::read(b"{\"wayfinder\":1"),
            Err(MoveProblem::NotReadable)
        );
        assert_eq!(KeyMove::read(b"{}"), Err(MoveProblem::NotReadable));
        let mut v: serde_json::Value = serde_json::from_str(&sample().to_text()).unwrap();
        v["v"] = 2.into();
        assert_eq!(
            KeyMove::read(v.to_string().as_bytes()),
            Err(MoveProblem::Newer)
        );
        let mut v: serde_json::Value = serde_json::from_str(&sample().to_text()).unwrap();
        v["iv"] = "AAAA".into();
        assert_eq!(
            KeyMove::read(v.to_string().as_bytes()),
            Err(MoveProblem::NotReadable)
        );
        let mut v: serde_json::Value = serde_json::from_str(&sample().to_text()).unwrap();
        v["key"] = "not a key".into();
        assert_eq!(
            KeyMove::read(v.to_string().as_bytes()),
            Err(MoveProblem::NotReadable)
        );
    }

    #[test]
    fn a_move_works_for_a_day_and_only_for_its_own_class() {
        let m = sample();
        assert_eq!(m.usable(1_000, Some(&key())), Ok(()));
        assert_eq!(m.usable(1_000 + LIFETIME_MS, Some(&key())), Ok(()));
        assert_eq!(
            m.usable(1_001 + LIFETIME_MS, Some(&key())),
            Err(MoveProblem::RunOut)
        );
        assert_eq!(m.usable(1_000, None), Err(MoveProblem::NoClass));
        let mut other = key();
        other.0[1] = 99;
        assert_eq!(m.usable(1_000, Some(&other)), Err(MoveProblem::OtherClass));
        let mut long = sample();
        long.until += 1;
        assert_eq!(long.usable(1_000, Some(&key())), Err(MoveProblem::RunOut));
    }

    #[test]
    fn changing_anything_the_encryption_is_bound_to_changes_the_bound_text() {
        let m = sample();
        for changed in [
            KeyMove {
                from: "dev-2".into(),
                ..m.clone()
            },
            KeyMove {
                made: 999,
                ..m.clone()
            },
            KeyMove {
                until: m.until + 1,
                ..m.clone()
            },
            KeyMove {
                key: "x".into(),
                ..m.clone()
            },
        ] {
            assert_ne!(changed.bound(), m.bound());
        }
    }

    proptest! {
        #[test]
        fn reading_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = KeyMove::read(&bytes);
        }

        #[test]
        fn every_code_made_reads_back(bytes in any::<[u8; CODE_BYTES]>()) {
            let code = code_from_random(&bytes);
            prop_assert_eq!(normalize_code(&code).unwrap(), code.replace('-', ""));
        }
    }
}
