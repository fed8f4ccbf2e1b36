//! Where the caret is in YAML terms: the document's kind, the keys of the enclosing mappings,
//! and what is being typed on the current line. Indentation-based, which is how people write
//! Kubernetes manifests; it does not need the text to parse.

/// One line, as far as structure goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineShape<'a> {
    /// Column of the first `- ` of a list item, if the line starts one.
    pub dash: Option<usize>,
    /// Column where the key (or the item's content) starts.
    pub indent: usize,
    /// The key, if the line is `key:` or `key: value`.
    pub key: Option<&'a str>,
    /// The text after `key:` (trimmed), or the whole content when there is no key.
    pub value: &'a str,
}

/// Whether a line holds nothing (blank or a comment).
pub fn is_blank(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// Whether a line separates documents.
pub fn is_separator(line: &str) -> bool {
    line.starts_with("---")
}

/// Splits a line into its structural parts.
pub fn shape(line: &str) -> LineShape<'_> {
    let mut indent = line.len() - line.trim_start_matches(' ').len();
    let mut dash = None;
    let mut rest = line.get(indent..).unwrap_or("");
    while let Some(after) = rest
        .strip_prefix("- ")
        .or(if rest == "-" { Some("") } else { None })
    {
        dash.get_or_insert(indent);
        let inner = after.len() - after.trim_start_matches(' ').len();
        indent += 2 + inner.min(after.len());
        rest = after.trim_start_matches(' ');
    }
    let key_end = key_end(rest);
    match key_end {
        Some(end) => LineShape {
            dash,
            indent,
            key: rest.get(..end).map(|k| k.trim_matches(['"', '\''])),
            value: rest.get(end + 1..).unwrap_or("").trim(),
        },
        None => LineShape {
            dash,
            indent,
            key: None,
            value: rest.trim(),
        },
    }
}

/// The byte index of the `:` that ends a mapping key at the start of `text`, if any.
pub fn key_end(text: &str) -> Option<usize> {
    if text.starts_with(['#', '[', '{', '|', '>']) {
        return None;
    }
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if i == 0 => quote = Some(c),
            (None, '#') if i > 0 && text.get(i - 1..i) == Some(" ") => return None,
            (None, ':') => {
                let next = text.get(i + 1..).and_then(|t| t.chars().next());
                if next.is_none_or(char::is_whitespace) {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The kind named by the document containing line `at`.
pub fn kind_at(lines: &[&str], at: usize) -> String {
    let (start, end) = document_bounds(lines, at);
    lines
        .get(start..end)
        .unwrap_or(&[])
        .iter()
        .filter_map(|l| l.strip_prefix("kind:"))
        .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
        .next()
        .unwrap_or_default()
}

/// The first and one-past-last line of the document containing line `at`.
pub fn document_bounds(lines: &[&str], at: usize) -> (usize, usize) {
    let start = lines
        .get(..at.min(lines.len()))
        .unwrap_or(&[])
        .iter()
        .rposition(|l| is_separator(l))
        .map_or(0, |i| i + 1);
    let end = lines
        .iter()
        .enumerate()
        .skip(at + 1)
        .find(|(_, l)| is_separator(l))
        .map_or(lines.len(), |(i, _)| i);
    (start, end)
}

/// The keys of the mappings enclosing a line whose content starts at `indent`, outermost first.
pub fn parents(lines: &[&str], at: usize, indent: usize) -> Vec<String> {
    let (start, _) = document_bounds(lines, at);
    let mut limit = indent;
    let mut path = Vec::new();
    for line in lines
        .get(start..at.min(lines.len()))
        .unwrap_or(&[])
        .iter()
        .rev()
    {
        if limit == 0 {
            break;
        }
        if is_blank(line) {
            continue;
        }
        let s = shape(line);
        if s.indent < limit {
            if let Some(key) = s.key
                && (s.value.is_empty() || s.value.starts_with(['|', '>']))
            {
                path.push(key.to_string());
            }
            // A list item may sit at the same column as its parent key (`key:` then `- a`).
            limit = s.dash.map_or(s.indent, |d| d + 1);
        }
    }
    path.reverse();
    path
}

/// The key path of the key on line `at` (its parents and the key itself), if it has a key.
pub fn key_path(lines: &[&str], at: usize) -> Option<Vec<String>> {
    let line = lines.get(at)?;
    let s = shape(line);
    let key = s.key?;
    let mut path = parents(lines, at, s.indent);
    path.push(key.to_string());
    Some(path)
}
