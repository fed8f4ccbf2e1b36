//! Links to a lesson: `#lesson=ID` opens it, `#lesson=ID&step=N` opens it at step N (counted
//! from 1, as the panel's "Step N of M" says).

use super::bundled;

/// What a lesson link asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonLink {
    /// The lesson's id.
    pub id: String,
    /// The step to go to, counted from 0, if the link names one.
    pub step: Option<usize>,
}

/// Reads a page's URL hash: None when it is not a lesson link, an error in words when it names
/// no bundled lesson or no step of it.
pub fn parse_link(hash: &str) -> Option<Result<LessonLink, String>> {
    let query = hash.strip_prefix('#').unwrap_or(hash);
    let mut id = None;
    let mut step = None;
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("lesson", value)) => id = Some(value),
            Some(("step", value)) => step = Some(value),
            _ => {}
        }
    }
    let id = id?;
    Some(resolve(id, step))
}

fn resolve(id: &str, step: Option<&str>) -> Result<LessonLink, String> {
    let lesson = bundled::find(id).ok_or_else(|| format!("there is no lesson \"{id}\""))?;
    let step = match step {
        None => None,
        Some(text) => {
            let steps = lesson.steps.len();
            match text.parse::<usize>() {
                Ok(n) if (1..=steps).contains(&n) => Some(n - 1),
                _ => {
                    return Err(format!(
                        "lesson \"{id}\" has steps 1 to {steps}, not \"{text}\""
                    ));
                }
            }
        }
    };
    Ok(LessonLink {
        id: id.to_string(),
        step,
    })
}
