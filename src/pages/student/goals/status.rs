//! A goal that is not being written: waiting for the teacher ("Take it back"), approved
//! ("I did it!", sharing with the family) or achieved (a moment of recognition), and the
//! read-only goal with what the teacher said beside each part.

use leptos::ev;
use leptos::prelude::*;

use super::builder::{TeacherMark, TeacherNotes};
use super::words::{field_name, readable_day, teacher_notes};
use super::{focus_later, local_ms, Mode};
use crate::components::{Feedback, FeedbackLines};
use crate::domain::seal::Seal;
use crate::domain::{Actor, Ctx, Day, DomainError, Goal, GoalField, Id, ReviewState};
use crate::state::folder::{use_folder, Status};
use crate::state::{ctx_for, use_records};

/// The day, in this device's time zone, of a moment in milliseconds.
fn local_day(ms: i64) -> String {
    readable_day(Day(local_ms(ms).div_euclid(86_400_000) as i32))
}

/// Where the goal is and what the student can do now.
#[component]
pub fn StateCard(goal: Id, mode: Mode) -> impl IntoView {
    let records = use_records();
    let feedback = Feedback::default();
    // What the card shows: (since when, claim time, shared with family, teacher's why).
    let facts = Memo::new(move |_| {
        records.data.with(|d| {
            d.get::<Goal>(goal).map(|g| {
                let why = g
                    .history
                    .last()
                    .filter(|t| t.to == g.state)
                    .map(|t| t.why.clone())
                    .unwrap_or_default();
                (g.since().0, g.claim.map(|c| c.0), g.family_shared, why)
            })
        })
    });
    let since = move || facts.with(|f| f.as_ref().map(|f| local_day(f.0)).unwrap_or_default());
    let claimed = move || facts.with(|f| f.as_ref().and_then(|f| f.1));
    let shared = move || facts.with(|f| f.as_ref().is_some_and(|f| f.2));
    let why = move || facts.with(|f| f.as_ref().map(|f| f.3.clone()).unwrap_or_default());
    // Approved here, at this Chromebook, through a class folder: it counts everywhere
    // once the teacher's own device confirms and seals it.
    let folder = use_folder();
    let unconfirmed = move || {
        folder.is_some_and(|f| f.status.get() == Status::Connected && !f.teacher_device.get())
            && records.data.with(|d| {
                d.get::<Goal>(goal)
                    .is_some_and(|g| g.meta.seal.as_ref().is_none_or(Seal::is_stale))
            })
    };

    // Runs one step on the stored goal and saves it.
    let act = move |step: &dyn Fn(&mut Goal, &Ctx) -> Result<(), DomainError>, said: &str| {
        let Some(mut g) = records
            .data
            .with_untracked(|d| d.get::<Goal>(goal).cloned())
        else {
            return;
        };
        let ctx = ctx_for(records, Actor::student(g.student));
        let result = step(&mut g, &ctx)
            .map_err(|e| e.to_string())
            .and_then(|()| records.save(g).map_err(|e| e.to_string()));
        let ok = result.is_ok();
        feedback.show(result.map(|()| said.to_string()));
        if ok {
            focus_later("goal-state-heading");
        }
    };
    let take_back = move |_| act(&|g, c| g.withdraw(c), "");
    let claim = move |_| {
        act(
            &|g, c| g.claim_achieved(c),
            "Great! Your teacher will check it with you.",
        )
    };
    let unclaim = move |_| {
        act(
            &|g, c| g.clear_claim(c),
            "OK. Keep going: you can tell your teacher when you're ready.",
        )
    };
    let share = move |ev: ev::Event| {
        let on = event_target_checked(&ev);
        let said = if on {
            "Your family can see this goal."
        } else {
            "Your family won't see this goal. You and your teacher still can."
        };
        let Some(mut g) = records
            .data
            .with_untracked(|d| d.get::<Goal>(goal).cloned())
        else {
            return;
        };
        let ctx = ctx_for(records, Actor::student(g.student));
        let result = g
            .set_family_shared(on, &ctx)
            .map_err(|e| e.to_string())
            .and_then(|()| records.save(g).map_err(|e| e.to_string()));
        feedback.show(result.map(|()| said.to_string()));
    };
    let family = move || {
        view! {
            <div class="check goal-family">
                <input type="checkbox" id="goal-family" prop:checked=shared on:change=share/>
                <label for="goal-family">"Share with my family"</label>
            </div>
            <p class="note">"Your family only ever sees goals your teacher has approved."</p>
        }
    };

    let body = match mode {
        Mode::Waiting => view! {
            <h2 id="goal-state-heading" tabindex="-1">"Waiting for your teacher"</h2>
            <p>{move || format!("You sent this goal to your teacher on {}. They'll approve it or ask for changes.", since())}</p>
            <p>"Want to change something first? Take it back, change it, then send it again."</p>
            <div class="actions">
                <button type="button" class="button button-quiet" on:click=take_back>"Take it back"</button>
            </div>
        }
        .into_any(),
        Mode::Approved => view! {
            <h2 id="goal-state-heading" tabindex="-1">"Approved — you're working on it"</h2>
            <p>{move || format!("Your teacher approved this goal on {}. Keep going!", since())}</p>
            <Show when=unconfirmed>
                <p class="note goal-unconfirmed">"Your teacher approved this here, on this Chromebook. It counts everywhere once your teacher's own device confirms it through the class folder."</p>
            </Show>
            <Show when=move || !why().is_empty()>
                <div class="teacher-note">
                    <p class="teacher-note-label">"Your teacher said"</p>
                    <blockquote dir="auto">{why}</blockquote>
                </div>
            </Show>
            {move || match claimed() {
                None => view! {
                    <p>"Reached your goal? Tell your teacher, and they'll check it with you."</p>
                    <div class="actions">
                        <button type="button" class="button button-celebrate" on:click=claim>"I did it!"</button>
                    </div>
                }
                .into_any(),
                Some(at) => view! {
                    <p class="goal-claimed">{format!("You told your teacher you did it on {}. They'll check it with you soon.", local_day(at))}</p>
                    <div class="actions">
                        <button type="button" class="button button-quiet" on:click=unclaim>"Not yet — take it back"</button>
                    </div>
                }
                .into_any(),
            }}
            {family}
        }
        .into_any(),
        _ => view! {
            <div class="celebrate" aria-hidden="true">
                <span class="spark spark-1">"★"</span>
                <span class="spark spark-2">"✦"</span>
                <svg class="celebrate-badge" viewBox="0 0 64 64" width="64" height="64" focusable="false">
                    <circle cx="32" cy="32" r="30" class="badge-ring"/>
                    <path class="badge-star" d="M32 10l6.5 13.6 14.9 1.9-10.9 10.3 2.8 14.8L32 43.4l-13.3 7.2 2.8-14.8-10.9-10.3 14.9-1.9z"/>
                </svg>
                <span class="spark spark-3">"✦"</span>
                <span class="spark spark-4">"★"</span>
            </div>
            <h2 id="goal-state-heading" tabindex="-1">"You did it!"</h2>
            <p class="lead">{move || format!("You reached this goal. Your teacher confirmed it on {}.", since())}</p>
            <Show when=move || !why().is_empty()>
                <div class="teacher-note">
                    <p class="teacher-note-label">"Your teacher said"</p>
                    <blockquote dir="auto">{why}</blockquote>
                </div>
            </Show>
            {family}
        }
        .into_any(),
    };
    let class = match mode {
        Mode::Waiting => "card goal-state goal-state-waiting",
        Mode::Approved => "card goal-state goal-state-approved",
        _ => "card goal-state goal-state-achieved",
    };
    view! {
        <section class=class aria-labelledby="goal-state-heading">
            {body}
            <FeedbackLines feedback/>
        </section>
    }
}

