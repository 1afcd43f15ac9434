//! Actors, version vectors and metadata: compact storage and touching on a change.

use super::testing::*;
use super::*;

#[test]
fn actor_is_one_short_string() {
    let a = Actor::teacher(id(3));
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json.len(), 2 + 1 + 22);
    assert!(json.starts_with("\"t"));
    assert_eq!(serde_json::from_str::<Actor>(&json).unwrap(), a);
    assert!(serde_json::from_str::<Actor>("\"x123\"").is_err());
    assert!(serde_json::from_str::<Actor>("\"\"").is_err());
}

#[test]
fn version_vectors_are_stored_as_maps_sorted_by_device() {
    let mut v = VersionVector::new();
    v.bump("zz");
    v.bump("a1");
    v.bump("zz");
    v.raise("m", 0);
    v.raise("a1", 1);
    let json = serde_json::to_string(&v).unwrap();
    assert_eq!(json, r#"{"a1":1,"m":0,"zz":2}"#);
    assert_eq!(serde_json::from_str::<VersionVector>(&json).unwrap(), v);
    // Read like a map: any order, and a device given twice keeps its last count.
    let odd = r#"{"zz":2,"a1":5,"m":0,"a1":1}"#;
    assert_eq!(serde_json::from_str::<VersionVector>(odd).unwrap(), v);
    assert!(serde_json::from_str::<VersionVector>(r#"{"a":-1}"#).is_err());
    assert!(serde_json::from_str::<VersionVector>("[1]").is_err());
    assert_eq!((v.get("m"), v.get("none"), v.contains("m")), (0, 0, true));
}

#[test]
fn touch_bumps_this_device_and_records_who() {
    let ctx = student_ctx(1);
    let mut m = Meta::new(id(9), &ctx);
    assert_eq!(m.versions.get("d1"), 1);
    let later = Ctx::new(Actor::teacher(id(2)), "d2", Timestamp(ctx.now.0 + 5));
    m.touch(&later);
    m.touch(&later);
    assert_eq!(m.versions.get("d1"), 1);
    assert_eq!(m.versions.get("d2"), 2);
    assert_eq!(m.updated, later.now);
    assert_eq!(m.updated_by, later.by);
    // A device clock running behind never moves `updated` backwards.
    m.touch(&Ctx::new(later.by, "d2", Timestamp(0)));
    assert_eq!(m.updated, later.now);
}

#[test]
fn empty_meta_fields_are_left_out() {
    let m = Meta::new(id(9), &student_ctx(1));
    let json = serde_json::to_string(&m).unwrap();
    assert!(!json.contains("\"d\""));
    assert!(!json.contains("\"dm\""));
    assert!(!json.contains("\"cx\""));
    assert!(
        !json.contains("\"u\""),
        "unchanged records store no update time"
    );
    let back: Meta = serde_json::from_str(&json).unwrap();
    assert_eq!(back.updated, m.created);
    let mut edited = m.clone();
    edited.touch(&Ctx::new(
        Actor::teacher(id(2)),
        "d1",
        Timestamp(m.created.0 + 9),
    ));
    let json = serde_json::to_string(&edited).unwrap();
    assert_eq!(serde_json::from_str::<Meta>(&json).unwrap(), edited);
}
