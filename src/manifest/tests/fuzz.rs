//! Garbled and generated input: parsing never panics, results stay consistent, and output
//! reads back to the value it came from.

use super::*;
use serde_json::{Map, Value, json};

/// A small deterministic generator (64-bit LCG), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SEED_MANIFEST: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels: {app: nginx}
spec:
  ports: [{port: 80, name: web}]
  clusterIP: None
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  annotations:
    note: |
      multi
      line
spec:
  replicas: 3
  selector: &sel
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        <<: *sel
    spec:
      containers:
      - name: nginx
        image: \"registry.k8s.io/nginx-slim:0.24\"
        args: ['-c', \"echo 'hi'\"]
";

const PIECES: &[&str] = &[
    " ", "  ", "\t", "\n", "\r\n", ":", ": ", "-", "- ", "[", "]", "{", "}", "\"", "'", "#", "&a ",
    "*a", "!", "!!int ", "|", ">", "?", ",", "%", "@", "`", "é", "😀", "\u{0}", "\u{7}",
    "\u{feff}", "---\n", "...\n", "<<: ", "~", "\\", "0x", "1e9", "yes", "\u{2028}", "\u{85}",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut s = text.to_string();
    for _ in 0..=rng.below(6) {
        let mut at = rng.below(s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(3) {
            0 => s.insert_str(at, rng.pick(PIECES)),
            1 => {
                let mut end = (at + 1 + rng.below(8)).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, "");
            }
            _ => {
                let mut end = (at + 1).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, rng.pick(PIECES));
            }
        }
    }
    s
}

/// Checks that everything `parse` reports lies inside the text.
fn check_consistent(text: &str) {
    let parsed = parse(text);
    let lines = text.split('\n').count();
    let docs = parsed.documents();
    for d in parsed.diagnostics() {
        assert!(
            d.line >= 1 && d.line <= lines && d.column >= 1,
            "{d:?} in {text:?}"
        );
        assert!(
            (d.end_line, d.end_column) >= (d.line, d.column),
            "{d:?} in {text:?}"
        );
        assert!(d.doc_index < docs.len(), "{d:?} in {text:?}");
    }
    for doc in docs {
        assert!(doc.first_line >= 1 && doc.first_line <= doc.last_line && doc.last_line <= lines);
        for path in [
            "",
            "spec",
            "spec.template.spec.containers[0].image",
            "metadata.labels[app]",
            "x[9]].",
        ] {
            let pos = doc.position_of(path);
            assert!(
                pos.line >= doc.first_line && pos.line <= doc.last_line + 1,
                "{path} {pos:?} in {text:?}"
            );
            assert!(pos.offset <= text.len() && text.is_char_boundary(pos.offset));
            let _ = doc.value_position_of(path);
        }
        if let Some(v) = &doc.value {
            // Whatever was read can be printed and read back.
            let again = parse(&to_yaml(v));
            assert_eq!(
                again.documents().first().and_then(|d| d.value.as_ref()),
                Some(v),
                "{text:?}"
            );
        }
    }
    assert!(parsed.objects().count() <= docs.len());
}

/// How many inputs a fuzz loop runs: `default`, or `FUZZ_CASES` when set, so that
/// `FUZZ_CASES=1000000 cargo test --release --lib manifest::tests::fuzz` runs a million.
fn cases(default: usize) -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn garbled_manifests_never_break_the_parser() {
    let mut rng = Rng(7);
    for _ in 0..cases(1500) {
        let text = mutate(&mut rng, SEED_MANIFEST);
        check_consistent(&text);
    }
}

#[test]
fn random_bytes_never_break_the_parser() {
    let mut rng = Rng(11);
    for _ in 0..cases(500) {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        check_consistent(&String::from_utf8_lossy(&bytes));
    }
    for text in [
        "\u{feff}",
        "\r",
        "\r\r\n",
        "---",
        "--- #",
        "...",
        "&",
        "*",
        "!",
        "%YAML 1.1\n---\na: 1\n",
        "%FOO\n",
    ] {
        check_consistent(text);
    }
}

const STRINGS: &[&str] = &[
    "",
    " ",
    "x",
    "nginx",
    "0",
    "1.5",
    "true",
    "no",
    "null",
    "~",
    "-",
    "- a",
    "a: b",
    "#",
    "a #b",
    "'",
    "\"",
    "\\",
    "\t",
    "\n",
    "a\nb",
    "a\n",
    " lead",
    "trail ",
    "é",
    "😀",
    "\u{0}",
    "\u{1b}",
    "\u{85}",
    "\u{a0}",
    "\u{2028}",
    "\u{feff}x",
    "*",
    "&",
    "!",
    "@",
    "%",
    "`",
    "{}",
    "[]",
    ",",
    "?",
    ":",
    "<<",
    "1:30",
    "2024-01-01",
    "0x10",
    "1e3",
    ".inf",
    "y",
    "on",
];

fn random_string(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(4) {
        s.push_str(rng.pick(STRINGS));
        if rng.below(4) == 0 {
            s.push_str(&"word ".repeat(rng.below(25)));
        }
    }
    s
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 4 { 5 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.next() as i64 - (1 << 30)),
        3 => json!((rng.next() as f64) / 1024.0 + 0.5),
        4 => Value::String(random_string(rng)),
        5 | 6 => {
            let mut map = Map::new();
            for _ in 0..rng.below(5) {
                map.insert(random_string(rng), random_value(rng, depth + 1));
            }
            Value::Object(map)
        }
        _ => Value::Array(
            (0..rng.below(5))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
    }
}

#[test]
fn generated_values_round_trip_through_yaml_and_json() {
    let mut rng = Rng(3);
    for _ in 0..800 {
        let v = random_value(&mut rng, 0);
        let yaml = to_yaml(&v);
        let parsed = parse(&yaml);
        assert!(!parsed.has_errors(), "{yaml}\n{:?}", parsed.diagnostics());
        let back = parsed
            .documents()
            .first()
            .and_then(|d| d.value.clone())
            .unwrap_or(Value::Null);
        assert_eq!(back, v, "{yaml}");
        let json_text = crate::gofmt::json::marshal_indent(&v, "    ");
        let from_json: Value = serde_json::from_str(&json_text).unwrap_or(Value::Null);
        assert_eq!(from_json, v, "{json_text}");
    }
}

#[test]
fn alias_bombs_and_deep_nesting_are_refused() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let parsed = parse(&bomb);
    assert_eq!(
        parsed.kubectl_error().and_then(|d| d.kubectl.as_deref()),
        Some("error converting YAML to JSON: yaml: document contains excessive aliasing")
    );
    let deep_flow = "[".repeat(100_000);
    let parsed = parse(&deep_flow);
    assert_eq!(
        parsed.kubectl_error().and_then(|d| d.kubectl.as_deref()),
        Some("error converting YAML to JSON: yaml: exceeded max depth of 256")
    );
    let mut deep_block = String::new();
    for i in 0..400 {
        deep_block.push_str(&" ".repeat(i));
        deep_block.push_str("k:\n");
    }
    let parsed = parse(&deep_block);
    assert_eq!(
        parsed.kubectl_error().and_then(|d| d.kubectl.as_deref()),
        Some("error converting YAML to JSON: yaml: line 257: exceeded max depth of 256")
    );
    // Just under the limit is fine, and prints back.
    let ok = format!("{}{}", "[".repeat(250), "]".repeat(250));
    let value = parse(&ok).documents().first().and_then(|d| d.value.clone());
    assert!(value.is_some());
    assert!(to_yaml(&value.unwrap_or_default()).starts_with("- - - "));
}
