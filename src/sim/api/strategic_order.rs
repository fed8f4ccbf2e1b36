//! List ordering in strategic merge patches: how merged lists are ordered, and the
//! `$setElementOrder/<field>` directive that carries the full order of a list.

use serde_json::{Map, Value};

use super::patch_meta::{Ctx, lookup};
use super::strategic::{
    DIRECTIVE, Kind, MergeOptions, PatchError, SET_ORDER, element_kind, extract_key, merge_key_of,
    merge_slice, no_merge_key, remove_directives,
};
use crate::gofmt::value::sprint as go_sprint;

fn as_list(v: Option<&Value>) -> Result<Option<Vec<Value>>, PatchError> {
    match v {
        None => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a.clone())),
        Some(other) => Err(PatchError(format!(
            "expected a []interface {{}}, but received a {}",
            go_type_name(other)
        ))),
    }
}

fn go_type_name(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "map[string]interface {}",
        Value::String(_) => "string",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::Null => "<nil>",
        Value::Array(_) => "[]interface {}",
    }
}

/// Checks that the patch's items appear in the order list in the same sequence.
fn validate_with_order(patch_list: &[Value], order: &[Value], mk: &str) -> Result<(), PatchError> {
    if order.is_empty() || patch_list.is_empty() {
        return Ok(());
    }
    let items: Vec<&Value> = if mk.is_empty() {
        patch_list.iter().collect()
    } else {
        patch_list
            .iter()
            .filter(|v| v.get(DIRECTIVE).and_then(Value::as_str) != Some("delete"))
            .collect()
    };
    let (mut pi, mut oi) = (0, 0);
    while pi < items.len() && oi < order.len() {
        let (Some(p), Some(o)) = (items.get(pi), order.get(oi)) else {
            break;
        };
        if p.get(DIRECTIVE).is_some() {
            pi += 1;
            continue;
        }
        let equal = if mk.is_empty() {
            *p == o
        } else {
            let pk = p.get(mk).ok_or_else(|| no_merge_key(p, mk))?;
            let ok = o.get(mk).ok_or_else(|| no_merge_key(o, mk))?;
            pk == ok
        };
        if equal {
            pi += 1;
        }
        oi += 1;
    }
    if pi < items.len() && oi >= order.len() {
        return Err(PatchError(format!(
            "The order in patch list:\n{}\n doesn't match {SET_ORDER} list:\n{}\n",
            go_sprint(&Value::Array(patch_list.to_vec())),
            go_sprint(&Value::Array(order.to_vec()))
        )));
    }
    Ok(())
}

/// Processes every `$setElementOrder/<field>` of `patch`: merges that field and orders it.
pub fn merge_set_element_order(
    original: &mut Map<String, Value>,
    patch: &mut Map<String, Value>,
    ctx: Ctx,
    opts: MergeOptions,
) -> Result<(), PatchError> {
    let keys: Vec<String> = patch
        .keys()
        .filter(|k| k.starts_with(SET_ORDER))
        .cloned()
        .collect();
    for key in keys {
        let Some(order_v) = patch.remove(&key) else {
            continue;
        };
        if !opts.merge_parallel_list {
            match original.get(&key) {
                Some(o) if *o != order_v => {
                    return Err(PatchError(
                        "invalid patch format of setElementOrder list".to_string(),
                    ));
                }
                Some(_) => {}
                None => {
                    original.insert(key.clone(), order_v.clone());
                }
            }
        }
        let order = as_list(Some(&order_v))?.unwrap_or_default();
        let field = extract_key(&key, SET_ORDER)?;
        let orig_list = as_list(original.get(&field))?;
        let patch_list = as_list(patch.get(&field))?;
        let meta = lookup(ctx, &field);
        validate_with_order(patch_list.as_deref().unwrap_or(&[]), &order, meta.merge_key)?;
        let merged = match (orig_list.clone(), patch_list.clone()) {
            (Some(o), None) => o,
            (None, Some(p)) => match remove_directives(Value::Array(p)) {
                Some(Value::Array(a)) => a,
                _ => continue,
            },
            (Some(o), Some(p)) if meta.merge => merge_slice(o, p, &meta, opts, false)?,
            (Some(_), Some(p)) => p,
            (None, None) => continue,
        };
        let kind = element_kind(&[
            orig_list.as_deref().unwrap_or(&[]),
            patch_list.as_deref().unwrap_or(&[]),
        ])?;
        let mk = if kind == Kind::Map {
            meta.merge_key
        } else {
            ""
        };
        let (in_order, server_only) = partition(&merged, &order, mk, kind)?;
        let both = normalize_element_order(
            in_order,
            server_only,
            &order,
            orig_list.as_deref().unwrap_or(&[]),
            mk,
            kind,
        )?;
        original.insert(field.clone(), Value::Array(both));
        patch.remove(&field);
    }
    Ok(())
}

