//! Suggestions from a student's interests: which of them a text is about.

/// Words too common to say that two texts are about the same thing.
const COMMON_WORDS: &[&str] = &[
    "the", "and", "with", "for", "you", "your", "are", "but", "not", "all", "can", "out", "thing",
    "things", "stuff", "about", "what", "how", "that", "this", "from", "into", "our", "their",
    "them", "they", "one", "two", "few", "more", "some", "good", "big", "it's", "make", "making",
    "made", "use", "using", "doing", "get", "like", "very", "much",
];

/// The root of a word, so "drawing", "draws" and "draw" meet, and "coding" meets "code":
/// lower case, then a trailing "ing", "s" or "e" is dropped (only from longer words).
fn word_root(word: &str) -> String {
    let w = word.to_lowercase();
    let w = if w.chars().count() > 5 && w.ends_with("ing") {
        w[..w.len() - 3].to_string()
    } else if w.chars().count() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w
    };
    if w.chars().count() > 3 && w.ends_with('e') {
        w[..w.len() - 1].to_string()
    } else {
        w
    }
}

/// The roots of the meaningful words of a text (letters and digits in any script).
fn word_roots(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\''))
        .filter(|w| w.chars().count() >= 3 && !COMMON_WORDS.contains(&w.to_lowercase().as_str()))
        .map(word_root)
        .collect()
}

/// The first of a student's `interests` that shares a word with any of `texts` (an
/// activity's title and description, a format's name and description…), ignoring case,
/// word endings and very common words. A suggestion for the student, never a filter.
pub fn matching_interest<'a>(interests: &'a [String], texts: &[&str]) -> Option<&'a str> {
    let words: Vec<String> = texts.iter().flat_map(|t| word_roots(t)).collect();
    if words.is_empty() {
        return None;
    }
    interests
        .iter()
        .map(|i| i.trim())
        .find(|i| word_roots(i).iter().any(|w| words.contains(w)))
}
