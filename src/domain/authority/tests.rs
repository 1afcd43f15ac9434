//! The authority rules, with real ECDSA P-256 seals.

use super::*;
use crate::comment::Comment;
use crate::format::ProductFormat;
use crate::goal::Goal;
use crate::help::HelpFlag;
use crate::rating::{Rating, RatingKind};
use crate::record::testing::{id, student_ctx, teacher_ctx};
use crate::record::{Actor, Ctx};
use crate::reflection::Prompt;
use crate::reflection::Reflection;
use crate::review::{ReviewState, Transition};
use crate::sample::demo_class;
use crate::student::StudentProfile;
use crate::time::{Day, Timestamp};
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};

/// A teacher's key pair, made from a fixed secret so tests are repeatable.
struct TeacherKey(SigningKey);

impl TeacherKey {
    fn new(n: u8) -> TeacherKey {
        TeacherKey(SigningKey::from_slice(&[n; 32]).expect("a valid secret"))
    }
    fn public(&self) -> PublicKey {
        PublicKey(
            self.0
                .verifying_key()
                .to_encoded_point(false)
                .as_bytes()
                .to_vec(),
        )
    }
    /// Seals the record's teacher part at `at`, as a teacher device does.
    fn seal<T: Authority>(&self, r: &mut T, at: i64) {
        let msg = seal_message(r, Timestamp(at));
        let sig: Signature = self.0.sign(&msg);
        r.meta_mut().seal = Some(Seal {
            at: Timestamp(at),
            sig: sig.to_bytes().into(),
        });
    }
}

/// WebCrypto's check, done by p256: ECDSA P-256 with SHA-256 over the message.
fn verify(key: &PublicKey, msg: &[u8], seal: &Seal) -> bool {
    let Ok(vk) = VerifyingKey::from_sec1_bytes(&key.0) else {
        return false;
    };
    let Ok(sig) = Signature::from_slice(&seal.sig) else {
        return false;
    };
    vk.verify(msg, &sig).is_ok()
}

fn trust(key: &TeacherKey) -> Trust<'static> {
    Trust {
        key: Some(key.public()),
        verify: Box::new(verify),
    }
}

fn no_key() -> Trust<'static> {
    Trust {
        key: None,
        verify: Box::new(|_, _, _| false),
    }
}

fn teacher_at(t: i64) -> Ctx {
    Ctx::new(
        Actor::teacher(id(200)),
        "t1",
        Timestamp(1_757_000_000_000 + t),
    )
}

fn student_at(n: u8, t: i64) -> Ctx {
    Ctx::new(
        Actor::student(id(n)),
        "s1",
        Timestamp(1_757_000_000_000 + t),
    )
}

/// A submitted goal of student 1.
fn submitted_goal() -> Goal {
    let mut g = Goal::new(id(50), id(1), &student_ctx(1)).unwrap();
    let mut text = g.text();
    text.i_will = "read two chapter books this month".into();
    g.edit(text, &student_at(1, 1)).unwrap();
    g.submit(&student_at(1, 2)).unwrap();
    g
}

/// Student 1's own file, and a classmate's.
fn me() -> Source {
    Source::Student(id(1))
}
fn classmate() -> Source {
    Source::Student(id(2))
}

#[test]
fn a_students_own_work_comes_from_their_own_file_only() {
    let key = TeacherKey::new(7);
    let t = trust(&key);
    let goal = submitted_goal();
    let reflection = Reflection::new(
        id(60),
        id(1),
        Prompt::Free,
        "I liked it",
        None,
        &student_ctx(1),
    )
    .unwrap();
    let help = HelpFlag::raise(id(61), id(1), "stuck on step 2", &student_ctx(1)).unwrap();
    let own_comment = Comment::new(
        id(62),
        id(1),
        crate::comment::CommentOn::Goal(id(50)),
        None,
        "I changed my plan",
        &student_ctx(1),
    )
    .unwrap();
    let self_rating = Rating::new(
        id(63),
        id(1),
        id(70),
        1,
        "",
        &crate::rating::MasteryScale::default(),
        &student_ctx(1),
    )
    .unwrap();
    macro_rules! both_ways {
        ($r:expr) => {
            assert_eq!(check(me(), None, &$r, &t), Ok(()), "{:?}", $r);
            assert_eq!(check(Source::AnyStudent, None, &$r, &t), Ok(()));
            assert_eq!(check(Source::Teacher, None, &$r, &t), Ok(()));
            assert_eq!(
                check(classmate(), None, &$r, &t),
                Err(Why::NotTheirs),
                "{:?}",
                $r
            );
        };
    }
    both_ways!(goal);
    both_ways!(reflection);
    both_ways!(help);
    both_ways!(own_comment);
    both_ways!(self_rating);

    // An edit of the student's reflection: theirs; a classmate's file may not.
    let mut edited = reflection.clone();
    edited
        .edit("I liked the ending most", &student_at(1, 5))
        .unwrap();
    assert_eq!(check(me(), Some(&reflection), &edited, &t), Ok(()));
    assert_eq!(
        check(classmate(), Some(&reflection), &edited, &t),
        Err(Why::NotTheirs)
    );
    // Handing one's reflection to a classmate is a change of someone else's work too.
    let mut moved = reflection.clone();
    moved.student = id(2);
    assert_eq!(
        check(classmate(), Some(&reflection), &moved, &t),
        Err(Why::NotTheirs)
    );
    // Deleting one's own reflection travels.
    let mut gone = reflection.clone();
    gone.tombstone(&student_at(1, 6));
    assert_eq!(check(me(), Some(&reflection), &gone, &t), Ok(()));
}

