//! "My path": a student with no path yet builds one (start, add a may-do, reorder by
//! keyboard with focus kept, a way in, started and done with a note), sees that a
//! must-do stays, chooses a product format with a reason, proposes their own idea and
//! sees it waiting for the teacher. Bad input gets kind messages and keeps the text.
//! The step to do now shows its choices; the rest of each step is reached through its
//! "More about this step".
//! A reload proves everything was saved. axe-core in every state, at both sizes.

use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start_with, Browser, BrowserOptions, Result, Role,
    DEFAULT_TIMEOUT, DESKTOP, MOBILE,
};

/// The sample class plus a fresh student "Robin" (no path, no format choice yet);
/// ends on Robin's "My path" page.
async fn open_fresh_students_path(b: &Browser) -> Result<()> {
    b.goto("/teacher").await?;
    b.wait_for_role(Role::Button, "Try a sample class")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "You're exploring a sample class")
        .await?;
    b.wait_for_role(Role::Textbox, "Student name")
        .await?
        .send_keys("Robin")
        .await?;
    b.find_role(Role::Button, "Add student")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Added 1 student.")
        .await?;
    b.goto("/student").await?;
    b.wait_for_role(Role::Link, "Robin").await?.click().await?;
    b.wait_for_role(Role::Link, "My path")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, "My path").await?;
    b.wait_for_heading(2, "Short stories").await?;
    Ok(())
}

/// Waits until focus is on the field `label`, marked invalid, with an error that
/// contains `text` in its description (the message under the field).
async fn wait_for_field_error(b: &Browser, label: &str, text: &str) -> Result<()> {
    b.wait_for_focus(label, "focus to move to the field that needs an answer")
        .await?;
    let (invalid, said) = poll("the message under the field", DEFAULT_TIMEOUT, || async {
        let v = b
            .execute(
                "const f = document.activeElement;
                 const ids = (f.getAttribute('aria-describedby') || '').split(' ');
                 const said = ids.map(i => document.getElementById(i))
                   .filter(e => e && e.offsetParent !== null).map(e => e.textContent).join(' ');
                 return [f.getAttribute('aria-invalid'), said];",
                vec![],
            )
            .await?;
        let invalid = v[0].as_str().unwrap_or("").to_string();
        let said = v[1].as_str().unwrap_or("").to_string();
        Ok(if said.contains(text) {
            Ok((invalid, said))
        } else {
            Err(said)
        })
    })
    .await?;
    ensure!(
        invalid == "true",
        "the field should be marked invalid (aria-invalid), says {said:?}"
    );
    Ok(())
}

/// Opens "More about this step" of the step `title`: a step's note and moves, and all
/// the choices of a step that is not the one to do now, wait there. Open stays open.
async fn open_step_fold(b: &Browser, title: &str) -> Result<()> {
    let button = b
        .wait_for_role(Role::Button, &format!("More about this step: {title}"))
        .await?;
    if button.attr("aria-expanded").await?.as_deref() != Some("true") {
        button.click().await?;
    }
    Ok(())
}

async fn step_names(b: &Browser) -> Result<Vec<String>> {
    b.texts(".step-name").await
}

/// Polls until the steps are exactly `want`.
async fn wait_for_steps(b: &Browser, want: &[&str]) -> Result<()> {
    poll("the steps of the path", DEFAULT_TIMEOUT, || async move {
        let now = step_names(b).await?;
        Ok(if now == want {
            Ok(())
        } else {
            Err(format!("{now:?}"))
        })
    })
    .await
}

