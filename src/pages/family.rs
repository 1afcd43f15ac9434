//! The family view: choose your child, type the family PIN the teacher gave you, then a
//! read-only, plain-language view of that child's learning (and a printable report).

mod child;
mod home;
pub mod letter;

pub use child::lang::use_lang;
pub use home::FamilyHome;

use leptos::prelude::*;

use crate::components::{Link, Page, PinUnlock};
use crate::domain::Id;
use crate::i18n::{t, tn, tr, Arg, Lang};
use crate::state::{use_records, use_session, PinScope, Who};
use child::lang::LanguagePicker;

/// What this tab may show of one child.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    Allowed,
    NeedsPin,
    NoPinYet,
    Missing,
}

/// One child's family view, behind the family PIN (always: without a PIN set by the
/// teacher nothing is shown).
#[component]
pub fn FamilyChild(
    /// The child's student id, from the address.
    id: Id,
) -> impl IntoView {
    let records = use_records();
    let session = use_session();
    let present = Memo::new(move |_| {
        records.data.with(|d| {
            d.students
                .iter()
                .any(|s| s.meta.id == id && !s.meta.deleted && !s.archived)
        })
    });
    let access = Memo::new(move |_| {
        if !present.get() {
            return Access::Missing;
        }
        if session.who.get() == Some(Who::Family(id)) {
            return Access::Allowed;
        }
        if session.book_error.with(Option::is_some) || session.family_has_pin(id) {
            Access::NeedsPin
        } else {
            Access::NoPinYet
        }
    });
    let name = move || {
        records.data.with(|d| {
            d.students
                .iter()
                .find(|s| s.meta.id == id)
                .map(crate::pages::student::first_name)
                .unwrap_or_default()
        })
    };
    let lang = use_lang();
    move || {
        let access = access.get();
        if access == Access::Allowed {
            // The child's view follows the language itself.
            return view! { <child::FamilyView id/> }.into_any();
        }
        let lang = lang.get();
        let screen = match access {
            Access::Allowed => ().into_any(),
            Access::Missing => view! {
                <Page title=t(lang, "family-title")>
                    <LanguagePicker lang/>
                    <p class="lead">{t(lang, "gate-missing")}</p>
                    <p><Link to="/family" class="button">{t(lang, "choose-child")}</Link></p>
                </Page>
            }
            .into_any(),
            Access::NoPinYet => view! {
                <Page title=t(lang, "family-title")>
                    <LanguagePicker lang/>
                    <p class="lead">{tn(lang, "gate-no-pin", &name())}</p>
                    <p>{t(lang, "gate-ask")}</p>
                    <p><Link to="/family" class="button button-quiet">{t(lang, "choose-child")}</Link></p>
                </Page>
            }
            .into_any(),
            Access::NeedsPin => view! {
                <Page title=t(lang, "family-title")>
                    <LanguagePicker lang/>
                    <section class="card lock-card" aria-labelledby="family-lock-heading">
                        <h2 id="family-lock-heading">{tn(lang, "gate-heading", &name())}</h2>
                        <PinUnlock scope=PinScope::Family(id) label=t(lang, "gate-pin-label") id="family-pin"
                            words=Callback::new(move |(key, n)| pin_words(lang, key, n))/>
                        <p class="note">{t(lang, "gate-pin-note")}</p>
                    </section>
                    <p><Link to="/family" class="button button-quiet">{t(lang, "choose-another")}</Link></p>
                </Page>
            }
            .into_any(),
        };
        view! { <div class="family" lang=lang.code()>{screen}</div> }.into_any()
    }
}

/// "2 minutes 30 seconds", in the family's language.
fn wait_in(lang: Lang, ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    let (m, s) = ((secs / 60) as usize, (secs % 60) as usize);
    let minutes = tr(lang, "time-minutes", &[("count", Arg::Count(m))]);
    let seconds = tr(lang, "time-seconds", &[("count", Arg::Count(s))]);
    match (m, s) {
        (0, _) => seconds,
        (_, 0) => minutes,
        _ => format!("{minutes} {seconds}"),
    }
}

/// The family PIN box's sentences (keys of `components::pin`), from the Fluent files.
fn pin_words(lang: Lang, key: &str, n: i64) -> String {
    let count = usize::try_from(n).unwrap_or(0);
    let time = wait_in(lang, n);
    match key {
        "unlock" => t(lang, "pin-unlock"),
        "checking" => t(lang, "pin-checking"),
        "wrong-last" => t(lang, "pin-wrong-last"),
        "wrong" => tr(lang, "pin-wrong", &[("count", Arg::Count(count))]),
        "wrong-wait" => tr(lang, "pin-wrong-wait", &[("time", Arg::Text(&time))]),
        "countdown" => tr(lang, "pin-countdown", &[("time", Arg::Text(&time))]),
        "problem-empty" => t(lang, "pin-problem-empty"),
        "problem-not-digits" => t(lang, "pin-problem-not-digits"),
        "problem-too-short" => t(lang, "pin-problem-too-short"),
        "problem-too-long" => t(lang, "pin-problem-too-long"),
        _ => t(lang, "pin-none"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_family_pin_box_speaks_the_familys_language() {
        assert_eq!(pin_words(Lang::En, "unlock", 0), "Unlock");
        assert_eq!(pin_words(Lang::Es, "unlock", 0), "Abrir");
        assert_eq!(
            pin_words(Lang::En, "countdown", 90_000),
            "Too many wrong tries. You can try again in 1 minute 30 seconds."
        );
        assert_eq!(
            pin_words(Lang::Es, "countdown", 30_000),
            "Demasiados intentos equivocados. Puede volver a intentarlo en 30 segundos."
        );
        assert!(pin_words(Lang::Es, "wrong", 1).contains("1 vez más"));
        assert!(pin_words(Lang::Es, "wrong", 3).contains("3 veces más"));
        for key in [
            "checking",
            "wrong-last",
            "wrong-wait",
            "problem-empty",
            "problem-not-digits",
            "problem-too-short",
            "problem-too-long",
            "no-pin",
        ] {
            let en = pin_words(Lang::En, key, 60_000);
            let es = pin_words(Lang::Es, key, 60_000);
            assert!(!en.starts_with("pin-") && !es.starts_with("pin-"), "{key}");
            assert_ne!(en, es, "{key} is not translated");
        }
    }
}
