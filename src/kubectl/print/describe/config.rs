//! ConfigMap and Secret layouts (kubectl `pkg/describe/describe.go`: ConfigMapDescriber,
//! describeSecret). A Secret shows each value's size in bytes, never the value.

use k8s_openapi::api::core::v1::{ConfigMap, Event, Secret};
use k8s_openapi::jiff::Timestamp;

use super::{PrefixWriter, describe_events, print_annotations_multiline, print_labels_multiline};

fn header(w: &mut PrefixWriter, meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) {
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    print_labels_multiline(w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(w, "Annotations", meta.annotations.as_ref());
}

/// `kubectl describe configmap`: each key with its value, then binary keys with their sizes.
pub fn describe_config_map(cm: &ConfigMap, events: Option<&[Event]>, now: Timestamp) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, &cm.metadata);
    w.write(0, "\nData\n====\n");
    for (k, v) in cm.data.iter().flatten() {
        w.write(0, &format!("{k}:\n----\n"));
        w.write(0, &format!("{v}\n"));
        w.write(0, "\n");
    }
    w.write(0, "\nBinaryData\n====\n");
    for (k, v) in cm.binary_data.iter().flatten() {
        w.write(0, &format!("{k}: {} bytes\n", v.0.len()));
    }
    w.write(0, "\n");
    describe_events(&mut w, events, now);
    w.finish()
}

/// `kubectl describe secret`: the type, then each key with its size (a service account token
/// is the one value shown).
pub fn describe_secret(s: &Secret) -> String {
    let mut w = PrefixWriter::new();
    header(&mut w, &s.metadata);
    let ty = s.type_.as_deref().unwrap_or("");
    w.write(0, &format!("\nType:\t{ty}\n"));
    w.write(0, "\nData\n====\n");
    for (k, v) in s.data.iter().flatten() {
        if k == "token" && ty == "kubernetes.io/service-account-token" {
            w.write(0, &format!("{k}:\t{}\n", String::from_utf8_lossy(&v.0)));
        } else {
            w.write(0, &format!("{k}:\t{} bytes\n", v.0.len()));
        }
    }
    w.finish()
}
