//! Small lexical pieces of the JSONPath parser: dict keys, slice bounds, filter operators and
//! quoted strings, each mirroring the regular expression or Go routine client-go uses.

use super::parser::Param;

/// `^'([^']*)'$`
pub fn dict_key(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    (!inner.contains('\'')).then_some(inner)
}

/// `^(-?\d*)(:-?\d*)?(:-?\d*)?$` turned into the three slice bounds.
pub fn slice_params(text: &str) -> Result<[Param; 3], String> {
    let parts: Vec<&str> = text.split(':').collect();
    let well_formed = |p: &str| {
        let digits = p.strip_prefix('-').unwrap_or(p);
        digits.chars().all(|c| c.is_ascii_digit())
    };
    if parts.len() > 3 || !parts.iter().all(|p| well_formed(p)) {
        return Err(format!("invalid array index {text}"));
    }
    let number = |s: &str| {
        s.parse::<i64>()
            .map_err(|_| format!("array index {s} is not a number"))
    };
    let mut params = [Param::default(); 3];
    for (i, param) in params.iter_mut().enumerate() {
        if let Some(p) = parts.get(i).filter(|p| !p.is_empty()) {
            *param = Param {
                value: number(p)?,
                known: true,
                derived: false,
            };
        }
    }
    if parts.len() == 1 {
        params[1] = Param {
            value: params[0].value.wrapping_add(1),
            known: true,
            derived: true,
        };
    }
    Ok(params)
}

/// `^([^!<>=]+)([!<>=]+)(.+?)$`
pub fn split_comparison(text: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: char| matches!(c, '!' | '<' | '>' | '=');
    let op_start = text.find(is_op)?;
    if op_start == 0 {
        return None;
    }
    let after = text.get(op_start..)?;
    let op_len = after.find(|c: char| !is_op(c)).unwrap_or(after.len());
    let right = after.get(op_len..)?;
    if right.is_empty() {
        return None;
    }
    Some((text.get(..op_start)?, after.get(..op_len)?, right))
}

/// Go's `UnquoteExtend`: `strconv.Unquote` that also accepts single quotes around strings.
pub fn unquote_extend(s: &str) -> Result<String, String> {
    let syntax = || "invalid syntax".to_string();
    let quote = s.chars().next().ok_or_else(syntax)?;
    if s.len() < 2 || !s.ends_with(quote) || (quote != '"' && quote != '\'') {
        return Err(syntax());
    }
    let body = s.get(1..s.len() - 1).ok_or_else(syntax)?;
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == quote {
            return Err(syntax());
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = chars.next().ok_or_else(syntax)?;
        let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize| {
            let digits: String = (0..n).filter_map(|_| chars.next()).collect();
            if digits.len() != n {
                return Err(syntax());
            }
            u32::from_str_radix(&digits, 16).map_err(|_| syntax())
        };
        let decoded = match e {
            'a' => '\u{7}',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            '\\' => '\\',
            '\'' | '"' if e == quote => e,
            'x' => char::from_u32(hex(&mut chars, 2)?).ok_or_else(syntax)?,
            'u' => char::from_u32(hex(&mut chars, 4)?).ok_or_else(syntax)?,
            'U' => char::from_u32(hex(&mut chars, 8)?).ok_or_else(syntax)?,
            '0'..='7' => {
                let digits: String = std::iter::once(e)
                    .chain((0..2).filter_map(|_| chars.next()))
                    .collect();
                let v = u32::from_str_radix(&digits, 8).map_err(|_| syntax())?;
                if digits.len() != 3 || v > 255 {
                    return Err(syntax());
                }
                char::from_u32(v).ok_or_else(syntax)?
            }
            _ => return Err(syntax()),
        };
        out.push(decoded);
    }
    Ok(out)
}
