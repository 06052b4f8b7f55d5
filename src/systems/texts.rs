//! The real-systems page's words, as (English, Simplified Chinese) pairs. Protocol terms
//! keep memberlist's names (ping-req, `SuspicionMult`), with the Chinese gloss beside them.

use gossip_engine::swim::update::Update;
use gossip_engine::swim::{MemberState, PacketKind};

use super::link::LinkProblem;
use super::notice::Notice;
use super::scenario::{MAX_PAGE_NODES, ScenarioProblem};
use super::scene::Process;
use crate::i18n::Text;
use crate::i18n::engine_error;
use crate::lang::Lang;
use gossip_engine::swim::MAX_SWIM_NODES;

pub const TITLE: Text = Text(
    "Gossip Playground · real systems",
    "Gossip 演练场 · 真实系统",
);
pub const SUBTITLE: Text = Text(
    "SWIM with Lifeguard, as Consul and Serf run it (hashicorp/memberlist), in seconds",
    "SWIM 与 Lifeguard：Consul 和 Serf 的实际运行方式（hashicorp/memberlist），以秒计时",
);
pub const BACK: Text = Text("← Round-based playground", "← 按轮次的演练场");
pub const TO_STORES: Text = Text("Cassandra, Redis, Dynamo →", "Cassandra、Redis、Dynamo →");
pub const PRESETS: Text = Text("Preset", "预设");
pub const PRESET_TIP: Text = Text(
    "Loads memberlist's defaults for this configuration and restarts, keeping N and the seed",
    "载入该配置下 memberlist 的默认参数并重新开始，保留 N 和种子",
);
pub const PARAMETERS: Text = Text("Parameters", "参数");
pub const APPLY: Text = Text("Apply and restart", "应用并重新开始");
pub const NODES: Text = Text("Members N", "成员数 N");
pub const SEED: Text = Text("Seed", "种子");
pub const LIFEGUARD: Text = Text("Lifeguard", "Lifeguard");
pub const LOCAL_HEALTH: Text = Text("Local health awareness", "本地健康感知");
pub const DYNAMIC_SUSPICION: Text = Text("Dynamic suspicion timeout", "动态怀疑超时");
pub const BUDDY: Text = Text("Buddy system", "伙伴机制（buddy）");
pub const LOSS: Text = Text("Packet loss %", "丢包率 %");
pub const LATENCY: Text = Text("Latency, ms (mean)", "延迟，毫秒（均值）");
pub const LATENCY_DIST: Text = Text("Latency distribution", "延迟分布");
pub const CLUSTER: Text = Text("Cluster", "集群");
pub const JOIN: Text = Text("A member joins", "新成员加入");
pub const SPLIT: Text = Text("Partition in halves", "分区为两半");
pub const HEAL: Text = Text("Heal", "恢复连通");
pub const SET_LOSS: Text = Text("Set loss", "设置丢包");

pub const PLAY: Text = Text("Play", "播放");
pub const PAUSE_PLAYING: Text = Text("Pause", "暂停");
pub const BACK_TICK: Text = Text("◀ tick", "◀ 一拍");
pub const NEXT_TICK: Text = Text("tick ▶", "一拍 ▶");
pub const BACK_PERIOD: Text = Text("◀◀ period", "◀◀ 一个周期");
pub const NEXT_PERIOD: Text = Text("period ▶▶", "一个周期 ▶▶");
pub const RESTART: Text = Text("|◀ start", "|◀ 开头");
pub const SPEED: Text = Text("Speed", "速度");
pub const TIME: Text = Text("Time", "时间");
pub const TICK: Text = Text("tick", "拍");
pub const PERIOD: Text = Text("period", "周期");

