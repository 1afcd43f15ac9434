//! The teacher's review queue with the sample class: the count in the teacher's
//! navigation, asking for changes anchored to a part (refused kindly when the comment is
//! empty), approving with the keyboard shortcut, a help request marked done, a comment the
//! student sees at home, long and right-to-left text, the empty queue; reloads prove
//! persistence; axe-core on every state at 1366x768 and on a phone.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start, start_with, Browser, BrowserOptions, Element, Result,
    Role, DEFAULT_TIMEOUT, MOBILE,
};

/// N in the teacher navigation's "Review queue (N)".
async fn nav_count(b: &Browser) -> Result<usize> {
    let links = b.scan(None, Role::Link).await?;
    let link = links
        .iter()
        .find(|l| l.name.starts_with("Review queue ("))
        .ok_or_else(|| wayfinder_e2e::Error::msg("no link named \"Review queue (N)\""))?;
    let n = link
        .name
        .trim_start_matches("Review queue (")
        .trim_end_matches(')')
        .parse::<usize>()
        .map_err(|e| wayfinder_e2e::Error::msg(format!("{:?}: {e}", link.name)))?;
    Ok(n)
}

/// Waits until the navigation's count is `want`.
async fn wait_for_count(b: &Browser, want: usize) -> Result<()> {
    poll(
        &format!("the review queue count to be {want}"),
        DEFAULT_TIMEOUT,
        || async move {
            let n = nav_count(b).await?;
            Ok(if n == want {
                Ok(())
            } else {
                Err(format!("count {n}"))
            })
        },
    )
    .await
}

/// The queue's rows: (accessible name, element), in the order shown.
async fn rows(b: &Browser) -> Result<Vec<(String, Element)>> {
    let mut out = Vec::new();
    for f in b.scan(None, Role::Button).await? {
        // A button can go while we look (Undo leaves after ten seconds): skip it.
        let Ok(class) = f.element.attr("class").await else {
            continue;
        };
        let class = class.unwrap_or_default();
        if class.split_whitespace().any(|c| c == "queue-item") {
            out.push((f.name, f.element));
        }
    }
    Ok(out)
}

/// Waits until the open item's main button (A) is on screen.
async fn wait_for_primary(b: &Browser) -> Result<()> {
    poll(
        "the open item's main button",
        DEFAULT_TIMEOUT,
        || async move {
            Ok(
                match b
                    .find_all(fantoccini::Locator::Css("#review-primary"))
                    .await?
                    .len()
                {
                    1 => Ok(()),
                    n => Err(format!("{n} main buttons")),
                },
            )
        },
    )
    .await
}

/// Waits until focus is on a heading other than `not`; returns its name.
async fn wait_for_focused_heading(b: &Browser, not: &str) -> Result<String> {
    poll(
        "focus on the next item's heading",
        DEFAULT_TIMEOUT,
        || async move {
            let (role, name) = b.active_element_role_and_name().await?;
            Ok(if role == "heading" && name != not {
                Ok(name)
            } else {
                Err(format!("{role} {name:?}"))
            })
        },
    )
    .await
}

/// The first row whose name contains `kind` and whose student is not in `skip`:
/// (student name, element).
async fn row_of_kind(b: &Browser, kind: &str, skip: &[String]) -> Result<(String, Element)> {
    for (name, el) in rows(b).await? {
        let student = name.split(',').next().unwrap_or("").trim().to_string();
        if name.contains(kind) && !skip.contains(&student) {
            return Ok((student, el));
        }
    }
    Err(wayfinder_e2e::Error::msg(format!(
        "no row of kind {kind:?} (skipping {skip:?}); rows: {:?}",
        rows(b).await?.into_iter().map(|r| r.0).collect::<Vec<_>>()
    )))
}

