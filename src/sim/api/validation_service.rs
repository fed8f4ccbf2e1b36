//! Service validation (`ValidateService`, `ValidateServiceUpdate`) for the fields the playground
//! uses, and the registry step that keeps allocated addresses across updates.

use std::collections::BTreeSet;
use std::net::IpAddr;

use k8s_openapi::api::core::v1::{Service, ServicePort};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::Value;

use super::field_error::{BadValue, FieldError};
use super::field_path::FieldPath;
use super::names::is_valid_port_num;
use super::validation_container::{dns1123_label, port_num_or_name};
use super::validation_meta::{
    NameRule, validate_labels, validate_object_meta, validate_object_meta_update,
};
use crate::gofmt::quote::quote as go_quote;

fn service_port(
    sp: &ServicePort,
    require_name: bool,
    names: &mut BTreeSet<String>,
    path: &FieldPath,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name = sp.name.as_deref().unwrap_or("");
    if require_name && name.is_empty() {
        errs.push(FieldError::required(&path.child("name"), ""));
    } else if !name.is_empty() {
        errs.extend(dns1123_label(name, &path.child("name")));
        if !names.insert(name.to_string()) {
            errs.push(FieldError::duplicate(&path.child("name"), name));
        }
    }
    for m in is_valid_port_num(i64::from(sp.port)) {
        errs.push(FieldError::invalid(&path.child("port"), sp.port, &m));
    }
    match sp.protocol.as_deref().unwrap_or("") {
        "" => errs.push(FieldError::required(&path.child("protocol"), "")),
        "TCP" | "UDP" | "SCTP" => {}
        other => errs.push(FieldError::not_supported(
            &path.child("protocol"),
            other,
            &["SCTP", "TCP", "UDP"],
        )),
    }
    errs.extend(port_num_or_name(
        sp.target_port.as_ref().unwrap_or(&IntOrString::Int(0)),
        &path.child("targetPort"),
    ));
    errs
}

/// The internal ServicePort the server prints for a duplicate (Go field names, declaration order).
fn internal_port_key(sp: &ServicePort) -> String {
    format!(
        "{{\"Name\":\"\",\"Protocol\":{},\"AppProtocol\":null,\"Port\":{},\"TargetPort\":0,\"NodePort\":0}}",
        go_quote(sp.protocol.as_deref().unwrap_or("")),
        sp.port
    )
}

