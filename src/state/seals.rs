//! Teacher seals with the browser's WebCrypto (ECDSA P-256, SHA-256), so no
//! elliptic-curve code is downloaded: making the class key on the teacher's device,
//! sealing teacher decisions before they leave it, and checking seals on what arrives.
//! What is sealed, and the rules, are the domain's (`domain::seal`, `domain::authority`);
//! this only asks the browser.

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

use crate::domain::authority::{self, Asked, Authority, Refusal, Source, Trust};
use crate::domain::data::for_each_kind;
use crate::domain::seal::{PublicKey, Seal};
use crate::domain::{ClassData, ClassMerge, Record, Timestamp};
use crate::state::{crypto, now, RecordsState};
use crate::storage::exchange::{self, ImportError};
use crate::storage::idb::{self, Item};

pub(crate) fn subtle() -> Option<web_sys::SubtleCrypto> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.subtle())
}

pub(crate) fn object(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

async fn import_public(subtle: &web_sys::SubtleCrypto, key: &PublicKey) -> Option<CryptoKey> {
    let params = object(&[("name", "ECDSA"), ("namedCurve", "P-256")]);
    let usages = Array::of1(&JsValue::from_str("verify"));
    let promise = subtle
        .import_key_with_object(
            "raw",
            &Uint8Array::from(key.0.as_slice()),
            &params,
            false,
            &usages,
        )
        .ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// The seals among `asked` that WebCrypto finds valid under `key`. A browser without
/// WebCrypto, or a key it cannot read, finds none valid: teacher decisions then wait.
pub async fn valid_seals(key: &PublicKey, asked: Vec<(Vec<u8>, Seal)>) -> Vec<(Vec<u8>, Seal)> {
    if asked.is_empty() {
        return asked;
    }
    let Some(subtle) = subtle() else {
        return Vec::new();
    };
    let Some(public) = import_public(&subtle, key).await else {
        return Vec::new();
    };
    let params = object(&[("name", "ECDSA"), ("hash", "SHA-256")]);
    // Every check at once: the browser runs them natively, one await for all.
    let checks = Array::new();
    for (msg, seal) in &asked {
        let check = subtle
            .verify_with_object_and_u8_array_and_u8_array(&params, &public, &seal.sig, msg)
            .unwrap_or_else(|_| Promise::resolve(&JsValue::FALSE));
        checks.push(&check);
    }
    let answers = match JsFuture::from(Promise::all(&checks)).await {
        Ok(a) => Array::from(&a),
        Err(_) => return Vec::new(),
    };
    asked
        .into_iter()
        .zip(answers.iter())
        .filter(|(_, ok)| ok.as_bool() == Some(true))
        .map(|(item, _)| item)
        .collect()
}

/// What importing `incoming` would change on this device, keeping only what `source`
/// may change: the merge runs once to learn which seals to check, the browser checks
/// them, and the merge runs again with its answers (reading this device's records again,
/// so a change made meanwhile in another tab counts).
pub async fn checked_preview(
    records: RecordsState,
    incoming: &ClassData,
    source: Source,
) -> Result<(ClassMerge, Vec<Refusal>), ImportError> {
    let asked = Asked::default();
    let key = records.data.with_untracked(|d| {
        let key = authority::class_key(d, incoming);
        let trust = Trust::gather(key.clone(), &asked);
        exchange::preview_checked(d, incoming, source, &trust).map(|_| key)
    })?;
    let valid = match &key {
        Some(k) => valid_seals(k, asked.into_inner()).await,
        None => Vec::new(),
    };
    records.data.with_untracked(|d| {
        let trust = Trust {
            key: authority::class_key(d, incoming),
            verify: Box::new(|_, msg, seal| valid.iter().any(|(m, s)| m == msg && s == seal)),
        };
        exchange::preview_checked(d, incoming, source, &trust)
    })
}

/// What merging `incoming` into `local` would change, keeping only what `source` may
/// change, with the seals checked by the browser: as [`checked_preview`], against a copy
/// of the records the caller holds (the class folder merges many files into one copy and
/// writes them once).
pub async fn checked_against(
    local: &ClassData,
    incoming: &ClassData,
    source: Source,
) -> Result<(ClassMerge, Vec<Refusal>), ImportError> {
    let asked = Asked::default();
    let key = authority::class_key(local, incoming);
    exchange::preview_checked(local, incoming, source, &Trust::gather(key.clone(), &asked))?;
    let valid = match &key {
        Some(k) => valid_seals(k, asked.into_inner()).await,
        None => Vec::new(),
    };
    let trust = Trust {
        key,
        verify: Box::new(|_, msg, seal| valid.iter().any(|(m, s)| m == msg && s == seal)),
    };
    exchange::preview_checked(local, incoming, source, &trust)
}

/// The class key pair kept on this device (a teacher's), with its public half as stored
/// in the class setup; `None` on any other device.
pub(crate) async fn key_pair() -> Option<(CryptoKey, PublicKey)> {
    let pair = idb::get(Item::ClassKey).await.ok()??;
    let private: CryptoKey = Reflect::get(&pair, &JsValue::from_str("privateKey"))
        .ok()?
        .dyn_into()
        .ok()?;
    let public: CryptoKey = Reflect::get(&pair, &JsValue::from_str("publicKey"))
        .ok()?
        .dyn_into()
        .ok()?;
    let raw = JsFuture::from(subtle()?.export_key("raw", &public).ok()?)
        .await
        .ok()?;
    Some((private, PublicKey(Uint8Array::new(&raw).to_vec())))
}

/// Seals `message` with the class key on this device (a teacher's), dated `at`;
/// `None` on a device without it.
pub async fn seal_bytes(message: &[u8], at: Timestamp) -> Option<Seal> {
    let (private, _) = key_pair().await?;
    let params = object(&[("name", "ECDSA"), ("hash", "SHA-256")]);
    let promise = subtle()?
        .sign_with_object_and_u8_array(&params, &private, message)
        .ok()?;
    let sig = JsFuture::from(promise).await.ok()?;
    let sig: [u8; 64] = Uint8Array::new(&sig).to_vec().try_into().ok()?;
    Some(Seal { at, sig })
}

/// Whether `seal` is the class key's (`key`) over `message`.
pub async fn seal_valid(key: &PublicKey, message: &[u8], seal: &Seal) -> bool {
    !valid_seals(key, vec![(message.to_vec(), seal.clone())])
        .await
        .is_empty()
}

/// Whether this device holds the class key of the class it keeps: it is the teacher's.
pub async fn holds_class_key(records: RecordsState) -> bool {
    let class_key = records
        .data
        .with_untracked(|d| authority::class_key(d, &ClassData::default()));
    match (class_key, key_pair().await) {
        (Some(class), Some((_, public))) => class == public,
        _ => false,
    }
}

/// Makes the class key on this device (the teacher's, as the class is set up) and keeps
/// it in IndexedDB. The private half leaves the device only encrypted, under the
/// teacher's PIN and a one-time code, to the teacher's second device
/// (`state::folder::key_move`). Returns the public half for the class setup.
pub async fn make_class_key() -> Result<PublicKey, String> {
    let subtle = subtle().ok_or_else(|| crypto::NO_CRYPTO.to_string())?;
    let params = object(&[("name", "ECDSA"), ("namedCurve", "P-256")]);
    let usages = Array::of2(&JsValue::from_str("sign"), &JsValue::from_str("verify"));
    let pair = JsFuture::from(
        subtle
            .generate_key_with_object(&params, true, &usages)
            .map_err(|_| crypto::NO_CRYPTO.to_string())?,
    )
    .await
    .map_err(|_| crypto::NO_CRYPTO.to_string())?;
    idb::put(Item::ClassKey, &pair).await?;
    key_pair()
        .await
        .map(|(_, public)| public)
        .ok_or_else(|| idb::BLOCKED.to_string())
}

/// A record whose teacher part has no current seal: never sealed, or changed by the
/// teacher since (`Meta::touch` marks the seal stale).
fn needs_seal<T: Authority>(r: &T) -> bool {
    r.meta().seal.as_ref().is_none_or(Seal::is_stale) && r.teacher_part().is_some()
}

/// Before records leave a teacher's device (an export now, the class folder next): seals
/// every teacher part that has no current seal and saves those records, so other devices
/// can check the teacher's decisions. Does nothing on a device without the class key.
/// Returns how many records were sealed.
pub async fn seal_teacher_decisions(records: RecordsState) -> Result<usize, String> {
    let class_key = records
        .data
        .with_untracked(|d| authority::class_key(d, &ClassData::default()));
    let Some((private, public)) = key_pair().await else {
        return Ok(0);
    };
    if class_key.as_ref() != Some(&public) {
        return Ok(0);
    }
    let subtle = subtle().ok_or_else(|| crypto::NO_CRYPTO.to_string())?;
    let now = now();
    let device = records.device();
    // Every record to seal, with the message its seal signs.
    let mut todo = ClassData::default();
    let mut messages: Vec<Vec<u8>> = Vec::new();
    let mut times: Vec<Timestamp> = Vec::new();
    records.data.with_untracked(|d| {
        macro_rules! gather {
            ($f:ident, $t:ty) => {
                for r in d.$f.iter().filter(|r| needs_seal(*r)) {
                    // Later than any seal this record had, whatever the clock says.
                    let at = r
                        .meta()
                        .seal
                        .as_ref()
                        .map_or(now, |s| Timestamp(now.0.max(s.at.0 + 1)));
                    messages.push(authority::seal_message(r, at));
                    times.push(at);
                    todo.$f.push(r.clone());
                }
            };
        }
        for_each_kind!(gather);
    });
    if messages.is_empty() {
        return Ok(0);
    }
    let params = object(&[("name", "ECDSA"), ("hash", "SHA-256")]);
    let signing = Array::new();
    for msg in &messages {
        let p = subtle
            .sign_with_object_and_u8_array(&params, &private, msg)
            .map_err(|_| crypto::NO_CRYPTO.to_string())?;
        signing.push(&p);
    }
    let sigs = JsFuture::from(Promise::all(&signing))
        .await
        .map_err(|_| crypto::NO_CRYPTO.to_string())?;
    let sigs = Array::from(&sigs);
    let mut n: usize = 0;
    macro_rules! apply {
        ($f:ident, $t:ty) => {
            for r in todo.$f.iter_mut() {
                let sig: [u8; 64] = Uint8Array::new(&sigs.get(n as u32))
                    .to_vec()
                    .try_into()
                    .map_err(|_| crypto::NO_CRYPTO.to_string())?;
                let m = r.meta_mut();
                m.seal = Some(Seal { at: times[n], sig });
                // A new version, so devices that have the record take the sealed copy.
                m.versions.bump(&device);
                n += 1;
            }
        };
    }
    for_each_kind!(apply);
    records.write_all(&todo).map_err(|e| e.to_string())?;
    Ok(n)
}
