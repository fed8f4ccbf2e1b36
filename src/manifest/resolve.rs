//! Scalar resolution as go-yaml v2 (YAML 1.1) does it; kubectl reads manifests with it.
//!
//! Choices that differ from YAML 1.2 parsers and that learners meet:
//! - `y`, `Y`, `yes`, `on` (any of `yes/Yes/YES`, `on/On/ON`, `true/True/TRUE`) are `true`;
//!   `n`, `no`, `off`, `false` likewise `false`.
//! - `~`, `null`, `Null`, `NULL` and the empty scalar are null.
//! - Integers use Go's `ParseInt(s, 0, 64)` after dropping every `_`: `0777` is octal (511),
//!   `0x1F` hex, `0b101` binary, `0o17` octal, `+5` fine. Too big for int64 falls back to
//!   uint64, then to a float.
//! - Floats must match `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (so `1e3` is
//!   1000.0); `.inf`, `-.inf`, `.nan` are the special values; an overflowing float (`1e400`)
//!   stays a string.
//! - Timestamps (`2024-01-02`, `2024-01-02T03:04:05Z`) are recognised but kept as strings.

/// The value of a plain scalar, or of a tagged one, after resolution.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    /// A string that looks like a timestamp; go-yaml hands it over as the string.
    Timestamp(String),
    Str(String),
    /// The merge key `<<`.
    Merge,
}

/// Tags that go-yaml knows how to resolve.
pub(crate) const STR_TAG: &str = "tag:yaml.org,2002:str";
pub(crate) const BOOL_TAG: &str = "tag:yaml.org,2002:bool";
pub(crate) const INT_TAG: &str = "tag:yaml.org,2002:int";
pub(crate) const FLOAT_TAG: &str = "tag:yaml.org,2002:float";
pub(crate) const NULL_TAG: &str = "tag:yaml.org,2002:null";
pub(crate) const TIMESTAMP_TAG: &str = "tag:yaml.org,2002:timestamp";
pub(crate) const BINARY_TAG: &str = "tag:yaml.org,2002:binary";
pub(crate) const MERGE_TAG: &str = "tag:yaml.org,2002:merge";

/// Resolves a plain untagged scalar.
pub(crate) fn resolve_plain(s: &str) -> Scalar {
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Scalar::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Scalar::Bool(false);
        }
        "" | "~" | "null" | "Null" | "NULL" => return Scalar::Null,
        ".nan" | ".NaN" | ".NAN" => return Scalar::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Scalar::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Scalar::Float(f64::NEG_INFINITY),
        "<<" => return Scalar::Merge,
        _ => {}
    }
    match s.as_bytes().first() {
        Some(b'.') => {
            if let Some(f) = finite_float(s) {
                return Scalar::Float(f);
            }
        }
        Some(b'+' | b'-' | b'0'..=b'9') => {
            if is_timestamp(s) {
                return Scalar::Timestamp(s.to_string());
            }
            if let Some(n) = number(s) {
                return n;
            }
        }
        _ => {}
    }
    Scalar::Str(s.to_string())
}

/// Resolves a scalar that carries a tag, returning go-yaml's error text on a mismatch.
pub(crate) fn resolve_tagged(tag: &str, s: &str) -> Result<Scalar, String> {
    let resolved = match (tag, resolve_plain(s)) {
        (STR_TAG, _) => return Ok(Scalar::Str(s.to_string())),
        // Only an explicit `!!timestamp` makes go-yaml look for a timestamp.
        (BOOL_TAG | INT_TAG | FLOAT_TAG | NULL_TAG, Scalar::Timestamp(t)) => Scalar::Str(t),
        (BOOL_TAG | INT_TAG | FLOAT_TAG | NULL_TAG | TIMESTAMP_TAG, r) => r,
        // Tags go-yaml cannot resolve leave the text as it is.
        _ => return Ok(Scalar::Str(s.to_string())),
    };
    let got = match &resolved {
        Scalar::Null => NULL_TAG,
        Scalar::Bool(_) => BOOL_TAG,
        Scalar::Int(_) | Scalar::Uint(_) => INT_TAG,
        Scalar::Float(_) => FLOAT_TAG,
        Scalar::Timestamp(_) => TIMESTAMP_TAG,
        Scalar::Str(_) => STR_TAG,
        Scalar::Merge => MERGE_TAG,
    };
    if got == tag {
        return Ok(resolved);
    }
    // An integer under `!!float` becomes a float; any other mismatch is an error.
    match (tag, &resolved) {
        (FLOAT_TAG, Scalar::Int(i)) => Ok(Scalar::Float(*i as f64)),
        _ => Err(format!(
            "cannot decode {} `{}` as a {}",
            short_tag(got),
            s,
            short_tag(tag)
        )),
    }
}

/// `tag:yaml.org,2002:x` → `!!x`, as go-yaml prints tags.
pub(crate) fn short_tag(tag: &str) -> String {
    match tag.strip_prefix("tag:yaml.org,2002:") {
        Some(rest) => format!("!!{rest}"),
        None => tag.to_string(),
    }
}

