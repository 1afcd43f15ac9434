//! The teacher's page for one student: opened from the roster, it shows the student's own
//! view beside the teacher's rating on each target; the teacher rates with a note,
//! comments on a goal and on a piece of evidence; a reload keeps it all; the student then
//! sees the teacher's level on their progress page and the comment on their home. A
//! student who is not on the device gets a kind sentence. axe-core at 1366x768 and at
//! phone width; screenshots in tests/e2e/artifacts/.

use fantoccini::Locator;
use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start, start_with, Browser, BrowserOptions, Element, Error,
    Result, Role, DEFAULT_TIMEOUT, MOBILE,
};

const STUDENT: &str = "Amara";

/// A button in `scope` whose accessible name starts with `start`.
async fn button_starting(b: &Browser, scope: &Element, start: &str) -> Result<Element> {
    let all = b.scan(Some(scope), Role::Button).await?;
    let names: Vec<String> = all.iter().map(|f| f.name.clone()).collect();
    all.into_iter()
        .find(|f| f.name.starts_with(start))
        .map(|f| f.element)
        .ok_or_else(|| Error(format!("no button starting {start:?}: {names:?}")))
}

/// The first element of `role` in `scope` whose accessible name starts with `start`.
async fn first_starting(b: &Browser, scope: &Element, role: Role, start: &str) -> Result<Element> {
    let all = b.scan(Some(scope), role).await?;
    let names: Vec<String> = all.iter().map(|f| f.name.clone()).collect();
    all.into_iter()
        .find(|f| f.name.starts_with(start))
        .map(|f| f.element)
        .ok_or_else(|| Error(format!("nothing named {start:?}…: {names:?}")))
}

/// Scrolls `el` to the top of the screen (for screenshots of the part under test).
async fn scroll_to(b: &Browser, el: &Element) -> Result<()> {
    let arg = serde_json::to_value(el)?;
    b.execute(
        "arguments[0].scrollIntoView({ block: 'start' });",
        vec![arg],
    )
    .await?;
    Ok(())
}

/// Waits until the id of the focused element passes `ok`.
async fn wait_for_focus_id(b: &Browser, why: &str, ok: impl Fn(&str) -> bool) -> Result<()> {
    poll(why, DEFAULT_TIMEOUT, || async {
        let id = b
            .execute("return document.activeElement.id;", vec![])
            .await?;
        let now = id.as_str().unwrap_or_default();
        Ok(if ok(now) {
            Ok(())
        } else {
            Err(format!("focus is on {now:?}"))
        })
    })
    .await
}

/// Text of the first element matching `css` inside `scope`.
async fn text_in(scope: &Element, css: &str) -> Result<String> {
    Ok(scope
        .find(Locator::Css(css))
        .await?
        .text()
        .await?
        .trim()
        .to_string())
}

/// As the student: rates themselves "Developing" on the first target and adds a piece of
/// evidence to it. Returns the target's "I can" statement and the student's home path.
async fn student_rates_and_adds_evidence(b: &Browser, evidence: &str) -> Result<(String, String)> {
    let home = b.choose_student(STUDENT).await?;
    b.goto(&format!("{home}/progress")).await?;
    b.wait_for_heading(2, "My learning targets").await?;
    let target = poll("the first target card", DEFAULT_TIMEOUT, || async {
        Ok(b.texts(".target-card h3")
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| "no card yet".to_string()))
    })
    .await?;
    let card = b.wait_for_role(Role::Region, &target).await?;
    button_starting(b, &card, "Rate myself")
        .await?
        .click()
        .await?;
    b.wait_for_role(Role::Radio, "Developing").await?;
    let card = b.wait_for_role(Role::Region, &target).await?;
    b.find_role_in(&card, Role::Radio, "Developing")
        .await?
        .click()
        .await?;
    b.find_role_in(&card, Role::Button, "Save how I'm doing")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Saved.").await?;
    let card = b.wait_for_role(Role::Region, &target).await?;
    button_starting(b, &card, "Add evidence")
        .await?
        .click()
        .await?;
    b.wait_for_role(Role::Textbox, "What did you do?")
        .await?
        .send_keys(evidence)
        .await?;
    let card = b.wait_for_role(Role::Region, &target).await?;
    b.find_role_in(&card, Role::Button, "Add evidence")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Added to your evidence")
        .await?;
    Ok((target, home))
}

