//! A book (a local Party history) as EPUB 3: a generated cover, a title page with the
//! publication data, the book's own parts, chapters and sections (from
//! [`detect_chapters`](crate::document::detect_chapters)) as a nested table of contents with
//! landmarks, one XHTML file per part or chapter (split at its start page), and a page list
//! whose entries are the page numbers printed in the book.
//!
//! Page numbers: each printed page starts with
//! `<span epub:type="pagebreak" id="page-12" role="doc-pagebreak" aria-label="12"/>`, labelled
//! by [`printed_page_labels`](crate::document::printed_page_labels); pages that print no number
//! (title page, chapter openings the book leaves blank) have no entry. A book that prints no
//! number at all gets the page's position in the original file instead, and its title page and
//! `dc:description` say so.
//!
//! Scanned books are exported as their recognised text only: a page image kept from OCR weighs
//! 100–130 KB, so a 600-page history would be a 60–80 MB EPUB, too heavy for the phones and slow
//! links it is read on; the page images stay one click away in the reader.

use std::collections::HashSet;

use epub_builder::{EpubBuilder, EpubContent, EpubVersion, ReferenceType, TocElement, ZipLibrary};

use super::cover::{render_cover, CoverText};
use super::epub::{clean, escape, one_line, repack, xhtml_head, CSS, LANG, TOC_NAME, XHTML_TAIL};
use super::ExportError;
use crate::document::{detect_chapters, printed_page_labels, reflow, BookInfo, ChapterLevel};
use crate::library::DocumentRecord;
use crate::vietnamese::fold;

const COVER_IMAGE: &str = "cover.png";
const COVER_FILE: &str = "cover.xhtml";
const TITLE_FILE: &str = "title.xhtml";
const FRONT_FILE: &str = "front.xhtml";

/// The page labels of a book and whether they are printed in it (else the file's page index).
pub fn page_labels(pages: &[String]) -> (Vec<Option<String>>, bool) {
    let printed = printed_page_labels(pages);
    if printed.iter().any(Option::is_some) {
        (printed, true)
    } else {
        (
            (1..=pages.len()).map(|n| Some(n.to_string())).collect(),
            false,
        )
    }
}

/// A heading of the table of contents.
struct Entry {
    /// Depth in the toc: 1 for the top.
    level: i32,
    /// Whether it opens its own file (parts, chapters, front and back matter).
    opens_file: bool,
    /// `Chương I: Chi bộ Đảng ra đời (1945 – 1954)`.
    heading: String,
    /// The heading's letters and digits, folded: to recognise its printed lines.
    key: String,
    /// The label's, to find a section's line on its page.
    label_key: String,
    /// 0-based start page.
    page: usize,
    anchor: String,
    epub_type: &'static str,
}

/// One XHTML file: pages `first..end`, opened by `entries` (empty for the front pages).
struct Part {
    file: String,
    first: usize,
    end: usize,
    entries: Vec<usize>,
    sections: Vec<usize>,
}

fn key(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The EPUB type of a heading, by its label.
fn epub_type(label: &str, level: ChapterLevel) -> &'static str {
    let k = key(label);
    if k.starts_with("loigioithieu") || k.starts_with("loinoidau") || k.starts_with("loitua") {
        "foreword"
    } else if k.starts_with("modau") || k.starts_with("phanmodau") {
        "introduction"
    } else if k.starts_with("ketluan") || k.starts_with("nhungbaihoc") {
        "conclusion"
    } else if k.starts_with("phuluc") {
        "appendix"
    } else if k.starts_with("tailieuthamkhao") {
        "bibliography"
    } else if level == ChapterLevel::Part && k.starts_with("phan") {
        "part"
    } else {
        "chapter"
    }
}

fn entries(pages: &[String]) -> Vec<Entry> {
    let chapters = detect_chapters(pages);
    let has_parts = chapters.iter().any(|c| c.level == ChapterLevel::Part);
    chapters
        .into_iter()
        .filter(|c| c.start_page >= 1 && (c.start_page as usize) <= pages.len())
        .enumerate()
        .map(|(i, c)| {
            let level = match (has_parts, c.level) {
                (true, ChapterLevel::Part)
                | (false, ChapterLevel::Part | ChapterLevel::Chapter) => 1,
                (true, ChapterLevel::Chapter) | (false, ChapterLevel::Section) => 2,
                (true, ChapterLevel::Section) => 3,
            };
            let label = one_line(&c.label);
            let heading = match c.title.as_deref().map(one_line).filter(|t| !t.is_empty()) {
                Some(title) => format!("{label}: {title}"),
                None => label.clone(),
            };
            Entry {
                level,
                opens_file: c.level != ChapterLevel::Section,
                key: key(&heading),
                label_key: key(&label),
                heading,
                page: c.start_page as usize - 1,
                anchor: format!("h{}", i + 1),
                epub_type: epub_type(&c.label, c.level),
            }
        })
        .collect()
}

