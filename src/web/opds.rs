//! An OPDS 1.2 catalog for e-reader apps (KOReader, Thorium, Moon+ Reader): Atom feeds written
//! with quick-xml (every text escaped by the writer), showing only what an anonymous reader
//! may see.
//!
//! - `/opds`: the start, a navigation feed: newest documents, documents by type, local
//!   histories by province;
//! - `/opds/newest`, `/opds/type?loai=…`, `/opds/books/all`, `/opds/books/province?tinh=…`,
//!   `/opds/search?q=…`: acquisition feeds, `PAGE_SIZE` entries a page (`?page=2`), with
//!   `first`/`previous`/`next`/`last` links and OpenSearch counts;
//! - `/opds/types`, `/opds/books`: navigation feeds of the types and provinces there are;
//! - `/opds/opensearch.xml`: the OpenSearch description (`{searchTerms}`, `{startPage?}`);
//! - `/books/{id}/cover.png`: the generated cover of a book (the feeds' image link).
//!
//! An entry links its EPUB (`http://opds-spec.org/acquisition`, `application/epub+zip`:
//! `/books/{id}.epub` for a book, `/documents/{id}.epub` otherwise), its original file, and its
//! page in the reader. Ids are stable (`urn:vankien:{id}`, `urn:vankien:opds:…`); `<updated>` is
//! the ingest time.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::Deserialize;

use super::api::ANONYMOUS_LEVEL;
use super::{urlencode, AppState, Error};
use crate::library::{DocumentRecord, Kind, LibraryError};
use crate::search::{Filters, SearchRequest};
use crate::Archive;

/// Entries in one page of an acquisition feed.
pub const PAGE_SIZE: usize = 25;
/// The last page a feed serves (beyond, the index would walk too far for a phone's request).
const MAX_PAGE: usize = 400;

pub const NAVIGATION: &str = "application/atom+xml;profile=opds-catalog;kind=navigation";
pub const ACQUISITION: &str = "application/atom+xml;profile=opds-catalog;kind=acquisition";
const OPENSEARCH: &str = "application/opensearchdescription+xml";
const ACQUIRE: &str = "http://opds-spec.org/acquisition";
const EPUB: &str = "application/epub+zip";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/opds", get(start))
        .route("/opds/newest", get(newest))
        .route("/opds/types", get(types))
        .route("/opds/type", get(of_type))
        .route("/opds/books", get(provinces))
        .route("/opds/books/all", get(all_books))
        .route("/opds/books/province", get(of_province))
        .route("/opds/search", get(search))
        .route("/opds/opensearch.xml", get(opensearch))
        .route("/books/{id}/cover.png", get(cover))
}

/// The address of a book's generated cover.
pub fn cover_url(id: &str) -> String {
    format!("/books/{id}/cover.png")
}

/// The address of a record's EPUB: the book route for books.
pub fn epub_url(record: &DocumentRecord) -> String {
    match record.kind {
        Kind::Book => format!("/books/{}.epub", record.id),
        Kind::Document => format!("/documents/{}.epub", record.id),
    }
}

/// Characters XML 1.0 cannot carry are dropped; the writer escapes the rest.
fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || !(c < '\u{20}'
                    || ('\u{7F}'..='\u{9F}').contains(&c)
                    || c as u32 & 0xFFFE == 0xFFFE)
        })
        .collect()
}

/// An Atom document being written.
struct Xml {
    w: Writer<Vec<u8>>,
}

impl Xml {
    fn new() -> Xml {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        // Writing to memory does not fail.
        let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        Xml { w }
    }

    fn element(name: &str, attrs: &[(&str, &str)]) -> BytesStart<'static> {
        let mut start = BytesStart::new(name.to_string());
        for (k, v) in attrs {
            start.push_attribute((*k, xml_text(v).as_str()));
        }
        start
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let _ = self.w.write_event(Event::Start(Self::element(name, attrs)));
    }

    fn close(&mut self, name: &str) {
        let _ = self.w.write_event(Event::End(BytesEnd::new(name)));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let _ = self.w.write_event(Event::Empty(Self::element(name, attrs)));
    }

    fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        let _ = self
            .w
            .write_event(Event::Text(BytesText::new(&xml_text(text))));
        self.close(name);
    }

    fn link(&mut self, rel: &str, href: &str, kind: &str) {
        self.empty("link", &[("rel", rel), ("href", href), ("type", kind)]);
    }

    fn finish(self) -> Vec<u8> {
        let mut bytes = self.w.into_inner();
        bytes.push(b'\n');
        bytes
    }
}

