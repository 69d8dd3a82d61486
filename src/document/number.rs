//! Document numbers ("số, ký hiệu"): parsing the symbols printed on Party and State documents
//! (`05-CT/TW`, `15/2020/NĐ-CP`, `123/QĐ-UBND`, `12/UBND-VX`, `64-CP`), their canonical printed
//! form, the folded keys the search index stores, recognizing number queries, and locating
//! symbols in running text.
//!
//! It also owns the small text normalization shared with `metadata`: NFC, `Ð`→`Đ`, every dash
//! or minus → `-`, and diacritic folding, all keeping byte offsets back to the source text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

use super::term::parse_roman;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberForm {
    /// `05-CT/TW`: number, type, issuing body.
    Party,
    /// `15/2020/NĐ-CP`, `123/QĐ-UBND`, `12/UBND-VX`, `64-CP`.
    State,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentNumber {
    /// 5 for `05-CT/TW`.
    pub number: u32,
    /// 2020 for `15/2020/NĐ-CP`.
    pub year: Option<i32>,
    /// Canonical type code with `Đ` (`CT`, `NQ`, `QĐ`, `NĐ`, `CTr`, `ĐA`); `None` for letters.
    pub type_code: Option<String>,
    /// Canonical issuing body (`TW`, `TU`, `BTGTW`, `CP`, `UBND-VX`).
    pub issuer: String,
    pub form: NumberForm,
}

/// Type codes: (as written in capitals, canonical in a Party number, canonical in a State number).
const TYPE_CODES: &[(&str, &str, &str)] = &[
    ("NQ", "NQ", "NQ"),
    ("QĐ", "QĐ", "QĐ"),
    ("QD", "QĐ", "QĐ"),
    ("QYĐ", "QyĐ", "QyĐ"),
    ("QYD", "QyĐ", "QyĐ"),
    ("CT", "CT", "CT"),
    ("KL", "KL", "KL"),
    ("QC", "QC", "QC"),
    ("TT", "TT", "TT"),
    ("HD", "HD", "HD"),
    ("TB", "TB", "TB"),
    ("BC", "BC", "BC"),
    ("KH", "KH", "KH"),
    ("CTR", "CTr", "CTr"),
    ("ĐA", "ĐA", "ĐA"),
    // Party has no Dự án, so a Party `DA` is a Đề án typed without `Đ`; a State `DA` is a Dự án.
    ("DA", "ĐA", "DA"),
    ("PA", "PA", "PA"),
    ("TTR", "TTr", "TTr"),
    ("CV", "CV", "CV"),
    ("BB", "BB", "BB"),
    ("NĐ", "NĐ", "NĐ"),
    ("ND", "NĐ", "NĐ"),
    ("PL", "PL", "PL"),
    ("BS", "BS", "BS"),
    ("SY", "SY", "SY"),
    ("SL", "SL", "SL"),
    ("TRS", "TrS", "TrS"),
    ("CĐ", "CĐ", "CĐ"),
    ("GM", "GM", "GM"),
];

/// Type codes of copies (bản sao, sao y, sao lục, trích sao): a copy's own number.
const COPY_CODES: &[&str] = &["BS", "SY", "SL", "TrS"];

/// Issuers that numbered without a type before 2000 (`64-CP`, `388-HĐBT`).
const OLD_STATE_ISSUERS: &[&str] = &["CP", "HĐBT", "TTg", "HĐNN", "HĐCP"];

fn canonical_type_code(upper: &str, form: NumberForm) -> Option<&'static str> {
    TYPE_CODES
        .iter()
        .find(|(written, _, _)| *written == upper)
        .map(|(_, party, state)| match form {
            NumberForm::Party => *party,
            NumberForm::State => *state,
        })
}

fn is_type_code(upper: &str) -> bool {
    TYPE_CODES.iter().any(|(written, _, _)| *written == upper)
}

