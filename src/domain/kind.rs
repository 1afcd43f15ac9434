//! The kinds of stored record, as one closed set.
//!
//! Each kind has a short name of one or two letters ([`Kind::as_str`]): it is the stored
//! format (storage keys `wayfinder:r:<name>:<id>`, bucket keys, the sections of an export
//! and of [`crate::ClassData`], the seal's signed message), so a name never changes.
//! Code that must tell kinds apart matches on [`Kind`]; the name is only read and written
//! at the edge.

use std::fmt;

/// What a stored record is. Every type implementing [`crate::Record`] has one
/// ([`crate::Record::KIND`]), and [`crate::data::for_each_kind`] lists the same set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The class ([`crate::Class`]), `c`.
    Class,
    /// A name on the class list ([`crate::StudentProfile`]), `s`.
    Student,
    /// A teacher's group ([`crate::Group`]), `gr`.
    Group,
    /// A learning target ([`crate::LearningTarget`]), `t`.
    Target,
    /// A unit ([`crate::Unit`]), `u`.
    Unit,
    /// A teacher's product format ([`crate::ProductFormat`]), `f`.
    Format,
    /// A student's product choice ([`crate::FormatChoice`]), `fc`.
    FormatChoice,
    /// A student's path through a unit ([`crate::Pathway`]), `p`.
    Pathway,
    /// A goal ([`crate::Goal`]), `g`.
    Goal,
    /// Evidence ([`crate::Evidence`]), `e`.
    Evidence,
    /// A rating or self-assessment ([`crate::Rating`]), `r`.
    Rating,
    /// A journal entry ([`crate::Reflection`]), `j`.
    Reflection,
    /// A comment ([`crate::Comment`]), `m`.
    Comment,
    /// A help request ([`crate::HelpFlag`]), `h`.
    Help,
}

impl Kind {
    /// Every kind, in the order of [`crate::data::for_each_kind`].
    pub const ALL: [Kind; 14] = [
        Kind::Class,
        Kind::Student,
        Kind::Group,
        Kind::Target,
        Kind::Unit,
        Kind::Format,
        Kind::FormatChoice,
        Kind::Pathway,
        Kind::Goal,
        Kind::Evidence,
        Kind::Rating,
        Kind::Reflection,
        Kind::Comment,
        Kind::Help,
    ];

    /// The kind's stored name (`"g"` for goals…): keys, export sections, seals.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Class => "c",
            Kind::Student => "s",
            Kind::Group => "gr",
            Kind::Target => "t",
            Kind::Unit => "u",
            Kind::Format => "f",
            Kind::FormatChoice => "fc",
            Kind::Pathway => "p",
            Kind::Goal => "g",
            Kind::Evidence => "e",
            Kind::Rating => "r",
            Kind::Reflection => "j",
            Kind::Comment => "m",
            Kind::Help => "h",
        }
    }

    /// The kind stored under `name`, or `None` for a name this version does not know
    /// (a newer app's kind, or not a kind at all).
    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "c" => Kind::Class,
            "s" => Kind::Student,
            "gr" => Kind::Group,
            "t" => Kind::Target,
            "u" => Kind::Unit,
            "f" => Kind::Format,
            "fc" => Kind::FormatChoice,
            "p" => Kind::Pathway,
            "g" => Kind::Goal,
            "e" => Kind::Evidence,
            "r" => Kind::Rating,
            "j" => Kind::Reflection,
            "m" => Kind::Comment,
            "h" => Kind::Help,
            _ => return None,
        })
    }

    /// True for a student's own work: what they choose, plan, make and say, and what is
    /// said about it (ratings, comments). Not their name on the class list, and not the
    /// class setup. Storage keeps these in per-student buckets.
    pub const fn is_student_work(self) -> bool {
        match self {
            Kind::FormatChoice
            | Kind::Pathway
            | Kind::Goal
            | Kind::Evidence
            | Kind::Rating
            | Kind::Reflection
            | Kind::Comment
            | Kind::Help => true,
            Kind::Class
            | Kind::Student
            | Kind::Group
            | Kind::Target
            | Kind::Unit
            | Kind::Format => false,
        }
    }
}

impl fmt::Display for Kind {
    /// The stored name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Record;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind), "{kind:?}");
            assert_eq!(kind.to_string(), kind.as_str());
        }
    }

    #[test]
    fn names_are_unique_and_short() {
        let mut names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Kind::ALL.len());
        // A storage slot holds a name of one or two letters.
        assert!(
            names.iter().all(|n| (1..=2).contains(&n.len())),
            "{names:?}"
        );
    }

    #[test]
    fn an_unknown_name_is_no_kind() {
        for name in ["", "x", "G", "gg", "goal", " g", "c:"] {
            assert_eq!(Kind::parse(name), None, "{name:?}");
        }
    }

    #[test]
    fn every_record_type_has_its_own_kind_and_every_kind_a_record_type() {
        let mut kinds = Vec::new();
        macro_rules! kind {
            ($f:ident, $t:ty) => {
                kinds.push(<$t as Record>::KIND);
            };
        }
        crate::for_each_kind!(kind);
        assert_eq!(
            kinds,
            Kind::ALL,
            "for_each_kind and Kind::ALL list the same kinds"
        );
    }

    #[test]
    fn class_data_sections_are_named_by_kind() {
        // The whole-class value (exports, files) names each list by its kind's name.
        let data = crate::sample::demo_class(2, crate::Day::from_ymd(2026, 9, 1).unwrap(), "d1");
        let json = serde_json::to_value(&data).unwrap();
        let mut named = 0;
        macro_rules! section {
            ($f:ident, $t:ty) => {
                if !data.$f.is_empty() {
                    let name = <$t as Record>::KIND.as_str();
                    assert_eq!(
                        json[name].as_array().map(Vec::len),
                        Some(data.$f.len()),
                        "{name}"
                    );
                    named += 1;
                }
            };
        }
        crate::for_each_kind!(section);
        assert!(named >= 5, "the demo class has records of many kinds");
        assert_eq!(json.as_object().unwrap().len(), named);
    }

    #[test]
    fn student_work_is_what_a_student_owns_except_their_profile() {
        let work: Vec<&str> = Kind::ALL
            .iter()
            .filter(|k| k.is_student_work())
            .map(|k| k.as_str())
            .collect();
        assert_eq!(work, ["fc", "p", "g", "e", "r", "j", "m", "h"]);
    }
}