/// The head of a feed, up to its first entry.
struct FeedHead<'a> {
    id: &'a str,
    title: &'a str,
    updated: &'a str,
    /// The feed's own address.
    href: &'a str,
    kind: &'a str,
    up: Option<&'a str>,
}

fn open_feed(x: &mut Xml, head: &FeedHead) {
    x.open(
        "feed",
        &[
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xmlns:dc", "http://purl.org/dc/terms/"),
            ("xmlns:opds", "http://opds-spec.org/2010/catalog"),
            ("xmlns:opensearch", "http://a9.com/-/spec/opensearch/1.1/"),
            ("xml:lang", "vi"),
        ],
    );
    x.text("id", &[], head.id);
    x.text("title", &[], head.title);
    x.text("updated", &[], head.updated);
    x.open("author", &[]);
    x.text("name", &[], "Thư viện số văn kiện");
    x.text("uri", &[], "/");
    x.close("author");
    x.link("self", head.href, head.kind);
    x.link("start", "/opds", NAVIGATION);
    if let Some(up) = head.up {
        x.link("up", up, NAVIGATION);
    }
    x.link("search", "/opds/opensearch.xml", OPENSEARCH);
}

/// A navigation entry: a link to another feed.
#[allow(clippy::too_many_arguments)]
fn nav_entry(
    x: &mut Xml,
    id: &str,
    title: &str,
    content: &str,
    updated: &str,
    href: &str,
    kind: &str,
    rel: &str,
) {
    x.open("entry", &[]);
    x.text("title", &[], title);
    x.text("id", &[], id);
    x.text("updated", &[], updated);
    x.text("content", &[("type", "text")], content);
    x.link(rel, href, kind);
    x.close("entry");
}

/// An acquisition entry: a document or book with its EPUB.
fn record_entry(x: &mut Xml, r: &DocumentRecord) {
    let m = &r.metadata;
    x.open("entry", &[]);
    x.text("title", &[], &r.display_title());
    x.text("id", &[], &format!("urn:vankien:{}", r.id));
    x.text("updated", &[], &r.ingested_at);
    let book = m.book.as_ref();
    let mut authors: Vec<String> = r.issuer().into_iter().collect();
    authors.extend(book.map(|b| b.authors.clone()).unwrap_or_default());
    for name in authors {
        x.open("author", &[]);
        x.text("name", &[], &name);
        x.close("author");
    }
    x.text("dc:identifier", &[], &format!("urn:vankien:{}", r.id));
    if let Some(isbn) = book.and_then(|b| b.isbn.as_deref()) {
        x.text("dc:identifier", &[], &format!("urn:isbn:{isbn}"));
    }
    x.text("dc:language", &[], "vi");
    if let Some(issued) = m.issued {
        x.text("dc:issued", &[], &issued.to_string());
    } else if let Some(year) = book.and_then(|b| b.year) {
        x.text("dc:issued", &[], &year.to_string());
    }
    if let Some(publisher) = book.and_then(|b| b.publisher.as_deref()) {
        x.text("dc:publisher", &[], publisher);
    }
    if let Some(t) = m.doc_type {
        x.empty(
            "category",
            &[
                ("scheme", "urn:vankien:loai"),
                ("term", t.code()),
                ("label", t.name()),
            ],
        );
    }
    if let Some(b) = book {
        for place in [&b.province, &b.district, &b.commune].into_iter().flatten() {
            x.empty(
                "category",
                &[
                    ("scheme", "urn:vankien:dia-danh"),
                    ("term", place),
                    ("label", place),
                ],
            );
        }
    }
    let summary = crate::export::anthology::metadata_line(r);
    let summary = match book.and_then(|b| b.period.as_deref()) {
        Some(period) => format!("{summary} · giai đoạn {period}"),
        None => summary,
    };
    if !summary.is_empty() {
        x.text("summary", &[("type", "text")], &summary);
    }
    if r.kind == Kind::Book {
        let cover = cover_url(&r.id);
        x.link("http://opds-spec.org/image", &cover, "image/png");
        x.link("http://opds-spec.org/image/thumbnail", &cover, "image/png");
    }
    x.empty(
        "link",
        &[
            ("rel", ACQUIRE),
            ("href", &epub_url(r)),
            ("type", EPUB),
            ("title", "EPUB"),
        ],
    );
    x.empty(
        "link",
        &[
            ("rel", ACQUIRE),
            ("href", &format!("/documents/{}/original", r.id)),
            ("type", &r.media_type),
            ("title", "Tệp gốc"),
        ],
    );
    x.link("alternate", &format!("/documents/{}", r.id), "text/html");
    x.close("entry");
}

