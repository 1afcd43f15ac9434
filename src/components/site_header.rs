//! The banner at the top of every page: the skip link, the name, and "Switch person",
//! in the page's language (a Spanish family page is Spanish from the skip link on).

use leptos::prelude::*;

use super::{InstallButton, Link};
use crate::i18n::{t, Lang};
use crate::state::{use_router, use_session};

/// Skip link, site name and main navigation.
#[component]
pub fn SiteHeader(
    /// The language of the page below.
    lang: Memo<Lang>,
) -> impl IntoView {
    let session = use_session();
    let router = use_router();
    let start = router.href("/");
    move || {
        // Switching person signs out whoever is signed in on this tab.
        let switch = move |ev: leptos::ev::MouseEvent| {
            let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
            if ev.button() == 0 && !modified {
                ev.prevent_default();
                session.sign_out();
                router.navigate("/");
            }
        };
        let l = lang.get();
        view! {
            <a class="skip-link" href="#main">{t(l, "header-skip")}</a>
            <header class="site-header">
                <Link to="/" class="brand">
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    "Wayfinder"
                </Link>
                <nav aria-label=t(l, "header-nav")>
                    <ul class="nav-list">
                        <InstallButton label=t(l, "header-install") short=t(l, "header-install-short")/>
                        <li>
                            <Link to="/data" class="nav-link">{t(l, "header-data")}</Link>
                        </li>
                        <li>
                            <a href=start.clone() class="nav-link" on:click=switch>{t(l, "header-switch")}</a>
                        </li>
                    </ul>
                </nav>
            </header>
        }
    }
}