/// Capitalized issuer → canonical: `TƯ`/`T.Ư` → `TW`, mixed-case codes, `Đ` restored where folded.
fn canonical_issuer(upper: &str) -> String {
    let unified = upper
        .replace("T.Ư", "TW")
        .replace("T.W", "TW")
        .replace("TƯ", "TW")
        .replace('.', "");
    unified
        .split('-')
        .map(|segment| match segment {
            "THU" => "ThU",
            "TTG" => "TTg",
            "HDND" => "HĐND",
            "HDBT" => "HĐBT",
            "HDNN" => "HĐNN",
            "HDCP" => "HĐCP",
            "BCSD" => "BCSĐ",
            "DU" => "ĐU",
            "DUK" => "ĐUK",
            other => other,
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Party committees and their organs: central (`…TW`), province (`…TU`), district (`…HU`), …
fn is_party_issuer(issuer: &str) -> bool {
    matches!(issuer, "CB" | "BCSĐ" | "ĐUK")
        || ["TW", "TU", "HU", "QU", "ĐU", "ThU"]
            .iter()
            .any(|suffix| issuer.ends_with(suffix))
}

fn is_old_state_issuer(issuer: &str) -> bool {
    OLD_STATE_ISSUERS.contains(&issuer)
}

/// `05`, OCR `O5` → 5; zero is no document number.
fn parse_serial(digits: &str) -> Option<u32> {
    digits
        .replace('O', "0")
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
}

/// Folds a code for search keys: `Đ`→`D`, no diacritics, ASCII capitals.
fn fold_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for c in code.chars() {
        fold_char_into(c, &mut out);
    }
    out.to_ascii_uppercase()
}

const NUM: &str = r"(O?\d[\dO]{0,4})";
const CODE: &str = r"(\p{Lu}{1,4})";
const ISSUER: &str = r"(\p{Lu}[\p{Lu}\d.]*(?:-\p{Lu}[\p{Lu}\d.]*)*)";

fn anchored(pattern: String) -> Regex {
    Regex::new(&pattern).expect("number pattern compiles")
}

/// `Số`, `Số:`, OCR `S6`, `SO`, `Sô` before the symbol.
static SO_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s(\[]*(?:S[ỐÔÓÒỒỔỖỘOƠ06]\s*[:.]?)?\s*").expect("prefix pattern compiles")
});
static YEAR_FORM: LazyLock<Regex> =
    LazyLock::new(|| anchored(format!(r"^{NUM}/((?:19|20)\d\d)/(?:{CODE}-)?{ISSUER}$")));
static PARTY_FORM: LazyLock<Regex> =
    LazyLock::new(|| anchored(format!(r"^{NUM}-{CODE}/{ISSUER}$")));
static SLASH_FORM: LazyLock<Regex> = LazyLock::new(|| anchored(format!(r"^{NUM}/{ISSUER}$")));
static DASH_FORM: LazyLock<Regex> =
    LazyLock::new(|| anchored(format!(r"^{NUM}-(\p{{Lu}}[\p{{Lu}}\d]*)$")));
/// `05-CT-TW`, `05/CT/TW`: one separator throughout, as in web addresses and file names.
static SAME_SEPARATOR_FORM: LazyLock<Regex> = LazyLock::new(|| {
    anchored(format!(
        r"^{NUM}(?:-{CODE}-|/{CODE}/)(\p{{Lu}}[\p{{Lu}}\d.]*)$"
    ))
});

impl DocumentNumber {
    /// Parse one symbol, tolerant of `Số`/`Số:` prefixes, spaces and line breaks around `-` and
    /// `/`, any dash, `Ð`, `TƯ`/`T.Ư`, lowercase, OCR `O` for zero, the Party order slip
    /// `05/CT-TW`, and every State form.
    pub fn parse(s: &str) -> Option<DocumentNumber> {
        let compact = compact_symbol(s);
        parse_year_form(&compact)
            .or_else(|| parse_party_form(&compact))
            .or_else(|| parse_slash_form(&compact))
            .or_else(|| parse_dash_form(&compact))
            .or_else(|| parse_same_separator_form(&compact))
    }

    /// As it should be printed: `05-CT/TW`, `15/2020/NĐ-CP`, `123/QĐ-UBND`, `12/UBND-VX`.
    pub fn canonical(&self) -> String {
        self.render(&format!("{:02}", self.number), &self.issuer, |t| {
            t.to_string()
        })
    }

    /// Keys under which the search index stores this number: the folded full key (`5-CT/TW`),
    /// `TYPE:number` when typed, `TYPE:number/year` when it also has a year. Letters also get
    /// `CV:number`; laws and resolutions of the National Assembly (`59/2020/QH14`) get `QH:…`.
    pub fn search_keys(&self) -> Vec<String> {
        let n = self.number;
        let mut keys = vec![self.render(&n.to_string(), &fold_code(&self.issuer), fold_code)];
        let short_code = match &self.type_code {
            Some(code) => Some(fold_code(code)),
            None if self.year.is_some() && fold_code(&self.issuer).contains("QH") => {
                Some("QH".to_string())
            }
            None if self.is_letter() => Some("CV".to_string()),
            None => None,
        };
        if let Some(code) = short_code {
            keys.push(format!("{code}:{n}"));
            if let Some(year) = self.year {
                keys.push(format!("{code}:{n}/{year}"));
            }
        }
        keys
    }

    /// A copy's own number (`24-BS/UBKTTU`, `12/SY-VP`), not an original document's.
    pub fn is_copy(&self) -> bool {
        self.type_code
            .as_deref()
            .is_some_and(|code| COPY_CODES.contains(&code))
    }

    /// A State official letter (`12/UBND-VX`): no type, no year, not the old `64-CP` form.
    fn is_letter(&self) -> bool {
        self.form == NumberForm::State
            && self.type_code.is_none()
            && self.year.is_none()
            && !is_old_state_issuer(&self.issuer)
    }

    fn render(&self, number: &str, issuer: &str, code: impl Fn(&str) -> String) -> String {
        match (self.form, self.type_code.as_deref(), self.year) {
            (NumberForm::Party, Some(t), _) => format!("{number}-{}/{issuer}", code(t)),
            (NumberForm::Party, None, _) => format!("{number}-{issuer}"),
            (NumberForm::State, Some(t), Some(y)) => format!("{number}/{y}/{}-{issuer}", code(t)),
            (NumberForm::State, None, Some(y)) => format!("{number}/{y}/{issuer}"),
            (NumberForm::State, Some(t), None) => format!("{number}/{}-{issuer}", code(t)),
            (NumberForm::State, None, None) if is_old_state_issuer(&self.issuer) => {
                format!("{number}-{issuer}")
            }
            (NumberForm::State, None, None) => format!("{number}/{issuer}"),
        }
    }
}

/// Capitals, no `Số` prefix, no whitespace (so line breaks and spaces around `-`/`/` vanish).
fn compact_symbol(s: &str) -> String {
    let upper = MappedText::normalized(s).text.to_uppercase();
    let rest = SO_PREFIX
        .find(&upper)
        .map_or(upper.as_str(), |m| &upper[m.end()..]);
    let compact: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .trim_end_matches(['.', ',', ';', ':', ')', ']'])
        .to_string()
}

/// `15/2020/NĐ-CP`, `01/2018/TT-BNV`, `59/2020/QH14`.
fn parse_year_form(compact: &str) -> Option<DocumentNumber> {
    let caps = YEAR_FORM.captures(compact)?;
    let number = parse_serial(caps.get(1)?.as_str())?;
    let year = caps.get(2)?.as_str().parse().ok()?;
    let issuer = caps.get(4)?.as_str();
    let (type_code, issuer) = match caps.get(3).map(|m| m.as_str()) {
        Some(code) => match canonical_type_code(code, NumberForm::State) {
            Some(canonical) => (Some(canonical.to_string()), issuer.to_string()),
            None => (None, format!("{code}-{issuer}")),
        },
        None => (None, issuer.to_string()),
    };
    Some(DocumentNumber {
        number,
        year: Some(year),
        type_code,
        issuer: canonical_issuer(&issuer),
        form: NumberForm::State,
    })
}

/// `05-CT/TW`, `17-DA/TU`, `24-BS/UBKTTU`.
fn parse_party_form(compact: &str) -> Option<DocumentNumber> {
    let caps = PARTY_FORM.captures(compact)?;
    let number = parse_serial(caps.get(1)?.as_str())?;
    let code = caps.get(2)?.as_str();
    let type_code = canonical_type_code(code, NumberForm::Party).unwrap_or(code);
    Some(DocumentNumber {
        number,
        year: None,
        type_code: Some(type_code.to_string()),
        issuer: canonical_issuer(caps.get(3)?.as_str()),
        form: NumberForm::Party,
    })
}

/// `123/QĐ-UBND` (State), `05/CT-TW` (Party order slip), `12/UBND-VX` (letter).
fn parse_slash_form(compact: &str) -> Option<DocumentNumber> {
    let caps = SLASH_FORM.captures(compact)?;
    let number = parse_serial(caps.get(1)?.as_str())?;
    let whole = caps.get(2)?.as_str();
    if let Some((first, rest)) = whole.split_once('-') {
        if is_type_code(first) {
            let issuer = canonical_issuer(rest);
            let form = if is_party_issuer(&issuer) {
                NumberForm::Party
            } else {
                NumberForm::State
            };
            return Some(DocumentNumber {
                number,
                year: None,
                type_code: canonical_type_code(first, form).map(str::to_string),
                issuer,
                form,
            });
        }
    } else if is_type_code(whole) {
        return None; // `05/CT`: a type without an issuer is no symbol
    }
    Some(DocumentNumber {
        number,
        year: None,
        type_code: None,
        issuer: canonical_issuer(whole),
        form: NumberForm::State,
    })
}

/// `64-CP`, `388-HĐBT`: State numbers before 2000 carried no type.
fn parse_dash_form(compact: &str) -> Option<DocumentNumber> {
    let caps = DASH_FORM.captures(compact)?;
    let number = parse_serial(caps.get(1)?.as_str())?;
    let issuer = caps.get(2)?.as_str();
    if is_type_code(issuer) {
        return None;
    }
    Some(DocumentNumber {
        number,
        year: None,
        type_code: None,
        issuer: canonical_issuer(issuer),
        form: NumberForm::State,
    })
}

/// `05-CT-TW`, `05/CT/TW` (Party), `123-QĐ-UBND` (State): a type code is required, so that
/// `12-UBND-VX` stays unread rather than misread.
fn parse_same_separator_form(compact: &str) -> Option<DocumentNumber> {
    let caps = SAME_SEPARATOR_FORM.captures(compact)?;
    let number = parse_serial(caps.get(1)?.as_str())?;
    let code = caps.get(2).or_else(|| caps.get(3))?.as_str();
    if !is_type_code(code) {
        return None;
    }
    let issuer = canonical_issuer(caps.get(4)?.as_str());
    let form = if is_party_issuer(&issuer) {
        NumberForm::Party
    } else {
        NumberForm::State
    };
    Some(DocumentNumber {
        number,
        year: None,
        type_code: canonical_type_code(code, form).map(str::to_string),
        issuer,
        form,
    })
}

// ---------------------------------------------------------------------------------------------
// Text normalization with byte offsets back to the source.

/// Text after normalization, with the source byte offset of every byte (and of the end).
#[derive(Debug, Clone)]
pub(crate) struct MappedText {
    pub(crate) text: String,
    origin: Vec<usize>,
}

impl MappedText {
    /// NFC, `Ð`→`Đ`, every dash or minus → `-`, fullwidth slash → `/`.
    pub(crate) fn normalized(source: &str) -> MappedText {
        let mut out = MappedText {
            text: String::with_capacity(source.len()),
            origin: Vec::with_capacity(source.len() + 1),
        };
        for (start, cluster) in clusters(source) {
            if cluster.chars().nth(1).is_none() {
                cluster
                    .chars()
                    .for_each(|c| out.push(normal_char(c), start));
            } else {
                cluster.nfc().for_each(|c| out.push(normal_char(c), start));
            }
        }
        out.origin.push(source.len());
        out
    }

    /// Lowercase ASCII without diacritics (`Chỉ thị` → `chi thi`), offsets still to the source.
    pub(crate) fn folded(&self) -> MappedText {
        let mut out = MappedText {
            text: String::with_capacity(self.text.len()),
            origin: Vec::with_capacity(self.text.len() + 1),
        };
        let mut buffer = String::new();
        for (i, c) in self.text.char_indices() {
            buffer.clear();
            fold_char_into(c, &mut buffer);
            for f in buffer.chars() {
                out.push(f.to_ascii_lowercase(), self.origin[i]);
            }
        }
        out.origin.push(self.origin[self.text.len()]);
        out
    }

    /// The source byte range of a byte range of `text`.
    pub(crate) fn source_range(&self, range: Range<usize>) -> Range<usize> {
        self.origin[range.start]..self.origin[range.end]
    }

    fn push(&mut self, c: char, source_offset: usize) {
        self.text.push(c);
        self.origin
            .extend(std::iter::repeat_n(source_offset, c.len_utf8()));
    }
}

/// A starter and the combining marks after it: the unit NFC may compose.
fn clusters(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = source.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.next()?;
        let mut end = start + first.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            if canonical_combining_class(next) == 0 {
                break;
            }
            end = i + next.len_utf8();
            chars.next();
        }
        Some((start, &source[start..end]))
    })
}

