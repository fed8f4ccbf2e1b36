//! What an image brings: its shells, which tools are installed, whose messages they print, and
//! the environment its processes start with.

use crate::sh::interp::{Dialect, Tools};
use crate::sim::kubelet::images;

/// The distribution an image is built on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Debian or Ubuntu: dash as `sh`, bash, GNU coreutils.
    Debian,
    /// Oracle Linux (mysql): bash as `sh`, GNU coreutils.
    Oracle,
    /// BusyBox (the busybox image): every applet, no bash.
    Busybox,
    /// Alpine: BusyBox applets plus a few musl tools, no bash.
    Alpine,
}

/// What a container's image provides.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The distribution.
    pub family: Family,
    /// Extra programs beyond the base set (`curl`, `nslookup` …).
    pub extra: &'static [&'static str],
    /// Environment variables the image sets.
    pub env: Vec<(String, String)>,
    /// The nginx version it serves as, when it is nginx.
    pub nginx: Option<String>,
    /// busybox 1.28 and older print `nslookup` the old way.
    pub old_busybox: bool,
}

/// Programs every image of a family has (besides the shell builtins).
const DEBIAN_BASE: [&str; 10] = [
    "hostname", "getent", "df", "mount", "sleep", "clear", "which", "kill", "true", "false",
];
const BUSYBOX_BASE: [&str; 12] = [
    "hostname", "df", "mount", "sleep", "clear", "which", "kill", "ps", "nslookup", "wget", "true",
    "false",
];

impl Profile {
    /// The profile of an image reference.
    pub fn of(image: &str) -> Profile {
        let r = images::parse(image);
        let tag = r.tag.as_str();
        let alpine = tag.contains("alpine");
        let repo = r.repository.as_str();
        let (family, extra): (Family, &'static [&'static str]) = match repo {
            "docker.io/library/nginx" if alpine => (Family::Alpine, &["curl", "getent"]),
            "docker.io/library/nginx" => (Family::Debian, &["curl"]),
            "registry.k8s.io/nginx-slim" => (Family::Debian, &["curl"]),
            "docker.io/library/busybox" | "registry.k8s.io/busybox" => (Family::Busybox, &[]),
            "docker.io/library/alpine" => (Family::Alpine, &["getent"]),
            "docker.io/library/mysql" => (Family::Oracle, &[]),
            "docker.io/library/postgres" | "docker.io/library/redis" if alpine => {
                (Family::Alpine, &["getent"])
            }
            "docker.io/library/mongo"
            | "docker.io/library/ubuntu"
            | "docker.io/library/postgres"
            | "docker.io/library/redis" => (Family::Debian, &[]),
            _ => (Family::Debian, &["curl"]),
        };
        let nginx = match repo {
            "docker.io/library/nginx" => Some(nginx_version(tag)),
            "registry.k8s.io/nginx-slim" => Some("1.27.1".to_string()),
            _ => None,
        };
        let mut env = Vec::new();
        if let Some(v) = &nginx
            && repo == "docker.io/library/nginx"
        {
            env.push(("NGINX_VERSION".to_string(), v.clone()));
            env.push((
                "PKG_RELEASE".to_string(),
                if alpine {
                    "1".into()
                } else {
                    "1~bookworm".into()
                },
            ));
        }
        let old_busybox = family == Family::Busybox
            && (repo == "registry.k8s.io/busybox" || tag.starts_with("1.2"));
        Profile {
            family,
            extra,
            env,
            nginx,
            old_busybox,
        }
    }

    /// Whose messages the tools print.
    pub fn tools(&self) -> Tools {
        match self.family {
            Family::Debian | Family::Oracle => Tools::Gnu,
            Family::Busybox | Family::Alpine => Tools::Busybox,
        }
    }

    /// The dialect of a shell program, if the image has it.
    pub fn shell(&self, program: &str) -> Option<Dialect> {
        let name = program.rsplit('/').next().unwrap_or(program);
        match (self.family, name) {
            (Family::Debian, "sh" | "dash") => Some(Dialect::Dash),
            (Family::Debian | Family::Oracle, "bash") => Some(Dialect::Bash),
            (Family::Oracle, "sh") => Some(Dialect::BashSh),
            (Family::Busybox | Family::Alpine, "sh" | "ash") => Some(Dialect::Busybox),
            _ => None,
        }
    }

    /// Whether a program is installed.
    pub fn has(&self, program: &str) -> bool {
        let name = program.rsplit('/').next().unwrap_or(program);
        if self.shell(name).is_some() || self.extra.contains(&name) {
            return true;
        }
        if name == "nginx" {
            return self.nginx.is_some();
        }
        let tools = crate::sh::utils::NAMES.contains(&name)
            || [
                "echo", "printf", "pwd", "test", "[", "xargs", "env", "sleep", "ls", "cat",
            ]
            .contains(&name);
        match self.family {
            Family::Debian | Family::Oracle => tools || DEBIAN_BASE.contains(&name),
            Family::Busybox | Family::Alpine => tools || BUSYBOX_BASE.contains(&name),
        }
    }

    /// Where a program lives.
    pub fn path_of(&self, program: &str) -> String {
        let name = program.rsplit('/').next().unwrap_or(program);
        match self.family {
            _ if name == "nginx" => "/usr/sbin/nginx".to_string(),
            Family::Busybox => format!("/bin/{name}"),
            Family::Alpine if ["curl", "getent"].contains(&name) => format!("/usr/bin/{name}"),
            Family::Alpine => format!("/bin/{name}"),
            // Debian and Oracle Linux merged /bin into /usr/bin.
            Family::Debian | Family::Oracle => format!("/usr/bin/{name}"),
        }
    }

    /// The interactive prompt of a shell.
    pub fn prompt(dialect: Dialect, hostname: &str, cwd: &str) -> String {
        let shown = if cwd == "/root" {
            "~".to_string()
        } else if let Some(rest) = cwd.strip_prefix("/root/") {
            format!("~/{rest}")
        } else {
            cwd.to_string()
        };
        match dialect {
            Dialect::Dash => "# ".to_string(),
            Dialect::Bash => format!("root@{hostname}:{shown}# "),
            Dialect::BashSh => "sh-5.1# ".to_string(),
            Dialect::Busybox => format!("{shown} # "),
        }
    }
}

/// The nginx version an `nginx` tag runs.
pub fn nginx_version(tag: &str) -> String {
    let base = tag.split('-').next().unwrap_or(tag);
    if base.split('.').count() == 3 && base.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return base.to_string();
    }
    match base {
        "1.14" => "1.14.2",
        "1.16" => "1.16.1",
        "1.17" => "1.17.10",
        "1.18" => "1.18.0",
        "1.19" => "1.19.10",
        "1.20" => "1.20.2",
        "1.21" => "1.21.6",
        "1.22" => "1.22.1",
        "1.23" => "1.23.4",
        "1.24" => "1.24.0",
        "1.25" => "1.25.5",
        "1.26" | "stable" => "1.26.3",
        "1.27" => "1.27.5",
        "1.28" => "1.28.0",
        _ => "1.29.1",
    }
    .to_string()
}
