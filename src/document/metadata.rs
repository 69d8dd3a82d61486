//! A document's metadata read from its own text: number (and a copy's own number), type,
//! issuing body, place and date, title (trích yếu), confidentiality and urgency marks, term
//! (khóa) and signer; and the document numbers its body cites.
//!
//! The header is read from the first lines only, cell by cell: extracted PDF text puts the left
//! column (issuer, `*`, `Số …`, marks) and the right column (`ĐẢNG CỘNG SẢN VIỆT NAM`, place and
//! date) on the same lines or in any order, so mottos, numbers and dates are cut out of the lines
//! first and what remains is split on wide gaps.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::{Deserialize, Serialize};

use super::book::BookInfo;
use super::dates::{date_from, date_in_words_pattern, DATE_DIGITS};
use super::marks::{marks_of_cell, read_marks};
use super::number::{find_numbered_symbols, find_symbols, DocumentNumber, MappedText, NumberForm};
use super::term::{central_committee_term, parse_roman};

/// The most a header can take: forty lines of a two-column header with a long subject are a
/// few kilobytes; a file with no line breaks would otherwise be all header, read quadratically.
const HEADER_BYTES: usize = 16 << 10;
/// Lines (non-empty) read as the header: number, marks, date, title.
const HEADER_LINES: usize = 40;
/// Lines (non-empty) where confidentiality and urgency marks count.
const MARK_LINES: usize = 25;
/// Lines at the end read for the signature block.
const TAIL_LINES: usize = 40;

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Classification {
    #[default]
    Public,
    /// LƯU HÀNH NỘI BỘ
    Internal,
    Mat,
    ToiMat,
    TuyetMat,
}

impl Classification {
    pub const ALL: [Classification; 5] = [
        Classification::Public,
        Classification::Internal,
        Classification::Mat,
        Classification::ToiMat,
        Classification::TuyetMat,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Classification::Public => "",
            Classification::Internal => "Lưu hành nội bộ",
            Classification::Mat => "Mật",
            Classification::ToiMat => "Tối mật",
            Classification::TuyetMat => "Tuyệt mật",
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Classification::Public => "public",
            Classification::Internal => "internal",
            Classification::Mat => "mat",
            Classification::ToiMat => "toi-mat",
            Classification::TuyetMat => "tuyet-mat",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }

    /// 0 (public) ..= 4 (tuyệt mật).
    pub fn level(&self) -> u8 {
        *self as u8
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Urgency {
    Khan,
    ThuongKhan,
    HoaToc,
}

impl Urgency {
    const ALL: [Urgency; 3] = [Urgency::Khan, Urgency::ThuongKhan, Urgency::HoaToc];

    pub fn label(&self) -> &'static str {
        match self {
            Urgency::Khan => "Khẩn",
            Urgency::ThuongKhan => "Thượng khẩn",
            Urgency::HoaToc => "Hỏa tốc",
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Urgency::Khan => "khan",
            Urgency::ThuongKhan => "thuong-khan",
            Urgency::HoaToc => "hoa-toc",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.code() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocType {
    NghiQuyet,
    QuyetDinh,
    QuyDinh,
    ChiThi,
    KetLuan,
    QuyChe,
    ThongTri,
    ThongTu,
    HuongDan,
    ThongBao,
    BaoCao,
    KeHoach,
    ChuongTrinh,
    DeAn,
    PhuongAn,
    ToTrinh,
    CongVan,
    BienBan,
    NghiDinh,
    Luat,
    PhapLenh,
    /// A book: a local Party history, a "Truyền thống …", a "Kỷ yếu …".
    SachLichSu,
}

impl DocType {
    pub const ALL: [DocType; 22] = [
        DocType::NghiQuyet,
        DocType::QuyetDinh,
        DocType::QuyDinh,
        DocType::ChiThi,
        DocType::KetLuan,
        DocType::QuyChe,
        DocType::ThongTri,
        DocType::ThongTu,
        DocType::HuongDan,
        DocType::ThongBao,
        DocType::BaoCao,
        DocType::KeHoach,
        DocType::ChuongTrinh,
        DocType::DeAn,
        DocType::PhuongAn,
        DocType::ToTrinh,
        DocType::CongVan,
        DocType::BienBan,
        DocType::NghiDinh,
        DocType::Luat,
        DocType::PhapLenh,
        DocType::SachLichSu,
    ];

    /// The symbol code; `QyĐ` for Quy định (the Party writes QĐ for both, see `from_code`);
    /// laws carry no code in their number, so `Luật`; books `Sách`.
    pub fn code(&self) -> &'static str {
        match self {
            DocType::NghiQuyet => "NQ",
            DocType::QuyetDinh => "QĐ",
            DocType::QuyDinh => "QyĐ",
            DocType::ChiThi => "CT",
            DocType::KetLuan => "KL",
            DocType::QuyChe => "QC",
            DocType::ThongTri | DocType::ThongTu => "TT",
            DocType::HuongDan => "HD",
            DocType::ThongBao => "TB",
            DocType::BaoCao => "BC",
            DocType::KeHoach => "KH",
            DocType::ChuongTrinh => "CTr",
            DocType::DeAn => "ĐA",
            DocType::PhuongAn => "PA",
            DocType::ToTrinh => "TTr",
            DocType::CongVan => "CV",
            DocType::BienBan => "BB",
            DocType::NghiDinh => "NĐ",
            DocType::Luat => "Luật",
            DocType::PhapLenh => "PL",
            DocType::SachLichSu => "Sách",
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            DocType::NghiQuyet => "Nghị quyết",
            DocType::QuyetDinh => "Quyết định",
            DocType::QuyDinh => "Quy định",
            DocType::ChiThi => "Chỉ thị",
            DocType::KetLuan => "Kết luận",
            DocType::QuyChe => "Quy chế",
            DocType::ThongTri => "Thông tri",
            DocType::ThongTu => "Thông tư",
            DocType::HuongDan => "Hướng dẫn",
            DocType::ThongBao => "Thông báo",
            DocType::BaoCao => "Báo cáo",
            DocType::KeHoach => "Kế hoạch",
            DocType::ChuongTrinh => "Chương trình",
            DocType::DeAn => "Đề án",
            DocType::PhuongAn => "Phương án",
            DocType::ToTrinh => "Tờ trình",
            DocType::CongVan => "Công văn",
            DocType::BienBan => "Biên bản",
            DocType::NghiDinh => "Nghị định",
            DocType::Luat => "Luật",
            DocType::PhapLenh => "Pháp lệnh",
            DocType::SachLichSu => "Sách lịch sử",
        }
    }

    /// The type a number's code stands for. `QĐ` is Quyết định (a Party Quy định is told apart
    /// by its heading); `TT` is Thông tri in a Party number and Thông tư in a State one; a State
    /// `DA` is a Dự án, which has no type here. Accepts `D` for `Đ` and any case.
    pub fn from_code(code: &str, form: NumberForm) -> Option<Self> {
        let upper = code.trim().to_uppercase();
        let doc_type = match upper.as_str() {
            "NQ" => DocType::NghiQuyet,
            "QĐ" | "QD" => DocType::QuyetDinh,
            "QYĐ" | "QYD" => DocType::QuyDinh,
            "CT" => DocType::ChiThi,
            "KL" => DocType::KetLuan,
            "QC" => DocType::QuyChe,
            "TT" if form == NumberForm::Party => DocType::ThongTri,
            "TT" => DocType::ThongTu,
            "HD" => DocType::HuongDan,
            "TB" => DocType::ThongBao,
            "BC" => DocType::BaoCao,
            "KH" => DocType::KeHoach,
            "CTR" => DocType::ChuongTrinh,
            "ĐA" => DocType::DeAn,
            "DA" if form == NumberForm::Party => DocType::DeAn,
            "PA" => DocType::PhuongAn,
            "TTR" => DocType::ToTrinh,
            "CV" => DocType::CongVan,
            "BB" => DocType::BienBan,
            "NĐ" | "ND" => DocType::NghiDinh,
            "PL" => DocType::PhapLenh,
            "LUẬT" | "LUAT" => DocType::Luat,
            "SÁCH" | "SACH" => DocType::SachLichSu,
            _ => return None,
        };
        Some(doc_type)
    }

    pub fn all() -> &'static [DocType] {
        &Self::ALL
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signer {
    /// `T/M BỘ CHÍNH TRỊ`, `K/T BÍ THƯ`, `TM. ỦY BAN NHÂN DÂN`, as printed.
    pub authority: Option<String>,
    /// `Thường trực Ban Bí thư`, `Phó Chủ tịch`.
    pub position: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// The document's own number.
    pub number: Option<DocumentNumber>,
    /// A photocopy's own number (`Số 24-BS/UBKTTU` on a BẢN SAO), never the original's.
    pub copy_number: Option<DocumentNumber>,
    /// From the title heading (`CHỈ THỊ`) first, else from the number's type code.
    pub doc_type: Option<DocType>,
    /// The issuing body in sentence case: `Ban Tuyên giáo Tỉnh ủy Hà Giang`.
    pub issuer_name: Option<String>,
    pub place: Option<String>,
    #[serde(default, with = "iso_date")]
    pub issued: Option<NaiveDate>,
    /// The subject (trích yếu): `Về đẩy mạnh …`; a letter's `V/v …` becomes `Về việc …`.
    pub title: Option<String>,
    pub classification: Classification,
    pub urgency: Option<Urgency>,
    /// `XIII` from `khóa XIII`.
    pub term: Option<String>,
    pub signer: Option<Signer>,
    /// A book's publication data and the places it is about; `None` for documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub book: Option<BookInfo>,
}

impl Metadata {
    /// The term (khóa) the document belongs to, as a number: the term its heading states
    /// (`khóa XIII` → 13), else, for the central Party bodies (`…/TW`), the Central Committee
    /// term in office on its issue date. A provincial or district committee numbers its own
    /// terms, which only its text can tell, so it gets no term from its date.
    pub fn term_number(&self) -> Option<u8> {
        if let Some(stated) = self.term.as_deref().and_then(parse_roman) {
            return Some(stated);
        }
        let number = self.number.as_ref()?;
        let central = number.form == NumberForm::Party && number.issuer.ends_with("TW");
        if !central {
            return None;
        }
        central_committee_term(self.issued?)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub number: DocumentNumber,
    /// The cited document's date when it follows the number (`, ngày 15/5/2016`).
    #[serde(default, with = "iso_date")]
    pub date: Option<NaiveDate>,
    /// `căn cứ`, `thực hiện`, `hướng dẫn thực hiện`, `sửa đổi`, `bổ sung`, `thay thế`,
    /// `bãi bỏ`, `sơ kết`, `tổng kết`: the verb before the number, when there is one.
    pub relation: Option<String>,
    /// Byte range of the symbol in the text given.
    pub byte_range: Range<usize>,
}

/// Dates as `YYYY-MM-DD` strings (chrono is built without its serde feature).
mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn to_text(date: &NaiveDate) -> String {
        date.format("%Y-%m-%d").to_string()
    }

    pub fn from_text(text: &str) -> Result<NaiveDate, chrono::ParseError> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
    }

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.serialize_some(&to_text(date)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| from_text(&text).map_err(serde::de::Error::custom))
            .transpose()
    }
}

// ---------------------------------------------------------------------------------------------
// Patterns.

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("metadata pattern compiles")
}

/// `Hà Nội, ngày 15 tháng 5 năm 2016`, `Hà Giang, ngày 15/5/2016`, `TP. Hồ Chí Minh, 15-5-2016`,
/// `Nam Đàn, ngày mười lăm tháng năm năm 2019`.
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?P<place>(?:(?:TP|Tp)\.[ \t]*)?\p{{Lu}}\p{{Ll}}+(?:[ \t]+\p{{Lu}}\p{{Ll}}+){{0,4}})[ \t]*,\s*(?:{}|(?:(?i:ngày|ngay)\s*)?{DATE_DIGITS})",
        date_in_words_pattern()
    ))
});
static BARE_DATE: LazyLock<Regex> = LazyLock::new(|| compile(&date_in_words_pattern()));
/// A date right after a cited number: `, ngày 15/5/2016`, ` ngày 15-5-2016`, `(ngày …)`.
static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"^\s*[,(]?\s*(?:(?i:ban hành)\s+)?(?:{}|(?:(?i:ngày|ngay)\s*)?{DATE_DIGITS})",
        date_in_words_pattern()
    ))
});
static MOTTO: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐỘC\s+LẬP\s*-\s*TỰ\s+DO\s*-\s*HẠNH\s+PHÚC",
    )
});
static CELL_GAP: LazyLock<Regex> = LazyLock::new(|| compile(r"\t+|[ \u{A0}]{2,}"));
static TERM: LazyLock<Regex> = LazyLock::new(|| compile(r"(?i:\bkh(?:óa|oá))\s+(?P<t>[IVXL]+)\b"));
static SUBJECT_LINE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^(?:(?i:v/v)|Về việc|VỀ VIỆC)\s*[.:]?\s*(?P<s>\S.*)$"));
static AUTHORITY: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^(?:T/M|K/T|T/L|Q/|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*\S"));
static RELATION: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:hướng dẫn thực hiện|căn cứ|thực hiện|sửa đổi|bổ sung|thay thế|bãi bỏ|sơ kết|tổng kết)\b",
    )
});

/// Verbs that say more about a citation than "thực hiện" next to them
/// ("Tổng kết 15 năm thực hiện Nghị quyết 27" is a summing-up).
const STRONG_RELATIONS: &[&str] = &[
    "sơ kết",
    "tổng kết",
    "sửa đổi",
    "bổ sung",
    "thay thế",
    "bãi bỏ",
];

// ---------------------------------------------------------------------------------------------
// Lines and cells.

/// The text split in lines (without `\n`), with how far the header reaches.
struct Lines<'t> {
    text: &'t str,
    ranges: Vec<Range<usize>>,
    /// Index of the first line after the header region.
    header_end_line: usize,
    /// Byte offset where the header region ends.
    header_end: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let mut ranges = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices('\n') {
            ranges.push(start..i);
            start = i + 1;
        }
        ranges.push(start..text.len());
        let header_end_line = ranges
            .iter()
            .enumerate()
            .filter(|(_, r)| !text[(*r).clone()].trim().is_empty())
            .nth(HEADER_LINES - 1)
            .map_or(ranges.len(), |(i, _)| i + 1)
            // Whole lines only, within the byte budget: text without line breaks has no header.
            .min(ranges.partition_point(|r| r.end <= HEADER_BYTES));
        let header_end = ranges.get(header_end_line).map_or(text.len(), |r| r.start);
        Lines {
            text,
            ranges,
            header_end_line,
            header_end,
        }
    }

    fn line(&self, i: usize) -> &'t str {
        self.ranges.get(i).map_or("", |r| &self.text[r.clone()])
    }

    fn line_of(&self, offset: usize) -> usize {
        self.ranges.partition_point(|r| r.end < offset)
    }

    /// Ordinal of line `i` among non-empty lines.
    fn rank_of_line(&self, i: usize) -> usize {
        (0..i).filter(|j| !self.is_blank(*j)).count()
    }

    fn is_blank(&self, i: usize) -> bool {
        self.line(i).trim().is_empty()
    }

    /// Cells of lines `from..to`, with the masked byte ranges cut out.
    fn cells(&self, lines: Range<usize>, masks: &[Range<usize>]) -> Vec<Cell> {
        let mut cells = Vec::new();
        let mut rank = self.rank_of_line(lines.start);
        for i in lines {
            let Some(range) = self.ranges.get(i) else {
                break;
            };
            if self.is_blank(i) {
                continue;
            }
            for segment in unmasked(range.clone(), masks) {
                self.split_cells(segment, i, rank, &mut cells);
            }
            rank += 1;
        }
        cells
    }

    fn split_cells(&self, segment: Range<usize>, line: usize, rank: usize, out: &mut Vec<Cell>) {
        let slice = &self.text[segment.clone()];
        let mut pieces = Vec::new();
        let mut from = 0;
        for gap in CELL_GAP.find_iter(slice) {
            pieces.push(from..gap.start());
            from = gap.end();
        }
        pieces.push(from..slice.len());
        for piece in pieces {
            let raw = &slice[piece.clone()];
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                continue;
            }
            let lead = raw.len() - raw.trim_start().len();
            out.push(Cell {
                text: modern_tone(&collapse_spaces(trimmed)),
                start: segment.start + piece.start + lead,
                line,
                rank,
            });
        }
    }
}

