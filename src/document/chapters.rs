//! The chapters of a long document or book, with the page each starts on, read from the text
//! of its pages: so a scanned local Party history of 300 pages gets a table of contents
//! without anyone typing it.
//!
//! Recognised headings, in capitals or not, alone on their line with the title after a colon or
//! dash or on the following lines (often in capitals, wrapped over two lines, followed by the
//! period it covers):
//! - parts: `PHẦN THỨ NHẤT`, `Phần thứ hai`, `PHẦN I`, `Phần 2`, `PHẦN MỞ ĐẦU`;
//! - chapters: `CHƯƠNG I`, `Chương 1`, `CHƯƠNG MỞ ĐẦU`, `Chương thứ nhất`;
//! - sections: `Mục 1`, `MỤC II` (legal texts; only inside a chapter; articles, `Điều 1`, never);
//! - front and back matter: `MỞ ĐẦU`, `LỜI NÓI ĐẦU`, `LỜI GIỚI THIỆU`, `LỜI TỰA`, `KẾT LUẬN`,
//!   `NHỮNG BÀI HỌC KINH NGHIỆM`, `PHỤ LỤC` (and `Phụ lục 1`), `TÀI LIỆU THAM KHẢO`, `MỤC LỤC`.
//!
//! OCR noise is expected: extra or missing spaces, letters spaced out (`C H Ư Ơ N G`), marks
//! lost (`CHUONG`, `PHAN THU NHAT`), `l` or `|` for `I` in a Roman numeral, a period after the
//! numeral. A mark that is present must be the right one (`Mức 1` is not `Mục 1`).
//!
//! What is not a heading: a sentence that mentions `chương I` or `phụ lục kèm theo` (a heading
//! starts its line with a capital, and anything after its number follows a colon or dash, or is
//! in capitals after a heading in capitals); the lines of a table of contents (pages that list
//! headings with page numbers: they give only `Mục lục` and are used to confirm weak headings);
//! running headers repeated at the top of every page (a heading already seen in the same part
//! or chapter is not a new one, so a chapter starts at its first page); a numbered heading that
//! goes back (`Chương II` inside chapter III is a reference, not a chapter).
//!
//! Titles in capitals are rendered in sentence case, keeping the capitals of the proper names
//! the book itself writes with capitals in its running text (`Bắc Quang`), of acronyms
//! (`UBND`) and Roman numerals.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::term::{parse_roman, roman_numeral};
use crate::vietnamese;

/// How deep a heading sits: parts contain chapters, chapters contain sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChapterLevel {
    Part,
    Chapter,
    Section,
}

/// One entry of a book's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Chapter {
    /// The depth in the table of contents. Front and back matter (`Lời giới thiệu`, `Kết
    /// luận`, `Phụ lục`), and chapters outside any part, stand at the top: `Part` in a book that
    /// has parts, `Chapter` otherwise.
    pub level: ChapterLevel,
    /// The heading's own words, normalised: `Chương I`, `Phần thứ nhất`, `Phụ lục 2`,
    /// `Kết luận`.
    pub label: String,
    /// `Đảng bộ huyện Bắc Quang ra đời (1930 - 1945)`; `None` when the heading has none.
    pub title: Option<String>,
    /// 1-based page where it starts.
    pub start_page: u32,
}

/// The chapters of a book whose pages are `pages`, in page order.
pub fn detect_chapters(pages: &[String]) -> Vec<Chapter> {
    let pages: Vec<Vec<String>> = pages
        .iter()
        .map(|p| {
            vietnamese::normalize(p)
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        })
        .collect();
    let names = ProperNames::learn(&pages);
    let toc = TableOfContents::read(&pages);

    let mut found: Vec<(Heading, Option<String>, u32)> = Vec::new();
    for (p, lines) in pages.iter().enumerate() {
        if toc.pages.contains(&p) {
            if let Some(h) = lines
                .iter()
                .filter_map(|l| parse_heading(l))
                .find(|h| h.kind == Kind::Contents)
            {
                found.push((h, None, p as u32 + 1));
            }
            continue;
        }
        let mut i = 0;
        while i < lines.len() {
            let Some(heading) = parse_heading(&lines[i]) else {
                i += 1;
                continue;
            };
            if !heading.accepted(lines, i, &toc) {
                i += 1;
                continue;
            }
            let (title, used) = title_of(&heading, lines, i, &names);
            found.push((heading, title, p as u32 + 1));
            i += 1 + used;
        }
    }
    arrange(found)
}

