//! The storage benchmark (`cargo xtask bench`): a realistic class-year in the real
//! localStorage of headless Chromium, on the release profile. It prints figures; it
//! asserts nothing about time.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use wayfinder::domain::sample::{sample_class, SampleScale};
use wayfinder::domain::{
    merge::apply, ClassData, Comment, Evidence, Goal, Kind, Reflection, Timestamp,
};
use wayfinder::storage::exchange::{self, Scope};
use wayfinder::storage::records::{load_all, raw_dump, save_all, save_record, LastRead};
use wayfinder::storage::{pack, Backend, LocalBackend, QUOTA_UNITS};
use wayfinder_read::FastRead;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "bench/folder.rs"]
mod folder;
#[path = "bench/pins.rs"]
mod pins;
#[path = "bench/render.rs"]
mod render;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

fn time<R>(f: impl FnOnce() -> R) -> (R, f64) {
    let start = now_ms();
    let r = f();
    (r, now_ms() - start)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn report(line: String) {
    web_sys::console::log_1(&line.clone().into());
}

/// The class-year read literally: 35 students each with ~40 goals, ~150 evidence,
/// ~200 reflections and ~300 comments (26,000 records).
#[wasm_bindgen_test]
fn class_year_storage_benchmark() {
    storage_benchmark(
        "class-year (per student)",
        &SampleScale::class_year_per_student_counts(),
    );
}

/// The lighter reading: the same numbers of evidence, reflections and comments for the
/// whole class (4,000 records).
#[wasm_bindgen_test]
fn class_year_totals_storage_benchmark() {
    storage_benchmark("class-year (class totals)", &SampleScale::class_year());
}

fn storage_benchmark(label: &str, scale: &SampleScale) {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let backend = LocalBackend::open().unwrap();
    let (data, gen_ms) = time(|| sample_class(1, scale, Timestamp(1_756_684_800_000), "bench1"));
    let report = |line: String| report(line.replacen("bench:", &format!("bench: {label}:"), 1));
    report(format!(
        "bench: generated {} students, {} goals, {} evidence, {} reflections, {} comments, {} records in {gen_ms:.0} ms",
        data.students.len(),
        data.goals.len(),
        data.evidence.len(),
        data.reflections.len(),
        data.comments.len(),
        data.len()
    ));

    let (written, write_ms) = time(|| save_all(&backend, &data, &mut LastRead::default()));
    let written = written.expect("the class-year fits in localStorage");
    let units: usize = raw_dump(&backend)
        .unwrap()
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    report(format!(
        "bench: stored {written} records in {write_ms:.0} ms; size {units} UTF-16 units = {:.1}% of the {QUOTA_UNITS}-unit quota (target: at most 40%)",
        units as f64 * 100.0 / QUOTA_UNITS as f64
    ));

    let mut loads = Vec::new();
    let mut loaded = None;
    for _ in 0..5 {
        let (l, ms) = time(|| load_all(&backend, || "x".into(), &mut LastRead::default()).unwrap());
        loads.push(ms);
        loaded = Some(l);
    }
    let loaded = loaded.unwrap();
    assert_eq!(loaded.data.len(), data.len());
    // Where the load's time goes: reading the strings, unpacking, and the rest (parsing
    // JSON into records).
    let (keys, keys_ms) = time(|| backend.keys().unwrap());
    let (raws, read_ms) = time(|| {
        keys.iter()
            .filter_map(|k| backend.get(k).ok().flatten())
            .collect::<Vec<_>>()
    });
    let mut unpacker = pack::Unpacker::default();
    let (texts, unpack_ms) = time(|| {
        raws.iter()
            .filter(|r| pack::is_packed(r))
            .map(|r| unpacker.unpack(r).map(str::len).unwrap_or_default())
            .sum::<usize>()
    });
    // Parsing alone: the four big kinds of student work into typed records.
    let unpacked: Vec<(String, String)> = keys
        .iter()
        .zip(&raws)
        .filter(|(_, r)| pack::is_packed(r))
        .filter_map(|(k, r)| Some((k.clone(), pack::unpack(r).ok()?)))
        .collect();
    let (parsed, parse_ms) = time(|| {
        let mut parsed = ClassData::default();
        for (key, text) in &unpacked {
            let kind = Kind::parse(key.split(':').nth(2).unwrap_or_default());
            for line in text.lines() {
                let json = line.split_once('\t').map(|(_, j)| j).unwrap_or_default();
                match kind {
                    Some(Kind::Comment) => parsed.comments.extend(Comment::fast_read(json).ok()),
                    Some(Kind::Reflection) => {
                        parsed.reflections.extend(Reflection::fast_read(json).ok())
                    }
                    Some(Kind::Evidence) => parsed.evidence.extend(Evidence::fast_read(json).ok()),
                    Some(Kind::Goal) => parsed.goals.extend(Goal::fast_read(json).ok()),
                    _ => {}
                }
            }
        }
        parsed.len()
    });
    report(format!(
        "bench: load and build state from localStorage: median {:.1} ms of 5 (target: under 100 ms; each: {}); of which listing {} keys {keys_ms:.1} ms, reading them {read_ms:.0} ms, unpacking {:.1} MB of JSON {unpack_ms:.0} ms, parsing the {parsed} goals, evidence, reflections and comments {parse_ms:.0} ms",
        median(loads.clone()),
        loads.iter().map(|ms| format!("{ms:.0}")).collect::<Vec<_>>().join(", "),
        keys.len(),
        texts as f64 / 1e6
    ));

    let mut seen = LastRead::default();
    let _ = load_all(&backend, || "x".into(), &mut seen).unwrap();
    let mut saves = Vec::new();
    let mut reflection: Reflection = data.reflections[data.reflections.len() / 2].clone();
    for i in 0..21 {
        reflection.text =
            format!("Edited reflection number {i}: the diagram helped me explain it.");
        let (r, ms) = time(|| save_record(&backend, &reflection, &mut seen));
        r.unwrap();
        saves.push(ms);
    }
    report(format!(
        "bench: save one edited reflection: median {:.2} ms of 21 (target: under 5 ms)",
        median(saves)
    ));

    let (file, export_ms) =
        time(|| exchange::export(&data, Scope::All, Timestamp(1_760_000_000_000)));
    report(format!(
        "bench: export everything: {export_ms:.0} ms, file {:.1} KB",
        file.len() as f64 / 1024.0
    ));

    let ((incoming, merge), merge_ms) = time(|| {
        let incoming = exchange::parse(file.as_bytes()).unwrap();
        let merge = exchange::preview(&loaded.data, &incoming).unwrap();
        (incoming, merge)
    });
    report(format!(
        "bench: import-merge the whole class into the same data (parse + preview): {merge_ms:.0} ms, changes nothing: {} (target: under 1 s)",
        merge.summary.changes_nothing()
    ));

    storage.clear().unwrap();
    let (n, fresh_ms) = time(|| {
        let merge = exchange::preview(&ClassData::default(), &incoming).unwrap();
        let mut local = ClassData::default();
        let changed = merge.changed.clone();
        apply(&mut local, merge.changed);
        save_all(&backend, &changed, &mut LastRead::default()).unwrap()
    });
    report(format!(
        "bench: import-merge the whole class into an empty device (preview + write {n} records): {fresh_ms:.0} ms (target: under 1 s)"
    ));
    let back = load_all(&backend, || "x".into(), &mut LastRead::default()).unwrap();
    assert_eq!(back.data.len(), n, "every imported record reads back");
    storage.clear().unwrap();
}
