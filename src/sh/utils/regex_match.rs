//! Matching a compiled expression by bounded backtracking.

use super::regex::Node;

/// A search in progress: the text, the step budget left and the group spans so far.
pub(super) struct M<'a> {
    pub(super) t: &'a [char],
    pub(super) icase: bool,
    pub(super) budget: usize,
    pub(super) caps: Vec<Option<(usize, usize)>>,
}

fn is_word(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

impl M<'_> {
    fn eq(&self, a: char, b: char) -> bool {
        a == b || (self.icase && a.to_lowercase().eq(b.to_lowercase()))
    }

    fn single(&self, n: &Node, pos: usize) -> Option<bool> {
        let c = *self.t.get(pos)?;
        Some(match n {
            Node::Char(x) => self.eq(*x, c),
            Node::Any => c != '\n',
            Node::Class(neg, ranges) => {
                let hit = ranges.iter().any(|(lo, hi)| {
                    (*lo..=*hi).contains(&c)
                        || (self.icase
                            && c.to_lowercase()
                                .chain(c.to_uppercase())
                                .any(|x| (*lo..=*hi).contains(&x)))
                });
                hit != *neg
            }
            _ => return None,
        })
    }

    pub(super) fn m(
        &mut self,
        n: &Node,
        pos: usize,
        k: &mut dyn FnMut(&mut Self, usize) -> bool,
    ) -> bool {
        if self.budget == 0 {
            return false;
        }
        self.budget -= 1;
        match n {
            Node::Char(_) | Node::Any | Node::Class(..) => {
                self.single(n, pos) == Some(true) && k(self, pos + 1)
            }
            Node::Start => pos == 0 && k(self, pos),
            Node::End => pos == self.t.len() && k(self, pos),
            Node::WordBoundary => {
                let before = pos.checked_sub(1).and_then(|p| self.t.get(p));
                (is_word(before) != is_word(self.t.get(pos))) && k(self, pos)
            }
            Node::Group(inner, idx) => {
                let idx = *idx;
                self.m(inner, pos, &mut |me: &mut Self, end| {
                    let old = me.caps.get(idx).copied().flatten();
                    if let Some(slot) = me.caps.get_mut(idx) {
                        *slot = Some((pos, end));
                    }
                    if k(me, end) {
                        return true;
                    }
                    if let Some(slot) = me.caps.get_mut(idx) {
                        *slot = old;
                    }
                    false
                })
            }
            Node::Alt(arms) => arms.iter().any(|a| self.m(a, pos, k)),
            Node::Seq(items) => self.seq(items, pos, k),
            Node::Repeat(inner, min, max) => {
                if matches!(**inner, Node::Char(_) | Node::Any | Node::Class(..)) {
                    let mut count = 0;
                    while count < *max && self.single(inner, pos + count) == Some(true) {
                        count += 1;
                    }
                    if count < *min {
                        return false;
                    }
                    (*min..=count).rev().any(|c| k(self, pos + c))
                } else {
                    self.repeat(inner, *min, *max, 0, pos, k)
                }
            }
        }
    }

    fn seq(
        &mut self,
        items: &[Node],
        pos: usize,
        k: &mut dyn FnMut(&mut Self, usize) -> bool,
    ) -> bool {
        match items.split_first() {
            None => k(self, pos),
            Some((first, rest)) => self.m(first, pos, &mut |me: &mut Self, p| me.seq(rest, p, k)),
        }
    }

    fn repeat(
        &mut self,
        inner: &Node,
        min: usize,
        max: usize,
        count: usize,
        pos: usize,
        k: &mut dyn FnMut(&mut Self, usize) -> bool,
    ) -> bool {
        if count > 1_000 {
            return false;
        }
        if count < max
            && self.m(inner, pos, &mut |me: &mut Self, p| {
                p != pos && me.repeat(inner, min, max, count + 1, p, k)
            })
        {
            return true;
        }
        count >= min && k(self, pos)
    }
}
