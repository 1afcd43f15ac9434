//! Quiet notices about the app itself: offline, and a new version ready.

use leptos::prelude::*;

use crate::state::use_app_shell;

/// "You're offline" and "A new version is ready" — never alarming, never reloading
/// by themselves.
#[component]
pub fn AppNotices() -> impl IntoView {
    let shell = use_app_shell();
    let offline = move || !shell.online.get();
    let update = move || shell.update_ready.get();
    view! {
        <div class="app-notices">
            <Show when=offline>
                <p class="notice notice-offline" role="status">
                    <span class="dot" aria-hidden="true"></span>
                    "You're offline. Everything still works and is saved on this device."
                </p>
            </Show>
            <Show when=update>
                <div class="notice notice-update" role="status">
                    <p>"A new version of Wayfinder is ready. Reload when you're ready: your work is saved."</p>
                    <button type="button" class="button" on:click=move |_| shell.reload_into_update()>
                        "Reload now"
                    </button>
                </div>
            </Show>
        </div>
    }
}

/// "Install Wayfinder", shown only where the browser offers to install it. The browser
/// offers it after the page is painted, so it must not move anything: on a phone it
/// takes the free end of the brand's row (out of the flow, saying just "Install"); on a
/// wide screen the menu is right-aligned, so it grows to the left.
#[component]
pub fn InstallButton(
    /// The button's words, in the page's language.
    label: String,
    /// Its short words, for a phone.
    short: String,
) -> impl IntoView {
    let shell = use_app_shell();
    view! {
        <Show when=move || shell.can_install.get()>
            <li class="install-item">
                <button type="button" class="nav-link nav-button" aria-label=label.clone()
                    on:click=move |_| shell.install()>
                    <span class="install-full" aria-hidden="true">{label.clone()}</span>
                    <span class="install-short" aria-hidden="true">{short.clone()}</span>
                </button>
            </li>
        </Show>
    }
}
