//! Who may change what, end to end: a file can only bring in changes its author may make.
//! A student's own export changes only that student's work, and a teacher decision
//! (an approval, a teacher's comment) needs the teacher's seal. Refused changes are named
//! in the import preview and nothing of them is written: the stored records are compared
//! byte for byte before and after.

use serde_json::Value;
use wayfinder::domain::seal::Seal;
use wayfinder::domain::{
    Actor, ClassData, Comment, CommentOn, Ctx, Id, Record, ReviewState, Timestamp,
};
use wayfinder::storage::exchange::{self, Scope};
use wayfinder_e2e::{
    axe_audit, demo, ensure, format_violations, records_in, seeded_meta, snapshot_diff, start,
    Browser, Error, Result, Role, Snapshot,
};

const DATA_H1: &str = "Your data on this device";
const FILE_LABEL: &str = "Choose a Wayfinder file";

/// The public key of the P-256 private key 1 (the curve's generator): a real key that
/// WebCrypto imports, whose private half no test uses to seal anything.
const CLASS_KEY: &str =
    "BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU";

fn later() -> Timestamp {
    Timestamp(1_800_000_000_000)
}

/// A student's own export of `data`, with `extra` records (as JSON, by kind) slipped in
/// by hand, as a student making a file to fool the teacher would.
fn student_file(data: &ClassData, student: Id, extra: &[(&str, Value)]) -> Result<String> {
    let text = exchange::export(data, Scope::Student(student), later());
    let mut file: Value = serde_json::from_str(&text).map_err(|e| Error(e.to_string()))?;
    for (kind, record) in extra {
        let list = file["data"][*kind]
            .as_array_mut()
            .ok_or_else(|| Error(format!("no {kind} list in the export")))?;
        let id = record["i"].clone();
        list.retain(|r| r["i"] != id);
        list.push(record.clone());
    }
    Ok(file.to_string())
}

fn json_of<T: Record>(r: &T) -> Value {
    serde_json::to_value(r).expect("a record serialises")
}

async fn choose_import(b: &Browser, contents: &str) -> Result<()> {
    b.goto("/data").await?;
    b.wait_for_heading(1, DATA_H1).await?;
    let input = b.find_file_input(FILE_LABEL).await?;
    b.choose_file(&input, "from-a-student.json", contents.as_bytes())
        .await?;
    Ok(())
}

/// The preview's list of refused changes, one line each.
async fn refused_lines(b: &Browser) -> Result<Vec<String>> {
    b.wait_for_role_with_text(Role::Status, "can't be imported")
        .await?;
    b.texts(".refused-list li").await
}

/// Scrolls the import preview into the middle of the screen, for a screenshot.
async fn show_preview(b: &Browser) -> Result<()> {
    b.execute(
        "document.querySelector('.preview').scrollIntoView({ block: 'center' });",
        vec![],
    )
    .await?;
    Ok(())
}

/// Keys whose values differ between two snapshots.
fn changed_keys(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    snapshot_diff(before, after)
}

