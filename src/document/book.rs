//! A book (a local Party history): what its title page says (title with the period it covers,
//! the body that compiled it, publisher, place and year, the commune, district and province it
//! is about), what a sidecar `FILE.meta.json` corrects or adds (volume, edition, ISBN…), and
//! the page numbers printed on its pages.

use serde::{Deserialize, Serialize};

use super::{extract_metadata, DocType, Metadata};
use crate::vietnamese::normalize;

/// Words that open the title of a local history.
const TITLE_OPENINGS: [&str; 7] = [
    "LỊCH SỬ",
    "TRUYỀN THỐNG",
    "KỶ YẾU",
    "BIÊN NIÊN",
    "ĐỊA CHÍ",
    "LỊCH SỬ ĐẢNG BỘ",
    "NHỮNG CHẶNG ĐƯỜNG",
];
/// Place words after which names keep their capitals.
const PLACE_WORDS: [&str; 6] = ["xã", "huyện", "tỉnh", "phường", "thị", "phố"];

/// `LỊCH SỬ ĐẢNG BỘ XÃ ĐỒNG TIẾN` → `Lịch sử Đảng bộ xã Đồng Tiến`.
pub fn sentence_case(upper: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut capitalize_next = 0usize;
    for (i, word) in upper.split_whitespace().enumerate() {
        let lower = word.to_lowercase();
        let capital = i == 0 || capitalize_next > 0 || lower == "đảng";
        capitalize_next = capitalize_next.saturating_sub(1);
        if PLACE_WORDS.contains(&lower.as_str()) {
            // A place name runs to the end of the line in a title ("xã Đồng Tiến").
            capitalize_next = usize::MAX;
        }
        out.push(
            if capital && !PLACE_WORDS.contains(&lower.as_str()) || i == 0 {
                capitalize(&lower)
            } else {
                lower
            },
        );
    }
    out.join(" ")
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What a book has beyond a document's metadata. Its title stays in [`Metadata::title`] and the
/// body that compiled it in [`Metadata::issuer_name`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BookInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    pub province: Option<String>,
    pub district: Option<String>,
    pub commune: Option<String>,
    /// As printed: `1945 – 2020`.
    pub period: Option<String>,
    pub period_start: Option<i32>,
    pub period_end: Option<i32>,
    pub publisher: Option<String>,
    pub publication_place: Option<String>,
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isbn: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
}

/// Metadata of a book from its title page (and, for its place, its first pages).
pub fn extract_book_metadata(text: &str) -> Metadata {
    let mut pages = text.split('\u{c}');
    let first_page = pages.next().unwrap_or(text);
    let lines: Vec<&str> = first_page
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(20)
        .collect();
    let mut metadata = Metadata {
        doc_type: Some(DocType::SachLichSu),
        // A book may carry a classification mark like any document.
        classification: extract_metadata(first_page).classification,
        ..Metadata::default()
    };
    let mut book = BookInfo::default();
    let title_line = lines
        .iter()
        .position(|l| TITLE_OPENINGS.iter().any(|o| l.starts_with(o)));
    if let Some(i) = title_line {
        let mut title = sentence_case(lines[i]);
        if let Some(period) = lines
            .get(i + 1)
            .filter(|l| l.starts_with('(') && l.chars().any(|c| c.is_ascii_digit()))
        {
            title.push(' ');
            title.push_str(period);
            set_period(&mut book, period.trim_matches(['(', ')']));
        }
        metadata.title = Some(title);
        place_of_title(lines[i], &mut book);
    }
    metadata.issuer_name = lines
        .iter()
        .find(|l| {
            l.starts_with("BAN CHẤP HÀNH")
                || l.starts_with("ĐẢNG BỘ")
                || l.starts_with("BAN THƯỜNG VỤ")
        })
        .map(|l| {
            sentence_case(l)
                .replace("chấp hành", "Chấp hành")
                .replace("thường vụ", "Thường vụ")
        });
    for (i, line) in lines.iter().enumerate() {
        if let Some(name) = line.strip_prefix("NHÀ XUẤT BẢN") {
            book.publisher = Some(publisher_name(name.trim()));
            if let Some((place, year)) = lines.get(i + 1).and_then(|l| place_and_year(l)) {
                book.publication_place = Some(place);
                book.year = Some(year);
            }
        }
    }
    if book.year.is_none() {
        // No publisher: the last line is often `HÀ GIANG – 2021` alone.
        if let Some((place, year)) = lines.last().and_then(|l| place_and_year(l)) {
            book.publication_place = Some(place);
            book.year = Some(year);
        }
    }
    // A commune's history names its district and province in its first pages.
    let opening: String = std::iter::once(first_page)
        .chain(pages.take(6))
        .collect::<Vec<_>>()
        .join("\n");
    if book.district.is_none() && book.commune.is_some() {
        book.district = most_named(&opening, &["huyện", "thị xã", "thành phố"]);
    }
    if book.province.is_none() && (book.commune.is_some() || book.district.is_some()) {
        book.province = most_named(&opening, &["tỉnh"]);
    }
    metadata.book = Some(book);
    metadata
}

