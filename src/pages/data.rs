//! "Your data on this device": storage use, backups and exports, importing a file, and
//! recovering from data that could not be read or saved.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::{
    names_from, refusal_lines, refused_words, Link, Page, MAX_REFUSALS_LISTED,
};
use crate::domain::words::with_commas;
use crate::domain::{ClassData, ClassMerge, Id, ImportSummary, Timestamp};
use crate::pages::teacher::{teacher_may_enter, TeacherLock};
use crate::state::files::{download_text, read_file, FileError};
use crate::state::seals::{checked_preview, seal_teacher_decisions};
use crate::state::{now, today, use_records, use_session, use_storage};
use crate::storage::exchange::{self, Scope, MAX_IMPORT_BYTES};
use crate::storage::records::save_meta;
use crate::storage::{Key, QUOTA_UNITS};

fn today_iso() -> String {
    today().to_iso()
}

/// The data page.
#[component]
pub fn DataPage() -> impl IntoView {
    let session = use_session();
    let open = Memo::new(move |_| teacher_may_enter(session));
    move || {
        if open.get() {
            view! { <DataPageOpen/> }.into_any()
        } else {
            view! { <TeacherLock title="Your data on this device"/> }.into_any()
        }
    }
}

/// Backups, import, space and recovery: the teacher's (or, before a teacher PIN is
/// set, anyone's on this device).
#[component]
fn DataPageOpen() -> impl IntoView {
    view! {
        <Page title="Your data on this device">
            <p class="lead">
                "Everything in Wayfinder is kept in this browser, on this device. Nothing is sent anywhere. "
                "A backup file, and the class folder if you choose one, are the only copies that leave it."
            </p>
            <p><Link to="/folder">"Class folder"</Link>": the class's work moves between its devices by itself."</p>
            <UnsavedChanges/>
            <Recovery/>
            <StorageUse/>
            <Backups/>
            <Import/>
            <RemoveEverything/>
        </Page>
    }
}

