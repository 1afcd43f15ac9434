//! The teacher's set-up: create the class, add students by pasting a list (duplicates and
//! blank lines explained), archive and restore, delete with a confirmation that says what
//! goes, and the sample class that is removable in one step. Reloads prove persistence.

use wayfinder_e2e::{
    ensure, no_axe_violations, start, start_with, Browser, BrowserOptions, Result, Role, MOBILE,
};

async fn create_class(b: &Browser) -> Result<()> {
    b.goto("/teacher").await?;
    b.wait_for_heading(2, "Set up your class").await?;
    b.wait_for_role(Role::Textbox, "Class name")
        .await?
        .send_keys("Room 12 Explorers")
        .await?;
    b.find_role(Role::Textbox, "Grade (optional)")
        .await?
        .send_keys("5")
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
    b.wait_for_heading(2, "Room 12 Explorers").await?;
    b.find_role(Role::Button, "I've kept it safe")
        .await?
        .click()
        .await?;
    Ok(())
}

async fn roster_names(b: &Browser) -> Result<Vec<String>> {
    b.texts(".roster-name").await
}

#[tokio::test]
async fn a_class_is_set_up_by_pasting_names_and_kept_after_reload() -> Result<()> {
    let (_server, b) = start().await?;
    create_class(&b).await?;
    // An empty class name is refused with a message (checked on a fresh device below).
    let list = "Ana López\n\n  Ben Okafor \nana lópez\nZoë 🌟\n<b>Chris</b>\n   \n";
    b.find_role(Role::Textbox, "Or paste a list of names, one per line")
        .await?
        .send_keys(list)
        .await?;
    b.find_role(Role::Button, "Add these students")
        .await?
        .click()
        .await?;
    let status = b
        .wait_for_role_with_text(Role::Status, "Added 4 students.")
        .await?;
    let text = status.text().await?;
    ensure!(
        text.contains("already in the class") && text.contains("empty line"),
        "the message should explain the duplicate and the blank lines: {text:?}"
    );
    let names = roster_names(&b).await?;
    ensure!(
        names == ["<b>Chris</b>", "Ana López", "Ben Okafor", "Zoë 🌟"],
        "roster after pasting: {names:?}"
    );
    // Markup in a name is shown as text, never as markup.
    let bold = b
        .execute(
            "return document.querySelectorAll('.roster b').length;",
            vec![],
        )
        .await?;
    ensure!(
        bold.as_u64() == Some(0),
        "a pasted name was rendered as HTML"
    );
    b.screenshot("teacher-roster-desktop").await?;
    no_axe_violations(&b, "the roster with a message").await?;

    b.reload().await?;
    b.wait_for_heading(2, "Room 12 Explorers").await?;
    let after = roster_names(&b).await?;
    ensure!(
        after == names,
        "after reload the roster is {after:?}, expected {names:?}"
    );

    // Adding one name that is already there says so and adds nothing.
    b.find_role(Role::Textbox, "Student name")
        .await?
        .send_keys("BEN OKAFOR")
        .await?;
    b.find_role(Role::Button, "Add student")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "No new students to add.")
        .await?;
    ensure!(roster_names(&b).await?.len() == 4, "a duplicate was added");
    Ok(())
}

#[tokio::test]
async fn archive_keeps_a_student_and_delete_asks_first() -> Result<()> {
    let (_server, b) = start().await?;
    create_class(&b).await?;
    b.find_role(Role::Textbox, "Or paste a list of names, one per line")
        .await?
        .send_keys("Dara\nEli")
        .await?;
    b.find_role(Role::Button, "Add these students")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Added 2 students.")
        .await?;

    b.find_role(Role::Button, "Archive Dara")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Dara is archived")
        .await?;
    b.reload().await?;
    b.wait_for_role(Role::Button, "Restore Dara")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Dara is back in the class.")
        .await?;

    let keys_before = b.local_storage_keys().await?.len();
    b.find_role(Role::Button, "Delete Eli")
        .await?
        .click()
        .await?;
    let confirm = b
        .wait_for_role(
            Role::Other {
                role: "group",
                css: "[role=group]",
            },
            "Delete Eli?",
        )
        .await?;
    let warning = confirm.text().await?;
    ensure!(
        warning.contains("their profile") && warning.contains("can't be undone"),
        "the confirmation should say what goes: {warning:?}"
    );
    no_axe_violations(&b, "the delete confirmation").await?;
    b.find_role(Role::Button, "Keep").await?.click().await?;
    ensure!(
        roster_names(&b).await?.iter().any(|n| n == "Eli"),
        "Keep must not delete"
    );
    b.find_role(Role::Button, "Delete Eli")
        .await?
        .click()
        .await?;
    b.wait_for_role(Role::Button, "Yes, delete Eli")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Eli and their work were deleted.")
        .await?;
    b.reload().await?;
    b.wait_for_heading(2, "Room 12 Explorers").await?;
    let names = roster_names(&b).await?;
    ensure!(
        names == ["Dara"],
        "after deleting Eli and reloading: {names:?}"
    );
    // The deletion is kept as a tombstone (so it reaches other devices via exports).
    ensure!(
        b.local_storage_keys().await?.len() == keys_before,
        "deleting should keep a tombstone record, not drop keys"
    );
    Ok(())
}

