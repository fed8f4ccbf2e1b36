//! Program text to tokens; a `/` starts a regular expression where an operand is expected.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Num(f64),
    Str(String),
    Re(String),
    Name(String),
    Sym(&'static str),
    Newline,
}

const SYMS: [&str; 40] = [
    "+=", "-=", "*=", "/=", "%=", "^=", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "!~", "{",
    "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", "<", ">", "~", "?", ":",
    "=", "$", "|", "&", ".",
];

/// Splits an awk program into tokens.
pub(super) fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let c: Vec<char> = src.chars().collect();
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    while let Some(&ch) = c.get(i) {
        let operand_before = matches!(
            out.last(),
            Some(
                Tok::Num(_) | Tok::Str(_) | Tok::Name(_) | Tok::Sym(")" | "]" | "$" | "++" | "--")
            )
        );
        if ch == ' ' || ch == '\t' || ch == '\r' {
            i += 1;
        } else if ch == '\\' && c.get(i + 1) == Some(&'\n') {
            i += 2;
        } else if ch == '\n' {
            out.push(Tok::Newline);
            i += 1;
        } else if ch == '#' {
            while c.get(i).is_some_and(|x| *x != '\n') {
                i += 1;
            }
        } else if ch.is_ascii_digit()
            || (ch == '.' && c.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            out.push(Tok::Num(number(&c, &mut i)));
        } else if ch.is_ascii_alphabetic() || ch == '_' {
            let start = i;
            while c
                .get(i)
                .is_some_and(|x| x.is_ascii_alphanumeric() || *x == '_')
            {
                i += 1;
            }
            out.push(Tok::Name(c.get(start..i).unwrap_or(&[]).iter().collect()));
        } else if ch == '"' {
            out.push(Tok::Str(string(&c, &mut i)?));
        } else if ch == '/' && !operand_before {
            out.push(Tok::Re(regex(&c, &mut i)?));
        } else {
            let sym = SYMS
                .iter()
                .find(|s| {
                    s.chars()
                        .enumerate()
                        .all(|(k, sc)| c.get(i + k) == Some(&sc))
                })
                .ok_or_else(|| {
                    format!("syntax error at source line 1: unexpected character '{ch}'")
                })?;
            i += sym.len();
            out.push(Tok::Sym(sym));
        }
    }
    Ok(out)
}

/// A number: digits with an optional fraction and exponent.
fn number(c: &[char], i: &mut usize) -> f64 {
    let start = *i;
    while c.get(*i).is_some_and(|x| x.is_ascii_digit() || *x == '.') {
        *i += 1;
    }
    if matches!(c.get(*i), Some('e' | 'E'))
        && c.get(*i + 1)
            .is_some_and(|x| x.is_ascii_digit() || *x == '-' || *x == '+')
    {
        *i += 2;
        while c.get(*i).is_some_and(char::is_ascii_digit) {
            *i += 1;
        }
    }
    let s: String = c.get(start..*i).unwrap_or(&[]).iter().collect();
    s.parse().unwrap_or(0.0)
}

/// A string constant from its opening quote, with `\n`, `\t`, `\r`, `\"`, `\\` and `\/`
/// escapes (other escapes are kept as written).
fn string(c: &[char], i: &mut usize) -> Result<String, String> {
    *i += 1;
    let mut s = String::new();
    loop {
        let Some(&x) = c.get(*i) else {
            return Err("runaway string constant".into());
        };
        *i += 1;
        match x {
            '"' => break,
            '\\' => {
                let n = c.get(*i).copied().unwrap_or('\\');
                *i += 1;
                match n {
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    '"' | '\\' | '/' => s.push(n),
                    other => {
                        s.push('\\');
                        s.push(other);
                    }
                }
            }
            other => s.push(other),
        }
    }
    Ok(s)
}

/// A regular expression between slashes; `\/` is a slash, other escapes stay for the regex.
fn regex(c: &[char], i: &mut usize) -> Result<String, String> {
    *i += 1;
    let mut s = String::new();
    loop {
        let Some(&x) = c.get(*i) else {
            return Err("runaway regular expression".into());
        };
        *i += 1;
        match x {
            '/' => break,
            '\\' if c.get(*i) == Some(&'/') => {
                s.push('/');
                *i += 1;
            }
            '\\' => {
                s.push('\\');
                if let Some(&n) = c.get(*i) {
                    s.push(n);
                    *i += 1;
                }
            }
            other => s.push(other),
        }
    }
    Ok(s)
}
