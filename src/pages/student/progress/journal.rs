//! My reflection journal: answer a prompt (what went well, what was hard, what I'll try
//! next, or free writing), about one of my goals or on its own, shared with my family if
//! I choose. Entries show on a timeline, newest first.

use leptos::html;
use leptos::prelude::*;

use super::target_card::when;
use super::words::{length_hint, preview, sentence, with_commas};
use crate::components::{Feedback, FeedbackLines, ShowOlder};
use crate::domain::reflection::journal;
use crate::domain::{DomainError, Id, Prompt, Reflection};
use crate::pages::student::use_student;
use crate::state::use_records;

/// Entries longer than this show their start and a "Read all" button.
const FOLD_AT: usize = 600;

/// How many entries the timeline shows at first, and adds at each "Show older".
const ENTRY_STEP: usize = 20;

/// "I will …" for a goal, short enough for a menu (students often type "I will" too).
pub fn goal_label(i_will: &str) -> String {
    let t = i_will.trim();
    if t.is_empty() {
        return "A goal without words yet".to_string();
    }
    let typed_i_will = t
        .get(..6)
        .is_some_and(|start| start.eq_ignore_ascii_case("I will"));
    let full = if typed_i_will {
        t.to_string()
    } else {
        format!("I will {t}")
    };
    preview(&full, 90)
}

/// What to say when the journal refuses an entry (the text always stays in the box).
pub fn refused(error: DomainError) -> String {
    match error {
        DomainError::TooLong { len, max, .. } => format!(
            "Your reflection is {} characters long; the most it can be is {}. Your text is still here: please take out {} so it fits.",
            with_commas(len),
            with_commas(max),
            with_commas(len.saturating_sub(max))
        ),
        other => sentence(other),
    }
}

/// A short key for a prompt's element id.
fn prompt_key(p: Prompt) -> &'static str {
    match p {
        Prompt::WentWell => "went-well",
        Prompt::WasHard => "was-hard",
        Prompt::Next => "next",
        Prompt::Free => "free",
    }
}