fn normal_char(c: char) -> char {
    match c {
        '\u{00D0}' => 'Đ',
        '\u{00F0}' => 'đ',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{FF0F}' => '/',
        other => other,
    }
}

/// One character without its diacritics (`đ` → `d`, `ư` → `u`); case kept.
fn fold_char_into(c: char, out: &mut String) {
    match c {
        'đ' | 'ð' => out.push('d'),
        'Đ' | 'Ð' => out.push('D'),
        c if c.is_ascii() => out.push(c),
        c => c
            .nfd()
            .filter(|d| !is_combining_mark(*d))
            .for_each(|d| out.push(d)),
    }
}

// ---------------------------------------------------------------------------------------------
// Symbols in running text.

/// Optional spaces, at most one line break (a number split across a line).
const SP: &str = r"[ \t\u{A0}]*(?:\r?\n[ \t\u{A0}]*)?";
/// A capitalized code: `UBND`, `CTr`, `TTg`, `QyĐ`.
const WORD: &str = r"\p{Lu}[\p{Lu}\p{Ll}\d]*";
const TEXT_CODE: &str = r"\p{Lu}[\p{Lu}\p{Ll}]{0,3}";
/// A Party issuer, dots allowed inside (`T.Ư`) but not a sentence's final period.
const TEXT_ISSUER: &str = r"\p{Lu}(?:[\p{Lu}\p{Ll}\d]|\.\p{Lu})*";

fn symbol_pattern(number: &str) -> String {
    format!(
        "(?P<sym>{number}{SP}/{SP}(?:19|20)\\d\\d{SP}/{SP}{WORD}(?:{SP}-{SP}{WORD})*\
         |{number}{SP}-{SP}{TEXT_CODE}{SP}/{SP}{TEXT_ISSUER}\
         |{number}{SP}/{SP}{WORD}(?:{SP}-{SP}{WORD})+)"
    )
}

/// A full symbol in running text, not glued to a preceding word, number or date.
static SYMBOL_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[^\p{{L}}\d/.\-]){}",
        symbol_pattern(r"\d{1,5}")
    ))
    .expect("symbol pattern compiles")
});

/// `Số 05-CT/TW`, `Số: 05-CT/TW`, OCR `S6 O5-CT/TW`: a document's (or a copy's) own number.
static NUMBERED_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[^\p{{L}}\d])(?P<so>(?i:s[ốôoóồơ06]))[ \t\u{{A0}}]*[:.]?[ \t\u{{A0}}]*{}",
        symbol_pattern(r"O?\d[\dO]{0,4}")
    ))
    .expect("numbered symbol pattern compiles")
});

/// Codes are written in capitals; "5/Ban-Tuyên" is prose, not a symbol.
fn looks_like_code(symbol: &str) -> bool {
    let upper = symbol.chars().filter(|c| c.is_uppercase()).count();
    let lower = symbol.chars().filter(|c| c.is_lowercase()).count();
    lower * 2 <= upper
}

/// Every full symbol in normalized text, with its byte range there.
pub(crate) fn find_symbols(text: &str) -> Vec<(Range<usize>, DocumentNumber)> {
    symbols_with(&SYMBOL_IN_TEXT, text)
        .map(|(_, sym, number)| (sym, number))
        .collect()
}

