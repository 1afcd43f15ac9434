//! The class folder, end to end: a teacher's browser and three students' browsers, each
//! with its own profile and its own folder, and the harness as the school's sync engine
//! copying files between them (late, half-written, as "(1)" copies, or forged). A goal
//! goes from Ana's device to the teacher's review queue, the sealed approval comes back
//! and shows in the family view on Ana's device; a forged approval is refused and
//! listed; a classmate's device never receives Ana's work; a wiped device gets
//! everything back from the folder.

use std::time::Duration;

use serde_json::Value;
use wayfinder_e2e::{
    ensure, no_axe_violations, parse_device_file, poll, start, sync_folder, Browser, FolderFile,
    Result, Role,
};

const FOLDER_H1: &str = "Class folder";
const GOAL: &str = "read three chapter books by the winter break";
const FAMILY_PIN: &str = "3579";
/// The device file is written a few seconds after a change.
const WRITE_WAIT: Duration = Duration::from_secs(15);

async fn open_folder_page(b: &Browser) -> Result<()> {
    b.goto("/folder").await?;
    b.wait_for_heading(1, FOLDER_H1).await?;
    Ok(())
}

/// Chooses the class folder on this device and waits for the first sync.
async fn choose_folder(b: &Browser) -> Result<()> {
    open_folder_page(b).await?;
    b.use_test_folder().await?;
    b.click_button("Choose the class folder").await?;
    b.wait_for_role_with_text(Role::Status, "Synced with \u{201c}class\u{201d}")
        .await?;
    Ok(())
}

/// Presses "Sync now" and waits until the sync is over.
/// Screenshots the section under heading `heading_id`, at 1366 px and at 360 px.
async fn shoot_section(b: &Browser, heading_id: &str, name: &str) -> Result<()> {
    let show = format!("document.getElementById('{heading_id}').scrollIntoView();");
    b.execute(&show, vec![]).await?;
    b.screenshot(name).await?;
    b.fit_viewport(360, 740).await?;
    b.execute(&show, vec![]).await?;
    b.screenshot(&format!("{name}-360")).await?;
    b.fit_viewport(1366, 768).await?;
    Ok(())
}

async fn sync_now(b: &Browser) -> Result<()> {
    open_folder_page(b).await?;
    b.wait_for_role_with_text(Role::Status, "Synced with")
        .await?;
    b.click_button("Sync now").await?;
    b.wait_for_role_with_text(Role::Status, "Synced with \u{201c}class\u{201d} just now")
        .await?;
    Ok(())
}

/// Waits until this browser's folder holds a file whose name starts with `prefix` and
/// whose text satisfies `want`; returns it.
async fn wait_for_file(
    b: &Browser,
    prefix: &str,
    what: &str,
    want: impl Fn(&Value) -> bool,
) -> Result<FolderFile> {
    let want = &want;
    poll(what, WRITE_WAIT, || async move {
        for f in b.folder_files().await? {
            if f.name.starts_with(prefix) && f.name.ends_with(".json") {
                if let Ok(v) = parse_device_file(&f) {
                    if want(&v) {
                        return Ok(Ok(f));
                    }
                }
            }
        }
        Ok(Err("not yet".to_string()))
    })
    .await
}

fn goals_of(v: &Value) -> Vec<Value> {
    v["data"]["g"].as_array().cloned().unwrap_or_default()
}

/// The goal's "I will" text as stored.
fn says_goal(g: &Value) -> bool {
    g.to_string().contains(GOAL)
}

/// Whether a device file holds the goal approved and sealed.
fn has_sealed_approval(v: &Value) -> bool {
    goals_of(v)
        .iter()
        .any(|g| says_goal(g) && g["st"] == "ap" && g["sg"].is_string())
}

async fn main_text(b: &Browser) -> Result<String> {
    Ok(b.texts("main").await?.join(" "))
}

