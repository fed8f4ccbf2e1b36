//! What a container does once started: how long it runs and how it exits, and the kubelet's back-offs.

use k8s_openapi::api::core::v1::Container;

use super::images::{self, Behaviour, Pull};

/// How long a started container with `spec` runs by itself and its exit code (None: until stopped).
/// An init container whose command is not a known endless loop does its job and exits 0.
pub(super) fn run_plan(spec: &Container, init: bool) -> Option<(u64, i32)> {
    let image = spec.image.as_deref().unwrap_or_default();
    let Pull::Ok(_, behaviour, _) = images::pull(image) else {
        return None;
    };
    let words: Vec<&str> = spec
        .command
        .iter()
        .flatten()
        .chain(spec.args.iter().flatten())
        .map(String::as_str)
        .collect();
    let line = words.join(" ");
    if let Behaviour::Server {
        required_env: Some((var, _)),
        ..
    } = behaviour
    {
        // The official images also accept these alternatives to the password variable.
        let alternatives: &[&str] = match var {
            "MYSQL_ROOT_PASSWORD" => &[
                "MYSQL_ROOT_PASSWORD",
                "MYSQL_ALLOW_EMPTY_PASSWORD",
                "MYSQL_RANDOM_ROOT_PASSWORD",
            ],
            "POSTGRES_PASSWORD" => &["POSTGRES_PASSWORD", "POSTGRES_HOST_AUTH_METHOD"],
            _ => &[],
        };
        let has = spec
            .env
            .iter()
            .flatten()
            .any(|e| e.name == var || alternatives.contains(&e.name.as_str()));
        if !has && line.is_empty() {
            return Some((1_500, 1));
        }
    }
    if behaviour != Behaviour::Shell && line.is_empty() {
        return None;
    }
    if line.contains("sleep infinity")
        || line.contains("tail -f")
        || line.contains("while true")
        || line.contains("while :")
    {
        return None;
    }
    if let Some(code) = unconditional_exit(&line) {
        return Some((100, code));
    }
    if let Some(rest) = line.split("sleep ").nth(1)
        && let Some(secs) = rest
            .split_whitespace()
            .next()
            .and_then(|d| d.trim_end_matches(';').parse::<u64>().ok())
    {
        return Some((secs * 1000, 0));
    }
    if behaviour == Behaviour::Shell {
        return Some((50, 0));
    }
    init.then_some((400, 0))
}

/// The code of the first `exit N` the script always reaches: one after `||` or `&&` (the MySQL
/// tutorial's `[[ $HOSTNAME =~ -([0-9]+)$ ]] || exit 1`) only runs when a test fails.
fn unconditional_exit(line: &str) -> Option<i32> {
    let mut before = "";
    for (n, rest) in line.split("exit ").enumerate() {
        let guarded = before.trim_end().ends_with("||") || before.trim_end().ends_with("&&");
        if n > 0 && !guarded {
            let digits = rest.split(|ch: char| !ch.is_ascii_digit()).next();
            return Some(digits.and_then(|d| d.parse().ok()).unwrap_or(0));
        }
        before = rest;
    }
    None
}

pub(super) fn back_off(failures: u32) -> u64 {
    let exp = failures.saturating_sub(1).min(5);
    (10_000u64 << exp).min(300_000)
}

/// How long a failed pull shows as ErrImagePull: until the kubelet's next sync of the pod (its
/// worker retries a failed sync after about a second here), which finds the image in back-off and
/// reports ImagePullBackOff. The back-off itself runs from there, so pulls come 10 s, 20 s, 40 s …
/// apart and ImagePullBackOff is what a learner mostly sees.
pub(super) fn err_image_pull_ms() -> u64 {
    1_500
}

/// How long pulling `size` bytes takes on the simulated network (about 20 MB/s plus latency).
pub(super) fn pull_ms(size: u64) -> u64 {
    800 + size / 20_000
}

/// Milliseconds as seconds with three decimals, `1.234s`, as the kubelet prints a pull's duration.
pub(super) fn seconds(ms: u64) -> String {
    let millis = (ms % 1000).to_string();
    let pad = "000".get(millis.len()..).unwrap_or_default();
    [&(ms / 1000).to_string(), ".", pad, &millis, "s"].concat()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_an_exit_the_script_always_reaches_ends_it() {
        use super::unconditional_exit as exit;
        assert_eq!(exit("sh -c exit 3"), Some(3));
        assert_eq!(exit("sh -c echo starting; exit 1"), Some(1));
        assert_eq!(
            exit("bash -c [[ $HOSTNAME =~ -([0-9]+)$ ]] || exit 1\nordinal=1"),
            None
        );
        assert_eq!(exit("sh -c test -f /x && exit 0; exit 4"), Some(4));
        assert_eq!(exit("sh -c echo hi"), None);
    }

    #[test]
    fn seconds_print_as_the_formatter_prints_them() {
        for ms in [
            0u64, 1, 9, 10, 99, 100, 999, 1000, 1001, 1234, 5_010, 60_000, 3_600_007,
        ] {
            assert_eq!(super::seconds(ms), format!("{:.3}s", ms as f64 / 1000.0));
        }
    }
}
