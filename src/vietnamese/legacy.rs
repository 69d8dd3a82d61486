//! Repair of text typed in the legacy Vietnamese encodings, TCVN3 (ABC, the `.VnTime` fonts) and
//! VNI-Windows (the `VNI-Times` fonts), that an extractor handed over as the Latin-1 or
//! Windows-1252 characters of their bytes: `QuyÕt ®Þnh` (TCVN3), `Coäng hoøa` (VNI).
//!
//! The text is cut into blocks (a line, or in a DOCX the part of a paragraph set in one kind of
//! font) and each block is read three ways: as it is (Unicode), as TCVN3 and as VNI. The reading
//! with the most well-formed Vietnamese syllables ([`super::is_syllable`]) wins. A close call
//! goes to a non-legacy font named for the block (the text stays as it is), else to the decided
//! blocks around it, else to a legacy font's name, the document's majority, and Unicode last. A
//! font name alone never decides: files converted to Unicode keep their old font names.
//!
//! TCVN3 writes `ư` as byte 0xAD, the Latin-1 soft hyphen, which extractors keep, drop or turn
//! into `−` or `-`; all three are read back, and when a TCVN3 document has (almost) no `ư`, it
//! is put back where a syllable is well formed only with it (`trëng` → `trưởng`). TCVN3
//! capitals come from separate fonts (`.VnTimeH`) that reuse the lowercase code points: a word
//! typed in capitals decodes to a mix (`QUYÕT` → `QUYếT`) and is set in capitals, and a block
//! whose font is a capital font is set in capitals whole.
//!
//! Runs before [`super::normalize`], which would drop the soft hyphen.

use std::ops::Range;

use super::letters::{split_tone, with_tone};
use super::syllable::{is_syllable, ONSETS};

/// How a block of text was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    Unicode,
    Tcvn3,
    Vni,
}

impl Encoding {
    const ALL: [Encoding; 3] = [Encoding::Unicode, Encoding::Tcvn3, Encoding::Vni];

    pub fn code(self) -> &'static str {
        match self {
            Encoding::Unicode => "unicode",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
        }
    }
}

/// What a font name suggests about the text set in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hint {
    pub encoding: Option<Encoding>,
    /// A TCVN3 capital font (`.VnTimeH`, `.VnArialH`): its lowercase code points print capitals.
    pub capitals: bool,
}

/// The hint of a font name: `VNI-Times` → VNI; `.VnTime`, `VnTimeH`, `ABCDEF+.VnArialH Bold` →
/// TCVN3 (the last two in capitals); any other named font (`Times New Roman`) → Unicode; an
/// empty name → no hint.
pub fn font_hint(name: &str) -> Hint {
    // A PDF subset prefix (`FBHPEM+VnTime`) is not part of the name.
    let name = match name.split_once('+') {
        Some((prefix, rest))
            if prefix.len() == 6 && prefix.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            rest
        }
        _ => name,
    };
    let key: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if key.starts_with("vni") {
        return Hint {
            encoding: Some(Encoding::Vni),
            capitals: false,
        };
    }
    if key.is_empty() {
        return Hint::default();
    }
    if !key.starts_with("vn") {
        return Hint {
            encoding: Some(Encoding::Unicode),
            capitals: false,
        };
    }
    let mut family = key.as_str();
    for style in ["italic", "bold", "oblique", "regular", "bolditalic"] {
        family = family.strip_suffix(style).unwrap_or(family);
        family = family.strip_suffix(style).unwrap_or(family);
    }
    Hint {
        encoding: Some(Encoding::Tcvn3),
        capitals: family.len() > 3 && family.ends_with('h'),
    }
}

/// A stretch of a page (byte offsets) whose font gave a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HintedRange {
    pub range: Range<usize>,
    pub hint: Hint,
}

/// What the repair decided, for the extraction record.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Blocks with characters a legacy encoding could have produced, by the reading chosen.
    pub unicode_blocks: usize,
    pub tcvn3_blocks: usize,
    pub vni_blocks: usize,
    /// `ư` put back where a TCVN3 extractor had dropped it.
    pub restored_u: usize,
    /// TCVN3 words set in capitals (typed in a capital font).
    pub capitalised_words: usize,
}

