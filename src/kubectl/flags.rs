//! Command-line flags parsed the way kubectl's flag library (pflag) does it: `--name=value`,
//! `--name value`, `-n value`, `-nvalue`, `-n=value`, bundled short booleans (`-it`), `--` ending the
//! flags, flags anywhere among the arguments, and pflag's error texts.

use super::duration::parse_go_duration;

/// What a flag holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `true`/`false`; `--name` alone means true.
    Bool,
    /// Any text.
    Str,
    /// A decimal integer (Go `int`).
    Int,
    /// A Go duration such as `30s` or `1m30s`.
    Duration,
    /// A comma-separated list; repeating the flag adds to it (`-f a.yaml,b.yaml -f c.yaml`).
    Strings,
    /// A repeatable value that is not split on commas (`--for`).
    Array,
}

/// A flag definition.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    /// The long name without dashes.
    pub long: &'static str,
    /// The one-letter shorthand.
    pub short: Option<char>,
    /// The value type.
    pub ty: Ty,
    /// The value used when the flag is given without one (pflag's NoOptDefVal).
    pub no_opt: Option<&'static str>,
    /// Hidden or deprecated (pflag `MarkHidden`/`MarkDeprecated`): still accepted, but
    /// completion leaves it out (cobra completions.go `nonCompletableFlag`).
    pub hidden: bool,
}

/// A flag with a long name only.
pub const fn long(name: &'static str, ty: Ty) -> Flag {
    Flag {
        long: name,
        short: None,
        ty,
        no_opt: None,
        hidden: false,
    }
}

/// A flag with a shorthand.
pub const fn short(name: &'static str, s: char, ty: Ty) -> Flag {
    Flag {
        long: name,
        short: Some(s),
        ty,
        no_opt: None,
        hidden: false,
    }
}

/// A flag whose value is optional.
pub const fn optional(name: &'static str, ty: Ty, default: &'static str) -> Flag {
    Flag {
        long: name,
        short: None,
        ty,
        no_opt: Some(default),
        hidden: false,
    }
}

impl Flag {
    /// The same flag, marked deprecated: kubectl still accepts it and completion skips it.
    pub const fn deprecated(self) -> Flag {
        Flag {
            hidden: true,
            ..self
        }
    }

    fn default_when_bare(&self) -> Option<&'static str> {
        match (self.no_opt, self.ty) {
            (Some(v), _) => Some(v),
            (None, Ty::Bool) => Some("true"),
            _ => None,
        }
    }

    /// `--name` or `-s, --name`, as pflag names a flag in its errors.
    fn display(&self) -> String {
        match self.short {
            Some(s) => format!("-{s}, --{}", self.long),
            None => format!("--{}", self.long),
        }
    }
}

/// The result of parsing: flag values in the order given, and the positional arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    values: Vec<(&'static str, String)>,
    /// Positional arguments, in order.
    pub args: Vec<String>,
    /// How many positional arguments came before `--` (cobra's ArgsLenAtDash).
    pub dash_at: Option<usize>,
}

impl Parsed {
    /// Whether the flag was given.
    pub fn has(&self, name: &str) -> bool {
        self.values.iter().any(|(n, _)| *n == name)
    }

    /// The last value given for the flag.
    pub fn str(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The flag's value as a boolean (false when absent).
    pub fn bool(&self, name: &str) -> bool {
        self.str(name).and_then(parse_bool).unwrap_or(false)
    }

    /// The flag's value as a boolean, or `default` when absent.
    pub fn bool_or(&self, name: &str, default: bool) -> bool {
        self.str(name).and_then(parse_bool).unwrap_or(default)
    }

    /// The flag's value as an integer.
    pub fn int(&self, name: &str) -> Option<i64> {
        self.str(name).and_then(|v| parse_int(v).ok())
    }

    /// The flag's value as milliseconds.
    pub fn duration_ms(&self, name: &str) -> Option<i64> {
        self.str(name).and_then(|v| parse_go_duration(v).ok())
    }

    /// Every value of a list flag, comma-separated values split.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(n, _)| *n == name)
            .flat_map(|(_, v)| split_csv(v))
            .collect()
    }

    /// Every value of a repeatable flag, unsplit.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// pflag's string-slice reading: comma-separated, with double quotes protecting commas.
fn split_csv(v: &str) -> Vec<String> {
    if v.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for ch in v.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Go's `strconv.ParseBool`.
pub fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Go's `strconv.ParseInt(v, 0, 64)` error texts, decimal only.
pub fn parse_int(v: &str) -> Result<i64, String> {
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.ParseInt: parsing \"{v}\": invalid syntax"));
    }
    v.parse::<i64>()
        .map_err(|_| format!("strconv.ParseInt: parsing \"{v}\": value out of range"))
}

