//! Pure helpers for the goal pages: the student's words for states and history steps,
//! grouping of goals, readable dates, and the sentence starters. Tested on the host.

use crate::domain::comment::thread;
use crate::domain::{
    Actor, Comment, CommentOn, Day, DomainError, Goal, GoalField, Id, Nudge, ReviewState, Role,
    Transition,
};
use crate::words::month_name;

/// How a group of goals is called on "My goals", in the student's words.
pub fn state_heading(state: ReviewState) -> &'static str {
    match state {
        ReviewState::Draft => "Being written",
        ReviewState::Submitted => "Waiting for my teacher",
        ReviewState::ChangesRequested => "My teacher asked for changes",
        ReviewState::Approved => "Approved — I'm working on it",
        ReviewState::Achieved => "Achieved",
    }
}

/// The longest goal text shown on a card of "My goals", in characters.
pub const CARD_WORDS: usize = 140;

/// A goal's words for a card or a title: the "I will …" on one line, shortened to
/// [`CARD_WORDS`] characters, or a kind placeholder while it is empty.
pub fn goal_words(i_will: &str) -> String {
    let one_line = i_will.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return "A goal without words yet".to_string();
    }
    if one_line.chars().count() <= CARD_WORDS {
        return one_line;
    }
    let cut: String = one_line.chars().take(CARD_WORDS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// One goal as a card on "My goals".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalCard {
    /// The goal.
    pub id: Id,
    /// Its words (see [`goal_words`]).
    pub words: String,
    /// Its target date.
    pub date: Option<Day>,
    /// The student said "I did it!" and the teacher has not answered yet.
    pub claimed: bool,
}

/// The order of the groups on "My goals": what needs the student first, then the life
/// cycle.
pub const GROUP_ORDER: [ReviewState; 5] = [
    ReviewState::ChangesRequested,
    ReviewState::Draft,
    ReviewState::Submitted,
    ReviewState::Approved,
    ReviewState::Achieved,
];

/// The student's goals grouped by state in [`GROUP_ORDER`], leaving out empty groups;
/// most recently changed first within a group. Other students' and deleted goals are
/// never included.
pub fn group_goals(goals: &[Goal], student: Id) -> Vec<(ReviewState, Vec<GoalCard>)> {
    let mut groups = Vec::new();
    for state in GROUP_ORDER {
        let mut mine: Vec<&Goal> = goals
            .iter()
            .filter(|g| g.student == student && !g.meta.deleted && g.state == state)
            .collect();
        if mine.is_empty() {
            continue;
        }
        mine.sort_by(|a, b| {
            b.meta
                .updated
                .cmp(&a.meta.updated)
                .then(a.meta.id.cmp(&b.meta.id))
        });
        groups.push((
            state,
            mine.into_iter()
                .map(|g| GoalCard {
                    id: g.meta.id,
                    words: goal_words(&g.i_will),
                    date: g.date,
                    claimed: g.claim.is_some(),
                })
                .collect(),
        ));
    }
    groups
}

/// A draft of `student` with nothing written in it yet, if there is one: "Start a new
/// goal" opens it again instead of piling up empty drafts.
pub fn blank_draft(goals: &[Goal], student: Id) -> Option<Id> {
    goals
        .iter()
        .filter(|g| {
            g.student == student
                && !g.meta.deleted
                && g.state == ReviewState::Draft
                && g.history.is_empty()
                && g.targets.is_empty()
                && g.i_will.trim().is_empty()
                && g.criteria.is_empty()
                && g.plan.is_empty()
                && g.supports.is_empty()
                && g.date.is_none()
        })
        .max_by_key(|g| (g.meta.created, g.meta.id))
        .map(|g| g.meta.id)
}

