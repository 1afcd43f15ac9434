//! What the family view shows, as plain owned data built from the domain's
//! [`family_summary`] and [`family_choices`] (which decide what a family may see).
//! Words are not chosen here: states stay values, so the view can say them in the
//! family's language.

use crate::domain::summary::{family_choices, family_summary, FamilyProductKind};
use crate::domain::validate;
use crate::domain::{BuiltinFormat, ClassData, Day, Id, Prompt, StepStatus};

/// One child's view for their family.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyModel {
    /// The whole display name (on the report).
    pub full_name: String,
    /// The first name (in sentences).
    pub name: String,
    /// Paths through units, in unit order.
    pub paths: Vec<PathItem>,
    /// Products being made.
    pub products: Vec<ProductItem>,
    /// Approved and achieved goals the child shares, working-on first.
    pub goals: Vec<GoalItem>,
    /// How many of those goals are achieved.
    pub achieved: usize,
    /// "How you can help at home", from the goals' supports, without repeats.
    pub help_at_home: Vec<String>,
    /// Reflections the child shared, newest first.
    pub reflections: Vec<ReflectionItem>,
    /// Other work the child shared, newest first.
    pub evidence: Vec<EvidenceItem>,
}

/// A path through one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct PathItem {
    /// The unit's title.
    pub unit: String,
    /// Activity titles with their states, in the child's order.
    pub steps: Vec<(String, StepStatus)>,
    /// Steps done.
    pub done: usize,
    /// Percent done.
    pub percent: u8,
}

/// What a product is called.
#[derive(Clone, Debug, PartialEq)]
pub enum ProductName {
    /// From the built-in menu: named in the family's language.
    Builtin(BuiltinFormat),
    /// Named by the teacher.
    Custom(String),
    /// The child's own idea, in their words.
    OwnIdea(String),
}

/// A product the child is making.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductItem {
    /// Its name.
    pub name: ProductName,
    /// The unit it is for.
    pub unit: Option<String>,
    /// The child's reason (may be empty).
    pub why: String,
}

/// A goal, as the family sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalItem {
    /// The goal's id (stable key).
    pub id: Id,
    /// "I will …".
    pub i_will: String,
    /// Achieved (else: working on it).
    pub achieved: bool,
    /// The "I can" statements it works toward.
    pub targets: Vec<String>,
    /// "I'll know I've got it when …".
    pub criteria: Vec<String>,
    /// The plan's steps.
    pub plan: Vec<String>,
    /// The date the child aims for.
    pub date: Option<Day>,
    /// The teacher's feedback, oldest first.
    pub feedback: Vec<String>,
    /// Work shared on this goal.
    pub evidence: Vec<EvidenceItem>,
}

/// A shared reflection.
#[derive(Clone, Debug, PartialEq)]
pub struct ReflectionItem {
    /// Stable key.
    pub id: Id,
    /// The question it answers.
    pub prompt: Prompt,
    /// The child's words.
    pub text: String,
    /// The day it was written.
    pub day: Day,
}

/// A piece of shared work.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceItem {
    /// Stable key.
    pub id: Id,
    /// What it is, in the child's words.
    pub text: String,
    /// A web link, only if it is safe to offer as one (http or https).
    pub link: Option<String>,
}

