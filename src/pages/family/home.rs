//! "Whose family are you?": the children on this device, by first name.

use leptos::prelude::*;

use crate::components::{Link, Page};
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
    view! {
        <Page title="Family view">
            <p class="lead">"Here you'll see the goals your child set with their teacher, and how they are doing."</p>
            <Show
                when=move || !children.with(Vec::is_empty)
                fallback=|| view! { <p>"There are no children on this device yet."</p> }
            >
                <h2>"Choose your child"</h2>
                <ul class="family-children">
                    <For each=move || children.get() key=|(id, _)| *id let:child>
                        <li><Link to=format!("/family/{}", child.0) class="button button-quiet">{child.1.clone()}</Link></li>
                    </For>
                </ul>
            </Show>
        </Page>
    }
}
