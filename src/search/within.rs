//! Search inside one book: every place on every page where the query's words stand side by
//! side, found by walking the book's page text in memory (the index holds whole documents, not
//! pages; one book's pages are read from the catalog in a few milliseconds, see
//! ARCHITECTURE.md).
//!
//! A query word typed without marks matches the word with any marks (`dong tien` finds `Đồng
//! Tiến`); typed with marks it matches those marks, or a word whose marks were all lost (`Đồng`
//! finds `Đồng` and an OCR's `Dong`, not `Đóng`). When the words never stand together, every
//! page holding all of them is a hit and each word is marked.

use std::ops::Range;

use crate::vietnamese::{each_syllable, fold, has_marks, normalize};

/// At most this many query words are used.
const MAX_TERMS: usize = 12;
/// Bytes of context on each side of a snippet's first match.
const CONTEXT: usize = 110;

/// A query as typed, ready to match.
#[derive(Debug, Clone)]
pub struct BookQuery {
    terms: Vec<Term>,
}

#[derive(Debug, Clone)]
struct Term {
    folded: String,
    /// Lowercase with marks, when the query word had marks.
    marked: Option<String>,
}

impl Term {
    /// Whether the syllable `original` (as written), whose folded lowercase is `folded`, is
    /// this word.
    fn matches(&self, original: &str, folded: &str) -> bool {
        self.folded == folded
            && self
                .marked
                .as_deref()
                .is_none_or(|m| !has_marks(original) || original.to_lowercase() == m)
    }
}

/// One page's matches.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PageMatches {
    /// 1-based page number.
    pub page: u32,
    /// Byte ranges of the page text, in order.
    pub ranges: Vec<Range<usize>>,
}

/// A piece of a page around a match, with the matches inside it marked.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PageSnippet {
    pub text: String,
    /// Byte ranges of `text`.
    pub highlights: Vec<Range<usize>>,
}

impl BookQuery {
    /// The words of `raw` (NFC, lowercased); `None` when it has none.
    pub fn parse(raw: &str) -> Option<BookQuery> {
        let raw = normalize(raw);
        let mut terms = Vec::new();
        each_syllable(&raw, false, |_, _, lower| {
            if terms.len() < MAX_TERMS {
                terms.push(Term {
                    folded: fold(lower),
                    marked: has_marks(lower).then(|| lower.to_string()),
                });
            }
        });
        (!terms.is_empty()).then_some(BookQuery { terms })
    }

    /// Whether the query is one word (a phrase of one).
    pub fn is_single_word(&self) -> bool {
        self.terms.len() == 1
    }