fn nonempty(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn evidence_item(e: &crate::domain::Evidence) -> EvidenceItem {
    EvidenceItem {
        id: e.meta.id,
        text: e.text.trim().to_string(),
        // Checked when saved; checked again because imported data may be anything.
        link: (!e.link.is_empty())
            .then(|| validate::link(&e.link).ok())
            .flatten(),
    }
}

/// The first word of a name ("Ana" of "Ana García"), or the name itself.
pub fn first_name(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_string()
}

/// Builds the family view of `student`, or `None` when there is no such child.
pub fn build(data: &ClassData, student: Id) -> Option<FamilyModel> {
    let s = family_summary(data, student)?;
    let c = family_choices(data, student)?;
    Some(FamilyModel {
        full_name: s.name.trim().to_string(),
        name: first_name(s.name),
        paths: c
            .paths
            .iter()
            .map(|p| PathItem {
                unit: p.unit.to_string(),
                steps: p
                    .steps
                    .iter()
                    .map(|st| (st.activity.to_string(), st.status))
                    .collect(),
                done: p.done,
                percent: p.percent,
            })
            .collect(),
        products: c
            .products
            .iter()
            .map(|p| ProductItem {
                name: match p.kind {
                    FamilyProductKind::Builtin(b) => ProductName::Builtin(b),
                    FamilyProductKind::Custom(n) => ProductName::Custom(n.to_string()),
                    FamilyProductKind::OwnIdea(i) => ProductName::OwnIdea(i.to_string()),
                },
                unit: p.unit.map(str::to_string),
                why: p.why.to_string(),
            })
            .collect(),
        goals: s
            .goals
            .iter()
            .map(|g| GoalItem {
                id: g.goal.meta.id,
                i_will: g.goal.i_will.trim().to_string(),
                achieved: g.goal.state == crate::domain::ReviewState::Achieved,
                targets: g.targets.iter().map(|t| t.to_string()).collect(),
                criteria: nonempty(&g.goal.criteria),
                plan: nonempty(&g.goal.plan),
                date: g.goal.date,
                feedback: g
                    .feedback
                    .iter()
                    .map(|c| c.text.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect(),
                evidence: g.evidence.iter().map(|e| evidence_item(e)).collect(),
            })
            .collect(),
        achieved: s.achieved,
        help_at_home: s.help_at_home.iter().map(|h| h.to_string()).collect(),
        reflections: s
            .reflections
            .iter()
            .map(|r| ReflectionItem {
                id: r.meta.id,
                prompt: r.prompt,
                text: r.text.trim().to_string(),
                day: r.meta.created.day(),
            })
            .collect(),
        evidence: s.evidence.iter().map(|e| evidence_item(e)).collect(),
    })
}

/// The CSS class for a progress bar of `percent` (in steps of ten: the CSP forbids
/// inline widths).
pub fn percent_class(percent: u8) -> &'static str {
    const CLASSES: [&str; 11] = [
        "bar pct-0",
        "bar pct-10",
        "bar pct-20",
        "bar pct-30",
        "bar pct-40",
        "bar pct-50",
        "bar pct-60",
        "bar pct-70",
        "bar pct-80",
        "bar pct-90",
        "bar pct-100",
    ];
    let tens = (usize::from(percent.min(100)) + 5) / 10;
    CLASSES[tens.min(10)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::demo_class;
    use crate::domain::ReviewState;

    fn demo() -> ClassData {
        demo_class(11, Day::from_ymd(2026, 3, 1).unwrap(), "d1")
    }

    #[test]
    fn shows_only_approved_goals_of_this_child() {
        let d = demo();
        let mut seen_any = false;
        for s in d.active_students() {
            let m = build(&d, s.meta.id).expect("a child of the class");
            assert_eq!(m.full_name, s.name.trim());
            let visible: Vec<&str> = d
                .goals
                .iter()
                .filter(|g| g.student == s.meta.id && !g.meta.deleted)
                .filter(|g| matches!(g.state, ReviewState::Approved | ReviewState::Achieved))
                .filter(|g| g.family_shared)
                .map(|g| g.i_will.trim())
                .collect();
            let shown: Vec<&str> = m.goals.iter().map(|g| g.i_will.as_str()).collect();
            assert_eq!(shown.len(), visible.len());
            assert!(shown.iter().all(|g| visible.contains(g)));
            for hidden in d.goals.iter().filter(|g| {
                g.student == s.meta.id
                    && matches!(
                        g.state,
                        ReviewState::Draft | ReviewState::Submitted | ReviewState::ChangesRequested
                    )
            }) {
                assert!(
                    !m.goals.iter().any(|g| g.id == hidden.meta.id),
                    "a goal in review shows"
                );
            }
            assert_eq!(m.achieved, m.goals.iter().filter(|g| g.achieved).count());
            // Not one other child's name anywhere in the model.
            let all = format!("{m:?}");
            for other in d
                .active_students()
                .into_iter()
                .filter(|o| o.meta.id != s.meta.id)
            {
                assert!(
                    !all.contains(&other.name),
                    "{}'s view names {}",
                    s.name,
                    other.name
                );
            }
            seen_any |= !m.goals.is_empty();
        }
        assert!(seen_any, "the demo class has approved goals to show");
    }

    #[test]
    fn unknown_child_has_no_view() {
        assert!(build(&demo(), Id::from_random_bytes([3; 16])).is_none());
    }

    #[test]
    fn first_names_and_bars() {
        assert_eq!(first_name("Ana García"), "Ana");
        assert_eq!(first_name("  Li  "), "Li");
        assert_eq!(first_name(""), "");
        assert_eq!(percent_class(0), "bar pct-0");
        assert_eq!(percent_class(4), "bar pct-0");
        assert_eq!(percent_class(5), "bar pct-10");
        assert_eq!(percent_class(67), "bar pct-70");
        assert_eq!(percent_class(100), "bar pct-100");
        assert_eq!(percent_class(250), "bar pct-100");
    }
}
