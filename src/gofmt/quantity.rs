//! Kubernetes resource quantities (`1Gi`, `500m`, `1e3`): parsing, canonical text, sums and
//! comparison, following k8s.io/apimachinery/pkg/api/resource (quantity.go, suffix.go).
//!
//! Values are held exactly as nano-units in an `i128`, which covers every quantity a learner
//! writes; values beyond that range saturate (Go's `inf.Dec` would keep them exactly).

use std::cmp::Ordering;
use std::fmt;

const NANO: i128 = 1_000_000_000;

/// How a quantity is written back out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Decimal SI suffixes: `m`, `k`, `M`, `G`, ….
    #[default]
    DecimalSI,
    /// Binary suffixes: `Ki`, `Mi`, `Gi`, ….
    BinarySI,
    /// Exponent notation: `1e3`.
    DecimalExponent,
}

/// Why a quantity string was rejected; `Display` gives the server's wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityError {
    /// The text does not have the shape of a quantity.
    FormatWrong,
    /// The numeric part cannot be parsed.
    Numeric,
    /// The suffix is not a known one.
    Suffix,
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QuantityError::FormatWrong => {
                "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
            }
            QuantityError::Numeric => "unable to parse numeric part of quantity",
            QuantityError::Suffix => "unable to parse quantity's suffix",
        })
    }
}

impl std::error::Error for QuantityError {}

/// A parsed quantity; the default is zero, which takes the format of the first quantity added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quantity {
    nanos: i128,
    format: Format,
}

struct Scanned<'a> {
    positive: bool,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

/// Splits a quantity into sign, integer digits, fraction digits and suffix, accepting exactly
/// what the server's scanner accepts.
fn scan(s: &str) -> Result<Scanned<'_>, QuantityError> {
    let b = s.as_bytes();
    let end = b.len();
    let mut pos = 0;
    let mut positive = true;
    match b.first() {
        Some(b'-') => {
            positive = false;
            pos += 1;
        }
        Some(b'+') => pos += 1,
        _ => {}
    }
    while pos < end && b.get(pos) == Some(&b'0') {
        pos += 1;
    }
    if pos >= end {
        return Ok(Scanned {
            positive,
            num: "0",
            denom: "",
            suffix: "",
        });
    }
    let num_start = pos;
    while pos < end && b.get(pos).is_some_and(u8::is_ascii_digit) {
        pos += 1;
    }
    let num = s.get(num_start..pos).unwrap_or("");
    let num = if num.is_empty() { "0" } else { num };
    if pos >= end {
        return Ok(Scanned {
            positive,
            num,
            denom: "",
            suffix: "",
        });
    }
    let mut denom = "";
    if b.get(pos) == Some(&b'.') {
        pos += 1;
        let start = pos;
        while pos < end && b.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        denom = s.get(start..pos).unwrap_or("");
        if pos >= end {
            return Ok(Scanned {
                positive,
                num,
                denom,
                suffix: "",
            });
        }
    }
    let suffix_start = pos;
    while pos < end && b.get(pos).is_some_and(|c| b"eEinumkKMGTP".contains(c)) {
        pos += 1;
    }
    if pos < end && matches!(b.get(pos), Some(b'-') | Some(b'+')) {
        pos += 1;
    }
    while pos < end && b.get(pos).is_some_and(u8::is_ascii_digit) {
        pos += 1;
    }
    if pos < end {
        return Err(QuantityError::FormatWrong);
    }
    Ok(Scanned {
        positive,
        num,
        denom,
        suffix: s.get(suffix_start..).unwrap_or(""),
    })
}

/// Maps a suffix to (base, exponent, format).
fn interpret(suffix: &str) -> Option<(u32, i32, Format)> {
    let dec = |e| Some((10, e, Format::DecimalSI));
    let bin = |e| Some((2, e, Format::BinarySI));
    match suffix {
        "" => dec(0),
        "n" => dec(-9),
        "u" => dec(-6),
        "m" => dec(-3),
        "k" => dec(3),
        "M" => dec(6),
        "G" => dec(9),
        "T" => dec(12),
        "P" => dec(15),
        "E" => dec(18),
        "Ki" => bin(10),
        "Mi" => bin(20),
        "Gi" => bin(30),
        "Ti" => bin(40),
        "Pi" => bin(50),
        "Ei" => bin(60),
        s if s.len() > 1 && (s.starts_with('e') || s.starts_with('E')) => {
            let e: i32 = s.get(1..)?.parse().ok()?;
            Some((10, e, Format::DecimalExponent))
        }
        _ => None,
    }
}

fn pow10(e: u32) -> i128 {
    10i128.checked_pow(e).unwrap_or(i128::MAX)
}

/// Divides rounding away from zero, as the server rounds sub-nano values up.
fn div_round_up(n: i128, d: i128) -> i128 {
    if d == 0 {
        return n;
    }
    let q = n / d;
    if n % d != 0 {
        if n > 0 {
            q.saturating_add(1)
        } else {
            q.saturating_sub(1)
        }
    } else {
        q
    }
}

