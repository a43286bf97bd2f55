//! Dates as news sites print them ("Jan. 19, 2016", "Nov 17, 2015 5:32 PM ET"), read into
//! the forms [`crate::date::parse`] accepts.
//!
//! Only absolute dates with a year count; relative phrases ("7 years ago") are furniture.
//! Zone abbreviations map to a region, whose rules decide standard or daylight time.

use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveTime, TimeZone};
use regex::Regex;

/// Reads a date as news sites print it, into a form [`crate::date::parse`] accepts:
/// "Jan 19, 2016", "January 19, 2016", "Jan. 19, 2016", "19 January 2016", "Tuesday, January
/// 19, 2016", "2016-01-19", "Nov 17, 2015 5:32 PM ET". Relative phrases ("7 years ago") and
/// dates without a year are not dates.
pub fn news_date(text: &str) -> Option<String> {
    static FORMS: OnceLock<[Regex; 2]> = OnceLock::new();
    let text = text.trim().trim_end_matches('.').trim();
    if text.is_empty() || text.len() > 80 {
        return None;
    }
    if crate::date::is_written_date(text) {
        return Some(text.to_string());
    }
    let time = r"(?:,?\s+(?:at\s+)?(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?(?:\s+(?P<tz>[A-Z]{2,4}))?)?";
    let forms = FORMS.get_or_init(|| {
        let weekday = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?";
        [
            Regex::new(&format!(
                r"(?i)^{weekday}(?P<mon>[a-z]{{3,9}})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){time}$"
            ))
            .expect("regex"),
            Regex::new(&format!(
                r"(?i)^{weekday}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>[a-z]{{3,9}})\.?,?\s+(?P<year>\d{{4}}){time}$"
            ))
            .expect("regex"),
        ]
    });
    let c = forms.iter().find_map(|r| r.captures(text))?;
    let month = month_number(&c["mon"])?;
    let day: u32 = c["day"].parse().ok()?;
    let year: i32 = c["year"].parse().ok()?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let Some(hour) = c.name("h") else {
        return Some(date.format("%Y-%m-%d").to_string());
    };
    let mut hour: u32 = hour.as_str().parse().ok()?;
    let minute: u32 = c.name("m").map_or(Some(0), |m| m.as_str().parse().ok())?;
    if let Some(ampm) = c.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    let naive = date.and_time(NaiveTime::from_hms_opt(hour, minute, 0)?);
    let zone = c.name("tz").and_then(|tz| zone_of(tz.as_str()));
    match zone {
        Some(tz) => tz
            .from_local_datetime(&naive)
            .earliest()
            .map(|d| d.fixed_offset().to_rfc3339()),
        None => Some(naive.format("%Y-%m-%d %H:%M").to_string()),
    }
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_ascii_lowercase();
    let index = match name.len() {
        3 => crate::date::MONTH_NAMES
            .iter()
            .position(|m| m[..3].eq_ignore_ascii_case(&name)),
        4 if name == "sept" => Some(8),
        _ => crate::date::MONTH_NAMES
            .iter()
            .position(|m| m.eq_ignore_ascii_case(&name)),
    }?;
    Some(index as u32 + 1)
}

/// North American and a few European zone abbreviations as news sites print them; the
/// region's rules decide standard or daylight time for the date.
fn zone_of(abbreviation: &str) -> Option<chrono_tz::Tz> {
    use chrono_tz::{America, Europe, Tz};
    Some(match abbreviation {
        "ET" | "EST" | "EDT" => America::Toronto,
        "CT" | "CST" | "CDT" => America::Winnipeg,
        "MT" | "MST" | "MDT" => America::Edmonton,
        "PT" | "PST" | "PDT" => America::Vancouver,
        "AT" | "AST" | "ADT" => America::Halifax,
        "NT" | "NST" | "NDT" => America::St_Johns,
        "UTC" | "GMT" => Tz::UTC,
        "BST" => Europe::London,
        "CET" | "CEST" => Europe::Paris,
        _ => return None,
    })
}
