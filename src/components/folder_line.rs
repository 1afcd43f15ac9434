//! One line about the class folder, with the way to its page: on the start page (where
//! a wiped Chromebook begins) and the teacher's home.

use leptos::prelude::*;

use super::Link;
use crate::domain::dashboard::ago_words;
use crate::domain::Timestamp;
use crate::state::folder::{use_folder, Status};
use crate::state::now;

/// "just now", "3 minutes ago", "2 hours ago": fine-grained, for the last sync.
pub fn sync_words(at: Timestamp, now: Timestamp) -> String {
    let mins = (now.0 - at.0).max(0) / 60_000;
    match mins {
        0 => "just now".into(),
        1 => "1 minute ago".into(),
        m if m < 60 => format!("{m} minutes ago"),
        _ => ago_words(Some(at), now),
    }
}

/// Where the class folder stands on this device, and a link to its page.
#[component]
pub fn FolderLine() -> impl IntoView {
    let folder = use_folder();
    move || {
        let folder = folder?;
        let (line, link) = match folder.status.get() {
            Status::NotChosen => (
                "No class folder on this device yet. With one, the class's work moves between its devices by itself.".to_string(),
                "Set up the class folder",
            ),
            Status::Starting => ("Class folder: connecting…".to_string(), "Class folder"),
            Status::Connected => (
                match folder.synced_at.get() {
                    Some(at) => format!("Class folder: synced {}.", sync_words(at, now())),
                    None => "Class folder: connected.".to_string(),
                },
                "Class folder",
            ),
            Status::NeedsPermission => (
                "The class folder needs your permission again.".to_string(),
                "Allow the class folder",
            ),
            Status::Gone => (
                "The class folder can't be found. Everything is still on this device.".to_string(),
                "Class folder",
            ),
            _ => return None,
        };
        Some(view! {
            <p class="note folder-line">{line}" "<Link to="/folder">{link}</Link></p>
        })
    }
}