pub const MEMBER: Text = Text("Member", "成员");
pub const STATE: Text = Text("State", "状态");
pub const INCARNATION: Text = Text("incarnation", "化身号（incarnation）");
pub const INC_SHORT: Text = Text("Inc.", "化身号");
pub const HEALTH: Text = Text("local health score", "本地健康分");
pub const SUSPICION_TIMER: Text = Text("Suspicion: left · confirmations", "怀疑：剩余 · 确认数");
pub const MEMBER_LIST: Text = Text("Its member list", "它的成员列表");
pub const QUEUE: Text = Text("Its broadcast queue", "它的广播队列");
pub const QUEUE_EMPTY: Text = Text("Nothing queued.", "队列为空。");
pub const UPDATE: Text = Text("Update", "更新");
pub const RETRANSMITS_LEFT: Text = Text("Retransmits left", "剩余重传次数");
pub const PICK: Text = Text(
    "Click a member to inspect it and to kill, pause or slow it.",
    "点击一个成员，查看它的状态，或让它崩溃、暂停、变慢。",
);
pub const KILL: Text = Text("Kill", "崩溃");
pub const KILL_TIP: Text = Text("Crash it: it never answers again", "让它崩溃：再也不会应答");
pub const PAUSE: Text = Text("Pause 3 s", "暂停 3 秒");
pub const PAUSE_TIP: Text = Text(
    "Stop it answering for 3 s (a GC pause), then it resumes",
    "让它 3 秒内不应答（如一次 GC 停顿），之后恢复",
);
pub const SLOW: Text = Text("Slow +700 ms, 20 s", "变慢 +700 毫秒，20 秒");
pub const SLOW_TIP: Text = Text(
    "Everything it sends and handles takes 700 ms longer for 20 s: an overloaded member",
    "20 秒内它发送和处理的一切都慢 700 毫秒：一个过载的成员",
);
pub const LEAVE: Text = Text("Leave", "优雅离开");
pub const LEAVE_TIP: Text = Text(
    "It announces its departure and shuts down",
    "它宣布离开后关闭",
);
pub const EVENT: Text = Text("Fire a user event", "发出用户事件");
pub const EVENT_TIP: Text = Text(
    "A Serf user event, spread on the same piggybacked dissemination",
    "一个 Serf 用户事件，借同样的捎带传播扩散",
);

pub const CHART_TITLE: Text = Text("How the others hold member", "其他成员如何看待成员");
pub const SERF_CURVE: Text = Text(
    "Serf's convergence model, from the first confirm",
    "Serf 收敛模型（自首次确认起）",
);
pub const SECONDS: Text = Text("seconds", "秒");
pub const MEASURES: Text = Text("Measured so far", "目前的测量");
pub const KILLED_AT: Text = Text("Member {m}, killed at {t} s", "成员 {m}，于 {t} 秒崩溃");
pub const FIRST_SUSPECT: Text = Text("first suspected", "首次被怀疑");
pub const FIRST_CONFIRM: Text = Text("first confirmed dead", "首次被确认死亡");
pub const ALL_DEAD: Text = Text("dead for every live member", "所有存活成员都认为已死亡");
pub const AFTER: Text = Text("after the kill", "崩溃之后");
pub const NOT_YET: Text = Text("not yet", "尚未发生");
pub const FALSE_POSITIVES: Text = Text(
    "False positives (live members declared dead)",
    "误判（存活成员被宣告死亡）",
);
pub const REFUTATIONS: Text = Text("Refutations", "反驳次数");
pub const TRAFFIC_FIGURES: Text = Text(
    "Per member per second: {p} packets, {b} bytes",
    "每成员每秒：{p} 个包，{b} 字节",
);
pub const SHARE: Text = Text("Copy link", "复制链接");
pub const SAVE: Text = Text("Save scenario", "保存场景");
pub const OPEN: Text = Text("Open scenario…", "打开场景…");
pub const EXPORT_CSV: Text = Text("Export CSV", "导出 CSV");
pub const EXPORT_JSON: Text = Text("Export JSON", "导出 JSON");
pub const LEGEND: Text = Text("Legend", "图例");
pub const DISMISS: Text = Text("Dismiss", "关闭");

/// A member state's name, as memberlist says it.
pub fn state_name(s: MemberState) -> Text {
    match s {
        MemberState::Alive => Text("alive", "存活（alive）"),
        MemberState::Suspect => Text("suspect", "可疑（suspect）"),
        MemberState::Dead => Text("dead", "死亡（dead）"),
        MemberState::Left => Text("left", "已离开（left）"),
        MemberState::Unknown => Text("unknown", "未知"),
    }
}

/// The CSS class of a row in a member state.
pub fn state_class(s: MemberState) -> &'static str {
    match s {
        MemberState::Alive => "st-alive",
        MemberState::Suspect => "st-suspect",
        MemberState::Dead => "st-dead",
        MemberState::Left => "st-left",
        MemberState::Unknown => "st-unknown",
    }
}

