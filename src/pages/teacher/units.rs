//! Units as choice boards: activities (must-do / may-do, ways in, readiness tiers,
//! assigned to the class, a group or one student), the product-format menu, dates.
//!
//! This file holds the list of units (new, duplicate, open or hide, delete when no
//! student has started it) and the helpers both
//! pages share. The parts live in `units/`: `board` (one unit's page), `activity` (the
//! activity form and row), `formats` (the product-format menu), `groups` (the teacher's
//! groups) and `words` (sentences, tested on the host).

mod activity;
mod board;
mod formats;
mod groups;
mod words;

pub use board::UnitPage;

use leptos::prelude::*;

use crate::components::{focus_later, Feedback, FeedbackLines, Link, Page};
use crate::domain::pathway::students_with_path_in;
use crate::domain::{Assignment, Ctx, DomainError, Id, Record, Unit};
use crate::state::{teacher_ctx, use_records, use_router, RecordsState, TeacherView};

use words::{activities_count, assignment_label, assignment_options, dates_text, sentence};

/// Runs one rule on a copy of the unit and saves it. `Ok` is the sentence to show; an
/// error comes back as a sentence and nothing is saved.
pub(crate) fn change_unit(
    records: RecordsState,
    unit: Id,
    rule: impl FnOnce(&mut Unit, &Ctx) -> Result<String, DomainError>,
) -> Result<String, String> {
    records.change(unit, &teacher_ctx(records), rule)
}

/// The unit, while it exists.
pub(crate) type UnitMemo = Memo<Option<Unit>>;

/// The "For whom" choices of this class.
pub(crate) fn for_whom_options(
    records: RecordsState,
    current: impl Fn() -> Assignment + Send + Sync + 'static,
) -> Memo<Vec<(String, String)>> {
    Memo::new(move |_| {
        let c = current();
        records
            .data
            .with(|d| assignment_options(c, &d.groups, &d.students))
    })
}

/// One unit as the list shows it.
#[derive(Clone, Debug, PartialEq)]
struct UnitRow {
    id: Id,
    title: String,
    dates: String,
    activities: String,
    for_whom: String,
    hidden: bool,
}

/// Live units, newest start first, then by title.
fn unit_rows(records: RecordsState) -> Vec<UnitRow> {
    records.data.with(|d| {
        let mut v: Vec<&Unit> = d.units.iter().filter(|u| !u.meta.deleted).collect();
        v.sort_by(|a, b| {
            b.start
                .cmp(&a.start)
                .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
        });
        v.into_iter()
            .map(|u| UnitRow {
                id: u.meta.id,
                title: u.title.clone(),
                dates: dates_text(u.start, u.end),
                activities: activities_count(u.activities.len()),
                for_whom: assignment_label(u.assign, &d.groups, &d.students),
                hidden: u.hidden,
            })
            .collect()
    })
}

/// Every unit of the class, "New unit", and the teacher's groups.
#[component]
pub fn UnitsPage() -> impl IntoView {
    view! {
        <Page title="Units">
            <p class="lead">"A unit is a choice board: activities toward your learning targets, must-dos for everyone and may-dos students choose, with the ways in and the formats you offer."</p>
            <UnitList/>
            <groups::Groups/>
        </Page>
    }
}

