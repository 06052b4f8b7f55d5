//! Engine benchmarks (criterion): how fast a round runs, against a "bare kernel" floor.
//!
//! Groups:
//! - `push_round/anti_entropy/N`: one anti-entropy round, push, fanout 3, incremental sync,
//!   recording off, with one message held by a random half of the nodes. Each iteration
//!   steps a fresh clone of the same prepared cluster (the clone is not timed).
//! - `push_round/kernel/N`: the floor: each of N nodes draws its per-(round, node) stream
//!   with `gossip_engine::rng::stream` (as the engine does) and increments a counter at 3
//!   random targets. That is the RNG plus the random memory traffic a round cannot avoid.
//! - `rumor/extinction/10000`: a whole rumor run (push, feedback-counter, k = 2, fanout 1)
//!   from injection until no node is fresh, recording off.
//! - `anti_entropy_100_messages/round/1000`: one anti-entropy round (push, fanout 3,
//!   incremental) with 100 messages part-way through spreading.
//!
//! The half-informed cluster is prepared deterministically: a pseudo-random half of the
//! nodes (node 0 and each node whose SplitMix64 hash is even) is partitioned from the rest,
//! a message is injected at node 0 and spreads until that whole group holds it, and the
//! partition is healed. So exactly that half holds it, and the holders are spread over the
//! id space like a real epidemic's.
//!
//! - `swim_vs_push/swim_probe_period/10000`: one SWIM probe period (10 ticks of 100 ms) of the
//!   Consul LAN preset at N = 10⁴, recording off, on one steady cluster (no faults: pings,
//!   acks and empty gossip); next to it `swim_vs_push/anti_entropy_push_round/10000`, the
//!   push round of `push_round` at the same N. The SWIM cluster is stepped in place (cloning
//!   its N² = 10⁸ member entries per iteration would swamp the measurement).
//!
//! Run with `cargo bench -p gossip-engine --bench engine` (under a minute on 2 cores, build aside);
//! add a filter such as `-- push_round` to run one group.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
mod cluster;

use cluster::{SEED, anti_entropy, half_informed, inject};
use gossip_engine::rng::{Purpose, stream};
use gossip_engine::{Config, Simulation};

const SIZES: [u32; 4] = [1_000, 10_000, 100_000, 1_000_000];

/// The floor: per node, its engine-style random stream and 3 counter increments.
fn kernel(counters: &mut [u32], round: u32) {
    let n = counters.len() as u32;
    for node in 0..n {
        let mut rng = stream(SEED, round, node, Purpose::Peers);
        for _ in 0..3 {
            let t = rng.below(n) as usize;
            counters[t] = counters[t].wrapping_add(1);
        }
    }
}

fn push_round(c: &mut Criterion) {
    let mut g = c.benchmark_group("push_round");
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    for &n in &SIZES {
        g.throughput(Throughput::Elements(u64::from(n)));
        let (warm, measure) = if n >= 100_000 {
            (Duration::from_millis(500), Duration::from_secs(4))
        } else {
            (Duration::from_millis(300), Duration::from_secs(1))
        };
        g.warm_up_time(warm);
        g.measurement_time(measure);
        let base = half_informed(n);
        g.bench_with_input(BenchmarkId::new("anti_entropy", n), &base, |b, base| {
            b.iter_batched_ref(
                || base.clone(),
                |sim| black_box(sim.step()),
                BatchSize::PerIteration,
            );
        });
        drop(base);
        let mut counters = vec![0u32; n as usize];
        let mut round = 0;
        g.bench_function(BenchmarkId::new("kernel", n), |b| {
            b.iter(|| {
                round += 1;
                kernel(&mut counters, round);
                black_box(&counters);
            });
        });
    }
    g.finish();
}

fn rumor(c: &mut Criterion) {
    let mut g = c.benchmark_group("rumor");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_secs(2));
    let n = 10_000;
    // The default scenario: push, feedback + counter, k = 2, fanout 1, complete graph.
    let config = Config {
        nodes: n,
        ..Config::default()
    };
    let mut start = Simulation::new(config, SEED).expect("valid config");
    start.set_recording(false);
    start.apply(&inject(0)).expect("node 0 is alive");
    g.throughput(Throughput::Elements(u64::from(n)));
    g.bench_with_input(BenchmarkId::new("extinction", n), &start, |b, start| {
        b.iter_batched_ref(
            || start.clone(),
            |sim| {
                while sim.counts(0).expect("message 0").fresh > 0 {
                    black_box(sim.step());
                }
            },
            BatchSize::SmallInput,
        );
    });
    g.finish();
}

fn many_messages(c: &mut Criterion) {
    let mut g = c.benchmark_group("anti_entropy_100_messages");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_secs(2));
    let n = 1_000;
    let mut sim = Simulation::new(anti_entropy(n), SEED).expect("valid config");
    sim.set_recording(false);
    for m in 0..100 {
        sim.apply(&inject(m * 7 % n)).expect("alive node");
        if m % 25 == 24 {
            sim.step();
        }
    }
    sim.step();
    g.throughput(Throughput::Elements(u64::from(n)));
    g.bench_with_input(BenchmarkId::new("round", n), &sim, |b, base| {
        b.iter_batched_ref(
            || base.clone(),
            |sim| black_box(sim.step()),
            BatchSize::SmallInput,
        );
    });
    g.finish();
}

fn swim_vs_push(c: &mut Criterion) {
    use gossip_engine::swim::{Preset, SwimConfig, SwimSimulation};
    let n = 10_000;
    let mut g = c.benchmark_group("swim_vs_push");
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    let mut swim =
        SwimSimulation::new(SwimConfig::preset(Preset::ConsulLan, n), SEED).expect("valid config");
    swim.set_recording(false);
    let period = swim.timing().probe;
    g.bench_function(BenchmarkId::new("swim_probe_period", n), |b| {
        b.iter(|| {
            for _ in 0..period {
                black_box(swim.step());
            }
        });
    });
    drop(swim);
    let base = half_informed(n);
    g.bench_with_input(
        BenchmarkId::new("anti_entropy_push_round", n),
        &base,
        |b, base| {
            b.iter_batched_ref(
                || base.clone(),
                |sim| black_box(sim.step()),
                BatchSize::PerIteration,
            );
        },
    );
    g.finish();
}

criterion_group!(benches, push_round, rumor, many_messages, swim_vs_push);
criterion_main!(benches);
