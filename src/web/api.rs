//! The JSON API and the view models it shares with the CLI and the HTML pages: one shape of a
//! search hit and of a document, wherever it is shown.

use std::collections::HashSet;

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::session::Viewer;
use super::{ApiError, AppState, Error};
use crate::document::Reference;
use crate::library::{DocumentRecord, LibraryError};
use crate::search::snippet::best_snippet;
use crate::search::{Facets, Filters, SearchRequest};
use crate::Archive;

/// One search hit, as `vankien search --json` and `/api/search` print it: the document's
/// summary, its score, and the snippet from its best page.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    #[serde(flatten)]
    pub summary: DocumentSummary,
    pub score: f32,
    pub snippet: Option<String>,
    /// The page the snippet comes from (1-based).
    pub page: Option<u32>,
    /// Byte ranges of `snippet` that matched the query.
    pub highlights: Vec<std::ops::Range<usize>>,
}

/// A page of search results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// One line of a document list.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    pub id: String,
    pub number: Option<String>,
    pub doc_type: Option<String>,
    pub doc_type_name: Option<String>,
    pub issuer: Option<String>,
    pub issued: Option<String>,
    pub title: String,
    pub source: String,
    pub classification: String,
    pub kind: String,
}

impl From<&DocumentRecord> for DocumentSummary {
    fn from(r: &DocumentRecord) -> DocumentSummary {
        DocumentSummary {
            id: r.id.clone(),
            number: r.number(),
            doc_type: r.metadata.doc_type.map(|t| t.code().to_string()),
            doc_type_name: r.metadata.doc_type.map(|t| t.name().to_string()),
            issuer: r.issuer(),
            issued: r.metadata.issued.map(|d| d.to_string()),
            title: r.display_title(),
            source: r.source_name.clone(),
            classification: r.classification().code().to_string(),
            kind: r.kind.code().to_string(),
        }
    }
}

