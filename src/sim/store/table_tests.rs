//! Tests of the store table: key order, ranges, slot reuse, lookups and serialisation.

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
fn a_slot_freed_and_reused_before_a_read_is_listed_once_under_its_new_key() {
    let mut t = table(&["a", "m", "z"]);
    assert_eq!(t.keys().count(), 3);
    t.remove("m");
    t.put("b", Rc::new(5));
    t.remove("z");
    t.put("y", Rc::new(6));
    t.put("c", Rc::new(7));
    let all: Vec<(&str, u32)> = t.iter().map(|(k, v)| (k.as_str(), **v)).collect();
    assert_eq!(all, [("a", 0), ("b", 5), ("c", 7), ("y", 6)]);
    assert_eq!(t.len(), 4);
    let cloned = t.clone();
    assert!(cloned == t);
}

#[test]
fn ranges_honour_each_kind_of_bound() {
    let t = table(&["a", "b", "c", "d"]);
    let keys = |r: Vec<(&String, &Rc<u32>)>| -> Vec<String> {
        r.into_iter().map(|(k, _)| k.clone()).collect()
    };
    use std::ops::Bound::{Excluded, Included, Unbounded};
    let b = "b".to_string();
    let d = "d".to_string();
    assert_eq!(
        keys(t.range::<String, _>((Excluded(&b), Included(&d))).collect()),
        ["c", "d"]
    );
    assert_eq!(
        keys(t.range::<String, _>((Unbounded, Excluded(&b))).collect()),
        ["a"]
    );
    assert_eq!(
        keys(t.range::<String, _>((Included(&d), Unbounded)).collect()),
        ["d"]
    );
    assert_eq!(t.count_range("c".to_string().."b".to_string()), 0);
    assert_eq!(
        t.range::<String, _>(..)
            .next_back()
            .map(|(k, _)| k.as_str()),
        Some("d")
    );
}

#[test]
fn lookups_by_namespace_and_name_find_exactly_the_joined_key() {
    let mut t = table(&[
        "default/web-0",
        "node-a",
        "kube-system/web-0",
        "default/web",
    ]);
    assert_eq!(t.get_in("default", "web-0").map(|v| **v), Some(0));
    assert_eq!(t.get_in("", "node-a").map(|v| **v), Some(1));
    assert_eq!(t.get_in("kube-system", "web-0").map(|v| **v), Some(2));
    assert_eq!(t.get_in("default", "web").map(|v| **v), Some(3));
    for (ns, name) in [
        ("default", "web-"),
        ("defaul", "t/web-0"),
        ("", "default/web-0"),
    ] {
        assert!(t.get_in(ns, name).is_none(), "{ns}/{name}");
    }
    if let Some(v) = t.get_mut_in("default", "web") {
        *Rc::make_mut(v) = 9;
    }
    assert_eq!(t.get("default/web").map(|v| **v), Some(9));
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
