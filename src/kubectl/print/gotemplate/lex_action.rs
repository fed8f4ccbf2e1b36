//! The tokens inside an action (lex.go, `lexInsideAction` and the states it calls).

use super::{Kind, Lexer, Next, is_alnum, is_space, keyword, right_trim_marker};

/// Go's `%#U`: `U+007D '}'`, without the quoted character when it is not printable.
fn sharp_u(c: char) -> String {
    let code = u32::from(c);
    if crate::gofmt::quote::is_print(c) {
        format!("U+{code:04X} '{c}'")
    } else {
        format!("U+{code:04X}")
    }
}

impl Lexer<'_> {
    pub(super) fn lex_inside_action(&mut self) -> Next {
        let (delim, _) = self.at_right_delim();
        if delim {
            if self.paren_depth == 0 {
                return self.lex_right_delim();
            }
            return self.errorf("unclosed left paren".to_string());
        }
        let Some(c) = self.next() else {
            return self.errorf("unclosed action".to_string());
        };
        match c {
            c if is_space(c) => {
                self.backup();
                self.lex_space()
            }
            '=' => self.emit(Kind::Assign),
            ':' => {
                if self.next() != Some('=') {
                    return self.errorf("expected :=".to_string());
                }
                self.emit(Kind::Declare)
            }
            '|' => self.emit(Kind::Pipe),
            '"' => self.lex_quote(),
            '`' => self.lex_raw_quote(),
            '$' => {
                if self.at_terminator() {
                    return self.emit(Kind::Variable);
                }
                self.lex_field_or_variable(Kind::Variable)
            }
            '\'' => self.lex_char(),
            '.' if !self.rest().starts_with(|d: char| d.is_ascii_digit())
                && !self.rest().is_empty() =>
            {
                self.lex_field_or_variable(Kind::Field)
            }
            '.' | '+' | '-' | '0'..='9' => {
                self.backup();
                self.lex_number()
            }
            c if is_alnum(c) => {
                self.backup();
                self.lex_identifier()
            }
            '(' => {
                self.paren_depth += 1;
                self.emit(Kind::LeftParen)
            }
            ')' => {
                if self.paren_depth == 0 {
                    return self.errorf("unexpected right paren".to_string());
                }
                self.paren_depth -= 1;
                self.emit(Kind::RightParen)
            }
            c if c.is_ascii() && !c.is_ascii_control() => self.emit(Kind::Char),
            c => self.errorf(format!("unrecognized character in action: {}", sharp_u(c))),
        }
    }

    fn lex_space(&mut self) -> Next {
        let mut spaces = 0;
        while self.peek().is_some_and(is_space) {
            self.next();
            spaces += 1;
        }
        // A space may begin a trim-marked right delimiter (" -}}").
        let back = self.input.get(self.pos.saturating_sub(1)..).unwrap_or("");
        if right_trim_marker(back) && back.get(2..).is_some_and(|r| r.starts_with(super::RIGHT)) {
            self.backup();
            if spaces == 1 {
                return self.lex_right_delim();
            }
        }
        self.emit(Kind::Space)
    }

    fn lex_identifier(&mut self) -> Next {
        loop {
            let c = self.next();
            if c.is_some_and(is_alnum) {
                continue;
            }
            self.backup();
            if !self.at_terminator() {
                return self.errorf(format!(
                    "bad character {}",
                    c.map(sharp_u).unwrap_or_default()
                ));
            }
            let word = self.input.get(self.start..self.pos).unwrap_or("");
            return match keyword(word) {
                // break and continue are keywords only where no function of that name exists.
                Some(k) => self.emit(k),
                None if word.starts_with('.') => self.emit(Kind::Field),
                None if word == "true" || word == "false" => self.emit(Kind::Bool),
                None => self.emit(Kind::Identifier),
            };
        }
    }

    fn lex_field_or_variable(&mut self, kind: Kind) -> Next {
        if self.at_terminator() {
            return self.emit(if kind == Kind::Variable {
                Kind::Variable
            } else {
                Kind::Dot
            });
        }
        let last = loop {
            let c = self.next();
            if !c.is_some_and(is_alnum) {
                self.backup();
                break c;
            }
        };
        if !self.at_terminator() {
            return self.errorf(format!(
                "bad character {}",
                last.map(sharp_u).unwrap_or_default()
            ));
        }
        self.emit(kind)
    }

    /// Whether the next character may end an identifier (space, `. , | : ( )`, the end, `}}`).
    fn at_terminator(&mut self) -> bool {
        match self.peek() {
            None => true,
            Some(c) if is_space(c) => true,
            Some('.' | ',' | '|' | ':' | ')' | '(') => true,
            Some(_) => self.rest().starts_with(super::RIGHT),
        }
    }

    fn lex_char(&mut self) -> Next {
        loop {
            match self.next() {
                Some('\\') => {
                    if matches!(self.next(), None | Some('\n')) {
                        return self.errorf("unterminated character constant".to_string());
                    }
                }
                None | Some('\n') => {
                    return self.errorf("unterminated character constant".to_string());
                }
                Some('\'') => return self.emit(Kind::CharConstant),
                Some(_) => {}
            }
        }
    }

    fn lex_number(&mut self) -> Next {
        let bad = |l: &mut Self| {
            let text = l.input.get(l.start..l.pos).unwrap_or("");
            let msg = format!("bad number syntax: {}", crate::gofmt::quote::quote(text));
            l.errorf(msg)
        };
        if !self.scan_number() {
            return bad(self);
        }
        if matches!(self.peek(), Some('+' | '-')) {
            if !self.scan_number() || !self.input.get(..self.pos).is_some_and(|s| s.ends_with('i'))
            {
                return bad(self);
            }
            return self.emit(Kind::Complex);
        }
        self.emit(Kind::Number)
    }

    fn scan_number(&mut self) -> bool {
        self.accept("+-");
        let mut digits = "0123456789_";
        if self.accept("0") {
            if self.accept("xX") {
                digits = "0123456789abcdefABCDEF_";
            } else if self.accept("oO") {
                digits = "01234567_";
            } else if self.accept("bB") {
                digits = "01_";
            }
        }
        self.accept_run(digits);
        if self.accept(".") {
            self.accept_run(digits);
        }
        if digits.len() == 11 && self.accept("eE") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        if digits.len() == 23 && self.accept("pP") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        self.accept("i");
        if self.peek().is_some_and(is_alnum) {
            self.next();
            return false;
        }
        true
    }

    fn lex_quote(&mut self) -> Next {
        loop {
            match self.next() {
                Some('\\') => {
                    if matches!(self.next(), None | Some('\n')) {
                        return self.errorf("unterminated quoted string".to_string());
                    }
                }
                None | Some('\n') => return self.errorf("unterminated quoted string".to_string()),
                Some('"') => return self.emit(Kind::String),
                Some(_) => {}
            }
        }
    }

    fn lex_raw_quote(&mut self) -> Next {
        loop {
            match self.next() {
                None => return self.errorf("unterminated raw quoted string".to_string()),
                Some('`') => return self.emit(Kind::RawString),
                Some(_) => {}
            }
        }
    }
}
