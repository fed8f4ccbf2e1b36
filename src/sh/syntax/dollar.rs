//! `$` expansions: parameters (`$x`, `${x:-y}` …), command substitution, arithmetic, `$'…'`, backquotes.

use std::rc::Rc;

use super::ast::{Param, ParamOp, Part, Word};
use super::parse::Parser;
use super::scan::{flush, is_name_char, is_name_start};
use super::{Open, ParseError};

impl Parser {
    /// Reads `$…` or a backquoted command at the reader.
    pub(super) fn dollar_or_backquote(&mut self) -> Result<Part, ParseError> {
        if self.scan.bump() == Some('`') {
            return self.backquoted();
        }
        match self.scan.peek() {
            Some('{') => {
                self.scan.bump();
                self.braced_param()
            }
            Some('(') if self.scan.peek_at(1) == Some('(') => {
                self.scan.bump();
                self.scan.bump();
                self.arithmetic()
            }
            Some('(') => {
                self.scan.bump();
                let list = self.substitution()?;
                Ok(Part::Command(Rc::new(list)))
            }
            Some('\'') => {
                self.scan.bump();
                self.ansi_c()
            }
            Some('"') => {
                self.scan.bump();
                Ok(Part::Double(self.double_quoted()?))
            }
            Some(c) if is_name_start(c) => {
                let mut name = String::new();
                while let Some(ch) = self.scan.peek().filter(|ch| is_name_char(*ch)) {
                    name.push(ch);
                    self.scan.bump();
                }
                Ok(Part::Param(Param { name, op: None }))
            }
            Some(c) if c.is_ascii_digit() || "?$#@*!-".contains(c) => {
                self.scan.bump();
                Ok(Part::Param(Param {
                    name: c.to_string(),
                    op: None,
                }))
            }
            _ => Ok(Part::Lit("$".into())),
        }
    }

    fn backquoted(&mut self) -> Result<Part, ParseError> {
        let mut raw = String::new();
        loop {
            match self.scan.bump() {
                None => return Err(ParseError::Incomplete(Open::Quote('`'))),
                Some('`') => break,
                Some('\\') => match self.scan.bump() {
                    None => return Err(ParseError::Incomplete(Open::Quote('`'))),
                    Some(c @ ('`' | '$' | '\\')) => raw.push(c),
                    Some(c) => {
                        raw.push('\\');
                        raw.push(c);
                    }
                },
                Some(c) => raw.push(c),
            }
        }
        let mut sub = Parser::nested(&raw, self.depth + 1);
        let list = sub.program()?;
        Ok(Part::Command(Rc::new(list)))
    }

    fn ansi_c(&mut self) -> Result<Part, ParseError> {
        let mut s = String::new();
        loop {
            match self.scan.bump() {
                None => return Err(ParseError::Incomplete(Open::Quote('\''))),
                Some('\'') => return Ok(Part::Quoted(s)),
                Some('\\') => match self.scan.bump() {
                    None => return Err(ParseError::Incomplete(Open::Quote('\''))),
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('r') => s.push('\r'),
                    Some('e' | 'E') => s.push('\u{1b}'),
                    Some('a') => s.push('\u{7}'),
                    Some('0') => s.push('\0'),
                    Some(c @ ('\\' | '\'' | '"' | '?')) => s.push(c),
                    Some(c) => {
                        s.push('\\');
                        s.push(c);
                    }
                },
                Some(c) => s.push(c),
            }
        }
    }

    fn arithmetic(&mut self) -> Result<Part, ParseError> {
        self.enter()?;
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut depth = 0usize;
        loop {
            match self.scan.peek() {
                None => return Err(ParseError::Incomplete(Open::Quote(')'))),
                Some(')') if depth == 0 && self.scan.peek_at(1) == Some(')') => {
                    self.scan.bump();
                    self.scan.bump();
                    break;
                }
                Some('$' | '`') => {
                    flush(&mut parts, &mut lit);
                    let part = self.dollar_or_backquote()?;
                    parts.push(part);
                }
                Some(c) => {
                    if c == '(' {
                        depth += 1;
                    } else if c == ')' {
                        depth = depth.saturating_sub(1);
                    }
                    self.scan.bump();
                    lit.push(c);
                }
            }
        }
        flush(&mut parts, &mut lit);
        self.leave();
        Ok(Part::Arith(parts))
    }

