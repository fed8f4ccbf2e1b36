//! Simple commands: assignments, words and redirections (with here-document bodies).

use super::ParseError;
use super::ast::*;
use super::parse::{Parser, Tok};

impl Parser {
    pub(super) fn simple(&mut self) -> Result<Command, ParseError> {
        self.peek()?;
        let mut cmd = Simple {
            line: self.scan.line_of(self.token_start),
            ..Simple::default()
        };
        loop {
            let tok = self.peek()?.clone();
            match tok {
                Tok::IoNumber(fd) => {
                    self.next()?;
                    let Tok::Op(op) = self.next()? else {
                        return Err(ParseError::Unexpected(fd.to_string()));
                    };
                    cmd.redirs.push(self.redirection(Some(fd), op)?);
                }
                Tok::Op(op) if op.contains('<') || op.contains('>') => {
                    self.next()?;
                    cmd.redirs.push(self.redirection(None, op)?);
                }
                Tok::Op("(") if cmd.words.len() == 1 && cmd.assigns.is_empty() => {
                    return self.function(cmd);
                }
                Tok::Word(w) => {
                    self.next()?;
                    match assignment(&w) {
                        Some((name, value)) if cmd.words.is_empty() => {
                            cmd.assigns.push((name, value));
                        }
                        _ => cmd.words.push(w),
                    }
                }
                _ => break,
            }
        }
        if cmd.words.is_empty() && cmd.assigns.is_empty() && cmd.redirs.is_empty() {
            let tok = self.next()?;
            return Err(self.unexpected(&tok, "command"));
        }
        Ok(Command::Simple(cmd))
    }

    pub(super) fn redirection(
        &mut self,
        fd: Option<u32>,
        op: &'static str,
    ) -> Result<Redir, ParseError> {
        let target = match self.next()? {
            Tok::Word(w) => w,
            other => return Err(self.unexpected(&other, "")),
        };
        let op = match op {
            ">" | ">|" => RedirOp::Out,
            ">>" => RedirOp::Append,
            "<" | "<>" => RedirOp::In,
            ">&" | "<&" => {
                let text = literal(&target).unwrap_or("");
                if text == "-" || text.chars().all(|c| c.is_ascii_digit()) {
                    RedirOp::Dup
                } else {
                    RedirOp::Both
                }
            }
            "&>" | "&>>" => RedirOp::Both,
            "<<<" => RedirOp::HereString,
            _ => {
                let quoted = target.iter().any(|p| !matches!(p, Part::Lit(_)));
                let delim = unquote(&target);
                let body = self.scan.take_heredoc(&delim, op == "<<-")?;
                let word = if quoted {
                    vec![Part::Quoted(body)]
                } else {
                    Parser::heredoc_body(&body, self.depth)?
                };
                return Ok(Redir {
                    fd,
                    op: RedirOp::HereDoc(word),
                    target: Vec::new(),
                });
            }
        };
        Ok(Redir { fd, op, target })
    }
}

/// The text of a word with its quotes removed (for here-document delimiters).
fn unquote(word: &Word) -> String {
    let mut s = String::new();
    for part in word {
        match part {
            Part::Lit(t) | Part::Quoted(t) => s.push_str(t),
            Part::Double(inner) => s.push_str(&unquote(inner)),
            Part::Param(p) => {
                s.push('$');
                s.push_str(&p.name);
            }
            Part::Tilde(u) => {
                s.push('~');
                s.push_str(u);
            }
            Part::Command(_) | Part::Arith(_) => {}
        }
    }
    s
}

/// Splits `NAME=value` words into the name and the value's parts.
fn assignment(word: &Word) -> Option<(String, Word)> {
    let Some(Part::Lit(first)) = word.first() else {
        return None;
    };
    let (name, rest) = first.split_once('=')?;
    let valid = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return None;
    }
    let mut value = Vec::new();
    if !rest.is_empty() {
        value.push(Part::Lit(rest.to_string()));
    }
    value.extend(word.iter().skip(1).cloned());
    Some((name.to_string(), value))
}
