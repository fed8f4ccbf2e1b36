//! Signals to the container's processes: `kill` and nginx's own `nginx -s`. The main process is
//! PID 1, which the kernel shields from signals it has no handler for, so only a main process that
//! handles a signal (nginx does for TERM, INT and QUIT) exits; the kubelet then restarts the
//! container and the pod's RESTARTS count goes up.

use super::host::ContainerHost;
use super::system::{NGINX_MAIN, main_process};
use crate::sh::interp::Proc;
use crate::sim::kubelet::exit_main_process;

/// The canonical name of a signal given as a name (`TERM`, `SIGTERM`, `term`) or a number.
fn signal_name(text: &str) -> Option<&'static str> {
    let upper = text.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    let known = [
        ("1", "HUP"),
        ("2", "INT"),
        ("3", "QUIT"),
        ("9", "KILL"),
        ("10", "USR1"),
        ("12", "USR2"),
        ("15", "TERM"),
        ("19", "STOP"),
        ("28", "WINCH"),
    ];
    known
        .iter()
        .find(|(number, sig)| *number == name || *sig == name)
        .map(|(_, sig)| *sig)
}

/// Whether the container's main process is nginx's master, which has signal handlers.
fn runs_nginx(h: &ContainerHost) -> bool {
    h.profile.nginx.is_some() && main_process(h) == NGINX_MAIN
}

/// Delivers `signal` to PID 1. nginx exits on TERM and INT (fast shutdown) and QUIT (graceful),
/// with status 0; any other main process has no handler and the kernel drops the signal.
fn signal_main(h: &mut ContainerHost, signal: &str) {
    if runs_nginx(h) && matches!(signal, "TERM" | "INT" | "QUIT") {
        let (uid, index) = (h.target.uid.clone(), h.target.index);
        exit_main_process(h.files.cluster, &uid, index, 0);
    }
}

/// `kill [-SIGNAL | -s SIGNAL] PID…`.
pub(super) fn kill(h: &mut ContainerHost, p: &mut Proc) -> i32 {
    let args = p.args().to_vec();
    let mut signal = "TERM";
    let mut pids = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let given = match word.as_str() {
            "-s" | "-n" => words.next().map(String::as_str),
            w if pids.is_empty() && w.len() > 1 && w.starts_with('-') => w.get(1..),
            _ => {
                pids.push(word.clone());
                continue;
            }
        };
        let Some(name) = given.and_then(signal_name) else {
            p.err(&format!(
                "kill: {}: invalid signal specification\n",
                given.unwrap_or_default()
            ));
            return 1;
        };
        signal = name;
    }
    if pids.is_empty() {
        p.err("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
        return 2;
    }
    let nginx = runs_nginx(h);
    let mut status = 0;
    for pid in pids {
        match pid.as_str() {
            "1" => signal_main(h, signal),
            // A worker that stops is replaced by the master; this shell ignores TERM.
            "29" if nginx => {}
            "42" => {}
            _ => {
                p.err(&format!("kill: ({pid}) - No such process\n"));
                status = 1;
            }
        }
    }
    status
}

/// `nginx -s SIGNAL`, `-t`, `-v` and `-h` in an nginx image.
pub(super) fn nginx(h: &mut ContainerHost, p: &mut Proc) -> i32 {
    let version = h.profile.nginx.clone().unwrap_or_default();
    let args = p.args().to_vec();
    match args.first().map(String::as_str) {
        Some("-v") => {
            p.err(&format!("nginx version: nginx/{version}\n"));
            0
        }
        Some("-t") => {
            p.err("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n");
            0
        }
        Some("-h" | "-?") => {
            p.err(&format!("nginx version: nginx/{version}\n{USAGE}"));
            0
        }
        Some("-s") => signal_master(h, p, args.get(1).map_or("", String::as_str)),
        Some(other) => {
            p.err(&format!(
                "nginx: invalid option: \"{}\"\n",
                other.trim_start_matches('-')
            ));
            1
        }
        // A second nginx finds port 80 taken by the one that runs as PID 1.
        None => {
            let line = "nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n";
            p.err(&line.repeat(5));
            p.err("nginx: [emerg] still could not bind()\n");
            1
        }
    }
}

/// `nginx -s stop|quit|reopen|reload`: signals the master named in the pid file.
fn signal_master(h: &mut ContainerHost, p: &mut Proc, which: &str) -> i32 {
    let signal = match which {
        "stop" => "TERM",
        "quit" => "QUIT",
        "reopen" => "USR1",
        "reload" => "HUP",
        _ => {
            p.err(&format!("nginx: invalid option: \"-s {which}\"\n"));
            return 1;
        }
    };
    if !runs_nginx(h) {
        p.err("nginx: [error] open() \"/run/nginx.pid\" failed (2: No such file or directory)\n");
        return 1;
    }
    let now = h.files.cluster.now_ms();
    let stamp = crate::sim::clock::timestamp_at(now).strftime("%Y/%m/%d %H:%M:%S");
    p.err(&format!("{stamp} [notice] 55#55: signal process started\n"));
    signal_main(h, signal);
    0
}

const USAGE: &str = "Usage: nginx [-?hvVtTq] [-s signal] [-p prefix]
             [-e filename] [-c filename] [-g directives]

Options:
  -?,-h         : this help
  -v            : show version and exit
  -V            : show version and configure options then exit
  -t            : test configuration and exit
  -T            : test configuration, dump it and exit
  -q            : suppress non-error messages during configuration testing
  -s signal     : send signal to a master process: stop, quit, reopen, reload
  -p prefix     : set prefix path (default: /etc/nginx/)
  -e filename   : set error log file (default: /var/log/nginx/error.log)
  -c filename   : set configuration file (default: /etc/nginx/nginx.conf)
  -g directives : set global directives out of configuration file

";
