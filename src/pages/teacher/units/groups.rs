//! The teacher's groups (by readiness, interest or learning profile): create, pick
//! members, rename, delete. Groups are the teacher's tool: students never see them.

use leptos::prelude::*;

use super::focus_later;
use super::words::sentence;
use crate::components::{Feedback, FeedbackLines};
use crate::domain::{Assignment, ClassData, Group, Id, Record};
use crate::state::{teacher_ctx, use_records, RecordsState};

/// Active students as (id, name), by name.
fn students(records: RecordsState) -> Vec<(Id, String)> {
    records.data.with(|d| {
        let mut v: Vec<(Id, String)> = d
            .students
            .iter()
            .filter(|s| !s.meta.deleted && !s.archived)
            .map(|s| (s.meta.id, s.name.clone()))
            .collect();
        v.sort_by_key(|s| s.1.to_lowercase());
        v
    })
}

/// How many units and activities are given to `group`.
fn assigned_to(d: &ClassData, group: Id) -> usize {
    let g = Assignment::Group(group);
    d.units
        .iter()
        .filter(|u| !u.meta.deleted)
        .map(|u| usize::from(u.assign == g) + u.activities.iter().filter(|a| a.assign == g).count())
        .sum()
}

/// The names of a group's members, or a note when there are none.
fn member_names(d: &ClassData, g: &Group) -> String {
    let mut names: Vec<String> = d
        .students
        .iter()
        .filter(|s| !s.meta.deleted && g.members.contains(&s.meta.id))
        .map(|s| s.name.clone())
        .collect();
    names.sort_by_key(|n| n.to_lowercase());
    if names.is_empty() {
        "No members yet".into()
    } else {
        names.join(", ")
    }
}

/// The name, basis and members being edited.
#[derive(Clone, Copy)]
struct GroupDraft {
    name: RwSignal<String>,
    basis: RwSignal<String>,
    members: RwSignal<Vec<Id>>,
}

impl GroupDraft {
    fn new(g: Option<&Group>) -> GroupDraft {
        GroupDraft {
            name: RwSignal::new(g.map(|g| g.name.clone()).unwrap_or_default()),
            basis: RwSignal::new(g.map(|g| g.basis.clone()).unwrap_or_default()),
            members: RwSignal::new(g.map(|g| g.members.clone()).unwrap_or_default()),
        }
    }
}

/// The fields of a group (new or being edited).
#[component]
fn GroupFields(draft: GroupDraft, prefix: String) -> impl IntoView {
    let records = use_records();
    let (name_id, basis_id) = (format!("{prefix}-name"), format!("{prefix}-basis"));
    let people = Memo::new(move |_| students(records));
    let none = move || people.with(Vec::is_empty);
    view! {
        <div class="field-row">
            <div class="field">
                <label for=name_id.clone()>"Group name"</label>
                <input id=name_id type="text" autocomplete="off" dir="auto" placeholder="Table 3"
                    prop:value=draft.name on:input=move |ev| draft.name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for=basis_id.clone()>"Based on (optional, only you see it)"</label>
                <input id=basis_id type="text" autocomplete="off" dir="auto" placeholder="Readiness, interest or learning profile"
                    prop:value=draft.basis on:input=move |ev| draft.basis.set(event_target_value(&ev))/>
            </div>
        </div>
        <fieldset class="check-list member-list">
            <legend>"Members"</legend>
            <Show when=none>
                <p class="note">"No students yet: add them on My class."</p>
            </Show>
            <For each=move || people.get() key=|p| p.0 let:p>
                {
                    let (id, name) = p;
                    let dom = format!("{prefix}-member-{id}");
                    view! {
                        <div class="check">
                            <input type="checkbox" id=dom.clone()
                                prop:checked=move || draft.members.with(|m| m.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.members.update(|m| {
                                        m.retain(|x| *x != id);
                                        if on { m.push(id); }
                                    });
                                }/>
                            <label for=dom dir="auto">{name}</label>
                        </div>
                    }
                }
            </For>
        </fieldset>
    }
}

