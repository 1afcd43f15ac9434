//! "My progress" and "All about me": a student rates themselves with a note, sees their
//! teacher's rating beside their own, adds evidence (a javascript: link is refused and
//! the typed text kept), writes reflections about a goal and on their own (10,000
//! characters handled kindly), and edits their learner profile and picture. Reloads
//! prove persistence; axe-core checks every state at 1366x768 and at phone width.

use fantoccini::Locator;
use serde_json::Value;
use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start, start_with, Browser, BrowserOptions, Element, Result,
    Role, DEFAULT_TIMEOUT, MOBILE,
};

/// The app paths of every student on the picker.
async fn student_paths(b: &Browser) -> Result<Vec<String>> {
    b.goto("/student").await?;
    poll("the list of names", DEFAULT_TIMEOUT, || async {
        let v = b
            .execute(
                "return [...document.querySelectorAll('a.profile-card')].map((a) => a.getAttribute('href'));",
                vec![],
            )
            .await?;
        let paths: Vec<String> = serde_json::from_value(v)?;
        Ok(if paths.is_empty() {
            Err("no names yet".to_string())
        } else {
            Ok(paths)
        })
    })
    .await
}

/// A sample student with a teacher's rating on some target: (their app path, the target's
/// "I can" statement).
async fn student_with_teacher_rating(b: &Browser) -> Result<(String, String)> {
    for path in student_paths(b).await? {
        open_as_student(b, &format!("{path}/progress"), "My progress").await?;
        b.wait_for_heading(2, "My learning targets").await?;
        let found = b
            .execute(
                "const c = [...document.querySelectorAll('.target-card')]
                    .find((c) => c.querySelector('.rating-teacher .rating-level'));
                 return c ? c.querySelector('h3').textContent.trim() : null;",
                vec![],
            )
            .await?;
        if let Value::String(target) = found {
            return Ok((path, target));
        }
    }
    Err(wayfinder_e2e::Error(
        "no sample student has a teacher's rating".into(),
    ))
}

/// Opens a student's page; when another student is signed in on this tab, chooses the
/// name again first (each person sees only their own pages).
async fn open_as_student(b: &Browser, path: &str, h1: &str) -> Result<()> {
    b.goto(path).await?;
    let seen = poll("a student page", DEFAULT_TIMEOUT, || async {
        let names = b.heading_names(1).await?;
        Ok(match names.first() {
            Some(n) if n == h1 || n == "This page is someone else's" => Ok(n.clone()),
            other => Err(format!("{other:?}")),
        })
    })
    .await?;
    if seen != h1 {
        b.find_role(Role::Button, "Choose my name")
            .await?
            .click()
            .await?;
        b.wait_for_path("/student").await?;
        b.goto(path).await?;
        b.wait_for_heading(1, h1).await?;
    }
    Ok(())
}

/// The card (a region named by its "I can" statement) of one target.
async fn target_card(b: &Browser, target: &str) -> Result<Element> {
    b.wait_for_role(Role::Region, target).await
}

/// A button in `scope` whose accessible name starts with `start` (card buttons carry the
/// target's words after a colon, for screen readers).
async fn button_starting(b: &Browser, scope: &Element, start: &str) -> Result<Element> {
    let all = b.scan(Some(scope), Role::Button).await?;
    let names: Vec<String> = all.iter().map(|f| f.name.clone()).collect();
    all.into_iter()
        .find(|f| f.name.starts_with(start))
        .map(|f| f.element)
        .ok_or_else(|| wayfinder_e2e::Error(format!("no button starting {start:?}: {names:?}")))
}

/// Text of the first element matching `css` inside `scope`.
async fn text_in(scope: &Element, css: &str) -> Result<String> {
    Ok(scope
        .find(Locator::Css(css))
        .await?
        .text()
        .await?
        .trim()
        .to_string())
}

/// Value of a form field.
async fn value_of(el: &Element) -> Result<String> {
    Ok(el.prop("value").await?.unwrap_or_default())
}

