//! The real-systems page's link: `#v=2&sys=swim&s=…&t=…`.
//!
//! `s` is the scenario as JSON (the same text as a scenario file), base64url-encoded so it
//! survives any chat client; `t`, in seconds, opens the run at that moment (an embed's "at
//! second 12"), and wins over the scenario's own tick. `embed=1` hides the controls.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::lessons::SWIM_LESSONS;
use super::scenario::{ScenarioProblem, SwimScenario};

/// Links longer than this are refused unread (the player's limit too).
pub const MAX_LINK_BYTES: usize = 1 << 20;

/// What a link opens.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The run.
    pub scenario: SwimScenario,
    /// The lesson whose card is shown, and which of its variants (`lesson=SLUG&variant=I`).
    pub lesson: Option<(usize, usize)>,
    /// Hide the controls (an iframe in an article).
    pub embed: bool,
}

/// Why a link could not be opened; the page keeps what it shows and says this.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkProblem {
    /// Over [`MAX_LINK_BYTES`].
    TooLong(usize),
    /// Not a real-systems link (`sys=` missing or another system).
    NotSwim,
    /// `s=` is not base64url.
    NotBase64,
    /// The JSON inside does not describe a SWIM run (serde_json's words).
    NotAScenario(String),
    /// `t=` is not a number of seconds.
    BadTime(String),
    /// `lesson=` names no lesson, or `variant=` none of its variants.
    NoSuchLesson(String),
    /// The scenario is well-formed but cannot run.
    OutOfRange(ScenarioProblem),
}

impl std::fmt::Display for LinkProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkProblem::TooLong(n) => write!(f, "the link is {n} bytes, over the 1 MB limit"),
            LinkProblem::NotSwim => write!(f, "the link has no sys=swim"),
            LinkProblem::NotBase64 => write!(f, "s= is not base64url text"),
            LinkProblem::NotAScenario(e) => write!(f, "s= is not a SWIM scenario ({e})"),
            LinkProblem::BadTime(t) => write!(f, "t={t} is not a number of seconds"),
            LinkProblem::NoSuchLesson(l) => write!(f, "there is no lesson {l}"),
            LinkProblem::OutOfRange(e) => write!(f, "{e:?}"),
        }
    }
}

/// The fragment (without `#`) for `scenario`, opening at its `at`, with a lesson's card.
pub fn encode(scenario: &SwimScenario, lesson: Option<(usize, usize)>, embed: bool) -> String {
    let json = serde_json::to_string(scenario).expect("a scenario always serialises");
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("v", "2")
        .append_pair("sys", "swim")
        .append_pair("s", &URL_SAFE_NO_PAD.encode(json));
    if let Some(l) = lesson.and_then(|(l, v)| Some((SWIM_LESSONS.get(l)?, v))) {
        out.append_pair("lesson", l.0.slug)
            .append_pair("variant", &l.1.to_string());
    }
    if embed {
        out.append_pair("embed", "1");
    }
    out.finish()
}

