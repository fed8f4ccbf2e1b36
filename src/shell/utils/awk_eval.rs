//! Runs a compiled awk program over input records.

use std::collections::BTreeMap;

use super::awk::{Expr, Rule, Stmt};
use super::regex::Regex;

/// An awk value: a number, a string, or a string from input that may compare as a number.
#[derive(Debug, Clone)]
enum V {
    Num(f64),
    Str(String),
    StrNum(String),
}

fn parse_num(s: &str) -> f64 {
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

fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.parse::<f64>().is_ok()
}

/// Formats a number as awk prints it (`%.6g`, integers without a point).
pub(super) fn num_str(n: f64) -> String {
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
    fn num(&self) -> f64 {
        match self {
            V::Num(n) => *n,
            V::Str(s) | V::StrNum(s) => parse_num(s),
        }
    }

    fn str(&self) -> String {
        match self {
            V::Num(n) => num_str(*n),
            V::Str(s) | V::StrNum(s) => s.clone(),
        }
    }

    fn truthy(&self) -> bool {
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

    fn numeric(&self) -> bool {
        match self {
            V::Num(_) => true,
            V::StrNum(s) => looks_numeric(s),
            V::Str(_) => false,
        }
    }
}

enum Flow {
    Next,
    Exit,
}

/// The awk machine: variables, arrays, the current record and what has been printed.
pub(super) struct Machine {
    rules: Vec<Rule>,
    regexes: Vec<Regex>,
    vars: BTreeMap<String, V>,
    arrays: BTreeMap<String, BTreeMap<String, V>>,
    fields: Vec<String>,
    record: String,
    /// What the program printed.
    pub output: String,
    /// Errors to print on standard error.
    pub error: String,
    exit_code: i32,
    steps: usize,
}

const STEP_LIMIT: usize = 5_000_000;

impl Machine {
    pub(super) fn new(rules: Vec<Rule>, regexes: Vec<Regex>) -> Machine {
        let mut vars = BTreeMap::new();
        vars.insert("FS".to_string(), V::Str(" ".into()));
        vars.insert("OFS".to_string(), V::Str(" ".into()));
        vars.insert("ORS".to_string(), V::Str("\n".into()));
        vars.insert("SUBSEP".to_string(), V::Str("\u{1c}".into()));
        Machine {
            rules,
            regexes,
            vars,
            arrays: BTreeMap::new(),
            fields: Vec::new(),
            record: String::new(),
            output: String::new(),
            error: String::new(),
            exit_code: 0,
            steps: 0,
        }
    }

    pub(super) fn set_var(&mut self, name: &str, value: &str) {
        let (v, _) = crate::shell::interp::builtins_unescape(value, false);
        self.vars.insert(name.to_string(), V::StrNum(v));
    }

    fn var(&self, name: &str) -> V {
        match name {
            "NF" => V::Num(self.fields.len() as f64),
            _ => self
                .vars
                .get(name)
                .cloned()
                .unwrap_or(V::Str(String::new())),
        }
    }

    fn split_record(&mut self) {
        let fs = self.var("FS").str();
        self.fields = split_fields(&self.record, &fs);
    }

    fn field(&self, i: usize) -> V {
        if i == 0 {
            return V::StrNum(self.record.clone());
        }
        V::StrNum(self.fields.get(i - 1).cloned().unwrap_or_default())
    }

    fn set_field(&mut self, i: usize, v: String) {
        if i == 0 {
            self.record = v;
            self.split_record();
            return;
        }
        let i = i.min(10_000);
        while self.fields.len() < i {
            self.fields.push(String::new());
        }
        if let Some(f) = self.fields.get_mut(i - 1) {
            *f = v;
        }
        self.record = self.fields.join(&self.var("OFS").str());
    }

    /// Runs BEGIN, the main rules over every record of every input, then END.
    pub(super) fn run(&mut self, inputs: &[(String, String)]) -> i32 {
        let rules = std::mem::take(&mut self.rules);
        let mut exited = false;
        for r in &rules {
            if let Rule::Begin(body) = r
                && let Err(Flow::Exit) = self.block(body)
            {
                exited = true;
                break;
            }
        }
        let has_main = rules.iter().any(|r| !matches!(r, Rule::Begin(_)));
        let mut nr = 0.0;
        'input: for (name, text) in inputs {
            if exited || !has_main {
                break;
            }
            self.vars.insert(
                "FILENAME".into(),
                V::Str(if name == "-" {
                    String::new()
                } else {
                    name.clone()
                }),
            );
            let mut fnr = 0.0;
            for line in super::lines(text) {
                nr += 1.0;
                fnr += 1.0;
                self.vars.insert("NR".into(), V::Num(nr));
                self.vars.insert("FNR".into(), V::Num(fnr));
                self.record = line.to_string();
                self.split_record();
                for r in &rules {
                    let Rule::Main(pattern, action) = r else {
                        continue;
                    };
                    let take = match pattern {
                        None => true,
                        Some(p) => match self.eval(p) {
                            Ok(v) => v.truthy(),
                            Err(Flow::Exit) => {
                                exited = true;
                                break 'input;
                            }
                            Err(Flow::Next) => break,
                        },
                    };
                    if !take {
                        continue;
                    }
                    let result = match action {
                        Some(body) => self.block(body),
                        None => {
                            let line = format!("{}{}", self.record, self.var("ORS").str());
                            self.output.push_str(&line);
                            Ok(())
                        }
                    };
                    match result {
                        Ok(()) => {}
                        Err(Flow::Next) => break,
                        Err(Flow::Exit) => {
                            exited = true;
                            break 'input;
                        }
                    }
                }
                if self.output.len() > 4_000_000 || self.steps > STEP_LIMIT {
                    break 'input;
                }
            }
        }
        let _ = exited;
        for r in &rules {
            if let Rule::End(body) = r
                && let Err(Flow::Exit) = self.block(body)
            {
                break;
            }
        }
        self.exit_code
    }

    fn block(&mut self, body: &[Stmt]) -> Result<(), Flow> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn tick(&mut self) -> Result<(), Flow> {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            if self.error.is_empty() {
                self.error = "awk: stopped after too many steps (the playground's limit)\n".into();
            }
            return Err(Flow::Exit);
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), Flow> {
        self.tick()?;
        match s {
            Stmt::Print(args) => {
                let text = if args.is_empty() {
                    self.record.clone()
                } else {
                    let mut parts = Vec::new();
                    for a in args {
                        parts.push(self.eval(a)?.str());
                    }
                    parts.join(&self.var("OFS").str())
                };
                self.output.push_str(&text);
                self.output.push_str(&self.var("ORS").str());
            }
            Stmt::Printf(args) => {
                let mut vals = Vec::new();
                for a in args {
                    vals.push(self.eval(a)?);
                }
                let text = sprintf(&vals);
                self.output.push_str(&text);
            }
            Stmt::Expr(e) => {
                self.eval(e)?;
            }
            Stmt::If(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.stmt(a)?;
                } else if let Some(b) = b {
                    self.stmt(b)?;
                }
            }
            Stmt::While(c, body) => {
                while self.eval(c)?.truthy() {
                    self.stmt(body)?;
                }
            }
            Stmt::For(init, cond, step, body) => {
                if let Some(i) = init {
                    self.stmt(i)?;
                }
                loop {
                    if let Some(c) = cond
                        && !self.eval(c)?.truthy()
                    {
                        break;
                    }
                    self.stmt(body)?;
                    if let Some(st) = step {
                        self.stmt(st)?;
                    }
                }
            }
            Stmt::ForIn(k, arr, body) => {
                let keys: Vec<String> = self
                    .arrays
                    .get(arr)
                    .map(|a| a.keys().cloned().collect())
                    .unwrap_or_default();
                for key in keys {
                    self.vars.insert(k.clone(), V::StrNum(key));
                    self.stmt(body)?;
                }
            }
            Stmt::Block(b) => self.block(b)?,
            Stmt::Next => return Err(Flow::Next),
            Stmt::Exit(e) => {
                if let Some(e) = e {
                    self.exit_code = self.eval(e)?.num() as i32;
                }
                return Err(Flow::Exit);
            }
            Stmt::Delete(arr, key) => match key {
                Some(k) => {
                    let k = self.eval(k)?.str();
                    if let Some(a) = self.arrays.get_mut(arr) {
                        a.remove(&k);
                    }
                }
                None => {
                    self.arrays.remove(arr);
                }
            },
        }
        Ok(())
    }

    fn assign(&mut self, target: &Expr, v: V) -> Result<V, Flow> {
        match target {
            Expr::Var(n) => {
                if n == "NF" {
                    let n = v.num().max(0.0) as usize;
                    self.fields.resize(n.min(10_000), String::new());
                    self.record = self.fields.join(&self.var("OFS").str());
                } else {
                    self.vars.insert(n.clone(), v.clone());
                }
            }
            Expr::Field(i) => {
                let i = self.eval(i)?.num().max(0.0) as usize;
                self.set_field(i, v.str());
            }
            Expr::Index(arr, k) => {
                let k = self.eval(k)?.str();
                self.arrays
                    .entry(arr.clone())
                    .or_default()
                    .insert(k, v.clone());
            }
            _ => {}
        }
        Ok(v)
    }

    fn regex_of(&mut self, e: &Expr) -> Result<Option<Regex>, Flow> {
        Ok(match e {
            Expr::Re(i) => self.regexes.get(*i).cloned(),
            other => {
                let text = self.eval(other)?.str();
                Regex::new(&text, true, false).ok()
            }
        })
    }

    fn eval(&mut self, e: &Expr) -> Result<V, Flow> {
        self.tick()?;
        Ok(match e {
            Expr::Num(n) => V::Num(*n),
            Expr::Str(s) => V::Str(s.clone()),
            Expr::Re(i) => V::Num(f64::from(u8::from(
                self.regexes
                    .get(*i)
                    .is_some_and(|r| r.is_match(&self.record)),
            ))),
            Expr::Var(n) => self.var(n),
            Expr::Field(i) => {
                let i = self.eval(i)?.num();
                self.field(if i < 0.0 { 0 } else { i as usize })
            }
            Expr::Index(arr, k) => {
                let k = self.eval(k)?.str();
                self.arrays
                    .entry(arr.clone())
                    .or_default()
                    .entry(k)
                    .or_insert(V::Str(String::new()))
                    .clone()
            }
            Expr::In(k, arr) => {
                let k = self.eval(k)?.str();
                V::Num(f64::from(u8::from(
                    self.arrays.get(arr).is_some_and(|a| a.contains_key(&k)),
                )))
            }
            Expr::Assign(target, op, value) => {
                let v = self.eval(value)?;
                let v = if *op == "=" {
                    v
                } else {
                    let old = self.eval(target)?.num();
                    let r = v.num();
                    V::Num(arith(op.trim_end_matches('='), old, r))
                };
                self.assign(target, v)?
            }
            Expr::Cond(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            Expr::Bin("&&", a, b) => V::Num(f64::from(u8::from(
                self.eval(a)?.truthy() && self.eval(b)?.truthy(),
            ))),
            Expr::Bin("||", a, b) => V::Num(f64::from(u8::from(
                self.eval(a)?.truthy() || self.eval(b)?.truthy(),
            ))),
            Expr::Bin(op, a, b) => {
                let (x, y) = (self.eval(a)?, self.eval(b)?);
                match *op {
                    "<" | "<=" | "==" | "!=" | ">" | ">=" => {
                        let ord = if x.numeric() && y.numeric() {
                            x.num()
                                .partial_cmp(&y.num())
                                .unwrap_or(std::cmp::Ordering::Equal)
                        } else {
                            x.str().cmp(&y.str())
                        };
                        let r = match *op {
                            "<" => ord.is_lt(),
                            "<=" => ord.is_le(),
                            "==" => ord.is_eq(),
                            "!=" => ord.is_ne(),
                            ">" => ord.is_gt(),
                            _ => ord.is_ge(),
                        };
                        V::Num(f64::from(u8::from(r)))
                    }
                    _ => V::Num(arith(op, x.num(), y.num())),
                }
            }
            Expr::Not(a) => V::Num(f64::from(u8::from(!self.eval(a)?.truthy()))),
            Expr::Neg(a) => V::Num(-self.eval(a)?.num()),
            Expr::Match(neg, a, r) => {
                let text = self.eval(a)?.str();
                let hit = self.regex_of(r)?.is_some_and(|re| re.is_match(&text));
                V::Num(f64::from(u8::from(hit != *neg)))
            }
            Expr::Concat(a, b) => {
                let mut s = self.eval(a)?.str();
                s.push_str(&self.eval(b)?.str());
                if s.len() > 4_000_000 {
                    return Err(Flow::Exit);
                }
                V::Str(s)
            }
            Expr::Incr(pre, d, target) => {
                let old = self.eval(target)?.num();
                self.assign(target, V::Num(old + d))?;
                V::Num(if *pre { old + d } else { old })
            }
            Expr::Call(name, args) => self.call(name, args)?,
        })
    }

    fn call(&mut self, name: &str, args: &[Expr]) -> Result<V, Flow> {
        let mut vals = Vec::new();
        for (i, a) in args.iter().enumerate() {
            let skip = matches!(
                (name, i),
                ("split", 1) | ("sub" | "gsub", 0 | 2) | ("match", 1)
            );
            vals.push(if skip {
                V::Str(String::new())
            } else {
                self.eval(a)?
            });
        }
        let arg = |i: usize| vals.get(i).cloned().unwrap_or(V::Str(String::new()));
        Ok(match name {
            "length" => V::Num(if args.is_empty() {
                self.record.chars().count()
            } else {
                arg(0).str().chars().count()
            } as f64),
            "substr" => {
                let s: Vec<char> = arg(0).str().chars().collect();
                let start = arg(1).num().round() as i64;
                let len = if args.len() > 2 {
                    arg(2).num().round() as i64
                } else {
                    i64::MAX / 2
                };
                let from = start.max(1);
                let to = start.saturating_add(len).min(s.len() as i64 + 1);
                let (f, t) = (
                    usize::try_from(from - 1).unwrap_or(0),
                    usize::try_from(to - 1).unwrap_or(0),
                );
                V::Str(s.get(f..t.max(f)).unwrap_or(&[]).iter().collect())
            }
            "index" => V::Num(arg(0).str().find(&arg(1).str()).map_or(0, |b| {
                arg(0).str().get(..b).unwrap_or("").chars().count() + 1
            }) as f64),
            "tolower" => V::Str(arg(0).str().to_lowercase()),
            "toupper" => V::Str(arg(0).str().to_uppercase()),
            "int" => V::Num(arg(0).num().trunc()),
            "sqrt" => V::Num(arg(0).num().sqrt()),
            "sprintf" => V::Str(sprintf(&vals)),
            "split" => {
                let Some(Expr::Var(arr)) = args.get(1) else {
                    return Ok(V::Num(0.0));
                };
                let sep = if args.len() > 2 {
                    arg(2).str()
                } else {
                    self.var("FS").str()
                };
                let parts = split_fields(&arg(0).str(), &sep);
                let mut map = BTreeMap::new();
                for (i, p) in parts.iter().enumerate() {
                    map.insert((i + 1).to_string(), V::StrNum(p.clone()));
                }
                self.arrays.insert(arr.clone(), map);
                V::Num(parts.len() as f64)
            }
            "sub" | "gsub" => {
                let re = match args.first() {
                    Some(r) => self.regex_of(r)?,
                    None => None,
                };
                let target = args
                    .get(2)
                    .cloned()
                    .unwrap_or(Expr::Field(Box::new(Expr::Num(0.0))));
                let text = self.eval(&target)?.str();
                let Some(re) = re else { return Ok(V::Num(0.0)) };
                let (new, n) = awk_sub(&re, &arg(1).str(), &text, name == "gsub");
                if n > 0 {
                    self.assign(&target, V::Str(new))?;
                }
                V::Num(n as f64)
            }
            "match" => {
                let re = match args.get(1) {
                    Some(r) => self.regex_of(r)?,
                    None => None,
                };
                let chars: Vec<char> = arg(0).str().chars().collect();
                let (start, len) = match re.and_then(|r| r.find_at(&chars, 0)) {
                    Some((s, e, _)) => (s as f64 + 1.0, (e - s) as f64),
                    None => (0.0, -1.0),
                };
                self.vars.insert("RSTART".into(), V::Num(start));
                self.vars.insert("RLENGTH".into(), V::Num(len));
                V::Num(start)
            }
            _ => V::Str(String::new()),
        })
    }
}

