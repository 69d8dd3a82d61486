//! EPUB 3 rendering of a document or a book.
//!
//! Layout: a title page (`title.xhtml`), then one XHTML file per level-1
//! section (`chapter-001.xhtml`, ...) in which level-2 sections are nested
//! `<section>`s with anchors (`#s2`) listed as children in the table of
//! contents. All pages are `xml:lang="vi"`, styled by one embedded CSS file,
//! with no external resource.
//!
//! epub-builder 0.8.3 writes the package; its output is then re-packed with
//! fixed ZIP timestamps and a patched `content.opf` (identifier, creator,
//! date, type) and `nav.xhtml` (language), so that the same input always
//! gives the same bytes and epubcheck reports neither error nor warning.

use std::borrow::Cow;
use std::io::{Cursor, Read, Write};

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use epub_builder::{EpubBuilder, EpubContent, EpubVersion, ReferenceType, TocElement, ZipLibrary};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use super::ExportError;

/// Language of every exported book.
pub(super) const LANG: &str = "vi";
/// Name of the table of contents, shown by reading systems.
pub(super) const TOC_NAME: &str = "Mục lục";
const TITLE_FILE: &str = "title.xhtml";

/// Serif stack with good Vietnamese coverage; nothing is downloaded or embedded.
pub(super) const CSS: &str = "\
body { font-family: \"Noto Serif\", \"Times New Roman\", Times, \"Liberation Serif\", \"DejaVu Serif\", serif; line-height: 1.5; margin: 0 1em; }
h1 { font-size: 1.4em; text-align: center; margin: 1.5em 0 1em; }
h2 { font-size: 1.15em; margin: 1.2em 0 0.6em; }
p { margin: 0 0 0.6em; text-indent: 1.5em; text-align: justify; }
.titlepage { text-align: center; margin-top: 3em; }
.titlepage p { text-indent: 0; text-align: center; }
.titlepage .title { font-size: 1.6em; margin-top: 2em; }
.issuer { font-weight: bold; text-transform: uppercase; }
.number, .date { font-style: italic; }
nav ol { list-style-type: none; }
.meta { font-style: italic; text-indent: 0; }
.subhead { font-weight: bold; text-indent: 0; text-align: left; margin-top: 1em; }
.cover { margin: 0; padding: 0; text-align: center; }
.cover img { max-width: 100%; max-height: 100%; }
";

/// A document or book as the EPUB renderer sees it: already NFC text.
#[derive(Debug, Clone)]
pub struct EpubSource<'a> {
    /// Stable id, used for `dc:identifier` as `urn:vankien:{id}`.
    pub id: &'a str,
    /// Full title, e.g. "Chỉ thị số 05-CT/TW về đẩy mạnh học tập...".
    pub title: &'a str,
    /// Document number, e.g. "05-CT/TW".
    pub number: Option<&'a str>,
    /// Issuing body, e.g. "Bộ Chính trị" (`dc:creator`).
    pub issuer: Option<&'a str>,
    /// Date of issue (`dc:date`).
    pub issued: Option<NaiveDate>,
    /// Kind of document, e.g. "Chỉ thị" (`dc:type`).
    pub doc_type: Option<&'a str>,
    /// Subject (`dc:subject`).
    pub subject: Option<&'a str>,
    /// What the book is (`dc:description`), also printed on the title page.
    pub description: Option<&'a str>,
    /// Body, in reading order; at least one.
    pub sections: Vec<Section<'a>>,
    /// `dcterms:modified`, also the ZIP timestamps: passed in for deterministic output.
    pub modified: NaiveDateTime,
}

/// A section of the body.
#[derive(Debug, Clone, Default)]
pub struct Section<'a> {
    /// Heading, rendered as `<h1>` (level 1) or `<h2>` (level 2) and listed in the toc.
    pub heading: Option<String>,
    /// Paragraphs of plain text, one `<p>` each.
    pub paragraphs: Vec<&'a str>,
    /// 1 = chapter (own file), 2 = subsection (nested in the toc); 0 counts as 1, above 2 as 2.
    pub level: u8,
    /// Printed page where the section starts (informative, kept as `data-page`).
    pub page: Option<u32>,
}

