//! Applying a strategic merge patch (k8s.io/apimachinery `util/strategicpatch`), as the server
//! does for `kubectl patch` (default type) and `kubectl apply`.
//!
//! Lists with merge metadata ([`super::patch_meta`]) merge element by element; directives
//! `$patch: replace|delete|merge`, `$retainKeys`, `$deleteFromPrimitiveList/<field>` and
//! `$setElementOrder/<field>` are honoured; `null` deletes a key. New list items land before the
//! ones only the server had, as on a real cluster.

use serde_json::{Map, Value};

use super::patch_meta::{Ctx, FieldMeta, lookup, root};
use super::strategic_order::{merge_set_element_order, normalize_element_order, partition};
use crate::gofmt::value::sprint as go_sprint;

/// The directive key inside maps and list items.
pub const DIRECTIVE: &str = "$patch";
/// The directive listing the keys a map keeps.
pub const RETAIN_KEYS: &str = "$retainKeys";
/// Prefix of parallel deletion lists for primitive lists.
pub const DELETE_PRIMITIVE: &str = "$deleteFromPrimitiveList";
/// Prefix of element-order lists.
pub const SET_ORDER: &str = "$setElementOrder";

/// A strategic merge patch that cannot be applied; the text is the library's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatchError(pub String);

impl std::fmt::Display for PatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(msg: impl Into<String>) -> Result<T, PatchError> {
    Err(PatchError(msg.into()))
}

/// How merging treats parallel lists and nulls (applying a patch sets both; combining two
/// patches into one sets neither).
#[derive(Clone, Copy, Debug, Default)]
pub struct MergeOptions {
    /// Apply `$deleteFromPrimitiveList` lists instead of carrying them along.
    pub merge_parallel_list: bool,
    /// Drop `null`s that delete nothing instead of keeping them.
    pub ignore_unmatched_nulls: bool,
}

/// Applies `patch` to `original` (an object of `kind`, e.g. `StatefulSet`).
pub fn strategic_merge_patch(
    original: &Value,
    patch: &Value,
    kind: &str,
) -> Result<Value, PatchError> {
    let (Value::Object(o), Value::Object(p)) = (original, patch) else {
        return err("invalid JSON document");
    };
    let opts = MergeOptions {
        merge_parallel_list: true,
        ignore_unmatched_nulls: true,
    };
    merge_map(o.clone(), p.clone(), root(kind), opts).map(Value::Object)
}

/// The kinds of JSON values, as Go's `reflect.TypeOf` tells decoded values apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Null,
    Bool,
    Int,
    Float,
    Str,
    List,
    Map,
}

/// The kind of a JSON value.
pub(crate) fn kind_of(v: &Value) -> Kind {
    match v {
        Value::Null => Kind::Null,
        Value::Bool(_) => Kind::Bool,
        Value::Number(n) if n.is_f64() => Kind::Float,
        Value::Number(_) => Kind::Int,
        Value::String(_) => Kind::Str,
        Value::Array(_) => Kind::List,
        Value::Object(_) => Kind::Map,
    }
}

/// The common element kind of lists; mixed or nested lists are refused.
pub(crate) fn element_kind(lists: &[&[Value]]) -> Result<Kind, PatchError> {
    let mut found: Option<Kind> = None;
    for v in lists.iter().flat_map(|l| l.iter()) {
        let k = kind_of(v);
        match found {
            None if k == Kind::List => return err("lists of lists are not supported"),
            None => found = Some(k),
            Some(prev) if prev != k => {
                let all: Vec<String> = lists
                    .iter()
                    .map(|l| go_sprint(&Value::Array(l.to_vec())))
                    .collect();
                return err(format!(
                    "list element types are not identical: [{}]",
                    all.join(" ")
                ));
            }
            Some(_) => {}
        }
    }
    found.ok_or_else(|| PatchError("no elements in any of the given slices".to_string()))
}

/// The library's error for a list item without its merge key.
pub(crate) fn no_merge_key(m: &Value, key: &str) -> PatchError {
    PatchError(format!(
        "map: {} does not contain declared merge key: {key}",
        go_sprint(m)
    ))
}

