//! Ages: `HumanDuration` / `ShortHumanDuration` boundaries as apimachinery defines them, the
//! `<unknown>` rule for unset times, and RFC1123Z timestamps.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::Timestamp;
use sts_playground::kubectl::print::duration::{
    human_duration_nanos, rfc1123z, rfc1123z_opt, short_human_duration_nanos,
    translate_timestamp_since,
};

const MS: i128 = 1_000_000;
const S: i128 = 1_000 * MS;
const M: i128 = 60 * S;
const H: i128 = 60 * M;
const D: i128 = 24 * H;
const Y: i128 = 365 * D;

#[test]
fn human_duration_boundaries() {
    let cases: &[(i128, &str)] = &[
        (-2 * S, "<invalid>"),
        (-2 * S + 1, "0s"),
        (0, "0s"),
        (S - MS, "0s"),
        (S, "1s"),
        (70 * S, "70s"),
        (2 * M - MS, "119s"),
        (2 * M, "2m"),
        (2 * M + S, "2m1s"),
        (190 * S, "3m10s"),
        (10 * M - MS, "9m59s"),
        (10 * M, "10m"),
        (10 * M + S, "10m"),
        (70 * M, "70m"),
        (3 * H - MS, "179m"),
        (3 * H, "3h"),
        (3 * H + M, "3h1m"),
        (8 * H - MS, "7h59m"),
        (8 * H, "8h"),
        (8 * H + 59 * M, "8h"),
        (47 * H, "47h"),
        (2 * D - MS, "47h"),
        (2 * D, "2d"),
        (49 * H, "2d1h"),
        (8 * D - MS, "7d23h"),
        (8 * D, "8d"),
        (8 * D + 23 * H, "8d"),
        (367 * D, "367d"),
        (2 * Y - MS, "729d"),
        (2 * Y, "2y"),
        (2 * Y + 24 * H - MS, "2y"),
        (2 * Y + 24 * H, "2y1d"),
        (2 * Y + 25 * H, "2y1d"),
        (7 * Y, "7y"),
        (8 * Y - MS, "7y364d"),
        (8 * Y, "8y"),
        (8 * Y + 364 * D, "8y"),
        (9 * Y, "9y"),
    ];
    for (d, want) in cases {
        assert_eq!(human_duration_nanos(*d), *want, "HumanDuration({d}ns)");
    }
}

#[test]
fn short_human_duration_boundaries() {
    let cases: &[(i128, &str)] = &[
        (-2 * S, "<invalid>"),
        (-2 * S + 1, "0s"),
        (S - MS, "0s"),
        (2 * S - MS, "1s"),
        (M - MS, "59s"),
        (M, "1m"),
        (2 * M - MS, "1m"),
        (H - MS, "59m"),
        (H, "1h"),
        (24 * H - MS, "23h"),
        (D, "1d"),
        (Y - MS, "364d"),
        (Y, "1y"),
    ];
    for (d, want) in cases {
        assert_eq!(
            short_human_duration_nanos(*d),
            *want,
            "ShortHumanDuration({d}ns)"
        );
    }
}

fn ts(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

#[test]
fn unset_and_zero_times_are_unknown() {
    let now = ts("2026-07-21T10:25:00Z");
    assert_eq!(translate_timestamp_since(None, now), "<unknown>");
    let zero = Time(ts("0001-01-01T00:00:00Z"));
    assert_eq!(translate_timestamp_since(Some(&zero), now), "<unknown>");
    let created = Time(ts("2026-07-21T10:00:00Z"));
    assert_eq!(translate_timestamp_since(Some(&created), now), "25m");
    // Deletion deadlines lie in the future: more than a second ahead reads `<invalid>`.
    let deadline = Time(ts("2026-07-21T10:25:30Z"));
    assert_eq!(translate_timestamp_since(Some(&deadline), now), "<invalid>");
}

#[test]
fn rfc1123z_in_utc() {
    assert_eq!(
        rfc1123z(ts("2026-07-21T10:00:00Z")),
        "Tue, 21 Jul 2026 10:00:00 +0000"
    );
    assert_eq!(
        rfc1123z(ts("2024-02-29T23:59:59Z")),
        "Thu, 29 Feb 2024 23:59:59 +0000"
    );
    assert_eq!(
        rfc1123z(ts("2026-01-04T00:00:00Z")),
        "Sun, 04 Jan 2026 00:00:00 +0000"
    );
    assert_eq!(rfc1123z_opt(None), "Mon, 01 Jan 0001 00:00:00 +0000");
}
