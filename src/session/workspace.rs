//! The workspace shell's world: the editor's files (plus folders made with `mkdir`), kubectl
//! against the simulated cluster, and the usual tools.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use crate::container::Target;
use crate::kubectl::{Output, Run, Session, Waiting, kubectl_in};
use crate::paths::{normalize, parent};
use crate::sh::interp::{Dialect, Files, FsError, Host, Proc, Stat};

/// Finds a file that is not in the workspace yet (the native runner reads it from the script's folder).
pub type Loader = Box<dyn FnMut(&str) -> Option<String>>;

/// What a typed line left running when it returned.
pub enum Pending {
    /// A kubectl command that waits on the cluster.
    Wait(Box<dyn Waiting>),
    /// `kubectl exec -it POD -- sh`: the terminal enters the container.
    Attach(Target, String),
}

/// How long a waiting kubectl command may block inside a longer command line (virtual ms).
const INLINE_WAIT_MS: u64 = 10 * 60 * 1000;

/// The most a workspace file may hold.
const FILE_LIMIT: usize = 8 * 1024 * 1024;

/// The workspace as a shell [`Host`] and file system.
pub struct WorkspaceHost<'a> {
    session: RefCell<&'a mut Session>,
    dirs: RefCell<&'a mut BTreeSet<String>>,
    loader: RefCell<Option<&'a mut Loader>>,
    /// A wait or an attach the line ended with.
    pub pending: Option<Pending>,
}

impl<'a> WorkspaceHost<'a> {
    /// The host over a session, its folders and an optional loader.
    pub fn new(
        session: &'a mut Session,
        dirs: &'a mut BTreeSet<String>,
        loader: Option<&'a mut Loader>,
    ) -> WorkspaceHost<'a> {
        WorkspaceHost {
            session: RefCell::new(session),
            dirs: RefCell::new(dirs),
            loader: RefCell::new(loader),
            pending: None,
        }
    }

    fn load(&self, path: &str) -> Option<String> {
        let mut loader = self.loader.borrow_mut();
        let text = (loader.as_mut()?)(path)?;
        self.session
            .borrow_mut()
            .files
            .insert(path.to_string(), text.clone());
        Some(text)
    }

    fn is_dir(&self, path: &str) -> bool {
        if path == "/" || self.dirs.borrow().contains(path) {
            return true;
        }
        let prefix = format!("{path}/");
        let files = &self.session.borrow().files;
        files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
            || self
                .dirs
                .borrow()
                .range(prefix.clone()..)
                .next()
                .is_some_and(|k| k.starts_with(&prefix))
    }

    /// Runs kubectl; a wait or an attach runs here inside a longer line, or is left pending.
    fn kubectl(&mut self, p: &mut Proc) -> i32 {
        let args = p.args().to_vec();
        // kubectl says what it will read; files not in the workspace yet are loaded first.
        let inputs = crate::kubectl::inputs(&p.cwd, &args);
        for path in &inputs.files {
            let _ = self.stat(path);
        }
        let stdin = if inputs.stdin {
            p.stdin()
        } else {
            String::new()
        };
        match kubectl_in(self.session.get_mut(), &p.cwd, &args, &stdin) {
            Run::Done(out) => {
                print(p, &out);
                out.code
            }
            Run::Wait(waiting) if !p.tail => self.wait_inline(p, waiting),
            Run::Wait(mut waiting) => {
                // What kubectl prints at once (the first status line) shows before the wait starts.
                let (out, finished) = waiting.poll(self.session.get_mut(), 0);
                print(p, &out);
                if finished {
                    return out.code;
                }
                self.pending = Some(Pending::Wait(waiting));
                0
            }
            Run::Attach {
                namespace,
                pod,
                container,
            } => self.attach(p, &args, &namespace, &pod, &container),
        }
    }

    /// Polls a wait second by second until it finishes, the output fills, or the inline limit.
    fn wait_inline(&mut self, p: &mut Proc, mut waiting: Box<dyn Waiting>) -> i32 {
        let session = self.session.get_mut();
        let mut spent = 0;
        loop {
            let (out, finished) = waiting.poll(session, 1000);
            print(p, &out);
            spent += 1000;
            if finished {
                return out.code;
            }
            if spent >= INLINE_WAIT_MS || p.full() {
                let out = waiting.interrupt(session);
                print(p, &out);
                p.err("[stopped waiting after 10 virtual minutes: the playground's limit inside a longer command line]\n");
                return 130;
            }
        }
    }

    /// `kubectl exec -it`: pending at the end of a line, else run once over the line's input.
    fn attach(
        &mut self,
        p: &mut Proc,
        args: &[String],
        namespace: &str,
        pod: &str,
        container: &str,
    ) -> i32 {
        let program = args
            .iter()
            .skip_while(|a| *a != "--")
            .nth(1)
            .cloned()
            .unwrap_or_else(|| "sh".into());
        let session = self.session.get_mut();
        let target =
            match crate::container::target(&session.cluster, namespace, pod, Some(container)) {
                Ok(t) => t,
                Err(e) => {
                    p.err(&format!("{e}\n"));
                    return 1;
                }
            };
        if p.tail {
            self.pending = Some(Pending::Attach(target, program));
            return 0;
        }
        let input = p.stdin();
        let out = crate::container::exec(
            &mut session.cluster,
            namespace,
            pod,
            Some(container),
            &[program],
            &input,
        );
        print(p, &out);
        out.code.max(0)
    }
}

/// Writes a kubectl result: warnings first, then output, then errors.
fn print(p: &mut Proc, out: &Output) {
    for (to_err, text) in out.chunks() {
        if to_err {
            p.err(text);
        } else {
            p.out(text);
        }
    }
}

