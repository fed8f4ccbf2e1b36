//! Single commands of the workspace shell and of container shells, each with the exact text bash,
//! dash, BusyBox or the GNU tools print for it.
#![cfg(not(target_arch = "wasm32"))]
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use sts_playground::container::{self, START_FAILED};
use sts_playground::session::{Terminal, transcript};

/// Types `lines` into a fresh workspace terminal and returns the output of the last one.
fn workspace(lines: &str) -> String {
    let mut t = Terminal::new(0);
    let mut last = String::new();
    for line in lines.split('\n') {
        last = t.feed_line(line).output;
    }
    last
}

#[test]
fn workspace_commands_print_what_bash_prints() {
    let cases: &[(&str, &str)] = &[
        ("echo -e 'a\\tb'", "a\tb\n"),
        ("echo -n x; echo y", "xy\n"),
        ("printf '%5s|%-5s|%05d\\n' ab cd 42", "   ab|cd   |00042\n"),
        ("x='a b'; for w in $x; do echo \"[$w]\"; done", "[a]\n[b]\n"),
        (
            "x='a b'; for w in \"$x\"; do echo \"[$w]\"; done",
            "[a b]\n",
        ),
        (
            "set -- one 'two three'; for a in \"$@\"; do echo \"<$a>\"; done",
            "<one>\n<two three>\n",
        ),
        (
            "f=web.yaml.bak; echo ${f%.*} ${f%%.*} ${f#*.} ${f##*.}",
            "web.yaml web yaml.bak bak\n",
        ),
        (
            "s=hello; echo ${s:1:3} ${s: -2} ${s/l/L} ${s//l/L}",
            "ell lo heLlo heLLo\n",
        ),
        ("echo $((7/2)) $((7%3)) $((2**8)) $((1<2))", "3 1 256 1\n"),
        ("a=1; (a=2; echo $a); echo $a", "2\n1\n"),
        ("a=1; { a=2; }; echo $a", "2\n"),
        ("echo x | read v; echo \"[$v]\"", "[]\n"),
        ("read a b <<< '1 2 3'; echo \"$a|$b\"", "1|2 3\n"),
        ("IFS=: read -r a b <<< 'x:y'; echo \"$b$a[$IFS]\"", "yx[]\n"),
        ("true && false || echo ok", "ok\n"),
        ("! true; echo $?", "1\n"),
        ("echo a b c | wc -w", "3\n"),
        (
            "printf 'b\\na\\nb\\n' | sort | uniq -c",
            "      1 a\n      2 b\n",
        ),
        ("printf 'x 1\\ny 2\\n' | awk '$2 > 1 {print $1}'", "y\n"),
        (
            "echo 'Hello World' | sed -E 's/(o)/[\\1]/g'",
            "Hell[o] W[o]rld\n",
        ),
        ("printf 'a\\nb\\nc\\n' | grep -v b", "a\nc\n"),
        ("printf 'Pod web-0\\npod web-1\\n' | grep -i -c pod", "2\n"),
        ("echo web-10 | grep -o '[0-9]*$'", "10\n"),
        ("printf '1\\n2\\n3\\n4\\n' | tail -n +3", "3\n4\n"),
        ("printf '1\\n2\\n3\\n' | head -2", "1\n2\n"),
        ("echo hello | tr -d l", "heo\n"),
        ("printf '3\\n10\\n2\\n' | sort -n -r", "10\n3\n2\n"),
        (
            "type cd kubectl",
            "cd is a shell builtin\nkubectl is /usr/local/bin/kubectl\n",
        ),
        ("command -v grep", "/usr/bin/grep\n"),
        (
            "[ 1 -lt 2 ] && [ abc = abc ] && [ -n x ] && echo yes",
            "yes\n",
        ),
        (
            "[ a -lt 2 ]; echo $?",
            "bash: [: a: integer expression expected\n2\n",
        ),
        ("[ 1 = 1; echo $?", "bash: [: missing `]'\n2\n"),
        ("[[ web-1 == web-* ]] && echo glob", "glob\n"),
        ("echo web-{0,1} {1..3}", "web-0 web-1 1 2 3\n"),
        ("kubectll get pods", "bash: kubectll: command not found\n"),
        (
            "echo $?; nope; echo $?",
            "0\nbash: nope: command not found\n127\n",
        ),
        (
            "cat nope.yaml",
            "cat: nope.yaml: No such file or directory\n",
        ),
        (
            "echo hi > /nope/x",
            "bash: /nope/x: No such file or directory\n",
        ),
        (
            "ls nope",
            "ls: cannot access 'nope': No such file or directory\n",
        ),
        (
            "rm nope",
            "rm: cannot remove 'nope': No such file or directory\n",
        ),
        (
            "mkdir d; mkdir d",
            "mkdir: cannot create directory 'd': File exists\n",
        ),
        ("done", "bash: syntax error near unexpected token `done'\n"),
        ("echo ${x!}", "bash: ${x!}: bad substitution\n"),
        ("exit 3", "exit\n"),
        ("echo a; exit; echo b", "a\nexit\n"),
        ("cd /nope", "bash: cd: /nope: No such file or directory\n"),
        (
            "x=5; echo $(( x * 2 )) ${x:+set} ${y:-unset} ${#x}",
            "10 set unset 1\n",
        ),
        ("echo \"$(printf 'a\\n\\n')\"end", "aend\n"),
        ("echo `echo back` $(echo dollar)", "back dollar\n"),
        ("v=$(false); echo $?", "1\n"),
        (
            "echo one | tee copy.txt | tr o O; cat copy.txt",
            "One\none\n",
        ),
        ("seq 2 | xargs -I{} echo pod-{}", "pod-1\npod-2\n"),
        ("echo 'a:b:c' | awk -F: '{print $NF, NR}'", "c 1\n"),
        ("echo 'one two' | cut -d' ' -f2", "two\n"),
        (
            "basename /a/b/web.yaml .yaml; dirname /a/b/web.yaml",
            "web\n/a/b\n",
        ),
        ("echo aGVsbG8= | base64 -d", "hello"),
        ("date +%Y-%m-%dT%H:%M:%S", "2026-07-21T10:00:00\n"),
        ("sleep 90; date", "Tue Jul 21 10:01:30 UTC 2026\n"),
        (
            "break; echo after",
            "bash: break: only meaningful in a `for', `while', or `until' loop\nafter\n",
        ),
        (
            "return 3; echo $?",
            "bash: return: can only `return' from a function or sourced script\n1\n",
        ),
        ("f() { return 4; echo no; }; f; echo $?", "4\n"),
        (
            "for i in 1 2 3; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done",
            "1a\n2a\n3a\n",
        ),
        (
            "i=0; while true; do i=$((i+1)); [ $i -ge 3 ] && break; done; echo $i",
            "3\n",
        ),
    ];
    let mut failures = Vec::new();
    for (input, want) in cases {
        let got = workspace(input);
        if got != *want {
            failures.push(format!("{input}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn continuation_lines_collect_until_the_command_is_complete() {
    let mut t = Terminal::new(0);
    assert_eq!(t.prompt(), "$ ");
    for (line, prompt) in [("for i in 1 2", "> "), ("do", "> "), ("echo $i", "> ")] {
        let step = t.feed_line(line);
        assert_eq!(step.output, "");
        assert_eq!(t.prompt(), prompt);
    }
    assert_eq!(t.feed_line("done").output, "1\n2\n");
    assert_eq!(t.prompt(), "$ ");
    t.feed_line("cat <<-EOF");
    t.feed_line("\tindented");
    assert_eq!(t.feed_line("\tEOF").output, "indented\n");
    t.feed_line("echo 'open");
    let step = t.interrupt();
    assert_eq!(step.output, "^C\n");
    assert_eq!(t.prompt(), "$ ");
    assert_eq!(t.feed_line("echo $?").output, "130\n");
}

#[test]
fn clear_and_history_are_terminal_commands() {
    let mut t = Terminal::new(0);
    t.feed_line("echo one");
    let step = t.feed_line("clear");
    assert!(step.clear);
    assert_eq!(
        t.feed_line("history").output,
        "    1  echo one\n    2  clear\n    3  history\n"
    );
}

fn cluster_with_pods() -> Terminal {
    let mut t = Terminal::new(5);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/shell/");
    for f in ["web.yaml", "dns-test.yaml"] {
        let text = std::fs::read_to_string(format!("{dir}{f}")).expect("manifest");
        t.session.files.insert(format!("/{f}"), text);
    }
    transcript::play(
        &mut t,
        "kubectl apply -f web.yaml\nkubectl apply -f dns-test.yaml\nsleep 30\n",
    );
    t
}

fn run(t: &mut Terminal, pod: &str, script: &str) -> (String, String, i32) {
    let argv = vec!["sh".to_string(), "-c".to_string(), script.to_string()];
    let out = container::exec(&mut t.session.cluster, "default", pod, None, &argv, "");
    (out.stdout, out.stderr, out.code)
}

#[test]
fn container_commands_speak_like_their_image() {
    let mut t = cluster_with_pods();
    let cases: &[(&str, &str, &str, &str, i32)] = &[
        (
            "web-0",
            "ls /nope",
            "",
            "ls: cannot access '/nope': No such file or directory\n",
            2,
        ),
        (
            "dns-test",
            "ls /nope",
            "",
            "ls: /nope: No such file or directory\n",
            1,
        ),
        ("web-0", "nope", "", "sh: 1: nope: not found\n", 127),
        ("dns-test", "nope", "", "sh: nope: not found\n", 127),
        (
            "dns-test",
            "cat /nope",
            "",
            "cat: can't open '/nope': No such file or directory\n",
            1,
        ),
        (
            "web-0",
            "echo hi > /nope/x",
            "",
            "sh: 1: cannot create /nope/x: Directory nonexistent\n",
            2,
        ),
        (
            "dns-test",
            "echo hi > /nope/x",
            "",
            "sh: can't create /nope/x: nonexistent directory\n",
            1,
        ),
        (
            "web-0",
            "rm /usr/share/nginx/html",
            "",
            "rm: cannot remove '/usr/share/nginx/html': Is a directory\n",
            1,
        ),
        (
            "web-0",
            "mkdir -p /data/x && echo 1 > /data/x/f && cat /data/x/f",
            "1\n",
            "",
            0,
        ),
        (
            "web-0",
            "cat /etc/resolv.conf",
            "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
            "",
            0,
        ),
        (
            "web-0",
            "cat /etc/hostname; hostname -f",
            "web-0\nweb-0.nginx.default.svc.cluster.local\n",
            "",
            0,
        ),
        (
            "web-0",
            "env | grep ^KUBERNETES_PORT=",
            "KUBERNETES_PORT=tcp://10.96.0.1:443\n",
            "",
            0,
        ),
        ("web-0", "echo $HOME $PWD", "/root /\n", "", 0),
        (
            "web-0",
            "cat /var/run/secrets/kubernetes.io/serviceaccount/namespace",
            "default",
            "",
            0,
        ),
        ("web-0", "exit 7", "", "", 7),
        (
            "dns-test",
            "ps | head -2",
            "PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n",
            "",
            0,
        ),
    ];
    let mut failures = Vec::new();
    for (pod, script, out, err, code) in cases {
        let got = run(&mut t, pod, script);
        if got != (out.to_string(), err.to_string(), *code) {
            failures.push(format!(
                "{pod}: {script}\n  want {:?}\n  got  {got:?}",
                (out, err, code)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_mount_point_cannot_go_but_its_files_can() {
    let mut t = cluster_with_pods();
    run(&mut t, "web-0", "echo x > /usr/share/nginx/html/a");
    let (_, err, code) = run(&mut t, "web-0", "rm -rf /usr/share/nginx/html");
    assert_eq!(
        err,
        "rm: cannot remove '/usr/share/nginx/html': Device or resource busy\n"
    );
    assert_eq!(code, 1);
    assert_eq!(run(&mut t, "web-0", "ls -A /usr/share/nginx/html").0, "");
}

#[test]
fn exec_refuses_missing_pods_containers_and_programs() {
    let mut t = cluster_with_pods();
    let argv = |s: &str| vec![s.to_string()];
    let out = container::exec(
        &mut t.session.cluster,
        "default",
        "nope",
        None,
        &argv("ls"),
        "",
    );
    assert_eq!(
        (out.stderr.as_str(), out.code),
        (
            "Error from server (NotFound): pods \"nope\" not found\n",
            START_FAILED
        )
    );
    let out = container::exec(
        &mut t.session.cluster,
        "default",
        "web-0",
        Some("side"),
        &argv("ls"),
        "",
    );
    assert_eq!(
        out.stderr,
        "error: unable to upgrade connection: container not found (\"side\")\n"
    );
    let out = container::exec(
        &mut t.session.cluster,
        "default",
        "web-0",
        None,
        &argv("ps"),
        "",
    );
    assert_eq!(out.code, START_FAILED);
    assert!(
        out.stderr
            .ends_with("exec: \"ps\": executable file not found in $PATH: unknown\n"),
        "{}",
        out.stderr
    );
    let out = container::exec(
        &mut t.session.cluster,
        "default",
        "web-0",
        None,
        &argv("hostname"),
        "",
    );
    assert_eq!((out.stdout.as_str(), out.code), ("web-0\n", 0));
    let out = container::exec(
        &mut t.session.cluster,
        "default",
        "web-0",
        None,
        &argv("cat"),
        "piped\n",
    );
    assert_eq!(out.stdout, "piped\n");
}
