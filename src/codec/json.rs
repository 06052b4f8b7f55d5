//! A JSON value, a strict parser (RFC 8259) and the compact and pretty writers.
//!
//! Numbers are classified the way serde_json classifies them, so that integer fields accept
//! exactly what serde accepted: a non-negative integer that fits 64 bits stays an exact
//! [`Json::Uint`] (a seed is a full `u64`, which an `f64` cannot hold), a negative one an
//! exact [`Json::Int`], and everything else (fractions, exponents, `-0`, wider integers) is
//! a [`Json::Float`]. Input comes from users (files, links, host pages), so the parser
//! bounds its nesting depth and every error names its position.

use std::fmt::Write;

/// Deepest nesting of arrays and objects the parser accepts (serde_json's limit too): deep
/// enough for every document here, shallow enough that hostile input cannot exhaust the
/// stack.
pub const MAX_DEPTH: usize = 128;

/// A parsed JSON value. Objects keep their members in document order, duplicates included
/// (readers decide what a duplicate means).
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer in 0..=u64::MAX, written without fraction or exponent.
    Uint(u64),
    /// A negative integer that fits `i64`, written without fraction or exponent.
    Int(i64),
    /// Any other number; infinite when beyond the range of f64 (which readers refuse).
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object: its members in document order.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// An object from static field names, as the writers build them.
    pub fn obj(members: Vec<(&'static str, Json)>) -> Json {
        Json::Obj(
            members
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// `null` for `None`, else the integer.
    pub fn opt_u32(v: Option<u32>) -> Json {
        v.map_or(Json::Null, |n| Json::Uint(n.into()))
    }

    /// What kind of value this is, for error messages ("a string").
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Uint(_) | Json::Int(_) => "an integer",
            Json::Float(_) => "a floating point number",
            Json::Str(_) => "a string",
            Json::Arr(_) => "an array",
            Json::Obj(_) => "an object",
        }
    }

    /// The document on one line, without spaces.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, None);
        out
    }

    /// The document indented by two spaces per level, as serde_json's `to_string_pretty`.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, Some(0));
        out
    }
}

// ---------------------------------------------------------------------------------------
// Parsing

