//! Keeping device files bounded: what a file leaves out (old tombstones) never changes a
//! merge except as `TOMBSTONE_DAYS` says, deletions travel without their text and are
//! judged as before, and files written before ageing existed still read.

use std::collections::HashMap;

use proptest::prelude::*;

use super::*;
use crate::domain::authority::{merge_checked, seal_message, Trust, Why};
use crate::domain::merge::apply;
use crate::domain::sample::{demo_class, sample_class, SampleScale};
use crate::domain::seal::{PublicKey, Seal};
use crate::domain::{Actor, Ctx, Day, Prompt, RatingKind, Reflection};

fn no_key() -> Trust<'static> {
    Trust {
        key: None,
        verify: Box::new(|_, _, _| false),
    }
}

/// 1 September 2026, the start of a school year.
fn term_start() -> Timestamp {
    Timestamp(1_788_220_800_000)
}

fn demo() -> ClassData {
    demo_class(3, Day::from_ymd(2026, 9, 1).unwrap(), "teacherdev")
}

/// Every record of `data` by kind and id, as JSON.
fn by_id(data: &ClassData) -> HashMap<(&'static str, Id), serde_json::Value> {
    let mut out = HashMap::new();
    macro_rules! each {
        ($f:ident, $t:ty) => {
            for r in &data.$f {
                out.insert(
                    (<$t>::KIND.as_str(), r.id()),
                    serde_json::to_value(r).unwrap(),
                );
            }
        };
    }
    for_each_kind!(each);
    out
}

/// Reads `file` into `local` as the class folder does.
fn merge_file(local: &mut ClassData, file: &DeviceFile) {
    let (m, _refused) = merge_checked(local, &file.data, file.source(), &no_key()).unwrap();
    apply(local, m.changed);
}

/// One device in a simulated class: whose it is, what it holds, how wrong its clock is.
#[derive(Clone)]
struct Device {
    name: String,
    who: Who,
    student: Option<Id>,
    data: ClassData,
    skew_days: i64,
    /// When it read the folder: real time, and the step of the simulation (which orders
    /// steps at the same time).
    synced: Vec<(Timestamp, usize)>,
}

impl Device {
    fn clock(&self, t: Timestamp) -> Timestamp {
        t.plus_days(self.skew_days)
    }
    fn file(&self, t: Timestamp) -> DeviceFile {
        read(write(&self.data, &self.name, self.who.clone(), self.clock(t)).as_bytes()).unwrap()
    }
    /// The file as it would be with nothing left out.
    fn whole_file(&self, t: Timestamp) -> DeviceFile {
        let mut f = self.file(t);
        f.data = own_changes(&self.data, &self.name);
        f
    }
}

/// A teacher and three students' Chromebooks, each holding the demo class.
fn class_devices(skews: [i64; 4]) -> Vec<Device> {
    let data = demo();
    let mut out = vec![Device {
        name: "teacherdev".into(),
        who: Who::Teacher,
        student: None,
        data: data.clone(),
        skew_days: skews[0],
        synced: Vec::new(),
    }];
    for (i, s) in data.students.iter().take(3).enumerate() {
        out.push(Device {
            name: format!("book{i}"),
            who: Who::Student {
                students: vec![s.meta.id],
            },
            student: Some(s.meta.id),
            data: data.clone(),
            skew_days: skews[i + 1],
            synced: Vec::new(),
        });
    }
    out
}

/// Positions of the live records of `list` this device may delete: its student's own,
/// or any student's on the teacher's device.
fn deletable<T: Record>(list: &[T], student: Option<Id>) -> Vec<usize> {
    (0..list.len())
        .filter(|&i| !list[i].is_deleted())
        .filter(|&i| student.is_none() || list[i].owner() == student)
        .collect()
}

/// When each record was last deleted (real time and step), for the trade-off's check.
type Deletions = HashMap<Id, (Timestamp, usize)>;

