//! The title page of a book (a local Party history): title with the period it covers and the
//! body that compiled it. Fuller book metadata (publisher, volume, ISBN) comes from sidecars.

use super::{DocType, Metadata};

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

/// Metadata of a book from its first page.
pub fn extract_book_metadata(text: &str) -> Metadata {
    let first_page = text.split('\u{c}').next().unwrap_or(text);
    let lines: Vec<&str> = first_page
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(20)
        .collect();
    let mut metadata = Metadata {
        doc_type: Some(DocType::SachLichSu),
        ..Metadata::default()
    };
    if let Some(i) = lines
        .iter()
        .position(|l| TITLE_OPENINGS.iter().any(|o| l.starts_with(o)))
    {
        let mut title = sentence_case(lines[i]);
        if let Some(period) = lines
            .get(i + 1)
            .filter(|l| l.starts_with('(') && l.chars().any(|c| c.is_ascii_digit()))
        {
            title.push(' ');
            title.push_str(period);
        }
        metadata.title = Some(title);
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
    metadata
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
    }

    #[test]
    fn sentence_case_keeps_place_names() {
        assert_eq!(
            sentence_case("TRUYỀN THỐNG CÁCH MẠNG HUYỆN BẮC QUANG"),
            "Truyền thống cách mạng huyện Bắc Quang"
        );
    }
}
