//! ConfigMap and Secret validation and defaults (`pkg/apis/core/validation/validation.go`:
//! ValidateConfigMap, ValidateConfigMapUpdate, ValidateSecret, ValidateSecretUpdate;
//! `pkg/apis/core/v1/defaults.go`: SetDefaults_Secret; `pkg/apis/core/v1/conversion.go`:
//! stringData merged into data).

use std::collections::BTreeMap;

use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::{ConfigMap, Secret};

use super::field_error::FieldError;
use super::field_path::FieldPath;
use super::names::{max_len_chars, regex_error};
use super::validation_meta::{NameRule, validate_object_meta, validate_object_meta_update};

/// `core.MaxSecretSize`: the most bytes a ConfigMap's or a Secret's values may hold together.
const MAX_SIZE: usize = 1024 * 1024;

const IMMUTABLE_SET: &str = "field is immutable when `immutable` is set";

/// `validation.IsConfigMapKey`: a key of a ConfigMap or Secret (also a file name in a volume).
pub fn is_config_map_key(key: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if key.len() > 253 {
        errs.push(max_len_chars(253));
    }
    let ok = !key.is_empty()
        && key
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'));
    if !ok {
        errs.push(regex_error(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            "[-._a-zA-Z0-9]+",
            &["key.name", "KEY_NAME", "key-name"],
        ));
    }
    // hasChDirPrefix: a key is a file name, so it may not walk out of its directory.
    if key == "." {
        errs.push("must not be '.'".to_string());
    } else if key == ".." {
        errs.push("must not be '..'".to_string());
    } else if key.starts_with("..") {
        errs.push("must not start with '..'".to_string());
    }
    errs
}

fn check_keys<'a>(
    keys: impl Iterator<Item = &'a String>,
    path: &FieldPath,
    errs: &mut Vec<FieldError>,
) {
    for key in keys {
        for msg in is_config_map_key(key) {
            errs.push(FieldError::invalid(&path.key(key), key.as_str(), &msg));
        }
    }
}

/// ValidateConfigMap.
pub fn validate_config_map(cm: &ConfigMap) -> Vec<FieldError> {
    let mut errs = validate_object_meta(
        &cm.metadata,
        true,
        NameRule::Dns1123Subdomain,
        &FieldPath::new("metadata"),
    );
    let data = cm.data.as_ref();
    let binary = cm.binary_data.as_ref();
    let data_path = FieldPath::new("data");
    let mut total = 0usize;
    for (key, value) in data.into_iter().flatten() {
        check_keys(std::iter::once(key), &data_path, &mut errs);
        if binary.is_some_and(|b| b.contains_key(key)) {
            errs.push(FieldError::invalid(
                &data_path.key(key),
                key.as_str(),
                "duplicate of key present in binaryData",
            ));
        }
        total += value.len();
    }
    let binary_path = FieldPath::new("binaryData");
    for (key, value) in binary.into_iter().flatten() {
        check_keys(std::iter::once(key), &binary_path, &mut errs);
        total += value.0.len();
    }
    if total > MAX_SIZE {
        errs.push(FieldError::too_long(&FieldPath::new(""), MAX_SIZE as i64));
    }
    errs
}

/// ValidateConfigMapUpdate: an immutable ConfigMap keeps its data and stays immutable.
pub fn validate_config_map_update(new: &ConfigMap, old: &ConfigMap) -> Vec<FieldError> {
    let mut errs =
        validate_object_meta_update(&new.metadata, &old.metadata, &FieldPath::new("metadata"));
    if old.immutable == Some(true) {
        if new.immutable != Some(true) {
            errs.push(FieldError::forbidden(
                &FieldPath::new("immutable"),
                IMMUTABLE_SET,
            ));
        }
        if empty_as_none(&new.data) != empty_as_none(&old.data) {
            errs.push(FieldError::forbidden(
                &FieldPath::new("data"),
                IMMUTABLE_SET,
            ));
        }
        if empty_as_none(&new.binary_data) != empty_as_none(&old.binary_data) {
            errs.push(FieldError::forbidden(
                &FieldPath::new("binaryData"),
                IMMUTABLE_SET,
            ));
        }
    }
    errs.extend(validate_config_map(new));
    errs
}

/// A map as the server holds it after decoding (an empty map is omitted on the wire).
fn empty_as_none<V>(m: &Option<BTreeMap<String, V>>) -> Option<&BTreeMap<String, V>> {
    m.as_ref().filter(|m| !m.is_empty())
}

