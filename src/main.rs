//! On wasm32 the binary mounts the page; natively it is a command-line runner over the same core.

/// Mounts the playground page into the document.
#[cfg(target_arch = "wasm32")]
fn main() {
    sts_playground::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
mod lesson_cli;
#[cfg(not(target_arch = "wasm32"))]
mod runner;

/// Runs the command-line front end and exits with its status.
#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    sts_playground::keep_freed_memory();
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::ExitCode::from(cli::run(&args))
}

/// The native command line: argument parsing, help text and exit codes.
#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::Write;

    /// Exit status for success.
    const EXIT_OK: u8 = 0;
    /// Exit status for a command that parsed but could not be carried out.
    const EXIT_FAILED: u8 = 1;
    /// Exit status for a command line that could not be understood.
    const EXIT_USAGE: u8 = 2;

    /// The help text; `run` is documented ahead of its arrival so scripts can rely on its shape.
    const USAGE: &str = "\
StatefulSet Playground: a simulated Kubernetes v1.37 cluster for learning StatefulSets.

Usage:
  sts-playground run FILE|- [--seed N]
  sts-playground lesson check|solve FILE...
  sts-playground --help
  sts-playground --version

Commands:
  run FILE|-     Play a session script from FILE, or from standard input when FILE
                 is -, against a fresh simulated cluster: each line is typed into the
                 playground's terminal (kubectl, shell commands, here-documents,
                 shells inside pods) and the transcript is printed. Files the script
                 names are read from its folder.
  lesson check FILE...
                 Read lesson files (lessons/README.md) and report each mistake
                 at its line:column.
  lesson solve FILE...
                 Play every step's answer of each lesson through the terminal and
                 cluster; fail unless each step's check passes at its step and each
                 prediction's answer is what the simulation did.

Options:
  --seed N       Seed for the simulation's random choices (default 0). The same seed
                 and the same scenario always give the same output.
  -h, --help     Print this help and exit.
  -V, --version  Print the version and exit.

