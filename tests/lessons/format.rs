//! Mistakes in a lesson file are errors at their line and column, in words an author can act on.

use sts_playground::session::lesson::parse;

const GOOD: &str = "---
id: t
title: T
summary: S
minutes: 3
level: beginner
steps:
  - id: s
    title: Scale
    check:
      get: statefulset/web
      path: '{.spec.replicas}'
      equals: 3
    answer:
      - kubectl scale sts web --replicas=3
---

Intro.

## s

Scale it.
";

/// Parses GOOD with `from` replaced by `to`; returns (line, column, message).
fn error_after(from: &str, to: &str) -> (usize, usize, String) {
    assert!(GOOD.contains(from), "{from}");
    let text = GOOD.replacen(from, to, 1);
    match parse(&text) {
        Ok(_) => panic!("{text}\nread without an error"),
        Err(e) => (e.line, e.column, e.message),
    }
}

#[test]
fn the_good_lesson_reads() {
    let lesson = parse(GOOD).unwrap();
    assert_eq!(lesson.intro, "Intro.");
    assert_eq!(lesson.steps[0].text, "Scale it.");
    assert_eq!(lesson.setup.seed, 1, "the seed defaults to 1");
}

#[test]
fn each_mistake_is_placed_and_named() {
    let cases: &[(&str, &str, usize, usize, &str)] = &[
        ("---\nid: t", "id: t", 1, 1, "starts with a line \"---\""),
        (
            "level: beginner",
            "level: expert",
            6,
            8,
            "level \"expert\" is not beginner",
        ),
        (
            "    title: Scale",
            "    titel: Scale",
            9,
            5,
            "unknown key \"titel\" in a step",
        ),
        (
            "      get: statefulset/web",
            "      get: widgets/web",
            11,
            12,
            "doesn't have a resource type \"widgets\"",
        ),
        (
            "      path: '{.spec.replicas}'",
            "      path: '{.spec.replicas'",
            12,
            13,
            "path: unclosed action",
        ),
        (
            "      equals: 3",
            "      equal: 3",
            13,
            7,
            "unknown key \"equal\" in a check",
        ),
        (
            "      equals: 3",
            "      gt: three",
            13,
            11,
            "gt must be a number",
        ),
        (
            "minutes: 3",
            "minutes: soon",
            5,
            10,
            "minutes must be a whole number",
        ),
        (
            "  - id: s\n",
            "  - id: s\n    hints:\n      - after: {time: soonish}\n        text: x\n",
            10,
            23,
            "time: invalid duration \"soonish\"",
        ),
        ("## s", "## t", 20, 4, "no step \"t\" in the front matter"),
        (
            "    answer:\n      - kubectl scale sts web --replicas=3\n",
            "",
            8,
            5,
            "a step needs \"answer\"",
        ),
        (
            "title: T\n",
            "title: T\nsetup:\n  files:\n    - path: a.yaml\n      example: nope.yaml\n",
            7,
            16,
            "no file \"nope.yaml\" in the Examples menu",
        ),
        (
            "      equals: 3\n",
            "      equals: 3\n      exists: pod/web-0\n",
            11,
            7,
            "a check has one of get, exists, not several",
        ),
        (
            "summary: S\n",
            "summary: S\nsummary: [\n",
            7,
            6,
            "did not find expected ',' or ']'",
        ),
    ];
    for (from, to, line, column, words) in cases {
        let (l, c, message) = error_after(from, to);
        assert!(message.contains(words), "{to}: {message}");
        assert_eq!((l, c), (*line, *column), "{to}: {message}");
    }
}

#[test]
fn a_prediction_must_name_one_of_its_choices() {
    let with = GOOD.replace(
        "    answer:\n",
        "    predict:\n      question: Q?\n      choices:\n        - {id: a, text: A}\n        - {id: b, text: B}\n      answer: c\n      check: {exists: pod/web-0}\n      why: W\n    answer:\n",
    );
    let e = parse(&with).unwrap_err();
    assert_eq!((e.line, e.column), (19, 15), "{e}");
    assert!(e.message.contains("answer \"c\" is not a choice"), "{e}");
}

#[test]
fn a_step_without_its_section_is_named() {
    let e = parse(&GOOD.replace("## s\n", "")).unwrap_err();
    assert!(e.message.contains("no section \"## s\""), "{e}");
}