/// From the teacher's home, opens the student's page through the roster link.
async fn open_from_roster(b: &Browser, first: &str) -> Result<()> {
    b.goto("/teacher").await?;
    b.wait_for_role(Role::Link, first).await?.click().await?;
    b.wait_for_heading(1, first).await?;
    ensure!(
        b.current_path().await?.starts_with("/teacher/students/"),
        "the roster link opens the student's page"
    );
    Ok(())
}

/// Types `text` into the comment box of the item (goal or evidence) in `scope` whose
/// heading is `heading`, and adds it.
async fn comment_on(b: &Browser, item: &Element, text: &str) -> Result<()> {
    first_starting(b, item, Role::Textbox, "Add a comment")
        .await?
        .send_keys(text)
        .await?;
    b.find_role_in(item, Role::Button, "Add comment")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Comment added")
        .await?;
    Ok(())
}

/// The first goal item or the evidence item whose text is `contains`.
async fn item_in(b: &Browser, section: &str, contains: Option<&str>) -> Result<Element> {
    let region = b.wait_for_role(Role::Region, section).await?;
    for item in region.find_all(Locator::Css(".ts-item")).await? {
        match contains {
            None => return Ok(item),
            Some(t) if item.text().await?.contains(t) => return Ok(item),
            _ => {}
        }
    }
    Err(Error(format!("no item in {section} with {contains:?}")))
}

