//! Random command lines against a populated cluster: kubectl never panics, always answers, and
//! each invocation (waits included, bounded by virtual time) finishes quickly.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use sts_playground::kubectl::{Run, Session, kubectl, run_to_end};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "get",
    "describe",
    "apply",
    "create",
    "replace",
    "delete",
    "scale",
    "patch",
    "set",
    "image",
    "edit",
    "rollout",
    "status",
    "history",
    "undo",
    "restart",
    "pause",
    "resume",
    "exec",
    "logs",
    "wait",
    "events",
    "explain",
    "label",
    "annotate",
    "cordon",
    "uncordon",
    "drain",
    "version",
    "api-resources",
    "help",
    "config",
    "set-context",
    "top",
    "run",
    "namespace",
    "sts",
    "pods",
    "po",
    "pvc",
    "pv",
    "svc",
    "ep",
    "sc",
    "nodes",
    "all",
    "controllerrevisions",
    "events",
    "deploy",
    "foo",
    "statefulset/web",
    "sts/web",
    "pod/web-0",
    "web",
    "web-0",
    "web-1",
    "web-9",
    "playground-worker",
    "-n",
    "default",
    "kube-system",
    "-A",
    "-o",
    "yaml",
    "json",
    "wide",
    "name",
    "jsonpath={.items[*].metadata.name}",
    "jsonpath={.spec",
    "custom-columns=N:.metadata.name",
    "-l",
    "app=nginx",
    "app in (",
    "--replicas=3",
    "--replicas=-1",
    "--replicas",
    "-p",
    "{\"spec\":{\"replicas\":2}}",
    "{\"spec\":}}",
    "[{\"op\":\"remove\",\"path\":\"/x\"}]",
    "--type=json",
    "--type=merge",
    "--type",
    "nginx=nginx:1.27",
    "*=busybox",
    "--",
    "sh",
    "-c",
    "echo hi > /tmp/x",
    "hostname",
    "cat",
    "/etc/os-release",
    "-it",
    "-c",
    "nginx",
    "-f",
    "web.yaml",
    "/web.yaml",
    "missing.yaml",
    "-",
    "--for=condition=Ready",
    "--for=delete",
    "--for=jsonpath={.status.readyReplicas}=2",
    "--timeout=5s",
    "--timeout=0",
    "--timeout=x",
    "--tail=2",
    "--previous",
    "--follow",
    "-w",
    "--watch-only",
    "--request-timeout=3s",
    "--cascade=orphan",
    "--cascade=x",
    "--grace-period=0",
    "--force",
    "--wait=false",
    "--all",
    "--dry-run=client",
    "--dry-run=server",
    "--validate=warn",
    "--show-labels",
    "--sort-by=.metadata.name",
    "--sort-by={.bad",
    "--no-headers",
    "-L",
    "app",
    "tier-",
    "tier=web",
    "--overwrite",
    "--to-revision=1",
    "--revision=2",
    "--recursive",
    "sts.spec.template",
    "pod.spec.nope",
    "--ignore-daemonsets",
    "--delete-emptydir-data",
    "--client",
    "",
    "=",
    "-",
    "--",
    "--=x",
    "-nkube-system",
    "-ojson",
    "--output",
    "ü",
    "\u{1b}[31m",
    "a/b/c",
    "/",
    ",",
    "sts,pods",
];

const WEB: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n  ports:\n  - port: 80\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nginx\n  replicas: 2\n  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n        volumeMounts:\n        - name: www\n          mountPath: /data\n  volumeClaimTemplates:\n  - metadata:\n      name: www\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi\n";

fn session() -> Session {
    let mut s = Session::new(7);
    s.files.insert("/web.yaml".to_string(), WEB.to_string());
    let args: Vec<String> = ["apply", "-f", "web.yaml"]
        .iter()
        .map(|a| a.to_string())
        .collect();
    let out = run_to_end(&mut s, &args, "", 1000);
    assert_eq!(out.code, 0, "{}", out.stderr);
    s.cluster.advance(30_000);
    s
}

#[test]
fn random_command_lines_never_panic_and_finish_quickly() {
    let mut s = session();
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    let mut slowest = Duration::ZERO;
    // `FUZZ_CASES=1000000 cargo test --release --test kubectl_fuzz` runs a million command lines.
    let rounds: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    for round in 0..rounds {
        let len = 1 + (g.next() % 7) as usize;
        let args: Vec<String> = (0..len).map(|_| g.pick(WORDS).to_string()).collect();
        let stdin = if g.next().is_multiple_of(4) { WEB } else { "" };
        let start = Instant::now();
        match kubectl(&mut s, &args, stdin) {
            Run::Done(out) => {
                assert!(out.code >= 0, "negative exit code for {args:?}");
                assert!(
                    out.code == 0 || !out.stderr.is_empty() || !out.stdout.is_empty(),
                    "a failure must say why: {args:?}"
                );
            }
            Run::Attach { pod, .. } => assert!(!pod.is_empty()),
            Run::Wait(mut w) => {
                let (_, done) = w.poll(&mut s, 20_000);
                if !done {
                    w.interrupt(&mut s);
                }
            }
        }
        slowest = slowest.max(start.elapsed());
        // Keep the cluster from drifting into an empty state for too long.
        if round % 200 == 199 {
            s = session();
        }
    }
    assert!(
        slowest < Duration::from_secs(2),
        "slowest invocation took {slowest:?}"
    );
}

#[test]
fn every_prefix_of_a_long_line_is_handled() {
    let mut s = session();
    let line = "get pods -o jsonpath={.items[*].metadata.name} -l app=nginx --sort-by=.metadata.name -n default";
    let words: Vec<String> = line.split(' ').map(str::to_string).collect();
    for n in 0..=words.len() {
        let out = run_to_end(&mut s, &words[..n], "", 1000);
        assert!(out.code == 0 || !out.stderr.is_empty(), "{:?}", &words[..n]);
    }
    for cut in 0..line.len() {
        if !line.is_char_boundary(cut) {
            continue;
        }
        let args: Vec<String> = line[..cut].split(' ').map(str::to_string).collect();
        let _ = run_to_end(&mut s, &args, "", 1000);
    }
}
