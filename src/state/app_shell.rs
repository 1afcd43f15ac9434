//! The app as an installed, offline-first web app: the service worker, the "new version
//! ready" notice, the offline status and the install prompt.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::use_router;
use crate::storage::tab;

/// What the notices and the install button show.
#[derive(Clone, Copy)]
pub struct AppShellState {
    /// A new version has been downloaded and waits for the user's reload.
    pub update_ready: RwSignal<bool>,
    /// The browser says it is online.
    pub online: RwSignal<bool>,
    /// The browser offered to install the app (the button is shown).
    pub can_install: RwSignal<bool>,
    install_event: StoredValue<Option<web_sys::Event>, LocalStorage>,
    registration: StoredValue<Option<web_sys::ServiceWorkerRegistration>, LocalStorage>,
}

impl AppShellState {
    /// Activates the waiting version; the page reloads when it has taken over. Called
    /// only when the user asks, so nothing typed is interrupted.
    pub fn reload_into_update(&self) {
        keep_typed_text();
        let waiting = self
            .registration
            .with_value(|r| r.as_ref().and_then(|r| r.waiting()));
        match waiting {
            Some(worker) => {
                let msg = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&msg, &"type".into(), &"skip-waiting".into());
                let _ = worker.post_message(&msg);
            }
            None => {
                let _ = window().location().reload();
            }
        }
    }

    /// Shows the browser's install prompt (only after it offered one).
    pub fn install(&self) {
        let Some(event) = self.install_event.get_value() else {
            return;
        };
        if let Ok(prompt) = js_sys::Reflect::get(&event, &"prompt".into()) {
            if let Ok(prompt) = prompt.dyn_into::<js_sys::Function>() {
                let _ = prompt.call0(&event);
            }
        }
        self.install_event.set_value(None);
        self.can_install.set(false);
    }
}

/// Every text field's value by id, before the reload that activates a new version.
fn keep_typed_text() {
    let Ok(fields) = document().query_selector_all("input[type=text][id], textarea[id]") else {
        return;
    };
    let mut kept = serde_json::Map::new();
    for i in 0..fields.length() {
        let Some(node) = fields.get(i) else { continue };
        let (id, value) = if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
            (input.id(), input.value())
        } else if let Some(area) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            (area.id(), area.value())
        } else {
            continue;
        };
        if !value.is_empty() {
            kept.insert(id, serde_json::Value::String(value));
        }
    }
    tab::set(tab::TYPED, &serde_json::Value::Object(kept).to_string());
}

/// After the update reload, puts the kept text back into the same fields (and tells
/// the page, as if it had been typed), then forgets it.
pub fn restore_typed_text() {
    let Some(raw) = tab::get(tab::TYPED) else {
        return;
    };
    tab::remove(tab::TYPED);
    let Ok(serde_json::Value::Object(kept)) = serde_json::from_str(&raw) else {
        return;
    };
    for (id, value) in kept {
        let (Some(el), Some(text)) = (document().get_element_by_id(&id), value.as_str()) else {
            continue;
        };
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.set_value(text);
        } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            area.set_value(text);
        } else {
            continue;
        }
        if let Ok(ev) = web_sys::Event::new("input") {
            let _ = el.dispatch_event(&ev);
        }
    }
}

fn forget<F: ?Sized + wasm_bindgen::closure::WasmClosure>(c: Closure<F>) -> JsValue {
    c.into_js_value()
}

/// Watches a registration for a new version that finished installing.
fn watch_for_updates(reg: &web_sys::ServiceWorkerRegistration, ready: RwSignal<bool>) {
    let has_controller = || window().navigator().service_worker().controller().is_some();
    if reg.waiting().is_some() && has_controller() {
        ready.set(true);
    }
    let reg2 = reg.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        if let Some(installing) = reg2.installing() {
            let worker = installing.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == web_sys::ServiceWorkerState::Installed && has_controller() {
                    ready.set(true);
                }
            });
            installing.set_onstatechange(Some(forget(on_state).unchecked_ref()));
        }
    });
    reg.set_onupdatefound(Some(forget(on_found).unchecked_ref()));
}

/// Registers the service worker and provides [`AppShellState`].
pub fn provide_app_shell() -> AppShellState {
    let state = AppShellState {
        update_ready: RwSignal::new(false),
        online: RwSignal::new(window().navigator().on_line()),
        can_install: RwSignal::new(false),
        install_event: StoredValue::new_local(None),
        registration: StoredValue::new_local(None),
    };
    let online = state.online;
    let h1 = window_event_listener(ev::online, move |_| {
        online.set(true);
        // Back online: a good moment to look for a new version.
        state.registration.with_value(|r| {
            if let Some(r) = r {
                let _ = r.update();
            }
        });
    });
    let h2 = window_event_listener(ev::offline, move |_| online.set(false));
    let h3 = window_event_listener_untyped("beforeinstallprompt", move |e| {
        // Keep the browser's prompt for our own "Install Wayfinder" button.
        e.prevent_default();
        state.install_event.set_value(Some(e));
        state.can_install.set(true);
    });
    let h4 = window_event_listener_untyped("appinstalled", move |_| {
        state.install_event.set_value(None);
        state.can_install.set(false);
    });
    on_cleanup(move || {
        h1.remove();
        h2.remove();
        h3.remove();
        h4.remove();
    });
    let navigator = window().navigator();
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false)
        && window().is_secure_context();
    if supported {
        let container = navigator.service_worker();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            // Only reached after the user pressed "Reload now" (see reload_into_update),
            // or on the very first install (no controller before): reload just then.
            if state.update_ready.get_untracked() {
                let _ = window().location().reload();
            }
        });
        container.set_oncontrollerchange(Some(forget(on_change).unchecked_ref()));
        let base = use_router().href("/");
        let options = web_sys::RegistrationOptions::new();
        options.set_scope(&base);
        let promise = container.register_with_options(&format!("{base}sw.js"), &options);
        spawn_local(async move {
            if let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await {
                if let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() {
                    watch_for_updates(&reg, state.update_ready);
                    state.registration.set_value(Some(reg));
                }
            }
        });
    }
    provide_context(state);
    state
}

/// The app shell state provided by [`provide_app_shell`].
pub fn use_app_shell() -> AppShellState {
    expect_context::<AppShellState>()
}
