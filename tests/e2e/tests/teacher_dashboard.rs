//! The class dashboard with the sample class: the grid shows known ratings (the sample
//! gives Amara a self-assessment of 3 Proficient on "I can explain the theme of a poem"
//! and nothing on the first target), filters by goal state and group with the count
//! announced, sorting puts help requests first, "who's stuck" lists the students who
//! asked for help (one through the student's own "I need help" button) with their note;
//! a goal approved in the review queue leaves the "waiting for you" filter; reloads keep
//! it all; axe-core at 1366x768 and on a phone; no sideways scroll of the page on a
//! phone; the grid region is reachable by Tab and scrolls with the arrow keys; print
//! media hides navigation, filters and buttons.

use fantoccini::key::Key;
use serde_json::{json, Value};
use wayfinder_e2e::{
    ensure, no_axe_violations, poll, start, start_with, Browser, BrowserOptions, Result, Role,
    DEFAULT_TIMEOUT, MOBILE,
};

const REGION: &str = "Students and targets grid (scrolls both ways)";
const POEM: &str = "I can explain the theme of a poem";
const FIRST_TARGET: &str = "I can find the main idea of a short story";
const LAST_TARGET: &str = "I can summarize a myth";

/// Opens the dashboard through the teacher's navigation.
async fn open_dashboard(b: &Browser) -> Result<()> {
    b.wait_for_role(Role::Link, "Dashboard")
        .await?
        .click()
        .await?;
    b.wait_for_heading(1, "Class dashboard").await?;
    b.wait_for_role(Role::Region, REGION).await?;
    Ok(())
}

/// The student names of the grid's rows, in the order shown.
async fn row_names(b: &Browser) -> Result<Vec<String>> {
    b.texts(".dash-grid tbody th[scope=row]").await
}

/// Waits until the status line says `want`.
async fn wait_for_count(b: &Browser, want: &str) -> Result<()> {
    b.wait_for_role_with_text(Role::Status, want).await?;
    Ok(())
}

