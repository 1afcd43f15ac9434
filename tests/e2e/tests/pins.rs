//! Shared devices: the teacher PIN (hashed, never in clear), the wait after wrong PINs
//! that survives a reload and a hand-edited counter, the recovery code, students kept
//! out of each other's pages and out of the teacher's, and the auto-lock.

use std::time::Duration;

use fantoccini::Locator;
use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start, start_with, Browser, BrowserOptions, Result, Role,
    DEFAULT_TIMEOUT, MOBILE,
};

const PIN: &str = "2468";

async fn type_into(b: &Browser, label: &str, text: &str) -> Result<()> {
    let field = b.wait_for_role(Role::Textbox, label).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

async fn click(b: &Browser, name: &str) -> Result<()> {
    b.wait_for_role(Role::Button, name).await?.click().await?;
    Ok(())
}

/// Creates a class with the teacher PIN and two students; returns the recovery code.
async fn class_with_pin(b: &Browser) -> Result<String> {
    b.goto("/teacher").await?;
    b.wait_for_heading(2, "Set up your class").await?;
    type_into(b, "Class name", "Room 4").await?;
    // A PIN with letters, or far too long, is refused kindly and nothing is created.
    type_into(b, "Teacher PIN", "12ab").await?;
    type_into(b, "Type it again", "12ab").await?;
    click(b, "Create class").await?;
    b.wait_for_alert("only the numbers 0 to 9").await?;
    type_into(b, "Teacher PIN", &"7".repeat(40)).await?;
    type_into(b, "Type it again", &"7".repeat(40)).await?;
    click(b, "Create class").await?;
    b.wait_for_alert("at most 12 numbers").await?;
    type_into(b, "Teacher PIN", PIN).await?;
    type_into(b, "Type it again", "2469").await?;
    click(b, "Create class").await?;
    b.wait_for_alert("not the same").await?;
    no_axe_violations(b, "class set-up with a PIN error").await?;
    type_into(b, "Type it again", PIN).await?;
    click(b, "Create class").await?;
    b.wait_for_heading(2, "Your recovery code").await?;
    let code = b.texts(".recovery-code").await?.join("");
    ensure!(
        code.len() == 14,
        "a recovery code like K7QM-3XPA-9RTD: {code:?}"
    );
    b.screenshot("teacher-recovery-code").await?;
    no_axe_violations(b, "the recovery code").await?;
    click(b, "I've kept it safe").await?;
    b.wait_for_heading(2, "Room 4").await?;
    b.wait_for_role(Role::Textbox, "Or paste a list of names, one per line")
        .await?
        .send_keys("Ana López\nBen Okafor")
        .await?;
    click(b, "Add these students").await?;
    b.wait_for_role_with_text(Role::Status, "Added 2 students.")
        .await?;
    Ok(code)
}

async fn switch_person(b: &Browser) -> Result<()> {
    b.find_role(Role::Link, "Switch person")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    Ok(())
}

/// The messages the PIN form shows on screen (errors, warnings, the countdown).
async fn visible_messages(b: &Browser) -> Result<Vec<String>> {
    let v = b
        .execute(
            "return [...document.querySelectorAll('.pin-form p')]
               .filter(p => p.matches('.error, .warning, [role=alert], [role=timer]'))
               .filter(p => { const r = p.getBoundingClientRect(); return r.width > 1 && r.height > 1; })
               .map(p => p.textContent.trim()).filter(t => t);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(v)?)
}

async fn wrong_pin(b: &Browser, pin: &str) -> Result<String> {
    type_into(b, "Teacher PIN", pin).await?;
    click(b, "Unlock").await?;
    let found = poll(
        "a message after a wrong PIN",
        Duration::from_secs(10),
        || async {
            let alerts = b.texts("[role=alert]").await?;
            Ok(match alerts.iter().find(|t| t.contains("isn't right")) {
                Some(t) => Ok(t.clone()),
                None => Err(format!("alerts so far: {alerts:?}")),
            })
        },
    )
    .await;
    if found.is_err() {
        b.screenshot("wrong-pin-failure").await?;
    }
    found
}

#[tokio::test]
async fn the_teacher_pin_is_hashed_and_wrong_tries_wait_even_after_reload_or_editing() -> Result<()>
{
    let (_server, b) = start().await?;
    let code = class_with_pin(&b).await?;

    // No PIN and no recovery code in clear anywhere in storage; the hash says how.
    let pins = b
        .local_storage_get("wayfinder:pins")
        .await?
        .unwrap_or_default();
    ensure!(
        pins.contains("pbkdf2-sha256") && pins.contains("600000"),
        "the PIN record names its algorithm and rounds: {pins}"
    );
    for (key, value) in b.readable_storage().await? {
        ensure!(
            !value.contains(PIN)
                && !value.contains(&code)
                && !value.contains(&code.replace('-', "")),
            "{key} holds the PIN or the recovery code in clear"
        );
    }

    // Locked after switching person, and "Your data" is locked too.
    switch_person(&b).await?;
    b.goto("/teacher").await?;
    b.wait_for_heading(2, "Enter your teacher PIN").await?;
    ensure!(
        b.find_role(Role::Heading(2), "Room 4").await.is_err(),
        "the class is visible without the PIN"
    );
    b.goto("/data").await?;
    b.wait_for_heading(2, "Enter your teacher PIN").await?;
    no_axe_violations(&b, "the teacher lock").await?;

    // Letters do not count as a try; five wrong PINs mean a wait.
    type_into(&b, "Teacher PIN", "abcd").await?;
    click(&b, "Unlock").await?;
    b.wait_for_alert("only the numbers 0 to 9").await?;
    for _ in 0..4 {
        let m = wrong_pin(&b, "1111").await?;
        ensure!(m.contains("try"), "wrong PIN message: {m}");
    }
    let m = wrong_pin(&b, "1111").await?;
    ensure!(m.contains("wait 30 seconds"), "the fifth wrong PIN: {m}");
    b.wait_for_role_with_text(
        Role::Other {
            role: "timer",
            css: "[role=timer]",
        },
        "try again in",
    )
    .await?;
    // On screen, one message about the wait, and it counts down.
    let shown = visible_messages(&b).await?;
    ensure!(
        shown.len() == 1 && shown[0].contains("try again in"),
        "one message about the wait is on screen, not {shown:?}"
    );
    let first = shown[0].clone();
    poll("the countdown to move", Duration::from_secs(5), || async {
        let now = visible_messages(&b).await?;
        Ok(match now.as_slice() {
            [one] if *one != first => Ok(()),
            other => Err(format!("{other:?}")),
        })
    })
    .await?;
    b.screenshot("teacher-lock-wait").await?;
    no_axe_violations(&b, "the lock with a wait").await?;

    // The wait survives a reload: the right PIN is not even tried.
    b.reload().await?;
    b.wait_for_heading(2, "Enter your teacher PIN").await?;
    b.wait_for_role_with_text(
        Role::Other {
            role: "timer",
            css: "[role=timer]",
        },
        "try again in",
    )
    .await?;
    let disabled = b
        .execute(
            "return document.getElementById('teacher-pin').form.querySelector('button[type=submit]').disabled;",
            vec![],
        )
        .await?;
    ensure!(
        disabled.as_bool() == Some(true),
        "Unlock is usable during the wait"
    );

    // Editing the stored counter by hand locks harder instead of opening.
    let mut record: serde_json::Value = serde_json::from_str(
        &b.local_storage_get("wayfinder:pins")
            .await?
            .unwrap_or_default(),
    )?;
    let data = &mut record["data"];
    ensure!(
        data["t"]["f"].as_u64() == Some(5),
        "five wrong tries counted: {data}"
    );
    data["t"]["f"] = 0.into();
    data["t"]["u"] = 0.into();
    b.local_storage_set("wayfinder:pins", &record.to_string())
        .await?;
    b.reload().await?;
    b.wait_for_role_with_text(
        Role::Other {
            role: "timer",
            css: "[role=timer]",
        },
        "15 minutes",
    )
    .await?;

    // The recovery code (typed loosely) opens it and asks for a new PIN.
    b.find(Locator::Css("summary")).await?.click().await?;
    type_into(&b, "Recovery code", &code.to_lowercase().replace('-', " ")).await?;
    let unlock_buttons = b.find_all_role(Role::Button, "Unlock").await?;
    ensure!(
        unlock_buttons.len() == 2,
        "two Unlock buttons: PIN and recovery"
    );
    unlock_buttons[1].click().await?;
    if let Err(e) = b.wait_for_heading(2, "Set a teacher PIN").await {
        b.screenshot("recovery-failure").await?;
        return Err(e);
    }
    type_into(&b, "Teacher PIN", "1357").await?;
    type_into(&b, "Type it again", "1357").await?;
    click(&b, "Set PIN").await?;
    b.wait_for_heading(2, "Your recovery code").await?;
    let new_code = b.texts(".recovery-code").await?.join("");
    ensure!(
        new_code != code,
        "a new recovery code replaces the spent one"
    );

    // Signed in on this tab across a reload; the new PIN works after switching.
    b.reload().await?;
    b.wait_for_heading(2, "Room 4").await?;
    switch_person(&b).await?;
    b.goto("/teacher").await?;
    type_into(&b, "Teacher PIN", "1357").await?;
    click(&b, "Unlock").await?;
    b.wait_for_heading(2, "Room 4").await?;
    Ok(())
}

/// The picture cards' links, by first name.
async fn card_links(b: &Browser) -> Result<Vec<(String, String)>> {
    b.goto("/student").await?;
    b.wait_for_heading(1, "Which one is you?").await?;
    let found = poll("the picture cards", DEFAULT_TIMEOUT, || async {
        let v = b
            .execute(
                "return [...document.querySelectorAll('.profile-card')].map(a => [a.querySelector('.profile-name').textContent, new URL(a.href).pathname]);",
                vec![],
            )
            .await?;
        let pairs: Vec<(String, String)> = serde_json::from_value(v).unwrap_or_default();
        Ok(if pairs.is_empty() {
            Err("no cards yet".to_string())
        } else {
            Ok(pairs)
        })
    })
    .await?;
    Ok(found)
}

#[tokio::test]
async fn a_student_cannot_open_another_students_or_the_teachers_pages() -> Result<()> {
    let (_server, b) = start().await?;
    class_with_pin(&b).await?;
    switch_person(&b).await?;
    let cards = card_links(&b).await?;
    ensure!(cards.len() == 2, "two cards: {cards:?}");
    let (ana, ben) = (&cards[0], &cards[1]);
    ensure!(ana.0 == "Ana" && ben.0 == "Ben", "cards: {cards:?}");
    b.find(Locator::Css(".profile-card")).await?.click().await?;
    b.wait_for_heading(1, "Hi, Ana").await?;
    // Ben's address, typed by hand, is refused.
    b.goto(&ben.1).await?;
    b.wait_for_heading(1, "This page is someone else's").await?;
    ensure!(
        b.find_role(Role::Heading(1), "Hi, Ben").await.is_err(),
        "Ben's page opened for Ana"
    );
    no_axe_violations(&b, "someone else's page").await?;
    // So is the teacher's workspace.
    b.goto("/teacher").await?;
    b.wait_for_heading(2, "Enter your teacher PIN").await?;
    // Choosing a name from there leads back to the names.
    b.goto(&ben.1).await?;
    click(&b, "Choose my name").await?;
    b.wait_for_heading(1, "Which one is you?").await?;
    Ok(())
}

#[tokio::test]
async fn an_idle_device_locks_itself_back_to_the_start() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    class_with_pin(&b).await?;
    // The teacher is signed in; pretend the device was left alone for six minutes.
    b.execute(
        "const s = JSON.parse(sessionStorage.getItem('wayfinder:session')); s.a = Date.now() - 6 * 60 * 1000; sessionStorage.setItem('wayfinder:session', JSON.stringify(s));",
        vec![],
    )
    .await?;
    poll("the auto-lock", Duration::from_secs(12), || async {
        Ok(
            match b.wait_for_heading(1, "Who's using Wayfinder?").await {
                Ok(_) => Ok(()),
                Err(e) => Err(e.0),
            },
        )
    })
    .await?;
    b.wait_for_role_with_text(Role::Status, "locked itself after 5 minutes")
        .await?;
    b.screenshot("auto-locked-mobile").await?;
    no_axe_violations(&b, "the start page after an auto-lock").await?;
    b.goto("/teacher").await?;
    b.wait_for_heading(2, "Enter your teacher PIN").await?;
    Ok(())
}

