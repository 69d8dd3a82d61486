//! DOCX (Office Open XML): paragraphs of `word/document.xml`, split into pages at explicit and
//! last-rendered page breaks. Bounded reads guard against archives that inflate to gigabytes.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::ExtractError;

/// More than this much XML in the main part is not a document anyone typed.
const MAX_DOCUMENT_XML: u64 = 64 << 20;

/// Whether a ZIP archive is a Word document.
pub fn is_docx(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .map(|z| z.index_for_name("word/document.xml").is_some())
        .unwrap_or(false)
}

/// The pages of a DOCX file.
pub fn extract(bytes: &[u8]) -> Result<Vec<String>, ExtractError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::BadDocx(e.to_string()))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| ExtractError::BadDocx("thiếu phần word/document.xml".into()))?;
    if entry.size() > MAX_DOCUMENT_XML {
        return Err(ExtractError::TooLarge(format!(
            "{} MiB nội dung",
            entry.size() >> 20
        )));
    }
    let mut xml = Vec::new();
    // The declared size can lie; the read limit cannot.
    entry
        .take(MAX_DOCUMENT_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| ExtractError::BadDocx(e.to_string()))?;
    if xml.len() as u64 > MAX_DOCUMENT_XML {
        return Err(ExtractError::TooLarge("hơn 64 MiB nội dung".into()));
    }
    paragraphs_to_pages(&xml)
}

fn paragraphs_to_pages(xml: &[u8]) -> Result<Vec<String>, ExtractError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut pages = vec![String::new()];
    let mut in_text = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| ExtractError::BadDocx(format!("XML lỗi: {e}")))?;
        match event {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Text(t) if in_text => {
                let text = t
                    .unescape()
                    .map_err(|e| ExtractError::BadDocx(e.to_string()))?;
                current(&mut pages).push_str(&text);
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => current(&mut pages).push('\n'),
            Event::Empty(e) => match e.name().as_ref() {
                // A tab separates columns (the two header columns); keep it a wide gap.
                b"w:tab" => current(&mut pages).push_str("    "),
                b"w:br" => {
                    let page_break = e
                        .try_get_attribute("w:type")
                        .ok()
                        .flatten()
                        .is_some_and(|a| a.value.as_ref() == b"page");
                    if page_break {
                        pages.push(String::new());
                    } else {
                        current(&mut pages).push('\n');
                    }
                }
                b"w:lastRenderedPageBreak" if !current(&mut pages).trim().is_empty() => {
                    pages.push(String::new())
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

fn current(pages: &mut [String]) -> &mut String {
    let last = pages.len() - 1;
    &mut pages[last]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_page_breaks() {
        let xml = r#"<w:document><w:body>
            <w:p><w:r><w:t>ĐẢNG CỘNG SẢN</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">VIỆT NAM</w:t></w:r></w:p>
            <w:p><w:r><w:t>Số 05-CT/TW &amp; ngày</w:t><w:br w:type="page"/></w:r></w:p>
            <w:p><w:r><w:t>Trang hai</w:t></w:r></w:p></w:body></w:document>"#;
        let pages = paragraphs_to_pages(xml.as_bytes()).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(
            pages[0].trim(),
            "ĐẢNG CỘNG SẢN    VIỆT NAM\nSố 05-CT/TW & ngày"
        );
        assert_eq!(pages[1].trim(), "Trang hai");
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(paragraphs_to_pages(b"<w:p><w:t>a</w:x>").is_err());
    }
}
