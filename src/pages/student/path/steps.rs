//! The student's own path: steps in their order (move up / down by keyboard, or drag and
//! drop), a way in per step, started / done with a quick note, progress, and the history
//! of changes ("What I changed").
//!
//! What matters now comes first: the step to do now (the domain's `next_step`) shows
//! what it is, its ways in and "Where am I?"; every other step is one line. The rest of
//! each step (and all of a step that is not the one to do now) is folded behind its
//! "More about this step" button, so a path fits a Chromebook screen.

use leptos::prelude::*;

use super::board::{ActivityAbout, MustTag, WayDetails};
use super::{change_path, focus_later, step_dom_id};
use crate::components::{Feedback, FeedbackLines};
use crate::domain::{Activity, Id, Pathway, Step, StepStatus, Unit, WayKind};
use crate::pages::student::use_student;
use crate::state::use_records;

/// "2 of 5 steps done".
fn done_sentence(done: usize, total: usize) -> String {
    match total {
        0 => "Your path has no steps yet.".into(),
        1 => format!("{done} of 1 step done"),
        n => format!("{done} of {n} steps done"),
    }
}

/// The path: progress and the ordered steps.
#[component]
pub fn PathSteps(
    unit_id: Id,
    unit: Memo<Option<Unit>>,
    path: Memo<Option<Pathway>>,
) -> impl IntoView {
    let order = Memo::new(move |_| {
        path.with(|p| {
            p.as_ref()
                .map(|p| p.steps.iter().map(|s| s.activity).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let progress = Memo::new(move |_| {
        path.with(|p| {
            p.as_ref().map_or((0, 0, 0, 0), |p| {
                (
                    p.steps_done(),
                    p.steps.len(),
                    p.progress_percent(),
                    p.progress_tens(),
                )
            })
        })
    });
    // Drag and drop: the activity being dragged (mouse and touch screens that support it;
    // the Move buttons do the same by keyboard).
    let dragging = RwSignal::new(None::<Id>);
    let heading = step_dom_id("path-heading", unit_id, unit_id);
    view! {
        <div class="path-block">
            <div class="path-top">
                <h3 id=heading tabindex="-1">"My path"</h3>
                <div class="path-progress">
                    <p class="progress-words">
                        {move || {
                            let (done, total, pct, _) = progress.get();
                            format!("{} ({pct}%)", done_sentence(done, total))
                        }}
                    </p>
                    <span class="progress-line" aria-hidden="true">
                        <span class=move || format!("bar pct-{}", progress.get().3)></span>
                    </span>
                </div>
            </div>
            <ol class="path-steps">
                <For each=move || order.get() key=|a| *a let:activity>
                    <StepItem unit_id unit path activity dragging/>
                </For>
            </ol>
        </div>
    }
}

/// One step of the path.
#[component]
fn StepItem(
    unit_id: Id,
    unit: Memo<Option<Unit>>,
    path: Memo<Option<Pathway>>,
    activity: Id,
    dragging: RwSignal<Option<Id>>,
) -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let step =
        Memo::new(move |_| path.with(|p| p.as_ref().and_then(|p| p.step(activity).cloned())));
    let place = Memo::new(move |_| {
        path.with(|p| {
            p.as_ref().map_or((0, 0), |p| {
                (p.position(activity).unwrap_or(0), p.steps.len())
            })
        })
    });
    let act = unit.with_untracked(|u| u.as_ref().and_then(|u| u.activity(activity).cloned()));
    let title = act.as_ref().map_or_else(
        || "An activity your teacher took off the board".to_string(),
        |a| a.title.clone(),
    );
    let must = act.as_ref().is_some_and(|a| a.must);
    let feedback = Feedback::default();
    let up_id = step_dom_id("up", unit_id, activity);
    let down_id = step_dom_id("down", unit_id, activity);
    let title_id = step_dom_id("step-title", unit_id, activity);

    let t = title.clone();
    let (up_focus, down_focus) = (up_id.clone(), down_id.clone());
    let do_move = move |down: bool| {
        let (pos, count) = place.get_untracked();
        let at_edge = if down { pos >= count } else { pos <= 1 };
        if at_edge {
            feedback.show(Ok(format!(
                "“{t}” is already the {} step.",
                if down { "last" } else { "first" }
            )));
            return;
        }
        let result = change_path(records, me.id, unit_id, |p, _, _, ctx| {
            if down {
                p.move_down(activity, ctx)
            } else {
                p.move_up(activity, ctx)
            }
        });
        match result {
            Ok(()) => {
                let now = if down { pos + 1 } else { pos - 1 };
                feedback.show(Ok(format!("Moved “{t}” to step {now}.")));
                // The list moved this item: keep the keyboard where the student was.
                focus_later(if down {
                    down_focus.clone()
                } else {
                    up_focus.clone()
                });
            }
            Err(e) => feedback.show(Err(e)),
        }
    };
    let t = title.clone();
    let remove = move |_| {
        let result = change_path(records, me.id, unit_id, |p, u, _, ctx| {
            p.remove(u, activity, ctx)
        })
        .map(|()| {
            format!("Took “{t}” off your path. It's still on the board if you change your mind.")
        });
        match result {
            Ok(said) => {
                // This step is gone: the unit's own status line says so.
                focus_later(step_dom_id("path-heading", unit_id, unit_id));
                feedback.show(Ok(said));
            }
            Err(e) => feedback.show(Err(e)),
        }
    };
    // The step to do now shows its choices first; when marking it done makes another
    // step the one to do now, the keyboard goes there (the radio just used folds away).
    let is_now = Memo::new(move |_| {
        path.with(|p| p.as_ref().and_then(Pathway::next_step).map(|s| s.activity) == Some(activity))
    });
    let status_name = step_dom_id("status", unit_id, activity);
    let radio_name = status_name.clone();
    let set_status = Callback::new(move |status: StepStatus| {
        let was_now = is_now.get_untracked();
        let result = change_path(records, me.id, unit_id, |p, _, _, ctx| {
            p.set_status(activity, status, ctx)
        });
        let next =
            path.with_untracked(|p| p.as_ref().and_then(Pathway::next_step).map(|s| s.activity));
        let said = result.map(|()| match status {
            StepStatus::Done => {
                let next_title = next.and_then(|a| {
                    unit.with_untracked(|u| {
                        u.as_ref()
                            .and_then(|u| u.activity(a))
                            .map(|a| a.title.clone())
                    })
                });
                match next_title {
                    Some(t) => format!("Well done! This step is marked done. Next: “{t}”."),
                    None => "Well done! This step is marked done.".to_string(),
                }
            }
            StepStatus::Started => "This step is marked started.".to_string(),
            StepStatus::NotStarted => "This step is back to not started.".to_string(),
        });
        let ok = said.is_ok();
        feedback.show(said);
        if !ok {
            return;
        }
        if is_now.get_untracked() {
            // Its choices may have moved out of the fold: keep the keyboard on them.
            focus_later(format!("{radio_name}-{}", status as u8));
        } else if was_now {
            focus_later(match next {
                Some(a) => step_dom_id("step-title", unit_id, a),
                None => step_dom_id("path-heading", unit_id, unit_id),
            });
        }
    });
    let choose_way = Callback::new(move |way| {
        let result = change_path(records, me.id, unit_id, |p, u, _, ctx| {
            p.choose_way(u, activity, way, ctx)
        });
        feedback.show(result.map(|()| String::new()));
    });
    let (note, set_note) =
        signal(step.with_untracked(|s| s.as_ref().map(|s| s.note.clone()).unwrap_or_default()));
    let save_note = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = note.get_untracked();
        let result = change_path(records, me.id, unit_id, |p, _, _, ctx| {
            p.set_note(activity, &text, ctx)
        })
        .map(|()| {
            if text.trim().is_empty() {
                "Your note is cleared.".to_string()
            } else {
                "Your note is saved.".to_string()
            }
        });
        feedback.show(result);
    };

    // Drag and drop onto another step puts the dragged one in its place.
    let on_drag_start = move |ev: leptos::ev::DragEvent| {
        dragging.set(Some(activity));
        if let Some(dt) = ev.data_transfer() {
            dt.set_effect_allowed("move");
            let _ = dt.set_data("text/plain", &activity.to_string());
        }
    };
    let on_drag_over = move |ev: leptos::ev::DragEvent| {
        if dragging.get_untracked().is_some_and(|d| d != activity) {
            ev.prevent_default();
        }
    };
    let t = title.clone();
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let Some(moving) = dragging.get_untracked() else {
            return;
        };
        dragging.set(None);
        if moving == activity {
            return;
        }
        let to = place.get_untracked().0.saturating_sub(1);
        let result = change_path(records, me.id, unit_id, |p, _, _, ctx| {
            p.move_to(moving, to, ctx)
        });
        feedback.show(result.map(|()| format!("Moved it to step {}, where “{t}” was.", to + 1)));
    };
    let on_drag_end = move |_| dragging.set(None);
    let is_dragged = move || dragging.get() == Some(activity);

    let status_now = move || step.with(|s| s.as_ref().map(|s| s.status()).unwrap_or_default());
    let status_class = move || {
        format!(
            "step step-{}",
            match status_now() {
                StepStatus::NotStarted => "not-started",
                StepStatus::Started => "started",
                StepStatus::Done => "done",
            }
        )
    };
    let note_id = step_dom_id("note", unit_id, activity);
    let panel_id = step_dom_id("more", unit_id, activity);
    // "More about this step" is open: a student's own choice, kept while the path
    // changes around this step.
    let open = RwSignal::new(false);
    let now_part = {
        let (act, title) = (act.clone(), title.clone());
        move || {
            view! {
                <StepNow unit_id activity act=act.clone() title=title.clone() step
                    status_name=status_name.clone() choose_way set_status/>
            }
        }
    };
    let fold_button = {
        let (t, panel_id) = (title.clone(), panel_id.clone());
        move || {
            view! {
                <button type="button" class="button button-quiet fold-button"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls=panel_id.clone()
                    aria-label=format!("More about this step: {t}")
                    on:click=move |_| open.update(|o| *o = !*o)>
                    <span class="fold-mark" aria-hidden="true">{move || if open.get() { "▾" } else { "▸" }}</span>
                    "More about this step"
                </button>
            }
        }
    };
    let t = title.clone();
    let t2 = title.clone();
    let t3 = title.clone();
    let up_edge = move || (place.get().0 <= 1).then_some("true");
    let down_edge = move || {
        let (p, n) = place.get();
        (p >= n).then_some("true")
    };
    let (head_button, now_button) = (fold_button.clone(), fold_button);
    let (now_here, now_folded) = (now_part.clone(), now_part);
    view! {
        <li class=status_class class:step-now=move || is_now.get() class:dragged=is_dragged
            on:dragover=on_drag_over on:drop=on_drop>
            <div class="step-head" draggable="true" on:dragstart=on_drag_start on:dragend=on_drag_end>
                <span class="drag-grip" aria-hidden="true" title="Drag to move">"⠿"</span>
                <span class="step-number" aria-hidden="true">{move || place.get().0}</span>
                <h4 class="step-title" id=title_id tabindex="-1">
                    <span class="visually-hidden">{move || format!("Step {}: ", place.get().0)}</span>
                    <span class="step-name">{title.clone()}</span>
                </h4>
                {move || is_now.get().then(|| view! { <span class="tag tag-now">"Do this now"</span> })}
                <MustTag must/>
                <span class="step-status">{move || status_now().label()}</span>
                // Another step than the one to do now: one line, its fold button on it.
                {move || (!is_now.get()).then(&head_button)}
            </div>
            {move || is_now.get().then(&now_here)}
            {move || is_now.get().then(&now_button)}
            <div class="step-more" id=panel_id prop:hidden=move || !open.get()>
                {move || (!is_now.get()).then(&now_folded)}
                <form class="note-form" on:submit=save_note novalidate>
                    <div class="field">
                        <label for=note_id.clone()>"Quick note (optional)"</label>
                        <textarea id=note_id rows="2" class="short-text" dir="auto"
                            aria-label=format!("Quick note (optional): {t}")
                            prop:value=note
                            on:input=move |ev| set_note.set(event_target_value(&ev))></textarea>
                    </div>
                    <button type="submit" class="button button-quiet" aria-label=format!("Save note: {t2}")>"Save note"</button>
                </form>
                <div class="step-actions">
                    <button type="button" id=up_id class="button button-quiet move-button"
                        aria-disabled=up_edge
                        aria-label=format!("Move up: {t3}")
                        on:click={
                            let m = do_move.clone();
                            move |_| m(false)
                        }>
                        <span aria-hidden="true">"↑ "</span>"Move up"
                    </button>
                    <button type="button" id=down_id class="button button-quiet move-button"
                        aria-disabled=down_edge
                        aria-label=format!("Move down: {title}")
                        on:click=move |_| do_move(true)>
                        <span aria-hidden="true">"↓ "</span>"Move down"
                    </button>
                    {if must {
                        view! { <p class="must-note">"This one is a must-do: everyone does it, so it stays on your path."</p> }.into_any()
                    } else {
                        let t = title.clone();
                        view! {
                            <button type="button" class="button button-quiet remove-button"
                                aria-label=format!("Remove: {t}") on:click=remove>
                                "Remove"
                            </button>
                        }.into_any()
                    }}
                </div>
            </div>
            <FeedbackLines feedback/>
        </li>
    }
}

/// What a step is and the choices made on it: its description (with "Read to me"), its
/// ways in, and "Where am I?". Shown first on the step to do now, folded on the others.
#[component]
fn StepNow(
    unit_id: Id,
    activity: Id,
    act: Option<Activity>,
    title: String,
    step: Memo<Option<Step>>,
    status_name: String,
    choose_way: Callback<WayKind>,
    set_status: Callback<StepStatus>,
) -> impl IntoView {
    let status_now = move || step.with(|s| s.as_ref().map(|s| s.status()).unwrap_or_default());
    let ways = act.as_ref().map(|a| a.ways.clone()).unwrap_or_default();
    let about = act.map(|a| view! { <ActivityAbout activity=a/> });
    let way_name = step_dom_id("way", unit_id, activity);
    let t = title.clone();
    let way_picker = (!ways.is_empty()).then(|| {
        let legend_id = step_dom_id("way-legend", unit_id, activity);
        view! {
            <fieldset class="choices way-choices">
                <legend id=legend_id>"How will you do it?"</legend>
                {ways.into_iter().map(|w| {
                    let kind = w.kind;
                    let id = format!("{way_name}-{}", kind.slug());
                    let checked = move || step.with(|s| s.as_ref().and_then(|s| s.way) == Some(kind));
                    let line_title = t.clone();
                    let about_id = format!("{id}-about");
                    let label = kind.label();
                    view! {
                        <div class="choice way-choice" class:chosen=checked>
                            <input type="radio" id=id.clone() name=way_name.clone() aria-describedby=about_id.clone()
                                aria-label=format!("{label}: {t}")
                                prop:checked=checked
                                on:change=move |_| choose_way.run(kind)/>
                            <label for=id>
                                <span class=format!("way-kind way-{}", kind.slug())>{label}</span>
                            </label>
                            <span class="way-about" id=about_id>
                                <WayDetails way=w title=line_title/>
                            </span>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        }
    });
    let status_picker = view! {
        <fieldset class="choices status-choices">
            <legend>"Where am I?"</legend>
            {StepStatus::ALL.into_iter().map(|st| {
                let id = format!("{status_name}-{}", st as u8);
                let checked = move || status_now() == st;
                view! {
                    <div class="choice status-choice" class:chosen=checked>
                        <input type="radio" id=id.clone() name=status_name.clone()
                            aria-label=format!("{}: {title}", st.label())
                            prop:checked=checked
                            on:change=move |_| set_status.run(st)/>
                        <label for=id>{st.label()}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    };
    view! {
        <div class="step-now-part">
            {about}
            {way_picker}
            {status_picker}
        </div>
    }
}

/// Earlier choices stay visible: every change, newest first, in a closed box.
#[component]
pub fn PathHistory(unit: Memo<Option<Unit>>, path: Memo<Option<Pathway>>) -> impl IntoView {
    let me = use_student();
    let lines = Memo::new(move |_| {
        unit.with(|u| {
            path.with(|p| match (u, p) {
                (Some(u), Some(p)) => p
                    .history
                    .iter()
                    .rev()
                    .map(|h| (when(h.at.0), h.describe(u, me.id)))
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            })
        })
    });
    view! {
        <details class="path-history">
            <summary>"What I changed"</summary>
            {move || {
                let l = lines.get();
                if l.is_empty() {
                    view! { <p class="note">"Nothing changed yet. When you add, move or take off a step, it shows here."</p> }.into_any()
                } else {
                    view! {
                        <ol class="history-list">
                            {l.into_iter().map(|(at, what)| view! { <li><span class="history-when">{at}</span>" "{what}</li> }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
        </details>
    }
}

/// A short local date and time ("Sun, Nov 22, 14:05").
fn when(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let opts = js_sys::Object::new();
    for (k, v) in [
        ("weekday", "short"),
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&opts, &k.into(), &v.into());
    }
    d.to_locale_string("en", &opts).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_sentences_count_steps() {
        assert_eq!(done_sentence(0, 0), "Your path has no steps yet.");
        assert_eq!(done_sentence(1, 1), "1 of 1 step done");
        assert_eq!(done_sentence(2, 5), "2 of 5 steps done");
    }
}
