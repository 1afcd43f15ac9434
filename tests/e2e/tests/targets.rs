//! Touch targets: on the screens of a first week (the start page, the teacher's home
//! with the roster, the review queue, a choice board, a student's path and progress),
//! every control a finger must hit is at least 44x44 px, or its label is; at 1366x768
//! and on a phone.

use wayfinder_e2e::{ensure, start_with, Browser, BrowserOptions, Result, Role, DESKTOP, MOBILE};

/// Fails with the list of controls under 44 px on the page now.
async fn no_small_targets(b: &Browser, what: &str) -> Result<()> {
    let small = b.small_targets().await?;
    ensure!(
        small.is_empty(),
        "{what}: {} controls are under 44x44 px:\n  {}",
        small.len(),
        small.join("\n  ")
    );
    Ok(())
}

/// The `href` of the first link matching `css`.
async fn first_href(b: &Browser, css: &str) -> Result<String> {
    let v = b
        .execute(
            "const a = document.querySelector(arguments[0]); return a ? a.getAttribute('href') : '';",
            vec![css.into()],
        )
        .await?;
    let href = v.as_str().unwrap_or_default().to_string();
    ensure!(!href.is_empty(), "no link matches {css}");
    Ok(href)
}

async fn every_first_week_screen(size: (u32, u32), tag: &str) -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(size)).await?;
    b.goto("/").await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    no_small_targets(&b, "the start page").await?;

    b.try_sample_class().await?;
    b.wait_for_role(Role::Heading(1), "Teacher workspace")
        .await?;
    no_small_targets(&b, "the teacher's home with the roster").await?;

    b.goto("/teacher/review").await?;
    b.wait_for_heading(2, "Waiting for you").await?;
    no_small_targets(&b, "the review queue").await?;

    b.goto("/teacher/units").await?;
    b.wait_for_heading(2, "Your units").await?;
    let unit = first_href(&b, "main a[href*='/teacher/units/']").await?;
    b.goto(&unit).await?;
    b.wait_for_heading(2, "Choice board").await?;
    b.screenshot(&format!("targets-unit-{tag}")).await?;
    no_small_targets(&b, "a choice board").await?;

    b.goto("/student").await?;
    b.wait_for_heading(1, "Which one is you?").await?;
    let me = first_href(&b, "a.profile-card").await?;
    b.find(fantoccini::Locator::Css("a.profile-card"))
        .await?
        .click()
        .await?;
    b.wait_for_path(&me).await?;
    b.goto(&format!("{me}/path")).await?;
    b.wait_for_heading(1, "My path").await?;
    b.screenshot(&format!("targets-path-{tag}")).await?;
    no_small_targets(&b, "a student's path").await?;

    b.goto(&format!("{me}/progress")).await?;
    b.wait_for_heading(1, "My progress").await?;
    b.screenshot(&format!("targets-progress-{tag}")).await?;
    no_small_targets(&b, "a student's progress").await?;
    Ok(())
}

#[tokio::test]
async fn every_control_is_big_enough_to_touch_on_desktop() -> Result<()> {
    every_first_week_screen(DESKTOP, "desktop").await
}

#[tokio::test]
async fn every_control_is_big_enough_to_touch_on_a_phone() -> Result<()> {
    every_first_week_screen(MOBILE, "mobile").await
}
