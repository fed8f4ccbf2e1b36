//! `test`, `[ … ]` and `[[ … ]]`: string, integer and file conditions.

use super::glob;
use super::io::{Files, Stat};

/// Evaluates a condition; Err holds the message after `test: ` / `[: ` (exit status 2).
pub fn evaluate(args: &[String], fs: &dyn Files, cwd: &str, double: bool) -> Result<bool, String> {
    let mut t = Test {
        args,
        pos: 0,
        fs,
        cwd,
        double,
        depth: 0,
    };
    if args.is_empty() {
        return Ok(false);
    }
    let v = t.or()?;
    match args.get(t.pos) {
        None => Ok(v),
        Some(_) if !double => Err("too many arguments".into()),
        Some(a) => Err(format!("syntax error near `{a}'")),
    }
}

struct Test<'a> {
    args: &'a [String],
    pos: usize,
    fs: &'a dyn Files,
    cwd: &'a str,
    double: bool,
    depth: usize,
}

const UNARY: [&str; 12] = [
    "-n", "-z", "-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-a",
];
const BINARY: [&str; 12] = [
    "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "=~",
];

impl Test<'_> {
    fn peek(&self, n: usize) -> Option<&str> {
        self.args.get(self.pos + n).map(String::as_str)
    }

    fn or(&mut self) -> Result<bool, String> {
        let mut v = self.and()?;
        while matches!(self.peek(0), Some(o) if o == "-o" || (self.double && o == "||")) {
            self.pos += 1;
            let r = self.and()?;
            v = v || r;
        }
        Ok(v)
    }

    fn and(&mut self) -> Result<bool, String> {
        let mut v = self.not()?;
        while matches!(self.peek(0), Some(o) if (o == "-a" && self.peek(1).is_some()) || (self.double && o == "&&"))
        {
            self.pos += 1;
            let r = self.not()?;
            v = v && r;
        }
        Ok(v)
    }

    fn not(&mut self) -> Result<bool, String> {
        self.depth += 1;
        if self.depth > 100 {
            return Err("expression too deep".into());
        }
        let v = if self.peek(0) == Some("!") && self.peek(1).is_some() {
            self.pos += 1;
            !self.not()?
        } else {
            self.primary()?
        };
        self.depth -= 1;
        Ok(v)
    }

    fn primary(&mut self) -> Result<bool, String> {
        let Some(first) = self.peek(0).map(str::to_string) else {
            return Err("argument expected".into());
        };
        if first == "(" && self.peek(1).is_some() {
            self.pos += 1;
            let v = self.or()?;
            if self.peek(0) != Some(")") {
                return Err("`)' expected".into());
            }
            self.pos += 1;
            return Ok(v);
        }
        if let Some(op) = self.peek(1).map(str::to_string)
            && BINARY.contains(&op.as_str())
            && self.peek(2).is_some()
        {
            let right = self.peek(2).unwrap_or("").to_string();
            self.pos += 3;
            return self.binary(&first, &op, &right);
        }
        if UNARY.contains(&first.as_str()) && self.peek(1).is_some() {
            let arg = self.peek(1).unwrap_or("").to_string();
            self.pos += 2;
            return Ok(self.unary(&first, &arg));
        }
        self.pos += 1;
        Ok(!first.is_empty())
    }

    fn unary(&self, op: &str, arg: &str) -> bool {
        let stat = || {
            if arg.is_empty() {
                return None;
            }
            self.fs.stat(&crate::paths::normalize(self.cwd, arg))
        };
        match op {
            "-n" => !arg.is_empty(),
            "-z" => arg.is_empty(),
            "-f" => matches!(stat(), Some(Stat::File(_))),
            "-d" => matches!(stat(), Some(Stat::Dir)),
            "-s" => {
                matches!(stat(), Some(Stat::File(n)) if n > 0) || matches!(stat(), Some(Stat::Dir))
            }
            "-L" | "-h" => false,
            _ => stat().is_some(),
        }
    }

    fn binary(&self, a: &str, op: &str, b: &str) -> Result<bool, String> {
        let int = |s: &str| -> Result<i64, String> {
            s.trim()
                .parse::<i64>()
                .map_err(|_| format!("{s}: integer expression expected"))
        };
        Ok(match op {
            "=" | "==" if self.double => glob::matches(b, a),
            "!=" if self.double => !glob::matches(b, a),
            "=" | "==" => a == b,
            "!=" => a != b,
            "<" => a < b,
            ">" => a > b,
            "=~" => regex_like(a, b),
            "-eq" => int(a)? == int(b)?,
            "-ne" => int(a)? != int(b)?,
            "-lt" => int(a)? < int(b)?,
            "-le" => int(a)? <= int(b)?,
            "-gt" => int(a)? > int(b)?,
            _ => int(a)? >= int(b)?,
        })
    }
}

/// `=~` with the common anchors only: `^x`, `x$`, otherwise a substring.
fn regex_like(text: &str, re: &str) -> bool {
    match (re.strip_prefix('^'), re.strip_suffix('$')) {
        (Some(rest), _) if rest.ends_with('$') => text == rest.trim_end_matches('$'),
        (Some(rest), _) => text.starts_with(rest),
        (None, Some(rest)) => text.ends_with(rest),
        _ => text.contains(re),
    }
}
