//! Picture passwords: three of nine pictures chosen in order, for students who find
//! numbers hard. Hashed and counted exactly like a PIN (see `domain::pin`); here are
//! the grid of picture buttons, the unlock and the setter.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{Feedback, FeedbackLines};
use crate::domain::pin::{check_new_pictures, toggle_picture, wait_words, PICTURES, PICTURE_COUNT};
use crate::state::{use_session, PinScope, Unlock};

/// One picture, drawn inline (no emoji font needed; the name is shown beside it).
fn picture_svg(key: &str) -> impl IntoView {
    let body = match key {
        "sun" => view! {
            <g stroke="#c77700" stroke-width="3" stroke-linecap="round">
                <path d="M24 4v6M24 38v6M4 24h6M38 24h6M10 10l4 4M34 34l4 4M38 10l-4 4M14 34l-4 4"/>
            </g>
            <circle cx="24" cy="24" r="9" fill="#f2b705"/>
        }
        .into_any(),
        "moon" => view! {
            <path d="M31 6a18 18 0 1 0 11 30A15 15 0 0 1 31 6z" fill="#4b5fa8"/>
        }
        .into_any(),
        "star" => view! {
            <path d="M24 4l6 13 14 1-11 9 4 14-13-8-13 8 4-14L4 18l14-1z" fill="#e0a100" stroke="#a86f00" stroke-width="2" stroke-linejoin="round"/>
        }
        .into_any(),
        "tree" => view! {
            <rect x="20" y="28" width="8" height="16" fill="#7a4b24"/>
            <circle cx="24" cy="19" r="14" fill="#2e8b57"/>
        }
        .into_any(),
        "flower" => view! {
            <path d="M24 28v16" stroke="#2e8b57" stroke-width="3"/>
            <g fill="#d9468c">
                <circle cx="24" cy="10" r="6"/>
                <circle cx="33" cy="17" r="6"/>
                <circle cx="30" cy="27" r="6"/>
                <circle cx="18" cy="27" r="6"/>
                <circle cx="15" cy="17" r="6"/>
            </g>
            <circle cx="24" cy="19" r="5" fill="#f2b705"/>
        }
        .into_any(),
        "fish" => view! {
            <path d="M34 24l10-9v18z" fill="#1d5fa8"/>
            <ellipse cx="21" cy="24" rx="16" ry="10" fill="#3f7fc4"/>
            <circle cx="12" cy="21" r="2.5" fill="#fff"/>
        }
        .into_any(),
        "house" => view! {
            <path d="M5 24L24 7l19 17z" fill="#b3470b"/>
            <rect x="10" y="23" width="28" height="20" fill="#e8c07a"/>
            <rect x="20" y="30" width="8" height="13" fill="#7a4b24"/>
        }
        .into_any(),
        "boat" => view! {
            <path d="M25 5v25" stroke="#5a3a1a" stroke-width="2.5"/>
            <path d="M23 8v20H9z" fill="#e3eef8" stroke="#1d5fa8" stroke-width="2" stroke-linejoin="round"/>
            <path d="M4 31h40l-7 11H11z" fill="#8a5a2b"/>
        }
        .into_any(),
        _ => view! {
            <path d="M24 14c-4-4-16-4-16 10s8 20 16 16c8 4 16-2 16-16s-12-14-16-10z" fill="#c8312d"/>
            <path d="M24 14c0-4 2-7 5-9" stroke="#5a3a1a" stroke-width="2.5" fill="none"/>
            <path d="M26 10c4-4 9-3 10-1-3 3-7 3-10 1z" fill="#2e8b57"/>
        }
        .into_any(),
    };
    view! {
        <svg class="picture-art" viewBox="0 0 48 48" aria-hidden="true" focusable="false">{body}</svg>
    }
}