/// `1945 – 2020` (any dash), `1930-2015`: the period and its years.
fn set_period(book: &mut BookInfo, period: &str) {
    let years: Vec<i32> = period
        .split(|c: char| !c.is_ascii_digit())
        .filter(|y| y.len() == 4)
        .filter_map(|y| y.parse().ok())
        .collect();
    book.period = Some(period.trim().to_string());
    book.period_start = years.first().copied();
    book.period_end = years.get(1).copied().or(book.period_start);
}

/// Levels of the places a history is about, as they open a title: `XÃ ĐỒNG TIẾN`.
const PLACE_LEVELS: [(&str, Level); 8] = [
    ("THỊ TRẤN", Level::Commune),
    ("PHƯỜNG", Level::Commune),
    ("XÃ", Level::Commune),
    ("THỊ XÃ", Level::District),
    ("THÀNH PHỐ", Level::District),
    ("QUẬN", Level::District),
    ("HUYỆN", Level::District),
    ("TỈNH", Level::Province),
];

#[derive(Clone, Copy)]
enum Level {
    Commune,
    District,
    Province,
}

/// The place a title names: `LỊCH SỬ ĐẢNG BỘ HUYỆN VỊ XUYÊN` → district `Vị Xuyên`.
fn place_of_title(title: &str, book: &mut BookInfo) {
    let words: Vec<&str> = title.split_whitespace().collect();
    for start in 0..words.len() {
        for (word, level) in PLACE_LEVELS {
            let n = word.split(' ').count();
            if start + n < words.len() && words[start..start + n].join(" ") == word {
                let name: Vec<String> = words[start + n..]
                    .iter()
                    .take_while(|w| !w.starts_with('('))
                    .map(|w| capitalize(&w.to_lowercase()))
                    .collect();
                let name = Some(name.join(" ")).filter(|n| !n.is_empty());
                match level {
                    Level::Commune => book.commune = name,
                    Level::District => book.district = name,
                    Level::Province => book.province = name,
                }
                return;
            }
        }
    }
}

/// The place most often named after one of `levels` in running text (`huyện Bắc Quang`).
fn most_named(text: &str, levels: &[&str]) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for i in 0..words.len() {
        for level in levels {
            let n = level.split(' ').count();
            if i + n >= words.len() || words[i..i + n].join(" ") != *level {
                continue;
            }
            let mut name = Vec::new();
            for w in &words[i + n..] {
                let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
                let capital = bare.chars().next().is_some_and(char::is_uppercase);
                let all_caps = bare.chars().all(|c| !c.is_lowercase());
                if !capital || all_caps || name.len() == 4 {
                    break;
                }
                name.push(bare);
                if bare.len() != w.len() {
                    break;
                }
            }
            if !name.is_empty() {
                let name = name.join(" ");
                match counts.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, c)) => *c += 1,
                    None => counts.push((name, 1)),
                }
            }
        }
    }
    // The first named wins a tie: a book names its own place before its neighbours.
    let best = counts.iter().map(|(_, c)| *c).max()?;
    counts.into_iter().find(|(_, c)| *c == best).map(|(n, _)| n)
}

