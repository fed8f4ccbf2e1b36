//! Tokens to commands: lists, and-or chains, pipelines, compound commands and redirections.

use std::rc::Rc;

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
const CLOSERS: [&str; 8] = ["then", "else", "elif", "fi", "do", "done", "esac", "}"];

/// The parser: a reader of characters plus one token of look-ahead.
pub(super) struct Parser {
    pub scan: Scan,
    pub depth: usize,
    peeked: Option<Tok>,
    /// Where the last lexed token starts.
    token_start: usize,
}

fn word_is(tok: &Tok, text: &str) -> bool {
    matches!(tok, Tok::Word(w) if literal(w) == Some(text))
}

/// How a token reads in a syntax error message.
fn describe(tok: &Tok) -> String {
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

    fn peek(&mut self) -> Result<&Tok, ParseError> {
        if self.peeked.is_none() {
            let tok = self.lex()?;
            self.peeked = Some(tok);
        }
        Ok(self.peeked.get_or_insert(Tok::Eof))
    }

    fn next(&mut self) -> Result<Tok, ParseError> {
        self.peek()?;
        Ok(self.peeked.take().unwrap_or(Tok::Eof))
    }

    fn unexpected(&mut self, tok: &Tok, wanted: &'static str) -> ParseError {
        match tok {
            Tok::Eof if !wanted.is_empty() => ParseError::Incomplete(Open::Keyword(wanted)),
            _ => ParseError::Unexpected(describe(tok)),
        }
    }

    fn skip_newlines(&mut self) -> Result<(), ParseError> {
        while *self.peek()? == Tok::Newline {
            self.next()?;
        }
        Ok(())
    }

    fn expect_word(&mut self, text: &'static str) -> Result<(), ParseError> {
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
    fn list(&mut self, compound: bool) -> Result<List, ParseError> {
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

    fn and_or(&mut self) -> Result<AndOr, ParseError> {
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

    fn pipeline(&mut self) -> Result<Pipeline, ParseError> {
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

    fn command(&mut self) -> Result<Command, ParseError> {
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

    fn compound(&mut self, c: Compound) -> Result<Command, ParseError> {
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

    fn if_command(&mut self) -> Result<Command, ParseError> {
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

    fn do_group(&mut self) -> Result<List, ParseError> {
        self.skip_newlines()?;
        self.expect_word("do")?;
        let body = self.list(true)?;
        self.expect_word("done")?;
        Ok(body)
    }

    fn while_command(&mut self, until: bool) -> Result<Command, ParseError> {
        self.next()?;
        let cond = self.list(true)?;
        let body = self.do_group()?;
        self.compound(Compound::While { until, cond, body })
    }

    fn for_command(&mut self) -> Result<Command, ParseError> {
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

    fn case_command(&mut self) -> Result<Command, ParseError> {
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

    fn double_bracket(&mut self) -> Result<Command, ParseError> {
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

    fn simple(&mut self) -> Result<Command, ParseError> {
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

    fn function(&mut self, cmd: Simple) -> Result<Command, ParseError> {
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

    fn redirection(&mut self, fd: Option<u32>, op: &'static str) -> Result<Redir, ParseError> {
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
