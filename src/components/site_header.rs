//! The banner at the top of every page: the skip link, the name, and "Switch person".

use leptos::prelude::*;

use super::{InstallButton, Link};
use crate::state::{use_router, use_session};

/// Skip link, site name and main navigation.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let session = use_session();
    let router = use_router();
    // Switching person signs out whoever is signed in on this tab.
    let start = router.href("/");
    let switch = move |ev: leptos::ev::MouseEvent| {
        let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
        if ev.button() == 0 && !modified {
            ev.prevent_default();
            session.sign_out();
            router.navigate("/");
        }
    };
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
                        <a href=start class="nav-link" on:click=switch>"Switch person"</a>
                    </li>
                </ul>
            </nav>
        </header>
    }
}
