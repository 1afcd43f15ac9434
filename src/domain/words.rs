//! Plain words every area shares (pure, tested on the host).

/// A count with thousands separators: 10000 → "10,000".
pub fn with_commas(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(10_000), "10,000");
        assert_eq!(with_commas(1_234_567), "1,234,567");
        assert_eq!(with_commas(5_242_880), "5,242,880");
    }
}