/// What one step of the history did, in the student's words. `before` is the state
/// the goal was in before the step.
pub fn step_words(before: ReviewState, step: &Transition, owner: Id) -> &'static str {
    let by_owner = step.actor(owner).is_student(owner);
    match (before, step.to) {
        (ReviewState::ChangesRequested, ReviewState::Submitted) => "Sent to the teacher again",
        (_, ReviewState::Submitted) => "Sent to the teacher",
        (ReviewState::Submitted, ReviewState::Draft) if by_owner => "Taken back to change it",
        (_, ReviewState::Draft) => "Opened again to change it",
        (_, ReviewState::ChangesRequested) => "The teacher asked for changes",
        (ReviewState::Achieved, ReviewState::Approved) => "Back to working on it",
        (_, ReviewState::Approved) => "Approved",
        (_, ReviewState::Achieved) => "Achieved!",
    }
}

/// Who did something, in the words of the student `me` who is reading.
/// `classmate` gives a classmate's first name.
pub fn who_words(by: Actor, me: Id, classmate: impl Fn(Id) -> Option<String>) -> String {
    match by.role {
        Role::Student if by.id == me => "You".to_string(),
        Role::Student => classmate(by.id).unwrap_or_else(|| "A classmate".to_string()),
        Role::Teacher => "Your teacher".to_string(),
        Role::Family => "Your family".to_string(),
    }
}

/// One line of the goal's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryLine {
    /// What happened.
    pub what: &'static str,
    /// Who did it.
    pub by: Actor,
    /// When, as milliseconds since the epoch.
    pub at: i64,
    /// Why (may be empty).
    pub why: String,
    /// The part of the goal it was about.
    pub anchor: Option<GoalField>,
}

/// The whole history of a goal, oldest first, starting with when it was started.
pub fn history_lines(goal: &Goal) -> Vec<HistoryLine> {
    let mut out = vec![HistoryLine {
        what: "Started",
        by: Actor::student(goal.student),
        at: goal.meta.created.0,
        why: String::new(),
        anchor: None,
    }];
    let mut before = ReviewState::Draft;
    for t in &goal.history {
        out.push(HistoryLine {
            what: step_words(before, t, goal.student),
            by: t.actor(goal.student),
            at: t.at.0,
            why: t.why.clone(),
            anchor: t.anchor,
        });
        before = t.to;
    }
    out
}

/// The name of a part of a goal, as the builder calls it.
pub fn field_name(field: GoalField) -> &'static str {
    match field {
        GoalField::Targets => "What I'm learning",
        GoalField::IWill => "What I will do",
        GoalField::SuccessCriteria => "How I'll know I've got it",
        GoalField::Plan => "My plan",
        GoalField::Supports => "Supports I need",
        GoalField::Date => "By when",
        GoalField::Format => "The whole goal",
    }
}

/// "14 March 2025".
pub fn readable_day(day: Day) -> String {
    let (y, m, d) = day.ymd();
    format!("{d} {} {y}", month_name(m))
}

/// "14 March 2025 at 09:05", for milliseconds since the epoch already moved to local time.
pub fn readable_moment(local_ms: i64) -> String {
    const DAY: i64 = 86_400_000;
    let day = Day(local_ms.div_euclid(DAY) as i32);
    let minutes = local_ms.rem_euclid(DAY) / 60_000;
    format!(
        "{} at {:02}:{:02}",
        readable_day(day),
        minutes / 60,
        minutes % 60
    )
}

/// Sentence starters for "I will …". Each `…` is a gap the student fills in.
pub const STARTERS: [&str; 4] = [
    "I will practise … every … so that …",
    "I will learn how to … by …",
    "I will finish … by …",
    "I will get better at … so that I can …",
];

/// Puts a starter into the "I will" text: it replaces an empty text, or goes on a new
/// line after what is there (nothing typed is lost). Returns the new text and where its
/// first gap is, as a UTF-16 range for `setSelectionRange`, so typing fills the gap.
pub fn insert_starter(current: &str, starter: &str) -> (String, (u32, u32)) {
    let text = if current.trim().is_empty() {
        starter.to_string()
    } else {
        format!("{}\n{starter}", current.trim_end())
    };
    let offset = text.len() - starter.len();
    let gap = starter.find('…').map_or(starter.len(), |i| i);
    let start = text[..offset + gap].encode_utf16().count() as u32;
    let end = if gap < starter.len() {
        start + 1
    } else {
        start
    };
    (text, (start, end))
}

