//! The scenario form's values as typed, and their conversion into an engine [`Config`].
//! Every refusal names the field, so the form can show it inline.

use gossip_engine::config::MAX_K;
use gossip_engine::names::Named;
use gossip_engine::round_time::RoundTime;
use gossip_engine::time::{Latency, LatencyDist};
use gossip_engine::{
    Config, Decay, Error, Feedback, Mode, Protocol, ProtocolKind, Removal, Sync, TopologyConfig,
    TopologyKind,
};

use crate::view::{MAX_UI_MEMBERSHIP_NODES, MAX_UI_NODES};

/// The form, one string per input.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// rumor, hybrid, anti-entropy or membership.
    pub protocol: String,
    /// push, pull or push-pull.
    pub mode: String,
    /// incremental or full.
    pub sync: String,
    /// feedback or blind.
    pub feedback: String,
    /// counter or coin.
    pub decay: String,
    /// Loss-of-interest parameter.
    pub k: String,
    /// Hybrid: anti-entropy every this many rounds.
    pub repair_every: String,
    /// Membership: rounds before a silent member is failed.
    pub t_fail: String,
    /// Membership: rounds before it is forgotten.
    pub t_cleanup: String,
    /// Cluster size.
    pub nodes: String,
    /// Peers per round.
    pub fanout: String,
    /// Topology name.
    pub topology: String,
    /// Ring / Watts–Strogatz neighbours per side.
    pub ring_k: String,
    /// Random-regular degree.
    pub degree: String,
    /// Erdős–Rényi edge probability.
    pub p: String,
    /// Watts–Strogatz rewiring probability.
    pub beta: String,
    /// Barabási–Albert links per node.
    pub m: String,
    /// Hierarchical group size.
    pub group_size: String,
    /// Seed.
    pub seed: String,
    /// "rounds" (the abstract model) or "real" (a time model).
    pub time: String,
    /// Time model: milliseconds per tick.
    pub tick_ms: String,
    /// Time model: ticks between rounds.
    pub interval: String,
    /// Time model: mean latency of a leg, in milliseconds.
    pub latency_ms: String,
    /// Time model: constant, uniform or exponential.
    pub dist: String,
}

/// A refused form: which field, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The field's name (as in [`Draft`]).
    pub field: String,
    /// What is wrong; the form words it in the reader's language (`crate::i18n`).
    pub problem: Problem,
}

/// Why a field was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Not a whole number (the value as typed).
    NotWhole(String),
    /// Not a finite number (the value as typed).
    NotNumber(String),
    /// Not one of the options (the value as given).
    Unknown(String),
    /// More nodes than the playground draws.
    TooManyNodes {
        /// The value given.
        nodes: u32,
        /// The playground's limit.
        max: u32,
    },
    /// The seed is not a `u64`.
    Seed,
    /// Membership with a topology other than complete.
    MembershipNeedsComplete,
    /// The engine refused the configuration.
    Engine(Error),
}

/// A refusal, boxed: the form's helpers pass errors up with `?`, and a `FieldError` is much
/// larger than the values they return (clippy's `result_large_err`).
type Refused = Box<FieldError>;

fn err(field: &str, problem: Problem) -> Refused {
    Box::new(FieldError {
        field: field.to_string(),
        problem,
    })
}

fn int(field: &str, v: &str) -> Result<u32, Refused> {
    v.trim()
        .parse::<u32>()
        .map_err(|_| err(field, Problem::NotWhole(v.trim().to_string())))
}

fn float(field: &str, v: &str) -> Result<f64, Refused> {
    v.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| err(field, Problem::NotNumber(v.trim().to_string())))
}

/// The value of a menu field, by the engine's name table.
fn choice<T: Named>(field: &str, value: &str) -> Result<T, Refused> {
    T::from_name(value.trim()).map_err(|_| err(field, Problem::Unknown(value.to_string())))
}

