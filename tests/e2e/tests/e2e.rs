//! The foundation's end-to-end tests: the release build in headless Chromium.
//!
//! Each test starts its own server and browser, so they are independent and run in any
//! order, in parallel or with `--test-threads=1`. Configuration: see `wayfinder_e2e::env`.

use wayfinder_e2e::{
    ensure, ensure_no_foreign_requests, env, lines, start, Browser, Result, Role, Server,
};

/// Every route of the foundation and the h1 it must show.
const ROUTES: &[(&str, &str)] = &[
    ("/", "Who's using Wayfinder?"),
    ("/student", "Which one is you?"),
    ("/teacher", "Teacher workspace"),
    ("/family", "Family view"),
    ("/data", "Your data on this device"),
    ("/no-such-page", "Page not found"),
];

const PREFS_KEY: &str = "wayfinder:prefs";

/// The parts every page shares: skip link first in focus order and aimed at `<main
/// id="main">`, a banner with the "Wayfinder" home link, the "Main" navigation with
/// "Switch person", exactly one h1, and the title "<h1> · Wayfinder".
/// Call it right after `goto`: it presses Tab once, expecting focus at the page start.
async fn check_page_frame(b: &Browser, h1: &str) -> Result<()> {
    b.wait_for_heading(1, h1).await?;
    let h1s = b.heading_names(1).await?;
    ensure!(h1s.len() == 1, "expected exactly one h1, found {h1s:?}");
    b.wait_for_title(&format!("{h1} · Wayfinder")).await?;

    let start = b.url_for("/");
    let banner = b.find_first(Role::Banner).await?;
    let home = b.find_role_in(&banner, Role::Link, "Wayfinder").await?;
    let href = home.prop("href").await?.unwrap_or_default();
    ensure!(
        href == start,
        "the \"Wayfinder\" link goes to {href}, expected {start}"
    );

    let nav = b.find_role(Role::Navigation, "Main").await?;
    let switch = b.find_role_in(&nav, Role::Link, "Switch person").await?;
    let href = switch.prop("href").await?.unwrap_or_default();
    ensure!(
        href == start,
        "\"Switch person\" goes to {href}, expected {start}"
    );

    let skip = b.find_role(Role::Link, "Skip to main content").await?;
    let target = skip.attr("href").await?.unwrap_or_default();
    ensure!(
        target == "#main",
        "the skip link points at {target:?}, expected \"#main\""
    );
    let main_id = b
        .execute(
            "const m = document.getElementById('main'); return m ? m.tagName : null;",
            vec![],
        )
        .await?;
    ensure!(
        main_id.as_str() == Some("MAIN"),
        "#main should be the <main> element, found {main_id}"
    );
    // First in focus order: on a freshly loaded page the first Tab lands on it.
    b.press_tab().await?;
    let (role, name) = b.active_element_role_and_name().await?;
    ensure!(
        role == "link" && name == "Skip to main content",
        "the first Tab should focus the skip link, it focused {role} {name:?}"
    );
    Ok(())
}

#[tokio::test]
async fn start_page_renders() -> Result<()> {
    let (_server, b) = start().await?;
    b.goto("/").await?;
    check_page_frame(&b, "Who's using Wayfinder?").await?;
    for (name, path) in [
        ("Student", "/student"),
        ("Teacher", "/teacher"),
        ("Family", "/family"),
    ] {
        let link = b.find_role(Role::Link, name).await?;
        let href = link.prop("href").await?.unwrap_or_default();
        ensure!(
            href == b.url_for(path),
            "link {name:?} goes to {href}, expected {}",
            b.url_for(path)
        );
    }
    b.find_role(Role::Checkbox, "Larger text").await?;
    Ok(())
}

#[tokio::test]
async fn every_page_has_the_shared_frame() -> Result<()> {
    let (_server, b) = start().await?;
    for (path, h1) in ROUTES {
        b.goto(path).await?;
        check_page_frame(&b, h1)
            .await
            .map_err(|e| e.context(format!("on {path}")))?;
    }
    Ok(())
}

#[tokio::test]
async fn each_area_is_reachable_by_keyboard_alone() -> Result<()> {
    let (_server, b) = start().await?;
    for (link, path, h1) in [
        ("Student", "/student", "Which one is you?"),
        ("Teacher", "/teacher", "Teacher workspace"),
        ("Family", "/family", "Family view"),
    ] {
        b.goto("/").await?;
        b.wait_for_heading(1, "Who's using Wayfinder?").await?;
        let tabs = b.tab_to(Role::Link, link, 15).await?;
        println!("{link}: {tabs} Tab presses");
        b.press_enter().await?;
        b.wait_for_heading(1, h1).await?;
        b.wait_for_path(path).await?;
    }
    Ok(())
}

#[tokio::test]
async fn larger_text_setting_survives_reload() -> Result<()> {
    let (_server, b) = start().await?;
    b.goto("/").await?;
    let checkbox = b.wait_for_role(Role::Checkbox, "Larger text").await?;
    ensure!(
        !checkbox.is_selected().await?,
        "a fresh profile should start with Larger text off"
    );
    ensure!(
        !b.html_classes().await?.contains(&"text-large".to_string()),
        "<html> has class text-large before the setting is on"
    );

    checkbox.click().await?;
    ensure!(
        checkbox.is_selected().await?,
        "clicking did not check Larger text"
    );
    let classes = b.html_classes().await?;
    ensure!(
        classes.contains(&"text-large".to_string()),
        "<html> should have class text-large when the setting is on; classes: {classes:?}"
    );
    let saved = b.local_storage_get(PREFS_KEY).await?;
    ensure!(
        saved.is_some(),
        "nothing saved under localStorage {PREFS_KEY:?}; keys: {:?}",
        b.local_storage_keys().await?
    );

    b.reload().await?;
    let checkbox = b.wait_for_role(Role::Checkbox, "Larger text").await?;
    ensure!(
        checkbox.is_selected().await?,
        "Larger text is off again after a reload (saved value: {saved:?})"
    );
    let classes = b.html_classes().await?;
    ensure!(
        classes.contains(&"text-large".to_string()),
        "after reload <html> lacks class text-large; classes: {classes:?}"
    );

    // And off again, also kept.
    checkbox.click().await?;
    b.reload().await?;
    let checkbox = b.wait_for_role(Role::Checkbox, "Larger text").await?;
    ensure!(
        !checkbox.is_selected().await?,
        "turning Larger text off did not survive a reload"
    );
    ensure!(
        !b.html_classes().await?.contains(&"text-large".to_string()),
        "<html> keeps class text-large after the setting was turned off"
    );
    Ok(())
}