/// The entries of a list part as they are stored: blank rows left out.
pub fn list_entries(rows: impl IntoIterator<Item = String>) -> Vec<String> {
    rows.into_iter().filter(|r| !r.trim().is_empty()).collect()
}

/// One line of the "Ready to send?" checklist: done, and what it says.
pub type Check = (bool, &'static str);

/// The builder's checklist toward a specific, measurable, time-bound goal: each part
/// either done (with a word of recognition) or the nudge for it. Never blocks a draft.
pub fn checklist(nudges: &[Nudge]) -> Vec<Check> {
    let find = |options: &[Nudge]| options.iter().copied().find(|n| nudges.contains(n));
    let line = |options: &[Nudge], done: &'static str| match find(options) {
        Some(n) => (false, n.message()),
        None => (true, done),
    };
    vec![
        line(&[Nudge::NoTarget], "You picked what you're learning."),
        line(
            &[Nudge::NoIWill, Nudge::VagueIWill],
            "You said what you will do.",
        ),
        line(
            &[Nudge::NoSuccessCriteria],
            "You said how you'll know you've got it.",
        ),
        line(&[Nudge::NoPlan], "Your plan has a first step."),
        line(&[Nudge::NoDate, Nudge::DateInPast], "You picked a date."),
    ]
}

/// The part of the goal a refused edit is about, so the message can sit beside it.
pub fn part_of_error(e: &DomainError) -> Option<GoalField> {
    match e {
        DomainError::TooLong { field, .. } => match *field {
            "\"I will\"" => Some(GoalField::IWill),
            "A success criterion" => Some(GoalField::SuccessCriteria),
            "A plan step" => Some(GoalField::Plan),
            "A support" => Some(GoalField::Supports),
            _ => None,
        },
        DomainError::BadDate => Some(GoalField::Date),
        _ => None,
    }
}

/// Something the teacher said about one part of a goal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeacherNote {
    /// True for the change request in force, false for a comment.
    pub request: bool,
    /// What the teacher said.
    pub text: String,
    /// When, in milliseconds since the epoch.
    pub at: i64,
}

