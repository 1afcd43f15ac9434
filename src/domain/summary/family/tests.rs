//! The family's paths and products agree with the family summary and stay with the child.

use super::*;
use crate::sample::demo_class;
use crate::time::Day;

#[test]
fn choices_match_the_summary_and_stay_with_the_child() {
    let d = demo_class(7, Day::parse("2026-03-01").unwrap(), "d1");
    for s in d.active_students() {
        let f = family_summary(&d, s.meta.id).unwrap();
        let c = family_choices(&d, s.meta.id).unwrap();
        assert_eq!(c.paths.len(), f.paths.len());
        assert_eq!(c.products.len(), f.products.len());
        for p in &c.paths {
            assert_eq!(
                p.done,
                p.steps
                    .iter()
                    .filter(|s| s.status == StepStatus::Done)
                    .count()
            );
            assert!(p.percent <= 100);
        }
        for p in &c.products {
            if let FamilyProductKind::OwnIdea(idea) = p.kind {
                assert!(f.products.iter().any(|n| n == idea));
            }
        }
    }
    assert!(family_choices(&d, Id::from_random_bytes([9; 16])).is_none());
}
