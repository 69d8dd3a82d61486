//! HTML pages: home, search results, the document reader, downloads.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};

use super::api::{self, vietnamese_date, DocumentSummary, SearchParams};
use super::layout::{highlighted, page};
use super::session::Viewer;
use super::{urlencode, AppState, Error};
use crate::document::reflow;
use crate::search::{types_named, SearchRequest};

const PER_PAGE: usize = 20;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/documents/{file}", get(document_or_epub))
        .route("/documents/{id}/original", get(original))
        .route("/documents/{id}/pages/{file}", get(page_scan))
}

/// A type filter's value as a reader says it: `CT` → `Chỉ thị`; `TT` → `Thông tri, Thông tư`.
fn type_name(value: &str) -> String {
    let names: Vec<&str> = types_named(value).iter().map(|t| t.name()).collect();
    if names.is_empty() {
        value.to_string()
    } else {
        names.join(", ")
    }
}

fn summary_item(d: &DocumentSummary) -> Markup {
    html! {
        li.doc {
            a href={ "/documents/" (d.id) } { (d.title) }
            div.meta {
                @if let Some(n) = &d.number { span.number { (n) } }
                @if let Some(t) = &d.doc_type_name { span { (t) } }
                @if let Some(i) = &d.issuer { span { (i) } }
                @if let Some(date) = &d.issued { span { (vietnamese_date(date)) } }
            }
        }
    }
}

