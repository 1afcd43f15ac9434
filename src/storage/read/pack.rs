//! The compact text form of a bucket of records: deflate, then 15 bits per UTF-16 code
//! unit. Pure, so it is tested on the host.
//!
//! localStorage counts its quota in UTF-16 code units and keeps any string, but lone
//! surrogates do not survive every browser, so each unit carries 15 bits offset into
//! U+0800..U+87FF: never a surrogate, never a control character. JSON of a class-year
//! shrinks about six-fold this way (deflate ×3.3, packing ×1.9).
//!
//! Stored text: `z1:<byte length>:<packed units>`.

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;
use zune_inflate::{DeflateDecoder, DeflateOptions};

/// Marks a packed value and its format version.
pub const MARK: &str = "z1:";

/// Unpacking never produces more than this (a hand-made value cannot exhaust memory).
const MAX_UNPACKED: usize = 64 * 1024 * 1024;

/// Code points used for the 15-bit groups start here.
const OFFSET: u32 = 0x0800;

/// Deflate level: 6 is within a few percent of the best ratio and fast enough that one
/// save (one bucket) stays around a millisecond.
const LEVEL: u8 = 6;

/// Packs `text` into the stored form.
pub fn pack(text: &str) -> String {
    let bytes = compress_to_vec(text.as_bytes(), LEVEL);
    let mut out = String::with_capacity(MARK.len() + 12 + bytes.len() * 8 / 15 + 1);
    out.push_str(MARK);
    out.push_str(&bytes.len().to_string());
    out.push(':');
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push_unit(&mut out, (acc >> bits) & 0x7fff);
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        push_unit(&mut out, (acc << (15 - bits)) & 0x7fff);
    }
    out
}

fn push_unit(out: &mut String, v: u32) {
    // v < 0x8000, so OFFSET + v < 0x8800: always a valid, non-surrogate scalar value.
    out.push(char::from_u32(OFFSET + v).unwrap_or('\u{0800}'));
}

/// True when `stored` claims to be packed (it may still turn out damaged).
pub fn is_packed(stored: &str) -> bool {
    stored.starts_with(MARK)
}

/// The text packed in `stored`, or why it cannot be read. Never panics.
pub fn unpack(stored: &str) -> Result<String, String> {
    Unpacker::default().unpack(stored).map(str::to_string)
}

/// Unpacks many values in a row (every bucket at start), reusing its buffers: for a
/// class-year that is a few thousand values.
#[derive(Default)]
pub struct Unpacker {
    inflate: Box<DecompressorOxide>,
    packed: Vec<u8>,
    /// Inflated text in `text[..len]` (miniz_oxide keeps room after it for the next
    /// value, not zeroed again for each of them).
    text: Vec<u8>,
    len: usize,
}

impl Unpacker {
    /// The text packed in `stored`, or why it cannot be read. Never panics.
    pub fn unpack(&mut self, stored: &str) -> Result<&str, String> {
        let rest = stored
            .strip_prefix(MARK)
            .ok_or("not a packed Wayfinder value")?;
        let (len, body) = rest
            .split_once(':')
            .ok_or("the packed value has no length")?;
        let len: usize = len
            .parse()
            .map_err(|_| "the packed value's length is not a number")?;
        self.unpack_bits(body.as_bytes(), len)?;
        self.inflate()?;
        std::str::from_utf8(&self.text[..self.len])
            .map_err(|_| "the packed value is not text".into())
    }

