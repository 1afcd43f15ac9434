//! "Choose how I'll show what I learned": the unit's format menu with a one-line
//! description and an example of good work for each, a sentence on why it fits, or
//! "My own idea" that waits for the teacher's OK.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::LikesContext;
use crate::components::{Feedback, FeedbackLines};
use crate::domain::format::{
    check_idea, check_why, current_choice, format_info, offered_formats, FormatInfo,
};
use crate::domain::{Actor, ChoiceFor, FormatChoice, FormatRef, Id, Record, ReviewState, Unit};
use crate::pages::student::use_student;
use crate::state::{ctx_for, use_records, RecordsState};

/// What the student picked on the menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pick {
    Menu(FormatRef),
    OwnIdea,
}

/// A key for element ids.
fn pick_key(p: Pick) -> String {
    match p {
        Pick::Menu(f) => f.to_string(),
        Pick::OwnIdea => "own".into(),
    }
}

/// Saves the student's choice. A new choice replaces the current one (which is kept
/// as a deletion, so the teacher's queue no longer shows an idea the student dropped);
/// an own idea that is a draft or was sent back is edited in place.
fn save_choice(
    records: RecordsState,
    student: Id,
    unit: &Unit,
    pick: Pick,
    why: &str,
    idea: &str,
    send: bool,
) -> Result<String, String> {
    check_why(why).map_err(|e| e.to_string())?;
    if pick == Pick::OwnIdea {
        check_idea(idea).map_err(|e| e.to_string())?;
    }
    let scope = ChoiceFor::Unit(unit.meta.id);
    let ctx = ctx_for(records, Actor::student(student));
    let current = records
        .data
        .with_untracked(|d| current_choice(&d.choices, student, scope).cloned());
    let editable = current.clone().filter(|c| {
        pick == Pick::OwnIdea
            && c.is_own_idea()
            && matches!(c.state, ReviewState::Draft | ReviewState::ChangesRequested)
    });
    let (choice, replaced) = match (pick, editable) {
        (Pick::OwnIdea, Some(mut c)) => {
            c.edit(idea, why, &ctx).map_err(|e| e.to_string())?;
            (c, None)
        }
        (Pick::OwnIdea, None) => (
            FormatChoice::propose(Id::new_v4(), student, scope, idea, why, &ctx)
                .map_err(|e| e.to_string())?,
            current,
        ),
        (Pick::Menu(f), _) => (
            FormatChoice::choose(Id::new_v4(), student, scope, f, why, &unit.formats, &ctx)
                .map_err(|e| e.to_string())?,
            current,
        ),
    };
    let mut choice = choice;
    if send {
        choice.submit(&ctx).map_err(|e| e.to_string())?;
    }
    let said = match (pick, send) {
        (Pick::Menu(_), _) => "Your choice is saved.",
        (Pick::OwnIdea, true) => "Your idea is sent. It's waiting for your teacher's OK.",
        (Pick::OwnIdea, false) => {
            "Your idea is saved as a draft. Send it to your teacher when it's ready."
        }
    };
    records.save(choice).map_err(|e| e.to_string())?;
    if let Some(mut old) = replaced {
        old.tombstone(&ctx);
        records.save(old).map_err(|e| e.to_string())?;
    }
    Ok(said.to_string())
}

/// The menu's pick for a choice already made.
fn pick_of(c: &FormatChoice) -> Pick {
    match c.format {
        Some(f) => Pick::Menu(f),
        None => Pick::OwnIdea,
    }
}

/// The id of the menu's radio button for `pick`.
fn radio_id(unit_id: Id, pick: Pick) -> String {
    format!("fmt-{unit_id}-{}", pick_key(pick))
}

