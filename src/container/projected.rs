//! ConfigMap and Secret volumes inside a container: read-only mounts whose files the kubelet
//! writes (pkg/volume/configmap, pkg/volume/secret), hiding what the image has below them.

use crate::sim::fs::Entry;

/// The read-only mount `path` lies in, if any.
pub(super) fn mount_of<'a>(read_only: &'a [String], path: &str) -> Option<&'a str> {
    read_only
        .iter()
        .find(|m| path == m.as_str() || path.starts_with(&format!("{m}/")))
        .map(String::as_str)
}

/// What such a volume shows at `path`: its files and the folders they sit in.
pub(super) fn entry(read_only: &[String], files: &[(String, String)], path: &str) -> Option<Entry> {
    if let Some((_, text)) = files.iter().find(|(p, _)| p == path) {
        return Some(Entry::File(text.clone()));
    }
    let prefix = format!("{path}/");
    let is_dir =
        read_only.iter().any(|m| m == path) || files.iter().any(|(p, _)| p.starts_with(&prefix));
    is_dir.then_some(Entry::Dir)
}

/// The names directly inside folder `dir` of such a volume.
pub(super) fn names(files: &[(String, String)], dir: &str) -> Vec<String> {
    let prefix = format!("{dir}/");
    files
        .iter()
        .filter_map(|(p, _)| {
            let rest = p.strip_prefix(&prefix)?;
            Some(rest.split('/').next().unwrap_or("").to_string())
        })
        .collect()
}