impl Files for WorkspaceHost<'_> {
    fn stat(&self, path: &str) -> Option<Stat> {
        if let Some(t) = self.session.borrow().files.get(path) {
            return Some(Stat::File(t.len()));
        }
        if self.is_dir(path) {
            return Some(Stat::Dir);
        }
        self.load(path).map(|t| Stat::File(t.len()))
    }

    fn read(&self, path: &str) -> Result<String, FsError> {
        if let Some(t) = self.session.borrow().files.get(path) {
            return Ok(t.clone());
        }
        if self.is_dir(path) {
            return Err(FsError::IsDir);
        }
        self.load(path).ok_or(FsError::NotFound)
    }

    fn write(&mut self, path: &str, text: &str, append: bool) -> Result<(), FsError> {
        match self.stat(parent(path)) {
            Some(Stat::Dir) => {}
            Some(Stat::File(_)) => return Err(FsError::NotDir),
            None => return Err(FsError::NotFound),
        }
        if self.is_dir(path) {
            return Err(FsError::IsDir);
        }
        let _ = self.stat(path);
        let files = &mut self.session.get_mut().files;
        let entry = files.entry(path.to_string()).or_default();
        if !append {
            entry.clear();
        }
        if entry.len() + text.len() > FILE_LIMIT {
            return Err(FsError::NoSpace);
        }
        entry.push_str(text);
        Ok(())
    }

    fn mkdir(&mut self, path: &str) -> Result<(), FsError> {
        match self.stat(parent(path)) {
            Some(Stat::Dir) => {}
            Some(Stat::File(_)) => return Err(FsError::NotDir),
            None => return Err(FsError::NotFound),
        }
        if self.stat(path).is_some() {
            return Err(FsError::Exists);
        }
        self.dirs.get_mut().insert(path.to_string());
        Ok(())
    }

    fn remove(&mut self, path: &str) -> Result<(), FsError> {
        if self.stat(path).is_none() {
            return Err(FsError::NotFound);
        }
        let prefix = format!("{path}/");
        self.session
            .get_mut()
            .files
            .retain(|k, _| k != path && !k.starts_with(&prefix));
        self.dirs
            .get_mut()
            .retain(|k| k != path && !k.starts_with(&prefix));
        Ok(())
    }

    fn list(&self, dir: &str) -> Result<Vec<(String, Stat)>, FsError> {
        match self.stat(dir) {
            Some(Stat::Dir) => {}
            Some(Stat::File(_)) => return Err(FsError::NotDir),
            None => return Err(FsError::NotFound),
        }
        let prefix = if dir == "/" {
            "/".to_string()
        } else {
            format!("{dir}/")
        };
        let mut names: BTreeMap<String, ()> = BTreeMap::new();
        let child = |k: &str| {
            k.strip_prefix(&prefix)
                .and_then(|r| r.split('/').next())
                .filter(|n| !n.is_empty())
                .map(str::to_string)
        };
        for k in self.session.borrow().files.keys() {
            if let Some(n) = child(k) {
                names.insert(n, ());
            }
        }
        for k in self.dirs.borrow().iter() {
            if let Some(n) = child(k) {
                names.insert(n, ());
            }
        }
        let mut out = Vec::new();
        for n in names.into_keys() {
            if let Some(s) = self.stat(&normalize(dir, &n)) {
                out.push((n, s));
            }
        }
        Ok(out)
    }
}

/// Programs the workspace has besides the shell's builtins.
const WORKSPACE_TOOLS: [&str; 12] = [
    "kubectl", "curl", "clear", "sleep", "xargs", "env", "which", "sh", "bash", "true", "false",
    "echo",
];

impl Host for WorkspaceHost<'_> {
    fn files(&mut self) -> &mut dyn Files {
        self
    }

    fn run(&mut self, p: &mut Proc) -> Option<i32> {
        let name = p.name().to_string();
        match name.as_str() {
            "kubectl" => Some(self.kubectl(p)),
            "curl" => {
                let host = p.args().iter().find(|a| !a.starts_with('-')).map(|u| {
                    u.trim_start_matches("http://")
                        .trim_start_matches("https://")
                        .split(['/', ':'])
                        .next()
                        .unwrap_or("")
                        .to_string()
                });
                match host {
                    Some(h) => p.err(&format!("curl: (6) Could not resolve host: {h}\n")),
                    None => {
                        p.err("curl: try 'curl --help' or 'curl --manual' for more information\n")
                    }
                }
                Some(if p.args().is_empty() { 2 } else { 6 })
            }
            "true" => Some(0),
            "false" => Some(1),
            _ => crate::sh::utils::run(p, self),
        }
    }

    fn has(&self, name: &str) -> bool {
        WORKSPACE_TOOLS.contains(&name) || crate::sh::utils::NAMES.contains(&name)
    }

    fn path_of(&self, name: &str) -> String {
        if name == "kubectl" {
            "/usr/local/bin/kubectl".into()
        } else {
            format!("/usr/bin/{name}")
        }
    }

    fn shell(&self, name: &str) -> Option<Dialect> {
        match name {
            "sh" | "/bin/sh" | "dash" | "/usr/bin/sh" => Some(Dialect::Dash),
            "bash" | "/bin/bash" | "/usr/bin/bash" => Some(Dialect::Bash),
            _ => None,
        }
    }

    fn sleep(&mut self, ms: u64) {
        self.session.get_mut().cluster.advance(ms);
    }

    fn now_ms(&self) -> u64 {
        self.session.borrow().cluster.now_ms()
    }

    fn timestamp(&self) -> jiff::Timestamp {
        crate::sim::clock::timestamp_at(self.now_ms())
    }
}
