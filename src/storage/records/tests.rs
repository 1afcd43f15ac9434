//! The record space on a memory backend: layout, loads, saves, two tabs, legacy keys.

use super::*;
use crate::domain::data::for_each_kind;
use crate::domain::record::Ctx;
use crate::domain::sample::{demo_class, sample_class, SampleScale};
use crate::domain::FromJson;
use crate::domain::{Actor, ClassData, Day, Id, Record, Reflection, Timestamp};
use crate::storage::migrate::pack_legacy;
use crate::storage::{Backend, MemoryBackend, StorageError};
use wayfinder_read::FastRead;

fn demo() -> ClassData {
    demo_class(7, Day::from_ymd(2026, 11, 1).unwrap(), "dev1")
}

fn stored(data: &ClassData) -> (MemoryBackend, LastRead) {
    let b = MemoryBackend::default();
    let mut seen = LastRead::default();
    save_all(&b, data, &mut seen).unwrap();
    (b, seen)
}

#[test]
fn an_import_is_written_whole_or_not_at_all() {
    let here = demo();
    let incoming = demo_class(8, Day::from_ymd(2026, 11, 1).unwrap(), "dev2");
    // Room for what is here and a little more: the import fails part-way.
    let mut units = 0;
    for (k, v) in stored(&here).0.snapshot() {
        units += k.encode_utf16().count() + v.unwrap().encode_utf16().count();
    }
    let b = MemoryBackend::with_quota(units + 2_000);
    save_all(&b, &here, &mut LastRead::default()).unwrap();
    let before = b.snapshot();
    assert_eq!(
        save_all_at_once(&b, &incoming),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(b.snapshot(), before);
    // With room, all of it lands and reads back.
    let roomy = MemoryBackend::default();
    save_all(&roomy, &here, &mut LastRead::default()).unwrap();
    assert_eq!(save_all_at_once(&roomy, &incoming), Ok(incoming.len()));
    let loaded = load_all(&roomy, || "dev3".into(), &mut LastRead::default()).unwrap();
    assert_eq!(loaded.data.len(), here.len() + incoming.len());
}

#[test]
fn everything_saved_loads_back_equal() {
    let data = demo();
    let (b, _) = stored(&data);
    let loaded = load_all(&b, || "new".into(), &mut LastRead::default()).unwrap();
    assert!(loaded.unreadable.is_empty());
    assert_eq!(loaded.data.len(), data.len());
    assert_eq!(loaded.data.goals.len(), data.goals.len());
    let mut a = loaded.data.goals.clone();
    let mut e = data.goals.clone();
    a.sort_by_key(|g| g.id());
    e.sort_by_key(|g| g.id());
    assert_eq!(a, e);
    assert!(loaded.meta_is_new);
    assert_eq!(loaded.meta.device, "new");
}

#[test]
fn seen_finds_a_record_by_its_key_or_by_kind_and_id() {
    let id = Id::parse("QI_dlaekTWamYJi2xreG3Q").unwrap();
    let mut seen = LastRead::default();
    seen.note_record::<Reflection>(id, "{\"x\":1}");
    let key = record_key::<Reflection>(id);
    assert!(seen.is_current(&key, "{\"x\":1}"));
    assert!(!seen.is_current(&key, "{\"x\":2}"));
    // Another kind with the same id, and keys of other shapes, are other entries.
    assert!(seen
        .get(&record_key::<crate::domain::Comment>(id))
        .is_none());
    for odd in [
        "wayfinder:meta",
        "wayfinder:r:j:not-an-id",
        "wayfinder:r:abc:QI_dlaekTWamYJi2xreG3Q",
    ] {
        assert!(seen.get(odd).is_none(), "{odd}");
        seen.note(odd, "a");
        assert!(seen.is_current(odd, "a"), "{odd}");
        assert!(!seen.is_current(odd, "b"), "{odd}");
    }
    seen.note(&key, "{\"x\":3}");
    assert!(seen.is_current(&key, "{\"x\":3}"));
    assert_eq!(seen.records.len(), 1);
    assert_eq!(seen.other.len(), 3);
}

#[test]
fn a_records_bucket_never_changes_between_versions() {
    // Picked by FNV-1a of the id: another pick would file stored records twice.
    let mut r = reflection(&demo());
    for (id, n) in [
        ("AAECAwQFBgcICQoLDA0ODw", 7),
        ("VOTuVRAcSKqY50Genrr3Ug", 7),
        ("WoUjJPXmSdWtNXyuCocaxQ", 0),
    ] {
        r.meta.id = Id::parse(id).unwrap();
        let key = bucket_key(&r).unwrap();
        assert_eq!(key, format!("{BUCKET_PREFIX}j:{}:{n}", r.student), "{id}");
    }
}

#[test]
fn the_quick_reader_reads_every_record_as_serde_does() {
    let mut data = demo();
    // Tombstones, kept conflicts and edited records too.
    let ctx = crate::domain::Ctx::new(
        crate::domain::Actor::teacher(data.classes[0].id()),
        "d9",
        crate::domain::time::Timestamp(data.goals[0].meta.created.0 + 99),
    );
    data.goals[0].tombstone(&ctx);
    let copy = serde_json::to_value(&data.comments[1]).unwrap();
    data.comments[0].meta.conflicts.push(copy);
    data.comments[0].touch(&ctx);
    let mut n = 0;
    macro_rules! check {
        ($f:ident, $t:ty) => {
            for r in &data.$f {
                let json = serde_json::to_string(r).unwrap();
                let quick = <$t as FromJson>::from_json(&json).unwrap();
                assert_eq!(&quick, r, "{json}");
                assert_eq!(&<$t as FastRead>::fast_read(&json).unwrap(), r, "{json}");
                assert_eq!(quick, serde_json::from_str::<$t>(&json).unwrap());
                n += 1;
            }
        };
    }
    for_each_kind!(check);
    assert_eq!(n, data.len());
    // A field twice: serde refuses it, and so does the quick reader.
    let json = serde_json::to_string(&data.comments[2]).unwrap();
    let twice = format!("{},\"x\":\"again\"}}", &json[..json.len() - 1]);
    assert!(serde_json::from_str::<crate::domain::Comment>(&twice).is_err());
    assert!(crate::domain::Comment::from_json(&twice).is_err());
}

/// The stored text of a record, from its bucket or its own key.
fn stored_json<T: Record>(b: &MemoryBackend, r: &T) -> Option<String> {
    match bucket_key(r) {
        None => b.get(&record_key::<T>(r.id())).unwrap(),
        Some(bk) => bucket_lines(&b.get(&bk).unwrap()?)
            .unwrap()
            .into_iter()
            .find(|(id, _)| *id == r.id().to_string())
            .map(|(_, json)| json),
    }
}

/// Rewrites the line of `id` in bucket `bk` to `json`, as a newer version or a hand
/// edit might.
fn set_line(b: &MemoryBackend, bk: &str, id: &str, json: &str) {
    let lines: Vec<String> = bucket_lines(&b.get(bk).unwrap().unwrap())
        .unwrap()
        .into_iter()
        .map(|(i, j)| {
            if i == id {
                format!("{i}\t{json}")
            } else {
                format!("{i}\t{j}")
            }
        })
        .collect();
    b.set(bk, &crate::storage::pack::pack(&lines.join("\n")))
        .unwrap();
}

#[test]
fn students_work_is_kept_in_packed_buckets_and_setup_under_its_own_keys() {
    let data = demo();
    let (b, _) = stored(&data);
    let keys = b.keys().unwrap();
    assert!(keys.iter().all(|k| !k.starts_with("wayfinder:r:g:")));
    assert!(keys.contains(&record_key::<crate::domain::StudentProfile>(
        data.students[0].id()
    )));
    let bk = bucket_key(&data.goals[0]).unwrap();
    assert!(bk.contains(&data.goals[0].student.to_string()), "{bk}");
    assert_eq!(
        stored_json(&b, &data.goals[0]),
        Some(serde_json::to_string(&data.goals[0]).unwrap())
    );
}

#[test]
fn a_damaged_bucket_hides_only_its_own_records() {
    let data = demo();
    let (b, _) = stored(&data);
    let victim = bucket_key(&data.goals[0]).unwrap();
    let in_victim = data
        .goals
        .iter()
        .filter(|g| bucket_key(*g).as_deref() == Some(victim.as_str()))
        .count();
    b.set(&victim, "z1:40:garbage").unwrap();
    let loaded = load_all(&b, || "x".into(), &mut LastRead::default()).unwrap();
    assert_eq!(loaded.data.goals.len(), data.goals.len() - in_victim);
    assert_eq!(loaded.data.reflections.len(), data.reflections.len());
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].key, victim);
    assert_eq!(loaded.unreadable[0].raw, "z1:40:garbage");
    // and it is still there, byte for byte
    assert_eq!(b.get(&victim).unwrap().as_deref(), Some("z1:40:garbage"));
}

