//! Checks used by forms and by the rules. They never change what a person typed beyond
//! trimming the ends: markup such as `<b>` is stored as-is (the UI always shows text as
//! text), emoji and right-to-left text are ordinary text. Lengths count characters, not
//! bytes, so an emoji counts as what a person sees, roughly.

use super::error::{DomainError, Result};

/// The longest free text (a reflection, a plan, a comment).
pub const MAX_TEXT: usize = 10_000;
/// The longest title or one-line entry (a unit title, an "I can" statement).
pub const MAX_LINE: usize = 300;
/// The longest display name of a student.
pub const MAX_NAME: usize = 60;
/// The longest link.
pub const MAX_LINK: usize = 2_000;

/// Refuses a text longer than `max` characters.
pub fn max_len(field: &'static str, text: &str, max: usize) -> Result<()> {
    let len = text.chars().count();
    if len > max {
        return Err(DomainError::TooLong { field, len, max });
    }
    Ok(())
}

/// A free text that may be empty (drafts): only the length is checked.
pub fn optional_text(field: &'static str, text: &str) -> Result<()> {
    max_len(field, text, MAX_TEXT)
}

/// A required text: trimmed, not empty, at most `max` characters. Returns the trimmed
/// text to store.
pub fn required(field: &'static str, text: &str, max: usize) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(DomainError::Required { field });
    }
    max_len(field, t, max)?;
    Ok(t.to_string())
}

/// A web link: `http://` or `https://` followed by a host, with no spaces or control
/// characters. Everything else (`javascript:`, `data:`, `file:`, bare words) is refused,
/// because a link is something a family member or teacher will click.
pub fn link(text: &str) -> Result<String> {
    let t = text.trim();
    max_len("The link", t, MAX_LINK)?;
    let lower = t.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &t[8..]
    } else if lower.starts_with("http://") {
        &t[7..]
    } else {
        return Err(DomainError::BadLink);
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty()
        || host.starts_with(':')
        || t.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(DomainError::BadLink);
    }
    Ok(t.to_string())
}

/// A student's display name: trimmed, not empty, at most [`MAX_NAME`] characters.
pub fn student_name(name: &str) -> Result<String> {
    let t = name.trim();
    if t.chars().any(|c| c.is_control()) {
        return Err(DomainError::Incomplete(
            "A name can't contain tabs or line breaks.",
        ));
    }
    required("the name", t, MAX_NAME)
}

/// The result of pasting a list of names, one per line, into the roster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterParse {
    /// Trimmed names to add, in the pasted order.
    pub names_to_add: Vec<String>,
    /// Names already in the class or pasted twice (compared ignoring case and spaces
    /// at the ends), as they were pasted.
    pub duplicates_skipped: Vec<String>,
    /// How many blank or whitespace-only lines were ignored.
    pub blanks_skipped: usize,
    /// Names longer than [`MAX_NAME`]: not added, shown back so the teacher can shorten.
    pub too_long: Vec<String>,
}

impl RosterParse {
    /// One sentence for the teacher once the names are added, e.g. "Added 28 students.
    /// 2 were already in the class. 3 empty lines ignored." (In the past tense: it stays
    /// on screen after the adding is done.)
    pub fn message(&self) -> String {
        let mut parts = vec![match self.names_to_add.len() {
            0 => "No new students to add.".to_string(),
            1 => "Added 1 student.".to_string(),
            n => format!("Added {n} students."),
        }];
        match self.duplicates_skipped.len() {
            0 => {}
            1 => parts.push(format!(
                "\"{}\" is already in the class.",
                self.duplicates_skipped[0]
            )),
            n => parts.push(format!(
                "{n} names were already in the class or pasted twice."
            )),
        }
        match self.too_long.len() {
            0 => {}
            n => parts.push(format!(
                "{n} name{} longer than {MAX_NAME} characters; please shorten {}.",
                if n == 1 { " is" } else { "s are" },
                if n == 1 { "it" } else { "them" }
            )),
        }
        if self.blanks_skipped > 0 {
            parts.push(format!(
                "{} empty line{} ignored.",
                self.blanks_skipped,
                if self.blanks_skipped == 1 { "" } else { "s" }
            ));
        }
        parts.join(" ")
    }
}