    fn braced_param(&mut self) -> Result<Part, ParseError> {
        self.enter()?;
        let mut length = false;
        if self.scan.peek() == Some('#') && self.scan.peek_at(1).is_some_and(|c| c != '}') {
            self.scan.bump();
            length = true;
        }
        let mut name = String::new();
        match self.scan.peek() {
            Some(c) if is_name_start(c) => {
                while let Some(ch) = self.scan.peek().filter(|ch| is_name_char(*ch)) {
                    name.push(ch);
                    self.scan.bump();
                }
            }
            Some(c) if c.is_ascii_digit() => {
                while let Some(ch) = self.scan.peek().filter(char::is_ascii_digit) {
                    name.push(ch);
                    self.scan.bump();
                }
            }
            Some(c) if "?$#@*!-".contains(c) => {
                name.push(c);
                self.scan.bump();
            }
            None => return Err(ParseError::Incomplete(Open::Quote('}'))),
            Some(_) => {}
        }
        let op = if length {
            self.close_brace(&name)?;
            Some(ParamOp::Length)
        } else {
            self.param_op(&name)?
        };
        self.leave();
        Ok(Part::Param(Param {
            name,
            op: op.map(Box::new),
        }))
    }

    fn close_brace(&mut self, name: &str) -> Result<(), ParseError> {
        match self.scan.bump() {
            Some('}') if !name.is_empty() => Ok(()),
            None => Err(ParseError::Incomplete(Open::Quote('}'))),
            Some(c) => Err(self.bad_substitution(name, c)),
        }
    }

    fn bad_substitution(&mut self, name: &str, c: char) -> ParseError {
        let mut text = format!("${{{name}{c}");
        while let Some(ch) = self.scan.bump() {
            text.push(ch);
            if ch == '}' {
                break;
            }
        }
        ParseError::BadSubstitution(text)
    }

    fn param_op(&mut self, name: &str) -> Result<Option<ParamOp>, ParseError> {
        let Some(c) = self.scan.bump() else {
            return Err(ParseError::Incomplete(Open::Quote('}')));
        };
        if name.is_empty() {
            return Err(self.bad_substitution(name, c));
        }
        let colon = c == ':' && self.scan.peek().is_some_and(|n| "-=+?".contains(n));
        let op_char = if colon {
            self.scan.bump().unwrap_or('-')
        } else {
            c
        };
        let op = match op_char {
            '}' => return Ok(None),
            '-' => ParamOp::Default(colon, self.brace_word(&['}'])?),
            '=' => ParamOp::Assign(colon, self.brace_word(&['}'])?),
            '+' => ParamOp::Alternative(colon, self.brace_word(&['}'])?),
            '?' => ParamOp::Error(colon, self.brace_word(&['}'])?),
            '#' | '%' => {
                let longest = self.scan.peek() == Some(op_char);
                if longest {
                    self.scan.bump();
                }
                let word = self.brace_word(&['}'])?;
                if op_char == '#' {
                    ParamOp::TrimPrefix(longest, word)
                } else {
                    ParamOp::TrimSuffix(longest, word)
                }
            }
            '/' => {
                let all = self.scan.peek() == Some('/');
                if all {
                    self.scan.bump();
                }
                let pattern = self.read_word(Some(&['/', '}']))?;
                let replacement = if self.scan.peek() == Some('/') {
                    self.scan.bump();
                    self.brace_word(&['}'])?
                } else {
                    self.brace_word(&['}'])?
                };
                ParamOp::Replace(all, pattern, replacement)
            }
            ':' => {
                let offset = self.read_word(Some(&[':', '}']))?;
                let length = if self.scan.peek() == Some(':') {
                    self.scan.bump();
                    Some(self.brace_word(&['}'])?)
                } else {
                    self.brace_word(&['}'])?;
                    None
                };
                ParamOp::Slice(offset, length)
            }
            '^' | ',' => {
                if self.scan.peek() == Some(op_char) {
                    self.scan.bump();
                }
                self.close_brace(name)?;
                ParamOp::Case(op_char == '^')
            }
            other => return Err(self.bad_substitution(name, other)),
        };
        Ok(Some(op))
    }

    /// A word inside `${…}` up to one of `stops`, which is then taken.
    fn brace_word(&mut self, stops: &[char]) -> Result<Word, ParseError> {
        let word = self.read_word(Some(stops))?;
        match self.scan.bump() {
            Some(_) => Ok(word),
            None => Err(ParseError::Incomplete(Open::Quote('}'))),
        }
    }
}
