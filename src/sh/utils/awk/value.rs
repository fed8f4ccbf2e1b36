//! awk values (numbers, strings, and input strings that may compare as numbers) and `printf`.

/// An awk value: a number, a string, or a string from input that may compare as a number.
#[derive(Debug, Clone)]
pub(super) enum V {
    Num(f64),
    Str(String),
    StrNum(String),
}

pub(super) fn parse_num(s: &str) -> f64 {
    let t = s.trim_start();
    let mut end = 0;
    let mut seen_dot = false;
    let mut seen_e = false;
    for (i, c) in t.char_indices() {
        let ok = c.is_ascii_digit()
            || (i == 0 && (c == '-' || c == '+'))
            || (c == '.' && !seen_dot && !seen_e)
            || ((c == 'e' || c == 'E') && !seen_e && i > 0);
        if !ok {
            break;
        }
        seen_dot |= c == '.';
        seen_e |= c == 'e' || c == 'E';
        end = i + c.len_utf8();
    }
    let mut slice = t.get(..end).unwrap_or("");
    while !slice.is_empty() && slice.parse::<f64>().is_err() {
        slice = slice.get(..slice.len() - 1).unwrap_or("");
    }
    slice.parse().unwrap_or(0.0)
}

pub(super) fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.parse::<f64>().is_ok()
}

/// Formats a number as awk prints it (`%.6g`, integers without a point).
pub(crate) fn num_str(n: f64) -> String {
    if n.is_nan() {
        return "nan".into();
    }
    if n.fract() == 0.0 && n.abs() < 1e16 {
        return format!("{}", n as i64);
    }
    let exp = n.abs().log10().floor() as i32;
    if !(-4..6).contains(&exp) {
        let s = format!("{:.5e}", n);
        let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
        let mant = mant.trim_end_matches('0').trim_end_matches('.');
        let e: i32 = e.parse().unwrap_or(0);
        return format!("{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    let decimals = usize::try_from(5 - exp).unwrap_or(0);
    let s = format!("{n:.decimals$}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl V {
    pub(super) fn num(&self) -> f64 {
        match self {
            V::Num(n) => *n,
            V::Str(s) | V::StrNum(s) => parse_num(s),
        }
    }

    pub(super) fn str(&self) -> String {
        match self {
            V::Num(n) => num_str(*n),
            V::Str(s) | V::StrNum(s) => s.clone(),
        }
    }

    pub(super) fn truthy(&self) -> bool {
        match self {
            V::Num(n) => *n != 0.0,
            V::Str(s) => !s.is_empty(),
            V::StrNum(s) => {
                if looks_numeric(s) {
                    parse_num(s) != 0.0
                } else {
                    !s.is_empty()
                }
            }
        }
    }

    pub(super) fn numeric(&self) -> bool {
        match self {
            V::Num(_) => true,
            V::StrNum(s) => looks_numeric(s),
            V::Str(_) => false,
        }
    }
}

/// awk's printf: `%s %d %i %f %e %g %x %o %c %%` with flags, width and precision.
pub(super) fn sprintf(vals: &[V]) -> String {
    let Some(fmt) = vals.first().map(V::str) else {
        return String::new();
    };
    let mut args = vals.iter().skip(1);
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        let start = i;
        while chars.get(i).is_some_and(|x| "-+ 0#.123456789".contains(*x)) {
            i += 1;
        }
        let spec: String = chars.get(start..i).unwrap_or(&[]).iter().collect();
        let Some(&conv) = chars.get(i) else { break };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = args.next().cloned().unwrap_or(V::Str(String::new()));
        let (flags, rest) = spec.split_at(
            spec.find(|c: char| c.is_ascii_digit() && c != '0' || c == '.')
                .unwrap_or(spec.len()),
        );
        let (w, prec) = match rest.split_once('.') {
            Some((w, p)) => (
                w.parse::<usize>().unwrap_or(0),
                Some(p.parse::<usize>().unwrap_or(0)),
            ),
            None => (rest.parse::<usize>().unwrap_or(0), None),
        };
        let w = w.min(10_000);
        let body = match conv {
            'd' | 'i' => format!("{}", v.num().trunc() as i64),
            'x' => format!("{:x}", v.num() as i64),
            'X' => format!("{:X}", v.num() as i64),
            'o' => format!("{:o}", v.num() as i64),
            'c' => match &v {
                V::Num(n) => char::from_u32(*n as u32)
                    .map(String::from)
                    .unwrap_or_default(),
                other => other
                    .str()
                    .chars()
                    .next()
                    .map(String::from)
                    .unwrap_or_default(),
            },
            'f' | 'F' => format!("{:.*}", prec.unwrap_or(6).min(100), v.num()),
            'e' | 'E' => format!("{:.*e}", prec.unwrap_or(6).min(100), v.num()),
            'g' | 'G' => num_str(v.num()),
            's' => match prec {
                Some(p) => v.str().chars().take(p).collect(),
                None => v.str(),
            },
            other => format!("%{spec}{other}"),
        };
        let len = body.chars().count();
        if len >= w {
            out.push_str(&body);
        } else if flags.contains('-') {
            out.push_str(&body);
            out.push_str(&" ".repeat(w - len));
        } else if flags.contains('0') && conv != 's' {
            out.push_str(&"0".repeat(w - len));
            out.push_str(&body);
        } else {
            out.push_str(&" ".repeat(w - len));
            out.push_str(&body);
        }
    }
    out
}
