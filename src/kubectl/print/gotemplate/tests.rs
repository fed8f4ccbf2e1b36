//! Tests of the template engine against Go's text/template and kubectl's printer
//! (text/template/exec_test.go, parse_test.go; cli-runtime printers/template_test.go).

use super::{GoTemplate, print_gotemplate};
use serde_json::{Value, json};

fn pod() -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web-2", "labels": {"app": "nginx", "app.kubernetes.io/name": "web"}},
        "spec": {"containers": [
            {"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.24"},
            {"name": "sidecar", "image": "busybox:1.36"}
        ], "replicas": 3, "ratio": 1.5, "nothing": null},
        "data": {"username": "aHVudGVy", "bad": "--THIS IS NOT BASE64--"}
    })
}

fn run(t: &str) -> String {
    let tpl = match GoTemplate::parse(t) {
        Ok(tpl) => tpl,
        Err(e) => return format!("PARSE: {e}"),
    };
    let r = tpl.execute(&pod(), false);
    match r.err {
        Some(e) => format!("{}ERR: {e}", r.out),
        None => r.out,
    }
}

#[test]
fn tutorial_line() {
    // kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set/
    assert_eq!(
        run("{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}"),
        "registry.k8s.io/nginx-slim:0.24busybox:1.36"
    );
}

#[test]
fn fields_and_missing_keys() {
    assert_eq!(run("{{.metadata.name}}"), "web-2");
    assert_eq!(run("{{.metadata.nope}}"), "<no value>");
    assert_eq!(run("{{.nope.deeper}}"), "<no value>");
    assert_eq!(run("{{.spec.nothing}}"), "<no value>");
    assert_eq!(run("{{.spec.replicas}} {{.spec.ratio}}"), "3 1.5");
    assert_eq!(
        run("{{.metadata.labels}}"),
        "map[app:nginx app.kubernetes.io/name:web]"
    );
    assert_eq!(
        run("{{.metadata.name.foo}}"),
        "ERR: template: output:1:11: executing \"output\" at <.metadata.name.foo>: can't evaluate field foo in type interface {}"
    );
    assert_eq!(
        run("{{.spec.nothing.x}}"),
        "ERR: template: output:1:7: executing \"output\" at <.spec.nothing.x>: nil pointer evaluating interface {}.x"
    );
}

#[test]
fn control_structures() {
    assert_eq!(run("{{if .spec.replicas}}yes{{else}}no{{end}}"), "yes");
    assert_eq!(
        run("{{if .nope}}yes{{else if .spec}}spec{{else}}no{{end}}"),
        "spec"
    );
    assert_eq!(run("{{with .metadata}}{{.name}}{{end}}"), "web-2");
    assert_eq!(run("{{with .nope}}x{{else}}none{{end}}"), "none");
    assert_eq!(run("{{range .nope}}x{{else}}empty{{end}}"), "empty");
    assert_eq!(
        run("{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}"),
        "app=nginx;app.kubernetes.io/name=web;"
    );
    assert_eq!(
        run(
            "{{range .spec.containers}}{{if eq .name \"sidecar\"}}{{break}}{{end}}{{.name}}{{end}}"
        ),
        "nginx"
    );
    assert_eq!(run("{{range 3}}{{.}}{{end}}"), "012");
    assert_eq!(run("{{range $i := .spec.replicas}}{{$i}}{{end}}"), "012");
    assert_eq!(run("a {{- /* note */ -}} b"), "ab");
    assert_eq!(run("{{$x := .metadata.name}}{{$x}}{{\"\\n\"}}"), "web-2\n");
}

