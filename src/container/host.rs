//! The world as seen from inside a container: its files, the programs its image has, and the
//! cluster network for `nslookup`, `getent`, `curl` and `wget`.

use super::fs::ContainerFiles;
use super::profile::Profile;
use super::{Target, curl, disk, http, net, signals, system};
use crate::sh::interp::{Dialect, Files, Host, Proc};
use crate::sim::Cluster;

/// A container as a shell [`Host`].
pub struct ContainerHost<'a> {
    pub(super) files: ContainerFiles<&'a mut Cluster>,
    pub(super) target: Target,
    pub(super) profile: Profile,
}

impl<'a> ContainerHost<'a> {
    /// The host for a container of a pod in `cluster`.
    pub fn new(cluster: &'a mut Cluster, target: &Target, profile: Profile) -> ContainerHost<'a> {
        let virtual_files = system::kubelet_files(cluster, target);
        ContainerHost {
            files: ContainerFiles::new(cluster, &target.uid, target.index, virtual_files),
            target: target.clone(),
            profile,
        }
    }
}

impl Host for ContainerHost<'_> {
    fn files(&mut self) -> &mut dyn Files {
        &mut self.files
    }

    fn run(&mut self, p: &mut Proc) -> Option<i32> {
        let name = p.name().rsplit('/').next().unwrap_or("").to_string();
        if !self.profile.has(&name) {
            return None;
        }
        match name.as_str() {
            "hostname" => Some(system::hostname_cmd(self, p)),
            "df" => Some(disk::df(self, p)),
            "mount" => Some(disk::mount(self, p)),
            "ps" => Some(system::ps(self, p)),
            "kill" => Some(signals::kill(self, p)),
            "nginx" => Some(signals::nginx(self, p)),
            "nslookup" => Some(net::nslookup(self, p)),
            "getent" => Some(net::getent(self, p)),
            "curl" => Some(curl::curl(self, p)),
            "wget" => Some(http::wget(self, p)),
            "true" => Some(0),
            "false" => Some(1),
            _ => crate::sh::utils::run(p, &mut self.files),
        }
    }

    fn has(&self, name: &str) -> bool {
        self.profile.has(name)
    }

    fn path_of(&self, name: &str) -> String {
        self.profile.path_of(name)
    }

    fn shell(&self, name: &str) -> Option<Dialect> {
        self.profile.shell(name).filter(|_| self.profile.has(name))
    }

    fn sleep(&mut self, ms: u64) {
        self.files.cluster.advance(ms);
    }

    fn now_ms(&self) -> u64 {
        self.files.cluster.now_ms()
    }

    fn timestamp(&self) -> jiff::Timestamp {
        crate::sim::clock::timestamp_at(self.files.cluster.now_ms())
    }
}
