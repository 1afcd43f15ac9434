//! The family view.

mod home;

pub use home::FamilyHome;
