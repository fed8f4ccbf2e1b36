//! Timing of the manifest module. Run with `cargo test --release --test manifest_perf -- --nocapture`
//! to see the numbers; the assertions only guard against pathological slowness.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};
use sts_playground::manifest::{parse, to_yaml};

fn manifest_200_lines() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/manifest/golden");
    let parts: Vec<String> = ["statefulset", "pod", "pvc"]
        .iter()
        .map(|n| fs::read_to_string(dir.join(format!("{n}.yaml"))).expect("golden"))
        .collect();
    parts.join("---\n")
}

fn time<T>(runs: u32, mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(f());
    }
    start.elapsed() / runs
}

#[test]
fn parse_and_print_a_200_line_manifest() {
    let text = manifest_200_lines();
    let lines = text.lines().count();
    assert!((200..260).contains(&lines), "{lines} lines");
    let parsed = parse(&text);
    assert_eq!(parsed.objects().count(), 3);
    let per_parse = time(50, || parse(&text));
    let values: Vec<_> = parsed.objects().filter_map(|d| d.value.clone()).collect();
    let per_print = time(50, || values.iter().map(to_yaml).collect::<Vec<_>>());
    let per_lookup = time(50, || {
        parsed
            .objects()
            .map(|d| d.position_of("spec.template.spec.containers[0].image"))
            .collect::<Vec<_>>()
    });
    println!(
        "manifest of {lines} lines: parse {per_parse:?}, to_yaml {per_print:?}, 3 lookups {per_lookup:?}"
    );
    assert!(per_parse < Duration::from_millis(200));
}

#[test]
fn hostile_inputs_finish_quickly() {
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let wide = format!(
        "a: &a [{}]\nb: [{}]\n",
        vec!["x"; 5000].join(", "),
        vec!["*a"; 5000].join(", ")
    );
    let cases = [
        ("billion laughs", bomb),
        ("wide aliases", wide),
        ("deep flow", "[".repeat(200_000)),
        (
            "deep block",
            (0..3000)
                .map(|i| format!("{}- \n", " ".repeat(i)))
                .collect(),
        ),
        ("long line", format!("a: {}\n", "word ".repeat(200_000))),
        ("many documents", "a: 1\n---\n".repeat(20_000)),
    ];
    for (name, text) in cases {
        let start = Instant::now();
        let parsed = parse(&text);
        let elapsed = start.elapsed();
        println!(
            "{name}: {} bytes in {elapsed:?}, {} diagnostics",
            text.len(),
            parsed.diagnostics().len()
        );
        assert!(elapsed < Duration::from_secs(5), "{name} took {elapsed:?}");
    }
}