#[test]
fn teacher_setup_and_decisions_need_the_teachers_seal() {
    let key = TeacherKey::new(7);
    let t = trust(&key);
    let data = demo_class(3, Day::from_ymd(2026, 11, 1).unwrap(), "t1");
    macro_rules! sealed_only {
        ($r:expr) => {{
            let mut r = $r.clone();
            r.meta_mut().seal = None;
            for source in [me(), Source::AnyStudent, Source::Teacher] {
                assert_eq!(check(source, None, &r, &t), Err(Why::NotSealed), "{r:?}");
            }
            key.seal(&mut r, 10);
            assert_eq!(check(me(), None, &r, &t), Ok(()), "{r:?}");
            // Before the class has a key, devices take it as before.
            r.meta_mut().seal = None;
            assert_eq!(check(me(), None, &r, &no_key()), Ok(()));
        }};
    }
    sealed_only!(data.classes[0]);
    sealed_only!(data.groups[0]);
    sealed_only!(data.targets[0]);
    sealed_only!(data.units[0]);
    let format = ProductFormat::new(id(80), "Diorama", "", "", &teacher_ctx()).unwrap();
    sealed_only!(format);
    let rating = Rating::new(
        id(81),
        id(1),
        id(70),
        2,
        "",
        &crate::rating::MasteryScale::default(),
        &teacher_ctx(),
    )
    .unwrap();
    sealed_only!(rating);
    let comment = Comment::new(
        id(82),
        id(1),
        crate::comment::CommentOn::Goal(id(50)),
        None,
        "Lovely plan",
        &teacher_ctx(),
    )
    .unwrap();
    sealed_only!(comment);
    let student = StudentProfile::new(id(1), "Maya", "", &teacher_ctx()).unwrap();
    sealed_only!(student);
}

#[test]
fn a_student_file_never_approves_a_goal_or_sets_a_teacher_rating() {
    let key = TeacherKey::new(7);
    let t = trust(&key);
    let goal = submitted_goal();

    // Approve by hand, naming the teacher: no seal.
    let mut forged = goal.clone();
    forged.approve("", &teacher_at(5)).unwrap();
    assert_eq!(check(me(), Some(&goal), &forged, &t), Err(Why::NotSealed));
    // ... or as the student: a step the student may not take.
    let mut as_student = goal.clone();
    as_student.state = ReviewState::Approved;
    as_student.history.push(Transition {
        to: ReviewState::Approved,
        at: Timestamp(1_757_000_000_009),
        by: None,
        why: String::new(),
        anchor: None,
    });
    assert_eq!(
        check(me(), Some(&goal), &as_student, &t),
        Err(Why::BadHistory)
    );
    // ... or by setting the state alone.
    let mut state_only = goal.clone();
    state_only.state = ReviewState::Approved;
    assert_eq!(
        check(me(), Some(&goal), &state_only, &t),
        Err(Why::BadHistory)
    );

    // A self-assessment turned into a teacher rating.
    let own = Rating::new(
        id(63),
        id(1),
        id(70),
        1,
        "",
        &crate::rating::MasteryScale::default(),
        &student_ctx(1),
    )
    .unwrap();
    let mut promoted = own.clone();
    promoted.kind = RatingKind::Teacher;
    promoted.level = 3;
    assert_eq!(check(me(), Some(&own), &promoted, &t), Err(Why::NotSealed));

    // A help flag "resolved by the teacher" from the student's file.
    let help = HelpFlag::raise(id(61), id(1), "stuck", &student_ctx(1)).unwrap();
    let mut resolved = help.clone();
    resolved.resolve(&teacher_at(3)).unwrap();
    assert_eq!(check(me(), Some(&help), &resolved, &t), Err(Why::NotSealed));
    // Withdrawing it is theirs to do.
    let mut withdrawn = help.clone();
    withdrawn.withdraw(&student_at(1, 3)).unwrap();
    assert_eq!(check(me(), Some(&help), &withdrawn, &t), Ok(()));

    // A renamed or archived roster entry; "All about me" is the student's.
    let maya = StudentProfile::new(id(1), "Maya", "", &teacher_ctx()).unwrap();
    let mut renamed = maya.clone();
    renamed.name = "Maya R.".into();
    assert_eq!(check(me(), Some(&maya), &renamed, &t), Err(Why::NotSealed));
    let mut archived = maya.clone();
    archived.archived = true;
    assert_eq!(check(me(), Some(&maya), &archived, &t), Err(Why::NotSealed));
    let mut about = maya.clone();
    about.profile.interests.push("horses".into());
    about.avatar = "fox".into();
    assert_eq!(check(me(), Some(&maya), &about, &t), Ok(()));
    assert_eq!(
        check(classmate(), Some(&maya), &about, &t),
        Err(Why::NotTheirs)
    );
}

