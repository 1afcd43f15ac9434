//! My learning home: what am I working on, what's next, what's waiting for my teacher,
//! what did my teacher say, how am I doing. One obvious next step.

use leptos::prelude::*;

use super::{first_name, use_student};
use crate::components::{Link, Page};
use crate::domain::summary::{student_progress, QueueKind};
use crate::domain::{ClassData, CommentOn, Id, ReviewState};
use crate::state::{use_records, StudentView};

/// The one thing the home suggests first.
#[derive(Clone, Debug, PartialEq)]
pub enum NextUp {
    /// The teacher asked for changes to this goal ("I will …").
    Revise(Id, String),
    /// The next step on a path: unit title, activity title.
    Step(String, String),
    /// A unit is open but has no path yet.
    ChoosePath(String),
    /// A goal is still a draft.
    FinishDraft(Id, String),
    /// No goal at all yet.
    FirstGoal,
    /// Nothing is waiting on the student.
    CaughtUp,
}

/// What the home shows, computed once per change of the record.
#[derive(Clone, Debug, PartialEq)]
pub struct HomeModel {
    /// The student's first name.
    pub name: String,
    /// The suggested next step.
    pub next: NextUp,
    /// Each path: unit title, percent done, the next activity if any.
    pub working: Vec<(String, u8, Option<String>)>,
    /// What is waiting for the teacher, in words.
    pub waiting: Vec<String>,
    /// The teacher's latest words and what they are about.
    pub feedback: Vec<(String, String)>,
    /// Goals per state.
    pub counts: [usize; 5],
}

fn goal_words(d: &ClassData, id: Id) -> String {
    d.goals
        .iter()
        .find(|g| g.meta.id == id)
        .map(|g| {
            // The "I will" sentence is stored whole, starter included.
            if g.i_will.trim().is_empty() {
                "A goal without words yet".to_string()
            } else {
                g.i_will.trim().to_string()
            }
        })
        .unwrap_or_else(|| "A goal".into())
}

/// Builds the home for one student (pure, tested on the host).
pub fn home_model(d: &ClassData, student: Id) -> HomeModel {
    let name = d
        .students
        .iter()
        .find(|s| s.meta.id == student)
        .map(first_name)
        .unwrap_or_default();
    let p = student_progress(d, student);
    let working: Vec<(String, u8, Option<String>)> = d
        .pathways
        .iter()
        .filter(|pw| pw.student == student && !pw.meta.deleted)
        .filter_map(|pw| {
            let unit = d
                .units
                .iter()
                .find(|u| u.meta.id == pw.unit && !u.meta.deleted)?;
            let next = pw
                .next_step()
                .and_then(|s| unit.activity(s.activity))
                .map(|a| a.title.clone());
            Some((unit.title.clone(), pw.progress_percent(), next))
        })
        .collect();
    let open_units: Vec<String> = d
        .units
        .iter()
        .filter(|u| u.visible_to(student, &d.groups))
        .filter(|u| {
            !d.pathways
                .iter()
                .any(|pw| pw.student == student && pw.unit == u.meta.id && !pw.meta.deleted)
        })
        .map(|u| u.title.clone())
        .collect();
    let mine = || {
        d.goals
            .iter()
            .filter(move |g| g.student == student && !g.meta.deleted)
    };
    let next = if let Some(g) = p.changes_requested.first() {
        NextUp::Revise(g.meta.id, goal_words(d, g.meta.id))
    } else if let Some(n) = p.next_steps.first() {
        NextUp::Step(n.unit.title.clone(), n.activity.title.clone())
    } else if let Some(u) = open_units.first() {
        NextUp::ChoosePath(u.clone())
    } else if let Some(g) = mine()
        .filter(|g| g.state == ReviewState::Draft)
        .max_by_key(|g| g.meta.updated)
    {
        NextUp::FinishDraft(g.meta.id, goal_words(d, g.meta.id))
    } else if mine().next().is_none() {
        NextUp::FirstGoal
    } else {
        NextUp::CaughtUp
    };
    let waiting = p
        .waiting
        .iter()
        .map(|w| match w.kind {
            QueueKind::Goal => format!("Your goal: {}", goal_words(d, w.record)),
            QueueKind::AchievementClaim => {
                format!("You said you did it: {}", goal_words(d, w.record))
            }
            QueueKind::OwnIdea => "Your own idea for showing what you learned".to_string(),
            QueueKind::Help => "Your help request".to_string(),
        })
        .collect();
    let feedback = p
        .latest_feedback
        .iter()
        .map(|c| {
            let about = match c.on {
                CommentOn::Goal(g) => format!("About {}", goal_words(d, g)),
                CommentOn::Evidence(_) => "About your evidence".to_string(),
                CommentOn::Format(_) => "About how you'll show your learning".to_string(),
            };
            (c.text.clone(), about)
        })
        .collect();
    HomeModel {
        name,
        next,
        working,
        waiting,
        feedback,
        counts: p.goals_by_state,
    }
}

/// "2 achieved · 1 approved · …" for the goal counts that are not zero.
fn counts_line(counts: &[usize; 5]) -> String {
    let parts: Vec<String> = ReviewState::ALL
        .iter()
        .filter(|s| counts[s.index()] > 0)
        .map(|s| format!("{} {}", counts[s.index()], s.label()))
        .collect();
    parts.join(" · ")
}