/// A citation, linked to the documents in the archive that carry the cited number.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    pub number: String,
    pub date: Option<String>,
    pub relation: Option<String>,
    /// Visible documents carrying that number.
    pub documents: Vec<DocumentSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageText {
    pub number: u32,
    pub text: String,
    /// How the text was obtained: `text` (the file's own), `ocr`, `blank`, `failed`.
    pub method: String,
    /// The page image kept from OCR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Whether the recognised words and their boxes are kept (`/api/documents/{id}/pages/{n}`).
    pub words: bool,
    /// The page number printed on a book's page (`12`, `iv`), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A scanned page: its image and recognised words with their boxes, as
/// `/api/documents/{id}/pages/{n}` answers it. Boxes are in the pixels of the recognised page
/// (`width`×`height`); the image is the same page at reading size.
#[derive(Debug, Clone, Serialize)]
pub struct PageScan {
    pub id: String,
    pub page: u32,
    pub method: String,
    pub dpi: u32,
    pub width: u32,
    pub height: u32,
    pub image: Option<PageScanImage>,
    pub words: Vec<crate::extract::ocr::Word>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageScanImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// The address of a page image.
pub fn page_image_url(id: &str, page: u32) -> String {
    format!("/documents/{id}/pages/{page}.png")
}

/// A record a reader with clearance `max_level` may see.
fn visible_record(
    archive: &Archive,
    id: &str,
    max_level: u8,
) -> Result<Option<DocumentRecord>, Error> {
    let record = archive
        .library
        .catalog()
        .get(id)
        .map_err(LibraryError::from)?;
    Ok(record.filter(|r| r.classification().level() <= max_level))
}

/// A scanned page's image and words, if the document is visible and the page was scanned.
pub fn page_scan(
    archive: &Archive,
    id: &str,
    page: u32,
    max_level: u8,
) -> Result<Option<PageScan>, Error> {
    let Some(record) = visible_record(archive, id, max_level)? else {
        return Ok(None);
    };
    let store = archive.library.scans(&record.sha256);
    let Some(stored) = store.record(page) else {
        return Ok(None);
    };
    Ok(Some(PageScan {
        id: record.id.clone(),
        page,
        method: stored.method.code().to_string(),
        dpi: stored.dpi,
        width: stored.width,
        height: stored.height,
        image: stored.image.map(|i| PageScanImage {
            url: page_image_url(&record.id, page),
            width: i.width,
            height: i.height,
        }),
        words: store.words(page).unwrap_or_default(),
    }))
}

/// A scanned page's image (PNG), if the document is visible.
pub fn page_image(
    archive: &Archive,
    id: &str,
    page: u32,
    max_level: u8,
) -> Result<Option<Vec<u8>>, Error> {
    let Some(record) = visible_record(archive, id, max_level)? else {
        return Ok(None);
    };
    Ok(archive.library.scans(&record.sha256).image(page))
}

/// Everything about one document, as `vankien show --json` and `/api/documents/{id}` print it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub summary: DocumentSummary,
    pub title: String,
    pub issuer_code: Option<String>,
    pub issuer_name: Option<String>,
    pub place: Option<String>,
    pub urgency: Option<String>,
    pub term: Option<String>,
    pub signer: Option<crate::document::Signer>,
    pub copy_number: Option<String>,
    pub format: String,
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
    pub extractor: String,
    pub page_count: u32,
    pub ingested_at: String,
    pub references: Vec<Citation>,
    pub cited_by: Vec<DocumentSummary>,
    /// A book's parts, chapters and sections with their start pages, read from its pages
    /// (`document::detect_chapters`); absent for documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chapters: Option<Vec<crate::document::Chapter>>,
    /// A book's publication data and places (from its title page and sidecar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub book: Option<crate::document::BookInfo>,
    /// The whole text, NFC, pages separated by form feeds.
    pub text: String,
    pub pages: Vec<PageText>,
}

impl DocumentView {
    /// Label/value rows for a metadata table, in Vietnamese.
    pub fn metadata_rows(&self) -> Vec<(&'static str, String)> {
        let s = &self.summary;
        let mut rows = Vec::new();
        let mut push = |label, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                rows.push((label, v));
            }
        };
        push("Số, ký hiệu", s.number.clone());
        push("Loại văn bản", s.doc_type_name.clone());
        push("Cơ quan ban hành", s.issuer.clone());
        push("Nơi ban hành", self.place.clone());
        push("Ngày ban hành", s.issued.as_deref().map(vietnamese_date));
        push("Khóa", self.term.clone());
        push(
            "Độ mật",
            crate::document::Classification::from_code(&s.classification)
                .map(|c| c.label().to_string()),
        );
        push("Độ khẩn", self.urgency.clone());
        push(
            "Người ký",
            self.signer.as_ref().and_then(|sg| {
                let parts: Vec<&str> = [
                    sg.authority.as_deref(),
                    sg.position.as_deref(),
                    sg.name.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect();
                (!parts.is_empty()).then(|| parts.join(" – "))
            }),
        );
        push("Số bản sao", self.copy_number.clone());
        if let Some(b) = &self.book {
            push("Tập", b.volume.clone());
            push("Giai đoạn", b.period.clone());
            push("Tỉnh, thành phố", b.province.clone());
            push("Huyện, quận", b.district.clone());
            push("Xã, phường", b.commune.clone());
            push("Tác giả, biên soạn", Some(b.authors.join("; ")));
            push("Nhà xuất bản", b.publisher.clone());
            push("Nơi xuất bản", b.publication_place.clone());
            push("Năm xuất bản", b.year.map(|y| y.to_string()));
            push("Lần xuất bản", b.edition.clone());
            push("ISBN", b.isbn.clone());
        }
        push("Số trang", Some(self.page_count.to_string()));
        push(
            "Tệp gốc",
            Some(format!(
                "{} ({}, {})",
                s.source,
                self.format.to_uppercase(),
                human_size(self.size)
            )),
        );
        push("SHA-256", Some(self.sha256.clone()));
        rows
    }
}

/// `2016-05-15` → `15/5/2016`, the way dates are written in Vietnamese documents.
pub fn vietnamese_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!(
            "{}/{}/{y}",
            d.trim_start_matches('0'),
            m.trim_start_matches('0')
        ),
        _ => iso.to_string(),
    }
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} byte"),
    }
}

/// Run a search and dress its hits with metadata and snippets.
pub fn search_page(archive: &Archive, request: &SearchRequest) -> Result<SearchPage, Error> {
    let results = archive.index.search(request)?;
    let catalog = archive.library.catalog();
    let mut hits = Vec::with_capacity(results.hits.len());
    for (id, score) in &results.hits {
        let Some(record) = catalog.get(id).map_err(LibraryError::from)? else {
            continue;
        };
        // The index filter already hides what the searcher may not see; this is the second lock.
        if record.classification().level() > request.max_level {
            continue;
        }
        let pages = catalog.pages(id).map_err(LibraryError::from)?;
        let snippet = best_snippet(&pages, &results.terms);
        hits.push(Hit {
            summary: DocumentSummary::from(&record),
            score: *score,
            page: snippet.as_ref().map(|s| s.page),
            highlights: snippet
                .as_ref()
                .map(|s| s.highlights.clone())
                .unwrap_or_default(),
            snippet: snippet.map(|s| s.text),
        });
    }
    Ok(SearchPage {
        total: results.total,
        hits,
        facets: results.facets,
    })
}

