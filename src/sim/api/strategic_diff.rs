//! Computing strategic merge patches: the two-way diff and the three-way patch
//! `kubectl apply` sends (deletions from the last-applied configuration, additions and changes
//! against the live object).

use serde_json::{Map, Value, json};

use super::patch_meta::{Ctx, lookup, root};
use super::strategic::{
    DELETE_PRIMITIVE, DIRECTIVE, Kind, MergeOptions, PatchError, RETAIN_KEYS, SET_ORDER,
    element_kind, kind_of, merge_map, no_merge_key,
};
use crate::gofmt::value::sprint as go_sprint;

#[derive(Clone, Copy, Debug, Default)]
struct DiffOptions {
    ignore_changes_and_additions: bool,
    ignore_deletions: bool,
    set_element_order: bool,
    build_retain_keys: bool,
}

fn scalar_string(v: &Value) -> String {
    go_sprint(v)
}

fn diff_maps(
    original: &Map<String, Value>,
    modified: &Map<String, Value>,
    ctx: Ctx,
    opts: DiffOptions,
) -> Result<Map<String, Value>, PatchError> {
    let mut patch = Map::new();
    let mut retain: Vec<String> = Vec::new();
    for (key, mv) in modified {
        if opts.build_retain_keys && !mv.is_null() {
            retain.push(key.clone());
        }
        let Some(ov) = original.get(key) else {
            if !opts.ignore_changes_and_additions {
                patch.insert(key.clone(), mv.clone());
            }
            continue;
        };
        if key == DIRECTIVE {
            if ov != mv {
                patch.insert(key.clone(), mv.clone());
            }
            continue;
        }
        if kind_of(ov) != kind_of(mv) {
            if !opts.ignore_changes_and_additions {
                patch.insert(key.clone(), mv.clone());
            }
            continue;
        }
        let meta = lookup(ctx, key);
        match (ov, mv) {
            (Value::Object(o), Value::Object(m)) => {
                let sub = DiffOptions {
                    build_retain_keys: meta.retain_keys,
                    ..opts
                };
                let pv = diff_maps(o, m, meta.child, sub)?;
                if !pv.is_empty() {
                    patch.insert(key.clone(), Value::Object(pv));
                }
            }
            (Value::Array(o), Value::Array(m)) if meta.merge => {
                let sub = DiffOptions {
                    build_retain_keys: meta.retain_keys,
                    ..opts
                };
                let (add, del, order) = diff_lists(o, m, meta.child, meta.merge_key, sub)?;
                if !add.is_empty() {
                    patch.insert(key.clone(), Value::Array(add));
                }
                if !del.is_empty() {
                    patch.insert(format!("{DELETE_PRIMITIVE}/{key}"), Value::Array(del));
                }
                if !order.is_empty() {
                    patch.insert(format!("{SET_ORDER}/{key}"), Value::Array(order));
                }
            }
            _ => {
                if !opts.ignore_changes_and_additions && ov != mv {
                    patch.insert(key.clone(), mv.clone());
                }
            }
        }
    }
    if !opts.ignore_deletions {
        for key in original.keys() {
            if !modified.contains_key(key) {
                patch.insert(key.clone(), Value::Null);
            }
        }
    }
    let extra = original
        .iter()
        .any(|(k, v)| !v.is_null() && !modified.contains_key(k));
    if !retain.is_empty() && (!patch.is_empty() || extra) {
        crate::order::sort(&mut retain);
        patch.insert(
            RETAIN_KEYS.to_string(),
            Value::Array(retain.into_iter().map(Value::String).collect()),
        );
    }
    Ok(patch)
}

type Lists = (Vec<Value>, Vec<Value>, Vec<Value>);

fn diff_lists(
    original: &[Value],
    modified: &[Value],
    ctx: Ctx,
    mk: &str,
    opts: DiffOptions,
) -> Result<Lists, PatchError> {
    if original.is_empty() {
        if modified.is_empty() || opts.ignore_changes_and_additions {
            return Ok((Vec::new(), Vec::new(), Vec::new()));
        }
        return Ok((modified.to_vec(), Vec::new(), Vec::new()));
    }
    let kind = element_kind(&[original, modified])?;
    let position = |list: &[Value], v: &Value| -> usize {
        let found = if kind == Kind::Map {
            list.iter().position(|x| x.get(mk) == v.get(mk))
        } else {
            list.iter().position(|x| x == v)
        };
        found.unwrap_or(usize::MAX)
    };
    if kind == Kind::Map {
        let (mut patch, deletes) = diff_lists_of_maps(original, modified, ctx, mk, opts)?;
        crate::order::sort_by_key(&mut patch, |v| position(modified, v));
        let same_order = original.len() == modified.len()
            && original
                .iter()
                .zip(modified)
                .all(|(o, m)| o.get(mk) == m.get(mk));
        patch.extend(deletes);
        let mut order = Vec::new();
        if opts.set_element_order
            && ((!opts.ignore_changes_and_additions && (!patch.is_empty() || !same_order))
                || (!opts.ignore_deletions && !patch.is_empty()))
        {
            order = modified
                .iter()
                .map(|v| json!({ mk: v.get(mk).cloned().unwrap_or(Value::Null) }))
                .collect();
        }
        return Ok((patch, Vec::new(), order));
    }
    let (mut add, del) = diff_lists_of_scalars(original, modified, opts);
    crate::order::sort_by_key(&mut add, |v| position(modified, v));
    let mut order = Vec::new();
    if opts.set_element_order
        && ((!opts.ignore_deletions && !del.is_empty())
            || (!opts.ignore_changes_and_additions && original != modified))
    {
        order = modified.to_vec();
    }
    Ok((add, del, order))
}

