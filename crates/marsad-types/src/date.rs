//! A small proleptic Gregorian calendar date (no time zone), serialised as `YYYY-MM-DD`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date in the proleptic Gregorian calendar, year 1 to 9999 (the range ISO 8601
/// writes as `YYYY-MM-DD` without an expanded year, so every `Date` prints and parses back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a date could not be built or parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date: {}", self.0)
    }
}

impl std::error::Error for DateError {}

/// How precisely a date is known (the guideline's `date_precision`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// The exact day.
    Day,
    /// Within a week (scored as ±3 days).
    Week,
    /// The month.
    Month,
    /// The year.
    Year,
}

/// Days in `month` of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The earliest representable date, 0001-01-01.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };
    /// The latest representable date, 9999-12-31.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// A date, checked (year 1 to 9999, a real month and day).
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=9999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return Err(DateError(format!("{year:04}-{month:02}-{day:02}")));
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1-12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, 1-31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), after H. Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, saturating at [`Date::MIN`] and [`Date::MAX`].
    pub fn from_days(days: i64) -> Date {
        let days = days.clamp(Date::MIN.to_days(), Date::MAX.to_days());
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date {
            year: (y + i64::from(m <= 2)) as i32,
            month: m,
            day: d,
        }
    }

    /// This date plus `n` days (n may be negative), saturating at the representable range.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days().saturating_add(n))
    }

    /// This date plus `n` days, or `None` outside the representable range.
    pub fn checked_add_days(self, n: i64) -> Option<Date> {
        let d = self.to_days().checked_add(n)?;
        (Date::MIN.to_days()..=Date::MAX.to_days())
            .contains(&d)
            .then(|| Date::from_days(d))
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u8
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses `YYYY-MM-DD`; a longer timestamp (`2018-03-12T10:00:00Z`, `2018-03-12 10:00`)
    /// keeps its date part.
    fn from_str(s: &str) -> Result<Date, DateError> {
        let s = s.trim();
        let head = s.get(..10).ok_or_else(|| DateError(s.to_string()))?;
        let b = head.as_bytes();
        if b[4] != b'-'
            || b[7] != b'-'
            || (s.len() > 10 && !matches!(s.as_bytes()[10], b'T' | b' '))
        {
            return Err(DateError(s.to_string()));
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, DateError> {
            head[r].parse::<u32>().map_err(|_| DateError(s.to_string()))
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::new(y as i32, m as u8, d as u8).map_err(|_| DateError(s.to_string()))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        for days in [-719_000i64, -1, 0, 1, 17_000, 19_500, 2_000_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(
            Date::new(2021, 4, 15).unwrap().add_days(20).to_string(),
            "2021-05-05"
        );
    }

    /// Regression: "منذ حوالي 3200 سنة" gave year -1185, printed as "-1185-01-01", which no
    /// reader (the store, score.py) could parse back.
    #[test]
    fn years_outside_1_to_9999_are_not_dates() {
        assert!(Date::new(-1185, 1, 1).is_err());
        assert!(Date::new(0, 1, 1).is_err());
        assert!(Date::new(10_000, 1, 1).is_err());
        let d = Date::new(2015, 7, 24).unwrap();
        assert_eq!(d.add_days(-10_000_000), Date::MIN);
        assert_eq!(d.add_days(i64::MAX), Date::MAX);
        assert_eq!(d.checked_add_days(-10_000_000), None);
        assert_eq!(Date::MIN.to_string().parse::<Date>().unwrap(), Date::MIN);
        assert_eq!(Date::MAX.to_string(), "9999-12-31");
    }

    #[test]
    fn weekdays() {
        // 2018-03-12 was a Monday.
        assert_eq!(Date::new(2018, 3, 12).unwrap().weekday(), 0);
        assert_eq!(Date::new(2015, 7, 24).unwrap().weekday(), 4);
    }

    #[test]
    fn parses_iso_and_timestamps() {
        assert_eq!(
            "2018-03-12".parse::<Date>().unwrap().to_string(),
            "2018-03-12"
        );
        assert_eq!("2018-03-12T10:00:00Z".parse::<Date>().unwrap().day(), 12);
        assert!("2018-02-30".parse::<Date>().is_err());
        assert!("12/03/2018".parse::<Date>().is_err());
        assert!("2018".parse::<Date>().is_err());
        assert!("٢٠١٨-٠٣-١٢".parse::<Date>().is_err());
    }
}