/// The row of `student`'s item of `kind`.
async fn row_of(b: &Browser, student: &str, kind: &str) -> Result<Element> {
    for (name, el) in rows(b).await? {
        if name.split(',').next().map(str::trim) == Some(student) && name.contains(kind) {
            return Ok(el);
        }
    }
    Err(wayfinder_e2e::Error::msg(format!(
        "no row for {student}'s {kind:?}"
    )))
}

/// Presses one letter key, as a person would (not in a text field).
async fn press_letter(b: &Browser, letter: char) -> Result<()> {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: letter })
        .then(KeyAction::Up { value: letter });
    b.perform_actions(actions).await?;
    Ok(())
}

/// Ticks "Use one-key shortcuts" (off until then).
async fn turn_on_shortcuts(b: &Browser) -> Result<()> {
    let setting = b.find_role(Role::Checkbox, "Use one-key shortcuts").await?;
    if !b
        .is_checked(Role::Checkbox, "Use one-key shortcuts")
        .await?
    {
        setting.click().await?;
    }
    ensure!(
        b.is_checked(Role::Checkbox, "Use one-key shortcuts")
            .await?,
        "the shortcuts setting is on"
    );
    Ok(())
}

/// Puts focus on `el` without a click (a click on a button would press it).
async fn focus(b: &Browser, el: &Element) -> Result<()> {
    b.execute("arguments[0].focus();", vec![serde_json::to_value(el)?])
        .await?;
    Ok(())
}

/// Sets a text box's value as if typed (for very long texts: typing 10,000 keys is slow).
async fn fill_fast(b: &Browser, css: &str, text: &str) -> Result<()> {
    b.execute(
        "const el = document.querySelector(arguments[0]);
         el.value = arguments[1];
         el.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![serde_json::json!(css), serde_json::json!(text)],
    )
    .await?;
    Ok(())
}

/// Stored records (or other stored values) that contain `needle`, as JSON: records in
/// buckets are unpacked first.
async fn stored_with(b: &Browser, needle: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (key, text) in b.readable_storage().await? {
        if key.starts_with("wayfinder:b:") {
            for line in text.lines() {
                let json = line.split_once('\t').map_or(line, |(_, j)| j);
                if json.contains(needle) {
                    out.push(json.to_string());
                }
            }
        } else if text.contains(needle) {
            out.push(text);
        }
    }
    Ok(out)
}

