//! Merging what a sync read: which files speak for whom (a teacher's file only with the
//! class key's seal over it; a student's device only for the students it names), every
//! file into one copy of the records through the authority check, and written once.

use super::*;

impl FolderState {
    /// A file that says it is the teacher's is taken as such only with the class key's
    /// seal over its data; otherwise it speaks for no student (its teacher decisions
    /// still count where each carries its own seal). A device that knows no class key
    /// yet takes it at its word (trust on first use).
    pub(super) async fn vouched(self, mut file: DeviceFile, bytes: &[u8]) -> DeviceFile {
        if !matches!(file.who, Who::Teacher) {
            return file;
        }
        let key = self.class_key();
        let Some(key) = key else {
            return file;
        };
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        let sealed = match (&file.seal, folder::signed_data(text)) {
            (Some(seal), Some(data)) => {
                seal_valid(&key, &folder::file_message(&file.device, data), seal).await
            }
            _ => false,
        };
        if !sealed {
            file.who = Who::Student {
                students: Vec::new(),
            };
        }
        file
    }

    pub(super) async fn merge_all(self, mut to_merge: Vec<(String, DeviceFile, (f64, f64))>) {
        // Most syncs find no file changed: nothing to copy or merge.
        if to_merge.is_empty() {
            self.problem.set(None);
            return;
        }
        // The teacher's files first: on an empty device they bring the class and its key,
        // by which every other file's teacher decisions are then checked.
        to_merge.sort_by_key(|(_, f, _)| !matches!(f.who, Who::Teacher));
        let keyless = self.class_key().is_none();
        if keyless {
            let keys: BTreeSet<String> = to_merge
                .iter()
                .filter_map(|(_, f, _)| authority::class_key(&f.data, &ClassData::default()))
                .map(|k| k.to_string())
                .collect();
            if keys.len() > 1 {
                self.problem.set(Some("Two files in the class folder each set up a different class, so neither was taken. Ask your teacher which device is theirs, and remove the other file from the folder.".into()));
                return;
            }
        }
        let mut conflicts = 0;
        let mut refused = self.refused.get_untracked();
        let mut waiting = self.waiting.get_untracked();
        let teacher = self.teacher_device.get_untracked();
        let mut problem = None;
        // Every file merges into one copy of this device's records, written once at the
        // end: a first sync of the day reads 35 files, and each write reloads storage.
        let before = self.records.data.get_untracked();
        let mut working = before.clone();
        let mut changed = ClassData::default();
        let mut read: Vec<(String, (f64, f64))> = Vec::new();
        for (name, file, stamp) in to_merge {
            let mut no: Vec<Refusal> = Vec::new();
            let mut kept = true;
            for (part, source) in speaks_for(&file) {
                let (merge, refused_here) = match checked_against(&working, &part, source).await {
                    Ok(m) => m,
                    Err(e) => {
                        problem = Some(format!("{name}: {e}"));
                        kept = false;
                        break;
                    }
                };
                put(&mut working, &merge.changed);
                put(&mut changed, &merge.changed);
                conflicts += merge.summary.conflicts;
                // On the teacher's device, an unsealed decision from a student's device
                // (made there with the teacher PIN) waits for the teacher to confirm it.
                let (confirm, refuse): (Vec<Refusal>, Vec<Refusal>) =
                    refused_here.into_iter().partition(|r| {
                        teacher && r.why == Why::NotSealed && !matches!(file.who, Who::Teacher)
                    });
                for r in confirm {
                    waiting.retain(|w: &Waiting| w.refusal.id != r.id);
                    waiting.push(Waiting {
                        file: name.clone(),
                        record: pick(&part, &r),
                        refusal: r,
                    });
                }
                no.extend(refuse);
            }
            if !kept {
                continue;
            }
            refused.retain(|r: &RefusedFrom| r.file != name);
            if !no.is_empty() {
                let names = no
                    .iter()
                    .filter_map(|r| r.student)
                    .filter_map(|id| {
                        file.data
                            .get::<StudentProfile>(id)
                            .map(|s| (id, s.name.clone()))
                    })
                    .collect();
                refused.push(RefusedFrom {
                    file: name.clone(),
                    refused: no,
                    names,
                });
            }
            read.push((name, stamp));
        }
        let written = if changed.is_empty() {
            true
        } else if self.records.read_only.get_untracked().is_some() {
            false
        } else if self
            .records
            .data
            .with_untracked(|now| moved(&before, now, &changed))
        {
            // Someone changed one of these records while the files were read: nothing is
            // written over it, and every file is read again on the next sync.
            self.stamps.update_value(HashMap::clear);
            false
        } else {
            match self
                .records
                .check_room_for(&changed)
                .and_then(|()| self.records.write_all(&changed))
            {
                Ok(_) => true,
                Err(e) => {
                    problem = Some(format!(
                        "Work from the class folder couldn't be kept on this device: {e} Nothing here was changed."
                    ));
                    false
                }
            }
        };
        if written {
            self.stamps.update_value(|s| s.extend(read));
        }
        self.refused.set(refused);
        self.waiting.set(waiting);
        self.conflicts.set(conflicts);
        self.problem.set(problem);
    }
}

