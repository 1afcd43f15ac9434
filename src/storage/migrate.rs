//! Every migration of stored data, in one place.
//!
//! Two kinds, one room each (the envelope every stored value travels in, which brings
//! an older value's data up to date as it is decoded, is `storage::envelope`, below
//! both records and migration):
//! - `steps`: the schema steps for records kept one per key ([`STEPS`]), run over a
//!   backup that stays until every record is migrated and written ([`migrate_stored`]).
//! - `legacy`: version 2 keeps students' work in packed buckets instead of one key per
//!   record; [`pack_legacy`] moves version 1's records, one bucket at a time.
//!
//! Which of them is due for what is stored is decided in one place, `due`
//! ([`run_due`]); [`crate::storage::open_records`] runs it before every load.

mod due;
mod legacy;
mod steps;
#[cfg(test)]
mod v1_fixture;

pub use due::{run_due, Migration};
pub use legacy::pack_legacy;
pub use steps::{migrate_stored, stored_version, Step, BACKUP_KEY, STEPS};
