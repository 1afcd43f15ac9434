//! PINs on a shared device: what a PIN may look like, how a stored PIN is described
//! (never the PIN itself: a salted, slow hash and its parameters), and the lockout that
//! slows down guessing. Hashing itself needs the browser (WebCrypto) and lives in
//! `state::pins`; everything here is pure and tested on the host.
//!
//! A PIN keeps classmates and siblings out. It is not a bank vault: anyone with the
//! browser's developer tools can read the data itself.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Shortest PIN accepted.
pub const MIN_LEN: usize = 4;
/// Longest PIN accepted.
pub const MAX_LEN: usize = 12;
/// The hash every new PIN gets.
pub const ALGORITHM: &str = "pbkdf2-sha256";
/// PBKDF2 rounds for new PINs (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
pub const ITERATIONS: u32 = 600_000;
/// Wrong PINs allowed before the first wait.
pub const FREE_TRIES: u32 = 5;
/// The first wait, after [`FREE_TRIES`] wrong PINs.
pub const FIRST_WAIT_MS: i64 = 30_000;
/// The longest wait.
pub const MAX_WAIT_MS: i64 = 15 * 60_000;
/// Idle minutes before a shared device locks itself, unless the teacher chose otherwise.
pub const DEFAULT_IDLE_MINUTES: u32 = 5;

/// Why a PIN was not accepted as a new PIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinProblem {
    /// Nothing typed.
    Empty,
    /// Something other than the digits 0–9.
    NotDigits,
    /// Fewer than [`MIN_LEN`] digits.
    TooShort,
    /// More than [`MAX_LEN`] digits.
    TooLong,
    /// The two entries differ.
    Mismatch,
}

impl PinProblem {
    /// A kind sentence for the person typing.
    pub fn message(&self) -> String {
        match self {
            PinProblem::Empty => "Type a PIN first.".into(),
            PinProblem::NotDigits => "A PIN uses only the numbers 0 to 9.".into(),
            PinProblem::TooShort => format!("Use at least {MIN_LEN} numbers."),
            PinProblem::TooLong => format!("Use at most {MAX_LEN} numbers."),
            PinProblem::Mismatch => "The two PINs are not the same. Type them again.".into(),
        }
    }
}

/// Digits in a family PIN made by the app (the teacher gives it out on the letter).
pub const MADE_PIN_LEN: usize = 6;

/// A PIN of [`MADE_PIN_LEN`] digits from random bytes (from the browser's random source).
/// Bytes of 250 and over are skipped so every digit is equally likely; `None` when there
/// were not enough usable bytes (ask for more).
pub fn pin_from_random(bytes: &[u8]) -> Option<String> {
    let pin: String = bytes
        .iter()
        .filter(|&&b| b < 250)
        .take(MADE_PIN_LEN)
        .map(|b| char::from(b'0' + b % 10))
        .collect();
    (pin.len() == MADE_PIN_LEN).then_some(pin)
}

/// Checks a PIN someone is typing in (also when unlocking: a PIN that could never be
/// right is refused with a message and does not count as a wrong try).
pub fn check_pin(pin: &str) -> Result<(), PinProblem> {
    let pin = pin.trim();
    if pin.is_empty() {
        return Err(PinProblem::Empty);
    }
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(PinProblem::NotDigits);
    }
    let n = pin.chars().count();
    if n < MIN_LEN {
        return Err(PinProblem::TooShort);
    }
    if n > MAX_LEN {
        return Err(PinProblem::TooLong);
    }
    Ok(())
}

/// Checks a new PIN and its confirmation.
pub fn check_new_pin(pin: &str, again: &str) -> Result<(), PinProblem> {
    check_pin(pin)?;
    if pin.trim() != again.trim() {
        return Err(PinProblem::Mismatch);
    }
    Ok(())
}

