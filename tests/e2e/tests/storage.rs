//! The learning record's storage, end to end: import and export files, bad files, corrupt
//! records, a full storage quota, data from a newer Wayfinder, two tabs, and the storage
//! meter, on the release build in headless Chromium ("Your data on this device", `/data`).
//!
//! Faults are injected for real (garbage written to a key, localStorage filled until
//! `setItem` throws, a second tab). Wherever nothing may change, the whole of localStorage
//! is compared byte for byte before and after. Fixtures come from the app's own library:
//! the sample class, the export format and the storage layout it writes.
//!
//! Each test starts its own server and browser; a failing test leaves a screenshot in
//! `tests/e2e/artifacts/storage-<test>-failure.png`.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{json, Value};
use wayfinder::domain::{ClassData, Id, Record, Timestamp};
use wayfinder::storage::exchange::{self, Scope};
use wayfinder::storage::records::{bucket_lines, location, META_KEY};
use wayfinder::storage::{QUOTA_UNITS, SCHEMA_VERSION};
use wayfinder_e2e::{
    demo, ensure, parse_json, poll, records_in, scenario, seeded_meta, snapshot_diff,
    stored_layout, Browser, Error, Result, Role, Snapshot, DEFAULT_TIMEOUT,
};

const DATA_H1: &str = "Your data on this device";
const FILE_LABEL: &str = "Choose a Wayfinder file";
const NOTHING_CHANGED: &str = "Nothing was changed.";
const NEWER_META: &str = r#"{"app":"wayfinder","v":99,"data":{"d":"e2eseed1"}}"#;

// ---------------------------------------------------------------------------------------
// Fixtures, made with the app's own library.

/// A full-backup export file of `data`.
fn backup_file(data: &ClassData) -> String {
    exchange::export(data, Scope::All, Timestamp(1_800_000_000_000))
}

/// The names the "Student" select should list for `data`, in the app's order.
fn student_names(data: &ClassData) -> Vec<String> {
    data.active_students()
        .into_iter()
        .map(|s| s.name.clone())
        .collect()
}

/// Each record list of an export's `data` (or a `ClassData` as JSON), sorted by id, so two
/// data sets compare equal whatever order their records came in.
fn by_id(data: &ClassData) -> BTreeMap<String, Vec<Value>> {
    let v = serde_json::to_value(data).expect("ClassData serialises");
    let mut out = BTreeMap::new();
    for (kind, list) in v.as_object().cloned().unwrap_or_default() {
        let mut items = list.as_array().cloned().unwrap_or_default();
        items.sort_by_key(|r| r["i"].as_str().unwrap_or("").to_string());
        out.insert(kind, items);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Steps a person takes, and what a test reads back.

/// Opens "Your data on this device" and captures downloads on it.
async fn open_data_page(b: &Browser) -> Result<()> {
    b.goto("/data").await?;
    b.wait_for_heading(1, DATA_H1).await?;
    b.capture_downloads().await
}

/// The names listed in the "Student" select (without the "Choose a student" prompt).
async fn listed_students(b: &Browser) -> Result<Vec<String>> {
    let select = b.wait_for_role(Role::Combobox, "Student").await?;
    let mut names = b.option_texts(&select).await?;
    ensure!(
        names.first().map(String::as_str) == Some("Choose a student"),
        "the Student select should start with \"Choose a student\", it lists {names:?}"
    );
    names.remove(0);
    Ok(names)
}

/// Waits until the "Student" select lists exactly `want`.
async fn wait_for_students(b: &Browser, want: &[String]) -> Result<()> {
    poll(
        &format!("the Student select to list {want:?}"),
        DEFAULT_TIMEOUT,
        || async move {
            let got = listed_students(b).await?;
            Ok(if got == want {
                Ok(())
            } else {
                Err(format!("{got:?}"))
            })
        },
    )
    .await
}

/// Chooses a file with these contents in "Choose a Wayfinder file".
async fn choose_import(b: &Browser, name: &str, contents: &[u8]) -> Result<()> {
    let input = b.find_file_input(FILE_LABEL).await?;
    b.choose_file(&input, name, contents).await?;
    Ok(())
}

/// The text of the first element matching a CSS selector, or "" when there is none.
async fn text_of(b: &Browser, css: &str) -> Result<String> {
    let v = b
        .execute(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
            vec![json!(css)],
        )
        .await?;
    Ok(v.as_str()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" "))
}

/// Waits for an alert inside the "Import a file" section whose text contains `text`
/// (the storage banner at the top of the page is a different alert), and returns its text.
async fn wait_for_import_alert(b: &Browser, text: &str) -> Result<String> {
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
            Ok(Err(if seen.is_empty() {
                "no alert in the section".to_string()
            } else {
                format!("alerts: {seen:?}")
            }))
        },
    )
    .await
}

async fn click_button(b: &Browser, name: &str) -> Result<()> {
    b.wait_for_role(Role::Button, name).await?.click().await?;
    Ok(())
}

async fn has_button(b: &Browser, name: &str) -> Result<bool> {
    Ok(!b.find_all_role(Role::Button, name).await?.is_empty())
}

