//! Languages: English and Simplified Chinese for every visible string.
//!
//! The language lives in the app state and reaches each panel as an argument or a prop (not a
//! Yew context, whose provider and consumers cost more code than passing one byte around).
//! Panels translate with [`tr!`], whose key is the English text itself: English needs no table,
//! and a text missing from the Chinese catalogue stops the build (see [`t`]).

mod catalogue;
mod errors;
mod labels;
pub mod link;
mod notice;

pub use crate::lang::Lang;
use catalogue::CATALOGUE;
pub use errors::{engine_error, field_problem};
pub use labels::*;
pub use notice::{done_text, notice_text};

/// An interface text in both languages: (English, Simplified Chinese).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text(pub &'static str, pub &'static str);

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.0,
            Lang::Zh => self.1,
        }
    }
}

/// `tr!(lang, "English text")`: that interface text in `lang`.
///
/// The Chinese is looked up in [`CATALOGUE`] while compiling (a `const` block), so the page
/// carries neither a table nor lookup code, only the two texts of each place that shows one.
macro_rules! tr {
    ($lang:expr, $en:expr) => {
        $crate::i18n::text!($en).get($lang)
    };
}
pub(crate) use tr;

/// `text!("English text")`: that interface text in both languages, as a [`Text`] made while
/// compiling; for texts chosen at run time (`if`, tables of buttons), translated later.
macro_rules! text {
    ($en:expr) => {
        const { $crate::i18n::t($en) }
    };
}
pub(crate) use text;

/// The words for node and message states (the engine's `name()`s), so that a state found at
/// run time can be shown in either language.
const STATES: [Text; 9] = [
    t("unaware"),
    t("fresh"),
    t("stale"),
    t("dead"),
    t("alive"),
    t("failed"),
    t("forgotten"),
    t("unknown"),
    t("informed"),
];

/// The state called `name` in English (the name itself if it is not a known state).
pub fn state_text(name: &'static str) -> Text {
    STATES
        .iter()
        .copied()
        .find(|s| s.0 == name)
        .unwrap_or(Text(name, name))
}

/// The text whose English is `en`, with its Chinese from [`CATALOGUE`]. Meant for `const`
/// contexts ([`tr!`], [`text!`], tables of labels), where a text missing from the catalogue,
/// a typo included, stops the build instead of showing English to Chinese readers.
pub const fn t(en: &'static str) -> Text {
    let mut i = 0;
    while i < CATALOGUE.len() {
        if same(CATALOGUE[i].0, en) {
            return Text(en, CATALOGUE[i].1);
        }
        i += 1;
    }
    panic!("an interface text has no entry in i18n::CATALOGUE (use `neutral` if it needs none)")
}

/// A text written the same in both languages: keys, symbols, variable names (`k`, `t_avg`),
/// the names of people.
pub const fn neutral(s: &'static str) -> Text {
    Text(s, s)
}

/// String equality usable in `const fn`.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_the_key() {
        assert_eq!(tr!(Lang::En, "Summary"), "Summary");
        assert_eq!(tr!(Lang::Zh, "Summary"), "概要");
        assert_eq!(neutral("t_avg").get(Lang::Zh), "t_avg");
        assert_eq!(state_text("stale").get(Lang::Zh), "陈旧");
        assert_eq!(round_label(Lang::En, 1), "round 1");
        assert_eq!(round_label(Lang::Zh, 1), "第 1 轮");
        assert_eq!(count_label(Lang::En, "fresh", 1), "fresh 1");
        assert_eq!(count_label(Lang::Zh, "fresh", 1), "新鲜 1");
    }

    #[test]
    #[should_panic(expected = "no entry in i18n::CATALOGUE")]
    fn a_text_missing_from_the_catalogue_is_refused() {
        // At run time a panic; in `tr!` and `text!` (a `const` block) the build stops.
        let _ = t("no such string");
    }

    #[test]
    fn every_chinese_entry_is_chinese() {
        // A sample of keys from each component, so a typo in a key shows up here.
        for key in [
            "Apply & restart",
            "Step ▶",
            "What just happened",
            "fresh: spreading",
            "Message table",
            "play / pause",
            "messages per round",
        ] {
            assert_ne!(t(key).get(Lang::Zh), key, "{key} has no Chinese");
        }
    }
}
