//! An activity on the choice board: its row (move up/down with focus kept, edit,
//! remove with a confirmation when students' paths have it) and its form (add or edit).

use leptos::prelude::*;

use super::words::{assignment_label, bad_link, remove_warning, sentence};
use super::{change_unit, focus_later, for_whom_options, UnitMemo};
use crate::components::{Feedback, FeedbackLines};
use crate::domain::pathway::paths_using;
use crate::domain::unit::{bad_way_link, WayDraft};
use crate::domain::{Activity, Assignment, DomainError, Id, WayKind};
use crate::state::use_records;

/// What an activity form holds. Made by the page, so nothing typed is lost when the
/// page's heading is rebuilt.
#[derive(Clone, Copy)]
pub(crate) struct ActivityDraft {
    title: RwSignal<String>,
    description: RwSignal<String>,
    must: RwSignal<bool>,
    tier: RwSignal<String>,
    /// Text and link for read, listen, watch and hands-on (in [`WayKind::ALL`] order).
    ways: [(RwSignal<String>, RwSignal<String>); 4],
    assign: RwSignal<String>,
}

impl ActivityDraft {
    /// An empty form: a may-do for the whole class.
    pub(crate) fn new() -> ActivityDraft {
        let way = || (RwSignal::new(String::new()), RwSignal::new(String::new()));
        ActivityDraft {
            title: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            must: RwSignal::new(false),
            tier: RwSignal::new(String::new()),
            ways: [way(), way(), way(), way()],
            assign: RwSignal::new(Assignment::Class.to_string()),
        }
    }

    /// A form filled with `a`, to edit it.
    fn from_activity(a: &Activity) -> ActivityDraft {
        let d = ActivityDraft::new();
        d.title.set(a.title.clone());
        d.description.set(a.description.clone());
        d.must.set(a.must);
        d.tier.set(a.tier.clone());
        for (i, kind) in WayKind::ALL.into_iter().enumerate() {
            let (text, link) = a.way(kind);
            d.ways[i].0.set(text);
            d.ways[i].1.set(link);
        }
        d.assign.set(a.assign.to_string());
        d
    }

    fn clear(&self) {
        let fresh = ActivityDraft::new();
        self.title.set(String::new());
        self.description.set(String::new());
        self.tier.set(String::new());
        for (t, l) in self.ways {
            t.set(String::new());
            l.set(String::new());
        }
        self.must.set(fresh.must.get_untracked());
        self.assign.set(fresh.assign.get_untracked());
    }

    fn way_drafts(&self) -> Vec<WayDraft> {
        WayKind::ALL
            .into_iter()
            .zip(self.ways)
            .map(|(k, (t, l))| (k, t.get_untracked(), l.get_untracked()))
            .collect()
    }
}