/// `(percent, units)` from "Wayfinder is using N% of the space … (X of 5242880 characters)."
async fn storage_use(b: &Browser) -> Result<(usize, usize, String)> {
    let region = b.wait_for_role(Role::Region, "Storage space").await?;
    let text = region.text().await?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Numbers may be grouped for reading ("5,242,880"): digits are what count.
    let number = |s: &str| -> Option<usize> {
        let digits: String = s
            .chars()
            .filter(|c| !matches!(c, ',' | '\u{a0}' | '\u{202f}' | '\''))
            .collect();
        digits.trim().parse().ok()
    };
    let parse = || -> Option<(usize, usize)> {
        let after = text.split("Wayfinder is using ").nth(1)?;
        let pct = number(after.split('%').next()?)?;
        let paren = after.split('(').nth(1)?.split(" characters").next()?;
        let (units, quota) = paren.split_once(" of ")?;
        (number(quota)? == QUOTA_UNITS).then_some((pct, number(units)?))
    };
    match parse() {
        Some((pct, units)) => Ok((pct, units, text.clone())),
        None => Err(Error(format!(
            "the \"Storage space\" section does not say \"Wayfinder is using N% of the space \
             this browser gives it (X of {QUOTA_UNITS} characters).\" (digits may be \
             grouped); it says: {text:?}"
        ))),
    }
}

/// UTF-16 code units of Wayfinder's keys and values in a snapshot: what the meter counts.
fn wayfinder_units(s: &Snapshot) -> usize {
    s.iter()
        .filter(|(k, _)| k.starts_with("wayfinder:"))
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum()
}

/// Every record key (`wayfinder:r:`) and bucket key (`wayfinder:b:`) of a snapshot.
fn record_keys(s: &Snapshot) -> Vec<&String> {
    s.keys()
        .filter(|k| k.starts_with("wayfinder:r:") || k.starts_with("wayfinder:b:"))
        .collect()
}

/// A stored value as comparable JSON: a record's JSON, or a bucket's lines by id.
fn comparable(key: &str, stored: &str) -> Result<Value> {
    if key.starts_with("wayfinder:b:") {
        let lines = bucket_lines(stored).map_err(|e| Error(format!("{key}: {e}")))?;
        let mut by_id = serde_json::Map::new();
        for (id, json) in lines {
            by_id.insert(id, parse_json(&json)?);
        }
        Ok(Value::Object(by_id))
    } else {
        parse_json(stored)
    }
}

