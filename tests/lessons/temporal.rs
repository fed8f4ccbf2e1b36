//! The checks that watch time: `order` (which fact came first, seen even inside one long
//! command), `never` and `eventually`, on the tutorial's web StatefulSet with OrderedReady
//! (upstream `stateful_set_control.go`: a pod is created only once every lower ordinal is
//! Running and Ready; scale-down removes the highest ordinal first).

use sts_playground::session::lesson::solve::solve;

use super::support::{lesson, start, type_line, verdict, wait};

const ORDER: &str = "  - id: s
    title: Scale
    check:
      order:
        - condition: pod/web-2 Ready=True
          as: web-2 was Ready
        - exists: pod/web-3
          as: web-3 was created
    answer:
      - kubectl scale sts web --replicas=4
";

#[test]
fn order_passes_when_the_facts_come_in_order() {
    let mut model = start(lesson(ORDER));
    // rollout status waits on the clock: both facts happen inside this one command.
    type_line(&mut model, "kubectl scale sts web --replicas=4");
    type_line(&mut model, "kubectl rollout status sts web");
    assert_eq!(verdict(&model), (true, String::new()));
}

#[test]
fn order_says_which_fact_came_first_when_they_do_not() {
    // The reverse order cannot hold under OrderedReady.
    let reversed = ORDER
        .replace("condition: pod/web-2 Ready=True\n          as: web-2 was Ready\n        - exists: pod/web-3\n          as: web-3 was created",
                 "exists: pod/web-3\n          as: web-3 was created\n        - condition: pod/web-2 Ready=True\n          as: web-2 was Ready");
    let mut model = start(lesson(&reversed));
    type_line(&mut model, "kubectl scale sts web --replicas=4");
    wait(&mut model, 60_000);
    let (passed, message) = verdict(&model);
    assert!(!passed);
    assert_eq!(message, "web-2 was Ready before web-3 was created");
    let run = model.lesson.as_ref().unwrap();
    assert!(
        run.watch.borrow().verdict.lost,
        "an order broken stays broken"
    );
}

#[test]
fn never_fails_for_good_once_the_fact_happened() {
    let step = "  - id: s
    title: Scale down
    check:
      all:
        - get: statefulset/web
          path: '{.spec.replicas}'
          equals: 1
        - never:
            missing: pvc/www-web-1
          as: the claim www-web-1 was deleted
    answer:
      - kubectl scale sts web --replicas=1
";
    let mut model = start(lesson(step));
    type_line(&mut model, "kubectl scale sts web --replicas=0");
    wait(&mut model, 30_000);
    type_line(&mut model, "kubectl delete pvc www-web-1");
    wait(&mut model, 30_000);
    type_line(&mut model, "kubectl scale sts web --replicas=1");
    wait(&mut model, 60_000);
    let (passed, message) = verdict(&model);
    assert!(
        !passed,
        "scaling to 1 afterwards does not undo the deleted claim"
    );
    assert_eq!(
        message,
        "this must not happen, and it did: the claim www-web-1 was deleted"
    );
    // And the solver, which does only the answer, passes the same step.
    assert!(solve(&lesson(step)).iter().all(|r| r.problem.is_none()));
}

#[test]
fn eventually_counts_from_the_learners_first_action() {
    let step = |within: &str| {
        format!(
            "  - id: s
    title: Scale
    check:
      eventually:
        within: {within}
        check:
          count: pods -l app=nginx
          ready: true
          equals: 4
    answer:
      - kubectl scale sts web --replicas=4
"
        )
    };
    // Two more pods, each pulled and started in turn, take longer than a second.
    let reports = solve(&lesson(&step("1s")));
    let problem = reports[0].problem.clone().unwrap();
    assert!(problem.contains("did not happen within 1s"), "{problem}");
    // Time spent reading before acting does not count.
    let mut model = start(lesson(&step("2m")));
    wait(&mut model, 300_000);
    type_line(&mut model, "kubectl scale sts web --replicas=4");
    wait(&mut model, 60_000);
    assert!(verdict(&model).0);
}
