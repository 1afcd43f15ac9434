//! The class dashboard as pure functions: the grid of students x targets, filters, sorting
//! and "who's stuck".
//!
//! [`build`] turns the whole class into an owned [`Dashboard`] once (linear in the number
//! of records: every kind is indexed by student first, through
//! [`summary::class_overview`]). [`grid`] then applies the teacher's filters and sort
//! order, and [`whos_stuck`] lists who needs a look; both only read the small model, so
//! changing a filter never walks the records again.

use std::collections::HashMap;

use super::class::class_scale;
use super::data::ClassData;
use super::ids::Id;
use super::review::GoalState;
use super::summary::{class_overview, elapsed_words, GoalCounts};
use super::time::Timestamp;

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
    /// Goals per state ([`GoalState::index`]).
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

/// The order of the grid's rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortBy {
    /// By name (A to Z).
    #[default]
    Name,
    /// Longest since their last activity first (never active first).
    LastActivity,
    /// Least path progress first (no path first).
    PathProgress,
    /// Students with an open help request first (the longest waiting first).
    HelpFirst,
}

impl SortBy {
    /// Every order, as offered.
    pub const ALL: [SortBy; 4] = [
        SortBy::Name,
        SortBy::LastActivity,
        SortBy::PathProgress,
        SortBy::HelpFirst,
    ];

    /// Words for the sort menu.
    pub fn label(self) -> &'static str {
        match self {
            SortBy::Name => "Name (A to Z)",
            SortBy::LastActivity => "Last activity (longest ago first)",
            SortBy::PathProgress => "Path progress (least first)",
            SortBy::HelpFirst => "Help requests first",
        }
    }

    /// A short stable key for forms and addresses.
    pub fn key(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::LastActivity => "activity",
            SortBy::PathProgress => "progress",
            SortBy::HelpFirst => "help",
        }
    }

    /// The order for a key (the default for anything else).
    pub fn from_key(key: &str) -> SortBy {
        SortBy::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or_default()
    }
}

/// Short words for a goal state in the dashboard's goal column and filter.
pub fn state_words(state: GoalState) -> &'static str {
    match state {
        GoalState::Draft => "draft",
        GoalState::Submitted => "waiting for you",
        GoalState::ChangesRequested => "changes asked",
        GoalState::Approved => "approved",
        GoalState::Achieved => "achieved",
    }
}

/// The fewest words for a goal state, for the counts in a grid row ("1 to revise").
pub fn state_short(state: GoalState) -> &'static str {
    match state {
        GoalState::Draft => "draft",
        GoalState::Submitted => "waiting",
        GoalState::ChangesRequested => "to revise",
        GoalState::Approved => "approved",
        GoalState::Achieved => "achieved",
    }
}

/// A short stable key for a goal state (forms, addresses).
pub fn state_key(state: GoalState) -> &'static str {
    match state {
        GoalState::Draft => "draft",
        GoalState::Submitted => "waiting",
        GoalState::ChangesRequested => "changes",
        GoalState::Approved => "approved",
        GoalState::Achieved => "achieved",
    }
}

/// The goal state for a key, if it is one.
pub fn state_from_key(key: &str) -> Option<GoalState> {
    GoalState::ALL.into_iter().find(|s| state_key(*s) == key)
}

/// What the teacher chose to see.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    /// Only the students this unit is for, and only its targets.
    pub unit: Option<Id>,
    /// Only the members of this group.
    pub group: Option<Id>,
    /// Only students with at least one goal in this state.
    pub goal_state: Option<GoalState>,
    /// The order of the rows.
    pub sort: SortBy,
}

impl Filters {
    /// True when any filter (not the order) narrows the list.
    pub fn narrows(&self) -> bool {
        self.unit.is_some() || self.group.is_some() || self.goal_state.is_some()
    }
}