/// Files by start page: the pages before the first heading, then one per start page.
fn split(entries: &[Entry], page_count: usize) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for (i, e) in entries.iter().enumerate().filter(|(_, e)| e.opens_file) {
        match parts.last_mut() {
            Some(last) if last.first == e.page => last.entries.push(i),
            _ => parts.push(Part {
                file: String::new(),
                first: e.page,
                end: page_count,
                entries: vec![i],
                sections: Vec::new(),
            }),
        }
    }
    let first = parts.first().map_or(page_count.max(1), |p| p.first);
    if first > 0 {
        parts.insert(
            0,
            Part {
                file: FRONT_FILE.to_string(),
                first: 0,
                end: page_count,
                entries: Vec::new(),
                sections: Vec::new(),
            },
        );
    }
    let mut numbered = 0;
    for k in 0..parts.len() {
        if let Some(next) = parts.get(k + 1).map(|p| p.first) {
            parts[k].end = next;
        }
        if !parts[k].entries.is_empty() {
            numbered += 1;
            parts[k].file = format!("chapter-{numbered:03}.xhtml");
        }
    }
    for (i, e) in entries.iter().enumerate().filter(|(_, e)| !e.opens_file) {
        if let Some(part) = parts.iter_mut().rev().find(|p| p.first <= e.page) {
            part.sections.push(i);
        }
    }
    parts
}

/// `12`, `- 12 -`, `Trang 12` alone on a line: the printed number `label`.
fn is_page_number(line: &str, label: &str) -> bool {
    let bare = line
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace())
        .trim_start_matches("Trang ")
        .trim();
    bare == label
}

/// `Chương I: … ........ 5`: a line of a printed table of contents.
fn is_contents_line(line: &str) -> bool {
    let line = line.trim_end();
    let number = line.trim_end_matches(|c: char| c.is_ascii_digit());
    number.len() < line.len() && number.trim_end().ends_with("...")
}

/// A short line in capitals inside a chapter: a heading the toc does not list.
fn is_subhead(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    line.chars().count() <= 140 && letters.len() >= 4 && letters.iter().all(|c| !c.is_lowercase())
}

fn heading_tag(level: i32) -> &'static str {
    match level {
        1 => "h1",
        2 => "h2",
        _ => "h3",
    }
}

/// Makes an XML id from a page label, unique in the book.
fn page_id(label: &str, used: &mut HashSet<String>) -> String {
    let base: String = label
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let base = format!("page-{base}");
    let mut id = base.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// What one page contributes to its file.
enum Item {
    Heading(usize),
    Text(String),
}

/// A page's content: its text with the printed number and the printed lines of the headings
/// it opens taken out, and the headings put in their place.
fn page_items(
    text: &str,
    label: Option<&str>,
    printed: bool,
    opening: &[usize],
    sections: &[usize],
    entries: &[Entry],
) -> Vec<Item> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut skip = vec![false; lines.len()];
    let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    if let (true, Some(label)) = (printed, label) {
        for i in [filled.first(), filled.last()].into_iter().flatten() {
            if is_page_number(lines[*i], label) {
                skip[*i] = true;
            }
        }
    }
    // The lines of the opening headings at the top of the page.
    let mut items: Vec<Item> = opening.iter().map(|&e| Item::Heading(e)).collect();
    let top_key: String = opening.iter().map(|&e| entries[e].key.as_str()).collect();
    if !top_key.is_empty() {
        let candidates: Vec<usize> = filled
            .iter()
            .copied()
            .filter(|&i| !skip[i])
            .take(12)
            .collect();
        for i in candidates {
            let k = key(lines[i]);
            if k.is_empty() || top_key.contains(&k) {
                skip[i] = true;
            } else {
                break;
            }
        }
    }
    // Sections: their heading replaces their printed lines, wherever on the page they are.
    let mut heading_at: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    for &s in sections {
        let found = (from..lines.len()).find(|&i| {
            !skip[i] && !lines[i].is_empty() && key(lines[i]).starts_with(&entries[s].label_key)
        });
        match found {
            Some(i) => {
                heading_at.push((i, s));
                skip[i] = true;
                for j in i + 1..lines.len() {
                    let k = key(lines[j]);
                    if !k.is_empty() && entries[s].key.contains(&k) {
                        skip[j] = true;
                    } else if !k.is_empty() {
                        break;
                    }
                }
                from = i + 1;
            }
            None => items.push(Item::Heading(s)),
        }
    }
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, items: &mut Vec<Item>| {
        if paragraph.lines().any(is_contents_line) {
            // A printed table of contents keeps one entry a line.
            items.extend(paragraph.lines().map(|l| Item::Text(l.to_string())));
        } else {
            items.extend(reflow(paragraph).into_iter().map(Item::Text));
        }
        paragraph.clear();
    };
    for (i, line) in lines.iter().enumerate() {
        if let Some(&(_, s)) = heading_at.iter().find(|(at, _)| *at == i) {
            flush(&mut paragraph, &mut items);
            items.push(Item::Heading(s));
            continue;
        }
        if skip[i] {
            continue;
        }
        if line.is_empty() {
            flush(&mut paragraph, &mut items);
        } else {
            paragraph.push_str(line);
            paragraph.push('\n');
        }
    }
    flush(&mut paragraph, &mut items);
    items
}

