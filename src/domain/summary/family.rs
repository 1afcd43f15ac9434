//! What a family sees of one child: only teacher-approved goals and what the child chose
//! to share, in plain words ([`family_summary`]) or as values for the family's language
//! ([`family_choices`]). Never anything about other children.

use std::collections::HashMap;

use super::super::comment::{Comment, CommentOn};
use super::super::data::ClassData;
use super::super::evidence::{Evidence, EvidenceFor};
use super::super::format::FormatRef;
use super::super::goal::Goal;
use super::super::ids::Id;
use super::super::pathway::{Pathway, StepStatus};
use super::super::reflection::Reflection;
use super::super::review::ReviewState;
use super::super::unit::Unit;
use super::owned::one_student;

#[cfg(test)]
mod tests;

/// A goal as a family sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyGoal<'a> {
    /// The goal (approved or achieved, shared).
    pub goal: &'a Goal,
    /// "Working on it" or "Achieved".
    pub status: &'static str,
    /// The "I can" statements it works toward.
    pub targets: Vec<&'a str>,
    /// Evidence attached to it.
    pub evidence: Vec<&'a Evidence>,
    /// The teacher's feedback on it.
    pub feedback: Vec<&'a Comment>,
}

/// A pathway as a family sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyPath<'a> {
    /// The unit title.
    pub unit: &'a str,
    /// The chosen activities in the student's order, with plain status words.
    pub steps: Vec<(&'a str, &'static str)>,
    /// Percent done.
    pub percent: u8,
}

/// The family view of one child: only teacher-approved goals and what the student chose
/// to share, in plain words. Never anything about other children.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilySummary<'a> {
    /// The child's display name.
    pub name: &'a str,
    /// Shared approved and achieved goals.
    pub goals: Vec<FamilyGoal<'a>>,
    /// How many of those are achieved.
    pub achieved: usize,
    /// The paths they chose.
    pub paths: Vec<FamilyPath<'a>>,
    /// The products they are making (format names; own ideas only once approved).
    pub products: Vec<String>,
    /// Reflections they shared, newest first.
    pub reflections: Vec<&'a Reflection>,
    /// Other evidence they shared (not on a shared goal), newest first.
    pub evidence: Vec<&'a Evidence>,
    /// "How you can help at home", from the supports of the shared goals, without repeats.
    pub help_at_home: Vec<&'a str>,
}

fn step_words(s: StepStatus) -> &'static str {
    match s {
        StepStatus::NotStarted => "Not started yet",
        StepStatus::Started => "Working on it",
        StepStatus::Done => "Done",
    }
}

/// Builds the family summary of `student`, or `None` if there is no such (active) child.
pub fn family_summary(data: &ClassData, student: Id) -> Option<FamilySummary<'_>> {
    let profile = data
        .students
        .iter()
        .find(|s| s.meta.id == student && !s.meta.deleted)?;
    let o = one_student(data, student);
    let target_text: HashMap<Id, &str> = data
        .targets
        .iter()
        .filter(|t| !t.meta.deleted)
        .map(|t| (t.meta.id, t.text.as_str()))
        .collect();
    let mut goals: Vec<&Goal> = o
        .goals
        .iter()
        .copied()
        .filter(|g| g.family_visible())
        .collect();
    goals.sort_by_key(|g| {
        (
            g.state == ReviewState::Achieved,
            g.date,
            g.meta.created,
            g.meta.id,
        )
    });
    let visible: std::collections::HashSet<Id> = goals.iter().map(|g| g.meta.id).collect();
    let shared_evidence: Vec<&Evidence> = o
        .evidence
        .iter()
        .copied()
        .filter(|e| e.family_shared)
        .collect();
    let teacher_on = |on: CommentOn| -> Vec<&Comment> {
        let mut v: Vec<&Comment> = o
            .comments
            .iter()
            .copied()
            .filter(|c| c.on == on && c.is_feedback())
            .collect();
        v.sort_by_key(|c| (c.meta.created, c.meta.id));
        v
    };
    let mut help_at_home: Vec<&str> = Vec::new();
    let fgoals: Vec<FamilyGoal> = goals
        .iter()
        .map(|g| {
            for s in &g.supports {
                let s = s.trim();
                if !s.is_empty() && !help_at_home.contains(&s) {
                    help_at_home.push(s);
                }
            }
            FamilyGoal {
                goal: g,
                status: g.state.family_label(),
                targets: g
                    .targets
                    .iter()
                    .filter_map(|t| target_text.get(t).copied())
                    .collect(),
                evidence: shared_evidence
                    .iter()
                    .copied()
                    .filter(|e| e.on == EvidenceFor::Goal(g.meta.id))
                    .collect(),
                feedback: teacher_on(CommentOn::Goal(g.meta.id)),
            }
        })
        .collect();
    let units: HashMap<Id, &Unit> = data
        .units
        .iter()
        .filter(|u| !u.meta.deleted)
        .map(|u| (u.meta.id, u))
        .collect();
    let paths = o
        .pathways
        .iter()
        .filter_map(|p| {
            let u = units.get(&p.unit)?;
            Some(FamilyPath {
                unit: u.title.as_str(),
                steps: p
                    .steps
                    .iter()
                    .filter_map(|s| {
                        u.activity(s.activity)
                            .map(|a| (a.title.as_str(), step_words(s.status())))
                    })
                    .collect(),
                percent: p.progress_percent(),
            })
        })
        .collect();
    let custom: HashMap<Id, &str> = data
        .formats
        .iter()
        .filter(|f| !f.meta.deleted)
        .map(|f| (f.meta.id, f.name.as_str()))
        .collect();
    let products = o
        .choices
        .iter()
        .filter(|c| c.counts() && c.goal.is_none_or(|g| visible.contains(&g)))
        .filter_map(|c| match c.format {
            Some(FormatRef::Builtin(b)) => Some(b.name().to_string()),
            Some(FormatRef::Custom(id)) => custom.get(&id).map(|s| s.to_string()),
            None => Some(c.idea.trim().to_string()),
        })
        .collect();
    let mut reflections: Vec<&Reflection> = o
        .reflections
        .iter()
        .copied()
        .filter(|r| r.family_shared)
        .collect();
    reflections.sort_by_key(|r| std::cmp::Reverse((r.meta.created, r.meta.id)));
    let mut evidence: Vec<&Evidence> = shared_evidence
        .iter()
        .copied()
        // Evidence on a goal appears only with that goal, so a draft never shows through.
        .filter(|e| matches!(e.on, EvidenceFor::Target(_)))
        .collect();
    evidence.sort_by_key(|e| std::cmp::Reverse((e.meta.created, e.meta.id)));
    let achieved = goals
        .iter()
        .filter(|g| g.state == ReviewState::Achieved)
        .count();
    Some(FamilySummary {
        name: profile.name.as_str(),
        goals: fgoals,
        achieved,
        paths,
        products,
        reflections,
        evidence,
        help_at_home,
    })
}

