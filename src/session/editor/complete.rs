//! Completion of keys and enumerated values at the caret, from the field table behind `schema`.

use super::context::{kind_at, parents, shape};
use super::schema::{self, Field};

/// One suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// What the list shows.
    pub label: String,
    /// What replaces the typed word.
    pub insert: String,
    /// The field's explanation (the first sentence of its description).
    pub detail: &'static str,
}

/// Suggestions and the byte range of the text they replace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Suggestions, best first.
    pub items: Vec<Item>,
    /// Start of the typed word (byte offset in the text).
    pub from: usize,
    /// The caret (byte offset in the text).
    pub to: usize,
}

/// Suggestions at byte offset `caret`; `forced` (Ctrl+Space) also offers them before anything
/// is typed.
pub fn complete(text: &str, caret: usize, forced: bool) -> Option<Completion> {
    let before = text.get(..caret)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_prefix = before.get(line_start..)?;
    let lines: Vec<&str> = text.split('\n').collect();
    let line_index = before.matches('\n').count();
    let word_len = line_prefix.len()
        - line_prefix
            .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '/' || c == '.')
            .len();
    let word = line_prefix.get(line_prefix.len() - word_len..)?;
    if word.is_empty() && !forced {
        return None;
    }
    let head = line_prefix.get(..line_prefix.len() - word_len)?;
    let kind = kind_at(&lines, line_index);
    let from = caret - word_len;
    let head_shape = shape(head);
    let typing_key =
        head.trim().is_empty() || (head.trim_end().ends_with('-') && head_shape.key.is_none());
    let items = if typing_key {
        // Typing a key, or a list item's value.
        let indent = head.len();
        let path = parents(&lines, line_index, indent);
        let is_item = head.trim_end().ends_with('-');
        let parent_values = schema::lookup(&kind, &path).map_or(&[][..], |f| f.values);
        if is_item && !parent_values.is_empty() {
            values(parent_values, word, "")
        } else {
            keys(&schema::children(&kind, &path), word, indent)
        }
    } else if let Some(key) = head_shape.key.filter(|_| head_shape.value.is_empty()) {
        // Typing the value after `key:`.
        let mut path = parents(&lines, line_index, head_shape.indent);
        path.push(key.to_string());
        let field = schema::lookup(&kind, &path)?;
        let detail = field.short;
        values(field.values, word, detail)
    } else {
        Vec::new()
    };
    if items.is_empty() || (items.len() == 1 && items.first().is_some_and(|i| i.label == word)) {
        return None;
    }
    Some(Completion {
        items,
        from,
        to: caret,
    })
}

fn matches(candidate: &str, word: &str) -> bool {
    candidate
        .to_ascii_lowercase()
        .starts_with(&word.to_ascii_lowercase())
}

fn keys(fields: &[Field], word: &str, indent: usize) -> Vec<Item> {
    fields
        .iter()
        .filter(|f| matches(f.key, word))
        .map(|f| Item {
            label: f.key.to_string(),
            insert: if !f.has_children {
                format!("{}: ", f.key)
            } else {
                format!("{}:\n{}", f.key, " ".repeat(indent + 2))
            },
            detail: f.short,
        })
        .collect()
}

fn values(values: &'static [&'static str], word: &str, detail: &'static str) -> Vec<Item> {
    values
        .iter()
        .filter(|v| matches(v, word))
        .map(|v| Item {
            label: v.to_string(),
            insert: v.to_string(),
            detail,
        })
        .collect()
}
