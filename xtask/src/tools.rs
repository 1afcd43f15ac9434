//! Installs what the build and the tests need, only when it is missing.
//!
//! Versions come from ../shared/TOOLCHAIN.md: Trunk 0.21.14 (0.22 needs a newer rustc),
//! wasm-bindgen-cli at exactly Cargo.lock's wasm-bindgen, wasm-opt from npm's binaryen 132
//! (Debian's 108 produces wasm that breaks at start-up), Debian's chromium + driver.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{exec, output, root};

/// The Trunk version that installs with this machine's rustc.
pub const TRUNK_VERSION: &str = "0.21.14";
/// Where Debian puts the browser and its WebDriver.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's chromedriver, matching [`CHROMIUM`].
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("/root/.cargo"));
    home.join("bin")
}

/// xtask/node_modules/.bin, where npm puts wasm-opt.
pub fn node_bin() -> PathBuf {
    root().join("xtask/node_modules/.bin")
}

/// axe-core's browser bundle, injected by the accessibility audit.
pub fn axe_js() -> PathBuf {
    root().join("xtask/node_modules/axe-core/axe.min.js")
}

/// PATH with npm's and cargo's tool folders first, for Trunk and the test runner.
pub fn path_env() -> String {
    let mut parts = vec![node_bin(), cargo_bin()];
    if let Some(old) = std::env::var_os("PATH") {
        parts.extend(std::env::split_paths(&old));
    }
    std::env::join_paths(parts)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn tool(name: &str) -> Command {
    let mut cmd = Command::new(name);
    cmd.env("PATH", path_env());
    cmd
}

fn version_of(name: &str) -> Option<String> {
    output(tool(name).arg("--version")).map(|s| s.trim().to_string())
}

/// The wasm-bindgen version pinned in Cargo.lock (the CLI must match it exactly).
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry; run `cargo generate-lockfile`".into())
}

fn cargo_install(args: &[&str], what: &str) -> Result<(), String> {
    println!("installing {what} with cargo install (this takes a few minutes the first time)");
    exec(
        Command::new("cargo")
            .arg("install")
            .args(args)
            .env("PATH", path_env()),
        &format!("installing {what}"),
    )
    .map_err(|e| {
        format!("{e}\n  cargo could not install {what}. It needs crates.io; check the network and run the command again.")
    })
}

/// The wasm32 target for rustc.
pub fn ensure_wasm_target() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .ok_or("rustup is not available: install Rust with rustup (https://rustup.rs)")?;
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    exec(
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
        "adding the wasm32-unknown-unknown target",
    )
}

/// Trunk at [`TRUNK_VERSION`].
pub fn ensure_trunk() -> Result<(), String> {
    let want = format!("trunk {TRUNK_VERSION}");
    if version_of("trunk").is_some_and(|v| v == want) {
        return Ok(());
    }
    cargo_install(
        &["trunk", "--version", TRUNK_VERSION, "--locked", "--force"],
        &want,
    )
}

/// wasm-bindgen-cli (and its test runner) at Cargo.lock's version. `--locked` is left off
/// on purpose: the registry lacks one dependency version its lock file pins.
pub fn ensure_wasm_bindgen() -> Result<(), String> {
    let version = wasm_bindgen_version()?;
    let want = format!("wasm-bindgen {version}");
    let runner = format!("wasm-bindgen-test-runner {version}");
    if version_of("wasm-bindgen").is_some_and(|v| v == want)
        && version_of("wasm-bindgen-test-runner").is_some_and(|v| v == runner)
    {
        return Ok(());
    }
    cargo_install(
        &["wasm-bindgen-cli", "--version", &version, "--force"],
        &format!("wasm-bindgen-cli {version}"),
    )
}

/// wasm-opt (binaryen 132) and axe-core, from npm into xtask/node_modules.
pub fn ensure_node_tools() -> Result<(), String> {
    let wasm_opt_ok = version_of("wasm-opt").is_some_and(|v| v.contains("version 132"))
        && node_bin().join("wasm-opt").exists();
    if wasm_opt_ok && axe_js().exists() {
        return Ok(());
    }
    if output(Command::new("npm").arg("--version")).is_none() {
        return Err("npm is not installed: install Node.js and npm (e.g. `apt-get install nodejs npm`), then run again".into());
    }
    println!("installing wasm-opt (binaryen 132) and axe-core from npm");
    exec(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(root().join("xtask")),
        "npm ci in xtask/",
    )
    .map_err(|e| {
        format!("{e}\n  npm could not install binaryen and axe-core; it needs the npm registry.")
    })
}

fn exists(p: &str) -> bool {
    Path::new(p).exists()
}

/// Debian's chromium and chromium-driver, installed with apt-get when absent.
pub fn ensure_chromium() -> Result<(), String> {
    if exists(CHROMIUM) && exists(CHROMEDRIVER) {
        return Ok(());
    }
    if output(Command::new("id").arg("-u")).is_none_or(|id| id.trim() != "0") {
        return Err(format!(
            "{CHROMIUM} or {CHROMEDRIVER} is missing and this is not root: run `sudo apt-get install -y chromium chromium-driver`"
        ));
    }
    println!("installing chromium and chromium-driver with apt-get");
    exec(Command::new("apt-get").arg("update"), "apt-get update")?;
    exec(
        Command::new("apt-get")
            .args([
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"),
        "apt-get install chromium chromium-driver",
    )
    .map_err(|e| {
        format!("{e}\n  the browser is needed for the browser, end-to-end and accessibility tests.")
    })?;
    if exists(CHROMIUM) && exists(CHROMEDRIVER) {
        Ok(())
    } else {
        Err(format!(
            "apt-get finished but {CHROMIUM} or {CHROMEDRIVER} is still missing"
        ))
    }
}

/// Everything a build needs.
pub fn ensure_build_tools() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_node_tools()?;
    ensure_wasm_bindgen()?;
    ensure_trunk()
}