/// Renders `src` as an EPUB 3 file into `out`.
///
/// The output depends only on `src` (no clock, no random identifier).
pub fn render_epub(src: &EpubSource, out: &mut impl Write) -> Result<(), ExportError> {
    if src.sections.is_empty() {
        return Err(ExportError::NoSections);
    }
    let title = book_title(src);
    let chapters = group_chapters(&src.sections);

    let mut builder = EpubBuilder::new(ZipLibrary::new()?)?;
    builder.epub_version(EpubVersion::V30);
    builder.set_title(title.as_str());
    builder.add_language(LANG);
    builder.set_generator("vankien");
    builder.set_toc_name(TOC_NAME);
    if let Some(subject) = src.subject.map(one_line).filter(|s| !s.is_empty()) {
        builder.add_subject(subject);
    }
    builder.set_modified_date(src.modified.and_utc());
    builder.stylesheet(CSS.as_bytes())?;

    let title_page = title_page_xhtml(src, &title);
    builder.add_content(
        EpubContent::new(TITLE_FILE, title_page.as_bytes())
            .title(title.as_str())
            .reftype(ReferenceType::TitlePage),
    )?;
    for (k, chapter) in chapters.iter().enumerate() {
        let file = chapter_file(k);
        let label = chapter_label(chapter, k, chapters.len());
        let xhtml = chapter_xhtml(chapter, &label);
        let mut content = EpubContent::new(file.as_str(), xhtml.as_bytes()).title(label.as_str());
        for (n, section) in chapter.iter().skip(1) {
            if let Some(heading) = heading(section) {
                content = content.child(TocElement::new(format!("{file}#{}", anchor(*n)), heading));
            }
        }
        if k == 0 {
            // Without a `Text` reference the landmarks nav stays empty, which epubcheck rejects.
            content = content.reftype(ReferenceType::Text);
        }
        builder.add_content(content)?;
    }

    let mut raw = Vec::new();
    builder.generate(&mut raw)?;
    let opf_extra = opf_metadata(src);
    let identifier = format!("urn:vankien:{}", escape(&one_line(src.id)));
    let packed = repack(&raw, &identifier, &opf_extra, "", src.modified)?;
    out.write_all(&packed)?;
    Ok(())
}

/// Sections grouped by output file, each with its 1-based index in the source.
type Chapter<'s, 'a> = Vec<(usize, &'s Section<'a>)>;

/// A level-1 section opens a file; level-2 sections join the current one.
fn group_chapters<'s, 'a>(sections: &'s [Section<'a>]) -> Vec<Chapter<'s, 'a>> {
    let mut chapters: Vec<Chapter> = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        match chapters.last_mut() {
            Some(chapter) if level(section) >= 2 => chapter.push((i + 1, section)),
            _ => chapters.push(vec![(i + 1, section)]),
        }
    }
    chapters
}

fn level(section: &Section) -> u8 {
    section.level.clamp(1, 2)
}

fn chapter_file(k: usize) -> String {
    format!("chapter-{:03}.xhtml", k + 1)
}

fn anchor(n: usize) -> String {
    format!("s{n}")
}

/// The cleaned heading, if it has any visible text.
fn heading(section: &Section) -> Option<String> {
    section
        .heading
        .as_deref()
        .map(one_line)
        .filter(|h| !h.is_empty())
}

/// Toc label of a file: its first heading, or a generic one so the entry (and landmark) exists.
fn chapter_label(chapter: &Chapter, k: usize, count: usize) -> String {
    match chapter.first().and_then(|(_, s)| heading(s)) {
        Some(h) => h,
        None if count == 1 => "Nội dung".to_string(),
        None => format!("Phần {}", k + 1),
    }
}

/// dc:title must not be empty: fall back on the number, then on the id.
fn book_title(src: &EpubSource) -> String {
    [Some(src.title), src.number, Some(src.id)]
        .into_iter()
        .flatten()
        .map(one_line)
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| "Văn kiện".to_string())
}

/// Metadata epub-builder cannot express, inserted after `dc:title`.
fn opf_metadata(src: &EpubSource) -> String {
    let mut extra = String::new();
    // Added here rather than as an epub-builder author, whose id would clash with the language's.
    if let Some(issuer) = src.issuer.map(one_line).filter(|s| !s.is_empty()) {
        extra.push_str(&format!(
            "\n    <dc:creator id=\"creator\">{}</dc:creator>",
            escape(&issuer)
        ));
    }
    if let Some(date) = src.issued {
        extra.push_str(&format!(
            "\n    <dc:date>{}</dc:date>",
            date.format("%Y-%m-%d")
        ));
    }
    if let Some(kind) = src.doc_type.map(one_line).filter(|s| !s.is_empty()) {
        extra.push_str(&format!("\n    <dc:type>{}</dc:type>", escape(&kind)));
    }
    if let Some(description) = src.description.map(one_line).filter(|s| !s.is_empty()) {
        extra.push_str(&format!(
            "\n    <dc:description>{}</dc:description>",
            escape(&description)
        ));
    }
    extra
}