/// Puts `text` into a field the way a paste does (one input event), for long texts.
async fn paste(b: &Browser, el: &Element, text: &str) -> Result<()> {
    let arg = serde_json::to_value(el)?;
    b.execute(
        "arguments[0].value = arguments[1];
         arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
        vec![arg, Value::from(text)],
    )
    .await?;
    Ok(())
}

/// The two rating boxes of a card sit side by side: same top, mine on the left.
async fn ensure_side_by_side(b: &Browser, card: &Element) -> Result<()> {
    let arg = serde_json::to_value(card)?;
    let v = b
        .execute(
            "const own = arguments[0].querySelector('.rating-own').getBoundingClientRect();
             const t = arguments[0].querySelector('.rating-teacher').getBoundingClientRect();
             return [own.top, t.top, own.right, t.left, t.right, window.innerWidth];",
            vec![arg],
        )
        .await?;
    let r: Vec<f64> = serde_json::from_value(v)?;
    ensure!(
        (r[0] - r[1]).abs() < 1.0 && r[2] <= r[3] && r[4] <= r[5],
        "my rating and my teacher's should sit side by side inside the screen: {r:?}"
    );
    Ok(())
}

async fn journal_texts(b: &Browser) -> Result<Vec<String>> {
    b.texts(".timeline .entry-text").await
}

