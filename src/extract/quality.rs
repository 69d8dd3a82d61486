//! How believable an extracted text is: used to choose between extractors and to send a page
//! to OCR (or, later, to legacy-encoding repair).
//!
//! Two signals. Characters: the share that belongs in running text, with replacement, control
//! and private-use characters counting against it. Words: the share of words that are valid
//! Vietnamese syllables (onset, vowel cluster, final consonant, at most one tone, stop finals
//! only with the sắc or nặng tone), and the share of those that carry a mark. A bad OCR layer
//! fails the second test even when every character is a letter: `CéNG HOµ`, `th ự c hi ệ n`,
//! `Cong hoa xa hoi chu nghia` (an engine without Vietnamese drops every mark).

use crate::vietnamese;

/// A score in 0..=1. Below ~10 letters a page has no usable text at all and scores 0.
pub fn score(text: &str) -> f64 {
    let chars = char_score(text);
    if chars == 0.0 {
        return 0.0;
    }
    chars * word_factor(&word_stats(text))
}

/// The score of a PDF page's text layer. A text layer over a page-sized image is an earlier
/// OCR (the scanner's software) rather than the author's text, and has to be better to be kept.
pub fn page_score(text: &str, scanned: bool) -> f64 {
    let s = score(text);
    if scanned {
        (s - SCANNED_PENALTY).max(0.0)
    } else {
        s
    }
}

/// Good enough to keep without trying another extractor.
pub const ACCEPTABLE: f64 = 0.9;

/// A page's text layer scoring below this is recognised again from the page image.
pub const PAGE_ACCEPTABLE: f64 = 0.7;

/// Taken off the score of a text layer lying over a scanned image.
pub const SCANNED_PENALTY: f64 = 0.15;

/// The characters alone: the share that belongs in running text, 0 below 10 letters. What the
/// PDF extractors are compared by: text typed in TCVN3 or VNI is all letters and still to be
/// repaired, so its words are not judged yet.
pub fn char_score(text: &str) -> f64 {
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

/// Counts of the words of a text.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct WordStats {
    /// Words judged (abbreviations such as `UBND`, `CT`, `XIII` are left out).
    pub counted: usize,
    /// Of those, valid Vietnamese syllables.
    pub valid: usize,
    /// Of the valid ones, those with a tone, a shaped vowel or `đ`.
    pub marked: usize,
}

impl WordStats {
    pub fn valid_ratio(&self) -> f64 {
        self.valid as f64 / self.counted.max(1) as f64
    }

    pub fn marked_ratio(&self) -> f64 {
        self.marked as f64 / self.valid.max(1) as f64
    }
}

/// Below this many judged words a text is too short to say anything about its words.
const MIN_WORDS: usize = 8;

/// 1 for Vietnamese as printed (nine words in ten valid, half of them marked), falling to 0 for
/// text whose words are not Vietnamese or carry no marks.
fn word_factor(s: &WordStats) -> f64 {
    if s.counted < MIN_WORDS {
        return 1.0;
    }
    let valid = ((s.valid_ratio() - 0.5) / 0.4).clamp(0.0, 1.0);
    let marked = (s.marked_ratio() / 0.4).clamp(0.0, 1.0);
    valid * marked
}

/// Judge every word (a run of letters) of a text.
pub fn word_stats(text: &str) -> WordStats {
    let mut stats = WordStats::default();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        match syllable(word) {
            Some(marked) => {
                stats.counted += 1;
                stats.valid += 1;
                stats.marked += marked as usize;
            }
            None if is_abbreviation(word) => {}
            None => stats.counted += 1,
        }
    }
    stats
}

/// `UBND`, `HĐND`, `CT`, `XIII`: capitals, two to six of them.
fn is_abbreviation(word: &str) -> bool {
    let n = word.chars().count();
    (2..=6).contains(&n) && word.chars().all(|c| c.is_uppercase())
}

