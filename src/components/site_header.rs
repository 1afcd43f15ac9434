//! The banner at the top of every page: the skip link, the name, and "Switch person".

use leptos::prelude::*;

use super::{InstallButton, Link};

/// Skip link, site name and main navigation.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <header class="site-header">
            <Link to="/" class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                "Wayfinder"
            </Link>
            <nav aria-label="Main">
                <ul class="nav-list">
                    <InstallButton/>
                    <li>
                        <Link to="/data" class="nav-link">"Your data"</Link>
                    </li>
                    <li>
                        <Link to="/" class="nav-link">"Switch person"</Link>
                    </li>
                </ul>
            </nav>
        </header>
    }
}
