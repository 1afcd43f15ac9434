//! The class dashboard: every student against every target, their goals, paths, last
//! activity and help requests, with filters and "who's stuck".
//!
//! The rules live in `domain::dashboard`: [`build`] makes the model once per change of
//! the records (a memo, so a change that leaves the model equal stops there), and the
//! filters and "who's stuck" only read that model. Grid rows are keyed by a hash of what
//! they show, so a change to one student re-renders that row only.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use leptos::either::Either;
use leptos::prelude::*;

use crate::components::{Link, Page};
use crate::domain::dashboard::{
    ago_words, build, cell_words, count_words, grid, state_from_key, state_key, state_short,
    state_words, whos_stuck, Cell, Column, Filters, GridRow, SortBy, StuckLine, StuckReason,
    DEFAULT_STUCK_DAYS, STUCK_DAYS,
};
use crate::domain::{Id, ReviewState};
use crate::state::{now, use_records, use_router, TeacherView};

/// /teacher/dashboard.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let records = use_records();
    let model = Memo::new(move |_| records.data.with(|d| build(d, now())));
    let has_students = Memo::new(move |_| model.with(|m| !m.students.is_empty()));
    view! {
        <Page title="Class dashboard">
            <div class="dash-page">
                <Show when=move || has_students.get() fallback=NoStudents>
                    <Dashboard model/>
                </Show>
            </div>
        </Page>
    }
}

/// The dashboard for a class with students.
#[component]
fn Dashboard(model: Memo<crate::domain::dashboard::Dashboard>) -> impl IntoView {
    // The view lives in the address too, so a reload (or a shared link) keeps it.
    let (initial, days) = Filters::from_query(&window().location().search().unwrap_or_default());
    let filters = RwSignal::new(initial);
    let stuck_days = RwSignal::new(days.unwrap_or(DEFAULT_STUCK_DAYS));
    let router = use_router();
    Effect::new(move |_| {
        let query = filters.get().to_query(stuck_days.get());
        let url = format!("{}{query}", router.href(&TeacherView::Dashboard.path()));
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    });
    let shown = Memo::new(move |_| model.with(|m| grid(m, &filters.get())));
    let stuck = Memo::new(move |_| model.with(|m| whos_stuck(m, now(), stuck_days.get())));
    let levels = Memo::new(move |_| model.with(|m| m.levels.clone()));
    view! {
        <p class="lead dash-lead">
            "The whole class at a glance: who is stuck, and where everyone is on each target."
        </p>
        <WhosStuck stuck stuck_days/>
        <section class="card dash-grid-card" aria-labelledby="grid-heading">
            <h2 id="grid-heading">"Students and targets"</h2>
            <FilterForm model filters/>
            <p role="status" class="dash-count">
                {move || shown.with(|g| count_words(g.rows.len(), g.total))}
            </p>
            <Legend levels/>
            <GridTable shown levels/>
            <PrintKey shown/>
            <p class="dash-actions">
                <button type="button" class="button button-quiet dash-print"
                    on:click=move |_| { let _ = window().print(); }>
                    "Print the dashboard"
                </button>
            </p>
        </section>
    }
}

/// The class has nobody yet.
#[component]
fn NoStudents() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="empty-heading">
            <h2 id="empty-heading">"No students yet"</h2>
            <p>"Once your class has students, this page shows each of them against each learning target, who is stuck, and how far along their paths they are."</p>
            <p><Link to=TeacherView::Home.path() class="button">"Add students to my class"</Link></p>
        </section>
    }
}