/// Reads a fragment or query (with or without its leading `#` or `?`). `Ok(None)`: not a
/// link at all (an empty fragment), so the page opens its default.
pub fn decode(text: &str) -> Result<Option<Opened>, LinkProblem> {
    if text.len() > MAX_LINK_BYTES {
        return Err(LinkProblem::TooLong(text.len()));
    }
    let text = text.trim_start_matches(['#', '?']);
    if text.is_empty() {
        return Ok(None);
    }
    let (mut sys, mut s, mut t, mut embed) = (None, None, None, false);
    let (mut lesson, mut variant) = (None, None);
    for (k, v) in form_urlencoded::parse(text.as_bytes()) {
        match &*k {
            "sys" => sys = Some(v.into_owned()),
            "s" => s = Some(v.into_owned()),
            "t" => t = Some(v.into_owned()),
            "embed" => embed = v == "1",
            "lesson" => lesson = Some(v.into_owned()),
            "variant" => variant = Some(v.into_owned()),
            _ => {}
        }
    }
    if sys.as_deref() != Some("swim") {
        return Err(LinkProblem::NotSwim);
    }
    let lesson = match lesson {
        None => None,
        Some(slug) => {
            let v = variant.as_deref().unwrap_or("0");
            let found = SWIM_LESSONS.iter().position(|l| l.slug == slug);
            match (found, v.parse::<usize>().ok()) {
                (Some(l), Some(i)) if i < SWIM_LESSONS[l].variants.len() => Some((l, i)),
                _ => return Err(LinkProblem::NoSuchLesson(format!("{slug} (variant {v})"))),
            }
        }
    };
    let mut scenario: SwimScenario = match (s, lesson) {
        // A lesson link without a run opens the lesson's own scenario.
        (None, Some((l, v))) => (SWIM_LESSONS[l].variants[v].1)(),
        (s, _) => {
            let bytes = URL_SAFE_NO_PAD
                .decode(s.unwrap_or_default().trim_end_matches('='))
                .map_err(|_| LinkProblem::NotBase64)?;
            serde_json::from_slice(&bytes).map_err(|e| LinkProblem::NotAScenario(e.to_string()))?
        }
    };
    if let Some(t) = t {
        let secs = crate::num::parse_f64(&t)
            .filter(|s| *s >= 0.0)
            .ok_or(LinkProblem::BadTime(t))?;
        scenario.at = (secs * 1000.0 / f64::from(scenario.config.tick_ms.max(1))).round() as u32;
    }
    scenario.check().map_err(LinkProblem::OutOfRange)?;
    Ok(Some(Opened {
        scenario,
        lesson,
        embed,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gossip_engine::swim::{Preset, SwimCommand};

    fn sample() -> SwimScenario {
        let mut s = SwimScenario::preset(Preset::ConsulWan, 40, 99);
        s.push(
            12,
            SwimCommand::Slow {
                node: 3,
                ms: 5000,
                extra_ms: 800,
            },
        );
        s.at = 30;
        s
    }

    #[test]
    fn a_link_opens_the_run_it_was_made_from() {
        let link = encode(&sample(), None, true);
        assert!(link.starts_with("v=2&sys=swim&s="), "{link}");
        let o = decode(&format!("#{link}")).unwrap().unwrap();
        assert_eq!(o.scenario, sample());
        assert!(o.embed);
    }

    #[test]
    fn a_lesson_link_opens_its_variant_with_the_card() {
        let slug = SWIM_LESSONS[0].slug;
        let o = decode(&format!("v=2&sys=swim&lesson={slug}&variant=1"))
            .unwrap()
            .unwrap();
        assert_eq!(o.lesson, Some((0, 1)));
        assert_eq!(o.scenario, (SWIM_LESSONS[0].variants[1].1)());
        let back = decode(&encode(&o.scenario, o.lesson, false))
            .unwrap()
            .unwrap();
        assert_eq!(back.lesson, Some((0, 1)));
        assert!(matches!(
            decode(&format!("v=2&sys=swim&lesson={slug}&variant=99")),
            Err(LinkProblem::NoSuchLesson(_))
        ));
    }

    #[test]
    fn t_opens_at_a_second() {
        let link = format!("{}&t=12.5", encode(&sample(), None, false));
        let o = decode(&link).unwrap().unwrap();
        assert_eq!(o.scenario.at, 125);
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        assert_eq!(decode(""), Ok(None));
        assert_eq!(decode("#v=2&sys=raft&s=x"), Err(LinkProblem::NotSwim));
        assert_eq!(decode("#sys=swim&s=***"), Err(LinkProblem::NotBase64));
        let bad = URL_SAFE_NO_PAD.encode(r#"{"preset":"consul-lan"}"#);
        assert!(matches!(
            decode(&format!("sys=swim&s={bad}")),
            Err(LinkProblem::NotAScenario(_))
        ));
        let ok = encode(&sample(), None, false);
        assert_eq!(
            decode(&format!("{ok}&t=soon")),
            Err(LinkProblem::BadTime("soon".into()))
        );
        let mut huge = sample();
        huge.config.nodes = 5000;
        assert!(matches!(
            decode(&encode(&huge, None, false)),
            Err(LinkProblem::OutOfRange(_))
        ));
        assert!(matches!(
            decode(&"x".repeat(MAX_LINK_BYTES + 1)),
            Err(LinkProblem::TooLong(_))
        ));
    }
}
