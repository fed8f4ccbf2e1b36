//! The scanner of Go's text/template (text/template/parse/lex.go): text, `{{ }}` actions with
//! trim markers `{{- -}}`, comments, and the tokens inside an action.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Error,
    Bool,
    Char,
    CharConstant,
    Complex,
    Assign,
    Declare,
    Eof,
    Field,
    Identifier,
    LeftDelim,
    LeftParen,
    Number,
    Pipe,
    RawString,
    RightDelim,
    RightParen,
    Space,
    String,
    Text,
    Variable,
    // Keywords come after everything else, as in lex.go.
    Keyword,
    Block,
    Break,
    Continue,
    Dot,
    Define,
    Else,
    End,
    If,
    Nil,
    Range,
    Template,
    With,
}

/// One token: its kind, byte offset, text and the line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Item {
    pub kind: Kind,
    pub pos: usize,
    pub val: String,
    pub line: usize,
}

impl Item {
    /// How the parser names the token in `unexpected … in …` (lex.go, `item.String`).
    pub fn describe(&self) -> String {
        match self.kind {
            Kind::Eof => "EOF".to_string(),
            Kind::Error => self.val.clone(),
            k if k > Kind::Keyword => format!("<{}>", self.val),
            _ if self.val.chars().count() > 10 => {
                let head: String = self.val.chars().take(10).collect();
                format!("{}...", crate::gofmt::quote::quote(&head))
            }
            _ => crate::gofmt::quote::quote(&self.val),
        }
    }
}

fn keyword(word: &str) -> Option<Kind> {
    Some(match word {
        "." => Kind::Dot,
        "block" => Kind::Block,
        "break" => Kind::Break,
        "continue" => Kind::Continue,
        "define" => Kind::Define,
        "else" => Kind::Else,
        "end" => Kind::End,
        "if" => Kind::If,
        "range" => Kind::Range,
        "nil" => Kind::Nil,
        "template" => Kind::Template,
        "with" => Kind::With,
        _ => return None,
    })
}

const LEFT: &str = "{{";
const RIGHT: &str = "}}";
const SPACE_CHARS: &[char] = &[' ', '\t', '\r', '\n'];

/// The scanner's state between tokens.
pub(super) struct Lexer<'s> {
    input: &'s str,
    pos: usize,
    start: usize,
    at_eof: bool,
    paren_depth: usize,
    line: usize,
    start_line: usize,
    inside_action: bool,
    done: bool,
}

enum Next {
    Emit(Item),
    Text,
    Inside,
}

fn is_space(c: char) -> bool {
    SPACE_CHARS.contains(&c)
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

fn left_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() == Some(&b'-') && b.get(1).is_some_and(|c| is_space(char::from(*c)))
}

fn right_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(|c| is_space(char::from(*c))) && b.get(1) == Some(&b'-')
}

impl<'s> Lexer<'s> {
    /// A scanner over a whole template.
    pub fn new(input: &'s str) -> Lexer<'s> {
        Lexer {
            input,
            pos: 0,
            start: 0,
            at_eof: false,
            paren_depth: 0,
            line: 1,
            start_line: 1,
            inside_action: false,
            done: false,
        }
    }

    fn rest(&self) -> &'s str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn next(&mut self) -> Option<char> {
        let c = self.rest().chars().next();
        match c {
            None => self.at_eof = true,
            Some(c) => {
                self.pos += c.len_utf8();
                if c == '\n' {
                    self.line += 1;
                }
            }
        }
        c
    }

    fn backup(&mut self) {
        if self.at_eof || self.pos == 0 {
            return;
        }
        if let Some(c) = self
            .input
            .get(..self.pos)
            .and_then(|s| s.chars().next_back())
        {
            self.pos -= c.len_utf8();
            if c == '\n' {
                self.line -= 1;
            }
        }
    }

    fn peek(&mut self) -> Option<char> {
        let c = self.next();
        self.backup();
        c
    }

    fn item(&mut self, kind: Kind) -> Item {
        let val = self
            .input
            .get(self.start..self.pos)
            .unwrap_or("")
            .to_string();
        let it = Item {
            kind,
            pos: self.start,
            val,
            line: self.start_line,
        };
        self.start = self.pos;
        self.start_line = self.line;
        it
    }

    fn emit(&mut self, kind: Kind) -> Next {
        Next::Emit(self.item(kind))
    }

    fn ignore(&mut self) {
        let skipped = self.input.get(self.start..self.pos).unwrap_or("");
        self.line += skipped.matches('\n').count();
        self.start = self.pos;
        self.start_line = self.line;
    }

