//! A student's learning home.

use leptos::prelude::*;

use crate::components::Page;

/// What am I working on, what's next, what did my teacher say.
#[component]
pub fn StudentHome() -> impl IntoView {
    view! {
        <Page title="My learning">
            <p class="lead">"Your path, your goals and your progress will show here."</p>
            <p class="note">"Your teacher sets up the class first. When they have, you'll choose your name on the start page."</p>
        </Page>
    }
}
