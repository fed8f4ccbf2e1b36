//! Splitting a file into documents the way kubectl reads it.
//!
//! kubectl does not hand the whole file to the YAML parser. apimachinery's `YAMLReader` reads
//! it line by line (lines end at `\n`) and cuts it at every line that starts with `---`; the
//! separator line itself belongs to no document, and runs of separators yield no empty
//! documents. Text after `---` other than blanks or a `#` comment is an error
//! (`invalid Yaml document separator: …`) that stops reading. Each piece is then parsed on its
//! own, so go-yaml's line numbers in error messages count from the first line of the piece.

/// One piece of the input between separators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Chunk {
    /// Byte offset of the chunk in the whole text.
    pub start: usize,
    /// Byte offset just past the chunk.
    pub end: usize,
    /// 0-based index of the chunk's first line in the whole text.
    pub first_line: usize,
    /// 0-based index of the chunk's last line (inclusive).
    pub last_line: usize,
    /// Set when the separator that ends this chunk is malformed: its 0-based line, byte
    /// offset, and the text after `---` as kubectl quotes it.
    pub bad_separator: Option<BadSeparator>,
}

/// A `---` line followed by something other than a comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BadSeparator {
    pub line: usize,
    pub offset: usize,
    pub trailing: String,
}

/// Cuts `text` into chunks. A malformed separator closes the chunk before it (creating an
/// empty one when nothing precedes it) so that the editor can still show later documents.
pub(crate) fn split(text: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut current: Option<(usize, usize)> = None; // (start offset, first line)
    let mut offset = 0usize;
    for (line_no, line) in text.split_inclusive('\n').enumerate() {
        let line_end = offset + line.len();
        if let Some(rest) = line.strip_prefix("---") {
            let trimmed = rest.trim();
            let bad = !trimmed.is_empty() && !trimmed.starts_with('#');
            if bad || current.is_some() {
                let (start, first_line) = current.take().unwrap_or((offset, line_no));
                let (end, last_line) = if start == offset {
                    (offset, line_no)
                } else {
                    (offset, line_no.saturating_sub(1))
                };
                chunks.push(Chunk {
                    start,
                    end,
                    first_line,
                    last_line,
                    bad_separator: bad.then(|| BadSeparator {
                        line: line_no,
                        offset,
                        trailing: trimmed.to_string(),
                    }),
                });
            }
        } else if current.is_none() {
            current = Some((offset, line_no));
        }
        offset = line_end;
    }
    if let Some((start, first_line)) = current {
        let lines_before_end = text.get(..offset).map_or(0, |t| t.matches('\n').count());
        let last_line = if text.ends_with('\n') {
            lines_before_end.saturating_sub(1)
        } else {
            lines_before_end
        };
        chunks.push(Chunk {
            start,
            end: offset,
            first_line,
            last_line: last_line.max(first_line),
            bad_separator: None,
        });
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    type Piece<'a> = (&'a str, usize, usize);

    fn pieces(text: &str) -> Vec<Piece<'_>> {
        split(text)
            .iter()
            .map(|c| (&text[c.start..c.end], c.first_line, c.last_line))
            .collect()
    }

    #[test]
    fn splits_like_the_yaml_reader() {
        let cases: &[(&str, Vec<Piece<'_>>)] = &[
            ("", vec![]),
            ("a: 1\n", vec![("a: 1\n", 0, 0)]),
            ("a: 1", vec![("a: 1", 0, 0)]),
            ("---\na: 1\n", vec![("a: 1\n", 1, 1)]),
            (
                "a: 1\n---\nb: 2\n",
                vec![("a: 1\n", 0, 0), ("b: 2\n", 2, 2)],
            ),
            (
                "a: 1\n---\n---\nb: 2",
                vec![("a: 1\n", 0, 0), ("b: 2", 3, 3)],
            ),
            (
                "a: 1\n--- # c\nb: 2\n",
                vec![("a: 1\n", 0, 0), ("b: 2\n", 2, 2)],
            ),
            (
                "a: 1\n---  \r\nb: 2\n",
                vec![("a: 1\n", 0, 0), ("b: 2\n", 2, 2)],
            ),
            ("# c\n---\n", vec![("# c\n", 0, 0)]),
            ("a:\n  b: 1\n\n", vec![("a:\n  b: 1\n\n", 0, 2)]),
            ("a: |\n  x\n ---\n", vec![("a: |\n  x\n ---\n", 0, 2)]),
            ("---\n", vec![]),
        ];
        for (text, want) in cases {
            assert_eq!(&pieces(text), want, "input {text:?}");
        }
    }

    #[test]
    fn malformed_separators_are_reported_on_the_chunk_they_close() {
        let chunks = split("a: 1\n--- x\nb: 2\n");
        assert_eq!(chunks.len(), 2);
        let bad = chunks[0]
            .bad_separator
            .clone()
            .map(|b| (b.line, b.trailing));
        assert_eq!(bad, Some((1, "x".to_string())));
        assert_eq!(chunks[1].bad_separator, None);

        let first = split("--- Create Deployment\napiVersion: v1\n");
        assert_eq!(first.len(), 2);
        assert_eq!((first[0].start, first[0].end), (0, 0));
        assert_eq!(
            first[0].bad_separator.as_ref().map(|b| b.trailing.as_str()),
            Some("Create Deployment")
        );

        let dashes = split("----\n");
        assert_eq!(
            dashes[0]
                .bad_separator
                .as_ref()
                .map(|b| b.trailing.as_str()),
            Some("-")
        );
    }
}
