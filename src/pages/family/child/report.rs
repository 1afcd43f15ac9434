//! The family view's content, which is also the printable one-page progress report:
//! what the child is working on, their goals, how to help at home, their own words.
//! Read-only. Words typed by the child or the teacher are shown as written, with
//! `dir="auto"` so a right-to-left sentence reads the right way.

use leptos::prelude::*;

use super::model::{
    percent_class, EvidenceItem, FamilyModel, GoalItem, PathItem, ProductItem, ProductName,
    ReflectionItem,
};
use crate::domain::{BuiltinFormat, Day, Prompt, StepStatus};
use crate::i18n::{date_long, t, tn, tr, Arg, Lang};

fn step_key(s: StepStatus) -> &'static str {
    match s {
        StepStatus::NotStarted => "step-not-started",
        StepStatus::Started => "step-started",
        StepStatus::Done => "step-done",
    }
}

fn step_class(s: StepStatus) -> &'static str {
    match s {
        StepStatus::NotStarted => "family-state",
        StepStatus::Started => "family-state family-state-on",
        StepStatus::Done => "family-state family-state-done",
    }
}

fn format_key(f: BuiltinFormat) -> &'static str {
    match f {
        BuiltinFormat::Essay => "format-essay",
        BuiltinFormat::Website => "format-website",
        BuiltinFormat::Infographic => "format-infographic",
        BuiltinFormat::VideoScript => "format-video-script",
        BuiltinFormat::Podcast => "format-podcast",
        BuiltinFormat::Slideshow => "format-slideshow",
        BuiltinFormat::Comic => "format-comic",
        BuiltinFormat::PosterOrModel => "format-poster-or-model",
    }
}

fn prompt_key(p: Prompt) -> &'static str {
    match p {
        Prompt::WentWell => "prompt-went-well",
        Prompt::WasHard => "prompt-was-hard",
        Prompt::Next => "prompt-next",
        Prompt::Free => "prompt-free",
    }
}

/// The whole report for one child, in `lang`, dated `today`.
#[component]
pub fn Report(
    /// The language to use.
    lang: Lang,
    /// What to show.
    model: FamilyModel,
    /// Today, printed on the report.
    today: Day,
) -> impl IntoView {
    let name = model.name.clone();
    let heading_for = tr(lang, "report-for", &[("full", Arg::Text(&model.full_name))]);
    view! {
        <article class="family-report" aria-labelledby="family-report-for">
            <header class="family-report-head">
                <p id="family-report-for" class="family-report-for">{heading_for}</p>
                <p class="family-report-date">
                    <time datetime=today.to_iso()>{date_long(lang, today)}</time>
                </p>
            </header>
            {working_on(lang, &name, &model.paths, &model.products)}
            {goals(lang, &name, &model.goals, model.achieved)}
            {help_at_home(lang, &name, &model.help_at_home)}
            {own_words(lang, &name, &model.reflections)}
            {shared_work(lang, &name, &model.evidence)}
            <p class="note family-report-private">{tn(lang, "report-private", &name)}</p>
        </article>
    }
}

fn working_on(
    lang: Lang,
    name: &str,
    paths: &[PathItem],
    products: &[ProductItem],
) -> impl IntoView {
    let body = if paths.is_empty() && products.is_empty() {
        view! { <p>{tn(lang, "working-none", name)}</p> }.into_any()
    } else {
        let paths = paths
            .iter()
            .map(|p| path_card(lang, name, p))
            .collect_view();
        let products = (!products.is_empty()).then(|| {
            let items = products
                .iter()
                .map(|p| product(lang, name, p))
                .collect_view();
            view! {
                <h3>{tn(lang, "making-heading", name)}</h3>
                <ul class="family-products">{items}</ul>
            }
        });
        view! { {paths} {products} }.into_any()
    };
    view! {
        <section class="family-section" aria-labelledby="family-working">
            <h2 id="family-working">{tn(lang, "working-heading", name)}</h2>
            {body}
        </section>
    }
}