fn check(flag: &Flag, value: &str) -> Result<(), String> {
    let problem = match flag.ty {
        Ty::Bool => parse_bool(value)
            .is_none()
            .then(|| format!("strconv.ParseBool: parsing \"{value}\": invalid syntax")),
        Ty::Int => parse_int(value).err(),
        Ty::Duration => parse_go_duration(value).err(),
        Ty::Str | Ty::Strings | Ty::Array => None,
    };
    match problem {
        // The cascade and dry-run flags check their own values later.
        Some(p) if flag.no_opt.is_none() || flag.ty != Ty::Str => Err(format!(
            "invalid argument \"{value}\" for \"{}\" flag: {p}",
            flag.display()
        )),
        _ => Ok(()),
    }
}

/// Parses `args` against the flags of a command (its own and the global ones).
pub fn parse(args: &[String], flags: &[&[Flag]]) -> Result<Parsed, String> {
    let find_long = |name: &str| flags.iter().flat_map(|s| s.iter()).find(|f| f.long == name);
    let find_short = |c: char| {
        flags
            .iter()
            .flat_map(|s| s.iter())
            .find(|f| f.short == Some(c))
    };
    let mut out = Parsed::default();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        i += 1;
        if arg == "--" {
            out.dash_at = Some(out.args.len());
            out.args.extend(args.iter().skip(i).cloned());
            break;
        }
        if let Some(body) = arg.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (body, None),
            };
            let Some(flag) = find_long(name) else {
                return Err(format!("unknown flag: --{name}"));
            };
            let value = match (inline, flag.default_when_bare()) {
                (Some(v), _) => v.to_string(),
                (None, Some(d)) => d.to_string(),
                (None, None) => match args.get(i) {
                    Some(next) => {
                        i += 1;
                        next.clone()
                    }
                    None => return Err(format!("flag needs an argument: --{name}")),
                },
            };
            check(flag, &value)?;
            out.values.push((flag.long, value));
            continue;
        }
        let Some(shorts) = arg.strip_prefix('-').filter(|s| !s.is_empty()) else {
            out.args.push(arg.clone());
            continue;
        };
        let mut rest = shorts;
        while let Some(c) = rest.chars().next() {
            let after = rest.get(c.len_utf8()..).unwrap_or("");
            let Some(flag) = find_short(c) else {
                return Err(format!("unknown shorthand flag: '{c}' in -{shorts}"));
            };
            let value = if let Some(v) = after.strip_prefix('=') {
                rest = "";
                v.to_string()
            } else if let Some(d) = flag.default_when_bare() {
                rest = after;
                d.to_string()
            } else if !after.is_empty() {
                rest = "";
                after.to_string()
            } else {
                rest = "";
                match args.get(i) {
                    Some(next) => {
                        i += 1;
                        next.clone()
                    }
                    None => {
                        return Err(format!("flag needs an argument: '{c}' in -{shorts}"));
                    }
                }
            };
            check(flag, &value)?;
            out.values.push((flag.long, value));
        }
    }
    Ok(out)
}

/// The positions (in `args`) of the words that are not flags or flag values, as cobra finds
/// subcommands: a flag that is not boolean takes the next word as its value.
pub fn positional_indices(args: &[String], flags: &[&[Flag]]) -> Vec<usize> {
    let takes_value_long = |name: &str| {
        flags
            .iter()
            .flat_map(|s| s.iter())
            .find(|f| f.long == name)
            .is_none_or(|f| f.default_when_bare().is_none())
    };
    let takes_value_short = |c: char| {
        flags
            .iter()
            .flat_map(|s| s.iter())
            .find(|f| f.short == Some(c))
            .is_none_or(|f| f.default_when_bare().is_none())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(s) = args.get(i) {
        if s == "--" {
            break;
        }
        if let Some(name) = s.strip_prefix("--") {
            if !name.contains('=') && takes_value_long(name) {
                i += 1;
            }
        } else if let Some(short) = s.strip_prefix('-').filter(|x| !x.is_empty()) {
            let mut chars = short.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && takes_value_short(c)
            {
                i += 1;
            }
        } else {
            out.push(i);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
#[path = "flags_tests.rs"]
mod tests;