#[tokio::test]
async fn a_teacher_works_through_the_queue_and_it_is_kept() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    // The count is on every teacher page, /teacher included.
    let start_count = nav_count(&b).await?;
    ensure!(
        start_count >= 7,
        "the sample class has six submitted goals and a help request; the count says {start_count}"
    );
    b.find_role(Role::Link, &format!("Review queue ({start_count})"))
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, "Review queue").await?;
    b.wait_for_heading(2, "Waiting for you").await?;
    let chips = b.texts(".count-chip").await?;
    ensure!(
        chips.first().map(String::as_str) == Some("6 goals to review")
            && chips.iter().any(|c| c == "1 help request"),
        "counts by kind at the top: {chips:?}"
    );
    let all = rows(&b).await?;
    ensure!(
        all.len() == start_count,
        "the list shows {} rows for a count of {start_count}",
        all.len()
    );
    ensure!(
        all.iter().all(|(name, _)| name.contains("waiting")),
        "every row says how long it has waited: {:?}",
        all.iter().map(|r| &r.0).collect::<Vec<_>>()
    );
    ensure!(
        b.texts(".shortcuts").await?.is_empty(),
        "the one-key shortcuts are off (and not listed) until the teacher turns them on"
    );
    turn_on_shortcuts(&b).await?;
    ensure!(
        b.texts(".shortcuts")
            .await?
            .iter()
            .any(|t| t.contains("Keyboard shortcuts")),
        "the keyboard shortcuts are shown once they are on"
    );
    b.screenshot("review-list-desktop").await?;
    no_axe_violations(&b, "the queue with nothing open").await?;

    // Open a submitted goal: its parts and the decision.
    let (first, row) = row_of_kind(&b, "Goal to review", &[]).await?;
    row.click().await?;
    b.wait_for_heading(2, &format!("{first}'s goal")).await?;
    b.wait_for_focus(
        &format!("{first}'s goal"),
        "focus to go to the open item's heading",
    )
    .await?;
    let parts = b.texts(".review-part dt").await?;
    for want in [
        "Learning targets",
        "I will",
        "Plan",
        "Supports I need",
        "Target date",
    ] {
        ensure!(
            parts.iter().any(|p| p.starts_with(want)),
            "the goal shows {want:?}: {parts:?}"
        );
    }
    ensure!(
        b.texts(".review-part dd")
            .await?
            .iter()
            .any(|t| t.starts_with("I can")),
        "the target's \"I can\" text is shown"
    );
    b.screenshot("review-goal-open-desktop").await?;
    no_axe_violations(&b, "an open goal").await?;

    // An empty change request is refused kindly; nothing changes.
    b.find_role(Role::Button, "Request changes")
        .await?
        .click()
        .await?;
    let alert = b.wait_for_alert("Write what should change first").await?;
    ensure!(
        alert.text().await?.contains(&first),
        "the message names the student"
    );
    ensure!(
        nav_count(&b).await? == start_count,
        "an empty request changed the queue"
    );
    b.screenshot("review-error-desktop").await?;
    no_axe_violations(&b, "the empty-comment message").await?;

    // "r" goes to the comment box (focus is on the Request changes button now).
    b.find_role(Role::Heading(2), &format!("{first}'s goal"))
        .await?
        .click()
        .await?;
    press_letter(&b, 'r').await?;
    let want = format!("Your comment to {first}");
    poll("R to focus the comment box", DEFAULT_TIMEOUT, || {
        let want = want.clone();
        let b = &b;
        async move {
            let now = b.active_element_name().await?;
            Ok(if now == want { Ok(()) } else { Err(now) })
        }
    })
    .await?;
    let ask = "Please add one more step to your plan 🌟 مرحبا بالخطة";
    let comment_box = b
        .find_role(Role::Textbox, &format!("Your comment to {first}"))
        .await?;
    comment_box.send_keys(ask).await?;
    ensure!(
        comment_box.prop("value").await?.as_deref() == Some(ask),
        "the letter r was not typed into the box and the text is all there"
    );
    ensure!(
        comment_box.attr("dir").await?.as_deref() == Some("auto"),
        "right-to-left text gets dir=auto"
    );
    // Stepping to another item and back keeps what was typed.
    let (other, row) = row_of_kind(&b, "Goal to review", std::slice::from_ref(&first)).await?;
    row.click().await?;
    b.wait_for_heading(2, &format!("{other}'s goal")).await?;
    row_of(&b, &first, "Goal to review").await?.click().await?;
    b.wait_for_heading(2, &format!("{first}'s goal")).await?;
    let kept = b
        .find_role(Role::Textbox, &format!("Your comment to {first}"))
        .await?
        .prop("value")
        .await?;
    ensure!(
        kept.as_deref() == Some(ask),
        "the comment typed before moving on is still there: {kept:?}"
    );
    b.find(fantoccini::Locator::Css("#review-anchor"))
        .await?
        .select_by_value("p")
        .await?;
    b.find_role(Role::Button, "Request changes")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(
        Role::Status,
        &format!("Asked {first} for changes to the plan."),
    )
    .await?;
    wait_for_count(&b, start_count - 1).await?;
    let stored = stored_with(&b, "Please add one more step to your plan").await?;
    ensure!(
        stored.len() == 1
            && stored[0].contains("\"st\":\"cr\"")
            && stored[0].contains("\"f\":\"p\""),
        "the goal is stored as 'changes requested' with the comment about the plan: {stored:?}"
    );

    // Approve another with the keyboard: open it, then press A (focus is on its heading).
    let (second, row) = row_of_kind(&b, "Goal to review", std::slice::from_ref(&first)).await?;
    row.click().await?;
    b.wait_for_heading(2, &format!("{second}'s goal")).await?;
    let primary = b.find_role(Role::Button, "Approve").await?;
    ensure!(
        primary.attr("aria-keyshortcuts").await?.as_deref() == Some("a"),
        "Approve announces its shortcut"
    );
    press_letter(&b, 'a').await?;
    b.wait_for_role_with_text(Role::Status, &format!("Approved {second}'s goal."))
        .await?;
    wait_for_count(&b, start_count - 2).await?;
    // The next item opened by itself, with focus on it; N moves on from there.
    let opened = wait_for_focused_heading(&b, &format!("{second}'s goal")).await?;
    press_letter(&b, 'n').await?;
    let moved = wait_for_focused_heading(&b, &opened).await?;
    ensure!(
        moved != "Waiting for you",
        "N opens the next item, focus went to {moved:?}"
    );

    // A help request is marked done.
    let (helped, row) = row_of_kind(&b, "Asked for help", &[]).await?;
    row.click().await?;
    b.wait_for_heading(2, &format!("{helped} asked for help"))
        .await?;
    no_axe_violations(&b, "an open help request").await?;
    b.find_role(Role::Button, "Mark as done")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(
        Role::Status,
        &format!("Marked {helped}'s help request as done."),
    )
    .await?;
    wait_for_count(&b, start_count - 3).await?;

    // Feedback: a comment only, 10,000 characters long, stays in the queue and is kept.
    let (third, row) = row_of_kind(&b, "Goal to review", &[first.clone(), second.clone()]).await?;
    row.click().await?;
    b.wait_for_heading(2, &format!("{third}'s goal")).await?;
    let long = format!("Lovely goal. {}", "x".repeat(10_000 - 13));
    fill_fast(&b, "#review-comment", &format!("{long}!")).await?;
    b.find_role(Role::Button, "Send comment only")
        .await?
        .click()
        .await?;
    let alert = b.wait_for_alert("the most it can be is 10000").await?;
    ensure!(
        alert.text().await?.contains("still here"),
        "a too-long comment is refused kindly"
    );
    let kept = b
        .find_role(Role::Textbox, &format!("Your comment to {third}"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure!(
        kept.chars().count() == 10_001,
        "the long text is still in the box"
    );
    fill_fast(&b, "#review-comment", &long).await?;
    b.find_role(Role::Button, "Send comment only")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, &format!("Your comment is on {third}'s goal."))
        .await?;
    ensure!(
        nav_count(&b).await? == start_count - 3,
        "a comment alone does not take the goal out of the queue"
    );

    // Edit together with the student: the changed part is marked as the teacher's.
    b.find_role(Role::Button, "Edit together")
        .await?
        .click()
        .await?;
    let plan = b
        .wait_for_role(Role::Textbox, "Plan (one step per line)")
        .await?;
    plan.send_keys("\nRead it aloud to a partner").await?;
    b.find_role(Role::Button, "Save changes")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(
        Role::Status,
        &format!("Saved your changes to {third}'s goal (the plan)."),
    )
    .await?;
    let marked: Vec<String> = b
        .texts(".review-part dt")
        .await?
        .into_iter()
        .filter(|t| t.contains("changed by you"))
        .collect();
    ensure!(
        marked.len() == 1 && marked[0].starts_with("Plan"),
        "only the plan is marked as changed by the teacher: {marked:?}"
    );
    let stored = stored_with(&b, "Read it aloud to a partner").await?;
    ensure!(
        stored.len() == 1 && stored[0].contains("\"te\":[\"p\"]"),
        "the goal keeps the teacher's mark on the plan: {stored:?}"
    );

    // Reload: the decisions are kept.
    b.reload().await?;
    b.wait_for_heading(2, "Waiting for you").await?;
    wait_for_count(&b, start_count - 3).await?;
    let after: Vec<String> = rows(&b).await?.into_iter().map(|r| r.0).collect();
    ensure!(
        !after
            .iter()
            .any(|r| (r.starts_with(&first) || r.starts_with(&second))
                && r.contains("Goal to review")
                || r.contains("Asked for help")),
        "decided items are gone after a reload: {after:?}"
    );

    // The students see it: the comment at home, and the change request.
    b.goto("/student").await?;
    b.wait_for_role(Role::Link, &third).await?.click().await?;
    b.wait_for_heading(2, "What my teacher said").await?;
    let said = b.texts(".teacher-said blockquote").await?;
    ensure!(
        said.iter().any(|t| t.starts_with("Lovely goal.")),
        "{third} sees the comment under \"What my teacher said\": {said:?}"
    );
    b.goto("/student").await?;
    b.wait_for_role(Role::Link, &first).await?.click().await?;
    b.wait_for_heading(2, "Next up").await?;
    let next = b.texts(".next-text").await?;
    ensure!(
        next.iter().any(|t| t.contains("asked for changes")),
        "{first}'s home says the teacher asked for changes: {next:?}"
    );

    // Work through the rest with A until nothing is waiting.
    b.goto("/teacher/review").await?;
    b.wait_for_heading(2, "Waiting for you").await?;
    b.find_role(Role::Button, "Start with the oldest")
        .await?
        .click()
        .await?;
    let mut left = nav_count(&b).await?;
    while left > 0 {
        wait_for_primary(&b).await?;
        press_letter(&b, 'a').await?;
        wait_for_count(&b, left - 1).await?;
        left -= 1;
    }
    b.wait_for_heading(2, "Nothing is waiting for you").await?;
    b.screenshot("review-empty-desktop").await?;
    no_axe_violations(&b, "the empty queue").await?;
    b.reload().await?;
    b.wait_for_heading(2, "Nothing is waiting for you").await?;
    wait_for_count(&b, 0).await?;
    Ok(())
}

