//! Writers for real test files: PDFs with an embedded Unicode font (so the text layer carries
//! Vietnamese), DOCX, HTML and Markdown, from plain text laid out one printed line per line.
//! Used by the integration tests and by `examples/make_samples.rs`.
#![allow(dead_code)]

use std::io::{Cursor, Write};
use std::path::Path;

/// A line containing only this marks a printed page break in a source text.
pub const PAGE_BREAK: &str = "<<<PAGE>>>";

/// Separates the left and right header columns on one printed line (`TỈNH ỦY | ĐẢNG CỘNG SẢN`).
pub const COLUMNS: &str = " | ";

/// The serif font every Debian machine gets with `fonts-dejavu-core`.
pub const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";

const LINES_PER_PAGE: usize = 46;
const WRAP_AT: usize = 88;

/// Wrap long lines at word boundaries the way a printed page would.
fn wrap(line: &str) -> Vec<String> {
    wrap_at(line, WRAP_AT)
}

fn wrap_at(line: &str, width: usize) -> Vec<String> {
    if line.chars().count() <= width {
        return vec![line.to_string()];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for word in line.split(' ') {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push(current);
    out
}

/// Printed pages of lines: explicit page breaks, and a new page every `LINES_PER_PAGE` lines.
pub fn paginate(text: &str) -> Vec<Vec<String>> {
    let mut pages = vec![Vec::new()];
    for line in text.lines() {
        if line.trim() == PAGE_BREAK {
            pages.push(Vec::new());
            continue;
        }
        for wrapped in wrap(line) {
            if pages.last().is_some_and(|p| p.len() >= LINES_PER_PAGE) {
                pages.push(Vec::new());
            }
            pages.last_mut().expect("at least one page").push(wrapped);
        }
    }
    pages.retain(|p| p.iter().any(|l| !l.trim().is_empty()));
    pages
}

fn centered(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase()) && line.chars().count() < 70
}

/// A PDF whose text layer is `text` (A4, DejaVu Serif 11 pt).
pub fn pdf_bytes(title: &str, text: &str) -> Vec<u8> {
    pdf_with_folios(title, text, false, |_| None)
}

/// A book's PDF: [`pdf_bytes`] with the page number printed at the foot of every page, centred,
/// from page `first_numbered` on (1-based). Vietnamese books count their pages from the title
/// page and print no number on it nor on its back, so page `n` of the file prints `n`.
/// Headings (lines without small letters, the period in brackets under a title too) are
/// centred, long ones wrapped to fit between the margins; table-of-contents lines are not.
pub fn book_pdf_bytes(title: &str, text: &str, first_numbered: usize) -> Vec<u8> {
    let text: Vec<String> = text
        .lines()
        .flat_map(|line| {
            if is_heading(line) && line.chars().count() > HEADING_WRAP_AT {
                wrap_at(line, HEADING_WRAP_AT)
            } else {
                vec![line.to_string()]
            }
        })
        .collect();
    pdf_with_folios(title, &text.join("\n"), true, |page| {
        (page >= first_numbered).then(|| page.to_string())
    })
}

/// Capitals are wider than small letters: a heading line holds fewer of them.
const HEADING_WRAP_AT: usize = 56;

fn is_heading(line: &str) -> bool {
    !line.trim().is_empty()
        && line.trim() != PAGE_BREAK
        && !line.contains("...")
        && !line.chars().any(char::is_lowercase)
}

/// `folio(n)` is the number printed at the foot of page `n` (1-based), drawn after the text so
/// that it is the page's last line in reading order. `book` centres every heading line.
fn pdf_with_folios(
    title: &str,
    text: &str,
    book: bool,
    folio: impl Fn(usize) -> Option<String>,
) -> Vec<u8> {
    use printpdf::{Mm, PdfDocument};
    let pages = paginate(text);
    let (doc, first_page, first_layer) = PdfDocument::new(title, Mm(210.0), Mm(297.0), "text");
    let font_bytes = std::fs::read(FONT).expect("DejaVu Serif is installed (fonts-dejavu-core)");
    let font = doc
        .add_external_font(Cursor::new(font_bytes))
        .expect("font loads");
    for (i, lines) in pages.iter().enumerate() {
        let layer = if i == 0 {
            doc.get_page(first_page).get_layer(first_layer)
        } else {
            let (page, layer) = doc.add_page(Mm(210.0), Mm(297.0), "text");
            doc.get_page(page).get_layer(layer)
        };
        for (n, line) in lines.iter().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let y = Mm(277.0 - n as f32 * 5.6);
            // `left | right`: the two header columns of a Party or State document.
            if let Some((left, right)) = line.split_once(COLUMNS) {
                let start = |text: &str, middle: f32| {
                    (middle - text.chars().count() as f32 * 0.95).max(12.0)
                };
                layer.use_text(left.trim(), 11.0, Mm(start(left.trim(), 55.0)), y, &font);
                layer.use_text(right.trim(), 11.0, Mm(start(right.trim(), 145.0)), y, &font);
                continue;
            }
            let heading = book && is_heading(line);
            let em = if heading { 2.55 } else { 1.95 };
            let width = line.chars().count() as f32 * em;
            let x = if centered(line) || heading {
                ((210.0 - width) / 2.0).max(20.0)
            } else {
                20.0
            };
            layer.use_text(line.as_str(), 11.0, Mm(x), y, &font);
        }
        if let Some(number) = folio(i + 1) {
            let width = number.chars().count() as f32 * 1.95;
            layer.use_text(number, 11.0, Mm((210.0 - width) / 2.0), Mm(14.0), &font);
        }
    }
    repair_to_unicode(&doc.save_to_bytes().expect("PDF serializes"))
}

