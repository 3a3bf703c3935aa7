//! Calendar dates, exact or partial (`2020`, `2020-10`, `2020-10-01`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An exact calendar date. Ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// A date known to the year, the month, or the day.
///
/// ```
/// use casus::model::{Date, PartialDate};
/// let d: PartialDate = "2020-10".parse().unwrap();
/// assert_eq!(d.earliest(), Date::new(2020, 10, 1).unwrap());
/// assert_eq!(d.latest(), Date::new(2020, 10, 31).unwrap());
/// assert_eq!(d.to_string(), "2020-10");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month of a year (1-based month).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date, or `None` (month 13, 31 April, 29 February 2019).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
            Some(Date { year, month, day })
        } else {
            None
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Date, String> {
        let p: PartialDate = s.parse()?;
        match (p.month, p.day) {
            (Some(m), Some(d)) => Ok(Date {
                year: p.year,
                month: m,
                day: d,
            }),
            _ => Err(format!(
                "`{s}` is not a full date: write YYYY-MM-DD, e.g. 2020-10-01"
            )),
        }
    }
}

impl PartialDate {
    pub fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// The first day the partial date can mean.
    pub fn earliest(&self) -> Date {
        Date {
            year: self.year,
            month: self.month.unwrap_or(1),
            day: self.day.unwrap_or(1),
        }
    }

    /// The last day the partial date can mean.
    pub fn latest(&self) -> Date {
        let month = self.month.unwrap_or(12);
        Date {
            year: self.year,
            month,
            day: self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        }
    }
}

impl From<Date> for PartialDate {
    fn from(d: Date) -> PartialDate {
        PartialDate {
            year: d.year,
            month: Some(d.month),
            day: Some(d.day),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    /// The string [`Serialize`] writes (`2020`, `2020-10`, `2020-10-01`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PartialDate, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl FromStr for PartialDate {
    type Err = String;

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates.
    fn from_str(s: &str) -> Result<PartialDate, String> {
        let hint = "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2020-10-01";
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, width: usize| -> Option<u32> {
            (p.len() == width && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let bad = || format!("`{s}` is not a date: {hint}");
        let year = num(parts[0], 4).ok_or_else(bad)? as i32;
        let month = match parts.get(1) {
            None => None,
            Some(p) => {
                let m = num(p, 2).ok_or_else(bad)? as u8;
                if !(1..=12).contains(&m) {
                    return Err(format!("`{s}` has month {m}: months run 01 to 12"));
                }
                Some(m)
            }
        };
        let day = match parts.get(2) {
            None => None,
            Some(p) => {
                let d = num(p, 2).ok_or_else(bad)? as u8;
                let m = month.unwrap_or(1);
                if d == 0 || d > days_in_month(year, m) {
                    return Err(format!(
                        "`{s}` has day {d}: month {m:02} of {year} has {} days",
                        days_in_month(year, m)
                    ));
                }
                Some(d)
            }
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        Ok(PartialDate { year, month, day })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_partial_and_full_dates() {
        assert_eq!(
            "2020".parse::<PartialDate>().unwrap(),
            PartialDate::year(2020)
        );
        let d: PartialDate = "2020-02".parse().unwrap();
        assert_eq!(d.latest(), Date::new(2020, 2, 29).unwrap());
        let d: PartialDate = "2019-02".parse().unwrap();
        assert_eq!(d.latest().day, 28);
        assert_eq!(
            "2020-10-01".parse::<PartialDate>().unwrap().to_string(),
            "2020-10-01"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2020-13",
            "2020-04-31",
            "2019-02-29",
            "20-10-01",
            "2020/10/01",
            "",
            "2020-10-01-02",
        ] {
            assert!(
                bad.parse::<PartialDate>().is_err(),
                "{bad} should not parse"
            );
        }
        assert!("2020-10".parse::<Date>().is_err());
    }
}
