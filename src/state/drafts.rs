//! Text a student has typed but not saved yet: leaving "My progress" for "My goals" and
//! coming back finds the half-written reflection where it was. Keyed by student and
//! field (`<student id>:<field>`), so the text comes back for that student only, never
//! for the next person. Kept in memory and, while the student is signed in, in this
//! tab's `sessionStorage` too (so a reload keeps it; gone when the tab closes; never in
//! the class data, never exported); forgotten once saved.
//!
//! When the student switches person or the device locks, their drafts leave
//! `sessionStorage` as text ([`leave`]): the next person at the keyboard cannot read
//! them there. This tab keeps them in memory, and scrambled in `sessionStorage` so a
//! reload keeps them too, and gives them back only on that student's own pages, as
//! text again once they sign in ([`back`]).

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;

thread_local! {
    static DRAFTS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

use crate::storage::tab::{self, AWAY_PREFIX, DRAFT_PREFIX as SESSION_PREFIX};

/// The draft kept in this tab across a reload, if any.
fn from_tab(key: &str) -> Option<String> {
    tab::get(&format!("{SESSION_PREFIX}{key}"))
}

/// Keeps (or, when empty, forgets) the draft in this tab.
fn to_tab(key: &str, value: &str) {
    tab::set(&format!("{SESSION_PREFIX}{key}"), value);
}

/// Every draft key this tab's `sessionStorage` holds for `student` (without the prefix).
fn tab_keys(student: &str) -> Vec<String> {
    tab::keys(&format!("{SESSION_PREFIX}{student}:"))
        .into_iter()
        .map(|k| k[SESSION_PREFIX.len()..].to_string())
        .collect()
}

/// `text` XOR-ed with a fresh random pad, both written as hex: `<pad>.<scrambled>`.
///
/// A curtain, like a PIN on a shared device: the words cannot be read at a glance in
/// the browser's storage panel, but the pad sits beside them, so someone with developer
/// tools and intent can undo it. What protects a draft is that only its student's pages
/// ever show it.
fn scramble(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut pad = Vec::with_capacity(bytes.len() + 16);
    while pad.len() < bytes.len() {
        pad.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    }
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let mixed: Vec<u8> = bytes.iter().zip(&pad).map(|(b, p)| b ^ p).collect();
    format!("{}.{}", hex(&pad[..bytes.len()]), hex(&mixed))
}

/// The text [`scramble`] hid, or `None` for anything else.
fn unscramble(stored: &str) -> Option<String> {
    let unhex = |h: &str| -> Option<Vec<u8>> {
        (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(h.get(i..i + 2)?, 16).ok())
            .collect()
    };
    let (pad, mixed) = stored.split_once('.')?;
    let (pad, mixed) = (unhex(pad)?, unhex(mixed)?);
    if pad.len() != mixed.len() {
        return None;
    }
    String::from_utf8(mixed.iter().zip(&pad).map(|(m, p)| m ^ p).collect()).ok()
}

/// The drafts of `student` kept while they are away, by key.
fn away(student: &str) -> HashMap<String, String> {
    tab::get(&format!("{AWAY_PREFIX}{student}"))
        .and_then(|s| unscramble(&s))
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// The student signs out or is locked out: their drafts leave this tab's
/// `sessionStorage` as text. This tab keeps them in memory, and scrambled in its
/// `sessionStorage` (so a reload does not lose them), for their return.
pub fn leave(student: &str) {
    let start = format!("{student}:");
    let mut mine: HashMap<String, String> = DRAFTS.with(|d| {
        d.borrow()
            .iter()
            .filter(|(k, _)| k.starts_with(&start))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    });
    for key in tab_keys(student) {
        if let Some(text) = from_tab(&key) {
            mine.entry(key.clone()).or_insert(text);
        }
        to_tab(&key, "");
    }
    for (k, v) in away(student) {
        mine.entry(k).or_insert(v);
    }
    DRAFTS.with(|d| {
        let mut d = d.borrow_mut();
        for (k, v) in &mine {
            d.entry(k.clone()).or_insert_with(|| v.clone());
        }
    });
    let kept = if mine.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&mine)
            .map(|j| scramble(&j))
            .unwrap_or_default()
    };
    tab::set(&format!("{AWAY_PREFIX}{student}"), &kept);
}

/// The same student signed in again: their drafts are kept as text again, for reloads.
pub fn back(student: &str) {
    for (k, v) in away(student) {
        DRAFTS.with(|d| {
            d.borrow_mut().entry(k).or_insert(v);
        });
    }
    tab::set(&format!("{AWAY_PREFIX}{student}"), "");
    let start = format!("{student}:");
    let mine: Vec<(String, String)> = DRAFTS.with(|d| {
        d.borrow()
            .iter()
            .filter(|(k, _)| k.starts_with(&start))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    });
    for (key, text) in mine {
        to_tab(&key, &text);
    }
}

/// The unsaved text of `key`, or an empty string.
pub fn get(key: &str) -> String {
    DRAFTS
        .with(|d| d.borrow().get(key).cloned())
        .or_else(|| from_tab(key))
        .or_else(|| {
            // After a reload while the student was away: only their own page asks.
            let student = key.split(':').next().unwrap_or_default();
            away(student).remove(key)
        })
        .unwrap_or_default()
}

/// Keeps `value` for `key` (an empty value forgets it).
pub fn put(key: &str, value: &str) {
    if get(key) != value {
        to_tab(key, value);
    }
    DRAFTS.with(|d| {
        let mut d = d.borrow_mut();
        if value.is_empty() {
            d.remove(key);
        } else {
            d.insert(key.to_string(), value.to_string());
        }
    });
}

/// A text signal that starts from the kept draft of `key` and keeps every change.
pub fn kept(key: String) -> RwSignal<String> {
    let text = RwSignal::new(get(&key));
    Effect::new(move |_| text.with(|t| put(&key, t)));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_kept_per_key_and_forgotten_when_empty() {
        put("s1:journal", "half a thought 🌱");
        put("s2:journal", "someone else's");
        assert_eq!(get("s1:journal"), "half a thought 🌱");
        put("s1:journal", "");
        assert_eq!(get("s1:journal"), "");
        assert_eq!(get("s2:journal"), "someone else's");
        assert_eq!(get("never"), "");
    }

    #[test]
    fn scrambled_drafts_read_back_and_hide_their_words() {
        let text = r#"{"s1:journal":"fractions finally clicked 🌱"}"#;
        let s = scramble(text);
        assert!(!s.contains("fractions"));
        assert_eq!(unscramble(&s).as_deref(), Some(text));
        assert_ne!(scramble(text), s, "a fresh pad each time");
        assert_eq!(unscramble("zz.00"), None);
        assert_eq!(unscramble("00"), None);
    }

    #[test]
    fn leaving_keeps_drafts_in_memory_for_the_same_student() {
        put("s3:journal", "still mine");
        leave("s3");
        back("s3");
        assert_eq!(get("s3:journal"), "still mine");
        assert_eq!(get("s4:journal"), "");
    }
}