/// Once the menu is drawn, puts focus on the way chosen before (or on the first way,
/// when that one is no longer on the menu), so the keyboard starts from the list.
fn focus_format_list(unit_id: Id, pick: Option<Pick>) {
    request_animation_frame(move || {
        let doc = document();
        let chosen = pick.and_then(|p| doc.get_element_by_id(&radio_id(unit_id, p)));
        let first = || {
            doc.query_selector(&format!("#format-menu-{unit_id} input[type=radio]"))
                .ok()
                .flatten()
        };
        if let Some(el) = chosen
            .or_else(first)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// "waiting for teacher" → "Waiting for teacher".
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The format part of a unit card.
#[component]
pub fn FormatSection(unit_id: Id, unit: Memo<Option<Unit>>) -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let current = Memo::new(move |_| {
        records
            .data
            .with(|d| current_choice(&d.choices, me.id, ChoiceFor::Unit(unit_id)).cloned())
    });
    let has_choice = Memo::new(move |_| current.with(Option::is_some));
    // The menu is open when there is no choice yet, or the student asked to change it.
    let changing = RwSignal::new(false);
    let feedback = Feedback::default();
    let heading = format!("format-heading-{unit_id}");
    let open_menu = move || !has_choice.get() || changing.get();
    view! {
        <div class="format-block">
            <h3 id=heading tabindex="-1">"How I'll show what I learned"</h3>
            <FeedbackLines feedback/>
            {move || {
                if open_menu() {
                    view! { <FormatMenu unit_id unit current changing feedback/> }.into_any()
                } else {
                    view! { <ChoiceSummary unit_id current changing feedback/> }.into_any()
                }
            }}
        </div>
    }
}

/// The student's current choice and what they can do with it.
#[component]
fn ChoiceSummary(
    unit_id: Id,
    current: Memo<Option<FormatChoice>>,
    changing: RwSignal<bool>,
    feedback: Feedback,
) -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let name = move || {
        current.with(|c| match c.as_ref().and_then(|c| c.format) {
            Some(f) => records
                .data
                .with(|d| format_info(f, &d.formats).map(|i| i.name))
                .unwrap_or_else(|| "A format your teacher took off the menu".into()),
            None => "My own idea".into(),
        })
    };
    let run = move |f: fn(
        &mut FormatChoice,
        &crate::domain::Ctx,
    ) -> Result<(), crate::domain::DomainError>,
                    said: &'static str| {
        let Some(mut c) = current.get_untracked() else {
            return;
        };
        let ctx = ctx_for(records, Actor::student(me.id));
        let result = f(&mut c, &ctx)
            .map_err(|e| e.to_string())
            .and_then(|()| records.save(c).map_err(|e| e.to_string()))
            .map(|()| said.to_string());
        feedback.show(result);
    };
    let change = move |_| {
        feedback.show(Ok(String::new()));
        let pick = current.with_untracked(|c| c.as_ref().map(pick_of));
        changing.set(true);
        focus_format_list(unit_id, pick);
    };
    let state = move || current.with(|c| c.as_ref().map(|c| (c.is_own_idea(), c.state)));
    view! {
        <div class="choice-summary">
            <p class="chosen-format">
                <span class="chosen-label">"My choice: "</span>
                <strong>{name}</strong>
            </p>
            {move || current.with(|c| c.as_ref().filter(|c| c.is_own_idea()).map(|c| view! {
                <p class="own-idea-text"><span class="chosen-label">"My idea: "</span><bdi>{c.idea.clone()}</bdi></p>
            }))}
            {move || current.with(|c| c.as_ref().filter(|c| !c.why.trim().is_empty()).map(|c| view! {
                <p class="why-text"><span class="chosen-label">"Why it fits me: "</span><bdi>{c.why.clone()}</bdi></p>
            }))}
            {move || current.with(|c| c.as_ref().map(|c| {
                let state = capitalized(if c.is_own_idea() { c.state.label() } else { "chosen" });
                let class = format!("idea-state idea-state-{}", if c.is_own_idea() { c.state.label().replace(' ', "-") } else { "chosen".into() });
                view! {
                    <p class=class>
                        <span class="state-badge">{state}</span>
                        " "{c.status_sentence()}
                    </p>
                }
            }))}
            {move || current.with(|c| c.as_ref().and_then(|c| c.change_request().map(str::to_string)).map(|w| view! {
                <div class="teacher-said">
                    <p class="chosen-label">"Your teacher said:"</p>
                    <blockquote dir="auto">{w}</blockquote>
                </div>
            }))}
            {move || current.with(|c| c.as_ref().and_then(|c| c.approval_note().map(str::to_string)).map(|w| view! {
                <div class="teacher-said">
                    <p class="chosen-label">"Your teacher said:"</p>
                    <blockquote dir="auto">{w}</blockquote>
                </div>
            }))}
            <div class="actions">
                {move || match state() {
                    Some((true, ReviewState::Draft)) => view! {
                        <button type="button" class="button" on:click=move |_| run(FormatChoice::submit, "Your idea is sent. It's waiting for your teacher's OK.")>
                            "Send to my teacher"
                        </button>
                        <button type="button" class="button button-quiet" on:click=change>"Change my idea"</button>
                    }.into_any(),
                    Some((true, ReviewState::Submitted)) => view! {
                        <button type="button" class="button button-quiet" on:click=move |_| run(FormatChoice::withdraw, "You took your idea back. It's a draft again, so you can change it.")>
                            "Take it back to change it"
                        </button>
                        <button type="button" class="button button-quiet" on:click=change>"Choose something else"</button>
                    }.into_any(),
                    Some((true, ReviewState::ChangesRequested)) => view! {
                        <button type="button" class="button" on:click=change>"Change my idea"</button>
                    }.into_any(),
                    _ => view! {
                        <button type="button" class="button button-quiet" on:click=change>"Choose something else"</button>
                    }.into_any(),
                }}
            </div>
        </div>
    }
}

