//! Everything that can go wrong between the app and the browser's storage, as values.

use thiserror::Error;

use crate::domain::words::with_commas;

/// A storage problem the user must hear about. Every variant keeps enough to explain it
/// in plain words; `Unreadable` keeps the raw text so nothing is ever thrown away.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    /// localStorage is blocked (private mode, policy, or no window).
    #[error("This browser is not letting Wayfinder save anything on this device.")]
    Unavailable,
    /// The browser refused the write because the origin's quota is full.
    #[error("This device's storage for Wayfinder is full, so the change was not saved.")]
    QuotaExceeded,
    /// Many writes together (an import) need more space than the browser has left; they
    /// were refused before anything was written. Both figures in UTF-16 code units.
    #[error("This browser's storage for Wayfinder is too full for this: it needs about {} characters of space and only {} are free. Nothing was changed.", with_commas(*.needed), with_commas(*.free))]
    NoRoom {
        /// Units the writes would add.
        needed: usize,
        /// Units free under the quota now.
        free: usize,
    },
    /// Wayfinder's saved data was removed while this tab was open (in another tab, or
    /// by the browser). What this tab holds stays on screen, and nothing is written
    /// until the user chooses what to do.
    #[error("Wayfinder's saved data was removed from this browser, in another tab or by the browser itself. What you see is still here, but nothing is saved until you choose what to do with it.")]
    RemovedElsewhere,
    /// The stored text could not be read; `raw` is exactly what was stored.
    #[error("Some saved data couldn't be read ({reason}). It has been kept as it was.")]
    Unreadable {
        /// The storage key that holds the unreadable text.
        key: String,
        /// The stored text, byte for byte.
        raw: String,
        /// A short technical reason, for the recovery screen.
        reason: String,
    },
    /// The data was written by a newer Wayfinder than this one.
    #[error("This data was saved by a newer version of Wayfinder (format {found}; this one reads up to {supported}). It is open read-only.")]
    NewerVersion {
        /// The storage key that holds the newer data.
        key: String,
        /// The schema version found in the envelope.
        found: u32,
        /// The newest schema version this build understands.
        supported: u32,
    },
    /// The browser reported an error we did not expect; the message is kept for support.
    #[error("The browser reported a storage problem: {0}")]
    Other(String),
}

impl StorageError {
    /// Maps a DOMException name (from `setItem`/`getItem`) to a storage error.
    ///
    /// Chromium throws `QuotaExceededError`; older engines used other names for the same
    /// thing, and a blocked storage throws `SecurityError`.
    pub fn from_dom_exception(name: &str, message: &str) -> Self {
        match name {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => Self::QuotaExceeded,
            "SecurityError" | "InvalidAccessError" => Self::Unavailable,
            _ => Self::Other(format!("{name}: {message}")),
        }
    }

    /// True when the stored data is still there and intact but could not be used.
    pub fn keeps_data(&self) -> bool {
        matches!(self, Self::Unreadable { .. } | Self::NewerVersion { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_names_map_to_quota_exceeded() {
        assert_eq!(
            StorageError::from_dom_exception("QuotaExceededError", "full"),
            StorageError::QuotaExceeded
        );
        assert_eq!(
            StorageError::from_dom_exception("NS_ERROR_DOM_QUOTA_REACHED", ""),
            StorageError::QuotaExceeded
        );
    }

    #[test]
    fn security_error_means_unavailable() {
        assert_eq!(
            StorageError::from_dom_exception("SecurityError", "denied"),
            StorageError::Unavailable
        );
    }

    #[test]
    fn unknown_exceptions_keep_their_message() {
        let e = StorageError::from_dom_exception("WeirdError", "boom");
        assert_eq!(e, StorageError::Other("WeirdError: boom".into()));
        assert!(e.to_string().contains("WeirdError: boom"));
    }

    #[test]
    fn messages_say_nothing_was_lost() {
        let e = StorageError::Unreadable {
            key: "k".into(),
            raw: "{".into(),
            reason: "bad".into(),
        };
        assert!(e.to_string().contains("couldn't be read"));
        assert!(e.keeps_data());
        assert!(!StorageError::QuotaExceeded.keeps_data());
    }
}