impl Draft {
    /// The form showing an existing configuration.
    pub fn from_config(c: &Config, seed: u64) -> Self {
        let mut d = Draft {
            protocol: c.protocol.kind().as_str().into(),
            mode: "push".into(),
            sync: "incremental".into(),
            feedback: "feedback".into(),
            decay: "counter".into(),
            k: "2".into(),
            repair_every: "10".into(),
            t_fail: "6".into(),
            t_cleanup: "12".into(),
            nodes: c.nodes.to_string(),
            fanout: c.fanout.to_string(),
            topology: c.topology.kind().as_str().into(),
            ring_k: "2".into(),
            degree: "4".into(),
            p: "0.08".into(),
            beta: "0.2".into(),
            m: "2".into(),
            group_size: "10".into(),
            seed: seed.to_string(),
            time: if c.time.is_some() { "real" } else { "rounds" }.into(),
            tick_ms: String::new(),
            interval: String::new(),
            latency_ms: String::new(),
            dist: String::new(),
        };
        // Real time shows its values, or offers the engine's defaults.
        let t = c.time.unwrap_or_default();
        d.tick_ms = t.tick_ms.to_string();
        d.interval = t.interval.to_string();
        d.latency_ms = t.latency.mean_ms.to_string();
        d.dist = t.latency.dist.as_str().into();
        match &c.protocol {
            Protocol::AntiEntropy { mode, sync } => {
                d.mode = mode.as_str().into();
                d.sync = sync.as_str().into();
            }
            Protocol::Rumor {
                mode,
                removal,
                repair_every,
            } => {
                d.mode = mode.as_str().into();
                d.feedback = removal.feedback.as_str().into();
                d.decay = removal.decay.as_str().into();
                d.k = removal.k.to_string();
                if let Some(r) = repair_every {
                    d.repair_every = r.to_string();
                }
            }
            Protocol::Membership { t_fail, t_cleanup } => {
                d.t_fail = t_fail.to_string();
                d.t_cleanup = t_cleanup.to_string();
            }
        }
        match c.topology {
            TopologyConfig::Ring { k } => d.ring_k = k.to_string(),
            TopologyConfig::RandomRegular { degree } => d.degree = degree.to_string(),
            TopologyConfig::ErdosRenyi { p } => d.p = p.to_string(),
            TopologyConfig::WattsStrogatz { k, beta } => {
                d.ring_k = k.to_string();
                d.beta = beta.to_string();
            }
            TopologyConfig::BarabasiAlbert { m } => d.m = m.to_string(),
            TopologyConfig::Hierarchical { group_size } => d.group_size = group_size.to_string(),
            TopologyConfig::Complete | TopologyConfig::Grid => {}
        }
        d
    }

    /// The time model, when the form asks for real time.
    fn time(&self) -> Result<Option<RoundTime>, Refused> {
        if self.time.trim() != "real" {
            return Ok(None);
        }
        Ok(Some(RoundTime {
            tick_ms: int("tick_ms", &self.tick_ms)?,
            interval: int("interval", &self.interval)?,
            latency: Latency {
                dist: choice::<LatencyDist>("dist", &self.dist)?,
                mean_ms: float("latency_ms", &self.latency_ms)?,
            },
        }))
    }

    fn mode(&self) -> Result<Mode, Refused> {
        choice("mode", &self.mode)
    }

    fn topology(&self) -> Result<TopologyConfig, Refused> {
        Ok(match choice("topology", &self.topology)? {
            TopologyKind::Complete => TopologyConfig::Complete,
            TopologyKind::Ring => TopologyConfig::Ring {
                k: int("ring_k", &self.ring_k)?,
            },
            TopologyKind::Grid => TopologyConfig::Grid,
            TopologyKind::RandomRegular => TopologyConfig::RandomRegular {
                degree: int("degree", &self.degree)?,
            },
            TopologyKind::ErdosRenyi => TopologyConfig::ErdosRenyi {
                p: float("p", &self.p)?,
            },
            TopologyKind::WattsStrogatz => TopologyConfig::WattsStrogatz {
                k: int("ring_k", &self.ring_k)?,
                beta: float("beta", &self.beta)?,
            },
            TopologyKind::BarabasiAlbert => TopologyConfig::BarabasiAlbert {
                m: int("m", &self.m)?,
            },
            TopologyKind::Hierarchical => TopologyConfig::Hierarchical {
                group_size: int("group_size", &self.group_size)?,
            },
        })
    }

    /// Converts and validates; the error names the first bad field.
    pub fn build(&self) -> Result<(Config, u64), FieldError> {
        self.config().map_err(|e| *e)
    }