/// One option of the menu, with its words and the interest it matches.
#[component]
fn MenuOption(
    unit_id: Id,
    pick: Pick,
    info: FormatInfo,
    selected: RwSignal<Option<Pick>>,
) -> impl IntoView {
    let likes = expect_context::<LikesContext>().0;
    let id = radio_id(unit_id, pick);
    let desc_id = format!("{id}-about");
    let name = format!("format-{unit_id}");
    let checked = move || selected.get() == Some(pick);
    let i = info.clone();
    let suggestion = move || {
        likes
            .with(|l| l.suggestion(&[&i.name, &i.description, &i.related]))
            .map(|s| view! { <p class="suggest"><span aria-hidden="true">"★ "</span>{s}</p> })
    };
    view! {
        <li class="format-option" class:chosen=checked>
            <input type="radio" id=id.clone() name=name aria-describedby=desc_id.clone()
                prop:checked=checked
                on:change=move |_| selected.set(Some(pick))/>
            <div class="format-words">
                <label for=id class="format-name">{info.name.clone()}</label>
                <div id=desc_id>
                    {(!info.description.is_empty()).then(|| view! { <p class="format-description">{info.description.clone()}</p> })}
                    {(!info.example.is_empty()).then(|| view! {
                        <p class="format-example"><span class="example-label">"What good looks like: "</span>{info.example.clone()}</p>
                    })}
                </div>
                {suggestion}
            </div>
        </li>
    }
}

/// The question every choice answers, right above the button that saves it.
const WHY_LABEL: &str = "Why does this fit me? (one sentence)";

/// What is wrong with the "why" answer, in words that name the question; `None` if fine.
fn why_problem(why: &str) -> Option<String> {
    if why.trim().is_empty() {
        return Some(
            "Please answer “Why does this fit me?” in one sentence. It helps your teacher understand your choice."
                .into(),
        );
    }
    check_why(why).err().map(|e| e.to_string())
}

/// What is wrong with the description of an own idea; `None` if fine.
fn idea_problem(idea: &str) -> Option<String> {
    if idea.trim().is_empty() {
        return Some(
            "Please describe your idea in “My idea, in my own words”, so your teacher knows what you will make."
                .into(),
        );
    }
    check_idea(idea).err().map(|e| e.to_string())
}

