//! Local histories for readers: `/histories` (by province, then district), a book's title page
//! with its table of contents (`/books/{id}`), the text chapter by chapter
//! (`/books/{id}/chuong/{n}`) or page by page (`/books/{id}/trang/{n}`, a scan's image beside
//! its text), search inside the book (`/books/{id}/tim`, `/api/books/{id}/search`), the EPUB
//! (`/books/{id}.epub`).
//!
//! Addresses that stay: `/books/{id}/trang/{n}` is page `n` of the file (1-based, whatever its
//! printed number), `#p{n}-{k}` its `k`-th paragraph (blank-line separated, counted from 1),
//! `#trang-{n}` a page inside a chapter view. Chapters are numbered in table-of-contents order,
//! `1` being the front matter when the first heading is not on the first page. A long chapter is
//! served in pieces of about [`PIECE_BYTES`] of text (`?tu=` names the piece's first page), so
//! no reading page outweighs its budget.
//!
//! Everything works without JavaScript; `/static/reader.js` only adds the copy button of the
//! citation and remembers the reading position on the device ("Đọc tiếp từ tr. N").

use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use maud::{html, Markup, PreEscaped};
use serde::{Deserialize, Serialize};

use super::api::{self, DocumentView, PageText};
use super::layout::{highlighted, page_with_script};
use super::session::Viewer;
use super::{urlencode, ApiError, AppState, Error};
use crate::document::{reflow, Chapter, ChapterLevel};
use crate::library::LibraryError;
use crate::search::within::{self, BookQuery};
use crate::Archive;

const SCRIPT: &str = include_str!("../../static/reader.js");
const SCRIPT_URL: &str = "/static/reader.js";

/// Text bytes of one piece of a chapter view.
pub const PIECE_BYTES: usize = 40_000;
/// In-book search answers at most this many pages.
const MAX_HITS: usize = 300;
/// Hits on one page of in-book search results.
const HITS_PER_PAGE: usize = 40;
/// Longest query read, in bytes.
const MAX_QUERY: usize = 300;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/histories", get(histories))
        .route("/books/{file}", get(title_page_or_epub))
        .route("/books/{id}/chuong/{n}", get(chapter_view))
        .route("/books/{id}/trang/{n}", get(page_view))
        .route("/books/{id}/tim", get(search_view))
        .route("/api/books/{id}/search", get(api_search))
        .route(SCRIPT_URL, get(script))
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SCRIPT,
    )
}

// ---------------------------------------------------------------------------------------------
// The book and its reading sections.

/// Books whose chapters are kept: reading a 300-page book's headings takes about 100 ms
/// (release build), and every reading page needs them.
const CHAPTER_CACHE: usize = 32;

type ChapterCache = Mutex<Vec<(String, Arc<Vec<Chapter>>)>>;
static CHAPTERS: LazyLock<ChapterCache> = LazyLock::new(|| Mutex::new(Vec::new()));

/// [`crate::document::detect_chapters`] of a book's pages, remembered for the most recently read
/// books (by the original's SHA-256 and the size of its text, so a re-read text is read again).
pub fn chapters(sha256: &str, pages: &[String]) -> Vec<Chapter> {
    let key = format!(
        "{sha256}:{}:{}",
        pages.len(),
        pages.iter().map(String::len).sum::<usize>()
    );
    let cache = || CHAPTERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, found)) = cache().iter().find(|(k, _)| *k == key) {
        return found.as_ref().clone();
    }
    let found = Arc::new(crate::document::detect_chapters(pages));
    let mut kept = cache();
    kept.retain(|(k, _)| *k != key);
    kept.push((key, found.clone()));
    if kept.len() > CHAPTER_CACHE {
        kept.remove(0);
    }
    found.as_ref().clone()
}

/// One entry of the reading order: a table-of-contents entry with the pages it covers.
#[derive(Debug, Clone)]
struct Section {
    level: ChapterLevel,
    label: String,
    title: Option<String>,
    first: u32,
    last: u32,
}

impl Section {
    fn name(&self) -> String {
        match &self.title {
            Some(t) => format!("{}: {t}", self.label),
            None => self.label.clone(),
        }
    }
}

/// A book as a visitor may see it.
struct Book {
    view: DocumentView,
    sections: Vec<Section>,
}

/// The book `id` if it is a book the visitor may see; `None` otherwise (missing, hidden or a
/// document: all the same 404).
fn load(archive: &Archive, id: &str, level: u8) -> Result<Option<Book>, Error> {
    let Some(view) = api::document_view(archive, id, level)? else {
        return Ok(None);
    };
    if view.summary.kind != "book" {
        return Ok(None);
    }
    let sections = sections(&view);
    Ok(Some(Book { view, sections }))
}