impl Report {
    /// Whether any block was decoded from a legacy encoding.
    pub fn repaired(&self) -> bool {
        self.tcvn3_blocks + self.vni_blocks > 0
    }

    /// What to add to the extractor's name: `+tcvn3`, `+vni`, `+tcvn3+vni` or nothing.
    pub fn method_suffix(&self) -> &'static str {
        match (self.tcvn3_blocks > 0, self.vni_blocks > 0) {
            (true, true) => "+tcvn3+vni",
            (true, false) => "+tcvn3",
            (false, true) => "+vni",
            (false, false) => "",
        }
    }
}

/// Pages after repair, and what was decided.
#[derive(Debug, Clone)]
pub struct Repaired {
    pub pages: Vec<String>,
    pub report: Report,
}

/// Repair one text (one page, no font hints).
pub fn repair_text(text: &str) -> Repaired {
    repair_pages(&[text.to_string()], &[])
}

/// Repair the pages of one document. `hints[i]` (may be missing) lists the hinted ranges of
/// page `i`, in byte offsets of that page, in order and without overlap.
pub fn repair_pages(pages: &[String], hints: &[Vec<HintedRange>]) -> Repaired {
    let mut report = Report::default();
    if !pages.iter().any(|p| might_be_legacy(p)) {
        return Repaired {
            pages: pages.to_vec(),
            report,
        };
    }
    let mut blocks: Vec<Block> = Vec::new();
    for (page, text) in pages.iter().enumerate() {
        cut_blocks(
            page,
            text,
            hints.get(page).map(Vec::as_slice).unwrap_or(&[]),
            &mut blocks,
        );
    }
    // Read every block three ways.
    for block in &mut blocks {
        let text = &pages[block.page][block.range.clone()];
        if !might_be_legacy(text) {
            continue;
        }
        block.candidate = true;
        // Legacy bytes read as Latin-1 never give `ơ`, `ư`, `ạ`, `đ`: a block that has them is
        // Unicode, whatever its symbols (`§3`, `¶2`) would read as.
        if text.chars().any(beyond_latin1) {
            block.tied = vec![Encoding::Unicode];
            block.chosen = Some(Encoding::Unicode);
            continue;
        }
        let readings = [
            text.to_string(),
            capitals(&decode_tcvn3(text, false, true).text, false).0,
            decode_vni(text, true),
        ];
        let scores = readings.each_ref().map(|r| score(r));
        let best = *scores.iter().max().unwrap_or(&0);
        // A lead smaller than one word read the other way is a close call: the context decides.
        block.tied = Encoding::ALL
            .iter()
            .zip(scores)
            .filter(|(_, s)| *s >= best - CLOSE)
            .map(|(e, _)| *e)
            .collect();
        if block.tied.len() == 1 {
            block.chosen = Some(block.tied[0]);
        }
    }
    // Close calls: a font that is not a legacy one (leaving the text as it is), the decided
    // blocks around, a legacy font, the document's majority, Unicode. The context comes before
    // a legacy font's name because converted files keep their old font names.
    let decided: Vec<(usize, Encoding)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| Some((i, b.chosen?)))
        .collect();
    let mut counts = [0usize; 3];
    for (_, e) in &decided {
        counts[*e as usize] += 1;
    }
    let majority = Encoding::ALL
        .into_iter()
        .filter(|e| counts[*e as usize] > 0)
        .max_by_key(|e| (counts[*e as usize], *e == Encoding::Unicode));
    for (i, block) in blocks.iter_mut().enumerate() {
        if !block.candidate || block.chosen.is_some() {
            continue;
        }
        let tied = &block.tied;
        let at = decided.partition_point(|(j, _)| *j < i);
        let mut around = [0usize; 3];
        for (_, e) in &decided[at.saturating_sub(CONTEXT)..(at + CONTEXT).min(decided.len())] {
            around[*e as usize] += 1;
        }
        let context = tied
            .iter()
            .copied()
            .filter(|e| around[*e as usize] > 0)
            .max_by_key(|e| (around[*e as usize], *e == Encoding::Unicode));
        let hint = block.hint.encoding;
        let unicode_font = hint.filter(|e| *e == Encoding::Unicode);
        let pick = [
            unicode_font,
            context,
            hint,
            majority,
            Some(Encoding::Unicode),
        ]
        .into_iter()
        .flatten()
        .find(|e| tied.contains(e));
        block.chosen = Some(pick.unwrap_or(Encoding::Unicode));
    }
    // A TCVN3 document (almost) without `ư` lost them to its extractor.
    let tcvn3: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.chosen == Some(Encoding::Tcvn3))
        .collect();
    // Vietnamese has an `ư` every twenty words or so (`được`, `người`, `nước`); a few stray
    // ones (a hyphen read as `ư`) do not mean the extractor kept them.
    let u_sources: usize = tcvn3
        .iter()
        .map(|b| decode_tcvn3(&pages[b.page][b.range.clone()], false, false).u_sources)
        .sum();
    let words: usize = tcvn3
        .iter()
        .map(|b| pages[b.page][b.range.clone()].split_whitespace().count())
        .sum();
    let dropped_u = words >= MIN_WORDS_FOR_DROPPED_U && u_sources * DROPPED_U_RATIO < words;
    let tcvn3_document = majority == Some(Encoding::Tcvn3);

    let mut out: Vec<String> = Vec::with_capacity(pages.len());
    let mut blocks_by_page = blocks.iter().peekable();
    for (page, text) in pages.iter().enumerate() {
        let mut repaired = String::with_capacity(text.len() + text.len() / 4);
        let mut at = 0;
        while let Some(block) = blocks_by_page.next_if(|b| b.page == page) {
            repaired.push_str(&text[at..block.range.start]);
            let source = &text[block.range.clone()];
            let chosen = if block.candidate {
                block.chosen
            } else if dropped_u && tcvn3_document {
                // A line of plain letters in a TCVN3 document can still have lost its `ư`.
                Some(Encoding::Tcvn3)
            } else {
                None
            };
            match chosen {
                Some(Encoding::Tcvn3) => {
                    let decoded = decode_tcvn3(source, dropped_u, false);
                    report.restored_u += decoded.restored_u;
                    let (text, capitalised) = capitals(&decoded.text, block.hint.capitals);
                    report.capitalised_words += capitalised;
                    if block.candidate {
                        report.tcvn3_blocks += 1;
                    }
                    repaired.push_str(&text);
                }
                Some(Encoding::Vni) => {
                    report.vni_blocks += 1;
                    repaired.push_str(&decode_vni(source, false));
                }
                Some(Encoding::Unicode) => {
                    report.unicode_blocks += 1;
                    repaired.push_str(source);
                }
                None => repaired.push_str(source),
            }
            at = block.range.end;
        }
        repaired.push_str(&text[at..]);
        out.push(repaired);
    }
    Repaired { pages: out, report }
}

