//! Shared devices: the idle time the teacher sets, the start page's picture cards, the
//! picture password (set by the teacher, used by the student, counted like a PIN and
//! never stored in clear) and the family letter printed right after a family PIN.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::json;
use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start, start_with, Browser, BrowserOptions, Result, Role,
    DEFAULT_TIMEOUT, DESKTOP, MOBILE,
};

const TIMER: Role = Role::Other {
    role: "timer",
    css: "[role=timer]",
};

/// The full name of the sample student whose first name is `first`, from the roster.
async fn full_name(b: &Browser, first: &str) -> Result<String> {
    let first = first.to_string();
    poll("the roster names", DEFAULT_TIMEOUT, || async {
        let names = b.texts(".roster-name").await?;
        Ok(
            match names
                .iter()
                .find(|n| n.split_whitespace().next() == Some(first.as_str()))
            {
                Some(n) => Ok(n.trim().to_string()),
                None => Err(format!("no {first} in {names:?}")),
            },
        )
    })
    .await
}

/// Moves this tab's last use `seconds` into the past.
async fn idle_for(b: &Browser, seconds: u32) -> Result<()> {
    b.execute(
        "const s = JSON.parse(sessionStorage.getItem('wayfinder:session')); s.a = Date.now() - arguments[0] * 1000; sessionStorage.setItem('wayfinder:session', JSON.stringify(s));",
        vec![json!(seconds)],
    )
    .await?;
    Ok(())
}

async fn idle_value(b: &Browser) -> Result<String> {
    let v = b
        .execute(
            "return document.getElementById('idle-minutes').value;",
            vec![],
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// True when nothing on the page is wider than the window.
async fn fits_the_width(b: &Browser) -> Result<bool> {
    let v = b
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await?;
    Ok(v.as_bool() == Some(true))
}

#[tokio::test]
async fn the_idle_time_set_by_the_teacher_locks_the_device() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    let select = b
        .wait_for_role(
            Role::Combobox,
            "Lock this device after this long without use",
        )
        .await?;
    ensure!(idle_value(&b).await? == "5", "five minutes by default");
    let options = b.option_texts(&select).await?;
    ensure!(
        options
            == [
                "1 minute",
                "2 minutes",
                "5 minutes",
                "10 minutes",
                "15 minutes",
                "30 minutes"
            ],
        "the choices: {options:?}"
    );
    select.select_by_value("1").await?;
    b.wait_for_role_with_text(
        Role::Status,
        "This device now locks itself after 1 minute without use.",
    )
    .await?;
    b.screenshot("devices-idle-setting").await?;
    no_axe_violations(&b, "the idle setting").await?;
    // Kept on this device across a reload.
    b.reload().await?;
    b.wait_for_role(
        Role::Combobox,
        "Lock this device after this long without use",
    )
    .await?;
    ensure!(idle_value(&b).await? == "1", "the 1 minute is kept");

    // A student signs in, then leaves the device for 90 seconds: more than the one
    // minute set, less than the default five.
    b.choose_student("Amara").await?;
    b.wait_for_heading(1, "Hi, Amara").await?;
    idle_for(&b, 90).await?;
    poll("the auto-lock", Duration::from_secs(15), || async {
        Ok(
            match b
                .find_role(Role::Heading(1), "Who's using Wayfinder?")
                .await
            {
                Ok(_) => Ok(()),
                Err(e) => Err(e.0),
            },
        )
    })
    .await?;
    b.wait_for_role_with_text(Role::Status, "locked itself after 1 minute without use")
        .await?;
    // Amara's pages are closed to the next person: her card must be chosen again.
    ensure!(
        b.find_role(Role::Heading(1), "Hi, Amara").await.is_err(),
        "still on Amara's page"
    );
    Ok(())
}

#[tokio::test]
async fn the_start_page_shows_the_students_as_large_picture_cards() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    b.goto("/").await?;
    b.wait_for_heading(2, "Students").await?;
    b.wait_for_heading(2, "Teachers and families").await?;
    let names = poll("six cards", DEFAULT_TIMEOUT, || async {
        let names = b.texts(".start-cards .profile-name").await?;
        Ok(if names.len() == 6 {
            Ok(names)
        } else {
            Err(format!("cards: {names:?}"))
        })
    })
    .await?;
    ensure!(names.contains(&"Amara".to_string()), "cards: {names:?}");
    // The grown-ups' ways in stay; the honest PIN sentence stays.
    for (name, path) in [("Teacher", "/teacher"), ("Family", "/family")] {
        let href = b
            .find_role(Role::Link, name)
            .await?
            .prop("href")
            .await?
            .unwrap_or_default();
        ensure!(href == b.url_for(path), "{name} goes to {href}");
    }
    let notes = b.texts(".note").await?.join(" ");
    ensure!(notes.contains("not a bank vault"), "PIN honesty: {notes}");
    // Large enough for small fingers: every card at least 44px high and wide.
    let sizes = b
        .execute(
            "return [...document.querySelectorAll('.start-cards .profile-card')].map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; });",
            vec![],
        )
        .await?;
    let sizes: Vec<(f64, f64)> = serde_json::from_value(sizes)?;
    ensure!(
        sizes.iter().all(|(w, h)| *w >= 44.0 && *h >= 120.0),
        "card sizes: {sizes:?}"
    );
    b.screenshot("devices-start-cards").await?;
    no_axe_violations(&b, "the start page with picture cards").await?;

    b.fit_viewport(MOBILE.0, MOBILE.1).await?;
    b.wait_for_heading(2, "Students").await?;
    ensure!(fits_the_width(&b).await?, "the start page scrolls sideways");
    b.screenshot("devices-start-cards-mobile").await?;
    no_axe_violations(&b, "the start page with picture cards on a phone").await?;
    b.fit_viewport(DESKTOP.0, DESKTOP.1).await?;

    // Choosing a card opens that student's home.
    for card in b
        .find_all(Locator::Css(".start-cards .profile-card"))
        .await?
    {
        let name = card
            .find(Locator::Css(".profile-name"))
            .await?
            .text()
            .await?;
        if name.trim() == "Amara" {
            card.click().await?;
            break;
        }
    }
    b.wait_for_heading(1, "Hi, Amara").await?;
    b.reload().await?;
    b.wait_for_heading(1, "Hi, Amara").await?;
    Ok(())
}

