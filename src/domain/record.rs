//! What every stored record shares: who changed it and when, a version vector for merging
//! copies made on different devices, a tombstone flag, and room for fields written by a
//! newer version of the app.
//!
//! Serialized names of [`Meta`] (flattened into every record, so no record may reuse them):
//!
//! | field        | json | notes                                            |
//! |--------------|------|--------------------------------------------------|
//! | `id`         | `i`  | 22-char compact id                                |
//! | `created`    | `c`  | ms since epoch                                    |
//! | `updated`    | `u`  | ms since epoch                                    |
//! | `updated_by` | `b`  | actor, `"s"`/`"t"`/`"f"` + id                     |
//! | `versions`   | `v`  | `{device: counter}`, omitted when empty           |
//! | `deleted`    | `d`  | tombstone, omitted when false                     |
//! | `demo`       | `dm` | part of the removable sample class, omitted when false |
//! | `conflicts`  | `cx` | losing versions kept by a merge, omitted when empty |
//! | `seal`       | `sg` | the teacher's seal over the teacher part (see `seal`), omitted when none |
//!
//! Rooms: `actor` (who changed a record), `version` (the version vector); the change
//! context, [`Meta`], the [`Record`] trait and its macros are here.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::ids::Id;
use super::seal::Seal;
use super::time::Timestamp;

mod actor;
#[cfg(test)]
mod tests;
mod version;

pub use actor::{Actor, Role};
pub use version::VersionVector;

/// Who, where and when a change happens. Every rule that changes a record takes one, so
/// the record's metadata and history are always filled in the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ctx {
    /// The person making the change.
    pub by: Actor,
    /// The short device id of this browser.
    pub device: String,
    /// The current time, from the caller's clock.
    pub now: Timestamp,
}

impl Ctx {
    /// Builds a context.
    pub fn new(by: Actor, device: impl Into<String>, now: Timestamp) -> Ctx {
        Ctx {
            by,
            device: device.into(),
            now,
        }
    }
}

/// Metadata shared by all top-level records (flattened into each one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "MetaRepr", into = "MetaRepr")]
pub struct Meta {
    /// Stable id.
    pub id: Id,
    /// When it was created.
    pub created: Timestamp,
    /// When it last changed (stored only when different from `created`).
    pub updated: Timestamp,
    /// Who changed it last.
    pub updated_by: Actor,
    /// Version vector, one counter per device that changed it.
    pub versions: VersionVector,
    /// Tombstone: the record was deleted; kept so the deletion travels in exports.
    pub deleted: bool,
    /// Part of the sample class, removable in one step.
    pub demo: bool,
    /// Versions that lost a concurrent-edit merge, kept whole so no text is lost; the UI
    /// shows them until someone resolves them (see `merge`).
    pub conflicts: Vec<serde_json::Value>,
    /// The teacher's seal over the record's teacher part, when a teacher device sealed it
    /// (see `seal` and `authority`).
    pub seal: Option<Seal>,
}

/// How [`Meta`] is stored: `u` is left out when it equals `c` (most records are never
/// edited after creation, and each omission saves ~18 characters).
#[derive(Serialize, Deserialize)]
#[doc(hidden)]
pub struct MetaRepr {
    #[serde(rename = "i")]
    pub id: Id,
    #[serde(rename = "c")]
    pub created: Timestamp,
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    #[serde(rename = "b")]
    pub updated_by: Actor,
    #[serde(rename = "v", default, skip_serializing_if = "VersionVector::is_empty")]
    pub versions: VersionVector,
    #[serde(rename = "d", default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    #[serde(rename = "dm", default, skip_serializing_if = "is_false")]
    pub demo: bool,
    #[serde(rename = "cx", default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<serde_json::Value>,
    #[serde(rename = "sg", default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<Seal>,
}

impl From<MetaRepr> for Meta {
    fn from(r: MetaRepr) -> Meta {
        Meta {
            id: r.id,
            created: r.created,
            updated: r.updated.unwrap_or(r.created),
            updated_by: r.updated_by,
            versions: r.versions,
            deleted: r.deleted,
            demo: r.demo,
            conflicts: r.conflicts,
            seal: r.seal,
        }
    }
}

impl From<Meta> for MetaRepr {
    fn from(m: Meta) -> MetaRepr {
        MetaRepr {
            id: m.id,
            created: m.created,
            updated: (m.updated != m.created).then_some(m.updated),
            updated_by: m.updated_by,
            versions: m.versions,
            deleted: m.deleted,
            demo: m.demo,
            conflicts: m.conflicts,
            seal: m.seal,
        }
    }
}

impl Meta {
    /// Metadata for a record created now by `ctx.by` on `ctx.device`.
    pub fn new(id: Id, ctx: &Ctx) -> Meta {
        let mut versions = VersionVector::new();
        versions.set(&ctx.device, 1);
        Meta {
            id,
            created: ctx.now,
            updated: ctx.now,
            updated_by: ctx.by,
            versions,
            deleted: false,
            demo: false,
            conflicts: Vec::new(),
            seal: None,
        }
    }

