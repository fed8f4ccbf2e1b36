//! The command-line tools people use around kubectl, over any [`Files`]: cat, ls, grep, head,
//! tail, wc, sort, uniq, cut, tr, sed, awk, xargs' helpers and a few more, with GNU or BusyBox
//! wording of their messages.

mod awk;
mod files;
mod files_find;
mod files_ls;
mod misc;
pub mod regex;
mod regex_match;
mod sed;
mod sed_parse;
mod text;
mod text_fields;
mod text_sort;

use crate::sh::interp::{Files, FsError, Proc, Tools};

/// The tools this module provides.
pub const NAMES: [&str; 32] = [
    "awk", "base64", "basename", "cat", "cp", "cut", "date", "dirname", "env", "find", "grep",
    "head", "id", "ls", "mkdir", "mv", "printenv", "rm", "rmdir", "sed", "seq", "sort", "tail",
    "tee", "touch", "tr", "uname", "uniq", "wc", "whoami", "egrep", "nl",
];

/// Runs a tool by name; None if this module has no such tool.
pub fn run(p: &mut Proc, fs: &mut dyn Files) -> Option<i32> {
    let name = p.name().rsplit('/').next().unwrap_or("").to_string();
    Some(match name.as_str() {
        "cat" => files::cat(p, fs),
        "ls" => files_ls::ls(p, fs),
        "mkdir" => files::mkdir(p, fs),
        "rm" => files::rm(p, fs),
        "rmdir" => files::rmdir(p, fs),
        "touch" => files::touch(p, fs),
        "cp" | "mv" => files::cp_mv(p, fs, name == "mv"),
        "find" => files_find::find(p, fs),
        "tee" => files_find::tee(p, fs),
        "basename" | "dirname" => misc::base_dir_name(p, name == "basename"),
        "grep" | "egrep" => text::grep(p, fs, name == "egrep"),
        "head" | "tail" => text::head_tail(p, fs, name == "head"),
        "wc" => text::wc(p, fs),
        "sort" => text_sort::sort(p, fs),
        "uniq" => text_sort::uniq(p, fs),
        "cut" => text_fields::cut(p, fs),
        "tr" => text_fields::tr(p),
        "nl" => text_fields::nl(p, fs),
        "sed" => sed::sed(p, fs),
        "awk" => awk::awk(p, fs),
        "seq" => misc::seq(p),
        "date" => misc::date(p),
        "env" | "printenv" => misc::env(p),
        "base64" => misc::base64(p, fs),
        "id" => misc::id(p),
        "whoami" => {
            p.out("root\n");
            0
        }
        "uname" => misc::uname(p),
        _ => return None,
    })
}

/// Parsed options: the flag letters seen, options with values, and operands.
#[derive(Debug, Default)]
pub(crate) struct Opts {
    pub flags: String,
    pub values: Vec<(char, String)>,
    pub operands: Vec<String>,
    pub bad: Option<String>,
}

impl Opts {
    pub fn has(&self, c: char) -> bool {
        self.flags.contains(c)
    }

    pub fn value(&self, c: char) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, c: char) -> Vec<&str> {
        self.values
            .iter()
            .filter(|(k, _)| *k == c)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Parses short options (`-la`, `-n 5`, `-n5`, `--`); `valued` lists letters that take a value.
pub(crate) fn opts(args: &[String], known: &str, valued: &str) -> Opts {
    let mut o = Opts::default();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        i += 1;
        if a == "--" {
            o.operands
                .extend(args.get(i..).unwrap_or(&[]).iter().cloned());
            break;
        }
        let Some(letters) = a
            .strip_prefix('-')
            .filter(|l| !l.is_empty() && !a.starts_with("--"))
        else {
            if a.starts_with("--") {
                o.bad.get_or_insert_with(|| a.clone());
            } else {
                o.operands.push(a.clone());
            }
            continue;
        };
        let chars: Vec<char> = letters.chars().collect();
        let mut k = 0;
        while let Some(&c) = chars.get(k) {
            k += 1;
            if valued.contains(c) {
                let rest: String = chars.get(k..).unwrap_or(&[]).iter().collect();
                let v = if rest.is_empty() {
                    i += 1;
                    args.get(i - 1).cloned().unwrap_or_default()
                } else {
                    rest
                };
                o.values.push((c, v));
                break;
            }
            if known.contains(c) {
                o.flags.push(c);
            } else {
                o.bad.get_or_insert_with(|| c.to_string());
            }
        }
    }
    o
}

/// The message for an unknown option, in the tool family's words.
pub(crate) fn bad_option(p: &mut Proc, tool: &str, opt: &str) {
    let msg = match (p.tools, opt.strip_prefix("--")) {
        (Tools::Gnu, Some(long)) => {
            format!(
                "{tool}: unrecognized option '--{long}'\nTry '{tool} --help' for more information.\n"
            )
        }
        (Tools::Gnu, None) => format!(
            "{tool}: invalid option -- '{opt}'\nTry '{tool} --help' for more information.\n"
        ),
        (Tools::Busybox, Some(long)) => format!("{tool}: unrecognized option: {long}\n"),
        (Tools::Busybox, None) => format!("{tool}: unrecognized option: {opt}\n"),
    };
    p.err(&msg);
}

/// Reads a file operand (`-` is standard input).
pub(crate) fn read_operand(p: &mut Proc, fs: &dyn Files, arg: &str) -> Result<String, FsError> {
    if arg == "-" {
        return Ok(p.stdin());
    }
    fs.read(&p.path(arg))
}

/// "cannot open" in the words of each tool.
pub(crate) fn open_error(p: &mut Proc, tool: &str, arg: &str, e: FsError) {
    let why = e.text();
    let msg = match p.tools {
        Tools::Busybox => format!("{tool}: can't open '{arg}': {why}\n"),
        Tools::Gnu => match tool {
            "head" | "tail" => format!("{tool}: cannot open '{arg}' for reading: {why}\n"),
            "sort" => format!("sort: cannot read: {arg}: {why}\n"),
            "sed" => format!("sed: can't read {arg}: {why}\n"),
            "awk" => format!("awk: cannot open \"{arg}\" ({why})\n"),
            _ => format!("{tool}: {arg}: {why}\n"),
        },
    };
    p.err(&msg);
}

/// The inputs of a text filter: each operand's text (or standard input when there are none),
/// with missing files reported; the flag says something failed.
pub(crate) fn inputs(
    p: &mut Proc,
    fs: &dyn Files,
    tool: &str,
    operands: &[String],
) -> (Vec<(String, String)>, bool) {
    if operands.is_empty() {
        let text = p.stdin();
        return (vec![("-".into(), text)], false);
    }
    let mut out = Vec::new();
    let mut failed = false;
    for arg in operands {
        match read_operand(p, fs, arg) {
            Ok(t) => out.push((arg.clone(), t)),
            Err(e) => {
                failed = true;
                open_error(p, tool, arg, e);
            }
        }
    }
    (out, failed)
}

/// Splits text into lines without their newlines.
pub(crate) fn lines(text: &str) -> Vec<&str> {
    let mut v: Vec<&str> = text.split('\n').collect();
    if text.ends_with('\n') || text.is_empty() {
        v.pop();
    }
    v
}
