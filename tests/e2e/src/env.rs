//! The environment variables the tests read.
//!
//! | variable | meaning | default |
//! | --- | --- | --- |
//! | `WAYFINDER_DIST` | folder with `index.html` of the release build | none: required |
//! | `WAYFINDER_DIST_SUBPATH` | a second build made with `--public-url /some/path/` | none: required by the sub-path test |
//! | `WAYFINDER_AXE` | path to `axe.min.js` from the npm package `axe-core` | none: required by the a11y tests |
//! | `CHROMEDRIVER` | chromedriver binary | `/usr/bin/chromedriver` |
//! | `CHROME` | Chromium binary | `/usr/bin/chromium` |
//!
//! A missing variable or file is an [`Error`] naming it; tests never skip themselves.

use crate::{Error, Result};
use std::path::PathBuf;

/// The path prefix the sub-path build is made for (`trunk build --public-url /some/path/`).
pub const SUBPATH_PREFIX: &str = "/some/path/";

fn required(var: &str, what: &str) -> Result<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() => Ok(PathBuf::from(v)),
        _ => Err(Error(format!(
            "environment variable {var} is not set: it must point at {what}"
        ))),
    }
}

fn with_default(var: &str, default: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => PathBuf::from(default),
    }
}

fn existing_file(var: &str, path: PathBuf) -> Result<PathBuf> {
    if path.is_file() {
        Ok(path)
    } else {
        Err(Error(format!(
            "{var}={} does not exist or is not a file",
            path.display()
        )))
    }
}

fn dist_dir(var: &str, what: &str) -> Result<PathBuf> {
    let dir = required(var, what)?;
    if dir.join("index.html").is_file() {
        Ok(dir)
    } else {
        Err(Error(format!(
            "{var}={} has no index.html: build the app first (it must point at {what})",
            dir.display()
        )))
    }
}

/// `$WAYFINDER_DIST`: the release build's folder.
pub fn dist() -> Result<PathBuf> {
    dist_dir(
        "WAYFINDER_DIST",
        "the release build's dist folder (e.g. /work/main/dist)",
    )
}

/// `$WAYFINDER_DIST_SUBPATH`: a build made with `--public-url /some/path/`.
pub fn dist_subpath() -> Result<PathBuf> {
    dist_dir(
        "WAYFINDER_DIST_SUBPATH",
        "a second release build made with `trunk build --release --public-url /some/path/`",
    )
}

/// `$WAYFINDER_AXE`: `axe.min.js` from the npm package `axe-core`.
pub fn axe() -> Result<PathBuf> {
    let path = required(
        "WAYFINDER_AXE",
        "axe.min.js from the npm package axe-core (node_modules/axe-core/axe.min.js)",
    )?;
    existing_file("WAYFINDER_AXE", path)
}

/// `$CHROMEDRIVER`, default `/usr/bin/chromedriver`.
pub fn chromedriver() -> Result<PathBuf> {
    existing_file(
        "CHROMEDRIVER",
        with_default("CHROMEDRIVER", "/usr/bin/chromedriver"),
    )
}

/// `$CHROME`, default `/usr/bin/chromium`.
pub fn chrome() -> Result<PathBuf> {
    existing_file("CHROME", with_default("CHROME", "/usr/bin/chromium"))
}