/// Chooses pictures by name, in order, inside the picture grid labelled `group`.
async fn choose_pictures(b: &Browser, group: &str, names: &[&str]) -> Result<()> {
    let pad = b
        .wait_for_role(
            Role::Other {
                role: "group",
                css: "[role=group]",
            },
            group,
        )
        .await?;
    for name in names {
        // The button may be busy for a moment after the last try.
        let button = b.find_role_in(&pad, Role::Button, name).await?;
        poll("the picture to be usable", DEFAULT_TIMEOUT, || async {
            Ok(if button.is_enabled().await? {
                Ok(())
            } else {
                Err(format!("{name} is disabled"))
            })
        })
        .await?;
        button.click().await?;
    }
    Ok(())
}

/// The alert after a picture try, once the check is done.
async fn picture_try(b: &Browser, names: &[&str]) -> Result<String> {
    choose_pictures(b, "My picture password", names).await?;
    poll(
        "a message after the pictures",
        Duration::from_secs(15),
        || async {
            let alerts = b.texts("[role=alert]").await?;
            Ok(match alerts.iter().find(|t| t.contains("aren't right")) {
                Some(t) => Ok(t.clone()),
                None => Err(format!("alerts so far: {alerts:?}")),
            })
        },
    )
    .await
}

/// Opens the start page and chooses the card of `first`.
async fn choose_card(b: &Browser, first: &str) -> Result<()> {
    b.goto("/").await?;
    b.wait_for_heading(2, "Students").await?;
    let card = poll("the card", DEFAULT_TIMEOUT, || async {
        for card in b
            .find_all(Locator::Css(".start-cards .profile-card"))
            .await?
        {
            if card
                .find(Locator::Css(".profile-name"))
                .await?
                .text()
                .await?
                == first
            {
                return Ok(Ok(card));
            }
        }
        Ok(Err(format!("no card for {first}")))
    })
    .await?;
    card.click().await?;
    Ok(())
}

