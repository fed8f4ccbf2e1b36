//! Small commands: version, api-resources, api-versions, cluster-info, config, top, help,
//! options, `create namespace`, and the messages for commands the playground does not carry.

use serde_json::json;

use super::Run;
use super::ctx::Ctx;
use super::print::tabwriter::TabWriter;
use super::resources::{API_RESOURCES, ApiResource, resolve};
use crate::sim::apiserver::requests::{WriteOptions, create};

/// The context name of the playground's kubeconfig.
const CONTEXT: &str = "kind-playground";
/// The API server address the kubeconfig points at.
const SERVER: &str = "https://127.0.0.1:6443";
/// The version of the kubectl and server the playground plays.
const VERSION: &str = "v1.37.0";

/// A command kubectl has and the playground does not carry.
pub(crate) fn unsupported(ctx: &mut Ctx<'_>) -> Option<Run> {
    let path = ctx.path.clone();
    ctx.fail(&format!(
        "the playground does not carry \"{path}\"; it simulates the commands around StatefulSets (get, describe, apply, create -f, replace, patch, scale, set image, edit, delete, rollout, exec, logs, wait, events, explain, label, annotate, cordon, uncordon, drain)"
    ));
    None
}

/// `kubectl create deployment|configmap|…`: generators for kinds the playground does not simulate.
pub(crate) fn not_simulated_create(ctx: &mut Ctx<'_>) -> Option<Run> {
    let sub = ctx.path.rsplit(' ').next().unwrap_or("").to_string();
    let resource = match sub.as_str() {
        "quota" => "resourcequotas".to_string(),
        "token" => "serviceaccounts".to_string(),
        "priorityclass" => "priorityclasses".to_string(),
        "ingress" => "ingresses".to_string(),
        other => format!("{other}s"),
    };
    match resolve(&resource) {
        Some(res) if res.sim_kind().is_some() => {
            let path = ctx.path.clone();
            ctx.fail(&format!(
                "the playground does not carry \"{path}\"; write the {} in a file and use kubectl apply -f",
                res.kind
            ));
        }
        Some(res) => ctx.fail(&super::resources::not_simulated(res)),
        None => return unsupported(ctx),
    }
    None
}

/// `kubectl create namespace NAME`.
pub(crate) fn create_namespace(ctx: &mut Ctx<'_>) -> Option<Run> {
    let args = ctx.flags.args.clone();
    let [name] = args.as_slice() else {
        ctx.usage(&format!("exactly one NAME is required, got {}", args.len()));
        return None;
    };
    let body = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}});
    let dry = ctx.flags.str("dry-run").is_some_and(|d| d != "none");
    if dry {
        ctx.print(&format!("namespace/{name} created (dry run)\n"));
        return None;
    }
    match create(
        &mut ctx.session.cluster,
        &body,
        "",
        &WriteOptions::default(),
    ) {
        Ok(_) => ctx.print(&format!("namespace/{name} created\n")),
        Err(e) => ctx.fail_api(&e),
    }
    None
}

/// `kubectl version`.
pub(crate) fn version(ctx: &mut Ctx<'_>) -> Option<Run> {
    let client_only = ctx.flags.bool("client");
    let info = json!({
        "major": "1", "minor": "37", "gitVersion": VERSION,
        "gitCommit": "5f1d3a7b0c9e2f4d6a8b1c3e5f7a9b2d4c6e8f01", "gitTreeState": "clean",
        "buildDate": "2026-07-15T12:00:00Z", "goVersion": "go1.25.6", "compiler": "gc",
        "platform": "linux/amd64",
    });
    match ctx.flags.str("output").unwrap_or("") {
        "" => {
            let mut s = format!("Client Version: {VERSION}\nKustomize Version: v5.7.1\n");
            if !client_only {
                s.push_str(&format!("Server Version: {VERSION}\n"));
            }
            ctx.print(&s);
        }
        "json" | "yaml" => {
            let mut v = json!({"clientVersion": info, "kustomizeVersion": "v5.7.1"});
            if !client_only {
                let mut server = info.clone();
                if let Some(fields) = server.as_object_mut() {
                    fields.insert("platform".to_string(), json!("linux/amd64"));
                }
                if let Some(fields) = v.as_object_mut() {
                    fields.insert("serverVersion".to_string(), server);
                }
            }
            if ctx.flags.str("output") == Some("yaml") {
                ctx.print(&crate::manifest::to_yaml(&v));
            } else {
                ctx.print(&serde_json::to_string_pretty(&v).unwrap_or_default());
                ctx.print("\n");
            }
        }
        other => {
            let o = other.to_string();
            ctx.fail(&format!("--output must be 'yaml' or 'json', got '{o}'"));
        }
    }
    None
}