#[tokio::test]
async fn a_students_file_changes_only_that_students_own_work() -> Result<()> {
    let (_server, b) = start().await?;
    let data = demo(1);
    let me = &data.students[0];
    let other = &data.students[1];
    b.seed_class(&data, &seeded_meta()).await?;

    let mine = data
        .reflections
        .iter()
        .find(|r| r.student == me.meta.id && !r.is_deleted())
        .ok_or_else(|| Error("the sample has a reflection of the first student".into()))?;
    let theirs = data
        .reflections
        .iter()
        .find(|r| r.student == other.meta.id && !r.is_deleted())
        .ok_or_else(|| Error("the sample has a reflection of the second student".into()))?;
    let mut my_edit = mine.clone();
    my_edit
        .edit(
            "I read the whole chapter again and it made sense.",
            &Ctx::new(Actor::student(me.meta.id), "studentdev", later()),
        )
        .map_err(|e| Error(e.to_string()))?;
    // The classmate's journal, "edited" in the file: the kind of change a shared folder
    // makes possible, and one a student's file may never make.
    let mut forged = theirs.clone();
    forged.text = "I don't like this class.".into();
    forged.meta.versions.bump("studentdev");
    let file = student_file(
        &data,
        me.meta.id,
        &[("j", json_of(&my_edit)), ("j", json_of(&forged))],
    )?;

    let before = b.local_storage_snapshot().await?;
    choose_import(&b, &file).await?;
    let lines = refused_lines(&b).await?;
    ensure!(
        lines
            == vec![format!(
                "{}'s journal entry: a change to someone else's work",
                other.name
            )],
        "the preview lists the refused change as {lines:?}"
    );
    b.wait_for_role_with_text(Role::Status, "1 updated").await?;
    show_preview(&b).await?;
    b.screenshot("authority-refused-preview").await?;
    b.fit_viewport(360, 740).await?;
    show_preview(&b).await?;
    b.screenshot("authority-refused-preview-360").await?;
    b.fit_viewport(1366, 768).await?;
    b.expect_local_storage_unchanged(&before, "choosing the file (before confirming)")
        .await?;

    b.click_button("Import these changes").await?;
    b.wait_for_role_with_text(Role::Status, "Imported. 1 record(s)")
        .await?;
    b.reload().await?;
    b.wait_for_heading(1, DATA_H1).await?;
    let after = b.local_storage_snapshot().await?;
    // Only the first student's journal bucket changed; the classmate's entry is as it was.
    let changed = changed_keys(&before, &after);
    let my_bucket = format!("wayfinder:b:j:{}:", me.meta.id);
    ensure!(
        changed.len() == 1 && changed[0].contains(&my_bucket),
        "the import changed more than the student's own journal: {changed:?}"
    );
    let stored = records_in(&after, "j")?;
    let text_of = |id: Id| -> Result<String> {
        let r = stored
            .iter()
            .find(|r| r.id == id.to_string())
            .ok_or_else(|| Error(format!("reflection {id} is gone")))?;
        let v: Value = serde_json::from_str(&r.json).map_err(|e| Error(e.to_string()))?;
        Ok(v["x"].as_str().unwrap_or_default().to_string())
    };
    ensure!(
        text_of(mine.meta.id)? == my_edit.text,
        "the student's own edit was not stored"
    );
    ensure!(
        text_of(theirs.meta.id)? == theirs.text,
        "the classmate's entry changed"
    );
    Ok(())
}

