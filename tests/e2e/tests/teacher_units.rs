//! Units as choice boards: a teacher creates a unit, adds a must-do and may-dos with
//! ways in (a bad link and a too-long text are refused kindly, nothing typed is lost),
//! sets how many may-dos are needed (too many refused), picks formats and adds their own,
//! gives one activity to one student only, reorders with focus kept, duplicates the unit.
//! A reload proves it was saved; then each student's "My path" shows what is theirs, and
//! never the teacher's tier label. Groups: create, edit, delete. axe-core at both sizes.

use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start, start_with, Browser, BrowserOptions, Result, Role,
    DEFAULT_TIMEOUT, MOBILE,
};

async fn click(b: &Browser, name: &str) -> Result<()> {
    b.find_role(Role::Button, name).await?.click().await?;
    Ok(())
}

async fn type_into(b: &Browser, label: &str, text: &str) -> Result<()> {
    b.find_role(Role::Textbox, label)
        .await?
        .send_keys(text)
        .await?;
    Ok(())
}

/// Polls until the texts of `css` are exactly `want`.
async fn wait_for_texts(b: &Browser, css: &'static str, want: &[&str]) -> Result<()> {
    poll(css, DEFAULT_TIMEOUT, || async move {
        let now = b.texts(css).await?;
        Ok(if now == want {
            Ok(())
        } else {
            Err(format!("{now:?}"))
        })
    })
    .await
}

/// A class with a teacher PIN, three students and one learning target.
async fn create_class(b: &Browser) -> Result<()> {
    b.goto("/teacher").await?;
    b.wait_for_heading(2, "Set up your class").await?;
    b.wait_for_role(Role::Textbox, "Class name")
        .await?
        .send_keys("Room 12")
        .await?;
    type_into(b, "Teacher PIN", "2468").await?;
    type_into(b, "Type it again", "2468").await?;
    click(b, "Create class").await?;
    b.wait_for_heading(2, "Room 12").await?;
    b.wait_for_role(Role::Button, "I've kept it safe")
        .await?
        .click()
        .await?;
    b.wait_for_role(Role::Textbox, "Or paste a list of names, one per line")
        .await?
        .send_keys("Ana López\nBen Okafor\nChris Wu")
        .await?;
    click(b, "Add these students").await?;
    b.wait_for_role_with_text(Role::Status, "Added 3 students.")
        .await?;
    type_into(b, "I can …", "I can find the main idea of a story").await?;
    click(b, "Add target").await?;
    b.wait_for_role_with_text(Role::Status, "Added").await?;
    Ok(())
}

/// Fills in "Add an activity" and adds it; waits for the sentence that says so.
async fn add_activity(b: &Browser, title: &str, must: bool) -> Result<()> {
    type_into(b, "Activity title", title).await?;
    b.find_role(
        Role::Radio,
        if must {
            "Must-do: everyone does it"
        } else {
            "May-do: students choose"
        },
    )
    .await?
    .click()
    .await?;
    click(b, "Add activity").await?;
    b.wait_for_role_with_text(Role::Status, &format!("Added \u{201c}{title}\u{201d}"))
        .await?;
    Ok(())
}

/// Switches person, chooses the student whose first name is `first` and opens "My path".
async fn open_path_as(b: &Browser, first: &str) -> Result<()> {
    b.switch_person().await?;
    b.choose_student(first).await?;
    b.wait_for_role(Role::Link, "My path")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, "My path").await?;
    Ok(())
}

const STORY: &str = "Short stories";
const SIGHT: &str = "Sight words with a partner";

