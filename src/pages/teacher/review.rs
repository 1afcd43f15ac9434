//! The review queue: everything waiting for the teacher, oldest first.

use leptos::prelude::*;

use crate::components::Page;

/// Submitted goals, "my own idea" formats and help flags.
#[component]
pub fn ReviewPage() -> impl IntoView {
    view! {
        <Page title="Review queue">
            <p class="lead">"Everything waiting for you will show here."</p>
        </Page>
    }
}
