//! My goals, and the guided goal builder.

use leptos::prelude::*;

use crate::components::Page;
use crate::domain::Id;

/// Every goal of this student, by state, and "Start a new goal".
#[component]
pub fn GoalsPage() -> impl IntoView {
    view! {
        <Page title="My goals">
            <p class="lead">"Your goals will show here."</p>
        </Page>
    }
}

/// One goal: the builder while it is a draft, the history always.
#[component]
pub fn GoalPage(goal: Id) -> impl IntoView {
    let _ = goal;
    view! {
        <Page title="My goal">
            <p class="lead">"Your goal will show here."</p>
        </Page>
    }
}
