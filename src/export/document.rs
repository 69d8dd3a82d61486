//! A catalogued document or book as an EPUB: its pages split into paragraphs, with headings
//! recognised from the text (`CHƯƠNG I`, `PHẦN THỨ NHẤT`, `Điều 1.`, `I. …`, capitalised lines).

use std::sync::LazyLock;

use regex::Regex;

use super::{render_epub, EpubSource, ExportError, Section};
use crate::document::reflow;
use crate::library::DocumentRecord;

/// Chapter-level headings.
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:chương|phần thứ|phần)\s+\S+|^(LỜI GIỚI THIỆU|LỜI NÓI ĐẦU|KẾT LUẬN|PHỤ LỤC)\b")
        .expect("valid pattern")
});
/// Section-level headings.
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(Điều\s+\d+[a-z]?\.|[IVXLC]+\.\s|Mục\s+\d+)").expect("valid pattern")
});

pub(super) struct Block {
    pub(super) heading: Option<String>,
    pub(super) level: u8,
    pub(super) page: u32,
    pub(super) paragraphs: Vec<String>,
}

fn heading_level(paragraph: &str) -> Option<u8> {
    if paragraph.contains('\n') || paragraph.chars().count() > 140 {
        return None;
    }
    if CHAPTER.is_match(paragraph) {
        return Some(1);
    }
    let letters: Vec<char> = paragraph.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.len() >= 4 && letters.iter().all(|c| !c.is_lowercase());
    (SECTION.is_match(paragraph) || shouting).then_some(2)
}

pub(super) fn blocks(pages: &[String]) -> Vec<Block> {
    let mut blocks = vec![Block {
        heading: None,
        level: 1,
        page: 1,
        paragraphs: Vec::new(),
    }];
    for (i, page) in pages.iter().enumerate() {
        let page_no = i as u32 + 1;
        for raw in page.split("\n\n") {
            let paragraph = raw.trim();
            if paragraph.is_empty() {
                continue;
            }
            match heading_level(paragraph) {
                Some(level) => blocks.push(Block {
                    heading: Some(paragraph.to_string()),
                    level,
                    page: page_no,
                    paragraphs: Vec::new(),
                }),
                None => {
                    if let Some(last) = blocks.last_mut() {
                        last.paragraphs.extend(reflow(paragraph));
                    }
                }
            }
        }
    }
    blocks.retain(|b| b.heading.is_some() || !b.paragraphs.is_empty());
    // The table of contents needs a chapter before any section.
    if blocks.first().is_some_and(|b| b.level == 2) {
        blocks.insert(
            0,
            Block {
                heading: None,
                level: 1,
                page: 1,
                paragraphs: Vec::new(),
            },
        );
    }
    blocks
}

/// Render a document's EPUB into memory.
pub fn document_epub(record: &DocumentRecord, pages: &[String]) -> Result<Vec<u8>, ExportError> {
    let blocks = blocks(pages);
    let title = record.display_title();
    let number = record.number();
    let issuer = record.issuer();
    let sections = blocks
        .iter()
        .map(|b| Section {
            heading: b
                .heading
                .clone()
                .or_else(|| (b.level == 1).then(|| "Toàn văn".to_string())),
            paragraphs: b.paragraphs.iter().map(String::as_str).collect(),
            level: b.level,
            page: Some(b.page),
        })
        .collect();
    let modified = chrono::NaiveDateTime::parse_from_str(&record.ingested_at, "%Y-%m-%dT%H:%M:%SZ")
        .unwrap_or_default();
    // A classified document's EPUB says so on its title page and in its metadata, wherever
    // the file travels.
    use crate::document::Classification;
    let mark = record.classification().label().to_uppercase();
    let description = match record.classification() {
        Classification::Public => None,
        Classification::Internal => Some(format!(
            "{mark}: chỉ dùng trong nội bộ, không phổ biến ra ngoài."
        )),
        _ => Some(format!(
            "{mark}: tài liệu thuộc diện bảo vệ bí mật nhà nước, chỉ người có thẩm quyền được đọc; không sao chép, không chuyển tiếp."
        )),
    };
    let source = EpubSource {
        id: &record.id,
        title: &title,
        number: number.as_deref(),
        issuer: issuer.as_deref(),
        issued: record.metadata.issued,
        doc_type: record.metadata.doc_type.map(|t| t.name()),
        subject: record.metadata.title.as_deref(),
        description: description.as_deref(),
        sections,
        modified,
    };
    let mut out = Vec::new();
    render_epub(&source, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_become_sections() {
        let pages = vec![
            "ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\n\nCHỈ THỊ\n\nNội dung mở đầu\ncòn tiếp.\n\nI. TÌNH HÌNH\n\nĐoạn một.".to_string(),
            "CHƯƠNG I\n\nĐoạn hai.".to_string(),
        ];
        let b = blocks(&pages);
        let headings: Vec<(Option<&str>, u8, u32)> = b
            .iter()
            .map(|b| (b.heading.as_deref(), b.level, b.page))
            .collect();
        assert_eq!(
            headings,
            [
                (None, 1, 1),
                (Some("CHỈ THỊ"), 2, 1),
                (Some("I. TÌNH HÌNH"), 2, 1),
                (Some("CHƯƠNG I"), 1, 2)
            ]
        );
        assert_eq!(b[1].paragraphs, ["Nội dung mở đầu", "còn tiếp."]);
    }
}
