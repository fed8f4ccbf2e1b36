//! The values a template works on: what `reflect.Value` holds when kubectl's printer runs a
//! template over an object decoded into `map[string]interface{}` (printers/template.go).
//!
//! kubectl decodes with k8s.io/apimachinery/pkg/util/json, which turns whole numbers into
//! `int64` and other numbers into `float64`; number literals in the template are Go `int`s.

use crate::gofmt::printf::Arg as FmtArg;
use crate::gofmt::value::STRING_MAP;
use serde_json::Value;
use std::borrow::Cow;

/// A value without its static type.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum V<'a> {
    /// The zero `reflect.Value`: a missing map key, printed as `<no value>`.
    Invalid,
    /// A nil `interface{}`: JSON `null` inside a map or list.
    Null,
    Bool(bool),
    /// An integer and its Go type (`int`, `int64`, `uint8`).
    Int(i64, &'static str),
    Float(f64),
    Str(Cow<'a, str>),
    /// A JSON object or array: `map[string]interface {}` or `[]interface {}`.
    Json(Cow<'a, Value>),
}

/// A value, and whether it still sits in an `interface{}` (an element of a map or list that no
/// pipeline has unwrapped yet), which changes the type errors name.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Val<'a> {
    pub v: V<'a>,
    pub boxed: bool,
}

impl<'a> Val<'a> {
    pub fn plain(v: V<'a>) -> Val<'a> {
        Val { v, boxed: false }
    }

    pub fn invalid() -> Val<'a> {
        Val::plain(V::Invalid)
    }

    pub fn string(s: impl Into<Cow<'a, str>>) -> Val<'a> {
        Val::plain(V::Str(s.into()))
    }

    pub fn int(i: i64) -> Val<'a> {
        Val::plain(V::Int(i, "int"))
    }

    /// An element of a decoded object, inside its `interface{}`.
    pub fn elem(value: &'a Value) -> Val<'a> {
        let v = match value {
            Value::Null => V::Null,
            Value::Bool(b) => V::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => V::Int(i, "int64"),
                None => {
                    let f = n.as_f64().unwrap_or(0.0);
                    // Go writes such a float without a fraction, and decoding makes it int64.
                    if f.fract() == 0.0 && f.abs() < 1e18 {
                        V::Int(f as i64, "int64")
                    } else {
                        V::Float(f)
                    }
                }
            },
            Value::String(s) => V::Str(Cow::Borrowed(s)),
            Value::Object(_) | Value::Array(_) => V::Json(Cow::Borrowed(value)),
        };
        Val { v, boxed: true }
    }

    /// The top-level object, handed to `Execute` as a map.
    pub fn root(value: &'a Value) -> Val<'a> {
        Val {
            boxed: false,
            ..Val::elem(value)
        }
    }

    /// What `evalPipeline` does to each result: takes it out of its `interface{}`.
    pub fn unboxed(self) -> Val<'a> {
        match self.v {
            V::Null => Val::invalid(),
            v => Val::plain(v),
        }
    }

    pub fn is_valid(&self) -> bool {
        self.v != V::Invalid
    }

    /// The Go type name (`reflect.Value.Type`); `interface {}` while boxed.
    pub fn type_name(&self) -> &'static str {
        if self.boxed {
            return "interface {}";
        }
        self.concrete_type()
    }

    /// The type of the value inside any interface.
    pub fn concrete_type(&self) -> &'static str {
        match &self.v {
            V::Invalid | V::Null => "interface {}",
            V::Bool(_) => "bool",
            V::Int(_, t) => t,
            V::Float(_) => "float64",
            V::Str(_) => "string",
            V::Json(j) if j.is_array() => "[]interface {}",
            V::Json(_) => STRING_MAP,
        }
    }

    /// Go's truth (exec.go, `isTrue`): empty strings, maps and lists, zero numbers, false and
    /// nil are false.
    pub fn truth(&self) -> bool {
        match &self.v {
            V::Invalid | V::Null => false,
            V::Bool(b) => *b,
            V::Int(i, _) => *i != 0,
            V::Float(f) => *f != 0.0,
            V::Str(s) => !s.is_empty(),
            V::Json(j) => match j.as_ref() {
                Value::Object(m) => !m.is_empty(),
                Value::Array(a) => !a.is_empty(),
                _ => true,
            },
        }
    }

    /// The operand Go's `fmt` receives.
    pub fn fmt_arg(&self) -> FmtArg<'_> {
        match &self.v {
            V::Invalid | V::Null => FmtArg::Nil,
            V::Bool(b) => FmtArg::Bool(*b),
            V::Int(i, t) => FmtArg::Int(*i, t),
            V::Float(f) => FmtArg::Float(*f),
            V::Str(s) => FmtArg::Str(s),
            V::Json(j) => FmtArg::Json(j),
        }
    }

    /// `fmt.Sprint` of the value, as an action prints it; `<no value>` when invalid.
    pub fn print(&self) -> String {
        match &self.v {
            V::Invalid => "<no value>".to_string(),
            _ => crate::gofmt::printf::sprint_args(&[self.fmt_arg()]),
        }
    }
}