#[test]
fn one_corrupt_record_never_hides_the_others() {
    let data = demo();
    let (b, _) = stored(&data);
    let g = &data.goals[0];
    let bk = bucket_key(g).unwrap();
    set_line(&b, &bk, &g.id().to_string(), "{\"i\":\"trunc");
    let loaded = load_all(&b, || "x".into(), &mut LastRead::default()).unwrap();
    assert_eq!(loaded.data.goals.len(), data.goals.len() - 1);
    assert_eq!(loaded.data.reflections.len(), data.reflections.len());
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].key, format!("{bk}#{}", g.id()));
    assert_eq!(loaded.unreadable[0].raw, "{\"i\":\"trunc");
    // saving another record of that bucket keeps the bad line as it was
    let other = data
        .goals
        .iter()
        .find(|o| o.id() != g.id() && bucket_key(*o).as_deref() == Some(bk.as_str()));
    if let Some(other) = other {
        let mut seen = LastRead::default();
        load_all(&b, || "x".into(), &mut seen).unwrap();
        let mut o = other.clone();
        o.i_will = "Edited".into();
        save_record(&b, &o, &mut seen).unwrap();
        assert_eq!(stored_json(&b, g).as_deref(), Some("{\"i\":\"trunc"));
    }
    // removing it when the user says so takes only that line
    discard(&b, &[loaded.unreadable[0].key.clone()]).unwrap();
    let after = load_all(&b, || "x".into(), &mut LastRead::default()).unwrap();
    assert!(after.unreadable.is_empty());
    assert_eq!(after.data.goals.len(), data.goals.len() - 1);
}

