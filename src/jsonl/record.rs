//! One JSON Lines record: finding the text field in a line, and writing the
//! cleaned text back as a JSON string.
//!
//! The line is first checked by `serde_json` (so every error is serde_json's,
//! with its column); then, the line being known-good JSON, a small scanner
//! walks the top-level object to the field, and its string is unescaped
//! here. This reads the text once with a SIMD UTF-8 check instead of three
//! times (raw value, UTF-8 check, unescaping parse), and gives the byte span
//! that the cleaned string is spliced into. Bytes outside the field are never
//! decoded, so they are passed through exactly.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::IgnoredAny;

/// Why a line is not a usable record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("{0}, not a JSON object")]
    NotObject(&'static str),
    #[error("no field `{0}`")]
    Missing(String),
    #[error("field `{0}` appears twice")]
    Duplicate(String),
    #[error("field `{field}` is {found}, not a string")]
    NotString { field: String, found: &'static str },
    #[error("field `{field}`: {cause}")]
    BadString { field: String, cause: String },
}

/// Finds the string field `field` of the JSON object in `line`: the byte span
/// of its value (quotes included) and its text (unescaped).
pub fn find_text_field<'a>(
    line: &'a [u8],
    field: &str,
) -> Result<(Range<usize>, Cow<'a, str>), RecordError> {
    if let Some(found) = find_good_text_field(line, field) {
        return Ok(found);
    }
    serde_json::from_slice::<IgnoredAny>(line).map_err(json_error)?;
    let mut scan = Scanner { line, pos: 0 };
    scan.skip_whitespace();
    let first = scan.peek().unwrap_or(b'n');
    if first != b'{' {
        return Err(RecordError::NotObject(json_kind(first)));
    }
    let span = scan
        .field(field)
        .ok_or_else(|| RecordError::Json("unexpected syntax".into()))?;
    let span = match span {
        Found::Missing => return Err(RecordError::Missing(field.to_string())),
        Found::Twice => return Err(RecordError::Duplicate(field.to_string())),
        Found::At(span) => span,
    };
    let first = line[span.start];
    if first != b'"' {
        return Err(RecordError::NotString {
            field: field.to_string(),
            found: json_kind(first),
        });
    }
    let text =
        unescape(&line[span.start + 1..span.end - 1]).map_err(|cause| RecordError::BadString {
            field: field.to_string(),
            cause,
        })?;
    Ok((span, text))
}

/// [`find_text_field`] for the usual line, where it finds the field, once,
/// with a good string: without having serde_json read that string, the
/// bulk of the line. The string is checked here (no control character, and
/// escapes that [`unescape`] accepts are the ones JSON allows), and the
/// line with the string emptied by serde_json: a line that passes both is
/// good JSON, since a good string stands where the emptied one stood.
/// `None` for every other line, which the full path then judges, so errors
/// stay serde_json's.
fn find_good_text_field<'a>(line: &'a [u8], field: &str) -> Option<(Range<usize>, Cow<'a, str>)> {
    let mut scan = Scanner { line, pos: 0 };
    scan.skip_whitespace();
    if scan.peek()? != b'{' {
        return None;
    }
    let Found::At(span) = scan.field(field)? else {
        return None;
    };
    if line[span.start] != b'"' {
        return None;
    }
    let raw = &line[span.start + 1..span.end - 1];
    // (By 64-byte chunks without an early exit, which vectorises.)
    let no_controls = raw
        .chunks(64)
        .all(|chunk| chunk.iter().fold(true, |ok, &b| ok & (b >= 0x20)));
    if !no_controls {
        return None;
    }
    let text = unescape(raw).ok()?;
    let mut emptied = Vec::with_capacity(line.len() - raw.len());
    emptied.extend_from_slice(&line[..span.start + 1]);
    emptied.extend_from_slice(&line[span.end - 1..]);
    serde_json::from_slice::<IgnoredAny>(&emptied).ok()?;
    Some((span, text))
}

/// A serde_json error, located by its column in the line (a record is one
/// line).
fn json_error(e: serde_json::Error) -> RecordError {
    let message = e.to_string().replace(
        &format!(" at line {} column {}", e.line(), e.column()),
        &format!(" at column {}", e.column()),
    );
    RecordError::Json(message)
}

/// What kind of JSON value starts with `first`, said as in a sentence.
fn json_kind(first: u8) -> &'static str {
    match first {
        b'"' => "a string",
        b'{' => "an object",
        b'[' => "an array",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        _ => "a number",
    }
}

enum Found {
    Missing,
    Twice,
    At(Range<usize>),
}

