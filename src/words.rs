//! Words every screen shares: month and weekday names, and a message made a sentence.
//! One home, so that the languages issue has one place to translate them; the domain
//! returns values and each area's `words.rs` or `model.rs` builds its own sentences
//! from these. Pure, tested on the host.

use crate::domain::Day;

const MONTHS: [&str; 12] = [
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

/// Monday first.
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// "March" for month 3; nothing for a month that is not 1 to 12.
pub fn month_name(month: u32) -> &'static str {
    let i = usize::try_from(month).unwrap_or(0).wrapping_sub(1);
    MONTHS.get(i).copied().unwrap_or("")
}

/// "Mar" for month 3 (the first three letters, as English abbreviates every month).
pub fn month_short(month: u32) -> &'static str {
    let name = month_name(month);
    name.get(..3).unwrap_or(name)
}

/// The day of the week, "Friday".
pub fn weekday_name(day: Day) -> &'static str {
    // 1970-01-01, day 0, was a Thursday (index 3 from Monday).
    WEEKDAYS[(i64::from(day.0) + 3).rem_euclid(7) as usize]
}

/// A message as a sentence: the domain's messages may start with a field's name in
/// lower case ("your comment is …").
pub fn sentence(message: impl std::fmt::Display) -> String {
    let text = message.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_by_number_and_nothing_outside_the_year() {
        assert_eq!(month_name(1), "January");
        assert_eq!(month_name(12), "December");
        assert_eq!(month_short(9), "Sep");
        assert_eq!(month_short(5), "May");
        for wrong in [0, 13, u32::MAX] {
            assert_eq!(month_name(wrong), "");
            assert_eq!(month_short(wrong), "");
        }
    }

    #[test]
    fn weekdays_count_from_a_thursday() {
        assert_eq!(weekday_name(Day(0)), "Thursday");
        assert_eq!(weekday_name(Day(4)), "Monday");
        assert_eq!(weekday_name(Day::from_ymd(2025, 3, 14).unwrap()), "Friday");
    }

    #[test]
    fn a_message_starts_with_a_capital() {
        assert_eq!(sentence("your comment is empty."), "Your comment is empty.");
        assert_eq!(sentence(""), "");
        assert_eq!(sentence("ärger"), "Ärger");
    }
}
