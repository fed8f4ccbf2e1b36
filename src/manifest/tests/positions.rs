//! Field paths to positions, with fallback to the nearest existing ancestor.
//! Compiled only under #[cfg(test)].

use super::*;

const MANIFEST: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  serviceName: \"nginx\"
  replicas: 3
  template:
    metadata:
      labels: {app: nginx, tier: web}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ \"ReadWriteOnce\" ]
      resources:
        requests:
          storage: 1Gi
";

fn doc() -> Document {
    let parsed = parse(MANIFEST);
    assert!(
        parsed.diagnostics().is_empty(),
        "{:?}",
        parsed.diagnostics()
    );
    parsed.documents().get(1).cloned().expect("second document")
}

#[test]
fn keys_are_found_by_api_paths() {
    let doc = doc();
    let cases: &[(&str, usize, usize)] = &[
        ("", 6, 1),
        ("kind", 7, 1),
        ("metadata.name", 9, 3),
        ("metadata.labels[app.kubernetes.io/name]", 11, 5),
        ("metadata.labels.app.kubernetes.io/name", 11, 5),
        ("spec.serviceName", 13, 3),
        ("spec.replicas", 14, 3),
        ("spec.template.metadata.labels", 17, 7),
        ("spec.template.metadata.labels[tier]", 17, 28),
        ("spec.template.spec.containers[0]", 20, 9),
        ("spec.template.spec.containers[0].image", 21, 9),
        (
            "spec.template.spec.containers[0].ports[0].containerPort",
            23,
            11,
        ),
        ("spec.volumeClaimTemplates[0].spec.accessModes[0]", 29, 22),
        (
            "spec.volumeClaimTemplates[0].spec.resources.requests[storage]",
            32,
            11,
        ),
    ];
    for (path, line, column) in cases {
        let pos = doc.position_of(path);
        assert_eq!((pos.line, pos.column), (*line, *column), "path {path:?}");
        assert!(doc.find(path).is_some(), "path {path:?}");
        assert_eq!(position_of(&doc, path), pos);
    }
}

#[test]
fn missing_fields_fall_back_to_the_nearest_ancestor() {
    let doc = doc();
    let cases: &[(&str, usize, usize)] = &[
        ("spec.selector", 12, 1),
        ("spec.selector.matchLabels", 12, 1),
        ("spec.template.spec.restartPolicy", 18, 5),
        ("spec.template.spec.containers[3].image", 19, 7),
        (
            "spec.template.metadata.labels[app.kubernetes.io/name]",
            17,
            7,
        ),
        ("status.replicas", 6, 1),
        ("spec.replicas.extra", 14, 3),
    ];
    for (path, line, column) in cases {
        let pos = doc.position_of(path);
        assert_eq!((pos.line, pos.column), (*line, *column), "path {path:?}");
        assert!(doc.find(path).is_none(), "path {path:?}");
    }
}

#[test]
fn values_and_spans() {
    let doc = doc();
    let replicas = doc.find("spec.replicas");
    let key = replicas
        .and_then(|f| f.key)
        .map(|s| (s.start.line, s.start.column, s.end.column));
    let value = replicas.map(|f| (f.value.start.line, f.value.start.column, f.value.end.column));
    assert_eq!(key, Some((14, 3, 11)));
    assert_eq!(value, Some((14, 13, 14)));
    let pos = doc.value_position_of("spec.serviceName");
    assert_eq!((pos.line, pos.column), (13, 16));
    let offset = MANIFEST.find("\"nginx\"").unwrap_or_default();
    assert_eq!(pos.offset, offset);
    // A block collection spans its content; a flow one ends at its bracket.
    let labels = doc.find("spec.template.metadata.labels").map(|f| f.value);
    assert_eq!(
        labels.map(|s| (s.start.line, s.start.column, s.end.line, s.end.column)),
        Some((17, 15, 17, 38))
    );
    let template = doc
        .find("spec.template")
        .map(|f| (f.value.start.line, f.value.end.line));
    assert_eq!(template, Some((16, 24)));
}

#[test]
fn api_errors_become_editor_diagnostics() {
    let doc = doc();
    let d = doc.diagnostic(
        "spec.selector",
        "spec.selector: Required value",
        Severity::Error,
    );
    assert_eq!(
        (d.line, d.column, d.end_line, d.end_column, d.doc_index),
        (12, 1, 12, 5, 1)
    );
    assert_eq!(d.message, "spec.selector: Required value");
    assert_eq!(d.kubectl, None);
    let d = doc.diagnostic(
        "spec.template.spec.containers[0].image",
        "bad",
        Severity::Warning,
    );
    assert_eq!(
        (d.line, d.column, d.end_column, d.severity),
        (21, 9, 14, Severity::Warning)
    );
}

#[test]
fn columns_count_characters_and_lines_ignore_carriage_returns() {
    let parsed = parse("a: \"é€😀\"\r\nb:\r\n  c: 1\r\n");
    let doc = parsed.documents().first().cloned().expect("document");
    let c = doc.position_of("b.c");
    assert_eq!((c.line, c.column), (3, 3));
    let parsed = parse("k: \"é€\" # x\nbad: [\n");
    let error = parsed.kubectl_error().map(|d| (d.line, d.column));
    assert_eq!(error, Some((3, 1)));
    let parsed = parse("x: \"é€😀\": v\n");
    assert_eq!(
        parsed.kubectl_error().map(|d| (d.line, d.column)),
        Some((1, 9))
    );
}

#[test]
fn documents_without_positions_point_at_their_first_line() {
    let parsed = parse("a: 1\n---\nb: [\n");
    let broken = parsed.documents().get(1).cloned().expect("document");
    let pos = broken.position_of("spec");
    assert_eq!((pos.line, pos.column), (3, 1));
    let aliased = parse("x: &a {u: {z: 1}}\nw: *a\n");
    let doc = aliased.documents().first().cloned().expect("document");
    // Inside an alias positions are not tracked; the alias itself is found.
    assert_eq!(doc.position_of("w.u.z").line, 2);
    assert_eq!(doc.position_of("w.u.z").column, 1);
    assert_eq!(doc.value_position_of("w").column, 4);
    assert_eq!(doc.position_of("x.u.z").column, 12);
}
