//! From a node tree to JSON, the way kubectl turns YAML into the JSON it sends.
//!
//! This follows go-yaml v2's decoder into `interface{}` and then sigs.k8s.io/yaml's conversion:
//! - aliases are expanded (go-yaml's "excessive aliasing" guard applies, plus a hard cap);
//! - `<<` merges a mapping, an alias of one, or a list of them; keys merged in are overridden
//!   by keys written after the `<<` and override keys written before it; in a list of
//!   mappings the first one wins;
//! - duplicate keys are accepted and the last one wins (kubectl does not complain; the editor
//!   gets a warning);
//! - non-string keys become strings (`1` → "1", `true` → "true", floats in Go's 32-bit `%g`);
//!   a null key or a list/map key is an error;
//! - `.nan` and `.inf` are errors, since JSON cannot carry them;
//! - a float with no fraction is stored as an integer, as Go's JSON encoder prints it.

use super::libyaml::Mark;
use super::paths::{Children, PosNode};
use super::resolve::{self, BINARY_TAG, Scalar};
use super::tree::{MAX_DEPTH, Node, NodeKind, Tree};
use crate::gofmt::float::format_g32;
use crate::gofmt::value::{YAML_MAP, sharp_v};
use serde_json::{Map, Number, Value};

/// A cap on alias-expanded nodes, below what go-yaml would allow, to keep the page responsive.
const MAX_ALIAS_NODES: usize = 200_000;

/// Why a document has no value; each kind is worded differently by kubectl.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum DecodeError {
    /// A go-yaml failure (printed after `yaml: `).
    Yaml(String, Mark),
    /// A sigs.k8s.io/yaml conversion failure (printed as is).
    Convert(String, Mark),
}

/// The result of decoding one document.
pub(crate) struct Decoded {
    pub value: Result<Value, DecodeError>,
    pub positions: Option<PosNode>,
    /// Keys written twice in the text: the key and the span of its later occurrence.
    pub duplicates: Vec<(String, Mark, Mark)>,
}

pub(super) struct Decoder<'t> {
    pub(super) nodes: &'t [Node],
    decode_count: usize,
    alias_count: usize,
    pub(super) alias_depth: usize,
    pub(super) expanding: Vec<usize>,
    convert_error: Option<DecodeError>,
    duplicates: Vec<(String, Mark, Mark)>,
}

type Out = Result<(Value, PosNode), DecodeError>;

/// Decodes the tree's root.
pub(crate) fn decode(tree: &Tree) -> Decoded {
    let mut d = Decoder {
        nodes: &tree.nodes,
        decode_count: 0,
        alias_count: 0,
        alias_depth: 0,
        expanding: Vec::new(),
        convert_error: None,
        duplicates: Vec::new(),
    };
    match d.node(tree.root, 0) {
        Ok((value, pos)) => Decoded {
            value: match d.convert_error {
                Some(e) => Err(e),
                None => Ok(value),
            },
            positions: Some(pos),
            duplicates: d.duplicates,
        },
        Err(e) => Decoded {
            value: Err(e),
            positions: None,
            duplicates: Vec::new(),
        },
    }
}