/// Adds `from`'s records to `into`.
pub(super) fn absorb(into: &mut ClassData, from: ClassData) {
    macro_rules! add {
        ($f:ident, $t:ty) => {
            into.$f.extend(from.$f);
        };
    }
    for_each_kind!(add);
}

/// Puts `changed`'s records into `into`, each over the record with its id.
fn put(into: &mut ClassData, changed: &ClassData) {
    macro_rules! put {
        ($f:ident, $t:ty) => {
            if !changed.$f.is_empty() {
                let ids: HashSet<Id> = changed.$f.iter().map(|r| r.id()).collect();
                into.$f.retain(|r| !ids.contains(&r.id()));
                into.$f.extend(changed.$f.iter().cloned());
            }
        };
    }
    for_each_kind!(put);
}

/// Whether any record `changed` names is not, in `now`, the version it was in `before`.
fn moved(before: &ClassData, now: &ClassData, changed: &ClassData) -> bool {
    macro_rules! moved {
        ($f:ident, $t:ty) => {
            if !changed.$f.is_empty() {
                let ids: HashSet<Id> = changed.$f.iter().map(|r| r.id()).collect();
                let of = |d: &ClassData| -> HashMap<Id, VersionVector> {
                    d.$f.iter()
                        .filter(|r| ids.contains(&r.id()))
                        .map(|r| (r.id(), r.meta().versions.clone()))
                        .collect()
                };
                if of(before) != of(now) {
                    return true;
                }
            }
        };
    }
    for_each_kind!(moved);
    false
}

/// The record a refusal names, taken from `data`.
fn pick(data: &ClassData, r: &Refusal) -> ClassData {
    let mut out = ClassData::default();
    macro_rules! one {
        ($f:ident, $t:ty) => {
            if <$t as Record>::KIND == r.kind {
                out.$f = data.$f.iter().filter(|x| x.id() == r.id).cloned().collect();
            }
        };
    }
    for_each_kind!(one);
    out
}

/// A student id no one has: what a file speaks for when it names no student.
fn nobody() -> Id {
    Id::from_random_bytes([0; 16])
}

/// A file's records, split by whom it may speak for. The teacher's file speaks for any
/// student (its teacher decisions still need the seal). A student's device file speaks
/// only for the students it names, each for their own work: a shared device's file
/// cannot change the work of a student who never worked on it, and a file naming no one
/// changes no one's work.
fn speaks_for(file: &DeviceFile) -> Vec<(ClassData, Source)> {
    let students = match &file.who {
        Who::Teacher => return vec![(file.data.clone(), Source::AnyStudent)],
        Who::Student { students } => students,
    };
    let mut parts: Vec<(ClassData, Source)> = students
        .iter()
        .map(|s| (ClassData::default(), Source::Student(*s)))
        .collect();
    let mut rest = ClassData::default();
    macro_rules! split {
        ($f:ident, $t:ty) => {
            for r in &file.data.$f {
                match r
                    .owner()
                    .and_then(|o| students.iter().position(|s| *s == o))
                {
                    Some(i) => parts[i].0.$f.push(r.clone()),
                    None => rest.$f.push(r.clone()),
                }
            }
        };
    }
    for_each_kind!(split);
    parts.push((rest, Source::Student(nobody())));
    parts.retain(|(d, _)| !d.is_empty());
    parts
}

