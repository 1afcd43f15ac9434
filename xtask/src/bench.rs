//! `cargo xtask bench`: figures, never assertions. Runs the storage benchmark
//! (tests/bench.rs) on the release profile in headless Chromium and prints what it
//! measured; then the first paint of a student's home at 4x CPU throttle against a bare
//! Leptos hello-world built the same way (tests/e2e/src/bin/paint.rs); then the
//! first-load sizes.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::tools::{self, path_env, CHROMEDRIVER, CHROMIUM};
use crate::util::{check_args, root, step};

/// `cargo xtask bench`.
pub fn run(args: &[String]) -> Result<(), String> {
    check_args(args, &[], &[])?;
    tools::ensure_build_tools()?;
    tools::ensure_chromium()?;
    step("storage benchmark: a class-year in headless Chromium (release profile)");
    let mut child = Command::new("cargo")
        .current_dir(root())
        .env("PATH", path_env())
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .args([
            "test",
            "--release",
            "-p",
            "wayfinder",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "bench",
            "--",
            "--nocapture",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    let mut figures = Vec::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if let Some(i) = line.find("bench: ") {
                figures.push(line[i + 7..].to_string());
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("the benchmark did not finish ({status})"));
    }
    println!("\nstorage benchmark (class-year, release build, headless Chromium):");
    for f in &figures {
        println!("  {f}");
    }
    if figures.is_empty() {
        return Err("the benchmark printed no figures".into());
    }
    paint()?;
    crate::size::report(&root().join("dist"))
}

/// Builds the hello-world yardstick (xtask/hello) into `dir` with Trunk, release profile
/// and wasm-opt -Oz like the app.
fn build_hello(dir: &std::path::Path) -> Result<(), String> {
    step("building the hello-world yardstick (xtask/hello)");
    let status = Command::new("trunk")
        .current_dir(root().join("xtask/hello"))
        .env("PATH", path_env())
        .args(["build", "--release", "--offline", "--dist"])
        .arg(dir)
        .status()
        .map_err(|e| format!("could not start trunk: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("trunk build of the hello-world failed ({status})"))
    }
}

/// The paint benchmark: app release build and hello-world, then the e2e crate's `paint`
/// program, whose "bench: " lines are printed.
fn paint() -> Result<(), String> {
    let app = root().join("dist");
    crate::dist::build(&app, "/", true)?;
    let hello = root().join("target/hello-dist");
    build_hello(&hello)?;
    step("paint benchmark: first paint at 4x CPU throttle (headless Chromium)");
    let out = Command::new("cargo")
        .current_dir(root())
        .env("PATH", path_env())
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("CHROME", CHROMIUM)
        .env("WAYFINDER_DIST", &app)
        .args([
            "run",
            "--quiet",
            "-p",
            "wayfinder-e2e",
            "--bin",
            "paint",
            "--",
        ])
        .arg(&hello)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let figures: Vec<&str> = text
        .lines()
        .filter_map(|l| l.find("bench: ").map(|i| &l[i + 7..]))
        .collect();
    if !out.status.success() || figures.is_empty() {
        return Err(format!(
            "the paint benchmark did not finish ({})",
            out.status
        ));
    }
    println!("\npaint benchmark (release builds, headless Chromium, 4x CPU throttle):");
    for f in figures {
        println!("  {f}");
    }
    Ok(())
}