/// The "Groups" section of the units page.
#[component]
pub(crate) fn Groups() -> impl IntoView {
    let records = use_records();
    let feedback = Feedback::default();
    let form_feedback = Feedback::default();
    let new = GroupDraft::new(None);
    let editing = RwSignal::new(None::<Id>);
    let confirming = RwSignal::new(None::<Id>);
    let groups = Memo::new(move |_| {
        records.data.with(|d| {
            let mut v: Vec<(Id, String)> = d
                .groups
                .iter()
                .filter(|g| !g.meta.deleted)
                .map(|g| (g.meta.id, g.name.to_lowercase()))
                .collect();
            v.sort_by(|a, b| a.1.cmp(&b.1));
            v.into_iter().map(|g| g.0).collect::<Vec<Id>>()
        })
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ctx = teacher_ctx(records);
        let members = new.members.get_untracked();
        let made = Group::new(Id::new_v4(), &new.name.get_untracked(), &members, &ctx).and_then(
            |mut g| {
                let name = g.name.clone();
                g.edit(&name, &new.basis.get_untracked(), &members, &ctx)?;
                Ok(g)
            },
        );
        let result = made.map_err(sentence).and_then(|g| {
            let said = format!(
                "Made the group \u{201c}{}\u{201d}. Students never see group names.",
                g.name
            );
            records.save(g).map_err(|e| e.to_string()).map(|()| said)
        });
        if result.is_ok() {
            new.name.set(String::new());
            new.basis.set(String::new());
            new.members.set(Vec::new());
        }
        focus_later(if result.is_ok() {
            "group-new-name"
        } else {
            "group-new-error"
        });
        form_feedback.show(result);
    };
    let delete = move |id: Id| {
        confirming.set(None);
        let Some(mut g) = records.data.with_untracked(|d| d.get::<Group>(id).cloned()) else {
            return;
        };
        let said = format!("Deleted the group \u{201c}{}\u{201d}.", g.name);
        g.tombstone(&teacher_ctx(records));
        feedback.show(records.save(g).map_err(|e| e.to_string()).map(|()| said));
        focus_later("groups-heading");
    };
    let none = move || groups.with(Vec::is_empty);
    view! {
        <section class="card" aria-labelledby="groups-heading">
            <h2 id="groups-heading" tabindex="-1">"Groups"</h2>
            <p class="note">"Groups let you give a unit or an activity to some students: by readiness, interest or learning profile. Only you see group names and what they're based on; students just see their activities."</p>
            <FeedbackLines feedback/>
            <Show when=none>
                <p class="note">"No groups yet."</p>
            </Show>
            <ul class="group-list">
                <For each=move || groups.get() key=|id| *id let:id>
                    {
                        let info = Memo::new(move |_| records.data.with(|d| {
                            d.get::<Group>(id).filter(|g| !g.meta.deleted).map(|g| {
                                (g.name.clone(), g.basis.clone(), member_names(d, g), assigned_to(d, id))
                            })
                        }));
                        let name = move || info.with(|i| i.as_ref().map(|i| i.0.clone()).unwrap_or_default());
                        let edit_id = format!("group-edit-{id}");
                        let edit_focus = edit_id.clone();
                        view! {
                            <li class="group-row">
                                <Show when=move || editing.get() == Some(id) fallback=move || {
                                    let edit_id = edit_id.clone();
                                    view! {
                                        <div class="group-summary">
                                            <h3 dir="auto">{name}</h3>
                                            <p class="note" dir="auto">{move || info.with(|i| i.as_ref().map(|i| if i.1.is_empty() { String::new() } else { format!("Based on: {}", i.1) }).unwrap_or_default())}</p>
                                            <p dir="auto">{move || info.with(|i| i.as_ref().map(|i| i.2.clone()).unwrap_or_default())}</p>
                                        </div>
                                        <div class="group-actions">
                                            <button type="button" id=edit_id class="button button-quiet button-small"
                                                aria-label=move || format!("Edit group: {}", name())
                                                on:click=move |_| editing.set(Some(id))>"Edit"</button>
                                            <button type="button" class="button button-quiet button-small"
                                                aria-label=move || format!("Delete group: {}", name())
                                                on:click=move |_| confirming.set(Some(id))>"Delete"</button>
                                        </div>
                                        <Show when=move || confirming.get() == Some(id)>
                                            <div class="confirm" role="group" aria-label=move || format!("Delete {}?", name())>
                                                <p class="warning">{move || {
                                                    let used = info.with(|i| i.as_ref().map_or(0, |i| i.3));
                                                    match used {
                                                        0 => "No unit or activity is given to this group. Deleting it removes only the group; the students stay in the class.".to_string(),
                                                        1 => "1 unit or activity is given to this group: after deleting, it reaches nobody until you choose someone else for it.".to_string(),
                                                        n => format!("{n} units or activities are given to this group: after deleting, they reach nobody until you choose someone else for them."),
                                                    }
                                                }}</p>
                                                <button type="button" class="button button-danger" on:click=move |_| delete(id)>
                                                    {move || format!("Yes, delete {}", name())}
                                                </button>
                                                <button type="button" class="button button-quiet" on:click=move |_| confirming.set(None)>"Keep it"</button>
                                            </div>
                                        </Show>
                                    }
                                }>
                                    <EditGroup id editing feedback focus=edit_focus.clone()/>
                                </Show>
                            </li>
                        }
                    }
                </For>
            </ul>
            <form class="new-group" on:submit=create novalidate>
                <h3>"New group"</h3>
                <div id="group-new-error" tabindex="-1">
                    <FeedbackLines feedback=form_feedback/>
                </div>
                <GroupFields draft=new prefix="group-new".to_string()/>
                <button type="submit" class="button">"Create group"</button>
            </form>
        </section>
    }
}

/// A group's edit form, in place of its row.
#[component]
fn EditGroup(
    id: Id,
    editing: RwSignal<Option<Id>>,
    feedback: Feedback,
    focus: String,
) -> impl IntoView {
    let records = use_records();
    let own = Feedback::default();
    let draft = records
        .data
        .with_untracked(|d| GroupDraft::new(d.get::<Group>(id)));
    let prefix = format!("group-{id}");
    let error_id = format!("{prefix}-error");
    let save = {
        let (focus, error_id) = (focus.clone(), error_id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(mut g) = records.data.with_untracked(|d| d.get::<Group>(id).cloned()) else {
                return;
            };
            let result = g
                .edit(
                    &draft.name.get_untracked(),
                    &draft.basis.get_untracked(),
                    &draft.members.get_untracked(),
                    &teacher_ctx(records),
                )
                .map_err(sentence)
                .and_then(|()| {
                    let said = format!("Saved the group \u{201c}{}\u{201d}.", g.name);
                    records.save(g).map_err(|e| e.to_string()).map(|()| said)
                });
            match result {
                Ok(said) => {
                    editing.set(None);
                    feedback.show(Ok(said));
                    focus_later(focus.clone());
                }
                Err(e) => {
                    own.show(Err(e));
                    focus_later(error_id.clone());
                }
            }
        }
    };
    let cancel = move |_| {
        editing.set(None);
        focus_later(focus.clone());
    };
    view! {
        <form class="edit-group" on:submit=save novalidate>
            <h3 dir="auto">{format!("Edit group: {}", draft.name.get_untracked())}</h3>
            <div id=error_id tabindex="-1">
                <FeedbackLines feedback=own/>
            </div>
            <GroupFields draft prefix/>
            <div class="actions">
                <button type="submit" class="button">"Save group"</button>
                <button type="button" class="button button-quiet" on:click=cancel>"Cancel"</button>
            </div>
        </form>
    }
}