#[tokio::test]
async fn a_teacher_builds_a_choice_board_and_each_student_sees_what_is_theirs() -> Result<()> {
    let (_server, b) = start().await?;
    create_class(&b).await?;
    b.find_role(Role::Link, "Units").await?.click().await?;
    b.wait_for_heading(1, "Units").await?;
    b.wait_for_heading(2, "Your units").await?;
    b.screenshot("units-empty-desktop").await?;
    no_axe_violations(&b, "the units page with no units").await?;

    // An empty title is refused; the description typed stays.
    type_into(
        &b,
        "Description for students (optional)",
        "Stories with a twist.",
    )
    .await?;
    click(&b, "Create unit").await?;
    b.wait_for_role_with_text(Role::Alert, "Please write something for the unit title.")
        .await?;
    ensure!(
        b.field_value("Description for students (optional)").await? == "Stories with a twist.",
        "the description was lost after an error"
    );
    no_axe_violations(&b, "the units page with an error").await?;
    type_into(&b, "Unit title", STORY).await?;
    click(&b, "Create unit").await?;
    b.wait_for_heading(1, STORY).await?;
    ensure!(
        b.current_path().await?.starts_with("/teacher/units/"),
        "a new unit opens its own page"
    );
    b.wait_for_heading(2, "Choice board").await?;
    b.full_page_screenshot("unit-empty-desktop").await?;
    no_axe_violations(&b, "an empty unit").await?;

    // Its learning target.
    b.find_role(Role::Checkbox, "I can find the main idea of a story")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "to this unit")
        .await?;

    // A must-do, then a may-do with a listen text and a watch link (a bad link first).
    add_activity(&b, "Mini-lesson", true).await?;
    type_into(&b, "Activity title", "Read the story").await?;
    type_into(
        &b,
        "Listen: What to do, or the text",
        "Listen to the audiobook.",
    )
    .await?;
    type_into(&b, "Watch: Link (optional)", "javascript:alert(1)").await?;
    type_into(
        &b,
        "Readiness tier (optional, only you see it)",
        "Ready for a challenge",
    )
    .await?;
    click(&b, "Add activity").await?;
    b.wait_for_role_with_text(
        Role::Alert,
        "The Watch link must start with http:// or https://",
    )
    .await?;
    let (title, listen) = (
        b.field_value("Activity title").await?,
        b.field_value("Listen: What to do, or the text").await?,
    );
    ensure!(
        title == "Read the story" && listen == "Listen to the audiobook.",
        "what was typed was lost after a bad link: title {title:?}, listen {listen:?}"
    );
    b.wait_for_focus("Watch: Link (optional)", "focus to go to the link to fix")
        .await?;
    no_axe_violations(&b, "a unit with a bad link").await?;
    b.set_text("Watch: Link (optional)", "https://example.org/story-video")
        .await?;
    click(&b, "Add activity").await?;
    b.wait_for_role_with_text(Role::Status, "Added \u{201c}Read the story\u{201d}")
        .await?;
    ensure!(
        b.field_value("Activity title").await?.is_empty(),
        "the form is empty for the next activity"
    );
    // The first may-do asks each student to choose one (not "0 needed").
    ensure!(
        b.field_value("How many may-dos are needed").await? == "1",
        "with one may-do, the number needed is 1"
    );
    let said = b.texts(".may-dos-needed .note").await?;
    ensure!(
        said.iter()
            .any(|t| t.contains("Each student does the 1 may-do")),
        "the board says what the number means: {said:?}"
    );

    // A 10,001-character description is refused; the title stays.
    type_into(&b, "Activity title", "Draw the story map").await?;
    b.set_text("What to do (optional)", &"a".repeat(10_001))
        .await?;
    click(&b, "Add activity").await?;
    b.wait_for_role_with_text(Role::Alert, "10001 characters long")
        .await?;
    ensure!(
        b.field_value("Activity title").await? == "Draw the story map",
        "the title was lost after a too-long description"
    );
    b.set_text(
        "What to do (optional)",
        "Boxes for who, where, problem, ending.",
    )
    .await?;
    click(&b, "Add activity").await?;
    b.wait_for_role_with_text(Role::Status, "Added \u{201c}Draw the story map\u{201d}")
        .await?;

    // One activity for Ben only (an IEP task).
    type_into(&b, "Activity title", SIGHT).await?;
    b.find_role(Role::Radio, "Must-do: everyone does it")
        .await?
        .click()
        .await?;
    b.choose_option("Who is it for?", "Only Ben Okafor").await?;
    click(&b, "Add activity").await?;
    b.wait_for_role_with_text(Role::Status, &format!("Added \u{201c}{SIGHT}\u{201d}"))
        .await?;

    // How many may-dos: 3 is more than the 2 there are.
    b.set_text("How many may-dos are needed", "3").await?;
    click(&b, "Set number").await?;
    b.wait_for_role_with_text(Role::Alert, "can be 0 to 2")
        .await?;
    ensure!(
        b.field_value("How many may-dos are needed").await? == "3",
        "the number typed stays so it can be fixed"
    );
    b.set_text("How many may-dos are needed", "1").await?;
    click(&b, "Set number").await?;
    b.wait_for_role_with_text(Role::Status, "at least 1 of the 2 may-dos")
        .await?;

    // Reorder with the keyboard: focus stays on the button.
    b.find_role(Role::Button, "Move up: Draw the story map")
        .await?
        .click()
        .await?;
    wait_for_texts(
        &b,
        ".activity-name",
        &["Mini-lesson", "Draw the story map", "Read the story", SIGHT],
    )
    .await?;
    b.wait_for_focus(
        "Move up: Draw the story map",
        "focus to stay on the button after moving",
    )
    .await?;

    // Formats: with none ticked, the words say what students get (every format).
    let said = b.texts("#formats-heading ~ fieldset > .note").await?;
    ensure!(
        said.len() == 1 && said[0].starts_with("Students may choose any format"),
        "with nothing ticked the menu says students may choose any format: {said:?}"
    );
    // Two built-in ones and the teacher's own.
    for f in ["Essay", "Comic"] {
        b.find_role(Role::Checkbox, f).await?.click().await?;
        b.wait_for_role_with_text(Role::Status, &format!("{f} is on this unit's menu."))
            .await?;
    }
    click(&b, "Add format").await?;
    b.wait_for_role_with_text(Role::Alert, "Please write something for the format name.")
        .await?;
    type_into(&b, "Format name", "Diorama").await?;
    type_into(
        &b,
        "One-line description (optional)",
        "Build a small scene in a box.",
    )
    .await?;
    type_into(
        &b,
        "An example of good work (optional)",
        "Three labelled characters and the setting of the climax.",
    )
    .await?;
    click(&b, "Add format").await?;
    b.wait_for_role_with_text(Role::Status, "Added \u{201c}Diorama\u{201d}")
        .await?;
    ensure!(
        b.is_checked(Role::Checkbox, "Diorama").await?,
        "an own format goes on the menu"
    );
    b.full_page_screenshot("unit-filled-desktop").await?;
    no_axe_violations(&b, "a filled unit").await?;

    // A reload proves it was all saved.
    b.reload().await?;
    b.wait_for_heading(1, STORY).await?;
    wait_for_texts(
        &b,
        ".activity-name",
        &["Mini-lesson", "Draw the story map", "Read the story", SIGHT],
    )
    .await?;
    for (role, name) in [
        (Role::Checkbox, "Essay"),
        (Role::Checkbox, "Comic"),
        (Role::Checkbox, "Diorama"),
        (Role::Checkbox, "I can find the main idea of a story"),
    ] {
        ensure!(
            b.is_checked(role, name).await?,
            "{name} is not ticked after reload"
        );
    }
    ensure!(
        !b.is_checked(Role::Checkbox, "Website").await?,
        "Website was never ticked"
    );
    ensure!(
        b.field_value("How many may-dos are needed").await? == "1",
        "may-dos needed after reload"
    );
    let whom = b.texts(".for-whom").await?;
    ensure!(
        whom.iter().filter(|w| *w == "For: Only Ben Okafor").count() == 1,
        "who the activities are for: {whom:?}"
    );
    let ways = b.texts(".way-list li").await?;
    ensure!(
        ways.contains(&"Listen: Listen to the audiobook.".to_string())
            && ways.contains(&"Watch: https://example.org/story-video".to_string()),
        "ways in after reload: {ways:?}"
    );

    // The list of units, and a copy that starts hidden.
    b.find_role(Role::Link, "Units").await?.click().await?;
    b.wait_for_heading(1, "Units").await?;
    b.wait_for_heading(3, STORY).await?;
    click(&b, &format!("Duplicate: {STORY}")).await?;
    b.wait_for_role_with_text(Role::Status, "Made a copy")
        .await?;
    b.wait_for_heading(3, &format!("{STORY} (copy)")).await?;
    let facts = b.texts(".unit-row").await?;
    ensure!(
        facts
            .iter()
            .any(|f| f.contains("4 activities") && f.contains("Open to students"))
            && facts
                .iter()
                .any(|f| f.contains("(copy)") && f.contains("Hidden from students")),
        "the unit list: {facts:?}"
    );
    b.screenshot("units-list-desktop").await?;
    no_axe_violations(&b, "the units list").await?;

    // Nobody has started the copy: it can be deleted, after a confirmation that says
    // what goes; it stays gone after a reload.
    let copy = format!("{STORY} (copy)");
    click(&b, &format!("Delete: {copy}")).await?;
    b.wait_for_role(Role::Button, &format!("Yes, delete {copy}"))
        .await?;
    let warning = b.texts(".unit-row .confirm .warning").await?.join(" ");
    ensure!(
        warning.contains("its choice board (4 activities)") && warning.contains("No student"),
        "the confirmation says what goes: {warning:?}"
    );
    no_axe_violations(&b, "a unit's delete confirmation").await?;
    click(&b, &format!("Yes, delete {copy}")).await?;
    b.wait_for_role_with_text(Role::Status, &format!("Deleted \u{201c}{copy}\u{201d}"))
        .await?;
    b.reload().await?;
    b.wait_for_heading(3, STORY).await?;
    let titles = b.texts(".unit-title").await?;
    ensure!(
        titles == [STORY],
        "only the original is left after a reload: {titles:?}"
    );

    // Ben sees the must-dos, the may-dos and his own activity; never the tier label.
    open_path_as(&b, "Ben").await?;
    b.wait_for_heading(2, STORY).await?;
    let ben = b.texts(".activity-title").await?;
    for want in ["Mini-lesson", "Read the story", "Draw the story map", SIGHT] {
        ensure!(
            ben.iter().any(|t| t == want),
            "Ben's board lacks {want:?}: {ben:?}"
        );
    }
    let page = b.texts("main").await?.join(" ");
    ensure!(
        !page.contains("Ready for a challenge") && !page.contains("(copy)"),
        "a student sees a tier label or a hidden unit"
    );
    b.screenshot("unit-as-ben-desktop").await?;

    // Ana does not see Ben's activity.
    open_path_as(&b, "Ana").await?;
    b.wait_for_heading(2, STORY).await?;
    let ana = b.texts(".activity-title").await?;
    ensure!(
        ana.iter().any(|t| t == "Read the story") && !ana.iter().any(|t| t == SIGHT),
        "Ana's board: {ana:?}"
    );
    Ok(())
}

