//! The terminal's scrollback: what was typed and what came back.

/// Lines kept; older ones scroll away for good.
pub const SCROLLBACK: usize = 3_000;

/// Who wrote a terminal line, which decides how it is styled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A command the learner typed, after the prompt it was typed at.
    Input(String),
    /// What a command printed.
    Output,
    /// A message from the playground itself.
    Notice,
}

/// One line of terminal scrollback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermLine {
    /// A number no other line of this page has, so the page can update the scrollback by
    /// adding and removing lines instead of rewriting them.
    pub id: u64,
    /// How the line is styled.
    pub kind: LineKind,
    /// The text, without a trailing newline.
    pub text: String,
}

thread_local! {
    static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

impl TermLine {
    /// A line of the given kind.
    pub fn new(kind: LineKind, text: impl Into<String>) -> TermLine {
        let id = NEXT_ID.with(|next| {
            let id = next.get();
            next.set(id.wrapping_add(1));
            id
        });
        TermLine {
            id,
            kind,
            text: text.into(),
        }
    }

    /// A line of command output.
    pub fn output(text: impl Into<String>) -> TermLine {
        TermLine::new(LineKind::Output, text)
    }

    /// A message from the playground.
    pub fn notice(text: impl Into<String>) -> TermLine {
        TermLine::new(LineKind::Notice, text)
    }
}

/// Appends command output, one entry per line, and trims the scrollback.
pub fn push_output(lines: &mut Vec<TermLine>, output: &str) {
    if output.is_empty() {
        return;
    }
    let body = output.strip_suffix('\n').unwrap_or(output);
    for line in body.split('\n') {
        lines.push(TermLine::output(line));
    }
    trim(lines);
}

/// Drops the oldest lines beyond the scrollback limit.
pub fn trim(lines: &mut Vec<TermLine>) {
    let excess = lines.len().saturating_sub(SCROLLBACK);
    if excess > 0 {
        lines.drain(..excess);
    }
}

/// The lines a fresh terminal shows.
pub fn welcome() -> Vec<TermLine> {
    vec![
        TermLine::notice(
            "Welcome to the StatefulSet Playground. This terminal talks to a simulated cluster.",
        ),
        TermLine::notice(
            "Try: kubectl apply -f web.yaml, kubectl get pods -w, kubectl scale sts web --replicas=5",
        ),
        TermLine::notice(
            "Tab completes, ↑/↓ recall commands, Ctrl+C stops a watch, Ctrl+L clears.",
        ),
    ]
}

impl super::Model {
    /// Shows the typed line and the completions Tab found for it, as a shell lists them.
    pub(super) fn show_options(&mut self, line: &str, options: &[String]) {
        let prompt = self.term.prompt();
        let lines = self.lines.make_mut();
        lines.push(TermLine::new(LineKind::Input(prompt), line));
        lines.push(TermLine::output(options.join("  ")));
        trim(lines);
    }
}
