//! Choose my pathway through each unit, and how I'll show what I learned.

use leptos::prelude::*;

use crate::components::Page;

/// The choice boards of the units opened to this student.
#[component]
pub fn PathPage() -> impl IntoView {
    view! {
        <Page title="My path">
            <p class="lead">"Your choice boards will show here."</p>
        </Page>
    }
}
