//! Image pulls for one container (EnsureImageExists in pkg/kubelet/images/image_manager.go): the
//! pull policy, Pulling and Pulled, and ErrImagePull with its back-off.

use k8s_openapi::api::core::v1::Pod;

use super::containers::{At, Walk, start_container};
use super::images::{self, Pull};
use super::plan::{back_off, err_image_pull_ms, pull_ms, seconds};
use super::report::{container_events, event};
use super::{ContainerRuntime, ContainerState};
use crate::sim::Cluster;
use crate::sim::events::EventType;
use crate::sim::world::World;

/// A pull in progress: the container waits until it ends, then is created and started.
pub(super) fn finish_pull(c: &mut Cluster, at: &At<'_>, k: &ContainerRuntime) -> Walk {
    if k.pulling_until.is_some_and(|until| until > at.now) {
        return Walk::Hold;
    }
    let size = match images::pull(&k.image) {
        Pull::Ok(size, ..) => size,
        Pull::NotFound(_) => 0,
    };
    let took = seconds(pull_ms(size));
    let size_text = size.to_string();
    event(
        &mut c.world,
        at.uid,
        Some(&k.name),
        EventType::Normal,
        "Pulled",
        &[
            "Successfully pulled image \"",
            k.image.as_str(),
            "\" in ",
            &took,
            " (",
            &took,
            " including waiting). Image size: ",
            &size_text,
            " bytes.",
        ]
        .concat(),
    );
    c.world
        .node_images
        .entry(at.node.clone())
        .or_default()
        .push(images::parse(&k.image).canonical());
    if let Some(kc) = c
        .world
        .runtime
        .get_mut(at.uid)
        .and_then(|r| r.containers.get_mut(at.i))
    {
        kc.pulling_until = None;
        kc.pulled = true;
    }
    start_container(c, at.uid, at.i, at.now);
    Walk::Next
}

/// Pulls the image, after any pull back-off: an image on the node is used as it is (unless the
/// policy is Always); a known one starts pulling; an unknown one fails.
pub(super) fn pull_image(c: &mut Cluster, at: &At<'_>, k: &ContainerRuntime) -> Walk {
    if let Some(retry) = k.retry_pull_at
        && retry > at.now
    {
        return Walk::Hold;
    }
    let reference = images::parse(&k.image);
    let policy = pull_policy(&c.world, at.uid, at.i, &reference);
    let present = c
        .world
        .node_images
        .get(&at.node)
        .is_some_and(|l| l.contains(&reference.canonical()));
    match images::pull(&k.image) {
        Pull::Ok(..) if present && policy != "Always" => {
            already_present(&mut c.world, at.uid, &k.name, &k.image);
            if let Some(kc) = c
                .world
                .runtime
                .get_mut(at.uid)
                .and_then(|r| r.containers.get_mut(at.i))
            {
                kc.pulled = true;
            }
            start_container(c, at.uid, at.i, at.now);
            Walk::Next
        }
        Pull::Ok(size, ..) => {
            event(
                &mut c.world,
                at.uid,
                Some(&k.name),
                EventType::Normal,
                "Pulling",
                &["Pulling image \"", k.image.as_str(), "\""].concat(),
            );
            // A cached image with pull policy Always only checks the registry, which is quick.
            let took = if present {
                c.world.rng.range(300, 900)
            } else {
                pull_ms(size)
            };
            if let Some(kc) = c
                .world
                .runtime
                .get_mut(at.uid)
                .and_then(|r| r.containers.get_mut(at.i))
            {
                kc.pulling_until = Some(at.now + took);
                kc.retry_pull_at = None;
            }
            Walk::Hold
        }
        Pull::NotFound(err) => {
            pull_failed(c, at, k, &err);
            Walk::Hold
        }
    }
}

/// A failed pull: ErrImagePull the first time (and after each back-off), ImagePullBackOff in between.
fn pull_failed(c: &mut Cluster, at: &At<'_>, k: &ContainerRuntime, err: &str) {
    let (uid, now) = (at.uid, at.now);
    let failures = k.pull_failures + 1;
    if k.pull_failures == 0
        || matches!(k.state, ContainerState::Waiting(ref r) if r == "ImagePullBackOff")
    {
        let failed = format!("Failed to pull image \"{}\": {err}", k.image);
        container_events(
            &mut c.world,
            uid,
            &k.name,
            &[
                (
                    EventType::Normal,
                    "Pulling",
                    &format!("Pulling image \"{}\"", k.image),
                ),
                (EventType::Warning, "Failed", &failed),
                (EventType::Warning, "Failed", "Error: ErrImagePull"),
            ],
        );
        if let Some(kc) = c
            .world
            .runtime
            .get_mut(uid)
            .and_then(|r| r.containers.get_mut(at.i))
        {
            kc.state = ContainerState::Waiting("ErrImagePull".into());
            kc.pull_failures = failures;
            kc.retry_pull_at = Some(now + err_image_pull_ms());
        }
    } else {
        container_events(
            &mut c.world,
            uid,
            &k.name,
            &[
                (
                    EventType::Normal,
                    "BackOff",
                    &format!("Back-off pulling image \"{}\"", k.image),
                ),
                (EventType::Warning, "Failed", "Error: ImagePullBackOff"),
            ],
        );
        // 10 s after the first failed pull, doubling with each one after, capped at 300 s.
        if let Some(kc) = c
            .world
            .runtime
            .get_mut(uid)
            .and_then(|r| r.containers.get_mut(at.i))
        {
            kc.state = ContainerState::Waiting("ImagePullBackOff".into());
            kc.retry_pull_at = Some(now + back_off(k.pull_failures));
        }
    }
}

/// The container's image pull policy, defaulted as the API server does (`Always` for `latest`).
pub(super) fn pull_policy(w: &World, uid: &str, i: usize, reference: &images::ImageRef) -> String {
    w.runtime
        .get(uid)
        .and_then(|rt| w.store.get::<Pod>(&rt.namespace, &rt.name))
        .and_then(|p| {
            super::container_spec(p.spec.as_ref()?, i)?
                .image_pull_policy
                .clone()
        })
        .unwrap_or_else(|| {
            if reference.tag == "latest" && reference.digest.is_none() {
                "Always".into()
            } else {
                "IfNotPresent".into()
            }
        })
}

/// The `Pulled` event for an image the node already has.
pub(super) fn already_present(w: &mut World, uid: &str, container: &str, image: &str) {
    let message = [
        "Container image \"",
        image,
        "\" already present on machine and can be accessed by the pod",
    ]
    .concat();
    event(
        w,
        uid,
        Some(container),
        EventType::Normal,
        "Pulled",
        &message,
    );
}
