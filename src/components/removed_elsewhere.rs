//! When Wayfinder's saved data is removed while a tab is open (another tab cleared it,
//! or the browser did), the tab says so at the top of every page, keeps what it holds
//! on screen, read-only, and writes nothing until the person chooses: save it to a
//! file, or put it back on this device.

use leptos::prelude::*;

use crate::domain::pin::PinBook;
use crate::state::files::download_text;
use crate::state::{now, today, use_records, use_session};
use crate::storage::exchange::{self, Scope};

/// The notice and its two ways out, shown only while the data is removed elsewhere.
#[component]
pub fn RemovedElsewhere() -> impl IntoView {
    let records = use_records();
    let session = use_session();
    let (message, set_message) = signal(String::new());
    let download = move |_| {
        let text = records
            .data
            .with_untracked(|d| exchange::export(d, Scope::All, now()));
        let name = Scope::All.file_name(&today().to_iso());
        match download_text(&name, "application/json", &text) {
            Ok(()) => set_message.set(format!(
                "Downloaded {name}. Nothing on this device was changed."
            )),
            Err(e) => set_message.set(e),
        }
    };
    let put_back = move |_| {
        // The PINs this tab knows go back too, so the curtain is back where it was.
        let book = session.book.get_untracked();
        match records.put_back() {
            Ok(_) => {
                let pins = if book == PinBook::default() {
                    Ok(())
                } else {
                    session.change_book(|b| *b = book)
                };
                set_message.set(match pins {
                    Ok(()) => {
                        "Put back. Everything on screen is saved on this device again.".into()
                    }
                    Err(e) => format!("Put back, but the PINs could not be saved: {e}"),
                });
            }
            Err(e) => set_message.set(format!("It could not be put back: {e}")),
        }
    };
    view! {
        <Show when=move || records.removed_elsewhere.get()>
            <div class="banner banner-warning removed-elsewhere" role="alert">
                <p>
                    <strong>"Wayfinder's saved data was removed from this browser"</strong>
                    ", in another tab or by the browser itself. This tab still has it: what you see stays on screen, read-only, and nothing is saved until you choose."
                </p>
                <div class="actions">
                    <button type="button" class="button" on:click=download>"Download it as a backup file"</button>
                    <button type="button" class="button button-quiet" on:click=put_back>"Put it back on this device"</button>
                </div>
            </div>
        </Show>
        <p class="status-line" role="status">{message}</p>
    }
}
