//! The editor's pure parts: highlighting, YAML context, completion, hover help, indentation and
//! text positions; and the terminal's Tab completion.

use sts_playground::kubectl::{Session, run_to_end};
use sts_playground::session::editor::complete::complete;
use sts_playground::session::editor::context::{key_path, kind_at, parents};
use sts_playground::session::editor::highlight::{Tok, highlight};
use sts_playground::session::editor::schema;
use sts_playground::session::editor::text::{byte_of_utf16, indent_lines, line_col, utf16_of_byte};
use sts_playground::session::shell_complete::{Names, common_prefix, complete as shell};

const STS: &str = "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web # the set
spec:
  podManagementPolicy: Par
  updateStrategy:
    type: 
  template:
    spec:
      containers:
      - name: nginx
        image: \"nginx:1.27.5\"
        imag
  volumeClaimTemplates:
  - spec:
      accessModes:
      - Read
";

fn kinds(line: &str) -> Vec<(Tok, String)> {
    highlight(line)
        .into_iter()
        .flatten()
        .filter(|t| t.tok != Tok::Plain)
        .map(|t| (t.tok, t.text))
        .collect()
}

#[test]
fn highlighting_tells_keys_values_and_comments_apart() {
    assert_eq!(
        kinds("  name: web # the set"),
        vec![
            (Tok::Key, "name".into()),
            (Tok::Punct, ":".into()),
            (Tok::Str, "web".into()),
            (Tok::Comment, "# the set".into()),
        ]
    );
    assert_eq!(
        kinds("- containerPort: 80"),
        vec![
            (Tok::Punct, "-".into()),
            (Tok::Key, "containerPort".into()),
            (Tok::Punct, ":".into()),
            (Tok::Num, "80".into()),
        ]
    );
    assert_eq!(kinds("---"), vec![(Tok::Sep, "---".into())]);
    // A block scalar's lines are text, even when they look like keys.
    let block = highlight("script: |\n  key: value\nnext: true");
    assert_eq!(
        block
            .get(1)
            .map(|l| l.iter().map(|t| t.tok).collect::<Vec<_>>()),
        Some(vec![Tok::Str])
    );
    assert!(
        block
            .get(2)
            .is_some_and(|l| l.iter().any(|t| t.tok == Tok::Bool))
    );
    // Columns count characters, not bytes.
    let accented = highlight("é: ü");
    assert_eq!(
        accented.first().and_then(|l| l.last()).map(|t| t.start),
        Some(3)
    );
}

#[test]
fn context_finds_the_kind_and_the_enclosing_keys() {
    let lines: Vec<&str> = STS.lines().collect();
    assert_eq!(kind_at(&lines, 10), "StatefulSet");
    assert_eq!(
        key_path(&lines, 12),
        Some(vec![
            "spec".into(),
            "template".into(),
            "spec".into(),
            "containers".into(),
            "image".into()
        ])
    );
    assert_eq!(
        parents(&lines, 17, 8),
        vec![
            "spec".to_string(),
            "volumeClaimTemplates".into(),
            "spec".into(),
            "accessModes".into()
        ]
    );
    let doc = schema::lookup("StatefulSet", &key_path(&lines, 5).unwrap_or_default())
        .expect("documented");
    assert!(doc.doc.contains("OrderedReady"), "{}", doc.doc);
}

