//! Snippets from the page that matches best, cut from the original text so that an unaccented
//! query still shows the diacritics, with the matching syllables marked.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

use crate::vietnamese::each_syllable;

/// A piece of one page with the ranges (in bytes of `text`) that matched the query.
#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    /// 1-based page number.
    pub page: u32,
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// Syllables in a snippet window.
const WINDOW: usize = 36;

/// A syllable of a page: where it is, and which query term it is, if any.
struct Syllable {
    from: usize,
    to: usize,
    term: Option<usize>,
}

/// The syllables of a page, matched against the folded query terms without allocating a string
/// per syllable: snippets are cut for every hit of every search.
fn syllables(page: &str, terms: &[&str]) -> Vec<Syllable> {
    let mut out = Vec::new();
    each_syllable(page, true, |from, to, word| {
        out.push(Syllable {
            from,
            to,
            term: terms.iter().position(|t| *t == word),
        });
    });
    out
}

/// The best snippet for folded query terms, or the start of the first page if nothing matches.
pub fn best_snippet(pages: &[String], terms: &HashSet<String>) -> Option<Snippet> {
    let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
    let mut best: Option<(usize, usize, usize, Vec<Syllable>)> = None;
    for (i, page) in pages.iter().enumerate() {
        if terms.is_empty() {
            break;
        }
        let found = syllables(page, &terms);
        let (start, score) = best_window(&found, terms.len());
        if score > 0 && best.as_ref().is_none_or(|b| score > b.2) {
            best = Some((i, start, score, found));
        }
    }
    let Some((page_index, start, _, found)) = best else {
        let page = pages.iter().position(|p| !p.trim().is_empty())?;
        let found = syllables(&pages[page], &terms);
        return Some(cut(&pages[page], page, &found, 0));
    };
    Some(cut(&pages[page_index], page_index, &found, start))
}

/// The window start with the most distinct terms, then the most hits.
fn best_window(syllables: &[Syllable], term_count: usize) -> (usize, usize) {
    let hits: Vec<(usize, usize)> = syllables
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.term.map(|t| (i, t)))
        .collect();
    let mut best = (0, 0);
    let mut seen = vec![false; term_count];
    for (n, &(first, _)) in hits.iter().enumerate() {
        seen.iter_mut().for_each(|s| *s = false);
        let mut in_window = 0;
        // Query words side by side (`Dân vận`) say more than the same words apart.
        let mut adjacent = 0;
        let mut previous: Option<(usize, usize)> = None;
        for &(at, term) in hits[n..].iter().take_while(|(h, _)| *h < first + WINDOW) {
            seen[term] = true;
            in_window += 1;
            if previous.is_some_and(|(p, t)| p + 1 == at && t != term) {
                adjacent += 1;
            }
            previous = Some((at, term));
        }
        let distinct = seen.iter().filter(|s| **s).count();
        let score = distinct * 100 + adjacent * 30 + in_window;
        if score > best.1 {
            // A few syllables of context before the first hit.
            best = (first.saturating_sub(4), score);
        }
    }
    best
}

fn cut(page: &str, page_index: usize, syllables: &[Syllable], start: usize) -> Snippet {
    let end = (start + WINDOW).min(syllables.len());
    let (from, to) = match (
        syllables.get(start),
        end.checked_sub(1).and_then(|e| syllables.get(e)),
    ) {
        (Some(a), Some(b)) => (a.from, b.to),
        _ => (0, floor_boundary(page, 200)),
    };
    let mut text = String::new();
    let prefix = if from > 0 { "… " } else { "" };
    text.push_str(prefix);
    let base = prefix.len();
    let body = page[from..to].replace(['\n', '\u{c}'], " ");
    text.push_str(&body);
    if to < page.len() {
        text.push_str(" …");
    }
    let highlights = syllables[start..end]
        .iter()
        .filter(|s| s.term.is_some())
        .map(|s| base + s.from - from..base + s.to - from)
        .collect();
    Snippet {
        page: page_index as u32 + 1,
        text,
        highlights,
    }
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn unaccented_query_marks_accented_text_on_the_right_page() {
        let pages = vec![
            "Trang đầu không liên quan.".to_string(),
            "Thực hiện Chỉ thị số 05-CT/TW về học tập".to_string(),
        ];
        let s = best_snippet(&pages, &terms(&["chi", "thi", "05"])).unwrap();
        assert_eq!(s.page, 2);
        let marked: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(marked, ["Chỉ", "thị", "05"]);
    }

    #[test]
    fn words_side_by_side_win_the_window() {
        let filler = "một hai ba bốn năm sáu bảy tám chín mười ".repeat(6);
        let pages = vec![format!(
            "văn hóa các dân tộc {filler} mô hình Dân vận khéo {filler}"
        )];
        let s = best_snippet(&pages, &terms(&["dan", "van"])).unwrap();
        assert!(s.text.contains("Dân vận khéo"), "{}", s.text);
    }

    #[test]
    fn no_match_gives_the_opening() {
        let pages = vec!["".to_string(), "ĐẢNG CỘNG SẢN VIỆT NAM".to_string()];
        let s = best_snippet(&pages, &terms(&["xyz"])).unwrap();
        assert_eq!(s.page, 2);
        assert!(s.highlights.is_empty());
        assert!(s.text.starts_with("ĐẢNG"));
    }
}
