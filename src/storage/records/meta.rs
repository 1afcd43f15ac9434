//! This device's metadata under [`META_KEY`], whose envelope also carries the record
//! space's schema version.

use serde::{Deserialize, Serialize};

use super::META_KEY;
use crate::storage::{encode, Backend, StorageError, SCHEMA_VERSION};

/// This device's identity and housekeeping, stored under [`META_KEY`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceMeta {
    /// A short random id naming this browser in version vectors.
    #[serde(rename = "d")]
    pub device: String,
    /// When the last backup file was exported (ms since epoch).
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub last_backup: Option<i64>,
    /// Fields from newer versions survive our saves.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Saves the device metadata (in the versioned envelope).
pub fn save_meta(backend: &dyn Backend, meta: &DeviceMeta) -> Result<(), StorageError> {
    backend.set(META_KEY, &encode(meta)?)
}

/// The schema version new data is written with (for the recovery screen).
pub const fn schema_version() -> u32 {
    SCHEMA_VERSION
}
