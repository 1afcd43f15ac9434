//! An own-idea proposal for showing learning, and the teacher's OK or request.

use leptos::prelude::*;

use super::super::model::{self, sentence, IdeaView, Key};
use super::super::undo::Before;
use super::super::{use_review, ShortcutsHint, PRIMARY};
use super::{
    offer_undo, optional_comment, save, save_decision, CommentBox, DecisionForm, Outcome,
    PanelHead, Thread,
};
use crate::domain::{CommentOn, FormatChoice};
use crate::state::{teacher_ctx, use_records};

/// An own-idea proposal for showing learning.
#[component]
pub(super) fn IdeaItem(key: Key) -> impl IntoView {
    let records = use_records();
    let review = use_review();
    let id = key.1;
    let idea = Memo::new(move |_| records.data.with(|d| model::idea_view(d, id)));
    let name = idea.with_untracked(|v| v.as_ref().map(|v| v.name.clone()).unwrap_or_default());
    let form = DecisionForm::new(review, key);
    let decide = move |act: IdeaAct| {
        let before = review.rows.get_untracked();
        let Some(mut c) = records
            .data
            .with_untracked(|d| d.get::<FormatChoice>(id).cloned())
        else {
            form.finish(
                review,
                key,
                &before,
                Outcome::Refused("This idea is no longer on this device.".into()),
            );
            return;
        };
        let name = idea.with_untracked(|v| v.as_ref().map(|v| v.name.clone()).unwrap_or_default());
        let text = form.comment.get_untracked();
        let ctx = teacher_ctx(records);
        let on = CommentOn::Format(id);
        let draft = (text.clone(), String::new());
        let mut undo = None;
        let outcome = (|| -> Result<Outcome, String> {
            Ok(match act {
                IdeaAct::Approve => {
                    let comment = optional_comment(c.student, on, None, &text, &ctx)?;
                    undo = Some((Before::Idea(c.clone()), comment.as_ref().map(|c| c.meta.id)));
                    c.approve(text.trim(), &ctx).map_err(sentence)?;
                    save_decision(records, c, comment, format!("Approved {name}'s own idea."), true)
                }
                IdeaAct::RequestChanges => {
                    if text.trim().is_empty() {
                        return Ok(Outcome::Refused(format!(
                            "Write what should change first, so {name} knows what to do next. Nothing was sent."
                        )));
                    }
                    c.request_changes(&text, &ctx).map_err(sentence)?;
                    save_decision(records, c, None, format!("Asked {name} for changes to their idea."), true)
                }
                IdeaAct::CommentOnly => {
                    if text.trim().is_empty() {
                        return Ok(Outcome::Refused("Write your comment first.".into()));
                    }
                    let comment = optional_comment(c.student, on, None, &text, &ctx)?;
                    match comment.map(|c| save(records, c)) {
                        Some(Err(e)) => Outcome::Refused(format!("Your comment could not be saved: {e}")),
                        _ => Outcome::Done {
                            said: format!("Your comment is on {name}'s idea."),
                            advance: false,
                        },
                    }
                }
            })
        })()
        .unwrap_or_else(Outcome::Refused);
        offer_undo(review, key, &outcome, undo, draft, name);
        form.finish(review, key, &before, outcome);
    };
    view! {
        <PanelHead name=name.clone() what="'s own idea" key/>
        <div class="panel-body">
            {move || idea.get().map(idea_parts)}
            <h3>"Your decision"</h3>
            <CommentBox form name=name.clone()
                hint="Needed to request changes. With an approval, it goes to the student as feedback."/>
            <div class="actions decision">
                <button type="button" id=PRIMARY class="button" aria-keyshortcuts=review.keys("a")
                    on:click=move |_| decide(IdeaAct::Approve)>"Approve"</button>
                <button type="button" class="button button-quiet" aria-keyshortcuts=review.keys("r")
                    on:click=move |_| decide(IdeaAct::RequestChanges)>"Request changes"</button>
                <button type="button" class="button button-quiet"
                    on:click=move |_| decide(IdeaAct::CommentOnly)>"Send comment only"</button>
            </div>
            <ShortcutsHint primary="approve" secondary="request changes"/>
        </div>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum IdeaAct {
    Approve,
    RequestChanges,
    CommentOnly,
}

fn idea_parts(v: IdeaView) -> AnyView {
    let why = v.choice.why.trim().to_string();
    view! {
        <dl class="review-parts">
            <div class="review-part review-part-main">
                <dt>"Their idea"</dt>
                <dd dir="auto">{v.choice.idea.trim().to_string()}</dd>
            </div>
            <div class="review-part">
                <dt>"Why it fits them"</dt>
                <dd dir="auto">{if why.is_empty() { "They didn't say.".to_string() } else { why }}</dd>
            </div>
            <div class="review-part">
                <dt>"For"</dt>
                <dd dir="auto">{v.for_what.clone()}</dd>
            </div>
            {(!v.menu.is_empty()).then(|| view! {
                <div class="review-part">
                    <dt>"The menu offered"</dt>
                    <dd>{v.menu.join(", ")}</dd>
                </div>
            })}
        </dl>
        <Thread lines=v.thread.clone()/>
    }
    .into_any()
}
