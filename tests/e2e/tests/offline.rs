//! Offline and installable (issue 7): the manifest, the service worker's precache list,
//! starting with the network gone, the offline notice, a safe update to a new deploy, and
//! Chromium's installability checks, on the release build in headless Chromium.
//!
//! How the network "goes away":
//! - the test server, which is also the browser's proxy, refuses every request
//!   ([`Server::set_refusing`]): nothing can come from the network, so whatever renders came
//!   from the service worker's cache; and/or
//! - Chromium's own network emulation through chromedriver ([`Browser::set_network_offline`]),
//!   which also makes `navigator.onLine` false and fires the `offline` event.
//!
//! A new deploy is a copy of `$WAYFINDER_DIST` whose `sw.js` has another `VERSION`, served
//! from the same origin while the page stays open ([`Server::serve_dir`]).
//!
//! Run with `--nocapture` to see the measured start times and what Chromium says about
//! installability.

use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;
use wayfinder_e2e::{
    axe_audit, ensure, env, format_violations, median, Browser, Error, Result, Role,
};
use wayfinder_e2e::{ensure_no_foreign_requests, lines, start, Server};

const START_H1: &str = "Who's using Wayfinder?";
/// Typed into a form before the update reload; must be there after it.
const TYPED: &str = "Room 12 typed before the update";
const DATA_H1: &str = "Your data on this device";
const PREFS_KEY: &str = "wayfinder:prefs";
const OFFLINE_TEXT: &str = "You're offline. Everything still works and is saved on this device.";
const UPDATE_TEXT: &str =
    "A new version of Wayfinder is ready. Reload when you're ready: your work is saved.";
/// Files of the build the worker must not precache.
const NOT_PRECACHED: &[&str] = &["sw.js", "404.html"];
/// How long a service worker may take to install (it downloads the whole precache).
const SW_TIMEOUT: Duration = Duration::from_secs(20);

// ---------------------------------------------------------------------------------------
// Helpers

/// `const VERSION = "…";` and `const FILES = […];` from sw.js.
fn parse_sw(source: &str) -> Result<(String, Vec<String>)> {
    let version = source
        .lines()
        .find_map(|l| l.trim().strip_prefix("const VERSION = \""))
        .and_then(|rest| rest.split('"').next())
        .ok_or_else(|| Error::msg("sw.js has no line `const VERSION = \"...\";`"))?
        .to_string();
    let files_line = source
        .lines()
        .find_map(|l| l.trim().strip_prefix("const FILES = "))
        .ok_or_else(|| Error::msg("sw.js has no line `const FILES = [...];`"))?;
    let files: Vec<String> = serde_json::from_str(files_line.trim().trim_end_matches(';'))
        .map_err(|e| {
            Error(format!(
                "sw.js's FILES is not a JSON list of names ({e}): {files_line}"
            ))
        })?;
    Ok((version, files))
}

/// Names of the files directly in `dir` (the dist folder is flat).
fn files_in(dir: &Path) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.path().is_file() {
            out.insert(entry.file_name().to_string_lossy().into_owned());
        } else {
            return Err(Error(format!(
                "{} is a folder: the precache check expects a flat dist folder",
                entry.path().display()
            )));
        }
    }
    Ok(out)
}

