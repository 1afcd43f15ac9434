//! Learning targets: "I can …" statements with an optional standard code and subject;
//! add, reorder (move up/down), retire and restore, delete when nothing points to them.

use leptos::prelude::*;

use crate::components::{Feedback, FeedbackLines};

use crate::domain::target::{check_delete_target, reorder_targets};
use crate::domain::{Id, LearningTarget, Record};
use crate::state::{teacher_ctx, use_records, RecordsState};

/// Live targets in the teacher's order.
fn ordered(records: RecordsState) -> Vec<LearningTarget> {
    records.data.with(|d| {
        let mut v: Vec<LearningTarget> = d
            .targets
            .iter()
            .filter(|t| !t.meta.deleted)
            .cloned()
            .collect();
        v.sort_by_key(|t| (t.order, t.meta.id));
        v
    })
}

/// Moves a target up or down by one and saves the ones whose place changed.
fn move_target(records: RecordsState, id: Id, by: isize) -> Result<(), String> {
    let mut list = records.data.with_untracked(|d| {
        d.targets
            .iter()
            .filter(|t| !t.meta.deleted)
            .cloned()
            .collect::<Vec<_>>()
    });
    list.sort_by_key(|t| (t.order, t.meta.id));
    let Some(pos) = list.iter().position(|t| t.meta.id == id) else {
        return Ok(());
    };
    let to = pos
        .saturating_add_signed(by)
        .min(list.len().saturating_sub(1));
    let before: Vec<(Id, u32)> = list.iter().map(|t| (t.meta.id, t.order)).collect();
    reorder_targets(&mut list, id, to, &teacher_ctx(records)).map_err(|e| e.to_string())?;
    for t in list {
        if !before.contains(&(t.meta.id, t.order)) {
            records.save(t).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// The learning targets section of the teacher workspace.
#[component]
pub fn Targets() -> impl IntoView {
    let records = use_records();
    let (text, set_text) = signal(String::new());
    let (code, set_code) = signal(String::new());
    let (subject, set_subject) = signal(String::new());
    let feedback = Feedback::default();
    let run = move |result: Result<String, String>| feedback.show(result);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let order = records
            .data
            .with_untracked(|d| d.targets.iter().map(|t| t.order + 1).max().unwrap_or(0));
        let result = LearningTarget::new(
            Id::new_v4(),
            &text.get_untracked(),
            &code.get_untracked(),
            &subject.get_untracked(),
            order,
            &teacher_ctx(records),
        )
        .map_err(|e| e.to_string())
        .and_then(|t| {
            let said = format!("Added \"{}\".", t.text);
            records.save(t).map_err(|e| e.to_string()).map(|()| said)
        });
        if result.is_ok() {
            set_text.set(String::new());
            set_code.set(String::new());
        }
        run(result);
    };
    let set_retired = move |id: Id, retired: bool| {
        let result = records.change(id, &teacher_ctx(records), |t: &mut LearningTarget, ctx| {
            t.set_retired(retired, ctx)?;
            Ok(if retired {
                format!(
                    "\"{}\" is retired: kept for the goals that use it, not offered for new ones.",
                    t.text
                )
            } else {
                format!("\"{}\" is back in use.", t.text)
            })
        });
        run(result);
    };
    let delete = move |id: Id| {
        let Some(mut t) = records
            .data
            .with_untracked(|d| d.get::<LearningTarget>(id).cloned())
        else {
            return;
        };
        let in_use = records
            .data
            .with_untracked(|d| check_delete_target(id, &d.goals));
        let result = match in_use {
            Err(e) => Err(format!(
                "{e} Retire it instead: it stays with those goals but isn't offered for new ones."
            )),
            Ok(()) => {
                let said = format!("Deleted \"{}\".", t.text);
                t.tombstone(&teacher_ctx(records));
                records.save(t).map_err(|e| e.to_string()).map(|()| said)
            }
        };
        run(result);
    };
    view! {
        <section class="card" aria-labelledby="targets-heading">
            <h2 id="targets-heading">"Learning targets"</h2>
            <FeedbackLines feedback/>
            <ol class="targets">
                <For each=move || ordered(records) key=|t| (t.meta.id, t.order, t.retired) let:t>
                    {
                        let id = t.meta.id;
                        let label = t.text.clone();
                        let retired = t.retired;
                        let details = [t.code.clone(), t.subject.clone()]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join(" · ");
                        view! {
                            <li class="target-row" class:archived=retired>
                                <span class="target-text">
                                    <span class="target-statement">{t.text.clone()}</span>
                                    {retired.then_some(" (retired)")}
                                    <span class="note target-code">{details}</span>
                                </span>
                                <span class="roster-actions">
                                    <button type="button" class="button button-quiet button-small"
                                        aria-label=format!("Move up: {label}")
                                        on:click=move |_| run(move_target(records, id, -1).map(|()| String::new()))>
                                        "↑"
                                    </button>
                                    <button type="button" class="button button-quiet button-small"
                                        aria-label=format!("Move down: {label}")
                                        on:click=move |_| run(move_target(records, id, 1).map(|()| String::new()))>
                                        "↓"
                                    </button>
                                    <button type="button" class="button button-quiet button-small"
                                        aria-label=format!("{}: {label}", if retired { "Restore" } else { "Retire" })
                                        on:click=move |_| set_retired(id, !retired)>
                                        {if retired { "Restore" } else { "Retire" }}
                                    </button>
                                    <button type="button" class="button button-quiet button-small"
                                        aria-label=format!("Delete: {label}")
                                        on:click=move |_| delete(id)>
                                        "Delete"
                                    </button>
                                </span>
                            </li>
                        }
                    }
                </For>
            </ol>
            <form on:submit=add novalidate>
                <div class="field">
                    <label for="target-text">"I can …"</label>
                    <input id="target-text" type="text" autocomplete="off" placeholder="I can find the main idea of a story"
                        prop:value=text on:input=move |ev| set_text.set(event_target_value(&ev))/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="target-code">"Standard code (optional)"</label>
                        <input id="target-code" type="text" autocomplete="off" placeholder="CCSS.ELA-LITERACY.RL.5.2"
                            prop:value=code on:input=move |ev| set_code.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="target-subject">"Subject (optional)"</label>
                        <input id="target-subject" type="text" autocomplete="off"
                            prop:value=subject on:input=move |ev| set_subject.set(event_target_value(&ev))/>
                    </div>
                </div>
                <button type="submit" class="button">"Add target"</button>
            </form>
        </section>
    }
}