/// The reading order: the front matter before the first heading, then every heading to the
/// page before the next one starts.
fn sections(view: &DocumentView) -> Vec<Section> {
    let total = view.pages.len() as u32;
    let chapters = view.chapters.as_deref().unwrap_or_default();
    let mut out = Vec::new();
    let first_heading = chapters.first().map_or(total + 1, |c| c.start_page);
    if first_heading > 1 && total > 0 {
        out.push(Section {
            level: chapters
                .iter()
                .map(|c| c.level)
                .min()
                .unwrap_or(ChapterLevel::Part),
            label: if chapters.is_empty() {
                "Toàn văn".to_string()
            } else {
                "Bìa và trang đầu".to_string()
            },
            title: None,
            first: 1,
            last: (first_heading - 1).min(total),
        });
    }
    for (i, c) in chapters.iter().enumerate() {
        let first = c.start_page.clamp(1, total.max(1));
        let next = chapters.get(i + 1).map_or(total + 1, |n| n.start_page);
        out.push(Section {
            level: c.level,
            label: c.label.clone(),
            title: c.title.clone(),
            first,
            last: next.saturating_sub(1).clamp(first, total.max(first)),
        });
    }
    out
}

/// The pieces of a section: runs of pages of at most [`PIECE_BYTES`] of text (a page longer
/// than that is a piece alone).
fn pieces(pages: &[PageText], section: &Section) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let (mut start, mut size) = (section.first, 0);
    for n in section.first..=section.last {
        let len = pages.get(n as usize - 1).map_or(0, |p| p.text.len());
        if n > start && size + len > PIECE_BYTES {
            out.push((start, n - 1));
            start = n;
            size = 0;
        }
        size += len;
    }
    out.push((start, section.last));
    out
}

/// How a page is named: `tr. 12` from its printed number, else `trang 14` of the file.
fn page_name(page: &PageText) -> String {
    match &page.label {
        Some(l) => format!("tr. {l}"),
        None => format!("trang {}", page.number),
    }
}

/// The paragraphs of a page: byte ranges of its text, blank-line separated, empty ones left
/// out. Their positions (from 1) are the paragraph ids `p{page}-{k}`.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in text.split("\n\n") {
        if !piece.trim().is_empty() {
            out.push(at..at + piece.len());
        }
        at += piece.len() + 2;
    }
    out
}

/// The paragraph (from 1) holding byte `offset` of a page's text.
fn paragraph_at(text: &str, offset: usize) -> usize {
    paragraphs(text)
        .iter()
        .position(|r| offset < r.end)
        .map_or(1, |i| i + 1)
}

/// `Ban Chấp hành …, Lịch sử Đảng bộ … (1945 – 2020), Nhà xuất bản …, Hà Giang, 2021, tr. 12.`
fn citation(view: &DocumentView, pages: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let book = view.book.clone().unwrap_or_default();
    if !book.authors.is_empty() {
        parts.push(book.authors.join(", "));
    } else if let Some(body) = &view.issuer_name {
        parts.push(body.clone());
    }
    parts.push(view.title.clone());
    parts.extend(book.volume);
    parts.extend(book.edition.map(|e| e.to_lowercase()));
    parts.extend(book.publisher);
    parts.extend(book.publication_place);
    parts.extend(book.year.map(|y| y.to_string()));
    if !pages.is_empty() {
        parts.push(pages.to_string());
    }
    let mut text = parts.join(", ");
    text.push('.');
    text
}

/// The pages of a citation: `tr. 12`, `tr. 12 – 40`; the file's pages when unnumbered.
fn cited_pages(view: &DocumentView, first: u32, last: u32) -> String {
    let label = |n: u32| view.pages.get(n as usize - 1).and_then(|p| p.label.clone());
    match (label(first), label(last)) {
        (Some(a), Some(b)) if first != last => format!("tr. {a} – {b}"),
        (Some(a), _) if first == last => format!("tr. {a}"),
        _ if first == last => format!("trang {first} của tệp"),
        _ => format!("trang {first} – {last} của tệp"),
    }
}

fn citation_block(text: &str) -> Markup {
    html! {
        section.cite aria-labelledby="trich-dan" {
            h2 #trich-dan { "Trích dẫn" }
            p #trich-dan-van { (text) }
            button.button type="button" data-copy="trich-dan-van" hidden { "Sao chép trích dẫn" }
        }
    }
}

/// A query as the reader pages carry it.
#[derive(Debug, Default, Deserialize)]
struct ReadParams {
    #[serde(default)]
    q: String,
    tu: Option<String>,
    /// Page of in-book search results.
    trang: Option<String>,
}

