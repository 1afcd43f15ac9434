//! Name cards never show an empty box: a student's picture is shown only where this
//! browser draws it (a colour emoji); otherwise the card shows their initial, and the
//! picture choices on "All about me" show each picture's name. The test machine has no
//! emoji font, which is exactly the case that used to show empty boxes.

use wayfinder_e2e::{ensure, start, Browser, Result};

/// Texts of `css` that are neither one letter nor an emoji this browser draws in colour.
async fn empty_boxes(b: &Browser, css: &str) -> Result<Vec<String>> {
    let v = b
        .execute(
            "const drawn = (t) => {
               const c = document.createElement('canvas'); c.width = 40; c.height = 40;
               const x = c.getContext('2d'); x.font = '32px sans-serif'; x.textBaseline = 'top';
               x.fillText(t, 0, 0);
               const d = x.getImageData(0, 0, 40, 40).data;
               for (let i = 0; i < d.length; i += 4) {
                 const [r, g, b, a] = [d[i], d[i + 1], d[i + 2], d[i + 3]];
                 if (a > 0 && (Math.abs(r - g) > 30 || Math.abs(g - b) > 30 || Math.abs(r - b) > 30)) return true;
               }
               return false;
             };
             return [...document.querySelectorAll(arguments[0])]
               .map((e) => e.textContent.trim())
               .filter((t) => !/^[\\p{L}\\s-]+$/u.test(t) && !drawn(t));",
            vec![css.into()],
        )
        .await?;
    Ok(serde_json::from_value(v)?)
}

#[tokio::test]
async fn name_cards_and_picture_choices_never_show_an_empty_box() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    b.goto("/").await?;
    b.wait_for_heading(2, "Students").await?;
    let cards = b.texts(".start-cards .avatar").await?;
    ensure!(
        !cards.is_empty(),
        "the start page shows the students' cards"
    );
    let boxes = empty_boxes(&b, ".start-cards .avatar").await?;
    ensure!(
        boxes.is_empty(),
        "pictures this browser can't draw (empty boxes) on the start page: {boxes:?}"
    );
    b.screenshot("start-cards").await?;

    let me = b
        .execute(
            "return document.querySelector('a.profile-card').getAttribute('href');",
            vec![],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_string();
    b.find(fantoccini::Locator::Css("a.profile-card"))
        .await?
        .click()
        .await?;
    b.wait_for_path(&me).await?;
    b.goto(&format!("{me}/me")).await?;
    b.wait_for_heading(2, "My picture").await?;
    let boxes = empty_boxes(&b, ".avatar-option label, .avatar-now .avatar").await?;
    ensure!(
        boxes.is_empty(),
        "picture choices that would be empty boxes: {boxes:?}"
    );
    ensure!(
        b.texts(".avatar-option label")
            .await?
            .iter()
            .all(|t| !t.is_empty()),
        "every picture choice shows something"
    );
    b.screenshot("me-pictures").await?;
    Ok(())
}