async fn scroll_to(b: &Browser, el: &Element) -> Result<()> {
    let arg = serde_json::to_value(el)?;
    b.execute(
        "arguments[0].scrollIntoView({ block: 'start' });",
        vec![arg],
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_student_rates_themselves_beside_the_teacher_adds_evidence_and_reflects() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    let (me, target) = student_with_teacher_rating(&b).await?;
    b.goto(&format!("{me}/progress")).await?;
    let card = target_card(&b, &target).await?;
    let teacher_level = text_in(&card, ".rating-teacher .rating-level").await?;
    ensure!(!teacher_level.is_empty(), "the teacher's level is shown");
    no_axe_violations(&b, "my progress with the sample class").await?;
    b.screenshot("progress-desktop").await?;

    // Self-assessment with a note.
    button_starting(&b, &card, "Rate myself")
        .await?
        .click()
        .await?;
    let extending = b.wait_for_role(Role::Radio, "Extending").await?;
    let card = target_card(&b, &target).await?;
    b.find_role_in(&card, Role::Radio, "Extending")
        .await?
        .click()
        .await?;
    drop(extending);
    b.find_role_in(&card, Role::Textbox, "A note about it (optional)")
        .await?
        .send_keys("I can explain it to my friend 🚀")
        .await?;
    scroll_to(&b, &card).await?;
    b.screenshot("progress-rate-desktop").await?;
    no_axe_violations(&b, "the self-assessment form").await?;
    b.find_role_in(&card, Role::Button, "Save how I'm doing")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Saved. You said “Extending”.")
        .await?;
    let focused = b.active_element_name().await?;
    ensure!(
        focused.starts_with("Rate myself"),
        "after saving, focus is back on the button that opened the form: {focused:?}"
    );
    let card = target_card(&b, &target).await?;
    let own = text_in(&card, ".rating-own .rating-level").await?;
    ensure!(own == "Extending", "my level should show: {own:?}");
    let teacher_after = text_in(&card, ".rating-teacher .rating-level").await?;
    ensure!(
        teacher_after == teacher_level,
        "the teacher's rating stays theirs, never mixed with mine: {teacher_after:?} vs {teacher_level:?}"
    );
    ensure_side_by_side(&b, &card).await?;
    let note = text_in(&card, ".rating-own .rating-note").await?;
    ensure!(
        note.contains("explain it to my friend"),
        "my note: {note:?}"
    );

    // Evidence: a javascript: link is refused kindly and nothing typed is lost.
    button_starting(&b, &card, "Add evidence")
        .await?
        .click()
        .await?;
    let what = b.wait_for_role(Role::Textbox, "What did you do?").await?;
    what.send_keys("I made a story map with the clues").await?;
    let link = b
        .find_role(Role::Textbox, "Link to my work (optional)")
        .await?;
    link.send_keys("javascript:alert(1)").await?;
    b.find_role(Role::Button, "Add evidence")
        .await?
        .click()
        .await?;
    b.wait_for_alert("That link can't be added").await?;
    ensure!(
        value_of(&what).await? == "I made a story map with the clues",
        "the text stays in the field"
    );
    ensure!(
        value_of(&link).await? == "javascript:alert(1)",
        "the link stays so it can be fixed"
    );
    b.wait_for_focus(
        "Link to my work (optional)",
        "focus to go to the link to fix",
    )
    .await?;
    scroll_to(&b, &card).await?;
    b.screenshot("progress-evidence-error-desktop").await?;
    no_axe_violations(&b, "evidence with a refused link").await?;
    link.clear().await?;
    link.send_keys("ftp://example.org/map").await?;
    b.find_role(Role::Button, "Add evidence")
        .await?
        .click()
        .await?;
    b.wait_for_alert("Links must start with http:// or https://")
        .await?;
    link.clear().await?;
    link.send_keys("https://example.org/my-story-map").await?;
    b.find_role(Role::Button, "Add evidence")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Added to your evidence")
        .await?;
    let a = b
        .execute(
            "const a = [...document.querySelectorAll('.evidence-link a')]
                .find((a) => a.getAttribute('href') === 'https://example.org/my-story-map');
             return a ? [a.target, a.rel] : null;",
            vec![],
        )
        .await?;
    ensure!(
        a == serde_json::json!(["_blank", "noopener noreferrer"]),
        "the evidence link opens safely in a new tab: {a:?}"
    );

    // The journal: empty is refused kindly; one entry about a goal, one on its own.
    let before = journal_texts(&b).await?;
    b.find_role(Role::Button, "Save my reflection")
        .await?
        .click()
        .await?;
    b.wait_for_alert("Please write something for your reflection.")
        .await?;
    b.find_role(Role::Radio, "What went well?")
        .await?
        .click()
        .await?;
    b.find_role(Role::Textbox, "What went well?")
        .await?
        .send_keys("I finished my story map مرحبا 🌟")
        .await?;
    let goal_menu = b
        .find_role(Role::Combobox, "Is it about one of my goals?")
        .await?;
    goal_menu.select_by_index(1).await?;
    let goal_label = b
        .execute(
            "const s = document.getElementById('reflection-goal'); return s.options[s.selectedIndex].text;",
            vec![],
        )
        .await?;
    let goal_label = goal_label.as_str().unwrap_or_default().to_string();
    ensure!(
        goal_label.starts_with("I will") || goal_label.starts_with("A goal"),
        "a goal was chosen: {goal_label:?}"
    );
    b.find_role(Role::Checkbox, "Share with my family")
        .await?
        .click()
        .await?;
    b.find_role(Role::Button, "Save my reflection")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(
        Role::Status,
        "Saved in your journal, and shared with your family.",
    )
    .await?;
    b.find_role(Role::Radio, "What was hard?")
        .await?
        .click()
        .await?;
    b.find_role(Role::Textbox, "What was hard?")
        .await?
        .send_keys("Finding the clues in chapter 2 was hard")
        .await?;
    b.find_role(Role::Combobox, "Is it about one of my goals?")
        .await?
        .select_by_index(0)
        .await?;
    b.find_role(Role::Button, "Save my reflection")
        .await?
        .click()
        .await?;
    poll("the second entry", DEFAULT_TIMEOUT, || async {
        let n = journal_texts(&b).await?.len();
        Ok(if n == before.len() + 2 {
            Ok(())
        } else {
            Err(format!("{n} entries"))
        })
    })
    .await?;

    // 10,001 characters: refused kindly, all of it kept; 10,000 is saved and folded.
    let area = b.find_role(Role::Textbox, "What was hard?").await?;
    let long = "ab ".repeat(3_333) + "xy";
    ensure!(long.chars().count() == 10_001, "test text length");
    paste(&b, &area, &long).await?;
    let hint = b.texts("#reflection-length").await?;
    ensure!(
        hint.first().is_some_and(|h| h.contains("10,001 of 10,000")),
        "a counter says how much is too much: {hint:?}"
    );
    b.find_role(Role::Button, "Save my reflection")
        .await?
        .click()
        .await?;
    let alert = b.wait_for_alert("still here").await?;
    let said = alert.text().await?;
    ensure!(
        said.starts_with("Your reflection"),
        "a kind sentence: {said:?}"
    );
    ensure!(
        value_of(&area).await?.chars().count() == 10_001,
        "the long text is all still there"
    );
    scroll_to(&b, &area).await?;
    b.screenshot("progress-too-long-desktop").await?;
    no_axe_violations(&b, "a reflection that is too long").await?;
    paste(&b, &area, &long[..long.len() - 1]).await?;
    b.find_role(Role::Button, "Save my reflection")
        .await?
        .click()
        .await?;
    poll("the long entry", DEFAULT_TIMEOUT, || async {
        let n = journal_texts(&b).await?.len();
        Ok(if n == before.len() + 3 {
            Ok(())
        } else {
            Err(format!("{n} entries"))
        })
    })
    .await?;
    ensure!(
        value_of(&area).await?.is_empty(),
        "the form is ready for the next entry"
    );
    b.find_role(Role::Button, "Read all").await?;

    // Half a thought survives a visit to another page of the app.
    b.find_role(Role::Textbox, "What was hard?")
        .await?
        .send_keys("Half a thought")
        .await?;
    b.find_role(Role::Link, "My goals").await?.click().await?;
    b.wait_for_path(&format!("{me}/goals")).await?;
    b.wait_for_role(Role::Link, "My progress")
        .await?
        .click()
        .await?;
    let kept = b.wait_for_role(Role::Textbox, "What was hard?").await?;
    ensure!(
        value_of(&kept).await? == "Half a thought",
        "the unsaved reflection is still there"
    );
    kept.clear().await?;

    // After a reload everything is there, newest first.
    b.reload().await?;
    b.wait_for_heading(1, "My progress").await?;
    let card = target_card(&b, &target).await?;
    ensure!(
        text_in(&card, ".rating-own .rating-level").await? == "Extending",
        "my rating after reload"
    );
    ensure!(
        text_in(&card, ".rating-teacher .rating-level").await? == teacher_level,
        "the teacher's rating after reload"
    );
    let links = b.texts(".evidence-link a").await?;
    ensure!(
        links
            .iter()
            .any(|l| l.contains("https://example.org/my-story-map")),
        "the evidence after reload: {links:?}"
    );
    let texts = journal_texts(&b).await?;
    ensure!(
        texts.len() == before.len() + 3,
        "entries after reload: {}",
        texts.len()
    );
    ensure!(
        texts[0].starts_with("ab ab") && texts[0].ends_with('…'),
        "the long entry is newest and folded: {:?}",
        &texts[0][..20]
    );
    ensure!(
        texts[1] == "Finding the clues in chapter 2 was hard"
            && texts[2] == "I finished my story map مرحبا 🌟",
        "newest first: {:?}",
        &texts[1..3]
    );
    let prompts = b.texts(".timeline .entry-prompt").await?;
    ensure!(
        prompts[1] == "What was hard?" && prompts[2] == "What went well?",
        "each entry keeps its question: {prompts:?}"
    );
    let goals = b.texts(".timeline-entry:nth-child(3) .entry-goal").await?;
    ensure!(
        goals == [format!("About my goal: {goal_label}")],
        "the entry about a goal says which: {goals:?}"
    );
    ensure!(
        b.texts(".timeline-entry:nth-child(2) .entry-goal")
            .await?
            .is_empty(),
        "the standalone entry is about no goal"
    );
    let shared = b
        .texts(".timeline-entry:nth-child(3) .entry-shared")
        .await?;
    ensure!(
        shared == ["Shared with my family"],
        "sharing kept: {shared:?}"
    );
    let rtl = b
        .execute(
            "return document.querySelector('.timeline-entry:nth-child(3) .entry-text').getAttribute('dir');",
            vec![],
        )
        .await?;
    ensure!(rtl == "auto", "entries follow their own text direction");
    no_axe_violations(&b, "my progress after reload").await?;
    let journal = b.wait_for_heading(3, "My entries").await?;
    scroll_to(&b, &journal).await?;
    b.screenshot("progress-journal-desktop").await?;
    Ok(())
}

#[tokio::test]
async fn all_about_me_adds_and_removes_interests_and_keeps_them() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    let me = student_paths(&b).await?.remove(0);
    b.goto(&format!("{me}/me")).await?;
    b.wait_for_heading(1, "All about me").await?;
    b.wait_for_heading(2, "Things I love").await?;
    no_axe_violations(&b, "all about me").await?;
    b.screenshot("about-me-desktop").await?;

    let field = b.find_role(Role::Textbox, "Add something you love").await?;
    let add = b.find_role(Role::Button, "Add: Things I love").await?;
    add.click().await?;
    b.wait_for_alert("Type a word or two first.").await?;
    field.send_keys("skateboarding").await?;
    add.click().await?;
    b.wait_for_role_with_text(Role::Status, "Added “skateboarding”.")
        .await?;
    ensure!(
        value_of(&field).await?.is_empty(),
        "the field is ready for more"
    );
    field.send_keys("Chess ♟").await?;
    add.click().await?;
    b.wait_for_role(Role::Button, "Remove Chess ♟").await?;
    field.send_keys("SKATEBOARDING").await?;
    add.click().await?;
    b.wait_for_alert("is already on your list").await?;
    ensure!(
        value_of(&field).await? == "SKATEBOARDING",
        "a refused entry stays in the field"
    );
    no_axe_violations(&b, "all about me with a message").await?;
    field.clear().await?;
    b.find_role(Role::Button, "Remove Chess ♟")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Took “Chess ♟” off your list.")
        .await?;
    b.wait_for_focus("Add something you love", "focus to move after removing")
        .await?;
    let lists = b.wait_for_heading(2, "Things I love").await?;
    scroll_to(&b, &lists).await?;
    b.screenshot("about-me-lists-desktop").await?;

    // The picture.
    let current = b.execute(
        "const c = document.querySelector('input[name=avatar]:checked'); return c ? c.id : null;",
        vec![],
    ).await?;
    let pick = if current == "avatar-owl" {
        "Butterfly"
    } else {
        "Owl"
    };
    b.find(Locator::Css(&format!(
        "label[for=avatar-{}]",
        pick.to_lowercase()
    )))
    .await?
    .click()
    .await?;
    b.wait_for_role_with_text(
        Role::Status,
        &format!("Your picture is now the {}.", pick.to_lowercase()),
    )
    .await?;

    b.reload().await?;
    b.wait_for_heading(1, "All about me").await?;
    let chips = poll("the chips", DEFAULT_TIMEOUT, || async {
        let c = b.texts(".about-part:nth-of-type(1) .chip-text").await?;
        Ok(if c.is_empty() {
            Err("no chips".to_string())
        } else {
            Ok(c)
        })
    })
    .await?;
    let all = b.texts(".chip-text").await?;
    ensure!(
        all.iter().any(|c| c == "skateboarding"),
        "kept after reload: {all:?} {chips:?}"
    );
    ensure!(
        !all.iter().any(|c| c.starts_with("Chess")),
        "removed stays removed: {all:?}"
    );
    let checked = b
        .find_role(Role::Radio, pick)
        .await?
        .prop("checked")
        .await?;
    ensure!(
        checked.as_deref() == Some("true"),
        "the picture is kept: {checked:?}"
    );
    no_axe_violations(&b, "all about me after reload").await?;
    Ok(())
}