fn atom(kind: &str, bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, kind.to_string())], bytes).into_response()
}

/// When the library last changed for an anonymous reader (the Unix epoch for an empty one).
fn last_ingested(archive: &Archive) -> Result<String, Error> {
    Ok(archive
        .library
        .catalog()
        .last_ingested(ANONYMOUS_LEVEL)
        .map_err(LibraryError::from)?
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string()))
}

#[derive(Debug, Default, Deserialize)]
pub struct FeedParams {
    page: Option<String>,
    q: Option<String>,
    loai: Option<String>,
    tinh: Option<String>,
}

impl FeedParams {
    /// The 1-based page asked for; anything unreadable is the first.
    fn page(&self) -> usize {
        self.page
            .as_deref()
            .and_then(|p| p.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, MAX_PAGE)
    }
}

/// One page of an acquisition feed.
struct Paged {
    total: usize,
    page: usize,
    records: Vec<DocumentRecord>,
}

/// `base` with `page=N` added (`base` may already have a query).
fn page_href(base: &str, page: usize) -> String {
    if page == 1 {
        return base.to_string();
    }
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}page={page}")
}

fn acquisition_feed(id: &str, title: &str, base: &str, up: &str, paged: &Paged) -> Vec<u8> {
    let updated = paged
        .records
        .iter()
        .map(|r| r.ingested_at.as_str())
        .max()
        .unwrap_or("1970-01-01T00:00:00Z")
        .to_string();
    let last = paged.total.div_ceil(PAGE_SIZE).clamp(1, MAX_PAGE);
    let href = page_href(base, paged.page);
    let mut x = Xml::new();
    open_feed(
        &mut x,
        &FeedHead {
            id,
            title,
            updated: &updated,
            href: &href,
            kind: ACQUISITION,
            up: Some(up),
        },
    );
    x.link("first", &page_href(base, 1), ACQUISITION);
    if paged.page > 1 {
        x.link(
            "previous",
            &page_href(base, (paged.page - 1).min(last)),
            ACQUISITION,
        );
    }
    if paged.page < last {
        x.link("next", &page_href(base, paged.page + 1), ACQUISITION);
    }
    x.link("last", &page_href(base, last), ACQUISITION);
    x.text("opensearch:totalResults", &[], &paged.total.to_string());
    x.text("opensearch:itemsPerPage", &[], &PAGE_SIZE.to_string());
    x.text(
        "opensearch:startIndex",
        &[],
        &((paged.page - 1) * PAGE_SIZE + 1).to_string(),
    );
    for r in &paged.records {
        record_entry(&mut x, r);
    }
    x.close("feed");
    x.finish()
}

/// A page of a search (or of browsing, `*`) as an anonymous reader would get it.
fn searched(archive: &Archive, text: &str, filters: Filters, page: usize) -> Result<Paged, Error> {
    let max_level = ANONYMOUS_LEVEL;
    let mut request = SearchRequest::new(text, PAGE_SIZE, max_level);
    request.offset = (page - 1) * PAGE_SIZE;
    request.filters = filters;
    let results = archive.index.search(&request)?;
    let catalog = archive.library.catalog();
    let mut records = Vec::with_capacity(results.hits.len());
    for (id, _) in &results.hits {
        if let Some(r) = catalog.get(id).map_err(LibraryError::from)? {
            // The index already hides the rest; the catalog's level is the second lock.
            if r.classification().level() <= max_level {
                records.push(r);
            }
        }
    }
    Ok(Paged {
        total: results.total,
        page,
        records,
    })
}

fn books(archive: &Archive) -> Result<Vec<DocumentRecord>, Error> {
    Ok(archive
        .library
        .catalog()
        .books(ANONYMOUS_LEVEL)
        .map_err(LibraryError::from)?)
}

fn paged(records: Vec<DocumentRecord>, page: usize) -> Paged {
    let total = records.len();
    Paged {
        total,
        page,
        records: records
            .into_iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .collect(),
    }
}

