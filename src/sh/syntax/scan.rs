//! Characters to words: quoting, escapes, `$` expansions, backquotes and here-document bodies.

use super::ast::{Part, Word};
use super::parse::Parser;
use super::{Open, ParseError};

/// How deep quotes, substitutions and compound commands may nest.
pub(super) const MAX_DEPTH: usize = 64;

/// The characters being read and where the reader is.
pub(super) struct Scan {
    chars: Vec<char>,
    pub pos: usize,
    /// Whether the text is complete (a script), so an open here-document ends with it.
    pub at_end: bool,
    /// Here-document bodies already taken, to jump over when the reader reaches them.
    skips: Vec<(usize, usize)>,
    /// Here-documents that the end of the text closed: (line, delimiter).
    pub unterminated_docs: Vec<(usize, String)>,
}

impl Scan {
    /// A reader at the start of `text`.
    pub fn new(text: &str, at_end: bool) -> Scan {
        Scan {
            chars: text.chars().collect(),
            pos: 0,
            at_end,
            skips: Vec::new(),
            unterminated_docs: Vec::new(),
        }
    }

    /// The character under the reader.
    pub fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// The character `n` places ahead.
    pub fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    /// Takes one character, jumping over here-document bodies after a newline.
    pub fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            while let Some(&(_, end)) = self.skips.iter().find(|(s, _)| *s == self.pos) {
                self.pos = end;
            }
        }
        Some(c)
    }

    /// The 1-based line of a position.
    pub fn line_of(&self, pos: usize) -> usize {
        1 + self.chars.iter().take(pos).filter(|c| **c == '\n').count()
    }

    /// Takes the body of a here-document whose operator was just read: the lines after the current
    /// line (and after earlier here-documents of the same line) up to the delimiter line.
    pub fn take_heredoc(&mut self, delim: &str, strip_tabs: bool) -> Result<String, ParseError> {
        let line = self.line_of(self.pos);
        let newline = self.chars.iter().skip(self.pos).position(|c| *c == '\n');
        let Some(offset) = newline else {
            return self.open_doc(delim, line, self.chars.len(), String::new());
        };
        let mut start = self.pos + offset + 1;
        while let Some(&(_, end)) = self.skips.iter().find(|(s, _)| *s == start) {
            start = end;
        }
        let mut body = String::new();
        let mut at = start;
        while at < self.chars.len() {
            let end_of_line = self
                .chars
                .iter()
                .skip(at)
                .position(|c| *c == '\n')
                .map_or(self.chars.len(), |n| at + n);
            let mut text: String = self
                .chars
                .get(at..end_of_line)
                .unwrap_or(&[])
                .iter()
                .collect();
            if strip_tabs {
                text = text.trim_start_matches('\t').to_string();
            }
            let next = (end_of_line + 1).min(self.chars.len());
            if text == delim {
                self.skips.push((start, next));
                return Ok(body);
            }
            body.push_str(&text);
            body.push('\n');
            at = next;
        }
        self.open_doc(delim, line, start, body)
    }

    fn open_doc(
        &mut self,
        delim: &str,
        line: usize,
        start: usize,
        body: String,
    ) -> Result<String, ParseError> {
        if !self.at_end {
            return Err(ParseError::Incomplete(Open::HereDoc(delim.to_string())));
        }
        self.unterminated_docs.push((line, delim.to_string()));
        self.skips.push((start, self.chars.len()));
        Ok(body)
    }
}

pub(super) fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

pub(super) fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Whether a character ends an unquoted word.
pub(super) fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | ';' | '&' | '|' | '(' | ')' | '<' | '>'
    )
}

/// Adds pending literal text to the parts.
pub(super) fn flush(parts: &mut Vec<Part>, lit: &mut String) {
    if !lit.is_empty() {
        parts.push(Part::Lit(std::mem::take(lit)));
    }
}

