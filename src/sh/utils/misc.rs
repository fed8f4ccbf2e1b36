//! Small tools: seq, date, env, base64, id, uname, basename, dirname.

use super::{inputs, opts};
use crate::sh::interp::{Files, Proc, Tools};

pub(super) fn seq(p: &mut Proc) -> i32 {
    let nums: Vec<Option<f64>> = p.args().iter().map(|a| a.parse::<f64>().ok()).collect();
    let (first, step, last) = match nums.as_slice() {
        [Some(l)] => (1.0, 1.0, *l),
        [Some(f), Some(l)] => (*f, 1.0, *l),
        [Some(f), Some(s), Some(l)] => (*f, *s, *l),
        _ => {
            let bad = p.args().iter().find(|a| a.parse::<f64>().is_err()).cloned();
            let msg = match (p.tools, bad) {
                (Tools::Gnu, Some(b)) => format!("seq: invalid floating point argument: '{b}'\nTry 'seq --help' for more information.\n"),
                (Tools::Gnu, None) => "seq: missing operand\nTry 'seq --help' for more information.\n".to_string(),
                (Tools::Busybox, Some(b)) => format!("seq: invalid number '{b}'\n"),
                (Tools::Busybox, None) => "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n".to_string(),
            };
            p.err(&msg);
            return 1;
        }
    };
    if step == 0.0 || !step.is_finite() || !first.is_finite() || !last.is_finite() {
        return 1;
    }
    let integral = first.fract() == 0.0 && step.fract() == 0.0;
    let mut out = String::new();
    let mut k = 0u64;
    loop {
        let v = first + step * k as f64;
        if (step > 0.0 && v > last) || (step < 0.0 && v < last) {
            break;
        }
        if integral {
            out.push_str(&format!("{}\n", v as i64));
        } else {
            out.push_str(&format!("{}\n", super::awk::num_str(v)));
        }
        k += 1;
        if out.len() > 1_000_000 {
            p.out(&out);
            out.clear();
            if p.full() {
                break;
            }
        }
    }
    p.out(&out);
    0
}

pub(super) fn date(p: &mut Proc) -> i32 {
    let ts = p.now;
    let format = p
        .args()
        .iter()
        .find_map(|a| a.strip_prefix('+'))
        .map(str::to_string);
    let text = match format {
        Some(f) => {
            let f = f.replace("%N", "000000000");
            match jiff::fmt::strtime::format(f.as_str(), &ts.to_zoned(jiff::tz::TimeZone::UTC)) {
                Ok(s) => s,
                Err(_) => f,
            }
        }
        None => ts.strftime("%a %b %e %H:%M:%S UTC %Y").to_string(),
    };
    p.out(&format!("{text}\n"));
    0
}

pub(super) fn env(p: &mut Proc) -> i32 {
    let name = p.name().to_string();
    let wanted: Vec<String> = p
        .args()
        .iter()
        .filter(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    let mut out = String::new();
    if name == "printenv" && !wanted.is_empty() {
        let mut status = 0;
        for w in &wanted {
            match p.var(w) {
                Some(v) => out.push_str(&format!("{v}\n")),
                None => status = 1,
            }
        }
        p.out(&out);
        return status;
    }
    for (k, v) in &p.env {
        out.push_str(&format!("{k}={v}\n"));
    }
    p.out(&out);
    0
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn encode(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let [b0, b1, b2] = b;
        let n = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        for k in 0..4 {
            if k <= chunk.len() {
                let idx = ((n >> (18 - 6 * k)) & 63) as usize;
                out.push(char::from(*B64.get(idx).unwrap_or(&b'A')));
            } else {
                out.push('=');
            }
        }
    }
    let mut wrapped = String::new();
    let chars: Vec<char> = out.chars().collect();
    for line in chars.chunks(76) {
        wrapped.extend(line.iter());
        wrapped.push('\n');
    }
    wrapped
}

fn decode(text: &str) -> Option<Vec<u8>> {
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            break;
        }
        let v = B64.iter().position(|x| *x == c)? as u32;
        bits = (bits << 6) | v;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push(((bits >> count) & 0xff) as u8);
        }
    }
    Some(out)
}

pub(super) fn base64(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "diw", "");
    let (texts, failed) = inputs(p, fs, "base64", &o.operands);
    if failed {
        return 1;
    }
    let text: String = texts.into_iter().map(|(_, t)| t).collect();
    if o.has('d') {
        match decode(&text) {
            Some(bytes) => {
                p.out(&String::from_utf8_lossy(&bytes));
                0
            }
            None => {
                p.err("base64: invalid input\n");
                1
            }
        }
    } else {
        let e = encode(text.as_bytes());
        p.out(&e);
        0
    }
}

pub(super) fn id(p: &mut Proc) -> i32 {
    let line = match p.tools {
        Tools::Gnu => "uid=0(root) gid=0(root) groups=0(root)\n",
        Tools::Busybox => "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n",
    };
    p.out(line);
    0
}

pub(super) fn uname(p: &mut Proc) -> i32 {
    let all = p.args().iter().any(|a| a == "-a");
    let host = p.var("HOSTNAME").unwrap_or("playground").to_string();
    let text = if all {
        format!(
            "Linux {host} 6.8.0-60-generic #63-Ubuntu SMP PREEMPT_DYNAMIC Tue Apr 15 19:04:15 UTC 2025 x86_64 GNU/Linux\n"
        )
    } else if p.args().iter().any(|a| a == "-r") {
        "6.8.0-60-generic\n".to_string()
    } else if p.args().iter().any(|a| a == "-m") {
        "x86_64\n".to_string()
    } else {
        "Linux\n".to_string()
    };
    p.out(&text);
    0
}

pub(super) fn base_dir_name(p: &mut Proc, base: bool) -> i32 {
    let Some(path) = p.args().first().cloned() else {
        let tool = if base { "basename" } else { "dirname" };
        p.err(&format!(
            "{tool}: missing operand\nTry '{tool} --help' for more information.\n"
        ));
        return 1;
    };
    let trimmed = path.trim_end_matches('/');
    let text = if base {
        let mut name = trimmed.rsplit('/').next().unwrap_or("").to_string();
        if let Some(suffix) = p.args().get(1)
            && name.len() > suffix.len()
            && let Some(stripped) = name.strip_suffix(suffix.as_str())
        {
            name = stripped.to_string();
        }
        if name.is_empty() && path.starts_with('/') {
            "/".to_string()
        } else {
            name
        }
    } else {
        match trimmed.rfind('/') {
            Some(0) => "/".to_string(),
            Some(i) => trimmed.get(..i).unwrap_or(".").to_string(),
            None if path.starts_with('/') => "/".to_string(),
            None => ".".to_string(),
        }
    };
    p.out(&format!("{text}\n"));
    0
}