/// A book's province, as the feeds group them (`None`: not known).
fn province(r: &DocumentRecord) -> Option<String> {
    r.metadata
        .book
        .as_ref()
        .and_then(|b| b.province.clone())
        .filter(|p| !p.trim().is_empty())
}

/// The `tinh` value of books whose province is not known.
const NO_PROVINCE: &str = "-";

async fn start(State(state): State<AppState>) -> Result<Response, Error> {
    let bytes = state
        .blocking(|a| {
            let updated = last_ingested(a)?;
            let mut x = Xml::new();
            open_feed(
                &mut x,
                &FeedHead {
                    id: "urn:vankien:opds",
                    title: "Thư viện số văn kiện",
                    updated: &updated,
                    href: "/opds",
                    kind: NAVIGATION,
                    up: None,
                },
            );
            nav_entry(
                &mut x,
                "urn:vankien:opds:newest",
                "Mới nhất",
                "Các văn bản và sách mới nhất, theo ngày ban hành.",
                &updated,
                "/opds/newest",
                ACQUISITION,
                "http://opds-spec.org/sort/new",
            );
            nav_entry(
                &mut x,
                "urn:vankien:opds:types",
                "Theo loại văn bản",
                "Chỉ thị, nghị quyết, kết luận, hướng dẫn… theo từng loại.",
                &updated,
                "/opds/types",
                NAVIGATION,
                "subsection",
            );
            nav_entry(
                &mut x,
                "urn:vankien:opds:books",
                "Lịch sử địa phương theo tỉnh",
                "Lịch sử Đảng bộ các tỉnh, huyện, xã, xếp theo tỉnh.",
                &updated,
                "/opds/books",
                NAVIGATION,
                "subsection",
            );
            x.close("feed");
            Ok(x.finish())
        })
        .await?;
    Ok(atom(NAVIGATION, bytes))
}

async fn newest(
    State(state): State<AppState>,
    Query(p): Query<FeedParams>,
) -> Result<Response, Error> {
    let page = p.page();
    let bytes = state
        .blocking(move |a| {
            let paged = searched(a, "*", Filters::default(), page)?;
            Ok(acquisition_feed(
                "urn:vankien:opds:newest",
                "Mới nhất",
                "/opds/newest",
                "/opds",
                &paged,
            ))
        })
        .await?;
    Ok(atom(ACQUISITION, bytes))
}

async fn types(State(state): State<AppState>) -> Result<Response, Error> {
    let bytes = state
        .blocking(|a| {
            let updated = last_ingested(a)?;
            let request = SearchRequest::new("*", 1, ANONYMOUS_LEVEL);
            let facets = a.index.search(&request)?.facets;
            let mut x = Xml::new();
            open_feed(
                &mut x,
                &FeedHead {
                    id: "urn:vankien:opds:types",
                    title: "Theo loại văn bản",
                    updated: &updated,
                    href: "/opds/types",
                    kind: NAVIGATION,
                    up: Some("/opds"),
                },
            );
            for (name, count) in &facets.types {
                nav_entry(
                    &mut x,
                    &format!("urn:vankien:opds:type:{}", super::books::slug(name)),
                    name,
                    &format!("{count} tài liệu"),
                    &updated,
                    &format!("/opds/type?loai={}", urlencode(name)),
                    ACQUISITION,
                    "subsection",
                );
            }
            x.close("feed");
            Ok(x.finish())
        })
        .await?;
    Ok(atom(NAVIGATION, bytes))
}

async fn of_type(
    State(state): State<AppState>,
    Query(p): Query<FeedParams>,
) -> Result<Response, Error> {
    let page = p.page();
    let name = crate::vietnamese::normalize(p.loai.as_deref().unwrap_or("").trim());
    if name.is_empty() {
        return Err(Error::BadRequest(
            "thiếu loại văn bản (?loai=Chỉ thị); xem danh sách ở /opds/types".to_string(),
        ));
    }
    let bytes = state
        .blocking(move |a| {
            let filters = Filters {
                doc_type: Some(name.clone()),
                ..Filters::default()
            };
            let paged = searched(a, "*", filters, page)?;
            Ok(acquisition_feed(
                &format!(
                    "urn:vankien:opds:type:{}",
                    crate::vietnamese::fold(&name)
                        .to_lowercase()
                        .replace(' ', "-")
                ),
                &name,
                &format!("/opds/type?loai={}", urlencode(&name)),
                "/opds/types",
                &paged,
            ))
        })
        .await?;
    Ok(atom(ACQUISITION, bytes))
}

