//! Markup as text, for the parts of the panels that nobody clicks: an SVG figure or a table
//! written into one `String` and mounted as raw HTML costs far less code than the same tree
//! built by `html!`, which inlines the construction of every element and attribute.
//!
//! A raw node is replaced whole when its text changes, so nothing written here may need to
//! survive a render: no listener, no focus, no pointer target (a click whose target was
//! replaced between press and release never fires).

use std::fmt;

use yew::{AttrValue, Html};

/// Text escaped for markup: element content or a double-quoted attribute value.
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let mut from = 0;
        for (i, b) in s.bytes().enumerate() {
            let entity = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => continue,
            };
            f.write_str(&s[from..i])?;
            f.write_str(entity)?;
            from = i + 1;
        }
        f.write_str(&s[from..])
    }
}

/// Mounts `markup` as raw nodes. A root `<svg>` must be part of the text (the HTML parser then
/// puts its children in the SVG namespace), unless the raw node's parent is itself an SVG
/// element.
pub fn raw(markup: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(markup))
}

/// ` class="on"` when `on`, else nothing: the highlight of the row or column on screen.
pub fn on(on: bool) -> &'static str {
    if on { " class=\"on\"" } else { "" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            Esc("a & <b> \"c\"").to_string(),
            "a &amp; &lt;b&gt; &quot;c&quot;"
        );
        assert_eq!(Esc("log₂N ≈ 9.6").to_string(), "log₂N ≈ 9.6");
        assert_eq!(Esc("").to_string(), "");
    }
}
