//! The lessons of the real-systems page: SWIM as Consul and Serf run it, each a fixed scenario
//! with its explanation in English and Simplified Chinese.
//!
//! A lesson is data, like the player's lessons (`crate::lessons`): texts and the scenarios of
//! its buttons. Every claim a text makes about what its scenario shows is checked by a test at
//! the end of this file, on the same seed; numbers in the texts are either parameters of the
//! scenario or memberlist's formulas, and the tests compute both. Nothing here touches the
//! DOM, so all of it runs natively.

use gossip_engine::swim::{Lifeguard, Preset, SwimCommand};

use super::lessons_who::WHO_USES_GOSSIP;
use super::scenario::SwimScenario;
use crate::i18n::Text;

pub use super::lesson::{SwimLesson, SwimVariant};

/// The lessons, in the picker's order.
pub const SWIM_LESSONS: &[SwimLesson] = &[PROBE_SUSPECT_REFUTE, REAL_NUMBERS, WHO_USES_GOSSIP];

// Lesson 1: SWIM: probe, suspect, refute.

/// Twelve members: few enough to read every list on a projector, enough that a suspicion
/// gets the SuspicionMult − 2 = 2 independent confirmations that bring Lifeguard's timer to
/// its minimum (memberlist sets k = 0 below N = k + 2).
const L1_NODES: u32 = 12;
/// Seed 8 (chosen among 1–60 by a scan of the four runs): the kill is suspected early, the
/// pause is refuted right when the node wakes with no other member accusing anyone, and the
/// slow node's false positives differ the most with and without Lifeguard (28 against 3 over
/// the test horizon). The 20-seed test shows the slow-node gap is not this seed's luck.
const L1_SEED: u64 = 8;
/// The member every fault of lesson 1 strikes.
const L1_NODE: u32 = 3;
/// Faults strike 2 s in, once every member's probe ticker has started (each waits a random
/// stagger of up to one ProbeInterval first).
const FAULT_TICK: u32 = 20;
/// 3 s: long enough that some probe of the node fails, shorter than the shortest suspicion
/// timeout at N = 12 (4.3 s), so only a late refutation could turn it into a death.
const PAUSE_MS: u32 = 3_000;
/// The slow spell: 30 s of 3 s extra on everything the node sends and handles. 3 s is beyond
/// ProbeTimeout (500 ms) and ProbeInterval (1 s), so without local health awareness every
/// probe it sends fails, and beyond what a refutation can afford to lose against a 4.3 s timer
/// (a round trip through the node costs it twice the delay). At 1.5 s the gap between
/// Lifeguard off and on vanished at this N (a 20-seed scan while choosing), so the lesson sits
/// well clear of that edge.
const SLOW_MS: u32 = 30_000;
const SLOW_EXTRA_MS: u32 = 3_000;

/// Lesson 1's cluster: Consul's LAN settings with `lifeguard`.
fn lesson1(lifeguard: Lifeguard) -> SwimScenario {
    let mut s = SwimScenario::preset(Preset::ConsulLan, L1_NODES, L1_SEED);
    s.config.lifeguard = lifeguard;
    s
}

/// Node 3 crashes; opens once every member holds it dead (8 s).
fn l1_kill() -> SwimScenario {
    let mut s = lesson1(Lifeguard::ON);
    s.push(FAULT_TICK, SwimCommand::Kill { node: L1_NODE });
    s.at = 80;
    s
}

/// Node 3 sleeps 3 s; opens just after its refutation has reached every list (6 s).
fn l1_pause() -> SwimScenario {
    let mut s = lesson1(Lifeguard::ON);
    s.push(
        FAULT_TICK,
        SwimCommand::Pause {
            node: L1_NODE,
            ms: PAUSE_MS,
        },
    );
    s.at = 60;
    s
}

/// Node 3 turns slow for 30 s; opens as the slow spell ends (32 s), the false-positive count
/// then showing the whole episode.
fn l1_slow(lifeguard: Lifeguard) -> SwimScenario {
    let mut s = lesson1(lifeguard);
    s.push(
        FAULT_TICK,
        SwimCommand::Slow {
            node: L1_NODE,
            ms: SLOW_MS,
            extra_ms: SLOW_EXTRA_MS,
        },
    );
    s.at = FAULT_TICK + SLOW_MS / 100;
    s
}

fn l1_slow_off() -> SwimScenario {
    l1_slow(Lifeguard::OFF)
}

fn l1_slow_on() -> SwimScenario {
    l1_slow(Lifeguard::ON)
}

