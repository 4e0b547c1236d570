//! Bytes to text: encoding detection and strict decoding.
//!
//! Order of evidence: a byte-order mark (UTF-8, UTF-16LE/BE) wins; then a
//! forced `--encoding`; then NUL bytes (binary, unless their pattern is that
//! of BOM-less UTF-16); then UTF-8 if the bytes are UTF-8 (or nearly so: one
//! broken sequence in otherwise valid UTF-8 is a broken UTF-8 file, not a
//! GBK file); then `chardetng`'s guess (GB18030/GBK, Big5, …).
//!
//! Decoding is strict: the first malformed sequence is an error naming the
//! encoding and its byte offset, unless `lossy` is set, in which case each
//! malformed sequence becomes U+FFFD and is counted.

use encoding_rs::{DecoderResult, Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// How to decode.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeOptions {
    /// Use this encoding instead of detecting one (a BOM still wins).
    pub encoding: Option<&'static Encoding>,
    /// Replace malformed sequences with U+FFFD instead of failing.
    pub lossy: bool,
}

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// A byte-order mark was present (and removed).
    pub bom: bool,
    /// Malformed sequences replaced by U+FFFD (only with `lossy`).
    pub replaced: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary file (NUL byte at byte offset {offset}); not text")]
    Binary { offset: usize },
    #[error("invalid {encoding} at byte offset {offset} (use --encoding to force another encoding, or --lossy to replace bad bytes)")]
    Malformed {
        encoding: &'static str,
        offset: usize,
    },
}

/// Looks up an encoding by any WHATWG label (`utf-8`, `gb18030`, `gbk`,
/// `big5`, `utf-16le`, `shift_jis`, …).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes `bytes` to text.
pub fn decode(bytes: &[u8], options: &DecodeOptions) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..], bom_len, true, options.lossy);
    }
    if let Some(encoding) = options.encoding {
        return decode_with(encoding, bytes, 0, false, options.lossy);
    }
    if let Some(offset) = memchr_nul(bytes) {
        return match utf16_without_bom(bytes) {
            Some(encoding) => decode_with(encoding, bytes, 0, false, options.lossy),
            None => Err(DecodeError::Binary { offset }),
        };
    }
    let encoding = detect(bytes);
    decode_with(encoding, bytes, 0, false, options.lossy)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// Guesses the encoding of BOM-less, NUL-free bytes.
fn detect(bytes: &[u8]) -> &'static Encoding {
    // The common case first, with encoding_rs's SIMD validator: counting
    // characters (below) costs as much as all of decoding.
    if Encoding::utf8_valid_up_to(bytes) == bytes.len() || mostly_utf8(bytes) {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    // Only the Chinese legacy encodings are detected; any other guess (a
    // single-byte Windows code page for short text with a broken UTF-8
    // sequence, say) would decode to mojibake without a word. Such bytes are
    // decoded as UTF-8, which fails with the offset; --encoding forces others.
    if [GB18030, GBK, BIG5].contains(&guess) {
        guess
    } else {
        UTF_8
    }
}

/// True when the bytes are UTF-8, or UTF-8 with a few broken sequences
/// (valid multi-byte characters outnumber the bytes that do not decode).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    invalid == 0 || valid_multibyte >= 8 * invalid
}

/// BOM-less UTF-16: NUL bytes almost all on one parity (the high byte of
/// ASCII characters and line ends), an even length, and no NUL code unit.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1
            } else {
                odd += 1
            }
        }
    }
    // Little-endian puts the zero high byte of ASCII at odd offsets.
    let encoding = if even * 10 <= odd {
        UTF_16LE
    } else if odd * 10 <= even {
        UTF_16BE
    } else {
        return None;
    };
    // A NUL code unit would be binary data, not text.
    let nul_unit = bytes.chunks_exact(2).any(|u| u == [0, 0]);
    (!nul_unit).then_some(encoding)
}