#[test]
fn unknown_kinds_from_newer_versions_are_kept_and_listed() {
    let (b, _) = stored(&demo());
    b.set("wayfinder:r:zz:abc", "{\"whatever\":1}").unwrap();
    let loaded = load_all(&b, || "x".into(), &mut LastRead::default()).unwrap();
    assert_eq!(loaded.unknown, vec!["wayfinder:r:zz:abc".to_string()]);
    assert!(loaded.unreadable.is_empty());
}

#[test]
fn newer_schema_is_reported_and_records_still_shown() {
    let (b, _) = stored(&demo());
    b.set(META_KEY, r#"{"app":"wayfinder","v":9,"data":{"d":"abc"}}"#)
        .unwrap();
    let loaded = load_all(&b, || "x".into(), &mut LastRead::default()).unwrap();
    assert!(matches!(
        loaded.newer,
        Some(StorageError::NewerVersion { found: 9, .. })
    ));
    assert_eq!(loaded.meta.device, "abc");
    assert!(!loaded.data.goals.is_empty());
}

fn reflection(data: &ClassData) -> Reflection {
    data.reflections[0].clone()
}

#[test]
fn saving_one_record_writes_one_key() {
    let data = demo();
    let (b, mut seen) = stored(&data);
    let before = raw_dump(&b).unwrap();
    let mut r = reflection(&data);
    r.text = "Edited text".into();
    assert_eq!(save_record(&b, &r, &mut seen), Ok(Saved::Written));
    let after = raw_dump(&b).unwrap();
    assert_eq!(after.len(), before.len());
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(x, y)| x != y)
        .map(|(_, (k, _))| k.clone())
        .collect();
    assert_eq!(changed, vec![bucket_key(&r).unwrap()]);
    assert!(stored_json(&b, &r).unwrap().contains("Edited text"));
}