// ---------------------------------------------------------------------------------------------
// Heading lines.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Part,
    Chapter,
    Section,
    Appendix,
    /// Unnumbered front and back matter.
    Matter,
    Contents,
}

/// A heading line, before its context is known.
#[derive(Debug, Clone)]
struct Heading {
    kind: Kind,
    label: String,
    /// The number, for ordering (`mở đầu` is 0).
    number: Option<u32>,
    /// The keyword was set in capitals.
    capitals: bool,
    /// Text after the label on the same line (after a separator, or in capitals).
    same_line_title: Option<String>,
}

/// Keywords: the accented form in capitals without spaces, and how a label writes it.
const PART: (&str, &str) = ("PHẦN", "Phần");
const CHAPTER: (&str, &str) = ("CHƯƠNG", "Chương");
const SECTION: (&str, &str) = ("MỤC", "Mục");
const APPENDIX: (&str, &str) = ("PHỤLỤC", "Phụ lục");
const CONTENTS: (&str, &str) = ("MỤCLỤC", "Mục lục");
const MATTER: [(&str, &str); 9] = [
    ("MỞĐẦU", "Mở đầu"),
    ("LỜINÓIĐẦU", "Lời nói đầu"),
    ("LỜIGIỚITHIỆU", "Lời giới thiệu"),
    ("LỜITỰA", "Lời tựa"),
    ("LỜIBẠT", "Lời bạt"),
    ("KẾTLUẬN", "Kết luận"),
    ("NHỮNGBÀIHỌCKINHNGHIỆM", "Những bài học kinh nghiệm"),
    ("MỘTSỐBÀIHỌCKINHNGHIỆM", "Một số bài học kinh nghiệm"),
    ("TÀILIỆUTHAMKHẢO", "Tài liệu tham khảo"),
];
/// Ordinal words after `thứ` (and bare, `Phần hai`), folded, with their label form.
const ORDINALS: [(&str, &str, u32); 12] = [
    ("NHẤT", "nhất", 1),
    ("MỘT", "một", 1),
    ("HAI", "hai", 2),
    ("BA", "ba", 3),
    ("TƯ", "tư", 4),
    ("BỐN", "bốn", 4),
    ("NĂM", "năm", 5),
    ("SÁU", "sáu", 6),
    ("BẢY", "bảy", 7),
    ("TÁM", "tám", 8),
    ("CHÍN", "chín", 9),
    ("MƯỜI", "mười", 10),
];

/// A line that ends like a table-of-contents entry: dot leaders then a page number.
static LEADERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\.\s?){3,}\s*\d{1,4}$|…+\s*\d{1,4}$|_{3,}\s*\d{1,4}$").expect("valid pattern")
});
/// A numbered item or subheading: `I. …`, `1. …`, `a) …`.
static ENUMERATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]+|\d+|[a-zđ])[.)]\s").expect("valid pattern"));
/// A page number at the end of a line.
static TRAILING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s\d{1,4}$").expect("valid pattern"));

/// One character of a line as read matches one of a keyword: the same, or the keyword's
/// letter with its marks lost (OCR); never another mark.
fn char_matches(read: char, keyword: char) -> bool {
    read == keyword || read == vietnamese::fold_char(keyword)
}

fn word_matches(read: &str, keyword: &str) -> bool {
    read.chars().count() == keyword.chars().count()
        && read
            .chars()
            .zip(keyword.chars())
            .all(|(r, k)| char_matches(r, k))
}

fn prefix_matches(read: &str, keyword: &str) -> bool {
    read.chars().count() <= keyword.chars().count()
        && read
            .chars()
            .zip(keyword.chars())
            .all(|(r, k)| char_matches(r, k))
}

