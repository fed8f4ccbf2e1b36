//! The Markdown lessons are written in, read into blocks the page draws as elements (never as
//! HTML text): paragraphs, fenced code, lists, `code`, **strong**, *emphasis* and [links](url).

/// A block of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Para(Vec<Inline>),
    /// A fenced code block: its lines joined by newlines.
    Code(String),
    /// A list; each item is a line of inline text.
    List(Vec<Vec<Inline>>),
    /// A heading (`###`).
    Heading(Vec<Inline>),
}

/// A run of text inside a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `code`.
    Code(String),
    /// **strong**.
    Strong(String),
    /// *emphasis*.
    Em(String),
    /// [text](href), only http(s) and in-page links.
    Link(String, String),
}

/// Reads Markdown text into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Vec<Vec<Inline>> = Vec::new();
    let mut code: Option<Vec<&str>> = None;
    for line in text.lines() {
        if let Some(lines) = code.as_mut() {
            if line.trim_start().starts_with("```") {
                out.push(Block::Code(lines.join("\n")));
                code = None;
            } else {
                lines.push(line);
            }
            continue;
        }
        let trimmed = line.trim();
        let item = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "));
        if trimmed.starts_with("```")
            || trimmed.is_empty()
            || item.is_some()
            || trimmed.starts_with('#')
        {
            flush_para(&mut para, &mut out);
        }
        if item.is_none()
            && !list.is_empty()
            && (trimmed.is_empty()
                || trimmed.starts_with("```")
                || trimmed.starts_with('#')
                || !line.starts_with(' '))
        {
            out.push(Block::List(std::mem::take(&mut list)));
        }
        if trimmed.starts_with("```") {
            code = Some(Vec::new());
        } else if let Some(item) = item {
            list.push(inlines(item));
        } else if let Some(h) = trimmed.strip_prefix('#') {
            out.push(Block::Heading(inlines(h.trim_start_matches('#').trim())));
        } else if !trimmed.is_empty() {
            match list.last_mut() {
                // An indented line goes on with the list item above it.
                Some(last) if line.starts_with(' ') => {
                    last.push(Inline::Text(" ".to_string()));
                    last.extend(inlines(trimmed));
                }
                _ => para.push(trimmed),
            }
        }
    }
    if let Some(lines) = code {
        out.push(Block::Code(lines.join("\n")));
    }
    flush_para(&mut para, &mut out);
    if !list.is_empty() {
        out.push(Block::List(list));
    }
    out
}

fn flush_para(para: &mut Vec<&str>, out: &mut Vec<Block>) {
    if !para.is_empty() {
        out.push(Block::Para(inlines(&para.join(" "))));
        para.clear();
    }
}

/// Reads the inline marks of one line of text.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let found = match c {
            '`' => span(rest, "`").map(|(inner, after)| (Inline::Code(inner.to_string()), after)),
            '*' if rest.starts_with("**") => {
                span(rest, "**").map(|(inner, after)| (Inline::Strong(inner.to_string()), after))
            }
            '*' => span(rest, "*").map(|(inner, after)| (Inline::Em(inner.to_string()), after)),
            '[' => link(rest),
            _ => None,
        };
        match found {
            Some((inline, after)) => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(inline);
                rest = after;
            }
            None => {
                plain.push(c);
                rest = rest.get(c.len_utf8()..).unwrap_or_default();
            }
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

/// `MARK inner MARK` at the start of `text`: the inner text and what follows.
fn span<'t>(text: &'t str, mark: &str) -> Option<(&'t str, &'t str)> {
    let body = text.strip_prefix(mark)?;
    let end = body.find(mark)?;
    if end == 0 {
        return None;
    }
    Some((body.get(..end)?, body.get(end + mark.len()..)?))
}

fn link(text: &str) -> Option<(Inline, &str)> {
    let body = text.strip_prefix('[')?;
    let close = body.find("](")?;
    let label = body.get(..close)?;
    let after = body.get(close + 2..)?;
    let end = after.find(')')?;
    let href = after.get(..end)?;
    let safe = href.starts_with("https://") || href.starts_with("http://") || href.starts_with('#');
    if !safe {
        return None;
    }
    Some((
        Inline::Link(label.to_string(), href.to_string()),
        after.get(end + 1..)?,
    ))
}