/// The whole story at one window size; `tag` names the screenshots.
async fn build_choose_and_reload(size: (u32, u32), tag: &str) -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(size)).await?;
    open_fresh_students_path(&b).await?;

    // Empty: the board with must-dos and may-dos, and "Start my path".
    let board = b.texts(".activity-title").await?;
    ensure!(
        board
            == [
                "Mini-lesson",
                "Read the short story",
                "Take notes",
                "Vocabulary game"
            ],
        "the board for a new student: {board:?}"
    );
    ensure!(
        b.texts(".tag-must").await?.len() == 2 && b.texts(".tag-may").await?.len() == 2,
        "must-dos and may-dos should be labelled in words"
    );
    b.full_page_screenshot(&format!("path-empty-{tag}")).await?;
    no_axe_violations(&b, "an empty path").await?;

    b.find_role(Role::Button, "Start my path")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Your path has started")
        .await?;
    wait_for_steps(&b, &["Mini-lesson", "Read the short story"]).await?;
    ensure!(
        b.texts(".may-do-count").await? == ["Choose 2 more may-dos."],
        "the may-dos still needed: {:?}",
        b.texts(".may-do-count").await?
    );

    // Add a may-do.
    b.find_role(Role::Button, "Add to my path: Take notes")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Added “Take notes” to the end of your path.")
        .await?;
    wait_for_steps(&b, &["Mini-lesson", "Read the short story", "Take notes"]).await?;
    ensure!(
        b.texts(".may-do-count").await? == ["Choose 1 more may-do."],
        "after adding one may-do: {:?}",
        b.texts(".may-do-count").await?
    );

    // A must-do has no Remove button; it says why. A may-do has one.
    ensure!(
        b.find_role(Role::Button, "Remove: Mini-lesson")
            .await
            .is_err(),
        "a must-do must not offer Remove"
    );
    let notes = b.texts(".must-note").await?;
    ensure!(
        notes.len() == 2 && notes[0].contains("This one is a must-do: everyone does it"),
        "must-dos should explain why they stay: {notes:?}"
    );
    open_step_fold(&b, "Take notes").await?;
    b.find_role(Role::Button, "Remove: Take notes").await?;

    // Reorder by keyboard: focus "Move down", press Enter; focus stays on that button.
    open_step_fold(&b, "Mini-lesson").await?;
    let down = b.find_role(Role::Button, "Move down: Mini-lesson").await?;
    down.send_keys("\u{E007}").await?;
    wait_for_steps(&b, &["Read the short story", "Mini-lesson", "Take notes"]).await?;
    poll(
        "focus to stay on the moved step's button",
        DEFAULT_TIMEOUT,
        || async {
            let name = b.active_element_name().await?;
            Ok(if name == "Move down: Mini-lesson" {
                Ok(())
            } else {
                Err(name)
            })
        },
    )
    .await?;
    b.wait_for_role_with_text(Role::Status, "Moved “Mini-lesson” to step 2.")
        .await?;
    // Moving the first step up is refused kindly, and nothing moves.
    open_step_fold(&b, "Read the short story").await?;
    b.find_role(Role::Button, "Move up: Read the short story")
        .await?
        .send_keys("\u{E007}")
        .await?;
    b.wait_for_role_with_text(Role::Status, "is already the first step")
        .await?;
    ensure!(
        step_names(&b).await? == ["Read the short story", "Mini-lesson", "Take notes"],
        "a refused move changed the order"
    );

    // Every control has a name of its own: the way in "Listen" and the button that
    // reads the step aloud are told apart.
    b.no_shared_control_names("the path with its steps").await?;
    b.find_role(Role::Button, "Read to me: Read the short story")
        .await?;
    // A way in for a step.
    b.find_role(Role::Radio, "Listen: Read the short story")
        .await?
        .click()
        .await?;
    poll("the way in to be chosen", DEFAULT_TIMEOUT, || async {
        Ok(
            if b.is_checked(Role::Radio, "Listen: Read the short story")
                .await?
            {
                Ok(())
            } else {
                Err("not checked".to_string())
            },
        )
    })
    .await?;

    // Started, then done, with a note (emoji and right-to-left text). Mini-lesson is
    // step 2 now: its choices are in its fold (still open from moving it).
    b.find_role(Role::Radio, "Started: Mini-lesson")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "This step is marked started.")
        .await?;
    b.find_role(Role::Radio, "Done: Mini-lesson")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Well done!")
        .await?;
    // Done: the step to do now is the one not done yet, and the keyboard goes there.
    b.wait_for_focus(
        "Step 1: Read the short story",
        "focus to go to the step to do now",
    )
    .await?;
    let note = "Finished early 🎉 أنهيت";
    b.find_role(Role::Textbox, "Quick note (optional): Mini-lesson")
        .await?
        .send_keys(note)
        .await?;
    b.find_role(Role::Button, "Save note: Mini-lesson")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Your note is saved.")
        .await?;
    let progress = b.texts(".progress-words").await?;
    ensure!(
        progress == ["1 of 3 steps done (33%)"],
        "progress after one step done: {progress:?}"
    );
    ensure!(
        b.texts(".bar.pct-30").await?.len() == 1,
        "the bar should show 30%"
    );

    // Format: nothing picked, then no reason: kind messages.
    b.find_role(Role::Button, "Choose this")
        .await?
        .click()
        .await?;
    b.wait_for_alert("Please choose one of the ways first")
        .await?;
    b.find_role(Role::Radio, "Infographic")
        .await?
        .click()
        .await?;
    b.set_text("Why does this fit me? (one sentence)", "   ")
        .await?;
    b.find_role(Role::Button, "Choose this")
        .await?
        .click()
        .await?;
    // The message names the question, sits under it, and focus goes there.
    wait_for_field_error(
        &b,
        "Why does this fit me? (one sentence)",
        "Please answer “Why does this fit me?” in one sentence.",
    )
    .await?;
    ensure!(
        b.field_value("Why does this fit me? (one sentence)")
            .await?
            == "   ",
        "the text typed must stay in the field"
    );
    // The question (with its message under it) is the last thing before the button:
    // one Tab away, and nothing in between on screen.
    b.tab_to(Role::Button, "Choose this", 1).await?;
    let gap = b
        .execute(
            "const f = document.querySelector('.why-field').getBoundingClientRect();
             const btn = document.activeElement.getBoundingClientRect();
             return btn.top - f.bottom;",
            vec![],
        )
        .await?
        .as_f64()
        .unwrap_or(f64::MAX);
    ensure!(
        (0.0..80.0).contains(&gap),
        "\"Choose this\" should sit right under the question (gap {gap} px)"
    );
    b.full_page_screenshot(&format!("path-error-{tag}")).await?;
    no_axe_violations(&b, "the format menu with an error").await?;

    // Too long: the message says so and the text stays.
    let long = "a".repeat(10_001);
    b.set_text("Why does this fit me? (one sentence)", &long)
        .await?;
    b.find_role(Role::Button, "Choose this")
        .await?
        .click()
        .await?;
    wait_for_field_error(
        &b,
        "Why does this fit me? (one sentence)",
        "10001 characters long",
    )
    .await?;
    ensure!(
        b.field_value("Why does this fit me? (one sentence)")
            .await?
            .len()
            == 10_001,
        "a long text must stay in the field"
    );
    b.set_text("Why does this fit me? (one sentence)", "")
        .await?;
    b.find_role(Role::Textbox, "Why does this fit me? (one sentence)")
        .await?
        .send_keys("I like drawing 🎨 and facts")
        .await?;
    b.find_role(Role::Button, "Choose this")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Your choice is saved.")
        .await?;
    let chosen = b.texts(".chosen-format").await?;
    ensure!(
        chosen == ["My choice: Infographic"],
        "the chosen format: {chosen:?}"
    );

    // "Choose something else": focus goes to the way chosen before, and the button to
    // save is two Tabs on (past the question).
    b.find_role(Role::Button, "Choose something else")
        .await?
        .click()
        .await?;
    b.wait_for_focus("Infographic", "focus on the format list")
        .await?;
    ensure!(
        b.active_element_role_and_name().await?.0 == "radio",
        "focus should be on a radio button of the list"
    );
    b.tab_to(Role::Button, "Choose this", 2).await?;

    // My own idea: empty first (kind message), then sent to the teacher.
    b.wait_for_role(Role::Radio, "My own idea")
        .await?
        .click()
        .await?;
    let idea_box = b
        .wait_for_role(Role::Textbox, "My idea, in my own words")
        .await?;
    idea_box.send_keys("  ").await?;
    b.find_role(Role::Button, "Send to my teacher")
        .await?
        .click()
        .await?;
    wait_for_field_error(
        &b,
        "My idea, in my own words",
        "Please describe your idea in “My idea, in my own words”",
    )
    .await?;
    b.set_text("My idea, in my own words", "").await?;
    b.find_role(Role::Textbox, "My idea, in my own words")
        .await?
        .send_keys("A stop-motion film with clay figures")
        .await?;
    b.set_text(
        "Why does this fit me? (one sentence)",
        "لأنني أحب الصلصال 🎬",
    )
    .await?;
    b.find_role(Role::Button, "Send to my teacher")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "waiting for your teacher's OK")
        .await?;
    let badge = b.texts(".state-badge").await?;
    ensure!(
        badge == ["Waiting for teacher"],
        "the own idea should wait for the teacher: {badge:?}"
    );
    b.full_page_screenshot(&format!("path-filled-{tag}"))
        .await?;
    no_axe_violations(&b, "a filled path with a proposal").await?;

    // Reload: everything was saved.
    b.reload().await?;
    b.wait_for_heading(1, "My path").await?;
    wait_for_steps(&b, &["Read the short story", "Mini-lesson", "Take notes"]).await?;
    ensure!(
        b.is_checked(Role::Radio, "Listen: Read the short story")
            .await?,
        "the way in was not kept"
    );
    open_step_fold(&b, "Mini-lesson").await?;
    ensure!(
        b.is_checked(Role::Radio, "Done: Mini-lesson").await?,
        "the step status was not kept"
    );
    ensure!(
        b.field_value("Quick note (optional): Mini-lesson").await? == note,
        "the note was not kept"
    );
    let idea = b.texts(".own-idea-text").await?;
    ensure!(
        idea == ["My idea: A stop-motion film with clay figures"],
        "the own idea after reload: {idea:?}"
    );
    ensure!(
        b.texts(".state-badge").await? == ["Waiting for teacher"],
        "the proposal's state after reload"
    );
    let why = b.texts(".why-text").await?;
    ensure!(
        why == ["Why it fits me: لأنني أحب الصلصال 🎬"],
        "the reason after reload: {why:?}"
    );
    // Earlier choices stay in the history.
    b.execute(
        "document.querySelector('.path-history').open = true;",
        vec![],
    )
    .await?;
    let history = b.texts(".history-list li").await?;
    ensure!(
        history.iter().any(|h| h.contains("Added “Take notes”"))
            && history
                .iter()
                .any(|h| h.contains("Moved “Mini-lesson” to step 2"))
            && history
                .iter()
                .any(|h| h.contains("Chose “Listen” for “Read the short story”")),
        "the history should keep every change: {history:?}"
    );
    no_axe_violations(&b, "the path after reload with the history open").await?;
    Ok(())
}