/// On a student's device: signs in as `first`, opens their goals.
async fn my_goals(b: &Browser, first: &str) -> Result<()> {
    let home = b.choose_student(first).await?;
    b.goto(&format!("{home}/goals")).await?;
    b.wait_for_role(Role::Button, "Start a new goal").await?;
    Ok(())
}

#[tokio::test]
async fn a_goal_and_its_approval_travel_through_the_class_folder() -> Result<()> {
    let (_s1, teacher) = start().await?;
    let (_s2, ana) = start().await?;
    let (_s3, ben) = start().await?;
    let (_s4, cara) = start().await?;

    // The teacher sets up the class and chooses the folder: the teacher's file appears.
    teacher
        .create_class_with_pin("Room 5", "2468", &["Ana Diaz", "Ben Okafor", "Cara Lee"])
        .await?;
    open_folder_page(&teacher).await?;
    teacher
        .wait_for_role(Role::Button, "Choose the class folder")
        .await?;
    no_axe_violations(&teacher, "the class folder page before a folder is chosen").await?;
    teacher.screenshot("folder-not-chosen").await?;
    choose_folder(&teacher).await?;
    teacher
        .wait_for_role_with_text(Role::Region, "0 of 3 students have synced")
        .await?;
    wait_for_file(&teacher, "wayfinder-teacher-", "the teacher's file", |v| {
        v["data"]["c"][0]["k"].is_string()
            && v["data"]["s"].as_array().is_some_and(|s| s.len() == 3)
    })
    .await?;
    ensure!(
        !teacher
            .folder_files()
            .await?
            .iter()
            .any(|f| f.name.ends_with(".tmp")),
        "a temporary file was left in the folder"
    );

    // Each student's Chromebook chooses the same folder (after Drive brought the
    // teacher's file): the class arrives; no student file until someone works there.
    for b in [&ana, &ben, &cara] {
        open_folder_page(b).await?;
        sync_folder(&teacher, b).await?;
        choose_folder(b).await?;
        b.wait_for_role_with_text(Role::Region, "Your teacher's device last synced")
            .await?;
    }
    no_axe_violations(&ana, "the class folder page on a student's device").await?;

    // Ana writes a goal and sends it; her device writes her file by itself.
    send_goal(&ana).await?;
    let anas = wait_for_file(
        &ana,
        "wayfinder-student-",
        "Ana's file with her goal",
        |v| goals_of(v).iter().any(|g| says_goal(g) && g["st"] == "sb"),
    )
    .await?;

    // Drive first brings a half-written copy: read again later, nothing changes.
    let half = &anas.text[..anas.text.len() / 2];
    teacher.put_folder_file(&anas.name, half).await?;
    sync_now(&teacher).await?;
    teacher
        .wait_for_role_with_text(Role::Region, "only partly synced so far")
        .await?;
    teacher.screenshot("folder-half-written").await?;
    // Then the whole file, and a "(1)" copy of it.
    teacher.put_folder_file(&anas.name, &anas.text).await?;
    let copy = anas.name.replace(".json", " (1).json");
    teacher.put_folder_file(&copy, &anas.text).await?;
    // Cara's device file claims the teacher approved Ana's goal: no seal.
    let mut forged = parse_device_file(&anas)?;
    forged["device"] = Value::from("cara0001");
    forged["students"] = Value::Array(Vec::new());
    if let Some(g) = forged["data"]["g"]
        .as_array_mut()
        .and_then(|g| g.first_mut())
    {
        g["st"] = Value::from("ap");
        g["v"]["cara0001"] = Value::from(9);
    }
    teacher
        .put_folder_file("wayfinder-student-cara0001.json", &forged.to_string())
        .await?;
    // A file that only says it is the teacher's (no seal over it) rewrites Ana's goal.
    let mut posing = parse_device_file(&anas)?;
    posing["device"] = Value::from("evil0001");
    posing["role"] = Value::from("teacher");
    if let Some(g) = posing["data"]["g"]
        .as_array_mut()
        .and_then(|g| g.first_mut())
    {
        g["w"] = Value::from("play games all winter");
        g["v"]["evil0001"] = Value::from(9);
    }
    teacher
        .put_folder_file("wayfinder-teacher-evil0001.json", &posing.to_string())
        .await?;
    sync_now(&teacher).await?;
    teacher
        .wait_for_role_with_text(Role::Region, "1 of 3 students have synced")
        .await?;
    let refused = teacher.texts(".refused-list li").await?;
    ensure!(
        refused.len() == 2
            && refused.iter().all(|l| l.starts_with("Ana Diaz's goal: "))
            && refused.iter().any(|l| l.contains("someone else's work")),
        "the forged approval and the posing file's edit are listed for the teacher: {refused:?}"
    );
    teacher
        .wait_for_role_with_text(Role::Region, "says it is the teacher's but isn't sealed")
        .await?;
    no_axe_violations(&teacher, "the class folder page with refused changes").await?;
    shoot_section(&teacher, "refused-heading", "folder-teacher-refused").await?;

    // The goal waits in the teacher's queue (once, not approved by the forgery).
    teacher.goto("/teacher/review").await?;
    let locked = teacher
        .execute(
            "return !!document.querySelector('main input[type=password]');",
            vec![],
        )
        .await?;
    if locked == Value::Bool(true) {
        teacher.unlock_teacher("2468").await?;
    }
    teacher.wait_for_role_with_text(Role::Main, GOAL).await?;
    let items = teacher.texts(".queue-item").await?;
    ensure!(
        items.iter().filter(|i| i.contains("Ana")).count() == 1,
        "Ana's goal is in the queue once: {items:?}"
    );
    approve_first(&teacher, None).await?;
    // The teacher's device seals the approval and writes its file.
    let sealed = wait_for_file(
        &teacher,
        "wayfinder-teacher-",
        "the sealed approval",
        has_sealed_approval,
    )
    .await?;

    // Ben's device reads the teacher's file but never Ana's.
    sync_folder(&teacher, &ben).await?;
    sync_now(&ben).await?;
    my_goals(&ben, "Ben").await?;
    let bens_storage = ben.local_storage_snapshot().await?;
    ensure!(
        !format!("{bens_storage:?}").contains("chapter books"),
        "Ana's goal reached Ben's device"
    );

    // Ana's device takes the sealed approval: she sees it, and so does her family.
    ana.put_folder_file(&sealed.name, &sealed.text).await?;
    sync_now(&ana).await?;
    // Ana's device now knows the class key, and finds the teacher's file sealed by it.
    let others = ana
        .wait_for_role_with_text(Role::Region, "Your teacher's device last synced")
        .await?
        .text()
        .await?;
    ensure!(
        !others.contains("isn't sealed"),
        "the teacher's file is taken as the teacher's: {others}"
    );
    my_goals(&ana, "Ana").await?;
    ana.wait_for_role(Role::Region, "Approved — I'm working on it (1)")
        .await?;
    family_sees_goal(&ana).await?;
    let _ = cara;

    // Ana's Chromebook is wiped at sign-out; she chooses the folder again and gets
    // everything back.
    let everything = sync_folder(&teacher, &ana).await?;
    ensure!(everything.len() >= 3, "the folder holds {everything:?}");
    ana.wipe_device().await?;
    for f in teacher.folder_files().await? {
        ana.put_folder_file(&f.name, &f.text).await?;
    }
    choose_folder(&ana).await?;
    my_goals(&ana, "Ana").await?;
    ana.wait_for_role(Role::Region, "Approved — I'm working on it (1)")
        .await?;
    ana.reload().await?;
    ana.wait_for_role(Role::Region, "Approved — I'm working on it (1)")
        .await?;
    // The folder is remembered across a reload.
    open_folder_page(&ana).await?;
    ana.wait_for_role_with_text(Role::Status, "Synced with \u{201c}class\u{201d}")
        .await?;
    Ok(())
}