#[tokio::test]
async fn the_teacher_rates_and_comments_and_the_student_sees_it() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    let evidence = "I found three clues in chapter 2 and wrote them down.";
    let (target, home) = student_rates_and_adds_evidence(&b, evidence).await?;
    b.switch_person().await?;

    open_from_roster(&b, STUDENT).await?;
    let card = b.wait_for_role(Role::Region, &target).await?;
    let own = text_in(&card, ".ts-own").await?;
    ensure!(
        own.contains("Developing") && own.contains("Amara's view"),
        "the student's own view is shown beside the teacher's: {own:?}"
    );
    // Saving without a level is refused kindly, and what was typed stays.
    let note = "You explained the clues clearly. Next: use them to predict.";
    first_starting(&b, &card, Role::Textbox, "A note for them")
        .await?
        .send_keys(note)
        .await?;
    b.find_role_in(&card, Role::Button, "Save rating")
        .await?
        .click()
        .await?;
    b.wait_for_alert("Choose a level first").await?;
    let kept = first_starting(&b, &card, Role::Textbox, "A note for them")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure!(kept == note, "the note is kept after a refusal: {kept:?}");
    first_starting(&b, &card, Role::Combobox, "Your rating")
        .await?
        .select_by_label("Proficient — I can do it on my own.")
        .await?;
    b.find_role_in(&card, Role::Button, "Save rating")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Saved: Proficient")
        .await?;
    let card = b.wait_for_role(Role::Region, &target).await?;
    let mine = text_in(&card, ".ts-teacher").await?;
    ensure!(
        mine.contains("Proficient") && mine.contains(note) && mine.contains("today"),
        "the new rating shows as the teacher's latest: {mine:?}"
    );
    // A second rating: the first goes to the earlier ratings.
    let note = "Now you use the clues to predict, too.";
    first_starting(&b, &card, Role::Combobox, "Your rating")
        .await?
        .select_by_label("Extending — I can do it on my own, use it in new ways and help others.")
        .await?;
    first_starting(&b, &card, Role::Textbox, "A note for them")
        .await?
        .send_keys(note)
        .await?;
    b.find_role_in(&card, Role::Button, "Save rating")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Saved: Extending")
        .await?;
    let card = b.wait_for_role(Role::Region, &target).await?;
    let mine = text_in(&card, ".ts-teacher").await?;
    ensure!(
        mine.contains("Extending") && mine.contains(note),
        "the second rating is the latest: {mine:?}"
    );

    // A comment on the first goal and on the evidence the student just added.
    let goal_comment = "Your plan has clear steps. Add a date for step 2?";
    let goal = item_in(&b, "Goals", None).await?;
    comment_on(&b, &goal, goal_comment).await?;
    let ev_comment = "Great clues! Which one surprised you most?";
    let item = item_in(&b, "Evidence", Some(evidence)).await?;
    comment_on(&b, &item, ev_comment).await?;
    no_axe_violations(&b, "the teacher's page for a student").await?;
    b.screenshot("teacher-student-desktop").await?;
    let card = b.wait_for_role(Role::Region, &target).await?;
    scroll_to(&b, &card).await?;
    b.screenshot("teacher-student-desktop-target").await?;
    let goal = item_in(&b, "Goals", Some(goal_comment)).await?;
    scroll_to(&b, &goal).await?;
    b.screenshot("teacher-student-desktop-goals").await?;
    let item = item_in(&b, "Evidence", Some(ev_comment)).await?;
    scroll_to(&b, &item).await?;
    b.screenshot("teacher-student-desktop-evidence").await?;

    // Everything is kept after a reload.
    b.reload().await?;
    b.wait_for_heading(1, STUDENT).await?;
    let card = b.wait_for_role(Role::Region, &target).await?;
    let mine = text_in(&card, ".ts-teacher").await?;
    ensure!(mine.contains("Extending"), "rating kept: {mine:?}");
    let goal = item_in(&b, "Goals", Some(goal_comment)).await?;
    ensure!(
        goal.text().await?.contains("You ·"),
        "the comment says it is the teacher's"
    );
    item_in(&b, "Evidence", Some(ev_comment)).await?;
    let summary = card.find(Locator::Css(".ts-history summary")).await?;
    ensure!(
        summary.text().await?.starts_with("Earlier ratings"),
        "earlier ratings are folded away"
    );
    summary.click().await?;
    let earlier = text_in(&card, ".ts-history ol").await?;
    ensure!(
        earlier.contains("You: Proficient") && earlier.contains("You explained the clues"),
        "the first rating is in the history with its note: {earlier:?}"
    );

    // The student sees the teacher's level beside their own, and the feedback.
    b.switch_person().await?;
    b.choose_student(STUDENT).await?;
    b.wait_for_role_with_text(Role::Main, ev_comment).await?;
    b.goto(&format!("{home}/progress")).await?;
    let card = b.wait_for_role(Role::Region, &target).await?;
    let teacher = text_in(&card, ".rating-teacher").await?;
    ensure!(
        teacher.contains("My teacher") && teacher.contains("Extending"),
        "the student's progress page shows the teacher's new level: {teacher:?}"
    );
    // ...and the teacher's comment under the evidence it is about.
    let said = text_in(&card, ".evidence-comments").await?;
    ensure!(
        said.contains("My teacher") && said.contains(ev_comment),
        "the evidence shows the teacher's comment: {said:?}"
    );
    b.screenshot("teacher-student-evidence-seen-by-student")
        .await?;
    no_axe_violations(&b, "the student's evidence with a comment").await?;
    Ok(())
}