/// The goal as written, read-only, with the teacher's words and changes beside each part.
#[component]
pub fn GoalSummary(goal: Id) -> impl IntoView {
    let records = use_records();
    let shown = Memo::new(move |_| {
        records.data.with(|d| {
            d.get::<Goal>(goal).map(|g| {
                let targets: Vec<(String, String)> = g
                    .targets
                    .iter()
                    .filter_map(|t| {
                        d.targets
                            .iter()
                            .find(|x| x.meta.id == *t && !x.meta.deleted)
                            .map(|x| (x.text.clone(), x.code.clone()))
                    })
                    .collect();
                let notes: Vec<_> = [
                    GoalField::Targets,
                    GoalField::IWill,
                    GoalField::SuccessCriteria,
                    GoalField::Plan,
                    GoalField::Supports,
                    GoalField::Date,
                ]
                .into_iter()
                .map(|f| (f, teacher_notes(g, &d.comments, Some(f))))
                .collect();
                (g.clone(), targets, notes)
            })
        })
    });
    let part = move |field: GoalField| {
        let notes = Signal::derive(move || {
            shown.with(|s| {
                s.as_ref()
                    .and_then(|s| {
                        s.2.iter()
                            .find(|(f, _)| *f == field)
                            .map(|(_, n)| n.clone())
                    })
                    .unwrap_or_default()
            })
        });
        let marked = Signal::derive(move || {
            shown.with(|s| {
                s.as_ref()
                    .is_some_and(|s| s.0.teacher_marks.contains(&field))
            })
        });
        let body = move || {
            shown.with(|s| {
                let Some((g, targets, _)) = s else {
                    return ().into_any();
                };
                let list = |items: &[String], numbered: bool| {
                    if items.is_empty() {
                        return view! { <p class="note">"Nothing here yet."</p> }.into_any();
                    }
                    let lis = items
                        .iter()
                        .map(|i| view! { <li dir="auto">{i.clone()}</li> })
                        .collect_view();
                    if numbered {
                        view! { <ol class="goal-read-list">{lis}</ol> }.into_any()
                    } else {
                        view! { <ul class="goal-read-list">{lis}</ul> }.into_any()
                    }
                };
                match field {
                    GoalField::Targets if targets.is_empty() => {
                        view! { <p class="note">"No learning target picked."</p> }.into_any()
                    }
                    GoalField::Targets => view! {
                        <ul class="goal-read-list">
                            {targets.iter().map(|(t, c)| view! {
                                <li><span dir="auto">{t.clone()}</span>
                                    {(!c.is_empty()).then(|| view! { <span class="note goal-target-code" dir="auto">{c.clone()}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    GoalField::IWill => {
                        view! { <p class="goal-i-will" dir="auto">{g.i_will.clone()}</p> }.into_any()
                    }
                    GoalField::SuccessCriteria => list(&g.criteria, false),
                    GoalField::Plan => list(&g.plan, true),
                    GoalField::Supports => list(&g.supports, false),
                    _ => match g.date {
                        Some(d) => view! { <p>{readable_day(d)}</p> }.into_any(),
                        None => view! { <p class="note">"No date yet."</p> }.into_any(),
                    },
                }
            })
        };
        view! {
            <div class="goal-part">
                <h3>{field_name(field)}</h3>
                <TeacherMark show=marked/>
                <TeacherNotes notes/>
                {body}
            </div>
        }
    };
    let state = Memo::new(move |_| shown.with(|s| s.as_ref().map(|s| s.0.state)));
    let heading = move || match state.get() {
        Some(ReviewState::Achieved) => "The goal I reached",
        _ => "My goal",
    };
    view! {
        <section class="card goal-summary" aria-labelledby="goal-summary-heading">
            <h2 id="goal-summary-heading">{heading}</h2>
            {part(GoalField::IWill)}
            {part(GoalField::Targets)}
            {part(GoalField::SuccessCriteria)}
            {part(GoalField::Plan)}
            {part(GoalField::Supports)}
            {part(GoalField::Date)}
        </section>
    }
}
