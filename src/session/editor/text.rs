//! Text positions the editor converts between: the textarea counts UTF-16 units, Rust strings
//! count bytes, people count lines and characters.

/// The byte offset of a UTF-16 offset (clamped to the text, on a character boundary).
pub fn byte_of_utf16(text: &str, units: u32) -> usize {
    let mut seen: u32 = 0;
    for (i, c) in text.char_indices() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16() as u32;
    }
    text.len()
}

/// The UTF-16 offset of a byte offset.
pub fn utf16_of_byte(text: &str, byte: usize) -> u32 {
    text.char_indices()
        .take_while(|(i, _)| *i < byte)
        .map(|(_, c)| c.len_utf16() as u32)
        .sum()
}

/// The 0-based line and character column of a byte offset.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let before = text.get(..byte.min(text.len())).unwrap_or("");
    let line = before.matches('\n').count();
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, col)
}

/// The byte offset of a 0-based line and character column (clamped to the line).
pub fn byte_of_line_col(text: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i == line {
            let within = l.char_indices().nth(col).map_or(l.len(), |(b, _)| b);
            return offset + within;
        }
        offset += l.len() + 1;
    }
    text.len()
}

/// Indents (or with `outdent` un-indents) by two spaces every line touched by the byte range
/// `start..end`; returns the new text and the new range.
pub fn indent_lines(text: &str, start: usize, end: usize, outdent: bool) -> (String, usize, usize) {
    let first = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(text.get(..first).unwrap_or(""));
    let (mut new_start, mut new_end) = (start, end);
    let mut offset = first;
    for (i, line) in text.get(first..).unwrap_or("").split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // The caret's line always; further lines only if the selection reaches into them.
        if i == 0 || offset < end {
            if outdent {
                let remove = (line.len() - line.trim_start_matches(' ').len()).min(2);
                out.push_str(line.get(remove..).unwrap_or(""));
                if offset <= start {
                    new_start = new_start.saturating_sub(remove.min(start - offset));
                }
                new_end = new_end.saturating_sub(remove.min(end.saturating_sub(offset)));
            } else {
                out.push_str("  ");
                out.push_str(line);
                if offset <= start {
                    new_start += 2;
                }
                new_end += 2;
            }
        } else {
            out.push_str(line);
        }
        offset += line.len() + 1;
    }
    (out, new_start, new_end)
}