/// Whether `citer` cites the document with number `key` issued on `issued`. A symbol is not
/// unique (`27-NQ/TW` of 2008 and of 2022): a dated citation must name this date, an undated
/// one counts only when the text gives no date for that number, and nothing cites a document
/// issued after itself.
fn cites(
    citer: &DocumentRecord,
    references: &[Reference],
    key: &str,
    issued: Option<chrono::NaiveDate>,
) -> bool {
    if let (Some(own), Some(cited)) = (citer.metadata.issued, issued) {
        if own < cited {
            return false;
        }
    }
    let of_key: Vec<&Reference> = references
        .iter()
        .filter(|r| r.number.search_keys().first().map(String::as_str) == Some(key))
        .collect();
    let dated: Vec<_> = of_key.iter().filter_map(|r| r.date).collect();
    if dated.is_empty() || issued.is_none() {
        return !of_key.is_empty();
    }
    dated.iter().any(|d| Some(*d) == issued)
}

/// A document as a reader with clearance `max_level` may see it; `None` when it does not exist
/// or is above that clearance (the two are indistinguishable on purpose).
pub fn document_view(
    archive: &Archive,
    id: &str,
    max_level: u8,
) -> Result<Option<DocumentView>, Error> {
    let Some((record, pages)) = archive.library.document(id)? else {
        return Ok(None);
    };
    if record.classification().level() > max_level {
        return Ok(None);
    }
    let catalog = archive.library.catalog();
    let visible = |r: &DocumentRecord| r.classification().level() <= max_level && r.id != record.id;
    let mut references = Vec::new();
    let mut seen = HashSet::new();
    let cited = catalog.references(id).map_err(LibraryError::from)?;
    // An undated mention of a number the text also cites with a date is the same citation.
    let dated: HashSet<String> = cited
        .iter()
        .filter(|r| r.date.is_some())
        .filter_map(|r| r.number.search_keys().into_iter().next())
        .collect();
    for reference in cited {
        let Reference {
            number,
            date,
            relation,
            ..
        } = reference;
        let key = number.search_keys().into_iter().next().unwrap_or_default();
        if date.is_none() && dated.contains(&key) {
            continue;
        }
        if !seen.insert((key.clone(), date)) {
            continue;
        }
        let documents = catalog
            .carriers(&key)
            .map_err(LibraryError::from)?
            .iter()
            .filter(|r| visible(r))
            .filter(|r| date.is_none() || r.metadata.issued.is_none() || r.metadata.issued == date)
            .map(DocumentSummary::from)
            .collect();
        references.push(Citation {
            number: number.canonical(),
            date: date.map(|d| d.to_string()),
            relation,
            documents,
        });
    }
    let cited_by = match record
        .metadata
        .number
        .as_ref()
        .and_then(|n| n.search_keys().into_iter().next())
    {
        Some(key) => {
            let mut citers = Vec::new();
            for citer in catalog.cited_by(&key).map_err(LibraryError::from)? {
                if !visible(&citer) {
                    continue;
                }
                let references = catalog.references(&citer.id).map_err(LibraryError::from)?;
                if cites(&citer, &references, &key, record.metadata.issued) {
                    citers.push(DocumentSummary::from(&citer));
                }
            }
            citers
        }
        None => Vec::new(),
    };
    let methods = catalog.page_methods(id).map_err(LibraryError::from)?;
    let scans = archive.library.scans(&record.sha256).available();
    let m = &record.metadata;
    let is_book = record.kind == crate::library::Kind::Book;
    let mut labels = if is_book {
        crate::document::printed_page_labels(&pages)
    } else {
        Vec::new()
    }
    .into_iter();
    Ok(Some(DocumentView {
        summary: DocumentSummary::from(&record),
        title: record.display_title(),
        issuer_code: m.number.as_ref().map(|n| n.issuer.clone()),
        issuer_name: m.issuer_name.clone(),
        place: m.place.clone(),
        urgency: m.urgency.map(|u| u.label().to_string()),
        term: m.term.clone(),
        signer: m.signer.clone(),
        copy_number: m.copy_number.as_ref().map(|n| n.canonical()),
        format: record.format.clone(),
        media_type: record.media_type.clone(),
        size: record.size,
        sha256: record.sha256.clone(),
        extractor: record.extractor.clone(),
        page_count: record.page_count,
        ingested_at: record.ingested_at.clone(),
        references,
        cited_by,
        chapters: is_book.then(|| super::books::chapters(&record.sha256, &pages)),
        book: m.book.clone(),
        text: pages.join("\n\u{c}\n"),
        pages: pages
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let number = i as u32 + 1;
                let (image, words) = scans.get(&number).copied().unwrap_or_default();
                PageText {
                    number,
                    text,
                    method: methods
                        .get(i)
                        .cloned()
                        .flatten()
                        .unwrap_or_else(|| "text".to_string()),
                    image: image.then(|| page_image_url(&record.id, number)),
                    words,
                    label: labels.next().flatten(),
                }
            })
            .collect(),
    }))
}