/// The journal section of "My progress".
#[component]
pub fn Journal() -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let goals = Memo::new(move |_| {
        records.data.with(|d| {
            let mut g: Vec<_> = d
                .goals
                .iter()
                .filter(|g| g.student == me.id && !g.meta.deleted)
                .collect();
            g.sort_by_key(|g| std::cmp::Reverse((g.meta.updated, g.meta.id)));
            g.into_iter()
                .map(|g| (g.meta.id, goal_label(&g.i_will)))
                .collect::<Vec<_>>()
        })
    });
    let entries = Memo::new(move |_| {
        records.data.with(|d| {
            journal(&d.reflections, me.id)
                .into_iter()
                .map(|r| r.meta.id)
                .collect::<Vec<_>>()
        })
    });
    let shown = RwSignal::new(ENTRY_STEP);
    let total = Signal::derive(move || entries.with(Vec::len));
    let focus_id = Callback::new(move |i: usize| {
        entries.with_untracked(|e| e.get(i).map(|id| format!("entry-item-{id}")))
    });

    // The chosen question and goal are kept with the unsaved text, so they come back
    // together after a visit to another page.
    let prompt_kept = crate::state::drafts::kept(format!("{}:journal-prompt", me.id));
    let prompt = Memo::new(move |_| {
        prompt_kept.with(|k| {
            Prompt::ALL
                .into_iter()
                .find(|p| prompt_key(*p) == k)
                .unwrap_or(Prompt::WentWell)
        })
    });
    let set_prompt = move |p: Prompt| prompt_kept.set(prompt_key(p).to_string());
    let text = crate::state::drafts::kept(format!("{}:journal", me.id));
    let set_text = text.write_only();
    let goal = crate::state::drafts::kept(format!("{}:journal-goal", me.id));
    let set_goal = goal.write_only();
    let (share, set_share) = signal(false);
    let feedback = Feedback::default();
    let text_ref = NodeRef::<html::Textarea>::new();
    let hint = Memo::new(move |_| text.with(|t| length_hint(t)));

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let goal_id = goal.with_untracked(|g| Id::parse(g).ok());
        let ctx = me.ctx();
        // Saving again after a failed save is the same entry, never a second one.
        let form_key = format!("{}:journal", me.id);
        let id = records.new_record_id::<Reflection>(&form_key, &text.get_untracked());
        let result = Reflection::new(
            id,
            me.id,
            prompt.get_untracked(),
            &text.get_untracked(),
            goal_id,
            &ctx,
        )
        .and_then(|mut r| {
            if share.get_untracked() {
                r.set_family_shared(true, &ctx)?;
            }
            Ok(r)
        })
        .map_err(refused)
        .and_then(|r| {
            let shared = r.family_shared;
            records.save(r).map_err(sentence).map(|()| shared)
        });
        match result {
            Ok(shared) => {
                records.new_record_saved(&form_key);
                set_text.set(String::new());
                set_share.set(false);
                feedback.show(Ok(if shared {
                    "Saved in your journal, and shared with your family.".into()
                } else {
                    "Saved in your journal.".into()
                }));
            }
            Err(e) => {
                feedback.show(Err(e));
                if let Some(t) = text_ref.get_untracked() {
                    let _ = t.focus();
                }
            }
        }
    };

    let has_goals = move || goals.with(|g| !g.is_empty());
    view! {
        <section class="card journal" aria-labelledby="journal-heading">
            <h2 id="journal-heading">"My journal"</h2>
            <form class="journal-form" on:submit=save novalidate>
                <fieldset class="prompts">
                    <legend>"Choose a question"</legend>
                    <div class="prompt-options">
                        {Prompt::ALL
                            .into_iter()
                            .map(|p| {
                                let id = format!("prompt-{}", prompt_key(p));
                                view! {
                                    <div class="prompt-option">
                                        <input type="radio" name="prompt" id=id.clone()
                                            prop:checked=move || prompt.get() == p
                                            on:change=move |_| set_prompt(p)/>
                                        <label for=id>{p.short()}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label for="reflection-text" class="prompt-question">{move || prompt.get().question()}</label>
                    <textarea id="reflection-text" rows="5" dir="auto" node_ref=text_ref
                        aria-describedby="reflection-length"
                        prop:value=text
                        on:input=move |ev| set_text.set(event_target_value(&ev))></textarea>
                    <span id="reflection-length" class="note length-hint"
                        class:length-over=move || hint.with(|h| h.as_deref().is_some_and(|h| h.contains("take out")))>
                        {move || hint.get().unwrap_or_default()}
                    </span>
                </div>
                <Show
                    when=has_goals
                    fallback=|| view! { <p class="note">"When you have goals, you can link an entry to one of them."</p> }
                >
                    <div class="field">
                        <label for="reflection-goal">"Is it about one of my goals?"</label>
                        <select id="reflection-goal"
                            prop:value=goal
                            on:change=move |ev| set_goal.set(event_target_value(&ev))>
                            <option value="">"No, it's about my learning in general"</option>
                            {move || goals.get().into_iter().map(|(id, label)| {
                                let value = id.to_string();
                                let selected = goal.get_untracked() == value;
                                view! { <option value=value selected=selected>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </Show>
                <div class="check">
                    <input type="checkbox" id="reflection-share"
                        prop:checked=share
                        on:change=move |ev| set_share.set(event_target_checked(&ev))/>
                    <label for="reflection-share">"Share with my family"</label>
                </div>
                <FeedbackLines feedback/>
                <button type="submit" class="button">"Save my reflection"</button>
            </form>
            <h3 class="timeline-heading">"My entries"</h3>
            <Show
                when=move || entries.with(|e| !e.is_empty())
                fallback=|| view! { <p class="note">"Your entries will show here, newest first."</p> }
            >
                <ol class="timeline">
                    <For
                        each=move || entries.with(|e| e.iter().take(shown.get()).copied().collect::<Vec<_>>())
                        key=|id| *id
                        let:id
                    >
                        <JournalEntry id goals/>
                    </For>
                </ol>
                <ShowOlder total shown step=ENTRY_STEP one="entry" many="entries" focus_id/>
            </Show>
        </section>
    }
}

/// One entry on the timeline, with its sharing switch. The entry's words never change
/// after it is written; only "shared with my family" does, so only that part follows the
/// record (the button keeps its focus when pressed).
#[component]
fn JournalEntry(id: Id, goals: Memo<Vec<(Id, String)>>) -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let shared = Memo::new(move |_| {
        records
            .data
            .with(|d| d.get::<Reflection>(id).is_some_and(|r| r.family_shared))
    });
    let (open, set_open) = signal(false);
    let feedback = Feedback::default();
    let toggle_share = move |_| {
        let Some(mut r) = records
            .data
            .with_untracked(|d| d.get::<Reflection>(id).cloned())
        else {
            return;
        };
        let now_shared = !r.family_shared;
        let result = r
            .set_family_shared(now_shared, &me.ctx())
            .map_err(sentence)
            .and_then(|()| records.save(r).map_err(sentence));
        feedback.show(result.map(|()| {
            if now_shared {
                "Your family can see this entry now.".to_string()
            } else {
                "Your family can't see this entry any more.".to_string()
            }
        }));
    };
    let Some(r) = records
        .data
        .with_untracked(|d| d.get::<Reflection>(id).cloned())
    else {
        return ().into_any();
    };
    let long = r.text.chars().count() > FOLD_AT;
    let full = r.text.clone();
    let short = preview(&r.text, FOLD_AT);
    let goal = r.goal.map(|g| {
        goals
            .with_untracked(|list| list.iter().find(|(id, _)| *id == g).map(|(_, l)| l.clone()))
            .unwrap_or_else(|| "A goal".to_string())
    });
    let body_id = format!("entry-{id}");
    let written = when(r.meta.created);
    let hidden_when = format!(" (your entry from {written})");
    view! {
        // Focused when "Show older entries" brings it onto the page.
        <li class="timeline-entry" id=format!("entry-item-{id}") tabindex="-1">
            <p class="entry-head">
                <span class="entry-prompt">{r.prompt.short()}</span>
                <time class="entry-when" datetime=r.meta.created.day().to_iso()>{written}</time>
            </p>
            {goal.map(|g| view! { <p class="entry-goal" dir="auto">{format!("About my goal: {g}")}</p> })}
            <p class="entry-text" id=body_id.clone() dir="auto">
                {move || if long && !open.get() { short.clone() } else { full.clone() }}
            </p>
            <div class="entry-actions">
                {long.then(|| view! {
                    <button type="button" class="button button-quiet button-small"
                        aria-expanded=move || open.get().to_string()
                        aria-controls=body_id.clone()
                        on:click=move |_| set_open.update(|o| *o = !*o)>
                        {move || if open.get() { "Show less" } else { "Read all" }}
                    </button>
                })}
                <span class="entry-shared" class:is-shared=shared>
                    {move || if shared.get() { "Shared with my family" } else { "Not shared with my family" }}
                </span>
                <button type="button" class="button button-quiet button-small" on:click=toggle_share
                    aria-label=move || format!("{}{hidden_when}", if shared.get() { "Stop sharing" } else { "Share with my family" })>
                    {move || if shared.get() { "Stop sharing" } else { "Share with my family" }}
                </button>
            </div>
            <FeedbackLines feedback/>
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_labels_say_i_will_once() {
        assert_eq!(goal_label("read 3 books"), "I will read 3 books");
        assert_eq!(goal_label("  I will read 3 books"), "I will read 3 books");
        assert_eq!(goal_label("i WILL read"), "i WILL read");
        assert_eq!(goal_label("   "), "A goal without words yet");
        assert_eq!(goal_label("Ícaro"), "I will Ícaro");
        assert!(goal_label(&"word ".repeat(40)).ends_with('…'));
    }

    #[test]
    fn too_long_says_how_much_with_commas() {
        let m = refused(DomainError::TooLong {
            field: "your reflection",
            len: 10_001,
            max: 10_000,
        });
        assert!(
            m.starts_with("Your reflection is 10,001 characters long"),
            "{m}"
        );
        assert!(m.contains("still here") && m.contains("take out 1 "), "{m}");
        assert_eq!(
            refused(DomainError::Required {
                field: "your reflection"
            }),
            "Please write something for your reflection."
        );
    }
}
