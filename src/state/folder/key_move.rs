//! Moving the class key to the teacher's second device through the class folder: the
//! browser's half of `domain::key_move` (PBKDF2 and AES-GCM from WebCrypto), and what
//! the folder does with the file.
//!
//! The first device, with the teacher signed in and typing the PIN again, encrypts the
//! private key under the PIN and a one-time code it shows, and writes the result to the
//! folder. The second device, given the code and the PIN, decrypts it, checks that the
//! key is this class's and that its halves belong together, and keeps it as the first
//! device does. Any device that holds the key removes a move whose day has passed.

use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

use super::{words, FolderState};
use crate::domain::authority;
use crate::domain::key_move::{
    code_from_random, normalize_code, secret, KeyMove, MoveProblem, CODE_BYTES, FILE_NAME,
};
use crate::domain::pin::ITERATIONS;
use crate::domain::seal::PublicKey;
use crate::domain::{Actor, Class, ClassData};
use crate::state::crypto::{pbkdf2, random_bytes, NO_CRYPTO};
use crate::state::seals::{key_pair, make_class_key, object, subtle};
use crate::state::{ctx_for, now, PinScope, Unlock, Who as SignedIn};
use crate::storage::folder_dir::{Dir, Listed};
use crate::storage::idb::{self, Item};

/// A key made before keys could move (WebCrypto will not hand it out).
pub const OLD_KEY: &str = "This class's key was made before Wayfinder could move keys, so it stays on this device. Decisions made on another device wait for this one to confirm them.";
/// The code or the PIN typed on the second device is not the one the move was made with.
pub const WRONG: &str = "That code and PIN don't open the key. Check the code your first device shows, and type the teacher PIN you use there.";
/// The largest key-move file read (a real one is under 1 KB).
const MAX_BYTES: usize = 16 * 1024;

fn js_str(s: &str) -> JsValue {
    JsValue::from_str(s)
}

fn no_crypto<T>(_: T) -> String {
    NO_CRYPTO.to_string()
}

/// The AES-GCM key PBKDF2 makes from `secret`.
async fn aes_key(secret: &str, salt: &[u8], rounds: u32) -> Result<CryptoKey, String> {
    let bits = pbkdf2(secret, salt, rounds).await?;
    let usages = Array::of2(&js_str("encrypt"), &js_str("decrypt"));
    let promise = subtle()
        .ok_or_else(|| NO_CRYPTO.to_string())?
        .import_key_with_str(
            "raw",
            &Uint8Array::from(bits.as_slice()),
            "AES-GCM",
            false,
            &usages,
        )
        .map_err(no_crypto)?;
    JsFuture::from(promise)
        .await
        .map_err(no_crypto)?
        .dyn_into()
        .map_err(no_crypto)
}

/// AES-GCM's parameters: the nonce, and the text the result is bound to.
fn gcm(iv: &[u8], bound: &[u8]) -> Object {
    let o = object(&[("name", "AES-GCM")]);
    let _ = Reflect::set(&o, &js_str("iv"), &Uint8Array::from(iv));
    let _ = Reflect::set(&o, &js_str("additionalData"), &Uint8Array::from(bound));
    o
}

/// Encrypts this device's class key for a move, made at `made` by `device`: the file,
/// and the code to show the teacher (never written anywhere).
async fn seal_key(device: &str, pin: &str, made: i64) -> Result<(KeyMove, String), String> {
    let (private, public) = key_pair()
        .await
        .ok_or("This device doesn't hold the class key.")?;
    let subtle = subtle().ok_or_else(|| NO_CRYPTO.to_string())?;
    let pkcs8 = match subtle.export_key("pkcs8", &private) {
        Ok(p) => JsFuture::from(p).await.map_err(|_| OLD_KEY.to_string())?,
        Err(_) => return Err(OLD_KEY.into()),
    };
    let pkcs8 = Uint8Array::new(&pkcs8).to_vec();
    let code = code_from_random(&random_bytes::<CODE_BYTES>()?);
    let salt = random_bytes::<16>()?;
    let iv = random_bytes::<12>()?;
    let mut m = KeyMove::new(device, made, &public, &salt, ITERATIONS, &iv);
    let typed = normalize_code(&code).map_err(|p| p.words().to_string())?;
    let key = aes_key(&secret(&typed, pin), &salt, ITERATIONS).await?;
    let promise = subtle
        .encrypt_with_object_and_u8_array(&gcm(&iv, &m.bound()), &key, &pkcs8)
        .map_err(no_crypto)?;
    let sealed = JsFuture::from(promise).await.map_err(no_crypto)?;
    m.sealed = crate::domain::seal::base64url(&Uint8Array::new(&sealed).to_vec());
    Ok((m, code))
}

