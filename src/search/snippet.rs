//! Snippets from the page that matches best, cut from the original text so that an unaccented
//! query still shows the diacritics, with the matching syllables marked.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

use crate::vietnamese::folded_syllables;

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

/// The best snippet for folded query terms, or the start of the first page if nothing matches.
pub fn best_snippet(pages: &[String], terms: &HashSet<String>) -> Option<Snippet> {
    let mut best: Option<(usize, usize, usize, Vec<tantivy::tokenizer::Token>)> = None;
    for (i, page) in pages.iter().enumerate() {
        let tokens = folded_syllables(page);
        let (start, score) = best_window(&tokens, terms);
        if score > 0 && best.as_ref().is_none_or(|b| score > b.2) {
            best = Some((i, start, score, tokens));
        }
    }
    let Some((page_index, start, _, tokens)) = best else {
        let page = pages.iter().position(|p| !p.trim().is_empty())?;
        let tokens = folded_syllables(&pages[page]);
        return Some(cut(&pages[page], page, &tokens, 0, terms));
    };
    Some(cut(&pages[page_index], page_index, &tokens, start, terms))
}

/// The window start with the most distinct terms, then the most hits.
fn best_window(tokens: &[tantivy::tokenizer::Token], terms: &HashSet<String>) -> (usize, usize) {
    let hits: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| terms.contains(&t.text))
        .map(|(i, _)| i)
        .collect();
    let mut best = (0, 0);
    for (n, &first) in hits.iter().enumerate() {
        let in_window: Vec<usize> = hits[n..]
            .iter()
            .copied()
            .take_while(|&h| h < first + WINDOW)
            .collect();
        let distinct: HashSet<&str> = in_window.iter().map(|&h| tokens[h].text.as_str()).collect();
        let score = distinct.len() * 100 + in_window.len();
        if score > best.1 {
            // A few syllables of context before the first hit.
            best = (first.saturating_sub(4), score);
        }
    }
    best
}

fn cut(
    page: &str,
    page_index: usize,
    tokens: &[tantivy::tokenizer::Token],
    start: usize,
    terms: &HashSet<String>,
) -> Snippet {
    let end = (start + WINDOW).min(tokens.len());
    let (from, to) = match (
        tokens.get(start),
        end.checked_sub(1).and_then(|e| tokens.get(e)),
    ) {
        (Some(a), Some(b)) => (a.offset_from, b.offset_to),
        _ => (0, page.len().min(200)),
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
    let highlights = tokens[start..end]
        .iter()
        .filter(|t| terms.contains(&t.text))
        .map(|t| base + t.offset_from - from..base + t.offset_to - from)
        .collect();
    Snippet {
        page: page_index as u32 + 1,
        text,
        highlights,
    }
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
    fn no_match_gives_the_opening() {
        let pages = vec!["".to_string(), "ĐẢNG CỘNG SẢN VIỆT NAM".to_string()];
        let s = best_snippet(&pages, &terms(&["xyz"])).unwrap();
        assert_eq!(s.page, 2);
        assert!(s.highlights.is_empty());
        assert!(s.text.starts_with("ĐẢNG"));
    }
}
