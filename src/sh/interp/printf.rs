//! `printf` and the backslash escapes of `echo -e` and `printf`.

use super::{Exec, Flow, Streams};

/// Processes backslash escapes (`echo -e`, `printf`); the flag says `\c` stopped the output.
pub fn unescape(text: &str, echo: bool) -> (String, bool) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(&n) = chars.get(i) else {
            out.push('\\');
            break;
        };
        i += 1;
        match n {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'c' => return (out, true),
            'e' | 'E' => out.push('\u{1b}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '"' if !echo => out.push('"'),
            'x' => {
                let mut v = 0u32;
                let mut digits = 0;
                while digits < 2 && chars.get(i).is_some_and(char::is_ascii_hexdigit) {
                    v = v * 16 + chars.get(i).and_then(|d| d.to_digit(16)).unwrap_or(0);
                    i += 1;
                    digits += 1;
                }
                if digits == 0 {
                    out.push_str("\\x");
                } else {
                    out.push(char::from_u32(v).unwrap_or('?'));
                }
            }
            '0'..='7' if !echo || n == '0' => {
                let mut v = if echo { 0 } else { n.to_digit(8).unwrap_or(0) };
                let mut digits = 0;
                while digits < if echo { 3 } else { 2 }
                    && chars.get(i).is_some_and(|d| ('0'..='7').contains(d))
                {
                    v = v * 8 + chars.get(i).and_then(|d| d.to_digit(8)).unwrap_or(0);
                    i += 1;
                    digits += 1;
                }
                out.push(char::from_u32(v & 0xff).unwrap_or('?'));
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    (out, false)
}

/// Where the backslash escape at `start` ends: up to three octal digits or two hex digits
/// after `\0`-`\7` or `\x`, else one character.
fn escape_end(chars: &[char], start: usize) -> usize {
    let i = start + 1;
    let mut end = i + 1;
    if matches!(chars.get(i), Some('0'..='7')) {
        while end < chars.len() && end < i + 3 && matches!(chars.get(end), Some('0'..='7')) {
            end += 1;
        }
    } else if chars.get(i) == Some(&'x') {
        while end < chars.len()
            && end < i + 3
            && chars.get(end).is_some_and(char::is_ascii_hexdigit)
        {
            end += 1;
        }
    }
    end.min(chars.len())
}

/// A conversion's flags, width and precision (`%-8.3s`); `*` takes the width from the
/// arguments.
struct Spec {
    flags: String,
    width: String,
    precision: Option<usize>,
}

/// Reads flags, width and precision from `chars[*i..]`, moving `i` and `next` past them.
fn parse_spec(chars: &[char], i: &mut usize, args: &[String], next: &mut usize) -> Spec {
    let mut flags = String::new();
    while let Some(&f) = chars.get(*i).filter(|f| "-+ 0#".contains(**f)) {
        flags.push(f);
        *i += 1;
    }
    let mut width = String::new();
    while let Some(&d) = chars.get(*i).filter(|d| d.is_ascii_digit() || **d == '*') {
        if d == '*' {
            width.push_str(args.get(*next).map_or("0", String::as_str));
            *next += 1;
        } else {
            width.push(d);
        }
        *i += 1;
    }
    let mut precision = None;
    if chars.get(*i) == Some(&'.') {
        *i += 1;
        let mut p = String::new();
        while let Some(&d) = chars.get(*i).filter(|d| d.is_ascii_digit()) {
            p.push(d);
            *i += 1;
        }
        precision = Some(p.parse::<usize>().unwrap_or(0));
    }
    Spec {
        flags,
        width,
        precision,
    }
}

/// What one conversion produced.
enum Converted {
    /// Text to pad to the width.
    Body(String),
    /// `%b` met `\c`: this text, then stop.
    Stop(String),
    /// Not a conversion printf knows: printed as written.
    Unknown,
}

/// Converts one argument; numbers that do not parse are noted in `bad` and read as 0.
fn convert(conv: char, arg: String, precision: Option<usize>, bad: &mut Vec<String>) -> Converted {
    let body = match conv {
        's' => match precision {
            Some(p) => arg.chars().take(p).collect(),
            None => arg,
        },
        'b' => {
            let (t, stop) = unescape(&arg, true);
            if stop {
                return Converted::Stop(t);
            }
            t
        }
        'c' => arg.chars().next().map(String::from).unwrap_or_default(),
        'q' => super::builtins::shell_quote(&arg),
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
            let n = parse_number(&arg, bad);
            match conv {
                'x' => format!("{n:x}"),
                'X' => format!("{n:X}"),
                'o' => format!("{n:o}"),
                _ => n.to_string(),
            }
        }
        'f' | 'e' | 'g' => {
            let v: f64 = arg.trim().parse().unwrap_or_else(|_| {
                if !arg.is_empty() {
                    bad.push(arg.clone());
                }
                0.0
            });
            format!("{v:.*}", precision.unwrap_or(6))
        }
        _ => return Converted::Unknown,
    };
    Converted::Body(body)
}

/// Pads a converted value to the spec's width: left with `-`, zeros after the sign with `0`
/// for numbers, else spaces on the left.
fn pad(out: &mut String, body: &str, spec: &Spec, conv: char) {
    let w: usize = spec
        .width
        .trim_start_matches('-')
        .parse()
        .unwrap_or(0)
        .min(10_000);
    let left = spec.flags.contains('-') || spec.width.starts_with('-');
    let zero = spec.flags.contains('0') && !left && "diuxXofeg".contains(conv);
    let len = body.chars().count();
    if len >= w {
        out.push_str(body);
    } else if left {
        out.push_str(body);
        out.push_str(&" ".repeat(w - len));
    } else if zero {
        let (sign, digits) = match body.strip_prefix('-') {
            Some(d) => ("-", d),
            None => ("", body),
        };
        out.push_str(sign);
        out.push_str(&"0".repeat(w - len));
        out.push_str(digits);
    } else {
        out.push_str(&" ".repeat(w - len));
        out.push_str(body);
    }
}

/// Formats `printf` output, reusing the format while arguments remain; the flag says `\c`
/// stopped the output. Invalid numbers are collected in `bad`.
pub(super) fn format_printf(fmt: &str, args: &[String], bad: &mut Vec<String>) -> (String, bool) {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut next = 0;
    let mut used_any = false;
    loop {
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            i += 1;
            if c == '\\' {
                let end = escape_end(&chars, i - 1);
                let piece: String = chars.get(i - 1..end).unwrap_or(&[]).iter().collect();
                let (t, stop) = unescape(&piece, false);
                out.push_str(&t);
                if stop {
                    return (out, true);
                }
                i = end;
                continue;
            }
            if c != '%' {
                out.push(c);
                continue;
            }
            if chars.get(i) == Some(&'%') {
                out.push('%');
                i += 1;
                continue;
            }
            let spec = parse_spec(&chars, &mut i, args, &mut next);
            let Some(&conv) = chars.get(i) else {
                out.push('%');
                break;
            };
            i += 1;
            let arg = args.get(next).cloned();
            used_any |= arg.is_some();
            next += 1;
            match convert(conv, arg.unwrap_or_default(), spec.precision, bad) {
                Converted::Body(body) => pad(&mut out, &body, &spec, conv),
                Converted::Stop(t) => {
                    out.push_str(&t);
                    return (out, true);
                }
                Converted::Unknown => {
                    out.push('%');
                    out.push(conv);
                }
            }
        }
        if next >= args.len() || !used_any || out.len() > 1_000_000 {
            return (out, false);
        }
    }
}

