//! Wayfinder: personalized learning that lives entirely in this browser.
//!
//! `domain` holds the pure rules, `storage` the only access to localStorage, `state` the
//! reactive state built from it, `pages` one routed page per file and `components` the
//! reusable pieces.

pub mod components;
pub mod domain;
pub mod pages;
pub mod state;
pub mod storage;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::{SiteHeader, StorageBanner};
use pages::{family::FamilyHome, not_found::NotFound, start::StartPage};
use pages::{student::StudentHome, teacher::TeacherHome};

/// The path the app is served under ("" at the root), from
/// `<meta name="wayfinder-base">`, which `cargo xtask dist --public-url` fills in.
pub fn base_path() -> String {
    let content = document()
        .query_selector("meta[name='wayfinder-base']")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    content.trim_end_matches('/').to_string()
}

/// The whole app: storage, preferences, the frame and the routes.
#[component]
pub fn App() -> impl IntoView {
    let storage = state::provide_storage();
    state::provide_prefs(storage);
    view! {
        <Router base=base_path()>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <StorageBanner/>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=StartPage/>
                    <Route path=path!("/student") view=StudentHome/>
                    <Route path=path!("/teacher") view=TeacherHome/>
                    <Route path=path!("/family") view=FamilyHome/>
                </Routes>
            </main>
        </Router>
    }
}
