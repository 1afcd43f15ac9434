//! `cargo xtask bench`: figures, never assertions. Runs the storage benchmark
//! (tests/bench.rs) on the release profile in headless Chromium and prints what it
//! measured, then the first-load sizes.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::tools::{self, path_env, CHROMEDRIVER};
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
    crate::size::run(&[])
}
