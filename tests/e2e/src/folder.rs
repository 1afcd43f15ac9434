//! The class folder in tests: headless Chromium shows no folder picker, so each browser's
//! class folder is a folder in its origin-private file system (the app's test hook,
//! `window.wayfinderTestFolder`), and the harness plays the school's sync engine, copying
//! files between the browsers' folders as Drive would: late, partly, or as "(1)" copies.

use serde_json::{json, Value};

use crate::{Browser, Error, Result};

/// The folder's name in every test browser.
pub const TEST_FOLDER: &str = "class";

/// One file in a browser's class folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderFile {
    /// Its name.
    pub name: String,
    /// Its text.
    pub text: String,
}

impl Browser {
    /// Makes "Choose the class folder" open this browser's test folder.
    pub async fn use_test_folder(&self) -> Result<()> {
        self.execute(
            "window.wayfinderTestFolder = arguments[0];",
            vec![json!(TEST_FOLDER)],
        )
        .await?;
        Ok(())
    }

    /// Every file in this browser's class folder, by name.
    pub async fn folder_files(&self) -> Result<Vec<FolderFile>> {
        let v = self
            .execute(
                r#"return (async () => {
                    const root = await navigator.storage.getDirectory();
                    const dir = await root.getDirectoryHandle(arguments[0], { create: true });
                    const out = [];
                    for await (const h of dir.values()) {
                        if (h.kind === 'file') out.push([h.name, await (await h.getFile()).text()]);
                    }
                    out.sort((a, b) => a[0] < b[0] ? -1 : 1);
                    return out;
                })();"#,
                vec![json!(TEST_FOLDER)],
            )
            .await?;
        let list = v
            .as_array()
            .ok_or_else(|| Error(format!("the folder listing is {v}")))?;
        Ok(list
            .iter()
            .map(|pair| FolderFile {
                name: pair[0].as_str().unwrap_or_default().to_string(),
                text: pair[1].as_str().unwrap_or_default().to_string(),
            })
            .collect())
    }

    /// Writes a file into this browser's class folder, as the sync engine would.
    pub async fn put_folder_file(&self, name: &str, text: &str) -> Result<()> {
        self.execute(
            r#"return (async () => {
                const root = await navigator.storage.getDirectory();
                const dir = await root.getDirectoryHandle(arguments[0], { create: true });
                const f = await dir.getFileHandle(arguments[1], { create: true });
                const w = await f.createWritable();
                await w.write(arguments[2]);
                await w.close();
                return true;
            })();"#,
            vec![json!(TEST_FOLDER), json!(name), json!(text)],
        )
        .await?;
        Ok(())
    }

    /// Removes everything Wayfinder keeps in this browser (localStorage, sessionStorage,
    /// IndexedDB and the origin-private files), as a Chromebook wiped at sign-out.
    pub async fn wipe_device(&self) -> Result<()> {
        self.execute(
            r#"return (async () => {
                localStorage.clear();
                sessionStorage.clear();
                await new Promise(done => {
                    const r = indexedDB.deleteDatabase('wayfinder');
                    r.onsuccess = r.onerror = r.onblocked = () => done();
                });
                const root = await navigator.storage.getDirectory();
                for await (const h of root.values()) await root.removeEntry(h.name, { recursive: true });
                return true;
            })();"#,
            vec![],
        )
        .await?;
        self.reload().await
    }
}

/// Copies every finished file (no `.tmp`) from one browser's folder into another's, as
/// the school's sync engine would. Returns the names copied. Both browsers must be on
/// the app's pages (a fresh browser's first page is another origin, with other files).
pub async fn sync_folder(from: &Browser, to: &Browser) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for f in from.folder_files().await? {
        if f.name.ends_with(".tmp") {
            continue;
        }
        to.put_folder_file(&f.name, &f.text).await?;
        names.push(f.name);
    }
    Ok(names)
}

/// The JSON of a device file.
pub fn parse_device_file(f: &FolderFile) -> Result<Value> {
    serde_json::from_str(&f.text).map_err(|e| Error(format!("{}: {e}", f.name)))
}
