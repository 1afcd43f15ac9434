//! The family area's language: which one is in use, and the selector that changes it
//! (remembered on this device in the preferences).

use leptos::prelude::*;

use crate::i18n::{t, Lang};
use crate::state::use_prefs;

/// The language to show: the one chosen on this device, else the browser's own if it is
/// offered, else English.
pub fn use_lang() -> Memo<Lang> {
    let prefs = use_prefs();
    Memo::new(move |_| {
        prefs
            .prefs
            .with(|p| p.language.as_deref().and_then(Lang::from_code))
            .unwrap_or_else(browser_lang)
    })
}

fn browser_lang() -> Lang {
    window()
        .navigator()
        .language()
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

fn button_id(lang: Lang) -> String {
    format!("family-lang-{}", lang.code())
}

/// "Language: English | Español", two buttons with the current one pressed. Choosing
/// rebuilds the page in the new language; focus comes back to the button chosen.
#[component]
pub fn LanguagePicker(
    /// The language in use (the page is rebuilt when it changes).
    lang: Lang,
) -> impl IntoView {
    let prefs = use_prefs();
    let choose = move |to: Lang| {
        if to == lang {
            return;
        }
        prefs.update(|p| p.language = Some(to.code().into()));
        // After the rebuild (and the page heading's own focus on load), back to the
        // button the person just pressed.
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&button_id(to)) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
        });
    };
    let buttons = Lang::ALL
        .into_iter()
        .map(|l| {
            let current = l == lang;
            view! {
                <button type="button" id=button_id(l) lang=l.code()
                    class=if current { "button button-small" } else { "button button-small button-quiet" }
                    aria-pressed=if current { "true" } else { "false" }
                    on:click=move |_| choose(l)>
                    {l.own_name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="family-lang" role="group" aria-labelledby="family-lang-label">
            <span id="family-lang-label" class="family-lang-label">{t(lang, "language-label")}</span>
            {buttons}
        </div>
    }
}
