//! "All about me": the student's learner profile, in their words.

use leptos::prelude::*;

use crate::components::Page;

/// Interests, strengths, how I like to learn and to show learning, supports I need.
#[component]
pub fn AboutMePage() -> impl IntoView {
    view! {
        <Page title="All about me">
            <p class="lead">"Tell your teacher about you."</p>
        </Page>
    }
}
