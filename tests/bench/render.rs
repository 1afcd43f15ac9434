//! Render timings with a class-year: the teacher's screens (dashboard, review queue) and
//! the screens of one student with the literal class-year's share of work (40 goals, 150
//! evidence, 200 reflections, 300 comments), as the student, the teacher and the family
//! see them.
//!
//! Two kinds of figures, never assertions on time:
//! - the pure models (`domain::dashboard::build` + `grid`, `summary::review_queue`) on
//!   the class-year data, median of 7;
//! - the real components in this browser: the class-year is written to localStorage,
//!   the app's state is provided as `App` does (storage, preferences, records, router,
//!   session), then the teacher's area at that route is mounted into a fresh element.
//!   CSR renders synchronously, so the mount call returns with the table (or the queue)
//!   in the DOM; the figure is checked by counting the rows. "Render" is the time of the
//!   mount minus loading the records (reported on its own).

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wayfinder::domain::dashboard::{build, grid, whos_stuck, Filters, DEFAULT_STUCK_DAYS};
use wayfinder::domain::sample::{sample_class, SampleScale};
use wayfinder::domain::summary::review_queue;
use wayfinder::domain::Timestamp;
use wayfinder::pages::family::FamilyChild;
use wayfinder::pages::student::StudentArea;
use wayfinder::pages::teacher::TeacherArea;
use wayfinder::state::{self, StudentView, TeacherView, Who};
use wayfinder::storage::records::{save_all, LastRead};
use wayfinder::storage::LocalBackend;

use super::{median, now_ms, report, time};

const START: Timestamp = Timestamp(1_756_684_800_000);

thread_local! {
    /// When the records were loaded inside the current mount (ms, performance clock).
    static LOADED_AT: Cell<f64> = const { Cell::new(0.0) };
}

/// Mounts `page` five times ([`mount`]) and returns the medians of (total ms, load ms,
/// render ms) and how many elements match `css` on the last.
fn mount_five(
    path: &str,
    css: &str,
    page: impl Fn() -> AnyView + Clone + 'static,
) -> (f64, f64, f64, u32) {
    let (mut totals, mut loads, mut renders) = (Vec::new(), Vec::new(), Vec::new());
    let mut found = 0;
    for _ in 0..5 {
        let (total, load, render, n) = mount(path, css, page.clone());
        totals.push(total);
        loads.push(load);
        renders.push(render);
        found = n;
    }
    (median(totals), median(loads), median(renders), found)
}

/// Puts the address back to "/" and forgets the stored data and who was signed in.
fn leave(storage: &web_sys::Storage) {
    let window = web_sys::window().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"))
        .unwrap();
    storage.clear().unwrap();
    if let Ok(Some(tab)) = window.session_storage() {
        tab.clear().unwrap();
    }
}

/// Mounts `page` at `path` into a fresh element, with the app's state provided as `App`
/// provides it, and returns (total ms, load ms, render ms, how many elements match
/// `css`).
fn mount(path: &str, css: &str, page: impl FnOnce() -> AnyView + 'static) -> (f64, f64, f64, u32) {
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let start = now_ms();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        state::provide_app_state();
        LOADED_AT.with(|c| c.set(now_ms()));
        view! { <main>{page()}</main> }
    });
    let end = now_ms();
    let loaded = LOADED_AT.with(Cell::get);
    let found = host.query_selector_all(css).unwrap().length();
    drop(handle);
    host.remove();
    (end - start, loaded - start, end - loaded, found)
}

