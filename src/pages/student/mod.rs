//! The student's area.

mod home;

pub use home::StudentHome;
