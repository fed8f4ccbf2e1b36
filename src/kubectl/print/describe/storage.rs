//! `kubectl describe pvc` and `kubectl describe pv`.

use super::volumes::describe_attributes;
use super::{PrefixWriter, describe_events, print_annotations_multiline, print_labels_multiline};
use crate::kubectl::print::duration::{rfc1123z_opt, translate_timestamp_since};
use crate::kubectl::print::rows_storage::{
    access_modes_string, claim_class, storage_of, volume_class,
};
use k8s_openapi::api::core::v1::{
    Event, PersistentVolume, PersistentVolumeClaim, PersistentVolumeSpec, Pod, VolumeNodeAffinity,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::jiff::Timestamp;

/// Go's `%v` of a string slice: `[a b]`.
fn go_list(items: Option<&Vec<String>>) -> String {
    format!("[{}]", items.map(|i| i.join(" ")).unwrap_or_default())
}

fn status_line(w: &mut PrefixWriter, meta: &ObjectMeta, phase: &str, now: Timestamp) {
    match meta.deletion_timestamp.as_ref() {
        Some(d) => w.write(
            0,
            &format!(
                "Status:\tTerminating (lasts {})\n",
                translate_timestamp_since(Some(d), now)
            ),
        ),
        None => w.write(0, &format!("Status:\t{phase}\n")),
    }
}

/// Pods using the claim: those mounting it by name, then those owning it.
fn pods_for_pvc<'p>(pvc: &PersistentVolumeClaim, pods: &'p [Pod]) -> Vec<&'p Pod> {
    let name = pvc.metadata.name.as_deref().unwrap_or("");
    let in_ns: Vec<&Pod> = pods
        .iter()
        .filter(|p| p.metadata.namespace == pvc.metadata.namespace)
        .collect();
    let mut found: Vec<&Pod> = Vec::new();
    for pod in &in_ns {
        for v in pod
            .spec
            .as_ref()
            .and_then(|s| s.volumes.as_ref())
            .into_iter()
            .flatten()
        {
            if v.persistent_volume_claim
                .as_ref()
                .is_some_and(|c| c.claim_name == name)
            {
                found.push(pod);
            }
        }
    }
    for owner in pvc
        .metadata
        .owner_references
        .iter()
        .flatten()
        .filter(|o| o.kind == "Pod")
    {
        let Some(pod) = in_ns
            .iter()
            .find(|p| p.metadata.uid.as_deref() == Some(owner.uid.as_str()))
        else {
            continue;
        };
        if !found.iter().any(|f| f.metadata.uid == pod.metadata.uid) {
            found.push(pod);
        }
    }
    found
}

/// `kubectl describe pvc`; `pods` are candidates for `Used By`.
pub fn describe_pvc(
    pvc: &PersistentVolumeClaim,
    pods: &[Pod],
    events: Option<&[Event]>,
    now: Timestamp,
) -> String {
    let mut w = PrefixWriter::new();
    let meta = &pvc.metadata;
    let spec = pvc.spec.as_ref();
    let st = pvc.status.as_ref();
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    w.write(0, &format!("StorageClass:\t{}\n", claim_class(pvc)));
    status_line(
        &mut w,
        meta,
        st.and_then(|s| s.phase.as_deref()).unwrap_or(""),
        now,
    );
    let volume = spec.and_then(|s| s.volume_name.as_deref()).unwrap_or("");
    w.write(0, &format!("Volume:\t{volume}\n"));
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    w.write(
        0,
        &format!("Finalizers:\t{}\n", go_list(meta.finalizers.as_ref())),
    );
    let (capacity, modes) = if volume.is_empty() {
        (String::new(), String::new())
    } else {
        (
            storage_of(st.and_then(|s| s.capacity.as_ref())),
            access_modes_string(st.and_then(|s| s.access_modes.as_ref())),
        )
    };
    w.write(0, &format!("Capacity:\t{capacity}\n"));
    w.write(0, &format!("Access Modes:\t{modes}\n"));
    if let Some(m) = spec.and_then(|s| s.volume_mode.as_deref()) {
        w.write(0, &format!("VolumeMode:\t{m}\n"));
    }
    if let Some(ds) = spec.and_then(|s| s.data_source.as_ref()) {
        w.write(0, "DataSource:\n");
        if let Some(g) = ds.api_group.as_deref() {
            w.write(1, &format!("APIGroup:\t{g}\n"));
        }
        w.write(1, &format!("Kind:\t{}\n", ds.kind));
        w.write(1, &format!("Name:\t{}\n", ds.name));
    }
    let mut users = pods_for_pvc(pvc, pods);
    crate::order::sort_by(&mut users, |a, b| a.metadata.name.cmp(&b.metadata.name));
    w.write(0, "Used By:\t");
    if users.is_empty() {
        w.write_line("<none>");
    }
    for (i, p) in users.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(
            0,
            &format!("{}\n", p.metadata.name.as_deref().unwrap_or("")),
        );
    }
    let conditions = st.and_then(|s| s.conditions.as_deref()).unwrap_or(&[]);
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n");
        w.write(
            1,
            "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.write(
            1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    c.type_,
                    c.status,
                    rfc1123z_opt(c.last_probe_time.as_ref()),
                    rfc1123z_opt(c.last_transition_time.as_ref()),
                    c.reason.as_deref().unwrap_or(""),
                    c.message.as_deref().unwrap_or("")
                ),
            );
        }
    }
    describe_events(&mut w, events, now);
    w.finish()
}