impl ReadParams {
    fn query(&self) -> Option<BookQuery> {
        let q = self.q.trim();
        (!q.is_empty() && q.len() <= MAX_QUERY)
            .then(|| BookQuery::parse(q))
            .flatten()
    }

    fn suffix(&self) -> String {
        if self.q.trim().is_empty() {
            String::new()
        } else {
            format!("?q={}", urlencode(self.q.trim()))
        }
    }
}

/// Whether the query's words stand side by side somewhere in the book (then phrases are
/// marked, else single words, as the in-book search found them); the pages shown are looked at
/// first.
fn phrase_in_book(q: &BookQuery, view: &DocumentView, shown: &[PageText]) -> bool {
    let has = |p: &PageText| !q.phrases(&p.text).is_empty();
    q.is_single_word() || shown.iter().any(has) || view.pages.iter().any(has)
}

/// A paragraph's lines with the query's matches marked.
fn paragraph_markup(text: &str, marks: Option<(&BookQuery, bool)>) -> Markup {
    let joined = reflow(text).join("\n");
    let ranges = marks.map_or_else(Vec::new, |(q, phrase)| q.marks(&joined, phrase));
    let html = highlighted(&joined, &ranges).into_string();
    PreEscaped(html.replace('\n', "<br>"))
}

/// One page of text: its name linking to its own address, its paragraphs with theirs.
fn page_markup(
    id: &str,
    page: &PageText,
    total: usize,
    marks: Option<(&BookQuery, bool)>,
    in_chapter: bool,
) -> Markup {
    let n = page.number;
    let name = page_name(page);
    let text = html! {
        @for (k, r) in paragraphs(&page.text).iter().enumerate() {
            p id={ "p" (n) "-" (k + 1) } {
                (paragraph_markup(&page.text[r.clone()], marks))
                " " a.pl href={ "/books/" (id) "/trang/" (n) "#p" (n) "-" (k + 1) }
                    title="Liên kết đến đoạn này" { span.visually-hidden { "Liên kết đến đoạn " (k + 1) ", " (name) } "¶" }
            }
        }
        @if page.text.trim().is_empty() { p.muted { "(Trang trắng)" } }
    };
    html! {
        div.page id={ "trang-" (n) } data-page=(n) data-label=(name) {
            @if in_chapter {
                p.page-no {
                    a href={ "/books/" (id) "/trang/" (n) } { (name) }
                    @if page.label.is_some() { span.muted { " · trang " (n) "/" (total) " của tệp" } }
                    @else { span.muted { "/" (total) } }
                }
            }
            @if in_chapter && page.image.is_some() {
                div.leaf {
                    a.thumb href={ "/books/" (id) "/trang/" (n) } {
                        img src=[page.image.as_deref()] loading="lazy" alt={ "Ảnh bản quét " (name) };
                    }
                    div.words { (text) }
                }
            } @else {
                (text)
            }
        }
    }
}

/// The search form of a book.
fn search_form(id: &str, q: &str) -> Markup {
    html! {
        form.booksearch role="search" action={ "/books/" (id) "/tim" } method="get" {
            label for="tim-trong-sach" { "Tìm trong sách" }
            span.field {
                input #tim-trong-sach type="search" name="q" value=(q) placeholder="từ, cụm từ, có dấu hay không dấu";
                button type="submit" { "Tìm" }
            }
        }
    }
}

fn kicker(view: &DocumentView) -> Markup {
    let book = view.book.clone().unwrap_or_default();
    html! {
        nav.crumbs aria-label="Vị trí" {
            a href="/histories" { "Lịch sử địa phương" }
            @if let Some(p) = &book.province {
                " › " a href={ "/histories?tinh=" (urlencode(p)) } { (p) }
            }
            @if let (Some(p), Some(d)) = (&book.province, &book.district) {
                " › " a href={ "/histories?tinh=" (urlencode(p)) "&huyen=" (urlencode(d)) } { (d) }
            }
        }
    }
}

fn reader_page(title: &str, content: Markup) -> Html<String> {
    page_with_script(title, "", content, Some(SCRIPT_URL))
}

// ---------------------------------------------------------------------------------------------
// /histories

/// A district's name and its books.
type District<'a> = (String, Vec<&'a crate::library::DocumentRecord>);

#[derive(Debug, Default, Deserialize)]
struct PlaceParams {
    tinh: Option<String>,
    huyen: Option<String>,
}

const UNKNOWN_PROVINCE: &str = "Chưa rõ tỉnh";
const UNKNOWN_DISTRICT: &str = "Chưa rõ huyện";

