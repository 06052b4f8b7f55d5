//! The two number rules of this app that the standard library does not already give.
//! Everything else reads numbers with `str::parse::<f64>` and writes them with `format!`.
//! - [`parse_f64`]: typed-in numbers must be finite;
//! - [`fixed`]: numbers that people read round half away from zero and never read `-0`.

/// `text` as a finite number: `str::parse::<f64>`, refusing what it would read as infinite or
/// NaN (`inf`, `NaN`, `1e400`). A form field has no use for those.
pub fn parse_f64(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// `x` with exactly `decimals` digits after the point, for people to read: rounded half away
/// from zero (`fixed(2.25, 1)` is `"2.3"` and `fixed(12.5, 0)` is `"13"`, as a school, a
/// spreadsheet and JavaScript's `toFixed` round; `{:.1}` rounds ties to even), and a value that
/// rounds to zero is `0`, never `-0` (`{:.1}` writes `-0.0` for `-0.04`).
pub fn fixed(x: f64, decimals: u32) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let decimals = decimals.min(9);
    let scale = 10f64.powi(decimals as i32);
    // `round` takes ties away from zero; `+ 0.0` turns a negative zero into zero.
    let rounded = (x * scale).round() / scale + 0.0;
    format!("{rounded:.prec$}", prec = decimals as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finite_numbers_only() {
        for (t, x) in [("0", 0.0), ("-0.5", -0.5), (".25", 0.25), ("1e3", 1000.0)] {
            assert_eq!(parse_f64(t), Some(x), "{t}");
        }
        for t in ["", " 1", "inf", "NaN", "1e400", "-inf", "0x10", "1,5"] {
            assert_eq!(parse_f64(t), None, "{t:?}");
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
}