const PROBE_SUSPECT_REFUTE: SwimLesson = SwimLesson {
    slug: "swim-probe-suspect-refute",
    title: Text("SWIM: probe, suspect, refute", "SWIM：探测、怀疑、反驳"),
    body: &[
        Text(
            "12 members on Consul's LAN settings (memberlist DefaultLANConfig). Every protocol \
             period, ProbeInterval = 1 s, each member pings the next member of its own \
             shuffled list. With no ack within ProbeTimeout = 500 ms it asks IndirectChecks = \
             3 other members to ping the target for it (ping-req); with no ack at all by the \
             end of the period, it marks the target suspect. This is SWIM's failure detector \
             (Das, Gupta and Motivala, DSN 2002, §3.1), probing in round-robin order over a \
             shuffled list (§4.3).",
            "这里有 12 个成员，使用 Consul 的 LAN 设置（memberlist DefaultLANConfig）。每个协议周期\
             （ProbeInterval = 1 秒），每个成员向自己打乱顺序的成员列表中的下一个成员发送 \
             ping。若在 ProbeTimeout = 500 毫秒内没有收到 ack，它就请 IndirectChecks = 3 个\
             其他成员代为 ping 目标（ping-req）；若到周期结束仍没有收到任何 ack，它就把目标\
             标记为怀疑（suspect）。这就是 SWIM 的故障检测器（Das、Gupta、Motivala，DSN \
             2002，§3.1），按打乱后的列表轮流探测（§4.3）。",
        ),
        Text(
            "A suspect is not yet dead (SWIM §4.2). The suspicion rides on pings, acks and \
             gossip, and every member that hears it starts a timer. The suspect itself, once \
             it hears, refutes: it raises its incarnation number and announces itself alive, \
             and the higher incarnation overrides the suspicion everywhere. If a timer runs \
             out first, that member confirms the suspect dead, and the dead message spreads \
             the same way.",
            "被怀疑并不等于已经死亡（SWIM §4.2）。怀疑消息搭载在 ping、ack 和 gossip 上传播，\
             每个听到它的成员都会启动一个计时器。被怀疑的成员自己一旦听到，就会反驳（refute）：\
             它提高自己的化身号（incarnation），宣布自己仍然存活，更高的化身号会在各处覆盖这条\
             怀疑。如果某个成员的计时器先到期，它就确认（confirm）该成员死亡，死亡消息也以\
             同样的方式传播开来。",
        ),
        Text(
            "How long the timer runs (hashicorp/memberlist state.go suspectNode, \
             suspicion.go): at least SuspicionMult · max(1, log10 N) · ProbeInterval, 4.3 s \
             for these 12 members. With Lifeguard's dynamic suspicion it starts at \
             SuspicionMaxTimeoutMult = 6 times that, 25.9 s, and falls to the minimum as \
             SuspicionMult − 2 = 2 other members independently report the same suspicion.",
            "计时器有多长（hashicorp/memberlist state.go suspectNode、suspicion.go）：至少为 \
             SuspicionMult · max(1, log10 N) · ProbeInterval，对这 12 个成员是 4.3 秒。开启 \
             Lifeguard 的动态怀疑（dynamic suspicion）时，计时器从这个值的 \
             SuspicionMaxTimeoutMult = 6 倍，即 25.9 秒开始；随着 SuspicionMult − 2 = 2 个\
             其他成员各自独立地报告同一怀疑，逐步降到最小值。",
        ),
        Text(
            "Lifeguard (Dadgar, Phillips and Currey, 2018) targets what SWIM handles worst: a \
             member that is slow, not dead. Besides dynamic suspicion it adds local health \
             awareness (a member that keeps missing acks doubts itself and stretches its own \
             probe deadline, up to 8 times, rather than accuse others) and the buddy system (a \
             ping to a suspect carries the suspicion, so the suspect can refute at once).",
            "Lifeguard（Dadgar、Phillips、Currey，2018）针对的是 SWIM 最不擅长的情况：成员只是\
             变慢了，而不是死了。除了动态怀疑，它还加入了本地健康感知（local health \
             awareness：一个不断收不到 ack 的成员先怀疑自己，把自己的探测期限最多拉长到 8 倍，\
             而不是去指控别人）和伙伴机制（buddy system：发给被怀疑成员的 ping 会带上这条怀疑，\
             让它能立即反驳）。",
        ),
        Text(
            "The buttons: node 3 is killed; or paused for 3 s, less than the shortest \
             suspicion timeout; or, for 30 s, slowed by 3 s on everything it sends and \
             handles, far beyond ProbeTimeout, first with Lifeguard off, then on.",
            "几个按钮：杀死节点 3；或让它暂停 3 秒，短于最短的怀疑超时；或在 30 秒内让它发送和\
             处理的一切都慢 3 秒，远超 ProbeTimeout，先关闭 Lifeguard，再开启。",
        ),
    ],
    watch: Text(
        "Kill: node 3 turns suspect in one list, then in the others, and once the shortest \
         timeout has run, dead everywhere. Pause: while it sleeps the others suspect it; when \
         it wakes it hears the suspicion and refutes, and its incarnation goes from 1 to 2 in \
         every list. Slow, Lifeguard off: the slow node declares healthy members dead again and \
         again, they refute at ever higher incarnations, and the false-positive count climbs. \
         Lifeguard on: the slow node doubts itself instead; no healthy member is declared dead, \
         and the few false positives left are the slow node itself, which really is answering \
         too late.",
        "杀死：节点 3 先在一个成员的列表中变为怀疑，随后在其他成员的列表中也变为怀疑；最短\
         超时一过，它在各处都变为死亡。暂停：它沉睡时其他成员怀疑它；醒来后它听到怀疑并反驳，它的化身号在每个\
         列表中都从 1 变为 2。变慢并关闭 Lifeguard：慢节点一次又一次地把健康成员判为死亡，\
         它们以越来越高的化身号反驳，误判（false positive）计数不断上升。开启 Lifeguard：\
         慢节点转而怀疑自己，没有任何健康成员被判死亡，剩下的少数误判都是慢节点本身——它的\
         应答确实太迟了。",
    ),
    next: Text(
        "Step by tick around the first suspicion to follow one probe: ping, ping-req, \
         suspect. Pause node 3 for longer and longer to find where a pause becomes a death, \
         and try other seeds: sometimes the suspicion has finished spreading while the node \
         slept, nobody tells it in time, and it is declared dead after it wakes. With the slow \
         node, tick the three Lifeguard checkboxes (local health, dynamic suspicion, buddy \
         system) one at a time to see which one helps most.",
        "在第一次怀疑前后按 tick 单步前进，跟踪一次探测：ping、ping-req、怀疑。把节点 3 的\
         暂停时间逐步加长，找出暂停从何时起会变成死亡；也试试其他种子：有时在节点沉睡期间，\
         怀疑消息已经传播完毕，醒来后没有人及时告诉它，它会在醒来之后被判死亡。对慢节点，\
         逐一勾选 Lifeguard 的三个选项（本地健康、动态怀疑、伙伴机制），看看哪一个在这里\
         最有用。",
    ),
    variants: &[
        (Text("Kill node 3", "杀死节点 3"), l1_kill),
        (Text("Pause node 3 for 3 s", "节点 3 暂停 3 秒"), l1_pause),
        (
            Text("Slow node 3, Lifeguard off", "节点 3 变慢，关闭 Lifeguard"),
            l1_slow_off,
        ),
        (
            Text("Slow node 3, Lifeguard on", "节点 3 变慢，开启 Lifeguard"),
            l1_slow_on,
        ),
    ],
};