    /// Where the words stand side by side in `text`.
    pub fn phrases(&self, text: &str) -> Vec<Range<usize>> {
        let words = self.words(text);
        let n = self.terms.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i + n <= words.len() {
            if words[i..i + n]
                .iter()
                .enumerate()
                .all(|(j, w)| w.terms & (1 << j) != 0)
            {
                out.push(words[i].from..words[i + n - 1].to);
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Every word of `text` that is one of the query's words, if all of them occur.
    pub fn all_words(&self, text: &str) -> Vec<Range<usize>> {
        let words = self.words(text);
        let mut seen = 0u32;
        let mut out = Vec::new();
        for w in words.iter().filter(|w| w.terms != 0) {
            seen |= w.terms;
            out.push(w.from..w.to);
        }
        let all = (1u32 << self.terms.len()) - 1;
        if seen & all == all {
            out
        } else {
            Vec::new()
        }
    }

    /// The pages that match, in order: the phrase where it occurs anywhere in the book, else
    /// the pages holding all the words. The flag tells which.
    pub fn search<S: AsRef<str>>(&self, pages: &[S]) -> (Vec<PageMatches>, bool) {
        let found = |f: &dyn Fn(&str) -> Vec<Range<usize>>| -> Vec<PageMatches> {
            pages
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let ranges = f(p.as_ref());
                    (!ranges.is_empty()).then(|| PageMatches {
                        page: i as u32 + 1,
                        ranges,
                    })
                })
                .collect()
        };
        let phrases = found(&|p| self.phrases(p));
        if !phrases.is_empty() || self.terms.len() == 1 {
            return (phrases, true);
        }
        (found(&|p| self.all_words(p)), false)
    }

    /// The ranges to mark in a piece of text: phrases, or the single words when the book
    /// matched only word by word.
    pub fn marks(&self, text: &str, phrase: bool) -> Vec<Range<usize>> {
        if phrase {
            self.phrases(text)
        } else {
            self.words(text)
                .iter()
                .filter(|w| w.terms != 0)
                .map(|w| w.from..w.to)
                .collect()
        }
    }
}

/// A syllable of a text and the query words it is (a bit per word).
struct Word {
    from: usize,
    to: usize,
    terms: u32,
}

impl BookQuery {
    /// The syllables of `text` with the query words they match: folded syllables are compared
    /// without allocating; only a candidate's marks are looked at.
    fn words(&self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        each_syllable(text, true, |from, to, folded| {
            let mut terms = 0u32;
            for (i, t) in self.terms.iter().enumerate() {
                if t.folded == folded && t.matches(&text[from..to], folded) {
                    terms |= 1 << i;
                }
            }
            out.push(Word { from, to, terms })
        });
        out
    }
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A snippet of `page` around its first match, line breaks as spaces, cut at spaces.
pub fn snippet(page: &str, ranges: &[Range<usize>]) -> PageSnippet {
    let Some(first) = ranges.first() else {
        let end = floor_boundary(page, 2 * CONTEXT);
        return PageSnippet {
            text: page[..end].split_whitespace().collect::<Vec<_>>().join(" "),
            highlights: Vec::new(),
        };
    };
    let mut from = floor_boundary(page, first.start.saturating_sub(CONTEXT));
    if from > 0 {
        // Start at a word.
        from = page[from..first.start]
            .find(char::is_whitespace)
            .map_or(first.start, |i| from + i);
    }
    let mut to = floor_boundary(page, first.end + CONTEXT);
    if to < page.len() {
        to = page[first.end..to]
            .rfind(char::is_whitespace)
            .map_or(first.end, |i| first.end + i);
    }
    let mut text = String::new();
    let mut highlights = Vec::new();
    if from > 0 {
        text.push_str("… ");
    }
    // Copy the window with whitespace runs collapsed, moving the ranges along.
    let mut at = from;
    let mut last_space = true;
    let in_window: Vec<&Range<usize>> = ranges
        .iter()
        .filter(|r| r.start >= from && r.end <= to)
        .collect();
    let mut next = 0;
    while at < to {
        if let Some(r) = in_window.get(next).filter(|r| r.start == at) {
            let start = text.len();
            let piece = page[r.start..r.end].split_whitespace().collect::<Vec<_>>();
            text.push_str(&piece.join(" "));
            highlights.push(start..text.len());
            at = r.end;
            next += 1;
            last_space = false;
            continue;
        }
        let c = page[at..].chars().next().expect("inside the page");
        if c.is_whitespace() {
            if !last_space {
                text.push(' ');
            }
            last_space = true;
        } else {
            text.push(c);
            last_space = false;
        }
        at += c.len_utf8();
    }
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    if to < page.len() {
        text.push_str(" …");
    }
    PageSnippet { text, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
        ranges.iter().map(|r| text[r.clone()].to_string()).collect()
    }

    #[test]
    fn unmarked_words_find_marked_text_and_marked_words_their_marks() {
        let page = "Xã Đồng Tiến đóng góp lương thực.\nDong Tien (bản quét mất dấu).";
        let plain = BookQuery::parse("dong tien").unwrap();
        assert_eq!(
            marked(page, &plain.phrases(page)),
            ["Đồng Tiến", "Dong Tien"]
        );
        let exact = BookQuery::parse("Đồng").unwrap();
        assert_eq!(marked(page, &exact.phrases(page)), ["Đồng", "Dong"]);
        let other = BookQuery::parse("đóng").unwrap();
        assert_eq!(marked(page, &other.phrases(page)), ["đóng", "Dong"]);
    }

    #[test]
    fn phrases_across_a_line_break_and_words_when_apart() {
        let pages = vec![
            "Ban Chấp hành Đảng bộ\nxã họp phiên đầu tiên.".to_string(),
            "Đảng bộ lãnh đạo. Ban tuyên giáo.".to_string(),
        ];
        let q = BookQuery::parse("đảng bộ xã").unwrap();
        let (hits, phrase) = q.search(&pages);
        assert!(phrase);
        assert_eq!(hits.len(), 1);
        assert_eq!(marked(&pages[0], &hits[0].ranges), ["Đảng bộ\nxã"]);
        let q = BookQuery::parse("ban lãnh đạo").unwrap();
        let (hits, phrase) = q.search(&pages);
        assert!(!phrase);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].page, 2);
        assert_eq!(q.marks("Ban lãnh đạo", false).len(), 3);
    }

    #[test]
    fn snippets_are_cut_at_words_with_the_match_marked() {
        let page = format!(
            "{} Ngày 19 tháng 8 năm 1945, chính quyền\ncách mạng được thành lập. {}",
            "mở đầu ".repeat(40),
            "kết thúc ".repeat(40)
        );
        let q = BookQuery::parse("chinh quyen cach mang").unwrap();
        let ranges = q.phrases(&page);
        let s = snippet(&page, &ranges);
        assert!(
            s.text.starts_with("… ") && s.text.ends_with(" …"),
            "{}",
            s.text
        );
        assert_eq!(marked(&s.text, &s.highlights), ["chính quyền cách mạng"]);
        assert!(!s.text.contains('\n'));
        assert!(BookQuery::parse(" ,.; ").is_none());
    }
}