/// Readings this close to the best score are a close call (one word read the other way moves a
/// score by 3).
const CLOSE: i64 = 2;

/// Stands, while scoring, for a letter the encoding has no code for (`Á` read as TCVN3, a
/// lone `à` read as VNI): a word with one is no syllable.
const UNDEFINED: char = 'ʔ';

/// A letter above ASCII left over by a legacy reading: its byte means nothing there.
fn undefined_letter(c: char) -> bool {
    byte_of(c).is_some_and(|b| b >= 0xC0)
        && (c.is_alphabetic() || !c.is_ascii() && (c as u32) > 0xFF)
}

/// Decided blocks on each side that make the context of a close call.
const CONTEXT: usize = 8;

/// Below this many words of TCVN3, a missing `ư` is not evidence that the extractor dropped it.
const MIN_WORDS_FOR_DROPPED_U: usize = 20;
/// Fewer than one `ư` in this many TCVN3 words: the extractor dropped them.
const DROPPED_U_RATIO: usize = 200;

/// Whether the text has a character that a legacy encoding could have produced: Latin-1 and
/// Windows-1252 letters and signs above ASCII, the `−` and `∙` some PDF extractors write for
/// 0xAD and 0xB7, or a symbol-font private-use code.
pub fn might_be_legacy(text: &str) -> bool {
    text.chars().any(|c| {
        let u = c as u32;
        (0xA1..=0xFF).contains(&u) || c == '−' || c == '∙' || (0xF0A1..=0xF0FF).contains(&u)
    })
}

