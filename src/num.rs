//! Decimal text to `f64` without Rust's float parser in the browser bundle.
//!
//! `str::parse::<f64>` links core's Eisel–Lemire tables and big-decimal fallback, about
//! 15 KB of the gzipped wasm (measured by removing it). The browser already has a correctly
//! rounded parser, so in wasm the text is checked here against a strict decimal grammar and
//! then handed to JavaScript's `parseFloat`; native builds (tests, tools) use Rust's parser.
//! On text this grammar accepts, both give the same, correctly rounded, value.

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (digits on at least one side of the point)
/// into a finite `f64`. Anything else — empty text, spaces, `inf`, `NaN`, hex, a value that
/// overflows — is `None`.
pub fn parse_f64(text: &str) -> Option<f64> {
    decimal(text).filter(|x| x.is_finite())
}

/// Like [`parse_f64`], but a value too large for `f64` is infinite rather than refused (the
/// JSON reader keeps such numbers and refuses them only where a field is read, as serde does).
pub fn decimal(text: &str) -> Option<f64> {
    is_decimal(text.as_bytes()).then(|| parse_checked(text))
}

/// Whether `b` is a decimal number in the grammar of [`parse_f64`].
fn is_decimal(b: &[u8]) -> bool {
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(target_arch = "wasm32")]
fn parse_checked(text: &str) -> f64 {
    js_sys::parse_float(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_checked(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_decimal_numbers() {
        for (t, x) in [
            ("0", 0.0),
            ("-0.5", -0.5),
            ("+2", 2.0),
            ("1.", 1.0),
            (".25", 0.25),
            ("1e3", 1000.0),
            ("2.5E-2", 0.025),
            ("0.1", 0.1),
            ("12345678901234567890123", 1.2345678901234568e22),
        ] {
            assert_eq!(parse_f64(t), Some(x), "{t}");
        }
    }

    #[test]
    fn refuses_everything_else() {
        for t in [
            "", " 1", "1 ", ".", "-", "e5", "1e", "1e+", "inf", "NaN", "0x10", "1,5", "1e400",
            "--1", "1.2.3",
        ] {
            assert_eq!(parse_f64(t), None, "{t:?}");
        }
        assert_eq!(decimal("-1e400"), Some(f64::NEG_INFINITY));
        assert_eq!(decimal("1e"), None);
    }
}