#[test]
fn two_tabs_editing_the_same_record_keep_both_texts() {
    let data = demo();
    let (b, seen) = stored(&data);
    let mut tab_a = seen.clone();
    let mut tab_b = seen;
    let owner = data.reflections[0].student;
    let ctx = Ctx::new(Actor::student(owner), "dev1", Timestamp(1_800_000_000_000));
    let mut a = reflection(&data);
    a.text = "Text from tab A".into();
    a.touch(&ctx);
    let mut bb = reflection(&data);
    bb.text = "Text from tab B".into();
    bb.touch(&ctx);
    assert_eq!(save_record(&b, &a, &mut tab_a), Ok(Saved::Written));
    let Saved::Merged(merged) = save_record(&b, &bb, &mut tab_b).unwrap() else {
        panic!("tab B must notice tab A's change");
    };
    let raw = stored_json(&b, &a).unwrap();
    assert!(raw.contains("Text from tab A"), "{raw}");
    assert!(raw.contains("Text from tab B"), "{raw}");
    assert!(!merged.meta.conflicts.is_empty());
}

#[test]
fn two_tabs_editing_different_records_lose_nothing() {
    let data = demo();
    let (b, seen) = stored(&data);
    let (mut tab_a, mut tab_b) = (seen.clone(), seen);
    let mut a = data.reflections[0].clone();
    a.text = "A".into();
    let mut c = data.reflections[1].clone();
    c.text = "B".into();
    assert_eq!(save_record(&b, &a, &mut tab_a), Ok(Saved::Written));
    assert_eq!(save_record(&b, &c, &mut tab_b), Ok(Saved::Written));
    let loaded = load_all(&b, || "x".into(), &mut LastRead::default()).unwrap();
    let texts: Vec<_> = loaded
        .data
        .reflections
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    assert!(texts.contains(&"A") && texts.contains(&"B"));
}

#[test]
fn changes_from_another_tab_are_applied_and_removals_drop_the_record() {
    let data = demo();
    let (b, _) = stored(&data);
    let mut seen = LastRead::default();
    let mut mine = load_all(&b, || "x".into(), &mut seen).unwrap().data;
    let mut theirs_seen = LastRead::default();
    load_all(&b, || "y".into(), &mut theirs_seen).unwrap();
    let mut r = reflection(&data);
    r.text = "Changed elsewhere".into();
    save_record(&b, &r, &mut theirs_seen).unwrap();
    let key = bucket_key(&r).unwrap();
    let raw = b.get(&key).unwrap().unwrap();
    assert_eq!(
        apply_external(&mut mine, &mut seen, &key, Some(&raw)),
        Ok(External::Changed)
    );
    assert_eq!(
        mine.get::<Reflection>(r.id()).unwrap().text,
        "Changed elsewhere"
    );
    assert!(seen.is_current(
        &record_key::<Reflection>(r.id()),
        &stored_json(&b, &r).unwrap()
    ));
    // the same value again changes nothing
    assert_eq!(
        apply_external(&mut mine, &mut seen, &key, Some(&raw)),
        Ok(External::Ignored)
    );
    let others = mine.reflections.len() - 1;
    discard(&b, &[location(&r)]).unwrap();
    let raw = b.get(&key).unwrap();
    assert_eq!(
        apply_external(&mut mine, &mut seen, &key, raw.as_deref()),
        Ok(External::Removed)
    );
    assert!(mine.get::<Reflection>(r.id()).is_none());
    assert_eq!(mine.reflections.len(), others);
    assert_eq!(
        apply_external(&mut mine, &mut seen, "wayfinder:prefs", Some("x")),
        Ok(External::Ignored)
    );
    assert!(apply_external(&mut mine, &mut seen, &key, Some("{bad")).is_err());
    // class setup still travels one key at a time
    let mut t = data.targets[0].clone();
    t.text = "I can compare fractions".into();
    let tkey = record_key::<crate::domain::LearningTarget>(t.id());
    let traw = serde_json::to_string(&t).unwrap();
    assert_eq!(
        apply_external(&mut mine, &mut seen, &tkey, Some(&traw)),
        Ok(External::Changed)
    );
    assert_eq!(
        apply_external(&mut mine, &mut seen, &tkey, None),
        Ok(External::Removed)
    );
}

