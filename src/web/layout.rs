//! The page shell and the stylesheet: one small CSS file, system fonts, nothing loaded from
//! outside the server; a page may load one of the server's own scripts, only to enhance it.

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse};
use maud::{html, Markup, PreEscaped, DOCTYPE};

const STYLESHEET: &str = include_str!("../../static/style.css");

pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
}

/// A full page: header with the search box, the content, a footer.
pub fn page(title: &str, query: &str, content: Markup) -> Html<String> {
    page_with_script(title, query, content, None)
}

/// A full page that also loads one of the server's own scripts (an enhancement: the page works
/// without it).
pub fn page_with_script(
    title: &str,
    query: &str,
    content: Markup,
    script: Option<&str>,
) -> Html<String> {
    let markup = html! {
        (DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – Kho văn kiện" }
                link rel="stylesheet" href="/static/style.css";
                @if let Some(src) = script { script src=(src) defer {} }
            }
            body {
                a.skip href="#noi-dung" { "Bỏ qua đến nội dung" }
                header.site {
                    a.brand href="/" { "Kho văn kiện" }
                    form.search role="search" action="/search" method="get" {
                        label.visually-hidden for="q" { "Tìm văn bản" }
                        input #q type="search" name="q" value=(query)
                            placeholder="Số hiệu (05-CT/TW) hoặc từ khóa, có dấu hay không dấu";
                        button type="submit" { "Tìm" }
                    }
                    nav.site aria-label="Chuyên mục" {
                        a href="/histories" { "Lịch sử địa phương" }
                    }
                    a.account href="/login" { "Tài khoản" }
                }
                main #noi-dung { (content) }
                footer.site {
                    p { "Kho văn kiện – văn bản Đảng, văn bản Nhà nước và lịch sử Đảng bộ địa phương. "
                        "Tài liệu mật chỉ hiển thị cho tài khoản được phép đọc." }
                }
            }
        }
    };
    Html(markup.into_string())
}

pub fn error_page(status: StatusCode, message: &str) -> Html<String> {
    page(
        &format!("Lỗi {}", status.as_u16()),
        "",
        html! {
            h1 { "Lỗi " (status.as_u16()) }
            p { (message) }
            p { a href="/" { "Về trang chủ" } }
        },
    )
}

/// Text with byte ranges wrapped in `<mark>`, everything escaped.
pub fn highlighted(text: &str, ranges: &[std::ops::Range<usize>]) -> Markup {
    let mut out = String::with_capacity(text.len() + ranges.len() * 13);
    let mut at = 0;
    for r in ranges {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&html_escape::encode_text(&text[at..r.start]));
        out.push_str("<mark>");
        out.push_str(&html_escape::encode_text(&text[r.start..r.end]));
        out.push_str("</mark>");
        at = r.end;
    }
    out.push_str(&html_escape::encode_text(&text[at..]));
    PreEscaped(out)
}
