//! A container's file system as its processes see it: mounted volumes (which outlive the pod), the
//! writable layer (lost with the pod), the image underneath, and the files the kubelet mounts.
//! Deleting an image file records a whiteout (`PATH.wh`) in the layer, as overlayfs does.

use std::ops::{Deref, DerefMut};

use crate::paths::{normalize, parent};
use crate::sh::interp::{Files, FsError, Stat};
use crate::sim::Cluster;
use crate::sim::fs::{Entry, Fs};

/// What backs a path.
enum Place {
    /// Inside a persistent volume: (volume name, path inside it).
    Volume(String, String),
    /// The writable layer over the image.
    Layer,
}

/// The file view of one container, over `&mut Cluster` to run programs, or over `&Cluster` to
/// only read (a lesson's check looks at a file).
pub struct ContainerFiles<C> {
    /// The cluster (volumes and the kubelet's records live here).
    pub cluster: C,
    uid: String,
    index: usize,
    mounts: Vec<(String, String)>,
    image: Fs,
    /// Files the kubelet provides (`/etc/hosts`, `/etc/hostname`, `/etc/resolv.conf` …).
    virtual_files: Vec<(String, String)>,
    /// ConfigMap and Secret volumes: read-only, and they hide what the image has below them.
    read_only: Vec<String>,
}

fn whiteout(path: &str) -> String {
    format!("{path}.wh")
}

impl<C: Deref<Target = Cluster>> ContainerFiles<C> {
    /// The view for container `index` of the pod with `uid`.
    pub fn new(
        cluster: C,
        uid: &str,
        index: usize,
        virtual_files: Vec<(String, String)>,
    ) -> ContainerFiles<C> {
        let (mounts, image, read_only) = match cluster.world.runtime.get(uid) {
            Some(rt) => {
                let pod = cluster
                    .world
                    .store
                    .get::<k8s_openapi::api::core::v1::Pod>(&rt.namespace, &rt.name);
                let mounts = pod
                    .map(|pod| crate::sim::kubelet::files::mounts(&cluster.world, pod, index))
                    .unwrap_or_default();
                let read_only = pod
                    .map(|pod| {
                        crate::sim::kubelet::config::mounted_files(&cluster.world, pod, index).1
                    })
                    .unwrap_or_default();
                let image = rt
                    .containers
                    .get(index)
                    .map(|k| crate::sim::kubelet::files::image_fs(&k.image))
                    .unwrap_or_default();
                (mounts, image, read_only)
            }
            None => (Vec::new(), Fs::default(), Vec::new()),
        };
        ContainerFiles {
            cluster,
            uid: uid.to_string(),
            index,
            mounts,
            image,
            virtual_files,
            read_only,
        }
    }

    /// The read-only volume mount `path` lies in, if any.
    fn read_only_mount(&self, path: &str) -> Option<&str> {
        super::projected::mount_of(&self.read_only, path)
    }

    /// The mounted volumes: (mount path, volume name), longest path first.
    pub fn mounts(&self) -> &[(String, String)] {
        &self.mounts
    }

    fn place(&self, path: &str) -> Place {
        for (mount, pv) in &self.mounts {
            if path == mount {
                return Place::Volume(pv.clone(), "/".into());
            }
            if let Some(rest) = path
                .strip_prefix(mount.as_str())
                .filter(|r| r.starts_with('/'))
            {
                return Place::Volume(pv.clone(), normalize("/", rest));
            }
        }
        Place::Layer
    }

    fn layer(&self) -> Option<&Fs> {
        let k = self
            .cluster
            .world
            .runtime
            .get(&self.uid)?
            .containers
            .get(self.index)?;
        Some(&k.layer)
    }

    /// Whether the path or one of its parents was deleted from the image.
    fn whited_out(&self, path: &str) -> bool {
        let Some(layer) = self.layer() else {
            return false;
        };
        let mut p = path.to_string();
        loop {
            if layer.get(&whiteout(&p)).is_some() {
                return true;
            }
            if p == "/" {
                return false;
            }
            p = parent(&p).to_string();
        }
    }

