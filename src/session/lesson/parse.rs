//! Reading a lesson file: YAML front matter between `---` lines, then Markdown whose `## ID`
//! sections are the steps' texts. A mistake is an error at its line and column, never a panic.

use super::check_parse::Reader;
use super::model::{Answer, Hint, Lesson, Level, Predict, Reason, Setup, Step, Wrong};
use super::node::{LessonError, Node};

const LESSON_KEYS: [&str; 7] = [
    "id", "title", "summary", "minutes", "level", "setup", "steps",
];
const STEP_KEYS: [&str; 7] = [
    "id", "title", "check", "answer", "hints", "predict", "wrong",
];

fn at(line: usize, column: usize, message: impl Into<String>) -> LessonError {
    LessonError {
        line,
        column,
        message: message.into(),
    }
}

/// Reads a lesson file.
pub fn parse(text: &str) -> Result<Lesson, LessonError> {
    let (front, body, body_line) = split(text)?;
    let parsed = crate::manifest::parse(front);
    if let Some(d) = parsed
        .diagnostics()
        .iter()
        .find(|d| d.severity == crate::manifest::Severity::Error)
    {
        return Err(at(d.line + 1, d.column, d.message.clone()));
    }
    let Some(doc) = parsed.documents().first() else {
        return Err(at(1, 1, "the front matter is empty"));
    };
    let Some(value) = doc.value.as_ref() else {
        return Err(at(2, 1, "the front matter is empty"));
    };
    let root = Node::root(value, doc, 1);
    let mut lesson = fields(root)?;
    attach_text(&mut lesson, body, body_line)?;
    Ok(lesson)
}

/// The front matter, the body, and the body's first line (1-based).
fn split(text: &str) -> Result<(&str, &str, usize), LessonError> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Err(at(
            1,
            1,
            "a lesson starts with a line \"---\" and its front matter",
        ));
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let front = rest.get(..offset).unwrap_or_default();
            let body = rest.get(offset + line.len()..).unwrap_or_default();
            return Ok((front, body, i + 3));
        }
        offset += line.len();
    }
    Err(at(1, 1, "the front matter has no closing line \"---\""))
}

fn fields(root: Node<'_>) -> Result<Lesson, LessonError> {
    root.map("a lesson", &LESSON_KEYS)?;
    let id = root.need("id", "a lesson")?;
    let id_text = id.node().line("id")?;
    if !id_text
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(id
            .node()
            .error("id: only lowercase letters, digits and dashes"));
    }
    let level = root.need("level", "a lesson")?;
    let level_value = match level.node().text("level")?.as_str() {
        "beginner" => Level::Beginner,
        "intermediate" => Level::Intermediate,
        "advanced" => Level::Advanced,
        other => {
            return Err(level.node().error(format!(
                "level \"{other}\" is not beginner, intermediate or advanced"
            )));
        }
    };
    let minutes = root.need("minutes", "a lesson")?.node().whole("minutes")?;
    let steps_node = root.need("steps", "a lesson")?;
    let mut steps = Vec::new();
    for item in steps_node.node().items("steps")? {
        let step = step(item.node())?;
        if steps.iter().any(|s: &Step| s.id == step.id) {
            return Err(item.node().error(format!("a second step \"{}\"", step.id)));
        }
        steps.push(step);
    }
    if steps.is_empty() {
        return Err(steps_node.node().error("a lesson needs at least one step"));
    }
    Ok(Lesson {
        id: id_text,
        title: root.need("title", "a lesson")?.node().line("title")?,
        summary: root.need("summary", "a lesson")?.node().line("summary")?,
        minutes: u32::try_from(minutes).unwrap_or(u32::MAX),
        level: level_value,
        setup: match root.get("setup") {
            Some(s) => setup(s.node())?,
            None => Setup {
                seed: 1,
                ..Setup::default()
            },
        },
        intro: String::new(),
        steps,
    })
}

