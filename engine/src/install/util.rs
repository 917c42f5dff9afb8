//! Small deterministic helpers for the install simulator: a seeded generator, fake PEM blocks and virtual-time formatting.

/// A seeded splitmix64 generator; the same seed gives the same sequence.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded from the text `seed`.
    pub fn new(seed: &str) -> Self {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h)
    }

    /// The next 64 bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// `n` characters drawn from `alphabet`.
    pub fn chars(&mut self, alphabet: &str, n: usize) -> String {
        let a: Vec<char> = alphabet.chars().collect();
        (0..n)
            .map(|_| a[(self.next() % a.len() as u64) as usize])
            .collect()
    }

    /// `n` lowercase hexadecimal digits.
    pub fn hex(&mut self, n: usize) -> String {
        self.chars("0123456789abcdef", n)
    }
}

/// A plausible, deterministic PEM block of `label` (for example `CERTIFICATE`) derived from `seed`.
pub fn fake_pem(label: &str, seed: &str) -> String {
    let mut rng = Rng::new(seed);
    let mut bytes = vec![
        0x30, 0x82, 0x03, 0x2e, 0x30, 0x82, 0x02, 0x16, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x08,
    ];
    while bytes.len() < 690 {
        bytes.extend_from_slice(&rng.next().to_be_bytes());
    }
    bytes.truncate(690);
    let body = crate::b64::encode(&bytes);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or(""));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// The civil date and time of `ms` since the epoch: (year, month, day, hour, minute, second).
pub fn civil(ms: i64) -> (i64, u32, u32, u32, u32, u32) {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    )
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Go's `time.Kitchen` layout, `3:04PM`, in UTC.
pub fn kitchen(ms: i64) -> String {
    let (_, _, _, h, mi, _) = civil(ms);
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!("{h12}:{mi:02}{ampm}")
}

/// The journalctl short timestamp, `Nov 23 07:35:12`.
pub fn journal_time(ms: i64) -> String {
    let (_, m, d, h, mi, s) = civil(ms);
    format!("{} {d:02} {h:02}:{mi:02}:{s:02}", MONTHS[(m - 1) as usize])
}

/// RFC 3339 in UTC, `2026-11-23T07:35:12Z`.
pub fn rfc3339(ms: i64) -> String {
    let (y, m, d, h, mi, s) = civil(ms);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// A compact stamp, `20261123073512`.
pub fn compact(ms: i64) -> String {
    let (y, m, d, h, mi, s) = civil(ms);
    format!("{y:04}{m:02}{d:02}{h:02}{mi:02}{s:02}")
}

/// A klog header time, `1123 07:35:12.000000`.
pub fn klog_time(ms: i64) -> String {
    let (_, m, d, h, mi, s) = civil(ms);
    format!(
        "{m:02}{d:02} {h:02}:{mi:02}:{s:02}.{:06}",
        (ms.rem_euclid(1000)) * 1000
    )
}

/// Go's duration formatting for whole seconds: `20m0s`, `1h5m3s`, `42s`.
pub fn go_duration(ms: i64) -> String {
    let s = ms / 1000;
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    if h > 0 {
        format!("{h}h{m}m{sec}s")
    } else if m > 0 {
        format!("{m}m{sec}s")
    } else {
        format!("{sec}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_virtual_time() {
        // 2026-11-23T07:43:00Z.
        let ms = 1_795_419_780_000;
        assert_eq!(rfc3339(ms), "2026-11-23T07:43:00Z");
        assert_eq!(kitchen(ms), "7:43AM");
        assert_eq!(kitchen(ms + 6 * 3_600_000), "1:43PM");
        assert_eq!(journal_time(ms), "Nov 23 07:43:00");
        assert_eq!(go_duration(20 * 60_000), "20m0s");
        assert_eq!(go_duration(3_725_000), "1h2m5s");
    }

    #[test]
    fn pem_is_deterministic_and_wrapped() {
        let a = fake_pem("CERTIFICATE", "x");
        assert_eq!(a, fake_pem("CERTIFICATE", "x"));
        assert_ne!(a, fake_pem("CERTIFICATE", "y"));
        assert!(a.starts_with("-----BEGIN CERTIFICATE-----\nMIID"));
        assert!(a.lines().all(|l| l.len() <= 64 || l.starts_with("-----")));
    }
}
