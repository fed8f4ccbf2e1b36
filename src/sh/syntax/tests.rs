//! Unit tests; compiled only under #[cfg(test)].

use super::*;

fn ok(text: &str) -> List {
    match parse(text, false) {
        Ok(p) => p.list,
        Err(e) => panic!("{text:?}: {e:?}"),
    }
}

fn err(text: &str) -> ParseError {
    match parse(text, false) {
        Ok(p) => panic!("{text:?} parsed: {p:?}"),
        Err(e) => e,
    }
}

fn simple(list: &List, item: usize) -> &Simple {
    match list.items.get(item).map(|i| i.first.commands.first()) {
        Some(Some(Command::Simple(s))) => s,
        other => panic!("not simple: {other:?}"),
    }
}

#[test]
fn words_quotes_and_expansions() {
    let list = ok(r#"echo 'a b' "c $HOME ${X:-d e}" \$x $(hostname) `date` ~/f"#);
    let s = simple(&list, 0);
    assert_eq!(s.words.len(), 7);
    assert_eq!(s.words[1], vec![Part::Quoted("a b".into())]);
    assert!(matches!(&s.words[2][0], Part::Double(parts) if parts.len() == 4));
    assert_eq!(
        s.words[3],
        vec![Part::Quoted("$".into()), Part::Lit("x".into())]
    );
    assert!(matches!(&s.words[4][0], Part::Command(_)));
    assert!(matches!(&s.words[5][0], Part::Command(_)));
    assert_eq!(s.words[6][0], Part::Tilde(String::new()));
}

#[test]
fn tutorial_loop_parses_into_a_for_with_a_quoted_script() {
    let list = ok(
        r#"for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done"#,
    );
    let Some(Command::Compound(Compound::For { var, words, body }, _)) =
        list.items[0].first.commands.first()
    else {
        panic!("{list:?}");
    };
    assert_eq!(var, "i");
    assert_eq!(words.as_ref().map(Vec::len), Some(2));
    let s = simple(body, 0);
    assert_eq!(
        s.words[6],
        vec![Part::Quoted(
            "echo \"$(hostname)\" > /usr/share/nginx/html/index.html".into()
        )]
    );
}

#[test]
fn incomplete_inputs_ask_for_more() {
    assert_eq!(err("echo 'abc"), ParseError::Incomplete(Open::Quote('\'')));
    assert_eq!(err("echo \"abc"), ParseError::Incomplete(Open::Quote('"')));
    assert_eq!(
        err("for i in 1 2; do"),
        ParseError::Incomplete(Open::Keyword("done"))
    );
    assert_eq!(
        err("if true"),
        ParseError::Incomplete(Open::Keyword("then"))
    );
    assert_eq!(
        err("ls |"),
        ParseError::Incomplete(Open::Keyword("command"))
    );
    assert_eq!(
        err("true &&"),
        ParseError::Incomplete(Open::Keyword("command"))
    );
    assert_eq!(err("echo a \\"), ParseError::Incomplete(Open::Quote('\\')));
    assert_eq!(
        err("kubectl apply -f - <<EOF\nkind: Service"),
        ParseError::Incomplete(Open::HereDoc("EOF".into()))
    );
    assert_eq!(err("echo $(date"), ParseError::Incomplete(Open::Quote(')')));
}

#[test]
fn wrong_inputs_name_the_token() {
    assert_eq!(err("done"), ParseError::Unexpected("done".into()));
    assert_eq!(err("echo a; fi"), ParseError::Unexpected("fi".into()));
    assert_eq!(err("echo >"), ParseError::Unexpected("newline".into()));
    assert_eq!(err("| wc"), ParseError::Unexpected("|".into()));
    assert_eq!(err("echo ;;"), ParseError::Unexpected(";;".into()));
    assert_eq!(err("echo )"), ParseError::Unexpected(")".into()));
    assert!(matches!(err("echo ${x!}"), ParseError::BadSubstitution(_)));
}

#[test]
fn heredocs_take_their_bodies_and_keep_the_rest() {
    let text = "cat <<EOF > web.yaml\nname: $NAME\n  \\$x\nEOF\necho done";
    let list = ok(text);
    assert_eq!(list.items.len(), 2);
    let s = simple(&list, 0);
    assert_eq!(s.redirs.len(), 2);
    let RedirOp::HereDoc(body) = &s.redirs[0].op else {
        panic!("{s:?}");
    };
    let Part::Double(parts) = &body[0] else {
        panic!("{body:?}");
    };
    assert_eq!(parts[0], Part::Quoted("name: ".into()));
    assert!(matches!(&parts[1], Part::Param(p) if p.name == "NAME"));
    assert_eq!(parts[2], Part::Quoted("\n  $x\n".into()));
    let quoted = ok("kubectl apply -f - <<'EOF'\nx: $y\nEOF");
    let s = simple(&quoted, 0);
    assert_eq!(
        s.redirs[0].op,
        RedirOp::HereDoc(vec![Part::Quoted("x: $y\n".into())])
    );
    let stripped = ok("cat <<-END\n\tone\n\tEND");
    let s = simple(&stripped, 0);
    assert_eq!(
        s.redirs[0].op,
        RedirOp::HereDoc(vec![Part::Double(vec![Part::Quoted("one\n".into())])])
    );
    let two = ok("cat <<A <<B\na\nA\nb\nB\necho x");
    assert_eq!(two.items.len(), 2);
    assert_eq!(simple(&two, 0).redirs.len(), 2);
}

#[test]
fn scripts_may_end_inside_a_heredoc() {
    let parsed = parse("cat <<EOF\nabc", true).expect("parses");
    assert_eq!(parsed.unterminated_docs, vec![(1, "EOF".to_string())]);
}

#[test]
fn redirections_and_io_numbers() {
    let list = ok("kubectl get pods 2>/dev/null >out 2>&1 < in >> log");
    let s = simple(&list, 0);
    assert_eq!(s.words.len(), 3);
    let ops: Vec<(Option<u32>, RedirOp)> = s.redirs.iter().map(|r| (r.fd, r.op.clone())).collect();
    assert_eq!(
        ops,
        vec![
            (Some(2), RedirOp::Out),
            (None, RedirOp::Out),
            (Some(2), RedirOp::Dup),
            (None, RedirOp::In),
            (None, RedirOp::Append)
        ]
    );
}

#[test]
fn compound_commands() {
    let list = ok(
        "if [ -f x ]; then echo y; elif true; then :; else echo n; fi\nwhile read l; do echo $l; done < f\ncase $x in a|b) echo ab;; *) echo other;; esac\n{ echo a; echo b; } | wc -l\n(cd /tmp && ls)\nf() { echo hi; }\n[[ $x == y* ]] && echo m",
    );
    assert_eq!(list.items.len(), 7);
    assert!(matches!(
        list.items[5].first.commands[0],
        Command::Function(..)
    ));
    assert!(
        matches!(list.items[6].first.commands[0], Command::Compound(Compound::Test(ref w), _) if w.len() == 3)
    );
}

#[test]
fn assignments_and_comments() {
    let list = ok("A=1 B=\"x y\" env # a comment\nC=3");
    let s = simple(&list, 0);
    assert_eq!(s.assigns.len(), 2);
    assert_eq!(s.words.len(), 1);
    let s = simple(&list, 1);
    assert_eq!(s.assigns[0].0, "C");
}

#[test]
fn nesting_is_bounded() {
    let deep = format!("echo {}x{}", "$(".repeat(500), ")".repeat(500));
    assert_eq!(parse(&deep, true).err(), Some(ParseError::TooDeep));
}
