//! `kubectl get --sort-by=<jsonpath>`: the order kubectl's table sorter gives rows.
//!
//! Integers and floats compare numerically, strings that both parse as quantities compare by
//! value (`500m` < `2`), other strings lexically (RFC 3339 timestamps are thus chronological).
//! Objects without the field come first.

use super::jsonpath::{JsonPath, relaxed_jsonpath_expression};
use super::table::Table;
use crate::gofmt::quantity::parse_quantity;
use serde_json::Value;
use std::cmp::Ordering;

/// Go's `isLess` for two decoded values found by the sort expression.
fn is_less(a: &Value, b: &Value) -> Result<bool, String> {
    match (a, b) {
        (Value::Null, Value::Null) => Ok(false),
        (Value::Null, _) => Ok(true),
        (_, Value::Null) => Ok(false),
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.is_f64(), y.is_f64()) {
                (Some(x), Some(y), _, _) => Ok(x < y),
                (_, _, true, true) => Ok(x.as_f64().unwrap_or(0.0) < y.as_f64().unwrap_or(0.0)),
                _ => Err("unsortable interface: interface".to_string()),
            }
        }
        (Value::String(x), Value::String(y)) => match (parse_quantity(x), parse_quantity(y)) {
            (Ok(qx), Ok(qy)) => Ok(qx.cmp_value(&qy) == Ordering::Less),
            _ => Ok(x < y),
        },
        (Value::Number(_) | Value::String(_), _) => {
            Err("unsortable interface: interface".to_string())
        }
        (Value::Bool(_), _) => Err("unsortable type: bool".to_string()),
        (Value::Array(_), _) => Err("unsortable type: []interface {}".to_string()),
        (Value::Object(_), _) => Err("unsortable type: map[string]interface {}".to_string()),
    }
}

/// The first value the expression finds in each object (`None` when absent).
fn sort_keys(objects: &[Value], sort_by: &str) -> Result<Vec<Option<Value>>, String> {
    let field = relaxed_jsonpath_expression(sort_by).unwrap_or_else(|_| sort_by.to_string());
    let parser = JsonPath::parse(&field)
        .map_err(|e| format!("sorting error: {e}"))?
        .allow_missing_keys(true);
    let mut keys = Vec::with_capacity(objects.len());
    for obj in objects {
        let lists = parser
            .find_results(obj)
            .map_err(|e| format!("Failed to get values for {obj} using {field} ({e})"))?;
        keys.push(lists.into_iter().next().and_then(|l| l.into_iter().next()));
    }
    if !objects.is_empty() && keys.iter().all(Option::is_none) {
        return Err(format!(
            "couldn't find any field with path {} in the list of objects",
            crate::gofmt::quote::quote(&field)
        ));
    }
    Ok(keys)
}

fn compare(a: Option<&Value>, b: Option<&Value>, field: &str) -> Result<Ordering, String> {
    let unsortable = |e: String| {
        format!(
            "Field {field} in *unstructured.Unstructured is an unsortable type: interface, err: {e}"
        )
    };
    match (a, b) {
        (None, None) => Ok(Ordering::Equal),
        (None, Some(_)) => Ok(Ordering::Less),
        (Some(_), None) => Ok(Ordering::Greater),
        (Some(x), Some(y)) => {
            if is_less(x, y).map_err(unsortable)? {
                Ok(Ordering::Less)
            } else if is_less(y, x).map_err(unsortable)? {
                Ok(Ordering::Greater)
            } else {
                Ok(Ordering::Equal)
            }
        }
    }
}

/// A stable merge sort that tolerates comparison results that are not a total order.
fn merge_sort(
    idx: &mut Vec<usize>,
    cmp: &mut dyn FnMut(usize, usize) -> Result<Ordering, String>,
) -> Result<(), String> {
    if idx.len() <= 1 {
        return Ok(());
    }
    let mut right = idx.split_off(idx.len() / 2);
    merge_sort(idx, cmp)?;
    merge_sort(&mut right, cmp)?;
    let left = std::mem::take(idx);
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(&a), Some(&b)) = (l.peek(), r.peek()) {
        if cmp(b, a)? == Ordering::Less {
            idx.push(b);
            r.next();
        } else {
            idx.push(a);
            l.next();
        }
    }
    idx.extend(l);
    idx.extend(r);
    Ok(())
}

/// The order (indices into `objects`) in which `--sort-by=<expr>` prints them.
pub fn sort_order(objects: &[Value], sort_by: &str) -> Result<Vec<usize>, String> {
    let keys = sort_keys(objects, sort_by)?;
    let field = relaxed_jsonpath_expression(sort_by).unwrap_or_else(|_| sort_by.to_string());
    let mut idx: Vec<usize> = (0..objects.len()).collect();
    merge_sort(&mut idx, &mut |a, b| {
        compare(
            keys.get(a).and_then(Option::as_ref),
            keys.get(b).and_then(Option::as_ref),
            &field,
        )
    })?;
    Ok(idx)
}

/// Reorders a table's rows by `--sort-by`; `objects` are the rows' objects in row order.
pub fn sort_table(table: &mut Table, objects: &[Value], sort_by: &str) -> Result<(), String> {
    let order = sort_order(objects, sort_by)?;
    let rows = std::mem::take(&mut table.rows);
    let mut slots: Vec<Option<_>> = rows.into_iter().map(Some).collect();
    let mut sorted: Vec<_> = order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect();
    // Rows without a matching object keep their relative order at the end.
    sorted.extend(slots.into_iter().flatten());
    table.rows = sorted;
    Ok(())
}
