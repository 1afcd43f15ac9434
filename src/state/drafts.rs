//! Text a student has typed but not saved yet: leaving "My progress" for "My goals" and
//! coming back finds the half-written reflection where it was. Keyed by student and
//! field, so after an auto-lock (or a reload) the text comes back for that student only,
//! never for the next person. Kept in memory and in this tab's `sessionStorage` (gone
//! when the tab closes; never in the class data, never exported); forgotten once saved.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;

thread_local! {
    static DRAFTS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Where this tab keeps drafts across a reload.
const SESSION_PREFIX: &str = "wayfinder:draft:";

#[cfg(target_arch = "wasm32")]
fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// The draft kept in this tab across a reload, if any.
fn from_tab(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        tab_storage()?
            .get_item(&format!("{SESSION_PREFIX}{key}"))
            .ok()
            .flatten()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (key, SESSION_PREFIX);
        None
    }
}

/// Keeps (or, when empty, forgets) the draft in this tab. A full storage only means
/// the draft lives in memory.
fn to_tab(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = tab_storage() {
        let k = format!("{SESSION_PREFIX}{key}");
        let _ = if value.is_empty() {
            s.remove_item(&k)
        } else {
            s.set_item(&k, value)
        };
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (key, value);
}

/// The unsaved text of `key`, or an empty string.
pub fn get(key: &str) -> String {
    DRAFTS
        .with(|d| d.borrow().get(key).cloned())
        .or_else(|| from_tab(key))
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
}