/// A stored secret: the algorithm and its parameters beside the salt and the hash, so
/// the parameters can be raised later without locking anyone out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinHash {
    /// Algorithm name, e.g. [`ALGORITHM`].
    #[serde(rename = "a")]
    pub algorithm: String,
    /// Rounds.
    #[serde(rename = "i")]
    pub iterations: u32,
    /// Random salt, hex.
    #[serde(rename = "s")]
    pub salt: String,
    /// Derived bits, hex.
    #[serde(rename = "h")]
    pub hash: String,
}

/// One PIN and its wrong-try counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinEntry {
    /// The hash of the PIN.
    #[serde(rename = "p")]
    pub pin: PinHash,
    /// Wrong tries since the last right one.
    #[serde(rename = "f", default)]
    pub failures: u32,
    /// No try is accepted before this time (ms since epoch).
    #[serde(rename = "u", default)]
    pub until: i64,
    /// A check over the counter, so a hand-edited counter locks rather than opens.
    #[serde(rename = "c", default)]
    pub check: String,
    /// What the secret is: a PIN (the default, also for entries saved before picture
    /// passwords existed) or a picture password.
    #[serde(rename = "k", default, skip_serializing_if = "SecretKind::is_pin")]
    pub kind: SecretKind,
}

/// What a stored secret is, so the unlock screen knows whether to show a PIN box or
/// the pictures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecretKind {
    /// Numbers typed in.
    #[default]
    #[serde(rename = "pin")]
    Pin,
    /// Pictures chosen in order.
    #[serde(rename = "pic")]
    Pictures,
}

impl SecretKind {
    /// True for a PIN (the default, left out when saving).
    pub fn is_pin(&self) -> bool {
        *self == SecretKind::Pin
    }
}

/// How long to wait after `failures` wrong tries in a row.
pub fn wait_after(failures: u32) -> i64 {
    if failures < FREE_TRIES {
        return 0;
    }
    let doublings = (failures - FREE_TRIES).min(16);
    (FIRST_WAIT_MS << doublings).min(MAX_WAIT_MS)
}

fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in *p {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn seal(pin: &PinHash, failures: u32, until: i64) -> String {
    format!(
        "{:016x}",
        fnv(&[
            pin.salt.as_bytes(),
            pin.hash.as_bytes(),
            &failures.to_le_bytes(),
            &until.to_le_bytes(),
        ])
    )
}

/// What the lock says right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockState {
    /// A try is allowed; `tries_left` before the first wait.
    Open {
        /// Wrong tries still free of waiting.
        tries_left: u32,
    },
    /// Wait this many milliseconds.
    Wait(i64),
}

impl PinEntry {
    /// A fresh entry for a newly set PIN.
    pub fn new(pin: PinHash) -> PinEntry {
        let check = seal(&pin, 0, 0);
        PinEntry {
            pin,
            failures: 0,
            until: 0,
            check,
            kind: SecretKind::Pin,
        }
    }

    /// A fresh entry for a newly set picture password (hashed from
    /// [`picture_secret`]).
    pub fn new_pictures(pin: PinHash) -> PinEntry {
        PinEntry {
            kind: SecretKind::Pictures,
            ..PinEntry::new(pin)
        }
    }

    /// True when this entry is a picture password.
    pub fn is_pictures(&self) -> bool {
        self.kind == SecretKind::Pictures
    }

    /// False when the counter was changed by hand (or damaged).
    pub fn is_intact(&self) -> bool {
        self.check == seal(&self.pin, self.failures, self.until)
    }

    fn set_counter(&mut self, failures: u32, until: i64) {
        self.failures = failures;
        self.until = until;
        self.check = seal(&self.pin, failures, until);
    }

    /// Treats a hand-edited counter as the worst case: locked for the longest wait from
    /// now. Returns true when it had to (the entry must then be saved).
    pub fn repair(&mut self, now: i64) -> bool {
        if self.is_intact() {
            return false;
        }
        let failures = self.failures.max(FREE_TRIES + 5);
        self.set_counter(failures, now + MAX_WAIT_MS);
        true
    }