/// Walks a line that serde_json has accepted. Every step returns `None`
/// rather than panicking if the line is not what it expects, although that
/// cannot happen for valid JSON.
struct Scanner<'a> {
    line: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.line.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while self
            .peek()
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// At `{`: the span of the value of top-level key `field`.
    fn field(&mut self, field: &str) -> Option<Found> {
        self.expect(b'{')?;
        let mut found = Found::Missing;
        self.skip_whitespace();
        if self.peek()? == b'}' {
            return Some(found);
        }
        loop {
            self.skip_whitespace();
            let key = self.string()?;
            let is_field = key_is(&self.line[key.start + 1..key.end - 1], field);
            self.expect(b':')?;
            self.skip_whitespace();
            let value = self.value()?;
            if is_field {
                found = match found {
                    Found::Missing => Found::At(value),
                    _ => Found::Twice,
                };
            }
            self.skip_whitespace();
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => return Some(found),
                _ => return None,
            }
        }
    }

    /// At `"`: the span of the string, quotes included.
    fn string(&mut self) -> Option<Range<usize>> {
        let start = self.pos;
        if self.peek()? != b'"' {
            return None;
        }
        let end = string_end(self.line, start + 1)?;
        debug_assert_eq!(Some(end), string_end_by_escapes(self.line, start + 1));
        self.pos = end + 1;
        Some(start..self.pos)
    }

    /// At any value: its span.
    fn value(&mut self) -> Option<Range<usize>> {
        let start = self.pos;
        match self.peek()? {
            b'"' => return self.string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth = depth.checked_sub(1)?,
                        _ => {}
                    }
                    self.pos += 1;
                    if depth == 0 {
                        break;
                    }
                }
            }
            _ => {
                while self.peek().is_some_and(|b| {
                    !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.pos += 1;
                }
            }
        }
        Some(start..self.pos)
    }
}

/// The closing quote of the string whose contents start at `from`: the
/// first quote after an even run of backslashes (an odd run ends in the
/// backslash that escapes it). By quotes rather than by escapes: a text
/// has many `\n` escapes and few quotes, so one search usually finds it.
fn string_end(line: &[u8], from: usize) -> Option<usize> {
    let mut pos = from;
    loop {
        let at = pos + memchr::memchr(b'"', line.get(pos..)?)?;
        let backslashes = line[from..at]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes % 2 == 0 {
            return Some(at);
        }
        pos = at + 1;
    }
}

/// [`string_end`] by the plain rule: walk from escape to escape, each
/// backslash taking the byte after it.
fn string_end_by_escapes(line: &[u8], from: usize) -> Option<usize> {
    let mut pos = from;
    loop {
        let at = pos + memchr::memchr2(b'"', b'\\', line.get(pos..)?)?;
        if line[at] == b'"' {
            return Some(at);
        }
        pos = at + 2; // a backslash and the byte it escapes
    }
}

/// Is the raw (still escaped) key `raw` the name `field`?
fn key_is(raw: &[u8], field: &str) -> bool {
    if memchr::memchr(b'\\', raw).is_none() {
        return raw == field.as_bytes();
    }
    unescape(raw).is_ok_and(|key| key == field)
}

/// The text of a JSON string's contents (between the quotes; its escapes
/// already checked by serde_json, but not its UTF-8 or surrogates).
fn unescape(raw: &[u8]) -> Result<Cow<'_, str>, String> {
    let raw = simdutf8::basic::from_utf8(raw).map_err(|_| "invalid UTF-8".to_string())?;
    let bytes = raw.as_bytes();
    let Some(first) = memchr::memchr(b'\\', bytes) else {
        return Ok(Cow::Borrowed(raw));
    };
    let mut text = String::with_capacity(raw.len());
    let mut at = first;
    let mut done = 0;
    loop {
        // `raw[at]` is a backslash: ASCII, so every slice here is on a
        // character boundary.
        text.push_str(&raw[done..at]);
        let (c, len) = match bytes.get(at + 1) {
            Some(b'n') => ('\n', 2),
            Some(b't') => ('\t', 2),
            Some(b'r') => ('\r', 2),
            Some(b'"') => ('"', 2),
            Some(b'\\') => ('\\', 2),
            Some(b'/') => ('/', 2),
            Some(b'b') => ('\u{8}', 2),
            Some(b'f') => ('\u{c}', 2),
            Some(b'u') => unicode_escape(raw, at)?,
            _ => return Err(format!("bad escape at byte {at}")),
        };
        text.push(c);
        done = at + len;
        match memchr::memchr(b'\\', &bytes[done..]) {
            Some(next) => at = done + next,
            None => break,
        }
    }
    text.push_str(&raw[done..]);
    Ok(Cow::Owned(text))
}

