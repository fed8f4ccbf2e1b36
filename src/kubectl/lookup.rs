//! How a command line finds its command (as cobra does) and parses its flags, and what the
//! command will read: the one place that knows, so the shell asks here instead of guessing.

use super::commands::{Command, ROOT};
use super::ctx::flag_error;
use super::flag_tables::GLOBAL;
use super::flags::{Flag, Parsed, Ty, parse, positional_indices};
use super::{Output, Run};

/// A command line's command, its path (`kubectl rollout status`) and its parsed flags.
pub(crate) struct Found {
    /// The command found.
    pub command: &'static Command,
    /// `kubectl get`, for usage errors and help.
    pub path: String,
    /// Its flags and positional arguments (command words removed).
    pub parsed: Parsed,
}

/// What a kubectl command line will read besides the cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// Workspace files and folders it may read, as absolute paths (`-f`, `--patch-file`).
    pub files: Vec<String>,
    /// Whether it reads standard input (`-f -`, `exec -i`).
    pub stdin: bool,
}

/// What `args` (without the leading "kubectl") will read when run in folder `cwd`, found with
/// the same command lookup and flag parser the command itself uses. A line that fails to parse
/// reads nothing.
pub fn inputs(cwd: &str, args: &[String]) -> Inputs {
    let Ok(found) = resolve(args) else {
        return Inputs::default();
    };
    if found.command.run.is_none() || found.parsed.bool("help") {
        return Inputs::default();
    }
    let names = found.parsed.list("filename");
    // The builder reads `-` from standard input (cmdutil FilenameOptions, resource builder
    // `FilenameParam`); `exec` copies standard input only with `-i`/`--stdin`.
    let stdin = names.iter().any(|n| n == "-")
        || (found.command.name == "exec" && found.parsed.bool("stdin"));
    let patch_file = found.parsed.str("patch-file").map(str::to_string);
    let sources = super::create_config::source_paths(
        &found.parsed.list("from-file"),
        &found.parsed.list("from-env-file"),
    );
    let files = names
        .iter()
        .chain(patch_file.iter())
        .chain(sources.iter())
        .filter(|n| *n != "-" && !n.is_empty() && !is_url(n))
        .map(|n| file_path(cwd, n))
        .collect();
    Inputs { files, stdin }
}

/// The flag names Tab offers after the words `args` for a word that starts with `-`, as cobra's
/// `__complete` does (completions.go `getCompletions`): the command's own flags and the
/// inherited persistent ones, less hidden and deprecated flags and flags already given (unless
/// they repeat: slices and arrays); none after `--` or when the words do not parse.
pub fn flag_completions(args: &[String]) -> Vec<String> {
    let (flags, remaining) = if positional_indices(args, &[GLOBAL]).is_empty() {
        (vec![GLOBAL], args.to_vec())
    } else {
        let Ok((command, _, used)) = find_command(args) else {
            return Vec::new();
        };
        let remaining = args
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(i))
            .map(|(_, a)| a.clone())
            .collect();
        (flags_of(command), remaining)
    };
    let Ok(parsed) = parse(&remaining, &flags) else {
        return Vec::new();
    };
    if parsed.dash_at.is_some() {
        return Vec::new();
    }
    flags
        .iter()
        .flat_map(|group| group.iter())
        .filter(|f| !f.hidden)
        .filter(|f| !parsed.has(f.long) || matches!(f.ty, Ty::Strings | Ty::Array))
        .flat_map(|f| {
            std::iter::once(format!("--{}", f.long)).chain(f.short.map(|c| format!("-{c}")))
        })
        .collect()
}

/// Whether a `-f` value is a URL (the builder fetches those instead of reading a file).
pub(crate) fn is_url(name: &str) -> bool {
    name.starts_with("http://") || name.starts_with("https://")
}

/// Where a path as typed lives in the workspace: kubectl opens it relative to its process's
/// working directory (the shell's folder) and keeps showing it as typed in its messages.
pub(crate) fn file_path(cwd: &str, name: &str) -> String {
    crate::paths::normalize(cwd, name)
}

