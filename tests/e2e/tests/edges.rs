//! Nothing lost at the edges (issue 23): a retry after "storage full" saves once, an
//! export with a byte-order mark imports, the low-space warning shows where people save,
//! a student's drafts leave the tab's sessionStorage when they switch person, an import
//! too big for the space left is refused up front, storage cleared in another tab is
//! said and nothing is written, and two tabs on one goal (or on "All about me") keep
//! both texts.
//!
//! Each test checks what the person is told and that every localStorage key they did not
//! change is byte-for-byte what it was. Release build, headless Chromium.

use serde_json::json;
use wayfinder::domain::{
    Actor, ClassData, Ctx, Goal, Prompt, Record, ReviewState, StudentProfile, Timestamp,
};
use wayfinder::storage::exchange::{self, Scope};
use wayfinder::storage::records::bucket_lines;
use wayfinder::storage::QUOTA_UNITS;
use wayfinder_e2e::{
    demo, ensure, no_axe_violations, packed_bucket, poll, records_in, scenario, seeded_meta,
    snapshot_diff, stored_layout, Browser, Error, Result, Role, Snapshot, DEFAULT_TIMEOUT,
};

// ---------------------------------------------------------------------------------------
// Fixtures and steps.

/// The first active student: (id, first name).
fn first_student(data: &ClassData) -> (String, String) {
    let s = data.active_students()[0];
    let first = s.name.split_whitespace().next().unwrap_or("").to_string();
    (s.meta.id.to_string(), first)
}

/// Chooses the student and opens "My progress".
async fn open_progress(b: &Browser, first: &str) -> Result<()> {
    let home = b.choose_student(first).await?;
    b.goto(&format!("{home}/progress")).await?;
    b.wait_for_heading(1, "My progress").await?;
    b.wait_for_heading(2, "My journal").await?;
    Ok(())
}

/// From the start page, without reloading (this tab's memory stays): chooses the
/// student's card and opens "My progress" from their navigation.
async fn open_progress_in_app(b: &Browser, first: &str) -> Result<()> {
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    let clicked = b
        .execute(
            "const c = [...document.querySelectorAll('a.profile-card')].find((a) => a.querySelector('.profile-name').textContent.trim() === arguments[0]);
             if (!c) return false; c.click(); return true;",
            vec![json!(first)],
        )
        .await?;
    ensure!(
        clicked.as_bool() == Some(true),
        "no card for {first} on the start page"
    );
    b.wait_for_role(Role::Link, "My progress")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, "My progress").await?;
    b.wait_for_heading(2, "My journal").await?;
    Ok(())
}

/// Scrolls the first element matching `css` to the middle of the window, checks the
/// page with axe, and saves screenshots at 1366x768 and 360 wide (then back to 1366).
async fn look_at(b: &Browser, css: &str, name: &str) -> Result<()> {
    for (w, h, size) in [(1366, 768, "1366"), (360, 740, "360")] {
        b.fit_viewport(w, h).await?;
        b.execute(
            "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({ block: 'center' });",
            vec![json!(css)],
        )
        .await?;
        no_axe_violations(b, &format!("{name} at {size}")).await?;
        b.screenshot(&format!("edges-{name}-{size}")).await?;
    }
    b.fit_viewport(1366, 768).await?;
    Ok(())
}

/// Fails unless every key outside `may_change` (key prefixes) is byte-identical in
/// `after`; returns the keys that did change.
fn only_changed(
    before: &Snapshot,
    after: &Snapshot,
    may_change: &[&str],
    what: &str,
) -> Result<Vec<String>> {
    let allowed = |k: &str| may_change.iter().any(|p| k.starts_with(p));
    let mut changed = Vec::new();
    let mut wrong = Vec::new();
    for k in before.keys().chain(after.keys()) {
        if before.get(k) != after.get(k) && !changed.contains(k) {
            changed.push(k.clone());
            if !allowed(k) {
                wrong.push(k.clone());
            }
        }
    }
    ensure!(
        wrong.is_empty(),
        "{what} changed keys it had no business with: {wrong:?}\n  {}",
        snapshot_diff(before, after).join("\n  ")
    );
    Ok(changed)
}

