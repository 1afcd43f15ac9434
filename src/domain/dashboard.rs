//! The class dashboard as pure functions: the grid of students x targets, filters, sorting and "who's stuck".
