//! The flags of each kubectl command, as kubectl v1.37 defines them (so that real flags are
//! accepted and anything else fails as pflag fails).

use super::flags::{Flag, Ty, long, optional, short};

/// Flags every command accepts (kubectl's persistent flags).
pub(crate) const GLOBAL: &[Flag] = &[
    short("namespace", 'n', Ty::Str),
    long("kubeconfig", Ty::Str),
    long("kuberc", Ty::Str),
    long("context", Ty::Str),
    long("cluster", Ty::Str),
    long("user", Ty::Str),
    short("server", 's', Ty::Str),
    long("token", Ty::Str),
    long("request-timeout", Ty::Str),
    short("v", 'v', Ty::Int),
    long("vmodule", Ty::Str),
    long("as", Ty::Str),
    long("as-group", Ty::Array),
    long("as-uid", Ty::Str),
    long("insecure-skip-tls-verify", Ty::Bool),
    long("match-server-version", Ty::Bool),
    long("warnings-as-errors", Ty::Bool),
    long("cache-dir", Ty::Str),
    long("certificate-authority", Ty::Str),
    long("client-certificate", Ty::Str),
    long("client-key", Ty::Str),
    long("disable-compression", Ty::Bool),
    long("log-flush-frequency", Ty::Duration),
    long("password", Ty::Str),
    long("username", Ty::Str),
    long("profile", Ty::Str),
    long("profile-output", Ty::Str),
    long("tls-server-name", Ty::Str),
    short("help", 'h', Ty::Bool),
];

/// The `print` flag group.
pub(crate) const PRINT: &[Flag] = &[
    short("output", 'o', Ty::Str),
    long("template", Ty::Str),
    long("show-managed-fields", Ty::Bool),
    long("allow-missing-template-keys", Ty::Bool),
];
/// The `files` flag group.
pub(crate) const FILES: &[Flag] = &[
    short("filename", 'f', Ty::Strings),
    short("kustomize", 'k', Ty::Str),
    short("recursive", 'R', Ty::Bool),
];
/// The `select` flag group.
pub(crate) const SELECT: &[Flag] = &[short("selector", 'l', Ty::Str)];
/// The `dry-run` flag group.
pub(crate) const DRY_RUN: &[Flag] = &[optional("dry-run", Ty::Str, "unchanged")];
/// The `manager` flag group.
pub(crate) const MANAGER: &[Flag] = &[long("field-manager", Ty::Str)];
/// The `validate` flag group.
pub(crate) const VALIDATE: &[Flag] = &[optional("validate", Ty::Str, "strict")];