#[tokio::test]
async fn units_and_groups_work_on_a_phone_with_kind_errors() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    b.goto("/teacher").await?;
    b.wait_for_role(Role::Button, "Try a sample class")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "You're exploring a sample class")
        .await?;
    b.goto("/teacher/units").await?;
    b.wait_for_heading(1, "Units").await?;
    b.wait_for_heading(2, "Groups").await?;
    b.full_page_screenshot("units-list-mobile").await?;
    b.no_sideways_scroll("the units page").await?;
    no_axe_violations(&b, "the units page on a phone").await?;

    // Groups: an empty name is refused with the ticks kept; then made, renamed, deleted.
    let member = "Amara";
    b.find_role(Role::Checkbox, member).await?.click().await?;
    click(&b, "Create group").await?;
    b.wait_for_role_with_text(Role::Alert, "Please write something for the group name.")
        .await?;
    ensure!(
        b.is_checked(Role::Checkbox, member).await?,
        "the member ticked was lost after an error"
    );
    no_axe_violations(&b, "a group with an error").await?;
    type_into(&b, "Group name", "Table 3").await?;
    type_into(
        &b,
        "Based on (optional, only you see it)",
        "interest: animals",
    )
    .await?;
    click(&b, "Create group").await?;
    b.wait_for_role_with_text(Role::Status, "Made the group \u{201c}Table 3\u{201d}")
        .await?;
    b.wait_for_heading(3, "Table 3").await?;
    let rows = b.texts(".group-row").await?;
    ensure!(
        rows.iter().any(|r| r.contains("Table 3")
            && r.contains(member)
            && r.contains("interest: animals")),
        "the group row: {rows:?}"
    );
    click(&b, "Edit group: Table 3").await?;
    b.wait_for_heading(3, "Edit group: Table 3").await?;
    let name_box = b.find_all_role(Role::Textbox, "Group name").await?;
    ensure!(name_box.len() == 2, "the edit form and the new-group form");
    b.execute(
        "const el = arguments[0]; el.value = 'Otters'; el.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![serde_json::to_value(&name_box[0])?],
    )
    .await?;
    click(&b, "Save group").await?;
    b.wait_for_role_with_text(Role::Status, "Saved the group \u{201c}Otters\u{201d}")
        .await?;
    b.wait_for_focus(
        "Edit group: Otters",
        "focus to return to the group's Edit button",
    )
    .await?;
    b.full_page_screenshot("units-groups-mobile").await?;
    no_axe_violations(&b, "the groups on a phone").await?;
    click(&b, "Delete group: Otters").await?;
    click(&b, "Yes, delete Otters").await?;
    b.wait_for_role_with_text(Role::Status, "Deleted the group")
        .await?;

    // The sample unit on a phone; an empty title is refused and the rest stays.
    let unit = b.texts(".unit-title").await?;
    ensure!(!unit.is_empty(), "the sample class has a unit");
    let title = unit[0].clone();
    b.find_role(Role::Link, &title).await?.click().await?;
    b.wait_for_heading(1, &title).await?;
    b.wait_for_heading(2, "Choice board").await?;
    b.full_page_screenshot("unit-filled-mobile").await?;
    b.no_sideways_scroll("a unit").await?;
    no_axe_violations(&b, "a unit on a phone").await?;
    b.set_text("Unit title", "   ").await?;
    b.set_text(
        "Description for students (optional)",
        "Kept when the title is missing.",
    )
    .await?;
    click(&b, "Save changes").await?;
    b.wait_for_role_with_text(Role::Alert, "Please write something for the unit title.")
        .await?;
    ensure!(
        b.field_value("Description for students (optional)").await?
            == "Kept when the title is missing.",
        "the description was lost after an error"
    );
    b.screenshot("unit-error-mobile").await?;
    no_axe_violations(&b, "a unit with an error on a phone").await?;
    // An activity edit left open is not reset by renaming the unit.
    let first = b.texts(".activity-name").await?;
    ensure!(!first.is_empty(), "the sample unit has activities");
    click(&b, &format!("Edit: {}", first[0])).await?;
    b.wait_for_heading(3, &format!("Edit: {}", first[0]))
        .await?;
    let edit_title = b.find_all_role(Role::Textbox, "Activity title").await?;
    ensure!(
        edit_title.len() == 2,
        "the edit form and the new-activity form"
    );
    b.execute(
        "const el = arguments[0]; el.value = 'Half-way through an edit'; el.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![serde_json::to_value(&edit_title[0])?],
    )
    .await?;
    b.set_text("Unit title", "Stories, renamed").await?;
    click(&b, "Save changes").await?;
    b.wait_for_heading(1, "Stories, renamed").await?;
    ensure!(
        b.title().await?.starts_with("Stories, renamed"),
        "the document title follows the new name"
    );
    ensure!(
        b.field_value("Description for students (optional)").await?
            == "Kept when the title is missing.",
        "the form keeps its text after the heading changes"
    );
    let still = b.find_all_role(Role::Textbox, "Activity title").await?;
    ensure!(
        still.len() == 2
            && still[0].prop("value").await?.as_deref() == Some("Half-way through an edit"),
        "the open activity edit was reset by the rename"
    );
    click(&b, "Cancel").await?;

    // An unknown unit says so kindly.
    let path = b.current_path().await?;
    let id = path.trim_start_matches("/teacher/units/");
    let other = if id.starts_with('A') { "B" } else { "A" };
    b.goto(&format!("/teacher/units/{other}{}", &id[1..]))
        .await?;
    b.wait_for_heading(1, "Unit not found").await?;

    // Students have started the sample unit: deleting is explained and hiding offered.
    b.goto("/teacher/units").await?;
    click(&b, "Delete: Stories, renamed").await?;
    b.wait_for_role(Role::Button, "Keep it").await?;
    let warning = b.texts(".unit-row .confirm .warning").await?.join(" ");
    ensure!(
        warning.contains("started a path") && warning.contains("can't be deleted"),
        "deleting a started unit is explained: {warning:?}"
    );
    b.find_role(Role::Button, "Hide Stories, renamed instead")
        .await?;
    ensure!(
        b.find_role(Role::Button, "Yes, delete Stories, renamed")
            .await
            .is_err(),
        "a unit students started offers no delete"
    );
    b.screenshot("unit-delete-started-mobile").await?;
    no_axe_violations(&b, "deleting a started unit on a phone").await?;
    click(&b, "Keep it").await?;
    b.wait_for_heading(3, "Stories, renamed").await?;
    Ok(())
}
