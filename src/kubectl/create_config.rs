//! `kubectl create configmap` and `kubectl create secret generic` (kubectl
//! `pkg/cmd/create/create_configmap.go`, `create_secret.go`; `pkg/util/util.go` for the sources,
//! `pkg/cmd/util/env_file.go` for env files). Files come from the workspace, as `-f` files do.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::Run;
use super::apply_common::{
    DryRun, dry_run, print_result, print_written, validation, with_last_applied,
};
use super::ctx::Ctx;
use super::get_output::mode;
use crate::sim::api::names::is_env_var_name;
use crate::sim::api::validation_config::is_config_map_key;
use crate::sim::apiserver::requests::{self, WriteOptions};
use crate::sim::kind::Kind;

/// Which object the command builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    ConfigMap,
    Secret,
}

/// `kubectl create configmap NAME [--from-file] [--from-literal] [--from-env-file]`.
pub(crate) fn create_configmap(ctx: &mut Ctx<'_>) -> Option<Run> {
    run(ctx, Target::ConfigMap);
    None
}

/// `kubectl create secret generic NAME [--type] [--from-file] [--from-literal] [--from-env-file]`.
pub(crate) fn create_secret_generic(ctx: &mut Ctx<'_>) -> Option<Run> {
    run(ctx, Target::Secret);
    None
}

fn run(ctx: &mut Ctx<'_>, target: Target) {
    let args = ctx.flags.args.clone();
    let [name] = args.as_slice() else {
        ctx.usage(&format!("exactly one NAME is required, got {}", args.len()));
        return;
    };
    let flags = (|| Ok::<_, String>((dry_run(ctx)?, validation(ctx)?, mode(ctx, false)?)))();
    let (dry, field_validation, out_mode) = match flags {
        Ok(f) => f,
        Err(e) => return ctx.fail(&e),
    };
    let files = ctx.flags.list("from-file");
    let literals = ctx.flags.list("from-literal");
    let env_files = ctx.flags.list("from-env-file");
    if !env_files.is_empty() && (!files.is_empty() || !literals.is_empty()) {
        return ctx.fail("from-env-file cannot be combined with from-file or from-literal");
    }
    let mut bag = Bag {
        target,
        name: name.clone(),
        data: BTreeMap::new(),
        binary: BTreeMap::new(),
    };
    // A Secret takes its literals first, a ConfigMap its files first (createSecret, createConfigMap).
    let built = match target {
        Target::Secret => bag
            .literals(&literals)
            .and_then(|()| bag.files(ctx, &files))
            .and_then(|()| bag.env_files(ctx, &env_files)),
        Target::ConfigMap => bag
            .files(ctx, &files)
            .and_then(|()| bag.literals(&literals))
            .and_then(|()| bag.env_files(ctx, &env_files)),
    };
    if let Err(e) = built {
        return ctx.fail(&e);
    }
    let mut body = bag.object(ctx.explicit_namespace.then_some(ctx.namespace.as_str()));
    // `--type` is sent as given; the server defaults an empty type to Opaque.
    if let Some(ty) = ctx.flags.str("type").filter(|t| !t.is_empty())
        && let Value::Object(m) = &mut body
    {
        m.insert("type".into(), Value::from(ty));
    }
    if ctx.flags.bool("save-config") {
        body = with_last_applied(&body);
    }
    let kind = match target {
        Target::ConfigMap => Kind::ConfigMap,
        Target::Secret => Kind::Secret,
    };
    if dry == DryRun::Client {
        print_result(ctx, &out_mode, kind, name, Some(body), "created", dry);
        return;
    }
    let opts = WriteOptions {
        field_validation,
        dry_run: dry == DryRun::Server,
    };
    let namespace = ctx.namespace.clone();
    match requests::create(&mut ctx.session.cluster, &body, &namespace, &opts) {
        Ok(resp) => print_written(ctx, &out_mode, kind, name, resp, "created", dry),
        // The command wraps the server's answer in its own words.
        Err(e) => ctx.fail(&match target {
            Target::ConfigMap => format!("failed to create configmap: {}", e.status_message()),
            Target::Secret => format!("failed to create secret {}", e.status_message()),
        }),
    }
}

/// The keys gathered so far.
struct Bag {
    target: Target,
    name: String,
    data: BTreeMap<String, Vec<u8>>,
    binary: BTreeMap<String, Vec<u8>>,
}

