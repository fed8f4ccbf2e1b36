//! What a lesson is, once read: its front matter and text as typed values.

use crate::sh::utils::regex::Regex;

/// How much a learner should know before starting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// No StatefulSet seen yet.
    Beginner,
    /// Knows pods, claims and `kubectl apply`.
    Intermediate,
    /// Knows update strategies and storage.
    Advanced,
}

impl Level {
    /// The word in the front matter and the catalogue.
    pub fn name(self) -> &'static str {
        match self {
            Level::Beginner => "beginner",
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
        }
    }
}

/// One lesson.
#[derive(Clone, Debug)]
pub struct Lesson {
    /// Its id, used in links (`#lesson=ID`) and in saved progress.
    pub id: String,
    /// One line.
    pub title: String,
    /// One or two sentences for the catalogue.
    pub summary: String,
    /// How long it takes, in minutes.
    pub minutes: u32,
    /// For whom.
    pub level: Level,
    /// What is done before the first step.
    pub setup: Setup,
    /// The text above every step (Markdown).
    pub intro: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// What a lesson does before its first step.
#[derive(Clone, Debug, Default)]
pub struct Setup {
    /// The cluster's seed.
    pub seed: u64,
    /// Workspace files: path (without the leading slash) and text.
    pub files: Vec<(String, String)>,
    /// Lines typed at the terminal.
    pub commands: Vec<String>,
    /// Whether to run the clock until the cluster is quiet afterwards.
    pub settle: bool,
}

/// One step of a lesson.
#[derive(Clone, Debug)]
pub struct Step {
    /// Unique in the lesson; names the body's `## ID` section.
    pub id: String,
    /// A short name for the list of steps.
    pub title: String,
    /// What the learner reads (Markdown).
    pub text: String,
    /// What passes the step.
    pub check: Check,
    /// What solves it.
    pub answer: Vec<Answer>,
    /// The hint ladder.
    pub hints: Vec<Hint>,
    /// A question asked before the step's action.
    pub predict: Option<Predict>,
    /// Mistakes a learner may make, each with what the check must say after it.
    pub wrong: Vec<Wrong>,
}

/// A mistake and the check's words after it: `lesson solve` plays it and fails unless the check
/// still fails and its message holds the words.
#[derive(Clone, Debug)]
pub struct Wrong {
    /// What the learner does.
    pub answer: Vec<Answer>,
    /// Words the check's message must contain.
    pub says: String,
}

/// One thing a learner does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A line typed at the terminal.
    Line(String),
    /// A workspace file's new text.
    Write {
        /// The file.
        file: String,
        /// Its whole text.
        text: String,
    },
    /// An edit of a workspace file: `old` (which occurs once) becomes `new`.
    Replace {
        /// The file.
        file: String,
        /// The text replaced.
        old: String,
        /// What replaces it.
        new: String,
    },
    /// Virtual time passing, in milliseconds.
    Wait(u64),
    /// The learner stops (true) or starts (false) a node's kubelet from the cluster picture.
    Node(String, bool),
}

impl Answer {
    /// The thing to do, in words: the line to type, or the edit.
    pub fn describe(&self) -> String {
        match self {
            Answer::Line(line) => line.clone(),
            Answer::Write { file, .. } => format!("(write {file} as the step shows)"),
            Answer::Replace { file, old, new } => {
                format!("(in {file}, change {} to {})", old.trim(), new.trim())
            }
            Answer::Node(name, true) => format!("(stop the node {name} in the cluster picture)"),
            Answer::Node(name, false) => format!("(start the node {name} in the cluster picture)"),
            Answer::Wait(ms) => format!(
                "(wait {})",
                crate::kubectl::duration::format_go_duration(
                    i64::try_from(*ms).unwrap_or(i64::MAX)
                )
            ),
        }
    }
}

/// A hint and when it shows.
#[derive(Clone, Debug)]
pub struct Hint {
    /// What it says (Markdown).
    pub text: String,
    /// Why it shows.
    pub reason: Reason,
}

/// When a hint shows.
#[derive(Clone, Debug)]
pub enum Reason {
    /// After this many of the learner's actions left the check failing.
    Failures(u32),
    /// After this much virtual time in the step, in milliseconds.
    Time(u64),
    /// While (from the moment) the cluster is in this state.
    When(Box<Check>),
}

