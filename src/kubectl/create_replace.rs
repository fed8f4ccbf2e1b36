//! `kubectl create -f` and `kubectl replace -f`.

use super::Run;
use super::apply_common::{
    DryRun, LAST_APPLIED, normalized, print_result, print_written, setup, with_last_applied,
};
use super::ctx::{Ctx, Failure, print_failures, with_source};
use super::resources::name_prefix;
use crate::sim::apiserver::requests;

/// `kubectl create -f`.
pub(crate) fn create(ctx: &mut Ctx<'_>) -> Option<Run> {
    let s = setup(ctx, "create")?;
    let save_config = ctx.flags.bool("save-config");
    let mut failures = Vec::new();
    for item in s.objects {
        let obj = match item {
            Ok(o) => o,
            Err(f) => {
                failures.push(f);
                continue;
            }
        };
        let mut body = normalized(&obj);
        if save_config {
            body = with_last_applied(&body);
        }
        if s.dry == DryRun::Client {
            print_result(
                ctx,
                &s.mode,
                obj.kind,
                &obj.name,
                Some(body),
                "created",
                s.dry,
            );
            continue;
        }
        match requests::create(&mut ctx.session.cluster, &body, &obj.namespace, &s.opts) {
            Ok(resp) => {
                print_written(ctx, &s.mode, obj.kind, &obj.name, resp, "created", s.dry);
            }
            Err(e) => failures.push(Failure::Api(with_source("creating", &obj.source, e))),
        }
    }
    print_failures(ctx, &failures);
    None
}

/// `kubectl replace -f` (and `--force`: delete, then create).
pub(crate) fn replace(ctx: &mut Ctx<'_>) -> Option<Run> {
    let s = setup(ctx, "replace")?;
    let force = ctx.flags.bool("force");
    let mut failures = Vec::new();
    for item in s.objects {
        let obj = match item {
            Ok(o) => o,
            Err(f) => {
                failures.push(f);
                continue;
            }
        };
        let mut body = normalized(&obj);
        let c = &mut ctx.session.cluster;
        // replace keeps the last-applied annotation current when the object has one.
        let live = requests::get(c, obj.kind, &obj.namespace, &obj.name);
        if live
            .as_ref()
            .ok()
            .and_then(|l| {
                l.pointer("/metadata/annotations")
                    .and_then(|a| a.get(LAST_APPLIED))
            })
            .is_some()
        {
            body = with_last_applied(&body);
        }
        if s.dry == DryRun::Client {
            print_result(
                ctx,
                &s.mode,
                obj.kind,
                &obj.name,
                Some(body),
                "replaced",
                s.dry,
            );
            continue;
        }
        if force {
            match live {
                Ok(_) => {
                    let opts = crate::sim::apiserver::DeleteOptions {
                        grace_period_seconds: Some(0),
                        propagation: Default::default(),
                    };
                    let _ = requests::delete(c, obj.kind, &obj.namespace, &obj.name, opts);
                    ctx.print(&format!(
                        "{} \"{}\" deleted\n",
                        name_prefix(obj.kind),
                        obj.name
                    ));
                }
                Err(e) if e.reason == "NotFound" => {}
                Err(e) => {
                    failures.push(Failure::Api(e));
                    continue;
                }
            }
            let c = &mut ctx.session.cluster;
            match requests::create(c, &body, &obj.namespace, &s.opts) {
                Ok(resp) => {
                    print_written(ctx, &s.mode, obj.kind, &obj.name, resp, "replaced", s.dry);
                }
                Err(e) => failures.push(Failure::Api(with_source("creating", &obj.source, e))),
            }
            continue;
        }
        match requests::update(c, &body, &obj.namespace, &s.opts) {
            Ok(resp) => {
                print_written(ctx, &s.mode, obj.kind, &obj.name, resp, "replaced", s.dry);
            }
            Err(e) => failures.push(Failure::Api(with_source("replacing", &obj.source, e))),
        }
    }
    print_failures(ctx, &failures);
    None
}