/// A piece of a line between wide gaps: one column's text.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    start: usize,
    line: usize,
    /// Ordinal of its line among non-empty lines.
    rank: usize,
}

fn unmasked(range: Range<usize>, masks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut pieces = vec![range];
    for mask in masks {
        pieces = pieces
            .into_iter()
            .flat_map(|p| {
                if mask.end <= p.start || mask.start >= p.end {
                    vec![p]
                } else {
                    [p.start..mask.start.max(p.start), mask.end.min(p.end)..p.end]
                        .into_iter()
                        .filter(|r| r.start < r.end)
                        .collect()
                }
            })
            .collect();
    }
    pieces
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Letters, at least two, none lowercase: a header line in capitals.
fn is_upper_text(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// Words only (a body's name): no digits, times or brackets.
fn is_name_text(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '-' | '.' | ',' | '&'))
}

/// `*`, `-----`, `***`, `___`: the rules under header columns and titles.
fn is_separator(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().any(|c| matches!(c, '-' | '*' | '_' | '='))
        && s.chars()
            .all(|c| matches!(c, '-' | '*' | '_' | '=' | '~' | '.' | 'o' | 'O' | ' '))
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Tone marks as this archive writes them: `hòa`, `khóa`, `ủy` (not `hoà`, `khoá`, `uỷ`).
fn modern_tone(s: &str) -> String {
    const TONED: &[(char, [char; 5])] = &[
        ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
        ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
        ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
        ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
        ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
        ('A', ['À', 'Á', 'Ả', 'Ã', 'Ạ']),
        ('E', ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ']),
        ('Y', ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ']),
        ('O', ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ']),
        ('U', ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ']),
    ];
    let split = |c: char| {
        TONED
            .iter()
            .find_map(|(base, toned)| toned.iter().position(|t| *t == c).map(|i| (*base, i)))
    };
    let with_tone = |base: char, tone: usize| {
        TONED
            .iter()
            .find(|(b, _)| *b == base)
            .map(|(_, toned)| toned[tone])
    };
    let mut chars: Vec<char> = s.chars().collect();
    for i in 1..chars.len() {
        // Only a mark after o or u can move: skip the lookups everywhere else.
        if !matches!(chars[i - 1], 'o' | 'O' | 'u' | 'U') {
            continue;
        }
        let word_end = chars.get(i + 1).is_none_or(|c| !c.is_alphabetic());
        let Some((base, tone)) = split(chars[i]).filter(|_| word_end) else {
            continue;
        };
        let prev = chars[i - 1];
        let before = i.checked_sub(2).map(|j| chars[j]);
        // Only open syllables oa/oe/uy move their mark; "qu" is a consonant, so "quý" stays.
        let moves = match (prev, base.to_ascii_lowercase()) {
            ('o' | 'O', 'a' | 'e') => true,
            ('u' | 'U', 'y') => !matches!(before, Some('q' | 'Q')),
            _ => false,
        };
        if let (true, Some(toned_prev)) = (moves, with_tone(prev, tone)) {
            chars[i - 1] = toned_prev;
            chars[i] = base;
        }
    }
    chars.into_iter().collect()
}

// ---------------------------------------------------------------------------------------------
// Headings.

const HEADINGS: &[(&str, DocType)] = &[
    ("NGHỊ QUYẾT", DocType::NghiQuyet),
    ("QUYẾT ĐỊNH", DocType::QuyetDinh),
    ("QUY ĐỊNH", DocType::QuyDinh),
    ("CHỈ THỊ", DocType::ChiThi),
    ("KẾT LUẬN", DocType::KetLuan),
    ("QUY CHẾ", DocType::QuyChe),
    ("THÔNG TRI", DocType::ThongTri),
    ("THÔNG TƯ", DocType::ThongTu),
    ("HƯỚNG DẪN", DocType::HuongDan),
    ("THÔNG BÁO", DocType::ThongBao),
    ("BÁO CÁO", DocType::BaoCao),
    ("KẾ HOẠCH", DocType::KeHoach),
    ("CHƯƠNG TRÌNH", DocType::ChuongTrinh),
    ("ĐỀ ÁN", DocType::DeAn),
    ("PHƯƠNG ÁN", DocType::PhuongAn),
    ("TỜ TRÌNH", DocType::ToTrinh),
    ("BIÊN BẢN", DocType::BienBan),
    ("NGHỊ ĐỊNH", DocType::NghiDinh),
    ("LUẬT", DocType::Luat),
    ("PHÁP LỆNH", DocType::PhapLenh),
    ("CÔNG VĂN", DocType::CongVan),
];

/// What may follow the type name on a heading line.
const HEADING_TAILS: &[&str] = &[
    "CỦA ",
    "HỘI NGHỊ",
    "VỀ ",
    "BAN ",
    "LIÊN TỊCH",
    "SỐ ",
    "HÀNH ĐỘNG",
];

/// A title heading cell (`CHỈ THỊ`, `NGHỊ QUYẾT HỘI NGHỊ LẦN THỨ SÁU …`) and what follows the
/// type name on the same line.
fn heading_of(cell: &str) -> Option<(DocType, String)> {
    let upper = cell.to_uppercase();
    HEADINGS.iter().find_map(|(heading, doc_type)| {
        if upper == *heading {
            return Some((*doc_type, String::new()));
        }
        let rest = upper.strip_prefix(heading)?.strip_prefix(' ')?;
        let known_tail = HEADING_TAILS.iter().any(|tail| rest.starts_with(tail));
        // A capitals cell is its own uppercase, so `rest` is a suffix of it.
        let same_line = cell.get(cell.len().saturating_sub(rest.len())..)?;
        (is_upper_text(cell) && known_tail).then(|| (*doc_type, same_line.to_string()))
    })
}

const COPY_MARKERS: &[&str] = &[
    "BẢN SAO",
    "SAO Y BẢN CHÍNH",
    "SAO Y",
    "SAO LỤC",
    "TRÍCH SAO",
];

fn is_copy_marker(cell: &str) -> bool {
    let bare = cell.trim_end_matches([':', '.']);
    COPY_MARKERS.contains(&bare)
}

// ---------------------------------------------------------------------------------------------
// Sentence case of body names and positions.

#[derive(Debug, Clone, Copy, PartialEq)]
enum After {
    /// Following words in lower case.
    Normal,
    /// Capitalize the next word (`Ban Tuyên giáo`, `Bộ Nội vụ`, `Phó Chủ tịch`).
    CapNext,
    /// A place name follows: capitalize every word (`Tỉnh ủy Hà Giang`, `tỉnh Hà Giang`).
    Place,
}

const NAME_PHRASES: &[(&str, &str, After)] = &[
    (
        "ban chấp hành trung ương",
        "Ban Chấp hành Trung ương",
        After::Normal,
    ),
    ("ban chấp hành", "Ban Chấp hành", After::Normal),
    ("bộ chính trị", "Bộ Chính trị", After::Normal),
    ("ban bí thư", "Ban Bí thư", After::Normal),
    ("ban thường vụ", "Ban Thường vụ", After::Normal),
    ("chính phủ", "Chính phủ", After::Normal),
    ("quốc hội", "Quốc hội", After::Normal),
    ("trung ương", "Trung ương", After::Normal),
    ("hồ chí minh", "Hồ Chí Minh", After::Normal),
    ("việt nam", "Việt Nam", After::Normal),
    (
        "ủy ban thường vụ quốc hội",
        "Ủy ban Thường vụ Quốc hội",
        After::Normal,
    ),
    ("ủy ban nhân dân", "Ủy ban nhân dân", After::Normal),
    ("hội đồng nhân dân", "Hội đồng nhân dân", After::Normal),
    ("ủy ban kiểm tra", "Ủy ban Kiểm tra", After::Normal),
    ("mặt trận tổ quốc", "Mặt trận Tổ quốc", After::Normal),
    ("thủ tướng chính phủ", "Thủ tướng Chính phủ", After::Normal),
    ("văn phòng", "Văn phòng", After::Normal),
    ("tỉnh ủy", "Tỉnh ủy", After::Place),
    ("huyện ủy", "Huyện ủy", After::Place),
    ("thành ủy", "Thành ủy", After::Place),
    ("quận ủy", "Quận ủy", After::Place),
    ("thị ủy", "Thị ủy", After::Place),
    ("đảng ủy", "Đảng ủy", After::CapNext),
    ("đảng bộ", "Đảng bộ", After::CapNext),
    ("đảng", "Đảng", After::Normal),
    ("thành phố", "thành phố", After::Place),
    ("thị xã", "thị xã", After::Place),
    ("thị trấn", "thị trấn", After::Place),
    ("tỉnh", "tỉnh", After::Place),
    ("huyện", "huyện", After::Place),
    ("quận", "quận", After::Place),
    ("xã", "xã", After::Place),
    ("phường", "phường", After::Place),
    ("bí thư", "Bí thư", After::Normal),
    ("thường trực", "Thường trực", After::Normal),
    ("chủ tịch", "Chủ tịch", After::Normal),
    ("thủ tướng", "Thủ tướng", After::Normal),
    ("bộ trưởng", "Bộ trưởng", After::Normal),
    ("trưởng ban", "Trưởng ban", After::Normal),
    ("giám đốc", "Giám đốc", After::Normal),
    ("chánh văn phòng", "Chánh Văn phòng", After::Normal),
    ("ủy viên", "Ủy viên", After::Normal),
    ("chủ nhiệm", "Chủ nhiệm", After::Normal),
    ("phó", "Phó", After::CapNext),
    ("tổng cục", "Tổng cục", After::CapNext),
    ("học viện", "Học viện", After::CapNext),
    ("ủy ban", "Ủy ban", After::CapNext),
    ("ban", "Ban", After::CapNext),
    ("bộ", "Bộ", After::CapNext),
    ("sở", "Sở", After::CapNext),
    ("cục", "Cục", After::CapNext),
    ("hội", "Hội", After::CapNext),
    ("trường", "Trường", After::CapNext),
];

/// Name phrases split in words, longest first, so `ban bí thư` wins over `ban`.
static NAME_PHRASE_WORDS: LazyLock<Vec<(Vec<&'static str>, &'static str, After)>> =
    LazyLock::new(|| {
        let mut phrases: Vec<_> = NAME_PHRASES
            .iter()
            .map(|(phrase, text, after)| (phrase.split(' ').collect::<Vec<_>>(), *text, *after))
            .collect();
        phrases.sort_by_key(|(words, _, _)| std::cmp::Reverse(words.len()));
        phrases
    });

fn expand_abbreviations(upper: &str) -> String {
    upper
        .split_whitespace()
        .map(|word| match word {
            "UBND" => "ỦY BAN NHÂN DÂN",
            "HĐND" => "HỘI ĐỒNG NHÂN DÂN",
            "BCH" => "BAN CHẤP HÀNH",
            "BTV" => "BAN THƯỜNG VỤ",
            "MTTQ" => "MẶT TRẬN TỔ QUỐC",
            "TP" | "TP." => "THÀNH PHỐ",
            "TW" | "TƯ" => "TRUNG ƯƠNG",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `BAN TUYÊN GIÁO TỈNH ỦY HÀ GIANG` → `Ban Tuyên giáo Tỉnh ủy Hà Giang`; also positions
/// (`THƯỜNG TRỰC BAN BÍ THƯ` → `Thường trực Ban Bí thư`).
fn sentence_case_name(upper: &str) -> String {
    let lower = modern_tone(&expand_abbreviations(upper).to_lowercase());
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut after = After::Normal;
    let mut i = 0;
    while i < words.len() {
        let phrase = NAME_PHRASE_WORDS
            .iter()
            .find(|(phrase, _, _)| words[i..].starts_with(phrase));
        if let Some((phrase, text, next)) = phrase {
            out.push((*text).to_string());
            after = *next;
            i += phrase.len();
            continue;
        }
        let word = words[i];
        if word == "và" || word == "-" {
            out.push(word.to_string());
            after = After::CapNext;
        } else {
            out.push(match after {
                After::Normal => word.to_string(),
                After::Place => capitalize(word),
                After::CapNext => {
                    after = After::Normal;
                    capitalize(word)
                }
            });
        }
        i += 1;
    }
    capitalize(&out.join(" "))
}

/// A subject set in capitals (`VỀ ĐẨY MẠNH … HỒ CHÍ MINH`) in sentence case.
fn sentence_case_title(upper: &str) -> String {
    const PROPER: &[(&str, &str)] = &[
        ("hồ chí minh", "Hồ Chí Minh"),
        ("việt nam", "Việt Nam"),
        ("bộ chính trị", "Bộ Chính trị"),
        ("ban bí thư", "Ban Bí thư"),
        ("trung ương", "Trung ương"),
        ("quốc hội", "Quốc hội"),
        ("chính phủ", "Chính phủ"),
        ("ban thường vụ", "Ban Thường vụ"),
        ("ban chấp hành", "Ban Chấp hành"),
        ("tỉnh ủy", "Tỉnh ủy"),
        ("huyện ủy", "Huyện ủy"),
        ("đảng cộng sản", "Đảng Cộng sản"),
        ("đảng bộ", "Đảng bộ"),
    ];
    // Document numbers (`17-ĐA/TU`, `15/2020/NĐ-CP`) keep their capitals.
    let mut lower = upper
        .split(' ')
        .map(|word| {
            if word.chars().any(|c| c.is_ascii_digit()) {
                word.to_string()
            } else {
                word.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    for (from, to) in PROPER {
        lower = lower.replace(from, to);
    }
    // A cited document's type is a name: "của Nghị định số 15/2020/NĐ-CP".
    let lower = CITED_TYPE_NAME.replace_all(&lower, |caps: &regex::Captures| {
        format!("{}{}", capitalize(&caps[1]), &caps[2])
    });
    capitalize(&lower)
}

/// A document type in lower case followed by its number (`nghị định số 15`, `chỉ thị 05`).
static CITED_TYPE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<String> = DocType::ALL
        .iter()
        .map(|t| regex::escape(&t.name().to_lowercase()))
        .collect();
    compile(&format!(r"\b({})(\s+(?:số\s*)?\d)", names.join("|")))
});

fn title_case(upper: &str) -> String {
    upper
        .split_whitespace()
        .map(|word| capitalize(&word.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------------------------
// Issuer.

const ADMIN_UNITS: &[&str] = &[
    "TỈNH ",
    "HUYỆN ",
    "THÀNH PHỐ ",
    "QUẬN ",
    "XÃ ",
    "PHƯỜNG ",
    "THỊ XÃ ",
    "THỊ TRẤN ",
];

/// Bodies whose header line names them fully, whatever parent line stands above them.
const STANDALONE_BODIES: &[&str] = &[
    "TỈNH ỦY ",
    "HUYỆN ỦY ",
    "THÀNH ỦY ",
    "QUẬN ỦY ",
    "THỊ ỦY ",
    "ĐẢNG ỦY ",
    "ĐẢNG BỘ ",
    "ỦY BAN NHÂN DÂN ",
    "HỘI ĐỒNG NHÂN DÂN ",
    "UBND ",
    "HĐND ",
];
const STANDALONE_NAMES: &[&str] = &[
    "BỘ CHÍNH TRỊ",
    "BAN BÍ THƯ",
    "CHÍNH PHỦ",
    "QUỐC HỘI",
    "BAN CHẤP HÀNH TRUNG ƯƠNG",
    "THỦ TƯỚNG CHÍNH PHỦ",
];

fn is_standalone_body(upper: &str) -> bool {
    STANDALONE_NAMES.contains(&upper) || STANDALONE_BODIES.iter().any(|b| upper.starts_with(b))
}

fn is_people_council(upper: &str) -> bool {
    ["ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "UBND", "HĐND"]
        .iter()
        .any(|p| upper.starts_with(p))
}

/// `ỦY BAN NHÂN DÂN` / `TỈNH HÀ GIANG` is one name set over two lines.
fn join_continuations(cells: &[String]) -> Vec<String> {
    let mut bodies: Vec<String> = Vec::new();
    for cell in cells {
        let continues = ADMIN_UNITS.iter().any(|unit| cell.starts_with(unit));
        match bodies.last_mut() {
            Some(previous)
                if continues
                    && ["NHÂN DÂN", "UBND", "HĐND"]
                        .iter()
                        .any(|e| previous.ends_with(e)) =>
            {
                previous.push(' ');
                previous.push_str(cell);
            }
            _ => bodies.push(cell.clone()),
        }
    }
    bodies
}

/// The issuing body from the header's capital lines, parent first: the last body line names
/// the issuer, qualified by its parent (`TỈNH ỦY HÀ GIANG` / `BAN TUYÊN GIÁO` →
/// `Ban Tuyên giáo Tỉnh ủy Hà Giang`).
fn issuer_name(cells: &[String]) -> Option<String> {
    let bodies = join_continuations(cells);
    let sub = bodies.last()?;
    let sub_name = sentence_case_name(sub);
    let Some(parent) = bodies.len().checked_sub(2).and_then(|i| bodies.get(i)) else {
        return Some(sub_name);
    };
    if let Some(place) = place_for_bare_unit(sub, parent) {
        // "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH" under "ĐẢNG BỘ TỈNH BẮC NINH": the parent names the
        // province the body's last word leaves open.
        return Some(sentence_case_name(&format!("{sub} {place}")));
    }
    if is_standalone_body(sub) {
        return Some(sub_name);
    }
    let parent_name = sentence_case_name(parent);
    if parent.starts_with("BAN CHẤP HÀNH TRUNG ƯƠNG") {
        return Some(format!("{sub_name} Trung ương"));
    }
    if is_people_council(parent) {
        // Sở Nội vụ under UBND tỉnh Hà Giang is "Sở Nội vụ tỉnh Hà Giang".
        let place = parent_name
            .split_once(" nhân dân ")
            .map_or(parent_name.as_str(), |(_, place)| place);
        return Some(format!("{sub_name} {place}"));
    }
    Some(format!("{sub_name} {parent_name}"))
}

/// When `sub` ends with a bare administrative unit (`… TỈNH`), the place the parent gives that
/// unit: `BẮC NINH` from `ĐẢNG BỘ TỈNH BẮC NINH` or `TỈNH ỦY BẮC NINH`.
fn place_for_bare_unit(sub: &str, parent: &str) -> Option<String> {
    let sub_words: Vec<&str> = sub.split_whitespace().collect();
    let parent_words: Vec<&str> = parent.split_whitespace().collect();
    ADMIN_UNITS.iter().find_map(|unit| {
        let unit: Vec<&str> = unit.split_whitespace().collect();
        if sub_words.len() <= unit.len() || !sub_words.ends_with(&unit) {
            return None;
        }
        // The unit itself (`TỈNH BẮC NINH`) or its Party committee (`TỈNH ỦY BẮC NINH`).
        let committee = [unit[0], "ỦY"];
        (0..parent_words.len()).find_map(|i| {
            let rest = &parent_words[i..];
            let place = if rest.starts_with(&committee) {
                &rest[2..]
            } else if rest.starts_with(&unit) && rest.get(unit.len()) != Some(&"ỦY") {
                &rest[unit.len()..]
            } else {
                return None;
            };
            (!place.is_empty()).then(|| place.join(" "))
        })
    })
}

/// The body named by a `của …` line under the heading or by the signature's `T/M …`.
fn named_central_body(text: &str) -> Option<&'static str> {
    let upper = text.to_uppercase();
    if upper.contains("BỘ CHÍNH TRỊ") {
        Some("Bộ Chính trị")
    } else if upper.contains("BAN BÍ THƯ") {
        Some("Ban Bí thư")
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Dates.

/// A place-and-date line of the header.
#[derive(Debug, Clone)]
struct PlaceDate {
    range: Range<usize>,
    place: String,
    date: NaiveDate,
}

/// The header's datelines: place-and-date phrases that open a line or a column. When there are
/// none, every place-and-date phrase, even one inside a sentence or a `V/v` subject.
fn place_dates(header: &str) -> Vec<PlaceDate> {
    let mut dates: Vec<(bool, PlaceDate)> = PLACE_DATE
        .captures_iter(header)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let place = collapse_spaces(caps.name("place")?.as_str());
            // "Thứ Năm, 20/6/2024": a web page's dateline names a weekday, not a place.
            let weekday = place.starts_with("Thứ ") || place.starts_with("Chủ nhật");
            let line_start = header[..whole.start()].rfind('\n').map_or(0, |i| i + 1);
            let before = &header[line_start..whole.start()];
            // "… của Ủy ban nhân dân tỉnh Hà Giang, ngày 15/5/2016" cites; a dateline stands alone.
            let opens_column = before.trim().is_empty()
                || before.ends_with("  ")
                || before.ends_with('\t')
                || before.trim_end().ends_with(['|', '*']);
            Some((
                opens_column,
                PlaceDate {
                    range: whole.range(),
                    place: if weekday { String::new() } else { place },
                    date: date_from(&caps)?,
                },
            ))
        })
        .collect();
    if dates.iter().any(|(opens, _)| *opens) {
        dates.retain(|(opens, _)| *opens);
    }
    dates.into_iter().map(|(_, date)| date).collect()
}

// ---------------------------------------------------------------------------------------------
// Title (subject).

/// Lines that start the body, never a subject.
const BODY_STARTS: &[&str] = &[
    "Căn cứ",
    "CĂN CỨ",
    "Thực hiện",
    "Kính gửi",
    "Điều ",
    "Chương ",
    "Phần ",
    "PHẦN ",
    "I.",
    "I-",
    "1.",
    "1-",
    "Trong ",
    "Để ",
    "Nhằm ",
    "Hiện nay",
    "Qua ",
    "Sau ",
    "Theo ",
    "Xét ",
    "Trên cơ sở",
    "Thời gian qua",
    "Những năm qua",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Thường vụ",
    "Thường trực",
    "Nơi nhận",
];

fn starts_body(line: &str) -> bool {
    BODY_STARTS.iter().any(|start| line.starts_with(start))
}

/// Words a wrapped subject line may start with although capitalized (`… phong cách` /
/// `Hồ Chí Minh`, `… của` / `Đảng`).
const PROPER_STARTS: &[&str] = &[
    "Hồ", "Đảng", "Nhà", "Nhân", "Việt", "Tổ", "Trung", "Chủ", "Bác", "Quốc", "Mặt", "Đoàn",
];

fn continues_subject(line: &str, subject_in_capitals: bool) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    if first.is_lowercase() || matches!(first, '(' | '"' | '“' | '\'' | '-') {
        return true;
    }
    if subject_in_capitals {
        return is_upper_text(line);
    }
    let mut words = line.split_whitespace();
    let first_word = words.next().unwrap_or_default();
    let second_capitalized = words
        .next()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    PROPER_STARTS.contains(&first_word) || (second_capitalized && !is_upper_text(line))
}

/// Lines between the heading and the subject: `của Bộ Chính trị`, `HỘI NGHỊ LẦN THỨ SÁU …`.
fn is_issuer_line(line: &str) -> bool {
    let lower_start = line.to_lowercase();
    if lower_start.starts_with("của ") || lower_start == "của" {
        return true;
    }
    // It starts with the body: a subject in capitals may name one further on ("SỬA ĐỔI … NGHỊ
    // ĐỊNH … CỦA CHÍNH PHỦ QUY ĐỊNH …") and is still a subject.
    is_upper_text(line)
        && [
            "HỘI NGHỊ",
            "KHÓA",
            "KHOÁ",
            "BAN CHẤP HÀNH",
            "BỘ CHÍNH TRỊ",
            "BAN BÍ THƯ",
            "CHÍNH PHỦ",
        ]
        .iter()
        .any(|w| line.starts_with(w))
        || TERM.find(line).is_some_and(|term| term.end() == line.len()) && is_upper_text(line)
}

/// The subject under a heading, and the `của …` line naming the issuer if there was one.
struct Subject {
    title: Option<String>,
    issuer_line: Option<String>,
    /// The last line of the title block (heading, issuer line, subject).
    last_line: usize,
}

fn subject_after_heading(lines: &Lines, heading_line: usize, same_line: &str) -> Subject {
    let mut parts: Vec<String> = Vec::new();
    let mut issuer_line = None;
    if same_line.starts_with("VỀ ") || same_line.starts_with("về ") || same_line.starts_with("Về ")
    {
        parts.push(same_line.to_string());
    } else if is_issuer_line(same_line) {
        issuer_line = Some(same_line.to_string());
    }
    let mut in_capitals = parts.first().is_some_and(|p| is_upper_text(p));
    let mut blanks = 0;
    let mut last_line = heading_line;
    for i in heading_line + 1..(heading_line + 14).min(lines.ranges.len()) {
        let line = collapse_spaces(lines.line(i));
        if line.is_empty() {
            blanks += 1;
            if parts.is_empty() && blanks <= 2 {
                continue;
            }
            // pdf-extract can set a blank line inside a wrapped subject ("… trong giai" /
            // "" / "đoạn mới"): a lowercase line right after it still continues the subject.
            let wrapped = !in_capitals
                && parts
                    .last()
                    .is_some_and(|p| !p.ends_with(['.', ';', ':', '!', '?']))
                && lines
                    .line(i + 1)
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase);
            if wrapped {
                continue;
            }
            break;
        }
        if is_separator(&line) {
            if parts.is_empty() {
                continue;
            }
            break;
        }
        if parts.is_empty() {
            if is_issuer_line(&line) {
                // "của Ban Thường vụ Huyện ủy về công tác …": issuer and subject on one line.
                match line.find(" về ").or_else(|| line.find(" VỀ ")) {
                    Some(at) => {
                        last_line = i;
                        issuer_line.get_or_insert(line[..at].to_string());
                        in_capitals = is_upper_text(&line[at + 1..]);
                        parts.push(line[at + 1..].to_string());
                    }
                    None => {
                        last_line = i;
                        issuer_line.get_or_insert(line);
                    }
                }
                continue;
            }
            if PLACE_DATE.is_match(&line) || marks_of_cell(&line).is_some() {
                continue;
            }
            if starts_body(&line) {
                break;
            }
            in_capitals = is_upper_text(&line);
            last_line = i;
            parts.push(line);
        } else {
            if parts.len() >= 6 || starts_body(&line) || !continues_subject(&line, in_capitals) {
                break;
            }
            last_line = i;
            parts.push(line);
        }
    }
    Subject {
        title: finish_title(&parts.join(" "), in_capitals),
        issuer_line,
        last_line,
    }
}

fn finish_title(joined: &str, in_capitals: bool) -> Option<String> {
    let text = collapse_spaces(joined);
    let text = text.trim_end_matches(['.', ',', ';', ':']).trim();
    if text.is_empty() {
        return None;
    }
    Some(if in_capitals {
        sentence_case_title(text)
    } else {
        capitalize(text)
    })
}

/// A letter's `V/v …` line (and its wrapped lines) under the number: `Về việc …`.
fn letter_subject(lines: &Lines, cells: &[Cell], own_rank: Option<usize>) -> Option<String> {
    let near_number = |c: &Cell| own_rank.map_or(c.rank < 12, |rank| c.rank <= rank + 4);
    let (cell, caps) = cells
        .iter()
        .filter(|c| near_number(c))
        .find_map(|cell| SUBJECT_LINE.captures(&cell.text).map(|caps| (cell, caps)))?;
    let mut parts = vec![caps.name("s")?.as_str().to_string()];
    for i in cell.line + 1..(cell.line + 5).min(lines.header_end_line) {
        if lines.is_blank(i) {
            break;
        }
        let Some(next) = cells.iter().find(|c| c.line == i) else {
            continue; // the line held only a masked date or number
        };
        if next.text.starts_with("Kính gửi") || !continues_subject(&next.text, false) {
            break;
        }
        parts.push(next.text.clone());
    }
    let subject = finish_title(&parts.join(" "), false)?;
    let rest = subject
        .strip_prefix("Về việc ")
        .map_or(subject.as_str(), |rest| rest);
    let mut chars = rest.chars();
    let rest = match chars.next() {
        Some(first) if !rest.starts_with("Về việc") => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => rest.to_string(),
    };
    Some(format!("Về việc {rest}"))
}

// ---------------------------------------------------------------------------------------------
// Signer.

/// Words of an office or body: an uppercase cell with one is a position, not a person.
const OFFICE_WORDS: &[&str] = &[
    "BÍ THƯ",
    "CHỦ TỊCH",
    "TRƯỞNG",
    "PHÓ",
    "GIÁM ĐỐC",
    "ỦY VIÊN",
    "THƯỜNG TRỰC",
    "THỦ TƯỚNG",
    "CHÁNH",
    "CHỦ NHIỆM",
    "ỦY",
    "BAN",
    "TỈNH",
    "HUYỆN",
    "ĐẢNG",
    "BỘ",
    "VĂN PHÒNG",
    "TM",
    "KT",
];

const POSITIONS: &[&str] = &[
    "TỔNG BÍ THƯ",
    "BÍ THƯ",
    "PHÓ BÍ THƯ",
    "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
    "BỘ TRƯỞNG",
    "THỦ TƯỚNG",
    "GIÁM ĐỐC",
    "CHÁNH VĂN PHÒNG",
    "CHỦ NHIỆM",
];

fn is_person_name(cell: &str) -> bool {
    let words: Vec<&str> = cell.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|word| {
            let mut chars = word.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_alphabetic() && c.is_lowercase())
        })
}

fn is_upper_person_name(cell: &str) -> bool {
    let words = cell.split_whitespace().count();
    (2..=5).contains(&words)
        && is_upper_text(cell)
        && cell.chars().all(|c| c.is_alphabetic() || c == ' ')
        && !OFFICE_WORDS
            .iter()
            .any(|w| format!(" {cell} ").contains(&format!(" {w} ")))
}

/// Cells of a signature block that are neither position nor name: recipients, `(Đã ký)`.
fn is_signature_noise(cell: &str) -> bool {
    let lower = cell.to_lowercase();
    cell.starts_with(['-', '+', '•', '(', '['])
        || lower.starts_with("nơi nhận")
        || lower.starts_with("lưu")
        || lower.starts_with("đã ký")
        || lower.starts_with("ký")
        || is_separator(cell)
}

fn signer_from(
    authority: Option<String>,
    following: &[Cell],
    position: Option<String>,
) -> Option<Signer> {
    let mut signer = Signer {
        authority,
        position,
        name: None,
    };
    let meaningful = following
        .iter()
        .map(|cell| cell.text.as_str())
        .take_while(|text| *text != "*")
        .filter(|text| !is_signature_noise(text));
    for text in meaningful.take(4) {
        if is_person_name(text) {
            signer.name = Some(text.to_string());
            break;
        }
        if is_upper_person_name(text) {
            signer.name = Some(title_case(text));
            break;
        }
        if signer.position.is_none() {
            signer.position = Some(if is_upper_text(text) {
                sentence_case_name(text)
            } else {
                text.to_string()
            });
        }
    }
    let empty = signer.authority.is_none() && signer.position.is_none() && signer.name.is_none();
    (!empty).then_some(signer)
}

/// The signature block: the last `T/M …`/`K/T …`/`TM. …` cell before the end (or before a copy
/// block), then position and name; else the last bare position (`BÍ THƯ`) and the name under it.
fn extract_signer(lines: &Lines, from_line: usize, cut_line: usize) -> Option<Signer> {
    let start = cut_line.saturating_sub(TAIL_LINES).max(from_line);
    let cells = lines.cells(start..cut_line, &[]);
    if let Some(i) = cells.iter().rposition(|c| AUTHORITY.is_match(&c.text)) {
        // "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH": a run of authority lines reads as one.
        let first = cells[..i]
            .iter()
            .rposition(|c| !AUTHORITY.is_match(&c.text))
            .map_or(0, |j| j + 1);
        let authority = cells[first..=i]
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let following = following_cells(&cells, i);
        return signer_from(Some(authority), &following, None);
    }
    let i = cells
        .iter()
        .rposition(|c| POSITIONS.contains(&c.text.as_str()))?;
    let position = sentence_case_name(&cells[i].text);
    signer_from(None, &following_cells(&cells, i), Some(position))
}

/// Cells after cell `i`, in reading order of the signature column: same line, then below.
fn following_cells(cells: &[Cell], i: usize) -> Vec<Cell> {
    cells.iter().skip(i + 1).cloned().collect()
}

// ---------------------------------------------------------------------------------------------
// The whole header.

/// Where the copy block starts when it is set after the original text: the first line from
/// `from_line` (past the original's number and heading) that marks a copy (`BẢN SAO`, `SAO Y BẢN CHÍNH`) or holds its number.
fn copy_block_line(lines: &Lines, from_line: usize, copy_numbers: &[Located]) -> Option<usize> {
    let by_marker = lines
        .cells(from_line..lines.ranges.len(), &[])
        .into_iter()
        .find(|c| is_copy_marker(&c.text))
        .map(|c| c.line);
    let by_number = copy_numbers
        .iter()
        .map(|(range, _)| lines.line_of(range.start))
        .filter(|line| *line >= from_line)
        .min();
    by_marker.into_iter().chain(by_number).min()
}

/// A number and where it stands (from its `Số`).
type Located = (Range<usize>, DocumentNumber);

/// `Số …` numbers written as a header's number (capital `S`), split into the document's own
/// and copies' own.
fn own_and_copy_numbers(text: &str) -> (Vec<Located>, Vec<Located>) {
    find_numbered_symbols(text)
        .into_iter()
        .filter(|(whole, _, _)| text[whole.clone()].starts_with('S'))
        .map(|(whole, _, number)| (whole, number))
        .partition(|(_, number)| !number.is_copy())
}

/// The header's issuer lines: capitals, before the heading (letters have none: near the
/// number), in the original's block, not made of marks (`mark_cells`, by index).
fn issuer_cells(
    cells: &[Cell],
    mark_cells: &[bool],
    heading_start: Option<usize>,
    (own, own_rank): (Option<usize>, Option<usize>),
    copy: Option<usize>,
) -> Vec<String> {
    let before_heading = |c: &Cell| match (heading_start, own_rank) {
        (Some(h), _) => c.start < h,
        (None, Some(rank)) => c.rank <= rank + 2,
        (None, None) => c.rank < 8,
    };
    let in_original_block = |c: &Cell| match (own, copy) {
        (Some(o), Some(k)) if k < o => c.start > k,
        (Some(o), Some(k)) if k > o => c.start < k,
        _ => true,
    };
    let is_mark = |i: usize| mark_cells.get(i).copied().unwrap_or(false);
    cells
        .iter()
        .enumerate()
        .filter(|(i, c)| before_heading(c) && in_original_block(c) && !is_mark(*i))
        .map(|(_, c)| c.text.trim_matches(['*', ' ']).to_string())
        .filter(|t| {
            is_upper_text(t)
                && is_name_text(t)
                && marks_of_cell(t).is_none()
                && !is_copy_marker(t)
                && heading_of(t).is_none()
                && DocumentNumber::parse(t).is_none()
                && !t.starts_with("SỐ")
                && !t.starts_with("KÍNH GỬI")
                && !SUBJECT_LINE.is_match(t)
                && !AUTHORITY.is_match(t)
                && !POSITIONS.contains(&t.as_str())
        })
        .collect()
}

/// The place-and-date nearest the own number, not the copy's.
fn issued_place_date(
    dates: &[PlaceDate],
    own: Option<usize>,
    copy: Option<usize>,
) -> Option<&PlaceDate> {
    let Some(own) = own else {
        return dates.first();
    };
    dates
        .iter()
        .filter(|d| copy.is_none_or(|k| d.range.start.abs_diff(own) <= d.range.start.abs_diff(k)))
        .min_by_key(|d| d.range.start.abs_diff(own))
}

/// Where the clause holding byte `at` starts: after a `;` or a sentence's full stop (not the dot
/// of `T.Ư` or `TP.`), or at the start of its line unless that line continues the one above (a
/// title or sentence wrapped over lines, in capitals or not); a type heading, a rule or a blank
/// line ends it.
fn clause_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let sentence = before
        .char_indices()
        .rev()
        .find(|(i, c)| *c == ';' || (*c == '.' && before[i + 1..].starts_with(char::is_whitespace)))
        .map_or(0, |(i, _)| i + 1);
    let mut start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    while start > sentence {
        let previous_start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        let previous = text[previous_start..start - 1].trim();
        let ends_block = previous.is_empty()
            || heading_of(previous).is_some()
            || is_separator(previous)
            || previous.ends_with(':');
        if ends_block {
            break;
        }
        start = previous_start;
    }
    start.max(sentence)
}

/// The term (khóa) of the header or opening, skipping terms said of a cited document
/// ("Chỉ thị số 03-CT/TW … của Bộ Chính trị (khóa XI)", "Chỉ thị 30 … (khóa VIII)"). A term in
/// parentheses counts only in the title block (up to byte `title_end`): in the body it speaks of
/// another document ("Nghị quyết Trung ương 4 (khóa XII)").
fn term_of(header: &str, title_end: Option<usize>) -> Option<String> {
    TERM.captures_iter(header).find_map(|caps| {
        let term = caps.name("t")?;
        let cites = clause_cites(header, term.start());
        // A document states its own term in its heading lines; a body sentence naming a term
        // ("Nghị quyết Trung ương 4 khóa XI") speaks of another document.
        let line_start = header[..term.start()].rfind('\n').map_or(0, |i| i + 1);
        let line_end = header[term.end()..]
            .find('\n')
            .map_or(header.len(), |i| term.end() + i);
        let line = header[line_start..line_end].trim();
        let lower = line.to_lowercase();
        let whole = caps.get(0).map_or(term.start(), |m| m.start());
        let in_parentheses = header[..whole].trim_end().ends_with('(')
            && title_end.is_some_and(|end| term.end() <= end);
        let heading_line = is_upper_text(line)
            || lower.starts_with("hội nghị")
            || lower.starts_with("ban chấp hành")
            || in_parentheses;
        (!cites && heading_line).then(|| term.as_str().to_string())
    })
}

/// A document named by its type and number (`Chỉ thị số 30`, `Nghị quyết 26-NQ/TW`).
static CITED_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:chỉ thị|nghị quyết|kết luận|quyết định|quy định|thông tri|thông tư|hướng dẫn|nghị định|kế hoạch|chương trình|đề án|thông báo|báo cáo)\s+(?:số\s*)?\d",
    )
});

/// Whether the clause that ends at `at` cites another document.
fn clause_cites(text: &str, at: usize) -> bool {
    let clause = &text[clause_start(text, at)..at];
    !find_symbols(clause).is_empty() || CITED_TYPE.is_match(clause)
}

/// The issuer naming itself with its term in the opening lines: "Ban Bí thư Trung ương Đảng
/// khóa XIII yêu cầu …". Only when the term follows the document's own issuer and a verb of
/// the issuer speaking follows the term.
fn term_of_issuer(header: &str, issuer: &str) -> Option<String> {
    const SPEAKS: &[&str] = &[
        "yêu cầu",
        "quyết định",
        "quyết nghị",
        "chỉ thị",
        "kết luận",
        "đề nghị",
        "giao",
        "thống nhất",
        "ban hành",
        "chỉ đạo",
        "thông báo",
        "hướng dẫn",
    ];
    let issuer = issuer.to_lowercase();
    TERM.captures_iter(header).find_map(|caps| {
        let whole = caps.get(0)?;
        let term = caps.name("t")?;
        let before = header[..whole.start()].trim_end().to_lowercase();
        let before = ["trung ương đảng", "trung ương", "đảng"]
            .iter()
            .find_map(|suffix| before.strip_suffix(suffix))
            .map_or(before.as_str(), str::trim_end);
        let after = header[whole.end()..].trim_start().to_lowercase();
        let names_itself = before.ends_with(&issuer)
            && SPEAKS.iter().any(|verb| after.starts_with(verb))
            && !clause_cites(header, whole.start());
        names_itself.then(|| term.as_str().to_string())
    })
}

/// Read a document's metadata from its whole text (NFC; pages may be joined by `\n\f\n`):
/// the header region (first 40 non-empty lines) for number, marks, date, issuer and title,
/// the end for the signer.
pub fn extract_metadata(text: &str) -> Metadata {
    let normal = MappedText::normalized(text);
    let norm = normal.text.as_str();
    let lines = Lines::new(norm);
    let header = &norm[..lines.header_end];

    let (own_numbers, copy_in_header) = own_and_copy_numbers(header);
    let (_, copy_anywhere) = own_and_copy_numbers(norm);
    let dates = place_dates(header);
    let mut masks: Vec<Range<usize>> = MOTTO.find_iter(header).map(|m| m.range()).collect();
    masks.extend(
        own_numbers
            .iter()
            .chain(&copy_in_header)
            .map(|(r, _)| r.clone()),
    );
    masks.extend(dates.iter().map(|d| d.range.clone()));
    let cells = lines.cells(0..lines.header_end_line, &masks);

    let mut number = own_numbers.first().map(|(r, n)| (r.start, n.clone()));
    if number.is_none() {
        // No `Số`: a symbol standing alone in a header cell.
        number = cells
            .iter()
            .filter(|c| c.rank < 15 && (c.text.contains('-') || c.text.contains('/')))
            .find_map(|c| DocumentNumber::parse(&c.text).map(|n| (c.start, n)));
    }
    let own_at = number.as_ref().map(|(at, _)| *at);
    let copy_at = copy_in_header.first().map(|(r, _)| r.start);
    let copy_number = copy_in_header
        .first()
        .or(copy_anywhere.first())
        .map(|(_, n)| n.clone());

    let heading = cells
        .iter()
        .filter(|c| c.rank < MARK_LINES)
        .find_map(|c| heading_of(&c.text).map(|(t, rest)| (c, t, rest)));
    let subject = heading
        .as_ref()
        .map(|(cell, _, rest)| subject_after_heading(&lines, cell.line, rest));
    let own_rank = own_at.map(|at| lines.rank_of_line(lines.line_of(at)));
    let letter_title = letter_subject(&lines, &cells, own_rank);
    let marks = read_marks(
        cells
            .iter()
            .take_while(|c| c.rank < MARK_LINES)
            .map(|c| (c.text.as_str(), c.rank)),
    );
    let (classification, urgency) = (marks.classification, marks.urgency);

    let heading_start = heading.as_ref().map(|(c, _, _)| c.start);
    let issuer_lines = issuer_cells(
        &cells,
        &marks.consumed,
        heading_start,
        (own_at, own_rank),
        copy_at,
    );
    let place_date = issued_place_date(&dates, own_at, copy_at);
    let issued = place_date.map(|d| d.date).or_else(|| {
        let limit = heading
            .as_ref()
            .map_or(lines.header_end, |(c, _, _)| c.start);
        BARE_DATE
            .captures_iter(&header[..limit])
            .find_map(|caps| date_from(&caps))
    });
    let title_end = subject
        .as_ref()
        .and_then(|s| lines.ranges.get(s.last_line))
        .map(|r| r.end.min(header.len()));
    let own_line = own_at.map_or(0, |at| lines.line_of(at) + 1);
    let body_line = heading.as_ref().map_or(own_line, |(c, _, _)| c.line + 1);
    let copy_line = copy_block_line(&lines, body_line, &copy_anywhere);
    let cut_line = copy_line.unwrap_or(lines.ranges.len());
    let signer = extract_signer(&lines, body_line, cut_line);

    let number = number.map(|(_, n)| n);
    let doc_type = heading
        .as_ref()
        .map(|(_, t, _)| *t)
        .or_else(|| {
            let n = number.as_ref()?;
            DocType::from_code(n.type_code.as_deref()?, n.form)
        })
        .or_else(|| {
            let letter = number
                .as_ref()
                .is_some_and(|n| n.type_code.is_none() && n.year.is_none());
            (letter_title.is_some() || letter).then_some(DocType::CongVan)
        });

    let mut issuer = issuer_name(&issuer_lines);
    let named_in_title = subject
        .as_ref()
        .and_then(|s| s.issuer_line.as_deref())
        .and_then(named_central_body);
    let named_in_signature = signer
        .as_ref()
        .and_then(|s| s.authority.as_deref())
        .and_then(named_central_body);
    // The central header only says "Ban Chấp hành Trung ương"; the title or T/M names the organ.
    if issuer
        .as_deref()
        .is_none_or(|i| i == "Ban Chấp hành Trung ương")
    {
        if let Some(body) = named_in_title.or(named_in_signature) {
            issuer = Some(body.to_string());
        }
    }
    let term = term_of(header, title_end).or_else(|| term_of_issuer(header, issuer.as_deref()?));

    Metadata {
        number,
        copy_number,
        doc_type,
        issuer_name: issuer,
        place: place_date
            .map(|d| d.place.clone())
            .filter(|p| !p.is_empty()),
        issued,
        title: subject.and_then(|s| s.title).or(letter_title),
        classification,
        urgency,
        term,
        signer,
        book: None,
    }
}

// ---------------------------------------------------------------------------------------------
// References.

/// The relation verb before a citation, within its clause and after the previous citation.
fn relation_before(text: &str, previous_end: usize, start: usize) -> Option<String> {
    let mut from = start.saturating_sub(160).max(previous_end);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    if let Some(boundary) = text[from..start].rfind(['.', ';', ':', '!', '?', '\n']) {
        from += boundary + 1;
    }
    let verbs: Vec<String> = RELATION
        .find_iter(&text[from..start])
        .map(|m| m.as_str().to_lowercase())
        .collect();
    verbs
        .iter()
        .find(|v| STRONG_RELATIONS.contains(&v.as_str()))
        .or(verbs.last())
        .cloned()
}

/// Every full document number cited in a text (`Thực hiện Chỉ thị số 05-CT/TW, ngày
/// 15/5/2016 …`), with the date right after it and the verb before it. Short forms
/// (`Chỉ thị 05`) are not references. The document's own number (`own`, and any `Số …` number
/// of its header) is left out.
pub fn extract_references(text: &str, own: Option<&DocumentNumber>) -> Vec<Reference> {
    let normal = MappedText::normalized(text);
    let norm = normal.text.as_str();
    let lines = Lines::new(norm);
    let header_numbers: Vec<Range<usize>> = find_numbered_symbols(&norm[..lines.header_end])
        .into_iter()
        .filter(|(whole, _, _)| norm[whole.clone()].starts_with('S'))
        .map(|(whole, _, _)| whole)
        .collect();
    let own_key = own.and_then(|n| n.search_keys().into_iter().next());
    let mut references = Vec::new();
    let mut previous_end = 0;
    for (range, number) in find_symbols(norm) {
        let is_own = own_key.is_some() && number.search_keys().first() == own_key.as_ref();
        let in_header_number = header_numbers
            .iter()
            .any(|h| h.start <= range.start && range.end <= h.end);
        if !is_own && !in_header_number {
            references.push(Reference {
                date: DATE_AFTER
                    .captures(&norm[range.end..])
                    .and_then(|caps| date_from(&caps)),
                relation: relation_before(norm, previous_end, range.start),
                byte_range: normal.source_range(range.clone()),
                number,
            });
        }
        previous_end = range.end;
    }
    references
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn canonical(number: &Option<DocumentNumber>) -> Option<String> {
        number.as_ref().map(DocumentNumber::canonical)
    }

    const CENTRAL_DIRECTIVE: &str = "\
BAN CHẤP HÀNH TRUNG ƯƠNG                         ĐẢNG CỘNG SẢN VIỆT NAM
           *
     Số 05-CT/TW                         Hà Nội, ngày 15 tháng 5 năm 2016

                                 CHỈ THỊ
                            CỦA BỘ CHÍNH TRỊ
          về đẩy mạnh học tập và làm theo tư tưởng, đạo đức,
                         phong cách Hồ Chí Minh
                                  -----

Sau 5 năm thực hiện Chỉ thị số 03-CT/TW, ngày 14/5/2011 của Bộ Chính trị (khóa XI) về tiếp tục đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh, nhận thức của cán bộ, đảng viên về bảo vệ bí mật nhà nước và về tư tưởng, đạo đức, phong cách Hồ Chí Minh được nâng lên.
Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt những nội dung sau:
1. Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.
Chỉ thị này thay thế Chỉ thị số 03-CT/TW, ngày 14/5/2011 của Bộ Chính trị và được phổ biến đến chi bộ.

                                             T/M BỘ CHÍNH TRỊ
Nơi nhận:                                    THƯỜNG TRỰC BAN BÍ THƯ
- Các tỉnh ủy, thành ủy,
- Các ban đảng, ban cán sự đảng, đảng đoàn,          (Đã ký)
- Lưu Văn phòng Trung ương Đảng.
                                             Đinh Thế Huynh
";

    #[test]
    fn central_directive_header() {
        let m = extract_metadata(CENTRAL_DIRECTIVE);
        assert_eq!(canonical(&m.number).as_deref(), Some("05-CT/TW"));
        assert_eq!(m.copy_number, None);
        assert_eq!(m.doc_type, Some(DocType::ChiThi));
        assert_eq!(m.issuer_name.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(m.place.as_deref(), Some("Hà Nội"));
        assert_eq!(m.issued, date(2016, 5, 15));
        assert_eq!(
            m.title.as_deref(),
            Some("Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
        );
        // "bí mật" in the body is no mark.
        assert_eq!(m.classification, Classification::Public);
        assert_eq!(m.urgency, None);
    }

    #[test]
    fn central_directive_term_of_a_cited_document_is_not_its_term() {
        assert_eq!(extract_metadata(CENTRAL_DIRECTIVE).term, None);
    }

    #[test]
    fn central_directive_signer() {
        let signer = extract_metadata(CENTRAL_DIRECTIVE).signer.expect("signer");
        assert_eq!(signer.authority.as_deref(), Some("T/M BỘ CHÍNH TRỊ"));
        assert_eq!(signer.position.as_deref(), Some("Thường trực Ban Bí thư"));
        assert_eq!(signer.name.as_deref(), Some("Đinh Thế Huynh"));
    }

    #[test]
    fn central_directive_references_skip_own_number() {
        let own = DocumentNumber::parse("05-CT/TW");
        let refs = extract_references(CENTRAL_DIRECTIVE, own.as_ref());
        let cited: Vec<(String, Option<NaiveDate>, Option<&str>)> = refs
            .iter()
            .map(|r| (r.number.canonical(), r.date, r.relation.as_deref()))
            .collect();
        assert_eq!(
            cited,
            vec![
                ("03-CT/TW".to_string(), date(2011, 5, 14), Some("thực hiện")),
                ("03-CT/TW".to_string(), date(2011, 5, 14), Some("thay thế")),
            ]
        );
        // Without `own`, the header's `Số …` number is still not a citation.
        assert_eq!(extract_references(CENTRAL_DIRECTIVE, None).len(), 2);
    }

    const PROVINCIAL_PLAN: &str = "\
TỈNH ỦY HÀ GIANG                            ĐẢNG CỘNG SẢN VIỆT NAM
BAN TUYÊN GIÁO
       *                              Hà Giang, ngày 20 tháng 02 năm 2022
Số 45-KH/BTGTU

                                KẾ HOẠCH
triển khai thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị
về tiếp tục thực hiện Chỉ thị số 05-CT/TW năm 2022
                                  -----

Thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị, Ban Tuyên giáo Tỉnh ủy xây dựng kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Tổ chức học tập chuyên đề năm 2022.

                                            K/T TRƯỞNG BAN
Nơi nhận:                                   PHÓ TRƯỞNG BAN
- Thường trực Tỉnh ủy (b/c),
- Lưu VT.
                                            Nguyễn Văn Hùng
";

    #[test]
    fn provincial_plan_issuer_is_the_department_of_the_committee() {
        let m = extract_metadata(PROVINCIAL_PLAN);
        assert_eq!(canonical(&m.number).as_deref(), Some("45-KH/BTGTU"));
        assert_eq!(
            m.issuer_name.as_deref(),
            Some("Ban Tuyên giáo Tỉnh ủy Hà Giang")
        );
        assert_eq!(m.doc_type, Some(DocType::KeHoach));
        assert_eq!(m.place.as_deref(), Some("Hà Giang"));
        assert_eq!(m.issued, date(2022, 2, 20));
    }

    #[test]
    fn provincial_plan_title_joins_lines() {
        let m = extract_metadata(PROVINCIAL_PLAN);
        assert_eq!(
            m.title.as_deref(),
            Some("Triển khai thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW năm 2022")
        );
    }

    #[test]
    fn provincial_plan_signer_on_behalf() {
        let signer = extract_metadata(PROVINCIAL_PLAN).signer.expect("signer");
        assert_eq!(signer.authority.as_deref(), Some("K/T TRƯỞNG BAN"));
        assert_eq!(signer.position.as_deref(), Some("Phó Trưởng ban"));
        assert_eq!(signer.name.as_deref(), Some("Nguyễn Văn Hùng"));
    }

    #[test]
    fn provincial_plan_references_in_title_and_body() {
        let refs = extract_references(PROVINCIAL_PLAN, None);
        let cited: Vec<String> = refs.iter().map(|r| r.number.canonical()).collect();
        assert_eq!(cited, vec!["01-KL/TW", "05-CT/TW", "01-KL/TW"]);
        assert_eq!(refs[0].relation.as_deref(), Some("thực hiện"));
        assert_eq!(refs[1].date, None);
        assert_eq!(&PROVINCIAL_PLAN[refs[2].byte_range.clone()], "01-KL/TW");
    }

    const DISTRICT_CONCLUSION: &str = "\
ĐẢNG BỘ TỈNH HÀ GIANG
HUYỆN ỦY XÍN MẦN                         ĐẢNG CỘNG SẢN VIỆT NAM
        *
Số 112-KL/HU                          Xín Mần, ngày 10 tháng 8 năm 2023

                               KẾT LUẬN
   của Ban Thường vụ Huyện ủy về công tác tuyên giáo 6 tháng đầu năm 2023,
            nhiệm vụ 6 tháng cuối năm 2023 (khóa XXIII)

Ngày 05/8/2023, Ban Thường vụ Huyện ủy họp nghe Ban Tuyên giáo Huyện ủy báo cáo.

                                          T/M BAN THƯỜNG VỤ
                                          PHÓ BÍ THƯ THƯỜNG TRỰC

                                          Vàng Seo Sính
";

    #[test]
    fn district_conclusion() {
        let m = extract_metadata(DISTRICT_CONCLUSION);
        assert_eq!(canonical(&m.number).as_deref(), Some("112-KL/HU"));
        assert_eq!(m.issuer_name.as_deref(), Some("Huyện ủy Xín Mần"));
        assert_eq!(m.doc_type, Some(DocType::KetLuan));
        assert_eq!(m.place.as_deref(), Some("Xín Mần"));
        assert_eq!(m.issued, date(2023, 8, 10));
        assert_eq!(
            m.title.as_deref(),
            Some("Về công tác tuyên giáo 6 tháng đầu năm 2023, nhiệm vụ 6 tháng cuối năm 2023 (khóa XXIII)")
        );
        assert_eq!(m.term.as_deref(), Some("XXIII"));
        let signer = m.signer.expect("signer");
        assert_eq!(signer.position.as_deref(), Some("Phó Bí thư Thường trực"));
        assert_eq!(signer.name.as_deref(), Some("Vàng Seo Sính"));
    }

    const STATE_DECREE: &str = "\
CHÍNH PHỦ                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
--------                         Độc lập - Tự do - Hạnh phúc
                                     ---------------
Số: 15/2020/NĐ-CP                 Hà Nội, ngày 03 tháng 02 năm 2020

                                  NGHỊ ĐỊNH
QUY ĐỊNH XỬ PHẠT VI PHẠM HÀNH CHÍNH TRONG LĨNH VỰC BƯU CHÍNH, VIỄN THÔNG, TẦN SỐ VÔ TUYẾN ĐIỆN,
CÔNG NGHỆ THÔNG TIN VÀ GIAO DỊCH ĐIỆN TỬ

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Căn cứ Luật Xử lý vi phạm hành chính số 15/2012/QH13 ngày 20 tháng 6 năm 2012;
Chính phủ ban hành Nghị định quy định xử phạt vi phạm hành chính; Nghị định này thay thế Nghị định số 174/2013/NĐ-CP ngày 13 tháng 11 năm 2013.

                                         TM. CHÍNH PHỦ
Nơi nhận:                                THỦ TƯỚNG
- Ban Bí thư Trung ương Đảng;
- Lưu: VT, CN (2b).
                                         Nguyễn Xuân Phúc
";

    #[test]
    fn state_decree() {
        let m = extract_metadata(STATE_DECREE);
        assert_eq!(canonical(&m.number).as_deref(), Some("15/2020/NĐ-CP"));
        assert_eq!(m.doc_type, Some(DocType::NghiDinh));
        assert_eq!(m.issuer_name.as_deref(), Some("Chính phủ"));
        assert_eq!(m.place.as_deref(), Some("Hà Nội"));
        assert_eq!(m.issued, date(2020, 2, 3));
        assert_eq!(
            m.title.as_deref(),
            Some("Quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông, tần số vô tuyến điện, công nghệ thông tin và giao dịch điện tử")
        );
        let signer = m.signer.expect("signer");
        assert_eq!(signer.authority.as_deref(), Some("TM. CHÍNH PHỦ"));
        assert_eq!(signer.position.as_deref(), Some("Thủ tướng"));
        assert_eq!(signer.name.as_deref(), Some("Nguyễn Xuân Phúc"));
    }

    #[test]
    fn state_decree_references() {
        let own = DocumentNumber::parse("15/2020/NĐ-CP");
        let refs = extract_references(STATE_DECREE, own.as_ref());
        let cited: Vec<(String, Option<NaiveDate>, Option<&str>)> = refs
            .iter()
            .map(|r| (r.number.canonical(), r.date, r.relation.as_deref()))
            .collect();
        assert_eq!(
            cited,
            vec![
                (
                    "15/2012/QH13".to_string(),
                    date(2012, 6, 20),
                    Some("căn cứ")
                ),
                (
                    "174/2013/NĐ-CP".to_string(),
                    date(2013, 11, 13),
                    Some("thay thế")
                ),
            ]
        );
    }

    const PROVINCIAL_DECISION: &str = "\
ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH HÀ GIANG                       Độc lập - Tự do - Hạnh phúc
--------                            ----------------
Số: 123/QĐ-UBND                 Hà Giang, ngày 05 tháng 3 năm 2021

                              QUYẾT ĐỊNH
           Về việc thành lập Ban Chỉ đạo 35 tỉnh Hà Giang

               CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Thành lập Ban Chỉ đạo 35 tỉnh Hà Giang.

                                       KT. CHỦ TỊCH
Nơi nhận:                              PHÓ CHỦ TỊCH
- Như Điều 3;
- Lưu: VT.                             Trần Đức Quý
";

    #[test]
    fn provincial_people_committee_decision() {
        let m = extract_metadata(PROVINCIAL_DECISION);
        let number = m.number.clone().expect("number");
        assert_eq!(number.canonical(), "123/QĐ-UBND");
        assert_eq!(number.form, NumberForm::State);
        assert_eq!(m.doc_type, Some(DocType::QuyetDinh));
        assert_eq!(
            m.issuer_name.as_deref(),
            Some("Ủy ban nhân dân tỉnh Hà Giang")
        );
        assert_eq!(m.issued, date(2021, 3, 5));
        assert_eq!(
            m.title.as_deref(),
            Some("Về việc thành lập Ban Chỉ đạo 35 tỉnh Hà Giang")
        );
        let signer = m.signer.expect("signer");
        assert_eq!(signer.authority.as_deref(), Some("KT. CHỦ TỊCH"));
        assert_eq!(signer.position.as_deref(), Some("Phó Chủ tịch"));
        assert_eq!(signer.name.as_deref(), Some("Trần Đức Quý"));
    }

    const OFFICIAL_LETTER: &str = "\
ỦY BAN NHÂN DÂN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN VỊ XUYÊN                      Độc lập - Tự do - Hạnh phúc
Số: 12/UBND-VX                 Vị Xuyên, ngày 10 tháng 01 năm 2024
V/v tăng cường công tác tuyên truyền
phòng, chống dịch bệnh trên địa bàn huyện

            Kính gửi: - Các cơ quan, đơn vị trên địa bàn huyện;
                      - Ủy ban nhân dân các xã, thị trấn.

Thực hiện Công văn số 45/SYT-NVY ngày 05/01/2024 của Sở Y tế về việc phòng, chống dịch bệnh mùa đông xuân, Ủy ban nhân dân huyện đề nghị các cơ quan thực hiện tốt.

                                         TM. ỦY BAN NHÂN DÂN
                                         KT. CHỦ TỊCH
Nơi nhận:                                PHÓ CHỦ TỊCH
- Như trên;
- Lưu: VT.
                                         Hoàng Văn Minh
";

    #[test]
    fn official_letter_with_subject_line() {
        let m = extract_metadata(OFFICIAL_LETTER);
        let number = m.number.clone().expect("number");
        assert_eq!(number.canonical(), "12/UBND-VX");
        assert_eq!(number.type_code, None);
        assert_eq!(m.doc_type, Some(DocType::CongVan));
        assert_eq!(
            m.issuer_name.as_deref(),
            Some("Ủy ban nhân dân huyện Vị Xuyên")
        );
        assert_eq!(m.place.as_deref(), Some("Vị Xuyên"));
        assert_eq!(m.issued, date(2024, 1, 10));
        assert_eq!(
            m.title.as_deref(),
            Some("Về việc tăng cường công tác tuyên truyền phòng, chống dịch bệnh trên địa bàn huyện")
        );
        let signer = m.signer.expect("signer");
        assert_eq!(
            signer.authority.as_deref(),
            Some("TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH")
        );
        assert_eq!(signer.name.as_deref(), Some("Hoàng Văn Minh"));
    }

    #[test]
    fn official_letter_cites_a_letter() {
        let refs = extract_references(OFFICIAL_LETTER, None);
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].number.canonical(), "45/SYT-NVY");
        assert_eq!(refs[0].date, date(2024, 1, 5));
        assert_eq!(refs[0].relation.as_deref(), Some("thực hiện"));
    }

    const SECRET_DOCUMENT: &str = "\
TỈNH ỦY HÀ GIANG                      ĐẢNG CỘNG SẢN VIỆT NAM
       *
Số 03-ĐA/TU                      Hà Giang, ngày 16 tháng 3 năm 2022
        MẬT

                                 ĐỀ ÁN
về đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng

Ban Thường vụ Tỉnh ủy yêu cầu bảo vệ bí mật nhà nước.
";

    #[test]
    fn secret_document() {
        let m = extract_metadata(SECRET_DOCUMENT);
        assert_eq!(m.classification, Classification::Mat);
        assert_eq!(m.urgency, None);
        assert_eq!(canonical(&m.number).as_deref(), Some("03-ĐA/TU"));
        assert_eq!(m.doc_type, Some(DocType::DeAn));
        assert_eq!(m.issuer_name.as_deref(), Some("Tỉnh ủy Hà Giang"));
        assert_eq!(
            m.title.as_deref(),
            Some("Về đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng")
        );
    }

    #[test]
    fn top_secret_marks() {
        let text = SECRET_DOCUMENT.replace("        MẬT\n", "        TUYỆT MẬT\n");
        assert_eq!(
            extract_metadata(&text).classification,
            Classification::TuyetMat
        );
        let text = SECRET_DOCUMENT.replace("        MẬT\n", "TỐI MẬT\n");
        assert_eq!(
            extract_metadata(&text).classification,
            Classification::ToiMat
        );
        let text = SECRET_DOCUMENT.replace("        MẬT\n", "   LƯU HÀNH NỘI BỘ\n");
        assert_eq!(
            extract_metadata(&text).classification,
            Classification::Internal
        );
        let text = SECRET_DOCUMENT.replace("        MẬT\n", "Mật\n");
        assert_eq!(extract_metadata(&text).classification, Classification::Mat);
    }

    #[test]
    fn secret_word_in_body_or_late_lines_is_no_mark() {
        let text = SECRET_DOCUMENT.replace("        MẬT\n", "");
        assert_eq!(
            extract_metadata(&text).classification,
            Classification::Public
        );
        let late = format!(
            "{}{}MẬT\n",
            SECRET_DOCUMENT.replace("        MẬT\n", ""),
            "dòng\n".repeat(30)
        );
        assert_eq!(
            extract_metadata(&late).classification,
            Classification::Public
        );
        let inline = "TỈNH ỦY HÀ GIANG\nSố 03-ĐA/TU\nĐề án này là tài liệu mật.\nmật\n";
        assert_eq!(
            extract_metadata(inline).classification,
            Classification::Public
        );
    }

    #[test]
    fn marks_glued_to_header_text_by_extractors() {
        let glued = "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY HÀ GIANG\nBAN TUYÊN GIÁO\n* MẬT\nSố 312-BC/BTGTU\nHà Giang, ngày 28 tháng 9 năm 2023\nBÁO CÁO\ntình hình tư tưởng\n";
        assert_eq!(extract_metadata(glued).classification, Classification::Mat);
        let column =
            "TỈNH ỦY HÀ GIANG TỐI MẬT\n*\nSố 58-KH/TU\nHà Giang, ngày 15 tháng 3 năm 2024\n";
        assert_eq!(
            extract_metadata(column).classification,
            Classification::ToiMat
        );
        let internal = "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY HÀ GIANG\n* LƯU HÀNH NỘI BỘ\nSố 17-ĐA/TU\n";
        assert_eq!(
            extract_metadata(internal).classification,
            Classification::Internal
        );
        let urgent = "BAN TUYÊN GIÁO KHẨN\n*\nSố 18-CV/BTGTU\n";
        assert_eq!(extract_metadata(urgent).urgency, Some(Urgency::Khan));
    }

    #[test]
    fn secrecy_words_in_capitals_are_not_marks() {
        for header in [
            "BAN CHỈ ĐẠO CÔNG TÁC BẢO VỆ BÍ MẬT\n*\nSố 12-QC/TU\n",
            "ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 12-QC/TU\nQUY CHẾ\nBẢO VỆ BÍ MẬT NHÀ NƯỚC\n",
            "ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 12-TB/TU\nTHÔNG BÁO\nVỀ TÌNH TRẠNG KHẨN CẤP\n",
        ] {
            let m = extract_metadata(header);
            assert_eq!(m.classification, Classification::Public, "{header}");
            assert_eq!(m.urgency, None, "{header}");
        }
    }

    const URGENT_LETTER: &str = "\
TỈNH ỦY HÀ GIANG                        ĐẢNG CỘNG SẢN VIỆT NAM
BAN TUYÊN GIÁO
      *                             Hà Giang, ngày 07 tháng 9 năm 2023
Số 234-CV/BTGTU KHẨN
V/v tổ chức hội nghị báo cáo viên
tháng 9 năm 2023

Kính gửi: Ban Tuyên giáo các huyện ủy, thành ủy.
";

    #[test]
    fn urgent_party_letter() {
        let m = extract_metadata(URGENT_LETTER);
        assert_eq!(m.urgency, Some(Urgency::Khan));
        assert_eq!(m.classification, Classification::Public);
        assert_eq!(canonical(&m.number).as_deref(), Some("234-CV/BTGTU"));
        assert_eq!(m.doc_type, Some(DocType::CongVan));
        assert_eq!(
            m.issuer_name.as_deref(),
            Some("Ban Tuyên giáo Tỉnh ủy Hà Giang")
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Về việc tổ chức hội nghị báo cáo viên tháng 9 năm 2023")
        );
    }

    #[test]
    fn urgency_levels_and_combined_marks() {
        let text = URGENT_LETTER.replace("KHẨN", "    THƯỢNG KHẨN");
        assert_eq!(extract_metadata(&text).urgency, Some(Urgency::ThuongKhan));
        let text = URGENT_LETTER.replace("KHẨN", "\nHOẢ TỐC");
        assert_eq!(extract_metadata(&text).urgency, Some(Urgency::HoaToc));
        let text = URGENT_LETTER.replace("KHẨN", "   KHẨN - MẬT");
        let m = extract_metadata(&text);
        assert_eq!(
            (m.urgency, m.classification),
            (Some(Urgency::Khan), Classification::Mat)
        );
    }

    const COPY_AT_END: &str = "\
TỈNH ỦY HÀ GIANG                        ĐẢNG CỘNG SẢN VIỆT NAM
       *
Số 11-QĐ/TU                       Hà Giang, ngày 26 tháng 10 năm 2016

                              QUY ĐỊNH
về trách nhiệm nêu gương của cán bộ, đảng viên

Ban Thường vụ Tỉnh ủy quy định như sau.

                                      T/M BAN THƯỜNG VỤ
                                      BÍ THƯ
                                      (Đã ký)
                                      Triệu Tài Vinh

TỈNH ỦY HÀ GIANG
ỦY BAN KIỂM TRA                              BẢN SAO
       *
Số 24-BS/UBKTTU                    Hà Giang, ngày 02 tháng 12 năm 2019
Nơi nhận:                                 T/L ỦY BAN KIỂM TRA
- Các đồng chí Ủy viên,                   CHÁNH VĂN PHÒNG
- Lưu VP.                                 Lê Thị Hoa
";

    #[test]
    fn copy_number_is_not_the_original_number() {
        let m = extract_metadata(COPY_AT_END);
        assert_eq!(canonical(&m.number).as_deref(), Some("11-QĐ/TU"));
        assert_eq!(canonical(&m.copy_number).as_deref(), Some("24-BS/UBKTTU"));
        assert_eq!(m.issued, date(2016, 10, 26));
        // The heading says Quy định although the Party code QĐ reads as Quyết định.
        assert_eq!(m.doc_type, Some(DocType::QuyDinh));
        assert_eq!(m.issuer_name.as_deref(), Some("Tỉnh ủy Hà Giang"));
    }

    #[test]
    fn copy_signer_is_not_the_original_signer() {
        let signer = extract_metadata(COPY_AT_END).signer.expect("signer");
        assert_eq!(signer.authority.as_deref(), Some("T/M BAN THƯỜNG VỤ"));
        assert_eq!(signer.position.as_deref(), Some("Bí thư"));
        assert_eq!(signer.name.as_deref(), Some("Triệu Tài Vinh"));
    }

    #[test]
    fn copy_block_on_top() {
        let text = "\
TỈNH ỦY HÀ GIANG
ỦY BAN KIỂM TRA                              BẢN SAO
Số 24-BS/UBKTTU                    Hà Giang, ngày 02 tháng 12 năm 2019
BAN CHẤP HÀNH TRUNG ƯƠNG                     ĐẢNG CỘNG SẢN VIỆT NAM
       *
Số 05-CT/TW                          Hà Nội, ngày 15 tháng 5 năm 2016

                               CHỈ THỊ
                           CỦA BỘ CHÍNH TRỊ
về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
";
        let m = extract_metadata(text);
        assert_eq!(canonical(&m.number).as_deref(), Some("05-CT/TW"));
        assert_eq!(canonical(&m.copy_number).as_deref(), Some("24-BS/UBKTTU"));
        assert_eq!(m.issued, date(2016, 5, 15));
        assert_eq!(m.place.as_deref(), Some("Hà Nội"));
        assert_eq!(m.issuer_name.as_deref(), Some("Bộ Chính trị"));
        assert!(extract_references(text, None).is_empty());
    }

    const INTERLEAVED_REPRINT: &str = "\
ĐẢNG CỘNG SẢN VIỆT NAM BAN CHẤP HÀNH TRUNG ƯƠNG
Hà Nội, ngày 15 tháng 5
năm 2016 *
Số: 05-
CT/TW
CHỈ THỊ
của Bộ Chính trị
về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách
Hồ Chí Minh

Sau 5 năm thực hiện Chỉ thị số 03-CT/TW, ngày 14-5-2011 của Bộ Chính trị.
";

    #[test]
    fn reprint_with_interleaved_columns() {
        let m = extract_metadata(INTERLEAVED_REPRINT);
        assert_eq!(canonical(&m.number).as_deref(), Some("05-CT/TW"));
        assert_eq!(m.issuer_name.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(m.issued, date(2016, 5, 15));
        assert_eq!(m.doc_type, Some(DocType::ChiThi));
        assert_eq!(
            m.title.as_deref(),
            Some("Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
        );
        let refs = extract_references(INTERLEAVED_REPRINT, None);
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].date, date(2011, 5, 14));
    }

    #[test]
    fn right_column_first_and_ocr_noise() {
        let text = "\
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 15 tháng 5 năm 2016
BAN CHẤP HÀNH TRUNG ƯƠNG
*
S6 O5–CT/ TƯ
CHỈ THỊ
";
        let m = extract_metadata(text);
        assert_eq!(canonical(&m.number).as_deref(), Some("05-CT/TW"));
        assert_eq!(m.issuer_name.as_deref(), Some("Ban Chấp hành Trung ương"));
        assert_eq!(m.issued, date(2016, 5, 15));
    }

    #[test]
    fn party_resolution_heading_with_conference_and_term() {
        let text = "\
BAN CHẤP HÀNH TRUNG ƯƠNG                  ĐẢNG CỘNG SẢN VIỆT NAM
       *
Số 27-NQ/TW                       Hà Nội, ngày 09 tháng 11 năm 2022

                               NGHỊ QUYẾT
            HỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIII
   về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa
                       Việt Nam trong giai đoạn mới
";
        let m = extract_metadata(text);
        assert_eq!(m.doc_type, Some(DocType::NghiQuyet));
        assert_eq!(m.term.as_deref(), Some("XIII"));
        assert_eq!(m.issuer_name.as_deref(), Some("Ban Chấp hành Trung ương"));
        assert_eq!(
            m.title.as_deref(),
            Some("Về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới")
        );
    }

    #[test]
    fn dates_in_digits_and_words() {
        let header =
            |date_line: &str| format!("TỈNH ỦY HÀ GIANG\nSố 05-CT/TU      {date_line}\nCHỈ THỊ\n");
        let issued = |line: &str| extract_metadata(&header(line)).issued;
        assert_eq!(issued("Hà Giang, ngày 15/5/2016"), date(2016, 5, 15));
        assert_eq!(issued("Hà Giang, ngày 15-5-2016"), date(2016, 5, 15));
        assert_eq!(issued("Hà Giang, 15-5-2016"), date(2016, 5, 15));
        assert_eq!(
            issued("Hà Giang, ngày 05 tháng 01 năm 2018"),
            date(2018, 1, 5)
        );
        assert_eq!(
            issued("Hà Giang, ngày 5 tháng 1\nnăm 2018"),
            date(2018, 1, 5)
        );
        assert_eq!(
            issued("Hà Giang, Ngày 5 Tháng 1 Năm 2018"),
            date(2018, 1, 5)
        );
    }

    #[test]
    fn place_and_date_written_in_words() {
        let header = |date_line: &str| {
            format!("ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY NAM ĐÀN\n*\nSố 11-CT/HU\n{date_line}\n\nCHỈ THỊ\nvề việc thử\n")
        };
        for (line, issued) in [
            (
                "Nam Đàn, ngày mười lăm tháng năm năm 2019",
                date(2019, 5, 15),
            ),
            ("Nam Đàn, ngày mười tháng hai năm 2023", date(2023, 2, 10)),
            (
                "Nam Đàn, ngày hai mươi mốt tháng mười hai năm 2021",
                date(2021, 12, 21),
            ),
            ("Nam Đàn, ngày 15 tháng Năm năm 2019", date(2019, 5, 15)),
            ("Nam Đàn, ngày mồng ba tháng tư năm 2020", date(2020, 4, 3)),
            ("Nam Đàn, ngày mùng 3 tháng 4 năm 2020", date(2020, 4, 3)),
            (
                "Nam Đàn, ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi",
                date(2020, 11, 20),
            ),
        ] {
            let m = extract_metadata(&header(line));
            assert_eq!(
                (m.place.as_deref(), m.issued),
                (Some("Nam Đàn"), issued),
                "{line}"
            );
        }
        let cited =
            "Thực hiện Chỉ thị số 05-CT/TW, ngày mười lăm tháng năm năm 2016 của Bộ Chính trị.";
        let refs = extract_references(cited, None);
        assert_eq!(refs[0].date, date(2016, 5, 15));
    }

    #[test]
    fn invalid_and_two_digit_year_dates_are_ignored() {
        let header =
            |date_line: &str| format!("TỈNH ỦY HÀ GIANG\nSố 05-CT/TU      {date_line}\nCHỈ THỊ\n");
        assert_eq!(
            extract_metadata(&header("Hà Giang, ngày 31 tháng 2 năm 2020")).issued,
            None
        );
        assert_eq!(
            extract_metadata(&header("Hà Giang, ngày 15/5/16")).issued,
            None
        );
        assert_eq!(
            extract_metadata(&header("Hà Giang, ngày 15/13/2016")).issued,
            None
        );
    }

    #[test]
    fn header_without_place_uses_a_worded_date() {
        let text = "HUYỆN ỦY XÍN MẦN\nSố 05-CT/HU\nngày 15 tháng 5 năm 2016\nCHỈ THỊ\n";
        let m = extract_metadata(text);
        assert_eq!((m.issued, m.place), (date(2016, 5, 15), None));
    }

    #[test]
    fn seed_paragraph_references() {
        // From seeds/003: a provincial report listing reviews of central documents.
        let text = "Tham mưu tiến hành sơ kết, tổng kết các chỉ thị, nghị quyết, kết luận của Đảng đúng mục đích, yêu cầu như: Tổng kết 10 năm thực hiện Chỉ thị 19-CT/TW, ngày 05/11/2012 của Ban Chấp hành Trung ương Đảng khóa XI về tăng cường sự lãnh đạo của Đảng đối với công tác đối với công tác dạy nghề cho lao động nông thôn; Tổng kết 15 năm thực hiện Chỉ thị 17-CT/TW, ngày 15/10/2007 của Ban Bí thư Trung ương Đảng (khóa X) về tiếp tục đổi mới chất lượng hiệu quả công tác tuyên truyền miệng trong tình hình mới; Tổng kết 15 năm thực hiện Nghị quyết số 27-NQ/TW, ngày 06/8/2008 của Hội nghị Trung ương 7 khóa X về xây dựng đội ngũ tri thức trong thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước; Sơ kết 5 năm thực hiện Chỉ thị số 07-CT/TW, ngày 05/9/2016 của Ban Bí thư Trung ương Đảng, khóa XII, về đẩy mạnh công tác thông tin cơ sở trong tình hình mới…";
        let refs = extract_references(text, None);
        let cited: Vec<(String, Option<NaiveDate>, Option<&str>)> = refs
            .iter()
            .map(|r| (r.number.canonical(), r.date, r.relation.as_deref()))
            .collect();
        assert_eq!(
            cited,
            vec![
                ("19-CT/TW".to_string(), date(2012, 11, 5), Some("tổng kết")),
                ("17-CT/TW".to_string(), date(2007, 10, 15), Some("tổng kết")),
                ("27-NQ/TW".to_string(), date(2008, 8, 6), Some("tổng kết")),
                ("07-CT/TW".to_string(), date(2016, 9, 5), Some("sơ kết")),
            ]
        );
        for r in &refs {
            assert_eq!(
                DocumentNumber::parse(&text[r.byte_range.clone()]).as_ref(),
                Some(&r.number)
            );
        }
    }

    #[test]
    fn seed_paragraph_references_follow_the_verb() {
        // From seeds/002.
        let text = "Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, Ban Thường vụ Đảng uỷ Khối lãnh đạo, chỉ đạo thực hiện tốt các nội dung theo yêu cầu của Trung ương.";
        let refs = extract_references(text, None);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].number.canonical(), "01-KL/TW");
        assert_eq!(refs[0].date, date(2021, 5, 18));
        assert_eq!(refs[0].relation.as_deref(), Some("thực hiện"));
        assert_eq!(refs[1].number.canonical(), "05-CT/TW");
        assert_eq!(refs[1].date, date(2016, 5, 15));
        assert_eq!(refs[1].relation.as_deref(), Some("thực hiện"));
    }

    #[test]
    fn short_forms_are_not_references_and_ranges_survive_odd_characters() {
        let text = "Tiếp tục thực hiện Chỉ thị 05 và Nghị quyết 27; căn cứ Quyết định số 238–QĐ/T.Ư ngày 30/9/2020.";
        let refs = extract_references(text, None);
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].number.canonical(), "238-QĐ/TW");
        assert_eq!(&text[refs[0].byte_range.clone()], "238–QĐ/T.Ư");
        assert_eq!(refs[0].relation.as_deref(), Some("căn cứ"));
        assert_eq!(refs[0].date, date(2020, 9, 30));
    }

    #[test]
    fn relation_verbs() {
        let relation = |text: &str| {
            extract_references(text, None)
                .first()
                .and_then(|r| r.relation.clone())
        };
        assert_eq!(
            relation("Sửa đổi, bổ sung Quy định số 66-QĐ/TW").as_deref(),
            Some("sửa đổi")
        );
        assert_eq!(
            relation("Bãi bỏ Quyết định số 12/QĐ-UBND").as_deref(),
            Some("bãi bỏ")
        );
        assert_eq!(
            relation("Hướng dẫn thực hiện Quy định số 85-QĐ/TW").as_deref(),
            Some("hướng dẫn thực hiện")
        );
        assert_eq!(relation("Theo Quy định số 85-QĐ/TW").as_deref(), None);
        assert_eq!(
            relation("Thực hiện tốt công tác. Theo Quy định số 85-QĐ/TW").as_deref(),
            None
        );
    }

    #[test]
    fn capital_subjects_keep_numbers_and_bodies() {
        assert_eq!(
            sentence_case_title("KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ ĐỀ ÁN SỐ 17-ĐA/TU VÀ NGHỊ ĐỊNH 15/2020/NĐ-CP"),
            "Kết luận của Ban Thường vụ Tỉnh ủy về Đề án số 17-ĐA/TU và Nghị định 15/2020/NĐ-CP"
        );
        // A type name without its number stays a common noun.
        assert_eq!(
            sentence_case_title("VỀ VIỆC BAN HÀNH QUY ĐỊNH VỀ CHẾ ĐỘ BÁO CÁO"),
            "Về việc ban hành quy định về chế độ báo cáo"
        );
    }

    #[test]
    fn a_term_named_in_the_body_belongs_to_another_document() {
        let text = "ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 05-CT/TW\nHà Nội, ngày 15 tháng 5 năm 2016\n\nCHỈ THỊ\nCỦA BỘ CHÍNH TRỊ\nvề đẩy mạnh học tập\n\nSau năm năm thực hiện Chỉ thị số 03-CT/TW, ngày 14/5/2011 của Bộ Chính trị\nkhóa XI về tiếp tục đẩy mạnh việc học tập, gắn với Nghị quyết Trung ương 4 khóa XI.\n";
        assert_eq!(extract_metadata(text).term, None);
        let heading = text.replace("CỦA BỘ CHÍNH TRỊ\n", "CỦA BỘ CHÍNH TRỊ KHÓA XII\n");
        assert_eq!(extract_metadata(&heading).term.as_deref(), Some("XII"));
    }

    #[test]
    fn a_dated_document_in_a_letter_subject_is_not_the_letter_date() {
        let letter = "ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 2228/UBND-KGVX\nV/v triển khai thực hiện Quyết định số 664/QĐ-TTg, ngày 09/05/1997\ncủa Thủ tướng Chính phủ\nCà Mau, ngày 20 tháng 5 năm 1997\n\nKính gửi: Sở Tài chính.\n\nNội dung.\n";
        let m = extract_metadata(letter);
        assert_eq!(m.issued, date(1997, 5, 20));
        assert_eq!(m.place.as_deref(), Some("Cà Mau"));
        let by_place = letter.replace(
            "Quyết định số 664/QĐ-TTg, ngày 09/05/1997\ncủa Thủ tướng Chính phủ",
            "Kế hoạch của Ủy ban nhân dân tỉnh Hà Giang, ngày 15/5/1997",
        );
        let m = extract_metadata(&by_place);
        assert_eq!(m.issued, date(1997, 5, 20));
        assert_eq!(
            m.title.as_deref(),
            Some("Về việc triển khai thực hiện Kế hoạch của Ủy ban nhân dân tỉnh Hà Giang, ngày 15/5/1997")
        );
    }

    #[test]
    fn a_cited_documents_term_on_a_wrapped_title_line_is_not_the_documents() {
        let plan = "ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG BỘ TỈNH HÀ GIANG\nHUYỆN ỦY BẮC QUANG\n*\nSố 85-KH/HU\nBắc Quang, ngày 19 tháng 2 năm 1998\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 09-NQ/TU, ngày 10/11/1997 của Ban Chấp hành Đảng\nbộ tỉnh (khóa XII) về giảm nghèo bền vững\n-----\n\nNội dung.\n";
        let m = extract_metadata(plan);
        assert_eq!(m.term, None);
        assert_eq!(m.term_number(), None);
        let capitals = plan.replace(
            "thực hiện Nghị quyết số 09-NQ/TU, ngày 10/11/1997 của Ban Chấp hành Đảng\nbộ tỉnh (khóa XII) về giảm nghèo bền vững",
            "THỰC HIỆN NGHỊ QUYẾT SỐ 09-NQ/TU, NGÀY 10/11/1997 CỦA BAN CHẤP HÀNH ĐẢNG\nBỘ TỈNH (KHÓA XII) VỀ GIẢM NGHÈO BỀN VỮNG",
        );
        assert_eq!(extract_metadata(&capitals).term, None);
        // Its own term in parentheses on the title still counts.
        let own = plan.replace(
            "thực hiện Nghị quyết số 09-NQ/TU, ngày 10/11/1997 của Ban Chấp hành Đảng\nbộ tỉnh (khóa XII) về",
            "của Ban Thường vụ Huyện ủy về công tác tuyên giáo năm 1998,\nnhiệm vụ năm 1998 (khóa XIX) về",
        );
        assert_eq!(extract_metadata(&own).term.as_deref(), Some("XIX"));
    }

    #[test]
    fn a_term_in_parentheses_in_the_body_is_another_documents() {
        let text = "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY HÀ GIANG\n*\nSố 18-KH/TU\nHà Giang, ngày 04 tháng 7 năm 2017\n\nKẾ HOẠCH\nthực hiện công tác xây dựng Đảng năm 2017\n-----\n\nGắn với thực hiện Nghị quyết Trung ương 4 (khóa XII) về tăng cường xây dựng, chỉnh đốn Đảng, Ban Thường vụ Tỉnh ủy ban hành kế hoạch.\n";
        assert_eq!(extract_metadata(text).term, None);
    }

    #[test]
    fn term_number_stated_or_from_the_central_date() {
        // 27-NQ/TW of 2022 states khóa XIII; without the heading its date says the same.
        let nq27 = "ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 27-NQ/TW\nHà Nội, ngày 09 tháng 11 năm 2022\n\nNGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII\nvề tiếp tục xây dựng Nhà nước pháp quyền\n-----\n\nNội dung.\n";
        assert_eq!(extract_metadata(nq27).term_number(), Some(13));
        let unstated = nq27.replace(" KHÓA XIII", "");
        assert_eq!(extract_metadata(&unstated).term_number(), Some(13));
        let early_2021 = unstated.replace("09 tháng 11 năm 2022", "20 tháng 01 năm 2021");
        assert_eq!(extract_metadata(&early_2021).term_number(), Some(12));
        let m = extract_metadata(CENTRAL_DIRECTIVE);
        assert_eq!(m.term, None, "khóa XI there is a cited document's");
        assert_eq!(m.term_number(), Some(12));
        // A province numbers its own terms: only a stated one counts.
        let province = unstated
            .replace(
                "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 27-NQ/TW\nHà Nội",
                "TỈNH ỦY HÀ GIANG\n*\nSố 27-NQ/TU\nHà Giang",
            )
            .replace(
                "HỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG",
                "HỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH ĐẢNG BỘ TỈNH",
            );
        assert_eq!(extract_metadata(&province).term_number(), None);
        let stated = province.replace("ĐẢNG BỘ TỈNH\n", "ĐẢNG BỘ TỈNH KHÓA XVII\n");
        assert_eq!(extract_metadata(&stated).term_number(), Some(17));
        let state = Metadata {
            number: DocumentNumber::parse("15/2020/NĐ-CP"),
            issued: date(2020, 2, 3),
            ..Metadata::default()
        };
        assert_eq!(state.term_number(), None);
    }

    #[test]
    fn sentence_case_of_bodies() {
        let cases = [
            ("BAN CHẤP HÀNH TRUNG ƯƠNG", "Ban Chấp hành Trung ương"),
            ("TỈNH UỶ HÀ GIANG", "Tỉnh ủy Hà Giang"),
            (
                "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG",
                "Ủy ban nhân dân tỉnh Hà Giang",
            ),
            (
                "UBND THÀNH PHỐ HỒ CHÍ MINH",
                "Ủy ban nhân dân thành phố Hồ Chí Minh",
            ),
            ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "Bộ Giáo dục và Đào tạo"),
            ("BỘ NỘI VỤ", "Bộ Nội vụ"),
            ("ĐẢNG BỘ TỈNH LÀO CAI", "Đảng bộ tỉnh Lào Cai"),
            ("PHÓ CHỦ TỊCH THƯỜNG TRỰC", "Phó Chủ tịch Thường trực"),
        ];
        for (upper, expected) in cases {
            assert_eq!(sentence_case_name(upper), expected, "{upper}");
        }
    }

    #[test]
    fn issuer_from_parent_and_sub_body() {
        let name =
            |cells: &[&str]| issuer_name(&cells.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        assert_eq!(
            name(&["BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TUYÊN GIÁO"]).as_deref(),
            Some("Ban Tuyên giáo Trung ương")
        );
        assert_eq!(
            name(&["TỈNH ỦY LÀO CAI", "ỦY BAN KIỂM TRA"]).as_deref(),
            Some("Ủy ban Kiểm tra Tỉnh ủy Lào Cai")
        );
        assert_eq!(
            name(&["UBND TỈNH HÀ GIANG", "SỞ NỘI VỤ"]).as_deref(),
            Some("Sở Nội vụ tỉnh Hà Giang")
        );
        assert_eq!(
            name(&["ĐẢNG BỘ TỈNH HÀ GIANG", "HUYỆN ỦY BẮC MÊ", "BAN TUYÊN GIÁO"]).as_deref(),
            Some("Ban Tuyên giáo Huyện ủy Bắc Mê")
        );
        assert_eq!(name(&["BỘ NỘI VỤ"]).as_deref(), Some("Bộ Nội vụ"));
        assert_eq!(name(&[]), None);
        // A body whose name ends in a bare unit takes the place from its parent line.
        assert_eq!(
            name(&["ĐẢNG BỘ TỈNH BẮC NINH", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"]).as_deref(),
            Some("Đảng ủy Khối các cơ quan tỉnh Bắc Ninh")
        );
        assert_eq!(
            name(&["TỈNH ỦY BẮC NINH", "ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH"]).as_deref(),
            Some("Đảng ủy Khối doanh nghiệp tỉnh Bắc Ninh")
        );
        assert_eq!(
            name(&["ĐẢNG BỘ HUYỆN NAM ĐÀN", "ĐẢNG ỦY XÃ KIM LIÊN"]).as_deref(),
            Some("Đảng ủy xã Kim Liên")
        );
    }

    #[test]
    fn term_of_the_issuer_speaking_not_of_a_cited_document() {
        let central = "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 05-CT/TW\nHà Nội, ngày 23 tháng 6 năm 2021\n\nCHỈ THỊ\nCỦA BAN BÍ THƯ\nvề tăng cường công tác giảm nghèo\n-----\n\nĐể thực hiện mục tiêu giảm nghèo, Ban Bí thư Trung ương Đảng khóa XIII yêu cầu các cấp ủy thực hiện tốt.\n";
        let m = extract_metadata(central);
        assert_eq!(m.issuer_name.as_deref(), Some("Ban Bí thư"));
        assert_eq!(m.term.as_deref(), Some("XIII"));
        // Another body, or no verb of its own: no term.
        let other = central.replace(
            "Ban Bí thư Trung ương Đảng khóa XIII yêu cầu",
            "Bộ Chính trị khóa XII đã yêu cầu",
        );
        assert_eq!(extract_metadata(&other).term, None);
        let cited = central.replace(
            "Ban Bí thư Trung ương Đảng khóa XIII yêu cầu",
            "thực hiện Chỉ thị 15 của Ban Bí thư khóa XI yêu cầu",
        );
        assert_eq!(extract_metadata(&cited).term, None);

        // "30-CT/T.Ư, ngày … của Bộ Chính trị (khóa VIII)": the dot of T.Ư ends no clause.
        let commune = "ĐẢNG BỘ HUYỆN NAM ĐÀN\nĐẢNG ỦY XÃ KIM LIÊN\n*\nSố 156-BC/ĐU\nKim Liên, ngày mười tháng hai năm 2023\n\nBÁO CÁO\ntổng kết 25 năm thực hiện Chỉ thị số 30-CT/TW của Bộ Chính trị (khóa VIII) về dân chủ ở cơ sở\n-----\n\nThực hiện Hướng dẫn về tổng kết Chỉ thị số 30-CT/T.Ư, ngày 18/02/1998 của Bộ Chính trị (khóa VIII), Đảng ủy xã báo cáo như sau.\n";
        let m = extract_metadata(commune);
        assert_eq!(m.term, None);
        assert_eq!(m.issued, date(2023, 2, 10));
        assert_eq!(m.issuer_name.as_deref(), Some("Đảng ủy xã Kim Liên"));
        let short_form = commune.replace("Chỉ thị số 30-CT/T.Ư, ngày 18/02/1998", "Chỉ thị 30");
        assert_eq!(extract_metadata(&short_form).term, None);
    }

    #[test]
    fn long_subject_in_capitals_naming_bodies_is_the_title() {
        let subject = "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 15/2020/NĐ-CP NGÀY 03 THÁNG 02 NĂM 2020 CỦA CHÍNH PHỦ QUY ĐỊNH XỬ PHẠT VI PHẠM HÀNH CHÍNH TRONG LĨNH VỰC BƯU CHÍNH, VIỄN THÔNG, TẦN SỐ VÔ TUYẾN ĐIỆN, CÔNG NGHỆ THÔNG TIN VÀ GIAO DỊCH ĐIỆN TỬ VÀ NGHỊ ĐỊNH SỐ 119/2020/NĐ-CP NGÀY 07 THÁNG 10 NĂM 2020 CỦA CHÍNH PHỦ QUY ĐỊNH XỬ PHẠT VI PHẠM HÀNH CHÍNH TRONG HOẠT ĐỘNG BÁO CHÍ, HOẠT ĐỘNG XUẤT BẢN";
        let text = format!("CHÍNH PHỦ                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n-------                               Độc lập - Tự do - Hạnh phúc\nSố: 14/2022/NĐ-CP                      Hà Nội, ngày 27 tháng 01 năm 2022\n\nNGHỊ ĐỊNH\n{subject}\n\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n");
        let title = extract_metadata(&text).title.expect("title");
        assert!(
            title.starts_with("Sửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP ngày 03 tháng 02 năm 2020 của Chính phủ quy định"),
            "{title}"
        );
        assert!(title.ends_with("hoạt động xuất bản"), "{title}");
        // A wrapped conference line with the term is still the issuer line, not the subject.
        let wrapped = "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 27-NQ/TW\nHà Nội, ngày 09 tháng 11 năm 2022\n\nNGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH\nTRUNG ƯƠNG ĐẢNG KHÓA XIII\nvề tiếp tục xây dựng Nhà nước pháp quyền\n";
        let m = extract_metadata(wrapped);
        assert_eq!(
            m.title.as_deref(),
            Some("Về tiếp tục xây dựng Nhà nước pháp quyền")
        );
        assert_eq!(m.term.as_deref(), Some("XIII"));
    }

    #[test]
    fn subject_wrapped_across_a_blank_line() {
        let text = "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM\n\n*\n\nSố 27-NQ/TW Hà Nội, ngày 09 tháng 11 năm 2022\n\nNGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII\n\nvề tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai\n\nđoạn mới\n\nNội dung.\n";
        assert_eq!(
            extract_metadata(text).title.as_deref(),
            Some("Về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới")
        );
        // Two blank lines, a finished sentence or a capitalized line end it.
        for end in [
            "giai\n\n\nđoạn mới",
            "giai.\n\nđoạn mới",
            "giai\n\nĐoạn mới",
        ] {
            let text = text.replace("giai\n\nđoạn mới", end);
            let title = extract_metadata(&text).title.unwrap();
            assert!(!title.contains("oạn mới"), "{end}: {title}");
        }
    }

    #[test]
    fn modern_tone_placement() {
        assert_eq!(
            modern_tone("hoà bình, khoá XIII, Tỉnh uỷ, quý, toàn, khoẻ"),
            "hòa bình, khóa XIII, Tỉnh ủy, quý, toàn, khỏe"
        );
        assert_eq!(modern_tone("TỈNH UỶ HOÀ BÌNH"), "TỈNH ỦY HÒA BÌNH");
    }

    #[test]
    fn classification_codes_labels_levels() {
        for c in Classification::ALL {
            assert_eq!(Classification::from_code(c.code()), Some(c));
        }
        assert_eq!(Classification::TuyetMat.label(), "Tuyệt mật");
        assert_eq!(Classification::Public.label(), "");
        assert_eq!(Classification::Internal.level(), 1);
        assert_eq!(Classification::TuyetMat.level(), 4);
        assert!(Classification::ToiMat > Classification::Mat);
        assert_eq!(Classification::from_code("secret"), None);
        assert_eq!(Urgency::HoaToc.label(), "Hỏa tốc");
        assert_eq!(
            Urgency::from_code(Urgency::ThuongKhan.code()),
            Some(Urgency::ThuongKhan)
        );
    }

    #[test]
    fn doc_type_codes() {
        assert_eq!(
            DocType::from_code("TT", NumberForm::Party),
            Some(DocType::ThongTri)
        );
        assert_eq!(
            DocType::from_code("TT", NumberForm::State),
            Some(DocType::ThongTu)
        );
        assert_eq!(
            DocType::from_code("QĐ", NumberForm::Party),
            Some(DocType::QuyetDinh)
        );
        assert_eq!(
            DocType::from_code("QyĐ", NumberForm::State),
            Some(DocType::QuyDinh)
        );
        assert_eq!(
            DocType::from_code("CTr", NumberForm::Party),
            Some(DocType::ChuongTrinh)
        );
        assert_eq!(
            DocType::from_code("DA", NumberForm::Party),
            Some(DocType::DeAn)
        );
        assert_eq!(DocType::from_code("DA", NumberForm::State), None);
        assert_eq!(
            DocType::from_code("nd", NumberForm::State),
            Some(DocType::NghiDinh)
        );
        assert_eq!(DocType::from_code("XYZ", NumberForm::State), None);
        assert_eq!(DocType::all().len(), 22);
        for t in DocType::all() {
            assert!(!t.code().is_empty() && !t.name().is_empty());
        }
        assert_eq!(DocType::SachLichSu.name(), "Sách lịch sử");
        for t in DocType::all() {
            let form = if *t == DocType::ThongTu {
                NumberForm::State
            } else {
                NumberForm::Party
            };
            assert_eq!(DocType::from_code(t.code(), form), Some(*t), "{t:?}");
        }
    }

    #[test]
    fn dates_serialize_as_iso_strings() {
        assert_eq!(
            iso_date::to_text(&NaiveDate::from_ymd_opt(2016, 5, 5).expect("date")),
            "2016-05-05"
        );
        assert_eq!(
            iso_date::from_text("2016-05-15"),
            Ok(NaiveDate::from_ymd_opt(2016, 5, 15).expect("date"))
        );
        assert!(iso_date::from_text("15/5/2016").is_err());
        fn assert_serde<T: Serialize + for<'de> Deserialize<'de>>() {}
        assert_serde::<Metadata>();
        assert_serde::<Reference>();
    }

    #[test]
    fn empty_and_plain_text() {
        assert_eq!(extract_metadata(""), Metadata::default());
        let plain =
            extract_metadata("Lịch sử Đảng bộ huyện Xín Mần\nChương mở đầu\nĐất và người Xín Mần.");
        assert_eq!(plain.number, None);
        assert_eq!(plain.classification, Classification::Public);
        assert!(extract_references("", None).is_empty());
    }

    #[test]
    fn pages_joined_by_form_feed() {
        let text = CENTRAL_DIRECTIVE.replace("1. Đẩy mạnh học tập", "\n\u{C}\n1. Đẩy mạnh học tập");
        let m = extract_metadata(&text);
        assert_eq!(canonical(&m.number).as_deref(), Some("05-CT/TW"));
        assert_eq!(
            m.signer.and_then(|s| s.name).as_deref(),
            Some("Đinh Thế Huynh")
        );
    }

    #[test]
    fn eth_in_the_header_number() {
        let text =
            "TỈNH ỦY LÀO CAI\nSố 17-\u{00D0}A/TU      Lào Cai, ngày 05 tháng 01 năm 2016\nĐỀ ÁN\n";
        let m = extract_metadata(text);
        assert_eq!(canonical(&m.number).as_deref(), Some("17-ĐA/TU"));
        assert_eq!(m.doc_type, Some(DocType::DeAn));
        assert_eq!(m.issuer_name.as_deref(), Some("Tỉnh ủy Lào Cai"));
    }

    #[test]
    fn doc_type_from_the_number_without_heading() {
        let text = "TỈNH ỦY HÀ GIANG\nSố 05-TT/TU\nHà Giang, ngày 05 tháng 01 năm 2016\n";
        assert_eq!(extract_metadata(text).doc_type, Some(DocType::ThongTri));
        let text = "BỘ NỘI VỤ\nSố: 01/2018/TT-BNV\nHà Nội, ngày 05 tháng 01 năm 2018\n";
        let m = extract_metadata(text);
        assert_eq!(m.doc_type, Some(DocType::ThongTu));
        assert_eq!(m.issuer_name.as_deref(), Some("Bộ Nội vụ"));
    }

    #[test]
    fn own_number_repeated_in_body_is_no_reference() {
        let text = "Chỉ thị 05-CT/TW được quán triệt; thực hiện Chỉ thị số 05-CT/TW và Kế hoạch số 369-KH/BTGTW.";
        let own = DocumentNumber::parse("05-CT/TW");
        let refs = extract_references(text, own.as_ref());
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].number.canonical(), "369-KH/BTGTW");
        assert_eq!(extract_references(text, None).len(), 3);
    }

    #[test]
    fn references_across_a_line_break_and_in_words_dates() {
        let text =
            "Căn cứ Quy định số 66-\nQĐ/TW ngày 06 tháng 02 năm 2017 của Ban Chấp hành Trung ương.";
        let refs = extract_references(text, None);
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].number.canonical(), "66-QĐ/TW");
        assert_eq!(refs[0].date, date(2017, 2, 6));
        assert_eq!(&text[refs[0].byte_range.clone()], "66-\nQĐ/TW");
    }

    #[test]
    fn signer_without_authority_line() {
        let text = "HUYỆN ỦY BẮC MÊ\nSố 12-TB/HU\nTHÔNG BÁO\nvề lịch công tác\n\nNội dung.\n\n    BÍ THƯ\n    (Đã ký)\n    Nguyễn Văn An\n";
        let signer = extract_metadata(text).signer.expect("signer");
        assert_eq!(signer.authority, None);
        assert_eq!(signer.position.as_deref(), Some("Bí thư"));
        assert_eq!(signer.name.as_deref(), Some("Nguyễn Văn An"));
    }

    #[test]
    fn signer_name_in_capitals() {
        let text = "BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 01-KL/TW\nKẾT LUẬN\ncủa Bộ Chính trị\nvề tiếp tục thực hiện\n\nNội dung.\n\nT/M BỘ CHÍNH TRỊ\nTHƯỜNG TRỰC BAN BÍ THƯ\nVÕ VĂN THƯỞNG\n";
        let m = extract_metadata(text);
        let signer = m.signer.expect("signer");
        assert_eq!(signer.name.as_deref(), Some("Võ Văn Thưởng"));
        assert_eq!(m.issuer_name.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(m.title.as_deref(), Some("Về tiếp tục thực hiện"));
    }

    #[test]
    fn guidance_with_lowercase_subject_and_separator() {
        let text = "BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG\n*\nSố 36-HD/VPTW      Hà Nội, ngày 03 tháng 4 năm 2018\n\nHƯỚNG DẪN\nthể thức và kỹ thuật trình bày văn bản của Đảng\n-----\nCăn cứ Quy định số 66-QĐ/TW.\n";
        let m = extract_metadata(text);
        assert_eq!(m.doc_type, Some(DocType::HuongDan));
        assert_eq!(m.issuer_name.as_deref(), Some("Văn phòng Trung ương"));
        assert_eq!(
            m.title.as_deref(),
            Some("Thể thức và kỹ thuật trình bày văn bản của Đảng")
        );
        assert_eq!(m.issued, date(2018, 4, 3));
    }

    #[test]
    fn body_marks_after_the_heading_region_do_not_count() {
        let mut text = String::from("TỈNH ỦY HÀ GIANG\nSố 05-CT/TU\nCHỈ THỊ\nvề bảo vệ bí mật\n\n");
        for i in 0..30 {
            text.push_str(&format!("Đoạn {i} về công tác bảo mật.\n"));
        }
        text.push_str("TUYỆT MẬT\n");
        assert_eq!(
            extract_metadata(&text).classification,
            Classification::Public
        );
    }

    #[test]
    fn state_copy_number_on_a_certified_copy() {
        let text = format!(
            "{STATE_DECREE}\nVĂN PHÒNG UBND TỈNH          SAO Y BẢN CHÍNH\nSố: 12/SY-VPUB              Hà Giang, ngày 10 tháng 02 năm 2020\n"
        );
        let m = extract_metadata(&text);
        assert_eq!(canonical(&m.number).as_deref(), Some("15/2020/NĐ-CP"));
        assert_eq!(canonical(&m.copy_number).as_deref(), Some("12/SY-VPUB"));
        assert_eq!(
            m.signer.and_then(|s| s.name).as_deref(),
            Some("Nguyễn Xuân Phúc")
        );
    }
}
