//! Go's `fmt.Sprintf`, `fmt.Sprint` and `fmt.Sprintln` over the values a decoded JSON object
//! holds (fmt/print.go, fmt/format.go): the verbs `%v %+v %#v %T %s %q %d %b %o %O %x %X %c
//! %U %e %E %f %F %g %G %t %%`, flags `+ - # 0` and space, width and precision (also `*`), and
//! Go's error forms `%!d(string=x)`, `%!d(MISSING)`, `%!(EXTRA …)` and `%!(NOVERB)`.

use super::float::format_g64;
use super::quote::quote;
use super::value::{STRING_MAP, sharp_v, sprint};
use serde_json::Value;
use std::fmt::Write as _;

/// One operand, as the `interface{}` Go's `fmt` receives.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arg<'a> {
    /// An untyped nil.
    Nil,
    /// A `bool`.
    Bool(bool),
    /// An integer and its Go type name (`int`, `int64`, `uint8`).
    Int(i64, &'static str),
    /// A `float64`.
    Float(f64),
    /// A `string`.
    Str(&'a str),
    /// A decoded JSON value: `map[string]interface {}` or `[]interface {}` (or a scalar).
    Json(&'a Value),
}

impl Arg<'_> {
    /// The Go type name `%T` prints.
    pub fn type_name(&self) -> &'static str {
        match self {
            Arg::Nil => "<nil>",
            Arg::Bool(_) => "bool",
            Arg::Int(_, t) => t,
            Arg::Float(_) => "float64",
            Arg::Str(_) => "string",
            Arg::Json(Value::Object(_)) => STRING_MAP,
            Arg::Json(Value::Array(_)) => "[]interface {}",
            Arg::Json(v) => json_scalar_type(v),
        }
    }
}

fn json_scalar_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.as_i64().is_some() => "int64",
        Value::Number(_) => "float64",
        _ => "string",
    }
}

/// Reads a JSON element as the operand Go would hold for it.
fn elem(v: &Value) -> Arg<'_> {
    match v {
        Value::Null => Arg::Nil,
        Value::Bool(b) => Arg::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Arg::Int(i, "int64"),
            None => Arg::Float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => Arg::Str(s),
        _ => Arg::Json(v),
    }
}

/// Flags, width and precision of one directive.
#[derive(Clone, Copy, Debug, Default)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// Go's `fmt.Sprint`: operands in `%v`, with a space between two operands when neither is a
/// string.
pub fn sprint_args(args: &[Arg<'_>]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        let is_str = |x: &Arg<'_>| matches!(x, Arg::Str(_));
        if i > 0 && !is_str(a) && !args.get(i - 1).is_some_and(is_str) {
            out.push(' ');
        }
        out.push_str(&plain(a));
    }
    out
}

/// Go's `fmt.Sprintln`: operands in `%v` separated by spaces, then a newline.
pub fn sprintln_args(args: &[Arg<'_>]) -> String {
    let parts: Vec<String> = args.iter().map(plain).collect();
    format!("{}\n", parts.join(" "))
}

/// `%v` of one operand.
fn plain(a: &Arg<'_>) -> String {
    match a {
        Arg::Nil => "<nil>".to_string(),
        Arg::Bool(b) => b.to_string(),
        Arg::Int(i, _) => i.to_string(),
        Arg::Float(f) => format_g64(*f),
        Arg::Str(s) => (*s).to_string(),
        Arg::Json(v) => sprint(v),
    }
}

/// Go's `fmt.Sprintf(format, args...)`.
pub fn sprintf(format: &str, args: &[Arg<'_>]) -> String {
    let mut out = String::new();
    let mut next = 0usize;
    let mut chars = format.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&(_, f)) = chars.peek() {
            match f {
                '-' => spec.minus = true,
                '+' => spec.plus = true,
                '#' => spec.sharp = true,
                ' ' => spec.space = true,
                '0' => spec.zero = true,
                _ => break,
            }
            chars.next();
        }
        spec.width = number_or_star(&mut chars, args, &mut next, &mut out, &mut spec.minus);
        if chars.peek().is_some_and(|&(_, c)| c == '.') {
            chars.next();
            let mut ignore = false;
            spec.prec = Some(
                number_or_star(&mut chars, args, &mut next, &mut out, &mut ignore).unwrap_or(0),
            );
        }
        let Some((_, verb)) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        match args.get(next) {
            Some(a) => {
                next += 1;
                out.push_str(&directive(verb, spec, a));
            }
            None => {
                let _ = write!(out, "%!{verb}(MISSING)");
            }
        }
    }
    if next < args.len() {
        out.push_str("%!(EXTRA ");
        let extra: Vec<String> = args
            .get(next..)
            .unwrap_or(&[])
            .iter()
            .map(|a| format!("{}={}", a.type_name(), plain(a)))
            .collect();
        out.push_str(&extra.join(", "));
        out.push(')');
    }
    out
}