/// printpdf 0.7 writes ToUnicode CMaps whose `N beginbfchar` counts overstate the entries and
/// that map to non-BMP code points without surrogates; office suites do not, and pdf-extract
/// panics on them. Rewrite each CMap with true counts so test PDFs look like real ones.
fn repair_to_unicode(pdf: &[u8]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).expect("printpdf output parses");
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        // Uncompressed streams have no filter, which lopdf reports as an error.
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let text = String::from_utf8_lossy(&content);
        if !text.contains("begincmap") {
            continue;
        }
        let (Some(start), Some(end)) = (text.find("beginbfchar"), text.rfind("endbfchar")) else {
            continue;
        };
        let head = &text[..text[..start].rfind('\n').unwrap_or(start)];
        let tail = &text[end + "endbfchar".len()..];
        let pairs: Vec<&str> = text[start..end]
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with('<') && l.len() == "<0000> <0000>".len())
            .collect();
        let mut fixed = String::from(head);
        for block in pairs.chunks(100) {
            fixed.push_str(&format!(
                "\n{} beginbfchar\n{}\nendbfchar",
                block.len(),
                block.join("\n")
            ));
        }
        fixed.push_str(tail);
        stream.set_plain_content(fixed.into_bytes());
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("PDF serializes");
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A minimal but valid DOCX: one paragraph per line, page breaks where the text has them.
pub fn docx_bytes(text: &str) -> Vec<u8> {
    docx_with_page_header(text, None)
}

