//! Server-side tables printed the way kubectl's table printer does it: column filtering (`-o wide`),
//! decorations (`NAMESPACE`, `-L`, `--show-labels`, `kind/name`), header padding, periodic flushes,
//! several kinds in one command (`kubectl get all`), and watch output.

use super::kinds::ResourceKind;
use super::labels::format_labels;
use super::tabwriter::TabWriter;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Rows between tabwriter flushes in one table, as in cli-runtime.
const FLUSH_INTERVAL: usize = 100;

/// A column definition of a server-side table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Server-side name (`Nominated Node`); printed upper-cased.
    pub name: String,
    /// 0 = always shown, >0 = only with `-o wide`.
    pub priority: u32,
    /// Whether this is the `format: name` column that gets the `kind/` prefix.
    pub is_name: bool,
}

impl Column {
    /// A standard column.
    pub fn new(name: &str) -> Column {
        Column {
            name: name.to_string(),
            priority: 0,
            is_name: false,
        }
    }

    /// A column shown only with `-o wide`.
    pub fn wide(name: &str) -> Column {
        Column {
            priority: 1,
            ..Column::new(name)
        }
    }

    /// The object name column.
    pub fn name_column() -> Column {
        Column {
            is_name: true,
            ..Column::new("Name")
        }
    }
}

/// One table row: its cells and the object metadata the decorations need.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// Cell texts, one per column definition.
    pub cells: Vec<String>,
    /// The object's namespace (for `-A`).
    pub namespace: String,
    /// The object's labels (for `--show-labels` and `-L`).
    pub labels: BTreeMap<String, String>,
}

/// A server-side table for one resource kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The kind the rows describe.
    pub kind: ResourceKind,
    /// Column definitions in server order.
    pub columns: Vec<Column>,
    /// Rows in the order to print.
    pub rows: Vec<Row>,
}

/// Output flags of `kubectl get` that shape tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableOptions {
    /// `-o wide`.
    pub wide: bool,
    /// `--no-headers`.
    pub no_headers: bool,
    /// `--show-labels`.
    pub show_labels: bool,
    /// `-A` / `--all-namespaces`.
    pub all_namespaces: bool,
    /// `-L key1,key2`.
    pub label_columns: Vec<String>,
    /// `--show-kind`: names as `kind/name` even for a single kind.
    pub show_kind: bool,
}

/// What a command prints, split by stream.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Printed {
    /// Text for standard output.
    pub stdout: String,
    /// Text for standard error.
    pub stderr: String,
}

/// `escapeTerminal`: ESC and carriage return made visible.
pub fn escape_terminal(s: &str) -> String {
    if !s.contains(['\u{1b}', '\r']) {
        return s.to_string();
    }
    s.replace('\u{1b}', "^[").replace('\r', "\\r")
}

/// A cell as written: cut at the first line break (with `...`), terminal characters escaped.
fn push_cell(line: &mut String, val: &str) {
    if !val.contains(['\u{c}', '\n', '\r', '\u{1b}']) {
        line.push_str(val);
        return;
    }
    match val.find(['\u{c}', '\n', '\r']) {
        Some(i) => {
            line.push_str(&escape_terminal(val.get(..i).unwrap_or("")));
            line.push_str("...");
        }
        None => line.push_str(&escape_terminal(val)),
    }
}

