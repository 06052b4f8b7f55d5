//! The lessons' texts, as (English, Simplified Chinese) pairs. Numbers that a run measures are
//! not written here: the cards compute them. What is written (the round of a kill, a
//! parameter) is checked against the scenarios by the tests in `super`.

use super::Text;

// 1. Rumor spreading.

pub const RUMOR_TITLE: Text = Text("Rumor spreading: fresh and stale", "谣言传播：新鲜与陈旧");
pub const RUMOR_BODY: &[Text] = &[
    Text(
        "Node 0 has just heard a rumor. Every round, each node for which it is fresh (orange) \
         calls one random peer and pushes it. A node that learns it becomes fresh too, and \
         spreads it from the next round on.",
        "节点 0 刚听到一条谣言。每一轮，每个持有“新鲜”（fresh，橙色）谣言的节点随机选一个\
         节点，把谣言推送过去。收到的节点也变为新鲜，并从下一轮起开始传播。",
    ),
    Text(
        "Spreading forever would waste traffic, so nodes lose interest: here a node turns \
         stale (blue) and stops after k = 2 consecutive calls to peers that already knew; a \
         useful call resets the count (feedback + counter). The rumor dies out once no node \
         is fresh, perhaps before everyone has heard it.",
        "无休止地传播会浪费流量，所以节点会“失去兴趣”：这里一个节点连续 k = 2 次发给已经\
         知情的节点后，就变为“陈旧”（stale，蓝色），不再传播；一次有用的发送会让计数清零\
         （反馈式 + 计数器）。一旦没有节点处于新鲜状态，谣言就消亡了——这时也许还有节点从未\
         听说过它。",
    ),
];
pub const RUMOR_WATCH: Text = Text(
    "The orange wave roughly doubles each round, then blue takes over. Nodes still white \
     (unaware) when the last orange one turns blue never hear the rumor: their share is the \
     residue, shown in the summary and the chart.",
    "橙色的浪潮每轮大约翻一番，随后蓝色逐渐接管。最后一个橙色节点变蓝时仍是白色（不知情）的\
     节点，就再也听不到这条谣言了：它们所占的比例就是残留率，显示在概要和图表中。",
);
pub const RUMOR_NEXT: Text = Text(
    "Step with → and go back with ←, or press Play. Then set k = 3 in the form on the left, \
     or pick blind and coin, and apply: the residue falls as k grows, at the cost of more \
     traffic.",
    "用 → 单步前进、← 后退，或直接播放。然后在左侧表单把 k 设为 3，或改选“盲发式”（blind）\
     和“抛硬币”（coin）再点“应用并重新开始”：k 越大，残留率越低，代价是更多的流量。",
);

// 2. Anti-entropy modes.

pub const MODES_TITLE: Text = Text("Anti-entropy: push, pull, push-pull", "反熵：推、拉与推拉");
pub const MODES_BODY: &[Text] = &[
    Text(
        "In anti-entropy every node contacts one random peer every round, forever, and the \
         two reconcile what they hold. Push sends the caller's news to the peer; pull asks the \
         peer for its news; push-pull does both in one contact.",
        "在反熵中，每个节点每一轮都随机联系一个节点，永不停止，双方核对并同步各自持有的数据。\
         推（push）把自己的新数据发给对方；拉（pull）向对方索取它的新数据；推拉（push-pull）\
         在一次联系中两者兼做。",
    ),
    Text(
        "The buttons above load the same seed in each mode. The curves are the share of informed \
         nodes per round in the mean-field approximation (exact for one round); the numbers are \
         the rounds until it leaves less than half a node unaware.",
        "上面的按钮用同一个种子分别载入三种模式。曲线是平均场近似（单轮精确）给出的每轮已知晓节点比例；数字是按此近似，不知情节点数降到半个以下\
         所需的轮数。",
    ),
];
pub const MODES_WATCH: Text = Text(
    "Early on, push and pull grow alike: the informed roughly double each round. The end \
     differs. With push, the last unaware nodes must be hit by chance, so their share only \
     shrinks by a factor of about e per round; with pull, every unaware node asks every round, \
     so their share is squared each round and vanishes fast. Push-pull does both.",
    "起初，推和拉的增长差不多：已知晓的节点每轮大约翻一番。区别在收尾。推模式下，最后那些\
     不知情节点只能等别人碰巧选中，其比例每轮只缩小约 e 倍；拉模式下，每个不知情节点每轮都\
     主动询问，其比例每轮被平方，很快趋近于零。推拉两者兼得。",
);
pub const MODES_NEXT: Text = Text(
    "Play each mode to the end and compare the round it converged at with the theory. Then \
     set the fanout to 2 in the form: every mode speeds up, and the dashed theory curve on \
     the main chart follows.",
    "把每种模式都播放到底，比较实际收敛的轮次与理论值。然后在表单中把扇出设为 2：每种模式\
     都会变快，主图表上的虚线理论曲线也随之改变。",
);
pub const MODES_VARIANTS: &[Text] = &[
    Text("Push", "推"),
    Text("Pull", "拉"),
    Text("Push-pull", "推拉"),
];

