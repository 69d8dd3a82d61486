//! Plain text and Markdown: UTF-8 or UTF-16 with a byte-order mark; form feeds separate pages.

use super::ExtractError;

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
