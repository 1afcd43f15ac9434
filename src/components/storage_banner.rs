//! Tells the user, in plain words, when saving or reading data went wrong.

use leptos::prelude::*;

use super::Link;
use crate::state::use_storage;

/// Shows every storage problem not yet dismissed, as an alert. Nothing is ever hidden
/// silently: the banner stays until the user closes it.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let storage = use_storage();
    let problems = storage.problems;
    view! {
        <Show when=move || problems.with(|p| !p.is_empty())>
            <div class="banner banner-warning" role="alert">
                <ul class="banner-list">
                    {move || {
                        problems
                            .get()
                            .into_iter()
                            .map(|p| view! { <li>{p.to_string()}</li> })
                            .collect_view()
                    }}
                </ul>
                <Link to="/data" class="button button-quiet">"What can I do?"</Link>
                <button type="button" class="button button-quiet" on:click=move |_| problems.set(Vec::new())>
                    "Dismiss"
                </button>
            </div>
        </Show>
    }
}