// 3. Why O(log N).

pub const LOG_TITLE: Text = Text("Why O(log N) rounds", "为什么是 O(log N) 轮");
pub const LOG_BODY: &[Text] = &[
    Text(
        "With push, the informed nodes roughly double every round while they are few, so \
         reaching half the cluster takes about log₂ N rounds; finding the last unaware nodes \
         takes about ln N more (Pittel, 1987). In all: log₂ N + ln N + O(1).",
        "在推模式下，已知晓的节点还少时，每轮大约翻一番，所以覆盖半个集群约需 log₂ N 轮；找到最后\
         那些不知情节点还要再花约 ln N 轮（Pittel，1987）。合计约 log₂ N + ln N + O(1) 轮。",
    ),
    Text(
        "The table above runs anti-entropy push with fanout 1 for several seeds per N, here in \
         your browser, and sets the mean rounds to converge beside log₂ N + ln N. The buttons load \
         each N.",
        "上表就在你的浏览器里运行反熵推模式（扇出 1），每个 N 跑若干个种子，把平均收敛轮数与 \
         log₂ N + ln N 并列对照。按钮可载入各个 N。",
    ),
];
pub const LOG_WATCH: Text = Text(
    "Each tenfold increase of N adds only about 5.6 rounds (log₂ 10 + ln 10). A cluster of \
     10,000 needs roughly four times the rounds of a cluster of 10, not a thousand times.",
    "N 每扩大十倍，只多出约 5.6 轮（log₂ 10 + ln 10）。10,000 个节点的集群所需轮数大约只是 \
     10 个节点的四倍，而不是一千倍。",
);
pub const LOG_NEXT: Text = Text(
    "Load N = 10,000 and press Play: the chart's marker stands at log₂ N + ln N. Then switch \
     the mode to push-pull in the form: about log₃ N + O(ln ln N) rounds.",
    "载入 N = 10,000 并播放：图表上的标记线位于 log₂ N + ln N 处。然后在表单中把模式改为\
     推拉：只需约 log₃ N + O(ln ln N) 轮。",
);
pub const SIZE_VARIANTS: &[Text] = &[
    Text("N = 10", "N = 10"),
    Text("N = 100", "N = 100"),
    Text("N = 1,000", "N = 1,000"),
    Text("N = 10,000", "N = 10,000"),
];

// 4. Loss of interest.

