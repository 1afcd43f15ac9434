//! `cargo xtask <command>`: everything the project needs, from a fresh machine.
//!
//! Each command installs what is missing first (idempotently, quietly when present),
//! then does its job. See README.md.

mod bench;
mod dist;
mod serve;
mod size;
mod test;
mod tools;
mod util;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  serve [--port N] [--host ADDR] [--dev]   build and serve on http://127.0.0.1:8080
  test                                     install what is missing, run every test layer
  dist [--public-url /path/] [--dev]       build release files into dist/
  size                                     print wasm, JS and CSS sizes (raw, gzip, brotli)
  bench                                    storage figures for a class-year in headless Chromium
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("dist") => dist::run(&args[1..]),
        Some("size") => size::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nerror: {message}");
            ExitCode::FAILURE
        }
    }
}