    /// The 15-bit units of `body` back into `len` bytes, in `self.packed`.
    fn unpack_bits(&mut self, body: &[u8], len: usize) -> Result<(), String> {
        // Every unit is in U+0800..U+87FF, so three bytes of UTF-8: read them as such.
        // `body` is valid UTF-8, so a three-byte lead at each step means every character
        // is three bytes long and these are whole characters.
        fn unit(c: &[u8]) -> Option<u32> {
            if c[0] & 0xf0 != 0xe0 {
                return None;
            }
            let u = (u32::from(c[0] & 0x0f) << 12)
                | (u32::from(c[1] & 0x3f) << 6)
                | u32::from(c[2] & 0x3f);
            u.checked_sub(OFFSET).filter(|v| *v < 0x8000)
        }
        let bad_char = || "the packed value contains a character it should not".to_string();
        let cut = || "the packed value is shorter than it says (cut off?)".to_string();
        if !body.len().is_multiple_of(3) {
            return Err(bad_char());
        }
        if len > body.len() / 3 * 2 {
            return Err(cut());
        }
        let out = &mut self.packed;
        out.clear();
        out.reserve(body.len() / 3 * 15 / 8 + 16);
        // Eight units make fifteen bytes.
        let mut groups = body.chunks_exact(24);
        for g in &mut groups {
            let mut acc = 0u128;
            for c in g.chunks_exact(3) {
                acc = (acc << 15) | u128::from(unit(c).ok_or_else(bad_char)?);
            }
            out.extend_from_slice(&acc.to_be_bytes()[1..]);
        }
        let (mut acc, mut bits) = (0u32, 0u32);
        for c in groups.remainder().chunks_exact(3) {
            acc = (acc << 15) | unit(c).ok_or_else(bad_char)?;
            bits += 15;
            while bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
            }
            acc &= (1 << bits) - 1;
        }
        if out.len() < len {
            return Err(cut());
        }
        out.truncate(len);
        Ok(())
    }

    /// Inflates `self.packed` into `self.text`: zune-inflate, about a third faster than
    /// miniz_oxide on our buckets; miniz_oxide (which packed them) has the last word on
    /// a value zune-inflate refuses, so a decoder's quirk never hides a record.
    fn inflate(&mut self) -> Result<(), String> {
        // JSON deflates about 3.3-fold: start at four times, grow if needed.
        let guess = self.packed.len().saturating_mul(4).clamp(64, MAX_UNPACKED);
        let options = DeflateOptions::default()
            .set_limit(MAX_UNPACKED)
            .set_size_hint(guess)
            .set_confirm_checksum(false);
        match DeflateDecoder::new_with_options(&self.packed, options).decode_deflate() {
            Ok(text) => {
                self.len = text.len();
                self.text = text;
                Ok(())
            }
            Err(_) => self.inflate_with_miniz(guess),
        }
    }

    /// Inflates `self.packed` into `self.text` with miniz_oxide.
    fn inflate_with_miniz(&mut self, guess: usize) -> Result<(), String> {
        use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        self.inflate.init();
        self.len = 0;
        let text = &mut self.text;
        if text.len() < guess {
            text.resize(guess, 0);
        }
        let (mut input, mut done) = (&self.packed[..], 0);
        loop {
            let (status, used, wrote) = decompress(
                &mut self.inflate,
                input,
                text,
                done,
                TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
            );
            done += wrote;
            match status {
                TINFLStatus::Done => {
                    self.len = done;
                    return Ok(());
                }
                TINFLStatus::HasMoreOutput if text.len() < MAX_UNPACKED => {
                    input = input.get(used..).unwrap_or_default();
                    let grown = text.len().saturating_mul(2).min(MAX_UNPACKED);
                    text.resize(grown, 0);
                }
                status => {
                    return Err(format!("the packed value is damaged ({status:?})"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round_trips_and_shrinks_json() {
        let json =
            r#"{"i":"AAAAAAAAAAAAAAAAAAAAAA","st":"BBBBBBBBBBBBBBBBBBBBBB","t":"I read a book"}"#
                .repeat(30);
        let packed = pack(&json);
        assert!(is_packed(&packed));
        assert_eq!(unpack(&packed).unwrap(), json);
        assert!(
            packed.encode_utf16().count() * 5 < json.len(),
            "{}",
            packed.len()
        );
    }

    #[test]
    fn never_uses_surrogates_or_control_characters() {
        let text: String = (0..5000u32)
            .map(|i| {
                char::from_u32(i * 7919 % 0x10000)
                    .filter(|c| !c.is_control())
                    .unwrap_or('é')
            })
            .collect();
        let packed = pack(&text);
        assert!(packed[MARK.len()..].chars().all(|c| !c.is_control()));
        assert!(packed
            .encode_utf16()
            .all(|u| !(0xd800..0xe000).contains(&u)));
        assert_eq!(unpack(&packed).unwrap(), text);
    }

    #[test]
    fn empty_text_round_trips() {
        assert_eq!(unpack(&pack("")).unwrap(), "");
    }

    #[test]
    fn damaged_values_are_errors() {
        let packed = pack(&"hello world ".repeat(50));
        let cut: String = packed.chars().take(packed.chars().count() / 2).collect();
        assert!(unpack(&cut).is_err());
        assert!(unpack("z1:").is_err());
        assert!(unpack("z1:x:").is_err());
        assert!(unpack("z1:3:abc").is_err());
        assert!(unpack("{\"i\":1}").is_err());
        let mut flipped: Vec<char> = packed.chars().collect();
        let mid = flipped.len() / 2 + 3;
        flipped[mid] = '\u{0801}';
        // a flipped unit is either refused or unpacks to different text; never a panic
        let flipped: String = flipped.into_iter().collect();
        // Characters outside the packing's range, of every UTF-8 length, are refused.
        for odd in ["a", "é", "aé", "\u{07ff}", "\u{8800}", "\u{ffff}", "😀"] {
            let mut s = packed.clone();
            s.insert_str(s.len() - 3, odd);
            assert!(unpack(&s).is_err(), "{odd:?}");
        }
        assert_ne!(
            unpack(&flipped).ok().as_deref(),
            Some(&*"hello world ".repeat(50))
        );
    }

    proptest! {
        #[test]
        fn any_text_round_trips(text in ".{0,400}") {
            prop_assert_eq!(unpack(&pack(&text)).unwrap(), text);
        }

        #[test]
        fn both_inflaters_read_what_was_packed(
            text in ".{0,300}|(ab|cd|\\{\"i\":\"x\"\\}|[a-z]){0,3000}"
        ) {
            let mut u = Unpacker::default();
            let packed = pack(&text);
            prop_assert_eq!(u.unpack(&packed).unwrap(), &text);
            let guess = u.packed.len() * 4;
            u.inflate_with_miniz(guess).unwrap();
            prop_assert_eq!(&u.text[..u.len], text.as_bytes());
        }

        #[test]
        fn unpacking_anything_never_panics(s in "z1:[0-9]{0,4}:.{0,60}") {
            let _ = unpack(&s);
        }
    }
}
