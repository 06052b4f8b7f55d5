//! Lessons: one ready scenario per topic of the seed article, with a short explanation in
//! English and Simplified Chinese.
//!
//! A lesson is data: a scenario builder (config, seed, action log, round to open at), the view
//! to show it with, its texts as (English, Chinese) pairs, the labels of its variants (the
//! buttons that load the same seed another way), and the comparison its card shows. Nothing
//! here touches the DOM, so the catalogue and the comparisons are tested natively; the card
//! and the picker live in `crate::components::lessons`.

use gossip_engine::{Config, Scenario};

use crate::view::View;

mod catalogue;
pub mod compare;
pub mod scenarios;
#[cfg(test)]
mod stories;
pub mod study;
mod texts;
pub mod ui;

pub use catalogue::LESSONS;

/// The lessons' texts are interface texts like any other: (English, Simplified Chinese).
pub use crate::i18n::Text;

/// The comparison a lesson's card shows next to its explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// Nothing beyond the text.
    None,
    /// Theory rounds-to-full and expected-informed curves of push, pull and push-pull.
    ModeCurves,
    /// Measured rounds against log2 N + ln N for N = 10 … 10,000.
    LogTable,
    /// Measured residue of the four loss-of-interest variants against the equation.
    ResidueTable,
    /// Digest and payload bytes per round, incremental against full sync.
    Bytes,
    /// Rounds, messages and cross-group messages, hierarchical against flat.
    Hierarchy,
    /// Rounds × adaptive interval = seconds, for N = 10 … 10,000.
    Interval,
}

/// One lesson.
#[derive(Clone, Copy, Debug)]
pub struct Lesson {
    /// Short stable name (for file names and tests).
    pub slug: &'static str,
    /// Title, in the picker and on the card.
    pub title: Text,
    /// The explanation, one paragraph each.
    pub body: &'static [Text],
    /// What to watch for.
    pub watch: Text,
    /// What to try next.
    pub next: Text,
    /// Labels of the variants the card offers as buttons (empty: one scenario only).
    pub variants: &'static [Text],
    /// The variant the picker loads.
    pub default_variant: usize,
    /// The comparison shown on the card.
    pub panel: Panel,
    /// The scenario of a variant (indices past the last give the last).
    pub scenario: fn(usize) -> Scenario,
    /// How to show it.
    pub view: fn(usize) -> View,
}

impl Panel {
    /// The seeded study the panel shows as a table, if it is one.
    pub fn study(self) -> Option<study::StudyKind> {
        match self {
            Panel::LogTable => Some(study::StudyKind::LogN),
            Panel::ResidueTable => Some(study::StudyKind::Residue),
            Panel::Interval => Some(study::StudyKind::Interval),
            _ => None,
        }
    }
}

impl Lesson {
    /// Scenario and view of the default variant: what the picker loads.
    pub fn opening(&self) -> (Scenario, View) {
        self.load(self.default_variant)
    }

    /// Scenario and view of `variant`.
    pub fn load(&self, variant: usize) -> (Scenario, View) {
        ((self.scenario)(variant), (self.view)(variant))
    }

    /// Number of scenarios (1 when the lesson has no variants).
    pub fn variant_count(&self) -> usize {
        self.variants.len().max(1)
    }

    /// Which variant runs `config`, if any (the user may have changed the configuration).
    pub fn variant_of(&self, config: &Config) -> Option<usize> {
        (0..self.variant_count()).find(|&v| (self.scenario)(v).config == *config)
    }
}

/// `n` with a comma every three digits (1,000), as in both languages' texts.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `text` with no line break around " = " (so that "N = 10,000" stays on one line).
pub fn tidy(text: &str) -> String {
    text.replace(" = ", "\u{a0}=\u{a0}")
}

/// `text` with each `{key}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = text.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use gossip_engine::Timeline;

    use super::*;
    use crate::i18n::Lang;
    use crate::view::MAX_UI_NODES;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_variant_validates_and_replays() {
        for (i, l) in LESSONS.iter().enumerate() {
            assert!(l.default_variant < l.variant_count(), "lesson {i}");
            for v in 0..l.variant_count() {
                let (s, _) = l.load(v);
                s.validate()
                    .unwrap_or_else(|e| panic!("lesson {i} variant {v}: {e}"));
                assert!(s.config.nodes <= MAX_UI_NODES, "lesson {i}: drawable");
                let t = Timeline::from_scenario(&s)
                    .unwrap_or_else(|e| panic!("lesson {i} variant {v} replays: {e}"));
                assert_eq!(t.round(), s.round, "lesson {i} opens at its round");
                assert_eq!(
                    l.variant_of(&s.config),
                    Some(v),
                    "lesson {i}: variant {v} is recognised from its config"
                );
            }
        }
    }

    #[test]
    fn formatting_helpers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(
            fill(
                "{r} rounds, {r} again, N = {n}",
                &[("r", "7".into()), ("n", "9".into())]
            ),
            "7 rounds, 7 again, N = 9"
        );
        assert_eq!(Text("a", "甲").get(Lang::Zh), "甲");
        assert_eq!(tidy("set k = 3"), "set k\u{a0}=\u{a0}3");
        assert_eq!(ui::WATCH.get(Lang::En), "Watch for");
    }

    #[test]
    fn variants_of_a_lesson_share_the_seed() {
        for l in &LESSONS {
            let seeds: Vec<u64> = (0..l.variant_count()).map(|v| l.load(v).0.seed).collect();
            assert!(seeds.windows(2).all(|w| w[0] == w[1]), "{}", l.slug);
        }
    }

    #[test]
    fn texts_exist_in_both_languages() {
        for l in &LESSONS {
            let mut all = vec![l.title, l.watch, l.next];
            all.extend_from_slice(l.body);
            assert!(!l.body.is_empty(), "{}: an explanation", l.slug);
            for t in all {
                assert!(!t.0.trim().is_empty(), "{}: English text", l.slug);
                assert!(has_cjk(t.1), "{}: Chinese text for “{}”", l.slug, t.0);
                assert!(!has_cjk(t.0), "{}: no Chinese in “{}”", l.slug, t.0);
            }
        }
        let slugs: std::collections::BTreeSet<_> = LESSONS.iter().map(|l| l.slug).collect();
        assert_eq!(slugs.len(), LESSONS.len(), "slugs are unique");
    }
}
