//! The teacher's workspace: set up the class, then the roster.

use leptos::prelude::*;

use super::family_pins::FamilyPins;
use super::roster::Roster;
use super::targets::Targets;
use crate::components::{FolderLine, Page};
use crate::domain::sample::demo_class;
use crate::domain::{Class, ClassData, Id, Record};
use crate::state::seals::make_class_key;
use leptos::task::spawn_local;

use super::NewRecoveryCode;
use crate::components::{Feedback, FeedbackLines, Link, NewPinFields};
use crate::domain::pin::{check_new_pin, PinBook};
use crate::state::{now, teacher_ctx, today, use_records, use_session};

/// The class this device holds (the first that is not deleted).
pub fn current_class(data: &ClassData) -> Option<Class> {
    data.classes.iter().find(|c| !c.meta.deleted).cloned()
}

/// "Grade 5 · ELA", or whichever parts the teacher gave.
fn class_line(c: &Class) -> String {
    let grade = (!c.grade.is_empty()).then(|| format!("Grade {}", c.grade));
    let subject = (!c.subject.is_empty()).then(|| c.subject.clone());
    [grade, subject]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The teacher's workspace home.
#[component]
pub fn TeacherHome() -> impl IntoView {
    let records = use_records();
    // Memos, so adding a student does not rebuild (and reset) the sections below.
    let class = Memo::new(move |_| records.data.with(current_class));
    let has_demo = Memo::new(move |_| {
        records
            .data
            .with(|d| d.classes.iter().any(|c| c.meta().demo))
    });
    view! {
        <Page title="Teacher workspace">
            <RecoveryCard/>
            <Show when=move || has_demo.get()>
                <SampleNotice/>
            </Show>
            {move || match class.get() {
                None => view! { <ClassSetup/> }.into_any(),
                Some(c) => view! {
                    <SetTeacherPin/>
                    <KeepItSafe/>
                    <section class="card" aria-labelledby="class-heading">
                        <h2 id="class-heading">{c.name.clone()}</h2>
                        <p>{class_line(&c)}</p>
                        <FolderLine/>
                    </section>
                    <Roster/>
                    <FamilyPins/>
                    <Targets/>
                    <DeviceLock/>
                }.into_any(),
            }}
        </Page>
    }
}

/// First run: name the class, or explore a sample class.
#[component]
fn ClassSetup() -> impl IntoView {
    let records = use_records();
    let (name, set_name) = signal(String::new());
    let (grade, set_grade) = signal(String::new());
    let (subject, set_subject) = signal(String::new());
    let (error, set_error) = signal(String::new());
    let (busy, set_busy) = signal(false);
    let pin = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let session = use_session();
    let code = expect_context::<NewRecoveryCode>();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let ctx = teacher_ctx(records);
        let id = match ctx.by.role {
            crate::domain::Role::Teacher => ctx.by.id,
            _ => Id::new_v4(),
        };
        let class = match Class::new(
            id,
            &name.get_untracked(),
            &grade.get_untracked(),
            &subject.get_untracked(),
            &ctx,
        ) {
            Ok(class) => class,
            Err(e) => return set_error.set(e.to_string()),
        };
        let typed = pin.get_untracked();
        if let Err(p) = check_new_pin(&typed, &again.get_untracked()) {
            return set_error.set(p.message());
        }
        set_error.set(String::new());
        set_busy.set(true);
        spawn_local(async move {
            match session.set_teacher_pin(&typed).await {
                Ok(c) => {
                    code.0.set(Some(c));
                    let mut class = class;
                    // This is the teacher's device: it makes the class key that seals the
                    // teacher's decisions. Without IndexedDB or WebCrypto the class works
                    // as before, unsealed.
                    class.key = make_class_key().await.ok().map(|k| k.to_string());
                    if let Err(e) = records.save(class) {
                        set_error.set(e.to_string());
                    }
                }
                Err(e) => set_error.set(e),
            }
            set_busy.set(false);
        });
    };
    let sample = move |_| {
        let data = demo_class(now().0 as u64, today(), &records.device());
        if let Err(e) = records.write_all(&data) {
            set_error.set(format!("The sample class could not be saved: {e}"));
        }
    };
    view! {
        <section class="card" aria-labelledby="setup-heading">
            <h2 id="setup-heading">"Set up your class"</h2>
            <p>"Start with your class's name. You can add students next."</p>
            <form on:submit=create novalidate>
                <div class="field">
                    <label for="class-name">"Class name"</label>
                    <input id="class-name" type="text" autocomplete="off" required
                        prop:value=name on:input=move |ev| set_name.set(event_target_value(&ev))/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="class-grade">"Grade (optional)"</label>
                        <input id="class-grade" type="text" autocomplete="off"
                            prop:value=grade on:input=move |ev| set_grade.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="class-subject">"Subject (optional)"</label>
                        <input id="class-subject" type="text" autocomplete="off"
                            prop:value=subject on:input=move |ev| set_subject.set(event_target_value(&ev))/>
                    </div>
                </div>
                <h3>"Your teacher PIN"</h3>
                <p>"The PIN keeps students out of the teacher workspace on a shared device."</p>
                <NewPinFields pin again id="new-teacher" label="Teacher PIN"/>
                <Show when=move || !error.get().is_empty()>
                    <p class="error" role="alert">{error}</p>
                </Show>
                <div class="actions">
                    <button type="submit" class="button" disabled=busy>
                        {move || if busy.get() { "Creating…" } else { "Create class" }}
                    </button>
                </div>
            </form>
        </section>
        <section class="card" aria-labelledby="sample-heading">
            <h2 id="sample-heading">"Not ready yet?"</h2>
            <p>"Explore with a sample class: six students, learning targets, a choice board and goals in every state. You can remove it in one step."</p>
            <button type="button" class="button button-quiet" on:click=sample>"Try a sample class"</button>
        </section>
    }
}

