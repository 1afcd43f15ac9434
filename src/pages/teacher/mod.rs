//! The teacher's workspace: the class (roster and targets) and the review queue, with
//! the queue's count on every teacher page.

mod home;
mod review;
mod roster;
mod targets;

pub use home::{current_class, teacher_ctx};

use leptos::prelude::*;

use crate::components::Link;
use crate::domain::summary::review_queue;
use crate::state::{use_records, TeacherView};

/// The teacher's workspace: its navigation, then the part the address names.
#[component]
pub fn TeacherArea(view: TeacherView) -> impl IntoView {
    let page = match view {
        TeacherView::Home => view! { <home::TeacherHome/> }.into_any(),
        TeacherView::Review => view! { <review::ReviewPage/> }.into_any(),
    };
    view! {
        <TeacherNav/>
        {page}
    }
}

/// "My class" and "Review queue (N)", on every teacher page.
#[component]
fn TeacherNav() -> impl IntoView {
    let records = use_records();
    let waiting = Memo::new(move |_| records.data.with(|d| review_queue(d).len()));
    view! {
        <nav class="area-nav teacher-nav" aria-label="Teacher">
            <ul>
                <li><Link to=TeacherView::Home.path() class="tab">"My class"</Link></li>
                <li>
                    <Link to=TeacherView::Review.path() class="tab">
                        "Review queue"
                        <span class="count">{move || format!(" ({})", waiting.get())}</span>
                    </Link>
                </li>
            </ul>
        </nav>
    }
}
