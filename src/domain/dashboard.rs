//! The class dashboard as pure functions: the grid of students x targets, filters, sorting
//! and "who's stuck".
//!
//! [`build`] turns the whole class into an owned [`Dashboard`] once (linear in the number
//! of records: every kind is indexed by student first, through
//! [`summary::class_overview`](crate::summary::class_overview)). [`grid`] then applies the
//! teacher's filters and sort order, and [`whos_stuck`] lists who needs a look; both only
//! read the small model, so changing a filter never walks the records again.
//!
//! Rooms: `model` (the dashboard's model of the class and [`build`]), `filters` (filters,
//! sorting and the grid as shown), `stuck` ("who's stuck"), `words` (states, times and
//! cells in words).

mod filters;
mod model;
mod stuck;
#[cfg(test)]
mod tests;
mod words;

pub use filters::{count_words, grid, sort_rows, Filters, Grid, GridRow, SortBy};
pub use model::{build, short_text, Cell, Column, Dashboard, StudentLine, UnitChoice};
pub use stuck::{whos_stuck, StuckLine, StuckReason, DEFAULT_STUCK_DAYS, STUCK_DAYS};
pub use words::{
    ago_words, cell_words, level_words, state_from_key, state_key, state_short, state_words,
};
