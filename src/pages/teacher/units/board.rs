//! One unit's page: what it is about and when, its learning targets, the choice board
//! (activities and how many may-dos are needed) and the product-format menu.

use leptos::prelude::*;

use super::activity::{ActivityDraft, ActivityForm, ActivityRow};
use super::formats::{FormatDraft, FormatMenu};
use super::words::{may_dos_error, may_dos_sentence};
use super::{change_unit, focus_later, for_whom_options, UnitMemo};
use crate::components::{Feedback, FeedbackLines, Link, Page};
use crate::domain::time::Day;
use crate::domain::{Assignment, DomainError, Id, LearningTarget, Unit};
use crate::state::{use_records, TeacherView};

/// What the "About this unit" form holds, kept outside the page's body so a new title
/// (which rebuilds the heading) loses nothing typed.
#[derive(Clone, Copy)]
struct AboutDraft {
    title: RwSignal<String>,
    description: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
    assign: RwSignal<String>,
}

impl AboutDraft {
    fn new(u: Option<&Unit>) -> AboutDraft {
        AboutDraft {
            title: RwSignal::new(u.map(|u| u.title.clone()).unwrap_or_default()),
            description: RwSignal::new(u.map(|u| u.description.clone()).unwrap_or_default()),
            start: RwSignal::new(u.and_then(|u| u.start).map(Day::to_iso).unwrap_or_default()),
            end: RwSignal::new(u.and_then(|u| u.end).map(Day::to_iso).unwrap_or_default()),
            assign: RwSignal::new(
                u.map(|u| u.assign.to_string())
                    .unwrap_or_else(|| "c".into()),
            ),
        }
    }
}

/// One unit's choice board, to edit.
#[component]
pub fn UnitPage(
    /// The unit's id (from the address).
    unit: Id,
) -> impl IntoView {
    let records = use_records();
    let current: UnitMemo = Memo::new(move |_| {
        records
            .data
            .with(|d| d.get::<Unit>(unit).filter(|u| !u.meta.deleted).cloned())
    });
    let title = Memo::new(move |_| current.with(|u| u.as_ref().map(|u| u.title.clone())));
    let about = current.with_untracked(|u| AboutDraft::new(u.as_ref()));
    let new_activity = ActivityDraft::new();
    let new_format = FormatDraft::new();
    let exists = Memo::new(move |_| title.with(Option::is_some));
    let heading = Signal::derive(move || title.get().unwrap_or_default());
    move || {
        match exists.get() {
        false => view! {
            <Page title="Unit not found">
                <p class="lead">"This unit could not be found. It may have been deleted, or the address is not quite right."</p>
                <Link to=TeacherView::Units.path() class="button">"Back to units"</Link>
            </Page>
        }
        .into_any(),
        true => view! {
            <Page title=heading.get_untracked() live_title=heading>
                <p class="back-link"><Link to=TeacherView::Units.path()>"All units"</Link></p>
                <AboutUnit unit current about/>
                <UnitTargets unit current/>
                <ChoiceBoard unit current draft=new_activity/>
                <FormatMenu unit current draft=new_format/>
            </Page>
        }
        .into_any(),
    }
    }
}

