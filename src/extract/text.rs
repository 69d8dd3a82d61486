//! Plain text and Markdown: UTF-8 or UTF-16 with a byte-order mark; form feeds separate pages.

use super::ExtractError;
use crate::vietnamese::{self, legacy};

/// Decode text bytes. Legacy 8-bit encodings are refused here and repaired in their own stage.
pub fn decode(bytes: &[u8]) -> Result<String, ExtractError> {
    let utf16 = |le: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| ExtractError::NotUtf8)
    };
    match bytes {
        [0xff, 0xfe, ..] => utf16(true),
        [0xfe, 0xff, ..] => utf16(false),
        [0xef, 0xbb, 0xbf, rest @ ..] => std::str::from_utf8(rest)
            .map(str::to_owned)
            .map_err(|_| ExtractError::NotUtf8),
        _ => std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| ExtractError::NotUtf8),
    }
}

/// A plain text file: UTF-8 or UTF-16 as [`decode`]; otherwise a file typed in an 8-bit
/// Vietnamese encoding, if its bytes read as Vietnamese one of two ways: as Windows-1252, the
/// way TCVN3 and VNI text reaches every extractor (repaired later, with the rest of the
/// pipeline, by `vietnamese::legacy`), or as Windows-1258. Also the method it was read by.
/// Bytes that read as neither are refused as before.
pub fn decode_plain(bytes: &[u8]) -> Result<(&'static str, String), ExtractError> {
    match decode(bytes) {
        Ok(text) => Ok(("text", text)),
        Err(ExtractError::NotUtf8) => decode_legacy(bytes).ok_or(ExtractError::NotUtf8),
        Err(e) => Err(e),
    }
}

/// Words that must be Vietnamese syllables for 8-bit text to be taken as Vietnamese: prose is
/// well above (numbers and abbreviations aside), other Latin languages and junk well below.
const VIETNAMESE_SHARE: f64 = 0.75;

fn decode_legacy(bytes: &[u8]) -> Option<(&'static str, String)> {
    // Judged on the start of the file: the whole is repaired later anyway.
    let sample = &bytes[..bytes.len().min(64 << 10)];
    let repaired = legacy::repair_text(&windows_1252(sample));
    let legacy_share = if repaired.report.repaired() {
        repaired
            .pages
            .first()
            .map_or(0.0, |p| legacy::syllable_share(p))
    } else {
        0.0
    };
    let cp1258_share = legacy::syllable_share(&vietnamese::normalize(&windows_1258(sample)));
    if legacy_share.max(cp1258_share) < VIETNAMESE_SHARE {
        return None;
    }
    Some(if legacy_share >= cp1258_share {
        ("text", windows_1252(bytes))
    } else {
        ("text+cp1258", windows_1258(bytes))
    })
}

/// Windows-1252 bytes 0x80–0x9F (punctuation a word processor types: quotes, dashes, the
/// euro); the bytes it leaves undefined stay as the control characters Latin-1 gives them.
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

/// Bytes as Windows-1252 (Latin-1 above 0x9F).
fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => {
                char::from_u32(CP1252_HIGH[b as usize - 0x80] as u32).unwrap_or('\u{FFFD}')
            }
            _ => b as char,
        })
        .collect()
}

/// Bytes as Windows-1258: Windows-1252 but for the Vietnamese letters and the five tone marks
/// (combining, after their vowel), and four letters 1258 leaves out.
fn windows_1258(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x8A | 0x8E | 0x9A | 0x9E => '\u{FFFD}',
            0xC3 => 'Ă',
            0xCC => '\u{300}',
            0xD0 => 'Đ',
            0xD2 => '\u{309}',
            0xD5 => 'Ơ',
            0xDD => 'Ư',
            0xDE => '\u{303}',
            0xE3 => 'ă',
            0xEC => '\u{301}',
            0xF0 => 'đ',
            0xF2 => '\u{323}',
            0xF5 => 'ơ',
            0xFD => 'ư',
            0xFE => '₫',
            _ => windows_1252(&[b]).chars().next().unwrap_or('\u{FFFD}'),
        })
        .collect()
}

/// Split text into pages at form feeds.
pub fn pages(text: &str) -> Vec<String> {
    text.split('\u{c}').map(str::to_owned).collect()
}

