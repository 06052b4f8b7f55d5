//! Links written today must keep opening what they showed: `tests/links.json` stores example
//! links (written with format version 1) with the round and counts they opened at when
//! stored. A change to the engine's semantics or the link format that breaks them fails here.
//!
//! To add a link, append `{"query": "...", "round": 0, "counts": {...}}` and run with
//! `LINKS_PRINT=1` to see what it opens today.
#![cfg(not(target_arch = "wasm32"))]

use gossip_engine::Timeline;
use gossip_playground::lessons::LESSONS;
use gossip_playground::share::link::decode;

#[derive(serde::Deserialize)]
struct Stored {
    query: String,
    round: u32,
    counts: Counts,
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Counts {
    unaware: u32,
    fresh: u32,
    stale: u32,
    dead: u32,
}

#[test]
fn stored_links_open_what_they_showed() {
    let links: Vec<Stored> =
        serde_json::from_str(include_str!("links.json")).expect("tests/links.json parses");
    assert!(links.len() >= 6, "keep a varied set of links");
    for l in links {
        let d = decode(&l.query, LESSONS.len());
        assert!(d.problems.is_empty(), "{}: {:?}", l.query, d.problems);
        let t = Timeline::from_scenario(&d.link.scenario).expect("the link replays");
        let m = d.link.view.message.unwrap_or(0);
        let c = t.sim().counts(m).unwrap_or_default();
        let got = Counts {
            unaware: c.unaware,
            fresh: c.fresh,
            stale: c.stale,
            dead: c.dead,
        };
        if std::env::var_os("LINKS_PRINT").is_some() {
            println!("{} => round {} {:?}", l.query, t.round(), got);
            continue;
        }
        assert_eq!(t.round(), l.round, "{}: round", l.query);
        assert_eq!(got, l.counts, "{}: counts", l.query);
    }
}
