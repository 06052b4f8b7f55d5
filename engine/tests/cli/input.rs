//! Bad input and scenario files.

use super::*;

#[test]
fn bad_input_exits_2_with_nothing_on_stdout() {
    let e = refused(&["run", "--nodes", "50", "--fanout", "50"]);
    assert!(
        e.contains("fanout = 50 is out of range: allowed 1..=49"),
        "the engine's message is passed on: {e}"
    );
    refused(&["run", "--nodes", "many"]);
    refused(&["run", "--protocol", "gossipy"]);
    refused(&["run", "--no-such-flag"]);
    refused(&["run", "--loss", "1.5"]);
    refused(&["run", "--kill", "3"]);
    let e = refused(&["run", "--nodes", "10", "--kill", "12@1"]);
    assert!(e.contains("unknown node 12"), "{e}");
    refused(&["run", "--protocol", "rumor", "--sync", "full"]);
    refused(&["run", "--protocol", "membership", "--nodes", "5000"]);
    refused(&["run", "--protocol", "membership", "--topology", "ring"]);
    refused(&["run", "--trials", "0"]);
    refused(&["theory", "--nodes", "10", "--fanout", "10"]);
    refused(&["theory", "--nodes", "10", "--interval", "0.2"]);
    refused(&["theory", "--model", "serf", "--nodes", "10", "--k", "2"]);
    refused(&["theory", "--model", "swim", "--nodes", "10"]);
    let e = refused(&["theory", "--model", "serf", "--nodes", "0"]);
    assert!(e.contains("nodes = 0 is out of range"), "{e}");
    let e = refused(&[
        "theory", "--model", "serf", "--nodes", "30", "--loss", "1.5",
    ]);
    assert!(e.contains("loss = 1.5 is out of range"), "{e}");
    refused(&[
        "theory",
        "--model",
        "serf",
        "--nodes",
        "30",
        "--interval",
        "0",
    ]);
    refused(&[]);
}

#[test]
fn bad_scenario_files_exit_2() {
    let missing = std::env::temp_dir().join("gossip-sim-test-there-is-no-such-file.json");
    let e = refused(&["run", "--scenario", missing.to_str().expect("utf-8 path")]);
    assert!(e.contains("cannot read scenario file"), "{e}");

    let garbage = temp_file("garbage.json", "{ not json");
    let e = refused(&["run", "--scenario", garbage.to_str().expect("utf-8 path")]);
    assert!(e.contains("not a valid scenario"), "{e}");

    let mut s = Scenario::new(
        Config {
            nodes: 10,
            fanout: 10,
            ..Config::default()
        },
        1,
    );
    let bad_config = temp_file(
        "bad-config.json",
        &serde_json::to_string(&s).expect("serialises"),
    );
    let e = refused(&[
        "run",
        "--scenario",
        bad_config.to_str().expect("utf-8 path"),
    ]);
    assert!(e.contains("fanout = 10 is out of range"), "{e}");

    s.config.fanout = 1;
    s.actions.push(TimedCommand {
        round: 2,
        command: Cmd::Kill { node: 99 },
    });
    let bad_action = temp_file(
        "bad-action.json",
        &serde_json::to_string(&s).expect("serialises"),
    );
    let e = refused(&[
        "run",
        "--scenario",
        bad_action.to_str().expect("utf-8 path"),
    ]);
    assert!(e.contains("unknown node 99"), "{e}");

    let e = refused(&[
        "run",
        "--scenario",
        bad_action.to_str().expect("utf-8 path"),
        "--nodes",
        "5",
    ]);
    assert!(
        e.contains("cannot be used with"),
        "flags do not override a scenario: {e}"
    );
    for p in [garbage, bad_config, bad_action] {
        let _ = std::fs::remove_file(p);
    }
}

#[test]
fn a_scenario_file_gives_config_seed_and_actions() {
    let mut s = Scenario::new(
        Config {
            nodes: 64,
            fanout: 2,
            loss: 0.0,
            protocol: Protocol::AntiEntropy {
                mode: Mode::PushPull,
                sync: Sync::Full,
            },
            topology: TopologyConfig::Complete,
            time: None,
        },
        42,
    );
    s.actions.push(TimedCommand {
        round: 0,
        command: Cmd::Inject {
            node: 5,
            id: None,
            content: "hello".into(),
        },
    });
    let path = temp_file(
        "scenario.json",
        &serde_json::to_string(&s).expect("serialises"),
    );
    let v = json(&[
        "run",
        "--scenario",
        path.to_str().expect("utf-8 path"),
        "--trials",
        "2",
    ]);
    let _ = std::fs::remove_file(&path);
    let config: Config = serde_json::from_value(v["config"].clone()).expect("config round-trips");
    assert_eq!(config, s.config);
    assert_eq!(v["seed"], 42);
    let actions = v["actions"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "the scenario's own injection, none added");
    assert_eq!(actions[0]["node"], 5);
    assert_eq!(v["converged"], 1.0);
}

/// clap checks its flags (no two of one name, across the protocols' groups) when it builds
/// the command; `--help` builds every subcommand.
#[test]
fn help_builds_every_subcommand() {
    for sub in [
        &["run", "--help"][..],
        &["theory", "--help"],
        &["sweep", "plan", "--help"],
    ] {
        let out = sim(sub);
        assert!(
            out.status.success(),
            "{sub:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let help = ok(&["run", "--help"]);
    for flag in [
        "--join",
        "--restart",
        "--node-timeout-ms",
        "--phi-convict-threshold",
    ] {
        assert!(help.contains(flag), "{flag}");
    }
}
