//! "There is another version of this goal": when the goal was saved in another tab (or
//! on another device, through an import) while the student was writing here, both texts
//! are kept. The student's own stays in the builder; the other one is shown here until
//! the student uses it or keeps theirs.

use leptos::prelude::*;

use super::words::readable_day;
use crate::domain::{Goal, GoalText, Id, Record};
use crate::state::use_records;

/// The editable text of a stored goal, as the builder's form holds it.
pub fn text_of(g: &Goal) -> GoalText {
    GoalText {
        targets: g.targets.clone(),
        i_will: g.i_will.clone(),
        criteria: g.criteria.clone(),
        plan: g.plan.clone(),
        supports: g.supports.clone(),
        date: g.date,
    }
}

/// One list of the other version, or nothing when it is empty.
fn list(label: &'static str, items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <dt>{label}</dt>
            <dd>
                <ul>{items.into_iter().map(|i| view! { <li dir="auto">{i}</li> }).collect_view()}</ul>
            </dd>
        }
    })
}

/// The kept version (the newest first) and the two choices. `on_choose` gets the other
/// text ("Use the other version") or `None` ("Keep mine").
#[component]
pub fn OtherVersion(goal: Id, on_choose: Callback<Option<GoalText>>) -> impl IntoView {
    let records = use_records();
    let other = Memo::new(move |_| {
        records.data.with(|d| {
            d.get::<Goal>(goal).and_then(|g| {
                g.conflict_versions()
                    .into_iter()
                    .max_by_key(|o| o.meta.updated)
                    .map(|o| text_of(&o))
            })
        })
    });
    move || {
        other.get().map(|t| {
            let chosen = t.clone();
            let date = t.date.map(readable_day);
            view! {
                <section class="card other-version" aria-labelledby="other-version-heading">
                    <h2 id="other-version-heading" tabindex="-1">"There is another version of this goal"</h2>
                    <p>
                        "It was saved in another tab or on another device while you were writing here. "
                        "Both are kept: yours is in the form below, the other one is here. Choose which to keep."
                    </p>
                    <dl class="other-version-text">
                        <dt>"I will …"</dt>
                        <dd dir="auto">{if t.i_will.trim().is_empty() { "(empty)".to_string() } else { t.i_will.clone() }}</dd>
                        {list("I'll know I've got it when", t.criteria.clone())}
                        {list("My plan", t.plan.clone())}
                        {list("Supports I need", t.supports.clone())}
                        {date.map(|d| view! { <dt>"By when"</dt><dd>{d}</dd> })}
                    </dl>
                    <div class="actions">
                        <button type="button" class="button"
                            on:click=move |_| on_choose.run(Some(chosen.clone()))>
                            "Use the other version"
                        </button>
                        <button type="button" class="button button-quiet"
                            on:click=move |_| on_choose.run(None)>
                            "Keep mine"
                        </button>
                    </div>
                </section>
            }
        })
    }
}
