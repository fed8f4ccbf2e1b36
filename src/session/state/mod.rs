//! The session's single state and the messages that change it (Elm style). `Model::update` is the
//! reducer; the page wraps the model for Yew's `use_reducer` without copying the cluster, and the
//! tests drive it natively.

pub mod clock;
mod lesson;
pub mod lines;
pub mod log;
mod nodes;
mod replay;
mod shared;
mod time;
mod workspace;

pub use lesson::LessonRun;
pub use shared::Shared;

use self::clock::{ClockState, Speed};
use self::lines::{LineKind, TermLine};
use self::log::{Action, SessionLog};
use super::Terminal;
use super::persist::payload::{MAX_LINE, MAX_OPTIONS, clip};
use super::view::cluster::ClusterView;
use super::view::inspect::Selection;
use super::view::timeline::Timeline;

/// Real milliseconds one clock tick may spend advancing the cluster (ticks come every 100 ms).
pub const TICK_BUDGET_MS: f64 = 25.0;
/// Most lines kept while a command runs; more are dropped, as a full terminal buffer would.
pub const MAX_QUEUED: usize = 100;
/// Real milliseconds one press of Settle may take before it stops and says so.
pub const SETTLE_BUDGET_MS: f64 = 2_000.0;

/// A message shown above the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// True for problems, false for information.
    pub error: bool,
    /// The text.
    pub text: String,
}

/// A change the learner, the clock or the page asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    /// Real time passed while playing, in milliseconds.
    Tick(u64),
    /// Start or pause virtual time.
    TogglePlay,
    /// Run the next piece of pending work.
    Step,
    /// Run until the cluster is quiet.
    Settle,
    /// Change the playing speed.
    SetSpeed(Speed),
    /// A line typed at the prompt.
    RunLine(String),
    /// Ctrl+C: stop the running command, or abandon the typed line.
    Interrupt(String),
    /// Ctrl+L or the Clear button.
    ClearTerminal,
    /// Tab found several completions: show the line and them, as a shell does.
    ShowOptions(String, Vec<String>),
    /// Apply the open file.
    Apply,
    /// The open file's text changed.
    EditFile(String, String),
    /// Show a file in the editor.
    OpenFile(String),
    /// Add an empty file and open it.
    NewFile,
    /// Rename a file (from, to as typed).
    RenameFile(String, String),
    /// Delete a file.
    DeleteFile(String),
    /// Add a file read from the learner's disk (name, text).
    ImportFile(String, String),
    /// Add the files of an entry of the Examples menu.
    LoadExample(usize),
    /// Inspect something, or close the inspector.
    Select(Option<Selection>),
    /// Start over with a fresh cluster and the given seed.
    Reset(u64),
    /// Show a message.
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
    /// Stop a node's kubelet (the node fails: it stops reporting, and its pods keep their last
    /// state until the node controller evicts them), or start it again.
    SetNodeDown(String, bool),
    /// Start a bundled lesson by its id (a fresh cluster with the lesson's setup).
    OpenLesson(String),
    /// Go to a step of the current lesson, doing the answers of the steps before it.
    LessonGoTo(usize),
    /// The learner's choice for the step's prediction.
    LessonPredict(String),
    /// Show the next hint, or the answer once every hint shows.
    LessonHint,
    /// Move on to the next step (once this one passed).
    LessonNext,
    /// Put the cluster and files back as they were when the step began.
    LessonResetStep,
    /// Leave the lesson; the cluster stays as it is (the sandbox).
    CloseLesson,
}

/// Everything the page shows, and the session behind it.
pub struct Model {
    /// The terminal, and through it the session (cluster, workspace files, namespace).
    pub term: Terminal,
    /// The cluster's seed.
    pub seed: u64,
    /// Recorded inputs, for autosave and share links.
    pub log: SessionLog,
    /// Terminal scrollback.
    pub lines: Shared<Vec<TermLine>>,
    /// Commands typed, oldest first.
    pub history: Shared<Vec<String>>,
    /// Whether a command (a watch or a wait) is running.
    pub running: bool,
    /// Lines typed while a command runs, oldest first: they run when it ends, as a terminal
    /// keeps type-ahead (Ctrl+C drops them with the command).
    pub queued: Vec<String>,
    /// Time controls.
    pub clock: ClockState,
    /// The file in the editor.
    pub open: Option<String>,
    /// The cluster picture.
    pub view: Shared<ClusterView>,
    view_key: Option<(u64, Vec<Option<String>>)>,
    /// The ordinal timeline.
    pub timeline: Shared<Timeline>,
    timeline_version: u64,
    /// What the inspector shows.
    pub selected: Option<Selection>,
    /// A message above the workspace.
    pub notice: Option<Notice>,
    /// Whether something worth saving changed since the last save.
    pub dirty: bool,
    /// Real time in milliseconds, for the budgets of ticks and Settle: the page sets the browser's
    /// clock; a session without one never runs out of time.
    pub real_clock: fn() -> f64,
    /// The lesson in progress, if any.
    pub lesson: Option<LessonRun>,
}

