//! Regular expressions for grep, sed and awk: POSIX basic and extended syntax (with the GNU
//! `\+ \? \|` extensions and `\w \s \d`), matched by bounded backtracking.

/// One element of a compiled expression.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Char(char),
    Any,
    Class(bool, Vec<(char, char)>),
    Start,
    End,
    WordBoundary,
    Group(Box<Node>, usize),
    Alt(Vec<Node>),
    Seq(Vec<Node>),
    Repeat(Box<Node>, usize, usize),
}

/// A match: start and end (in chars) and the spans of the groups.
pub type Found = (usize, usize, Vec<Option<(usize, usize)>>);

use super::regex_match::M;

/// A compiled expression.
#[derive(Debug, Clone)]
pub struct Regex {
    root: Node,
    groups: usize,
    icase: bool,
}

/// How many steps one search may take before it gives up (and reports no match).
const BUDGET: usize = 2_000_000;

struct P<'a> {
    c: &'a [char],
    i: usize,
    ere: bool,
    groups: usize,
    depth: usize,
}

impl P<'_> {
    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }

    fn at(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, ch)| self.c.get(self.i + k) == Some(&ch))
    }

    fn alt(&mut self) -> Result<Node, String> {
        self.depth += 1;
        if self.depth > 50 {
            return Err("regular expression too deep".into());
        }
        let mut arms = vec![self.seq()?];
        loop {
            if self.ere && self.peek() == Some('|') {
                self.i += 1;
            } else if !self.ere && self.at("\\|") {
                self.i += 2;
            } else {
                break;
            }
            arms.push(self.seq()?);
        }
        self.depth -= 1;
        Ok(if arms.len() == 1 {
            arms.pop().unwrap_or(Node::Seq(Vec::new()))
        } else {
            Node::Alt(arms)
        })
    }

    fn closes_group(&self) -> bool {
        if self.ere {
            self.peek() == Some(')')
        } else {
            self.at("\\)")
        }
    }

    fn seq(&mut self) -> Result<Node, String> {
        let mut items: Vec<Node> = Vec::new();
        while let Some(c) = self.peek() {
            if self.closes_group() || (self.ere && c == '|') || (!self.ere && self.at("\\|")) {
                break;
            }
            let atom = self.atom(items.is_empty())?;
            let atom = self.quantified(atom)?;
            items.push(atom);
        }
        Ok(Node::Seq(items))
    }

    fn quantified(&mut self, mut atom: Node) -> Result<Node, String> {
        loop {
            let (min, max, len) = match self.peek() {
                Some('*') => (0, usize::MAX, 1),
                Some('+') if self.ere => (1, usize::MAX, 1),
                Some('?') if self.ere => (0, 1, 1),
                Some('\\') if !self.ere && self.at("\\+") => (1, usize::MAX, 2),
                Some('\\') if !self.ere && self.at("\\?") => (0, 1, 2),
                Some('{') if self.ere => match self.bounds(1)? {
                    Some(b) => b,
                    None => return Ok(atom),
                },
                Some('\\') if !self.ere && self.at("\\{") => match self.bounds(2)? {
                    Some(b) => b,
                    None => return Ok(atom),
                },
                _ => return Ok(atom),
            };
            self.i += len;
            atom = Node::Repeat(Box::new(atom), min, max);
        }
    }

    /// Reads `{n}`, `{n,}`, `{n,m}`; returns (min, max, chars consumed after the opening).
    fn bounds(&mut self, open: usize) -> Result<Option<(usize, usize, usize)>, String> {
        let start = self.i;
        let mut j = start + open;
        let read = |j: &mut usize| {
            let mut n = String::new();
            while let Some(d) = self.c.get(*j).filter(|d| d.is_ascii_digit()) {
                n.push(*d);
                *j += 1;
            }
            n
        };
        let lo = read(&mut j);
        let mut hi = lo.clone();
        if self.c.get(j) == Some(&',') {
            j += 1;
            hi = read(&mut j);
            if hi.is_empty() {
                hi = usize::MAX.to_string();
            }
        }
        let close = if self.ere { "}" } else { "\\}" };
        let closes = close
            .chars()
            .enumerate()
            .all(|(k, ch)| self.c.get(j + k) == Some(&ch));
        if lo.is_empty() || !closes {
            return if self.ere {
                Ok(None)
            } else {
                Err("Unmatched \\{".into())
            };
        }
        let min: usize = lo.parse().unwrap_or(0).min(1000);
        let max: usize = hi.parse().unwrap_or(usize::MAX);
        Ok(Some((min, max.max(min), j + close.len() - start)))
    }

    fn atom(&mut self, first: bool) -> Result<Node, String> {
        let Some(c) = self.peek() else {
            return Err("unexpected end".into());
        };
        self.i += 1;
        Ok(match c {
            '.' => Node::Any,
            '^' if self.ere || first => Node::Start,
            '$' if self.ere || self.peek().is_none() || self.closes_group() || self.at("\\|") => {
                Node::End
            }
            '[' => self.class()?,
            '(' if self.ere => self.group()?,
            '*' if first => Node::Char('*'),
            '\\' => {
                let Some(n) = self.peek() else {
                    return Err("Trailing backslash".into());
                };
                self.i += 1;
                match n {
                    '(' if !self.ere => self.group()?,
                    'w' => Node::Class(false, vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]),
                    'W' => Node::Class(true, vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]),
                    's' => Node::Class(false, vec![(' ', ' '), ('\t', '\r')]),
                    'S' => Node::Class(true, vec![(' ', ' '), ('\t', '\r')]),
                    'd' => Node::Class(false, vec![('0', '9')]),
                    'b' | '<' | '>' => Node::WordBoundary,
                    'n' => Node::Char('\n'),
                    't' => Node::Char('\t'),
                    other => Node::Char(other),
                }
            }
            other => Node::Char(other),
        })
    }

    fn group(&mut self) -> Result<Node, String> {
        self.groups += 1;
        let idx = self.groups;
        let inner = self.alt()?;
        if self.ere && self.peek() == Some(')') {
            self.i += 1;
        } else if !self.ere && self.at("\\)") {
            self.i += 2;
        } else {
            return Err("Unmatched ( or \\(".into());
        }
        Ok(Node::Group(Box::new(inner), idx))
    }

    fn class(&mut self) -> Result<Node, String> {
        let neg = self.peek() == Some('^');
        if neg {
            self.i += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return Err("Unmatched [, [^, [:, [., or [=".into());
            };
            if c == ']' && !first {
                self.i += 1;
                return Ok(Node::Class(neg, ranges));
            }
            first = false;
            if self.at("[:") {
                let rest: String = self.c.get(self.i + 2..).unwrap_or(&[]).iter().collect();
                if let Some(end) = rest.find(":]") {
                    ranges.extend(named(rest.get(..end).unwrap_or("")));
                    self.i += 2 + end + 2;
                    continue;
                }
            }
            self.i += 1;
            if self.peek() == Some('-') && self.c.get(self.i + 1).is_some_and(|n| *n != ']') {
                let hi = self.c.get(self.i + 1).copied().unwrap_or(c);
                self.i += 2;
                ranges.push((c, hi));
            } else {
                ranges.push((c, c));
            }
        }
    }
}

