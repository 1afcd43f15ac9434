//! "My goals" and the guided goal builder: a student drafts a goal step by step (targets,
//! a sentence starter, a criterion, plan steps, a support, a date), the draft survives a
//! reload with focus never lost while typing, is sent, taken back and sent again; bad input
//! (empty, 10,001 characters, emoji, right-to-left, a date in the past) is answered kindly
//! and kept; a goal sent back by the teacher shows the comment beside its part and is sent
//! again; approved and achieved goals; another student's goal is never shown. axe-core on
//! every state reached, at 1366x768 and 360 wide. The part to write now is open; the
//! others are folded and opened by their heading button or "Next".

use std::time::Duration;

use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start, start_with, Browser, BrowserOptions, Element, Error,
    Result, Role, DEFAULT_TIMEOUT, MOBILE,
};

/// A screenshot of the whole page at `width`: the window is made as tall as the page.
async fn full_page_shot(b: &Browser, name: &str, width: u32) -> Result<()> {
    let h = b
        .execute("return document.documentElement.scrollHeight;", vec![])
        .await?
        .as_u64()
        .unwrap_or(768) as u32;
    b.fit_viewport(width, h.clamp(300, 6000)).await?;
    b.screenshot(name).await?;
    Ok(())
}

/// axe at 1366x768 and at 360 wide, with a whole-page screenshot of each, then back to
/// `back`.
async fn audit_both_sizes(b: &Browser, name: &str, back: (u32, u32)) -> Result<()> {
    b.fit_viewport(1366, 768).await?;
    no_axe_violations(b, &format!("{name} at 1366x768")).await?;
    full_page_shot(b, &format!("goals-{name}-desktop"), 1366).await?;
    b.fit_viewport(MOBILE.0, MOBILE.1).await?;
    no_axe_violations(b, &format!("{name} at 360 wide")).await?;
    full_page_shot(b, &format!("goals-{name}-mobile"), MOBILE.0).await?;
    b.fit_viewport(back.0, back.1).await?;
    Ok(())
}

/// Loads the sample class and opens the student area of the sample student `first`;
/// returns the student's app path ("/student/<id>").
async fn open_sample_student(b: &Browser, first: &str) -> Result<String> {
    b.goto("/teacher").await?;
    b.wait_for_role(Role::Button, "Try a sample class")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "You're exploring a sample class")
        .await?;
    b.goto("/student").await?;
    let link = poll(
        &format!("a link for {first}"),
        DEFAULT_TIMEOUT,
        || async move {
            let links = b.scan(None, Role::Link).await?;
            Ok(links
                .into_iter()
                .find(|l| l.name.starts_with(first))
                .map(|l| l.element)
                .ok_or_else(|| "no such link yet".to_string()))
        },
    )
    .await?;
    link.click().await?;
    b.wait_for_role(Role::Link, "My goals").await?;
    b.current_path().await
}

async fn go_to_my_goals(b: &Browser) -> Result<()> {
    b.wait_for_role(Role::Link, "My goals")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, "My goals").await?;
    Ok(())
}

async fn value_of(el: &Element) -> Result<String> {
    Ok(el.prop("value").await?.unwrap_or_default())
}

/// Waits until the textbox named `name` holds `want`.
async fn wait_for_value(b: &Browser, role: Role, name: &str, want: &str) -> Result<()> {
    poll(
        &format!("{role} {name:?} to hold {want:?}"),
        DEFAULT_TIMEOUT,
        || async move {
            let el = b.find_role(role, name).await?;
            let v = value_of(&el).await?;
            Ok(if v == want {
                Ok(())
            } else {
                Err(format!("{v:?}"))
            })
        },
    )
    .await
}

/// Sets a field's value as a paste would, and tells the app (an `input` event).
async fn paste_into(b: &Browser, css_id: &str, value: &str) -> Result<()> {
    b.execute(
        "const el = document.getElementById(arguments[0]);
         el.focus();
         el.value = arguments[1];
         el.dispatchEvent(new Event('input', { bubbles: true }));
         el.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![css_id.into(), value.into()],
    )
    .await?;
    Ok(())
}