/// A DOCX whose page header part (`word/header1.xml`, referenced by the section as Word does)
/// holds `header`, one paragraph per line: where a `MẬT` stamp is often set.
pub fn docx_with_page_header(text: &str, header: Option<&str>) -> Vec<u8> {
    let mut body = String::new();
    for line in text.lines() {
        if line.trim() == PAGE_BREAK {
            body.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
        } else if line.trim().is_empty() {
            body.push_str("<w:p/>");
        } else if let Some((left, right)) = line.split_once(COLUMNS) {
            // Word users separate the two header columns with tabs.
            body.push_str(&format!(
                r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t><w:tab/><w:tab/><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                xml_escape(left.trim()),
                xml_escape(right.trim())
            ));
        } else {
            body.push_str(&format!(
                r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                xml_escape(line)
            ));
        }
    }
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let section = if header.is_some() {
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr>"#
    } else {
        ""
    };
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}{section}</w:body></w:document>"#
    );
    let header_override = if header.is_some() {
        r#"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#
    } else {
        ""
    };
    let content_types = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>{header_override}</Types>"#
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut parts = vec![
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels.to_string()),
        ("word/document.xml", document),
    ];
    if let Some(header) = header {
        let paragraphs: String = header
            .lines()
            .map(|line| {
                format!(
                    r#"<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                    xml_escape(line)
                )
            })
            .collect();
        parts.push((
            "word/header1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{W}" xmlns:r="{R}">{paragraphs}</w:hdr>"#
            ),
        ));
        parts.push((
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#
                .to_string(),
        ));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, content) in parts {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(content.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finishes").into_inner()
}

/// An HTML page as a provincial portal would publish it.
pub fn html_bytes(title: &str, text: &str) -> Vec<u8> {
    let mut body = String::new();
    for para in text.split("\n\n") {
        let lines: Vec<String> = para
            .lines()
            .filter(|l| l.trim() != PAGE_BREAK)
            .map(xml_escape)
            .collect();
        if !lines.is_empty() {
            body.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <script>var tracker = 1;</script></head>\n<body><div class=\"content\">\n{body}</div></body></html>\n",
        xml_escape(title)
    )
    .into_bytes()
}

/// Markdown: the type heading becomes a Markdown heading, the rest stays as lines.
pub fn markdown_bytes(text: &str) -> Vec<u8> {
    let mut out = String::new();
    for line in text.lines() {
        if line.trim() == PAGE_BREAK {
            continue;
        }
        let is_type_heading =
            centered(line) && line.split_whitespace().count() <= 3 && !line.contains('*');
        if is_type_heading {
            out.push_str("## ");
        }
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes()
}

/// Write `text` as `format` (pdf, docx, html, md, txt) to `path`.
pub fn write_as(format: &str, title: &str, text: &str, path: &Path) -> std::io::Result<()> {
    let bytes = match format {
        "pdf" => pdf_bytes(title, text),
        "docx" => docx_bytes(text),
        "html" => html_bytes(title, text),
        "md" => markdown_bytes(text),
        _ => text
            .replace(&format!("{PAGE_BREAK}\n"), "\u{c}\n")
            .into_bytes(),
    };
    std::fs::write(path, bytes)
}

/// Width, height and colour space of a JPEG, from its frame header.
fn jpeg_size(jpeg: &[u8]) -> (i64, i64, &'static str) {
    let mut at = 2;
    while at + 9 < jpeg.len() {
        let marker = jpeg[at + 1];
        let len = u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]) as usize;
        if (0xc0..=0xcf).contains(&marker) && ![0xc4, 0xc8, 0xcc].contains(&marker) {
            let height = u16::from_be_bytes([jpeg[at + 5], jpeg[at + 6]]);
            let width = u16::from_be_bytes([jpeg[at + 7], jpeg[at + 8]]);
            let space = if jpeg[at + 9] == 1 {
                "DeviceGray"
            } else {
                "DeviceRGB"
            };
            return (width as i64, height as i64, space);
        }
        at += 2 + len;
    }
    panic!("not a JPEG");
}

/// Add pages that are only a JPEG each, the size of A4, as a scanner writes them.
pub fn add_image_pages(doc: &mut lopdf::Document, pages_id: lopdf::ObjectId, jpegs: &[Vec<u8>]) {
    use lopdf::{dictionary, Object, Stream};
    for jpeg in jpegs {
        let (width, height, space) = jpeg_size(jpeg);
        let image = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => width,
                "Height" => height,
                "ColorSpace" => space,
                "BitsPerComponent" => 8,
                "Filter" => "DCTDecode",
            },
            jpeg.clone(),
        ));
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"q 595.28 0 0 841.89 0 0 cm /Im0 Do Q".to_vec(),
        ));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(595.28), Object::Real(841.89)],
            "Contents" => content,
            "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image } },
        });
        let pages = doc
            .get_object_mut(pages_id)
            .and_then(Object::as_dict_mut)
            .unwrap();
        pages
            .get_mut(b"Kids")
            .and_then(Object::as_array_mut)
            .unwrap()
            .push(page.into());
        let count = pages.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
        pages.set("Count", count + 1);
    }
}

fn save_pdf(doc: &mut lopdf::Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A PDF of scanned pages only: no text layer at all.
pub fn image_pdf(jpegs: &[Vec<u8>]) -> Vec<u8> {
    use lopdf::dictionary;
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.add_object(dictionary! {
        "Type" => "Pages",
        "Kids" => Vec::<lopdf::Object>::new(),
        "Count" => 0,
    });
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    add_image_pages(&mut doc, pages_id, jpegs);
    save_pdf(&mut doc)
}

/// A PDF whose first pages have a text layer and whose following pages are scans.
pub fn mixed_pdf(text_pdf: &[u8], jpegs: &[Vec<u8>]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(text_pdf).unwrap();
    let pages_id = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .and_then(lopdf::Object::as_reference)
        .unwrap();
    add_image_pages(&mut doc, pages_id, jpegs);
    save_pdf(&mut doc)
}

/// A DOCX whose document part inflates to 1 GiB.
pub fn docx_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        .unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#)
        .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..1024 {
        zip.write_all(&chunk).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .unwrap();
    zip.finish().unwrap().into_inner()
}

/// The start of a PNG whose header claims `width`×`height` pixels.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend([8, 0, 0, 0, 0, 0, 0, 0, 0]);
    png
}