/// A packet kind's name, as memberlist names its messages.
pub fn packet_name(k: PacketKind) -> Text {
    match k {
        PacketKind::Ping => Text("ping", "ping（探测）"),
        PacketKind::BuddyPing => Text(
            "ping carrying a suspicion (buddy)",
            "携带怀疑的 ping（伙伴机制）",
        ),
        PacketKind::Ack => Text("ack", "ack（应答）"),
        PacketKind::IndirectAck => Text(
            "indirect ack (forwarded by a relay)",
            "间接 ack（由中继转发）",
        ),
        PacketKind::PingReq => Text("ping-req (indirect probe)", "ping-req（间接探测）"),
        PacketKind::Nack => Text("nack", "nack（否定应答）"),
        PacketKind::Gossip => Text("gossip (piggybacked updates)", "gossip（捎带的更新）"),
        PacketKind::PushPull => Text("push/pull (full state, TCP)", "push/pull（全量状态，TCP）"),
    }
}

/// A queued update in words.
pub fn update_label(u: Update) -> String {
    match u {
        Update::Alive {
            member,
            incarnation,
        } => format!("alive {member} (inc {incarnation})"),
        Update::Suspect {
            member,
            incarnation,
            from,
        } => {
            format!("suspect {member} (inc {incarnation}, by {from})")
        }
        Update::Dead {
            member,
            incarnation,
            from,
        } => {
            format!("dead {member} (inc {incarnation}, by {from})")
        }
        Update::User { id } => format!("user event {id}"),
    }
}

/// What is wrong with a member's process, in words (empty when nothing is).
pub fn process_words(p: Process, lang: Lang) -> String {
    let mut w = Vec::new();
    if p.crashed {
        w.push(Text("crashed", "已崩溃").get(lang));
    }
    if p.paused {
        w.push(Text("paused", "暂停中").get(lang));
    }
    if p.slow {
        w.push(Text("slow", "变慢中").get(lang));
    }
    if p.leaving {
        w.push(Text("leaving", "正在离开").get(lang));
    }
    w.join(", ")
}

/// "… and 37 more alive members".
pub fn more_alive(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("… and {n} more alive members"),
        Lang::Zh => format!("……另有 {n} 个存活成员"),
    }
}

/// Fills `{name}` placeholders of `text`.
pub fn fill(text: &str, values: &[(&str, String)]) -> String {
    values.iter().fold(text.to_owned(), |t, (k, v)| {
        t.replace(&format!("{{{k}}}"), v)
    })
}

/// Why a run cannot be opened, in words.
pub fn problem(p: &ScenarioProblem, lang: Lang) -> String {
    match (p, lang) {
        (ScenarioProblem::TooManyMembers(n), Lang::En) => format!(
            "{n} members is more than this page draws ({MAX_PAGE_NODES}): every member keeps a list of every other, N² entries. The CLI (gossip-sim run --protocol swim) runs up to {MAX_SWIM_NODES}."
        ),
        (ScenarioProblem::TooManyMembers(n), Lang::Zh) => format!(
            "{n} 个成员超过了本页能绘制的上限（{MAX_PAGE_NODES}）：每个成员都保存其他所有成员的列表，共 N² 项。命令行（gossip-sim run --protocol swim）最多可运行 {MAX_SWIM_NODES} 个。"
        ),
        (ScenarioProblem::OutOfOrder, Lang::En) => "the commands are not in time order".into(),
        (ScenarioProblem::OutOfOrder, Lang::Zh) => "命令没有按时间顺序排列".into(),
        (ScenarioProblem::Engine(e), _) => engine_error(lang, e),
    }
}

/// A notice, in words.
pub fn notice(n: &Notice, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match n {
        Notice::Scenario(p) => problem(p, lang),
        Notice::Refused(e) => engine_error(lang, e),
        Notice::NotAScenarioFile(e) if zh => format!("这不是 SWIM 场景文件（{e}）"),
        Notice::NotAScenarioFile(e) => format!("not a SWIM scenario file ({e})"),
        Notice::Link(p) => {
            let why = match (p, zh) {
                (LinkProblem::OutOfRange(p), _) => problem(p, lang),
                (LinkProblem::TooLong(n), true) => format!("链接长 {n} 字节，超过 1 MB 上限"),
                (LinkProblem::NotSwim, true) => "链接中没有 sys=swim".into(),
                (LinkProblem::NotBase64, true) => "s= 不是 base64url 文本".into(),
                (LinkProblem::NotAScenario(e), true) => format!("s= 不是 SWIM 场景（{e}）"),
                (LinkProblem::BadTime(t), true) => format!("t={t} 不是秒数"),
                (LinkProblem::NoSuchLesson(l), true) => format!("没有课程 {l}"),
                (p, false) => p.to_string(),
            };
            match lang {
                Lang::En => {
                    format!("The link could not be opened: {why}. The default run is shown.")
                }
                Lang::Zh => format!("无法打开该链接：{why}。现在显示的是默认运行。"),
            }
        }
    }
}
