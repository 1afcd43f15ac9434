//! The versioned envelope every stored value travels in, and its pure encode/decode.
//!
//! Stored text looks like `{"app":"wayfinder","v":1,"data":…}`. Decoding never throws
//! data away: anything it cannot read comes back as an error that carries the raw text.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::storage::StorageError;

/// Marks our values, so a key that happens to share the prefix is never mistaken for ours.
pub const APP_ID: &str = "wayfinder";

/// The schema version this build writes. Raise it together with a migration in
/// [`migrate_data`] (and a step in [`super::STEPS`]) and a fixture for the old version in
/// the tests.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
struct RawEnvelope {
    app: String,
    v: u32,
    data: Value,
}

#[derive(Serialize)]
struct EnvelopeRef<'a, T: Serialize> {
    app: &'static str,
    v: u32,
    data: &'a T,
}

/// Wraps `data` in the current envelope.
pub fn encode<T: Serialize>(data: &T) -> Result<String, StorageError> {
    serde_json::to_string(&EnvelopeRef {
        app: APP_ID,
        v: SCHEMA_VERSION,
        data,
    })
    .map_err(|e| StorageError::Other(format!("could not encode: {e}")))
}

/// Wraps `data` in an envelope of an explicit schema version (used by migrations).
pub fn encode_versioned<T: Serialize>(v: u32, data: &T) -> Result<String, StorageError> {
    serde_json::to_string(&EnvelopeRef {
        app: APP_ID,
        v,
        data,
    })
    .map_err(|e| StorageError::Other(format!("could not encode: {e}")))
}

/// Reads an envelope stored under `key`, migrating older versions.
///
/// Errors keep `raw` untouched: the caller must not write over the key afterwards.
pub fn decode<T: DeserializeOwned>(key: &str, raw: &str) -> Result<T, StorageError> {
    let unreadable = |reason: String| StorageError::Unreadable {
        key: key.to_string(),
        raw: raw.to_string(),
        reason,
    };
    let env: RawEnvelope = serde_json::from_str(raw)
        .map_err(|e| unreadable(format!("not a Wayfinder envelope: {e}")))?;
    if env.app != APP_ID {
        return Err(unreadable(format!(
            "written by \"{}\", not Wayfinder",
            env.app
        )));
    }
    if env.v > SCHEMA_VERSION {
        return Err(StorageError::NewerVersion {
            key: key.to_string(),
            found: env.v,
            supported: SCHEMA_VERSION,
        });
    }
    let data = migrate_data(env.v, env.data).map_err(unreadable)?;
    serde_json::from_value(data).map_err(|e| unreadable(format!("unexpected contents: {e}")))
}

/// Brings data of schema `from` up to [`SCHEMA_VERSION`], one step at a time.
///
/// Pure, so each step is tested on a fixture of the old version without a browser.
pub fn migrate_data(from: u32, data: Value) -> Result<Value, String> {
    match from {
        0 => Err("version 0 was never written by Wayfinder".into()),
        // Version 2 moved students' work into packed buckets; what an envelope holds
        // did not change.
        1 => Ok(data),
        SCHEMA_VERSION => Ok(data),
        other => Err(format!("no migration from version {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Prefs {
        large: bool,
    }

    #[test]
    fn round_trips_through_the_envelope() {
        let raw = encode(&Prefs { large: true }).unwrap();
        assert_eq!(raw, r#"{"app":"wayfinder","v":2,"data":{"large":true}}"#);
        assert_eq!(decode::<Prefs>("k", &raw).unwrap(), Prefs { large: true });
    }

    #[test]
    fn truncated_json_is_unreadable_and_keeps_the_raw_text() {
        let raw = r#"{"app":"wayfinder","v":1,"data":{"lar"#;
        match decode::<Prefs>("wayfinder:prefs", raw) {
            Err(StorageError::Unreadable { key, raw: kept, .. }) => {
                assert_eq!(key, "wayfinder:prefs");
                assert_eq!(kept, raw);
            }
            other => panic!("expected Unreadable, got {other:?}"),
        }
    }

    #[test]
    fn wrong_types_are_unreadable() {
        let raw = r#"{"app":"wayfinder","v":1,"data":{"large":"yes"}}"#;
        assert!(matches!(
            decode::<Prefs>("k", raw),
            Err(StorageError::Unreadable { .. })
        ));
    }

    #[test]
    fn bare_values_without_envelope_are_unreadable() {
        assert!(matches!(
            decode::<Prefs>("k", r#"{"large":true}"#),
            Err(StorageError::Unreadable { .. })
        ));
        assert!(matches!(
            decode::<Prefs>("k", r#"{"app":"other","v":1,"data":{"large":true}}"#),
            Err(StorageError::Unreadable { .. })
        ));
    }

    #[test]
    fn newer_versions_are_reported_not_parsed() {
        let raw = r#"{"app":"wayfinder","v":99,"data":{"whatever":1}}"#;
        assert_eq!(
            decode::<Prefs>("k", raw),
            Err(StorageError::NewerVersion {
                key: "k".into(),
                found: 99,
                supported: SCHEMA_VERSION
            })
        );
    }

    #[test]
    fn version_zero_is_refused_by_migration() {
        assert!(migrate_data(0, Value::Null).is_err());
        assert_eq!(
            migrate_data(SCHEMA_VERSION, Value::Bool(true)),
            Ok(Value::Bool(true))
        );
    }
}
