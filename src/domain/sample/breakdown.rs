//! Where the class-year's space goes, kind by kind.

use super::*;

/// Prints where the class-year's space goes, and guards the compact format: if a
/// change makes the most numerous records noticeably bigger, this fails and says which.
#[test]
fn per_kind_sizes_stay_compact() {
    let start = Day::parse("2025-09-02").map(Day::start).unwrap_or_default();
    let data = sample_class(2025, &SampleScale::class_year(), start, "d1");
    let mut avg = std::collections::BTreeMap::new();
    macro_rules! m {
        ($f:ident, $t:ty) => {
            let j = serde_json::to_string(&data.$f).unwrap_or_default();
            let units = j.encode_utf16().count();
            println!(
                "{:12} n={:5} units={:8}",
                stringify!($f),
                data.$f.len(),
                units
            );
            avg.insert(stringify!($f), units / data.$f.len().max(1));
        };
    }
    crate::data::for_each_kind!(m);
    for (kind, budget) in [
        ("goals", 700),
        ("pathways", 1_000),
        ("ratings", 180),
        ("reflections", 260),
        ("comments", 260),
    ] {
        assert!(
            avg[kind] <= budget,
            "{kind} average {} > {budget} units",
            avg[kind]
        );
    }
}
