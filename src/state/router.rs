//! A small router: the current path as a signal, links that push history, and the
//! back button. Wayfinder's routes are few and flat, and leptos_router cost 132 KB of
//! wasm (42 KB brotli) for them, most of the first-load budget.

use leptos::ev;
use leptos::prelude::*;

use crate::domain::Id;

/// Every page Wayfinder has. Parsing is pure so it is tested on the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// "Who's using Wayfinder?"
    Start,
    /// "Which one is you?": the students of this device's class.
    Student,
    /// One student's area.
    StudentArea(Id, StudentView),
    /// The teacher's workspace.
    Teacher(TeacherView),
    /// The family view: choose your child.
    Family,
    /// The family view of one child.
    FamilyChild(Id),
    /// "Your data on this device": backups, import, storage use, recovery.
    Data,
    /// The class folder: choose it, see when this device last synced.
    Folder,
    /// Anything else.
    NotFound,
}

/// The parts of a student's area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudentView {
    /// My learning home: what now, what next, what my teacher said.
    Home,
    /// Choose my pathway through each unit, and how I'll show what I learned.
    Path,
    /// My goals, and the goal builder for a new one.
    Goals,
    /// One goal: edit a draft, submit, withdraw, see the history.
    Goal(Id),
    /// Self-assessment, evidence and reflections.
    Progress,
    /// "All about me": the learner profile.
    Me,
}

impl StudentView {
    /// The app path of this view for a student.
    pub fn path(self, student: Id) -> String {
        match self {
            StudentView::Home => format!("/student/{student}"),
            StudentView::Path => format!("/student/{student}/path"),
            StudentView::Goals => format!("/student/{student}/goals"),
            StudentView::Goal(g) => format!("/student/{student}/goals/{g}"),
            StudentView::Progress => format!("/student/{student}/progress"),
            StudentView::Me => format!("/student/{student}/me"),
        }
    }
}

/// The parts of the teacher's workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeacherView {
    /// The class, its roster and targets.
    Home,
    /// Everything waiting for the teacher.
    Review,
    /// Units (choice boards) and product formats.
    Units,
    /// One unit's choice board, to edit.
    Unit(Id),
    /// The class dashboard: students x targets, goals, paths, who's stuck.
    Dashboard,
    /// One student, seen by the teacher: ratings, goals, evidence, comments.
    Student(Id),
}

impl TeacherView {
    /// The app path of this view.
    pub fn path(self) -> String {
        match self {
            TeacherView::Home => "/teacher".into(),
            TeacherView::Review => "/teacher/review".into(),
            TeacherView::Units => "/teacher/units".into(),
            TeacherView::Unit(u) => format!("/teacher/units/{u}"),
            TeacherView::Dashboard => "/teacher/dashboard".into(),
            TeacherView::Student(s) => format!("/teacher/students/{s}"),
        }
    }
}

impl Route {
    /// The route for a path relative to the app's base ("/student", "/teacher/").
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Route::Start,
            ["student"] => Route::Student,
            ["student", id, rest @ ..] => match (Id::parse(id), rest) {
                (Ok(id), []) => Route::StudentArea(id, StudentView::Home),
                (Ok(id), ["path"]) => Route::StudentArea(id, StudentView::Path),
                (Ok(id), ["goals"]) => Route::StudentArea(id, StudentView::Goals),
                (Ok(id), ["goals", g]) => match Id::parse(g) {
                    Ok(g) => Route::StudentArea(id, StudentView::Goal(g)),
                    Err(_) => Route::NotFound,
                },
                (Ok(id), ["progress"]) => Route::StudentArea(id, StudentView::Progress),
                (Ok(id), ["me"]) => Route::StudentArea(id, StudentView::Me),
                _ => Route::NotFound,
            },
            ["teacher"] => Route::Teacher(TeacherView::Home),
            ["teacher", "review"] => Route::Teacher(TeacherView::Review),
            ["teacher", "units"] => Route::Teacher(TeacherView::Units),
            ["teacher", "units", u] => match Id::parse(u) {
                Ok(u) => Route::Teacher(TeacherView::Unit(u)),
                Err(_) => Route::NotFound,
            },
            ["teacher", "dashboard"] => Route::Teacher(TeacherView::Dashboard),
            ["teacher", "students", s] => match Id::parse(s) {
                Ok(s) => Route::Teacher(TeacherView::Student(s)),
                Err(_) => Route::NotFound,
            },
            ["family"] => Route::Family,
            ["family", id] => match Id::parse(id) {
                Ok(id) => Route::FamilyChild(id),
                Err(_) => Route::NotFound,
            },
            ["data"] => Route::Data,
            ["folder"] => Route::Folder,
            _ => Route::NotFound,
        }
    }
}

