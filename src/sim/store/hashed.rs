//! A string-keyed hash map for lookups on hot paths that still saves, prints and compares in key
//! order, so the saved state never depends on hashing.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::{Deref, DerefMut};

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Values by string key, found in one probe. The hasher is fixed; callers iterate it only where
/// order cannot matter, and serialisation and `Debug` sort the keys.
#[derive(Clone, PartialEq)]
pub struct HashedMap<V>(HashMap<String, V, FxBuildHasher>);

impl<V> Default for HashedMap<V> {
    fn default() -> Self {
        HashedMap(HashMap::default())
    }
}

impl<V> HashedMap<V> {
    /// The entries in key order.
    fn sorted(&self) -> BTreeMap<&str, &V> {
        self.0.iter().map(|(k, v)| (k.as_str(), v)).collect()
    }
}

impl<V> Deref for HashedMap<V> {
    type Target = HashMap<String, V, FxBuildHasher>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<V> DerefMut for HashedMap<V> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl<V: fmt::Debug> fmt::Debug for HashedMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.sorted()).finish()
    }
}

impl<V: Serialize> Serialize for HashedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.sorted())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for HashedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = BTreeMap::<String, V>::deserialize(deserializer)?;
        Ok(HashedMap(entries.into_iter().collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_prints_in_key_order_whatever_the_insertion_order() {
        let mut a = HashedMap::default();
        let mut b = HashedMap::default();
        for k in ["web-9", "web-10", "db-0", "web-1"] {
            a.insert(k.to_string(), k.len());
        }
        for k in ["web-1", "db-0", "web-10", "web-9"] {
            b.insert(k.to_string(), k.len());
        }
        let text = serde_json::to_string(&a).unwrap();
        assert_eq!(text, r#"{"db-0":4,"web-1":5,"web-10":6,"web-9":5}"#);
        assert_eq!(text, serde_json::to_string(&b).unwrap());
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_eq!(a, b);
        let back: HashedMap<usize> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.get("web-10"), Some(&6));
    }
}