/// The 3x3 grid of picture buttons. Choosing adds a picture (its place in the order is
/// shown as 1, 2 or 3); choosing it again takes it out.
#[component]
pub fn PictureGrid(
    /// The pictures chosen so far, in order (indexes into [`PICTURES`]).
    chosen: RwSignal<Vec<usize>>,
    /// The group's accessible name.
    #[prop(into)]
    label: String,
    /// True while the buttons must not be used (checking, or waiting).
    #[prop(into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let count = move || {
        let n = chosen.with(Vec::len);
        format!("{n} of {PICTURE_COUNT} pictures chosen.")
    };
    view! {
        <div class="picture-pad" role="group" aria-label=label>
            <ul class="picture-grid">
                {PICTURES
                    .iter()
                    .enumerate()
                    .map(|(i, (key, name))| {
                        let place = move || chosen.with(|c| c.iter().position(|&x| x == i));
                        let full = move || chosen.with(Vec::len) >= PICTURE_COUNT;
                        let off = move || disabled.get() || (full() && place().is_none());
                        view! {
                            <li>
                                <button type="button" class="picture-button"
                                    aria-pressed=move || place().is_some().to_string()
                                    disabled=off
                                    on:click=move |_| chosen.update(|c| toggle_picture(c, i))>
                                    {picture_svg(key)}
                                    <span class="picture-name">{*name}</span>
                                    <span class="picture-order" aria-hidden="true">
                                        {move || place().map(|p| (p + 1).to_string())}
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="picture-count" role="status">{count}</p>
        </div>
    }
}

/// What to say after a try.
fn outcome_words(outcome: Unlock) -> String {
    match outcome {
        Unlock::Opened => String::new(),
        Unlock::Wrong(0) => {
            "Those pictures aren't right. One more wrong try means a short wait.".into()
        }
        Unlock::Wrong(n) => {
            format!("Those pictures aren't right. You can try {n} more times before a short wait.")
        }
        Unlock::Wait(ms) => format!(
            "Those pictures aren't right. Too many tries: wait {} before trying again.",
            wait_words(ms)
        ),
        Unlock::Invalid(p) => p.message(),
        Unlock::NoPin => "There is no picture password to check here.".into(),
        Unlock::Failed(e) => e,
    }
}

/// Unlocks `scope` with its picture password: the third picture chosen checks it.
#[component]
pub fn PictureUnlock(
    /// Whose picture password.
    scope: PinScope,
) -> impl IntoView {
    let session = use_session();
    let chosen = RwSignal::new(Vec::<usize>::new());
    let pad = NodeRef::<leptos::html::Div>::new();
    let (message, set_message) = signal(String::new());
    // As for a PIN: the wait is said once to screen readers; the countdown shows it.
    let (wait_said, set_wait_said) = signal(String::new());
    let (busy, set_busy) = signal(false);
    let lock = session.lock_wait(scope);
    let wait = lock.wait;
    Effect::new(move |_| {
        let picked = chosen.get();
        if picked.len() < PICTURE_COUNT || busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        set_message.set(String::new());
        set_wait_said.set(String::new());
        spawn_local(async move {
            let outcome = session.unlock_pictures(scope, &picked).await;
            set_busy.set(false);
            lock.refresh();
            if outcome != Unlock::Opened {
                chosen.set(Vec::new());
                focus_first_picture(pad);
            }
            if matches!(outcome, Unlock::Wait(_)) {
                set_wait_said.set(outcome_words(outcome));
            } else {
                set_message.set(outcome_words(outcome));
            }
        });
    });
    let locked = Signal::derive(move || wait.get().is_some() || busy.get());
    let countdown = move || {
        wait.get().map(|ms| {
            view! {
                <p class="warning pin-wait" role="timer" aria-live="off">
                    {format!("Too many wrong tries. You can try again in {}.", wait_words(ms))}
                </p>
            }
        })
    };
    view! {
        <div class="picture-unlock" node_ref=pad>
            <p>{format!("Choose your {PICTURE_COUNT} pictures, in order.")}</p>
            <PictureGrid chosen label="My picture password" disabled=locked/>
            {countdown}
            <p class="visually-hidden" role="alert">
                {move || if wait.get().is_some() { wait_said.get() } else { String::new() }}
            </p>
            <Show when=move || busy.get()>
                <p class="note">"Checking…"</p>
            </Show>
            <Show when=move || !message.get().is_empty()>
                <p class="error" role="alert">{message}</p>
            </Show>
            <div class="actions">
                <button type="button" class="button button-quiet" disabled=locked
                    on:click=move |_| chosen.set(Vec::new())>
                    "Start again"
                </button>
            </div>
        </div>
    }
}

/// Sets a picture password for `scope`: choose three pictures, then the same three
/// again to be sure. `who` names the person in the sentences ("Ana").
#[component]
pub fn PicturePasswordSetter(
    /// Whose picture password.
    scope: PinScope,
    /// The group's accessible name, e.g. "Picture password for Ana López".
    #[prop(into)]
    label: String,
    /// What to say once it is set.
    #[prop(into)]
    done: String,
) -> impl IntoView {
    let session = use_session();
    let chosen = RwSignal::new(Vec::<usize>::new());
    // The first choice, once made: the grid then asks for it again.
    let first = RwSignal::new(None::<Vec<usize>>);
    let (busy, set_busy) = signal(false);
    let feedback = Feedback::default();
    let full = move || chosen.with(Vec::len) == PICTURE_COUNT;
    let start_again = move |_| {
        chosen.set(Vec::new());
        first.set(None);
        feedback.show(Ok(String::new()));
    };
    let pad = NodeRef::<leptos::html::Div>::new();
    let next_or_save = move |_| {
        let Some(one) = first.get_untracked() else {
            first.set(Some(chosen.get_untracked()));
            chosen.set(Vec::new());
            feedback.show(Ok(
                "Now choose the same 3 pictures again, in the same order.".into(),
            ));
            focus_first_picture(pad);
            return;
        };
        let two = chosen.get_untracked();
        if let Err(p) = check_new_pictures(&one, &two) {
            chosen.set(Vec::new());
            first.set(None);
            focus_first_picture(pad);
            return feedback.show(Err(p.message()));
        }
        set_busy.set(true);
        let done = done.clone();
        spawn_local(async move {
            let result = session.set_pictures(scope, &two).await;
            set_busy.set(false);
            if result.is_ok() {
                chosen.set(Vec::new());
                first.set(None);
            }
            feedback.show(result.map(|()| done));
        });
    };
    let step = move || {
        if first.with(Option::is_some) {
            "Step 2: choose the same pictures again, in the same order."
        } else {
            "Step 1: choose 3 pictures, in order. Remember them!"
        }
    };
    let grid_label = label.clone();
    let button_words = move || {
        if busy.get() {
            "Saving…"
        } else if first.with(Option::is_some) {
            "Set picture password"
        } else {
            "Next: choose them again"
        }
    };
    view! {
        <div class="picture-setter" role="group" aria-label=label node_ref=pad>
            <p>{step}</p>
            <PictureGrid chosen label=format!("Pictures: {grid_label}") disabled=busy/>
            <div class="actions">
                <button type="button" class="button" disabled=move || !full() || busy.get()
                    on:click=next_or_save>
                    {button_words}
                </button>
                <button type="button" class="button button-quiet" on:click=start_again>"Start again"</button>
            </div>
            <FeedbackLines feedback/>
        </div>
    }
}

/// Puts the keyboard focus on the first picture inside `pad` (after the button that
/// had it was disabled).
fn focus_first_picture(pad: NodeRef<leptos::html::Div>) {
    use wasm_bindgen::JsCast;
    if let Some(el) = pad
        .get_untracked()
        .and_then(|p| p.query_selector(".picture-button").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
