//! How the model meets Yew: shared values that compare by identity, and the reducer handle.

use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use yew::Reducible;

use super::{Model, Msg};

/// A value shared with the components; equal only to itself, so props compare in O(1).
#[derive(Debug, Default)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> Shared<T> {
    /// A new value (for a mutation the components must notice).
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }

    /// Mutable access; copies first if a component still holds the old value.
    pub fn make_mut(&mut self) -> &mut T {
        Rc::make_mut(&mut self.0)
    }
}

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
