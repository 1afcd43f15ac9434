//! The class folder on disk (issue 15): choosing it with the File System Access API,
//! keeping its handle in IndexedDB, asking again for permission, listing, reading and
//! writing the device files. What the files hold is `storage::folder`'s; when to sync
//! is `state::folder`'s. Every call answers a `Result`, since a synced folder can vanish,
//! fill up or turn read-only at any moment.
//!
//! The API is reached through `Reflect`, so browsers without it (Firefox, Safari,
//! phones) load the same code and are told the folder is not available there.
//! Headless Chromium shows no picker: a test sets `window.wayfinderTestFolder` to a
//! name, and "Choose" then opens that folder in the origin-private file system. A page
//! script cannot set it in use, since the Content-Security-Policy runs only our code.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::idb::{self, Item};

/// Why the folder could not be used. Nothing on this device changes for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirError {
    /// The person closed the picker.
    Cancelled,
    /// The folder was moved or deleted.
    Gone,
    /// The browser needs the person's permission again.
    NoPermission,
    /// The disk or the synced drive is full.
    Full,
    /// The folder cannot be written (read-only share, or locked).
    ReadOnly,
    /// This browser has no File System Access API.
    Unavailable,
    /// Anything else, in the browser's words.
    Other(String),
}

impl DirError {
    fn from_js(e: JsValue) -> DirError {
        let name = Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        match name.as_str() {
            "AbortError" => DirError::Cancelled,
            "NotFoundError" => DirError::Gone,
            "NotAllowedError" | "SecurityError" => DirError::NoPermission,
            "QuotaExceededError" => DirError::Full,
            "NoModificationAllowedError" | "InvalidModificationError" | "InvalidStateError" => {
                DirError::ReadOnly
            }
            "TypeError" => DirError::Unavailable,
            _ => DirError::Other(
                Reflect::get(&e, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
                    .unwrap_or(name),
            ),
        }
    }
}

type Result<T> = std::result::Result<T, DirError>;

/// A chosen folder: the browser's `FileSystemDirectoryHandle`.
#[derive(Clone, Debug)]
pub struct Dir(JsValue);

/// One file in the folder, as listed.
#[derive(Clone, Debug)]
pub struct Listed {
    /// Its name.
    pub name: String,
    handle: JsValue,
}

/// A file read from the folder.
pub struct ReadFile {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// When the sync engine last changed it (ms since 1970), with its size: to skip
    /// reading a file that has not changed.
    pub stamp: (f64, f64),
}

fn get(o: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(o, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Calls `o.name(...args)` and waits for the promise it returns.
async fn call(o: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue> {
    let f: Function = get(o, name)
        .and_then(|f| f.dyn_into().ok())
        .ok_or(DirError::Unavailable)?;
    let args: Array = args.iter().collect();
    let promise = f.apply(o, &args).map_err(DirError::from_js)?;
    JsFuture::from(Promise::resolve(&promise))
        .await
        .map_err(DirError::from_js)
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

fn readwrite() -> JsValue {
    options(&[("mode", "readwrite".into())])
}

fn test_folder() -> Option<String> {
    web_sys::window()
        .and_then(|w| get(&w, "wayfinderTestFolder"))
        .and_then(|v| v.as_string())
}

/// Whether this browser can keep a class folder.
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| get(&w, "showDirectoryPicker").is_some())
        || test_folder().is_some()
}

impl Dir {
    /// Asks the person to choose the folder (readable and writable).
    pub async fn choose() -> Result<Dir> {
        let window: JsValue = web_sys::window().ok_or(DirError::Unavailable)?.into();
        if let Some(name) = test_folder() {
            let storage = get(&window, "navigator")
                .and_then(|n| get(&n, "storage"))
                .ok_or(DirError::Unavailable)?;
            let root = call(&storage, "getDirectory", &[]).await?;
            let create = options(&[("create", true.into())]);
            let dir = call(&root, "getDirectoryHandle", &[name.into(), create]).await?;
            return Ok(Dir(dir));
        }
        let opts = options(&[
            ("mode", "readwrite".into()),
            ("id", "wayfinder-class".into()),
        ]);
        call(&window, "showDirectoryPicker", &[opts]).await.map(Dir)
    }

    /// The folder chosen earlier on this device, if any.
    pub async fn saved() -> std::result::Result<Option<Dir>, String> {
        Ok(idb::get(Item::FolderHandle).await?.map(Dir))
    }

    /// Keeps this folder for the next visits.
    pub async fn remember(&self) -> std::result::Result<(), String> {
        idb::put(Item::FolderHandle, &self.0).await
    }

    /// Forgets the folder on this device (the folder and its files stay).
    pub async fn forget() -> std::result::Result<(), String> {
        idb::delete(Item::FolderHandle).await
    }

    /// The folder's name, as the person sees it.
    pub fn name(&self) -> String {
        get(&self.0, "name")
            .and_then(|n| n.as_string())
            .unwrap_or_default()
    }

    /// Whether this page may read and write the folder now. With `ask`, asks the person
    /// (only from a click: Chrome asks again after a restart unless they chose "Allow on
    /// every visit").
    pub async fn allowed(&self, ask: bool) -> Result<bool> {
        let method = if ask {
            "requestPermission"
        } else {
            "queryPermission"
        };
        match call(&self.0, method, &[readwrite()]).await {
            Ok(state) => Ok(state.as_string().as_deref() == Some("granted")),
            // A browser without permissions on handles (the origin-private system in
            // some versions) grants what it hands out.
            Err(DirError::Unavailable) => Ok(true),
            Err(e) => Err(e),
        }
    }

    /// The files in the folder (not sub-folders).
    pub async fn list(&self) -> Result<Vec<Listed>> {
        let iter = call_sync(&self.0, "values")?;
        let mut out = Vec::new();
        loop {
            let step = call(&iter, "next", &[]).await?;
            if get(&step, "done").and_then(|d| d.as_bool()) == Some(true) {
                break;
            }
            let Some(handle) = get(&step, "value") else {
                break;
            };
            let kind = get(&handle, "kind").and_then(|k| k.as_string());
            let name = get(&handle, "name").and_then(|n| n.as_string());
            if let (Some("file"), Some(name)) = (kind.as_deref(), name) {
                out.push(Listed { name, handle });
            }
        }
        Ok(out)
    }

    /// When a listed file last changed, with its size, without reading it.
    pub async fn stamp(&self, file: &Listed) -> Result<(f64, f64)> {
        let f = call(&file.handle, "getFile", &[]).await?;
        Ok(stamp_of(&f))
    }

    /// Reads a listed file, refusing one over `max` bytes unread.
    pub async fn read(&self, file: &Listed, max: usize) -> Result<Option<ReadFile>> {
        let f = call(&file.handle, "getFile", &[]).await?;
        let stamp = stamp_of(&f);
        if stamp.1 > max as f64 {
            return Ok(None);
        }
        let buffer = call(&f, "arrayBuffer", &[]).await?;
        Ok(Some(ReadFile {
            bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
            stamp,
        }))
    }

    /// Writes `text` as `name`, atomically: into `name.tmp` first, then moved over
    /// `name`, so another device never reads half a file. Where the browser cannot move
    /// a file, the write goes straight to `name` (the browser still swaps it in whole
    /// when it closes).
    pub async fn write(&self, name: &str, text: &str) -> Result<()> {
        let create = || options(&[("create", true.into())]);
        let tmp_name = format!("{name}.tmp");
        let tmp = call(
            &self.0,
            "getFileHandle",
            &[tmp_name.clone().into(), create()],
        )
        .await?;
        write_whole(&tmp, text).await?;
        if get(&tmp, "move").is_some() && call(&tmp, "move", &[name.into()]).await.is_ok() {
            return Ok(());
        }
        let _ = call(&self.0, "removeEntry", &[tmp_name.into()]).await;
        let file = call(&self.0, "getFileHandle", &[name.into(), create()]).await?;
        write_whole(&file, text).await
    }

    /// Removes the file `name`; one already gone is no error.
    pub async fn remove(&self, name: &str) -> Result<()> {
        match call(&self.0, "removeEntry", &[name.into()]).await {
            Ok(_) | Err(DirError::Gone) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

fn stamp_of(file: &JsValue) -> (f64, f64) {
    let n = |k| get(file, k).and_then(|v| v.as_f64()).unwrap_or(0.0);
    (n("lastModified"), n("size"))
}

fn call_sync(o: &JsValue, name: &str) -> Result<JsValue> {
    let f: Function = get(o, name)
        .and_then(|f| f.dyn_into().ok())
        .ok_or(DirError::Unavailable)?;
    f.call0(o).map_err(DirError::from_js)
}

async fn write_whole(file: &JsValue, text: &str) -> Result<()> {
    let stream = call(file, "createWritable", &[]).await?;
    if let Err(e) = call(&stream, "write", &[text.into()]).await {
        let _ = call(&stream, "abort", &[]).await;
        return Err(e);
    }
    call(&stream, "close", &[]).await.map(|_| ())
}
