//! One child's learning, for their family: read-only, in plain words, in the family's
//! language, and printable as a one-page progress report.
//!
//! What a family may see is decided in the domain (`family_summary`, `family_choices`):
//! only goals the teacher approved and the child shares, and what the child chose to
//! share. Nothing here links into the student's or the teacher's pages.

pub(super) mod lang;
mod model;
mod report;

use leptos::prelude::*;

use crate::components::{Link, Page};
use crate::domain::Id;
use crate::i18n::{t, tn, Lang};
use crate::state::{today, use_records};
use lang::{use_lang, LanguagePicker};
use report::Report;

/// Opens the browser's print dialog; the print stylesheet leaves only the report.
fn handle_print() {
    if let Err(e) = window().print() {
        leptos::logging::warn!("print failed: {e:?}");
    }
}

/// The language selector and the print button, above the report (not printed).
#[component]
fn FamilyTools(
    /// The language in use.
    lang: Lang,
) -> impl IntoView {
    view! {
        <div class="family-tools">
            <LanguagePicker lang/>
            <button type="button" class="button family-print" on:click=move |_| handle_print()>
                {t(lang, "print-button")}
            </button>
        </div>
    }
}

/// What my child is working on, their approved goals, path, product, shared
/// reflections, the teacher's feedback and how to help at home.
#[component]
pub fn FamilyView(id: Id) -> impl IntoView {
    let records = use_records();
    let lang = use_lang();
    let model = Memo::new(move |_| records.data.with(|d| model::build(d, id)));
    move || {
        let lang = lang.get();
        let content = match model.get() {
            Some(m) => view! {
                <Page title=tn(lang, "view-title", &m.name)>
                    <p class="lead">{tn(lang, "view-lead", &m.name)}</p>
                    <FamilyTools lang/>
                    <Report lang model=m today=today()/>
                    <p class="family-back">
                        <Link to="/family" class="button button-quiet">{t(lang, "choose-another")}</Link>
                    </p>
                </Page>
            }
            .into_any(),
            None => view! {
                <Page title=t(lang, "family-title")>
                    <LanguagePicker lang/>
                    <p class="lead">{t(lang, "gate-missing")}</p>
                    <p><Link to="/family" class="button">{t(lang, "choose-child")}</Link></p>
                </Page>
            }
            .into_any(),
        };
        view! { <div class="family" lang=lang.code()>{content}</div> }
    }
}