impl Bag {
    /// addKeyFromLiteralToConfigMap / addKeyFromLiteralToSecret.
    fn add(&mut self, key: &str, value: Vec<u8>) -> Result<(), String> {
        let errs = is_config_map_key(key);
        match self.target {
            Target::ConfigMap => {
                if !errs.is_empty() {
                    return Err(format!(
                        "{} is not a valid key name for a ConfigMap: {}",
                        crate::gofmt::quote::quote(key),
                        errs.join(",")
                    ));
                }
                let name = crate::gofmt::quote::quote(&self.name);
                let quoted = crate::gofmt::quote::quote(key);
                if self.data.contains_key(key) {
                    return Err(format!(
                        "cannot add key {quoted}, another key by that name already exists in Data for ConfigMap {name}"
                    ));
                }
                if self.binary.contains_key(key) {
                    return Err(format!(
                        "cannot add key {quoted}, another key by that name already exists in BinaryData for ConfigMap {name}"
                    ));
                }
                // Text goes to data; bytes that are not UTF-8 go to binaryData.
                if std::str::from_utf8(&value).is_ok() {
                    self.data.insert(key.to_string(), value);
                } else {
                    self.binary.insert(key.to_string(), value);
                }
            }
            Target::Secret => {
                if !errs.is_empty() {
                    return Err(format!(
                        "{} is not valid key name for a Secret {}",
                        crate::gofmt::quote::quote(key),
                        errs.join(";")
                    ));
                }
                if self.data.contains_key(key) {
                    return Err(format!(
                        "cannot add key {key}, another key by that name already exists"
                    ));
                }
                self.data.insert(key.to_string(), value);
            }
        }
        Ok(())
    }

    /// `--from-literal=key=value` (ParseLiteralSource).
    fn literals(&mut self, sources: &[String]) -> Result<(), String> {
        for source in sources {
            // A leading `=` or none at all is refused; the value may hold more `=`.
            let parsed = source.split_once('=').filter(|_| !source.starts_with('='));
            let Some((key, value)) = parsed else {
                return Err(format!(
                    "invalid literal source {source}, expected key=value"
                ));
            };
            self.add(key, value.as_bytes().to_vec())?;
        }
        Ok(())
    }

    /// `--from-file=[key=]path`: a file under its base name or the given key; a folder adds each
    /// file directly inside it (ParseFileSource, handle*FromFileSources).
    fn files(&mut self, ctx: &Ctx<'_>, sources: &[String]) -> Result<(), String> {
        for source in sources {
            let (key, path) = parse_file_source(source)?;
            let abs = super::lookup::file_path(ctx.cwd, &path);
            if let Some(text) = ctx.session.files.get(&abs) {
                self.add(&key, text.as_bytes().to_vec())?;
                continue;
            }
            let prefix = format!("{}/", abs.trim_end_matches('/'));
            let inside: Vec<(String, String)> = ctx
                .session
                .files
                .iter()
                .filter_map(|(p, t)| {
                    let rest = p.strip_prefix(&prefix)?;
                    (!rest.contains('/')).then(|| (rest.to_string(), t.clone()))
                })
                .collect();
            let is_dir = ctx.session.files.keys().any(|p| p.starts_with(&prefix));
            if !is_dir {
                return Err(format!("error reading {path}: no such file or directory"));
            }
            if source.contains('=') {
                return Err("cannot give a key name for a directory path".to_string());
            }
            for (name, text) in inside {
                self.add(&name, text.into_bytes())?;
            }
        }
        Ok(())
    }

    /// `--from-env-file=path`: `KEY=value` lines; blank lines and `#` comments are skipped
    /// (AddFromEnvFile). A line without `=` takes the variable from kubectl's environment,
    /// which is empty here.
    fn env_files(&mut self, ctx: &Ctx<'_>, sources: &[String]) -> Result<(), String> {
        for path in sources {
            let abs = super::lookup::file_path(ctx.cwd, path);
            let Some(text) = ctx.session.files.get(&abs) else {
                let prefix = format!("{}/", abs.trim_end_matches('/'));
                if ctx.session.files.keys().any(|p| p.starts_with(&prefix)) {
                    return Err(match self.target {
                        Target::ConfigMap => "env config file cannot be a directory",
                        Target::Secret => "env secret file cannot be a directory",
                    }
                    .to_string());
                }
                return Err(format!("error reading {path}: no such file or directory"));
            };
            for (i, line) in text.lines().enumerate() {
                let line = if i == 0 {
                    line.trim_start_matches('\u{feff}')
                } else {
                    line
                };
                let line = line.trim_start();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let (key, value) = line.split_once('=').unwrap_or((line, ""));
                let errs = is_env_var_name(key);
                if !errs.is_empty() {
                    return Err(format!(
                        "{} is not a valid key name: {}",
                        crate::gofmt::quote::quote(key),
                        errs.join(";")
                    ));
                }
                self.add(key, value.as_bytes().to_vec())?;
            }
        }
        Ok(())
    }

