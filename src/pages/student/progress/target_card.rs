//! One learning target on "My progress": my latest view beside my teacher's latest view
//! (two boxes, never one number), a form to say where I am now with an optional note,
//! the evidence I attach (a text, a link, or both), and my earlier ratings.

use leptos::html;
use leptos::prelude::*;

use super::words::{local_time, readable_when, sentence};
use crate::components::{Feedback, FeedbackLines};
use crate::domain::comment::CommentOn;
use crate::domain::evidence::evidence_for;
use crate::domain::rating::{history, latest_pair};
use crate::domain::validate;
use crate::domain::{
    DomainError, Evidence, EvidenceFor, Id, MasteryScale, Rating, RatingKind, Timestamp,
};
use crate::pages::student::use_student;
use crate::state::drafts::kept;
use crate::state::{today, use_records};

/// Filled and empty dots for a level: where it sits on the scale, at a glance. Hidden from
/// screen readers, which hear the level's name and "level 2 of 4" instead.
#[component]
pub fn Pips(
    /// Zero-based level.
    level: usize,
    /// Number of levels on the scale.
    total: usize,
) -> impl IntoView {
    view! {
        <span class="pips" aria-hidden="true">
            {(0..total)
                .map(|i| view! { <span class="pip" class:pip-on=move || i <= level></span> })
                .collect_view()}
        </span>
    }
}

/// "Tuesday, November 3" for a stored time, on this device's calendar.
pub fn when(at: Timestamp) -> String {
    readable_when(local_time(at), today())
}

/// One side of the side-by-side view: whose view, which level, when, and the note.
#[component]
fn RatingBox(
    /// "Me" or "My teacher".
    who: &'static str,
    /// What to say when there is no rating yet.
    none_yet: &'static str,
    /// The latest rating of this kind, if any.
    rating: Signal<Option<Rating>>,
    /// The scale, for the level's name.
    scale: Memo<MasteryScale>,
    /// Extra class: `rating-own` or `rating-teacher`.
    class: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("rating-box {class}")>
            <span class="rating-who">{who}</span>
            {move || match rating.get() {
                Some(r) => {
                    let (label, total) = scale.with(|s| {
                        (
                            s.level(r.level)
                                .map(|l| l.label.clone())
                                .unwrap_or_else(|| format!("Level {}", r.level + 1)),
                            s.levels.len(),
                        )
                    });
                    let level = usize::from(r.level);
                    let note = (!r.note.is_empty())
                        .then(|| view! { <span class="rating-note" dir="auto">{format!("“{}”", r.note)}</span> });
                    view! {
                        <span class="rating-level">{label}</span>
                        <Pips level total/>
                        <span class="visually-hidden">
                            {format!(", level {} of {}", level + 1, total.max(level + 1))}
                        </span>
                        <span class="rating-when">{when(r.meta.created)}</span>
                        {note}
                    }
                    .into_any()
                }
                None => view! { <span class="rating-none">{none_yet}</span> }.into_any(),
            }}
        </div>
    }
}

/// A link that is safe to show as a link (it was checked when saved; data imported from
/// elsewhere is checked again here).
fn safe_link(link: &str) -> Option<String> {
    if link.is_empty() {
        None
    } else {
        validate::link(link).ok()
    }
}

