//! Ingest through the web, for editors and admins: an upload page (several files; drag and drop
//! where a browser runs scripts, a plain file picker where it does not), `POST /api/ingest`
//! (multipart) for programs, and a page per job with live progress per file and per OCR page
//! (it refreshes itself while the job runs, without JavaScript).
//!
//! Uploads are streamed to the job's folder, never held whole in memory, and cut off at the
//! size limit (`VANKIEN_MAX_UPLOAD_MB`, 512 by default: ingest's own limit). A file's type is
//! decided by ingest from its bytes; its name is only kept, made safe (`jobs::safe_name`).

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use maud::{html, Markup};
use tokio::io::AsyncWriteExt;

use super::layout::page;
use super::session::Viewer;
use super::{AppState, Error};
use crate::accounts::Role;
use crate::jobs::{Job, JobInfo, Jobs};
use crate::library::Kind;

/// Sidecars are small JSON; anything larger is not one.
const MAX_SIDECAR_BYTES: usize = 64 << 10;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(upload_page))
        .route("/admin/upload", post(upload_form))
        .route("/api/ingest", post(upload_api))
        .route("/admin/documents/{id}/replace", post(replace_form))
        .route("/admin/jobs/{id}", get(job_page))
        .route("/api/jobs/{id}", get(job_json))
        .route("/static/upload.js", get(script))
        // The size limit is ours, counted while streaming (see `receive`).
        .layer(DefaultBodyLimit::disable())
}

const SCRIPT: &str = include_str!("../../static/upload.js");

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SCRIPT,
    )
}

/// The upload limit per file, in bytes.
pub fn max_upload() -> u64 {
    std::env::var("VANKIEN_MAX_UPLOAD_MB")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|mb| *mb > 0)
        .unwrap_or(512)
        << 20
}

/// Why an upload was refused: each answer says what to do.
enum Refusal {
    Login,
    Forbidden,
    Unavailable,
    BadToken,
    TooLarge(String),
    NoFiles,
    OneFile,
    NotFound,
    Broken(String),
    Internal(String),
}

impl Refusal {
    fn status_and_message(&self) -> (StatusCode, String) {
        match self {
            Refusal::Login => (StatusCode::UNAUTHORIZED, "Cần đăng nhập bằng tài khoản biên tập viên hoặc quản trị viên.".into()),
            Refusal::Forbidden => (StatusCode::FORBIDDEN, "Tài khoản này chỉ được đọc; nạp tài liệu cần quyền biên tập viên hoặc quản trị viên.".into()),
            Refusal::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "Máy chủ này không nhận tệp tải lên.".into()),
            Refusal::BadToken => (StatusCode::FORBIDDEN, "Mã xác thực biểu mẫu không khớp; tải lại trang rồi gửi lại.".into()),
            Refusal::TooLarge(name) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("Tệp {name} vượt giới hạn {} MB; không tệp nào của lần gửi này được nạp. Chia nhỏ hoặc nhờ quản trị viên nạp bằng dòng lệnh.", max_upload() >> 20),
            ),
            Refusal::NoFiles => (StatusCode::BAD_REQUEST, "Chưa chọn tệp nào.".into()),
            Refusal::OneFile => (StatusCode::BAD_REQUEST, "Để thay một văn bản, gửi đúng một tệp.".into()),
            Refusal::NotFound => (StatusCode::NOT_FOUND, "Không tìm thấy văn bản cần thay.".into()),
            Refusal::Broken(why) => (StatusCode::BAD_REQUEST, format!("Dữ liệu gửi lên bị hỏng hoặc bị ngắt giữa chừng ({why}); gửi lại.")),
            Refusal::Internal(why) => {
                tracing::error!("{why}");
                (StatusCode::INTERNAL_SERVER_ERROR, "Máy chủ không ghi được tệp; xin thử lại sau.".into())
            }
        }
    }
}