/// The list of units with open/hide and duplicate, then the "New unit" form.
#[component]
fn UnitList() -> impl IntoView {
    let records = use_records();
    let router = use_router();
    let feedback = Feedback::default();
    let (title, set_title) = signal(String::new());
    let (description, set_description) = signal(String::new());
    let form_feedback = Feedback::default();
    let rows = Memo::new(move |_| unit_rows(records));
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ctx = teacher_ctx(records);
        let made = Unit::new(Id::new_v4(), &title.get_untracked(), &ctx).and_then(|mut u| {
            let d = description.get_untracked();
            if !d.trim().is_empty() {
                let t = u.title.clone();
                u.edit(&t, &d, &ctx)?;
            }
            Ok(u)
        });
        match made {
            Err(e) => {
                form_feedback.show(Err(sentence(e)));
                focus_later("unit-title");
            }
            Ok(u) => {
                let id = u.meta.id;
                match records.save(u) {
                    Err(e) => form_feedback.show(Err(e.to_string())),
                    Ok(()) => {
                        set_title.set(String::new());
                        set_description.set(String::new());
                        router.navigate(&TeacherView::Unit(id).path());
                    }
                }
            }
        }
    };
    let toggle_open = move |id: Id, hidden: bool| {
        feedback.show(change_unit(records, id, |u, ctx| {
            u.set_hidden(!hidden, ctx)?;
            Ok(if hidden {
                format!("\u{201c}{}\u{201d} is open to students.", u.title)
            } else {
                format!(
                    "\u{201c}{}\u{201d} is hidden from students. Nothing on it is lost.",
                    u.title
                )
            })
        }));
    };
    let duplicate = move |id: Id| {
        let Some(u) = records.data.with_untracked(|d| d.get::<Unit>(id).cloned()) else {
            return;
        };
        let result = u
            .duplicate(Id::new_v4(), Id::new_v4, &teacher_ctx(records))
            .map_err(sentence)
            .and_then(|copy| {
                let said = format!(
                    "Made a copy: \u{201c}{}\u{201d}. It is hidden from students until you open it.",
                    copy.title
                );
                records.save(copy).map_err(|e| e.to_string()).map(|()| said)
            });
        feedback.show(result);
    };
    // The unit whose delete is being confirmed (one at a time).
    let confirming = RwSignal::new(None::<Id>);
    let delete = move |id: Id| {
        confirming.set(None);
        let Some(mut u) = records.data.with_untracked(|d| d.get::<Unit>(id).cloned()) else {
            return;
        };
        let started = records
            .data
            .with_untracked(|d| students_with_path_in(&d.pathways, id));
        if started > 0 {
            feedback.show(Err(started_words(&u.title, started)));
            return;
        }
        let said = format!("Deleted \u{201c}{}\u{201d}.", u.title);
        u.tombstone(&teacher_ctx(records));
        feedback.show(records.save(u).map_err(|e| e.to_string()).map(|()| said));
        focus_later("units-heading");
    };
    let empty = move || rows.with(Vec::is_empty);
    view! {
        <section class="card" aria-labelledby="units-heading">
            <h2 id="units-heading" tabindex="-1">"Your units"</h2>
            <FeedbackLines feedback/>
            <Show when=empty>
                <p class="note">"No units yet. Make your first one below: give it a title, then add activities."</p>
            </Show>
            <ul class="unit-list">
                <For each=move || rows.get() key=|r| r.id let:row>
                    {
                        let id = row.id;
                        let r = Memo::new(move |_| rows.with(|v| v.iter().find(|x| x.id == id).cloned()));
                        let field = move |f: fn(&UnitRow) -> String| move || r.with(|r| r.as_ref().map(f).unwrap_or_default());
                        let hidden = move || r.with(|r| r.as_ref().is_some_and(|r| r.hidden));
                        let title = field(|r| r.title.clone());
                        view! {
                            <li class="unit-row" class:unit-hidden=hidden>
                                <div class="unit-summary">
                                    <h3 class="unit-title" dir="auto">
                                        <Link to=TeacherView::Unit(id).path()>{title}</Link>
                                    </h3>
                                    <p class="unit-facts">
                                        <span>{field(|r| r.dates.clone())}</span>
                                        <span>{field(|r| r.activities.clone())}</span>
                                        <span dir="auto">{field(|r| format!("For: {}", r.for_whom))}</span>
                                    </p>
                                    <p class="unit-state">
                                        {move || if hidden() {
                                            view! { <span class="tag tag-hidden">"Hidden from students"</span> }.into_any()
                                        } else {
                                            view! { <span class="tag tag-open">"Open to students"</span> }.into_any()
                                        }}
                                    </p>
                                </div>
                                <div class="unit-actions">
                                    <button type="button" class="button button-quiet button-small"
                                        aria-label=move || format!("{}: {}", if hidden() { "Open to students" } else { "Hide from students" }, title())
                                        on:click=move |_| toggle_open(id, hidden())>
                                        {move || if hidden() { "Open to students" } else { "Hide from students" }}
                                    </button>
                                    <button type="button" class="button button-quiet button-small"
                                        aria-label=move || format!("Duplicate: {}", title())
                                        on:click=move |_| duplicate(id)>
                                        "Duplicate"
                                    </button>
                                    <button type="button" class="button button-quiet button-small"
                                        aria-label=move || format!("Delete: {}", title())
                                        aria-expanded=move || (confirming.get() == Some(id)).to_string()
                                        on:click=move |_| confirming.set(Some(id))>
                                        "Delete"
                                    </button>
                                </div>
                                <Show when=move || confirming.get() == Some(id)>
                                    {move || {
                                        let started = records.data.with(|d| students_with_path_in(&d.pathways, id));
                                        let activities = field(|r| r.activities.clone())();
                                        view! {
                                            <div class="confirm" role="group" aria-label=format!("Delete {}?", title())>
                                                {if started > 0 {
                                                    view! {
                                                        <p class="warning">{started_words(&title(), started)}</p>
                                                        <button type="button" class="button" on:click=move |_| { confirming.set(None); toggle_open(id, false); }>
                                                            {format!("Hide {} instead", title())}
                                                        </button>
                                                    }.into_any()
                                                } else {
                                                    view! {
                                                        <p class="warning">{format!("This removes \u{201c}{}\u{201d} and its choice board ({activities}) from this device. No student has started it yet.", title())}</p>
                                                        <button type="button" class="button button-danger" on:click=move |_| delete(id)>
                                                            {format!("Yes, delete {}", title())}
                                                        </button>
                                                    }.into_any()
                                                }}
                                                <button type="button" class="button button-quiet" on:click=move |_| confirming.set(None)>"Keep it"</button>
                                            </div>
                                        }
                                    }}
                                </Show>
                            </li>
                        }
                    }
                </For>
            </ul>
            <form class="new-unit" on:submit=create novalidate>
                <h3>"New unit"</h3>
                <FeedbackLines feedback=form_feedback/>
                <div class="field">
                    <label for="unit-title">"Unit title"</label>
                    <input id="unit-title" type="text" autocomplete="off" dir="auto"
                        placeholder="Short stories: finding the main idea"
                        prop:value=title on:input=move |ev| set_title.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="unit-description">"Description for students (optional)"</label>
                    <textarea id="unit-description" rows="3" dir="auto"
                        prop:value=description on:input=move |ev| set_description.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button">"Create unit"</button>
            </form>
        </section>
    }
}

/// Why a unit students have started cannot be deleted, and what to do instead.
fn started_words(title: &str, students: usize) -> String {
    let who = if students == 1 {
        "1 student has".to_string()
    } else {
        format!("{students} students have")
    };
    format!(
        "{who} started a path in \u{201c}{title}\u{201d}, so it can't be deleted: their path and notes would go with it. Hide it from students instead; nothing is lost."
    )
}