/// The menu: formats, "My own idea", why it fits, and the buttons.
#[component]
fn FormatMenu(
    unit_id: Id,
    unit: Memo<Option<Unit>>,
    current: Memo<Option<FormatChoice>>,
    changing: RwSignal<bool>,
    feedback: Feedback,
) -> impl IntoView {
    let records = use_records();
    let me = use_student();
    // Errors show beside the fields and buttons; success goes to the section's line.
    let local = Feedback::default();
    // Start from what the student has now, so changing a draft keeps its words.
    let now = current.get_untracked();
    let selected = RwSignal::new(now.as_ref().map(pick_of));
    // What is missing, shown under its own field (which gets focus).
    let why_error = RwSignal::new(String::new());
    let idea_error = RwSignal::new(String::new());
    let why = RwSignal::new(now.as_ref().map(|c| c.why.clone()).unwrap_or_default());
    let idea = RwSignal::new(now.as_ref().map(|c| c.idea.clone()).unwrap_or_default());
    let menu = Memo::new(move |_| {
        let menu = unit.with(|u| u.as_ref().map(|u| u.formats.clone()).unwrap_or_default());
        records.data.with(|d| {
            offered_formats(&menu, &d.formats)
                .into_iter()
                .filter_map(|f| format_info(f, &d.formats).map(|i| (f, i)))
                .collect::<Vec<_>>()
        })
    });
    let save = move |send: bool| {
        let Some(u) = unit.get_untracked() else {
            return;
        };
        let Some(pick) = selected.get_untracked() else {
            local.show(Err(
                "Please choose one of the ways first, or \"My own idea\".".into(),
            ));
            focus_format_list(unit_id, None);
            return;
        };
        local.show(Ok(String::new()));
        let idea_missing = (pick == Pick::OwnIdea)
            .then(|| idea_problem(&idea.get_untracked()))
            .flatten();
        let why_missing = why_problem(&why.get_untracked());
        idea_error.set(idea_missing.clone().unwrap_or_default());
        why_error.set(why_missing.clone().unwrap_or_default());
        if idea_missing.is_some() {
            super::focus_later(format!("idea-{unit_id}"));
            return;
        }
        if why_missing.is_some() {
            super::focus_later(format!("why-{unit_id}"));
            return;
        }
        let result = save_choice(
            records,
            me.id,
            &u,
            pick,
            &why.get_untracked(),
            &idea.get_untracked(),
            send,
        );
        match result {
            Ok(said) => {
                local.show(Ok(String::new()));
                feedback.show(Ok(said));
                changing.set(false);
                super::focus_later(format!("format-heading-{unit_id}"));
            }
            Err(e) => local.show(Err(e)),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save(selected.get_untracked() == Some(Pick::OwnIdea));
    };
    let own = move || selected.get() == Some(Pick::OwnIdea);
    let why_id = format!("why-{unit_id}");
    let idea_id = format!("idea-{unit_id}");
    let why_error_id = format!("why-{unit_id}-error");
    let idea_error_id = format!("idea-{unit_id}-error");
    let legend = "Choose one way to show what you learned in this unit";
    let own_info = FormatInfo {
        name: "My own idea".into(),
        description: "Something else you'd like to make. Describe it in your words; your teacher says OK first.".into(),
        example: String::new(),
        related: String::new(),
    };
    view! {
        <form class="format-menu" id=format!("format-menu-{unit_id}") on:submit=submit novalidate>
            <fieldset class="choices">
                <legend class="format-legend">{legend}</legend>
                <ul class="format-options">
                    {move || menu.get().into_iter().map(|(f, info)| view! {
                        <MenuOption unit_id pick=Pick::Menu(f) info selected/>
                    }).collect_view()}
                    <MenuOption unit_id pick=Pick::OwnIdea info=own_info selected/>
                </ul>
            </fieldset>
            <Show when=own>
                <div class="field">
                    <label for=idea_id.clone()>"My idea, in my own words"</label>
                    <textarea id=idea_id.clone() rows="3" class="short-text" dir="auto"
                        aria-describedby=idea_error_id.clone()
                        aria-invalid=move || (!idea_error.get().is_empty()).then_some("true")
                        prop:value=idea
                        on:input=move |ev| idea.set(event_target_value(&ev))></textarea>
                    <p id=idea_error_id.clone() class="error field-error">{move || idea_error.get()}</p>
                </div>
            </Show>
            <div class="field why-field">
                <label for=why_id.clone()>{WHY_LABEL}</label>
                <textarea id=why_id rows="2" class="short-text" dir="auto"
                    aria-describedby=why_error_id.clone()
                    aria-invalid=move || (!why_error.get().is_empty()).then_some("true")
                    prop:value=why
                    on:input=move |ev| why.set(event_target_value(&ev))></textarea>
                <p id=why_error_id class="error field-error">{move || why_error.get()}</p>
            </div>
            <FeedbackLines feedback=local/>
            <div class="actions">
                {move || if own() {
                    view! {
                        <button type="submit" class="button">"Send to my teacher"</button>
                        <button type="button" class="button button-quiet" on:click=move |_| save(false)>"Save as a draft"</button>
                    }.into_any()
                } else {
                    view! { <button type="submit" class="button">"Choose this"</button> }.into_any()
                }}
                <Show when=move || current.with(Option::is_some)>
                    <button type="button" class="button button-quiet" on:click=move |_| {
                        feedback.show(Ok(String::new()));
                        changing.set(false);
                        super::focus_later(format!("format-heading-{unit_id}"));
                    }>"Keep my choice"</button>
                </Show>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_words_start_with_a_capital() {
        assert_eq!(capitalized("waiting for teacher"), "Waiting for teacher");
        assert_eq!(capitalized(""), "");
        assert_eq!(capitalized("élan"), "Élan");
        assert_eq!(pick_key(Pick::OwnIdea), "own");
    }

    #[test]
    fn a_missing_answer_names_its_question() {
        assert!(why_problem("  ").is_some_and(|m| m.contains("“Why does this fit me?”")));
        assert!(why_problem("I like drawing").is_none());
        assert!(idea_problem("").is_some_and(|m| m.contains("“My idea, in my own words”")));
        assert!(idea_problem("A comic").is_none());
    }
}
