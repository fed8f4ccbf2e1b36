//! Values the model shares with the page's components: equal only to themselves, so a component
//! re-renders exactly when the model replaced the value.

use std::ops::Deref;
use std::rc::Rc;

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
