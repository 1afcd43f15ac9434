//! The review queue: everything waiting for the teacher, oldest first, in one list —
//! submitted goals, "my own idea" formats, help requests and goals a student says are
//! achieved — with the open item beside it (below it on a phone). One-key shortcuts are
//! off until the teacher turns them on (a letter typed in the wrong place must never
//! approve work: WCAG 2.1.4); when on, they work only while focus is on no control, and
//! an approval can be undone for ten seconds (`undo`).
//!
//! Decisions go through the domain rules (`Goal::approve`, `request_changes`, `achieve`,
//! `FormatChoice::approve`, `HelpFlag::resolve`), which keep who, when and why in the
//! record's history. A change request's comment lives in the goal's history (the student's
//! goal page reads it there); other remarks are `Comment` records the student sees under
//! "What my teacher said".

mod edit;
mod item;
mod model;
mod undo;

use std::collections::HashMap;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{focus_later, Feedback, FeedbackLines, Link, Page};
use crate::domain::summary::{queue_counts, waiting_words, QueueItem, QueueKind};
use crate::state::{now, use_prefs, use_records, TeacherView};
use model::{after_decision, step_from, Key, Row};
use undo::{UndoBar, UndoOffer};

/// The page's shared state, in context for the list and the open item.
#[derive(Clone, Copy)]
struct Review {
    /// The item the teacher opened (it may have left the queue since).
    open: RwSignal<Option<Key>>,
    /// The queue as listed (only one kind while the teacher filters), oldest first.
    rows: Memo<Vec<Row>>,
    /// The whole queue, oldest first.
    all: Memo<Vec<Row>>,
    /// What the last decision did.
    feedback: Feedback,
    /// Comments typed on items the teacher moved away from (and the part chosen), so
    /// stepping to the next item never loses them.
    drafts: StoredValue<HashMap<Key, (String, String)>>,
    /// Whether the one-key shortcuts are on (a preference of this device, off at first).
    shortcuts: Memo<bool>,
    /// The last decision, while it can still be undone.
    undo: RwSignal<Option<UndoOffer>>,
}

fn use_review() -> Review {
    expect_context::<Review>()
}

/// Id of the heading of the open item (focus goes there when an item opens).
const ITEM_HEADING: &str = "item-heading";
/// Id of the open item's main button: approve, confirm, mark as done (shortcut A).
const PRIMARY: &str = "review-primary";
/// Id of the comment box (shortcut R).
const COMMENT: &str = "review-comment";
/// Id of the Undo button (shortcut U).
const UNDO: &str = "review-undo";

/// The id of a row's button (focus returns there from "Back to the list").
fn row_id(key: Key) -> String {
    format!("queue-{}-{}", kind_slug(key.0), key.1)
}

fn kind_slug(kind: QueueKind) -> &'static str {
    match kind {
        QueueKind::Goal => "goal",
        QueueKind::OwnIdea => "idea",
        QueueKind::Help => "help",
        QueueKind::AchievementClaim => "claim",
    }
}

impl Review {
    /// `keys` for `aria-keyshortcuts` while the shortcuts are on, nothing otherwise.
    fn keys(&self, keys: &'static str) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy {
        let on = self.shortcuts;
        move || on.get().then_some(keys)
    }

    /// Opens `key` (or closes the open item) and moves focus to it.
    fn go(&self, key: Option<Key>) {
        self.open.set(key);
        focus_later(if key.is_some() {
            ITEM_HEADING
        } else {
            "queue-heading"
        });
    }

    /// Opens the next (+1) or previous (-1) item; with none open, the oldest.
    fn step(&self, by: isize) {
        let to = self
            .rows
            .with_untracked(|r| step_from(r, self.open.get_untracked(), by));
        if to.is_some() {
            self.go(to);
        }
    }

    /// Closes the open item and puts focus back on its row.
    fn back_to_list(&self) {
        let key = self.open.get_untracked();
        self.open.set(None);
        match key {
            Some(k) => {
                let id = row_id(k);
                request_animation_frame(move || {
                    if let Some(el) = document()
                        .get_element_by_id(&id)
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = el.focus();
                    }
                });
            }
            None => focus_later("queue-heading"),
        }
    }

    /// After `decided` left the queue: says what happened and opens the next item (or
    /// shows the empty queue). `before` is the queue as it was before the decision.
    fn decided(&self, decided: Key, before: &[Row], said: Result<String, String>) {
        self.feedback.show(said);
        let next = self
            .rows
            .with_untracked(|after| after_decision(before, after, decided));
        self.open.set(next);
        focus_later(if next.is_some() {
            ITEM_HEADING
        } else {
            "empty-heading"
        });
    }
}

