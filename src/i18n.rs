//! Words in the family's language: Project Fluent files (`src/locales/<code>.ftl`) read
//! by `fluent-bundle`, for the family area and for the site header around it (so a
//! Spanish family page is Spanish from the skip link down). Another language is
//! one more `.ftl` file and one more [`Lang`] variant; plurals and word order live in
//! the files, not in the code.
//!
//! Every key the code asks for is found with a fall-back: the chosen language, then
//! English, then the key itself, so a missing translation never breaks a page (host
//! tests make sure none is missing).

use std::cell::RefCell;
use std::rc::Rc;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

use crate::domain::Day;

/// A language of the family area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every language offered, in the order of the language selector.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 code, used for the `lang` attribute and the saved preference.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language of a code such as "es" or "es-MX" (its primary subtag), if offered.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language's own name for itself ("Español"), for the selector.
    pub fn own_name(self) -> String {
        t(self, "language-name")
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("locales/en.ftl"),
            Lang::Es => include_str!("locales/es.ftl"),
        }
    }
}

/// A message argument: a text (a name, a date) or a count (selects plural forms).
pub enum Arg<'a> {
    /// Words, shown as they are.
    Text(&'a str),
    /// A number; Fluent picks "1 goal" or "2 goals" by the language's plural rules.
    Count(usize),
}

fn bundle_for(lang: Lang) -> FluentBundle<FluentResource> {
    // A file with a syntax error keeps the messages that did parse (tests forbid errors).
    let resource = FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(r, _)| r);
    let locales = lang.code().parse().map(|l| vec![l]).unwrap_or_default();
    let mut bundle = FluentBundle::new(locales);
    // No Unicode isolation marks around arguments: names are shown in elements of their
    // own where direction matters (dir="auto"), and the marks would end up in copied text.
    bundle.set_use_isolating(false);
    // Only duplicate ids fail here, and the first of each is kept.
    let _ = bundle.add_resource(resource);
    bundle
}

thread_local! {
    /// Bundles are parsed once per language, when first needed (wasm has one thread).
    static BUNDLES: RefCell<Vec<(Lang, Rc<FluentBundle<FluentResource>>)>> =
        const { RefCell::new(Vec::new()) };
}

fn bundle(lang: Lang) -> Rc<FluentBundle<FluentResource>> {
    BUNDLES.with(|cell| {
        if let Some((_, b)) = cell.borrow().iter().find(|(l, _)| *l == lang) {
            return b.clone();
        }
        let b = Rc::new(bundle_for(lang));
        cell.borrow_mut().push((lang, b.clone()));
        b
    })
}

fn format(lang: Lang, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// The message `key` in `lang` with arguments, falling back to English, then the key.
pub fn tr(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let mut fa = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(s) => fa.set(*name, FluentValue::from(*s)),
            Arg::Count(n) => fa.set(*name, FluentValue::from(*n)),
        }
    }
    let fa = (!args.is_empty()).then_some(&fa);
    format(lang, key, fa)
        .or_else(|| format(Lang::En, key, fa))
        .unwrap_or_else(|| key.to_string())
}

/// The message `key` in `lang`, without arguments.
pub fn t(lang: Lang, key: &str) -> String {
    tr(lang, key, &[])
}

/// The message `key` with the child's first name as `$name`.
pub fn tn(lang: Lang, key: &str, name: &str) -> String {
    tr(lang, key, &[("name", Arg::Text(name))])
}

/// The month keys, January first.
const MONTHS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
    "month-9", "month-10", "month-11", "month-12",
];

