//! The guided goal builder: targets, "I will …" with sentence starters, how I'll know,
//! plan, supports and date, one step at a time: the part to write now is open, the
//! others are folded to a line (`part`). It saves as the student types.
//!
//! The form's text lives in local signals, initialised once from the stored goal and
//! written back (debounced, and at once on blur, before leaving and before sending): a
//! save never re-renders an input, so focus and caret stay where they are.
//!
//! Rooms: `form` (the form's text in signals), `save` (writing it back), `teacher` (the
//! teacher's marks and notes beside a part).

mod form;
mod save;
mod teacher;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use super::focus_later;
use super::other_version::{text_of, OtherVersion};
use super::part::{part_key, part_summary, part_written, parts_open_first, GoalPart, PARTS};
use super::words::{checklist, insert_starter, teacher_notes, TeacherNote, STARTERS};
use crate::components::SpaceNote;
use crate::domain::{
    goal_nudges, Actor, Goal, GoalField, GoalText, Id, Nudge, Record, ReviewState,
};
use crate::state::edit_sync::EditSync;
use crate::state::{ctx_for, today, use_records, use_router, RecordsState, StudentView};

use form::{Form, ListField};
use save::{SaveStatus, Saver};
pub use teacher::{TeacherMark, TeacherNotes};

/// The active targets a student can pick, plus any the goal already has (retired ones
/// stay so nothing is lost): id, "I can …" and code.
fn target_options(records: RecordsState, keep: &[Id]) -> Vec<(Id, String, String)> {
    records.data.with(|d| {
        let mut v: Vec<_> = d
            .targets
            .iter()
            .filter(|t| !t.meta.deleted && (!t.retired || keep.contains(&t.meta.id)))
            .collect();
        v.sort_by_key(|t| (t.order, t.meta.id));
        v.into_iter()
            .map(|t| (t.meta.id, t.text.clone(), t.code.clone()))
            .collect()
    })
}

