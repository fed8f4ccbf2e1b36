//! What a command line reads, found by kubectl's own command lookup and flag parser.

use super::*;

fn args(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_string).collect()
}

fn reads(cwd: &str, line: &str) -> Inputs {
    inputs(cwd, &args(line))
}

#[test]
fn levenshtein() {
    assert_eq!(distance("gte", "get"), 2);
    assert_eq!(distance("apply", "apply"), 0);
    assert_eq!(distance("aply", "apply"), 1);
}

/// `-f` values are files opened from the working directory (cmdutil `FilenameOptions`,
/// resource builder `FilenameParam`); absolute ones stay as they are.
#[test]
fn files_resolve_against_the_folder() {
    let r = reads(
        "/app",
        "apply -f web.yaml --filename=/svc.yaml -f ../x/db.yaml",
    );
    assert_eq!(r.files, vec!["/app/web.yaml", "/svc.yaml", "/x/db.yaml"]);
    assert!(!r.stdin);
    assert_eq!(reads("/", "apply -f web.yaml").files, vec!["/web.yaml"]);
}

/// pflag splits string-slice values at commas, and a URL is fetched rather than read.
#[test]
fn lists_and_urls() {
    let r = reads("/", "apply -f a.yaml,b.yaml -f https://k8s.io/x.yaml");
    assert_eq!(r.files, vec!["/a.yaml", "/b.yaml"]);
}

/// `-` is standard input however the flag is spelled: pflag reads `--filename=-`, `-f=-`
/// (shorthand followed by `=`) and `-f -` alike (pflag flag.go `parseSingleShortArg`).
#[test]
fn dash_is_standard_input_in_every_spelling() {
    for line in [
        "apply -f -",
        "apply --filename=-",
        "apply --filename -",
        "apply -f=-",
        "apply -f-",
        "create -f x.yaml -f -",
    ] {
        assert!(reads("/", line).stdin, "{line}");
    }
    assert!(!reads("/", "apply -f x.yaml").stdin);
}

/// pflag reads combined shorthands left to right; a flag taking a value consumes the rest
/// of the word or the next word (`-if` is `-i` then `-f` with the next word as value).
#[test]
fn exec_stdin_follows_the_flag_parser() {
    assert!(reads("/", "exec -i web-0 -- cat").stdin);
    assert!(reads("/", "exec --stdin web-0 -- cat").stdin);
    assert!(reads("/", "exec -it web-0 -- sh").stdin);
    assert!(reads("/", "exec -ti web-0 -- sh").stdin);
    // `-c` takes `i` as its value: no stdin.
    assert!(!reads("/", "exec -ci web-0 -- cat").stdin);
    // A container named `-i` is a value, not the flag.
    assert!(!reads("/", "exec -c -i web-0 -- cat").stdin);
    // Words after `--` belong to the program run in the container (cobra ArgsLenAtDash).
    assert!(!reads("/", "exec web-0 -- cat -i").stdin);
    assert!(!reads("/", "exec web-0 -- sh -c 'cat -'").stdin);
    // `--stdin=false` says no.
    assert!(!reads("/", "exec --stdin=false web-0 -- cat").stdin);
}

/// Other commands read standard input only through `-f -`; `-i` means nothing to them.
#[test]
fn only_exec_copies_stdin_with_i() {
    let r = reads("/", "exec -if web-0 -- cat");
    assert!(r.stdin);
    assert!(!reads("/", "get pods -- -i").stdin);
    assert!(!reads("/", "logs web-0 -- -").stdin);
    assert!(!reads("/", "get -l app=web -").stdin);
}

/// A value after `--` is an argument, not a file (pflag stops at `--`).
#[test]
fn flags_after_double_dash_are_arguments() {
    let r = reads("/", "delete -- -f x.yaml");
    assert!(r.files.is_empty());
    assert!(!r.stdin);
}

/// A line kubectl rejects (an unknown flag, `--help`) reads nothing.
#[test]
fn lines_that_do_not_run_read_nothing() {
    assert_eq!(reads("/", "apply --bogus -f -"), Inputs::default());
    assert_eq!(reads("/", "apply -f - --help"), Inputs::default());
    assert_eq!(reads("/", "rollout -f -"), Inputs::default());
}

/// `kubectl patch --patch-file` opens its file from the working directory too.
#[test]
fn patch_file_is_read() {
    let r = reads("/d", "patch sts web --patch-file p.json");
    assert_eq!(r.files, vec!["/d/p.json"]);
}
