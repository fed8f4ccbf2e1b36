//! The page's single state and the messages that change it (Elm style, driven by `use_reducer`).

use std::rc::Rc;

use yew::Reducible;

/// The manifest the editor starts with: a headless Service and a three-replica StatefulSet.
pub const STARTER_MANIFEST: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    app: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
    - name: http
      port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: registry.k8s.io/nginx-slim:0.27
          ports:
            - name: http
              containerPort: 80
          volumeMounts:
            - name: www
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: [\"ReadWriteOnce\"]
        resources:
          requests:
            storage: 1Gi
";

/// How fast virtual time runs while playing, relative to real time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    /// Real time.
    X1,
    /// Twice real time.
    X2,
    /// Four times real time.
    X4,
    /// Eight times real time.
    X8,
}

impl Speed {
    /// Every speed, in the order the controls list them.
    pub const ALL: [Speed; 4] = [Speed::X1, Speed::X2, Speed::X4, Speed::X8];

    /// The multiplier applied to real elapsed time.
    pub fn factor(self) -> u64 {
        match self {
            Speed::X1 => 1,
            Speed::X2 => 2,
            Speed::X4 => 4,
            Speed::X8 => 8,
        }
    }

    /// The label shown on the control, e.g. `2×`.
    pub fn label(self) -> &'static str {
        match self {
            Speed::X1 => "1×",
            Speed::X2 => "2×",
            Speed::X4 => "4×",
            Speed::X8 => "8×",
        }
    }
}

/// Who wrote a terminal line, which decides how it is styled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A command the learner typed, shown after a prompt.
    Input,
    /// What the command printed.
    Output,
    /// A message from the playground itself.
    Notice,
}

/// One line of terminal history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerminalLine {
    /// How the line is styled.
    pub kind: LineKind,
    /// The text, without a trailing newline.
    pub text: String,
}

/// Virtual time as the learner controls it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    /// Virtual milliseconds since the cluster started.
    pub elapsed_ms: u64,
    /// Whether virtual time advances on its own.
    pub playing: bool,
    /// How fast it advances while playing.
    pub speed: Speed,
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    /// The editor's text.
    pub manifest: String,
    /// The terminal's history, oldest first.
    pub terminal: Vec<TerminalLine>,
    /// The command being typed at the prompt.
    pub draft: String,
    /// Virtual time.
    pub clock: Clock,
}

impl Default for State {
    fn default() -> Self {
        Self {
            manifest: STARTER_MANIFEST.to_string(),
            terminal: vec![TerminalLine {
                kind: LineKind::Notice,
                text: "Welcome to the StatefulSet Playground. Type kubectl commands here.".into(),
            }],
            draft: String::new(),
            clock: Clock {
                elapsed_ms: 0,
                playing: false,
                speed: Speed::X1,
            },
        }
    }
}

/// A change the learner or the clock asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    /// The editor's text changed.
    EditManifest(String),
    /// The prompt's text changed.
    EditDraft(String),
    /// The learner pressed Enter at the prompt.
    SubmitDraft,
    /// The learner asked to apply the editor's manifest.
    Apply,
    /// Empty the terminal history.
    ClearTerminal,
    /// Start or pause virtual time.
    TogglePlay,
    /// Advance virtual time by one second.
    Step,
    /// Change the playing speed.
    SetSpeed(Speed),
    /// Real time passed while playing, in milliseconds.
    Tick(u64),
}

/// The command the Apply button stands for.
pub const APPLY_COMMAND: &str = "kubectl apply -f statefulset.yaml";

/// Virtual milliseconds one press of Step advances.
pub const STEP_MS: u64 = 1_000;

impl State {
    /// Returns the state after `msg`; the reducer's pure core.
    pub fn update(mut self, msg: Msg) -> Self {
        match msg {
            Msg::EditManifest(text) => self.manifest = text,
            Msg::EditDraft(text) => self.draft = text,
            Msg::SubmitDraft => {
                let draft = std::mem::take(&mut self.draft);
                self.run_command(&draft);
            }
            Msg::Apply => self.run_command(APPLY_COMMAND),
            Msg::ClearTerminal => self.terminal.clear(),
            Msg::TogglePlay => self.clock.playing = !self.clock.playing,
            Msg::Step => self.advance(STEP_MS),
            Msg::SetSpeed(speed) => self.clock.speed = speed,
            Msg::Tick(real_ms) if self.clock.playing => {
                self.advance(real_ms.saturating_mul(self.clock.speed.factor()));
            }
            Msg::Tick(_) => {}
        }
        self
    }

    /// Moves virtual time forward, saturating rather than wrapping.
    fn advance(&mut self, ms: u64) {
        self.clock.elapsed_ms = self.clock.elapsed_ms.saturating_add(ms);
    }

    /// Echoes a command into the history and answers it.
    fn run_command(&mut self, command: &str) {
        let command = command.trim();
        if command.is_empty() {
            return;
        }
        if command == "clear" {
            self.terminal.clear();
            return;
        }
        self.terminal.push(TerminalLine {
            kind: LineKind::Input,
            text: command.to_string(),
        });
        self.terminal.push(TerminalLine {
            kind: LineKind::Notice,
            text: "The simulated cluster is not connected to this terminal yet.".into(),
        });
    }
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        Rc::new((*self).clone().update(msg))
    }
}

/// Formats virtual time as `H:MM:SS`, the way the time strip shows it.
pub fn format_clock(elapsed_ms: u64) -> String {
    let total = elapsed_ms / 1_000;
    let (hours, minutes, seconds) = (total / 3_600, (total / 60) % 60, total % 60);
    format!("{hours}:{minutes:02}:{seconds:02}")
}
