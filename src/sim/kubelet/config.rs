//! What a container takes from ConfigMaps and Secrets: environment variables (`env[].valueFrom`,
//! `envFrom`; pkg/kubelet/kubelet_pods.go makeEnvironmentVariables) and the files of `configMap`
//! and `secret` volumes (pkg/volume/configmap, pkg/volume/secret). A missing object fails the
//! container's start or the volume's mount with the kubelet's message.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{ConfigMap, Container, KeyToPath, Pod, Secret, Volume};

use crate::paths::normalize;
use crate::sim::api::names::is_env_var_name;
use crate::sim::world::World;

/// The values of one ConfigMap or Secret, as text.
struct Values {
    data: BTreeMap<String, String>,
}

fn config_map(w: &World, ns: &str, name: &str) -> Option<Values> {
    let cm = w.store.get::<ConfigMap>(ns, name)?;
    let mut data: BTreeMap<String, String> = cm.data.clone().unwrap_or_default();
    for (k, v) in cm.binary_data.iter().flatten() {
        data.insert(k.clone(), String::from_utf8_lossy(&v.0).into_owned());
    }
    Some(Values { data })
}

fn secret(w: &World, ns: &str, name: &str) -> Option<Values> {
    let s = w.store.get::<Secret>(ns, name)?;
    let data = s
        .data
        .iter()
        .flatten()
        .map(|(k, v)| (k.clone(), String::from_utf8_lossy(&v.0).into_owned()))
        .collect();
    Some(Values { data })
}

/// Which kind of object a reference names: its lookup and its words in the kubelet's messages.
#[derive(Clone, Copy)]
enum Source {
    ConfigMap,
    Secret,
}

impl Source {
    fn get(self, w: &World, ns: &str, name: &str) -> Option<Values> {
        match self {
            Source::ConfigMap => config_map(w, ns, name),
            Source::Secret => secret(w, ns, name),
        }
    }

    /// The not-found error of the kubelet's object managers (`configmap "x" not found`).
    fn not_found(self, name: &str) -> String {
        match self {
            Source::ConfigMap => format!("configmap \"{name}\" not found"),
            Source::Secret => format!("secret \"{name}\" not found"),
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Source::ConfigMap => "ConfigMap",
            Source::Secret => "Secret",
        }
    }
}

fn namespace(pod: &Pod) -> &str {
    pod.metadata.namespace.as_deref().unwrap_or("")
}

/// The container's variables from ConfigMaps and Secrets, `envFrom` first and then `env` in
/// order, or the error that stops the container from being created (CreateContainerConfigError).
/// `env` entries with a plain value or a field reference come back as `None` for the caller.
pub fn environment(
    w: &World,
    pod: &Pod,
    k: &Container,
) -> Result<Vec<(String, Option<String>)>, String> {
    let ns = namespace(pod);
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for from in k.env_from.iter().flatten() {
        let prefix = from.prefix.as_deref().unwrap_or("");
        let (source, name, optional) = match (&from.config_map_ref, &from.secret_ref) {
            (Some(r), _) => (Source::ConfigMap, r.name.as_str(), r.optional == Some(true)),
            (None, Some(r)) => (Source::Secret, r.name.as_str(), r.optional == Some(true)),
            (None, None) => continue,
        };
        let Some(values) = source.get(w, ns, name) else {
            if optional {
                continue;
            }
            return Err(source.not_found(name));
        };
        for (key, value) in values.data {
            let var = format!("{prefix}{key}");
            // Keys that are not variable names are skipped (an event reports them).
            if is_env_var_name(&var).is_empty() {
                out.push((var, Some(value)));
            }
        }
    }
    for e in k.env.iter().flatten() {
        let from = e.value_from.as_ref().filter(|_| e.value.is_none());
        let reference = from.and_then(|f| match (&f.config_map_key_ref, &f.secret_key_ref) {
            (Some(r), _) => Some((Source::ConfigMap, &r.name, &r.key, r.optional == Some(true))),
            (None, Some(r)) => Some((Source::Secret, &r.name, &r.key, r.optional == Some(true))),
            (None, None) => None,
        });
        let Some((source, name, key, optional)) = reference else {
            out.push((e.name.clone(), None));
            continue;
        };
        let Some(values) = source.get(w, ns, name) else {
            if optional {
                continue;
            }
            return Err(source.not_found(name));
        };
        match values.data.get(key) {
            Some(v) => out.push((e.name.clone(), Some(v.clone()))),
            None if optional => {}
            None => {
                return Err(format!(
                    "couldn't find key {key} in {} {ns}/{name}",
                    source.kind()
                ));
            }
        }
    }
    Ok(out)
}

