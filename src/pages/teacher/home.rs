//! The teacher's workspace: set up the class, then the roster.

use leptos::prelude::*;

use super::roster::Roster;
use super::targets::Targets;
use crate::components::Page;
use crate::domain::sample::demo_class;
use crate::domain::{Actor, Class, ClassData, Ctx, Id, Record};
use leptos::task::spawn_local;

use super::NewRecoveryCode;
use crate::components::NewPinFields;
use crate::domain::pin::check_new_pin;
use crate::state::{now, today, use_records, use_session, RecordsState};

/// Who is acting: the teacher of this device's class (the class id names the teacher
/// until teacher profiles exist), on this device, now.
pub fn teacher_ctx(records: RecordsState) -> Ctx {
    let teacher = records
        .data
        .with_untracked(|d| {
            d.classes
                .iter()
                .find(|c| !c.meta.deleted)
                .map(|c| c.meta.id)
        })
        .unwrap_or_else(Id::new_v4);
    crate::state::ctx_for(records, Actor::teacher(teacher))
}

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
                    <section class="card" aria-labelledby="class-heading">
                        <h2 id="class-heading">{c.name.clone()}</h2>
                        <p>{class_line(&c)}</p>
                    </section>
                    <Roster/>
                    <Targets/>
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
        if let Err((n, e)) = records.write_all(&data) {
            set_error.set(format!("Only {n} sample records could be saved: {e}"));
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
