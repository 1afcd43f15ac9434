//! The family view: behind the family PIN the teacher sets, one child's approved goals
//! only (never drafts, never another child), in English or Spanish remembered across a
//! reload, and a print stylesheet that leaves only the report.

use serde_json::{json, Value};
use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start, start_with, Browser, BrowserOptions, Result, Role,
    DEFAULT_TIMEOUT, MOBILE,
};

const FAMILY_PIN: &str = "5791";

async fn type_into(b: &Browser, label: &str, text: &str) -> Result<()> {
    let field = b.wait_for_role(Role::Textbox, label).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

async fn click(b: &Browser, role: Role, name: &str) -> Result<()> {
    b.wait_for_role(role, name).await?.click().await?;
    Ok(())
}

/// The child the test follows.
struct Child {
    full: String,
    first: String,
    path: String,
}

/// Fills the sample class, sets the family PIN of its first student through the
/// roster, and finds that child's family address through /family.
async fn sample_class_with_family_pin(b: &Browser) -> Result<(Child, Vec<String>)> {
    b.goto("/teacher").await?;
    click(b, Role::Button, "Try a sample class").await?;
    b.wait_for_role(Role::Button, "Remove the sample class")
        .await?;
    let names = b
        .execute(
            r#"return [...document.querySelectorAll('button[aria-label^="Family PIN for "]')]
                .map(x => x.getAttribute('aria-label').slice('Family PIN for '.length));"#,
            vec![],
        )
        .await?;
    let names: Vec<String> = names
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    ensure!(
        names.len() >= 2,
        "the roster lists the sample students: {names:?}"
    );
    let full = names[0].clone();
    let first = full
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    click(b, Role::Button, &format!("Family PIN for {full}")).await?;
    // The panel's own fields (the teacher PIN form above has a "Type it again" too).
    let panel = b
        .wait_for_role_with_text(
            Role::Other {
                role: "group",
                css: "[role=group]",
            },
            "No family PIN yet",
        )
        .await?;
    for label in ["Family PIN", "Type it again"] {
        let field = b.find_role_in(&panel, Role::Textbox, label).await?;
        field.clear().await?;
        field.send_keys(FAMILY_PIN).await?;
    }
    b.find_role_in(&panel, Role::Button, "Set family PIN")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "family PIN is set. Give it to the family")
        .await?;

    b.goto("/family").await?;
    b.wait_for_heading(2, "Choose your child").await?;
    click(b, Role::Link, &first).await?;
    b.wait_for_heading(2, &format!("Type the family PIN for {first}"))
        .await?;
    let path = b.current_path().await?;
    ensure!(path.starts_with("/family/"), "the child's page is {path}");
    let others = names[1..]
        .iter()
        .filter_map(|n| n.split_whitespace().next().map(str::to_string))
        .filter(|n| *n != first)
        .collect();
    Ok((Child { full, first, path }, others))
}

/// Goal texts in this browser's storage: (this child's visible, this child's hidden,
/// other children's), read from the stored records (`s` student, `w` "I will",
/// `st` state, absent for a draft, `fs` false when not shared).
async fn stored_goals(
    b: &Browser,
    child_id: &str,
) -> Result<(Vec<String>, Vec<String>, Vec<String>)> {
    let (mut visible, mut hidden, mut others) = (Vec::new(), Vec::new(), Vec::new());
    for record in b.stored_records("g").await? {
        let v: Value = serde_json::from_str(&record.json)?;
        let (Some(w), Some(s)) = (v["w"].as_str(), v["s"].as_str()) else {
            continue;
        };
        let st = v["st"].as_str().unwrap_or("dr");
        let shown = (st == "ap" || st == "ac") && v["fs"] != Value::Bool(false);
        let w = w.trim().to_string();
        if s == child_id {
            if shown {
                visible.push(w);
            } else {
                hidden.push(w);
            }
        } else {
            others.push(w);
        }
    }
    Ok((visible, hidden, others))
}

/// Waits until `<html lang>` is `lang` and the site header's skip link and two links
/// carry these names.
async fn header_in(b: &Browser, lang: &str, [skip, data, switch]: [&str; 3]) -> Result<()> {
    poll("the page's language", DEFAULT_TIMEOUT, || async {
        let now = b
            .execute("return document.documentElement.lang;", vec![])
            .await?;
        Ok(if now == json!(lang) {
            Ok(())
        } else {
            Err(format!("lang={now}"))
        })
    })
    .await?;
    for name in [skip, data, switch] {
        b.wait_for_role(Role::Link, name).await?;
    }
    Ok(())
}