#[tokio::test]
async fn on_a_phone_levels_sit_side_by_side_and_errors_are_kind() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    b.try_sample_class().await?;
    let (me, target) = student_with_teacher_rating(&b).await?;
    b.goto(&format!("{me}/progress")).await?;
    let card = target_card(&b, &target).await?;
    scroll_to(&b, &card).await?;
    ensure_side_by_side(&b, &card).await?;
    b.screenshot("progress-mobile").await?;
    no_axe_violations(&b, "my progress on a phone").await?;
    button_starting(&b, &card, "Rate myself")
        .await?
        .click()
        .await?;
    b.wait_for_role(Role::Radio, "Developing").await?;
    scroll_to(&b, &card).await?;
    b.screenshot("progress-rate-mobile").await?;
    let card = target_card(&b, &target).await?;
    button_starting(&b, &card, "Add evidence")
        .await?
        .click()
        .await?;
    b.wait_for_role(Role::Textbox, "Link to my work (optional)")
        .await?
        .send_keys("javascript:alert(1)")
        .await?;
    b.find_role(Role::Button, "Add evidence")
        .await?
        .click()
        .await?;
    b.wait_for_alert("That link can't be added").await?;
    let link = b
        .find_role(Role::Textbox, "Link to my work (optional)")
        .await?;
    scroll_to(&b, &link).await?;
    b.screenshot("progress-evidence-error-mobile").await?;
    no_axe_violations(&b, "a refused link on a phone").await?;
    b.no_sideways_scroll("my progress").await?;
    let journal = b.wait_for_heading(2, "My journal").await?;
    scroll_to(&b, &journal).await?;
    b.screenshot("progress-journal-mobile").await?;

    b.goto(&format!("{me}/me")).await?;
    b.wait_for_heading(2, "Things I love").await?;
    b.screenshot("about-me-mobile").await?;
    b.no_sideways_scroll("All about me").await?;
    no_axe_violations(&b, "all about me on a phone").await?;
    b.find_role(Role::Textbox, "Add something you love")
        .await?
        .send_keys(&"x".repeat(301))
        .await?;
    b.find_role(Role::Button, "Add: Things I love")
        .await?
        .click()
        .await?;
    let alert = b.wait_for_alert("Your words are still in the box").await?;
    scroll_to(&b, &alert).await?;
    b.screenshot("about-me-error-mobile").await?;
    no_axe_violations(&b, "all about me with an error on a phone").await?;
    b.no_sideways_scroll("All about me with an error").await?;
    Ok(())
}

