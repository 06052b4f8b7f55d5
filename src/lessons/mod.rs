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

pub mod compare;
pub mod scenarios;
mod texts;

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
    pub fn study(self) -> Option<compare::StudyKind> {
        match self {
            Panel::LogTable => Some(compare::StudyKind::LogN),
            Panel::ResidueTable => Some(compare::StudyKind::Residue),
            Panel::Interval => Some(compare::StudyKind::Interval),
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

/// The catalogue, in the order of the article.
pub static LESSONS: [Lesson; 9] = [
    Lesson {
        slug: "rumor",
        title: texts::RUMOR_TITLE,
        body: texts::RUMOR_BODY,
        watch: texts::RUMOR_WATCH,
        next: texts::RUMOR_NEXT,
        variants: &[],
        default_variant: 0,
        panel: Panel::None,
        scenario: scenarios::rumor,
        view: scenarios::rumor_view,
    },
    Lesson {
        slug: "modes",
        title: texts::MODES_TITLE,
        body: texts::MODES_BODY,
        watch: texts::MODES_WATCH,
        next: texts::MODES_NEXT,
        variants: texts::MODES_VARIANTS,
        default_variant: 0,
        panel: Panel::ModeCurves,
        scenario: scenarios::modes,
        view: scenarios::message_view,
    },
    Lesson {
        slug: "log-n",
        title: texts::LOG_TITLE,
        body: texts::LOG_BODY,
        watch: texts::LOG_WATCH,
        next: texts::LOG_NEXT,
        variants: texts::SIZE_VARIANTS,
        default_variant: 1,
        panel: Panel::LogTable,
        scenario: scenarios::log_n,
        view: scenarios::sized_view,
    },
    Lesson {
        slug: "residue",
        title: texts::RESIDUE_TITLE,
        body: texts::RESIDUE_BODY,
        watch: texts::RESIDUE_WATCH,
        next: texts::RESIDUE_NEXT,
        variants: texts::RESIDUE_VARIANTS,
        default_variant: 1,
        panel: Panel::ResidueTable,
        scenario: scenarios::residue,
        view: scenarios::sized_view,
    },
    Lesson {
        slug: "heartbeat",
        title: texts::HEARTBEAT_TITLE,
        body: texts::HEARTBEAT_BODY,
        watch: texts::HEARTBEAT_WATCH,
        next: texts::HEARTBEAT_NEXT,
        variants: &[],
        default_variant: 0,
        panel: Panel::None,
        scenario: scenarios::heartbeat,
        view: scenarios::heartbeat_view,
    },
    Lesson {
        slug: "faults",
        title: texts::FAULTS_TITLE,
        body: texts::FAULTS_BODY,
        watch: texts::FAULTS_WATCH,
        next: texts::FAULTS_NEXT,
        variants: &[],
        default_variant: 0,
        panel: Panel::None,
        scenario: scenarios::faults,
        view: scenarios::message_view,
    },
    Lesson {
        slug: "sync",
        title: texts::SYNC_TITLE,
        body: texts::SYNC_BODY,
        watch: texts::SYNC_WATCH,
        next: texts::SYNC_NEXT,
        variants: texts::SYNC_VARIANTS,
        default_variant: 0,
        panel: Panel::Bytes,
        scenario: scenarios::sync,
        view: scenarios::message_view,
    },
    Lesson {
        slug: "hierarchy",
        title: texts::HIERARCHY_TITLE,
        body: texts::HIERARCHY_BODY,
        watch: texts::HIERARCHY_WATCH,
        next: texts::HIERARCHY_NEXT,
        variants: texts::HIERARCHY_VARIANTS,
        default_variant: 0,
        panel: Panel::Hierarchy,
        scenario: scenarios::hierarchy,
        view: scenarios::hierarchy_view,
    },
    Lesson {
        slug: "interval",
        title: texts::INTERVAL_TITLE,
        body: texts::INTERVAL_BODY,
        watch: texts::INTERVAL_WATCH,
        next: texts::INTERVAL_NEXT,
        variants: texts::SIZE_VARIANTS,
        default_variant: 2,
        panel: Panel::Interval,
        scenario: scenarios::interval,
        view: scenarios::sized_view,
    },
];

/// Labels of the card's fixed parts.
pub mod ui {
    use super::Text;

    /// The picker's accessible name.
    pub const LESSONS: Text = Text("Lessons", "课程");
    /// The picker's first option, shown when no lesson is open.
    pub const PICK: Text = Text("Lessons…", "课程…");
    /// Heading of "what to watch for".
    pub const WATCH: Text = Text("Watch for", "注意观察");
    /// Heading of "what to try next".
    pub const NEXT: Text = Text("Try next", "接下来试试");
    /// Close button.
    pub const CLOSE: Text = Text("Close the lesson", "关闭课程");
    /// Restart button.
    pub const RESTART: Text = Text("Restart", "重新开始");
    /// Restart button's description.
    pub const RESTART_TITLE: Text = Text(
        "Load this lesson's scenario again, at its first round",
        "重新载入本课的场景，回到起始轮次",
    );
    /// Previous lesson.
    pub const PREV: Text = Text("← Previous", "← 上一课");
    /// Next lesson.
    pub const FOLLOWING: Text = Text("Next →", "下一课 →");
    /// Lesson k of n.
    pub const COUNTER: Text = Text("Lesson {k} of {n}", "第 {k} 课，共 {n} 课");
    /// Variant buttons' group name.
    pub const VARIANTS: Text = Text("Load a variant (same seed)", "载入变体（同一种子）");
    /// A table cell still being computed.
    pub const COMPUTING: Text = Text("computing…", "计算中…");

    /// Modes panel: caption of the curves.
    pub const CURVES: Text = Text(
        "Expected share informed per round (theory, N = {n}, fanout {f})",
        "每轮已知晓比例的期望值（理论，N = {n}，扇出 {f}）",
    );
    /// Modes panel: rounds to full.
    pub const TO_FULL: Text = Text("{r} rounds to full", "{r} 轮全覆盖");
    /// Modes panel: x axis.
    pub const ROUND_AXIS: Text = Text("round", "轮次");

    /// Tables: the cluster size column.
    pub const COL_N: Text = Text("N", "N");
    /// Tables: measured rounds.
    pub const COL_ROUNDS: Text = Text("measured rounds", "实测轮数");
    /// Tables: the theory column of the O(log N) table.
    pub const COL_LOG: Text = Text("log₂ N + ln N", "log₂ N + ln N");
    /// O(log N) table caption.
    pub const LOG_CAPTION: Text = Text(
        "Anti-entropy push, fanout 1: mean (range) of {s} seeds per N",
        "反熵推模式，扇出 1：每个 N 取 {s} 个种子的平均值（范围）",
    );
    /// Residue table: variant column.
    pub const COL_VARIANT: Text = Text("loss of interest", "失去兴趣方式");
    /// Residue table: residue column.
    pub const COL_RESIDUE: Text = Text("residue", "残留率");
    /// Residue table: traffic column.
    pub const COL_TRAFFIC: Text = Text("traffic", "流量");
    /// Residue table caption.
    pub const RESIDUE_CAPTION: Text = Text(
        "Rumor push, N = {n}, k = {k}: mean of {s} seeds. Traffic: messages per node.",
        "谣言推模式，N = {n}，k = {k}：{s} 个种子的平均值。流量：每节点消息数。",
    );
    /// Residue table: the equation's column.
    pub const COL_EQUATION: Text = Text("equation", "方程");
    /// Residue table: what the equation models (followed by the formula).
    pub const EQUATION: Text = Text(
        "The equation (push, feedback + coin, large N):",
        "方程（推模式、反馈 + 抛硬币、大集群）：",
    );
    /// Interval table: interval column.
    pub const COL_INTERVAL: Text = Text("interval", "间隔");
    /// Interval table: seconds column.
    pub const COL_SECONDS: Text = Text("seconds", "秒数");
    /// Interval table caption.
    pub const INTERVAL_CAPTION: Text = Text(
        "Anti-entropy push-pull, fanout 1, mean of {s} seeds; interval = min(10, 1 + ln N) s",
        "反熵推拉，扇出 1，{s} 个种子的平均值；间隔 = min(10, 1 + ln N) 秒",
    );
    /// Seconds unit.
    pub const SECONDS: Text = Text("{x} s", "{x} 秒");

    /// Bytes panel caption.
    pub const BYTES_CAPTION: Text = Text(
        "Bytes per round, same seed: left bar incremental, right (faded) bar full",
        "每轮字节数（同一种子）：左柱为增量同步，右侧淡色柱为全量同步",
    );
    /// Bytes panel: digests column (short).
    pub const COL_DIGESTS: Text = Text("digests", "摘要");
    /// Bytes panel: payload column (short).
    pub const COL_PAYLOAD: Text = Text("payload", "载荷");
    /// Bytes panel: digests.
    pub const DIGESTS: Text = Text("digests + headers", "摘要 + 消息头");
    /// Bytes panel: payload.
    pub const PAYLOAD: Text = Text("payload (values)", "载荷（值）");
    /// Bytes panel: totals caption.
    pub const BYTES_TOTAL: Text = Text("Rounds 1–{r}", "第 1–{r} 轮合计");
    /// Bytes panel: total column.
    pub const COL_TOTAL: Text = Text("total", "合计");

    /// Hierarchy panel: rounds row.
    pub const ROW_ROUNDS: Text = Text("rounds to converge", "收敛轮数");
    /// Hierarchy panel: messages row.
    pub const ROW_MESSAGES: Text = Text("messages sent", "发送消息数");
    /// Hierarchy panel: crossing row.
    pub const ROW_CROSSING: Text = Text("messages across groups", "跨组消息数");
    /// Hierarchy panel: column of the hierarchical variant.
    pub const HIERARCHICAL: Text = Text("hierarchical", "分层");
    /// Hierarchy panel: column of the flat variant.
    pub const FLAT: Text = Text("flat", "扁平");
    /// Hierarchy panel caption.
    pub const HIERARCHY_CAPTION: Text = Text(
        "Same seed, run until every node holds the news",
        "同一种子，运行到所有节点都收到消息为止",
    );
    /// Not converged within the limit.
    pub const NEVER: Text = Text("not within {r}", "{r} 轮内未收敛");
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
    use crate::state::AppState;
    use crate::view::MAX_UI_NODES;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_variant_validates_replays_and_loads() {
        for (i, l) in LESSONS.iter().enumerate() {
            assert!(l.default_variant < l.variant_count(), "lesson {i}");
            for v in 0..l.variant_count() {
                let (s, view) = l.load(v);
                s.validate()
                    .unwrap_or_else(|e| panic!("lesson {i} variant {v}: {e}"));
                assert!(s.config.nodes <= MAX_UI_NODES, "lesson {i}: drawable");
                let t = Timeline::from_scenario(&s)
                    .unwrap_or_else(|e| panic!("lesson {i} variant {v} replays: {e}"));
                assert_eq!(t.round(), s.round, "lesson {i} opens at its round");
                let st = AppState::load(&s, &view)
                    .unwrap_or_else(|e| panic!("lesson {i} variant {v} loads: {e}"));
                assert_eq!(
                    st.view().selected,
                    view.selected,
                    "lesson {i}: selection kept"
                );
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
    fn texts_state_what_the_scenarios_do() {
        use gossip_engine::{Command, Protocol};

        use super::scenarios::*;
        let hb = heartbeat(0);
        assert_eq!(
            hb.config.protocol,
            Protocol::Membership {
                t_fail: 6,
                t_cleanup: 12
            }
        );
        assert_eq!(
            (hb.config.nodes, hb.config.fanout),
            (40, 2),
            "N = 40, fanout 2"
        );
        assert_eq!(hb.actions.len(), 1);
        assert_eq!(hb.actions[0].round, HEARTBEAT_KILL_ROUND);
        assert_eq!(
            hb.actions[0].command,
            Command::Kill {
                node: HEARTBEAT_VICTIM
            }
        );
        let said = format!("Node {HEARTBEAT_VICTIM} crashes at round {HEARTBEAT_KILL_ROUND}");
        assert!(texts::HEARTBEAT_BODY[1].0.contains(&said));
        assert!(texts::HEARTBEAT_BODY[1].1.contains("节点 13 在第 3 轮崩溃"));

        let f = faults(0);
        assert_eq!((f.config.nodes, f.config.loss), (60, 0.2));
        let rounds: Vec<(u32, &str)> = f
            .actions
            .iter()
            .map(|a| {
                let what = match &a.command {
                    Command::Inject { .. } => "inject",
                    Command::Partition { groups }
                        if groups == &vec![(0..30).collect::<Vec<_>>()] =>
                    {
                        "halves"
                    }
                    Command::Kill { node } if *node == FAULTS_VICTIM => "kill",
                    Command::Heal => "heal",
                    _ => "other",
                };
                (a.round, what)
            })
            .collect();
        assert_eq!(
            rounds,
            vec![(0, "inject"), (0, "halves"), (2, "kill"), (8, "heal")]
        );
        assert!(
            texts::FAULTS_BODY[0]
                .0
                .contains("Node 20 crashes at round 2")
        );
        assert!(texts::FAULTS_BODY[0].0.contains("heals at round 8"));

        let r = rumor(0);
        assert!(matches!(
            r.config.protocol,
            Protocol::Rumor { removal, .. } if removal.k == 2 && removal.kind().as_str() == "feedback-counter"
        ));
    }

    /// What the "watch for" texts promise happens in these exact runs.
    #[test]
    fn stories_told_by_the_texts_hold() {
        use gossip_engine::{Belief, Scenario};

        use super::scenarios::*;
        // Lesson 5: one early suspicion at round 6, withdrawn at round 7; from round 9 the
        // whole cluster detects node 13 within a few rounds, and forgets it later.
        let s = Scenario {
            round: 24,
            ..heartbeat(0)
        };
        let mut t = Timeline::from_scenario(&s).expect("replays");
        let mut count = |r: u32, what: fn(&Belief) -> bool| {
            t.seek(r);
            t.sim()
                .beliefs(HEARTBEAT_VICTIM)
                .iter()
                .filter(|b| what(b))
                .count()
        };
        let detected = |b: &Belief| matches!(b, Belief::Failed | Belief::Forgotten);
        let forgotten = |b: &Belief| matches!(b, Belief::Forgotten);
        assert_eq!(count(5, detected), 0);
        assert_eq!(count(6, detected), 1, "one early suspicion at round 6");
        assert_eq!(count(7, detected), 0, "withdrawn a round later");
        assert_eq!(count(8, detected), 0);
        assert_eq!(count(14, detected), 39, "everyone by round 14");
        assert_eq!(count(14, forgotten), 0);
        assert_eq!(count(20, forgotten), 39, "forgotten about six rounds later");

        // Lesson 6: the news stays in nodes 0–29 until the heal at round 8, then converges.
        let s = Scenario {
            round: 30,
            ..faults(0)
        };
        let mut t = Timeline::from_scenario(&s).expect("replays");
        let converged = t.sim().message(0).and_then(|m| m.converged_at);
        t.seek(8);
        assert!(
            (30..60).all(|n| t.sim().state(0, n) == gossip_engine::MessageState::Unaware),
            "the second half is unaware until the heal"
        );
        assert!(
            t.sim().counts(0).expect("m0").informed() > 10,
            "the first half spreads"
        );
        assert!(
            converged.is_some_and(|r| (9..=20).contains(&r)),
            "converges within a few rounds of the heal: {converged:?}"
        );

        // Lesson 1: the rumor dies out, leaving a residue.
        let s = Scenario {
            round: 60,
            ..rumor(0)
        };
        let t = Timeline::from_scenario(&s).expect("replays");
        let c = t.sim().counts(0).expect("m0");
        assert_eq!(c.fresh, 0, "the rumor died out");
        assert!(c.stale > 30, "most nodes heard it: {c:?}");

        // Lesson 7: once everyone agrees, incremental sync sends no payload after round 14.
        let inc = compare::traffic_per_round(&sync(0), 20);
        assert!(inc[14..].iter().all(|t| t.payload_bytes == 0));
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