/// Whether a word is one valid Vietnamese syllable, and if so whether it carries a mark.
fn syllable(word: &str) -> Option<bool> {
    vietnamese::is_syllable(word).then(|| vietnamese::has_marks(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAN: &str = "Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị về đẩy \
        mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; Ủy ban nhân dân \
        tỉnh Hà Giang, HĐND huyện, khuyến khích người dân quyết tâm xây dựng nông thôn mới, \
        giữ gìn truyền thống, nghiêng ngả, khuỷu tay, quyền lợi, nghĩa vụ, thuở xưa, Nguyễn";

    #[test]
    fn clean_vietnamese_scores_high() {
        assert!(score("Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị") > 0.95);
        let s = word_stats(CLEAN);
        assert_eq!(s.valid, s.counted, "{s:?}");
        assert!(score(CLEAN) > 0.95, "{}", score(CLEAN));
        assert!(score(&CLEAN.to_uppercase()) > 0.95);
    }

    #[test]
    fn garbage_and_empty_score_low() {
        assert_eq!(score(""), 0.0);
        assert_eq!(score("   \n  12 "), 0.0);
        assert!(score("\u{fffd}\u{fffd}ab\u{fffd}cdefghijkl\u{fffd}\u{e001}\u{e002}") < 0.5);
    }

    #[test]
    fn valid_and_invalid_syllables() {
        for w in [
            "nghiêng",
            "khuỷu",
            "quyển",
            "giữ",
            "gì",
            "gìn",
            "thuở",
            "người",
            "oái",
            "xoong",
            "ưu",
            "yêu",
            "uống",
            "hoạch",
            "khuya",
            "quý",
            "đ\u{1b0}\u{1a1}ng",
            "ĐẢNG",
            "Việt",
        ] {
            assert!(syllable(w).is_some(), "{w}");
        }
        for w in [
            "strength",
            "kác",
            "ghà",
            "qa",
            "thx",
            "ộể",
            "hiêm\u{301}\u{300}",
            "chăn\u{309}t",
            "bác\u{300}",
            "Céng",
            "HOµ",
            "ViÖt",
            "tach",
            "fong",
            "cát\u{300}",
        ] {
            assert!(syllable(w).is_none(), "{w}");
        }
        assert_eq!(syllable("cong"), Some(false));
        assert_eq!(syllable("cộng"), Some(true));
        assert_eq!(syllable("đi"), Some(true));
    }

    #[test]
    fn typical_bad_ocr_layers_score_low() {
        // An engine without Vietnamese: every mark dropped.
        let unmarked = "Thuc hien Chi thi so 05-CT/TW ngay 15/5/2016 cua Bo Chinh tri ve day \
            manh hoc tap va lam theo tu tuong dao duc phong cach Ho Chi Minh";
        assert!(score(unmarked) < 0.2, "{}", score(unmarked));
        // TCVN3 read as Latin-1.
        let legacy = "Thùc hiÖn ChØ thÞ sè 05-CT/TW, ngµy 15/5/2016 cña Bé ChÝnh trÞ vÒ ®Èy \
            m¹nh häc tËp vµ lµm theo t\u{ad} t\u{ad}ëng, ®¹o ®øc, phong c¸ch Hå ChÝ Minh";
        assert!(score(legacy) < PAGE_ACCEPTABLE, "{}", score(legacy));
        // Garbage letters from a poor scan.
        let garbage = "ThựẻC hiỆỆn Chỉỉ thịịị sốố ặc ẵỗ ngàỳ cưảa Bộộ Chíính trịị vềẻ đẩỷy \
            mạạnh họọc tậậpp vàà lààm thẹo tưư tưởởng đạạo đứức";
        assert!(score(garbage) < PAGE_ACCEPTABLE, "{}", score(garbage));
        // Syllables torn apart.
        let torn = "Th ự c hi ệ n Ch ỉ th ị s ố c ủ a B ộ Ch í nh tr ị v ề đ ẩ y m ạ nh h ọ c";
        assert!(score(torn) < PAGE_ACCEPTABLE, "{}", score(torn));
    }

    #[test]
    fn text_over_a_scan_must_be_better() {
        assert!(page_score(CLEAN, true) >= PAGE_ACCEPTABLE);
        let so_so = format!("{CLEAN} xqz brrk thx wq zzv qqq vvk kkq pft");
        assert!(
            page_score(&so_so, false) >= PAGE_ACCEPTABLE,
            "{}",
            score(&so_so)
        );
        assert!(page_score(&so_so, true) < page_score(&so_so, false));
    }

    #[test]
    fn short_texts_judged_by_characters_only() {
        assert!(score("LỊCH SỬ ĐẢNG BỘ HUYỆN") > 0.9);
        assert!(score("Annex: Table of contents") > 0.9);
    }
}
