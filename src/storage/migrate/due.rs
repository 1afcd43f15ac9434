//! Which migration is due for what is stored, and running it: the one place that decides.

use super::{migrate_stored, pack_legacy, stored_version, STEPS};
use crate::storage::records::has_legacy;
use crate::storage::SCHEMA_VERSION;
use crate::storage::{Backend, StorageError};

/// A migration that was due for what is stored, and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Migration {
    /// Records of students' work still under their own keys were moved into their
    /// buckets: data of version 1, or old keys an older app still open in another tab
    /// wrote after the move (merged with the bucket's copy by revision). `Ok` says how
    /// many moved. Stopping half-way (storage full) leaves every record readable where
    /// it is, so saving stays on.
    Packed {
        /// The schema version stored before.
        from: u32,
        /// How many records moved, or why it stopped.
        result: Result<usize, StorageError>,
    },
    /// The schema steps brought every record from version `from` up to date. On failure
    /// storage is as it was, and saving must stay off: this version would write records
    /// of its schema among records of an older one.
    Stepped {
        /// The schema version stored before.
        from: u32,
        /// How many records were rewritten, or why nothing was.
        result: Result<usize, StorageError>,
    },
}

impl Migration {
    /// The schema version the data had before.
    pub fn from(&self) -> u32 {
        match self {
            Migration::Packed { from, .. } | Migration::Stepped { from, .. } => *from,
        }
    }

    /// What stopped it, if it did not finish.
    pub fn error(&self) -> Option<&StorageError> {
        match self {
            Migration::Packed { result, .. } | Migration::Stepped { result, .. } => {
                result.as_ref().err()
            }
        }
    }

    /// Why saving must stay off after it: a schema step that failed.
    pub fn blocks_saving(&self) -> Option<&StorageError> {
        match self {
            Migration::Stepped { result: Err(e), .. } => Some(e),
            _ => None,
        }
    }
}

/// What is due, from the stored schema version and whether records of students' work are
/// still under their own keys.
#[derive(Debug, PartialEq, Eq)]
enum Due {
    Pack { from: u32 },
    Steps { from: u32 },
}

fn due(stored: Option<u32>, legacy: bool) -> Option<Due> {
    match stored? {
        // Version 1; or old keys written after the move by an older app still open in
        // another tab.
        v if v == 1 || (v == SCHEMA_VERSION && legacy) => Some(Due::Pack { from: v }),
        found if found < SCHEMA_VERSION => Some(Due::Steps { from: found }),
        // Current, or newer (never touched: the load reports it and saving stays off).
        _ => None,
    }
}

/// Runs the migration due for what is stored, if one is. Storage that cannot tell its
/// version is left alone (the load reports what it cannot read).
pub fn run_due(backend: &dyn Backend) -> Option<Migration> {
    let legacy = has_legacy(backend).unwrap_or(false);
    match due(stored_version(backend).ok()?, legacy)? {
        Due::Pack { from } => Some(Migration::Packed {
            from,
            result: pack_legacy(backend),
        }),
        Due::Steps { from } => Some(Migration::Stepped {
            from,
            result: migrate_stored(backend, from, SCHEMA_VERSION, STEPS),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stored_version_gets_the_migration_it_needs() {
        assert_eq!(due(None, false), None);
        assert_eq!(due(None, true), None);
        assert_eq!(due(Some(1), false), Some(Due::Pack { from: 1 }));
        assert_eq!(due(Some(1), true), Some(Due::Pack { from: 1 }));
        assert_eq!(due(Some(SCHEMA_VERSION), false), None);
        assert_eq!(
            due(Some(SCHEMA_VERSION), true),
            Some(Due::Pack {
                from: SCHEMA_VERSION
            })
        );
        assert_eq!(due(Some(0), false), Some(Due::Steps { from: 0 }));
        assert_eq!(due(Some(SCHEMA_VERSION + 1), true), None);
    }

    #[test]
    fn only_a_failed_schema_step_keeps_saving_off() {
        let full = Err(StorageError::QuotaExceeded);
        let packed = Migration::Packed {
            from: 1,
            result: full.clone(),
        };
        assert_eq!(packed.error(), Some(&StorageError::QuotaExceeded));
        assert_eq!(packed.blocks_saving(), None);
        let stepped = Migration::Stepped {
            from: 0,
            result: full,
        };
        assert_eq!(stepped.blocks_saving(), Some(&StorageError::QuotaExceeded));
        let done = Migration::Stepped {
            from: 0,
            result: Ok(3),
        };
        assert_eq!(
            (done.from(), done.error(), done.blocks_saving()),
            (0, None, None)
        );
    }
}