/// Strips the app's base path from a location path; `None` when outside the base.
pub fn relative_path(base: &str, pathname: &str) -> Option<String> {
    let rest = pathname.strip_prefix(base.trim_end_matches('/'))?;
    if rest.is_empty() {
        Some("/".into())
    } else if rest.starts_with('/') {
        Some(rest.to_string())
    } else {
        None
    }
}

/// The path the app is served under ("" at the root), from
/// `<meta name="wayfinder-base">`, which `cargo xtask dist --public-url` fills in.
fn base_path() -> String {
    let content = document()
        .query_selector("meta[name='wayfinder-base']")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    content.trim_end_matches('/').to_string()
}

fn location_path(base: &str) -> String {
    let pathname = window().location().pathname().unwrap_or_default();
    relative_path(base, &pathname).unwrap_or_else(|| "/not-found".into())
}

/// The current path and how to move to another.
#[derive(Clone, Copy)]
pub struct RouterState {
    path: RwSignal<String>,
    base: StoredValue<String>,
}

impl RouterState {
    /// The current path relative to the base (tracked).
    pub fn path(&self) -> String {
        self.path.get()
    }

    /// The current route (tracked).
    pub fn route(&self) -> Route {
        self.path.with(|p| Route::parse(p))
    }

    /// The full URL path for an app path, with the base in front.
    pub fn href(&self, to: &str) -> String {
        format!("{}{to}", self.base.get_value())
    }

    /// Goes to `to` (an app path such as "/student"), adding a history entry.
    pub fn navigate(&self, to: &str) {
        if let Ok(history) = window().history() {
            let _ =
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&self.href(to)));
        }
        self.path.set(to.to_string());
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Reads the location, follows the back and forward buttons, and provides the router.
pub fn provide_router() -> RouterState {
    let base = base_path();
    let path = RwSignal::new(location_path(&base));
    let state = RouterState {
        path,
        base: StoredValue::new(base),
    };
    let handle = window_event_listener(ev::popstate, move |_| {
        path.set(location_path(&state.base.get_value()));
    });
    on_cleanup(move || handle.remove());
    provide_context(state);
    state
}

/// The router provided by [`provide_router`].
pub fn use_router() -> RouterState {
    expect_context::<RouterState>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_routes() {
        assert_eq!(Route::parse("/"), Route::Start);
        assert_eq!(Route::parse(""), Route::Start);
        assert_eq!(Route::parse("/student"), Route::Student);
        assert_eq!(Route::parse("/student/"), Route::Student);
        assert_eq!(
            Route::parse("/teacher?x=1"),
            Route::Teacher(TeacherView::Home)
        );
        assert_eq!(
            Route::parse("/teacher/review"),
            Route::Teacher(TeacherView::Review)
        );
        assert_eq!(Route::parse("/family#top"), Route::Family);
        assert_eq!(Route::parse("/data"), Route::Data);
        assert_eq!(Route::parse("/folder"), Route::Folder);
        assert_eq!(Route::parse("/nope"), Route::NotFound);
        assert_eq!(Route::parse("/student/extra/deep"), Route::NotFound);
        assert_eq!(Route::parse("/student/not-an-id"), Route::NotFound);
        let u = Id::new_v4();
        for view in [
            TeacherView::Home,
            TeacherView::Review,
            TeacherView::Units,
            TeacherView::Unit(u),
            TeacherView::Dashboard,
            TeacherView::Student(u),
        ] {
            assert_eq!(Route::parse(&view.path()), Route::Teacher(view));
        }
        assert_eq!(Route::parse(&format!("/family/{u}")), Route::FamilyChild(u));
        assert_eq!(Route::parse("/family/nope"), Route::NotFound);
        assert_eq!(Route::parse("/teacher/students/nope"), Route::NotFound);
    }

    #[test]
    fn student_paths_round_trip() {
        let s = Id::new_v4();
        let g = Id::new_v4();
        for view in [
            StudentView::Home,
            StudentView::Path,
            StudentView::Goals,
            StudentView::Goal(g),
            StudentView::Progress,
            StudentView::Me,
        ] {
            assert_eq!(Route::parse(&view.path(s)), Route::StudentArea(s, view));
        }
        assert_eq!(
            Route::parse(&format!("/student/{s}/goals/xyz")),
            Route::NotFound
        );
        assert_eq!(
            Route::parse(&format!("/student/{s}/elsewhere")),
            Route::NotFound
        );
    }

    #[test]
    fn the_base_is_stripped_only_at_a_segment_boundary() {
        assert_eq!(relative_path("", "/student").as_deref(), Some("/student"));
        assert_eq!(
            relative_path("/some/path", "/some/path").as_deref(),
            Some("/")
        );
        assert_eq!(
            relative_path("/some/path/", "/some/path/teacher").as_deref(),
            Some("/teacher")
        );
        assert_eq!(relative_path("/some/path", "/some/pathology"), None);
        assert_eq!(relative_path("/some/path", "/elsewhere"), None);
    }
}