/// Step `n` of the simulation, at real time `t`, on device `d`.
fn step(
    devices: &mut [Device],
    d: usize,
    op: u8,
    pick: usize,
    (t, n): (Timestamp, usize),
    deleted: &mut Deletions,
) {
    let now = devices[d].clock(t);
    let student = devices[d].student;
    let by = match student {
        Some(s) => Actor::student(s),
        None => Actor::teacher(devices[d].data.classes[0].teacher.unwrap()),
    };
    let ctx = Ctx::new(by, devices[d].name.clone(), now);
    let data = &mut devices[d].data;
    match (op, student) {
        (0, Some(s)) => {
            // One new id per step.
            let id = Id::from_random_bytes([
                0xa5, n as u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            ]);
            if let Ok(r) = Reflection::new(id, s, Prompt::Free, "today I learned", None, &ctx) {
                data.reflections.push(r);
            }
        }
        (1, Some(_)) => {
            let live = deletable(&data.reflections, student);
            if let Some(&i) = live.get(pick % live.len().max(1)) {
                let text = format!("{} (more)", data.reflections[i].text);
                let _ = data.reflections[i].edit(&text, &ctx);
            }
        }
        (2, _) => {
            let (refl, goals) = (
                deletable(&data.reflections, student),
                deletable(&data.goals, student),
            );
            if pick.is_multiple_of(2) && !refl.is_empty() {
                let r = &mut data.reflections[refl[pick / 2 % refl.len()]];
                r.tombstone(&ctx);
                deleted.insert(r.id(), (t, n));
            } else if !goals.is_empty() {
                let g = &mut data.goals[goals[pick / 2 % goals.len()]];
                g.tombstone(&ctx);
                deleted.insert(g.id(), (t, n));
            }
        }
        _ => {
            // Reads every other device's file, as written now on that device's clock.
            let files: Vec<DeviceFile> = (0..devices.len())
                .filter(|&e| e != d)
                .map(|e| devices[e].file(t))
                .collect();
            let tombstones: Vec<Id> = ids_deleted(&devices[d].data);
            for f in &files {
                merge_file(&mut devices[d].data, f);
            }
            devices[d].synced.push((t, n));
            // A device holding a tombstone keeps it, whatever the files leave out.
            let after = ids_deleted(&devices[d].data);
            assert!(tombstones.iter().all(|id| after.contains(id)));
        }
    }
}

fn ids_deleted(data: &ClassData) -> Vec<Id> {
    let mut out = Vec::new();
    macro_rules! each {
        ($f:ident, $t:ty) => {
            out.extend(data.$f.iter().filter(|r| r.is_deleted()).map(|r| r.id()));
        };
    }
    for_each_kind!(each);
    out
}