#[tokio::test]
async fn one_key_shortcuts_are_off_at_first_never_act_on_controls_and_can_be_undone() -> Result<()>
{
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    let count = nav_count(&b).await?;
    b.goto("/teacher/review").await?;
    b.wait_for_heading(2, "Waiting for you").await?;
    ensure!(
        !b.is_checked(Role::Checkbox, "Use one-key shortcuts")
            .await?,
        "one-key shortcuts are off at first"
    );
    let (name, row) = row_of_kind(&b, "Goal to review", &[]).await?;
    row.click().await?;
    let heading = format!("{name}'s goal");
    b.wait_for_focus(&heading, "focus on the open goal").await?;
    ensure!(
        b.find_role(Role::Button, "Approve")
            .await?
            .attr("aria-keyshortcuts")
            .await?
            .is_none(),
        "no shortcut is announced while they are off"
    );
    // Off: A does nothing, even with focus on the item's heading.
    press_letter(&b, 'a').await?;
    ensure!(
        nav_count(&b).await? == count && b.active_element_name().await? == heading,
        "with shortcuts off, A approved or moved focus"
    );

    // On, and kept on this device after a reload.
    turn_on_shortcuts(&b).await?;
    b.reload().await?;
    b.wait_for_heading(2, "Waiting for you").await?;
    ensure!(
        b.is_checked(Role::Checkbox, "Use one-key shortcuts")
            .await?,
        "the setting is kept after a reload"
    );
    row_of(&b, &name, "Goal to review").await?.click().await?;
    b.wait_for_focus(&heading, "focus on the open goal").await?;
    // Focus on "Edit together": the letter is not a shortcut there.
    let edit = b.find_role(Role::Button, "Edit together").await?;
    focus(&b, &edit).await?;
    press_letter(&b, 'a').await?;
    press_letter(&b, 'n').await?;
    ensure!(
        nav_count(&b).await? == count,
        "A with focus on \"Edit together\" approved the goal"
    );
    ensure!(
        b.active_element_name().await? == "Edit together",
        "N with focus on a button moved to another item"
    );
    // Typing in the comment box: the letters are text.
    let comment = b
        .find_role(Role::Textbox, &format!("Your comment to {name}"))
        .await?;
    comment.send_keys("a nap").await?;
    ensure!(
        comment.prop("value").await?.as_deref() == Some("a nap") && nav_count(&b).await? == count,
        "typing A and N in the comment box decided or moved"
    );

    // On the heading, A approves (the comment goes with it); Undo takes both back for
    // ten seconds and the comment returns to the box.
    b.find_role(Role::Heading(2), &heading)
        .await?
        .click()
        .await?;
    press_letter(&b, 'a').await?;
    b.wait_for_role_with_text(
        Role::Status,
        &format!("Approved {name}'s goal. Your comment went with it."),
    )
    .await?;
    wait_for_count(&b, count - 1).await?;
    let undo = b.wait_for_role(Role::Button, "Undo").await?;
    ensure!(
        undo.attr("aria-keyshortcuts").await?.as_deref() == Some("u"),
        "Undo announces its shortcut"
    );
    b.screenshot("review-undo-desktop").await?;
    no_axe_violations(&b, "the queue offering Undo").await?;
    undo.click().await?;
    b.wait_for_role_with_text(
        Role::Status,
        &format!("Undone: {name}'s goal is waiting for you again."),
    )
    .await?;
    wait_for_count(&b, count).await?;
    b.wait_for_focus(&heading, "focus back on the goal that was undone")
        .await?;
    ensure!(
        b.field_value(&format!("Your comment to {name}")).await? == "a nap",
        "the comment sent with the approval is back in the box"
    );
    ensure!(
        stored_with(&b, "a nap").await?.is_empty(),
        "the comment sent with the undone approval is still stored"
    );
    b.reload().await?;
    b.wait_for_heading(2, "Waiting for you").await?;
    wait_for_count(&b, count).await?;
    // The goal waits in the queue again: the undo was stored.
    row_of(&b, &name, "Goal to review").await?;
    Ok(())
}

