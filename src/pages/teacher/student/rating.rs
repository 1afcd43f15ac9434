//! One learning target on the teacher's page for a student: the student's latest view
//! beside the teacher's latest rating (two boxes, never one number), a form to rate on
//! the class's mastery scale with an optional note, and the earlier ratings of both kinds.

use leptos::prelude::*;

use super::model::{chosen_level, level_name, ratings_on, sentence, TargetLine};
use super::when;
use crate::components::{Feedback, FeedbackLines};
use crate::domain::{Id, MasteryScale, Rating, RatingKind};
use crate::state::{teacher_ctx, use_records};

/// One side of the side-by-side view.
#[component]
fn RatingBox(
    /// "Ben's view" or "Your rating".
    who: String,
    /// The latest rating of this kind, if any.
    rating: Signal<Option<Rating>>,
    /// The class's scale, for the level's name and words.
    scale: Memo<MasteryScale>,
    /// `ts-own` or `ts-teacher`.
    class: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("ts-rating {class}")>
            <span class="ts-rating-who">{who}</span>
            {move || match rating.get() {
                Some(r) => {
                    let (label, words, total) = scale.with(|s| {
                        (
                            level_name(s, r.level),
                            s.level(r.level).map(|l| l.words.clone()).unwrap_or_default(),
                            s.levels.len(),
                        )
                    });
                    let n = usize::from(r.level) + 1;
                    view! {
                        <span class="ts-rating-level">{label}</span>
                        <span class="note">{format!("Level {n} of {}", total.max(n))}</span>
                        <span class="ts-rating-words">{words}</span>
                        <span class="note">{when(r.meta.created)}</span>
                        {(!r.note.is_empty()).then(|| view! {
                            <span class="ts-rating-note" dir="auto">{format!("“{}”", r.note)}</span>
                        })}
                    }
                    .into_any()
                }
                None => view! { <span class="ts-rating-none">"Not rated yet"</span> }.into_any(),
            }}
        </div>
    }
}

/// A target with both views and the teacher's rating form.
#[component]
pub fn TargetRating(
    /// The student.
    student: Id,
    /// The student's first name.
    first: String,
    /// The target.
    target: TargetLine,
    /// The class's mastery scale.
    scale: Memo<MasteryScale>,
) -> impl IntoView {
    let records = use_records();
    let t = target.id;
    let key = t.to_string();
    let ratings = Memo::new(move |_| records.data.with(|d| ratings_on(d, student, t)));
    let own = Signal::derive(move || ratings.with(|r| r.own.clone()));
    let mine = Signal::derive(move || ratings.with(|r| r.teacher.clone()));
    let feedback = Feedback::default();
    let level = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let about = target.text.clone();

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let scale_now = scale.get_untracked();
        let chosen = match chosen_level(&level.get_untracked(), &scale_now) {
            Ok(l) => l,
            Err(e) => return feedback.show(Err(e)),
        };
        let label = level_name(&scale_now, chosen);
        let ctx = teacher_ctx(records);
        let result = Rating::new(
            Id::new_v4(),
            student,
            t,
            chosen,
            &note.get_untracked(),
            &scale_now,
            &ctx,
        )
        .map_err(sentence)
        .and_then(|r| {
            records.save(r).map_err(|e| {
                format!(
                    "{} Your choice and note are still here: try again after making room.",
                    sentence(e)
                )
            })
        });
        match result {
            Ok(()) => {
                level.set(String::new());
                note.set(String::new());
                feedback.show(Ok(format!(
                    "Saved: {label}. It shows beside their own view on their progress page."
                )));
            }
            // The choice and the note stay in the form.
            Err(e) => feedback.show(Err(e)),
        }
    };

    let heading_id = format!("ts-target-{key}");
    let select_id = format!("ts-level-{key}");
    let note_id = format!("ts-note-{key}");
    let options = move || {
        scale.with(|s| {
            s.levels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let value = i.to_string();
                    let text = format!("{} — {}", l.label, l.words);
                    view! { <option value=value>{text}</option> }
                })
                .collect_view()
        })
    };
    let earlier_count = move || ratings.with(|r| r.earlier.len());
    let has_earlier = move || earlier_count() > 0;
    let first_for_history = first.clone();
    let earlier = move || {
        let first = first_for_history.clone();
        ratings.with(|r| {
            r.earlier
                .iter()
                .map(|r| {
                    let who = match r.kind {
                        RatingKind::SelfAssessment => first.clone(),
                        RatingKind::Teacher => "You".to_string(),
                    };
                    let label = scale.with(|s| level_name(s, r.level));
                    let note = (!r.note.is_empty()).then(|| {
                        view! { <span class="ts-rating-note" dir="auto">{format!("“{}”", r.note)}</span> }
                    });
                    view! {
                        <li>
                            <strong>{format!("{who}: {label}")}</strong>
                            <span class="note">{format!(" · {}", when(r.meta.created))}</span>
                            {note}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let labelled_by = heading_id.clone();
    let own_label = format!("{first}'s view");
    let views_label = format!("{first}'s view and yours");
    view! {
        <section class="ts-target" aria-labelledby=labelled_by>
            <h3 id=heading_id dir="auto">{target.text.clone()}</h3>
            {(!target.code.is_empty()).then(|| view! { <p class="note target-code" dir="auto">{target.code.clone()}</p> })}
            <div class="ts-side-by-side" role="group" aria-label=views_label>
                <RatingBox who=own_label rating=own scale class="ts-own"/>
                <RatingBox who="Your rating".to_string() rating=mine scale class="ts-teacher"/>
            </div>
            <form class="ts-rate-form" on:submit=save novalidate>
                <div class="field">
                    <label for=select_id.clone()>
                        "Your rating"<span class="visually-hidden">{format!(" for {about}")}</span>
                    </label>
                    <select id=select_id.clone()
                        prop:value=move || level.get()
                        on:change=move |ev| level.set(event_target_value(&ev))>
                        <option value="">"Choose a level"</option>
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label for=note_id.clone()>
                        "A note for them (optional)"<span class="visually-hidden">{format!(" about {}", target.text)}</span>
                    </label>
                    <textarea id=note_id.clone() class="ts-short" rows="2" dir="auto"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </div>
                <div class="actions">
                    <button type="submit" class="button">"Save rating"</button>
                </div>
                <FeedbackLines feedback/>
            </form>
            <Show when=has_earlier>
                <details class="ts-history">
                    <summary>{move || format!("Earlier ratings ({})", earlier_count())}</summary>
                    <ol class="plain-list">{earlier.clone()}</ol>
                </details>
            </Show>
        </section>
    }
}
