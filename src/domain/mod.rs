//! Pure types and rules of the learning record. No leptos, no web-sys: everything here
//! is plain Rust on serde types and is tested on the host.
