//! Browser unit tests: the storage layer against the real localStorage of headless
//! Chromium (run by `cargo xtask test` through wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;
use wayfinder::storage::{Backend, Key, LocalBackend, StorageError, Store};

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Sample {
    large_text: bool,
    name: String,
}

fn raw_storage() -> web_sys::Storage {
    web_sys::window()
        .expect("window")
        .local_storage()
        .expect("storage allowed")
        .expect("storage present")
}

#[wasm_bindgen_test]
fn envelope_round_trips_through_local_storage() {
    raw_storage().clear().unwrap();
    let store = Store::local().expect("localStorage opens");
    let value = Sample {
        large_text: true,
        name: "Zoë 😀 <b>".into(),
    };
    store.save(&Key::Prefs, &value).unwrap();
    let raw = raw_storage().get_item("wayfinder:prefs").unwrap().unwrap();
    assert!(
        raw.starts_with(r#"{"app":"wayfinder","v":1,"data":"#),
        "{raw}"
    );
    // A fresh store (as after a reload) reads the same value back.
    let again = Store::local().unwrap();
    assert_eq!(again.load::<Sample>(&Key::Prefs), Ok(Some(value)));
}

#[wasm_bindgen_test]
fn invalid_json_is_unreadable_and_left_byte_identical() {
    let storage = raw_storage();
    storage.clear().unwrap();
    let garbage = "{\"app\":\"wayfinder\",\"v\":1,\"data\":{\"large_te";
    storage.set_item("wayfinder:prefs", garbage).unwrap();
    storage.set_item("wayfinder:other", "untouched ✓").unwrap();
    let store = Store::local().unwrap();
    match store.load::<Sample>(&Key::Prefs) {
        Err(StorageError::Unreadable { key, raw, .. }) => {
            assert_eq!(key, "wayfinder:prefs");
            assert_eq!(raw, garbage);
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
    // A save after a failed read is refused, so nothing is written over the data.
    assert!(store
        .save(
            &Key::Prefs,
            &Sample {
                large_text: false,
                name: String::new()
            }
        )
        .is_err());
    assert_eq!(
        storage.get_item("wayfinder:prefs").unwrap().as_deref(),
        Some(garbage)
    );
    assert_eq!(
        storage.get_item("wayfinder:other").unwrap().as_deref(),
        Some("untouched ✓")
    );
}

#[wasm_bindgen_test]
fn a_full_storage_reports_quota_exceeded_and_keeps_the_old_value() {
    let storage = raw_storage();
    storage.clear().unwrap();
    let backend = LocalBackend::open().unwrap();
    backend.set("wayfinder:keep", "old value").unwrap();
    // Fill the origin's quota with 512 KiB chunks until the browser refuses.
    let chunk = "x".repeat(512 * 1024);
    let mut filled = 0;
    let mut refusal = None;
    for i in 0..40 {
        match backend.set(&format!("filler:{i}"), &chunk) {
            Ok(()) => filled += 1,
            Err(e) => {
                refusal = Some(e);
                break;
            }
        }
    }
    assert!(filled > 0, "nothing could be stored at all");
    assert_eq!(refusal, Some(StorageError::QuotaExceeded));
    let big = "y".repeat(1024 * 1024);
    assert_eq!(
        backend.set("wayfinder:keep", &big),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(
        backend.get("wayfinder:keep").unwrap().as_deref(),
        Some("old value")
    );
    storage.clear().unwrap();
}
