//! Correcting what extraction got wrong, for editors and admins: the review queue, the edit
//! form (number, type, issuer, date, title, classification) with the document's audit history,
//! and the trash. Every change goes through `library::curation` (catalog transaction with its
//! audit entry, then the index at once) and every form carries the session's CSRF token.
//! An editor sees and edits only what their clearance allows; anything else answers 404.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::NaiveDate;
use maud::{html, Markup};
use serde::Deserialize;

use super::api::vietnamese_date;
use super::layout::{error_page, page};
use super::session::{same_token, Viewer};
use super::{AppState, Error};
use crate::accounts::Role;
use crate::document::{Classification, DocType, DocumentNumber, Metadata};
use crate::library::curation;
use crate::library::{DocumentRecord, LibraryError};
use crate::vietnamese::normalize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/review", get(queue))
        .route("/admin/documents/{id}/edit", get(edit_page).post(save))
        .route("/admin/documents/{id}/delete", post(delete))
        .route("/admin/trash", get(trash_page))
        .route("/admin/trash/{id}/restore", post(restore))
        .route("/admin/trash/{id}/original", get(trashed_original))
}

/// Why a request may not curate: not logged in (back to this page after login), or a reader.
enum NotEditor {
    Login(String),
    Forbidden,
}

impl NotEditor {
    fn response(self) -> Response {
        match self {
            NotEditor::Login(back) => Redirect::to(&format!("/login?next={back}")).into_response(),
            NotEditor::Forbidden => {
                let status = axum::http::StatusCode::FORBIDDEN;
                let message = "Việc này cần quyền biên tập viên hoặc quản trị viên.";
                (status, error_page(status, message)).into_response()
            }
        }
    }
}

/// The editor's name, CSRF token and clearance level.
fn editor(viewer: &Viewer, back: &str) -> Result<(String, String, u8), NotEditor> {
    match &viewer.session {
        None => Err(NotEditor::Login(back.to_string())),
        Some(s) if s.user.role < Role::Editor => Err(NotEditor::Forbidden),
        Some(s) => Ok((s.user.name.clone(), s.csrf.clone(), s.user.level())),
    }
}

fn db<E: Into<LibraryError>>(e: E) -> Error {
    Error::from(e.into())
}

async fn queue(State(state): State<AppState>, viewer: Viewer) -> Result<Response, Error> {
    let (_, _, level) = match editor(&viewer, "/admin/review") {
        Ok(s) => s,
        Err(r) => return Ok(r.response()),
    };
    let records = state
        .blocking(move |a| a.library.catalog().review_queue(level, 200).map_err(db))
        .await?;
    Ok(page(
        "Cần rà soát",
        "",
        html! {
            h1 { "Văn bản cần rà soát" }
            p { "Văn bản thiếu số, loại, ngày hay trích yếu, và văn bản đọc bằng nhận dạng ảnh (OCR) hoặc chuyển từ phông cũ (TCVN3, VNI), chưa ai kiểm tra. "
                a href="/admin/trash" { "Thùng rác" } " · " a href="/admin" { "Nạp tài liệu" } }
            @if records.is_empty() { p { "Không còn văn bản nào cần rà soát." } }
            ol.review {
                @for r in &records {
                    li {
                        a href={ "/admin/documents/" (r.id) "/edit" } { (r.display_title()) }
                        div.meta { span { (r.source_name) } span { (r.extractor) } span { (why_review(r)) } }
                    }
                }
            }
        },
    )
    .into_response())
}

/// Why a document is in the queue, in a few words.
fn why_review(r: &DocumentRecord) -> String {
    let m = &r.metadata;
    let mut why = Vec::new();
    if r.kind == crate::library::Kind::Document {
        if m.number.is_none() {
            why.push("thiếu số");
        }
        if m.doc_type.is_none() {
            why.push("thiếu loại");
        }
        if m.issued.is_none() {
            why.push("thiếu ngày");
        }
        if m.title.is_none() {
            why.push("thiếu trích yếu");
        }
    }
    if r.extractor.contains("tesseract") {
        why.push("đọc bằng OCR");
    }
    if r.extractor.contains("+tcvn3") || r.extractor.contains("+vni") {
        why.push("chuyển từ phông cũ");
    }
    why.join(", ")
}

