//! The image catalogue: well-known images with their real tags, sizes, files and behaviour.
//! An official image (`docker.io/library/…`) the catalogue does not know does not exist; an image from
//! any other repository the catalogue does not know is treated as the learner's own and pulls.

/// How a container of an image behaves once started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// nginx: serves files from its html directory on port 80.
    Nginx,
    /// A database or cache listening on a TCP port; `env` names a variable it refuses to start without.
    Server {
        /// The port it listens on.
        port: i32,
        /// A required environment variable and the line it logs when it is missing.
        required_env: Option<(&'static str, &'static str)>,
    },
    /// A shell image: its default command (`sh`) exits at once unless a command keeps it busy.
    Shell,
    /// The learner's own image: listens on the ports the container declares.
    Custom,
}

/// A catalogue entry.
#[derive(Debug, Clone, Copy)]
pub struct ImageInfo {
    /// Canonical repository, e.g. `docker.io/library/nginx`.
    pub repository: &'static str,
    /// Tags that exist.
    pub tags: &'static [&'static str],
    /// Compressed size in bytes, used for pull times and the Pulled event.
    pub size: u64,
    /// Behaviour once started.
    pub behaviour: Behaviour,
    /// How long it takes to exit after SIGTERM, in milliseconds (None: it ignores SIGTERM).
    pub stop_ms: Option<u64>,
}

const NGINX_TAGS: &[&str] = &[
    "latest",
    "stable",
    "mainline",
    "alpine",
    "1",
    "1.14",
    "1.16",
    "1.17",
    "1.18",
    "1.19",
    "1.20",
    "1.21",
    "1.22",
    "1.23",
    "1.24",
    "1.25",
    "1.26",
    "1.27",
    "1.28",
    "1.29",
    "1.14.2",
    "1.19.10",
    "1.20.2",
    "1.21.6",
    "1.22.1",
    "1.23.4",
    "1.24.0",
    "1.25.5",
    "1.26.3",
    "1.27.5",
    "1.28.0",
    "1.29.1",
    "1.25-alpine",
    "1.27-alpine",
    "1.29-alpine",
    "stable-alpine",
    "alpine-slim",
];

/// The catalogue.
pub const CATALOGUE: &[ImageInfo] = &[
    ImageInfo {
        repository: "docker.io/library/nginx",
        tags: NGINX_TAGS,
        size: 72_165_410,
        behaviour: Behaviour::Nginx,
        stop_ms: Some(300),
    },
    ImageInfo {
        repository: "registry.k8s.io/nginx-slim",
        tags: &["0.8", "0.20", "0.21", "0.24", "0.25", "0.26", "0.27"],
        size: 18_574_624,
        behaviour: Behaviour::Nginx,
        stop_ms: Some(300),
    },
    ImageInfo {
        repository: "docker.io/library/mongo",
        tags: &[
            "latest", "4", "4.4", "5", "5.0", "6", "6.0", "7", "7.0", "8", "8.0", "4.4.29",
            "6.0.20", "7.0.16", "8.0.4",
        ],
        size: 294_201_600,
        behaviour: Behaviour::Server {
            port: 27017,
            required_env: None,
        },
        stop_ms: Some(2_000),
    },
    ImageInfo {
        repository: "docker.io/library/mysql",
        tags: &[
            "latest", "5.7", "8", "8.0", "8.4", "9", "9.0", "9.1", "lts", "8.0.40", "8.4.3",
        ],
        size: 172_532_736,
        behaviour: Behaviour::Server {
            port: 3306,
            required_env: Some((
                "MYSQL_ROOT_PASSWORD",
                "[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD",
            )),
        },
        stop_ms: Some(3_000),
    },
    ImageInfo {
        repository: "docker.io/library/postgres",
        tags: &[
            "latest",
            "13",
            "14",
            "15",
            "16",
            "17",
            "18",
            "16-alpine",
            "17-alpine",
            "alpine",
            "16.6",
            "17.2",
        ],
        size: 158_400_512,
        behaviour: Behaviour::Server {
            port: 5432,
            required_env: Some((
                "POSTGRES_PASSWORD",
                "Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".",
            )),
        },
        stop_ms: Some(1_000),
    },
    ImageInfo {
        repository: "docker.io/library/redis",
        tags: &[
            "latest", "6", "6.2", "7", "7.0", "7.2", "7.4", "8", "alpine", "7-alpine", "7.4.1",
        ],
        size: 45_087_232,
        behaviour: Behaviour::Server {
            port: 6379,
            required_env: None,
        },
        stop_ms: Some(200),
    },
    ImageInfo {
        repository: "docker.io/library/busybox",
        tags: &[
            "latest", "stable", "musl", "glibc", "uclibc", "1.28", "1.29", "1.30", "1.31", "1.32",
            "1.33", "1.34", "1.35", "1.36", "1.37", "1.28.4", "1.36.1", "1.37.0",
        ],
        size: 2_155_443,
        behaviour: Behaviour::Shell,
        stop_ms: None,
    },
    ImageInfo {
        repository: "registry.k8s.io/busybox",
        tags: &["latest", "1.24", "1.27.2", "1.28", "1.36"],
        size: 1_144_547,
        behaviour: Behaviour::Shell,
        stop_ms: None,
    },
    ImageInfo {
        repository: "docker.io/library/alpine",
        tags: &[
            "latest", "3", "3.18", "3.19", "3.20", "3.21", "3.22", "edge",
        ],
        size: 3_653_068,
        behaviour: Behaviour::Shell,
        stop_ms: None,
    },
    ImageInfo {
        repository: "docker.io/library/ubuntu",
        tags: &[
            "latest", "20.04", "22.04", "24.04", "focal", "jammy", "noble",
        ],
        size: 29_754_290,
        behaviour: Behaviour::Shell,
        stop_ms: None,
    },
];

