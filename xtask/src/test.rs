//! `cargo xtask test`: every layer of tests, in order, stopping at the first that fails.
//!
//! Ends with one line, `summary: N passed, M failed`, counting each test a layer ran
//! (checks such as fmt, clippy and the release build count as one each).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::dist::build;
use crate::tools::{self, axe_js, path_env, CHROMEDRIVER, CHROMIUM};
use crate::util::{check_args, root, step};

/// Where the sub-path build for the "host anywhere" test goes.
const SUBPATH: &str = "/some/path/";

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    ignored: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.ignored += other.ignored;
    }
}

/// Reads `test result: ok. 3 passed; 0 failed; 1 ignored; …` lines.
fn parse_result_line(line: &str, tally: &mut Tally) {
    let Some(rest) = line.trim().strip_prefix("test result: ") else {
        return;
    };
    for part in rest.split(';') {
        let words: Vec<&str> = part.split_whitespace().collect();
        let (n, what) = match words.as_slice() {
            [.., n, what] => (n.parse::<usize>().unwrap_or(0), *what),
            _ => continue,
        };
        match what {
            "passed" => tally.passed += n,
            "failed" => tally.failed += n,
            "ignored" => tally.ignored += n,
            _ => {}
        }
    }
}

/// Runs a cargo test command, echoing its output and counting its results.
fn cargo_tests(cmd: &mut Command) -> Result<Tally, (Tally, String)> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| (Tally::default(), format!("could not start cargo: {e}")))?;
    let mut tally = Tally::default();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            parse_result_line(&line, &mut tally);
        }
    }
    let status = child
        .wait()
        .map_err(|e| (Tally::default(), format!("cargo did not finish: {e}")))?;
    if !status.success() {
        tally.failed = tally.failed.max(1);
        return Err((tally, format!("exited with {status}")));
    }
    if tally.passed == 0 {
        return Err((tally, "ran no test at all".into()));
    }
    if tally.ignored > 0 {
        return Err((
            tally,
            "some tests were ignored; nothing may be skipped".into(),
        ));
    }
    Ok(tally)
}

/// A check that passes or fails as a whole (fmt, clippy, a build).
fn check(ok: Result<(), String>) -> Result<Tally, (Tally, String)> {
    match ok {
        Ok(()) => Ok(Tally {
            passed: 1,
            ..Tally::default()
        }),
        Err(e) => Err((
            Tally {
                failed: 1,
                ..Tally::default()
            },
            e,
        )),
    }
}

fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root()).env("PATH", path_env()).args(args);
    cmd
}

fn status_of(mut cmd: Command) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("could not start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("exited with {status}"))
    }
}

fn browser_env(cmd: &mut Command, dist: &Path, subpath_dist: &Path) {
    cmd.env("CHROMEDRIVER", CHROMEDRIVER)
        .env("CHROME", CHROMIUM)
        .env("WAYFINDER_DIST", dist)
        .env("WAYFINDER_DIST_SUBPATH", subpath_dist)
        .env("WAYFINDER_AXE", axe_js());
}

type Layer<'a> = (
    &'a str,
    &'a str,
    Box<dyn Fn() -> Result<Tally, (Tally, String)> + 'a>,
);