/// Controls a letter key belongs to: fields take the letter as typing, and a button or
/// link with focus is what the person is about to use, so a shortcut must not act
/// elsewhere. Shortcuts work only while focus is on none of these (a heading, the page).
const CONTROLS: &str = "input, textarea, select, button, a[href], summary, [contenteditable], \
    [role=button], [role=link], [role=checkbox], [role=radio], [role=textbox], \
    [role=combobox], [role=menuitem], [role=tab], [role=switch], [role=option], \
    [role=slider], [role=spinbutton]";

/// True when focus is on (or inside) a control: then no letter is a shortcut.
fn on_a_control(focused: Option<web_sys::Element>) -> bool {
    focused.is_some_and(|el| el.closest(CONTROLS).ok().flatten().is_some())
}

/// When the teacher turned them on: A = the open item's main action, R = the comment
/// box, N/J = next, P/K = previous, U = undo the last decision.
fn on_shortcut(review: Review, e: web_sys::KeyboardEvent) {
    if !review.shortcuts.get_untracked() {
        return;
    }
    if e.default_prevented() || e.ctrl_key() || e.meta_key() || e.alt_key() || e.repeat() {
        return;
    }
    if on_a_control(document().active_element()) {
        return;
    }
    let click = |id: &str| {
        document()
            .get_element_by_id(id)
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            .map(|b| b.click())
    };
    match e.key().to_ascii_lowercase().as_str() {
        "a" => {
            if click(PRIMARY).is_none() {
                return;
            }
        }
        "u" => {
            if click(UNDO).is_none() {
                return;
            }
        }
        "r" => {
            if document().get_element_by_id(COMMENT).is_none() {
                return;
            }
            focus_later(COMMENT);
        }
        "n" | "j" => review.step(1),
        "p" | "k" => review.step(-1),
        _ => return,
    }
    // Otherwise the letter would also be typed into the box that just got focus.
    e.prevent_default();
}

