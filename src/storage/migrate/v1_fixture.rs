//! The fixture for schema version 1: the demo class exactly as version 1 stores it
//! (tests/fixtures/v1-storage.json, every Wayfinder key and value) and as it exports it
//! (tests/fixtures/v1-export.json). When the schema changes, these files stay as they are
//! and the new step in [`STEPS`] must bring them forward; the tests below then say so.

use std::collections::BTreeMap;

use super::super::exchange;
use super::super::records::{
    bucket_lines, load_all, LastRead, BUCKET_PREFIX, META_KEY, RECORD_PREFIX,
};
use super::super::{Backend, MemoryBackend, SCHEMA_VERSION};
use super::*;
use crate::domain::ClassData;

const STORAGE: &str = include_str!("../../../tests/fixtures/v1-storage.json");
const EXPORT: &str = include_str!("../../../tests/fixtures/v1-export.json");

fn fixture() -> Vec<(String, String)> {
    serde_json::from_str(STORAGE).expect("tests/fixtures/v1-storage.json is a list of pairs")
}

fn stored(pairs: &[(String, String)], quota: Option<usize>) -> MemoryBackend {
    let b = match quota {
        Some(q) => MemoryBackend::with_quota(q),
        None => MemoryBackend::default(),
    };
    for (k, v) in pairs {
        b.set(k, v).unwrap();
    }
    b
}

/// Every record as JSON by kind and id, to compare two loads whatever their order.
fn by_id(data: &ClassData) -> BTreeMap<String, String> {
    let value = serde_json::to_value(data).unwrap();
    let mut out = BTreeMap::new();
    for (kind, list) in value.as_object().unwrap() {
        for r in list.as_array().unwrap() {
            out.insert(format!("{kind}:{}", r["i"]), r.to_string());
        }
    }
    out
}

fn units(b: &MemoryBackend) -> usize {
    b.keys()
        .unwrap()
        .iter()
        .map(|k| k.encode_utf16().count() + b.get(k).unwrap().unwrap().encode_utf16().count())
        .sum()
}

#[test]
fn version_1_data_moves_into_buckets_whole_and_unchanged() {
    let pairs = fixture();
    assert!(pairs.len() > 100, "the fixture holds the whole demo class");
    let b = stored(&pairs, None);
    assert_eq!(stored_version(&b).unwrap(), Some(1));
    let before = load_all(&b, || "new".into(), &mut LastRead::default()).unwrap();
    assert!(before.unreadable.is_empty(), "{:?}", before.unreadable);
    assert_eq!(before.data.len(), pairs.len() - 1);
    let bucketed: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(k, _)| {
            k.strip_prefix(RECORD_PREFIX)
                .and_then(super::super::records::kind_in)
                .is_some_and(super::super::records::is_bucketed)
        })
        .collect();
    assert!(bucketed.len() > 50);

    assert_eq!(pack_legacy(&b).unwrap(), bucketed.len());

    assert_eq!(stored_version(&b).unwrap(), Some(SCHEMA_VERSION));
    let keys = b.keys().unwrap();
    for (k, v) in &pairs {
        if bucketed.iter().any(|(bk, _)| bk == k) {
            assert!(!keys.contains(k), "{k} moved into a bucket");
        } else if k != META_KEY {
            // class setup and everything else stays byte for byte
            assert_eq!(b.get(k).unwrap().as_ref(), Some(v), "{k}");
        }
    }
    // each record's text is in its bucket exactly as version 1 wrote it
    let mut lines = BTreeMap::new();
    for k in keys.iter().filter(|k| k.starts_with(BUCKET_PREFIX)) {
        for (id, json) in bucket_lines(&b.get(k).unwrap().unwrap()).unwrap() {
            lines.insert(id, json);
        }
    }
    for (k, v) in &bucketed {
        let id = k.rsplit(':').next().unwrap();
        assert_eq!(lines.get(id), Some(v), "{k}");
    }
    let after = load_all(&b, || "new".into(), &mut LastRead::default()).unwrap();
    assert!(after.unreadable.is_empty() && after.unknown.is_empty() && after.newer.is_none());
    assert_eq!(after.meta.device, "fixture1");
    assert_eq!(by_id(&after.data), by_id(&before.data));
    assert!(
        units(&b) * 2
            < pairs
                .iter()
                .map(|(k, v)| k.len() + v.encode_utf16().count())
                .sum::<usize>()
    );

    // a second run finds nothing to move and changes nothing
    let snapshot: Vec<_> = keys
        .iter()
        .map(|k| (k.clone(), b.get(k).unwrap()))
        .collect();
    assert_eq!(pack_legacy(&b).unwrap(), 0);
    let again: Vec<_> = b
        .keys()
        .unwrap()
        .iter()
        .map(|k| (k.clone(), b.get(k).unwrap()))
        .collect();
    assert_eq!(again, snapshot);
}

#[test]
fn a_full_storage_stops_the_move_with_every_record_still_readable() {
    let pairs = fixture();
    let full = stored(&pairs, None);
    let b = stored(&pairs, Some(units(&full) + 50));
    let before = load_all(&b, || "new".into(), &mut LastRead::default()).unwrap();
    assert!(pack_legacy(&b).is_err());
    assert_eq!(stored_version(&b).unwrap(), Some(1));
    let after = load_all(&b, || "new".into(), &mut LastRead::default()).unwrap();
    assert_eq!(by_id(&after.data), by_id(&before.data));
    // with room again it finishes
    let roomy = stored(
        &b.keys()
            .unwrap()
            .iter()
            .map(|k| (k.clone(), b.get(k).unwrap().unwrap()))
            .collect::<Vec<_>>(),
        None,
    );
    pack_legacy(&roomy).unwrap();
    let done = load_all(&roomy, || "new".into(), &mut LastRead::default()).unwrap();
    assert_eq!(by_id(&done.data), by_id(&before.data));
    assert_eq!(stored_version(&roomy).unwrap(), Some(SCHEMA_VERSION));
}

#[test]
fn an_unreadable_version_1_record_stays_under_its_key_for_recovery() {
    let mut pairs = fixture();
    let (victim, _) = pairs
        .iter()
        .find(|(k, _)| k.starts_with("wayfinder:r:g:"))
        .cloned()
        .unwrap();
    for (k, v) in pairs.iter_mut() {
        if *k == victim {
            *v = "{\"i\":\"trunc".into();
        }
    }
    let b = stored(&pairs, None);
    pack_legacy(&b).unwrap();
    assert_eq!(b.get(&victim).unwrap().as_deref(), Some("{\"i\":\"trunc"));
    // not marked done while a record is left behind
    assert_eq!(stored_version(&b).unwrap(), Some(1));
    let loaded = load_all(&b, || "new".into(), &mut LastRead::default()).unwrap();
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].key, victim);
    assert_eq!(loaded.data.len(), pairs.len() - 2);
}

#[test]
fn the_version_1_export_imports_whole_and_twice_changes_nothing() {
    let incoming = exchange::parse(EXPORT.as_bytes()).expect("the v1 export parses");
    assert_eq!(incoming.students.len(), 6);
    let merge = exchange::preview(&Default::default(), &incoming).unwrap();
    let mut local = crate::domain::ClassData::default();
    crate::domain::merge::apply(&mut local, merge.changed);
    let again = exchange::preview(&local, &incoming).unwrap();
    assert!(again.summary.changes_nothing());
    assert_eq!(local.len(), incoming.len());
}
