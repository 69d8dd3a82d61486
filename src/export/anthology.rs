//! The documents a search found, as one EPUB: a title page that says how many documents
//! matched and how many are included, then a chapter per document, opened by its metadata line
//! (number, type, issuer, date) with the document's own headings nested below it.
//!
//! The bytes depend only on the query and the documents: the identifier is a hash of both, the
//! modification time the latest ingest among them.

use sha2::{Digest, Sha256};

use super::document::blocks;
use super::epub::one_line;
use super::{render_epub, EpubSource, ExportError, Section};
use crate::library::DocumentRecord;

/// A search's documents, in rank order, with their pages.
#[derive(Debug, Clone)]
pub struct Anthology<'a> {
    /// The query as the reader typed it (with its filters spelled out).
    pub query: &'a str,
    /// How many documents matched.
    pub total: usize,
    /// The most an anthology includes.
    pub cap: usize,
    pub documents: Vec<(DocumentRecord, Vec<String>)>,
}

/// `Số 05-CT/TW · Chỉ thị · Bộ Chính trị · ngày 15/5/2016`.
pub fn metadata_line(record: &DocumentRecord) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mark = record.classification().label();
    if !mark.is_empty() {
        parts.push(mark.to_uppercase());
    }
    if let Some(n) = record.number() {
        parts.push(format!("Số {n}"));
    }
    if let Some(t) = record.doc_type() {
        parts.push(t.name().to_string());
    }
    if let Some(i) = record.issuer() {
        parts.push(i);
    }
    if let Some(d) = record.metadata.issued {
        parts.push(format!("ngày {}", d.format("%-d/%-m/%Y")));
    } else if let Some(y) = record.metadata.book.as_ref().and_then(|b| b.year) {
        parts.push(format!("năm {y}"));
    }
    one_line(&parts.join(" · "))
}

/// What the title page and `dc:description` say.
pub fn summary(a: &Anthology) -> String {
    let query = one_line(a.query);
    let included = a.documents.len();
    if included < a.total {
        format!(
            "Tuyển tập các tài liệu tìm được với “{query}”: có {} tài liệu khớp, tuyển tập này gồm {included} tài liệu đầu tiên theo thứ tự xếp hạng (tối đa {}). Muốn có các tài liệu còn lại, hãy thu hẹp tìm kiếm (thêm từ, lọc theo loại, cơ quan hoặc năm).",
            a.total, a.cap
        )
    } else {
        format!(
            "Tuyển tập các tài liệu tìm được với “{query}”: cả {included} tài liệu khớp đều có trong tuyển tập này."
        )
    }
}

/// Render the anthology; at least one document is needed.
pub fn anthology_epub(a: &Anthology) -> Result<Vec<u8>, ExportError> {
    if a.documents.is_empty() {
        return Err(ExportError::NoSections);
    }
    let mut hash = Sha256::new();
    hash.update(a.query.as_bytes());
    for (record, _) in &a.documents {
        hash.update(b"\0");
        hash.update(record.id.as_bytes());
    }
    let id = format!("tuyen-tap-{}", &hex::encode(hash.finalize())[..16]);
    let modified = a
        .documents
        .iter()
        .filter_map(|(r, _)| {
            chrono::NaiveDateTime::parse_from_str(&r.ingested_at, "%Y-%m-%dT%H:%M:%SZ").ok()
        })
        .max()
        .unwrap_or_default();
    let titles: Vec<String> = a.documents.iter().map(|(r, _)| r.display_title()).collect();
    let meta: Vec<String> = a.documents.iter().map(|(r, _)| metadata_line(r)).collect();
    let bodies: Vec<_> = a.documents.iter().map(|(_, pages)| blocks(pages)).collect();
    let mut sections = Vec::new();
    for ((title, meta), body) in titles.iter().zip(&meta).zip(&bodies) {
        let mut opening = Section {
            heading: Some(title.clone()),
            paragraphs: Vec::new(),
            level: 1,
            page: None,
        };
        if !meta.is_empty() {
            opening.paragraphs.push(meta.as_str());
        }
        let mut rest = Vec::new();
        for block in body {
            let paragraphs = block.paragraphs.iter().map(String::as_str);
            match &block.heading {
                // The text before the document's first heading belongs to its opening.
                None if rest.is_empty() => opening.paragraphs.extend(paragraphs),
                heading => rest.push(Section {
                    heading: heading.clone(),
                    paragraphs: paragraphs.collect(),
                    level: 2,
                    page: Some(block.page),
                }),
            }
        }
        sections.push(opening);
        sections.extend(rest);
    }
    let title = format!("Tuyển tập: {}", one_line(a.query));
    let description = summary(a);
    let source = EpubSource {
        id: &id,
        title: &title,
        number: None,
        issuer: None,
        issued: None,
        doc_type: Some("Tuyển tập"),
        subject: None,
        description: Some(&description),
        sections,
        modified,
    };
    let mut out = Vec::new();
    render_epub(&source, &mut out)?;
    Ok(out)
}