async fn wait_for_focus(b: &Browser, name: &str) -> Result<()> {
    poll(&format!("focus on {name:?}"), DEFAULT_TIMEOUT, || async {
        let n = b.active_element_name().await?;
        Ok(if n == name { Ok(()) } else { Err(n) })
    })
    .await
}

/// Opens the builder's part `name` by its heading button (the part to write now is open
/// already; the others are folded). Open stays open.
async fn open_part(b: &Browser, name: &str) -> Result<()> {
    let button = b.wait_for_role(Role::Button, name).await?;
    if button.attr("aria-expanded").await?.as_deref() != Some("true") {
        button.click().await?;
    }
    Ok(())
}

async fn wait_saved(b: &Browser) -> Result<()> {
    b.wait_for_role_with_text(Role::Status, "Saved").await?;
    Ok(())
}

/// How many "your teacher changed this part" marks the builder part `part` shows.
async fn marks_in(b: &Browser, part: &str) -> Result<usize> {
    let region = b.find_role(Role::Region, part).await?;
    Ok(region
        .find_all(fantoccini::Locator::Css(".teacher-mark"))
        .await?
        .len())
}

/// The text of the history list.
async fn history(b: &Browser) -> Result<Vec<String>> {
    b.texts(".goal-history-list .history-what").await
}