/// Editors and admins only.
fn editor(viewer: &Viewer) -> Result<(), Refusal> {
    match &viewer.session {
        None => Err(Refusal::Login),
        Some(s) if s.user.role < Role::Editor => Err(Refusal::Forbidden),
        Some(_) => Ok(()),
    }
}

async fn upload_page(State(state): State<AppState>, viewer: Viewer) -> Response {
    if let Err(refusal) = editor(&viewer) {
        if matches!(refusal, Refusal::Login) {
            return Redirect::to("/login?next=/admin").into_response();
        }
        let (status, message) = refusal.status_and_message();
        return (status, super::layout::error_page(status, &message)).into_response();
    }
    let csrf = viewer
        .session
        .as_ref()
        .map(|s| s.csrf.clone())
        .unwrap_or_default();
    let jobs = state.jobs.as_ref().map(|j| j.list(20)).unwrap_or_default();
    page(
        "Nạp tài liệu",
        "",
        html! {
            h1 { "Nạp tài liệu" }
            form.upload method="post" action="/admin/upload" enctype="multipart/form-data" {
                input type="hidden" name="csrf" value=(csrf);
                fieldset {
                    legend { "Loại" }
                    label { input type="radio" name="kind" value="document" checked; " Văn bản (chỉ thị, nghị quyết, kế hoạch…)" }
                    label { input type="radio" name="kind" value="book" ; " Sách lịch sử địa phương" }
                }
                p.drop {
                    label for="files" { "Chọn tệp (PDF, ảnh quét PNG/JPEG/TIFF, DOCX, DOC, RTF, HTML, văn bản); có thể chọn nhiều tệp, kèm tệp mô tả sách "
                        code { "TÊN.meta.json" } ":" }
                    input #files type="file" name="files" multiple required;
                }
                p.hint { "Mỗi tệp tối đa " (max_upload() >> 20) " MB. Loại tệp được nhận biết từ nội dung, không theo tên." }
                p { button type="submit" { "Nạp" } }
            }
            h2 { "Các lần nạp gần đây" }
            @if jobs.is_empty() { p { "Chưa có." } }
            ul.jobs {
                @for job in &jobs {
                    li { a href={ "/admin/jobs/" (job.info.id) } { (job.info.created_at) } " · "
                        (job.info.names.len()) " tệp · " (state_label(&job.state)) " · " (job.info.owner) }
                }
            }
            script src="/static/upload.js" defer {}
        },
    )
    .into_response()
}

fn state_label(state: &str) -> &'static str {
    match state {
        "queued" => "đang chờ",
        "running" => "đang xử lý",
        "done" => "xong",
        _ => "lỗi",
    }
}

fn file_status_label(status: &str) -> &'static str {
    match status {
        "waiting" => "đang chờ",
        "running" => "đang nhận dạng",
        "added" => "đã thêm",
        "updated" => "đã cập nhật",
        "duplicate" => "đã có trong kho",
        _ => "lỗi",
    }
}

