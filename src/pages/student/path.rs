//! Choose my pathway through each unit, and how I'll show what I learned.
//!
//! One card per unit the teacher opened to this student: the choice board (must-dos and
//! may-dos with their ways in), the student's own path (order, way in, status, note,
//! history), and the product-format menu. The parts live in `path/`:
//! `board` (the choice board and "Start my path"), `steps` (the path itself),
//! `format` (how I'll show what I learned) and `read_aloud` (the "Read to me" player).

mod board;
mod format;
mod read_aloud;
mod steps;

use leptos::prelude::*;

use super::use_student;
use crate::components::{focus_later, Feedback, FeedbackLines, Page};
use crate::domain::pathway::path_for;
use crate::domain::unit::matching_interest;
use crate::domain::{Actor, Ctx, DomainError, Group, Id, LearnerProfile, Pathway, Unit};
use crate::state::{ctx_for, use_records, RecordsState};

/// What the student said they like, from "All about me": used only to suggest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Likes {
    /// Interests ("drawing", "football").
    interests: Vec<String>,
    /// How I like to show what I learned ("making a video").
    show: Vec<String>,
}

impl Likes {
    fn from_profile(p: &LearnerProfile) -> Likes {
        Likes {
            interests: p.interests.clone(),
            show: p.how_i_show.clone(),
        }
    }

    /// A friendly suggestion when one of these texts meets what the student likes.
    pub(crate) fn suggestion(&self, texts: &[&str]) -> Option<String> {
        if let Some(i) = matching_interest(&self.interests, texts) {
            return Some(format!("Matches your interest in {i}"));
        }
        matching_interest(&self.show, texts)
            .map(|s| format!("Matches how you like to show learning: {s}"))
    }
}

/// The student's likes, provided to every card of the page.
#[derive(Clone, Copy)]
pub(crate) struct LikesContext(pub Memo<Likes>);

/// Runs one rule on this student's path in a unit and saves the result. Errors come
/// back as the sentence to show.
pub(crate) fn change_path(
    records: RecordsState,
    student: Id,
    unit_id: Id,
    rule: impl FnOnce(&mut Pathway, &Unit, &[Group], &Ctx) -> Result<(), DomainError>,
) -> Result<(), String> {
    let (path, unit, groups) = records.data.with_untracked(|d| {
        (
            path_for(&d.pathways, student, unit_id).cloned(),
            d.get::<Unit>(unit_id).cloned(),
            d.groups.clone(),
        )
    });
    let (Some(mut path), Some(unit)) = (path, unit) else {
        return Err("We couldn't find this path any more. Please reload the page.".into());
    };
    let ctx = ctx_for(records, Actor::student(student));
    rule(&mut path, &unit, &groups, &ctx).map_err(|e| e.to_string())?;
    records.save(path).map_err(|e| e.to_string())
}

/// The element id of a step's control, unique on the page.
pub(crate) fn step_dom_id(what: &str, unit: Id, activity: Id) -> String {
    format!("{what}-{unit}-{activity}")
}

/// Units open to this student, by start date then title.
fn open_units(records: RecordsState, student: Id) -> Vec<Id> {
    records.data.with(|d| {
        let mut units: Vec<&Unit> = d
            .units
            .iter()
            .filter(|u| u.visible_to(student, &d.groups))
            .collect();
        units.sort_by(|a, b| (a.start, &a.title).cmp(&(b.start, &b.title)));
        units.into_iter().map(|u| u.meta.id).collect()
    })
}

/// The choice boards of the units opened to this student.
#[component]
pub fn PathPage() -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let units = Memo::new(move |_| open_units(records, me.id));
    let likes = Memo::new(move |_| {
        records.data.with(|d| {
            d.students
                .iter()
                .find(|s| s.meta.id == me.id)
                .map(|s| Likes::from_profile(&s.profile))
                .unwrap_or_default()
        })
    });
    provide_context(LikesContext(likes));
    let nothing_open = move || units.with(Vec::is_empty);
    view! {
        <Page title="My path">
            <p class="lead">
                "Choose your activities, put them in the order you like, and pick how you'll show what you learned."
            </p>
            <Show when=nothing_open>
                <section class="card" aria-labelledby="no-units-heading">
                    <h2 id="no-units-heading">"Nothing to choose yet"</h2>
                    <p>"When your teacher opens a unit for you, its choice board will be here."</p>
                </section>
            </Show>
            <For each=move || units.get() key=|id| *id let:unit_id>
                <UnitCard unit_id/>
            </For>
        </Page>
    }
}

/// One unit: its board, the student's path through it, and the format choice.
#[component]
fn UnitCard(unit_id: Id) -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let unit = Memo::new(move |_| records.data.with(|d| d.get::<Unit>(unit_id).cloned()));
    let path = Memo::new(move |_| {
        records
            .data
            .with(|d| path_for(&d.pathways, me.id, unit_id).cloned())
    });
    let has_path = Memo::new(move |_| path.with(Option::is_some));
    let feedback = Feedback::default();
    let heading = format!("unit-{unit_id}");
    let labelled_by = heading.clone();
    let title = move || unit.with(|u| u.as_ref().map(|u| u.title.clone()).unwrap_or_default());
    let description = move || {
        unit.with(|u| {
            u.as_ref()
                .map(|u| u.description.trim().to_string())
                .filter(|d| !d.is_empty())
                .map(|d| view! { <p class="unit-description">{d}</p> })
        })
    };
    view! {
        <section class="card unit-card" aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            {description}
            <FeedbackLines feedback/>
            {move || {
                if has_path.get() {
                    view! {
                        <steps::PathSteps unit_id unit path/>
                        <board::MoreActivities unit_id unit path feedback/>
                        <steps::PathHistory unit path/>
                    }
                    .into_any()
                } else {
                    view! { <board::StartBoard unit_id unit feedback/> }.into_any()
                }
            }}
            <format::FormatSection unit_id unit/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likes_suggest_interests_first_then_how_i_show() {
        let likes = Likes {
            interests: vec!["drawing".into(), "football".into()],
            show: vec!["making a video".into()],
        };
        assert_eq!(
            likes.suggestion(&["Comic", "panels drawn by hand: draw it"]),
            Some("Matches your interest in drawing".into())
        );
        assert_eq!(
            likes.suggestion(&["Video script", "What people see"]),
            Some("Matches how you like to show learning: making a video".into())
        );
        assert_eq!(likes.suggestion(&["Essay", "Paragraphs"]), None);
        assert_eq!(Likes::default().suggestion(&["Comic"]), None);
    }
}