#[test]
fn functions() {
    assert_eq!(
        run("{{index .metadata.labels \"app.kubernetes.io/name\"}}"),
        "web"
    );
    assert_eq!(run("{{(index .spec.containers 1).name}}"), "sidecar");
    assert_eq!(run("{{len .spec.containers}}"), "2");
    assert_eq!(
        run("{{printf \"%5s|%-4d|%q|%v\" \"ab\" 7 \"x\" .spec.replicas}}"),
        "   ab|7   |\"x\"|3"
    );
    assert_eq!(
        run("{{eq .spec.replicas 3}} {{eq .metadata.name \"a\" \"web-2\"}} {{ne 1 2}} {{lt 1 2}}"),
        "true true true true"
    );
    assert_eq!(run("{{and 1 0}} {{or 0 \"x\"}} {{not .nope}}"), "0 x true");
    assert_eq!(run("{{.metadata.name | printf \"%s!\"}}"), "web-2!");
    assert_eq!(run("{{.data.username | base64decode}}"), "hunter");
    assert_eq!(
        run("{{print 1 2 \"a\" \"b\"}}|{{println 1 \"a\"}}"),
        "1 2ab|1 a\n"
    );
    assert_eq!(
        run("{{html \"<a&b>\"}} {{js \"it's\"}} {{urlquery \"a b&c\"}}"),
        "&lt;a&amp;b&gt; it\\'s a+b%26c"
    );
    assert_eq!(
        run("{{exists . \"spec\" \"containers\"}} {{exists . \"spec\" \"nope\"}}"),
        "true false"
    );
}

#[test]
fn execution_errors() {
    assert_eq!(
        run("{{index .nope \"a\"}}"),
        "ERR: template: output:1:2: executing \"output\" at <index .nope \"a\">: error calling index: index of untyped nil"
    );
    assert_eq!(
        run("{{eq .spec.ratio 1}}"),
        "ERR: template: output:1:2: executing \"output\" at <eq .spec.ratio 1>: error calling eq: incompatible types for comparison: float64 and int"
    );
    assert_eq!(
        run("a{{.data.bad | base64decode}}"),
        "aERR: template: output:1:15: executing \"output\" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 0"
    );
    assert_eq!(
        run("{{range .metadata.name}}{{end}}"),
        "ERR: template: output:1:17: executing \"output\" at <.metadata.name>: range can't iterate over web-2"
    );
    assert_eq!(
        run("{{len 3}}"),
        "ERR: template: output:1:2: executing \"output\" at <len 3>: error calling len: len of type int"
    );
    assert_eq!(
        run("{{not 1 2}}"),
        "ERR: template: output:1:2: executing \"output\" at <not>: wrong number of args for not: want 1 got 2"
    );
}

#[test]
fn parse_errors() {
    assert_eq!(
        run("{{.metadata.name}"),
        "PARSE: template: output:1: bad character U+007D '}'"
    );
    assert_eq!(run("{{.a"), "PARSE: template: output:1: unclosed action");
    assert_eq!(
        run("{{if .a}}x"),
        "PARSE: template: output:1: unexpected EOF"
    );
    assert_eq!(
        run("{{end}}"),
        "PARSE: template: output:1: unexpected {{end}}"
    );
    assert_eq!(
        run("{{nope .a}}"),
        "PARSE: template: output:1: function \"nope\" not defined"
    );
    assert_eq!(
        run("{{$x}}"),
        "PARSE: template: output:1: undefined variable \"$x\""
    );
    assert_eq!(
        run("{{.a | 3}}"),
        "PARSE: template: output:1: non executable command in pipeline stage 2"
    );
    assert_eq!(
        run("{{break}}"),
        "PARSE: template: output:1: {{break}} outside {{range}}"
    );
    assert_eq!(
        run("{{/* x */"),
        "PARSE: template: output:1: comment ends before closing delimiter"
    );
    assert_eq!(
        run("{{(((1)}}"),
        "PARSE: template: output:1: unclosed left paren"
    );
    assert_eq!(
        run("{{range $i, $c, $d := .a}}{{end}}"),
        "PARSE: template: output:1: too many declarations in range"
    );
    // Newlines may stand inside an action; the error names the line of the last token read.
    assert_eq!(
        run("a\n{{.a\n}}\n{{end}}"),
        "PARSE: template: output:4: unexpected {{end}}"
    );
    assert_eq!(
        run("{{.a }x}}"),
        "PARSE: template: output:1: unexpected \"}\" in operand"
    );
}

