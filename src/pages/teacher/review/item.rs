//! The open item: what the student wrote, and the teacher's decision in one or two steps.
//!
//! Rooms, one per kind of item: `goal` (a submitted goal or an achievement claim), `idea`
//! (an own idea), `help` (a help request). What every kind shares is here: recording a
//! decision, the panel's head, the thread and the comment box.

mod goal;
mod help;
mod idea;

use leptos::prelude::*;

use super::model::{
    self, anchor_value, field_label, field_words, sentence, Key, ThreadLine, ANCHORS,
};
use super::undo::Before;
use super::{focus_later, use_review, Review, COMMENT, ITEM_HEADING};
use crate::domain::summary::{elapsed_words, waiting_words, QueueKind};
use crate::domain::{Comment, CommentOn, GoalField, Id, InClass, Timestamp};
use crate::state::{now, RecordsState};

use goal::GoalItem;
use help::HelpItem;
use idea::IdeaItem;

/// What a decision came to.
enum Outcome {
    /// The rule said no (or the comment is missing): nothing changed, say why here.
    Refused(String),
    /// Recorded and saved: say so; `advance` opens the next item (the item left the queue).
    Done { said: String, advance: bool },
    /// Recorded on screen but not saved on this device (storage full).
    NotSaved(String),
}

/// Saves one record, in words.
fn save<T: InClass + Send + Sync + 'static>(records: RecordsState, r: T) -> Result<(), String> {
    records.save(r).map_err(sentence)
}

/// Saves the decided record and, if any, the comment that goes with it.
fn save_decision<T: InClass + Send + Sync + 'static>(
    records: RecordsState,
    record: T,
    comment: Option<Comment>,
    said: String,
    advance: bool,
) -> Outcome {
    let result = save(records, record).and_then(|()| match comment {
        Some(c) => save(records, c),
        None => Ok(()),
    });
    match result {
        Ok(()) => Outcome::Done { said, advance },
        Err(e) => Outcome::NotSaved(format!(
            "{said} But this device could not save it: {e} It stays on screen until it can be saved."
        )),
    }
}

/// A teacher's comment on `on`, unless the box is empty.
fn optional_comment(
    student: Id,
    on: CommentOn,
    anchor: Option<GoalField>,
    text: &str,
    ctx: &crate::domain::Ctx,
) -> Result<Option<Comment>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Comment::new(Id::new_v4(), student, on, anchor, text, ctx)
        .map(Some)
        .map_err(sentence)
}

/// Offers to undo a decision that was recorded and saved (`undo` says what to put back).
fn offer_undo(
    review: Review,
    key: Key,
    outcome: &Outcome,
    undo: Option<(Before, Option<Id>)>,
    draft: (String, String),
    name: String,
) {
    match (outcome, undo) {
        (
            Outcome::Done {
                advance: true,
                said,
            },
            Some((before, comment)),
        ) => {
            review.offer_undo(key, before, comment, draft, name, said.clone());
        }
        _ => review.undo.set(None),
    }
}

/// The state of the decision form of one open item.
#[derive(Clone, Copy)]
struct DecisionForm {
    comment: RwSignal<String>,
    anchor: RwSignal<String>,
    error: RwSignal<String>,
}

impl DecisionForm {
    /// The form of `key`, with what was typed there before, if anything. What is typed
    /// is kept in the page's drafts, so moving to another item loses nothing.
    fn new(review: Review, key: Key) -> Self {
        let (comment, anchor) = review
            .drafts
            .with_value(|d| d.get(&key).cloned())
            .unwrap_or_default();
        let form = DecisionForm {
            comment: RwSignal::new(comment),
            anchor: RwSignal::new(anchor),
            error: RwSignal::new(String::new()),
        };
        Effect::new(move |_| {
            let draft = (form.comment.get(), form.anchor.get());
            review.drafts.update_value(|d| {
                if draft.0.is_empty() && draft.1.is_empty() {
                    d.remove(&key);
                } else {
                    d.insert(key, draft);
                }
            });
        });
        form
    }

    /// Shows what a decision came to; the typed comment is kept unless it was sent.
    fn finish(&self, review: Review, key: Key, before: &[model::Row], outcome: Outcome) {
        match outcome {
            Outcome::Refused(why) => {
                self.error.set(why);
                focus_later(COMMENT);
            }
            Outcome::Done { said, advance } => {
                self.error.set(String::new());
                self.comment.set(String::new());
                review.drafts.update_value(|d| {
                    d.remove(&key);
                });
                if advance {
                    review.decided(key, before, Ok(said));
                } else {
                    review.feedback.show(Ok(said));
                }
            }
            Outcome::NotSaved(said) => {
                self.error.set(String::new());
                review.drafts.update_value(|d| {
                    d.remove(&key);
                });
                review.decided(key, before, Err(said));
            }
        }
    }
}

