//! PIN hashing with the browser's own WebCrypto: PBKDF2-SHA256 with a random salt per
//! PIN. Native code, so 600,000 rounds take a fraction of a second even on a
//! Chromebook, and no crypto crate adds to the download.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, Pbkdf2Params};

use crate::domain::pin::{PinHash, ALGORITHM, ITERATIONS};

/// Why hashing could not be done (no WebCrypto: an old browser or an insecure origin).
pub const NO_CRYPTO: &str =
    "This browser cannot protect a PIN here (it needs a secure https:// address).";

fn crypto() -> Result<web_sys::Crypto, String> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| NO_CRYPTO.to_string())
}

/// `n` random bytes from the browser.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], String> {
    let mut out = [0u8; N];
    crypto()?
        .get_random_values_with_u8_array(&mut out)
        .map_err(|_| NO_CRYPTO.to_string())?;
    Ok(out)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

fn js_err(_: JsValue) -> String {
    NO_CRYPTO.to_string()
}

pub(crate) async fn pbkdf2(secret: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, String> {
    let subtle = crypto()?.subtle();
    let key_data = Uint8Array::from(secret.as_bytes());
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let key = JsFuture::from(
        subtle
            .import_key_with_str("raw", &key_data, "PBKDF2", false, &usages)
            .map_err(js_err)?,
    )
    .await
    .map_err(js_err)?;
    let key: CryptoKey = key.dyn_into().map_err(js_err)?;
    let salt = Uint8Array::from(salt);
    let params = Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &salt);
    let bits = JsFuture::from(
        subtle
            .derive_bits_with_object(&params, &key, 256)
            .map_err(js_err)?,
    )
    .await
    .map_err(js_err)?;
    Ok(Uint8Array::new(&bits).to_vec())
}

/// Hashes a new secret with a fresh random salt and today's parameters.
pub async fn hash_secret(secret: &str) -> Result<PinHash, String> {
    let salt = random_bytes::<16>()?;
    let hash = pbkdf2(secret.trim(), &salt, ITERATIONS).await?;
    Ok(PinHash {
        algorithm: ALGORITHM.into(),
        iterations: ITERATIONS,
        salt: hex(&salt),
        hash: hex(&hash),
    })
}

/// True when `secret` matches the stored hash (with the parameters stored beside it).
pub async fn verify_secret(secret: &str, stored: &PinHash) -> Result<bool, String> {
    if stored.algorithm != ALGORITHM {
        return Err("This PIN was set by a newer Wayfinder. Update the app to use it.".into());
    }
    let salt = unhex(&stored.salt).ok_or_else(|| "The stored PIN is damaged.".to_string())?;
    let hash = pbkdf2(secret.trim(), &salt, stored.iterations.max(1)).await?;
    let want = unhex(&stored.hash).unwrap_or_default();
    // Compare every byte so the time taken does not depend on where they differ.
    let same = hash.len() == want.len()
        && hash
            .iter()
            .zip(&want)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    Ok(same)
}
