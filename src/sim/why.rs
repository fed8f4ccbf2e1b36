//! The "why" trace: every controller decision and every wait, in plain words.

use std::collections::{BTreeMap, HashMap, VecDeque};

use rustc_hash::FxBuildHasher;

use serde::{Deserialize, Serialize};

/// How many trace lines are kept; older ones are dropped first.
const KEEP: usize = 4000;

/// One decision or wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhyLine {
    /// Virtual milliseconds when it was decided.
    pub at_ms: u64,
    /// The object it is about, as `kind/namespace/name`.
    pub subject: String,
    /// What was decided or waited for, e.g. "web-2 not created: web-1 is not Ready (OrderedReady)".
    pub text: String,
}

/// The trace, plus each controller's current reason for waiting.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Why {
    lines: VecDeque<WhyLine>,
    waiting: BTreeMap<String, String>,
    /// For each subject with kept lines: how many there are and the text of the newest. Rebuilt from
    /// `lines` when missing (after reading a saved state), so the format does not change. Only
    /// looked up, never listed, so it is hashed.
    #[serde(skip)]
    latest: Option<HashMap<String, (usize, String), FxBuildHasher>>,
}

impl Why {
    /// Records a decision about `subject`.
    pub fn note(&mut self, at_ms: u64, subject: &str, text: impl Into<String>) {
        let text = text.into();
        let lines = &self.lines;
        let latest = self.latest.get_or_insert_with(|| {
            let mut index: HashMap<String, (usize, String), FxBuildHasher> = HashMap::default();
            for l in lines {
                let e = index.entry(l.subject.clone()).or_default();
                e.0 += 1;
                e.1.clone_from(&l.text);
            }
            index
        });
        // Repeating the very same line for the same subject adds nothing a reader can use.
        if latest.get(subject).is_some_and(|(_, last)| *last == text) {
            return;
        }
        if self.lines.len() >= KEEP
            && let Some(old) = self.lines.pop_front()
            && let Some(e) = latest.get_mut(&old.subject)
        {
            e.0 -= 1;
            if e.0 == 0 {
                latest.remove(&old.subject);
            }
        }
        match latest.get_mut(subject) {
            Some(e) => {
                e.0 += 1;
                e.1.clone_from(&text);
            }
            None => {
                latest.insert(subject.to_string(), (1, text.clone()));
            }
        }
        self.lines.push_back(WhyLine {
            at_ms,
            subject: subject.to_string(),
            text,
        });
    }

    /// Sets (or with `None` clears) what `subject` is currently waiting for, and traces a new wait.
    pub fn wait(&mut self, at_ms: u64, subject: &str, reason: Option<String>) {
        match reason {
            Some(r) => {
                if self.waiting.get(subject) != Some(&r) {
                    self.note(at_ms, subject, r.clone());
                    self.waiting.insert(subject.to_string(), r);
                }
            }
            None => {
                self.waiting.remove(subject);
            }
        }
    }

    /// What `subject` is waiting for now.
    pub fn waiting_for(&self, subject: &str) -> Option<&str> {
        self.waiting.get(subject).map(String::as_str)
    }

    /// All trace lines, oldest first.
    pub fn lines(&self) -> impl Iterator<Item = &WhyLine> {
        self.lines.iter()
    }

    /// Trace lines about one subject, oldest first.
    pub fn about<'a>(&'a self, subject: &'a str) -> impl Iterator<Item = &'a WhyLine> + 'a {
        self.lines.iter().filter(move |l| l.subject == subject)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_traced_once_and_cleared() {
        let mut w = Why::default();
        w.wait(
            1,
            "sts/default/web",
            Some("web-1 not created: web-0 is not Ready".into()),
        );
        w.wait(
            2,
            "sts/default/web",
            Some("web-1 not created: web-0 is not Ready".into()),
        );
        assert_eq!(w.about("sts/default/web").count(), 1);
        assert_eq!(
            w.waiting_for("sts/default/web"),
            Some("web-1 not created: web-0 is not Ready")
        );
        w.wait(3, "sts/default/web", None);
        assert_eq!(w.waiting_for("sts/default/web"), None);
    }

    #[test]
    fn a_repeat_is_dropped_even_after_older_lines_of_its_subject_are_gone() {
        let mut w = Why::default();
        w.note(0, "a", "first");
        w.note(1, "a", "second");
        for i in 0..(KEEP - 1) {
            w.note(2, "b", format!("b {i}"));
        }
        // Only "a: second" is left of subject a; repeating it adds nothing, "first" does.
        w.note(3, "a", "second");
        assert_eq!(w.about("a").count(), 1);
        w.note(4, "a", "first");
        assert_eq!(w.about("a").count(), 1, "the oldest line made room");
        let text = serde_json::to_string(&w).unwrap();
        let mut back: Why = serde_json::from_str(&text).unwrap();
        back.note(5, "a", "first");
        assert_eq!(
            back.about("a").count(),
            1,
            "the index is rebuilt after reading"
        );
    }

    #[test]
    fn the_trace_is_bounded() {
        let mut w = Why::default();
        for i in 0..(KEEP + 10) {
            w.note(i as u64, "x", format!("line {i}"));
        }
        assert_eq!(w.lines().count(), KEEP);
        assert_eq!(w.lines().next().map(|l| l.at_ms), Some(10));
    }
}