    /// Records a change: who, when, and one more step on this device's counter. A
    /// teacher's change marks the record's seal stale (it may have changed the teacher
    /// part; see `seal::Seal::is_stale`), keeping its time against played-back copies.
    pub fn touch(&mut self, ctx: &Ctx) {
        if ctx.by.is_teacher() {
            if let Some(seal) = self.seal.as_mut() {
                seal.sig = [0; 64];
            }
        }
        self.updated = ctx.now.max(self.updated);
        self.updated_by = ctx.by;
        self.versions.bump(&ctx.device);
    }
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

pub(crate) fn is_true(b: &bool) -> bool {
    *b
}

pub(crate) fn yes() -> bool {
    true
}

pub(crate) fn is_zero_u8(n: &u8) -> bool {
    *n == 0
}

/// Reads one record from its stored JSON. Implemented by [`record_struct!`].
pub trait FromJson: Sized {
    /// The record in `json`: the same result as `serde_json::from_str`, faster.
    fn from_json(json: &str) -> serde_json::Result<Self>;

    /// The quick path alone: the record when `json` has only fields this version knows
    /// and is sound; `None` otherwise (then [`FromJson::from_json`] says what is wrong,
    /// or keeps the unknown fields). `#[inline]` in every implementation, so a crate
    /// built for speed that calls it gets its own fast copy (storage's `wayfinder-read`).
    fn from_json_known(json: &str) -> Option<Self>;
}

/// A top-level stored record. Storage keys, per-student buckets, exports and merges are
/// all written once against this trait.
pub trait Record: Clone + fmt::Debug + PartialEq + Serialize + DeserializeOwned + FromJson {
    /// What it is; the stored name ([`crate::Kind::as_str`], `"g"`…) tags keys and seals.
    const KIND: super::kind::Kind;
    /// The shared metadata.
    fn meta(&self) -> &Meta;
    /// The shared metadata, for changing.
    fn meta_mut(&mut self) -> &mut Meta;
    /// The student this record belongs to (their own work, their profile), or `None` for
    /// class setup (targets, units, formats, groups, the class itself). Drives
    /// per-student storage buckets and per-student export.
    fn owner(&self) -> Option<Id>;
    /// Fields written by a newer app version, kept untouched.
    fn extra_mut(&mut self) -> &mut serde_json::Map<String, serde_json::Value>;
    /// Empties all content (texts, lists) but keeps ids needed to file the record
    /// (owner, references). Used for tombstones so deleted text really goes away.
    fn scrub(&mut self);

