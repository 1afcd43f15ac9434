//! What the teacher chose to see (filters and order, also as an address's query) and the
//! grid that leaves.

use super::super::ids::Id;
use super::super::review::ReviewState;
use super::super::time::Timestamp;
use super::model::{Cell, Column, Dashboard, StudentLine};
use super::stuck::{DEFAULT_STUCK_DAYS, STUCK_DAYS};
use super::words::{state_from_key, state_key};

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

/// What the teacher chose to see.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    /// Only the students this unit is for, and only its targets.
    pub unit: Option<Id>,
    /// Only the members of this group.
    pub group: Option<Id>,
    /// Only students with at least one goal in this state.
    pub goal_state: Option<ReviewState>,
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
