//! Ages and timestamps as kubectl shows them: `duration.HumanDuration`, `ShortHumanDuration` and RFC 3339 times in virtual milliseconds.

/// Renders a duration in milliseconds the way kubectl's `HumanDuration` does (`5s`, `2m30s`, `3h20m`, `2d3h`, `2y100d`).
pub fn human_duration(ms: i64) -> String {
    let seconds = ms / 1000;
    if seconds < -1 {
        return "<invalid>".to_owned();
    }
    if seconds < 0 {
        return "0s".to_owned();
    }
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let days = (hours / 24) % 365;
        return if days == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{days}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

/// Renders a duration in milliseconds the way kubectl's `ShortHumanDuration` does (one unit: `45s`, `10m`, `3h`, `12d`, `2y`).
pub fn short_human_duration(ms: i64) -> String {
    let seconds = ms / 1000;
    if seconds < -1 {
        return "<invalid>".to_owned();
    }
    if seconds < 0 {
        return "0s".to_owned();
    }
    if seconds < 60 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 60 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 24 {
        return format!("{hours}h");
    }
    if hours < 24 * 365 {
        return format!("{}d", hours / 24);
    }
    format!("{}y", hours / 24 / 365)
}

/// Renders a duration as github.com/docker/go-units `HumanDuration` does (`Less than a second`, `About a minute`, `10 minutes`, `3 days`), which OpenShift's build and image printers use.
pub fn docker_human_duration(ms: i64) -> String {
    let seconds = ms / 1000;
    if seconds < 1 {
        return "Less than a second".to_owned();
    }
    if seconds == 1 {
        return "1 second".to_owned();
    }
    if seconds < 60 {
        return format!("{seconds} seconds");
    }
    let minutes = seconds / 60;
    if minutes == 1 {
        return "About a minute".to_owned();
    }
    if minutes < 60 {
        return format!("{minutes} minutes");
    }
    let hours = (ms as f64 / 3_600_000.0).round() as i64;
    if hours == 1 {
        return "About an hour".to_owned();
    }
    if hours < 48 {
        return format!("{hours} hours");
    }
    if hours < 24 * 7 * 2 {
        return format!("{} days", hours / 24);
    }
    if hours < 24 * 30 * 2 {
        return format!("{} weeks", hours / 24 / 7);
    }
    if hours < 24 * 365 * 2 {
        return format!("{} months", hours / 24 / 30);
    }
    format!("{} years", ms / 3_600_000 / 24 / 365)
}

/// Parses an RFC 3339 timestamp (`2024-01-01T00:00:00Z`, fractions and offsets allowed) into milliseconds since the epoch.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(range)?;
        if !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &text[19..];
    let mut millis = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let mut ms_digits: String = frac[..digits].chars().take(3).collect();
        while ms_digits.len() < 3 {
            ms_digits.push('0');
        }
        millis = ms_digits.parse::<i64>().ok()?;
        rest = &frac[digits..];
    }
    let offset_minutes = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let ob = rest.as_bytes();
            if ob.len() != 6 || ob[3] != b':' {
                return None;
            }
            let h: i64 = rest[1..3].parse().ok()?;
            let m: i64 = rest[4..6].parse().ok()?;
            sign * (h * 60 + m)
        }
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(secs * 1000 + millis)
}

/// Formats milliseconds since the epoch as an RFC 3339 UTC timestamp with whole seconds, as the API server stores `metadata.creationTimestamp`.
pub fn format_rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Formats milliseconds since the epoch as Go's `time.RFC1123Z` in UTC (`Mon, 01 Jan 2024 09:30:00 +0000`), as kubectl describe prints times.
pub fn format_rfc1123z(ms: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{}, {d:02} {} {y:04} {:02}:{:02}:{:02} +0000",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(m - 1) as usize],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The age of an RFC 3339 timestamp at `now`, as kubectl's `translateTimestampSince` shows it (`<unknown>` when missing).
pub fn age_since(timestamp: Option<&str>, now: i64) -> String {
    match timestamp.and_then(parse_rfc3339) {
        Some(t) => human_duration(now - t),
        None => "<unknown>".to_owned(),
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    const S: i64 = 1000;
    const M: i64 = 60 * S;
    const H: i64 = 60 * M;
    const D: i64 = 24 * H;

    #[test]
    fn human_durations_cover_every_band() {
        let cases = [
            -5 * S,
            -1500,
            0,
            5 * S,
            119 * S,
            2 * M,
            2 * M + 30 * S,
            9 * M + 59 * S,
            10 * M + 30 * S,
            179 * M,
            3 * H,
            3 * H + 20 * M,
            7 * H + 59 * M,
            8 * H + 30 * M,
            47 * H,
            2 * D,
            2 * D + 3 * H,
            7 * D + 23 * H,
            8 * D,
            45 * D,
            729 * D,
            730 * D,
            830 * D,
            8 * 365 * D,
            9 * 365 * D,
        ];
        let out: Vec<String> = cases
            .iter()
            .map(|&d| format!("{d} {} {}", human_duration(d), short_human_duration(d)))
            .collect();
        expect![[r#"
            -5000 <invalid> <invalid>
            -1500 0s 0s
            0 0s 0s
            5000 5s 5s
            119000 119s 1m
            120000 2m 2m
            150000 2m30s 2m
            599000 9m59s 9m
            630000 10m 10m
            10740000 179m 2h
            10800000 3h 3h
            12000000 3h20m 3h
            28740000 7h59m 7h
            30600000 8h 8h
            169200000 47h 1d
            172800000 2d 2d
            183600000 2d3h 2d
            687600000 7d23h 7d
            691200000 8d 8d
            3888000000 45d 45d
            62985600000 729d 1y
            63072000000 2y 2y
            71712000000 2y100d 2y
            252288000000 8y 8y
            283824000000 9y 9y"#]]
        .assert_eq(&out.join("\n"));
    }

    #[test]
    fn docker_durations() {
        let out: Vec<String> = [
            0,
            S,
            30 * S,
            90 * S,
            10 * M,
            61 * M,
            90 * M,
            47 * H,
            5 * D,
            20 * D,
            90 * D,
            800 * D,
        ]
        .iter()
        .map(|&d| docker_human_duration(d))
        .collect();
        expect!["Less than a second|1 second|30 seconds|About a minute|10 minutes|About an hour|2 hours|47 hours|5 days|2 weeks|3 months|2 years"].assert_eq(&out.join("|"));
    }

    #[test]
    fn timestamps_round_trip() {
        let t = parse_rfc3339("2024-02-29T13:45:07Z").unwrap();
        assert_eq!(format_rfc3339(t), "2024-02-29T13:45:07Z");
        assert_eq!(
            parse_rfc3339("2024-02-29T15:45:07.250+02:00"),
            Some(t + 250)
        );
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2023-02-29T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("yesterday"), None);
        assert_eq!(age_since(Some("2024-01-01T00:00:00Z"), t), "59d");
        assert_eq!(age_since(None, t), "<unknown>");
        assert_eq!(
            format_rfc1123z(parse_rfc3339("2024-01-01T09:30:00Z").unwrap()),
            "Mon, 01 Jan 2024 09:30:00 +0000"
        );
        assert_eq!(format_rfc1123z(t), "Thu, 29 Feb 2024 13:45:07 +0000");
    }
}
