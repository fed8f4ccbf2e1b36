//! Elastic tabstops as Go's `text/tabwriter` (and the `liggitt/tabwriter` fork kubectl uses) compute them.
//!
//! Text is split into cells terminated by `'\t'` (or `'\v'`); consecutive lines that have a
//! tab-terminated cell in the same column form a column block whose width is the widest cell plus
//! padding (at least `minwidth`). The text after the last tab of a line is not part of a column and
//! is never padded. A line without any tab flushes the writer, so it ends every alignment block.

/// Flag: right-align cell contents.
pub const ALIGN_RIGHT: u32 = 1 << 2;
/// Flag: columns consisting only of empty soft-tab (`'\v'`) cells get zero width.
pub const DISCARD_EMPTY_COLUMNS: u32 = 1 << 3;
/// Flag: pad leading empty cells with tabs regardless of the padding character.
pub const TAB_INDENT: u32 = 1 << 4;
/// Flag: print a `|` between columns.
pub const DEBUG: u32 = 1 << 5;
/// Flag: keep the widest width seen per column across flushes (the `liggitt/tabwriter` extension).
pub const REMEMBER_WIDTHS: u32 = 1 << 6;

/// One cell: its byte size in the buffer, its width in chars, and whether a `'\t'` ended it.
#[derive(Clone, Copy, Debug, Default)]
struct Cell {
    size: usize,
    width: usize,
    htab: bool,
}

/// A Go-compatible tabwriter that collects its output in a `String`.
#[derive(Clone, Debug)]
pub struct TabWriter {
    minwidth: usize,
    tabwidth: usize,
    padding: usize,
    padchar: char,
    flags: u32,
    buf: String,
    pos: usize,
    cell: Cell,
    lines: Vec<Vec<Cell>>,
    widths: Vec<usize>,
    maxwidths: Vec<usize>,
    out: String,
}

impl TabWriter {
    /// Creates a writer with Go's `Init(output, minwidth, tabwidth, padding, padchar, flags)` settings.
    pub fn new(
        minwidth: usize,
        tabwidth: usize,
        padding: usize,
        padchar: char,
        flags: u32,
    ) -> Self {
        // Tab padding forces left alignment, as in Go.
        let flags = if padchar == '\t' {
            flags & !ALIGN_RIGHT
        } else {
            flags
        };
        TabWriter {
            minwidth,
            tabwidth,
            padding,
            padchar,
            flags,
            buf: String::new(),
            pos: 0,
            cell: Cell::default(),
            lines: vec![Vec::new()],
            widths: Vec::new(),
            maxwidths: Vec::new(),
            out: String::new(),
        }
    }

    /// The writer `kubectl get` uses: minwidth 6, tabwidth 4, padding 3, spaces, remembered widths.
    pub fn for_tables() -> Self {
        TabWriter::new(6, 4, 3, ' ', REMEMBER_WIDTHS)
    }

    /// The writer `kubectl describe` uses: minwidth 0, tabwidth 8, padding 2, spaces.
    pub fn for_describe() -> Self {
        TabWriter::new(0, 8, 2, ' ', 0)
    }

    /// Feeds text; complete lines without a tab (and form feeds) flush what is buffered.
    pub fn write(&mut self, text: &str) {
        let mut start = 0;
        // Cell terminators are ASCII, so scanning bytes never splits a UTF-8 sequence.
        for (i, b) in text.bytes().enumerate() {
            if !matches!(b, b'\t' | 0x0b | b'\n' | 0x0c) {
                continue;
            }
            self.append(text.get(start..i).unwrap_or(""));
            start = i + 1;
            let ncells = self.terminate_cell(b == b'\t');
            if b == b'\n' || b == 0x0c {
                // The previous line predicts how many cells the next one will have.
                self.lines.push(Vec::with_capacity(ncells));
                if b == 0x0c || ncells == 1 {
                    self.flush();
                    if b == 0x0c && self.flags & DEBUG != 0 {
                        self.out.push_str("---\n");
                    }
                }
            }
        }
        self.append(text.get(start..).unwrap_or(""));
    }

    /// Formats and emits everything buffered so far.
    pub fn flush(&mut self) {
        if self.cell.size > 0 {
            self.terminate_cell(false);
        }
        let nlines = self.lines.len();
        self.format(0, 0, nlines);
        self.reset();
    }