/// Every `Số …` number in normalized text: (range from `Số`, range of the symbol, number).
pub(crate) fn find_numbered_symbols(
    text: &str,
) -> Vec<(Range<usize>, Range<usize>, DocumentNumber)> {
    symbols_with(&NUMBERED_SYMBOL, text).collect()
}

fn symbols_with<'t>(
    pattern: &'t Regex,
    text: &'t str,
) -> impl Iterator<Item = (Range<usize>, Range<usize>, DocumentNumber)> + 't {
    pattern.captures_iter(text).filter_map(|caps| {
        let sym = caps.name("sym")?;
        if !looks_like_code(sym.as_str()) {
            return None;
        }
        let number = DocumentNumber::parse(sym.as_str())?;
        let start = caps.name("so").map_or(sym.start(), |so| so.start());
        Some((start..sym.end(), sym.range(), number))
    })
}

// ---------------------------------------------------------------------------------------------
// Number queries.

/// What a search query asks for when it names a document number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberQuery {
    /// Keys in the same space as [`DocumentNumber::search_keys`]; any match = carrier of the number.
    pub keys: Vec<String>,
    /// A year given next to the number to disambiguate (`27-NQ/TW 2022`,
    /// `nghị quyết 27 năm 2008`).
    pub year: Option<i32>,
    /// A term (khóa) given next to the number (`nghị quyết 27 khóa X`, `khoa 13`): 10, 13.
    pub term: Option<u8>,
    /// Byte range of the query that expressed the number (so the rest can be text-searched).
    pub matched: Range<usize>,
}

/// Type words as typed without diacritics, and the folded codes they stand for.
const TYPE_WORDS: &[(&str, &[&str])] = &[
    ("nghi quyet", &["NQ"]),
    ("quyet dinh", &["QD"]),
    // The Party writes its Quy định as QĐ; the State as QyĐ.
    ("quy dinh", &["QD", "QYD"]),
    ("chi thi", &["CT"]),
    ("ket luan", &["KL"]),
    ("quy che", &["QC"]),
    ("thong tri", &["TT"]),
    ("thong tu", &["TT"]),
    ("huong dan", &["HD"]),
    ("thong bao", &["TB"]),
    ("bao cao", &["BC"]),
    ("ke hoach", &["KH"]),
    ("chuong trinh", &["CTR"]),
    ("de an", &["DA"]),
    ("du an", &["DA"]),
    ("phuong an", &["PA"]),
    ("to trinh", &["TTR"]),
    ("cong van", &["CV"]),
    ("bien ban", &["BB"]),
    ("nghi dinh", &["ND"]),
    ("phap lenh", &["PL"]),
    ("luat", &["QH"]),
    ("nq", &["NQ"]),
    ("qd", &["QD"]),
    ("qyd", &["QYD"]),
    ("ct", &["CT"]),
    ("kl", &["KL"]),
    ("qc", &["QC"]),
    ("tt", &["TT"]),
    ("hd", &["HD"]),
    ("tb", &["TB"]),
    ("bc", &["BC"]),
    ("kh", &["KH"]),
    ("ctr", &["CTR"]),
    ("da", &["DA"]),
    ("pa", &["PA"]),
    ("ttr", &["TTR"]),
    ("cv", &["CV"]),
    ("bb", &["BB"]),
    ("nd", &["ND"]),
    ("pl", &["PL"]),
];

/// Alternation of the type words, longest first so `ctr` wins over `ct`.
fn type_words_alternation() -> String {
    let mut words: Vec<&str> = TYPE_WORDS.iter().map(|(word, _)| *word).collect();
    words.sort_by_key(|word| std::cmp::Reverse(word.len()));
    words
        .iter()
        .map(|word| word.replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

fn codes_of_type_word(word: &str) -> &'static [&'static str] {
    let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
    TYPE_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map_or(&[], |(_, codes)| *codes)
}

/// A full symbol in a folded query (lowercase ASCII).
static QUERY_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    let w = r"[a-z][a-z\d]*";
    Regex::new(&format!(
        r"(?:^|[^a-z\d/.\-])(?P<sym>\d{{1,5}}\s*/\s*(?:19|20)\d\d\s*/\s*{w}(?:\s*-\s*{w})*|\d{{1,5}}\s*-\s*[a-z]{{1,4}}\s*/\s*[a-z](?:[a-z\d]|\.[a-z])*|\d{{1,5}}\s*/\s*{w}(?:\s*-\s*{w})+|\d{{1,5}}\s*-\s*(?:cp|hdbt|ttg|hdnn|hdcp)\b|\d{{1,5}}\s*(?:-\s*[a-z]{{1,4}}\s*-|/\s*[a-z]{{1,4}}\s*/)\s*[a-z][a-z\d]*)"
    ))
    .expect("query symbol pattern compiles")
});

/// Type word and/or `số` right before a symbol in a folded query, to include in `matched`.
static QUERY_SYMBOL_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:\b(?:{})\s*)?(?:\bso\s*:?\s*)?$",
        type_words_alternation()
    ))
    .expect("query lead pattern compiles")
});

/// `chi thi so 05`, `ct 05`, `nghi dinh 15/2020`, `chi thi 05-ct`.
static QUERY_TYPED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[^a-z\d])(?P<core>(?P<word>{})\s*(?:so\s*:?\s*)?(?P<n>\d{{1,5}})(?:\s*/\s*(?P<y>(?:19|20)\d\d))?(?:\s*-\s*[a-z]{{1,4}})?)(?:$|[^a-z\d/])",
        type_words_alternation()
    ))
    .expect("query typed pattern compiles")
});

/// `05-ct` without an issuer: a type and a number.
static QUERY_NUMBER_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^a-z\d/.\-])(?P<core>(?:so\s*:?\s*)?(?P<n>\d{1,5})\s*-\s*(?P<word>[a-z]{2,3}))(?:$|[^a-z\d/])")
        .expect("query code pattern compiles")
});

/// A year or a term right after the number: `2022`, `năm 2022`, `(2008)`, `ngày 6/8/2008`,
/// `khóa XIII`, `(khóa XII)`, `khoa 13`.
static QUERY_YEAR_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[,(]?\s*(?:(?:nam|ngay\s*\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-])\s*)?(?P<y>(?:19|20)\d\d)\b\s*\)?|^\s*[,(]?\s*khoa\s+(?P<t>[ivxlc]+|\d{1,2})\b\s*\)?")
        .expect("query year pattern compiles")
});

/// `năm 2016` anywhere in a folded number query.
static QUERY_YEAR_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bnam\s+((?:19|20)\d\d)\b").expect("query year pattern compiles")
});

/// `khóa XIII` anywhere in a folded number query (a Roman numeral: `khóa học` is no term).
static QUERY_TERM_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bkhoa\s+([ivxlc]+)\b").expect("query term pattern compiles"));

