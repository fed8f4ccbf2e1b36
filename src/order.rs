//! Stable sorting through one compiled sort.
//!
//! The standard library's sort is generic, and each element type it is used with adds a few
//! kilobytes of code to the page's download. These helpers sort a list of positions with a
//! single compiled sort, then move the elements into place.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    {
        let view: &[T] = items;
        positions(&mut order, &mut |a, b| match (view.get(a), view.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        });
    }
    permute(items, &order);
}

/// Sorts `items` stably by the key `key` gives, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably in their natural order, like `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The one compiled sort: positions ordered by a comparison of the elements they name.
#[inline(never)]
fn positions(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

/// Rearranges `items` so that position `i` holds the element that was at `order[i]`.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        if placed.get(start).copied().unwrap_or(true) {
            continue;
        }
        let mut at = start;
        loop {
            if let Some(done) = placed.get_mut(at) {
                *done = true;
            }
            let from = order.get(at).copied().unwrap_or(start);
            if from == start || from >= items.len() {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the comparison with the standard sort covers many
    /// shapes of input.
    fn lists() -> Vec<Vec<(u8, u16)>> {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..300)
            .map(|n| {
                (0..n % 40)
                    .map(|i| ((next() % 6) as u8, i as u16))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn matches_the_standard_stable_sort() {
        for list in lists() {
            let mut ours = list.clone();
            let mut std_sorted = list.clone();
            sort_by_key(&mut ours, |p| p.0);
            std_sorted.sort_by_key(|p| p.0);
            assert_eq!(ours, std_sorted, "input {list:?}");
            let mut reversed = list.clone();
            sort_by(&mut reversed, |a, b| b.cmp(a));
            let mut want = list.clone();
            want.sort_by(|a, b| b.cmp(a));
            assert_eq!(reversed, want);
        }
    }

    #[test]
    fn natural_order_and_tiny_lists() {
        let mut words = vec!["pod", "sts", "pvc", "ep", "pod"];
        sort(&mut words);
        assert_eq!(words, ["ep", "pod", "pod", "pvc", "sts"]);
        let mut one = vec![3];
        sort(&mut one);
        assert_eq!(one, [3]);
        let mut none: Vec<i32> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
    }
}
