//! Pure types and rules of the learning record. No leptos, no web-sys: everything here
//! is plain Rust on serde types and is tested on the host.
//!
//! - Records (`Record` trait, one [`Kind`] each): [`Class`], [`StudentProfile`], [`Group`],
//!   [`LearningTarget`], [`Unit`], [`ProductFormat`], [`FormatChoice`], [`Pathway`],
//!   [`Goal`], [`Evidence`], [`Rating`], [`Reflection`], [`Comment`], [`HelpFlag`].
//! - Rules are methods and functions returning `Result<_, DomainError>`; every change
//!   takes a [`Ctx`] (who, which device, when) instead of reading a clock.
//! - Storage is compact: short field names (tables in each module's docs), empty fields
//!   left out, ids in 22 characters. Unknown fields survive a load and save (`extra`).
//! - [`merge`] merges copies from other devices or tabs; [`summary`] builds the student,
//!   class and family views; [`sample`] generates the demo class and benchmark data.

pub mod authority;
pub mod class;
pub mod comment;
pub mod dashboard;
pub mod data;
pub mod error;
pub mod evidence;
pub mod format;
pub mod goal;
pub mod help;
pub mod ids;
pub mod key_move;
pub mod kind;
pub mod merge;
pub mod pathway;
pub mod pin;
pub mod rating;
pub mod record;
pub mod reflection;
pub mod review;
pub mod sample;
pub mod seal;
pub mod student;
pub mod summary;
pub mod target;
pub mod time;
pub mod undo;
pub mod unit;
pub mod validate;
pub mod words;

pub use class::Class;
pub use comment::{Comment, CommentOn};
pub use data::{ClassData, InClass};
pub use error::DomainError;
pub use evidence::{Evidence, EvidenceFor};
pub use format::{BuiltinFormat, ChoiceFor, FormatChoice, FormatRef, ProductFormat};
pub use goal::{goal_nudges, Goal, GoalText, Nudge};
pub use help::{HelpFlag, HelpState};
pub use ids::Id;
pub use kind::Kind;
pub use merge::{merge_class, merge_record, ClassMerge, ImportSummary, MergeOutcome};
pub use pathway::{Pathway, Step, StepStatus};
pub use rating::{MasteryScale, Rating, RatingKind};
pub use record::{Actor, Ctx, FromJson, Meta, Record, Role};
pub use reflection::{Prompt, Reflection};
pub use review::{GoalField, ReviewState, Transition};
pub use student::{Group, LearnerProfile, StudentProfile};
pub use target::LearningTarget;
pub use time::{Day, Timestamp};
pub use unit::{Activity, Assignment, Unit, WayIn, WayKind};
pub use validate::{parse_roster, RosterParse};
