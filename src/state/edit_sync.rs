//! An open form over one stored record, kept in step with other tabs.
//!
//! Another tab (or an import) may save the same record while a form shows it: the
//! `storage` event brings the new version into [`super::RecordsState::data`], and the
//! form hears of it here, before it writes. If the person has not typed since the form
//! was last in step, the other text is simply taken in. If they have, their text stays
//! in the form and the other version is kept inside the record (as an import's merge
//! keeps a losing version), shown as "there is another version" until someone chooses.
//!
//! A form saves only what the person changed: opening, reloading or leaving it never
//! writes (a stale form saved on `pagehide` is how two tabs used to lose text).

use leptos::prelude::*;

use crate::domain::Record;

/// The sync state of one form whose text is a `T` (for a goal, its `GoalText`).
pub struct EditSync<T: Send + Sync + 'static> {
    /// The stored text the form was last in step with (shown at first, taken in, or
    /// saved).
    base: StoredValue<T>,
    /// The person changed something since: a save is due.
    typed: StoredValue<bool>,
    /// Another version arrived while the person had unsaved changes: the next save
    /// keeps it inside the record.
    other_arrived: StoredValue<bool>,
}

impl<T: Send + Sync + 'static> Clone for EditSync<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for EditSync<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> EditSync<T> {
    /// A form that shows `shown`, the stored text, with nothing typed yet.
    pub fn new(shown: T) -> Self {
        Self {
            base: StoredValue::new(shown),
            typed: StoredValue::new(false),
            other_arrived: StoredValue::new(false),
        }
    }

    /// Follows the stored record: `stored` reads its text now (tracked; `None` while
    /// it is gone), `take_in` puts a text into the form's fields, and `keep_both` is
    /// called when another version arrived while the person had unsaved changes (save
    /// now, keeping it).
    pub fn follow(
        self,
        stored: impl Fn() -> Option<T> + 'static,
        take_in: impl Fn(&T) + 'static,
        keep_both: impl Fn() + 'static,
    ) {
        Effect::new(move |_| {
            let Some(now) = stored() else { return };
            if self.base.try_with_value(|b| *b == now).unwrap_or(true) {
                return;
            }
            if self.typed.get_value() {
                self.other_arrived.set_value(true);
                keep_both();
            } else {
                take_in(&now);
                self.base.set_value(now);
            }
        });
    }

    /// The person changed something in the form.
    pub fn edited(self) {
        let _ = self.typed.try_set_value(true);
    }

    /// True when the person changed something that is not saved yet.
    pub fn has_edits(self) -> bool {
        self.typed.try_get_value().unwrap_or(false)
    }

    /// True when a version from elsewhere arrived under the person's unsaved changes:
    /// the save must keep it (see [`keep_version`]).
    pub fn other_arrived(self) -> bool {
        self.other_arrived.try_get_value().unwrap_or(false)
    }

    /// Saving `text` failed, and the page now shows it as the record (kept on screen
    /// until it can be saved): it is not another version, and it is still to be saved.
    pub fn tried(self, text: T) {
        let _ = self.base.try_set_value(text);
    }

    /// The form's text `text` is saved: it is the stored text now.
    pub fn saved(self, text: T) {
        let _ = self.base.try_set_value(text);
        let _ = self.typed.try_set_value(false);
        let _ = self.other_arrived.try_set_value(false);
    }
}

/// Keeps `other` whole inside `record`, as the merge keeps the version that lost a
/// concurrent edit: nothing of it is lost, and the page shows "there is another
/// version" until someone chooses.
pub fn keep_version<T: Record>(record: &mut T, other: &T) {
    let mut kept = other.clone();
    kept.meta_mut().versions.clear();
    kept.meta_mut().conflicts.clear();
    let Ok(value) = serde_json::to_value(&kept) else {
        return;
    };
    let mine = {
        let mut c = record.clone();
        c.meta_mut().versions.clear();
        c.meta_mut().conflicts.clear();
        serde_json::to_value(&c).ok()
    };
    let conflicts = &mut record.meta_mut().conflicts;
    if mine.as_ref() != Some(&value) && !conflicts.contains(&value) {
        conflicts.push(value);
    }
}
