//! Resource arguments (`TYPE [NAME…]`, `TYPE1,TYPE2 NAME`, `TYPE/NAME…`, `all`) with label and
//! field selectors, resolved to the objects they name, as kubectl's resource builder does.

use k8s_openapi::Metadata as _;
use serde_json::Value;

use super::ctx::{Ctx, Failure};
use super::resources::{self, ALL_CATEGORY, ApiResource};
use super::selector::{FieldSelector, LabelSelector, supported_fields};
use crate::sim::Cluster;
use crate::sim::apiserver::ApiError;
use crate::sim::apiserver::requests::{to_value, with_kind};
use crate::sim::kind::{Kind, Object};

/// One object named by the arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ObjRef {
    /// Its kind.
    pub kind: Kind,
    /// Its namespace (empty for cluster-scoped kinds).
    pub namespace: String,
    /// Its name.
    pub name: String,
}

/// How to select.
#[derive(Clone, Debug, Default)]
pub(crate) struct Query {
    /// `-A`.
    pub all_namespaces: bool,
    /// `-l`.
    pub labels: Option<String>,
    /// `--field-selector`.
    pub fields: Option<String>,
    /// A bare type lists every object (`get pods`); otherwise a name or selector is required.
    pub list_bare_types: bool,
    /// `--all`.
    pub all: bool,
}

/// What the arguments selected.
#[derive(Clone, Debug, Default)]
pub(crate) struct Selected {
    /// The objects, in kubectl's order.
    pub refs: Vec<ObjRef>,
    /// Errors for single objects (not found, not simulated), printed after the output.
    pub failures: Vec<Failure>,
    /// The kinds that were listed (for table headers and empty messages).
    pub listed: Vec<Kind>,
    /// Whether objects were named individually (no `No resources found` message then).
    pub by_name: bool,
}

enum Type {
    Sim(Kind),
    Other(&'static ApiResource),
}

fn resolve_type(arg: &str) -> Result<Vec<Type>, Failure> {
    let mut out = Vec::new();
    for part in arg.split(',').filter(|p| !p.is_empty()) {
        if part.eq_ignore_ascii_case("all") {
            out.extend(ALL_CATEGORY.iter().map(|k| Type::Sim(*k)));
            continue;
        }
        match resources::resolve(part) {
            Some(res) => match res.sim_kind() {
                Some(k) => out.push(Type::Sim(k)),
                None => out.push(Type::Other(res)),
            },
            None => {
                return Err(Failure::Plain(format!(
                    "the server doesn't have a resource type \"{part}\""
                )));
            }
        }
    }
    Ok(out)
}

/// Parses the arguments into (type, optional name) pairs, kubectl's way.
/// Resource arguments as (type, optional name) pairs, and whether names were given.
type Parsed = (Vec<(Type, Option<String>)>, bool);

fn parse(args: &[String]) -> Result<Parsed, Failure> {
    let slashes = args.iter().filter(|a| a.contains('/')).count();
    if slashes > 0 && slashes != args.len() {
        return Err(Failure::Plain("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".to_string()));
    }
    let mut pairs = Vec::new();
    if slashes > 0 {
        for a in args {
            let seg: Vec<&str> = a.split('/').collect();
            let [ty, name] = seg.as_slice() else {
                return Err(Failure::Plain(
                    "arguments in resource/name form may not have more than one slash".to_string(),
                ));
            };
            if ty.is_empty() || name.is_empty() || ty.contains(',') {
                return Err(Failure::Plain(
                    "arguments in resource/name form must have a single resource and name"
                        .to_string(),
                ));
            }
            let Some(t) = resolve_type(ty)?.into_iter().next() else {
                return Err(Failure::Plain(
                    "arguments in resource/name form must have a single resource and name"
                        .to_string(),
                ));
            };
            pairs.push((t, Some((*name).to_string())));
        }
        return Ok((pairs, true));
    }
    let Some((first, names)) = args.split_first() else {
        return Ok((pairs, false));
    };
    let types = resolve_type(first)?;
    let by_name = !names.is_empty();
    for t in types {
        if names.is_empty() {
            pairs.push((t, None));
        } else {
            for n in names {
                let t2 = match &t {
                    Type::Sim(k) => Type::Sim(*k),
                    Type::Other(r) => Type::Other(r),
                };
                pairs.push((t2, Some(n.clone())));
            }
        }
    }
    Ok((pairs, by_name))
}

fn labels_of<T: Object>(obj: &T) -> Option<&std::collections::BTreeMap<String, String>> {
    obj.metadata().labels.as_ref()
}

/// Lists the names of `kind` objects in `namespace` (all for `None`) matching the selectors.
pub(crate) fn list_matching(
    c: &Cluster,
    kind: Kind,
    namespace: Option<&str>,
    labels: &LabelSelector,
    fields: Option<&FieldSelector>,
) -> Vec<ObjRef> {
    with_kind!(kind, T => c
        .world.store
        .list::<T>(namespace)
        .filter(|o| labels.matches(labels_of(*o)))
        .filter(|o| fields.is_none_or(|f| f.matches(&to_value(*o))))
        .map(|o| ObjRef {
            kind,
            namespace: o.metadata().namespace.clone().unwrap_or_default(),
            name: o.metadata().name.clone().unwrap_or_default(),
        })
        .collect())
}

/// Whether the object exists.
pub(crate) fn exists(c: &Cluster, r: &ObjRef) -> bool {
    with_kind!(r.kind, T => c.world.store.get::<T>(&r.namespace, &r.name).is_some())
}

/// The object's resourceVersion.
pub(crate) fn version_of(c: &Cluster, r: &ObjRef) -> Option<String> {
    with_kind!(r.kind, T => c
        .world.store
        .get::<T>(&r.namespace, &r.name)
        .map(|o| o.metadata().resource_version.clone().unwrap_or_default()))
}

/// The object as JSON.
pub(crate) fn value_of(c: &Cluster, r: &ObjRef) -> Option<Value> {
    with_kind!(r.kind, T => c.world.store.get::<T>(&r.namespace, &r.name).map(to_value))
}

impl Query {
    /// The selection flags of a command that acts on objects it is given (`-A`, `-l`,
    /// `--field-selector`, `--all`): a bare type then names nothing by itself.
    pub(crate) fn from_flags(ctx: &Ctx<'_>) -> Query {
        Query {
            all_namespaces: ctx.all_namespaces(),
            labels: ctx.flags.str("selector").map(str::to_string),
            fields: ctx.flags.str("field-selector").map(str::to_string),
            list_bare_types: false,
            all: ctx.flags.bool("all"),
        }
    }