fn path_card(lang: Lang, name: &str, p: &PathItem) -> impl IntoView {
    let total = p.steps.len();
    let progress = tr(
        lang,
        "path-progress",
        &[("done", Arg::Count(p.done)), ("total", Arg::Count(total))],
    );
    let steps = p
        .steps
        .iter()
        .map(|(title, status)| {
            view! {
                <li>
                    <span class="family-step-title" dir="auto">{title.clone()}</span>
                    " "
                    <span class=step_class(*status)>{t(lang, step_key(*status))}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="family-path">
            <h3 dir="auto">{tr(lang, "path-unit", &[("unit", Arg::Text(&p.unit))])}</h3>
            <p class="family-path-progress">
                <span class="progress-line" aria-hidden="true">
                    <span class=percent_class(p.percent)></span>
                </span>
                <span>{progress}</span>
            </p>
            <p class="visually-hidden">{tn(lang, "steps-label", name)}</p>
            <ol class="family-steps">{steps}</ol>
        </div>
    }
}

fn product(lang: Lang, name: &str, p: &ProductItem) -> impl IntoView {
    let what = match &p.name {
        ProductName::Builtin(f) => view! { <strong>{t(lang, format_key(*f))}</strong> }.into_any(),
        ProductName::Custom(n) => view! { <strong dir="auto">{n.clone()}</strong> }.into_any(),
        ProductName::OwnIdea(i) => view! {
            <span>{tn(lang, "product-own-idea", name)}</span>
            " "
            <strong dir="auto">{i.clone()}</strong>
        }
        .into_any(),
    };
    let unit = p.unit.as_ref().map(|u| {
        view! { <span class="family-product-unit" dir="auto">{tr(lang, "product-for", &[("unit", Arg::Text(u))])}</span> }
    });
    let why = (!p.why.is_empty()).then(|| {
        view! {
            <p class="family-why">
                <span class="family-label">{tn(lang, "product-why", name)}</span>
                " "
                <q dir="auto">{p.why.clone()}</q>
            </p>
        }
    });
    view! {
        <li class="family-product">
            <p>{what} " " {unit}</p>
            {why}
        </li>
    }
}

fn goals(lang: Lang, name: &str, goals: &[GoalItem], achieved: usize) -> impl IntoView {
    let body = if goals.is_empty() {
        view! { <p>{t(lang, "goals-none")}</p> }.into_any()
    } else {
        let count = tr(
            lang,
            "goals-count",
            &[
                ("achieved", Arg::Count(achieved)),
                ("total", Arg::Count(goals.len())),
            ],
        );
        let items = goals.iter().map(|g| goal(lang, name, g)).collect_view();
        view! {
            <p class="family-count">{count}</p>
            <ul class="family-goals">{items}</ul>
        }
        .into_any()
    };
    view! {
        <section class="family-section" aria-labelledby="family-goals">
            <h2 id="family-goals">{tn(lang, "goals-heading", name)}</h2>
            {body}
        </section>
    }
}

fn text_list(items: &[String]) -> impl IntoView {
    let lis = items
        .iter()
        .map(|i| view! { <li dir="auto">{i.clone()}</li> })
        .collect_view();
    view! { <ul class="family-list">{lis}</ul> }
}

fn goal(lang: Lang, name: &str, g: &GoalItem) -> impl IntoView {
    let (badge_class, badge) = if g.achieved {
        (
            "family-badge family-badge-achieved",
            t(lang, "goal-achieved"),
        )
    } else {
        ("family-badge", t(lang, "goal-working"))
    };
    let row = |label: String, body: AnyView| {
        view! {
            <div class="family-goal-row">
                <dt>{label}</dt>
                <dd>{body}</dd>
            </div>
        }
    };
    let targets = (!g.targets.is_empty())
        .then(|| row(t(lang, "goal-targets"), text_list(&g.targets).into_any()));
    let criteria = (!g.criteria.is_empty()).then(|| {
        row(
            tn(lang, "goal-criteria", name),
            text_list(&g.criteria).into_any(),
        )
    });
    let plan =
        (!g.plan.is_empty()).then(|| row(t(lang, "goal-plan"), text_list(&g.plan).into_any()));
    let date = g.date.map(|d| {
        row(
            t(lang, "goal-date"),
            view! { <time datetime=d.to_iso()>{date_long(lang, d)}</time> }.into_any(),
        )
    });
    let feedback = (!g.feedback.is_empty()).then(|| {
        let quotes = g
            .feedback
            .iter()
            .map(|f| view! { <p dir="auto">{f.clone()}</p> })
            .collect_view();
        view! {
            <div class="family-feedback">
                <p class="family-label">{t(lang, "goal-feedback")}</p>
                <blockquote>{quotes}</blockquote>
            </div>
        }
    });
    let evidence = (!g.evidence.is_empty()).then(|| {
        view! {
            <div class="family-goal-work">
                <p class="family-label">{tn(lang, "goal-evidence", name)}</p>
                {work_list(lang, &g.evidence)}
            </div>
        }
    });
    view! {
        <li class="family-goal" class:family-goal-achieved=g.achieved>
            <div class="family-goal-head">
                <h3 dir="auto">{g.i_will.clone()}</h3>
                <span class=badge_class>
                    {g.achieved.then(|| view! { <span aria-hidden="true">"✓ "</span> })}
                    {badge}
                </span>
            </div>
            <dl class="family-goal-details">{targets} {criteria} {plan} {date}</dl>
            {feedback}
            {evidence}
        </li>
    }
}

fn help_at_home(lang: Lang, name: &str, help: &[String]) -> impl IntoView {
    let from_goals = if help.is_empty() {
        view! { <p>{tn(lang, "help-none", name)}</p> }.into_any()
    } else {
        view! {
            <p>{tn(lang, "help-lead", name)}</p>
            {text_list(help)}
        }
        .into_any()
    };
    view! {
        <section class="family-section family-help" aria-labelledby="family-help">
            <h2 id="family-help">{t(lang, "help-heading")}</h2>
            {from_goals}
            <p>{tn(lang, "help-always", name)}</p>
        </section>
    }
}

fn own_words(lang: Lang, name: &str, reflections: &[ReflectionItem]) -> impl IntoView {
    let body = if reflections.is_empty() {
        view! { <p>{tn(lang, "words-none", name)}</p> }.into_any()
    } else {
        let items = reflections
            .iter()
            .map(|r| {
                let written = tr(
                    lang,
                    "written-on",
                    &[("date", Arg::Text(&date_long(lang, r.day)))],
                );
                view! {
                    <li class="family-reflection">
                        <p class="family-label">{t(lang, prompt_key(r.prompt))}</p>
                        <blockquote><p dir="auto">{r.text.clone()}</p></blockquote>
                        <p class="note"><time datetime=r.day.to_iso()>{written}</time></p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="family-reflections">{items}</ul> }.into_any()
    };
    view! {
        <section class="family-section" aria-labelledby="family-words">
            <h2 id="family-words">{tn(lang, "words-heading", name)}</h2>
            {body}
        </section>
    }
}

fn work_list(lang: Lang, items: &[EvidenceItem]) -> impl IntoView {
    let lis = items
        .iter()
        .map(|e| {
            let link = e.link.clone().map(|href| {
                view! {
                    " "
                    <a href=href target="_blank" rel="noopener noreferrer" class="family-work-link">
                        {t(lang, "open-link")}
                    </a>
                }
            });
            view! { <li><span dir="auto">{e.text.clone()}</span>{link}</li> }
        })
        .collect_view();
    view! { <ul class="family-list">{lis}</ul> }
}

fn shared_work(lang: Lang, name: &str, evidence: &[EvidenceItem]) -> impl IntoView {
    (!evidence.is_empty()).then(|| {
        view! {
            <section class="family-section family-shared" aria-labelledby="family-shared">
                <h2 id="family-shared">{tn(lang, "shared-heading", name)}</h2>
                {work_list(lang, evidence)}
            </section>
        }
    })
}