pub const RESIDUE_TITLE: Text = Text("Loss of interest and the residue", "失去兴趣与残留率");
pub const RESIDUE_BODY: &[Text] = &[
    Text(
        "Rumor mongering stops by itself: each fresh node loses interest. Demers et al. \
         compared two choices. Feedback: only a call to a peer that already knew counts; \
         blind: every call counts. Counter: stale after k counted calls in a row (a useful \
         call resets it); coin: stale with probability 1/k after each one.",
        "谣言传播会自行停止：每个新鲜节点都会失去兴趣。Demers 等人比较了两个维度。反馈式\
         （feedback）：只有发给已知情节点的那次才计数；盲发式（blind）：每次发送都计数。\
         计数器（counter）：连续计数 k 次后变陈旧（有用的发送会让计数清零）；\
         抛硬币（coin）：每计数一次，就以 1/k 的概率变陈旧。",
    ),
    Text(
        "The residue is the share of nodes that never hear the rumor. For push with feedback \
         and coin in a large cluster, Demers' continuous-time equation s = e^(−(k+1)(1−s)) \
         predicts it; synchronous rounds, as here, measure about 15% lower. The table above \
         measures all four variants (N = 1,000, k = 2, mean of several seeds).",
        "残留率是始终没有听到谣言的节点比例。对于大集群中“反馈式 + 抛硬币”的推模式，Demers 的\
         连续时间方程 s = e^(−(k+1)(1−s)) 给出预测值；按同步轮次运行（如这里），实测约低 \
         15%。上表测量全部四种变体（N = 1,000，k = 2，多个种子取平均）。",
    ),
];
pub const RESIDUE_WATCH: Text = Text(
    "Feedback leaves far fewer nodes behind than blind; the price is traffic, in messages per \
     node. Once no node is fresh, the unaware count in the summary is this run's residue.",
    "反馈式遗漏的节点远少于盲发式，代价是流量（每节点发送的消息数）。当没有节点处于新鲜状态时，\
     概要中的不知情节点数就是本次运行的残留。",
);
pub const RESIDUE_NEXT: Text = Text(
    "Load blind + coin and press Play. Then set k = 3 in the form, or choose the hybrid \
     protocol, which repairs the residue with an occasional anti-entropy round, as Demers et \
     al. recommend.",
    "载入“盲发式 + 抛硬币”并播放。然后在表单中设 k = 3，或选择混合协议：它按照 Demers 等人\
     的建议，偶尔做一轮反熵来修补残留。",
);
pub const RESIDUE_VARIANTS: &[Text] = &[
    Text("Feedback + counter", "反馈式 + 计数器"),
    Text("Feedback + coin", "反馈式 + 抛硬币"),
    Text("Blind + counter", "盲发式 + 计数器"),
    Text("Blind + coin", "盲发式 + 抛硬币"),
];

// 5. Heartbeat failure detection.

pub const HEARTBEAT_TITLE: Text = Text(
    "Failure detection by heartbeat gossip",
    "用心跳 gossip 检测故障",
);
pub const HEARTBEAT_BODY: &[Text] = &[
    Text(
        "Here nodes gossip membership instead of a message. Each keeps a table: member → \
         heartbeat counter. Every round a node bumps its own heartbeat and sends its table to \
         2 random members, who keep the higher heartbeat of each entry (van Renesse et al., \
         1998).",
        "这里节点传播的不是消息，而是成员信息。每个节点维护一张表：成员 → 心跳计数。每一轮，\
         节点把自己的心跳加一，并把整张表发给 2 个随机成员；对方逐项保留较大的心跳值\
         （van Renesse 等，1998）。",
    ),
    Text(
        "Node 13 crashes at round 3, where the lesson opens (the kill is in the scenario's \
         action log: step back to see the cluster before it). Its heartbeat stops rising. A member whose heartbeat has not risen for t_fail = 6 rounds \
         is considered failed; after t_cleanup = 12 rounds it is forgotten.",
        "节点 13 在第 3 轮崩溃，本课就从这一轮开始（这次“杀死”写在场景的操作记录里，\
         后退即可看到崩溃之前的集群）。它的心跳从此不再增长。某成员的心跳若 t_fail = 6 轮没有增长，就被判定为失效；t_cleanup = 12 轮后则被遗忘，\
         从表中删除。",
    ),
];
pub const HEARTBEAT_WATCH: Text = Text(
    "Follow the detected count in the summary. At round 6 one node already declares node 13 \
     failed: it had heard nothing new from it since round 0. That verdict rests on stale \
     information and would have condemned a live node too; a fresher heartbeat overturns \
     it a round later. From round 9 (3 + t_fail) nearly everyone declares it failed within a \
     few rounds, and forgets it six rounds later.",
    "留意概要中的“已检测”数。第 6 轮就有一个节点判定节点 13 失效：它从第 0 轮起就没再收到过\
     节点 13 的新心跳。这个判定依据的是过时的信息，换作活着的节点也一样会被判定失效；一轮后，\
     较新的心跳到达，推翻了它。从第 9 轮（3 + t_fail）起，几轮之内\
     几乎所有节点都判定它失效，再过六轮便将它遗忘。",
);
pub const HEARTBEAT_NEXT: Text = Text(
    "Select other nodes to read their member tables in the inspector. Then lower t_fail to 3: \
     node 13 is detected sooner, but live nodes start to be declared failed by mistake, more \
     so with packet loss.",
    "选中其他节点，在检查器里查看它们的成员表。然后把 t_fail 降到 3：节点 13 会更早被检测到，\
     但活着的节点也开始被误判为失效，有丢包时更严重。",
);