impl Parser {
    /// Reads an unquoted word up to a metacharacter (or, with `stops`, up to one of those
    /// characters, spaces included, as inside `${x:-…}`).
    pub(super) fn read_word(&mut self, stops: Option<&[char]>) -> Result<Word, ParseError> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let start = self.scan.pos;
        while let Some(c) = self.scan.peek() {
            let ends = match stops {
                Some(s) => s.contains(&c),
                None => is_meta(c),
            };
            if ends {
                break;
            }
            match c {
                '\\' => {
                    self.scan.bump();
                    match self.scan.bump() {
                        None if self.scan.at_end => lit.push('\\'),
                        None => return Err(ParseError::Incomplete(Open::Quote('\\'))),
                        Some('\n') => {}
                        Some(ch) => {
                            flush(&mut parts, &mut lit);
                            parts.push(Part::Quoted(ch.to_string()));
                        }
                    }
                }
                '\'' => {
                    self.scan.bump();
                    flush(&mut parts, &mut lit);
                    parts.push(Part::Quoted(self.single_quoted()?));
                }
                '"' => {
                    self.scan.bump();
                    flush(&mut parts, &mut lit);
                    parts.push(Part::Double(self.double_quoted()?));
                }
                '$' | '`' => {
                    flush(&mut parts, &mut lit);
                    let part = self.dollar_or_backquote()?;
                    push_part(&mut parts, part);
                }
                '~' if self.scan.pos == start && stops.is_none() => {
                    self.scan.bump();
                    let mut user = String::new();
                    while let Some(ch) = self.scan.peek().filter(|ch| is_name_char(*ch)) {
                        user.push(ch);
                        self.scan.bump();
                    }
                    if matches!(self.scan.peek(), None | Some('/'))
                        || self.scan.peek().is_some_and(is_meta)
                    {
                        parts.push(Part::Tilde(user));
                    } else {
                        lit.push('~');
                        lit.push_str(&user);
                    }
                }
                _ => {
                    self.scan.bump();
                    lit.push(c);
                }
            }
        }
        flush(&mut parts, &mut lit);
        Ok(parts)
    }

    fn single_quoted(&mut self) -> Result<String, ParseError> {
        let mut s = String::new();
        loop {
            match self.scan.bump() {
                None => return Err(ParseError::Incomplete(Open::Quote('\''))),
                Some('\'') => return Ok(s),
                Some(c) => s.push(c),
            }
        }
    }

    /// The inside of `"…"` after the opening quote, up to and including the closing one.
    pub(super) fn double_quoted(&mut self) -> Result<Vec<Part>, ParseError> {
        self.enter()?;
        let mut parts = Vec::new();
        let mut lit = String::new();
        loop {
            match self.scan.peek() {
                None => return Err(ParseError::Incomplete(Open::Quote('"'))),
                Some('"') => {
                    self.scan.bump();
                    break;
                }
                Some('\\') => {
                    self.scan.bump();
                    match self.scan.bump() {
                        None => return Err(ParseError::Incomplete(Open::Quote('"'))),
                        Some('\n') => {}
                        Some(c @ ('$' | '`' | '"' | '\\')) => lit.push(c),
                        Some(c) => {
                            lit.push('\\');
                            lit.push(c);
                        }
                    }
                }
                Some('$' | '`') => {
                    flush(&mut parts, &mut lit);
                    let part = self.dollar_or_backquote()?;
                    push_part(&mut parts, part);
                }
                Some(c) => {
                    self.scan.bump();
                    lit.push(c);
                }
            }
        }
        flush(&mut parts, &mut lit);
        self.leave();
        Ok(quote_literals(parts))
    }

    /// Parses a here-document body: `$` expansions, backquotes and `\$ \` \\ \newline` escapes.
    pub(super) fn heredoc_body(text: &str, depth: usize) -> Result<Word, ParseError> {
        let mut p = Parser::nested(text, depth + 1);
        p.enter()?;
        let mut parts = Vec::new();
        let mut lit = String::new();
        while let Some(c) = p.scan.peek() {
            match c {
                '\\' => {
                    p.scan.bump();
                    match p.scan.bump() {
                        None => lit.push('\\'),
                        Some('\n') => {}
                        Some(ch @ ('$' | '`' | '\\')) => lit.push(ch),
                        Some(ch) => {
                            lit.push('\\');
                            lit.push(ch);
                        }
                    }
                }
                '$' | '`' => {
                    flush(&mut parts, &mut lit);
                    let part = p.dollar_or_backquote()?;
                    push_part(&mut parts, part);
                }
                _ => {
                    p.scan.bump();
                    lit.push(c);
                }
            }
        }
        flush(&mut parts, &mut lit);
        Ok(vec![Part::Double(quote_literals(parts))])
    }
}

/// Appends a part, merging a lone `$` into the literal text before it.
pub(super) fn push_part(parts: &mut Vec<Part>, part: Part) {
    if let (Part::Lit(new), Some(Part::Lit(last))) = (&part, parts.last_mut()) {
        last.push_str(new);
        return;
    }
    parts.push(part);
}

/// Inside double quotes every literal is quoted (no globbing, no splitting).
pub(super) fn quote_literals(parts: Vec<Part>) -> Vec<Part> {
    parts
        .into_iter()
        .map(|p| match p {
            Part::Lit(s) => Part::Quoted(s),
            other => other,
        })
        .collect()
}
