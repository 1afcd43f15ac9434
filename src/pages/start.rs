//! "Who's using Wayfinder?": the way in for students, teachers and families. The
//! students of this device appear as large picture cards that pre-readers recognise.

use leptos::prelude::*;

use crate::components::{emoji_drawn, FolderLine, Link, Page, PIN_HONESTY};
use crate::domain::StudentProfile;
use crate::pages::student::first_name;
use crate::state::{use_prefs, use_records, use_router, use_session, StudentView};

/// The students to show as picture cards: not deleted, not archived, by name.
pub fn students_on_device(records: crate::state::RecordsState) -> Memo<Vec<StudentProfile>> {
    Memo::new(move |_| {
        records.data.with(|d| {
            let mut s: Vec<StudentProfile> = d
                .students
                .iter()
                .filter(|s| !s.meta.deleted && !s.archived)
                .cloned()
                .collect();
            s.sort_by_key(|s| s.name.to_lowercase());
            s
        })
    })
}

/// One picture card. Choosing it is switching person: whoever was signed in on this
/// tab is signed out first.
#[component]
pub fn ProfileCard(
    /// Whose card.
    student: StudentProfile,
    /// The larger card of the start page.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let session = use_session();
    let router = use_router();
    let to = StudentView::Home.path(student.meta.id);
    let href = router.href(&to);
    let click = move |ev: leptos::ev::MouseEvent| {
        let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
        if ev.button() == 0 && !modified {
            ev.prevent_default();
            session.sign_out();
            router.navigate(&to);
        }
    };
    view! {
        <a href=href class="profile-card" class:profile-card-large=large on:click=click>
            <span class="avatar" aria-hidden="true">{avatar(&student)}</span>
            <span class="profile-name" dir="auto">{first_name(&student)}</span>
            <span class="visually-hidden">{full_name_suffix(&student)}</span>
        </a>
    }
}

/// The student's picture, or their initial when they have none (or when this device
/// would draw the picture as an empty box).
pub fn avatar(s: &StudentProfile) -> String {
    if s.avatar.trim().is_empty() || !emoji_drawn() {
        s.name
            .chars()
            .next()
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default()
    } else {
        s.avatar.clone()
    }
}

/// The rest of the name, so two students with the same first name stay distinct.
fn full_name_suffix(s: &StudentProfile) -> String {
    let first = first_name(s);
    let rest = s
        .name
        .trim()
        .strip_prefix(first.as_str())
        .unwrap_or("")
        .trim();
    if rest.is_empty() {
        String::new()
    } else {
        format!(" {rest}")
    }
}

/// The start page with the three ways in and this device's display settings.
#[component]
pub fn StartPage() -> impl IntoView {
    let prefs = use_prefs();
    let large = move || prefs.prefs.with(|p| p.large_text);
    let session = use_session();
    let students = students_on_device(use_records());
    let locked = move || {
        session.auto_locked.get().map(|m| {
            let minutes = if m == 1 { "1 minute".to_string() } else { format!("{m} minutes") };
            view! {
                <p class="notice" role="status">
                    {format!("Wayfinder locked itself after {minutes} without use, so the next person can't see your work. Everything you wrote is saved.")}
                </p>
            }
        })
    };
    view! {
        <Page title="Who's using Wayfinder?">
            {locked}
            <Show
                when=move || !students.with(Vec::is_empty)
                fallback=|| view! {
                    <p class="lead">"Choose who you are to get started."</p>
                    <ul class="doorways">
                        <StudentDoor/>
                        <TeacherDoor/>
                        <FamilyDoor/>
                    </ul>
                }
            >
                <p class="lead">"Choose your name to get started."</p>
                <section class="start-students" aria-labelledby="start-students-heading">
                    <h2 id="start-students-heading">"Students"</h2>
                    <ul class="profile-cards start-cards">
                        <For each=move || students.get() key=|s| s.meta.id let:s>
                            <li><ProfileCard student=s.clone() large=true/></li>
                        </For>
                    </ul>
                </section>
                <section class="start-grownups" aria-labelledby="start-grownups-heading">
                    <h2 id="start-grownups-heading">"Teachers and families"</h2>
                    <ul class="doorways">
                        <TeacherDoor/>
                        <FamilyDoor/>
                    </ul>
                </section>
            </Show>
            <section class="settings" aria-labelledby="settings-heading">
                <h2 id="settings-heading">"This device"</h2>
                <div class="check">
                    <input
                        type="checkbox"
                        id="pref-large-text"
                        prop:checked=large
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            prefs.update(|p| p.large_text = on);
                        }
                    />
                    <label for="pref-large-text">"Larger text"</label>
                </div>
                <FolderLine/>
                <p class="note">
                    "Everything you do in Wayfinder stays in this browser on this device, and in the class folder if one is chosen. Nothing is sent anywhere else."
                </p>
                <p class="note">{PIN_HONESTY}</p>
            </section>
        </Page>
    }
}

/// The way in to the list of students (shown while no student is on this device).
#[component]
fn StudentDoor() -> impl IntoView {
    view! {
        <li>
            <Link to="/student" class="doorway" describedby="door-student">
                <svg class="doorway-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false"><path d="M24 13c-5-4-12-4-18-2v26c6-2 13-2 18 2z" fill="#1d5fa8"/><path d="M24 13c5-4 12-4 18-2v26c-6-2-13-2-18 2z" fill="#3f7fc4"/><path d="M24 13v26" stroke="#f7f5f0" stroke-width="2"/></svg>
                <span class="doorway-name">"Student"</span>
            </Link>
            <p id="door-student" class="doorway-hint">"Your path, your goals, your progress."</p>
        </li>
    }
}

/// The way in to the teacher workspace.
#[component]
fn TeacherDoor() -> impl IntoView {
    view! {
        <li>
            <Link to="/teacher" class="doorway" describedby="door-teacher">
                <svg class="doorway-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false"><circle cx="24" cy="24" r="19" fill="none" stroke="#0f7a5a" stroke-width="4"/><path d="M31 17l-4 10-10 4 4-10z" fill="#b3470b"/></svg>
                <span class="doorway-name">"Teacher"</span>
            </Link>
            <p id="door-teacher" class="doorway-hint">"Your class, learning targets and review queue."</p>
        </li>
    }
}

/// The way in to the family view.
#[component]
fn FamilyDoor() -> impl IntoView {
    view! {
        <li>
            <Link to="/family" class="doorway" describedby="door-family">
                <svg class="doorway-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false"><path d="M6 23L24 8l18 15" fill="none" stroke="#b3470b" stroke-width="4" stroke-linejoin="round"/><path d="M11 21v19h26V21" fill="#0f7a5a"/><rect x="20" y="28" width="8" height="12" fill="#f7f5f0"/></svg>
                <span class="doorway-name">"Family"</span>
            </Link>
            <p id="door-family" class="doorway-hint">"See how your child is doing, in plain words."</p>
        </li>
    }
}