#[test]
fn a_record_we_cannot_read_is_never_written_over() {
    let data = demo();
    let (b, mut seen) = stored(&data);
    let r = reflection(&data);
    let key = bucket_key(&r).unwrap();
    b.set(&key, "garbage").unwrap();
    assert!(matches!(
        save_record(&b, &r, &mut seen),
        Err(StorageError::Unreadable { .. })
    ));
    assert_eq!(b.get(&key).unwrap().as_deref(), Some("garbage"));
}

#[test]
fn a_line_we_cannot_read_is_never_written_over() {
    let data = demo();
    let (b, mut seen) = stored(&data);
    let r = reflection(&data);
    let key = bucket_key(&r).unwrap();
    set_line(&b, &key, &r.id().to_string(), "{\"i\":5}");
    let before = b.get(&key).unwrap();
    assert!(matches!(
        save_record(&b, &r, &mut seen),
        Err(StorageError::Unreadable { .. })
    ));
    assert_eq!(b.get(&key).unwrap(), before);
}

#[test]
fn an_older_app_writing_an_old_key_after_the_move_is_merged_not_hidden() {
    let data = demo();
    let (b, _) = stored(&data);
    let mut r = reflection(&data);
    let ctx = Ctx::new(
        Actor::student(r.student),
        "old-tab",
        Timestamp(1_900_000_000_000),
    );
    r.text = "Written by the older app".into();
    r.touch(&ctx);
    let old_key = record_key::<Reflection>(r.id());
    b.set(&old_key, &serde_json::to_string(&r).unwrap())
        .unwrap();
    assert!(has_legacy(&b).unwrap());
    pack_legacy(&b).unwrap();
    assert!(!has_legacy(&b).unwrap());
    assert_eq!(b.get(&old_key).unwrap(), None);
    let loaded = load_all(&b, || "x".into(), &mut LastRead::default()).unwrap();
    assert_eq!(
        loaded.data.get::<Reflection>(r.id()).unwrap().text,
        "Written by the older app"
    );
    assert_eq!(loaded.data.len(), data.len());
}

/// Text deflate cannot shrink, so it takes its full room.
fn noise(len: usize) -> String {
    let mut x: u32 = 12345;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            char::from(b'!' + ((x >> 16) % 90) as u8)
        })
        .collect()
}

#[test]
fn quota_failures_keep_the_stored_version() {
    let data = demo();
    let b = MemoryBackend::with_quota(200_000);
    let mut seen = LastRead::default();
    save_all(&b, &data, &mut seen).unwrap();
    let mut r = reflection(&data);
    let key = bucket_key(&r).unwrap();
    let before = b.get(&key).unwrap();
    r.text = noise(800_000);
    assert_eq!(
        save_record(&b, &r, &mut seen),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(b.get(&key).unwrap(), before);
}

fn stored_units(data: &ClassData) -> f64 {
    let (b, _) = stored(data);
    let units: usize = raw_dump(&b)
        .unwrap()
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    units as f64 * 100.0 / super::super::QUOTA_UNITS as f64
}

#[test]
fn class_year_fits_in_forty_percent_of_the_quota() {
    // Both readings of the issue's class-year: 150 evidence, 200 reflections and 300
    // comments per student (26,000 records), and the same numbers for the class.
    for scale in [
        SampleScale::class_year_per_student_counts(),
        SampleScale::class_year(),
    ] {
        let data = sample_class(1, &scale, Timestamp(1_756_684_800_000), "dev1");
        let pct = stored_units(&data);
        println!("class-year: {} records, {pct:.1}% of the quota", data.len());
        assert!(pct < 40.0, "{} records take {pct:.1}%", data.len());
    }
}
