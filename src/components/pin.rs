//! PIN fields: unlocking an area (with the wait after wrong tries, shown as a countdown)
//! and choosing a new PIN.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::pictures::PictureUnlock;
use crate::domain::pin::{wait_words, PinProblem, MAX_LEN};
use crate::state::{use_router, use_session, PinScope, Unlock};

/// The one honest sentence about what a PIN does.
pub const PIN_HONESTY: &str = "A PIN keeps classmates and brothers and sisters out of each other's pages. It is not a bank vault: anyone who can open this browser's developer tools can read the data.";

/// A form that asks for the PIN of `scope` and signs in when it is right; for a
/// picture password, the grid of pictures instead.
#[component]
pub fn PinUnlock(
    /// Which PIN.
    scope: PinScope,
    /// The field's label, e.g. "Teacher PIN".
    #[prop(into)]
    label: String,
    /// Unique id for the input.
    #[prop(into)]
    id: String,
    /// The sentences in another language: called with a message key of
    /// [`english_pin_words`] and its number; English when left out.
    #[prop(optional)]
    words: Option<Callback<(&'static str, i64), String>>,
) -> impl IntoView {
    let session = use_session();
    let pictures = Memo::new(move |_| session.is_pictures(scope));
    move || {
        if pictures.get() {
            view! { <PictureUnlock scope/> }.into_any()
        } else {
            view! { <PinBox scope label=label.clone() id=id.clone() words/> }.into_any()
        }
    }
}

/// The PIN box of [`PinUnlock`].
#[component]
fn PinBox(
    scope: PinScope,
    label: String,
    id: String,
    words: Option<Callback<(&'static str, i64), String>>,
) -> impl IntoView {
    let say = move |key: &'static str, n: i64| match words {
        Some(w) => w.run((key, n)),
        None => english_pin_words(key, n),
    };
    let session = use_session();
    let router = use_router();
    let (typed, set_typed) = signal(String::new());
    let (message, set_message) = signal(String::new());
    // Said once to screen readers when a wrong try starts a wait; on screen the
    // countdown alone shows it (two sentences with two numbers would disagree).
    let (wait_said, set_wait_said) = signal(String::new());
    let (busy, set_busy) = signal(false);
    let lock = session.lock_wait(scope);
    let wait = lock.wait;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let pin = typed.get_untracked();
        set_busy.set(true);
        set_message.set(String::new());
        set_wait_said.set(String::new());
        spawn_local(async move {
            let outcome = session.unlock(scope, &pin).await;
            set_busy.set(false);
            lock.refresh();
            if let Unlock::Wait(ms) = outcome {
                set_wait_said.set(say("wrong-wait", ms));
                return;
            }
            let text = match outcome {
                Unlock::Opened => {
                    set_typed.set(String::new());
                    // After a recovery code the teacher chooses a new PIN there.
                    if scope == PinScope::Recovery {
                        router.navigate("/teacher");
                    }
                    String::new()
                }
                Unlock::Wrong(0) => say("wrong-last", 0),
                Unlock::Wrong(n) => say("wrong", i64::from(n)),
                Unlock::Wait(_) => String::new(),
                Unlock::Invalid(p) => say(
                    match p {
                        PinProblem::Empty => "problem-empty",
                        PinProblem::NotDigits => "problem-not-digits",
                        PinProblem::TooShort => "problem-too-short",
                        PinProblem::TooLong | PinProblem::Mismatch => "problem-too-long",
                    },
                    0,
                ),
                Unlock::NoPin => say("no-pin", 0),
                Unlock::Failed(e) => e,
            };
            set_message.set(text);
        });
    };
    let input_id = id.clone();
    let countdown = move || {
        wait.get().map(|ms| {
            view! {
                <p class="warning pin-wait" role="timer" aria-live="off">
                    {say("countdown", ms)}
                </p>
            }
        })
    };
    let locked = move || wait.get().is_some() || busy.get();
    view! {
        <form class="pin-form" on:submit=submit novalidate>
            <div class="field">
                <label for=input_id.clone()>{label}</label>
                <input id=input_id type="password" autocomplete="off"
                    inputmode=if scope == PinScope::Recovery { "text" } else { "numeric" }
                    class="pin-input" maxlength=(MAX_LEN * 4).to_string()
                    prop:value=typed
                    on:input=move |ev| set_typed.set(event_target_value(&ev))/>
            </div>
            {countdown}
            <p class="visually-hidden" role="alert">
                {move || if wait.get().is_some() { wait_said.get() } else { String::new() }}
            </p>
            <Show when=move || !message.get().is_empty()>
                <p class="error" role="alert">{message}</p>
            </Show>
            <div class="actions">
                <button type="submit" class="button" disabled=locked>
                    {move || if busy.get() { say("checking", 0) } else { say("unlock", 0) }}
                </button>
            </div>
        </form>
    }
}

/// The unlock's sentences in English, by key (`n`: tries left, or a wait in ms).
/// Another language passes its own function with the same keys to [`PinUnlock`].
pub fn english_pin_words(key: &str, n: i64) -> String {
    match key {
        "unlock" => "Unlock".into(),
        "checking" => "Checking…".into(),
        "wrong-last" => "That isn't right. One more wrong try means a short wait.".into(),
        "wrong" => format!("That isn't right. You can try {n} more times before a short wait."),
        "wrong-wait" => format!(
            "That isn't right. Too many tries: wait {} before trying again.",
            wait_words(n)
        ),
        "countdown" => format!(
            "Too many wrong tries. You can try again in {}.",
            wait_words(n)
        ),
        "problem-empty" => PinProblem::Empty.message(),
        "problem-not-digits" => PinProblem::NotDigits.message(),
        "problem-too-short" => PinProblem::TooShort.message(),
        "problem-too-long" => PinProblem::TooLong.message(),
        _ => "There is no PIN to check here.".into(),
    }
}

/// Two fields for a new PIN and its confirmation.
#[component]
pub fn NewPinFields(
    /// The PIN typed.
    pin: RwSignal<String>,
    /// The PIN typed again.
    again: RwSignal<String>,
    /// Prefix for the inputs' ids.
    #[prop(into)]
    id: String,
    /// The first field's label.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let first = format!("{id}-pin");
    let second = format!("{id}-again");
    view! {
        <div class="field-row">
            <div class="field">
                <label for=first.clone()>{label}</label>
                <input id=first type="password" inputmode="numeric" autocomplete="new-password"
                    class="pin-input" aria-describedby=format!("{id}-hint")
                    prop:value=pin on:input=move |ev| pin.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for=second.clone()>"Type it again"</label>
                <input id=second type="password" inputmode="numeric" autocomplete="new-password"
                    class="pin-input"
                    prop:value=again on:input=move |ev| again.set(event_target_value(&ev))/>
            </div>
        </div>
        <p class="note" id=format!("{id}-hint")>"4 to 12 numbers."</p>
    }
}
