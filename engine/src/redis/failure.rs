//! Failure reports and PFAIL → FAIL (`cluster_legacy.c`: `clusterNodeAddFailureReport`,
//! `clusterNodeDelFailureReport`, `clusterNodeCleanupFailureReports`,
//! `markNodeAsFailingIfNeeded`, `clusterSendFail`).

use crate::redis::config::FAIL_REPORT_VALIDITY_MULT;
use crate::redis::gossip::Msg;
use crate::redis::simulation::{RedisEvent, RedisSimulation};

impl RedisSimulation {
    /// `clusterNodeAddFailureReport`: `reporter` (a master) says `j` is failing; add the
    /// report or refresh its time.
    pub(super) fn add_failure_report(&mut self, me: u32, j: u32, reporter: u32) {
        let now = self.now_ms();
        self.nodes[me as usize].edit_reports(j, |reports| {
            match reports.iter_mut().find(|(r, _)| *r == reporter) {
                Some(r) => r.1 = now,
                None => reports.push((reporter, now)),
            }
        });
    }

    /// `clusterNodeDelFailureReport`: `reporter` sees `j` without failure flags.
    pub(super) fn del_failure_report(&mut self, me: u32, j: u32, reporter: u32) {
        self.cleanup_failure_reports(me, j);
        self.nodes[me as usize].edit_reports(j, |reports| reports.retain(|(r, _)| *r != reporter));
    }

    /// `clusterNodeCleanupFailureReports`: drop reports older than
    /// node_timeout · `CLUSTER_FAIL_REPORT_VALIDITY_MULT`.
    fn cleanup_failure_reports(&mut self, me: u32, j: u32) {
        let now = self.now_ms();
        let validity = u64::from(self.config.node_timeout_ms) * FAIL_REPORT_VALIDITY_MULT;
        self.nodes[me as usize].edit_reports(j, |reports| {
            reports.retain(|&(_, t)| now.saturating_sub(t) <= validity)
        });
    }

    /// `clusterNodeFailureReportsCount`: valid reports about `j` held by `me`.
    pub fn failure_reports(&mut self, me: u32, j: u32) -> u32 {
        self.cleanup_failure_reports(me, j);
        self.nodes[me as usize].records[j as usize].reports.len() as u32
    }

    /// `markNodeAsFailingIfNeeded`: if `me` holds `j` PFAIL and a majority of the masters
    /// (the reports, plus `me` if it is a master) agree, flag it FAIL and broadcast FAIL.
    pub(super) fn mark_failing_if_needed(&mut self, me: u32, j: u32) {
        let needed = self.quorum();
        let peer = &self.nodes[me as usize].peers[j as usize];
        if !peer.pfail || peer.fail {
            return;
        }
        let mut failures = self.failure_reports(me, j);
        if self.roles[me as usize].master {
            failures += 1;
        }
        if failures < needed {
            return;
        }
        let now = self.now_ms();
        self.nodes[me as usize].set_pfail(j, false);
        let node = &mut self.nodes[me as usize];
        node.peers[j as usize].fail = true;
        node.records[j as usize].fail_time = now;
        let healthy = self.conditions[j as usize].acts(self.tick);
        self.metrics.on_fail(j, self.elapsed_ms(), healthy);
        self.record(RedisEvent::Fail {
            observer: me,
            node: j,
            reports: failures,
        });
        self.send_fail(me, j);
    }

    /// `clusterSendFail`: FAIL about `j` to every node `me` knows.
    fn send_fail(&mut self, me: u32, j: u32) {
        for k in 0..self.nodes.len() as u32 {
            if k != me && self.nodes[me as usize].peers[k as usize].known {
                self.send(me, k, Msg::Fail { node: j });
            }
        }
    }
}