#[tokio::test]
async fn a_picture_password_set_by_the_teacher_opens_only_in_the_right_order() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    let amara = full_name(&b, "Amara").await?;
    b.click_button(&format!("Student PIN for {amara}")).await?;
    let grid = format!("Pictures: Picture password for {amara}");
    choose_pictures(&b, &grid, &["Tree", "Sun", "Fish"]).await?;
    // Each chosen picture is pressed and shows its place in the order.
    let marks = b
        .execute(
            "return [...document.querySelectorAll('.picture-setter .picture-button')].map(e => [e.querySelector('.picture-name').textContent, e.getAttribute('aria-pressed'), e.querySelector('.picture-order').textContent]);",
            vec![],
        )
        .await?;
    let marks: Vec<(String, String, String)> = serde_json::from_value(marks)?;
    let chosen: Vec<(&str, &str)> = marks
        .iter()
        .filter(|m| m.1 == "true")
        .map(|m| (m.0.as_str(), m.2.as_str()))
        .collect();
    ensure!(
        marks.len() == 9 && chosen == [("Sun", "2"), ("Tree", "1"), ("Fish", "3")],
        "pictures: {marks:?}"
    );
    b.screenshot("devices-picture-setter").await?;
    no_axe_violations(&b, "the picture password setter").await?;
    // Confirming in another order is refused; nothing is set.
    b.click_button("Next: choose them again").await?;
    choose_pictures(&b, &grid, &["Tree", "Fish", "Sun"]).await?;
    b.click_button("Set picture password").await?;
    b.wait_for_alert("not the same").await?;
    ensure!(
        !b.local_storage_get("wayfinder:pins")
            .await?
            .unwrap_or_default()
            .contains("\"k\":\"pic\""),
        "a picture password was saved after a mismatch"
    );
    // "Start again" clears a half-made choice.
    choose_pictures(&b, &grid, &["Moon"]).await?;
    b.click_button("Start again").await?;
    ensure!(
        b.texts(".picture-setter [aria-pressed=true]")
            .await?
            .is_empty(),
        "Start again left pictures chosen"
    );
    choose_pictures(&b, &grid, &["Tree", "Sun", "Fish"]).await?;
    b.click_button("Next: choose them again").await?;
    choose_pictures(&b, &grid, &["Tree", "Sun", "Fish"]).await?;
    b.click_button("Set picture password").await?;
    poll(
        "the picture password to be set",
        Duration::from_secs(30),
        || async {
            let said = b.texts("[role=status]").await?;
            Ok(
                if said
                    .iter()
                    .any(|t| t.contains("Amara's picture password is set."))
                {
                    Ok(())
                } else {
                    Err(format!("status lines: {said:?}"))
                },
            )
        },
    )
    .await?;
    b.wait_for_role_with_text(
        Role::Other {
            role: "group",
            css: "[role=group]",
        },
        "Amara has a picture password",
    )
    .await?;
    b.wait_for_role(Role::Button, "Remove picture password")
        .await?;

    // Stored hashed like a PIN: no sequence in clear anywhere.
    let pins = b
        .local_storage_get("wayfinder:pins")
        .await?
        .unwrap_or_default();
    ensure!(
        pins.contains("\"k\":\"pic\"") && pins.contains("600000"),
        "the picture password is a hashed entry: {pins}"
    );
    for (key, value) in b.readable_storage().await? {
        for clear in ["pic:", "4-1-6", "Tree", "tree,sun"] {
            ensure!(
                !(key.contains("pins") && value.contains(clear)),
                "{key} holds the pictures in clear ({clear})"
            );
        }
        ensure!(!value.contains("pic:4-1-6"), "{key} holds the sequence");
    }

    // Amara's card asks for her pictures; the wrong order is refused and counted.
    choose_card(&b, "Amara").await?;
    b.wait_for_role(Role::Button, "Tree").await?;
    b.wait_for_heading(2, "Choose your pictures").await?;
    ensure!(
        b.find_role(Role::Textbox, "My PIN").await.is_err(),
        "a PIN box for a picture password"
    );
    b.screenshot("devices-picture-unlock").await?;
    no_axe_violations(&b, "the picture unlock").await?;
    let m = picture_try(&b, &["Sun", "Tree", "Fish"]).await?;
    ensure!(m.contains("4 more times"), "first wrong try: {m}");
    // The right order opens her home, and she stays in after a reload.
    choose_pictures(&b, "My picture password", &["Tree", "Sun", "Fish"]).await?;
    b.wait_for_heading(2, "Next up").await?;
    b.reload().await?;
    b.wait_for_heading(2, "Next up").await?;

    // Ben has no password: his card opens straight away.
    b.switch_person().await?;
    choose_card(&b, "Ben").await?;
    b.wait_for_heading(1, "Hi, Ben").await?;
    b.wait_for_heading(2, "Next up").await?;

    // Five wrong orders mean a wait, which a reload does not skip.
    b.switch_person().await?;
    choose_card(&b, "Amara").await?;
    for i in 0..4 {
        let m = picture_try(&b, &["Fish", "Sun", "Tree"]).await?;
        ensure!(m.contains("try"), "wrong try {i}: {m}");
    }
    let m = picture_try(&b, &["Fish", "Sun", "Tree"]).await?;
    ensure!(m.contains("wait 30 seconds"), "the fifth wrong try: {m}");
    b.wait_for_role_with_text(TIMER, "try again in").await?;
    b.reload().await?;
    b.wait_for_role_with_text(TIMER, "try again in").await?;
    let tree = b.wait_for_role(Role::Button, "Tree").await?;
    ensure!(!tree.is_enabled().await?, "pictures usable during the wait");
    ensure!(
        b.find_role(Role::Heading(2), "Next up").await.is_err(),
        "Amara's home shown during the wait"
    );
    b.fit_viewport(MOBILE.0, MOBILE.1).await?;
    b.wait_for_role(Role::Button, "Tree").await?;
    ensure!(
        fits_the_width(&b).await?,
        "the picture unlock scrolls sideways"
    );
    b.screenshot("devices-picture-wait-mobile").await?;
    no_axe_violations(&b, "the picture unlock with a wait, on a phone").await?;
    Ok(())
}