#[tokio::test]
async fn a_forged_approval_and_a_forged_teacher_comment_are_refused() -> Result<()> {
    let (_server, b) = start().await?;
    let mut data = demo(1);
    data.classes[0].key = Some(CLASS_KEY.into());
    let me = data.students[0].clone();
    let waiting = data
        .goals
        .iter()
        .find(|g| g.state == ReviewState::Submitted)
        .ok_or_else(|| Error("the sample has a goal waiting for the teacher".into()))?
        .clone();
    let me = if waiting.student == me.meta.id {
        me
    } else {
        data.students
            .iter()
            .find(|s| s.meta.id == waiting.student)
            .cloned()
            .ok_or_else(|| Error("the goal's student".into()))?
    };
    b.seed_class(&data, &seeded_meta()).await?;

    // The student approves their own goal "as the teacher", with no seal...
    let teacher = Actor::teacher(data.classes[0].teacher.unwrap_or(me.meta.id));
    let forger = Ctx::new(teacher, "studentdev", later());
    let mut approved = waiting.clone();
    approved
        .approve("Looks great!", &forger)
        .map_err(|e| Error(e.to_string()))?;
    // ...and writes a "teacher's comment" with a made-up seal.
    let mut praise = Comment::new(
        Id::from_random_bytes([42; 16]),
        me.meta.id,
        CommentOn::Goal(waiting.meta.id),
        None,
        "Best work in the class.",
        &forger,
    )
    .map_err(|e| Error(e.to_string()))?;
    praise.meta.seal = Some(Seal {
        at: later(),
        sig: [7; 64],
    });
    let file = student_file(
        &data,
        me.meta.id,
        &[("g", json_of(&approved)), ("m", json_of(&praise))],
    )?;

    let before = b.local_storage_snapshot().await?;
    choose_import(&b, &file).await?;
    let mut lines = refused_lines(&b).await?;
    lines.sort();
    let mut want = vec![
        format!(
            "{}'s goal: a teacher decision without the teacher's seal",
            me.name
        ),
        format!(
            "{}'s comment: a teacher decision whose seal doesn't match it (forged or edited)",
            me.name
        ),
    ];
    want.sort();
    ensure!(lines == want, "the preview lists {lines:?}, not {want:?}");
    b.wait_for_role_with_text(Role::Status, "Nothing in this file can be imported")
        .await?;
    ensure!(
        b.find_all_role(Role::Button, "Import these changes")
            .await?
            .is_empty(),
        "a file whose only changes are refused still offers to import them"
    );
    show_preview(&b).await?;
    b.screenshot("authority-forged-approval").await?;
    let violations = axe_audit(&b).await?;
    ensure!(
        violations.is_empty(),
        "axe finds problems with the refused changes on screen:\n{}",
        format_violations(&violations)
    );
    b.expect_local_storage_unchanged(&before, "choosing a file with a forged approval")
        .await?;
    // The goal is still waiting for the teacher after a reload.
    b.reload().await?;
    b.wait_for_heading(1, DATA_H1).await?;
    let goal = b
        .stored_record("g", &waiting.meta.id.to_string())
        .await?
        .ok_or_else(|| Error("the goal is gone".into()))?;
    let v: Value = serde_json::from_str(&goal.json).map_err(|e| Error(e.to_string()))?;
    ensure!(
        v["st"] == "sb",
        "the goal's state is {} after the forged approval",
        v["st"]
    );
    Ok(())
}

/// The stored goal `id` as JSON, read from the page's storage.
async fn stored_goal(b: &Browser, id: Id) -> Result<Value> {
    let goal = b
        .stored_record("g", &id.to_string())
        .await?
        .ok_or_else(|| Error(format!("goal {id} is not stored")))?;
    serde_json::from_str(&goal.json).map_err(|e| Error(e.to_string()))
}

/// Imports `contents` on the data page and confirms; returns the preview's text.
async fn import_and_confirm(b: &Browser, contents: &str) -> Result<String> {
    choose_import(b, contents).await?;
    let preview = b
        .wait_for_role_with_text(Role::Status, "This file has")
        .await?;
    let text = preview.text().await?;
    b.click_button("Import these changes").await?;
    b.wait_for_role_with_text(Role::Status, "Imported.").await?;
    Ok(text)
}

/// Downloads from the data page with the button named `button` and returns the file.
async fn download(b: &Browser, button: &str, before: usize) -> Result<String> {
    b.click_button(button).await?;
    let files = b.wait_for_downloads(before + 1).await?;
    Ok(files[before].text.clone())
}

