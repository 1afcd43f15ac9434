//! "Who's using Wayfinder?": the way in for students, teachers and families.

use leptos::prelude::*;

use crate::components::{Link, Page, PIN_HONESTY};
use crate::state::{use_prefs, use_session};

/// The start page with the three ways in and this device's display settings.
#[component]
pub fn StartPage() -> impl IntoView {
    let prefs = use_prefs();
    let large = move || prefs.prefs.with(|p| p.large_text);
    let session = use_session();
    let locked = move || {
        session.auto_locked.get().map(|m| {
            let minutes = if m == 1 { "1 minute".to_string() } else { format!("{m} minutes") };
            view! {
                <p class="notice" role="status">
                    {format!("Wayfinder locked itself after {minutes} without use, so the next person can't see your work. Everything you wrote is saved.")}
                </p>
            }
        })
    };
    view! {
        <Page title="Who's using Wayfinder?">
            {locked}
            <p class="lead">"Choose who you are to get started."</p>
            <ul class="doorways">
                <li>
                    <Link to="/student" class="doorway" describedby="door-student">
                        <svg class="doorway-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false"><path d="M24 13c-5-4-12-4-18-2v26c6-2 13-2 18 2z" fill="#1d5fa8"/><path d="M24 13c5-4 12-4 18-2v26c-6-2-13-2-18 2z" fill="#3f7fc4"/><path d="M24 13v26" stroke="#f7f5f0" stroke-width="2"/></svg>
                        <span class="doorway-name">"Student"</span>
                    </Link>
                    <p id="door-student" class="doorway-hint">"Your path, your goals, your progress."</p>
                </li>
                <li>
                    <Link to="/teacher" class="doorway" describedby="door-teacher">
                        <svg class="doorway-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false"><circle cx="24" cy="24" r="19" fill="none" stroke="#0f7a5a" stroke-width="4"/><path d="M31 17l-4 10-10 4 4-10z" fill="#b3470b"/></svg>
                        <span class="doorway-name">"Teacher"</span>
                    </Link>
                    <p id="door-teacher" class="doorway-hint">"Your class, learning targets and review queue."</p>
                </li>
                <li>
                    <Link to="/family" class="doorway" describedby="door-family">
                        <svg class="doorway-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false"><path d="M6 23L24 8l18 15" fill="none" stroke="#b3470b" stroke-width="4" stroke-linejoin="round"/><path d="M11 21v19h26V21" fill="#0f7a5a"/><rect x="20" y="28" width="8" height="12" fill="#f7f5f0"/></svg>
                        <span class="doorway-name">"Family"</span>
                    </Link>
                    <p id="door-family" class="doorway-hint">"See how your child is doing, in plain words."</p>
                </li>
            </ul>
            <section class="settings" aria-labelledby="settings-heading">
                <h2 id="settings-heading">"This device"</h2>
                <div class="check">
                    <input
                        type="checkbox"
                        id="pref-large-text"
                        prop:checked=large
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            prefs.update(|p| p.large_text = on);
                        }
                    />
                    <label for="pref-large-text">"Larger text"</label>
                </div>
                <p class="note">
                    "Everything you do in Wayfinder stays in this browser on this device. Nothing is sent anywhere."
                </p>
                <p class="note">{PIN_HONESTY}</p>
            </section>
        </Page>
    }
}
