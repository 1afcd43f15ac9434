//! "Which one is you?": the students of this device's class as picture cards.

use leptos::prelude::*;

use super::first_name;
use crate::components::Page;
use crate::domain::StudentProfile;
use crate::state::{use_records, use_router, use_session, StudentView};

/// The list of students to choose from.
#[component]
pub fn StudentPicker() -> impl IntoView {
    let records = use_records();
    let students = Memo::new(move |_| {
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
    });
    view! {
        <Page title="Which one is you?">
            <Show
                when=move || !students.with(Vec::is_empty)
                fallback=|| view! {
                    <p class="lead">"There's nobody here yet."</p>
                    <p>"Your teacher adds your class first. Then your name will be here."</p>
                }
            >
                <p class="lead">"Choose your name."</p>
                <ul class="profile-cards">
                    <For each=move || students.get() key=|s| s.meta.id let:s>
                        <li>
                            <ProfileCard student=s.clone()/>
                        </li>
                    </For>
                </ul>
            </Show>
        </Page>
    }
}

/// One picture card. Choosing it is switching person: whoever was signed in on this
/// tab is signed out first.
#[component]
fn ProfileCard(student: StudentProfile) -> impl IntoView {
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
        <a href=href class="profile-card" on:click=click>
            <span class="avatar" aria-hidden="true">{avatar(&student)}</span>
            <span class="profile-name">{first_name(&student)}</span>
            <span class="visually-hidden">{full_name_suffix(&student)}</span>
        </a>
    }
}

/// The student's picture, or their initial when they have none.
pub fn avatar(s: &StudentProfile) -> String {
    if s.avatar.trim().is_empty() {
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
