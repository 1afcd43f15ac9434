//! The class roster: add students one at a time or by pasting a list, rename, archive
//! (hidden, data kept) and delete (with a confirmation that says what goes).

use leptos::prelude::*;

use crate::components::{Feedback, FeedbackLines};

use super::home::teacher_ctx;
use crate::domain::{parse_roster, ClassData, Id, Record, StudentProfile};
use crate::state::{use_records, RecordsState};

/// Adds students by name; returns the sentence to show.
fn add_students(records: RecordsState, pasted: &str) -> Result<String, String> {
    let existing: Vec<String> = records.data.with_untracked(|d| {
        d.students
            .iter()
            .filter(|s| !s.meta.deleted)
            .map(|s| s.name.clone())
            .collect()
    });
    let existing: Vec<&str> = existing.iter().map(String::as_str).collect();
    let parsed = parse_roster(pasted, &existing);
    let ctx = teacher_ctx(records);
    for name in &parsed.names_to_add {
        let student =
            StudentProfile::new(Id::new_v4(), name, "", &ctx).map_err(|e| e.to_string())?;
        records.save(student).map_err(|e| e.to_string())?;
    }
    Ok(parsed.message())
}

/// How many of `records` are not deleted.
fn live<T: Record>(records: &[T]) -> usize {
    records.iter().filter(|r| !r.is_deleted()).count()
}

/// What deleting a student removes, in words.
fn what_goes(data: &ClassData, student: Id) -> String {
    let theirs = data.for_student(student);
    let count = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let parts: Vec<String> = [
        count(live(&theirs.goals), "goal", "goals"),
        count(live(&theirs.pathways), "path", "paths"),
        count(
            live(&theirs.evidence),
            "piece of evidence",
            "pieces of evidence",
        ),
        count(live(&theirs.reflections), "reflection", "reflections"),
        count(live(&theirs.ratings), "rating", "ratings"),
        count(live(&theirs.comments), "comment", "comments"),
        count(live(&theirs.choices), "product choice", "product choices"),
        count(live(&theirs.help), "help request", "help requests"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "their profile (they have no work saved yet)".into()
    } else {
        format!("their profile and {}", parts.join(", "))
    }
}

/// Turns a student and everything they own into tombstones (so the deletion also
/// reaches other devices through exports).
fn delete_student(records: RecordsState, student: Id) -> Result<(), String> {
    let ctx = teacher_ctx(records);
    let theirs = records.data.with_untracked(|d| d.for_student(student));
    macro_rules! tombstone_kind {
        ($f:ident, $t:ty) => {
            for mut r in theirs.$f.into_iter().filter(|r| !r.is_deleted()) {
                r.tombstone(&ctx);
                records.save(r).map_err(|e| e.to_string())?;
            }
        };
    }
    crate::domain::data::for_each_kind!(tombstone_kind);
    Ok(())
}

/// The roster section of the teacher workspace.
#[component]
pub fn Roster() -> impl IntoView {
    let records = use_records();
    let (one, set_one) = signal(String::new());
    let (pasted, set_pasted) = signal(String::new());
    let feedback = Feedback::default();
    let confirming = RwSignal::new(None::<Id>);
    let students = move || {
        records.data.with(|d| {
            let mut v: Vec<(Id, String, bool)> = d
                .students
                .iter()
                .filter(|s| !s.meta.deleted)
                .map(|s| (s.meta.id, s.name.clone(), s.archived))
                .collect();
            v.sort_by_key(|s| s.1.to_lowercase());
            v
        })
    };
    let run = move |result: Result<String, String>| feedback.show(result);
    let add_one = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = one.get_untracked();
        if name.trim().is_empty() {
            run(Err("Type the student's name first.".into()));
            return;
        }
        let result = add_students(records, &name);
        if result.is_ok() {
            set_one.set(String::new());
        }
        run(result);
    };
    let add_list = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            run(Err("Paste or type some names first, one per line.".into()));
            return;
        }
        let result = add_students(records, &text);
        if result.is_ok() {
            set_pasted.set(String::new());
        }
        run(result);
    };
    let set_archived = move |id: Id, archived: bool| {
        let ctx = teacher_ctx(records);
        let Some(mut s) = records
            .data
            .with_untracked(|d| d.get::<StudentProfile>(id).cloned())
        else {
            return;
        };
        let name = s.name.clone();
        let result = s
            .set_archived(archived, &ctx)
            .map_err(|e| e.to_string())
            .and_then(|()| records.save(s).map_err(|e| e.to_string()))
            .map(|()| {
                if archived {
                    format!("{name} is archived: hidden from the class, with all their work kept.")
                } else {
                    format!("{name} is back in the class.")
                }
            });
        run(result);
    };
    let delete = move |id: Id| {
        let name = records
            .data
            .with_untracked(|d| d.get::<StudentProfile>(id).map(|s| s.name.clone()))
            .unwrap_or_default();
        confirming.set(None);
        run(delete_student(records, id).map(|()| format!("{name} and their work were deleted.")));
    };
    view! {
        <section class="card" aria-labelledby="roster-heading">
            <h2 id="roster-heading">"Students"</h2>
            <FeedbackLines feedback/>
            <ul class="roster">
                <For each=students key=|s| (s.0, s.2) let:s>
                    {
                        let (id, name, archived) = s;
                        let label = name.clone();
                        view! {
                            <li class="roster-row" class:archived=archived>
                                <span class="roster-name">{name.clone()}{archived.then_some(" (archived)")}</span>
                                <span class="roster-actions">
                                    <button type="button" class="button button-quiet button-small"
                                        aria-label=format!("{} {label}", if archived { "Restore" } else { "Archive" })
                                        on:click=move |_| set_archived(id, !archived)>
                                        {if archived { "Restore" } else { "Archive" }}
                                    </button>
                                    <button type="button" class="button button-quiet button-small"
                                        aria-label=format!("Delete {name}")
                                        on:click=move |_| confirming.set(Some(id))>
                                        "Delete"
                                    </button>
                                </span>
                                {move || (confirming.get() == Some(id)).then(|| {
                                    let label = label.clone();
                                    let question = format!("Delete {label}?");
                                    let yes = format!("Yes, delete {label}");
                                    let sentence = move || records.data.with(|d| format!(
                                        "Deleting {label} removes {} from this device. This can't be undone. To keep their work, archive them instead.",
                                        what_goes(d, id)
                                    ));
                                    view! {
                                        <div class="confirm" role="group" aria-label=question>
                                            <p class="warning">{sentence}</p>
                                            <button type="button" class="button button-danger" on:click=move |_| delete(id)>{yes}</button>
                                            <button type="button" class="button button-quiet" on:click=move |_| confirming.set(None)>"Keep"</button>
                                        </div>
                                    }
                                })}
                            </li>
                        }
                    }
                </For>
            </ul>
            <form class="field-row" on:submit=add_one novalidate>
                <div class="field">
                    <label for="student-name">"Student name"</label>
                    <input id="student-name" type="text" autocomplete="off"
                        prop:value=one on:input=move |ev| set_one.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button">"Add student"</button>
            </form>
            <form on:submit=add_list novalidate>
                <div class="field">
                    <label for="student-list">"Or paste a list of names, one per line"</label>
                    <textarea id="student-list" rows="5"
                        prop:value=pasted on:input=move |ev| set_pasted.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button button-quiet">"Add these students"</button>
            </form>
        </section>
    }
}
