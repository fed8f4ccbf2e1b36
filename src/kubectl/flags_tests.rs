//! pflag parsing: spellings of values, bundles, `--` and the error texts.

use super::*;

const SPECS: &[Flag] = &[
    short("namespace", 'n', Ty::Str),
    short("stdin", 'i', Ty::Bool),
    short("tty", 't', Ty::Bool),
    long("replicas", Ty::Int),
    short("filename", 'f', Ty::Strings),
    optional("cascade", Ty::Str, "background"),
    long("timeout", Ty::Duration),
];

fn args(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

#[test]
fn forms_of_values() {
    let p = parse(
        &args("get -n x pods --replicas=3 -it -fa.yaml,b.yaml -f=c.yaml"),
        &[SPECS],
    )
    .expect("parses");
    assert_eq!(p.args, vec!["get", "pods"]);
    assert_eq!(p.str("namespace"), Some("x"));
    assert_eq!(p.int("replicas"), Some(3));
    assert!(p.bool("stdin") && p.bool("tty"));
    assert_eq!(p.list("filename"), vec!["a.yaml", "b.yaml", "c.yaml"]);
}

#[test]
fn pflag_errors() {
    assert_eq!(
        parse(&args("create --image=x"), &[SPECS]),
        Err("unknown flag: --image".to_string())
    );
    assert_eq!(
        parse(&args("-x"), &[SPECS]),
        Err("unknown shorthand flag: 'x' in -x".to_string())
    );
    assert_eq!(
        parse(&args("--replicas"), &[SPECS]),
        Err("flag needs an argument: --replicas".to_string())
    );
    assert_eq!(
        parse(&args("--replicas=abc"), &[SPECS]),
        Err("invalid argument \"abc\" for \"--replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax".to_string())
    );
    assert_eq!(
        parse(&args("--timeout=60"), &[SPECS]),
        Err(
            "invalid argument \"60\" for \"--timeout\" flag: time: missing unit in duration \"60\""
                .to_string()
        )
    );
    assert_eq!(
        parse(&args("-n"), &[SPECS]),
        Err("flag needs an argument: 'n' in -n".to_string())
    );
}

#[test]
fn dash_dash_and_optional_values() {
    let p = parse(&args("exec web-0 --cascade -- sh -c x"), &[SPECS]).expect("parses");
    assert_eq!(p.args, vec!["exec", "web-0", "sh", "-c", "x"]);
    assert_eq!(p.dash_at, Some(2));
    assert_eq!(p.str("cascade"), Some("background"));
}

#[test]
fn positional_words_skip_flag_values() {
    let a = args("-n default get pods -i");
    assert_eq!(positional_indices(&a, &[SPECS]), vec![2, 3]);
}
