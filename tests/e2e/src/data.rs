//! The page's data as a test sees it: whole-localStorage snapshots and their differences,
//! filling storage up to the browser's quota, choosing files for `<input type=file>`, and
//! capturing downloads the page makes with `URL.createObjectURL` and `<a download>`.

use crate::{ensure, Browser, Element, Error, Result};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

/// Every localStorage key and value of the page's origin, at one moment.
pub type Snapshot = BTreeMap<String, String>;

/// A file the page offered as a download.
#[derive(Clone, Debug, Deserialize)]
pub struct Download {
    /// The `download` attribute of the clicked link (the suggested file name), if clicked.
    pub name: Option<String>,
    /// The Blob's MIME type.
    #[serde(rename = "type")]
    pub mime: String,
    /// The Blob's contents, as text.
    pub text: String,
}

/// How [`Browser::fill_local_storage`] filled storage.
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct Filled {
    /// Filler keys written.
    pub keys: u32,
    /// UTF-16 code units written (keys and values).
    pub units: u64,
}

static UPLOAD_COUNTER: AtomicU32 = AtomicU32::new(0);

fn preview(s: &str) -> String {
    let n = s.chars().count();
    if n <= 80 {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(60).collect();
        format!("{head:?}… ({n} characters)")
    }
}

/// A readable list of what differs between two snapshots (empty when they are equal):
/// keys added, removed, and changed, each with a short preview of the values.
pub fn snapshot_diff(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in before {
        match after.get(k) {
            None => out.push(format!("removed {k} (was {})", preview(v))),
            Some(w) if w != v => out.push(format!("changed {k}: {} -> {}", preview(v), preview(w))),
            Some(_) => {}
        }
    }
    for (k, v) in after {
        if !before.contains_key(k) {
            out.push(format!("added {k} = {}", preview(v)));
        }
    }
    out
}

