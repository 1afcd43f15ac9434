//! Merging copies of records made on different devices (import of an export file) or in
//! two browser tabs. Pure: nothing here reads storage or a clock.
//!
//! Rules, per record, comparing version vectors:
//! - not here yet → **New** (tombstones too, so a deletion is remembered);
//! - incoming has seen everything local has, and more → **Updated** (or **Deleted** when
//!   it is a tombstone);
//! - local has seen everything incoming has (or they are equal) → **Unchanged**;
//! - both changed without seeing each other (concurrent) → **Conflict**:
//!   - if either side deleted it, the deletion wins (deleting is a deliberate act, often
//!     for privacy) and no text of it is kept;
//!   - otherwise the later `updated` wins, ties broken by comparing the two versions'
//!     JSON text (so every device picks the same winner), and the losing version is kept
//!     whole inside the winner (`meta.conflicts`) so no text is lost; the UI shows "there
//!     is another version" until someone resolves it.
//!
//! The merged record's version vector is the join (per-device maximum) of both sides, so
//! importing the same file again finds local up to date: merging is idempotent, and two
//! devices merging each other's exports end with identical records.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::authority::Authority;
use super::data::{for_each_kind, ClassData};
use super::error::{DomainError, Result};
use super::ids::Id;
use super::record::{Record, VersionVector};

/// How two version vectors relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Causality {
    /// Same history.
    Same,
    /// Local has seen everything incoming has, and more.
    LocalNewer,
    /// Incoming has seen everything local has, and more.
    IncomingNewer,
    /// Each has changes the other has not seen.
    Concurrent,
}

/// Compares two version vectors (a missing device counts as 0).
pub fn compare(local: &VersionVector, incoming: &VersionVector) -> Causality {
    let mut local_ahead = false;
    let mut incoming_ahead = false;
    for (dev, l) in local.iter() {
        let i = incoming.get(dev);
        match l.cmp(&i) {
            Ordering::Greater => local_ahead = true,
            Ordering::Less => incoming_ahead = true,
            Ordering::Equal => {}
        }
    }
    for (dev, i) in incoming.iter() {
        if i > 0 && !local.contains(dev) {
            incoming_ahead = true;
        }
    }
    match (local_ahead, incoming_ahead) {
        (false, false) => Causality::Same,
        (true, false) => Causality::LocalNewer,
        (false, true) => Causality::IncomingNewer,
        (true, true) => Causality::Concurrent,
    }
}

/// Per-device maximum of two version vectors.
pub fn join(a: &VersionVector, b: &VersionVector) -> VersionVector {
    let mut out = a.clone();
    for (dev, n) in b.iter() {
        out.raise(dev, n);
    }
    out
}

/// What merging one incoming record does.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeOutcome<T> {
    /// Not here before: store it.
    New(T),
    /// A newer version: store it.
    Updated(T),
    /// A deletion: store the tombstone (and remove the content).
    Deleted(T),
    /// Nothing to do.
    Unchanged,
    /// Concurrent edits: store the merged record (winner, losing text kept inside).
    Conflict(T),
}

impl<T> MergeOutcome<T> {
    /// The record to store, if anything changes.
    pub fn record(&self) -> Option<&T> {
        match self {
            MergeOutcome::New(r)
            | MergeOutcome::Updated(r)
            | MergeOutcome::Deleted(r)
            | MergeOutcome::Conflict(r) => Some(r),
            MergeOutcome::Unchanged => None,
        }
    }
    /// The record to store, by value.
    pub fn into_record(self) -> Option<T> {
        match self {
            MergeOutcome::New(r)
            | MergeOutcome::Updated(r)
            | MergeOutcome::Deleted(r)
            | MergeOutcome::Conflict(r) => Some(r),
            MergeOutcome::Unchanged => None,
        }
    }
}

