//! What the fuzz targets (`fuzz/`, `scripts/fuzz.sh`) and their regression test
//! (`tests/fuzz_regressions.rs`) feed hostile bytes to: the readers of text a user hands us.
//! Each must return, never panic, for any input.

use crate::document::{self, BookSidecar, DocumentNumber, NumberQuery};
use crate::vietnamese::legacy::{self, font_hint, HintedRange};

/// The number, metadata, citation, chapter and book readers on any text.
pub fn metadata(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let metadata = document::extract_metadata(&text);
    let _ = document::extract_references(&text, metadata.number.as_ref());
    for line in text.lines().take(200) {
        if let Some(number) = DocumentNumber::parse(line) {
            let _ = number.canonical();
            let _ = number.search_keys();
        }
        let _ = NumberQuery::parse(line);
    }
    let pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    let _ = document::detect_chapters(&pages);
    let _ = document::printed_page_labels(&pages);
    let _ = document::extract_book_metadata(&text);
    let _ = BookSidecar::parse(&text);
}

/// The TCVN3/VNI repair, on the bytes read as Latin-1 (as extractors hand legacy text over) and
/// as UTF-8, with font hints cut from the input itself.
pub fn legacy(data: &[u8]) {
    let latin1: String = data.iter().map(|&b| b as char).collect();
    let _ = legacy::repair_text(&latin1);
    let text = String::from_utf8_lossy(data).into_owned();
    let hints: Vec<HintedRange> = text
        .char_indices()
        .filter(|(i, _)| i % 7 == 0)
        .zip(text.char_indices().skip(1).filter(|(i, _)| i % 7 == 3))
        .filter(|((a, _), (b, _))| a < b)
        .enumerate()
        .map(|(n, ((a, _), (b, _)))| HintedRange {
            range: a..b,
            hint: font_hint([".VnTime", ".VnTimeH", "VNI-Times", "Times New Roman", ""][n % 5]),
        })
        .collect();
    let mut ordered: Vec<HintedRange> = Vec::new();
    for h in hints {
        if ordered.last().is_none_or(|l| l.range.end <= h.range.start) {
            ordered.push(h);
        }
    }
    let _ = legacy::repair_pages(&[text.clone(), latin1], &[ordered]);
}