/// The guided builder for a draft or a goal the teacher sent back.
#[component]
pub fn GoalBuilder(goal: Id) -> impl IntoView {
    let records = use_records();
    let Some(initial) = records
        .data
        .with_untracked(|d| d.get::<Goal>(goal).cloned())
    else {
        return ().into_any();
    };
    let student = initial.student;
    let form = Form::new(&initial);
    let status = RwSignal::new(SaveStatus::Quiet);
    let sync = EditSync::new(text_of(&initial));
    let saver = Saver {
        goal,
        student,
        records,
        form,
        status,
        timer: StoredValue::new(None),
        sync,
    };
    // Another tab saved this goal: take its text in, or, when the student has typed
    // since, save theirs now with the other version kept.
    sync.follow(
        move || {
            records
                .data
                .with(|d| d.get::<Goal>(goal).filter(|g| !g.meta.deleted).map(text_of))
        },
        move |t| form.set(t),
        move || {
            let _ = saver.flush();
        },
    );
    let on_hide = window_event_listener(ev::pagehide, move |_| {
        let _ = saver.flush();
    });
    on_cleanup(move || {
        let _ = saver.flush();
        on_hide.remove();
    });

    let stored = Memo::new(move |_| {
        records.data.with(|d| {
            d.get::<Goal>(goal)
                .map(|g| (g.state, g.teacher_marks.clone(), g.history.is_empty()))
        })
    });
    let notes = Memo::new(move |_| {
        records.data.with(|d| {
            d.get::<Goal>(goal).map(|g| {
                let mut all: Vec<(Option<GoalField>, Vec<TeacherNote>)> = Vec::new();
                for f in [
                    None,
                    Some(GoalField::Targets),
                    Some(GoalField::IWill),
                    Some(GoalField::SuccessCriteria),
                    Some(GoalField::Plan),
                    Some(GoalField::Supports),
                    Some(GoalField::Date),
                ] {
                    all.push((f, teacher_notes(g, &d.comments, f)));
                }
                all
            })
        })
    });
    let notes_for = move |f: Option<GoalField>| {
        notes.with(|n| {
            n.as_ref()
                .and_then(|n| n.iter().find(|(x, _)| *x == f).map(|(_, v)| v.clone()))
                .unwrap_or_default()
        })
    };
    let changes_requested =
        move || stored.with(|s| matches!(s, Some((ReviewState::ChangesRequested, _, _))));
    let marked =
        move |f: GoalField| stored.with(|s| s.as_ref().is_some_and(|(_, m, _)| m.contains(&f)));
    // Only a draft that never went to the teacher can be thrown away: once sent, its
    // history is the teacher's record too.
    let never_sent = move || stored.with(|s| s.as_ref().is_some_and(|(_, _, fresh)| *fresh));
    let router = use_router();
    let confirming = RwSignal::new(false);
    let discard = move |_| {
        let Some(mut g) = records
            .data
            .with_untracked(|d| d.get::<Goal>(goal).cloned())
        else {
            return;
        };
        saver.cancel();
        g.tombstone(&ctx_for(records, Actor::student(student)));
        // Storage problems are explained by the banner.
        let _ = records.save(g);
        router.navigate(&StudentView::Goals.path(student));
    };

    // Nudges follow the form as it is typed.
    let today = today();
    let base = StoredValue::new(initial.clone());
    let nudges = Memo::new(move |_| {
        let mut g = base.get_value();
        g.targets = form.targets.get();
        g.i_will = form.i_will.get();
        g.criteria = form.criteria.values(true);
        g.plan = form.plan.values(true);
        g.date = form.date.with(|d| Form::parsed_date(d).ok().flatten());
        goal_nudges(&g, today)
    });
    let has_nudge = move |n: Nudge| nudges.with(|v| v.contains(&n));
    let error_for = move |f: GoalField| {
        status.with(|s| match s {
            SaveStatus::NotSaved(m, Some(p)) if *p == f => m.clone(),
            _ => String::new(),
        })
    };

    // Which parts are open: at first the part to write now and those the teacher
    // flagged; then whatever the student opens. A part a save problem is about opens.
    let target_list = target_options(records, &initial.targets);
    let no_targets = target_list.is_empty();
    let first_open = {
        let text = text_of(&initial);
        let written = PARTS.map(|f| part_written(f, &text, !no_targets));
        let flagged = PARTS.map(|f| {
            stored.with_untracked(|s| s.as_ref().is_some_and(|(_, m, _)| m.contains(&f)))
                || notes.with_untracked(|n| {
                    n.as_ref()
                        .is_some_and(|n| n.iter().any(|(x, v)| *x == Some(f) && !v.is_empty()))
                })
        });
        parts_open_first(written, flagged)
    };
    let open = first_open.map(RwSignal::new);
    let index_of = |f: GoalField| PARTS.iter().position(|p| *p == f);
    let open_part = move |f: GoalField| {
        if let Some(i) = index_of(f) {
            open[i].set(true);
        }
    };
    Effect::new(move |_| {
        if let SaveStatus::NotSaved(_, Some(f)) = status.get() {
            open_part(f);
        }
    });
    // "Next": this part folds, the next one opens, and the keyboard goes to its heading.
    let next_after = move |i: usize| {
        PARTS.get(i + 1).map(|after| {
            let after = *after;
            let go = Callback::new(move |()| {
                open[i].set(false);
                open[i + 1].set(true);
                focus_later(format!("toggle-{}", part_key(after)));
            });
            (after, go)
        })
    };
    let target_names = {
        let names: Vec<(Id, String)> = target_list
            .iter()
            .map(|(id, text, _)| (*id, text.clone()))
            .collect();
        move || {
            form.targets.with(|picked| {
                names
                    .iter()
                    .filter(|(id, _)| picked.contains(id))
                    .map(|(_, t)| t.clone())
                    .collect::<Vec<_>>()
            })
        }
    };
    let summary = move |f: GoalField| {
        let names = target_names.clone();
        Signal::derive(move || {
            let text = GoalText {
                targets: Vec::new(),
                i_will: form.i_will.get(),
                criteria: form.criteria.values(true),
                plan: form.plan.values(true),
                supports: form.supports.values(true),
                date: form.date.with(|d| Form::parsed_date(d).ok().flatten()),
            };
            part_summary(f, &text, &names())
        })
    };

    // Submitting.
    let (send_error, set_send_error) = signal(String::new());
    let send = move |_| {
        if let Err(e) = saver.flush() {
            set_send_error.set(format!(
                "It wasn't sent yet, because the last change isn't saved: {e}"
            ));
            return;
        }
        let Some(mut g) = records
            .data
            .with_untracked(|d| d.get::<Goal>(goal).cloned())
        else {
            return;
        };
        let result = g
            .submit(&ctx_for(records, Actor::student(student)))
            .map_err(|e| e.to_string())
            .and_then(|()| records.save(g).map_err(|e| e.to_string()));
        match result {
            Ok(()) => focus_later("goal-state-heading"),
            Err(e) => {
                set_send_error.set(e);
                if form.i_will.with_untracked(|w| w.trim().is_empty()) {
                    open_part(GoalField::IWill);
                    focus_later("goal-i-will");
                }
            }
        }
    };

    // The student chose between their text and the other kept version.
    let choose_version = Callback::new(move |use_other: Option<GoalText>| {
        let took_other = use_other.is_some();
        if took_other {
            open_part(GoalField::IWill);
        }
        match saver.settle(use_other) {
            Ok(()) => focus_later(if took_other {
                "goal-i-will"
            } else {
                "goal-state-heading"
            }),
            Err(e) => status.set(SaveStatus::NotSaved(e, None)),
        }
    });

    let i_will_ref = NodeRef::<html::Textarea>::new();
    let use_starter = move |starter: &'static str| {
        let (text, (start, end)) = insert_starter(&form.i_will.get_untracked(), starter);
        if let Some(area) = i_will_ref.get_untracked() {
            area.set_value(&text);
            let _ = area.focus();
            let _ = area.set_selection_range(start, end);
        }
        form.i_will.set(text);
        saver.changed();
    };

    let status_text = move || match status.get() {
        SaveStatus::Quiet => "Your goal saves as you type.".to_string(),
        SaveStatus::Saved => "Saved".to_string(),
        SaveStatus::NotSaved(m, _) => format!("Not saved: {m}"),
    };
    let status_class = move || match status.with(|s| matches!(s, SaveStatus::NotSaved(..))) {
        true => "goal-save goal-save-problem",
        false => "goal-save",
    };

    view! {
        <section class="card goal-state" class:goal-state-changes=changes_requested aria-labelledby="goal-state-heading">
            {move || if changes_requested() {
                view! {
                    <h2 id="goal-state-heading" tabindex="-1">"Your teacher asked for changes"</h2>
                    <p>"Read what your teacher said next to each part, change your goal, then send it again."</p>
                }.into_any()
            } else {
                view! {
                    <h2 id="goal-state-heading" tabindex="-1">"Build your goal"</h2>
                    <p>"Go step by step. You can stop at any time: it saves as you type, and you can come back later."</p>
                }.into_any()
            }}
            <TeacherNotes notes=Signal::derive(move || notes_for(None))/>
        </section>

        <OtherVersion goal on_choose=choose_version/>

        <form class="goal-builder" novalidate
            on:submit=|ev: ev::SubmitEvent| ev.prevent_default()
            on:focusout=move |_| { let _ = saver.flush(); }>

            <GoalPart field=GoalField::Targets number=1 open=open[0]
                summary=summary(GoalField::Targets)
                marked=Signal::derive(move || marked(GoalField::Targets))
                notes=Signal::derive(move || notes_for(Some(GoalField::Targets))) next=next_after(0)>
                {if no_targets {
                    view! { <p class="note">"Your teacher hasn't added learning targets yet. You can still write the rest of your goal."</p> }.into_any()
                } else {
                    view! {
                        <p class="hint" id="targets-hint">"Pick the learning target (or targets) this goal will help you with."</p>
                        <div class="goal-targets" role="group" aria-labelledby="step-targets" aria-describedby="targets-hint">
                            {target_list.into_iter().map(|(id, text, code)| {
                                let input_id = format!("goal-target-{id}");
                                let checked = move || form.targets.with(|t| t.contains(&id));
                                let toggle = move |ev: ev::Event| {
                                    let on = event_target_checked(&ev);
                                    form.targets.update(|t| {
                                        t.retain(|x| *x != id);
                                        if on {
                                            t.push(id);
                                        }
                                    });
                                    saver.sync.edited();
                                    let _ = saver.flush();
                                };
                                view! {
                                    <div class="goal-target">
                                        <input type="checkbox" id=input_id.clone() prop:checked=checked on:change=toggle/>
                                        <label for=input_id>
                                            <span class="goal-target-text" dir="auto">{text}</span>
                                            {(!code.is_empty()).then(|| view! { <span class="note goal-target-code" dir="auto">{code}</span> })}
                                        </label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }}
            </GoalPart>

            <GoalPart field=GoalField::IWill number=2 open=open[1]
                summary=summary(GoalField::IWill)
                marked=Signal::derive(move || marked(GoalField::IWill))
                notes=Signal::derive(move || notes_for(Some(GoalField::IWill))) next=next_after(1)>
                <p class="hint" id="i-will-hint">"Say what you'll do, how often, and why. The more exact, the easier it is to know when you've done it."</p>
                // The box first (the thing to do), the starters beside it (help for it).
                <div class="i-will-row">
                    <div class="field">
                        <label for="goal-i-will">"I will …"</label>
                        <textarea id="goal-i-will" rows="3" dir="auto" node_ref=i_will_ref
                            aria-describedby="i-will-hint i-will-nudge i-will-error"
                            aria-invalid=move || (!error_for(GoalField::IWill).is_empty()).then_some("true")
                            prop:value=move || form.i_will.get()
                            on:input=move |ev| { form.i_will.set(event_target_value(&ev)); saver.changed(); }></textarea>
                    </div>
                    <div class="starters" role="group" aria-labelledby="starters-label">
                        <p id="starters-label" class="starters-label">"Need a start? Pick one, then fill in the gaps (…):"</p>
                        {STARTERS.into_iter().map(|s| view! {
                            <button type="button" class="button button-quiet button-small starter" on:click=move |_| use_starter(s)>{s}</button>
                        }).collect_view()}
                    </div>
                </div>
                <p id="i-will-nudge" class="nudge">{move || has_nudge(Nudge::VagueIWill).then(|| Nudge::VagueIWill.message())}</p>
                <p id="i-will-error" class="error field-error">{move || error_for(GoalField::IWill)}</p>
            </GoalPart>

            <GoalPart field=GoalField::SuccessCriteria number=3 open=open[2]
                summary=summary(GoalField::SuccessCriteria)
                marked=Signal::derive(move || marked(GoalField::SuccessCriteria))
                notes=Signal::derive(move || notes_for(Some(GoalField::SuccessCriteria))) next=next_after(2)>
                <p class="hint">"Finish the sentence “I'll know I've got it when …”. Add as many as you like."</p>
                <ListEditor list=form.criteria saver prefix="goal-criterion" row_label="I'll know I've got it when"
                    add_label="Add another way to know" placeholder="I can explain it to a friend"/>
                <p class="error field-error">{move || error_for(GoalField::SuccessCriteria)}</p>
            </GoalPart>

            <GoalPart field=GoalField::Plan number=4 open=open[3]
                summary=summary(GoalField::Plan)
                marked=Signal::derive(move || marked(GoalField::Plan))
                notes=Signal::derive(move || notes_for(Some(GoalField::Plan))) next=next_after(3)>
                <p class="hint">"What will you do first? And then? Small steps are best."</p>
                <ListEditor list=form.plan saver prefix="goal-plan" row_label="Step"
                    add_label="Add a step" placeholder="Read for 20 minutes after school"/>
                <p class="error field-error">{move || error_for(GoalField::Plan)}</p>
            </GoalPart>

            <GoalPart field=GoalField::Supports number=5 open=open[4]
                summary=summary(GoalField::Supports)
                marked=Signal::derive(move || marked(GoalField::Supports))
                notes=Signal::derive(move || notes_for(Some(GoalField::Supports))) next=next_after(4)>
                <p class="hint">"What help would make this easier, at school or at home? (Your family sees this once your teacher approves the goal.)"</p>
                <ListEditor list=form.supports saver prefix="goal-support" row_label="Support"
                    add_label="Add a support" placeholder="A quiet place to read"/>
                <p class="error field-error">{move || error_for(GoalField::Supports)}</p>
            </GoalPart>

            <GoalPart field=GoalField::Date number=6 open=open[5]
                summary=summary(GoalField::Date)
                marked=Signal::derive(move || marked(GoalField::Date))
                notes=Signal::derive(move || notes_for(Some(GoalField::Date)))>
                <div class="field goal-date-field">
                    <label for="goal-date">"I want to reach my goal by"</label>
                    <input type="date" id="goal-date"
                        aria-describedby="date-nudge date-error"
                        prop:value=move || form.date.get()
                        on:input=move |ev| { form.date.set(event_target_value(&ev)); saver.changed(); }
                        on:change=move |_| { let _ = saver.flush(); }/>
                </div>
                <p id="date-nudge" class="nudge">{move || has_nudge(Nudge::DateInPast).then(|| Nudge::DateInPast.message())}</p>
                <p id="date-error" class="error field-error">{move || error_for(GoalField::Date)}</p>
            </GoalPart>

            <p class=status_class role="status">
                {status_text}
                <Show when=move || status.with(|s| *s == SaveStatus::Saved)>
                    <SpaceNote/>
                </Show>
            </p>
        </form>

        <section class="card goal-send" aria-labelledby="goal-send-heading">
            <h2 id="goal-send-heading">"Ready to send it?"</h2>
            <p>"These tips make a goal strong. They're ideas, not rules: you can send it any time, and your teacher will help."</p>
            <ul class="goal-checklist">
                {move || checklist(&nudges.get()).into_iter().map(|(done, text)| view! {
                    <li class:done=done>
                        <span class="check-mark" aria-hidden="true">{if done { "✓" } else { "•" }}</span>
                        <span class="visually-hidden">{if done { "Done: " } else { "Tip: " }}</span>
                        {text}
                    </li>
                }).collect_view()}
            </ul>
            <div class="actions">
                <button type="button" class="button" on:click=send>"Send to my teacher"</button>
            </div>
            <Show when=move || !send_error.get().is_empty()>
                <p class="error" role="alert">{move || send_error.get()}</p>
            </Show>
            <Show when=never_sent>
                <div class="goal-discard">
                    <Show when=move || confirming.get()
                        fallback=move || view! {
                            <button type="button" class="button button-quiet button-small" id="goal-discard"
                                on:click=move |_| { confirming.set(true); focus_later("goal-discard-yes"); }>
                                "Delete this draft"
                            </button>
                        }>
                        <div class="confirm" role="group" aria-label="Delete this draft?">
                            <p>"Delete this draft? What you wrote in it will be gone."</p>
                            <button type="button" class="button button-danger" id="goal-discard-yes" on:click=discard>"Yes, delete it"</button>
                            <button type="button" class="button button-quiet"
                                on:click=move |_| { confirming.set(false); focus_later("goal-discard"); }>
                                "Keep it"
                            </button>
                        </div>
                    </Show>
                </div>
            </Show>
        </section>
    }
    .into_any()
}

/// A list part: one text box per entry (growing with its text, so a long step can be
/// read whole on a phone), remove buttons, "add another".
#[component]
fn ListEditor(
    list: ListField,
    saver: Saver,
    prefix: &'static str,
    row_label: &'static str,
    add_label: &'static str,
    placeholder: &'static str,
) -> impl IntoView {
    let add = move |_| {
        let key = list.add();
        focus_later(format!("{prefix}-{key}"));
    };
    view! {
        <ol class="goal-list">
            <For each=move || list.rows.get() key=|r| r.key let:row>
                {
                    let input_id = format!("{prefix}-{}", row.key);
                    let number = move || list.position(row.key) + 1;
                    let remove = move |_| {
                        match list.remove(row.key) {
                            Some(next) => focus_later(format!("{prefix}-{next}")),
                            None => focus_later(format!("{prefix}-add")),
                        }
                        saver.changed();
                    };
                    view! {
                        <li class="goal-list-row">
                            <span class="row-number" aria-hidden="true">{move || format!("{}.", number())}</span>
                            <label for=input_id.clone() class="visually-hidden">{move || format!("{row_label} {}", number())}</label>
                            <textarea id=input_id rows="1" dir="auto" placeholder=placeholder
                                prop:value=move || row.text.get()
                                on:input=move |ev| { row.text.set(event_target_value(&ev)); saver.changed(); }></textarea>
                            <button type="button" class="button button-quiet button-small"
                                aria-label=move || format!("Remove {row_label} {}", number())
                                on:click=remove>
                                "Remove"
                            </button>
                        </li>
                    }
                }
            </For>
        </ol>
        <button type="button" id=format!("{prefix}-add") class="button button-quiet button-small goal-add" on:click=add>
            {add_label}
        </button>
    }
}
