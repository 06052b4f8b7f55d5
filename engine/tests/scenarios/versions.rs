//! Joins and versions: a joining node catches up, and a newer version supersedes everywhere.

use super::*;

#[test]
fn a_joining_node_gets_the_message() {
    for topology in [TopologyConfig::Complete, TopologyConfig::Ring { k: 1 }] {
        let cfg = Config {
            topology: topology.clone(),
            ..config(20, 1, anti_entropy(Mode::PushPull))
        };
        let (mut sim, id) = start(cfg, 13);
        assert!(
            run_until(&mut sim, 200, converged),
            "{topology:?}: converges first"
        );
        let joined = sim.nodes();
        assert_eq!(
            sim.apply(&Command::Join { seed: 3 }),
            Ok(None),
            "{topology:?}: join through a live seed succeeds"
        );
        assert_eq!(sim.nodes(), joined + 1, "{topology:?}: one more node");
        assert!(
            sim.table(joined).is_empty(),
            "{topology:?}: the new node starts empty"
        );
        let c = sim.counts(id).expect("m0");
        assert_eq!(
            (c.unaware, c.total()),
            (1, 21),
            "{topology:?}: counts include the new node"
        );
        assert!(
            run_until(&mut sim, 100, converged),
            "{topology:?}: anti-entropy reaches the new node"
        );
        assert!(
            sim.table(joined)
                .iter()
                .any(|r| r.id == id && r.version == 1),
            "{topology:?}: the new node holds m0"
        );
    }
}

#[test]
fn reinjection_creates_a_newer_version_that_supersedes_everywhere() {
    let (mut sim, id) = start(config(30, 1, anti_entropy(Mode::PushPull)), 23);
    assert!(run_until(&mut sim, 60, converged), "v1 converges");
    let again = sim.apply(&Command::Inject {
        node: 5,
        id: Some(id),
        content: "v2".into(),
    });
    assert_eq!(again, Ok(Some(id)), "re-injection keeps the id");
    let r5 = sim.table(5);
    assert!(
        r5[0].version == 2 && r5[0].origin == 5 && r5[0].content == "v2" && !r5[0].outdated,
        "the writer holds v2 at once: {r5:?}"
    );
    let r0 = sim.table(0);
    assert!(
        r0[0].version == 1 && r0[0].outdated,
        "others hold v1, now outdated: {r0:?}"
    );
    let c = sim.counts(id).expect("m0");
    assert_eq!(
        (c.fresh, c.unaware),
        (1, 29),
        "holders of v1 are unaware of the latest version"
    );
    assert_eq!(
        sim.message(id).and_then(|m| m.converged_at),
        None,
        "v2 has not converged"
    );

    // A concurrent write elsewhere before v2 spread: it gets number 3 and wins.
    sim.step();
    sim.apply(&Command::Inject {
        node: 9,
        id: Some(id),
        content: "v3".into(),
    })
    .expect("another version");
    let mut best = [0u32; 30];
    let converged_v3 = run_until(&mut sim, 80, |s| {
        for (node, b) in best.iter_mut().enumerate() {
            let v = s.table(node as u32)[0].version;
            assert!(
                v >= *b,
                "node {node}: versions only move forward ({b} then {v})"
            );
            *b = v;
        }
        converged(s)
    });
    assert!(converged_v3, "the newest version reaches everyone");
    assert_everyone_holds(&sim, 3, 9, "v3", "after two re-injections");
    assert_eq!(
        sim.message(id).expect("m0").versions.len(),
        3,
        "three versions were written"
    );
}

#[test]
fn a_newer_rumor_version_supersedes_an_older_one() {
    let p = rumor(Mode::Push, Feedback::Feedback, Decay::Counter, 3);
    let (mut sim, id) = start(config(100, 1, p), 31);
    for _ in 0..3 {
        sim.step();
    }
    sim.apply(&Command::Inject {
        node: 50,
        id: Some(id),
        content: "newer".into(),
    })
    .expect("re-inject");
    assert!(
        run_until(&mut sim, 300, extinct),
        "the newer version dies out too"
    );
    let mut newer = 0;
    for node in 0..100 {
        for row in sim.table(node) {
            if row.version == 2 {
                newer += 1;
            } else {
                assert!(
                    row.outdated,
                    "node {node}: a holder of version 1 is marked outdated"
                );
            }
        }
    }
    let c = sim.counts(id).expect("m0");
    assert_eq!(
        c.informed(),
        newer,
        "counts are about the newest version only"
    );
    assert!(
        newer > 50,
        "the newer rumor spreads like any rumor (k = 3 leaves ~1% residue)"
    );
}
