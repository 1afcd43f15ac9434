//! Units as choice boards: activities (must-do / may-do, ways in, readiness tiers,
//! assigned to the class, a group or one student), the product-format menu, dates.

use leptos::prelude::*;

use crate::components::Page;
use crate::domain::Id;

/// Every unit of the class, and "New unit".
#[component]
pub fn UnitsPage() -> impl IntoView {
    view! {
        <Page title="Units">
            <p class="lead">"Your units and their choice boards will show here."</p>
        </Page>
    }
}

/// One unit's choice board, to edit.
#[component]
pub fn UnitPage(unit: Id) -> impl IntoView {
    let _ = unit;
    view! {
        <Page title="Unit">
            <p class="lead">"This unit's choice board will show here."</p>
        </Page>
    }
}
