//! Property tests of the link decoder: whatever the query string, decoding never panics and
//! yields a scenario that is valid, within the playground's limits, and replays.
#![cfg(not(target_arch = "wasm32"))]

use gossip_engine::Timeline;
use gossip_playground::lessons::LESSONS;
use gossip_playground::share::link::{KNOWN, MAX_REPLAY_WORK, decode, encode};
use gossip_playground::view::MAX_UI_NODES;
use proptest::prelude::*;

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..20).prop_map(|x| x.to_string()),
        (0u64..100_000).prop_map(|x| x.to_string()),
        Just("18446744073709551616".to_string()),
        Just("-1".to_string()),
        Just("NaN".to_string()),
        Just("1e308".to_string()),
        Just("0.5".to_string()),
        Just(String::new()),
        Just("<script>alert(1)</script>".to_string()),
        Just("push-pull".to_string()),
        Just("anti-entropy".to_string()),
        Just("membership".to_string()),
        Just("hybrid".to_string()),
        Just("exponential".to_string()),
        Just("watts-strogatz".to_string()),
        Just("random-regular".to_string()),
        Just("blind-coin".to_string()),
        Just("W3sicm91bmQiOjAsImNtZCI6ImtpbGwiLCJub2RlIjozfV0".to_string()),
        "[ -~]{0,12}",
        "\\PC{0,6}",
    ]
}

fn query() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(KNOWN.to_vec()), value()), 0..10).prop_map(
        |pairs| {
            let mut s = form_urlencoded::Serializer::new(String::new());
            for (k, v) in pairs {
                s.append_pair(k, &v);
            }
            s.finish()
        },
    )
}

fn check(q: &str) -> Result<(), TestCaseError> {
    let d = decode(q, LESSONS.len());
    let s = &d.link.scenario;
    prop_assert!(
        s.config.validate().is_ok(),
        "valid config for {q}: {:?}",
        s.config
    );
    prop_assert!(s.config.nodes <= MAX_UI_NODES);
    prop_assert!(
        u64::from(s.round) * u64::from(s.config.nodes)
            <= MAX_REPLAY_WORK.max(u64::from(s.config.nodes))
    );
    if u64::from(s.round.max(s.actions.last().map_or(0, |a| a.round))) * u64::from(s.config.nodes)
        <= 200_000
    {
        let t = Timeline::from_scenario(s);
        prop_assert!(
            t.is_ok(),
            "the nearest valid scenario replays: {q} -> {:?}",
            t.err()
        );
        // And what we would write for it reads back without problems.
        let written = encode(s, &d.link.view, &d.link.options);
        let again = decode(&format!("#{written}"), LESSONS.len());
        prop_assert_eq!(
            &again,
            &decode(&format!("?{written}"), LESSONS.len()),
            "both forms read alike"
        );
        prop_assert!(
            again.problems.is_empty(),
            "re-encoded link is clean: {:?}",
            again.problems
        );
        prop_assert_eq!(&again.link.scenario, s);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn structured_queries_decode_to_valid_scenarios(q in query()) {
        check(&q)?;
    }

    #[test]
    fn arbitrary_text_never_panics(q in "\\PC{0,200}") {
        check(&q)?;
        check(&format!("#{q}"))?;
    }

    #[test]
    fn truncated_links_still_open(cut in 0usize..400) {
        let full = "v=1&protocol=rumor&mode=push-pull&removal=feedback-coin&k=2&n=60&fanout=1&topology=hierarchical&group=10&seed=8&round=9&a=W3sicm91bmQiOjAsImNtZCI6ImluamVjdCIsIm5vZGUiOjAsImNvbnRlbnQiOiJhIn0seyJyb3VuZCI6NSwiY21kIjoiaGVhbCJ9XQ&msg=0&sel=3";
        let q: String = full.chars().take(cut).collect();
        check(&q)?;
    }
}
