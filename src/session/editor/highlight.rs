//! YAML syntax highlighting, line by line: keys, strings, numbers, booleans, comments, list
//! dashes and document separators, with block scalars (`|`, `>`) tracked across lines.

use super::context::key_end;

/// What a run of characters is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    /// Indentation and spaces.
    Plain,
    /// A mapping key.
    Key,
    /// `:`, `-`, `|`, brackets and commas.
    Punct,
    /// A string (quoted, plain or block).
    Str,
    /// A number.
    Num,
    /// `true`, `false`, `null`, `~`.
    Bool,
    /// A comment.
    Comment,
    /// `---` or `...`.
    Sep,
}

impl Tok {
    /// The CSS class of the token (none for plain text).
    pub fn css(self) -> &'static str {
        match self {
            Tok::Plain => "",
            Tok::Key => "hl-key",
            Tok::Punct => "hl-punct",
            Tok::Str => "hl-str",
            Tok::Num => "hl-num",
            Tok::Bool => "hl-bool",
            Tok::Comment => "hl-comment",
            Tok::Sep => "hl-sep",
        }
    }
}

/// A run of one line's characters with one token class; `start` counts characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The class.
    pub tok: Tok,
    /// The text.
    pub text: String,
    /// 0-based column (in characters) of its first character.
    pub start: usize,
}

/// Tokens of every line of `text`.
pub fn highlight(text: &str) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    // Inside a block scalar: lines indented more than this column are its text.
    let mut block: Option<usize> = None;
    for line in text.split('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = block {
            if line.trim().is_empty() || indent > parent {
                out.push(vec![token(Tok::Str, line, 0)]);
                continue;
            }
            block = None;
        }
        let mut tokens = Vec::new();
        let mut pos = 0;
        if line.starts_with("---") || line.starts_with("...") {
            out.push(vec![token(Tok::Sep, line, 0)]);
            continue;
        }
        let mut rest = line;
        push(&mut tokens, &mut pos, Tok::Plain, take_spaces(&mut rest));
        while rest.starts_with("- ") || rest == "-" {
            push(&mut tokens, &mut pos, Tok::Punct, "-");
            rest = rest.get(1..).unwrap_or("");
            push(&mut tokens, &mut pos, Tok::Plain, take_spaces(&mut rest));
        }
        if rest.starts_with('#') {
            push(&mut tokens, &mut pos, Tok::Comment, rest);
            out.push(tokens);
            continue;
        }
        if let Some(end) = key_end(rest) {
            let (key, after) = rest.split_at(end);
            push(&mut tokens, &mut pos, Tok::Key, key);
            push(&mut tokens, &mut pos, Tok::Punct, ":");
            rest = after.get(1..).unwrap_or("");
            push(&mut tokens, &mut pos, Tok::Plain, take_spaces(&mut rest));
        }
        let value_start = rest;
        scalar(&mut tokens, &mut pos, rest);
        let bare = value_start.split(" #").next().unwrap_or("").trim();
        if bare.starts_with(['|', '>']) && bare.len() <= 3 {
            block = Some(indent);
        }
        out.push(tokens);
    }
    out
}

fn token(tok: Tok, text: &str, start: usize) -> Token {
    Token {
        tok,
        text: text.to_string(),
        start,
    }
}

fn push(tokens: &mut Vec<Token>, pos: &mut usize, tok: Tok, text: &str) {
    if text.is_empty() {
        return;
    }
    tokens.push(token(tok, text, *pos));
    *pos += text.chars().count();
}

fn take_spaces<'a>(rest: &mut &'a str) -> &'a str {
    let trimmed = rest.trim_start_matches(' ');
    let (spaces, after) = rest.split_at(rest.len() - trimmed.len());
    *rest = after;
    spaces
}

/// Tokens of a value: a quoted string, flow punctuation, or a plain scalar, then a comment.
fn scalar(tokens: &mut Vec<Token>, pos: &mut usize, mut rest: &str) {
    while !rest.is_empty() {
        if rest.starts_with('#') {
            push(tokens, pos, Tok::Comment, rest);
            return;
        }
        let first = rest.chars().next().unwrap_or(' ');
        if first == '"' || first == '\'' {
            let end = closing_quote(rest, first);
            let (quoted, after) = rest.split_at(end);
            push(tokens, pos, Tok::Str, quoted);
            rest = after;
            continue;
        }
        if matches!(first, '[' | ']' | '{' | '}' | ',' | '|' | '>' | ' ') {
            let (p, after) = rest.split_at(first.len_utf8());
            push(
                tokens,
                pos,
                if first == ' ' { Tok::Plain } else { Tok::Punct },
                p,
            );
            rest = after;
            continue;
        }
        // A plain scalar runs to a flow indicator (inside brackets) or a comment.
        let end = plain_end(rest);
        let (word, after) = rest.split_at(end);
        let trimmed = word.trim_end();
        push(tokens, pos, classify(trimmed), trimmed);
        push(
            tokens,
            pos,
            Tok::Plain,
            word.get(trimmed.len()..).unwrap_or(""),
        );
        rest = after;
    }
}

fn closing_quote(text: &str, quote: char) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        if quote == '"' && c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        if c == quote && !escaped {
            return i + c.len_utf8();
        }
        escaped = false;
    }
    text.len()
}

fn plain_end(text: &str) -> usize {
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if i > 0 && (matches!(c, ',' | ']' | '}') || (c == '#' && prev == ' ')) {
            return i;
        }
        prev = c;
    }
    text.len()
}

fn classify(word: &str) -> Tok {
    match word {
        "true" | "false" | "True" | "False" | "null" | "Null" | "~" | "yes" | "no" => Tok::Bool,
        w if w.parse::<f64>().is_ok() => Tok::Num,
        _ => Tok::Str,
    }
}