/// How many tokens from `start` spell `keyword` (capitals, no spaces), letters spaced out or
/// not; `None` if they do not.
fn match_keyword(upper: &[String], start: usize, keyword: &str) -> Option<usize> {
    let mut joined = String::new();
    for (n, token) in upper[start..].iter().enumerate() {
        joined.push_str(token);
        if word_matches(&joined, keyword) {
            return Some(n + 1);
        }
        if !prefix_matches(&joined, keyword) {
            return None;
        }
    }
    None
}

/// Capitals (`CHƯƠNG`), a capital then small letters (`Chương`), or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Capitals,
    Capitalized,
    Other,
}

fn case_of(words: &[&str]) -> Case {
    let letters: Vec<char> = words
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic())
        .collect();
    if letters.is_empty() {
        return Case::Other;
    }
    if letters.iter().all(|c| !c.is_lowercase()) {
        return Case::Capitals;
    }
    let first_word_rest_small = words[0]
        .chars()
        .filter(|c| c.is_alphabetic())
        .skip(1)
        .all(|c| !c.is_uppercase());
    if letters[0].is_uppercase() && first_word_rest_small {
        Case::Capitalized
    } else {
        Case::Other
    }
}

/// Marks that separate a label from its title.
const SEPARATORS: [char; 5] = [':', '.', '-', '–', '—'];

fn is_separator_token(token: &str) -> bool {
    !token.is_empty() && token.chars().all(|c| SEPARATORS.contains(&c))
}

/// A number after a keyword: Roman (with OCR's `l`, `|` or `1` for `I`), Arabic, an ordinal
/// word, or `mở đầu`. Returns the label form, the value and how many tokens it used.
fn parse_number(raw: &[&str], upper: &[String], start: usize) -> Option<(String, u32, usize)> {
    let token = *raw.get(start)?;
    let bare = token.trim_end_matches(|c: char| SEPARATORS.contains(&c) || c == ',');
    if bare.is_empty() {
        return None;
    }
    if bare.chars().all(|c| c.is_ascii_digit()) {
        let n: u32 = bare.parse().ok()?;
        return (1..1000).contains(&n).then(|| (n.to_string(), n, 1));
    }
    let roman_like = bare.chars().all(|c| {
        matches!(
            c,
            'I' | 'V' | 'X' | 'L' | 'C' | 'i' | 'v' | 'x' | 'l' | '|' | '1'
        )
    });
    if roman_like {
        let fixed: String = bare
            .chars()
            .map(|c| match c {
                'l' | '|' | '1' | 'i' => 'I',
                'v' => 'V',
                'x' => 'X',
                other => other,
            })
            .collect();
        if let Some(n) = parse_roman(&fixed) {
            return Some((roman_numeral(n)?, n as u32, 1));
        }
    }
    for (keyword, label) in [("MỞĐẦU", "mở đầu"), ("KẾTLUẬN", "kết luận")] {
        if let Some(used) = match_keyword(upper, start, keyword) {
            return Some((label.to_string(), 0, used));
        }
    }
    // After `thứ` the words are certain enough to read through a wrong mark (`THÚ BA`).
    let folded = |w: &str, keyword: &str| vietnamese::fold(w) == vietnamese::fold(keyword);
    let (offset, prefix) = if folded(upper.get(start)?, "THỨ") {
        (1, "thứ ")
    } else {
        (0, "")
    };
    let word = upper.get(start + offset)?;
    let word = word.trim_end_matches(|c: char| SEPARATORS.contains(&c) || c == ',');
    let (_, label, n) = ORDINALS
        .iter()
        .find(|(w, _, _)| word_matches(word, w) || offset == 1 && folded(word, w))?;
    // `thứ một` is not said, nor a bare `nhất`.
    if (offset == 1 && *label == "một") || (offset == 0 && *label == "nhất") {
        return None;
    }
    Some((format!("{prefix}{label}"), *n, offset + 1))
}

