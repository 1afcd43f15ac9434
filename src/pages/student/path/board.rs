//! The choice board: what each activity is, its ways in, "Start my path", and the
//! may-dos not on the path yet with "Add to my path".

use leptos::prelude::*;

use super::read_aloud::ReadAloud;
use super::{change_path, focus_later, step_dom_id, LikesContext};
use crate::components::Feedback;
use crate::domain::{Activity, Actor, Id, Pathway, Unit, WayIn, WayKind};
use crate::pages::student::use_student;
use crate::state::{ctx_for, use_records, RecordsState};

/// "Choose 2 more may-dos", or that enough are chosen.
pub(crate) fn may_do_sentence(required: u8, missing: usize) -> String {
    match (required, missing) {
        (0, _) => "May-dos are extra: add any that you'd like to do.".into(),
        (_, 0) => "You have chosen enough may-dos. You can still add more if you like.".into(),
        (_, 1) => "Choose 1 more may-do.".into(),
        (_, n) => format!("Choose {n} more may-dos."),
    }
}

/// What the board asks for, before a path exists.
fn board_sentence(required: u8) -> String {
    match required {
        0 => "Everyone does the must-dos. May-dos are extra: pick any you like.".into(),
        1 => "Everyone does the must-dos. Then you choose 1 may-do.".into(),
        n => format!("Everyone does the must-dos. Then you choose {n} may-dos."),
    }
}

/// Starts this student's path in a unit (with the must-dos), then adds `then_add`.
fn start_path(
    records: RecordsState,
    student: Id,
    unit: &Unit,
    then_add: Option<Id>,
) -> Result<String, String> {
    let groups = records.data.with_untracked(|d| d.groups.clone());
    let ctx = ctx_for(records, Actor::student(student));
    let mut path =
        Pathway::start(Id::new_v4(), student, unit, &groups, &ctx).map_err(|e| e.to_string())?;
    let mut said = "Your path has started, with the must-dos on it.".to_string();
    if let Some(a) = then_add {
        path.add(unit, a, &groups, &ctx)
            .map_err(|e| e.to_string())?;
        if let Some(a) = unit.activity(a) {
            said = format!(
                "Your path has started, with the must-dos and “{}”.",
                a.title
            );
        }
    }
    records.save(path).map_err(|e| e.to_string())?;
    Ok(said)
}

/// A way in's text and link (without its kind).
#[component]
pub(crate) fn WayDetails(way: WayIn, title: String) -> impl IntoView {
    let link = (!way.link.is_empty()).then(|| {
        let words = match way.kind {
            WayKind::Watch => "Open the video",
            WayKind::Listen => "Open the recording",
            _ => "Open the link",
        };
        view! {
            <a class="way-link" href=way.link.clone() target="_blank" rel="noopener noreferrer">
                {words}<span class="visually-hidden">{format!(", {title}, opens in a new tab")}</span>
            </a>
        }
    });
    view! {
        {(!way.text.is_empty()).then(|| view! { <span class="way-text">{way.text.clone()}</span> })}
        {link}
    }
}

/// One way in: its kind, its text and its link.
#[component]
pub(crate) fn WayLine(way: WayIn, title: String) -> impl IntoView {
    view! {
        <span class=format!("way-kind way-{}", way.kind.slug())>{way.kind.label()}</span>
        <WayDetails way title/>
    }
}

/// The description, a suggestion from the student's interests, and Listen.
#[component]
pub(crate) fn ActivityAbout(activity: Activity) -> impl IntoView {
    let likes = expect_context::<LikesContext>().0;
    let a = activity.clone();
    let suggestion = move || {
        likes
            .with(|l| l.suggestion(&[&a.title, &a.description]))
            .map(|s| view! { <p class="suggest"><span aria-hidden="true">"★ "</span>{s}</p> })
    };
    let text = activity.read_aloud_text();
    view! {
        {suggestion}
        {(!activity.description.trim().is_empty()).then(|| view! { <p class="activity-description">{activity.description.clone()}</p> })}
        <ReadAloud text title=activity.title.clone()/>
    }
}

/// The tag that says must-do or may-do, in words and not only colour.
#[component]
pub(crate) fn MustTag(must: bool) -> impl IntoView {
    if must {
        view! { <span class="tag tag-must">"Must-do"</span> }
    } else {
        view! { <span class="tag tag-may">"May-do"</span> }
    }
}

/// An activity card on the board, with an optional "Add to my path" button.
#[component]
fn BoardActivity(
    activity: Activity,
    #[prop(optional)] on_add: Option<Callback<Id>>,
) -> impl IntoView {
    let id = activity.id;
    let title = activity.title.clone();
    let ways = activity.ways.clone();
    let ways_title = title.clone();
    view! {
        <li class="activity" class:activity-must=activity.must class:activity-may=!activity.must>
            <div class="activity-head">
                <h4 class="activity-title">{title.clone()}</h4>
                <MustTag must=activity.must/>
            </div>
            <ActivityAbout activity=activity.clone()/>
            {(!ways.is_empty()).then(|| view! {
                <p class="ways-label">"Ways in:"</p>
                <ul class="ways">
                    {ways.into_iter().map(|w| view! { <li><WayLine way=w title=ways_title.clone()/></li> }).collect_view()}
                </ul>
            })}
            {on_add.map(|cb| view! {
                <button type="button" class="button add-button"
                    aria-label=format!("Add to my path: {title}")
                    on:click=move |_| cb.run(id)>
                    <span aria-hidden="true">"+ "</span>"Add to my path"
                </button>
            })}
        </li>
    }
}