/// Publishers whose names keep capitals beyond the first word.
const PUBLISHERS: [(&str, &str); 4] = [
    ("CHÍNH TRỊ QUỐC GIA SỰ THẬT", "Chính trị quốc gia Sự thật"),
    ("CHÍNH TRỊ QUỐC GIA", "Chính trị quốc gia"),
    ("ĐẠI HỌC QUỐC GIA HÀ NỘI", "Đại học Quốc gia Hà Nội"),
    ("QUÂN ĐỘI NHÂN DÂN", "Quân đội nhân dân"),
];

/// `VĂN HÓA DÂN TỘC` → `Nhà xuất bản Văn hóa dân tộc`.
fn publisher_name(upper: &str) -> String {
    let name = PUBLISHERS
        .iter()
        .find(|(u, _)| *u == upper)
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| capitalize(&upper.to_lowercase()));
    format!("Nhà xuất bản {name}")
}

/// `HÀ GIANG – 2021` → (`Hà Giang`, 2021).
fn place_and_year(line: &str) -> Option<(String, i32)> {
    let (place, year) = line.rsplit_once(['–', '-', '—', ','])?;
    let year: i32 = year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..2200).contains(y))?;
    let place: Vec<String> = place
        .split_whitespace()
        .map(|w| capitalize(&w.to_lowercase()))
        .collect();
    (!place.is_empty()).then(|| (place.join(" "), year))
}

/// A sidecar `FILE.meta.json`: what an admin knows of a book better than its title page.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BookSidecar {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub province: Option<String>,
    pub district: Option<String>,
    pub commune: Option<String>,
    pub period: Option<String>,
    pub publisher: Option<String>,
    pub publication_place: Option<String>,
    pub year: Option<i32>,
    pub volume: Option<String>,
    pub edition: Option<String>,
    pub isbn: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
}

/// Why a sidecar was refused.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    #[error("tệp mô tả sách không đúng JSON ({0}); sửa tệp .meta.json rồi nạp lại")]
    Json(String),
    #[error("ISBN {0} sai (cần 10 hoặc 13 chữ số với chữ số kiểm tra đúng); sửa hoặc bỏ trường \"isbn\" trong tệp .meta.json")]
    Isbn(String),
    #[error("năm {0} không hợp lệ trong tệp .meta.json")]
    Year(i32),
    #[error("chỉ hỗ trợ sách tiếng Việt (\"language\": \"vi\"), không phải \"{0}\"")]
    Language(String),
}

impl BookSidecar {
    /// Parse and check a sidecar; every string is normalized (NFC, one tone placement).
    pub fn parse(json: &str) -> Result<BookSidecar, SidecarError> {
        let mut s: BookSidecar =
            serde_json::from_str(json).map_err(|e| SidecarError::Json(e.to_string()))?;
        for field in [
            &mut s.title,
            &mut s.subtitle,
            &mut s.province,
            &mut s.district,
            &mut s.commune,
            &mut s.period,
            &mut s.publisher,
            &mut s.publication_place,
            &mut s.volume,
            &mut s.edition,
            &mut s.isbn,
            &mut s.language,
        ] {
            *field = field
                .take()
                .map(|v| normalize(v.trim()))
                .filter(|v| !v.is_empty());
        }
        s.authors = s
            .authors
            .iter()
            .map(|a| normalize(a.trim()))
            .filter(|a| !a.is_empty())
            .collect();
        if let Some(isbn) = &s.isbn {
            s.isbn = Some(checked_isbn(isbn).ok_or_else(|| SidecarError::Isbn(isbn.clone()))?);
        }
        if let Some(year) = s.year.filter(|y| !(1900..2200).contains(y)) {
            return Err(SidecarError::Year(year));
        }
        if let Some(lang) = s.language.as_deref().filter(|l| *l != "vi") {
            return Err(SidecarError::Language(lang.to_string()));
        }
        Ok(s)
    }