// Lesson 2: Consul and Serf: the real numbers.

/// 100 members: log10 N = 2 exactly, so the formulas give round numbers (8 s and 48 s on LAN,
/// 60 s and 360 s on WAN, a retransmit limit of 12) that the texts can quote and a reader can
/// redo in their head; the same rows are in docs/research/swim-memberlist.md §2.7.
const L2_NODES: u32 = 100;
/// Seed 1, the first tried, shows every variant's point on its own: on LAN, WAN and
/// SuspicionMult 3 the first confirm comes exactly the minimum timeout after the first
/// suspicion; with one gossip target the dead message spreads more slowly than with three;
/// under 10% loss healthy members refute and, by the opening tick, none is declared dead. The
/// 20-seed tests show the gossip and loss points are not this seed's luck.
const L2_SEED: u64 = 1;
/// The member killed in every variant of lesson 2.
const L2_NODE: u32 = 7;

/// Lesson 2's kill on `preset`, opened at tick `at` (just after every member holds it dead).
fn l2_kill(preset: Preset, at: u32, tweak: fn(&mut SwimScenario)) -> SwimScenario {
    let mut s = SwimScenario::preset(preset, L2_NODES, L2_SEED);
    tweak(&mut s);
    s.push(FAULT_TICK, SwimCommand::Kill { node: L2_NODE });
    s.at = at;
    s
}

fn l2_lan() -> SwimScenario {
    l2_kill(Preset::ConsulLan, 135, |_| {})
}

fn l2_wan() -> SwimScenario {
    l2_kill(Preset::ConsulWan, 750, |_| {})
}

/// SuspicionMult 3, not 2: at 2, k = SuspicionMult − 2 = 0, and there the engine keeps the
/// timer at max while current memberlist (`suspicion.go newSuspicion`: "If there aren't any
/// confirmations to be made then take the min time from the start") uses min; a lesson must
/// not teach a case where the two disagree. At 3 they agree: k = 1.
fn l2_mult3() -> SwimScenario {
    l2_kill(Preset::ConsulLan, 115, |s| s.config.suspicion_mult = 3)
}

fn l2_gossip1() -> SwimScenario {
    l2_kill(Preset::ConsulLan, 140, |s| s.config.gossip_nodes = 1)
}

fn l2_loss() -> SwimScenario {
    l2_kill(Preset::ConsulLan, 135, |s| s.config.loss = 0.1)
}

