//! One student, seen by the teacher: ratings on the class's mastery scale beside the
//! student's own, goals, evidence and comments.

use leptos::prelude::*;

use crate::components::Page;
use crate::domain::Id;

/// /teacher/students/<id>.
#[component]
pub fn StudentPage(student: Id) -> impl IntoView {
    let _ = student;
    view! {
        <Page title="Student">
            <p>"This page is being built."</p>
        </Page>
    }
}
