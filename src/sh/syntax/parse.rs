//! Tokens to commands: lists, and-or chains, pipelines, compound commands and redirections.

use super::ast::*;
use super::scan::{MAX_DEPTH, Scan, is_meta};
use super::{Open, ParseError};

/// Operators, longest first so that `<<-` wins over `<<` and `<`.
const OPS: [&str; 20] = [
    "<<<", "<<-", "&>>", "&&", "||", ";;", "<<", ">>", ">&", "<&", ">|", "&>", "<>", ";", "&", "|",
    "(", ")", "<", ">",
];

/// A token.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Word(Word),
    /// A redirection's file descriptor, as in `2>`.
    IoNumber(u32),
    Op(&'static str),
    Newline,
    Eof,
}

/// Reserved words that end a compound list.
pub(super) const CLOSERS: [&str; 8] = ["then", "else", "elif", "fi", "do", "done", "esac", "}"];

/// The parser: a reader of characters plus one token of look-ahead.
pub(super) struct Parser {
    pub scan: Scan,
    pub depth: usize,
    peeked: Option<Tok>,
    /// Where the last lexed token starts.
    pub(super) token_start: usize,
}

pub(super) fn word_is(tok: &Tok, text: &str) -> bool {
    matches!(tok, Tok::Word(w) if literal(w) == Some(text))
}

/// How a token reads in a syntax error message.
pub(super) fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Word(w) => super::ast::literal(w).unwrap_or("word").to_string(),
        Tok::IoNumber(n) => n.to_string(),
        Tok::Op(op) => (*op).to_string(),
        Tok::Newline => "newline".into(),
        // A typed line ends with a newline, and so does the end of a script.
        Tok::Eof => "newline".into(),
    }
}

impl Parser {
    /// A parser over `text`.
    pub fn new(text: &str, at_end: bool) -> Parser {
        Parser {
            scan: Scan::new(text, at_end),
            depth: 0,
            peeked: None,
            token_start: 0,
        }
    }

    /// A parser for text found inside other text (backquotes, here-document bodies).
    pub fn nested(text: &str, depth: usize) -> Parser {
        Parser {
            scan: Scan::new(text, true),
            depth,
            peeked: None,
            token_start: 0,
        }
    }