/// SetDefaults_Secret and the v1 conversion: `type` defaults to Opaque, and `stringData` is
/// written into `data` (its values win) and never stored.
pub fn default_secret(secret: &mut Secret) {
    if secret.type_.as_deref().unwrap_or("").is_empty() {
        secret.type_ = Some("Opaque".to_string());
    }
    if let Some(strings) = secret.string_data.take() {
        let data = secret.data.get_or_insert_with(BTreeMap::new);
        for (k, v) in strings {
            data.insert(k, ByteString(v.into_bytes()));
        }
    }
}

/// ValidateSecret.
pub fn validate_secret(secret: &Secret) -> Vec<FieldError> {
    let mut errs = validate_object_meta(
        &secret.metadata,
        true,
        NameRule::Dns1123Subdomain,
        &FieldPath::new("metadata"),
    );
    let data_path = FieldPath::new("data");
    let data = secret.data.as_ref();
    check_keys(
        data.into_iter().flat_map(|d| d.keys()),
        &data_path,
        &mut errs,
    );
    let total: usize = data.into_iter().flatten().map(|(_, v)| v.0.len()).sum();
    if total > MAX_SIZE {
        errs.push(FieldError::too_long(&data_path, MAX_SIZE as i64));
    }
    let has = |k: &str| data.is_some_and(|d| d.contains_key(k));
    let mut require = |k: &str| {
        if !has(k) {
            errs.push(FieldError::required(&data_path.key(k), ""));
        }
    };
    match secret.type_.as_deref().unwrap_or("") {
        // Either key may be empty, but one of them must be there.
        "kubernetes.io/basic-auth" if !has("username") && !has("password") => {
            require("username");
            require("password");
        }
        "kubernetes.io/ssh-auth" => require("ssh-privatekey"),
        "kubernetes.io/tls" => {
            require("tls.crt");
            require("tls.key");
        }
        "kubernetes.io/dockerconfigjson" => require(".dockerconfigjson"),
        "kubernetes.io/dockercfg" => require(".dockercfg"),
        _ => {}
    }
    errs
}

/// ValidateSecretUpdate: the type never changes; an immutable Secret keeps its data.
pub fn validate_secret_update(new: &Secret, old: &Secret) -> Vec<FieldError> {
    let mut errs =
        validate_object_meta_update(&new.metadata, &old.metadata, &FieldPath::new("metadata"));
    if new.type_ != old.type_ {
        let value = new.type_.clone().unwrap_or_default();
        errs.push(FieldError::invalid(
            &FieldPath::new("type"),
            value.as_str(),
            "field is immutable",
        ));
    }
    if old.immutable == Some(true) {
        if new.immutable != Some(true) {
            errs.push(FieldError::forbidden(
                &FieldPath::new("immutable"),
                IMMUTABLE_SET,
            ));
        }
        if empty_as_none(&new.data) != empty_as_none(&old.data) {
            errs.push(FieldError::forbidden(
                &FieldPath::new("data"),
                IMMUTABLE_SET,
            ));
        }
    }
    errs.extend(validate_secret(new));
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_is_config_map_key() {
        assert!(is_config_map_key("app.properties").is_empty());
        assert!(is_config_map_key("KEY_1-x").is_empty());
        assert_eq!(
            is_config_map_key("a/b"),
            vec![
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"
            ]
        );
        assert_eq!(is_config_map_key(".."), vec!["must not be '..'"]);
        assert_eq!(is_config_map_key("..a"), vec!["must not start with '..'"]);
    }

    #[test]
    fn string_data_is_merged_into_data_and_type_defaults_to_opaque() {
        let mut s = Secret {
            data: Some(BTreeMap::from([("a".into(), ByteString(b"1".to_vec()))])),
            string_data: Some(BTreeMap::from([
                ("a".into(), "2".into()),
                ("b".into(), "3".into()),
            ])),
            ..Default::default()
        };
        default_secret(&mut s);
        assert_eq!(s.type_.as_deref(), Some("Opaque"));
        assert!(s.string_data.is_none());
        let data = s.data.unwrap_or_default();
        assert_eq!(data.get("a").map(|b| b.0.clone()), Some(b"2".to_vec()));
        assert_eq!(data.get("b").map(|b| b.0.clone()), Some(b"3".to_vec()));
    }
}