#[tokio::test]
async fn a_missing_student_gets_a_kind_sentence_and_the_page_fits_a_phone() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    b.try_sample_class().await?;
    open_from_roster(&b, "Ben").await?;
    for h2 in [
        "Help requests",
        "Learning targets",
        "Goals",
        "Evidence",
        "Path",
    ] {
        b.wait_for_heading(2, h2).await?;
    }
    let wide = b
        .execute(
            "return document.documentElement.scrollWidth - window.innerWidth;",
            vec![],
        )
        .await?;
    ensure!(
        wide.as_f64().unwrap_or(1.0) <= 0.5,
        "the page is wider than a phone by {wide}px"
    );
    no_axe_violations(&b, "the teacher's page for a student on a phone").await?;
    b.screenshot("teacher-student-mobile").await?;
    let first_target = b.find(Locator::Css(".ts-target")).await?;
    scroll_to(&b, &first_target).await?;
    b.screenshot("teacher-student-mobile-target").await?;
    let goals = item_in(&b, "Goals", None).await?;
    scroll_to(&b, &goals).await?;
    b.screenshot("teacher-student-mobile-goals").await?;
    let path = b.wait_for_heading(2, "Path").await?;
    scroll_to(&b, &path).await?;
    b.screenshot("teacher-student-mobile-path").await?;
    // Keyboard: the first level list is reachable with Tab and named by its target.
    b.find_role(Role::Heading(1), "Ben").await?.click().await?;
    let mut seen = Vec::new();
    for _ in 0..12 {
        b.press_tab().await?;
        seen.push(b.active_element_name().await?);
        if seen
            .last()
            .is_some_and(|n| n.starts_with("Your rating for I can"))
        {
            break;
        }
    }
    ensure!(
        seen.last()
            .is_some_and(|n| n.starts_with("Your rating for I can")),
        "Tab reaches the first level list, named by its target: {seen:?}"
    );

    // Storage full: the error says so, and the choice and the note stay for a retry.
    b.fill_local_storage("zz-tstu-filler-").await?;
    let card = b.find(Locator::Css(".ts-target")).await?;
    let level = first_starting(&b, &card, Role::Combobox, "Your rating").await?;
    level
        .select_by_label("Proficient — I can do it on my own.")
        .await?;
    let note = "Well done on the summary.";
    first_starting(&b, &card, Role::Textbox, "A note for them")
        .await?
        .send_keys(note)
        .await?;
    b.find_role_in(&card, Role::Button, "Save rating")
        .await?
        .click()
        .await?;
    // The page-wide banner explains storage too; this is the form's own alert.
    let alert = poll("the rating form's alert", DEFAULT_TIMEOUT, || async {
        for f in b.scan(Some(&card), Role::Alert).await? {
            let t = f.element.text().await?;
            if t.contains("full") {
                return Ok(Ok(t));
            }
        }
        Ok(Err("no alert in the card yet".to_string()))
    })
    .await?;
    ensure!(
        alert.contains("still here"),
        "the alert says the choice is kept: {alert:?}"
    );
    let kept_level = level.prop("value").await?.unwrap_or_default();
    let kept_note = first_starting(&b, &card, Role::Textbox, "A note for them")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure!(
        kept_level == "2" && kept_note == note,
        "choice and note kept after a failed save: {kept_level:?} {kept_note:?}"
    );
    b.screenshot("teacher-student-mobile-full").await?;
    b.remove_local_storage_prefix("zz-tstu-filler-").await?;
    b.find_role_in(&card, Role::Button, "Save rating")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Saved: Proficient")
        .await?;

    b.goto("/teacher/students/AAAAAAAAAAAAAAAAAAAAAA").await?;
    b.wait_for_heading(1, "We couldn't find this student")
        .await?;
    b.find_role(Role::Link, "Back to my class").await?;
    no_axe_violations(&b, "a student who is not on this device").await?;
    b.screenshot("teacher-student-missing-mobile").await?;
    Ok(())
}