impl NumberQuery {
    /// Recognize a query that names a document number: a full symbol (`05-CT/TW`, `05/CT-TW`,
    /// `15/2020/ND-CP`, with or without `Số`), or a type word and a number (`chỉ thị 05`,
    /// `chi thi so 5`, `ct 05`, `nghị định 15/2020`), with or without diacritics. A year or term
    /// right after it is taken to disambiguate. `None` when no number is named.
    pub fn parse(query: &str) -> Option<NumberQuery> {
        let normal = MappedText::normalized(query);
        let folded = normal.folded();
        let (keys, span) = symbol_query(query, &folded)
            .or_else(|| typed_number_query(&folded, &QUERY_TYPED_NUMBER))
            .or_else(|| typed_number_query(&folded, &QUERY_NUMBER_CODE))
            .or_else(|| glued_symbol_query(&folded))?;
        let (mut year, mut term, end) = year_and_term_after(&folded.text, span.end);
        // Said further on: `nghị quyết 27 của Trung ương khóa XIII`, `chỉ thị 5 ban hành năm 2016`.
        year = year.or_else(|| {
            let caps = QUERY_YEAR_ANYWHERE.captures(&folded.text)?;
            caps.get(1)?.as_str().parse().ok()
        });
        term = term.or_else(|| {
            let caps = QUERY_TERM_ANYWHERE.captures(&folded.text)?;
            parse_roman(caps.get(1)?.as_str())
        });
        Some(NumberQuery {
            keys,
            year,
            term,
            matched: folded.source_range(span.start..end),
        })
    }
}

/// A full symbol: the full key only; `matched` includes a `số` and type word before it.
fn symbol_query(query: &str, folded: &MappedText) -> Option<(Vec<String>, Range<usize>)> {
    QUERY_SYMBOL.captures_iter(&folded.text).find_map(|caps| {
        let sym = caps.name("sym")?;
        let source = folded.source_range(sym.range());
        let number = DocumentNumber::parse(query.get(source)?)?;
        let key = number.search_keys().into_iter().next()?;
        let lead = QUERY_SYMBOL_LEAD
            .find(&folded.text[..sym.start()])
            .map_or(sym.start(), |m| m.start());
        Some((vec![key], lead..sym.end()))
    })
}

/// A whole query that is a Party symbol typed without its punctuation: `05CT/TW`, `05 CT TW`,
/// `nq27/tw`, `CT-05`. Only with a known type code, so `2016 dang bo` stays words.
static QUERY_GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:so\s*:?\s*)?(?:(?P<n>\d{1,5})\s*(?P<code>[a-z]{2,3})|(?P<code2>[a-z]{2,3})\s*-?\s*(?P<n2>\d{1,5}))\s*(?:[/\s]\s*(?P<issuer>[a-z][a-z.]{0,11}))?\s*$",
    )
    .expect("glued pattern compiles")
});

fn glued_symbol_query(folded: &MappedText) -> Option<(Vec<String>, Range<usize>)> {
    let caps = QUERY_GLUED.captures(&folded.text)?;
    let n: u32 = caps
        .name("n")
        .or_else(|| caps.name("n2"))?
        .as_str()
        .parse()
        .ok()
        .filter(|n| *n > 0)?;
    let code = caps.name("code").or_else(|| caps.name("code2"))?.as_str();
    let codes = codes_of_type_word(code);
    if codes.is_empty() {
        return None;
    }
    let keys = match caps.name("issuer") {
        // The issuer is folded like the index keys: upper case, `T.Ư` → `TU`… as a real symbol.
        Some(issuer) => {
            let symbol = format!("{n}-{}/{}", codes[0], issuer.as_str().to_uppercase());
            vec![DocumentNumber::parse(&symbol)?
                .search_keys()
                .into_iter()
                .next()?]
        }
        None => codes.iter().map(|c| format!("{c}:{n}")).collect(),
    };
    let whole = caps.get(0)?;
    Some((keys, whole.start()..whole.end()))
}

/// A type word (or code) and a number: `TYPE:n`, or `TYPE:n/year` with `15/2020`.
fn typed_number_query(folded: &MappedText, pattern: &Regex) -> Option<(Vec<String>, Range<usize>)> {
    pattern.captures_iter(&folded.text).find_map(|caps| {
        let core = caps.name("core")?;
        let codes = codes_of_type_word(caps.name("word")?.as_str());
        let number = caps
            .name("n")?
            .as_str()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)?;
        if codes.is_empty() {
            return None;
        }
        let suffix = caps
            .name("y")
            .map_or(String::new(), |y| format!("/{}", y.as_str()));
        let keys = codes
            .iter()
            .map(|code| format!("{code}:{number}{suffix}"))
            .collect();
        Some((keys, core.range()))
    })
}