#[tokio::test]
async fn the_teachers_menu_comes_right_after_the_heading() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    let count = nav_count(&b).await?;
    // An in-app move to the teacher's home puts focus on its heading.
    b.find_role(Role::Link, "Dashboard").await?.click().await?;
    b.wait_for_heading(1, "Class dashboard").await?;
    b.find_role(Role::Link, "My class").await?.click().await?;
    b.wait_for_focus("Teacher workspace", "focus on the home's heading")
        .await?;
    // The area's menu is the next stop, before the roster.
    let review = format!("Review queue ({count})");
    b.tab_to(Role::Link, &review, 4).await?;
    b.press_enter().await?;
    b.wait_for_focus("Review queue", "focus on the queue's heading")
        .await?;
    // From the heading: the menu, then the queue itself.
    b.tab_to(Role::Button, "6 goals to review", 6).await?;
    b.screenshot("review-menu-after-heading").await?;
    Ok(())
}

#[tokio::test]
async fn on_a_phone_the_open_item_replaces_the_list() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    b.try_sample_class().await?;
    let count = nav_count(&b).await?;
    b.goto("/teacher/review").await?;
    b.wait_for_heading(2, "Waiting for you").await?;
    b.screenshot("review-list-mobile").await?;
    no_axe_violations(&b, "the queue on a phone").await?;

    let (name, row) = row_of_kind(&b, "Goal to review", &[]).await?;
    row.click().await?;
    b.wait_for_heading(2, &format!("{name}'s goal")).await?;
    ensure!(
        b.scan(None, Role::Heading(2))
            .await?
            .iter()
            .all(|h| h.name != "Waiting for you"),
        "on a phone the list steps aside for the open item"
    );
    b.screenshot("review-goal-open-mobile").await?;
    no_axe_violations(&b, "an open goal on a phone").await?;

    b.find_role(Role::Button, "Request changes")
        .await?
        .click()
        .await?;
    b.wait_for_alert("Write what should change first").await?;
    b.screenshot("review-error-mobile").await?;
    no_axe_violations(&b, "the empty-comment message on a phone").await?;

    // Touch targets: every button of the open item is at least 44px tall.
    let small = b
        .execute(
            "return [...document.querySelectorAll('.review-panel button, .review-panel select, .review-panel textarea')]
               .filter(e => e.getBoundingClientRect().height < 44).map(e => e.textContent);",
            vec![],
        )
        .await?;
    ensure!(
        small.as_array().is_some_and(|a| a.is_empty()),
        "controls under 44px: {small}"
    );
    ensure!(
        b.execute(
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![]
        )
        .await?
        .as_bool()
            == Some(true),
        "the page scrolls sideways on a phone"
    );

    b.find_role(Role::Button, "Back to the list")
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Waiting for you").await?;
    ensure!(
        b.active_element_name().await?.starts_with(&name),
        "focus returns to the row that was open"
    );
    ensure!(nav_count(&b).await? == count, "nothing was decided");
    Ok(())
}