    /// Whether a try is allowed at `now`.
    pub fn lock_state(&self, now: i64) -> LockState {
        if !self.is_intact() {
            return LockState::Wait(MAX_WAIT_MS);
        }
        if self.until > now {
            // A clock moved far back cannot make the wait longer than the longest wait.
            return LockState::Wait((self.until - now).min(MAX_WAIT_MS));
        }
        LockState::Open {
            tries_left: FREE_TRIES.saturating_sub(self.failures),
        }
    }

    /// Records a wrong PIN at `now`.
    pub fn failed(&mut self, now: i64) {
        self.repair(now);
        let failures = self.failures.saturating_add(1);
        self.set_counter(failures, now + wait_after(failures));
    }

    /// Records the right PIN.
    pub fn succeeded(&mut self) {
        self.set_counter(0, 0);
    }
}

/// "4 minutes 30 seconds", "45 seconds": a wait in words, rounded up to the second.
pub fn wait_words(ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    let (m, s) = (secs / 60, secs % 60);
    let plural = |n: i64, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    match (m, s) {
        (0, s) => plural(s, "second", "seconds"),
        (m, 0) => plural(m, "minute", "minutes"),
        (m, s) => format!(
            "{} {}",
            plural(m, "minute", "minutes"),
            plural(s, "second", "seconds")
        ),
    }
}

/// Every PIN on this device. Device-local: never exported, never merged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PinBook {
    /// The teacher's PIN.
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    pub teacher: Option<PinEntry>,
    /// The teacher's one-time recovery code, hashed like a PIN.
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<PinEntry>,
    /// Students' own PINs, by student id.
    #[serde(rename = "s", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub students: BTreeMap<String, PinEntry>,
    /// Family PINs, by student id.
    #[serde(rename = "f", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub families: BTreeMap<String, PinEntry>,
    /// Minutes without use before the device locks itself.
    #[serde(rename = "idle", default, skip_serializing_if = "Option::is_none")]
    pub idle_minutes: Option<u32>,
    /// Fields written by a newer Wayfinder survive our saves.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl PinBook {
    /// Minutes without use before the device locks.
    pub fn idle(&self) -> u32 {
        self.idle_minutes
            .unwrap_or(DEFAULT_IDLE_MINUTES)
            .clamp(1, 120)
    }
}

/// The pictures of a picture password, in the order of the 3x3 grid: a key (for the
/// drawing) and the name shown under it (also its accessible name).
pub const PICTURES: [(&str, &str); 9] = [
    ("sun", "Sun"),
    ("moon", "Moon"),
    ("star", "Star"),
    ("tree", "Tree"),
    ("flower", "Flower"),
    ("fish", "Fish"),
    ("house", "House"),
    ("boat", "Boat"),
    ("apple", "Apple"),
];

/// How many pictures, in order, make a picture password.
pub const PICTURE_COUNT: usize = 3;

/// Why pictures were not accepted as a picture password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureProblem {
    /// Fewer (or more) than [`PICTURE_COUNT`] pictures.
    WrongCount,
    /// The same picture twice.
    Repeated,
    /// Not one of the [`PICTURES`].
    Unknown,
    /// The second choice differs from the first.
    Mismatch,
}

impl PictureProblem {
    /// A kind sentence for the person choosing.
    pub fn message(&self) -> String {
        match self {
            PictureProblem::WrongCount => format!("Choose {PICTURE_COUNT} pictures."),
            PictureProblem::Repeated => "Choose 3 different pictures.".into(),
            PictureProblem::Unknown => "Choose pictures from the grid.".into(),
            PictureProblem::Mismatch => {
                "The two choices are not the same. Start again and choose 3 pictures.".into()
            }
        }
    }
}

