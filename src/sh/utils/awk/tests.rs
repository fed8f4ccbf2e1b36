//! Unit tests; compiled only under #[cfg(test)].

use super::eval::Machine;

fn run(prog: &str, input: &str) -> String {
    let (rules, res) = super::compile(prog).expect("compiles");
    let mut m = Machine::new(rules, res);
    m.run(&[("-".into(), input.into())]);
    m.output
}

#[test]
fn one_liners_people_use() {
    let pods = "NAME READY STATUS\nweb-0 1/1 Running\nweb-1 0/1 Pending\n";
    assert_eq!(run("{print $1}", pods), "NAME\nweb-0\nweb-1\n");
    assert_eq!(
        run("NR>1 {print $1, $NF}", pods),
        "web-0 Running\nweb-1 Pending\n"
    );
    assert_eq!(run("/Running/ {n++} END {print n}", pods), "1\n");
    assert_eq!(run("$3 == \"Pending\" {print $1}", pods), "web-1\n");
    assert_eq!(
        run("{printf \"%-6s|%s\\n\", $1, NR}", "a\nb\n"),
        "a     |1\nb     |2\n"
    );
    assert_eq!(run("BEGIN {x = 1.5; print x * 2, 10 / 4}", ""), "3 2.5\n");
    assert_eq!(
        run("{ s += $1 } END { print s / NR }", "1\n2\n3\n4\n"),
        "2.5\n"
    );
    assert_eq!(run("{ $2 = \"X\"; print }", "a b c\n"), "a X c\n");
    assert_eq!(
        run(
            "{ print length($1), toupper(substr($1, 1, 3)) }",
            "kubernetes\n"
        ),
        "10 KUB\n"
    );
    assert_eq!(
        run(
            "{ c[$1]++ } END { for (k in c) print k, c[k] }",
            "a\nb\na\n"
        ),
        "a 2\nb 1\n"
    );
    assert_eq!(run("{ gsub(/-/, \"_\"); print }", "web-0-x\n"), "web_0_x\n");
}

#[test]
fn runaway_programs_stop() {
    let out = run("BEGIN { while (1) x++ }", "");
    assert_eq!(out, "");
}
