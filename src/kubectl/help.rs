//! Help pages (`kubectl -h`, `kubectl help get`, `kubectl get --help`), laid out like kubectl's
//! (sections, usage line, pointers to other help) with descriptions written for the playground.

use super::Output;
use super::commands::ROOT;

/// (group title, [(command, one-line description)]).
const GROUPS: &[(&str, &[(&str, &str)])] = &[
    (
        "Basic Commands (Beginner)",
        &[
            ("create", "Create objects from a file or from stdin"),
            ("expose", "Make a workload reachable through a new service"),
            ("run", "Start a single pod from an image"),
            (
                "set",
                "Change particular fields of objects (for example an image)",
            ),
        ],
    ),
    (
        "Basic Commands (Intermediate)",
        &[
            ("explain", "Show what the fields of a resource mean"),
            ("get", "List one or more objects"),
            ("edit", "Change an object in an editor"),
            (
                "delete",
                "Delete objects by name, file, label selector or --all",
            ),
        ],
    ),
    (
        "Deploy Commands",
        &[
            (
                "rollout",
                "Follow, pause, restart or undo the rollout of a workload",
            ),
            ("scale", "Set the number of replicas of a workload"),
            ("autoscale", "Scale a workload automatically"),
        ],
    ),
    (
        "Cluster Management Commands",
        &[
            ("certificate", "Work with certificate signing requests"),
            ("cluster-info", "Show where the control plane runs"),
            ("top", "Show CPU and memory use"),
            ("cordon", "Stop new pods from landing on a node"),
            ("uncordon", "Let pods land on a node again"),
            ("drain", "Empty a node before maintenance"),
            ("taint", "Change the taints of nodes"),
        ],
    ),
    (
        "Troubleshooting and Debugging Commands",
        &[
            ("describe", "Show the details and recent events of objects"),
            ("logs", "Print what a container wrote to its output"),
            ("attach", "Attach to a running container"),
            ("exec", "Run a command in a container"),
            ("port-forward", "Forward local ports to a pod"),
            ("proxy", "Run a proxy to the API server"),
            ("cp", "Copy files to and from containers"),
            ("auth", "Check authorization"),
            ("debug", "Start a debugging session for a workload or node"),
            ("events", "List events"),
        ],
    ),
    (
        "Advanced Commands",
        &[
            (
                "diff",
                "Compare the live objects with the ones a file would create",
            ),
            (
                "apply",
                "Create or update objects from files, keeping track of what was applied",
            ),
            ("patch", "Change fields of an object with a patch"),
            ("replace", "Replace an object with the one in a file"),
            ("wait", "Wait until objects reach a condition"),
            ("kustomize", "Build a kustomization"),
        ],
    ),
    (
        "Settings Commands",
        &[
            ("label", "Add, change or remove labels"),
            ("annotate", "Add, change or remove annotations"),
            ("completion", "Print shell completion code"),
        ],
    ),
    ("Subcommands provided by plugins", &[]),
    (
        "Other Commands",
        &[
            ("api-resources", "List the resource types the server serves"),
            ("api-versions", "List the API versions the server serves"),
            ("config", "Show or change kubeconfig settings"),
            ("plugin", "Work with plugins"),
            ("version", "Show the client and server versions"),
        ],
    ),
];

fn ok(text: String) -> Output {
    Output {
        stdout: text,
        ..Output::default()
    }
}

/// `kubectl` alone or `kubectl --help`.
pub(crate) fn root_help() -> Output {
    let mut s = String::from(
        "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n",
    );
    for (title, cmds) in GROUPS {
        if cmds.is_empty() {
            continue;
        }
        s.push_str(title);
        s.push_str(":\n");
        for (name, desc) in *cmds {
            s.push_str(&format!("  {name:<16}{desc}\n"));
        }
        s.push('\n');
    }
    s.push_str("Usage:\n  kubectl [flags] [options]\n\nUse \"kubectl <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n");
    ok(s)
}

