//! Family PINs in one pass: which children have no family PIN yet, a PIN made for each
//! of them at once, and all their family letters printed together (one page each, in
//! English or Spanish). The PINs are only in memory while this page is open: like a PIN
//! set one at a time, they are stored hashed and can't be shown again.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{Feedback, FeedbackLines};
use crate::domain::pin::pin_from_random;
use crate::domain::Id;
use crate::i18n::Lang;
use crate::pages::family::letter::FamilyLetter;
use crate::state::crypto::random_bytes;
use crate::state::{use_records, use_session, PinScope};

/// One PIN made here: whose, their first name, the PIN.
#[derive(Clone, Debug, PartialEq)]
struct Made {
    id: Id,
    first: String,
    pin: String,
}

/// A new family PIN from the browser's random source.
fn new_pin() -> Result<String, String> {
    // 32 bytes give six usable digits unless 27 of them are 250 or more.
    (0..4)
        .find_map(|_| {
            random_bytes::<32>()
                .map(|b| pin_from_random(&b))
                .transpose()
        })
        .unwrap_or_else(|| Err("Could not make a PIN. Please try again.".into()))
}

/// "Ana, Ben and Chris".
fn names_words(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The teacher's home card: families without a PIN, and making theirs in one pass.
#[component]
pub fn FamilyPins() -> impl IntoView {
    let records = use_records();
    let session = use_session();
    // Children (not archived) whose family can't open the family view yet.
    let missing = Memo::new(move |_| {
        records.data.with(|d| {
            let mut s: Vec<(Id, String)> = d
                .students
                .iter()
                .filter(|s| !s.meta.deleted && !s.archived && !session.family_has_pin(s.meta.id))
                .map(|s| (s.meta.id, s.name.clone()))
                .collect();
            s.sort_by_key(|(_, n)| n.to_lowercase());
            s
        })
    });
    let made = RwSignal::new(Vec::<Made>::new());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let letters = RwSignal::new(None::<Lang>);
    let feedback = Feedback::default();
    let make_all = move |_| {
        if progress.get_untracked().is_some() {
            return;
        }
        let todo: Vec<(Id, String)> = missing.get_untracked();
        let total = todo.len();
        progress.set(Some((0, total)));
        letters.set(None);
        spawn_local(async move {
            let mut done = Vec::new();
            let mut problem = None;
            for (id, name) in todo {
                let result = match new_pin() {
                    Ok(pin) => session
                        .set_pin(PinScope::Family(id), &pin)
                        .await
                        .map(|()| pin),
                    Err(e) => Err(e),
                };
                match result {
                    Ok(pin) => {
                        let first = name.split_whitespace().next().unwrap_or(&name).to_string();
                        done.push(Made { id, first, pin });
                        progress.set(Some((done.len(), total)));
                    }
                    Err(e) => {
                        problem = Some(e);
                        break;
                    }
                }
            }
            let n = done.len();
            made.update(|m| m.extend(done));
            progress.set(None);
            feedback.show(match problem {
                None => Ok(format!(
                    "Made a family PIN for {} {}. Print the letters now: the PINs can't be shown again once you leave this page.",
                    n,
                    if n == 1 { "child" } else { "children" }
                )),
                Some(e) => Err(format!("Made {n} of {total} family PINs, then: {e}")),
            });
        });
    };
    let print = move |lang: Lang| {
        letters.set(Some(lang));
        // Print once the letters are on the page.
        set_timeout(
            || {
                let _ = window().print();
            },
            std::time::Duration::from_millis(150),
        );
    };
    let missing_words = move || {
        missing.with(|m| {
            let names: Vec<String> = m.iter().map(|(_, n)| n.clone()).collect();
            match names.len() {
                0 => "Every family has a PIN for the family view.".to_string(),
                1 => format!(
                    "{}'s family has no PIN yet, so they can't open the family view.",
                    names[0]
                ),
                n => format!(
                    "{n} families have no PIN yet, so they can't open the family view: {}.",
                    names_words(&names)
                ),
            }
        })
    };
    let making = move || {
        progress
            .get()
            .map(|(d, t)| format!("Making family PINs: {d} of {t}…"))
    };
    view! {
        <section class="card family-pins" aria-labelledby="family-pins-heading">
            <h2 id="family-pins-heading">"Family PINs"</h2>
            <p>{missing_words}</p>
            <FeedbackLines feedback/>
            <p class="note" role="status">{making}</p>
            <Show when=move || missing.with(|m| !m.is_empty())>
                <div class="actions">
                    <button type="button" class="button" disabled=move || progress.get().is_some()
                        on:click=make_all>
                        {move || match missing.with(Vec::len) {
                            1 => "Make a family PIN".to_string(),
                            n => format!("Make family PINs for all {n}"),
                        }}
                    </button>
                </div>
            </Show>
            <Show when=move || made.with(|m| !m.is_empty())>
                <table class="family-pins-made">
                    <caption>"Family PINs made now (shown only on this page)"</caption>
                    <thead>
                        <tr><th scope="col">"Child"</th><th scope="col">"Family PIN"</th></tr>
                    </thead>
                    <tbody>
                        <For each=move || made.get() key=|m| m.id let:m>
                            <tr><th scope="row">{m.first.clone()}</th><td class="family-pin-value">{m.pin.clone()}</td></tr>
                        </For>
                    </tbody>
                </table>
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| print(Lang::En)>
                        {move || format!("Print all {} letters", made.with(Vec::len))}
                    </button>
                    <button type="button" class="button button-quiet" lang="es" on:click=move |_| print(Lang::Es)>
                        "Imprimir todas las cartas en español"
                    </button>
                </div>
                {move || letters.get().map(|lang| view! {
                    <div class="family-letters">
                        {made.get().into_iter().map(|m| view! {
                            <FamilyLetter name=m.first pin=m.pin lang title_suffix=format!("-{}", m.id)/>
                        }).collect_view()}
                    </div>
                })}
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_a_sentence() {
        let n = |v: &[&str]| names_words(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(n(&["Ana"]), "Ana");
        assert_eq!(n(&["Ana", "Ben"]), "Ana and Ben");
        assert_eq!(n(&["Ana", "Ben", "Chris"]), "Ana, Ben and Chris");
    }
}
