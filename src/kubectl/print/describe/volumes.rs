//! The `Volumes:` section of pods and pod templates.

use super::PrefixWriter;
use crate::gofmt::quantity::parse_quantity;
use crate::kubectl::print::labels::format_label_selector;
use k8s_openapi::api::core::v1::{
    DownwardAPIVolumeSource, EmptyDirVolumeSource, ProjectedVolumeSource, TopologySpreadConstraint,
    Volume,
};

/// Lists volumes with their source type and parameters; `Volumes:  <none>` when there are none.
pub fn describe_volumes(volumes: &[Volume], w: &mut PrefixWriter, space: &str) {
    if volumes.is_empty() {
        w.write(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.write(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        w.write(1, &format!("{name_indent}{}:\n", v.name));
        describe_volume_source(v, w);
    }
}

/// What backs one volume, in the words `kubectl describe` uses for each source type.
fn describe_volume_source(v: &Volume, w: &mut PrefixWriter) {
    if let Some(h) = v.host_path.as_ref() {
        let t = h.type_.as_deref().unwrap_or("<none>");
        w.write(
            2,
            &format!("Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{t}\n", h.path),
        );
    } else if let Some(e) = v.empty_dir.as_ref() {
        describe_empty_dir(e, w);
    } else if let Some(s) = v.secret.as_ref() {
        w.write(
            2,
            &format!(
                "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                s.secret_name.as_deref().unwrap_or(""),
                s.optional.unwrap_or(false)
            ),
        );
    } else if let Some(c) = v.config_map.as_ref() {
        w.write(
            2,
            &format!(
                "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                c.name,
                c.optional.unwrap_or(false)
            ),
        );
    } else if let Some(n) = v.nfs.as_ref() {
        w.write(
            2,
            &format!(
                "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n",
                n.server,
                n.path,
                n.read_only.unwrap_or(false)
            ),
        );
    } else if let Some(c) = v.persistent_volume_claim.as_ref() {
        w.write(
            2,
            &format!(
                "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                c.claim_name,
                c.read_only.unwrap_or(false)
            ),
        );
    } else if v.ephemeral.is_some() {
        w.write(
            2,
            "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n",
        );
    } else if let Some(d) = v.downward_api.as_ref() {
        describe_downward_api(d, w);
    } else if let Some(p) = v.projected.as_ref() {
        describe_projected(p, w);
    } else if let Some(c) = v.csi.as_ref() {
        w.write(
            2,
            &format!(
                "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{}\n    ReadOnly:\t{}\n",
                c.driver,
                c.fs_type.as_deref().unwrap_or(""),
                c.read_only.unwrap_or(false)
            ),
        );
        describe_attributes(w, c.volume_attributes.as_ref());
    } else if let Some(i) = v.image.as_ref() {
        w.write(
            2,
            &format!(
                "Type:\tImage (a container image or OCI artifact)\n    Reference:\t{}\n    PullPolicy:\t{}\n",
                i.reference.as_deref().unwrap_or(""),
                i.pull_policy.as_deref().unwrap_or("")
            ),
        );
    } else {
        w.write(1, "<unknown>\n");
    }
}

/// An `emptyDir`: its medium and size limit (`<unset>` when there is none).
fn describe_empty_dir(e: &EmptyDirVolumeSource, w: &mut PrefixWriter) {
    let size = e
        .size_limit
        .as_ref()
        .and_then(|q| parse_quantity(&q.0).ok())
        .filter(|q| q.value() > 0 || q.milli_value() > 0)
        .map_or_else(|| "<unset>".to_string(), |q| q.canonical());
    let medium = e.medium.as_deref().unwrap_or("");
    w.write(
        2,
        &format!(
            "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{medium}\n    SizeLimit:\t{size}\n"
        ),
    );
}

/// A `downwardAPI` volume: each item's field or resource and the file it lands in.
fn describe_downward_api(d: &DownwardAPIVolumeSource, w: &mut PrefixWriter) {
    w.write(
        2,
        "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n",
    );
    for item in d.items.iter().flatten() {
        if let Some(f) = item.field_ref.as_ref() {
            w.write(3, &format!("{} -> {}\n", f.field_path, item.path));
        }
        if let Some(r) = item.resource_field_ref.as_ref() {
            w.write(3, &format!("{} -> {}\n", r.resource, item.path));
        }
    }
}

/// `VolumeAttributes:` of CSI sources, one `key=value` per line.
pub fn describe_attributes(
    w: &mut PrefixWriter,
    attrs: Option<&std::collections::BTreeMap<String, String>>,
) {
    w.write(2, "VolumeAttributes:\t");
    let entries: Vec<_> = attrs.into_iter().flatten().collect();
    if entries.is_empty() {
        w.write_line("<none>");
        return;
    }
    for (i, (k, v)) in entries.iter().enumerate() {
        if i != 0 {
            w.write(2, "");
            w.write(2, "\t");
        }
        let line = format!("{k}={v}");
        if line.len() > super::MAX_ANNOTATION_LEN {
            let mut end = super::MAX_ANNOTATION_LEN;
            while !line.is_char_boundary(end) {
                end -= 1;
            }
            w.write(2, &format!("{}...\n", line.get(..end).unwrap_or("")));
        } else {
            w.write(2, &format!("{line}\n"));
        }
    }
}

fn describe_projected(p: &ProjectedVolumeSource, w: &mut PrefixWriter) {
    w.write(
        2,
        "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
    );
    for s in p.sources.iter().flatten() {
        if let Some(sec) = s.secret.as_ref() {
            w.write(
                2,
                &format!(
                    "SecretName:\t{}\n    Optional:\t{}\n",
                    sec.name,
                    sec.optional.unwrap_or(false)
                ),
            );
        } else if s.downward_api.is_some() {
            w.write(2, "DownwardAPI:\ttrue\n");
        } else if let Some(cm) = s.config_map.as_ref() {
            w.write(
                2,
                &format!(
                    "ConfigMapName:\t{}\n    Optional:\t{}\n",
                    cm.name,
                    cm.optional.unwrap_or(false)
                ),
            );
        } else if let Some(t) = s.service_account_token.as_ref() {
            w.write(
                2,
                &format!(
                    "TokenExpirationSeconds:\t{}\n",
                    t.expiration_seconds.unwrap_or(3600)
                ),
            );
        }
    }
}

/// `Topology Spread Constraints:` sorted by topology key; nothing when there are none.
pub fn describe_topology_spread(
    w: &mut PrefixWriter,
    tscs: &[TopologySpreadConstraint],
    space: &str,
) {
    if tscs.is_empty() {
        return;
    }
    let mut sorted: Vec<&TopologySpreadConstraint> = tscs.iter().collect();
    crate::order::sort_by(&mut sorted, |a, b| a.topology_key.cmp(&b.topology_key));
    w.write(0, &format!("{space}Topology Spread Constraints:\t"));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.write(0, space);
            w.write(0, "\t");
        }
        let mut line = format!(
            "{}:{} when max skew {} is exceeded",
            t.topology_key, t.when_unsatisfiable, t.max_skew
        );
        if let Some(sel) = t.label_selector.as_ref() {
            line.push_str(&format!(
                " for selector {}",
                format_label_selector(Some(sel))
            ));
        }
        w.write(0, &format!("{line}\n"));
    }
}