fn resource_rows(ctx: &Ctx<'_>) -> Vec<&'static ApiResource> {
    let group = ctx.flags.str("api-group");
    let namespaced = ctx
        .flags
        .str("namespaced")
        .and_then(super::flags::parse_bool);
    let mut rows: Vec<&ApiResource> = API_RESOURCES
        .iter()
        .filter(|r| group.is_none_or(|g| g == r.group))
        .filter(|r| namespaced.is_none_or(|n| n == r.namespaced))
        .collect();
    match ctx.flags.str("sort-by") {
        Some("name") => crate::order::sort_by_key(&mut rows, |r| r.plural),
        Some("kind") => crate::order::sort_by_key(&mut rows, |r| r.kind),
        _ => {}
    }
    rows
}

/// `kubectl api-resources`.
pub(crate) fn api_resources(ctx: &mut Ctx<'_>) -> Option<Run> {
    let rows = resource_rows(ctx);
    let output = ctx.flags.str("output").unwrap_or("").to_string();
    if output == "name" {
        let text: String = rows
            .iter()
            .map(|r| format!("{}\n", r.qualified()))
            .collect();
        ctx.print(&text);
        return None;
    }
    if !output.is_empty() && output != "wide" {
        ctx.fail(&format!("--output {output} is not available"));
        return None;
    }
    let mut tw = TabWriter::for_tables();
    if !ctx.flags.bool("no-headers") {
        tw.write("NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n");
    }
    for r in rows {
        tw.write(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            r.plural,
            r.short,
            r.api_version(),
            r.namespaced,
            r.kind
        ));
    }
    tw.flush();
    ctx.print(&tw.take_output());
    None
}

/// `kubectl api-versions`.
pub(crate) fn api_versions(ctx: &mut Ctx<'_>) -> Option<Run> {
    let mut versions: Vec<String> = API_RESOURCES.iter().map(ApiResource::api_version).collect();
    versions.push("autoscaling/v1".to_string());
    crate::order::sort(&mut versions);
    versions.dedup();
    let text: String = versions.iter().map(|v| format!("{v}\n")).collect();
    ctx.print(&text);
    None
}

/// `kubectl cluster-info`.
pub(crate) fn cluster_info(ctx: &mut Ctx<'_>) -> Option<Run> {
    ctx.print(&format!("Kubernetes control plane is running at {SERVER}\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"));
    None
}

/// `kubectl top`: the playground runs no metrics server, like a fresh kind cluster.
pub(crate) fn top(ctx: &mut Ctx<'_>) -> Option<Run> {
    ctx.fail("Metrics API not available");
    None
}

/// `kubectl help [COMMAND]`.
pub(crate) fn help(ctx: &mut Ctx<'_>) -> Option<Run> {
    let path = format!("kubectl {}", ctx.flags.args.join(" "));
    Some(Run::Done(super::help::help_for(path.trim())))
}

/// `kubectl options`.
pub(crate) fn options(ctx: &mut Ctx<'_>) -> Option<Run> {
    let mut s = String::from("The following options can be passed to any command:\n\n");
    for f in super::flag_tables::GLOBAL {
        if f.long == "help" {
            continue;
        }
        match f.short {
            Some(c) => s.push_str(&format!("    -{c}, --{}\n", f.long)),
            None => s.push_str(&format!("    --{}\n", f.long)),
        }
    }
    ctx.print(&s);
    None
}

/// `kubectl config current-context`.
pub(crate) fn config_current_context(ctx: &mut Ctx<'_>) -> Option<Run> {
    ctx.print(&format!("{CONTEXT}\n"));
    None
}

/// `kubectl config get-contexts`.
pub(crate) fn config_get_contexts(ctx: &mut Ctx<'_>) -> Option<Run> {
    if ctx.flags.str("output") == Some("name") {
        ctx.print(&format!("{CONTEXT}\n"));
        return None;
    }
    let ns = if ctx.session.namespace == "default" {
        String::new()
    } else {
        ctx.session.namespace.clone()
    };
    let mut tw = TabWriter::for_tables();
    if !ctx.flags.bool("no-headers") {
        tw.write("CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n");
    }
    tw.write(&format!("*\t{CONTEXT}\t{CONTEXT}\t{CONTEXT}\t{ns}\n"));
    tw.flush();
    ctx.print(&tw.take_output());
    None
}

/// `kubectl config set-context [NAME | --current] --namespace=NS`.
pub(crate) fn config_set_context(ctx: &mut Ctx<'_>) -> Option<Run> {
    let name = ctx.flags.args.first().cloned();
    let current = ctx.flags.bool("current");
    if current && name.is_some() {
        ctx.fail("you cannot specify both a context name and --current");
        return None;
    }
    let target = name.unwrap_or_else(|| CONTEXT.to_string());
    if target != CONTEXT {
        ctx.fail(&format!(
            "the playground has only the context \"{CONTEXT}\""
        ));
        return None;
    }
    if let Some(ns) = ctx.flags.str("namespace") {
        ctx.session.namespace = if ns.is_empty() { "default" } else { ns }.to_string();
    }
    ctx.print(&format!("Context \"{CONTEXT}\" modified.\n"));
    None
}

/// `kubectl config use-context NAME`.
pub(crate) fn config_use_context(ctx: &mut Ctx<'_>) -> Option<Run> {
    match ctx.flags.args.first().map(String::as_str) {
        Some(CONTEXT) => ctx.print(&format!("Switched to context \"{CONTEXT}\".\n")),
        Some(other) => {
            let msg = format!("no context exists with the name: \"{other}\"");
            ctx.fail(&msg);
        }
        None => ctx.usage("Unexpected args: []"),
    }
    None
}

/// `kubectl config view`.
pub(crate) fn config_view(ctx: &mut Ctx<'_>) -> Option<Run> {
    let ns_line = if ctx.session.namespace == "default" {
        String::new()
    } else {
        format!("    namespace: {}\n", ctx.session.namespace)
    };
    ctx.print(&format!(
        "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: {SERVER}\n  name: {CONTEXT}\ncontexts:\n- context:\n    cluster: {CONTEXT}\n{ns_line}    user: {CONTEXT}\n  name: {CONTEXT}\ncurrent-context: {CONTEXT}\nkind: Config\nusers:\n- name: {CONTEXT}\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n"
    ));
    None
}
