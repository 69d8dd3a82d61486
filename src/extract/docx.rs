//! DOCX (Office Open XML): paragraphs of `word/document.xml`, split into pages at explicit and
//! last-rendered page breaks, with the page header and footer parts (`word/header*.xml`,
//! `word/footer*.xml`) read first. Bounded reads guard against archives that inflate to gigabytes.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::ExtractError;
use crate::vietnamese::legacy::{self, Hint, HintedRange};

/// More than this much XML in the main part is not a document anyone typed.
const MAX_DOCUMENT_XML: u64 = 64 << 20;
/// A page header or footer part larger than this is not one anyone typed either.
const MAX_FURNITURE_XML: u64 = 1 << 20;
/// Header and footer parts read (Word writes up to three of each per section).
const MAX_FURNITURE_PARTS: usize = 24;
/// Distinct header and footer lines kept: marks are short lines, and each extra line pushes the
/// document's own header further from the top where metadata is read.
const MAX_FURNITURE_LINES: usize = 6;
/// A header or footer line longer than this is running text, not a mark or a running title.
const MAX_FURNITURE_LINE: usize = 80;

/// Whether a ZIP archive is a Word document.
pub fn is_docx(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .map(|z| z.index_for_name("word/document.xml").is_some())
        .unwrap_or(false)
}

/// The pages of a DOCX file, and for each page the stretches set in a font that hints at a
/// legacy encoding (`VNI-Times`, `.VnTime`, `.VnTimeH`), for the legacy repair.
///
/// The text of the page headers and footers (a `MẬT` stamp is often set there, printed on every
/// page) becomes the first lines of the first page, each distinct line once: that is where a
/// reader of the printed page meets the header, and where metadata looks for marks.
pub fn extract(bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<HintedRange>>), ExtractError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::BadDocx(e.to_string()))?;
    let xml = read_part(&mut archive, "word/document.xml", MAX_DOCUMENT_XML)?
        .ok_or_else(|| ExtractError::BadDocx("thiếu phần word/document.xml".into()))?;
    let styles = read_part(&mut archive, "word/styles.xml", MAX_FURNITURE_XML)?
        .map(|xml| Styles::parse(&xml))
        .unwrap_or_default();
    let (mut pages, mut hints) = hinted_pages(&xml, &styles)?;
    let furniture = furniture_lines(&mut archive)?;
    if !furniture.is_empty() {
        let first = &mut pages[0];
        let prefix = format!("{}\n\n", furniture.join("\n"));
        *first = format!("{prefix}{first}");
        for hinted in &mut hints[0] {
            hinted.range = hinted.range.start + prefix.len()..hinted.range.end + prefix.len();
        }
    }
    Ok((pages, hints))
}

/// The fonts of the styles (`word/styles.xml`): a run without its own font takes its
/// character style's, else its paragraph style's (each following `basedOn`), else the
/// document default's.
#[derive(Debug, Default)]
struct Styles {
    /// style id → (its own font, the style it is based on)
    styles: HashMap<String, (Option<String>, Option<String>)>,
    default_paragraph: Option<String>,
    document_default: Option<String>,
}

