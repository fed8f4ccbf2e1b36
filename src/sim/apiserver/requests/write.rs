//! Create, update and patch: decode → defaults → validation → the typed store write.

use k8s_openapi::Resource;
use serde_json::Value;

use super::rules::Rules;
use super::{FieldValidation, PatchType, Response, WriteOptions, to_value, with_kind};
use crate::sim::Cluster;
use crate::sim::api::decode::{decode, strict_error_text, unknown_field_warnings, version_of};
use crate::sim::api::field_error::{FieldError, invalid_message};
use crate::sim::api::json_patch::{JsonPatchError, apply_json_patch};
use crate::sim::api::merge_patch::apply_merge_patch;
use crate::sim::api::strategic::strategic_merge_patch;
use crate::sim::apiserver::ApiError;
use crate::sim::kind::Kind;

/// Whether a body came as a whole object or as the result of a patch (their decode errors differ).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Body,
    Patch,
}

/// Creates the object in `body` (a JSON object with apiVersion and kind) in `namespace`.
pub fn create(
    c: &mut Cluster,
    body: &Value,
    namespace: &str,
    opts: &WriteOptions,
) -> Result<Response, ApiError> {
    let kind = kind_of_body(body)?;
    let saved = c.world.rng.clone();
    let result = with_kind!(kind, T => create_typed::<T>(c, body, namespace, opts));
    if result.is_err() || opts.dry_run {
        c.world.rng = saved;
    }
    result
}

/// Replaces the stored object named in `body` (PUT); a `metadata.resourceVersion` in the body
/// must match the stored one.
pub fn update(
    c: &mut Cluster,
    body: &Value,
    namespace: &str,
    opts: &WriteOptions,
) -> Result<Response, ApiError> {
    let kind = kind_of_body(body)?;
    with_kind!(kind, T => update_typed::<T>(c, body, namespace, opts, Source::Body))
}

/// Applies a patch to the stored object and writes the result through the update rules.
pub fn patch(
    c: &mut Cluster,
    kind: Kind,
    namespace: &str,
    name: &str,
    patch_type: PatchType,
    patch: &Value,
    opts: &WriteOptions,
) -> Result<Response, ApiError> {
    let ns = if kind.namespaced() { namespace } else { "" };
    with_kind!(kind, T => patch_typed::<T>(c, ns, name, patch_type, patch, opts))
}

fn kind_of_body(body: &Value) -> Result<Kind, ApiError> {
    let text = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or("");
    Kind::from_type(text("apiVersion"), text("kind")).ok_or_else(|| ApiError {
        code: 404,
        reason: "NotFound",
        message: "the server could not find the requested resource".to_string(),
    })
}

fn invalid<T: Resource>(name: &str, errs: &[FieldError]) -> ApiError {
    ApiError::invalid(invalid_message(T::KIND, name, errs))
}

/// Decodes a body, applying the unknown-field policy.
fn decode_body<T: Rules + Resource>(
    body: &Value,
    opts: &WriteOptions,
    source: Source,
) -> Result<(T, Vec<String>), ApiError> {
    let version = version_of(T::API_VERSION);
    let decoded = decode::<T>(body).map_err(|e| match source {
        Source::Body => ApiError::bad_request(e.server_message(T::KIND, version)),
        Source::Patch => ApiError::invalid(format!(
            "The request is invalid: patch: Invalid value: \"{}\": {}",
            crate::gofmt::value::sprint(body),
            e.message()
        )),
    })?;
    let mut warnings = Vec::new();
    if !decoded.unknown_fields.is_empty() {
        match opts.field_validation {
            FieldValidation::Strict => {
                let text = strict_error_text(&decoded.unknown_fields);
                return Err(ApiError::bad_request(match source {
                    Source::Body => {
                        crate::sim::api::decode::cannot_handle_message(T::KIND, version, &text)
                    }
                    Source::Patch => text,
                }));
            }
            FieldValidation::Warn => warnings = unknown_field_warnings(&decoded.unknown_fields),
            FieldValidation::Ignore => {}
        }
    }
    Ok((decoded.object, warnings))
}

/// Puts the request namespace on the object; a different one in the body is refused.
fn set_namespace<T: Rules>(obj: &mut T, namespace: &str) -> Result<(), ApiError> {
    let meta = obj.metadata_mut();
    if !T::SIM_KIND.namespaced() {
        meta.namespace = None;
        return Ok(());
    }
    match meta.namespace.as_deref() {
        Some(ns) if !ns.is_empty() && ns != namespace => Err(ApiError::bad_request(
            "the namespace of the provided object does not match the namespace sent on the request"
                .to_string(),
        )),
        _ => {
            meta.namespace = Some(namespace.to_string());
            Ok(())
        }
    }
}

fn check_namespace(c: &Cluster, kind: Kind, name: &str, namespace: &str) -> Result<(), ApiError> {
    if !kind.namespaced() {
        return Ok(());
    }
    use k8s_openapi::api::core::v1::Namespace;
    match c.world.store.get::<Namespace>("", namespace) {
        None => Err(ApiError::namespace_not_found(namespace)),
        Some(n) if n.metadata.deletion_timestamp.is_some() => {
            Err(ApiError::namespace_terminating(kind, name, namespace))
        }
        Some(_) => Ok(()),
    }
}

