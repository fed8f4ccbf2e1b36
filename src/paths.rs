//! Absolute-path arithmetic, the one rule for `.` and `..` that the shells, their hosts and the
//! volumes' file stores share.

/// Joins `path` onto `cwd` and resolves `.` and `..`, giving an absolute path without a trailing slash.
pub fn normalize(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{cwd}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The parent directory of a normalised path (`/` for top-level entries).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalise_like_a_shell() {
        assert_eq!(
            normalize("/usr/share", "nginx/html/../html/./index.html"),
            "/usr/share/nginx/html/index.html"
        );
        assert_eq!(normalize("/", ".."), "/");
        assert_eq!(normalize("/a/b", "/c"), "/c");
        assert_eq!(parent("/a"), "/");
        assert_eq!(parent("/a/b"), "/a");
    }
}