#[tokio::test]
async fn a_student_drafts_a_goal_step_by_step_and_it_survives_reload_send_and_take_back(
) -> Result<()> {
    let (_server, b) = start().await?;
    open_sample_student(&b, "Amara").await?;
    go_to_my_goals(&b).await?;
    // The sample student has goals in every state, grouped in the student's words.
    let groups = b.heading_names(2).await?;
    for want in [
        "My teacher asked for changes (1)",
        "Being written (1)",
        "Waiting for my teacher (1)",
        "Approved — I'm working on it (1)",
        "Achieved (1)",
    ] {
        ensure!(
            groups.iter().any(|g| g == want),
            "My goals should have the group {want:?}: {groups:?}"
        );
    }
    audit_both_sizes(&b, "list", (1366, 768)).await?;

    b.find_role(Role::Button, "Start a new goal")
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Build your goal").await?;
    ensure!(
        b.current_path().await?.contains("/goals/"),
        "the new goal should have its own address"
    );
    // An empty draft gets gentle tips, not errors.
    let tips = b.texts(".goal-checklist li:not(.done)").await?;
    ensure!(
        tips.len() == 5 && tips.iter().any(|t| t.contains("Pick the learning target")),
        "an empty goal should show five tips: {tips:?}"
    );
    audit_both_sizes(&b, "builder-empty", (1366, 768)).await?;

    // 1. A target.
    let target = b
        .scan(None, Role::Checkbox)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| wayfinder_e2e::Error::msg("no learning target to pick"))?;
    let target_name = target.name.clone();
    target.element.click().await?;
    // "Next" folds the part and opens the next one, with the keyboard on its heading.
    b.click_button("Next: What I will do").await?;
    wait_for_focus(&b, "What I will do").await?;
    ensure!(
        b.find_role(Role::Checkbox, &target_name).await.is_err(),
        "part 1 should fold once the student goes on"
    );
    // 2. "I will" from a starter: the first gap is selected, so typing fills it.
    b.find_role(Role::Button, "I will practise … every … so that …")
        .await?
        .click()
        .await?;
    b.wait_for_focus("I will …", "the starter to put the caret in the I will box")
        .await?;
    let i_will = b.find_role(Role::Textbox, "I will …").await?;
    i_will.send_keys("reading").await?;
    wait_for_value(
        &b,
        Role::Textbox,
        "I will …",
        "I will practise reading every … so that …",
    )
    .await?;
    wait_saved(&b).await?;
    // Typing after a save continues where the caret was: the form was not rebuilt.
    tokio::time::sleep(Duration::from_millis(600)).await;
    i_will.send_keys(" 📚").await?;
    tokio::time::sleep(Duration::from_millis(600)).await;
    i_will.send_keys("!").await?;
    ensure!(
        b.active_element_name().await? == "I will …",
        "focus left the I will box while saving"
    );
    let want_i_will = "I will practise reading 📚! every … so that …";
    wait_for_value(&b, Role::Textbox, "I will …", want_i_will).await?;
    // 3. A criterion, 4. two plan steps, 5. a support in Arabic, 6. a date.
    b.click_button("Next: How I'll know I've got it").await?;
    b.wait_for_role(Role::Textbox, "I'll know I've got it when 1")
        .await?
        .send_keys("I can read a chapter without stopping")
        .await?;
    b.click_button("Next: My plan").await?;
    b.wait_for_role(Role::Textbox, "Step 1")
        .await?
        .send_keys("Pick a book on Monday")
        .await?;
    b.find_role(Role::Button, "Add a step")
        .await?
        .click()
        .await?;
    wait_for_focus(&b, "Step 2").await?;
    b.find_role(Role::Textbox, "Step 2")
        .await?
        .send_keys("Read 20 minutes a day")
        .await?;
    // A step added by mistake is removed; focus goes to the step before it.
    b.find_role(Role::Button, "Add a step")
        .await?
        .click()
        .await?;
    wait_for_focus(&b, "Step 3").await?;
    b.find_role(Role::Textbox, "Step 3")
        .await?
        .send_keys("Oops")
        .await?;
    b.find_role(Role::Button, "Remove Step 3")
        .await?
        .click()
        .await?;
    wait_for_focus(&b, "Step 2").await?;
    ensure!(
        b.find_all_role(Role::Textbox, "Step 3").await?.is_empty(),
        "the removed step is gone"
    );
    b.click_button("Next: Supports I need").await?;
    b.wait_for_role(Role::Textbox, "Support 1")
        .await?
        .send_keys("مساعدة في القراءة")
        .await?;
    let dir = b
        .find_role(Role::Textbox, "Support 1")
        .await?
        .attr("dir")
        .await?;
    ensure!(dir.as_deref() == Some("auto"), "inputs need dir=auto");
    b.click_button("Next: By when").await?;
    wait_for_focus(&b, "By when").await?;
    paste_into(&b, "goal-date", "2031-06-15").await?;
    wait_saved(&b).await?;
    let done = b.texts(".goal-checklist li.done").await?;
    ensure!(done.len() == 5, "every tip should be done now: {done:?}");
    audit_both_sizes(&b, "builder-filled", (1366, 768)).await?;

    // Reload: every part is still there, exactly as typed.
    tokio::time::sleep(Duration::from_millis(500)).await;
    b.reload().await?;
    b.wait_for_heading(2, "Build your goal").await?;
    // Every part is written: each is folded to a line that says it in the student's words.
    let so_far = b.texts(".goal-step-so-far").await?;
    ensure!(
        so_far.len() == 6
            && so_far.iter().any(|t| t == want_i_will)
            && so_far
                .iter()
                .any(|t| t == "Pick a book on Monday (and 1 more)")
            && so_far.iter().any(|t| t == "By 15 June 2031"),
        "the folded parts should say what they hold: {so_far:?}"
    );
    for part in [
        "What I'm learning",
        "What I will do",
        "How I'll know I've got it",
        "My plan",
        "Supports I need",
    ] {
        open_part(&b, part).await?;
    }
    wait_for_value(&b, Role::Textbox, "I will …", want_i_will).await?;
    for (name, want) in [
        (
            "I'll know I've got it when 1",
            "I can read a chapter without stopping",
        ),
        ("Step 1", "Pick a book on Monday"),
        ("Step 2", "Read 20 minutes a day"),
        ("Support 1", "مساعدة في القراءة"),
    ] {
        wait_for_value(&b, Role::Textbox, name, want).await?;
    }
    let date = b
        .execute("return document.getElementById('goal-date').value;", vec![])
        .await?;
    ensure!(date == "2031-06-15", "the date after reload: {date}");
    let checked = b.find_role(Role::Checkbox, &target_name).await?;
    ensure!(
        checked.prop("checked").await?.as_deref() == Some("true"),
        "the picked target should still be ticked"
    );

    // Send, take back, send again.
    b.find_role(Role::Button, "Send to my teacher")
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Waiting for your teacher").await?;
    let summary = b.texts(".goal-i-will").await?;
    ensure!(
        summary == [want_i_will],
        "the waiting goal shows what was written: {summary:?}"
    );
    audit_both_sizes(&b, "waiting", (1366, 768)).await?;
    b.find_role(Role::Button, "Take it back")
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Build your goal").await?;
    open_part(&b, "What I will do").await?;
    wait_for_value(&b, Role::Textbox, "I will …", want_i_will).await?;
    b.find_role(Role::Button, "Send to my teacher")
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Waiting for your teacher").await?;
    let h = history(&b).await?;
    ensure!(
        h == [
            "Started",
            "Sent to the teacher",
            "Taken back to change it",
            "Sent to the teacher"
        ],
        "history: {h:?}"
    );
    let who = b.texts(".goal-history-list .history-meta").await?;
    ensure!(
        who.iter()
            .all(|w| w.starts_with("You · ") && w.contains(" at ")),
        "every step says who and when: {who:?}"
    );
    b.reload().await?;
    b.wait_for_heading(2, "Waiting for your teacher").await?;
    go_to_my_goals(&b).await?;
    b.wait_for_heading(2, "Waiting for my teacher (2)").await?;
    Ok(())
}

