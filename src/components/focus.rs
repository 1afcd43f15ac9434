//! Moving the keyboard focus: the one way pages do it, so that it always waits for the
//! view to catch up (the element may only exist after the next frame) and never fails
//! loudly when the element is gone.

use leptos::prelude::{document, request_animation_frame};
use wasm_bindgen::JsCast;

/// Focuses the element with `id` once the next frame is drawn: after a change swapped
/// in the view that holds it, or moved the element that had the focus.
pub fn focus_later(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
