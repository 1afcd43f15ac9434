//! Goal states, times and grid cells in words, for the dashboard and its screen-reader
//! text.

use super::super::review::ReviewState;
use super::super::summary::elapsed_words;
use super::super::time::Timestamp;
use super::model::Cell;

/// Short words for a goal state in the dashboard's goal column and filter.
pub fn state_words(state: ReviewState) -> &'static str {
    match state {
        ReviewState::Draft => "draft",
        ReviewState::Submitted => "waiting for you",
        ReviewState::ChangesRequested => "changes asked",
        ReviewState::Approved => "approved",
        ReviewState::Achieved => "achieved",
    }
}

/// The fewest words for a goal state, for the counts in a grid row ("1 to revise").
pub fn state_short(state: ReviewState) -> &'static str {
    match state {
        ReviewState::Draft => "draft",
        ReviewState::Submitted => "waiting",
        ReviewState::ChangesRequested => "to revise",
        ReviewState::Approved => "approved",
        ReviewState::Achieved => "achieved",
    }
}

/// A short stable key for a goal state (forms, addresses).
pub fn state_key(state: ReviewState) -> &'static str {
    match state {
        ReviewState::Draft => "draft",
        ReviewState::Submitted => "waiting",
        ReviewState::ChangesRequested => "changes",
        ReviewState::Approved => "approved",
        ReviewState::Achieved => "achieved",
    }
}

/// The goal state for a key, if it is one.
pub fn state_from_key(key: &str) -> Option<ReviewState> {
    ReviewState::ALL.into_iter().find(|s| state_key(*s) == key)
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
