//! The teacher's workspace home.

use leptos::prelude::*;

use crate::components::Page;

/// The class at a glance and the review queue.
#[component]
pub fn TeacherHome() -> impl IntoView {
    view! {
        <Page title="Teacher workspace">
            <p class="lead">"Your class, learning targets, choice boards and review queue will live here."</p>
        </Page>
    }
}