#[test]
fn missing_keys_as_errors() {
    let tpl = GoTemplate::parse("{{.metadata.nope}}").unwrap();
    let r = tpl.execute(&pod(), true);
    assert_eq!(
        r.err.as_deref(),
        Some(
            "template: output:1:11: executing \"output\" at <.metadata.nope>: map has no entry for key \"nope\""
        )
    );
}

#[test]
fn deep_nesting_is_bounded() {
    let t = format!("{}1{}", "(".repeat(500), ")".repeat(500));
    assert_eq!(
        run(&format!("{{{{{t}}}}}")),
        "PARSE: template: output:1: max expression depth exceeded"
    );
    let t = format!("{}x{}", "{{if 1}}".repeat(300), "{{end}}".repeat(300));
    assert!(run(&t).starts_with("PARSE: template: output:1: max expression depth exceeded"));
    let r = run("{{define \"a\"}}{{template \"a\" .}}{{end}}{{template \"a\" .}}");
    assert!(r.ends_with("exceeded maximum template depth (100)"), "{r}");
    // Deep bodies called recursively stop at the run-time nesting bound, without overflowing.
    let deep = format!("{}{}", "{{if 1}}".repeat(190), "{{end}}".repeat(190));
    let inner = deep.replacen(
        "{{end}}",
        "{{template \"a\" .}}{{(((((((((1)))))))))}}{{end}}",
        1,
    );
    let r = run(&format!(
        "{{{{define \"a\"}}}}{inner}{{{{end}}}}{{{{template \"a\" .}}}}"
    ));
    assert!(
        r.ends_with("the playground stops templates nested more than 200 deep"),
        "{r}"
    );
}

#[test]
fn kubectl_printer_messages() {
    let r = print_gotemplate("", &pod(), true);
    assert_eq!(
        r.err.as_deref(),
        Some("template format specified but no template given")
    );
    let r = print_gotemplate("{{.a}", &pod(), true);
    assert_eq!(
        r.err.as_deref(),
        Some("error parsing template {{.a}, template: output:1: bad character U+007D '}'")
    );
    let r = print_gotemplate("{{.kind.x}}", &json!({"kind": "Pod"}), true);
    assert_eq!(
        r.err.as_deref(),
        Some(
            "error executing template \"{{.kind.x}}\": template: output:1:7: executing \"output\" at <.kind.x>: can't evaluate field x in type interface {}"
        )
    );
    assert!(
        r.out
            .starts_with("Error executing template: template: output:1:7:")
    );
    assert!(r.out.ends_with("\traw data was:\n\t\t{\"kind\":\"Pod\"}\n\tobject given to template engine was:\n\t\tmap[kind:Pod]\n\n"));
}

#[test]
fn cut_templates_never_panic() {
    // Every prefix of templates that use each part of the language parses or fails cleanly.
    let samples = [
        "{{range $i, $c := .spec.containers}}{{$c.image}}{{else}}é{{end}}",
        "{{- if and (eq .spec.replicas 3) (not .x) -}} {{printf \"%5.2f %q\" 1.5 'x'}} {{else if .y}}{{end}}",
        "{{with $x := index .metadata.labels \"app\"}}{{$x | len}}{{end}}{{/* ü */}}{{`raw`}}",
        "{{define \"t\"}}{{.}}{{end}}{{template \"t\" .metadata}}{{block \"b\" .}}x{{end}}{{0x1F}} {{1e3}} {{-2}}",
    ];
    for s in samples {
        for (i, _) in s.char_indices() {
            let _ = run(&s[..i]);
        }
    }
}
