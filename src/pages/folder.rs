//! "Class folder": choose the folder the school already syncs, see when this device last
//! synced and, on the teacher's device, which students' devices have and have not.
//! Open to everyone on the device: a student chooses it on a wiped Chromebook to get
//! their work back, and what any file may change is decided by `domain::authority`.

use leptos::prelude::*;

use crate::components::{kind_words, refusal_lines, sync_words, Link, Page, MAX_REFUSALS_LISTED};
use crate::domain::authority::Refusal;
use crate::domain::dashboard::ago_words;
use crate::domain::{ClassData, Id, ReviewState, StudentProfile, Timestamp};
use crate::pages::teacher::teacher_may_enter;
use crate::state::folder::{use_folder, FolderState, RefusedFrom, SeenFile, Status};
use crate::state::{now, use_app_shell, use_records, use_session};
use crate::storage::folder::{self, Who};

mod key_card;
use key_card::KeyCard;

/// A device not heard from for longer than this is named on the teacher's device.
const QUIET_MS: i64 = 24 * 3_600_000;

/// The class folder page.
#[component]
pub fn FolderPage() -> impl IntoView {
    view! {
        <Page title="Class folder">
            <p class="lead">
                "A class folder moves the class's work between its devices by itself. "
                "Each device keeps its own file in a folder your school already syncs, such as a shared Google Drive folder, "
                "and reads the others' files. Nothing goes anywhere else."
            </p>
            {match use_folder() {
                Some(folder) => view! { <FolderPanel folder/> }.into_any(),
                None => view! { <p>"The class folder isn't ready on this page."</p> }.into_any(),
            }}
        </Page>
    }
}

#[component]
fn FolderPanel(folder: FolderState) -> impl IntoView {
    let shell = use_app_shell();
    // A sync sets the status every time, mostly to what it was: only a real change
    // redraws the cards (and their fields, which would otherwise lose what is typed).
    let status = Memo::new(move |_| folder.status.get());
    let status = move || status.get();
    let chosen = Memo::new(move |_| folder.dir_chosen());
    let name = move || folder.name.get();
    let body = move || {
        match status() {
        Status::Unavailable => view! {
            <p>"The class folder isn't available in this browser. It needs Chrome or Edge on a Chromebook or a computer."</p>
            <p>"You can still move work between devices with a file: see "<Link to="/data">"Your data"</Link>"."</p>
        }
        .into_any(),
        Status::Starting => view! { <p>"Looking for the class folder…"</p> }.into_any(),
        Status::NotChosen => view! {
            <p>"Teacher: make a folder in your school's Google Drive, share it with your class, and choose it here. On each student's Chromebook, choose the same folder once."</p>
            <p>"Student: choose the folder your teacher shared with you. If this Chromebook was wiped, your work comes back from it."</p>
            <button type="button" class="button" on:click=move |_| folder.choose()>"Choose the class folder"</button>
        }
        .into_any(),
        Status::NeedsPermission => view! {
            <p>{move || format!("Wayfinder needs your permission again to use the class folder \u{201c}{}\u{201d}. The browser asks after it restarts, unless you chose \u{201c}Allow on every visit\u{201d}.", name())}</p>
            <button type="button" class="button" on:click=move |_| folder.allow_again()>"Allow the class folder"</button>
        }
        .into_any(),
        Status::Gone => view! {
            <p>{move || format!("The class folder \u{201c}{}\u{201d} can't be found: it may have been moved, deleted or not synced to this device yet. Everything is still on this device.", name())}</p>
            <button type="button" class="button" on:click=move |_| folder.choose()>"Choose the class folder again"</button>
        }
        .into_any(),
        Status::Sample => view! {
            <p>"This device shows the sample class, which never goes to a class folder. Remove the sample class on the teacher's page, then come back here."</p>
        }
        .into_any(),
        Status::ReadOnly => view! {
            <p>"This device holds data from a newer version of Wayfinder, so the class folder is paused to keep it safe. Update Wayfinder on this device."</p>
        }
        .into_any(),
        Status::Connected => view! { <Connected folder/> }.into_any(),
    }
    };
    view! {
        <section class="card" aria-labelledby="folder-heading">
            <h2 id="folder-heading">"This device"</h2>
            {body}
            {move || (!shell.online.get() && chosen.get()).then(|| view! {
                <p>"You're offline. Work is kept on this device and in the class folder; your school's sync sends it on when you're back online."</p>
            })}
            {move || folder.problem.get().map(|p| view! { <p class="warning" role="alert">{p}</p> })}
        </section>
        {move || (status() == Status::Connected).then(|| view! { <Confirm folder/> <Devices folder/> <Refused folder/> <KeyCard folder/> })}
        {move || chosen.get().then(|| view! {
            <section class="card" aria-labelledby="folder-stop-heading">
                <h2 id="folder-stop-heading">"Stop using the folder"</h2>
                <p>"This device stops syncing. Its work stays here, and the folder and its files stay as they are."</p>
                <button type="button" class="button button-quiet" on:click=move |_| folder.stop()>"Stop using this folder on this device"</button>
            </section>
        })}
    }
}

