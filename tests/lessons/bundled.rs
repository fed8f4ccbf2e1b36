//! The lessons compiled into the page: the folder and the list agree, each reads, and each is
//! solved by its own answers, its mistakes caught with the words it names.

use std::collections::BTreeSet;

use sts_playground::session::lesson::bundled::FILES;
use sts_playground::session::lesson::parse;
use sts_playground::session::lesson::solve::solve;

fn folder() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")
}

#[test]
fn every_file_in_lessons_is_bundled_and_nothing_else() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(folder())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "README.md")
        .collect();
    let listed: BTreeSet<String> = FILES.iter().map(|(n, _)| (*n).to_string()).collect();
    assert_eq!(on_disk, listed);
    for (name, text) in FILES {
        let file = std::fs::read_to_string(folder().join(name)).unwrap();
        assert_eq!(&file, text, "{name} is compiled in as it is on disk");
    }
}

#[test]
fn every_lesson_reads_and_the_catalogue_has_what_the_issue_asks() {
    let mut ids = BTreeSet::new();
    for (name, text) in FILES {
        let lesson = parse(text).unwrap_or_else(|e| panic!("{name}:{e}"));
        assert_eq!(
            format!("{}.md", lesson.id),
            *name,
            "a lesson's file is named by its id"
        );
        assert!(ids.insert(lesson.id.clone()));
        assert!(
            lesson.steps.iter().any(|s| s.predict.is_some()),
            "{name} asks at least one prediction"
        );
        assert!(
            lesson.steps.iter().any(|s| !s.wrong.is_empty()),
            "{name} names at least one mistake"
        );
        for step in &lesson.steps {
            assert!(!step.text.is_empty(), "{name} step {} has text", step.id);
        }
    }
    assert!(
        ids.len() >= 15,
        "at least fifteen lessons, got {}",
        ids.len()
    );
    // One lesson per seed document.
    for seed in [
        "mongodb-ch14",
        "myapp-overview",
        "day34",
        "db-cluster",
        "pv-demo",
    ] {
        assert!(ids.contains(seed), "the {seed} lesson is bundled");
    }
}

#[test]
fn every_lesson_is_solved_by_its_answers() {
    for (name, text) in FILES {
        let lesson = parse(text).unwrap();
        let reports = solve(&lesson);
        for r in &reports {
            assert!(r.problem.is_none(), "{name} step {}: {:?}", r.id, r.problem);
        }
        assert_eq!(
            reports.len(),
            lesson.steps.len(),
            "{name}: every step was reached"
        );
    }
}

#[test]
fn the_format_documents_example_is_a_lesson_that_solves() {
    let readme = std::fs::read_to_string(folder().join("README.md")).unwrap();
    let start = readme.find("````markdown\n").unwrap() + "````markdown\n".len();
    let end = start + readme[start..].find("````").unwrap();
    let lesson = parse(&readme[start..end]).unwrap();
    assert_eq!(lesson.id, "scale-up");
    let reports = solve(&lesson);
    assert!(reports.iter().all(|r| r.problem.is_none()), "{reports:?}");
}