fn decode_with(
    encoding: &'static Encoding,
    bytes: &[u8],
    base_offset: usize,
    bom: bool,
    lossy: bool,
) -> Result<Decoded, DecodeError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity.min(bytes.len().saturating_mul(3) + 16));
    let mut pos = 0usize;
    let mut replaced = 0usize;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut text, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(bytes.len() - pos)
                    .unwrap_or(4096)
                    .max(4);
                text.reserve(more);
            }
            DecoderResult::Malformed(bad, after) => {
                let end = pos - after as usize;
                let start = end - bad as usize;
                if !lossy {
                    return Err(DecodeError::Malformed {
                        encoding: encoding.name(),
                        offset: base_offset + start,
                    });
                }
                text.push('\u{FFFD}');
                replaced += 1;
            }
        }
    }
    Ok(Decoded {
        text,
        encoding,
        bom,
        replaced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "本报讯 近日，西安高新区创建国家未来产业先导区。该项目建成后预计年产值可达到 1.4 亿元，年纳税 4000 万元，带动 500人就业。随州高新区依托寻根节唱好经贸戏，此次共签约 5个项目，总投资额约 60亿元。\n";

    fn auto(bytes: &[u8]) -> Result<Decoded, DecodeError> {
        decode(bytes, &DecodeOptions::default())
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = auto(PAGE.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding, d.bom), (PAGE, UTF_8, false));
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(PAGE.as_bytes());
        let d = auto(&with_bom).unwrap();
        assert_eq!((d.text.as_str(), d.bom), (PAGE, true));
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let (gb, _, _) = encoding_rs::GB18030.encode(PAGE);
        let d = auto(&gb).unwrap();
        assert_eq!(d.text, PAGE, "GB18030 detected as {}", d.encoding.name());
        let trad = "本報訊 近日，西安高新區創建國家未來產業先導區。該項目建成後預計年產值可達到 1.4 億元，年納稅 4000 萬元，帶動 500人就業。隨州高新區依託尋根節唱好經貿戲，此次共簽約 5個項目。\n";
        let (big5, _, unmappable) = encoding_rs::BIG5.encode(trad);
        assert!(!unmappable);
        let d = auto(&big5).unwrap();
        assert_eq!(d.text, trad, "Big5 detected as {}", d.encoding.name());
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let mut le = vec![0xFF, 0xFE];
        let mut le_plain = Vec::new();
        let mut be = vec![0xFE, 0xFF];
        for unit in PAGE.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            le_plain.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(auto(&le).unwrap().text, PAGE);
        assert_eq!(auto(&be).unwrap().text, PAGE);
        let d = auto(&le_plain).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (PAGE, UTF_16LE));
    }

    #[test]
    fn truncated_utf8_reports_offset_and_lossy_counts() {
        let mut bytes = PAGE.as_bytes().to_vec();
        let cut = PAGE.find('西').unwrap();
        bytes.remove(cut + 2); // break 西 (3 bytes) in the middle
        assert_eq!(
            auto(&bytes),
            Err(DecodeError::Malformed {
                encoding: "UTF-8",
                offset: cut
            })
        );
        let d = decode(
            &bytes,
            &DecodeOptions {
                lossy: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(d.replaced, 1);
        assert!(d.text.contains('\u{FFFD}'));
        // Short text with one broken sequence is broken UTF-8, not Windows-1252.
        let short = b"\xe6\x9c\xac\xe6\x8a\xa5 \xe8\xbf\xe5\xae\x89";
        assert_eq!(
            auto(short),
            Err(DecodeError::Malformed {
                encoding: "UTF-8",
                offset: 7
            })
        );
        // A sequence cut off at the very end of the file.
        let mut tail = PAGE.trim_end().as_bytes().to_vec();
        tail.pop();
        assert!(matches!(auto(&tail), Err(DecodeError::Malformed { .. })));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(
            auto(b"abc\0\0\0\x01\x02"),
            Err(DecodeError::Binary { offset: 3 })
        );
    }

    #[test]
    fn forced_encoding() {
        let (gb, _, _) = encoding_rs::GBK.encode("中文");
        let d = decode(
            &gb,
            &DecodeOptions {
                encoding: encoding_for_label("gbk"),
                lossy: false,
            },
        )
        .unwrap();
        assert_eq!(d.text, "中文");
        assert!(encoding_for_label("no-such-encoding").is_none());
    }

    #[test]
    fn empty_input() {
        assert_eq!(auto(b"").unwrap().text, "");
    }
}
