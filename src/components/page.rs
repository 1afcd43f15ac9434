//! The frame of every routed page: its one `<h1>`, the document title, and focus.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::html;
use leptos::prelude::*;

/// Set once the first page has rendered: later pages are reached by navigation.
static NAVIGATED: AtomicBool = AtomicBool::new(false);

/// The navigation of the area a page belongs to (the teacher's tabs), provided by the
/// area around its pages. [`Page`] shows it right after the `<h1>`: the h1 gets focus
/// on a page change, so the area's menu is the first Tab stop, and the page's content
/// follows without passing through another page's (the roster) first.
#[derive(Clone)]
pub struct AreaNav(pub ViewFn);

/// A routed page with its heading. Sets `document.title` to "`title` · Wayfinder" and,
/// after an in-app navigation, moves focus to the heading so screen readers announce
/// the new page (on the first load focus stays at the top, where the skip link is).
#[component]
pub fn Page(
    /// The page's `<h1>` text, also used for the document title.
    #[prop(into)]
    title: String,
    /// A heading that changes while the page stays (a unit being renamed): when given,
    /// the `<h1>` and the document title follow it and `title` is only the first value.
    #[prop(optional)]
    live_title: Option<Signal<String>>,
    /// The page's content below the heading.
    children: Children,
) -> impl IntoView {
    let title = match live_title {
        Some(live) => {
            Effect::new(move |_| document().set_title(&format!("{} · Wayfinder", live.get())));
            Signal::derive(move || live.get())
        }
        None => {
            document().set_title(&format!("{title} · Wayfinder"));
            Signal::stored(title)
        }
    };
    let area_nav = use_context::<AreaNav>().map(|nav| nav.0.run());
    let heading = NodeRef::<html::H1>::new();
    heading.on_load(|h1| {
        if NAVIGATED.swap(true, Ordering::Relaxed) {
            let _ = h1.focus();
        }
    });
    view! {
        <div class="page">
            <h1 node_ref=heading tabindex="-1">{title}</h1>
            {area_nav}
            {children()}
        </div>
    }
}