#[test]
fn a_sealed_approval_travels_through_the_students_own_file() {
    let key = TeacherKey::new(7);
    let t = trust(&key);
    let goal = submitted_goal();
    let mut approved = goal.clone();
    approved.approve("Great plan", &teacher_at(5)).unwrap();
    key.seal(&mut approved, 1_757_000_000_010);
    assert_eq!(check(me(), Some(&goal), &approved, &t), Ok(()));
    assert_eq!(
        check(classmate(), Some(&goal), &approved, &t),
        Ok(()),
        "a sealed decision is the teacher's whoever passes it on"
    );
    // The student then claims it is achieved: their own step, the seal untouched.
    let mut claimed = approved.clone();
    claimed.claim_achieved(&student_at(1, 20)).unwrap();
    assert_eq!(check(me(), Some(&approved), &claimed, &t), Ok(()));
    // Submit, withdraw and edit a draft need no seal at all.
    let mut draft = goal.clone();
    draft.withdraw(&student_at(1, 3)).unwrap();
    assert_eq!(check(me(), Some(&goal), &draft, &t), Ok(()));
}

#[test]
fn forged_tampered_and_wrongly_keyed_seals_are_refused() {
    let key = TeacherKey::new(7);
    let t = trust(&key);
    let goal = submitted_goal();
    let mut approved = goal.clone();
    approved.approve("", &teacher_at(5)).unwrap();

    // Sealed with a key that is not the class's.
    let mut other_key = approved.clone();
    TeacherKey::new(9).seal(&mut other_key, 10);
    assert_eq!(check(me(), Some(&goal), &other_key, &t), Err(Why::BadSeal));

    // A real seal, then the approved text edited.
    let mut tampered = approved.clone();
    key.seal(&mut tampered, 10);
    tampered.i_will = "play games all month".into();
    assert_eq!(check(me(), Some(&goal), &tampered, &t), Err(Why::BadSeal));

    // A real seal with one bit of the signature flipped.
    let mut flipped = approved.clone();
    key.seal(&mut flipped, 10);
    if let Some(s) = flipped.meta.seal.as_mut() {
        s.sig[5] ^= 1;
    }
    assert_eq!(check(me(), Some(&goal), &flipped, &t), Err(Why::BadSeal));

    // A real seal, with its time changed.
    let mut retimed = approved.clone();
    key.seal(&mut retimed, 10);
    if let Some(s) = retimed.meta.seal.as_mut() {
        s.at = Timestamp(11);
    }
    assert_eq!(check(me(), Some(&goal), &retimed, &t), Err(Why::BadSeal));

    // A real seal lifted from another goal (same teacher part, other id).
    let mut elsewhere = approved.clone();
    elsewhere.meta.id = id(51);
    key.seal(&mut elsewhere, 10);
    let mut transplanted = approved.clone();
    transplanted.meta.seal = elsewhere.meta.seal.clone();
    assert_eq!(
        check(me(), Some(&goal), &transplanted, &t),
        Err(Why::BadSeal)
    );

    // And the honest one passes.
    let mut honest = approved.clone();
    key.seal(&mut honest, 10);
    assert_eq!(check(me(), Some(&goal), &honest, &t), Ok(()));
}

