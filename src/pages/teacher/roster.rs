//! The class roster: add students one at a time or by pasting a list, rename, archive
//! (hidden, data kept) and delete (with a confirmation that says what goes).

use leptos::prelude::*;

use crate::components::{Feedback, FeedbackLines, Link};

use crate::components::NewPinFields;
use crate::components::PicturePasswordSetter;
use crate::domain::pin::check_new_pin;
use crate::domain::{parse_roster, ClassData, Id, Record, StudentProfile};
use crate::i18n::Lang;
use crate::pages::family::letter::FamilyLetter;
use crate::state::{teacher_ctx, use_records, use_session, PinScope, RecordsState, TeacherView};

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
    let session = use_session();
    let pin_panel = RwSignal::new(None::<(Id, PinKind)>);
    let delete = move |id: Id| {
        let name = records
            .data
            .with_untracked(|d| d.get::<StudentProfile>(id).map(|s| s.name.clone()))
            .unwrap_or_default();
        confirming.set(None);
        // Their PINs go with them.
        let pins = session.change_book(|b| {
            PinScope::Student(id).set(b, None);
            PinScope::Family(id).set(b, None);
        });
        let result = delete_student(records, id)
            .and_then(|()| pins.map_err(|e| e.to_string()))
            .map(|()| format!("{name} and their work were deleted."));
        run(result);
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
                        let pin_name = name.clone();
                        let link_name = name.clone();
                        view! {
                            <li class="roster-row" class:archived=archived>
                                <span class="roster-name"><Link to=TeacherView::Student(id).path()>{link_name}</Link>{archived.then_some(" (archived)")}</span>
                                <span class="roster-actions">
                                    <button type="button" class="button button-quiet button-small"
                                        aria-label=format!("{} {label}", if archived { "Restore" } else { "Archive" })
                                        on:click=move |_| set_archived(id, !archived)>
                                        {if archived { "Restore" } else { "Archive" }}
                                    </button>
                                    {(!archived).then(|| {
                                        let for_student = format!("Student PIN for {name}");
                                        let for_family = format!("Family PIN for {name}");
                                        view! {
                                            <button type="button" class="button button-quiet button-small"
                                                aria-label=for_student
                                                aria-expanded=move || (pin_panel.get() == Some((id, PinKind::Student))).to_string()
                                                on:click=move |_| pin_panel.update(|p| *p = toggle(*p, (id, PinKind::Student)))>
                                                "Student PIN"
                                            </button>
                                            <button type="button" class="button button-quiet button-small"
                                                aria-label=for_family
                                                aria-expanded=move || (pin_panel.get() == Some((id, PinKind::Family))).to_string()
                                                on:click=move |_| pin_panel.update(|p| *p = toggle(*p, (id, PinKind::Family)))>
                                                "Family PIN"
                                            </button>
                                        }
                                    })}
                                    <button type="button" class="button button-quiet button-small"
                                        aria-label=format!("Delete {name}")
                                        on:click=move |_| confirming.set(Some(id))>
                                        "Delete"
                                    </button>
                                </span>
                                {move || pin_panel.get().filter(|(p, _)| *p == id).map(|(_, kind)| {
                                    view! { <PinPanel id kind name=pin_name.clone() close=move || pin_panel.set(None)/> }
                                })}
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

/// Which of a student's two PINs a panel sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PinKind {
    /// The student's own (optional) PIN.
    Student,
    /// The PIN the family types to see the family view.
    Family,
}

fn toggle(open: Option<(Id, PinKind)>, clicked: (Id, PinKind)) -> Option<(Id, PinKind)> {
    (open != Some(clicked)).then_some(clicked)
}

/// Sets (or, for a student, removes) one PIN of one student.
#[component]
fn PinPanel(
    id: Id,
    kind: PinKind,
    name: String,
    close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let pin = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let feedback = Feedback::default();
    let (busy, set_busy) = signal(false);
    let scope = match kind {
        PinKind::Student => PinScope::Student(id),
        PinKind::Family => PinScope::Family(id),
    };
    let (label, button, what) = match kind {
        PinKind::Student => ("Student PIN", "Set student PIN", "their own PIN"),
        PinKind::Family => ("Family PIN", "Set family PIN", "the family PIN"),
    };
    let is_set = move || match kind {
        PinKind::Student => session.student_has_pin(id),
        PinKind::Family => session.family_has_pin(id),
    };
    let first = name.split_whitespace().next().unwrap_or(&name).to_string();
    let done = match kind {
        PinKind::Student => format!("{first}'s student PIN is set. Give it to them on paper."),
        PinKind::Family => format!("{first}'s family PIN is set. Give it to the family on paper."),
    };
    // The family PIN just set (never stored) and the letter being shown, if any.
    let letter_pin = RwSignal::new(None::<String>);
    let letter = RwSignal::new(None::<Lang>);
    let set = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = pin.get_untracked();
        if let Err(p) = check_new_pin(&typed, &again.get_untracked()) {
            return feedback.show(Err(p.message()));
        }
        set_busy.set(true);
        let done = done.clone();
        leptos::task::spawn_local(async move {
            let result = session.set_pin(scope, &typed).await;
            set_busy.set(false);
            if result.is_ok() {
                pin.set(String::new());
                again.set(String::new());
                if kind == PinKind::Family {
                    // Kept only while this panel is open, for the family letter.
                    letter_pin.set(Some(typed));
                    letter.set(None);
                }
            }
            feedback.show(result.map(|()| done));
        });
    };
    let pictures = move || kind == PinKind::Student && session.student_has_pictures(id);
    let first_for_letter = first.clone();
    let picture_done =
        format!("{first}'s picture password is set. Show them their 3 pictures, in order.");
    let picture_note = format!("Instead of numbers, {first} chooses 3 pictures in the same order each time. Good for children who don't read numbers easily yet.");
    let remove = move |_| {
        let what = if pictures() {
            "picture password"
        } else {
            "student PIN"
        };
        let result = session
            .change_book(|b| scope.set(b, None))
            .map_err(|e| e.to_string())
            .map(|()| format!("The {what} is removed: choosing the name opens their pages."));
        feedback.show(result);
    };
    let state = move || {
        if pictures() {
            format!("{first} has a picture password. Setting a new PIN or picture password replaces it.")
        } else if kind == PinKind::Student && is_set() {
            format!("{first} has {what}. Setting a new PIN or picture password replaces it.")
        } else if is_set() {
            format!("{first} has {what}. Setting a new one replaces it.")
        } else {
            match kind {
                PinKind::Student => format!("{first} has no PIN: choosing the name opens their pages. A PIN is optional."),
                PinKind::Family => format!("No family PIN yet: {first}'s family can't open the family view until you set one."),
            }
        }
    };
    let group = format!("{label} for {name}");
    view! {
        <div class="confirm pin-panel" role="group" aria-label=group>
            <p>{state}</p>
            <form on:submit=set novalidate>
                <NewPinFields pin again id=format!("pin-{}", id) label=label/>
                <div class="actions">
                    <button type="submit" class="button" disabled=busy>{button}</button>
                    {move || (kind == PinKind::Student && is_set()).then(|| view! {
                        <button type="button" class="button button-quiet" on:click=remove>
                            {if pictures() { "Remove picture password" } else { "Remove student PIN" }}
                        </button>
                    })}
                    <button type="button" class="button button-quiet" on:click=move |_| close()>"Close"</button>
                </div>
            </form>
            <FeedbackLines feedback/>
            {move || letter_pin.get().map(|typed| view! {
                <LetterOffer first=first_for_letter.clone() pin=typed letter/>
            })}
            {(kind == PinKind::Student).then(|| {
                let label = format!("Picture password for {name}");
                view! {
                    <div class="picture-choice">
                        <p><strong>"Or a picture password"</strong></p>
                        <p class="note">{picture_note}</p>
                        <PicturePasswordSetter scope label done=picture_done/>
                    </div>
                }
            })}
        </div>
    }
}

/// Right after a family PIN is set: print a letter for the family with the PIN, in
/// English or Spanish. The PIN is only in memory while the panel is open.
#[component]
fn LetterOffer(first: String, pin: String, letter: RwSignal<Option<Lang>>) -> impl IntoView {
    let print = move |lang: Lang| {
        letter.set(Some(lang));
        // Print once the letter is on the page.
        set_timeout(
            || {
                let _ = window().print();
            },
            std::time::Duration::from_millis(150),
        );
    };
    let english = format!("Print a letter for {first}'s family");
    let name = first.clone();
    view! {
        <div class="letter-offer">
            <p>{format!("Print a one-page letter that tells {first}'s family what Wayfinder is and how to open the family view, with this PIN.")}</p>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| print(Lang::En)>{english}</button>
                <button type="button" class="button button-quiet" lang="es" on:click=move |_| print(Lang::Es)>
                    "Imprimir la carta en español"
                </button>
            </div>
            <p class="note">"Wayfinder never keeps the PIN itself: once you close this panel, the letter can only be printed again by setting a new family PIN."</p>
            {move || letter.get().map(|lang| view! {
                <FamilyLetter name=name.clone() pin=pin.clone() lang/>
            })}
        </div>
    }
}
