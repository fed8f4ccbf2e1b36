//! What a running command holds (session, flags, namespace, output) and kubectl's error texts.

use super::flags::Parsed;
use super::{Output, Run, Session};
use crate::sim::apiserver::ApiError;

/// A command being run.
pub(crate) struct Ctx<'a> {
    /// The session.
    pub session: &'a mut Session,
    /// The folder the command runs in; relative paths it reads are opened from here.
    pub cwd: &'a str,
    /// Piped input.
    pub stdin: &'a str,
    /// Parsed flags and positional arguments (command words removed).
    pub flags: Parsed,
    /// `kubectl get`, `kubectl rollout status`: for usage errors.
    pub path: String,
    /// The namespace to act in.
    pub namespace: String,
    /// Whether `-n` was given (objects from files must then match it).
    pub explicit_namespace: bool,
    /// What has been printed so far.
    pub out: Output,
    /// Server warnings of requests made but not printed yet (see [`Ctx::requested`]).
    pub pending: ServerWarnings,
}

/// Warnings the API server sends with its answers, which kubectl prints once each on standard
/// error as they arrive (client-go's deduplicating warning writer).
#[derive(Default)]
pub(crate) struct ServerWarnings(std::cell::RefCell<(Vec<String>, Vec<String>)>);

/// The API's deprecation warning for v1 Endpoints (served since v1.33; the Kubernetes blog
/// "Continuing the transition from Endpoints to EndpointSlices" shows it).
const ENDPOINTS_DEPRECATED: &str =
    "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";

impl Ctx<'_> {
    /// Notes a request for objects of `kind`: the server's warning for it is printed before
    /// whatever the command prints next.
    pub fn requested(&self, kind: crate::sim::kind::Kind) {
        if kind != crate::sim::kind::Kind::Endpoints {
            return;
        }
        let mut w = self.pending.0.borrow_mut();
        let text = ENDPOINTS_DEPRECATED.to_string();
        if !w.0.contains(&text) && !w.1.contains(&text) {
            w.0.push(text);
        }
    }

    /// Prints the server warnings that arrived since the last output.
    pub fn flush_warnings(&mut self) {
        let pending = {
            let mut w = self.pending.0.borrow_mut();
            let p = std::mem::take(&mut w.0);
            w.1.extend(p.iter().cloned());
            p
        };
        for text in pending {
            self.out.err(&format!("Warning: {text}\n"));
        }
    }

    /// Prints to standard output.
    pub fn print(&mut self, text: &str) {
        self.flush_warnings();
        self.out.out(text);
    }

    /// Prints to standard error.
    pub fn eprint(&mut self, text: &str) {
        self.flush_warnings();
        self.out.err(text);
    }

    /// Prints a `Warning: …` line on standard error.
    pub fn warn(&mut self, text: &str) {
        self.flush_warnings();
        self.out.err(&format!("Warning: {text}\n"));
    }

    /// Records a failure printed the way kubectl's `CheckErr` prints a plain error.
    pub fn fail(&mut self, msg: &str) {
        self.flush_warnings();
        self.out.err(&error_text(msg));
        self.out.code = 1;
    }

    /// Records an API error.
    pub fn fail_api(&mut self, e: &ApiError) {
        self.flush_warnings();
        self.out.err(&api_error_text(e));
        self.out.code = 1;
    }

    /// A usage error: the message, then `See 'kubectl get -h' for help and examples`.
    pub fn usage(&mut self, msg: &str) {
        let text = format!("{msg}\nSee '{} -h' for help and examples", self.path);
        self.fail(&text);
    }

    /// Finishes with what was printed.
    pub fn done(mut self) -> Run {
        self.flush_warnings();
        Run::Done(self.out)
    }

    /// Whether `-A` was given.
    pub fn all_namespaces(&self) -> bool {
        self.flags.bool("all-namespaces")
    }

    /// The virtual now as a calendar timestamp.
    pub fn now(&self) -> k8s_openapi::jiff::Timestamp {
        self.session.cluster.world.clock.timestamp()
    }
}

/// `error: <msg>` with a final newline, unless the message already starts with `error: `.
pub(crate) fn error_text(msg: &str) -> String {
    let mut s = if msg.starts_with("error: ") {
        msg.to_string()
    } else {
        format!("error: {msg}")
    };
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// How kubectl prints an API error (`Error from server (NotFound): …` or the Invalid layout).
pub(crate) fn api_error_text(e: &ApiError) -> String {
    let mut s = e.to_string();
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// `AddSourceToErr`: names the file an API error came from (Invalid errors print without it).
pub(crate) fn with_source(verb: &str, source: &str, mut e: ApiError) -> ApiError {
    if !source.is_empty() && e.reason != "Invalid" {
        e.message = format!("error when {verb} \"{source}\": {}", e.message);
    }
    e
}

/// One collected error of a command that continues past failures.
#[derive(Clone, Debug)]
pub(crate) enum Failure {
    /// A client-side error message (without `error: `).
    Plain(String),
    /// An answer of the API server.
    Api(ApiError),
}

/// Prints collected errors as kubectl's `CheckErr` does: one error alone in its usual form,
/// several one per line (client errors then lose their `error: ` prefix, Invalid errors show the
/// server's wording).
pub(crate) fn print_failures(ctx: &mut Ctx<'_>, failures: &[Failure]) {
    match failures {
        [] => {}
        [Failure::Plain(m)] => ctx.fail(m),
        [Failure::Api(e)] => ctx.fail_api(e),
        many => {
            for f in many {
                let line = match f {
                    Failure::Plain(m) => m.clone(),
                    Failure::Api(e) if e.reason == "Invalid" => {
                        format!(
                            "Error from server (Invalid): {}",
                            server_invalid_text(&e.message)
                        )
                    }
                    Failure::Api(e) => e.to_string(),
                };
                ctx.eprint(&line);
                ctx.eprint("\n");
            }
            ctx.out.code = 1;
        }
    }
}

/// Turns kubectl's `The StatefulSet "web" is invalid: …` back into the server's
/// `StatefulSet.apps "web" is invalid: …` wording.
fn server_invalid_text(kubectl_text: &str) -> String {
    let Some(rest) = kubectl_text.strip_prefix("The ") else {
        return kubectl_text.to_string();
    };
    let Some((kind, tail)) = rest.split_once(' ') else {
        return kubectl_text.to_string();
    };
    let qualified = match kind {
        "StatefulSet" | "ControllerRevision" => format!("{kind}.apps"),
        "StorageClass" => format!("{kind}.storage.k8s.io"),
        _ => kind.to_string(),
    };
    let Some((head, causes)) = tail.split_once(" is invalid: ") else {
        return format!("{qualified} {tail}");
    };
    let items: Vec<&str> = causes
        .split("\n* ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() > 1 {
        format!("{qualified} {head} is invalid: [{}]", items.join(", "))
    } else {
        format!("{qualified} {head} is invalid: {}", items.join(""))
    }
}

/// The message of a flag error: `<error>\nSee 'kubectl get --help' for usage.`
pub(crate) fn flag_error(path: &str, err: &str) -> Output {
    Output {
        stdout: String::new(),
        stderr: format!("error: {err}\nSee '{path} --help' for usage.\n"),
        code: 1,
        ..Default::default()
    }
}