/// (command path, description, usage, examples, options).
type Page = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const PAGES: &[Page] = &[
    (
        "get",
        "List one or more objects of a resource type, as a table or in another output format.",
        "kubectl get [(-o|--output=)json|yaml|name|wide|custom-columns=...|jsonpath=...|go-template=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
        "  # Every pod in the current namespace, with node and IP\n  kubectl get pods -o wide\n\n  # A stateful set and its pods together\n  kubectl get sts,pods -l app=nginx\n\n  # Watch pods change while a rollout runs\n  kubectl get pods -w\n\n  # The image of each container of a pod, with a Go template\n  kubectl get pod web-0 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'",
        "    -A, --all-namespaces=false:\n\tList objects of every namespace.\n\n    -o, --output='':\n\tOutput format: json, yaml, name, wide, custom-columns=..., jsonpath=..., go-template=...\n\n    -l, --selector='':\n\tLabel selector, e.g. -l app=nginx.\n\n    --show-labels=false:\n\tAdd a LABELS column.\n\n    --sort-by='':\n\tSort by a JSONPath expression, e.g. .metadata.name.\n\n    --template='':\n\tA Go template, or a template file with -o go-template-file; alone it means -o go-template.\n\n    -w, --watch=false:\n\tKeep printing changes after the list.\n",
    ),
    (
        "apply",
        "Create objects from files, or update them to match the files. kubectl records what it applied in the kubectl.kubernetes.io/last-applied-configuration annotation and computes changes against it.",
        "kubectl apply (-f FILENAME | -k DIRECTORY) [options]",
        "  # Apply the objects of a file\n  kubectl apply -f web.yaml\n\n  # Apply every manifest of a folder\n  kubectl apply -f manifests/",
        "    -f, --filename=[]:\n\tFiles, folders or - for standard input.\n\n    --dry-run='none':\n\tnone, client or server.\n\n    --validate='strict':\n\tstrict, warn or ignore unknown fields.\n",
    ),
    (
        "create",
        "Create objects from files or standard input.",
        "kubectl create -f FILENAME [options]",
        "  # Create the objects of a file\n  kubectl create -f web.yaml",
        "    -f, --filename=[]:\n\tFiles, folders or - for standard input.\n\n    -o, --output='':\n\tOutput format.\n",
    ),
    (
        "delete",
        "Delete objects by name, by file, by label selector or all objects of a type. By default kubectl waits until the objects are gone.",
        "kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]",
        "  # Delete one pod; its StatefulSet creates it again\n  kubectl delete pod web-0\n\n  # Delete a set but keep its pods\n  kubectl delete sts web --cascade=orphan",
        "    --cascade='background':\n\tbackground, foreground or orphan.\n\n    --grace-period=-1:\n\tSeconds given to the pods to stop.\n\n    --wait=true:\n\tWait until the objects are gone.\n",
    ),
    (
        "describe",
        "Show the details of objects, including related objects and recent events.",
        "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
        "  # Describe a stateful set\n  kubectl describe statefulset web\n\n  # Describe every pod whose name starts with web\n  kubectl describe pods web",
        "    -l, --selector='':\n\tLabel selector.\n\n    --show-events=true:\n\tShow events.\n",
    ),
    (
        "scale",
        "Set the number of replicas of a stateful set (or another scalable workload).",
        "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
        "  # Scale the set web to 5 pods\n  kubectl scale statefulset web --replicas=5",
        "    --replicas=0:\n\tThe new number of replicas.\n\n    --current-replicas=-1:\n\tOnly scale when the current size is this.\n",
    ),
    (
        "patch",
        "Change fields of an object with a strategic merge patch (default), a JSON merge patch or a JSON patch.",
        "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
        "  # Change the number of replicas\n  kubectl patch sts web -p '{\"spec\":{\"replicas\":3}}'\n\n  # Change an image with a JSON patch\n  kubectl patch sts web --type=json -p='[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1.27\"}]'",
        "    -p, --patch='':\n\tThe patch.\n\n    --type='strategic':\n\tstrategic, merge or json.\n",
    ),
    (
        "rollout",
        "Manage the rollout of a workload: status, history, undo, restart, pause and resume.",
        "kubectl rollout SUBCOMMAND [options]",
        "  # Follow a rollout\n  kubectl rollout status statefulset/web\n\n  # Go back to the previous template\n  kubectl rollout undo statefulset/web",
        "",
    ),
    (
        "rollout status",
        "Follow a rollout until it completes, printing each change of progress.",
        "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]",
        "  # Follow the rollout of web\n  kubectl rollout status statefulset/web",
        "    -w, --watch=true:\n\tKeep watching until done.\n\n    --timeout=0s:\n\tGive up after this long.\n",
    ),
    (
        "logs",
        "Print what a container of a pod wrote to its output.",
        "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
        "  # The logs of web-0\n  kubectl logs web-0\n\n  # Keep printing new lines\n  kubectl logs -f web-0",
        "    -c, --container='':\n\tThe container.\n\n    -f, --follow=false:\n\tKeep printing new lines.\n\n    -p, --previous=false:\n\tThe previous run of the container.\n\n    --tail=-1:\n\tOnly the last lines.\n",
    ),
    (
        "exec",
        "Run a command in a container.",
        "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
        "  # The hostname of web-0\n  kubectl exec web-0 -- hostname\n\n  # A shell inside web-0\n  kubectl exec -it web-0 -- sh",
        "    -c, --container='':\n\tThe container.\n\n    -i, --stdin=false:\n\tPass standard input.\n\n    -t, --tty=false:\n\tStandard input is a terminal.\n",
    ),
    (
        "wait",
        "Wait until objects reach a condition, are deleted, or a field has a value.",
        "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
        "  # Wait for web-0 to be ready\n  kubectl wait --for=condition=Ready pod/web-0 --timeout=60s",
        "    --for=[]:\n\tThe condition to wait for.\n\n    --timeout=30s:\n\tGive up after this long.\n",
    ),
];