/// The share of words that are well-formed Vietnamese syllables: to choose between two
/// extractions of one document.
pub fn syllable_share(text: &str) -> f64 {
    let (mut all, mut good) = (0usize, 0usize);
    for word in words(text) {
        all += 1;
        good += usize::from(is_syllable(word));
    }
    if all == 0 {
        0.0
    } else {
        good as f64 / all as f64
    }
}

struct Block {
    page: usize,
    range: Range<usize>,
    hint: Hint,
    /// Has characters the readings disagree on.
    candidate: bool,
    /// The readings with the best score.
    tied: Vec<Encoding>,
    chosen: Option<Encoding>,
}

/// Lines of a page, cut again where the hinted font changes.
fn cut_blocks(page: usize, text: &str, hints: &[HintedRange], blocks: &mut Vec<Block>) {
    // Ranges come in page order and do not overlap: a binary search finds the one at `at`.
    let hint_at = |at: usize| {
        let i = hints.partition_point(|h| h.range.end <= at);
        hints
            .get(i)
            .filter(|h| h.range.contains(&at))
            .map(|h| h.hint)
            .unwrap_or_default()
    };
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let end = line_start + body.len();
        let mut start = line_start;
        let mut current = hint_at(start);
        for (offset, c) in body.char_indices() {
            let at = line_start + offset;
            if c.is_whitespace() || at == start {
                continue;
            }
            let hint = hint_at(at);
            if hint != current {
                // A block ends before the spaces that lead to the next font's text.
                let cut = start + text[start..at].trim_end().len();
                if cut > start {
                    blocks.push(Block::new(page, start..cut, current));
                    start = cut;
                }
                current = hint;
            }
        }
        if end > start {
            blocks.push(Block::new(page, start..end, current));
        }
        line_start += line.len();
    }
}

impl Block {
    fn new(page: usize, range: Range<usize>, hint: Hint) -> Block {
        Block {
            page,
            range,
            hint,
            candidate: false,
            tied: Vec::new(),
            chosen: None,
        }
    }
}

/// How Vietnamese a reading looks, over the words with a letter beyond ASCII (the only ones the
/// readings can disagree on): a well-formed syllable counts 2, any other word -1. A reading
/// that only turns foreign words into other non-words (`Café` → `Cafộ`) gains nothing.
fn score(text: &str) -> i64 {
    let words: i64 = words(text)
        .filter(|w| !w.is_ascii())
        .map(|w| if is_syllable(w) && case_ok(w) { 2 } else { -1 })
        .sum();
    // `®Þnh`, `c¸c`: signs glued to letters are letters of a legacy encoding.
    let chars: Vec<char> = text.chars().collect();
    let glued = chars
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            tcvn3_char(**c).is_some()
                && !c.is_alphabetic()
                && (i.checked_sub(1).is_some_and(|p| chars[p].is_alphabetic())
                    || chars.get(i + 1).is_some_and(|n| n.is_alphabetic()))
        })
        .count() as i64;
    words - glued
}

/// `việt`, `Việt`, `VIỆT`; not `viỆt` or `phÝ`.
fn case_ok(word: &str) -> bool {
    let mut rest = word.chars().skip(1);
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    if first_upper {
        let rest: Vec<char> = rest.collect();
        rest.iter().all(|c| c.is_lowercase()) || rest.iter().all(|c| c.is_uppercase())
    } else {
        rest.all(char::is_lowercase)
    }
}

fn is_vietnamese_letter(c: char) -> bool {
    let lower = c.to_lowercase().next().unwrap_or(c);
    lower.is_ascii_lowercase() || matches!(lower, 'đ' | 'ð') || split_tone(lower).is_some()
}

/// A Vietnamese letter outside Latin-1.
fn beyond_latin1(c: char) -> bool {
    c as u32 > 0xFF && is_vietnamese_letter(c)
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
}

/// The byte an extractor turned into `c`: Latin-1 as itself, a symbol font's private-use code
/// (U+F0xx) as its low byte.
fn byte_of(c: char) -> Option<u8> {
    let u = c as u32;
    match u {
        0..=0xFF => Some(u as u8),
        0xF000..=0xF0FF => Some((u & 0xFF) as u8),
        _ => None,
    }
}