/// The character of the `\uXXXX` escape at `raw[at..]` (a surrogate pair
/// takes two escapes) and how many bytes it took.
fn unicode_escape(raw: &str, at: usize) -> Result<(char, usize), String> {
    // (Four hex digits exactly: `from_str_radix` alone would take a sign.)
    let hex = |from: usize| {
        raw.get(from..from + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| format!("bad \\u escape at byte {from}"))
    };
    let unit = hex(at + 2)?;
    let (code, len) = match unit {
        0xD800..=0xDBFF => {
            let low = if raw.get(at + 6..at + 8) == Some("\\u") {
                hex(at + 8)?
            } else {
                0
            };
            if !(0xDC00..=0xDFFF).contains(&low) {
                return Err(format!("lone leading surrogate at byte {at}"));
            }
            (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), 12)
        }
        0xDC00..=0xDFFF => return Err(format!("lone trailing surrogate at byte {at}")),
        _ => (unit, 6),
    };
    let c = char::from_u32(code).ok_or_else(|| format!("bad \\u escape at byte {at}"))?;
    Ok((c, len))
}

/// Appends `text` as a JSON string literal, escaping what JSON requires
/// (quote, backslash, control characters) and nothing else.
pub fn write_json_string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + bytes.len() / 16 + 2);
    out.push(b'"');
    // Cleaned text has no control characters but line feeds: find those,
    // quotes and backslashes with memchr instead of testing every byte.
    let only_line_feeds = bytes.chunks(64).all(|chunk| {
        chunk
            .iter()
            .fold(true, |ok, &b| ok & (b >= 0x20 || b == b'\n'))
    });
    let mut done = 0;
    if only_line_feeds {
        for at in memchr::memchr3_iter(b'\n', b'"', b'\\', bytes) {
            out.extend_from_slice(&bytes[done..at]);
            out.extend_from_slice(escape(bytes[at]).as_slice());
            done = at + 1;
        }
    } else {
        for (at, &b) in bytes.iter().enumerate() {
            if b < 0x20 || b == b'"' || b == b'\\' {
                out.extend_from_slice(&bytes[done..at]);
                out.extend_from_slice(escape(b).as_slice());
                done = at + 1;
            }
        }
    }
    out.extend_from_slice(&bytes[done..]);
    out.push(b'"');
}

/// The JSON escape of a quote, a backslash or a control character.
fn escape(b: u8) -> Escape {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = |c: u8| Escape([b'\\', c, 0, 0, 0, 0], 2);
    match b {
        b'"' => short(b'"'),
        b'\\' => short(b'\\'),
        b'\n' => short(b'n'),
        b'\r' => short(b'r'),
        b'\t' => short(b't'),
        0x08 => short(b'b'),
        0x0C => short(b'f'),
        _ => Escape(
            [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xF) as usize],
            ],
            6,
        ),
    }
}

/// Up to six bytes of an escape sequence and how many are used.
struct Escape([u8; 6], usize);

