//! The page holds still: once painted, nothing moves the main area or what is in it
//! (Cumulative Layout Shift, read from the browser's own layout-shift entries), on the
//! start page and the class dashboard, at 1366x768 and on a phone.

use wayfinder_e2e::{ensure, start_with, Browser, BrowserOptions, Result, DESKTOP, MOBILE};

/// The layout shifts since the page loaded (not caused by input): their sum and, for
/// each, the elements that moved.
async fn layout_shifts(b: &Browser) -> Result<(f64, Vec<String>)> {
    let v = b
        .eval_async(
            "const entries = await new Promise((resolve) => {
               const seen = [];
               new PerformanceObserver((l) => seen.push(...l.getEntries()))
                 .observe({ type: 'layout-shift', buffered: true });
               requestAnimationFrame(() => requestAnimationFrame(() => resolve(seen)));
             });
             const name = (n) => !n ? '?' : n.nodeType !== 1 ? n.nodeName
               : n.tagName.toLowerCase() + (n.id ? '#' + n.id : '')
                 + (n.className && typeof n.className === 'string' ? '.' + n.className.split(' ').join('.') : '');
             const shifts = entries.filter((e) => !e.hadRecentInput);
             return [shifts.reduce((s, e) => s + e.value, 0),
                     shifts.map((e) => e.value.toFixed(3) + ': ' + (e.sources || []).map((s) => name(s.node)).join(', '))];",
        )
        .await?;
    let total = v[0].as_f64().unwrap_or(0.0);
    let what = serde_json::from_value(v[1].clone())?;
    Ok((total, what))
}

async fn holds_still(size: (u32, u32)) -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(size)).await?;
    b.goto("/").await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    let (total, what) = layout_shifts(&b).await?;
    ensure!(
        total < 0.01,
        "the start page shifts after it is painted (CLS {total:.3}):\n  {}",
        what.join("\n  ")
    );
    b.try_sample_class().await?;
    b.goto("/teacher/dashboard").await?;
    b.wait_for_heading(1, "Class dashboard").await?;
    b.wait_for_heading(2, "Students and targets").await?;
    let (total, what) = layout_shifts(&b).await?;
    ensure!(
        total < 0.01,
        "the dashboard shifts after it is painted (CLS {total:.3}):\n  {}",
        what.join("\n  ")
    );
    Ok(())
}

#[tokio::test]
async fn pages_hold_still_once_painted_on_desktop() -> Result<()> {
    holds_still(DESKTOP).await
}

#[tokio::test]
async fn pages_hold_still_once_painted_on_a_phone() -> Result<()> {
    holds_still(MOBILE).await
}
