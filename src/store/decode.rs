//! Bytes to text: refusing what is not text, decoding what is.
//!
//! Input files come from scrapers, exports and editors, so they are decoded
//! leniently: a UTF-8 byte-order mark is dropped, UTF-16 with a byte-order
//! mark is decoded, invalid UTF-8 and UTF-16 (unpaired surrogates, an odd
//! byte at the end) are replaced (and reported, so the user knows the text
//! is not exactly what the file says), and the result is put
//! in Unicode normal form C so that equal text compares equal. Files that are
//! empty or binary are refused with a reason. Every step is a single linear
//! pass, so a 50 MB single-line file costs no more than any other 50 MB.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// How much of the start of a file is sniffed for binary content, as git and
/// ripgrep do.
const SNIFF: usize = 8 * 1024;

/// Decoded text, plus a caveat to report when decoding was lossy.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub caveat: Option<String>,
}

/// Decode `bytes` as article text, or say why they are not.
#[cfg(test)]
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    decode_owned(bytes.to_vec())
}

/// [`decode`], the bytes becoming the text's own buffer when they are valid
/// UTF-8 (no copy of the file).
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".into());
    }
    if let Some((text, caveat)) = utf16(&bytes) {
        return Ok(Decoded {
            text: nfc(text),
            caveat,
        });
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if let Some(reason) = binary(&bytes) {
        return Err(reason);
    }
    let (text, caveat) = match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let bytes = e.as_bytes();
            let bad = bytes
                .utf8_chunks()
                .filter(|c| !c.invalid().is_empty())
                .count();
            let caveat = format!(
                "invalid UTF-8 from byte {} ({bad} bad sequence{}); decoded lossily",
                e.utf8_error().valid_up_to(),
                if bad == 1 { "" } else { "s" }
            );
            (String::from_utf8_lossy(bytes).into_owned(), Some(caveat))
        }
    };
    Ok(Decoded {
        text: nfc(text),
        caveat,
    })
}

/// Why the start of `bytes` looks binary, if it does: a NUL byte, or more
/// than one control byte in ten (text has tabs and newlines, not those).
fn binary(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(SNIFF)];
    if memchr::memchr(0, head).is_some() {
        return Some("binary file (contains NUL bytes); skipped".into());
    }
    // Counted branch-free, 128 bytes at a time, so the compiler vectorises
    // it (it reads most of a typical article).
    let controls: usize = head
        .chunks(128)
        .map(|chunk| {
            let n = chunk.iter().fold(0u8, |n, &b| {
                let allowed = (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0c);
                n + u8::from(((b < 0x20) & !allowed) | (b == 0x7f))
            });
            usize::from(n)
        })
        .sum();
    (controls * 10 > head.len()).then(|| "binary file (mostly control bytes); skipped".to_string())
}

/// UTF-16 text with a byte-order mark (as some Windows tools export it),
/// with a caveat when it is not valid UTF-16: unpaired surrogates are
/// replaced, an odd last byte dropped, as UTF-8's invalid bytes are.
fn utf16(bytes: &[u8]) -> Option<(String, Option<String>)> {
    let (rest, little) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, true),
        [0xFE, 0xFF, rest @ ..] => (rest, false),
        _ => return None,
    };
    let units = rest.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text = String::with_capacity(rest.len() / 2);
    let mut bad = 0usize;
    // Byte offset in the file (after the 2-byte mark) of the first bad unit.
    let mut first = None;
    let mut unit = 0usize;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                unit += c.len_utf16();
                text.push(c);
            }
            Err(_) => {
                first.get_or_insert(2 + unit * 2);
                unit += 1;
                bad += 1;
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    let mut problems = Vec::new();
    if let Some(at) = first {
        let s = if bad == 1 { "" } else { "s" };
        problems.push(format!(
            "invalid UTF-16 from byte {at} ({bad} unpaired surrogate{s})"
        ));
    }
    if rest.len() % 2 == 1 {
        problems.push(format!("odd byte at the end (byte {})", bytes.len() - 1));
    }
    let caveat =
        (!problems.is_empty()).then(|| format!("{}; decoded lossily", problems.join(", ")));
    Some((text, caveat))
}

/// `text` in NFC; the quick check makes the common (already NFC) case a scan.
/// Also used after cleaning: character references (`&#769;`, JSON `\u0301`)
/// decode to text that was not in the file, and so was not normalised.
pub(crate) fn nfc(text: String) -> String {
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        // Old Mac line ends alone, Windows pairs as one newline.
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if text.is_ascii() {
        return text; // ASCII is always NFC; this check is a fast scan.
    }
    if is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
}

/// `is_nfc_quick(text.chars()) == Yes`, asked only of the stretches that
/// need it. Characters below U+0300 (encoded with bytes below 0xCC) are
/// starters that are always NFC, and the quick check's state starts afresh
/// after a starter, so each run of characters from a byte 0xCC or above up
/// to the next ASCII byte is checked on its own and the rest skipped. Text
/// with curly quotes and dashes, most of it ASCII, is no longer decoded
/// char by char.
fn is_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = first_at_least(&bytes[i..], 0xCC) {
        // A lead byte: continuation bytes are below 0xC0.
        let start = i + off;
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |e| start + e);
        if !general_punctuation(&bytes[start..end])
            && !matches!(is_nfc_quick(text[start..end].chars()), IsNormalized::Yes)
        {
            return false;
        }
        i = end;
    }
    true
}