/// A day written out: "November 22, 2026", "22 de noviembre de 2026".
pub fn date_long(lang: Lang, day: Day) -> String {
    let (y, m, d) = day.ymd();
    let month = MONTHS
        .get((m as usize).wrapping_sub(1))
        .map(|k| t(lang, k))
        .unwrap_or_default();
    // Numbers are passed as text: Fluent would otherwise be free to group "2,026".
    let (year, day) = (y.to_string(), d.to_string());
    tr(
        lang,
        "date-long",
        &[
            ("month", Arg::Text(&month)),
            ("day", Arg::Text(&day)),
            ("year", Arg::Text(&year)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Message ids of a Fluent file: lines that start a message (`id = ...`).
    fn ids(source: &str) -> Vec<&str> {
        source
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" ="))
            .map(|(id, _)| id.trim())
            .collect()
    }

    /// Every variable any message uses, so each can be formatted without errors.
    fn all_args() -> FluentArgs<'static> {
        let mut a = FluentArgs::new();
        for (k, v) in [
            ("name", "Ana"),
            ("full", "Ana García"),
            ("unit", "Water cycle"),
            ("date", "May 1, 2026"),
            ("month", "May"),
            ("day", "1"),
            ("year", "2026"),
            ("time", "30 seconds"),
        ] {
            a.set(k, FluentValue::from(v));
        }
        for k in ["done", "total", "achieved", "count"] {
            a.set(k, FluentValue::from(2));
        }
        a
    }

    #[test]
    fn files_parse_without_errors() {
        for lang in Lang::ALL {
            let parsed = FluentResource::try_new(lang.source().to_string());
            assert!(
                parsed.is_ok(),
                "{}.ftl has syntax errors: {:?}",
                lang.code(),
                parsed.err().map(|(_, e)| e)
            );
        }
    }

    #[test]
    fn every_english_key_is_in_every_language_and_back() {
        let en = ids(Lang::En.source());
        assert!(en.len() > 50, "found only {} ids", en.len());
        for lang in Lang::ALL {
            let b = bundle_for(lang);
            for key in &en {
                assert!(
                    b.has_message(key),
                    "{}.ftl is missing \"{key}\"",
                    lang.code()
                );
            }
            let own = ids(lang.source());
            for key in &own {
                assert!(
                    en.contains(key),
                    "{}.ftl has \"{key}\", which en.ftl lacks",
                    lang.code()
                );
            }
            let mut seen = std::collections::HashSet::new();
            assert!(
                own.iter().all(|k| seen.insert(*k)),
                "{}.ftl repeats an id",
                lang.code()
            );
        }
    }

    #[test]
    fn every_message_formats_without_errors_in_every_language() {
        let args = all_args();
        for lang in Lang::ALL {
            let b = bundle_for(lang);
            for key in ids(lang.source()) {
                let pattern = b.get_message(key).and_then(|m| m.value());
                let pattern = pattern.unwrap_or_else(|| panic!("{key} has no value"));
                let mut errors = Vec::new();
                let text = b.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{} {key}: {errors:?}", lang.code());
                assert!(!text.trim().is_empty(), "{} {key} is empty", lang.code());
            }
        }
    }

    #[test]
    fn keys_asked_for_by_the_family_pages_exist() {
        let sources = [
            include_str!("pages/family/child.rs"),
            include_str!("pages/family/child/lang.rs"),
            include_str!("pages/family/child/report.rs"),
            include_str!("pages/family.rs"),
            include_str!("pages/family/home.rs"),
            include_str!("pages/family/letter.rs"),
            include_str!("components/site_header.rs"),
        ];
        let en = ids(Lang::En.source());
        let mut asked = 0;
        for src in sources {
            for call in [
                "t(lang, \"",
                "tn(lang, \"",
                "tr(lang, \"",
                "t(l, \"",
                "tn(l, \"",
            ] {
                for (i, _) in src.match_indices(call) {
                    let rest = &src[i + call.len()..];
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    asked += 1;
                    assert!(
                        en.contains(&key),
                        "the code asks for \"{key}\", not in en.ftl"
                    );
                }
            }
        }
        assert!(asked > 30, "found only {asked} uses of keys");
        for k in MONTHS {
            assert!(en.contains(&k));
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let n = |lang, done, total| {
            tr(
                lang,
                "path-progress",
                &[("done", Arg::Count(done)), ("total", Arg::Count(total))],
            )
        };
        assert_eq!(n(Lang::En, 0, 1), "0 of 1 step done");
        assert_eq!(n(Lang::En, 2, 5), "2 of 5 steps done");
        assert_eq!(n(Lang::Es, 1, 1), "1 de 1 paso hecho");
        assert_eq!(n(Lang::Es, 2, 5), "2 de 5 pasos hechos");
        let g = |lang, achieved, total| {
            tr(
                lang,
                "goals-count",
                &[
                    ("achieved", Arg::Count(achieved)),
                    ("total", Arg::Count(total)),
                ],
            )
        };
        assert_eq!(g(Lang::En, 1, 3), "1 of 3 goals achieved");
        assert_eq!(g(Lang::Es, 1, 3), "1 de 3 metas logradas");
    }

    #[test]
    fn dates_are_written_out_in_the_language() {
        let day = Day::from_ymd(2026, 11, 22).unwrap();
        assert_eq!(date_long(Lang::En, day), "November 22, 2026");
        assert_eq!(date_long(Lang::Es, day), "22 de noviembre de 2026");
        let jan = Day::from_ymd(2027, 1, 3).unwrap();
        assert_eq!(date_long(Lang::Es, jan), "3 de enero de 2027");
    }

    #[test]
    fn names_go_in_as_written_and_missing_keys_fall_back() {
        assert_eq!(tn(Lang::En, "view-title", "Zoë"), "Zoë's learning");
        assert_eq!(tn(Lang::Es, "view-title", "Zoë"), "El aprendizaje de Zoë");
        assert_eq!(t(Lang::Es, "no-such-key"), "no-such-key");
        assert_eq!(Lang::Es.own_name(), "Español");
        assert_eq!(Lang::En.own_name(), "English");
    }

    #[test]
    fn language_codes_read_back() {
        assert_eq!(Lang::from_code("es"), Some(Lang::Es));
        assert_eq!(Lang::from_code("es-MX"), Some(Lang::Es));
        assert_eq!(Lang::from_code("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
    }
}
