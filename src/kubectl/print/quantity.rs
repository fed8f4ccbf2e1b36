//! Resource quantities (`k8s.io/apimachinery/pkg/api/resource`): parsing, sums and canonical text.
//!
//! Values are kept as an exact count of nano-units, which covers every quantity kubectl shows here.

use std::cmp::Ordering;

/// How a quantity prints: the suffix family it was written with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// No format yet (the zero quantity); adopts the format of what is added to it.
    #[default]
    Unset,
    /// `Ki`, `Mi`, `Gi`, …
    BinarySi,
    /// `m`, `k`, `M`, `G`, … or no suffix.
    DecimalSi,
    /// `e3`, `E6`, …
    DecimalExponent,
}

/// An exact quantity in nano-units with its print format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quantity {
    nanos: i128,
    format: Format,
}

const NANO: i128 = 1_000_000_000;

fn pow(base: i128, exp: u32) -> Option<i128> {
    base.checked_pow(exp)
}

impl Quantity {
    /// Go's `ParseQuantity`; `None` when the text is not a quantity.
    pub fn parse(text: &str) -> Option<Quantity> {
        let text = text.trim();
        let (neg, rest) = match text.as_bytes().first() {
            Some(b'-') => (true, text.get(1..)?),
            Some(b'+') => (false, text.get(1..)?),
            _ => (false, text),
        };
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, suffix) = rest.split_at(num_end);
        let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
        if (whole.is_empty() && frac.is_empty()) || frac.contains('.') {
            return None;
        }
        // value = digits * 10^(exp10 - frac_len) * 2^exp2, kept in nano-units.
        let (exp10, exp2, format): (i32, u32, Format) = match suffix {
            "" => (0, 0, Format::DecimalSi),
            "n" => (-9, 0, Format::DecimalSi),
            "u" => (-6, 0, Format::DecimalSi),
            "m" => (-3, 0, Format::DecimalSi),
            "k" => (3, 0, Format::DecimalSi),
            "M" => (6, 0, Format::DecimalSi),
            "G" => (9, 0, Format::DecimalSi),
            "T" => (12, 0, Format::DecimalSi),
            "P" => (15, 0, Format::DecimalSi),
            "E" => (18, 0, Format::DecimalSi),
            "Ki" => (0, 10, Format::BinarySi),
            "Mi" => (0, 20, Format::BinarySi),
            "Gi" => (0, 30, Format::BinarySi),
            "Ti" => (0, 40, Format::BinarySi),
            "Pi" => (0, 50, Format::BinarySi),
            "Ei" => (0, 60, Format::BinarySi),
            s if s.starts_with(['e', 'E']) => {
                let e: i32 = s.get(1..)?.parse().ok()?;
                (e, 0, Format::DecimalExponent)
            }
            _ => return None,
        };
        let digits = format!("{whole}{frac}");
        let mantissa: i128 = digits.parse().ok()?;
        let frac_len = i32::try_from(frac.len()).ok()?;
        let scale = exp10.checked_sub(frac_len)?.checked_add(9)?;
        let mut nanos = mantissa.checked_mul(pow(2, exp2)?)?;
        if scale >= 0 {
            nanos = nanos.checked_mul(pow(10, scale.unsigned_abs())?)?;
        } else {
            // Finer than a nano-unit rounds up, as Go does.
            let div = pow(10, scale.unsigned_abs())?;
            nanos = nanos.checked_add(div - 1)? / div;
        }
        Some(Quantity {
            nanos: if neg { -nanos } else { nanos },
            format,
        })
    }

    /// Whether the quantity is zero.
    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// Go's `Add`: the receiver keeps its format unless it was zero.
    pub fn add(&mut self, other: &Quantity) {
        if self.nanos == 0 {
            self.format = other.format;
        }
        self.nanos = self.nanos.saturating_add(other.nanos);
    }

    /// Go's `Value()`: whole units, rounded up.
    pub fn value(&self) -> i128 {
        ceil_div(self.nanos, NANO)
    }

    /// Go's `MilliValue()`: thousandths, rounded up.
    pub fn milli_value(&self) -> i128 {
        ceil_div(self.nanos, 1_000_000)
    }

    /// Go's `Cmp`.
    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }

    /// Go's `String()` in canonical form (`1536Mi`, `500m`, `0`).
    pub fn canonical(&self) -> String {
        if self.nanos == 0 {
            return "0".to_string();
        }
        let whole = self.nanos % NANO == 0;
        let fits_small = self.nanos.unsigned_abs() < (1024 * NANO).unsigned_abs();
        if self.format == Format::BinarySi && whole && !fits_small {
            let mut amount = self.nanos / NANO;
            let mut exp = 0usize;
            while amount % 1024 == 0 && exp < 6 {
                amount /= 1024;
                exp += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
                .get(exp)
                .copied()
                .unwrap_or("");
            return format!("{amount}{suffix}");
        }
        let mut amount = self.nanos;
        let mut exp: i32 = -9;
        while amount % 10 == 0 {
            amount /= 10;
            exp += 1;
        }
        // Lower the exponent to a multiple of three, widening the mantissa.
        let adjust = exp.rem_euclid(3);
        match pow(10, adjust.unsigned_abs()).and_then(|f| amount.checked_mul(f)) {
            Some(widened) => {
                amount = widened;
                exp -= adjust;
            }
            // Too large to widen: print the exact mantissa with an exponent instead.
            None => return format!("{amount}e{exp}"),
        }
        if self.format == Format::DecimalExponent {
            if exp == 0 {
                return amount.to_string();
            }
            return format!("{amount}e{exp}");
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
            _ => return format!("{amount}e{exp}"),
        };
        format!("{amount}{suffix}")
    }
}

fn ceil_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b > 0 { q + 1 } else { q }
}

/// Canonical text of a quantity string as the API server would return it; unparsable text is kept.
pub fn canonical_text(text: &str) -> String {
    Quantity::parse(text).map_or_else(|| text.to_string(), |q| q.canonical())
}