/// Splits pasted text into names (one per line, `\n` or `\r\n`), skipping blanks and
/// duplicates (case-insensitive, against `existing` and within the paste).
pub fn parse_roster(pasted: &str, existing: &[&str]) -> RosterParse {
    let key = |s: &str| s.trim().to_lowercase();
    let mut seen: std::collections::HashSet<String> = existing.iter().map(|s| key(s)).collect();
    let mut out = RosterParse::default();
    for line in pasted.lines() {
        let name = line.trim();
        if name.is_empty() {
            out.blanks_skipped += 1;
            continue;
        }
        if name.chars().count() > MAX_NAME {
            out.too_long.push(name.to_string());
            continue;
        }
        if !seen.insert(key(name)) {
            out.duplicates_skipped.push(name.to_string());
            continue;
        }
        out.names_to_add.push(name.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_and_not_blank() {
        assert_eq!(
            required("the goal", "  read more  ", MAX_TEXT),
            Ok("read more".into())
        );
        assert_eq!(
            required("the goal", " \t\n ", MAX_TEXT),
            Err(DomainError::Required { field: "the goal" })
        );
    }

    #[test]
    fn ten_thousand_characters_ok_one_more_refused() {
        let ok = "é".repeat(MAX_TEXT);
        assert!(optional_text("Your reflection", &ok).is_ok());
        let long = "😀".repeat(MAX_TEXT + 1);
        assert_eq!(
            optional_text("Your reflection", &long),
            Err(DomainError::TooLong {
                field: "Your reflection",
                len: MAX_TEXT + 1,
                max: MAX_TEXT
            })
        );
    }

    #[test]
    fn markup_emoji_and_rtl_are_kept_as_typed() {
        let s = "<script>alert(1)</script> 🚀 مرحبا";
        assert_eq!(required("x", s, MAX_TEXT), Ok(s.to_string()));
    }

    #[test]
    fn only_http_links_are_accepted() {
        assert_eq!(
            link(" https://example.org/a?b=1 "),
            Ok("https://example.org/a?b=1".into())
        );
        assert!(link("HTTP://EXAMPLE.ORG").is_ok());
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,hi",
            "file:///etc/passwd",
            "ftp://x.org",
            "example.org",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "http://a.org/\u{0}",
            "",
        ] {
            assert_eq!(link(bad), Err(DomainError::BadLink), "{bad:?}");
        }
    }

    #[test]
    fn names_are_trimmed_capped_and_single_line() {
        assert_eq!(student_name("  Ana María "), Ok("Ana María".into()));
        assert!(student_name("   ").is_err());
        assert!(student_name(&"x".repeat(MAX_NAME + 1)).is_err());
        assert!(student_name("a\tb").is_err());
        assert_eq!(student_name("<b>Zoë</b> 🦊"), Ok("<b>Zoë</b> 🦊".into()));
    }

    #[test]
    fn roster_skips_blanks_duplicates_and_long_names() {
        let pasted =
            "Ana\r\n\r\n  ben \nANA\nCarla\n   \nben\nDmitri\n".to_string() + &"y".repeat(61);
        let r = parse_roster(&pasted, &["Carla"]);
        assert_eq!(r.names_to_add, vec!["Ana", "ben", "Dmitri"]);
        assert_eq!(r.duplicates_skipped, vec!["ANA", "Carla", "ben"]);
        assert_eq!(r.blanks_skipped, 2);
        assert_eq!(r.too_long.len(), 1);
        let msg = r.message();
        assert!(msg.starts_with("Added 3 students."), "{msg}");
        assert!(msg.contains("2 empty lines ignored"), "{msg}");
    }

    #[test]
    fn roster_of_two_hundred_names() {
        let pasted: String = (0..200).map(|i| format!("Student {i}\n")).collect();
        let r = parse_roster(&pasted, &[]);
        assert_eq!(r.names_to_add.len(), 200);
        assert_eq!(parse_roster("", &[]).message(), "No new students to add.");
    }
}