/// The canonical text of a picture password ("pic:4-1-7", pictures counted from 1),
/// which is hashed exactly like a PIN and never stored in clear. It cannot collide
/// with a PIN, which is only digits.
pub fn picture_secret(chosen: &[usize]) -> Result<String, PictureProblem> {
    if chosen.len() != PICTURE_COUNT {
        return Err(PictureProblem::WrongCount);
    }
    if chosen.iter().any(|&i| i >= PICTURES.len()) {
        return Err(PictureProblem::Unknown);
    }
    for (n, i) in chosen.iter().enumerate() {
        if chosen[..n].contains(i) {
            return Err(PictureProblem::Repeated);
        }
    }
    let parts: Vec<String> = chosen.iter().map(|i| (i + 1).to_string()).collect();
    Ok(format!("pic:{}", parts.join("-")))
}

/// Checks a new picture password and its confirmation; returns its canonical text.
pub fn check_new_pictures(chosen: &[usize], again: &[usize]) -> Result<String, PictureProblem> {
    let secret = picture_secret(chosen)?;
    if chosen != again {
        return Err(PictureProblem::Mismatch);
    }
    Ok(secret)
}

/// Adds picture `i` to a choice in progress, or takes it out when it is already
/// chosen (the pictures after it move up). A full choice takes no more pictures.
pub fn toggle_picture(chosen: &mut Vec<usize>, i: usize) {
    if let Some(at) = chosen.iter().position(|&c| c == i) {
        chosen.remove(at);
    } else if chosen.len() < PICTURE_COUNT && i < PICTURES.len() {
        chosen.push(i);
    }
}