    /// The sidecar's fields over what the title page gave.
    pub fn apply(&self, metadata: &mut Metadata) {
        let book = metadata.book.get_or_insert_with(BookInfo::default);
        let set = |to: &mut Option<String>, from: &Option<String>| {
            if from.is_some() {
                to.clone_from(from);
            }
        };
        set(&mut book.subtitle, &self.subtitle);
        set(&mut book.province, &self.province);
        set(&mut book.district, &self.district);
        set(&mut book.commune, &self.commune);
        set(&mut book.publisher, &self.publisher);
        set(&mut book.publication_place, &self.publication_place);
        set(&mut book.volume, &self.volume);
        set(&mut book.edition, &self.edition);
        set(&mut book.isbn, &self.isbn);
        if let Some(period) = &self.period {
            set_period(book, period);
        }
        if self.year.is_some() {
            book.year = self.year;
        }
        if !self.authors.is_empty() {
            book.authors.clone_from(&self.authors);
        }
        if self.title.is_some() {
            metadata.title.clone_from(&self.title);
        }
        metadata.doc_type = Some(DocType::SachLichSu);
    }
}

/// An ISBN-10 or ISBN-13 whose check digit is right, as its digits (`9786047012345`).
fn checked_isbn(isbn: &str) -> Option<String> {
    let digits: String = isbn
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let value = |c: char| c.to_digit(10);
    let ok = match digits.len() {
        13 => {
            let sum: Option<u32> = digits
                .chars()
                .enumerate()
                .map(|(i, c)| value(c).map(|d| if i % 2 == 0 { d } else { 3 * d }))
                .sum();
            sum.is_some_and(|s| s % 10 == 0)
        }
        10 => {
            let sum: Option<u32> = digits
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    let d = if i == 9 && c == 'X' {
                        Some(10)
                    } else {
                        value(c)
                    };
                    d.map(|d| (10 - i as u32) * d)
                })
                .sum();
            sum.is_some_and(|s| s % 11 == 0)
        }
        _ => false,
    };
    ok.then_some(digits)
}

/// The page number printed on each page (`"12"`, `"iv"`), from its first or last line, made
/// consistent: the arabic numbers most pages agree on fix an offset, pages in that run without a
/// printed number (a chapter's opening page) get theirs from it, and numbers that disagree (a
/// figure in a table, an OCR misreading) are corrected. Front matter keeps its roman numbers;
/// a page with neither (the title page) has none.
pub fn printed_page_labels(pages: &[String]) -> Vec<Option<String>> {
    let found: Vec<Option<PageNumber>> = pages.iter().map(|p| printed_number(p)).collect();
    let mut offsets: Vec<(i64, usize)> = Vec::new();
    for (i, n) in found.iter().enumerate() {
        if let Some(PageNumber::Arabic(n)) = n {
            let offset = i as i64 + 1 - *n as i64;
            match offsets.iter_mut().find(|(o, _)| *o == offset) {
                Some((_, c)) => *c += 1,
                None => offsets.push((offset, 1)),
            }
        }
    }
    let best = offsets.iter().max_by_key(|(o, c)| (*c, -o.abs())).copied();
    // Two agreeing pages, and a quarter of the numbered ones, make a run of printed numbers.
    let numbered = found.iter().flatten().count();
    let offset = best
        .filter(|(_, c)| *c >= 2 && *c * 4 >= numbered)
        .map(|(o, _)| o);
    let first_in_run = offset.and_then(|o| {
        let mut first = found.iter().enumerate().position(
            |(i, n)| matches!(n, Some(PageNumber::Arabic(n)) if i as i64 + 1 - *n as i64 == o),
        )?;
        // Unnumbered pages just before (a chapter's opening page) belong to the run.
        while first > 0 && found[first - 1].is_none() && first as i64 - o >= 1 {
            first -= 1;
        }
        Some(first)
    });
    found
        .into_iter()
        .enumerate()
        .map(|(i, n)| match (offset, first_in_run) {
            (Some(o), Some(first)) if i >= first && i as i64 + 1 - o >= 1 => {
                Some((i as i64 + 1 - o).to_string())
            }
            _ => match n {
                Some(PageNumber::Roman(r)) => Some(r),
                _ => None,
            },
        })
        .collect()
}

