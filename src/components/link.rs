//! An in-app link: a real `<a href>` (so it works with the keyboard, middle-click and
//! screen readers) that moves within the app without reloading the page.

use leptos::prelude::*;

use crate::state::use_router;

/// A link to an app path such as "/student". Marked `aria-current="page"` when it
/// points at the page being shown.
#[component]
pub fn Link(
    /// The app path to go to (without the base path).
    #[prop(into)]
    to: String,
    /// CSS classes for the `<a>`.
    #[prop(optional, into)]
    class: String,
    /// Id of an element that describes the link.
    #[prop(optional, into)]
    describedby: Option<String>,
    /// The link's content (its accessible name).
    children: Children,
) -> impl IntoView {
    let router = use_router();
    let href = router.href(&to);
    let target = to.clone();
    let current = move || (router.path() == to).then_some("page");
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
        if ev.button() == 0 && !modified && !ev.default_prevented() {
            ev.prevent_default();
            router.navigate(&target);
        }
    };
    view! {
        <a href=href class=class aria-describedby=describedby aria-current=current on:click=on_click>
            {children()}
        </a>
    }
}
