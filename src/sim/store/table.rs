//! One kind's objects by store key: the objects sit in slots, a hash map finds a key's slot in one
//! probe, and a list of slots in key order keeps listing, namespace ranges and serialisation in key
//! order, as a watch cache lists them. That list is sorted again only when it is read after keys
//! came or went, so creating thousands of objects (events above all) costs no ordered insertions.

use std::borrow::Borrow;
use std::cell::{Cell, OnceCell};
use std::collections::BTreeMap;
use std::fmt;
use std::hash::BuildHasher;
use std::ops::{Bound, RangeBounds};
use std::rc::Rc;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::held::{Held, Peek, Recipe};

/// Objects of one kind by key (`namespace/name`, or `name` for cluster-scoped kinds). Objects are
/// shared so that controllers can snapshot a list without copying every object; an object may be
/// held as a recipe until it is first read.
pub struct Table<T> {
    /// Each object with its key, in a slot that stays put while it lives.
    slots: Vec<Option<(String, Held<T>)>>,
    /// Slots freed by removals, reused first.
    free: Vec<usize>,
    /// Each key's slot, found by the key's hash and compared with the slot's own key, so a key is
    /// stored once. The hasher is fixed, and the index is never iterated, so its order cannot leak
    /// into the state.
    index: HashTable<Indexed>,
    /// The filled slots in key order, while no key has come or gone since it was sorted.
    sorted: OnceCell<Vec<usize>>,
    /// Otherwise: the last order, then the slots filled since. It may still name freed slots, and
    /// a reused slot twice; sorting drops both.
    unsorted: Cell<Vec<usize>>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            slots: Vec::new(),
            free: Vec::new(),
            index: HashTable::new(),
            sorted: OnceCell::new(),
            unsorted: Cell::default(),
        }
    }
}

