//! How a table holds one object: made, or as the facts it is made from until it is first read.
//! Events are held this way: a settle records ten of them per pod and reads almost none, and the
//! API's Event is a kilobyte of fields with a string for each, where the facts are a few strings.

use std::cell::OnceCell;
use std::rc::Rc;

/// The facts an object is made from, kept in place of the object until someone reads it.
pub trait Recipe<T>: 'static {
    /// The object stored under `key` at resource version `rv`.
    fn make(&self, key: &str, rv: u64) -> T;

    /// When the object last changed, if the recipe knows it: lists ordered by time (the newest
    /// events) read it without making the object.
    fn changed_at(&self) -> Option<jiff::Timestamp> {
        None
    }
}

/// A look at a held object that does not make a pending one.
pub enum Peek<'a, T> {
    /// The object, made.
    Made(&'a Rc<T>),
    /// Still pending; when it last changed, if its recipe knows.
    Pending(Option<jiff::Timestamp>),
}

/// A recipe with its resource version and, once read, the object it made.
struct Pending<T, R> {
    made: OnceCell<Rc<T>>,
    rv: u64,
    recipe: R,
}

/// A pending object whatever its recipe's type.
pub(super) trait Deferred<T> {
    /// The object, made on the first call.
    fn object(&self, key: &str) -> &Rc<T>;
    /// The object if it was made, else what the recipe knows without making it.
    fn peek(&self) -> Peek<'_, T>;
}

impl<T, R: Recipe<T>> Deferred<T> for Pending<T, R> {
    fn object(&self, key: &str) -> &Rc<T> {
        self.made
            .get_or_init(|| Rc::new(self.recipe.make(key, self.rv)))
    }

    fn peek(&self) -> Peek<'_, T> {
        match self.made.get() {
            Some(made) => Peek::Made(made),
            None => Peek::Pending(self.recipe.changed_at()),
        }
    }
}

/// One slot's object.
pub(super) enum Held<T> {
    /// Made.
    Made(Rc<T>),
    /// Made when first read. Shared, so that cloning a table (a snapshot) stays cheap.
    Pending(Rc<dyn Deferred<T>>),
}

impl<T> Clone for Held<T> {
    fn clone(&self) -> Self {
        match self {
            Held::Made(v) => Held::Made(Rc::clone(v)),
            Held::Pending(p) => Held::Pending(Rc::clone(p)),
        }
    }
}

impl<T: 'static> Held<T> {
    /// Holds what `recipe` makes at resource version `rv`.
    pub fn pending<R: Recipe<T>>(recipe: R, rv: u64) -> Self {
        Held::Pending(Rc::new(Pending {
            made: OnceCell::new(),
            rv,
            recipe,
        }))
    }
}

impl<T> Held<T> {
    /// The object stored under `key`, made now if it is still pending.
    pub fn get(&self, key: &str) -> &Rc<T> {
        match self {
            Held::Made(v) => v,
            Held::Pending(p) => p.object(key),
        }
    }

    /// The object, to change: a pending one is made and then held as made, so that the recipe's
    /// copy goes away and the object is not shared because of it. Always `Some`.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Rc<T>> {
        if let Held::Pending(p) = self {
            let made = Rc::clone(p.object(key));
            *self = Held::Made(made);
        }
        match self {
            Held::Made(v) => Some(v),
            Held::Pending(_) => None,
        }
    }

    /// A look that does not make a pending object.
    pub fn peek(&self) -> Peek<'_, T> {
        match self {
            Held::Made(v) => Peek::Made(v),
            Held::Pending(p) => p.peek(),
        }
    }

    /// The object, given up by the table.
    pub fn into_made(self, key: &str) -> Rc<T> {
        match self {
            Held::Made(v) => v,
            Held::Pending(p) => Rc::clone(p.object(key)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static MADE: Cell<u32> = const { Cell::new(0) };
    }

    struct Name(&'static str);

    impl Recipe<String> for Name {
        fn make(&self, key: &str, rv: u64) -> String {
            MADE.with(|m| m.set(m.get() + 1));
            format!("{key}:{}@{rv}", self.0)
        }
    }

    #[test]
    fn a_pending_object_is_made_once_on_first_read() {
        MADE.with(|m| m.set(0));
        let held = Held::pending(Name("web-0"), 7);
        assert_eq!(MADE.with(Cell::get), 0);
        assert_eq!(held.get("default/e").as_str(), "default/e:web-0@7");
        assert_eq!(held.get("default/e").as_str(), "default/e:web-0@7");
        assert_eq!(MADE.with(Cell::get), 1);
    }

    #[test]
    fn a_peek_makes_nothing() {
        MADE.with(|m| m.set(0));
        let held = Held::pending(Name("web-2"), 1);
        assert!(matches!(held.peek(), Peek::Pending(None)));
        assert_eq!(MADE.with(Cell::get), 0);
        held.get("k");
        assert!(matches!(held.peek(), Peek::Made(v) if v.as_str() == "k:web-2@1"));
    }

    #[test]
    fn changing_a_pending_object_leaves_it_unshared() {
        let mut held = Held::pending(Name("web-1"), 3);
        let Some(v) = held.get_mut("k") else {
            panic!("a held object is always there to change");
        };
        assert_eq!(Rc::strong_count(v), 1);
        Rc::make_mut(v).push('!');
        assert_eq!(held.get("k").as_str(), "k:web-1@3!");
        // A clone shares the object, so a change to one copies it first.
        let mut copy = held.clone();
        if let Some(v) = copy.get_mut("k") {
            Rc::make_mut(v).push('?');
        }
        assert_eq!(held.get("k").as_str(), "k:web-1@3!");
        assert_eq!(copy.into_made("k").as_str(), "k:web-1@3!?");
    }
}