/// The record as compared for conflicts: without version vector and kept conflicts.
fn content_key<T: Record>(r: &T) -> String {
    let mut c = r.clone();
    c.meta_mut().versions.clear();
    c.meta_mut().conflicts.clear();
    serde_json::to_string(&c).unwrap_or_default()
}

/// Merges one incoming record with the local copy (if any). See the module docs.
pub fn merge_record<T: Record>(local: Option<&T>, incoming: &T) -> MergeOutcome<T> {
    let Some(local) = local else {
        return MergeOutcome::New(incoming.clone());
    };
    match compare(&local.meta().versions, &incoming.meta().versions) {
        Causality::LocalNewer => MergeOutcome::Unchanged,
        // Equal versions normally mean equal records. If the content differs anyway (two
        // tabs sharing one device id, a hand-edited file), treat it as concurrent rather
        // than silently keeping one side.
        Causality::Same if same_content(local, incoming) => MergeOutcome::Unchanged,
        Causality::Same => concurrent(local, incoming),
        Causality::IncomingNewer => {
            if incoming.is_deleted() && !local.is_deleted() {
                MergeOutcome::Deleted(incoming.clone())
            } else {
                MergeOutcome::Updated(incoming.clone())
            }
        }
        Causality::Concurrent => concurrent(local, incoming),
    }
}

/// True when two copies differ at most in version vector and kept conflicts.
fn same_content<T: Record>(a: &T, b: &T) -> bool {
    let norm = |r: &T| {
        let mut c = r.clone();
        c.meta_mut().versions.clear();
        c.meta_mut().conflicts.clear();
        c
    };
    norm(a) == norm(b)
}

fn concurrent<T: Record>(local: &T, incoming: &T) -> MergeOutcome<T> {
    let out = resolve_concurrent(local, incoming);
    // Merging a copy whose changes are already folded in (its text kept, versions
    // joined) must change nothing: this is what makes a second import a no-op.
    match out.record() {
        Some(r) if r == local => MergeOutcome::Unchanged,
        _ => out,
    }
}

fn resolve_concurrent<T: Record>(local: &T, incoming: &T) -> MergeOutcome<T> {
    let versions = join(&local.meta().versions, &incoming.meta().versions);
    // A deletion wins over a concurrent edit.
    if local.is_deleted() || incoming.is_deleted() {
        let (mut merged, local_deleted) = match (local.is_deleted(), incoming.is_deleted()) {
            (true, true) => {
                // Both deleted: keep the later tombstone, deterministically.
                let pick = if (incoming.meta().updated, content_key(incoming))
                    > (local.meta().updated, content_key(local))
                {
                    incoming
                } else {
                    local
                };
                (pick.clone(), true)
            }
            (true, false) => (local.clone(), true),
            _ => (incoming.clone(), false),
        };
        merged.meta_mut().versions = versions;
        return if local_deleted {
            // Local is already a tombstone; storing the joined versions makes a second
            // import a no-op. Reported as a conflict so the summary shows the dropped edit.
            MergeOutcome::Conflict(merged)
        } else {
            MergeOutcome::Deleted(merged)
        };
    }
    let lk = content_key(local);
    let ik = content_key(incoming);
    let mut conflicts: Vec<serde_json::Value> = local
        .meta()
        .conflicts
        .iter()
        .chain(incoming.meta().conflicts.iter())
        .cloned()
        .collect();
    let (winner, loser_key) = if (incoming.meta().updated, &ik) > (local.meta().updated, &lk) {
        (incoming, lk.clone())
    } else {
        (local, ik.clone())
    };
    let mut merged = winner.clone();
    if lk != ik {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&loser_key) {
            conflicts.push(v);
        }
    }
    // Deterministic order and no repeats, whichever device does the merge.
    let mut keyed: Vec<(String, serde_json::Value)> =
        conflicts.into_iter().map(|v| (v.to_string(), v)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    let m = merged.meta_mut();
    m.versions = versions;
    m.conflicts = keyed.into_iter().map(|(_, v)| v).collect();
    if lk == ik {
        // Same content reached on two devices: nothing to keep, just the joined history.
        MergeOutcome::Updated(merged)
    } else {
        MergeOutcome::Conflict(merged)
    }
}

