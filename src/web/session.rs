//! Logging in and out, and who is asking: [`Viewer`] is every handler's answer to "what may this
//! request see". Sessions are a random token in an `HttpOnly`, `SameSite=Strict` cookie
//! (`Secure` behind HTTPS); every form that changes state carries a CSRF token: the session's
//! own, or, before login, one from a short-lived cookie that the form must repeat.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use maud::html;
use serde::Deserialize;

use super::layout::page;
use super::{AppState, Error};
use crate::accounts::{LoginError, Session, SESSION_HOURS};

const SESSION_COOKIE: &str = "vankien_session";
const LOGIN_CSRF_COOKIE: &str = "vankien_login";

/// Who is asking: a logged-in account, or an anonymous reader who sees public documents only.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    pub session: Option<Session>,
}

impl Viewer {
    /// The highest classification level this request may see.
    pub fn level(&self) -> u8 {
        self.session
            .as_ref()
            .map_or(super::api::ANONYMOUS_LEVEL, |s| s.user.level())
    }

    pub fn name(&self) -> Option<&str> {
        self.session.as_ref().map(|s| s.user.name.as_str())
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Viewer, Error> {
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Ok(Viewer::default());
        };
        let session = state
            .blocking(move |a| {
                a.accounts
                    .session(&token)
                    .map_err(|e| Error::Internal(e.to_string()))
            })
            .await?;
        Ok(Viewer { session })
    }
}

/// The connection's peer, when the server was started with connection info (tests that call
/// the router directly have none).
pub struct Peer(pub Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Peer, Self::Rejection> {
        Ok(Peer(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
        ))
    }
}

/// What a logged-in reader sees may be classified: no cache on the way may keep it.
pub async fn private_when_logged_in(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let logged_in = cookie(request.headers(), SESSION_COOKIE).is_some();
    let mut response = next.run(request).await;
    if logged_in {
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
        headers.append(header::VARY, HeaderValue::from_static("Cookie"));
    }
    response
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", axum::routing::post(logout))
        .route("/api/session", get(session_json))
}

/// A cookie's value from the request.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The peer, or the client a reverse proxy on this machine names in `X-Forwarded-For`.
fn client_address(parts_headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    let peer_ip = peer.map(|p| p.ip());
    if peer_ip.is_some_and(|ip| ip.is_loopback()) {
        if let Some(forwarded) = parts_headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
        {
            return forwarded.trim().to_string();
        }
    }
    peer_ip.map_or_else(|| "không rõ".to_string(), |ip| ip.to_string())
}

/// HTTPS reaches us through a reverse proxy on this machine, which says so.
fn behind_https(headers: &HeaderMap, peer: Option<SocketAddr>) -> bool {
    peer.is_some_and(|p| p.ip().is_loopback())
        && headers
            .get("x-forwarded-proto")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Whether the browser says this request was sent by a page of another site (`Sec-Fetch-Site`,
/// else an `Origin` whose host is not ours).
fn cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) => origin.split("://").nth(1) != host,
        None => false,
    }
}

/// Compare without stopping at the first difference.
pub(super) fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0, |d, (x, y)| d | (x ^ y)) == 0
}

/// Only a path on this site: never `//elsewhere` or `https://…`.
fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.into(),
        _ => "/".into(),
    }
}

/// Who is logged in, with the CSRF token a program sends as `X-CSRF-Token`.
async fn session_json(viewer: Viewer) -> axum::Json<serde_json::Value> {
    axum::Json(match &viewer.session {
        Some(s) => serde_json::json!({
            "user": s.user.name,
            "role": s.user.role,
            "clearance": s.user.clearance.code(),
            "csrf": s.csrf,
        }),
        None => serde_json::json!({ "user": null, "clearance": "public" }),
    })
}

#[derive(Deserialize)]
struct NextParam {
    next: Option<String>,
}

async fn login_page(
    viewer: Viewer,
    headers: HeaderMap,
    Peer(peer): Peer,
    Query(p): Query<NextParam>,
) -> Response {
    let next = local_path(p.next.as_deref());
    if let Some(session) = &viewer.session {
        return page(
            "Tài khoản",
            "",
            html! {
                h1 { "Tài khoản" }
                p { "Bạn đang đăng nhập là " strong { (session.user.name) } " ("
                    (session.user.role.label()) "), được đọc tài liệu đến mức "
                    strong { (clearance_name(session.user.clearance)) } "." }
                @if session.user.role >= crate::accounts::Role::Editor {
                    ul.admin-links {
                        li { a href="/admin" { "Nạp tài liệu" } }
                        li { a href="/admin/review" { "Văn bản cần rà soát" } }
                        li { a href="/admin/trash" { "Thùng rác" } }
                    }
                }
                form method="post" action="/logout" {
                    input type="hidden" name="csrf" value=(session.csrf);
                    button type="submit" { "Đăng xuất" }
                }
            },
        )
        .into_response();
    }
    login_form(&headers, peer, &next, None, StatusCode::OK)
}

fn clearance_name(c: crate::document::Classification) -> &'static str {
    match c {
        crate::document::Classification::Public => "công khai",
        other => other.label(),
    }
}

