//! Confidentiality and urgency marks (`MẬT`, `TỐI MẬT`, `TUYỆT MẬT`, `LƯU HÀNH NỘI BỘ`,
//! `XEM XONG TRẢ LẠI`, `KHẨN`, `THƯỢNG KHẨN`, `HỎA TỐC`) as printed in a header.
//!
//! A mark is a standalone line or header cell, possibly framed (`[MẬT]`, `* MẬT *`, `(Mật)`),
//! labelled (`Độ mật: MẬT`), letter-spaced by OCR or a stamp (`M Ậ T`), with any run of spaces
//! (`TUYỆT  MẬT`) or set over two lines (`TUYỆT` / `MẬT`): its letters, spaces and frames
//! removed, must spell marks and nothing else. Ordinary prose (`bí mật`, `bảo mật`, `tài liệu
//! mật` in a sentence) never does. Extractors also glue a mark to a header column
//! (`TỈNH ỦY HÀ GIANG MẬT`, `* MẬT`), so a mark at either edge of a capitals cell counts too.
//! A classified document stored as public is the worst mistake this module can make, so when
//! readings differ the highest mark wins.

use std::sync::LazyLock;

use regex::Regex;

use super::metadata::{Classification, Urgency};
use crate::vietnamese::{fold, has_marks, is_invisible_format};

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Mark {
    Secret(Classification),
    Urgent(Urgency),
    /// DỰ THẢO: a mark that changes neither.
    Other,
}

/// "Xem xong trả lại" asks the reader to hand the copy back after reading: its circulation is
/// controlled, copy by copy, so it must never be published. It is not one of the legal secrecy
/// levels (mật, tối mật, tuyệt mật), so it reads as internal, the lowest restricted level.
const RETURN_AFTER_READING: Classification = Classification::Internal;

/// Marks in capitals; sentence case (`Tuyệt mật`, reprints) is accepted too.
const MARKS: &[(&str, Mark)] = &[
    ("MẬT", Mark::Secret(Classification::Mat)),
    ("TỐI MẬT", Mark::Secret(Classification::ToiMat)),
    ("TUYỆT MẬT", Mark::Secret(Classification::TuyetMat)),
    ("LƯU HÀNH NỘI BỘ", Mark::Secret(Classification::Internal)),
    ("XEM XONG TRẢ LẠI", Mark::Secret(RETURN_AFTER_READING)),
    ("KHẨN", Mark::Urgent(Urgency::Khan)),
    ("THƯỢNG KHẨN", Mark::Urgent(Urgency::ThuongKhan)),
    ("HỎA TỐC", Mark::Urgent(Urgency::HoaToc)),
    ("HỎA TỐC HẸN GIỜ", Mark::Urgent(Urgency::HoaToc)),
    ("DỰ THẢO", Mark::Other),
];

/// A mark's letters without spaces, with and without diacritics.
struct Spelling {
    letters: Vec<char>,
    folded: Vec<char>,
    mark: Mark,
    /// `XEM XONG TRẢ LẠI` may be followed by whom to return it to.
    takes_tail: bool,
}

/// Longest first, so `TUYỆTMẬT` reads as `TUYỆT MẬT`, not as text ending in `MẬT`.
static SPELLINGS: LazyLock<Vec<Spelling>> = LazyLock::new(|| {
    let mut spellings: Vec<Spelling> = MARKS
        .iter()
        .map(|(label, mark)| {
            let letters: String = label.chars().filter(|c| !c.is_whitespace()).collect();
            Spelling {
                folded: fold(&letters).chars().collect(),
                letters: letters.chars().collect(),
                mark: *mark,
                takes_tail: *label == "XEM XONG TRẢ LẠI",
            }
        })
        .collect();
    spellings.sort_by_key(|s| std::cmp::Reverse(s.letters.len()));
    spellings
});

/// `Độ mật:`, `Mức độ mật:`, `Độ khẩn:` before the mark (with or without diacritics).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:mức|muc)\s+)?(?i:độ|do)\s+(?i:mật|mat|khẩn|khan)\s*[:：]?\s*")
        .expect("label pattern compiles")
});

/// What may frame or separate marks: `[MẬT]`, `* MẬT *`, `KHẨN - MẬT`, `(Mật).`
fn is_frame(c: char) -> bool {
    c.is_whitespace() || is_invisible_format(c) || "*()[]{}<>.:;,-–—/|\"'“”«»_=~#•".contains(c)
}

/// The marks a cell (or cells read together) is made of, or `None` when it is anything else.
pub(super) fn standalone_marks(text: &str) -> Option<Vec<Mark>> {
    let text = text.trim();
    let (labelled, rest) = match LABEL.find(text) {
        Some(label) if label.end() < text.len() => (true, &text[label.end()..]),
        _ => (false, text),
    };
    let mut marks = Vec::new();
    // Separators split marks (`KHẨN - MẬT`); spaces inside a part do not (`T U Y Ệ T`).
    for part in rest.split(['-', '–', '—', ',', ';', '/', '|']) {
        let letters: Vec<char> = part.chars().filter(|c| !is_frame(*c)).collect();
        if letters.is_empty() {
            continue;
        }
        if !letters.iter().all(|c| c.is_alphabetic()) {
            return None;
        }
        marks.extend(spelled_marks(&letters, labelled)?);
    }
    (!marks.is_empty()).then_some(marks)
}

