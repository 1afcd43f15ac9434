//! "Which one is you?": the students of this device's class as picture cards.

use leptos::prelude::*;

use crate::components::Page;
use crate::pages::start::{students_on_device, ProfileCard};
use crate::state::use_records;

/// The list of students to choose from.
#[component]
pub fn StudentPicker() -> impl IntoView {
    let records = use_records();
    let students = students_on_device(records);
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
