//! A syntax check of JSON text with the error messages of Go's `encoding/json` scanner, which the
//! API server uses to read patch bodies (`invalid character '}' after top-level value`).

use crate::gofmt::quote::quote_char;

fn invalid(c: char, context: &str) -> String {
    format!("invalid character {} {context}", quote_char(c))
}

const END: &str = "unexpected end of JSON input";

struct Scan<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

impl Scan<'_> {
    fn skip_space(&mut self) {
        while self
            .chars
            .peek()
            .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        {
            self.chars.next();
        }
    }

    fn value(&mut self) -> Result<(), String> {
        self.skip_space();
        match self.chars.next() {
            None => Err(END.to_string()),
            Some('{') => self.object(),
            Some('[') => self.array(),
            Some('"') => self.string(),
            Some(c @ ('-' | '0'..='9')) => self.number(c),
            Some('t') => self.literal("rue", "true"),
            Some('f') => self.literal("alse", "false"),
            Some('n') => self.literal("ull", "null"),
            Some(c) => Err(invalid(c, "looking for beginning of value")),
        }
    }

    fn literal(&mut self, rest: &str, word: &str) -> Result<(), String> {
        for expected in rest.chars() {
            match self.chars.next() {
                None => return Err(END.to_string()),
                Some(c) if c == expected => {}
                Some(c) => {
                    return Err(invalid(
                        c,
                        &format!("in literal {word} (expecting {})", quote_char(expected)),
                    ));
                }
            }
        }
        Ok(())
    }

    fn string(&mut self) -> Result<(), String> {
        loop {
            match self.chars.next() {
                None => return Err(END.to_string()),
                Some('"') => return Ok(()),
                Some('\\') => match self.chars.next() {
                    None => return Err(END.to_string()),
                    Some('"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't') => {}
                    Some('u') => {
                        for _ in 0..4 {
                            match self.chars.next() {
                                None => return Err(END.to_string()),
                                Some(h) if h.is_ascii_hexdigit() => {}
                                Some(h) => {
                                    return Err(invalid(h, "in \\u hexadecimal character escape"));
                                }
                            }
                        }
                    }
                    Some(c) => return Err(invalid(c, "in string escape code")),
                },
                Some(c) if (c as u32) < 0x20 => return Err(invalid(c, "in string literal")),
                Some(_) => {}
            }
        }
    }

    fn number(&mut self, first: char) -> Result<(), String> {
        let mut prev = first;
        if first == '-' {
            match self.chars.next() {
                None => return Err(END.to_string()),
                Some(c) if c.is_ascii_digit() => prev = c,
                Some(c) => return Err(invalid(c, "in numeric literal")),
            }
        }
        let mut int_digits = if prev == '0' { 0 } else { 1 };
        while let Some(&c) = self.chars.peek() {
            match c {
                '0'..='9' if prev == '0' && int_digits == 0 => {
                    return Err(invalid(c, "after top-level value"));
                }
                '0'..='9' => {
                    int_digits += 1;
                    self.chars.next();
                }
                '.' | 'e' | 'E' | '+' | '-' => {
                    self.chars.next();
                    if let Some(&n) = self.chars.peek()
                        && !n.is_ascii_digit()
                        && !matches!((c, n), ('e' | 'E', '+' | '-'))
                    {
                        return Err(invalid(n, "in numeric literal"));
                    }
                }
                _ => break,
            }
            prev = c;
        }
        Ok(())
    }

    fn object(&mut self) -> Result<(), String> {
        self.skip_space();
        match self.chars.next() {
            None => return Err(END.to_string()),
            Some('}') => return Ok(()),
            Some('"') => self.string()?,
            Some(c) => return Err(invalid(c, "looking for beginning of object key string")),
        }
        loop {
            self.skip_space();
            match self.chars.next() {
                None => return Err(END.to_string()),
                Some(':') => {}
                Some(c) => return Err(invalid(c, "after object key")),
            }
            self.value()?;
            self.skip_space();
            match self.chars.next() {
                None => return Err(END.to_string()),
                Some('}') => return Ok(()),
                Some(',') => {}
                Some(c) => return Err(invalid(c, "after object key:value pair")),
            }
            self.skip_space();
            match self.chars.next() {
                None => return Err(END.to_string()),
                Some('"') => self.string()?,
                Some(c) => return Err(invalid(c, "looking for beginning of object key string")),
            }
        }
    }

    fn array(&mut self) -> Result<(), String> {
        self.skip_space();
        if self.chars.peek() == Some(&']') {
            self.chars.next();
            return Ok(());
        }
        loop {
            self.value()?;
            self.skip_space();
            match self.chars.next() {
                None => return Err(END.to_string()),
                Some(']') => return Ok(()),
                Some(',') => {}
                Some(c) => return Err(invalid(c, "after array element")),
            }
        }
    }
}

/// Checks `text` as Go's `json.Unmarshal` would; the error is Go's message.
pub(crate) fn check(text: &str) -> Result<(), String> {
    let mut s = Scan {
        chars: text.chars().peekable(),
    };
    s.value()?;
    s.skip_space();
    match s.chars.next() {
        None => Ok(()),
        Some(c) => Err(invalid(c, "after top-level value")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_messages() {
        assert_eq!(check(r#"{"a":1}"#), Ok(()));
        assert_eq!(
            check(r#"{"a":{"b":1}}}"#),
            Err("invalid character '}' after top-level value".to_string())
        );
        assert_eq!(check(r#"{"a":1"#), Err(END.to_string()));
        assert_eq!(
            check(r#"{a:1}"#),
            Err("invalid character 'a' looking for beginning of object key string".to_string())
        );
        assert_eq!(
            check(r#"{"a":1]"#),
            Err("invalid character ']' after object key:value pair".to_string())
        );
        assert_eq!(
            check(r#"{"a" 1}"#),
            Err("invalid character '1' after object key".to_string())
        );
        assert_eq!(
            check(r#"{"a":[1 2]}"#),
            Err("invalid character '2' after array element".to_string())
        );
        assert_eq!(
            check(r#"{"a":tru}"#),
            Err("invalid character '}' in literal true (expecting 'e')".to_string())
        );
        assert_eq!(check(r#"[{"op":"add"},{"op":"remove"}] "#), Ok(()));
    }
}
