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

/// Drop Markdown markup that is not text: heading hashes, emphasis, list bullets stay readable.
pub fn strip_markdown(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.trim_start_matches('#').trim_start();
            line.replace("**", "").replace("__", "")
        })
        .collect::<Vec<_>>()
        .join("\n")
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
    }
}