// 6. Faults.

pub const FAULTS_TITLE: Text = Text(
    "Faults: loss, partition, healing, a dead node",
    "故障：丢包、分区与修复、节点宕机",
);
pub const FAULTS_BODY: &[Text] = &[
    Text(
        "Real networks drop packets, split apart and lose machines. This run starts with 20% \
         packet loss and the cluster cut in two halves (nodes 0–29 and 30–59). Node 20 \
         crashes at round 2, and the partition heals at round 8.",
        "真实的网络会丢包、会分裂，机器也会宕机。这次运行一开始就有 20% 的丢包，集群被切成\
         两半（节点 0–29 和 30–59）。节点 20 在第 2 轮崩溃，分区在第 8 轮修复。",
    ),
    Text(
        "Anti-entropy push-pull retries every round, so loss only slows it down: a lost \
         message is simply tried again. A partition stops it at the border, where about half \
         the calls of the first half are lost.",
        "反熵推拉每轮都会重试，所以丢包只会让它变慢：丢了的消息下一轮再试就是。分区则在边界\
         把它完全挡住——前一半节点的联系约有一半发往另一半，全部丢失。",
    ),
];
pub const FAULTS_WATCH: Text = Text(
    "Until round 8 the news stays in the first half; pink crosses mark the messages lost. \
     After the heal it floods the second half within a few rounds. Dead node 20 is drawn \
     hollow and does not count: converged means every alive node holds the news.",
    "第 8 轮之前，消息只停留在前一半；粉色叉号标出丢失的消息。分区修复后几轮之内，它就涌入了\
     后一半。宕机的节点 20 画成空心，不计入统计：收敛指的是所有存活节点都已收到。",
);
pub const FAULTS_NEXT: Text = Text(
    "Split and heal the cluster yourself at other rounds with the controls on the left, or \
     raise the loss. Kill a node, then revive it empty (amnesia): anti-entropy fills it in \
     again.",
    "用左侧的“切分”和“修复”在其他轮次自己试试，或调高丢包率。杀死一个节点，再“清空后复活”（失忆）：反熵会把数据重新补给它。",
);

// 7. Incremental vs full sync.

