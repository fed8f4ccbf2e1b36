//! The command tree: each command's flags, how a command line finds its command (as cobra does),
//! and the errors for unknown commands and flags.

use super::ctx::Ctx;
use super::flag_tables::*;
use super::flags::Flag;
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
    apply, cmd_misc, create_config, create_pdb, create_replace, delete, describe, edit, exec,
    explain, get, labels, logs, mutate, nodes, rollout, rollout_status, scale_patch, wait,
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
    cmd(
        "configmap",
        &[CREATE_CONFIG, VALIDATE, DRY_RUN, MANAGER, PRINT],
        create_config::create_configmap,
    ),
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
        &[CREATE_PDB, VALIDATE, DRY_RUN, MANAGER, PRINT],
        create_pdb::create_pdb,
    ),
    cmd("priorityclass", &[NONE], cmd_misc::not_simulated_create),
    cmd("quota", &[NONE], cmd_misc::not_simulated_create),
    cmd("role", &[NONE], cmd_misc::not_simulated_create),
    cmd("rolebinding", &[NONE], cmd_misc::not_simulated_create),
    group("secret", CREATE_SECRET),
    cmd("service", &[NONE], cmd_misc::not_simulated_create),
    cmd("serviceaccount", &[NONE], cmd_misc::not_simulated_create),
    cmd("token", &[NONE], cmd_misc::not_simulated_create),
];

const CREATE_SECRET: &[Command] = &[
    absent("docker-registry"),
    cmd(
        "generic",
        &[
            CREATE_CONFIG,
            SECRET_TYPE,
            VALIDATE,
            DRY_RUN,
            MANAGER,
            PRINT,
        ],
        create_config::create_secret_generic,
    ),
    absent("tls"),
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

/// Finds the command for a command line, parses its flags and runs it.
pub(crate) fn dispatch(session: &mut Session, cwd: &str, args: &[String], stdin: &str) -> Run {
    let found = match super::lookup::resolve(args) {
        Ok(found) => found,
        Err(run) => return run,
    };
    let super::lookup::Found {
        command,
        path,
        parsed,
    } = found;
    if parsed.bool("help") {
        return Run::Done(super::help::help_for(&path));
    }
    let Some(run) = command.run else {
        return group_help(&path, &parsed);
    };
    // Time passes before the server sees the request, as it does between two prompts.
    session.cluster.advance(super::latency::before_request(
        &path,
        path == "kubectl version" && parsed.bool("client"),
    ));
    let explicit_namespace = parsed.has("namespace");
    let namespace = parsed
        .str("namespace")
        .filter(|n| !n.is_empty())
        .map_or_else(|| session.namespace.clone(), str::to_string);
    let mut ctx = Ctx {
        session,
        cwd,
        stdin,
        flags: parsed,
        path,
        namespace,
        explicit_namespace,
        out: Output::default(),
        pending: Default::default(),
    };
    match run(&mut ctx) {
        Some(r) => r,
        None => ctx.done(),
    }
}

/// A command that only groups others prints its help on stderr and fails.
fn group_help(path: &str, parsed: &super::flags::Parsed) -> Run {
    if !parsed.args.is_empty() {
        return super::lookup::fail(format!(
            "error: unknown command \"{}\"\nSee '{path} -h' for help and examples",
            parsed.args.join(" ")
        ));
    }
    let help = super::help::help_for(path);
    Run::Done(Output {
        stdout: String::new(),
        stderr: help.stdout,
        code: 1,
        ..Default::default()
    })
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
}