async fn provinces(State(state): State<AppState>) -> Result<Response, Error> {
    let bytes = state
        .blocking(|a| {
            let books = books(a)?;
            let updated = books
                .iter()
                .map(|b| b.ingested_at.clone())
                .max()
                .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
            // Catalog::books sorts by province, unknown last: groups come out in order.
            let mut groups: Vec<(Option<String>, usize)> = Vec::new();
            for b in &books {
                let p = province(b);
                match groups.last_mut() {
                    Some((last, n)) if *last == p => *n += 1,
                    _ => groups.push((p, 1)),
                }
            }
            let mut x = Xml::new();
            open_feed(
                &mut x,
                &FeedHead {
                    id: "urn:vankien:opds:books",
                    title: "Lịch sử địa phương theo tỉnh",
                    updated: &updated,
                    href: "/opds/books",
                    kind: NAVIGATION,
                    up: Some("/opds"),
                },
            );
            nav_entry(
                &mut x,
                "urn:vankien:opds:books:all",
                "Tất cả sách lịch sử địa phương",
                &format!("{} cuốn", books.len()),
                &updated,
                "/opds/books/all",
                ACQUISITION,
                "subsection",
            );
            for (p, n) in &groups {
                let (name, value) = match p {
                    Some(p) => (format!("Tỉnh {p}"), p.as_str()),
                    None => ("Chưa rõ tỉnh".to_string(), NO_PROVINCE),
                };
                nav_entry(
                    &mut x,
                    &format!("urn:vankien:opds:books:{}", super::books::slug(value)),
                    &name,
                    &format!("{n} cuốn"),
                    &updated,
                    &format!("/opds/books/province?tinh={}", urlencode(value)),
                    ACQUISITION,
                    "subsection",
                );
            }
            x.close("feed");
            Ok(x.finish())
        })
        .await?;
    Ok(atom(NAVIGATION, bytes))
}

async fn all_books(
    State(state): State<AppState>,
    Query(p): Query<FeedParams>,
) -> Result<Response, Error> {
    let page = p.page();
    let bytes = state
        .blocking(move |a| {
            let paged = paged(books(a)?, page);
            Ok(acquisition_feed(
                "urn:vankien:opds:books:all",
                "Tất cả sách lịch sử địa phương",
                "/opds/books/all",
                "/opds/books",
                &paged,
            ))
        })
        .await?;
    Ok(atom(ACQUISITION, bytes))
}

async fn of_province(
    State(state): State<AppState>,
    Query(p): Query<FeedParams>,
) -> Result<Response, Error> {
    let page = p.page();
    let wanted = crate::vietnamese::normalize(p.tinh.as_deref().unwrap_or("").trim());
    if wanted.is_empty() {
        return Err(Error::BadRequest(
            "thiếu tên tỉnh (?tinh=Hà Giang); xem danh sách ở /opds/books".to_string(),
        ));
    }
    let bytes = state
        .blocking(move |a| {
            let key = |p: &str| crate::vietnamese::fold(p).to_lowercase();
            let of_province: Vec<DocumentRecord> = books(a)?
                .into_iter()
                .filter(|b| match province(b) {
                    Some(p) => key(&p) == key(&wanted),
                    None => wanted == NO_PROVINCE,
                })
                .collect();
            let title = if wanted == NO_PROVINCE {
                "Chưa rõ tỉnh".to_string()
            } else {
                format!("Tỉnh {wanted}")
            };
            Ok(acquisition_feed(
                &format!("urn:vankien:opds:books:{}", key(&wanted).replace(' ', "-")),
                &title,
                &format!("/opds/books/province?tinh={}", urlencode(&wanted)),
                "/opds/books",
                &paged(of_province, page),
            ))
        })
        .await?;
    Ok(atom(ACQUISITION, bytes))
}

