//! Writing a link: the pairs after `#` (or `?`), as `application/x-www-form-urlencoded`.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use gossip_engine::{Named, Protocol, Scenario, Sync, TopologyConfig};

use super::{LINK_VERSION, Options, Theme, default_actions};
use crate::lang::Lang;
use crate::view::View;

/// The link's pairs (without `#` or `?`) for a run and its view.
pub fn encode(scenario: &Scenario, view: &View, options: &Options) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    let c = &scenario.config;
    let mut put = |key: &str, value: &dyn ToString| {
        q.append_pair(key, &value.to_string());
    };
    put("v", &LINK_VERSION);
    put("protocol", &c.protocol.kind().as_str());
    match &c.protocol {
        Protocol::AntiEntropy { mode, sync } => {
            put("mode", &mode.as_str());
            if *sync == Sync::Full {
                put("sync", &sync.as_str());
            }
        }
        Protocol::Rumor {
            mode,
            removal,
            repair_every,
        } => {
            put("mode", &mode.as_str());
            put("removal", &removal.kind().as_str());
            put("k", &removal.k);
            if let Some(r) = repair_every {
                put("repair", r);
            }
        }
        Protocol::Membership { t_fail, t_cleanup } => {
            put("t_fail", t_fail);
            put("t_cleanup", t_cleanup);
        }
    }
    put("n", &c.nodes);
    put("fanout", &c.fanout);
    if c.loss > 0.0 {
        put("loss", &c.loss);
    }
    put("topology", &c.topology.kind().as_str());
    match c.topology {
        TopologyConfig::Ring { k } => put("ring_k", &k),
        TopologyConfig::RandomRegular { degree } => put("degree", &degree),
        TopologyConfig::ErdosRenyi { p } => put("p", &p),
        TopologyConfig::WattsStrogatz { k, beta } => {
            put("ring_k", &k);
            put("beta", &beta);
        }
        TopologyConfig::BarabasiAlbert { m } => put("m", &m),
        TopologyConfig::Hierarchical { group_size } => put("group", &group_size),
        TopologyConfig::Complete | TopologyConfig::Grid => {}
    }
    if let Some(t) = &c.time {
        put("tick", &t.tick_ms);
        put("every", &t.interval);
        put("latency", &t.latency.mean_ms);
        put("dist", &t.latency.dist.as_str());
    }
    put("seed", &scenario.seed);
    put("round", &scenario.round);
    // No `a=` means "the usual first rumor" (see `default_actions`), so an empty log that
    // differs from it is written out as `[]`.
    if !scenario.actions.is_empty() || !default_actions(c).is_empty() {
        // Serialising plain data to a String cannot fail.
        let json = serde_json::to_string(&scenario.actions).unwrap_or_default();
        put("a", &URL_SAFE_NO_PAD.encode(json));
    }
    for (key, value) in [
        ("msg", view.message),
        ("sel", view.selected),
        ("follow", view.subject),
    ] {
        if let Some(v) = value {
            put(key, &v);
        }
    }
    if let Some(s) = view.speed {
        put("speed", &s);
    }
    if view.playing {
        put("autoplay", &1);
    }
    if let Some(l) = options.lang {
        put("lang", &if l == Lang::Zh { "zh" } else { "en" });
    }
    if let Some(t) = options.theme {
        put("theme", &if t == Theme::Dark { "dark" } else { "light" });
    }
    if let Some(l) = options.lesson {
        put("lesson", &(l + 1));
    }
    if options.embed {
        put("embed", &1);
        put("controls", &options.controls.as_str());
    }
    q.finish()
}
