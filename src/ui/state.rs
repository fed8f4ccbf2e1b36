//! How the session's model meets Yew: the reducer handle the components dispatch to.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Reducible;

pub use crate::session::state::*;

/// The reducer's handle for Yew: the model behind a shared cell, and a revision that changes
/// whenever the model does (so the page re-renders exactly then).
#[derive(Clone)]
pub struct State {
    /// The model.
    pub model: Rc<RefCell<Model>>,
    /// Bumped on every visible change.
    pub revision: u64,
}

impl State {
    /// Wraps a model.
    pub fn new(model: Model) -> State {
        State {
            model: Rc::new(RefCell::new(model)),
            revision: 0,
        }
    }
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision && Rc::ptr_eq(&self.model, &other.model)
    }
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let changed = match self.model.try_borrow_mut() {
            Ok(mut model) => model.update(msg),
            // Only possible if a message arrived while the page was drawing; it is dropped.
            Err(_) => false,
        };
        if changed {
            Rc::new(State {
                model: Rc::clone(&self.model),
                revision: self.revision.wrapping_add(1),
            })
        } else {
            self
        }
    }
}