/// How much of the browser's space Wayfinder uses, with a warning from 80 %.
#[component]
fn StorageUse() -> impl IntoView {
    let records = use_records();
    let usage = move || records.space.get();
    view! {
        <section class="card" aria-labelledby="space-heading">
            <h2 id="space-heading">"Storage space"</h2>
            {move || match usage() {
                None => view! { <p>"This browser isn't letting Wayfinder store anything, so nothing can be saved."</p> }.into_any(),
                Some(u) => {
                    let pct = u.percent();
                    view! {
                        <p>
                            {format!("Wayfinder is using {pct}% of the space this browser gives it ")}
                            {format!("({} of {} characters).", with_commas(u.units), with_commas(QUOTA_UNITS))}
                        </p>
                        <div class="meter" aria-hidden="true">
                            <div class=move || format!("meter-fill meter-{}", (pct.min(100) / 10) * 10)></div>
                        </div>
                        {u.is_nearly_full().then(|| view! {
                            <p class="warning">
                                "Space is running low. Download a full backup, then remove work you no longer need, so new changes can still be saved."
                            </p>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Changes that could not be saved (storage full), with "Try saving again".
#[component]
fn UnsavedChanges() -> impl IntoView {
    let records = use_records();
    let count = move || records.unsaved.with(ClassData::len);
    let (message, set_message) = signal(String::new());
    let retry = move |_| match records.retry_unsaved() {
        Ok(()) => set_message.set("Saved. Everything is stored on this device again.".into()),
        Err(e) => set_message.set(format!("Still not saved: {e}")),
    };
    let has_unsaved = move || count() > 0;
    view! {
        <Show when=has_unsaved>
            <section class="card card-warning" aria-labelledby="unsaved-heading">
                <h2 id="unsaved-heading">"Changes not saved yet"</h2>
                <p>
                    {move || format!("{} change(s) could not be saved because this browser's storage is full. ", count())}
                    "They are still on screen. Download a backup, free some space, then try again."
                </p>
                <button type="button" class="button" on:click=retry>"Try saving again"</button>
            </section>
        </Show>
        <p class="status-line" role="status">{message}</p>
    }
}

/// Data that could not be read: download it as stored; remove it only when asked.
#[component]
fn Recovery() -> impl IntoView {
    let storage = use_storage();
    let records = use_records();
    // Unreadable records, plus the preferences if they could not be read.
    let bad = move || {
        let mut list: Vec<(String, String, String)> = records
            .unreadable
            .get()
            .into_iter()
            .map(|u| (u.key, u.raw, u.reason))
            .collect();
        storage.problems.with(|p| {
            for e in p {
                if let crate::storage::StorageError::Unreadable { key, raw, reason } = e {
                    if *key == Key::Prefs.name() {
                        list.push((key.clone(), raw.clone(), reason.clone()));
                    }
                }
            }
        });
        list
    };
    let (confirming, set_confirming) = signal(false);
    let (message, set_message) = signal(String::new());
    let download = move |_| {
        let items: Vec<(String, String)> = bad().into_iter().map(|(k, raw, _)| (k, raw)).collect();
        let text = serde_json::to_string_pretty(&items).unwrap_or_default();
        match download_text(
            &format!("wayfinder-unreadable-{}.json", today_iso()),
            "application/json",
            &text,
        ) {
            Ok(()) => {
                set_message.set("Downloaded. The data is still kept on this device too.".into())
            }
            Err(e) => set_message.set(e),
        }
    };
    let discard = move |_| {
        let keys: Vec<String> = bad().into_iter().map(|(k, _, _)| k).collect();
        let mut failed = 0;
        storage.with_store(|s| {
            for k in &keys {
                if s.discard(k).is_err() {
                    failed += 1;
                }
            }
        });
        storage.problems.update(|p| p.retain(|e| !e.keeps_data()));
        set_confirming.set(false);
        records.reload();
        set_message.set(if failed == 0 {
            format!(
                "Removed {} unreadable item(s). Everything else is as it was.",
                keys.len()
            )
        } else {
            format!("{failed} item(s) could not be removed.")
        });
    };
    view! {
        <Show when=move || !bad().is_empty()>
            <section class="card card-warning" aria-labelledby="recovery-heading">
                <h2 id="recovery-heading">"Data that couldn't be read"</h2>
                <p>
                    "Some saved data couldn't be read. It has been kept exactly as it was, and Wayfinder will not write over it. "
                    "Download it to keep a copy (someone technical may be able to rescue it). Remove it only if you are sure."
                </p>
                <ul class="plain-list">
                    {move || bad().into_iter().map(|(key, raw, reason)| view! {
                        <li><code>{key}</code>{format!(" ({} characters): {reason}", raw.chars().count())}</li>
                    }).collect_view()}
                </ul>
                <div class="actions">
                    <button type="button" class="button" on:click=download>"Download it as it is stored"</button>
                    <Show
                        when=move || confirming.get()
                        fallback=move || view! {
                            <button type="button" class="button button-quiet" on:click=move |_| set_confirming.set(true)>
                                "Remove it and start fresh"
                            </button>
                        }
                    >
                        <p class="warning">{move || format!("This removes {} unreadable item(s) from this device for good. Everything else stays.", bad().len())}</p>
                        <button type="button" class="button button-danger" on:click=discard>"Yes, remove it"</button>
                        <button type="button" class="button button-quiet" on:click=move |_| set_confirming.set(false)>"Keep it"</button>
                    </Show>
                </div>
            </section>
        </Show>
        <p class="status-line" role="status">{message}</p>
    }
}

/// Export in three scopes.
#[component]
fn Backups() -> impl IntoView {
    let records = use_records();
    let storage = use_storage();
    let (message, set_message) = signal(String::new());
    let (student, set_student) = signal(String::new());
    let export = move |scope: Scope| {
        spawn_local(async move {
            // On the teacher's device, the teacher's decisions leave it sealed. A seal that
            // can't be made (storage full) leaves them unsealed: other devices then list
            // them as unsealed, and nothing is lost here. Nothing is written while the
            // data is read-only (newer, or removed in another tab and not put back yet).
            let writable = records.read_only.with_untracked(Option::is_none);
            if writable {
                if let Err(e) = seal_teacher_decisions(records).await {
                    set_message.set(format!("Your decisions could not be sealed: {e}"));
                }
            }
            let text = records
                .data
                .with_untracked(|d| exchange::export(d, scope, now()));
            match download_text(&scope.file_name(&today_iso()), "application/json", &text) {
                Ok(()) => {
                    if scope == Scope::All && writable {
                        records.meta.update(|m| m.last_backup = Some(now().0));
                        let meta = records.meta.get_untracked();
                        if let Some(Err(e)) = storage.with_store(|s| save_meta(s.backend(), &meta))
                        {
                            storage.report(e);
                        }
                    }
                    set_message.set(format!("Downloaded {}.", scope.file_name(&today_iso())));
                }
                Err(e) => set_message.set(e),
            }
        });
    };
    let students = move || {
        records.data.with(|d| {
            d.active_students()
                .into_iter()
                .map(|s| (s.meta.id.to_string(), s.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let last_backup = move || match records.meta.with(|m| m.last_backup) {
        None => "No backup has been downloaded on this device yet.".to_string(),
        Some(ms) => {
            let days = Timestamp(ms).days_until(now());
            match days {
                0 => "Last backup: today.".into(),
                1 => "Last backup: yesterday.".into(),
                n => format!("Last backup: {n} days ago."),
            }
        }
    };
    let export_student = move |_| match Id::parse(&student.get_untracked()) {
        Ok(id) => export(Scope::Student(id)),
        Err(_) => set_message.set("Choose a student first.".into()),
    };
    view! {
        <section class="card" aria-labelledby="backup-heading">
            <h2 id="backup-heading">"Back up and share"</h2>
            <p>{last_backup}</p>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| export(Scope::All)>"Download a full backup"</button>
                <button type="button" class="button button-quiet" on:click=move |_| export(Scope::Setup)>"Download the class setup"</button>
            </div>
            <p class="note">"The class setup has the targets, units and names, but no student work: use it to set up students' own devices."</p>
            <div class="field-row">
                <div class="field">
                    <label for="export-student">"Student"</label>
                    <select id="export-student" on:change=move |ev| set_student.set(event_target_value(&ev))>
                        <option value="">"Choose a student"</option>
                        {move || students().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <button type="button" class="button button-quiet" on:click=export_student>"Download this student's work"</button>
            </div>
            <p class="status-line" role="status">{message}</p>
        </section>
    }
}

/// Words for an import preview.
fn describe(s: &ImportSummary) -> String {
    if s.changes_nothing() && s.refused > 0 {
        return format!(
            "Nothing in this file can be imported: the rest of it is already on this device ({} records).",
            s.unchanged
        );
    }
    if s.changes_nothing() {
        return format!("Everything in this file is already on this device ({} records). Importing it would change nothing.", s.unchanged);
    }
    let mut parts = vec![format!("{} new", s.new), format!("{} updated", s.updated)];
    if s.conflicts > 0 {
        parts.push(format!(
            "{} changed in both places (both versions will be kept)",
            s.conflicts
        ));
    }
    if s.deleted > 0 {
        parts.push(format!("{} deleted", s.deleted));
    }
    parts.push(format!("{} unchanged", s.unchanged));
    format!("This file has {}.", parts.join(", "))
}

/// Why an import was not written, and what to do. Storage is as it was before.
fn no_room(e: crate::storage::StorageError) -> String {
    use crate::storage::StorageError;
    match e {
        StorageError::NoRoom { .. } => format!(
            "{e} Download a full backup, then remove work you no longer need (or import one student's work at a time), and try again."
        ),
        StorageError::QuotaExceeded => "This browser's storage for Wayfinder became full during the import, so none of it was kept. Nothing was changed. Download a full backup, then remove work you no longer need, and try again.".into(),
        other => format!("The import could not be saved: {other}"),
    }
}

/// Choose a file, see what it would change, then confirm.
#[component]
fn Import() -> impl IntoView {
    let records = use_records();
    let (error, set_error) = signal(String::new());
    let (message, set_message) = signal(String::new());
    let pending = RwSignal::new(None::<ClassMerge>);
    // Lines for the changes this file may not make, shown with the preview.
    let refused = RwSignal::new(Vec::<String>::new());
    let refused_count = RwSignal::new(0usize);
    let on_file = move |ev: leptos::ev::Event| {
        set_error.set(String::new());
        set_message.set(String::new());
        pending.set(None);
        refused.set(Vec::new());
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else { return };
        if let Some(e) = records.read_only.get_untracked() {
            set_error.set(format!(
                "{e} Importing is turned off so nothing on this device is overwritten. Nothing was changed."
            ));
            return;
        }
        spawn_local(async move {
            let bytes = match read_file(file, MAX_IMPORT_BYTES).await {
                Ok(b) => b,
                Err(FileError::TooBig(n)) => {
                    set_error
                        .set(exchange::ImportError::TooBig(n.div_ceil(1024 * 1024)).to_string());
                    return;
                }
                Err(FileError::Unreadable) => {
                    set_error
                        .set("The browser couldn't read that file. Nothing was changed.".into());
                    return;
                }
            };
            let incoming = match exchange::parse(&bytes) {
                Ok(d) => d,
                Err(e) => {
                    set_error.set(e.to_string());
                    return;
                }
            };
            let source = exchange::source_of(&bytes, &incoming);
            match checked_preview(records, &incoming, source).await {
                // Refused up front when it cannot fit: nothing is half written.
                Ok((merge, no)) => match records.check_room_for(&merge.changed) {
                    Ok(()) => {
                        refused_count.set(no.len());
                        refused.set(records.data.with_untracked(|d| {
                            refusal_lines(&no, &names_from(d, &incoming), MAX_REFUSALS_LISTED)
                        }));
                        pending.set(Some(merge));
                    }
                    Err(e) => set_error.set(no_room(e)),
                },
                Err(e) => set_error.set(e.to_string()),
            }
        });
    };
    let confirm = move |_| {
        let Some(merge) = pending.get_untracked() else {
            return;
        };
        if records.read_only.get_untracked().is_some() {
            pending.set(None);
            set_error.set("Importing is turned off while this device holds data from a newer version. Nothing was changed.".into());
            return;
        }
        pending.set(None);
        match records.write_all(&merge.changed) {
            Ok(n) => set_message.set(format!("Imported. {n} record(s) were added or updated.")),
            Err(e) => set_error.set(no_room(e)),
        }
    };
    view! {
        <section class="card" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import a file"</h2>
            <p>"Bring in a backup or work exported from another device. You'll see what would change before anything is changed."</p>
            <div class="field">
                <label for="import-file">"Choose a Wayfinder file"</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_file/>
            </div>
            <Show when=move || !error.get().is_empty()>
                <p class="error" role="alert">{error}</p>
            </Show>
            {move || pending.get().map(|m| view! {
                <div class="preview" role="status">
                    <p>{describe(&m.summary)}</p>
                    {(m.summary.refused > 0).then(|| view! {
                        <p>{refused_words(refused_count.get_untracked())}</p>
                        <ul class="refused-list">
                            {refused.get_untracked().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                        </ul>
                        {(refused_count.get_untracked() > MAX_REFUSALS_LISTED).then(|| view! {
                            <p>{format!("…and {} more.", refused_count.get_untracked() - MAX_REFUSALS_LISTED)}</p>
                        })}
                    })}
                    {(!m.summary.changes_nothing()).then(|| view! {
                        <div class="actions">
                            <button type="button" class="button" on:click=confirm>"Import these changes"</button>
                            <button type="button" class="button button-quiet" on:click=move |_| pending.set(None)>"Cancel"</button>
                        </div>
                    })}
                </div>
            })}
            <p class="status-line" role="status">{message}</p>
        </section>
    }
}

/// The end of the year: remove every Wayfinder key from this browser, after offering a
/// backup first.
#[component]
fn RemoveEverything() -> impl IntoView {
    let records = use_records();
    let storage = use_storage();
    let session = use_session();
    let router = crate::state::use_router();
    let (confirming, set_confirming) = signal(false);
    let (message, set_message) = signal(String::new());
    let backup_first = move |_| {
        let text = records
            .data
            .with_untracked(|d| exchange::export(d, Scope::All, now()));
        let name = Scope::All.file_name(&today_iso());
        match download_text(&name, "application/json", &text) {
            Ok(()) => set_message.set(format!(
                "Downloaded {name}. Keep it somewhere safe before you remove anything."
            )),
            Err(e) => set_message.set(e),
        }
    };
    let remove = move |_| match storage.with_store(|s| s.remove_all()) {
        Some(Ok(_)) => {
            session.sign_out();
            records.reload();
            session.reload_book();
            set_confirming.set(false);
            router.navigate("/");
        }
        Some(Err(e)) => set_message.set(e.to_string()),
        None => set_message.set("This browser isn't letting Wayfinder use its storage.".into()),
    };
    view! {
        <section class="card" aria-labelledby="remove-all-heading">
            <h2 id="remove-all-heading">"Remove all Wayfinder data from this device"</h2>
            <p>"At the end of the year, or before this device goes to someone else. This removes the class, every student's work, PINs and settings from this browser. Download a full backup first if you may need any of it."</p>
            <div class="actions">
                <button type="button" class="button" on:click=backup_first>"Download a full backup first"</button>
                <Show when=move || !confirming.get()>
                    <button type="button" class="button button-quiet" on:click=move |_| set_confirming.set(true)>"Remove everything…"</button>
                </Show>
            </div>
            <Show when=move || confirming.get()>
                <div class="confirm" role="group" aria-label="Remove everything?">
                    <p class="warning">{move || records.data.with(|d| format!(
                        "This removes {} students and all their goals, paths, evidence and reflections from this browser for good. It can't be undone.",
                        d.active_students().len()
                    ))}</p>
                    <button type="button" class="button button-danger" on:click=remove>"Yes, remove everything"</button>
                    <button type="button" class="button button-quiet" on:click=move |_| set_confirming.set(false)>"Keep it"</button>
                </div>
            </Show>
            <p class="status-line" role="status">{message}</p>
        </section>
    }
}
