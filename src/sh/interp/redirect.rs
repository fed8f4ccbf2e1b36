//! Redirections: files opened for writing or reading, streams duplicated, here-documents.

use super::io::{FsError, Stat, check_writable};
use super::{Dialect, Exec, Flow, Sink, Streams};
use crate::sh::syntax::{Redir, RedirOp};

impl Exec<'_> {
    /// Applies redirections to a copy of `io`. The inner Err is the message to print (status 1).
    pub(super) fn redirect(
        &mut self,
        redirs: &[Redir],
        io: &Streams,
    ) -> Result<Result<Streams, String>, Flow> {
        let mut io = io.clone();
        for r in redirs {
            match &r.op {
                RedirOp::HereDoc(body) => {
                    let text = self.expand_string(body)?;
                    if r.fd.unwrap_or(0) == 0 {
                        io.input = self.new_input(text);
                    }
                }
                RedirOp::HereString => {
                    let mut text = self.expand_string(&r.target)?;
                    text.push('\n');
                    if r.fd.unwrap_or(0) == 0 {
                        io.input = self.new_input(text);
                    }
                }
                RedirOp::Dup => {
                    let target = self.expand_string(&r.target)?;
                    let sink = match target.as_str() {
                        "-" => Sink::Null,
                        "1" => io.out.clone(),
                        "2" => io.err.clone(),
                        _ => continue,
                    };
                    match r.fd.unwrap_or(1) {
                        1 => io.out = sink,
                        2 => io.err = sink,
                        _ => {}
                    }
                }
                RedirOp::Out | RedirOp::Append | RedirOp::Both => {
                    let target = match self.redirect_target(r)? {
                        Ok(t) => t,
                        Err(m) => return Ok(Err(m)),
                    };
                    let sink = match self.open_write(&target, r.op == RedirOp::Append)? {
                        Ok(s) => s,
                        Err(m) => return Ok(Err(m)),
                    };
                    if r.op == RedirOp::Both {
                        io.out = sink.clone();
                        io.err = sink;
                    } else {
                        match r.fd.unwrap_or(1) {
                            1 => io.out = sink,
                            2 => io.err = sink,
                            _ => {}
                        }
                    }
                }
                RedirOp::In => {
                    let target = match self.redirect_target(r)? {
                        Ok(t) => t,
                        Err(m) => return Ok(Err(m)),
                    };
                    let path = crate::paths::normalize(&self.sh.cwd, &target);
                    let text = match target.as_str() {
                        "/dev/null" => Ok(String::new()),
                        _ => self.host.files().read(&path),
                    };
                    match text {
                        Ok(t) => {
                            if r.fd.unwrap_or(0) == 0 {
                                io.input = self.new_input(t);
                            }
                        }
                        Err(e) => return Ok(Err(self.open_read_error(&target, e))),
                    }
                }
            }
        }
        Ok(Ok(io))
    }

    /// The single word a redirection names, or bash's `ambiguous redirect`.
    fn redirect_target(&mut self, r: &Redir) -> Result<Result<String, String>, Flow> {
        let fields = self.expand_words(std::slice::from_ref(&r.target))?;
        match fields.as_slice() {
            [one] => Ok(Ok(one.clone())),
            _ => {
                let raw = crate::sh::syntax::ast::literal(&r.target)
                    .unwrap_or("")
                    .to_string();
                let shown = if raw.is_empty() {
                    "$…".to_string()
                } else {
                    raw
                };
                Ok(Err(format!(
                    "{}{shown}: ambiguous redirect\n",
                    self.sh.prefix()
                )))
            }
        }
    }

    fn open_write(&mut self, target: &str, append: bool) -> Result<Result<Sink, String>, Flow> {
        match target {
            "/dev/null" => return Ok(Ok(Sink::Null)),
            "/dev/stdout" | "/dev/tty" => return Ok(Ok(Sink::Term)),
            "/dev/stderr" => return Ok(Ok(Sink::Term)),
            _ => {}
        }
        let path = crate::paths::normalize(&self.sh.cwd, target);
        let fs = self.host.files();
        if let Err(e) = check_writable(fs, &path) {
            return Ok(Err(self.open_write_error(target, e)));
        }
        let result = if append && matches!(fs.stat(&path), Some(Stat::File(_))) {
            Ok(())
        } else {
            fs.write(&path, "", append)
        };
        match result {
            Ok(()) => Ok(Ok(Sink::File(path))),
            Err(e) => Ok(Err(self.open_write_error(target, e))),
        }
    }

    fn open_write_error(&self, target: &str, e: FsError) -> String {
        let p = self.sh.prefix();
        match self.sh.dialect {
            Dialect::Dash => {
                let why = if e == FsError::NotFound {
                    "Directory nonexistent"
                } else {
                    e.text()
                };
                format!("{p}cannot create {target}: {why}\n")
            }
            Dialect::Busybox => {
                let why = if e == FsError::NotFound {
                    "nonexistent directory"
                } else {
                    e.text()
                };
                format!("{p}can't create {target}: {why}\n")
            }
            Dialect::Bash | Dialect::BashSh => format!("{p}{target}: {}\n", e.text()),
        }
    }

    fn open_read_error(&self, target: &str, e: FsError) -> String {
        let p = self.sh.prefix();
        match self.sh.dialect {
            Dialect::Dash => {
                let why = if e == FsError::NotFound {
                    "No such file"
                } else {
                    e.text()
                };
                format!("{p}cannot open {target}: {why}\n")
            }
            Dialect::Busybox => format!("{p}can't open '{target}': {}\n", e.text()),
            Dialect::Bash | Dialect::BashSh => format!("{p}{target}: {}\n", e.text()),
        }
    }
}