const REAL_NUMBERS: SwimLesson = SwimLesson {
    slug: "consul-serf-real-numbers",
    title: Text(
        "Consul and Serf: the real numbers",
        "Consul 与 Serf：真实的参数",
    ),
    body: &[
        Text(
            "Consul's LAN pool and Serf run memberlist's DefaultLANConfig: ProbeInterval 1 s, \
             ProbeTimeout 500 ms, IndirectChecks 3, SuspicionMult 4, SuspicionMaxTimeoutMult \
             6, RetransmitMult 4, GossipInterval 200 ms, GossipNodes 3. Consul's WAN pool, \
             between datacenters, runs DefaultWANConfig: ProbeInterval 5 s, ProbeTimeout 3 s, \
             SuspicionMult 6, GossipInterval 500 ms, and GossipNodes 3, not memberlist's 4, \
             because Consul fills it from its LAN setting (hashicorp/memberlist config.go \
             DefaultLANConfig and DefaultWANConfig; hashicorp/consul agent/config/default.go).",
            "Consul 的 LAN 池和 Serf 使用 memberlist 的 DefaultLANConfig：ProbeInterval 1 秒、\
             ProbeTimeout 500 毫秒、IndirectChecks 3、SuspicionMult 4、\
             SuspicionMaxTimeoutMult 6、RetransmitMult 4、GossipInterval 200 毫秒、GossipNodes \
             3。Consul 跨数据中心的 WAN 池使用 DefaultWANConfig：ProbeInterval 5 秒、\
             ProbeTimeout 3 秒、SuspicionMult 6、GossipInterval 500 毫秒；GossipNodes 是 3 \
             而不是 memberlist 的 4，因为 Consul 用它的 LAN 设置来填这个值（hashicorp/memberlist \
             config.go 中的 DefaultLANConfig 与 DefaultWANConfig；hashicorp/consul \
             agent/config/default.go）。",
        ),
        Text(
            "How long a suspicion lasts (memberlist util.go suspicionTimeout, state.go \
             suspectNode, suspicion.go): min = SuspicionMult · max(1, log10 N) · \
             ProbeInterval and max = SuspicionMaxTimeoutMult · min. The timer starts at max, \
             and each independent confirmation, from a member other than the first accuser, \
             brings it closer to min, reached after k = SuspicionMult − 2 of them (Lifeguard's \
             dynamic suspicion; Dadgar, Phillips and Currey 2018). For these 100 members log10 \
             N = 2: on LAN 8 s to 48 s with k = 2, on WAN 60 s to 360 s with k = 4.",
            "怀疑持续多久（memberlist util.go suspicionTimeout、state.go suspectNode、\
             suspicion.go）：min = SuspicionMult · max(1, log10 N) · ProbeInterval，max = \
             SuspicionMaxTimeoutMult · min。计时器从 max 开始，每收到一个独立确认（来自第一个\
             指控者以外的成员）就向 min 靠近一步，收到 k = SuspicionMult − 2 个后到达 min\
             （Lifeguard 的动态怀疑；Dadgar、Phillips、Currey 2018）。对这 100 个成员，log10 N \
             = 2：LAN 上为 8 秒到 48 秒，k = 2；WAN 上为 60 秒到 360 秒，k = 4。",
        ),
        Text(
            "How far news goes (memberlist util.go retransmitLimit, queue.go): each update \
             rides on RetransmitMult · ⌈log10(N + 1)⌉ packets, 12 here: pings, acks, and the \
             gossip sent to GossipNodes random members every GossipInterval. This is SWIM's \
             infection-style dissemination, where each update is piggybacked a number of times \
             that grows as log n (Das, Gupta and Motivala 2002, §4.1).",
            "消息传多远（memberlist util.go retransmitLimit、queue.go）：每条更新搭载在 \
             RetransmitMult · ⌈log10(N + 1)⌉ 个数据包上，这里是 12 个：包括 ping、ack，以及\
             每个 GossipInterval 发给 GossipNodes 个随机成员的 gossip。这就是 SWIM 的传染式\
             传播（infection-style dissemination），每条更新被捎带（piggyback）的次数随 log n \
             增长（Das、Gupta、Motivala 2002，§4.1）。",
        ),
        Text(
            "Every button kills node 7, 2 s in. A death is found in three steps: some member's \
             probe of it fails (the first suspicion); a suspicion timer runs out (the first \
             confirm); the dead message reaches everyone. On LAN that takes seconds; on WAN, \
             with a period 5 times longer and a higher SuspicionMult, more than a minute.",
            "每个按钮都在第 2 秒杀死节点 7。发现一次死亡分三步：某个成员对它的探测失败（第一次\
             怀疑）；某个怀疑计时器到期（第一次确认）；死亡消息传到每个成员。在 LAN 上这只需\
             几秒；在 WAN 上，协议周期长 5 倍、SuspicionMult 也更高，需要一分多钟。",
        ),
        Text(
            "The other buttons change one knob of the LAN run. SuspicionMult 3 lowers the \
             minimum to 6 s (and k to 1): deaths are confirmed sooner, but a slow member has \
             less time to refute. GossipNodes 1 gossips to one member instead of three: the \
             dead message takes longer to reach everyone. 10% packet loss: some probes fail, \
             so healthy members are suspected and refute, while the killed one is still \
             found.",
            "其他按钮各改动 LAN 运行中的一个参数。SuspicionMult 3 把最小值降到 6 秒（k 降到 \
             1）：死亡确认得更快，但慢成员用来反驳的时间也更少。GossipNodes 1 每次只向一个\
             成员而不是三个成员 gossip：死亡消息要更久才能传到每个成员。10% 丢包：有些探测会\
             失败，于是健康成员被怀疑、随后反驳，而被杀死的成员仍会被发现。",
        ),
    ],
    watch: Text(
        "Watch for three moments: the first suspicion, the first confirm, and the tick from \
         which every member holds node 7 dead. The gap between the first two is the suspicion \
         timer at its minimum, once k members have confirmed: 8 s on LAN, 60 s on WAN, 6 s \
         with SuspicionMult 3. With 10% loss, watch the refutations add up: for each \
         healthy member ever declared dead, many suspicions are refuted in time.",
        "留意三个时刻：第一次怀疑、第一次确认，以及所有成员都认定节点 7 已死的那个 tick。\
         前两者之间的间隔，就是在 k 个成员确认后降到最小值的怀疑计时器：LAN 上 8 秒，WAN 上 \
         60 秒，SuspicionMult 3 时 6 秒。在 10% 丢包下，留意反驳次数不断累积：每有一个健康\
         成员被误判死亡，就有许多次怀疑被及时反驳。",
    ),
    next: Text(
        "Raise N to 1,000 on LAN: log10 N = 3, so the minimum grows to 12 s and the \
         retransmit limit to 16. On WAN, untick the dynamic suspicion checkbox and the timer \
         starts at its minimum. Step by period (1 s on LAN, 5 s on WAN) to watch the probes go \
         round. In the 10% loss run, untick the three Lifeguard checkboxes \
         and let it run for two minutes: more healthy members are declared dead.",
        "在 LAN 上把 N 调到 1,000：log10 N = 3，最小值增至 12 秒，重传上限增至 16。在 WAN \
         上取消勾选“动态怀疑”，计时器就从最小值开始。按协议周期单步前进（LAN 上 1 秒，WAN \
         上 5 秒），观察探测如何轮转。在 10% 丢包的运行中取消勾选 Lifeguard 的三个选项，\
         让它运行两分钟：会有更多健康成员被判死亡。",
    ),
    variants: &[
        (Text("Consul LAN", "Consul LAN"), l2_lan),
        (Text("Consul WAN", "Consul WAN"), l2_wan),
        (
            Text("LAN, SuspicionMult 3", "LAN，SuspicionMult 3"),
            l2_mult3,
        ),
        (Text("LAN, GossipNodes 1", "LAN，GossipNodes 1"), l2_gossip1),
        (Text("LAN, 10% loss", "LAN，10% 丢包"), l2_loss),
    ],
};

/// The checks every lesson passes, and the runs and texts the lessons' own checks share
/// (`super::lessons_who` uses them too).
#[cfg(test)]
mod tests {
    use gossip_engine::swim::formulas::{
        confirmations_wanted, retransmit_limit, suspicion_max_ms, suspicion_min_ms,
    };
    use gossip_engine::swim::{MemberState, SwimConfig, SwimEvent};

    use super::super::lesson::testing::{Run, run, run_with, texts};
    use super::*;

