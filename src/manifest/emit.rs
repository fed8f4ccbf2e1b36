//! Values to YAML text exactly as `kubectl get -o yaml` prints them.
//!
//! kubectl marshals an object to JSON, reads that JSON back with go-yaml v2 and writes it with
//! go-yaml's emitter (a port of libyaml's). So: keys in go-yaml's "natural" order (digit runs
//! compare as numbers: `a2` before `a10`), 2-space indentation, sequences inside mappings not
//! indented, empty maps and lists as `{}` and `[]`, numbers as Go's JSON prints them and then
//! re-read as YAML (`1e+21`, `1e-07`), strings quoted only when they would read back as
//! something else, multi-line strings as `|` blocks when possible, and long lines folded at
//! spaces past column 80.

use super::resolve::{self, Scalar};
use crate::gofmt::float::{format_g64, format_json as format_json_float};
use serde_json::{Number, Value};

pub(super) const BEST_INDENT: i64 = 2;
pub(super) const BEST_WIDTH: usize = 80;

/// The emitter's layout state, mirroring libyaml's.
pub(super) struct Emitter {
    pub out: String,
    pub column: usize,
    pub whitespace: bool,
    pub indention: bool,
    pub indent: i64,
    indents: Vec<i64>,
    pub flow_level: usize,
    pub simple_key: bool,
    mapping: bool,
}

/// Renders `value` like `kubectl get -o yaml` (without the `---` kubectl puts between objects).
pub fn to_yaml(value: &Value) -> String {
    let mut e = Emitter {
        out: String::new(),
        column: 0,
        whitespace: true,
        indention: true,
        indent: -1,
        indents: Vec::new(),
        flow_level: 0,
        simple_key: false,
        mapping: false,
    };
    e.node(value, false, false);
    // The document ends with a line break unless the content already left the line empty.
    e.write_indent_at(0);
    e.out
}

impl Emitter {
    pub(super) fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    pub(super) fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    pub(super) fn write_indent(&mut self) {
        self.write_indent_at(self.indent.max(0));
    }

    fn write_indent_at(&mut self, indent: i64) {
        let indent = usize::try_from(indent).unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    pub(super) fn write_indicator(
        &mut self,
        s: &str,
        need_ws: bool,
        is_ws: bool,
        is_indention: bool,
    ) {
        if need_ws && !self.whitespace {
            self.put(' ');
        }
        for c in s.chars() {
            self.put(c);
        }
        self.whitespace = is_ws;
        self.indention = self.indention && is_indention;
    }

    pub(super) fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
    }

    pub(super) fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    /// Emits one node; `mapping`/`simple_key` describe where it sits, as libyaml tracks it.
    fn node(&mut self, value: &Value, mapping: bool, simple_key: bool) {
        self.mapping = mapping;
        self.simple_key = simple_key;
        match value {
            Value::Null => self.scalar("null", Requested::Plain),
            Value::Bool(b) => self.scalar(if *b { "true" } else { "false" }, Requested::Plain),
            Value::Number(n) => self.scalar(&number_text(n), Requested::Plain),
            Value::String(s) => self.scalar(s, string_style(s)),
            Value::Array(items) if items.is_empty() => self.empty_flow("[", "]"),
            Value::Object(map) if map.is_empty() => self.empty_flow("{", "}"),
            Value::Array(items) => {
                self.increase_indent(false, self.mapping && !self.indention);
                for item in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.node(item, false, false);
                }
                self.pop_indent();
            }
            Value::Object(map) => {
                self.increase_indent(false, false);
                let mut keys: Vec<&String> = map.keys().collect();
                sort_keys(&mut keys);
                for key in keys {
                    let Some(v) = map.get(key) else { continue };
                    self.write_indent();
                    let key_value = Value::String(key.clone());
                    if is_simple_key(key) {
                        self.node(&key_value, true, true);
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.node(&key_value, true, false);
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.node(v, true, false);
                }
                self.pop_indent();
            }
        }
    }

