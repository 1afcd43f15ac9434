//! A long list shown a step at a time, newest first: "Showing the newest 20 of 152." and
//! a button for the next step, so a year of work never lands on the page at once.

use leptos::prelude::*;

/// The note and the "Show … older" button under a list showing its first `shown` of
/// `total` items. The button shows `step` more and moves focus to the first item it
/// brought (the element `focus_id` names for that item's index), so keyboard and screen
/// reader users carry on from there; with nothing older left, both go.
#[component]
pub fn ShowOlder(
    /// How many items the list has.
    #[prop(into)]
    total: Signal<usize>,
    /// How many it shows.
    shown: RwSignal<usize>,
    /// How many more each press shows.
    step: usize,
    /// The item in words, one and many ("piece of evidence", "pieces of evidence").
    one: &'static str,
    /// See `one`.
    many: &'static str,
    /// The element id of the item at an index (newest first), to focus.
    focus_id: Callback<usize, Option<String>>,
) -> impl IntoView {
    let older = move || total.get().saturating_sub(shown.get());
    let show_older = move |_| {
        let first_new = shown.get_untracked();
        shown.update(|n| *n += step);
        if let Some(id) = focus_id.run(first_new) {
            request_animation_frame(move || {
                use wasm_bindgen::JsCast;
                if let Some(el) = document()
                    .get_element_by_id(&id)
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
            });
        }
    };
    view! {
        <Show when=move || { older() > 0 }>
            <p class="note" aria-live="polite">
                {move || format!("Showing the newest {} of {}.", shown.get(), total.get())}
            </p>
            <p>
                <button type="button" class="button button-quiet" on:click=show_older>
                    {move || match older().min(step) {
                        1 => format!("Show 1 older {one}"),
                        n => format!("Show {n} older {many}"),
                    }}
                </button>
            </p>
        </Show>
    }
}