/// The form's fields, as typed.
#[derive(Debug, Default, Deserialize)]
struct EditForm {
    csrf: String,
    number: String,
    doc_type: String,
    issuer: String,
    issued: String,
    title: String,
    classification: String,
}

impl EditForm {
    fn of(m: &Metadata) -> EditForm {
        EditForm {
            csrf: String::new(),
            number: m.number.as_ref().map(|n| n.canonical()).unwrap_or_default(),
            doc_type: m.doc_type.map(|t| t.name().to_string()).unwrap_or_default(),
            issuer: m.issuer_name.clone().unwrap_or_default(),
            issued: m
                .issued
                .map(|d| vietnamese_date(&d.to_string()))
                .unwrap_or_default(),
            title: m.title.clone().unwrap_or_default(),
            classification: m.classification.code().to_string(),
        }
    }

    /// The metadata these fields give, over the document's own; or what is wrong, per field.
    fn apply(&self, mut m: Metadata) -> Result<Metadata, Vec<String>> {
        let mut errors = Vec::new();
        let text = |s: &str| Some(normalize(s.trim())).filter(|s| !s.is_empty());
        m.number = match text(&self.number) {
            None => None,
            Some(n) => match DocumentNumber::parse(&n) {
                Some(parsed) => Some(parsed),
                None => {
                    errors.push(format!("Số, ký hiệu \"{n}\" không đọc được; viết như 05-CT/TW, 15/2020/NĐ-CP hoặc để trống."));
                    None
                }
            },
        };
        m.doc_type = match text(&self.doc_type) {
            None => None,
            Some(name) => match DocType::ALL.iter().find(|t| t.name() == name) {
                Some(t) => Some(*t),
                None => {
                    errors.push(format!("Loại văn bản \"{name}\" không có trong danh sách."));
                    None
                }
            },
        };
        m.issuer_name = text(&self.issuer);
        m.issued = match text(&self.issued) {
            None => None,
            Some(d) => match parse_date(&d) {
                Some(date) => Some(date),
                None => {
                    errors.push(format!(
                        "Ngày \"{d}\" không đúng; viết ngày/tháng/năm, ví dụ 15/5/2016."
                    ));
                    None
                }
            },
        };
        m.title = text(&self.title);
        match Classification::from_code(&self.classification) {
            Some(Classification::TuyetMat) | None => errors.push(
                "Độ mật không hợp lệ (tài liệu TUYỆT MẬT không được lưu trong kho số).".to_string(),
            ),
            Some(c) => m.classification = c,
        }
        if errors.is_empty() {
            Ok(m)
        } else {
            Err(errors)
        }
    }
}

/// `15/5/2016`, `15-05-2016` or `2016-05-15`.
fn parse_date(s: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<u32> = s
        .split(['/', '-', '.'])
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [d, m, y] if *y > 1900 => NaiveDate::from_ymd_opt(*y as i32, *m, *d),
        _ => None,
    }
}