struct Rendered {
    xhtml: String,
    /// (page id, label) of the page breaks in this file.
    breaks: Vec<(String, String)>,
}

#[allow(clippy::too_many_arguments)]
fn part_xhtml(
    part: &Part,
    title: &str,
    pages: &[String],
    labels: &[Option<String>],
    printed: bool,
    entries: &[Entry],
    used_ids: &mut HashSet<String>,
) -> Rendered {
    let mut x = xhtml_head(title);
    let epub_type = part
        .entries
        .first()
        .map_or("frontmatter", |&e| entries[e].epub_type);
    x.push_str(&format!("<section epub:type=\"{epub_type}\">\n"));
    if part.entries.is_empty() {
        x.push_str(&format!("<h1>{}</h1>\n", escape(title)));
    }
    let mut breaks = Vec::new();
    for (p, page) in pages.iter().enumerate().take(part.end).skip(part.first) {
        let label = labels.get(p).cloned().flatten().map(|l| one_line(&l));
        if let Some(label) = label.as_deref().filter(|l| !l.is_empty()) {
            let id = page_id(label, used_ids);
            x.push_str(&format!(
                "<span epub:type=\"pagebreak\" id=\"{id}\" role=\"doc-pagebreak\" aria-label=\"{}\"/>\n",
                html_escape::encode_double_quoted_attribute(label)
            ));
            breaks.push((id, label.to_string()));
        }
        let opening: &[usize] = if p == part.first { &part.entries } else { &[] };
        let sections: Vec<usize> = part
            .sections
            .iter()
            .copied()
            .filter(|&s| entries[s].page == p)
            .collect();
        let text = clean(page);
        for item in page_items(
            &text,
            label.as_deref(),
            printed,
            opening,
            &sections,
            entries,
        ) {
            match item {
                Item::Heading(e) => {
                    let tag = heading_tag(entries[e].level);
                    x.push_str(&format!(
                        "<{tag} id=\"{}\">{}</{tag}>\n",
                        entries[e].anchor,
                        escape(&entries[e].heading)
                    ));
                }
                Item::Text(line) => {
                    let line = line.trim();
                    if line.is_empty() {
                        continue;
                    }
                    let class = if is_subhead(line) {
                        " class=\"subhead\""
                    } else {
                        ""
                    };
                    x.push_str(&format!("<p{class}>{}</p>\n", escape(line)));
                }
            }
        }
    }
    x.push_str("</section>\n");
    x.push_str(XHTML_TAIL);
    Rendered { xhtml: x, breaks }
}

/// Names of the places a book is about, smallest first: `Đồng Tiến, Bắc Quang, Hà Giang`.
fn places(book: &BookInfo) -> Option<String> {
    let names: Vec<String> = [&book.commune, &book.district, &book.province]
        .into_iter()
        .flatten()
        .map(|n| one_line(n))
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// The title without the period it ends with: `Lịch sử Đảng bộ xã Đồng Tiến`.
fn bare_title(title: &str, period: Option<&str>) -> String {
    let title = one_line(title);
    if let Some(period) = period {
        if let Some(stripped) = title.strip_suffix(&format!("({period})")) {
            return stripped.trim().to_string();
        }
    }
    title
}

fn pagination_note(printed: bool) -> &'static str {
    if printed {
        "Số trang trong danh sách trang là số trang in trong sách."
    } else {
        "Sách không in số trang: danh sách trang dùng số thứ tự trang trong tệp gốc."
    }
}

