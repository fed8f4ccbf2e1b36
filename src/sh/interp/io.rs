//! What a command sees of the world: a file system, its arguments and standard input, and the
//! streams it writes to.

/// Why a file operation failed; each shell and utility words it in its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FsError {
    /// `No such file or directory`.
    NotFound,
    /// `Not a directory`.
    NotDir,
    /// `Is a directory`.
    IsDir,
    /// `File exists`.
    Exists,
    /// `No space left on device`.
    NoSpace,
    /// `Read-only file system`.
    ReadOnly,
    /// `Directory not empty`.
    NotEmpty,
    /// `Device or resource busy` (a mount point).
    Busy,
}

impl FsError {
    /// The C library's text for the error.
    pub fn text(self) -> &'static str {
        match self {
            FsError::NotFound => "No such file or directory",
            FsError::NotDir => "Not a directory",
            FsError::IsDir => "Is a directory",
            FsError::Exists => "File exists",
            FsError::NoSpace => "No space left on device",
            FsError::ReadOnly => "Read-only file system",
            FsError::NotEmpty => "Directory not empty",
            FsError::Busy => "Device or resource busy",
        }
    }
}

/// What is at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stat {
    /// A regular file of this many bytes.
    File(usize),
    /// A directory.
    Dir,
}

/// A file system as a shell sees it. Paths are absolute and normalised.
pub trait Files {
    /// What is at `path`.
    fn stat(&self, path: &str) -> Option<Stat>;
    /// The contents of a file.
    fn read(&self, path: &str) -> Result<String, FsError>;
    /// Writes or appends to a file whose directory exists.
    fn write(&mut self, path: &str, text: &str, append: bool) -> Result<(), FsError>;
    /// Creates one directory whose parent exists.
    fn mkdir(&mut self, path: &str) -> Result<(), FsError>;
    /// Removes a file, or a directory with everything in it.
    fn remove(&mut self, path: &str) -> Result<(), FsError>;
    /// The entries of a directory, sorted by name.
    fn list(&self, dir: &str) -> Result<Vec<(String, Stat)>, FsError>;
}

/// Checks that a file may be written at `path` in `fs`: its directory exists and it is not a directory.
pub fn check_writable(fs: &dyn Files, path: &str) -> Result<(), FsError> {
    match fs.stat(crate::paths::parent(path)) {
        Some(Stat::Dir) => {}
        Some(Stat::File(_)) => return Err(FsError::NotDir),
        None => return Err(FsError::NotFound),
    }
    match fs.stat(path) {
        Some(Stat::Dir) => Err(FsError::IsDir),
        _ => Ok(()),
    }
}

/// Which family of tools prints the messages: GNU coreutils (Debian, Ubuntu, the learner's
/// machine) or BusyBox (busybox, alpine).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tools {
    /// GNU coreutils, grep, sed, mawk.
    Gnu,
    /// BusyBox applets.
    Busybox,
}

/// Standard input being read: text and how far it has been consumed.
#[derive(Debug, Clone, Default)]
pub struct Input {
    text: String,
    pos: usize,
}

impl Input {
    /// Input holding `text`.
    pub fn new(text: String) -> Input {
        Input { text, pos: 0 }
    }

    /// Everything not yet read.
    pub fn take_all(&mut self) -> String {
        let rest = self.text.get(self.pos..).unwrap_or("").to_string();
        self.pos = self.text.len();
        rest
    }

    /// Everything not yet read, without consuming it.
    pub fn peek_all(&self) -> &str {
        self.text.get(self.pos..).unwrap_or("")
    }

    /// One line without its newline, or None at the end; the flag says whether a newline ended it.
    pub fn read_line(&mut self) -> Option<(String, bool)> {
        let rest = self.text.get(self.pos..).unwrap_or("");
        if rest.is_empty() {
            return None;
        }
        match rest.find('\n') {
            Some(i) => {
                let line = rest.get(..i).unwrap_or("").to_string();
                self.pos += i + 1;
                Some((line, true))
            }
            None => {
                let line = rest.to_string();
                self.pos = self.text.len();
                Some((line, false))
            }
        }
    }
}

/// A running command: its arguments, environment, input and the output it produced so far.
pub struct Proc<'a> {
    /// The command name and its arguments.
    pub argv: Vec<String>,
    /// Exported variables.
    pub env: Vec<(String, String)>,
    /// Working directory.
    pub cwd: String,
    /// Whose messages to print.
    pub tools: Tools,
    /// Whether standard output is a terminal (changes `ls`).
    pub tty: bool,
    /// Whether this command is the last thing the typed line runs and writes to the terminal,
    /// so a command that waits may keep running after the line returns.
    pub tail: bool,
    /// Virtual milliseconds since the host's clock started.
    pub now_ms: u64,
    /// The calendar time at `now_ms` (for `date` and `ls -l`).
    pub now: jiff::Timestamp,
    input: &'a mut Input,
    /// Output so far: (1 or 2, text), in order.
    pub chunks: Vec<(u8, String)>,
    written: usize,
    limit: usize,
}

impl<'a> Proc<'a> {
    /// A command reading from `input`, allowed to write at most `limit` bytes.
    pub fn new(
        argv: Vec<String>,
        cwd: String,
        tools: Tools,
        input: &'a mut Input,
        limit: usize,
    ) -> Proc<'a> {
        Proc {
            argv,
            env: Vec::new(),
            cwd,
            tools,
            tty: false,
            tail: false,
            now_ms: 0,
            now: jiff::Timestamp::UNIX_EPOCH,
            input,
            chunks: Vec::new(),
            written: 0,
            limit,
        }
    }

    /// The arguments after the command name.
    pub fn args(&self) -> &[String] {
        self.argv.get(1..).unwrap_or(&[])
    }

    /// The command name as typed.
    pub fn name(&self) -> &str {
        self.argv.first().map_or("", String::as_str)
    }

    /// All of standard input that is left.
    pub fn stdin(&mut self) -> String {
        self.input.take_all()
    }

    /// Standard input left, without consuming it.
    pub fn peek_stdin(&self) -> &str {
        self.input.peek_all()
    }

    /// One line of standard input.
    pub fn read_line(&mut self) -> Option<(String, bool)> {
        self.input.read_line()
    }

    /// Whether the output limit has been reached (long-running producers stop then).
    pub fn full(&self) -> bool {
        self.written >= self.limit
    }

    fn push(&mut self, fd: u8, text: &str) {
        if text.is_empty() || self.full() {
            return;
        }
        self.written += text.len();
        match self.chunks.last_mut() {
            Some((last, s)) if *last == fd => s.push_str(text),
            _ => self.chunks.push((fd, text.to_string())),
        }
    }

    /// Writes to standard output.
    pub fn out(&mut self, text: &str) {
        self.push(1, text);
    }

    /// Writes to standard error.
    pub fn err(&mut self, text: &str) {
        self.push(2, text);
    }

    /// Writes a line to standard error.
    pub fn errln(&mut self, text: &str) {
        self.push(2, text);
        self.push(2, "\n");
    }

    /// An argument as an absolute path.
    pub fn path(&self, arg: &str) -> String {
        crate::paths::normalize(&self.cwd, arg)
    }

    /// The value of an exported variable.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}