/// The idle times a teacher can choose from, in minutes.
const IDLE_CHOICES: [u32; 6] = [1, 2, 5, 10, 15, 30];

/// "1 minute", "5 minutes".
fn minutes_words(m: u32) -> String {
    if m == 1 {
        "1 minute".into()
    } else {
        format!("{m} minutes")
    }
}

/// How long this shared device may sit unused before it locks itself (device-local:
/// kept with the PINs, never exported).
#[component]
fn DeviceLock() -> impl IntoView {
    let session = use_session();
    let feedback = Feedback::default();
    let current = Memo::new(move |_| session.book.with(PinBook::idle));
    // A time set by a newer Wayfinder (or by hand) is still offered, not silently lost.
    let choices = move || {
        let now = current.get();
        let mut v = IDLE_CHOICES.to_vec();
        if !v.contains(&now) {
            v.push(now);
            v.sort_unstable();
        }
        v
    };
    let change = move |ev: leptos::ev::Event| {
        let Ok(minutes) = event_target_value(&ev).parse::<u32>() else {
            return;
        };
        let result = session
            .change_book(|b| b.idle_minutes = Some(minutes))
            .map_err(|e| e.to_string())
            .map(|()| {
                format!(
                    "Saved. This device now locks itself after {} without use.",
                    minutes_words(minutes)
                )
            });
        feedback.show(result);
    };
    view! {
        <section class="card" aria-labelledby="device-lock-heading">
            <h2 id="device-lock-heading">"When nobody is using this device"</h2>
            <p>"Wayfinder locks itself and goes back to the start page, so the next person can't see someone else's work. Everything saved stays saved."</p>
            <div class="field">
                <label for="idle-minutes">"Lock this device after this long without use"</label>
                <select id="idle-minutes" class="idle-select" on:change=change>
                    {move || choices().into_iter().map(|m| view! {
                        <option value=m.to_string() selected=move || current.get() == m>{minutes_words(m)}</option>
                    }).collect_view()}
                </select>
            </div>
            <p class="note">"Only this device and browser: each Chromebook keeps its own setting."</p>
            <FeedbackLines feedback/>
        </section>
    }
}

/// Shown while sample data is on the device, with one-step removal.
#[component]
fn SampleNotice() -> impl IntoView {
    let records = use_records();
    let remove = move |_| records.discard_demo();
    view! {
        <div class="notice notice-sample" role="status">
            <p>"You're exploring a sample class. Nothing here is real student data."</p>
            <button type="button" class="button button-quiet" on:click=remove>"Remove the sample class"</button>
        </div>
    }
}

/// For a class that has no teacher PIN yet (made before PINs, or after a recovery).
#[component]
fn SetTeacherPin() -> impl IntoView {
    let session = use_session();
    let code = expect_context::<NewRecoveryCode>();
    let pin = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let (error, set_error) = signal(String::new());
    let (busy, set_busy) = signal(false);
    let set = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = pin.get_untracked();
        if let Err(p) = check_new_pin(&typed, &again.get_untracked()) {
            return set_error.set(p.message());
        }
        set_error.set(String::new());
        set_busy.set(true);
        spawn_local(async move {
            match session.set_teacher_pin(&typed).await {
                Ok(c) => code.0.set(Some(c)),
                Err(e) => set_error.set(e),
            }
            set_busy.set(false);
        });
    };
    view! {
        <Show when=move || !session.teacher_has_pin()>
            <section class="card card-warning" aria-labelledby="set-pin-heading">
                <h2 id="set-pin-heading">"Set a teacher PIN"</h2>
                <p>"Until you do, anyone using this device can open the teacher workspace."</p>
                <form on:submit=set novalidate>
                    <NewPinFields pin again id="set-teacher" label="Teacher PIN"/>
                    <Show when=move || !error.get().is_empty()>
                        <p class="error" role="alert">{error}</p>
                    </Show>
                    <div class="actions">
                        <button type="submit" class="button" disabled=busy>"Set PIN"</button>
                    </div>
                </form>
            </section>
        </Show>
    }
}

