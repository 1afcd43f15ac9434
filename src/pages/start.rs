//! "Who's using Wayfinder?": the way in for students, teachers and families.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::Page;
use crate::state::use_prefs;

/// The start page with the three ways in and this device's display settings.
#[component]
pub fn StartPage() -> impl IntoView {
    let prefs = use_prefs();
    let large = move || prefs.prefs.with(|p| p.large_text);
    view! {
        <Page title="Who's using Wayfinder?">
            <p class="lead">"Choose who you are to get started."</p>
            <ul class="doorways">
                <li>
                    <A href="/student" attr:class="doorway" attr:aria-describedby="door-student">
                        <span class="doorway-icon" aria-hidden="true">"🎒"</span>
                        <span class="doorway-name">"Student"</span>
                    </A>
                    <p id="door-student" class="doorway-hint">"Your path, your goals, your progress."</p>
                </li>
                <li>
                    <A href="/teacher" attr:class="doorway" attr:aria-describedby="door-teacher">
                        <span class="doorway-icon" aria-hidden="true">"🧭"</span>
                        <span class="doorway-name">"Teacher"</span>
                    </A>
                    <p id="door-teacher" class="doorway-hint">"Your class, learning targets and review queue."</p>
                </li>
                <li>
                    <A href="/family" attr:class="doorway" attr:aria-describedby="door-family">
                        <span class="doorway-icon" aria-hidden="true">"🏡"</span>
                        <span class="doorway-name">"Family"</span>
                    </A>
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
            </section>
        </Page>
    }
}
