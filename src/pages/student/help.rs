//! "I need help": one tap away on every student page. An optional note goes with it;
//! the teacher sees it in the review queue; the student can take it back.

use leptos::prelude::*;

use super::use_student;
use crate::components::{Feedback, FeedbackLines};
use crate::domain::{HelpFlag, Id};
use crate::state::use_records;

/// The help button, or, while a request is open, what it said and "I'm OK now".
#[component]
pub fn HelpButton() -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let open_flag = Memo::new(move |_| {
        records.data.with(|d| {
            d.help
                .iter()
                .filter(|h| h.student == me.id && h.is_open())
                .max_by_key(|h| h.meta.created)
                .cloned()
        })
    });
    let (asking, set_asking) = signal(false);
    let (note, set_note) = signal(String::new());
    let feedback = Feedback::default();
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = HelpFlag::raise(Id::new_v4(), me.id, &note.get_untracked(), &me.ctx())
            .map_err(|e| e.to_string())
            .and_then(|flag| records.save(flag).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                set_note.set(String::new());
                set_asking.set(false);
                feedback.show(Ok("Your teacher can see that you asked for help.".into()));
            }
            Err(e) => feedback.show(Err(e)),
        }
    };
    let withdraw = move |_| {
        let Some(mut flag) = open_flag.get_untracked() else {
            return;
        };
        let result = flag
            .withdraw(&me.ctx())
            .map_err(|e| e.to_string())
            .and_then(|()| records.save(flag).map_err(|e| e.to_string()));
        feedback.show(result.map(|()| "OK. You took back your help request.".into()));
    };
    view! {
        <div class="help-box">
            {move || match open_flag.get() {
                Some(flag) => view! {
                    <div class="help-panel help-open">
                        <p class="help-waiting">
                            <strong>"You asked for help."</strong>
                            {(!flag.note.is_empty()).then(|| view! { <span class="help-note">{format!(" “{}”", flag.note)}</span> })}
                        </p>
                        <button type="button" class="button button-quiet" on:click=withdraw>"I'm OK now"</button>
                    </div>
                }.into_any(),
                None => view! {
                    <button type="button" class="button button-help"
                        aria-expanded=move || asking.get().to_string()
                        aria-controls="help-form"
                        on:click=move |_| set_asking.update(|a| *a = !*a)>
                        "I need help"
                    </button>
                    <Show when=move || asking.get()>
                        <form id="help-form" class="help-panel help-form" on:submit=ask novalidate>
                            <div class="field">
                                <label for="help-note">"What do you need help with? (optional)"</label>
                                <textarea id="help-note" rows="2"
                                    prop:value=note
                                    on:input=move |ev| set_note.set(event_target_value(&ev))></textarea>
                            </div>
                            <div class="actions">
                                <button type="submit" class="button">"Ask my teacher"</button>
                                <button type="button" class="button button-quiet"
                                    on:click=move |_| set_asking.set(false)>"Not now"</button>
                            </div>
                        </form>
                    </Show>
                }.into_any(),
            }}
            <FeedbackLines feedback=feedback/>
        </div>
    }
}
