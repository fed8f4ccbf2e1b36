//! Re-checking a lesson step after a change of the cluster, at 100 pods: `cargo run --release
//! --example bench_lesson`. The step's check reads like the bundled lessons' (a field of the set,
//! Ready pods by label, a pod's condition, a claim that must never go, an order of two facts, a
//! file on a volume, an event). The budget is 1 ms per re-check (median of 500).

use std::rc::Rc;
use std::time::{Duration, Instant};

use sts_playground::session::lesson::parse;
use sts_playground::session::state::Model;

const LESSON: &str = "---
id: bench
title: Bench
summary: A check over a hundred pods.
minutes: 1
level: advanced
setup:
  seed: 1
  files:
    - path: web.yaml
      text: |
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: web
        spec:
          serviceName: nginx
          replicas: 100
          podManagementPolicy: Parallel
          selector:
            matchLabels:
              app: nginx
          template:
            metadata:
              labels:
                app: nginx
            spec:
              containers:
              - name: nginx
                image: registry.k8s.io/nginx-slim:0.24
                volumeMounts:
                - name: www
                  mountPath: /usr/share/nginx/html
          volumeClaimTemplates:
          - metadata:
              name: www
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
  commands:
    - kubectl apply -f web.yaml
    - kubectl exec web-0 -- sh -c 'echo hello > /usr/share/nginx/html/index.html'
  settle: true
steps:
  - id: s
    title: Scale
    check:
      all:
        - get: statefulset/web
          path: '{.spec.replicas}'
          equals: 101
        - count: pods -l app=nginx
          ready: true
          equals: 101
        - condition: pod/web-50 Ready=True
        - never:
            missing: pvc/www-web-7
        - order:
            - exists: pod/web-99
            - exists: pod/web-100
        - file: web-0:/usr/share/nginx/html/index.html
          equals: hello
        - event: SuccessfulCreate statefulset/web
    answer:
      - kubectl scale sts web --replicas=101
---

## s

Scale.
";

fn main() {
    sts_playground::keep_freed_memory();
    let lesson = match parse(LESSON) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("bench lesson: {e}");
            std::process::exit(1);
        }
    };
    let mut model = Model::fresh(1);
    model.start_lesson(Rc::new(lesson));
    let cluster = &model.term.session.cluster;
    let pods = cluster
        .world
        .store
        .list::<k8s_openapi::api::core::v1::Pod>(Some("default"))
        .count();
    let Some(run) = model.lesson.as_ref() else {
        eprintln!("the lesson did not start");
        std::process::exit(1);
    };
    let mut samples: Vec<Duration> = Vec::new();
    for _ in 0..500 {
        let start = Instant::now();
        run.watch.borrow_mut().recheck(cluster);
        samples.push(start.elapsed());
    }
    samples.sort();
    let median = samples.get(samples.len() / 2).copied().unwrap_or_default();
    let best = samples.first().copied().unwrap_or_default();
    let message = run.watch.borrow().verdict.message.clone();
    println!(
        "lesson re-check at {pods} pods: median {median:?}, best {best:?} (budget 1 ms); the check says: {message}"
    );
    if pods != 100 || message.is_empty() {
        eprintln!("expected 100 pods and a failing check before the answer");
        std::process::exit(1);
    }
    if median > Duration::from_millis(1) {
        eprintln!("over budget");
        std::process::exit(1);
    }
}