async fn search(
    State(state): State<AppState>,
    Query(p): Query<FeedParams>,
) -> Result<Response, Error> {
    let page = p.page();
    let q = crate::vietnamese::normalize(p.q.as_deref().unwrap_or("").trim());
    if q.is_empty() {
        return Err(Error::BadRequest(
            "hãy gõ từ cần tìm (?q=chỉ thị 05)".to_string(),
        ));
    }
    let bytes = state
        .blocking(move |a| {
            let paged = searched(a, &q, Filters::default(), page)?;
            Ok(acquisition_feed(
                &format!("urn:vankien:opds:search:{}", urlencode(&q)),
                &format!("Tìm: {q}"),
                &format!("/opds/search?q={}", urlencode(&q)),
                "/opds",
                &paged,
            ))
        })
        .await?;
    Ok(atom(ACQUISITION, bytes))
}

/// The server's own address from the request's `Host` (kept only when it looks like a host),
/// since e-readers want an absolute search template.
fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        });
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"));
    match host {
        Some(host) => format!("{}://{host}", if https { "https" } else { "http" }),
        None => String::new(),
    }
}

async fn opensearch(headers: HeaderMap) -> Response {
    let origin = origin(&headers);
    let mut x = Xml::new();
    x.open(
        "OpenSearchDescription",
        &[("xmlns", "http://a9.com/-/spec/opensearch/1.1/")],
    );
    x.text("ShortName", &[], "Văn kiện");
    x.text(
        "Description",
        &[],
        "Tìm văn kiện Đảng, văn bản Nhà nước và sách lịch sử địa phương theo số hiệu hoặc nội dung.",
    );
    x.text("InputEncoding", &[], "UTF-8");
    x.text("OutputEncoding", &[], "UTF-8");
    x.text("Language", &[], "vi");
    x.empty(
        "Url",
        &[
            ("type", ACQUISITION),
            ("rel", "results"),
            (
                "template",
                &format!("{origin}/opds/search?q={{searchTerms}}&page={{startPage?}}"),
            ),
        ],
    );
    x.empty(
        "Url",
        &[
            ("type", "application/atom+xml"),
            ("rel", "results"),
            (
                "template",
                &format!("{origin}/opds/search?q={{searchTerms}}&page={{startPage?}}"),
            ),
        ],
    );
    x.empty(
        "Url",
        &[
            ("type", "text/html"),
            ("rel", "results"),
            ("template", &format!("{origin}/search?q={{searchTerms}}")),
        ],
    );
    x.close("OpenSearchDescription");
    ([(header::CONTENT_TYPE, OPENSEARCH)], x.finish()).into_response()
}

async fn cover(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, Error> {
    let png = state
        .blocking(move |a| {
            let Some(record) = a.library.catalog().get(&id).map_err(LibraryError::from)? else {
                return Ok(None);
            };
            if record.kind != Kind::Book || record.classification().level() > ANONYMOUS_LEVEL {
                return Ok(None);
            }
            Ok(Some(crate::export::book_cover(&record)?))
        })
        .await?
        .ok_or(Error::NotFound)?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        png,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_add_to_any_address() {
        assert_eq!(page_href("/opds/newest", 1), "/opds/newest");
        assert_eq!(page_href("/opds/newest", 3), "/opds/newest?page=3");
        assert_eq!(page_href("/opds/search?q=a", 2), "/opds/search?q=a&page=2");
        let p = |v: &str| FeedParams {
            page: Some(v.to_string()),
            ..FeedParams::default()
        };
        assert_eq!(p("2").page(), 2);
        assert_eq!(p("0").page(), 1);
        assert_eq!(p("-4").page(), 1);
        assert_eq!(p("abc").page(), 1);
        assert_eq!(p("999999999999").page(), MAX_PAGE);
    }

    #[test]
    fn user_text_is_escaped_by_the_writer() {
        let mut x = Xml::new();
        x.text("title", &[("label", "a\"<b>&'")], "<script>&\u{7}\u{FFFE}x");
        let out = String::from_utf8(x.finish()).unwrap();
        assert!(
            out.contains(
                "<title label=\"a&quot;&lt;b&gt;&amp;&apos;\">&lt;script&gt;&amp;x</title>"
            ),
            "{out}"
        );
    }

    #[test]
    fn only_a_plausible_host_makes_the_search_template_absolute() {
        let with = |host: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, host.parse().unwrap());
            origin(&h)
        };
        assert_eq!(with("thuvien.local:8080"), "http://thuvien.local:8080");
        assert_eq!(with("[::1]:8080"), "http://[::1]:8080");
        assert_eq!(with("evil.com/\"><x"), "");
        assert_eq!(origin(&HeaderMap::new()), "");
    }
}
