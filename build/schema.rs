//! Reads the OpenAPI schemas k8s-openapi carries: each type's `json_schema!({...})` block, a
//! JSON object whose values may be Rust expressions that point at another type's schema.

use std::collections::BTreeMap;

/// A value of a schema block.
#[derive(Debug, Clone)]
pub enum Value {
    /// A JSON object, in source order.
    Obj(Vec<(String, Value)>),
    /// A JSON array.
    Arr(Vec<Value>),
    /// A string.
    Str(String),
    /// `true`, `false` or a number, as written.
    Lit,
    /// `subschema_for::<T>()` with the description the expression sets on it.
    Ref {
        path: String,
        description: Option<String>,
    },
}

impl Value {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string it holds.
    pub fn str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// One type's schema: its Rust path (`api::core::v1::Pod`) and its block.
pub struct TypeSchema {
    /// The last segment of the OpenAPI name (`Pod`).
    pub name: String,
    /// The block.
    pub schema: Value,
}

/// Every schema in the sources of one Kubernetes version, by Rust path below `crate::`.
pub fn read_all(dir: &std::path::Path, module: &str, out: &mut BTreeMap<String, TypeSchema>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if path.is_dir() {
            read_all(&path, &format!("{module}::{stem}"), out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if let Some((ty, schema)) = parse_file(&text) {
                let name = ty.clone();
                out.insert(format!("{module}::{ty}"), TypeSchema { name, schema });
            }
        }
    }
}

fn parse_file(text: &str) -> Option<(String, Value)> {
    let head = "impl crate::schemars::JsonSchema for ";
    let at = text.find(head)? + head.len();
    let ty: String = text[at..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let body = text[at..].find("json_schema!(")? + at + "json_schema!(".len();
    let mut p = Parser {
        s: &text.as_bytes()[body..],
        i: 0,
    };
    Some((ty, p.value()))
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&mut self) -> u8 {
        while self.s.get(self.i).is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
        self.s.get(self.i).copied().unwrap_or(0)
    }

    fn value(&mut self) -> Value {
        match self.peek() {
            b'{' => {
                self.i += 1;
                let mut members = Vec::new();
                while !matches!(self.peek(), b'}' | 0) {
                    let key = self.string();
                    self.peek();
                    self.i += 1; // ':'
                    members.push((key, self.value()));
                    if self.peek() == b',' {
                        self.i += 1;
                    }
                }
                self.i += 1;
                Value::Obj(members)
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                while !matches!(self.peek(), b']' | 0) {
                    items.push(self.value());
                    if self.peek() == b',' {
                        self.i += 1;
                    }
                }
                self.i += 1;
                Value::Arr(items)
            }
            b'"' => Value::Str(self.string()),
            b'(' => self.expr(),
            _ if self.s[self.i..].starts_with(b"__gen.") => {
                let len = self.s[self.i..]
                    .windows(2)
                    .position(|w| w == b"()")
                    .unwrap_or(0);
                let text = String::from_utf8_lossy(&self.s[self.i..self.i + len]).into_owned();
                self.i += len + 2;
                let path = text
                    .split("<crate::")
                    .nth(1)
                    .unwrap_or("")
                    .trim_end_matches('>');
                Value::Ref {
                    path: path.to_string(),
                    description: None,
                }
            }
            _ => {
                let from = self.i;
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.')
                {
                    self.i += 1;
                }
                let _ = from;
                Value::Lit
            }
        }
    }

    /// A Rust string literal, unescaped.
    fn string(&mut self) -> String {
        self.peek();
        self.i += 1;
        let mut out = Vec::new();
        while let Some(&c) = self.s.get(self.i) {
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = self.s.get(self.i).copied().unwrap_or(0);
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'0' => out.push(0),
                        b'u' => {
                            let end = self.i
                                + self.s[self.i..]
                                    .iter()
                                    .position(|&c| c == b'}')
                                    .unwrap_or(0);
                            let hex =
                                String::from_utf8_lossy(&self.s[self.i + 1..end]).into_owned();
                            let ch = u32::from_str_radix(&hex, 16)
                                .ok()
                                .and_then(char::from_u32)
                                .unwrap_or('?');
                            out.extend_from_slice(ch.to_string().as_bytes());
                            self.i = end + 1;
                        }
                        b'\n' => {
                            while self.s.get(self.i).is_some_and(|c| c.is_ascii_whitespace()) {
                                self.i += 1;
                            }
                        }
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// A parenthesised Rust expression: the type whose schema it takes and the description it sets.
    fn expr(&mut self) -> Value {
        let from = self.i;
        let mut depth = 0;
        let mut description = None;
        while let Some(&c) = self.s.get(self.i) {
            match c {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        self.i += 1;
                        break;
                    }
                }
                b'"' => {
                    let s = self.string();
                    if s != "description"
                        && description.is_none()
                        && self.s[from..self.i].ends_with(b"\"")
                    {
                        let before = String::from_utf8_lossy(&self.s[from..self.i]);
                        if before.contains("\"description\".into(),") {
                            description = Some(s);
                        }
                    }
                    continue;
                }
                _ => {}
            }
            self.i += 1;
        }
        let text = String::from_utf8_lossy(&self.s[from..self.i]);
        let path = text
            .split("subschema_for::<crate::")
            .nth(1)
            .and_then(|t| t.split('>').next())
            .unwrap_or("")
            .to_string();
        Value::Ref { path, description }
    }
}
