//! Substring search and replacement for the few short patterns the interface fills in.
//!
//! `str::find`, `split` and `replace` with a `&str` pattern bring in core's Two-Way searcher,
//! 3.5 KB of wasm built for long haystacks. The texts here are a few hundred bytes, so a plain
//! scan does the same job in a fraction of the code.

/// Byte offset of the first `needle` in `hay`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    (0..=hay.len().checked_sub(needle.len())?).find(|&i| hay[i..].starts_with(needle))
}

/// Byte offset of the last `needle` in `hay`.
pub fn rfind(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    (0..=hay.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| hay[i..].starts_with(needle))
}

/// `hay` with every `from` replaced by `to` (left to right, without overlaps).
pub fn replace(hay: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(hay.len());
    let mut rest = hay;
    while let Some(i) = find(rest, from).filter(|_| !from.is_empty()) {
        out.push_str(&rest[..i]);
        out.push_str(to);
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library() {
        let hays = [
            "",
            "a",
            "k = 2 and k = 3",
            "aaa",
            "节点 = 4 = ",
            "x{k}y{k}",
            "===",
        ];
        let needles = ["", "a", " = ", "aa", "{k}", "=", "节点", "zz"];
        for hay in hays {
            for needle in needles {
                assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
                assert_eq!(rfind(hay, needle), hay.rfind(needle), "{hay:?} {needle:?}");
                if !needle.is_empty() {
                    assert_eq!(replace(hay, needle, "<>"), hay.replace(needle, "<>"));
                }
            }
        }
        assert_eq!(
            replace("abc", "", "-"),
            "abc",
            "an empty pattern changes nothing"
        );
    }
}
