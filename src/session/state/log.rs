//! The session as a list of inputs in virtual time. The cluster is deterministic, so replaying
//! the same inputs from the same seed gives the same state: that is what autosave and share
//! links store, instead of the (much larger) cluster itself.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One input to the session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Virtual time passed (consecutive ticks are merged into one).
    #[serde(rename = "a")]
    Advance(u64),
    /// The Step button: run the next piece of pending work.
    #[serde(rename = "s")]
    Step,
    /// The Settle button: run until the cluster is quiet.
    #[serde(rename = "q")]
    Settle,
    /// A line typed at the prompt (or sent by the Apply button).
    #[serde(rename = "l")]
    Line(String),
    /// Ctrl+C while a command runs.
    #[serde(rename = "i")]
    Interrupt,
    /// Ctrl+C at the prompt with nothing running: the abandoned line.
    #[serde(rename = "x")]
    Cancel(String),
    /// Ctrl+L or the Clear button.
    #[serde(rename = "c")]
    Clear,
    /// Tab listed several completions of the typed line.
    #[serde(rename = "o")]
    Options(String, Vec<String>),
    /// A clock tick ran out of real time after this many pieces of work (it did not reach
    /// the virtual time it aimed for).
    #[serde(rename = "k")]
    Work(u64),
    /// A workspace file as it was when the next command ran.
    #[serde(rename = "w")]
    Write(String, String),
    /// A workspace file was removed before the next command ran.
    #[serde(rename = "r")]
    Remove(String),
    /// The learner stopped (true) or started (false) a node's kubelet.
    #[serde(rename = "n")]
    Node(String, bool),
}

/// The recorded inputs, plus the files as last recorded (to record only what changed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionLog {
    actions: Vec<Action>,
    recorded_files: BTreeMap<String, String>,
}

impl SessionLog {
    /// A log that continues a replayed one: the same actions, and the files they recorded.
    pub fn continuing(actions: &[Action]) -> SessionLog {
        let mut recorded_files = BTreeMap::new();
        for action in actions {
            match action {
                Action::Write(path, text) => {
                    recorded_files.insert(path.clone(), text.clone());
                }
                Action::Remove(path) => {
                    recorded_files.remove(path);
                }
                _ => {}
            }
        }
        SessionLog {
            actions: actions.to_vec(),
            recorded_files,
        }
    }

    /// The files as last recorded.
    pub fn recorded_files(&self) -> &BTreeMap<String, String> {
        &self.recorded_files
    }

    /// The recorded actions, oldest first.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// Records that `ms` of virtual time passed.
    pub fn advance(&mut self, ms: u64) {
        if ms == 0 {
            return;
        }
        if let Some(Action::Advance(total)) = self.actions.last_mut() {
            *total = total.saturating_add(ms);
            return;
        }
        self.actions.push(Action::Advance(ms));
    }

    /// Records that a tick ran `steps` pieces of work and stopped there.
    pub fn work(&mut self, steps: u64) {
        if steps == 0 {
            return;
        }
        if let Some(Action::Work(total)) = self.actions.last_mut() {
            *total = total.saturating_add(steps);
            return;
        }
        self.actions.push(Action::Work(steps));
    }

    /// Records an action other than time passing.
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Records every file that changed, appeared or disappeared since the last call, so that a
    /// replayed command reads exactly what the learner's did.
    pub fn sync_files(&mut self, files: &BTreeMap<String, String>) {
        let removed: Vec<String> = self
            .recorded_files
            .keys()
            .filter(|path| !files.contains_key(*path))
            .cloned()
            .collect();
        for path in removed {
            self.recorded_files.remove(&path);
            self.actions.push(Action::Remove(path));
        }
        for (path, text) in files {
            if self.recorded_files.get(path) != Some(text) {
                self.recorded_files.insert(path.clone(), text.clone());
                self.actions.push(Action::Write(path.clone(), text.clone()));
            }
        }
    }
}