impl<T> Clone for Table<T> {
    fn clone(&self) -> Self {
        Table {
            slots: self.slots.clone(),
            free: self.free.clone(),
            index: self.index.clone(),
            sorted: OnceCell::from(self.order().to_vec()),
            unsorted: Cell::default(),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// The hash the index files key `k` under: the hash of its namespace and name parts, so that a
/// lookup by namespace and name needs no joined key.
fn hash_of(k: &str) -> u64 {
    // Keys are short: a plain scan finds the slash sooner than a memchr call.
    let slash = k.bytes().position(|b| b == b'/');
    match slash.and_then(|i| Some((k.get(..i)?, k.get(i + 1..)?))) {
        Some((namespace, name)) => hash_parts(namespace, name),
        None => hash_parts("", k),
    }
}

/// The hash of the key `namespace/name` (`name` when the namespace is empty).
fn hash_parts(namespace: &str, name: &str) -> u64 {
    FxBuildHasher.hash_one((namespace, name))
}

/// Whether `key` is `namespace/name` (`name` when the namespace is empty).
fn is_key_of(key: &str, namespace: &str, name: &str) -> bool {
    if namespace.is_empty() {
        return key == name;
    }
    key.len() == namespace.len() + 1 + name.len()
        && key.starts_with(namespace)
        && key.ends_with(name)
        && key.as_bytes().get(namespace.len()) == Some(&b'/')
}

/// The key in slot `i` of `slots`, empty for a free slot.
fn key_in<T>(slots: &[Option<(String, Held<T>)>], i: usize) -> &str {
    slots
        .get(i)
        .and_then(Option::as_ref)
        .map_or("", |(k, _)| k.as_str())
}

/// An index entry: a key's hash, kept so that growing the index never reads the keys, and its slot.
#[derive(Clone, Copy)]
struct Indexed {
    hash: u64,
    slot: usize,
}

impl<T> Table<T> {
    /// The slot holding key `k`, whose hash is `hash`.
    fn find_hashed(&self, hash: u64, k: &str) -> Option<usize> {
        self.index
            .find(hash, |e| e.hash == hash && key_in(&self.slots, e.slot) == k)
            .map(|e| e.slot)
    }

    /// The slot holding key `k`.
    fn find(&self, k: &str) -> Option<usize> {
        self.find_hashed(hash_of(k), k)
    }

    /// The slot holding key `namespace/name`.
    fn find_parts(&self, namespace: &str, name: &str) -> Option<usize> {
        let hash = hash_parts(namespace, name);
        self.index
            .find(hash, |e| {
                e.hash == hash && is_key_of(key_in(&self.slots, e.slot), namespace, name)
            })
            .map(|e| e.slot)
    }

    /// The object at `namespace/name` (at `name` when the namespace is empty).
    pub fn get_in(&self, namespace: &str, name: &str) -> Option<&Rc<T>> {
        self.entry(self.find_parts(namespace, name)?)
            .map(|(_, v)| v)
    }

    /// The object at `namespace/name`, to change in place.
    pub fn get_mut_in(&mut self, namespace: &str, name: &str) -> Option<&mut Rc<T>> {
        let i = self.find_parts(namespace, name)?;
        let (key, held) = self.slots.get_mut(i)?.as_mut()?;
        held.get_mut(key)
    }

    fn slot(&self, i: usize) -> Option<&(String, Held<T>)> {
        self.slots.get(i).and_then(Option::as_ref)
    }

    /// The key and object in slot `i`, made now if it was pending.
    fn entry(&self, i: usize) -> Option<(&String, &Rc<T>)> {
        self.slot(i).map(|(k, v)| (k, v.get(k)))
    }

    fn key_at(&self, i: usize) -> &str {
        key_in(&self.slots, i)
    }

    /// The filled slots in key order, sorted now if keys came or went since the last read.
    fn order(&self) -> &[usize] {
        self.sorted.get_or_init(|| {
            let mut order = self.unsorted.take();
            order.retain(|&i| self.slot(i).is_some());
            // The last order is one sorted run, so this costs little more than the new keys.
            order.sort_by(|&a, &b| self.key_at(a).cmp(self.key_at(b)));
            // A slot listed twice (freed, then reused) has one key, so its copies are neighbours.
            order.dedup();
            order
        })
    }

    /// The order, to change now that a key comes or goes.
    fn order_mut(&mut self) -> &mut Vec<usize> {
        if let Some(order) = self.sorted.take() {
            self.unsorted.set(order);
        }
        self.unsorted.get_mut()
    }

    /// The object with key `k`.
    pub fn get(&self, k: &str) -> Option<&Rc<T>> {
        self.entry(self.find(k)?).map(|(_, v)| v)
    }

    /// The object with key `k`, to change in place.
    pub fn get_mut(&mut self, k: &str) -> Option<&mut Rc<T>> {
        let i = self.find(k)?;
        let (key, held) = self.slots.get_mut(i)?.as_mut()?;
        held.get_mut(key)
    }

    /// Whether an object has key `k`.
    pub fn contains_key(&self, k: &str) -> bool {
        self.find(k).is_some()
    }

    /// The number of objects.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether there are no objects.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Stores `value` under `k`, returning the object it replaced; the key is copied only when new.
    pub fn put(&mut self, k: &str, value: Rc<T>) -> Option<Rc<T>> {
        self.hold(k, Held::Made(value))
    }

    /// Stores what `recipe` makes at resource version `rv` under `k`, to be made when first read;
    /// returns whether it replaced an object.
    pub fn put_pending<R: Recipe<T>>(&mut self, k: &str, recipe: R, rv: u64) -> bool
    where
        T: 'static,
    {
        self.hold(k, Held::pending(recipe, rv)).is_some()
    }

    fn hold(&mut self, k: &str, value: Held<T>) -> Option<Rc<T>> {
        let hash = hash_of(k);
        if let Some(i) = self.find_hashed(hash, k)
            && let Some((key, old)) = self.slots.get_mut(i).and_then(Option::as_mut)
        {
            return Some(std::mem::replace(old, value).into_made(key));
        }
        let filled = Some((k.to_string(), value));
        let i = match self.free.pop() {
            Some(i) => {
                if let Some(slot) = self.slots.get_mut(i) {
                    *slot = filled;
                }
                i
            }
            None => {
                self.slots.push(filled);
                self.slots.len() - 1
            }
        };
        self.index
            .insert_unique(hash, Indexed { hash, slot: i }, |e| e.hash);
        self.order_mut().push(i);
        None
    }

    /// Removes and returns the object with key `k`.
    pub fn remove(&mut self, k: &str) -> Option<Rc<T>> {
        let hash = hash_of(k);
        let slots = &self.slots;
        let found = self
            .index
            .find_entry(hash, |e| e.hash == hash && key_in(slots, e.slot) == k)
            .ok()?;
        let i = found.remove().0.slot;
        // The slot stays listed until the next read sorts it away.
        self.order_mut();
        self.free.push(i);
        self.slots.get_mut(i)?.take().map(|(k, v)| v.into_made(&k))
    }

    /// Keys and objects, in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &Rc<T>)> + '_ {
        self.pair_up(self.order())
    }

    /// Keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + '_ {
        self.iter().map(|(k, _)| k)
    }

    /// Objects in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Rc<T>> + '_ {
        self.iter().map(|(_, v)| v)
    }