impl Styles {
    fn parse(xml: &[u8]) -> Styles {
        let mut styles = Styles::default();
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut in_defaults = false;
        let mut current: Option<String> = None;
        let mut any_paragraph_style = None;
        while let Ok(event) = reader.read_event_into(&mut buf) {
            match event {
                Event::Start(e) if e.name().as_ref() == b"w:docDefaults" => in_defaults = true,
                Event::End(e) if e.name().as_ref() == b"w:docDefaults" => in_defaults = false,
                Event::Start(e) if e.name().as_ref() == b"w:style" => {
                    current = attribute(&e, b"w:styleId");
                    let paragraph = attribute(&e, b"w:type").as_deref() == Some("paragraph");
                    if let Some(id) = current.as_ref().filter(|_| paragraph) {
                        let default =
                            matches!(attribute(&e, b"w:default").as_deref(), Some("1" | "true"));
                        if default {
                            styles.default_paragraph = Some(id.clone());
                        } else if id == "Normal" {
                            any_paragraph_style = Some(id.clone());
                        }
                    }
                    if let Some(id) = &current {
                        styles.styles.insert(id.clone(), (None, None));
                    }
                }
                Event::End(e) if e.name().as_ref() == b"w:style" => current = None,
                Event::Empty(e) => match (e.name().as_ref(), &current) {
                    (b"w:rFonts", _) if in_defaults => styles.document_default = run_font_of(&e),
                    (b"w:rFonts", Some(id)) => {
                        if let Some(entry) = styles.styles.get_mut(id) {
                            entry.0 = run_font_of(&e);
                        }
                    }
                    (b"w:basedOn", Some(id)) => {
                        if let Some(entry) = styles.styles.get_mut(id) {
                            entry.1 = attribute(&e, b"w:val");
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        if styles.default_paragraph.is_none() {
            styles.default_paragraph = any_paragraph_style;
        }
        styles
    }

    /// The font of a style, following `basedOn` (a bounded number of steps: a cycle is hostile).
    fn font(&self, id: &str) -> Option<&str> {
        let mut id = id;
        for _ in 0..16 {
            let (font, based_on) = self.styles.get(id)?;
            if let Some(font) = font {
                return Some(font);
            }
            id = based_on.as_deref()?;
        }
        None
    }

    /// The hint for a run: its own font, its character style's, its paragraph style's, the
    /// document default's. A default that names no legacy font hints nothing: converters write
    /// their own default there.
    fn hint(
        &self,
        run_font: Option<&str>,
        run_style: Option<&str>,
        paragraph_style: Option<&str>,
    ) -> Hint {
        let paragraph_style = paragraph_style.or(self.default_paragraph.as_deref());
        let font = run_font
            .or_else(|| run_style.and_then(|id| self.font(id)))
            .or_else(|| paragraph_style.and_then(|id| self.font(id)));
        match font {
            Some(font) => legacy::font_hint(font),
            None => self
                .document_default
                .as_deref()
                .map(legacy::font_hint)
                .filter(|h| h.encoding.is_some_and(|e| e != legacy::Encoding::Unicode))
                .unwrap_or_default(),
        }
    }
}

fn attribute(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The font of a run's text: `w:hAnsi` sets the characters above ASCII (where legacy bytes
/// are), `w:ascii` the others.
fn run_font_of(e: &quick_xml::events::BytesStart) -> Option<String> {
    attribute(e, b"w:hAnsi").or_else(|| attribute(e, b"w:ascii"))
}

/// A part of the archive, at most `limit` bytes (the declared size can lie; the read limit
/// cannot). `None` when the archive has no such part.
fn read_part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, ExtractError> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ExtractError::BadDocx(e.to_string())),
    };
    let too_large = || ExtractError::TooLarge(format!("phần {name} hơn {} KiB", limit >> 10));
    if entry.size() > limit {
        return Err(too_large());
    }
    let mut xml = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut xml)
        .map_err(|e| ExtractError::BadDocx(e.to_string()))?;
    if xml.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(Some(xml))
}

/// `word/header1.xml`, `word/footer2.xml`: headers first, then footers, in number order.
fn furniture_parts(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut parts: Vec<(u8, u32, String)> = names
        .filter_map(|name| {
            let stem = name.strip_prefix("word/")?.strip_suffix(".xml")?;
            let (kind, number) = if let Some(n) = stem.strip_prefix("header") {
                (0, n)
            } else {
                (1, stem.strip_prefix("footer")?)
            };
            let number = if number.is_empty() {
                0
            } else {
                number.parse().ok()?
            };
            Some((kind, number, name))
        })
        .collect();
    parts.sort();
    parts.into_iter().map(|(_, _, name)| name).collect()
}

/// The distinct short lines with letters of the header and footer parts (page numbers and
/// empty paragraphs left out), bounded in parts, size and count.
fn furniture_lines<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
) -> Result<Vec<String>, ExtractError> {
    let names = furniture_parts(archive.file_names().map(str::to_owned));
    let mut lines: Vec<String> = Vec::new();
    for name in names.iter().take(MAX_FURNITURE_PARTS) {
        let Some(xml) = read_part(archive, name, MAX_FURNITURE_XML)? else {
            continue;
        };
        for page in paragraphs_to_pages(&xml)? {
            for line in page.lines() {
                let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
                let keep = line.chars().any(char::is_alphabetic)
                    && line.chars().count() <= MAX_FURNITURE_LINE
                    && !lines.contains(&line);
                if keep && lines.len() < MAX_FURNITURE_LINES {
                    lines.push(line);
                }
            }
        }
    }
    Ok(lines)
}

fn paragraphs_to_pages(xml: &[u8]) -> Result<Vec<String>, ExtractError> {
    Ok(hinted_pages(xml, &Styles::default())?.0)
}

/// Pages, and per page the ranges whose run font hints at a legacy encoding.
fn hinted_pages(
    xml: &[u8],
    styles: &Styles,
) -> Result<(Vec<String>, Vec<Vec<HintedRange>>), ExtractError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut pages = vec![String::new()];
    let mut hints: Vec<Vec<HintedRange>> = vec![Vec::new()];
    let mut paragraph_style: Option<String> = None;
    let mut run_style: Option<String> = None;
    let mut run_font: Option<String> = None;
    let mut in_text = false;
    let mut in_run = false;
    let mut run_hint = styles.hint(None, None, None);
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| ExtractError::BadDocx(format!("XML lỗi: {e}")))?;
        match event {
            Event::Start(e) if e.name().as_ref() == b"w:p" => paragraph_style = None,
            Event::Empty(e) if !in_run && e.name().as_ref() == b"w:pStyle" => {
                paragraph_style = attribute(&e, b"w:val");
            }
            Event::Start(e) if e.name().as_ref() == b"w:r" => {
                in_run = true;
                (run_style, run_font) = (None, None);
                run_hint = styles.hint(None, None, paragraph_style.as_deref());
            }
            Event::End(e) if e.name().as_ref() == b"w:r" => in_run = false,
            Event::Empty(e) if in_run && matches!(e.name().as_ref(), b"w:rFonts" | b"w:rStyle") => {
                if e.name().as_ref() == b"w:rFonts" {
                    run_font = run_font_of(&e).or(run_font);
                } else {
                    run_style = attribute(&e, b"w:val");
                }
                run_hint = styles.hint(
                    run_font.as_deref(),
                    run_style.as_deref(),
                    paragraph_style.as_deref(),
                );
            }
            // Tracked deletions are read too, as Word and LibreOffice show them by default and
            // as archivists transcribe them: nothing typed is lost to search.
            Event::Start(e) if matches!(e.name().as_ref(), b"w:t" | b"w:delText") => in_text = true,
            Event::End(e) if matches!(e.name().as_ref(), b"w:t" | b"w:delText") => in_text = false,
            Event::Text(t) if in_text => {
                let text = t
                    .unescape()
                    .map_err(|e| ExtractError::BadDocx(e.to_string()))?;
                append(&mut pages, &mut hints, &text, run_hint);
            }
            // Word's soft hyphen element: in a TCVN3 text it is the letter `ư` (byte 0xAD).
            Event::Empty(e) if in_run && e.name().as_ref() == b"w:softHyphen" => {
                append(&mut pages, &mut hints, "\u{ad}", run_hint);
            }
            Event::Empty(e) if in_run && e.name().as_ref() == b"w:noBreakHyphen" => {
                append(&mut pages, &mut hints, "-", run_hint);
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
                        hints.push(Vec::new());
                    } else {
                        current(&mut pages).push('\n');
                    }
                }
                b"w:lastRenderedPageBreak" if !current(&mut pages).trim().is_empty() => {
                    pages.push(String::new());
                    hints.push(Vec::new());
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
        hints.pop();
    }
    Ok((pages, hints))
}

