//! What a family sees of their child's learning.

use leptos::prelude::*;

use crate::components::Page;

/// A read-only, plain-language view of one child's progress.
#[component]
pub fn FamilyHome() -> impl IntoView {
    view! {
        <Page title="Family view">
            <p class="lead">"Here you'll see the goals your child set with their teacher, and how they are doing."</p>
        </Page>
    }
}