/// `<?xml ...?>` to `<body>`, with the language on `<html>` as EPUB 3 expects.
pub(super) fn xhtml_head(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE html>\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" \
         xml:lang=\"{LANG}\" lang=\"{LANG}\">\n\
         <head>\n\
         <meta charset=\"utf-8\"/>\n\
         <title>{}</title>\n\
         <link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\"/>\n\
         </head>\n\
         <body>\n",
        escape(title)
    )
}

pub(super) const XHTML_TAIL: &str = "</body>\n</html>\n";

fn title_page_xhtml(src: &EpubSource, title: &str) -> String {
    let mut x = xhtml_head(title);
    x.push_str("<section epub:type=\"titlepage\" class=\"titlepage\" id=\"titlepage\">\n");
    if let Some(issuer) = src.issuer.map(one_line).filter(|s| !s.is_empty()) {
        x.push_str(&format!("<p class=\"issuer\">{}</p>\n", escape(&issuer)));
    }
    if let Some(number) = src.number.map(one_line).filter(|s| !s.is_empty()) {
        x.push_str(&format!(
            "<p class=\"number\">Số: {}</p>\n",
            escape(&number)
        ));
    }
    if let Some(date) = src.issued {
        x.push_str(&format!(
            "<p class=\"date\">{}</p>\n",
            vietnamese_date(date)
        ));
    }
    x.push_str(&format!("<h1 class=\"title\">{}</h1>\n", escape(title)));
    if let Some(description) = src.description.map(one_line).filter(|s| !s.is_empty()) {
        x.push_str(&format!("<p>{}</p>\n", escape(&description)));
    }
    x.push_str("</section>\n");
    x.push_str(XHTML_TAIL);
    x
}

/// "Ngày 05 tháng 02 năm 2016": zero-padded day below 10 and months 1–2, as in Nghị định 30/2020.
pub(super) fn vietnamese_date(date: NaiveDate) -> String {
    let month = match date.month() {
        m @ (1 | 2) => format!("0{m}"),
        m => m.to_string(),
    };
    format!("Ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

fn chapter_xhtml(chapter: &Chapter, label: &str) -> String {
    let mut x = xhtml_head(label);
    let mut open_subsection = false;
    for (i, (n, section)) in chapter.iter().enumerate() {
        let sub = level(section) >= 2;
        if open_subsection {
            x.push_str("</section>\n");
            open_subsection = false;
        }
        let page = section
            .page
            .map(|p| format!(" data-page=\"{p}\""))
            .unwrap_or_default();
        if i == 0 {
            x.push_str(&format!(
                "<section epub:type=\"chapter\" id=\"{}\"{page}>\n",
                anchor(*n)
            ));
        } else {
            x.push_str(&format!("<section id=\"{}\"{page}>\n", anchor(*n)));
            open_subsection = true;
        }
        if let Some(h) = heading(section) {
            let tag = if sub { "h2" } else { "h1" };
            x.push_str(&format!("<{tag}>{}</{tag}>\n", escape(&h)));
        }
        for paragraph in &section.paragraphs {
            let text = clean(paragraph);
            let text = text.trim();
            if !text.is_empty() {
                x.push_str(&format!("<p>{}</p>\n", escape(text)));
            }
        }
    }
    if open_subsection {
        x.push_str("</section>\n");
    }
    x.push_str("</section>\n");
    x.push_str(XHTML_TAIL);
    x
}

/// Characters XML 1.0 forbids (C0 controls, U+FFFE/U+FFFF) or discourages (C1, noncharacters).
fn is_xml_safe(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => true,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FDD0}'..='\u{FDEF}' => false,
        c => (c as u32) & 0xFFFE != 0xFFFE,
    }
}

pub(super) fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_xml_safe) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| is_xml_safe(c)).collect())
    }
}