    /// Whether a mount point lies below `path` (so `path` must exist as a directory).
    fn holds_mount(&self, path: &str) -> bool {
        let prefix = if path == "/" {
            "/".to_string()
        } else {
            format!("{path}/")
        };
        self.mounts.iter().any(|(m, _)| m.starts_with(&prefix))
    }

    fn layer_entry(&self, path: &str) -> Option<Entry> {
        if self.read_only_mount(path).is_some() {
            return super::projected::entry(&self.read_only, &self.virtual_files, path);
        }
        if let Some(e) = self.layer().and_then(|l| l.get(path)) {
            return Some(e.clone());
        }
        if let Some((_, text)) = self.virtual_files.iter().find(|(p, _)| p == path) {
            return Some(Entry::File(text.clone()));
        }
        if self.whited_out(path) {
            return None;
        }
        if let Some(e) = self.image.get(path) {
            return Some(e.clone());
        }
        let virtual_dir = self
            .virtual_files
            .iter()
            .any(|(p, _)| p.starts_with(&format!("{path}/")));
        if self.holds_mount(path) || virtual_dir {
            return Some(Entry::Dir);
        }
        None
    }

    fn entry(&self, path: &str) -> Option<Entry> {
        match self.place(path) {
            Place::Volume(pv, inner) => {
                if inner == "/" {
                    return Some(Entry::Dir);
                }
                self.cluster
                    .world
                    .volumes
                    .get(&pv)
                    .and_then(|fs| fs.get(&inner).cloned())
            }
            Place::Layer => self.layer_entry(path),
        }
    }

    /// The text of the file at `path`.
    pub fn read_text(&self, path: &str) -> Result<String, FsError> {
        match self.entry(path) {
            Some(Entry::File(t)) => Ok(t),
            Some(Entry::Dir) => Err(FsError::IsDir),
            None => Err(FsError::NotFound),
        }
    }

    fn parent_is_dir(&self, path: &str) -> Result<(), FsError> {
        match self.entry(parent(path)) {
            Some(Entry::Dir) => Ok(()),
            Some(Entry::File(_)) => Err(FsError::NotDir),
            None => Err(FsError::NotFound),
        }
    }
}

impl<C: DerefMut<Target = Cluster>> ContainerFiles<C> {
    fn layer_mut(&mut self) -> Option<&mut Fs> {
        let rt = self.cluster.world.runtime.get_mut(&self.uid)?;
        Some(&mut rt.containers.get_mut(self.index)?.layer)
    }

    fn unwhite(&mut self, path: &str) {
        if let Some(layer) = self.layer_mut() {
            layer.remove(&whiteout(path));
        }
    }
}

impl<C: DerefMut<Target = Cluster>> Files for ContainerFiles<C> {
    fn stat(&self, path: &str) -> Option<Stat> {
        match self.entry(path)? {
            Entry::Dir => Some(Stat::Dir),
            Entry::File(t) => Some(Stat::File(t.len())),
        }
    }

    fn read(&self, path: &str) -> Result<String, FsError> {
        self.read_text(path)
    }

    fn write(&mut self, path: &str, text: &str, append: bool) -> Result<(), FsError> {
        self.parent_is_dir(path)?;
        if self.read_only_mount(path).is_some() {
            return Err(FsError::ReadOnly);
        }
        let old = match self.entry(path) {
            Some(Entry::Dir) => return Err(FsError::IsDir),
            Some(Entry::File(t)) => Some(t),
            None => None,
        };
        match self.place(path) {
            Place::Volume(pv, inner) => {
                let volume = self.cluster.world.volumes.entry(pv).or_default();
                if volume.used_bytes() + text.len() > crate::container::VOLUME_WRITE_LIMIT {
                    return Err(FsError::NoSpace);
                }
                volume.write(&inner, text, append);
            }
            Place::Layer => {
                let content = match (append, old) {
                    (true, Some(o)) => format!("{o}{text}"),
                    _ => text.to_string(),
                };
                if content.len() > crate::container::VOLUME_WRITE_LIMIT {
                    return Err(FsError::NoSpace);
                }
                self.unwhite(path);
                if let Some(layer) = self.layer_mut() {
                    layer.write(path, &content, false);
                }
            }
        }
        Ok(())
    }