    /// Returns the output produced so far and clears it (buffered, unflushed text stays).
    pub fn take_output(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// A copy of the remembered per-column widths (only grows with `REMEMBER_WIDTHS`).
    pub fn remembered_widths(&self) -> Vec<usize> {
        self.maxwidths.clone()
    }

    /// Replaces the remembered per-column widths (kubectl clears them between resource kinds).
    pub fn set_remembered_widths(&mut self, widths: Vec<usize>) {
        self.maxwidths = widths;
    }

    fn reset(&mut self) {
        self.buf.clear();
        self.pos = 0;
        self.cell = Cell::default();
        self.lines.clear();
        self.lines.push(Vec::new());
        self.widths.clear();
    }

    fn append(&mut self, text: &str) {
        self.buf.push_str(text);
        self.cell.size += text.len();
        // Width in chars: every byte that does not continue a UTF-8 sequence starts one.
        self.cell.width += text.bytes().filter(|b| (b & 0xc0) != 0x80).count();
        self.pos = self.buf.len();
    }

    fn terminate_cell(&mut self, htab: bool) -> usize {
        self.cell.htab = htab;
        let cell = std::mem::take(&mut self.cell);
        match self.lines.last_mut() {
            Some(line) => {
                line.push(cell);
                line.len()
            }
            None => {
                self.lines.push(vec![cell]);
                1
            }
        }
    }

    fn write_padding(&mut self, textw: usize, cellw: usize, use_tabs: bool) {
        if self.padchar == '\t' || use_tabs {
            if self.tabwidth == 0 {
                return;
            }
            let cellw = cellw.div_ceil(self.tabwidth) * self.tabwidth;
            let n = cellw.saturating_sub(textw);
            for _ in 0..n.div_ceil(self.tabwidth) {
                self.out.push('\t');
            }
            return;
        }
        let n = cellw.saturating_sub(textw);
        if self.padchar == ' ' {
            const SPACES: &str = "                                                                ";
            let mut left = n;
            while left > 0 {
                let k = left.min(SPACES.len());
                self.out.push_str(SPACES.get(..k).unwrap_or(""));
                left -= k;
            }
        } else {
            self.out.extend(std::iter::repeat_n(self.padchar, n));
        }
    }

    fn write_lines(&mut self, pos0: usize, line0: usize, line1: usize) -> usize {
        let mut pos = pos0;
        for i in line0..line1 {
            let ncells = self.lines.get(i).map_or(0, Vec::len);
            let mut use_tabs = self.flags & TAB_INDENT != 0;
            for j in 0..ncells {
                let Some(c) = self.lines.get(i).and_then(|l| l.get(j)).copied() else {
                    continue;
                };
                if j > 0 && self.flags & DEBUG != 0 {
                    self.out.push('|');
                }
                let width = self.widths.get(j).copied();
                if c.size == 0 {
                    if let Some(w) = width {
                        self.write_padding(c.width, w, use_tabs);
                    }
                    continue;
                }
                use_tabs = false;
                let range = pos..pos + c.size;
                pos += c.size;
                if self.flags & ALIGN_RIGHT == 0 {
                    self.out.push_str(self.buf.get(range).unwrap_or(""));
                    if let Some(w) = width {
                        self.write_padding(c.width, w, false);
                    }
                } else {
                    if let Some(w) = width {
                        self.write_padding(c.width, w, false);
                    }
                    self.out.push_str(self.buf.get(range).unwrap_or(""));
                }
            }
            if i + 1 == self.lines.len() {
                // The last buffered line has no newline yet: emit its pending text only.
                let end = pos + self.cell.size;
                self.out.push_str(self.buf.get(pos..end).unwrap_or(""));
                pos = end;
            } else {
                self.out.push('\n');
            }
        }
        pos
    }

    fn line_len(&self, i: usize) -> usize {
        self.lines.get(i).map_or(0, Vec::len)
    }

    fn format(&mut self, pos0: usize, line0: usize, line1: usize) -> usize {
        let mut pos = pos0;
        let mut line0 = line0;
        let column = self.widths.len();
        let mut this = line0;
        while this < line1 {
            // The last cell of a line is not tab-terminated and never belongs to a column.
            if column + 1 >= self.line_len(this) {
                this += 1;
                continue;
            }
            pos = self.write_lines(pos, line0, this);
            line0 = this;

            let mut width = self.minwidth;
            let mut discardable = true;
            while this < line1 && column + 1 < self.line_len(this) {
                if let Some(c) = self.lines.get(this).and_then(|l| l.get(column)) {
                    width = width.max(c.width + self.padding);
                    if c.width > 0 || c.htab {
                        discardable = false;
                    }
                }
                this += 1;
            }
            if discardable && self.flags & DISCARD_EMPTY_COLUMNS != 0 {
                width = 0;
            }
            if self.flags & REMEMBER_WIDTHS != 0 {
                width = self.remember(width);
            }

            self.widths.push(width);
            pos = self.format(pos, line0, this);
            self.widths.pop();
            line0 = this;
        }
        self.write_lines(pos, line0, line1)
    }

    /// Merges a freshly computed column width with the remembered one, as the fork does.
    fn remember(&mut self, width: usize) -> usize {
        let col = self.widths.len();
        if self.maxwidths.len() < col {
            let missing: Vec<usize> = self
                .widths
                .get(self.maxwidths.len()..)
                .unwrap_or(&[])
                .to_vec();
            self.maxwidths.extend(missing);
        }
        match self.maxwidths.get_mut(col) {
            None => {
                self.maxwidths.push(width);
                width
            }
            Some(remembered) if *remembered > width => *remembered,
            Some(remembered) => {
                *remembered = width;
                width
            }
        }
    }
}

/// Runs `text` through a fresh writer with the given settings and returns the flushed output.
pub fn format_text(text: &str, writer: TabWriter) -> String {
    let mut w = writer;
    w.write(text);
    w.flush();
    w.take_output()
}
