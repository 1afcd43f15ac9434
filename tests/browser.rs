//! Browser unit tests: the storage layer against the real localStorage of headless
//! Chromium (run by `cargo xtask test` through wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;
use wayfinder::storage::{Backend, Key, LocalBackend, StorageError, Store};

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Sample {
    large_text: bool,
    name: String,
}

fn raw_storage() -> web_sys::Storage {
    web_sys::window()
        .expect("window")
        .local_storage()
        .expect("storage allowed")
        .expect("storage present")
}

#[wasm_bindgen_test]
fn envelope_round_trips_through_local_storage() {
    raw_storage().clear().unwrap();
    let store = Store::local().expect("localStorage opens");
    let value = Sample {
        large_text: true,
        name: "Zoë 😀 <b>".into(),
    };
    store.save(&Key::Prefs, &value).unwrap();
    let raw = raw_storage().get_item("wayfinder:prefs").unwrap().unwrap();
    assert!(
        raw.starts_with(&format!(
            r#"{{"app":"wayfinder","v":{},"data":"#,
            wayfinder::storage::SCHEMA_VERSION
        )),
        "{raw}"
    );
    // A fresh store (as after a reload) reads the same value back.
    let again = Store::local().unwrap();
    assert_eq!(again.load::<Sample>(&Key::Prefs), Ok(Some(value)));
}

