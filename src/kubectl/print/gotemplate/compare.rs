//! `eq`, `ne`, `lt`, `le`, `gt` and `ge` (text/template/funcs.go): basic kinds compare by
//! value, signed and unsigned integers with each other, anything else is an error.

use super::value::{V, Val};
use crate::gofmt::printf::sprintf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BasicKind {
    Invalid,
    Bool,
    Int,
    Uint,
    Float,
    Str,
}

fn basic_kind(v: &Val<'_>) -> BasicKind {
    match &v.v {
        V::Bool(_) => BasicKind::Bool,
        V::Int(_, "uint8") => BasicKind::Uint,
        V::Int(..) => BasicKind::Int,
        V::Float(_) => BasicKind::Float,
        V::Str(_) => BasicKind::Str,
        _ => BasicKind::Invalid,
    }
}

fn int(v: &Val<'_>) -> i64 {
    match v.v {
        V::Int(i, _) => i,
        _ => 0,
    }
}

fn float(v: &Val<'_>) -> f64 {
    match v.v {
        V::Float(f) => f,
        _ => 0.0,
    }
}

fn text<'b>(v: &'b Val<'_>) -> &'b str {
    match &v.v {
        V::Str(s) => s,
        _ => "",
    }
}

fn incompatible(a: &Val<'_>, b: &Val<'_>) -> String {
    format!(
        "incompatible types for comparison: {} and {}",
        a.concrete_type(),
        b.concrete_type()
    )
}

/// `reflect.Kind` of a value that is no basic kind: map, slice or invalid.
fn reflect_kind(v: &Val<'_>) -> &'static str {
    match &v.v {
        V::Json(j) if j.is_array() => "slice",
        V::Json(_) => "map",
        _ => "invalid",
    }
}

/// One `a == b` of `eq`.
fn equal(a: &Val<'_>, b: &Val<'_>) -> Result<bool, String> {
    let (k1, k2) = (basic_kind(a), basic_kind(b));
    if k1 != k2 {
        return match (k1, k2) {
            (BasicKind::Int | BasicKind::Uint, BasicKind::Int | BasicKind::Uint) => {
                Ok(int(a) == int(b))
            }
            _ if a.is_valid() && b.is_valid() => Err(incompatible(a, b)),
            _ => Ok(false),
        };
    }
    Ok(match k1 {
        BasicKind::Bool => a.v == b.v,
        BasicKind::Int | BasicKind::Uint => int(a) == int(b),
        BasicKind::Float => float(a) == float(b),
        BasicKind::Str => text(a) == text(b),
        BasicKind::Invalid => {
            let (r1, r2) = (reflect_kind(a), reflect_kind(b));
            if r1 != r2 && r1 != "invalid" && r2 != "invalid" {
                return Err(sprintf(
                    "non-comparable types %s: %v, %s: %v",
                    &[
                        a.fmt_arg(),
                        crate::gofmt::printf::Arg::Str(a.concrete_type()),
                        crate::gofmt::printf::Arg::Str(b.concrete_type()),
                        b.fmt_arg(),
                    ],
                ));
            }
            if !a.is_valid() || !b.is_valid() {
                a.is_valid() == b.is_valid()
            } else {
                return Err(sprintf(
                    "non-comparable type %s: %v",
                    &[
                        b.fmt_arg(),
                        crate::gofmt::printf::Arg::Str(b.concrete_type()),
                    ],
                ));
            }
        }
    })
}

/// `eq arg1 arg2…`: whether `arg1` equals any of the others.
pub(super) fn eq<'a>(a: &Val<'_>, rest: &[Val<'_>]) -> Result<Val<'a>, String> {
    if rest.is_empty() {
        return Err("missing argument for comparison".to_string());
    }
    let a = a.clone().unboxed();
    for b in rest {
        if equal(&a, &b.clone().unboxed())? {
            return Ok(Val::plain(V::Bool(true)));
        }
    }
    Ok(Val::plain(V::Bool(false)))
}

fn less(a: &Val<'_>, b: &Val<'_>) -> Result<bool, String> {
    let bad = || "invalid type for comparison".to_string();
    let (k1, k2) = (basic_kind(a), basic_kind(b));
    if k1 == BasicKind::Invalid || k2 == BasicKind::Invalid {
        return Err(bad());
    }
    if k1 != k2 {
        return match (k1, k2) {
            (BasicKind::Int | BasicKind::Uint, BasicKind::Int | BasicKind::Uint) => {
                Ok(int(a) < int(b))
            }
            _ => Err(incompatible(a, b)),
        };
    }
    match k1 {
        BasicKind::Float => Ok(float(a) < float(b)),
        BasicKind::Int | BasicKind::Uint => Ok(int(a) < int(b)),
        BasicKind::Str => Ok(text(a) < text(b)),
        _ => Err(bad()),
    }
}

/// `ne`, `lt`, `le`, `gt` and `ge` of two values.
pub(super) fn ordered<'a>(name: &str, a: &Val<'_>, b: &Val<'_>) -> Result<Val<'a>, String> {
    let (a, b) = (a.clone().unboxed(), b.clone().unboxed());
    let truth = match name {
        "ne" => !equal(&a, &b)?,
        "lt" => less(&a, &b)?,
        "le" => less(&a, &b)? || equal(&a, &b)?,
        "gt" => !(less(&a, &b)? || equal(&a, &b)?),
        _ => !less(&a, &b)?,
    };
    Ok(Val::plain(V::Bool(truth)))
}
