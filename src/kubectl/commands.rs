//! The command tree: each command's flags, how a command line finds its command (as cobra does),
//! and the errors for unknown commands and flags.

use super::ctx::{Ctx, flag_error};
use super::flag_tables::*;
use super::flags::{Flag, parse, positional_indices};
use super::{Output, Run, Session};

type Handler = fn(&mut Ctx<'_>) -> Option<Run>;

/// A command of the tree.
pub(crate) struct Command {
    /// Its name (`get`, `status`).
    pub name: &'static str,
    /// Its flags besides the global ones.
    pub flags: &'static [&'static [Flag]],
    /// What it does; `None` prints its help (commands that only group subcommands).
    pub run: Option<Handler>,
    /// Its subcommands.
    pub subs: &'static [Command],
    /// Whether the playground carries it (the others only say so).
    pub carried: bool,
}

const fn cmd(name: &'static str, flags: &'static [&'static [Flag]], run: Handler) -> Command {
    Command {
        name,
        flags,
        run: Some(run),
        subs: &[],
        carried: true,
    }
}

/// A command kubectl has and the playground does not carry.
const fn absent(name: &'static str) -> Command {
    Command {
        carried: false,
        ..cmd(name, &[NONE], cmd_misc::unsupported)
    }
}

const fn group(name: &'static str, subs: &'static [Command]) -> Command {
    Command {
        name,
        flags: &[],
        run: None,
        subs,
        carried: true,
    }
}

use super::{
    apply, cmd_misc, create_replace, delete, describe, edit, exec, explain, get, labels, logs,
    mutate, nodes, rollout, rollout_status, scale_patch, wait,
};

const ROLLOUT: &[Command] = &[
    cmd(
        "history",
        &[FILES, SELECT, REVISION, PRINT],
        rollout::history,
    ),
    cmd("pause", &[FILES, SELECT, MANAGER, PRINT], rollout::pause),
    cmd(
        "restart",
        &[FILES, SELECT, MANAGER, DRY_RUN, PRINT],
        rollout::restart,
    ),
    cmd("resume", &[FILES, SELECT, MANAGER, PRINT], rollout::resume),
    cmd(
        "status",
        &[FILES, SELECT, ROLLOUT_STATUS],
        rollout_status::status,
    ),
    cmd(
        "undo",
        &[FILES, SELECT, TO_REVISION, DRY_RUN, PRINT],
        rollout::undo,
    ),
];

const SET: &[Command] = &[
    absent("env"),
    cmd(
        "image",
        &[FILES, SELECT, SET_IMAGE, DRY_RUN, MANAGER, PRINT],
        mutate::set_image,
    ),
    absent("resources"),
    absent("selector"),
    absent("serviceaccount"),
    absent("subject"),
];

const CREATE_SUBS: &[Command] = &[
    cmd("clusterrole", &[NONE], cmd_misc::not_simulated_create),
    cmd(
        "clusterrolebinding",
        &[NONE],
        cmd_misc::not_simulated_create,
    ),
    cmd("configmap", &[NONE], cmd_misc::not_simulated_create),
    cmd("cronjob", &[NONE], cmd_misc::not_simulated_create),
    cmd("deployment", &[NONE], cmd_misc::not_simulated_create),
    cmd("ingress", &[NONE], cmd_misc::not_simulated_create),
    cmd("job", &[NONE], cmd_misc::not_simulated_create),
    cmd(
        "namespace",
        &[DRY_RUN, MANAGER, PRINT],
        cmd_misc::create_namespace,
    ),
    cmd(
        "poddisruptionbudget",
        &[NONE],
        cmd_misc::not_simulated_create,
    ),
    cmd("priorityclass", &[NONE], cmd_misc::not_simulated_create),
    cmd("quota", &[NONE], cmd_misc::not_simulated_create),
    cmd("role", &[NONE], cmd_misc::not_simulated_create),
    cmd("rolebinding", &[NONE], cmd_misc::not_simulated_create),
    cmd("secret", &[NONE], cmd_misc::not_simulated_create),
    cmd("service", &[NONE], cmd_misc::not_simulated_create),
    cmd("serviceaccount", &[NONE], cmd_misc::not_simulated_create),
    cmd("token", &[NONE], cmd_misc::not_simulated_create),
];

const CONFIG: &[Command] = &[
    cmd("current-context", &[NONE], cmd_misc::config_current_context),
    cmd(
        "get-contexts",
        &[GET_CONTEXTS],
        cmd_misc::config_get_contexts,
    ),
    cmd("set-context", &[SET_CONTEXT], cmd_misc::config_set_context),
    cmd("use-context", &[NONE], cmd_misc::config_use_context),
    cmd("view", &[CONFIG_VIEW], cmd_misc::config_view),
];

/// The top-level commands (kubectl sorts them by name).
pub(crate) const ROOT: &[Command] = &[
    cmd(
        "annotate",
        &[LABEL, FILES, DRY_RUN, MANAGER, SELECT, PRINT],
        labels::annotate,
    ),
    cmd("api-resources", &[API_RESOURCES], cmd_misc::api_resources),
    cmd("api-versions", &[NONE], cmd_misc::api_versions),
    cmd(
        "apply",
        &[FILES, VALIDATE, DRY_RUN, MANAGER, SELECT, APPLY, PRINT],
        apply::apply,
    ),
    absent("attach"),
    absent("auth"),
    absent("autoscale"),
    absent("certificate"),
    cmd("cluster-info", &[NONE], cmd_misc::cluster_info),
    absent("completion"),
    group("config", CONFIG),
    cmd("cordon", &[SELECT, DRY_RUN], nodes::cordon),
    absent("cp"),
    Command {
        name: "create",
        flags: &[FILES, VALIDATE, DRY_RUN, MANAGER, SELECT, CREATE, PRINT],
        run: Some(create_replace::create),
        subs: CREATE_SUBS,
        carried: true,
    },
    absent("debug"),
    cmd("delete", &[FILES, SELECT, DRY_RUN, DELETE], delete::delete),
    cmd("describe", &[FILES, SELECT, DESCRIBE], describe::describe),
    absent("diff"),
    cmd("drain", &[SELECT, DRY_RUN, DRAIN], nodes::drain),
    cmd("edit", &[FILES, VALIDATE, MANAGER, EDIT, PRINT], edit::edit),
    cmd("events", &[EVENTS, PRINT], get::events),
    cmd("exec", &[EXEC], exec::exec),
    cmd("explain", &[EXPLAIN], explain::explain),
    absent("expose"),
    cmd("get", &[FILES, SELECT, GET, PRINT], get::get),
    cmd("help", &[NONE], cmd_misc::help),
    absent("kustomize"),
    cmd(
        "label",
        &[LABEL, FILES, DRY_RUN, MANAGER, SELECT, PRINT],
        labels::label,
    ),
    cmd("logs", &[LOGS, SELECT], logs::logs),
    cmd("options", &[NONE], cmd_misc::options),
    cmd(
        "patch",
        &[PATCH, DRY_RUN, FILES, MANAGER, PRINT],
        scale_patch::patch,
    ),
    absent("plugin"),
    absent("port-forward"),
    absent("proxy"),
    cmd(
        "replace",
        &[FILES, VALIDATE, DRY_RUN, MANAGER, REPLACE, PRINT],
        create_replace::replace,
    ),
    group("rollout", ROLLOUT),
    absent("run"),
    cmd(
        "scale",
        &[FILES, SELECT, DRY_RUN, SCALE, PRINT],
        scale_patch::scale,
    ),
    group("set", SET),
    absent("taint"),
    cmd("top", &[NONE], cmd_misc::top),
    cmd("uncordon", &[SELECT, DRY_RUN], nodes::uncordon),
    cmd("version", &[VERSION], cmd_misc::version),
    cmd("wait", &[FILES, SELECT, WAIT, PRINT], wait::wait),
];

/// Aliases kubectl knows for top-level commands.
fn canonical(name: &str) -> &str {
    match name {
        "ev" => "events",
        _ => name,
    }
}

/// cobra's Levenshtein distance, case-insensitive.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let v = (prev.get(j + 1).copied().unwrap_or(0) + 1)
                .min(cur.get(j).copied().unwrap_or(0) + 1)
                .min(prev.get(j).copied().unwrap_or(0) + cost);
            cur.push(v);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

fn suggestions(typed: &str, cmds: &[Command]) -> String {
    let found: Vec<&str> = cmds
        .iter()
        .filter(|c| c.name != "help")
        .filter(|c| {
            distance(typed, c.name) <= 2 || c.name.to_lowercase().starts_with(&typed.to_lowercase())
        })
        .map(|c| c.name)
        .collect();
    if found.is_empty() {
        return String::new();
    }
    let mut s = "\n\nDid you mean this?\n".to_string();
    for f in found {
        s.push('\t');
        s.push_str(f);
        s.push('\n');
    }
    s
}

fn fail(msg: String) -> Run {
    Run::Done(Output {
        stdout: String::new(),
        stderr: if msg.ends_with('\n') { msg } else { msg + "\n" },
        code: 1,
        ..Default::default()
    })
}

/// Finds the command for a command line, parses its flags and runs it.
pub(crate) fn dispatch(session: &mut Session, args: &[String], stdin: &str) -> Run {
    let positions = positional_indices(args, &[GLOBAL]);
    let Some(&first_at) = positions.first() else {
        return Run::Done(super::help::root_help());
    };
    let first = args.get(first_at).map_or("", |s| canonical(s.as_str()));
    let Some(mut command) = ROOT.iter().find(|c| c.name == first) else {
        return fail(format!(
            "error: unknown command \"{first}\" for \"kubectl\"{}",
            suggestions(first, ROOT)
        ));
    };
    let mut path = format!("kubectl {}", command.name);
    let mut used = vec![first_at];
    // Subcommands are looked up among the words after the command, as cobra does.
    while !command.subs.is_empty() {
        let mut all_flags: Vec<&[Flag]> = vec![GLOBAL];
        all_flags.extend(command.flags.iter().copied());
        let rest: Vec<String> = args
            .iter()
            .skip(used.last().map_or(0, |u| u + 1))
            .cloned()
            .collect();
        let offset = used.last().map_or(0, |u| u + 1);
        let Some(&next) = positional_indices(&rest, &all_flags).first() else {
            break;
        };
        let word = rest.get(next).map_or("", String::as_str);
        match command.subs.iter().find(|c| c.name == word) {
            Some(sub) => {
                command = sub;
                path.push(' ');
                path.push_str(sub.name);
                used.push(offset + next);
            }
            None if command.run.is_none() => {
                let mut flags: Vec<&[Flag]> = vec![GLOBAL];
                flags.extend(command.flags.iter().copied());
                if let Err(e) = parse(args, &flags) {
                    return Run::Done(flag_error(&path, &e));
                }
                return fail(format!(
                    "error: unknown command \"{word}\"\nSee '{path} -h' for help and examples"
                ));
            }
            None => break,
        }
    }
    let remaining: Vec<String> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, a)| a.clone())
        .collect();
    let mut flags: Vec<&[Flag]> = vec![GLOBAL];
    flags.extend(command.flags.iter().copied());
    let parsed = match parse(&remaining, &flags) {
        Ok(p) => p,
        Err(e) if command.flags.first().is_some_and(|f| f.is_empty()) => {
            // Commands the playground does not carry keep their own flags; say so first.
            let _ = e;
            super::flags::Parsed::default()
        }
        Err(e) => return Run::Done(flag_error(&path, &e)),
    };
    if parsed.bool("help") {
        return Run::Done(super::help::help_for(&path));
    }
    let explicit_namespace = parsed.has("namespace");
    let namespace = parsed
        .str("namespace")
        .filter(|n| !n.is_empty())
        .map_or_else(|| session.namespace.clone(), str::to_string);
    let Some(run) = command.run else {
        // A command that only groups others prints its help on stderr and fails.
        let help = super::help::help_for(&path);
        let out = Output {
            stdout: String::new(),
            stderr: help.stdout,
            code: 1,
            ..Default::default()
        };
        if !parsed.args.is_empty() {
            return fail(format!(
                "error: unknown command \"{}\"\nSee '{path} -h' for help and examples",
                parsed.args.join(" ")
            ));
        }
        return Run::Done(out);
    };
    let mut ctx = Ctx {
        session,
        stdin,
        flags: parsed,
        path,
        namespace,
        explicit_namespace,
        out: Output::default(),
    };
    match run(&mut ctx) {
        Some(r) => r,
        None => ctx.done(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_names_are_sorted_and_unique() {
        let names: Vec<&str> = ROOT.iter().map(|c| c.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
    }

    #[test]
    fn levenshtein() {
        assert_eq!(distance("gte", "get"), 2);
        assert_eq!(distance("apply", "apply"), 0);
        assert_eq!(distance("aply", "apply"), 1);
    }
}