pub const SYNC_TITLE: Text = Text("Incremental sync vs full sync", "增量同步与全量同步");
pub const SYNC_BODY: &[Text] = &[
    Text(
        "Anti-entropy compares two replicas. Full sync sends every entry on every contact: \
         simple, and wasteful once replicas agree. Incremental sync first sends a digest (id \
         and version of each entry, no values), then only what the other side lacks or holds \
         in an older version.",
        "反熵要比对两个副本。全量同步在每次联系时发送全部条目：简单，但副本一致之后纯属浪费。\
         增量同步先发送摘要（digest：每个条目的 id 和版本号，不含值），再只发送对方缺少或\
         版本较旧的条目。",
    ),
    Text(
        "Here five values are written at five nodes, one every two rounds, and both variants \
         run on the same seed. The chart above shows bytes per round: digests and headers against \
         payload (the values).",
        "这里每两轮在一个节点写入一个值，共五个节点、五个值，两种变体使用同一个种子。上图显示\
         每轮的字节数：摘要与消息头，对比载荷（值本身）。",
    ),
];
pub const SYNC_WATCH: Text = Text(
    "With incremental sync, payload comes in bursts after each write and drops to zero once \
     everyone agrees; only digests remain. Full sync resends every value every round, so its \
     cost grows with the data, not with the news.",
    "增量同步时，载荷只在每次写入后短暂出现，所有节点一致后便降为零，只剩摘要。全量同步每轮\
     都重发所有值，所以它的开销随数据总量增长，而不是随新消息增长。",
);
pub const SYNC_NEXT: Text = Text(
    "Play each variant past round 14 and compare the bytes in the summary. Then inject a long \
     value anywhere: full sync pays for it on every contact from then on.",
    "把两种变体都播放到第 14 轮以后，比较概要中的字节数。然后在任意节点注入一个很长的值：\
     从此全量同步的每次联系都要重传它。",
);
pub const SYNC_VARIANTS: &[Text] = &[Text("Incremental", "增量同步"), Text("Full", "全量同步")];

// 8. Hierarchical vs flat.

pub const HIERARCHY_TITLE: Text = Text("Hierarchical gossip vs flat", "分层 gossip 与扁平 gossip");
pub const HIERARCHY_BODY: &[Text] = &[
    Text(
        "In a flat cluster any node may call any other, so most calls cross between racks or \
         data centres. Hierarchical gossip puts nodes in groups (here 10 groups of 10): \
         members gossip inside their group, and only the leaders (nodes 0, 10, 20, …) gossip \
         across groups.",
        "在扁平集群中，任何节点都可以联系任何其他节点，所以大多数联系都跨越机架或数据中心。\
         分层 gossip 把节点分组（这里是 10 组，每组 10 个）：成员只在组内传播，只有组长\
         （节点 0、10、20……）在组间传播。",
    ),
    Text(
        "The table above runs both topologies on the same seed (anti-entropy push-pull, fanout 1, \
         news written at node 5) until every node has it: rounds, messages sent, and messages \
         that crossed a group border.",
        "上表用同一个种子运行两种拓扑（反熵推拉，扇出 1，消息写在节点 5），直到所有节点都\
         收到：所需轮数、发送的消息数，以及跨越组边界的消息数。",
    ),
];
pub const HIERARCHY_WATCH: Text = Text(
    "Hierarchical gossip needs a few more rounds, since news must pass through the leaders, \
     but only a small share of its messages cross groups, and that is the traffic that is \
     slow and costly between data centres.",
    "分层 gossip 要多花几轮，因为消息必须经组长中转；但它只有一小部分消息跨组，而跨数据中心\
     的流量恰恰又慢又贵。",
);
/// What real systems do instead of one leader per group (research notes:
/// docs/research/cassandra-redis-dynamo.md §4): Consul's docs, page "Gossip"
/// (consul/docs/concept/gossip: a LAN gossip pool per datacenter, a WAN gossip pool between
/// datacenters) and the "consul join" command page (`-wan`: servers "form a bridge between
/// multiple datacenters"); Cassandra's `src/java/org/apache/cassandra/gms/Gossiper.java`
/// (`doGossipToLiveMember` → `sendGossip` picks a random endpoint among all live ones, with
/// no datacenter filter).
pub const HIERARCHY_NEXT: Text = Text(
    "In the hierarchical variant, select node 0, the leader of the group where the news \
     starts, and kill it at round 0: the news never leaves the group. Real systems keep many \
     bridges: every Consul server is in its data centre's LAN pool and in the WAN pool of all \
     servers; Cassandra gossips across data centres directly.",
    "在分层变体中选中节点 0（消息起始组的组长），在第 0 轮杀死它：消息永远出不了这个组。\
     真实系统则有多座桥：Consul 的每台服务器既在本数据中心的 LAN 池里，也在所有服务器共同的 \
     WAN 池里；Cassandra 直接跨数据中心 gossip。",
);
pub const HIERARCHY_VARIANTS: &[Text] = &[
    Text("Hierarchical (groups of 10)", "分层（每组 10 个）"),
    Text("Flat (complete graph)", "扁平（完全图）"),
];

