//! Labels of the lesson card's fixed parts and of its panels: (English, Simplified Chinese).
//! One table of data.

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

/// Modes panel: caption of the curves. Iterated on the expectation, the one-round recurrence
/// runs above the mean of real runs (Jensen), hence "approximation".
pub const CURVES: Text = Text(
    "Mean-field approximation (exact for one round): share informed per round, N = {n}, fanout {f}",
    "平均场近似（单轮精确）：每轮已知晓比例，N = {n}，扇出 {f}",
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
pub const COL_EQUATION: Text = Text(
    "Demers' equation (continuous time)",
    "Demers 方程（连续时间）",
);
/// Residue table: what the equation models (followed by the formula). The lesson's text says
/// how far synchronous rounds fall below it (engine/tests/statistical/rumor.rs: about 15%).
pub const EQUATION: Text = Text(
    "Demers' equation (push, feedback + coin, large N):",
    "Demers 方程（推模式、反馈式 + 抛硬币、大集群）：",
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
