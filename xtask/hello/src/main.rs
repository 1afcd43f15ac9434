//! A bare Leptos hello-world: one heading, mounted the way Wayfinder mounts.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| view! { <h1>"Hello, world"</h1> });
}