enum PageNumber {
    Arabic(u32),
    Roman(String),
}

/// A bare number alone on the first or last line of a page: `12`, `- 12 -`, `Trang 12`, `iv`.
fn printed_number(page: &str) -> Option<PageNumber> {
    let mut lines = page.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next();
    let last = lines.next_back();
    [last, first].into_iter().flatten().find_map(|line| {
        let bare = line
            .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace())
            .trim_start_matches("Trang ")
            .trim();
        if !bare.is_empty() && bare.len() <= 4 && bare.chars().all(|c| c.is_ascii_digit()) {
            return bare.parse().ok().filter(|n| *n > 0).map(PageNumber::Arabic);
        }
        let roman = !bare.is_empty()
            && bare.len() <= 6
            && bare.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
        roman.then(|| PageNumber::Roman(bare.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_page_of_a_local_history() {
        let text = "BAN CHẤP HÀNH ĐẢNG BỘ XÃ ĐỒNG TIẾN\n\nLỊCH SỬ ĐẢNG BỘ XÃ ĐỒNG TIẾN\n(1945 – 2020)\n\nNHÀ XUẤT BẢN VĂN HÓA DÂN TỘC\nHÀ GIANG – 2021\n\u{c}\nLỜI GIỚI THIỆU";
        let m = extract_book_metadata(text);
        assert_eq!(
            m.title.as_deref(),
            Some("Lịch sử Đảng bộ xã Đồng Tiến (1945 – 2020)")
        );
        assert_eq!(
            m.issuer_name.as_deref(),
            Some("Ban Chấp hành Đảng bộ xã Đồng Tiến")
        );
        assert_eq!(m.doc_type, Some(DocType::SachLichSu));
        let book = m.book.unwrap();
        assert_eq!(book.commune.as_deref(), Some("Đồng Tiến"));
        assert_eq!(book.period.as_deref(), Some("1945 – 2020"));
        assert_eq!(
            (book.period_start, book.period_end),
            (Some(1945), Some(2020))
        );
        assert_eq!(
            book.publisher.as_deref(),
            Some("Nhà xuất bản Văn hóa dân tộc")
        );
        assert_eq!(book.publication_place.as_deref(), Some("Hà Giang"));
        assert_eq!(book.year, Some(2021));
    }

    #[test]
    fn a_commune_history_names_its_district_and_province() {
        let text = "LỊCH SỬ ĐẢNG BỘ XÃ ĐỒNG TIẾN\n(1945 – 2020)\n\u{c}LỜI GIỚI THIỆU\nXã Đồng Tiến nằm bên sông Lô, là vùng đất của huyện Bắc Quang, tỉnh Hà Giang. Giáp huyện Hàm Yên, tỉnh Tuyên Quang; huyện Bắc Quang có 23 xã.";
        let book = extract_book_metadata(text).book.unwrap();
        assert_eq!(book.district.as_deref(), Some("Bắc Quang"));
        assert_eq!(book.province.as_deref(), Some("Hà Giang"));
        let district = extract_book_metadata(
            "LỊCH SỬ ĐẢNG BỘ HUYỆN VỊ XUYÊN\n(1930 – 2015)\n\u{c}của tỉnh Hà Giang",
        );
        let book = district.book.unwrap();
        assert_eq!(
            (
                book.commune,
                book.district.as_deref(),
                book.province.as_deref()
            ),
            (None, Some("Vị Xuyên"), Some("Hà Giang"))
        );
        assert_eq!(
            district.title.as_deref(),
            Some("Lịch sử Đảng bộ huyện Vị Xuyên (1930 – 2015)")
        );
    }

    #[test]
    fn a_sidecar_corrects_and_adds() {
        let json = r#"{"title": "Lịch sử Đảng bộ xã Đồng Tiến", "province": "Hà Giang",
            "district": "Bắc Quang", "period": "1945-2020", "year": 2021, "volume": "Tập I",
            "isbn": "978-604-70-1234-3", "authors": ["Ma Văn Đông "]}"#
            .replace("Đồng", "Đo\u{302}\u{300}ng");
        let sidecar = BookSidecar::parse(&json).unwrap();
        assert_eq!(
            sidecar.title.as_deref(),
            Some("Lịch sử Đảng bộ xã Đồng Tiến")
        );
        assert_eq!(sidecar.isbn.as_deref(), Some("9786047012343"));
        assert_eq!(sidecar.authors, vec!["Ma Văn Đông"]);
        let mut m = extract_book_metadata("LỊCH SỬ XÃ ĐỒNG TIẾN");
        sidecar.apply(&mut m);
        let book = m.book.unwrap();
        assert_eq!(book.period_end, Some(2020));
        assert_eq!(book.volume.as_deref(), Some("Tập I"));
        assert_eq!(book.commune.as_deref(), Some("Đồng Tiến"));

        let typo = BookSidecar::parse(r#"{"provice": "Hà Giang"}"#).unwrap_err();
        assert!(typo.to_string().contains("provice"), "{typo}");
        assert!(matches!(
            BookSidecar::parse(r#"{"isbn": "978-604-70-1234-6"}"#),
            Err(SidecarError::Isbn(_))
        ));
        assert!(BookSidecar::parse(r#"{"isbn": "0-306-40615-2"}"#).is_ok());
        assert!(BookSidecar::parse(r#"{"year": 21}"#).is_err());
        assert!(BookSidecar::parse("[1, 2").is_err());
    }

    #[test]
    fn printed_page_numbers() {
        let page = |body: &str, number: &str| format!("{body}\nmột dòng chữ\n{number}");
        let pages = vec![
            "LỊCH SỬ ĐẢNG BỘ\n(1945 – 2020)".to_string(),
            page("Ban biên soạn", "ii"),
            page("LỜI GIỚI THIỆU", "iii"),
            page("CHƯƠNG I\nNhững ngày đầu", ""),
            page("Năm 1945", "2"),
            page("Bảng 3 cuối trang", "1975"),
            page("tiếp", "- 4 -"),
            page("tiếp", "5"),
        ];
        let labels = printed_page_labels(&pages);
        assert_eq!(
            labels,
            vec![
                None,
                Some("ii".into()),
                Some("iii".into()),
                Some("1".into()),
                Some("2".into()),
                Some("3".into()),
                Some("4".into()),
                Some("5".into()),
            ]
        );
        // No printed numbers at all: nothing is invented.
        let plain = vec!["một".to_string(), "hai".to_string()];
        assert_eq!(printed_page_labels(&plain), vec![None, None]);
    }

    #[test]
    fn sentence_case_keeps_place_names() {
        assert_eq!(
            sentence_case("TRUYỀN THỐNG CÁCH MẠNG HUYỆN BẮC QUANG"),
            "Truyền thống cách mạng huyện Bắc Quang"
        );
    }
}
