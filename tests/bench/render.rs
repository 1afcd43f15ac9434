//! Render timings for the teacher's screens (dashboard, review queue) with a class-year.
