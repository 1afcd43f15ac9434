//! `cargo xtask bench` (part): how soon a student's home is painted at 4x CPU throttle,
//! against a bare Leptos hello-world built the same way. Fingerprints figures, asserts nothing.
//!
//! Usage: `WAYFINDER_DIST=<app dist> paint <hello-world dist>`.

use std::path::PathBuf;

use wayfinder_e2e::{env, median, Browser, BrowserOptions, Error, Result, Server};

const RUNS: usize = 5;
const THROTTLE: f64 = 4.0;

fn ms(xs: &[f64]) -> String {
    xs.iter()
        .map(|x| format!("{x:.0}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// First load in a fresh browser, then `RUNS` reloads; all throttled. Returns (first,
/// reloads).
async fn measure(dist: &std::path::Path, path: &str, h1: &str) -> Result<(f64, Vec<f64>)> {
    let server = Server::start(dist)?;
    let b = Browser::launch_with(&server, BrowserOptions::default()).await?;
    b.throttle_cpu(THROTTLE).await?;
    b.record_h1_time().await?;
    b.goto(path).await?;
    let first = b.h1_time(h1).await?;
    let mut reloads = Vec::new();
    for _ in 0..RUNS {
        b.reload().await?;
        reloads.push(b.h1_time(h1).await?);
    }
    b.close().await?;
    Ok((first, reloads))
}

/// The student's home, reloaded: the sample class is made and a student chosen at full
/// speed first, then the CPU is throttled.
async fn student_home(dist: &std::path::Path) -> Result<(String, Vec<f64>)> {
    let server = Server::start(dist)?;
    let b = Browser::launch_with(&server, BrowserOptions::default()).await?;
    b.try_sample_class().await?;
    b.goto("/student").await?;
    b.wait_for_heading(1, "Which one is you?").await?;
    let names = b.texts(".profile-name").await?;
    let first = names
        .first()
        .cloned()
        .ok_or_else(|| Error::msg("the sample class has no students"))?;
    b.choose_student(&first).await?;
    let h1 = format!("Hi, {first}");
    b.wait_for_heading(1, &h1).await?;
    b.throttle_cpu(THROTTLE).await?;
    b.record_h1_time().await?;
    let mut reloads = Vec::new();
    for _ in 0..RUNS {
        b.reload().await?;
        reloads.push(b.h1_time(&h1).await?);
    }
    b.close().await?;
    Ok((h1, reloads))
}

async fn run() -> Result<()> {
    let hello = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| Error::msg("usage: paint <hello-world dist folder>"))?;
    let app = env::dist()?;
    let (hello_first, hello_reloads) = measure(&hello, "/", "Hello, world").await?;
    let (app_first, app_start_reloads) = measure(&app, "/", "Who's using Wayfinder?").await?;
    let (h1, home_reloads) = student_home(&app).await?;
    let (hm, sm) = (median(&hello_reloads), median(&home_reloads));
    println!(
        "bench: first paint at {THROTTLE}x CPU throttle, hello-world (bare Leptos, same build): first load {hello_first:.0} ms, reload median {hm:.0} ms [{}]",
        ms(&hello_reloads)
    );
    println!(
        "bench: first paint at {THROTTLE}x CPU throttle, Wayfinder start page: first load {app_first:.0} ms (x{:.2} of hello-world), reload median {:.0} ms [{}]",
        app_first / hello_first,
        median(&app_start_reloads),
        ms(&app_start_reloads)
    );
    println!(
        "bench: first paint at {THROTTLE}x CPU throttle, a student's home (\"{h1}\", sample class): reload median {sm:.0} ms [{}], x{:.2} of hello-world (aim: at most x1.5)",
        ms(&home_reloads),
        sm / hm
    );
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("paint benchmark failed: {e}");
        std::process::exit(1);
    }
}
