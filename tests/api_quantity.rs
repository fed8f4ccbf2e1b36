//! Quantity parsing, canonical forms and error messages.

use sts_playground::sim::api::quantity::*;

#[test]
fn canonical_forms_match_the_server() {
    let cases = [
        ("1Gi", "1Gi"),
        ("1024Mi", "1Gi"),
        ("1536Mi", "1536Mi"),
        ("1.5Gi", "1536Mi"),
        ("500m", "500m"),
        ("0.5", "500m"),
        ("1000m", "1"),
        ("1G", "1G"),
        ("2000M", "2G"),
        ("1500", "1500"),
        ("1e3", "1e3"),
        ("12e6", "12e6"),
        ("100Ki", "100Ki"),
        ("1023", "1023"),
        ("0.5Gi", "512Mi"),
        ("0", "0"),
        ("000", "0"),
        ("-1Gi", "-1Gi"),
        ("1n", "1n"),
        ("0.1n", "1n"),
        ("1.", "1"),
        ("+5", "5"),
    ];
    for (input, want) in cases {
        assert_eq!(canonicalize(input).as_deref(), Ok(want), "input {input}");
    }
}

#[test]
fn values_in_bytes_and_millis() {
    let q = parse_quantity("1Gi").expect("valid");
    assert_eq!(q.value(), 1_073_741_824);
    assert_eq!(parse_quantity("500Mi").expect("valid").value(), 524_288_000);
    assert_eq!(parse_quantity("1G").expect("valid").value(), 1_000_000_000);
    assert_eq!(parse_quantity("100m").expect("valid").milli_value(), 100);
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
        ("1Mm", "unable to parse quantity's suffix"),
        ("1iG", "unable to parse quantity's suffix"),
        ("1e", "unable to parse quantity's suffix"),
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