/// Index of `v` in `list`, comparing merge-key values for maps and whole values otherwise.
pub(crate) fn index_in(list: &[Value], v: &Value, mk: &str, kind: Kind) -> Option<usize> {
    if kind == Kind::Map {
        let key = merge_key_of(v, mk);
        list.iter().position(|x| merge_key_of(x, mk) == key)
    } else {
        list.iter().position(|x| x == v)
    }
}

/// Splits `merged` into items present in `by` and the rest.
pub(crate) fn partition(
    merged: &[Value],
    by: &[Value],
    mk: &str,
    kind: Kind,
) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let (mut inside, mut outside) = (Vec::new(), Vec::new());
    for v in merged {
        if kind == Kind::Map && merge_key_of(v, mk).is_none() {
            return Err(no_merge_key(v, mk));
        }
        if index_in(by, v, mk, kind).is_some() {
            inside.push(v.clone())
        } else {
            outside.push(v.clone())
        }
    }
    Ok((inside, outside))
}

fn sort_by_order(
    mut items: Vec<Value>,
    order: &[Value],
    mk: &str,
    kind: Kind,
) -> Result<Vec<Value>, PatchError> {
    let mut deletes = Vec::new();
    if kind == Kind::Map {
        for v in items.iter().chain(order.iter()) {
            if merge_key_of(v, mk).is_none() {
                return Err(no_merge_key(v, mk));
            }
        }
        let (keep, del): (Vec<Value>, Vec<Value>) = items
            .into_iter()
            .partition(|v| v.get(DIRECTIVE).and_then(Value::as_str) != Some("delete"));
        items = keep;
        deletes = del;
    }
    crate::order::sort_by_key(&mut items, |v| {
        index_in(order, v, mk, kind).unwrap_or(usize::MAX)
    });
    items.extend(deletes);
    Ok(items)
}

/// Orders a merged list: patch items in patch order, server-only items in server order,
/// interleaved so that each server-only item precedes the first patch item it preceded on the
/// server; items new to the server therefore come first.
pub(crate) fn normalize_element_order(
    in_patch: Vec<Value>,
    server_only: Vec<Value>,
    patch_order: &[Value],
    server_order: &[Value],
    mk: &str,
    kind: Kind,
) -> Result<Vec<Value>, PatchError> {
    let right = sort_by_order(in_patch, patch_order, mk, kind)?;
    let left = sort_by_order(server_only, server_order, mk, kind)?;
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() || j < right.len() {
        let take_left = match (left.get(i), right.get(j)) {
            (Some(_), None) => true,
            (None, _) => false,
            (Some(l), Some(r)) => match (
                index_in(server_order, l, mk, kind),
                index_in(server_order, r, mk, kind),
            ) {
                (Some(li), Some(ri)) => li < ri,
                _ => false,
            },
        };
        if take_left {
            out.extend(left.get(i).cloned());
            i += 1;
        } else {
            out.extend(right.get(j).cloned());
            j += 1;
        }
    }
    Ok(out)
}
