//! Filter comparisons with the typed rules of Go's `text/template` (`eq`, `lt`, …): integers,
//! floats, strings and booleans compare only with their own kind.

use serde_json::Value;

enum Kind<'v> {
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(&'v str),
}

fn kind_of(v: &Value) -> Result<Kind<'_>, String> {
    match v {
        Value::Bool(b) => Ok(Kind::Bool(*b)),
        Value::Number(n) => Ok(if let Some(i) = n.as_i64() {
            Kind::Int(i)
        } else if let Some(u) = n.as_u64() {
            Kind::Uint(u)
        } else {
            Kind::Float(n.as_f64().unwrap_or(0.0))
        }),
        Value::String(s) => Ok(Kind::Str(s)),
        _ => Err("invalid type for comparison".to_string()),
    }
}

fn incompatible() -> String {
    "incompatible types for comparison".to_string()
}

pub fn equal(a: &Value, b: &Value) -> Result<bool, String> {
    Ok(match (kind_of(a)?, kind_of(b)?) {
        (Kind::Bool(x), Kind::Bool(y)) => x == y,
        (Kind::Int(x), Kind::Int(y)) => x == y,
        (Kind::Uint(x), Kind::Uint(y)) => x == y,
        (Kind::Float(x), Kind::Float(y)) => x == y,
        (Kind::Str(x), Kind::Str(y)) => x == y,
        (Kind::Int(x), Kind::Uint(y)) | (Kind::Uint(y), Kind::Int(x)) => {
            u64::try_from(x).is_ok_and(|x| x == y)
        }
        _ => return Err(incompatible()),
    })
}

pub fn less(a: &Value, b: &Value) -> Result<bool, String> {
    Ok(match (kind_of(a)?, kind_of(b)?) {
        (Kind::Bool(_), Kind::Bool(_)) => return Err("invalid type for comparison".to_string()),
        (Kind::Int(x), Kind::Int(y)) => x < y,
        (Kind::Uint(x), Kind::Uint(y)) => x < y,
        (Kind::Float(x), Kind::Float(y)) => x < y,
        (Kind::Str(x), Kind::Str(y)) => x < y,
        (Kind::Int(x), Kind::Uint(y)) => u64::try_from(x).map_or(true, |x| x < y),
        (Kind::Uint(x), Kind::Int(y)) => u64::try_from(y).is_ok_and(|y| x < y),
        _ => return Err(incompatible()),
    })
}

pub fn less_equal(a: &Value, b: &Value) -> Result<bool, String> {
    if less(a, b)? {
        return Ok(true);
    }
    equal(a, b)
}
