//! Evidence that is too old for what the checklist asks: "education events … in last 12
//! months", "deployments … within the past 18 months". The window is read from the
//! checklist's own wording, so revised or imported checklists bring their own.

/// Seconds in an average month, for windows stated in months.
const MONTH_SECS: i64 = 2_629_746;

/// The window an evidence item or prerequisite states, in months, if any: the number right
/// before "months" ("12 months", "eighteen (18) months").
pub fn window_months(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        let is_months = w[1].trim_matches(|c: char| !c.is_alphanumeric()) == "months";
        let number = w[0].trim_matches(|c: char| !c.is_ascii_digit());
        is_months.then(|| number.parse().ok()).flatten()
    })
}

/// Whether evidence dated `date` (seconds since the epoch) falls outside a window of
/// `months` before `now`.
pub fn is_stale(date: i64, months: u32, now: i64) -> bool {
    date < now - i64::from(months) * MONTH_SECS
}

/// Seconds since the epoch of a `YYYY-MM-DD` date, at midnight UTC.
pub fn parse_date(s: &str) -> Option<i64> {
    let mut parts = s.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

/// `YYYY-MM-DD` (UTC) of seconds since the epoch: the inverse of `parse_date`.
pub fn format_date(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    // Civil date from days (Howard Hinnant's algorithm, inverse of the one above).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD HH:MM UTC` of seconds since the epoch, for reports and session outcomes.
pub fn format_time(secs: i64) -> String {
    let s = secs.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02} UTC",
        format_date(secs),
        s / 3600,
        (s % 3600) / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_read_from_the_checklist_wording() {
        assert_eq!(
            window_months(
                "List of … education events lead by AWS Partner staff (…) in last 12 months."
            ),
            Some(12)
        );
        assert_eq!(
            window_months("deployments performed within the past 18 months and"),
            Some(18)
        );
        assert_eq!(
            window_months("launched within twenty-four (24) months of the application"),
            Some(24)
        );
        assert_eq!(window_months("Default SOW template"), None);
    }

    #[test]
    fn dates_parse_and_age() {
        assert_eq!(parse_date("1970-01-02"), Some(86_400));
        assert_eq!(parse_date("2026-11-22"), Some(1_795_305_600));
        assert_eq!(parse_date("2026-13-01"), None);
        for date in ["1970-01-01", "2000-02-29", "2026-11-22", "2100-03-01"] {
            assert_eq!(format_date(parse_date(date).unwrap()), date);
        }
        assert_eq!(format_time(1_795_305_600 + 3_725), "2026-11-22 01:02 UTC");
        let now = parse_date("2026-11-22").unwrap();
        assert!(is_stale(parse_date("2025-10-01").unwrap(), 12, now));
        assert!(!is_stale(parse_date("2026-01-01").unwrap(), 12, now));
    }
}