    /// The record's id.
    fn id(&self) -> Id {
        self.meta().id
    }
    /// True if this is a tombstone.
    fn is_deleted(&self) -> bool {
        self.meta().deleted
    }
    /// Marks a change (who, when, version vector).
    fn touch(&mut self, ctx: &Ctx) {
        self.meta_mut().touch(ctx);
    }
    /// Turns the record into a tombstone: content and unknown fields are removed, the
    /// deletion is versioned like any change so it travels to other devices.
    fn tombstone(&mut self, ctx: &Ctx) {
        self.scrub();
        self.extra_mut().clear();
        let m = self.meta_mut();
        m.deleted = true;
        m.conflicts.clear();
        m.seal = None;
        m.touch(ctx);
    }
    /// The versions kept from merge conflicts, readable as records.
    fn conflict_versions(&self) -> Vec<Self> {
        self.meta()
            .conflicts
            .iter()
            .filter_map(|v| serde_json::from_value(v.clone()).ok())
            .collect()
    }
    /// Someone has looked at the kept versions and settled on this one.
    fn resolve_conflicts(&mut self, ctx: &Ctx) {
        self.meta_mut().conflicts.clear();
        self.touch(ctx);
    }
}

/// Declares a record type: the fields given, plus `meta` (the shared [`Meta`], its fields
/// stored beside the record's own) and `extra` (fields written by a newer version, kept
/// untouched), with serde's derives and a [`FromJson`] that reads a class-year quickly.
///
/// Why: keeping `meta` and `extra` at the record's top level takes `#[serde(flatten)]`,
/// which makes serde buffer every record into a tree before building it, about four
/// times slower. So `from_json` first reads the JSON into a twin struct with the meta
/// fields spelled out and unknown fields refused; only a record with fields this
/// version does not know (written by a newer one), or a damaged one, takes the derived
/// path, which keeps those fields or reports the error. The twin's reader is
/// `from_json_known`, `#[inline]` so that storage's `wayfinder-read` crate, built for
/// speed, compiles its own copy of it.
macro_rules! record_struct {
    (
        $(#[$sattr:meta])*
        pub struct $name:ident {
            $(
                $(#[$fattr:meta])*
                pub $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$sattr])*
        #[derive(serde::Serialize, serde::Deserialize)]
        pub struct $name {
            /// Metadata.
            #[serde(flatten)]
            pub meta: $crate::record::Meta,
            $(
                $(#[$fattr])*
                pub $field: $ty,
            )*
            /// Fields from newer versions.
            #[serde(flatten)]
            pub extra: serde_json::Map<String, serde_json::Value>,
        }

        impl $crate::record::FromJson for $name {
            fn from_json(json: &str) -> serde_json::Result<Self> {
                match Self::from_json_known(json) {
                    Some(r) => Ok(r),
                    None => serde_json::from_str(json),
                }
            }

            #[inline]
            fn from_json_known(json: &str) -> Option<Self> {
                use $crate::record::MetaRepr;
                // serde matches each key against the fields in this order, one by one:
                // the fields every record has come first, the rare ones last.
                #[derive(serde::Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Known {
                    #[serde(rename = "i")]
                    meta_id: $crate::ids::Id,
                    #[serde(rename = "c")]
                    meta_created: $crate::time::Timestamp,
                    #[serde(rename = "b")]
                    meta_updated_by: $crate::record::Actor,
                    #[serde(rename = "v", default)]
                    meta_versions: $crate::record::VersionVector,
                    $(
                        $(#[$fattr])*
                        $field: $ty,
                    )*
                    #[serde(rename = "u", default)]
                    meta_updated: Option<$crate::time::Timestamp>,
                    #[serde(rename = "d", default)]
                    meta_deleted: bool,
                    #[serde(rename = "dm", default)]
                    meta_demo: bool,
                    #[serde(rename = "cx", default)]
                    meta_conflicts: Vec<serde_json::Value>,
                    #[serde(rename = "sg", default)]
                    meta_seal: Option<$crate::seal::Seal>,
                }
                match serde_json::from_str::<Known>(json) {
                    Ok(k) => Some($name {
                        meta: MetaRepr {
                            id: k.meta_id,
                            created: k.meta_created,
                            updated: k.meta_updated,
                            updated_by: k.meta_updated_by,
                            versions: k.meta_versions,
                            deleted: k.meta_deleted,
                            demo: k.meta_demo,
                            conflicts: k.meta_conflicts,
                            seal: k.meta_seal,
                        }
                        .into(),
                        $($field: k.$field,)*
                        extra: Default::default(),
                    }),
                    Err(_) => None,
                }
            }
        }
    };
}
pub(crate) use record_struct;

/// Implements [`Record`]: `impl_record!(Goal, Kind::Goal, |g| owner, |g| { scrub })`.
macro_rules! impl_record {
    ($t:ty, Kind::$kind:ident, |$s:ident| $owner:expr, |$z:ident| $scrub:block) => {
        impl $crate::record::Record for $t {
            const KIND: $crate::kind::Kind = $crate::kind::Kind::$kind;
            fn meta(&self) -> &$crate::record::Meta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut $crate::record::Meta {
                &mut self.meta
            }
            fn owner(&self) -> Option<$crate::ids::Id> {
                let $s = self;
                $owner
            }
            fn extra_mut(&mut self) -> &mut serde_json::Map<String, serde_json::Value> {
                &mut self.extra
            }
            fn scrub(&mut self) {
                let $z = self;
                $scrub
            }
        }
    };
}
pub(crate) use impl_record;

#[doc(hidden)]
pub mod testing {
    //! Helpers shared by the tests of every record type (here and in the app's crate).
    use super::*;

    /// A fixed context: a student on device "d1" at a fixed time.
    pub fn student_ctx(n: u8) -> Ctx {
        Ctx::new(Actor::student(id(n)), "d1", Timestamp(1_757_000_000_000))
    }
    /// A fixed teacher context.
    pub fn teacher_ctx() -> Ctx {
        Ctx::new(Actor::teacher(id(200)), "d1", Timestamp(1_757_000_000_000))
    }
    /// A deterministic id.
    pub fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    /// Serializes, checks the JSON is compact-looking, deserializes, and compares. Also
    /// checks that an unknown field survives the round trip.
    pub fn round_trip<T: Record>(r: &T) -> String {
        let json = serde_json::to_string(r).expect("serialize");
        let back: T = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(&back, r, "round trip changed the record: {json}");
        assert_eq!(&T::from_json(&json).expect("from_json"), r, "{json}");
        // A newer app version added a field: it must survive load -> save.
        let mut v: serde_json::Value = serde_json::from_str(&json).expect("json");
        if let Some(o) = v.as_object_mut() {
            o.insert("zz_future".into(), serde_json::json!({"n": [1, 2]}));
        }
        let loaded: T = serde_json::from_value(v.clone()).expect("load with unknown field");
        let saved = serde_json::to_value(&loaded).expect("save");
        assert_eq!(
            saved["zz_future"],
            serde_json::json!({"n": [1, 2]}),
            "unknown field lost"
        );
        // The storage's quick reader keeps it too.
        let read = T::from_json(&v.to_string()).expect("from_json with unknown field");
        assert_eq!(
            read, loaded,
            "from_json differs from serde with an unknown field"
        );
        // A damaged record is refused by both.
        assert!(T::from_json(&json[..json.len() - 1]).is_err());
        // No long key names sneaked in.
        if let serde_json::Value::Object(o) = serde_json::to_value(r).expect("value") {
            for k in o.keys() {
                assert!(k.len() <= 3, "long key {k:?} in {json}");
            }
        }
        json
    }
}