/// The real clock of a session with no page: it never moves, so no tick or Settle is cut short.
pub fn never_late() -> f64 {
    0.0
}

impl Model {
    /// A session with no files, for replaying a saved one.
    fn blank(seed: u64) -> Model {
        let mut model = Model {
            term: Terminal::new(seed),
            seed,
            log: SessionLog::default(),
            lines: Shared::new(lines::welcome()),
            history: Shared::new(Vec::new()),
            running: false,
            queued: Vec::new(),
            clock: ClockState::default(),
            open: None,
            view: Shared::default(),
            view_key: None,
            timeline: Shared::default(),
            timeline_version: 0,
            selected: None,
            notice: None,
            dirty: false,
            real_clock: never_late,
            lesson: None,
        };
        model.refresh();
        model
    }

    /// A fresh session with the tutorial's manifest open.
    pub fn fresh(seed: u64) -> Model {
        let mut model = Model::blank(seed);
        model.add_example(0);
        model.dirty = false;
        model
    }

    /// Applies one message; returns whether anything visible changed.
    pub fn update(&mut self, msg: Msg) -> bool {
        let typed = matches!(
            msg,
            Msg::RunLine(_) | Msg::Apply | Msg::Interrupt(_) | Msg::SetNodeDown(..)
        );
        let node = matches!(msg, Msg::SetNodeDown(..));
        let before = self.term.session.cluster.world.store.resource_version;
        let changed = self.apply_msg(msg);
        if self.lesson.is_some() {
            let after = self.term.session.cluster.world.store.resource_version;
            self.lesson_look(typed.then_some(after != before || (node && changed)));
        }
        changed
    }

    fn apply_msg(&mut self, msg: Msg) -> bool {
        match msg {
            Msg::Tick(real_ms) => {
                if !self.clock.playing
                    || self
                        .lesson
                        .as_ref()
                        .is_some_and(LessonRun::awaiting_prediction)
                {
                    return false;
                }
                let ms = self.clock.virtual_ms(real_ms);
                if ms == 0 {
                    return false;
                }
                let mut over = self.deadline(TICK_BUDGET_MS);
                self.tick(ms, &mut over);
                self.refresh();
                self.dirty = true;
            }
            Msg::TogglePlay => self.clock.playing = !self.clock.playing,
            Msg::Step => {
                self.log.push(Action::Step);
                self.step();
                self.dirty = true;
            }
            Msg::Settle => {
                let mut over = self.deadline(SETTLE_BUDGET_MS);
                if !self.settle(&mut over) {
                    self.notice = Some(Notice {
                        error: false,
                        text: "Settle stopped after 2 seconds with work still pending: the cluster is busy. Press Settle again to go on.".to_string(),
                    });
                }
                self.dirty = true;
            }
            Msg::SetSpeed(speed) => {
                self.clock.speed = speed;
                self.clock.carry = 0;
                self.dirty = true;
            }
            Msg::RunLine(line) => {
                // A line typed ahead reaches the history when it runs: Ctrl+C flushes it
                // unread, as a terminal flushes its input, and then the shell never saw it.
                if !self.running {
                    self.remember(&line);
                }
                // Blank lines count too: they end up in here-documents and on the screen.
                self.log.sync_files(&self.term.session.files);
                self.log.push(Action::Line(line.clone()));
                self.run_line(&line);
                self.dirty = true;
            }
            Msg::Interrupt(draft) => {
                let draft = clip(&draft, MAX_LINE);
                self.log.push(if self.running {
                    Action::Interrupt
                } else {
                    Action::Cancel(draft.clone())
                });
                self.interrupt(&draft);
                self.dirty = true;
            }
            Msg::ClearTerminal => {
                self.log.push(Action::Clear);
                self.lines = Shared::new(Vec::new());
                self.dirty = true;
            }
            Msg::ShowOptions(line, mut options) => {
                let line = clip(&line, MAX_LINE);
                options.truncate(MAX_OPTIONS);
                self.show_options(&line, &options);
                self.log.push(Action::Options(line, options));
                self.dirty = true;
            }
            Msg::Apply => {
                let Some(open) = self.open.clone() else {
                    return false;
                };
                let line = format!("kubectl apply -f {}", open.trim_start_matches('/'));
                return self.apply_msg(Msg::RunLine(line));
            }
            Msg::Select(selection) => {
                self.selected = selection;
                self.dirty = true;
            }
            Msg::Reset(seed) => {
                let (clock, real_clock) = (self.clock, self.real_clock);
                *self = Model::fresh(seed);
                self.clock = clock;
                self.real_clock = real_clock;
                self.dirty = true;
            }
            Msg::SetNodeDown(name, down) => {
                if !self.set_node(&name, down) {
                    return false;
                }
                self.log.push(Action::Node(name, down));
                self.dirty = true;
            }
            Msg::Notify(notice) => self.notice = Some(notice),
            Msg::DismissNotice => self.notice = None,
            Msg::OpenLesson(_)
            | Msg::LessonGoTo(_)
            | Msg::LessonPredict(_)
            | Msg::LessonHint
            | Msg::LessonNext
            | Msg::LessonResetStep
            | Msg::CloseLesson => return self.update_lesson(msg),
            other => return self.update_workspace(other),
        }
        true
    }

