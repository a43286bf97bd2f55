//! Reading the dates people write in front matter.
//!
//! Accepted: RFC 3339 (`2016-01-19T10:30:00-05:00`), a bare date (`2016-01-19`) and a local
//! date and time (`2016-01-19 10:30`, `2016-01-19T10:30:00`). Dates without an offset are read
//! in the site's timezone, so the archive files an article under the day its newsroom saw.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// The months' English names, January first: for pages, the search index and reading
/// dates as news sites print them.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The forms a date can take, for error messages.
pub(crate) const ACCEPTED_FORMS: &str =
    "2016-01-19, 2016-01-19 10:30, 2016-01-19 10:30:00 or 2016-01-19T10:30:00-05:00";

/// Parses a front-matter date, reading it in `tz` when it carries no offset. The result is
/// expressed in `tz`.
pub(crate) fn parse(text: &str, tz: Tz) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(in_zone(d, tz));
    }
    // Jekyll writes "2016-01-19 10:30:00 -0500".
    for format in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(text, format) {
            return Some(in_zone(d, tz));
        }
    }
    let naive = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })?;
    // A local time that falls in a DST gap does not exist; the earliest valid reading of an
    // ambiguous one is what a newsroom clock showed first.
    let local = tz.from_local_datetime(&naive).earliest().or_else(|| {
        tz.from_local_datetime(&(naive + chrono::Duration::hours(1)))
            .earliest()
    })?;
    Some(local.fixed_offset())
}

fn in_zone(d: DateTime<FixedOffset>, tz: Tz) -> DateTime<FixedOffset> {
    d.with_timezone(&tz).fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        let tz: Tz = "America/Toronto".parse().unwrap();
        let cases = [
            ("2016-01-19", "2016-01-19T00:00:00-05:00"),
            ("2016-01-19 10:30", "2016-01-19T10:30:00-05:00"),
            ("2016-01-19 10:30:15", "2016-01-19T10:30:15-05:00"),
            ("2016-01-19T10:30:15", "2016-01-19T10:30:15-05:00"),
            ("2016-01-19T15:30:15Z", "2016-01-19T10:30:15-05:00"),
            ("2016-07-19T10:30:15-04:00", "2016-07-19T10:30:15-04:00"),
            ("2016-01-19 10:30:00 -0500", "2016-01-19T10:30:00-05:00"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input, tz).unwrap().to_rfc3339(), expected, "{input}");
        }
    }

    #[test]
    fn rejected_forms() {
        for bad in [
            "",
            "yesterday",
            "19/01/2016",
            "2016-13-01",
            "2016-02-30",
            "Jan 19, 2016",
        ] {
            assert!(parse(bad, Tz::UTC).is_none(), "{bad}");
        }
    }

    #[test]
    fn dst_gap_does_not_panic() {
        let tz: Tz = "America/Toronto".parse().unwrap();
        assert!(parse("2016-03-13 02:30", tz).is_some());
    }
}