/// The recovery code, shown once right after a teacher PIN was set.
#[component]
fn RecoveryCard() -> impl IntoView {
    let code = expect_context::<NewRecoveryCode>();
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        {move || code.0.get().map(|c| view! {
            <section class="card recovery-card" aria-labelledby="recovery-heading">
                <h2 id="recovery-heading">"Your recovery code"</h2>
                <p class="recovery-code">{c}</p>
                <p>"If you ever forget your teacher PIN, this code lets you choose a new one. Write it down or print it, and keep it away from students. It is shown only this once."</p>
                <div class="actions">
                    <button type="button" class="button button-quiet" on:click=print>"Print it"</button>
                    <button type="button" class="button" on:click=move |_| code.0.set(None)>"I've kept it safe"</button>
                </div>
            </section>
        })}
    }
}

/// Days since the last full backup, in words, and whether to remind (none yet, or a
/// week or more ago).
pub fn backup_words(last_backup: Option<i64>, now: i64) -> (String, bool) {
    match last_backup {
        None => (
            "You haven't downloaded a backup on this device yet.".into(),
            true,
        ),
        Some(ms) => {
            let days = crate::domain::Timestamp(ms).days_until(crate::domain::Timestamp(now));
            let words = match days {
                i64::MIN..=0 => "Last backup: today.".to_string(),
                1 => "Last backup: yesterday.".to_string(),
                n => format!("Last backup: {n} days ago."),
            };
            (words, days >= 7)
        }
    }
}

/// Data lives only here: say so plainly, remind about backups after a week, and ask
/// the browser to keep the data (and say what it answered).
#[component]
fn KeepItSafe() -> impl IntoView {
    let records = use_records();
    let is_demo = move || {
        records
            .data
            .with(|d| d.classes.iter().any(|c| c.meta().demo))
    };
    let backup = move || records.meta.with(|m| backup_words(m.last_backup, now().0));
    let (answer, set_answer) = signal(None::<String>);
    let ask = move |_| {
        spawn_local(async move {
            set_answer.set(Some(ask_to_persist().await));
        });
    };
    // Without asking: has the browser already promised?
    spawn_local(async move {
        if let Some(true) = already_persisted().await {
            set_answer.set(Some(PERSISTED.into()));
        }
    });
    view! {
        <Show when=move || !is_demo()>
            <section class="card" class:card-warning=move || backup().1 aria-labelledby="safe-heading">
                <h2 id="safe-heading">"Keep your class's work safe"</h2>
                <p>"Wayfinder keeps everything only in this browser, on this device. Nothing is copied anywhere else. School Chromebooks may wipe it when someone signs out, so download a backup regularly."</p>
                <p><strong>{move || backup().0}</strong></p>
                <div class="actions">
                    <Link to="/data" class="button">"Back up now"</Link>
                    <Show when=move || answer.get().is_none()>
                        <button type="button" class="button button-quiet" on:click=ask>"Ask this browser to keep the data"</button>
                    </Show>
                </div>
                <p class="status-line" role="status">{move || answer.get().unwrap_or_default()}</p>
            </section>
        </Show>
    }
}

const PERSISTED: &str = "This browser has promised to keep Wayfinder's data until someone clears it. Backups and the class folder are still the only copies that leave this device.";

/// Calls `navigator.storage.<method>()` and reads its boolean answer (None when the
/// browser has no such API).
async fn storage_manager_call(method: &str) -> Option<bool> {
    use wasm_bindgen::JsCast;
    let navigator = web_sys::window()?.navigator();
    let manager = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    let f: js_sys::Function = js_sys::Reflect::get(&manager, &method.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = f.call0(&manager).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

async fn already_persisted() -> Option<bool> {
    storage_manager_call("persisted").await
}

async fn ask_to_persist() -> String {
    match storage_manager_call("persist").await {
        Some(true) => PERSISTED.into(),
        Some(false) => "This browser said no: it may clear the data when space runs low. Download backups often.".into(),
        None => "This browser can't promise to keep the data. Download backups often.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::backup_words;

    const DAY: i64 = 86_400_000;

    #[test]
    fn backups_are_reminded_after_a_week_or_when_there_is_none() {
        let now = 100 * DAY;
        assert!(backup_words(None, now).1);
        assert_eq!(
            backup_words(Some(now), now),
            ("Last backup: today.".into(), false)
        );
        assert_eq!(
            backup_words(Some(now - DAY), now),
            ("Last backup: yesterday.".into(), false)
        );
        assert!(!backup_words(Some(now - 6 * DAY), now).1);
        assert_eq!(
            backup_words(Some(now - 7 * DAY), now),
            ("Last backup: 7 days ago.".into(), true)
        );
        // A clock set back does not say "-3 days ago".
        assert_eq!(
            backup_words(Some(now + 3 * DAY), now).0,
            "Last backup: today."
        );
    }
}
