//! Shown for any address Wayfinder does not know.

use leptos::prelude::*;

use crate::components::{Link, Page};

/// A helpful not-found page with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Page title="Page not found">
            <p class="lead">"There's nothing at this address. It may have been a typo, or an old link."</p>
            <p>
                <Link to="/" class="button">"Go to the start page"</Link>
            </p>
        </Page>
    }
}