#[tokio::test]
async fn a_new_student_builds_a_path_chooses_formats_and_it_is_kept() -> Result<()> {
    build_choose_and_reload(DESKTOP, "desktop").await
}

#[tokio::test]
async fn on_a_phone_the_path_works_the_same_way() -> Result<()> {
    build_choose_and_reload(MOBILE, "mobile").await
}

#[tokio::test]
async fn listen_reads_aloud_or_explains_kindly() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    open_fresh_students_path(&b).await?;
    let listen = b.find_role(Role::Button, "Read to me: Mini-lesson").await?;
    ensure!(
        b.texts(".read-aloud-state")
            .await?
            .iter()
            .all(String::is_empty),
        "no player should say anything before Listen is pressed"
    );
    listen.click().await?;
    // Headless Chromium may or may not have voices: either the player reads (its state
    // and the highlighted text show) or it explains kindly. Either way something shows.
    let said = poll(
        "the Listen button to show what it is doing",
        DEFAULT_TIMEOUT,
        || async {
            let states: Vec<String> = b
                .texts(".read-aloud-state")
                .await?
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            Ok(match states.first() {
                Some(s) => Ok(s.clone()),
                None => Err("nothing yet".to_string()),
            })
        },
    )
    .await?;
    let known = [
        "Getting ready to read…",
        "Reading aloud…",
        "Finished reading.",
        "can't read aloud",
        "didn't start",
        "Something stopped the reading",
    ];
    ensure!(
        known.iter().any(|k| said.contains(k)),
        "unexpected player state: {said:?}"
    );
    // It settles: reading, finished, or a kind explanation (never stuck "getting ready").
    let settled = poll(
        "the player to settle",
        std::time::Duration::from_secs(8),
        || async {
            let s = b
                .texts(".read-aloud-state")
                .await?
                .into_iter()
                .find(|s| !s.is_empty())
                .unwrap_or_default();
            Ok(if s.is_empty() || s == "Getting ready to read…" {
                Err(s)
            } else {
                Ok(s)
            })
        },
    )
    .await?;
    if settled.contains("ask a friend") {
        // The explanation is shown as text, and Listen can be tried again.
        b.find_role(Role::Button, "Read to me: Mini-lesson").await?;
    } else {
        // It is reading (or has read): the text is shown to follow along.
        ensure!(
            !b.texts(".read-aloud-text").await?.is_empty(),
            "the text being read should be shown"
        );
    }
    eprintln!("The Listen player settled on: {settled:?}");
    let player = b
        .find_role(Role::Button, "Read to me: Mini-lesson")
        .await
        .ok();
    if let Some(el) = player {
        b.execute(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![serde_json::to_value(&el)?],
        )
        .await?;
    }
    b.screenshot("path-listen-mobile").await?;
    no_axe_violations(&b, "the Listen player").await?;

    // Drag and drop (mouse): the dragged step takes the place of the one it is dropped on.
    b.find_role(Role::Button, "Start my path")
        .await?
        .click()
        .await?;
    b.wait_for_role(Role::Button, "Add to my path: Take notes")
        .await?
        .click()
        .await?;
    wait_for_steps(&b, &["Mini-lesson", "Read the short story", "Take notes"]).await?;
    b.execute(
        r#"const steps = [...document.querySelectorAll('.path-steps > li')];
        const dt = new DataTransfer();
        const fire = (el, type) => el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        const handle = steps[2].querySelector('.step-head');
        fire(handle, 'dragstart');
        fire(steps[0], 'dragover');
        fire(steps[0], 'drop');
        fire(handle, 'dragend');"#,
        vec![],
    )
    .await?;
    wait_for_steps(&b, &["Take notes", "Mini-lesson", "Read the short story"]).await?;
    b.wait_for_role_with_text(Role::Status, "Moved it to step 1")
        .await?;
    Ok(())
}