/// `CHƯƠNGI`, `Chương1.`: OCR lost the space before the numeral; split it back.
fn split_glued(raw: &mut Vec<String>) {
    let Some(first) = raw.first().cloned() else {
        return;
    };
    let upper = first.to_uppercase();
    for keyword in [CHAPTER.0, PART.0, SECTION.0] {
        let n = keyword.chars().count();
        let head: String = upper.chars().take(n).collect();
        if upper.chars().count() <= n || !word_matches(&head, keyword) {
            continue;
        }
        let split = first.char_indices().nth(n).map_or(first.len(), |(i, _)| i);
        let tail = &first[split..];
        let bare = tail.trim_end_matches(|c: char| SEPARATORS.contains(&c));
        let numeral = !bare.is_empty()
            && (bare.chars().all(|c| c.is_ascii_digit())
                || bare
                    .chars()
                    .all(|c| matches!(c, 'I' | 'V' | 'X' | 'l' | '|')));
        if numeral {
            raw.splice(0..1, [first[..split].to_string(), tail.to_string()]);
        }
        return;
    }
}

/// Read a line as a heading, if it is shaped like one.
fn parse_heading(line: &str) -> Option<Heading> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 200 || LEADERS.is_match(line) {
        return None;
    }
    // Colons and long dashes glued to words separate them.
    let spaced = line.replace(':', " : ").replace(['–', '—'], " – ");
    let mut owned: Vec<String> = spaced.split_whitespace().map(str::to_string).collect();
    // A running header may start with its page number.
    if owned.len() > 1 && owned[0].chars().all(|c| c.is_ascii_digit()) && owned[0].len() <= 4 {
        owned.remove(0);
    }
    split_glued(&mut owned);
    let raw: Vec<&str> = owned.iter().map(String::as_str).collect();
    let upper: Vec<String> = raw
        .iter()
        .map(|w| w.trim_end_matches(SEPARATORS).to_uppercase())
        .collect();

    let numbered = [
        (Kind::Contents, CONTENTS),
        (Kind::Appendix, APPENDIX),
        (Kind::Part, PART),
        (Kind::Chapter, CHAPTER),
        (Kind::Section, SECTION),
    ];
    for (kind, (keyword, label)) in numbered {
        let Some(used) = match_keyword(&upper, 0, keyword) else {
            continue;
        };
        let case = case_of(&raw[..used]);
        if case == Case::Other {
            return None;
        }
        let capitals = case == Case::Capitals;
        if kind == Kind::Contents {
            return only_label(kind, label, None, capitals, &raw[used..]);
        }
        // `Chương I`, `PHẦN THỨ HAI`, `Phụ lục 1` and, for appendices, no number at all.
        let number = parse_number(&raw, &upper, used);
        let (number_label, value, number_used) = match number {
            Some(n) => n,
            None if kind == Kind::Appendix => {
                return only_label(kind, label, None, capitals, &raw[used..]);
            }
            None => return None,
        };
        let label = format!("{label} {number_label}");
        let mut rest = &raw[used + number_used..];
        let mut separated =
            raw[used + number_used - 1].ends_with(|c: char| SEPARATORS.contains(&c));
        while rest.first().is_some_and(|t| is_separator_token(t)) {
            separated = true;
            rest = &rest[1..];
        }
        if raw[used + number_used - 1].ends_with(',') {
            // `Chương I, Đảng bộ …` is a sentence.
            return None;
        }
        let title = if rest.is_empty() {
            None
        } else if separated || capitals && case_of(rest) == Case::Capitals {
            Some(rest.join(" "))
        } else {
            return None;
        };
        return Some(Heading {
            kind,
            label,
            number: Some(value),
            capitals,
            same_line_title: title,
        });
    }
    for (keyword, label) in MATTER {
        let Some(used) = match_keyword(&upper, 0, keyword) else {
            continue;
        };
        let case = case_of(&raw[..used]);
        if case == Case::Other {
            return None;
        }
        return only_label(
            Kind::Matter,
            label,
            None,
            case == Case::Capitals,
            &raw[used..],
        );
    }
    None
}

