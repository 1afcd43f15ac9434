//! A goal's history (every step with who, when and why) and its comment thread.

use leptos::prelude::*;

use super::local_ms;
use super::words::{field_name, history_lines, readable_moment, who_words};
use crate::components::{Feedback, FeedbackLines};
use crate::domain::comment::thread;
use crate::domain::{Actor, Comment};
use crate::domain::{ClassData, CommentOn, Goal, GoalField, Id};
use crate::pages::student::first_name;
use crate::state::ctx_for;
use crate::state::use_records;

/// A classmate's first name, for "who said this".
fn classmate(d: &ClassData, id: Id) -> Option<String> {
    d.students
        .iter()
        .find(|s| s.meta.id == id && !s.meta.deleted)
        .map(first_name)
}

/// One line as shown: what, who, when, why, about which part.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    what: String,
    who: String,
    when: String,
    why: String,
    about: Option<GoalField>,
}

/// Every step of the goal, oldest first.
#[component]
pub fn GoalHistory(goal: Id) -> impl IntoView {
    let records = use_records();
    let lines = Memo::new(move |_| {
        records.data.with(|d| {
            d.get::<Goal>(goal)
                .map(|g| {
                    history_lines(g)
                        .into_iter()
                        .map(|l| Shown {
                            what: l.what.to_string(),
                            who: who_words(l.by, g.student, |i| classmate(d, i)),
                            when: readable_moment(local_ms(l.at)),
                            why: l.why,
                            about: l.anchor,
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <section class="card goal-history" aria-labelledby="goal-history-heading">
            <h2 id="goal-history-heading">"History"</h2>
            <ol class="goal-history-list">
                {move || lines.get().into_iter().map(|l| view! {
                    <li>
                        <span class="history-what">{l.what}</span>
                        <span class="history-meta">{format!("{} · {}", l.who, l.when)}</span>
                        {l.about.map(|a| view! { <span class="note">{format!("About: {}", field_name(a))}</span> })}
                        {(!l.why.is_empty()).then(|| view! { <blockquote dir="auto">{l.why}</blockquote> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The comments on this goal from the teacher, classmates and the student, oldest
/// first, and a box to write one.
#[component]
pub fn GoalComments(goal: Id) -> impl IntoView {
    let records = use_records();
    let comments = Memo::new(move |_| {
        records.data.with(|d| {
            let Some(g) = d.get::<Goal>(goal) else {
                return Vec::new();
            };
            thread(&d.comments, CommentOn::Goal(goal))
                .into_iter()
                .filter(|c| c.student == g.student)
                .map(|c| Shown {
                    what: c.text.clone(),
                    who: who_words(c.author, g.student, |i| classmate(d, i)),
                    when: readable_moment(local_ms(c.meta.created.0)),
                    why: String::new(),
                    about: c.anchor,
                })
                .collect::<Vec<_>>()
        })
    });
    let (text, set_text) = signal(String::new());
    let feedback = Feedback::default();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(student) = records
            .data
            .with_untracked(|d| d.get::<Goal>(goal).map(|g| g.student))
        else {
            return;
        };
        let ctx = ctx_for(records, Actor::student(student));
        let result = Comment::new(
            Id::new_v4(),
            student,
            CommentOn::Goal(goal),
            None,
            &text.get_untracked(),
            &ctx,
        )
        .map_err(|e| e.to_string())
        .and_then(|c| records.save(c).map_err(|e| e.to_string()));
        if result.is_ok() {
            set_text.set(String::new());
        }
        feedback.show(result.map(|()| "Your comment is added. Your teacher will see it.".into()));
    };
    view! {
        <section class="card goal-comments" aria-labelledby="goal-comments-heading">
            <h2 id="goal-comments-heading">"Comments"</h2>
            {move || {
                let list = comments.get();
                if list.is_empty() {
                    return view! { <p class="note">"No comments yet."</p> }.into_any();
                }
                view! {
                    <ul class="goal-comment-list">
                        {list.into_iter().map(|c| view! {
                            <li>
                                <span class="history-meta">{format!("{} · {}", c.who, c.when)}</span>
                                {c.about.map(|a| view! { <span class="note">{format!("About: {}", field_name(a))}</span> })}
                                <blockquote dir="auto">{c.what}</blockquote>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <form class="goal-comment-form" on:submit=add novalidate>
                <div class="field">
                    <label for="goal-comment">"Write to your teacher about this goal"</label>
                    <textarea id="goal-comment" rows="2" dir="auto"
                        prop:value=text
                        on:input=move |ev| set_text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button button-quiet">"Add my comment"</button>
                <FeedbackLines feedback/>
            </form>
        </section>
    }
}