/// A year of evidence (45 pieces for one student, stored as the app stores them): the
/// page shows the newest twenty; "Show … older" adds the next ones and moves focus to
/// the first of them, by mouse and by keyboard, until nothing older is left. The
/// student's journal (45 entries) does the same.
#[tokio::test]
async fn a_year_of_evidence_comes_twenty_at_a_time() -> Result<()> {
    use wayfinder::domain::sample::{sample_class, SampleScale};
    use wayfinder::domain::Timestamp;
    use wayfinder::storage::records::{raw_dump, save_all, LastRead};
    use wayfinder::storage::MemoryBackend;

    let data = sample_class(
        3,
        &SampleScale::one_student(45, 45),
        Timestamp(1_756_684_800_000),
        "d1",
    );
    let student = data.students[0].meta.id;
    let mut newest_first: Vec<_> = data
        .evidence
        .iter()
        .filter(|e| e.student == student)
        .map(|e| (e.meta.created, e.meta.id))
        .collect();
    newest_first.sort_by(|a, b| b.cmp(a));
    let total = newest_first.len();
    ensure!(total > 40 && total < 60, "{total} pieces of evidence");
    let memory = MemoryBackend::default();
    save_all(&memory, &data, &mut LastRead::default()).map_err(|e| Error(format!("{e:?}")))?;

    let (_server, b) = start().await?;
    b.goto("/").await?;
    for (key, value) in raw_dump(&memory).map_err(|e| Error(format!("{e:?}")))? {
        b.local_storage_set(&key, &value).await?;
    }
    b.goto(&format!("/teacher/students/{student}")).await?;
    let section = b.wait_for_role(Role::Region, "Evidence").await?;
    let shown =
        || async { Ok::<usize, Error>(section.find_all(Locator::Css("li.ts-item")).await?.len()) };
    ensure!(shown().await? == 20, "the newest twenty first");
    let note = text_in(&section, "p[aria-live]").await?;
    ensure!(
        note == format!("Showing the newest 20 of {total}."),
        "note: {note:?}"
    );

    // By mouse.
    let button = b
        .find_role_in(&section, Role::Button, "Show 20 older pieces of evidence")
        .await?;
    b.execute(
        "arguments[0].scrollIntoView({ block: 'center' });",
        vec![serde_json::to_value(&button)?],
    )
    .await?;
    b.screenshot("teacher-student-evidence-show-older").await?;
    button.click().await?;
    let want = format!("ts-evidence-{}", newest_first[20].1);
    wait_for_focus_id(&b, "focus on the first piece just shown", |now| now == want).await?;
    ensure!(shown().await? == 40, "forty after one click");
    no_axe_violations(&b, "the teacher's page with older evidence shown").await?;
    b.screenshot("teacher-student-older-evidence").await?;

    // By keyboard: the button is focused and Enter shows the rest.
    let rest = total - 40;
    let name = if rest == 1 {
        "Show 1 older piece of evidence".to_string()
    } else {
        format!("Show {rest} older pieces of evidence")
    };
    let button = b.find_role_in(&section, Role::Button, &name).await?;
    b.execute(
        "arguments[0].focus();",
        vec![serde_json::to_value(&button)?],
    )
    .await?;
    b.press_enter().await?;
    let want = format!("ts-evidence-{}", newest_first[40].1);
    wait_for_focus_id(&b, "focus on the first of the rest", |now| now == want).await?;
    ensure!(shown().await? == total, "every piece shown");
    b.screenshot("teacher-student-older-evidence-keyboard")
        .await?;
    ensure!(
        b.scan(Some(&section), Role::Button)
            .await?
            .iter()
            .all(|f| !f.name.starts_with("Show")),
        "nothing older is left to show"
    );

    // The student's own journal, on their progress page.
    b.goto(&format!("/student/{student}/progress")).await?;
    let button = b
        .wait_for_role(Role::Button, "Show 20 older entries")
        .await?;
    let entries = || async {
        let n = b
            .execute(
                "return document.querySelectorAll('li.timeline-entry').length;",
                vec![],
            )
            .await?;
        Ok::<usize, Error>(n.as_u64().unwrap_or_default() as usize)
    };
    ensure!(entries().await? == 20, "the newest twenty entries first");
    b.execute(
        "arguments[0].scrollIntoView({ block: 'center' });",
        vec![serde_json::to_value(&button)?],
    )
    .await?;
    b.screenshot("student-journal-show-older").await?;
    button.click().await?;
    wait_for_focus_id(&b, "focus on the first entry just shown", |now| {
        now.starts_with("entry-item-")
    })
    .await?;
    ensure!(entries().await? == 40, "forty entries after one press");
    no_axe_violations(&b, "the journal with older entries shown").await?;
    Ok(())
}

