//! Go's `'g'` float form and `encoding/json`'s float form.

use crate::gofmt::float::{format_g32, format_g64, format_json};

#[test]
fn formats_floats_like_strconv() {
    let g64: &[(f64, &str)] = &[
        (1.5, "1.5"),
        (100.0, "100"),
        (123456.0, "123456"),
        (1e6, "1e+06"),
        (1234567.0, "1.234567e+06"),
        (1234567.5, "1.2345675e+06"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (-2.5, "-2.5"),
        (-2.5e-7, "-2.5e-07"),
        (1e21, "1e+21"),
        (1e100, "1e+100"),
        (0.0, "0"),
        (f64::INFINITY, "+Inf"),
        (f64::NEG_INFINITY, "-Inf"),
        (f64::NAN, "NaN"),
    ];
    for (f, want) in g64 {
        assert_eq!(format_g64(*f), *want, "g64 {f}");
    }
    assert_eq!(format_g32(0.1), "0.1");
    assert_eq!(format_g32(1.5), "1.5");
    assert_eq!(format_g32(16777217.0), "1.6777216e+07");
}

#[test]
fn formats_floats_like_encoding_json() {
    let json: &[(f64, &str)] = &[
        (1.5, "1.5"),
        (3.0, "3"),
        (1000.0, "1000"),
        (1e20, "100000000000000000000"),
        (1e21, "1e+21"),
        (0.000001, "0.000001"),
        (1.25e-10, "1.25e-10"),
        (-0.5, "-0.5"),
        (123.456, "123.456"),
    ];
    for (f, want) in json {
        assert_eq!(format_json(*f), *want, "json {f}");
    }
}

/// The copies disagreed: one wrote `1e-07` and one wrote `0` for negative zero. Go's
/// encoding/json/encode.go (`floatEncoder.encode`) shortens `e-07` to `e-7` and formats -0 with
/// `strconv.AppendFloat`, which keeps the sign.
#[test]
fn json_floats_where_the_copies_disagreed() {
    assert_eq!(format_json(1e-7), "1e-7");
    assert_eq!(format_json(-1e-9), "-1e-9");
    assert_eq!(format_json(-0.0), "-0");
}