/// Opens a move with the code and PIN typed, and keeps the key on this device.
async fn open_key(m: &KeyMove, typed_code: &str, pin: &str) -> Result<(), String> {
    let code = normalize_code(typed_code).map_err(|p| p.words().to_string())?;
    let (salt, iv, sealed) = match (m.salt_bytes(), m.iv_bytes(), m.sealed_bytes()) {
        (Some(s), Some(i), Some(d)) => (s, i, d),
        _ => return Err(MoveProblem::NotReadable.words().into()),
    };
    let public = PublicKey::parse(&m.key).ok_or(MoveProblem::NotReadable.words())?;
    let subtle = subtle().ok_or_else(|| NO_CRYPTO.to_string())?;
    let key = aes_key(&secret(&code, pin), &salt, m.rounds).await?;
    let promise = subtle
        .decrypt_with_object_and_u8_array(&gcm(&iv, &m.bound()), &key, &sealed)
        .map_err(no_crypto)?;
    let pkcs8 = JsFuture::from(promise)
        .await
        .map_err(|_| WRONG.to_string())?;
    let ecdsa = object(&[("name", "ECDSA"), ("namedCurve", "P-256")]);
    let import = |format: &str, bytes: &[u8], usage: &str| {
        subtle.import_key_with_object(
            format,
            &Uint8Array::from(bytes),
            &ecdsa,
            true,
            &Array::of1(&js_str(usage)),
        )
    };
    let not_key = |_| MoveProblem::NotReadable.words().to_string();
    let private: CryptoKey = JsFuture::from(
        import("pkcs8", &Uint8Array::new(&pkcs8).to_vec(), "sign").map_err(not_key)?,
    )
    .await
    .map_err(not_key)?
    .dyn_into()
    .map_err(not_key)?;
    let public_key: CryptoKey =
        JsFuture::from(import("raw", &public.0, "verify").map_err(not_key)?)
            .await
            .map_err(not_key)?
            .dyn_into()
            .map_err(not_key)?;
    // The two halves must belong together: a signature by the one checks with the other.
    let params = object(&[("name", "ECDSA"), ("hash", "SHA-256")]);
    let probe = b"wayfinder: the class key arrived whole";
    let sig = JsFuture::from(
        subtle
            .sign_with_object_and_u8_array(&params, &private, probe)
            .map_err(no_crypto)?,
    )
    .await
    .map_err(no_crypto)?;
    let sig = Uint8Array::new(&sig).to_vec();
    let whole = JsFuture::from(
        subtle
            .verify_with_object_and_u8_array_and_u8_array(&params, &public_key, &sig, probe)
            .map_err(no_crypto)?,
    )
    .await
    .map_err(no_crypto)?;
    if whole.as_bool() != Some(true) {
        return Err(MoveProblem::NotReadable.words().into());
    }
    let pair = Object::new();
    let _ = Reflect::set(&pair, &js_str("privateKey"), &private);
    let _ = Reflect::set(&pair, &js_str("publicKey"), &public_key);
    idb::put(Item::ClassKey, &pair).await
}

/// The class on this device that has no class key yet (never the sample class).
fn keyless_class(d: &ClassData) -> Option<&Class> {
    d.classes
        .iter()
        .find(|c| !c.meta.deleted && !c.meta.demo && c.key.is_none())
}

impl FolderState {
    /// Whether this device keeps a class set up before class keys (made where WebCrypto
    /// or IndexedDB was missing): its teacher decisions cannot be sealed yet.
    pub fn class_keyless(self) -> bool {
        self.records.data.with(|d| keyless_class(d).is_some())
    }