fn arith(op: &str, a: f64, b: f64) -> f64 {
    match op {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => {
            if b == 0.0 {
                f64::NAN
            } else {
                a / b
            }
        }
        "%" => {
            if b == 0.0 {
                f64::NAN
            } else {
                a % b
            }
        }
        "^" => a.powf(b),
        _ => 0.0,
    }
}

fn split_fields(text: &str, fs: &str) -> Vec<String> {
    if fs == " " {
        return text.split_whitespace().map(str::to_string).collect();
    }
    if text.is_empty() {
        return Vec::new();
    }
    let mut chars = fs.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return text.split(c).map(str::to_string).collect();
    }
    match Regex::new(fs, true, false) {
        Ok(re) => {
            let t: Vec<char> = text.chars().collect();
            let mut out = Vec::new();
            let mut from = 0;
            while let Some((s, e, _)) = re.find_at(&t, from).filter(|(s, e, _)| e > s) {
                out.push(t.get(from..s).unwrap_or(&[]).iter().collect());
                from = e;
            }
            out.push(t.get(from..).unwrap_or(&[]).iter().collect());
            out
        }
        Err(_) => vec![text.to_string()],
    }
}

fn awk_sub(re: &Regex, rep: &str, text: &str, global: bool) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut from = 0;
    let mut n = 0;
    while let Some((s, e, _)) = re.find_at(&chars, from) {
        out.extend(chars.get(from..s).unwrap_or(&[]).iter());
        let matched: String = chars.get(s..e).unwrap_or(&[]).iter().collect();
        let mut r = rep.chars();
        while let Some(c) = r.next() {
            match c {
                '&' => out.push_str(&matched),
                '\\' => match r.next() {
                    Some(x) => out.push(x),
                    None => out.push('\\'),
                },
                other => out.push(other),
            }
        }
        n += 1;
        if e == s {
            if let Some(c) = chars.get(s) {
                out.push(*c);
            }
            from = s + 1;
        } else {
            from = e;
        }
        if !global || from > chars.len() {
            break;
        }
    }
    out.extend(chars.get(from.min(chars.len())..).unwrap_or(&[]).iter());
    (out, n)
}