#[tokio::test]
async fn the_sample_class_is_marked_and_removed_in_one_step() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    b.goto("/teacher").await?;
    b.wait_for_role(Role::Button, "Try a sample class")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "You're exploring a sample class")
        .await?;
    let names = roster_names(&b).await?;
    ensure!(
        names.len() >= 5,
        "the sample class should have students: {names:?}"
    );
    let goals = b.stored_records("g").await?.len();
    ensure!(
        goals >= 6,
        "the sample class should include goals in every state; {goals} goals are stored"
    );
    b.screenshot("teacher-sample-mobile").await?;
    no_axe_violations(&b, "the sample class on a phone").await?;
    b.find_role(Role::Button, "Remove the sample class")
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Set up your class").await?;
    let left: Vec<String> = b
        .local_storage_keys()
        .await?
        .into_iter()
        .filter(|k| k.starts_with("wayfinder:r:") || k.starts_with("wayfinder:b:"))
        .collect();
    ensure!(left.is_empty(), "sample records left behind: {left:?}");
    b.reload().await?;
    b.wait_for_heading(2, "Set up your class").await?;
    Ok(())
}

#[tokio::test]
async fn an_empty_class_name_gets_a_kind_message() -> Result<()> {
    let (_server, b) = start().await?;
    b.goto("/teacher").await?;
    b.wait_for_role(Role::Button, "Create class")
        .await?
        .click()
        .await?;
    let text = b.wait_for_alert("class name").await?.text().await?;
    ensure!(
        !text.trim().is_empty(),
        "no message for an empty class name"
    );
    ensure!(
        b.local_storage_keys()
            .await?
            .iter()
            .all(|k| !k.starts_with("wayfinder:r:") && !k.starts_with("wayfinder:b:")),
        "an invalid class was saved"
    );
    Ok(())
}

async fn target_texts(b: &Browser) -> Result<Vec<String>> {
    b.texts(".target-statement").await
}

async fn add_target(b: &Browser, text: &str, code: &str) -> Result<()> {
    b.find_role(Role::Textbox, "I can …")
        .await?
        .send_keys(text)
        .await?;
    if !code.is_empty() {
        b.find_role(Role::Textbox, "Standard code (optional)")
            .await?
            .send_keys(code)
            .await?;
    }
    b.find_role(Role::Button, "Add target")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, &format!("Added \"{text}\"."))
        .await?;
    Ok(())
}

#[tokio::test]
async fn learning_targets_are_added_reordered_by_keyboard_retired_and_kept() -> Result<()> {
    let (_server, b) = start().await?;
    create_class(&b).await?;
    add_target(
        &b,
        "I can find the main idea of a story",
        "CCSS.ELA-LITERACY.RL.5.2",
    )
    .await?;
    add_target(&b, "I can compare two characters", "").await?;
    add_target(&b, "I can explain a theme with evidence", "").await?;
    ensure!(
        target_texts(&b).await?
            == [
                "I can find the main idea of a story",
                "I can compare two characters",
                "I can explain a theme with evidence"
            ],
        "targets in the order added: {:?}",
        target_texts(&b).await?
    );
    // Move the last one up with the keyboard: focus its button, press Enter.
    let up = b
        .find_role(Role::Button, "Move up: I can explain a theme with evidence")
        .await?;
    up.send_keys("\u{E007}").await?;
    wayfinder_e2e::poll(
        "the target to move up",
        wayfinder_e2e::DEFAULT_TIMEOUT,
        || async {
            let t = target_texts(&b).await?;
            Ok(
                if t.get(1).map(String::as_str) == Some("I can explain a theme with evidence") {
                    Ok(())
                } else {
                    Err(format!("{t:?}"))
                },
            )
        },
    )
    .await?;
    b.find_role(Role::Button, "Retire: I can compare two characters")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "is retired")
        .await?;
    no_axe_violations(&b, "the targets list").await?;
    b.screenshot("teacher-targets-desktop").await?;

    b.reload().await?;
    b.wait_for_heading(2, "Learning targets").await?;
    let after = target_texts(&b).await?;
    ensure!(
        after
            == [
                "I can find the main idea of a story",
                "I can explain a theme with evidence",
                "I can compare two characters"
            ],
        "order after reload: {after:?}"
    );
    b.wait_for_role(Role::Button, "Restore: I can compare two characters")
        .await?;
    b.find_role(Role::Button, "Delete: I can compare two characters")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Deleted \"I can compare two characters\".")
        .await?;
    ensure!(
        target_texts(&b).await?.len() == 2,
        "the target was not deleted"
    );
    Ok(())
}

#[tokio::test]
async fn a_target_that_goals_use_is_retired_not_deleted() -> Result<()> {
    let (_server, b) = start().await?;
    b.goto("/teacher").await?;
    b.wait_for_role(Role::Button, "Try a sample class")
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Learning targets").await?;
    let first = target_texts(&b)
        .await?
        .into_iter()
        .next()
        .unwrap_or_default();
    let before = b.local_storage_snapshot().await?;
    b.find_role(Role::Button, &format!("Delete: {first}"))
        .await?
        .click()
        .await?;
    let alert = b.wait_for_alert("Retire it instead").await?.text().await?;
    ensure!(
        alert.contains("goal"),
        "the message should say goals use it: {alert:?}"
    );
    b.expect_local_storage_unchanged(&before, "refusing to delete a target in use")
        .await?;
    ensure!(
        target_texts(&b).await?.contains(&first),
        "the target in use disappeared"
    );
    Ok(())
}