/// Control bytes other than whitespace mean this is not a text file.
pub fn looks_binary(head: &[u8]) -> bool {
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    head.iter()
        .any(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
}

/// Markdown as the plain text a reader sees, line for line: heading hashes, block quotes,
/// emphasis, code ticks, backslash escapes and link targets go; a table row becomes its cells
/// separated by a wide gap (as a two-column header reads from a DOCX or PDF), and the
/// `|---|---|` row under a table head is dropped. Bullets and `---` rules stay: they are text
/// for the header reader.
pub fn strip_markdown(text: &str) -> String {
    text.lines()
        .filter(|line| !is_table_delimiter(line))
        .map(|line| {
            let line = line.trim_end();
            let trimmed = line.trim_start();
            if trimmed.starts_with('|') {
                return table_row(trimmed);
            }
            let line = strip_block_prefix(trimmed);
            inline_text(line)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The gap put between table cells: wide enough to read as a column gap.
const CELL_GAP: &str = "    ";

/// `|---|:---:|`: the line under a table head.
fn is_table_delimiter(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// `| Số: 123/UBND-VX | *Thanh Hóa, ngày 08 …* |` → `Số: 123/UBND-VX    Thanh Hóa, ngày 08 …`.
fn table_row(line: &str) -> String {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells
        .iter()
        .map(|c| inline_text(c.trim()))
        .filter(|c| !c.trim().is_empty())
        .collect::<Vec<_>>()
        .join(CELL_GAP)
}

/// Heading hashes (`## CHỈ THỊ`, closing hashes too) and block-quote markers.
fn strip_block_prefix(line: &str) -> &str {
    let mut line = line;
    while let Some(rest) = line.strip_prefix('>') {
        line = rest.trim_start();
    }
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = &line[hashes..];
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            let rest = rest.trim();
            let closing = rest.trim_end_matches('#');
            return if closing.is_empty() || closing.ends_with(' ') {
                closing.trim_end()
            } else {
                rest
            };
        }
    }
    line
}

/// Inline markup out of a line: `**bold**`, `*italic*`, `__x__`, `_x_`, `` `code` ``, `\*`,
/// `[text](url)`, `![alt](src)`. A `*` or `_` with spaces on both sides (`* MẬT *`, a lone `*`
/// under the issuer) is text, not emphasis.
fn inline_text(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '*' | '_' | '`' => {
                let run = chars[i..].iter().take_while(|&&x| x == c).count();
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + run).copied();
                let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
                let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
                // `_` inside a word (`so_hieu`) is a letter; `*` and ticks delimit anywhere.
                let delimiter = !(space(before) && space(after))
                    && (c != '_' || !(word(before) && word(after)));
                if !delimiter {
                    out.extend(&chars[i..i + run]);
                }
                i += run;
                continue;
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                i += 1;
                continue;
            }
            '[' => {
                if let Some((text, next)) = link(&chars, i) {
                    out.push_str(&inline_text(&text));
                    i = next;
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `[text](target)` starting at `open`: the text and the index after the closing parenthesis.
fn link(chars: &[char], open: usize) -> Option<(String, usize)> {
    let close = open + chars[open..].iter().position(|c| *c == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = close + 1 + chars[close + 1..].iter().position(|c| *c == ')')?;
    Some((chars[open + 1..close].iter().collect(), end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_utf16() {
        assert_eq!(decode("\u{feff}Đảng".as_bytes()).unwrap(), "Đảng");
        let mut le = vec![0xff, 0xfe];
        le.extend("Đảng".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap(), "Đảng");
        assert!(matches!(
            decode(&[0x51, 0x75, 0x79, 0xd5, 0x74]),
            Err(ExtractError::NotUtf8)
        ));
    }

    /// Unicode text typed in TCVN3 (lowercase and `Đ`), byte by byte.
    fn tcvn3(text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| {
                if c.is_ascii() {
                    c as u8
                } else {
                    (0xA1..=0xFF)
                        .find(|&b| legacy::tcvn3_letter(b) == Some(c))
                        .unwrap_or_else(|| panic!("{c} in TCVN3"))
                }
            })
            .collect()
    }

    #[test]
    fn eight_bit_vietnamese_text_is_read_and_junk_refused() {
        let prose = "Căn cứ luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; \
                     xét đề nghị của giám đốc sở nội vụ, ủy ban nhân dân tỉnh quyết định \
                     ban hành quy chế làm việc và phân công nhiệm vụ như sau.";
        let (method, text) = decode_plain(&tcvn3(prose)).unwrap();
        assert_eq!(method, "text");
        let repaired = legacy::repair_text(&text);
        assert!(repaired.report.repaired());
        assert_eq!(
            vietnamese::normalize(&repaired.pages[0]),
            vietnamese::normalize(prose)
        );

        // Windows-1258: base letters, then the tone mark.
        let mut cp1258 = b"C\xf4\xf2ng ho\xcca xa\xde h\xf4\xf2i chu\xd2 nghi\xdea".to_vec();
        cp1258.extend_from_slice(b" Vi\xea\xf2t Nam, \xf0\xf4\xf2c l\xe2\xf2p");
        cp1258.extend_from_slice(b" - t\xfd\xf2 do - ha\xf2nh phu\xecc");
        let (method, text) = decode_plain(&cp1258).unwrap();
        assert_eq!(method, "text+cp1258");
        assert_eq!(
            vietnamese::normalize(&text),
            "Cộng hòa xã hội chủ nghĩa Việt Nam, độc lập - tự do - hạnh phúc"
        );

        // Latin-1 text that is not Vietnamese, and high-byte junk: refused as before.
        let french = "Le conseil a décidé de réviser la procédure générale à l'été prochain, \
                      après la réunion des délégués.";
        let latin1: Vec<u8> = french.chars().map(|c| c as u32 as u8).collect();
        assert!(matches!(decode_plain(&latin1), Err(ExtractError::NotUtf8)));
        let junk: Vec<u8> = (0..4000u32).map(|i| (0xA0 + (i * 37 % 96)) as u8).collect();
        assert!(matches!(decode_plain(&junk), Err(ExtractError::NotUtf8)));
    }

    #[test]
    fn markdown_headings_lose_hashes() {
        assert_eq!(strip_markdown("# CHỈ THỊ\n**về** việc"), "CHỈ THỊ\nvề việc");
        assert_eq!(
            strip_markdown("## CỦA BAN THƯỜNG VỤ ##\n#hashtag\n> ### Trích"),
            "CỦA BAN THƯỜNG VỤ\n#hashtag\nTrích"
        );
    }

    #[test]
    fn markdown_emphasis_escapes_and_links_become_text() {
        assert_eq!(
            strip_markdown("**ĐẢNG CỘNG SẢN VIỆT NAM**\n\\*\n*Nghệ An, ngày 20 tháng 10 năm 2021*"),
            "ĐẢNG CỘNG SẢN VIỆT NAM\n*\nNghệ An, ngày 20 tháng 10 năm 2021"
        );
        assert_eq!(
            strip_markdown("__về__ _việc_ so_hieu `05-CT/TW` [Chỉ thị](http://x/05) ![ảnh](a.png)"),
            "về việc so_hieu 05-CT/TW Chỉ thị ảnh"
        );
        // Stars with spaces around are text: the rule under the issuer, a stamp frame, bullets.
        assert_eq!(
            strip_markdown("*\n* MẬT *\n* mục một\n- mục hai"),
            "*\n* MẬT *\n* mục một\n- mục hai"
        );
        assert_eq!(
            strip_markdown("1. **Mục tiêu**: đến năm 2025"),
            "1. Mục tiêu: đến năm 2025"
        );
        assert_eq!(strip_markdown("---\n***"), "---\n***");
    }

    #[test]
    fn markdown_table_rows_read_as_header_columns() {
        let md = "| ỦY BAN NHÂN DÂN TỈNH THANH HÓA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n\
                  |---|:---:|\n\
                  | | **Độc lập - Tự do - Hạnh phúc** |\n\
                  | Số: 123/UBND-VX | *Thanh Hóa, ngày 08 tháng 01 năm 2024* |\n\
                  | V/v mừng Đảng \\| mừng Xuân | |";
        assert_eq!(
            strip_markdown(md),
            "ỦY BAN NHÂN DÂN TỈNH THANH HÓA    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             Độc lập - Tự do - Hạnh phúc\n\
             Số: 123/UBND-VX    Thanh Hóa, ngày 08 tháng 01 năm 2024\n\
             V/v mừng Đảng | mừng Xuân"
        );
    }
}
