//! The teacher's whole loop on one shared device, as issue 5 describes it: a class set up
//! by pasting names, a learning target, a choice board with a must-do and two may-dos,
//! one activity for one student only; that student writes and sends a goal; the teacher
//! asks for changes with a comment; the student revises and sends it again; the teacher
//! approves; the class dashboard shows it. Reloads prove each step was kept.

use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start, Browser, Result, Role, DEFAULT_TIMEOUT,
};

const PIN: &str = "8642";
const TARGET: &str = "I can compare fractions with different denominators";
const UNIT: &str = "Fractions in the kitchen";
const ONLY_BEN: &str = "Fraction strips with a partner";

/// Back to the teacher workspace from a student: switch person, open /teacher, unlock.
async fn as_teacher(b: &Browser) -> Result<()> {
    b.switch_person().await?;
    b.goto("/teacher").await?;
    b.unlock_teacher(PIN).await?;
    b.wait_for_role(Role::Link, "Dashboard").await?;
    Ok(())
}

/// Opens the goal builder's part `name` by its heading button (only the part to write
/// now starts open).
async fn open_part(b: &Browser, name: &str) -> Result<()> {
    let button = b.wait_for_role(Role::Button, name).await?;
    if button.attr("aria-expanded").await?.as_deref() != Some("true") {
        button.click().await?;
    }
    Ok(())
}

/// The open goal's "I will" box value.
async fn i_will(b: &Browser) -> Result<String> {
    Ok(b.find_role(Role::Textbox, "I will …")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default())
}

/// Opens the review queue and the row of `student`'s goal.
async fn open_goal_in_queue(b: &Browser, student: &str) -> Result<()> {
    b.goto("/teacher/review").await?;
    b.wait_for_heading(1, "Review queue").await?;
    let row = poll("Ben's goal in the queue", DEFAULT_TIMEOUT, || async {
        for f in b.scan(None, Role::Button).await? {
            let class = f.element.attr("class").await?.unwrap_or_default();
            if class.split_whitespace().any(|c| c == "queue-item")
                && f.name.starts_with(student)
                && f.name.contains("Goal to review")
            {
                return Ok(Ok(f.element));
            }
        }
        Ok(Err("no row yet".to_string()))
    })
    .await?;
    row.click().await?;
    b.wait_for_heading(2, &format!("{student}'s goal")).await?;
    Ok(())
}