/// `cargo xtask test`.
pub fn run(args: &[String]) -> Result<(), String> {
    check_args(args, &[], &[])?;
    let started = Instant::now();
    step("installing what is missing");
    let setup = tools::ensure_build_tools().and_then(|()| tools::ensure_chromium());
    if let Err(e) = setup {
        println!("\nFAILED: setup: {e}");
        finish(&Tally {
            failed: 1,
            ..Tally::default()
        });
    }

    let dist = root().join("dist");
    let subpath_dist = root().join("target/dist-subpath");
    let layers: Vec<Layer> = vec![
        (
            "format (cargo fmt --check)",
            "run `cargo fmt --all` and commit the result",
            Box::new(|| check(status_of(cargo(&["fmt", "--all", "--", "--check"])))),
        ),
        (
            "lint, host (cargo clippy -D warnings)",
            "fix the clippy warnings above",
            Box::new(|| {
                check(status_of(cargo(&[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ])))
            }),
        ),
        (
            "lint, wasm32 (cargo clippy -D warnings)",
            "fix the clippy warnings above (wasm32 target)",
            Box::new(|| {
                check(status_of(cargo(&[
                    "clippy",
                    "-p",
                    "wayfinder",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--lib",
                    "--bins",
                    "--test",
                    "browser",
                    "--test",
                    "bench",
                    "--",
                    "-D",
                    "warnings",
                ])))
            }),
        ),
        (
            "host unit tests (cargo test)",
            "a pure-Rust test failed; see above",
            Box::new(|| {
                let mut t = cargo_tests(&mut cargo(&["test", "-p", "wayfinder-domain"]))?;
                t.add(&cargo_tests(&mut cargo(&["test", "-p", "wayfinder-read"]))?);
                t.add(&cargo_tests(&mut cargo(&[
                    "test",
                    "-p",
                    "wayfinder",
                    "--lib",
                ]))?);
                t.add(&cargo_tests(&mut cargo(&["test", "-p", "xtask"]))?);
                Ok(t)
            }),
        ),
        (
            "browser unit tests (wasm-bindgen-test in headless Chromium)",
            "a browser-side test failed; see above",
            Box::new(|| {
                let mut cmd = cargo(&[
                    "test",
                    "-p",
                    "wayfinder",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--test",
                    "browser",
                ]);
                cmd.env("CHROMEDRIVER", CHROMEDRIVER).env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    "wasm-bindgen-test-runner",
                );
                cargo_tests(&mut cmd)
            }),
        ),
        (
            "release build (trunk build --release --offline)",
            "the release build failed; see above",
            Box::new(|| {
                check(build(&dist, "/", true).and_then(|()| build(&subpath_dist, SUBPATH, true)))
            }),
        ),
        (
            "end-to-end tests (release build in headless Chromium via WebDriver)",
            "an end-to-end test failed; screenshots are in tests/e2e/artifacts/",
            Box::new(|| {
                let mut args = vec!["test", "-p", "wayfinder-e2e", "--lib"];
                let suites = e2e_suites().map_err(|e| (Tally::default(), e))?;
                for suite in &suites {
                    args.extend(["--test", suite.as_str()]);
                }
                args.extend(["--", "--test-threads=1"]);
                let mut cmd = cargo(&args);
                browser_env(&mut cmd, &dist, &subpath_dist);
                cargo_tests(&mut cmd)
            }),
        ),
        (
            "accessibility audit (axe-core on every route)",
            "axe-core found violations; they are printed above",
            Box::new(|| {
                let mut cmd = cargo(&[
                    "test",
                    "-p",
                    "wayfinder-e2e",
                    "--test",
                    "a11y",
                    "--",
                    "--test-threads=1",
                ]);
                browser_env(&mut cmd, &dist, &subpath_dist);
                cargo_tests(&mut cmd)
            }),
        ),
    ];

    let mut total = Tally::default();
    for (name, hint, layer) in &layers {
        step(name);
        let layer_start = Instant::now();
        match layer() {
            Ok(t) => {
                println!(
                    "--- {name}: {} passed ({:.0?})",
                    t.passed,
                    layer_start.elapsed()
                );
                total.add(&t);
            }
            Err((t, why)) => {
                total.add(&t);
                total.failed = total.failed.max(1);
                println!("\nFAILED: {name}: {why}\n  {hint}\n");
                finish(&total);
            }
        }
    }
    println!("\nall layers passed in {:.0?}", started.elapsed());
    finish(&total)
}

/// Prints the one summary line last and exits: non-zero when anything failed.
fn finish(total: &Tally) -> ! {
    println!("summary: {} passed, {} failed", total.passed, total.failed);
    std::process::exit(if total.failed == 0 { 0 } else { 1 })
}

/// Every end-to-end suite in tests/e2e/tests/ except the accessibility audit, which is
/// its own layer: a new suite runs without anyone remembering to list it here.
fn e2e_suites() -> Result<Vec<String>, String> {
    let dir = root().join("tests/e2e/tests");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut suites: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".rs").map(str::to_string)
        })
        .filter(|s| s != "a11y")
        .collect();
    suites.sort();
    if suites.is_empty() {
        return Err(format!("no end-to-end suites in {}", dir.display()));
    }
    Ok(suites)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines_are_counted() {
        let mut t = Tally::default();
        parse_result_line("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s", &mut t);
        parse_result_line("test result: FAILED. 3 passed; 2 failed; 0 ignored", &mut t);
        parse_result_line("running 4 tests", &mut t);
        assert_eq!((t.passed, t.failed, t.ignored), (15, 2, 1));
    }
}
