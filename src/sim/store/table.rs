//! One kind's objects by store key: the objects sit in slots, a hash map finds a key's slot in one
//! probe, and an ordered map of keys to slots keeps listing, namespace ranges and serialisation in
//! key order, as a watch cache lists them.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::RangeBounds;
use std::rc::Rc;

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Objects of one kind by key (`namespace/name`, or `name` for cluster-scoped kinds). Objects are
/// shared so that controllers can snapshot a list without copying every object.
pub struct Table<T> {
    /// The objects, each in a slot that stays put while it lives.
    slots: Vec<Option<Rc<T>>>,
    /// Slots freed by removals, reused first.
    free: Vec<usize>,
    /// Each key's slot. The hasher is fixed, and the map is never iterated, so its order cannot
    /// leak into the state.
    index: HashMap<String, usize, FxBuildHasher>,
    /// Each key's slot, in key order.
    order: BTreeMap<String, usize>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            slots: Vec::new(),
            free: Vec::new(),
            index: HashMap::default(),
            order: BTreeMap::new(),
        }
    }
}

impl<T> Clone for Table<T> {
    fn clone(&self) -> Self {
        Table {
            slots: self.slots.clone(),
            free: self.free.clone(),
            index: self.index.clone(),
            order: self.order.clone(),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<T> Table<T> {
    fn slot(&self, i: usize) -> Option<&Rc<T>> {
        self.slots.get(i).and_then(Option::as_ref)
    }

    /// The object with key `k`.
    pub fn get(&self, k: &str) -> Option<&Rc<T>> {
        self.slot(*self.index.get(k)?)
    }

    /// The object with key `k`, to change in place.
    pub fn get_mut(&mut self, k: &str) -> Option<&mut Rc<T>> {
        let i = *self.index.get(k)?;
        self.slots.get_mut(i).and_then(Option::as_mut)
    }

    /// Whether an object has key `k`.
    pub fn contains_key(&self, k: &str) -> bool {
        self.index.contains_key(k)
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
        if let Some(old) = self.get_mut(k) {
            return Some(std::mem::replace(old, value));
        }
        let i = match self.free.pop() {
            Some(i) => {
                if let Some(slot) = self.slots.get_mut(i) {
                    *slot = Some(value);
                }
                i
            }
            None => {
                self.slots.push(Some(value));
                self.slots.len() - 1
            }
        };
        self.index.insert(k.to_string(), i);
        self.order.insert(k.to_string(), i);
        None
    }

    /// Removes and returns the object with key `k`.
    pub fn remove(&mut self, k: &str) -> Option<Rc<T>> {
        let i = self.index.remove(k)?;
        self.order.remove(k);
        self.free.push(i);
        self.slots.get_mut(i).and_then(Option::take)
    }

    /// Keys and objects, in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &Rc<T>)> + '_ {
        self.pair_up(self.order.iter())
    }

    /// Keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + '_ {
        self.order.keys()
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
        self.pair_up(self.order.range(range))
    }

    /// How many keys fall in `range`, without visiting the objects.
    pub fn count_range<K, R>(&self, range: R) -> usize
    where
        K: Ord + ?Sized,
        R: RangeBounds<K>,
        String: Borrow<K>,
    {
        self.order.range(range).count()
    }

    fn pair_up<'a>(
        &'a self,
        keys: impl DoubleEndedIterator<Item = (&'a String, &'a usize)> + 'a,
    ) -> impl DoubleEndedIterator<Item = (&'a String, &'a Rc<T>)> + 'a {
        // Every ordered key has a filled slot: `put` and `remove` change all three together.
        keys.filter_map(|(k, &i)| self.slot(i).map(|v| (k, v)))
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
mod tests {
    use super::*;

    fn table(keys: &[&str]) -> Table<u32> {
        let mut t = Table::default();
        for (i, k) in keys.iter().enumerate() {
            t.put(k, Rc::new(i as u32));
        }
        t
    }

    #[test]
    fn lists_in_key_order_whatever_the_insertion_order() {
        let t = table(&["default/web-2", "a/x", "default/web-10", "default/web-1"]);
        let keys: Vec<&str> = t.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["a/x", "default/web-1", "default/web-10", "default/web-2"]
        );
        let values: Vec<u32> = t.values().map(|v| **v).collect();
        assert_eq!(values, [1, 3, 2, 0]);
        let ranged: Vec<&str> = t
            .range("default/".to_string().."default0".to_string())
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(ranged, ["default/web-1", "default/web-10", "default/web-2"]);
    }

    #[test]
    fn replacing_keeps_one_key_and_removing_forgets_it() {
        let mut t = table(&["b", "a"]);
        assert_eq!(t.put("a", Rc::new(9)).map(|v| *v), Some(1));
        assert_eq!(t.len(), 2);
        assert_eq!(t.get("a").map(|v| **v), Some(9));
        assert_eq!(t.remove("b").map(|v| *v), Some(0));
        assert!(!t.contains_key("b"));
        assert_eq!(t.keys().count(), 1);
        assert!(t.remove("b").is_none());
        // The freed slot is reused without disturbing the other objects or the key order.
        t.put("0", Rc::new(7));
        let all: Vec<(&str, u32)> = t.iter().map(|(k, v)| (k.as_str(), **v)).collect();
        assert_eq!(all, [("0", 7), ("a", 9)]);
        assert_eq!(t.count_range("0".to_string()..="9".to_string()), 1);
    }

    #[test]
    fn serialises_as_an_ordered_map_and_reads_back() {
        let t = table(&["z", "m", "a"]);
        let text = serde_json::to_string(&t).unwrap_or_default();
        assert_eq!(text, r#"{"a":2,"m":1,"z":0}"#);
        let back: Table<u32> = serde_json::from_str(&text).unwrap_or_default();
        assert!(back == t);
        assert_eq!(format!("{back:?}"), r#"{"a": 2, "m": 1, "z": 0}"#);
    }
}
