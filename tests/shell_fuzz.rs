//! Deterministic fuzzing of the shell: random command lines built from shell tokens and stray
//! characters go through the parser, the workspace terminal and a container's shell. Nothing may
//! panic, every line must finish quickly, and runaway commands must stop with a note.
#![cfg(not(target_arch = "wasm32"))]
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use sts_playground::container;
use sts_playground::session::{Terminal, transcript};
use sts_playground::sh::syntax;

/// A small deterministic generator (xorshift), so failures replay.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

const TOKENS: &[&str] = &[
    "echo",
    "cat",
    "ls",
    "grep",
    "awk",
    "sed",
    "sort",
    "uniq",
    "head",
    "tail",
    "wc",
    "cut",
    "tr",
    "xargs",
    "seq",
    "for",
    "in",
    "do",
    "done",
    "while",
    "until",
    "if",
    "then",
    "elif",
    "else",
    "fi",
    "case",
    "esac",
    "{",
    "}",
    "(",
    ")",
    ";",
    ";;",
    "&&",
    "||",
    "|",
    "&",
    ">",
    ">>",
    "<",
    "<<",
    "<<-",
    "<<<",
    "2>&1",
    "2>/dev/null",
    "'",
    "\"",
    "`",
    "$(",
    "$((",
    "${",
    "$x",
    "$?",
    "$@",
    "$#",
    "${x:-y}",
    "${#x}",
    "${x%.*}",
    "${x//a/b}",
    "*",
    "?",
    "[",
    "]",
    "\\",
    "#",
    "EOF",
    "kubectl",
    "exec",
    "-it",
    "web-0",
    "--",
    "sh",
    "-c",
    "x=1",
    "x=$x$x",
    "true",
    "false",
    "read",
    "1000",
    "-d",
    "-f",
    "/tmp/a",
    "/usr/share/nginx/html/f",
    "..",
    "~",
    ":",
    "=",
    "!",
    "[[",
    "]]",
    "((",
    "))",
    "1+2",
    "a-z",
    "printf",
    "%s",
    "%d",
    "%-5s",
    "break",
    "continue",
    "return",
    "exit",
    "f()",
    "cd",
    "mkdir",
    "-p",
    "rm",
    "-rf",
    "/",
    "-n",
    "-l",
    "-c",
    "test",
    "-z",
    "env",
    "export",
    "unset",
    "set",
    "-e",
    "-x",
    "eval",
    "source",
    "sleep",
    "0",
    "1",
    "curl",
    "http://web-1.nginx/",
    "nslookup",
    "nginx",
    "getent",
    "hosts",
    "df",
    "-h",
    "date",
    "+%s",
    "'{print $1}'",
    "'s/a/b/g'",
    "-E",
    "'a|b'",
    "hostname",
    "ps",
    "mount",
    "wget",
    "-qO-",
    "é",
    "日本",
    "\t",
    "$'\\n'",
    "0x1f",
];

fn line(g: &mut Gen) -> String {
    let n = 1 + g.below(12);
    let mut s = String::new();
    for _ in 0..n {
        match g.below(10) {
            0 => {
                let c = char::from_u32(32 + g.below(95) as u32).unwrap_or('x');
                s.push(c);
            }
            1 => s.push_str(g.pick(TOKENS)),
            _ => {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(g.pick(TOKENS));
            }
        }
    }
    s
}

/// The longest one line may take in a debug build on a busy machine.
const PER_LINE: Duration = Duration::from_secs(5);

#[test]
fn the_parser_never_panics_and_tells_incomplete_from_wrong() {
    let mut g = Gen(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let text = line(&mut g);
        let open = syntax::parse(&text, false);
        let closed = syntax::parse(&text, true);
        // A text complete without more input parses the same either way.
        if let Ok(p) = &open {
            assert_eq!(
                closed.as_ref().ok().map(|c| &c.list),
                Some(&p.list),
                "{text:?}"
            );
        }
    }
}

