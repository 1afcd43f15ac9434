//! What matters now comes first (issue 21, item 3): on a 1366x768 screen a student sees
//! the next thing to do without scrolling, on "My path" ("Start my path"; then the step
//! to do now, its ways in and "Where am I?") and in the goal builder (the part to write
//! now). The rest is folded ("More about this step", the other parts of a goal), and
//! every folded control is still reached by keyboard: open the fold, Tab, and it has
//! focus. Screenshots of the first screen at 1366x768 and of the whole page at 360 wide.

use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start_with, Browser, BrowserOptions, Element, Result, Role,
    DEFAULT_TIMEOUT, DESKTOP, MOBILE,
};

/// The sample class plus a fresh student "Robin" (no path yet); returns Robin's path
/// ("/student/<id>").
async fn fresh_student(b: &Browser) -> Result<String> {
    b.try_sample_class().await?;
    b.type_into("Student name", "Robin").await?;
    b.click_button("Add student").await?;
    b.wait_for_role_with_text(Role::Status, "Added 1 student.")
        .await?;
    b.choose_student("Robin").await
}

/// Opens `path` afresh (scrolled to the top) and waits for its h1.
async fn open_fresh(b: &Browser, path: &str, h1: &str) -> Result<()> {
    b.goto(path).await?;
    b.wait_for_heading(1, h1).await?;
    b.execute("window.scrollTo(0, 0);", vec![]).await?;
    Ok(())
}

/// The page's height in CSS pixels.
async fn page_height(b: &Browser) -> Result<u64> {
    Ok(
        b.execute("return document.documentElement.scrollHeight;", vec![])
            .await?
            .as_u64()
            .unwrap_or(0),
    )
}

/// Fails unless `el` (called `what`) is wholly on the first screen: the page is not
/// scrolled, and the element's box lies between the top and the bottom of the window.
async fn on_first_screen(b: &Browser, el: &Element, what: &str) -> Result<()> {
    let v = b
        .execute(
            "const r = arguments[0].getBoundingClientRect();
             return [r.top, r.bottom, r.width, window.innerHeight, window.scrollY];",
            vec![serde_json::to_value(el)?],
        )
        .await?;
    let n = |i: usize| v[i].as_f64().unwrap_or(f64::NAN);
    let (top, bottom, width, inner, scrolled) = (n(0), n(1), n(2), n(3), n(4));
    ensure!(
        scrolled == 0.0,
        "the page should not be scrolled ({scrolled} px)"
    );
    ensure!(
        width > 0.0 && top >= 0.0 && bottom <= inner,
        "{what} should be visible without scrolling: it spans {top:.0}..{bottom:.0} px, the window is {inner:.0} px tall"
    );
    Ok(())
}

/// Whether `el` is drawn (not inside a closed fold).
async fn is_shown(b: &Browser, el: &Element) -> Result<bool> {
    Ok(b.execute(
        "return arguments[0].getClientRects().length > 0;",
        vec![serde_json::to_value(el)?],
    )
    .await?
    .as_bool()
    .unwrap_or(false))
}

/// A folded control is reached by keyboard: the fold's button gets focus by Tab, Enter
/// opens it, and Tab then reaches the control `(role, name)`.
async fn open_fold_and_tab_to(
    b: &Browser,
    fold: &str,
    role: Role,
    name: &str,
    max_tabs: usize,
) -> Result<()> {
    let summary = b.find_role(Role::Button, fold).await?;
    // Start from just before the fold, as a keyboard user arriving there would.
    b.execute(
        "const s = arguments[0];
         s.setAttribute('tabindex', '-1'); s.focus(); s.removeAttribute('tabindex');",
        vec![serde_json::to_value(&summary)?],
    )
    .await?;
    b.press_shift_tab().await?;
    b.tab_to(Role::Button, fold, 1).await?;
    b.press_enter().await?;
    let control = b.wait_for_role(role, name).await?;
    ensure!(
        is_shown(b, &control).await?,
        "{role} {name:?} should show once {fold:?} is open"
    );
    b.tab_to(role, name, max_tabs).await?;
    Ok(())
}

