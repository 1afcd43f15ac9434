//! "All about me": the student's learner profile, in their words. Five short lists
//! (interests, strengths, how I like to learn, how I like to show learning, supports I
//! need) edited as chips, and the student's picture. Owned by the student; the teacher
//! uses it to offer matching activities and formats.

use leptos::html;
use leptos::prelude::*;

use super::use_student;
use crate::components::PicturePasswordSetter;
use crate::components::{emoji_drawn, Feedback, FeedbackLines, Page};
use crate::domain::student::{avatar_name, ProfilePart, AVATARS};
use crate::domain::{DomainError, LearnerProfile, Record, StudentProfile};
use crate::state::{use_records, use_session, PinScope};

/// The words around one list: heading, prompt, examples, the add field's label, and what
/// to say when the field is empty.
struct PartWords {
    heading: &'static str,
    prompt: &'static str,
    examples: &'static str,
    add_label: &'static str,
    empty: &'static str,
}

fn words(part: ProfilePart) -> PartWords {
    match part {
        ProfilePart::Interests => PartWords {
            heading: "Things I love",
            prompt: "What do you like doing or learning about?",
            examples: "For example: football, dinosaurs, drawing, space.",
            add_label: "Add something you love",
            empty: "Nothing here yet.",
        },
        ProfilePart::Strengths => PartWords {
            heading: "What I'm good at",
            prompt: "What are you good at, in school or anywhere?",
            examples: "For example: I keep going when it's hard, I notice details.",
            add_label: "Add something you're good at",
            empty: "Nothing here yet.",
        },
        ProfilePart::HowILearn => PartWords {
            heading: "How I like to learn",
            prompt: "When do you learn best?",
            examples: "For example: with a partner, step by step, with pictures and videos.",
            add_label: "Add a way you like to learn",
            empty: "Nothing here yet.",
        },
        ProfilePart::HowIShow => PartWords {
            heading: "How I like to show what I learned",
            prompt: "How do you like to show what you know?",
            examples: "For example: drawing, talking about it, making a video.",
            add_label: "Add a way you like to show learning",
            empty: "Nothing here yet.",
        },
        ProfilePart::Supports => PartWords {
            heading: "What helps me",
            prompt: "What helps you do your best work?",
            examples: "For example: text read aloud, extra time, a quiet corner, a checklist.",
            add_label: "Add something that helps you",
            empty: "Nothing here yet.",
        },
    }
}

use crate::words::sentence;

/// What to say when adding an entry is refused (the typed text stays in the field).
fn refused(error: &DomainError, part: ProfilePart) -> String {
    match error {
        DomainError::Required { .. } => format!(
            "Type a word or two first. {}",
            words(part).examples
        ),
        DomainError::Duplicate(what) => format!("{what} is already on your list."),
        DomainError::TooLong { len, max, .. } => format!(
            "That's {len} characters; each one can be up to {max}. Your words are still in the box, so you can shorten them."
        ),
        other => sentence(other),
    }
}

/// The student's own profile record.
fn my_profile(me: super::StudentSession) -> Option<StudentProfile> {
    use_records()
        .data
        .with_untracked(|d| d.get::<StudentProfile>(me.id).cloned())
}