/// Counts for the import preview ("12 new, 3 updated, 1 conflict …").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Records not here before.
    pub new: usize,
    /// Newer versions.
    pub updated: usize,
    /// Already up to date.
    pub unchanged: usize,
    /// Concurrent edits (both versions kept).
    pub conflicts: usize,
    /// Deletions.
    pub deleted: usize,
    /// Changes refused because their author may not make them (see `authority`).
    pub refused: usize,
}

impl ImportSummary {
    fn count<T>(&mut self, o: &MergeOutcome<T>) {
        match o {
            MergeOutcome::New(_) => self.new += 1,
            MergeOutcome::Updated(_) => self.updated += 1,
            MergeOutcome::Unchanged => self.unchanged += 1,
            MergeOutcome::Conflict(_) => self.conflicts += 1,
            MergeOutcome::Deleted(_) => self.deleted += 1,
        }
    }

    /// Adds another summary's counts.
    pub fn add(&mut self, o: &ImportSummary) {
        self.new += o.new;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
        self.conflicts += o.conflicts;
        self.deleted += o.deleted;
        self.refused += o.refused;
    }

    /// True when importing would change nothing.
    pub fn changes_nothing(&self) -> bool {
        self.new + self.updated + self.conflicts + self.deleted == 0
    }
}

/// Decides, for each record a merge would store, whether it may be stored: the
/// authority check (`authority::Checked`), or [`Open`] for merges of this device's own
/// copies (two tabs).
pub trait Gate {
    /// True when `merged` may replace `local` (or be added, when `local` is `None`).
    fn allow<T: Authority>(&mut self, local: Option<&T>, merged: &T) -> bool;
}

/// Lets every change through.
pub struct Open;

impl Gate for Open {
    fn allow<T: Authority>(&mut self, _: Option<&T>, _: &T) -> bool {
        true
    }
}

/// Merges a list of incoming records of one kind. Refuses a list that uses an id twice
/// (a broken file) before deciding anything.
pub fn merge_all<T: Authority>(
    local: &[T],
    incoming: &[T],
    gate: &mut impl Gate,
) -> Result<(Vec<MergeOutcome<T>>, ImportSummary)> {
    let mut seen = std::collections::HashSet::with_capacity(incoming.len());
    for r in incoming {
        if !seen.insert(r.id()) {
            return Err(DomainError::Duplicate(format!("The record id {}", r.id())));
        }
    }
    let index: HashMap<Id, &T> = local.iter().map(|r| (r.id(), r)).collect();
    let mut summary = ImportSummary::default();
    let outcomes = incoming
        .iter()
        .map(|r| {
            let here = index.get(&r.id()).copied();
            let o = merge_record(here, r);
            match o.record() {
                Some(merged) if !gate.allow(here, merged) => {
                    summary.refused += 1;
                    MergeOutcome::Unchanged
                }
                _ => {
                    summary.count(&o);
                    o
                }
            }
        })
        .collect();
    Ok((outcomes, summary))
}

/// The result of merging a whole incoming data set: the records to write and the counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClassMerge {
    /// Only the records that change (new, updated, deleted, merged conflicts).
    pub changed: ClassData,
    /// Counts for the preview.
    pub summary: ImportSummary,
}

/// Merges every kind of an incoming data set into `local`, every change allowed. Nothing
/// is applied: show `summary`, then on confirmation write `changed` (see [`apply`]).
pub fn merge_class(local: &ClassData, incoming: &ClassData) -> Result<ClassMerge> {
    merge_class_gated(local, incoming, &mut Open)
}

