//! The family letter: printed by the teacher right after setting a family PIN, while
//! the PIN is still in memory (it is never stored in clear, so the letter cannot be
//! made again later without a new PIN). Words from the family Fluent files, so it can
//! be printed in each family language.

use leptos::prelude::*;

use crate::i18n::{date_long, t, tn, Lang};
use crate::state::today;

/// One printable page for a family: what Wayfinder is, that the data stays on this
/// device, how to open the family view, and the PIN.
#[component]
pub fn FamilyLetter(
    /// The child's first name.
    #[prop(into)]
    name: String,
    /// The family PIN just set.
    #[prop(into)]
    pin: String,
    /// The letter's language.
    lang: Lang,
    /// Tells this letter's heading from the others' when several are printed together.
    #[prop(optional, into)]
    title_suffix: String,
) -> impl IntoView {
    let n = name.as_str();
    let title_id = format!("family-letter-title{title_suffix}");
    let labelled_by = title_id.clone();
    view! {
        <article class="family-letter" lang=lang.code() aria-labelledby=labelled_by>
            <p class="family-letter-date">{date_long(lang, today())}</p>
            <h3 id=title_id>{tn(lang, "letter-title", n)}</h3>
            <p>{tn(lang, "letter-hello", n)}</p>
            <p>{tn(lang, "letter-what", n)}</p>
            <p>{t(lang, "letter-device")}</p>
            <h4>{t(lang, "letter-how")}</h4>
            <ol class="family-letter-steps">
                <li>{t(lang, "letter-step-device")}</li>
                <li>{t(lang, "letter-step-family")}</li>
                <li>{tn(lang, "letter-step-child", n)}</li>
                <li>{t(lang, "letter-step-pin")}</li>
            </ol>
            <p class="family-letter-pin">
                <span class="family-letter-pin-label">{t(lang, "letter-pin")}</span>
                <span class="family-letter-pin-value">{pin}</span>
            </p>
            <p>{tn(lang, "letter-see", n)}</p>
            <p>{tn(lang, "letter-private", n)}</p>
            <p class="family-letter-sign">{t(lang, "letter-thanks")}<br/>{tn(lang, "letter-from", n)}</p>
        </article>
    }
}