/// Letters that spell one mark after another (`TUYỆTMẬT`, `KHẨNMẬT`). In capitals, with each
/// mark's first letter a capital (`Tuyệtmật`), or in any case after a label. A text typed without diacritics (`TUYET MAT`) matches the folded spellings.
fn spelled_marks(letters: &[char], any_case: bool) -> Option<Vec<Mark>> {
    let upper: Vec<char> = letters.iter().flat_map(|c| c.to_uppercase()).collect();
    if upper.len() != letters.len() {
        return None;
    }
    let all_caps = upper == letters;
    let plain = !has_marks(&letters.iter().collect::<String>());
    // Without diacritics only capitals count: `Mat` could be any of several words.
    if plain && !all_caps && !any_case {
        return None;
    }
    let mut marks = Vec::new();
    let mut at = 0;
    // Greedy is enough: no mark's spelling is the start of another mark followed by a third.
    while at < upper.len() {
        let (mark, end) = SPELLINGS.iter().find_map(|s| {
            let spelled = if plain { &s.folded } else { &s.letters };
            let end = at + spelled.len();
            let matches = upper.get(at..end) == Some(spelled.as_slice());
            // Each mark starts with a capital (`Tuyệt mật`, `Khẩn - Mật`), unless labelled.
            let cased = any_case || all_caps || letters[at].is_uppercase();
            // The tail after "xem xong trả lại" names a body: `BAN TUYÊN GIÁO`.
            let end = if s.takes_tail { upper.len() } else { end };
            (matches && cased).then_some((s.mark, end))
        })?;
        marks.push(mark);
        at = end;
    }
    Some(marks)
}

/// A mark at the start or end of a capitals cell whose other words are not part of a phrase
/// with it (`BẢO VỆ BÍ MẬT` is text, not a mark): `TỈNH ỦY HÀ GIANG MẬT`, `* MẬT`.
pub(super) fn edge_mark(cell: &str) -> Option<Mark> {
    let cell = cell
        .trim()
        .trim_matches(['*', ' '])
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']', '.', ':']);
    if !is_upper_text(cell) {
        return None;
    }
    let mut best: Option<(usize, Mark)> = None;
    for (label, mark) in MARKS {
        let rest_before = cell.strip_suffix(label).and_then(|r| r.strip_suffix(' '));
        let rest_after = cell.strip_prefix(label).and_then(|r| r.strip_prefix(' '));
        let joined_to_text = rest_before.is_some_and(|r| {
            r.ends_with("BÍ") || r.ends_with("TỐI") || r.ends_with("TUYỆT") || r.ends_with("THƯỢNG")
        });
        let at_edge = (rest_before.is_some() && !joined_to_text)
            || rest_after.is_some_and(|r| !r.starts_with("BẢN"));
        // The longest label wins: `TỐI MẬT` over `MẬT`.
        if at_edge && best.is_none_or(|(len, _)| label.len() > len) {
            best = Some((label.len(), *mark));
        }
    }
    best.map(|(_, mark)| mark)
}

/// The marks a header cell is made of or carries at its edge.
pub(super) fn marks_of_cell(cell: &str) -> Option<Vec<Mark>> {
    standalone_marks(cell).or_else(|| edge_mark(cell).map(|m| vec![m]))
}

