//! "Space is running low", said where people save (after each save, from 80 % of the
//! browser's space), with what to do about it. The data page shows the full meter.

use leptos::prelude::*;

use crate::state::{RecordsState, Route, RouterState, SessionState, Who};
use crate::storage::Usage;

/// What to do when space runs low, for the person at the keyboard: the teacher can
/// make room; anyone else is told to ask the teacher.
pub fn space_advice(usage: Usage, teacher: bool) -> String {
    let pct = usage.percent();
    if teacher {
        format!(
            "Space for Wayfinder on this device is {pct}% full. Download a full backup from “Your data”, then remove work you no longer need, so new changes can still be saved."
        )
    } else {
        format!(
            "Space for Wayfinder on this device is {pct}% full. Tell your teacher, so they can save a backup and make room before it runs out."
        )
    }
}

/// The low-space sentence, or nothing while there is room (tracked: follows each save).
#[component]
pub fn SpaceNote() -> impl IntoView {
    let records = use_context::<RecordsState>();
    let session = use_context::<SessionState>();
    let router = use_context::<RouterState>();
    move || {
        let usage = records?.space.get().filter(Usage::is_nearly_full)?;
        // The teacher's pages (open to anyone before a teacher PIN is set) get the
        // teacher's advice; students and families are told to ask the teacher.
        let teacher = session.is_some_and(|s| s.who.get() == Some(Who::Teacher))
            || router.is_some_and(|r| matches!(r.route(), Route::Teacher(_) | Route::Data));
        Some(
            view! { <span class="space-note">{format!(" {}", space_advice(usage, teacher))}</span> },
        )
    }
}