    fn mkdir(&mut self, path: &str) -> Result<(), FsError> {
        self.parent_is_dir(path)?;
        if self.read_only_mount(path).is_some() {
            return Err(FsError::ReadOnly);
        }
        if self.entry(path).is_some() {
            return Err(FsError::Exists);
        }
        match self.place(path) {
            Place::Volume(pv, inner) => self
                .cluster
                .world
                .volumes
                .entry(pv)
                .or_default()
                .mkdir_p(&inner),
            Place::Layer => {
                self.unwhite(path);
                if let Some(layer) = self.layer_mut() {
                    layer.mkdir_p(path);
                }
            }
        }
        Ok(())
    }

    fn remove(&mut self, path: &str) -> Result<(), FsError> {
        match self.read_only_mount(path) {
            Some(m) if m == path => return Err(FsError::Busy),
            Some(_) => return Err(FsError::ReadOnly),
            None => {}
        }
        if self.mounts.iter().any(|(m, _)| m == path) || self.holds_mount(path) {
            // The mount point cannot go; what is inside the volume can.
            if let Place::Volume(pv, _) = self.place(path)
                && let Some(fs) = self.cluster.world.volumes.get_mut(&pv)
            {
                let names: Vec<String> = fs.list("/").into_iter().map(|(n, _)| n).collect();
                for n in names {
                    fs.remove(&format!("/{n}"));
                }
            }
            return Err(FsError::Busy);
        }
        if self.virtual_files.iter().any(|(p, _)| p == path) {
            return Err(FsError::Busy);
        }
        if self.entry(path).is_none() {
            return Err(FsError::NotFound);
        }
        match self.place(path) {
            Place::Volume(pv, inner) => {
                if let Some(fs) = self.cluster.world.volumes.get_mut(&pv) {
                    fs.remove(&inner);
                }
            }
            Place::Layer => {
                let prefix = format!("{path}/");
                let from_image: Vec<String> = self
                    .image
                    .walk()
                    .map(|(p, _)| p.clone())
                    .filter(|p| p == path || p.starts_with(&prefix))
                    .collect();
                if let Some(layer) = self.layer_mut() {
                    layer.remove(path);
                    for p in from_image {
                        layer.write(&whiteout(&p), "", false);
                    }
                }
            }
        }
        Ok(())
    }

    fn list(&self, dir: &str) -> Result<Vec<(String, Stat)>, FsError> {
        match self.entry(dir) {
            Some(Entry::Dir) => {}
            Some(Entry::File(_)) => return Err(FsError::NotDir),
            None => return Err(FsError::NotFound),
        }
        let mut names: Vec<String> = Vec::new();
        let read_only = self.read_only_mount(dir).is_some();
        match self.place(dir) {
            Place::Layer if read_only => {
                names.extend(super::projected::names(&self.virtual_files, dir));
            }
            Place::Volume(pv, inner) => {
                if let Some(fs) = self.cluster.world.volumes.get(&pv) {
                    names.extend(fs.list(&inner).into_iter().map(|(n, _)| n));
                }
            }
            Place::Layer => {
                names.extend(self.image.list(dir).into_iter().map(|(n, _)| n));
                if let Some(layer) = self.layer() {
                    names.extend(
                        layer
                            .list(dir)
                            .into_iter()
                            .map(|(n, _)| n)
                            .filter(|n| !n.ends_with(".wh")),
                    );
                }
                let prefix = if dir == "/" {
                    "/".to_string()
                } else {
                    format!("{dir}/")
                };
                let below = self
                    .mounts
                    .iter()
                    .map(|(m, _)| m.as_str())
                    .chain(self.virtual_files.iter().map(|(p, _)| p.as_str()));
                for p in below {
                    if let Some(rest) = p.strip_prefix(&prefix) {
                        names.push(rest.split('/').next().unwrap_or("").to_string());
                    }
                }
            }
        }
        crate::order::sort(&mut names);
        names.dedup();
        let mut out = Vec::new();
        for n in names.into_iter().filter(|n| !n.is_empty()) {
            if let Some(s) = self.stat(&normalize(dir, &n)) {
                out.push((n, s));
            }
        }
        Ok(out)
    }
}