/// The help page of a command path such as `kubectl get` or `kubectl rollout status`.
pub(crate) fn help_for(path: &str) -> Output {
    let name = path.trim_start_matches("kubectl").trim();
    if name.is_empty() || name == "help" {
        return root_help();
    }
    let Some((_, desc, usage, examples, options)) = PAGES.iter().find(|p| p.0 == name) else {
        let short = GROUPS
            .iter()
            .flat_map(|(_, c)| c.iter())
            .find(|(n, _)| *n == name)
            .map_or("", |(_, d)| d);
        return ok(format!(
            "{short}.\n\nUsage:\n  {path} [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n"
        ));
    };
    let mut s = format!("{desc}\n\nExamples:\n{examples}\n\n");
    if !options.is_empty() {
        s.push_str("Options:\n");
        s.push_str(options);
        s.push('\n');
    }
    s.push_str(&format!(
        "Usage:\n  {usage}\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n"
    ));
    ok(s)
}

/// The flags the help page of a command path (`get`, `rollout status`) documents, long and
/// short forms (`--watch`, `-w`): the ones a learner reaches for first.
pub fn documented_flags(path: &str) -> Vec<&'static str> {
    let options = PAGES.iter().find(|p| p.0 == path).map_or("", |p| p.4);
    options
        .lines()
        .filter(|l| l.starts_with("    -"))
        .filter_map(|l| l.trim_start().split_once(':').map(|(names, _)| names))
        .flat_map(|names| names.split(", "))
        .map(|name| name.split_once('=').map_or(name, |(n, _)| n))
        .collect()
}

/// The top-level commands the playground carries (`get`, `rollout`, …), in kubectl's order.
pub fn carried_commands() -> impl Iterator<Item = &'static str> {
    ROOT.iter().filter(|c| c.carried).map(|c| c.name)
}

/// The subcommands the playground carries under a command (`rollout` → `history`, `pause`, …).
pub fn carried_subcommands(command: &str) -> impl Iterator<Item = &'static str> {
    ROOT.iter()
        .filter(move |c| c.name == command)
        .flat_map(|c| c.subs.iter())
        .filter(|c| c.carried)
        .map(|c| c.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubectl::flag_tables::GLOBAL;

    /// The flags of a command path, global ones included (cobra merges persistent flags).
    fn accepted(path: &str) -> Vec<String> {
        let mut cmds = ROOT;
        let mut flags: Vec<&[super::super::flags::Flag]> = vec![GLOBAL];
        for word in path.split(' ') {
            let Some(c) = cmds.iter().find(|c| c.name == word) else {
                return Vec::new();
            };
            flags.extend(c.flags.iter().copied());
            cmds = c.subs;
        }
        flags
            .iter()
            .flat_map(|g| g.iter())
            .flat_map(|f| {
                [
                    Some(format!("--{}", f.long)),
                    f.short.map(|s| format!("-{s}")),
                ]
            })
            .flatten()
            .collect()
    }

    #[test]
    fn documented_flags_are_flags_the_command_accepts() {
        assert_eq!(
            documented_flags("rollout status"),
            vec!["-w", "--watch", "--timeout"]
        );
        for page in PAGES {
            let known = accepted(page.0);
            for flag in documented_flags(page.0) {
                assert!(known.iter().any(|k| k == flag), "{} {flag}", page.0);
            }
        }
    }

    #[test]
    fn carried_commands_leave_out_the_ones_the_playground_only_names() {
        let verbs: Vec<&str> = carried_commands().collect();
        assert!(verbs.contains(&"get") && verbs.contains(&"rollout"));
        assert!(!verbs.contains(&"attach") && !verbs.contains(&"run"));
        assert_eq!(
            carried_subcommands("set").collect::<Vec<_>>(),
            vec!["image"]
        );
    }
}
