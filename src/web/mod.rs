//! The web server: a server-rendered Vietnamese reader (works without JavaScript, loads nothing
//! from outside) and a JSON API. One router per resource; every handler that touches the
//! catalog or the index runs on the blocking pool.
//!
//! Until accounts exist, every route serves public documents only
//! ([`api::ANONYMOUS_LEVEL`]); anything classified answers 404 like a missing document.

pub mod api;
pub mod books;
mod layout;
mod pages;

use std::sync::Arc;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::library::LibraryError;
use crate::search::SearchError;
use crate::Archive;

/// Shared state: the open archive.
#[derive(Clone)]
pub struct AppState {
    archive: Arc<Archive>,
}

impl AppState {
    pub fn new(archive: Archive) -> AppState {
        AppState {
            archive: Arc::new(archive),
        }
    }

    /// Run catalog or index work off the async threads.
    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Archive) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, Error> {
        let archive = self.archive.clone();
        tokio::task::spawn_blocking(move || work(&archive))
            .await
            .map_err(|e| Error::Internal(format!("tác vụ bị hủy: {e}")))?
    }
}

/// What a request can fail with. Internal details are logged, never shown.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("không tìm thấy")]
    NotFound,
    #[error("yêu cầu không hợp lệ: {0}")]
    BadRequest(String),
    #[error("lỗi máy chủ: {0}")]
    Internal(String),
}

impl From<LibraryError> for Error {
    fn from(e: LibraryError) -> Error {
        Error::Internal(e.to_string())
    }
}

impl From<SearchError> for Error {
    fn from(e: SearchError) -> Error {
        Error::Internal(e.to_string())
    }
}

impl From<crate::export::ExportError> for Error {
    fn from(e: crate::export::ExportError) -> Error {
        Error::Internal(e.to_string())
    }
}

impl Error {
    /// The status and the sentence a reader sees; internal details are logged here instead.
    fn public(&self) -> (StatusCode, String) {
        match self {
            Error::NotFound => (
                StatusCode::NOT_FOUND,
                "Không tìm thấy tài liệu hoặc trang này.".to_string(),
            ),
            Error::BadRequest(why) => (
                StatusCode::BAD_REQUEST,
                format!("Yêu cầu không hợp lệ: {why}"),
            ),
            Error::Internal(why) => {
                tracing::error!("{why}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Máy chủ gặp lỗi; xin thử lại sau.".to_string(),
                )
            }
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, message) = self.public();
        (status, layout::error_page(status, &message)).into_response()
    }
}

/// An error from the JSON API: the same statuses, as `{"error": "…"}` rather than a page.
#[derive(Debug)]
pub struct ApiError(pub Error);

impl<E: Into<Error>> From<E> for ApiError {
    fn from(e: E) -> ApiError {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = self.0.public();
        (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
    }
}

/// A query-string value, percent-encoded (space as `+`).
pub fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::router())
        .merge(api::router())
        .merge(books::router())
        .route("/healthz", get(|| async { "ok" }))
        .route("/static/style.css", get(layout::stylesheet))
        .with_state(state)
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
}

/// Serve until Ctrl-C.
pub async fn serve(archive: Archive, addr: &str) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        anyhow::anyhow!("không mở được cổng {addr}: {e} (cổng đang bận? dùng --addr khác)")
    })?;
    let local = listener.local_addr()?;
    tracing::info!("vankien đang phục vụ tại http://{local}/");
    println!("vankien: http://{local}/");
    axum::serve(listener, router(AppState::new(archive)))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
