//! The student's work as the teacher sees it: goals by state and evidence (the newest
//! twenty first, older ones on request), each with its comment thread and a box to add a
//! comment; path progress per unit; open help requests with "Mark as done".

use std::collections::HashMap;

use leptos::prelude::*;

use super::model::{
    comment_threads, commented_on, evidence_lines, evidence_title, goals_by_state, open_help,
    path_lines, sentence, short, state_words, steps_words, CommentLine, EvidenceLine, GoalLine,
};
use super::when;
use crate::components::{focus_later, Feedback, FeedbackLines, Link, ShowOlder};
use crate::domain::{Comment, CommentOn, Goal, HelpFlag, Id, ReviewState};
use crate::state::{teacher_ctx, use_records, TeacherView};

/// Every comment thread on the page, built once for all of them.
pub type Threads = Memo<HashMap<CommentOn, Vec<CommentLine>>>;

/// The threads on `student`'s goals and evidence, for the whole page.
pub fn threads(student: Id) -> Threads {
    let records = use_records();
    Memo::new(move |_| {
        records
            .data
            .with(|d| comment_threads(d, commented_on(d, student)))
    })
}

/// The thread on one goal or piece of evidence and a box to add a comment. What is typed
/// stays in the box until it is saved.
#[component]
fn CommentBox(
    /// The student whose work it is.
    student: Id,
    /// The page's threads.
    threads: Threads,
    /// What the comments are on.
    on: CommentOn,
    /// Short words for what it is on, for screen readers ("on: I will read two books").
    about: String,
) -> impl IntoView {
    let records = use_records();
    let lines = Memo::new(move |_| threads.with(|t| t.get(&on).cloned().unwrap_or_default()));
    let text = RwSignal::new(String::new());
    let feedback = Feedback::default();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ctx = teacher_ctx(records);
        let result = Comment::new(Id::new_v4(), student, on, None, &text.get_untracked(), &ctx)
            .map_err(sentence)
            .and_then(|c| {
                records.save(c).map_err(|e| {
                    format!(
                        "{} Your comment is still in the box: try again after making room.",
                        sentence(e)
                    )
                })
            });
        if result.is_ok() {
            text.set(String::new());
        }
        feedback.show(result.map(|()| "Comment added. They see it with their work.".into()));
    };
    let field_id = format!("ts-comment-{}", on);
    let has_lines = move || lines.with(|l| !l.is_empty());
    view! {
        <div class="ts-comments">
            <Show when=has_lines>
                <ul class="ts-thread">
                    <For each=move || lines.get() key=|l| l.id let:l>
                        <li>
                            <span class="ts-comment-meta">{format!("{} · {}", l.author, when(l.at))}</span>
                            <span class="ts-comment-text" dir="auto">{l.text}</span>
                        </li>
                    </For>
                </ul>
            </Show>
            <form class="ts-comment-form" on:submit=add novalidate>
                <div class="field">
                    <label for=field_id.clone()>
                        "Add a comment"<span class="visually-hidden">{format!(" on: {about}")}</span>
                    </label>
                    <textarea id=field_id.clone() class="ts-short" rows="2" dir="auto"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <div class="actions">
                    <button type="submit" class="button button-quiet">"Add comment"</button>
                </div>
                <FeedbackLines feedback/>
            </form>
        </div>
    }
}

/// One goal: its words, its state's date, a link to the review queue when it waits
/// there, "Reopen this goal" once it is approved, and its comments.
#[component]
fn GoalItem(
    student: Id,
    threads: Threads,
    goal: GoalLine,
    state: ReviewState,
    /// Where the section says what a reopen did.
    feedback: Feedback,
) -> impl IntoView {
    let heading = format!("ts-goal-{}", goal.id);
    let labelled = heading.clone();
    let waits = state == ReviewState::Submitted || goal.claimed;
    let reopen = (state == ReviewState::Approved)
        .then(|| view! { <ReopenGoal id=goal.id title=short(&goal.title, 80) feedback/> });
    view! {
        <li class="ts-item">
            <section aria-labelledby=labelled>
                <h4 id=heading dir="auto" tabindex="-1">{goal.title.clone()}</h4>
                <p class="note">
                    {format!("Last change: {}", when(goal.since))}
                    {goal.claimed.then_some(" · They say they've achieved it")}
                </p>
                {waits.then(|| view! {
                    <p><Link to=TeacherView::Review.path()>"Open the review queue"</Link></p>
                })}
                {reopen}
                <CommentBox student threads on=CommentOn::Goal(goal.id) about=short(&goal.title, 80)/>
            </section>
        </li>
    }
}