/// Parses one JSON document; anything but white space after it is an error.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut p = Parser { text, at: 0 };
    let v = p.value(0)?;
    p.skip_ws();
    if p.at < text.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(v)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    /// `what` at the current position, as "line L column C" (1-based, columns in bytes).
    #[inline(never)]
    fn error(&self, what: &str) -> String {
        let before = &self.text.as_bytes()[..self.at.min(self.text.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
        format!("{what} at line {line} column {column}")
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Consumes `byte` after optional white space, or fails with `expected`.
    fn expect(&mut self, byte: u8, expected: &str) -> Result<(), String> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(expected))
        }
    }

    /// After an element: `,` (more follow, and a `close` right after it is a trailing comma)
    /// or `close` (done).
    fn separator(&mut self, close: u8) -> Result<bool, String> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.skip_ws();
                if self.peek() == Some(close) {
                    return Err(self.error("trailing comma"));
                }
                Ok(true)
            }
            Some(b) if b == close => {
                self.at += 1;
                Ok(false)
            }
            _ if close == b']' => Err(self.error("expected `,` or `]`")),
            _ => Err(self.error("expected `,` or `}`")),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        self.skip_ws();
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a value"));
        };
        match b {
            b'{' | b'[' => {
                if depth + 1 >= MAX_DEPTH {
                    return Err(self.error("recursion limit exceeded"));
                }
                self.at += 1;
                // Arrays and objects share one loop: an object's element is `"key": value`.
                let object = b == b'{';
                let close = if object { b'}' } else { b']' };
                let mut items = Vec::new();
                let mut members = Vec::new();
                self.skip_ws();
                if self.peek() == Some(close) {
                    self.at += 1;
                } else {
                    loop {
                        let key = if object {
                            self.skip_ws();
                            if self.peek() != Some(b'"') {
                                return Err(self.error("key must be a string"));
                            }
                            let key = self.string()?;
                            self.expect(b':', "expected `:`")?;
                            Some(key)
                        } else {
                            None
                        };
                        let v = self.value(depth + 1)?;
                        match key {
                            Some(k) => members.push((k, v)),
                            None => items.push(v),
                        }
                        if !self.separator(close)? {
                            break;
                        }
                    }
                }
                Ok(if object {
                    Json::Obj(members)
                } else {
                    Json::Arr(items)
                })
            }
            b'"' => self.string().map(Json::Str),
            b'-' | b'0'..=b'9' => self.number(),
            _ => {
                for (i, word) in ["null", "true", "false"].into_iter().enumerate() {
                    if self.text[self.at..].starts_with(word) {
                        self.at += word.len();
                        return Ok(if i == 0 {
                            Json::Null
                        } else {
                            Json::Bool(i == 1)
                        });
                    }
                }
                Err(self.error("expected value"))
            }
        }
    }

    /// Digits from the current position; how many.
    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let int_start = self.at;
        let n = self.digits();
        if n == 0 {
            return Err(self.error("invalid number"));
        }
        if n > 1 && self.text.as_bytes()[int_start] == b'0' {
            return Err(self.error("invalid number: leading zero"));
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            integer = false;
            if self.digits() == 0 {
                return Err(self.error("invalid number: digits expected after `.`"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            integer = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number: digits expected in the exponent"));
            }
        }
        let text = &self.text[start..self.at];
        // serde_json's rules: -0 is a float, and so is an integer beyond 64 bits.
        let exact = match self.text[int_start..self.at].parse::<u64>() {
            Ok(u) if integer && !negative => Some(Json::Uint(u)),
            Ok(u) if integer && u != 0 => 0i64.checked_sub_unsigned(u).map(Json::Int),
            _ => None,
        };
        if let Some(v) = exact {
            return Ok(v);
        }
        // Beyond f64 is infinite here, and an error only where a reader asks for the
        // number (serde_json skips such numbers in ignored fields).
        crate::num::decimal(text)
            .map(Json::Float)
            .ok_or_else(|| self.error("invalid number"))
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, String> {
        let code = self
            .text
            .get(self.at..self.at + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        let Some(code) = code else {
            return Err(self.error("invalid \\u escape"));
        };
        self.at += 4;
        Ok(code)
    }

    /// A string, the current byte being its opening quote.
    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let run = self.at;
            while matches!(self.peek(), Some(b) if b >= 0x20 && b != b'"' && b != b'\\') {
                self.at += 1;
            }
            // Stops only at ASCII bytes, so both ends are character boundaries.
            out.push_str(&self.text[run..self.at]);
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.peek();
                    self.at += 1;
                    let c = match escaped {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => {
                            self.at -= 1;
                            return Err(self.error("invalid escape"));
                        }
                    };
                    out.push(c);
                }
                Some(_) => {
                    return Err(self.error("control character (\\u0000-\\u001F) in a string"));
                }
            }
        }
    }

    /// The character of a `\u` escape (after the `u`), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.text[self.at..].starts_with("\\u") {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in hex escape")),
            c => c,
        };
        // Every code outside the surrogates is a character.
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))
    }
}

// ---------------------------------------------------------------------------------------
// Writing

