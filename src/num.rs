//! The few number rules that the standard library does not already give.
//!
//! Everything else reads numbers with `str::parse::<f64>` and writes them with `format!`
//! (`{x:.1}` for a fixed number of decimals, `{x}` for the shortest text that reads back).
//! What stays here is a rule of this app's, each with its reason:
//! - [`parse_f64`]: typed-in and linked numbers must be finite;
//! - [`shortest`]: the number layout of JavaScript's `String(x)`, which links, scenario files
//!   and notices were written in, and which the golden files hold;
//! - [`fixed`]: numbers that people read round half away from zero and never read `-0`.

/// `text` as a finite number: `str::parse::<f64>`, refusing what it would read as infinite or
/// NaN (`inf`, `NaN`, `1e400`). A form field or a link has no use for those.
pub fn parse_f64(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Like [`parse_f64`], but a value too large for `f64` is infinite rather than refused; only
/// digits, signs, the point and the exponent are accepted (no `inf` or `NaN` spelled out).
/// The JSON reader keeps such numbers and refuses them only where a field is read, as serde
/// does. Only `src/codec/json.rs` calls it, and it goes with that reader.
pub fn decimal(text: &str) -> Option<f64> {
    text.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
        .then(|| text.parse::<f64>().ok())
        .flatten()
}

/// `x` limited to `lo..=hi`, a NaN `x` giving `lo` (`f64::clamp` keeps NaN). Where `x` cannot
/// be NaN, call `f64::clamp`; this stays until its last callers (the state, the link reader
/// and the app, whose inputs are already finite) call that instead.
#[allow(clippy::manual_clamp)]
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

/// `x` with exactly `decimals` digits after the point, for people to read: rounded half away
/// from zero (`fixed(2.25, 1)` is `"2.3"` and `fixed(12.5, 0)` is `"13"`, as a school, a
/// spreadsheet and JavaScript's `toFixed` round; `{:.1}` rounds ties to even), and a value that
/// rounds to zero is `0`, never `-0` (`{:.1}` writes `-0.0` for `-0.04`). `NaN` and the
/// infinities read as [`shortest`] writes them.
pub fn fixed(x: f64, decimals: u32) -> String {
    if !x.is_finite() {
        return shortest(x);
    }
    let decimals = decimals.min(9);
    let scale = 10f64.powi(decimals as i32);
    // `round` takes ties away from zero; `+ 0.0` turns a negative zero into zero.
    let rounded = (x * scale).round() / scale + 0.0;
    format!("{rounded:.prec$}", prec = decimals as usize)
}

/// The shortest text that reads back as exactly `x`, laid out as JavaScript's `String(x)`
/// (ECMAScript `Number::toString`): plain digits from 1e-6 up to 1e21, exponent notation with
/// a signed exponent outside (`1e-7`, `1.5e+21`), `0` for both zeros, and `NaN`, `Infinity`,
/// `-Infinity`. Rust's `{}` has the same digits but never uses an exponent, and `{:e}` always
/// does; links and scenario files were written by the browser, so their numbers keep its
/// layout.
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
    if (1e-6..1e21).contains(&x.abs()) {
        return format!("{x}");
    }
    let sci = format!("{x:e}");
    match sci.split_once('e') {
        Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
        _ => sci,
    }
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
            assert_eq!(decimal(t), Some(x), "{t}");
        }
    }

    #[test]
    fn fixed_decimals() {
        for (x, d, t) in [
            (0.0, 1, "0.0"),
            (12.34, 1, "12.3"),
            (2.25, 1, "2.3"),
            (12.5, 0, "13"),
            (-0.04, 1, "0.0"),
            (-1.5, 0, "-2"),
            (99.96, 1, "100.0"),
            (0.05, 2, "0.05"),
            (1234.5678, 3, "1234.568"),
            (7.0, 0, "7"),
        ] {
            assert_eq!(fixed(x, d), t, "{x} with {d}");
        }
        assert_eq!(fixed(f64::NAN, 1), "NaN");
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
            (-0.0, "0"),
            (1.0, "1"),
            (-3.5, "-3.5"),
            (0.1, "0.1"),
            (123456.789, "123456.789"),
            (1e20, "100000000000000000000"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (-2.5e300, "-2.5e+300"),
            (0.000001, "0.000001"),
            (9.5e-7, "9.5e-7"),
            (1e-7, "1e-7"),
            (-2.5e-8, "-2.5e-8"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(shortest(x), t);
        }
    }

    #[test]
    fn refuses_everything_else() {
        for t in [
            "", " 1", "1 ", ".", "-", "e5", "1e", "1e+", "inf", "NaN", "0x10", "1,5", "1e400",
            "--1", "1.2.3", "infinity", "-inf",
        ] {
            assert_eq!(parse_f64(t), None, "{t:?}");
        }
        assert_eq!(decimal("-1e400"), Some(f64::NEG_INFINITY));
        for t in ["1e", "inf", "-Infinity", "NaN", ""] {
            assert_eq!(decimal(t), None, "{t:?}");
        }
    }
}