/// Title, description, dates, who it is for, and open or hidden.
#[component]
fn AboutUnit(unit: Id, current: UnitMemo, about: AboutDraft) -> impl IntoView {
    let records = use_records();
    let feedback = Feedback::default();
    let options = for_whom_options(records, move || {
        Assignment::parse(&about.assign.get()).unwrap_or_default()
    });
    let hidden = move || current.with(|u| u.as_ref().is_some_and(|u| u.hidden));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let day = |s: String| -> Result<Option<Day>, DomainError> {
            if s.trim().is_empty() {
                Ok(None)
            } else {
                Day::parse(s.trim()).map(Some)
            }
        };
        let (t, d) = (
            about.title.get_untracked(),
            about.description.get_untracked(),
        );
        let start = about.start.get_untracked();
        let end = about.end.get_untracked();
        let assign = Assignment::parse(&about.assign.get_untracked()).unwrap_or_default();
        let before = current.with_untracked(|u| u.as_ref().map(|u| u.title.clone()));
        let result = change_unit(records, unit, |u, ctx| {
            let (s, e) = (day(start)?, day(end)?);
            u.edit(&t, &d, ctx)?;
            u.set_dates(s, e, ctx)?;
            u.set_assign(assign, ctx)?;
            Ok("Saved.".into())
        });
        let renamed = result.is_ok()
            && current.with_untracked(|u| u.as_ref().map(|u| u.title.clone())) != before;
        if result.is_err() {
            focus_later("about-error");
        }
        feedback.show(result);
        if renamed {
            // The heading is rebuilt with the new title; bring focus back here.
            focus_later("about-save");
        }
    };
    let toggle = move |_| {
        let now_hidden = hidden();
        feedback.show(change_unit(records, unit, |u, ctx| {
            u.set_hidden(!now_hidden, ctx)?;
            Ok(if now_hidden {
                "Open: students it is for can see it on their path page.".into()
            } else {
                "Hidden: students don't see it. Nothing on it is lost.".into()
            })
        }));
    };
    view! {
        <section class="card" aria-labelledby="about-heading">
            <h2 id="about-heading">"About this unit"</h2>
            <div class="open-state">
                <p>
                    {move || if hidden() {
                        view! { <span class="tag tag-hidden">"Hidden from students"</span> }.into_any()
                    } else {
                        view! { <span class="tag tag-open">"Open to students"</span> }.into_any()
                    }}
                </p>
                <button type="button" class="button button-quiet" on:click=toggle>
                    {move || if hidden() { "Open to students" } else { "Hide from students" }}
                </button>
            </div>
            <div id="about-error" tabindex="-1">
                <FeedbackLines feedback/>
            </div>
            <form on:submit=save novalidate>
                <div class="field">
                    <label for="about-title">"Unit title"</label>
                    <input id="about-title" type="text" autocomplete="off" dir="auto"
                        prop:value=about.title on:input=move |ev| about.title.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="about-description">"Description for students (optional)"</label>
                    <textarea id="about-description" rows="3" dir="auto"
                        prop:value=about.description on:input=move |ev| about.description.set(event_target_value(&ev))></textarea>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="about-start">"Starts (optional)"</label>
                        <input id="about-start" type="date"
                            prop:value=about.start on:input=move |ev| about.start.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="about-end">"Ends (optional)"</label>
                        <input id="about-end" type="date"
                            prop:value=about.end on:input=move |ev| about.end.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="about-for">"Who is this unit for?"</label>
                        <select id="about-for" on:change=move |ev| about.assign.set(event_target_value(&ev))>
                            <For each=move || options.get() key=|o| o.clone() let:o>
                                {
                                    let v = o.0.clone();
                                    view! { <option value=o.0 prop:selected=move || about.assign.get() == v>{o.1}</option> }
                                }
                            </For>
                        </select>
                    </div>
                </div>
                <button id="about-save" type="submit" class="button">"Save changes"</button>
            </form>
        </section>
    }
}

/// The learning targets the unit covers: tick to add, untick to remove (saved at once).
#[component]
fn UnitTargets(unit: Id, current: UnitMemo) -> impl IntoView {
    let records = use_records();
    let feedback = Feedback::default();
    let targets = Memo::new(move |_| {
        let on: Vec<Id> =
            current.with(|u| u.as_ref().map(|u| u.targets.clone()).unwrap_or_default());
        records.data.with(|d| {
            let mut v: Vec<(Id, String, String, u32)> = d
                .targets
                .iter()
                .filter(|t| !t.meta.deleted && (!t.retired || on.contains(&t.meta.id)))
                .map(|t: &LearningTarget| (t.meta.id, t.text.clone(), t.code.clone(), t.order))
                .collect();
            v.sort_by_key(|t| (t.3, t.0));
            v
        })
    });
    let toggle = move |id: Id, text: String, on: bool| {
        feedback.show(change_unit(records, unit, |u, ctx| {
            u.toggle_target(id, on, ctx)?;
            Ok(if on {
                format!("Added \u{201c}{text}\u{201d} to this unit.")
            } else {
                format!("Took \u{201c}{text}\u{201d} off this unit.")
            })
        }));
    };
    let none = move || targets.with(Vec::is_empty);
    view! {
        <section class="card" aria-labelledby="unit-targets-heading">
            <h2 id="unit-targets-heading">"Learning targets"</h2>
            <FeedbackLines feedback/>
            <Show when=none fallback=move || view! {
                <fieldset class="check-list">
                    <legend>"Which targets does this unit work toward?"</legend>
                    <For each=move || targets.get() key=|t| t.0 let:t>
                        {
                            let (id, text, code, _) = t;
                            let dom = format!("unit-target-{id}");
                            let checked = move || current.with(|u| u.as_ref().is_some_and(|u| u.targets.contains(&id)));
                            let said = text.clone();
                            view! {
                                <div class="check">
                                    <input type="checkbox" id=dom.clone() prop:checked=checked
                                        on:change=move |ev| toggle(id, said.clone(), event_target_checked(&ev))/>
                                    <label for=dom dir="auto">
                                        {text}
                                        {(!code.is_empty()).then(|| view! { <span class="note">{format!(" · {code}")}</span> })}
                                    </label>
                                </div>
                            }
                        }
                    </For>
                </fieldset>
            }>
                <p class="note">
                    "No learning targets yet. "
                    <Link to=TeacherView::Home.path()>"Add them on My class"</Link>
                    ", then tick the ones this unit works toward."
                </p>
            </Show>
        </section>
    }
}

