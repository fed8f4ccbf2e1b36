//! The virtual time one kubectl invocation takes before the API server answers it: starting the
//! client, reading its kubeconfig and discovery cache, and one round trip to the server. A real
//! terminal session never runs two commands in the same instant, so the controllers that react
//! to the last command's changes (endpoints, the volume controller, the StatefulSet controller)
//! have had their few milliseconds by the time the next command looks.

/// A command that asks the API server and answers at once (`get`, `apply`, `delete`, `scale`…).
pub const REQUEST_MS: u64 = 100;

/// `kubectl logs`: the API server proxies the request to the node's kubelet, which reads the
/// container's log file.
pub const LOGS_MS: u64 = 150;

/// `kubectl exec`, `attach`, `cp` and `port-forward`: the API server upgrades the connection to
/// a stream through the kubelet to the container runtime before the command starts.
pub const STREAM_MS: u64 = 250;

/// The virtual time the command at `path` (`kubectl rollout status`) takes before it is served;
/// `client_only` when its flags keep it off the network (`version --client`). Commands that only
/// read the local kubeconfig or print text take none.
pub fn before_request(path: &str, client_only: bool) -> u64 {
    if client_only {
        return 0;
    }
    let command = path.strip_prefix("kubectl ").unwrap_or(path);
    let first = command.split(' ').next().unwrap_or(command);
    match first {
        "exec" | "attach" | "cp" | "port-forward" => STREAM_MS,
        "logs" => LOGS_MS,
        "config" | "completion" | "plugin" | "alpha" | "options" => 0,
        _ => REQUEST_MS,
    }
}
