//! Wayfinder: personalized learning that lives entirely in this browser.

pub mod domain;