fn diff_lists_of_scalars(
    original: &[Value],
    modified: &[Value],
    opts: DiffOptions,
) -> (Vec<Value>, Vec<Value>) {
    let mut o: Vec<&Value> = original.iter().collect();
    let mut m: Vec<&Value> = modified.iter().collect();
    crate::order::sort_by_key(&mut o, |v| scalar_string(v));
    crate::order::sort_by_key(&mut m, |v| scalar_string(v));
    let (mut i, mut j) = (0, 0);
    let (mut add, mut del) = (Vec::new(), Vec::<Value>::new());
    loop {
        match (o.get(i), m.get(j)) {
            (None, None) => break,
            (Some(a), Some(b)) if scalar_string(a) == scalar_string(b) => {
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if scalar_string(a) < scalar_string(b) => {
                if !opts.ignore_deletions && !del.contains(a) {
                    del.push((*a).clone());
                }
                i += 1;
            }
            (Some(_), Some(b)) | (None, Some(b)) => {
                if !opts.ignore_changes_and_additions {
                    add.push((*b).clone());
                }
                j += 1;
            }
            (Some(a), None) => {
                if !opts.ignore_deletions && !del.contains(a) {
                    del.push((*a).clone());
                }
                i += 1;
            }
        }
    }
    (add, del)
}

fn diff_lists_of_maps(
    original: &[Value],
    modified: &[Value],
    ctx: Ctx,
    mk: &str,
    opts: DiffOptions,
) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let key_of = |v: &Value| -> Result<String, PatchError> {
        let Value::Object(_) = v else {
            return Err(PatchError(format!(
                "expected a map, but received {}",
                go_sprint(v)
            )));
        };
        v.get(mk)
            .map(scalar_string)
            .ok_or_else(|| no_merge_key(v, mk))
    };
    let mut o: Vec<(String, &Value)> = original
        .iter()
        .map(|v| key_of(v).map(|k| (k, v)))
        .collect::<Result<_, _>>()?;
    let mut m: Vec<(String, &Value)> = modified
        .iter()
        .map(|v| key_of(v).map(|k| (k, v)))
        .collect::<Result<_, _>>()?;
    crate::order::sort_by(&mut o, |a, b| a.0.cmp(&b.0));
    crate::order::sort_by(&mut m, |a, b| a.0.cmp(&b.0));
    let (mut patch, mut deletes) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    loop {
        match (o.get(i), m.get(j)) {
            (None, None) => break,
            (Some((ok, ov)), Some((mkey, mv))) if ok == mkey => {
                if let (Value::Object(om), Value::Object(mm)) = (ov, mv) {
                    let mut pv = diff_maps(om, mm, ctx, opts)?;
                    if !pv.is_empty() {
                        pv.insert(mk.to_string(), mv.get(mk).cloned().unwrap_or(Value::Null));
                        patch.push(Value::Object(pv));
                    }
                }
                i += 1;
                j += 1;
            }
            (Some((ok, _)), Some((mkey, mv))) if ok > mkey => {
                if !opts.ignore_changes_and_additions {
                    patch.push((*mv).clone());
                }
                j += 1;
            }
            (None, Some((_, mv))) => {
                if !opts.ignore_changes_and_additions {
                    patch.push((*mv).clone());
                }
                j += 1;
            }
            (Some((_, ov)), _) => {
                if !opts.ignore_deletions {
                    deletes.push(json!({ mk: ov.get(mk).cloned().unwrap_or(Value::Null), DIRECTIVE: "delete" }));
                }
                i += 1;
            }
        }
    }
    Ok((patch, deletes))
}

fn as_map(v: Option<&Value>) -> Result<Map<String, Value>, PatchError> {
    match v {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(_) => Err(PatchError("invalid JSON document".to_string())),
    }
}

/// The two-way patch that turns `original` into `modified` (used by `kubectl edit` and
/// `rollout undo`).
pub fn two_way_merge_patch(
    original: &Value,
    modified: &Value,
    kind: &str,
) -> Result<Value, PatchError> {
    let opts = DiffOptions {
        set_element_order: true,
        ..Default::default()
    };
    diff_maps(
        &as_map(Some(original))?,
        &as_map(Some(modified))?,
        root(kind),
        opts,
    )
    .map(Value::Object)
}

/// The patch `kubectl apply` sends: fields present in `original` (the last-applied configuration)
/// but absent from `modified` are deleted; fields of `modified` that differ from `current` (the
/// live object) are set. Fields only the server set are left alone.
pub fn three_way_merge_patch(
    original: Option<&Value>,
    modified: &Value,
    current: &Value,
    kind: &str,
) -> Result<Value, PatchError> {
    let ctx = root(kind);
    let (orig, modi, cur) = (
        as_map(original)?,
        as_map(Some(modified))?,
        as_map(Some(current))?,
    );
    let delta = diff_maps(
        &cur,
        &modi,
        ctx,
        DiffOptions {
            ignore_deletions: true,
            set_element_order: true,
            ..Default::default()
        },
    )?;
    let deletions = diff_maps(
        &orig,
        &modi,
        ctx,
        DiffOptions {
            ignore_changes_and_additions: true,
            set_element_order: true,
            ..Default::default()
        },
    )?;
    merge_map(deletions, delta, ctx, MergeOptions::default()).map(Value::Object)
}

/// True for a patch that changes nothing (`{}`); kubectl then prints `unchanged`.
pub fn is_empty_patch(patch: &Value) -> bool {
    patch.as_object().is_some_and(Map::is_empty)
}