/// "Synced 2 minutes ago", with "Sync now".
#[component]
fn Connected(folder: FolderState) -> impl IntoView {
    let line = move || {
        let name = folder.name.get();
        if folder.working.get() {
            return format!("Syncing with \u{201c}{name}\u{201d}…");
        }
        match folder.synced_at.get() {
            Some(at) => format!(
                "Synced with \u{201c}{name}\u{201d} {}.",
                sync_words(at, now())
            ),
            None => format!("Connected to \u{201c}{name}\u{201d}."),
        }
    };
    let conflicts = move || folder.conflicts.get();
    view! {
        <p class="status-line" role="status">{line}</p>
        {move || (conflicts() > 0).then(|| view! {
            <p>{format!("{} record(s) were changed on two devices at once. Both versions are kept; look for them where they belong and keep the one you want.", conflicts())}</p>
        })}
        <button type="button" class="button" on:click=move |_| folder.sync_soon() disabled=move || folder.working.get()>"Sync now"</button>
    }
}

/// On the teacher's device: which students' devices have synced, and who has not for
/// more than a day. On a student's device: when the teacher's device last did.
#[component]
fn Devices(folder: FolderState) -> impl IntoView {
    let records = use_records();
    let view = move || {
        let files = folder.files.get();
        let at = now();
        let unreadable: Vec<String> = files
            .iter()
            .filter_map(|f| f.problem.as_ref().map(|p| format!("{} {p}", f.name)))
            .collect();
        let unreadable = (!unreadable.is_empty()).then(|| {
            view! {
                <p>"Some files in the folder can't be read. Nothing on this device changed for them:"</p>
                <ul class="folder-files">
                    {unreadable.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                </ul>
            }
        });
        if !folder.teacher_device.get() {
            let teacher = files
                .iter()
                .filter(|f| f.who == Some(Who::Teacher))
                .filter_map(|f| f.written)
                .max();
            let line = match teacher {
                Some(t) => format!("Your teacher's device last synced {}.", sync_words(t, at)),
                None => "Nothing from your teacher's device is in the folder yet.".into(),
            };
            let clocks = clock_note(clock_lines(&files, at, |who| {
                matches!(who, Who::Teacher).then(|| "Your teacher's device".to_string())
            }));
            return view! {
                <section class="card" aria-labelledby="devices-heading">
                    <h2 id="devices-heading">"Other devices"</h2>
                    <p>{line}</p>
                    {unreadable}
                    {clocks}
                </section>
            }
            .into_any();
        }
        let students: Vec<StudentProfile> = records.data.with(|d| {
            d.students
                .iter()
                .filter(|s| !s.meta.deleted && !s.archived)
                .cloned()
                .collect()
        });
        let last = |id| {
            files
                .iter()
                .filter(
                    |f| matches!(&f.who, Some(Who::Student { students }) if students.contains(&id)),
                )
                .filter_map(|f| f.written)
                .max()
        };
        let synced = students
            .iter()
            .filter(|s| last(s.meta.id).is_some())
            .count();
        let quiet: Vec<String> = students
            .iter()
            .filter_map(|s| match last(s.meta.id) {
                None => Some(format!("{}: never", s.name)),
                Some(t) if at.0 - t.0 > QUIET_MS => {
                    Some(format!("{}: {}", s.name, ago_words(Some(t), at)))
                }
                Some(_) => None,
            })
            .collect();
        let clocks = clock_note(records.data.with(|d| {
            clock_lines(&files, at, |who| match who {
                Who::Teacher => Some("Your other teacher device".to_string()),
                Who::Student { students } if students.is_empty() => {
                    Some("A device no student has used yet".to_string())
                }
                Who::Student { students } => {
                    let names: Vec<String> = students
                        .iter()
                        .map(|id| {
                            d.get::<StudentProfile>(*id)
                                .map_or_else(|| "a student".to_string(), |s| s.name.clone())
                        })
                        .collect();
                    Some(format!("{}'s device", names.join(" and ")))
                }
            })
        }));
        view! {
            <section class="card" aria-labelledby="devices-heading">
                <h2 id="devices-heading">"Students' devices"</h2>
                <p>{format!("{synced} of {} students have synced through the folder.", students.len())}</p>
                {(!quiet.is_empty()).then(|| view! {
                    <h3>"Not synced in the last day"</h3>
                    <ul class="folder-quiet">
                        {quiet.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                    </ul>
                })}
                {unreadable}
                {clocks}
            </section>
        }
        .into_any()
    };
    view
}

/// Changes from the folder that their authors may not make, listed for the teacher.
#[component]
fn Refused(folder: FolderState) -> impl IntoView {
    let records = use_records();
    move || {
        let refused = folder.refused.get();
        let total: usize = refused.iter().map(|r| r.refused.len()).sum();
        (total > 0).then(|| {
            let lines: Vec<String> = records.data.with(|d| {
                refused
                    .iter()
                    .flat_map(|r: &RefusedFrom| {
                        let name = |id| {
                            d.get::<StudentProfile>(id)
                                .map(|s| s.name.clone())
                                .or_else(|| r.names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()))
                        };
                        refusal_lines(&r.refused, &name, MAX_REFUSALS_LISTED)
                    })
                    .take(MAX_REFUSALS_LISTED)
                    .collect()
            });
            view! {
                <section class="card" aria-labelledby="refused-heading">
                    <h2 id="refused-heading">"Changes not taken"</h2>
                    <p>{format!("{total} change(s) in the folder were left out, because the device that made them may not make them. Nothing on this device changed for them:")}</p>
                    <ul class="refused-list">
                        {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                    </ul>
                    {(total > MAX_REFUSALS_LISTED).then(|| view! { <p>{format!("…and {} more.", total - MAX_REFUSALS_LISTED)}</p> })}
                </section>
            }
        })
    }
}

/// On the teacher's device: decisions made with the teacher PIN at a student's device
/// (approving a goal in a conference), which count once the teacher confirms them here.
#[component]
fn Confirm(folder: FolderState) -> impl IntoView {
    let records = use_records();
    let session = use_session();
    let (message, set_message) = signal(String::new());
    let confirm = move |ids: Vec<Id>| match folder.confirm(&ids) {
        Ok(_) => set_message.set(format!(
            "Confirmed {} decision(s). They go to the class folder sealed by this device.",
            ids.len()
        )),
        Err(e) => set_message.set(format!("Not confirmed: {e}")),
    };
    move || {
        let waiting = folder.waiting.get();
        if waiting.is_empty() || !folder.teacher_device.get() {
            return view! { <p class="status-line" role="status">{message}</p> }.into_any();
        }
        let open = teacher_may_enter(session);
        let all: Vec<Id> = waiting.iter().map(|w| w.refusal.id).collect();
        let items = records.data.with(|d| {
            waiting
                .iter()
                .map(|w| {
                    let name = |id| {
                        d.get::<StudentProfile>(id)
                            .map(|s| s.name.clone())
                            .or_else(|| w.record.get::<StudentProfile>(id).map(|s| s.name.clone()))
                    };
                    let what = decision_words(&w.refusal, &w.record, &name);
                    (w.refusal.id, what)
                })
                .collect::<Vec<_>>()
        });
        view! {
            <section class="card" aria-labelledby="confirm-heading">
                <h2 id="confirm-heading">"Decisions made at students' devices"</h2>
                <p>"These were made with the teacher PIN at a student's device, for example approving a goal in a conference. They count once you confirm them here, on your own device, which seals them for every other device."</p>
                {if open {
                    view! {
                        <ul class="confirm-list">
                            {items.into_iter().map(|(id, what)| {
                                let label = format!("Confirm: {what}");
                                view! {
                                    <li>
                                        <span>{what}</span>
                                        <button type="button" class="button button-quiet" aria-label=label on:click=move |_| confirm(vec![id])>"Confirm"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <button type="button" class="button" on:click=move |_| confirm(all.clone())>"Confirm all"</button>
                    }.into_any()
                } else {
                    view! {
                        <ul class="confirm-list">
                            {items.into_iter().map(|(_, what)| view! { <li>{what}</li> }).collect_view()}
                        </ul>
                        <p>"Unlock the "<Link to="/teacher">"teacher's workspace"</Link>" to confirm them."</p>
                    }.into_any()
                }}
                <p class="status-line" role="status">{message}</p>
            </section>
        }
        .into_any()
    }
}

/// The devices whose files are dated ahead of this device's clock, one line each,
/// each named by `name` (`None`: not named on this device, as a classmate's on a
/// student's).
fn clock_lines(
    files: &[SeenFile],
    at: Timestamp,
    name: impl Fn(&Who) -> Option<String>,
) -> Vec<String> {
    files
        .iter()
        .filter_map(|f| {
            let days = folder::days_ahead(f.written?, at)?;
            let who = name(f.who.as_ref()?)?;
            Some(match days {
                1 => format!("{who}: a day ahead"),
                n => format!("{who}: {n} days ahead"),
            })
        })
        .collect()
}

/// "Clocks that disagree", when any line does.
fn clock_note(lines: Vec<String>) -> Option<impl IntoView> {
    (!lines.is_empty()).then(|| {
        view! {
            <h3>"Clocks that disagree"</h3>
            <p>"These devices date their files ahead of this device's clock, so the times shown for them may be wrong. Their work is merged all the same: Wayfinder never goes by the clock to decide which change wins. If every device is listed, check this device's date and time."</p>
            <ul class="folder-clocks">
                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
        }
    })
}

/// "Ana Diaz's goal: approved", in words.
fn decision_words(r: &Refusal, record: &ClassData, name: &dyn Fn(Id) -> Option<String>) -> String {
    let whose = r.student.and_then(name);
    let goal = record.goals.first().map(|g| {
        let text = g.text().i_will;
        let state = match g.state {
            ReviewState::Approved => "approved",
            ReviewState::ChangesRequested => "changes asked for",
            ReviewState::Achieved => "achieved",
            _ => "reviewed",
        };
        format!("goal {state} (\u{201c}{}\u{201d})", text.trim())
    });
    let what = goal.unwrap_or_else(|| kind_words(r.kind).to_string());
    match whose {
        Some(n) => format!("{n}'s {what}"),
        None => format!("A {what}"),
    }
}
