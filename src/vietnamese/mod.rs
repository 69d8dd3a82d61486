//! Vietnamese text at the boundaries: NFC with one tone placement, diacritic folding, and the
//! syllable analyzers the search index registers.
//!
//! Every string that enters the system (extracted text, metadata, queries) goes through
//! [`normalize`]; everything that is compared or indexed goes through [`fold`] or the analyzers.

mod analyzer;
mod letters;

pub use analyzer::{
    exact_syllables, folded_syllables, register_analyzers, syllable_pairs, EXACT_ANALYZER,
    EXACT_PAIRS_ANALYZER, FOLDED_ANALYZER, FOLDED_PAIRS_ANALYZER,
};
pub use letters::{fold, fold_char, has_marks, normalize_tone_placement};

use unicode_normalization::UnicodeNormalization;

/// NFC, `Ð` (U+00D0, Icelandic eth) → `Đ`, no byte-order marks or NULs, one tone placement.
///
/// Idempotent: `normalize(normalize(s)) == normalize(s)`.
pub fn normalize(text: &str) -> String {
    let nfc: String = text
        .nfc()
        .filter(|c| !matches!(c, '\u{feff}' | '\0'))
        .map(|c| match c {
            // The eth look-alike arrives from some Word templates; it is always meant as Đ.
            '\u{00d0}' => 'Đ',
            '\u{00f0}' => 'đ',
            _ => c,
        })
        .collect();
    normalize_tone_placement(&nfc)
}

/// Trim each line, turn tabs, no-break spaces and carriage returns into spaces; keep line and
/// page breaks and runs of spaces inside a line (wide gaps separate header columns).
pub fn tidy_whitespace(text: &str) -> String {
    text.split('\n')
        .map(|line| line.replace(['\t', '\r', '\u{a0}'], " ").trim().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_and_eth_become_nfc_and_d_stroke() {
        let nfd: String = "Việt Nam ĐẢNG".nfd().collect();
        assert_ne!(nfd, "Việt Nam ĐẢNG");
        assert_eq!(normalize(&nfd), "Việt Nam ĐẢNG");
        assert_eq!(normalize("\u{00d0}ẢNG"), "ĐẢNG");
    }

    #[test]
    fn normalize_is_idempotent() {
        for s in ["hoà bình", "Thuỷ lợi", "tổ hợp", "quỷ", "KHOẺ"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once);
        }
    }

    #[test]
    fn tidy_whitespace_keeps_lines() {
        assert_eq!(tidy_whitespace("  a \t b \r\n\n c  "), "a   b\n\nc");
    }
}
