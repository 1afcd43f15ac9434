//! End-to-end test harness for Wayfinder.
//!
//! The tests in `tests/` drive the real release build (a Trunk `dist/` folder) in headless
//! Chromium through chromedriver:
//!
//! - [`Server`] serves the dist folder on an ephemeral loopback port and is also the
//!   browser's HTTP proxy, so it sees every request the page makes ([`Server::requests`]).
//! - [`Browser`] starts chromedriver and a fresh Chromium profile, and offers helpers that find
//!   things the way people do: by role and accessible name ([`Browser::find_role`]), by
//!   keyboard ([`Browser::press_tab`]), plus localStorage, console and screenshot helpers.
//! - [`axe_audit`] runs the axe-core accessibility rules in the page.
//! - Chromium's network emulation ([`Browser::set_network_offline`]), raw DevTools commands
//!   ([`Browser::cdp`]) and waiting on a script condition ([`Browser::wait_for_js`]).
//! - localStorage snapshots and their differences ([`Browser::local_storage_snapshot`],
//!   [`snapshot_diff`]), filling storage to the quota, choosing files for upload
//!   ([`Browser::choose_file`]) and reading the page's downloads ([`Browser::downloads`]).
//!
//! Configuration comes from environment variables; a missing one is a test failure with a
//! message that names it, never a silent skip. See [`env`].

mod axe;
mod browser;
mod data;
mod devtools;
pub mod env;
mod error;
mod fixtures;
mod flows;
mod folder;
mod page;
mod query;
mod server;
mod stored;
mod timing;

pub use axe::{
    axe_audit, format_violations, no_axe_violations, Violation, ViolationNode, AXE_TAGS,
};
pub use browser::{Browser, BrowserOptions, Chromedriver, ConsoleEntry, DESKTOP, MOBILE};
pub use data::{parse_json, snapshot_diff, Download, Filled, Snapshot};
pub use error::{Error, Result};
pub use fantoccini::{elements::Element, Client};
pub use fixtures::{demo, scenario, seeded_meta, stored_layout};
pub use folder::{parse_device_file, sync_folder, FolderFile, TEST_FOLDER};
pub use query::{poll, Found, Role, DEFAULT_TIMEOUT};
pub use server::{host_of, Outside, Server, BROWSER_BACKGROUND_HOSTS};
pub use stored::{packed_bucket, records_in, StoredRecord};
pub use timing::median;

/// Folder where screenshots go: `tests/e2e/artifacts/` (gitignored).
pub fn artifacts_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts")
}

/// Starts a [`Server`] for `$WAYFINDER_DIST` and a [`Browser`] with default options pointed
/// at it. The usual first line of a test.
pub async fn start() -> Result<(Server, Browser)> {
    start_with(BrowserOptions::default()).await
}

/// Like [`start`], with browser options (e.g. the [`MOBILE`] window size).
pub async fn start_with(options: BrowserOptions) -> Result<(Server, Browser)> {
    let server = Server::start(&env::dist()?)?;
    let browser = Browser::launch_with(&server, options).await?;
    Ok((server, browser))
}

/// Lists items one per line, indented, for failure messages.
pub fn lines<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|u| format!("  {}", u.as_ref()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fails unless every request stayed on the server's origin: what the page asked for
/// (from DevTools) must all be same-origin, and what reached the proxy may only add
/// Chromium's own background chatter, which the page log proves the page did not cause.
/// Returns the page's requests, for further checks.
pub async fn ensure_no_foreign_requests(server: &Server, b: &Browser) -> Result<Vec<String>> {
    let origin = format!("{}/", server.origin());
    let page = b.page_requests().await?;
    let foreign: Vec<&String> = page.iter().filter(|u| !u.starts_with(&origin)).collect();
    ensure!(
        foreign.is_empty(),
        "the page requested URLs outside {origin}:\n{}",
        lines(&foreign)
    );
    let outside = server.requests_outside_origin(&page);
    ensure!(
        outside.unexplained.is_empty(),
        "requests left the origin {origin}:\n{}",
        lines(&outside.unexplained)
    );
    if !outside.background.is_empty() {
        println!(
            "ignored {} Chromium background requests (refused by the proxy):\n{}",
            outside.background.len(),
            lines(&outside.background)
        );
    }
    Ok(page)
}
