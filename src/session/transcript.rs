//! Plays a session script through a [`Terminal`] and records what a terminal would show: each line
//! after the prompt it was typed at, then its output.

use super::Terminal;

/// Virtual time a running command (a watch) may take before the transcript presses Ctrl+C.
pub const WAIT_LIMIT_MS: u64 = 10 * 60 * 1000;

/// Types every line of `script` into `terminal`; returns the transcript.
pub fn play(terminal: &mut Terminal, script: &str) -> String {
    let mut out = String::new();
    for line in script.lines() {
        out.push_str(&terminal.prompt());
        out.push_str(line);
        out.push('\n');
        let mut step = terminal.feed_line(line);
        out.push_str(&step.output);
        let mut waited = 0;
        while step.running {
            if waited >= WAIT_LIMIT_MS {
                out.push_str(&terminal.interrupt().output);
                break;
            }
            step = terminal.poll(1000);
            waited += 1000;
            out.push_str(&step.output);
        }
    }
    out.push_str(&terminal.finish().output);
    out
}