/// A copy of `dist` in a fresh temp folder where sw.js's VERSION is `new_version`: a new
/// deploy with one changed file. Returns the folder.
fn copy_with_new_version(dist: &Path, tag: &str) -> Result<(PathBuf, String, String)> {
    let dir = std::env::temp_dir().join(format!(
        "wayfinder-e2e-offline-{tag}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    for name in files_in(dist)? {
        std::fs::copy(dist.join(&name), dir.join(&name))?;
    }
    let sw = std::fs::read_to_string(dir.join("sw.js"))?;
    let (old, _) = parse_sw(&sw)?;
    // Another 12-hex version: each digit shifted by one.
    let new: String = old
        .chars()
        .map(|c| match c.to_digit(16) {
            Some(d) => std::char::from_digit((d + 1) % 16, 16).unwrap_or('0'),
            None => c,
        })
        .collect();
    ensure!(new != old, "could not derive a new version from {old:?}");
    let changed = sw.replacen(
        &format!("const VERSION = \"{old}\";"),
        &format!("const VERSION = \"{new}\";"),
        1,
    );
    ensure!(changed != sw, "sw.js's VERSION line was not replaced");
    std::fs::write(dir.join("sw.js"), changed)?;
    Ok((dir, old, new))
}

/// Waits until a service worker controls the page, reloading once if it has not taken
/// control by itself (the worker claims clients on activation, so usually no reload).
async fn until_controlled(b: &Browser) -> Result<()> {
    let expr = "!!(navigator.serviceWorker && navigator.serviceWorker.controller)";
    if b.wait_for_js("a service worker controlling the page", expr, SW_TIMEOUT)
        .await
        .is_ok()
    {
        return Ok(());
    }
    b.reload().await?;
    b.wait_for_js(
        "a service worker controlling the page (after one reload)",
        expr,
        SW_TIMEOUT,
    )
    .await
    .map_err(|e| {
        e.context(
            "the page never came under a service worker's control: is it registered? \
             (window.isSecureContext, sw.js served, install succeeded)",
        )
    })?;
    Ok(())
}

/// The names of the Cache Storage caches the page's origin has.
async fn cache_names(b: &Browser) -> Result<Vec<String>> {
    let v = b.eval_async("return await caches.keys();").await?;
    Ok(serde_json::from_value(v)?)
}

/// Reloads `runs` times and returns each time to a usable start page.
async fn reload_times(b: &Browser, runs: usize) -> Result<Vec<f64>> {
    let mut out = Vec::new();
    for _ in 0..runs {
        b.reload().await?;
        out.push(b.h1_time(START_H1).await?);
    }
    Ok(out)
}

fn fmt_ms(xs: &[f64]) -> String {
    xs.iter()
        .map(|x| format!("{x:.0}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Nothing the page asked for, and nothing that reached the proxy, left the origin (the
/// same check as e2e.rs's `no_request_leaves_the_origin`), and the proxy did see the app.
async fn assert_stayed_on_origin(server: &Server, b: &Browser) -> Result<()> {
    let origin = format!("{}/", server.origin());
    ensure_no_foreign_requests(server, b).await?;
    let all = server.requests();
    ensure!(
        all.iter()
            .any(|u| u.starts_with(&origin) && u.ends_with(".wasm")),
        "the proxy never saw the .wasm load, so its log cannot be trusted: {all:#?}"
    );
    ensure!(
        all.iter()
            .any(|u| u.starts_with(&origin) && u.ends_with("/sw.js")),
        "the proxy never saw sw.js requested: {all:#?}"
    );
    Ok(())
}

/// Is there a status (live region) whose text contains `text` right now?
async fn status_shown(b: &Browser, text: &str) -> Result<bool> {
    for f in b.scan(None, Role::Status).await? {
        let t = f.element.text().await.unwrap_or_default();
        if t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(text)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

async fn wait_until_status_gone(b: &Browser, text: &str) -> Result<()> {
    wayfinder_e2e::poll(
        &format!("the status {text:?} to go away"),
        Duration::from_secs(5),
        || async move {
            Ok(if status_shown(b, text).await? {
                Err("still shown".to_string())
            } else {
                Ok(())
            })
        },
    )
    .await
}

async fn assert_axe_clean(b: &Browser, when: &str) -> Result<()> {
    let violations = axe_audit(b).await?;
    ensure!(
        violations.is_empty(),
        "axe-core found violations {when}:\n{}",
        format_violations(&violations)
    );
    Ok(())
}

async fn larger_text_checked(b: &Browser) -> Result<bool> {
    Ok(b.wait_for_role(Role::Checkbox, "Larger text")
        .await?
        .is_selected()
        .await?)
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    Some((w, h))
}

// ---------------------------------------------------------------------------------------
// Tests

/// The manifest the page links parses, has what an installable app needs, and every icon
/// exists; sw.js precaches exactly the build's files.
#[tokio::test]
async fn manifest_and_precache_list_match_the_build() -> Result<()> {
    let dist = env::dist()?;
    let (server, b) = start().await?;
    b.goto("/").await?;
    b.wait_for_heading(1, START_H1).await?;

    // The manifest, as the page links it.
    let href = b
        .execute(
            "const l = document.querySelector('link[rel=manifest]'); return l ? l.href : null;",
            vec![],
        )
        .await?;
    let href = href
        .as_str()
        .ok_or_else(|| Error::msg("index.html has no <link rel=\"manifest\">"))?
        .to_string();
    ensure!(
        href == b.url_for("/manifest.webmanifest"),
        "the manifest link points at {href}, expected {}",
        b.url_for("/manifest.webmanifest")
    );
    let fetched = b
        .eval_async(&format!(
            "const r = await fetch({href:?}, {{ cache: 'no-store' }});
             return {{ status: r.status, type: r.headers.get('content-type'), text: await r.text() }};"
        ))
        .await?;
    ensure!(
        fetched["status"] == 200,
        "GET {href} answered {}",
        fetched["status"]
    );
    let text = fetched["text"].as_str().unwrap_or("");
    let manifest: Value = serde_json::from_str(text)
        .map_err(|e| Error(format!("the manifest is not JSON ({e}):\n{text}")))?;
    println!(
        "manifest {href} ({}):\n{}",
        fetched["type"],
        serde_json::to_string_pretty(&manifest)?
    );
    for field in ["name", "short_name", "start_url", "scope", "display"] {
        let v = manifest[field].as_str().unwrap_or("");
        ensure!(
            !v.trim().is_empty(),
            "the manifest lacks a non-empty {field:?}"
        );
    }
    ensure!(
        manifest["display"] == "standalone",
        "manifest display is {}, expected \"standalone\"",
        manifest["display"]
    );
    // start_url and scope resolve (against the manifest's URL) to the app's root, so they
    // also work under a sub-path build.
    let base = url::Url::parse(&href).map_err(|e| Error(format!("{href}: {e}")))?;
    for field in ["start_url", "scope"] {
        let v = manifest[field].as_str().unwrap_or("");
        let resolved = base
            .join(v)
            .map_err(|e| Error(format!("manifest {field} {v:?}: {e}")))?;
        ensure!(
            resolved.as_str() == b.url_for("/"),
            "manifest {field} {v:?} resolves to {resolved}, expected the app root {}",
            b.url_for("/")
        );
    }

    let icons = manifest["icons"]
        .as_array()
        .ok_or_else(|| Error::msg("the manifest has no \"icons\" list"))?;
    ensure!(!icons.is_empty(), "the manifest's icons list is empty");
    let mut sizes_seen = BTreeSet::new();
    let mut maskable = false;
    for icon in icons {
        let src = icon["src"]
            .as_str()
            .ok_or_else(|| Error(format!("an icon without src: {icon}")))?;
        let sizes = icon["sizes"].as_str().unwrap_or("");
        if icon["purpose"]
            .as_str()
            .is_some_and(|p| p.split_whitespace().any(|p| p == "maskable"))
        {
            maskable = true;
        }
        let url = base
            .join(src)
            .map_err(|e| Error(format!("icon src {src:?}: {e}")))?;
        let got = b
            .eval_async(&format!(
                "const r = await fetch({:?}, {{ cache: 'no-store' }});
                 const buf = await r.arrayBuffer();
                 return {{ status: r.status, type: r.headers.get('content-type') || '', bytes: buf.byteLength }};",
                url.as_str()
            ))
            .await?;
        let ctype = got["type"].as_str().unwrap_or("");
        println!(
            "icon {src} ({sizes}): HTTP {}, {ctype}, {} bytes",
            got["status"], got["bytes"]
        );
        ensure!(
            got["status"] == 200,
            "icon {src} ({url}) answered HTTP {}",
            got["status"]
        );
        ensure!(
            ctype.starts_with("image/"),
            "icon {src} has content type {ctype:?}, not an image"
        );
        if let Some(t) = icon["type"].as_str() {
            ensure!(
                ctype.starts_with(t),
                "icon {src} is declared {t:?} but served as {ctype:?}"
            );
        }
        // Declared pixel sizes match the PNG file's real size.
        let path = dist.join(url.path().trim_start_matches(server.prefix()));
        if ctype.starts_with("image/png") {
            let bytes = std::fs::read(&path)
                .map_err(|e| Error(format!("reading {}: {e}", path.display())))?;
            let (w, h) = png_size(&bytes)
                .ok_or_else(|| Error(format!("{} is not a PNG", path.display())))?;
            ensure!(
                sizes.split_whitespace().any(|s| s == format!("{w}x{h}")),
                "icon {src} declares sizes {sizes:?} but the image is {w}x{h}"
            );
        }
        sizes_seen.extend(sizes.split_whitespace().map(str::to_string));
    }
    for want in ["192x192", "512x512"] {
        ensure!(
            sizes_seen.contains(want),
            "no {want} icon in the manifest (Chromium's install check needs 192 and 512); sizes: {sizes_seen:?}"
        );
    }
    ensure!(
        maskable,
        "no icon with purpose \"maskable\" in the manifest"
    );

    // The precache list is exactly the build's files, minus sw.js and 404.html.
    let sw = b
        .eval_async(&format!(
            "const r = await fetch({:?}, {{ cache: 'no-store' }}); return {{ status: r.status, text: await r.text() }};",
            b.url_for("/sw.js")
        ))
        .await?;
    ensure!(sw["status"] == 200, "GET sw.js answered {}", sw["status"]);
    let served = sw["text"].as_str().unwrap_or("");
    let on_disk = std::fs::read_to_string(dist.join("sw.js"))?;
    ensure!(
        served == on_disk,
        "the sw.js the server sends differs from {}",
        dist.join("sw.js").display()
    );
    let (version, files) = parse_sw(served)?;
    ensure!(
        version.len() == 12 && version.chars().all(|c| c.is_ascii_hexdigit()),
        "sw.js VERSION is {version:?}, expected 12 hex digits"
    );
    let listed: BTreeSet<String> = files.iter().cloned().collect();
    ensure!(
        listed.len() == files.len(),
        "sw.js FILES lists a file twice: {files:?}"
    );
    let mut expected = files_in(&dist)?;
    for skip in NOT_PRECACHED {
        expected.remove(*skip);
    }
    let missing: Vec<&String> = expected.difference(&listed).collect();
    let extra: Vec<&String> = listed.difference(&expected).collect();
    ensure!(
        missing.is_empty() && extra.is_empty(),
        "sw.js FILES does not match {}:\n  built but not precached: {missing:?}\n  precached but not built: {extra:?}",
        dist.display()
    );
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(dist.join(f)).map(|m| m.len()))
        .sum::<std::io::Result<u64>>()?;
    println!(
        "precache: {} files, {bytes} bytes ({:.1} KiB), version {version}",
        files.len(),
        bytes as f64 / 1024.0
    );
    assert_stayed_on_origin(&server, &b).await
}

/// After one visit the app starts, navigates and saves with the network gone.
#[tokio::test]
async fn starts_and_works_offline() -> Result<()> {
    let (server, b) = start().await?;
    b.record_h1_time().await?;

    // First visit, from the network: no worker yet.
    b.goto("/").await?;
    let first_visit = b.h1_time(START_H1).await?;
    until_controlled(&b).await?;
    let online = reload_times(&b, 3).await?;
    ensure!(
        !larger_text_checked(&b).await?,
        "a fresh profile should start with Larger text off"
    );

    // The network goes away: the server (also the proxy) refuses everything.
    let mark = server.requests().len();
    server.set_refusing(true);
    let offline = reload_times(&b, 3).await?;

    // Navigate by the link, and load a deep link directly.
    let nav = b.find_role(Role::Navigation, "Main").await?;
    b.find_role_in(&nav, Role::Link, "Your data")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, DATA_H1)
        .await
        .map_err(|e| e.context("offline, following the \"Your data\" link"))?;
    b.wait_for_path("/data").await?;
    b.goto("/data").await?;
    b.wait_for_heading(1, DATA_H1)
        .await
        .map_err(|e| e.context("offline, loading /data directly"))?;

    // A setting changed offline is saved on the device and survives an offline reload.
    b.goto("/").await?;
    b.wait_for_role(Role::Checkbox, "Larger text")
        .await?
        .click()
        .await?;
    ensure!(
        larger_text_checked(&b).await?,
        "clicking Larger text offline did not check it"
    );
    let saved = b.local_storage_get(PREFS_KEY).await?;
    ensure!(
        saved.is_some(),
        "offline, Larger text was not saved under localStorage {PREFS_KEY:?}"
    );
    b.reload().await?;
    b.wait_for_heading(1, START_H1).await?;
    ensure!(
        larger_text_checked(&b).await?,
        "Larger text, turned on offline, is off again after an offline reload (saved: {saved:?})"
    );

    // Chromium's own offline mode on top: same result, straight from the cache.
    b.set_network_offline(true).await?;
    b.reload().await?;
    b.wait_for_heading(1, START_H1)
        .await
        .map_err(|e| e.context("with Chromium's network emulation offline, reloading /"))?;
    ensure!(
        larger_text_checked(&b).await?,
        "Larger text is off after a reload in Chromium's offline mode"
    );
    b.goto("/data").await?;
    b.wait_for_heading(1, DATA_H1)
        .await
        .map_err(|e| e.context("with Chromium's network emulation offline, loading /data"))?;
    b.set_network_offline(false).await?;

    // While the network was down, only the browser's own update check for sw.js may have
    // tried the network; every app file came from the cache.
    let tried: Vec<String> = server.requests()[mark..].to_vec();
    server.set_refusing(false);
    let origin = format!("{}/", server.origin());
    let app_files: Vec<&String> = tried
        .iter()
        .filter(|u| u.starts_with(&origin) && !u.ends_with("/sw.js"))
        .collect();
    println!(
        "while the network was down, {} requests tried it:\n{}",
        tried.len(),
        lines(&tried)
    );
    ensure!(
        app_files.is_empty(),
        "offline, the page still asked the network for app files (the worker did not serve them from its cache):\n{}",
        lines(&app_files)
    );

    println!("time to a usable start page (navigation start -> h1 shown), release build:");
    println!("  online, first visit (network, no worker): {first_visit:.0} ms");
    println!(
        "  online, reload (worker controls the page): median {:.0} ms [{}]",
        median(&online),
        fmt_ms(&online)
    );
    println!(
        "  offline, reload (server refusing):         median {:.0} ms [{}]",
        median(&offline),
        fmt_ms(&offline)
    );
    assert_stayed_on_origin(&server, &b).await
}

/// Offline, a quiet status says everything still works; back online it goes away.
#[tokio::test]
async fn offline_notice_follows_the_network() -> Result<()> {
    let (server, b) = start().await?;
    b.goto("/").await?;
    b.wait_for_heading(1, START_H1).await?;
    until_controlled(&b).await?;
    ensure!(
        !status_shown(&b, OFFLINE_TEXT).await?,
        "the offline notice shows while online"
    );

    b.set_network_offline(true).await?;
    let on_line = b.execute("return navigator.onLine;", vec![]).await?;
    println!("navigator.onLine with the network emulated offline: {on_line}");
    b.wait_for_role_with_text(Role::Status, OFFLINE_TEXT)
        .await
        .map_err(|e| e.context(format!("network offline (navigator.onLine = {on_line})")))?;
    let shot = b.screenshot("offline-notice").await?;
    println!("screenshot: {}", shot.display());
    assert_axe_clean(&b, "with the offline notice shown").await?;

    // Still offline after a reload (the page starts offline, from the cache).
    b.reload().await?;
    b.wait_for_heading(1, START_H1).await?;
    b.wait_for_role_with_text(Role::Status, OFFLINE_TEXT)
        .await
        .map_err(|e| e.context("after reloading while offline"))?;

    b.set_network_offline(false).await?;
    wait_until_status_gone(&b, OFFLINE_TEXT)
        .await
        .map_err(|e| e.context("back online"))?;
    assert_stayed_on_origin(&server, &b).await
}

/// A new deploy while the page is open: the notice appears, nothing reloads by itself,
/// "Reload now" moves to the new version and keeps what was saved.
#[tokio::test]
async fn update_waits_for_the_user_and_keeps_work() -> Result<()> {
    let dist = env::dist()?;
    let (server, b) = start().await?;
    b.goto("/").await?;
    b.wait_for_heading(1, START_H1).await?;
    until_controlled(&b).await?;
    let (new_dir, old_version, new_version) = copy_with_new_version(&dist, "update")?;
    let (_, files) = parse_sw(&std::fs::read_to_string(dist.join("sw.js"))?)?;
    let before = cache_names(&b).await?;
    ensure!(
        before == vec![format!("wayfinder-{old_version}")],
        "before the update the caches should be [wayfinder-{old_version}], they are {before:?}"
    );

    // Work done before the update: a saved setting, and a marker only this page load has.
    b.wait_for_role(Role::Checkbox, "Larger text")
        .await?
        .click()
        .await?;
    ensure!(
        larger_text_checked(&b).await?,
        "clicking did not check Larger text"
    );
    let saved = b.local_storage_get(PREFS_KEY).await?;
    ensure!(saved.is_some(), "Larger text was not saved");
    b.execute("window.__e2eSamePage = 'before the update';", vec![])
        .await?;

    // Deploy the second build and let the browser look for it.
    server.serve_dir(&new_dir)?;
    b.eval_async(
        "const r = await navigator.serviceWorker.getRegistration();
         if (!r) throw new Error('no service worker registration');
         await r.update();
         return true;",
    )
    .await?;
    let waiting = wayfinder_e2e::poll(
        "the new service worker to be installed and waiting",
        SW_TIMEOUT,
        || async {
            let v = b
                .eval_async(
                    "const r = await navigator.serviceWorker.getRegistration();
                     return { waiting: !!r.waiting, installing: !!r.installing,
                              state: (r.installing || r.waiting || {}).state || null,
                              caches: await caches.keys(),
                              same_page: window.__e2eSamePage === 'before the update' };",
                )
                .await?;
            Ok(if v["waiting"] == true {
                Ok(v)
            } else {
                Err(format!(
                    "{v} (same_page false: the page reloaded by itself; only the new \
                     cache: the new version took over without the user)"
                ))
            })
        },
    )
    .await?;
    println!("registration after update(): {waiting}");
    b.wait_for_role_with_text(Role::Status, UPDATE_TEXT)
        .await
        .map_err(|e| e.context("a new version was installed and is waiting"))?;
    let shot = b.screenshot("update-notice").await?;
    println!("screenshot: {}", shot.display());

    // It never reloads by itself: give it time, then check nothing was lost.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let marker = b
        .execute("return window.__e2eSamePage || null;", vec![])
        .await?;
    ensure!(
        marker == "before the update",
        "the page reloaded by itself after the update arrived (marker now {marker})"
    );
    ensure!(
        larger_text_checked(&b).await?,
        "Larger text is no longer checked while the update waits"
    );
    ensure!(
        status_shown(&b, UPDATE_TEXT).await?,
        "the update notice went away by itself"
    );
    let still_old = cache_names(&b).await?;
    ensure!(
        still_old.contains(&format!("wayfinder-{old_version}")),
        "the old version's cache is gone before the user reloaded: {still_old:?}"
    );
    assert_axe_clean(&b, "with the update notice shown").await?;

    // Text typed but not saved yet, on another page reached in-app (same page load).
    b.find_role(Role::Link, "Teacher").await?.click().await?;
    b.wait_for_role(Role::Textbox, "Class name")
        .await?
        .send_keys(TYPED)
        .await?;

    // The user chooses to reload.
    b.find_role(Role::Button, "Reload now")
        .await?
        .click()
        .await?;
    b.wait_for_js(
        "the page to reload after \"Reload now\"",
        "window.__e2eSamePage === undefined",
        SW_TIMEOUT,
    )
    .await?;
    b.wait_for_heading(1, "Teacher workspace").await?;
    let typed = b
        .wait_for_role(Role::Textbox, "Class name")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure!(
        typed == TYPED,
        "text typed before \"Reload now\" is lost: the field holds {typed:?}"
    );
    until_controlled(&b).await?;
    b.goto("/").await?;
    b.wait_for_heading(1, START_H1).await?;
    let after = wayfinder_e2e::poll(
        "only the new version's cache to remain",
        SW_TIMEOUT,
        || async {
            let names = cache_names(&b).await?;
            Ok(if names == vec![format!("wayfinder-{new_version}")] {
                Ok(names)
            } else {
                Err(format!("{names:?}"))
            })
        },
    )
    .await?;
    let reg = b
        .eval_async(&format!(
            "const r = await navigator.serviceWorker.getRegistration();
             const c = await caches.open('wayfinder-{new_version}');
             return {{ waiting: !!r.waiting, active: r.active && r.active.state,
                       controller: navigator.serviceWorker.controller.scriptURL,
                       cached: (await c.keys()).length }};"
        ))
        .await?;
    println!("after \"Reload now\": caches {after:?}, registration {reg}");
    ensure!(
        reg["waiting"] == false,
        "a worker is still waiting after the reload: {reg}"
    );
    ensure!(
        reg["cached"] == files.len(),
        "the new version's cache holds {} entries, expected the {} precached files",
        reg["cached"],
        files.len()
    );
    ensure!(
        !status_shown(&b, UPDATE_TEXT).await?,
        "the update notice is still shown after reloading into the new version"
    );
    ensure!(
        larger_text_checked(&b).await?,
        "Larger text, saved before the update, is off after reloading into the new version"
    );
    let saved_after = b.local_storage_get(PREFS_KEY).await?;
    ensure!(
        saved_after == saved,
        "the saved preferences changed across the update: {saved:?} -> {saved_after:?}"
    );
    // The server really served the new sw.js (the worker fetched it from the new deploy).
    let _ = std::fs::remove_dir_all(&new_dir);
    assert_stayed_on_origin(&server, &b).await
}

/// Chromium's installability checks, best effort: headless Chromium may not evaluate them,
/// but the manifest and worker facts it depends on are asserted.
#[tokio::test]
async fn installable_in_chromium() -> Result<()> {
    let (server, b) = start().await?;
    b.goto("/").await?;
    b.wait_for_heading(1, START_H1).await?;
    until_controlled(&b).await?;
    let reg = b
        .eval_async(
            "const r = await navigator.serviceWorker.getRegistration();
             return { scope: r.scope, active: r.active && r.active.scriptURL,
                      secure: window.isSecureContext };",
        )
        .await?;
    println!("service worker: {reg}");
    ensure!(
        reg["scope"] == b.url_for("/"),
        "the worker's scope is {}, expected the app root {}",
        reg["scope"],
        b.url_for("/")
    );
    ensure!(
        reg["active"] == b.url_for("/sw.js"),
        "the active worker is {}, expected {}",
        reg["active"],
        b.url_for("/sw.js")
    );

    let manifest = b.cdp("Page.getAppManifest", json!({})).await?;
    let manifest_errors = manifest["errors"].as_array().cloned().unwrap_or_default();
    println!(
        "Page.getAppManifest: url {}, errors {}",
        manifest["url"],
        Value::Array(manifest_errors.clone())
    );
    ensure!(
        manifest["url"] == b.url_for("/manifest.webmanifest"),
        "Chromium found the manifest at {}, expected {}",
        manifest["url"],
        b.url_for("/manifest.webmanifest")
    );
    ensure!(
        manifest_errors.is_empty(),
        "Chromium reports manifest errors: {}",
        Value::Array(manifest_errors)
    );

    match b.cdp("Page.getInstallabilityErrors", json!({})).await {
        Ok(v) => {
            println!("Page.getInstallabilityErrors: {v}");
            let errors = v["installabilityErrors"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            ensure!(
                errors.is_empty(),
                "Chromium says the app is not installable: {}",
                Value::Array(errors)
            );
        }
        Err(e) => println!(
            "headless Chromium could not evaluate installability (Page.getInstallabilityErrors failed: {e}); \
             the manifest and worker checks above still hold"
        ),
    }

    // The "Install Wayfinder" button: only after the browser offers the prompt.
    let nav = b.find_role(Role::Navigation, "Main").await?;
    if b.find_role_in(&nav, Role::Button, "Install Wayfinder")
        .await
        .is_ok()
    {
        println!("Chromium itself fired beforeinstallprompt: the install button is shown");
    } else {
        println!("no install button yet: dispatching a beforeinstallprompt event");
        b.execute(
            "window.dispatchEvent(new Event('beforeinstallprompt', { cancelable: true }));",
            vec![],
        )
        .await?;
    }
    let nav = b.find_role(Role::Navigation, "Main").await?;
    let button = wayfinder_e2e::poll(
        "an \"Install Wayfinder\" button in the Main navigation",
        Duration::from_secs(5),
        || {
            let nav = nav.clone();
            let b = &b;
            async move {
                Ok(b.find_role_in(&nav, Role::Button, "Install Wayfinder")
                    .await
                    .map_err(|e| e.0))
            }
        },
    )
    .await?;
    let shot = b.screenshot("install-button").await?;
    println!("screenshot: {}", shot.display());
    assert_axe_clean(&b, "with the install button shown").await?;
    button.click().await?;
    wayfinder_e2e::poll(
        "the install button to hide once used",
        Duration::from_secs(5),
        || {
            let nav = nav.clone();
            let b = &b;
            async move {
                Ok(
                    match b
                        .find_role_in(&nav, Role::Button, "Install Wayfinder")
                        .await
                    {
                        Ok(_) => Err("still shown".to_string()),
                        Err(_) => Ok(()),
                    },
                )
            }
        },
    )
    .await?;
    assert_stayed_on_origin(&server, &b).await
}
