//! What colour a pod gets: its kubectl STATUS and READY text reduced to a handful of states.

/// The states the cluster picture and the timeline colour pods by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PodClass {
    /// Not yet scheduled or not yet started by the kubelet (`Pending`).
    Pending,
    /// Sandbox, volumes, image pull or container start in progress (`ContainerCreating`).
    Creating,
    /// Running, but not every container is ready yet.
    NotReady,
    /// Running and ready.
    Ready,
    /// Marked for deletion and shutting down.
    Terminating,
    /// Something is wrong: image pull errors, crash loops, failed containers.
    Error,
    /// Finished (`Completed`, `Succeeded`).
    Done,
}

impl PodClass {
    /// Every class, in the order the legend lists them.
    pub const ALL: [PodClass; 7] = [
        PodClass::Pending,
        PodClass::Creating,
        PodClass::NotReady,
        PodClass::Ready,
        PodClass::Terminating,
        PodClass::Error,
        PodClass::Done,
    ];

    /// The CSS modifier that colours it.
    pub fn css(self) -> &'static str {
        match self {
            PodClass::Pending => "pending",
            PodClass::Creating => "creating",
            PodClass::NotReady => "notready",
            PodClass::Ready => "ready",
            PodClass::Terminating => "terminating",
            PodClass::Error => "error",
            PodClass::Done => "done",
        }
    }

    /// Words for the legend and for screen readers.
    pub fn label(self) -> &'static str {
        match self {
            PodClass::Pending => "Pending",
            PodClass::Creating => "Creating",
            PodClass::NotReady => "Running, not ready",
            PodClass::Ready => "Ready",
            PodClass::Terminating => "Terminating",
            PodClass::Error => "Error",
            PodClass::Done => "Completed",
        }
    }
}

/// Whether a READY cell such as `2/2` says every container is ready.
pub fn all_ready(ready: &str) -> bool {
    match ready.split_once('/') {
        Some((have, want)) => have == want && want != "0",
        None => false,
    }
}

/// The class of a pod from its kubectl STATUS and READY cells.
pub fn classify(status: &str, ready: &str) -> PodClass {
    match status {
        // A pod the API server has just stored has no phase yet.
        "" | "Pending" | "SchedulingGated" => PodClass::Pending,
        "ContainerCreating" | "PodInitializing" => PodClass::Creating,
        s if s.starts_with("Init:") && s.contains('/') => PodClass::Creating,
        "Running" if all_ready(ready) => PodClass::Ready,
        "Running" | "NotReady" => PodClass::NotReady,
        "Terminating" => PodClass::Terminating,
        "Completed" | "Succeeded" => PodClass::Done,
        _ => PodClass::Error,
    }
}
