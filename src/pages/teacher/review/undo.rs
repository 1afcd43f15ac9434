//! "Undo" for a decision made a moment ago: approving, confirming or marking as done (by
//! a click or by the one-key shortcut A) can be taken back for ten seconds. The record
//! gets back what it was before (`domain::undo::undo_change`), a comment that went with
//! the decision is deleted and its text goes back into the comment box.

use std::time::Duration;

use leptos::prelude::*;

use super::model::{sentence, Key};
use super::{use_review, Review};
use crate::domain::undo::{undo_change, UNDO_WINDOW_MS};
use crate::domain::{Comment, FormatChoice, Goal, HelpFlag, Id, InClass, Record};
use crate::state::{teacher_ctx, use_records, RecordsState};

/// The record as it was before the decision.
#[derive(Clone, Debug)]
pub enum Before {
    /// A goal (approved, or confirmed as achieved).
    Goal(Goal),
    /// An own idea (approved).
    Idea(FormatChoice),
    /// A help request (marked as done).
    Help(HelpFlag),
}

/// A decision that can still be taken back.
#[derive(Clone, Debug)]
pub struct UndoOffer {
    /// Tells this offer from a later one (only its own timer clears it).
    seq: u64,
    /// The item it was about (it opens again on undo).
    key: Key,
    /// The record before the decision.
    before: Before,
    /// The comment that went with the decision, if any.
    comment: Option<Id>,
    /// What was in the comment box and the part chosen, put back on undo.
    draft: (String, String),
    /// The student's name.
    name: String,
    /// What the decision did, in words ("Approved Ana's goal.").
    said: String,
}

impl Review {
    /// Offers to undo the decision on `key` for [`UNDO_WINDOW_MS`].
    pub(super) fn offer_undo(
        &self,
        key: Key,
        before: Before,
        comment: Option<Id>,
        draft: (String, String),
        name: String,
        said: String,
    ) {
        let seq = self
            .undo
            .with_untracked(|o| o.as_ref().map_or(0, |o| o.seq))
            + 1;
        self.undo.set(Some(UndoOffer {
            seq,
            key,
            before,
            comment,
            draft,
            name,
            said,
        }));
        let undo = self.undo;
        set_timeout(
            move || {
                if undo.with_untracked(|o| o.as_ref().is_some_and(|o| o.seq == seq)) {
                    undo.set(None);
                }
            },
            Duration::from_millis(UNDO_WINDOW_MS as u64),
        );
    }

    /// Takes the offered decision back and opens the item again.
    pub(super) fn take_back(&self, records: RecordsState) {
        let Some(offer) = self.undo.get_untracked() else {
            return;
        };
        self.undo.set(None);
        match take_back(records, &offer) {
            Ok(()) => {
                if offer.draft.0.is_empty() && offer.draft.1.is_empty() {
                    self.drafts.update_value(|d| {
                        d.remove(&offer.key);
                    });
                } else {
                    self.drafts.update_value(|d| {
                        d.insert(offer.key, offer.draft.clone());
                    });
                }
                self.feedback.show(Ok(format!(
                    "Undone: {}'s {} is waiting for you again.",
                    offer.name,
                    match offer.before {
                        Before::Goal(_) => "goal",
                        Before::Idea(_) => "idea",
                        Before::Help(_) => "help request",
                    }
                )));
                self.go(Some(offer.key));
            }
            Err(e) => self.feedback.show(Err(e)),
        }
    }
}

/// Puts the records back as they were before the decision.
fn take_back(records: RecordsState, offer: &UndoOffer) -> Result<(), String> {
    match &offer.before {
        Before::Goal(g) => restore(records, g)?,
        Before::Idea(c) => restore(records, c)?,
        Before::Help(h) => restore(records, h)?,
    }
    if let Some(id) = offer.comment {
        if let Some(mut c) = records
            .data
            .with_untracked(|d| d.get::<Comment>(id).cloned())
        {
            c.tombstone(&teacher_ctx(records));
            records.save(c).map_err(sentence)?;
        }
    }
    Ok(())
}

fn restore<T: InClass + Send + Sync + 'static>(
    records: RecordsState,
    before: &T,
) -> Result<(), String> {
    let after = records
        .data
        .with_untracked(|d| d.get::<T>(before.id()).cloned())
        .ok_or_else(|| "This is no longer on this device, so it can't be undone.".to_string())?;
    let restored = undo_change(before, &after, &teacher_ctx(records)).map_err(sentence)?;
    records.save(restored).map_err(sentence)
}

/// What was just decided and its Undo button, while it can still be taken back: at the
/// top of the open item (or of the empty queue), where the eyes and the focus are.
#[component]
pub fn UndoBar() -> impl IntoView {
    let review = use_review();
    let records = use_records();
    let said = move || {
        review
            .undo
            .with(|o| o.as_ref().map(|o| o.said.clone()).unwrap_or_default())
    };
    view! {
        <Show when=move || review.undo.with(Option::is_some)>
            <div class="undo-bar">
                <p>{said}" "<span class="note">"You can undo it for 10 seconds."</span></p>
                <button type="button" id=super::UNDO class="button button-quiet button-small"
                    aria-keyshortcuts=review.keys("u")
                    on:click=move |_| review.take_back(records)>
                    "Undo"
                </button>
            </div>
        </Show>
    }
}