    /// The object as the command sends it (namespace only when `-n` was given).
    fn object(&self, namespace: Option<&str>) -> Value {
        let mut meta = Map::new();
        meta.insert("name".into(), Value::from(self.name.clone()));
        if let Some(ns) = namespace {
            meta.insert("namespace".into(), Value::from(ns));
        }
        // ByteString serialises as the API does: standard base64.
        let b64 = |v: &Vec<u8>| {
            serde_json::to_value(k8s_openapi::ByteString(v.clone())).unwrap_or(Value::Null)
        };
        let mut obj = match self.target {
            Target::ConfigMap => json!({"apiVersion": "v1", "kind": "ConfigMap"}),
            Target::Secret => json!({"apiVersion": "v1", "kind": "Secret"}),
        };
        let Value::Object(m) = &mut obj else {
            return obj;
        };
        m.insert("metadata".into(), Value::Object(meta));
        match self.target {
            Target::ConfigMap => {
                if !self.data.is_empty() {
                    let data: Map<String, Value> = self
                        .data
                        .iter()
                        .map(|(k, v)| (k.clone(), Value::from(String::from_utf8_lossy(v))))
                        .collect();
                    m.insert("data".into(), Value::Object(data));
                }
                if !self.binary.is_empty() {
                    let bin: Map<String, Value> = self
                        .binary
                        .iter()
                        .map(|(k, v)| (k.clone(), b64(v)))
                        .collect();
                    m.insert("binaryData".into(), Value::Object(bin));
                }
            }
            Target::Secret => {
                if !self.data.is_empty() {
                    let data: Map<String, Value> =
                        self.data.iter().map(|(k, v)| (k.clone(), b64(v))).collect();
                    m.insert("data".into(), Value::Object(data));
                }
            }
        }
        obj
    }
}

/// ParseFileSource: `path` (key = base name), `key=path`, or an error for stray `=`.
fn parse_file_source(source: &str) -> Result<(String, String), String> {
    match source.matches('=').count() {
        0 => {
            let trimmed = source.trim_end_matches('/');
            let base = trimmed.rsplit('/').next().unwrap_or(trimmed);
            let base = if base.is_empty() { "/" } else { base };
            Ok((base.to_string(), source.to_string()))
        }
        1 if source.starts_with('=') => Err(format!(
            "key name for file path {} missing",
            source.trim_start_matches('=')
        )),
        1 if source.ends_with('=') => Err(format!(
            "file path for key name {} missing",
            source.trim_end_matches('=')
        )),
        1 => {
            let (k, p) = source.split_once('=').unwrap_or((source, ""));
            Ok((k.to_string(), p.to_string()))
        }
        _ => Err("key names or file paths cannot contain '='".to_string()),
    }
}

/// The workspace paths `--from-file` and `--from-env-file` sources name, for the host to load.
pub(crate) fn source_paths(files: &[String], env_files: &[String]) -> Vec<String> {
    files
        .iter()
        .filter_map(|s| parse_file_source(s).ok().map(|(_, p)| p))
        .chain(env_files.iter().cloned())
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse_file_source;

    #[test]
    fn file_sources_parse_as_parse_file_source_does() {
        assert_eq!(
            parse_file_source("conf/app.properties"),
            Ok(("app.properties".into(), "conf/app.properties".into()))
        );
        assert_eq!(
            parse_file_source("k=conf/a"),
            Ok(("k".into(), "conf/a".into()))
        );
        assert_eq!(
            parse_file_source("=a"),
            Err("key name for file path a missing".into())
        );
        assert_eq!(
            parse_file_source("k="),
            Err("file path for key name k missing".into())
        );
        assert_eq!(
            parse_file_source("a=b=c"),
            Err("key names or file paths cannot contain '='".into())
        );
    }
}