/// True when every tombstone in `data` is already as empty as deleting makes it.
fn tombstones_are_empty(data: &ClassData) -> bool {
    let mut ok = true;
    macro_rules! each {
        ($f:ident, $t:ty) => {
            for r in data.$f.iter().filter(|r| r.is_deleted()) {
                let mut empty = r.clone();
                empty.scrub();
                empty.extra_mut().clear();
                ok &= &empty == r && r.meta().conflicts.is_empty();
            }
        };
    }
    for_each_kind!(each);
    ok
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A class works, deletes and syncs over years, with clocks off by days. At the end,
    /// each device reading the files as written (old tombstones left out) ends with the
    /// same records as reading them whole, except where a tombstone was left out; there
    /// a device that had the tombstone keeps it, and one that has the record alive is
    /// one that never read the folder within the horizon after the deletion.
    #[test]
    fn leaving_old_tombstones_out_changes_no_merge_but_theirs(
        ops in prop::collection::vec((0u8..4, 0usize..4, 0usize..64, 0i64..100), 1..30),
        skews in prop::array::uniform4(-5i64..=5),
    ) {
        let mut devices = class_devices(skews);
        let mut deleted = Deletions::new();
        let mut t = term_start();
        for (n, (op, d, pick, days)) in ops.into_iter().enumerate() {
            t = t.plus_days(days);
            step(&mut devices, d, op, pick, (t, n), &mut deleted);
        }
        let files: Vec<DeviceFile> = devices.iter().map(|d| d.file(t)).collect();
        let whole: Vec<DeviceFile> = devices.iter().map(|d| d.whole_file(t)).collect();
        let left_out: Vec<(&'static str, Id)> = whole
            .iter()
            .zip(&files)
            .flat_map(|(w, f)| {
                let kept = by_id(&f.data);
                by_id(&w.data).into_keys().filter(move |k| !kept.contains_key(k))
            })
            .collect();
        for f in &files {
            prop_assert!(tombstones_are_empty(&f.data));
        }
        let is_deleted = |v: Option<&serde_json::Value>| v.is_some_and(|v| v["d"] == true);
        // Only tombstones are ever left out.
        for (w, f) in whole.iter().zip(&files) {
            let kept = by_id(&f.data);
            for (key, record) in by_id(&w.data) {
                prop_assert!(kept.contains_key(&key) || is_deleted(Some(&record)), "{:?}", key);
            }
        }
        // Whether device `d` read the folder within the horizon after `key` was deleted.
        let in_time = |d: usize, key: &(&'static str, Id)| {
            let (at, n) = deleted[&key.1];
            let window = at.plus_days(TOMBSTONE_DAYS - 12);
            devices[d]
                .synced
                .iter()
                .any(|&(s, m)| m > n && s <= window)
        };
        // Each device, and a wiped one restoring from the folder (the teacher's file first).
        for d in 0..=devices.len() {
            let held = devices.get(d).map(|x| x.data.clone()).unwrap_or_default();
            let (mut compact, mut full) = (held.clone(), held.clone());
            for e in (0..devices.len()).filter(|&e| e != d) {
                merge_file(&mut compact, &files[e]);
                merge_file(&mut full, &whole[e]);
            }
            let (local, compact, full) = (by_id(&held), by_id(&compact), by_id(&full));
            for (key, record) in &full {
                if !left_out.contains(key) {
                    prop_assert_eq!(Some(record), compact.get(key), "{:?} on device {}", key, d);
                    continue;
                }
                if is_deleted(local.get(key)) {
                    prop_assert!(is_deleted(compact.get(key)), "resurrected {:?}", key);
                } else if compact.contains_key(key) && !is_deleted(compact.get(key)) {
                    // The trade-off: the work stays alive only where a device holding
                    // it alive (this one, or one whose file brought it) missed the
                    // deletion for the whole horizon.
                    prop_assert!(is_deleted(Some(record)));
                    let alive_on = (0..devices.len()).filter(|&e| {
                        e == d
                            || by_id(&whole[e].data)
                                .get(key)
                                .is_some_and(|r| !is_deleted(Some(r)))
                    });
                    let mut alive_on = alive_on.peekable();
                    prop_assert!(alive_on.peek().is_some());
                    let missed = alive_on.all(|e| !in_time(e, key));
                    prop_assert!(missed, "{:?} alive on device {} though its holders synced in time", key, d);
                }
            }
            prop_assert!(full.len() >= compact.len());
        }
    }
}

#[test]
fn a_tombstone_leaves_the_file_after_the_horizon_but_stays_on_the_device() {
    let mut data = demo();
    let ana = data.students[0].meta.id;
    let deleted_at = term_start().plus_days(30);
    let ctx = Ctx::new(Actor::student(ana), "anasbook", deleted_at);
    let i = data
        .reflections
        .iter()
        .position(|r| r.student == ana)
        .unwrap();
    let gone = data.reflections[i].id();
    data.reflections[i].tombstone(&ctx);
    let who = Who::Student {
        students: vec![ana],
    };
    // Someone keeps working, so the device's newest change keeps up with its clock.
    let keep_working = |data: &mut ClassData, at: Timestamp| {
        let mut d = data.clone();
        let j = d
            .reflections
            .iter()
            .position(|r| r.student == ana && !r.is_deleted())
            .unwrap();
        d.reflections[j]
            .edit("still here", &Ctx::new(Actor::student(ana), "anasbook", at))
            .unwrap();
        d
    };
    let carried = |d: &ClassData, now: Timestamp| {
        let file = read(write(d, "anasbook", who.clone(), now).as_bytes()).unwrap();
        file.data.reflections.iter().any(|r| r.id() == gone)
    };
    let day_before = deleted_at.plus_days(TOMBSTONE_DAYS - 1);
    let day_after = deleted_at.plus_days(TOMBSTONE_DAYS + 1);
    assert!(carried(&keep_working(&mut data, day_before), day_before));
    assert!(!carried(&keep_working(&mut data, day_after), day_after));
    // A clock jumped a year ahead on a device that has done nothing since: the newest
    // change it holds is the deletion itself, so the tombstone stays.
    assert!(carried(&data, deleted_at.plus_days(400)));
    // The device's own storage is never touched by writing its file.
    assert!(data.reflections[i].is_deleted());
    // A device that already had the tombstone keeps it when the file leaves it out.
    let mut teachers = demo();
    let ana_file = read(write(&data, "anasbook", who.clone(), day_before).as_bytes()).unwrap();
    merge_file(&mut teachers, &ana_file);
    let later = keep_working(&mut data, day_after);
    let aged = read(write(&later, "anasbook", who.clone(), day_after).as_bytes()).unwrap();
    assert!(aged.data.reflections.iter().all(|r| r.id() != gone));
    merge_file(&mut teachers, &aged);
    let held = teachers
        .reflections
        .iter()
        .find(|r| r.id() == gone)
        .unwrap();
    assert!(held.is_deleted() && held.text.is_empty());
}

#[test]
fn a_students_deletion_travels_without_its_text_and_a_forged_one_is_refused() {
    let data = demo();
    let (ana, ben) = (data.students[0].meta.id, data.students[1].meta.id);
    let at = term_start().plus_days(3);
    let on_anas = |student: Id| {
        let mut d = data.clone();
        let r = d
            .reflections
            .iter_mut()
            .find(|r| r.student == student)
            .unwrap();
        let id = r.id();
        // A forged deletion says it is Ben's own; it still comes from Ana's file.
        r.tombstone(&Ctx::new(Actor::student(student), "anasbook", at));
        let file = write(
            &d,
            "anasbook",
            Who::Student {
                students: vec![ana],
            },
            at,
        );
        (id, read(file.as_bytes()).unwrap())
    };
    // Ana deletes her own reflection: the file holds the id and metadata, no text.
    let (id, file) = on_anas(ana);
    let text = &data.reflections.iter().find(|r| r.id() == id).unwrap().text;
    assert!(!text.is_empty());
    assert!(tombstones_are_empty(&file.data));
    let (m, refused) = merge_checked(&data, &file.data, file.source(), &no_key()).unwrap();
    assert!(refused.is_empty());
    assert_eq!(m.summary.deleted, 1);
    let mut teachers = data.clone();
    apply(&mut teachers, m.changed);
    let held = teachers.reflections.iter().find(|r| r.id() == id).unwrap();
    assert!(held.is_deleted() && held.text.is_empty());
    // Ana's file deleting Ben's reflection changes nothing.
    let (id, file) = on_anas(ben);
    let (m, refused) = merge_checked(&data, &file.data, file.source(), &no_key()).unwrap();
    assert!(m.changed.is_empty());
    assert_eq!(refused.len(), 1);
    assert_eq!((refused[0].id, refused[0].why), (id, Why::NotTheirs));
}

#[test]
fn a_teachers_sealed_deletion_still_matches_its_seal_after_the_file() {
    let mut data = demo();
    data.classes[0].key = Some(PublicKey([4; 65].to_vec()).to_string());
    let teacher = Actor::teacher(data.classes[0].teacher.unwrap());
    let at = term_start().plus_days(5);
    let mut unit = data.units[0].clone();
    unit.tombstone(&Ctx::new(teacher, "teacherdev", at));
    // The teacher's device seals the deletion: only a message equal to what it signed
    // checks out here, so a tombstone changed on its way would be refused.
    let signed = seal_message(&unit, at);
    unit.meta.seal = Some(Seal { at, sig: [7; 64] });
    let mut on_teachers = data.clone();
    apply(
        &mut on_teachers,
        ClassData {
            units: vec![unit.clone()],
            ..ClassData::default()
        },
    );
    let trust = Trust {
        key: crate::domain::authority::class_key(&data, &ClassData::default()),
        verify: Box::new(move |_, msg, _| msg == signed.as_slice()),
    };
    let file = read(write(&on_teachers, "teacherdev", Who::Teacher, at).as_bytes()).unwrap();
    assert_eq!(file.data.units, vec![unit.clone()]);
    let (m, refused) = merge_checked(&data, &file.data, file.source(), &trust).unwrap();
    assert!(refused.is_empty(), "{refused:?}");
    assert_eq!(m.changed.units, vec![unit.clone()]);
    // The same deletion from a student's file, unsealed, is refused as before.
    let mut forged = unit.clone();
    forged.meta.seal = None;
    let mut on_anas = data.clone();
    forged.meta.versions.bump("anasbook");
    apply(
        &mut on_anas,
        ClassData {
            units: vec![forged],
            ..ClassData::default()
        },
    );
    let ana = data.students[0].meta.id;
    let who = Who::Student {
        students: vec![ana],
    };
    let file = read(write(&on_anas, "anasbook", who, at).as_bytes()).unwrap();
    let (m, refused) = merge_checked(&data, &file.data, file.source(), &trust).unwrap();
    assert!(m.changed.is_empty());
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].why, Why::NotSealed);
}