/// TCVN3 (TCVN 5712:1993, VN3): one byte per letter, capitals with a shape mark at 0xA1–0xA7,
/// toned vowels only in lowercase (capital fonts print them as capitals).
const TCVN3: [(u8, char); 74] = [
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// The letter a TCVN3 byte stands for.
pub fn tcvn3_letter(byte: u8) -> Option<char> {
    TCVN3
        .binary_search_by_key(&byte, |(b, _)| *b)
        .ok()
        .map(|i| TCVN3[i].1)
}

fn tcvn3_char(c: char) -> Option<char> {
    match c {
        // Poppler names the glyph of 0xB7 `bulletoperator`.
        '∙' => Some('ã'),
        _ => byte_of(c).filter(|b| *b >= 0xA1).and_then(tcvn3_letter),
    }
}

struct Tcvn3Reading {
    text: String,
    /// Places that stood for `ư`: 0xAD itself, or the `−`/`-` an extractor made of it.
    u_sources: usize,
    restored_u: usize,
}

/// Read a block as TCVN3; with `dropped_u`, put back the `ư` an extractor dropped.
fn decode_tcvn3(text: &str, dropped_u: bool, strict: bool) -> Tcvn3Reading {
    let chars: Vec<char> = text.chars().collect();
    let letterish = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphabetic() || tcvn3_char(*c).is_some())
    };
    let mut out = String::with_capacity(text.len());
    let mut u_sources = 0;
    for (i, &c) in chars.iter().enumerate() {
        // `−` beside a letter is the soft hyphen a PDF extractor named `minus`.
        if c == '−' && (letterish(i.checked_sub(1)) || letterish(Some(i + 1))) {
            out.push('ư');
            u_sources += 1;
            continue;
        }
        match tcvn3_char(c) {
            Some(letter) => {
                if letter == 'ư' {
                    u_sources += 1;
                }
                out.push(letter);
            }
            None if strict && undefined_letter(c) => out.push(UNDEFINED),
            None => out.push(c),
        }
    }
    let (out, hyphens) = hyphen_as_u(&out);
    u_sources += hyphens;
    let (text, restored_u) = if dropped_u { restore_u(&out) } else { (out, 0) };
    Tcvn3Reading {
        text,
        u_sources,
        restored_u,
    }
}

/// A `-` inside a word that is a syllable only with `ư` there (`th-¬ng`, `t-`): the soft hyphen
/// turned into a hyphen. `do-Hạnh` and `QĐ-TTg` keep theirs.
fn hyphen_as_u(text: &str) -> (String, usize) {
    if !text.contains('-') {
        return (text.to_string(), 0);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = chars.clone();
    let mut count = 0;
    for i in 0..chars.len() {
        if chars[i] != '-' {
            continue;
        }
        let mut a = i;
        while a > 0 && chars[a - 1].is_alphabetic() {
            a -= 1;
        }
        let mut b = i + 1;
        while b < chars.len() && chars[b].is_alphabetic() {
            b += 1;
        }
        let left: String = chars[a..i].iter().collect();
        let right: String = chars[i + 1..b].iter().collect();
        if left.is_empty() && right.is_empty() {
            continue;
        }
        let fine = |s: &str| s.is_empty() || is_syllable(s);
        if fine(&left) && fine(&right) {
            continue;
        }
        let u = if left.chars().chain(right.chars()).all(|c| !c.is_lowercase()) {
            'Ư'
        } else {
            'ư'
        };
        if is_syllable(&format!("{left}{u}{right}")) {
            out[i] = u;
            count += 1;
        }
    }
    (out.into_iter().collect(), count)
}

/// Put `ư` back at the start of the rhyme of words that are syllables only with it
/// (`trởng` → `trưởng`, `nớc` → `nước`, `t` → `tư`).
fn restore_u(text: &str) -> (String, usize) {
    map_words(text, with_u)
}

/// Rewrite the words (runs of letters) of a text that `change` returns a new form for, given
/// the word and the character after it; everything else is kept as it is. Also counts them.
fn map_words(
    text: &str,
    mut change: impl FnMut(&str, Option<char>) -> Option<String>,
) -> (String, usize) {
    let mut out = String::with_capacity(text.len() + 16);
    let mut count = 0;
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_alphabetic()) {
        out.push_str(&rest[..start]);
        let word_len = rest[start..]
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len() - start);
        let word = &rest[start..start + word_len];
        let after = rest[start + word_len..].chars().next();
        match change(word, after) {
            Some(changed) => {
                out.push_str(&changed);
                count += 1;
            }
            None => out.push_str(word),
        }
        rest = &rest[start + word_len..];
    }
    out.push_str(rest);
    (out, count)
}