/// The creators of a book: the compiling body, then its authors.
fn creators(record: &DocumentRecord, book: &BookInfo) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in record
        .metadata
        .issuer_name
        .iter()
        .chain(book.authors.iter())
    {
        let name = one_line(name);
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn description(title: &str, book: &BookInfo, creators: &[String], printed: bool) -> String {
    let mut d = format!("{title}.");
    if let Some(body) = creators.first() {
        d.push_str(&format!(" {body} biên soạn."));
    }
    if let Some(place) = places(book) {
        d.push_str(&format!(" Lịch sử địa phương: {place}."));
    }
    d.push(' ');
    d.push_str(pagination_note(printed));
    d
}

fn title_page(title: &str, book: &BookInfo, creators: &[String], printed: bool) -> String {
    let mut x = xhtml_head(title);
    x.push_str("<section epub:type=\"titlepage\" class=\"titlepage\" id=\"titlepage\">\n");
    let line = |x: &mut String, class: &str, text: &str| {
        let text = one_line(text);
        if !text.is_empty() {
            x.push_str(&format!("<p{class}>{}</p>\n", escape(&text)));
        }
    };
    if let Some(body) = creators.first() {
        line(&mut x, " class=\"issuer\"", body);
    }
    x.push_str(&format!("<h1 class=\"title\">{}</h1>\n", escape(title)));
    for field in [&book.subtitle, &book.volume, &book.edition]
        .into_iter()
        .flatten()
    {
        line(&mut x, "", field);
    }
    for author in creators.iter().skip(1) {
        line(&mut x, "", author);
    }
    if let Some(publisher) = &book.publisher {
        line(&mut x, "", publisher);
    }
    let imprint = imprint(book);
    if let Some(imprint) = &imprint {
        line(&mut x, "", imprint);
    }
    if let Some(isbn) = &book.isbn {
        line(&mut x, "", &format!("ISBN {isbn}"));
    }
    line(&mut x, " class=\"meta\"", pagination_note(printed));
    x.push_str("</section>\n");
    x.push_str(XHTML_TAIL);
    x
}

/// `Hà Giang – 2021`.
fn imprint(book: &BookInfo) -> Option<String> {
    match (book.publication_place.as_deref(), book.year) {
        (Some(place), Some(year)) => Some(format!("{} – {year}", one_line(place))),
        (Some(place), None) => Some(one_line(place)),
        (None, Some(year)) => Some(year.to_string()),
        (None, None) => None,
    }
}

fn cover_page(title: &str) -> String {
    let mut x = xhtml_head(title);
    x.push_str(&format!(
        "<section epub:type=\"cover\" class=\"cover\">\n<img src=\"{COVER_IMAGE}\" alt=\"{}\"/>\n</section>\n",
        html_escape::encode_double_quoted_attribute(&format!("Bìa sách: {title}"))
    ));
    x.push_str(XHTML_TAIL);
    x
}

/// The generated cover of a book record, as a PNG.
pub fn book_cover(record: &DocumentRecord) -> Result<Vec<u8>, ExportError> {
    let book = record.metadata.book.clone().unwrap_or_default();
    let title = bare_title(&record.display_title(), book.period.as_deref());
    let place = places(&book);
    let imprint = imprint(&book);
    let body = record.metadata.issuer_name.as_deref().map(one_line);
    render_cover(&CoverText {
        body: body.as_deref(),
        title: &title,
        period: book.period.as_deref(),
        volume: book.volume.as_deref(),
        place: place.as_deref(),
        imprint: imprint.as_deref(),
    })
}

/// Metadata epub-builder cannot express, inserted after `dc:title`.
fn opf_metadata(
    record: &DocumentRecord,
    book: &BookInfo,
    creators: &[String],
    description: &str,
    identifier: &str,
    printed: bool,
) -> String {
    let mut m = String::new();
    let mut el = |name: &str, attrs: &str, value: &str| {
        let value = one_line(value);
        if !value.is_empty() {
            m.push_str(&format!("\n    <{name}{attrs}>{}</{name}>", escape(&value)));
        }
    };
    if identifier.starts_with("urn:isbn:") {
        el(
            "dc:identifier",
            " id=\"vankien-id\"",
            &format!("urn:vankien:{}", record.id),
        );
    }
    for (i, creator) in creators.iter().enumerate() {
        let id = if i == 0 {
            "creator".to_string()
        } else {
            format!("creator-{}", i + 1)
        };
        el("dc:creator", &format!(" id=\"{id}\""), creator);
    }
    if let Some(publisher) = &book.publisher {
        el("dc:publisher", "", publisher);
    }
    if let Some(year) = book.year {
        el("dc:date", "", &format!("{year:04}"));
    }
    for place in [&book.province, &book.district, &book.commune]
        .into_iter()
        .flatten()
    {
        el("dc:subject", "", place);
    }
    if let Some(period) = &book.period {
        el("dc:coverage", "", period);
    }
    if let Some(kind) = record.metadata.doc_type {
        el("dc:type", "", kind.name());
    }
    el("dc:description", "", description);
    if printed {
        // The printed edition the page list follows: its ISBN, else its imprint.
        let source = match &book.isbn {
            Some(isbn) => format!("urn:isbn:{isbn}"),
            None => [
                Some(record.display_title()),
                book.publisher.clone(),
                imprint(book),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
        };
        el("dc:source", " id=\"print-source\"", &source);
        m.push_str(
            "\n    <meta refines=\"#print-source\" property=\"source-of\">pagination</meta>",
        );
    }
    let mut meta = |property: &str, value: &str| {
        m.push_str(&format!(
            "\n    <meta property=\"{property}\">{}</meta>",
            escape(value)
        ));
    };
    meta("schema:accessMode", "textual");
    meta("schema:accessMode", "visual");
    meta("schema:accessModeSufficient", "textual");
    for feature in [
        "tableOfContents",
        "readingOrder",
        "structuralNavigation",
        "alternativeText",
    ] {
        meta("schema:accessibilityFeature", feature);
    }
    meta(
        "schema:accessibilityFeature",
        if printed {
            "printPageNumbers"
        } else {
            "pageNavigation"
        },
    );
    meta("schema:accessibilityHazard", "none");
    meta(
        "schema:accessibilitySummary",
        &format!(
            "Văn bản của sách, có mục lục nhiều cấp và danh sách trang. {}",
            pagination_note(printed)
        ),
    );
    m
}

/// The EPUB of a book: cover, title page, its parts and chapters, a page list.
pub fn book_epub(record: &DocumentRecord, pages: &[String]) -> Result<Vec<u8>, ExportError> {
    if pages.is_empty() {
        return Err(ExportError::NoSections);
    }
    let book = record.metadata.book.clone().unwrap_or_default();
    let title = one_line(&record.display_title());
    let title = if title.is_empty() {
        record.id.clone()
    } else {
        title
    };
    let (labels, printed) = page_labels(pages);
    let entries = entries(pages);
    let parts = split(&entries, pages.len());
    let creators = creators(record, &book);
    let description = description(&title, &book, &creators, printed);
    let identifier = match &book.isbn {
        Some(isbn) => format!("urn:isbn:{}", one_line(isbn)),
        None => format!("urn:vankien:{}", one_line(&record.id)),
    };

    let mut builder = EpubBuilder::new(ZipLibrary::new()?)?;
    builder.epub_version(EpubVersion::V30);
    builder.set_title(title.as_str());
    builder.add_language(LANG);
    builder.set_generator("vankien");
    builder.set_toc_name(TOC_NAME);
    let modified = chrono::NaiveDateTime::parse_from_str(&record.ingested_at, "%Y-%m-%dT%H:%M:%SZ")
        .unwrap_or_default();
    builder.set_modified_date(modified.and_utc());
    builder.stylesheet(CSS.as_bytes())?;
    builder.add_cover_image(COVER_IMAGE, book_cover(record)?.as_slice(), "image/png")?;
    builder.add_content(
        EpubContent::new(COVER_FILE, cover_page(&title).as_bytes())
            .title("Bìa sách")
            .reftype(ReferenceType::Cover),
    )?;
    builder.add_content(
        EpubContent::new(
            TITLE_FILE,
            title_page(&title, &book, &creators, printed).as_bytes(),
        )
        .title("Trang tên sách")
        .reftype(ReferenceType::TitlePage),
    )?;

    let mut used_ids = HashSet::new();
    let mut page_list = Vec::new();
    // The body starts at the first part or chapter, after the foreword; else at the first heading.
    let body_start = parts
        .iter()
        .position(|p| {
            p.entries.first().is_some_and(|&e| {
                matches!(entries[e].epub_type, "part" | "chapter" | "introduction")
            })
        })
        .or_else(|| parts.iter().position(|p| !p.entries.is_empty()))
        .unwrap_or(0);
    for (k, part) in parts.iter().enumerate() {
        let toc_title = match part.entries.first() {
            Some(&e) => entries[e].heading.clone(),
            None if parts.len() == 1 => "Toàn văn".to_string(),
            None => "Trang đầu sách".to_string(),
        };
        let file = if part.file.is_empty() {
            FRONT_FILE.to_string()
        } else {
            part.file.clone()
        };
        let rendered = part_xhtml(
            part,
            &toc_title,
            pages,
            &labels,
            printed,
            &entries,
            &mut used_ids,
        );
        page_list.extend(
            rendered
                .breaks
                .iter()
                .map(|(id, label)| (format!("{file}#{id}"), label.clone())),
        );
        let level = part.entries.first().map_or(1, |&e| entries[e].level);
        let mut content = EpubContent::new(file.as_str(), rendered.xhtml.as_bytes())
            .title(toc_title.as_str())
            .level(level);
        // Headings after the first on the same page, and the sections inside, nest by level.
        let mut inner: Vec<usize> = part.entries.iter().skip(1).copied().collect();
        inner.extend(part.sections.iter().copied());
        inner.sort_by_key(|&e| (entries[e].page, e));
        for e in inner {
            let level = entries[e].level.max(level + 1);
            content.toc.add(
                TocElement::new(
                    format!("{file}#{}", entries[e].anchor),
                    entries[e].heading.as_str(),
                )
                .level(level),
            );
        }
        if k == body_start {
            content = content.reftype(ReferenceType::Text);
        }
        builder.add_content(content)?;
    }

    let mut raw = Vec::new();
    builder.generate(&mut raw)?;
    let opf_extra = opf_metadata(record, &book, &creators, &description, &identifier, printed);
    let nav_extra = page_list_nav(&page_list);
    repack(&raw, &escape(&identifier), &opf_extra, &nav_extra, modified)
}

fn page_list_nav(pages: &[(String, String)]) -> String {
    if pages.is_empty() {
        return String::new();
    }
    let mut nav = String::from(
        "  <nav epub:type=\"page-list\" id=\"page-list\" hidden=\"hidden\">\n    <h2>Danh sách trang</h2>\n    <ol>\n",
    );
    for (href, label) in pages {
        nav.push_str(&format!(
            "      <li><a href=\"{}\">{}</a></li>\n",
            html_escape::encode_double_quoted_attribute(href),
            escape(label)
        ));
    }
    nav.push_str("    </ol>\n  </nav>\n");
    nav
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::{Cursor, Read};

    use super::*;
    use crate::document::{DocType, Metadata};
    use crate::library::Kind;

    const PROSE: &str = "Dưới sự lãnh đạo của Đảng, nhân dân các dân tộc trong huyện đã đoàn kết một lòng,\nvượt qua muôn vàn khó khăn, gian khổ, góp phần cùng cả nước giành độc lập.\n\nPhong trào cách mạng ở địa phương phát triển mạnh mẽ, nhiều quần chúng ưu tú được\nkết nạp vào Đảng, các đoàn thể cứu quốc được xây dựng ở khắp các thôn bản.";

    /// A history with two parts, chapters inside them, a section, front and back matter, and
    /// page numbers printed at the foot of every page but the title page (page 2 prints 6).
    fn history_pages() -> Vec<String> {
        let body = |head: &str, n: u32| format!("{head}{PROSE}\n\n{PROSE}\n\n{n}");
        vec![
            "BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN VỊ XUYÊN\n\nLỊCH SỬ ĐẢNG BỘ HUYỆN VỊ XUYÊN\n(1930 – 2015)\n\nNHÀ XUẤT BẢN CHÍNH TRỊ QUỐC GIA SỰ THẬT\nHÀ NỘI – 2016".to_string(),
            body("LỜI GIỚI THIỆU\n\n", 6),
            body("PHẦN THỨ NHẤT\nĐẤU TRANH GIÀNH CHÍNH QUYỀN (1930 – 1945)\n\nCHƯƠNG I\nĐẢNG BỘ HUYỆN RA ĐỜI (1930 – 1940)\n\n", 7),
            format!("{PROSE}\n\nMục 1: Những chi bộ đầu tiên\n\n{PROSE}\n\n8"),
            body("CHƯƠNG II\nKHỞI NGHĨA GIÀNH CHÍNH QUYỀN (1940 – 1945)\n\n", 9),
            body("PHẦN THỨ HAI\nKHÁNG CHIẾN VÀ XÂY DỰNG (1945 – 2015)\n\nCHƯƠNG III\nKHÁNG CHIẾN CHỐNG THỰC DÂN PHÁP (1945 – 1954)\n\n", 10),
            body("", 11),
            body("KẾT LUẬN\n\n", 12),
        ]
    }

    fn record(book: BookInfo) -> DocumentRecord {
        DocumentRecord {
            id: "0123456789abcdef".to_string(),
            sha256: "00".repeat(32),
            kind: Kind::Book,
            source_name: "vi-xuyen.pdf".to_string(),
            format: "pdf".to_string(),
            media_type: "application/pdf".to_string(),
            size: 1,
            extractor: "pdftotext".to_string(),
            page_count: 8,
            ingested_at: "2026-01-02T03:04:05Z".to_string(),
            metadata: Metadata {
                doc_type: Some(DocType::SachLichSu),
                title: Some("Lịch sử Đảng bộ huyện Vị Xuyên (1930 – 2015)".to_string()),
                issuer_name: Some("Ban Chấp hành Đảng bộ huyện Vị Xuyên".to_string()),
                book: Some(book),
                ..Metadata::default()
            },
        }
    }

    fn vi_xuyen() -> BookInfo {
        BookInfo {
            province: Some("Hà Giang".to_string()),
            district: Some("Vị Xuyên".to_string()),
            period: Some("1930 – 2015".to_string()),
            period_start: Some(1930),
            period_end: Some(2015),
            publisher: Some("Nhà xuất bản Chính trị quốc gia Sự thật".to_string()),
            publication_place: Some("Hà Nội".to_string()),
            year: Some(2016),
            isbn: Some("9786047012343".to_string()),
            authors: vec!["Nguyễn Văn An".to_string()],
            ..BookInfo::default()
        }
    }

    fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut files = BTreeMap::new();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            files.insert(entry.name().to_string(), data);
        }
        files
    }

    fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
        String::from_utf8(files[name].clone()).unwrap()
    }

    fn epubcheck(bytes: &[u8], name: &str) {
        if std::env::var("VANKIEN_SKIP_EPUBCHECK").as_deref() == Ok("1") {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        if let Err(report) = super::super::epubcheck::epubcheck(&path) {
            panic!("{name}: {report}");
        }
    }

    #[test]
    fn parts_chapters_and_sections_nest_in_the_toc() {
        let pages = history_pages();
        let bytes = book_epub(&record(vi_xuyen()), &pages).unwrap();
        let files = unzip(&bytes);
        let nav = text(&files, "OEBPS/nav.xhtml");
        // Phần thứ nhất > Chương I > Mục 1, then Chương II inside the same part.
        let at = |needle: &str| {
            nav.find(needle)
                .unwrap_or_else(|| panic!("{needle} in {nav}"))
        };
        let part1 = at(">Phần thứ nhất: Đấu tranh giành chính quyền (1930 – 1945)</a>");
        let ch1 = at(">Chương I: Đảng bộ huyện ");
        let sec1 = at(">Mục 1: Những chi bộ đầu tiên</a>");
        let ch2 = at(">Chương II: Khởi nghĩa giành chính quyền (1940 – 1945)</a>");
        let part2 = at(">Phần thứ hai: Kháng chiến và xây dựng (1945 – 2015)</a>");
        let ch3 = at(">Chương III: Kháng chiến chống ");
        let end = at(">Kết luận</a>");
        assert!(part1 < ch1 && ch1 < sec1 && sec1 < ch2 && ch2 < part2 && part2 < ch3 && ch3 < end);
        // Nesting: an <ol> opens between a part and its chapter, and between a chapter and its
        // section; the part's list closes before the next part.
        assert!(nav[part1..ch1].contains("<ol>"), "{nav}");
        assert!(nav[ch1..sec1].contains("<ol>"), "{nav}");
        assert!(nav[ch2..part2].contains("</ol>"), "{nav}");
        assert!(!nav[part2..ch3].contains("</ol>"), "{nav}");
        // Chapters are files split at their start page; a part and its first chapter share one.
        let ch1_file = text(&files, "OEBPS/chapter-002.xhtml");
        assert!(
            ch1_file.contains("<h1 id=\"h2\">Phần thứ nhất: Đấu tranh"),
            "{ch1_file}"
        );
        assert!(ch1_file.contains("<h2 id=\"h3\">Chương I: Đảng bộ huyện "));
        assert!(ch1_file.contains("<h3 id=\"h4\">Mục 1: Những chi bộ đầu tiên</h3>"));
        assert!(
            !ch1_file.contains("CHƯƠNG I"),
            "the printed heading lines are replaced"
        );
        assert!(
            !ch1_file.contains("<p>7</p>"),
            "the printed page number is not text"
        );
        assert!(
            nav.contains("epub:type=\"bodymatter\" href=\"chapter-002.xhtml\""),
            "{nav}"
        );
        assert!(nav.contains("epub:type=\"cover\" href=\"cover.xhtml\""));
        epubcheck(&bytes, "vi-xuyen.epub");
    }

    #[test]
    fn the_page_list_follows_the_printed_numbers() {
        let pages = history_pages();
        let (labels, printed) = page_labels(&pages);
        assert!(printed);
        // The title page prints none; it opens the run of printed numbers, so it counts as 5.
        assert_eq!(labels[0].as_deref(), Some("5"));
        assert_eq!(labels[1].as_deref(), Some("6"));
        let files = unzip(&book_epub(&record(vi_xuyen()), &pages).unwrap());
        let nav = text(&files, "OEBPS/nav.xhtml");
        let list = &nav[nav.find("epub:type=\"page-list\"").expect(&nav)..];
        let listed: Vec<&str> = list
            .split("<li><a href=\"")
            .skip(1)
            .map(|l| &l[l.find('>').unwrap() + 1..l.find("</a>").unwrap()])
            .collect();
        assert_eq!(listed, ["5", "6", "7", "8", "9", "10", "11", "12"]);
        // Each entry points at its page break.
        assert!(
            list.contains("<a href=\"chapter-002.xhtml#page-8\">8</a>"),
            "{list}"
        );
        let file = text(&files, "OEBPS/chapter-002.xhtml");
        assert!(file.contains(
            "<span epub:type=\"pagebreak\" id=\"page-8\" role=\"doc-pagebreak\" aria-label=\"8\"/>"
        ));
        let opf = text(&files, "OEBPS/content.opf");
        assert!(opf.contains("printPageNumbers"), "{opf}");
        assert!(opf.contains("<dc:source id=\"print-source\">urn:isbn:9786047012343</dc:source>"));
    }

    #[test]
    fn metadata_and_cover() {
        let files = unzip(&book_epub(&record(vi_xuyen()), &history_pages()).unwrap());
        let opf = text(&files, "OEBPS/content.opf");
        for expected in [
            "<dc:identifier id=\"epub-id-1\">urn:isbn:9786047012343</dc:identifier>",
            "<dc:identifier id=\"vankien-id\">urn:vankien:0123456789abcdef</dc:identifier>",
            "<dc:title>Lịch sử Đảng bộ huyện Vị Xuyên (1930 – 2015)</dc:title>",
            "<dc:creator id=\"creator\">Ban Chấp hành Đảng bộ huyện Vị Xuyên</dc:creator>",
            "<dc:creator id=\"creator-2\">Nguyễn Văn An</dc:creator>",
            "<dc:publisher>Nhà xuất bản Chính trị quốc gia Sự thật</dc:publisher>",
            "<dc:date>2016</dc:date>",
            "<dc:subject>Hà Giang</dc:subject>",
            "<dc:subject>Vị Xuyên</dc:subject>",
            "<dc:coverage>1930 – 2015</dc:coverage>",
            ">vi</dc:language>",
            "properties=\"cover-image\"",
            "<meta property=\"schema:accessMode\">textual</meta>",
        ] {
            assert!(opf.contains(expected), "{expected} in {opf}");
        }
        assert_eq!(&files["OEBPS/cover.png"][..8], b"\x89PNG\r\n\x1a\n");
        let cover = text(&files, "OEBPS/cover.xhtml");
        assert!(
            cover.contains("<img src=\"cover.png\" alt=\"Bìa sách: Lịch sử Đảng bộ huyện Vị Xuyên")
        );
        let title = text(&files, "OEBPS/title.xhtml");
        assert!(title.contains("Hà Nội – 2016") && title.contains("ISBN 9786047012343"));
    }

    #[test]
    fn a_book_that_prints_no_numbers_says_so() {
        let pages: Vec<String> = history_pages()
            .into_iter()
            .map(|p| p.trim_end_matches(char::is_numeric).to_string())
            .collect();
        let (labels, printed) = page_labels(&pages);
        assert!(!printed);
        assert_eq!(labels[0].as_deref(), Some("1"));
        let bytes = book_epub(&record(BookInfo::default()), &pages).unwrap();
        let files = unzip(&bytes);
        let opf = text(&files, "OEBPS/content.opf");
        assert!(
            opf.contains("danh sách trang dùng số thứ tự trang trong tệp gốc"),
            "{opf}"
        );
        assert!(opf.contains("urn:vankien:0123456789abcdef</dc:identifier>"));
        assert!(!opf.contains("dc:source"));
        assert!(text(&files, "OEBPS/nav.xhtml").contains("<a href=\"front.xhtml#page-1\">1</a>"));
        epubcheck(&bytes, "unnumbered.epub");
    }

    #[test]
    fn a_printed_table_of_contents_keeps_its_lines() {
        let page = "Lời nói đầu .......... 4\nChương I: Giành và giữ chính quyền cách mạng (1945 – 1946) ........ 5\nKết luận ........ 18";
        let items = page_items(page, None, false, &[], &[], &[]);
        let lines: Vec<&str> = items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t.as_str()),
                Item::Heading(_) => None,
            })
            .collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(is_contents_line("Kết luận ........ 18"));
        assert!(!is_contents_line("Năm 1945 ... nhân dân 18"));
    }

    #[test]
    fn hostile_text_and_no_chapters() {
        let pages = vec![
            "<script>alert(1)</script> & \u{7}\u{FFFE} ]]>".to_string(),
            String::new(),
        ];
        let mut r = record(BookInfo {
            isbn: None,
            province: Some("<b>\"Tỉnh\"</b> & co".to_string()),
            ..BookInfo::default()
        });
        r.metadata.title = Some("<i>Sách</i> & \u{0}".to_string());
        let bytes = book_epub(&r, &pages).unwrap();
        let files = unzip(&bytes);
        for (name, data) in &files {
            let t = String::from_utf8_lossy(data);
            if name.ends_with(".png") {
                continue;
            }
            assert!(
                !t.contains("<script") && !t.contains("<b>") && !t.contains('\u{7}'),
                "{name}"
            );
        }
        assert!(text(&files, "OEBPS/nav.xhtml").contains(">Toàn văn</a>"));
        assert_eq!(bytes, book_epub(&r, &pages).unwrap(), "deterministic");
        epubcheck(&bytes, "hostile-book.epub");
    }
}