/// The class-year data set (about 4,000 records) in this browser's storage, in the app's
/// own layout, with "now" near the end of the year.
async fn seed_class_year(b: &Browser) -> Result<wayfinder::domain::ClassData> {
    use wayfinder::domain::sample::{sample_class, SampleScale};
    use wayfinder::domain::Timestamp;
    use wayfinder::storage::records::{raw_dump, save_all, LastRead, META_KEY};
    use wayfinder::storage::{MemoryBackend, SCHEMA_VERSION};
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    let start = Timestamp(now_ms).plus_days(-200).day().start();
    let data = sample_class(2025, &SampleScale::class_year(), start, "e2eyear1");
    let backend = MemoryBackend::default();
    save_all(&backend, &data, &mut LastRead::default())
        .map_err(|(n, e)| wayfinder_e2e::Error::msg(format!("after {n} records: {e}")))?;
    let mut items = raw_dump(&backend).map_err(|e| wayfinder_e2e::Error::msg(e.to_string()))?;
    items.push((
        META_KEY.to_string(),
        format!(r#"{{"app":"wayfinder","v":{SCHEMA_VERSION},"data":{{"d":"e2eyear1"}}}}"#),
    ));
    b.goto("/").await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    b.execute(
        "for (const [k, v] of arguments[0]) window.localStorage.setItem(k, v);",
        vec![serde_json::json!(items)],
    )
    .await?;
    Ok(data)
}

#[tokio::test]
async fn the_class_year_queue_is_shown_whole_and_decisions_stay_quick() -> Result<()> {
    use wayfinder::domain::summary::{queue_counts, review_queue, QueueKind};
    let (_server, b) = start().await?;
    let data = seed_class_year(&b).await?;
    let queue = review_queue(&data);
    b.goto("/teacher/review").await?;
    b.wait_for_heading(2, "Waiting for you").await?;
    let shown_at = b
        .execute("return Math.round(performance.now());", vec![])
        .await?;
    let listed = rows(&b).await?;
    ensure!(
        listed.len() == queue.len(),
        "the page lists {} items; the class year has {} waiting",
        listed.len(),
        queue.len()
    );
    let want: Vec<String> = queue_counts(&queue)
        .into_iter()
        .map(|(k, n)| k.count_words(n))
        .collect();
    let chips = b.texts(".count-chip").await?;
    ensure!(chips == want, "counts {chips:?}, expected {want:?}");
    ensure!(
        nav_count(&b).await? == queue.len(),
        "the navigation counts the same queue"
    );
    // Oldest first: the first row is the oldest item's student.
    let oldest = data
        .students
        .iter()
        .find(|s| s.meta.id == queue[0].student)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    ensure!(
        listed[0].0.starts_with(&oldest),
        "the first row should be {oldest}'s: {:?}",
        listed[0].0
    );

    // A count narrows the list to its kind, and back.
    let helps = queue.iter().filter(|i| i.kind == QueueKind::Help).count();
    let chip_name = QueueKind::Help.count_words(helps);
    b.find_role(Role::Button, &chip_name).await?.click().await?;
    poll(
        "the list to show help requests only",
        DEFAULT_TIMEOUT,
        || async {
            let names: Vec<String> = rows(&b).await?.into_iter().map(|r| r.0).collect();
            Ok(
                if names.len() == helps && names.iter().all(|n| n.contains("Asked for help")) {
                    Ok(())
                } else {
                    Err(format!("{names:?}"))
                },
            )
        },
    )
    .await?;
    let chip = b.find_role(Role::Button, &chip_name).await?;
    ensure!(
        chip.attr("aria-pressed").await?.as_deref() == Some("true"),
        "the pressed count says so"
    );
    b.screenshot("review-class-year-help-only").await?;
    no_axe_violations(&b, "the queue narrowed to help requests").await?;
    chip.click().await?;
    poll("the whole list again", DEFAULT_TIMEOUT, || async {
        let n = rows(&b).await?.len();
        Ok(if n == queue.len() {
            Ok(())
        } else {
            Err(format!("{n} rows"))
        })
    })
    .await?;

    // A decision: click Approve on the first goal and time it until the next item is shown.
    let (name, row) = row_of_kind(&b, "Goal to review", &[]).await?;
    row.click().await?;
    b.wait_for_heading(2, &format!("{name}'s goal")).await?;
    b.screenshot("review-class-year-desktop").await?;
    let took = b
        .eval_async(
            "const t = performance.now();
             document.getElementById('review-primary').click();
             await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
             return Math.round(performance.now() - t);",
        )
        .await?;
    b.wait_for_role_with_text(Role::Status, &format!("Approved {name}'s goal."))
        .await?;
    wait_for_count(&b, queue.len() - 1).await?;
    let goals_left = rows(&b)
        .await?
        .iter()
        .filter(|r| r.0.contains(QueueKind::Goal.label()))
        .count();
    ensure!(
        goals_left + 1 == queue.iter().filter(|i| i.kind == QueueKind::Goal).count(),
        "one goal fewer to review"
    );
    println!(
        "class year: {} records, {} waiting; queue shown {shown_at} ms after navigation \
         (wasm start and loading included); approve to next item painted in {took} ms",
        data.len(),
        queue.len()
    );
    no_axe_violations(&b, "the class-year queue").await?;

    // An own idea: the idea and the why, an empty request refused, then sent back.
    let (student, row) = row_of_kind(&b, QueueKind::OwnIdea.label(), &[]).await?;
    row.click().await?;
    b.wait_for_heading(2, &format!("{student}'s own idea"))
        .await?;
    let parts = b.texts(".review-part dt").await?;
    ensure!(
        parts.starts_with(&["Their idea".to_string(), "Why it fits them".to_string()]),
        "the idea and the why are shown: {parts:?}"
    );
    ensure!(
        b.texts(".review-part dd").await?[0].contains("stop-motion"),
        "the idea's words are shown"
    );
    b.find_role(Role::Button, "Request changes")
        .await?
        .click()
        .await?;
    b.wait_for_alert("Write what should change first").await?;
    no_axe_violations(&b, "an own idea with the empty-comment message").await?;
    b.find_role(Role::Textbox, &format!("Your comment to {student}"))
        .await?
        .send_keys("Lovely idea! Can you say which scenes you will film?")
        .await?;
    b.find_role(Role::Button, "Request changes")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(
        Role::Status,
        &format!("Asked {student} for changes to their idea."),
    )
    .await?;
    wait_for_count(&b, queue.len() - 2).await?;
    let stored = stored_with(&b, "which scenes you will film").await?;
    ensure!(
        stored.len() == 1 && stored[0].contains("\"st\":\"cr\""),
        "the idea is stored as 'changes requested': {stored:?}"
    );
    Ok(())
}