async fn histories(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<PlaceParams>,
) -> Result<Html<String>, Error> {
    let level = viewer.level();
    let books = state
        .blocking(move |a| {
            Ok(a.library
                .catalog()
                .books(level)
                .map_err(LibraryError::from)?)
        })
        .await?;
    let place =
        |p: &Option<String>, unknown: &str| p.clone().unwrap_or_else(|| unknown.to_string());
    let same = |a: &str, b: &Option<String>| {
        b.as_deref().is_none_or(|b| {
            crate::vietnamese::fold(&a.to_lowercase())
                == crate::vietnamese::fold(&b.trim().to_lowercase())
        })
    };
    // Province → district → books, in the catalog's order.
    let mut tree: Vec<(String, Vec<District>)> = Vec::new();
    let mut provinces: Vec<(String, usize)> = Vec::new();
    for record in &books {
        let info = record.metadata.book.clone().unwrap_or_default();
        let (province, district) = (
            place(&info.province, UNKNOWN_PROVINCE),
            place(&info.district, UNKNOWN_DISTRICT),
        );
        match provinces.last_mut() {
            Some((p, n)) if *p == province => *n += 1,
            _ => provinces.push((province.clone(), 1)),
        }
        if !same(&province, &params.tinh) || !same(&district, &params.huyen) {
            continue;
        }
        if tree.last().is_none_or(|(p, _)| *p != province) {
            tree.push((province.clone(), Vec::new()));
        }
        let districts = &mut tree.last_mut().expect("pushed").1;
        if districts.last().is_none_or(|(d, _)| *d != district) {
            districts.push((district.clone(), Vec::new()));
        }
        districts.last_mut().expect("pushed").1.push(record);
    }
    let shown: usize = tree
        .iter()
        .flat_map(|(_, ds)| ds.iter().map(|(_, b)| b.len()))
        .sum();
    let filtered = params.tinh.is_some() || params.huyen.is_some();
    let title = match (&params.tinh, &params.huyen) {
        (Some(p), Some(d)) => format!("Lịch sử địa phương: {d}, {p}"),
        (Some(p), None) => format!("Lịch sử địa phương: {p}"),
        _ => "Lịch sử địa phương".to_string(),
    };
    Ok(super::layout::page(
        &title,
        "",
        html! {
            h1 { (title) }
            p.lead { (shown) " cuốn lịch sử Đảng bộ, chính quyền và nhân dân địa phương"
                @if filtered { " · " a href="/histories" { "tất cả tỉnh, thành phố" } } "." }
            @if !provinces.is_empty() {
                nav aria-label="Theo tỉnh, thành phố" {
                    h2 { "Theo tỉnh, thành phố" }
                    ul.counts {
                        @for (p, n) in &provinces {
                            li { a href={ "/histories?tinh=" (urlencode(p)) } { (p) " " span.count { (n) } } }
                        }
                    }
                }
            }
            @for (province, districts) in &tree {
                @let in_province: usize = districts.iter().map(|(_, b)| b.len()).sum();
                section.province aria-labelledby={ "tinh-" (slug(province)) } {
                    h2 #{ "tinh-" (slug(province)) } {
                        a href={ "/histories?tinh=" (urlencode(province)) } { (province) }
                        " " span.count { (in_province) " cuốn" }
                    }
                    @for (district, list) in districts {
                        h3 {
                            a href={ "/histories?tinh=" (urlencode(province)) "&huyen=" (urlencode(district)) } { (district) }
                            " " span.count { (list.len()) " cuốn" }
                        }
                        ul.docs {
                            @for r in list {
                                @let info = r.metadata.book.clone().unwrap_or_default();
                                li.doc {
                                    a href={ "/books/" (r.id) } { (r.display_title()) }
                                    div.meta {
                                        @if let Some(c) = &info.commune { span { (c) } }
                                        @if let Some(p) = &info.period { span { "giai đoạn " (p) } }
                                        @if let Some(v) = &info.volume { span { (v) } }
                                        @if let Some(p) = &info.publisher { span { (p) } }
                                        @if let Some(y) = info.year { span { (y) } }
                                        span { (r.page_count) " trang" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if tree.is_empty() {
                p { "Chưa có cuốn sách nào ở đây. " a href="/histories" { "Xem tất cả" } "." }
            }
        },
    ))
}

/// An id fragment from a name: folded, lowercase, dashes.
pub(super) fn slug(text: &str) -> String {
    let folded = crate::vietnamese::fold(&text.to_lowercase());
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

// ---------------------------------------------------------------------------------------------
// /books/{id}

async fn title_page_or_epub(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(file): Path<String>,
) -> Result<Response, Error> {
    let level = viewer.level();
    if let Some(id) = file.strip_suffix(".epub") {
        // Only a book is served here; a document's EPUB lives at /documents/{id}.epub.
        let owned = id.to_string();
        if state
            .blocking(move |a| load(a, &owned, level))
            .await?
            .is_none()
        {
            return Err(Error::NotFound);
        }
        return super::pages::epub_download(&state, id, level).await;
    }
    let book = state
        .blocking(move |a| load(a, &file, level))
        .await?
        .ok_or(Error::NotFound)?;
    Ok(title_page(&book).into_response())
}

fn title_page(book: &Book) -> Html<String> {
    let view = &book.view;
    let id = &view.summary.id;
    let info = view.book.clone().unwrap_or_default();
    let label_of = |n: u32| {
        view.pages
            .get(n as usize - 1)
            .map(page_name)
            .unwrap_or_default()
    };
    // The first real chapter, past the cover and the table of contents.
    let start = book
        .sections
        .iter()
        .position(|s| s.label != "Mục lục" && s.first > 1)
        .or((!book.sections.is_empty()).then_some(0));
    let top = book
        .sections
        .iter()
        .map(|s| s.level)
        .min()
        .unwrap_or(ChapterLevel::Part);
    reader_page(
        &view.title,
        html! {
            article.book data-book=(id) {
                (kicker(view))
                h1 { (view.title) }
                @if let Some(s) = &info.subtitle { p.lead { (s) } }
                @if !info.authors.is_empty() { p.byline { (info.authors.join("; ")) } }
                @else if let Some(b) = &view.issuer_name { p.byline { (b) } }
                p.imprint {
                    @let imprint: Vec<String> = [info.publisher.clone(), info.publication_place.clone(), info.year.map(|y| y.to_string())].into_iter().flatten().collect();
                    (imprint.join(", "))
                }
                p.actions {
                    @if let Some(s) = start {
                        a.button href={ "/books/" (id) "/chuong/" (s + 1) } { "Đọc sách" }
                        " "
                    }
                    a.button href={ "/books/" (id) ".epub" } { "Tải EPUB" }
                    " "
                    a.button href={ "/documents/" (id) "/original" } { "Tải bản gốc (" (view.format.to_uppercase()) ")" }
                }
                p #doc-tiep hidden { a href={ "/books/" (id) "/trang/1" } { "Đọc tiếp" } }
                (search_form(id, ""))
                nav.toc aria-labelledby="muc-luc" {
                    h2 #muc-luc { "Mục lục" }
                    @if book.sections.is_empty() {
                        p.muted { "Sách không có trang nào." }
                    }
                    ol {
                        @for (i, s) in book.sections.iter().enumerate() {
                            li class=(level_class(s.level, top)) {
                                a href={ "/books/" (id) "/chuong/" (i + 1) } {
                                    strong { (s.label) }
                                    @if let Some(t) = &s.title { ": " (t) }
                                }
                                " " span.pg { (label_of(s.first)) }
                            }
                        }
                    }
                }
                section aria-labelledby="thong-tin" {
                    h2 #thong-tin { "Thông tin xuất bản" }
                    table.metadata {
                        caption.visually-hidden { "Thông tin sách" }
                        @for (label, value) in view.metadata_rows() {
                            tr { th scope="row" { (label) } td { (value) } }
                        }
                    }
                }
                (citation_block(&citation(view, "")))
            }
        },
    )
}

/// A table-of-contents entry's depth below the book's top level: `lv1`, `lv2`, `lv3`.
fn level_class(level: ChapterLevel, top: ChapterLevel) -> &'static str {
    let depth = |l: ChapterLevel| match l {
        ChapterLevel::Part => 0u8,
        ChapterLevel::Chapter => 1,
        ChapterLevel::Section => 2,
    };
    match depth(level).saturating_sub(depth(top)) {
        0 => "lv1",
        1 => "lv2",
        _ => "lv3",
    }
}

// ---------------------------------------------------------------------------------------------
// /books/{id}/chuong/{n}

async fn chapter_view(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, n)): Path<(String, String)>,
    Query(params): Query<ReadParams>,
) -> Result<Response, Error> {
    let level = viewer.level();
    let n: usize = n.parse().map_err(|_| Error::NotFound)?;
    let book = state
        .blocking(move |a| load(a, &id, level))
        .await?
        .ok_or(Error::NotFound)?;
    let Some(section) = n.checked_sub(1).and_then(|i| book.sections.get(i)) else {
        return Err(Error::NotFound);
    };
    let view = &book.view;
    let id = &view.summary.id;
    let parts = pieces(&view.pages, section);
    let from: u32 = params
        .tu
        .as_deref()
        .and_then(|t| t.parse().ok())
        .unwrap_or(section.first);
    let Some(piece) = parts.iter().position(|(a, b)| (*a..=*b).contains(&from)) else {
        return Err(Error::NotFound);
    };
    let (first, last) = parts[piece];
    let query = params.query();
    let shown = &view.pages[first as usize - 1..last as usize];
    let phrase = query
        .as_ref()
        .is_some_and(|q| phrase_in_book(q, view, shown));
    let marks = query.as_ref().map(|q| (q, phrase));
    let suffix = params.suffix();
    let piece_url = |s: usize, start: u32| {
        let sec = &book.sections[s];
        let mut url = format!("/books/{id}/chuong/{}", s + 1);
        if start != sec.first {
            url.push_str(&format!("?tu={start}"));
            if !suffix.is_empty() {
                url.push_str(&suffix.replacen('?', "&", 1));
            }
        } else {
            url.push_str(&suffix);
        }
        url
    };
    let index = n - 1;
    let previous = if piece > 0 {
        Some((
            piece_url(index, parts[piece - 1].0),
            "Phần trước".to_string(),
        ))
    } else if index > 0 {
        let s = &book.sections[index - 1];
        let last_piece = pieces(&view.pages, s).last().map_or(s.first, |p| p.0);
        Some((piece_url(index - 1, last_piece), s.label.clone()))
    } else {
        None
    };
    let next = if piece + 1 < parts.len() {
        Some((
            piece_url(index, parts[piece + 1].0),
            "Phần tiếp".to_string(),
        ))
    } else {
        book.sections
            .get(index + 1)
            .map(|s| (piece_url(index + 1, s.first), s.label.clone()))
    };
    let total = view.pages.len();
    let heading = section.name();
    let pager = |place: &str| {
        html! {
            nav.pager.reading aria-label=(place) {
                @if let Some((url, name)) = &previous { a rel="prev" href=(url) { "← " span.name { (name) } } }
                @else { span {} }
                a href={ "/books/" (id) "#muc-luc" } { "Mục lục" }
                @if let Some((url, name)) = &next { a rel="next" href=(url) { span.name { (name) } " →" } }
                @else { span {} }
            }
        }
    };
    let title = if parts.len() > 1 {
        format!("{heading} ({}/{}) – {}", piece + 1, parts.len(), view.title)
    } else {
        format!("{heading} – {}", view.title)
    };
    Ok(reader_page(
        &title,
        html! {
            article.reader data-book=(id) {
                (kicker(view))
                p.kicker { a href={ "/books/" (id) } { (view.title) } }
                h1 { (heading) }
                p.meta {
                    span { (cited_pages(view, first, last)) }
                    @if parts.len() > 1 { span { "phần " (piece + 1) "/" (parts.len()) } }
                    @if query.is_some() { span { "đánh dấu “" (params.q.trim()) "” · " a href={ "/books/" (id) "/tim?q=" (urlencode(params.q.trim())) } { "mọi kết quả" } } }
                }
                (pager("Chương trước, chương sau"))
                section.text aria-label="Nội dung" {
                    @for p in shown {
                        (page_markup(id, p, total, marks, true))
                    }
                }
                (pager("Chương trước, chương sau (cuối trang)"))
                (search_form(id, &params.q))
                (citation_block(&citation(view, &cited_pages(view, first, last))))
            }
        },
    )
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// /books/{id}/trang/{n}

async fn page_view(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, n)): Path<(String, String)>,
    Query(params): Query<ReadParams>,
) -> Result<Response, Error> {
    let level = viewer.level();
    let n: u32 = n.parse().map_err(|_| Error::NotFound)?;
    let (book, scan) = state
        .blocking(move |a| {
            let Some(book) = load(a, &id, level)? else {
                return Ok(None);
            };
            let scanned = book
                .view
                .pages
                .get((n as usize).wrapping_sub(1))
                .is_some_and(|p| p.image.is_some());
            let scan = if scanned {
                api::page_scan(a, &id, n, level)?
            } else {
                None
            };
            Ok(Some((book, scan)))
        })
        .await?
        .ok_or(Error::NotFound)?;
    let view = &book.view;
    let id = &view.summary.id;
    let total = view.pages.len();
    let Some(page) = (n as usize).checked_sub(1).and_then(|i| view.pages.get(i)) else {
        return Err(Error::NotFound);
    };
    let query = params.query();
    let phrase = query
        .as_ref()
        .is_some_and(|q| phrase_in_book(q, view, std::slice::from_ref(page)));
    let matches = query
        .as_ref()
        .map_or(0, |q| q.marks(&page.text, phrase).len());
    let marks = query.as_ref().map(|q| (q, phrase));
    let figure = scan.as_ref().and_then(|s| {
        let boxed = query
            .as_ref()
            .map_or_else(Vec::new, |q| boxed_words(s, q, phrase));
        super::pages::scan_figure(s, &boxed).map(|f| (f, s))
    });
    let section = book
        .sections
        .iter()
        .rposition(|s| s.first <= n && n <= s.last);
    let suffix = params.suffix();
    let name = page_name(page);
    let pager = |place: &str| {
        html! {
            nav.pager.reading aria-label=(place) {
                @if n > 1 { a rel="prev" href={ "/books/" (id) "/trang/" (n - 1) (suffix) } { "← " (page_name(&view.pages[n as usize - 2])) } }
                @else { span {} }
                @if let Some(s) = section {
                    a href={ "/books/" (id) "/chuong/" (s + 1) (suffix) "#trang-" (n) } { "Cả chương" }
                }
                @if (n as usize) < total { a rel="next" href={ "/books/" (id) "/trang/" (n + 1) (suffix) } { (page_name(&view.pages[n as usize])) " →" } }
                @else { span {} }
            }
        }
    };
    Ok(reader_page(
        &format!("{} – {}", view.title, name),
        html! {
            article.reader.leafview data-book=(id) {
                (kicker(view))
                p.kicker { a href={ "/books/" (id) } { (view.title) } }
                h1 {
                    (name)
                    @if page.label.is_some() { " " span.muted.small { "(trang " (n) "/" (total) " của tệp)" } }
                    @else { " " span.muted.small { "/ " (total) } }
                }
                @if let Some(s) = section.map(|s| &book.sections[s]) {
                    p.meta { span { "Trong: " a href={ "/books/" (id) "/chuong/" (section.unwrap_or(0) + 1) } { (s.name()) } } }
                }
                @if query.is_some() {
                    p.lead { (matches) " chỗ khớp “" (params.q.trim()) "” trên trang này · "
                        a href={ "/books/" (id) "/tim?q=" (urlencode(params.q.trim())) } { "mọi kết quả trong sách" } }
                }
                (pager("Trang trước, trang sau"))
                @if let Some((figure, scan)) = &figure {
                    div.leaf.scan {
                        div {
                            (figure)
                            @if let Some(image) = &scan.image {
                                p.meta { a href=(image.url) { "Mở ảnh trang cỡ lớn" } }
                            }
                        }
                        section.text aria-label="Chữ của trang" { (page_markup(id, page, total, marks, false)) }
                    }
                } @else {
                    section.text aria-label="Chữ của trang" { (page_markup(id, page, total, marks, false)) }
                }
                (pager("Trang trước, trang sau (cuối trang)"))
                (search_form(id, &params.q))
                (citation_block(&citation(view, &cited_pages(view, n, n))))
            }
        },
    )
    .into_response())
}

/// The recognised words of a scan that the query marks in its text: the words are joined with
/// spaces, matched like the page text, and every word a match touches is boxed.
fn boxed_words<'a>(
    scan: &'a api::PageScan,
    query: &BookQuery,
    phrase: bool,
) -> Vec<&'a crate::extract::ocr::Word> {
    let mut joined = String::new();
    let mut spans = Vec::with_capacity(scan.words.len());
    for w in &scan.words {
        if !joined.is_empty() {
            joined.push(' ');
        }
        let start = joined.len();
        joined.push_str(&w.text);
        spans.push(start..joined.len());
    }
    let marks = query.marks(&joined, phrase);
    scan.words
        .iter()
        .zip(&spans)
        .filter(|(_, span)| {
            marks
                .iter()
                .any(|m| m.start < span.end && span.start < m.end)
        })
        .map(|(w, _)| w)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// In-book search

/// One page that matches, as `/api/books/{id}/search` answers it.
#[derive(Debug, Clone, Serialize)]
pub struct BookHit {
    /// Page of the file (1-based).
    pub page: u32,
    /// The printed page number, when the page has one.
    pub label: Option<String>,
    /// How many times the query matches on the page.
    pub matches: usize,
    /// The id of the paragraph of the first match (`p14-3`).
    pub paragraph: String,
    /// The page's address with the query marked, at that paragraph.
    pub url: String,
    pub snippet: String,
    /// Byte ranges of `snippet` that matched.
    pub highlights: Vec<Range<usize>>,
}

/// The answer of an in-book search.
#[derive(Debug, Clone, Serialize)]
pub struct BookSearch {
    pub id: String,
    pub title: String,
    pub q: String,
    /// Whether the words were found side by side (else: pages holding all of them).
    pub phrase: bool,
    /// Pages that match (hits are capped at 300).
    pub total: usize,
    pub hits: Vec<BookHit>,
}

/// Search the book `id` for `q`; `None` when the visitor may not see it.
pub fn search_book(
    archive: &Archive,
    id: &str,
    q: &str,
    level: u8,
) -> Result<Option<BookSearch>, Error> {
    let Some(record) = archive
        .library
        .catalog()
        .get(id)
        .map_err(LibraryError::from)?
    else {
        return Ok(None);
    };
    if record.classification().level() > level || record.kind != crate::library::Kind::Book {
        return Ok(None);
    }
    let pages = archive
        .library
        .catalog()
        .pages(id)
        .map_err(LibraryError::from)?;
    let q = crate::vietnamese::normalize(q.trim());
    if q.len() > MAX_QUERY {
        return Err(Error::BadRequest(format!(
            "câu tìm dài quá {MAX_QUERY} byte; hãy rút ngắn"
        )));
    }
    let mut answer = BookSearch {
        id: record.id.clone(),
        title: record.display_title(),
        q: q.clone(),
        phrase: true,
        total: 0,
        hits: Vec::new(),
    };
    let Some(query) = BookQuery::parse(&q) else {
        return Ok(Some(answer));
    };
    let (found, phrase) = query.search(&pages);
    let labels = crate::document::printed_page_labels(&pages);
    answer.phrase = phrase;
    answer.total = found.len();
    answer.hits = found
        .into_iter()
        .take(MAX_HITS)
        .map(|m| {
            let text = &pages[m.page as usize - 1];
            let paragraph = format!("p{}-{}", m.page, paragraph_at(text, m.ranges[0].start));
            let snippet = within::snippet(text, &m.ranges);
            BookHit {
                page: m.page,
                label: labels.get(m.page as usize - 1).cloned().flatten(),
                matches: m.ranges.len(),
                url: format!(
                    "/books/{}/trang/{}?q={}#{paragraph}",
                    record.id,
                    m.page,
                    urlencode(&q)
                ),
                paragraph,
                snippet: snippet.text,
                highlights: snippet.highlights,
            }
        })
        .collect();
    Ok(Some(answer))
}

async fn api_search(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(params): Query<ReadParams>,
) -> Result<Json<BookSearch>, ApiError> {
    let level = viewer.level();
    let found = state
        .blocking(move |a| search_book(a, &id, &params.q, level))
        .await?;
    found.map(Json).ok_or(ApiError(Error::NotFound))
}

async fn search_view(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(params): Query<ReadParams>,
) -> Result<Response, Error> {
    let level = viewer.level();
    let q = params.q.clone();
    let (book, found) = state
        .blocking(move |a| {
            let Some(book) = load(a, &id, level)? else {
                return Ok(None);
            };
            let found = search_book(a, &id, &q, level)?;
            Ok(found.map(|f| (book, f)))
        })
        .await?
        .ok_or(Error::NotFound)?;
    let view = &book.view;
    let id = &view.summary.id;
    if found.q.is_empty() {
        return Ok(Redirect::to(&format!("/books/{id}")).into_response());
    }
    let pages = found.hits.len().div_ceil(HITS_PER_PAGE).max(1);
    let trang = params
        .trang
        .as_deref()
        .and_then(|t| t.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, pages);
    let shown =
        &found.hits[(trang - 1) * HITS_PER_PAGE..(trang * HITS_PER_PAGE).min(found.hits.len())];
    let link = |n: usize| format!("/books/{id}/tim?q={}&trang={n}", urlencode(&found.q));
    Ok(reader_page(
        &format!("Tìm “{}” – {}", found.q, view.title),
        html! {
            article.reader data-book=(id) {
                (kicker(view))
                p.kicker { a href={ "/books/" (id) } { (view.title) } }
                h1 { "Tìm “" (found.q) "” trong sách" }
                (search_form(id, &found.q))
                p.lead {
                    @if found.total == 0 {
                        "Không thấy trong sách. Thử bỏ dấu hoặc bớt từ."
                    } @else {
                        "Thấy ở " strong { (found.total) } " trang"
                        @if !found.phrase { " (các từ không đứng liền nhau; mỗi trang có đủ các từ)" }
                        @if found.total > found.hits.len() { "; hiện " (found.hits.len()) " trang đầu" }
                        "."
                    }
                }
                ol.hits start=((trang - 1) * HITS_PER_PAGE + 1) {
                    @for h in shown {
                        li.hit {
                            a href=(h.url) {
                                @match &h.label { Some(l) => { "tr. " (l) }, None => { "trang " (h.page) } }
                            }
                            span.meta { " · " (h.matches) " chỗ" @if h.label.is_some() { " · trang " (h.page) " của tệp" } }
                            p.snippet { (highlighted(&h.snippet, &h.highlights)) }
                        }
                    }
                }
                @if pages > 1 {
                    nav.pager aria-label="Trang kết quả" {
                        @if trang > 1 { a rel="prev" href=(link(trang - 1)) { "← Kết quả trước" } }
                        span { "Trang " (trang) " / " (pages) }
                        @if trang < pages { a rel="next" href=(link(trang + 1)) { "Kết quả tiếp →" } }
                    }
                }
            }
        },
    )
    .into_response())
}
