//! The tabwriter against Go's `text/tabwriter` test table and examples (data-driven, from
//! tests/data/print/tabwriter_cases.json), the `RememberWidths` behaviour of the fork kubectl
//! uses, and the table/describe settings.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde::Deserialize;
use sts_playground::kubectl::print::tabwriter::{REMEMBER_WIDTHS, TabWriter, format_text};

#[derive(Deserialize)]
struct Case {
    name: String,
    minwidth: usize,
    tabwidth: usize,
    padding: usize,
    padchar: char,
    flags: u32,
    src: String,
    expected: String,
}

fn cases() -> Vec<Case> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/print/tabwriter_cases.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("cases")).expect("cases JSON")
}

#[test]
fn go_tabwriter_cases_written_at_once() {
    for c in cases() {
        let w = TabWriter::new(c.minwidth, c.tabwidth, c.padding, c.padchar, c.flags);
        assert_eq!(format_text(&c.src, w), c.expected, "case {}", c.name);
    }
}

#[test]
fn go_tabwriter_cases_written_char_by_char() {
    for c in cases() {
        let mut w = TabWriter::new(c.minwidth, c.tabwidth, c.padding, c.padchar, c.flags);
        let mut out = String::new();
        for ch in c.src.chars() {
            w.write(&ch.to_string());
            out.push_str(&w.take_output());
        }
        w.flush();
        out.push_str(&w.take_output());
        assert_eq!(out, c.expected, "case {}", c.name);
    }
}

/// The fork's own test: widths survive flushes and only grow; they can be handed over and reset.
#[test]
fn remember_widths_across_flushes() {
    let mut w = TabWriter::new(6, 4, 3, ' ', REMEMBER_WIDTHS);
    let mut out = String::new();
    let mut step = |w: &mut TabWriter, text: &str| {
        w.write(text);
        w.flush();
        out.push_str(&w.take_output());
        out.clone()
    };
    let got = step(
        &mut w,
        "First\tMiddle\tLast\na\tbb\tccc\nddd\teeeeeeeeeeeeee\tf\n",
    );
    assert_eq!(
        got,
        "First   Middle           Last\na       bb               ccc\nddd     eeeeeeeeeeeeee   f\n"
    );
    step(&mut w, "g\th\ti\n");
    step(&mut w, "j\t\t\n");
    step(&mut w, "\tk\t\n");
    let got = step(&mut w, "\t\tl\n");
    assert!(got.ends_with(
        "g       h                i\nj                        \n        k                \n                         l\n"
    ));
    let got = step(&mut w, "mmmmmmmmmmmmmmm\tnnn\tooo\n");
    assert!(got.ends_with("mmmmmmmmmmmmmmm   nnn              ooo\n"));

    let mut handed_over = TabWriter::new(6, 4, 3, ' ', REMEMBER_WIDTHS);
    handed_over.set_remembered_widths(w.remembered_widths());
    let got = step(&mut handed_over, "p\tq\tr\n");
    assert!(got.ends_with("p                 q                r\n"));
    assert_eq!(handed_over.remembered_widths(), vec![18, 17]);

    handed_over.set_remembered_widths(Vec::new());
    let got = step(&mut handed_over, "sssss\tt\tu\n");
    assert!(got.ends_with("sssss   t     u\n"));
}

#[test]
fn kubectl_table_settings_pad_to_longest_plus_three_with_minimum_six() {
    let text = "NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nweb-0\t0/1\tContainerCreating\t0\t5s\n";
    assert_eq!(
        format_text(text, TabWriter::for_tables()),
        "NAME    READY   STATUS              RESTARTS   AGE\nweb-0   0/1     ContainerCreating   0          5s\n"
    );
    // Narrow columns still take the minimum width of six.
    assert_eq!(
        format_text("A\tB\nx\ty\n", TabWriter::for_tables()),
        "A     B\nx     y\n"
    );
}

#[test]
fn describe_settings_and_blocks_ended_by_lines_without_tabs() {
    let text = "Name:\tweb\nSelector:\tapp=nginx\nPod Template:\n  Labels:\tapp=nginx\n";
    assert_eq!(
        format_text(text, TabWriter::for_describe()),
        "Name:      web\nSelector:  app=nginx\nPod Template:\n  Labels:  app=nginx\n"
    );
    // Lines with different column counts still share the columns they have in common.
    let text = "Port:\tweb\t80/TCP\nTargetPort:\t80/TCP\n";
    assert_eq!(
        format_text(text, TabWriter::for_describe()),
        "Port:        web  80/TCP\nTargetPort:  80/TCP\n"
    );
}

#[test]
fn unflushed_text_stays_buffered_until_flush() {
    let mut w = TabWriter::for_tables();
    w.write("a\tb\n");
    assert_eq!(w.take_output(), "");
    w.write("no tabs here\n");
    assert_eq!(w.take_output(), "a     b\nno tabs here\n");
}
