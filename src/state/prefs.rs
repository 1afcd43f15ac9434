//! This device's display preferences, saved through storage.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::StorageState;
use crate::storage::Key;

/// Display preferences of this device (not of a person: a shared device keeps them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Prefs {
    /// Larger type everywhere, for readers who need it.
    #[serde(default)]
    pub large_text: bool,
    /// One-key shortcuts in the teacher's review queue: off until turned on, since a
    /// letter typed in the wrong place must never approve work (WCAG 2.1.4).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub review_shortcuts: bool,
    /// A class folder was chosen on this device (its handle waits in IndexedDB), so the
    /// pages know it before IndexedDB answers and nothing moves once it does.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub class_folder: bool,
    /// The family view's language ("en", "es"), remembered on this device.
    #[serde(rename = "lang", default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Fields written by a newer Wayfinder survive our saves.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The preferences signal and how to change them.
#[derive(Clone, Copy)]
pub struct PrefsState {
    /// Current preferences.
    pub prefs: RwSignal<Prefs>,
    storage: StorageState,
}

impl PrefsState {
    /// Changes the preferences on screen and saves them; a failed save is reported.
    pub fn update(&self, change: impl FnOnce(&mut Prefs)) {
        self.prefs.update(change);
        let prefs = self.prefs.get_untracked();
        if let Some(Err(e)) = self.storage.with_store(|s| s.save(&Key::Prefs, &prefs)) {
            self.storage.report(e);
        }
    }
}

/// Loads the preferences and keeps `<html class="text-large">` in step with them.
pub fn provide_prefs(storage: StorageState) {
    let loaded = match storage.with_store(|s| s.load::<Prefs>(&Key::Prefs)) {
        Some(Ok(p)) => p.unwrap_or_default(),
        Some(Err(e)) => {
            storage.report(e);
            Prefs::default()
        }
        None => Prefs::default(),
    };
    let prefs = RwSignal::new(loaded);
    Effect::new(move |_| {
        let large = prefs.with(|p| p.large_text);
        if let Some(root) = document().document_element() {
            let _ = root.class_list().toggle_with_force("text-large", large);
        }
    });
    provide_context(PrefsState { prefs, storage });
}

/// The preferences provided by [`provide_prefs`].
pub fn use_prefs() -> PrefsState {
    expect_context::<PrefsState>()
}
