//! Evaluation of parsed JSONPath templates over decoded JSON, following client-go's `walk`,
//! including its range/end bookkeeping and the partial results some errors carry.

use super::compare::{equal, less, less_equal};
use super::parser::{Node, Param};
use crate::gofmt::value::sprint as go_sprint;
use serde_json::Value;
use std::borrow::Cow;

/// A value found by the evaluator: borrowed from the input or made by the template.
pub type Item<'a> = Cow<'a, Value>;

/// An evaluation error with the values Go returns alongside it.
pub struct Failure<'a> {
    /// Values returned together with the error (the `exists` filter looks at them).
    pub partial: Vec<Item<'a>>,
    /// The error text.
    pub msg: String,
}

type Res<'a> = Result<Vec<Item<'a>>, Failure<'a>>;

fn fail<'a>(partial: Vec<Item<'a>>, msg: impl Into<String>) -> Failure<'a> {
    Failure {
        partial,
        msg: msg.into(),
    }
}

/// Evaluation state for one execution (range nesting counters).
pub struct Evaluator<'n> {
    nodes: &'n [Node],
    allow_missing_keys: bool,
    begin_range: usize,
    in_range: usize,
    end_range: usize,
    last_end_node: Option<usize>,
}

/// A child of a value, borrowed when the parent is borrowed.
fn child<'a>(parent: &Item<'a>, pick: impl Fn(&Value) -> Option<&Value>) -> Option<Item<'a>> {
    match parent {
        Cow::Borrowed(p) => pick(p).map(Cow::Borrowed),
        Cow::Owned(p) => pick(p).cloned().map(Cow::Owned),
    }
}

/// All children of a map, array or string (strings yield their bytes, as Go's reflection does).
fn children<'a>(v: &Item<'a>) -> Vec<Item<'a>> {
    let len = match v.as_ref() {
        Value::Object(m) => m.len(),
        Value::Array(a) => a.len(),
        Value::String(s) => {
            return s.bytes().map(|b| Cow::Owned(Value::from(b))).collect();
        }
        _ => 0,
    };
    match v {
        Cow::Borrowed(Value::Object(m)) => m.values().map(Cow::Borrowed).collect(),
        Cow::Borrowed(Value::Array(a)) => a.iter().map(Cow::Borrowed).collect(),
        _ => (0..len)
            .filter_map(|i| {
                child(v, |p| match p {
                    Value::Object(m) => m.values().nth(i),
                    Value::Array(a) => a.get(i),
                    _ => None,
                })
            })
            .collect(),
    }
}

/// Go's type name of a decoded value, as error messages print it.
fn go_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

impl<'n> Evaluator<'n> {
    /// An evaluator over a parsed template.
    pub fn new(nodes: &'n [Node], allow_missing_keys: bool) -> Self {
        Evaluator {
            nodes,
            allow_missing_keys,
            begin_range: 0,
            in_range: 0,
            end_range: 0,
            last_end_node: None,
        }
    }