/// A heading that is its label alone, or its label, a separator and a title.
fn only_label(
    kind: Kind,
    label: &str,
    number: Option<u32>,
    capitals: bool,
    rest: &[&str],
) -> Option<Heading> {
    let mut rest = rest;
    let mut separated = false;
    while rest.first().is_some_and(|t| is_separator_token(t)) {
        separated = true;
        rest = &rest[1..];
    }
    if !rest.is_empty() && !separated {
        return None;
    }
    Some(Heading {
        kind,
        label: label.to_string(),
        number,
        capitals,
        same_line_title: (!rest.is_empty()).then(|| rest.join(" ")),
    })
}

impl Heading {
    /// Whether this heading line, at `index` of its page, is one. Headings in capitals or
    /// numbered are; an unnumbered one in small letters (`Kết luận`) only near the top of its
    /// page or when the table of contents lists it.
    fn accepted(&self, lines: &[String], index: usize, toc: &TableOfContents) -> bool {
        if self.capitals || self.number.is_some() && self.kind != Kind::Matter {
            return true;
        }
        let before = lines[..index]
            .iter()
            .filter(|l| l.chars().any(char::is_alphabetic))
            .count();
        before < 3 || toc.labels.contains(&fold_key(&self.label))
    }
}

/// The title after a heading line: on the line itself, or on the next lines (capitals, wrapped
/// over up to four lines, then a period in brackets; or one or two short lines in small letters
/// after a numbered label). Returns it and how many following lines it took.
fn title_of(
    heading: &Heading,
    lines: &[String],
    index: usize,
    names: &ProperNames,
) -> (Option<String>, usize) {
    let render = |text: &str| -> Option<String> {
        let text = text.trim().trim_end_matches([':', ';', ',', '.']).trim();
        let text = TRAILING_NUMBER.replace(text, "");
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let capitals = !text.chars().any(char::is_lowercase);
        Some(if capitals {
            sentence_case(text, names)
        } else {
            text.to_string()
        })
    };
    if let Some(title) = &heading.same_line_title {
        return (render(title), 0);
    }
    if matches!(heading.kind, Kind::Matter | Kind::Contents) {
        return (None, 0);
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut used = 0;
    let mut j = index + 1;
    // One blank line may stand between the label and its title.
    if lines.get(j).is_some_and(|l| l.trim().is_empty()) {
        j += 1;
    }
    let mut capitals_title = None;
    while let Some(line) = lines.get(j) {
        let line = line.trim();
        // `CHƯƠNG VI` / `NHỮNG BÀI HỌC KINH NGHIỆM`: unnumbered words can title a chapter.
        let other_heading =
            parse_heading(line).is_some_and(|h| h.kind != Kind::Matter || !parts.is_empty());
        if line.is_empty() || other_heading || LEADERS.is_match(line) || parts.len() >= 4 {
            break;
        }
        let so_far = parts.join(" ");
        let open_bracket = so_far.matches('(').count() > so_far.matches(')').count();
        // `(1954 –` / `1975)`: a period wrapped over two lines.
        let is_period = line.chars().any(|c| c.is_ascii_digit())
            && (line.starts_with('(') || open_bracket && line.contains(')'));
        // `I. NIÊN BIỂU …`: a numbered subheading, not the title.
        if ENUMERATED.is_match(line) {
            break;
        }
        let capitals =
            line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase);
        match capitals_title {
            None if capitals => capitals_title = Some(true),
            None if is_title_like(line) && heading.kind != Kind::Appendix => {
                capitals_title = Some(false)
            }
            None => break,
            Some(true) if capitals || is_period => {}
            Some(false) if is_period || parts.len() < 2 && is_title_like(line) => {}
            Some(_) => break,
        }
        parts.push(line);
        used = j - index;
        j += 1;
        if is_period {
            break;
        }
    }
    // A line in small letters followed by one that starts small is a paragraph, not a title.
    let continues = lines
        .get(index + used + 1)
        .and_then(|l| l.chars().next())
        .is_some_and(char::is_lowercase);
    if parts.is_empty() || capitals_title == Some(false) && continues {
        return (None, 0);
    }
    (render(&parts.join(" ")), used)
}