async fn main_text(b: &Browser) -> Result<String> {
    Ok(b.texts("main").await?.join("\n"))
}

async fn display_of(b: &Browser, css: &str) -> Result<String> {
    let v = b
        .execute(
            "const e = document.querySelector(arguments[0]); return e ? getComputedStyle(e).display : 'missing';",
            vec![json!(css)],
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn a_family_sees_only_their_childs_approved_goals_in_their_language_and_can_print(
) -> Result<()> {
    let (server, b) = start().await?;
    let (child, others) = sample_class_with_family_pin(&b).await?;
    let child_id = child.path.trim_start_matches("/family/").to_string();
    b.screenshot("family-pin").await?;
    no_axe_violations(&b, "the family PIN screen").await?;

    // Nothing of the child before the PIN.
    let (visible, hidden, other_goals) = stored_goals(&b, &child_id).await?;
    ensure!(!visible.is_empty(), "the sample child has approved goals");
    ensure!(
        !hidden.is_empty(),
        "the sample child has goals in review or drafts"
    );
    let before = main_text(&b).await?;
    for g in visible.iter().chain(&hidden) {
        ensure!(!before.contains(g.as_str()), "{g:?} shows before the PIN");
    }

    type_into(&b, "Family PIN", "0000").await?;
    click(&b, Role::Button, "Unlock").await?;
    b.wait_for_alert("isn't right").await?;
    type_into(&b, "Family PIN", FAMILY_PIN).await?;
    click(&b, Role::Button, "Unlock").await?;
    b.wait_for_heading(1, &format!("{}'s learning", child.first))
        .await?;
    b.wait_for_heading(2, &format!("{}'s goals", child.first))
        .await?;
    b.wait_for_heading(2, "How you can help at home").await?;
    let shown = main_text(&b).await?;
    ensure!(
        shown.contains(&format!("Progress report for {}", child.full)),
        "the report names the child"
    );
    for g in &visible {
        b.wait_for_heading(3, g).await?;
    }
    for g in hidden.iter().filter(|g| !visible.contains(g)) {
        ensure!(
            !shown.contains(g.as_str()),
            "a goal not approved shows: {g:?}"
        );
    }
    for g in other_goals
        .iter()
        .filter(|g| !visible.contains(g) && !hidden.contains(g))
    {
        ensure!(
            !shown.contains(g.as_str()),
            "another child's goal shows: {g:?}"
        );
    }
    for name in &others {
        ensure!(
            !shown
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == name),
            "another child's name shows: {name}"
        );
    }
    ensure!(
        !shown.contains("/student") && !shown.contains("/teacher"),
        "no way into the student's or teacher's pages"
    );
    let links = b
        .execute(
            "return [...document.querySelectorAll('main a')].map(a => a.getAttribute('href'));",
            vec![],
        )
        .await?;
    ensure!(
        links.as_array().is_some_and(|a| a.iter().all(|h| h
            .as_str()
            .is_some_and(|h| !h.contains("/student") && !h.contains("/teacher")))),
        "links in the family view: {links}"
    );
    b.wait_for_role(Role::Button, "Print a progress report")
        .await?;
    b.screenshot("family-view-en").await?;
    no_axe_violations(&b, "the family view in English").await?;

    // Español: headings change, the container says lang="es", focus stays on the choice.
    click(&b, Role::Button, "Español").await?;
    b.wait_for_heading(1, &format!("El aprendizaje de {}", child.first))
        .await?;
    b.wait_for_heading(2, &format!("Las metas de {}", child.first))
        .await?;
    b.wait_for_heading(2, "Cómo puede ayudar en casa").await?;
    let lang = b
        .execute(
            "return document.querySelector('main .family').getAttribute('lang');",
            vec![],
        )
        .await?;
    ensure!(lang == json!("es"), "the view's lang is {lang}");
    b.wait_for_focus("Español", "focus to stay on Español after choosing it")
        .await?;
    b.reload().await?;
    b.wait_for_heading(1, &format!("El aprendizaje de {}", child.first))
        .await?;
    b.wait_for_role(Role::Button, "Imprimir un informe de progreso")
        .await?;
    // The whole page is Spanish: <html lang> and the site header around the view.
    header_in(
        &b,
        "es",
        [
            "Saltar al contenido principal",
            "Sus datos",
            "Cambiar de persona",
        ],
    )
    .await?;
    let es = main_text(&b).await?;
    for g in &visible {
        ensure!(
            es.contains(g.as_str()),
            "the child's words stay as written: {g:?}"
        );
    }
    b.screenshot("family-view-es").await?;
    no_axe_violations(&b, "the family view in Spanish").await?;

    // Print: only the report, with the child's name and today's date.
    b.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" }))
        .await?;
    for css in [
        ".site-header",
        "nav",
        ".family-tools",
        "main .family button",
    ] {
        let d = display_of(&b, css).await?;
        ensure!(d == "none", "{css} is printed (display {d})");
    }
    for css in [
        ".family-report",
        ".family-report-for",
        ".family-report-date",
        "main h1",
    ] {
        let d = display_of(&b, css).await?;
        ensure!(d != "none" && d != "missing", "{css} is not printed ({d})");
    }
    let date = b.texts(".family-report-date").await?.join(" ");
    ensure!(
        date.contains(" de ") && date.chars().any(|c| c.is_ascii_digit()),
        "the date is written out in Spanish: {date:?}"
    );
    b.screenshot("family-print-es").await?;
    // One page on A4 and on Letter.
    for (paper, w, h) in [("A4", 8.27, 11.69), ("Letter", 8.5, 11.0)] {
        let pages = b.print_pdf("family-report", paper, w, h).await?;
        ensure!(pages == 1, "the report takes {pages} pages on {paper}");
    }
    b.cdp("Emulation.setEmulatedMedia", json!({ "media": "" }))
        .await?;

    // The same device in a new tab (no session): the PIN again, and no goal text.
    b.execute("sessionStorage.clear();", vec![]).await?;
    b.reload().await?;
    b.wait_for_heading(2, &format!("Escriba el PIN de familia de {}", child.first))
        .await?;
    let locked = main_text(&b).await?;
    for g in visible.iter().chain(&hidden) {
        ensure!(!locked.contains(g.as_str()), "{g:?} shows without the PIN");
    }
    click(&b, Role::Button, "English").await?;
    b.wait_for_heading(2, &format!("Type the family PIN for {}", child.first))
        .await?;
    header_in(
        &b,
        "en",
        ["Skip to main content", "Your data", "Switch person"],
    )
    .await?;
    // Spanish again, then away from the family pages: the rest of the app is English.
    click(&b, Role::Button, "Español").await?;
    header_in(
        &b,
        "es",
        [
            "Saltar al contenido principal",
            "Sus datos",
            "Cambiar de persona",
        ],
    )
    .await?;
    b.goto("/").await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    header_in(
        &b,
        "en",
        ["Skip to main content", "Your data", "Switch person"],
    )
    .await?;

    // A fresh browser (no data, no PIN): nothing of the child.
    let path = child.path.clone();
    b.close().await?;
    let b2 = wayfinder_e2e::Browser::launch(&server).await?;
    b2.goto(&path).await?;
    b2.wait_for_heading(1, "Family view").await?;
    let text = main_text(&b2).await?;
    for g in visible.iter().chain(&hidden) {
        ensure!(!text.contains(g.as_str()), "{g:?} shows in a fresh browser");
    }
    b2.close().await?;
    Ok(())
}

#[tokio::test]
async fn the_family_screens_fit_a_phone_in_both_languages() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    let (child, _) = sample_class_with_family_pin(&b).await?;
    no_axe_violations(&b, "the family PIN screen on a phone").await?;
    type_into(&b, "Family PIN", FAMILY_PIN).await?;
    click(&b, Role::Button, "Unlock").await?;
    b.wait_for_heading(1, &format!("{}'s learning", child.first))
        .await?;
    let overflow = b
        .execute(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;",
            vec![],
        )
        .await?;
    ensure!(
        overflow == json!(false),
        "the family view scrolls sideways on a phone"
    );
    b.screenshot("family-view-phone").await?;
    no_axe_violations(&b, "the family view on a phone").await?;
    click(&b, Role::Button, "Español").await?;
    b.wait_for_heading(2, &format!("Las metas de {}", child.first))
        .await?;
    b.screenshot("family-view-phone-es").await?;
    no_axe_violations(&b, "the family view on a phone in Spanish").await?;
    b.goto("/family").await?;
    b.wait_for_heading(2, "Elija a su hijo o hija").await?;
    no_axe_violations(&b, "choose your child in Spanish").await?;
    Ok(())
}
