//! Reading `-f FILE|DIR|-|URL` the way kubectl's resource builder does: paths resolve against the
//! workspace files, directories expand to their `.json`, `.yaml` and `.yml` files, each file is cut
//! into documents, and each document is mapped to a resource.

use serde_json::Value;

use super::ctx::{Ctx, Failure};
use super::resources;
use crate::manifest;
use crate::sim::api::decode::{type_meta_errors, validating_data_message};
use crate::sim::kind::Kind;

/// One object read from a file.
#[derive(Clone, Debug)]
pub(crate) struct FileObject {
    /// The name kubectl reports the file by (`web.yaml`, `STDIN`, `dir/a.yaml`).
    pub source: String,
    /// The simulated kind.
    pub kind: Kind,
    /// The namespace it goes to (empty for cluster-scoped kinds).
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// The document as read.
    pub value: Value,
}

/// Recognised file extensions when a directory is given.
const EXTENSIONS: [&str; 3] = [".json", ".yaml", ".yml"];

/// Tutorial manifests kubectl users fetch by URL, kept so that the official tutorial's
/// `kubectl apply -f https://k8s.io/examples/application/web/web.yaml` works offline.
fn known_url(url: &str) -> Option<String> {
    let tail = url
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let parallel = match tail {
        "k8s.io/examples/application/web/web.yaml"
        | "kubernetes.io/examples/application/web/web.yaml"
        | "raw.githubusercontent.com/kubernetes/website/main/content/en/examples/application/web/web.yaml" => {
            false
        }
        "k8s.io/examples/application/web/web-parallel.yaml"
        | "kubernetes.io/examples/application/web/web-parallel.yaml"
        | "raw.githubusercontent.com/kubernetes/website/main/content/en/examples/application/web/web-parallel.yaml" => {
            true
        }
        _ => return None,
    };
    let policy = if parallel {
        "\n  podManagementPolicy: \"Parallel\""
    } else {
        ""
    };
    Some(format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  labels:\n    app: nginx\nspec:\n  ports:\n  - port: 80\n    name: web\n  clusterIP: None\n  selector:\n    app: nginx\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: \"nginx\"{policy}\n  replicas: 2\n  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: registry.k8s.io/nginx-slim:0.24\n        ports:\n        - containerPort: 80\n          name: web\n        volumeMounts:\n        - name: www\n          mountPath: /usr/share/nginx/html\n  volumeClaimTemplates:\n  - metadata:\n      name: www\n    spec:\n      accessModes: [ \"ReadWriteOnce\" ]\n      resources:\n        requests:\n          storage: 1Gi\n"
    ))
}

/// The texts named by `-f`: `(source, text)` pairs in kubectl's order, or the builder's errors.
fn sources(ctx: &Ctx<'_>, names: &[String]) -> Result<Vec<(String, String)>, Vec<Failure>> {
    let recursive = ctx.flags.bool("recursive");
    let mut out = Vec::new();
    let mut errs = Vec::new();
    let stdin_uses = names.iter().filter(|n| *n == "-").count();
    if stdin_uses > 1 {
        return Err(vec![Failure::Plain(
            "standard input cannot be used for multiple arguments".to_string(),
        )]);
    }
    for name in names {
        if name == "-" {
            out.push(("STDIN".to_string(), ctx.stdin.to_string()));
            continue;
        }
        if super::lookup::is_url(name) {
            match known_url(name) {
                Some(text) => out.push((name.clone(), text)),
                None => errs.push(Failure::Plain(format!(
                    "unable to read URL \"{name}\", server reported 404 Not Found, status code=404 (the playground has no network; put the manifest in a file of the workspace)"
                ))),
            }
            continue;
        }
        let abs = super::lookup::file_path(ctx.cwd, name);
        if let Some(text) = ctx.session.files.get(&abs) {
            out.push((name.clone(), text.clone()));
            continue;
        }
        let dir_prefix = if abs == "/" {
            "/".to_string()
        } else {
            format!("{abs}/")
        };
        let in_dir: Vec<(&String, &String)> = ctx
            .session
            .files
            .iter()
            .filter(|(p, _)| p.starts_with(&dir_prefix))
            .collect();
        if in_dir.is_empty() {
            errs.push(Failure::Plain(format!(
                "the path \"{name}\" does not exist"
            )));
            continue;
        }
        let before = out.len();
        for (path, text) in in_dir {
            let rel = path.get(dir_prefix.len()..).unwrap_or("");
            if (!recursive && rel.contains('/')) || !EXTENSIONS.iter().any(|e| rel.ends_with(e)) {
                continue;
            }
            let shown = format!("{}/{rel}", name.trim_end_matches('/'));
            out.push((shown, text.clone()));
        }
        if out.len() == before {
            errs.push(Failure::Plain(format!(
                "error reading [{name}]: recognized file extensions are [.json .yaml .yml]"
            )));
        }
    }
    if errs.is_empty() { Ok(out) } else { Err(errs) }
}

