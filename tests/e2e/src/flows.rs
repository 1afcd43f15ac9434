//! Steps many suites share: filling a form field, pressing a button, seeding the sample
//! class, creating a class with a teacher PIN, and choosing a student on the picker.

use fantoccini::Locator;

use crate::{ensure, poll, Browser, Error, Result, Role, DEFAULT_TIMEOUT};

impl Browser {
    /// Clears the text box (or PIN box) labelled `label` and types `text` into it.
    pub async fn type_into(&self, label: &str, text: &str) -> Result<()> {
        let field = self.wait_for_role(Role::Textbox, label).await?;
        field.clear().await?;
        field.send_keys(text).await?;
        Ok(())
    }

    /// Waits for the button named `name` and clicks it.
    pub async fn click_button(&self, name: &str) -> Result<()> {
        self.wait_for_role(Role::Button, name)
            .await?
            .click()
            .await?;
        Ok(())
    }

    /// Chooses the option whose text is `option` in the select labelled `label` (one
    /// change event, as a person choosing it would cause).
    pub async fn choose_option(&self, label: &str, option: &str) -> Result<()> {
        let el = self.wait_for_role(Role::Combobox, label).await?;
        let found = self
            .execute(
                "const el = arguments[0]; const o = [...el.options].find(o => o.text === arguments[1]);
                 if (!o) return false; el.value = o.value; el.dispatchEvent(new Event('change', { bubbles: true })); return true;",
                vec![serde_json::to_value(&el)?, option.into()],
            )
            .await?;
        ensure!(
            found.as_bool() == Some(true),
            "no option {option:?} in {label:?}"
        );
        Ok(())
    }

    /// Unlocks the teacher workspace with `pin` (the teacher lock is on screen or about
    /// to be).
    pub async fn unlock_teacher(&self, pin: &str) -> Result<()> {
        self.type_into("Teacher PIN", pin).await?;
        self.click_button("Unlock").await?;
        Ok(())
    }

    /// Fills the sample class from the teacher's workspace (no teacher PIN is set).
    pub async fn try_sample_class(&self) -> Result<()> {
        self.goto("/teacher").await?;
        self.click_button("Try a sample class").await?;
        self.wait_for_role(Role::Button, "Remove the sample class")
            .await?;
        Ok(())
    }

    /// Creates a class named `class` with the teacher PIN `pin` and adds `names` by
    /// pasting them; returns the recovery code shown once.
    pub async fn create_class_with_pin(
        &self,
        class: &str,
        pin: &str,
        names: &[&str],
    ) -> Result<String> {
        self.goto("/teacher").await?;
        self.wait_for_heading(2, "Set up your class").await?;
        self.type_into("Class name", class).await?;
        self.type_into("Teacher PIN", pin).await?;
        self.type_into("Type it again", pin).await?;
        self.click_button("Create class").await?;
        self.wait_for_heading(2, "Your recovery code").await?;
        let code = self.texts(".recovery-code").await?.join("");
        self.click_button("I've kept it safe").await?;
        self.wait_for_heading(2, class).await?;
        if !names.is_empty() {
            self.type_into("Or paste a list of names, one per line", &names.join("\n"))
                .await?;
            self.click_button("Add these students").await?;
            self.wait_for_role_with_text(Role::Status, &format!("Added {} student", names.len()))
                .await?;
        }
        Ok(code)
    }

    /// Opens the picker and chooses the card whose first name is `first`; waits for
    /// "Hi, <first>" when no PIN is asked, and returns the student's home path.
    pub async fn choose_student(&self, first: &str) -> Result<String> {
        self.goto("/student").await?;
        self.wait_for_heading(1, "Which one is you?").await?;
        let card = poll("the student's picture card", DEFAULT_TIMEOUT, || async {
            for card in self.find_all(Locator::Css(".profile-card")).await? {
                let name = card
                    .find(Locator::Css(".profile-name"))
                    .await?
                    .text()
                    .await?;
                if name.trim() == first {
                    return Ok(Ok(card));
                }
            }
            Ok(Err(format!("no card for {first:?} yet")))
        })
        .await?;
        card.click().await?;
        let path = self.current_path().await?;
        ensure!(
            path.starts_with("/student/"),
            "choosing {first} opens their area: {path}"
        );
        Ok(path)
    }

    /// Signs the current person out through the header's "Switch person" link.
    pub async fn switch_person(&self) -> Result<()> {
        self.find_role(Role::Link, "Switch person")
            .await?
            .click()
            .await?;
        self.wait_for_heading(1, "Who's using Wayfinder?")
            .await
            .map_err(|e: Error| e.context("after Switch person"))?;
        Ok(())
    }
}