#[tokio::test]
async fn a_class_is_set_up_a_goal_goes_round_and_the_dashboard_shows_it() -> Result<()> {
    let (_server, b) = start().await?;

    // Set up: a class by pasting names (a blank line and a repeat are handled).
    b.create_class_with_pin("Room 9", PIN, &["Ana López", "Ben Okafor"])
        .await?;
    b.type_into(
        "Or paste a list of names, one per line",
        "\nCleo Park\nben okafor\n",
    )
    .await?;
    b.click_button("Add these students").await?;
    let said = b
        .wait_for_role_with_text(Role::Status, "Added 1 student.")
        .await?
        .text()
        .await?;
    ensure!(
        said.contains("already in the class") && said.contains("empty line"),
        "the paste explains what it skipped: {said:?}"
    );
    let roster = b.texts(".roster-name").await?;
    ensure!(
        roster.len() == 3,
        "three students, no blank one and no second Ben: {roster:?}"
    );

    // A learning target.
    b.type_into("I can …", TARGET).await?;
    b.click_button("Add target").await?;
    b.wait_for_role_with_text(Role::Status, &format!("Added \"{TARGET}\""))
        .await?;

    // A choice board: one must-do, two may-dos, one of them for Ben only.
    b.find_role(Role::Link, "Units").await?.click().await?;
    b.wait_for_heading(1, "Units").await?;
    b.type_into("Unit title", UNIT).await?;
    b.click_button("Create unit").await?;
    b.wait_for_heading(1, UNIT).await?;
    b.wait_for_heading(2, "Choice board").await?;
    if let Err(e) = b.wait_for_role(Role::Checkbox, TARGET).await {
        b.screenshot("flow-unit-targets").await?;
        return Err(e);
    }
    b.find_role(Role::Checkbox, TARGET).await?.click().await?;
    b.wait_for_role_with_text(Role::Status, "to this unit")
        .await?;
    for (title, must, only_ben) in [
        ("Watch the pizza video", true, false),
        ("Measure a recipe", false, false),
        (ONLY_BEN, false, true),
    ] {
        b.type_into("Activity title", title).await?;
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
        if only_ben {
            b.choose_option("Who is it for?", "Only Ben Okafor").await?;
        }
        b.click_button("Add activity").await?;
        b.wait_for_role_with_text(Role::Status, &format!("Added \u{201c}{title}\u{201d}"))
            .await?;
    }
    b.reload().await?;
    b.wait_for_heading(1, UNIT).await?;
    let board = b.texts(".activity-name").await?;
    ensure!(
        board.len() == 3 && board.iter().any(|t| t == ONLY_BEN),
        "the board after a reload: {board:?}"
    );

    // Ben sees his activity on his path; then he writes a goal and sends it.
    b.switch_person().await?;
    let home = b.choose_student("Ben").await?;
    b.goto(&format!("{home}/path")).await?;
    b.wait_for_heading(2, UNIT).await?;
    let path = b.texts(".activity-title").await?;
    ensure!(
        path.iter().any(|t| t == ONLY_BEN),
        "Ben's board shows his own activity: {path:?}"
    );
    b.goto(&format!("{home}/goals")).await?;
    b.click_button("Start a new goal").await?;
    b.wait_for_heading(2, "Build your goal").await?;
    b.find_role(Role::Checkbox, TARGET).await?.click().await?;
    b.click_button("Next: What I will do").await?;
    b.wait_for_role(Role::Textbox, "I will …")
        .await?
        .send_keys("I will compare fractions with strips")
        .await?;
    b.click_button("Next: How I'll know I've got it").await?;
    b.wait_for_role(Role::Textbox, "I'll know I've got it when 1")
        .await?
        .send_keys("I can say which of two fractions is bigger")
        .await?;
    b.click_button("Send to my teacher").await?;
    b.wait_for_heading(2, "Waiting for your teacher").await?;

    // The teacher asks for changes, with a comment.
    as_teacher(&b).await?;
    open_goal_in_queue(&b, "Ben Okafor").await?;
    let ask = "Lovely idea. How often will you practise?";
    b.type_into("Your comment to Ben Okafor", ask).await?;
    b.click_button("Request changes").await?;
    b.wait_for_role_with_text(Role::Status, "Asked Ben Okafor for changes")
        .await?;

    // Ben sees the comment, revises and sends it again.
    b.switch_person().await?;
    b.choose_student("Ben").await?;
    b.goto(&format!("{home}/goals")).await?;
    b.wait_for_role(Role::Region, "My teacher asked for changes (1)")
        .await?
        .find(fantoccini::Locator::Css("a"))
        .await?
        .click()
        .await?;
    b.wait_for_heading(2, "Your teacher asked for changes")
        .await?;
    let page = b.texts("main").await?.join(" ");
    ensure!(page.contains(ask), "Ben sees the teacher's comment");
    let revised = "I will compare fractions with strips three times a week";
    open_part(&b, "What I will do").await?;
    b.type_into("I will …", revised).await?;
    poll("the revision to be saved", DEFAULT_TIMEOUT, || async {
        Ok(if i_will(&b).await? == revised {
            Ok(())
        } else {
            Err("not yet".to_string())
        })
    })
    .await?;
    b.click_button("Send to my teacher").await?;
    b.wait_for_heading(2, "Waiting for your teacher").await?;

    // The teacher approves it.
    as_teacher(&b).await?;
    open_goal_in_queue(&b, "Ben Okafor").await?;
    let page = b.texts("main").await?.join(" ");
    ensure!(page.contains(revised), "the teacher reads the revised goal");
    b.click_button("Approve").await?;
    b.wait_for_role_with_text(Role::Status, "Approved Ben Okafor's goal")
        .await?;

    // The dashboard shows it, after a reload too.
    b.find_role(Role::Link, "Dashboard").await?.click().await?;
    b.wait_for_heading(1, "Class dashboard").await?;
    for _ in 0..2 {
        let ben = poll("Ben's row on the dashboard", DEFAULT_TIMEOUT, || async {
            for row in b.texts("tr").await? {
                if row.contains("Ben Okafor") {
                    return Ok(Ok(row));
                }
            }
            Ok(Err("no row".to_string()))
        })
        .await?;
        ensure!(
            ben.to_lowercase().contains("approved"),
            "Ben's dashboard row shows the approved goal: {ben:?}"
        );
        b.reload().await?;
        b.wait_for_heading(1, "Class dashboard").await?;
    }
    b.screenshot("flow-dashboard-desktop").await?;
    no_axe_violations(&b, "the dashboard after the loop").await?;
    Ok(())
}