fn create_typed<T: Rules + Resource>(
    c: &mut Cluster,
    body: &Value,
    namespace: &str,
    opts: &WriteOptions,
) -> Result<Response, ApiError> {
    let (mut obj, mut warnings) = decode_body::<T>(body, opts, Source::Body)?;
    set_namespace(&mut obj, namespace)?;
    let meta = obj.metadata_mut();
    if meta
        .resource_version
        .as_deref()
        .is_some_and(|v| !v.is_empty())
    {
        return Err(ApiError::bad_request(
            "resourceVersion should not be set on objects to be created".to_string(),
        ));
    }
    if meta.name.as_deref().unwrap_or("").is_empty()
        && let Some(prefix) = meta.generate_name.clone().filter(|g| !g.is_empty())
    {
        meta.name = Some(format!("{prefix}{}", c.world.rng.suffix(5)));
    }
    meta.uid = None;
    meta.creation_timestamp = None;
    meta.deletion_timestamp = None;
    meta.deletion_grace_period_seconds = None;
    meta.generation = None;
    meta.managed_fields = None;
    meta.self_link = None;
    let name = meta.name.clone().unwrap_or_default();
    T::default(&mut obj);
    T::prepare_create(&mut obj);
    check_namespace(c, T::SIM_KIND, &name, namespace)?;
    T::allocate(c, &mut obj);
    let errs = T::validate(&obj, body);
    if !errs.is_empty() {
        return Err(invalid::<T>(&name, &errs));
    }
    warnings.extend(T::warnings(&obj));
    if opts.dry_run {
        if c.world.store.get::<T>(namespace, &name).is_some() {
            return Err(ApiError::already_exists(T::SIM_KIND, &name));
        }
        return Ok(Response {
            object: to_value(&obj),
            warnings,
        });
    }
    let stored = c.create(obj)?;
    Ok(Response {
        object: to_value(&stored),
        warnings,
    })
}

fn conflict(kind: Kind, name: &str) -> ApiError {
    ApiError {
        code: 409,
        reason: "Conflict",
        message: format!(
            "Operation cannot be fulfilled on {} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            kind.qualified_plural()
        ),
    }
}

fn update_typed<T: Rules + Resource>(
    c: &mut Cluster,
    body: &Value,
    namespace: &str,
    opts: &WriteOptions,
    source: Source,
) -> Result<Response, ApiError> {
    let (mut obj, mut warnings) = decode_body::<T>(body, opts, source)?;
    set_namespace(&mut obj, namespace)?;
    let name = obj.metadata().name.clone().unwrap_or_default();
    let ns = if T::SIM_KIND.namespaced() {
        namespace
    } else {
        ""
    };
    let Some(old) = c.world.store.get::<T>(ns, &name).cloned() else {
        return Err(ApiError::not_found(T::SIM_KIND, &name));
    };
    let sent_version = obj.metadata().resource_version.clone().unwrap_or_default();
    if !sent_version.is_empty() && Some(&sent_version) != old.metadata().resource_version.as_ref() {
        return Err(conflict(T::SIM_KIND, &name));
    }
    T::default(&mut obj);
    T::prepare_update(&mut obj, &old);
    {
        let (meta, old_meta) = (obj.metadata_mut(), old.metadata());
        if meta.uid.as_deref().unwrap_or("").is_empty() {
            meta.uid = old_meta.uid.clone();
        }
        meta.creation_timestamp = old_meta.creation_timestamp.clone();
        meta.generation = old_meta.generation;
        meta.deletion_timestamp = old_meta.deletion_timestamp.clone();
        meta.deletion_grace_period_seconds = old_meta.deletion_grace_period_seconds;
        meta.resource_version = old_meta.resource_version.clone();
        meta.managed_fields = None;
    }
    let errs = T::validate_update(&obj, &old);
    if !errs.is_empty() {
        return Err(invalid::<T>(&name, &errs));
    }
    T::admit_update(c, &obj, &old)?;
    warnings.extend(T::warnings(&obj));
    if opts.dry_run {
        return Ok(Response {
            object: to_value(&obj),
            warnings,
        });
    }
    let stored = c.update(obj)?;
    Ok(Response {
        object: to_value(&stored),
        warnings,
    })
}

fn patch_typed<T: Rules + Resource>(
    c: &mut Cluster,
    namespace: &str,
    name: &str,
    patch_type: PatchType,
    patch: &Value,
    opts: &WriteOptions,
) -> Result<Response, ApiError> {
    let Some(old) = c.world.store.get::<T>(namespace, name) else {
        return Err(ApiError::not_found(T::SIM_KIND, name));
    };
    let current = to_value(old);
    let patched = match patch_type {
        PatchType::Strategic => strategic_merge_patch(&current, patch, T::KIND)
            .map_err(|e| ApiError::bad_request(e.0))?,
        PatchType::Merge => {
            apply_merge_patch(&current, patch).map_err(|e| ApiError::bad_request(e.to_string()))?
        }
        PatchType::Json => apply_json_patch(&current, patch).map_err(|e| match e {
            JsonPatchError::Decode(m) => ApiError::bad_request(m),
            JsonPatchError::Apply(_) => ApiError::invalid(e.kubectl_message()),
        })?,
    };
    let patched_name = patched
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    if patched_name != name {
        return Err(ApiError::bad_request(format!(
            "the name of the object ({patched_name}) does not match the name on the URL ({name})"
        )));
    }
    let mut body = patched;
    // The patched object keeps the kind and version of the stored one.
    if let Value::Object(m) = &mut body {
        m.insert("apiVersion".into(), Value::from(T::API_VERSION));
        m.insert("kind".into(), Value::from(T::KIND));
    }
    update_typed::<T>(c, &body, namespace, opts, Source::Patch)
}