impl<'t> Decoder<'t> {
    pub(super) fn get(&self, index: usize) -> Result<&'t Node, DecodeError> {
        let nodes: &'t [Node] = self.nodes;
        nodes.get(index).ok_or_else(|| {
            DecodeError::Yaml("internal error: missing node".into(), Mark::default())
        })
    }

    /// Counts one decode step and applies go-yaml's aliasing guard.
    pub(super) fn count(&mut self, at: Mark) -> Result<(), DecodeError> {
        self.decode_count += 1;
        if self.alias_depth > 0 {
            self.alias_count += 1;
        }
        let ratio = self.alias_count as f64 / self.decode_count as f64;
        let too_many = self.alias_count > 100
            && self.decode_count > 1000
            && ratio > allowed_alias_ratio(self.decode_count);
        if too_many || self.alias_count > MAX_ALIAS_NODES {
            return Err(DecodeError::Yaml(
                "document contains excessive aliasing".into(),
                at,
            ));
        }
        Ok(())
    }

    fn node(&mut self, index: usize, depth: usize) -> Out {
        let node = self.get(index)?;
        let (start, end) = (node.start, node.end);
        self.count(start)?;
        if depth > MAX_DEPTH {
            let msg = format!("exceeded max depth of {MAX_DEPTH}");
            return Err(DecodeError::Yaml(msg, start));
        }
        match &node.kind {
            NodeKind::Scalar { .. } => {
                let value = self.scalar(index)?;
                Ok((value, PosNode::leaf(start, end)))
            }
            NodeKind::Alias { name, target } => {
                let (name, target) = (name.clone(), *target);
                if self.expanding.contains(&index) {
                    return Err(DecodeError::Yaml(
                        format!("anchor '{name}' value contains itself"),
                        start,
                    ));
                }
                self.expanding.push(index);
                self.alias_depth += 1;
                let result = self.node(target, depth + 1);
                self.alias_depth -= 1;
                self.expanding.pop();
                // Positions inside an alias are not tracked; errors point at the alias.
                result.map(|(value, _)| (value, PosNode::leaf(start, end)))
            }
            NodeKind::Seq(items) => {
                let mut values = Vec::with_capacity(items.len());
                let mut positions = Vec::new();
                for &item in items {
                    let (value, pos) = self.node(item, depth + 1)?;
                    values.push(value);
                    if self.alias_depth == 0 {
                        positions.push(pos);
                    }
                }
                let mut pos = PosNode::leaf(start, end);
                pos.children = Children::Seq(positions);
                Ok((Value::Array(values), pos))
            }
            NodeKind::Map(_) => {
                let mut map = Map::new();
                let mut entries = Vec::new();
                self.mapping_into(index, depth, &mut map, &mut entries)?;
                let mut pos = PosNode::leaf(start, end);
                pos.children = Children::Map(entries);
                Ok((Value::Object(map), pos))
            }
        }
    }

    /// Decodes the pairs of mapping `index` into `map`, later keys replacing earlier ones.
    pub(super) fn mapping_into(
        &mut self,
        index: usize,
        depth: usize,
        map: &mut Map<String, Value>,
        entries: &mut Vec<(String, PosNode)>,
    ) -> Result<(), DecodeError> {
        let NodeKind::Map(pairs) = &self.get(index)?.kind else {
            return Ok(());
        };
        let mut written: Vec<String> = Vec::new();
        for &(k, v) in pairs {
            if self.is_merge_key(k) {
                self.count(self.get(k)?.start)?;
                self.merge(v, depth, map, entries)?;
                continue;
            }
            let key = self.key(k, depth)?;
            let (value, mut pos) = self.node(v, depth + 1)?;
            let key_node = self.get(k)?;
            let key_span = (key_node.start, key_node.end);
            let key = match key {
                Ok(key) => key,
                Err((ty, shown)) => {
                    if self.convert_error.is_none() {
                        let value = sharp_v(&value, YAML_MAP);
                        let msg = format!(
                            "unsupported map key of type: {ty}, key: {shown}, value: {value}"
                        );
                        self.convert_error = Some(DecodeError::Convert(msg, key_span.0));
                    }
                    continue;
                }
            };
            if self.alias_depth == 0 {
                if written.contains(&key) {
                    self.duplicates.push((key.clone(), key_span.0, key_span.1));
                }
                written.push(key.clone());
                entries.retain(|(e, _)| *e != key);
                pos.key = Some(key_span);
                entries.push((key.clone(), pos));
            }
            map.insert(key, value);
        }
        Ok(())
    }

    /// Decodes a mapping key to the string JSON will use, or to the Go type name and `%#v`
    /// text that sigs.k8s.io/yaml prints when it cannot.
    fn key(
        &mut self,
        index: usize,
        depth: usize,
    ) -> Result<Result<String, (&'static str, String)>, DecodeError> {
        let mut target = index;
        while let NodeKind::Alias { target: t, .. } = &self.get(target)?.kind {
            target = *t;
        }
        let at = self.get(index)?.start;
        if matches!(self.get(target)?.kind, NodeKind::Scalar { .. }) {
            self.count(at)?;
            return Ok(key_string(self.scalar_value(target)?));
        }
        let (value, _) = self.node(index, depth + 1)?;
        Err(DecodeError::Yaml(
            format!("invalid map key: {}", sharp_v(&value, YAML_MAP)),
            at,
        ))
    }

    fn scalar(&mut self, index: usize) -> Result<Value, DecodeError> {
        let at = self.get(index)?.start;
        Ok(match self.scalar_value(index)? {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Int(i) => Value::from(i),
            Scalar::Uint(u) => Value::from(u),
            Scalar::Float(f) => self.float(f, at),
            Scalar::Str(s) | Scalar::Timestamp(s) => Value::String(s),
            Scalar::Merge => Value::String("<<".to_string()),
        })
    }

    fn scalar_value(&self, index: usize) -> Result<Scalar, DecodeError> {
        let node = self.get(index)?;
        let NodeKind::Scalar {
            value, implicit, ..
        } = &node.kind
        else {
            return Ok(Scalar::Null);
        };
        match node.tag.as_deref() {
            None if *implicit => Ok(resolve::resolve_plain(value)),
            None => Ok(Scalar::Str(value.clone())),
            Some(BINARY_TAG) => match base64_decode(value) {
                Some(bytes) => Ok(Scalar::Str(String::from_utf8_lossy(&bytes).into_owned())),
                None => Err(DecodeError::Yaml(
                    "!!binary value contains invalid base64 data".into(),
                    node.start,
                )),
            },
            Some(tag) => {
                resolve::resolve_tagged(tag, value).map_err(|m| DecodeError::Yaml(m, node.start))
            }
        }
    }

    /// JSON cannot hold NaN or infinities; integral floats become integers.
    fn float(&mut self, f: f64, at: Mark) -> Value {
        if !f.is_finite() {
            if self.convert_error.is_none() {
                let shown = if f.is_nan() {
                    "NaN"
                } else if f > 0.0 {
                    "+Inf"
                } else {
                    "-Inf"
                };
                let msg = format!("json: unsupported value: {shown}");
                self.convert_error = Some(DecodeError::Convert(msg, at));
            }
            return Value::Null;
        }
        const TWO_63: f64 = 9_223_372_036_854_775_808.0;
        if f.fract() == 0.0 {
            if (-TWO_63..TWO_63).contains(&f) {
                return Value::from(f as i64);
            }
            if (0.0..2.0 * TWO_63).contains(&f) {
                return Value::from(f as u64);
            }
        }
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

/// sigs.k8s.io/yaml's key conversion.
fn key_string(value: Scalar) -> Result<String, (&'static str, String)> {
    match value {
        Scalar::Str(s) | Scalar::Timestamp(s) => Ok(s),
        Scalar::Merge => Ok("<<".to_string()),
        Scalar::Int(i) => Ok(i.to_string()),
        Scalar::Bool(b) => Ok(b.to_string()),
        Scalar::Float(f) => Ok(match format_g32(f).as_str() {
            "+Inf" => ".inf".to_string(),
            "-Inf" => "-.inf".to_string(),
            "NaN" => ".nan".to_string(),
            s => s.to_string(),
        }),
        Scalar::Uint(u) => Err(("uint64", format!("{u:#x}"))),
        Scalar::Null => Err(("%!s(<nil>)", "<nil>".to_string())),
    }
}

/// go-yaml's scaling limit on the share of nodes that come from aliases.
fn allowed_alias_ratio(decode_count: usize) -> f64 {
    const LOW: f64 = 400_000.0;
    const HIGH: f64 = 4_000_000.0;
    let n = decode_count as f64;
    if n <= LOW {
        0.99
    } else if n >= HIGH {
        0.10
    } else {
        0.99 - 0.89 * ((n - LOW) / (HIGH - LOW))
    }
}

/// Go's `base64.StdEncoding.DecodeString`, which skips line breaks and needs full padding.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = s.bytes().filter(|b| !matches!(b, b'\n' | b'\r')).collect();
    if !clean.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for (n, quad) in clean.chunks(4).enumerate() {
        let last = n + 1 == clean.len() / 4;
        let mut acc = 0u32;
        let mut pad = 0;
        for &c in quad {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                b'=' if last => {
                    pad += 1;
                    0
                }
                _ => return None,
            };
            if pad > 0 && c != b'=' {
                return None;
            }
            acc = (acc << 6) | u32::from(v);
        }
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(bytes.get(1..4 - pad)?);
    }
    Some(out)
}
