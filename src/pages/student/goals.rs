//! My goals, and the guided goal builder.
//!
//! - [`GoalsPage`]: the student's goals grouped by state, and "Start a new goal".
//! - [`GoalPage`]: one goal. While it is a draft or the teacher asked for changes, the
//!   builder (`builder`) that saves as the student types; otherwise a read-only view with
//!   the actions of its state (`status`). Always its history and comments (`history`).
//!
//! Only the student's own, not deleted goals are ever shown: any other id in the address
//! gets "We couldn't find this goal".

mod builder;
mod history;
mod other_version;
mod part;
mod status;
mod words;

use leptos::prelude::*;

use super::use_student;
use crate::components::{focus_later, Feedback, FeedbackLines, Link, Page};
use crate::domain::{Actor, Goal, Id, ReviewState};
use crate::state::{ctx_for, use_records, use_router, StudentView};

use words::{blank_draft, group_goals, readable_day, state_heading, GoalCard};

/// Every goal of this student, by state, and "Start a new goal".
#[component]
pub fn GoalsPage() -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let router = use_router();
    let groups = Memo::new(move |_| records.data.with(|d| group_goals(&d.goals, me.id)));
    let feedback = Feedback::default();
    let start = move |_| {
        if let Some(id) = records
            .data
            .with_untracked(|d| blank_draft(&d.goals, me.id))
        {
            router.navigate(&StudentView::Goal(id).path(me.id));
            return;
        }
        let ctx = ctx_for(records, Actor::student(me.id));
        match Goal::new(Id::new_v4(), me.id, &ctx) {
            Ok(goal) => {
                let id = goal.meta.id;
                // A storage problem is explained by the banner; the new goal stays on
                // screen and "Try again" saves it later.
                let _ = records.save(goal);
                router.navigate(&StudentView::Goal(id).path(me.id));
            }
            Err(e) => feedback.show(Err(e.to_string())),
        }
    };
    view! {
        <Page title="My goals">
            <section class="card goal-start" aria-labelledby="goal-start-heading">
                <h2 id="goal-start-heading">"Set a new goal"</h2>
                <p>
                    "A goal says what you want to get better at, how you'll do it, and how you'll know you've got there. "
                    "You write it step by step; then your teacher helps you make it great."
                </p>
                <button type="button" class="button" on:click=start>"Start a new goal"</button>
                <FeedbackLines feedback/>
            </section>
            {move || {
                let groups = groups.get();
                if groups.is_empty() {
                    return view! {
                        <p class="lead goal-empty">"You don't have any goals yet. Start one when you're ready."</p>
                    }
                    .into_any();
                }
                groups
                    .into_iter()
                    .map(|(state, cards)| view! { <GoalGroup state cards/> })
                    .collect_view()
                    .into_any()
            }}
        </Page>
    }
}

/// One state's goals on "My goals".
#[component]
fn GoalGroup(state: ReviewState, cards: Vec<GoalCard>) -> impl IntoView {
    let me = use_student();
    let slug = crate::domain::dashboard::state_key(state);
    let heading_id = format!("goals-{slug}");
    let count = cards.len();
    view! {
        <section class=format!("card goal-group goal-group-{slug}") aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{state_heading(state)} <span class="goal-count">{format!("({count})")}</span></h2>
            <ul class="goal-cards">
                {cards
                    .into_iter()
                    .map(|card| {
                        let date = card.date.map(|d| format!("By {}", readable_day(d)));
                        view! {
                            <li class="goal-card">
                                <Link to=StudentView::Goal(card.id).path(me.id) class="goal-card-link">
                                    <span dir="auto">{card.words}</span>
                                </Link>
                                <span class="goal-card-meta">
                                    {date.map(|d| view! { <span class="note">{d}</span> })}
                                    {card.claimed.then(|| view! { <span class="goal-claimed">"You told your teacher you did it"</span> })}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// What [`GoalPage`] shows for a goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Not this student's, deleted, or no such goal.
    Missing,
    /// Draft or changes requested: the builder.
    Editing,
    /// Submitted: waiting for the teacher.
    Waiting,
    /// Approved: working on it.
    Approved,
    /// Achieved.
    Achieved,
}

/// What to show for `goal` to the student `me`.
pub fn mode_of(goal: Option<&Goal>, me: Id) -> Mode {
    match goal {
        Some(g) if g.student == me && !g.meta.deleted => match g.state {
            ReviewState::Draft | ReviewState::ChangesRequested => Mode::Editing,
            ReviewState::Submitted => Mode::Waiting,
            ReviewState::Approved => Mode::Approved,
            ReviewState::Achieved => Mode::Achieved,
        },
        _ => Mode::Missing,
    }
}

/// One goal: the builder while it is a draft, the history always.
#[component]
pub fn GoalPage(goal: Id) -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let mode = Memo::new(move |_| records.data.with(|d| mode_of(d.get::<Goal>(goal), me.id)));
    let missing = Memo::new(move |_| mode.get() == Mode::Missing);
    move || {
        if missing.get() {
            return view! { <GoalNotFound/> }.into_any();
        }
        view! {
            <Page title="My goal">
                <p class="goal-back">
                    <Link to=me.path(StudentView::Goals)><span aria-hidden="true">"← "</span>"All my goals"</Link>
                </p>
                {move || match mode.get() {
                    Mode::Editing => view! { <builder::GoalBuilder goal/> }.into_any(),
                    Mode::Missing => ().into_any(),
                    m => view! {
                        <status::StateCard goal mode=m/>
                        <status::GoalSummary goal/>
                    }
                    .into_any(),
                }}
                <history::GoalComments goal/>
                <history::GoalHistory goal/>
            </Page>
        }
        .into_any()
    }
}

/// The address names a goal this student does not have.
#[component]
fn GoalNotFound() -> impl IntoView {
    let me = use_student();
    view! {
        <Page title="We couldn't find this goal">
            <p class="lead">"This goal isn't here. It may have been deleted, or the link is not quite right."</p>
            <p><Link to=me.path(StudentView::Goals) class="button">"Back to My goals"</Link></p>
        </Page>
    }
}

/// Milliseconds since the epoch moved to this device's time zone, for readable times.
fn local_ms(ms: i64) -> i64 {
    let offset_minutes =
        js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64)).get_timezone_offset();
    ms - (offset_minutes * 60_000.0) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::testing::{id, student_ctx, teacher_ctx};

    #[test]
    fn only_my_live_goals_are_shown_and_each_state_has_its_view() {
        let s = student_ctx(1);
        let mut g = Goal::new(id(10), id(1), &s).unwrap();
        assert_eq!(mode_of(Some(&g), id(1)), Mode::Editing);
        assert_eq!(
            mode_of(Some(&g), id(2)),
            Mode::Missing,
            "another student's goal"
        );
        assert_eq!(mode_of(None, id(1)), Mode::Missing);
        g.i_will = "I will read".into();
        g.submit(&s).unwrap();
        assert_eq!(mode_of(Some(&g), id(1)), Mode::Waiting);
        g.request_changes("More", None, &teacher_ctx()).unwrap();
        assert_eq!(mode_of(Some(&g), id(1)), Mode::Editing);
        g.submit(&s).unwrap();
        g.approve("", &teacher_ctx()).unwrap();
        assert_eq!(mode_of(Some(&g), id(1)), Mode::Approved);
        g.achieve("", &teacher_ctx()).unwrap();
        assert_eq!(mode_of(Some(&g), id(1)), Mode::Achieved);
        g.meta.deleted = true;
        assert_eq!(mode_of(Some(&g), id(1)), Mode::Missing);
    }
}
