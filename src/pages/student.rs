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

use crate::components::{Link, Page, PinUnlock};
use crate::domain::{Actor, Ctx, Id, StudentProfile};
use crate::state::{ctx_for, use_records, use_router, use_session, PinScope, StudentView, Who};

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
/// What this tab may do with one student's pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    /// This student (or the teacher) is signed in.
    Allowed,
    /// The student has a PIN and is not signed in yet.
    NeedsPin,
    /// Someone else is signed in on this tab.
    Refused,
    /// No such student on this device (or archived).
    Missing,
}

/// One student's area: the student's own navigation, the help button, and the part
/// the address names. Someone else's address is refused; a student with a PIN types
/// it first; a profile that does not exist sends the student back to the names.
#[component]
pub fn StudentArea(
    /// The student, from the address.
    id: Id,
    /// Which of the student's pages.
    view: StudentView,
) -> impl IntoView {
    let records = use_records();
    let session = use_session();
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
    let access = Memo::new(move |_| {
        if !present.get() {
            return Access::Missing;
        }
        if session.book_error.with(Option::is_some) && session.who.get().is_none() {
            return Access::NeedsPin;
        }
        match session.who.get() {
            Some(Who::Teacher) => Access::Allowed,
            Some(Who::Student(s)) if s == id => Access::Allowed,
            Some(_) => Access::Refused,
            None if session.student_has_pin(id) => Access::NeedsPin,
            None => Access::Allowed,
        }
    });
    // Choosing a name without a PIN signs that student in on this tab.
    Effect::new(move |_| {
        if access.get() == Access::Allowed && session.who.get_untracked().is_none() {
            session.sign_in(Who::Student(id));
        }
    });
    move || match access.get() {
        Access::Missing => view! { <NoSuchStudent/> }.into_any(),
        Access::Refused => view! { <SomeoneElses/> }.into_any(),
        Access::NeedsPin => view! { <StudentUnlock id/> }.into_any(),
        Access::Allowed => {
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
}

/// Another person is signed in on this tab: their pages stay theirs.
#[component]
fn SomeoneElses() -> impl IntoView {
    let session = use_session();
    let router = use_router();
    let switch = move |_| {
        session.sign_out();
        router.navigate("/student");
    };
    view! {
        <Page title="This page is someone else's">
            <p class="lead">"Each person sees only their own learning. If this is you, choose your name."</p>
            <button type="button" class="button" on:click=switch>"Choose my name"</button>
        </Page>
    }
}

/// A student with a PIN types it (or chooses their pictures) before their pages open.
#[component]
fn StudentUnlock(id: Id) -> impl IntoView {
    let records = use_records();
    let session = use_session();
    let name = records.data.with_untracked(|d| {
        d.students
            .iter()
            .find(|s| s.meta.id == id)
            .map(first_name)
            .unwrap_or_default()
    });
    let pictures = session.student_has_pictures(id);
    view! {
        <Page title=format!("Hi, {name}")>
            <section class="card lock-card" aria-labelledby="student-lock-heading">
                <h2 id="student-lock-heading">
                    {if pictures { "Choose your pictures" } else { "Type your PIN" }}
                </h2>
                <PinUnlock scope=PinScope::Student(id) label="My PIN" id="student-pin"/>
                <p class="note">"Forgot it? Your teacher can give you a new one."</p>
            </section>
            <p><Link to="/student">"That's not me"</Link></p>
        </Page>
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
        <Page title="We couldn't find you">
            <p class="lead">"This profile isn't on this device, or your teacher has put it away."</p>
            <p><Link to="/student" class="button">"Choose your name"</Link></p>
        </Page>
    }
}