impl Browser {
    /// Every localStorage key and value, exactly as stored.
    pub async fn local_storage_snapshot(&self) -> Result<Snapshot> {
        let v = self
            .execute(
                "const o = {}; const s = window.localStorage;\
                 for (let i = 0; i < s.length; i++) { const k = s.key(i); o[k] = s.getItem(k); }\
                 return o;",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// Fails, listing the differences, unless localStorage now equals `before` byte for
    /// byte. `what` says what should have left it untouched.
    pub async fn expect_local_storage_unchanged(
        &self,
        before: &Snapshot,
        what: &str,
    ) -> Result<()> {
        let after = self.local_storage_snapshot().await?;
        let diff = snapshot_diff(before, &after);
        const SHOWN: usize = 15;
        let more = if diff.len() > SHOWN {
            format!("\n  … and {} more", diff.len() - SHOWN)
        } else {
            String::new()
        };
        ensure!(
            diff.is_empty(),
            "{what} changed localStorage ({} difference(s)):\n  {}{more}",
            diff.len(),
            diff[..diff.len().min(SHOWN)].join("\n  ")
        );
        Ok(())
    }

    /// Writes filler values under `key_prefix0`, `key_prefix1`, … until `setItem` throws
    /// `QuotaExceededError` even for one character: the origin's storage is then full.
    pub async fn fill_local_storage(&self, key_prefix: &str) -> Result<Filled> {
        let v = self
            .execute(
                r#"
                const prefix = arguments[0];
                const s = window.localStorage;
                let size = 1 << 20, keys = 0, units = 0;
                while (size >= 1) {
                  const key = prefix + keys;
                  try {
                    s.setItem(key, 'x'.repeat(size));
                    keys += 1;
                    units += key.length + size;
                  } catch (e) {
                    if (e.name !== 'QuotaExceededError') { return { error: e.name + ': ' + e.message }; }
                    size = Math.floor(size / 2);
                  }
                }
                // A new key costs its own name too, so up to a key's length is still
                // free: top the last filler up one character at a time, so that even a
                // value growing by one character no longer fits.
                if (keys > 0) {
                  const last = prefix + (keys - 1);
                  let v = s.getItem(last);
                  for (let i = 0; i < 4096; i++) {
                    try { s.setItem(last, v + 'x'); v += 'x'; units += 1; } catch (e) { break; }
                  }
                }
                return { keys, units };
                "#,
                vec![json!(key_prefix)],
            )
            .await?;
        if let Some(e) = v.get("error") {
            return Err(Error(format!(
                "filling localStorage failed with something other than the quota: {e}"
            )));
        }
        Ok(serde_json::from_value(v)?)
    }

    /// Removes every localStorage key starting with `key_prefix`; returns how many.
    pub async fn remove_local_storage_prefix(&self, key_prefix: &str) -> Result<u64> {
        let v = self
            .execute(
                "const s = window.localStorage; const p = arguments[0];\
                 const ks = Object.keys(s).filter((k) => k.startsWith(p));\
                 ks.forEach((k) => s.removeItem(k)); return ks.length;",
                vec![json!(key_prefix)],
            )
            .await?;
        Ok(v.as_u64().unwrap_or(0))
    }

    /// The `<input type=file>` whose accessible name is `label`.
    pub async fn find_file_input(&self, label: &str) -> Result<Element> {
        let inputs = self
            .client
            .find_all(fantoccini::Locator::Css("input[type=file]"))
            .await?;
        let mut seen = Vec::new();
        for input in inputs {
            let id = input.element_id().to_string();
            let name = self.element_get(&id, "computedlabel").await?;
            let name = name.as_str().unwrap_or("").trim().to_string();
            if name == label {
                return Ok(input);
            }
            seen.push(name);
        }
        Err(Error(format!(
            "no file input named {label:?}; file inputs found: {seen:?}"
        )))
    }

    /// Writes `contents` to a fresh file called `name` in [`Browser::scratch_dir`] and
    /// chooses it in `input` (WebDriver sends the absolute path to a file input), which
    /// fires the input's `change` event as a person choosing the file would.
    pub async fn choose_file(
        &self,
        input: &Element,
        name: &str,
        contents: &[u8],
    ) -> Result<PathBuf> {
        let dir = self
            .scratch_dir()?
            .join(UPLOAD_COUNTER.fetch_add(1, Ordering::SeqCst).to_string());
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(name);
        std::fs::write(&path, contents)?;
        let abs = path.canonicalize()?;
        input
            .send_keys(&abs.to_string_lossy())
            .await
            .map_err(|e| Error::from(e).context(format!("choosing {}", abs.display())))?;
        Ok(abs)
    }

    /// From now on (until the page reloads), files the page offers through
    /// `URL.createObjectURL` + a clicked `<a download>` are kept in `window.__downloads`
    /// instead of being saved to disk; read them with [`Browser::downloads`]. The object
    /// URL the page gets is still a real one. Call again after every page load.
    pub async fn capture_downloads(&self) -> Result<()> {
        self.execute(
            r#"
            if (!window.__downloadsCaptured) {
              window.__downloadsCaptured = true;
              window.__downloads = [];
              const create = URL.createObjectURL.bind(URL);
              URL.createObjectURL = function (obj) {
                const url = create(obj);
                if (obj instanceof Blob) {
                  window.__downloads.push({ url, blob: obj, name: null });
                }
                return url;
              };
              const click = HTMLAnchorElement.prototype.click;
              HTMLAnchorElement.prototype.click = function () {
                const d = window.__downloads.find((d) => d.url === this.href);
                if (d && this.hasAttribute('download')) {
                  d.name = this.getAttribute('download');
                  return;
                }
                return click.call(this);
              };
            }
            "#,
            vec![],
        )
        .await?;
        Ok(())
    }

    /// Every download captured since [`Browser::capture_downloads`], oldest first.
    pub async fn downloads(&self) -> Result<Vec<Download>> {
        let v = self
            .client
            .execute_async(
                r#"
                const done = arguments[arguments.length - 1];
                if (!window.__downloadsCaptured) { done({ error: 'capture_downloads was not called on this page' }); return; }
                Promise.all(window.__downloads.map(async (d) => ({
                  name: d.name, type: d.blob.type, text: await d.blob.text(),
                }))).then((ok) => done({ ok }), (e) => done({ error: String(e) }));
                "#,
                vec![],
            )
            .await?;
        if let Some(e) = v.get("error") {
            return Err(Error(format!("reading the captured downloads failed: {e}")));
        }
        Ok(serde_json::from_value(v["ok"].clone())?)
    }

    /// Waits until at least `count` downloads were captured and returns them all.
    pub async fn wait_for_downloads(&self, count: usize) -> Result<Vec<Download>> {
        crate::poll(
            &format!("{count} download(s)"),
            crate::DEFAULT_TIMEOUT,
            || async move {
                let d = self.downloads().await?;
                Ok(if d.len() >= count {
                    Ok(d)
                } else {
                    Err(format!(
                        "{} download(s): {:?}",
                        d.len(),
                        d.iter().map(|d| d.name.clone()).collect::<Vec<_>>()
                    ))
                })
            },
        )
        .await
    }

    /// The visible texts of the `<option>`s of a `<select>`.
    pub async fn option_texts(&self, select: &Element) -> Result<Vec<String>> {
        let v = self
            .execute(
                "return Array.from(arguments[0].options).map((o) => o.text.trim());",
                vec![serde_json::to_value(select)?],
            )
            .await?;
        Ok(serde_json::from_value::<Vec<String>>(v)?)
    }

    /// The trimmed text of every element matching `css`, in document order.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>> {
        let v = self
            .execute(
                "return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.trim());",
                vec![Value::from(css)],
            )
            .await?;
        Ok(serde_json::from_value::<Vec<String>>(v)?)
    }
}

/// Parses JSON text a download or page gave, with the text's start in the error.
pub fn parse_json(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Error(format!("not JSON ({e}): {}", preview(text))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_added_removed_and_changed_keys() {
        let a: Snapshot = [("k1", "v1"), ("k2", "v2")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut b = a.clone();
        assert!(snapshot_diff(&a, &b).is_empty());
        b.insert("k2".into(), "changed".into());
        b.remove("k1");
        b.insert("k3".into(), "x".repeat(200));
        let d = snapshot_diff(&a, &b);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d[0].starts_with("removed k1"), "{d:?}");
        assert!(d[1].starts_with("changed k2"), "{d:?}");
        assert!(
            d[2].starts_with("added k3") && d[2].contains("200 characters"),
            "{d:?}"
        );
    }
}