/// Appends `v`; `indent` is the current level when pretty, `None` when compact.
fn write_value(out: &mut String, v: &Json, indent: Option<usize>) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Uint(n) => {
            let _ = write!(out, "{n}");
        }
        Json::Int(n) => {
            let _ = write!(out, "{n}");
        }
        // The shortest text that parses back to the same f64 (`crate::num::shortest`, which
        // keeps core's float formatter out of the wasm), with `.0` on whole numbers (`1.0`,
        // as serde_json writes them) so they stay floats. Non-finite values have no JSON
        // form: `null`, as serde_json.
        Json::Float(f) if f.is_finite() => {
            let text = crate::num::shortest(*f);
            out.push_str(&text);
            if !text.contains(['.', 'e', 'E']) {
                out.push_str(".0");
            }
        }
        Json::Float(_) => out.push_str("null"),
        Json::Str(s) => write_str(out, s),
        Json::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                let inner = open_item(out, i, indent);
                write_value(out, item, inner);
            }
            close(out, ']', !items.is_empty(), indent);
        }
        Json::Obj(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                let inner = open_item(out, i, indent);
                write_str(out, k);
                out.push_str(if indent.is_some() { ": " } else { ":" });
                write_value(out, item, inner);
            }
            close(out, '}', !members.is_empty(), indent);
        }
    }
}

/// Before the `i`-th element: the comma and, when pretty, the line break and indentation.
/// Returns the elements' own indentation level.
fn open_item(out: &mut String, i: usize, indent: Option<usize>) -> Option<usize> {
    if i > 0 {
        out.push(',');
    }
    let inner = indent.map(|l| l + 1);
    newline(out, inner);
    inner
}

fn close(out: &mut String, bracket: char, any: bool, indent: Option<usize>) {
    if any {
        newline(out, indent);
    }
    out.push(bracket);
}

fn newline(out: &mut String, indent: Option<usize>) {
    if let Some(level) = indent {
        out.push('\n');
        for _ in 0..level {
            out.push_str("  ");
        }
    }
}