/// The board before the student has a path: must-dos, may-dos, "Start my path".
#[component]
pub fn StartBoard(unit_id: Id, unit: Memo<Option<Unit>>, feedback: Feedback) -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let start = move |then_add: Option<Id>| {
        let Some(u) = unit.get_untracked() else {
            return;
        };
        let result = start_path(records, me.id, &u, then_add);
        if result.is_ok() {
            focus_later(step_dom_id("path-heading", unit_id, unit_id));
        }
        feedback.show(result);
    };
    let add = Callback::new(move |id: Id| start(Some(id)));
    move || {
        let Some(u) = unit.get() else {
            return ().into_any();
        };
        let acts: Vec<Activity> = records
            .data
            .with_untracked(|d| u.activities_for(me.id, &d.groups).cloned().collect());
        let (must, may): (Vec<Activity>, Vec<Activity>) = acts.into_iter().partition(|a| a.must);
        let has_may = !may.is_empty();
        let has_must = !must.is_empty();
        view! {
            <div class="board">
                <h3>"Choice board"</h3>
                <p>{board_sentence(u.may_dos_required)}</p>
                // What to do now comes first: the board below says what each activity is.
                <div class="actions start-actions">
                    <button type="button" class="button button-big" on:click=move |_| start(None)>
                        "Start my path"
                    </button>
                    <p class="note">"Your must-dos go on your path first. Then you add may-dos and put everything in your order."</p>
                </div>
                {has_must.then(|| view! {
                    <p class="board-group-label">"Must-dos: everyone does these"</p>
                    <ul class="activities">
                        {must.into_iter().map(|a| view! { <BoardActivity activity=a/> }).collect_view()}
                    </ul>
                })}
                {has_may.then(|| view! {
                    <p class="board-group-label">"May-dos: you choose"</p>
                    <ul class="activities">
                        {may.into_iter().map(|a| view! { <BoardActivity activity=a on_add=add/> }).collect_view()}
                    </ul>
                })}
            </div>
        }
        .into_any()
    }
}

/// May-dos not on the path yet, each with "Add to my path".
#[component]
pub fn MoreActivities(
    unit_id: Id,
    unit: Memo<Option<Unit>>,
    path: Memo<Option<Pathway>>,
    feedback: Feedback,
) -> impl IntoView {
    let records = use_records();
    let me = use_student();
    let add = Callback::new(move |activity: Id| {
        let title = unit.with_untracked(|u| {
            u.as_ref()
                .and_then(|u| u.activity(activity))
                .map(|a| a.title.clone())
                .unwrap_or_default()
        });
        let result = change_path(records, me.id, unit_id, |p, u, g, ctx| {
            p.add(u, activity, g, ctx)
        })
        .map(|()| format!("Added “{title}” to the end of your path."));
        if result.is_ok() {
            // The button is gone with the card: go to the new step instead.
            focus_later(step_dom_id("step-title", unit_id, activity));
        }
        feedback.show(result);
    });
    // What is not on the path yet: may-dos, and any must-do the teacher added after the
    // path started. Recomputed only when that list changes.
    let left = Memo::new(move |_| {
        let on_path: Vec<Id> = path.with(|p| {
            p.as_ref()
                .map(|p| p.steps.iter().map(|s| s.activity).collect())
                .unwrap_or_default()
        });
        unit.with(|u| {
            u.as_ref()
                .map(|u| {
                    records.data.with_untracked(|d| {
                        u.activities_for(me.id, &d.groups)
                            .filter(|a| !on_path.contains(&a.id))
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                })
                .unwrap_or_default()
        })
    });
    let sentence = Memo::new(move |_| {
        let required = unit.with(|u| u.as_ref().map_or(0, |u| u.may_dos_required));
        let missing = unit.with(|u| {
            path.with(|p| match (u, p) {
                (Some(u), Some(p)) => p.may_dos_missing(u),
                _ => 0,
            })
        });
        (may_do_sentence(required, missing), missing > 0)
    });
    view! {
        <div class="board board-more">
            <h3>"Add may-dos"</h3>
            <p class="may-do-count" class:needs-more=move || sentence.get().1>{move || sentence.get().0}</p>
            {move || {
                let list = left.get();
                if list.is_empty() {
                    view! { <p class="note">"All the may-dos are on your path."</p> }.into_any()
                } else {
                    view! {
                        <ul class="activities">
                            {list.into_iter().map(|a| view! { <BoardActivity activity=a on_add=add/> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn may_do_sentences_count_what_is_missing() {
        assert_eq!(may_do_sentence(2, 2), "Choose 2 more may-dos.");
        assert_eq!(may_do_sentence(2, 1), "Choose 1 more may-do.");
        assert!(may_do_sentence(2, 0).starts_with("You have chosen enough"));
        assert!(may_do_sentence(0, 0).contains("extra"));
        assert!(board_sentence(1).contains("1 may-do."));
        assert!(board_sentence(3).contains("3 may-dos"));
        assert!(!board_sentence(0).contains("choose 0"));
    }
}