fn named(name: &str) -> Vec<(char, char)> {
    match name {
        "digit" => vec![('0', '9')],
        "alpha" => vec![('a', 'z'), ('A', 'Z')],
        "alnum" => vec![('a', 'z'), ('A', 'Z'), ('0', '9')],
        "upper" => vec![('A', 'Z')],
        "lower" => vec![('a', 'z')],
        "space" | "blank" => vec![(' ', ' '), ('\t', '\r')],
        "xdigit" => vec![('0', '9'), ('a', 'f'), ('A', 'F')],
        "punct" => vec![('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        _ => Vec::new(),
    }
}

impl Regex {
    /// Compiles a basic (`ere` false, grep/sed default) or extended expression.
    pub fn new(pattern: &str, ere: bool, icase: bool) -> Result<Regex, String> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut p = P {
            c: &chars,
            i: 0,
            ere,
            groups: 0,
            depth: 0,
        };
        let root = p.alt()?;
        if p.i < chars.len() {
            return Err("Unmatched ) or \\)".into());
        }
        Ok(Regex {
            root,
            groups: p.groups,
            icase,
        })
    }

    /// A regex that matches `text` literally (grep -F).
    pub fn literal(text: &str, icase: bool) -> Regex {
        Regex {
            root: Node::Seq(text.chars().map(Node::Char).collect()),
            groups: 0,
            icase,
        }
    }

    /// The first match in `text` at or after char `from`: (start, end, groups) in chars.
    pub fn find_at(&self, text: &[char], from: usize) -> Option<Found> {
        let mut m = M {
            t: text,
            icase: self.icase,
            budget: BUDGET,
            caps: vec![None; self.groups + 1],
        };
        for start in from..=text.len() {
            let mut end = None;
            let found = m.m(&self.root, start, &mut |_, e| {
                end = Some(e);
                true
            });
            if found {
                let e = end.unwrap_or(start);
                return Some((start, e, m.caps.clone()));
            }
            if m.budget == 0 {
                return None;
            }
            if matches!(&self.root, Node::Seq(v) if matches!(v.first(), Some(Node::Start))) {
                return None;
            }
        }
        None
    }

    /// Whether the expression matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        self.find_at(&chars, 0).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(re: &str, ere: bool, text: &str) -> Option<String> {
        let r = Regex::new(re, ere, false).ok()?;
        let chars: Vec<char> = text.chars().collect();
        let (s, e, _) = r.find_at(&chars, 0)?;
        Some(chars.get(s..e)?.iter().collect())
    }

    #[test]
    fn basic_and_extended_syntax() {
        assert_eq!(
            find("web-[0-9]*", false, "pod/web-12 x").as_deref(),
            Some("web-12")
        );
        assert_eq!(
            find("web-[0-9]+", true, "pod/web-12 x").as_deref(),
            Some("web-12")
        );
        assert_eq!(find("a+", false, "aa a+").as_deref(), Some("a+"));
        assert_eq!(find("a\\+", false, "baa").as_deref(), Some("aa"));
        assert_eq!(
            find("^Running|Pending$", true, "Pending").as_deref(),
            Some("Pending")
        );
        assert_eq!(
            find("\\(ab\\)*c", false, "xababc").as_deref(),
            Some("ababc")
        );
        assert_eq!(find("(ab){2}", true, "ababab").as_deref(), Some("abab"));
        assert_eq!(find("x{2,}", true, "xxxx").as_deref(), Some("xxxx"));
        assert_eq!(find("^$", false, ""), Some(String::new()));
        assert_eq!(
            find("[[:digit:]]\\+", false, "web-42").as_deref(),
            Some("42")
        );
        assert!(Regex::new("(", true, false).is_err());
        assert!(Regex::new("[a", false, false).is_err());
    }

    #[test]
    fn case_folding_and_word_boundaries() {
        let r = Regex::new("running", false, true).expect("compiles");
        assert!(r.is_match("Running"));
        let w = Regex::new("\\bweb\\b", false, false).expect("compiles");
        assert!(w.is_match("a web b"));
        assert!(!w.is_match("webs"));
    }

    #[test]
    fn pathological_patterns_give_up() {
        let r = Regex::new("(a*)*b", true, false).expect("compiles");
        assert!(!r.is_match(&"a".repeat(5000)));
    }
}