/// Merges every kind of an incoming data set into `local`, storing only what `gate`
/// allows (refused records count in `summary.refused` and change nothing).
pub fn merge_class_gated(
    local: &ClassData,
    incoming: &ClassData,
    gate: &mut impl Gate,
) -> Result<ClassMerge> {
    let mut out = ClassMerge::default();
    macro_rules! merge_kind {
        ($f:ident, $t:ty) => {
            let (outcomes, s) = merge_all(&local.$f, &incoming.$f, gate)?;
            out.summary.add(&s);
            out.changed.$f = outcomes
                .into_iter()
                .filter_map(MergeOutcome::into_record)
                .collect();
        };
    }
    for_each_kind!(merge_kind);
    Ok(out)
}

/// Writes merged records into `local`: replaces by id, appends new ones.
pub fn apply(local: &mut ClassData, changed: ClassData) {
    fn put<T: Record>(list: &mut Vec<T>, records: Vec<T>) {
        let mut index: HashMap<Id, usize> =
            list.iter().enumerate().map(|(i, r)| (r.id(), i)).collect();
        for r in records {
            match index.get(&r.id()) {
                Some(&i) => list[i] = r,
                None => {
                    index.insert(r.id(), list.len());
                    list.push(r);
                }
            }
        }
    }
    macro_rules! put_kind {
        ($f:ident, $t:ty) => {
            put(&mut local.$f, changed.$f);
        };
    }
    for_each_kind!(put_kind);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::*;
    use crate::record::{Actor, Ctx};
    use crate::reflection::{Prompt, Reflection};
    use crate::time::Timestamp;
    use proptest::prelude::*;

    fn ctx(dev: &str, t: i64) -> Ctx {
        Ctx::new(Actor::student(id(1)), dev, Timestamp(1_757_000_000_000 + t))
    }

    fn refl(text: &str) -> Reflection {
        Reflection::new(id(20), id(1), Prompt::Free, text, None, &ctx("a", 0)).unwrap()
    }

    #[test]
    fn new_newer_older_equal() {
        let base = refl("first");
        assert_eq!(merge_record(None, &base), MergeOutcome::New(base.clone()));
        assert_eq!(merge_record(Some(&base), &base), MergeOutcome::Unchanged);
        let mut newer = base.clone();
        newer.edit("second", &ctx("b", 5)).unwrap();
        assert_eq!(
            merge_record(Some(&base), &newer),
            MergeOutcome::Updated(newer.clone())
        );
        assert_eq!(
            merge_record(Some(&newer), &base),
            MergeOutcome::Unchanged,
            "an old export never overwrites"
        );
    }

    #[test]
    fn tombstone_travels_and_old_copy_does_not_resurrect() {
        let base = refl("private");
        let mut gone = base.clone();
        gone.tombstone(&ctx("b", 5));
        assert!(gone.text.is_empty(), "deleted text really goes");
        assert_eq!(
            merge_record(Some(&base), &gone),
            MergeOutcome::Deleted(gone.clone())
        );
        assert_eq!(merge_record(Some(&gone), &base), MergeOutcome::Unchanged);
        assert_eq!(merge_record(None, &gone), MergeOutcome::New(gone.clone()));
    }

    #[test]
    fn concurrent_edits_keep_both_texts_and_converge() {
        let base = refl("start");
        let mut a = base.clone();
        a.edit("tab A text", &ctx("a", 10)).unwrap();
        let mut b = base.clone();
        b.edit("tab B text, later", &ctx("b", 20)).unwrap();
        let MergeOutcome::Conflict(on_a) = merge_record(Some(&a), &b) else {
            panic!("expected conflict")
        };
        let MergeOutcome::Conflict(on_b) = merge_record(Some(&b), &a) else {
            panic!("expected conflict")
        };
        assert_eq!(on_a, on_b, "both devices end with the same record");
        assert_eq!(on_a.text, "tab B text, later", "later edit wins");
        let kept = on_a.conflict_versions();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].text, "tab A text", "the other text is kept");
        // Idempotent: importing either side again changes nothing.
        assert_eq!(merge_record(Some(&on_a), &b), MergeOutcome::Unchanged);
        assert_eq!(merge_record(Some(&on_a), &a), MergeOutcome::Unchanged);
        // Resolving clears the kept version and is itself a newer change.
        let mut resolved = on_a.clone();
        resolved.resolve_conflicts(&ctx("a", 30));
        assert!(resolved.meta.conflicts.is_empty());
        assert_eq!(
            merge_record(Some(&on_b), &resolved),
            MergeOutcome::Updated(resolved.clone())
        );
    }

    #[test]
    fn concurrent_delete_wins_over_edit() {
        let base = refl("start");
        let mut edited = base.clone();
        edited.edit("edited", &ctx("a", 10)).unwrap();
        let mut deleted = base.clone();
        deleted.tombstone(&ctx("b", 5));
        let MergeOutcome::Deleted(m) = merge_record(Some(&edited), &deleted) else {
            panic!("deletion should win")
        };
        assert!(m.meta.deleted && m.text.is_empty() && m.meta.conflicts.is_empty());
        let MergeOutcome::Conflict(m2) = merge_record(Some(&deleted), &edited) else {
            panic!("local tombstone stays, reported")
        };
        assert!(m2.meta.deleted);
        assert_eq!(merge_record(Some(&m2), &edited), MergeOutcome::Unchanged);
    }

    #[test]
    fn equal_versions_with_different_text_still_keep_both() {
        // Two tabs sharing one device id both made their first edit.
        let base = refl("start");
        let mut a = base.clone();
        a.edit("tab A", &ctx("a", 10)).unwrap();
        let mut b = base.clone();
        b.edit("tab B", &ctx("a", 11)).unwrap();
        assert_eq!(a.meta.versions, b.meta.versions);
        let MergeOutcome::Conflict(m) = merge_record(Some(&a), &b) else {
            panic!("must not silently keep one side")
        };
        assert_eq!(m.text, "tab B");
        assert_eq!(m.conflict_versions()[0].text, "tab A");
        assert_eq!(merge_record(Some(&m), &b), MergeOutcome::Unchanged);
        assert_eq!(merge_record(Some(&m), &a), MergeOutcome::Unchanged);
    }

    #[test]
    fn duplicate_ids_in_a_file_are_refused() {
        let r = refl("x");
        assert!(matches!(
            merge_all(&[], &[r.clone(), r], &mut Open),
            Err(DomainError::Duplicate(_))
        ));
    }

    #[test]
    fn version_vector_comparison() {
        let v = |p: &[(&str, u32)]| {
            p.iter()
                .map(|(k, n)| (k.to_string(), *n))
                .collect::<VersionVector>()
        };
        assert_eq!(compare(&v(&[]), &v(&[])), Causality::Same);
        assert_eq!(
            compare(&v(&[("a", 1)]), &v(&[("a", 1), ("b", 0)])),
            Causality::Same
        );
        assert_eq!(
            compare(&v(&[("a", 2)]), &v(&[("a", 1)])),
            Causality::LocalNewer
        );
        assert_eq!(
            compare(&v(&[("a", 1)]), &v(&[("a", 1), ("b", 1)])),
            Causality::IncomingNewer
        );
        assert_eq!(
            compare(&v(&[("a", 2)]), &v(&[("a", 1), ("b", 1)])),
            Causality::Concurrent
        );
    }

    /// A random set of reflections with random edit histories on two devices.
    fn arb_records() -> impl Strategy<Value = Vec<Reflection>> {
        prop::collection::vec(
            (
                any::<[u8; 16]>(),
                "[a-z][a-z ]{0,19}",
                0u8..4,
                0u8..3,
                any::<bool>(),
            ),
            0..20,
        )
        .prop_map(|specs| {
            let mut seen = std::collections::HashSet::new();
            specs
                .into_iter()
                .filter(|(b, ..)| seen.insert(*b))
                .map(|(bytes, text, edits_a, edits_b, del)| {
                    let c = ctx("a", 0);
                    let mut r = Reflection::new(
                        Id::from_random_bytes(bytes),
                        id(1),
                        Prompt::Next,
                        &text,
                        None,
                        &c,
                    )
                    .unwrap();
                    for i in 0..edits_a {
                        r.edit(&format!("{text} a{i}"), &ctx("a", i64::from(i)))
                            .unwrap();
                    }
                    for i in 0..edits_b {
                        r.edit(&format!("{text} b{i}"), &ctx("b", i64::from(i) + 7))
                            .unwrap();
                    }
                    if del {
                        r.tombstone(&ctx("b", 100));
                    }
                    r
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn export_import_round_trips_and_is_idempotent(records in arb_records()) {
            let data = ClassData { reflections: records.clone(), ..Default::default() };
            let file = serde_json::to_string(&data).unwrap();
            let incoming: ClassData = serde_json::from_str(&file).unwrap();
            let mut local = ClassData::default();
            let m = merge_class(&local, &incoming).unwrap();
            prop_assert_eq!(m.summary.new, records.len());
            apply(&mut local, m.changed);
            prop_assert_eq!(&local.reflections, &records);
            let again = merge_class(&local, &incoming).unwrap();
            prop_assert!(again.summary.changes_nothing());
            prop_assert_eq!(again.summary.unchanged, records.len());
        }

        #[test]
        fn merge_is_idempotent_and_symmetric(
            edits_a in 1u8..4, edits_b in 1u8..4, ta in 0i64..50, tb in 0i64..50,
            del_a in any::<bool>(), del_b in any::<bool>(), text in "[a-z]{1,8}"
        ) {
            let base = refl(&text);
            let mut a = base.clone();
            for i in 0..edits_a { a.edit(&format!("A{i}{text}"), &ctx("a", ta + i64::from(i))).unwrap(); }
            if del_a { a.tombstone(&ctx("a", ta + 10)); }
            let mut b = base.clone();
            for i in 0..edits_b { b.edit(&format!("B{i}{text}"), &ctx("b", tb + i64::from(i))).unwrap(); }
            if del_b { b.tombstone(&ctx("b", tb + 10)); }
            let on_a = merge_record(Some(&a), &b).into_record().unwrap_or(a.clone());
            let on_b = merge_record(Some(&b), &a).into_record().unwrap_or(b.clone());
            prop_assert_eq!(&on_a, &on_b);
            prop_assert_eq!(merge_record(Some(&on_a), &b), MergeOutcome::Unchanged);
            prop_assert_eq!(merge_record(Some(&on_a), &a), MergeOutcome::Unchanged);
            if !del_a && !del_b {
                let mut texts: Vec<String> = on_a.conflict_versions().into_iter().map(|r| r.text).collect();
                texts.push(on_a.text.clone());
                prop_assert!(texts.contains(&a.text) && texts.contains(&b.text), "a text was lost");
            }
        }

        #[test]
        fn import_never_panics_on_damaged_files(
            cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            truncate in any::<prop::sample::Index>(),
        ) {
            let start = crate::time::Day(20_333).start();
            let data = crate::sample::sample_class(5, &crate::sample::SampleScale::demo(), start, "d1");
            let mut bytes = serde_json::to_vec(&data).unwrap_or_default();
            for (at, b) in cuts {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            let keep = truncate.index(bytes.len() + 1);
            for file in [&bytes[..], &bytes[..keep]] {
                if let Ok(incoming) = serde_json::from_slice::<ClassData>(file) {
                    let _ = merge_class(&data, &incoming);
                }
            }
        }

        #[test]
        fn import_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(data) = serde_json::from_slice::<ClassData>(&bytes) {
                let _ = merge_class(&ClassData::default(), &data);
            }
        }
    }
}
