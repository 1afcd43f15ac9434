//! The student's way in: the list of names, the home with one next step, the student's
//! own navigation, and the "I need help" round trip (raised, seen by the teacher's queue
//! count, taken back), with reloads proving persistence and axe on every state.

use fantoccini::Locator;
use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start, start_with, Browser, BrowserOptions, Element, Result,
    Role, DEFAULT_TIMEOUT, MOBILE,
};

/// The first picture card on the picker.
async fn first_card(b: &Browser) -> Result<Element> {
    Ok(b.find(Locator::Css(".profile-card")).await?)
}

/// The first name on the picker, after choosing it: lands on "Hi, <name>".
async fn choose_first_student(b: &Browser) -> Result<String> {
    b.goto("/student").await?;
    b.wait_for_heading(1, "Which one is you?").await?;
    let names = poll("the list of names", DEFAULT_TIMEOUT, || async {
        let names = b.texts(".profile-name").await?;
        Ok(if names.is_empty() {
            Err("no names yet".to_string())
        } else {
            Ok(names)
        })
    })
    .await?;
    ensure!(
        names.len() >= 6,
        "the sample class has six students: {names:?}"
    );
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    ensure!(
        names == sorted,
        "names are listed alphabetically: {names:?}"
    );
    let first = names[0].clone();
    first_card(b).await?.click().await?;
    b.wait_for_heading(1, &format!("Hi, {first}")).await?;
    Ok(first)
}

#[tokio::test]
async fn an_empty_device_says_the_teacher_adds_the_class_first() -> Result<()> {
    let (_server, b) = start().await?;
    b.goto("/student").await?;
    b.wait_for_heading(1, "Which one is you?").await?;
    b.wait_for_role_with_text(Role::Main, "There's nobody here yet.")
        .await?;
    no_axe_violations(&b, "the empty picker").await?;
    // An address for a student who is not on this device is refused kindly.
    b.goto("/student/AAAAAAAAAAAAAAAAAAAAAA").await?;
    b.wait_for_heading(1, "We couldn't find you").await?;
    b.find_role(Role::Link, "Choose your name").await?;
    no_axe_violations(&b, "the unknown student page").await?;
    Ok(())
}

#[tokio::test]
async fn a_student_picks_their_name_and_asks_for_help_then_takes_it_back() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    let name = choose_first_student(&b).await?;
    b.find_role(Role::Navigation, "My learning").await?;
    for link in [
        "My home",
        "My path",
        "My goals",
        "My progress",
        "All about me",
    ] {
        b.find_role(Role::Link, link).await?;
    }
    b.wait_for_heading(2, "Next up").await?;
    let headings = b.heading_names(2).await?;
    ensure!(
        headings
            == [
                "Next up",
                "What I'm working on",
                "Waiting for my teacher",
                "What my teacher said",
                "How I'm doing"
            ],
        "home sections: {headings:?}"
    );
    b.screenshot("student-home-desktop").await?;
    no_axe_violations(&b, "the student home").await?;

    // The sample gives some students an open request: take it back first.
    if b.find_role(Role::Button, "I'm OK now").await.is_ok() {
        b.find_role(Role::Button, "I'm OK now")
            .await?
            .click()
            .await?;
        b.wait_for_role_with_text(Role::Status, "You took back your help request.")
            .await?;
    }
    let before = queue_count(&b).await?;
    open_first_student(&b, &name).await?;

    // Ask for help with a note, in any script.
    b.wait_for_role(Role::Button, "I need help")
        .await?
        .click()
        .await?;
    b.wait_for_role(Role::Textbox, "What do you need help with? (optional)")
        .await?
        .send_keys("Fractions 🙃 كسور")
        .await?;
    no_axe_violations(&b, "the help form").await?;
    b.find_role(Role::Button, "Ask my teacher")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(
        Role::Status,
        "Your teacher can see that you asked for help.",
    )
    .await?;
    b.wait_for_role(Role::Button, "I'm OK now").await?;
    b.reload().await?;
    b.wait_for_heading(1, &format!("Hi, {name}")).await?;
    let waiting = b.texts(".help-waiting").await?;
    ensure!(
        waiting.len() == 1 && waiting[0].contains("Fractions 🙃 كسور"),
        "after reload the open request shows its note: {waiting:?}"
    );
    let on_home = b.texts("#waiting-heading + ul li").await?;
    ensure!(
        on_home.iter().any(|w| w == "Your help request"),
        "the home lists the help request as waiting: {on_home:?}"
    );
    no_axe_violations(&b, "the home with an open help request").await?;

    // The teacher's queue count went up by one.
    let during = queue_count(&b).await?;
    ensure!(
        during == before + 1,
        "queue count: {before} before, {during} with the help request"
    );

    // Take it back.
    open_first_student(&b, &name).await?;
    b.wait_for_role(Role::Button, "I'm OK now")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "You took back your help request.")
        .await?;
    b.wait_for_role(Role::Button, "I need help").await?;
    b.reload().await?;
    b.wait_for_role(Role::Button, "I need help").await?;
    let after = queue_count(&b).await?;
    ensure!(after == before, "queue count back to {before}: {after}");
    Ok(())
}

async fn open_first_student(b: &Browser, name: &str) -> Result<()> {
    b.goto("/student").await?;
    b.wait_for_heading(1, "Which one is you?").await?;
    first_card(b).await?.click().await?;
    b.wait_for_heading(1, &format!("Hi, {name}")).await?;
    Ok(())
}

/// The number in the teacher's "Review queue (N)" link.
async fn queue_count(b: &Browser) -> Result<usize> {
    b.goto("/teacher").await?;
    b.wait_for_role(Role::Navigation, "Teacher").await?;
    let text = b.texts(".area-nav .count").await?;
    let n = text.first().and_then(|t| {
        t.trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .parse()
            .ok()
    });
    match n {
        Some(n) => Ok(n),
        None => Err(wayfinder_e2e::Error::msg(format!(
            "no count in the review queue link: {text:?}"
        ))),
    }
}

#[tokio::test]
async fn the_student_area_works_on_a_phone() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    b.try_sample_class().await?;
    b.goto("/student").await?;
    b.wait_for_heading(1, "Which one is you?").await?;
    b.screenshot("student-picker-mobile").await?;
    no_axe_violations(&b, "the picker on a phone").await?;
    choose_first_student(&b).await?;
    if let Ok(ok) = b.find_role(Role::Button, "I'm OK now").await {
        ok.click().await?;
    }
    b.wait_for_role(Role::Button, "I need help")
        .await?
        .click()
        .await?;
    b.wait_for_role(Role::Button, "Ask my teacher").await?;
    b.screenshot("student-home-mobile").await?;
    no_axe_violations(&b, "the student home on a phone").await?;
    let overflow = b
        .execute(
            "return document.documentElement.scrollWidth > window.innerWidth;",
            vec![],
        )
        .await?;
    ensure!(
        overflow.as_bool() == Some(false),
        "the student home scrolls sideways on a phone"
    );
    Ok(())
}
