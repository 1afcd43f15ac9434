//! This tab's `sessionStorage`: what lives only while the tab is open (who is signed in,
//! a student's drafts, text kept across an update's reload). The one way in, beside
//! [`crate::storage::Key`] for localStorage. Every call tolerates a browser that blocks
//! it: a read finds nothing, a write is dropped (the value then lives in memory only).
//! On the host (tests) the tab holds nothing.

/// Who is signed in on this tab, and when they last did something.
pub const SESSION: &str = "wayfinder:session";
/// Text typed into open fields, kept across the reload that applies an update.
pub const TYPED: &str = "wayfinder:typed";
/// A signed-in student's drafts: `<prefix><student>:<field>`.
pub const DRAFT_PREFIX: &str = "wayfinder:draft:";
/// The drafts, scrambled, of a student who went away: `<prefix><student>:<field>`.
pub const AWAY_PREFIX: &str = "wayfinder:away:";

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// The value of `key`, if any.
pub fn get(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        storage()?.get_item(key).ok().flatten()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key;
        None
    }
}

/// Sets `key` to `value`, or removes it when `value` is empty.
pub fn set(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = storage() {
        let _ = if value.is_empty() {
            s.remove_item(key)
        } else {
            s.set_item(key, value)
        };
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (key, value);
}

/// Removes `key`.
pub fn remove(key: &str) {
    set(key, "");
}

/// Every key starting with `start`.
pub fn keys(start: &str) -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(s) = storage() else {
            return Vec::new();
        };
        let len = s.length().unwrap_or(0);
        (0..len)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(start))
            .collect()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = start;
        Vec::new()
    }
}