fn parse_number(arg: &str, bad: &mut Vec<String>) -> i64 {
    let t = arg.trim();
    if t.is_empty() {
        return 0;
    }
    if let Some(c) = t.strip_prefix('\'').or_else(|| t.strip_prefix('"')) {
        return c.chars().next().map_or(0, |c| i64::from(u32::from(c)));
    }
    let parsed = if let Some(h) = t.strip_prefix("0x") {
        i64::from_str_radix(h, 16).ok()
    } else {
        t.parse().ok()
    };
    parsed.unwrap_or_else(|| {
        bad.push(arg.to_string());
        0
    })
}

impl Exec<'_> {
    pub(super) fn printf(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let args: Vec<String> = args.iter().skip_while(|a| *a == "--").cloned().collect();
        let Some(fmt) = args.first() else {
            let msg = format!(
                "{}printf: usage: printf [-v var] format [arguments]\n",
                self.sh.prefix()
            );
            self.err(io, &msg)?;
            return Ok(2);
        };
        let mut bad = Vec::new();
        let (text, _) = format_printf(fmt, args.get(1..).unwrap_or(&[]), &mut bad);
        self.out(io, &text)?;
        for b in &bad {
            let msg = format!("{}printf: {b}: invalid number\n", self.sh.prefix());
            self.err(io, &msg)?;
        }
        Ok(i32::from(!bad.is_empty()))
    }
}
