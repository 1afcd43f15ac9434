//! One child's learning, for their family: read-only and in plain words.

use leptos::prelude::*;

use crate::components::Page;
use crate::domain::Id;

/// What my child is working on, their approved goals, path, product, shared
/// reflections, the teacher's feedback and how to help at home.
#[component]
pub fn FamilyView(id: Id) -> impl IntoView {
    let _ = id;
    view! {
        <Page title="Family view">
            <p class="lead">"Your child's goals and progress will show here."</p>
        </Page>
    }
}