/// Whether `run` is only characters U+2002 to U+206F (curly quotes,
/// dashes, ellipses: most of the non-ASCII characters of English text),
/// which are starters, never composed and in NFC already, so the quick
/// check (a table search per character) need not see them. (U+2000 and
/// U+2001 are not: NFC makes them U+2002 and U+2003.)
fn general_punctuation(run: &[u8]) -> bool {
    run.len().is_multiple_of(3)
        && run.chunks_exact(3).all(|c| {
            c[0] == 0xE2 && ((c[1] == 0x80 && c[2] >= 0x82) || (c[1] == 0x81 && c[2] <= 0xAF))
        })
}

/// Where the first byte `>= least` in `bytes` is: whole 32-byte chunks are
/// tested branch-free (vectorised) and skipped when none is there, as
/// most text has only a few such bytes (curly quotes, dashes).
fn first_at_least(bytes: &[u8], least: u8) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(32);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(false, |any, &b| any | (b >= least)) {
            return chunk.iter().position(|&b| b >= least).map(|p| at + p);
        }
        at += 32;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b >= least)
        .map(|p| at + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_and_binary() {
        assert_eq!(decode(b"").unwrap_err(), "empty file");
        assert_eq!(decode(b" \n\t\n").unwrap_err(), "empty file");
        assert!(decode(b"PK\x03\x04\x00\x00").unwrap_err().contains("NUL"));
        let controls: Vec<u8> = (1u8..8).cycle().take(100).collect();
        assert!(decode(&controls).unwrap_err().contains("control"));
    }

    #[test]
    fn lossy_decoding_is_reported() {
        let d = decode(b"caf\xe9 au lait").unwrap();
        assert_eq!(d.text, "caf\u{fffd} au lait");
        assert!(d.caveat.unwrap().contains("byte 3"));
        assert!(decode("café".as_bytes()).unwrap().caveat.is_none());
    }

    #[test]
    fn normalises_to_nfc_and_line_ends() {
        let d = decode("Cafe\u{301}\r\nx\ry".as_bytes()).unwrap();
        assert_eq!(d.text, "Caf\u{e9}\nx\ny");
    }

    #[test]
    fn nfc_check_agrees_with_the_quick_check() {
        for s in [
            "plain",
            "“curly” — dashes… café",
            "Cafe\u{301} x",
            "e\u{301}\u{323}",
            "e\u{323}\u{301}",
            "\u{1100}\u{1161}",
            "a\u{300}b “\u{300}”",
            "Ω and \u{2126}",
        ] {
            let quick = matches!(is_nfc_quick(s.chars()), IsNormalized::Yes);
            assert_eq!(is_nfc(s), quick, "{s:?}");
        }
    }

    #[test]
    fn general_punctuation_is_nfc_alone_and_after_any_letter() {
        for c in '\u{2000}'..='\u{2070}' {
            let mut utf8 = [0u8; 4];
            let run = c.encode_utf8(&mut utf8).as_bytes();
            if general_punctuation(run) {
                for before in ["", "e", "\u{3b1}", "\u{1100}"] {
                    let s = format!("{before}{c}{c}");
                    assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{s:?}");
                }
            }
        }
        assert!(general_punctuation("“”—…".as_bytes()));
        assert!(!general_punctuation("\u{2000}".as_bytes()));
        assert!(!general_punctuation("\u{2070}".as_bytes()));
        assert!(!general_punctuation("é".as_bytes()));
    }

    #[test]
    fn first_at_least_finds_the_first_high_byte() {
        let text = "plain ascii text, then “quotes” and é, then more plain text to pass a chunk or two — end";
        for start in 0..text.len() {
            let bytes = &text.as_bytes()[start..];
            for least in [0x80, 0xCC, 0xE2, 0xFF] {
                assert_eq!(
                    first_at_least(bytes, least),
                    bytes.iter().position(|&b| b >= least),
                    "{start} {least}"
                );
            }
        }
    }

    #[test]
    fn decodes_utf16_and_drops_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Héllo".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le).unwrap();
        assert_eq!(d.text, "Héllo");
        assert!(d.caveat.is_none());
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap().text, "hi");
        // A pair outside the BMP is one char, not lossy.
        let mut be = vec![0xFE, 0xFF];
        be.extend("a😀b".encode_utf16().flat_map(u16::to_be_bytes));
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.caveat), ("a😀b", None));
    }

    #[test]
    fn lossy_utf16_is_reported_like_utf8() {
        // "ab", a lone high surrogate, "c", a lone low surrogate, "d".
        let units = [0x61, 0x62, 0xD83D, 0x63, 0xDE00, 0x64];
        for little in [true, false] {
            let mut bytes = if little {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for u in units {
                bytes.extend(if little {
                    u16::to_le_bytes(u)
                } else {
                    u16::to_be_bytes(u)
                });
            }
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, "ab\u{fffd}c\u{fffd}d");
            let caveat = d.caveat.expect("lossy UTF-16 has a caveat");
            assert!(caveat.contains("byte 6"), "{caveat}");
            assert!(caveat.contains("2 unpaired surrogates"), "{caveat}");
            assert!(caveat.ends_with("decoded lossily"), "{caveat}");
            // An odd last byte is said too.
            bytes.truncate(2 + 4);
            bytes.push(0x41);
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, "ab");
            let caveat = d.caveat.expect("a dropped byte has a caveat");
            assert!(caveat.contains("odd byte at the end (byte 6)"), "{caveat}");
        }
    }
}
