//! `resource.Quantity`: parsing, canonical forms, error messages, sums and comparison.

use crate::gofmt::quantity::{Format, Quantity, canonical_text, parse_quantity};

fn canonical(input: &str) -> Option<String> {
    parse_quantity(input).ok().map(|q| q.canonical())
}

#[test]
fn canonical_forms_match_the_server() {
    let cases = [
        ("1Gi", "1Gi"),
        ("1024Mi", "1Gi"),
        ("1536Mi", "1536Mi"),
        ("1.5Gi", "1536Mi"),
        ("1024Ki", "1Mi"),
        ("1000Mi", "1000Mi"),
        ("102626232Ki", "102626232Ki"),
        ("500m", "500m"),
        ("0.5", "500m"),
        ("1.5", "1500m"),
        ("1000m", "1"),
        ("2000m", "2"),
        ("1k", "1k"),
        ("1G", "1G"),
        ("100M", "100M"),
        ("2000M", "2G"),
        ("1500", "1500"),
        ("512", "512"),
        ("1e3", "1e3"),
        ("12e6", "12e6"),
        ("100Ki", "100Ki"),
        ("1023", "1023"),
        ("0.5Gi", "512Mi"),
        ("0", "0"),
        ("000", "0"),
        ("-1", "-1"),
        ("-1Gi", "-1Gi"),
        ("1n", "1n"),
        ("0.1n", "1n"),
        ("1.", "1"),
        ("+5", "5"),
    ];
    for (input, want) in cases {
        assert_eq!(canonical(input).as_deref(), Some(want), "input {input}");
    }
    assert_eq!(canonical_text("1024Mi"), "1Gi");
    assert_eq!(canonical_text("web-0"), "web-0");
}

#[test]
fn values_in_bytes_and_millis() {
    let q = parse_quantity("1Gi").expect("valid");
    assert_eq!(q.value(), 1_073_741_824);
    assert_eq!(parse_quantity("500Mi").expect("valid").value(), 524_288_000);
    assert_eq!(parse_quantity("128Mi").expect("valid").value(), 134_217_728);
    assert_eq!(parse_quantity("1G").expect("valid").value(), 1_000_000_000);
    assert_eq!(parse_quantity("100m").expect("valid").milli_value(), 100);
    assert_eq!(parse_quantity("1").expect("valid").milli_value(), 1000);
    assert_eq!(parse_quantity("1e3").expect("valid").value(), 1000);
    assert_eq!(parse_quantity("0.1").expect("valid").value(), 1);
    assert!(parse_quantity("2Gi").expect("valid") > parse_quantity("1Gi").expect("valid"));
}

#[test]
fn rejects_bad_quantities_with_server_messages() {
    let wrong = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    let cases = [
        ("", wrong),
        ("1 Gi", wrong),
        ("abc", wrong),
        ("1GB", wrong),
        ("1Gi!", wrong),
        ("1Zi", wrong),
        ("1Gb", wrong),
        ("1.2.3", wrong),
        ("web-0", wrong),
        ("10.244.1.5", wrong),
        ("2026-07-21T10:00:00Z", wrong),
        ("1Mm", "unable to parse quantity's suffix"),
        ("1iG", "unable to parse quantity's suffix"),
        ("1e", "unable to parse quantity's suffix"),
        ("5Qi", wrong),
    ];
    for (input, want) in cases {
        match parse_quantity(input) {
            Ok(q) => panic!("{input} parsed as {q}"),
            Err(e) => assert_eq!(e.to_string(), want, "input {input:?}"),
        }
    }
}

#[test]
fn rounding_up_to_millis() {
    let mut q = parse_quantity("1n").expect("valid");
    q.round_up_milli();
    assert_eq!(q.canonical(), "1m");
}

/// quantity.go `Add`: "If the current value is zero, the format of the quantity will be updated
/// to the format of y."
#[test]
fn sums_take_the_format_of_the_first_term() {
    let mut sum = Quantity::default();
    sum.add(&parse_quantity("100m").expect("q"));
    sum.add(&parse_quantity("250m").expect("q"));
    assert_eq!(sum.canonical(), "350m");
    let mut sum = Quantity::default();
    sum.add(&parse_quantity("1Gi").expect("q"));
    sum.add(&parse_quantity("512Mi").expect("q"));
    assert_eq!(sum.canonical(), "1536Mi");
    assert_eq!(sum.format(), Format::BinarySI);
    assert!(sum.cmp_value(&parse_quantity("1.5Gi").expect("q")).is_eq());
}

/// The kubectl copy trimmed spaces and rejected what overflowed its arithmetic; the API
/// server's copy did neither. apimachinery's quantity.go (`ParseQuantity`) does not trim, so a
/// space is a format error, and it keeps any size in an `inf.Dec`, so huge values parse (here
/// they saturate) and tiny ones round up to 1n.
#[test]
fn parsing_where_the_copies_disagreed() {
    assert!(parse_quantity(" 1").is_err());
    assert!(parse_quantity("1Gi ").is_err());
    assert!(parse_quantity("1e2147483647").is_ok());
    assert!(parse_quantity("9".repeat(60).as_str()).is_ok());
    assert_eq!(canonical("0.0000000000000000001").as_deref(), Some("1n"));
}

/// The kubectl copy rounded negative values toward +∞. quantity.go `Value`: "rounded up to the
/// nearest integer away from 0"; `MilliValue` likewise.
#[test]
fn negative_values_round_away_from_zero() {
    assert_eq!(parse_quantity("-1.5").expect("q").value(), -2);
    assert_eq!(parse_quantity("-1.5m").expect("q").milli_value(), -2);
    assert_eq!(parse_quantity("1.5").expect("q").value(), 2);
}
