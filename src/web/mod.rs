//! The web server: a server-rendered Vietnamese reader (works without JavaScript, loads nothing
//! from outside) and a JSON API. One router per resource; every handler that touches the
//! catalog or the index runs on the blocking pool.
//!
//! Every handler asks [`session::Viewer`] what the request may see: an anonymous reader public
//! documents only ([`api::ANONYMOUS_LEVEL`]), a logged-in account up to its clearance; anything
//! above answers 404 like a missing document.

mod admin;
pub mod api;
pub mod books;
pub mod collections;
mod layout;
pub mod opds;
mod pages;
mod review;
pub mod session;

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
    /// Failed logins per account and address (in memory: a restart forgives).
    throttle: Arc<crate::accounts::Throttle>,
    /// Ingest jobs, when this server runs them (`serve` does; a router built for a test
    /// without [`AppState::with_jobs`] refuses uploads).
    jobs: Option<Arc<crate::jobs::Jobs>>,
    /// Views and downloads not yet written to the catalog.
    counter: Arc<Counter>,
}

/// Views and downloads, counted in memory and written to the catalog in batches (a write per
/// page view would cost an fsync each).
#[derive(Default)]
pub struct Counter {
    pending: std::sync::Mutex<std::collections::HashMap<String, (u64, u64)>>,
}

impl Counter {
    fn add(&self, id: &str, views: u64, downloads: u64) {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        let entry = pending.entry(id.to_string()).or_default();
        entry.0 += views;
        entry.1 += downloads;
    }

    pub fn view(&self, id: &str) {
        self.add(id, 1, 0)
    }

    pub fn download(&self, id: &str) {
        self.add(id, 0, 1)
    }

    /// What is counted but not yet written, for one document.
    fn pending(&self, id: &str) -> (u64, u64) {
        let pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        pending.get(id).copied().unwrap_or_default()
    }

    /// Write what is pending; kept for the next try if the catalog is busy.
    pub fn flush(&self, archive: &Archive) {
        let taken: Vec<(String, u64, u64)> = {
            let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
            pending.drain().map(|(id, (v, d))| (id, v, d)).collect()
        };
        if taken.is_empty() {
            return;
        }
        if let Err(e) = archive.library.catalog().add_counts(&taken) {
            tracing::warn!("chưa ghi được lượt xem: {e}");
            for (id, v, d) in taken {
                self.add(&id, v, d);
            }
        }
    }

    /// Views and downloads of a document: written plus pending.
    pub fn total(&self, archive: &Archive, id: &str) -> (u64, u64) {
        let (v, d) = archive.library.catalog().counts(id).unwrap_or_default();
        let (pv, pd) = self.pending(id);
        (v + pv, d + pd)
    }
}

impl AppState {
    pub fn new(archive: Archive) -> AppState {
        AppState {
            archive: Arc::new(archive),
            throttle: Arc::default(),
            jobs: None,
            counter: Arc::default(),
        }
    }

    /// Also run ingest jobs (uploads, the watched inbox) on a worker thread of their own.
    pub fn with_jobs(archive: Archive) -> Result<AppState, crate::jobs::JobError> {
        let mut state = AppState::new(archive);
        let jobs = crate::jobs::Jobs::open(state.archive.library.root())?;
        let (worker_jobs, archive) = (jobs.clone(), state.archive.clone());
        std::thread::Builder::new()
            .name("vankien-jobs".into())
            .spawn(move || {
                let options = crate::library::ingest::IngestOptions {
                    kind: crate::library::Kind::Document,
                    extract: crate::extract::ExtractConfig::from_env(),
                };
                worker_jobs.work(&archive, &options)
            })
            .map_err(|e| crate::jobs::JobError::Io("vankien-jobs".into(), e))?;
        state.jobs = Some(jobs);
        let (counter, archive) = (state.counter.clone(), state.archive.clone());
        std::thread::Builder::new()
            .name("vankien-counts".into())
            .spawn(move || loop {
                std::thread::sleep(std::time::Duration::from_secs(5));
                counter.flush(&archive);
            })
            .map_err(|e| crate::jobs::JobError::Io("vankien-counts".into(), e))?;
        Ok(state)
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
        .merge(session::router())
        .merge(admin::router())
        .merge(review::router())
        .merge(books::router())
        .merge(opds::router())
        .merge(collections::router())
        .route("/healthz", get(|| async { "ok" }))
        .route("/static/style.css", get(layout::stylesheet))
        .with_state(state)
        .layer(axum::middleware::from_fn(session::private_when_logged_in))
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
    let state = AppState::with_jobs(archive)?;
    let (counter, flushed) = (state.counter.clone(), state.archive.clone());
    let app = router(state);
    // The peer address counts failed logins per address.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    counter.flush(&flushed);
    Ok(())
}