/// Headers and cells after column filtering and decorations (cells borrow from the table).
pub fn decorate<'t>(
    table: &'t Table,
    opts: &TableOptions,
    with_kind: bool,
) -> (Vec<String>, Vec<Vec<Cow<'t, str>>>) {
    let with_namespace = opts.all_namespaces && table.kind.namespaced;
    let visible: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| opts.wide || c.priority == 0)
        .map(|(i, _)| i)
        .collect();
    let name_col = if with_kind {
        table.columns.iter().position(|c| c.is_name)
    } else {
        None
    };
    let mut headers = Vec::new();
    if with_namespace {
        headers.push("NAMESPACE".to_string());
    }
    for &i in &visible {
        if let Some(c) = table.columns.get(i) {
            headers.push(c.name.to_uppercase());
        }
    }
    for l in &opts.label_columns {
        headers.push(l.rsplit('/').next().unwrap_or(l).to_uppercase());
    }
    if opts.show_labels {
        headers.push("LABELS".to_string());
    }
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Cow<'t, str>> = Vec::with_capacity(headers.len());
            if with_namespace {
                cells.push(Cow::Borrowed(&row.namespace));
            }
            for &i in &visible {
                let cell = row.cells.get(i).map_or("", String::as_str);
                if Some(i) == name_col {
                    cells.push(Cow::Owned(format!(
                        "{}/{cell}",
                        table.kind.group_kind_lower()
                    )));
                } else {
                    cells.push(Cow::Borrowed(cell));
                }
            }
            for l in &opts.label_columns {
                cells.push(Cow::Borrowed(row.labels.get(l).map_or("", String::as_str)));
            }
            if opts.show_labels {
                cells.push(Cow::Owned(format_labels(Some(&row.labels))));
            }
            cells
        })
        .collect();
    (headers, rows)
}

