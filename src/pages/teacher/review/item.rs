//! The open item: what the student wrote, and the teacher's decision in one or two steps.

use leptos::prelude::*;

use super::edit::EditTogether;
use super::model::{
    self, anchor_value, day_words, field_label, field_words, parse_anchor, sentence, GoalView,
    HelpView, IdeaView, Key, ThreadLine, ANCHORS,
};
use super::undo::Before;
use super::{focus_later, use_review, Review, ShortcutsHint, COMMENT, ITEM_HEADING, PRIMARY};
use crate::domain::summary::{elapsed_words, waiting_words, QueueKind};
use crate::domain::{
    Comment, CommentOn, FormatChoice, Goal, GoalField, HelpFlag, Id, InClass, Timestamp,
};
use crate::state::{now, teacher_ctx, use_records, RecordsState};

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

/// A submitted goal, or a goal the student says is achieved (`claim`).
#[component]
fn GoalItem(key: Key, claim: bool) -> impl IntoView {
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

/// An own-idea proposal for showing learning.
#[component]
fn IdeaItem(key: Key) -> impl IntoView {
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

/// A help request.
#[component]
fn HelpItem(key: Key) -> impl IntoView {
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

/// "3 days ago".
fn ago(at: Timestamp) -> String {
    format!("{} ago", elapsed_words(at, now()))
}