    fn config(&self) -> Result<(Config, u64), Refused> {
        let nodes = int("nodes", &self.nodes)?;
        let max = if self.protocol == "membership" {
            MAX_UI_MEMBERSHIP_NODES
        } else {
            MAX_UI_NODES
        };
        if !(2..=max).contains(&nodes) {
            return Err(err("nodes", Problem::TooManyNodes { nodes, max }));
        }
        let fanout = int("fanout", &self.fanout)?;
        let seed = self
            .seed
            .trim()
            .parse::<u64>()
            .map_err(|_| err("seed", Problem::Seed))?;
        let removal = || -> Result<Removal, Refused> {
            Ok(Removal {
                feedback: choice::<Feedback>("feedback", &self.feedback)?,
                decay: choice::<Decay>("decay", &self.decay)?,
                k: int("k", &self.k)?,
            })
        };
        let protocol = match choice("protocol", &self.protocol)? {
            ProtocolKind::AntiEntropy => Protocol::AntiEntropy {
                mode: self.mode()?,
                sync: choice::<Sync>("sync", &self.sync)?,
            },
            ProtocolKind::Rumor => Protocol::Rumor {
                mode: self.mode()?,
                removal: removal()?,
                repair_every: None,
            },
            ProtocolKind::Hybrid => Protocol::Rumor {
                mode: self.mode()?,
                removal: removal()?,
                repair_every: Some(int("repair_every", &self.repair_every)?),
            },
            ProtocolKind::Membership => Protocol::Membership {
                t_fail: int("t_fail", &self.t_fail)?,
                t_cleanup: int("t_cleanup", &self.t_cleanup)?,
            },
        };
        let config = Config {
            nodes,
            fanout,
            loss: 0.0,
            protocol,
            topology: self.topology()?,
            time: self.time()?,
        };
        config.validate().map_err(|e| {
            let field = match &e {
                Error::OutOfRange { field, .. } | Error::NotFinite { field } => match *field {
                    // The engine calls the ring's k "k" too; it checks the rumor's first.
                    "k" if !matches!(&config.protocol,
                        Protocol::Rumor { removal, .. } if !(1..=MAX_K).contains(&removal.k)) =>
                    {
                        "ring_k"
                    }
                    f => f,
                },
                _ => "topology",
            };
            err(field, Problem::Engine(e))
        })?;
        if let Protocol::Membership { .. } = config.protocol {
            if config.topology != TopologyConfig::Complete {
                return Err(err("topology", Problem::MembershipNeedsComplete));
            }
        }
        Ok((config, seed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_default() {
        let c = Config::default();
        let d = Draft::from_config(&c, 9);
        assert_eq!(d.build(), Ok((c, 9)));
    }

    #[test]
    fn round_trips_a_time_model_and_names_its_fields() {
        let c = Config {
            time: Some(RoundTime {
                tick_ms: 50,
                interval: 4,
                latency: Latency {
                    dist: LatencyDist::Exponential,
                    mean_ms: 120.5,
                },
            }),
            ..Config::default()
        };
        let mut d = Draft::from_config(&c, 3);
        assert_eq!(d.time, "real");
        assert_eq!(d.build(), Ok((c, 3)));
        d.interval = "0".into();
        assert_eq!(d.build().unwrap_err().field, "interval");
        d.interval = "4".into();
        d.latency_ms = "-1".into();
        assert_eq!(d.build().unwrap_err().field, "latency_ms");
        d.time = "rounds".into();
        assert_eq!(
            d.build().map(|(c, _)| c.time),
            Ok(None),
            "rounds ignore the rest"
        );
    }

    #[test]
    fn a_bad_ring_k_under_rumor_names_the_ring() {
        let mut d = Draft::from_config(&Config::default(), 1);
        d.topology = "watts-strogatz".into();
        d.ring_k = "40".into();
        assert_eq!(d.build().unwrap_err().field, "ring_k");
        d.ring_k = "2".into();
        d.k = "0".into();
        assert_eq!(d.build().unwrap_err().field, "k");
    }

    #[test]
    fn names_the_bad_field() {
        let mut d = Draft::from_config(&Config::default(), 1);
        d.nodes = "20000".into();
        assert_eq!(d.build().unwrap_err().field, "nodes");
        d.nodes = "abc".into();
        assert_eq!(
            d.build().unwrap_err().problem,
            Problem::NotWhole("abc".into())
        );
        d.nodes = "50".into();
        d.fanout = "50".into();
        let e = d.build().unwrap_err();
        assert_eq!(e.field, "fanout");
        assert!(matches!(
            e.problem,
            Problem::Engine(Error::OutOfRange {
                field: "fanout",
                ..
            })
        ));
    }
}