/// What the teacher said about `field` of the goal (`None`: about the goal as a whole):
/// the change request in force, then the teacher's comments anchored there, oldest
/// first. Comments without a part are left to the comment thread.
pub fn teacher_notes(
    goal: &Goal,
    comments: &[Comment],
    field: Option<GoalField>,
) -> Vec<TeacherNote> {
    let mut out = Vec::new();
    if let Some(t) = goal.open_change_request() {
        let anchor = match t.anchor {
            Some(GoalField::Format) => None,
            a => a,
        };
        if anchor == field {
            out.push(TeacherNote {
                request: true,
                text: t.why.clone(),
                at: t.at.0,
            });
        }
    }
    if field.is_some() {
        for c in thread(comments, CommentOn::Goal(goal.meta.id)) {
            if c.is_feedback() && c.anchor == field && c.student == goal.student {
                out.push(TeacherNote {
                    request: false,
                    text: c.text.clone(),
                    at: c.meta.created.0,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::testing::{id, student_ctx, teacher_ctx};
    use crate::domain::Timestamp;

    #[test]
    fn goals_are_grouped_by_state_in_life_cycle_order_and_only_mine() {
        let s = student_ctx(1);
        let t = teacher_ctx();
        let mut draft = Goal::new(id(10), id(1), &s).unwrap();
        draft.i_will = "  I will\nread   more  ".into();
        let mut sent = Goal::new(id(11), id(1), &s).unwrap();
        sent.i_will = "I will run".into();
        sent.submit(&s).unwrap();
        let mut approved = sent.clone();
        approved.meta.id = id(12);
        approved.approve("", &t).unwrap();
        let mut other = Goal::new(id(13), id(2), &student_ctx(2)).unwrap();
        other.i_will = "not mine".into();
        let mut gone = Goal::new(id(14), id(1), &s).unwrap();
        gone.meta.deleted = true;
        let mut changes = sent.clone();
        changes.meta.id = id(15);
        changes.request_changes("Say more", None, &t).unwrap();
        let groups = group_goals(&[approved, other, draft, sent, gone, changes], id(1));
        let states: Vec<ReviewState> = groups.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            states,
            [
                ReviewState::ChangesRequested,
                ReviewState::Draft,
                ReviewState::Submitted,
                ReviewState::Approved
            ]
        );
        let groups: Vec<_> = groups.into_iter().skip(1).collect();
        assert_eq!(groups[0].1[0].words, "I will read more");
        assert!(groups
            .iter()
            .all(|(_, cards)| cards.iter().all(|c| c.id != id(13) && c.id != id(14))));
    }

    #[test]
    fn a_blank_draft_is_reused_instead_of_starting_another() {
        let s = student_ctx(1);
        let blank = Goal::new(id(10), id(1), &s).unwrap();
        let mut started = Goal::new(id(11), id(1), &s).unwrap();
        started.plan = vec!["Read".into()];
        let others = Goal::new(id(12), id(2), &student_ctx(2)).unwrap();
        assert_eq!(
            blank_draft(&[started.clone(), blank.clone(), others.clone()], id(1)),
            Some(id(10))
        );
        assert_eq!(blank_draft(&[started, others], id(1)), None);
        let mut gone = blank;
        gone.meta.deleted = true;
        assert_eq!(blank_draft(&[gone], id(1)), None);
    }

    #[test]
    fn long_and_empty_goals_have_short_kind_words() {
        assert_eq!(goal_words("   "), "A goal without words yet");
        let long = "I will ".to_string() + &"read ".repeat(3000);
        let w = goal_words(&long);
        assert_eq!(w.chars().count(), CARD_WORDS);
        assert!(w.ends_with('…'));
        assert_eq!(goal_words("أنا سأقرأ 📚"), "أنا سأقرأ 📚");
    }

    #[test]
    fn history_says_who_did_what_in_student_words() {
        let s = student_ctx(1);
        let t = teacher_ctx();
        let mut g = Goal::new(id(10), id(1), &s).unwrap();
        g.i_will = "I will read every day".into();
        g.submit(&s).unwrap();
        g.withdraw(&s).unwrap();
        g.submit(&s).unwrap();
        g.request_changes("How many pages?", Some(GoalField::Plan), &t)
            .unwrap();
        g.submit(&s).unwrap();
        g.approve("", &t).unwrap();
        g.achieve("Well done", &t).unwrap();
        g.reopen_as_approved("One more", &t).unwrap();
        g.reopen("Change it", &t).unwrap();
        let lines = history_lines(&g);
        let whats: Vec<&str> = lines.iter().map(|l| l.what).collect();
        assert_eq!(
            whats,
            [
                "Started",
                "Sent to the teacher",
                "Taken back to change it",
                "Sent to the teacher",
                "The teacher asked for changes",
                "Sent to the teacher again",
                "Approved",
                "Achieved!",
                "Back to working on it",
                "Opened again to change it",
            ]
        );
        assert_eq!(lines[4].why, "How many pages?");
        assert_eq!(lines[4].anchor, Some(GoalField::Plan));
        let names = |i: Id| (i == id(2)).then(|| "Sam".to_string());
        assert_eq!(who_words(lines[1].by, id(1), names), "You");
        assert_eq!(who_words(lines[4].by, id(1), names), "Your teacher");
        assert_eq!(who_words(Actor::student(id(2)), id(1), names), "Sam");
        assert_eq!(
            who_words(Actor::student(id(3)), id(1), names),
            "A classmate"
        );
    }

    #[test]
    fn dates_read_like_people_write_them() {
        let d = Day::parse("2025-03-14").unwrap();
        assert_eq!(readable_day(d), "14 March 2025");
        let at = d.start().0 + (9 * 60 + 5) * 60_000;
        assert_eq!(readable_moment(at), "14 March 2025 at 09:05");
        assert_eq!(
            readable_day(Day::parse("1999-12-31").unwrap()),
            "31 December 1999"
        );
        assert_eq!(readable_moment(Timestamp(0).0), "1 January 1970 at 00:00");
    }

    #[test]
    fn a_starter_fills_an_empty_text_or_goes_on_a_new_line() {
        let (t, sel) = insert_starter("  ", STARTERS[0]);
        assert_eq!(t, STARTERS[0]);
        assert_eq!(sel, (16, 17), "the first gap is selected");
        let (t, sel) = insert_starter("I will read 📚 ", STARTERS[2]);
        assert_eq!(t, format!("I will read 📚\n{}", STARTERS[2]));
        let utf16: Vec<u16> = t.encode_utf16().collect();
        let gap = String::from_utf16(&utf16[sel.0 as usize..sel.1 as usize]).unwrap();
        assert_eq!(gap, "…");
        let (t, sel) = insert_starter("", "I will");
        assert_eq!((t.as_str(), sel), ("I will", (6, 6)));
    }

    #[test]
    fn blank_list_rows_are_not_stored() {
        assert_eq!(
            list_entries(vec!["a".into(), "  ".into(), String::new(), "b ".into()]),
            ["a", "b "]
        );
    }

    #[test]
    fn the_checklist_recognises_done_parts_and_nudges_the_rest() {
        let all = checklist(&[]);
        assert!(all.iter().all(|(done, _)| *done));
        let some = checklist(&[Nudge::VagueIWill, Nudge::DateInPast]);
        assert_eq!(some.len(), 5);
        assert_eq!(some[1], (false, Nudge::VagueIWill.message()));
        assert_eq!(some[4], (false, Nudge::DateInPast.message()));
        assert!(some[0].0 && some[2].0 && some[3].0);
    }

    #[test]
    fn a_too_long_part_is_found_from_the_refusal() {
        let s = student_ctx(1);
        let long = "x".repeat(crate::domain::validate::MAX_TEXT + 1);
        for (field, want) in [
            (0, GoalField::IWill),
            (1, GoalField::SuccessCriteria),
            (2, GoalField::Plan),
            (3, GoalField::Supports),
        ] {
            let mut g = Goal::new(id(10), id(1), &s).unwrap();
            let mut t = g.text();
            match field {
                0 => t.i_will = long.clone(),
                1 => t.criteria = vec![long.clone()],
                2 => t.plan = vec![long.clone()],
                _ => t.supports = vec![long.clone()],
            }
            let e = g.edit(t, &s).unwrap_err();
            assert_eq!(part_of_error(&e), Some(want), "{e}");
        }
        assert_eq!(part_of_error(&DomainError::Locked), None);
    }

    #[test]
    fn the_teacher_request_and_comments_sit_beside_their_part() {
        let s = student_ctx(1);
        let t = teacher_ctx();
        let mut g = Goal::new(id(10), id(1), &s).unwrap();
        g.i_will = "I will read every day".into();
        g.submit(&s).unwrap();
        g.request_changes("How many pages?", Some(GoalField::Plan), &t)
            .unwrap();
        let on = CommentOn::Goal(id(10));
        let c1 = Comment::new(id(20), id(1), on, Some(GoalField::Plan), "Nice start", &t).unwrap();
        let c2 = Comment::new(id(21), id(1), on, None, "Good goal", &t).unwrap();
        let peer = Comment::new(
            id(22),
            id(1),
            on,
            Some(GoalField::Plan),
            "Cool",
            &student_ctx(2),
        )
        .unwrap();
        let comments = [c1, c2, peer];
        let plan = teacher_notes(&g, &comments, Some(GoalField::Plan));
        assert_eq!(plan.len(), 2);
        assert!(plan[0].request && plan[0].text == "How many pages?");
        assert_eq!(plan[1].text, "Nice start");
        assert!(teacher_notes(&g, &comments, None).is_empty());
        assert!(teacher_notes(&g, &comments, Some(GoalField::IWill)).is_empty());
        // Unanchored requests show at the top; a resubmitted goal has no request in force.
        let mut top = g.clone();
        top.submit(&s).unwrap();
        top.request_changes("Say more", None, &t).unwrap();
        assert_eq!(teacher_notes(&top, &[], None)[0].text, "Say more");
        top.submit(&s).unwrap();
        assert!(teacher_notes(&top, &[], None).is_empty());
    }
}
