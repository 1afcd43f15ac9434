//! What a section says after an action: a status line for success, an alert for errors.

use leptos::prelude::*;

use super::SpaceNote;

/// The outcome of a section's last action, shown by [`FeedbackLines`].
#[derive(Clone, Copy)]
pub struct Feedback {
    message: RwSignal<String>,
    error: RwSignal<String>,
}

impl Default for Feedback {
    fn default() -> Self {
        Self {
            message: RwSignal::new(String::new()),
            error: RwSignal::new(String::new()),
        }
    }
}

impl Feedback {
    /// Shows `Ok(sentence)` as the status, or `Err(sentence)` as an alert.
    pub fn show(&self, result: Result<String, String>) {
        match result {
            Ok(m) => {
                self.error.set(String::new());
                self.message.set(m);
            }
            Err(e) => {
                self.message.set(String::new());
                self.error.set(e);
            }
        }
    }
}

/// The status line and, when there is one, the error.
#[component]
pub fn FeedbackLines(
    /// Whose outcome to show.
    feedback: Feedback,
) -> impl IntoView {
    let has_error = move || !feedback.error.get().is_empty();
    view! {
        <p class="status-line" role="status">
            {move || feedback.message.get()}
            // Said where the change was saved, while there is still room to act.
            <Show when=move || feedback.message.with(|m| !m.is_empty())>
                <SpaceNote/>
            </Show>
        </p>
        <Show when=has_error>
            <p class="error" role="alert">{move || feedback.error.get()}</p>
        </Show>
    }
}
