//! Vietnamese text at the boundaries: NFC with one tone placement, diacritic folding, and the
//! syllable analyzers the search index registers.
//!
//! Every string that enters the system (extracted text, metadata, queries) goes through
//! [`normalize`]; everything that is compared or indexed goes through [`fold`] or the analyzers.

mod analyzer;
pub mod legacy;
mod letters;
mod syllable;

pub use analyzer::{
    each_syllable, exact_syllables, folded_syllables, register_analyzers, syllable_pairs,
    EXACT_ANALYZER, EXACT_PAIRS_ANALYZER, FOLDED_ANALYZER, FOLDED_PAIRS_ANALYZER,
};
pub use letters::{fold, fold_char, has_marks, normalize_tone_placement};
pub use syllable::is_syllable;

use unicode_normalization::UnicodeNormalization;

/// NFC, `Ð` (U+00D0, Icelandic eth) → `Đ`, no invisible format characters or NULs, one tone
/// placement.
///
/// Idempotent: `normalize(normalize(s)) == normalize(s)`.
pub fn normalize(text: &str) -> String {
    // Dropped before composing, so a tone mark typed after one still composes with its vowel.
    let nfc: String = text
        .chars()
        .filter(|c| *c != '\0' && !is_invisible_format(*c))
        .nfc()
        .map(|c| match c {
            // The eth look-alike arrives from some Word templates; it is always meant as Đ.
            '\u{00d0}' => 'Đ',
            '\u{00f0}' => 'đ',
            _ => c,
        })
        .collect();
    normalize_tone_placement(&nfc)
}

/// Characters that take no room on the page: zero-width space and joiners, word joiner, soft
/// hyphen, byte-order mark, bidirectional controls, variation selectors, tag characters.
///
/// They are dropped, never turned into spaces: what a reader sees is the text without them, so
/// `TUY\u{ad}ỆT` stays one word and `\u{200b}TUYỆT MẬT` is the mark a reader sees. Splitting at
/// them would cut the words that copy-protection and web editors fill with them. (A TCVN3 text
/// decoded as Latin-1 carries `ư` as U+00AD: legacy repair must run before this.)
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Trim each line of a page, turn tabs, no-break, thin and other Unicode spaces and carriage
/// returns into spaces, and Unicode line separators (and a stray form feed: pages are split
/// before this) into line breaks; keep runs of spaces inside a line (wide gaps separate header
/// columns).
pub fn tidy_whitespace(text: &str) -> String {
    let unified: String = text
        .chars()
        .map(|c| match c {
            '\n' => c,
            '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => '\n',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    unified
        .split('\n')
        .map(|line| line.trim_matches(' ').to_string())
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
        assert_eq!(
            tidy_whitespace("TUYỆT\u{2003}MẬT\u{2028}Số\u{202f}05 \u{c} x"),
            "TUYỆT MẬT\nSố 05\nx"
        );
    }

    #[test]
    fn invisible_format_characters_are_dropped_without_splitting_words() {
        assert_eq!(normalize("\u{200b}TUYỆT MẬT"), "TUYỆT MẬT");
        assert_eq!(
            normalize("TUY\u{ad}ỆT\u{200c} M\u{200d}ẬT\u{2060}"),
            "TUYỆT MẬT"
        );
        assert_eq!(normalize("\u{feff}Đảng\u{202e}"), "Đảng");
        // Dropped, not replaced: a word cut by them is whole again.
        assert_eq!(normalize("Việ\u{200b}t Nam"), "Việt Nam");
        // A combining tone mark after a zero-width character still composes.
        let split_tone = "Vie\u{200b}\u{302}\u{323}t";
        assert_eq!(normalize(split_tone), "Việt");
        assert_eq!(normalize(&normalize(split_tone)), "Việt");
    }
}