fn with_u(word: &str, after: Option<char>) -> Option<String> {
    if is_syllable(word) {
        return None;
    }
    let letters = word.chars().count();
    let upper = word.chars().all(|c| !c.is_lowercase());
    // `a)`, `b.`, `C`, `NH`: list labels, initials and abbreviations.
    if upper && letters <= 2 || letters == 1 && matches!(after, Some(')' | '.')) {
        return None;
    }
    let u = if upper { "Ư" } else { "ư" };
    let lower = word.to_lowercase();
    ONSETS
        .iter()
        .filter(|onset| lower.starts_with(*onset))
        .map(|onset| onset.chars().count())
        .chain([0])
        .filter_map(|n| {
            word.char_indices()
                .nth(n)
                .map(|(i, _)| i)
                .or((n == letters).then_some(word.len()))
        })
        .map(|i| format!("{}{u}{}", &word[..i], &word[i..]))
        .find(|candidate| is_syllable(candidate))
}

/// Set in capitals the words a capital font printed: the whole block when its font says so,
/// else each word that decodes to capitals with lowercase toned vowels in them (`QUYếT`).
fn capitals(text: &str, capital_font: bool) -> (String, usize) {
    if capital_font {
        let upper = text.to_uppercase();
        let changed = words(text)
            .filter(|w| w.chars().any(char::is_lowercase))
            .count();
        return (upper, changed);
    }
    map_words(text, |word, _| {
        let upper_inside = word.chars().skip(1).any(char::is_uppercase);
        (upper_inside && word.chars().any(char::is_lowercase)).then(|| word.to_uppercase())
    })
}

/// A VNI byte that is a letter of its own.
fn vni_letter(byte: u8) -> Option<char> {
    Some(match byte {
        0xD1 => 'Đ',
        0xF1 => 'đ',
        0xCD => 'Í',
        0xED => 'í',
        0xCC => 'Ì',
        0xEC => 'ì',
        0xC6 => 'Ỉ',
        0xE6 => 'ỉ',
        0xD3 => 'Ĩ',
        0xF3 => 'ĩ',
        0xD2 => 'Ị',
        0xF2 => 'ị',
        0xD4 => 'Ơ',
        0xF4 => 'ơ',
        0xD6 => 'Ư',
        0xF6 => 'ư',
        0xCE => 'Ỵ',
        0xEE => 'ỵ',
        _ => return None,
    })
}

/// Shape marks a VNI mark byte adds to the vowel before it.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    None,
    Circumflex,
    Breve,
}

/// A VNI mark byte (either case: capital letters take the 0xC0–0xDF forms): (shape, tone).
fn vni_mark(byte: u8) -> Option<(Shape, usize)> {
    if byte < 0xC0 {
        return None;
    }
    Some(match byte | 0x20 {
        0xF9 => (Shape::None, 2),
        0xF8 => (Shape::None, 1),
        0xFB => (Shape::None, 3),
        0xF5 => (Shape::None, 4),
        0xEF => (Shape::None, 5),
        0xE2 => (Shape::Circumflex, 0),
        0xE1 => (Shape::Circumflex, 2),
        0xE0 => (Shape::Circumflex, 1),
        0xE5 => (Shape::Circumflex, 3),
        0xE3 => (Shape::Circumflex, 4),
        0xE4 => (Shape::Circumflex, 5),
        0xEA => (Shape::Breve, 0),
        0xE9 => (Shape::Breve, 2),
        0xE8 => (Shape::Breve, 1),
        0xFA => (Shape::Breve, 3),
        0xFC => (Shape::Breve, 4),
        0xEB => (Shape::Breve, 5),
        _ => return None,
    })
}