/// One step of a path as a family sees it, with its status as a value (the family view
/// puts it into the family's language).
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyStep<'a> {
    /// The activity's title.
    pub activity: &'a str,
    /// Not started, started or done.
    pub status: StepStatus,
}

/// A path a child chose, for the family view in any language.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyPathSteps<'a> {
    /// The unit's title.
    pub unit: &'a str,
    /// The chosen activities in the child's order.
    pub steps: Vec<FamilyStep<'a>>,
    /// Steps done.
    pub done: usize,
    /// Percent done.
    pub percent: u8,
}

/// What a product is, so its name can be put into the family's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FamilyProductKind<'a> {
    /// A format from the built-in menu.
    Builtin(super::super::format::BuiltinFormat),
    /// A format the teacher added, by its name.
    Custom(&'a str),
    /// The child's own idea (shown only once the teacher said OK).
    OwnIdea(&'a str),
}

/// A product a child is making, with their reason.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyProduct<'a> {
    /// The format.
    pub kind: FamilyProductKind<'a>,
    /// The unit it is for, if it is for a unit.
    pub unit: Option<&'a str>,
    /// Why the child chose it, in their words (may be empty).
    pub why: &'a str,
}

/// The parts of the family view whose words depend on the language: paths with step
/// states as values, products with their kind. Same privacy rules as
/// [`family_summary`]: own ideas only once approved, nothing tied to a goal the family
/// cannot see, nothing of another child.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyChoices<'a> {
    /// The paths the child chose, in unit order.
    pub paths: Vec<FamilyPathSteps<'a>>,
    /// The products the child is making.
    pub products: Vec<FamilyProduct<'a>>,
}

/// Builds the paths and products of `student` for the family view, or `None` if there
/// is no such child.
pub fn family_choices(data: &ClassData, student: Id) -> Option<FamilyChoices<'_>> {
    data.students
        .iter()
        .find(|s| s.meta.id == student && !s.meta.deleted)?;
    let o = one_student(data, student);
    let units: HashMap<Id, &Unit> = data
        .units
        .iter()
        .filter(|u| !u.meta.deleted)
        .map(|u| (u.meta.id, u))
        .collect();
    let mut pathways: Vec<(&Pathway, &Unit)> = o
        .pathways
        .iter()
        .filter_map(|p| units.get(&p.unit).map(|u| (*p, *u)))
        .collect();
    pathways.sort_by_key(|(p, u)| (u.start, u.meta.created, p.meta.id));
    let paths = pathways
        .into_iter()
        .map(|(p, u)| FamilyPathSteps {
            unit: u.title.as_str(),
            steps: p
                .steps
                .iter()
                .filter_map(|s| {
                    u.activity(s.activity).map(|a| FamilyStep {
                        activity: a.title.as_str(),
                        status: s.status(),
                    })
                })
                .collect(),
            done: p.steps_done(),
            percent: p.progress_percent(),
        })
        .collect();
    let visible: std::collections::HashSet<Id> = o
        .goals
        .iter()
        .filter(|g| g.family_visible())
        .map(|g| g.meta.id)
        .collect();
    let custom: HashMap<Id, &str> = data
        .formats
        .iter()
        .filter(|f| !f.meta.deleted)
        .map(|f| (f.meta.id, f.name.as_str()))
        .collect();
    let products = o
        .choices
        .iter()
        .filter(|c| c.counts() && c.goal.is_none_or(|g| visible.contains(&g)))
        .filter_map(|c| {
            let kind = match c.format {
                Some(FormatRef::Builtin(b)) => FamilyProductKind::Builtin(b),
                Some(FormatRef::Custom(id)) => FamilyProductKind::Custom(custom.get(&id)?),
                None => FamilyProductKind::OwnIdea(c.idea.trim()),
            };
            Some(FamilyProduct {
                kind,
                unit: c.unit.and_then(|u| units.get(&u)).map(|u| u.title.as_str()),
                why: c.why.trim(),
            })
        })
        .collect();
    Some(FamilyChoices { paths, products })
}