/// Ana writes a goal and sends it to her teacher.
async fn send_goal(ana: &Browser) -> Result<()> {
    my_goals(ana, "Ana").await?;
    ana.click_button("Start a new goal").await?;
    ana.wait_for_heading(2, "Build your goal").await?;
    // Only the part to write now starts open.
    let part = ana.wait_for_role(Role::Button, "What I will do").await?;
    if part.attr("aria-expanded").await?.as_deref() != Some("true") {
        part.click().await?;
    }
    ana.type_into("I will …", &format!("I will {GOAL}")).await?;
    ana.click_button("Send to my teacher").await?;
    ana.wait_for_heading(2, "Waiting for your teacher").await?;
    Ok(())
}

/// On Ana's device: signs in as Ana and opens her approved goal.
async fn open_approved_goal(ana: &Browser) -> Result<()> {
    my_goals(ana, "Ana").await?;
    ana.wait_for_role(Role::Region, "Approved — I'm working on it (1)")
        .await?
        .find(fantoccini::Locator::Css("a"))
        .await?
        .click()
        .await?;
    ana.wait_for_heading(2, "Approved — you're working on it")
        .await?;
    Ok(())
}

/// Opens the first item of the review queue and approves it.
async fn approve_first(b: &Browser, pin: Option<&str>) -> Result<()> {
    b.goto("/teacher/review").await?;
    let locked = b
        .execute(
            "return !!document.querySelector('main input[type=password]');",
            vec![],
        )
        .await?;
    if let (Value::Bool(true), Some(pin)) = (locked, pin) {
        b.unlock_teacher(pin).await?;
    }
    b.wait_for_role_with_text(Role::Main, GOAL).await?;
    b.find(fantoccini::Locator::Css(".queue-item"))
        .await?
        .click()
        .await?;
    b.click_button("Approve").await?;
    b.wait_for_role_with_text(Role::Status, "Approved Ana Diaz's goal.")
        .await?;
    Ok(())
}