/// Takes back an approval: the goal becomes a draft the student can change again, with
/// the teacher's reason (optional) in its history. Asked once before it is done.
#[component]
fn ReopenGoal(
    /// The approved goal.
    id: Id,
    /// Its short title, so each button has a name of its own.
    title: String,
    /// Where the section says what happened.
    feedback: Feedback,
) -> impl IntoView {
    let records = use_records();
    let asking = RwSignal::new(false);
    let why = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let why_id = format!("ts-reopen-why-{id}");
    let reopen = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = records.change(id, &teacher_ctx(records), |g: &mut Goal, ctx| {
            g.reopen(&why.get_untracked(), ctx)
        });
        match result {
            Ok(()) => {
                feedback.show(Ok(
                    "Reopened the goal: it is a draft again, so they can change it and send it back to you."
                        .into(),
                ));
                focus_later(format!("ts-goal-{id}"));
            }
            Err(e) => error.set(e),
        }
    };
    let open_id = why_id.clone();
    view! {
        <Show when=move || asking.get()
            fallback=move || {
                let title = title.clone();
                let open_id = open_id.clone();
                view! {
                    <p>
                        <button type="button" class="button button-quiet button-small"
                            id=format!("ts-reopen-{id}")
                            on:click=move |_| {
                                asking.set(true);
                                focus_later(open_id.clone());
                            }>
                            "Reopen this goal"<span class="visually-hidden">{format!(": {title}")}</span>
                        </button>
                    </p>
                }
            }>
            <form class="ts-reopen" on:submit=reopen novalidate>
                <div class="field">
                    <label for=why_id.clone()>"Why reopen it? (optional: the student sees it)"</label>
                    <textarea id=why_id.clone() class="ts-short" rows="2" dir="auto"
                        prop:value=move || why.get()
                        on:input=move |ev| why.set(event_target_value(&ev))></textarea>
                </div>
                <Show when=move || !error.get().is_empty()>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
                <div class="actions">
                    <button type="submit" class="button">"Reopen it as a draft"</button>
                    <button type="button" class="button button-quiet"
                        on:click=move |_| {
                            asking.set(false);
                            focus_later(format!("ts-reopen-{id}"));
                        }>"Keep it approved"</button>
                </div>
            </form>
        </Show>
    }
}

/// The student's goals grouped by state, what needs the teacher first.
#[component]
pub fn GoalsSection(student: Id, threads: Threads) -> impl IntoView {
    let records = use_records();
    // Keyed on ids and states only, so typing in a comment box survives other changes.
    let groups = Memo::new(move |_| records.data.with(|d| goals_by_state(d, student)));
    let empty = move || groups.with(Vec::is_empty);
    let feedback = Feedback::default();
    view! {
        <section class="card ts-section" aria-labelledby="ts-goals">
            <h2 id="ts-goals">"Goals"</h2>
            <FeedbackLines feedback/>
            <Show when=empty>
                <p>"No goals yet. Goals they draft show here, and in the review queue once they send them."</p>
            </Show>
            <For each=move || groups.get() key=|g| (g.0, g.1.iter().map(|l| (l.id, l.claimed, l.title.clone())).collect::<Vec<_>>()) let:g>
                {
                    let (state, goals) = g;
                    let count = goals.len();
                    view! {
                        <h3 class="ts-state">{format!("{} ({count})", state_words(state))}</h3>
                        <ul class="ts-list">
                            {goals.into_iter().map(|goal| view! { <GoalItem student threads goal state feedback/> }).collect_view()}
                        </ul>
                    }
                }
            </For>
        </section>
    }
}

/// One piece of evidence: its words, the link as text (opened only on purpose, in a new
/// tab, with no access back to this page), what it is for, and its comments.
#[component]
fn EvidenceItem(student: Id, threads: Threads, item: EvidenceLine) -> impl IntoView {
    let heading = format!("ts-evidence-{}", item.id);
    let labelled = heading.clone();
    let title = evidence_title(
        &item.text,
        item.link
            .as_deref()
            .or(item.bad_link.as_deref())
            .unwrap_or(""),
    );
    let link = item.link.clone().map(|href| {
        view! {
            <p class="ts-link">
                <a href=href.clone() target="_blank" rel="noopener noreferrer nofollow" dir="ltr">
                    {href.clone()}
                    <span class="visually-hidden">" (opens in a new tab)"</span>
                </a>
            </p>
        }
    });
    let bad = item.bad_link.clone().map(|l| {
        view! { <p class="ts-link note" dir="ltr">{format!("{l} (not a web link, so it isn't clickable)")}</p> }
    });
    view! {
        <li class="ts-item">
            <section aria-labelledby=labelled>
                // Focused when "Show older evidence" brings it onto the page.
                <h3 id=heading dir="auto" tabindex="-1">{title.clone()}</h3>
                {(!item.text.trim().is_empty()).then(|| view! { <p class="ts-evidence-text" dir="auto">{item.text.clone()}</p> })}
                {link}
                {bad}
                <p class="note">
                    {format!("{} · Added: {}", item.for_words, when(item.at))}
                    {item.family_shared.then_some(" · Shared with their family")}
                </p>
                <CommentBox student threads on=CommentOn::Evidence(item.id) about=title/>
            </section>
        </li>
    }
}

