//! Text a student has typed but not saved yet, kept while the app is open: leaving "My
//! progress" for "My goals" and coming back finds the half-written reflection where it
//! was. Kept in memory only (never written to storage), keyed by student and field.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;

thread_local! {
    static DRAFTS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// The unsaved text of `key`, or an empty string.
pub fn get(key: &str) -> String {
    DRAFTS.with(|d| d.borrow().get(key).cloned().unwrap_or_default())
}

/// Keeps `value` for `key` (an empty value forgets it).
pub fn put(key: &str, value: &str) {
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
}
