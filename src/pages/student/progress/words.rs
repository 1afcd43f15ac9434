//! Small pure helpers for the progress page's words: readable dates, counts, and the
//! first letter of a domain message made a capital. Tested on the host.

use crate::domain::validate::MAX_TEXT;
pub use crate::domain::words::with_commas;
use crate::domain::{Day, Timestamp};

/// A moment on this device's wall clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    /// The calendar day.
    pub day: Day,
    /// Hour, 0–23.
    pub hour: u32,
    /// Minute, 0–59.
    pub minute: u32,
}

/// The wall-clock time of `at` in this browser's time zone.
pub fn local_time(at: Timestamp) -> LocalTime {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.0 as f64));
    let day = Day::from_ymd(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_else(|_| at.day());
    LocalTime {
        day,
        hour: d.get_hours(),
        minute: d.get_minutes(),
    }
}

fn clock(hour: u32, minute: u32) -> String {
    let h12 = match hour % 12 {
        0 => 12,
        h => h,
    };
    let half = if hour < 12 { "AM" } else { "PM" };
    format!("{h12}:{minute:02} {half}")
}

/// A date as a person says it, relative to `today`: "Today at 2:05 PM", "Yesterday at
/// 9:30 AM", "Tuesday at 10:00 AM" (this week), "Tuesday, November 3" (this year),
/// "November 3, 2025" (another year).
pub fn readable_when(at: LocalTime, today: Day) -> String {
    let ago = i64::from(today.0) - i64::from(at.day.0);
    let (y, m, d) = at.day.ymd();
    let month = month_name(m);
    match ago {
        0 => format!("Today at {}", clock(at.hour, at.minute)),
        1 => format!("Yesterday at {}", clock(at.hour, at.minute)),
        2..=6 => format!("{} at {}", weekday_name(at.day), clock(at.hour, at.minute)),
        _ if y == today.ymd().0 => format!("{}, {month} {d}", weekday_name(at.day)),
        _ => format!("{month} {d}, {y}"),
    }
}

/// What to say under a long text as it grows: nothing until it is close to the limit,
/// then how much room is left, then by how much it is too long (the text is never cut).
pub fn length_hint(text: &str) -> Option<String> {
    let n = text.chars().count();
    if n < MAX_TEXT * 8 / 10 {
        None
    } else if n <= MAX_TEXT {
        Some(format!(
            "{} of {} characters.",
            with_commas(n),
            with_commas(MAX_TEXT)
        ))
    } else {
        Some(format!(
            "{} of {} characters: please take out {} so it fits.",
            with_commas(n),
            with_commas(MAX_TEXT),
            with_commas(n - MAX_TEXT)
        ))
    }
}

pub use crate::words::sentence;
use crate::words::{month_name, weekday_name};

/// The start of a long text, cut at a word near `max` characters, with "…".
pub fn preview(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(iso: &str, hour: u32, minute: u32) -> LocalTime {
        LocalTime {
            day: Day::parse(iso).unwrap(),
            hour,
            minute,
        }
    }

    #[test]
    fn dates_read_like_people_say_them() {
        let today = Day::parse("2026-11-22").unwrap();
        assert_eq!(
            readable_when(at("2026-11-22", 14, 5), today),
            "Today at 2:05 PM"
        );
        assert_eq!(
            readable_when(at("2026-11-21", 0, 30), today),
            "Yesterday at 12:30 AM"
        );
        assert_eq!(
            readable_when(at("2026-11-17", 12, 0), today),
            "Tuesday at 12:00 PM"
        );
        assert_eq!(
            readable_when(at("2026-11-03", 9, 0), today),
            "Tuesday, November 3"
        );
        assert_eq!(
            readable_when(at("2025-01-01", 9, 0), today),
            "January 1, 2025"
        );
        // A clock that ran ahead on another device: a plain date, never "in -1 days".
        assert_eq!(
            readable_when(at("2026-11-25", 9, 0), today),
            "Wednesday, November 25"
        );
    }

    #[test]
    fn counts_and_hints() {
        assert_eq!(length_hint("short"), None);
        assert_eq!(
            length_hint(&"é".repeat(MAX_TEXT)).as_deref(),
            Some("10,000 of 10,000 characters.")
        );
        let over = length_hint(&"😀".repeat(MAX_TEXT + 2)).unwrap();
        assert!(over.contains("take out 2"), "{over}");
    }

    #[test]
    fn sentences_and_previews() {
        assert_eq!(
            sentence("your reflection is too long."),
            "Your reflection is too long."
        );
        assert_eq!(sentence(""), "");
        assert_eq!(preview("short", 10), "short");
        assert_eq!(preview("one two three four", 10), "one two…");
        assert_eq!(preview("مرحبا بالعالم الجميل", 8), "مرحبا…");
    }
}
