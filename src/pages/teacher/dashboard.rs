//! The class dashboard: every student against every target, their goals, paths, last
//! activity and help requests, with filters and "who's stuck".

use leptos::prelude::*;

use crate::components::Page;

/// /teacher/dashboard.
#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <Page title="Class dashboard">
            <p>"The class dashboard is being built."</p>
        </Page>
    }
}