#[wasm_bindgen_test]
fn invalid_json_is_unreadable_and_left_byte_identical() {
    let storage = raw_storage();
    storage.clear().unwrap();
    let garbage = "{\"app\":\"wayfinder\",\"v\":1,\"data\":{\"large_te";
    storage.set_item("wayfinder:prefs", garbage).unwrap();
    storage.set_item("wayfinder:other", "untouched ✓").unwrap();
    let store = Store::local().unwrap();
    match store.load::<Sample>(&Key::Prefs) {
        Err(StorageError::Unreadable { key, raw, .. }) => {
            assert_eq!(key, "wayfinder:prefs");
            assert_eq!(raw, garbage);
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
    // A save after a failed read is refused, so nothing is written over the data.
    assert!(store
        .save(
            &Key::Prefs,
            &Sample {
                large_text: false,
                name: String::new()
            }
        )
        .is_err());
    assert_eq!(
        storage.get_item("wayfinder:prefs").unwrap().as_deref(),
        Some(garbage)
    );
    assert_eq!(
        storage.get_item("wayfinder:other").unwrap().as_deref(),
        Some("untouched ✓")
    );
}

#[wasm_bindgen_test]
fn a_full_storage_reports_quota_exceeded_and_keeps_the_old_value() {
    let storage = raw_storage();
    storage.clear().unwrap();
    let backend = LocalBackend::open().unwrap();
    backend.set("wayfinder:keep", "old value").unwrap();
    // Fill the origin's quota with 512 KiB chunks until the browser refuses.
    let chunk = "x".repeat(512 * 1024);
    let mut filled = 0;
    let mut refusal = None;
    for i in 0..40 {
        match backend.set(&format!("filler:{i}"), &chunk) {
            Ok(()) => filled += 1,
            Err(e) => {
                refusal = Some(e);
                break;
            }
        }
    }
    assert!(filled > 0, "nothing could be stored at all");
    assert_eq!(refusal, Some(StorageError::QuotaExceeded));
    let big = "y".repeat(1024 * 1024);
    assert_eq!(
        backend.set("wayfinder:keep", &big),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(
        backend.get("wayfinder:keep").unwrap().as_deref(),
        Some("old value")
    );
    storage.clear().unwrap();
}

mod records_state {
    use super::raw_storage;
    use leptos::prelude::*;
    use wasm_bindgen_test::*;
    use wayfinder::domain::sample::demo_class;
    use wayfinder::domain::{ClassData, Day, Reflection};
    use wayfinder::state::{provide_records, provide_storage};
    use wayfinder::storage::pack::pack;
    use wayfinder::storage::records::{bucket_key, bucket_lines};
    use wayfinder::storage::StorageError;

    fn demo() -> ClassData {
        demo_class(5, Day::from_ymd(2026, 11, 1).unwrap(), "dev1")
    }

    /// Fills localStorage with filler keys until even one more character is refused.
    fn fill(storage: &web_sys::Storage) -> usize {
        let mut n = 0;
        let mut size = 1 << 20;
        while size > 0 {
            if storage
                .set_item(&format!("filler:{n}"), &"x".repeat(size))
                .is_ok()
            {
                n += 1;
            } else {
                size /= 2;
            }
        }
        n
    }

    fn unfill(storage: &web_sys::Storage, n: usize) {
        for i in 0..n {
            storage.remove_item(&format!("filler:{i}")).unwrap();
        }
    }

    #[wasm_bindgen_test]
    fn a_change_that_cannot_be_saved_stays_on_screen_and_retry_saves_it() {
        let storage = raw_storage();
        storage.clear().unwrap();
        let owner = Owner::new();
        owner.with(|| {
            let state = provide_storage();
            let records = provide_records(state);
            let mut r: Reflection = demo().reflections[0].clone();
            r.text = "What went well: I explained my diagram to a partner.".into();
            let n = fill(&storage);
            assert_eq!(records.save(r.clone()), Err(StorageError::QuotaExceeded));
            // Still on screen, listed as unsaved, reported to the user; nothing stored.
            let shown = records
                .data
                .with_untracked(|d| d.get::<Reflection>(r.meta.id).cloned());
            assert_eq!(shown.map(|x| x.text), Some(r.text.clone()));
            assert_eq!(records.unsaved.with_untracked(|u| u.len()), 1);
            assert!(state
                .problems
                .with_untracked(|p| p.contains(&StorageError::QuotaExceeded)));
            let key = bucket_key(&r).expect("reflections live in buckets");
            assert_eq!(storage.get_item(&key).unwrap(), None);
            // Space freed: "Try saving again" stores it and clears the warning.
            unfill(&storage, n);
            records.retry_unsaved().unwrap();
            assert_eq!(records.unsaved.with_untracked(|u| u.len()), 0);
            let stored = bucket_lines(&storage.get_item(&key).unwrap().unwrap()).unwrap();
            assert_eq!(stored.len(), 1);
            assert!(stored[0].1.contains("I explained my diagram"), "{stored:?}");
            assert!(!state
                .problems
                .with_untracked(|p| p.contains(&StorageError::QuotaExceeded)));
        });
        storage.clear().unwrap();
    }

    #[wasm_bindgen_test]
    fn a_change_made_in_another_tab_appears_in_this_one() {
        let storage = raw_storage();
        storage.clear().unwrap();
        let owner = Owner::new();
        owner.with(|| {
            let records = provide_records(provide_storage());
            let mut r: Reflection = demo().reflections[1].clone();
            r.text = "Written in the other tab".into();
            // The bucket as the other tab wrote it.
            let key = bucket_key(&r).expect("reflections live in buckets");
            let raw = pack(&format!(
                "{}\t{}",
                r.meta.id,
                serde_json::to_string(&r).unwrap()
            ));
            // What the browser fires in this tab when another tab writes the key.
            let init = web_sys::StorageEventInit::new();
            init.set_key(Some(&key));
            init.set_new_value(Some(&raw));
            let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
            web_sys::window().unwrap().dispatch_event(&event).unwrap();
            let shown = records
                .data
                .with_untracked(|d| d.get::<Reflection>(r.meta.id).cloned());
            assert_eq!(
                shown.map(|x| x.text).as_deref(),
                Some("Written in the other tab")
            );
            // A bucket that cannot be unpacked is listed for recovery, not applied.
            init.set_new_value(Some("{broken"));
            let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
            web_sys::window().unwrap().dispatch_event(&event).unwrap();
            assert_eq!(records.unreadable.with_untracked(|u| u.len()), 1);
        });
        storage.clear().unwrap();
    }
}

/// Long lists with a year of work: the teacher's page for one student (evidence) and the
/// student's journal show the newest twenty first, older ones twenty at a time, focus
/// moving to the first one shown.
mod long_lists {
    use super::raw_storage;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use wayfinder::domain::sample::{sample_class, SampleScale};
    use wayfinder::domain::{ClassData, Timestamp};
    use wayfinder::pages::student::StudentArea;
    use wayfinder::pages::teacher::TeacherArea;
    use wayfinder::state::{self, StudentView, TeacherView};
    use wayfinder::storage::records::{save_all, LastRead};
    use wayfinder::storage::LocalBackend;

    /// Waits `ms` milliseconds (effects and animation frames run meanwhile).
    async fn later(ms: i32) {
        let wait = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
    }

    /// A class of one student with `evidence` pieces of evidence and `reflections`
    /// journal entries, stored in localStorage (emptied first).
    fn one_student(seed: u64, evidence: usize, reflections: usize) -> ClassData {
        raw_storage().clear().unwrap();
        let data = sample_class(
            seed,
            &SampleScale::one_student(evidence, reflections),
            Timestamp(1_756_684_800_000),
            "d1",
        );
        save_all(
            &LocalBackend::open().unwrap(),
            &data,
            &mut LastRead::default(),
        )
        .unwrap();
        data
    }

    /// Mounts `page` into a fresh element with the app's state, as `App` does.
    fn mount_page(page: impl FnOnce() -> AnyView + 'static) -> (web_sys::HtmlElement, impl Sized) {
        let document = web_sys::window().unwrap().document().unwrap();
        let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&host).unwrap();
        let handle = leptos::mount::mount_to(host.clone(), move || {
            state::provide_app_state();
            page()
        });
        (host, handle)
    }

    /// Unmounts the page and forgets the stored data and who was signed in.
    fn leave(host: web_sys::HtmlElement, handle: impl Sized) {
        drop(handle);
        host.remove();
        raw_storage().clear().unwrap();
        if let Ok(Some(tab)) = web_sys::window().unwrap().session_storage() {
            tab.clear().unwrap();
        }
    }

    /// The first button in `host` saying "Show … older …".
    fn older_button(host: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
        let buttons = host.query_selector_all("button").unwrap();
        (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .map(|b| b.unchecked_into::<web_sys::HtmlElement>())
            .find(|b| {
                let words = b.text_content().unwrap_or_default();
                words.starts_with("Show ") && words.contains(" older ")
            })
    }

    /// The id of the focused element.
    fn focused() -> String {
        web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .active_element()
            .map(|e| e.id())
            .unwrap_or_default()
    }

    #[wasm_bindgen_test]
    async fn older_evidence_comes_twenty_at_a_time_and_focus_follows() {
        let data = one_student(1, 45, 0);
        let student = data.students[0].meta.id;
        let mut newest_first: Vec<_> = data
            .evidence
            .iter()
            .filter(|e| e.student == student && !e.meta.deleted)
            .map(|e| (e.meta.created, e.meta.id))
            .collect();
        newest_first.sort_by(|a, b| b.cmp(a));
        let total = newest_first.len();
        assert!(total > 40 && total < 60, "{total} pieces of evidence");

        let view = TeacherView::Student(student);
        let (host, handle) =
            mount_page(move || view! { <main><TeacherArea view/></main> }.into_any());
        let section = "section[aria-labelledby='ts-evidence']";
        let shown = || {
            host.query_selector_all(&format!("{section} li.ts-item"))
                .unwrap()
                .length() as usize
        };

        assert_eq!(shown(), 20);
        let note = host
            .query_selector(&format!("{section} p[aria-live]"))
            .unwrap()
            .and_then(|p| p.text_content())
            .unwrap_or_default();
        assert_eq!(note, format!("Showing the newest 20 of {total}."));
        let button = older_button(&host).expect("a button for older evidence");
        assert_eq!(
            button.text_content().unwrap(),
            "Show 20 older pieces of evidence"
        );

        button.click();
        later(100).await;
        assert_eq!(shown(), 40);
        assert_eq!(focused(), format!("ts-evidence-{}", newest_first[20].1));
        let button = older_button(&host).expect("a button for the rest");
        let rest = total - 40;
        let words = if rest == 1 {
            "Show 1 older piece of evidence".to_string()
        } else {
            format!("Show {rest} older pieces of evidence")
        };
        assert_eq!(button.text_content().unwrap(), words);

        button.click();
        later(100).await;
        assert_eq!(shown(), total);
        assert!(older_button(&host).is_none(), "nothing older is left");
        assert_eq!(focused(), format!("ts-evidence-{}", newest_first[40].1));
        leave(host, handle);
    }

    /// The student's journal with a year of reflections.
    #[wasm_bindgen_test]
    async fn older_journal_entries_come_twenty_at_a_time() {
        let data = one_student(2, 0, 45);
        let id = data.students[0].meta.id;
        let total = data.reflections.iter().filter(|r| r.student == id).count();
        assert!(total > 40 && total < 60, "{total} reflections");

        let view = StudentView::Progress;
        let (host, handle) =
            mount_page(move || view! { <main><StudentArea id view/></main> }.into_any());
        let entries = || host.query_selector_all("li.timeline-entry").unwrap();
        assert_eq!(entries().length(), 20);
        let button = older_button(&host).expect("a button for older entries");
        assert_eq!(button.text_content().unwrap(), "Show 20 older entries");
        button.click();
        later(100).await;
        assert_eq!(entries().length(), 40);
        let twenty_first = entries()
            .item(20)
            .unwrap()
            .unchecked_into::<web_sys::Element>()
            .id();
        assert!(twenty_first.starts_with("entry-item-"), "{twenty_first}");
        assert_eq!(focused(), twenty_first);
        let rest = older_button(&host).expect("a button for the rest");
        assert_eq!(
            rest.text_content().unwrap(),
            format!("Show {} older entries", total - 40)
        );
        leave(host, handle);
    }
}
