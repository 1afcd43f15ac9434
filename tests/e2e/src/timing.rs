//! When the first heading appears: the figure the offline suite and the paint benchmark
//! report (never asserted on: timing belongs to `cargo xtask bench`).

use std::time::Duration;

use serde_json::json;

use crate::{ensure, Browser, Result};

impl Browser {
    /// Installs (once per browser tab) a script that runs at the start of every document
    /// and records `performance.now()` (milliseconds since navigation start) at the moment
    /// an `<h1>` with text first appears, in `window.__e2eH1At`.
    pub async fn record_h1_time(&self) -> Result<()> {
        let source = r#"
            (() => {
              const seen = () => {
                const h = document.querySelector('h1');
                if (h && h.textContent.trim() && window.__e2eH1At === undefined) {
                  window.__e2eH1At = performance.now();
                  window.__e2eH1Text = h.textContent.trim();
                }
                return window.__e2eH1At !== undefined;
              };
              if (seen()) return;
              const obs = new MutationObserver(() => { if (seen()) obs.disconnect(); });
              obs.observe(document, { childList: true, subtree: true, characterData: true });
            })();
        "#;
        self.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": source }),
        )
        .await?;
        Ok(())
    }

    /// Milliseconds from navigation start to the first `<h1>` with text, which must be
    /// `h1` (needs [`Browser::record_h1_time`] first).
    pub async fn h1_time(&self, h1: &str) -> Result<f64> {
        self.wait_for_heading(1, h1).await?;
        let v = self
            .wait_for_js(
                "the h1 timing recorded by the start-of-document script",
                "window.__e2eH1At !== undefined && [window.__e2eH1At, window.__e2eH1Text]",
                Duration::from_secs(30),
            )
            .await?;
        let (ms, text): (f64, String) = serde_json::from_value(v)?;
        ensure!(
            text == h1,
            "the first h1 to appear was {text:?}, expected {h1:?}"
        );
        Ok(ms)
    }

    /// Slows the page's CPU by `rate` (1 = normal) through the DevTools protocol.
    pub async fn throttle_cpu(&self, rate: f64) -> Result<()> {
        self.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": rate }))
            .await?;
        Ok(())
    }
}

/// The median of `xs` (NaN when empty).
pub fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        f64::NAN
    } else {
        v[v.len() / 2]
    }
}
