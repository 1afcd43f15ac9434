//! axe-core accessibility audits, injected through WebDriver.
//!
//! The app's Content-Security-Policy forbids inline scripts, but scripts run through
//! WebDriver's `execute` are evaluated by the browser's automation interface, outside the
//! page's CSP, so the audit sees the page exactly as shipped.

use crate::{env, Client, Error, Result};
use serde::Deserialize;
use serde_json::{json, Value};
use std::fmt;

/// The WCAG levels audited: A and AA of WCAG 2.0 and 2.1.
pub const AXE_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// One failed axe rule.
#[derive(Clone, Debug, Deserialize)]
pub struct Violation {
    /// Rule id, e.g. `color-contrast`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: Option<String>,
    /// One-line description of the rule.
    pub help: String,
    /// Deque's page about the rule.
    #[serde(rename = "helpUrl")]
    pub help_url: String,
    /// The elements that fail it.
    pub nodes: Vec<ViolationNode>,
}

/// One element failing a rule.
#[derive(Clone, Debug, Deserialize)]
pub struct ViolationNode {
    /// CSS selectors of the element (more than one when inside frames or shadow roots).
    pub target: Vec<String>,
    /// The element's opening HTML, as axe reports it.
    pub html: String,
    /// What to fix.
    #[serde(rename = "failureSummary")]
    pub failure_summary: Option<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "[{}] {}: {} ({})",
            self.impact.as_deref().unwrap_or("?"),
            self.id,
            self.help,
            self.help_url
        )?;
        for node in &self.nodes {
            writeln!(f, "    at {}  {}", node.target.join(" >> "), node.html)?;
            if let Some(summary) = &node.failure_summary {
                for line in summary.lines() {
                    writeln!(f, "       {line}")?;
                }
            }
        }
        Ok(())
    }
}

/// All violations as one printable block ("no violations" when empty).
pub fn format_violations(violations: &[Violation]) -> String {
    if violations.is_empty() {
        return "no violations".to_string();
    }
    violations.iter().map(|v| v.to_string()).collect()
}

/// Injects `$WAYFINDER_AXE` into the current page (once) and runs the WCAG 2.1 A/AA rules
/// on the whole document.
pub async fn axe_audit(client: &Client) -> Result<Vec<Violation>> {
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await?;
    if loaded != Value::Bool(true) {
        let path = env::axe()?;
        let source = std::fs::read_to_string(&path)
            .map_err(|e| Error(format!("reading {}: {e}", path.display())))?;
        // axe's UMD wrapper sets `window.axe` when there is no `module`; the function
        // scope WebDriver wraps the script in changes nothing about that.
        client.execute(&source, vec![]).await?;
        let loaded = client
            .execute("return typeof window.axe === 'object';", vec![])
            .await?;
        if loaded != Value::Bool(true) {
            return Err(Error(format!(
                "injected {} but window.axe is not defined afterwards",
                path.display()
            )));
        }
    }
    let script = r#"
        const done = arguments[arguments.length - 1];
        const tags = arguments[0];
        window.axe
          .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
          .then((r) => done({ ok: r.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
              nodes: v.nodes.map((n) => ({
                target: n.target.map((t) => Array.isArray(t) ? t.join(' ') : String(t)),
                html: n.html, failureSummary: n.failureSummary,
              })),
            })) }))
          .catch((e) => done({ error: String(e && e.stack || e) }));
    "#;
    let out = client.execute_async(script, vec![json!(AXE_TAGS)]).await?;
    if let Some(err) = out.get("error") {
        return Err(Error(format!("axe.run failed: {err}")));
    }
    Ok(serde_json::from_value(out["ok"].clone())?)
}

/// Fails with the violations listed when axe-core finds anything on the screen as it is
/// now; `what` names the screen in the message.
pub async fn no_axe_violations(client: &Client, what: &str) -> Result<()> {
    let v = axe_audit(client).await?;
    if v.is_empty() {
        Ok(())
    } else {
        Err(crate::Error(format!(
            "axe-core found problems on {what}:\n{}",
            format_violations(&v)
        )))
    }
}