/// A width or precision: digits, or `*` taking an `int` operand (a negative width means `-`).
fn number_or_star(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    args: &[Arg<'_>],
    next: &mut usize,
    out: &mut String,
    minus: &mut bool,
) -> Option<usize> {
    if chars.peek().is_some_and(|&(_, c)| c == '*') {
        chars.next();
        let arg = args.get(*next);
        *next += 1;
        return match arg {
            Some(Arg::Int(n, "int")) => {
                if *n < 0 {
                    *minus = true;
                }
                usize::try_from(n.unsigned_abs())
                    .ok()
                    .filter(|w| *w <= 1_000_000)
            }
            _ => {
                out.push_str("%!(BADWIDTH)");
                None
            }
        };
    }
    let mut n: Option<usize> = None;
    while let Some(&(_, c)) = chars.peek() {
        let Some(d) = c.to_digit(10) else { break };
        // Go stops reading a width past 1e6 (fmt/print.go, tooLarge).
        n = Some((n.unwrap_or(0) * 10 + d as usize).min(1_000_000));
        chars.next();
    }
    n
}

/// `%!verb(type=value)` for an operand the verb does not fit.
fn bad_verb(verb: char, a: &Arg<'_>) -> String {
    match a {
        Arg::Nil => format!("%!{verb}(<nil>)"),
        _ => format!("%!{verb}({}={})", a.type_name(), plain(a)),
    }
}

/// Formats one operand with one verb.
fn directive(verb: char, spec: Spec, a: &Arg<'_>) -> String {
    if verb == 'T' {
        return pad(a.type_name(), spec, false);
    }
    if verb == 'v' && spec.sharp {
        let text = match a {
            Arg::Str(s) => quote(s),
            Arg::Json(v) => sharp_v(v, STRING_MAP),
            Arg::Float(f) => format_g64(*f),
            other => plain(other),
        };
        return pad(&text, spec, false);
    }
    match a {
        Arg::Json(v @ (Value::Object(_) | Value::Array(_))) => container(verb, spec, v),
        Arg::Json(v) => directive(verb, spec, &elem(v)),
        Arg::Nil if verb == 'v' => pad("<nil>", spec, false),
        Arg::Bool(b) if matches!(verb, 'v' | 't') => pad(&b.to_string(), spec, false),
        Arg::Str(s) => string_verb(verb, spec, s).unwrap_or_else(|| bad_verb(verb, a)),
        Arg::Int(i, _) => int_verb(verb, spec, *i).unwrap_or_else(|| bad_verb(verb, a)),
        Arg::Float(f) => float_verb(verb, spec, *f).unwrap_or_else(|| bad_verb(verb, a)),
        _ => bad_verb(verb, a),
    }
}

/// Maps and slices: the verb applies to every key and element (fmt/print.go, printValue).
fn container(verb: char, spec: Spec, v: &Value) -> String {
    let inner = Spec {
        width: spec.width,
        prec: spec.prec,
        ..spec
    };
    let mut s = String::new();
    match v {
        Value::Object(map) => {
            s.push_str("map[");
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(&directive(verb, inner, &Arg::Str(k)));
                s.push(':');
                s.push_str(&directive(verb, inner, &elem(item)));
            }
            s.push(']');
        }
        Value::Array(items) => {
            s.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(&directive(verb, inner, &elem(item)));
            }
            s.push(']');
        }
        _ => {}
    }
    s
}

/// Pads to the width with spaces (or zeros), on the right with `-`.
fn pad(text: &str, spec: Spec, zero_ok: bool) -> String {
    let len = text.chars().count();
    let Some(width) = spec.width.filter(|w| *w > len) else {
        return text.to_string();
    };
    let fill = width - len;
    if spec.minus {
        return format!("{text}{}", " ".repeat(fill));
    }
    if spec.zero && zero_ok {
        // Zeros go after a sign (fmt/format.go, pad with zero).
        let (sign, rest) = match text.chars().next() {
            Some(c @ ('+' | '-' | ' ')) => (c.to_string(), text.get(1..).unwrap_or("")),
            _ => (String::new(), text),
        };
        return format!("{sign}{}{rest}", "0".repeat(fill));
    }
    format!("{}{text}", " ".repeat(fill))
}

fn string_verb(verb: char, spec: Spec, s: &str) -> Option<String> {
    let cut = |s: &str| match spec.prec {
        Some(p) => s.chars().take(p).collect::<String>(),
        None => s.to_string(),
    };
    let text = match verb {
        'v' | 's' => cut(s),
        'q' if spec.sharp
            && !s.contains(['`', '\r'])
            && s.chars().all(|c| c == '\t' || !c.is_control()) =>
        {
            format!("`{s}`")
        }
        'q' => quote(&cut(s)),
        'x' | 'X' => {
            let bytes = cut(s);
            let sep = if spec.space { " " } else { "" };
            let parts: Vec<String> = bytes
                .bytes()
                .map(|b| {
                    let h = if verb == 'x' {
                        format!("{b:02x}")
                    } else {
                        format!("{b:02X}")
                    };
                    if spec.sharp { format!("0{verb}{h}") } else { h }
                })
                .collect();
            parts.join(sep)
        }
        _ => return None,
    };
    Some(pad(&text, spec, true))
}

#[path = "printf_num.rs"]
mod num;
use num::{float_verb, int_verb};