/// The open item, whatever its kind.
#[component]
pub fn ItemPanel(
    /// Which item.
    key: Key,
) -> impl IntoView {
    match key.0 {
        QueueKind::Goal => view! { <GoalItem key claim=false/> }.into_any(),
        QueueKind::AchievementClaim => view! { <GoalItem key claim=true/> }.into_any(),
        QueueKind::OwnIdea => view! { <IdeaItem key/> }.into_any(),
        QueueKind::Help => view! { <HelpItem key/> }.into_any(),
    }
}

/// The heading of the open item, how long it has waited, and moving through the queue.
#[component]
fn PanelHead(
    /// The student's name.
    name: String,
    /// After the name: "'s goal".
    what: &'static str,
    /// Which item.
    key: Key,
) -> impl IntoView {
    let review = use_review();
    let since = review
        .all
        .with_untracked(|r| r.iter().find(|x| x.key() == key).map(|x| x.item.since));
    let place = move || review.rows.with(|r| model::position_words(r, key));
    view! {
        <div class="panel-head">
            <h2 id=ITEM_HEADING tabindex="-1"><bdi>{name}</bdi>{what}</h2>
            <p class="panel-meta">
                <span class=format!("queue-kind kind-{}", super::kind_slug(key.0))>{key.0.label()}</span>
                {since.map(|s| view! { <span>{waiting_words(s, now())}</span> })}
                <span>{place}</span>
            </p>
            <div class="panel-nav">
                <button type="button" class="button button-quiet button-small" aria-keyshortcuts=review.keys("p k")
                    on:click=move |_| review.step(-1)>"Previous"</button>
                <button type="button" class="button button-quiet button-small" aria-keyshortcuts=review.keys("n j")
                    on:click=move |_| review.step(1)>"Next"</button>
                <button type="button" class="button button-quiet button-small back-to-list"
                    on:click=move |_| review.back_to_list()>"Back to the list"</button>
            </div>
        </div>
    }
}

/// A list of the student's lines, or a quiet "not written yet".
fn list_or_none(items: Vec<String>, ordered: bool) -> AnyView {
    if items.is_empty() {
        return view! { <p class="not-yet">"Not written yet"</p> }.into_any();
    }
    let lis = items
        .into_iter()
        .map(|t| view! { <li dir="auto">{t}</li> })
        .collect_view();
    if ordered {
        view! { <ol class="part-list">{lis}</ol> }.into_any()
    } else {
        view! { <ul class="part-list">{lis}</ul> }.into_any()
    }
}

/// Earlier comments on the item.
#[component]
fn Thread(lines: Vec<ThreadLine>) -> impl IntoView {
    (!lines.is_empty()).then(|| {
        let now = now();
        view! {
            <h3>"Comments so far"</h3>
            <ul class="thread">
                {lines.into_iter().map(|l| {
                    let about = l.about.map(|f| format!(" · about {}", field_words(f)));
                    view! {
                        <li>
                            <span class="thread-who">{l.author}</span>
                            <span class="note">{format!(" · {} ago", elapsed_words(l.at, now))}{about}</span>
                            <p class="thread-text" dir="auto">{l.text}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// The comment box, its optional "About which part?", and the error if any.
#[component]
fn CommentBox(
    form: DecisionForm,
    /// The student's name, for the label.
    name: String,
    /// What the comment is for, under the label.
    hint: &'static str,
    /// Offer "About which part?" (goals only).
    #[prop(optional)]
    with_anchor: bool,
) -> impl IntoView {
    let has_error = move || !form.error.get().is_empty();
    view! {
        {with_anchor.then(|| view! {
            <div class="field">
                <label for="review-anchor">"About which part? (optional)"</label>
                <select id="review-anchor" prop:value=move || form.anchor.get()
                    on:change=move |ev| form.anchor.set(event_target_value(&ev))>
                    <option value="">"The whole goal"</option>
                    {ANCHORS.into_iter().map(|f| view! {
                        <option value=anchor_value(Some(f))>{field_label(f)}</option>
                    }).collect_view()}
                </select>
            </div>
        })}
        <div class="field">
            <label for=COMMENT>"Your comment to "<bdi>{name}</bdi></label>
            <p class="note field-hint" id="review-comment-hint">{hint}</p>
            <textarea id=COMMENT rows="3" dir="auto"
                aria-describedby="review-comment-hint"
                aria-invalid=move || has_error().then_some("true")
                prop:value=move || form.comment.get()
                on:input=move |ev| form.comment.set(event_target_value(&ev))></textarea>
        </div>
        <Show when=has_error>
            <p class="error" role="alert">{move || form.error.get()}</p>
        </Show>
    }
}

/// "3 days ago".
fn ago(at: Timestamp) -> String {
    format!("{} ago", elapsed_words(at, now()))
}
