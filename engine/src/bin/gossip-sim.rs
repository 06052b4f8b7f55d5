//! `gossip-sim`: the command-line simulator for batch experiments.
//!
//! `gossip-sim run` builds a `gossip_engine::Config` from flags (or reads a `gossip_engine::Scenario`
//! file), runs
//! `--trials` seeded trials in parallel, and prints the distribution of rounds, residue,
//! traffic, t_avg and t_last as a table, one JSON object, or CSV. `gossip-sim theory` prints
//! the curves and numbers of the published analyses to compare with.
//!
//! Exit codes: 0 on success, 2 on bad input (flags, scenario file, or a configuration the
//! engine refuses; the message is one line on stderr and nothing is written to stdout), 1 if
//! the output could not be written.

#![forbid(unsafe_code)]

#[path = "gossip_sim/args.rs"]
mod args;
#[path = "gossip_sim/cassandra_args.rs"]
mod cassandra_args;
#[path = "gossip_sim/cassandra_run.rs"]
mod cassandra_run;
#[path = "gossip_sim/dynamo_args.rs"]
mod dynamo_args;
#[path = "gossip_sim/dynamo_run.rs"]
mod dynamo_run;
#[path = "gossip_sim/faults.rs"]
mod faults;
#[path = "gossip_sim/measures.rs"]
mod measures;
#[path = "gossip_sim/per_round.rs"]
mod per_round;
#[path = "gossip_sim/plan.rs"]
mod plan;
#[path = "gossip_sim/pool.rs"]
mod pool;
#[path = "gossip_sim/realtime.rs"]
mod realtime;
#[path = "gossip_sim/redis_args.rs"]
mod redis_args;
#[path = "gossip_sim/redis_run.rs"]
mod redis_run;
#[path = "gossip_sim/report.rs"]
mod report;
#[path = "gossip_sim/sweep/mod.rs"]
mod sweep;
#[path = "gossip_sim/swim_args.rs"]
mod swim_args;
#[path = "gossip_sim/swim_run.rs"]
mod swim_run;
#[path = "gossip_sim/table.rs"]
mod table;
#[path = "gossip_sim/theory.rs"]
mod theory;
#[path = "gossip_sim/trial.rs"]
mod trial;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Cmd};

/// Exit code for bad input, as clap uses for bad flags.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(), // --help and --version: stdout, exit 0
        Err(e) => return fail(&one_line(&e)),
    };
    // A preset names its system: `run --preset redis-cluster` needs no `--protocol`.
    let cmd = match cli.cmd {
        Cmd::Run(mut a) => {
            if a.protocol.is_none() {
                a.protocol = a.swim.preset.map(|p| p.protocol());
            }
            Cmd::Run(a)
        }
        other => other,
    };
    let out = match cmd {
        Cmd::Run(a) if a.protocol == Some(args::ProtocolArg::Swim) => swim_run::run(&a),
        Cmd::Run(a) if a.protocol == Some(args::ProtocolArg::Cassandra) => cassandra_run::run(&a),
        Cmd::Run(a) if a.protocol == Some(args::ProtocolArg::RedisCluster) => redis_run::run(&a),
        Cmd::Run(a) if a.protocol == Some(args::ProtocolArg::Dynamo) => dynamo_run::run(&a),
        Cmd::Run(a) => plan::Plan::from_args(&a).and_then(|plan| {
            let (results, per_round) = trial::run_all(&plan, a.threads)?;
            Ok(report::render(
                &plan,
                &results,
                per_round.as_deref(),
                a.format,
            ))
        }),
        Cmd::Theory(a) => theory::render(&a),
        Cmd::Sweep(c) => sweep::render(&c),
    };
    match out {
        Ok(text) => write_stdout(&text),
        Err(msg) => fail(&msg),
    }
}

/// Prints a one-line error on stderr and returns the bad-input exit code.
fn fail(msg: &str) -> ExitCode {
    let msg = msg.strip_prefix("error: ").unwrap_or(msg);
    eprintln!("gossip-sim: error: {msg}");
    ExitCode::from(BAD_INPUT)
}

/// Folds clap's multi-line error into one line: the message and its tips, without the usage
/// block and the "for more information" footer.
fn one_line(e: &clap::Error) -> String {
    if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return "a subcommand is required: run, theory or sweep (see gossip-sim --help)"
            .to_string();
    }
    let rendered = e.render().to_string();
    let mut parts = Vec::new();
    for line in rendered.lines() {
        let line = line.trim();
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if !line.is_empty() {
            parts.push(line);
        }
    }
    format!("{} (see --help)", parts.join("; "))
}

/// Writes the whole output at once. A closed pipe (`| head`) is not an error.
fn write_stdout(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gossip-sim: error: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}