/// A string with the escapes serde_json writes: quote, backslash and control characters.
fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text).expect_err(text)
    }

    #[test]
    fn literals_and_structure() {
        assert_eq!(parse(" null "), Ok(Json::Null));
        assert_eq!(parse("true"), Ok(Json::Bool(true)));
        assert_eq!(parse("false"), Ok(Json::Bool(false)));
        assert_eq!(parse("[]"), Ok(Json::Arr(vec![])));
        assert_eq!(parse("{ }"), Ok(Json::Obj(vec![])));
        assert_eq!(
            parse(r#"{"a": [1, {"b": null}], "a": "x"}"#),
            Ok(Json::Obj(vec![
                (
                    "a".into(),
                    Json::Arr(vec![Json::Uint(1), Json::obj(vec![("b", Json::Null)])])
                ),
                ("a".into(), Json::Str("x".into())),
            ])),
            "members in order, duplicates kept"
        );
    }

    #[test]
    fn numbers_are_classified_like_serde_json() {
        assert_eq!(parse("0"), Ok(Json::Uint(0)));
        assert_eq!(
            parse("18446744073709551615"),
            Ok(Json::Uint(u64::MAX)),
            "a full u64 stays exact"
        );
        assert_eq!(
            parse("18446744073709551616"),
            Ok(Json::Float(18446744073709551616.0))
        );
        assert_eq!(parse("-1"), Ok(Json::Int(-1)));
        assert_eq!(parse("-9223372036854775808"), Ok(Json::Int(i64::MIN)));
        assert_eq!(
            parse("-9223372036854775809"),
            Ok(Json::Float(-9223372036854775809.0))
        );
        let Ok(Json::Float(z)) = parse("-0") else {
            panic!("-0 is a float")
        };
        assert!(z == 0.0 && z.is_sign_negative());
        assert_eq!(parse("1.0"), Ok(Json::Float(1.0)));
        assert_eq!(parse("1e2"), Ok(Json::Float(100.0)));
        assert_eq!(parse("2.5E-3"), Ok(Json::Float(0.0025)));
        assert_eq!(parse("1e-400"), Ok(Json::Float(0.0)));
        assert_eq!(
            parse("0.30000000000000004"),
            Ok(Json::Float(0.1 + 0.2)),
            "correctly rounded"
        );
        for bad in [
            "01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "-inf",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse("1e400"), Ok(Json::Float(f64::INFINITY)));
        assert_eq!(
            parse(&format!("-1{}", "0".repeat(400))),
            Ok(Json::Float(f64::NEG_INFINITY))
        );
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(
            parse(r#""a\"b\\c\/d\b\f\n\r\t""#),
            Ok(Json::Str("a\"b\\c/d\u{8}\u{c}\n\r\t".into()))
        );
        assert_eq!(parse(r#""\u00e9\u4E2D""#), Ok(Json::Str("é中".into())));
        assert_eq!(
            parse(r#""\ud83d\ude00""#),
            Ok(Json::Str("😀".into())),
            "surrogate pair"
        );
        assert_eq!(parse("\"ünï 😀\""), Ok(Json::Str("ünï 😀".into())));
        assert!(err(r#""\ud83d""#).starts_with("lone leading surrogate"));
        assert!(err(r#""\ud83dx""#).starts_with("lone leading surrogate"));
        assert!(err(r#""\ud83d\u0041""#).starts_with("lone leading surrogate"));
        assert!(err(r#""\ude00""#).starts_with("lone trailing surrogate"));
        assert!(err(r#""\u12""#).starts_with("invalid \\u escape"));
        assert!(err(r#""\x""#).starts_with("invalid escape"));
        assert!(err("\"a\nb\"").starts_with("control character"));
        assert!(err("\"abc").starts_with("EOF while parsing a string"));
    }

    #[test]
    fn errors_name_the_position() {
        assert_eq!(
            err("{\"a\":1,\n  \"b\" 2}"),
            "expected `:` at line 2 column 7"
        );
        assert_eq!(err("[1,]"), "trailing comma at line 1 column 4");
        assert_eq!(err("{\"a\":1,}"), "trailing comma at line 1 column 8");
        assert_eq!(err("[1 2]"), "expected `,` or `]` at line 1 column 4");
        assert_eq!(err("{1:2}"), "key must be a string at line 1 column 2");
        assert_eq!(err("{} x"), "trailing characters at line 1 column 4");
        assert_eq!(err("[1] [2]"), "trailing characters at line 1 column 5");
        assert_eq!(err(""), "EOF while parsing a value at line 1 column 1");
        assert_eq!(err("[nul]"), "expected value at line 1 column 2");
        assert!(err("{\"a\":1").starts_with("expected `,` or `}`"));
    }

    #[test]
    fn nesting_is_bounded() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(err(&deep).starts_with("recursion limit exceeded"));
        let hostile = "[{\"a\":".repeat(100_000);
        assert!(err(&hostile).starts_with("recursion limit exceeded"));
    }

    #[test]
    fn writers_round_trip() {
        let v = Json::obj(vec![
            ("s", Json::Str("q\"\\\n\u{1}é😀".into())),
            ("u", Json::Uint(u64::MAX)),
            ("i", Json::Int(-5)),
            (
                "f",
                Json::Arr(vec![
                    Json::Float(1.0),
                    Json::Float(0.1),
                    Json::Float(1e-300),
                    Json::Float(-2.5e300),
                ]),
            ),
            ("e", Json::Arr(vec![])),
            ("o", Json::Obj(vec![])),
            ("n", Json::Null),
            ("b", Json::Bool(false)),
        ]);
        let compact = v.to_compact();
        assert!(compact.starts_with(r#"{"s":"q\"\\\n\u0001é😀","u":18446744073709551615,"#));
        assert!(compact.contains(r#""f":[1.0,0.1,1e-300,-2.5e+300],"e":[],"o":{}"#));
        assert_eq!(parse(&compact), Ok(v.clone()));
        assert_eq!(parse(&v.to_pretty()), Ok(v));
        let small = Json::obj(vec![(
            "a",
            Json::Arr(vec![Json::Uint(1), Json::Obj(vec![])]),
        )]);
        assert_eq!(small.to_pretty(), "{\n  \"a\": [\n    1,\n    {}\n  ]\n}");
        assert_eq!(Json::Float(f64::NAN).to_compact(), "null");
    }
}