    /// Keys and objects whose keys fall in `range`, in key order.
    pub fn range<K, R>(&self, range: R) -> impl DoubleEndedIterator<Item = (&String, &Rc<T>)> + '_
    where
        K: Ord + ?Sized,
        R: RangeBounds<K>,
        String: Borrow<K>,
    {
        self.pair_up(self.span(&range))
    }

    /// Keys in `range` with a look at each object that does not make pending ones, in key order.
    pub fn range_peek<K, R>(&self, range: R) -> impl Iterator<Item = (&String, Peek<'_, T>)> + '_
    where
        K: Ord + ?Sized,
        R: RangeBounds<K>,
        String: Borrow<K>,
    {
        self.span(&range)
            .iter()
            .filter_map(|&i| self.slot(i).map(|(k, v)| (k, v.peek())))
    }

    /// How many keys fall in `range`, without visiting the objects.
    pub fn count_range<K, R>(&self, range: R) -> usize
    where
        K: Ord + ?Sized,
        R: RangeBounds<K>,
        String: Borrow<K>,
    {
        self.span(&range).len()
    }

    /// The part of the order whose keys fall in `range`, found by binary search.
    fn span<K, R>(&self, range: &R) -> &[usize]
    where
        K: Ord + ?Sized,
        R: RangeBounds<K>,
        String: Borrow<K>,
    {
        let order = self.order();
        let key = |i: &usize| -> Option<&K> { self.slot(*i).map(|(k, _)| k.borrow()) };
        // The range's two halves, each open on the other side, split the order at its two ends.
        let from_start = (range.start_bound(), Bound::Unbounded);
        let to_end = (Bound::Unbounded, range.end_bound());
        let from = order.partition_point(|i| key(i).is_some_and(|k| !from_start.contains(k)));
        let to = order.partition_point(|i| key(i).is_some_and(|k| to_end.contains(k)));
        order.get(from..to.max(from)).unwrap_or_default()
    }

    fn pair_up<'a>(
        &'a self,
        order: &'a [usize],
    ) -> impl DoubleEndedIterator<Item = (&'a String, &'a Rc<T>)> + 'a {
        // Every slot in a sorted order is filled: sorting drops the freed ones.
        order.iter().filter_map(|&i| self.entry(i))
    }
}

impl<'a, T> IntoIterator for &'a Table<T> {
    type Item = (&'a String, &'a Rc<T>);
    type IntoIter = Box<dyn DoubleEndedIterator<Item = (&'a String, &'a Rc<T>)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl<T: PartialEq> PartialEq for Table<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl<T: Serialize> Serialize for Table<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Table<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = BTreeMap::<String, Rc<T>>::deserialize(deserializer)?;
        let mut table = Table::default();
        for (k, v) in entries {
            table.put(&k, v);
        }
        Ok(table)
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