/// The EPUB of a document, if the reader may see it.
pub fn document_epub(archive: &Archive, id: &str, max_level: u8) -> Result<Option<Vec<u8>>, Error> {
    let Some((record, pages)) = archive.library.document(id)? else {
        return Ok(None);
    };
    if record.classification().level() > max_level {
        return Ok(None);
    }
    // A book gets its own EPUB (cover, nested chapters, printed page numbers), whichever
    // route asks for it: `/documents/{id}.epub`, `/books/{id}.epub`, `vankien export-epub`.
    let epub = if record.kind == crate::library::Kind::Book {
        crate::export::book_epub(&record, &pages)?
    } else {
        crate::export::document_epub(&record, &pages)?
    };
    Ok(Some(epub))
}

/// Query-string parameters of a search. Numbers arrive as text and are read leniently: a
/// malformed `limit` gets the default rather than an error page in a foreign language.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    pub limit: Option<String>,
    pub offset: Option<String>,
    /// Type: code or name (`CT`, `Chỉ thị`).
    pub loai: Option<String>,
    /// Issuer code (`TW`, `TU`).
    pub coquan: Option<String>,
    /// A year or a range: `2020`, `2016..2020`.
    pub nam: Option<String>,
    /// The interface's year range inputs (from, to).
    pub tu: Option<String>,
    pub den: Option<String>,
}

fn number_param(value: &Option<String>) -> Option<i64> {
    value.as_deref().and_then(|v| v.trim().parse().ok())
}

impl SearchParams {
    pub fn limit(&self, default: usize) -> usize {
        number_param(&self.limit).map_or(default, |n| n.clamp(1, 100) as usize)
    }

    pub fn offset(&self) -> usize {
        number_param(&self.offset).map_or(0, |n| n.clamp(0, 10_000) as usize)
    }

    /// The filters these parameters choose.
    pub fn filters(&self) -> Filters {
        let present = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
        let range = match (present(&self.tu), present(&self.den)) {
            (None, None) => None,
            (from, to) => Filters::parse_years(&format!(
                "{}..{}",
                from.unwrap_or_default(),
                to.unwrap_or_default()
            )),
        };
        Filters {
            doc_type: present(&self.loai),
            issuer: present(&self.coquan),
            years: range.or_else(|| present(&self.nam).and_then(|n| Filters::parse_years(&n))),
        }
    }
}

/// Visitors without an account see public documents only (accounts come later).
pub const ANONYMOUS_LEVEL: u8 = 0;

async fn api_search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchPage>, ApiError> {
    let level = viewer.level();
    let mut request = SearchRequest::new(&p.q, p.limit(10), level);
    request.offset = p.offset();
    request.filters = p.filters();
    let page = state.blocking(move |a| search_page(a, &request)).await?;
    Ok(Json(page))
}

async fn api_document(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<DocumentView>, ApiError> {
    let level = viewer.level();
    let view = state
        .blocking(move |a| document_view(a, &id, level))
        .await?;
    view.map(Json).ok_or(ApiError(Error::NotFound))
}

async fn api_text(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let level = viewer.level();
    let view = state
        .blocking(move |a| document_view(a, &id, level))
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Json(
        serde_json::json!({ "id": view.summary.id, "text": view.text, "pages": view.pages }),
    ))
}

async fn api_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, page)): Path<(String, String)>,
) -> Result<Json<PageScan>, ApiError> {
    let level = viewer.level();
    let page: u32 = page.parse().map_err(|_| Error::NotFound)?;
    let scan = state
        .blocking(move |a| page_scan(a, &id, page, level))
        .await?;
    scan.map(Json).ok_or(ApiError(Error::NotFound))
}

#[derive(Debug, Deserialize)]
pub struct SuggestParams {
    #[serde(default)]
    q: String,
    limit: Option<String>,
}

/// Type-ahead for the search box: numbers and titles that start like what is typed.
async fn api_suggest(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(p): Query<SuggestParams>,
) -> Result<Json<Vec<DocumentSummary>>, ApiError> {
    let level = viewer.level();
    let limit = number_param(&p.limit).map_or(8, |n| n.clamp(1, 20) as usize);
    let suggestions = state
        .blocking(move |a| {
            let ids = a.index.suggest(&p.q, limit, level)?;
            let catalog = a.library.catalog();
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(record) = catalog.get(&id).map_err(LibraryError::from)? {
                    out.push(DocumentSummary::from(&record));
                }
            }
            Ok(out)
        })
        .await?;
    Ok(Json(suggestions))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(api_search))
        .route("/api/suggest", get(api_suggest))
        .route("/api/{*rest}", get(|| async { ApiError(Error::NotFound) }))
        .route("/api/documents/{id}", get(api_document))
        .route("/api/documents/{id}/text", get(api_text))
        .route("/api/documents/{id}/pages/{page}", get(api_page))
}
