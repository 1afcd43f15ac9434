//! Writing the form back to the stored goal: debounced as the student types, at once on
//! blur, before leaving and before sending; and settling another version.

use std::time::Duration;

use leptos::prelude::*;

use super::super::other_version::text_of;
use super::super::words::part_of_error;
use super::form::Form;
use crate::domain::{Actor, Goal, GoalField, GoalText, Id, Record, ReviewState};
use crate::state::edit_sync::{keep_version, EditSync};
use crate::state::{ctx_for, RecordsState};

/// What the save line says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum SaveStatus {
    /// Nothing typed yet.
    Quiet,
    /// Everything typed is saved.
    Saved,
    /// The last save was refused or failed: why, and which part it is about.
    NotSaved(String, Option<GoalField>),
}

/// Writes the form back to the stored goal.
#[derive(Clone, Copy)]
pub(super) struct Saver {
    pub(super) goal: Id,
    pub(super) student: Id,
    pub(super) records: RecordsState,
    pub(super) form: Form,
    pub(super) status: RwSignal<SaveStatus>,
    pub(super) timer: StoredValue<Option<TimeoutHandle>>,
    /// In step with other tabs; knows whether the student changed anything.
    pub(super) sync: EditSync<GoalText>,
}

const SAVE_AFTER: Duration = Duration::from_millis(400);

impl Saver {
    /// Something was typed: save soon.
    pub(super) fn changed(self) {
        self.sync.edited();
        self.cancel();
        let handle = set_timeout_with_handle(
            move || {
                let _ = self.flush();
            },
            SAVE_AFTER,
        )
        .ok();
        let _ = self.timer.try_set_value(handle);
    }

    pub(super) fn cancel(self) {
        if let Some(Some(h)) = self.timer.try_update_value(|t| t.take()) {
            h.clear();
        }
    }

    /// Saves now what the student changed, if anything: opening, reloading or leaving
    /// the page never writes. `Err` says why the text is not saved (it stays on screen).
    pub(super) fn flush(self) -> Result<(), String> {
        if self.status.is_disposed() {
            return Ok(());
        }
        self.cancel();
        // A change kept on screen after a failed save is still waiting: try it again.
        let waiting = self
            .records
            .unsaved
            .with_untracked(|u| u.get::<Goal>(self.goal).is_some());
        if !self.sync.has_edits() && !waiting {
            return Ok(());
        }
        let Some(mut goal) = self
            .records
            .data
            .with_untracked(|d| d.get::<Goal>(self.goal).cloned())
        else {
            return Err("We couldn't find this goal any more.".into());
        };
        if goal.meta.deleted
            || !matches!(
                goal.state,
                ReviewState::Draft | ReviewState::ChangesRequested
            )
        {
            return Ok(());
        }
        let (text, date_error) = self.form.text(goal.date);
        let ctx = ctx_for(self.records, Actor::student(self.student));
        // The stored goal may be another tab's version that arrived while the student
        // typed here: theirs is kept inside the goal, ours is what the form shows.
        let theirs = goal.clone();
        let result = goal
            .edit(text, &ctx)
            .map_err(|e| (e.to_string(), part_of_error(&e)))
            .and_then(|changed| {
                if self.sync.other_arrived() && text_of(&theirs) != text_of(&goal) {
                    keep_version(&mut goal, &theirs);
                }
                if changed.is_empty() && !waiting {
                    Ok(())
                } else {
                    self.records
                        .save(goal.clone())
                        .map_err(|e| (e.to_string(), None))
                }
            })
            .inspect(|_| self.sync.saved(text_of(&goal)))
            .inspect_err(|_| {
                // A failed save keeps the change on screen as the goal: our own text,
                // not another tab's, so it must not come back as "another version".
                if self.records.data.with_untracked(|d| {
                    d.get::<Goal>(self.goal).map(text_of) == Some(text_of(&goal))
                }) {
                    self.sync.tried(text_of(&goal));
                }
            })
            .and_then(|()| date_error.map_or(Ok(()), |e| Err((e, Some(GoalField::Date)))));
        let (now, out) = match result {
            Ok(()) => (SaveStatus::Saved, Ok(())),
            Err((message, part)) => (SaveStatus::NotSaved(message.clone(), part), Err(message)),
        };
        // Said once: a live region that is rewritten on every keystroke chatters.
        if self.status.get_untracked() != now {
            self.status.set(now);
        }
        out
    }

    /// The student chose between their text and the other version: `use_other` puts
    /// the other one in the form first. What the form shows is saved, and the kept
    /// versions are settled.
    pub(super) fn settle(self, use_other: Option<GoalText>) -> Result<(), String> {
        self.cancel();
        if let Some(t) = &use_other {
            self.form.set(t);
        }
        let Some(mut goal) = self
            .records
            .data
            .with_untracked(|d| d.get::<Goal>(self.goal).cloned())
        else {
            return Err("We couldn't find this goal any more.".into());
        };
        let (text, _) = self.form.text(goal.date);
        let ctx = ctx_for(self.records, Actor::student(self.student));
        goal.edit(text, &ctx).map_err(|e| e.to_string())?;
        goal.resolve_conflicts(&ctx);
        self.records.save(goal.clone()).map_err(|e| {
            self.sync.tried(text_of(&goal));
            e.to_string()
        })?;
        self.sync.saved(text_of(&goal));
        self.status.set(SaveStatus::Saved);
        Ok(())
    }
}
