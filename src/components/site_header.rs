//! The banner at the top of every page: the skip link, the name, and "Switch person".

use leptos::prelude::*;
use leptos_router::components::A;

/// Skip link, site name and main navigation.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <header class="site-header">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                "Wayfinder"
            </A>
            <nav aria-label="Main">
                <ul class="nav-list">
                    <li>
                        <A href="/" attr:class="nav-link">"Switch person"</A>
                    </li>
                </ul>
            </nav>
        </header>
    }
}