#[tokio::test]
async fn bad_input_is_answered_kindly_and_nothing_typed_is_lost() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    open_sample_student(&b, "Ben").await?;
    go_to_my_goals(&b).await?;
    b.find_role(Role::Button, "Start a new goal")
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Build your goal").await?;
    // "Start a new goal" again opens the same blank draft instead of piling up empty ones.
    let first = b.current_path().await?;
    go_to_my_goals(&b).await?;
    b.find_role(Role::Button, "Start a new goal")
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Build your goal").await?;
    ensure!(
        b.current_path().await? == first,
        "a second blank draft was started"
    );

    // Empty, then only spaces: a kind message, the draft stays a draft.
    b.find_role(Role::Button, "Send to my teacher")
        .await?
        .click()
        .await?;
    b.wait_for_alert("Write what you will do").await?;
    // The part it is about opens, with the keyboard in its box.
    wait_for_focus(&b, "I will …").await?;
    let i_will = b.find_role(Role::Textbox, "I will …").await?;
    i_will.send_keys("   ").await?;
    b.find_role(Role::Button, "Send to my teacher")
        .await?
        .click()
        .await?;
    b.wait_for_alert("Write what you will do").await?;
    b.wait_for_heading(2, "Build your goal").await?;
    wait_for_value(&b, Role::Textbox, "I will …", "   ").await?;

    // 10,001 characters: refused with the limit, kept on screen, not sent.
    let long = format!("I will {}", "a".repeat(10_001 - 7));
    paste_into(&b, "goal-i-will", &long).await?;
    let status = b
        .wait_for_role_with_text(Role::Status, "Not saved:")
        .await?
        .text()
        .await?;
    ensure!(
        status.contains("10001") && status.contains("10000") && status.contains("still here"),
        "the limit should be explained kindly: {status:?}"
    );
    let kept = value_of(&b.find_role(Role::Textbox, "I will …").await?).await?;
    ensure!(kept == long, "the long text must stay on screen");
    let invalid = b
        .find_role(Role::Textbox, "I will …")
        .await?
        .attr("aria-invalid")
        .await?;
    ensure!(
        invalid.as_deref() == Some("true"),
        "the box is marked invalid"
    );
    b.find_role(Role::Button, "Send to my teacher")
        .await?
        .click()
        .await?;
    b.wait_for_alert("wasn't sent yet").await?;
    b.wait_for_heading(2, "Build your goal").await?;
    audit_both_sizes(&b, "builder-errors", MOBILE).await?;

    // Emoji and right-to-left text save as typed; a short "I will" gets a nudge.
    paste_into(&b, "goal-i-will", "").await?;
    let i_will = b.find_role(Role::Textbox, "I will …").await?;
    i_will.send_keys("I will 📚").await?;
    b.wait_for_role_with_text(Role::Status, "Saved").await?;
    let nudges = b.texts("#i-will-nudge").await?;
    ensure!(
        nudges.iter().any(|n| n.contains("say a bit more")),
        "a vague I will gets a nudge: {nudges:?}"
    );
    let rtl = "I will read كتاب every night 🌙";
    paste_into(&b, "goal-i-will", rtl).await?;
    // A date far in the past: a nudge, not a block.
    open_part(&b, "By when").await?;
    paste_into(&b, "goal-date", "1999-01-01").await?;
    b.wait_for_role_with_text(Role::Status, "Saved").await?;
    let nudges = b.texts("#date-nudge").await?;
    ensure!(
        nudges.iter().any(|n| n.contains("already passed")),
        "a past date gets a nudge: {nudges:?}"
    );
    ensure!(
        b.texts("#i-will-nudge").await?.iter().all(|n| n.is_empty()),
        "a specific I will has no nudge"
    );
    audit_both_sizes(&b, "builder-nudges", MOBILE).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    b.reload().await?;
    b.wait_for_heading(2, "Build your goal").await?;
    open_part(&b, "What I will do").await?;
    wait_for_value(&b, Role::Textbox, "I will …", rtl).await?;

    // Storage full: "Not saved", and the text stays; once there is room it saves.
    b.fill_local_storage("zz-goals-filler-").await?;
    let i_will = b.find_role(Role::Textbox, "I will …").await?;
    i_will.send_keys(" and tell my family").await?;
    let status = b
        .wait_for_role_with_text(Role::Status, "Not saved:")
        .await?
        .text()
        .await?;
    ensure!(
        status.contains("full"),
        "storage full is explained: {status:?}"
    );
    let typed = format!("{rtl} and tell my family");
    wait_for_value(&b, Role::Textbox, "I will …", &typed).await?;
    // Leaving the box does not pretend it was saved.
    open_part(&b, "My plan").await?;
    b.find_role(Role::Textbox, "Step 1").await?.click().await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    ensure!(
        b.wait_for_role_with_text(Role::Status, "Not saved:")
            .await
            .is_ok(),
        "a failed save must not turn into \"Saved\" on blur"
    );
    b.remove_local_storage_prefix("zz-goals-filler-").await?;
    b.find_role(Role::Textbox, "Step 1")
        .await?
        .send_keys("Read one page")
        .await?;
    wait_saved(&b).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    b.reload().await?;
    b.wait_for_heading(2, "Build your goal").await?;
    open_part(&b, "What I will do").await?;
    open_part(&b, "My plan").await?;
    wait_for_value(&b, Role::Textbox, "I will …", &typed).await?;
    wait_for_value(&b, Role::Textbox, "Step 1", "Read one page").await?;

    // A draft that never went to the teacher can be thrown away, after a question.
    b.find_role(Role::Button, "Delete this draft")
        .await?
        .click()
        .await?;
    b.wait_for_role(Role::Button, "Keep it")
        .await?
        .click()
        .await?;
    wait_for_focus(&b, "Delete this draft").await?;
    b.find_role(Role::Button, "Delete this draft")
        .await?
        .click()
        .await?;
    b.wait_for_role(Role::Button, "Yes, delete it")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, "My goals").await?;
    let cards = b.texts(".goal-card-link").await?;
    ensure!(
        !cards.iter().any(|c| c.contains("tell my family")),
        "the deleted draft is gone: {cards:?}"
    );
    b.reload().await?;
    b.wait_for_heading(1, "My goals").await?;
    let cards = b.texts(".goal-card-link").await?;
    ensure!(
        !cards.iter().any(|c| c.contains("tell my family")) && !cards.is_empty(),
        "the deleted draft stays gone after a reload: {cards:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_goal_sent_back_shows_the_comment_beside_its_part_and_is_sent_again() -> Result<()> {
    let (_server, b) = start().await?;
    open_sample_student(&b, "Carlos").await?;
    go_to_my_goals(&b).await?;
    let group = b
        .wait_for_role(Role::Region, "My teacher asked for changes (1)")
        .await?;
    group
        .find(fantoccini::Locator::Css("a"))
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Your teacher asked for changes")
        .await?;
    // The teacher also changed two parts with the student (as the review page does): they
    // are marked as the teacher's.
    let path = b.current_path().await?;
    let goal_id = path.rsplit('/').next().unwrap_or_default().to_string();
    let stored = b
        .stored_record("g", &goal_id)
        .await?
        .ok_or_else(|| Error(format!("goal {goal_id} is not stored")))?;
    let mut v: serde_json::Value = serde_json::from_str(&stored.json)
        .map_err(|e| Error(format!("the stored goal is not JSON: {e}")))?;
    v["te"] = serde_json::json!(["w", "p"]);
    b.replace_stored_record("g", &goal_id, &v.to_string())
        .await?;
    b.reload().await?;
    b.wait_for_heading(2, "Your teacher asked for changes")
        .await?;
    ensure!(
        marks_in(&b, "What I will do").await? == 1 && marks_in(&b, "My plan").await? == 1,
        "the parts the teacher changed are marked"
    );
    ensure!(
        marks_in(&b, "How I'll know I've got it").await? == 0,
        "a part the teacher did not change is not marked"
    );
    // The student's own change of a part takes the teacher's mark away.
    paste_into(&b, "goal-plan-0", "Read two chapters each night").await?;
    wait_saved(&b).await?;
    poll("the plan's mark to go", DEFAULT_TIMEOUT, || async {
        let n = marks_in(&b, "My plan").await?;
        Ok(if n == 0 {
            Ok(())
        } else {
            Err(format!("{n} marks"))
        })
    })
    .await?;
    ensure!(
        marks_in(&b, "What I will do").await? == 1,
        "the I will part is still the teacher's"
    );
    // The sample teacher's comment is about the success criteria: it sits in that part,
    // and nowhere else.
    let part = b
        .find_role(Role::Region, "How I'll know I've got it")
        .await?;
    let note = part
        .find(fantoccini::Locator::Css(".teacher-request"))
        .await?
        .text()
        .await?;
    ensure!(
        note.contains("Your teacher asked for this change"),
        "the request should be labelled: {note:?}"
    );
    let requests = b.texts(".goal-builder .teacher-request blockquote").await?;
    ensure!(
        requests.len() == 1,
        "one request, in one place: {requests:?}"
    );
    let why = b.texts(".goal-history-list blockquote").await?;
    ensure!(
        why.iter().any(|w| *w == requests[0]),
        "the history keeps the teacher's why: {why:?} vs {requests:?}"
    );
    // The student answers in the comment thread.
    b.find_role(Role::Textbox, "Write to your teacher about this goal")
        .await?
        .send_keys("OK! I changed how I'll know 👍")
        .await?;
    b.find_role(Role::Button, "Add my comment")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Your comment is added")
        .await?;
    let thread = b.texts(".goal-comment-list li").await?;
    ensure!(
        thread
            .iter()
            .any(|c| c.starts_with("You · ") && c.ends_with("I changed how I'll know 👍")),
        "the comment is in the thread: {thread:?}"
    );
    audit_both_sizes(&b, "changes-requested", (1366, 768)).await?;

    // Revise the part, send it again.
    let revised = "I can read 3 chapters and retell each one";
    paste_into(&b, "goal-criterion-0", revised).await?;
    wait_saved(&b).await?;
    b.reload().await?;
    b.wait_for_heading(2, "Your teacher asked for changes")
        .await?;
    wait_for_value(&b, Role::Textbox, "I'll know I've got it when 1", revised).await?;
    b.find_role(Role::Button, "Send to my teacher")
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Waiting for your teacher").await?;
    let h = history(&b).await?;
    ensure!(
        h.last().map(String::as_str) == Some("Sent to the teacher again")
            && h.iter().any(|x| x == "The teacher asked for changes"),
        "history after resubmitting: {h:?}"
    );
    let shown = b.texts(".goal-summary .goal-read-list li").await?;
    ensure!(
        shown.iter().any(|s| s == revised),
        "the revised criterion is shown: {shown:?}"
    );
    Ok(())
}

