//! The root CA publisher of the controller manager (pkg/controller/certificates/rootcacertpublisher
//! /publisher.go): every active namespace holds the `kube-root-ca.crt` ConfigMap with the
//! cluster's CA bundle; it comes back when deleted and its data is put back when changed.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{ConfigMap, Namespace};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::world::World;

/// The ConfigMap's name.
pub const NAME: &str = "kube-root-ca.crt";

const DESCRIPTION: &str = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

/// The playground's CA certificate (a self-signed `kubernetes` CA, as kubeadm makes one).
const CA_CRT: &str = "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIQ2x1c3RlckNBMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\nBAMTCmt1YmVybmV0ZXMwHhcNMjYwNzIxMDk1NTAwWhcNMzYwNzE5MTAwMDAwWjAV\nMRMwEQYDVQQDEwprdWJlcm5ldGVzMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIB\nCgKCAQEAu3Rz4mK9pXWq8y0cQ1Lr5eVtZ7bN2hJfG6aS0dPkX1oYwCqE9iTnM4Ur\nPlaYgR0uNd3K5vB8sFjH2LwQmE7tZcA6oXyV1bD9nI4kJrT0gWqS5hUe3fM8pLzO\n-----END CERTIFICATE-----\n";

/// The object the publisher keeps in `namespace`.
fn desired(w: &World, namespace: &str) -> ConfigMap {
    // A uid from the namespace and the moment, without drawing on the seeded randomness that
    // the rest of the cluster's names and addresses come from.
    let seed = format!("{NAME}/{namespace}/{}", w.store.resource_version);
    let uid = super::rng::uuid_from(seed.as_bytes());
    ConfigMap {
        metadata: ObjectMeta {
            name: Some(NAME.to_string()),
            namespace: Some(namespace.to_string()),
            annotations: Some(BTreeMap::from([(
                "kubernetes.io/description".to_string(),
                DESCRIPTION.to_string(),
            )])),
            uid: Some(uid),
            creation_timestamp: Some(w.clock.time()),
            ..Default::default()
        },
        data: Some(BTreeMap::from([("ca.crt".to_string(), CA_CRT.to_string())])),
        ..Default::default()
    }
}

/// syncNamespace: creates the ConfigMap in an active namespace that lacks it, or puts its data
/// and description back.
pub fn sync(w: &mut World, namespace: &str) {
    let active = w
        .store
        .get::<Namespace>("", namespace)
        .is_some_and(|n| n.metadata.deletion_timestamp.is_none());
    if !active {
        return;
    }
    let want = desired(w, namespace);
    match w.store.get::<ConfigMap>(namespace, NAME) {
        None => {
            w.store.put(want);
        }
        Some(have) => {
            let description = have
                .metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get("kubernetes.io/description"));
            if have.data == want.data && description.is_some_and(|d| d == DESCRIPTION) {
                return;
            }
            let mut fixed = have.clone();
            fixed.data = want.data;
            fixed
                .metadata
                .annotations
                .get_or_insert_with(BTreeMap::new)
                .insert("kubernetes.io/description".into(), DESCRIPTION.into());
            w.store.put(fixed);
        }
    }
}