/// The app paths of the roster's students, from the teacher's home.
async fn roster_paths(b: &Browser) -> Result<Vec<String>> {
    b.goto("/teacher").await?;
    poll("the roster", DEFAULT_TIMEOUT, || async {
        let v = b
            .execute(
                "return [...document.querySelectorAll('.roster-name a')].map((a) => a.getAttribute('href'));",
                vec![],
            )
            .await?;
        let paths: Vec<String> = serde_json::from_value(v)?;
        Ok(if paths.is_empty() {
            Err("no names yet".to_string())
        } else {
            Ok(paths)
        })
    })
    .await
}

/// The goal groups' headings on a teacher's student page ("Drafts (…) (1)").
async fn goal_groups(b: &Browser) -> Result<Vec<String>> {
    b.texts(".ts-state").await
}

#[tokio::test]
async fn the_teacher_reopens_an_approved_goal_from_the_students_page() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    // A student with an approved goal.
    let mut found = None;
    for path in roster_paths(&b).await? {
        b.goto(&path).await?;
        b.wait_for_heading(2, "Goals").await?;
        let goals = b.find_role(Role::Region, "Goals").await?;
        if let Ok(button) = button_starting(&b, &goals, "Reopen this goal").await {
            found = Some((path, button));
            break;
        }
    }
    let Some((path, button)) = found else {
        return Err(Error("no sample student has an approved goal".into()));
    };
    let before = goal_groups(&b).await?;
    let count_in = |groups: &[String], what: &str| {
        groups
            .iter()
            .find(|g| g.starts_with(what))
            .and_then(|g| g.rsplit('(').next())
            .and_then(|n| n.trim_end_matches(')').parse::<usize>().ok())
            .unwrap_or(0)
    };
    let approved = count_in(&before, "Approved, in progress");
    let drafts = count_in(&before, "Drafts");
    ensure!(approved >= 1, "the approved group is listed: {before:?}");
    let title = b
        .execute(
            "return arguments[0].closest('section').querySelector('h4').textContent.trim();",
            vec![serde_json::to_value(&button)?],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_string();
    button.click().await?;
    b.wait_for_focus(
        "Why reopen it? (optional: the student sees it)",
        "focus to go to the reason",
    )
    .await?;
    b.screenshot("teacher-student-reopen").await?;
    no_axe_violations(&b, "reopening a goal").await?;
    b.find_role(
        Role::Textbox,
        "Why reopen it? (optional: the student sees it)",
    )
    .await?
    .send_keys("Let's make the plan smaller first.")
    .await?;
    b.find_role(Role::Button, "Reopen it as a draft")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "Reopened the goal: it is a draft again")
        .await?;
    b.wait_for_focus(&title, "focus to stay on the goal that was reopened")
        .await?;
    // Kept: after a reload the goal is a draft, one approved goal fewer.
    b.reload().await?;
    b.goto(&path).await?;
    b.wait_for_heading(2, "Goals").await?;
    let after = goal_groups(&b).await?;
    ensure!(
        count_in(&after, "Approved, in progress") == approved - 1
            && count_in(&after, "Drafts") == drafts + 1,
        "one approved goal became a draft: {before:?} -> {after:?}"
    );
    Ok(())
}
