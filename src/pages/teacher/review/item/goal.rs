//! A submitted goal, or a goal the student says is achieved: the goal part by part, and
//! the teacher's decision.

use leptos::prelude::*;

use super::super::edit::EditTogether;
use super::super::model::{self, day_words, field_words, parse_anchor, sentence, GoalView, Key};
use super::super::undo::Before;
use super::super::{use_review, ShortcutsHint, PRIMARY};
use super::{
    list_or_none, offer_undo, optional_comment, save, save_decision, CommentBox, DecisionForm,
    Outcome, PanelHead, Thread,
};
use crate::domain::{CommentOn, Goal, GoalField};
use crate::state::{teacher_ctx, use_records};

/// "changed by you" beside a part the teacher edited with the student.
fn mark(v: &GoalView, f: GoalField) -> Option<AnyView> {
    v.goal
        .teacher_marks
        .contains(&f)
        .then(|| view! { <span class="review-mark">"changed by you"</span> }.into_any())
}

/// The goal as the student wrote it, part by part.
fn goal_parts(v: GoalView) -> AnyView {
    let targets = if v.targets.is_empty() {
        view! { <p class="not-yet">"No target chosen yet"</p> }.into_any()
    } else {
        view! {
            <ul class="part-list">
                {v.targets.iter().cloned().map(|(text, code)| view! {
                    <li dir="auto">{text}{(!code.is_empty()).then(|| view! { <span class="note target-code-inline">{format!(" ({code})")}</span> })}</li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let i_will = v.goal.i_will.trim().to_string();
    let date = v.goal.date.map(day_words);
    view! {
        <dl class="review-parts">
            <div class="review-part">
                <dt>"Learning targets"{mark(&v, GoalField::Targets)}</dt>
                <dd>{targets}</dd>
            </div>
            <div class="review-part review-part-main">
                <dt>"I will"{mark(&v, GoalField::IWill)}</dt>
                <dd dir="auto">{if i_will.is_empty() { view! { <span class="not-yet">"Not written yet"</span> }.into_any() } else { view! { <span>{i_will}</span> }.into_any() }}</dd>
            </div>
            <div class="review-part">
                <dt>"I'll know I've got it when"{mark(&v, GoalField::SuccessCriteria)}</dt>
                <dd>{list_or_none(v.goal.criteria.clone(), false)}</dd>
            </div>
            <div class="review-part">
                <dt>"Plan"{mark(&v, GoalField::Plan)}</dt>
                <dd>{list_or_none(v.goal.plan.clone(), true)}</dd>
            </div>
            <div class="review-part">
                <dt>"Supports I need"{mark(&v, GoalField::Supports)}</dt>
                <dd>{list_or_none(v.goal.supports.clone(), false)}</dd>
            </div>
            <div class="review-part">
                <dt>"Target date"{mark(&v, GoalField::Date)}</dt>
                <dd>{date.unwrap_or_else(|| "No date yet".to_string())}</dd>
            </div>
            {(!v.formats.is_empty()).then(|| view! {
                <div class="review-part">
                    <dt>"How they'll show it"</dt>
                    <dd>{list_or_none(v.formats.clone(), false)}</dd>
                </div>
            })}
            {(!v.paths.is_empty()).then(|| view! {
                <div class="review-part">
                    <dt>"Their path"</dt>
                    <dd>{list_or_none(v.paths.iter().map(|(u, p)| format!("{u}: {p}% done")).collect(), false)}</dd>
                </div>
            })}
        </dl>
        {v.earlier_request.clone().map(|(why, about)| view! {
            <p class="earlier-request">
                <strong>{match about { Some(f) => format!("You asked before, about {}: ", field_words(f)), None => "You asked before: ".to_string() }}</strong>
                <span dir="auto">{format!("“{why}”")}</span>
            </p>
        })}
        <Thread lines=v.thread.clone()/>
    }
    .into_any()
}

/// A submitted goal, or a goal the student says is achieved (`claim`).
#[component]
pub(super) fn GoalItem(key: Key, claim: bool) -> impl IntoView {
    let records = use_records();
    let review = use_review();
    let id = key.1;
    let goal = Memo::new(move |_| records.data.with(|d| model::goal_view(d, id)));
    let name = goal.with_untracked(|g| g.as_ref().map(|g| g.name.clone()).unwrap_or_default());
    let form = DecisionForm::new(review, key);
    let editing = RwSignal::new(false);

    // Every decision: the goal as stored now, the teacher acting now.
    let decide = move |act: GoalAct| {
        let before = review.rows.get_untracked();
        let Some(mut g) = records.data.with_untracked(|d| d.get::<Goal>(id).cloned()) else {
            form.finish(
                review,
                key,
                &before,
                Outcome::Refused("This goal is no longer on this device.".into()),
            );
            return;
        };
        let name = goal.with_untracked(|v| v.as_ref().map(|v| v.name.clone()).unwrap_or_default());
        let text = form.comment.get_untracked();
        let anchor = parse_anchor(&form.anchor.get_untracked());
        let ctx = teacher_ctx(records);
        let on = CommentOn::Goal(id);
        let draft = (text.clone(), form.anchor.get_untracked());
        // What an Undo would put back (set when the decision can be undone).
        let mut undo = None;
        let outcome = (|| -> Result<Outcome, String> {
            Ok(match act {
                GoalAct::Approve | GoalAct::Confirm => {
                    let comment = optional_comment(g.student, on, anchor, &text, &ctx)?;
                    undo = Some((Before::Goal(g.clone()), comment.as_ref().map(|c| c.meta.id)));
                    let why = text.trim();
                    let said = if act == GoalAct::Approve {
                        g.approve(why, &ctx).map_err(sentence)?;
                        format!("Approved {name}'s goal.")
                    } else {
                        g.achieve(why, &ctx).map_err(sentence)?;
                        format!("Confirmed: {name} achieved the goal.")
                    };
                    let said = if comment.is_some() {
                        format!("{said} Your comment went with it.")
                    } else {
                        said
                    };
                    save_decision(records, g, comment, said, true)
                }
                GoalAct::RequestChanges => {
                    if text.trim().is_empty() {
                        return Ok(Outcome::Refused(format!(
                            "Write what should change first, so {name} knows what to do next. Nothing was sent."
                        )));
                    }
                    g.request_changes(&text, anchor, &ctx)
                        .map_err(sentence)?;
                    let said = match anchor {
                        Some(f) => format!("Asked {name} for changes to {}.", field_words(f)),
                        None => format!("Asked {name} for changes."),
                    };
                    save_decision(records, g, None, said, true)
                }
                GoalAct::NotYet => {
                    if text.trim().is_empty() {
                        return Ok(Outcome::Refused(format!(
                            "Say what is still needed first, so {name} knows what to do next. Nothing was sent."
                        )));
                    }
                    let comment = optional_comment(g.student, on, anchor, &text, &ctx)?;
                    g.clear_claim(&ctx).map_err(sentence)?;
                    let said = format!("Told {name} the goal isn't achieved yet, with your comment.");
                    save_decision(records, g, comment, said, true)
                }
                GoalAct::CommentOnly => {
                    if text.trim().is_empty() {
                        return Ok(Outcome::Refused(format!(
                            "Write your comment first. {name} will see it under “What my teacher said”."
                        )));
                    }
                    let comment = optional_comment(g.student, on, anchor, &text, &ctx)?;
                    match comment.map(|c| save(records, c)) {
                        Some(Err(e)) => Outcome::Refused(format!("Your comment could not be saved: {e}")),
                        _ => Outcome::Done {
                            said: format!("Your comment is on {name}'s goal."),
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

    let (what, primary, secondary, hint) = if claim {
        (
            " says a goal is achieved",
            "Confirm achieved",
            "Not yet",
            "Needed for “Not yet”: say what is still missing. With a confirmation, it goes to the student as feedback.",
        )
    } else {
        (
            "'s goal",
            "Approve",
            "Request changes",
            "Needed to request changes. With an approval, it goes to the student as feedback.",
        )
    };
    let (primary_act, secondary_act) = if claim {
        (GoalAct::Confirm, GoalAct::NotYet)
    } else {
        (GoalAct::Approve, GoalAct::RequestChanges)
    };
    let decide_primary = move |_| decide(primary_act);
    let decide_secondary = move |_| decide(secondary_act);
    let comment_only = move |_| decide(GoalAct::CommentOnly);
    let edit_name = name.clone();
    view! {
        <PanelHead name=name.clone() what key/>
        <div class="panel-body">
            <div class="read-head">
                <h3>{if claim { "The goal" } else { "What they wrote" }}</h3>
                {(!claim).then(|| view! {
                    <button type="button" class="button button-quiet button-small"
                        aria-expanded=move || editing.get().to_string()
                        on:click=move |_| editing.update(|e| *e = !*e)>
                        {move || if editing.get() { "Stop editing" } else { "Edit together" }}
                    </button>
                })}
            </div>
            <Show when=move || editing.get()>
                <EditTogether id name=edit_name.clone() editing/>
            </Show>
            <Show when=move || !editing.get()>
                {move || goal.get().map(goal_parts)}
            </Show>
            <h3>{if claim { "Is it achieved?" } else { "Your decision" }}</h3>
            <CommentBox form name=name.clone() hint with_anchor=true/>
            <div class="actions decision">
                <button type="button" id=PRIMARY class="button" aria-keyshortcuts=review.keys("a")
                    on:click=decide_primary>{primary}</button>
                <button type="button" class="button button-quiet" aria-keyshortcuts=review.keys("r")
                    on:click=decide_secondary>{secondary}</button>
                <button type="button" class="button button-quiet" on:click=comment_only>
                    "Send comment only"
                </button>
            </div>
            <ShortcutsHint
                primary=if claim { "confirm achieved" } else { "approve" }
                secondary=if claim { "not yet" } else { "request changes" }/>
        </div>
    }
}

/// What the teacher does with a goal.
#[derive(Clone, Copy, PartialEq, Eq)]
enum GoalAct {
    Approve,
    RequestChanges,
    Confirm,
    NotYet,
    CommentOnly,
}