/// Whether a device reads another's file: the teacher's reads every file; a student's
/// reads the teacher's, and those of students who work on it.
pub(super) fn reads(me: &Who, file: &Who) -> bool {
    match (me, file) {
        (Who::Teacher, _) | (_, Who::Teacher) => true,
        (Who::Student { students: mine }, Who::Student { students }) => {
            students.iter().any(|s| mine.contains(s))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_student_device_reads_the_teacher_and_its_own_students_only() {
        let a = Id::new_v4();
        let b = Id::new_v4();
        let me = Who::Student { students: vec![a] };
        assert!(reads(&me, &Who::Teacher));
        assert!(reads(
            &me,
            &Who::Student {
                students: vec![b, a]
            }
        ));
        assert!(!reads(&me, &Who::Student { students: vec![b] }));
        assert!(reads(&Who::Teacher, &Who::Student { students: vec![b] }));
    }

    fn file(who: Who, data: ClassData) -> DeviceFile {
        DeviceFile {
            format: folder::FORMAT.into(),
            v: folder::VERSION,
            device: "dev1".into(),
            who,
            written: Timestamp(0),
            seal: None,
            data,
        }
    }

    #[test]
    fn merged_files_go_into_one_copy_and_a_change_meanwhile_is_noticed() {
        let day = crate::domain::Day::from_ymd(2026, 11, 1).unwrap();
        let before = crate::domain::sample::demo_class(4, day, "dev1");
        let mut edited = before.reflections[0].clone();
        edited.text = "read it again".into();
        edited.meta.versions.bump("dev2");
        let changed = ClassData {
            reflections: vec![edited.clone()],
            ..ClassData::default()
        };
        let mut working = before.clone();
        put(&mut working, &changed);
        assert_eq!(working.len(), before.len());
        assert_eq!(
            working.get::<crate::domain::Reflection>(edited.meta.id),
            Some(&edited)
        );
        // Nothing else moved on the device: the merged copy may be written.
        assert!(!moved(&before, &before, &changed));
        // The same record changed on the device while the files were read: not written.
        let mut meanwhile = before.clone();
        meanwhile.reflections[0].meta.versions.bump("dev1");
        assert!(moved(&before, &meanwhile, &changed));
        // A change to another record does not hold the merge back.
        let mut elsewhere = before.clone();
        elsewhere.reflections[1].meta.versions.bump("dev1");
        assert!(!moved(&before, &elsewhere, &changed));
    }

    #[test]
    fn a_device_file_speaks_only_for_the_students_it_names() {
        let data = crate::domain::sample::demo_class(
            3,
            crate::domain::Day::from_ymd(2026, 11, 1).unwrap(),
            "dev1",
        );
        let a = data.students[0].meta.id;
        let b = data.students[1].meta.id;
        let everything = data.len();

        // The teacher's file: one part, any student (teacher parts still need the seal).
        let parts = speaks_for(&file(Who::Teacher, data.clone()));
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].1, Source::AnyStudent);

        // A shared device used by a and b: a's work as a's, b's as b's, and the rest
        // (classmates' work, class setup) as nobody's.
        let parts = speaks_for(&file(
            Who::Student {
                students: vec![a, b],
            },
            data.clone(),
        ));
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].1, Source::Student(a));
        assert_eq!(parts[1].1, Source::Student(b));
        assert_eq!(parts[2].1, Source::Student(nobody()));
        assert_eq!(parts[0].0, data.for_student(a));
        assert_eq!(
            parts.iter().map(|(d, _)| d.len()).sum::<usize>(),
            everything
        );

        // A file naming no one speaks for no one.
        let parts = speaks_for(&file(Who::Student { students: vec![] }, data.clone()));
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].1, Source::Student(nobody()));
        assert!(data.students.iter().all(|s| s.meta.id != nobody()));
    }
}