#[tokio::test]
async fn the_path_shows_the_step_to_do_now_on_the_first_screen() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(DESKTOP)).await?;
    let me = fresh_student(&b).await?;
    let path = format!("{me}/path");
    // No path yet: "Start my path" comes before the board that explains each activity.
    open_fresh(&b, &path, "My path").await?;
    let start = b.wait_for_role(Role::Button, "Start my path").await?;
    b.screenshot("first-screen-path-empty-desktop").await?;
    on_first_screen(&b, &start, "\"Start my path\"").await?;
    start.click().await?;
    b.wait_for_role_with_text(Role::Status, "Your path has started")
        .await?;

    // A path of two steps, opened afresh: step 1 is the one to do now.
    open_fresh(&b, &path, "My path").await?;
    b.wait_for_role(Role::Heading(4), "Step 1: Mini-lesson")
        .await?;
    println!(
        "the path page with 2 steps is {} px tall at 1366x768",
        page_height(&b).await?
    );
    b.screenshot("first-screen-path-desktop").await?;
    b.full_page_screenshot("first-screen-path-desktop-whole")
        .await?;
    let started = b.find_role(Role::Radio, "Started: Mini-lesson").await?;
    on_first_screen(&b, &started, "\"Started\" for step 1").await?;
    on_first_screen(
        &b,
        &b.find_role(Role::Radio, "Done: Mini-lesson").await?,
        "\"Done\" for step 1",
    )
    .await?;
    // Step 2 waits, folded: its choices are not on screen until its fold opens.
    let later = b
        .find_all_role(Role::Radio, "Done: Read the short story")
        .await?;
    for el in &later {
        ensure!(
            !is_shown(&b, el).await?,
            "step 2's choices should wait in its fold"
        );
    }
    b.no_shared_control_names("the path with folds").await?;
    no_axe_violations(&b, "the path with step 1 to do now").await?;

    // Step 1 done: step 2 becomes the step to do now, its way in first.
    started.click().await?;
    b.wait_for_role_with_text(Role::Status, "This step is marked started.")
        .await?;
    b.find_role(Role::Radio, "Done: Mini-lesson")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Well done!")
        .await?;
    b.wait_for_focus(
        "Step 2: Read the short story",
        "focus to go to the step to do next",
    )
    .await?;
    open_fresh(&b, &path, "My path").await?;
    b.wait_for_role(Role::Radio, "Listen: Read the short story")
        .await?;
    b.screenshot("first-screen-path-step-2-desktop").await?;
    // Its next action is choosing a way in: every way is on the first screen.
    for name in ["Read: Read the short story", "Listen: Read the short story"] {
        on_first_screen(&b, &b.find_role(Role::Radio, name).await?, name).await?;
    }

    // Folded controls are reached by keyboard: the done step's note and the moves.
    let note = "Quick note (optional): Mini-lesson";
    ensure!(
        b.find_role(Role::Textbox, note).await.is_err(),
        "the note of a done step waits in its fold"
    );
    open_fold_and_tab_to(
        &b,
        "More about this step: Mini-lesson",
        Role::Textbox,
        note,
        12,
    )
    .await?;
    b.find_role(Role::Button, "Move down: Mini-lesson").await?;
    no_axe_violations(&b, "the path with a fold open").await?;

    // A phone: the whole page, looked at by a person.
    b.fit_viewport(MOBILE.0, MOBILE.1).await?;
    b.no_sideways_scroll("the path on a phone").await?;
    b.full_page_screenshot("first-screen-path-mobile").await?;
    no_axe_violations(&b, "the path on a phone").await?;
    Ok(())
}

/// The first learning target of the builder: (its checkbox, its name).
async fn first_target(b: &Browser) -> Result<(Element, String)> {
    poll("a learning target to pick", DEFAULT_TIMEOUT, || async {
        Ok(b.scan(None, Role::Checkbox)
            .await?
            .into_iter()
            .next()
            .map(|f| (f.element, f.name))
            .ok_or_else(|| "no checkbox yet".to_string()))
    })
    .await
}

#[tokio::test]
async fn the_goal_builder_shows_the_part_to_write_now_on_the_first_screen() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(DESKTOP)).await?;
    fresh_student(&b).await?;
    b.wait_for_role(Role::Link, "My goals")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, "My goals").await?;
    b.click_button("Start a new goal").await?;
    b.wait_for_heading(2, "Build your goal").await?;
    let goal = b.current_path().await?;

    // A new goal, opened afresh: part 1 (the learning target) is the part to write now.
    open_fresh(&b, &goal, "My goal").await?;
    let (target, target_name) = first_target(&b).await?;
    println!(
        "the goal builder (new goal) is {} px tall at 1366x768",
        page_height(&b).await?
    );
    b.screenshot("first-screen-goal-desktop").await?;
    on_first_screen(&b, &target, "the first learning target").await?;
    // The parts still to come are folded, each with its own button.
    ensure!(
        b.find_role(Role::Textbox, "I will …").await.is_err(),
        "part 2 should wait, folded"
    );
    b.no_shared_control_names("the goal builder with folds")
        .await?;
    no_axe_violations(&b, "a new goal").await?;

    // The target is picked: opened afresh, part 2 ("I will …") is the part to write now.
    target.click().await?;
    b.wait_for_role_with_text(Role::Status, "Saved").await?;
    open_fresh(&b, &goal, "My goal").await?;
    let i_will = b.wait_for_role(Role::Textbox, "I will …").await?;
    b.screenshot("first-screen-goal-part-2-desktop").await?;
    on_first_screen(&b, &i_will, "the \"I will …\" box").await?;
    on_first_screen(
        &b,
        &b.find_role(Role::Button, "I will practise … every … so that …")
            .await?,
        "the first sentence starter",
    )
    .await?;
    // Part 1 folded keeps what was picked, in words, and reopens by keyboard.
    open_fold_and_tab_to(&b, "What I'm learning", Role::Checkbox, &target_name, 6).await?;
    // A later part is reached the same way.
    open_fold_and_tab_to(&b, "Supports I need", Role::Textbox, "Support 1", 4).await?;
    no_axe_violations(&b, "the goal builder with parts open").await?;

    b.fit_viewport(MOBILE.0, MOBILE.1).await?;
    b.no_sideways_scroll("the goal builder on a phone").await?;
    b.full_page_screenshot("first-screen-goal-mobile").await?;
    no_axe_violations(&b, "the goal builder on a phone").await?;
    Ok(())
}
