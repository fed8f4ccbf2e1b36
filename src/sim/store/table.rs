//! One kind's objects by store key: a hash map finds an object in one probe, and an ordered key set
//! keeps listing, namespace ranges and serialisation in key order, as a watch cache lists them.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::ops::RangeBounds;
use std::rc::Rc;

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Objects of one kind by key (`namespace/name`, or `name` for cluster-scoped kinds). Objects are
/// shared so that controllers can snapshot a list without copying every object.
pub struct Table<T> {
    /// The objects; a fixed hasher keeps the simulation free of global randomness, and the map is
    /// never iterated, so its order cannot leak into the state.
    objects: HashMap<String, Rc<T>, FxBuildHasher>,
    /// Every key, in order.
    order: BTreeSet<String>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            objects: HashMap::default(),
            order: BTreeSet::new(),
        }
    }
}

impl<T> Clone for Table<T> {
    fn clone(&self) -> Self {
        Table {
            objects: self.objects.clone(),
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
    /// The object with key `k`.
    pub fn get(&self, k: &str) -> Option<&Rc<T>> {
        self.objects.get(k)
    }

    /// The object with key `k`, to change in place.
    pub fn get_mut(&mut self, k: &str) -> Option<&mut Rc<T>> {
        self.objects.get_mut(k)
    }

    /// Whether an object has key `k`.
    pub fn contains_key(&self, k: &str) -> bool {
        self.objects.contains_key(k)
    }

    /// The number of objects.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Whether there are no objects.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// Stores `value` under `k`, returning the object it replaced.
    pub fn insert(&mut self, k: String, value: Rc<T>) -> Option<Rc<T>> {
        self.put(&k, value)
    }

    /// Stores `value` under `k`, returning the object it replaced; the key is copied only when new.
    pub fn put(&mut self, k: &str, value: Rc<T>) -> Option<Rc<T>> {
        match self.objects.get_mut(k) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.order.insert(k.to_string());
                self.objects.insert(k.to_string(), value);
                None
            }
        }
    }

    /// Removes and returns the object with key `k`.
    pub fn remove(&mut self, k: &str) -> Option<Rc<T>> {
        let removed = self.objects.remove(k)?;
        self.order.remove(k);
        Some(removed)
    }

    /// Keys and objects, in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &Rc<T>)> + '_ {
        self.pair_up(self.order.iter())
    }

    /// Keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + '_ {
        self.order.iter()
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

    fn pair_up<'a>(
        &'a self,
        keys: impl DoubleEndedIterator<Item = &'a String> + 'a,
    ) -> impl DoubleEndedIterator<Item = (&'a String, &'a Rc<T>)> + 'a {
        // Every ordered key has an object: `insert` and `remove` change both together.
        keys.filter_map(|k| self.objects.get(k.as_str()).map(|v| (k, v)))
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
        self.order == other.order
            && self
                .objects
                .iter()
                .all(|(k, v)| other.objects.get(k).is_some_and(|o| o == v))
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
            table.insert(k, v);
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
            t.insert((*k).to_string(), Rc::new(i as u32));
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
        assert_eq!(t.insert("a".into(), Rc::new(9)).map(|v| *v), Some(1));
        assert_eq!(t.len(), 2);
        assert_eq!(t.get("a").map(|v| **v), Some(9));
        assert_eq!(t.remove("b").map(|v| *v), Some(0));
        assert!(!t.contains_key("b"));
        assert_eq!(t.keys().count(), 1);
        assert!(t.remove("b").is_none());
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