#[tokio::test]
async fn unreadable_preferences_are_reported_and_kept() -> Result<()> {
    let (_server, b) = start().await?;
    let broken = r#"{"broken"#;
    b.goto("/").await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    b.local_storage_set(PREFS_KEY, broken).await?;
    b.reload().await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    b.wait_for_alert("couldn't be read").await?;
    let raw = b.local_storage_get(PREFS_KEY).await?;
    ensure!(
        raw.as_deref() == Some(broken),
        "the unreadable value was changed: it was {broken:?}, now {raw:?}"
    );
    Ok(())
}

/// Visits every route, reloads each, and toggles the setting: the browsing a person does.
async fn use_the_app(b: &Browser) -> Result<()> {
    for (path, h1) in ROUTES {
        b.goto(path).await?;
        b.wait_for_heading(1, h1).await?;
    }
    b.goto("/").await?;
    let checkbox = b.wait_for_role(Role::Checkbox, "Larger text").await?;
    checkbox.click().await?;
    b.reload().await?;
    b.wait_for_role(Role::Checkbox, "Larger text").await?;
    b.find_role(Role::Link, "Student").await?.click().await?;
    b.wait_for_heading(1, "Which one is you?").await?;
    Ok(())
}

#[tokio::test]
async fn no_request_leaves_the_origin() -> Result<()> {
    let (server, b) = start().await?;
    use_the_app(&b).await?;
    let origin = format!("{}/", server.origin());

    let page = ensure_no_foreign_requests(&server, &b).await?;

    // Prove the proxy really saw the app load, so this test can fail.
    let ours: Vec<String> = server
        .requests()
        .into_iter()
        .filter(|u| u.starts_with(&origin))
        .map(|u| {
            u[origin.len() - 1..]
                .split('?')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    for (what, seen) in [
        ("the page itself (/)", ours.iter().any(|p| p == "/")),
        ("a .js file", ours.iter().any(|p| p.ends_with(".js"))),
        ("a .wasm file", ours.iter().any(|p| p.ends_with(".wasm"))),
    ] {
        ensure!(seen, "the proxy never saw {what}; it saw: {ours:#?}");
    }
    ensure!(
        page.iter().any(|u| u.ends_with(".wasm")),
        "the page's network log has no .wasm request, so it cannot be trusted: {page:#?}"
    );
    println!("{} requests to {origin}", ours.len());
    Ok(())
}

#[tokio::test]
async fn console_shows_no_errors() -> Result<()> {
    let (_server, b) = start().await?;
    use_the_app(&b).await?;
    let errors = b.console_errors().await?;
    ensure!(
        errors.is_empty(),
        "the browser console showed errors:\n{}",
        errors.join("\n")
    );
    Ok(())
}

#[tokio::test]
async fn unknown_route_shows_not_found() -> Result<()> {
    let (_server, b) = start().await?;
    b.goto("/no-such-page").await?;
    b.wait_for_heading(1, "Page not found").await?;
    b.find_role(Role::Link, "Go to the start page")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    b.wait_for_path("/").await?;
    Ok(())
}

#[tokio::test]
async fn app_works_under_a_sub_path() -> Result<()> {
    let dist = env::dist_subpath()?;
    let server = Server::start_at(&dist, env::SUBPATH_PREFIX)?;
    let b = Browser::launch(&server).await?;
    b.goto("/").await?;
    check_page_frame(&b, "Who's using Wayfinder?").await?;
    let student = b.find_role(Role::Link, "Student").await?;
    let href = student.prop("href").await?.unwrap_or_default();
    ensure!(
        href == b.url_for("/student"),
        "under {} the Student link goes to {href}",
        env::SUBPATH_PREFIX
    );
    student.click().await?;
    b.wait_for_heading(1, "Which one is you?").await?;
    b.wait_for_path("/student").await?;
    // A deep link loads directly too.
    b.goto("/teacher").await?;
    b.wait_for_heading(1, "Teacher workspace").await?;
    b.goto("/no-such-page").await?;
    b.wait_for_heading(1, "Page not found").await?;

    let mount = format!("{}{}", server.origin(), env::SUBPATH_PREFIX);
    let page = b.page_requests().await?;
    let outside: Vec<&String> = page.iter().filter(|u| !u.starts_with(&mount)).collect();
    ensure!(
        outside.is_empty(),
        "the page requested URLs outside {mount} (assets not built for the sub-path?):\n{}",
        lines(&outside)
    );
    let unexplained = server.requests_outside_origin(&page).unexplained;
    ensure!(
        unexplained.is_empty(),
        "requests left the origin:\n{}",
        lines(&unexplained)
    );
    let requests = server.requests();
    ensure!(
        requests.iter().any(|u| u.ends_with(".wasm")),
        "no .wasm request seen under {mount}: {requests:#?}"
    );
    Ok(())
}