    /// Every scenario is run this far (150 s): past WAN's detection at N = 100, which needs
    /// a 60 s timer after the first suspicion, and long after lesson 1's slow spell.
    const HORIZON: u32 = 1_500;

    /// A time in ms as the texts write it: one decimal, none when whole (4.3, 8, 25.9).
    fn secs(ms: f64) -> String {
        let s = format!("{:.1}", ms / 1000.0);
        s.strip_suffix(".0").unwrap_or(&s).to_string()
    }

    /// Ticks (of 100 ms) a timer of `ms` takes, as the engine rounds it.
    fn ticks(ms: f64) -> u32 {
        (ms / 100.0).ceil() as u32
    }

    fn lesson(slug: &str) -> &'static SwimLesson {
        SWIM_LESSONS
            .iter()
            .find(|l| l.slug == slug)
            .expect("lesson")
    }

    /// Asserts that the lesson says `value` seconds in both languages.
    fn says_seconds(l: &SwimLesson, ms: f64) {
        let (en, zh) = texts(l);
        let v = secs(ms);
        assert!(en.contains(&format!("{v} s")), "{}: EN lacks {v} s", l.slug);
        assert!(
            zh.contains(&format!("{v} 秒")),
            "{}: ZH lacks {v} 秒",
            l.slug
        );
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn the_lessons_are_the_three_of_the_page() {
        let slugs: Vec<&str> = SWIM_LESSONS.iter().map(|l| l.slug).collect();
        assert_eq!(
            slugs,
            [
                "swim-probe-suspect-refute",
                "consul-serf-real-numbers",
                "who-uses-gossip"
            ]
        );
        assert_eq!(lesson("swim-probe-suspect-refute").variants.len(), 4);
        assert_eq!(lesson("who-uses-gossip").variants.len(), 4);
        for l in SWIM_LESSONS {
            assert_eq!(l.opening(), (l.variants[0].1)(), "{}", l.slug);
        }
    }

    #[test]
    fn every_scenario_checks_and_opens_within_the_horizon() {
        for l in SWIM_LESSONS {
            for (label, scenario) in l.variants {
                let s = scenario();
                let name = format!("{} / {}", l.slug, label.0);
                assert_eq!(s.check(), Ok(()), "{name}");
                assert_eq!(s.config, {
                    // Every config is its preset's but for what the label names.
                    let mut c = SwimConfig::preset(s.preset, s.config.nodes);
                    c.lifeguard = s.config.lifeguard;
                    c.suspicion_mult = s.config.suspicion_mult;
                    c.gossip_nodes = s.config.gossip_nodes;
                    c.loss = s.config.loss;
                    c
                });
                assert!(s.at > 0 && s.at < HORIZON, "{name}: at {}", s.at);
                assert!(
                    s.actions.iter().all(|a| a.tick < s.at),
                    "{name}: a command after the opening tick"
                );
            }
        }
    }

    #[test]
    fn every_text_is_in_both_languages() {
        for l in SWIM_LESSONS {
            let prose = [l.title, l.watch, l.next]
                .into_iter()
                .chain(l.body.iter().copied());
            let labels = l.variants.iter().map(|v| v.0);
            for (t, is_prose) in prose.map(|t| (t, true)).chain(labels.map(|t| (t, false))) {
                assert!(!t.0.trim().is_empty() && !t.1.trim().is_empty(), "{t:?}");
                assert!(!has_cjk(t.0), "Chinese in the English text: {}", t.0);
                // A label may be names alone ("Consul WAN"), the same in both languages.
                assert!(has_cjk(t.1) || !is_prose, "no Chinese in: {}", t.1);
                assert!(!t.0.contains("  ") && !t.1.contains("  "), "{t:?}");
            }
            assert!(!l.body.is_empty() && !l.variants.is_empty(), "{}", l.slug);
        }
    }

    // Lesson 1.

    /// The shortest suspicion timeout at lesson 1's N, in ms.
    fn l1_min_ms() -> f64 {
        suspicion_min_ms(4, L1_NODES, 1000)
    }

    #[test]
    fn a_killed_node_is_suspected_then_held_dead_by_every_live_member() {
        let s = l1_kill();
        let r = run(&s, HORIZON);
        let d = r.sim.metrics().detections[&L1_NODE];
        let (suspect, confirm, all) = (
            d.first_suspect.expect("suspected"),
            d.first_confirm.expect("confirmed"),
            d.all_dead.expect("held dead by all"),
        );
        println!("kill: suspect {suspect}, confirm {confirm}, all dead {all} ticks after");
        assert!(suspect < confirm && confirm <= all);
        // "once the shortest timeout has run": two members confirmed, so the timer is min.
        assert_eq!(confirm - suspect, ticks(l1_min_ms()));
        assert_eq!(r.sim.metrics().false_positives, 0);
        // "suspect in one list, then in the others": all of them, just before the confirm.
        let before = run(&s, FAULT_TICK + confirm).sim;
        println!(
            "kill: views just before the confirm {:?}",
            before.views_of(L1_NODE)
        );
        assert_eq!(
            before.views_of(L1_NODE)[MemberState::Suspect as usize],
            L1_NODES - 1
        );
        // Opened at `at`, every live member already holds it dead.
        assert!(FAULT_TICK + all <= s.at, "at {} is before agreement", s.at);
        let at = run(&s, s.at).sim;
        assert_eq!(
            at.views_of(L1_NODE)[MemberState::Dead as usize],
            L1_NODES - 1
        );
    }

    #[test]
    fn a_short_pause_is_refuted_and_never_confirmed() {
        let s = l1_pause();
        assert!(
            f64::from(PAUSE_MS) < l1_min_ms(),
            "shorter than the timeout"
        );
        let r = run(&s, HORIZON);
        let wake = FAULT_TICK + PAUSE_MS / 100;
        let suspected = r.events.iter().any(|&(t, e)| {
            matches!(e, SwimEvent::View { member, state: MemberState::Suspect, .. }
                if member == L1_NODE && t < wake)
        });
        assert!(suspected, "suspected while it slept");
        let asleep = run(&s, wake).sim;
        println!("pause: views as it wakes {:?}", asleep.views_of(L1_NODE));
        assert!(asleep.views_of(L1_NODE)[MemberState::Suspect as usize] >= L1_NODES / 2);
        let refutes: Vec<_> = r.refutes().collect();
        println!("pause: refutations {refutes:?}");
        assert_eq!(
            refutes,
            [(refutes[0].0, L1_NODE, 2)],
            "one refutation, 1 → 2"
        );
        assert!(refutes[0].0 >= wake && refutes[0].0 < s.at, "when it wakes");
        assert_eq!(r.confirms().count(), 0, "no one confirms anything");
        assert!(r.sim.metrics().refutations >= 1);
        // Opened at `at`: the refutation is in every list.
        let at = run(&s, s.at).sim;
        for m in (0..L1_NODES).filter(|&m| m != L1_NODE) {
            let e = at.node(m).unwrap().entry(L1_NODE);
            assert_eq!((e.state(), e.incarnation()), (MemberState::Alive, 2), "{m}");
        }
    }

    /// The "try other seeds" of lesson 1: a pause shorter than the timeout can still end in
    /// a death, confirmed after the node woke, when nobody tells it of the suspicion in time.
    #[test]
    fn on_some_seed_a_short_pause_ends_in_a_death_after_waking() {
        let wake = FAULT_TICK + PAUSE_MS / 100;
        let found = (1..=60).find(|&seed| {
            let mut s = l1_pause();
            s.seed = seed;
            run(&s, 400)
                .confirms()
                .any(|(t, _, m)| m == L1_NODE && t >= wake)
        });
        println!("pause: a death after waking at seed {found:?}");
        assert!(found.is_some());
    }

    /// False positives, confirms of healthy members by the slow node, confirms of members other
    /// than the slow one, and the highest incarnation a healthy member refuted at.
    fn slow_counts(r: &Run) -> (u32, usize, usize, u32) {
        let by_slow = r
            .confirms()
            .filter(|&(_, o, m)| o == L1_NODE && m != L1_NODE)
            .count();
        let healthy_dead = r.confirms().filter(|&(_, _, m)| m != L1_NODE).count();
        let top = r
            .refutes()
            .filter(|&(_, m, _)| m != L1_NODE)
            .map(|(_, _, i)| i)
            .max()
            .unwrap_or(0);
        (r.sim.metrics().false_positives, by_slow, healthy_dead, top)
    }

    #[test]
    fn a_slow_node_kills_healthy_members_without_lifeguard_and_not_with_it() {
        let (off, on) = (run(&l1_slow_off(), HORIZON), run(&l1_slow_on(), HORIZON));
        let (fp_off, by_slow_off, _, top_off) = slow_counts(&off);
        let (fp_on, by_slow_on, healthy_on, _) = slow_counts(&on);
        println!("slow, seed {L1_SEED}: false positives {fp_off} off, {fp_on} on");
        // Off: the slow node declares healthy members dead again and again; they refute at
        // ever higher incarnations.
        assert!(by_slow_off >= 5, "{by_slow_off}");
        assert!(top_off >= 3, "{top_off}");
        // On: no healthy member is declared dead; the few left are the slow node itself.
        assert_eq!((by_slow_on, healthy_on), (0, 0));
        assert!(fp_on >= 1);
        assert!(fp_off >= 5 * fp_on, "{fp_off} against {fp_on}");
        // On: the slow node doubts itself (its local health score rose).
        let mut doubt = 0;
        run_with(&l1_slow_on(), l1_slow_on().at, |sim| {
            doubt = doubt.max(sim.node(L1_NODE).unwrap().awareness.score());
        });
        println!("slow, Lifeguard on: the slow node's highest health score {doubt}");
        assert!(doubt >= 3, "{doubt}");
        // Already clear at the opening tick.
        let (at_off, at_on) = (
            run(&l1_slow_off(), l1_slow_off().at),
            run(&l1_slow_on(), l1_slow_on().at),
        );
        let (a, b) = (
            at_off.sim.metrics().false_positives,
            at_on.sim.metrics().false_positives,
        );
        println!("slow, at the opening tick: {a} off, {b} on");
        assert!(a >= 5 * b && a >= 10, "{a} against {b}");
    }

    #[test]
    fn lifeguard_lowers_false_positives_over_twenty_seeds_not_just_one() {
        let (mut off, mut on) = (0, 0);
        for seed in 1..=20 {
            let (mut a, mut b) = (l1_slow_off(), l1_slow_on());
            (a.seed, b.seed) = (seed, seed);
            let (ra, rb) = (run(&a, HORIZON), run(&b, HORIZON));
            off += ra.sim.metrics().false_positives;
            on += rb.sim.metrics().false_positives;
            assert_eq!(slow_counts(&rb).2, 0, "seed {seed}: a healthy member died");
        }
        let (off, on) = (f64::from(off) / 20.0, f64::from(on) / 20.0);
        println!("slow, seeds 1–20: mean false positives {off} off, {on} on");
        assert!(off > 3.0 * on, "{off} against {on}");
    }

    #[test]
    fn lesson_1_quotes_its_parameters_and_memberlists_formulas() {
        let l = lesson("swim-probe-suspect-refute");
        let c = lesson1(Lifeguard::ON).config;
        let (en, zh) = texts(l);
        for n in [format!("{L1_NODES} members"), format!("node {L1_NODE}")] {
            assert!(en.contains(&n), "{n}");
        }
        assert!(zh.contains(&format!("{L1_NODES} 个成员")));
        assert!(zh.contains(&format!("节点 {L1_NODE}")));
        says_seconds(l, f64::from(c.probe_interval_ms));
        assert!(en.contains("ProbeTimeout = 500 ms") && zh.contains("ProbeTimeout = 500 毫秒"));
        assert_eq!(c.probe_timeout_ms, 500);
        assert!(en.contains(&format!("IndirectChecks = {}", c.indirect_checks)));
        says_seconds(l, f64::from(PAUSE_MS));
        says_seconds(l, f64::from(SLOW_EXTRA_MS));
        says_seconds(l, f64::from(SLOW_MS));
        assert!(SLOW_EXTRA_MS > c.probe_timeout_ms, "beyond ProbeTimeout");
        // min, max, k and the awareness cap, at N = 12.
        let min = suspicion_min_ms(c.suspicion_mult, L1_NODES, c.probe_interval_ms);
        let max = suspicion_max_ms(c.suspicion_max_timeout_mult, min);
        says_seconds(l, min);
        says_seconds(l, max);
        assert_eq!((secs(min), secs(max)), ("4.3".into(), "25.9".into()));
        let k = confirmations_wanted(c.suspicion_mult, L1_NODES);
        let mult = c.suspicion_max_timeout_mult;
        for t in [&en, &zh] {
            assert!(t.contains(&format!("SuspicionMult − 2 = {k}")));
            assert!(t.contains(&format!("SuspicionMaxTimeoutMult = {mult}")));
        }
        let cap = c.awareness_max_multiplier;
        assert!(
            en.contains(&format!("up to {cap} times"))
                && zh.contains(&format!("最多拉长到 {cap} 倍"))
        );
    }

    // Lesson 2.

    /// (first suspicion, first confirm, all dead) in ticks after the kill, over the horizon.
    fn detection(s: &SwimScenario) -> (u32, u32, u32, Run) {
        let r = run(s, HORIZON);
        let d = r.sim.metrics().detections[&L2_NODE];
        (
            d.first_suspect.expect("suspected"),
            d.first_confirm.expect("confirmed"),
            d.all_dead.expect("held dead by all"),
            r,
        )
    }

    /// The minimum suspicion timeout of `s` in ms.
    fn min_of(s: &SwimScenario) -> f64 {
        let c = &s.config;
        suspicion_min_ms(c.suspicion_mult, c.nodes, c.probe_interval_ms)
    }

    #[test]
    fn wan_detects_a_death_far_later_than_lan() {
        let (lan, wan) = (l2_lan(), l2_wan());
        let (ls, lc, la, lr) = detection(&lan);
        let (ws, wc, wa, wr) = detection(&wan);
        println!("LAN: {ls}/{lc}/{la} ticks; WAN: {ws}/{wc}/{wa} ticks");
        // The gap between suspicion and confirm is the minimum: 8 s and 60 s.
        assert_eq!(lc - ls, ticks(min_of(&lan)));
        assert_eq!(wc - ws, ticks(min_of(&wan)));
        assert_eq!((lc - ls, wc - ws), (80, 600));
        // Seconds on LAN, more than a minute on WAN.
        assert!(la < 200, "LAN: {la}");
        assert!(wa > 600 && wa > 3 * la, "WAN: {wa}");
        assert_eq!(lr.sim.metrics().false_positives, 0);
        assert_eq!(wr.sim.metrics().false_positives, 0);
        for s in [&lan, &wan] {
            let at = run(s, s.at).sim;
            assert_eq!(
                at.views_of(L2_NODE)[MemberState::Dead as usize],
                L2_NODES - 1
            );
        }
    }

    #[test]
    fn each_knob_does_what_the_text_says() {
        let (_, lc, la, _) = detection(&l2_lan());
        // SuspicionMult 3: the confirm comes 6 s after the suspicion, sooner than on LAN.
        let m = l2_mult3();
        let (ms, mc, _, _) = detection(&m);
        assert_eq!(mc - ms, ticks(min_of(&m)));
        assert_eq!(mc - ms, 60);
        assert!(mc < lc, "{mc} against {lc}");
        // GossipNodes 1: the dead message takes longer to reach everyone.
        let (_, gc, ga, _) = detection(&l2_gossip1());
        println!(
            "spread after the first confirm: {} ticks with 3, {} with 1",
            la - lc,
            ga - gc
        );
        assert!(ga - gc > la - lc);
        // 10% loss: healthy members refute, none is declared dead, the kill is found.
        let (_, _, xa, xr) = detection(&l2_loss());
        assert!(xr.sim.metrics().refutations >= 5);
        assert!(xr.refutes().all(|(_, member, _)| member != L2_NODE));
        assert!(xa < 200, "still found, in seconds");
        let at = run(&l2_loss(), l2_loss().at);
        assert!(at.sim.metrics().refutations >= 5);
        assert_eq!(at.sim.metrics().false_positives, 0);
        for s in [l2_mult3(), l2_gossip1(), l2_loss()] {
            let at = run(&s, s.at).sim;
            assert_eq!(
                at.views_of(L2_NODE)[MemberState::Dead as usize],
                L2_NODES - 1
            );
        }
    }

    /// One gossip target against three over 20 seeds: the slower spread is the rule, not this
    /// seed's.
    #[test]
    fn one_gossip_target_spreads_a_death_more_slowly_over_twenty_seeds() {
        let (mut three, mut one) = (0, 0);
        for seed in 1..=20 {
            for (s, sum) in [(l2_lan(), &mut three), (l2_gossip1(), &mut one)] {
                let mut s = s;
                s.seed = seed;
                let (_, c, a, _) = detection(&s);
                *sum += a - c;
            }
        }
        println!("spread, seeds 1–20: {three} ticks in all with 3 targets, {one} with 1");
        assert!(one > three);
    }

    /// 10% loss over 20 seeds and two minutes and a half: refutations far outnumber false
    /// positives, and unticking Lifeguard raises the false positives.
    #[test]
    fn under_loss_refutations_outnumber_deaths_and_lifeguard_helps() {
        let mut totals = [(0, 0); 2];
        for (lg, total) in [Lifeguard::ON, Lifeguard::OFF].into_iter().zip(&mut totals) {
            for seed in 1..=20 {
                let mut s = l2_loss();
                (s.seed, s.config.lifeguard) = (seed, lg);
                let r = run(&s, HORIZON);
                total.0 += r.sim.metrics().refutations;
                total.1 += r.sim.metrics().false_positives;
            }
        }
        let [(ref_on, fp_on), (_, fp_off)] = totals;
        println!(
            "10% loss, seeds 1–20: {ref_on} refutations and {fp_on} false positives with \
             Lifeguard, {fp_off} false positives without"
        );
        assert!(ref_on >= 20 * fp_on.max(1), "{ref_on} against {fp_on}");
        assert!(fp_off > 2 * fp_on, "{fp_off} against {fp_on}");
        const { assert!(HORIZON >= 1200, "the two minutes of the text") };
    }

    #[test]
    fn lesson_2_quotes_the_presets_and_memberlists_formulas() {
        let l = lesson("consul-serf-real-numbers");
        let (en, zh) = texts(l);
        let (lan, wan) = (
            SwimConfig::preset(Preset::ConsulLan, L2_NODES),
            SwimConfig::preset(Preset::ConsulWan, L2_NODES),
        );
        // The presets as the first paragraph lists them.
        let p = l.body[0];
        let lan_part = &p.0[..p.0.find("WAN").unwrap()];
        let wan_part = &p.0[p.0.find("WAN").unwrap()..];
        for (part, c) in [(lan_part, &lan), (wan_part, &wan)] {
            let ms = |v: u32| {
                if v % 1000 == 0 {
                    format!("{} s", v / 1000)
                } else {
                    format!("{v} ms")
                }
            };
            assert!(part.contains(&format!("ProbeInterval {}", ms(c.probe_interval_ms))));
            assert!(part.contains(&format!("ProbeTimeout {}", ms(c.probe_timeout_ms))));
            assert!(part.contains(&format!("SuspicionMult {}", c.suspicion_mult)));
            assert!(part.contains(&format!("GossipInterval {}", ms(c.gossip_interval_ms))));
            assert!(part.contains(&format!("GossipNodes {}", c.gossip_nodes)));
        }
        for f in [
            format!("IndirectChecks {}", lan.indirect_checks),
            format!("SuspicionMaxTimeoutMult {}", lan.suspicion_max_timeout_mult),
            format!("RetransmitMult {}", lan.retransmit_mult),
        ] {
            assert!(lan_part.contains(&f), "{f}");
        }
        assert_eq!(lan.retransmit_mult, wan.retransmit_mult);
        // "untick dynamic suspicion and the timer starts at its minimum": max = 1 · min.
        let mut c = wan.clone();
        c.lifeguard.dynamic_suspicion = false;
        assert_eq!(c.max_timeout_mult(), 1);
        // min, max and k on LAN and WAN at N = 100, and with SuspicionMult 3.
        for (c, k) in [(&lan, 2), (&wan, 4)] {
            let min = suspicion_min_ms(c.suspicion_mult, L2_NODES, c.probe_interval_ms);
            let max = suspicion_max_ms(c.suspicion_max_timeout_mult, min);
            says_seconds(l, min);
            says_seconds(l, max);
            assert_eq!(confirmations_wanted(c.suspicion_mult, L2_NODES), k);
            assert!(en.contains(&format!("{} s to {} s with k = {k}", secs(min), secs(max))));
            assert!(zh.contains(&format!("{} 秒到 {} 秒，k = {k}", secs(min), secs(max))));
        }
        assert_eq!(wan.probe_interval_ms / lan.probe_interval_ms, 5);
        assert!(en.contains("a period 5 times longer") && zh.contains("长 5 倍"));
        let min3 = suspicion_min_ms(3, L2_NODES, lan.probe_interval_ms);
        says_seconds(l, min3);
        assert_eq!(confirmations_wanted(3, L2_NODES), 1);
        assert!(en.contains("(and k to 1)") && zh.contains("k 降到 1"));
        // The retransmit limit, and log10 N.
        let limit = retransmit_limit(lan.retransmit_mult, L2_NODES);
        assert_eq!(limit, 12);
        assert!(en.contains(&format!("packets, {limit} here")));
        assert!(zh.contains(&format!("这里是 {limit} 个")));
        assert!(en.contains("log10 N = 2") && zh.contains("log10 N = 2"));
        assert_eq!(f64::from(L2_NODES).log10(), 2.0);
        // "Raise N to 1,000": min 12 s, limit 16.
        says_seconds(
            l,
            suspicion_min_ms(lan.suspicion_mult, 1000, lan.probe_interval_ms),
        );
        let limit = retransmit_limit(lan.retransmit_mult, 1000);
        assert!(en.contains(&format!("retransmit limit to {limit}")));
        assert!(zh.contains(&format!("重传上限增至 {limit}")));
        // The kill the texts name.
        for s in [l2_lan(), l2_wan(), l2_mult3(), l2_gossip1(), l2_loss()] {
            assert_eq!(
                s.actions[0].command,
                SwimCommand::Kill { node: L2_NODE },
                "node 7"
            );
            assert_eq!(s.actions[0].tick * s.config.tick_ms, 2000, "2 s in");
        }
        assert!(en.contains(&format!("kills node {L2_NODE}, 2 s in")));
        assert!(zh.contains(&format!("第 2 秒杀死节点 {L2_NODE}")));
        assert_eq!(l2_loss().config.loss, 0.1);
    }
}
