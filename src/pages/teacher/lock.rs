//! The lock in front of the teacher's workspace (and of "Your data"): the PIN, the wait
//! after wrong tries, and the recovery code for a forgotten PIN.

use leptos::prelude::*;

use crate::components::{Page, PinUnlock, PIN_HONESTY};
use crate::state::{use_session, PinScope, SessionState, Who};

/// True when this tab may show the teacher's pages: no teacher PIN is set yet, or the
/// teacher unlocked this tab. Never when the PIN record cannot be read (tracked).
pub fn teacher_may_enter(session: SessionState) -> bool {
    if session.book_error.with(Option::is_some) {
        return false;
    }
    !session.teacher_has_pin() || session.who.get() == Some(Who::Teacher)
}

/// The locked page: the teacher's PIN, or the recovery code.
#[component]
pub fn TeacherLock(
    /// The page's heading.
    #[prop(into)]
    title: String,
) -> impl IntoView {
    let session = use_session();
    // A memo, so re-reading the PIN record does not rebuild (and reset) the form.
    let unreadable = Memo::new(move |_| session.book_error.get().map(|e| e.to_string()));
    view! {
        <Page title=title>
            {move || match unreadable.get() {
                Some(reason) => view! {
                    <section class="card card-warning" aria-labelledby="lock-heading">
                        <h2 id="lock-heading">"This stays locked"</h2>
                        <p>"The PIN information on this device can't be read, so the teacher's pages stay locked rather than open to anyone. Nothing else was changed: students can still use their pages."</p>
                        <p class="note">{reason}</p>
                    </section>
                }.into_any(),
                None => view! {
                    <section class="card lock-card" aria-labelledby="lock-heading">
                        <h2 id="lock-heading">"Enter your teacher PIN"</h2>
                        <PinUnlock scope=PinScope::Teacher label="Teacher PIN" id="teacher-pin"/>
                        <p class="note">{PIN_HONESTY}</p>
                    </section>
                    <details class="card">
                        <summary>"Forgot your PIN?"</summary>
                        <p>"Type the recovery code you were shown when you set the PIN. You'll choose a new PIN next."</p>
                        <PinUnlock scope=PinScope::Recovery label="Recovery code" id="recovery-code"/>
                        <p class="note">"Without the recovery code the PIN can't be reset on this device. Your class's work stays here and students can keep using their pages; whoever manages this Chromebook can clear Wayfinder's data from the browser, which removes everything, so export a backup whenever you can."</p>
                    </details>
                }.into_any(),
            }}
        </Page>
    }
}
