//! Editing a goal together with the student, at this device. The domain marks the parts
//! the teacher changed (`teacher_marks`) so the student sees which words are the teacher's.

use leptos::prelude::*;

use super::model::{field_words, lines, sentence};
use super::use_review;
use crate::domain::{Day, Goal, GoalText, Id};
use crate::state::{teacher_ctx, use_records};

/// The goal's text as a form; saving records the teacher's changes.
#[component]
pub fn EditTogether(
    /// The goal.
    id: Id,
    /// The student's name.
    name: String,
    /// Open while editing; set to false after saving or on "Cancel".
    editing: RwSignal<bool>,
) -> impl IntoView {
    let records = use_records();
    let review = use_review();
    let start = records
        .data
        .with_untracked(|d| d.get::<Goal>(id).map(Goal::text))
        .unwrap_or_default();
    let targets = RwSignal::new(start.targets.clone());
    let i_will = RwSignal::new(start.i_will.clone());
    let criteria = RwSignal::new(start.criteria.join("\n"));
    let plan = RwSignal::new(start.plan.join("\n"));
    let supports = RwSignal::new(start.supports.join("\n"));
    let date = RwSignal::new(start.date.map(Day::to_iso).unwrap_or_default());
    let error = RwSignal::new(String::new());
    // Active targets, plus any retired one the goal still uses.
    let choices: Vec<(Id, String)> = records.data.with_untracked(|d| {
        let mut t: Vec<_> = d
            .targets
            .iter()
            .filter(|t| !t.meta.deleted && (!t.retired || start.targets.contains(&t.meta.id)))
            .collect();
        t.sort_by_key(|t| (t.order, t.meta.id));
        t.into_iter().map(|t| (t.meta.id, t.text.clone())).collect()
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let day = date.get_untracked();
        let day = if day.trim().is_empty() {
            None
        } else {
            match Day::parse(&day) {
                Ok(d) => Some(d),
                Err(e) => {
                    error.set(sentence(e));
                    return;
                }
            }
        };
        let text = GoalText {
            targets: targets.get_untracked(),
            i_will: i_will.get_untracked(),
            criteria: lines(&criteria.get_untracked()),
            plan: lines(&plan.get_untracked()),
            supports: lines(&supports.get_untracked()),
            date: day,
        };
        let Some(mut goal) = records.data.with_untracked(|d| d.get::<Goal>(id).cloned()) else {
            error.set("This goal is no longer on this device.".into());
            return;
        };
        let name = goal_owner_name(records, goal.student);
        let changed = match goal.edit(text, &teacher_ctx(records)) {
            Ok(c) => c,
            Err(e) => {
                error.set(sentence(e));
                return;
            }
        };
        error.set(String::new());
        if changed.is_empty() {
            editing.set(false);
            review.feedback.show(Ok("Nothing changed.".into()));
            return;
        }
        let parts: Vec<&str> = changed.iter().map(|f| field_words(*f)).collect();
        let said = format!(
            "Saved your changes to {name}'s goal ({}). They're marked as yours, so {name} can see them.",
            parts.join(", ")
        );
        match records.save(goal) {
            Ok(()) => review.feedback.show(Ok(said)),
            Err(e) => review.feedback.show(Err(format!(
                "Your changes are on screen, but this device could not save them: {e}"
            ))),
        }
        editing.set(false);
    };
    let has_error = move || !error.get().is_empty();
    view! {
        <form class="edit-together" on:submit=save novalidate>
            <p class="note">"Change the goal together with "<bdi>{name}</bdi>". Your changes are marked as yours."</p>
            <fieldset class="field targets-pick">
                <legend>"Learning targets"</legend>
                {choices.into_iter().map(|(tid, text)| {
                    let box_id = format!("edit-target-{tid}");
                    view! {
                        <div class="check">
                            <input type="checkbox" id=box_id.clone()
                                prop:checked=move || targets.with(|t| t.contains(&tid))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    targets.update(|t| {
                                        t.retain(|x| *x != tid);
                                        if on { t.push(tid); }
                                    });
                                }/>
                            <label for=box_id dir="auto">{text}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="edit-iwill">"I will"</label>
                <textarea id="edit-iwill" rows="2" dir="auto" prop:value=move || i_will.get()
                    on:input=move |ev| i_will.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for="edit-criteria">"I'll know I've got it when (one per line)"</label>
                <textarea id="edit-criteria" rows="2" dir="auto" prop:value=move || criteria.get()
                    on:input=move |ev| criteria.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for="edit-plan">"Plan (one step per line)"</label>
                <textarea id="edit-plan" rows="3" dir="auto" prop:value=move || plan.get()
                    on:input=move |ev| plan.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for="edit-supports">"Supports I need (one per line)"</label>
                <textarea id="edit-supports" rows="2" dir="auto" prop:value=move || supports.get()
                    on:input=move |ev| supports.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for="edit-date">"Target date"</label>
                <input id="edit-date" type="date" prop:value=move || date.get()
                    on:input=move |ev| date.set(event_target_value(&ev))/>
            </div>
            <Show when=has_error>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
            <div class="actions">
                <button type="submit" class="button">"Save changes"</button>
                <button type="button" class="button button-quiet"
                    on:click=move |_| editing.set(false)>"Cancel"</button>
            </div>
        </form>
    }
}

fn goal_owner_name(records: crate::state::RecordsState, student: Id) -> String {
    records.data.with_untracked(|d| {
        d.students
            .iter()
            .find(|s| s.meta.id == student)
            .map_or_else(|| "the student".to_string(), |s| s.name.clone())
    })
}
