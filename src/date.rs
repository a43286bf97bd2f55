//! Reading the dates people write in front matter.
//!
//! Accepted: RFC 3339 (`2016-01-19T10:30:00-05:00`), a bare date (`2016-01-19`) and a local
//! date and time (`2016-01-19 10:30`, `2016-01-19T10:30:00`). Dates without an offset are read
//! in the site's timezone, so the archive files an article under the day its newsroom saw.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
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

/// The years a date may fall in, as written, in UTC and in the site's timezone. Sitemaps
/// (XML Schema's `dateTime`), Atom and RSS take four-digit years only, and a year 0 or below
/// made URLs like `/-5000/01/01/…` (issue 15): the one rule for every date gazette reads.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// Why a text is not a date gazette takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateError {
    /// Not in any of the [`ACCEPTED_FORMS`].
    Unreadable,
    /// A readable date whose year is outside [`YEARS`]; `seen` says where: "" as written,
    /// " in UTC", or " in the site's timezone (…)".
    OutOfRange { year: i32, seen: String },
}

impl DateError {
    /// The diagnostic's message for the front-matter field `key` holding `text`.
    pub(crate) fn message(&self, key: &str, text: &str) -> String {
        match self {
            DateError::Unreadable => format!("`{key}` = {text:?} is not a date"),
            DateError::OutOfRange { year, seen } => {
                format!("`{key}` = {text:?} falls in the year {year}{seen}, out of range")
            }
        }
    }

    /// How to fix it.
    pub(crate) fn help(&self) -> String {
        match self {
            DateError::Unreadable => format!("write it as {ACCEPTED_FORMS}"),
            DateError::OutOfRange { .. } => format!(
                "gazette takes dates from year {} to {}, as written, in UTC and in the site's timezone",
                YEARS.start(),
                YEARS.end()
            ),
        }
    }
}

/// Parses a front-matter date, reading it in `tz` when it carries no offset. The result is
/// expressed in `tz`. None when it is not a date or is out of range (see [`read`] for why).
pub(crate) fn parse(text: &str, tz: Tz) -> Option<DateTime<FixedOffset>> {
    read(text, tz).ok()
}

/// Whether `text` is written in one of the [`ACCEPTED_FORMS`], whatever its year: for the
/// loaders that pass a page's date on as it is written, so that an out-of-range one is
/// reported by [`read`] rather than taken for no date at all.
pub(crate) fn is_written_date(text: &str) -> bool {
    written(text, Tz::UTC).is_some()
}

/// A date written with an offset in a form other than RFC 3339 (Jekyll's
/// `2019-12-25 00:00:00 +0000`), as RFC 3339 with seconds: for `gazette import`, which writes
/// dates as TOML date-times. None for any other text.
pub(crate) fn offset_as_rfc3339(text: &str) -> Option<String> {
    match written(text, Tz::UTC)? {
        (date, true) => Some(date.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)),
        (_, false) => None,
    }
}

/// Reads a front-matter date, and checks that its year is in [`YEARS`] as written, in UTC
/// and in `tz`. A date written with an offset (`2019-12-25 00:00:00 +0000`,
/// `2019-12-25T00:00:00-05:00`) keeps it, so it is shown and filed on the calendar day and at
/// the time its author wrote, as Hugo, Zola and Jekyll do (issue 20: Jekyll posts written at
/// midnight UTC were filed on the day before in America/Toronto); one written without an
/// offset is read in `tz` and expressed in it. Either way the instant is the same, which is
/// what feeds and sitemaps print.
pub(crate) fn read(text: &str, tz: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    let (written, explicit) = written(text, tz).ok_or(DateError::Unreadable)?;
    let utc = written.naive_utc();
    let local = in_zone(written, tz);
    // The words for where a year is out of range are made only when one is: this runs for
    // every date of every article parsed.
    let years: [(i32, &dyn Fn() -> String); 3] = [
        (written.year(), &String::new),
        (utc.year(), &|| " in UTC".to_string()),
        (local.year(), &|| format!(" in the site's timezone ({tz})")),
    ];
    match years.iter().find(|(year, _)| !YEARS.contains(year)) {
        Some((year, seen)) => Err(DateError::OutOfRange {
            year: *year,
            seen: seen(),
        }),
        None if explicit => Ok(written),
        None => Ok(local),
    }
}

/// The date as written, with its own offset (the offset `tz` gives it when it has none), and
/// whether it was written with one.
fn written(text: &str, tz: Tz) -> Option<(DateTime<FixedOffset>, bool)> {
    let text = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some((d, true));
    }
    // Jekyll writes "2016-01-19 10:30:00 -0500".
    for format in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(text, format) {
            return Some((d, true));
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
    Some((local.fixed_offset(), false))
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
            // An offset as written is kept (issue 20).
            ("2016-01-19T15:30:15Z", "2016-01-19T15:30:15+00:00"),
            ("2019-12-25 00:00:00 +0000", "2019-12-25T00:00:00+00:00"),
            ("2016-07-19T10:30:15-04:00", "2016-07-19T10:30:15-04:00"),
            ("2016-01-19 10:30:00 -0500", "2016-01-19T10:30:00-05:00"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input, tz).unwrap().to_rfc3339(), expected, "{input}");
        }
    }

    #[test]
    fn offsets_in_other_forms_become_rfc3339_for_import() {
        assert_eq!(
            offset_as_rfc3339("2019-12-25 00:00:00 +0000").as_deref(),
            Some("2019-12-25T00:00:00+00:00")
        );
        assert_eq!(offset_as_rfc3339("2019-12-25 10:30"), None);
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
    fn years_outside_1_to_9999_are_out_of_range_as_written_in_utc_and_in_the_timezone() {
        let toronto: Tz = "America/Toronto".parse().unwrap();
        let cases = [
            ("0000-01-01", Tz::UTC, 0, ""),
            ("-5000-01-01", Tz::UTC, -5000, ""),
            ("9999-12-31T23:59:59-12:00", Tz::UTC, 10000, " in UTC"),
            (
                "0001-01-01T00:00:00Z",
                toronto,
                0,
                " in the site's timezone (America/Toronto)",
            ),
        ];
        for (text, tz, year, seen) in cases {
            let seen = seen.to_string();
            assert_eq!(
                read(text, tz),
                Err(DateError::OutOfRange { year, seen }),
                "{text}"
            );
            assert!(parse(text, tz).is_none() && is_written_date(text), "{text}");
        }
        for text in ["0001-01-01", "9999-12-30", "9999-12-31T23:59:59Z"] {
            assert!(read(text, Tz::UTC).is_ok(), "{text}");
            assert!(read(text, toronto).is_ok(), "{text}");
        }
        assert_eq!(read("yesterday", Tz::UTC), Err(DateError::Unreadable));
        assert!(!is_written_date("yesterday"));
        let out = read("0000-01-01", Tz::UTC).unwrap_err();
        assert!(out.message("date", "0000-01-01").contains("year 0"));
        assert!(out.help().contains("1 to 9999"));
    }

    #[test]
    fn dst_gap_does_not_panic() {
        let tz: Tz = "America/Toronto".parse().unwrap();
        assert!(parse("2016-03-13 02:30", tz).is_some());
    }
}