    /// Go's `FindResults`: one result list per top-level node, ranges expanded.
    pub fn find_results<'a>(
        &mut self,
        data: Item<'a>,
        start: usize,
    ) -> Result<Vec<Vec<Item<'a>>>, String> {
        let nodes = self.nodes;
        let mut full = Vec::new();
        let mut i = start;
        while let Some(node) = nodes.get(i) {
            let results = self.walk(vec![data.clone()], node).map_err(|f| f.msg)?;
            if self.end_range > 0 && self.end_range <= self.in_range {
                self.end_range -= 1;
                self.last_end_node = Some(i);
                break;
            }
            if self.begin_range > 0 {
                self.begin_range -= 1;
                self.in_range += 1;
                if results.is_empty() {
                    // The range body still runs once so that its `end` is found.
                    self.find_results(Cow::Owned(Value::Null), i + 1)?;
                }
                for value in results {
                    match value {
                        Cow::Borrowed(v) => {
                            full.extend(self.find_results(Cow::Borrowed(v), i + 1)?)
                        }
                        Cow::Owned(v) => {
                            let nested = self.find_results(Cow::Borrowed(&v), i + 1)?;
                            full.extend(nested.into_iter().map(|list| {
                                list.into_iter()
                                    .map(|c| Cow::Owned(c.into_owned()))
                                    .collect()
                            }));
                        }
                    }
                }
                self.in_range -= 1;
                if let Some(end) = self.last_end_node.filter(|e| *e > i) {
                    i = end;
                }
                i += 1;
                continue;
            }
            full.push(results);
            i += 1;
        }
        Ok(full)
    }

    fn walk<'a>(&mut self, input: Vec<Item<'a>>, node: &Node) -> Res<'a> {
        match node {
            Node::List(nodes) => self.eval_list(input, nodes),
            Node::Text(t) => Ok(vec![Cow::Owned(Value::String(t.clone()))]),
            Node::Field(name) => self.eval_field(input, name),
            Node::Array(params) => eval_array(input, params),
            Node::Filter { left, right, op } => self.eval_filter(input, left, right, op),
            Node::Int(i) => Ok(input.iter().map(|_| Cow::Owned(Value::from(*i))).collect()),
            Node::Float(f) => Ok(input.iter().map(|_| Cow::Owned(Value::from(*f))).collect()),
            Node::Bool(b) => Ok(input.iter().map(|_| Cow::Owned(Value::Bool(*b))).collect()),
            Node::Wildcard => Ok(input
                .iter()
                .filter(|v| !v.is_null())
                .flat_map(children)
                .collect()),
            Node::Recursive => Ok(eval_recursive(&input)),
            Node::Union(lists) => {
                let mut out = Vec::new();
                for list in lists {
                    match self.eval_list(input.clone(), list) {
                        Ok(v) => out.extend(v),
                        Err(f) => return Err(fail(input, f.msg)),
                    }
                }
                Ok(out)
            }
            Node::Identifier(name) => match name.as_str() {
                "range" => {
                    self.begin_range += 1;
                    Ok(input)
                }
                "end" if self.in_range > 0 => {
                    self.end_range += 1;
                    Ok(Vec::new())
                }
                "end" => Err(fail(Vec::new(), "not in range, nothing to end")),
                other => Err(fail(input, format!("unrecognized identifier {other}"))),
            },
        }
    }

    fn eval_list<'a>(&mut self, input: Vec<Item<'a>>, nodes: &[Node]) -> Res<'a> {
        let mut cur = input;
        for node in nodes {
            cur = self.walk(cur, node)?;
        }
        Ok(cur)
    }

    fn eval_field<'a>(&mut self, input: Vec<Item<'a>>, name: &str) -> Res<'a> {
        if input.is_empty() {
            return Ok(input);
        }
        let results: Vec<Item<'a>> = input
            .iter()
            .filter_map(|v| child(v, |p| p.as_object().and_then(|m| m.get(name))))
            .collect();
        if results.is_empty() && !self.allow_missing_keys {
            return Err(fail(results, format!("{name} is not found")));
        }
        Ok(results)
    }

    fn eval_filter<'a>(
        &mut self,
        input: Vec<Item<'a>>,
        left: &[Node],
        right: &[Node],
        op: &str,
    ) -> Res<'a> {
        let mut results = Vec::new();
        for value in &input {
            if !value.is_array() {
                let msg = format!(
                    "{} is not array or slice and cannot be filtered",
                    go_sprint(value)
                );
                return Err(fail(input.clone(), msg));
            }
            for elem in children(value) {
                let lefts = self.eval_list(vec![elem.clone()], left);
                if op == "exists" {
                    let found = match &lefts {
                        Ok(v) => !v.is_empty(),
                        Err(f) => !f.partial.is_empty(),
                    };
                    if found {
                        results.push(elem);
                    }
                    continue;
                }
                let lefts = lefts.map_err(|f| fail(input.clone(), f.msg))?;
                let Some(l) = single(&lefts).map_err(|m| fail(input.clone(), m))? else {
                    continue;
                };
                let rights = self
                    .eval_list(vec![elem.clone()], right)
                    .map_err(|f| fail(input.clone(), f.msg))?;
                let Some(r) = single(&rights).map_err(|m| fail(input.clone(), m))? else {
                    continue;
                };
                let pass = match op {
                    "<" => less(l, r),
                    ">" => less_equal(l, r).map(|le| !le),
                    "==" => equal(l, r),
                    "!=" => equal(l, r).map(|e| !e),
                    "<=" => less_equal(l, r),
                    ">=" => less(l, r).map(|lt| !lt),
                    other => Err(format!("unrecognized filter operator {other}")),
                };
                match pass {
                    Ok(true) => results.push(elem),
                    Ok(false) => {}
                    Err(m) => return Err(fail(results, m)),
                }
            }
        }
        Ok(results)
    }
}

