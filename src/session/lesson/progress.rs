//! Lessons' progress as the page keeps it between visits: which steps of which lessons passed,
//! the learner's predictions, and the lesson in progress. Versioned JSON; anything unreadable is
//! a fresh start, never an error.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The version of the saved progress.
pub const VERSION: u32 = 1;

/// Every lesson's progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The shape's version.
    pub v: u32,
    /// By lesson id.
    pub lessons: BTreeMap<String, LessonProgress>,
    /// The lesson open when the page was left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Current>,
}

/// One lesson's progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonProgress {
    /// The step the learner was on.
    pub step: usize,
    /// The ids of the steps that passed.
    pub passed: Vec<String>,
    /// The choice made for each step's prediction, by step id.
    #[serde(default)]
    pub predictions: BTreeMap<String, String>,
}

/// The lesson open in the saved session.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Current {
    /// The lesson's id.
    pub id: String,
    /// The step.
    pub step: usize,
    /// How many of the session's recorded inputs came before the step began.
    pub begun_at: usize,
}

impl Progress {
    /// Reads saved progress; a missing, damaged or newer one is a fresh start.
    pub fn from_json(text: &str) -> Progress {
        match serde_json::from_str::<Progress>(text) {
            Ok(p) if p.v == VERSION => p,
            _ => Progress {
                v: VERSION,
                ..Progress::default()
            },
        }
    }

    /// The progress as saved.
    pub fn to_json(&self) -> String {
        let mut out = self.clone();
        out.v = VERSION;
        serde_json::to_string(&out).unwrap_or_default()
    }

    /// Whether every step of lesson `id` (of `steps` steps) passed.
    pub fn done(&self, id: &str, steps: usize) -> bool {
        self.lessons
            .get(id)
            .is_some_and(|l| l.passed.len() >= steps)
    }
}