/// Everything a screen reader gets from the cell of `student` under the target `target`.
async fn cell_text(b: &Browser, student: &str, target: &str) -> Result<String> {
    let v = b
        .execute(
            r#"
            const [student, target] = arguments;
            const heads = [...document.querySelectorAll('.dash-grid thead th')];
            const col = heads.findIndex(th => th.querySelector('.visually-hidden')?.textContent === target);
            if (col < 0) return 'no column ' + target;
            const row = [...document.querySelectorAll('.dash-grid tbody tr')]
                .find(tr => tr.querySelector('th').textContent.trim() === student);
            if (!row) return 'no row ' + student;
            return row.children[col].textContent;
            "#,
            vec![json!(student), json!(target)],
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// The names listed in "who's stuck", with their reasons.
async fn stuck_lines(b: &Browser) -> Result<Vec<String>> {
    b.texts(".stuck-item").await
}

/// The student `first` asks for help with `note` from their own page, then signs out.
async fn ask_for_help(b: &Browser, first: &str, note: &str) -> Result<()> {
    b.choose_student(first).await?;
    b.click_button("I need help").await?;
    b.type_into("What do you need help with? (optional)", note)
        .await?;
    b.click_button("Ask my teacher").await?;
    b.wait_for_role_with_text(
        Role::Status,
        "Your teacher can see that you asked for help.",
    )
    .await?;
    b.switch_person().await?;
    Ok(())
}

/// Approves `student`'s submitted goal in the review queue.
async fn approve_goal_of(b: &Browser, student: &str) -> Result<()> {
    b.goto("/teacher/review").await?;
    b.wait_for_heading(1, "Review queue").await?;
    let row = poll(
        "the student's goal in the queue",
        DEFAULT_TIMEOUT,
        || async {
            for f in b.scan(None, Role::Button).await? {
                let class = f.element.attr("class").await?.unwrap_or_default();
                if class.split_whitespace().any(|c| c == "queue-item")
                    && f.name.starts_with(student)
                    && f.name.contains("Goal to review")
                {
                    return Ok(Ok(f.element));
                }
            }
            Ok(Err(format!("no goal of {student} to review")))
        },
    )
    .await?;
    row.click().await?;
    let approve = b.wait_for_role(Role::Button, "Approve").await?;
    approve.click().await?;
    b.wait_for_role_with_text(Role::Status, &format!("Approved {student}"))
        .await?;
    Ok(())
}

/// True when the page itself scrolls sideways.
async fn page_scrolls_sideways(b: &Browser) -> Result<(bool, Value)> {
    let v = b
        .execute(
            "const d = document.documentElement; return [d.scrollWidth, d.clientWidth];",
            vec![],
        )
        .await?;
    let w = v[0].as_f64().unwrap_or(0.0);
    let c = v[1].as_f64().unwrap_or(0.0);
    Ok((w > c + 1.0, v))
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

#[tokio::test(flavor = "current_thread")]
async fn dashboard_grid_filters_sorting_and_whos_stuck() -> Result<()> {
    let (_server, b) = start().await?;
    b.try_sample_class().await?;
    // Fatima (last by name) asks for help through her own page.
    ask_for_help(&b, "Fatima", "The story map middle part").await?;
    b.goto("/teacher").await?;
    open_dashboard(&b).await?;
    wait_for_count(&b, "Showing all 6 students.").await?;

    // Known cells from the sample class.
    let poem = cell_text(&b, "Amara", POEM).await?;
    ensure!(
        poem.contains("Self: 3 Proficient."),
        "Amara's own rating on the poem target: {poem:?}"
    );
    ensure!(
        poem.contains("Teacher: "),
        "the teacher's side is there: {poem:?}"
    );
    let first = cell_text(&b, "Amara", FIRST_TARGET).await?;
    ensure!(
        first.trim() == "–not yet",
        "an empty cell says not yet: {first:?}"
    );
    ensure!(
        b.find_role(Role::Link, "Amara")
            .await?
            .attr("href")
            .await?
            .unwrap_or_default()
            .contains("/teacher/students/"),
        "the name links to the student's page"
    );

    // Who's stuck: both students who asked for help, with the reason and the note.
    let stuck = stuck_lines(&b).await?;
    ensure!(
        stuck.iter().any(|l| l.contains("Fatima")
            && l.contains("Asked for help just now.")
            && l.contains("The story map middle part")),
        "Fatima is stuck with her note: {stuck:?}"
    );
    ensure!(
        stuck
            .iter()
            .any(|l| l.contains("Amara") && l.contains("Asked for help")),
        "Amara's open help request from the sample: {stuck:?}"
    );
    b.screenshot("dashboard-desktop").await?;
    no_axe_violations(&b, "the dashboard").await?;

    // Sort: help requests first puts Amara and Fatima on top (Fatima is last by name).
    let names = row_names(&b).await?;
    ensure!(
        names.last().map(String::as_str) == Some("Fatima"),
        "name order: {names:?}"
    );
    b.choose_option("Sort by", "Help requests first").await?;
    let top = poll("help requests first", DEFAULT_TIMEOUT, || async {
        let names = row_names(&b).await?;
        let mut top: Vec<String> = names.iter().take(2).cloned().collect();
        top.sort();
        Ok(if top == ["Amara", "Fatima"] {
            Ok(names)
        } else {
            Err(format!("{names:?}"))
        })
    })
    .await?;
    ensure!(top.len() == 6, "sorting keeps everyone: {top:?}");
    b.choose_option("Sort by", "Name (A to Z)").await?;

    // Filter by group: Book club A is Amara and Dana.
    b.choose_option("Group", "Book club A").await?;
    wait_for_count(&b, "Showing 2 of 6 students.").await?;
    let names = row_names(&b).await?;
    ensure!(names == ["Amara", "Dana"], "Book club A: {names:?}");
    b.screenshot("dashboard-group-filter").await?;
    b.click_button("Show everyone").await?;
    wait_for_count(&b, "Showing all 6 students.").await?;
    let group_menu = b.find_role(Role::Combobox, "Group").await?;
    ensure!(
        group_menu
            .prop("value")
            .await?
            .unwrap_or_default()
            .is_empty(),
        "the group menu is back on Everyone"
    );

    // Filter by unit: the sample's one unit is for everyone and has the first four
    // targets, so the fifth column goes and everyone stays.
    b.choose_option("Unit", "Short stories").await?;
    poll("only the unit's targets", DEFAULT_TIMEOUT, || async {
        let heads = b
            .texts(".dash-grid thead .dash-target .visually-hidden")
            .await?;
        Ok(
            if heads.len() == 4 && !heads.iter().any(|h| h == LAST_TARGET) {
                Ok(())
            } else {
                Err(format!("{heads:?}"))
            },
        )
    })
    .await?;
    wait_for_count(&b, "Showing all 6 students.").await?;
    let poem = cell_text(&b, "Amara", POEM).await?;
    ensure!(
        poem.contains("Self: 3 Proficient."),
        "in the unit: {poem:?}"
    );
    b.choose_option("Unit", "All units").await?;
    poll("all targets again", DEFAULT_TIMEOUT, || async {
        let n = b.texts(".dash-grid thead .dash-target").await?.len();
        Ok(if n == 5 {
            Ok(())
        } else {
            Err(format!("{n} columns"))
        })
    })
    .await?;

    // Filter by goal state: every sample student has one goal waiting; once Ben's is
    // approved in the review queue, he leaves that filter (and the dashboard shows it).
    approve_goal_of(&b, "Ben").await?;
    open_dashboard(&b).await?;
    b.choose_option("Has a goal that is", "Waiting for you")
        .await?;
    wait_for_count(&b, "Showing 5 of 6 students.").await?;
    let names = row_names(&b).await?;
    ensure!(
        !names.contains(&"Ben".to_string()),
        "Ben has nothing waiting: {names:?}"
    );
    b.choose_option("Has a goal that is", "Approved").await?;
    wait_for_count(&b, "Showing all 6 students.").await?;

    // A reload: the data is kept, and so is the chosen view (it is in the address).
    b.choose_option("Sort by", "Last activity (longest ago first)")
        .await?;
    b.reload().await?;
    b.wait_for_heading(1, "Class dashboard").await?;
    wait_for_count(&b, "Showing all 6 students.").await?;
    for (label, want) in [("Has a goal that is", "approved"), ("Sort by", "activity")] {
        let value = b
            .find_role(Role::Combobox, label)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        ensure!(value == want, "{label} after reload: {value:?}");
    }
    b.choose_option("Sort by", "Name (A to Z)").await?;
    let poem = cell_text(&b, "Amara", POEM).await?;
    ensure!(
        poem.contains("Self: 3 Proficient."),
        "after reload: {poem:?}"
    );
    let stuck = stuck_lines(&b).await?;
    ensure!(
        stuck.iter().any(|l| l.contains("Fatima")),
        "Fatima still stuck after reload: {stuck:?}"
    );
    b.choose_option("Has a goal that is", "Waiting for you")
        .await?;
    wait_for_count(&b, "Showing 5 of 6 students.").await?;
    b.choose_option("Has a goal that is", "Any state").await?;

    // "Who's stuck" after N days: with 3 days and no other progress since the sample,
    // the list can only grow; it still starts with the help requests.
    b.choose_option("Count as stuck after no progress for", "3 days")
        .await?;
    let stuck3 = stuck_lines(&b).await?;
    ensure!(
        stuck3.len() >= 2 && stuck3[..2].iter().all(|l| l.contains("Asked for help")),
        "help requests first: {stuck3:?}"
    );

    // Keyboard: from the page's heading, through who's stuck and the filters, Tab
    // reaches the grid region (the phone test scrolls it with the arrow keys).
    b.execute("document.querySelector('main h1').focus();", vec![])
        .await?;
    b.tab_to(Role::Region, REGION, 40).await?;
    b.execute(
        "document.getElementById('grid-heading').scrollIntoView();",
        vec![],
    )
    .await?;
    b.screenshot("dashboard-desktop-grid").await?;

    // Print: no navigation, filters or buttons; the grid and who's stuck stay.
    b.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" }))
        .await?;
    for css in [
        ".site-header",
        "nav",
        ".dash-filters",
        ".dash-print",
        ".stuck-days",
    ] {
        let d = display_of(&b, css).await?;
        ensure!(d == "none", "{css} is printed (display {d})");
    }
    for css in [".dash-grid", ".stuck-list", ".dash-print-key", "main h1"] {
        let d = display_of(&b, css).await?;
        ensure!(d != "none" && d != "missing", "{css} is not printed ({d})");
    }
    b.execute("window.scrollTo(0, 0);", vec![]).await?;
    b.screenshot("dashboard-print").await?;
    no_axe_violations(&b, "the dashboard as printed").await?;
    // The grid starts on the first page with the heading: the sample class fits one
    // landscape page (A4 and Letter).
    for (paper, w, h) in [("A4", 11.69, 8.27), ("Letter", 11.0, 8.5)] {
        let pages = b.print_pdf("dashboard", paper, w, h).await?;
        ensure!(
            pages == 1,
            "the dashboard prints on {pages} pages on {paper}"
        );
    }
    b.cdp("Emulation.setEmulatedMedia", json!({ "media": "" }))
        .await?;
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn dashboard_on_a_phone() -> Result<()> {
    let (_server, b) = start_with(BrowserOptions::size(MOBILE)).await?;
    b.try_sample_class().await?;
    open_dashboard(&b).await?;
    wait_for_count(&b, "Showing all 6 students.").await?;
    let (sideways, sizes) = page_scrolls_sideways(&b).await?;
    ensure!(!sideways, "the page scrolls sideways on a phone: {sizes}");
    no_axe_violations(&b, "the dashboard on a phone").await?;
    b.screenshot("dashboard-phone").await?;
    // The grid itself scrolls; the page still does not.
    b.execute(
        "document.querySelector('.dash-scroll').scrollIntoView();",
        vec![],
    )
    .await?;
    b.screenshot("dashboard-phone-grid").await?;
    // The grid is wider than a phone: Tab to it and scroll it with the arrow keys.
    b.execute("document.getElementById('dash-sort').focus();", vec![])
        .await?;
    b.tab_to(Role::Region, REGION, 3).await?;
    for _ in 0..8 {
        b.press(Key::Right).await?;
    }
    let left = poll("the grid to scroll sideways", DEFAULT_TIMEOUT, || async {
        let v = b
            .execute(
                "return document.querySelector('.dash-scroll').scrollLeft;",
                vec![],
            )
            .await?;
        let left = v.as_f64().unwrap_or(0.0);
        Ok(if left > 0.0 {
            Ok(left)
        } else {
            Err(format!("scrollLeft {left}"))
        })
    })
    .await?;
    ensure!(left > 0.0, "scrolled by {left}");
    let (sideways, sizes) = page_scrolls_sideways(&b).await?;
    ensure!(!sideways, "the page moved with the grid: {sizes}");
    b.screenshot("dashboard-phone-grid-scrolled").await?;
    b.choose_option("Group", "Book club B").await?;
    wait_for_count(&b, "Showing 2 of 6 students.").await?;
    let (sideways, sizes) = page_scrolls_sideways(&b).await?;
    ensure!(!sideways, "sideways after filtering: {sizes}");
    no_axe_violations(&b, "the filtered dashboard on a phone").await?;
    Ok(())
}

/// A class-year (35 students, 30 targets) written to localStorage in the app's own
/// layout, its year ending about now.
async fn seed_class_year(b: &Browser) -> Result<()> {
    use wayfinder::domain::sample::{sample_class, SampleScale};
    use wayfinder::domain::Timestamp;
    use wayfinder::storage::records::{raw_dump, save_all, LastRead};
    use wayfinder::storage::MemoryBackend;

    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(1_760_000_000_000);
    let start = Timestamp(now_ms).plus_days(-190);
    let data = sample_class(3, &SampleScale::class_year(), start, "e2eyear");
    let backend = MemoryBackend::default();
    save_all(&backend, &data, &mut LastRead::default())
        .map_err(|e| wayfinder_e2e::Error::msg(format!("{e:?}")))?;
    let items = raw_dump(&backend).map_err(|e| wayfinder_e2e::Error::msg(format!("{e:?}")))?;
    b.goto("/").await?;
    b.wait_for_heading(1, "Who's using Wayfinder?").await?;
    b.execute(
        "for (const [k, v] of arguments[0]) window.localStorage.setItem(k, v);",
        vec![json!(items)],
    )
    .await?;
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn dashboard_with_a_class_year_at_1366x768() -> Result<()> {
    let (_server, b) = start().await?;
    seed_class_year(&b).await?;
    b.goto("/teacher/dashboard").await?;
    b.wait_for_heading(1, "Class dashboard").await?;
    wait_for_count(&b, "Showing all 35 students.").await?;
    let rows = row_names(&b).await?;
    ensure!(rows.len() == 35, "{} rows", rows.len());
    let heads = b.texts(".dash-grid thead .dash-target").await?;
    ensure!(heads.len() == 30, "{} target columns", heads.len());
    let (sideways, sizes) = page_scrolls_sideways(&b).await?;
    ensure!(!sideways, "the page scrolls sideways at 1366: {sizes}");
    no_axe_violations(&b, "the dashboard with a class-year").await?;
    b.execute(
        "document.getElementById('grid-heading').scrollIntoView();",
        vec![],
    )
    .await?;
    b.screenshot("dashboard-class-year").await?;
    // Scrolled down and right inside the region: the header row and names stay.
    b.execute(
        "const s = document.querySelector('.dash-scroll'); s.scrollIntoView(); s.scrollTop = 600; s.scrollLeft = 900;",
        vec![],
    )
    .await?;
    let stays = b
        .execute(
            r#"const s = document.querySelector('.dash-scroll').getBoundingClientRect();
               const head = document.querySelector('.dash-grid thead th.dash-target').getBoundingClientRect();
               const name = document.querySelectorAll('.dash-grid tbody th')[10].getBoundingClientRect();
               return [Math.round(head.top - s.top), Math.round(name.left - s.left)];"#,
            vec![],
        )
        .await?;
    ensure!(
        stays[0].as_f64().unwrap_or(99.0).abs() <= 2.0
            && stays[1].as_f64().unwrap_or(99.0).abs() <= 2.0,
        "the header row and the names stick to the region's edges: {stays}"
    );
    b.screenshot("dashboard-class-year-scrolled").await?;
    // Help requests first, then who's stuck lists the same students with help first.
    b.choose_option("Sort by", "Help requests first").await?;
    let stuck = stuck_lines(&b).await?;
    ensure!(!stuck.is_empty(), "someone is stuck in a whole year");
    Ok(())
}