/// A line in small letters that can be a title: short, starts with a capital, does not end a
/// sentence or a clause.
fn is_title_like(line: &str) -> bool {
    line.chars().count() <= 100
        && line.chars().next().is_some_and(char::is_uppercase)
        && !line.ends_with(['.', ',', ';', ':'])
}

// ---------------------------------------------------------------------------------------------
// Table of contents.

/// Pages that are a table of contents, and the labels it lists (folded, lower case).
struct TableOfContents {
    pages: HashSet<usize>,
    labels: HashSet<String>,
}

impl TableOfContents {
    fn read(pages: &[Vec<String>]) -> TableOfContents {
        let mut toc = TableOfContents {
            pages: HashSet::new(),
            labels: HashSet::new(),
        };
        let mut previous = false;
        for (p, lines) in pages.iter().enumerate() {
            let contents_heading = lines
                .iter()
                .filter_map(|l| parse_heading(l))
                .any(|h| h.kind == Kind::Contents && h.same_line_title.is_none());
            let with_letters: Vec<&String> = lines
                .iter()
                .filter(|l| l.chars().any(char::is_alphabetic))
                .collect();
            let entries: Vec<&&String> = with_letters.iter().filter(|l| is_entry(l)).collect();
            let heading_entries = entries
                .iter()
                .filter(|l| parse_heading(&strip_page_number(l)).is_some())
                .count();
            let numbered = with_letters
                .iter()
                .filter(|l| TRAILING_NUMBER.is_match(l))
                .count();
            let mostly_numbered = with_letters.len() >= 4 && numbered * 2 >= with_letters.len();
            // Dot leaders alone may be a list in an appendix; a contents page names headings.
            let is_toc = contents_heading
                || heading_entries >= 2
                || entries.len() >= 3 && heading_entries >= 1
                || previous && (entries.len() >= 2 || mostly_numbered);
            if is_toc {
                toc.pages.insert(p);
                for line in entries {
                    if let Some(h) = parse_heading(&strip_page_number(line)) {
                        toc.labels.insert(fold_key(&h.label));
                    }
                }
            }
            previous = is_toc;
        }
        toc
    }
}

/// A line that lists a heading and its page: dot leaders and a number, or a heading whose
/// line ends with a page number that is not its own (`Chương I: … 15`, `KẾT LUẬN 245`, but
/// not `Phụ lục 2`).
fn is_entry(line: &str) -> bool {
    if LEADERS.is_match(line) {
        return true;
    }
    if !TRAILING_NUMBER.is_match(line) {
        return false;
    }
    match parse_heading(line) {
        Some(h) => h
            .same_line_title
            .is_some_and(|t| TRAILING_NUMBER.is_match(&format!(" {t}"))),
        None => parse_heading(&strip_page_number(line)).is_some(),
    }
}

/// A table-of-contents line without its leaders and page number.
fn strip_page_number(line: &str) -> String {
    static END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[\s.…_]*\d{1,4}$").expect("valid pattern"));
    END.replace(line, "").trim().to_string()
}

