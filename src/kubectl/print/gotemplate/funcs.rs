//! The functions a kubectl template can call: Go's builtins (text/template/funcs.go) and the
//! two kubectl adds, `exists` and `base64decode` (cli-runtime printers/template.go and
//! jsonpath.go). Comparisons are in `compare`.

use super::escape;
use super::value::{V, Val};
use crate::gofmt::printf::{Arg as FmtArg, sprint_args, sprintf, sprintln_args};
use serde_json::Value;
use std::borrow::Cow;

/// The static type of a parameter, which decides how an argument is evaluated (exec.go,
/// `evalArg`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ty {
    /// `reflect.Value`: anything, a missing value stays missing.
    Value,
    /// `interface{}`.
    Any,
    /// `string`.
    Str,
}

/// A function's parameters: fixed ones, then the type of a variadic tail.
pub(super) struct Sig {
    pub fixed: &'static [Ty],
    pub variadic: Option<Ty>,
}

const fn sig(fixed: &'static [Ty], variadic: Option<Ty>) -> Sig {
    Sig { fixed, variadic }
}

/// The signature of a known function.
pub(super) fn signature(name: &str) -> Option<Sig> {
    use Ty::{Any, Str, Value as Val};
    Some(match name {
        "and" | "or" | "index" | "slice" | "eq" | "call" => sig(&[Val], Some(Val)),
        "html" | "js" | "urlquery" | "print" | "println" => sig(&[], Some(Any)),
        "printf" => sig(&[Str], Some(Any)),
        "len" | "not" => sig(&[Val], None),
        "ne" | "lt" | "le" | "gt" | "ge" => sig(&[Val, Val], None),
        "exists" => sig(&[Any], Some(Any)),
        "base64decode" => sig(&[Str], None),
        _ => return None,
    })
}

/// Whether the parser knows the function.
pub(super) fn is_function(name: &str) -> bool {
    signature(name).is_some()
}

/// Calls a function on evaluated arguments; the error is the function's own.
pub(super) fn call<'a>(name: &str, args: Vec<Val<'a>>) -> Result<Val<'a>, String> {
    let mut args = args.into_iter();
    let mut first = || args.next().unwrap_or_else(Val::invalid);
    match name {
        "index" => {
            let item = first();
            index(item, args.collect())
        }
        "slice" => {
            let item = first();
            slice(item, args.collect())
        }
        "len" => length(first()),
        "not" => Ok(Val::plain(V::Bool(!first().truth()))),
        "eq" => {
            let a = first();
            super::compare::eq(&a, &args.collect::<Vec<_>>())
        }
        "ne" | "lt" | "le" | "gt" | "ge" => {
            let (a, b) = (first(), first());
            super::compare::ordered(name, &a, &b)
        }
        "print" | "printf" | "println" => {
            Ok(Val::string(format_call(name, &args.collect::<Vec<_>>())))
        }
        "html" => Ok(Val::string(escape::html(&eval_args(
            &args.collect::<Vec<_>>(),
        )))),
        "js" => Ok(Val::string(escape::js(&eval_args(
            &args.collect::<Vec<_>>(),
        )))),
        "urlquery" => Ok(Val::string(escape::query(&eval_args(
            &args.collect::<Vec<_>>(),
        )))),
        "exists" => {
            let item = first();
            Ok(Val::plain(V::Bool(exists(item, args.collect()))))
        }
        "base64decode" => escape::base64decode(&first()),
        _ => Err("call of nil".to_string()),
    }
}