#[test]
fn completion_offers_keys_and_enum_values_in_context() {
    let at = |needle: &str| STS.find(needle).map(|i| i + needle.len()).expect("needle");
    let labels = |caret: usize, forced: bool| {
        complete(STS, caret, forced)
            .map(|c| c.items.into_iter().map(|i| i.label).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(
        labels(at("podManagementPolicy: Par"), false),
        vec!["Parallel"]
    );
    // The values of the OpenAPI enum, sorted as openapi-gen sorts them (kube-openapi
    // pkg/generators/enum.go); v1.37 has the alpha Recreate strategy too.
    assert_eq!(
        labels(at("    type: "), true),
        vec!["OnDelete", "Recreate", "RollingUpdate"]
    );
    assert_eq!(
        labels(at("        imag"), false),
        vec!["image", "imagePullPolicy"]
    );
    assert_eq!(
        labels(at("      - Read"), false),
        vec![
            "ReadOnlyMany",
            "ReadWriteMany",
            "ReadWriteOnce",
            "ReadWriteOncePod"
        ]
    );
    assert!(
        labels(at("    type: "), false).is_empty(),
        "nothing typed, not forced"
    );
    let replaced = complete(STS, at("        imag"), false).expect("completion");
    assert_eq!(STS.get(replaced.from..replaced.to), Some("imag"));
}

#[test]
fn tab_indents_lines_and_shift_tab_takes_it_back() {
    let text = "a:\nb:\n  c: 1\n";
    let (indented, s, e) = indent_lines(text, 3, 12, false);
    assert_eq!(indented, "a:\n  b:\n    c: 1\n");
    assert_eq!((s, e), (5, 16));
    let (back, _, _) = indent_lines(&indented, 5, 16, true);
    assert_eq!(back, text);
    assert_eq!(line_col("ab\ncdé", 7), (1, 3));
    let mixed = "a😀b";
    assert_eq!(byte_of_utf16(mixed, 3), 5);
    assert_eq!(utf16_of_byte(mixed, 5), 3);
}

#[test]
fn terminal_tab_completes_verbs_types_names_and_files() {
    let mut names = Names::default();
    names
        .objects
        .insert("pods", vec!["web-0".into(), "web-1".into()]);
    names.objects.insert("statefulsets", vec!["web".into()]);
    names.files = vec!["web.yaml".into()];
    assert_eq!(shell("kub", &names), (0, vec!["kubectl".into()]));
    assert_eq!(shell("kubectl sc", &names).1, vec!["scale".to_string()]);
    assert_eq!(
        shell("kubectl get st", &names).1,
        vec!["statefulsets".to_string(), "sts".into()]
    );
    assert_eq!(
        shell("kubectl delete pod we", &names).1,
        vec!["web-0".to_string(), "web-1".into()]
    );
    assert_eq!(
        shell("kubectl apply -f w", &names).1,
        vec!["web.yaml".to_string()]
    );
    // cobra offers every flag the prefix matches, the inherited persistent ones too
    // (completions.go `getCompletions`): kubectl has `--warnings-as-errors` and `--watch-only`.
    assert_eq!(
        shell("kubectl get pods --wa", &names).1,
        vec![
            "--warnings-as-errors".to_string(),
            "--watch".into(),
            "--watch-only".into()
        ]
    );
    assert_eq!(
        shell("kubectl scale statefulset/w", &names).1,
        vec!["statefulset/web".to_string()]
    );
    assert_eq!(common_prefix(&["web-0".into(), "web-1".into()]), "web-");
}

/// Flag completion follows cobra's `__complete` (completions.go `getCompletions`): the
/// command's local flags and its inherited persistent flags, both long and short forms; hidden
/// and deprecated flags (`nonCompletableFlag`) and flags already set (unless a slice or an
/// array) are left out, and nothing is offered after `--`.
#[test]
fn terminal_tab_offers_local_and_inherited_flags_like_cobra() {
    let names = Names::default();
    let offered = |line: &str| shell(line, &names).1;
    let get = offered("kubectl get -");
    for flag in [
        "-n",
        "--namespace",
        "-o",
        "--output",
        "--context",
        "-w",
        "--help",
    ] {
        assert!(get.contains(&flag.to_string()), "{flag} in {get:?}");
    }
    assert_eq!(
        offered("kubectl get --nam"),
        vec!["--namespace".to_string()]
    );
    assert_eq!(
        offered("kubectl rollout status web --wa"),
        vec!["--warnings-as-errors".to_string(), "--watch".into()]
    );
    // The root command offers the persistent flags.
    assert!(offered("kubectl --conte").contains(&"--context".to_string()));
    // `--record` is deprecated (kubectl RecordFlags: MarkDeprecated).
    assert!(offered("kubectl apply --reco").is_empty());
    // A flag already given is not offered again; `-f` is a string slice and is.
    assert!(offered("kubectl get pods -n kube-system --names").is_empty());
    assert_eq!(
        offered("kubectl apply -f a.yaml --filen"),
        vec!["--filename".to_string()]
    );
    // After `--` the words belong to the program.
    assert!(offered("kubectl exec web-0 -- -").is_empty());
}

/// The first paragraph of the DESCRIPTION `kubectl explain` prints, unwrapped.
fn explained(path: &str) -> String {
    let mut session = Session::new(1);
    let out = run_to_end(
        &mut session,
        &["explain".to_string(), path.to_string()],
        "",
        0,
    );
    out.stdout
        .lines()
        .skip_while(|l| *l != "DESCRIPTION:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn hover_help_and_explain_print_the_same_upstream_text() {
    // The descriptions are the API's own, from the comments in k8s.io/api (Kubernetes v1.37):
    // staging/src/k8s.io/api/apps/v1/types.go (StatefulSetSpec.PodManagementPolicy) and
    // staging/src/k8s.io/api/core/v1/types.go (Container.ImagePullPolicy,
    // PersistentVolumeClaimSpec.VolumeMode). The editor and explain used to say different
    // things about podManagementPolicy; upstream's text is the one both now show.
    let cases = [
        (
            "StatefulSet",
            "sts.spec.podManagementPolicy",
            &["spec", "podManagementPolicy"][..],
            "podManagementPolicy controls how pods are created during initial scale up, when replacing pods on nodes, or when scaling down.",
        ),
        (
            "Pod",
            "pod.spec.containers.imagePullPolicy",
            &["spec", "containers", "imagePullPolicy"][..],
            "Image pull policy.",
        ),
        (
            "PersistentVolumeClaim",
            "pvc.spec.volumeMode",
            &["spec", "volumeMode"][..],
            "volumeMode defines what type of volume is required by the claim.",
        ),
    ];
    for (kind, explain_path, keys, first_sentence) in cases {
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let field = schema::lookup(kind, &keys).expect("documented");
        assert_eq!(field.doc, explained(explain_path), "{explain_path}");
        assert_eq!(field.short, first_sentence, "{explain_path}");
    }
    // Completion shows the first sentence beside a key.
    let at = STS.find("        imag").map(|i| i + 12).expect("needle");
    let items = complete(STS, at, false).expect("completion").items;
    assert_eq!(
        items.first().map(|i| i.detail),
        Some("Container image name.")
    );
}

#[test]
fn a_documents_kind_and_api_version_offer_what_the_playground_applies() {
    let text = "apiVersion: \nkind: \n";
    let labels = |caret: usize| {
        complete(text, caret, true)
            .map(|c| c.items.into_iter().map(|i| i.label).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(labels(12), vec!["apps/v1", "v1"]);
    assert_eq!(labels(19).first().map(String::as_str), Some("StatefulSet"));
}
