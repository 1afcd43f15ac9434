//! The family view: choose your child, type the family PIN the teacher gave you, then a
//! read-only, plain-language view of that child's learning (and a printable report).

mod child;
mod home;

pub use home::FamilyHome;

use leptos::prelude::*;

use crate::components::{Link, Page, PinUnlock};
use crate::domain::Id;
use crate::state::{use_records, use_session, PinScope, Who};
use child::i18n::{t, tn};
use child::lang::{use_lang, LanguagePicker};

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
pub fn FamilyChild(id: Id) -> impl IntoView {
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
                        <PinUnlock scope=PinScope::Family(id) label=t(lang, "gate-pin-label") id="family-pin"/>
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
