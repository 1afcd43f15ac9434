//! The teacher's marks beside a part: "your teacher changed this", and what they said.

use leptos::prelude::*;

use super::super::local_ms;
use super::super::words::{readable_day, TeacherNote};
use crate::domain::Day;

/// "Your teacher changed this part with you", on a part the teacher edited.
#[component]
pub fn TeacherMark(show: Signal<bool>) -> impl IntoView {
    view! {
        <Show when=move || show.get()>
            <p class="teacher-mark"><span aria-hidden="true">"✎ "</span>"Your teacher changed this part with you."</p>
        </Show>
    }
}

/// What the teacher said about one part, right beside it.
#[component]
pub fn TeacherNotes(notes: Signal<Vec<TeacherNote>>) -> impl IntoView {
    move || {
        notes
            .get()
            .into_iter()
            .map(|n| {
                let label = if n.request {
                    "Your teacher asked for this change"
                } else {
                    "Your teacher said"
                };
                let when = readable_day(Day((local_ms(n.at).div_euclid(86_400_000)) as i32));
                view! {
                    <div class="teacher-note" class:teacher-request=n.request>
                        <p class="teacher-note-label">{label}<span class="note">{format!(" · {when}")}</span></p>
                        <blockquote dir="auto">{n.text}</blockquote>
                    </div>
                }
            })
            .collect_view()
    }
}