fn is_upper_text(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// Cells read together as one mark: `TUYỆT` / `MẬT` on two lines, `T U Y Ệ T  M Ậ T` cut at
/// its wide gap, `HỎA  TỐC  HẸN  GIỜ`.
const MARK_RUN: usize = 4;

/// Marks read from header cells (in reading order, each with the rank of its line), and which
/// cells are made of marks only (so they are not taken for the issuer).
#[derive(Debug, Default)]
pub(super) struct MarkReading {
    pub classification: Classification,
    pub urgency: Option<Urgency>,
    pub consumed: Vec<bool>,
}

/// Every run of up to [`MARK_RUN`] consecutive cells on at most two adjacent lines is read as
/// one text; the highest classification and urgency found win.
pub(super) fn read_marks<'c>(cells: impl IntoIterator<Item = (&'c str, usize)>) -> MarkReading {
    let cells: Vec<(&str, usize)> = cells.into_iter().collect();
    let mut reading = MarkReading {
        consumed: vec![false; cells.len()],
        ..MarkReading::default()
    };
    for start in 0..cells.len() {
        for end in start + 1..=(start + MARK_RUN).min(cells.len()) {
            let run = &cells[start..end];
            if run[run.len() - 1].1 > run[0].1 + 1 {
                break;
            }
            let text = run.iter().map(|(t, _)| *t).collect::<Vec<_>>().join(" ");
            let marks = match standalone_marks(&text) {
                Some(marks) => {
                    reading.consumed[start..end].fill(true);
                    marks
                }
                None => edge_mark(&text).into_iter().collect(),
            };
            for mark in marks {
                match mark {
                    Mark::Secret(level) => {
                        reading.classification = reading.classification.max(level)
                    }
                    Mark::Urgent(level) => reading.urgency = reading.urgency.max(Some(level)),
                    Mark::Other => {}
                }
            }
        }
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classification(lines: &[&str]) -> Classification {
        read_marks(lines.iter().enumerate().map(|(i, l)| (*l, i))).classification
    }

    #[test]
    fn standalone_marks_in_every_dress() {
        use Classification::*;
        for (text, level) in [
            ("MẬT", Mat),
            ("Mật", Mat),
            ("[MẬT]", Mat),
            ("* MẬT *", Mat),
            ("(Mật).", Mat),
            ("TỐI  MẬT", ToiMat),
            ("TUYỆT    MẬT", TuyetMat),
            ("TUYỆTMẬT", TuyetMat),
            ("M Ậ T", Mat),
            ("T U Y Ệ T  M Ậ T", TuyetMat),
            ("Tuyệt mật", TuyetMat),
            ("Độ mật: MẬT", Mat),
            ("Mức độ mật: Tối mật", ToiMat),
            ("ĐỘ MẬT: TUYỆT MẬT", TuyetMat),
            ("Do mat: TOI MAT", ToiMat),
            ("TUYET MAT", TuyetMat),
            ("LƯU HÀNH NỘI BỘ", Internal),
            ("XEM XONG TRẢ LẠI", Internal),
            ("XEM XONG TRẢ LẠI BAN TUYÊN GIÁO", Internal),
            ("Xem xong trả lại", Internal),
            ("KHẨN - MẬT", Mat),
            ("MẬT KHẨN", Mat),
        ] {
            assert_eq!(classification(&[text]), level, "{text}");
        }
    }

    #[test]
    fn urgency_marks() {
        let urgency = |t: &str| read_marks([(t, 0)]).urgency;
        assert_eq!(urgency("HỎA  TỐC  HẸN  GIỜ"), Some(Urgency::HoaToc));
        assert_eq!(urgency("Độ khẩn: Thượng khẩn"), Some(Urgency::ThuongKhan));
        assert_eq!(urgency("KHẨN - MẬT"), Some(Urgency::Khan));
        assert_eq!(urgency("T H Ư Ợ N G  K H Ẩ N"), Some(Urgency::ThuongKhan));
    }

    #[test]
    fn prose_and_names_are_not_marks() {
        for text in [
            "mật",
            "tài liệu mật",
            "Đề án này là tài liệu mật.",
            "bảo mật",
            "Bí mật nhà nước",
            "BẢO VỆ BÍ MẬT",
            "BẢO VỆ BÍ MẬT NHÀ NƯỚC",
            "Mat",
            "MẶT",
            "Mật khẩu",
            "Độ mật thiết của quan hệ",
            "TỐI",
            "TUYỆT",
            "Số 05-CT/TW MẬT",
            "xem xong trả lại cho văn thư",
            "TỈNH ỦY HÀ GIANG",
        ] {
            assert_eq!(classification(&[text]), Classification::Public, "{text}");
        }
    }

    #[test]
    fn a_mark_over_two_lines_and_the_highest_wins() {
        assert_eq!(classification(&["TUYỆT", "MẬT"]), Classification::TuyetMat);
        assert_eq!(classification(&["Tối", "mật"]), Classification::ToiMat);
        assert_eq!(classification(&["Độ mật:", "MẬT"]), Classification::Mat);
        assert_eq!(
            classification(&["MẬT", "TỈNH ỦY", "TỐI MẬT"]),
            Classification::ToiMat
        );
        assert_eq!(
            classification(&["LƯU HÀNH NỘI BỘ", "MẬT"]),
            Classification::Mat
        );
        // Lines further apart are not one mark.
        let apart = read_marks([("TUYỆT", 0), ("MẬT", 2)]);
        assert_eq!(apart.classification, Classification::Mat);
    }

    #[test]
    fn marks_glued_to_a_column_or_split_from_it() {
        assert_eq!(
            classification(&["TỈNH ỦY HÀ GIANG TỐI MẬT"]),
            Classification::ToiMat
        );
        let glued = read_marks([("BAN TUYÊN GIÁO TUYỆT", 0), ("MẬT", 0)]);
        assert_eq!(glued.classification, Classification::TuyetMat);
        // The issuer cell is not consumed by an edge mark; cells made of marks are.
        let split = read_marks([("TỈNH ỦY SƠN LA", 0), ("TUYỆT", 1), ("MẬT", 1)]);
        assert_eq!(split.classification, Classification::TuyetMat);
        assert_eq!(split.consumed, [false, true, true]);
    }

    #[test]
    fn invisible_characters_do_not_hide_a_mark() {
        assert_eq!(
            classification(&["\u{200b}TUYỆT MẬT"]),
            Classification::TuyetMat
        );
        assert_eq!(
            classification(&["TUY\u{ad}ỆT\u{2060} M\u{200d}ẬT\u{feff}"]),
            Classification::TuyetMat
        );
    }
}