fn edit_form(
    record: &DocumentRecord,
    first_page: &str,
    audit: &[crate::library::AuditEntry],
    form: &EditForm,
    csrf: &str,
    errors: &[String],
    saved: bool,
) -> Markup {
    let id = &record.id;
    html! {
        h1 { "Sửa thông tin văn bản" }
        p { a href={ "/documents/" (id) } { (record.display_title()) } " · " (record.source_name) " · " (record.extractor)
            " · " a href="/admin/review" { "Danh sách cần rà soát" } }
        @if saved { p.saved role="status" { "Đã lưu và cập nhật chỉ mục tìm kiếm." } }
        @if !errors.is_empty() {
            div.error role="alert" { p { "Chưa lưu:" } ul { @for e in errors { li { (e) } } } }
        }
        form.edit method="post" action={ "/admin/documents/" (id) "/edit" } {
            input type="hidden" name="csrf" value=(csrf);
            p { label for="number" { "Số, ký hiệu" } input #number name="number" value=(form.number) placeholder="05-CT/TW"; }
            p { label for="doc_type" { "Loại văn bản" }
                select #doc_type name="doc_type" {
                    option value="" selected[form.doc_type.is_empty()] { "(chưa rõ)" }
                    @for t in DocType::ALL { option value=(t.name()) selected[form.doc_type == t.name()] { (t.name()) } }
                }
            }
            p { label for="issuer" { "Cơ quan ban hành" } input #issuer name="issuer" value=(form.issuer); }
            p { label for="issued" { "Ngày ban hành" } input #issued name="issued" value=(form.issued) placeholder="15/5/2016"; }
            p { label for="title" { "Trích yếu / tên" } textarea #title name="title" rows="3" { (form.title) } }
            p { label for="classification" { "Độ mật" }
                select #classification name="classification" {
                    @for c in Classification::ALL.iter().filter(|c| **c != Classification::TuyetMat) {
                        option value=(c.code()) selected[form.classification == c.code()] {
                            @if *c == Classification::Public { "Công khai" } @else { (c.label()) }
                        }
                    }
                }
            }
            p { button type="submit" { "Lưu" } " " span.hint { "Lưu mà không đổi gì: đánh dấu đã rà soát." } }
        }
        h2 { "Trang đầu" }
        pre.page-text { (first_page) }
        h2 { "Lịch sử thay đổi" }
        @if audit.is_empty() { p { "Chưa có thay đổi nào." } }
        ul.audit {
            @for e in audit {
                li { (e.at) " · " (e.user) " · " (action_label(&e.action))
                    @if let (Some(b), Some(a)) = (&e.before, &e.after) { " · " (changes(b, a)) }
                    @if let Some(old) = e.before.as_ref().and_then(|b| b.get("replaces")).and_then(|v| v.as_str()) {
                        " " (old) " (trong " a href="/admin/trash" { "thùng rác" } ")"
                    }
                }
            }
        }
        h2 { "Thay bằng phiên bản mới" }
        form.replace method="post" action={ "/admin/documents/" (id) "/replace" } enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(csrf);
            label for="new-version" { "Tệp mới" }
            input #new-version type="file" name="files" required;
            button type="submit" { "Thay tệp" }
            p.hint { "Phiên bản hiện tại được chuyển vào thùng rác, giữ nguyên và khôi phục được." }
        }
        h2 { "Xóa" }
        form.delete method="post" action={ "/admin/documents/" (id) "/delete" } {
            input type="hidden" name="csrf" value=(csrf);
            label for="reason" { "Lý do xóa" }
            input #reason name="reason" required placeholder="trùng, nhầm tệp…";
            button type="submit" { "Chuyển vào thùng rác" }
        }
    }
}

fn action_label(action: &str) -> &'static str {
    match action {
        "edit" => "sửa",
        "review" => "đã rà soát",
        "delete" => "chuyển vào thùng rác",
        "restore" => "khôi phục",
        "replace" => "thay cho phiên bản trước",
        _ => "khác",
    }
}

/// `title: "…" → "…"` for each field an edit changed.
fn changes(before: &serde_json::Value, after: &serde_json::Value) -> String {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        return String::new();
    };
    let mut out = Vec::new();
    for (key, new) in a {
        let old = b.get(key).unwrap_or(&serde_json::Value::Null);
        if old != new {
            out.push(format!("{key}: {old} → {new}"));
        }
    }
    out.join("; ")
}

