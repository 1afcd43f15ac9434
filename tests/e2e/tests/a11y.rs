//! Accessibility audit: axe-core's WCAG 2.1 A/AA rules on every route, at desktop and
//! phone sizes, plus a screenshot of each in `tests/e2e/artifacts/` for a person to look at.
//!
//! Needs `WAYFINDER_AXE` (axe.min.js from the npm package axe-core) besides `WAYFINDER_DIST`.

use wayfinder_e2e::{
    axe_audit, env, format_violations, start_with, BrowserOptions, Result, Role, DESKTOP, MOBILE,
};

/// Every screen to audit: (path, the h1 that shows it has rendered, screenshot name).
/// Add new screens here.
const ROUTES: &[(&str, &str, &str)] = &[
    ("/", "Who's using Wayfinder?", "start"),
    ("/student", "Which one is you?", "student"),
    ("/teacher/review", "Review queue", "review"),
    (
        "/student/AAAAAAAAAAAAAAAAAAAAAA",
        "We couldn't find you",
        "student-missing",
    ),
    ("/teacher", "Teacher workspace", "teacher"),
    ("/family", "Family view", "family"),
    ("/data", "Your data on this device", "data"),
    ("/no-such-page", "Page not found", "not-found"),
];

async fn audit_all_routes(size: (u32, u32), label: &str) -> Result<()> {
    // Fail early and clearly when axe is not configured, before starting a browser.
    env::axe()?;
    let (_server, b) = start_with(BrowserOptions::size(size)).await?;
    let mut failures = Vec::new();
    for (path, h1, shot) in ROUTES {
        b.goto(path).await?;
        b.wait_for_role(Role::Heading(1), h1).await?;
        let png = b.screenshot(&format!("{shot}-{label}")).await?;
        let violations = axe_audit(&b).await?;
        println!(
            "{path} at {}x{} ({}): {}",
            size.0,
            size.1,
            png.display(),
            format_violations(&violations)
        );
        if !violations.is_empty() {
            failures.push(format!(
                "{path} at {}x{}:\n{}",
                size.0,
                size.1,
                format_violations(&violations)
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(wayfinder_e2e::Error(format!(
            "axe found WCAG 2.1 A/AA violations:\n{}",
            failures.join("\n")
        )))
    }
}

#[tokio::test]
async fn every_route_passes_axe_on_desktop() -> Result<()> {
    audit_all_routes(DESKTOP, "desktop").await
}

#[tokio::test]
async fn every_route_passes_axe_on_a_phone() -> Result<()> {
    audit_all_routes(MOBILE, "mobile").await
}