#[tokio::test]
async fn a_decision_made_at_a_students_device_counts_once_the_teacher_confirms_it() -> Result<()> {
    let (_s1, teacher) = start().await?;
    let (_s2, ana) = start().await?;
    teacher
        .create_class_with_pin("Room 5", "2468", &["Ana Diaz", "Ben Okafor"])
        .await?;
    choose_folder(&teacher).await?;
    wait_for_file(&teacher, "wayfinder-teacher-", "the teacher's file", |v| {
        v["data"]["c"][0]["k"].is_string()
    })
    .await?;
    open_folder_page(&ana).await?;
    sync_folder(&teacher, &ana).await?;
    choose_folder(&ana).await?;
    send_goal(&ana).await?;

    // A conference at Ana's Chromebook: the teacher approves there. That device holds no
    // class key, so the approval leaves it unsealed.
    approve_first(&ana, None).await?;
    let anas = wait_for_file(
        &ana,
        "wayfinder-student-",
        "Ana's file with the approval",
        |v| goals_of(v).iter().any(|g| says_goal(g) && g["st"] == "ap"),
    )
    .await?;
    ensure!(
        goals_of(&parse_device_file(&anas)?)
            .iter()
            .all(|g| !g["sg"].is_string()
                || g["sg"].as_str().is_some_and(|s| s.ends_with("AAAAAAAAAA"))),
        "an approval made away from the teacher's device carries no valid seal"
    );

    // Ana sees it approved, and that it counts once the teacher's device confirms it.
    open_approved_goal(&ana).await?;
    ana.wait_for_role_with_text(Role::Main, "once your teacher's own device confirms it")
        .await?;

    // The teacher's device holds it for the teacher to confirm, not as refused.
    teacher.put_folder_file(&anas.name, &anas.text).await?;
    sync_now(&teacher).await?;
    let waiting = teacher
        .wait_for_role_with_text(Role::Region, "Decisions made at students' devices")
        .await?
        .text()
        .await?;
    ensure!(
        waiting.contains("Ana Diaz's goal approved") && waiting.contains(GOAL),
        "the conference approval waits for the teacher: {waiting}"
    );
    ensure!(
        teacher.texts(".refused-list li").await?.is_empty(),
        "the conference approval is listed as refused"
    );
    no_axe_violations(&teacher, "decisions waiting for the teacher").await?;
    shoot_section(&teacher, "confirm-heading", "folder-confirm-conference").await?;
    teacher.click_button("Confirm all").await?;
    teacher
        .wait_for_role_with_text(Role::Status, "Confirmed 1 decision(s)")
        .await?;

    // Confirmed on the teacher's device: sealed there, and Ana's device takes the seal.
    let sealed = wait_for_file(
        &teacher,
        "wayfinder-teacher-",
        "the sealed approval",
        has_sealed_approval,
    )
    .await?;
    ana.put_folder_file(&sealed.name, &sealed.text).await?;
    sync_now(&ana).await?;
    let sealed_seal = goals_of(&parse_device_file(&sealed)?)
        .into_iter()
        .find(says_goal)
        .map(|g| g["sg"].clone())
        .unwrap_or_default();
    wait_for_file(
        &ana,
        "wayfinder-student-",
        "Ana's file with the sealed approval",
        |v| {
            goals_of(v)
                .iter()
                .any(|g| says_goal(g) && g["sg"] == sealed_seal)
        },
    )
    .await?;
    open_approved_goal(&ana).await?;
    ensure!(
        !main_text(&ana).await?.contains("confirms it"),
        "the sealed approval still reads as waiting for the teacher's device"
    );
    teacher.reload().await?;
    open_folder_page(&teacher).await?;
    teacher
        .wait_for_role_with_text(Role::Status, "Synced with")
        .await?;
    ensure!(
        !teacher
            .texts("main")
            .await?
            .join(" ")
            .contains("Decisions made at students' devices"),
        "the confirmed decision still waits"
    );

    // Ana's Chromebook's clock runs three days ahead: her work counts all the same, and
    // the teacher is told the times shown for it may be wrong.
    let mut ahead = parse_device_file(&anas)?;
    let written = ahead["written"]
        .as_i64()
        .ok_or_else(|| wayfinder_e2e::Error(format!("no time in {}", anas.name)))?;
    ahead["written"] = Value::from(written + 3 * 86_400_000);
    teacher
        .put_folder_file(&anas.name, &ahead.to_string())
        .await?;
    sync_now(&teacher).await?;
    let devices = teacher
        .wait_for_role_with_text(Role::Region, "Ana Diaz's device: 3 days ahead")
        .await?
        .text()
        .await?;
    ensure!(
        devices.contains("1 of 2 students have synced") && !devices.contains("Ana Diaz: "),
        "Ana's device reads as synced, not quiet: {devices}"
    );
    no_axe_violations(&teacher, "a device whose clock runs ahead").await?;
    Ok(())
}

