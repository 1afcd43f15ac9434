//! The form's text, in local signals: initialised once from the stored goal, read back
//! when saving.

use leptos::prelude::*;

use super::super::words::list_entries;
use crate::domain::{Day, Goal, GoalText, Id};

/// One row of a list part (a success criterion, a plan step, a support).
#[derive(Clone, Copy)]
pub(super) struct Row {
    pub(super) key: u32,
    pub(super) text: RwSignal<String>,
}

/// A list part of the form.
#[derive(Clone, Copy)]
pub(super) struct ListField {
    pub(super) rows: RwSignal<Vec<Row>>,
    pub(super) next_key: StoredValue<u32>,
}

impl ListField {
    /// The stored entries, and one empty row to type in when there are none.
    pub(super) fn new(items: &[String]) -> ListField {
        let mut rows: Vec<Row> = items
            .iter()
            .enumerate()
            .map(|(i, t)| Row {
                key: i as u32,
                text: RwSignal::new(t.clone()),
            })
            .collect();
        if rows.is_empty() {
            rows.push(Row {
                key: 0,
                text: RwSignal::new(String::new()),
            });
        }
        let next = rows.len() as u32;
        ListField {
            rows: RwSignal::new(rows),
            next_key: StoredValue::new(next),
        }
    }

    /// Puts `items` in place of the rows (another version taken in), with new keys.
    pub(super) fn set(&self, items: &[String]) {
        let mut key = self.next_key.get_value();
        let mut rows: Vec<Row> = items
            .iter()
            .map(|t| {
                key += 1;
                Row {
                    key,
                    text: RwSignal::new(t.clone()),
                }
            })
            .collect();
        if rows.is_empty() {
            key += 1;
            rows.push(Row {
                key,
                text: RwSignal::new(String::new()),
            });
        }
        self.next_key.set_value(key + 1);
        self.rows.set(rows);
    }

    pub(super) fn add(&self) -> u32 {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        self.rows.update(|r| {
            r.push(Row {
                key,
                text: RwSignal::new(String::new()),
            })
        });
        key
    }

    /// Removes a row; returns the key of the row that takes its place in the focus order.
    pub(super) fn remove(&self, key: u32) -> Option<u32> {
        let mut next = None;
        self.rows.update(|rows| {
            if let Some(pos) = rows.iter().position(|r| r.key == key) {
                rows.remove(pos);
                next = rows.get(pos).or_else(|| rows.last()).map(|r| r.key);
            }
        });
        next
    }

    pub(super) fn position(&self, key: u32) -> usize {
        self.rows
            .with(|rows| rows.iter().position(|r| r.key == key))
            .unwrap_or(0)
    }

    /// The entries to store (blank rows left out); tracked when `track`.
    pub(super) fn values(&self, track: bool) -> Vec<String> {
        let read = |rows: &Vec<Row>| -> Vec<String> {
            list_entries(rows.iter().map(|r| {
                if track {
                    r.text.get()
                } else {
                    r.text.try_get_untracked().unwrap_or_default()
                }
            }))
        };
        if track {
            self.rows.with(read)
        } else {
            self.rows.try_with_untracked(read).unwrap_or_default()
        }
    }
}

/// The form's text.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub(super) targets: RwSignal<Vec<Id>>,
    pub(super) i_will: RwSignal<String>,
    pub(super) criteria: ListField,
    pub(super) plan: ListField,
    pub(super) supports: ListField,
    /// The date input's value, `YYYY-MM-DD` or empty.
    pub(super) date: RwSignal<String>,
}

impl Form {
    pub(super) fn new(g: &Goal) -> Form {
        Form {
            targets: RwSignal::new(g.targets.clone()),
            i_will: RwSignal::new(g.i_will.clone()),
            criteria: ListField::new(&g.criteria),
            plan: ListField::new(&g.plan),
            supports: ListField::new(&g.supports),
            date: RwSignal::new(g.date.map(Day::to_iso).unwrap_or_default()),
        }
    }

    /// Shows `t` in every field (another version taken in, or chosen).
    pub(super) fn set(&self, t: &GoalText) {
        self.targets.set(t.targets.clone());
        self.i_will.set(t.i_will.clone());
        self.criteria.set(&t.criteria);
        self.plan.set(&t.plan);
        self.supports.set(&t.supports);
        self.date.set(t.date.map(Day::to_iso).unwrap_or_default());
    }

    /// The date typed: `Ok(None)` when empty.
    pub(super) fn parsed_date(raw: &str) -> Result<Option<Day>, String> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            Day::parse(raw).map(Some).map_err(|e| e.to_string())
        }
    }

    /// The text to save; an unreadable date keeps `stored_date` and comes back as the
    /// error to show.
    pub(super) fn text(&self, stored_date: Option<Day>) -> (GoalText, Option<String>) {
        let raw = self.date.try_get_untracked().unwrap_or_default();
        let (date, date_error) = match Form::parsed_date(&raw) {
            Ok(d) => (d, None),
            Err(e) => (stored_date, Some(e)),
        };
        (
            GoalText {
                targets: self.targets.try_get_untracked().unwrap_or_default(),
                i_will: self.i_will.try_get_untracked().unwrap_or_default(),
                criteria: self.criteria.values(false),
                plan: self.plan.values(false),
                supports: self.supports.values(false),
                date,
            },
            date_error,
        )
    }
}
