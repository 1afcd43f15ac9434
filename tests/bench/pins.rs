//! PIN hashing time (PBKDF2-SHA256, the app's real parameters) in the browser.
