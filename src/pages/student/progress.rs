//! My progress: self-assessment and evidence per target, and my reflection journal.

use leptos::prelude::*;

use crate::components::Page;

/// Each target with my own view beside my teacher's, and my reflections.
#[component]
pub fn ProgressPage() -> impl IntoView {
    view! {
        <Page title="My progress">
            <p class="lead">"Your progress will show here."</p>
        </Page>
    }
}
