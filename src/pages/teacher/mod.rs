//! The teacher's workspace.

mod home;
mod roster;
mod targets;

pub use home::TeacherHome;