async fn home(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, Error> {
    let level = viewer.level();
    let (newest, counts, books) = state
        .blocking(move |a| {
            let catalog = a.library.catalog();
            let newest = catalog
                .newest(level, 20)
                .map_err(crate::library::LibraryError::from)?;
            let counts = catalog
                .count_by_type(level)
                .map_err(crate::library::LibraryError::from)?;
            let books = catalog
                .books(level)
                .map_err(crate::library::LibraryError::from)?
                .len();
            Ok((newest, counts, books))
        })
        .await?;
    let total: u64 = counts.iter().map(|c| c.1).sum();
    Ok(page(
        "Trang chủ",
        "",
        html! {
            h1 { "Kho văn kiện" }
            p.lead { (total) " tài liệu công khai. Tìm theo số hiệu (" code { "05-CT/TW" } ", "
                code { "chỉ thị 05" } ", " code { "nghi quyet 27" } ") hoặc theo nội dung." }
            section aria-labelledby="lich-su" {
                h2 #lich-su { "Lịch sử địa phương" }
                p { a href="/histories" { "Lịch sử Đảng bộ các tỉnh, huyện, xã" } " "
                    span.count { "(" (books) " cuốn)" } ": duyệt theo tỉnh, huyện; đọc từng chương, từng trang." }
            }
            section aria-labelledby="theo-loai" {
                h2 #theo-loai { "Theo loại văn bản" }
                ul.counts {
                    @for (code, n) in &counts {
                        li {
                            @match code {
                                Some(c) => a href={ "/search?loai=" (c) } { (type_name(c)) " " span.count { (n) } },
                                None => span { "Chưa rõ loại " span.count { (n) } },
                            }
                        }
                    }
                }
            }
            section aria-labelledby="moi-nhat" {
                h2 #moi-nhat { "Văn bản mới nhất" }
                ul.docs { @for d in &newest { (summary_item(&DocumentSummary::from(d))) } }
            }
        },
    ))
}

/// The address of a search with these parameters, on page `trang`.
fn search_link(p: &SearchParams, trang: usize) -> String {
    let filters = p.filters();
    let mut url = format!("/search?q={}", urlencode(&p.q));
    if let Some(l) = &filters.doc_type {
        url.push_str(&format!("&loai={}", urlencode(l)));
    }
    if let Some(c) = &filters.issuer {
        url.push_str(&format!("&coquan={}", urlencode(c)));
    }
    if let Some(n) = filters.years_text() {
        url.push_str(&format!("&nam={}", urlencode(&n)));
    }
    if trang > 1 {
        url.push_str(&format!("&trang={trang}"));
    }
    url
}

/// The same search with one filter changed (and back on page 1).
fn with_filter(p: &SearchParams, change: impl FnOnce(&mut SearchParams)) -> String {
    let mut changed = p.clone();
    changed.nam = p.filters().years_text();
    changed.tu = None;
    changed.den = None;
    change(&mut changed);
    search_link(&changed, 1)
}

#[derive(serde::Deserialize)]
struct SearchForm {
    #[serde(flatten)]
    params: SearchParams,
    trang: Option<usize>,
}

async fn search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(form): Query<SearchForm>,
) -> Result<Html<String>, Error> {
    let level = viewer.level();
    let p = form.params;
    let trang = form.trang.unwrap_or(1).clamp(1, 500);
    let filters = p.filters();
    let mut request = SearchRequest::new(&p.q, PER_PAGE, level);
    request.offset = (trang - 1) * PER_PAGE;
    request.filters = filters.clone();
    let browsing = p.q.trim().is_empty();
    if browsing {
        // A filter without words lists every matching document.
        request.text = "*".into();
    }
    let results = state
        .blocking(move |a| api::search_page(a, &request))
        .await?;
    let pages = results.total.div_ceil(PER_PAGE);
    let facet = |title: &str,
                 values: &[(String, u64)],
                 active: Option<&str>,
                 link: &dyn Fn(&str) -> String,
                 label: &dyn Fn(&str) -> String| {
        html! {
            @if !values.is_empty() {
                section.facet {
                    h3 { (title) }
                    ul {
                        @for (v, n) in values.iter().take(12) {
                            li {
                                @if active == Some(v.as_str()) {
                                    strong { (label(v)) " " span.count { (n) } }
                                } @else {
                                    a href=(link(v)) { (label(v)) " " span.count { (n) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let title = if browsing {
        "Duyệt văn bản".to_string()
    } else {
        format!("Tìm: {}", p.q)
    };
    Ok(page(
        &title,
        &p.q,
        html! {
            h1 { (title) }
            p.lead { "Tìm thấy " strong { (results.total) } " tài liệu"
                @if let Some(l) = &filters.doc_type { " · loại " (type_name(l)) }
                @if let Some(c) = &filters.issuer { " · cơ quan " (c) }
                @if let Some(n) = filters.years_text() { " · năm " (n.replace("..", "–")) }
                @if !filters.is_empty() {
                    " · " a href=(search_link(&SearchParams { q: p.q.clone(), ..SearchParams::default() }, 1)) { "bỏ lọc" }
                }
                @if results.total > 0 && !(browsing && filters.is_empty()) {
                    " · " a href=(search_link(&p, 1).replacen("/search?", "/search.epub?", 1)) { "Tải tuyển tập EPUB" }
                }
            }
            div.results {
                aside.facets aria-label="Bộ lọc" {
                    (facet("Loại văn bản", &results.facets.types, filters.doc_type.as_deref(),
                        &|v| with_filter(&p, |c| c.loai = Some(v.to_string())), &|v| v.to_string()))
                    (facet("Cơ quan ban hành", &results.facets.issuers, filters.issuer.as_deref(),
                        &|v| with_filter(&p, |c| c.coquan = Some(v.to_string())), &|v| v.to_string()))
                    (facet("Năm", &results.facets.years, filters.years_text().as_deref(),
                        &|v| with_filter(&p, |c| c.nam = Some(v.to_string())), &|v| v.to_string()))
                    section.facet {
                        h3 { "Khoảng năm" }
                        form.years action="/search" method="get" {
                            input type="hidden" name="q" value=(p.q);
                            @if let Some(l) = &filters.doc_type { input type="hidden" name="loai" value=(l); }
                            @if let Some(c) = &filters.issuer { input type="hidden" name="coquan" value=(c); }
                            @let (from, to) = filters.years.unwrap_or((None, None));
                            label { "Từ " input type="number" name="tu" min="1900" max="2100" inputmode="numeric" value=[from]; }
                            label { "đến " input type="number" name="den" min="1900" max="2100" inputmode="numeric" value=[to]; }
                            button type="submit" { "Lọc" }
                        }
                    }
                }
                ol.hits start=((trang - 1) * PER_PAGE + 1) {
                    @for hit in &results.hits {
                        li.hit {
                            @if hit.summary.kind == "book" {
                                // A book opens in the book reader, at the page, the words marked.
                                a.title href={ "/books/" (hit.summary.id) @if let Some(pg) = hit.page { "/trang/" (pg) "?q=" (urlencode(&p.q)) } } { (hit.summary.title) }
                            } @else {
                                a.title href={ "/documents/" (hit.summary.id) @if let Some(pg) = hit.page { "#trang-" (pg) } } { (hit.summary.title) }
                            }
                            div.meta {
                                @if let Some(n) = &hit.summary.number { span.number { (n) } }
                                @if let Some(t) = &hit.summary.doc_type_name { span { (t) } }
                                @if let Some(i) = &hit.summary.issuer { span { (i) } }
                                @if let Some(d) = &hit.summary.issued { span { (vietnamese_date(d)) } }
                                @if let Some(pg) = hit.page { span { "trang " (pg) } }
                            }
                            @if let Some(s) = &hit.snippet { p.snippet { (highlighted(s, &hit.highlights)) } }
                        }
                    }
                }
            }
            @if results.hits.is_empty() {
                p { "Không có kết quả. Thử bỏ dấu, bỏ bớt từ, hoặc gõ số hiệu như " code { "05-CT/TW" } "." }
            }
            @if pages > 1 {
                nav.pager aria-label="Phân trang" {
                    @if trang > 1 { a rel="prev" href=(search_link(&p, trang - 1)) { "← Trang trước" } }
                    span { "Trang " (trang) " / " (pages) }
                    @if trang < pages { a rel="next" href=(search_link(&p, trang + 1)) { "Trang sau →" } }
                }
            }
        },
    ))
}

async fn document_or_epub(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(file): Path<String>,
) -> Result<Response, Error> {
    let level = viewer.level();
    if let Some(id) = file.strip_suffix(".epub") {
        return epub_download(&state, id, level).await;
    }
    let id = file.clone();
    let counter = state.counter.clone();
    let (view, (views, downloads)) = state
        .blocking(move |a| {
            let Some(view) = api::document_view(a, &id, level)? else {
                return Err(Error::NotFound);
            };
            counter.view(&id);
            let counts = counter.total(a, &id);
            Ok((view, counts))
        })
        .await?;
    Ok(page(
        &view.title,
        "",
        html! {
            article.document {
                p.kicker {
                    @if let Some(t) = &view.summary.doc_type_name { (t) }
                    @if let Some(n) = &view.summary.number { " số " (n) }
                }
                h1 { (view.title) }
                p.actions {
                    @if view.summary.kind == "book" {
                        a.button href={ "/books/" (view.summary.id) } { "Đọc theo chương, theo trang" }
                        " "
                    }
                    a.button href={ "/documents/" (view.summary.id) ".epub" } { "Tải EPUB" }
                    " "
                    a.button href={ "/documents/" (view.summary.id) "/original" } { "Tải bản gốc (" (view.format.to_uppercase()) ")" }
                }
                table.metadata {
                    caption.visually-hidden { "Thông tin văn bản" }
                    @for (label, value) in view.metadata_rows() {
                        tr { th scope="row" { (label) } td { (value) } }
                    }
                    tr { th scope="row" { "Lượt xem, lượt tải" } td { (views) " lượt xem · " (downloads) " lượt tải" } }
                }
                @if !view.references.is_empty() {
                    section aria-labelledby="dan-chieu" {
                        h2 #dan-chieu { "Văn bản được dẫn chiếu" }
                        ul.refs {
                            @for c in &view.references {
                                li {
                                    @if let Some(r) = &c.relation { span.relation { (r) } " " }
                                    @if c.documents.is_empty() {
                                        span.number { (c.number) }
                                    } @else {
                                        @for d in &c.documents { a href={ "/documents/" (d.id) } { (c.number) } " " }
                                    }
                                    @if let Some(d) = &c.date { " ngày " (vietnamese_date(d)) }
                                    @if c.documents.is_empty() { " " span.muted { "(chưa có trong kho)" } }
                                }
                            }
                        }
                    }
                }
                @if !view.cited_by.is_empty() {
                    section aria-labelledby="duoc-dan" {
                        h2 #duoc-dan { "Được dẫn chiếu bởi" }
                        ul.docs { @for d in &view.cited_by { (summary_item(d)) } }
                    }
                }
                section.text aria-labelledby="toan-van" {
                    h2 #toan-van { "Toàn văn" }
                    @for p in &view.pages {
                        div.page id={ "trang-" (p.number) } {
                            @if view.pages.len() > 1 || p.image.is_some() {
                                p.page-no {
                                    a href={ "#trang-" (p.number) } { "Trang " (p.number) }
                                    @if p.image.is_some() {
                                        " · " a href={ "/documents/" (view.summary.id) "/pages/" (p.number) } { "xem bản quét" }
                                    }
                                }
                            }
                            @for para in p.text.split("\n\n") {
                                @if !para.trim().is_empty() { p { @for (i, line) in reflow(para).iter().enumerate() { @if i > 0 { br; } (line) } } }
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

async fn original(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let level = viewer.level();
    let (record, bytes) = state
        .blocking(move |a| {
            let Some(record) = a
                .library
                .catalog()
                .get(&id)
                .map_err(crate::library::LibraryError::from)?
            else {
                return Err(Error::NotFound);
            };
            if record.classification().level() > level {
                return Err(Error::NotFound);
            }
            let bytes = a
                .library
                .store
                .read(&record.sha256)
                .map_err(|e| Error::Internal(e.to_string()))?;
            Ok((record, bytes))
        })
        .await?;
    state.counter.download(&record.id);
    Ok(download(&record, bytes))
}

/// A document's or book's EPUB as a download, counted; 404 unless `level` may see it.
pub(super) async fn epub_download(
    state: &AppState,
    id: &str,
    level: u8,
) -> Result<Response, Error> {
    let owned = id.to_string();
    let bytes = state
        .blocking(move |a| api::document_epub(a, &owned, level))
        .await?
        .ok_or(Error::NotFound)?;
    state.counter.download(id);
    Ok((
        [
            (header::CONTENT_TYPE, "application/epub+zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{id}.epub\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// An original as a download: its true media type, and its name (ASCII, and Vietnamese for
/// browsers that read RFC 5987).
pub(super) fn download(record: &crate::library::DocumentRecord, bytes: Vec<u8>) -> Response {
    let ascii_name: String = crate::vietnamese::fold(&record.source_name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    // The Vietnamese name for browsers that read RFC 5987, an ASCII one for the rest.
    let disposition = format!(
        "attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{}",
        super::urlencode(&record.source_name).replace('+', "%20")
    );
    (
        [
            (header::CONTENT_TYPE, record.media_type.clone()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

#[derive(serde::Deserialize)]
struct ScanQuery {
    #[serde(default)]
    q: String,
}

/// `/documents/{id}/pages/{n}.png`: a scanned page's image; `/documents/{id}/pages/{n}`: the
/// page image with the words of `q` drawn on it (an SVG overlay: no script, no inline style).
async fn page_scan(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<ScanQuery>,
) -> Result<Response, Error> {
    let level = viewer.level();
    if let Some(number) = file.strip_suffix(".png") {
        let number: u32 = number.parse().map_err(|_| Error::NotFound)?;
        let bytes = state
            .blocking(move |a| api::page_image(a, &id, number, level))
            .await?
            .ok_or(Error::NotFound)?;
        return Ok((
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "private, max-age=3600"),
            ],
            bytes,
        )
            .into_response());
    }
    let number: u32 = file.parse().map_err(|_| Error::NotFound)?;
    let (view, scan) = state
        .blocking(move |a| {
            let Some(scan) = api::page_scan(a, &id, number, level)? else {
                return Ok(None);
            };
            let view = api::document_view(a, &id, level)?;
            Ok(view.map(|v| (v, scan)))
        })
        .await?
        .ok_or(Error::NotFound)?;
    let boxed = query_words(&scan, &query.q);
    let hits = boxed.len();
    let Some(figure) = scan_figure(&scan, &boxed) else {
        return Err(Error::NotFound);
    };
    let id = &view.summary.id;
    let link = |n: u32| {
        let mut url = format!("/documents/{id}/pages/{n}");
        if !query.q.is_empty() {
            url.push_str(&format!("?q={}", urlencode(&query.q)));
        }
        url
    };
    let scanned = |n: u32| {
        view.pages
            .get(n as usize - 1)
            .is_some_and(|p| p.image.is_some())
    };
    Ok(page(
        &format!("{} – trang {number}", view.title),
        &query.q,
        html! {
            article.scan {
                p.kicker { a href={ "/documents/" (id) "#trang-" (number) } { (view.title) } }
                h1 { "Bản quét trang " (number) " / " (view.pages.len()) }
                @if !query.q.trim().is_empty() {
                    p.lead { (hits) " chỗ khớp “" (query.q) "” trên trang này" }
                }
                nav.pager aria-label="Trang bản quét" {
                    @if number > 1 && scanned(number - 1) { a rel="prev" href=(link(number - 1)) { "← Trang trước" } }
                    @if scanned(number + 1) { a rel="next" href=(link(number + 1)) { "Trang sau →" } }
                }
                (figure)
            }
        },
    )
    .into_response())
}

/// The recognised words of a scanned page that are words of `query` (folded: with or without
/// marks).
pub(super) fn query_words<'a>(
    scan: &'a api::PageScan,
    query: &str,
) -> Vec<&'a crate::extract::ocr::Word> {
    let wanted: std::collections::HashSet<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| crate::vietnamese::fold(&w.to_lowercase()))
        .collect();
    scan.words
        .iter()
        .filter(|w| {
            let bare = w.text.trim_matches(|c: char| !c.is_alphanumeric());
            wanted.contains(&crate::vietnamese::fold(&bare.to_lowercase()))
        })
        .collect()
}

/// A scanned page's image with `boxed` words drawn on it (an SVG overlay: no script, no inline
/// style); `None` when no image was kept.
pub(super) fn scan_figure(
    scan: &api::PageScan,
    boxed: &[&crate::extract::ocr::Word],
) -> Option<Markup> {
    let image = scan.image.as_ref()?;
    let number = scan.page;
    Some(html! {
        figure {
            svg viewBox={ "0 0 " (scan.width) " " (scan.height) } role="img"
                aria-label={ "Ảnh bản quét trang " (number) } {
                image href=(image.url) x="0" y="0" width=(scan.width) height=(scan.height) {}
                @for w in boxed {
                    rect.hit x=(w.left) y=(w.top) width=(w.width) height=(w.height) {}
                }
            }
            figcaption { "Chữ nhận dạng tự động (OCR) có thể sai; bản quét là bản gốc." }
        }
    })
}