/// The `get` flag group.
pub(crate) const GET: &[Flag] = &[
    short("watch", 'w', Ty::Bool),
    long("watch-only", Ty::Bool),
    long("output-watch-events", Ty::Bool),
    long("ignore-not-found", Ty::Bool),
    long("field-selector", Ty::Str),
    short("all-namespaces", 'A', Ty::Bool),
    long("chunk-size", Ty::Int),
    long("subresource", Ty::Str),
    long("raw", Ty::Str),
    short("label-columns", 'L', Ty::Strings),
    long("show-kind", Ty::Bool),
    long("show-labels", Ty::Bool),
    long("sort-by", Ty::Str),
    long("no-headers", Ty::Bool),
    long("server-print", Ty::Bool),
];
/// The `apply` flag group.
pub(crate) const APPLY: &[Flag] = &[
    long("server-side", Ty::Bool),
    long("force-conflicts", Ty::Bool),
    long("prune", Ty::Bool),
    long("prune-allowlist", Ty::Strings),
    long("all", Ty::Bool),
    long("applyset", Ty::Str),
    long("overwrite", Ty::Bool),
    long("openapi-patch", Ty::Bool),
    long("force", Ty::Bool),
    long("grace-period", Ty::Int),
    long("timeout", Ty::Duration),
    long("wait", Ty::Bool),
    optional("cascade", Ty::Str, "background"),
    // RecordFlags.AddFlags marks it `MarkDeprecated("record", …)`.
    long("record", Ty::Bool).deprecated(),
    long("subresource", Ty::Str),
];
/// The `create` flag group.
pub(crate) const CREATE: &[Flag] = &[
    long("edit", Ty::Bool),
    long("windows-line-endings", Ty::Bool),
    long("save-config", Ty::Bool),
    long("raw", Ty::Str),
    long("record", Ty::Bool).deprecated(),
];
/// `create configmap` and `create secret generic` (create_configmap.go, create_secret.go).
pub(crate) const CREATE_CONFIG: &[Flag] = &[
    long("from-file", Ty::Strings),
    long("from-literal", Ty::Array),
    long("from-env-file", Ty::Strings),
    long("append-hash", Ty::Bool),
    long("save-config", Ty::Bool),
];
/// `create poddisruptionbudget` (create_pdb.go).
pub(crate) const CREATE_PDB: &[Flag] = &[
    long("min-available", Ty::Str),
    long("max-unavailable", Ty::Str),
    long("selector", Ty::Str),
    long("save-config", Ty::Bool),
];
/// `create secret generic --type`.
pub(crate) const SECRET_TYPE: &[Flag] = &[long("type", Ty::Str)];
/// The `replace` flag group.
pub(crate) const REPLACE: &[Flag] = &[
    long("force", Ty::Bool),
    optional("cascade", Ty::Str, "background"),
    long("grace-period", Ty::Int),
    long("timeout", Ty::Duration),
    long("wait", Ty::Bool),
    long("save-config", Ty::Bool),
    long("raw", Ty::Str),
    long("subresource", Ty::Str),
    long("record", Ty::Bool).deprecated(),
];
/// The `delete` flag group.
pub(crate) const DELETE: &[Flag] = &[
    long("field-selector", Ty::Str),
    long("all", Ty::Bool),
    short("all-namespaces", 'A', Ty::Bool),
    long("force", Ty::Bool),
    optional("cascade", Ty::Str, "background"),
    long("now", Ty::Bool),
    long("grace-period", Ty::Int),
    long("timeout", Ty::Duration),
    long("ignore-not-found", Ty::Bool),
    long("wait", Ty::Bool),
    short("output", 'o', Ty::Str),
    long("raw", Ty::Str),
    short("interactive", 'i', Ty::Bool),
];
/// The `describe` flag group.
pub(crate) const DESCRIBE: &[Flag] = &[
    short("all-namespaces", 'A', Ty::Bool),
    long("show-events", Ty::Bool),
    long("chunk-size", Ty::Int),
];
/// The `scale` flag group.
pub(crate) const SCALE: &[Flag] = &[
    long("all", Ty::Bool),
    long("resource-version", Ty::Str),
    long("current-replicas", Ty::Int),
    long("replicas", Ty::Int),
    long("timeout", Ty::Duration),
];
/// The `patch` flag group.
pub(crate) const PATCH: &[Flag] = &[
    short("patch", 'p', Ty::Str),
    long("patch-file", Ty::Str),
    long("type", Ty::Str),
    long("local", Ty::Bool),
    long("subresource", Ty::Str),
];
/// The `set-image` flag group.
pub(crate) const SET_IMAGE: &[Flag] = &[
    long("all", Ty::Bool),
    long("local", Ty::Bool),
    long("record", Ty::Bool).deprecated(),
];
/// The `edit` flag group.
pub(crate) const EDIT: &[Flag] = &[
    long("output-patch", Ty::Bool),
    long("windows-line-endings", Ty::Bool),
    long("save-config", Ty::Bool),
    long("subresource", Ty::Str),
];
/// The `rollout-status` flag group.
pub(crate) const ROLLOUT_STATUS: &[Flag] = &[
    short("watch", 'w', Ty::Bool),
    long("timeout", Ty::Duration),
    long("revision", Ty::Int),
];
/// The `revision` flag group.
pub(crate) const REVISION: &[Flag] = &[long("revision", Ty::Int)];
/// The `to-revision` flag group.
pub(crate) const TO_REVISION: &[Flag] = &[long("to-revision", Ty::Int)];
/// The `exec` flag group.
pub(crate) const EXEC: &[Flag] = &[
    short("container", 'c', Ty::Str),
    short("filename", 'f', Ty::Strings),
    short("stdin", 'i', Ty::Bool),
    short("tty", 't', Ty::Bool),
    short("quiet", 'q', Ty::Bool),
    long("pod-running-timeout", Ty::Duration),
];
/// The `logs` flag group.
pub(crate) const LOGS: &[Flag] = &[
    long("all-pods", Ty::Bool),
    long("all-containers", Ty::Bool),
    short("follow", 'f', Ty::Bool),
    long("timestamps", Ty::Bool),
    short("previous", 'p', Ty::Bool),
    long("ignore-errors", Ty::Bool),
    long("since-time", Ty::Str),
    long("since", Ty::Duration),
    short("container", 'c', Ty::Str),
    long("insecure-skip-tls-verify-backend", Ty::Bool),
    long("pod-running-timeout", Ty::Duration),
    long("max-log-requests", Ty::Int),
    long("prefix", Ty::Bool),
    long("tail", Ty::Int),
    long("limit-bytes", Ty::Int),
];
/// The `wait` flag group.
pub(crate) const WAIT: &[Flag] = &[
    short("all-namespaces", 'A', Ty::Bool),
    long("field-selector", Ty::Str),
    long("all", Ty::Bool),
    long("timeout", Ty::Duration),
    long("for", Ty::Array),
    long("local", Ty::Bool),
];
/// The `events` flag group.
pub(crate) const EVENTS: &[Flag] = &[
    short("all-namespaces", 'A', Ty::Bool),
    short("watch", 'w', Ty::Bool),
    long("for", Ty::Str),
    long("types", Ty::Strings),
    long("no-headers", Ty::Bool),
    long("chunk-size", Ty::Int),
];
/// The `explain` flag group.
pub(crate) const EXPLAIN: &[Flag] = &[
    short("recursive", 'R', Ty::Bool),
    long("max-depth", Ty::Int),
    long("api-version", Ty::Str),
    short("output", 'o', Ty::Str),
];
/// The `label` flag group.
pub(crate) const LABEL: &[Flag] = &[
    long("overwrite", Ty::Bool),
    long("list", Ty::Bool),
    long("local", Ty::Bool),
    long("field-selector", Ty::Str),
    long("all", Ty::Bool),
    short("all-namespaces", 'A', Ty::Bool),
    long("resource-version", Ty::Str),
];
/// The `drain` flag group.
pub(crate) const DRAIN: &[Flag] = &[
    long("force", Ty::Bool),
    long("ignore-daemonsets", Ty::Bool),
    long("delete-emptydir-data", Ty::Bool),
    long("grace-period", Ty::Int),
    long("timeout", Ty::Duration),
    long("pod-selector", Ty::Str),
    long("disable-eviction", Ty::Bool),
    long("skip-wait-for-delete-timeout", Ty::Int),
    long("chunk-size", Ty::Int),
];
/// The `version` flag group.
pub(crate) const VERSION: &[Flag] = &[long("client", Ty::Bool), short("output", 'o', Ty::Str)];
/// The `api-resources` flag group.
pub(crate) const API_RESOURCES: &[Flag] = &[
    long("no-headers", Ty::Bool),
    short("output", 'o', Ty::Str),
    long("api-group", Ty::Str),
    optional("namespaced", Ty::Bool, "true"),
    long("verbs", Ty::Strings),
    long("cached", Ty::Bool),
    long("categories", Ty::Strings),
    long("sort-by", Ty::Str),
];
/// The `set-context` flag group.
pub(crate) const SET_CONTEXT: &[Flag] = &[
    long("current", Ty::Bool),
    long("namespace", Ty::Str),
    long("cluster", Ty::Str),
    long("user", Ty::Str),
];
/// The `config get-contexts` flag group.
pub(crate) const GET_CONTEXTS: &[Flag] =
    &[long("no-headers", Ty::Bool), short("output", 'o', Ty::Str)];
/// The `config view` flag group.
pub(crate) const CONFIG_VIEW: &[Flag] = &[
    long("minify", Ty::Bool),
    long("raw", Ty::Bool),
    long("flatten", Ty::Bool),
    short("output", 'o', Ty::Str),
];
/// The `none` flag group.
pub(crate) const NONE: &[Flag] = &[];