/// How many pieces of evidence the page shows at first, and adds at each "Show older".
const EVIDENCE_STEP: usize = 20;

/// Everything the student added as evidence, newest first: twenty at a time, so the
/// page stays quick with a year of work (150 pieces, each with its comments).
#[component]
pub fn EvidenceSection(student: Id, threads: Threads) -> impl IntoView {
    let records = use_records();
    let items = Memo::new(move |_| records.data.with(|d| evidence_lines(d, student)));
    let shown = RwSignal::new(EVIDENCE_STEP);
    let empty = move || items.with(Vec::is_empty);
    let total = Signal::derive(move || items.with(Vec::len));
    let focus_id = Callback::new(move |i: usize| {
        items.with_untracked(|v| v.get(i).map(|e| format!("ts-evidence-{}", e.id)))
    });
    view! {
        <section class="card ts-section" aria-labelledby="ts-evidence">
            <h2 id="ts-evidence">"Evidence"</h2>
            <Show when=empty>
                <p>"No evidence yet. What they add on their progress page or to a goal shows here."</p>
            </Show>
            <ul class="ts-list">
                <For
                    each=move || items.with(|v| v.iter().take(shown.get()).cloned().collect::<Vec<_>>())
                    key=|e| e.clone()
                    let:item
                >
                    <EvidenceItem student threads item/>
                </For>
            </ul>
            <ShowOlder total shown step=EVIDENCE_STEP one="piece of evidence" many="pieces of evidence" focus_id/>
        </section>
    }
}

/// Progress along each unit's path.
#[component]
pub fn PathSection(student: Id) -> impl IntoView {
    let records = use_records();
    let paths = Memo::new(move |_| records.data.with(|d| path_lines(d, student)));
    let empty = move || paths.with(Vec::is_empty);
    view! {
        <section class="card ts-section" aria-labelledby="ts-path">
            <h2 id="ts-path">"Path"</h2>
            <Show when=empty>
                <p>"No path chosen yet."</p>
            </Show>
            <ul class="ts-paths">
                <For each=move || paths.get() key=|p| p.clone() let:p>
                    <li>
                        <span class="ts-path-unit" dir="auto">{p.unit.clone()}</span>
                        <span class="ts-path-steps">{steps_words(p.done, p.total)}</span>
                        <span class="progress-line" aria-hidden="true">
                            <span class=format!("bar pct-{}", p.tens.min(100))></span>
                        </span>
                    </li>
                </For>
            </ul>
        </section>
    }
}

/// Open help requests, oldest first, each with "Mark as done".
#[component]
pub fn HelpSection(student: Id, first: String) -> impl IntoView {
    let records = use_records();
    let open = Memo::new(move |_| records.data.with(|d| open_help(d, student)));
    let feedback = Feedback::default();
    let done = move |id: Id| {
        let ctx = teacher_ctx(records);
        let Some(mut flag) = records
            .data
            .with_untracked(|d| d.get::<HelpFlag>(id).cloned())
        else {
            return feedback.show(Err("That help request is no longer here.".into()));
        };
        let result = flag
            .resolve(&ctx)
            .map_err(sentence)
            .and_then(|()| records.save(flag).map_err(sentence));
        feedback.show(result.map(|()| "Marked as done.".into()));
        request_animation_frame(|| {
            if let Some(h) = document().get_element_by_id("ts-help") {
                use wasm_bindgen::JsCast;
                if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    };
    let none = move || open.with(Vec::is_empty);
    view! {
        <section class="card ts-section" class:card-warning=move || !none() aria-labelledby="ts-help">
            <h2 id="ts-help" tabindex="-1">"Help requests"</h2>
            <Show when=none>
                <p>{format!("{first} has no open help requests.")}</p>
            </Show>
            <ul class="ts-list">
                <For each=move || open.get() key=|h| h.id let:h>
                    <li class="ts-help-item">
                        <span>
                            {format!("Asked: {}", when(h.at))}
                            {(!h.note.is_empty()).then(|| view! { <span class="ts-help-note" dir="auto">{format!(": “{}”", h.note)}</span> })}
                        </span>
                        <button type="button" class="button button-small"
                            aria-label=format!("Mark as done: help asked {}", when(h.at))
                            on:click=move |_| done(h.id)>"Mark as done"</button>
                    </li>
                </For>
            </ul>
            <FeedbackLines feedback/>
        </section>
    }
}
