//! The learning record in localStorage.
//!
//! Class setup (the class, students, groups, targets, units, formats) keeps one key per
//! record: `wayfinder:r:<kind>:<id>` holds the record's compact JSON. A student's own
//! work (goals, evidence, reflections, comments, ratings, paths, format choices, help)
//! is far more numerous, so it lives in small *buckets*: `wayfinder:b:<kind>:<student>:<n>`
//! holds up to about 40 of that student's records of one kind, one `id<TAB>json` line
//! each, packed ([`super::pack`]). A class-year of work takes about a sixth of the space
//! that way. Saving one change rewrites one bucket, so it costs about the same whether
//! a student has 5 records or 500; a damaged bucket hides only its own records, and a
//! damaged line only itself.
//!
//! The record space's schema version lives once, in the envelope of `wayfinder:meta`.
//! Version 1 kept every record under its own key; [`super::migrate::pack_legacy`] moves those into
//! buckets, removing each old key only once its bucket is written and read back.
//!
//! Rooms: `keys` (the key layout), `bucket` (one bucket's lines), `meta` (this device's
//! metadata), `last_read` (what this tab last read or wrote), `load`, `save` and `tabs` (changes
//! other tabs stored). Moving version 1's keys into buckets is a migration
//! ([`super::migrate`]).

mod bucket;
mod keys;
mod last_read;
mod load;
mod meta;
mod save;
mod tabs;
#[cfg(test)]
mod tests;

pub use bucket::bucket_lines;
pub(in crate::storage) use bucket::Bucket;
use keys::is_legacy_key;
pub use keys::{
    bucket_key, has_legacy, is_bucketed, kind_in, location, record_key, BUCKET_PREFIX, META_KEY,
    RECORD_PREFIX,
};
pub use last_read::LastRead;
pub use load::{load_all, raw_dump, Loaded, Unreadable};
pub use meta::{save_meta, schema_version, DeviceMeta};
pub use save::{discard, save_all, save_all_at_once, save_record, stage_all, Saved};
pub use tabs::{apply_external, External};