/// A student's device file as Wayfinder wrote it before files left old tombstones out
/// (format version 1, unchanged since): a profile, a reflection, an evidence piece and a
/// tombstone from two years earlier.
const OLD_FILE: &str = r#"{"format":"wayfinder-device","v":1,"device":"anasbook","role":"student","students":["qJ1lLQ1DRj6D5mPJGFDWbQ"],"written":1760000000000,"data":{"s":[{"a":"🎸","b":"sqJ1lLQ1DRj6D5mPJGFDWbQ","c":1756080000000,"i":"qJ1lLQ1DRj6D5mPJGFDWbQ","n":"Amara","p":{"i":["coding"],"l":[],"s":[],"su":[],"w":["writing"]},"u":1756771200000,"v":{"anasbook":2}}],"e":[{"b":"sqJ1lLQ1DRj6D5mPJGFDWbQ","c":1759916652650,"fs":true,"i":"dJZ3kBsNR-yQ-J_d6ODBlA","o":"tAKZaTbCZQQ6ZquNCy0tnyA","s":"qJ1lLQ1DRj6D5mPJGFDWbQ","v":{"anasbook":2},"x":"Draft two of my essay."}],"j":[{"b":"sqJ1lLQ1DRj6D5mPJGFDWbQ","c":1763308461812,"g":"OVBKWBXJRZKJRFfxeJsazA","i":"0gl123ykQNO9rQeVM6SQsQ","k":"n","s":"qJ1lLQ1DRj6D5mPJGFDWbQ","v":{"anasbook":1},"x":"I'm going to use the checklist."},{"b":"sqJ1lLQ1DRj6D5mPJGFDWbQ","c":1690000000000,"d":true,"i":"5QBrqXEYSN67YL6vLHKGZQ","k":"h","s":"qJ1lLQ1DRj6D5mPJGFDWbQ","u":1695000000000,"v":{"anasbook":2},"x":""}]}}"#;

