//! Giving the class key to the teacher's second device, and taking it there: the card
//! on the class folder page. The cryptography and the file are `state::folder`'s.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::folder::FolderState;
use crate::state::{use_session, Who};

/// On the teacher's device (teacher signed in): make a one-time code. On another device
/// while a key waits in the folder: type the code and the PIN to take it.
#[component]
pub fn KeyCard(folder: FolderState) -> impl IntoView {
    let session = use_session();
    // Said after the key arrived here, when the card has become the giving one.
    let (arrived, set_arrived) = signal(false);
    move || {
        if folder.teacher_device.get() {
            // Just arrived: said here even before the teacher signs in on this device
            // (giving it on still asks for the PIN).
            (arrived.get() || session.who.get() == Some(Who::Teacher))
                .then(|| view! { <GiveKey folder arrived/> }.into_any())
        } else if folder.class_keyless() {
            (session.who.get() == Some(Who::Teacher))
                .then(|| view! { <MakeKey folder/> }.into_any())
        } else {
            folder
                .key_move
                .with(Option::is_some)
                .then(|| view! { <TakeKey folder set_arrived/> }.into_any())
        }
    }
}

/// For a class set up before class keys, on a device where the teacher is signed in.
#[component]
fn MakeKey(folder: FolderState) -> impl IntoView {
    let (error, set_error) = signal(String::new());
    let (busy, set_busy) = signal(false);
    let make = move |_| {
        if busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        spawn_local(async move {
            if let Err(e) = folder.make_key().await {
                set_error.set(e);
            }
            set_busy.set(false);
        });
    };
    view! {
        <section class="card card-warning" aria-labelledby="key-heading">
            <h2 id="key-heading">"Seal your decisions"</h2>
            <p>"This class was set up before Wayfinder sealed the teacher's decisions, so the class folder can't yet tell yours from anyone else's, and this device sends none of them."</p>
            <p>"If this is your own device, make the class key here, once. Your approvals, feedback and class setup are sealed with it from then on, and every device in the class holds everyone to it."</p>
            <div class="actions">
                <button type="button" class="button" on:click=make disabled=busy>"Make the class key here"</button>
            </div>
            <Show when=move || !error.get().is_empty()>
                <p class="error" role="alert">{error}</p>
            </Show>
        </section>
    }
}

#[component]
fn GiveKey(folder: FolderState, arrived: ReadSignal<bool>) -> impl IntoView {
    let pin = RwSignal::new(String::new());
    let (error, set_error) = signal(String::new());
    let (busy, set_busy) = signal(false);
    let make = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        set_error.set(String::new());
        let typed = pin.get_untracked();
        spawn_local(async move {
            match folder.offer_key(&typed).await {
                Ok(()) => pin.set(String::new()),
                Err(e) => set_error.set(e),
            }
            set_busy.set(false);
        });
    };
    let cancel = move |_| {
        spawn_local(async move {
            if let Err(e) = folder.cancel_key_move().await {
                set_error.set(e);
            }
        });
    };
    let body = move || {
        match folder.key_code.get() {
        Some((code, _)) => view! {
            <p>"On your other device, open Wayfinder's Class folder page, choose this same folder, and type this code with your teacher PIN:"</p>
            <p class="key-code">{code}</p>
            <p>"The code works once, within a day. Without your PIN it opens nothing, so it is safe in the shared folder."</p>
            <div class="actions">
                <button type="button" class="button button-quiet" on:click=cancel>"Cancel the move"</button>
            </div>
        }
        .into_any(),
        None => view! {
            <p>"Approve goals and give feedback on a second device of yours, such as a laptop at home: give it the class key. Its decisions then count everywhere, like this device's."</p>
            <form on:submit=make novalidate>
                <div class="field">
                    <label for="give-key-pin">"Your teacher PIN"</label>
                    <input id="give-key-pin" type="password" inputmode="numeric" autocomplete="off"
                        class="pin-input" prop:value=pin on:input=move |ev| pin.set(event_target_value(&ev))/>
                </div>
                <div class="actions">
                    <button type="submit" class="button" disabled=busy>"Make a one-time code"</button>
                </div>
            </form>
        }
        .into_any(),
    }
    };
    view! {
        <section class="card" aria-labelledby="key-heading">
            <h2 id="key-heading">"Your other devices"</h2>
            {move || arrived.get().then(|| view! {
                <p class="status-line" role="status">"This device now holds the class key: your decisions here count everywhere."</p>
            })}
            {body}
            <Show when=move || !error.get().is_empty()>
                <p class="error" role="alert">{error}</p>
            </Show>
        </section>
    }
}

#[component]
fn TakeKey(folder: FolderState, set_arrived: WriteSignal<bool>) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let (error, set_error) = signal(String::new());
    let (busy, set_busy) = signal(false);
    let take = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        set_error.set(String::new());
        let (c, p) = (code.get_untracked(), pin.get_untracked());
        spawn_local(async move {
            match folder.take_key(&c, &p).await {
                Ok(()) => set_arrived.set(true),
                Err(e) => set_error.set(e),
            }
            set_busy.set(false);
        });
    };
    view! {
        <section class="card" aria-labelledby="key-heading">
            <h2 id="key-heading">"Teacher: bring the class key to this device"</h2>
            <p>"Your other device put the class key in this folder. Type the code it shows and your teacher PIN, and your decisions here will count everywhere."</p>
            <form on:submit=take novalidate>
                <div class="field">
                    <label for="take-key-code">"Code from your other device"</label>
                    <input id="take-key-code" type="text" autocomplete="off" autocapitalize="characters"
                        spellcheck="false" class="key-code-input" prop:value=code
                        on:input=move |ev| code.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="take-key-pin">"Teacher PIN"</label>
                    <input id="take-key-pin" type="password" inputmode="numeric" autocomplete="off"
                        class="pin-input" prop:value=pin on:input=move |ev| pin.set(event_target_value(&ev))/>
                </div>
                <div class="actions">
                    <button type="submit" class="button" disabled=busy>"Bring the class key here"</button>
                </div>
            </form>
            <Show when=move || !error.get().is_empty()>
                <p class="error" role="alert">{error}</p>
            </Show>
        </section>
    }
}
