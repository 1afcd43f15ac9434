//! The unit's product-format menu: the built-in formats and the teacher's own, ticked
//! on or off (saved at once), and "Add your own format".

use leptos::prelude::*;

use super::words::sentence;
use super::{change_unit, focus_later, UnitMemo};
use crate::components::{Feedback, FeedbackLines};
use crate::domain::{BuiltinFormat, FormatRef, Id, ProductFormat};
use crate::state::{teacher_ctx, use_records};

/// What "Add your own format" holds, made by the page so nothing typed is lost.
#[derive(Clone, Copy)]
pub(crate) struct FormatDraft {
    name: RwSignal<String>,
    description: RwSignal<String>,
    example: RwSignal<String>,
}

impl FormatDraft {
    pub(crate) fn new() -> FormatDraft {
        FormatDraft {
            name: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            example: RwSignal::new(String::new()),
        }
    }
}

/// One format on the menu as the teacher sees it: (ref, name, description).
type MenuItem = (FormatRef, String, String);

/// The product formats students can choose from in this unit.
#[component]
pub(crate) fn FormatMenu(unit: Id, current: UnitMemo, draft: FormatDraft) -> impl IntoView {
    let records = use_records();
    let feedback = Feedback::default();
    let form_feedback = Feedback::default();
    let items = Memo::new(move |_| {
        let on: Vec<FormatRef> =
            current.with(|u| u.as_ref().map(|u| u.formats.clone()).unwrap_or_default());
        let mut v: Vec<MenuItem> = BuiltinFormat::ALL
            .into_iter()
            .map(|b| {
                (
                    FormatRef::Builtin(b),
                    b.name().to_string(),
                    b.description().to_string(),
                )
            })
            .collect();
        records.data.with(|d| {
            let mut own: Vec<&ProductFormat> = d
                .formats
                .iter()
                .filter(|f| {
                    !f.meta.deleted && (!f.retired || on.contains(&FormatRef::Custom(f.meta.id)))
                })
                .collect();
            own.sort_by_key(|f| f.name.to_lowercase());
            v.extend(own.into_iter().map(|f| {
                (
                    FormatRef::Custom(f.meta.id),
                    f.name.clone(),
                    f.description.clone(),
                )
            }));
        });
        v
    });
    let toggle = move |f: FormatRef, name: String, on: bool| {
        feedback.show(change_unit(records, unit, |u, ctx| {
            u.toggle_format(f, on, ctx)?;
            Ok(if on {
                format!("{name} is on this unit's menu.")
            } else {
                format!("{name} is off this unit's menu.")
            })
        }));
    };
    let chosen = move || {
        current.with(|u| match u.as_ref().map_or(0, |u| u.formats.len()) {
            // What students see then: the whole list (`offered_formats`).
            0 => "Students may choose any format while none is ticked. Tick some to offer only those.".to_string(),
            1 => "1 format on the menu.".to_string(),
            n => format!("{n} formats on the menu."),
        })
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let made = ProductFormat::new(
            Id::new_v4(),
            &draft.name.get_untracked(),
            &draft.description.get_untracked(),
            &draft.example.get_untracked(),
            &teacher_ctx(records),
        );
        let result = made.map_err(sentence).and_then(|f| {
            let (fid, name) = (f.meta.id, f.name.clone());
            records.save(f).map_err(|e| e.to_string())?;
            change_unit(records, unit, |u, ctx| {
                u.toggle_format(FormatRef::Custom(fid), true, ctx)?;
                Ok(format!(
                    "Added \u{201c}{name}\u{201d} and put it on this unit's menu."
                ))
            })
        });
        if result.is_ok() {
            draft.name.set(String::new());
            draft.description.set(String::new());
            draft.example.set(String::new());
            focus_later("own-format-name");
        } else {
            focus_later("own-format-error");
        }
        form_feedback.show(result);
    };
    view! {
        <section class="card" aria-labelledby="formats-heading">
            <h2 id="formats-heading">"Product formats"</h2>
            <FeedbackLines feedback/>
            <fieldset class="check-list format-menu-teacher">
                <legend>"How can students show what they learned?"</legend>
                <p class="note">{chosen}" Students can also propose their own idea, which waits for your OK."</p>
                <For each=move || items.get() key=|i| i.clone() let:item>
                    {
                        let (f, name, description) = item;
                        let dom = format!("format-{f}");
                        let described = format!("format-{f}-description");
                        let has_description = !description.is_empty();
                        let checked = move || current.with(|u| u.as_ref().is_some_and(|u| u.formats.contains(&f)));
                        let said = name.clone();
                        view! {
                            <div class="check format-check">
                                <input type="checkbox" id=dom.clone() prop:checked=checked
                                    aria-describedby=has_description.then(|| described.clone())
                                    on:change=move |ev| toggle(f, said.clone(), event_target_checked(&ev))/>
                                <span class="format-text">
                                    <label for=dom dir="auto">{name}</label>
                                    {has_description.then(|| view! { <span id=described class="format-description" dir="auto">{description}</span> })}
                                </span>
                            </div>
                        }
                    }
                </For>
            </fieldset>
            <form class="own-format" on:submit=add novalidate>
                <h3>"Add your own format"</h3>
                <div id="own-format-error" tabindex="-1">
                    <FeedbackLines feedback=form_feedback/>
                </div>
                <div class="field">
                    <label for="own-format-name">"Format name"</label>
                    <input id="own-format-name" type="text" autocomplete="off" dir="auto" placeholder="Diorama"
                        prop:value=draft.name on:input=move |ev| draft.name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="own-format-description">"One-line description (optional)"</label>
                    <input id="own-format-description" type="text" autocomplete="off" dir="auto"
                        placeholder="Build a small scene in a box"
                        prop:value=draft.description on:input=move |ev| draft.description.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="own-format-example">"An example of good work (optional)"</label>
                    <textarea id="own-format-example" rows="2" dir="auto"
                        prop:value=draft.example on:input=move |ev| draft.example.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button button-quiet">"Add format"</button>
            </form>
        </section>
    }
}
