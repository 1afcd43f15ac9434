//! The teacher's workspace: the class (roster and targets) and the review queue, with
//! the queue's count on every teacher page, all behind the teacher PIN once it is set.

mod dashboard;
mod family_pins;
mod home;
mod lock;
mod review;
mod roster;
mod student;
mod targets;
mod units;

pub use home::current_class;
pub use lock::{teacher_may_enter, TeacherLock};

use leptos::prelude::*;

use crate::components::{AreaNav, Link};
use crate::domain::summary::review_queue;
use crate::state::{use_records, use_session, TeacherView};

/// A recovery code just made, shown once on the teacher's home.
#[derive(Clone, Copy)]
pub struct NewRecoveryCode(pub RwSignal<Option<String>>);

/// The teacher's workspace: its navigation, then the part the address names; or the
/// lock when a teacher PIN is set and the teacher has not unlocked this tab.
#[component]
pub fn TeacherArea(
    /// Which of the teacher's pages.
    view: TeacherView,
) -> impl IntoView {
    let session = use_session();
    let code = NewRecoveryCode(RwSignal::new(None));
    provide_context(code);
    let open = Memo::new(move |_| teacher_may_enter(session));
    move || {
        if !open.get() {
            return view! { <TeacherLock title="Teacher workspace"/> }.into_any();
        }
        // The page is built inside `WithTeacherNav`, so its `Page` finds the tabs.
        view! {
            <WithTeacherNav>
                {match view {
                    TeacherView::Home => view! { <home::TeacherHome/> }.into_any(),
                    TeacherView::Review => view! { <review::ReviewPage/> }.into_any(),
                    TeacherView::Units => view! { <units::UnitsPage/> }.into_any(),
                    TeacherView::Unit(u) => view! { <units::UnitPage unit=u/> }.into_any(),
                    TeacherView::Dashboard => view! { <dashboard::DashboardPage/> }.into_any(),
                    TeacherView::Student(s) => view! { <student::StudentPage student=s/> }.into_any(),
                }}
            </WithTeacherNav>
        }
        .into_any()
    }
}

/// Gives the teacher's pages inside it their tabs, shown under each page's h1.
#[component]
fn WithTeacherNav(children: Children) -> impl IntoView {
    provide_context(AreaNav(ViewFn::from(|| view! { <TeacherNav/> })));
    children()
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
                <li><Link to=TeacherView::Dashboard.path() class="tab">"Dashboard"</Link></li>
                <li><Link to=TeacherView::Units.path() class="tab">"Units"</Link></li>
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
