//! My progress: for each learning target, my own view beside my teacher's (never
//! combined), the evidence I attach, and my reflection journal.

mod journal;
mod target_card;
mod words;

use leptos::prelude::*;

use super::use_student;
use crate::components::Page;
use crate::domain::class::class_scale;
use crate::domain::summary::student_progress;
use crate::domain::{Id, MasteryScale};
use crate::state::use_records;

/// One target as the page lists it: id, "I can …" statement, standard code.
type TargetLine = (Id, String, String);

/// Each target with my own view beside my teacher's, and my reflections.
#[component]
pub fn ProgressPage() -> impl IntoView {
    let records = use_records();
    let me = use_student();
    // Only the list of targets is tracked here; each card follows its own records, so a
    // new rating or a piece of evidence does not rebuild (and reset) the other cards.
    let targets = Memo::new(move |_| {
        records.data.with(|d| {
            student_progress(d, me.id)
                .targets
                .iter()
                .map(|row| {
                    (
                        row.target.meta.id,
                        row.target.text.clone(),
                        row.target.code.clone(),
                    )
                })
                .collect::<Vec<TargetLine>>()
        })
    });
    let scale = Memo::new(move |_| records.data.with(|d| class_scale(&d.classes)));
    let no_targets = move || targets.with(Vec::is_empty);
    view! {
        <Page title="My progress">
            <p class="lead">
                "How you see your learning, right beside how your teacher sees it. Add what you did, and write about it in your journal."
            </p>
            <section class="progress-targets" aria-labelledby="targets-heading">
                <h2 id="targets-heading">"My learning targets"</h2>
                <Show when=move || !no_targets()>
                    <ScaleGuide scale/>
                </Show>
                <Show when=no_targets>
                    <p class="card empty-note">
                        "Your teacher hasn't shared learning targets yet. You can still write in your journal below."
                    </p>
                </Show>
                <ul class="target-cards">
                    <For each=move || targets.get() key=|t| t.clone() let:t>
                        <li>
                            <target_card::TargetCard target=t.0 text=t.1 code=t.2 scale/>
                        </li>
                    </For>
                </ul>
            </section>
            <journal::Journal/>
        </Page>
    }
}

/// What each level of the scale means, in a student's words, folded away until asked.
#[component]
fn ScaleGuide(scale: Memo<MasteryScale>) -> impl IntoView {
    view! {
        <details class="scale-guide">
            <summary>"What do the levels mean?"</summary>
            <ol class="scale-levels">
                {move || {
                    let scale = scale.get();
                    let total = scale.levels.len();
                    scale
                        .levels
                        .into_iter()
                        .enumerate()
                        .map(|(i, level)| {
                            view! {
                                <li>
                                    <span class="level-name">{level.label}</span>
                                    <target_card::Pips level=i total/>
                                    <span class="level-words">{level.words}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <p class="note">
                "Your view and your teacher's view are shown side by side, never mixed into one score. When they are different, that's a good thing to talk about."
            </p>
        </details>
    }
}