/// One student's screens with the literal class-year in storage: each page's render
/// (median of 5, loading the records apart) and how many elements it put on the page.
#[wasm_bindgen_test]
fn class_year_student_pages_render_benchmark() {
    let data = sample_class(
        1,
        &SampleScale::class_year_per_student_counts(),
        START,
        "bench1",
    );
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let backend = LocalBackend::open().unwrap();
    save_all(&backend, &data, &mut LastRead::default()).expect("the class-year fits");
    let id = data.students[0].meta.id;
    let count = |what: fn(&wayfinder::domain::ClassData) -> usize| what(&data.for_student(id));
    report(format!(
        "bench: one student's share of the literal class-year: {} goals, {} evidence, {} reflections, {} comments",
        count(|d| d.goals.len()),
        count(|d| d.evidence.len()),
        count(|d| d.reflections.len()),
        count(|d| d.comments.len()),
    ));
    let pages: [(&str, TeacherOrStudent); 7] = [
        ("student's home", Student(StudentView::Home)),
        ("student's path", Student(StudentView::Path)),
        ("student's goals", Student(StudentView::Goals)),
        ("student's progress", Student(StudentView::Progress)),
        ("student's all about me", Student(StudentView::Me)),
        (
            "teacher's page for the student",
            Teacher(TeacherView::Student(id)),
        ),
        ("family view of the student", Family),
    ];
    for (name, page) in pages {
        let path = match page {
            Student(view) => view.path(id),
            Teacher(view) => view.path(),
            Family => format!("/family/{id}"),
        };
        let (total, load, render, nodes) = mount_five(&path, "*", move || match page {
            Student(view) => view! { <StudentArea id view/> }.into_any(),
            Teacher(view) => view! { <TeacherArea view/> }.into_any(),
            Family => {
                // The family view opens only for its own signed-in family.
                state::use_session().sign_in(Who::Family(id));
                view! { <FamilyChild id/> }.into_any()
            }
        });
        report(format!(
            "bench: render the {name} with the literal class-year (release, headless Chromium): median {render:.1} ms of 5 for the components ({nodes} elements), {total:.1} ms with loading the records ({load:.1} ms)",
        ));
    }
    leave(&storage);
}

/// Whose view of the student a page is.
#[derive(Clone, Copy)]
enum TeacherOrStudent {
    Student(StudentView),
    Teacher(TeacherView),
    Family,
}
use TeacherOrStudent::{Family, Student, Teacher};

#[wasm_bindgen_test]
fn class_year_render_benchmark() {
    let data = sample_class(1, &SampleScale::class_year(), START, "bench1");
    let now = START.plus_days(200);

    // Pure models.
    let mut builds = Vec::new();
    let mut filters = Vec::new();
    let mut cells = 0;
    for _ in 0..7 {
        let (dash, ms) = time(|| build(&data, now));
        builds.push(ms);
        let (g, ms) = time(|| {
            let g = grid(&dash, &Filters::default());
            let stuck = whos_stuck(&dash, now, DEFAULT_STUCK_DAYS);
            (g, stuck.len())
        });
        filters.push(ms);
        cells = g.0.rows.len() * g.0.columns.len();
    }
    report(format!(
        "bench: dashboard model (build) for the class-year: median {:.1} ms of 7; grid + who's stuck from it: median {:.2} ms ({cells} cells) (target: under 100 ms)",
        median(builds),
        median(filters)
    ));
    let mut queues = Vec::new();
    let mut waiting = 0;
    for _ in 0..7 {
        let (q, ms) = time(|| review_queue(&data));
        waiting = q.len();
        queues.push(ms);
    }
    report(format!(
        "bench: review queue model for the class-year: median {:.2} ms of 7 ({waiting} items)",
        median(queues)
    ));

    // The real components, from localStorage.
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let backend = LocalBackend::open().unwrap();
    save_all(&backend, &data, &mut LastRead::default()).expect("the class-year fits");
    for (name, view, path, css, want) in [
        (
            "dashboard",
            TeacherView::Dashboard,
            "/teacher/dashboard",
            ".dash-grid tbody tr",
            data.students.len() as u32,
        ),
        (
            "review queue",
            TeacherView::Review,
            "/teacher/review",
            ".queue > li",
            waiting as u32,
        ),
    ] {
        let (total, load, render, rows) =
            mount_five(path, css, move || view! { <TeacherArea view/> }.into_any());
        report(format!(
            "bench: render the {name} with the class-year (release, headless Chromium): median {render:.1} ms of 5 for the components, {total:.1} ms with loading the records ({load:.1} ms); {rows} of {want} rows on screen (target: under 100 ms)",
        ));
    }
    leave(&storage);
}