/// The year and the term right after byte `end` of the folded query (either, both in any
/// order, or neither), and where they end.
fn year_and_term_after(folded: &str, mut end: usize) -> (Option<i32>, Option<u8>, usize) {
    let (mut year, mut term) = (None, None);
    while let Some(caps) = QUERY_YEAR_TAIL.captures(&folded[end..]) {
        let found_year = caps.name("y").and_then(|y| y.as_str().parse().ok());
        let found_term = caps.name("t").and_then(|t| {
            let t = t.as_str();
            t.parse::<u8>()
                .ok()
                .or_else(|| parse_roman(t))
                .filter(|n| *n > 0)
        });
        match (found_year, found_term) {
            (Some(y), None) if year.is_none() => year = Some(y),
            (None, Some(t)) if term.is_none() => term = Some(t),
            _ => break,
        }
        let Some(whole) = caps.get(0) else { break };
        end += whole.as_str().trim_end().len();
    }
    (year, term, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> DocumentNumber {
        DocumentNumber::parse(s).unwrap_or_else(|| panic!("{s:?} should parse"))
    }

    fn party(number: u32, code: &str, issuer: &str) -> DocumentNumber {
        DocumentNumber {
            number,
            year: None,
            type_code: Some(code.to_string()),
            issuer: issuer.to_string(),
            form: NumberForm::Party,
        }
    }

    fn keys(q: &str) -> Vec<String> {
        NumberQuery::parse(q)
            .unwrap_or_else(|| panic!("{q:?} should be a number query"))
            .keys
    }

    #[test]
    fn party_number_plain() {
        assert_eq!(n("05-CT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("05-CT/TW").canonical(), "05-CT/TW");
    }

    #[test]
    fn party_number_with_so_prefix_and_colon() {
        assert_eq!(n("Số 05-CT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("Số: 05-CT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("Số:05-CT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("SỐ 05-CT/TW"), party(5, "CT", "TW"));
    }

    #[test]
    fn party_number_order_slip() {
        assert_eq!(n("05/CT-TW"), party(5, "CT", "TW"));
        assert_eq!(n("12/HD-BTGTU"), party(12, "HD", "BTGTU"));
    }

    #[test]
    fn one_separator_throughout() {
        assert_eq!(n("05-CT-TW"), party(5, "CT", "TW"));
        assert_eq!(n("05/CT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("17-da-tu"), party(17, "ĐA", "TU"));
        let decision = n("123-QĐ-UBND");
        assert_eq!(decision.canonical(), "123/QĐ-UBND");
        assert_eq!(decision.form, NumberForm::State);
        assert_eq!(DocumentNumber::parse("12-UBND-VX"), None);
        assert_eq!(DocumentNumber::parse("2016-2020-2025"), None);
        assert_eq!(keys("chỉ thị 05-CT-TW"), vec!["5-CT/TW"]);
        assert_eq!(keys("05/ct/tw"), vec!["5-CT/TW"]);
        assert_eq!(keys("123-qd-ubnd"), vec!["123/QD-UBND"]);
    }

    #[test]
    fn party_number_old_central_spellings() {
        assert_eq!(n("5-CT/TƯ"), party(5, "CT", "TW"));
        assert_eq!(n("12-NQ/T.Ư"), party(12, "NQ", "TW"));
        assert_eq!(n("03-CT/UBKTTƯ").issuer, "UBKTTW");
    }

    #[test]
    fn party_number_spaces_dashes_and_line_breaks() {
        assert_eq!(n("05 - CT / TW"), party(5, "CT", "TW"));
        assert_eq!(n("05–CT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("05—CT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("05\u{2212}CT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("Số 05-\nCT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("05-CT/ TW"), party(5, "CT", "TW"));
    }

    #[test]
    fn party_number_ocr_noise() {
        assert_eq!(n("S6 05-CT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("Số O5-CT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("So 05-CT/TW."), party(5, "CT", "TW"));
    }

    #[test]
    fn party_number_d_for_dj_and_eth() {
        assert_eq!(n("17-ĐA/TU"), party(17, "ĐA", "TU"));
        assert_eq!(n("17-DA/TU"), party(17, "ĐA", "TU"));
        assert_eq!(n("17-\u{00D0}A/TU"), party(17, "ĐA", "TU"));
        assert_eq!(n("66-Q\u{00D0}/TW"), party(66, "QĐ", "TW"));
    }

    #[test]
    fn party_number_lowercase_and_mixed_codes() {
        assert_eq!(n("05-ct/tw"), party(5, "CT", "TW"));
        assert_eq!(n("10-CTr/TU"), party(10, "CTr", "TU"));
        assert_eq!(n("10-ctr/tu").canonical(), "10-CTr/TU");
        assert_eq!(n("24-BS/UBKTTU"), party(24, "BS", "UBKTTU"));
        assert!(n("24-BS/UBKTTU").is_copy());
        assert!(!n("05-CT/TW").is_copy());
    }

    #[test]
    fn state_legal_normative_forms() {
        let decree = n("15/2020/NĐ-CP");
        assert_eq!(decree.number, 15);
        assert_eq!(decree.year, Some(2020));
        assert_eq!(decree.type_code.as_deref(), Some("NĐ"));
        assert_eq!(decree.issuer, "CP");
        assert_eq!(decree.form, NumberForm::State);
        assert_eq!(n("15/2020/ND-CP"), decree);
        assert_eq!(n("Số: 15/2020/NĐ-CP").canonical(), "15/2020/NĐ-CP");
        let circular = n("01/2018/TT-BNV");
        assert_eq!(circular.type_code.as_deref(), Some("TT"));
        assert_eq!(circular.issuer, "BNV");
        assert_eq!(circular.canonical(), "01/2018/TT-BNV");
    }

    #[test]
    fn state_law_without_type() {
        let law = n("59/2020/QH14");
        assert_eq!(law.type_code, None);
        assert_eq!(law.issuer, "QH14");
        assert_eq!(law.canonical(), "59/2020/QH14");
        assert_eq!(
            law.search_keys(),
            vec!["59/2020/QH14", "QH:59", "QH:59/2020"]
        );
    }

    #[test]
    fn state_administrative_and_letter_forms() {
        let decision = n("123/QĐ-UBND");
        assert_eq!(decision.type_code.as_deref(), Some("QĐ"));
        assert_eq!(decision.issuer, "UBND");
        assert_eq!(decision.form, NumberForm::State);
        assert_eq!(decision.canonical(), "123/QĐ-UBND");
        let letter = n("12/UBND-VX");
        assert_eq!(letter.type_code, None);
        assert_eq!(letter.issuer, "UBND-VX");
        assert_eq!(letter.form, NumberForm::State);
        assert_eq!(letter.canonical(), "12/UBND-VX");
        assert_eq!(n("1234/TTg-KGVX").issuer, "TTg-KGVX");
    }

    #[test]
    fn state_old_forms_without_type() {
        let old = n("64-CP");
        assert_eq!((old.number, old.type_code.clone()), (64, None));
        assert_eq!(old.issuer, "CP");
        assert_eq!(old.canonical(), "64-CP");
        assert_eq!(n("388-HĐBT").canonical(), "388-HĐBT");
        assert_eq!(n("388-HDBT").issuer, "HĐBT");
        assert_eq!(n("388-HĐBT").search_keys(), vec!["388-HDBT"]);
    }

    #[test]
    fn not_numbers() {
        for s in [
            "",
            "CT/TW",
            "05",
            "15/5/2016",
            "05/CT",
            "05-CT",
            "0-CT/TW",
            "chỉ thị",
            "2016 - 2020",
        ] {
            assert_eq!(DocumentNumber::parse(s), None, "{s:?}");
        }
    }

    #[test]
    fn canonical_pads_to_two_digits() {
        assert_eq!(n("5-CT/TƯ").canonical(), "05-CT/TW");
        assert_eq!(n("369-KH/BTGTW").canonical(), "369-KH/BTGTW");
        assert_eq!(n("5/QĐ-UBND").canonical(), "05/QĐ-UBND");
        assert_eq!(n("05/CT-TW").canonical(), "05-CT/TW");
    }

    #[test]
    fn search_keys_party() {
        assert_eq!(n("05-CT/TW").search_keys(), vec!["5-CT/TW", "CT:5"]);
        assert_eq!(n("17-ĐA/TU").search_keys(), vec!["17-DA/TU", "DA:17"]);
        assert_eq!(n("66-QĐ/TW").search_keys(), vec!["66-QD/TW", "QD:66"]);
        assert_eq!(n("10-CTr/TU").search_keys(), vec!["10-CTR/TU", "CTR:10"]);
    }

    #[test]
    fn search_keys_state() {
        assert_eq!(
            n("15/2020/NĐ-CP").search_keys(),
            vec!["15/2020/ND-CP", "ND:15", "ND:15/2020"]
        );
        assert_eq!(
            n("123/QĐ-UBND").search_keys(),
            vec!["123/QD-UBND", "QD:123"]
        );
        assert_eq!(n("12/UBND-VX").search_keys(), vec!["12/UBND-VX", "CV:12"]);
        assert_eq!(
            n("05/2019/QyĐ-UBND").search_keys(),
            vec!["5/2019/QYD-UBND", "QYD:5", "QYD:5/2019"]
        );
    }

    #[test]
    fn query_full_symbols() {
        for q in [
            "05-CT/TW",
            "05-ct/tw",
            "5-CT/TW",
            "Số 05-CT/TW",
            "05/CT-TW",
            "so 05-ct/tw",
        ] {
            assert_eq!(keys(q), vec!["5-CT/TW"], "{q:?}");
        }
        assert_eq!(keys("15/2020/ND-CP"), vec!["15/2020/ND-CP"]);
        assert_eq!(keys("15/2020/NĐ-CP"), vec!["15/2020/ND-CP"]);
        assert_eq!(keys("123/qđ-ubnd"), vec!["123/QD-UBND"]);
        assert_eq!(keys("17-ĐA/TU"), vec!["17-DA/TU"]);
    }

    #[test]
    fn query_type_word_and_number() {
        for q in [
            "chỉ thị 05",
            "chi thi so 05",
            "chỉ thị số 5",
            "ct 05",
            "CT 05",
            "Chỉ thị số: 05",
        ] {
            assert_eq!(keys(q), vec!["CT:5"], "{q:?}");
        }
        assert_eq!(keys("Nghị quyết 27"), vec!["NQ:27"]);
        assert_eq!(keys("nghi quyet 27"), vec!["NQ:27"]);
        assert_eq!(keys("nghị định 15/2020"), vec!["ND:15/2020"]);
        assert_eq!(keys("nghị định 15"), vec!["ND:15"]);
        assert_eq!(keys("quy định 66"), vec!["QD:66", "QYD:66"]);
        assert_eq!(keys("quy dinh 66"), vec!["QD:66", "QYD:66"]);
        assert_eq!(keys("quyết định 238"), vec!["QD:238"]);
    }

    #[test]
    fn query_every_type_word() {
        let cases = [
            ("kết luận 01", "KL:1"),
            ("hướng dẫn 36", "HD:36"),
            ("kế hoạch 369", "KH:369"),
            ("thông báo 12", "TB:12"),
            ("đề án 17", "DA:17"),
            ("de an 17", "DA:17"),
            ("thông tư 01/2018", "TT:1/2018"),
            ("thông tri 3", "TT:3"),
            ("công văn 12", "CV:12"),
            ("báo cáo 4", "BC:4"),
            ("chương trình 10", "CTR:10"),
            ("quy chế 04", "QC:4"),
            ("tờ trình 7", "TTR:7"),
            ("phương án 2", "PA:2"),
            ("biên bản 9", "BB:9"),
            ("pháp lệnh 2", "PL:2"),
            ("luật 59/2020", "QH:59/2020"),
            ("nq 27", "NQ:27"),
            ("kl 01", "KL:1"),
        ];
        for (q, key) in cases {
            assert_eq!(keys(q), vec![key], "{q:?}");
        }
    }

    #[test]
    fn query_code_without_issuer() {
        assert_eq!(keys("05-CT"), vec!["CT:5"]);
        assert_eq!(keys("chỉ thị 05-CT"), vec!["CT:5"]);
    }

    #[test]
    fn query_not_a_number() {
        for q in [
            "chỉ thị về biển đảo",
            "nghị quyết đại hội XIII",
            "hướng dẫn sử dụng",
            "năm 2020",
            "covid-19",
            "10 năm thực hiện",
            "lịch sử đảng bộ huyện",
            "",
        ] {
            assert_eq!(NumberQuery::parse(q), None, "{q:?}");
        }
    }

    #[test]
    fn query_symbols_typed_without_punctuation() {
        let keys = |q: &str| NumberQuery::parse(q).map(|n| n.keys);
        let ct05 = Some(vec!["5-CT/TW".to_string()]);
        assert_eq!(keys("05CT/TW"), ct05);
        assert_eq!(keys("05 CT TW"), ct05);
        assert_eq!(keys("05ct tw"), ct05);
        assert_eq!(keys("nq27/tw"), Some(vec!["27-NQ/TW".to_string()]));
        assert_eq!(keys("27NQ/TW"), Some(vec!["27-NQ/TW".to_string()]));
        assert_eq!(keys("CT-05"), Some(vec!["CT:5".to_string()]));
        assert_eq!(keys("2016 dang bo"), None);
        assert_eq!(keys("5 nam tw"), None);
    }

    #[test]
    fn query_year_and_term() {
        let q = NumberQuery::parse("27-NQ/TW 2022").expect("number query");
        assert_eq!(q.keys, vec!["27-NQ/TW"]);
        assert_eq!(q.year, Some(2022));
        assert_eq!(q.matched, 0.."27-NQ/TW 2022".len());
        let q = NumberQuery::parse("nghị quyết 27 năm 2008").expect("number query");
        assert_eq!((q.keys, q.year), (vec!["NQ:27".to_string()], Some(2008)));
        let q = NumberQuery::parse("nghi quyet 27 khoa XIII").expect("number query");
        assert_eq!((q.year, q.term), (None, Some(13)));
        assert_eq!(NumberQuery::parse("05-CT/TW").map(|q| q.year), Some(None));
    }

    #[test]
    fn query_term_is_a_term_not_a_year() {
        let term = |q: &str| {
            let parsed = NumberQuery::parse(q).unwrap_or_else(|| panic!("{q:?}"));
            (parsed.year, parsed.term)
        };
        assert_eq!(term("nghị quyết 27 khóa XIII"), (None, Some(13)));
        assert_eq!(term("nghị quyết 27 khoá XIII"), (None, Some(13)));
        assert_eq!(term("nghị quyết 27 khoa 13"), (None, Some(13)));
        assert_eq!(term("nghị quyết 27 khóa X"), (None, Some(10)));
        assert_eq!(term("Nghị quyết 27 (khóa XII)"), (None, Some(12)));
        assert_eq!(term("27-NQ/TW khóa XIII"), (None, Some(13)));
        assert_eq!(term("27-NQ/TW, khóa XIII"), (None, Some(13)));
        assert_eq!(
            term("nghị quyết 27 năm 2008 khóa X"),
            (Some(2008), Some(10))
        );
        assert_eq!(
            term("nghị quyết 27 khóa X năm 2008"),
            (Some(2008), Some(10))
        );
        assert_eq!(term("nghị quyết 27 khóa học"), (None, None));
        assert_eq!(
            term("Nghị quyết số 27-NQ/TW của Trung ương khóa XIII"),
            (None, Some(13))
        );
        assert_eq!(term("nghi quyet 27 cua bch khoa x"), (None, Some(10)));
        assert_eq!(term("chỉ thị 5 ban hành năm 2016"), (Some(2016), None));
        assert_eq!(term("chỉ thị 5 về từ khóa tìm kiếm"), (None, None));
        assert_eq!(term("nghị quyết 27 khóa IIII"), (None, None));
        let query = "Nghị quyết 27 (khóa XII) về trí thức";
        let q = NumberQuery::parse(query).expect("number query");
        assert_eq!(&query[q.matched], "Nghị quyết 27 (khóa XII)");
    }

    #[test]
    fn query_matched_range_is_in_source_bytes() {
        let query = "Chỉ thị số 05-CT/TW về học tập";
        let q = NumberQuery::parse(query).expect("number query");
        assert_eq!(&query[q.matched.clone()], "Chỉ thị số 05-CT/TW");
        let query = "tài liệu chỉ thị 05 về học tập";
        let q = NumberQuery::parse(query).expect("number query");
        assert_eq!(&query[q.matched], "chỉ thị 05");
        let query = "học tập 05–CT/TƯ";
        let q = NumberQuery::parse(query).expect("number query");
        assert_eq!(&query[q.matched.clone()], "05–CT/TƯ");
        assert_eq!(q.keys, vec!["5-CT/TW"]);
    }

    #[test]
    fn query_decomposed_input() {
        let nfd: String = "chỉ thị số 05".nfd().collect();
        assert_eq!(keys(&nfd), vec!["CT:5"]);
    }

    #[test]
    fn symbols_found_in_prose() {
        let text = "Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 và Kế hoạch số 369-KH/BTGTW; \
                    Nghị định 15/2020/NĐ-CP, Công văn 12/UBND-VX, 5/Ban-Tuyên giáo, năm 2016 – 2020.";
        let found: Vec<String> = find_symbols(text)
            .into_iter()
            .map(|(range, number)| format!("{}={}", &text[range], number.canonical()))
            .collect();
        assert_eq!(
            found,
            vec![
                "05-CT/TW=05-CT/TW",
                "369-KH/BTGTW=369-KH/BTGTW",
                "15/2020/NĐ-CP=15/2020/NĐ-CP",
                "12/UBND-VX=12/UBND-VX",
            ]
        );
    }

    #[test]
    fn mapped_text_keeps_source_offsets() {
        let source = "Ð–x";
        let mapped = MappedText::normalized(source);
        assert_eq!(mapped.text, "Đ-x");
        assert_eq!(mapped.source_range(2..3), 2..5);
        assert_eq!(mapped.source_range(3..4), 5..6);
        let folded = mapped.folded();
        assert_eq!(folded.text, "d-x");
        assert_eq!(folded.source_range(0..3), 0..source.len());
    }

    #[test]
    fn nbsp_and_fullwidth_separators() {
        assert_eq!(n("Số\u{A0}05-CT/TW"), party(5, "CT", "TW"));
        assert_eq!(n("05\u{FF0D}CT\u{FF0F}TW"), party(5, "CT", "TW"));
        assert_eq!(n("(Số 05-CT/TW)"), party(5, "CT", "TW"));
    }

    #[test]
    fn state_copy_and_ministry_letter() {
        let copy = n("12/SY-VPUB");
        assert_eq!(copy.type_code.as_deref(), Some("SY"));
        assert_eq!(copy.form, NumberForm::State);
        assert!(copy.is_copy());
        let letter = n("1234/VPCP-KGVX");
        assert_eq!(
            (letter.type_code, letter.issuer.as_str()),
            (None, "VPCP-KGVX")
        );
        let long = n("456/BTTTT-CATTT");
        assert_eq!(long.issuer, "BTTTT-CATTT");
    }

    #[test]
    fn state_project_da_keeps_its_code() {
        let project = n("15/DA-UBND");
        assert_eq!(project.type_code.as_deref(), Some("DA"));
        assert_eq!(project.form, NumberForm::State);
        assert_eq!(n("15/ĐA-UBND").type_code.as_deref(), Some("ĐA"));
    }

    #[test]
    fn party_issuers_of_every_level() {
        assert_eq!(n("02-NQ/ĐU").issuer, "ĐU");
        assert_eq!(n("02-NQ/DU").issuer, "ĐU");
        assert_eq!(n("15-TB/ThU").issuer, "ThU");
        assert_eq!(n("15/TB-THU").form, NumberForm::Party);
        assert_eq!(n("07-QĐ/VPTW").issuer, "VPTW");
        assert_eq!(n("09-NQ/BCSĐ").issuer, "BCSĐ");
    }

    #[test]
    fn serial_numbers_stay_whole() {
        assert_eq!(n("1383-CV/BTGTU").number, 1383);
        assert_eq!(n("1383-CV/BTGTU").canonical(), "1383-CV/BTGTU");
        assert_eq!(n("Số 00123/QĐ-UBND").number, 123);
    }

    #[test]
    fn query_more_shapes() {
        assert_eq!(keys("Quy định 66-QĐ/TW"), vec!["66-QD/TW"]);
        assert_eq!(keys("nghị quyết số 27/NQ-TW"), vec!["27-NQ/TW"]);
        assert_eq!(keys("thông tư 01/2018/TT-BNV"), vec!["1/2018/TT-BNV"]);
        assert_eq!(keys("nghị định 64-CP"), vec!["64-CP"]);
        assert_eq!(keys("ct05"), vec!["CT:5"]);
        assert_eq!(keys("12/ubnd-vx"), vec!["12/UBND-VX"]);
        let q = NumberQuery::parse("nghị quyết 27 (2022)").expect("number query");
        assert_eq!(q.year, Some(2022));
        let q = NumberQuery::parse("Chỉ thị số 05-CT/TƯ ngày 15/5/2016").expect("number query");
        assert_eq!((q.keys, q.year), (vec!["5-CT/TW".to_string()], Some(2016)));
    }

    #[test]
    fn query_zero_or_wordless_numbers_are_not_numbers() {
        for q in [
            "chỉ thị 0",
            "kế hoạch năm 2020",
            "top 10 nghị quyết",
            "đại hội 13",
            "van kien dai hoi 12",
        ] {
            assert_eq!(NumberQuery::parse(q), None, "{q:?}");
        }
    }

    #[test]
    fn query_keys_meet_document_keys() {
        let decree = n("15/2020/NĐ-CP").search_keys();
        for q in [
            "nghị định 15",
            "nghi dinh 15/2020",
            "15/2020/ND-CP",
            "Số: 15/2020/NĐ-CP",
        ] {
            assert!(keys(q).iter().any(|k| decree.contains(k)), "{q:?}");
        }
        let rule = n("66-QĐ/TW").search_keys();
        assert!(keys("quy định 66").iter().any(|k| rule.contains(k)));
        let project = n("17-ĐA/TU").search_keys();
        assert!(keys("đề án 17").iter().any(|k| project.contains(k)));
    }
}
