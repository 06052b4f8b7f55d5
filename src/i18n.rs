//! Languages: English and Simplified Chinese for every visible string.
//!
//! Components read the language from a Yew context ([`use_lang`]) and translate with [`tr`],
//! whose key is the English text itself: English needs no table, and a missing Chinese entry
//! falls back to English instead of showing a key.

use yew::prelude::*;

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese (简体中文).
    Zh,
}

impl Lang {
    /// BCP 47 tag, for `<html lang>` and links.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Parses `en`, `zh`, `zh-CN`, `zh-Hans`... (case-insensitive); `None` otherwise.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s == "en" || s.starts_with("en-") {
            Some(Lang::En)
        } else if s == "zh" || s.starts_with("zh-") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    /// The browser's preferred language among ours (English if none matches).
    pub fn from_browser() -> Lang {
        let langs = web_sys::window()
            .map(|w| w.navigator().languages())
            .map(|a| a.to_vec())
            .unwrap_or_default();
        langs
            .iter()
            .filter_map(|v| v.as_string())
            .find_map(|s| Lang::parse(&s))
            .unwrap_or_default()
    }
}

/// The language in force (from the context the app provides).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Translates an English interface string.
pub fn tr(lang: Lang, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh(en).unwrap_or(en),
    }
}

/// The Chinese table.
fn zh(en: &str) -> Option<&'static str> {
    Some(match en {
        "Gossip Playground" => "Gossip 演练场",
        _ => return None,
    })
}
