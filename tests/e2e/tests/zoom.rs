//! 200% zoom: at 1366x768 with the browser zoomed to 200%, pages lay out in a 683x384 CSS
//! viewport. Every screen, filled with the sample class, must then fit the width (no
//! sideways scroll of the page), pass axe-core, and is photographed whole for a person to
//! look at (tests/e2e/artifacts/zoom-*.png).

use wayfinder_e2e::{ensure, no_axe_violations, start, Browser, Result, Role};

/// 1366x768 at 200% zoom, in CSS pixels.
const ZOOMED: (u32, u32) = (683, 384);

/// The href of the first link whose path starts with `prefix` and has one more segment.
async fn first_link_under(b: &Browser, prefix: &str) -> Result<String> {
    let v = b
        .execute(
            "return [...document.querySelectorAll('a[href]')]
                .map((a) => new URL(a.href).pathname)
                .find((p) => p.startsWith(arguments[0]) && p.length > arguments[0].length
                    && !p.slice(arguments[0].length).includes('/')) || '';",
            vec![prefix.into()],
        )
        .await?;
    let href = v.as_str().unwrap_or("").to_string();
    ensure!(!href.is_empty(), "no link under {prefix}");
    Ok(href)
}

/// Opens `path`, waits for its h1 (`h1`, or any when empty), then checks and photographs it.
async fn check(b: &Browser, path: &str, h1: &str, shot: &str) -> Result<()> {
    b.goto(path).await?;
    if h1.is_empty() {
        b.wait_for_role(Role::Heading(1), "").await.ok();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    } else {
        b.wait_for_heading(1, h1).await?;
    }
    b.full_page_screenshot(&format!("zoom-{shot}")).await?;
    b.no_sideways_scroll(&format!("{path} at 200% zoom"))
        .await?;
    no_axe_violations(b, &format!("{path} at 200% zoom")).await?;
    Ok(())
}

#[tokio::test]
async fn every_filled_screen_works_at_200_percent_zoom() -> Result<()> {
    let (_server, b) = start().await?;
    b.fit_viewport(ZOOMED.0, ZOOMED.1).await?;
    b.try_sample_class().await?;

    // The teacher's screens.
    check(&b, "/", "Who's using Wayfinder?", "start").await?;
    check(&b, "/teacher", "", "teacher-home").await?;
    let student_page = first_link_under(&b, "/teacher/students/").await.ok();
    check(&b, "/teacher/review", "Review queue", "review").await?;
    check(&b, "/teacher/units", "Units", "units").await?;
    let unit = first_link_under(&b, "/teacher/units/").await?;
    check(&b, &unit, "", "unit").await?;
    check(&b, "/teacher/dashboard", "", "dashboard").await?;
    if let Some(page) = student_page {
        check(&b, &page, "", "teacher-student").await?;
    }
    check(&b, "/data", "Your data on this device", "data").await?;
    check(&b, "/family", "", "family").await?;

    // A student's screens.
    b.switch_person().await?;
    b.goto("/student").await?;
    b.wait_for_heading(1, "Which one is you?").await?;
    let first = b
        .texts(".profile-name")
        .await?
        .first()
        .cloned()
        .unwrap_or_default();
    let home = b.choose_student(&first).await?;
    check(&b, &home, &format!("Hi, {first}"), "student-home").await?;
    for (part, h1) in [
        ("path", "My path"),
        ("goals", "My goals"),
        ("progress", "My progress"),
        ("me", "All about me"),
    ] {
        check(
            &b,
            &format!("{home}/{part}"),
            h1,
            &format!("student-{part}"),
        )
        .await?;
    }
    Ok(())
}
