//! The little Wayfinder keeps in IndexedDB: browser objects that cannot be written as
//! text in localStorage. Today that is the teacher's class key (a `CryptoKeyPair` whose
//! private half the browser will not hand out, so it cannot be copied off the device);
//! the class folder's handle comes next. Everything else stays in localStorage.
//!
//! One database (`wayfinder`), one object store (`device`), values by name. Every call
//! answers a `Result`: IndexedDB is missing or blocked in some private modes, and the app
//! must say so and keep working.

use js_sys::{Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const DB: &str = "wayfinder";
const STORE: &str = "device";
const VERSION: u32 = 1;

/// Why IndexedDB could not be used.
pub const BLOCKED: &str =
    "This browser keeps no databases here (private browsing, or blocked by a setting).";

/// Names of what is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// The class key pair, on a teacher's device.
    ClassKey,
    /// The class folder chosen on this device (a `FileSystemDirectoryHandle`).
    FolderHandle,
}

impl Item {
    fn name(self) -> &'static str {
        match self {
            Item::ClassKey => "class-key",
            Item::FolderHandle => "class-folder",
        }
    }
}

/// A promise settled by the request's success (with its result) or error.
fn settled(req: &IdbRequest) -> Promise {
    Promise::new(&mut |resolve: Function, reject: Function| {
        let done = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(BLOCKED));
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(failed.unchecked_ref()));
    })
}

async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| BLOCKED.to_string())?;
    let req: IdbOpenDbRequest = factory
        .open_with_u32(DB, VERSION)
        .map_err(|_| BLOCKED.to_string())?;
    let upgrade = req.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrade.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db = JsFuture::from(settled(&req))
        .await
        .map_err(|_| BLOCKED.to_string())?;
    db.dyn_into().map_err(|_| BLOCKED.to_string())
}

/// The value kept under `item`, `None` when nothing is.
pub async fn get(item: Item) -> Result<Option<JsValue>, String> {
    let db = open().await?;
    let store = db
        .transaction_with_str(STORE)
        .and_then(|t| t.object_store(STORE))
        .map_err(|_| BLOCKED.to_string())?;
    let req = store
        .get(&JsValue::from_str(item.name()))
        .map_err(|_| BLOCKED.to_string())?;
    let value = JsFuture::from(settled(&req))
        .await
        .map_err(|_| BLOCKED.to_string())?;
    db.close();
    Ok((!value.is_undefined()).then_some(value))
}

/// Runs one read-write request on `item`'s key (made by `request`) and waits for it.
async fn change(
    item: Item,
    request: impl FnOnce(&web_sys::IdbObjectStore, &JsValue) -> Result<IdbRequest, JsValue>,
) -> Result<(), String> {
    let db = open().await?;
    let store = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .and_then(|t| t.object_store(STORE))
        .map_err(|_| BLOCKED.to_string())?;
    let req = request(&store, &JsValue::from_str(item.name())).map_err(|_| BLOCKED.to_string())?;
    JsFuture::from(settled(&req))
        .await
        .map_err(|_| BLOCKED.to_string())?;
    db.close();
    Ok(())
}

/// Keeps `value` under `item`, replacing what was there.
pub async fn put(item: Item, value: &JsValue) -> Result<(), String> {
    change(item, |store, key| store.put_with_key(value, key)).await
}

/// Removes what is kept under `item`.
pub async fn delete(item: Item) -> Result<(), String> {
    change(item, |store, key| store.delete(key)).await
}
