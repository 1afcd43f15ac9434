//! The teacher's workspace.

mod home;
mod roster;

pub use home::TeacherHome;