/// The field name after a `$directive/` prefix.
pub(crate) fn extract_key(s: &str, prefix: &str) -> Result<String, PatchError> {
    match s.split_once('/') {
        Some((p, rest)) if p == prefix => Ok(rest.to_string()),
        _ if prefix == DELETE_PRIMITIVE => err("invalid patch format of primitive list"),
        _ => err("invalid patch format of setElementOrder list"),
    }
}

/// Drops maps marked with `$patch` (and list items that are such maps); `None` drops the value.
pub(crate) fn remove_directives(v: Value) -> Option<Value> {
    match v {
        Value::Object(m) => {
            if m.contains_key(DIRECTIVE) {
                return None;
            }
            Some(Value::Object(
                m.into_iter()
                    .filter_map(|(k, c)| remove_directives(c).map(|c| (k, c)))
                    .collect(),
            ))
        }
        Value::Array(items) => Some(Value::Array(
            items.into_iter().filter_map(remove_directives).collect(),
        )),
        other => Some(other),
    }
}

fn discard_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, c| !c.is_null());
            m.values_mut().for_each(discard_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(discard_nulls),
        _ => {}
    }
}

fn retain_keys(
    original: &mut Map<String, Value>,
    patch: &mut Map<String, Value>,
    opts: MergeOptions,
) -> Result<(), PatchError> {
    let Some(rk) = patch.remove(RETAIN_KEYS) else {
        return Ok(());
    };
    if !opts.merge_parallel_list {
        match original.get(RETAIN_KEYS) {
            Some(o) if *o != rk => {
                return err(format!(
                    "{} and {} are not deep equal: this may happen when calculating the 3-way diff patch",
                    go_sprint(o),
                    go_sprint(&rk)
                ));
            }
            Some(_) => {}
            None => {
                original.insert(RETAIN_KEYS.to_string(), rk);
            }
        }
        return Ok(());
    }
    let Value::Array(list) = rk else {
        return err("invalid patch format of retainKeys");
    };
    let listed = |k: &str| list.iter().any(|v| v.as_str() == Some(k));
    for (k, v) in patch.iter() {
        if v.is_null() || k.starts_with(DELETE_PRIMITIVE) || k.starts_with(SET_ORDER) {
            continue;
        }
        if !listed(k) {
            return err("invalid patch format of retainKeys");
        }
    }
    original.retain(|k, _| listed(k));
    Ok(())
}

/// Merges `patch` into `original`, both maps at position `ctx`.
pub fn merge_map(
    mut original: Map<String, Value>,
    mut patch: Map<String, Value>,
    ctx: Ctx,
    opts: MergeOptions,
) -> Result<Map<String, Value>, PatchError> {
    if let Some(d) = patch.get(DIRECTIVE).cloned() {
        return match d.as_str() {
            Some("replace") => {
                patch.remove(DIRECTIVE);
                Ok(patch)
            }
            Some("delete") => Ok(Map::new()),
            _ => err(format!(
                "unknown patch type: {} in map: {}",
                go_sprint(&d),
                go_sprint(&Value::Object(patch))
            )),
        };
    }
    retain_keys(&mut original, &mut patch, opts)?;
    merge_set_element_order(&mut original, &mut patch, ctx, opts)?;
    let keys: Vec<String> = patch.keys().cloned().collect();
    for key in keys {
        let Some(patch_v) = patch.remove(&key) else {
            continue;
        };
        let mut k = key.clone();
        let mut delete_list = false;
        if key.starts_with(DELETE_PRIMITIVE) {
            if !opts.merge_parallel_list {
                original.insert(key, patch_v);
                continue;
            }
            k = extract_key(&key, DELETE_PRIMITIVE)?;
            delete_list = true;
        }
        if patch_v.is_null() {
            original.remove(&k);
            if opts.ignore_unmatched_nulls {
                continue;
            }
        }
        let take_patch = |mut v: Value, original: &mut Map<String, Value>, k: String| {
            if opts.ignore_unmatched_nulls {
                discard_nulls(&mut v);
            }
            if let Some(v) = remove_directives(v) {
                original.insert(k, v);
            }
        };
        let Some(orig_v) = original.remove(&k) else {
            if !delete_list {
                take_patch(patch_v, &mut original, k);
            }
            continue;
        };
        if kind_of(&orig_v) != kind_of(&patch_v) {
            if delete_list {
                original.insert(k, orig_v);
            } else {
                take_patch(patch_v, &mut original, k);
            }
            continue;
        }
        let meta = lookup(ctx, &k);
        let merged = match (orig_v, patch_v) {
            (Value::Object(o), Value::Object(p)) => {
                Value::Object(merge_map(o, p, meta.child, opts)?)
            }
            (Value::Array(o), Value::Array(p)) if meta.merge || delete_list => {
                Value::Array(merge_slice(o, p, &meta, opts, delete_list)?)
            }
            (_, p) => match remove_directives(p) {
                Some(v) => v,
                None => continue,
            },
        };
        original.insert(k, merged);
    }
    Ok(original)
}