impl Escape {
    fn as_slice(&self) -> &[u8] {
        &self.0[..self.1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(line: &str) -> Result<(Range<usize>, String), RecordError> {
        find_text_field(line.as_bytes(), "text").map(|(span, text)| (span, text.into_owned()))
    }

    #[test]
    fn finds_the_field_span_and_text() {
        let cases = [
            (
                r#"{"id":1,"text":"a\nb","x":[1,{"text":2}]}"#,
                r#""a\nb""#,
                "a\nb",
            ),
            (r#"  { "te\u0078t" : "本报讯" }  "#, r#""本报讯""#, "本报讯"),
            (
                r#"{"a":{"text":"no"},"b":["text","}"],"text":"\"q\" \\ \/ \b\f\r\t \u4e2d\ud83d\ude00"}"#,
                r#""\"q\" \\ \/ \b\f\r\t \u4e2d\ud83d\ude00""#,
                "\"q\" \\ / \u{8}\u{c}\r\t 中😀",
            ),
            (r#"{"n":-1.5e+3,"t":true,"z":null,"text":""}"#, r#""""#, ""),
            ("{\"text\":\"x\"}\r", "\"x\"", "x"),
        ];
        for (line, raw, text) in cases {
            let (span, found) = field(line).unwrap();
            assert_eq!((&line[span], found.as_str()), (raw, text), "{line}");
        }
    }

    #[test]
    fn bad_records_say_why() {
        let cases = [
            (r#"{"id":1}"#, "no field `text`"),
            (r#"{}"#, "no field `text`"),
            (r#"{"text":null}"#, "field `text` is null, not a string"),
            (r#"{"text":12.5}"#, "field `text` is a number, not a string"),
            (
                r#"{"text":["a"]}"#,
                "field `text` is an array, not a string",
            ),
            (r#"{"text":{}}"#, "field `text` is an object, not a string"),
            (r#"["text"]"#, "an array, not a JSON object"),
            (r#" "text""#, "a string, not a JSON object"),
            (
                r#"["text""#,
                "invalid JSON: EOF while parsing a list at column 7",
            ),
            (
                r#"{"text":"a""#,
                "invalid JSON: EOF while parsing an object at column 11",
            ),
            (
                r#"{"text":"a"} x"#,
                "invalid JSON: trailing characters at column 14",
            ),
            (r#"{"text":"a","text":"b"}"#, "field `text` appears twice"),
            (
                r#"{"text":"\ud800"}"#,
                "field `text`: lone leading surrogate at byte 0",
            ),
            (
                r#"{"text":"a\udc00"}"#,
                "field `text`: lone trailing surrogate at byte 1",
            ),
            ("", "invalid JSON: EOF while parsing a value at column 0"),
            // Lines the fast path turns back: serde_json still says why.
            (
                r#"{"text":"a\u+123"}"#,
                "invalid JSON: invalid escape at column 16",
            ),
            (
                "{\"text\":\"a\tb\"}",
                "invalid JSON: control character (\\u0000-\\u001F) found while parsing a string at column 10",
            ),
            (
                r#"{"text":"ok","x":01}"#,
                "invalid JSON: invalid number at column 19",
            ),
        ];
        for (line, cause) in cases {
            assert_eq!(field(line).unwrap_err().to_string(), cause, "{line}");
        }
        assert_eq!(
            find_text_field(b"{\"text\":\"\xff\"}", "text")
                .unwrap_err()
                .to_string(),
            "field `text`: invalid UTF-8"
        );
        // Invalid UTF-8 elsewhere is not this tool's business: passed through.
        assert!(find_text_field(b"{\"x\":\"\xff\",\"text\":\"ok\"}", "text").is_ok());
    }

    #[test]
    fn strings_round_trip_like_serde_json() {
        let texts = [
            "",
            "本报讯\n近日",
            "\"\\/\u{0}\u{1f}\u{7f}\t\r\u{8}\u{c}",
            "😀 é \u{2028}",
        ];
        for text in texts {
            let mut ours = Vec::new();
            write_json_string(&mut ours, text);
            assert_eq!(ours, serde_json::to_vec(text).unwrap(), "{text:?}");
            let inner = &ours[1..ours.len() - 1];
            assert_eq!(unescape(inner).unwrap(), text);
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(1024))]
        /// Finding the closing quote by quotes agrees with walking the
        /// escapes, on any bytes (good JSON or not).
        #[test]
        fn string_end_agrees_with_the_escape_walk(line in "[\"\\\\a\\n]{0,24}", from in 0usize..4) {
            proptest::prop_assert_eq!(
                string_end(line.as_bytes(), from),
                string_end_by_escapes(line.as_bytes(), from)
            );
        }
    }

    fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            any::<String>().prop_map(Value::String),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            any::<bool>().prop_map(Value::Bool),
            Just(Value::Null),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::vec(("[a-z]{0,3}|text", inner), 0..4)
                    .prop_map(|fields| Value::Object(fields.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(256))]
        /// On any object serde_json writes, the field found here is the one
        /// serde_json reads back, and splicing the text back in is a no-op.
        #[test]
        fn agrees_with_serde_json(
            fields in proptest::collection::vec(("[a-z]{0,3}|text|te\\\\x|\\PC{0,3}", json_value()), 0..6),
            pretty in proptest::bool::ANY,
        ) {
            let object: serde_json::Map<String, serde_json::Value> = fields.into_iter().collect();
            let line = if pretty {
                serde_json::to_string_pretty(&object).unwrap().replace('\n', " ")
            } else {
                serde_json::to_string(&object).unwrap()
            };
            let found = find_text_field(line.as_bytes(), "text");
            match object.get("text") {
                None => proptest::prop_assert_eq!(found.unwrap_err(), RecordError::Missing("text".into())),
                Some(serde_json::Value::String(text)) => {
                    let (span, found) = found.unwrap();
                    proptest::prop_assert_eq!(found.as_ref(), text.as_str());
                    let mut spliced = line.as_bytes()[..span.start].to_vec();
                    write_json_string(&mut spliced, &found);
                    spliced.extend_from_slice(&line.as_bytes()[span.end..]);
                    proptest::prop_assert_eq!(spliced, line.as_bytes());
                }
                Some(_) => {
                    let not_string = matches!(found, Err(RecordError::NotString { .. }));
                    proptest::prop_assert!(not_string);
                }
            }
        }
    }
}
