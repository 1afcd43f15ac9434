//! The student's area: choose your name, then your home, your path, your goals, your
//! progress and "All about me". Each part is one file; they share [`StudentSession`].

mod goals;
mod help;
mod home;
mod me;
mod path;
mod picker;
mod progress;

pub use picker::StudentPicker;

use leptos::prelude::*;

use crate::components::Link;
use crate::domain::{Actor, Ctx, Id, StudentProfile};
use crate::state::{ctx_for, use_records, StudentView};

/// The student whose area this is, in context for every part of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StudentSession {
    /// The student's id.
    pub id: Id,
}

impl StudentSession {
    /// Who is acting: this student, on this device, now.
    pub fn ctx(&self) -> Ctx {
        ctx_for(use_records(), Actor::student(self.id))
    }

    /// The app path of one part of this student's area.
    pub fn path(&self, view: StudentView) -> String {
        view.path(self.id)
    }
}

/// The session provided by [`StudentArea`].
pub fn use_student() -> StudentSession {
    expect_context::<StudentSession>()
}

/// A student's first name, for greetings and picture cards.
pub fn first_name(s: &StudentProfile) -> String {
    s.name
        .split_whitespace()
        .next()
        .unwrap_or(&s.name)
        .to_string()
}

/// One student's area: the student's own navigation, the help button, and the part
/// the address names. A profile that does not exist (or was archived) sends the
/// student back to the list of names.
#[component]
pub fn StudentArea(id: Id, view: StudentView) -> impl IntoView {
    let records = use_records();
    provide_context(StudentSession { id });
    // Only "is there such a student" is tracked here, so editing the profile does not
    // rebuild (and reset) the page below.
    let present = Memo::new(move |_| {
        records.data.with(|d| {
            d.students
                .iter()
                .any(|s| s.meta.id == id && !s.meta.deleted && !s.archived)
        })
    });
    move || {
        if !present.get() {
            return view! { <NoSuchStudent/> }.into_any();
        }
        let page = match view {
            StudentView::Home => view! { <home::StudentHome/> }.into_any(),
            StudentView::Path => view! { <path::PathPage/> }.into_any(),
            StudentView::Goals => view! { <goals::GoalsPage/> }.into_any(),
            StudentView::Goal(g) => view! { <goals::GoalPage goal=g/> }.into_any(),
            StudentView::Progress => view! { <progress::ProgressPage/> }.into_any(),
            StudentView::Me => view! { <me::AboutMePage/> }.into_any(),
        };
        view! {
            <StudentNav/>
            {page}
        }
        .into_any()
    }
}

/// The student's own navigation and the "I need help" button, on every student page.
#[component]
fn StudentNav() -> impl IntoView {
    let me = use_student();
    let links = [
        (StudentView::Home, "My home"),
        (StudentView::Path, "My path"),
        (StudentView::Goals, "My goals"),
        (StudentView::Progress, "My progress"),
        (StudentView::Me, "All about me"),
    ];
    view! {
        <div class="student-bar">
            <nav class="area-nav student-nav" aria-label="My learning">
                <ul>
                    {links
                        .into_iter()
                        .map(|(v, label)| view! { <li><Link to=me.path(v) class="tab">{label}</Link></li> })
                        .collect_view()}
                </ul>
            </nav>
            <help::HelpButton/>
        </div>
    }
}

/// The address names a student who is not on this device (any more).
#[component]
fn NoSuchStudent() -> impl IntoView {
    view! {
        <crate::components::Page title="We couldn't find you">
            <p class="lead">"This profile isn't on this device, or your teacher has put it away."</p>
            <p><Link to="/student" class="button">"Choose your name"</Link></p>
        </crate::components::Page>
    }
}