/// Stream every file part of the form to a new job's folder; check the CSRF token (a form
/// field, or the `X-CSRF-Token` header for programs). Nothing is queued unless all is well.
async fn receive(
    state: &AppState,
    viewer: &Viewer,
    headers: &HeaderMap,
    mut form: Multipart,
    replaces: Option<String>,
) -> Result<JobInfo, Refusal> {
    editor(viewer)?;
    // A new version keeps the kind of the one it replaces.
    let mut kind_of_replaced = None;
    if let Some(old) = replaces.clone() {
        let level = viewer.level();
        let visible = state
            .blocking(move |a| {
                Ok(a.library
                    .catalog()
                    .get(&old)
                    .map_err(crate::library::LibraryError::from)?
                    .filter(|r| r.classification().level() <= level)
                    .map(|r| r.kind))
            })
            .await
            .map_err(|e| Refusal::Internal(e.to_string()))?;
        match visible {
            Some(kind) => kind_of_replaced = Some(kind),
            None => return Err(Refusal::NotFound),
        }
    }
    let jobs = state.jobs.clone().ok_or(Refusal::Unavailable)?;
    let session = viewer.session.as_ref().ok_or(Refusal::Login)?;
    let owner = session.user.name.clone();
    let mut token = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut kind = kind_of_replaced.unwrap_or(Kind::Document);
    let mut info: Option<JobInfo> = None;
    let mut sidecars: Vec<(String, Vec<u8>)> = Vec::new();
    let limit = max_upload();
    let result: Result<(), Refusal> = async {
        while let Some(mut field) = form
            .next_field()
            .await
            .map_err(|e| Refusal::Broken(e.to_string()))?
        {
            let name = field.name().unwrap_or("").to_string();
            match name.as_str() {
                "csrf" => {
                    token = Some(
                        field
                            .text()
                            .await
                            .map_err(|e| Refusal::Broken(e.to_string()))?,
                    )
                }
                "kind" => {
                    let value = field
                        .text()
                        .await
                        .map_err(|e| Refusal::Broken(e.to_string()))?;
                    kind = if value == "book" {
                        Kind::Book
                    } else {
                        Kind::Document
                    };
                }
                "files" | "file" => {
                    let Some(file_name) = field.file_name().map(crate::vietnamese::normalize)
                    else {
                        continue;
                    };
                    if file_name.is_empty() {
                        continue; // the empty part a browser sends when nothing was chosen
                    }
                    if file_name.to_lowercase().ends_with(".meta.json") {
                        let mut bytes = Vec::new();
                        while let Some(chunk) = field
                            .chunk()
                            .await
                            .map_err(|e| Refusal::Broken(e.to_string()))?
                        {
                            bytes.extend_from_slice(&chunk);
                            if bytes.len() > MAX_SIDECAR_BYTES {
                                return Err(Refusal::TooLarge(file_name));
                            }
                        }
                        sidecars.push((file_name, bytes));
                        continue;
                    }
                    if info.is_none() {
                        info = Some(
                            jobs.create(&owner, kind)
                                .map_err(|e| Refusal::Internal(e.to_string()))?,
                        );
                    }
                    let job = info.as_mut().expect("created above");
                    let n = job.names.len();
                    job.names.push(file_name.clone());
                    let path = jobs.file_path(job, n);
                    if let Some(parent) = path.parent() {
                        tokio::fs::create_dir_all(parent)
                            .await
                            .map_err(|e| Refusal::Internal(e.to_string()))?;
                    }
                    let mut out = tokio::fs::File::create(&path)
                        .await
                        .map_err(|e| Refusal::Internal(e.to_string()))?;
                    let mut written: u64 = 0;
                    while let Some(chunk) = field
                        .chunk()
                        .await
                        .map_err(|e| Refusal::Broken(e.to_string()))?
                    {
                        written += chunk.len() as u64;
                        if written > limit {
                            return Err(Refusal::TooLarge(file_name));
                        }
                        out.write_all(&chunk)
                            .await
                            .map_err(|e| Refusal::Internal(e.to_string()))?;
                    }
                    out.sync_all()
                        .await
                        .map_err(|e| Refusal::Internal(e.to_string()))?;
                }
                _ => {}
            }
        }
        Ok(())
    }
    .await;
    let valid_token = token.is_some_and(|t| super::session::same_token(&t, &session.csrf));
    let outcome = if valid_token {
        result
    } else {
        Err(Refusal::BadToken)
    };
    let outcome = outcome.and_then(|()| match &info {
        Some(i) if replaces.is_some() && i.names.len() != 1 => Err(Refusal::OneFile),
        _ => Ok(()),
    });
    let mut info = match (outcome, info) {
        (Ok(()), Some(info)) => info,
        (Ok(()), None) => return Err(Refusal::NoFiles),
        (Err(e), info) => {
            if let Some(info) = info {
                jobs.discard(&info);
            }
            return Err(e);
        }
    };
    info.kind = kind;
    info.replaces = replaces;
    // A sidecar goes beside the file it describes: `x.pdf.meta.json` beside `x.pdf`.
    for (name, bytes) in sidecars {
        let described = &name[..name.len() - ".meta.json".len()];
        if let Some(n) = info.names.iter().position(|f| f == described) {
            let mut path = jobs.file_path(&info, n).into_os_string();
            path.push(".meta.json");
            tokio::fs::write(&path, bytes)
                .await
                .map_err(|e| Refusal::Internal(e.to_string()))?;
        }
    }
    jobs.submit(info.clone())
        .map_err(|e| Refusal::Internal(e.to_string()))?;
    Ok(info)
}

