//! How believable an extracted text is: used to choose between extractors and, later, to send a
//! page to OCR or to legacy-encoding repair.

/// A score in 0..=1: the share of characters that belong in running text, with replacement
/// characters, control and private-use characters counting against it. Below ~10 letters a
/// page has no usable text at all and scores 0.
pub fn score(text: &str) -> f64 {
    let mut total = 0usize;
    let mut good = 0usize;
    let mut bad = 0usize;
    let mut letters = 0usize;
    for c in text.chars() {
        total += 1;
        if c.is_alphabetic() {
            letters += 1;
            good += 1;
        } else if c.is_numeric()
            || c.is_whitespace()
            || ".,;:!?()[]\"'/-–—%*+=&§°“”‘’…<>".contains(c)
        {
            good += 1;
        } else if c == '\u{fffd}' || c.is_control() || ('\u{e000}'..='\u{f8ff}').contains(&c) {
            bad += 1;
        }
    }
    if letters < 10 {
        return 0.0;
    }
    ((good as f64 - 5.0 * bad as f64) / total as f64).max(0.0)
}

/// Good enough to keep without trying another extractor.
pub const ACCEPTABLE: f64 = 0.9;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_vietnamese_scores_high() {
        assert!(score("Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị") > 0.95);
    }

    #[test]
    fn garbage_and_empty_score_low() {
        assert_eq!(score(""), 0.0);
        assert_eq!(score("   \n  12 "), 0.0);
        assert!(score("\u{fffd}\u{fffd}ab\u{fffd}cdefghijkl\u{fffd}\u{e001}\u{e002}") < 0.5);
    }
}