#[tokio::test]
async fn a_student_pin_set_by_the_teacher_guards_that_student_only() -> Result<()> {
    let (_server, b) = start().await?;
    class_with_pin(&b).await?;
    b.wait_for_role(Role::Button, "Student PIN for Ana López")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(
        Role::Other {
            role: "group",
            css: "[role=group]",
        },
        "Ana has no PIN",
    )
    .await?;
    type_into(&b, "Student PIN", "1122").await?;
    type_into(&b, "Type it again", "1122").await?;
    click(&b, "Set student PIN").await?;
    // Hashing takes a moment (600,000 rounds), longer on a busy machine.
    poll("the PIN to be set", Duration::from_secs(30), || async {
        let said = b.texts("[role=status]").await?;
        Ok(
            if said.iter().any(|t| t.contains("Ana's student PIN is set.")) {
                Ok(())
            } else {
                Err(format!("status lines: {said:?}"))
            },
        )
    })
    .await?;
    b.screenshot("roster-student-pin").await?;
    no_axe_violations(&b, "the roster with a PIN panel").await?;
    // The family PIN panel says the family view stays closed until one is set.
    click(&b, "Family PIN for Ben Okafor").await?;
    b.wait_for_role_with_text(
        Role::Other {
            role: "group",
            css: "[role=group]",
        },
        "can't open the family view",
    )
    .await?;

    switch_person(&b).await?;
    let cards = card_links(&b).await?;
    let ana = cards
        .iter()
        .find(|c| c.0 == "Ana")
        .cloned()
        .unwrap_or_default();
    let ben = cards
        .iter()
        .find(|c| c.0 == "Ben")
        .cloned()
        .unwrap_or_default();
    // Ana's page asks for her PIN; Ben's opens straight away.
    b.goto(&ana.1).await?;
    b.wait_for_heading(2, "Type your PIN").await?;
    ensure!(
        b.find_role(Role::Heading(2), "Next up").await.is_err(),
        "Ana's home is shown before her PIN"
    );
    type_into(&b, "My PIN", "9999").await?;
    click(&b, "Unlock").await?;
    b.wait_for_alert("isn't right").await?;
    type_into(&b, "My PIN", "1122").await?;
    click(&b, "Unlock").await?;
    b.wait_for_heading(2, "Next up").await?;
    b.reload().await?;
    b.wait_for_heading(2, "Next up").await?;
    switch_person(&b).await?;
    b.goto(&ben.1).await?;
    b.wait_for_heading(1, "Hi, Ben").await?;
    b.wait_for_heading(2, "Next up").await?;
    Ok(())
}

