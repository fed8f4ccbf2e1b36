//! Compound commands: `if`, `while`/`until`, `for`, `case`, `[[ ]]` and function definitions.

use std::rc::Rc;

use super::ParseError;
use super::ast::*;
use super::parse::{Parser, Tok, describe, word_is};

impl Parser {
    pub(super) fn compound(&mut self, c: Compound) -> Result<Command, ParseError> {
        let mut redirs = Vec::new();
        loop {
            let fd = match self.peek()? {
                Tok::IoNumber(n) => Some(*n),
                Tok::Op(op) if op.contains('<') || op.contains('>') => None,
                _ => break,
            };
            if fd.is_some() {
                self.next()?;
            }
            let Tok::Op(op) = self.next()? else {
                return Err(ParseError::Unexpected("newline".into()));
            };
            redirs.push(self.redirection(fd, op)?);
        }
        Ok(Command::Compound(c, redirs))
    }

    pub(super) fn if_command(&mut self) -> Result<Command, ParseError> {
        self.next()?;
        let mut branches = Vec::new();
        let mut otherwise = None;
        loop {
            let cond = self.list(true)?;
            self.expect_word("then")?;
            let body = self.list(true)?;
            branches.push((cond, body));
            let tok = self.next()?;
            match &tok {
                t if word_is(t, "elif") => continue,
                t if word_is(t, "else") => {
                    otherwise = Some(self.list(true)?);
                    self.expect_word("fi")?;
                    break;
                }
                t if word_is(t, "fi") => break,
                other => return Err(self.unexpected(other, "fi")),
            }
        }
        self.compound(Compound::If {
            branches,
            otherwise,
        })
    }

    pub(super) fn do_group(&mut self) -> Result<List, ParseError> {
        self.skip_newlines()?;
        self.expect_word("do")?;
        let body = self.list(true)?;
        self.expect_word("done")?;
        Ok(body)
    }

    pub(super) fn while_command(&mut self, until: bool) -> Result<Command, ParseError> {
        self.next()?;
        let cond = self.list(true)?;
        let body = self.do_group()?;
        self.compound(Compound::While { until, cond, body })
    }

    pub(super) fn for_command(&mut self) -> Result<Command, ParseError> {
        self.next()?;
        let var = match self.next()? {
            Tok::Word(w) => match literal(&w) {
                Some(name)
                    if name
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
                {
                    name.to_string()
                }
                _ => return Err(ParseError::Unexpected(describe(&Tok::Word(w)))),
            },
            other => return Err(self.unexpected(&other, "do")),
        };
        self.skip_newlines()?;
        let mut words = None;
        if word_is(self.peek()?, "in") {
            self.next()?;
            let mut list = Vec::new();
            loop {
                match self.next()? {
                    Tok::Word(w) => list.push(w),
                    Tok::Op(";") | Tok::Newline => break,
                    other => return Err(self.unexpected(&other, "do")),
                }
            }
            words = Some(list);
        } else if *self.peek()? == Tok::Op(";") {
            self.next()?;
        }
        let body = self.do_group()?;
        self.compound(Compound::For { var, words, body })
    }

    pub(super) fn case_command(&mut self) -> Result<Command, ParseError> {
        self.next()?;
        let word = match self.next()? {
            Tok::Word(w) => w,
            other => return Err(self.unexpected(&other, "in")),
        };
        self.skip_newlines()?;
        self.expect_word("in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_newlines()?;
            if word_is(self.peek()?, "esac") {
                self.next()?;
                break;
            }
            if *self.peek()? == Tok::Op("(") {
                self.next()?;
            }
            let mut patterns = Vec::new();
            loop {
                match self.next()? {
                    Tok::Word(w) => patterns.push(w),
                    other => return Err(self.unexpected(&other, "esac")),
                }
                match self.next()? {
                    Tok::Op("|") => continue,
                    Tok::Op(")") => break,
                    other => return Err(self.unexpected(&other, "esac")),
                }
            }
            let body = self.list(true)?;
            arms.push(CaseArm { patterns, body });
            match self.next()? {
                Tok::Op(";;") => {}
                t if word_is(&t, "esac") => break,
                other => return Err(self.unexpected(&other, "esac")),
            }
        }
        self.compound(Compound::Case { word, arms })
    }

    pub(super) fn double_bracket(&mut self) -> Result<Command, ParseError> {
        self.next()?;
        let mut words = Vec::new();
        loop {
            match self.next()? {
                t if word_is(&t, "]]") => break,
                Tok::Word(w) => words.push(w),
                Tok::Op(op @ ("&&" | "||" | "(" | ")" | "<" | ">")) => {
                    words.push(vec![Part::Lit(op.to_string())]);
                }
                Tok::Newline => {}
                other => return Err(self.unexpected(&other, "]]")),
            }
        }
        self.compound(Compound::Test(words))
    }

    pub(super) fn function(&mut self, cmd: Simple) -> Result<Command, ParseError> {
        let name = cmd
            .words
            .first()
            .and_then(|w| literal(w))
            .unwrap_or("")
            .to_string();
        self.next()?;
        match self.next()? {
            Tok::Op(")") => {}
            other => return Err(ParseError::Unexpected(describe(&other))),
        }
        self.skip_newlines()?;
        let body = self.command()?;
        if name.is_empty() || !matches!(body, Command::Compound(..)) {
            return Err(ParseError::Unexpected(name));
        }
        Ok(Command::Function(name, Rc::new(body)))
    }
}