    fn accept(&mut self, valid: &str) -> bool {
        match self.next() {
            Some(c) if valid.contains(c) => true,
            _ => {
                self.backup();
                false
            }
        }
    }

    fn accept_run(&mut self, valid: &str) {
        while self.next().is_some_and(|c| valid.contains(c)) {}
        self.backup();
    }

    fn errorf(&mut self, msg: String) -> Next {
        self.done = true;
        Next::Emit(Item {
            kind: Kind::Error,
            pos: self.start,
            val: msg,
            line: self.start_line,
        })
    }

    /// The next token; after an error or the end it keeps returning `Eof`.
    pub fn next_item(&mut self) -> Item {
        if self.done {
            return Item {
                kind: Kind::Eof,
                pos: self.pos,
                val: "EOF".to_string(),
                line: self.start_line,
            };
        }
        let mut state = if self.inside_action {
            Next::Inside
        } else {
            Next::Text
        };
        loop {
            state = match state {
                Next::Emit(item) => {
                    if item.kind == Kind::Eof {
                        self.done = true;
                    }
                    return item;
                }
                Next::Text => self.lex_text(),
                Next::Inside => self.lex_inside_action(),
            };
        }
    }

    fn lex_text(&mut self) -> Next {
        if let Some(x) = self.rest().find(LEFT) {
            if x > 0 {
                self.pos += x;
                let delim_end = self.pos + LEFT.len();
                let mut trim = 0;
                if left_trim_marker(self.input.get(delim_end..).unwrap_or("")) {
                    let before = self.input.get(self.start..self.pos).unwrap_or("");
                    trim = before.len() - before.trim_end_matches(SPACE_CHARS).len();
                }
                self.pos -= trim;
                let text = self.input.get(self.start..self.pos).unwrap_or("");
                self.line += text.matches('\n').count();
                let it = self.item(Kind::Text);
                self.pos += trim;
                self.ignore();
                if !it.val.is_empty() {
                    return Next::Emit(it);
                }
            }
            return self.lex_left_delim();
        }
        self.pos = self.input.len();
        if self.pos > self.start {
            let text = self.input.get(self.start..self.pos).unwrap_or("");
            self.line += text.matches('\n').count();
            return self.emit(Kind::Text);
        }
        self.emit(Kind::Eof)
    }

    /// Whether a right delimiter (possibly after a trim marker) starts here.
    fn at_right_delim(&self) -> (bool, bool) {
        let rest = self.rest();
        if right_trim_marker(rest) && rest.get(2..).is_some_and(|r| r.starts_with(RIGHT)) {
            return (true, true);
        }
        (rest.starts_with(RIGHT), false)
    }

    fn lex_left_delim(&mut self) -> Next {
        self.pos += LEFT.len();
        let trim = left_trim_marker(self.rest());
        let after = if trim { 2 } else { 0 };
        if self
            .rest()
            .get(after..)
            .is_some_and(|r| r.starts_with("/*"))
        {
            self.pos += after;
            self.ignore();
            return self.lex_comment();
        }
        let it = self.item(Kind::LeftDelim);
        self.inside_action = true;
        self.pos += after;
        self.ignore();
        self.paren_depth = 0;
        Next::Emit(it)
    }

    fn lex_comment(&mut self) -> Next {
        self.pos += 2;
        let Some(x) = self.rest().find("*/") else {
            return self.errorf("unclosed comment".to_string());
        };
        self.pos += x + 2;
        let (delim, trim) = self.at_right_delim();
        if !delim {
            return self.errorf("comment ends before closing delimiter".to_string());
        }
        let text = self.input.get(self.start..self.pos).unwrap_or("");
        self.line += text.matches('\n').count();
        self.start = self.pos;
        self.start_line = self.line;
        if trim {
            self.pos += 2;
        }
        self.pos += RIGHT.len();
        if trim {
            self.pos += self.rest().len() - self.rest().trim_start_matches(SPACE_CHARS).len();
        }
        self.ignore();
        Next::Text
    }

    fn lex_right_delim(&mut self) -> Next {
        let (_, trim) = self.at_right_delim();
        if trim {
            self.pos += 2;
            self.ignore();
        }
        self.pos += RIGHT.len();
        let it = self.item(Kind::RightDelim);
        if trim {
            self.pos += self.rest().len() - self.rest().trim_start_matches(SPACE_CHARS).len();
            self.ignore();
        }
        self.inside_action = false;
        Next::Emit(it)
    }
}

#[path = "lex_action.rs"]
mod action;