/// The activities in order, how many may-dos are needed, and "Add an activity".
#[component]
fn ChoiceBoard(unit: Id, current: UnitMemo, draft: ActivityDraft) -> impl IntoView {
    let records = use_records();
    let feedback = Feedback::default();
    let editing = RwSignal::new(None::<Id>);
    let ids = Memo::new(move |_| {
        current.with(|u| {
            u.as_ref()
                .map(|u| u.activities.iter().map(|a| a.id).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let counts = Memo::new(move |_| {
        current.with(|u| {
            u.as_ref()
                .map(|u| (u.may_dos_offered(), u.may_dos_required))
                .unwrap_or_default()
        })
    });
    let typed = RwSignal::new(counts.get_untracked().1.to_string());
    // The box follows the saved number when the board changes it (the first may-do
    // asks for one; removing may-dos can lower it).
    Effect::new(move |_| {
        let needed = counts.with(|c| c.1);
        typed.set(needed.to_string());
    });
    let needed_feedback = Feedback::default();
    let set_needed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = typed.get_untracked();
        let result = change_unit(records, unit, |u, ctx| {
            u.set_may_dos_needed(&text, ctx)?;
            Ok(format!(
                "Saved. {}",
                may_dos_sentence(u.may_dos_offered(), u.may_dos_required)
            ))
        })
        .map_err(|_| may_dos_error(counts.get_untracked().0));
        needed_feedback.show(result);
    };
    let saved = Callback::new(move |said: String| feedback.show(Ok(said)));
    let empty = move || ids.with(Vec::is_empty);
    view! {
        <section class="card" aria-labelledby="board-heading">
            <h2 id="board-heading" tabindex="-1">"Choice board"</h2>
            <FeedbackLines feedback/>
            <Show when=empty>
                <p class="note">"No activities yet. Add a must-do everyone does, then a few may-dos students choose from."</p>
            </Show>
            <ol class="activity-list">
                <For each=move || ids.get() key=|id| *id let:id>
                    <ActivityRow unit current id editing feedback/>
                </For>
            </ol>
            <form class="may-dos-needed" on:submit=set_needed novalidate>
                <p class="note">{move || { let (o, r) = counts.get(); may_dos_sentence(o, r) }}</p>
                <div class="field-row">
                    <div class="field">
                        <label for="may-dos-needed">"How many may-dos are needed"</label>
                        <input id="may-dos-needed" type="text" inputmode="numeric" autocomplete="off" class="short"
                            aria-describedby="may-dos-needed-error"
                            prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="button button-quiet">"Set number"</button>
                </div>
                <div id="may-dos-needed-error">
                    <FeedbackLines feedback=needed_feedback/>
                </div>
            </form>
            <div class="add-activity">
                <h3 id="add-activity-heading">"Add an activity"</h3>
                <ActivityForm unit draft editing=None prefix="new".to_string() on_saved=saved/>
            </div>
        </section>
    }
}