fn fold_key(label: &str) -> String {
    vietnamese::fold(label).to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// Order, nesting, repeats.

/// Drop repeats (running headers) and references that go back, and set levels.
fn arrange(found: Vec<(Heading, Option<String>, u32)>) -> Vec<Chapter> {
    let has_parts = found.iter().any(|(h, _, _)| h.kind == Kind::Part);
    let mut seen: HashSet<String> = HashSet::new();
    let mut part = String::new();
    // Whether `part` is a real part (chapters inside it stand one level down).
    let mut in_part = false;
    let mut chapter: Option<String> = None;
    // Last number of each kind within its parent.
    let mut last: HashMap<(Kind, String), u32> = HashMap::new();
    let mut out = Vec::new();
    for (heading, title, page) in found {
        let label_key = fold_key(&heading.label);
        let (level, parent) = match heading.kind {
            Kind::Part => (ChapterLevel::Part, String::new()),
            Kind::Chapter if has_parts && !in_part => (ChapterLevel::Part, part.clone()),
            Kind::Chapter => (ChapterLevel::Chapter, part.clone()),
            Kind::Section => match &chapter {
                Some(c) => (ChapterLevel::Section, c.clone()),
                // A section outside any chapter is a list item, not a heading.
                None => continue,
            },
            Kind::Appendix | Kind::Matter | Kind::Contents => (
                if has_parts {
                    ChapterLevel::Part
                } else {
                    ChapterLevel::Chapter
                },
                String::new(),
            ),
        };
        let key = format!("{parent}/{label_key}");
        if !seen.insert(key.clone()) {
            continue;
        }
        if let Some(n) = heading.number.filter(|n| *n > 0) {
            let slot = last.entry((heading.kind, parent.clone())).or_insert(0);
            if n <= *slot {
                continue;
            }
            *slot = n;
        }
        match heading.kind {
            Kind::Part => {
                part = key;
                in_part = true;
                chapter = None;
            }
            Kind::Chapter => chapter = Some(key),
            Kind::Section => {}
            _ => {
                part = key;
                in_part = false;
                chapter = None;
            }
        }
        out.push(Chapter {
            level,
            label: heading.label,
            title,
            start_page: page,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Sentence case with the book's own proper names.

/// Words the book writes with a capital in the middle of its sentences more often than not:
/// the names of its places and people. Counted alone and beside their neighbours, so that
/// `Chi bộ` (the Party cell, capitalised in some books) does not make `chi viện` a name.
#[derive(Default)]
struct ProperNames {
    /// Word → (capitalised, small) mid-sentence.
    words: HashMap<String, (u32, u32)>,
    /// (previous word, word) → how the word was written.
    after: HashMap<(String, String), (u32, u32)>,
    /// (word, next word) → how the word was written.
    before: HashMap<(String, String), (u32, u32)>,
}

fn count(entry: &mut (u32, u32), capital: bool) {
    if capital {
        entry.0 += 1;
    } else {
        entry.1 += 1;
    }
}

impl ProperNames {
    fn learn(pages: &[Vec<String>]) -> ProperNames {
        let mut names = ProperNames::default();
        for line in pages.iter().flatten() {
            if !line.chars().any(char::is_lowercase) {
                continue;
            }
            let tokens: Vec<&str> = line.split_whitespace().collect();
            let mut sentence_start = true;
            for (i, token) in tokens.iter().enumerate() {
                let word = letters_of(token).to_lowercase();
                let starts_word = token.chars().next().is_some_and(char::is_alphabetic);
                let capital = token.chars().next().is_some_and(char::is_uppercase);
                // A capital opening a line or a sentence says nothing; small letters always do.
                let telling = !capital || i > 0 && !sentence_start;
                if telling && starts_word && !word.is_empty() {
                    count(names.words.entry(word.clone()).or_default(), capital);
                    // Only across a plain space: a comma or bracket ends the name.
                    if let Some(previous) = i
                        .checked_sub(1)
                        .map(|p| tokens[p])
                        .filter(|p| p.chars().last().is_some_and(char::is_alphabetic))
                    {
                        let previous = letters_of(previous).to_lowercase();
                        count(
                            names.after.entry((previous, word.clone())).or_default(),
                            capital,
                        );
                    }
                    if let Some(next) = tokens
                        .get(i + 1)
                        .filter(|_| token.chars().last().is_some_and(char::is_alphabetic))
                    {
                        let next = letters_of(next).to_lowercase();
                        count(names.before.entry((word, next)).or_default(), capital);
                    }
                }
                sentence_start = token.ends_with(['.', '!', '?', ':', ';', '"', '“', '(']);
            }
        }
        names
    }

    /// Whether `word` (small letters) is a name between `previous` and `next`: the book's
    /// usage beside the same neighbours first, then its usage anywhere; `None` without
    /// evidence.
    fn is_proper(&self, previous: Option<&str>, word: &str, next: Option<&str>) -> Option<bool> {
        let mut beside = (0, 0);
        let pairs = [
            previous.and_then(|p| self.after.get(&(p.to_string(), word.to_string()))),
            next.and_then(|n| self.before.get(&(word.to_string(), n.to_string()))),
        ];
        for (capital, small) in pairs.into_iter().flatten() {
            beside.0 += capital;
            beside.1 += small;
        }
        if beside.0 + beside.1 > 0 {
            return Some(beside.0 > beside.1);
        }
        self.words
            .get(word)
            .map(|(capital, small)| *capital >= 2 && capital > small)
    }
}

fn letters_of(token: &str) -> String {
    token.chars().filter(|c| c.is_alphabetic()).collect()
}

/// Place words after which a title in capitals names a place.
const PLACE_WORDS: [&str; 8] = [
    "xã",
    "huyện",
    "tỉnh",
    "phường",
    "quận",
    "thị",
    "phố",
    "trấn",
];

/// `ĐẢNG BỘ HUYỆN BẮC QUANG RA ĐỜI (1930 - 1945)` → `Đảng bộ huyện Bắc Quang ra đời (1930 -
/// 1945)`: small letters but for the first word, `Đảng`, Roman numerals, acronyms and the
/// words the book itself capitalises; without that evidence, up to three words ending the title
/// after a place word (`… HUYỆN BẮC QUANG`).
fn sentence_case(capitals: &str, names: &ProperNames) -> String {
    let words: Vec<&str> = capitals.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| letters_of(w).to_lowercase()).collect();
    // A word's neighbours, when only a space separates them.
    let previous = |i: usize| {
        (i > 0 && words[i - 1].chars().last().is_some_and(char::is_alphabetic))
            .then(|| lower[i - 1].as_str())
    };
    let next = |i: usize| {
        (words[i].chars().last().is_some_and(char::is_alphabetic))
            .then(|| lower.get(i + 1).map(String::as_str))
            .flatten()
    };
    let evidence = |i: usize| names.is_proper(previous(i), &lower[i], next(i));
    // Where a trailing place name may start: after the last place word, if what follows is
    // at most three words the book says nothing about.
    let tail_name_from = lower
        .iter()
        .rposition(|w| PLACE_WORDS.contains(&w.as_str()))
        .map(|i| i + 1)
        .filter(|start| {
            let tail: Vec<usize> = (*start..words.len())
                .take_while(|i| !words[*i].starts_with('('))
                .collect();
            !tail.is_empty() && tail.len() <= 3 && tail.iter().all(|i| evidence(*i).is_none())
        });
    let mut out = Vec::with_capacity(words.len());
    let mut first = true;
    for (i, word) in words.iter().enumerate() {
        let letters = letters_of(word);
        if letters.is_empty() {
            out.push(word.to_string());
            continue;
        }
        let roman = parse_roman(&letters).is_some() && letters.is_ascii();
        if roman || !vietnamese::is_syllable(&lower[i]) {
            // An acronym opens the sentence; a Roman numeral before the words does not.
            first &= roman;
            out.push(word.to_string());
            continue;
        }
        // The Party, but not its members or dues.
        let party = lower[i] == "đảng"
            && !lower
                .get(i + 1)
                .is_some_and(|n| matches!(n.as_str(), "viên" | "phí" | "tịch"));
        let capital = first
            || party
            || evidence(i) == Some(true)
            || tail_name_from.is_some_and(|from| i >= from && !word.starts_with('('));
        first = false;
        let lowered = word.to_lowercase();
        out.push(if capital {
            capitalize(&lowered)
        } else {
            lowered
        });
    }
    out.join(" ")
}

fn capitalize(word: &str) -> String {
    // Past any opening bracket or quote.
    let mut out = String::with_capacity(word.len());
    let mut done = false;
    for c in word.chars() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            done = true;
        } else {
            out.push(c);
        }
    }
    out
}

#[doc(hidden)]
pub mod history;
#[cfg(test)]
mod tests;
