//! Running parsed commands: lists, and-or chains, pipelines, loops, conditionals and simple commands.

use std::rc::Rc;

use super::{Exec, Flow, Proc, R, Sink, Streams};
use crate::sh::syntax::{
    AndOr, CaseArm, Command, Compound, Connector, List, Pipeline, Simple, Word,
};

impl Exec<'_> {
    /// Runs a list; `tail` says nothing runs after it on this line.
    pub fn list(&mut self, list: &List, io: &Streams, tail: bool) -> R {
        let mut status = self.sh.status;
        let count = list.items.len();
        for (i, item) in list.items.iter().enumerate() {
            status = self.and_or(item, io, tail && i + 1 == count)?;
            self.sh.status = status;
        }
        Ok(status)
    }

    fn and_or(&mut self, item: &AndOr, io: &Streams, tail: bool) -> R {
        let last = item.rest.len();
        let mut status = self.pipeline(&item.first, io, tail && last == 0 && !item.background)?;
        for (i, (connector, pipeline)) in item.rest.iter().enumerate() {
            self.sh.status = status;
            let run = match connector {
                Connector::And => status == 0,
                Connector::Or => status != 0,
            };
            if run {
                status = self.pipeline(pipeline, io, tail && i + 1 == last && !item.background)?;
            }
        }
        if self.sh.errexit
            && status != 0
            && !self.sh.interactive
            && item.rest.is_empty()
            && !item.first.bang
        {
            return Err(Flow::Exit(status));
        }
        Ok(status)
    }

    fn pipeline(&mut self, p: &Pipeline, io: &Streams, tail: bool) -> R {
        let status = if p.commands.len() == 1 {
            match p.commands.first() {
                Some(cmd) => self.command(cmd, io, tail)?,
                None => 0,
            }
        } else {
            self.multi(p, io)?
        };
        Ok(if p.bang {
            i32::from(status == 0)
        } else {
            status
        })
    }

    /// A pipeline of several commands: each runs to the end and feeds the next, each in a
    /// copy of the shell (as bash runs them in subshells).
    fn multi(&mut self, p: &Pipeline, io: &Streams) -> R {
        let mut input = io.input;
        let mut statuses = Vec::new();
        let count = p.commands.len();
        for (i, cmd) in p.commands.iter().enumerate() {
            let last = i + 1 == count;
            let buf = if last { None } else { Some(self.new_buf()) };
            let stage = Streams {
                out: buf.map_or(io.out.clone(), Sink::Buf),
                err: io.err.clone(),
                input,
            };
            let saved = self.sh.clone();
            let r = self.command(cmd, &stage, false);
            let keep_history = std::mem::take(&mut self.sh.history);
            *self.sh = saved;
            self.sh.history = keep_history;
            let status = match r {
                Ok(s) | Err(Flow::Exit(s)) | Err(Flow::Return(s)) | Err(Flow::Fail(s)) => s,
                Err(Flow::Break(_)) | Err(Flow::Continue(_)) => 0,
                Err(limit @ Flow::Limit(_)) => return Err(limit),
            };
            statuses.push(status);
            if let Some(b) = buf {
                let text = self.take_buf(b);
                input = self.new_input(text);
            }
        }
        let last = statuses.last().copied().unwrap_or(0);
        if self.sh.pipefail() {
            return Ok(statuses
                .iter()
                .rev()
                .find(|s| **s != 0)
                .copied()
                .unwrap_or(0));
        }
        Ok(last)
    }

    /// Runs one command.
    pub fn command(&mut self, cmd: &Command, io: &Streams, tail: bool) -> R {
        match cmd {
            Command::Simple(s) => self.simple(s, io, tail),
            Command::Function(name, body) => {
                self.sh.functions.insert(name.clone(), Rc::clone(body));
                Ok(0)
            }
            Command::Compound(c, redirs) => {
                let io2 = match self.redirect(redirs, io)? {
                    Ok(s) => s,
                    Err(msg) => {
                        self.write(&io.err, &msg)?;
                        return Ok(self.redirect_failure());
                    }
                };
                let tail = tail && io2.out == io.out;
                self.compound(c, &io2, tail)
            }
        }
    }

    fn compound(&mut self, c: &Compound, io: &Streams, tail: bool) -> R {
        match c {
            Compound::Brace(list) => self.list(list, io, tail),
            Compound::Subshell(list) => {
                let saved = self.sh.clone();
                let r = self.list(list, io, tail);
                let keep_history = std::mem::take(&mut self.sh.history);
                *self.sh = saved;
                self.sh.history = keep_history;
                match r {
                    Err(Flow::Exit(s)) => Ok(s),
                    other => other,
                }
            }
            Compound::If {
                branches,
                otherwise,
            } => {
                for (cond, body) in branches {
                    if self.condition(cond, io)? == 0 {
                        return self.list(body, io, tail);
                    }
                }
                match otherwise {
                    Some(body) => self.list(body, io, tail),
                    None => Ok(0),
                }
            }
            Compound::While { until, cond, body } => self.while_loop(*until, cond, body, io),
            Compound::For { var, words, body } => {
                let items = match words {
                    Some(w) => self.expand_words(w)?,
                    None => self.sh.positional.clone(),
                };
                let mut status = 0;
                self.loops += 1;
                let r = self.for_items(var, items, body, io, &mut status);
                self.loops -= 1;
                r.map(|()| status)
            }
            Compound::Case { word, arms } => self.case(word, arms, io, tail),
            Compound::Test(words) => {
                let args = self.expand_words_test(words)?;
                let cwd = self.sh.cwd.clone();
                match super::test_cmd::evaluate(&args, self.host.files(), &cwd, true) {
                    Ok(v) => Ok(i32::from(!v)),
                    Err(m) => {
                        let msg = format!("{}{m}\n", self.sh.prefix());
                        self.write(&io.err, &msg)?;
                        Ok(2)
                    }
                }
            }
        }
    }

    /// Runs a condition list, where `set -e` does not apply.
    fn condition(&mut self, cond: &List, io: &Streams) -> R {
        let errexit = std::mem::replace(&mut self.sh.errexit, false);
        let r = self.list(cond, io, false);
        self.sh.errexit = errexit;
        r
    }

    fn for_items(
        &mut self,
        var: &str,
        items: Vec<String>,
        body: &List,
        io: &Streams,
        status: &mut i32,
    ) -> Result<(), Flow> {
        for item in items {
            self.tick()?;
            self.sh.set(var, &item);
            match self.list(body, io, false) {
                Ok(s) => *status = s,
                Err(Flow::Break(n)) if n > 1 => return Err(Flow::Break(n - 1)),
                Err(Flow::Break(_)) => break,
                Err(Flow::Continue(n)) if n > 1 => return Err(Flow::Continue(n - 1)),
                Err(Flow::Continue(_)) => continue,
                Err(other) => return Err(other),
            }
        }
        Ok(())
    }

    fn while_loop(&mut self, until: bool, cond: &List, body: &List, io: &Streams) -> R {
        self.loops += 1;
        let r = self.while_rounds(until, cond, body, io);
        self.loops -= 1;
        r
    }

    fn while_rounds(&mut self, until: bool, cond: &List, body: &List, io: &Streams) -> R {
        let mut status = 0;
        loop {
            self.tick()?;
            let c = self.condition(cond, io)?;
            if (c == 0) == until {
                break;
            }
            match self.list(body, io, false) {
                Ok(s) => status = s,
                Err(Flow::Break(n)) if n > 1 => return Err(Flow::Break(n - 1)),
                Err(Flow::Break(_)) => break,
                Err(Flow::Continue(n)) if n > 1 => return Err(Flow::Continue(n - 1)),
                Err(Flow::Continue(_)) => continue,
                Err(other) => return Err(other),
            }
        }
        Ok(status)
    }

    fn case(&mut self, word: &Word, arms: &[CaseArm], io: &Streams, tail: bool) -> R {
        let subject = self.expand_string(word)?;
        for arm in arms {
            for pattern in &arm.patterns {
                let pat = self.expand_pattern(pattern)?;
                if super::glob::matches(&pat, &subject) {
                    return self.list(&arm.body, io, tail);
                }
            }
        }
        Ok(0)
    }

    fn simple(&mut self, cmd: &Simple, io: &Streams, tail: bool) -> R {
        self.tick()?;
        self.sh.line = self.sh.base_line + cmd.line.max(1) - 1;
        self.subst_status = None;
        let argv = match self.expand_words(&cmd.words) {
            Ok(a) => a,
            Err(Flow::Fail(s)) if self.sh.interactive => return Ok(s),
            Err(e) => return Err(e),
        };
        let mut assigns = Vec::new();
        for (name, value) in &cmd.assigns {
            let v = match self.expand_string(value) {
                Ok(v) => v,
                Err(Flow::Fail(s)) if self.sh.interactive => return Ok(s),
                Err(e) => return Err(e),
            };
            assigns.push((name.clone(), v));
        }
        let io2 = match self.redirect(&cmd.redirs, io)? {
            Ok(s) => s,
            Err(msg) => {
                self.write(&io.err, &msg)?;
                return Ok(self.redirect_failure());
            }
        };
        if argv.is_empty() {
            for (name, value) in &assigns {
                self.sh.set(name, value);
            }
            return Ok(self.subst_status.unwrap_or(0));
        }
        if self.sh.xtrace {
            let line = format!(
                "+ {}\n",
                argv.iter()
                    .map(|a| trace_quote(a))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            self.write(&io.err, &line)?;
        }
        let tail = tail && io2.out == io.out && io.out == Sink::Term;
        self.dispatch(argv, &assigns, &io2, tail)
    }

    /// Runs a command by name: function, builtin, then an installed command.
    pub fn dispatch(
        &mut self,
        argv: Vec<String>,
        assigns: &[(String, String)],
        io: &Streams,
        tail: bool,
    ) -> R {
        let Some(name) = argv.first().cloned() else {
            return Ok(0);
        };
        // Assignments before a function or builtin hold while it runs (`IFS=: read a b`).
        let saved: Vec<(String, Option<super::state::Var>)> = assigns
            .iter()
            .map(|(k, _)| (k.clone(), self.sh.vars.get(k).cloned()))
            .collect();
        for (k, v) in assigns {
            self.sh.set(k, v);
        }
        let inner = match self.sh.functions.get(&name).cloned() {
            Some(body) => Some(self.call_function(&body, argv.clone(), io)),
            None => self.builtin(&name, &argv, assigns, io).transpose(),
        };
        for (k, old) in saved {
            match old {
                Some(v) => {
                    self.sh.vars.insert(k, v);
                }
                None => {
                    self.sh.vars.remove(&k);
                }
            }
        }
        if let Some(r) = inner {
            return r;
        }
        let mut env = self.sh.environment();
        for (k, v) in assigns {
            env.retain(|(ek, _)| ek != k);
            env.push((k.clone(), v.clone()));
        }
        let limit = self.limits.bytes.saturating_sub(self.produced);
        let mut input = std::mem::take(self.inputs.get_mut(io.input).ok_or(Flow::Fail(1))?);
        let mut p = Proc::new(argv, self.sh.cwd.clone(), self.sh.tools, &mut input, limit);
        p.env = env;
        p.tty = self.sh.tty && io.out == Sink::Term;
        p.tail = tail;
        p.now_ms = self.host.now_ms();
        p.now = self.host.timestamp();
        let status = self.host.run(&mut p);
        let chunks = std::mem::take(&mut p.chunks);
        drop(p);
        if let Some(slot) = self.inputs.get_mut(io.input) {
            *slot = input;
        }
        for (fd, text) in chunks {
            let sink = if fd == 2 { &io.err } else { &io.out };
            self.write(&sink.clone(), &text)?;
        }
        match status {
            Some(s) => Ok(s),
            None => {
                let msg = self.sh.not_found(&name);
                self.write(&io.err, &msg)?;
                Ok(127)
            }
        }
    }

    fn call_function(&mut self, body: &Command, argv: Vec<String>, io: &Streams) -> R {
        let args = argv.get(1..).unwrap_or(&[]).to_vec();
        let saved = std::mem::replace(&mut self.sh.positional, args);
        // A function body starts outside any loop of its caller.
        let loops = std::mem::take(&mut self.loops);
        self.functions += 1;
        let r = self.deeper(|ex| ex.command(body, io, false));
        self.functions -= 1;
        self.loops = loops;
        self.sh.positional = saved;
        match r {
            Err(Flow::Return(s)) => Ok(s),
            other => other,
        }
    }
}

impl Exec<'_> {
    /// The status of a command whose redirection failed: dash says 2, bash and BusyBox 1.
    fn redirect_failure(&self) -> i32 {
        if self.sh.dialect == super::Dialect::Dash {
            2
        } else {
            1
        }
    }
}

/// Quotes an argument as `set -x` shows it.
fn trace_quote(arg: &str) -> String {
    if !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c))
    {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}
