//! One part of the goal builder, folded when it is not the part to write now.
//!
//! A goal has six parts; all of them open at once made a page of about 3,000 px. The
//! builder opens the first part not written yet (and any part the teacher marked or
//! commented on); every other part is its heading, a line with what it says so far, and
//! what the teacher said about it. The heading is a button (the accordion pattern:
//! `aria-expanded` on a button inside the heading), so headings stay in order and each
//! part opens by keyboard. "Next" closes the part and opens the one after.

use leptos::prelude::*;

use super::builder::{TeacherMark, TeacherNotes};
use super::words::{field_name, TeacherNote};
use crate::domain::{GoalField, GoalText};

/// The six parts, in the builder's order.
pub const PARTS: [GoalField; 6] = [
    GoalField::Targets,
    GoalField::IWill,
    GoalField::SuccessCriteria,
    GoalField::Plan,
    GoalField::Supports,
    GoalField::Date,
];

/// The short key of a part, used in element ids ("step-targets", "part-targets").
pub fn part_key(field: GoalField) -> &'static str {
    match field {
        GoalField::Targets => "targets",
        GoalField::IWill => "i-will",
        GoalField::SuccessCriteria => "criteria",
        GoalField::Plan => "plan",
        GoalField::Supports => "supports",
        GoalField::Date => "date",
        GoalField::Format => "goal",
    }
}

/// Whether a part has something written in it. With no learning targets to pick from,
/// the targets part has nothing to do.
pub fn part_written(field: GoalField, text: &GoalText, targets_to_pick: bool) -> bool {
    match field {
        GoalField::Targets => !targets_to_pick || !text.targets.is_empty(),
        GoalField::IWill => !text.i_will.trim().is_empty(),
        GoalField::SuccessCriteria => !text.criteria.is_empty(),
        GoalField::Plan => !text.plan.is_empty(),
        GoalField::Supports => !text.supports.is_empty(),
        GoalField::Date => text.date.is_some(),
        GoalField::Format => true,
    }
}

/// Which parts start open: the first part not written yet, and every part the teacher
/// marked or wrote about (`flagged`). Nothing else: the rest waits, folded.
pub fn parts_open_first(written: [bool; 6], flagged: [bool; 6]) -> [bool; 6] {
    let first_unwritten = written.iter().position(|w| !w);
    std::array::from_fn(|i| flagged[i] || Some(i) == first_unwritten)
}

/// What a folded part says so far, in the student's own words.
pub fn part_summary(field: GoalField, text: &GoalText, target_names: &[String]) -> String {
    let list = |items: &[String], empty: &str| match items {
        [] => empty.to_string(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} (and {} more)", rest.len()),
    };
    match field {
        GoalField::Targets => list(target_names, "Nothing picked yet."),
        GoalField::IWill if text.i_will.trim().is_empty() => "Not written yet.".into(),
        GoalField::IWill => text.i_will.trim().to_string(),
        GoalField::SuccessCriteria => list(&text.criteria, "Not written yet."),
        GoalField::Plan => list(&text.plan, "Not written yet."),
        GoalField::Supports => list(
            &text.supports,
            "Nothing yet. That's fine if you don't need help.",
        ),
        GoalField::Date => text.date.map_or_else(
            || "No date yet.".to_string(),
            |d| format!("By {}", super::words::readable_day(d)),
        ),
        GoalField::Format => String::new(),
    }
}

/// One part: its heading (the button that opens and closes it), what it says so far
/// when folded, the teacher's mark and notes (always shown), and the part itself.
#[component]
pub fn GoalPart(
    /// Which part.
    field: GoalField,
    /// Its number in the builder (1–6).
    number: u8,
    /// Open or folded.
    open: RwSignal<bool>,
    /// What it says so far, shown while folded.
    #[prop(into)]
    summary: Signal<String>,
    /// The teacher changed this part with the student.
    #[prop(into)]
    marked: Signal<bool>,
    /// What the teacher said about this part.
    #[prop(into)]
    notes: Signal<Vec<TeacherNote>>,
    /// "Next": the part after this one, opened by the button at the end.
    #[prop(optional_no_strip)]
    next: Option<(GoalField, Callback<()>)>,
    children: Children,
) -> impl IntoView {
    let key = part_key(field);
    let heading_id = format!("step-{key}");
    let body_id = format!("part-{key}");
    let summary_id = format!("part-{key}-so-far");
    let labelled_by = heading_id.clone();
    view! {
        <section class="card goal-step" class:goal-step-open=move || open.get() aria-labelledby=labelled_by>
            <h2 id=heading_id class="goal-step-heading">
                <button type="button" class="goal-step-toggle" id=format!("toggle-{key}")
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls=body_id.clone()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    <span class="step-number" aria-hidden="true">{number}</span>
                    <span class="goal-step-title">{field_name(field)}</span>
                    <span class="fold-mark" aria-hidden="true">{move || if open.get() { "▾" } else { "▸" }}</span>
                </button>
            </h2>
            <Show when=move || !open.get()>
                <p class="goal-step-so-far" id=summary_id.clone() dir="auto">{move || summary.get()}</p>
            </Show>
            <TeacherMark show=marked/>
            <TeacherNotes notes/>
            <div class="goal-step-body" id=body_id prop:hidden=move || !open.get()>
                {children()}
                {next.map(|(after, go)| view! {
                    <div class="actions goal-step-next">
                        <button type="button" class="button" on:click=move |_| go.run(())>
                            {format!("Next: {}", field_name(after))}
                        </button>
                    </div>
                })}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Day;

    #[test]
    fn the_first_part_not_written_opens_with_the_ones_the_teacher_flagged() {
        let none = [false; 6];
        assert_eq!(
            parts_open_first(none, none),
            [true, false, false, false, false, false],
            "a new goal opens at its first part"
        );
        let two_written = [true, true, false, false, false, false];
        assert_eq!(
            parts_open_first(two_written, none),
            [false, false, true, false, false, false]
        );
        let flagged = [false, false, false, false, true, false];
        assert_eq!(
            parts_open_first([true; 6], flagged),
            flagged,
            "a whole goal opens only where the teacher said something"
        );
        assert_eq!(parts_open_first([true; 6], none), none);
    }

    #[test]
    fn a_folded_part_says_what_it_holds_in_the_students_words() {
        let mut t = GoalText {
            targets: vec![],
            i_will: "  ".into(),
            criteria: vec![],
            plan: vec!["Pick a book".into(), "Read".into(), "Retell".into()],
            supports: vec![],
            date: None,
        };
        assert!(!part_written(GoalField::Targets, &t, true));
        assert!(part_written(GoalField::Targets, &t, false));
        assert!(!part_written(GoalField::IWill, &t, true));
        assert!(part_written(GoalField::Plan, &t, true));
        assert_eq!(part_summary(GoalField::IWill, &t, &[]), "Not written yet.");
        assert_eq!(
            part_summary(GoalField::Plan, &t, &[]),
            "Pick a book (and 2 more)"
        );
        assert_eq!(
            part_summary(GoalField::Targets, &t, &["I can retell".into()]),
            "I can retell"
        );
        assert!(part_summary(GoalField::Supports, &t, &[]).contains("fine"));
        t.date = Some(Day::parse("2031-06-15").unwrap());
        assert_eq!(part_summary(GoalField::Date, &t, &[]), "By 15 June 2031");
        assert!(part_written(GoalField::Date, &t, true));
    }
}
