//! `time.Parse(time.RFC3339, s)` from Go's time package (format.go): the instant, or the error
//! text Go gives, which kubectl prints for flags such as `kubectl logs --since-time`.

use super::quote::quote;

/// The layout Go names in its errors.
const LAYOUT: &str = "2006-01-02T15:04:05Z07:00";

/// Milliseconds since the Unix epoch of an RFC 3339 time, or Go's parse error text
/// (`parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"`).
pub fn parse_rfc3339_ms(value: &str) -> Result<i64, String> {
    let elem_err = |rest: &str, elem: &str| {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            quote(value),
            quote(LAYOUT),
            quote(rest),
            quote(elem)
        )
    };
    let range_err = |what: &str| format!("parsing time {}: {what} out of range", quote(value));
    let mut rest = value;
    let year = fixed(&mut rest, 4).ok_or_else(|| elem_err(rest, "2006"))?;
    literal(&mut rest, "-").ok_or_else(|| elem_err(rest, "-"))?;
    let month = fixed(&mut rest, 2).ok_or_else(|| elem_err(rest, "01"))?;
    if !(1..=12).contains(&month) {
        return Err(range_err("month"));
    }
    literal(&mut rest, "-").ok_or_else(|| elem_err(rest, "-"))?;
    let day = fixed(&mut rest, 2).ok_or_else(|| elem_err(rest, "02"))?;
    if day > 31 {
        return Err(range_err("day"));
    }
    literal(&mut rest, "T").ok_or_else(|| elem_err(rest, "T"))?;
    // Go reads the hour with one or two digits (stdHour), the rest with exactly two.
    let hour = loose(&mut rest).ok_or_else(|| elem_err(rest, "15"))?;
    if hour > 23 {
        return Err(range_err("hour"));
    }
    literal(&mut rest, ":").ok_or_else(|| elem_err(rest, ":"))?;
    let minute = fixed(&mut rest, 2).ok_or_else(|| elem_err(rest, "04"))?;
    if minute > 59 {
        return Err(range_err("minute"));
    }
    literal(&mut rest, ":").ok_or_else(|| elem_err(rest, ":"))?;
    let second = fixed(&mut rest, 2).ok_or_else(|| elem_err(rest, "05"))?;
    if second > 59 {
        return Err(range_err("second"));
    }
    let millis = fraction(&mut rest);
    let offset_min = zone(&mut rest).ok_or_else(|| elem_err(rest, "Z07:00"))?;
    if !rest.is_empty() {
        return Err(format!(
            "parsing time {}: extra text: {}",
            quote(value),
            quote(rest)
        ));
    }
    if day < 1 || day > days_in(year, month) {
        return Err(range_err("day"));
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_min * 60;
    Ok(secs * 1000 + millis)
}

/// Exactly `n` ASCII digits.
fn fixed(rest: &mut &str, n: usize) -> Option<i64> {
    let head = rest.get(..n)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    *rest = rest.get(n..)?;
    head.parse().ok()
}

/// One or two ASCII digits.
fn loose(rest: &mut &str) -> Option<i64> {
    let n = rest.bytes().take(2).take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    fixed(rest, n)
}

fn literal(rest: &mut &str, lit: &str) -> Option<()> {
    *rest = rest.strip_prefix(lit)?;
    Some(())
}

/// Go accepts fractional seconds after the seconds even when the layout has none.
fn fraction(rest: &mut &str) -> i64 {
    let Some(tail) = rest.strip_prefix(['.', ',']) else {
        return 0;
    };
    let n = tail.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return 0;
    }
    let digits = tail.get(..n).unwrap_or_default();
    *rest = tail.get(n..).unwrap_or_default();
    let ms: String = digits.chars().chain("000".chars()).take(3).collect();
    ms.parse().unwrap_or(0)
}

/// `Z` or `±hh:mm`, as minutes east of UTC.
fn zone(rest: &mut &str) -> Option<i64> {
    if let Some(r) = rest.strip_prefix('Z') {
        *rest = r;
        return Some(0);
    }
    let sign = match rest.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let mut r = rest.get(1..)?;
    let h = fixed(&mut r, 2)?;
    literal(&mut r, ":")?;
    let m = fixed(&mut r, 2)?;
    *rest = r;
    Some(sign * (h * 60 + m))
}

fn days_in(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::parse_rfc3339_ms;

    #[test]
    fn instants_and_go_errors() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:01Z"), Ok(1000));
        assert_eq!(
            parse_rfc3339_ms("2024-03-01T00:00:00.5+01:00"),
            Ok(1_709_247_600_500)
        );
        let e = |s: &str| parse_rfc3339_ms(s).err().unwrap_or_default();
        assert_eq!(
            e("yesterday"),
            r#"parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006""#
        );
        assert_eq!(
            e("2024-01-01"),
            r#"parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T""#
        );
        assert_eq!(
            e("2024-01-01T10:00:00"),
            r#"parsing time "2024-01-01T10:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00""#
        );
        assert_eq!(
            e("2024-13-01T10:00:00Z"),
            r#"parsing time "2024-13-01T10:00:00Z": month out of range"#
        );
        assert_eq!(
            e("2024-02-30T10:00:00Z"),
            r#"parsing time "2024-02-30T10:00:00Z": day out of range"#
        );
        assert_eq!(
            e("2024-01-01T10:00:00Zx"),
            r#"parsing time "2024-01-01T10:00:00Zx": extra text: "x""#
        );
    }
}