/// "Who's stuck": open help requests, then no progress for N days.
#[component]
fn WhosStuck(stuck: Memo<Vec<StuckLine>>, stuck_days: RwSignal<i64>) -> impl IntoView {
    let none = Memo::new(move |_| stuck.with(Vec::is_empty));
    view! {
        <section class="card dash-stuck" aria-labelledby="stuck-heading">
            <div class="dash-stuck-head">
            <h2 id="stuck-heading">"Who's stuck"</h2>
            <div class="field stuck-days">
                <label for="stuck-days">"Count as stuck after no progress for"</label>
                <select id="stuck-days" aria-describedby="stuck-hint"
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<i64>() {
                            stuck_days.set(n);
                        }
                    }>
                    {STUCK_DAYS.iter().map(|&n| view! {
                        <option value=n.to_string() prop:selected=move || stuck_days.get() == n>
                            {format!("{n} days")}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            </div>
            <p class="note" id="stuck-hint">
                "Open help requests first, then no progress for that long: no step started or done, no evidence, reflection, self-assessment or goal sent. Always the whole class, whatever the filters below."
            </p>
            <Show when=move || !none.get() fallback=|| view! {
                <p class="dash-none">"Nobody is stuck right now."</p>
            }>
                <ul class="stuck-list">
                    <For each=move || stuck.get() key=|l| l.clone() let:line>
                        <StuckItem line/>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// One student in "who's stuck": their name (a link to their page) and why.
#[component]
fn StuckItem(line: StuckLine) -> impl IntoView {
    let words = line.words(now());
    let help = matches!(line.reason, StuckReason::Help { .. });
    let note = match &line.reason {
        StuckReason::Help { note, .. } if !note.trim().is_empty() => Some(note.clone()),
        _ => None,
    };
    view! {
        <li class="stuck-item" class:stuck-help=help>
            <Link to=TeacherView::Student(line.id).path() class="stuck-name">
                <bdi>{line.name.clone()}</bdi>
            </Link>
            <span class="stuck-why">
                <span class="visually-hidden">": "</span>
                {words}
                {note.map(|n| view! {
                    " "<span class="stuck-note">"Their note: "<q dir="auto">{n}</q></span>
                })}
            </span>
        </li>
    }
}

/// Unit, group, goal state and sort order. Each change applies at once.
#[component]
fn FilterForm(
    model: Memo<crate::domain::dashboard::Dashboard>,
    filters: RwSignal<Filters>,
) -> impl IntoView {
    // Only the lists the menus need: a change elsewhere does not rebuild the menus.
    let units = Memo::new(move |_| {
        model.with(|m| {
            m.units
                .iter()
                .map(|u| (u.id, u.title.clone()))
                .collect::<Vec<_>>()
        })
    });
    let groups = Memo::new(move |_| model.with(|m| m.groups.clone()));
    let narrows = Memo::new(move |_| filters.with(Filters::narrows));
    let on_unit = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        filters.update(|f| f.unit = Id::parse(&v).ok());
    };
    let on_group = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        filters.update(|f| f.group = Id::parse(&v).ok());
    };
    let on_state = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        filters.update(|f| f.goal_state = state_from_key(&v));
    };
    let on_sort = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        filters.update(|f| f.sort = SortBy::from_key(&v));
    };
    let clear = move |_| {
        filters.update(|f| {
            *f = Filters {
                sort: f.sort,
                ..Filters::default()
            }
        })
    };
    view! {
        <form class="dash-filters" aria-label="Filter and sort" on:submit=|ev| ev.prevent_default()>
            <div class="field-row">
                <div class="field">
                    <label for="dash-unit">"Unit"</label>
                    <select id="dash-unit" aria-describedby="dash-unit-hint" on:change=on_unit>
                        <option value="" prop:selected=move || filters.with(|f| f.unit.is_none())>
                            "All units"
                        </option>
                        {move || units.get().into_iter().map(|(id, title)| view! {
                            <option value=id.to_string()
                                prop:selected=move || filters.with(|f| f.unit == Some(id))>
                                {title}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="dash-group">"Group"</label>
                    <select id="dash-group" on:change=on_group>
                        <option value="" prop:selected=move || filters.with(|f| f.group.is_none())>
                            "Everyone"
                        </option>
                        {move || groups.get().into_iter().map(|(id, name)| view! {
                            <option value=id.to_string()
                                prop:selected=move || filters.with(|f| f.group == Some(id))>
                                {name}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="dash-state">"Has a goal that is"</label>
                    <select id="dash-state" on:change=on_state>
                        <option value="" prop:selected=move || filters.with(|f| f.goal_state.is_none())>
                            "Any state"
                        </option>
                        {ReviewState::ALL.into_iter().map(|s| view! {
                            <option value=state_key(s)
                                prop:selected=move || filters.with(|f| f.goal_state == Some(s))>
                                {capitalized(state_words(s))}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="dash-sort">"Sort by"</label>
                    <select id="dash-sort" on:change=on_sort>
                        {SortBy::ALL.into_iter().map(|s| view! {
                            <option value=s.key()
                                prop:selected=move || filters.with(|f| f.sort == s)>
                                {s.label()}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <Show when=move || narrows.get()>
                    <button type="button" class="button button-quiet dash-clear" on:click=clear>
                        "Show everyone"
                    </button>
                </Show>
            </div>
            <p class="note" id="dash-unit-hint">
                "A unit shows only the students it is for and only its targets; path progress is then for that unit."
            </p>
        </form>
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What T, S and the level numbers mean.
#[component]
fn Legend(levels: Memo<Vec<String>>) -> impl IntoView {
    view! {
        <div class="dash-legend" id="dash-legend">
            <p>
                "In each target's cell: "
                <span class="lvl lvl-t lvl-2">"T"</span>" your latest rating, "
                <span class="lvl lvl-s">"S"</span>" the student's own latest rating, side by side. "
                "A dash: not rated yet."
            </p>
            <p class="dash-levels">
                "Levels: "
                {move || levels.get().into_iter().enumerate().map(|(i, l)| view! {
                    <span class="dash-level"><strong>{(i + 1).to_string()}</strong>" "{l}</span>
                }).collect_view()}
            </p>
        </div>
    }
}

fn row_key(row: &GridRow, levels: &[String]) -> (Id, u64) {
    let mut h = DefaultHasher::new();
    row.hash(&mut h);
    levels.hash(&mut h);
    (row.student.id, h.finish())
}

/// The grid: a real table in a keyboard-scrollable region, header row and names sticky.
#[component]
fn GridTable(
    shown: Memo<crate::domain::dashboard::Grid>,
    levels: Memo<Vec<String>>,
) -> impl IntoView {
    let columns = Memo::new(move |_| shown.with(|g| g.columns.clone()));
    let rows = move || {
        let levels = levels.get();
        shown.with(|g| {
            g.rows
                .iter()
                .map(|r| (row_key(r, &levels), r.clone(), levels.clone()))
                .collect::<Vec<_>>()
        })
    };
    let empty = Memo::new(move |_| shown.with(|g| g.rows.is_empty()));
    view! {
        <div class="dash-scroll" tabindex="0" role="region"
            aria-label="Students and targets grid (scrolls both ways)" aria-describedby="dash-legend">
            <table class="dash-grid">
                <caption class="visually-hidden">
                    "Each student's goals, path progress, last activity and help requests, then the latest teacher (T) and self (S) rating on each learning target."
                </caption>
                <thead>
                    <tr>
                        <th scope="col" class="dash-name">"Student"</th>
                        <th scope="col" class="dash-goals-col">"Goals"</th>
                        <th scope="col" class="dash-path-col">"Path"</th>
                        <th scope="col" class="dash-active-col">"Last active"</th>
                        <th scope="col" class="dash-help-col">"Help"</th>
                        {move || columns.get().into_iter().enumerate().map(|(i, c)| view! {
                            <TargetHeader index=i column=c/>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <For each=rows key=|(k, _, _)| *k let:item>
                        <GridRowView row=item.1 levels=item.2/>
                    </For>
                </tbody>
            </table>
            <Show when=move || empty.get()>
                <p class="dash-none">"No student matches these filters. Choose \"Show everyone\" to see the whole class."</p>
            </Show>
        </div>
    }
}

/// A target's column heading: its number and a few words; the full statement for screen
/// readers and in the tooltip.
#[component]
fn TargetHeader(index: usize, column: Column) -> impl IntoView {
    let tip = if column.code.is_empty() {
        column.text.clone()
    } else {
        format!("{} ({})", column.text, column.code)
    };
    view! {
        <th scope="col" class="dash-target" title=tip>
            <span class="th-num" aria-hidden="true">{(index + 1).to_string()}</span>
            <span class="th-short" aria-hidden="true">{column.short}</span>
            <span class="visually-hidden">{column.text}</span>
        </th>
    }
}

/// One student's row.
#[component]
fn GridRowView(row: GridRow, levels: Vec<String>) -> impl IntoView {
    let s = row.student;
    let now = now();
    let goals: Vec<(ReviewState, usize)> = ReviewState::ALL
        .into_iter()
        .map(|st| (st, s.goals[st.index()]))
        .filter(|(_, n)| *n > 0)
        .collect();
    let goals_view = if goals.is_empty() {
        view! { <span class="dash-muted">"no goals yet"</span> }.into_any()
    } else {
        view! {
            <ul class="dash-goal-counts">
                {goals.into_iter().map(|(st, n)| view! {
                    <li class=format!("goal-count gc-{}", state_key(st))>{format!("{n} {}", state_short(st))}</li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let path_view = match row.percent {
        Some(p) => view! {
            <span class="dash-path">
                <span class="progress-line" aria-hidden="true">
                    <span class=format!("bar pct-{}", (p / 10) * 10)></span>
                </span>
                <span class="dash-pct">{format!("{p}%")}</span>
            </span>
        }
        .into_any(),
        None => view! { <span class="dash-muted">"not started"</span> }.into_any(),
    };
    let help_view = if s.open_help > 0 {
        view! { <span class="dash-help">{format!("{} open", s.open_help)}</span> }.into_any()
    } else {
        view! {
            <span aria-hidden="true" class="dash-muted">"–"</span>
            <span class="visually-hidden">"none"</span>
        }
        .into_any()
    };
    let has_help = s.open_help > 0;
    view! {
        <tr class:dash-row-help=has_help>
            <th scope="row" class="dash-name">
                <Link to=TeacherView::Student(s.id).path()><bdi>{s.name.clone()}</bdi></Link>
            </th>
            <td class="dash-goals-col">{goals_view}</td>
            <td class="dash-path-col">{path_view}</td>
            <td class="dash-active-col">{ago_words(s.last_activity, now)}</td>
            <td class="dash-help-col">{help_view}</td>
            {row.cells.into_iter().map(|c| grid_cell(&levels, c)).collect_view()}
        </tr>
    }
}

/// One rating cell: "T3 S2" on screen, the words for screen readers.
fn grid_cell(levels: &[String], c: Cell) -> impl IntoView {
    // The grid has a thousand of these: as few nodes as possible, no type erasure.
    let words = cell_words(levels, c);
    let num = |l: Option<u8>| l.map_or("–".to_string(), |l| (u16::from(l) + 1).to_string());
    let visual = if c.is_empty() {
        Either::Left(view! { <span class="cell-none" aria-hidden="true">"–"</span> })
    } else {
        let tier = c
            .teacher
            .map_or("lvl-none".to_string(), |l| format!("lvl-{}", l.min(9)));
        Either::Right(view! {
            <span class=format!("lvl lvl-t {tier}") aria-hidden="true">{format!("T{}", num(c.teacher))}</span>
            <span class="lvl lvl-s" aria-hidden="true">{format!("S{}", num(c.own))}</span>
        })
    };
    view! {
        <td class="dash-cell">
            {visual}
            <span class="visually-hidden">{words}</span>
        </td>
    }
}

/// The targets by number, printed under the grid (the headings are short on paper).
#[component]
fn PrintKey(shown: Memo<crate::domain::dashboard::Grid>) -> impl IntoView {
    let columns = Memo::new(move |_| shown.with(|g| g.columns.clone()));
    view! {
        <div class="dash-print-key" aria-hidden="true">
            <p><strong>"Targets"</strong></p>
            <ol>
                {move || columns.get().into_iter().map(|c| view! {
                    <li>{c.text}{(!c.code.is_empty()).then(|| format!(" ({})", c.code))}</li>
                }).collect_view()}
            </ol>
        </div>
    }
}