fn describe_node_affinity(w: &mut PrefixWriter, affinity: Option<&VolumeNodeAffinity>) {
    w.write(0, "Node Affinity:\t");
    let Some(required) = affinity.and_then(|a| a.required.as_ref()) else {
        w.write_line("<none>");
        return;
    };
    w.write_line("");
    w.write(1, "Required Terms:\t");
    if required.node_selector_terms.is_empty() {
        w.write_line("<none>");
        return;
    }
    w.write_line("");
    for (i, term) in required.node_selector_terms.iter().enumerate() {
        w.write(2, &format!("Term {i}:\t"));
        let reqs = term.match_expressions.as_deref().unwrap_or(&[]);
        if reqs.is_empty() {
            w.write_line("<none>");
        }
        for (j, r) in reqs.iter().enumerate() {
            if j != 0 {
                w.write(2, "\t");
            }
            let mut expr = format!("{} {}", r.key, r.operator.to_lowercase());
            if let Some(values) = r.values.as_ref().filter(|v| !v.is_empty()) {
                expr.push_str(&format!(" [{}]", values.join(", ")));
            }
            w.write(0, &format!("{expr}\n"));
        }
    }
}

/// `kubectl describe pv`.
pub fn describe_pv(pv: &PersistentVolume, events: Option<&[Event]>, now: Timestamp) -> String {
    let mut w = PrefixWriter::new();
    let meta = &pv.metadata;
    let spec = pv.spec.as_ref();
    let st = pv.status.as_ref();
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    w.write(
        0,
        &format!("Finalizers:\t{}\n", go_list(meta.finalizers.as_ref())),
    );
    w.write(0, &format!("StorageClass:\t{}\n", volume_class(pv)));
    status_line(
        &mut w,
        meta,
        st.and_then(|s| s.phase.as_deref()).unwrap_or(""),
        now,
    );
    let claim = spec
        .and_then(|s| s.claim_ref.as_ref())
        .map(|c| {
            format!(
                "{}/{}",
                c.namespace.as_deref().unwrap_or(""),
                c.name.as_deref().unwrap_or("")
            )
        })
        .unwrap_or_default();
    w.write(0, &format!("Claim:\t{claim}\n"));
    let policy = spec
        .and_then(|s| s.persistent_volume_reclaim_policy.as_deref())
        .unwrap_or("");
    w.write(0, &format!("Reclaim Policy:\t{policy}\n"));
    w.write(
        0,
        &format!(
            "Access Modes:\t{}\n",
            access_modes_string(spec.and_then(|s| s.access_modes.as_ref()))
        ),
    );
    if let Some(m) = spec.and_then(|s| s.volume_mode.as_deref()) {
        w.write(0, &format!("VolumeMode:\t{m}\n"));
    }
    w.write(
        0,
        &format!(
            "Capacity:\t{}\n",
            storage_of(spec.and_then(|s| s.capacity.as_ref()))
        ),
    );
    describe_node_affinity(&mut w, spec.and_then(|s| s.node_affinity.as_ref()));
    w.write(
        0,
        &format!(
            "Message:\t{}\n",
            st.and_then(|s| s.message.as_deref()).unwrap_or("")
        ),
    );
    describe_pv_source(&mut w, spec);
    describe_events(&mut w, events, now);
    w.finish()
}

/// `Source:` of a volume: host path, local, NFS or CSI.
fn describe_pv_source(w: &mut PrefixWriter, spec: Option<&PersistentVolumeSpec>) {
    w.write(0, "Source:\n");
    if let Some(h) = spec.and_then(|s| s.host_path.as_ref()) {
        let t = h.type_.as_deref().unwrap_or("<none>");
        w.write(
            2,
            &format!("Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{t}\n", h.path),
        );
    } else if let Some(l) = spec.and_then(|s| s.local.as_ref()) {
        w.write(
            2,
            &format!("Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t{}\n", l.path),
        );
    } else if let Some(n) = spec.and_then(|s| s.nfs.as_ref()) {
        w.write(
            2,
            &format!(
                "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n",
                n.server,
                n.path,
                n.read_only.unwrap_or(false)
            ),
        );
    } else if let Some(c) = spec.and_then(|s| s.csi.as_ref()) {
        w.write(
            2,
            &format!(
                "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{}\n    VolumeHandle:\t{}\n    ReadOnly:\t{}\n",
                c.driver,
                c.fs_type.as_deref().unwrap_or(""),
                c.volume_handle,
                c.read_only.unwrap_or(false)
            ),
        );
        describe_attributes(w, c.volume_attributes.as_ref());
    } else {
        w.write(1, "<unknown>\n");
    }
}
