//! Privacy and the end of the year: the teacher is told plainly where the data lives and
//! reminded to back up, the browser is asked to keep the data, and "remove all Wayfinder
//! data from this device" offers a backup first and then removes only Wayfinder's keys.

use wayfinder_e2e::{ensure, no_axe_violations, start, Browser, Result, Role};

async fn click(b: &Browser, name: &str) -> Result<()> {
    b.wait_for_role(Role::Button, name).await?.click().await?;
    Ok(())
}

async fn create_class(b: &Browser) -> Result<()> {
    b.goto("/teacher").await?;
    b.wait_for_role(Role::Textbox, "Class name")
        .await?
        .send_keys("Room 9")
        .await?;
    b.find_role(Role::Textbox, "Teacher PIN")
        .await?
        .send_keys("2468")
        .await?;
    b.find_role(Role::Textbox, "Type it again")
        .await?
        .send_keys("2468")
        .await?;
    click(b, "Create class").await?;
    click(b, "I've kept it safe").await?;
    b.wait_for_role(Role::Textbox, "Or paste a list of names, one per line")
        .await?
        .send_keys("Ana López\nBen Okafor")
        .await?;
    click(b, "Add these students").await?;
    b.wait_for_role_with_text(Role::Status, "Added 2 students.")
        .await?;
    Ok(())
}

#[tokio::test]
async fn the_teacher_is_told_where_data_lives_and_reminded_to_back_up() -> Result<()> {
    let (_server, b) = start().await?;
    create_class(&b).await?;
    b.wait_for_heading(2, "Keep your class's work safe").await?;
    let section = b
        .texts("section[aria-labelledby=safe-heading]")
        .await?
        .join(" ");
    ensure!(
        section.contains("only in this browser")
            && section.contains("wipe it when someone signs out")
            && section.contains("haven't downloaded a backup"),
        "the first-run notice: {section}"
    );
    click(&b, "Ask this browser to keep the data").await?;
    b.wait_for_role_with_text(Role::Status, "browser").await?;
    no_axe_violations(&b, "the teacher home with the backup notice").await?;

    // A backup made eight days ago is old enough for a reminder; today's is not.
    b.goto("/data").await?;
    b.wait_for_role(Role::Button, "Download a full backup")
        .await?;
    b.capture_downloads().await?;
    click(&b, "Download a full backup").await?;
    b.wait_for_downloads(1).await?;
    b.goto("/teacher").await?;
    b.wait_for_role_with_text(Role::Main, "Last backup: today.")
        .await?;
    let mut meta: serde_json::Value = serde_json::from_str(
        &b.local_storage_get("wayfinder:meta")
            .await?
            .unwrap_or_default(),
    )?;
    let eight_days_ago = meta["data"]["b"].as_i64().unwrap_or_default() - 8 * 86_400_000;
    meta["data"]["b"] = eight_days_ago.into();
    b.local_storage_set("wayfinder:meta", &meta.to_string())
        .await?;
    b.reload().await?;
    b.wait_for_role_with_text(Role::Main, "Last backup: 8 days ago.")
        .await?;
    let classes = b
        .execute(
            "return document.querySelector('section[aria-labelledby=safe-heading]').className;",
            vec![],
        )
        .await?;
    ensure!(
        classes
            .as_str()
            .unwrap_or_default()
            .contains("card-warning"),
        "an eight-day-old backup is shown as a reminder: {classes}"
    );
    Ok(())
}

#[tokio::test]
async fn removing_everything_offers_a_backup_first_and_keeps_other_sites_keys() -> Result<()> {
    let (_server, b) = start().await?;
    create_class(&b).await?;
    b.local_storage_set("another-app", "not ours").await?;
    b.goto("/data").await?;
    b.wait_for_heading(2, "Remove all Wayfinder data from this device")
        .await?;
    b.capture_downloads().await?;
    click(&b, "Download a full backup first").await?;
    let files = b.wait_for_downloads(1).await?;
    ensure!(
        files[0].text.contains("Ana López"),
        "the backup holds the class"
    );
    click(&b, "Remove everything…").await?;
    b.wait_for_role_with_text(
        Role::Other {
            role: "group",
            css: "[role=group]",
        },
        "removes 2 students",
    )
    .await?;
    no_axe_violations(&b, "the remove-everything confirmation").await?;
    click(&b, "Yes, remove everything").await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    let keys = b.local_storage_keys().await?;
    ensure!(
        keys.iter().all(|k| !k.starts_with("wayfinder:r:")
            && !k.starts_with("wayfinder:b:")
            && k != "wayfinder:pins"),
        "Wayfinder data left behind: {keys:?}"
    );
    ensure!(
        keys.iter().any(|k| k == "another-app"),
        "another site's key was removed: {keys:?}"
    );
    // A fresh start: no class, no PIN lock.
    b.goto("/teacher").await?;
    b.wait_for_heading(2, "Set up your class").await?;
    b.reload().await?;
    b.wait_for_heading(2, "Set up your class").await?;
    Ok(())
}