/// Validates a Service on create (after defaulting and IP allocation).
pub fn validate_service(svc: &Service) -> Vec<FieldError> {
    let mut errs = validate_object_meta(
        &svc.metadata,
        true,
        NameRule::Dns1035Label,
        &FieldPath::new("metadata"),
    );
    let spec = svc.spec.clone().unwrap_or_default();
    let path = FieldPath::new("spec");
    let ty = spec.type_.as_deref().unwrap_or("");
    let headless = spec.cluster_ip.as_deref() == Some("None");
    let ports = spec.ports.as_deref().unwrap_or(&[]);
    if ports.is_empty() && !headless && ty != "ExternalName" {
        errs.push(FieldError::required(&path.child("ports"), ""));
    }
    if ty == "ExternalName" {
        if spec.cluster_ips.as_ref().is_some_and(|c| !c.is_empty()) {
            errs.push(FieldError::forbidden(
                &path.child("clusterIPs"),
                "may not be set for ExternalName services",
            ));
        }
        if spec.external_name.as_deref().unwrap_or("").is_empty() {
            errs.push(FieldError::required(&path.child("externalName"), ""));
        }
    }
    let mut names = BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        errs.extend(service_port(
            p,
            ports.len() > 1,
            &mut names,
            &path.child("ports").index(i),
        ));
    }
    errs.extend(validate_labels(
        spec.selector.as_ref(),
        &path.child("selector"),
    ));
    match spec.session_affinity.as_deref().unwrap_or("") {
        "" => errs.push(FieldError::required(&path.child("sessionAffinity"), "")),
        "ClientIP" | "None" => {}
        other => errs.push(FieldError::not_supported(
            &path.child("sessionAffinity"),
            other,
            &["ClientIP", "None"],
        )),
    }
    match ty {
        "" => errs.push(FieldError::required(&path.child("type"), "")),
        "ClusterIP" | "ExternalName" | "LoadBalancer" | "NodePort" => {}
        other => errs.push(FieldError::not_supported(
            &path.child("type"),
            other,
            &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
        )),
    }
    if ty == "ClusterIP" {
        for (i, p) in ports.iter().enumerate() {
            if p.node_port.unwrap_or(0) != 0 {
                errs.push(FieldError::forbidden(
                    &path.child("ports").index(i).child("nodePort"),
                    "may not be used when `type` is 'ClusterIP'",
                ));
            }
        }
    }
    let mut seen = BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        if !seen.insert((p.protocol.clone(), p.port)) {
            errs.push(FieldError::duplicate(
                &path.child("ports").index(i),
                BadValue::Raw(internal_port_key(p)),
            ));
        }
    }
    let ips_path = path.child("clusterIPs");
    for (i, ip) in spec.cluster_ips.iter().flatten().enumerate() {
        let p = ips_path.index(i);
        if ip == "None" {
            if ty == "NodePort" || ty == "LoadBalancer" {
                errs.push(FieldError::invalid(
                    &p,
                    ip.as_str(),
                    &format!("may not be set to 'None' for {ty} services"),
                ));
            }
        } else if ip.parse::<IpAddr>().is_err() {
            errs.push(FieldError::invalid(
                &p,
                ip.as_str(),
                "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ));
        }
    }
    errs
}

/// Validates a Service update: metadata immutables, the create rules, and a primary cluster IP
/// that may not change once set.
pub fn validate_service_update(new: &Service, old: &Service) -> Vec<FieldError> {
    let mut errs =
        validate_object_meta_update(&new.metadata, &old.metadata, &FieldPath::new("metadata"));
    let ips = |s: &Service| {
        s.spec
            .as_ref()
            .and_then(|sp| sp.cluster_ips.clone())
            .unwrap_or_default()
    };
    let (n, o) = (ips(new), ips(old));
    let external =
        |s: &Service| s.spec.as_ref().and_then(|sp| sp.type_.as_deref()) == Some("ExternalName");
    if !external(new) && !external(old) && !n.is_empty() && !o.is_empty() && n.first() != o.first()
    {
        let value = Value::Array(n.iter().map(|s| Value::String(s.clone())).collect());
        errs.push(FieldError::invalid(
            &FieldPath::new("spec").child("clusterIPs").index(0),
            value,
            "may not change once set",
        ));
    }
    errs.extend(validate_service(new));
    errs
}

/// What the registry does before validating an update: a Service sent without its cluster IP
/// keeps the stored addresses and IP families; a changed `clusterIP` is copied into
/// `clusterIPs[0]`, where validation then catches it.
pub fn carry_service_allocations(new: &mut Service, old: &Service) {
    let (Some(ns), Some(os)) = (new.spec.as_mut(), old.spec.as_ref()) else {
        return;
    };
    if ns.type_.as_deref() == Some("ExternalName") || os.type_.as_deref() == Some("ExternalName") {
        return;
    }
    let new_ip = ns.cluster_ip.clone().unwrap_or_default();
    if new_ip.is_empty() {
        ns.cluster_ip = os.cluster_ip.clone();
        if ns.cluster_ips.as_ref().is_none_or(Vec::is_empty) {
            ns.cluster_ips = os.cluster_ips.clone();
        }
    } else if ns.cluster_ips.as_ref().is_none_or(Vec::is_empty) {
        ns.cluster_ips = Some(vec![new_ip]);
    } else if ns.cluster_ips == os.cluster_ips
        && Some(&new_ip) != os.cluster_ip.as_ref()
        && let Some(first) = ns.cluster_ips.as_mut().and_then(|c| c.first_mut())
    {
        *first = new_ip;
    }
    if ns.ip_families.as_ref().is_none_or(Vec::is_empty) {
        ns.ip_families = os.ip_families.clone();
    }
    if ns.ip_family_policy.is_none() {
        ns.ip_family_policy = os.ip_family_policy.clone();
    }
}