/// The add / edit form of an activity.
#[component]
pub(crate) fn ActivityForm(
    /// The unit.
    unit: Id,
    /// What the form holds.
    draft: ActivityDraft,
    /// The activity being edited; `None` to add one.
    editing: Option<Id>,
    /// Makes the form's element ids unique ("new", or the activity's id).
    prefix: String,
    /// Called with the sentence to show after saving an edit.
    #[prop(optional)]
    on_saved: Option<Callback<String>>,
    /// Called when the teacher cancels an edit.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let records = use_records();
    let feedback = Feedback::default();
    let bad_way = RwSignal::new(None::<WayKind>);
    let options = for_whom_options(records, move || {
        Assignment::parse(&draft.assign.get()).unwrap_or_default()
    });
    let dom = move |part: &str| format!("act-{prefix}-{part}");
    let (title_id, desc_id, tier_id, for_id, must_name) = (
        dom("title"),
        dom("description"),
        dom("tier"),
        dom("for"),
        dom("kind"),
    );
    let (must_id, may_id, error_id) = (dom("must"), dom("may"), dom("error"));
    let link_ids: Vec<String> = WayKind::ALL
        .into_iter()
        .map(|k| dom(&format!("{}-link", k.slug())))
        .collect();
    let submit = {
        let (title_id, error_id, link_ids) = (title_id.clone(), error_id.clone(), link_ids.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let ways = draft.way_drafts();
            let assign = Assignment::parse(&draft.assign.get_untracked()).unwrap_or_default();
            let made = Activity::from_form(
                editing.unwrap_or_else(Id::new_v4),
                &draft.title.get_untracked(),
                &draft.description.get_untracked(),
                draft.must.get_untracked(),
                &draft.tier.get_untracked(),
                &ways,
                assign,
            );
            bad_way.set(None);
            let a = match made {
                Err(DomainError::BadLink) => {
                    let kind = bad_way_link(&ways).unwrap_or(WayKind::Read);
                    bad_way.set(Some(kind));
                    feedback.show(Err(bad_link(kind)));
                    let i = WayKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
                    focus_later(link_ids[i].clone());
                    return;
                }
                Err(e) => {
                    let required = matches!(e, DomainError::Required { .. });
                    feedback.show(Err(sentence(e)));
                    focus_later(if required {
                        title_id.clone()
                    } else {
                        error_id.clone()
                    });
                    return;
                }
                Ok(a) => a,
            };
            let title = a.title.clone();
            let result = change_unit(records, unit, move |u, ctx| {
                if editing.is_some() {
                    u.replace_activity(a, ctx)?;
                    Ok(format!("Saved \u{201c}{title}\u{201d}."))
                } else {
                    u.add_activity(a, ctx)?;
                    Ok(format!(
                        "Added \u{201c}{title}\u{201d} to the choice board."
                    ))
                }
            });
            match result {
                Ok(said) => {
                    // A new activity leaves an empty form for the next one; an edit
                    // hands back to its row.
                    if editing.is_none() {
                        draft.clear();
                        focus_later(title_id.clone());
                    }
                    match on_saved {
                        Some(done) => done.run(said),
                        None => feedback.show(Ok(said)),
                    }
                }
                Err(e) => {
                    feedback.show(Err(e));
                    focus_later(error_id.clone());
                }
            }
        }
    };
    let ways = WayKind::ALL
        .into_iter()
        .enumerate()
        .map(|(i, kind)| {
            let (text, link) = draft.ways[i];
            let text_id = dom(&format!("{}-text", kind.slug()));
            let link_id = link_ids[i].clone();
            let invalid = move || (bad_way.get() == Some(kind)).then_some("true");
            view! {
                <fieldset class="way-fields">
                    <legend>{kind.label()}</legend>
                    <div class="field">
                        <label for=text_id.clone()><span class="visually-hidden">{format!("{}: ", kind.label())}</span>"What to do, or the text"</label>
                        <textarea id=text_id rows="2" dir="auto"
                            prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </div>
                    <div class="field">
                        <label for=link_id.clone()><span class="visually-hidden">{format!("{}: ", kind.label())}</span>"Link (optional)"</label>
                        <input id=link_id type="text" inputmode="url" autocomplete="off" placeholder="https://"
                            aria-invalid=invalid
                            prop:value=link on:input=move |ev| link.set(event_target_value(&ev))/>
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let is_edit = editing.is_some();
    view! {
        <form class="activity-form" on:submit=submit novalidate>
            <div id=error_id.clone() tabindex="-1">
                <FeedbackLines feedback/>
            </div>
            <div class="field">
                <label for=title_id.clone()>"Activity title"</label>
                <input id=title_id type="text" autocomplete="off" dir="auto"
                    placeholder="Read the story"
                    prop:value=draft.title on:input=move |ev| draft.title.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for=desc_id.clone()>"What to do (optional)"</label>
                <textarea id=desc_id rows="2" dir="auto"
                    prop:value=draft.description on:input=move |ev| draft.description.set(event_target_value(&ev))></textarea>
            </div>
            <fieldset class="choice-row">
                <legend>"Must-do or may-do?"</legend>
                <div class="check">
                    <input type="radio" id=must_id.clone() name=must_name.clone() prop:checked=move || draft.must.get()
                        on:change=move |_| draft.must.set(true)/>
                    <label for=must_id>"Must-do: everyone does it"</label>
                </div>
                <div class="check">
                    <input type="radio" id=may_id.clone() name=must_name prop:checked=move || !draft.must.get()
                        on:change=move |_| draft.must.set(false)/>
                    <label for=may_id>"May-do: students choose"</label>
                </div>
            </fieldset>
            <fieldset class="ways-in">
                <legend>"Ways in (optional): fill in the ones you offer"</legend>
                <div class="way-grid">{ways}</div>
            </fieldset>
            <div class="field-row">
                <div class="field">
                    <label for=tier_id.clone()>"Readiness tier (optional, only you see it)"</label>
                    <input id=tier_id type="text" autocomplete="off" dir="auto"
                        placeholder="Ready for a challenge"
                        prop:value=draft.tier on:input=move |ev| draft.tier.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for=for_id.clone()>"Who is it for?"</label>
                    <select id=for_id on:change=move |ev| draft.assign.set(event_target_value(&ev))>
                        <For each=move || options.get() key=|o| o.clone() let:o>
                            {
                                let v = o.0.clone();
                                view! { <option value=o.0 prop:selected=move || draft.assign.get() == v>{o.1}</option> }
                            }
                        </For>
                    </select>
                </div>
            </div>
            <div class="actions">
                <button type="submit" class="button">{if is_edit { "Save activity" } else { "Add activity" }}</button>
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="button button-quiet" on:click=move |_| cancel.run(())>"Cancel"</button>
                })}
            </div>
        </form>
    }
}