fn setup(node: Node<'_>) -> Result<Setup, LessonError> {
    node.map("setup", &["seed", "files", "commands", "settle"])?;
    let mut out = Setup {
        seed: node.get("seed").map_or(Ok(1), |s| s.node().whole("seed"))?,
        settle: node
            .get("settle")
            .map_or(Ok(false), |s| s.node().flag("settle"))?,
        ..Setup::default()
    };
    if let Some(files) = node.get("files") {
        for item in files.node().items("files")? {
            let f = item.node();
            f.map("a file", &["path", "text", "example"])?;
            let path = f.need("path", "a file")?.node().line("path")?;
            let path = path.trim_start_matches('/').to_string();
            let text = match (f.get("text"), f.get("example")) {
                (Some(t), None) => t.node().text("text")?,
                (None, Some(e)) => {
                    let name = e.node().line("example")?;
                    example(&name).ok_or_else(|| {
                        e.node()
                            .error(format!("no file \"{name}\" in the Examples menu"))
                    })?
                }
                _ => return Err(f.error("a file needs either text or example")),
            };
            out.files.push((path, text));
        }
    }
    if let Some(commands) = node.get("commands") {
        for item in commands.node().items("commands")? {
            out.commands.push(item.node().text("a command")?);
        }
    }
    Ok(out)
}

/// The text of a file of the Examples menu, by its path.
pub fn example(name: &str) -> Option<String> {
    let name = name.trim_start_matches('/');
    crate::session::examples::ALL
        .iter()
        .flat_map(|e| e.files.iter())
        .find(|(path, _)| path.trim_start_matches('/') == name)
        .map(|(_, text)| (*text).to_string())
}

fn step(node: Node<'_>) -> Result<Step, LessonError> {
    node.map("a step", &STEP_KEYS)?;
    let id = node.need("id", "a step")?;
    let id_text = id.node().line("id")?;
    let mut reader = Reader::default();
    let check = reader.check(node.need("check", "a step")?.node())?;
    let mut hints = Vec::new();
    if let Some(list) = node.get("hints") {
        for item in list.node().items("hints")? {
            hints.push(hint(item.node())?);
        }
    }
    let answer_node = node.need("answer", "a step")?;
    let mut answer = Vec::new();
    for item in answer_node.node().items("answer")? {
        answer.push(answer_item(item.node())?);
    }
    if answer.is_empty() {
        return Err(answer_node.node().error("answer needs at least one item"));
    }
    let predict = node.get("predict").map(|p| predict(p.node())).transpose()?;
    let mut wrong = Vec::new();
    if let Some(list) = node.get("wrong") {
        for item in list.node().items("wrong")? {
            let w = item.node();
            w.map("a wrong answer", &["do", "says"])?;
            let mut answer = Vec::new();
            for a in w.need("do", "a wrong answer")?.node().items("do")? {
                answer.push(answer_item(a.node())?);
            }
            let says = w.need("says", "a wrong answer")?.node().line("says")?;
            wrong.push(Wrong { answer, says });
        }
    }
    Ok(Step {
        id: id_text,
        title: node.need("title", "a step")?.node().line("title")?,
        text: String::new(),
        check,
        answer,
        hints,
        predict,
        wrong,
    })
}

fn hint(node: Node<'_>) -> Result<Hint, LessonError> {
    node.map("a hint", &["text", "after", "when"])?;
    let text = node.need("text", "a hint")?.node().line("text")?;
    let reason = match (node.get("after"), node.get("when")) {
        (Some(after), None) => {
            let a = after.node();
            a.map("after", &["failures", "time"])?;
            match (a.get("failures"), a.get("time")) {
                (Some(f), None) => {
                    Reason::Failures(u32::try_from(f.node().whole("failures")?).unwrap_or(u32::MAX))
                }
                (None, Some(t)) => Reason::Time(t.node().duration("time")?),
                _ => return Err(a.error("after needs one of failures, time")),
            }
        }
        (None, Some(when)) => Reason::When(Box::new(Reader::default().check(when.node())?)),
        _ => return Err(node.error("a hint needs one of after, when")),
    };
    Ok(Hint { text, reason })
}

