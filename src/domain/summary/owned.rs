//! One student's records, gathered once so that every view over a class stays linear.

use std::collections::HashMap;

use super::super::comment::Comment;
use super::super::data::ClassData;
use super::super::evidence::Evidence;
use super::super::format::FormatChoice;
use super::super::goal::Goal;
use super::super::help::HelpFlag;
use super::super::ids::Id;
use super::super::pathway::Pathway;
use super::super::reflection::Reflection;
use super::super::target::LearningTarget;

/// Goals counted per state, indexed by
/// [`ReviewState::index`](crate::review::ReviewState::index).
pub type GoalCounts = [usize; 5];

pub(super) fn count_goals<'a>(goals: impl IntoIterator<Item = &'a Goal>) -> GoalCounts {
    let mut c = [0; 5];
    for g in goals {
        if !g.meta.deleted {
            c[g.state.index()] += 1;
        }
    }
    c
}

/// Records of one student, gathered once so that views over 35 students stay linear.
pub(super) struct Owned<'a> {
    pub(super) goals: Vec<&'a Goal>,
    pub(super) pathways: Vec<&'a Pathway>,
    pub(super) evidence: Vec<&'a Evidence>,
    pub(super) reflections: Vec<&'a Reflection>,
    pub(super) comments: Vec<&'a Comment>,
    pub(super) help: Vec<&'a HelpFlag>,
    pub(super) choices: Vec<&'a FormatChoice>,
    pub(super) ratings: Vec<&'a super::super::rating::Rating>,
}

pub(super) fn by_student(data: &ClassData) -> HashMap<Id, Owned<'_>> {
    let mut m: HashMap<Id, Owned<'_>> = HashMap::new();
    fn slot<'a, 'm>(m: &'m mut HashMap<Id, Owned<'a>>, id: Id) -> &'m mut Owned<'a> {
        m.entry(id).or_insert_with(|| Owned {
            goals: Vec::new(),
            pathways: Vec::new(),
            evidence: Vec::new(),
            reflections: Vec::new(),
            comments: Vec::new(),
            help: Vec::new(),
            choices: Vec::new(),
            ratings: Vec::new(),
        })
    }
    macro_rules! gather {
        ($f:ident) => {
            for r in data.$f.iter().filter(|r| !r.meta.deleted) {
                slot(&mut m, r.student).$f.push(r);
            }
        };
    }
    gather!(goals);
    gather!(pathways);
    gather!(evidence);
    gather!(reflections);
    gather!(comments);
    gather!(help);
    gather!(choices);
    gather!(ratings);
    m
}

pub(super) fn one_student(data: &ClassData, student: Id) -> Owned<'_> {
    macro_rules! pick {
        ($f:ident) => {
            data.$f
                .iter()
                .filter(|r| !r.meta.deleted && r.student == student)
                .collect()
        };
    }
    Owned {
        goals: pick!(goals),
        pathways: pick!(pathways),
        evidence: pick!(evidence),
        reflections: pick!(reflections),
        comments: pick!(comments),
        help: pick!(help),
        choices: pick!(choices),
        ratings: pick!(ratings),
    }
}

pub(super) fn targets_in_order(data: &ClassData) -> Vec<&LearningTarget> {
    let mut t: Vec<_> = data
        .targets
        .iter()
        .filter(|t| !t.meta.deleted && !t.retired)
        .collect();
    t.sort_by_key(|t| (t.order, t.meta.id));
    t
}