// 9. Adaptive interval.

pub const INTERVAL_TITLE: Text = Text("Adaptive gossip interval", "自适应 gossip 间隔");
pub const INTERVAL_BODY: &[Text] = &[
    Text(
        "The playground counts rounds unless the form's Time menu says real time; a real system \
         runs one round every interval. A short interval converges sooner but sends more \
         messages per second. The article proposes to widen the interval as the cluster grows: \
         interval = min(10, 1 + ln N) seconds.",
        "除非表单的“时间”菜单选了真实时间，演练场按轮计数；真实系统则每隔一个固定间隔才跑一轮。\
         间隔越短，收敛越快，但每秒发送的消息也越多。文章建议随集群规模加大间隔：\
         interval = min(10, 1 + ln N) 秒。",
    ),
    Text(
        "The table above measures rounds to converge with anti-entropy push-pull (fanout 1, mean of \
         several seeds, in your browser) and multiplies them by that interval.",
        "上表在你的浏览器中测量反熵推拉（扇出 1，多个种子取平均）的收敛轮数，再乘以这个间隔。",
    ),
    // hashicorp/memberlist: `config.go` DefaultLANConfig (GossipInterval 200 ms,
    // RetransmitMult 4), `util.go` retransmitLimit (RetransmitMult · ⌈log10(N + 1)⌉) and
    // pushPullScale (the push/pull interval × (⌈log2 N − log2 32⌉ + 1) above 32 nodes).
    Text(
        "Real systems keep the interval fixed instead: memberlist (Consul, Serf) gossips every \
         200 ms, retransmits each update RetransmitMult·⌈log10(N+1)⌉ = 4·⌈log10(N+1)⌉ times, \
         and above 32 nodes lengthens its push/pull interval.",
        "真实系统的间隔则是固定的：memberlist（Consul、Serf）每 200 毫秒 gossip 一次，每条更新\
         重传 RetransmitMult·⌈log10(N+1)⌉ = 4·⌈log10(N+1)⌉ 次，超过 32 个节点后拉长推拉同步的\
         间隔。",
    ),
];
pub const INTERVAL_WATCH: Text = Text(
    "Rounds grow like log N and the interval like ln N, so seconds grow like (log N)²: from \
     about ten seconds at N = 10 to about two minutes at N = 10,000, where the 10-second cap \
     holds. In exchange each node's send rate falls from one contact every 3.3\u{a0}s to one \
     every 10\u{a0}s.",
    "轮数按 log N 增长，间隔按 ln N 增长，所以秒数大约按 (log N)² 增长：从 N = 10 时的十来秒，\
     到 N = 10,000 时（10 秒上限已生效）的两分钟左右。作为交换，每个节点的发送频率从每 3.3 秒\
     一次降到每 10 秒一次。",
);
pub const INTERVAL_NEXT: Text = Text(
    "With a fixed 1-second interval, seconds would equal rounds, at ten times the traffic at \
     N = 10,000. Load N = 10,000 and press Play, then try fanout 2: fewer rounds, twice the \
     messages per round. To watch a clock instead, set Time to real time in the form: a round \
     every second, and each message travels for its latency.",
    "若把间隔固定为 1 秒，秒数就等于轮数，但 N = 10,000 时流量是原来的十倍。载入 \
     N = 10,000 并播放，再试试扇出 2：轮数更少，但每轮的消息翻倍。若想看时钟，在表单中把\
     “时间”设为真实时间：每秒一轮，每条消息都要经过各自的延迟才送达。",
);