/// A question asked before a step's action.
#[derive(Clone, Debug)]
pub struct Predict {
    /// The question.
    pub question: String,
    /// The choices: id and text.
    pub choices: Vec<(String, String)>,
    /// The id of the right choice.
    pub answer: String,
    /// What is true in the cluster when the answer is what happened.
    pub check: Check,
    /// Why (Markdown), shown after the step.
    pub why: String,
}

/// A condition on the cluster, with its words.
#[derive(Clone, Debug)]
pub struct Check {
    /// Its place among the checks of its tree (memory of `order`, `never` and `eventually`).
    pub id: usize,
    /// What it is.
    pub kind: CheckKind,
    /// What it means in words (`as:`).
    pub label: Option<String>,
    /// The message while it fails (`says:`).
    pub says: Option<String>,
}

/// An object named as `KIND/NAME`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjName {
    /// The kind as typed (`pod`, `sts`).
    pub typed: String,
    /// The simulated kind.
    pub kind: crate::sim::kind::Kind,
    /// The namespace.
    pub namespace: String,
    /// The name.
    pub name: String,
}

/// Objects named as `KIND [-l SELECTOR]`, or one object.
#[derive(Clone, Debug)]
pub enum Target {
    /// One object.
    One(ObjName),
    /// Every object of a kind in a namespace that matches a label selector.
    Many {
        /// The kind as typed.
        typed: String,
        /// The simulated kind.
        kind: crate::sim::kind::Kind,
        /// The namespace.
        namespace: String,
        /// The selector as typed (empty for all).
        selector: String,
    },
}

/// How a value is compared.
#[derive(Clone, Debug)]
pub enum Compare {
    /// The text equals this.
    Equals(String),
    /// A number greater than this.
    Gt(f64),
    /// A number less than this.
    Lt(f64),
    /// Matches this extended regular expression (the text as written, and compiled).
    Matches(String, Regex),
}

/// The kinds of check.
#[derive(Clone, Debug)]
pub enum CheckKind {
    /// A JSONPath's output compared with a value.
    Get {
        /// What it reads.
        target: Target,
        /// The template as written.
        path: String,
        /// The comparison.
        compare: Compare,
    },
    /// The object exists.
    Exists(ObjName),
    /// The object does not exist.
    Missing(ObjName),
    /// A condition of the object has this status.
    Condition {
        /// The object.
        object: ObjName,
        /// The condition's type.
        kind: String,
        /// Its status.
        status: String,
    },
    /// How many objects there are.
    Count {
        /// Which.
        target: Target,
        /// Only those with Ready=True.
        ready: bool,
        /// Only pods whose phase is Running.
        running: bool,
        /// The comparison.
        compare: Compare,
    },
    /// An event about an object.
    Event {
        /// The event's reason.
        reason: String,
        /// The object it is about.
        object: ObjName,
        /// A pattern its message must match.
        message: Option<(String, Regex)>,
    },
    /// A file in a container.
    File {
        /// The pod's namespace.
        namespace: String,
        /// The pod.
        pod: String,
        /// The container (the first when absent).
        container: Option<String>,
        /// The file's path.
        path: String,
        /// The comparison (`equals` or `matches`).
        compare: Compare,
    },
    /// Every one passes.
    All(Vec<Check>),
    /// One passes.
    Any(Vec<Check>),
    /// It does not pass.
    Not(Box<Check>),
    /// Each first became true before the next.
    Order(Vec<Check>),
    /// It has not been true during the step.
    Never(Box<Check>),
    /// It passes within a virtual time of the learner's first action.
    Eventually {
        /// The time allowed, in milliseconds.
        within: u64,
        /// The check.
        check: Box<Check>,
    },
}

impl Check {
    /// The number of checks in this tree (ids run from this check's id up to id + size).
    pub fn size(&self) -> usize {
        1 + self.children().iter().map(|c| c.size()).sum::<usize>()
    }

    /// The checks directly inside this one.
    pub fn children(&self) -> Vec<&Check> {
        match &self.kind {
            CheckKind::All(list) | CheckKind::Any(list) | CheckKind::Order(list) => {
                list.iter().collect()
            }
            CheckKind::Not(c) | CheckKind::Never(c) => vec![c],
            CheckKind::Eventually { check, .. } => vec![check],
            _ => Vec::new(),
        }
    }
}