/// The student's home.
#[component]
pub fn StudentHome() -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let model = Memo::new(move |_| records.data.with(|d| home_model(d, me.id)));
    let title = model.with_untracked(|m| format!("Hi, {}", m.name));
    view! {
        <Page title=title>
            <section class="card next-up" aria-labelledby="next-heading">
                <h2 id="next-heading">"Next up"</h2>
                {move || next_up(me.id, model.with(|m| m.next.clone()))}
            </section>
            <div class="home-grid">
                <section class="card" aria-labelledby="working-heading">
                    <h2 id="working-heading">"What I'm working on"</h2>
                    {move || {
                        let working = model.with(|m| m.working.clone());
                        if working.is_empty() {
                            view! { <p>"You haven't chosen a path yet."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list">
                                    {working.into_iter().map(|(unit, percent, next)| view! {
                                        <li class="path-summary">
                                            <span class="path-unit">{unit}</span>
                                            <span class="progress-line" aria-hidden="true">
                                                <span class=format!("bar pct-{}", (percent.min(100) / 10) * 10)></span>
                                            </span>
                                            <span class="path-percent">{format!("{percent}% done")}</span>
                                            {next.map(|n| view! { <span class="path-next">{format!("Next: {n}")}</span> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }}
                    <p><Link to=me.path(StudentView::Path)>"Go to my path"</Link></p>
                </section>
                <section class="card" aria-labelledby="waiting-heading">
                    <h2 id="waiting-heading">"Waiting for my teacher"</h2>
                    {move || {
                        let waiting = model.with(|m| m.waiting.clone());
                        if waiting.is_empty() {
                            view! { <p>"Nothing is waiting right now."</p> }.into_any()
                        } else {
                            view! { <ul class="plain-list">{waiting.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul> }.into_any()
                        }
                    }}
                </section>
                <section class="card" aria-labelledby="said-heading">
                    <h2 id="said-heading">"What my teacher said"</h2>
                    {move || {
                        let feedback = model.with(|m| m.feedback.clone());
                        if feedback.is_empty() {
                            view! { <p>"No comments yet."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list">
                                    {feedback.into_iter().map(|(text, about)| view! {
                                        <li class="teacher-said">
                                            <blockquote>{text}</blockquote>
                                            <span class="note">{about}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }}
                </section>
                <section class="card" aria-labelledby="doing-heading">
                    <h2 id="doing-heading">"How I'm doing"</h2>
                    {move || {
                        let line = model.with(|m| counts_line(&m.counts));
                        if line.is_empty() {
                            view! { <p>"No goals yet."</p> }.into_any()
                        } else {
                            view! { <p>{format!("My goals: {line}")}</p> }.into_any()
                        }
                    }}
                    <p><Link to=me.path(StudentView::Progress)>"See my progress"</Link></p>
                </section>
            </div>
        </Page>
    }
}

fn next_up(student: Id, next: NextUp) -> AnyView {
    let (text, to, action) = match next {
        NextUp::Revise(g, words) => (
            format!("Your teacher asked for changes to “{words}”."),
            StudentView::Goal(g),
            "See what they said",
        ),
        NextUp::Step(unit, activity) => (
            format!("Next on your path in {unit}: {activity}."),
            StudentView::Path,
            "Go to my path",
        ),
        NextUp::ChoosePath(unit) => (
            format!("{unit} is ready for you. Choose your path through it."),
            StudentView::Path,
            "Choose my path",
        ),
        NextUp::FinishDraft(g, words) => (
            format!("You started a goal: “{words}”."),
            StudentView::Goal(g),
            "Keep writing my goal",
        ),
        NextUp::FirstGoal => (
            "Set a goal with your teacher: what you want to get better at, and how you'll know."
                .to_string(),
            StudentView::Goals,
            "Set my first goal",
        ),
        NextUp::CaughtUp => (
            "You're all caught up. How about a reflection on what went well?".to_string(),
            StudentView::Progress,
            "Write a reflection",
        ),
    };
    view! {
        <p class="next-text">{text}</p>
        <Link to=to.path(student) class="button">{action}</Link>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::demo_class;
    use crate::domain::Day;

    #[test]
    fn every_sample_student_gets_a_home_and_one_next_step() {
        let d = demo_class(7, Day(20_000), "dev1");
        assert!(!d.students.is_empty());
        for s in &d.students {
            let m = home_model(&d, s.meta.id);
            assert!(!m.name.is_empty());
            assert!(!m.name.contains(' '), "first name only: {}", m.name);
        }
    }

    #[test]
    fn changes_requested_comes_first_then_the_path() {
        let d = demo_class(7, Day(20_000), "dev1");
        let with_changes = d
            .goals
            .iter()
            .find(|g| g.state == ReviewState::ChangesRequested)
            .expect("the sample has a goal with changes requested");
        let m = home_model(&d, with_changes.student);
        assert!(matches!(m.next, NextUp::Revise(g, _) if g == with_changes.meta.id));
    }

    #[test]
    fn a_new_student_is_asked_for_a_path_or_a_first_goal() {
        let mut d = demo_class(7, Day(20_000), "dev1");
        let ctx = crate::domain::record::testing::teacher_ctx();
        let s = crate::domain::StudentProfile::new(Id::new_v4(), "Nia Brown", "", &ctx).unwrap();
        let sid = s.meta.id;
        d.students.push(s);
        let m = home_model(&d, sid);
        assert_eq!(m.name, "Nia");
        assert!(
            matches!(m.next, NextUp::ChoosePath(_) | NextUp::FirstGoal),
            "{:?}",
            m.next
        );
        assert!(m.working.is_empty() && m.waiting.is_empty() && m.feedback.is_empty());
        d.units.clear();
        assert_eq!(home_model(&d, sid).next, NextUp::FirstGoal);
    }
}