/// The form, with a fresh pre-login CSRF token in a cookie and in the form.
fn login_form(
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    next: &str,
    message: Option<&str>,
    status: StatusCode,
) -> Response {
    let token = match random_token() {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let body = page(
        "Đăng nhập",
        "",
        html! {
            h1 { "Đăng nhập" }
            @if let Some(m) = message { p.error role="alert" { (m) } }
            form.login method="post" action="/login" {
                input type="hidden" name="csrf" value=(token);
                input type="hidden" name="next" value=(next);
                p {
                    label for="username" { "Tên đăng nhập" }
                    input #username type="text" name="username" autocomplete="username"
                        required autocapitalize="none" spellcheck="false";
                }
                p {
                    label for="password" { "Mật khẩu" }
                    input #password type="password" name="password"
                        autocomplete="current-password" required;
                }
                p { button type="submit" { "Đăng nhập" } }
            }
            p { "Tài khoản do quản trị viên cấp. Khách không cần đăng nhập để đọc tài liệu công khai." }
        },
    );
    let mut response = (status, body).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(LOGIN_CSRF_COOKIE, &token, 3600, behind_https(headers, peer)),
    );
    response
}

fn random_token() -> Result<String, Error> {
    let mut buf = [0u8; 24];
    getrandom::getrandom(&mut buf).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(hex::encode(buf))
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    csrf: Option<String>,
    next: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Peer(peer): Peer,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = local_path(form.next.as_deref());
    // A browser's form repeats the token its page set in a cookie. A program (no form, no
    // cookie) may log in with the two fields alone, unless its request says it comes from
    // another site: that is the login CSRF a hostile page would attempt.
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    let forged = match form.csrf.as_deref() {
        Some(token) => expected.is_empty() || !same_token(&expected, token),
        None => cross_site(&headers),
    };
    if forged {
        return login_form(
            &headers,
            peer,
            &next,
            Some("Phiên đăng nhập đã hết hạn hoặc trình duyệt chặn cookie; xin đăng nhập lại."),
            StatusCode::FORBIDDEN,
        );
    }
    let name = form.username.trim().to_lowercase();
    let keys = vec![
        format!("user:{name}"),
        format!("ip:{}", client_address(&headers, peer)),
    ];
    if let Some(wait) = state.throttle.wait(&keys) {
        return too_many(wait);
    }
    let password = form.password;
    let verified = state
        .blocking(move |a| Ok(a.accounts.verify(&name, &password)))
        .await;
    let user = match verified {
        Ok(Ok(user)) => user,
        Ok(Err(LoginError::Accounts(e))) => return Error::Internal(e.to_string()).into_response(),
        Ok(Err(e)) => {
            state.throttle.fail(&keys);
            tracing::warn!("đăng nhập thất bại: {} từ {}", keys[0], keys[1]);
            let message = format!("{}.", capitalize_first(&e.to_string()));
            return login_form(
                &headers,
                peer,
                &next,
                Some(&message),
                StatusCode::UNAUTHORIZED,
            );
        }
        Err(e) => return e.into_response(),
    };
    state.throttle.succeed(&keys[0]);
    let opened = state
        .blocking(move |a| {
            a.accounts
                .open_session(&user)
                .map_err(|e| Error::Internal(e.to_string()))
        })
        .await;
    let (token, _) = match opened {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let secure = behind_https(&headers, peer);
    let mut response = Redirect::to(&next).into_response();
    let cookies = response.headers_mut();
    cookies.append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, &token, SESSION_HOURS * 3600, secure),
    );
    cookies.append(
        header::SET_COOKIE,
        set_cookie(LOGIN_CSRF_COOKIE, "", 0, secure),
    );
    response
}

fn capitalize_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// 429 with the wait, in seconds for machines and in words for people.
fn too_many(wait: Duration) -> Response {
    let secs = wait.as_secs().max(1);
    let words = if secs >= 60 {
        format!("{} phút {} giây", secs / 60, secs % 60)
    } else {
        format!("{secs} giây")
    };
    let body = page(
        "Thử lại sau",
        "",
        html! {
            h1 { "Tạm khóa đăng nhập" }
            p { "Đã nhập sai quá nhiều lần. Xin thử lại sau " (words) "." }
            p { a href="/login" { "Về trang đăng nhập" } }
        },
    );
    let mut response = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    response
}

#[derive(Deserialize)]
struct LogoutForm {
    csrf: String,
}

async fn logout(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Peer(peer): Peer,
    Form(form): Form<LogoutForm>,
) -> Response {
    let Some(session) = viewer.session else {
        return Redirect::to("/").into_response();
    };
    if !same_token(&session.csrf, &form.csrf) {
        return (
            StatusCode::FORBIDDEN,
            Html(
                page(
                    "Không hợp lệ",
                    "",
                    html! { h1 { "Yêu cầu không hợp lệ" } p { "Mã xác thực biểu mẫu không khớp; tải lại trang rồi thử lại." } },
                )
                .0,
            ),
        )
            .into_response();
    }
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        if let Err(e) = state
            .blocking(move |a| {
                a.accounts
                    .close_session(&token)
                    .map_err(|e| Error::Internal(e.to_string()))
            })
            .await
        {
            return e.into_response();
        }
    }
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", 0, behind_https(&headers, peer)),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_redirects_and_cookies_parsed() {
        assert_eq!(local_path(Some("/books/ab?q=1")), "/books/ab?q=1");
        assert_eq!(local_path(Some("//evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example")), "/");
        assert_eq!(local_path(Some("/\\evil")), "/");
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; vankien_session=abc"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("abc"));
        assert!(same_token("abc", "abc") && !same_token("abc", "abd") && !same_token("a", "ab"));
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("kho.local:8080"));
        assert!(!cross_site(&h), "a program sends no origin");
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://kho.local:8080"),
        );
        assert!(!cross_site(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(cross_site(&h));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(!cross_site(&h), "the browser's own word wins");
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(cross_site(&h));
    }
}
