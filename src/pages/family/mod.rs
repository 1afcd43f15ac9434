//! The family view: choose your child, type the family PIN the teacher gave you, then a
//! read-only, plain-language view of that child's learning (and a printable report).

mod child;
mod home;

pub use home::FamilyHome;

use leptos::prelude::*;

use crate::components::{Link, Page, PinUnlock};
use crate::domain::Id;
use crate::state::{use_records, use_session, PinScope, Who};

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
    move || {
        match access.get() {
        Access::Allowed => view! { <child::FamilyView id/> }.into_any(),
        Access::Missing => view! {
            <Page title="Family view">
                <p class="lead">"We couldn't find this child on this device."</p>
                <p><Link to="/family" class="button">"Choose your child"</Link></p>
            </Page>
        }
        .into_any(),
        Access::NoPinYet => view! {
            <Page title="Family view">
                <p class="lead">{format!("{}'s teacher hasn't set a family PIN on this device yet.", name())}</p>
                <p>"Ask the teacher for the family PIN. It keeps each family's view private."</p>
                <p><Link to="/family" class="button button-quiet">"Choose your child"</Link></p>
            </Page>
        }
        .into_any(),
        Access::NeedsPin => view! {
            <Page title="Family view">
                <section class="card lock-card" aria-labelledby="family-lock-heading">
                    <h2 id="family-lock-heading">{format!("Type the family PIN for {}", name())}</h2>
                    <PinUnlock scope=PinScope::Family(id) label="Family PIN" id="family-pin"/>
                    <p class="note">"The teacher gave you this PIN. Forgotten it? The teacher can set a new one."</p>
                </section>
                <p><Link to="/family" class="button button-quiet">"Choose another child"</Link></p>
            </Page>
        }
        .into_any(),
    }
    }
}