/// Finds the command for a command line and parses its flags; the error is what kubectl prints.
pub(crate) fn resolve(args: &[String]) -> Result<Found, Run> {
    let (command, path, used) = find_command(args)?;
    let remaining: Vec<String> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, a)| a.clone())
        .collect();
    let parsed = match parse(&remaining, &flags_of(command)) {
        Ok(p) => p,
        // Commands the playground does not carry keep their own flags; say so first.
        Err(_) if command.flags.first().is_some_and(|f| f.is_empty()) => Parsed::default(),
        Err(e) => return Err(Run::Done(flag_error(&path, &e))),
    };
    Ok(Found {
        command,
        path,
        parsed,
    })
}

/// The flags a command accepts: the global ones and its own.
pub(crate) fn flags_of(command: &Command) -> Vec<&'static [Flag]> {
    let mut flags: Vec<&[Flag]> = vec![GLOBAL];
    flags.extend(command.flags.iter().copied());
    flags
}

/// The command named by the words of `args`, its path and the positions of its words.
fn find_command(args: &[String]) -> Result<(&'static Command, String, Vec<usize>), Run> {
    let positions = positional_indices(args, &[GLOBAL]);
    let Some(&first_at) = positions.first() else {
        return Err(Run::Done(super::help::root_help()));
    };
    let first = args.get(first_at).map_or("", |s| canonical(s.as_str()));
    let Some(mut command) = ROOT.iter().find(|c| c.name == first) else {
        return Err(fail(format!(
            "error: unknown command \"{first}\" for \"kubectl\"{}",
            suggestions(first, ROOT)
        )));
    };
    let mut path = format!("kubectl {}", command.name);
    let mut used = vec![first_at];
    // Subcommands are looked up among the words after the command, as cobra does.
    while !command.subs.is_empty() {
        let offset = used.last().map_or(0, |u| u + 1);
        let rest: Vec<String> = args.iter().skip(offset).cloned().collect();
        let Some(&next) = positional_indices(&rest, &flags_of(command)).first() else {
            break;
        };
        let word = rest.get(next).map_or("", String::as_str);
        let word = sub_alias(word);
        match command.subs.iter().find(|c| c.name == word) {
            Some(sub) => {
                command = sub;
                path.push(' ');
                path.push_str(sub.name);
                used.push(offset + next);
            }
            None if command.run.is_none() => {
                if let Err(e) = parse(args, &flags_of(command)) {
                    return Err(Run::Done(flag_error(&path, &e)));
                }
                return Err(fail(format!(
                    "error: unknown command \"{word}\"\nSee '{path} -h' for help and examples"
                )));
            }
            None => break,
        }
    }
    Ok((command, path, used))
}

/// Aliases kubectl knows for top-level commands.
fn canonical(name: &str) -> &str {
    match name {
        "ev" => "events",
        _ => name,
    }
}

/// Aliases of subcommands (`kubectl create cm`).
fn sub_alias(name: &str) -> &str {
    match name {
        "cm" => "configmap",
        "ns" => "namespace",
        "pdb" => "poddisruptionbudget",
        _ => name,
    }
}

/// cobra's Levenshtein distance, case-insensitive.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let v = (prev.get(j + 1).copied().unwrap_or(0) + 1)
                .min(cur.get(j).copied().unwrap_or(0) + 1)
                .min(prev.get(j).copied().unwrap_or(0) + cost);
            cur.push(v);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

fn suggestions(typed: &str, cmds: &[Command]) -> String {
    let found: Vec<&str> = cmds
        .iter()
        .filter(|c| c.name != "help")
        .filter(|c| {
            distance(typed, c.name) <= 2 || c.name.to_lowercase().starts_with(&typed.to_lowercase())
        })
        .map(|c| c.name)
        .collect();
    if found.is_empty() {
        return String::new();
    }
    let mut s = "\n\nDid you mean this?\n".to_string();
    for f in found {
        s.push('\t');
        s.push_str(f);
        s.push('\n');
    }
    s
}

/// A failed run with `msg` on standard error.
pub(crate) fn fail(msg: String) -> Run {
    Run::Done(Output {
        stdout: String::new(),
        stderr: if msg.ends_with('\n') { msg } else { msg + "\n" },
        code: 1,
        ..Default::default()
    })
}

#[cfg(test)]
#[path = "lookup_tests.rs"]
mod tests;