#[tokio::test]
async fn a_new_student_sees_calm_empty_pages() -> Result<()> {
    for size in [(1366, 768), MOBILE] {
        let (_server, b) = start_with(BrowserOptions::size(size)).await?;
        let tag = if size == MOBILE { "mobile" } else { "desktop" };
        b.goto("/teacher").await?;
        b.wait_for_role(Role::Textbox, "Class name")
            .await?
            .send_keys("Room 4")
            .await?;
        b.find_role(Role::Textbox, "Teacher PIN")
            .await?
            .send_keys("2468")
            .await?;
        b.find_role(Role::Textbox, "Type it again")
            .await?
            .send_keys("2468")
            .await?;
        b.find_role(Role::Button, "Create class")
            .await?
            .click()
            .await?;
        b.wait_for_role(Role::Button, "I've kept it safe")
            .await?
            .click()
            .await?;
        b.wait_for_role(Role::Textbox, "Or paste a list of names, one per line")
            .await?
            .send_keys("Noor")
            .await?;
        b.find_role(Role::Button, "Add these students")
            .await?
            .click()
            .await?;
        b.wait_for_role_with_text(Role::Status, "Added 1 student.")
            .await?;
        let me = student_paths(&b).await?.remove(0);
        b.goto(&format!("{me}/progress")).await?;
        b.wait_for_heading(1, "My progress").await?;
        b.wait_for_role_with_text(
            Role::Other {
                role: "paragraph",
                css: "p",
            },
            "Your teacher hasn't shared learning targets yet.",
        )
        .await?;
        b.screenshot(&format!("progress-empty-{tag}")).await?;
        no_axe_violations(&b, "an empty progress page").await?;
        b.find_role(Role::Textbox, "What went well?")
            .await?
            .send_keys("   ")
            .await?;
        b.find_role(Role::Button, "Save my reflection")
            .await?
            .click()
            .await?;
        b.wait_for_alert("Please write something for your reflection.")
            .await?;
        no_axe_violations(&b, "an empty reflection refused").await?;
        b.goto(&format!("{me}/me")).await?;
        b.wait_for_heading(2, "Things I love").await?;
        b.screenshot(&format!("about-me-empty-{tag}")).await?;
        no_axe_violations(&b, "an empty All about me").await?;
    }
    Ok(())
}