fn answer_item(node: Node<'_>) -> Result<Answer, LessonError> {
    if node.value().is_string() {
        return Ok(Answer::Line(node.text("a command")?));
    }
    node.map(
        "an answer",
        &[
            "file",
            "text",
            "replace",
            "with",
            "wait",
            "stop-node",
            "start-node",
        ],
    )?;
    if let Some(wait) = node.get("wait") {
        return Ok(Answer::Wait(wait.node().duration("wait")?));
    }
    for (key, down) in [("stop-node", true), ("start-node", false)] {
        if let Some(name) = node.get(key) {
            return Ok(Answer::Node(name.node().line(key)?, down));
        }
    }
    let file = node.need("file", "an answer")?.node().line("file")?;
    let file = file.trim_start_matches('/').to_string();
    match (node.get("text"), node.get("replace"), node.get("with")) {
        (Some(t), None, None) => Ok(Answer::Write {
            file,
            text: t.node().text("text")?,
        }),
        (None, Some(old), Some(new)) => Ok(Answer::Replace {
            file,
            old: old.node().line("replace")?,
            new: new.node().text("with")?,
        }),
        _ => Err(node.error("an edit needs text, or replace and with")),
    }
}

fn predict(node: Node<'_>) -> Result<Predict, LessonError> {
    node.map(
        "predict",
        &["question", "choices", "answer", "check", "why"],
    )?;
    let mut choices = Vec::new();
    let list = node.need("choices", "predict")?;
    for item in list.node().items("choices")? {
        let c = item.node();
        c.map("a choice", &["id", "text"])?;
        let id = c.need("id", "a choice")?.node().line("id")?;
        if choices.iter().any(|(other, _)| *other == id) {
            return Err(c.error(format!("a second choice \"{id}\"")));
        }
        choices.push((id, c.need("text", "a choice")?.node().line("text")?));
    }
    if choices.len() < 2 {
        return Err(list.node().error("predict needs at least two choices"));
    }
    let answer = node.need("answer", "predict")?;
    let answer_id = answer.node().line("answer")?;
    if !choices.iter().any(|(id, _)| *id == answer_id) {
        return Err(answer
            .node()
            .error(format!("answer \"{answer_id}\" is not a choice")));
    }
    Ok(Predict {
        question: node.need("question", "predict")?.node().line("question")?,
        choices,
        answer: answer_id,
        check: Reader::default().check(node.need("check", "predict")?.node())?,
        why: node.need("why", "predict")?.node().line("why")?,
    })
}

/// Gives each step the text of its `## ID` section and the lesson the text before them.
fn attach_text(lesson: &mut Lesson, body: &str, first_line: usize) -> Result<(), LessonError> {
    let mut current: Option<usize> = None;
    let mut seen = vec![false; lesson.steps.len()];
    let mut intro = String::new();
    for (i, line) in body.lines().enumerate() {
        if let Some(heading) = line.strip_prefix("## ") {
            let id = heading.trim();
            let Some(index) = lesson.steps.iter().position(|s| s.id == id) else {
                return Err(at(
                    first_line + i,
                    4,
                    format!("no step \"{id}\" in the front matter"),
                ));
            };
            if seen.get(index).copied().unwrap_or(true) {
                return Err(at(first_line + i, 4, format!("a second section \"{id}\"")));
            }
            if let Some(s) = seen.get_mut(index) {
                *s = true;
            }
            current = Some(index);
            continue;
        }
        let target = match current.and_then(|c| lesson.steps.get_mut(c)) {
            Some(step) => &mut step.text,
            None => &mut intro,
        };
        target.push_str(line);
        target.push('\n');
    }
    if let Some(missing) = seen.iter().position(|s| !s) {
        let id = lesson
            .steps
            .get(missing)
            .map(|s| s.id.clone())
            .unwrap_or_default();
        return Err(at(
            first_line,
            1,
            format!("no section \"## {id}\" for step \"{id}\""),
        ));
    }
    lesson.intro = intro.trim().to_string();
    for step in &mut lesson.steps {
        step.text = step.text.trim().to_string();
    }
    Ok(())
}