#[tokio::test]
async fn family_pins_for_every_child_in_one_pass_with_the_letters_together() -> Result<()> {
    let (_server, b) = start().await?;
    class_with_pin(&b).await?;
    let card = b.wait_for_role(Role::Region, "Family PINs").await?;
    ensure!(
        card.text()
            .await?
            .contains("2 families have no PIN yet, so they can't open the family view: Ana López and Ben Okafor."),
        "the teacher's home says which families have no PIN"
    );
    click(&b, "Make family PINs for all 2").await?;
    b.wait_for_role_with_text(Role::Status, "Made a family PIN for 2 children.")
        .await?;
    let rows = b.texts(".family-pins-made tbody tr").await?;
    ensure!(rows.len() == 2, "one row per child: {rows:?}");
    let pins = b.texts(".family-pin-value").await?;
    ensure!(
        pins.iter()
            .all(|p| p.len() == 6 && p.chars().all(|c| c.is_ascii_digit())),
        "six-digit PINs: {pins:?}"
    );
    b.screenshot("family-pins-made").await?;
    no_axe_violations(&b, "family PINs made in one pass").await?;
    // Both letters print together.
    b.execute(
        "window.__printed = 0; window.print = () => { window.__printed += 1; };",
        vec![],
    )
    .await?;
    click(&b, "Print all 2 letters").await?;
    poll("the letters to print", DEFAULT_TIMEOUT, || async {
        let letters = b.texts(".family-letters .family-letter-pin-value").await?;
        let printed = b.execute("return window.__printed;", vec![]).await?;
        Ok(if letters == pins && printed == serde_json::json!(1) {
            Ok(())
        } else {
            Err(format!("letters {letters:?}, printed {printed}"))
        })
    })
    .await?;
    no_axe_violations(&b, "the family letters on the page").await?;
    // Kept: after a reload every family has a PIN, and the PINs are not shown again.
    b.reload().await?;
    b.wait_for_role_with_text(Role::Region, "Every family has a PIN for the family view.")
        .await?;
    ensure!(
        b.texts(".family-pin-value").await?.is_empty(),
        "the PINs are shown again after a reload"
    );
    // A made PIN opens Ana's family view.
    switch_person(&b).await?;
    b.goto("/family").await?;
    b.wait_for_heading(2, "Choose your child").await?;
    b.wait_for_role(Role::Link, "Ana").await?.click().await?;
    b.wait_for_heading(2, "Type the family PIN for Ana").await?;
    type_into(&b, "Family PIN", &pins[0]).await?;
    click(&b, "Unlock").await?;
    b.wait_for_heading(1, "Ana's learning").await?;
    Ok(())
}