/// Sets Ana's family PIN on her device (the teacher's page there has no PIN of its own)
/// and opens the family view: the approved goal is there.
async fn family_sees_goal(b: &Browser) -> Result<()> {
    b.goto("/teacher").await?;
    b.wait_for_role(Role::Button, "Family PIN for Ana Diaz")
        .await?
        .click()
        .await?;
    let panel = b
        .wait_for_role_with_text(
            Role::Other {
                role: "group",
                css: "[role=group]",
            },
            "No family PIN yet",
        )
        .await?;
    for label in ["Family PIN", "Type it again"] {
        let field = b.find_role_in(&panel, Role::Textbox, label).await?;
        field.send_keys(FAMILY_PIN).await?;
    }
    b.find_role_in(&panel, Role::Button, "Set family PIN")
        .await?
        .click()
        .await?;
    b.wait_for_role_with_text(Role::Status, "family PIN is set")
        .await?;
    b.goto("/family").await?;
    b.wait_for_role(Role::Link, "Ana").await?.click().await?;
    b.type_into("Family PIN", FAMILY_PIN).await?;
    b.click_button("Unlock").await?;
    b.wait_for_heading(1, "Ana's learning").await?;
    let text = main_text(b).await?;
    ensure!(
        text.contains(GOAL),
        "the family view shows the approved goal: {text}"
    );
    Ok(())
}

