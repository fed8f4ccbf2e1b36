//! `kubectl apply -f FILE` over a workspace file: parse, decode strictly, default, validate, then
//! create or replace the stored object. A stand-in for the full apply (no three-way merge).

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Namespace, PersistentVolume, PersistentVolumeClaim, Service};
use serde_json::Value;

use super::{Session, flag, workspace_path};
use crate::manifest;
use crate::sim::api::{decode, defaults, field_error, validation, validation_service};
use crate::sim::api::{validation_meta, validation_storage};
use crate::sim::kind::{Kind, Object};

/// Runs `kubectl apply` with the given arguments (after `apply`).
pub fn run(session: &mut Session, args: &[String]) -> String {
    let Some(file) = flag(args, &["-f", "--filename"]) else {
        return "error: must specify one of -f and -k\n".to_string();
    };
    let path = workspace_path(&file);
    let Some(text) = session.files.get(&path).cloned() else {
        return format!("error: the path \"{file}\" does not exist\n");
    };
    let parsed = manifest::parse(&text);
    let mut out = String::new();
    for doc in parsed.objects() {
        if let Some(value) = &doc.value {
            out.push_str(&apply_value(session, value, &file));
        }
    }
    if let Some(kubectl) = parsed.kubectl_error().and_then(|d| d.kubectl.as_ref()) {
        out.push_str(&format!("error: error parsing {file}: {kubectl}\n"));
    }
    if out.is_empty() {
        out.push_str("error: no objects passed to apply\n");
    }
    out
}

/// Applies one document; returns the line kubectl prints for it.
fn apply_value(session: &mut Session, value: &Value, file: &str) -> String {
    let type_errors = decode::type_meta_errors(value);
    if !type_errors.is_empty() {
        return format!(
            "error: {}\n",
            decode::validating_data_message(file, &type_errors)
        );
    }
    let api_version = value
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or("");
    let kind_name = value.get("kind").and_then(Value::as_str).unwrap_or("");
    let name = value
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    let Some(kind) = Kind::from_type(api_version, kind_name) else {
        return format!(
            "error: resource mapping not found for name: \"{name}\" namespace: \"\" from \"{file}\": \
             no matches for kind \"{kind_name}\" in version \"{api_version}\"\n\
             ensure CRDs are installed first\n"
        );
    };
    let namespace = session.namespace.clone();
    let ctx = Ctx {
        session,
        value,
        file,
        namespace: &namespace,
    };
    match kind {
        Kind::StatefulSet => ctx.apply::<StatefulSet>(
            defaults::default_statefulset,
            validation::validate_statefulset,
            |old, new| {
                let mut merged = old.clone();
                merged.metadata.labels = new.metadata.labels.clone();
                merged.metadata.annotations = new.metadata.annotations.clone();
                merged.spec = new.spec.clone();
                merged
            },
            validation::validate_statefulset_update,
        ),
        Kind::Service => ctx.apply::<Service>(
            |svc| {
                defaults::default_service(svc);
                defaults::allocate_service_ips(svc, "10.96.0.10");
            },
            |new, _| validation_service::validate_service(new),
            |old, new| {
                let mut merged = old.clone();
                merged.metadata.labels = new.metadata.labels.clone();
                merged.metadata.annotations = new.metadata.annotations.clone();
                merged.spec = new.spec.clone();
                if let (Some(merged_spec), Some(old_spec)) = (merged.spec.as_mut(), &old.spec) {
                    merged_spec.cluster_ip = old_spec.cluster_ip.clone();
                    merged_spec.cluster_ips = old_spec.cluster_ips.clone();
                    merged_spec.ip_families = old_spec.ip_families.clone();
                    merged_spec.ip_family_policy = old_spec.ip_family_policy.clone();
                }
                merged
            },
            validation_service::validate_service_update,
        ),
        Kind::PersistentVolumeClaim => ctx.apply::<PersistentVolumeClaim>(
            defaults::default_pvc,
            |new, _| validation_storage::validate_pvc(new),
            |old, new| {
                let mut merged = old.clone();
                merged.metadata.labels = new.metadata.labels.clone();
                merged.metadata.annotations = new.metadata.annotations.clone();
                merged
            },
            |_, _| Vec::new(),
        ),
        Kind::PersistentVolume => ctx.apply::<PersistentVolume>(
            defaults::default_pv,
            |new, _| validation_storage::validate_pv(new),
            |old, new| {
                let mut merged = old.clone();
                merged.metadata.labels = new.metadata.labels.clone();
                merged.metadata.annotations = new.metadata.annotations.clone();
                merged
            },
            |_, _| Vec::new(),
        ),
        Kind::Namespace => ctx.apply::<Namespace>(
            defaults::default_namespace,
            |new, _| {
                validation_meta::validate_object_meta(
                    &new.metadata,
                    false,
                    validation_meta::NameRule::Dns1123Label,
                    &crate::sim::api::field_path::FieldPath::new("metadata"),
                )
            },
            |old, new| {
                let mut merged = old.clone();
                merged.metadata.labels = new.metadata.labels.clone();
                merged
            },
            |_, _| Vec::new(),
        ),
        other => format!(
            "The playground's stand-in apply does not create {} objects yet.\n",
            other.name()
        ),
    }
}