/// Everything waiting for the teacher, oldest first, and the open item.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let records = use_records();
    let prefs = use_prefs();
    let shortcuts = Memo::new(move |_| prefs.prefs.with(|p| p.review_shortcuts));
    let all = Memo::new(move |_| records.data.with(model::queue_rows));
    let filter = RwSignal::new(None::<QueueKind>);
    // The filter in force: none once its kind has nothing left.
    let shown_kind = Memo::new(move |_| {
        let kind = filter.get()?;
        all.with(|r| r.iter().any(|x| x.item.kind == kind))
            .then_some(kind)
    });
    let rows = Memo::new(move |_| match shown_kind.get() {
        None => all.get(),
        Some(kind) => all.with(|r| r.iter().filter(|x| x.item.kind == kind).cloned().collect()),
    });
    let review = Review {
        open: RwSignal::new(None),
        rows,
        all,
        feedback: Feedback::default(),
        drafts: StoredValue::new(HashMap::new()),
        shortcuts,
        undo: RwSignal::new(None),
    };
    provide_context(review);
    let handle = window_event_listener(ev::keydown, move |e| on_shortcut(review, e));
    on_cleanup(move || handle.remove());

    let has_items = Memo::new(move |_| all.with(|r| !r.is_empty()));
    let counts = Memo::new(move |_| {
        all.with(|r| {
            let items: Vec<QueueItem> = r.iter().map(|x| x.item).collect();
            queue_counts(&items)
        })
    });
    let total = Memo::new(move |_| all.with(Vec::len));
    // The open item while it is still waiting.
    let current = Memo::new(move |_| {
        let open = review.open.get()?;
        all.with(|r| r.iter().any(|x| x.key() == open))
            .then_some(open)
    });
    let lead = move || match total.get() {
        1 => "1 thing is waiting for you:".to_string(),
        n => format!("{n} things are waiting for you, oldest first:"),
    };
    view! {
        <Page title="Review queue">
            <FeedbackLines feedback=review.feedback/>
            <Show when=move || has_items.get() fallback=EmptyQueue>
                <div class="review" class:has-open=move || current.get().is_some()>
                    <div class="review-summary">
                        <p class="review-lead">{lead}</p>
                        <ul class="queue-counts" aria-label="Show only">
                            {move || counts.get().into_iter().map(|(kind, n)| {
                                let pressed = move || (shown_kind.get() == Some(kind)).to_string();
                                view! {
                                    <li>
                                        <button type="button" class=format!("count-chip kind-{}", kind_slug(kind))
                                            aria-pressed=pressed
                                            on:click=move |_| filter.update(|f| {
                                                *f = if *f == Some(kind) { None } else { Some(kind) };
                                            })>
                                            {kind.count_words(n)}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <p class="note filter-hint">
                            {move || match shown_kind.get() {
                                Some(_) => "Showing one kind only. Press its button again to see everything.",
                                None => "Press a count to see only that kind.",
                            }}
                        </p>
                        <ShortcutsSetting/>
                    </div>
                    <div class="review-layout">
                        <section class="card review-list" aria-labelledby="queue-heading">
                            <h2 id="queue-heading" tabindex="-1">"Waiting for you"</h2>
                            <ul class="queue">
                                <For
                                    each=move || rows.get()
                                    key=|r| (r.key(), r.name.clone(), r.summary.clone(), r.item.since)
                                    let:row
                                >
                                    <QueueRow row/>
                                </For>
                            </ul>
                        </section>
                        <section class="card review-panel" aria-labelledby=ITEM_HEADING>
                            <UndoBar/>
                            {move || match current.get() {
                                Some(key) => view! { <item::ItemPanel key/> }.into_any(),
                                None => view! { <NothingOpen/> }.into_any(),
                            }}
                        </section>
                    </div>
                </div>
            </Show>
        </Page>
    }
}

/// One waiting item in the list: whose, what, a short text, how long it has waited.
#[component]
fn QueueRow(row: Row) -> impl IntoView {
    let review = use_review();
    let key = row.key();
    let is_open = move || review.open.get() == Some(key);
    let kind = row.item.kind;
    let long_wait = row.item.since.days_until(now()) >= 7;
    view! {
        <li>
            <button type="button" class="queue-item" id=row_id(key)
                class:long-wait=long_wait
                aria-current=move || is_open().then_some("true")
                on:click=move |_| review.go(Some(key))>
                <span class="queue-line">
                    <bdi class="queue-name">{row.name}</bdi>
                    <span class="visually-hidden">", "</span>
                    <span class="queue-wait">{waiting_words(row.item.since, now())}</span>
                </span>
                <span class="visually-hidden">", "</span>
                <span class="queue-what">
                    <span class=format!("queue-kind kind-{}", kind_slug(kind))>{kind.label()}</span>
                    <span class="visually-hidden">": "</span>
                    <span class="queue-text" dir="auto">{row.summary}</span>
                </span>
            </button>
        </li>
    }
}

/// The panel before anything is opened.
#[component]
fn NothingOpen() -> impl IntoView {
    let review = use_review();
    view! {
        <h2 id=ITEM_HEADING tabindex="-1">"Open an item"</h2>
        <p>"Choose something from the list to read it and decide."</p>
        <button type="button" class="button" aria-keyshortcuts=review.keys("n j")
            on:click=move |_| review.step(1)>"Start with the oldest"</button>
        <ShortcutsHint primary="approve" secondary="request changes"/>
    }
}

/// The queue is empty.
#[component]
fn EmptyQueue() -> impl IntoView {
    view! {
        <section class="card review-empty" aria-labelledby="empty-heading">
            <UndoBar/>
            <h2 id="empty-heading" tabindex="-1">"Nothing is waiting for you"</h2>
            <p>"Every goal, idea and help request has an answer. Enjoy the quiet moment!"</p>
            <p class="note">"When a student sends a goal, proposes their own idea, asks for help or says they reached a goal, it shows up here."</p>
            <p><Link to=TeacherView::Home.path() class="button button-quiet">"Back to my class"</Link></p>
        </section>
    }
}

/// The visible list of keyboard shortcuts.
#[component]
fn ShortcutsHint(
    /// What A does for the open item.
    primary: &'static str,
    /// What R prepares (the comment box for it), if anything.
    #[prop(optional)]
    secondary: Option<&'static str>,
) -> impl IntoView {
    let review = use_review();
    view! {
        <Show when=move || review.shortcuts.get()>
        <p class="shortcuts note">
            <span class="shortcuts-title">"Keyboard shortcuts: "</span>
            <kbd>"A"</kbd>{format!(" {primary} · ")}
            {secondary.map(|s| view! { <kbd>"R"</kbd>{format!(" {s} (goes to the comment box) · ")} })}
            <kbd>"N"</kbd>" or "<kbd>"J"</kbd>" next · "
            <kbd>"P"</kbd>" or "<kbd>"K"</kbd>" previous · "
            <kbd>"U"</kbd>" undo"
        </p>
        </Show>
    }
}

/// The device's choice to use one-key shortcuts here (off until turned on).
#[component]
fn ShortcutsSetting() -> impl IntoView {
    let prefs = use_prefs();
    let review = use_review();
    view! {
        <div class="shortcuts-setting">
            <div class="check">
                <input type="checkbox" id="review-shortcuts" aria-describedby="review-shortcuts-about"
                    prop:checked=move || review.shortcuts.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        prefs.update(|p| p.review_shortcuts = on);
                    }/>
                <label for="review-shortcuts">"Use one-key shortcuts"</label>
            </div>
            <p class="note" id="review-shortcuts-about">
                "A, R, N, P and U decide and move with one key. They work only when you are not typing or on a button."
            </p>
        </div>
    }
}