/// The merge-key value of a list item, if it is a map that has one.
pub(crate) fn merge_key_of<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object().and_then(|m| m.get(key))
}

/// Merges two lists of a `merge` field.
pub fn merge_slice(
    original: Vec<Value>,
    patch: Vec<Value>,
    meta: &FieldMeta,
    opts: MergeOptions,
    delete_list: bool,
) -> Result<Vec<Value>, PatchError> {
    if original.is_empty() && patch.is_empty() {
        return Ok(original);
    }
    let kind = element_kind(&[&original, &patch])?;
    let mk = meta.merge_key;
    let (original, patch, merged) = if kind != Kind::Map {
        if opts.merge_parallel_list && delete_list {
            return Ok(original
                .into_iter()
                .filter(|v| !patch.contains(v))
                .collect());
        }
        let mut merged: Vec<Value> = Vec::new();
        for v in original.iter().chain(patch.iter()) {
            if !merged.contains(v) {
                merged.push(v.clone());
            }
        }
        (original, patch, merged)
    } else {
        if mk.is_empty() {
            return err("cannot merge lists without merge key");
        }
        let (original, patch) = special_elements(original, patch, mk)?;
        let mut merged = original.clone();
        for v in &patch {
            let Value::Object(pm) = v else {
                return err("list element is not a map");
            };
            let mv = pm.get(mk).ok_or_else(|| no_merge_key(v, mk))?;
            match merged.iter().position(|o| merge_key_of(o, mk) == Some(mv)) {
                Some(i) => {
                    let Some(Value::Object(om)) = merged.get(i).cloned() else {
                        return err(format!("value for key {i} is not a map"));
                    };
                    if let Some(slot) = merged.get_mut(i) {
                        *slot = Value::Object(merge_map(om, pm.clone(), meta.child, opts)?);
                    }
                }
                None => merged.push(v.clone()),
            }
        }
        (original, patch, merged)
    };
    let (in_patch, server_only) = partition(&merged, &patch, mk, kind)?;
    normalize_element_order(in_patch, server_only, &patch, &original, mk, kind)
}

/// Handles `$patch` items of a list of maps: `delete` removes matches, `replace` keeps only the
/// patch's items.
fn special_elements(
    mut original: Vec<Value>,
    patch: Vec<Value>,
    mk: &str,
) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let mut plain = Vec::new();
    let mut replace = false;
    for v in patch {
        let directive = v.get(DIRECTIVE).cloned();
        match directive.as_ref().map(|d| d.as_str()) {
            None => plain.push(v),
            Some(Some("delete")) => {
                let mv = merge_key_of(&v, mk)
                    .cloned()
                    .ok_or_else(|| no_merge_key(&v, mk))?;
                original.retain(|o| merge_key_of(o, mk) != Some(&mv));
            }
            Some(Some("replace")) => replace = true,
            Some(Some("merge")) => {
                return err("merging lists cannot yet be specified in the patch");
            }
            Some(_) => {
                let d = directive.unwrap_or(Value::Null);
                return err(format!(
                    "unknown patch type: {} in map: {}",
                    go_sprint(&d),
                    go_sprint(&v)
                ));
            }
        }
    }
    Ok(if replace {
        (plain, Vec::new())
    } else {
        (original, plain)
    })
}