    /// Goes one level deeper, refusing runaway nesting.
    pub fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::TooDeep);
        }
        Ok(())
    }

    /// Comes back one level.
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn lex(&mut self) -> Result<Tok, ParseError> {
        loop {
            match self.scan.peek() {
                Some(' ' | '\t' | '\r') => {
                    self.scan.bump();
                }
                Some('\\') if self.scan.peek_at(1) == Some('\n') => {
                    self.scan.bump();
                    self.scan.bump();
                }
                Some('\\') if self.scan.peek_at(1).is_none() && !self.scan.at_end => {
                    return Err(ParseError::Incomplete(Open::Quote('\\')));
                }
                Some('#') => {
                    while self.scan.peek().is_some_and(|c| c != '\n') {
                        self.scan.bump();
                    }
                }
                _ => break,
            }
        }
        self.token_start = self.scan.pos;
        let Some(c) = self.scan.peek() else {
            return Ok(Tok::Eof);
        };
        if c == '\n' {
            self.scan.bump();
            return Ok(Tok::Newline);
        }
        if is_meta(c) {
            for op in OPS {
                if op
                    .chars()
                    .enumerate()
                    .all(|(i, oc)| self.scan.peek_at(i) == Some(oc))
                {
                    for _ in 0..op.len() {
                        self.scan.bump();
                    }
                    return Ok(Tok::Op(op));
                }
            }
        }
        let word = self.read_word(None)?;
        if let Some(digits) = literal(&word)
            && digits.len() < 4
            && digits.chars().all(|d| d.is_ascii_digit())
            && matches!(self.scan.peek(), Some('<' | '>'))
        {
            return Ok(Tok::IoNumber(digits.parse().unwrap_or(0)));
        }
        Ok(Tok::Word(word))
    }

    pub(super) fn peek(&mut self) -> Result<&Tok, ParseError> {
        if self.peeked.is_none() {
            let tok = self.lex()?;
            self.peeked = Some(tok);
        }
        Ok(self.peeked.get_or_insert(Tok::Eof))
    }

    pub(super) fn next(&mut self) -> Result<Tok, ParseError> {
        self.peek()?;
        Ok(self.peeked.take().unwrap_or(Tok::Eof))
    }

    pub(super) fn unexpected(&mut self, tok: &Tok, wanted: &'static str) -> ParseError {
        match tok {
            Tok::Eof if !wanted.is_empty() => ParseError::Incomplete(Open::Keyword(wanted)),
            _ => ParseError::Unexpected(describe(tok)),
        }
    }

    pub(super) fn skip_newlines(&mut self) -> Result<(), ParseError> {
        while *self.peek()? == Tok::Newline {
            self.next()?;
        }
        Ok(())
    }

    pub(super) fn expect_word(&mut self, text: &'static str) -> Result<(), ParseError> {
        let tok = self.next()?;
        if word_is(&tok, text) {
            Ok(())
        } else {
            Err(self.unexpected(&tok, text))
        }
    }

    /// A whole text: a list, then the end.
    pub fn program(&mut self) -> Result<List, ParseError> {
        let list = self.list(false)?;
        let tok = self.next()?;
        if tok == Tok::Eof {
            Ok(list)
        } else {
            Err(ParseError::Unexpected(describe(&tok)))
        }
    }

    /// The commands of `$( … )`, up to and including the `)`.
    pub fn substitution(&mut self) -> Result<List, ParseError> {
        self.enter()?;
        let list = self.list(false)?;
        let tok = self.next()?;
        self.leave();
        match tok {
            Tok::Op(")") => Ok(list),
            Tok::Eof => Err(ParseError::Incomplete(Open::Quote(')'))),
            other => Err(ParseError::Unexpected(describe(&other))),
        }
    }

    /// A list of and-or chains. `compound` lists (inside keywords) stop at closing reserved words.
    pub(super) fn list(&mut self, compound: bool) -> Result<List, ParseError> {
        let mut list = List::default();
        loop {
            self.skip_newlines()?;
            let tok = self.peek()?.clone();
            let stop = match &tok {
                Tok::Eof | Tok::Op(")" | ";;") => true,
                Tok::Word(w) => compound && literal(w).is_some_and(|t| CLOSERS.contains(&t)),
                _ => false,
            };
            if stop {
                return Ok(list);
            }
            let mut item = self.and_or()?;
            match self.peek()? {
                Tok::Op(";") => {
                    self.next()?;
                }
                Tok::Op("&") => {
                    self.next()?;
                    item.background = true;
                }
                Tok::Newline | Tok::Eof | Tok::Op(")" | ";;") => {}
                Tok::Word(w) if compound && literal(w).is_some_and(|t| CLOSERS.contains(&t)) => {
                    let tok = self.next()?;
                    return Err(ParseError::Unexpected(describe(&tok)));
                }
                _ => {
                    let tok = self.next()?;
                    return Err(ParseError::Unexpected(describe(&tok)));
                }
            }
            list.items.push(item);
        }
    }

    pub(super) fn and_or(&mut self) -> Result<AndOr, ParseError> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let connector = match self.peek()? {
                Tok::Op("&&") => Connector::And,
                Tok::Op("||") => Connector::Or,
                _ => break,
            };
            self.next()?;
            self.skip_newlines()?;
            rest.push((connector, self.pipeline()?));
        }
        Ok(AndOr {
            first,
            rest,
            background: false,
        })
    }

    pub(super) fn pipeline(&mut self) -> Result<Pipeline, ParseError> {
        let mut bang = false;
        if word_is(self.peek()?, "!") {
            self.next()?;
            bang = true;
        }
        let mut commands = vec![self.command()?];
        while *self.peek()? == Tok::Op("|") {
            self.next()?;
            self.skip_newlines()?;
            commands.push(self.command()?);
        }
        Ok(Pipeline { bang, commands })
    }

    pub(super) fn command(&mut self) -> Result<Command, ParseError> {
        self.enter()?;
        let tok = self.peek()?.clone();
        let result = match &tok {
            Tok::Op("(") => {
                self.next()?;
                let list = self.list(true)?;
                match self.next()? {
                    Tok::Op(")") => self.compound(Compound::Subshell(list)),
                    other => Err(self.unexpected(&other, ")")),
                }
            }
            Tok::Word(w) => match literal(w) {
                Some("{") => {
                    self.next()?;
                    let list = self.list(true)?;
                    self.expect_word("}")?;
                    self.compound(Compound::Brace(list))
                }
                Some("if") => self.if_command(),
                Some("while") => self.while_command(false),
                Some("until") => self.while_command(true),
                Some("for") => self.for_command(),
                Some("case") => self.case_command(),
                Some("[[") => self.double_bracket(),
                Some(t) if CLOSERS.contains(&t) => {
                    let tok = self.next()?;
                    Err(ParseError::Unexpected(describe(&tok)))
                }
                _ => self.simple(),
            },
            Tok::IoNumber(_)
            | Tok::Op(
                "<" | ">" | ">>" | "<<" | "<<-" | "<<<" | ">&" | "<&" | ">|" | "&>" | "&>>" | "<>",
            ) => self.simple(),
            other => {
                let other = other.clone();
                self.next()?;
                Err(self.unexpected(&other, "command"))
            }
        };
        self.leave();
        result
    }
}
