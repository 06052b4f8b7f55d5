//! Numbers to and from text without Rust's float parser and formatter in the browser bundle.
//!
//! `str::parse::<f64>` links core's Eisel–Lemire tables and big-decimal fallback, about
//! 15 KB of the gzipped wasm (measured by removing it), and formatting an `f64` with `{}`,
//! `{:?}` or `{:.1}` links Grisu, Dragon4 and their tables. The browser already has a
//! correctly rounded parser and a shortest round-trip printer, so in wasm:
//! - text is checked here against a strict decimal grammar and handed to `parseFloat`;
//! - [`shortest`] is JavaScript's `String(x)`;
//! - [`fixed`] (a fixed number of decimals, for display) is plain integer arithmetic.
//!
//! Native builds (tests, tools) use Rust's parser and `{}`. On text the grammar accepts both
//! parsers give the same value; both printers give text that reads back as exactly `x`, and
//! the same digits, differing only in when they switch to exponent notation (JavaScript
//! below 1e-6 and from 1e21).
//!
//! No code in the app may format an `f64` with `format!`: one such use brings the formatter
//! back. Use [`fixed`] or [`shortest`].

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

/// `x` limited to `lo..=hi` (a NaN `x` gives `lo`). Not `f64::clamp`: its panic message
/// prints the bounds with the float formatter, which the bundle does without.
#[allow(clippy::manual_clamp)]
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

/// `x` with exactly `decimals` digits after the point, rounded half away from zero
/// (`fixed(2.25, 1)` is `"2.3"`; Rust's `{:.1}` would round half to even). For display only:
/// values too large for exact integer arithmetic fall back to [`shortest`].
pub fn fixed(x: f64, decimals: u32) -> String {
    Fixed(x, decimals).to_string()
}

/// [`fixed`] as a value for `format!` and `write!`, without a `String` per number:
/// `format!("{}%", Fixed(12.34, 1))` is `"12.3%"`.
#[derive(Clone, Copy)]
pub struct Fixed(pub f64, pub u32);

impl std::fmt::Display for Fixed {
    /// Integer arithmetic on `x` scaled by `10^decimals`, so no float formatting code is
    /// involved.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Fixed(x, decimals) = *self;
        let decimals = decimals.min(9);
        let scale = 10u64.pow(decimals);
        let scaled = (x.abs() * scale as f64).round();
        if scaled.is_nan() || scaled >= 9.0e15 {
            return f.write_str(&shortest(x));
        }
        let n = scaled as u64;
        if x < 0.0 && n != 0 {
            f.write_str("-")?;
        }
        write!(f, "{}", n / scale)?;
        if decimals > 0 {
            write!(f, ".{:0width$}", n % scale, width = decimals as usize)?;
        }
        Ok(())
    }
}

/// The shortest text that reads back as exactly `x` (`0.1`, `12`, `1e-7`); `NaN`, `Infinity`
/// and `-Infinity` for the non-finite values.
#[cfg(target_arch = "wasm32")]
pub fn shortest(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// The shortest text that reads back as exactly `x`, laid out as JavaScript's `String(x)`
/// does (ECMAScript `Number::toString`), so native builds write what the browser writes.
#[cfg(not(target_arch = "wasm32"))]
pub fn shortest(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if x == 0.0 {
        return "0".into();
    }
    // `{:e}` gives the shortest round-trip digits: "-1.2345e-7".
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = digits.len() as i32;
    // The value is 0.digits × 10^n.
    let n = exp.parse::<i32>().unwrap_or(0) + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let rest = if k > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        format!(
            "{}{rest}e{}{}",
            &digits[..1],
            if n > 0 { "+" } else { "-" },
            (n - 1).abs()
        )
    };
    if x < 0.0 { format!("-{body}") } else { body }
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
    fn fixed_decimals() {
        for (x, d, t) in [
            (0.0, 1, "0.0"),
            (12.34, 1, "12.3"),
            (2.25, 1, "2.3"),
            (-0.04, 1, "0.0"),
            (-1.5, 0, "-2"),
            (99.96, 1, "100.0"),
            (0.05, 2, "0.05"),
            (1234.5678, 3, "1234.568"),
            (7.0, 0, "7"),
        ] {
            assert_eq!(fixed(x, d), t, "{x} with {d}");
        }
        assert_eq!(fixed(1e300, 1), shortest(1e300));
        assert_eq!(fixed(f64::NAN, 1), shortest(f64::NAN));
    }

    #[test]
    fn shortest_reads_back() {
        for x in [
            0.1, 0.25, 1.0, 12.0, 1e-7, 123456.789, -3.5, 1e-300, -2.5e300, 5e-324,
        ] {
            assert_eq!(shortest(x).parse::<f64>(), Ok(x), "{x:e}");
        }
    }

    #[test]
    fn shortest_is_laid_out_as_javascript_does() {
        for (x, t) in [
            (0.0, "0"),
            (1.0, "1"),
            (-3.5, "-3.5"),
            (0.1, "0.1"),
            (123456.789, "123456.789"),
            (1e20, "100000000000000000000"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (-2.5e-8, "-2.5e-8"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(shortest(x), t);
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
