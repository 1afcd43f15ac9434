//! One student, seen by the teacher: ratings on the class's mastery scale beside the
//! student's own, goals, evidence and comments, path progress, help requests and when
//! they last did something.

mod model;
mod rating;
mod work;

use leptos::prelude::*;

use crate::components::{Link, Page};
use crate::domain::class::class_scale;
use crate::domain::{Id, MasteryScale, Timestamp};
use crate::state::{today, use_records, TeacherView};
use model::{day_words, last_activity, open_help, targets, who};

/// The day `at` falls on in this browser's time zone.
fn local_day(at: Timestamp) -> crate::domain::Day {
    let offset_min =
        js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.0 as f64)).get_timezone_offset();
    Timestamp(at.0 - (offset_min * 60_000.0) as i64).day()
}

/// "today", "yesterday", "3 days ago" or a date, on this device's calendar.
pub(super) fn when(at: Timestamp) -> String {
    day_words(local_day(at), today())
}

/// /teacher/students/<id>.
#[component]
pub fn StudentPage(student: Id) -> impl IntoView {
    let records = use_records();
    let found = Memo::new(move |_| records.data.with(|d| who(d, student)));
    move || {
        match found.get() {
        Some(w) => view! { <StudentFound student name=w.name first=w.first archived=w.archived/> }
            .into_any(),
        None => view! {
            <Page title="We couldn't find this student">
                <p class="lead">
                    "This student isn't in your class on this device. They may have been deleted, or the link may be from another device."
                </p>
                <p><Link to=TeacherView::Home.path() class="button">"Back to my class"</Link></p>
            </Page>
        }
        .into_any(),
    }
    }
}

/// The page for a student who is on this device.
#[component]
fn StudentFound(student: Id, name: String, first: String, archived: bool) -> impl IntoView {
    let records = use_records();
    let scale = Memo::new(move |_| records.data.with(|d| class_scale(&d.classes)));
    let target_lines = Memo::new(move |_| records.data.with(|d| targets(d, student)));
    let threads = work::threads(student);
    let glance = {
        let first = first.clone();
        move || {
            records.data.with(|d| {
                let last = match last_activity(d, student) {
                    Some(at) => format!("Last activity: {}.", when(at)),
                    None => format!("{first} hasn't done anything in Wayfinder yet."),
                };
                let help = match open_help(d, student).len() {
                    0 => String::new(),
                    1 => " They asked for help: see below.".into(),
                    n => format!(" They asked for help {n} times: see below."),
                };
                format!("{last}{help}")
            })
        }
    };
    let no_targets = move || target_lines.with(Vec::is_empty);
    let first_for_targets = first.clone();
    view! {
        <Page title=name>
            <p class="lead">{glance}</p>
            {archived.then(|| view! {
                <p class="note">"Archived: hidden from the class, with all their work kept. You can restore them from My class."</p>
            })}
            <work::HelpSection student first=first.clone()/>
            <section class="card ts-section" aria-labelledby="ts-targets">
                <h2 id="ts-targets">"Learning targets"</h2>
                <Show when=no_targets>
                    <p>"The class has no learning targets yet. Add them on My class."</p>
                </Show>
                <Show when=move || !no_targets()>
                    <ScaleWords scale first=first.clone()/>
                </Show>
                <For each=move || target_lines.get() key=|t| t.clone() let:t>
                    <rating::TargetRating student first=first_for_targets.clone() target=t scale/>
                </For>
            </section>
            <work::GoalsSection student threads/>
            <work::EvidenceSection student threads/>
            <work::PathSection student/>
        </Page>
    }
}

/// The class's mastery scale in words, so a rating always says what it means.
#[component]
fn ScaleWords(scale: Memo<MasteryScale>, first: String) -> impl IntoView {
    view! {
        <details class="ts-scale">
            <summary>{move || format!("The {} scale, in words", scale.with(|s| s.name.clone()))}</summary>
            <dl>
                {move || scale.with(|s| s.levels.iter().map(|l| view! {
                    <dt>{l.label.clone()}</dt>
                    <dd>{l.words.clone()}</dd>
                }).collect_view())}
            </dl>
            <p class="note">{format!("{first}'s view and yours stay side by side, never averaged. A difference is a good thing to talk about.")}</p>
        </details>
    }
}
