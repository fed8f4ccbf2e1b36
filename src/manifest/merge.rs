//! Merge keys (`<<`), as go-yaml v2 applies them while decoding a mapping.

use super::decode::{DecodeError, Decoder};
use super::libyaml::Mark;
use super::paths::PosNode;
use super::resolve::MERGE_TAG;
use super::tree::{Node, NodeKind};
use serde_json::{Map, Value};

impl Decoder<'_> {
    pub(super) fn is_merge_key(&self, index: usize) -> bool {
        match self.nodes.get(index) {
            Some(Node {
                kind: NodeKind::Scalar {
                    value, implicit, ..
                },
                tag,
                ..
            }) => value == "<<" && (*implicit || tag.as_deref() == Some(MERGE_TAG)),
            _ => false,
        }
    }

    /// Applies a `<<` value to `map`.
    pub(super) fn merge(
        &mut self,
        index: usize,
        depth: usize,
        map: &mut Map<String, Value>,
        entries: &mut Vec<(String, PosNode)>,
    ) -> Result<(), DecodeError> {
        let node = self.get(index)?;
        let at = node.start;
        let want_map = || {
            DecodeError::Yaml(
                "map merge requires map or sequence of maps as the value".into(),
                at,
            )
        };
        let mut targets = Vec::new();
        match &node.kind {
            NodeKind::Map(_) | NodeKind::Alias { .. } => targets.push(index),
            NodeKind::Seq(items) => targets.extend(items.iter().rev().copied()),
            NodeKind::Scalar { .. } => return Err(want_map()),
        }
        for target in targets {
            match &self.get(target)?.kind {
                NodeKind::Map(_) => self.merge_one(target, depth, map, entries, None)?,
                NodeKind::Alias { target: t, name } => {
                    let (t, name, alias_at) = (*t, name.clone(), self.get(target)?.start);
                    if !matches!(self.get(t)?.kind, NodeKind::Map(_)) {
                        return Err(want_map());
                    }
                    if self.expanding.contains(&target) {
                        return Err(DecodeError::Yaml(
                            format!("anchor '{name}' value contains itself"),
                            alias_at,
                        ));
                    }
                    self.count(alias_at)?;
                    self.expanding.push(target);
                    self.alias_depth += 1;
                    let r = self.merge_one(t, depth, map, entries, Some(alias_at));
                    self.alias_depth -= 1;
                    self.expanding.pop();
                    r?;
                }
                _ => return Err(want_map()),
            }
        }
        Ok(())
    }

    /// Merges one mapping into `map`; keys that come through an alias point at the alias.
    fn merge_one(
        &mut self,
        index: usize,
        depth: usize,
        map: &mut Map<String, Value>,
        entries: &mut Vec<(String, PosNode)>,
        via_alias: Option<Mark>,
    ) -> Result<(), DecodeError> {
        self.count(self.get(index)?.start)?;
        let mut merged = Map::new();
        let mut merged_entries = Vec::new();
        self.mapping_into(index, depth + 1, &mut merged, &mut merged_entries)?;
        // Positions are kept only when the mapping being merged into lies in the text itself.
        let outer_depth = self.alias_depth - usize::from(via_alias.is_some());
        for (key, value) in merged {
            if outer_depth == 0 {
                let pos = match via_alias {
                    Some(at) => {
                        let mut pos = PosNode::leaf(at, at);
                        pos.key = Some((at, at));
                        Some(pos)
                    }
                    None => merged_entries
                        .iter()
                        .position(|(k, _)| *k == key)
                        .map(|i| merged_entries.swap_remove(i).1),
                };
                entries.retain(|(e, _)| *e != key);
                if let Some(pos) = pos {
                    entries.push((key.clone(), pos));
                }
            }
            map.insert(key, value);
        }
        Ok(())
    }
}
