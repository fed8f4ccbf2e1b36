//! The terminal's own behaviour: commands that keep running, Ctrl+C, prompts, and shells inside
//! containers that end when their pod goes away.
#![cfg(not(target_arch = "wasm32"))]
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use k8s_openapi::api::core::v1::Pod;
use sts_playground::session::{Terminal, transcript};
use sts_playground::sim::apiserver::DeleteOptions;

fn with_web() -> Terminal {
    let mut t = Terminal::new(9);
    let web = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/shell/web.yaml"
    ))
    .expect("manifest");
    t.session.files.insert("/web.yaml".into(), web);
    t.feed_line("kubectl apply -f web.yaml");
    t
}

#[test]
fn a_waiting_command_keeps_running_until_polled_to_the_end() {
    let mut t = with_web();
    let step = t.feed_line("kubectl rollout status statefulset/web");
    assert!(step.running, "the rollout has only just begun");
    assert_eq!(
        step.output, "Waiting for 2 pods to be ready...\n",
        "the first status line shows at once: a tenth of a second after the apply the \
         controller has observed the new spec, and no pod is ready yet"
    );
    assert!(t.is_running());
    let mut printed = String::new();
    let mut polls = 0;
    loop {
        let step = t.poll(1000);
        printed.push_str(&step.output);
        polls += 1;
        if !step.running {
            break;
        }
        assert!(polls < 120, "finishes within two virtual minutes");
    }
    assert_eq!(
        printed,
        "Waiting for 1 pods to be ready...\nWaiting for 1 pods to be ready...\n\
         partitioned roll out complete: 2 new pods have been updated...\n"
    );
    assert!(polls > 3, "took some virtual time");
    assert_eq!(t.feed_line("echo $?").output, "0\n");
}

#[test]
fn ctrl_c_stops_a_waiting_command_with_status_130() {
    let mut t = with_web();
    assert!(
        t.feed_line("kubectl rollout status statefulset/web")
            .running
    );
    let step = t.interrupt();
    assert_eq!(step.output, "^C\n");
    assert!(!step.running && !t.is_running());
    assert_eq!(t.feed_line("echo $?").output, "130\n");
}

#[test]
fn a_wait_inside_a_longer_line_runs_to_its_end_before_the_rest() {
    let mut t = with_web();
    let step =
        t.feed_line("kubectl rollout status statefulset/web && kubectl exec web-1 -- hostname");
    assert!(!step.running);
    assert!(
        step.output.ends_with(
            "Waiting for 1 pods to be ready...\n\
             partitioned roll out complete: 2 new pods have been updated...\nweb-1\n"
        ),
        "{}",
        step.output
    );
}

#[test]
fn attaching_changes_the_prompt_and_exit_returns_with_the_status() {
    let mut t = with_web();
    transcript::play(&mut t, "sleep 30\n");
    t.feed_line("kubectl exec -it web-0 -- /bin/bash");
    assert!(t.in_container());
    assert_eq!(t.prompt(), "root@web-0:/# ");
    t.feed_line("cd /usr/share/nginx/html");
    assert_eq!(t.prompt(), "root@web-0:/usr/share/nginx/html# ");
    t.feed_line("cat <<EOF > page.html");
    assert_eq!(t.prompt(), "> ");
    t.feed_line("hello");
    t.feed_line("EOF");
    assert_eq!(t.feed_line("cat page.html").output, "hello\n");
    assert_eq!(
        t.feed_line("exit 5").output,
        "exit\ncommand terminated with exit code 5\n"
    );
    assert_eq!(t.prompt(), "$ ");
    assert_eq!(t.feed_line("echo $?").output, "5\n");
    assert_eq!(
        t.feed_line("kubectl exec web-0 -- cat /usr/share/nginx/html/page.html")
            .output,
        "hello\n"
    );
}

#[test]
fn a_shell_ends_when_its_pod_is_deleted() {
    let mut t = with_web();
    transcript::play(&mut t, "sleep 30\n");
    t.feed_line("kubectl exec -it web-1 -- sh");
    assert_eq!(t.prompt(), "# ");
    t.session
        .cluster
        .delete::<Pod>("default", "web-1", DeleteOptions::default())
        .expect("deletes");
    t.session.cluster.advance(20_000);
    let step = t.feed_line("ls");
    assert_eq!(step.output, "command terminated with exit code 137\n");
    assert_eq!(t.prompt(), "$ ");
}

#[test]
fn exec_into_a_pod_that_is_not_running_fails_as_kubectl_does() {
    let mut t = with_web();
    // The exec reaches the server a quarter of a second after the apply: the controller has
    // created web-0 by then, but its container is not running yet, so the kubelet refuses the
    // stream; a second later the pod is still being created.
    assert_eq!(
        t.feed_line("kubectl exec web-0 -- ls").output,
        "error: unable to upgrade connection: container not found (\"nginx\")\n"
    );
    t.feed_line("sleep 1");
    let step = t.feed_line("kubectl exec -it web-0 -- sh");
    assert_eq!(
        step.output,
        "error: unable to upgrade connection: container not found (\"nginx\")\n"
    );
    assert!(!t.in_container());
    let step = t.feed_line("kubectl exec -it web-7 -- sh");
    assert_eq!(
        step.output,
        "Error from server (NotFound): pods \"web-7\" not found\n"
    );
}
