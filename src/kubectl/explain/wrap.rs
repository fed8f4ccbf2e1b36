//! Word wrapping as kubectl's explain templates do it: `wrap` is go-wordwrap's `WrapString`
//! (github.com/mitchellh/go-wordwrap, through k8s.io/kubectl pkg/util/term/term_writer.go) and
//! `indent` is the template function of pkg/explain/v2/funcs.go.

/// Breaks lines at the last space before `limit` characters. Existing line breaks and runs
/// of spaces stay; a word longer than the limit stays whole on a line of its own.
pub(super) fn wrap(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / limit.max(1));
    let mut current = 0;
    let (mut word, mut space) = (String::new(), String::new());
    let (mut word_len, mut space_len) = (0, 0);
    for c in text.chars() {
        if c == '\n' {
            if word.is_empty() {
                if current + space_len <= limit {
                    out.push_str(&space);
                }
            } else {
                out.push_str(&space);
                out.push_str(&word);
            }
            space.clear();
            word.clear();
            (space_len, word_len) = (0, 0);
            out.push('\n');
            current = 0;
        } else if c.is_whitespace() && c != '\u{a0}' {
            if space.is_empty() || !word.is_empty() {
                current += space_len + word_len;
                out.push_str(&space);
                out.push_str(&word);
                space.clear();
                word.clear();
                (space_len, word_len) = (0, 0);
            }
            space.push(c);
            space_len += 1;
        } else {
            word.push(c);
            word_len += 1;
            if current + space_len + word_len > limit && word_len < limit {
                out.push('\n');
                current = 0;
                space.clear();
                space_len = 0;
            }
        }
    }
    if word.is_empty() {
        if current + space_len <= limit {
            out.push_str(&space);
        }
    } else {
        out.push_str(&space);
        out.push_str(&word);
    }
    out
}

/// Pads the first line and every line after a line break by `amount` spaces.
pub(super) fn indent(amount: usize, text: &str) -> String {
    let pad = " ".repeat(amount);
    format!("{pad}{}", text.replace('\n', &format!("\n{pad}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_as_go_wordwrap_does() {
        // go-wordwrap wordwrap_test.go: spaces at a break go, runs of spaces and newlines stay,
        // a word longer than the limit is not split.
        assert_eq!(wrap("foo bar baz", 3), "foo\nbar\nbaz");
        assert_eq!(wrap("foo bar baz", 7), "foo bar\nbaz");
        assert_eq!(wrap("foo  bar", 20), "foo  bar");
        assert_eq!(wrap("foo\nbar", 20), "foo\nbar");
        assert_eq!(wrap("foo barbazquux", 5), "foo\nbarbazquux");
        assert_eq!(wrap("text\n", 76), "text\n");
        assert_eq!(indent(4, "a\n\nb\n"), "    a\n    \n    b\n    ");
    }
}
