//! The state a shell keeps between commands: variables, functions, working directory, options.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::io::Tools;
use crate::sh::syntax::Command;

/// Which shell is talking: it decides prompts, message prefixes and `echo`'s habits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// GNU bash (the workspace, `bash` in Debian images).
    Bash,
    /// bash started as `sh` (Oracle Linux images such as mysql).
    BashSh,
    /// dash, Debian's and Ubuntu's `/bin/sh`.
    Dash,
    /// BusyBox ash (busybox and alpine images).
    Busybox,
}

/// One shell variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Var {
    /// Its value.
    pub value: String,
    /// Whether it is passed to commands.
    pub exported: bool,
    /// When it was first set, so `env` lists in the order a process environment has.
    pub order: u64,
}

/// A shell's lasting state.
#[derive(Debug, Clone)]
pub struct Shell {
    /// Variables by name.
    pub vars: BTreeMap<String, Var>,
    /// Functions by name.
    pub functions: BTreeMap<String, Rc<Command>>,
    /// `$1`, `$2` …
    pub positional: Vec<String>,
    /// `$0` and the prefix of its messages (`bash`, `sh`).
    pub name: String,
    /// `$?`.
    pub status: i32,
    /// Working directory.
    pub cwd: String,
    /// Which shell this is.
    pub dialect: Dialect,
    /// Which utilities' messages to use.
    pub tools: Tools,
    /// Whether a person types into it (messages then carry no line numbers in bash).
    pub interactive: bool,
    /// Whether its output is a terminal.
    pub tty: bool,
    /// The current input line, for dash's and scripts' messages.
    pub line: usize,
    /// The line number of the first line of the text being run.
    pub base_line: usize,
    /// `$$`.
    pub pid: u32,
    /// `set -e`, `set -x`, `set -o pipefail`.
    pub errexit: bool,
    /// Prints each command before running it.
    pub xtrace: bool,
    /// A pipeline fails if any part fails.
    pipefail_flag: bool,
    /// Lines typed so far, for `history`.
    pub history: Vec<String>,
    /// Set by `clear`; the terminal empties its screen.
    pub clear: bool,
    /// Seed of `$RANDOM`.
    pub random: u64,
    next_order: u64,
}

impl Shell {
    /// A shell of a dialect in `/`.
    pub fn new(name: &str, dialect: Dialect, tools: Tools, pid: u32) -> Shell {
        Shell {
            vars: BTreeMap::new(),
            functions: BTreeMap::new(),
            positional: Vec::new(),
            name: name.to_string(),
            status: 0,
            cwd: "/".to_string(),
            dialect,
            tools,
            interactive: false,
            tty: false,
            line: 1,
            base_line: 1,
            pid,
            errexit: false,
            xtrace: false,
            pipefail_flag: false,
            history: Vec::new(),
            clear: false,
            random: u64::from(pid).wrapping_mul(2_654_435_761),
            next_order: 0,
        }
    }

    /// The value of a variable.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(|v| v.value.as_str())
    }

    /// Sets a variable, keeping whether it is exported.
    pub fn set(&mut self, name: &str, value: &str) {
        match self.vars.get_mut(name) {
            Some(v) => v.value = value.to_string(),
            None => {
                self.next_order += 1;
                self.vars.insert(
                    name.to_string(),
                    Var {
                        value: value.to_string(),
                        exported: false,
                        order: self.next_order,
                    },
                );
            }
        }
    }

    /// Sets and exports a variable.
    pub fn export(&mut self, name: &str, value: Option<&str>) {
        match value {
            Some(v) => self.set(name, v),
            None if !self.vars.contains_key(name) => {
                // `export X` of an unset variable marks it; bash then lists it without a value.
                self.set(name, "");
            }
            None => {}
        }
        if let Some(v) = self.vars.get_mut(name) {
            v.exported = true;
        }
    }

    /// Exported variables in the order they were first set.
    pub fn environment(&self) -> Vec<(String, String)> {
        let mut list: Vec<(&String, &Var)> = self.vars.iter().filter(|(_, v)| v.exported).collect();
        crate::order::sort_by_key(&mut list, |(_, v)| v.order);
        list.into_iter()
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect()
    }

    /// Whether `set -o pipefail` is on.
    pub fn pipefail(&self) -> bool {
        self.pipefail_flag
    }

    /// Turns `set -o pipefail` on or off.
    pub fn set_pipefail(&mut self, on: bool) {
        self.pipefail_flag = on;
    }

    /// The next `$RANDOM` (0..32768), from a fixed sequence so sessions replay.
    pub fn next_random(&mut self) -> u64 {
        self.random = self
            .random
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.random >> 33) % 32_768
    }

    /// The start of the shell's own messages: `bash: `, `sh: 1: `, `bash: line 3: `.
    pub fn prefix(&self) -> String {
        match self.dialect {
            Dialect::Dash => format!("{}: {}: ", self.name, self.line),
            Dialect::Busybox => format!("{}: ", self.name),
            Dialect::Bash | Dialect::BashSh if self.interactive => format!("{}: ", self.name),
            Dialect::Bash | Dialect::BashSh => format!("{}: line {}: ", self.name, self.line),
        }
    }

    /// What the shell prints for a command it cannot find.
    pub fn not_found(&self, command: &str) -> String {
        match self.dialect {
            Dialect::Bash | Dialect::BashSh => {
                format!("{}{command}: command not found\n", self.prefix())
            }
            Dialect::Dash | Dialect::Busybox => format!("{}{command}: not found\n", self.prefix()),
        }
    }
}