#[test]
fn the_workspace_terminal_survives_random_lines() {
    let mut g = Gen(0x2545_f491_4f6c_dd1d);
    let mut terminal = Terminal::new(1);
    for _ in 0..1500 {
        let text = line(&mut g);
        let started = Instant::now();
        let mut step = terminal.feed_line(&text);
        let mut polls = 0;
        while step.running && polls < 600 {
            step = terminal.poll(1000);
            polls += 1;
        }
        if step.running {
            terminal.interrupt();
        }
        assert!(
            started.elapsed() < PER_LINE,
            "{text:?} took {:?}",
            started.elapsed()
        );
        assert!(
            step.output.len() < 600 * 1024,
            "{text:?} printed {} bytes",
            step.output.len()
        );
        if terminal.in_container() {
            terminal.feed_line("exit");
        }
        if !terminal.prompt().starts_with('$') {
            terminal.interrupt();
        }
    }
}

#[test]
fn container_shells_survive_random_lines() {
    let mut terminal = Terminal::new(2);
    let web = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/shell/web.yaml"
    ))
    .expect("manifest");
    terminal.session.files.insert("/web.yaml".into(), web);
    transcript::play(&mut terminal, "kubectl apply -f web.yaml\nsleep 30\n");
    let mut g = Gen(0x1234_5678_9abc_def1);
    for round in 0..800 {
        let text = line(&mut g);
        let started = Instant::now();
        if round % 2 == 0 {
            let argv = vec!["sh".to_string(), "-c".to_string(), text.clone()];
            let out = container::exec(
                &mut terminal.session.cluster,
                "default",
                "web-0",
                None,
                &argv,
                "some input\n",
            );
            assert!(out.stdout.len() + out.stderr.len() < 600 * 1024, "{text:?}");
        } else {
            if !terminal.in_container() {
                terminal.feed_line("kubectl exec -it web-1 -- sh");
            }
            terminal.feed_line(&text);
            if !terminal.prompt().ends_with("# ") {
                terminal.interrupt();
            }
        }
        assert!(
            started.elapsed() < PER_LINE,
            "{text:?} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn runaway_lines_stop_with_a_note() {
    let mut terminal = Terminal::new(3);
    let cases = [
        ("while true; do :; done", "stopped after 100000 commands"),
        (
            "until false; do echo spin; done",
            "stopped after 100000 commands",
        ),
        ("seq 1 100000000", "output truncated"),
        (
            "while :; do echo 0123456789abcdef0123456789abcdef; done",
            "output truncated",
        ),
        (
            "x=ab; while true; do x=$x$x; done",
            "an expansion grew beyond",
        ),
        ("f() { f | f; }; f", "nested calls"),
        ("while true; do sleep 3600; done", "stopped after sleeping"),
    ];
    for (line, note) in cases {
        let started = Instant::now();
        let step = terminal.feed_line(line);
        assert!(
            step.output.contains(note),
            "{line}: {}",
            step.output.chars().rev().take(300).collect::<String>()
        );
        assert!(
            step.output.len() <= 256 * 1024 + 1024,
            "{line}: {} bytes",
            step.output.len()
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{line} took {:?}",
            started.elapsed()
        );
        assert!(!step.running);
        assert_eq!(terminal.prompt(), "$ ");
    }
}

#[test]
fn the_generator_reaches_complete_incomplete_and_wrong_lines() {
    let mut g = Gen(0x9e37_79b9_7f4a_7c15);
    let (mut ok, mut incomplete, mut wrong) = (0, 0, 0);
    for _ in 0..2000 {
        match syntax::parse(&line(&mut g), false) {
            Ok(_) => ok += 1,
            Err(syntax::ParseError::Incomplete(_)) => incomplete += 1,
            Err(_) => wrong += 1,
        }
    }
    assert!(
        ok > 300 && incomplete > 100 && wrong > 100,
        "ok {ok} incomplete {incomplete} wrong {wrong}"
    );
}
