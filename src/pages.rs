//! One routed page per file, grouped by who uses it.

pub mod data;
pub mod family;
pub mod folder;
pub mod not_found;
pub mod start;
pub mod student;
pub mod teacher;