    fn empty_flow(&mut self, open: &str, close: &str) {
        self.write_indicator(open, true, true, false);
        self.increase_indent(true, false);
        self.flow_level += 1;
        self.flow_level -= 1;
        self.pop_indent();
        self.write_indicator(close, false, false, false);
    }
}

/// The style go-yaml's marshaller asks for before the emitter's own checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Requested {
    Plain,
    DoubleQuoted,
    Literal,
}

/// Multi-line strings ask for a literal block; strings that would read back as another type
/// (or as a "base 60" number like `1:30`) ask for double quotes.
fn string_style(s: &str) -> Requested {
    if s.contains('\n') {
        Requested::Literal
    } else if matches!(resolve::resolve_plain(s), Scalar::Str(_)) && !resolve::is_base60_float(s) {
        Requested::Plain
    } else {
        Requested::DoubleQuoted
    }
}

/// A key fits on one line before `:` when it has no line break and at most 128 bytes.
fn is_simple_key(key: &str) -> bool {
    key.len() <= 128 && !key.chars().any(super::emit_scalar::is_break)
}

/// A JSON number as Go's encoder prints it, re-read by go-yaml, then printed by go-yaml.
fn number_text(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let text = format_json_float(n.as_f64().unwrap_or(0.0));
    match resolve::resolve_plain(&text) {
        Scalar::Int(i) => i.to_string(),
        Scalar::Uint(u) => u.to_string(),
        Scalar::Float(f) => format_g64(f),
        _ => text,
    }
}

/// go-yaml's key order (for tests).
#[cfg(test)]
pub(super) fn key_less(a: &str, b: &str) -> bool {
    let (ar, br): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    chars_less(&ar, &br)
}

/// go-yaml's key order: letters compare as characters, runs of digits compare as numbers,
/// and a letter sorts after a non-letter.
fn chars_less(ar: &[char], br: &[char]) -> bool {
    for (i, (&ca, &cb)) in ar.iter().zip(br).enumerate() {
        if ca == cb {
            continue;
        }
        let (al, bl) = (ca.is_alphabetic(), cb.is_alphabetic());
        if al && bl {
            return ca < cb;
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn) = (0i64, 0i64);
        if ca == '0' || cb == '0' {
            // A zero inside a number that already has non-zero digits is an ordinary digit.
            if ar
                .get(..i)
                .unwrap_or_default()
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .any(|&c| c != '0')
            {
                an = 1;
                bn = 1;
            }
        }
        let digits = |r: &[char], n: &mut i64| {
            let mut k = i;
            while let Some(d) = r.get(k).and_then(|c| c.to_digit(10)) {
                *n = n.wrapping_mul(10).wrapping_add(i64::from(d));
                k += 1;
            }
            k
        };
        let (ai, bi) = (digits(ar, &mut an), digits(br, &mut bn));
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ca < cb;
    }
    ar.len() < br.len()
}

/// Sorts keys by [`key_less`] with a merge sort, which cannot panic even if the order is not
/// total (the standard sort may, for such an order).
fn sort_keys(keys: &mut Vec<&String>) {
    let mut decorated: Vec<(Vec<char>, &String)> =
        keys.iter().map(|k| (k.chars().collect(), *k)).collect();
    merge_sort(&mut decorated);
    *keys = decorated.into_iter().map(|(_, k)| k).collect();
}

fn merge_sort(items: &mut Vec<(Vec<char>, &String)>) {
    if items.len() < 2 {
        return;
    }
    let mut right = items.split_off(items.len() / 2);
    let mut left = std::mem::take(items);
    merge_sort(&mut left);
    merge_sort(&mut right);
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(a), Some(b)) = (l.peek(), r.peek()) {
        if chars_less(&b.0, &a.0) {
            items.extend(r.next());
        } else {
            items.extend(l.next());
        }
    }
    items.extend(l);
    items.extend(r);
}
