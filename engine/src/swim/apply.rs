//! Commands on a running SWIM cluster: faults, membership changes and user events, each
//! checked first so that bad input is a typed error and never a panic.

use crate::command::CommandKind;
use crate::error::{Error, Result, check_range};
use crate::swim::command::SwimCommand;
use crate::swim::config::MAX_SWIM_NODES;
use crate::swim::event::SwimTick;
use crate::swim::metrics::{Detection, Spread};
use crate::swim::network::Condition;
use crate::swim::node::{Ctx, SwimNode};
use crate::swim::simulation::{NET_SALT, NODE_SALT, SwimSimulation, node_stream};
use crate::swim::update::Update;

impl SwimSimulation {
    fn check_node(&self, node: u32, command: CommandKind) -> Result<()> {
        let nodes = self.nodes();
        if node >= nodes {
            return Err(Error::UnknownNode { node, nodes });
        }
        if !self.net.conditions[node as usize].running() {
            return Err(Error::WrongNodeState {
                node,
                alive: false,
                command,
            });
        }
        Ok(())
    }

    /// Applies a command before the next tick.
    pub fn apply(&mut self, cmd: &SwimCommand) -> Result<()> {
        let t = self.tick;
        let ticks = self.timing.config.ticks();
        match *cmd {
            SwimCommand::Kill { node } => {
                self.check_node(node, CommandKind::Kill)?;
                self.net.conditions[node as usize].crashed = true;
                self.metrics.detections.insert(
                    node,
                    Detection {
                        crashed_at: t,
                        ..Detection::default()
                    },
                );
            }
            SwimCommand::Pause { node, ms } => {
                self.check_node(node, CommandKind::Pause)?;
                self.net.conditions[node as usize].paused_until = t + ticks.delay(f64::from(ms));
            }
            SwimCommand::Slow { node, ms, extra_ms } => {
                self.check_node(node, CommandKind::Slow)?;
                let c = &mut self.net.conditions[node as usize];
                c.slow_until = t + ticks.delay(f64::from(ms));
                c.slow_ticks = ticks.delay(f64::from(extra_ms));
            }
            SwimCommand::SetLoss { loss } => {
                check_range("loss", loss, 0.0, 1.0)?;
                self.net.loss = loss;
            }
            SwimCommand::SetNodeLoss {
                node,
                inbound,
                outbound,
            } => {
                check_range("inbound", inbound, 0.0, 1.0)?;
                check_range("outbound", outbound, 0.0, 1.0)?;
                self.check_node(node, CommandKind::SetLoss)?;
                let c = &mut self.net.conditions[node as usize];
                (c.loss_in, c.loss_out) = (inbound, outbound);
            }
            SwimCommand::Partition { ref groups } => {
                let nodes = self.nodes();
                let mut group = vec![0; nodes as usize];
                for (g, members) in groups.iter().enumerate() {
                    for &m in members {
                        if m >= nodes {
                            return Err(Error::UnknownNode { node: m, nodes });
                        }
                        if group[m as usize] != 0 {
                            return Err(Error::NodeInTwoGroups { node: m });
                        }
                        group[m as usize] = g as u32 + 1;
                    }
                }
                self.net.group = group;
            }
            SwimCommand::Heal => self.net.group.iter_mut().for_each(|g| *g = 0),
            SwimCommand::Join { via } => self.join(via)?,
            SwimCommand::Leave { node } => {
                self.check_node(node, CommandKind::Leave)?;
                let n = &mut self.nodes[node as usize];
                if !n.leaving {
                    n.leaving = true;
                    let inc = n.incarnation();
                    let mut events = Vec::new();
                    let mut out = Vec::new();
                    let mut cx = Ctx {
                        timing: &self.timing,
                        tick: t,
                        out: &mut out,
                        events: &mut events,
                    };
                    n.on_dead(node, inc, node, &mut cx);
                }
            }
            SwimCommand::Inject { node } => {
                self.check_node(node, CommandKind::Inject)?;
                let id = self.next_event;
                self.next_event += 1;
                let mut events = Vec::new();
                let mut cx = Ctx {
                    timing: &self.timing,
                    tick: t,
                    out: &mut Vec::new(),
                    events: &mut events,
                };
                self.nodes[node as usize].apply(Update::User { id }, &mut cx);
                self.metrics.spreads.insert(
                    id,
                    Spread {
                        injected_at: t,
                        everywhere: None,
                    },
                );
            }
        }
        Ok(())
    }

    /// Adds a member that knows only itself and `via`, and pushes its state to `via`.
    fn join(&mut self, via: u32) -> Result<()> {
        self.check_node(via, CommandKind::Join)?;
        let id = self.nodes();
        check_range("nodes", id + 1, 1, MAX_SWIM_NODES)?;
        let mut node = SwimNode::new(
            id,
            id + 1,
            0,
            &self.timing,
            node_stream(self.seed, id, NODE_SALT),
        );
        let mut events = Vec::new();
        let mut out = Vec::new();
        let mut cx = Ctx {
            timing: &self.timing,
            tick: self.tick,
            out: &mut out,
            events: &mut events,
        };
        node.on_alive(via, 0, &mut cx);
        node.queue.push(Update::Alive {
            member: id,
            incarnation: 1,
        });
        node.push_state(via, false, &mut cx);
        self.nodes.push(node);
        self.net.conditions.push(Condition::default());
        self.net.group.push(0);
        self.net.rng.push(node_stream(self.seed, id, NET_SALT));
        let mut report = SwimTick::default();
        self.dispatch(&mut out, &mut report);
        Ok(())
    }
}
