//! Saving and replaying: the session as stored, and a model rebuilt from it.

use super::log::{Action, SessionLog};
use super::{Model, Shared};
use crate::session::persist::payload::{Payload, VERSION};

impl Model {
    /// The session's files, history and open file on a fresh cluster with the same seed: what
    /// can be kept when replaying the cluster is not possible (it took too long).
    pub fn files_only(payload: &Payload) -> Model {
        let mut model = Model::blank(payload.seed);
        model.log = SessionLog::continuing(&payload.log);
        model.term.session.files = model.log.recorded_files().clone();
        // The cluster starts over, so the inputs that built the old one no longer apply.
        model.log = SessionLog::default();
        model.history = Shared::new(payload.history.clone());
        let files = &model.term.session.files;
        model.open = payload
            .open
            .clone()
            .filter(|p| files.contains_key(p))
            .or_else(|| files.keys().next().cloned());
        model.dirty = true;
        model
    }

    /// Rebuilds a saved session by replaying it. `out_of_time` is asked now and then and stops
    /// the replay when it says so (a hostile link must not freeze the page).
    pub fn from_payload(
        payload: &Payload,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Result<Model, String> {
        let mut model = Model::blank(payload.seed);
        for action in &payload.log {
            match action {
                Action::Advance(ms) => {
                    let mut left = *ms;
                    while left > 0 {
                        if out_of_time() {
                            return Err("it takes too long to replay".to_string());
                        }
                        let chunk = left.min(1_000);
                        model.pass(chunk);
                        left -= chunk;
                    }
                }
                Action::Step => model.step(),
                Action::Settle => {
                    if !model.settle(&mut *out_of_time) {
                        return Err("it takes too long to replay".to_string());
                    }
                }
                Action::Work(steps) => {
                    let mut left = *steps;
                    while left > 0 {
                        if out_of_time() {
                            return Err("it takes too long to replay".to_string());
                        }
                        let chunk = left.min(1_000);
                        model.work(chunk);
                        left -= chunk;
                    }
                }
                Action::Line(line) => model.run_line(line),
                Action::Interrupt => model.interrupt(""),
                Action::Cancel(draft) => model.interrupt(draft),
                Action::Clear => model.lines = Shared::new(Vec::new()),
                Action::Options(line, options) => model.show_options(line, options),
                Action::Write(path, text) => {
                    model.term.session.files.insert(path.clone(), text.clone());
                }
                Action::Remove(path) => {
                    model.term.session.files.remove(path);
                }
                Action::Node(name, down) => {
                    model.set_node(name, *down);
                }
            }
            if out_of_time() {
                return Err("it takes too long to replay".to_string());
            }
        }
        // The replay went around the recorder; the session goes on from the saved inputs.
        model.log = SessionLog::continuing(&payload.log);
        model.history = Shared::new(payload.history.clone());
        let files = &model.term.session.files;
        model.open = payload
            .open
            .clone()
            .filter(|p| files.contains_key(p))
            .or_else(|| files.keys().next().cloned());
        model.clock.speed = payload.speed.unwrap_or(model.clock.speed);
        model.selected = payload.selected.clone();
        model.refresh();
        model.dirty = false;
        Ok(model)
    }

    /// The session as stored; records the current files first so that nothing is lost.
    pub fn payload(&mut self) -> Payload {
        self.log.sync_files(&self.term.session.files);
        Payload {
            v: VERSION,
            seed: self.seed,
            log: self.log.actions().to_vec(),
            history: self.history.to_vec(),
            open: self.open.clone(),
            speed: Some(self.clock.speed),
            selected: self.selected.clone(),
        }
    }
}