/// Integer or float interpretation of a scalar starting with a sign or digit.
fn number(s: &str) -> Option<Scalar> {
    let plain: String = s.chars().filter(|&c| c != '_').collect();
    if let Some(v) = go_parse_int(&plain) {
        return Some(v);
    }
    if let Some(f) = finite_float(&plain) {
        return Some(Scalar::Float(f));
    }
    if let Some(rest) = plain.strip_prefix("-0b") {
        // go-yaml's own negative binary form, which Go's base-0 parser does not accept.
        let magnitude = u64::from_str_radix(rest, 2).ok()?;
        let v = 0i64.checked_sub_unsigned(magnitude)?;
        return Some(Scalar::Int(v));
    }
    None
}

/// Go's `strconv.ParseInt(s, 0, 64)` then `ParseUint(s, 0, 64)` (underscores already gone).
fn go_parse_int(s: &str) -> Option<Scalar> {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    let signed = s.starts_with(['+', '-']);
    let (radix, digits) = if let Some(d) = body.strip_prefix("0x").or(body.strip_prefix("0X")) {
        (16, d)
    } else if let Some(d) = body.strip_prefix("0b").or(body.strip_prefix("0B")) {
        (2, d)
    } else if let Some(d) = body.strip_prefix("0o").or(body.strip_prefix("0O")) {
        (8, d)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, body.get(1..)?)
    } else {
        (10, body)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if negative {
        return 0i64.checked_sub_unsigned(magnitude).map(Scalar::Int);
    }
    match i64::try_from(magnitude) {
        Ok(v) => Some(Scalar::Int(v)),
        // ParseUint refuses a sign, so "+18446744073709551615" is not an integer.
        Err(_) if !signed => Some(Scalar::Uint(magnitude)),
        Err(_) => None,
    }
}

/// go-yaml's float pattern: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Parses a float that matches go-yaml's pattern; Go reports overflow as an error.
fn finite_float(s: &str) -> Option<f64> {
    if !is_yaml_float(s) {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    f.is_finite().then_some(f)
}

/// go-yaml's timestamp test: four digits and `-`, then one of Go's layouts
/// `2006-1-2T15:4:5.999999999Z07:00` (also with `t`), `2006-1-2 15:4:5.999999999`, `2006-1-2`.
pub(crate) fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b.iter().take(4).all(u8::is_ascii_digit) || b.get(4) != Some(&b'-') {
        return false;
    }
    let mut p = Cursor { b, i: 5 };
    let year = b
        .iter()
        .take(4)
        .fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
    let Some(month) = p.num() else { return false };
    if !p.eat(b'-') {
        return false;
    }
    let Some(day) = p.num() else { return false };
    if !(1..=12).contains(&month) || day < 1 || day > days_in(month, year) {
        return false;
    }
    if p.done() {
        return true;
    }
    let zoned = match p.peek() {
        Some(b'T' | b't') => true,
        Some(b' ') => false,
        _ => return false,
    };
    p.i += 1;
    if !zoned {
        // Go treats a run of spaces in the layout as matching a run in the value.
        while p.peek() == Some(b' ') {
            p.i += 1;
        }
    }
    let Some(hour) = p.num() else { return false };
    if !p.eat(b':') {
        return false;
    }
    let Some(minute) = p.num() else { return false };
    if !p.eat(b':') {
        return false;
    }
    let Some(second) = p.num() else { return false };
    if hour >= 24 || minute >= 60 || second >= 60 {
        return false;
    }
    if matches!(p.peek(), Some(b'.' | b',')) && p.b.get(p.i + 1).is_some_and(u8::is_ascii_digit) {
        p.i += 1;
        while p.peek().is_some_and(|c| c.is_ascii_digit()) {
            p.i += 1;
        }
    }
    if !zoned {
        return p.done();
    }
    match p.peek() {
        Some(b'Z') => {
            p.i += 1;
            p.done()
        }
        Some(b'+' | b'-') => {
            let digit = |c: &u8| u32::from(c.wrapping_sub(b'0'));
            match p.b.get(p.i + 1..) {
                Some([h1, h2, b':', m1, m2])
                    if [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) =>
                {
                    digit(h1) * 10 + digit(h2) <= 24 && digit(m1) * 10 + digit(m2) <= 60
                }
                _ => false,
            }
        }
        _ => false,
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn done(&self) -> bool {
        self.i >= self.b.len()
    }
    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        self.i += usize::from(hit);
        hit
    }
    /// One or two digits, as Go's layout elements `1`, `2`, `15`, `4`, `5` read them.
    fn num(&mut self) -> Option<u32> {
        let d0 = self.peek().filter(u8::is_ascii_digit)?;
        self.i += 1;
        let mut v = u32::from(d0 - b'0');
        if let Some(d1) = self.peek().filter(u8::is_ascii_digit) {
            self.i += 1;
            v = v * 10 + u32::from(d1 - b'0');
        }
        Some(v)
    }
}

fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// go-yaml's marshaller quotes strings matching this "base 60 float" pattern:
/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
pub(crate) fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    if !b.get(i).is_some_and(u8::is_ascii_digit) || !s.contains(':') {
        return false;
    }
    while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        // `[0-5]?[0-9]`: one digit, or two when the first is 0-5.
        match (b.get(i), b.get(i + 1)) {
            (Some(b'0'..=b'5'), Some(b'0'..=b'9')) => i += 2,
            (Some(b'0'..=b'9'), _) => i += 1,
            _ => return false,
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
            i += 1;
        }
    }
    i == b.len()
}