/// The one operand of a comparison; none skips the element, several is an error.
fn single<'b>(items: &'b [Item<'_>]) -> Result<Option<&'b Value>, String> {
    match items {
        [] => Ok(None),
        [one] => Ok(Some(one.as_ref())),
        _ => Err("can only compare one element at a time".to_string()),
    }
}

fn eval_array<'a>(input: Vec<Item<'a>>, params: &[Param; 3]) -> Res<'a> {
    let mut result = Vec::new();
    for value in &input {
        if value.is_null() {
            continue;
        }
        let Some(arr) = value.as_array() else {
            let msg = format!("{} is not array or slice", go_type_name(value));
            return Err(fail(input.clone(), msg));
        };
        let len = i64::try_from(arr.len()).unwrap_or(i64::MAX);
        let [mut p0, mut p1, p2] = *params;
        if !p0.known {
            p0.value = 0;
        }
        if p0.value < 0 {
            p0.value = p0.value.wrapping_add(len);
        }
        if !p1.known {
            p1.value = len;
        }
        if p1.value < 0 || (p1.value == 0 && p1.derived) {
            p1.value = p1.value.wrapping_add(len);
        }
        if p1.value == p0.value {
            // An empty selection ends the evaluation with what was found so far.
            return Ok(result);
        }
        if p0.value >= len || p0.value < 0 {
            let msg = format!(
                "array index out of bounds: index {}, length {len}",
                p0.value
            );
            return Err(fail(input.clone(), msg));
        }
        if p1.value > len || p1.value < 0 {
            let msg = format!(
                "array index out of bounds: index {}, length {len}",
                p1.value.wrapping_sub(1)
            );
            return Err(fail(input.clone(), msg));
        }
        if p0.value > p1.value {
            let msg = format!(
                "starting index {} is greater than ending index {}",
                p0.value, p1.value
            );
            return Err(fail(input.clone(), msg));
        }
        let step = if p2.known {
            if p2.value <= 0 {
                return Err(fail(input.clone(), "step must be > 0"));
            }
            usize::try_from(p2.value).unwrap_or(1)
        } else {
            1
        };
        let start = usize::try_from(p0.value).unwrap_or(0);
        let end = usize::try_from(p1.value).unwrap_or(0);
        for i in (start..end).step_by(step) {
            if let Some(item) = child(value, |p| p.as_array().and_then(|a| a.get(i))) {
                result.push(item);
            }
        }
    }
    Ok(result)
}

/// `..`: every container (and non-empty string) below and including each input.
fn eval_recursive<'a>(input: &[Item<'a>]) -> Vec<Item<'a>> {
    let mut result = Vec::new();
    for value in input {
        if value.is_null() {
            continue;
        }
        let kids = children(value);
        if !kids.is_empty() {
            result.push(value.clone());
            result.extend(eval_recursive(&kids));
        }
    }
    result
}