/// The record, its first page and history, if this editor may see it.
fn load(
    a: &crate::Archive,
    id: &str,
    level: u8,
) -> Result<Option<(DocumentRecord, String, Vec<crate::library::AuditEntry>)>, Error> {
    let catalog = a.library.catalog();
    let Some(record) = catalog.get(id).map_err(db)? else {
        return Ok(None);
    };
    if record.classification().level() > level {
        return Ok(None);
    }
    let first = catalog
        .pages(id)
        .map_err(db)?
        .into_iter()
        .next()
        .unwrap_or_default();
    let audit = catalog.audit(id).map_err(db)?;
    Ok(Some((record, first, audit)))
}

async fn edit_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    query: axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Response, Error> {
    let (_, csrf, level) = match editor(&viewer, &format!("/admin/documents/{id}/edit")) {
        Ok(s) => s,
        Err(r) => return Ok(r.response()),
    };
    let (record, first, audit) = state
        .blocking(move |a| load(a, &id, level))
        .await?
        .ok_or(Error::NotFound)?;
    let form = EditForm::of(&record.metadata);
    let saved = query.contains_key("da-luu");
    Ok(page(
        "Sửa thông tin",
        "",
        edit_form(&record, &first, &audit, &form, &csrf, &[], saved),
    )
    .into_response())
}

async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<EditForm>,
) -> Result<Response, Error> {
    let (user, csrf, level) = match editor(&viewer, &format!("/admin/documents/{id}/edit")) {
        Ok(s) => s,
        Err(r) => return Ok(r.response()),
    };
    if !same_token(&form.csrf, &csrf) {
        return Err(Error::BadRequest(
            "mã xác thực biểu mẫu không khớp; tải lại trang rồi lưu lại".into(),
        ));
    }
    let id_for_load = id.clone();
    let (record, first, audit) = state
        .blocking(move |a| load(a, &id_for_load, level))
        .await?
        .ok_or(Error::NotFound)?;
    match form.apply(record.metadata.clone()) {
        Err(errors) => {
            let status = axum::http::StatusCode::BAD_REQUEST;
            Ok((
                status,
                page(
                    "Sửa thông tin",
                    "",
                    edit_form(&record, &first, &audit, &form, &csrf, &errors, false),
                ),
            )
                .into_response())
        }
        Ok(metadata) => {
            let target = format!("/admin/documents/{id}/edit?da-luu=1");
            state
                .blocking(move |a| {
                    curation::edit(&a.library, &a.index, &id, &metadata, &user)
                        .map_err(|e| Error::Internal(e.to_string()))
                })
                .await?
                .ok_or(Error::NotFound)?;
            Ok(Redirect::to(&target).into_response())
        }
    }
}

#[derive(Deserialize)]
struct DeleteForm {
    csrf: String,
    #[serde(default)]
    reason: String,
}

async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, Error> {
    let (user, csrf, level) = match editor(&viewer, "/admin/review") {
        Ok(s) => s,
        Err(r) => return Ok(r.response()),
    };
    if !same_token(&form.csrf, &csrf) {
        return Err(Error::BadRequest(
            "mã xác thực biểu mẫu không khớp; tải lại trang rồi thử lại".into(),
        ));
    }
    let reason = normalize(form.reason.trim());
    state
        .blocking(move |a| {
            if load(a, &id, level)?.is_none() {
                return Err(Error::NotFound);
            }
            curation::trash(&a.library, &a.index, &id, &user, &reason)
                .map_err(|e| Error::Internal(e.to_string()))
        })
        .await?;
    Ok(Redirect::to("/admin/trash").into_response())
}

