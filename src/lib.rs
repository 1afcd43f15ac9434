//! Wayfinder: personalized learning that lives entirely in this browser.
//!
//! `domain` holds the pure rules, `storage` the only access to localStorage, `state` the
//! reactive state built from it, `pages` one routed page per file and `components` the
//! reusable pieces.

pub mod components;
pub use wayfinder_domain as domain;
pub mod i18n;
pub mod pages;
pub mod state;
pub mod storage;
pub mod words;

use leptos::prelude::*;

use components::{AppNotices, RemovedElsewhere, SiteHeader, StorageBanner};
use pages::family::{FamilyChild, FamilyHome};
use pages::{data::DataPage, not_found::NotFound, start::StartPage};
use pages::{student::StudentArea, student::StudentPicker, teacher::TeacherArea};
use state::Route;

/// The whole app: storage, preferences and the router in context, the frame, the page.
#[component]
pub fn App() -> impl IntoView {
    let router = state::provide_app_state();
    state::provide_app_shell();
    if let Some(folder) = state::folder::use_folder() {
        state::folder::start_folder(folder);
    }
    let page = move || match router.route() {
        Route::Start => StartPage().into_any(),
        Route::Student => StudentPicker().into_any(),
        Route::StudentArea(id, view) => view! { <StudentArea id view/> }.into_any(),
        Route::Teacher(view) => view! { <TeacherArea view/> }.into_any(),
        Route::Family => FamilyHome().into_any(),
        Route::FamilyChild(id) => view! { <FamilyChild id/> }.into_any(),
        Route::Data => DataPage().into_any(),
        Route::Folder => pages::folder::FolderPage().into_any(),
        Route::NotFound => NotFound().into_any(),
    };
    // The family pages speak the family's language; the rest of the app is English. The
    // header and `<html lang>` follow, so a screen reader reads the page in its language.
    let family_lang = pages::family::use_lang();
    let lang = Memo::new(move |_| match router.route() {
        Route::Family | Route::FamilyChild(_) => family_lang.get(),
        _ => i18n::Lang::En,
    });
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().code());
        }
    });
    // Text typed before an update reload comes back once the page is on screen.
    request_animation_frame(state::restore_typed_text);
    view! {
        <SiteHeader lang/>
        <main id="main" tabindex="-1">
            <AppNotices/>
            <StorageBanner/>
            <RemovedElsewhere/>
            {page}
        </main>
    }
}
