//! The teacher's workspace.

mod home;

pub use home::TeacherHome;