#[test]
fn a_file_written_before_ageing_still_reads_and_merges() {
    let file = read(OLD_FILE.as_bytes()).unwrap();
    let ana = Id::parse("qJ1lLQ1DRj6D5mPJGFDWbQ").unwrap();
    assert_eq!(file.source(), Source::Student(ana));
    assert_eq!(file.written, Timestamp(1_760_000_000_000));
    assert_eq!((file.data.students.len(), file.data.evidence.len()), (1, 1));
    assert_eq!(file.data.reflections.len(), 2);
    assert!(file.data.reflections[1].is_deleted());
    // Its old tombstone is read and merged like any: a wiped device takes all of it.
    let mut wiped = ClassData::default();
    merge_file(&mut wiped, &file);
    assert_eq!(wiped.len(), 4);
    // Written again now, the old tombstone is left out and the rest is the same.
    let again = read(
        write(
            &wiped,
            "anasbook",
            file.who.clone(),
            Timestamp(1_760_000_000_000),
        )
        .as_bytes(),
    )
    .unwrap();
    assert_eq!(again.data.len(), 3);
    let mut expected = file.data.clone();
    expected.reflections.truncate(1);
    assert_eq!(again.data, expected);
}

/// Prints what a year of a student's file weighs, with a deletion every school day and
/// with old ones left out (`cargo test … -- --nocapture`), and checks the aged file
/// holds only the last `TOMBSTONE_DAYS` of deletions.
#[test]
fn a_years_student_file_with_deletions_stays_bounded() {
    let start = term_start();
    let data = sample_class(
        1,
        &SampleScale::class_year_per_student_counts(),
        start,
        "bench1",
    );
    let s = data.students[0].meta.id;
    let mut own = data.for_student(s);
    own.comments.retain(|c| c.author == Actor::student(s));
    own.ratings.retain(|r| r.kind == RatingKind::SelfAssessment);
    let who = Who::Student { students: vec![s] };
    // The last school day of the 300, when the file is written.
    let end = start.plus_days(298);
    let live = write(&own, "bench1", who.clone(), end).len();
    // A deletion every school day (5 a week) for the 300 days: new reflections made
    // and deleted, as a student clears drafts.
    let mut with_deletions = own.clone();
    let mut n = 0u32;
    for day in (0..300).filter(|d| d % 7 < 5) {
        let at = start.plus_days(day);
        let ctx = Ctx::new(Actor::student(s), "bench1", at);
        let b = n.to_be_bytes();
        let id = Id::from_random_bytes([
            0xd0, b[0], b[1], b[2], b[3], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
        ]);
        let mut r =
            Reflection::new(id, s, Prompt::Free, "a draft I will delete", None, &ctx).unwrap();
        r.tombstone(&ctx);
        with_deletions.reflections.push(r);
        n += 1;
    }
    let whole = serde_json::to_string(&DeviceFile {
        format: FORMAT.into(),
        v: VERSION,
        device: "bench1".into(),
        who: who.clone(),
        written: end,
        seal: None,
        data: own_changes(&with_deletions, "bench1"),
    })
    .unwrap()
    .len();
    let text = write(&with_deletions, "bench1", who, end);
    let aged = read(text.as_bytes()).unwrap();
    let kept = aged
        .data
        .reflections
        .iter()
        .filter(|r| r.is_deleted())
        .count();
    let recent = (0..300)
        .filter(|d| d % 7 < 5 && *d >= 298 - TOMBSTONE_DAYS)
        .count();
    assert_eq!(
        kept, recent,
        "only the last {TOMBSTONE_DAYS} days' deletions"
    );
    assert!(text.len() < whole);
    println!(
        "class folder: a student's file after a year: {:.0} KB; with {n} deletions: {:.0} KB whole, {:.0} KB with those older than {TOMBSTONE_DAYS} days left out ({kept} kept, about {} bytes each)",
        live as f64 / 1024.0,
        whole as f64 / 1024.0,
        text.len() as f64 / 1024.0,
        (whole - live) / n as usize,
    );
}
