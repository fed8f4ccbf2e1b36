//! Human-readable ages (`k8s.io/apimachinery/pkg/util/duration`) and kubectl's timestamp formats.
//!
//! Everything takes the caller's `now` (the simulation clock); nothing here reads the wall clock.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, Time};
use k8s_openapi::jiff::{Timestamp, tz::Offset};

const NANOS_PER_SECOND: i128 = 1_000_000_000;
const NANOS_PER_MINUTE: i128 = 60 * NANOS_PER_SECOND;
const NANOS_PER_HOUR: i128 = 60 * NANOS_PER_MINUTE;

/// Go's `HumanDuration` for a duration in nanoseconds: about two significant figures.
pub fn human_duration_nanos(d: i128) -> String {
    // Go truncates `d.Seconds()` toward zero; up to one second in the future still reads as now.
    let seconds = d / NANOS_PER_SECOND;
    if seconds < -1 {
        return "<invalid>".to_string();
    }
    if seconds < 0 {
        return "0s".to_string();
    }
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = d / NANOS_PER_MINUTE;
    if minutes < 10 {
        let s = seconds % 60;
        if s == 0 {
            return format!("{minutes}m");
        }
        return format!("{minutes}m{s}s");
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = d / NANOS_PER_HOUR;
    if hours < 8 {
        let m = minutes % 60;
        if m == 0 {
            return format!("{hours}h");
        }
        return format!("{hours}h{m}m");
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        if h == 0 {
            return format!("{}d", hours / 24);
        }
        return format!("{}d{h}h", hours / 24);
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        if dy == 0 {
            return format!("{}y", hours / 24 / 365);
        }
        return format!("{}y{dy}d", hours / 24 / 365);
    }
    format!("{}y", hours / 24 / 365)
}

/// Go's `ShortHumanDuration` for a duration in nanoseconds: one unit only.
pub fn short_human_duration_nanos(d: i128) -> String {
    let seconds = d / NANOS_PER_SECOND;
    if seconds < -1 {
        return "<invalid>".to_string();
    }
    if seconds < 0 {
        return "0s".to_string();
    }
    if seconds < 60 {
        return format!("{seconds}s");
    }
    let minutes = d / NANOS_PER_MINUTE;
    if minutes < 60 {
        return format!("{minutes}m");
    }
    let hours = d / NANOS_PER_HOUR;
    if hours < 24 {
        return format!("{hours}h");
    }
    if hours < 24 * 365 {
        return format!("{}d", hours / 24);
    }
    format!("{}y", hours / 24 / 365)
}

/// `HumanDuration(now - then)`.
pub fn human_since(then: Timestamp, now: Timestamp) -> String {
    human_duration_nanos(now.as_nanosecond() - then.as_nanosecond())
}

/// Whether a timestamp is Go's zero time (`0001-01-01T00:00:00Z`), which kubectl treats as unset.
pub fn is_zero_time(ts: Timestamp) -> bool {
    ts.as_second() == -62_135_596_800 && ts.subsec_nanosecond() == 0
}

/// kubectl's `translateTimestampSince`: `<unknown>` for an unset time, else the human age.
pub fn translate_timestamp_since(ts: Option<&Time>, now: Timestamp) -> String {
    match ts {
        Some(t) if !is_zero_time(t.0) => human_since(t.0, now),
        _ => "<unknown>".to_string(),
    }
}

/// kubectl's `translateMicroTimestampSince` for `MicroTime` fields (event time, series).
pub fn translate_micro_timestamp_since(ts: Option<&MicroTime>, now: Timestamp) -> String {
    match ts {
        Some(t) if !is_zero_time(t.0) => human_since(t.0, now),
        _ => "<unknown>".to_string(),
    }
}

/// Go's `time.RFC1123Z` layout in UTC, e.g. `Tue, 21 Jul 2026 10:00:00 +0000`.
pub fn rfc1123z(ts: Timestamp) -> String {
    let dt = Offset::UTC.to_datetime(ts);
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let day = DAYS
        .get(usize::from(
            dt.weekday().to_monday_zero_offset().unsigned_abs(),
        ))
        .copied()
        .unwrap_or("Mon");
    let month = MONTHS
        .get(usize::from(dt.month().unsigned_abs()).saturating_sub(1))
        .copied()
        .unwrap_or("Jan");
    format!(
        "{day}, {:02} {month} {:04} {:02}:{:02}:{:02} +0000",
        dt.day(),
        dt.year(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

/// RFC1123Z of an optional `Time`; Go formats an unset time as year 1.
pub fn rfc1123z_opt(ts: Option<&Time>) -> String {
    match ts {
        Some(t) => rfc1123z(t.0),
        None => "Mon, 01 Jan 0001 00:00:00 +0000".to_string(),
    }
}