    /// With the teacher signed in, for a class without a key: makes the class key on
    /// this device and names it in the class setup, so this device becomes the
    /// teacher's, seals every decision it writes from now on, and the class's devices
    /// hold everyone to the key.
    pub async fn make_key(self) -> Result<(), String> {
        if self.session.who.get_untracked() != Some(SignedIn::Teacher) {
            return Err("Unlock the teacher's workspace on this device first.".into());
        }
        let Some(mut class) = self
            .records
            .data
            .with_untracked(|d| keyless_class(d).cloned())
        else {
            return Err("This class already has its key.".into());
        };
        let key = make_class_key().await?;
        let ctx = ctx_for(self.records, Actor::teacher(class.meta.id));
        class.set_key(&key, &ctx).map_err(|e| e.to_string())?;
        self.records.save(class).map_err(|e| e.to_string())?;
        self.sync().await;
        Ok(())
    }

    /// The class key in this device's records.
    pub(super) fn class_key(self) -> Option<PublicKey> {
        self.records
            .data
            .with_untracked(|d| authority::class_key(d, &ClassData::default()))
    }

    /// On a device that holds the class key, with the teacher's PIN typed again: puts
    /// the key, encrypted, in the class folder and shows the one-time code.
    pub async fn offer_key(self, pin: &str) -> Result<(), String> {
        let Some(dir) = self.dir.get_value() else {
            return Err("Choose the class folder first.".into());
        };
        if !self.teacher_device.get_untracked() {
            return Err("Only a device that holds the class key can give it.".into());
        }
        match self.session.unlock(PinScope::Teacher, pin).await {
            Unlock::Opened => {}
            Unlock::NoPin => {
                return Err(
                    "Set a teacher PIN on your page first: it protects the key on its way.".into(),
                )
            }
            Unlock::Wrong(_) | Unlock::Wait(_) => {
                return Err("That isn't your teacher PIN on this device.".into())
            }
            Unlock::Invalid(p) => return Err(p.message()),
            Unlock::Failed(e) => return Err(e),
        }
        let made = now().0;
        let (m, code) = seal_key(&self.records.device(), pin, made).await?;
        dir.write(FILE_NAME, &m.to_text())
            .await
            .map_err(|e| words(&e))?;
        self.key_code.set(Some((code, m.until)));
        Ok(())
    }

    /// Removes the move this device made (or any move waiting in the folder).
    pub async fn cancel_key_move(self) -> Result<(), String> {
        self.key_code.set(None);
        match self.dir.get_value() {
            Some(dir) => dir.remove(FILE_NAME).await.map_err(|e| words(&e)),
            None => Ok(()),
        }
    }

    /// On the second device: opens the move waiting in the folder with the code and the
    /// PIN typed, keeps the key here, removes the move from the folder, and syncs as a
    /// teacher's device. Where this device has no teacher PIN yet, it takes this one
    /// and the teacher is signed in.
    pub async fn take_key(self, code: &str, pin: &str) -> Result<(), String> {
        let Some(m) = self.key_move.get_untracked() else {
            return Err("There is no key waiting in the class folder.".into());
        };
        m.usable(now().0, self.class_key().as_ref())
            .map_err(|p| p.words().to_string())?;
        open_key(&m, code, pin).await?;
        if !self.session.teacher_has_pin() {
            // The teacher proved this PIN; a device whose teacher pages were open to
            // anyone now asks for it. Best effort: the key is here either way.
            if self.session.set_pin(PinScope::Teacher, pin).await.is_ok() {
                self.session.sign_in(SignedIn::Teacher);
            }
        }
        self.key_move.set(None);
        if let Some(dir) = self.dir.get_value() {
            let _ = dir.remove(FILE_NAME).await;
        }
        self.sync().await;
        Ok(())
    }

    /// During a sync: notes a move waiting in the folder (on a device without the key),
    /// or removes one whose day has passed (on a device with it).
    pub(super) async fn look_for_key_move(self, dir: &Dir, listed: &[Listed], teacher: bool) {
        let Some(file) = listed.iter().find(|l| l.name == FILE_NAME) else {
            self.key_move.set(None);
            return;
        };
        let read = match dir.read(file, MAX_BYTES).await {
            Ok(Some(r)) => KeyMove::read(&r.bytes),
            _ => Err(MoveProblem::NotReadable),
        };
        if teacher {
            self.key_move.set(None);
            // One half-synced, or unreadable, may still become whole: left alone.
            if read.is_ok_and(|m| now().0 > m.until) {
                let _ = dir.remove(FILE_NAME).await;
                if self.key_code.with_untracked(Option::is_some) {
                    self.key_code.set(None);
                }
            }
            return;
        }
        self.key_move.set(read.ok());
    }
}