/// An image reference split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// Canonical repository (`docker.io/library/nginx`).
    pub repository: String,
    /// Tag (`latest` when none is given).
    pub tag: String,
    /// Whether a digest pinned the image.
    pub digest: Option<String>,
}

impl ImageRef {
    /// The canonical reference as containerd reports it (`docker.io/library/nginx:1.25`).
    pub fn canonical(&self) -> String {
        let (sep, rest) = match &self.digest {
            Some(d) => ('@', d),
            None => (':', &self.tag),
        };
        let mut out = String::with_capacity(self.repository.len() + 1 + rest.len());
        out.push_str(&self.repository);
        out.push(sep);
        out.push_str(rest);
        out
    }
}

/// Parses an image reference as the container runtime does (Docker Hub defaults).
pub fn parse(image: &str) -> ImageRef {
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d.to_string())),
        None => (image, None),
    };
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (
            &rest[..last_slash + i],
            rest[last_slash + i + 1..].to_string(),
        ),
        None => (rest, "latest".to_string()),
    };
    let first = name.split('/').next().unwrap_or("");
    let has_registry =
        name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let prefix = if has_registry {
        ""
    } else if name.contains('/') {
        "docker.io/"
    } else {
        "docker.io/library/"
    };
    let mut repository = String::with_capacity(prefix.len() + name.len());
    repository.push_str(prefix);
    repository.push_str(name);
    ImageRef {
        repository,
        tag,
        digest,
    }
}

/// The catalogue entry of a repository, if well known.
pub fn lookup(reference: &ImageRef) -> Option<&'static ImageInfo> {
    CATALOGUE
        .iter()
        .find(|i| i.repository == reference.repository)
}

/// What pulling an image does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pull {
    /// It pulls: size in bytes and how it behaves.
    Ok(u64, Behaviour, Option<u64>),
    /// The tag does not exist: the runtime's error text.
    NotFound(String),
}

/// Decides whether `image` can be pulled.
pub fn pull(image: &str) -> Pull {
    let reference = parse(image);
    match lookup(&reference) {
        Some(info) if reference.digest.is_some() || info.tags.contains(&reference.tag.as_str()) => {
            Pull::Ok(info.size, info.behaviour, info.stop_ms)
        }
        Some(_) => {
            let canonical = reference.canonical();
            Pull::NotFound(format!(
                "rpc error: code = NotFound desc = failed to pull and unpack image \"{canonical}\": failed to resolve reference \"{canonical}\": {canonical}: not found"
            ))
        }
        // Docker Hub's official images live under `library/`, and every one the playground knows
        // is in the catalogue: any other name there (`myapp-image`) does not exist, and the
        // registry answers as it does for a repository nobody may read. A learner's own image
        // elsewhere (`ghcr.io/me/app`, `me/app`) is assumed to exist.
        None if reference.repository.starts_with("docker.io/library/") => {
            let canonical = reference.canonical();
            Pull::NotFound(format!(
                "rpc error: code = Unknown desc = failed to pull and unpack image \"{canonical}\": failed to resolve reference \"{canonical}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
            ))
        }
        None => Pull::Ok(25_000_000, Behaviour::Custom, Some(500)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_normalise_like_containerd() {
        assert_eq!(parse("nginx").canonical(), "docker.io/library/nginx:latest");
        assert_eq!(
            parse("nginx:1.21").canonical(),
            "docker.io/library/nginx:1.21"
        );
        assert_eq!(
            parse("bitnami/redis:7").canonical(),
            "docker.io/bitnami/redis:7"
        );
        assert_eq!(
            parse("registry.k8s.io/nginx-slim:0.24").canonical(),
            "registry.k8s.io/nginx-slim:0.24"
        );
        assert_eq!(
            parse("localhost:5000/app").canonical(),
            "localhost:5000/app:latest"
        );
    }

    #[test]
    fn unknown_tags_and_unknown_official_images_fail_and_other_repositories_pull() {
        assert!(matches!(
            pull("nginx:1.21"),
            Pull::Ok(_, Behaviour::Nginx, _)
        ));
        assert!(matches!(pull("mongo:4.4"), Pull::Ok(..)));
        match pull("nginx:bad") {
            Pull::NotFound(e) => {
                assert!(e.ends_with("docker.io/library/nginx:bad: not found"), "{e}")
            }
            other => panic!("{other:?}"),
        }
        // docker.io/library/myapp-image does not exist: Docker Hub refuses it as it refuses a
        // private repository (containerd's resolver: "pull access denied, repository does not
        // exist or may require authorization").
        match pull("myapp-image:latest") {
            Pull::NotFound(e) => assert!(
                e.ends_with("pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"),
                "{e}"
            ),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            pull("ghcr.io/someone/app:1"),
            Pull::Ok(_, Behaviour::Custom, _)
        ));
    }
}
