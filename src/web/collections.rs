//! Collections as EPUB: `/search.epub?q=…` runs the same search as `/search` (same words,
//! filters and visibility: an anonymous reader's) and returns its best documents as one
//! anthology, a chapter per document, at most [`ANTHOLOGY_CAP`] of them; its first page and its
//! description say how many matched and how many are included.

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::api::SearchParams;
use super::layout::error_page;
use super::session::Viewer;
use super::{AppState, Error};
use crate::export::{anthology_epub, Anthology};
use crate::library::DocumentRecord;
use crate::search::SearchRequest;
use crate::Archive;

/// The most documents an anthology holds.
pub const ANTHOLOGY_CAP: usize = 50;
/// The most text an anthology holds (bytes of page text): fifty thick books would not fit a
/// phone. The first document always goes in.
pub const ANTHOLOGY_TEXT: usize = 32 << 20;

pub fn router() -> Router<AppState> {
    Router::new().route("/search.epub", get(search_epub))
}

/// The search as a reader reads it in the anthology's title: words, then filters.
fn query_label(p: &SearchParams) -> String {
    let filters = p.filters();
    let mut parts: Vec<String> = Vec::new();
    let q = crate::vietnamese::normalize(p.q.trim());
    if !q.is_empty() {
        parts.push(q);
    }
    if let Some(t) = &filters.doc_type {
        parts.push(format!("loại {t}"));
    }
    if let Some(c) = &filters.issuer {
        parts.push(format!("cơ quan {c}"));
    }
    if let Some(y) = filters.years_text() {
        parts.push(format!("năm {}", y.replace("..", "–")));
    }
    parts.join(" · ")
}

/// What the anthology holds, or `None` when nothing matched.
/// The documents of an anthology, with their pages.
type Documents = Vec<(DocumentRecord, Vec<String>)>;

fn collect(
    archive: &Archive,
    p: &SearchParams,
    level: u8,
) -> Result<Option<(usize, Documents)>, Error> {
    let mut request = SearchRequest::new(&p.q, ANTHOLOGY_CAP, level);
    request.filters = p.filters();
    if p.q.trim().is_empty() {
        // Filters without words: every matching document, newest first, as on /search.
        request.text = "*".into();
    }
    let results = archive.index.search(&request)?;
    let mut documents = Vec::new();
    let mut text = 0usize;
    for (id, _) in &results.hits {
        let Some((record, pages)) = archive.library.document(id)? else {
            continue;
        };
        // The index hides what the reader may not see; the catalog is the second lock.
        if record.classification().level() > level {
            continue;
        }
        let size: usize = pages.iter().map(String::len).sum();
        if !documents.is_empty() && text + size > ANTHOLOGY_TEXT {
            break;
        }
        text += size;
        documents.push((record, pages));
    }
    Ok((!documents.is_empty()).then_some((results.total, documents)))
}

fn refusal(status: StatusCode, message: &str) -> Response {
    (status, error_page(status, message)).into_response()
}

async fn search_epub(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(p): Query<SearchParams>,
) -> Result<Response, Error> {
    let level = viewer.level();
    if p.q.trim().is_empty() && p.filters().is_empty() {
        return Ok(refusal(
            StatusCode::BAD_REQUEST,
            "Hãy gõ từ cần tìm (hoặc chọn loại, cơ quan, năm) rồi tải tuyển tập EPUB, ví dụ /search.epub?q=chỉ thị 05.",
        ));
    }
    let label = query_label(&p);
    let found = {
        let p = p.clone();
        state.blocking(move |a| collect(a, &p, level)).await?
    };
    let Some((total, documents)) = found else {
        return Ok(refusal(
            StatusCode::NOT_FOUND,
            &format!(
                "Không có tài liệu nào khớp với “{label}”, nên không có tuyển tập để tải. Thử bỏ dấu, bỏ bớt từ hoặc bỏ lọc."
            ),
        ));
    };
    let bytes = state
        .blocking(move |_| {
            Ok(anthology_epub(&Anthology {
                query: &label,
                total,
                cap: ANTHOLOGY_CAP,
                documents,
            })?)
        })
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/epub+zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"tuyen-tap.epub\"".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}