/// Add a run's text to the current page, extending the hinted range its font makes.
fn append(pages: &mut [String], hints: &mut [Vec<HintedRange>], text: &str, hint: Hint) {
    let page = current(pages);
    let start = page.len();
    page.push_str(text);
    let end = page.len();
    if hint.encoding.is_none() {
        return;
    }
    let ranges = hints.last_mut().expect("one hint list per page");
    match ranges.last_mut() {
        // Runs of one font that follow each other are one stretch.
        Some(last) if last.hint == hint && last.range.end == start => last.range.end = end,
        _ => ranges.push(HintedRange {
            range: start..end,
            hint,
        }),
    }
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

    fn docx_with_parts(parts: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, content) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn part(root: &str, paragraphs: &[&str]) -> String {
        let body: String = paragraphs
            .iter()
            .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
            .collect();
        format!("<w:{root}>{body}</w:{root}>")
    }

    #[test]
    fn page_header_and_footer_lines_open_the_first_page() {
        let document = part("document", &["ĐẢNG CỘNG SẢN VIỆT NAM", "Số 941-BC/ĐU"]);
        let bytes = docx_with_parts(&[
            ("word/document.xml", &document),
            (
                "word/footer1.xml",
                &part("ftr", &["1", "Tài liệu hội nghị"]),
            ),
            ("word/header2.xml", &part("hdr", &["TUYỆT MẬT"])),
            ("word/header1.xml", &part("hdr", &["TUYỆT MẬT", ""])),
        ]);
        let (pages, _) = extract(&bytes).unwrap();
        assert_eq!(
            pages[0].trim(),
            "TUYỆT MẬT\nTài liệu hội nghị\n\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 941-BC/ĐU"
        );
    }

    #[test]
    fn furniture_is_bounded() {
        let document = part("document", &["Nội dung"]);
        let many: Vec<String> = (0..20).map(|i| format!("Dòng {i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let long = "a ".repeat(100);
        let header = part(
            "hdr",
            &[&long, &many.join("</w:t></w:r></w:p><w:p><w:r><w:t>")],
        );
        let bytes = docx_with_parts(&[
            ("word/document.xml", &document),
            ("word/header1.xml", &header),
        ]);
        let (pages, _) = extract(&bytes).unwrap();
        let furniture: Vec<&str> = pages[0].split("\n\n").next().unwrap().lines().collect();
        assert_eq!(
            furniture,
            ["Dòng 0", "Dòng 1", "Dòng 2", "Dòng 3", "Dòng 4", "Dòng 5"]
        );

        let huge = part("hdr", &[&"x".repeat(2 << 20)]);
        let bytes = docx_with_parts(&[
            ("word/document.xml", &document),
            ("word/header1.xml", &huge),
        ]);
        assert!(matches!(extract(&bytes), Err(ExtractError::TooLarge(_))));
    }

    #[test]
    fn part_names_in_order() {
        let names = [
            "word/footer1.xml",
            "word/header10.xml",
            "word/header2.xml",
            "word/headers.xml",
            "word/document.xml",
            "word/_rels/header1.xml.rels",
            "word/header.xml",
        ];
        assert_eq!(
            furniture_parts(names.iter().map(|n| n.to_string())),
            [
                "word/header.xml",
                "word/header2.xml",
                "word/header10.xml",
                "word/footer1.xml"
            ]
        );
    }

    #[test]
    fn run_fonts_become_legacy_hints() {
        let styles = r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:styleId="Normal"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:hAnsi=".VnTimeH"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Title"><w:basedOn w:val="Heading1"/></w:style></w:styles>"#;
        let document = r#"<w:document><w:body>
            <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>quyÕt ®Þnh</w:t></w:r></w:p>
            <w:p><w:r><w:t>Bé tr</w:t></w:r><w:r><w:softHyphen/><w:t>ëng</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr><w:t> – Tài chính</w:t></w:r></w:p>
            <w:p><w:r><w:rPr><w:rFonts w:hAnsi="VNI-Times"/></w:rPr><w:t>Coäng</w:t></w:r><w:r><w:rPr><w:rFonts w:hAnsi="VNI-Times"/></w:rPr><w:t> hoøa</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let styles = Styles::parse(styles.as_bytes());
        let (pages, hints) = hinted_pages(document.as_bytes(), &styles).unwrap();
        let page = &pages[0];
        let spans: Vec<(&str, Option<legacy::Encoding>, bool)> = hints[0]
            .iter()
            .map(|h| (&page[h.range.clone()], h.hint.encoding, h.hint.capitals))
            .collect();
        use legacy::Encoding::{Tcvn3, Unicode, Vni};
        assert_eq!(
            spans,
            [
                ("quyÕt ®Þnh", Some(Tcvn3), true),
                ("Bé tr\u{ad}ëng", Some(Tcvn3), false),
                (" – Tài chính", Some(Unicode), false),
                ("Coäng hoøa", Some(Vni), false),
            ]
        );
        let repaired = legacy::repair_pages(&pages, &hints);
        assert_eq!(
            repaired.pages[0].trim(),
            "QUYẾT ĐỊNH\nBộ trưởng – Tài chính\nCộng hòa"
        );
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(paragraphs_to_pages(b"<w:p><w:t>a</w:x>").is_err());
    }
}