/// `[name, suggestion]` for each card matching `card`, its name from `name`.
async fn suggestions(b: &Browser, card: &str, name: &str) -> Result<Vec<(String, String)>> {
    let v = b
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map((e) => [
                (e.querySelector(arguments[1]) || { textContent: '' }).textContent.trim(),
                (e.querySelector('.suggest') || { textContent: '' }).textContent.trim(),
            ]);",
            vec![card.into(), name.into()],
        )
        .await?;
    Ok(serde_json::from_value(v)?)
}

#[tokio::test]
async fn interests_from_all_about_me_suggest_and_never_restrict() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(DESKTOP)).await?;
    open_fresh_students_path(&b).await?;
    ensure!(
        b.texts(".suggest").await?.is_empty(),
        "no suggestions before the student says what they like"
    );
    b.find_role(Role::Link, "All about me")
        .await?
        .click()
        .await?;
    for interest in ["drawing", "video games"] {
        b.wait_for_role(Role::Textbox, "Add something you love")
            .await?
            .send_keys(interest)
            .await?;
        b.find_role(Role::Button, "Add: Things I love")
            .await?
            .click()
            .await?;
        b.wait_for_role_with_text(Role::Status, &format!("Added “{interest}”."))
            .await?;
    }
    b.find_role(Role::Link, "My path").await?.click().await?;
    b.wait_for_heading(1, "My path").await?;
    b.wait_for_role(Role::Radio, "Infographic").await?;
    let formats = suggestions(&b, ".format-option", ".format-name").await?;
    let said = |list: &[(String, String)], name: &str| {
        list.iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| format!("(no {name})"))
    };
    ensure!(
        said(&formats, "Infographic").contains("Matches your interest in drawing"),
        "drawing should suggest the infographic: {formats:?}"
    );
    ensure!(
        said(&formats, "Video script").contains("Matches your interest in video games"),
        "video games should suggest the video script: {formats:?}"
    );
    ensure!(
        said(&formats, "Essay").is_empty(),
        "nothing suggests the essay: {formats:?}"
    );
    let activities = suggestions(&b, ".activity", ".activity-title").await?;
    ensure!(
        said(&activities, "Vocabulary game").contains("Matches your interest in video games"),
        "video games should suggest the vocabulary game: {activities:?}"
    );
    ensure!(
        said(&activities, "Mini-lesson").is_empty(),
        "nothing suggests the mini-lesson: {activities:?}"
    );
    // A suggestion, never a restriction: every format can still be chosen.
    for name in [
        "Essay",
        "Website",
        "Infographic",
        "Video script",
        "My own idea",
    ] {
        b.find_role(Role::Radio, name).await?;
    }
    b.find_role(Role::Radio, "Essay").await?.click().await?;
    b.find_role(Role::Textbox, "Why does this fit me? (one sentence)")
        .await?
        .send_keys("I want to practise writing")
        .await?;
    b.find_role(Role::Button, "Choose this")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Your choice is saved.")
        .await?;
    ensure!(
        b.texts(".chosen-format").await? == ["My choice: Essay"],
        "a format without a suggestion can be chosen"
    );
    b.full_page_screenshot("path-interests-desktop").await?;
    no_axe_violations(&b, "the path with suggestions").await?;
    Ok(())
}
