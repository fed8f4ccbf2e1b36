//! `kubectl create poddisruptionbudget|pdb NAME --selector=… --min-available=N|--max-unavailable=N`
//! (kubectl `pkg/cmd/create/create_pdb.go`).

use serde_json::{Value, json};

use super::Run;
use super::apply_common::{
    DryRun, dry_run, print_result, print_written, validation, with_last_applied,
};
use super::ctx::Ctx;
use super::get_output::mode;
use super::selector::LabelSelector;
use crate::sim::apiserver::requests::{self, WriteOptions};
use crate::sim::kind::Kind;

/// The command's own checks, in Validate's order.
fn check(name: &str, selector: &str, min: &str, max: &str) -> Result<(), String> {
    // `^[0-9]+%?$`: a number or a percent, never a quantity.
    let well_formed = |v: &str| {
        let digits = v.strip_suffix('%').unwrap_or(v);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    if name.is_empty() {
        return Err("name must be specified".into());
    }
    if selector.is_empty() {
        return Err("a selector must be specified".into());
    }
    if min.is_empty() && max.is_empty() {
        return Err("one of min-available or max-unavailable must be specified".into());
    }
    if !min.is_empty() && !max.is_empty() {
        return Err("min-available and max-unavailable cannot be both specified".into());
    }
    if !min.is_empty() && !well_formed(min) {
        return Err("invalid format specified for min-available".into());
    }
    if !max.is_empty() && !well_formed(max) {
        return Err("invalid format specified for max-unavailable".into());
    }
    Ok(())
}

/// intstr.Parse: a whole number becomes an integer, anything else stays a string.
fn int_or_string(v: &str) -> Value {
    v.parse::<i32>().map_or_else(|_| json!(v), |i| json!(i))
}

/// `kubectl create poddisruptionbudget`.
pub(crate) fn create_pdb(ctx: &mut Ctx<'_>) -> Option<Run> {
    let args = ctx.flags.args.clone();
    let [name] = args.as_slice() else {
        ctx.usage(&format!("exactly one NAME is required, got {}", args.len()));
        return None;
    };
    let flags = (|| Ok::<_, String>((dry_run(ctx)?, validation(ctx)?, mode(ctx, false)?)))();
    let (dry, field_validation, out_mode) = match flags {
        Ok(f) => f,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    let text = |k: &str| ctx.flags.str(k).unwrap_or("").to_string();
    let (selector, min, max) = (
        text("selector"),
        text("min-available"),
        text("max-unavailable"),
    );
    if let Err(e) = check(name, &selector, &min, &max) {
        ctx.fail(&e);
        return None;
    }
    let parsed = match LabelSelector::parse(&selector) {
        Ok(s) => s,
        Err(e) => {
            ctx.fail(&format!(
                "couldn't parse the selector string \"{selector}\": {e}"
            ));
            return None;
        }
    };
    let mut spec = json!({"selector": parsed.to_api()});
    if let Value::Object(m) = &mut spec {
        if !min.is_empty() {
            m.insert("minAvailable".into(), int_or_string(&min));
        } else {
            m.insert("maxUnavailable".into(), int_or_string(&max));
        }
    }
    let mut meta = json!({"name": name});
    if ctx.explicit_namespace
        && let Value::Object(m) = &mut meta
    {
        m.insert("namespace".into(), json!(ctx.namespace));
    }
    let mut body = json!({
        "kind": "PodDisruptionBudget",
        "apiVersion": "policy/v1",
        "metadata": meta,
        "spec": spec,
        "status": {"currentHealthy": 0, "desiredHealthy": 0, "disruptionsAllowed": 0, "expectedPods": 0},
    });
    if ctx.flags.bool("save-config") {
        body = with_last_applied(&body);
    }
    let kind = Kind::PodDisruptionBudget;
    if dry == DryRun::Client {
        print_result(ctx, &out_mode, kind, name, Some(body), "created", dry);
        return None;
    }
    let opts = WriteOptions {
        field_validation,
        dry_run: dry == DryRun::Server,
    };
    let namespace = ctx.namespace.clone();
    match requests::create(&mut ctx.session.cluster, &body, &namespace, &opts) {
        Ok(resp) => print_written(ctx, &out_mode, kind, name, resp, "created", dry),
        Err(e) => ctx.fail(&format!(
            "failed to create poddisruptionbudgets: {}",
            e.status_message()
        )),
    }
    None
}

#[cfg(test)]
mod tests {
    use super::check;

    /// create_pdb.go Validate.
    #[test]
    fn checks_follow_validate() {
        assert!(check("p", "app=web", "1", "").is_ok());
        assert!(check("p", "app=web", "", "50%").is_ok());
        assert_eq!(
            check("p", "", "1", "").unwrap_err(),
            "a selector must be specified"
        );
        assert_eq!(
            check("p", "a=b", "1", "1").unwrap_err(),
            "min-available and max-unavailable cannot be both specified"
        );
        assert_eq!(
            check("p", "a=b", "10Gb", "").unwrap_err(),
            "invalid format specified for min-available"
        );
        assert_eq!(
            check("p", "a=b", "", "").unwrap_err(),
            "one of min-available or max-unavailable must be specified"
        );
    }
}