#[tokio::test]
async fn the_picture_setter_works_on_a_phone() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    b.try_sample_class().await?;
    let ben = full_name(&b, "Ben").await?;
    b.click_button(&format!("Student PIN for {ben}")).await?;
    let grid = format!("Pictures: Picture password for {ben}");
    choose_pictures(&b, &grid, &["Apple", "Boat"]).await?;
    b.find_role(Role::Button, "Boat").await?;
    ensure!(fits_the_width(&b).await?, "the roster scrolls sideways");
    b.execute(
        "document.querySelector('.picture-setter').scrollIntoView();",
        vec![],
    )
    .await?;
    b.screenshot("devices-picture-setter-mobile").await?;
    no_axe_violations(&b, "the picture setter on a phone").await?;
    Ok(())
}

/// CSS `display` of the first element matching `css` ("missing" when there is none).
async fn display_of(b: &Browser, css: &str) -> Result<String> {
    let v = b
        .execute(
            "const e = document.querySelector(arguments[0]); return e ? getComputedStyle(e).display : 'missing';",
            vec![json!(css)],
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn the_family_letter_shows_the_pin_and_prints_alone_on_one_page() -> Result<()> {
    const FAMILY_PIN: &str = "97531864";
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    let amara = full_name(&b, "Amara").await?;
    b.click_button(&format!("Family PIN for {amara}")).await?;
    // The sample class has no teacher PIN, so the page has another "Type it again".
    let panel = b
        .wait_for_role(
            Role::Other {
                role: "group",
                css: "[role=group]",
            },
            &format!("Family PIN for {amara}"),
        )
        .await?;
    for label in ["Family PIN", "Type it again"] {
        b.find_role_in(&panel, Role::Textbox, label)
            .await?
            .send_keys(FAMILY_PIN)
            .await?;
    }
    b.click_button("Set family PIN").await?;
    let set = poll(
        "the family PIN to be set",
        Duration::from_secs(30),
        || async {
            let said = b.texts("[role=status]").await?;
            let alerts = b.texts("[role=alert]").await?;
            Ok(
                if said
                    .iter()
                    .any(|t| t.contains("Amara's family PIN is set."))
                {
                    Ok(())
                } else {
                    Err(format!("status lines: {said:?}, alerts: {alerts:?}"))
                },
            )
        },
    )
    .await;
    if set.is_err() {
        b.screenshot("devices-family-pin-failure").await?;
    }
    set?;
    // The browser's print dialog is replaced by a counter.
    b.execute(
        "window.__printed = 0; window.print = () => { window.__printed += 1; };",
        vec![],
    )
    .await?;
    b.click_button("Print a letter for Amara's family").await?;
    b.wait_for_heading(3, "How to see Amara's learning in Wayfinder")
        .await?;
    let pin = b.texts(".family-letter-pin-value").await?.join("");
    ensure!(pin == FAMILY_PIN, "the letter shows the PIN: {pin:?}");
    let letter = b.texts(".family-letter").await?.join(" ");
    for words in [
        "Dear family of Amara",
        "choose \"Family\"",
        "Nothing is sent over the internet",
    ] {
        ensure!(
            letter.contains(words),
            "the letter lacks {words:?}: {letter}"
        );
    }
    b.wait_for_js(
        "the print dialog",
        "window.__printed === 1",
        Duration::from_secs(5),
    )
    .await?;
    b.execute(
        "document.querySelector('.family-letter').scrollIntoView();",
        vec![],
    )
    .await?;
    b.screenshot("devices-family-letter").await?;
    no_axe_violations(&b, "the family letter in the roster").await?;

    // Printed, the letter is alone on one page of A4 or Letter.
    b.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" }))
        .await?;
    for css in [
        ".site-header",
        "#roster-heading",
        ".roster-actions",
        ".letter-offer .actions",
    ] {
        let d = display_of(&b, css).await?;
        ensure!(d == "none", "{css} is printed (display {d})");
    }
    let d = display_of(&b, ".family-letter").await?;
    ensure!(d == "block", "the letter is not printed ({d})");
    b.screenshot("devices-family-letter-print").await?;
    for (paper, w, h) in [("A4", 8.27, 11.69), ("Letter", 8.5, 11.0)] {
        let pages = b.print_pdf("family-letter", paper, w, h).await?;
        ensure!(pages == 1, "the letter takes {pages} pages on {paper}");
    }
    b.cdp("Emulation.setEmulatedMedia", json!({ "media": "" }))
        .await?;

    // The same letter in Spanish.
    b.click_button("Imprimir la carta en español").await?;
    b.wait_for_heading(3, "Cómo ver el aprendizaje de Amara en Wayfinder")
        .await?;
    ensure!(
        b.texts(".family-letter-pin-value").await?.join("") == FAMILY_PIN,
        "the Spanish letter shows the PIN"
    );
    no_axe_violations(&b, "the family letter in Spanish").await?;

    // The PIN is never stored; after the panel closes, no letter can be printed.
    for (key, value) in b.readable_storage().await? {
        ensure!(!value.contains(FAMILY_PIN), "{key} holds the family PIN");
    }
    b.click_button("Close").await?;
    b.click_button(&format!("Family PIN for {amara}")).await?;
    b.wait_for_role_with_text(
        Role::Other {
            role: "group",
            css: "[role=group]",
        },
        "Amara has the family PIN",
    )
    .await?;
    ensure!(
        b.find_role(Role::Button, "Print a letter for Amara's family")
            .await
            .is_err(),
        "a letter is offered without a new PIN"
    );
    Ok(())
}

#[tokio::test]
async fn the_family_pin_gate_and_its_wait_speak_the_familys_language() -> Result<()> {
    const FAMILY_PIN: &str = "97531864";
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    b.try_sample_class().await?;
    let amara = full_name(&b, "Amara").await?;
    let href = b
        .find_role(Role::Link, &amara)
        .await?
        .prop("href")
        .await?
        .unwrap_or_default();
    let id = href.rsplit('/').next().unwrap_or_default().to_string();
    b.click_button(&format!("Family PIN for {amara}")).await?;
    let panel = b
        .wait_for_role(
            Role::Other {
                role: "group",
                css: "[role=group]",
            },
            &format!("Family PIN for {amara}"),
        )
        .await?;
    for label in ["Family PIN", "Type it again"] {
        b.find_role_in(&panel, Role::Textbox, label)
            .await?
            .send_keys(FAMILY_PIN)
            .await?;
    }
    b.click_button("Set family PIN").await?;
    b.wait_for_role(Role::Button, "Print a letter for Amara's family")
        .await?;

    b.goto(&format!("/family/{id}")).await?;
    b.click_button("Español").await?;
    b.wait_for_heading(2, "Escriba el PIN de familia de Amara")
        .await?;
    b.type_into("PIN de familia", "12ab").await?;
    b.click_button("Abrir").await?;
    b.wait_for_alert("solo lleva los números del 0 al 9")
        .await?;
    b.type_into("PIN de familia", "0000").await?;
    b.click_button("Abrir").await?;
    b.wait_for_alert("Puede intentarlo 4 veces más").await?;
    for _ in 0..4 {
        b.type_into("PIN de familia", "0000").await?;
        b.click_button("Abrir").await?;
        // Wait for the check to finish before the next try.
        poll("the check", Duration::from_secs(15), || async {
            let buttons = b.texts(".pin-form button").await?.join("");
            Ok(if buttons.contains("Comprobando") {
                Err(buttons)
            } else {
                Ok(())
            })
        })
        .await?;
    }
    b.wait_for_alert("espere 30 segundos").await?;
    b.wait_for_role_with_text(TIMER, "Puede volver a intentarlo en")
        .await?;
    ensure!(
        fits_the_width(&b).await?,
        "the Spanish gate scrolls sideways"
    );
    b.screenshot("devices-family-gate-wait-es").await?;
    no_axe_violations(&b, "the family PIN wait in Spanish").await?;
    // Back to English: the same wait, in English.
    b.click_button("English").await?;
    b.wait_for_role_with_text(TIMER, "You can try again in")
        .await?;
    Ok(())
}

/// The reflection box's text on the student's progress page.
async fn reflection_text(b: &Browser, home: &str) -> Result<String> {
    b.goto(&format!("{home}/progress")).await?;
    b.wait_for_heading(1, "My progress").await?;
    let field = poll("the reflection box", DEFAULT_TIMEOUT, || async {
        Ok(b.find(Locator::Css("#reflection-text"))
            .await
            .map_err(|e| e.to_string()))
    })
    .await?;
    Ok(field.prop("value").await?.unwrap_or_default())
}

#[tokio::test]
async fn a_half_written_reflection_waits_for_its_owner_after_the_auto_lock() -> Result<()> {
    const DRAFT: &str = "Today the fractions finally clicked when I drew them";
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    let amara = b.choose_student("Amara").await?;
    ensure!(
        reflection_text(&b, &amara).await?.is_empty(),
        "a draft before typing"
    );
    b.find(Locator::Css("#reflection-text"))
        .await?
        .send_keys(DRAFT)
        .await?;
    // Left alone for six minutes: the device locks itself.
    idle_for(&b, 360).await?;
    poll("the auto-lock", Duration::from_secs(15), || async {
        Ok(
            match b
                .find_role(Role::Heading(1), "Who's using Wayfinder?")
                .await
            {
                Ok(_) => Ok(()),
                Err(e) => Err(e.0),
            },
        )
    })
    .await?;
    // The next person does not see it, even after a reload.
    b.reload().await?;
    let ben = b.choose_student("Ben").await?;
    let theirs = reflection_text(&b, &ben).await?;
    ensure!(theirs.is_empty(), "Ben sees a draft: {theirs:?}");
    let page = b.execute("return document.body.innerText;", vec![]).await?;
    ensure!(
        !page.as_str().unwrap_or_default().contains(DRAFT),
        "Amara's draft shows on Ben's page"
    );
    // Amara gets it back.
    b.switch_person().await?;
    b.choose_student("Amara").await?;
    let back = reflection_text(&b, &amara).await?;
    ensure!(back == DRAFT, "Amara's draft after the lock: {back:?}");
    Ok(())
}