#[test]
fn an_older_sealed_decision_cannot_be_played_back() {
    let key = TeacherKey::new(7);
    let t = trust(&key);
    let goal = submitted_goal();
    let mut changes = goal.clone();
    changes
        .request_changes("Add a date", None, &teacher_at(5))
        .unwrap();
    key.seal(&mut changes, 100);
    let mut resubmitted = changes.clone();
    resubmitted.submit(&student_at(1, 8)).unwrap();
    let mut approved = resubmitted.clone();
    approved.approve("", &teacher_at(10)).unwrap();
    key.seal(&mut approved, 200);
    // The device holds the approval; a file brings back the change request, sealed
    // earlier, with its history cut back.
    assert_eq!(
        check(me(), Some(&approved), &changes, &t),
        Err(Why::OlderSeal)
    );
    // The same seal sent again with a changed teacher part is refused too.
    let mut same_time = changes.clone();
    key.seal(&mut same_time, 200);
    assert_eq!(
        check(me(), Some(&approved), &same_time, &t),
        Err(Why::OlderSeal)
    );
}

#[test]
fn tombstones_of_teacher_decisions_need_a_seal() {
    let key = TeacherKey::new(7);
    let t = trust(&key);
    let data = demo_class(3, Day::from_ymd(2026, 11, 1).unwrap(), "t1");
    let mut unit = data.units[0].clone();
    key.seal(&mut unit, 10);
    let mut gone = unit.clone();
    gone.tombstone(&student_at(1, 9));
    assert_eq!(check(me(), Some(&unit), &gone, &t), Err(Why::NotSealed));
    // An approved goal deleted from the student's file.
    let goal = submitted_goal();
    let mut approved = goal.clone();
    approved.approve("", &teacher_at(5)).unwrap();
    key.seal(&mut approved, 10);
    let mut deleted = approved.clone();
    deleted.tombstone(&student_at(1, 9));
    assert_eq!(
        check(me(), Some(&approved), &deleted, &t),
        Err(Why::NotSealed)
    );
}

#[test]
fn every_record_of_the_sample_class_passes_unchanged_and_as_new_from_a_teacher_device() {
    let key = TeacherKey::new(7);
    let t = trust(&key);
    let data = demo_class(3, Day::from_ymd(2026, 11, 1).unwrap(), "t1");
    macro_rules! each {
        ($f:ident, $ty:ty) => {
            for r in &data.$f {
                let (teacher, student) = r.parts();
                assert_eq!(r.has_teacher_part(), teacher.is_some(), "{r:?}");
                assert_eq!(r.has_student_part(), !student.is_null(), "{r:?}");
                assert_eq!(check(classmate(), Some(r), r, &t), Ok(()), "{r:?}");
                assert!(r.history_ok(), "{r:?}");
                let mut sealed = r.clone();
                key.seal(&mut sealed, 10);
                assert_eq!(
                    check(Source::Teacher, None, &sealed, &t),
                    Ok(()),
                    "{sealed:?}"
                );
            }
        };
    }
    crate::data::for_each_kind!(each);
}

#[test]
fn a_checked_merge_keeps_what_is_allowed_and_lists_the_rest() {
    let key = TeacherKey::new(7);
    let t = trust(&key);
    let local = demo_class(3, Day::from_ymd(2026, 11, 1).unwrap(), "t1");
    let me = local.students[0].meta.id;
    let other = local.students[1].meta.id;
    let mut incoming = ClassData::default();
    let mine = local
        .reflections
        .iter()
        .find(|r| r.student == me)
        .expect("a reflection of the first student");
    let theirs = local
        .reflections
        .iter()
        .find(|r| r.student == other)
        .expect("a reflection of the second student");
    for (r, text) in [(mine, "edited by me"), (theirs, "edited by a classmate")] {
        let mut r = r.clone();
        r.edit(
            text,
            &Ctx::new(Actor::student(me), "s9", Timestamp(1_800_000_000_000)),
        )
        .unwrap_or_else(|_| {
            r.text = text.into();
            r.meta.versions.bump("s9");
        });
        incoming.reflections.push(r);
    }
    let (merge, refused) = merge_checked(&local, &incoming, Source::Student(me), &t).unwrap();
    assert_eq!(merge.summary.updated, 1);
    assert_eq!(merge.summary.refused, 1);
    assert_eq!(merge.changed.reflections.len(), 1);
    assert_eq!(merge.changed.reflections[0].student, me);
    assert_eq!(
        refused,
        vec![Refusal {
            kind: Kind::Reflection,
            id: theirs.meta.id,
            student: Some(other),
            why: Why::NotTheirs,
        }]
    );
}