#[tokio::test]
async fn approved_and_achieved_goals_and_nobody_else_s_goal() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    let dana = open_sample_student(&b, "Dana").await?;
    go_to_my_goals(&b).await?;
    let approved = b
        .wait_for_role(Role::Region, "Approved — I'm working on it (1)")
        .await?
        .find(fantoccini::Locator::Css("a"))
        .await?;
    let approved_href = approved.attr("href").await?.unwrap_or_default();
    approved.click().await?;
    b.wait_for_heading(2, "Approved — you're working on it")
        .await?;
    // The sample may already have claimed it; start from "not claimed".
    if let Ok(not_yet) = b.find_role(Role::Button, "Not yet — take it back").await {
        not_yet.click().await?;
    }
    b.wait_for_role(Role::Button, "I did it!")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Your teacher will check it with you")
        .await?;
    let share = b.find_role(Role::Checkbox, "Share with my family").await?;
    let before = share.prop("checked").await?;
    share.click().await?;
    b.wait_for_role_with_text(Role::Status, "Your family")
        .await?;
    audit_both_sizes(&b, "approved", MOBILE).await?;
    b.reload().await?;
    b.wait_for_role(Role::Button, "Not yet — take it back")
        .await?;
    let after = b
        .find_role(Role::Checkbox, "Share with my family")
        .await?
        .prop("checked")
        .await?;
    ensure!(
        after != before,
        "the family choice was not kept: {before:?} {after:?}"
    );

    go_to_my_goals(&b).await?;
    b.wait_for_role(Role::Region, "Achieved (1)")
        .await?
        .find(fantoccini::Locator::Css("a"))
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "You did it!").await?;
    b.wait_for_heading(2, "The goal I reached").await?;
    audit_both_sizes(&b, "achieved", MOBILE).await?;

    // Another student's goal, or no goal at all: "We couldn't find this goal".
    let goal_id = approved_href
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    ensure!(goal_id.len() == 22, "a goal id in {approved_href:?}");
    b.goto("/student").await?;
    let other = poll("Eli's link", DEFAULT_TIMEOUT, || async {
        let links = b.scan(None, Role::Link).await?;
        Ok(links
            .into_iter()
            .find(|l| l.name.starts_with("Eli"))
            .map(|l| l.element)
            .ok_or_else(|| "no Eli yet".to_string()))
    })
    .await?;
    other.click().await?;
    b.wait_for_role(Role::Link, "My goals").await?;
    let eli = b.current_path().await?;
    ensure!(eli != dana, "a different student");
    b.goto(&format!("{eli}/goals/{goal_id}")).await?;
    b.wait_for_heading(1, "We couldn't find this goal").await?;
    let body = b.texts("main").await?.join(" ");
    ensure!(
        !body.contains("I did it") && !body.contains("History"),
        "nothing of Dana's goal may show: {body:?}"
    );
    audit_both_sizes(&b, "not-found", MOBILE).await?;
    b.find_role(Role::Link, "Back to My goals")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, "My goals").await?;
    Ok(())
}