#[tokio::test]
async fn a_folder_that_vanishes_or_a_browser_without_folders_loses_nothing() -> Result<()> {
    let (_s, teacher) = start().await?;
    teacher
        .create_class_with_pin("Room 5", "2468", &["Ana Diaz"])
        .await?;
    choose_folder(&teacher).await?;
    wait_for_file(&teacher, "wayfinder-teacher-", "the teacher's file", |v| {
        v["data"]["c"][0]["k"].is_string()
    })
    .await?;
    let before = teacher.local_storage_snapshot().await?;

    // The folder is deleted (or Drive stops syncing it): this device keeps everything
    // and says so.
    teacher
        .execute(
            r#"return (async () => {
                const root = await navigator.storage.getDirectory();
                await root.removeEntry(arguments[0], { recursive: true });
                return true;
            })();"#,
            vec![Value::from(wayfinder_e2e::TEST_FOLDER)],
        )
        .await?;
    teacher.click_button("Sync now").await?;
    teacher
        .wait_for_role_with_text(Role::Region, "can't be found")
        .await?;
    no_axe_violations(&teacher, "the class folder gone").await?;
    teacher.screenshot("folder-gone").await?;
    teacher
        .expect_local_storage_unchanged(&before, "the folder vanishing")
        .await?;

    // Chosen again (here, made again), the device writes its file there again.
    teacher.use_test_folder().await?;
    teacher
        .click_button("Choose the class folder again")
        .await?;
    teacher
        .wait_for_role_with_text(Role::Status, "Synced with \u{201c}class\u{201d}")
        .await?;
    wait_for_file(
        &teacher,
        "wayfinder-teacher-",
        "the teacher's file, again",
        |v| v["data"]["c"][0]["k"].is_string(),
    )
    .await?;

    // Stopping leaves this device's work and the folder's files as they are.
    teacher
        .click_button("Stop using this folder on this device")
        .await?;
    teacher
        .wait_for_role(Role::Button, "Choose the class folder")
        .await?;
    ensure!(
        !teacher.folder_files().await?.is_empty(),
        "stopping removed the folder's files"
    );
    teacher.reload().await?;
    teacher.wait_for_heading(1, FOLDER_H1).await?;
    teacher
        .wait_for_role(Role::Button, "Choose the class folder")
        .await?;

    // A browser without the File System Access API (Firefox, Safari, phones) is told
    // so, and pointed at export and import.
    teacher
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": "delete Window.prototype.showDirectoryPicker; delete window.showDirectoryPicker;" }),
        )
        .await?;
    teacher.reload().await?;
    teacher.wait_for_heading(1, FOLDER_H1).await?;
    teacher
        .wait_for_role_with_text(Role::Region, "isn't available in this browser")
        .await?;
    teacher.wait_for_role(Role::Link, "Your data").await?;
    no_axe_violations(&teacher, "the class folder not available").await?;
    Ok(())
}

/// Whether this browser's folder holds a key on its way to another device.
async fn holds_key_move(b: &Browser) -> Result<bool> {
    Ok(b.folder_files()
        .await?
        .iter()
        .any(|f| f.name.starts_with("wayfinder-key-move")))
}

/// The text of the one-time code the teacher's device shows.
async fn shown_code(b: &Browser) -> Result<String> {
    b.wait_for_role_with_text(Role::Region, "type this code")
        .await?;
    let codes = b.texts(".key-code").await?;
    codes
        .first()
        .map(|c| c.trim().to_string())
        .ok_or_else(|| wayfinder_e2e::Error("no code on screen".into()))
}