/// The vowel `previous` with a VNI mark added, when the mark fits it.
fn add_vni_mark(previous: char, shape: Shape, tone: usize) -> Option<char> {
    let upper = previous.is_uppercase();
    let lower = previous.to_lowercase().next()?;
    let (base, old_tone) = split_tone(lower)?;
    let base = match (shape, base) {
        (Shape::None, b) => b,
        (Shape::Circumflex, 'a') => 'â',
        (Shape::Circumflex, 'e') => 'ê',
        (Shape::Circumflex, 'o') => 'ô',
        (Shape::Breve, 'a') => 'ă',
        _ => return None,
    };
    if tone > 0 && old_tone > 0 {
        return None;
    }
    let letter = with_tone(base, tone.max(old_tone))?;
    Some(if upper {
        letter.to_uppercase().next().unwrap_or(letter)
    } else {
        letter
    })
}

/// Read a block as VNI-Windows: a base letter followed by mark bytes (`Vieät` → `Việt`), and
/// single bytes for `đ ơ ư` and some toned `i y`.
fn decode_vni(text: &str, strict: bool) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        let Some(byte) = byte_of(c).filter(|b| *b >= 0xC0) else {
            out.push(c);
            continue;
        };
        if let Some((shape, tone)) = vni_mark(byte) {
            if let Some(marked) = out.last().and_then(|p| add_vni_mark(*p, shape, tone)) {
                *out.last_mut().expect("a previous letter") = marked;
                continue;
            }
        }
        out.push(match vni_letter(byte) {
            Some(letter) => letter,
            None if strict && undefined_letter(c) => UNDEFINED,
            None => c,
        });
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str) -> String {
        repair_text(text).pages.remove(0)
    }

    #[test]
    fn tcvn3_is_decoded() {
        assert_eq!(
            fix("QuyÕt ®Þnh cña Thñ t\u{ad}íng ChÝnh phñ vÒ viÖc ban hµnh quy chÕ"),
            "Quyết định của Thủ tướng Chính phủ về việc ban hành quy chế"
        );
        assert_eq!(
            fix("§éc lËp - Tù do - H¹nh phóc"),
            "Độc lập - Tự do - Hạnh phúc"
        );
    }

    #[test]
    fn vni_is_decoded() {
        assert_eq!(
            fix("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        // A line that reads both ways takes the reading of its neighbours.
        assert_eq!(
            fix("boä taøi chiùnh\nSOÁ: 144 /2002/QÑ/BTC"),
            "bộ tài chính\nSỐ: 144 /2002/QĐ/BTC"
        );
        // Some writers put the tone byte after `i` instead of using the toned `i` byte.
        assert_eq!(
            fix("taøi chiùnh vaø Trònh Hoaø Biønh"),
            "tài chính và Trịnh Hoà Bình"
        );
        assert_eq!(fix("Ñieàu 5. Ngöôøi lao ñoäng"), "Điều 5. Người lao động");
    }

    #[test]
    fn unicode_and_other_text_is_untouched() {
        for text in [
            "Cộng hòa xã hội chủ nghĩa Việt Nam. Tài chính, không có gì quý hơn độc lập",
            "Hà Nội, ngày 15 tháng 5 năm 2016",
            "Ðiều 5. Ðoàn kết",
            "The committee met in Genève; François and Zoë signed. Café, naïve, résumé.",
            "Giá trị 1.500.000 đồng; tỷ lệ 12,5% — xem mục §3 và ¶2",
            "Luật số 15/2012/QH13 ® 2012",
            "",
        ] {
            assert_eq!(fix(text), text);
        }
    }

    #[test]
    fn soft_hyphen_in_every_form_is_u() {
        assert_eq!(
            fix("Thñ t\u{ad}íng vµ Bé tr\u{ad}ëng"),
            "Thủ tướng và Bộ trưởng"
        );
        assert_eq!(
            fix("Thñ t−íng vµ Bé tr−ëng −u ®·i"),
            "Thủ tướng và Bộ trưởng ưu đãi"
        );
        assert_eq!(
            fix("Th«ng t- h-íng dÉn vµ §éc lËp-Tù do"),
            "Thông tư hướng dẫn và Độc lập-Tự do"
        );
        assert_eq!(fix("x∙ héi"), "xã hội");
    }

    #[test]
    fn dropped_soft_hyphen_is_put_back() {
        let dropped = "Bé trëng Bé Tµi chÝnh híng dÉn thùc hiÖn QuyÕt ®Þnh cña Thñ tíng \
                       ChÝnh phñ vÒ viÖc miÔn thuÕ nhËp khÈu ®èi víi nguyªn vËt liÖu cho c¸c \
                       doanh nghiÖp nhµ níc nh sau: a) Th«ng t nµy cã hiÖu lùc";
        let fixed = fix(dropped);
        assert!(
            fixed.starts_with("Bộ trưởng Bộ Tài chính hướng dẫn"),
            "{fixed}"
        );
        assert!(fixed.contains("Thủ tướng"), "{fixed}");
        assert!(
            fixed.contains("nhà nước như sau: a) Thông tư này"),
            "{fixed}"
        );
        assert!(repair_text(dropped).report.restored_u >= 4);
        // `ư` seen where expected: the extractor kept them, nothing is invented.
        let kept = format!("{dropped} Bé tr\u{ad}ëng {}", "ng\u{ad}êi ".repeat(3));
        assert!(fix(&kept).contains("Bộ trởng"));
    }

    #[test]
    fn tcvn3_capitals() {
        assert_eq!(fix("QUYÕT §ÞNH cña Thñ t−íng"), "QUYẾT ĐỊNH của Thủ tướng");
        assert_eq!(fix("§IÒU 1. Sè 05"), "ĐIỀU 1. Số 05");
        let hinted = repair_pages(
            &["céng hoµ x· héi chñ nghÜa viÖt nam\nSè 5".to_string()],
            &[vec![HintedRange {
                range: 0.."céng hoµ x· héi chñ nghÜa viÖt nam".len(),
                hint: font_hint(".VnTimeH"),
            }]],
        );
        assert_eq!(hinted.pages[0], "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố 5");
    }

    #[test]
    fn mixed_documents_are_decided_block_by_block() {
        let text = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n\
                    Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\n\
                    Cộng hòa xã hội chủ nghĩa Việt Nam\n\
                    Report of the committee, 2004";
        let repaired = repair_text(text);
        assert_eq!(
            repaired.pages[0],
            "Cộng hoà xã hội chủ nghĩa Việt Nam\n\
             Cộng hòa xã hội chủ nghĩa Việt Nam\n\
             Cộng hòa xã hội chủ nghĩa Việt Nam\n\
             Report of the committee, 2004"
        );
        assert_eq!(repaired.report.tcvn3_blocks, 1);
        assert_eq!(repaired.report.vni_blocks, 1);
        assert_eq!(repaired.report.unicode_blocks, 1);
        assert_eq!(repaired.report.method_suffix(), "+tcvn3+vni");
    }

    #[test]
    fn font_names_are_hints() {
        assert_eq!(font_hint("VNI-Times").encoding, Some(Encoding::Vni));
        assert_eq!(
            font_hint(".VnTime"),
            Hint {
                encoding: Some(Encoding::Tcvn3),
                capitals: false
            }
        );
        assert!(font_hint("GDNPME+VnTimeH").capitals);
        assert!(font_hint("FBHPFO+VnTimeHBold").capitals);
        assert!(font_hint(".VnArialH").capitals);
        assert!(!font_hint("FBHPHA+VnTimeBold").capitals);
        assert!(!font_hint(".VnCentury Schoolbook").capitals);
        assert_eq!(
            font_hint("Times New Roman").encoding,
            Some(Encoding::Unicode)
        );
        assert_eq!(font_hint(""), Hint::default());
        // A hint never overrides what the text says.
        let unicode = "Cộng hòa xã hội chủ nghĩa Việt Nam, Tài chính";
        let hinted = repair_pages(
            &[unicode.to_string()],
            &[vec![HintedRange {
                range: 0..unicode.len(),
                hint: font_hint(".VnTime"),
            }]],
        );
        assert_eq!(hinted.pages[0], unicode);
    }

    #[test]
    fn symbol_font_private_use_codes_are_bytes() {
        let pua: String = "QuyÕt ®Þnh"
            .chars()
            .map(|c| {
                if (c as u32) > 0x7f {
                    char::from_u32(0xF000 + c as u32).unwrap()
                } else {
                    c
                }
            })
            .collect();
        assert_eq!(fix(&pua), "Quyết định");
    }

    #[test]
    fn table_is_sorted_for_lookup() {
        assert!(TCVN3.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(tcvn3_letter(0xAD), Some('ư'));
        assert_eq!(tcvn3_letter(0x41), None);
    }
}
