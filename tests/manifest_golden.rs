//! Golden files in kubectl's own output format: `NAME.yaml` is `kubectl get -o yaml`, and
//! `NAME.json` the same object as `kubectl get -o json` (produced from the YAML by an
//! independent YAML 1.1 reader, PyYAML, with sorted keys and 4-space indentation).
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::fs;
use std::path::Path;
use sts_playground::gofmt::json::marshal_indent;
use sts_playground::manifest::{parse, to_yaml};

fn golden(name: &str) -> (String, String, Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/manifest/golden");
    let yaml = fs::read_to_string(dir.join(format!("{name}.yaml"))).expect("yaml golden");
    let json = fs::read_to_string(dir.join(format!("{name}.json"))).expect("json golden");
    let value: Value = serde_json::from_str(&json).expect("json golden parses");
    (yaml, json, value)
}

#[test]
fn objects_print_like_kubectl_get() {
    for name in ["statefulset", "pod", "pvc"] {
        let (yaml, json, value) = golden(name);
        assert_eq!(to_yaml(&value), yaml, "{name} -o yaml");
        // kubectl's JSON printer is MarshalIndent with four spaces and a final newline.
        assert_eq!(
            marshal_indent(&value, "    ") + "\n",
            json,
            "{name} -o json"
        );
        let parsed = parse(&yaml);
        assert!(
            parsed.diagnostics().is_empty(),
            "{name}: {:?}",
            parsed.diagnostics()
        );
        let read = parsed.documents().first().and_then(|d| d.value.clone());
        assert_eq!(read, Some(value), "{name} read back");
    }
}
