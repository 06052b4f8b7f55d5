//! The languages of the interface. Everything that names a language (links, the state, the
//! texts) imports this small module, never the catalogue in `i18n`.

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
    /// Every language, in the order the switch lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language's own name, as the switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

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
