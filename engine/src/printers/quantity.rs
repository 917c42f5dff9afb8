//! Kubernetes resource quantities (`100m`, `128Mi`, `4`), enough to add them up and print them as `resource.Quantity.String()` does.

/// A quantity as milli-units with the suffix family it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Quantity {
    /// The value in thousandths.
    pub milli: i128,
    /// Whether it was written with a binary suffix (`Ki`, `Mi`, …).
    pub binary: bool,
}

impl Quantity {
    /// Parses a quantity string; `None` when it is not one.
    pub fn parse(text: &str) -> Option<Quantity> {
        let text = text.trim();
        let split = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
            .unwrap_or(text.len());
        let (number, suffix) = text.split_at(split);
        if number.is_empty() {
            return None;
        }
        let (multiplier_milli, binary): (i128, bool) = match suffix {
            "" => (1000, false),
            "m" => (1, false),
            "k" => (1000 * 1000, false),
            "M" => (1000 * 1000 * 1000, false),
            "G" => (1000 * 1_000_000_000, false),
            "T" => (1000 * 1_000_000_000_000, false),
            "P" => (1000 * 1_000_000_000_000_000, false),
            "E" => (1000 * 1_000_000_000_000_000_000, false),
            "Ki" => (1000 << 10, true),
            "Mi" => (1000 << 20, true),
            "Gi" => (1000 << 30, true),
            "Ti" => (1000 << 40, true),
            "Pi" => (1000 << 50, true),
            "Ei" => (1000 << 60, true),
            s if s.starts_with(['e', 'E']) => {
                let exp: u32 = s[1..].parse().ok()?;
                (1000 * 10i128.checked_pow(exp)?, false)
            }
            _ => return None,
        };
        let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
        let negative = whole.starts_with('-');
        let whole_digits = whole.trim_start_matches(['+', '-']);
        let whole_value: i128 = if whole_digits.is_empty() {
            0
        } else {
            whole_digits.parse().ok()?
        };
        let mut milli = whole_value * multiplier_milli;
        if !frac.is_empty() {
            let frac_value: i128 = frac.parse().ok()?;
            let scale = 10i128.checked_pow(frac.len() as u32)?;
            milli += frac_value * multiplier_milli / scale;
        }
        Some(Quantity {
            milli: if negative { -milli } else { milli },
            binary,
        })
    }

    /// The whole value, rounded up as `Quantity.Value()` does.
    pub fn value(&self) -> i128 {
        (self.milli + 999).div_euclid(1000)
    }

    /// Adds another quantity, keeping this one's suffix family (a zero quantity takes the other's).
    pub fn add(&self, other: &Quantity) -> Quantity {
        let binary = if self.milli == 0 {
            other.binary
        } else {
            self.binary
        };
        Quantity {
            milli: self.milli + other.milli,
            binary,
        }
    }

    /// The larger of two quantities.
    pub fn max(&self, other: &Quantity) -> Quantity {
        if other.milli > self.milli {
            *other
        } else {
            *self
        }
    }
}

impl std::fmt::Display for Quantity {
    /// Prints in canonical form: milli-units as `m`, whole values with the largest exact suffix of their family.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.milli == 0 {
            return write!(f, "0");
        }
        if self.milli % 1000 != 0 {
            return write!(f, "{}m", self.milli);
        }
        let value = self.milli / 1000;
        if self.binary {
            for (suffix, shift) in [
                ("Ei", 60),
                ("Pi", 50),
                ("Ti", 40),
                ("Gi", 30),
                ("Mi", 20),
                ("Ki", 10),
            ] {
                let unit = 1i128 << shift;
                if value % unit == 0 && value.abs() >= unit {
                    return write!(f, "{}{suffix}", value / unit);
                }
            }
            return write!(f, "{value}");
        }
        for (suffix, exp) in [
            ("E", 18),
            ("P", 15),
            ("T", 12),
            ("G", 9),
            ("M", 6),
            ("k", 3),
        ] {
            let unit = 10i128.pow(exp);
            if value % unit == 0 && value.abs() >= unit {
                return write!(f, "{}{suffix}", value / unit);
            }
        }
        write!(f, "{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_adds_and_prints() {
        let q = |s: &str| Quantity::parse(s).unwrap();
        assert_eq!(q("100m").add(&q("250m")).to_string(), "350m");
        assert_eq!(q("128Mi").add(&q("256Mi")).to_string(), "384Mi");
        assert_eq!(q("1.5").to_string(), "1500m");
        assert_eq!(q("2").to_string(), "2");
        assert_eq!(q("0.5Gi").to_string(), "512Mi");
        assert_eq!(q("14955444Ki").value(), 14_955_444 * 1024);
        assert_eq!(q("3500m").milli, 3500);
        assert_eq!(Quantity::default().add(&q("1Gi")).to_string(), "1Gi");
        assert_eq!(q("1e3").to_string(), "1k");
        assert!(Quantity::parse("abc").is_none());
    }
}