/// Letters and digits that cannot be mistaken for each other when copied by hand.
const RECOVERY_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A recovery code from 12 random bytes: "K7QM-3XPA-9RTD".
pub fn recovery_code(random: &[u8; 12]) -> String {
    let chars: Vec<char> = random
        .iter()
        .map(|b| char::from(RECOVERY_ALPHABET[usize::from(*b) % RECOVERY_ALPHABET.len()]))
        .collect();
    chars
        .chunks(4)
        .take(3)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A recovery code as typed (any case, spaces or dashes) in its canonical form.
pub fn normalize_recovery(typed: &str) -> String {
    let clean: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    clean
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_pin_has_six_even_digits_and_is_a_valid_pin() {
        let pin = pin_from_random(&[0, 1, 2, 3, 4, 255, 59, 99]).expect("enough bytes");
        assert_eq!(pin, "012349", "255 is skipped, 59 -> 9");
        assert!(check_pin(&pin).is_ok());
        assert_eq!(
            pin_from_random(&[1, 2, 250, 251, 3]),
            None,
            "too few usable bytes"
        );
    }

    fn hash() -> PinHash {
        PinHash {
            algorithm: ALGORITHM.into(),
            iterations: ITERATIONS,
            salt: "00112233".into(),
            hash: "abcdef".into(),
        }
    }

    #[test]
    fn pins_are_four_to_twelve_digits() {
        assert_eq!(check_pin("1234"), Ok(()));
        assert_eq!(check_pin(" 123456789012 "), Ok(()));
        assert_eq!(check_pin(""), Err(PinProblem::Empty));
        assert_eq!(check_pin("   "), Err(PinProblem::Empty));
        assert_eq!(check_pin("12a4"), Err(PinProblem::NotDigits));
        assert_eq!(check_pin("١٢٣٤"), Err(PinProblem::NotDigits));
        assert_eq!(check_pin("123"), Err(PinProblem::TooShort));
        assert_eq!(check_pin(&"9".repeat(40)), Err(PinProblem::TooLong));
        assert_eq!(check_new_pin("1234", "1243"), Err(PinProblem::Mismatch));
        assert_eq!(check_new_pin("1234", "1234"), Ok(()));
        for p in [
            PinProblem::Empty,
            PinProblem::NotDigits,
            PinProblem::TooShort,
            PinProblem::TooLong,
            PinProblem::Mismatch,
        ] {
            assert!(p.message().ends_with('.'));
        }
    }

    #[test]
    fn waits_start_after_five_wrong_tries_and_grow_to_a_cap() {
        assert_eq!(wait_after(0), 0);
        assert_eq!(wait_after(4), 0);
        assert_eq!(wait_after(5), 30_000);
        assert_eq!(wait_after(6), 60_000);
        assert_eq!(wait_after(7), 120_000);
        assert_eq!(wait_after(10), MAX_WAIT_MS);
        assert_eq!(wait_after(u32::MAX), MAX_WAIT_MS);
        let mut last = 0;
        for f in 0..40 {
            assert!(wait_after(f) >= last);
            last = wait_after(f);
        }
    }

    #[test]
    fn wrong_tries_lock_and_the_right_one_resets() {
        let mut e = PinEntry::new(hash());
        let now = 1_000_000;
        for i in 0..4 {
            e.failed(now);
            assert_eq!(e.lock_state(now), LockState::Open { tries_left: 4 - i });
        }
        e.failed(now);
        assert_eq!(e.lock_state(now), LockState::Wait(30_000));
        assert_eq!(e.lock_state(now + 10_000), LockState::Wait(20_000));
        assert_eq!(
            e.lock_state(now + 30_000),
            LockState::Open { tries_left: 0 }
        );
        e.failed(now + 30_000);
        assert_eq!(e.lock_state(now + 30_000), LockState::Wait(60_000));
        e.succeeded();
        assert_eq!(e.lock_state(now), LockState::Open { tries_left: 5 });
    }

    #[test]
    fn a_hand_edited_counter_locks_instead_of_opening() {
        let now = 5_000_000;
        let mut e = PinEntry::new(hash());
        for _ in 0..6 {
            e.failed(now);
        }
        // Someone resets the counter in the developer tools.
        let mut edited = e.clone();
        edited.failures = 0;
        edited.until = 0;
        assert!(!edited.is_intact());
        assert_eq!(edited.lock_state(now), LockState::Wait(MAX_WAIT_MS));
        assert!(edited.repair(now));
        assert!(edited.is_intact());
        assert_eq!(edited.lock_state(now), LockState::Wait(MAX_WAIT_MS));
        assert!(edited.failures >= FREE_TRIES);
        // Garbage in the check field does the same.
        let mut garbage = PinEntry::new(hash());
        garbage.check = "nonsense".into();
        assert_eq!(garbage.lock_state(now), LockState::Wait(MAX_WAIT_MS));
        // An intact entry needs no repair.
        let mut fine = PinEntry::new(hash());
        assert!(!fine.repair(now));
    }

    #[test]
    fn a_clock_moved_back_cannot_lock_forever() {
        let mut e = PinEntry::new(hash());
        for _ in 0..5 {
            e.failed(10_000_000);
        }
        assert_eq!(e.lock_state(0), LockState::Wait(MAX_WAIT_MS));
    }

    #[test]
    fn waits_read_as_words() {
        assert_eq!(wait_words(30_000), "30 seconds");
        assert_eq!(wait_words(1), "1 second");
        assert_eq!(wait_words(60_000), "1 minute");
        assert_eq!(wait_words(90_500), "1 minute 31 seconds");
        assert_eq!(wait_words(MAX_WAIT_MS), "15 minutes");
    }

    #[test]
    fn the_pin_book_round_trips_and_keeps_unknown_fields() {
        let mut book = PinBook {
            teacher: Some(PinEntry::new(hash())),
            ..PinBook::default()
        };
        book.students.insert("abc".into(), PinEntry::new(hash()));
        let mut v = serde_json::to_value(&book).unwrap();
        v["future"] = serde_json::json!(1);
        let back: PinBook = serde_json::from_value(v).unwrap();
        assert_eq!(back.teacher, book.teacher);
        assert_eq!(back.extra.get("future"), Some(&serde_json::json!(1)));
        assert_eq!(back.idle(), DEFAULT_IDLE_MINUTES);
        let text = serde_json::to_string(&back).unwrap();
        assert!(!text.contains("1234"));
    }

    #[test]
    fn recovery_codes_are_unambiguous_and_forgiving_to_type() {
        let code = recovery_code(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
        assert_eq!(code.len(), 14);
        assert!(code
            .chars()
            .all(|c| c == '-' || RECOVERY_ALPHABET.contains(&(c as u8))));
        assert!(!code.contains('0') && !code.contains('O') && !code.contains('1'));
        assert_eq!(
            normalize_recovery(&code.to_lowercase().replace('-', " ")),
            code
        );
        assert_eq!(normalize_recovery(" k7qm 3xpa-9rtd "), "K7QM-3XPA-9RTD");
    }

    #[test]
    fn picture_passwords_are_three_different_pictures_in_order() {
        assert_eq!(picture_secret(&[3, 0, 6]), Ok("pic:4-1-7".into()));
        assert_ne!(picture_secret(&[3, 0, 6]), picture_secret(&[0, 3, 6]));
        assert_eq!(picture_secret(&[3, 0]), Err(PictureProblem::WrongCount));
        assert_eq!(picture_secret(&[]), Err(PictureProblem::WrongCount));
        assert_eq!(
            picture_secret(&[1, 2, 3, 4]),
            Err(PictureProblem::WrongCount)
        );
        assert_eq!(picture_secret(&[1, 1, 2]), Err(PictureProblem::Repeated));
        assert_eq!(picture_secret(&[1, 2, 9]), Err(PictureProblem::Unknown));
        assert_eq!(
            check_new_pictures(&[1, 2, 3], &[1, 3, 2]),
            Err(PictureProblem::Mismatch)
        );
        assert_eq!(
            check_new_pictures(&[8, 7, 0], &[8, 7, 0]),
            Ok("pic:9-8-1".into())
        );
        // A picture password can never be mistaken for a PIN.
        assert!(check_pin(&picture_secret(&[0, 1, 2]).unwrap()).is_err());
        for p in [
            PictureProblem::WrongCount,
            PictureProblem::Repeated,
            PictureProblem::Unknown,
            PictureProblem::Mismatch,
        ] {
            assert!(p.message().ends_with('.'));
        }
    }

    #[test]
    fn choosing_pictures_adds_in_order_and_takes_back() {
        let mut c = Vec::new();
        toggle_picture(&mut c, 4);
        toggle_picture(&mut c, 1);
        toggle_picture(&mut c, 7);
        assert_eq!(c, vec![4, 1, 7]);
        // Full: no fourth picture.
        toggle_picture(&mut c, 2);
        assert_eq!(c, vec![4, 1, 7]);
        // Choosing one again takes it out.
        toggle_picture(&mut c, 1);
        assert_eq!(c, vec![4, 7]);
        toggle_picture(&mut c, 42);
        assert_eq!(c, vec![4, 7]);
    }

    #[test]
    fn a_picture_entry_says_so_and_old_entries_are_pins() {
        let e = PinEntry::new_pictures(hash());
        assert!(e.is_pictures() && e.is_intact());
        let text = serde_json::to_string(&e).unwrap();
        assert!(text.contains(r#""k":"pic""#), "{text}");
        let back: PinEntry = serde_json::from_str(&text).unwrap();
        assert_eq!(back, e);
        // A PIN entry is saved without the kind, as before picture passwords.
        let pin = PinEntry::new(hash());
        let text = serde_json::to_string(&pin).unwrap();
        assert!(!text.contains(r#""k""#), "{text}");
        let old: PinEntry = serde_json::from_str(
            r#"{"p":{"a":"pbkdf2-sha256","i":1,"s":"00","h":"ab"},"f":0,"u":0,"c":"x"}"#,
        )
        .unwrap();
        assert!(!old.is_pictures());
        // Lockout works the same for pictures.
        let mut e = PinEntry::new_pictures(hash());
        for _ in 0..FREE_TRIES {
            e.failed(1_000);
        }
        assert_eq!(e.lock_state(1_000), LockState::Wait(FIRST_WAIT_MS));
        assert!(e.is_pictures());
    }
}
