//! Derived views, as pure functions over [`ClassData`](crate::data::ClassData): what a
//! student sees on their home, what the teacher sees for the class, and what a family sees
//! for one child. Nothing here is stored (derived state would only go stale and take space).
//!
//! Rooms, by audience: `student` (a student's home), `class` (the teacher's class
//! overview), `queue` (the teacher's review queue, also a student's "waiting for my
//! teacher"), `family` (what a family sees of one child); `owned` gathers one student's
//! records once for all of them.

mod class;
mod family;
mod owned;
mod queue;
mod student;
#[cfg(test)]
mod tests;

pub use class::{class_overview, ClassOverview, Stuck, StudentRow};
pub use family::{
    family_choices, family_summary, FamilyChoices, FamilyGoal, FamilyPath, FamilyPathSteps,
    FamilyProduct, FamilyProductKind, FamilyStep, FamilySummary,
};
pub use owned::GoalCounts;
pub use queue::{elapsed_words, queue_counts, review_queue, waiting_words, QueueItem, QueueKind};
pub use student::{student_progress, NextStep, StudentProgress, TargetRow};
