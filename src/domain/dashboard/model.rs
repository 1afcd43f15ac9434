//! The dashboard's model of the class: students, targets and units, built once from the
//! records.

use std::collections::HashMap;

use super::super::class::class_scale;
use super::super::data::ClassData;
use super::super::ids::Id;
use super::super::summary::{class_overview, GoalCounts};
use super::super::time::Timestamp;

/// One learning target as a column of the grid.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Column {
    /// The target.
    pub id: Id,
    /// The full "I can …" statement.
    pub text: String,
    /// A few words for the column heading ("find the main idea…").
    pub short: String,
    /// The standard code, if any.
    pub code: String,
}

/// The latest ratings of one student on one target, as level indexes on the class scale.
/// Shown side by side, never combined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Cell {
    /// The teacher's latest rating.
    pub teacher: Option<u8>,
    /// The student's latest self-assessment.
    pub own: Option<u8>,
}

impl Cell {
    /// True when neither the teacher nor the student has rated yet.
    pub fn is_empty(&self) -> bool {
        self.teacher.is_none() && self.own.is_none()
    }
}

/// One student as the dashboard knows them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StudentLine {
    /// The student.
    pub id: Id,
    /// Their display name.
    pub name: String,
    /// Goals per state ([`ReviewState::index`](crate::review::ReviewState::index)).
    pub goals: GoalCounts,
    /// Average progress over all their paths (None without a path).
    pub path_percent: Option<u8>,
    /// Progress per unit they have a path in.
    pub unit_percent: Vec<(Id, u8)>,
    /// The last time they changed anything themselves.
    pub last_activity: Option<Timestamp>,
    /// The last time they moved forward (a step, evidence, a reflection, a
    /// self-assessment, a goal sent).
    pub last_progress: Option<Timestamp>,
    /// When their profile was made (the start for "no progress yet").
    pub joined: Timestamp,
    /// How many help requests are open.
    pub open_help: usize,
    /// When the oldest open help request was made.
    pub help_since: Option<Timestamp>,
    /// The note of the oldest open help request (may be empty).
    pub help_note: String,
    /// The teacher's groups they are in.
    pub groups: Vec<Id>,
    /// The units open to them (hidden units count, so the teacher can still filter).
    pub units: Vec<Id>,
}

/// A unit, for the filter.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnitChoice {
    /// The unit.
    pub id: Id,
    /// Its title (with "(hidden)" when students cannot see it).
    pub title: String,
    /// Its targets.
    pub targets: Vec<Id>,
}

/// The whole class, ready for the dashboard.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dashboard {
    /// Active targets in the teacher's order.
    pub targets: Vec<Column>,
    /// Active students in name order.
    pub students: Vec<StudentLine>,
    /// Latest ratings per (student, target); absent when there is none.
    pub cells: HashMap<(Id, Id), Cell>,
    /// Units for the filter, in the order they start.
    pub units: Vec<UnitChoice>,
    /// Groups for the filter: (id, name), by name.
    pub groups: Vec<(Id, String)>,
    /// The labels of the class's mastery scale, lowest first.
    pub levels: Vec<String>,
}

/// A few words of a target for a narrow column heading: without "I can", at most
/// `max` characters, cut at a word with "…".
pub fn short_text(text: &str, max: usize) -> String {
    let t = text.trim();
    let t = ["I can ", "I can", "i can "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim();
    if t.chars().count() <= max {
        return t.to_string();
    }
    let mut out = String::new();
    for word in t.split_whitespace() {
        let extra = if out.is_empty() { 0 } else { 1 } + word.chars().count();
        if out.chars().count() + extra > max.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = t.chars().take(max.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

/// Builds the dashboard model of the class. Linear in the number of records.
pub fn build(data: &ClassData, now: Timestamp) -> Dashboard {
    let overview = class_overview(data, now, i64::MAX);
    let mut targets: Vec<_> = data
        .targets
        .iter()
        .filter(|t| !t.meta.deleted && !t.retired)
        .collect();
    targets.sort_by_key(|t| (t.order, t.meta.id));
    let targets: Vec<Column> = targets
        .into_iter()
        .map(|t| Column {
            id: t.meta.id,
            text: t.text.clone(),
            short: short_text(&t.text, 26),
            code: t.code.clone(),
        })
        .collect();

    let groups_live: Vec<_> = data
        .groups
        .iter()
        .filter(|g| !g.meta.deleted)
        .cloned()
        .collect();
    let mut units: Vec<_> = data.units.iter().filter(|u| !u.meta.deleted).collect();
    units.sort_by_key(|u| (u.start, u.meta.created, u.meta.id));

    let mut unit_percent: HashMap<Id, Vec<(Id, u8)>> = HashMap::new();
    for p in data.pathways.iter().filter(|p| !p.meta.deleted) {
        unit_percent
            .entry(p.student)
            .or_default()
            .push((p.unit, p.progress_percent()));
    }
    // Oldest open help request per student: (when, note).
    let mut help: HashMap<Id, (Timestamp, &str)> = HashMap::new();
    for h in data.help.iter().filter(|h| h.is_open()) {
        let e = help
            .entry(h.student)
            .or_insert((h.meta.created, h.note.as_str()));
        if h.meta.created < e.0 {
            *e = (h.meta.created, h.note.as_str());
        }
    }
    let mut member_of: HashMap<Id, Vec<Id>> = HashMap::new();
    for g in &groups_live {
        for m in &g.members {
            member_of.entry(*m).or_default().push(g.meta.id);
        }
    }

    let students = overview
        .rows
        .iter()
        .map(|r| {
            let id = r.student.meta.id;
            let (help_since, help_note) = match help.get(&id) {
                Some((at, note)) => (Some(*at), note.to_string()),
                None => (None, String::new()),
            };
            let mut per_unit = unit_percent.remove(&id).unwrap_or_default();
            per_unit.sort();
            StudentLine {
                id,
                name: r.student.name.clone(),
                goals: r.goals_by_state,
                path_percent: r.path_percent,
                unit_percent: per_unit,
                last_activity: r.last_activity,
                last_progress: r.last_progress,
                joined: r.student.meta.created,
                open_help: r.open_help,
                help_since,
                help_note,
                groups: member_of.get(&id).cloned().unwrap_or_default(),
                units: units
                    .iter()
                    .filter(|u| u.assign.includes(id, &groups_live))
                    .map(|u| u.meta.id)
                    .collect(),
            }
        })
        .collect();

    let cells = overview
        .grid
        .iter()
        .map(|(k, (own, teacher))| {
            (
                *k,
                Cell {
                    teacher: *teacher,
                    own: *own,
                },
            )
        })
        .collect();

    let mut groups: Vec<(Id, String)> = groups_live
        .iter()
        .map(|g| (g.meta.id, g.name.clone()))
        .collect();
    groups.sort_by(|a, b| {
        a.1.to_lowercase()
            .cmp(&b.1.to_lowercase())
            .then(a.0.cmp(&b.0))
    });

    Dashboard {
        targets,
        students,
        cells,
        units: units
            .iter()
            .map(|u| UnitChoice {
                id: u.meta.id,
                title: if u.hidden {
                    format!("{} (hidden)", u.title)
                } else {
                    u.title.clone()
                },
                targets: u.targets.clone(),
            })
            .collect(),
        groups,
        levels: class_scale(&data.classes)
            .levels
            .into_iter()
            .map(|l| l.label)
            .collect(),
    }
}