/// awk's printf: `%s %d %i %f %e %g %x %o %c %%` with flags, width and precision.
fn sprintf(vals: &[V]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(prog: &str, input: &str) -> String {
        let (rules, res) = super::super::awk::compile(prog).expect("compiles");
        let mut m = Machine::new(rules, res);
        m.run(&[("-".into(), input.into())]);
        m.output
    }

    #[test]
    fn one_liners_people_use() {
        let pods = "NAME READY STATUS\nweb-0 1/1 Running\nweb-1 0/1 Pending\n";
        assert_eq!(run("{print $1}", pods), "NAME\nweb-0\nweb-1\n");
        assert_eq!(
            run("NR>1 {print $1, $NF}", pods),
            "web-0 Running\nweb-1 Pending\n"
        );
        assert_eq!(run("/Running/ {n++} END {print n}", pods), "1\n");
        assert_eq!(run("$3 == \"Pending\" {print $1}", pods), "web-1\n");
        assert_eq!(
            run("{printf \"%-6s|%s\\n\", $1, NR}", "a\nb\n"),
            "a     |1\nb     |2\n"
        );
        assert_eq!(run("BEGIN {x = 1.5; print x * 2, 10 / 4}", ""), "3 2.5\n");
        assert_eq!(
            run("{ s += $1 } END { print s / NR }", "1\n2\n3\n4\n"),
            "2.5\n"
        );
        assert_eq!(run("{ $2 = \"X\"; print }", "a b c\n"), "a X c\n");
        assert_eq!(
            run(
                "{ print length($1), toupper(substr($1, 1, 3)) }",
                "kubernetes\n"
            ),
            "10 KUB\n"
        );
        assert_eq!(
            run(
                "{ c[$1]++ } END { for (k in c) print k, c[k] }",
                "a\nb\na\n"
            ),
            "a 2\nb 1\n"
        );
        assert_eq!(run("{ gsub(/-/, \"_\"); print }", "web-0-x\n"), "web_0_x\n");
    }

    #[test]
    fn runaway_programs_stop() {
        let out = run("BEGIN { while (1) x++ }", "");
        assert_eq!(out, "");
    }
}
