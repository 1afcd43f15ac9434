//! Where stored text physically lives: the browser's localStorage, or memory in tests.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::StorageError;

/// A string key-value store with localStorage's semantics (a failed write keeps the old
/// value). The one seam between Wayfinder's storage logic and the browser.
pub trait Backend {
    /// The stored text under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`; on error the old value is still there.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key` (no error when absent).
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    /// Every key currently stored, ours or not.
    fn keys(&self) -> Result<Vec<String>, StorageError>;
    /// UTF-16 code units of the value under `key` (0 when absent), as the quota counts.
    fn value_units(&self, key: &str) -> Result<usize, StorageError> {
        Ok(self
            .get(key)?
            .map(|v| v.encode_utf16().count())
            .unwrap_or(0))
    }
}

/// Chrome's localStorage quota per origin, in UTF-16 code units (keys plus values).
pub const QUOTA_UNITS: usize = 5_242_880;

/// In-memory backend with an optional quota, for host tests of the storage rules.
#[derive(Debug, Default)]
pub struct MemoryBackend {
    items: RefCell<BTreeMap<String, String>>,
    quota: Option<usize>,
}

impl MemoryBackend {
    /// Every key with its value, in key order: what a test compares before and after.
    pub fn snapshot(&self) -> Vec<(String, Option<String>)> {
        self.items
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), Some(v.clone())))
            .collect()
    }

    /// An empty store that refuses writes beyond `quota` UTF-16 units, like Chrome.
    pub fn with_quota(quota: usize) -> Self {
        Self {
            items: RefCell::default(),
            quota: Some(quota),
        }
    }

    fn units_without(&self, key: &str) -> usize {
        self.items
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum()
    }
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.items.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(quota) = self.quota {
            let needed =
                self.units_without(key) + key.encode_utf16().count() + value.encode_utf16().count();
            if needed > quota {
                return Err(StorageError::QuotaExceeded);
            }
        }
        self.items
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.items.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.items.borrow().keys().cloned().collect())
    }
}

/// The browser's localStorage. Obtained without panicking: a blocked storage is an error.
#[derive(Clone)]
pub struct LocalBackend {
    storage: web_sys::Storage,
}

impl LocalBackend {
    /// Opens localStorage, or says why it cannot be used.
    pub fn open() -> Result<Self, StorageError> {
        let window = web_sys::window().ok_or(StorageError::Unavailable)?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(Self { storage }),
            _ => Err(StorageError::Unavailable),
        }
    }
}

fn js_error(err: wasm_bindgen::JsValue) -> StorageError {
    use wasm_bindgen::JsCast;
    match err.dyn_into::<web_sys::DomException>() {
        Ok(ex) => StorageError::from_dom_exception(&ex.name(), &ex.message()),
        Err(other) => StorageError::Other(format!("{other:?}")),
    }
}

impl Backend for LocalBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(js_error)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage.set_item(key, value).map_err(js_error)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage.remove_item(key).map_err(js_error)
    }

    fn value_units(&self, key: &str) -> Result<usize, StorageError> {
        // The length as JavaScript counts it (UTF-16 units), without copying the text
        // into Rust: the space check runs after saves, over every key.
        use wasm_bindgen::JsCast;
        let get_item = js_sys::Reflect::get(&self.storage, &"getItem".into())
            .map_err(js_error)?
            .dyn_into::<js_sys::Function>()
            .map_err(js_error)?;
        let value = get_item
            .call1(&self.storage, &key.into())
            .map_err(js_error)?;
        Ok(value
            .dyn_ref::<js_sys::JsString>()
            .map_or(0, |v| v.length() as usize))
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let len = self.storage.length().map_err(js_error)?;
        let mut keys = Vec::with_capacity(len as usize);
        for i in 0..len {
            if let Some(k) = self.storage.key(i).map_err(js_error)? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_quota_refuses_and_keeps_the_old_value() {
        let b = MemoryBackend::with_quota(10);
        b.set("k", "abc").unwrap();
        assert_eq!(b.set("k", "abcdefghijkl"), Err(StorageError::QuotaExceeded));
        assert_eq!(b.get("k").unwrap().as_deref(), Some("abc"));
    }

    #[test]
    fn memory_quota_counts_utf16_units_of_keys_and_values() {
        // "é" is one UTF-16 unit, "😀" two.
        let b = MemoryBackend::with_quota(4);
        b.set("k", "é😀").unwrap();
        assert!(b.set("k2", "x").is_err());
    }
}
