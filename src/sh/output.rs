//! What a command printed, with the order of its writes kept so that a terminal shows standard
//! output and standard error interleaved as kubectl wrote them.

use std::ops::Range;

/// What a command printed and its exit code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit code (0 success, 1 kubectl error, 130 interrupted).
    pub code: i32,
    /// The writes in the order they were made: whether each went to standard error, and its
    /// byte range in that stream. It covers both streams only when every write went through
    /// [`Output::out`] or [`Output::err`]; otherwise [`Output::chunks`] falls back to an order.
    pub writes: Vec<(bool, Range<usize>)>,
}

impl Output {
    /// Writes `text` to standard output.
    pub fn out(&mut self, text: &str) {
        self.write(false, text);
    }

    /// Writes `text` to standard error.
    pub fn err(&mut self, text: &str) {
        self.write(true, text);
    }

    fn write(&mut self, to_err: bool, text: &str) {
        if text.is_empty() {
            return;
        }
        if !self.logged() {
            // Text that was put in directly has no recorded order: fix it now as the fallback
            // order, so that later writes land after it.
            self.writes = self.fallback();
        }
        let stream = if to_err {
            &mut self.stderr
        } else {
            &mut self.stdout
        };
        let start = stream.len();
        stream.push_str(text);
        let end = stream.len();
        match self.writes.last_mut() {
            Some((e, range)) if *e == to_err && range.end == start => range.end = end,
            _ => self.writes.push((to_err, start..end)),
        }
    }

    /// Whether the recorded writes cover both streams exactly.
    fn logged(&self) -> bool {
        let (mut out, mut err) = (0, 0);
        for (to_err, range) in &self.writes {
            let next = if *to_err { &mut err } else { &mut out };
            if range.start != *next {
                return false;
            }
            *next = range.end;
        }
        out == self.stdout.len() && err == self.stderr.len()
    }

    /// The order for text without a record: `Warning:` lines (which kubectl prints as the server
    /// answers, before the result), then standard output, then the other standard error lines.
    fn fallback(&self) -> Vec<(bool, Range<usize>)> {
        let mut warnings = Vec::new();
        let mut errors = Vec::new();
        let mut at = 0;
        for line in self.stderr.split_inclusive('\n') {
            let range = at..at + line.len();
            at = range.end;
            if line.starts_with("Warning:") {
                warnings.push((true, range));
            } else {
                errors.push((true, range));
            }
        }
        let mut all = warnings;
        if !self.stdout.is_empty() {
            all.push((false, 0..self.stdout.len()));
        }
        all.extend(errors);
        all
    }

    /// The text in the order a terminal shows it: for each piece, whether it is standard error.
    pub fn chunks(&self) -> Vec<(bool, &str)> {
        let writes = if self.logged() {
            self.writes.clone()
        } else {
            self.fallback()
        };
        writes
            .into_iter()
            .filter_map(|(to_err, range)| {
                let stream = if to_err { &self.stderr } else { &self.stdout };
                stream.get(range).map(|text| (to_err, text))
            })
            .collect()
    }

    /// Appends another output's writes in its order; a failure code wins.
    pub fn append(&mut self, other: Output) {
        for (to_err, text) in other.chunks() {
            self.write(to_err, text);
        }
        if other.code != 0 {
            self.code = other.code;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_keep_their_order_across_streams() {
        let mut o = Output::default();
        o.err("Warning: one\n");
        o.out("a created\n");
        o.err("Warning: two\n");
        o.out("b created\n");
        let text: String = o.chunks().into_iter().map(|(_, t)| t).collect();
        assert_eq!(text, "Warning: one\na created\nWarning: two\nb created\n");
        assert_eq!(o.stderr, "Warning: one\nWarning: two\n");
    }

    #[test]
    fn text_put_in_directly_puts_warnings_first_and_errors_last() {
        let o = Output {
            stdout: "done\n".into(),
            stderr: "error: x\nWarning: w\n".into(),
            ..Output::default()
        };
        let text: String = o.chunks().into_iter().map(|(_, t)| t).collect();
        assert_eq!(text, "Warning: w\ndone\nerror: x\n");
    }

    #[test]
    fn appending_keeps_both_orders() {
        let mut o = Output {
            stdout: "first\n".into(),
            ..Output::default()
        };
        let mut other = Output::default();
        other.err("Warning: w\n");
        other.out("second\n");
        other.code = 1;
        o.append(other);
        let text: String = o.chunks().into_iter().map(|(_, t)| t).collect();
        assert_eq!(text, "first\nWarning: w\nsecond\n");
        assert_eq!(o.code, 1);
    }
}