#[tokio::test]
async fn a_second_teacher_device_takes_the_class_key_with_a_code_and_the_pin() -> Result<()> {
    let (_s1, teacher) = start().await?;
    let (_s2, laptop) = start().await?;
    let (_s3, ana) = start().await?;
    teacher
        .create_class_with_pin("Room 5", "2468", &["Ana Diaz", "Ben Okafor"])
        .await?;
    choose_folder(&teacher).await?;
    wait_for_file(&teacher, "wayfinder-teacher-", "the teacher's file", |v| {
        v["data"]["c"][0]["k"].is_string()
    })
    .await?;
    for device in [&laptop, &ana] {
        open_folder_page(device).await?;
        sync_folder(&teacher, device).await?;
        choose_folder(device).await?;
    }
    ensure!(
        !main_text(&laptop).await?.contains("bring the class key"),
        "a device offers to take a key before any is in the folder"
    );
    send_goal(&ana).await?;
    let anas = wait_for_file(&ana, "wayfinder-student-", "Ana's goal", |v| {
        goals_of(v).iter().any(says_goal)
    })
    .await?;

    // On the first device, the teacher's PIN again makes a one-time code; a wrong PIN
    // makes nothing.
    open_folder_page(&teacher).await?;
    teacher
        .wait_for_role(Role::Region, "Your other devices")
        .await?;
    teacher.type_into("Your teacher PIN", "1357").await?;
    teacher.click_button("Make a one-time code").await?;
    teacher
        .wait_for_role_with_text(Role::Alert, "isn't your teacher PIN")
        .await?;
    ensure!(
        !holds_key_move(&teacher).await?,
        "a wrong PIN put the key in the folder"
    );
    teacher.type_into("Your teacher PIN", "2468").await?;
    teacher.click_button("Make a one-time code").await?;
    let code = shown_code(&teacher).await?;
    ensure!(
        code.len() == 11 && code.as_bytes()[5] == b'-',
        "the code reads as two groups of five: {code:?}"
    );
    no_axe_violations(&teacher, "the one-time code for a second device").await?;
    shoot_section(&teacher, "key-heading", "folder-key-code").await?;
    let moved = teacher
        .folder_files()
        .await?
        .into_iter()
        .find(|f| f.name == "wayfinder-key-move.json")
        .ok_or_else(|| wayfinder_e2e::Error("no key file in the folder".into()))?;
    let plain = code.replace('-', "");
    ensure!(
        !moved.text.contains(&plain)
            && !moved.text.contains("2468")
            && !moved.text.contains("PRIVATE"),
        "the key file carries the code, the PIN or a readable key: {}",
        moved.text
    );

    // A student's device sees the offer but without the code and PIN gets nothing.
    ana.put_folder_file(&moved.name, &moved.text).await?;
    sync_now(&ana).await?;
    ana.wait_for_role(Role::Region, "Teacher: bring the class key to this device")
        .await?;
    let wrong = format!(
        "{}{}",
        if plain.starts_with('A') { "B" } else { "A" },
        &plain[1..]
    );
    ana.type_into("Code from your other device", &wrong).await?;
    ana.type_into("Teacher PIN", "2468").await?;
    ana.click_button("Bring the class key here").await?;
    ana.wait_for_role_with_text(Role::Alert, "don't open the key")
        .await?;

    // The laptop takes it with the code (typed in lower case, no dash) and the PIN.
    laptop.put_folder_file(&moved.name, &moved.text).await?;
    sync_now(&laptop).await?;
    laptop
        .wait_for_role(Role::Region, "Teacher: bring the class key to this device")
        .await?;
    no_axe_violations(&laptop, "bringing the class key to a second device").await?;
    shoot_section(&laptop, "key-heading", "folder-key-take").await?;
    laptop
        .type_into("Code from your other device", &plain.to_lowercase())
        .await?;
    laptop.type_into("Teacher PIN", "2468").await?;
    laptop.click_button("Bring the class key here").await?;
    laptop
        .wait_for_role_with_text(Role::Status, "This device now holds the class key")
        .await?;
    ensure!(
        !holds_key_move(&laptop).await?,
        "the key file stayed in the folder once taken"
    );
    let first = teacher
        .folder_files()
        .await?
        .into_iter()
        .find(|f| f.name.starts_with("wayfinder-teacher-"))
        .map(|f| f.name)
        .unwrap_or_default();
    let second = poll("the laptop's own teacher file", WRITE_WAIT, || async {
        let theirs = laptop.folder_files().await?.into_iter().find(|f| {
            f.name.starts_with("wayfinder-teacher-") && f.name.ends_with(".json") && f.name != first
        });
        Ok(theirs.map(|f| f.name).ok_or_else(|| "not yet".to_string()))
    })
    .await?;

    // On the laptop, the teacher approves Ana's goal; Ana's device takes it as sealed.
    laptop.put_folder_file(&anas.name, &anas.text).await?;
    sync_now(&laptop).await?;
    approve_first(&laptop, Some("2468")).await?;
    let sealed = wait_for_file(
        &laptop,
        &second,
        "the laptop's sealed approval",
        has_sealed_approval,
    )
    .await?;
    ana.put_folder_file(&sealed.name, &sealed.text).await?;
    sync_now(&ana).await?;
    open_approved_goal(&ana).await?;
    ensure!(
        !main_text(&ana).await?.contains("confirms it"),
        "an approval sealed on the second teacher device is not taken as the teacher's"
    );
    Ok(())
}