/// cli-runtime's `printTable` into a tabwriter: the header is padded to the widest cell so that
/// the periodic flushes keep every row aligned.
pub fn write_grid<S: AsRef<str>>(
    tw: &mut TabWriter,
    headers: &[String],
    rows: &[Vec<S>],
    no_headers: bool,
) {
    let last = headers.len().saturating_sub(1);
    let mut max_cells = vec![0usize; headers.len()];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(m) = max_cells.get_mut(i) {
                *m = (*m).max(cell.as_ref().len());
            }
        }
    }
    if !no_headers {
        if rows.is_empty() {
            return;
        }
        let mut line = String::new();
        for (i, h) in headers.iter().enumerate() {
            if i > 0 {
                line.push('\t');
            }
            line.push_str(h);
            if i != last {
                let pad = max_cells
                    .get(i)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(h.len());
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        line.push('\n');
        tw.write(&line);
    }
    let mut line = String::new();
    for (ri, row) in rows.iter().enumerate() {
        line.clear();
        for (i, cell) in row.iter().enumerate() {
            let cell = cell.as_ref();
            if i > 0 {
                line.push('\t');
            }
            push_cell(&mut line, cell);
            if no_headers && ri == 0 && i != last {
                let pad = max_cells
                    .get(i)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(cell.len());
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        line.push('\n');
        tw.write(&line);
        if (ri + 1) % FLUSH_INTERVAL == 0 {
            tw.flush();
        }
    }
}

/// Prints one table on its own (`kubectl get pods`), without the empty-result message.
pub fn render_table(table: &Table, opts: &TableOptions) -> String {
    let mut tw = TabWriter::for_tables();
    let (headers, rows) = decorate(table, opts, false);
    write_grid(&mut tw, &headers, &rows, opts.no_headers);
    tw.flush();
    tw.take_output()
}

/// `kubectl get` of one or more kinds: one table per kind (with `kind.group/name` names when
/// several kinds are shown), a blank line between non-empty tables, and the
/// `No resources found` message on stderr when nothing was printed: `in <namespace> namespace`
/// only when `namespace` is given and every table is of a namespaced kind.
pub fn render_get(tables: &[Table], opts: &TableOptions, namespace: Option<&str>) -> Printed {
    let with_kind = opts.show_kind
        || tables
            .windows(2)
            .any(|w| matches!(w, [a, b] if a.kind != b.kind));
    let mut out = Printed::default();
    let mut tw = TabWriter::for_tables();
    let mut ready = false;
    let mut printed_headers = false;
    for (i, table) in tables.iter().enumerate() {
        let new_kind = i == 0 || tables.get(i - 1).is_some_and(|p| p.kind != table.kind);
        if new_kind {
            tw.flush();
            emit(&mut out, &mut ready, tw.take_output());
            tw.set_remembered_widths(Vec::new());
            printed_headers = false;
            if i > 0 && !opts.no_headers && !out.stdout.is_empty() {
                ready = true;
            }
        }
        let (headers, rows) = decorate(table, opts, with_kind);
        // Tables of the same kind share one printer, which prints the header once.
        write_grid(&mut tw, &headers, &rows, opts.no_headers || printed_headers);
        printed_headers |= !rows.is_empty();
        emit(&mut out, &mut ready, tw.take_output());
    }
    tw.flush();
    emit(&mut out, &mut ready, tw.take_output());
    if out.stdout.is_empty() {
        let all_namespaced = !opts.all_namespaces && tables.iter().all(|t| t.kind.namespaced);
        out.stderr = no_resources_found(namespace.filter(|_| all_namespaced));
    }
    out
}

/// Appends tabwriter output, first inserting the blank line that separates kinds.
fn emit(out: &mut Printed, ready: &mut bool, text: String) {
    if text.is_empty() {
        return;
    }
    if *ready {
        out.stdout.push('\n');
        *ready = false;
    }
    out.stdout.push_str(&text);
}

/// `No resources found in <ns> namespace.` or `No resources found` (with newline).
pub fn no_resources_found(namespace: Option<&str>) -> String {
    match namespace {
        Some(ns) => format!("No resources found in {ns} namespace.\n"),
        None => "No resources found\n".to_string(),
    }
}

/// `kubectl get -w`: one tabwriter for the whole session, flushed after every event, so columns
/// keep the widest width seen so far and only ever grow.
#[derive(Clone, Debug)]
pub struct WatchPrinter {
    tw: TabWriter,
    opts: TableOptions,
    last_columns: Vec<Column>,
    printed_headers: bool,
}

impl WatchPrinter {
    /// A printer with no output yet.
    pub fn new(opts: TableOptions) -> WatchPrinter {
        WatchPrinter {
            tw: TabWriter::for_tables(),
            opts,
            last_columns: Vec::new(),
            printed_headers: false,
        }
    }

    /// Prints a table (the initial list or one watch event's rows); the header appears only until
    /// a table with rows has been printed with the same columns.
    pub fn print(&mut self, table: &Table) -> String {
        self.print_event(table, None)
    }

    /// Like [`WatchPrinter::print`], with `--output-watch-events`: an `EVENT` column first
    /// (`ADDED`, `MODIFIED`, `DELETED`, `ERROR`, padded to eight characters as kubectl does).
    pub fn print_event(&mut self, table: &Table, event_type: Option<&str>) -> String {
        let mut no_headers = self.opts.no_headers;
        if self.printed_headers && table.columns == self.last_columns {
            no_headers = true;
        }
        if table.columns != self.last_columns {
            self.last_columns = table.columns.clone();
            self.printed_headers = false;
        }
        if !table.rows.is_empty() {
            self.printed_headers = true;
        }
        let (mut headers, mut rows) = decorate(table, &self.opts, false);
        if let Some(ev) = event_type {
            let label = match ev {
                "ADDED" => "ADDED   ",
                "MODIFIED" => "MODIFIED",
                "DELETED" => "DELETED ",
                "ERROR" => "ERROR   ",
                other => other,
            };
            headers.insert(0, "EVENT".to_string());
            for row in &mut rows {
                row.insert(0, Cow::Owned(label.to_string()));
            }
        }
        write_grid(&mut self.tw, &headers, &rows, no_headers);
        self.tw.flush();
        self.tw.take_output()
    }

    /// Prints one changed object's row, with the widths remembered so far.
    pub fn print_row(&mut self, kind: &ResourceKind, columns: &[Column], row: Row) -> String {
        let table = Table {
            kind: kind.clone(),
            columns: columns.to_vec(),
            rows: vec![row],
        };
        self.print(&table)
    }
}