/// Reads every object of the `-f` files. Read errors stop everything (as the builder does);
/// parse and mapping errors are collected in order and the other objects are still returned.
pub(crate) fn read_objects(
    ctx: &Ctx<'_>,
) -> Result<Vec<Result<FileObject, Failure>>, Vec<Failure>> {
    let names = ctx.flags.list("filename");
    let texts = sources(ctx, &names)?;
    let validate = ctx.flags.str("validate").unwrap_or("strict");
    let check_types = !matches!(validate, "false" | "ignore");
    let mut items = Vec::new();
    for (source, text) in texts {
        let parsed = manifest::parse(&text);
        for doc in parsed.objects() {
            let Some(value) = doc.value.clone() else {
                continue;
            };
            let item = map_object(ctx, &source, value, check_types);
            if let Ok(obj) = &item {
                ctx.requested(obj.kind);
            }
            items.push(item);
        }
        if let Some(diag) = parsed.kubectl_error() {
            let detail = diag.kubectl.clone().unwrap_or_else(|| diag.message.clone());
            items.push(Err(Failure::Plain(format!(
                "error parsing {source}: {detail}"
            ))));
        }
    }
    Ok(items)
}

fn map_object(
    ctx: &Ctx<'_>,
    source: &str,
    value: Value,
    check_types: bool,
) -> Result<FileObject, Failure> {
    let type_errs = type_meta_errors(&value);
    if !type_errs.is_empty() {
        if check_types {
            return Err(Failure::Plain(validating_data_message(source, &type_errs)));
        }
        return Err(Failure::Plain(format!(
            "unable to decode \"{source}\": Object 'Kind' is missing in '{}'",
            crate::gofmt::json::marshal(&value)
        )));
    }
    let text = |p: &str| {
        value
            .pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (api_version, kind_name) = (text("/apiVersion"), text("/kind"));
    let name = text("/metadata/name");
    let file_ns = text("/metadata/namespace");
    let Some(res) = resources::by_type(&api_version, &kind_name) else {
        return Err(Failure::Plain(format!(
            "resource mapping not found for name: \"{name}\" namespace: \"{file_ns}\" from \"{source}\": no matches for kind \"{kind_name}\" in version \"{api_version}\"\nensure CRDs are installed first"
        )));
    };
    let Some(kind) = res.sim_kind() else {
        return Err(Failure::Plain(
            resources::not_simulated(res)
                .trim_start_matches("error: ")
                .to_string(),
        ));
    };
    let namespace = if !kind.namespaced() {
        String::new()
    } else if file_ns.is_empty() {
        ctx.namespace.clone()
    } else if ctx.explicit_namespace && file_ns != ctx.namespace {
        return Err(Failure::Plain(format!(
            "the namespace from the provided object \"{file_ns}\" does not match the namespace \"{}\". You must pass '--namespace={file_ns}' to perform this operation.",
            ctx.namespace
        )));
    } else {
        file_ns
    };
    Ok(FileObject {
        source: source.to_string(),
        kind,
        namespace,
        name,
        value,
    })
}
