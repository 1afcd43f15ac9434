//! "Whose family are you?": the children on this device, by first name.

use leptos::prelude::*;

use super::child::lang::{use_lang, LanguagePicker};
use crate::components::{Link, Page};
use crate::i18n::t;
use crate::pages::student::first_name;
use crate::state::use_records;

/// The list of children to choose from.
#[component]
pub fn FamilyHome() -> impl IntoView {
    let records = use_records();
    let children = Memo::new(move |_| {
        records.data.with(|d| {
            let mut c: Vec<(crate::domain::Id, String)> = d
                .students
                .iter()
                .filter(|s| !s.meta.deleted && !s.archived)
                .map(|s| (s.meta.id, first_name(s)))
                .collect();
            c.sort_by_key(|(_, n)| n.to_lowercase());
            c
        })
    });
    let lang = use_lang();
    move || {
        let lang = lang.get();
        view! {
            <div class="family" lang=lang.code()>
                <Page title=t(lang, "family-title")>
                    <LanguagePicker lang/>
                    <p class="lead">{t(lang, "home-lead")}</p>
                    <Show
                        when=move || !children.with(Vec::is_empty)
                        fallback=move || view! { <p>{t(lang, "home-none")}</p> }
                    >
                        <h2>{t(lang, "choose-child")}</h2>
                        <ul class="family-children">
                            <For each=move || children.get() key=|(id, _)| *id let:child>
                                <li><Link to=format!("/family/{}", child.0) class="button button-quiet"><span dir="auto">{child.1.clone()}</span></Link></li>
                            </For>
                        </ul>
                    </Show>
                </Page>
            </div>
        }
    }
}
