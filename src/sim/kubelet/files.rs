//! What a container sees: its image's files, its writable layer, and its mounted volumes on top.

use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod};

use super::images::{self, Behaviour, Pull};
use crate::paths::normalize;
use crate::sim::fs::{Entry, Fs};
use crate::sim::world::World;

/// The page nginx serves from its html directory until something replaces it.
pub const NGINX_INDEX: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n";

/// The html directory nginx serves.
pub const NGINX_ROOT: &str = "/usr/share/nginx/html";

/// The files an image ships with.
pub fn image_fs(image: &str) -> Fs {
    let mut fs = Fs::default();
    for dir in [
        "/bin", "/dev", "/etc", "/home", "/proc", "/root", "/sys", "/tmp", "/usr/bin", "/var/log",
    ] {
        fs.mkdir_p(dir);
    }
    fs.write("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n", false);
    let behaviour = match images::pull(image) {
        Pull::Ok(_, b, _) => b,
        Pull::NotFound(_) => Behaviour::Custom,
    };
    match behaviour {
        Behaviour::Nginx => {
            fs.write(&format!("{NGINX_ROOT}/index.html"), NGINX_INDEX, false);
            fs.write(&format!("{NGINX_ROOT}/50x.html"), "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n", false);
            fs.write("/etc/nginx/nginx.conf", "user  nginx;\nworker_processes  auto;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    include /etc/nginx/conf.d/*.conf;\n}\n", false);
            fs.write("/etc/nginx/conf.d/default.conf", "server {\n    listen       80;\n    server_name  localhost;\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n", false);
        }
        Behaviour::Server { port, .. } => {
            let dir = match port {
                27017 => "/data/db",
                3306 => "/var/lib/mysql",
                5432 => "/var/lib/postgresql/data",
                _ => "/data",
            };
            fs.mkdir_p(dir);
        }
        Behaviour::Shell | Behaviour::Custom => {}
    }
    fs
}

/// Which file store backs a path inside a container, and the path inside that store.
pub enum Backing {
    /// A persistent volume (by volume name) mounted at the given mount path.
    Volume(String, String),
    /// The container's writable layer over the image.
    Layer,
}

/// The mounts of a container: (mount path, persistent volume name), longest first.
pub fn mounts(w: &World, pod: &Pod, container: usize) -> Vec<(String, String)> {
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    let Some(spec) = pod.spec.as_ref() else {
        return Vec::new();
    };
    let Some(k) = super::container_spec(spec, container) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in k.volume_mounts.iter().flatten() {
        let Some(v) = spec.volumes.iter().flatten().find(|v| v.name == m.name) else {
            continue;
        };
        let Some(claim) = v.persistent_volume_claim.as_ref() else {
            continue;
        };
        let pv = w
            .store
            .get::<PersistentVolumeClaim>(&ns, &claim.claim_name)
            .and_then(|p| p.spec.as_ref())
            .and_then(|s| s.volume_name.clone());
        if let Some(pv) = pv {
            out.push((normalize("/", &m.mount_path), pv));
        }
    }
    crate::order::sort_by_key(&mut out, |(p, _)| std::cmp::Reverse(p.len()));
    out
}

/// Finds what backs `path` for a container with the given mounts.
pub fn backing(mounts: &[(String, String)], path: &str) -> Backing {
    for (mount, pv) in mounts {
        if path == mount || path.starts_with(&format!("{mount}/")) {
            return Backing::Volume(pv.clone(), mount.clone());
        }
    }
    Backing::Layer
}

/// The entry a container sees at `path`: mounted volume, else writable layer, else image.
pub fn lookup(w: &World, uid: &str, container: usize, path: &str) -> Option<Entry> {
    let rt = w.runtime.get(uid)?;
    let pod = w.store.get::<Pod>(&rt.namespace, &rt.name)?;
    let path = normalize("/", path);
    let mounts = mounts(w, pod, container);
    match backing(&mounts, &path) {
        Backing::Volume(pv, mount) => {
            let fs = w.volumes.get(&pv)?;
            let inner = normalize("/", path.strip_prefix(&mount).unwrap_or("/"));
            fs.get(&inner).cloned()
        }
        Backing::Layer => {
            let k = rt.containers.get(container)?;
            if let Some(e) = k.layer.get(&path) {
                return Some(e.clone());
            }
            if k.layer.get(&format!("{path}.wh")).is_some() {
                return None;
            }
            image_fs(&k.image).get(&path).cloned()
        }
    }
}