async fn trash_page(State(state): State<AppState>, viewer: Viewer) -> Result<Response, Error> {
    let (_, csrf, level) = match editor(&viewer, "/admin/trash") {
        Ok(s) => s,
        Err(r) => return Ok(r.response()),
    };
    let trashed = state
        .blocking(move |a| a.library.catalog().trashed().map_err(db))
        .await?;
    let trashed: Vec<_> = trashed
        .into_iter()
        .filter(|t| t.record.classification().level() <= level)
        .collect();
    Ok(page(
        "Thùng rác",
        "",
        html! {
            h1 { "Thùng rác" }
            p { "Văn bản đã xóa được giữ nguyên cùng tệp gốc và có thể khôi phục. " a href="/admin/review" { "Danh sách cần rà soát" } }
            @if trashed.is_empty() { p { "Thùng rác trống." } }
            ul.trash {
                @for t in &trashed {
                    li {
                        strong { (t.record.display_title()) } " (" (t.record.source_name) ")"
                        div.meta { span { "xóa " (t.deleted_at) } span { (t.deleted_by) } @if !t.reason.is_empty() { span { (t.reason) } } }
                        a href={ "/admin/trash/" (t.record.id) "/original" } { "Tải tệp gốc" }
                        form method="post" action={ "/admin/trash/" (t.record.id) "/restore" } {
                            input type="hidden" name="csrf" value=(csrf);
                            button type="submit" { "Khôi phục" }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

/// A trashed document's original, for an editor deciding whether to restore it.
async fn trashed_original(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let (_, _, level) = match editor(&viewer, "/admin/trash") {
        Ok(s) => s,
        Err(r) => return Ok(r.response()),
    };
    let (record, bytes) = state
        .blocking(move |a| {
            let record = a
                .library
                .catalog()
                .trashed()
                .map_err(db)?
                .into_iter()
                .map(|t| t.record)
                .find(|r| r.id == id && r.classification().level() <= level)
                .ok_or(Error::NotFound)?;
            let bytes = a
                .library
                .store
                .read(&record.sha256)
                .map_err(|e| Error::Internal(e.to_string()))?;
            Ok((record, bytes))
        })
        .await?;
    Ok(super::pages::download(&record, bytes))
}

#[derive(Deserialize)]
struct TokenForm {
    csrf: String,
}

async fn restore(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<TokenForm>,
) -> Result<Response, Error> {
    let (user, csrf, level) = match editor(&viewer, "/admin/trash") {
        Ok(s) => s,
        Err(r) => return Ok(r.response()),
    };
    if !same_token(&form.csrf, &csrf) {
        return Err(Error::BadRequest(
            "mã xác thực biểu mẫu không khớp; tải lại trang rồi thử lại".into(),
        ));
    }
    let target = format!("/documents/{id}");
    state
        .blocking(move |a| {
            let visible = a
                .library
                .catalog()
                .trashed()
                .map_err(db)?
                .into_iter()
                .any(|t| t.record.id == id && t.record.classification().level() <= level);
            if !visible {
                return Err(Error::NotFound);
            }
            curation::restore(&a.library, &a.index, &id, &user)
                .map_err(|e| Error::Internal(e.to_string()))
        })
        .await?;
    Ok(Redirect::to(&target).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_reads_what_editors_type() {
        let form = EditForm {
            number: " 05-ct/tw ".into(),
            doc_type: "Chỉ thị".into(),
            issued: "15/5/2016".into(),
            title: "Về đẩy mạnh".into(),
            classification: "mat".into(),
            ..EditForm::default()
        };
        let m = form.apply(Metadata::default()).unwrap();
        assert_eq!(m.number.unwrap().canonical(), "05-CT/TW");
        assert_eq!(m.doc_type, Some(DocType::ChiThi));
        assert_eq!(m.issued, NaiveDate::from_ymd_opt(2016, 5, 15));
        assert_eq!(m.classification, Classification::Mat);
        let bad = EditForm {
            number: "không phải số".into(),
            issued: "31/2/2020".into(),
            classification: "tuyet-mat".into(),
            ..EditForm::default()
        };
        assert_eq!(bad.apply(Metadata::default()).unwrap_err().len(), 3);
        assert_eq!(
            parse_date("2020-02-29"),
            NaiveDate::from_ymd_opt(2020, 2, 29)
        );
    }
}