The interactive playground runs in the browser: `make serve`, then open
http://127.0.0.1:8080.
";

    /// Where a scenario comes from.
    #[derive(Debug, PartialEq, Eq)]
    enum Source {
        /// Standard input (`-`).
        Stdin,
        /// A file path.
        File(String),
    }

    /// A command line that parsed.
    #[derive(Debug, PartialEq, Eq)]
    enum Command {
        /// Print the help text.
        Help,
        /// Print the version.
        Version,
        /// Play a scenario with a seed.
        Run { source: Source, seed: u64 },
        Lesson {
            action: crate::lesson_cli::Action,
            files: Vec<String>,
        },
    }

    /// Parses the arguments after the program name into a command or a one-line complaint.
    fn parse(args: &[String]) -> Result<Command, String> {
        let Some((first, rest)) = args.split_first() else {
            return Err("no command given".to_string());
        };
        match first.as_str() {
            "-h" | "--help" | "help" if rest.is_empty() => Ok(Command::Help),
            "-V" | "--version" if rest.is_empty() => Ok(Command::Version),
            "run" => parse_run(rest),
            "lesson" => parse_lesson(rest),
            other => Err(format!("unexpected argument '{other}'")),
        }
    }

    /// Parses the arguments of `run`: exactly one source and an optional `--seed N`.
    fn parse_lesson(args: &[String]) -> Result<Command, String> {
        let action = match args.first().map(String::as_str) {
            Some("check") => crate::lesson_cli::Action::Check,
            Some("solve") => crate::lesson_cli::Action::Solve,
            Some(other) => return Err(format!("lesson takes check or solve, got '{other}'")),
            None => return Err("lesson needs check or solve, then FILE...".to_string()),
        };
        let files: Vec<String> = args.iter().skip(1).cloned().collect();
        if files.is_empty() {
            return Err("lesson check and solve need at least one FILE".to_string());
        }
        Ok(Command::Lesson { action, files })
    }

    fn parse_run(args: &[String]) -> Result<Command, String> {
        let mut source = None;
        let mut seed = None;
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            let value = arg.as_str();
            if value == "--seed" || value.starts_with("--seed=") {
                let raw = match value.strip_prefix("--seed=") {
                    Some(inline) => inline.to_string(),
                    None => iter.next().cloned().ok_or("--seed needs a number")?,
                };
                if seed.is_some() {
                    return Err("--seed given twice".to_string());
                }
                let parsed = raw.parse::<u64>().map_err(|_| {
                    format!(
                        "--seed needs a whole number from 0 to {}, got '{raw}'",
                        u64::MAX
                    )
                })?;
                seed = Some(parsed);
            } else if value.starts_with('-') && value != "-" {
                return Err(format!("unexpected option '{value}' for run"));
            } else if source.is_some() {
                return Err(format!("run takes one FILE, got another: '{value}'"));
            } else if value == "-" {
                source = Some(Source::Stdin);
            } else {
                source = Some(Source::File(value.to_string()));
            }
        }
        let source = source.ok_or("run needs a FILE, or - for standard input")?;
        Ok(Command::Run {
            source,
            seed: seed.unwrap_or(0),
        })
    }

    /// Runs the command line and returns the process exit status.
    pub fn run(args: &[String]) -> u8 {
        let mut out = std::io::stdout().lock();
        let mut err = std::io::stderr().lock();
        // Write errors (a closed pipe, say) are ignored: there is nowhere left to report them.
        match parse(args) {
            Ok(Command::Help) => {
                let _ = out.write_all(USAGE.as_bytes());
                EXIT_OK
            }
            Ok(Command::Version) => {
                let _ = writeln!(out, "sts-playground {}", env!("CARGO_PKG_VERSION"));
                EXIT_OK
            }
            Ok(Command::Run { source, seed }) => {
                let script = match source {
                    Source::Stdin => crate::runner::Script::Stdin,
                    Source::File(path) => crate::runner::Script::File(path),
                };
                drop(out);
                match crate::runner::run(script, seed) {
                    Ok(()) => EXIT_OK,
                    Err(problem) => {
                        let _ = writeln!(err, "sts-playground: {problem}");
                        EXIT_FAILED
                    }
                }
            }
            Ok(Command::Lesson { action, files }) => {
                let (report, ok) = crate::lesson_cli::run(action, &files);
                let _ = out.write_all(report.as_bytes());
                if ok { EXIT_OK } else { EXIT_FAILED }
            }
            Err(problem) => {
                let _ = writeln!(err, "sts-playground: {problem}\n");
                let _ = err.write_all(USAGE.as_bytes());
                EXIT_USAGE
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn args(list: &[&str]) -> Vec<String> {
            list.iter().map(|s| s.to_string()).collect()
        }

        #[test]
        fn run_accepts_file_stdin_and_seed_forms() {
            assert_eq!(
                parse(&args(&["run", "demo.txt", "--seed", "42"])),
                Ok(Command::Run {
                    source: Source::File("demo.txt".into()),
                    seed: 42
                })
            );
            assert_eq!(
                parse(&args(&["run", "--seed=7", "-"])),
                Ok(Command::Run {
                    source: Source::Stdin,
                    seed: 7
                })
            );
            assert_eq!(
                parse(&args(&["run", "x"])),
                Ok(Command::Run {
                    source: Source::File("x".into()),
                    seed: 0
                })
            );
        }

        #[test]
        fn run_rejects_bad_forms() {
            for bad in [
                &["run"][..],
                &["run", "a", "b"],
                &["run", "a", "--seed"],
                &["run", "a", "--seed", "-1"],
                &["run", "a", "--seed", "1", "--seed", "2"],
                &["run", "a", "--fast"],
                &["--help", "extra"],
                &["bogus"],
            ] {
                assert!(parse(&args(bad)).is_err(), "{bad:?} should be rejected");
            }
        }
    }
}
