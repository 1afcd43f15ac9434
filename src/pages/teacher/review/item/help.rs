//! A help request, and the teacher marking it done.

use leptos::prelude::*;

use super::super::model::{self, sentence, HelpView, Key};
use super::super::undo::Before;
use super::super::{use_review, ShortcutsHint, PRIMARY};
use super::{ago, list_or_none, offer_undo, save_decision, Outcome, PanelHead};
use crate::domain::HelpFlag;
use crate::state::{teacher_ctx, use_records};

/// A help request.
#[component]
pub(super) fn HelpItem(key: Key) -> impl IntoView {
    let records = use_records();
    let review = use_review();
    let id = key.1;
    let help = Memo::new(move |_| records.data.with(|d| model::help_view(d, id)));
    let name = help.with_untracked(|v| v.as_ref().map(|v| v.name.clone()).unwrap_or_default());
    let error = RwSignal::new(String::new());
    let resolve = move |_| {
        let before = review.rows.get_untracked();
        let Some(mut h) = records
            .data
            .with_untracked(|d| d.get::<HelpFlag>(id).cloned())
        else {
            error.set("This help request is no longer on this device.".into());
            return;
        };
        let name = help.with_untracked(|v| v.as_ref().map(|v| v.name.clone()).unwrap_or_default());
        let undo = Some((Before::Help(h.clone()), None));
        if let Err(e) = h.resolve(&teacher_ctx(records)) {
            error.set(sentence(e));
            return;
        }
        let said = format!("Marked {name}'s help request as done.");
        let outcome = save_decision(records, h, None, said, true);
        offer_undo(review, key, &outcome, undo, Default::default(), name);
        match outcome {
            Outcome::Done { said, .. } => review.decided(key, &before, Ok(said)),
            Outcome::NotSaved(said) => review.decided(key, &before, Err(said)),
            Outcome::Refused(why) => error.set(why),
        }
    };
    view! {
        <PanelHead name=name.clone() what=" asked for help" key/>
        <div class="panel-body">
            {move || help.get().map(help_parts)}
            <Show when=move || !error.get().is_empty()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
            <div class="actions decision">
                <button type="button" id=PRIMARY class="button" aria-keyshortcuts=review.keys("a")
                    on:click=resolve>"Mark as done"</button>
            </div>
            <p class="note">"Mark it done once you've helped. The student's “I need help” button is ready again for next time."</p>
            <ShortcutsHint primary="mark as done"/>
        </div>
    }
}

fn help_parts(v: HelpView) -> AnyView {
    let note = v.flag.note.trim().to_string();
    let asked = ago(v.flag.meta.created);
    view! {
        <dl class="review-parts">
            <div class="review-part review-part-main">
                <dt>"What they said"</dt>
                <dd dir="auto">{if note.is_empty() { "They didn't add a note.".to_string() } else { format!("“{note}”") }}</dd>
            </div>
            <div class="review-part">
                <dt>"Asked"</dt>
                <dd>{asked}</dd>
            </div>
            {(!v.next_steps.is_empty()).then(|| view! {
                <div class="review-part">
                    <dt>"Where they are"</dt>
                    <dd>{list_or_none(v.next_steps.iter().map(|(u, a)| format!("{u}: next is {a}")).collect(), false)}</dd>
                </div>
            })}
        </dl>
    }
    .into_any()
}