#[tokio::test]
async fn the_teachers_sealed_approval_reaches_the_student_and_an_edited_one_does_not() -> Result<()>
{
    let (_server, teacher) = start().await?;
    let (_server2, student) = start().await?;

    // The teacher sets up the class: this device makes the class key.
    teacher
        .create_class_with_pin("Room 5", "2468", &["Ana Diaz", "Ben Okafor"])
        .await?;
    teacher.goto("/data").await?;
    teacher.wait_for_heading(1, DATA_H1).await?;
    teacher.capture_downloads().await?;
    let setup = download(&teacher, "Download the class setup", 0).await?;
    let setup_json: Value = serde_json::from_str(&setup).map_err(|e| Error(e.to_string()))?;
    let class = &setup_json["data"]["c"][0];
    ensure!(
        class["k"].as_str().is_some_and(|k| k.len() == 87),
        "the class setup names the class key: {class}"
    );
    ensure!(
        setup_json["data"]["s"]
            .as_array()
            .is_some_and(|s| s.iter().all(|s| s["sg"].is_string()))
            && class["sg"].is_string(),
        "the class and its roster leave the teacher's device sealed: {setup_json}"
    );
    let ana: wayfinder::domain::StudentProfile = setup_json["data"]["s"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["n"] == "Ana Diaz"))
        .cloned()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| Error(e.to_string()))?
        .ok_or_else(|| Error("Ana is in the class setup".into()))?;

    // Ana's Chromebook is set up from the class setup (an empty device takes it whole).
    import_and_confirm(&student, &setup).await?;

    // Ana writes a goal and sends it to her teacher; her own file carries it.
    let me = Ctx::new(Actor::student(ana.meta.id), "anasbook", later());
    let mut goal = wayfinder::domain::Goal::new(Id::new_v4(), ana.meta.id, &me)
        .map_err(|e| Error(e.to_string()))?;
    let mut text = goal.text();
    text.i_will = "read three chapter books by the winter break".into();
    goal.edit(text, &me).map_err(|e| Error(e.to_string()))?;
    goal.submit(&me).map_err(|e| Error(e.to_string()))?;
    let anas_file = exchange::export(
        &ClassData {
            students: vec![ana.clone()],
            goals: vec![goal.clone()],
            ..ClassData::default()
        },
        Scope::Student(ana.meta.id),
        later(),
    );
    import_and_confirm(&student, &anas_file).await?;
    import_and_confirm(&teacher, &anas_file).await?;

    // The teacher approves it in the review queue and sends Ana's work back.
    teacher.goto("/teacher/review").await?;
    teacher
        .find(fantoccini::Locator::Css(".queue-item"))
        .await?
        .click()
        .await?;
    teacher.click_button("Approve").await?;
    teacher
        .wait_for_role_with_text(Role::Status, "Approved Ana Diaz's goal.")
        .await?;
    teacher.goto("/data").await?;
    teacher.wait_for_heading(1, DATA_H1).await?;
    teacher.capture_downloads().await?;
    teacher.choose_option("Student", "Ana Diaz").await?;
    let back = download(&teacher, "Download this student's work", 0).await?;

    // Edited on the way (the approved goal made to say something else): refused.
    let mut edited: Value = serde_json::from_str(&back).map_err(|e| Error(e.to_string()))?;
    let goals = edited["data"]["g"]
        .as_array_mut()
        .ok_or_else(|| Error("the student's file has goals".into()))?;
    ensure!(
        goals.len() == 1 && goals[0]["st"] == "ap" && goals[0]["sg"].is_string(),
        "the approved goal leaves the teacher's device sealed: {goals:?}"
    );
    goals[0]["w"] = Value::from("play games all winter");
    let before = student.local_storage_snapshot().await?;
    choose_import(&student, &edited.to_string()).await?;
    let lines = refused_lines(&student).await?;
    ensure!(
        lines
            == vec![
                "Ana Diaz's goal: a teacher decision whose seal doesn't match it (forged or edited)"
                    .to_string()
            ],
        "the edited approval is listed as {lines:?}"
    );
    student
        .expect_local_storage_unchanged(&before, "choosing the edited file")
        .await?;
    ensure!(
        stored_goal(&student, goal.meta.id).await?["st"] == "sb",
        "the goal changed on the student's device after an edited approval"
    );

    // The file as the teacher sent it: taken in, and still there after a reload.
    let preview = import_and_confirm(&student, &back).await?;
    ensure!(
        !preview.contains("can't be imported"),
        "the genuine approval was refused: {preview}"
    );
    student.reload().await?;
    student.wait_for_heading(1, DATA_H1).await?;
    let stored = stored_goal(&student, goal.meta.id).await?;
    ensure!(
        stored["st"] == "ap" && stored["sg"].is_string(),
        "Ana's device holds the approved, sealed goal: {stored}"
    );
    Ok(())
}