/// A volume's source if it is a ConfigMap or a Secret: kind, name, items, default mode, optional.
fn projected(v: &Volume) -> Option<(Source, &str, Option<&Vec<KeyToPath>>, bool)> {
    if let Some(cm) = &v.config_map {
        return Some((
            Source::ConfigMap,
            cm.name.as_str(),
            cm.items.as_ref(),
            cm.optional == Some(true),
        ));
    }
    let s = v.secret.as_ref()?;
    Some((
        Source::Secret,
        s.secret_name.as_deref().unwrap_or(""),
        s.items.as_ref(),
        s.optional == Some(true),
    ))
}

/// The files of one ConfigMap or Secret volume, by path inside the volume, or the SetUp error.
fn volume_files(w: &World, ns: &str, v: &Volume) -> Option<Result<Vec<(String, String)>, String>> {
    let (source, name, items, optional) = projected(v)?;
    let Some(values) = source.get(w, ns, name) else {
        return Some(if optional {
            Ok(Vec::new())
        } else {
            Err(source.not_found(name))
        });
    };
    let Some(items) = items.filter(|i| !i.is_empty()) else {
        return Some(Ok(values.data.into_iter().collect()));
    };
    let mut files = Vec::new();
    for item in items {
        match values.data.get(&item.key) {
            Some(text) => files.push((item.path.clone(), text.clone())),
            None if optional => {}
            None => {
                return Some(Err(match source {
                    Source::ConfigMap => {
                        format!("configmap references non-existent config key: {}", item.key)
                    }
                    Source::Secret => {
                        format!("secret references non-existent secret key: {}", item.key)
                    }
                }));
            }
        }
    }
    Some(Ok(files))
}

/// The first ConfigMap or Secret volume of the pod that cannot be set up, with the kubelet's
/// reason: the pod waits in ContainerCreating and the kubelet reports FailedMount.
pub fn mount_error(w: &World, pod: &Pod) -> Option<(String, String)> {
    let ns = namespace(pod);
    let volumes = pod.spec.as_ref()?.volumes.as_ref()?;
    volumes.iter().find_map(|v| match volume_files(w, ns, v)? {
        Err(e) => Some((v.name.clone(), e)),
        Ok(_) => None,
    })
}

/// The files container `index` sees from its ConfigMap and Secret volumes, by absolute path, and
/// the mount points they sit under (read-only, as the kubelet mounts them).
pub fn mounted_files(w: &World, pod: &Pod, index: usize) -> (Vec<(String, String)>, Vec<String>) {
    let ns = namespace(pod);
    let Some(spec) = pod.spec.as_ref() else {
        return (Vec::new(), Vec::new());
    };
    let Some(k) = spec.containers.get(index) else {
        return (Vec::new(), Vec::new());
    };
    let mut files = Vec::new();
    let mut mounts = Vec::new();
    for m in k.volume_mounts.iter().flatten() {
        let Some(v) = spec.volumes.iter().flatten().find(|v| v.name == m.name) else {
            continue;
        };
        let Some(Ok(inside)) = volume_files(w, ns, v) else {
            continue;
        };
        let mount = normalize("/", &m.mount_path);
        match m.sub_path.as_deref().filter(|s| !s.is_empty()) {
            // A subPath mounts the one file (or folder) of the volume at the mount path.
            Some(sub) => {
                let sub = normalize("/", sub);
                for (path, text) in inside {
                    let p = normalize("/", &path);
                    if p == sub {
                        files.push((mount.clone(), text));
                    } else if let Some(rest) = p.strip_prefix(&format!("{sub}/")) {
                        files.push((normalize(&mount, rest), text));
                    }
                }
            }
            None => {
                for (path, text) in inside {
                    files.push((normalize(&mount, &path), text));
                }
                mounts.push(mount);
            }
        }
    }
    (files, mounts)
}
