//! How the page begins: from a share link, else a lesson link, else from the autosave (with the
//! lesson that was open, at its step), else fresh; and the browser services the app leans on
//! (clock, random seed, theme).

use super::layout::Theme;
use super::persist;
use super::persist::payload::Payload;
use super::state::{Model, Msg, Notice};
use crate::session::view::lesson::resume_saved;

/// Real milliseconds a saved session may take to replay before the page gives up on it.
pub const REPLAY_BUDGET_MS: f64 = 5_000.0;

/// Real time in milliseconds (`performance.now()`), 0 when unavailable.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A fresh random seed for a new cluster.
pub fn random_seed() -> u64 {
    (js_sys::Math::random() * 4_294_967_296.0) as u64
}

/// A replay deadline `REPLAY_BUDGET_MS` from now.
fn deadline() -> impl FnMut() -> bool {
    let end = now_ms() + REPLAY_BUDGET_MS;
    move || now_ms() > end
}

/// The model the page opens with, timed by the browser's clock.
pub fn initial_model() -> Model {
    let mut model = opening_model();
    model.real_clock = now_ms;
    model
}

/// The model the page opens with, and why (a notice for the learner).
fn opening_model() -> Model {
    if let Some(packed) = persist::linked_session() {
        persist::clear_link();
        return match persist::unpack(&packed) {
            Ok(payload) => match Model::from_payload(&payload, &mut deadline()) {
                Ok(mut model) => {
                    // Paused, so that the learner sees the cluster exactly as it was shared.
                    model.clock.playing = false;
                    model.notice = Some(Notice {
                        error: false,
                        text: "Opened a shared session: its commands were replayed on a fresh cluster with the same seed. Press Play to continue."
                            .to_string(),
                    });
                    model.dirty = true;
                    model
                }
                Err(problem) => kept_files(&payload, "This share link's cluster", &problem),
            },
            Err(problem) => {
                let mut model = Model::fresh(random_seed());
                model.notice = Some(Notice {
                    error: true,
                    text: format!(
                        "This share link could not be opened: {problem}. A fresh session was started instead."
                    ),
                });
                model
            }
        };
    }
    if let Some(model) = from_lesson_link() {
        return model;
    }
    match persist::load_saved() {
        Some(Ok(payload)) => match Model::from_payload(&payload, &mut deadline()) {
            Ok(mut model) => {
                resume_saved(&mut model, &persist::load_progress());
                model
            }
            Err(problem) => kept_files(&payload, "Your saved cluster", &problem),
        },
        Some(Err(problem)) => {
            persist::clear_saved();
            let mut model = Model::fresh(random_seed());
            model.notice = Some(Notice {
                error: true,
                text: format!(
                    "Your saved session could not be restored ({problem}); this is a fresh one."
                ),
            });
            model
        }
        None => Model::fresh(random_seed()),
    }
}

/// A lesson opened from a `#lesson=ID&step=N` link, at that step; a bad link is a warning in
/// the console and the page opens as it would without it.
fn from_lesson_link() -> Option<Model> {
    let link = persist::lesson_link()?;
    // The link has done its work: a reload comes back from the autosave.
    persist::clear_link();
    match link {
        Ok(link) => {
            let mut model = Model::fresh(random_seed());
            model.update(Msg::OpenLesson(link.id));
            if let Some(step) = link.step {
                model.update(Msg::LessonGoTo(step));
            }
            Some(model)
        }
        Err(problem) => {
            web_sys::console::warn_1(&format!("Lesson link ignored: {problem}.").into());
            None
        }
    }
}

/// A session that keeps the files when its cluster could not be replayed.
fn kept_files(payload: &Payload, what: &str, problem: &str) -> Model {
    let mut model = Model::files_only(payload);
    model.notice = Some(Notice {
        error: true,
        text: format!(
            "{what} could not be rebuilt ({problem}). Your files and command history are here; the cluster starts fresh."
        ),
    });
    model
}

/// The theme stored from last time.
pub fn stored_theme() -> Theme {
    persist::load_pref(persist::THEME_KEY).map_or(Theme::System, |t| Theme::parse(&t))
}

/// Applies a theme to the document (`data-theme` on `<html>`) and remembers it.
pub fn apply_theme(theme: Theme) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            other => root.set_attribute("data-theme", other.as_str()),
        };
    }
    persist::save_pref(persist::THEME_KEY, theme.as_str());
}