/// A learning target on the progress page.
#[component]
pub fn TargetCard(
    /// The target's id.
    target: Id,
    /// The "I can …" statement.
    text: String,
    /// The standard code (may be empty).
    code: String,
    /// The class's mastery scale.
    scale: Memo<MasteryScale>,
) -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let key = target.to_string();
    let heading_id = format!("target-{key}");
    let pair = Memo::new(move |_| {
        records.data.with(|d| {
            let p = latest_pair(&d.ratings, me.id, target);
            (p.own.cloned(), p.teacher.cloned())
        })
    });
    let own = Signal::derive(move || pair.with(|p| p.0.clone()));
    let teacher = Signal::derive(move || pair.with(|p| p.1.clone()));
    let earlier = Memo::new(move |_| {
        records.data.with(|d| {
            history(&d.ratings, me.id, target, RatingKind::SelfAssessment)
                .into_iter()
                .skip(1)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let evidence = Memo::new(move |_| {
        records.data.with(|d| {
            evidence_for(&d.evidence, me.id, EvidenceFor::Target(target))
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let feedback = Feedback::default();
    let (rating_open, set_rating_open) = signal(false);
    let (evidence_open, set_evidence_open) = signal(false);
    let rate_button = NodeRef::<html::Button>::new();
    let evidence_button = NodeRef::<html::Button>::new();
    let evidence_text_ref = NodeRef::<html::Textarea>::new();
    let link_ref = NodeRef::<html::Input>::new();

    // The self-assessment form. The latest own level is chosen to start with.
    let (chosen, set_chosen) = signal(pair.with_untracked(|p| p.0.as_ref().map(|r| r.level)));
    let note = kept(format!("{}:rate-note:{key}", me.id));
    let set_note = note.write_only();
    let save_rating = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(level) = chosen.get_untracked() else {
            feedback.show(Err(
                "Choose the level that fits you best right now, then save.".into(),
            ));
            return;
        };
        let scale_now = scale.get_untracked();
        let label = scale_now
            .level(level)
            .map(|l| l.label.clone())
            .unwrap_or_default();
        let form_key = format!("{}:rate:{target}", me.id);
        let id = records
            .new_record_id::<Rating>(&form_key, &format!("{level}\n{}", note.get_untracked()));
        let result = Rating::new(
            id,
            me.id,
            target,
            level,
            &note.get_untracked(),
            &scale_now,
            &me.ctx(),
        )
        .map_err(sentence)
        .and_then(|r| records.save(r).map_err(sentence));
        match result {
            Ok(()) => {
                records.new_record_saved(&form_key);
                set_note.set(String::new());
                set_rating_open.set(false);
                feedback.show(Ok(format!(
                    "Saved. You said “{label}”. Your teacher can see it beside their view."
                )));
                if let Some(b) = rate_button.get_untracked() {
                    let _ = b.focus();
                }
            }
            Err(e) => feedback.show(Err(e)),
        }
    };

    // The evidence form.
    let ev_text = kept(format!("{}:evidence-text:{key}", me.id));
    let set_ev_text = ev_text.write_only();
    let ev_link = kept(format!("{}:evidence-link:{key}", me.id));
    let set_ev_link = ev_link.write_only();
    let (ev_share, set_ev_share) = signal(false);
    let (link_bad, set_link_bad) = signal(false);
    let add_evidence = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ctx = me.ctx();
        let form_key = format!("{}:evidence:{target}", me.id);
        let id = records.new_record_id::<Evidence>(
            &form_key,
            &format!("{}\n{}", ev_link.get_untracked(), ev_text.get_untracked()),
        );
        let result = Evidence::new(
            id,
            me.id,
            EvidenceFor::Target(target),
            &ev_text.get_untracked(),
            &ev_link.get_untracked(),
            &ctx,
        )
        .and_then(|mut e| {
            if ev_share.get_untracked() {
                e.set_family_shared(true, &ctx)?;
            }
            Ok(e)
        });
        match result {
            Ok(e) => match records.save(e) {
                Ok(()) => {
                    records.new_record_saved(&form_key);
                    set_ev_text.set(String::new());
                    set_ev_link.set(String::new());
                    set_ev_share.set(false);
                    set_link_bad.set(false);
                    set_evidence_open.set(false);
                    feedback.show(Ok("Added to your evidence for this target.".into()));
                    if let Some(b) = evidence_button.get_untracked() {
                        let _ = b.focus();
                    }
                }
                Err(e) => feedback.show(Err(sentence(e))),
            },
            Err(e) => {
                let bad_link = e == DomainError::BadLink;
                set_link_bad.set(bad_link);
                let message = if bad_link {
                    let kept = if ev_text.with_untracked(|t| t.trim().is_empty()) {
                        ""
                    } else {
                        " Your writing is still here."
                    };
                    format!("That link can't be added. {}{kept}", sentence(&e))
                } else {
                    sentence(&e)
                };
                feedback.show(Err(message));
                if bad_link {
                    if let Some(i) = link_ref.get_untracked() {
                        let _ = i.focus();
                    }
                } else if let Some(t) = evidence_text_ref.get_untracked() {
                    let _ = t.focus();
                }
            }
        }
    };

    let levels_name = format!("level-{key}");
    let note_id = format!("rate-note-{key}");
    let rate_form_id = format!("rate-form-{key}");
    let ev_form_id = format!("evidence-form-{key}");
    let ev_text_id = format!("evidence-text-{key}");
    let ev_link_id = format!("evidence-link-{key}");
    let ev_link_hint = format!("evidence-link-hint-{key}");
    let ev_share_id = format!("evidence-share-{key}");
    let about = text.clone();

    let level_options = {
        let levels_name = levels_name.clone();
        move || {
            let s = scale.get();
            let total = s.levels.len();
            s.levels
                .into_iter()
                .enumerate()
                .map(|(i, level)| {
                    let i8 = u8::try_from(i).unwrap_or(u8::MAX);
                    let id = format!("{levels_name}-{i}");
                    let words_id = format!("{id}-words");
                    let for_id = id.clone();
                    let described = words_id.clone();
                    view! {
                        <label class="level-option" for=for_id>
                            <input type="radio" id=id name=levels_name.clone()
                                aria-label=level.label.clone()
                                aria-describedby=described
                                prop:checked=move || chosen.get() == Some(i8)
                                on:change=move |_| set_chosen.set(Some(i8))/>
                            <span class="level-text">
                                <span class="level-name">{level.label.clone()}</span>
                                <Pips level=i total/>
                                <span class="level-words" id=words_id>{level.words.clone()}</span>
                            </span>
                        </label>
                    }
                })
                .collect_view()
        }
    };

    let labelled_by = heading_id.clone();
    view! {
        <section class="card target-card" aria-labelledby=labelled_by>
            <h3 id=heading_id class="target-statement" dir="auto">{text}</h3>
            {(!code.is_empty()).then(|| view! { <p class="note target-code" dir="auto">{code}</p> })}
            <div class="side-by-side" role="group" aria-label="My view and my teacher's view">
                <RatingBox who="Me" none_yet="Not rated yet" rating=own scale class="rating-own"/>
                <RatingBox who="My teacher" none_yet="Not rated yet" rating=teacher scale class="rating-teacher"/>
            </div>
            <div class="actions card-actions">
                <button type="button" class="button" node_ref=rate_button
                    aria-label=format!("Rate myself: {}", text_for_hidden(&about))
                    aria-expanded=move || rating_open.get().to_string()
                    aria-controls=rate_form_id.clone()
                    on:click=move |_| set_rating_open.update(|o| *o = !*o)>
                    "Rate myself"
                </button>
                <button type="button" class="button button-quiet" node_ref=evidence_button
                    aria-label=format!("Add evidence: {}", text_for_hidden(&about))
                    aria-expanded=move || evidence_open.get().to_string()
                    aria-controls=ev_form_id.clone()
                    on:click=move |_| set_evidence_open.update(|o| *o = !*o)>
                    "Add evidence"
                </button>
            </div>
            <Show when=move || rating_open.get()>
                <form class="rate-form" id=rate_form_id.clone() on:submit=save_rating novalidate>
                    <fieldset class="levels">
                        <legend>"Where am I now?"</legend>
                        {level_options.clone()}
                    </fieldset>
                    <div class="field">
                        <label for=note_id.clone()>"A note about it (optional)"</label>
                        <textarea id=note_id.clone() class="short-text" rows="2" dir="auto"
                            placeholder="For example: I still mix up the order of events."
                            prop:value=note
                            on:input=move |ev| set_note.set(event_target_value(&ev))></textarea>
                    </div>
                    <div class="actions">
                        <button type="submit" class="button">"Save how I'm doing"</button>
                        <button type="button" class="button button-quiet"
                            on:click=move |_| set_rating_open.set(false)>"Close"</button>
                    </div>
                </form>
            </Show>
            <Show when=move || evidence_open.get()>
                <form class="evidence-form" id=ev_form_id.clone() on:submit=add_evidence novalidate>
                    <div class="field">
                        <label for=ev_text_id.clone()>"What did you do?"</label>
                        <textarea id=ev_text_id.clone() rows="3" dir="auto" node_ref=evidence_text_ref
                            placeholder="For example: I found three clues in chapter 2 and wrote them in my notebook."
                            prop:value=ev_text
                            on:input=move |ev| set_ev_text.set(event_target_value(&ev))></textarea>
                    </div>
                    <div class="field">
                        <label for=ev_link_id.clone()>"Link to my work (optional)"</label>
                        <input type="url" id=ev_link_id.clone() dir="ltr" inputmode="url" autocomplete="off"
                            spellcheck="false" node_ref=link_ref
                            placeholder="https://"
                            aria-describedby=ev_link_hint.clone()
                            aria-invalid=move || link_bad.get().then_some("true")
                            prop:value=ev_link
                            on:input=move |ev| {
                                set_link_bad.set(false);
                                set_ev_link.set(event_target_value(&ev));
                            }/>
                        <span class="note" id=ev_link_hint.clone()>"A web address that starts with https://"</span>
                    </div>
                    <div class="check">
                        <input type="checkbox" id=ev_share_id.clone()
                            prop:checked=ev_share
                            on:change=move |ev| set_ev_share.set(event_target_checked(&ev))/>
                        <label for=ev_share_id.clone()>"Share this with my family"</label>
                    </div>
                    <div class="actions">
                        <button type="submit" class="button">"Add evidence"</button>
                        <button type="button" class="button button-quiet"
                            on:click=move |_| set_evidence_open.set(false)>"Close"</button>
                    </div>
                </form>
            </Show>
            <FeedbackLines feedback/>
            <EvidenceList evidence/>
            <Show when=move || earlier.with(|e| !e.is_empty())>
                <details class="rating-history">
                    <summary>{move || format!("My earlier ratings ({})", earlier.with(Vec::len))}</summary>
                    <ol class="plain-list">
                        {move || earlier.get().into_iter().map(|r| {
                            let label = scale.with(|s| s.level(r.level).map(|l| l.label.clone()))
                                .unwrap_or_else(|| format!("Level {}", r.level + 1));
                            view! {
                                <li>
                                    <strong>{label}</strong>
                                    <span class="note">{format!(" · {}", when(r.meta.created))}</span>
                                    {(!r.note.is_empty()).then(|| view! { <span class="rating-note" dir="auto">{format!("“{}”", r.note)}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </details>
            </Show>
        </section>
    }
}

/// The target's words for a hidden label (kept short so screen readers stay brief).
fn text_for_hidden(text: &str) -> String {
    super::words::preview(text, 80)
}

/// One comment under a piece of evidence: its id, who said it, the words, when.
type Said = (Id, &'static str, String, Timestamp);

/// The evidence attached to one target, newest first.
#[component]
fn EvidenceList(evidence: Memo<Vec<Evidence>>) -> impl IntoView {
    let records = use_records();
    // One pass over the comments for the whole list (a class-year holds thousands),
    // not one per piece of evidence.
    let said = Memo::new(move |_| {
        let ids: std::collections::HashSet<Id> =
            evidence.with(|e| e.iter().map(|e| e.meta.id).collect());
        let mut by: std::collections::HashMap<Id, Vec<Said>> = Default::default();
        if ids.is_empty() {
            return by;
        }
        records.data.with(|d| {
            for c in &d.comments {
                if let CommentOn::Evidence(on) = c.on {
                    if !c.meta.deleted && ids.contains(&on) {
                        let who = if c.is_feedback() {
                            "My teacher"
                        } else if c.is_peer() {
                            "A classmate"
                        } else {
                            "Me"
                        };
                        by.entry(on).or_default().push((
                            c.meta.id,
                            who,
                            c.text.clone(),
                            c.meta.created,
                        ));
                    }
                }
            }
        });
        for list in by.values_mut() {
            list.sort_by_key(|c| (c.3, c.0));
        }
        by
    });
    view! {
        <Show when=move || evidence.with(|e| !e.is_empty())>
            <h4 class="evidence-heading">{move || format!("My evidence ({})", evidence.with(Vec::len))}</h4>
            <ul class="evidence-list">
                <For each=move || evidence.get() key=|e| (e.meta.id, e.meta.updated) let:e>
                    <li class="evidence-item">
                        {(!e.text.is_empty()).then(|| view! { <p class="evidence-text" dir="auto">{e.text.clone()}</p> })}
                        {match safe_link(&e.link) {
                            Some(href) => Some(view! {
                                <p class="evidence-link">
                                    <a href=href.clone() target="_blank" rel="noopener noreferrer" dir="ltr">
                                        {href.clone()}
                                        <span class="visually-hidden">" (opens in a new tab)"</span>
                                    </a>
                                </p>
                            }.into_any()),
                            None if !e.link.is_empty() => Some(view! {
                                <p class="evidence-link note" dir="ltr">{e.link.clone()}</p>
                            }.into_any()),
                            None => None,
                        }}
                        <p class="note evidence-meta">
                            {when(e.meta.created)}
                            {e.family_shared.then_some(" · Shared with my family")}
                        </p>
                        <EvidenceComments said=Signal::derive({
                            let id = e.meta.id;
                            move || said.with(|m| m.get(&id).cloned().unwrap_or_default())
                        })/>
                    </li>
                </For>
            </ul>
        </Show>
    }
}

/// What the teacher (and anyone else) said about one piece of evidence, oldest first.
#[component]
fn EvidenceComments(said: Signal<Vec<Said>>) -> impl IntoView {
    view! {
        <Show when=move || said.with(|v| !v.is_empty())>
            <ul class="evidence-comments" aria-label="What was said about it">
                <For each=move || said.get() key=|c| c.0 let:c>
                    <li class="evidence-comment">
                        <span class="evidence-comment-who">{format!("{}: ", c.1)}</span>
                        <span dir="auto">{c.2}</span>
                        <span class="note">{format!(" · {}", when(c.3))}</span>
                    </li>
                </For>
            </ul>
        </Show>
    }
}
