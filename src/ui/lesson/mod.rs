//! The lessons in the page: the catalogue opened from the top bar, and the panel of the lesson
//! in progress beside the terminal. Both draw the view models of `session::view::lesson`.

mod blocks;
mod catalogue;
mod panel;

pub use catalogue::{Catalogue, CatalogueProps};
pub use panel::{LessonPanel, LessonPanelProps};