/// How many timeline entries on the page contain `text`.
async fn entries_with(b: &Browser, text: &str) -> Result<usize> {
    let v = b
        .execute(
            "return [...document.querySelectorAll('.timeline > li')].filter((li) => li.innerText.includes(arguments[0])).length;",
            vec![json!(text)],
        )
        .await?;
    Ok(v.as_u64().unwrap_or(0) as usize)
}

/// The stored reflections of `student` whose JSON contains `text`.
fn reflections_with(s: &Snapshot, student: &str, text: &str) -> Result<usize> {
    Ok(records_in(s, "j")?
        .iter()
        .filter(|r| r.key.contains(student) && r.json.contains(text))
        .count())
}

/// Every sessionStorage key of the tab.
async fn session_keys(b: &Browser) -> Result<Vec<String>> {
    let v = b
        .execute("return Object.keys(window.sessionStorage);", vec![])
        .await?;
    Ok(serde_json::from_value(v)?)
}

const FILLER: &str = "e2e-filler:";
const JOURNAL_SAVE: &str = "Save my reflection";

// ---------------------------------------------------------------------------------------
// 4. A retry after "storage full" is the same change.

#[tokio::test]
async fn saving_again_after_storage_was_full_stores_one_entry() -> Result<()> {
    scenario("edges-retry-once", |b| async move {
        let r = retry_once(&b).await;
        (b, r)
    })
    .await
}