/// Go's `ParseQuantity`: parses `1Gi`, `500m`, `1.5`, `1e3`. Surrounding spaces are an error,
/// as in Go.
pub fn parse_quantity(s: &str) -> Result<Quantity, QuantityError> {
    if s.is_empty() {
        return Err(QuantityError::FormatWrong);
    }
    let sc = scan(s)?;
    let (base, exponent, mut format) = interpret(sc.suffix).ok_or(QuantityError::Suffix)?;
    let mut mantissa: i128 = 0;
    for c in sc.num.bytes().chain(sc.denom.bytes()) {
        mantissa = mantissa
            .saturating_mul(10)
            .saturating_add(i128::from(c - b'0'));
    }
    let denom_len = i32::try_from(sc.denom.len()).unwrap_or(i32::MAX);
    let nanos = if base == 10 {
        let e = exponent.saturating_sub(denom_len).saturating_add(9);
        if e >= 0 {
            mantissa.saturating_mul(pow10(e.unsigned_abs()))
        } else {
            div_round_up(mantissa, pow10(e.unsigned_abs()))
        }
    } else {
        let scaled = mantissa.saturating_mul(
            2i128
                .checked_pow(exponent.unsigned_abs())
                .unwrap_or(i128::MAX),
        );
        div_round_up(scaled.saturating_mul(NANO), pow10(denom_len.unsigned_abs()))
    };
    let nanos = if sc.positive { nanos } else { -nanos };
    if format == Format::BinarySI && nanos != 0 && nanos.abs() < NANO {
        format = Format::DecimalSI;
    }
    Ok(Quantity { nanos, format })
}

impl Quantity {
    /// A quantity of whole units in the given format.
    pub fn from_units(units: i64, format: Format) -> Self {
        Quantity {
            nanos: i128::from(units) * NANO,
            format,
        }
    }

    /// True for zero.
    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// The sign: -1, 0 or 1.
    pub fn signum(&self) -> i32 {
        match self.nanos.cmp(&0) {
            Ordering::Less => -1,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        }
    }

    /// The format this quantity prints in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Go's `Add`: the receiver keeps its format unless it was zero.
    pub fn add(&mut self, other: &Quantity) {
        if self.nanos == 0 {
            self.format = other.format;
        }
        self.nanos = self.nanos.saturating_add(other.nanos);
    }

    /// Go's `Cmp`: compares values, whatever their formats.
    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }

    /// Go's `Value()`: whole units, rounded away from zero (bytes for memory and storage).
    pub fn value(&self) -> i128 {
        div_round_up(self.nanos, NANO)
    }

    /// Go's `MilliValue()`: thousandths, rounded away from zero (millicores for CPU).
    pub fn milli_value(&self) -> i128 {
        div_round_up(self.nanos, 1_000_000)
    }

    /// Rounds up to milli precision, as defaulting does for resource lists.
    pub fn round_up_milli(&mut self) {
        self.nanos = div_round_up(self.nanos, 1_000_000).saturating_mul(1_000_000);
    }

    /// Go's `String()`: the canonical text the server stores and prints (`1024Mi` is `1Gi`).
    pub fn canonical(&self) -> String {
        if self.nanos == 0 {
            return "0".to_string();
        }
        let mut format = self.format;
        if format == Format::BinarySI && (self.nanos.abs() < 1024 * NANO || self.nanos % NANO != 0)
        {
            format = Format::DecimalSI;
        }
        match format {
            Format::BinarySI => {
                let mut v = self.nanos / NANO;
                let mut exp = 0;
                while v % 1024 == 0 && exp < 6 {
                    v /= 1024;
                    exp += 1;
                }
                let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
                    .get(exp)
                    .copied()
                    .unwrap_or("");
                format!("{v}{suffix}")
            }
            Format::DecimalSI | Format::DecimalExponent => {
                let mut m = self.nanos;
                let mut exp: i32 = -9;
                while m % 10 == 0 {
                    m /= 10;
                    exp += 1;
                }
                // Lower the exponent to a multiple of three, widening the mantissa; a mantissa
                // too large to widen prints exactly with its exponent instead.
                let adjust = exp.rem_euclid(3);
                match 10i128
                    .checked_pow(adjust.unsigned_abs())
                    .and_then(|f| m.checked_mul(f))
                {
                    Some(widened) => {
                        m = widened;
                        exp -= adjust;
                    }
                    None => return format!("{m}e{exp}"),
                }
                if format == Format::DecimalExponent {
                    return if exp == 0 {
                        m.to_string()
                    } else {
                        format!("{m}e{exp}")
                    };
                }
                let suffix = match exp {
                    -9 => "n",
                    -6 => "u",
                    -3 => "m",
                    0 => "",
                    3 => "k",
                    6 => "M",
                    9 => "G",
                    12 => "T",
                    15 => "P",
                    18 => "E",
                    _ => return format!("{m}e{exp}"),
                };
                format!("{m}{suffix}")
            }
        }
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp_value(other))
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// The canonical text of a quantity string as the API server would return it; text that is
/// not a quantity is kept as it is.
pub fn canonical_text(text: &str) -> String {
    parse_quantity(text).map_or_else(|_| text.to_string(), |q| q.canonical())
}
