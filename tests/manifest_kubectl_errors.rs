//! Manifests from public bug reports, checked against the error real kubectl printed for them.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::Path;
use sts_playground::manifest::parse;

#[test]
fn reproduces_errors_printed_by_real_kubectl() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/manifest/kubectl-errors");
    let mut checked = 0;
    let mut entries: Vec<_> = fs::read_dir(&dir).expect("data dir").flatten().collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("manifest");
        let want = fs::read_to_string(path.with_extension("txt")).expect("expected output");
        let want = want.lines().next().unwrap_or_default();
        let parsed = parse(&text);
        let got = parsed.kubectl_error().and_then(|d| d.kubectl.clone());
        assert_eq!(got.as_deref(), Some(want), "{}", path.display());
        checked += 1;
    }
    assert_eq!(checked, 3);
}

#[test]
fn earlier_documents_are_still_applied() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/manifest/kubectl-errors");
    let cases = [
        ("aws-workshop-pod.yaml", vec![], (9, 1)),
        ("ciao-multi-doc.yaml", vec!["Namespace", "Secret"], (27, 5)),
        (
            "wordpress-fullwidth-colon.yaml",
            vec!["Service", "PersistentVolumeClaim"],
            (59, 11),
        ),
    ];
    for (file, kinds, position) in cases {
        let text = fs::read_to_string(dir.join(file)).expect("manifest");
        let parsed = parse(&text);
        let got: Vec<&str> = parsed
            .objects()
            .filter_map(|d| d.value.as_ref()?.get("kind")?.as_str())
            .collect();
        assert_eq!(got, kinds, "{file}");
        let error = parsed.kubectl_error().map(|d| (d.line, d.column));
        assert_eq!(error, Some(position), "{file}");
    }
}