fn format_call(name: &str, args: &[Val<'_>]) -> String {
    let fmt: Vec<FmtArg<'_>> = args.iter().map(Val::fmt_arg).collect();
    match name {
        "print" => sprint_args(&fmt),
        "println" => sprintln_args(&fmt),
        _ => {
            let (format, rest) = match fmt.split_first() {
                Some((FmtArg::Str(f), rest)) => (*f, rest),
                _ => ("", fmt.as_slice()),
            };
            sprintf(format, rest)
        }
    }
}

/// `fmt.Sprint` of the arguments, except that one string stays as it is and a missing value
/// prints `<no value>` (funcs.go, `evalArgs`).
fn eval_args(args: &[Val<'_>]) -> String {
    if let [Val { v: V::Str(s), .. }] = args {
        return s.to_string();
    }
    let missing = FmtArg::Str("<no value>");
    let fmt: Vec<FmtArg<'_>> = args
        .iter()
        .map(|a| match a.v {
            V::Invalid | V::Null => missing,
            _ => a.fmt_arg(),
        })
        .collect();
    sprint_args(&fmt)
}

/// An index argument (funcs.go, `indexArg`).
fn index_arg(index: &Val<'_>, cap: usize) -> Result<usize, String> {
    let x = match &index.v {
        V::Int(i, _) => *i,
        V::Invalid | V::Null => return Err("cannot index slice/array with nil".to_string()),
        _ => {
            return Err(format!(
                "cannot index slice/array with type {}",
                index.concrete_type()
            ));
        }
    };
    match usize::try_from(x) {
        Ok(u) if u <= cap => Ok(u),
        _ => Err(format!("index out of range: {x}")),
    }
}

fn index<'a>(item: Val<'a>, indexes: Vec<Val<'a>>) -> Result<Val<'a>, String> {
    let mut item = item.unboxed();
    if !item.is_valid() {
        return Err("index of untyped nil".to_string());
    }
    for index in indexes {
        if item.v == V::Null {
            return Err("index of nil pointer".to_string());
        }
        item = match item.v {
            V::Json(Cow::Borrowed(Value::Array(list))) => {
                let x = index_arg(&index, list.len())?;
                Val::elem(list.get(x).ok_or("reflect: slice index out of range")?)
            }
            V::Json(Cow::Owned(Value::Array(list))) => {
                let x = index_arg(&index, list.len())?;
                let e = list.get(x).ok_or("reflect: slice index out of range")?;
                Val {
                    boxed: true,
                    ..Val::root(e).clone_owned()
                }
            }
            V::Str(s) => {
                let x = index_arg(&index, s.len())?;
                let b = s
                    .as_bytes()
                    .get(x)
                    .ok_or("reflect: string index out of range")?;
                Val::plain(V::Int(i64::from(*b), "uint8"))
            }
            V::Json(Cow::Borrowed(Value::Object(map))) => {
                let key = map_key(&index)?;
                map.get(key.as_ref()).map_or(
                    Val {
                        v: V::Null,
                        boxed: true,
                    },
                    Val::elem,
                )
            }
            V::Json(Cow::Owned(Value::Object(map))) => {
                let key = map_key(&index)?;
                match map.get(key.as_ref()) {
                    Some(e) => Val {
                        boxed: true,
                        ..Val::root(e).clone_owned()
                    },
                    None => Val {
                        v: V::Null,
                        boxed: true,
                    },
                }
            }
            _ => return Err(format!("can't index item of type {}", item.concrete_type())),
        };
    }
    Ok(item)
}

/// A map key must be a string (funcs.go, `prepareArg`).
fn map_key<'b>(index: &'b Val<'_>) -> Result<Cow<'b, str>, String> {
    match &index.v {
        V::Str(s) => Ok(Cow::Borrowed(s.as_ref())),
        V::Invalid | V::Null => Err("value is nil; should be of type string".to_string()),
        _ => Err(format!(
            "value has type {}; should be string",
            index.concrete_type()
        )),
    }
}

impl<'a> Val<'a> {
    /// The same value, owning what it borrowed.
    pub fn clone_owned(&self) -> Val<'static> {
        let v = match &self.v {
            V::Invalid => V::Invalid,
            V::Null => V::Null,
            V::Bool(b) => V::Bool(*b),
            V::Int(i, t) => V::Int(*i, t),
            V::Float(f) => V::Float(*f),
            V::Str(s) => V::Str(Cow::Owned(s.to_string())),
            V::Json(j) => V::Json(Cow::Owned(j.as_ref().clone())),
        };
        Val {
            v,
            boxed: self.boxed,
        }
    }
}

fn slice<'a>(item: Val<'a>, indexes: Vec<Val<'a>>) -> Result<Val<'a>, String> {
    let item = item.unboxed();
    if !item.is_valid() {
        return Err("slice of untyped nil".to_string());
    }
    if indexes.len() > 3 {
        return Err(format!("too many slice indexes: {}", indexes.len()));
    }
    let len = match &item.v {
        V::Str(_) if indexes.len() == 3 => return Err("cannot 3-index slice a string".to_string()),
        V::Str(s) => s.len(),
        V::Json(j) if j.is_array() => j.as_array().map_or(0, Vec::len),
        _ => return Err(format!("can't slice item of type {}", item.concrete_type())),
    };
    let mut idx = [0, len, len];
    for (i, index) in indexes.iter().enumerate() {
        if let Some(slot) = idx.get_mut(i) {
            *slot = index_arg(index, len)?;
        }
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if indexes.len() == 3 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    Ok(match &item.v {
        V::Str(s) => {
            let bytes = s.as_bytes().get(idx[0]..idx[1]).unwrap_or(&[]);
            Val::string(String::from_utf8_lossy(bytes).into_owned())
        }
        V::Json(j) => {
            let part = j
                .as_array()
                .and_then(|a| a.get(idx[0]..idx[1]))
                .unwrap_or(&[]);
            Val::plain(V::Json(Cow::Owned(Value::Array(part.to_vec()))))
        }
        _ => Val::invalid(),
    })
}

fn length(item: Val<'_>) -> Result<Val<'static>, String> {
    let n = match &item.v {
        V::Null => return Err("len of nil pointer".to_string()),
        // Go calls Type on the zero reflect.Value and reports the panic.
        V::Invalid => return Err("reflect: call of reflect.Value.Type on zero Value".to_string()),
        V::Str(s) => s.len(),
        V::Json(j) => match j.as_ref() {
            Value::Array(a) => a.len(),
            Value::Object(m) => m.len(),
            _ => 0,
        },
        _ => return Err(format!("len of type {}", item.concrete_type())),
    };
    Ok(Val::int(i64::try_from(n).unwrap_or(i64::MAX)))
}

/// kubectl's `exists`: whether `index item indices…` would find a non-nil value
/// (cli-runtime printers/jsonpath.go).
fn exists(item: Val<'_>, indexes: Vec<Val<'_>>) -> bool {
    let mut cur = item.unboxed();
    for index in indexes {
        let index = index.unboxed();
        cur = match (&cur.v, &index.v) {
            (V::Json(j), V::Int(i, _)) if j.is_array() => {
                match j
                    .as_array()
                    .and_then(|a| usize::try_from(*i).ok().and_then(|x| a.get(x)))
                {
                    Some(e) => Val::elem(e).clone_owned(),
                    None => return false,
                }
            }
            (V::Str(s), V::Int(i, _)) => {
                match usize::try_from(*i).ok().and_then(|x| s.as_bytes().get(x)) {
                    Some(b) => Val::plain(V::Int(i64::from(*b), "uint8")),
                    None => return false,
                }
            }
            (V::Json(j), V::Str(k)) if j.is_object() => match j.get(k.as_ref()) {
                Some(e) => Val::elem(e).clone_owned(),
                None => return false,
            },
            (V::Json(j), V::Invalid) if j.is_object() => match j.get("") {
                Some(e) => Val::elem(e).clone_owned(),
                None => return false,
            },
            _ => return false,
        };
        if cur.v == V::Null {
            return false;
        }
    }
    cur.v != V::Null
}
