//! Fixtures made with the app's own library (the sample class, its storage layout, a
//! known device), and the scenario wrapper that leaves a screenshot when a test fails:
//! shared by the suites that seed storage before they start.

use std::future::Future;

use wayfinder::domain::sample::demo_class;
use wayfinder::domain::{ClassData, Day};
use wayfinder::storage::records::{raw_dump, save_all, LastRead, META_KEY};
use wayfinder::storage::{MemoryBackend, SCHEMA_VERSION};

use crate::{start, Browser, Error, Result};

/// The sample class a teacher can try, as of 1 November 2026.
pub fn demo(seed: u64) -> ClassData {
    let day = Day::from_ymd(2026, 11, 1).expect("a valid day");
    demo_class(seed, day, "fixture")
}

/// Device metadata of the current schema, with a known device id.
pub fn seeded_meta() -> String {
    format!(r#"{{"app":"wayfinder","v":{SCHEMA_VERSION},"data":{{"d":"e2eseed1"}}}}"#)
}

/// The localStorage keys and values the app writes for `data` (its own record layout).
pub fn stored_layout(data: &ClassData) -> Vec<(String, String)> {
    let backend = MemoryBackend::default();
    save_all(&backend, data, &mut LastRead::default()).expect("writing to memory");
    raw_dump(&backend).expect("reading memory")
}

/// Runs a scenario in a fresh server and browser; when it fails, saves the screenshot
/// `<name>-failure` and names it in the error.
pub async fn scenario<F, Fut>(name: &str, body: F) -> Result<()>
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = (Browser, Result<()>)>,
{
    let (_server, b) = start().await?;
    let (b, outcome) = body(b).await;
    match outcome {
        Ok(()) => Ok(()),
        Err(e) => {
            let shot = match b.screenshot(&format!("{name}-failure")).await {
                Ok(p) => format!("screenshot: {}", p.display()),
                Err(s) => format!("no screenshot: {s}"),
            };
            Err(Error(format!("{e}\n{shot}")))
        }
    }
}

impl Browser {
    /// Puts `data` in localStorage in the app's own layout (as the app itself would have
    /// saved it), with the device metadata `meta`, then reloads so the app reads it.
    pub async fn seed_class(&self, data: &ClassData, meta: &str) -> Result<()> {
        let mut items = stored_layout(data);
        items.push((META_KEY.to_string(), meta.to_string()));
        self.goto("/").await?;
        self.wait_for_heading(1, "Who's using Wayfinder?").await?;
        self.execute(
            "for (const [k, v] of arguments[0]) window.localStorage.setItem(k, v);",
            vec![serde_json::json!(items)],
        )
        .await?;
        self.reload().await?;
        self.wait_for_heading(1, "Who's using Wayfinder?").await?;
        Ok(())
    }
}