/// Fails unless localStorage holds exactly the app's layout of `data` (the same record
/// and bucket keys), each record equal (as JSON) to the one in `data`.
fn expect_records_stored(s: &Snapshot, data: &ClassData) -> Result<()> {
    let want = stored_layout(data);
    let got = record_keys(s);
    ensure!(
        got.len() == want.len(),
        "expected {} record and bucket keys in localStorage, found {}",
        want.len(),
        got.len()
    );
    for (k, v) in &want {
        let Some(stored) = s.get(k) else {
            return Err(Error(format!("{k} was not stored")));
        };
        ensure!(
            comparable(k, stored)? == comparable(k, v)?,
            "{k} was stored as {:?}\nexpected {:?}",
            comparable(k, stored)?,
            comparable(k, v)?
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Fixture sanity (no browser): the fixtures are what the tests assume.

#[test]
fn fixtures_are_realistic() {
    let data = demo(1);
    let file = backup_file(&data);
    println!(
        "demo class: {} records, {} students, {} goals; backup file {} bytes; stored {} units",
        data.len(),
        data.students.len(),
        data.goals.len(),
        file.len(),
        stored_layout(&data)
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum::<usize>()
    );
    assert!(student_names(&data).len() >= 3);
    assert!(!data.goals.is_empty() && !data.evidence.is_empty());
    assert!(file.starts_with(r#"{"format":"wayfinder-export","v":1,"#));
    // Two seeds are two different classes: importing one into the other adds everything.
    let other = demo(2);
    let merge = exchange::preview(&data, &other).expect("preview");
    assert_eq!(merge.summary.new, other.len());
}

// ---------------------------------------------------------------------------------------
// 1. Import into an empty device.

#[tokio::test]
async fn importing_a_backup_previews_first_and_writes_only_on_confirm() -> Result<()> {
    scenario("storage-import", |b| async move {
        let r = import_into_an_empty_device(&b).await;
        (b, r)
    })
    .await
}

async fn import_into_an_empty_device(b: &Browser) -> Result<()> {
    let data = demo(1);
    let file = backup_file(&data);
    let names = student_names(&data);
    open_data_page(b).await?;
    ensure!(
        listed_students(b).await?.is_empty(),
        "a fresh device lists students before anything was imported"
    );
    let before = b.local_storage_snapshot().await?;
    ensure!(
        record_keys(&before).is_empty(),
        "a fresh device already has records: {:?}",
        record_keys(&before)
    );

    choose_import(b, "wayfinder-backup.json", file.as_bytes()).await?;
    let preview = format!("This file has {} new, 0 updated, 0 unchanged.", data.len());
    b.wait_for_role_with_text(Role::Status, &preview).await?;
    b.find_role(Role::Button, "Import these changes").await?;
    b.find_role(Role::Button, "Cancel").await?;
    // The preview changed nothing, and nothing is listed yet.
    b.expect_local_storage_unchanged(&before, "choosing a file (before confirming)")
        .await?;
    ensure!(
        listed_students(b).await?.is_empty(),
        "students appear before the import was confirmed"
    );

    // "Cancel" drops the preview and writes nothing; choosing the file again brings it back.
    click_button(b, "Cancel").await?;
    poll("the preview to close", DEFAULT_TIMEOUT, || async move {
        Ok(if has_button(b, "Import these changes").await? {
            Err("\"Import these changes\" is still offered".to_string())
        } else {
            Ok(())
        })
    })
    .await?;
    b.expect_local_storage_unchanged(&before, "cancelling the import")
        .await?;
    choose_import(b, "wayfinder-backup-2.json", file.as_bytes()).await?;
    b.wait_for_role_with_text(Role::Status, &preview).await?;

    click_button(b, "Import these changes").await?;
    b.wait_for_role_with_text(
        Role::Status,
        &format!("Imported. {} record(s) were added or updated.", data.len()),
    )
    .await?;
    let after = b.local_storage_snapshot().await?;
    expect_records_stored(&after, &data)?;
    // Nothing but records was written (the device's own meta stays as it was).
    let others = |s: &Snapshot| -> Snapshot {
        s.iter()
            .filter(|(k, _)| !k.starts_with("wayfinder:r:") && !k.starts_with("wayfinder:b:"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let diff = snapshot_diff(&others(&before), &others(&after));
    ensure!(
        diff.is_empty(),
        "importing changed keys other than records:\n  {}",
        diff.join("\n  ")
    );
    wait_for_students(b, &names).await?;

    // Still there after a reload, and loading wrote nothing.
    b.reload().await?;
    b.wait_for_heading(1, DATA_H1).await?;
    wait_for_students(b, &names).await?;
    b.expect_local_storage_unchanged(&after, "reloading after the import")
        .await?;

    // The same file again: nothing to do, and nothing done.
    choose_import(b, "wayfinder-backup-again.json", file.as_bytes()).await?;
    let again = b
        .wait_for_role_with_text(Role::Status, "Importing it would change nothing.")
        .await?;
    let text = again.text().await?;
    ensure!(
        text.contains(&format!("({} records)", data.len())),
        "the second preview should count {} unchanged records; it says {text:?}",
        data.len()
    );
    ensure!(
        !has_button(b, "Import these changes").await?,
        "a file that changes nothing still offers \"Import these changes\""
    );
    b.expect_local_storage_unchanged(&after, "choosing the same file a second time")
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 2. Export.

#[tokio::test]
async fn a_full_backup_and_a_students_work_download_what_is_stored() -> Result<()> {
    scenario("storage-export", |b| async move {
        let r = export_round_trip(&b).await;
        (b, r)
    })
    .await
}

async fn export_round_trip(b: &Browser) -> Result<()> {
    let data = demo(1);
    b.seed_class(&data, &seeded_meta()).await?;
    open_data_page(b).await?;
    wait_for_students(b, &student_names(&data)).await?;
    b.wait_for_role_with_text(
        Role::Region,
        "No backup has been downloaded on this device yet.",
    )
    .await?;

    click_button(b, "Download a full backup").await?;
    let downloads = b.wait_for_downloads(1).await?;
    ensure!(
        downloads.len() == 1,
        "one click gave {} downloads",
        downloads.len()
    );
    let backup = &downloads[0];
    let name = backup.name.clone().unwrap_or_default();
    ensure!(
        name.starts_with("wayfinder-backup-") && name.ends_with(".json"),
        "the backup is offered as {name:?}, expected wayfinder-backup-<date>.json"
    );
    ensure!(
        backup.mime == "application/json",
        "the backup's type is {:?}",
        backup.mime
    );
    let json = parse_json(&backup.text)?;
    ensure!(
        json["format"] == "wayfinder-export" && json["v"] == 1 && json["scope"] == "all",
        "the backup's header is format={} v={} scope={}",
        json["format"],
        json["v"],
        json["scope"]
    );
    let back = exchange::parse(backup.text.as_bytes())
        .map_err(|e| Error(format!("the app cannot read its own backup back: {e}")))?;
    ensure!(
        by_id(&back) == by_id(&data),
        "the backup does not hold exactly the stored records: {} records exported, {} stored",
        back.len(),
        data.len()
    );

    // The device remembers the backup, across a reload.
    b.wait_for_role_with_text(Role::Region, "Last backup: today.")
        .await?;
    let meta = b.local_storage_get(META_KEY).await?.unwrap_or_default();
    let meta_json = parse_json(&meta)?;
    ensure!(
        meta_json["data"]["d"] == "e2eseed1" && meta_json["data"]["b"].is_i64(),
        "after a backup wayfinder:meta should keep the device id and gain the backup time; it is {meta}"
    );
    b.reload().await?;
    b.wait_for_heading(1, DATA_H1).await?;
    b.wait_for_role_with_text(Role::Region, "Last backup: today.")
        .await?;
    b.capture_downloads().await?;

    // One student's work: that student's records only.
    let student = data
        .active_students()
        .into_iter()
        .find(|s| data.goals.iter().any(|g| g.student == s.meta.id))
        .ok_or_else(|| Error::msg("the demo class has no student with goals"))?;
    let id: Id = student.meta.id;
    let select = b.wait_for_role(Role::Combobox, "Student").await?;
    select.select_by_value(&id.to_string()).await?;
    click_button(b, "Download this student's work").await?;
    let downloads = b.wait_for_downloads(1).await?;
    let work = &downloads[0];
    let name = work.name.clone().unwrap_or_default();
    ensure!(
        name.starts_with("wayfinder-student-work-") && name.ends_with(".json"),
        "the student's work is offered as {name:?}"
    );
    let json = parse_json(&work.text)?;
    ensure!(
        json["format"] == "wayfinder-export" && json["scope"] == "student",
        "the student export's header is format={} scope={}",
        json["format"],
        json["scope"]
    );
    let theirs = exchange::parse(work.text.as_bytes())
        .map_err(|e| Error(format!("the app cannot read its own student export: {e}")))?;
    let want_goals = data.goals.iter().filter(|g| g.student == id).count();
    ensure!(
        theirs.goals.len() == want_goals && theirs.goals.iter().all(|g| g.student == id),
        "{}'s export should hold their {want_goals} goals and no one else's; it has goals of {:?}",
        student.name,
        theirs.goals.iter().map(|g| g.student).collect::<Vec<_>>()
    );
    let owners: Vec<Id> = theirs
        .evidence
        .iter()
        .map(|r| r.student)
        .chain(theirs.reflections.iter().map(|r| r.student))
        .chain(theirs.ratings.iter().map(|r| r.student))
        .chain(theirs.comments.iter().map(|r| r.student))
        .chain(theirs.help.iter().map(|r| r.student))
        .chain(theirs.pathways.iter().map(|r| r.student))
        .chain(theirs.choices.iter().map(|r| r.student))
        .chain(theirs.students.iter().map(|s| s.id()))
        .collect();
    ensure!(
        owners.iter().all(|o| *o == id),
        "{}'s export holds other students' records",
        student.name
    );
    ensure!(
        theirs.students.len() == 1
            && theirs.targets.is_empty()
            && theirs.units.is_empty()
            && theirs.groups.is_empty(),
        "a student export should hold one profile and no class setup; it has {} profiles, {} targets, {} units, {} groups",
        theirs.students.len(),
        theirs.targets.len(),
        theirs.units.len(),
        theirs.groups.len()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 3. Bad files.

#[tokio::test]
async fn bad_files_are_refused_with_a_message_and_change_nothing() -> Result<()> {
    scenario("storage-bad-files", |b| async move {
        let r = bad_files(&b).await;
        (b, r)
    })
    .await
}

async fn bad_files(b: &Browser) -> Result<()> {
    let data = demo(1);
    b.seed_class(&data, &seeded_meta()).await?;
    // Files that would add records if they were accepted: another class.
    let other = demo(2);
    let good = backup_file(&other);

    let truncated = good[..good.len() / 2].to_string();
    let wrong_marker = good.replacen("\"wayfinder-export\"", "\"someone-elses-export\"", 1);
    let newer = good.replacen("\"v\":1,", "\"v\":99,", 1);
    let mut with_js = other.clone();
    with_js.evidence[0].link = "javascript:alert(document.domain)".into();
    let with_js = backup_file(&with_js);
    let mut dup = other.clone();
    dup.goals.push(dup.goals[0].clone());
    let dup = backup_file(&dup);
    // A real export padded with spaces to 13 MB: refused for its size alone.
    let mut huge = good.clone().into_bytes();
    huge.resize(13 * 1024 * 1024, b' ');
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_inside = format!(
        r#"{{"format":"wayfinder-export","v":1,"data":{{"g":{}{}}}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    for (what, mutated) in [("wrong marker", &wrong_marker), ("newer version", &newer)] {
        ensure!(
            mutated != &good,
            "the {what} fixture is not different from the good file"
        );
    }

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not JSON",
            b"Dear teacher, here are my notes.".to_vec(),
            "isn't a Wayfinder export",
        ),
        ("truncated JSON", truncated.into_bytes(), "cut off"),
        (
            "wrong format marker",
            wrong_marker.into_bytes(),
            "isn't a Wayfinder export",
        ),
        ("newer version (v 99)", newer.into_bytes(), "newer version"),
        ("a javascript: evidence link", with_js.into_bytes(), "link"),
        ("duplicate ids", dup.into_bytes(), "same record twice"),
        ("13 MB", huge, "too big"),
        ("deeply nested", deep.into_bytes(), NOTHING_CHANGED),
        (
            "deeply nested inside a Wayfinder file",
            deep_inside.into_bytes(),
            NOTHING_CHANGED,
        ),
        (
            "not text",
            vec![0xff, 0xfe, 0x00, 0x81, 0x00],
            NOTHING_CHANGED,
        ),
    ];
    let mut failures = Vec::new();
    for (i, (what, bytes, words)) in cases.iter().enumerate() {
        let outcome = async {
            open_data_page(b).await?;
            wait_for_students(b, &student_names(&data)).await?;
            let before = b.local_storage_snapshot().await?;
            choose_import(b, &format!("bad-{i}.json"), bytes).await?;
            let text = wait_for_import_alert(b, NOTHING_CHANGED).await?;
            ensure!(
                text.contains(words),
                "the message should mention {words:?}; it says {text:?}"
            );
            ensure!(
                !has_button(b, "Import these changes").await?,
                "\"Import these changes\" is offered next to the error"
            );
            // Give a late write a moment to happen before comparing.
            tokio::time::sleep(Duration::from_millis(300)).await;
            b.expect_local_storage_unchanged(&before, "refusing the file")
                .await?;
            println!("{what}: {text}");
            Ok::<(), Error>(())
        }
        .await;
        if let Err(e) = outcome {
            let shot = b
                .screenshot(&format!("storage-bad-file-{i}-failure"))
                .await
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            failures.push(format!("{what}: {e} (screenshot: {shot})"));
        }
    }
    let panics: Vec<String> = b
        .console_errors()
        .await?
        .into_iter()
        .filter(|m| m.contains("panicked"))
        .collect();
    ensure!(
        panics.is_empty(),
        "the app panicked on a bad file:\n{}",
        panics.join("\n")
    );
    ensure!(
        failures.is_empty(),
        "{} of {} bad files were not handled as required:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 4. A corrupt record.

#[tokio::test]
async fn a_corrupt_record_is_reported_kept_and_removed_only_when_asked() -> Result<()> {
    scenario("storage-corrupt-record", |b| async move {
        let r = corrupt_record(&b).await;
        (b, r)
    })
    .await
}

async fn corrupt_record(b: &Browser) -> Result<()> {
    let data = demo(1);
    b.seed_class(&data, &seeded_meta()).await?;
    // One goal's line in its bucket is damaged (a hand edit, a bad disk block): only that
    // goal may go missing.
    let goal = &data.goals[0];
    let victim = location(goal);
    let garbage = "{\"i\":\"trunc\u{e9}\u{1f600} <b>not</b>";
    let bucket = b
        .replace_stored_record("g", &goal.id().to_string(), garbage)
        .await?;
    ensure!(
        victim.starts_with(&format!("{bucket}#")),
        "the goal was expected in {victim}, found in {bucket}"
    );
    let before = b.local_storage_snapshot().await?;
    let neighbours = records_in(&before, "g")?
        .into_iter()
        .filter(|r| r.key == bucket && r.id != goal.id().to_string())
        .count();

    b.reload().await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    b.wait_for_alert("couldn't be read").await?;
    let banner = b.wait_for_alert("It has been kept as it was.").await?;
    b.find_role_in(&banner, Role::Link, "What can I do?")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, DATA_H1).await?;
    b.wait_for_path("/data").await?;
    b.capture_downloads().await?;

    // The other records still load.
    wait_for_students(b, &student_names(&data)).await?;
    let recovery = b
        .wait_for_role(Role::Region, "Data that couldn't be read")
        .await?;
    let listed = recovery.text().await?;
    ensure!(
        listed.contains(&victim),
        "the recovery section should list {victim}; it says {listed:?}"
    );
    let others: Vec<&String> = record_keys(&before)
        .into_iter()
        .filter(|k| **k != bucket && listed.contains(k.as_str()))
        .collect();
    ensure!(
        others.is_empty() && listed.matches(bucket.as_str()).count() == 1,
        "readable records are listed as unreadable: {others:?} in {listed:?}"
    );
    b.expect_local_storage_unchanged(&before, "loading the app with a corrupt record")
        .await?;

    // "Download it as it is stored" gives the stored text exactly.
    click_button(b, "Download it as it is stored").await?;
    let downloads = b.wait_for_downloads(1).await?;
    let raw = parse_json(&downloads[0].text)?;
    let pairs: Vec<(String, String)> = serde_json::from_value(raw.clone()).map_err(|e| {
        Error(format!(
            "the download should list [key, stored text] pairs ({e}): {raw}"
        ))
    })?;
    ensure!(
        pairs == vec![(victim.clone(), garbage.to_string())],
        "the download should hold exactly [{victim:?}, {garbage:?}]; it holds {pairs:?}"
    );
    b.expect_local_storage_unchanged(&before, "downloading the unreadable data")
        .await?;

    // "Remove it" asks first; "Keep it" keeps it.
    click_button(b, "Remove it and start fresh").await?;
    click_button(b, "Keep it").await?;
    b.wait_for_role(Role::Button, "Remove it and start fresh")
        .await?;
    b.expect_local_storage_unchanged(&before, "answering \"Keep it\"")
        .await?;
    click_button(b, "Remove it and start fresh").await?;
    click_button(b, "Yes, remove it").await?;
    b.wait_for_role_with_text(Role::Status, "Removed 1 unreadable item(s).")
        .await?;
    // Only the damaged line went: every other key is as it was, and the bucket holds the
    // same other goals, unchanged.
    let after = b.local_storage_snapshot().await?;
    let mut expected = before.clone();
    let mut lines: Vec<(String, String)> = records_in(&before, "g")?
        .into_iter()
        .filter(|r| r.key == bucket && r.id != goal.id().to_string())
        .map(|r| (r.id, r.json))
        .collect();
    lines.sort();
    if lines.is_empty() {
        expected.remove(&bucket);
    } else {
        let mut now: Vec<(String, String)> = records_in(&after, "g")?
            .into_iter()
            .filter(|r| r.key == bucket)
            .map(|r| (r.id, r.json))
            .collect();
        now.sort();
        ensure!(
            now == lines,
            "the bucket should keep its {neighbours} other goal(s) unchanged; it holds {now:?}"
        );
        // (compared line by line above; its packed text is the app's to choose)
        if let Some(v) = after.get(&bucket) {
            expected.insert(bucket.clone(), v.clone());
        }
    }
    b.expect_local_storage_unchanged(
        &expected,
        "removing the unreadable record (beyond that one line)",
    )
    .await?;
    ensure!(
        b.find_all_role(Role::Region, "Data that couldn't be read")
            .await?
            .is_empty(),
        "the recovery section is still shown after the data was removed"
    );

    // After a reload: no warning, the rest intact.
    b.reload().await?;
    b.wait_for_heading(1, DATA_H1).await?;
    wait_for_students(b, &student_names(&data)).await?;
    let alerts = b.scan(None, Role::Alert).await?;
    ensure!(
        alerts.is_empty(),
        "after removing the unreadable record a reload still shows an alert: {}",
        alerts.first().map(|a| a.to_string()).unwrap_or_default()
    );
    b.expect_local_storage_unchanged(&expected, "reloading after the removal")
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 4b. Data of version 1 (one key per record) moves into buckets on first start.

#[tokio::test]
async fn version_1_data_moves_into_buckets_and_nothing_is_lost() -> Result<()> {
    scenario("storage-version-1", |b| async move {
        let r = version_1(&b).await;
        (b, r)
    })
    .await
}

async fn wait_for_student_count(b: &Browser, students: usize) -> Result<()> {
    poll(
        "the students to be listed",
        DEFAULT_TIMEOUT,
        || async move {
            let n = listed_students(b).await?.len();
            Ok(if n == students {
                Ok(())
            } else {
                Err(format!("{n} of {students} listed"))
            })
        },
    )
    .await
}

async fn version_1(b: &Browser) -> Result<()> {
    let fixture: Vec<(String, String)> =
        serde_json::from_str(include_str!("../../fixtures/v1-storage.json"))
            .map_err(|e| Error(format!("tests/fixtures/v1-storage.json: {e}")))?;
    b.goto("/").await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    b.execute(
        "for (const [k, v] of arguments[0]) window.localStorage.setItem(k, v);",
        vec![json!(fixture)],
    )
    .await?;
    let v1: Snapshot = fixture.iter().cloned().collect();
    b.reload().await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    open_data_page(b).await?;
    let students = records_in(&v1, "s")?.len();
    wait_for_student_count(b, students).await?;
    let now = b.local_storage_snapshot().await?;
    let meta = now.get(META_KEY).cloned().unwrap_or_default();
    ensure!(
        meta.contains(&format!("\"v\":{SCHEMA_VERSION}")),
        "after moving, the metadata should say version {SCHEMA_VERSION}: {meta}"
    );
    ensure!(
        !now.keys().any(|k| k.starts_with("wayfinder:r:g:")),
        "goals are still under their own keys after the move"
    );
    // Every record of version 1 is stored now with exactly the text version 1 wrote.
    for kind in ["s", "t", "u", "g", "e", "j", "m", "p", "fc", "r", "h"] {
        let mut old: Vec<(String, String)> = records_in(&v1, kind)?
            .into_iter()
            .map(|r| (r.id, r.json))
            .collect();
        let mut new: Vec<(String, String)> = records_in(&now, kind)?
            .into_iter()
            .map(|r| (r.id, r.json))
            .collect();
        old.sort();
        new.sort();
        ensure!(
            old == new,
            "{kind}: {} records before the move, {} after, or their text changed",
            old.len(),
            new.len()
        );
    }
    let used_before = wayfinder_units(&v1);
    let used_now = wayfinder_units(&now);
    println!("version 1: {used_before} units; after the move: {used_now} units");
    ensure!(
        used_now * 2 < used_before,
        "moving into buckets should at least halve the space: {used_before} -> {used_now}"
    );
    // A reload reads the same and writes nothing.
    b.reload().await?;
    b.wait_for_heading(1, DATA_H1).await?;
    wait_for_student_count(b, students).await?;
    b.expect_local_storage_unchanged(&now, "reloading after the move")
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 5. Storage full.

#[tokio::test]
async fn when_storage_is_full_changes_stay_on_screen_export_works_and_retry_saves() -> Result<()> {
    scenario("storage-storage-full", |b| async move {
        let r = storage_full(&b).await;
        (b, r)
    })
    .await
}

const FILLER: &str = "e2e-filler:";

async fn storage_full(b: &Browser) -> Result<()> {
    let data = demo(1);
    b.seed_class(&data, &seeded_meta()).await?;
    let checkbox = b.wait_for_role(Role::Checkbox, "Larger text").await?;
    ensure!(!checkbox.is_selected().await?, "Larger text starts on");

    let filled = b.fill_local_storage(FILLER).await?;
    println!(
        "filled localStorage: {} keys, {} units",
        filled.keys, filled.units
    );
    ensure!(
        filled.units > 4_000_000,
        "the quota was reached after only {} units: is storage really full?",
        filled.units
    );
    let probe = b
        .execute(
            "try { localStorage.setItem('e2e-probe', 'x'); localStorage.removeItem('e2e-probe'); return 'written'; } catch (e) { return e.name; }",
            vec![],
        )
        .await?;
    ensure!(
        probe == "QuotaExceededError",
        "after filling, setItem should throw QuotaExceededError; it gave {probe}"
    );
    let full = b.local_storage_snapshot().await?;

    // A change the user makes is kept on screen, and they are told it was not saved.
    checkbox.click().await?;
    b.wait_for_alert("full, so the change was not saved")
        .await?;
    ensure!(
        checkbox.is_selected().await?,
        "Larger text did not stay checked when it could not be saved"
    );
    ensure!(
        b.html_classes().await?.contains(&"text-large".to_string()),
        "the larger text is not shown when it could not be saved"
    );
    b.expect_local_storage_unchanged(&full, "a change while storage is full")
        .await?;

    // Export still works (in-app navigation keeps what is on screen).
    b.find_role(Role::Link, "Your data").await?.click().await?;
    b.wait_for_heading(1, DATA_H1).await?;
    b.capture_downloads().await?;
    click_button(b, "Download a full backup").await?;
    let downloads = b.wait_for_downloads(1).await?;
    let back = exchange::parse(downloads[0].text.as_bytes()).map_err(|e| {
        Error(format!(
            "the backup made while storage is full is unreadable: {e}"
        ))
    })?;
    ensure!(
        by_id(&back) == by_id(&data),
        "the backup made while storage is full holds {} records, expected {}",
        back.len(),
        data.len()
    );

    // Importing while full: refused at the preview with a clear message, nothing written.
    choose_import(b, "another-class.json", backup_file(&demo(2)).as_bytes()).await?;
    let text = wait_for_import_alert(b, "full").await?;
    println!("import while full: {text}");
    ensure!(
        !has_button(b, "Import these changes").await?,
        "an import that cannot fit is still offered"
    );
    b.expect_local_storage_unchanged(&full, "importing while storage is full")
        .await?;

    // Free the space: the next change is saved and survives a reload.
    let removed = b.remove_local_storage_prefix(FILLER).await?;
    ensure!(
        removed == u64::from(filled.keys),
        "removed {removed} filler keys of {}",
        filled.keys
    );
    b.find_role(Role::Link, "Switch person")
        .await?
        .click()
        .await?;
    let checkbox = b.wait_for_role(Role::Checkbox, "Larger text").await?;
    ensure!(
        checkbox.is_selected().await?,
        "Larger text was lost from the screen while moving between pages"
    );
    checkbox.click().await?;
    checkbox.click().await?;
    ensure!(checkbox.is_selected().await?, "Larger text is not checked");
    let prefs = b.local_storage_get("wayfinder:prefs").await?;
    ensure!(
        prefs
            .as_deref()
            .is_some_and(|p| p.contains("\"large_text\":true")),
        "after freeing space the setting should be saved; wayfinder:prefs is {prefs:?}"
    );
    b.reload().await?;
    let checkbox = b.wait_for_role(Role::Checkbox, "Larger text").await?;
    ensure!(
        checkbox.is_selected().await?,
        "Larger text saved after freeing space was lost on reload"
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 6. Data from a newer Wayfinder.

#[tokio::test]
async fn data_from_a_newer_version_is_shown_and_never_written() -> Result<()> {
    scenario("storage-newer-schema", |b| async move {
        let r = newer_schema(&b).await;
        (b, r)
    })
    .await
}

async fn newer_schema(b: &Browser) -> Result<()> {
    let data = demo(1);
    b.seed_class(&data, NEWER_META).await?;
    b.wait_for_alert("newer version of Wayfinder").await?;
    let before = b.local_storage_snapshot().await?;
    ensure!(
        before.get(META_KEY).map(String::as_str) == Some(NEWER_META),
        "loading changed the newer wayfinder:meta: {:?}",
        before.get(META_KEY)
    );
    open_data_page(b).await?;
    wait_for_students(b, &student_names(&data)).await?;

    // An import would write records: it must not.
    choose_import(b, "another-class.json", backup_file(&demo(2)).as_bytes()).await?;
    let seen = poll(
        "a preview or a message after choosing the file",
        DEFAULT_TIMEOUT,
        || async move {
            if has_button(b, "Import these changes").await? {
                return Ok(Ok("preview"));
            }
            let alert = text_of(b, ".card [role=alert]").await?;
            Ok(if alert.is_empty() {
                Err("no preview, no message".to_string())
            } else {
                Ok("message")
            })
        },
    )
    .await?;
    println!("after choosing a file on a read-only device: {seen}");
    if seen == "preview" {
        click_button(b, "Import these changes").await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let shown = text_of(b, "#main").await?;
    b.expect_local_storage_unchanged(&before, "importing into data from a newer version")
        .await
        .map_err(|e| e.context(format!("page text: {shown:?}")))?;
    b.reload().await?;
    b.wait_for_alert("newer version of Wayfinder").await?;
    b.expect_local_storage_unchanged(&before, "reloading")
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 7. Two tabs.

#[tokio::test]
async fn an_import_in_one_tab_appears_in_the_other() -> Result<()> {
    scenario("storage-two-tabs", |b| async move {
        let r = two_tabs(&b).await;
        (b, r)
    })
    .await
}

async fn two_tabs(b: &Browser) -> Result<()> {
    let data = demo(1);
    let names = student_names(&data);
    open_data_page(b).await?;
    let tab_a = b.window().await?;
    let tab_b = b.new_window(true).await?.handle;
    b.switch_to_window(tab_b.clone()).await?;
    open_data_page(b).await?;
    ensure!(
        listed_students(b).await?.is_empty(),
        "tab B lists students before any import"
    );

    b.switch_to_window(tab_a).await?;
    choose_import(b, "wayfinder-backup.json", backup_file(&data).as_bytes()).await?;
    click_button(b, "Import these changes").await?;
    b.wait_for_role_with_text(Role::Status, "Imported.").await?;
    wait_for_students(b, &names).await?;

    b.switch_to_window(tab_b).await?;
    wait_for_students(b, &names)
        .await
        .map_err(|e| e.context("tab B, without reloading, after the import in tab A"))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 8. The storage meter.

#[tokio::test]
async fn the_storage_meter_follows_use_and_warns_from_80_percent() -> Result<()> {
    scenario("storage-meter", |b| async move {
        let r = meter(&b).await;
        (b, r)
    })
    .await
}

const WARNING: &str = "Space is running low";

async fn warning_shown(b: &Browser) -> Result<bool> {
    let region = b.wait_for_role(Role::Region, "Storage space").await?;
    Ok(region.text().await?.contains(WARNING))
}

async fn expect_meter_matches_storage(b: &Browser, units: usize) -> Result<()> {
    let snap = b.local_storage_snapshot().await?;
    let real = wayfinder_units(&snap);
    ensure!(
        units == real,
        "the meter says {units} characters, but Wayfinder's keys and values hold {real}"
    );
    Ok(())
}

async fn meter(b: &Browser) -> Result<()> {
    // Big enough to move the whole-percent figure (students' work is stored packed, about
    // a sixth of its JSON): the sample class, four times over.
    let mut data = demo(1);
    for seed in 2..=4 {
        let second = demo(seed);
        macro_rules! extend {
        ($($f:ident),*) => { $( data.$f.extend(second.$f.iter().cloned()); )* };
    }
        extend!(
            classes,
            students,
            groups,
            targets,
            units,
            formats,
            choices,
            pathways,
            goals,
            evidence,
            ratings,
            reflections,
            comments,
            help
        );
    }
    open_data_page(b).await?;
    let (pct0, units0, text0) = storage_use(b).await?;
    println!("empty device: {text0}");
    expect_meter_matches_storage(b, units0).await?;
    ensure!(
        !warning_shown(b).await?,
        "an empty device warns that space is low"
    );

    choose_import(b, "wayfinder-backup.json", backup_file(&data).as_bytes()).await?;
    click_button(b, "Import these changes").await?;
    b.wait_for_role_with_text(Role::Status, "Imported.").await?;
    let (pct1, units1, text1) = poll(
        "the meter to rise after the import",
        DEFAULT_TIMEOUT,
        || async move {
            let (p, u, t) = storage_use(b).await?;
            Ok(if u > units0 { Ok((p, u, t)) } else { Err(t) })
        },
    )
    .await?;
    println!("after the import: {text1}");
    expect_meter_matches_storage(b, units1).await?;
    ensure!(
        pct1 > pct0,
        "the percentage should rise with {} more characters stored: {pct0}% before, {pct1}% after",
        units1 - units0
    );
    ensure!(!warning_shown(b).await?, "warning at {pct1}%");

    // Wayfinder-prefixed filler to one character under 80 % of the quota (no warning),
    // then to exactly 80 % (the warning), then 82 %.
    let key = "wayfinder:zz:filler";
    for (total, warn) in [
        (QUOTA_UNITS * 4 / 5 - 1, false),
        (QUOTA_UNITS * 4 / 5, true),
        (QUOTA_UNITS * 82 / 100, true),
    ] {
        let len = total - units1 - key.len();
        b.execute(
            "window.localStorage.setItem(arguments[0], 'x'.repeat(arguments[1]));",
            vec![json!(key), json!(len)],
        )
        .await?;
        b.reload().await?;
        b.wait_for_heading(1, DATA_H1).await?;
        let (pct, units, text) = storage_use(b).await?;
        println!("with filler: {text}");
        expect_meter_matches_storage(b, units).await?;
        ensure!(
            units == total,
            "with the filler Wayfinder should use {total} characters; the meter says {units}"
        );
        let want_pct = total * 100 / QUOTA_UNITS;
        ensure!(
            pct == want_pct,
            "with {units} of {QUOTA_UNITS} characters used the meter says {pct}%, expected {want_pct}%"
        );
        ensure!(
            warning_shown(b).await? == warn,
            "at {units} of {QUOTA_UNITS} characters ({pct}%) the \"{WARNING}\" warning should {}be shown; the section says: {text:?}",
            if warn { "" } else { "not " }
        );
    }

    // And under 80 % it goes away again.
    b.local_storage_remove(key).await?;
    b.reload().await?;
    b.wait_for_heading(1, DATA_H1).await?;
    let (pct3, _, _) = storage_use(b).await?;
    ensure!(
        pct3 == pct1,
        "after removing the filler the meter says {pct3}%, expected {pct1}%"
    );
    ensure!(!warning_shown(b).await?, "the warning stays at {pct3}%");
    Ok(())
}