#[test]
fn gathering_notes_each_seal_to_check_and_the_second_pass_uses_the_answers() {
    let key = TeacherKey::new(7);
    let goal = submitted_goal();
    let mut approved = goal.clone();
    approved.approve("", &teacher_at(5)).unwrap();
    key.seal(&mut approved, 10);
    let local = ClassData {
        goals: vec![goal],
        ..ClassData::default()
    };
    let incoming = ClassData {
        goals: vec![approved],
        ..ClassData::default()
    };
    let asked = Asked::default();
    {
        let first = Trust::gather(Some(key.public()), &asked);
        let (m, refused) = merge_checked(&local, &incoming, me(), &first).unwrap();
        assert!(refused.is_empty() && m.summary.updated == 1);
    }
    let asked = asked.into_inner();
    assert_eq!(asked.len(), 1);
    assert!(verify(&key.public(), &asked[0].0, &asked[0].1));
    // The browser's answers, looked up.
    let answers: Vec<(Vec<u8>, Seal)> = asked
        .into_iter()
        .filter(|(m, s)| verify(&key.public(), m, s))
        .collect();
    let second = Trust {
        key: Some(key.public()),
        verify: Box::new(move |_, m, s| answers.iter().any(|(am, a)| am == m && a == s)),
    };
    let (m, refused) = merge_checked(&local, &incoming, me(), &second).unwrap();
    assert!(refused.is_empty() && m.summary.updated == 1);
}

#[test]
fn a_teachers_change_marks_the_seal_stale_and_a_students_keeps_it() {
    let key = TeacherKey::new(7);
    let mut approved = submitted_goal();
    approved.approve("", &teacher_at(5)).unwrap();
    key.seal(&mut approved, 10);
    let mut claimed = approved.clone();
    claimed.claim_achieved(&student_at(1, 6)).unwrap();
    assert_eq!(claimed.meta.seal, approved.meta.seal);
    assert_eq!(check(me(), Some(&approved), &claimed, &trust(&key)), Ok(()));
    let mut achieved = claimed.clone();
    achieved.achieve("", &teacher_at(7)).unwrap();
    let seal = achieved.meta.seal.clone().unwrap();
    assert!(seal.is_stale(), "the teacher's change needs a new seal");
    assert_eq!(seal.at, Timestamp(10), "the stale seal keeps its time");
    // Sent on as it is, the achievement is refused until it is sealed again.
    assert_eq!(
        check(me(), Some(&claimed), &achieved, &trust(&key)),
        Err(Why::NotSealed)
    );
    key.seal(&mut achieved, 11);
    assert_eq!(check(me(), Some(&claimed), &achieved, &trust(&key)), Ok(()));
}

#[test]
fn an_empty_device_takes_a_backup_whole() {
    let key = TeacherKey::new(7);
    let mut backup = demo_class(3, Day::from_ymd(2026, 11, 1).unwrap(), "t1");
    backup.classes[0].key = Some(key.public().to_string());
    let (merge, refused) = merge_checked(
        &ClassData::default(),
        &backup,
        Source::AnyStudent,
        &trust(&key),
    )
    .unwrap();
    assert!(refused.is_empty());
    assert_eq!(merge.summary.new, backup.len());
    // Once it holds the class, an unsealed change to the class setup is refused.
    let mut renamed = backup.classes[0].clone();
    renamed.name = "Room 13".into();
    renamed.meta.versions.bump("s9");
    let incoming = ClassData {
        classes: vec![renamed],
        ..ClassData::default()
    };
    let (_, refused) = merge_checked(&backup, &incoming, Source::AnyStudent, &trust(&key)).unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].why, Why::NotSealed);
}

#[test]
fn the_class_key_is_this_devices_or_else_the_first_one_received() {
    let a = TeacherKey::new(7).public();
    let b = TeacherKey::new(9).public();
    let mut mine = demo_class(3, Day::from_ymd(2026, 11, 1).unwrap(), "t1");
    let mut theirs = mine.clone();
    theirs.classes[0].key = Some(b.to_string());
    assert_eq!(class_key(&mine, &theirs), Some(b.clone()));
    mine.classes[0].key = Some(a.to_string());
    assert_eq!(class_key(&mine, &theirs), Some(a));
    assert_eq!(
        class_key(&ClassData::default(), &ClassData::default()),
        None
    );
}