    /// The same query where a bare type lists its objects (`get pods`, `rollout history sts`).
    pub(crate) fn listing_bare_types(self) -> Query {
        Query {
            list_bare_types: true,
            ..self
        }
    }
}

/// The objects a command acts on: those of the `-f` files (`doing` names the request in
/// their errors, as kubectl's "error when deleting" does), or else the arguments with the
/// selection flags of [`Query::from_flags`].
pub(crate) fn select_from_flags(
    ctx: &Ctx<'_>,
    args: &[String],
    doing: &str,
) -> Result<Selected, Vec<Failure>> {
    select_with(ctx, args, doing, &Query::from_flags(ctx))
}

/// Like [`select_from_flags`], with a query the command adjusted (`get` lists bare types).
pub(crate) fn select_with(
    ctx: &Ctx<'_>,
    args: &[String],
    doing: &str,
    q: &Query,
) -> Result<Selected, Vec<Failure>> {
    if !ctx.flags.list("filename").is_empty() {
        return super::get::select_from_files(ctx, doing);
    }
    select(ctx, args, q)
}

/// Resolves the arguments. `Err` holds errors that stop the command before anything is done.
pub(crate) fn select(ctx: &Ctx<'_>, args: &[String], q: &Query) -> Result<Selected, Vec<Failure>> {
    let (pairs, by_name) = parse(args).map_err(|f| vec![f])?;
    let label_text = q.labels.clone().unwrap_or_default();
    let has_selector = q.labels.is_some() || q.fields.is_some() || q.all;
    if by_name && has_selector {
        let msg = if args.iter().any(|a| a.contains('/')) {
            "selectors and the all flag cannot be used when passing resource/name arguments"
        } else {
            "name cannot be provided when a selector is specified"
        };
        return Err(vec![Failure::Plain(msg.to_string())]);
    }
    let labels = LabelSelector::parse(&label_text).map_err(|e| vec![Failure::Plain(e)])?;
    let mut out = Selected {
        by_name,
        ..Selected::default()
    };
    if !by_name && !has_selector && !q.list_bare_types {
        for (t, _) in &pairs {
            if let Type::Other(res) = t {
                return Err(vec![Failure::Plain(
                    resources::not_simulated(res)
                        .trim_start_matches("error: ")
                        .to_string(),
                )]);
            }
        }
        return Err(vec![Failure::Plain(
            "resource(s) were provided, but no name was specified".to_string(),
        )]);
    }
    let c = &ctx.session.cluster;
    for (t, name) in pairs {
        let kind = match t {
            Type::Sim(k) => {
                ctx.requested(k);
                k
            }
            Type::Other(res) => {
                out.failures.push(Failure::Plain(
                    resources::not_simulated(res)
                        .trim_start_matches("error: ")
                        .to_string(),
                ));
                continue;
            }
        };
        let ns = if kind.namespaced() {
            ctx.namespace.clone()
        } else {
            String::new()
        };
        match name {
            Some(name) => {
                let r = ObjRef {
                    kind,
                    namespace: ns,
                    name: name.clone(),
                };
                if exists(c, &r) {
                    out.refs.push(r);
                } else {
                    out.failures
                        .push(Failure::Api(ApiError::not_found(kind, &name)));
                }
            }
            None => {
                let fields = match &q.fields {
                    Some(text) => Some(
                        FieldSelector::parse(text, supported_fields(kind)).map_err(|e| {
                            vec![Failure::Api(ApiError::bad_request(format!(
                                "Unable to find \"{}\" that match label selector \"{label_text}\", field selector \"{text}\": {e}",
                                gvr(kind)
                            )))]
                        })?,
                    ),
                    None => None,
                };
                let scope = if q.all_namespaces || !kind.namespaced() {
                    None
                } else {
                    Some(ns.as_str())
                };
                out.listed.push(kind);
                out.refs
                    .extend(list_matching(c, kind, scope, &labels, fields.as_ref()));
            }
        }
    }
    Ok(out)
}

/// `apps/v1, Resource=statefulsets` or `/v1, Resource=pods`, as Go prints a GroupVersionResource.
pub(crate) fn gvr(kind: Kind) -> String {
    format!("{}/v1, Resource={}", kind.group(), kind.plural())
}

/// `apps/v1, Kind=StatefulSet` or `/v1, Kind=Pod`, as Go prints a GroupVersionKind.
pub(crate) fn gvk(kind: Kind) -> String {
    format!("{}/v1, Kind={}", kind.group(), kind.name())
}