#[tokio::test]
async fn a_class_set_up_without_a_key_gets_one_on_the_teachers_device() -> Result<()> {
    let (_s1, teacher) = start().await?;
    // A browser that would not make keys when the class was set up (as on a page served
    // without https): the class works, unsealed.
    teacher.goto("/teacher").await?;
    teacher.wait_for_heading(2, "Set up your class").await?;
    teacher
        .execute(
            "crypto.subtle.generateKey = () => Promise.reject(new DOMException('no', 'NotSupportedError'));",
            vec![],
        )
        .await?;
    teacher.type_into("Class name", "Room 7").await?;
    teacher.type_into("Teacher PIN", "2468").await?;
    teacher.type_into("Type it again", "2468").await?;
    teacher.click_button("Create class").await?;
    teacher.wait_for_heading(2, "Your recovery code").await?;
    teacher.click_button("I've kept it safe").await?;
    teacher.wait_for_heading(2, "Room 7").await?;

    // The folder page says what is missing; nothing of the teacher's goes out unsealed.
    choose_folder(&teacher).await?;
    teacher
        .wait_for_role(Role::Region, "Seal your decisions")
        .await?;
    ensure!(
        !teacher
            .folder_files()
            .await?
            .iter()
            .any(|f| f.name.starts_with("wayfinder-teacher-")),
        "a device without the class key wrote a teacher's file"
    );
    no_axe_violations(&teacher, "a class without a key").await?;
    shoot_section(&teacher, "key-heading", "folder-key-make").await?;

    teacher.click_button("Make the class key here").await?;
    teacher
        .wait_for_role(Role::Region, "Your other devices")
        .await?;
    let file = wait_for_file(
        &teacher,
        "wayfinder-teacher-",
        "the sealed teacher's file",
        |v| v["data"]["c"][0]["k"].is_string() && !v["seal"].is_null(),
    )
    .await?;
    ensure!(
        parse_device_file(&file)?["data"]["c"][0]["sg"].is_string(),
        "the class setup naming the key is not sealed: {}",
        file.text
    );
    // A reload finds the key again: the device stays the teacher's.
    teacher.reload().await?;
    open_folder_page(&teacher).await?;
    teacher
        .wait_for_role_with_text(Role::Status, "Synced with")
        .await?;
    teacher
        .wait_for_role(Role::Region, "Students' devices")
        .await?;
    Ok(())
}