async fn retry_once(b: &Browser) -> Result<()> {
    let data = demo(1);
    let (student, first) = first_student(&data);
    b.seed_class(&data, &seeded_meta()).await?;
    open_progress(b, &first).await?;
    let before = b.local_storage_snapshot().await?;
    let text = "I finished the map of my town, with a key 🗺️";
    ensure!(
        reflections_with(&before, &student, text)? == 0,
        "the sample already has this reflection"
    );

    let filled = b.fill_local_storage(FILLER).await?;
    ensure!(
        filled.units > 1_000_000,
        "storage was not filled: {filled:?}"
    );
    let full = b.local_storage_snapshot().await?;
    b.type_into(Prompt::WentWell.question(), text).await?;
    b.click_button(JOURNAL_SAVE).await?;
    b.wait_for_alert("full").await?;
    b.expect_local_storage_unchanged(&full, "saving while storage is full")
        .await?;

    // Room again: the same button saves the same entry.
    b.remove_local_storage_prefix(FILLER).await?;
    b.click_button(JOURNAL_SAVE).await?;
    b.wait_for_role_with_text(Role::Status, "Saved in your journal")
        .await?;
    ensure!(
        entries_with(b, text).await? == 1,
        "the journal shows {} entries with the text after saving again",
        entries_with(b, text).await?
    );

    // The data page no longer says anything waits, and no "storage full" stays up.
    b.find_role(Role::Link, "Your data").await?.click().await?;
    b.wait_for_heading(1, "Your data on this device").await?;
    ensure!(
        b.find_all_role(Role::Button, "Try saving again")
            .await?
            .is_empty(),
        "the data page still offers \"Try saving again\" after the change was saved"
    );
    let page = b.find_role(Role::Main, "").await.ok();
    let _ = page;
    let main_text = b.execute("return document.body.innerText;", vec![]).await?;
    let main_text = main_text.as_str().unwrap_or("");
    ensure!(
        !main_text.contains("Changes not saved yet") && !main_text.contains("is full"),
        "the data page still says changes wait or storage is full: {main_text:?}"
    );

    let after = b.local_storage_snapshot().await?;
    let changed = only_changed(
        &before,
        &after,
        &[&format!("wayfinder:b:j:{student}:")],
        "saving one reflection",
    )?;
    ensure!(changed.len() == 1, "one bucket should change: {changed:?}");
    ensure!(
        reflections_with(&after, &student, text)? == 1,
        "{} stored reflections hold the text, expected 1",
        reflections_with(&after, &student, text)?
    );

    b.reload().await?;
    b.wait_for_heading(1, "Your data on this device").await?;
    open_progress(b, &first).await?;
    poll("the entry after a reload", DEFAULT_TIMEOUT, || async {
        let n = entries_with(b, text).await?;
        Ok(if n == 1 {
            Ok(())
        } else {
            Err(format!("{n} entries"))
        })
    })
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 5a. An export saved with a byte-order mark (Windows Notepad) imports.

#[tokio::test]
async fn an_export_with_a_byte_order_mark_imports() -> Result<()> {
    scenario("edges-bom", |b| async move {
        let r = bom(&b).await;
        (b, r)
    })
    .await
}

async fn bom(b: &Browser) -> Result<()> {
    let data = demo(1);
    b.goto("/data").await?;
    b.wait_for_heading(1, "Your data on this device").await?;
    let before = b.local_storage_snapshot().await?;
    let mut file = "\u{feff}".as_bytes().to_vec();
    file.extend_from_slice(
        exchange::export(&data, Scope::All, Timestamp(1_800_000_000_000)).as_bytes(),
    );
    let input = b.find_file_input("Choose a Wayfinder file").await?;
    b.choose_file(&input, "notepad-backup.json", &file).await?;
    b.wait_for_role_with_text(Role::Status, &format!("{} new", data.len()))
        .await?;
    b.click_button("Import these changes").await?;
    b.wait_for_role_with_text(Role::Status, "Imported.").await?;
    let after = b.local_storage_snapshot().await?;
    only_changed(
        &before,
        &after,
        &["wayfinder:r:", "wayfinder:b:"],
        "importing a backup",
    )?;
    let want: Vec<String> = stored_layout(&data).into_iter().map(|(k, _)| k).collect();
    let got: Vec<String> = after
        .keys()
        .filter(|k| k.starts_with("wayfinder:r:") || k.starts_with("wayfinder:b:"))
        .cloned()
        .collect();
    ensure!(
        got == want,
        "the import stored {} record keys, the backup has {}",
        got.len(),
        want.len()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 5b. The low-space warning shows where the student saves, from 80 %.

#[tokio::test]
async fn the_low_space_warning_shows_where_a_student_saves() -> Result<()> {
    scenario("edges-low-space", |b| async move {
        let r = low_space(&b).await;
        (b, r)
    })
    .await
}

async fn low_space(b: &Browser) -> Result<()> {
    let data = demo(1);
    let (student, first) = first_student(&data);
    b.seed_class(&data, &seeded_meta()).await?;
    open_progress(b, &first).await?;

    // With room to spare: saved, and no warning.
    b.type_into(Prompt::WentWell.question(), "Plenty of room today")
        .await?;
    b.click_button(JOURNAL_SAVE).await?;
    let status = b
        .wait_for_role_with_text(Role::Status, "Saved in your journal")
        .await?
        .text()
        .await?;
    ensure!(
        !status.contains("full"),
        "a warning with plenty of space: {status:?}"
    );

    // Past 80 % (other Wayfinder data takes the space): the save says so, and what to do.
    let key = "wayfinder:zz:filler";
    let used: usize = b
        .local_storage_snapshot()
        .await?
        .iter()
        .filter(|(k, _)| k.starts_with("wayfinder:"))
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    let len = QUOTA_UNITS * 81 / 100 - used - key.len();
    b.execute(
        "window.localStorage.setItem(arguments[0], 'x'.repeat(arguments[1]));",
        vec![json!(key), json!(len)],
    )
    .await?;
    let before = b.local_storage_snapshot().await?;
    b.type_into(Prompt::WentWell.question(), "Nearly out of room")
        .await?;
    b.click_button(JOURNAL_SAVE).await?;
    let status = poll("the low-space advice", DEFAULT_TIMEOUT, || async {
        let s = b
            .wait_for_role_with_text(Role::Status, "Saved in your journal")
            .await?
            .text()
            .await?;
        Ok(if s.contains("81% full") {
            Ok(s)
        } else {
            Err(s)
        })
    })
    .await?;
    ensure!(
        status.contains("Tell your teacher"),
        "the warning should say what to do: {status:?}"
    );
    look_at(b, ".journal-form .space-note", "low-space").await?;
    let after = b.local_storage_snapshot().await?;
    only_changed(
        &before,
        &after,
        &[&format!("wayfinder:b:j:{student}:")],
        "saving one reflection",
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 5c. A student's drafts leave sessionStorage when they switch person.

#[tokio::test]
async fn drafts_leave_session_storage_when_the_student_switches_person() -> Result<()> {
    scenario("edges-drafts", |b| async move {
        let r = drafts(&b).await;
        (b, r)
    })
    .await
}

async fn drafts(b: &Browser) -> Result<()> {
    let data = demo(1);
    let (student, first) = first_student(&data);
    let second = data.active_students()[1]
        .name
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string();
    b.seed_class(&data, &seeded_meta()).await?;
    let before = b.local_storage_snapshot().await?;
    open_progress(b, &first).await?;
    let text = "half a thought about fractions";
    b.type_into(Prompt::WentWell.question(), text).await?;
    let keys = session_keys(b).await?;
    ensure!(
        keys.iter()
            .any(|k| k.starts_with(&format!("wayfinder:draft:{student}:"))),
        "the draft is not kept across a reload: sessionStorage has {keys:?}"
    );

    b.switch_person().await?;
    let keys = session_keys(b).await?;
    ensure!(
        !keys.iter().any(|k| k.starts_with("wayfinder:draft:")),
        "after Switch person the draft is still in sessionStorage: {keys:?}"
    );
    let values = b
        .execute(
            "return Object.values(window.sessionStorage).join('\\n');",
            vec![],
        )
        .await?;
    ensure!(
        !values.as_str().unwrap_or("").contains(text),
        "the draft's words are still readable in sessionStorage"
    );

    // The next student does not see it; the same student gets it back.
    open_progress_in_app(b, &second).await?;
    let field = b
        .wait_for_role(Role::Textbox, Prompt::WentWell.question())
        .await?;
    ensure!(
        field.prop("value").await?.unwrap_or_default().is_empty(),
        "the next student sees the draft"
    );
    b.switch_person().await?;
    open_progress_in_app(b, &first).await?;
    let field = b
        .wait_for_role(Role::Textbox, Prompt::WentWell.question())
        .await?;
    let back = field.prop("value").await?.unwrap_or_default();
    ensure!(
        back == text,
        "the student's own draft did not come back: {back:?}"
    );
    b.expect_local_storage_unchanged(&before, "typing a draft and switching person")
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 3. An import bigger than the space left.

/// A full-backup export file of `data`.
fn backup_file(data: &ClassData) -> String {
    exchange::export(data, Scope::All, Timestamp(1_800_000_000_000))
}

/// Opens "Your data on this device" (a fresh page load).
async fn open_data_page(b: &Browser) -> Result<()> {
    b.goto("/data").await?;
    b.wait_for_heading(1, "Your data on this device").await?;
    Ok(())
}

/// Waits for an alert in the "Import a file" section containing `text`; returns it.
async fn import_alert(b: &Browser, text: &str) -> Result<String> {
    poll(
        &format!("an alert in \"Import a file\" containing {text:?}"),
        DEFAULT_TIMEOUT,
        || async move {
            let region = b.find_role(Role::Region, "Import a file").await?;
            let mut seen = Vec::new();
            for alert in b.scan(Some(&region), Role::Alert).await? {
                let t = alert.element.text().await.unwrap_or_default();
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if t.contains(text) {
                    return Ok(Ok(t));
                }
                seen.push(t);
            }
            Ok(Err(format!("alerts: {seen:?}")))
        },
    )
    .await
}

#[tokio::test]
async fn an_import_too_big_for_the_space_left_is_refused_up_front() -> Result<()> {
    scenario("edges-import-too-big", |b| async move {
        let r = import_too_big(&b).await;
        (b, r)
    })
    .await
}

async fn import_too_big(b: &Browser) -> Result<()> {
    let data = demo(1);
    let incoming = demo(2);
    b.seed_class(&data, &seeded_meta()).await?;
    open_data_page(b).await?;
    // What the new class takes stored; leave half of that free.
    let needed: usize = stored_layout(&incoming)
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    let filled = b.fill_local_storage(FILLER).await?;
    ensure!(filled.keys > 0, "storage was not filled");
    b.execute(
        "const k = arguments[0] + '0'; const v = localStorage.getItem(k); localStorage.setItem(k, v.slice(0, v.length - arguments[1]));",
        vec![json!(FILLER), json!(needed / 2)],
    )
    .await?;
    let before = b.local_storage_snapshot().await?;

    let input = b.find_file_input("Choose a Wayfinder file").await?;
    b.choose_file(
        &input,
        "another-class.json",
        backup_file(&incoming).as_bytes(),
    )
    .await?;
    let text = import_alert(b, "only").await?;
    println!("refused: {text}");
    for part in ["too full", "needs about", "are free", "Nothing was changed"] {
        ensure!(
            text.contains(part),
            "the refusal should say {part:?}: {text:?}"
        );
    }
    ensure!(
        b.find_all_role(Role::Button, "Import these changes")
            .await?
            .is_empty(),
        "an import that cannot fit is still offered"
    );
    look_at(b, "#import-heading ~ [role=alert]", "import-too-big").await?;
    b.expect_local_storage_unchanged(&before, "previewing an import too big to fit")
        .await?;
    Ok(())
}

#[tokio::test]
async fn an_import_that_fails_half_way_leaves_storage_as_it_was() -> Result<()> {
    scenario("edges-import-rollback", |b| async move {
        let r = import_rollback(&b).await;
        (b, r)
    })
    .await
}

async fn import_rollback(b: &Browser) -> Result<()> {
    let data = demo(1);
    b.seed_class(&data, &seeded_meta()).await?;
    open_data_page(b).await?;
    let before = b.local_storage_snapshot().await?;
    let input = b.find_file_input("Choose a Wayfinder file").await?;
    b.choose_file(
        &input,
        "another-class.json",
        backup_file(&demo(2)).as_bytes(),
    )
    .await?;
    b.wait_for_role_with_text(Role::Status, "This file has")
        .await?;
    // The browser refuses the fourth write of the import (as a full quota does), once.
    b.execute(
        "const orig = Storage.prototype.setItem; let n = 0;
         Storage.prototype.setItem = function (k, v) {
           if (String(k).startsWith('wayfinder:') && ++n === 4) {
             throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
           }
           return orig.call(this, k, v);
         };",
        vec![],
    )
    .await?;
    b.click_button("Import these changes").await?;
    let text = import_alert(b, "Nothing was changed").await?;
    println!("half-way: {text}");
    ensure!(
        text.contains("full"),
        "the message should say storage became full: {text:?}"
    );
    b.expect_local_storage_unchanged(&before, "an import that failed half-way")
        .await?;
    b.reload().await?;
    b.wait_for_heading(1, "Your data on this device").await?;
    b.expect_local_storage_unchanged(&before, "reloading after the failed import")
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 2. Storage cleared in another tab.

#[tokio::test]
async fn storage_cleared_in_another_tab_is_said_kept_on_screen_and_put_back_on_request(
) -> Result<()> {
    scenario("edges-cleared-elsewhere", |b| async move {
        let r = cleared_elsewhere(&b).await;
        (b, r)
    })
    .await
}

const REMOVED: &str = "saved data was removed from this browser";

async fn cleared_elsewhere(b: &Browser) -> Result<()> {
    let data = demo(1);
    let (student, first) = first_student(&data);
    b.seed_class(&data, &seeded_meta()).await?;
    let before = b.local_storage_snapshot().await?;
    open_progress(b, &first).await?;
    let text = "My map has a key and a scale now";
    b.type_into(Prompt::WentWell.question(), text).await?;
    let tab_a = b.window().await?;

    // Tab B clears everything.
    let tab_b = b.new_window(true).await?.handle;
    b.switch_to_window(tab_b.clone()).await?;
    b.goto("/data").await?;
    b.wait_for_heading(1, "Your data on this device").await?;
    b.execute("window.localStorage.clear();", vec![]).await?;
    b.switch_to_window(tab_a).await?;

    // Tab A says so, keeps the page and the text, and writes nothing.
    b.wait_for_alert(REMOVED).await?;
    b.wait_for_heading(1, "My progress").await?;
    let field = b
        .wait_for_role(Role::Textbox, Prompt::WentWell.question())
        .await?;
    ensure!(
        field.prop("value").await?.unwrap_or_default() == text,
        "the text on screen was dropped"
    );
    look_at(b, ".removed-elsewhere", "cleared-elsewhere").await?;
    let empty = Snapshot::new();
    b.expect_local_storage_unchanged(&empty, "noticing the data was removed")
        .await?;
    // Saving is refused with the reason, and the text stays.
    b.click_button(JOURNAL_SAVE).await?;
    b.wait_for_alert("choose what to do with it").await?;
    b.expect_local_storage_unchanged(&empty, "saving while the data is removed")
        .await?;

    // Downloading writes nothing either; then "Put it back".
    b.capture_downloads().await?;
    b.click_button("Download it as a backup file").await?;
    let downloads = b.wait_for_downloads(1).await?;
    let saved = exchange::parse(downloads[0].text.as_bytes())
        .map_err(|e| Error(format!("the backup file is unreadable: {e}")))?;
    ensure!(
        saved.len() == data.len() + 1,
        "the backup holds {} records; the tab held {} and one new entry",
        saved.len(),
        data.len()
    );
    b.expect_local_storage_unchanged(&empty, "downloading the backup")
        .await?;
    b.click_button("Put it back on this device").await?;
    b.wait_for_role_with_text(Role::Status, "Put back.").await?;
    ensure!(
        b.find_all_role(Role::Button, "Put it back on this device")
            .await?
            .is_empty(),
        "the notice stays after putting the data back"
    );
    let after = b.local_storage_snapshot().await?;
    only_changed(
        &before,
        &after,
        &[&format!("wayfinder:b:j:{student}:")],
        "putting the data back",
    )?;
    ensure!(
        reflections_with(&after, &student, text)? == 1,
        "the entry written while removed was not put back"
    );
    b.reload().await?;
    open_progress(b, &first).await?;
    ensure!(
        entries_with(b, text).await? == 1,
        "after a reload the entry is not in the journal"
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 1. Two tabs on one goal.

#[tokio::test]
async fn two_tabs_on_one_goal_take_each_others_text_in_or_keep_both() -> Result<()> {
    scenario("edges-two-tabs-goal", |b| async move {
        let r = two_tabs_goal(&b).await;
        (b, r)
    })
    .await
}

const I_WILL: &str = "I will …";

/// A draft goal of an active student: (goal id, student id, student's first name).
fn a_draft(data: &ClassData) -> (String, String, String) {
    for s in data.active_students() {
        if let Some(g) = data
            .goals
            .iter()
            .find(|g| g.student == s.meta.id && g.state == ReviewState::Draft && !g.meta.deleted)
        {
            let first = s.name.split_whitespace().next().unwrap_or("").to_string();
            return (g.meta.id.to_string(), s.meta.id.to_string(), first);
        }
    }
    panic!("the sample class has no draft goal");
}

/// The stored goal `id`, read with the app's own library.
fn stored_goal(s: &Snapshot, id: &str) -> Result<(String, Goal)> {
    let r = records_in(s, "g")?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| Error(format!("goal {id} is not stored")))?;
    let g: Goal = serde_json::from_str(&r.json)?;
    Ok((r.key, g))
}

async fn wait_for_value(b: &Browser, label: &str, want: &str) -> Result<()> {
    poll(
        &format!("{label:?} to show {want:?}"),
        DEFAULT_TIMEOUT,
        || async move {
            let f = b.wait_for_role(Role::Textbox, label).await?;
            let v = f.prop("value").await?.unwrap_or_default();
            Ok(if v == want { Ok(()) } else { Err(v) })
        },
    )
    .await
}

async fn wait_for_stored_i_will(b: &Browser, goal: &str, want: &str) -> Result<Snapshot> {
    poll(
        &format!("the stored goal to say {want:?}"),
        DEFAULT_TIMEOUT,
        || async move {
            let s = b.local_storage_snapshot().await?;
            let (_, g) = stored_goal(&s, goal)?;
            Ok(if g.i_will == want {
                Ok(s)
            } else {
                Err(g.i_will)
            })
        },
    )
    .await
}

async fn two_tabs_goal(b: &Browser) -> Result<()> {
    let data = demo(1);
    let (goal, student, first) = a_draft(&data);
    b.seed_class(&data, &seeded_meta()).await?;
    let before = b.local_storage_snapshot().await?;
    let (bucket, _) = stored_goal(&before, &goal)?;
    let path = format!("/student/{student}/goals/{goal}");
    b.choose_student(&first).await?;
    b.goto(&path).await?;
    b.wait_for_role(Role::Textbox, I_WILL).await?;
    let tab_a = b.window().await?;
    let tab_b = b.new_window(true).await?.handle;
    b.switch_to_window(tab_b.clone()).await?;
    b.goto(&path).await?;
    b.wait_for_role(Role::Textbox, I_WILL).await?;

    // Tab B writes; tab A, untouched, takes the text in.
    let from_b = "I will read two chapters every evening";
    b.type_into(I_WILL, from_b).await?;
    let after_b = wait_for_stored_i_will(b, &goal, from_b).await?;
    only_changed(&before, &after_b, &[&bucket], "typing in tab B")?;
    b.switch_to_window(tab_a.clone()).await?;
    wait_for_value(b, I_WILL, from_b)
        .await
        .map_err(|e| e.context("tab A, untouched, after tab B saved"))?;

    // Reloading tab A writes nothing (it used to save its stale form).
    b.reload().await?;
    wait_for_value(b, I_WILL, from_b).await?;
    b.expect_local_storage_unchanged(&after_b, "reloading tab A without typing")
        .await?;

    // Both typed: tab A has unsaved words when tab B's next version arrives. (The
    // other tab's write and its storage event are made here, in one step, so they
    // surely land before tab A's save; the browser delivers the same event.)
    let from_a = "I will read three chapters and tell my partner about them";
    let from_b2 = "I will read every evening and keep a reading log";
    let (_, mut theirs) = stored_goal(&after_b, &goal)?;
    theirs.i_will = from_b2.to_string();
    theirs.touch(&Ctx::new(
        Actor::student(theirs.student),
        "tabB0002",
        Timestamp(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0),
        ),
    ));
    let mut lines = bucket_lines(&after_b[&bucket]).map_err(Error)?;
    for (id, json) in lines.iter_mut() {
        if *id == goal {
            *json = serde_json::to_string(&theirs)?;
        }
    }
    let packed = packed_bucket(&lines);
    b.execute(
        "const [key, value, typed] = arguments;
         const area = document.getElementById('goal-i-will');
         area.value = typed;
         area.dispatchEvent(new Event('input', { bubbles: true }));
         const old = localStorage.getItem(key);
         localStorage.setItem(key, value);
         window.dispatchEvent(new StorageEvent('storage', { key, oldValue: old, newValue: value, storageArea: localStorage, url: location.href }));",
        vec![json!(bucket), json!(packed), json!(from_a)],
    )
    .await?;
    b.wait_for_heading(2, "There is another version of this goal")
        .await?;
    wait_for_value(b, I_WILL, from_a).await?;
    let both = wait_for_stored_i_will(b, &goal, from_a).await?;
    let (_, stored) = stored_goal(&both, &goal)?;
    ensure!(
        stored
            .conflict_versions()
            .iter()
            .any(|o| o.i_will == from_b2),
        "tab B's words are not kept in the goal: {:?}",
        stored.meta.conflicts
    );
    only_changed(&before, &both, &[&bucket], "keeping both versions")?;
    let notice = b
        .find_role(Role::Region, "There is another version of this goal")
        .await?
        .text()
        .await?;
    ensure!(
        notice.contains(from_b2),
        "the notice does not show the other words: {notice:?}"
    );
    look_at(b, ".other-version", "other-version").await?;

    // Still there after a reload; the student uses the other version.
    b.reload().await?;
    b.wait_for_heading(2, "There is another version of this goal")
        .await?;
    b.expect_local_storage_unchanged(&both, "reloading with two versions")
        .await?;
    b.click_button("Use the other version").await?;
    wait_for_value(b, I_WILL, from_b2).await?;
    let settled = wait_for_stored_i_will(b, &goal, from_b2).await?;
    let (_, g) = stored_goal(&settled, &goal)?;
    ensure!(
        g.meta.conflicts.is_empty(),
        "the kept version stays after choosing"
    );
    ensure!(
        b.find_all_role(Role::Button, "Use the other version")
            .await?
            .is_empty(),
        "the notice stays after choosing"
    );
    only_changed(&before, &settled, &[&bucket], "choosing a version")?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 1b. Two tabs on "All about me".

#[tokio::test]
async fn two_tabs_on_all_about_me_keep_both_lists_until_the_student_chooses() -> Result<()> {
    scenario("edges-two-tabs-profile", |b| async move {
        let r = two_tabs_profile(&b).await;
        (b, r)
    })
    .await
}

async fn two_tabs_profile(b: &Browser) -> Result<()> {
    let data = demo(1);
    let (student, first) = first_student(&data);
    b.seed_class(&data, &seeded_meta()).await?;
    let home = b.choose_student(&first).await?;
    b.goto(&format!("{home}/me")).await?;
    b.wait_for_heading(1, "All about me").await?;
    let key = format!("wayfinder:r:s:{student}");
    let before = b.local_storage_snapshot().await?;

    // Another tab saved the profile with "chess club" a moment ago; this tab has not
    // heard yet (the write lands without its storage event) when the student adds
    // "drawing" here.
    let mut theirs: StudentProfile = serde_json::from_str(&before[&key])?;
    let at = theirs.meta.updated.0 + 1;
    theirs.profile.interests.push("chess club".into());
    theirs.touch(&Ctx::new(
        Actor::student(theirs.meta.id),
        "tabB0003",
        Timestamp(at),
    ));
    b.local_storage_set(&key, &serde_json::to_string(&theirs)?)
        .await?;
    b.type_into("Add something you love", "drawing").await?;
    b.click_button("Add: Things I love").await?;
    b.wait_for_heading(2, "There is another version of your lists")
        .await?;
    let notice = b
        .find_role(Role::Region, "There is another version of your lists")
        .await?
        .text()
        .await?;
    ensure!(
        notice.contains("chess club"),
        "the other version's entry is not shown: {notice:?}"
    );
    let both = b.local_storage_snapshot().await?;
    only_changed(&before, &both, &[&key], "adding an entry")?;
    let stored: StudentProfile = serde_json::from_str(&both[&key])?;
    ensure!(
        stored.profile.interests.contains(&"drawing".to_string())
            && stored
                .conflict_versions()
                .iter()
                .any(|o| o.profile.interests.contains(&"chess club".to_string())),
        "both versions should be kept: {:?}",
        both[&key]
    );
    look_at(b, ".other-version", "other-profile").await?;

    b.reload().await?;
    b.wait_for_heading(2, "There is another version of your lists")
        .await?;
    b.click_button("Add them to mine").await?;
    b.wait_for_role_with_text(Role::Status, "Added to your lists.")
        .await?;
    let after = b.local_storage_snapshot().await?;
    only_changed(&before, &after, &[&key], "settling the two versions")?;
    let settled: StudentProfile = serde_json::from_str(&after[&key])?;
    ensure!(
        settled.profile.interests.contains(&"drawing".to_string())
            && settled
                .profile
                .interests
                .contains(&"chess club".to_string())
            && settled.meta.conflicts.is_empty(),
        "after choosing, both entries are in the list and nothing else is kept: {:?}",
        after[&key]
    );
    ensure!(
        b.find_all_role(Role::Button, "Add them to mine")
            .await?
            .is_empty(),
        "the notice stays after choosing"
    );
    Ok(())
}
