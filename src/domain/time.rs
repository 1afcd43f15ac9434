//! Time without a clock: rules receive `now` from the caller. Timestamps are milliseconds
//! since the Unix epoch (what `Date.now()` gives in the browser); calendar dates such as a
//! goal's target date are whole days since the epoch, stored as a small integer.

use serde::{Deserialize, Serialize};

use super::error::DomainError;

/// Milliseconds since 1970-01-01T00:00:00Z. Serialized as a plain integer.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

const MS_PER_DAY: i64 = 86_400_000;

impl Timestamp {
    /// The calendar day (UTC) this instant falls on.
    pub fn day(self) -> Day {
        Day(self.0.div_euclid(MS_PER_DAY) as i32)
    }

    /// This instant plus whole days (negative to go back).
    pub fn plus_days(self, days: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(days.saturating_mul(MS_PER_DAY)))
    }

    /// Whole days from `self` to `later` (rounded down; negative if `later` is earlier).
    pub fn days_until(self, later: Timestamp) -> i64 {
        (later.0 - self.0).div_euclid(MS_PER_DAY)
    }
}

/// A calendar date as days since 1970-01-01. Serialized as a plain integer (5 characters
/// instead of the 12 of `"2025-03-14"`); `Day::parse` and `Day::to_iso` convert for forms.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Day(pub i32);

impl Day {
    /// A date from year, month (1–12) and day (1–31); refuses impossible dates such as
    /// 2025-02-30.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Result<Day, DomainError> {
        if !(1..=12).contains(&m)
            || d == 0
            || d > days_in_month(y, m)
            || !(1000..=9999).contains(&y)
        {
            return Err(DomainError::BadDate);
        }
        // Howard Hinnant's days_from_civil.
        let y = i64::from(if m <= 2 { y - 1 } else { y });
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(m);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Ok(Day((era * 146_097 + doe - 719_468) as i32))
    }

    /// Year, month, day of this date.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = i64::from(self.0) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        (y, m, d)
    }

    /// Reads `YYYY-MM-DD` (what `<input type="date">` gives). Surrounding spaces are
    /// ignored; anything else is `DomainError::BadDate`.
    pub fn parse(s: &str) -> Result<Day, DomainError> {
        let s = s.trim();
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DomainError::BadDate);
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(DomainError::BadDate);
        }
        let num = |t: &str| -> Result<u32, DomainError> {
            if t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse().map_err(|_| DomainError::BadDate)
            } else {
                Err(DomainError::BadDate)
            }
        };
        Day::from_ymd(num(y)? as i32, num(m)?, num(d)?)
    }

    /// `YYYY-MM-DD`, for `<input type="date">` and exports.
    pub fn to_iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// The first millisecond of this day (UTC).
    pub fn start(self) -> Timestamp {
        Timestamp(i64::from(self.0) * MS_PER_DAY)
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_iso() {
        for s in ["1970-01-01", "2000-02-29", "2025-03-14", "2099-12-31"] {
            let d = Day::parse(s).unwrap();
            assert_eq!(d.to_iso(), s);
        }
        assert_eq!(Day::parse("1970-01-02").unwrap(), Day(1));
        assert_eq!(
            Day::parse("2025-09-01").unwrap().start().day().to_iso(),
            "2025-09-01"
        );
    }

    #[test]
    fn impossible_or_malformed_dates_are_refused() {
        for s in [
            "2025-02-30",
            "2023-02-29",
            "2025-13-01",
            "25-01-01",
            "2025/01/01",
            "",
            "2025-1-01",
            "abcd-ef-gh",
            "2025-01-01-01",
        ] {
            assert_eq!(Day::parse(s), Err(DomainError::BadDate), "{s}");
        }
    }

    #[test]
    fn timestamp_day_and_arithmetic() {
        let t = Timestamp(1_757_000_000_000);
        assert_eq!(t.plus_days(3).day().0 - t.day().0, 3);
        assert_eq!(t.days_until(t.plus_days(10)), 10);
        assert_eq!(serde_json::to_string(&t).unwrap(), "1757000000000");
        assert_eq!(Timestamp(-1).day(), Day(-1));
    }
}