async fn upload_form(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    answer_form(receive(&state, &viewer, &headers, form, None).await)
}

/// A new version of a document: one file, which replaces it once stored.
async fn replace_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    answer_form(receive(&state, &viewer, &headers, form, Some(id)).await)
}

fn answer_form(received: Result<JobInfo, Refusal>) -> Response {
    match received {
        Ok(info) => Redirect::to(&format!("/admin/jobs/{}", info.id)).into_response(),
        Err(Refusal::Login) => Redirect::to("/login?next=/admin").into_response(),
        Err(refusal) => {
            let (status, message) = refusal.status_and_message();
            (status, super::layout::error_page(status, &message)).into_response()
        }
    }
}

async fn upload_api(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    match receive(&state, &viewer, &headers, form, None).await {
        Ok(info) => {
            let url = format!("/api/jobs/{}", info.id);
            let mut response = (
                StatusCode::ACCEPTED,
                Json(serde_json::json!({ "job": info.id, "files": info.names, "status": url })),
            )
                .into_response();
            if let Ok(location) = HeaderValue::from_str(&url) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        Err(refusal) => {
            let (status, message) = refusal.status_and_message();
            (status, Json(serde_json::json!({ "error": message }))).into_response()
        }
    }
}

/// A job as its owner, an editor or an admin may see it.
fn visible_job(state: &AppState, viewer: &Viewer, id: &str) -> Result<Job, Error> {
    if editor(viewer).is_err() {
        return Err(Error::NotFound);
    }
    state
        .jobs
        .as_ref()
        .and_then(|j: &std::sync::Arc<Jobs>| j.get(id))
        .ok_or(Error::NotFound)
}

async fn job_json(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<Job>, super::ApiError> {
    Ok(Json(visible_job(&state, &viewer, &id)?))
}

async fn job_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let job = visible_job(&state, &viewer, &id)?;
    let refresh = (!job.finished()).then_some("2");
    let content: Markup = html! {
        h1 { "Lần nạp " (job.info.created_at) }
        p { (job.files.len()) " tệp · " (state_label(&job.state)) " · người nạp: " (job.info.owner) }
        @if let Some(e) = &job.error { p.error role="alert" { (e) } }
        @if refresh.is_some() { p.hint { "Trang tự cập nhật mỗi 2 giây." } }
        table.jobs {
            thead { tr { th { "Tệp" } th { "Trạng thái" } th { "Trang" } th { "Kết quả" } } }
            tbody {
                @for f in &job.files {
                    tr {
                        td { (f.name) }
                        td { (file_status_label(&f.status)) }
                        td {
                            @if f.pages_total > 0 {
                                progress max=(f.pages_total) value=(f.pages_done) { (f.pages_done) "/" (f.pages_total) }
                                " " (f.pages_done) "/" (f.pages_total)
                                @if let Some(ms) = f.eta_ms { " · còn " ((ms / 1000).max(1)) " giây" }
                            }
                        }
                        td {
                            @if let Some(id) = &f.id { a href={ "/documents/" (id) } { (f.title.as_deref().unwrap_or(id)) } }
                            @if let Some(e) = &f.error { span.error { (e) } }
                            @for w in &f.warnings { br; span.warning { (w) } }
                        }
                    }
                }
            }
        }
        p { a href="/admin" { "Nạp thêm" } }
    };
    let mut response = page("Tiến độ nạp", "", content).into_response();
    if let Some(seconds) = refresh {
        response
            .headers_mut()
            .insert("refresh", HeaderValue::from_static(seconds));
    }
    Ok(response)
}