/// Cleaned text on one line with single spaces, for titles and metadata.
pub(super) fn one_line(s: &str) -> String {
    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes element text (`&`, `<`, `>`); quotes are harmless outside attributes.
pub(super) fn escape(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// Re-writes epub-builder's archive: fixed timestamps, stable identifier, extra metadata.
pub(super) fn repack(
    raw: &[u8],
    identifier: &str,
    opf_extra: &str,
    nav_extra: &str,
    modified: NaiveDateTime,
) -> Result<Vec<u8>, ExportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(raw))?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .last_modified_time(zip_time(modified))
        .unix_permissions(0o644);
    // OCF: `mimetype` must come first, uncompressed.
    writer.start_file(
        "mimetype",
        options.compression_method(CompressionMethod::Stored),
    )?;
    writer.write_all(b"application/epub+zip")?;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let name = entry.name().to_string();
        if name == "mimetype" {
            continue;
        }
        let mut data = Vec::new();
        entry.read_to_end(&mut data)?;
        let data = match name.as_str() {
            "OEBPS/content.opf" => patch_opf(&data, identifier, opf_extra)?,
            "OEBPS/nav.xhtml" => patch_nav(&data, nav_extra)?,
            _ => data,
        };
        writer.start_file(
            name.as_str(),
            options.compression_method(CompressionMethod::Deflated),
        )?;
        writer.write_all(&data)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// ZIP (DOS) time of `modified`, or 1980-01-01 when out of the DOS range.
fn zip_time(t: NaiveDateTime) -> zip::DateTime {
    let part = |v: u32| u8::try_from(v).unwrap_or(0);
    u16::try_from(t.year())
        .ok()
        .and_then(|year| {
            zip::DateTime::from_date_and_time(
                year,
                part(t.month()),
                part(t.day()),
                part(t.hour()),
                part(t.minute()),
                part(t.second()),
            )
            .ok()
        })
        .unwrap_or_default()
}

fn utf8(data: &[u8], file: &str) -> Result<String, ExportError> {
    String::from_utf8(data.to_vec())
        .map_err(|_| ExportError::UnexpectedBuilderOutput(format!("{file} is not UTF-8")))
}

/// Replaces the random `urn:uuid:` identifier and adds creator, date and type.
fn patch_opf(data: &[u8], identifier: &str, extra: &str) -> Result<Vec<u8>, ExportError> {
    let opf = utf8(data, "content.opf")?;
    let missing =
        |what: &str| ExportError::UnexpectedBuilderOutput(format!("no {what} in content.opf"));
    let open = "<dc:identifier id=\"epub-id-1\">";
    let start = opf.find(open).ok_or_else(|| missing(open))? + open.len();
    let end = start
        + opf[start..]
            .find("</dc:identifier>")
            .ok_or_else(|| missing("</dc:identifier>"))?;
    let mut opf = format!("{}{identifier}{}", &opf[..start], &opf[end..]);
    let title_end = opf
        .find("</dc:title>")
        .ok_or_else(|| missing("</dc:title>"))?
        + "</dc:title>".len();
    opf.insert_str(title_end, extra);
    Ok(opf.into_bytes())
}

/// epub-builder's nav template has no language; every page must say `vi`. `extra` (a page
/// list) goes after the landmarks.
fn patch_nav(data: &[u8], extra: &str) -> Result<Vec<u8>, ExportError> {
    let nav = utf8(data, "nav.xhtml")?;
    let html =
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"";
    if !nav.contains(html) {
        return Err(ExportError::UnexpectedBuilderOutput(
            "no <html> start tag in nav.xhtml".to_string(),
        ));
    }
    let with_lang = format!("{html} xml:lang=\"{LANG}\" lang=\"{LANG}\"");
    let mut nav = nav.replacen(html, &with_lang, 1);
    if !extra.is_empty() {
        let end = nav.rfind("</body>").ok_or_else(|| {
            ExportError::UnexpectedBuilderOutput("no </body> in nav.xhtml".to_string())
        })?;
        nav.insert_str(end, extra);
    }
    Ok(nav.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn modified() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2024, 3, 1)
            .unwrap()
            .and_hms_opt(8, 30, 0)
            .unwrap()
    }

    fn sec<'a>(level: u8, heading: Option<&str>, paragraphs: &[&'a str]) -> Section<'a> {
        Section {
            heading: heading.map(str::to_string),
            paragraphs: paragraphs.to_vec(),
            level,
            page: None,
        }
    }

    fn directive() -> EpubSource<'static> {
        EpubSource {
            id: "ct-05-tw-2016",
            title: "Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            number: Some("05-CT/TW"),
            issuer: Some("Bộ Chính trị"),
            issued: NaiveDate::from_ymd_opt(2016, 5, 15),
            doc_type: Some("Chỉ thị"),
            subject: Some("Xây dựng Đảng"),
            description: None,
            sections: vec![
                Section {
                    page: Some(1),
                    ..sec(1, Some("I. Tình hình và nguyên nhân"), &[
                        "Sau 10 năm thực hiện Chỉ thị số 06-CT/TW của Bộ Chính trị khóa X, việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh đã đạt được những kết quả quan trọng.",
                        "Tuy nhiên, việc học tập và làm theo ở một số nơi còn hình thức, chưa thường xuyên.",
                    ])
                },
                Section {
                    page: Some(2),
                    ..sec(1, Some("II. Mục đích, yêu cầu"), &[
                        "Tạo sự chuyển biến mạnh mẽ về nhận thức và hành động của cán bộ, đảng viên, đoàn viên, hội viên và nhân dân.",
                    ])
                },
                Section {
                    page: Some(3),
                    ..sec(1, Some("III. Tổ chức thực hiện"), &[
                        "Các tỉnh ủy, thành ủy, các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Trung ương tổ chức quán triệt và thực hiện Chỉ thị này.",
                        "Chỉ thị này được phổ biến đến chi bộ.",
                    ])
                },
            ],
            modified: modified(),
        }
    }

    fn book() -> EpubSource<'static> {
        EpubSource {
            id: "van-kien-dai-hoi-xiii-tap-1",
            title: "Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII, tập I",
            number: None,
            issuer: Some("Đảng Cộng sản Việt Nam"),
            issued: NaiveDate::from_ymd_opt(2021, 2, 1),
            doc_type: Some("Sách"),
            subject: None,
            description: None,
            sections: vec![
                sec(1, None, &["Lời nhà xuất bản: cuốn sách tập hợp các văn kiện chính thức."]),
                Section { page: Some(11), ..sec(1, Some("Phần thứ nhất: Báo cáo chính trị"), &["Đại hội đại biểu toàn quốc lần thứ XIII của Đảng diễn ra trong bối cảnh..."]) },
                Section { page: Some(12), ..sec(2, Some("1. Đánh giá kết quả thực hiện Nghị quyết Đại hội XII"), &["Năm năm qua, tình hình thế giới và khu vực có nhiều diễn biến phức tạp."]) },
                Section { page: Some(12), ..sec(2, Some("2. Kinh nghiệm rút ra"), &["Một là, ...", "Hai là, ..."]) },
                sec(2, None, &["Đoạn không có tiêu đề trong phần thứ nhất."]),
                Section { page: Some(75), ..sec(1, Some("Phần thứ hai: Báo cáo kinh tế - xã hội"), &["Báo cáo đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 5 năm 2016 - 2020."]) },
                sec(3, Some("1. Bối cảnh"), &["Mức 3 được coi như mức 2."]),
            ],
            modified: modified(),
        }
    }

    fn render(src: &EpubSource) -> Vec<u8> {
        let mut out = Vec::new();
        render_epub(src, &mut out).expect("render_epub");
        out
    }

    fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut files = BTreeMap::new();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            files.insert(entry.name().to_string(), text);
        }
        files
    }

    /// Runs the real epubcheck; a missing install fails unless VANKIEN_SKIP_EPUBCHECK=1.
    fn assert_epubcheck(bytes: &[u8], name: &str) {
        if std::env::var("VANKIEN_SKIP_EPUBCHECK").as_deref() == Ok("1") {
            eprintln!("VANKIEN_SKIP_EPUBCHECK=1: not running epubcheck on {name}");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        if let Err(report) = super::super::epubcheck::epubcheck(&path) {
            panic!("{name}: {report}");
        }
    }

    fn xhtml_pages(files: &BTreeMap<String, String>) -> Vec<(&String, &String)> {
        files
            .iter()
            .filter(|(n, _)| n.ends_with(".xhtml"))
            .collect()
    }

    #[test]
    fn directive_metadata_and_pages() {
        let bytes = render(&directive());
        let files = unzip(&bytes);
        let opf = &files["OEBPS/content.opf"];
        assert!(opf.contains(">vi</dc:language>"), "{opf}");
        // NFC: precomposed "ỉ" (U+1EC9), "ị" (U+1ECB), "ạ" (U+1EA1), "đ" (U+0111).
        assert!(opf.contains("<dc:title>Ch\u{1EC9} th\u{1ECB} s\u{1ED1} 05-CT/TW v\u{1EC1} \u{0111}\u{1EA9}y m\u{1EA1}nh h\u{1ECD}c t\u{1EAD}p"), "{opf}");
        assert!(
            !opf.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c)),
            "combining marks in {opf}"
        );
        assert!(opf
            .contains("<dc:identifier id=\"epub-id-1\">urn:vankien:ct-05-tw-2016</dc:identifier>"));
        assert!(!opf.contains("urn:uuid:"));
        assert!(opf.contains("<dc:creator id=\"creator\">Bộ Chính trị</dc:creator>"));
        assert!(opf.contains("<dc:date>2016-05-15</dc:date>"));
        assert!(opf.contains("<dc:type>Chỉ thị</dc:type>"));
        assert!(opf.contains("<dc:subject>Xây dựng Đảng</dc:subject>"));
        assert!(opf.contains("<meta property=\"dcterms:modified\">2024-03-01T08:30:00Z</meta>"));
        assert_eq!(opf.matches("id=\"epub-creator-0\"").count(), 1);

        let pages = xhtml_pages(&files);
        // nav + title page + one file per section.
        assert_eq!(pages.len(), 5, "{:?}", files.keys());
        for (name, page) in &pages {
            assert!(
                page.contains("xml:lang=\"vi\" lang=\"vi\""),
                "{name} lacks the language"
            );
        }
        let title = &files["OEBPS/title.xhtml"];
        assert!(title.contains("<p class=\"issuer\">Bộ Chính trị</p>"));
        assert!(title.contains("<p class=\"number\">Số: 05-CT/TW</p>"));
        assert!(title.contains("<p class=\"date\">Ngày 15 tháng 5 năm 2016</p>"));
        let ch3 = &files["OEBPS/chapter-003.xhtml"];
        assert!(ch3.contains("<h1>III. Tổ chức thực hiện</h1>"));
        assert!(ch3.contains("<p>Chỉ thị này được phổ biến đến chi bộ.</p>"));
        assert!(ch3.contains("data-page=\"3\""));
        let nav = &files["OEBPS/nav.xhtml"];
        assert!(
            nav.contains("epub:type=\"bodymatter\" href=\"chapter-001.xhtml\""),
            "{nav}"
        );
        assert!(nav.contains("<title>Mục lục</title>"));
        assert!(files["OEBPS/stylesheet.css"].contains("serif"));
        assert_epubcheck(&bytes, "directive.epub");
    }

    #[test]
    fn book_nests_subsections() {
        let bytes = render(&book());
        let files = unzip(&bytes);
        // Title page + three level-1 sections.
        assert!(files.contains_key("OEBPS/chapter-003.xhtml"));
        assert!(!files.contains_key("OEBPS/chapter-004.xhtml"));
        let ch2 = &files["OEBPS/chapter-002.xhtml"];
        assert!(ch2.contains("<section epub:type=\"chapter\" id=\"s2\" data-page=\"11\">\n<h1>Phần thứ nhất: Báo cáo chính trị</h1>"));
        assert!(ch2.contains("<section id=\"s3\" data-page=\"12\">\n<h2>1. Đánh giá kết quả thực hiện Nghị quyết Đại hội XII</h2>"));
        assert!(ch2.contains(
            "<section id=\"s5\">\n<p>Đoạn không có tiêu đề trong phần thứ nhất.</p>\n</section>"
        ));
        assert!(files["OEBPS/chapter-003.xhtml"].contains("<h2>1. Bối cảnh</h2>"));
        let nav = &files["OEBPS/nav.xhtml"];
        let part1 = nav
            .find("href=\"chapter-002.xhtml\">Phần thứ nhất")
            .expect(nav);
        let sub = nav
            .find("<a href=\"chapter-002.xhtml#s3\">1. Đánh giá")
            .expect(nav);
        let part2 = nav
            .find("href=\"chapter-003.xhtml\">Phần thứ hai")
            .expect(nav);
        assert!(part1 < sub && sub < part2);
        assert!(nav.contains("<a href=\"chapter-002.xhtml#s4\">2. Kinh nghiệm rút ra</a>"));
        assert!(nav.contains("<a href=\"chapter-003.xhtml#s7\">1. Bối cảnh</a>"));
        // The untitled first section still gets a toc entry (and the bodymatter landmark).
        assert!(nav.contains("<a href=\"chapter-001.xhtml\">Phần 1</a>"));
        let ncx = &files["OEBPS/toc.ncx"];
        assert!(ncx.contains("<content src=\"chapter-002.xhtml#s3\"/>"));
        let opf = &files["OEBPS/content.opf"];
        assert!(opf.contains("<dc:date>2021-02-01</dc:date>"));
        assert!(files["OEBPS/title.xhtml"].contains("Ngày 01 tháng 02 năm 2021"));
        assert_epubcheck(&bytes, "book.epub");
    }

    #[test]
    fn hostile_text_is_escaped_and_stripped() {
        let evil =
            "<script>alert(\"x&y\")</script> ]]> 'a' & \u{7}bell\u{FFFE}\u{0}\u{1B}[0m\u{85}";
        let heading = format!("Chương {evil}");
        let src = EpubSource {
            id: "evil<&\"id\u{7}",
            title: evil,
            number: Some("01/<b>&"),
            issuer: Some("Ban \"Tổ chức\" <Trung ương> & \u{FFFF}"),
            issued: None,
            doc_type: Some("<type>"),
            subject: Some("]]>&amp;"),
            description: None,
            sections: vec![
                Section {
                    heading: Some(heading.clone()),
                    paragraphs: vec![evil, "\u{7}\u{FFFE}", "   "],
                    level: 1,
                    page: None,
                },
                Section {
                    heading: Some(heading),
                    paragraphs: vec![evil],
                    level: 2,
                    page: Some(2),
                },
            ],
            modified: modified(),
        };
        let bytes = render(&src);
        let files = unzip(&bytes);
        for (name, text) in &files {
            assert!(!text.contains("<script"), "{name}: {text}");
            assert!(!text.contains("]]>"), "{name}");
            assert!(
                !text.chars().any(|c| matches!(
                    c,
                    '\u{0}' | '\u{7}' | '\u{1B}' | '\u{85}' | '\u{FFFE}' | '\u{FFFF}'
                )),
                "{name}"
            );
        }
        let page = &files["OEBPS/chapter-001.xhtml"];
        assert!(
            page.contains(
                "<p>&lt;script&gt;alert(\"x&amp;y\")&lt;/script&gt; ]]&gt; 'a' &amp; bell[0m</p>"
            ),
            "{page}"
        );
        // The paragraph made only of illegal characters and the blank one disappear.
        assert_eq!(page.matches("<p>").count(), 2);
        let opf = &files["OEBPS/content.opf"];
        assert!(
            opf.contains("urn:vankien:evil&lt;&amp;\"id</dc:identifier>"),
            "{opf}"
        );
        assert!(opf.contains(
            "<dc:creator id=\"creator\">Ban \"Tổ chức\" &lt;Trung ương&gt; &amp;</dc:creator>"
        ));
        assert!(opf.contains("<dc:subject>]]&gt;&amp;amp;</dc:subject>"));
        assert_epubcheck(&bytes, "hostile.epub");
    }

    #[test]
    fn output_is_deterministic() {
        let a = render(&book());
        let b = render(&book());
        assert!(a == b, "two renderings of the same book differ");
        let mut archive = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
        let first = archive.by_index(0).unwrap();
        assert_eq!(first.name(), "mimetype");
        assert_eq!(first.compression(), CompressionMethod::Stored);
    }

    #[test]
    fn minimal_document() {
        let src = EpubSource {
            id: "x",
            title: "  ",
            number: None,
            issuer: None,
            issued: None,
            doc_type: None,
            subject: None,
            description: None,
            sections: vec![sec(2, None, &["Chỉ một đoạn."])],
            modified: NaiveDate::from_ymd_opt(1970, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
        };
        let bytes = render(&src);
        let files = unzip(&bytes);
        assert!(files["OEBPS/content.opf"].contains("<dc:title>x</dc:title>"));
        assert!(files["OEBPS/nav.xhtml"].contains(">Nội dung</a>"));
        assert_epubcheck(&bytes, "minimal.epub");
    }

    #[test]
    fn no_sections_is_an_error() {
        let src = EpubSource {
            sections: vec![],
            ..directive()
        };
        assert!(matches!(
            render_epub(&src, &mut Vec::new()),
            Err(ExportError::NoSections)
        ));
    }
}