    /// Adds a command to the history (not blank lines, not a repeat of the last one).
    fn remember(&mut self, line: &str) {
        let trimmed = line.trim();
        if trimmed.is_empty() || self.history.last().map(String::as_str) == Some(trimmed) {
            return;
        }
        let history = self.history.make_mut();
        history.push(trimmed.to_string());
        let excess = history
            .len()
            .saturating_sub(super::persist::payload::MAX_HISTORY);
        history.drain(..excess);
    }

    /// A deadline `budget_ms` of real time from now.
    fn deadline(&self, budget_ms: f64) -> impl FnMut() -> bool + use<> {
        let clock = self.real_clock;
        let end = clock() + budget_ms;
        move || clock() > end
    }

    /// Echoes a line at the prompt and runs it; while a command runs, keeps it for later.
    fn run_line(&mut self, line: &str) {
        if self.running {
            if self.queued.len() < MAX_QUEUED {
                self.queued.push(line.to_string());
            }
            return;
        }
        let prompt = self.term.prompt();
        let step = self.term.feed_line(line);
        let lines = self.lines.make_mut();
        if step.clear {
            lines.clear();
        } else {
            lines.push(TermLine::new(LineKind::Input(prompt), line));
        }
        lines::push_output(lines, &step.output);
        self.running = step.running;
        self.sample();
        self.refresh();
    }

    /// Ctrl+C: stops the running command (the terminal prints the `^C`), or abandons the typed
    /// line and any half-typed here-document or quote.
    fn interrupt(&mut self, draft: &str) {
        let prompt = self.term.prompt();
        let running = self.running;
        self.queued.clear();
        let step = self.term.interrupt();
        self.running = step.running;
        let lines = self.lines.make_mut();
        if running {
            lines::push_output(lines, &step.output);
        } else {
            lines.push(TermLine::new(LineKind::Input(prompt), format!("{draft}^C")));
            lines::trim(lines);
        }
    }

    /// Rebuilds the cluster picture if the cluster changed.
    fn refresh(&mut self) {
        let cluster = &self.term.session.cluster;
        let version = cluster.world.store.resource_version;
        let waits: Vec<Option<String>> = self
            .view
            .sets
            .iter()
            .map(|s| {
                cluster
                    .world
                    .why
                    .waiting_for(&format!("statefulset/{}/{}", s.namespace, s.name))
                    .map(str::to_string)
            })
            .collect();
        let key = (version, waits);
        if self.view_key.as_ref() != Some(&key) {
            self.view = Shared::new(super::view::cluster::build(cluster));
            self.view_key = Some(key);
        }
    }
}