impl Filters {
    /// Reads filters and the "who's stuck" days from an address's query
    /// (`?unit=…&group=…&state=…&sort=…&days=…`, with or without the `?`). Anything
    /// unknown or malformed is ignored: a hand-edited address never breaks the page.
    pub fn from_query(query: &str) -> (Filters, Option<i64>) {
        let mut f = Filters::default();
        let mut days = None;
        for pair in query.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "unit" => f.unit = Id::parse(v).ok(),
                "group" => f.group = Id::parse(v).ok(),
                "state" => f.goal_state = state_from_key(v),
                "sort" => f.sort = SortBy::from_key(v),
                "days" => days = v.parse::<i64>().ok().filter(|d| STUCK_DAYS.contains(d)),
                _ => {}
            }
        }
        (f, days)
    }

    /// The query for these filters and days ("" when everything is the default), so a
    /// reload or a shared address shows the same view.
    pub fn to_query(&self, days: i64) -> String {
        let mut parts = Vec::new();
        if let Some(u) = self.unit {
            parts.push(format!("unit={u}"));
        }
        if let Some(g) = self.group {
            parts.push(format!("group={g}"));
        }
        if let Some(s) = self.goal_state {
            parts.push(format!("state={}", state_key(s)));
        }
        if self.sort != SortBy::default() {
            parts.push(format!("sort={}", self.sort.key()));
        }
        if days != DEFAULT_STUCK_DAYS {
            parts.push(format!("days={days}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// One row of the grid as shown.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GridRow {
    /// The student.
    pub student: StudentLine,
    /// Path progress: in the chosen unit, else the average over all paths.
    pub percent: Option<u8>,
    /// One cell per shown column, in the same order.
    pub cells: Vec<Cell>,
}

/// The grid as shown: the columns and the rows left by the filters, in the chosen order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Grid {
    /// Shown target columns.
    pub columns: Vec<Column>,
    /// Shown rows.
    pub rows: Vec<GridRow>,
    /// How many students the class has (before filtering).
    pub total: usize,
}

/// Applies `filters` to the model. A unit, group or state that no longer exists shows
/// nobody rather than everybody (the filter still says what it is).
pub fn grid(d: &Dashboard, filters: &Filters) -> Grid {
    let unit = filters.unit.map(|id| d.units.iter().find(|u| u.id == id));
    let columns: Vec<Column> = match unit {
        None => d.targets.clone(),
        Some(None) => Vec::new(),
        Some(Some(u)) => d
            .targets
            .iter()
            .filter(|c| u.targets.contains(&c.id))
            .cloned()
            .collect(),
    };
    let mut rows: Vec<GridRow> = d
        .students
        .iter()
        .filter(|s| filters.unit.is_none_or(|u| s.units.contains(&u)))
        .filter(|s| filters.group.is_none_or(|g| s.groups.contains(&g)))
        .filter(|s| filters.goal_state.is_none_or(|st| s.goals[st.index()] > 0))
        .map(|s| GridRow {
            student: s.clone(),
            percent: match filters.unit {
                None => s.path_percent,
                Some(u) => s
                    .unit_percent
                    .iter()
                    .find(|(id, _)| *id == u)
                    .map(|(_, p)| *p),
            },
            cells: columns
                .iter()
                .map(|c| d.cells.get(&(s.id, c.id)).copied().unwrap_or_default())
                .collect(),
        })
        .collect();
    sort_rows(&mut rows, filters.sort);
    Grid {
        columns,
        rows,
        total: d.students.len(),
    }
}

/// Sorts rows; ties keep name order (the model is in name order and the sort is stable).
pub fn sort_rows(rows: &mut [GridRow], by: SortBy) {
    match by {
        SortBy::Name => rows.sort_by(|a, b| {
            a.student
                .name
                .to_lowercase()
                .cmp(&b.student.name.to_lowercase())
                .then(a.student.id.cmp(&b.student.id))
        }),
        SortBy::LastActivity => rows.sort_by_key(|r| r.student.last_activity),
        SortBy::PathProgress => rows.sort_by_key(|r| r.percent),
        SortBy::HelpFirst => rows.sort_by_key(|r| {
            (
                r.student.open_help == 0,
                r.student.help_since.unwrap_or(Timestamp(i64::MAX)),
            )
        }),
    }
}

/// "Showing 12 of 35 students": the count line announced after a filter changes.
pub fn count_words(shown: usize, total: usize) -> String {
    let noun = |n: usize| if n == 1 { "student" } else { "students" };
    if shown == total {
        format!("Showing all {total} {}.", noun(total))
    } else if shown == 0 {
        format!("No student of {total} matches these filters.")
    } else {
        format!("Showing {shown} of {total} {}.", noun(total))
    }
}

/// "3 days ago", "just now", "never": when something last happened, in plain words.
/// A time ahead of `now` (another device's clock) reads as "just now".
pub fn ago_words(at: Option<Timestamp>, now: Timestamp) -> String {
    match at {
        None => "never".to_string(),
        Some(t) if now.0 - t.0 < 3_600_000 => "just now".to_string(),
        Some(t) => format!("{} ago", elapsed_words(t, now)),
    }
}

/// Why a student is in "who's stuck".
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StuckReason {
    /// Open help requests: how many, since when, the oldest one's note.
    Help {
        /// Open requests.
        count: usize,
        /// The oldest one's time.
        since: Timestamp,
        /// Its note (may be empty).
        note: String,
    },
    /// No progress for `days` days; `ever` is false when there was never any.
    NoProgress {
        /// Whole days.
        days: i64,
        /// False when the student has made no progress at all yet.
        ever: bool,
    },
}

/// One student in "who's stuck".
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StuckLine {
    /// The student.
    pub id: Id,
    /// Their name.
    pub name: String,
    /// Why.
    pub reason: StuckReason,
}

impl StuckLine {
    /// The reason in plain words, for the teacher.
    pub fn words(&self, now: Timestamp) -> String {
        match &self.reason {
            StuckReason::Help { count, since, .. } => match count {
                1 => format!("Asked for help {}.", ago_words(Some(*since), now)),
                n => format!(
                    "Has {n} open help requests; the first was {}.",
                    ago_words(Some(*since), now)
                ),
            },
            StuckReason::NoProgress { days, ever: true } => {
                format!("No progress for {}.", days_words(*days))
            }
            StuckReason::NoProgress { days, ever: false } => format!(
                "No progress yet, {} since joining the class.",
                days_words(*days)
            ),
        }
    }
}

fn days_words(days: i64) -> String {
    if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    }
}

/// The students who need a look: anyone with an open help request (the longest waiting
/// first), then anyone whose last progress (or, with none, joining the class) is
/// `after_days` or more days ago (the longest idle first). Each student once.
pub fn whos_stuck(d: &Dashboard, now: Timestamp, after_days: i64) -> Vec<StuckLine> {
    let mut help = Vec::new();
    let mut idle = Vec::new();
    for s in &d.students {
        if let (true, Some(since)) = (s.open_help > 0, s.help_since) {
            help.push(StuckLine {
                id: s.id,
                name: s.name.clone(),
                reason: StuckReason::Help {
                    count: s.open_help,
                    since,
                    note: s.help_note.clone(),
                },
            });
            continue;
        }
        let from = s.last_progress.unwrap_or(s.joined);
        let days = from.days_until(now);
        if days >= after_days.max(0) {
            idle.push(StuckLine {
                id: s.id,
                name: s.name.clone(),
                reason: StuckReason::NoProgress {
                    days,
                    ever: s.last_progress.is_some(),
                },
            });
        }
    }
    let since = |l: &StuckLine| match l.reason {
        StuckReason::Help { since, .. } => since,
        StuckReason::NoProgress { .. } => Timestamp(0),
    };
    let days = |l: &StuckLine| match l.reason {
        StuckReason::NoProgress { days, .. } => days,
        StuckReason::Help { .. } => 0,
    };
    help.sort_by_key(since);
    idle.sort_by_key(|l| std::cmp::Reverse(days(l)));
    help.extend(idle);
    help
}

/// The choices for "no progress for N days", in days.
pub const STUCK_DAYS: [i64; 7] = [3, 5, 7, 10, 14, 21, 30];

/// The default N for "no progress for N days".
pub const DEFAULT_STUCK_DAYS: i64 = 7;

/// A level index in words for screen readers and the legend: "3 Proficient".
pub fn level_words(levels: &[String], level: u8) -> String {
    match levels.get(usize::from(level)) {
        Some(l) => format!("{} {l}", u16::from(level) + 1),
        None => format!("level {}", u16::from(level) + 1),
    }
}

/// What one cell says to a screen reader: "not yet" when empty, else both ratings.
pub fn cell_words(levels: &[String], cell: Cell) -> String {
    if cell.is_empty() {
        return "not yet".to_string();
    }
    let part = |l: Option<u8>| match l {
        Some(l) => level_words(levels, l),
        None => "not yet".to_string(),
    };
    format!("Teacher: {}. Self: {}.", part(cell.teacher), part(cell.own))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::help::HelpFlag;
    use crate::pathway::{Pathway, StepStatus};
    use crate::rating::{MasteryScale, Rating};
    use crate::record::testing::*;
    use crate::record::{Actor, Ctx};
    use crate::sample::{demo_class, sample_class, SampleScale};
    use crate::student::{Group, StudentProfile};
    use crate::target::LearningTarget;
    use crate::unit::{Activity, Assignment, Unit};
    use crate::Goal;

    const DAY: i64 = 86_400_000;

    fn at(ctx: &Ctx, days: i64) -> Ctx {
        let mut c = ctx.clone();
        c.now = Timestamp(ctx.now.0 + days * DAY);
        c
    }

    /// Three students (Ana, Ben, Cai), two targets, one group (Ana, Cai), one unit for the
    /// group with the second target.
    fn small_class() -> ClassData {
        let t = teacher_ctx();
        let mut d = ClassData::default();
        for (n, name) in [(1, "Ana"), (2, "ben"), (3, "Cai")] {
            d.students
                .push(StudentProfile::new(id(n), name, "", &t).unwrap());
        }
        d.targets.push(
            LearningTarget::new(
                id(50),
                "I can find the main idea of a story",
                "RL.1",
                "",
                0,
                &t,
            )
            .unwrap(),
        );
        d.targets.push(
            LearningTarget::new(id(51), "I can compare two characters", "", "", 1, &t).unwrap(),
        );
        d.groups
            .push(Group::new(id(80), "Book club", &[id(1), id(3)], &t).unwrap());
        let mut u = Unit::new(id(90), "Myths", &t).unwrap();
        u.targets = vec![id(51)];
        u.assign = Assignment::Group(id(80));
        u.activities
            .push(Activity::new(id(91), "Read", true, vec![]).unwrap());
        u.activities
            .push(Activity::new(id(92), "Map", true, vec![]).unwrap());
        d.units.push(u);
        d
    }

    #[test]
    fn cells_show_latest_teacher_and_self_side_by_side() {
        let mut d = small_class();
        let scale = MasteryScale::default();
        let s = student_ctx(1);
        d.ratings
            .push(Rating::new(id(60), id(1), id(50), 0, "", &scale, &s).unwrap());
        d.ratings
            .push(Rating::new(id(61), id(1), id(50), 2, "", &scale, &at(&s, 1)).unwrap());
        d.ratings.push(
            Rating::new(id(62), id(1), id(50), 1, "", &scale, &at(&teacher_ctx(), 2)).unwrap(),
        );
        let dash = build(&d, at(&s, 3).now);
        let g = grid(&dash, &Filters::default());
        assert_eq!(g.columns.len(), 2);
        assert_eq!(g.columns[0].short, "find the main idea of a…");
        let ana = &g.rows[0];
        assert_eq!(ana.student.name, "Ana");
        assert_eq!(
            ana.cells,
            vec![
                Cell {
                    teacher: Some(1),
                    own: Some(2)
                },
                Cell::default()
            ]
        );
        assert_eq!(
            cell_words(&dash.levels, ana.cells[0]),
            "Teacher: 2 Developing. Self: 3 Proficient."
        );
        assert_eq!(cell_words(&dash.levels, ana.cells[1]), "not yet");
        assert_eq!(
            cell_words(
                &dash.levels,
                Cell {
                    teacher: None,
                    own: Some(0)
                }
            ),
            "Teacher: not yet. Self: 1 Beginning."
        );
    }

    #[test]
    fn filters_by_unit_group_and_goal_state() {
        let mut d = small_class();
        let s2 = Ctx::new(Actor::student(id(2)), "d1", teacher_ctx().now);
        let mut goal = Goal::new(id(70), id(2), &s2).unwrap();
        let mut text = goal.text();
        text.i_will = "I will read".into();
        text.criteria = vec!["I can tell it".into()];
        let _ = goal.edit(text, &s2);
        goal.submit(&s2).unwrap();
        d.goals.push(goal);
        let dash = build(&d, teacher_ctx().now);

        let all = grid(&dash, &Filters::default());
        let names = |g: &Grid| {
            g.rows
                .iter()
                .map(|r| r.student.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(&all),
            ["Ana", "ben", "Cai"],
            "name order ignores case"
        );
        assert_eq!(all.total, 3);

        let unit = grid(
            &dash,
            &Filters {
                unit: Some(id(90)),
                ..Filters::default()
            },
        );
        assert_eq!(names(&unit), ["Ana", "Cai"], "the unit is for the group");
        assert_eq!(unit.columns.len(), 1);
        assert_eq!(unit.columns[0].id, id(51));
        assert!(unit.rows.iter().all(|r| r.cells.len() == 1));

        let group = grid(
            &dash,
            &Filters {
                group: Some(id(80)),
                ..Filters::default()
            },
        );
        assert_eq!(names(&group), ["Ana", "Cai"]);

        let waiting = grid(
            &dash,
            &Filters {
                goal_state: Some(GoalState::Submitted),
                ..Filters::default()
            },
        );
        assert_eq!(names(&waiting), ["ben"]);
        assert_eq!(
            count_words(waiting.rows.len(), waiting.total),
            "Showing 1 of 3 students."
        );
        assert_eq!(count_words(3, 3), "Showing all 3 students.");
        assert_eq!(count_words(0, 3), "No student of 3 matches these filters.");

        let gone = grid(
            &dash,
            &Filters {
                group: Some(id(81)),
                ..Filters::default()
            },
        );
        assert!(
            gone.rows.is_empty(),
            "a deleted group shows nobody, not everybody"
        );
    }

    #[test]
    fn sorts_by_activity_progress_and_help() {
        let mut d = small_class();
        let t0 = teacher_ctx();
        let groups = d.groups.clone();
        let unit = d.units[0].clone();
        // Ana: path half done on day 1. Cai: path started, nothing done, on day 4.
        let a = Ctx::new(Actor::student(id(1)), "d1", t0.now);
        let mut pa = Pathway::start(id(100), id(1), &unit, &groups, &a).unwrap();
        pa.set_status(id(91), StepStatus::Done, &at(&a, 1)).unwrap();
        d.pathways.push(pa);
        let c = Ctx::new(Actor::student(id(3)), "d1", t0.now);
        let mut pc = Pathway::start(id(101), id(3), &unit, &groups, &at(&c, 4)).unwrap();
        pc.set_status(id(91), StepStatus::Started, &at(&c, 4))
            .unwrap();
        d.pathways.push(pc);
        // Cai asked for help on day 5; ben on day 2.
        d.help
            .push(HelpFlag::raise(id(110), id(3), "the map", &at(&c, 5)).unwrap());
        let b = Ctx::new(Actor::student(id(2)), "d1", t0.now);
        d.help
            .push(HelpFlag::raise(id(111), id(2), "", &at(&b, 2)).unwrap());
        let dash = build(&d, at(&t0, 6).now);
        let order = |sort| {
            grid(
                &dash,
                &Filters {
                    sort,
                    ..Filters::default()
                },
            )
            .rows
            .iter()
            .map(|r| r.student.name.clone())
            .collect::<Vec<_>>()
        };
        assert_eq!(order(SortBy::Name), ["Ana", "ben", "Cai"]);
        assert_eq!(order(SortBy::LastActivity), ["Ana", "ben", "Cai"]);
        // ben has no path (None first), Cai 0 %, Ana 50 %.
        assert_eq!(order(SortBy::PathProgress), ["ben", "Cai", "Ana"]);
        assert_eq!(order(SortBy::HelpFirst), ["ben", "Cai", "Ana"]);
        let in_unit = grid(
            &dash,
            &Filters {
                unit: Some(id(90)),
                sort: SortBy::PathProgress,
                ..Filters::default()
            },
        );
        let pct: Vec<_> = in_unit
            .rows
            .iter()
            .map(|r| (r.student.name.as_str(), r.percent))
            .collect();
        assert_eq!(pct, [("Cai", Some(0)), ("Ana", Some(50))]);
        for s in SortBy::ALL {
            assert_eq!(SortBy::from_key(s.key()), s);
        }
        assert_eq!(SortBy::from_key("<script>"), SortBy::Name);
    }

    #[test]
    fn whos_stuck_lists_help_first_then_the_longest_idle() {
        let mut d = small_class();
        let t0 = teacher_ctx();
        let groups = d.groups.clone();
        let unit = d.units[0].clone();
        let a = Ctx::new(Actor::student(id(1)), "d1", t0.now);
        let mut pa = Pathway::start(id(100), id(1), &unit, &groups, &a).unwrap();
        pa.set_status(id(91), StepStatus::Done, &at(&a, 8)).unwrap();
        d.pathways.push(pa);
        let c = Ctx::new(Actor::student(id(3)), "d1", t0.now);
        let mut pc = Pathway::start(id(101), id(3), &unit, &groups, &c).unwrap();
        pc.set_status(id(91), StepStatus::Done, &at(&c, 2)).unwrap();
        d.pathways.push(pc);
        d.help
            .push(HelpFlag::raise(id(110), id(1), "the map", &at(&a, 9)).unwrap());
        let now = at(&t0, 10).now;
        let dash = build(&d, now);
        let stuck = whos_stuck(&dash, now, 7);
        let names: Vec<_> = stuck.iter().map(|s| s.name.as_str()).collect();
        // Ana asked for help; ben never moved (10 days since joining); Cai 8 days idle.
        assert_eq!(names, ["Ana", "ben", "Cai"]);
        assert_eq!(stuck[0].words(now), "Asked for help 1 day ago.");
        assert_eq!(
            stuck[0].reason,
            StuckReason::Help {
                count: 1,
                since: at(&a, 9).now,
                note: "the map".into()
            }
        );
        assert_eq!(
            stuck[1].words(now),
            "No progress yet, 10 days since joining the class."
        );
        assert_eq!(stuck[2].words(now), "No progress for 8 days.");
        let lenient: Vec<_> = whos_stuck(&dash, now, 9)
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(lenient, ["Ana", "ben"]);
        // Once the help request is answered, Ana is not stuck (she moved 2 days ago).
        d.help[0].resolve(&at(&t0, 10)).unwrap();
        let dash = build(&d, now);
        assert!(whos_stuck(&dash, now, 7).iter().all(|s| s.name != "Ana"));
        // A negative N is treated as 0, never as "everyone forever".
        assert_eq!(whos_stuck(&dash, now, -5).len(), 3);
    }

    #[test]
    fn filters_survive_the_address_and_odd_queries_are_ignored() {
        let f = Filters {
            unit: Some(id(90)),
            group: Some(id(80)),
            goal_state: Some(GoalState::ChangesRequested),
            sort: SortBy::HelpFirst,
        };
        let q = f.to_query(14);
        assert_eq!(Filters::from_query(&q), (f, Some(14)));
        assert_eq!(Filters::default().to_query(DEFAULT_STUCK_DAYS), "");
        assert_eq!(Filters::from_query(""), (Filters::default(), None));
        let (odd, days) =
            Filters::from_query("?unit=%3Cscript%3E&state=nope&sort=&days=9999&x&=&&group=");
        assert_eq!(odd, Filters::default());
        assert_eq!(days, None, "only the offered day counts are taken");
    }

    #[test]
    fn words_and_short_texts() {
        let now = Timestamp(100 * DAY);
        assert_eq!(ago_words(None, now), "never");
        assert_eq!(ago_words(Some(Timestamp(now.0 + DAY)), now), "just now");
        assert_eq!(
            ago_words(Some(Timestamp(now.0 - 3 * DAY)), now),
            "3 days ago"
        );
        assert_eq!(short_text("I can summarize", 26), "summarize");
        assert_eq!(short_text("  ", 26), "");
        assert_eq!(
            short_text("Supercalifragilisticexpialidocious words", 10),
            "Supercali…"
        );
        assert_eq!(level_words(&[], 9), "level 10");
        for s in GoalState::ALL {
            assert_eq!(state_from_key(state_key(s)), Some(s));
        }
        assert_eq!(state_from_key("nope"), None);
        assert_eq!(state_short(GoalState::ChangesRequested), "to revise");
    }

    #[test]
    fn the_demo_class_has_known_cells_and_a_student_asking_for_help() {
        let today = Timestamp(1_760_000_000_000).day();
        let data = demo_class(7, today, "d1");
        let now = today.start().plus_days(1);
        let dash = build(&data, now);
        assert_eq!(dash.students.len(), 6);
        assert_eq!(dash.targets.len(), 5);
        // The sample gives Amara (the first student) a self-assessment of level index 2
        // on the second target, and always leaves her first help request open.
        let amara = dash.students.iter().find(|s| s.name == "Amara").unwrap();
        let cell = dash.cells[&(amara.id, dash.targets[1].id)];
        assert_eq!(cell.own, Some(2));
        assert_eq!(dash.targets[1].text, "I can explain the theme of a poem");
        let stuck = whos_stuck(&dash, now, 7);
        assert!(stuck
            .iter()
            .any(|s| s.name == "Amara" && matches!(s.reason, StuckReason::Help { .. })));
        assert_eq!(dash.groups.len(), 3);
        assert_eq!(dash.units.len(), 1);
    }

    #[test]
    fn the_class_year_builds_quickly_enough_to_test() {
        let data = sample_class(
            1,
            &SampleScale::class_year(),
            Timestamp(1_756_684_800_000),
            "d1",
        );
        let now = Timestamp(1_756_684_800_000).plus_days(200);
        let dash = build(&data, now);
        assert_eq!(dash.students.len(), 35);
        assert_eq!(dash.targets.len(), 30);
        let g = grid(&dash, &Filters::default());
        assert_eq!(g.rows.len(), 35);
        assert!(g.rows.iter().all(|r| r.cells.len() == 30));
        let rated = g
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .filter(|c| !c.is_empty())
            .count();
        assert!(rated > 100, "{rated} rated cells");
    }
}