/// One activity on the board, as the teacher sees it.
#[component]
pub(crate) fn ActivityRow(
    unit: Id,
    current: UnitMemo,
    id: Id,
    /// The activity being edited on the board (one at a time).
    editing: RwSignal<Option<Id>>,
    /// The board's status line.
    feedback: Feedback,
) -> impl IntoView {
    let records = use_records();
    let act =
        Memo::new(move |_| current.with(|u| u.as_ref().and_then(|u| u.activity(id).cloned())));
    let confirming = RwSignal::new(false);
    let text = move |f: fn(&Activity) -> String| {
        move || act.with(|a| a.as_ref().map(f).unwrap_or_default())
    };
    let title = text(|a| a.title.clone());
    let (up_id, down_id, edit_id) = (
        format!("act-up-{id}"),
        format!("act-down-{id}"),
        format!("act-edit-{id}"),
    );
    let shift = {
        let (up_id, down_id) = (up_id.clone(), down_id.clone());
        move |by: isize| {
            let result = change_unit(records, unit, |u, ctx| {
                let before = u.activities.iter().position(|a| a.id == id);
                u.move_activity(id, by, ctx)?;
                let after = u.activities.iter().position(|a| a.id == id);
                let t = u.activity(id).map(|a| a.title.clone()).unwrap_or_default();
                Ok(match (before == after, after) {
                    (true, _) if by < 0 => format!("\u{201c}{t}\u{201d} is already first."),
                    (true, _) => format!("\u{201c}{t}\u{201d} is already last."),
                    (false, Some(p)) => format!(
                        "\u{201c}{t}\u{201d} is now number {} of {}.",
                        p + 1,
                        u.activities.len()
                    ),
                    (false, None) => String::new(),
                })
            });
            feedback.show(result);
            focus_later(if by < 0 {
                up_id.clone()
            } else {
                down_id.clone()
            });
        }
    };
    let shift_up = shift.clone();
    let remove = move || {
        confirming.set(false);
        let result = change_unit(records, unit, |u, ctx| {
            let t = u.activity(id).map(|a| a.title.clone()).unwrap_or_default();
            let lowered = u.remove_activity(id, ctx)?;
            Ok(if lowered {
                format!(
                    "Removed \u{201c}{t}\u{201d}. Students now need {} may-dos, as many as are left.",
                    u.may_dos_required
                )
            } else {
                format!("Removed \u{201c}{t}\u{201d}.")
            })
        });
        // Paths keep the removed step in their history; the board no longer offers it.
        let ok = result.is_ok();
        feedback.show(result);
        if ok {
            focus_later("board-heading");
        }
    };
    let ask_remove = move |_| {
        let used = records
            .data
            .with_untracked(|d| paths_using(&d.pathways, unit, id));
        if used == 0 {
            remove();
        } else {
            confirming.set(true);
        }
    };
    let warning = move || {
        let used = records.data.with(|d| paths_using(&d.pathways, unit, id));
        remove_warning(&title(), used)
    };
    let edit_done = {
        let edit_id = edit_id.clone();
        Callback::new(move |said: String| {
            editing.set(None);
            feedback.show(Ok(said));
            focus_later(edit_id.clone());
        })
    };
    let edit_cancel = {
        let edit_id = edit_id.clone();
        Callback::new(move |()| {
            editing.set(None);
            focus_later(edit_id.clone());
        })
    };
    let details = move || {
        act.with(|a| {
            let a = a.as_ref()?;
            let (who, must, tier, description) = records.data.with(|d| {
                (
                    assignment_label(a.assign, &d.groups, &d.students),
                    a.must,
                    a.tier.clone(),
                    a.description.clone(),
                )
            });
            let ways = a
                .ways
                .iter()
                .map(|w| {
                    let link = (!w.link.is_empty()).then(|| {
                        view! { <a href=w.link.clone() target="_blank" rel="noopener noreferrer" dir="auto">{w.link.clone()}</a> }
                    });
                    view! {
                        <li>
                            <strong>{format!("{}: ", w.kind.label())}</strong>
                            <span dir="auto">{w.text.clone()}</span>
                            {(!w.text.is_empty() && !w.link.is_empty()).then_some(" ")}
                            {link}
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <p class="activity-tags">
                    {if must {
                        view! { <span class="tag tag-must">"Must-do"</span> }.into_any()
                    } else {
                        view! { <span class="tag tag-may">"May-do"</span> }.into_any()
                    }}
                    {(!tier.is_empty()).then(|| view! {
                        <span class="tag tag-tier" dir="auto">{format!("Tier: {tier}")}<span class="visually-hidden">" (only you see this)"</span></span>
                    })}
                    <span class="for-whom" dir="auto">{format!("For: {who}")}</span>
                </p>
                {(!description.is_empty()).then(|| view! { <p class="activity-description" dir="auto">{description}</p> })}
                {(!a.ways.is_empty()).then(|| view! { <ul class="way-list">{ways}</ul> })}
            })
        })
    };
    let is_editing = move || editing.get() == Some(id);
    view! {
        <li class="activity-row">
            <Show when=is_editing fallback=move || {
                let (up_id, down_id, edit_id) = (up_id.clone(), down_id.clone(), edit_id.clone());
                let (shift_up, shift_down) = (shift_up.clone(), shift.clone());
                view! {
                    <div class="activity-main">
                        <h3 class="activity-name" dir="auto">{title}</h3>
                        {details}
                    </div>
                    <div class="activity-actions">
                        <button type="button" id=up_id class="button button-quiet button-small"
                            aria-label=move || format!("Move up: {}", title())
                            on:click=move |_| shift_up(-1)>"↑"</button>
                        <button type="button" id=down_id class="button button-quiet button-small"
                            aria-label=move || format!("Move down: {}", title())
                            on:click=move |_| shift_down(1)>"↓"</button>
                        <button type="button" id=edit_id class="button button-quiet button-small"
                            aria-label=move || format!("Edit: {}", title())
                            on:click=move |_| editing.set(Some(id))>"Edit"</button>
                        <button type="button" class="button button-quiet button-small"
                            aria-label=move || format!("Remove: {}", title())
                            on:click=ask_remove>"Remove"</button>
                    </div>
                    <Show when=move || confirming.get()>
                        <div class="confirm" role="group" aria-label=move || format!("Remove {}?", title())>
                            <p class="warning">{warning}</p>
                            <button type="button" class="button button-danger" on:click=move |_| remove()>
                                {move || format!("Yes, remove {}", title())}
                            </button>
                            <button type="button" class="button button-quiet" on:click=move |_| confirming.set(false)>"Keep it"</button>
                        </div>
                    </Show>
                }
            }>
                {move || act.get_untracked().map(|a| {
                    let draft = ActivityDraft::from_activity(&a);
                    view! {
                        <h3 class="activity-name" dir="auto">{format!("Edit: {}", a.title)}</h3>
                        <ActivityForm unit draft editing=Some(id) prefix=id.to_string()
                            on_saved=edit_done on_cancel=edit_cancel/>
                    }
                })}
            </Show>
        </li>
    }
}