/// Interests, strengths, how I like to learn and to show learning, supports I need.
#[component]
pub fn AboutMePage() -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let profile = Memo::new(move |_| {
        records.data.with(|d| {
            d.get::<StudentProfile>(me.id)
                .map(|s| s.profile.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <Page title="All about me">
            <p class="lead">
                "Tell your teacher about you: what you love, what you're good at and what helps you learn. Your teacher uses it to offer things that fit you. You can change it any time."
            </p>
            <OtherProfileVersion/>
            <AvatarPicker/>
            <MyPicturePassword/>
            <div class="about-grid">
                {ProfilePart::ALL
                    .into_iter()
                    .map(|part| view! { <ProfileList part profile/> })
                    .collect_view()}
            </div>
        </Page>
    }
}

/// "There is another version of your lists": the profile was saved in another tab (or
/// on another device) at the same moment, and the merge kept the other version whole.
/// Shows what it has that mine has not, to add to mine or leave out.
#[component]
fn OtherProfileVersion() -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let only_there = Memo::new(move |_| {
        records.data.with(|d| {
            let mine = d.get::<StudentProfile>(me.id)?;
            let others = mine.conflict_versions();
            if others.is_empty() {
                return None;
            }
            let mut out: Vec<(ProfilePart, String)> = Vec::new();
            for other in &others {
                for part in ProfilePart::ALL {
                    for entry in other.profile.list(part) {
                        let new = (part, entry.clone());
                        if !mine.profile.list(part).contains(entry) && !out.contains(&new) {
                            out.push(new);
                        }
                    }
                }
            }
            Some(out)
        })
    });
    let feedback = Feedback::default();
    let settle = move |add: bool| {
        let Some(mut s) = my_profile(me) else {
            return;
        };
        let ctx = me.ctx();
        let mut profile = s.profile.clone();
        if add {
            for (part, entry) in only_there.get_untracked().unwrap_or_default() {
                if let Ok((p, _)) = profile.with_entry(part, &entry) {
                    profile = p;
                }
            }
        }
        let result = s
            .set_profile(profile, &ctx)
            .map(|()| s.resolve_conflicts(&ctx))
            .map_err(sentence)
            .and_then(|()| records.save(s).map_err(sentence));
        feedback.show(result.map(|()| {
            if add {
                "Added to your lists.".to_string()
            } else {
                "Kept your lists as they are.".to_string()
            }
        }));
    };
    view! {
        {move || only_there.get().map(|entries| {
            let any = !entries.is_empty();
            view! {
            <section class="card other-version" aria-labelledby="about-other-version">
                <h2 id="about-other-version">"There is another version of your lists"</h2>
                <p>"They were saved in another tab or on another device at the same time. Both are kept until you choose."</p>
                {if entries.is_empty() {
                    view! { <p>"The other version has nothing that yours doesn't."</p> }.into_any()
                } else {
                    view! {
                        <p>"Only in the other version:"</p>
                        <ul>
                            {entries.into_iter().map(|(part, e)| view! {
                                <li dir="auto">{format!("{}: {e}", words(part).heading)}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <div class="actions">
                    {any.then(|| view! {
                        <button type="button" class="button" on:click=move |_| settle(true)>"Add them to mine"</button>
                    })}
                    <button type="button" class="button button-quiet" on:click=move |_| settle(false)>"Keep mine as it is"</button>
                </div>
            </section>
        }})}
        <FeedbackLines feedback/>
    }
}

/// One list of "All about me": its chips with remove buttons, and a field to add one.
#[component]
fn ProfileList(part: ProfilePart, profile: Memo<LearnerProfile>) -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let w = words(part);
    let key = part.key();
    let heading_id = format!("about-{key}");
    let input_id = format!("about-{key}-new");
    let hint_id = format!("about-{key}-hint");
    let entries = Memo::new(move |_| profile.with(|p| p.list(part).to_vec()));
    let draft = crate::state::drafts::kept(format!("{}:about-{key}", me.id));
    let set_draft = draft.write_only();
    let feedback = Feedback::default();
    let input = NodeRef::<html::Input>::new();

    let save = move |new_profile: LearnerProfile| -> Result<(), String> {
        let Some(mut s) = my_profile(me) else {
            return Err("We couldn't find your profile on this device.".into());
        };
        s.set_profile(new_profile, &me.ctx()).map_err(sentence)?;
        records.save(s).map_err(sentence)
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = profile
            .with_untracked(|p| p.with_entry(part, &draft.get_untracked()))
            .map_err(|e| refused(&e, part))
            .and_then(|(p, added)| save(p).map(|()| added));
        match result {
            Ok(added) => {
                set_draft.set(String::new());
                feedback.show(Ok(format!("Added “{added}”.")));
            }
            Err(e) => feedback.show(Err(e)),
        }
        if let Some(i) = input.get_untracked() {
            let _ = i.focus();
        }
    };
    let remove = move |entry: String| {
        let result = save(profile.with_untracked(|p| p.without_entry(part, &entry)));
        feedback.show(result.map(|()| format!("Took “{entry}” off your list.")));
        // The chip and its button are gone: the add field is the next sensible place.
        if let Some(i) = input.get_untracked() {
            let _ = i.focus();
        }
    };
    let labelled_by = heading_id.clone();
    let for_input = input_id.clone();
    let described = hint_id.clone();
    view! {
        <section class="card about-part" aria-labelledby=labelled_by>
            <h2 id=heading_id>{w.heading}</h2>
            <p class="about-prompt">{w.prompt}</p>
            <Show
                when=move || entries.with(|e| !e.is_empty())
                fallback=move || view! { <p class="note">{w.empty}</p> }
            >
                <ul class="chips" aria-label=w.heading>
                    <For each=move || entries.get() key=|e| e.clone() let:entry>
                        {
                            let label = format!("Remove {entry}");
                            let gone = entry.clone();
                            view! {
                                <li class="chip">
                                    <span class="chip-text" dir="auto">{entry}</span>
                                    <button type="button" class="chip-remove" aria-label=label
                                        on:click=move |_| remove(gone.clone())>
                                        <span aria-hidden="true">"×"</span>
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
            <form class="chip-add" on:submit=add novalidate>
                <div class="field">
                    <label for=for_input>{w.add_label}</label>
                    <div class="chip-add-row">
                        <input type="text" id=input_id dir="auto" autocomplete="off" node_ref=input
                            aria-describedby=described
                            prop:value=draft
                            on:input=move |ev| set_draft.set(event_target_value(&ev))/>
                        <button type="submit" class="button" aria-label=format!("Add: {}", w.heading)>"Add"</button>
                    </div>
                    <span class="note" id=hint_id>{w.examples}</span>
                </div>
            </form>
            <FeedbackLines feedback/>
        </section>
    }
}

/// The student's picture: one of a set of emoji, chosen with a radio group. Only the
/// picture changes here; the name stays as the teacher wrote it.
#[component]
fn AvatarPicker() -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let current = Memo::new(move |_| {
        records.data.with(|d| {
            d.get::<StudentProfile>(me.id)
                .map(|s| s.avatar.clone())
                .unwrap_or_default()
        })
    });
    let feedback = Feedback::default();
    let choose = move |emoji: &'static str, name: &'static str| {
        if current.get_untracked() == emoji {
            return;
        }
        let result = match my_profile(me) {
            Some(mut s) => s
                .set_avatar(emoji, &me.ctx())
                .map_err(sentence)
                .and_then(|()| records.save(s).map_err(sentence)),
            None => Err("We couldn't find your profile on this device.".into()),
        };
        feedback.show(result.map(|()| format!("Your picture is now the {}.", name.to_lowercase())));
    };
    let now_showing = move || {
        let a = current.get();
        match avatar_name(&a) {
            Some(name) => format!("Your picture now: {}", name.to_lowercase()),
            None if a.is_empty() => "You haven't chosen a picture yet.".to_string(),
            None => "Your teacher chose this picture for you.".to_string(),
        }
    };
    view! {
        <section class="card avatar-part" aria-labelledby="about-picture">
            <h2 id="about-picture">"My picture"</h2>
            <div class="avatar-now">
                {move || emoji_drawn().then(|| view! {
                    <span class="avatar avatar-large" aria-hidden="true">{current.get()}</span>
                })}
                <span>{now_showing}</span>
            </div>
            <fieldset class="avatar-choices">
                <legend>"Choose a picture for your name card"</legend>
                <div class="avatar-grid">
                    {AVATARS
                        .iter()
                        .map(|&(emoji, name)| {
                            let id = format!("avatar-{}", name.to_lowercase().replace(' ', "-"));
                            let for_id = id.clone();
                            view! {
                                <div class="avatar-option">
                                    <input type="radio" name="avatar" id=id
                                        prop:checked=move || current.get() == emoji
                                        on:change=move |_| choose(emoji, name)/>
                                    <label for=for_id>
                                        {if emoji_drawn() {
                                            view! {
                                                <span class="avatar-emoji" aria-hidden="true">{emoji}</span>
                                                <span class="visually-hidden">{name}</span>
                                            }.into_any()
                                        } else {
                                            // No emoji font here: the word, never an empty box.
                                            view! { <span class="avatar-word">{name}</span> }.into_any()
                                        }}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <FeedbackLines feedback/>
        </section>
    }
}

/// The student's own picture password: three pictures in order instead of a PIN (or
/// instead of nothing). Hashed and counted like a PIN.
#[component]
fn MyPicturePassword() -> impl IntoView {
    let me = use_student();
    let session = use_session();
    let state = move || {
        if session.student_has_pictures(me.id) {
            "You have a picture password. To change it, choose new pictures here."
        } else if session.student_has_pin(me.id) {
            "You have a PIN. You can use 3 pictures instead: choose them here."
        } else {
            "Keep your pages yours: choose 3 pictures. Each time you start, choose them again in the same order."
        }
    };
    view! {
        <section class="card" aria-labelledby="about-picture-password">
            <h2 id="about-picture-password">"My picture password"</h2>
            <p>{state}</p>
            <PicturePasswordSetter scope=PinScope::Student(me.id) label="My new picture password"
                done="Your picture password is set. Remember your 3 pictures and their order!"/>
            <p class="note">"Forgot it? Your teacher can remove it or give you a new one."</p>
        </section>
    }
}