/// What one apply needs to know.
struct Ctx<'a> {
    session: &'a mut Session,
    value: &'a Value,
    file: &'a str,
    namespace: &'a str,
}

impl Ctx<'_> {
    /// Decodes, defaults and validates the document as `T`, then creates or replaces it.
    fn apply<T: Object + PartialEq>(
        self,
        prepare: impl Fn(&mut T),
        validate_new: impl Fn(&T, &Value) -> Vec<field_error::FieldError>,
        merge: impl Fn(&T, &T) -> T,
        validate_update: impl Fn(&T, &T) -> Vec<field_error::FieldError>,
    ) -> String {
        let kind = T::SIM_KIND;
        let version = decode::version_of(kind.api_version());
        let decoded = match decode::decode::<T>(self.value) {
            Ok(decoded) => decoded,
            Err(e) => {
                return format!(
                    "Error from server (BadRequest): error when creating \"{}\": {}\n",
                    self.file,
                    e.server_message(kind.name(), version)
                );
            }
        };
        if !decoded.unknown_fields.is_empty() {
            return format!(
                "Error from server (BadRequest): error when creating \"{}\": {}\n",
                self.file,
                decode::unknown_fields_message(kind.name(), version, &decoded.unknown_fields)
            );
        }
        let mut object = decoded.object;
        if kind.namespaced() && object.metadata().namespace.is_none() {
            object.metadata_mut().namespace = Some(self.namespace.to_string());
        }
        prepare(&mut object);
        let name = object.metadata().name.clone().unwrap_or_default();
        let namespace = object.metadata().namespace.clone().unwrap_or_default();
        let label = format!(
            "{}/{name}",
            crate::kubectl::print::kinds::group_kind_lower(kind.name(), kind.group())
        );
        let cluster = &mut self.session.cluster;
        let existing = cluster.store.get::<T>(&namespace, &name).cloned();
        match existing {
            None => {
                let errors = validate_new(&object, self.value);
                if !errors.is_empty() {
                    return format!(
                        "{}\n",
                        field_error::invalid_message(kind.name(), &name, &errors)
                    );
                }
                match cluster.create(object) {
                    Ok(_) => format!("{label} created\n"),
                    Err(e) => format!("{e}\n"),
                }
            }
            Some(old) => {
                let merged = merge(&old, &object);
                let errors = validate_update(&merged, &old);
                if !errors.is_empty() {
                    return format!(
                        "{}\n",
                        field_error::invalid_message(kind.name(), &name, &errors)
                    );
                }
                if merged == old {
                    return format!("{label} unchanged\n");
                }
                match cluster.update(merged) {
                    Ok(_) => format!("{label} configured\n"),
                    Err(e) => format!("{e}\n"),
                }
            }
        }
    }
}
