//! The web reader and JSON API: the router driven in-process, and the real server on loopback.
//! Classified documents must not show up anywhere on the web.

mod support;

use axum::http::StatusCode;
use serde_json::Value;
use support::{corpus, TestArchive};
use vankien::web::{router, AppState};
use vankien::Archive;

struct Site {
    test: TestArchive,
    app: axum::Router,
    ids: Vec<(String, String)>,
}

impl Site {
    fn new() -> Site {
        let test = TestArchive::new();
        let inbox = test.inbox();
        corpus::write(&inbox);
        let outcomes = test.ingest(&[&inbox]);
        let ids = outcomes
            .iter()
            .map(|o| {
                (
                    o["source"]
                        .as_str()
                        .unwrap()
                        .rsplit('/')
                        .next()
                        .unwrap()
                        .to_string(),
                    o["id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let archive = Archive::open(&test.library(), &test.index()).expect("archive opens");
        Site {
            app: router(AppState::new(archive)),
            test,
            ids,
        }
    }

    fn id(&self, file: &str) -> &str {
        &self
            .ids
            .iter()
            .find(|(f, _)| f == file)
            .expect("ingested")
            .1
    }

    async fn get(&self, uri: &str) -> (StatusCode, String, Vec<u8>) {
        support::get(&self.app, uri).await
    }

    async fn html(&self, uri: &str) -> String {
        let (status, content_type, body) = self.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(
            content_type.starts_with("text/html"),
            "{uri}: {content_type}"
        );
        String::from_utf8(body).unwrap()
    }

    async fn json(&self, uri: &str) -> Value {
        let (status, _, body) = self.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        serde_json::from_slice(&body).unwrap()
    }
}

#[tokio::test]
async fn pages_are_vietnamese_and_self_contained() {
    let site = Site::new();
    let home = site.html("/").await;
    assert!(home.contains("lang=\"vi\""));
    assert!(home.contains("Văn bản mới nhất"));
    assert!(home.contains("Chỉ thị"));
    for page in [home.as_str(), &site.html("/search?q=chi+thi+05").await] {
        assert!(
            !page.contains("http://") && !page.contains("https://"),
            "nothing loaded from outside"
        );
        assert!(!page.contains("<script"), "works without JavaScript");
    }
    let (status, content_type, css) = site.get("/static/style.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/css"));
    assert!(!String::from_utf8(css).unwrap().contains("@import"));
    let (status, _, body) = site.get("/healthz").await;
    assert_eq!(
        (status, body.as_slice()),
        (StatusCode::OK, b"ok".as_slice())
    );
}

#[tokio::test]
async fn search_page_highlights_filters_and_links() {
    let site = Site::new();
    let page = site.html("/search?q=nha+trinh+tuong").await;
    assert!(
        page.contains("<mark>nhà</mark> <mark>trình</mark> <mark>tường</mark>"),
        "{page}"
    );
    assert!(page.contains(&format!("/documents/{}", site.id("ct-05-tu.docx"))));
    let filtered = site.html("/search?q=chi+thi+05&loai=KL").await;
    assert!(filtered.contains("01-KL/TW"));
    assert!(!filtered.contains(">05-CT/TU<"), "type filter applies");
    let by_year = site.json("/api/search?q=chi+thi&nam=2016").await;
    assert!(by_year["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["issued"].as_str().unwrap().starts_with("2016")));
    let browse = site.html("/search?loai=NQ").await;
    assert!(
        browse.contains("Tìm thấy <strong>2</strong>"),
        "two resolutions 27-NQ/TW"
    );
    let (newer, older) = (
        browse.find("9/11/2022").unwrap(),
        browse.find("6/8/2008").unwrap(),
    );
    assert!(newer < older, "browsing lists the newest first");
}

fn hits(result: &Value) -> &Vec<Value> {
    result["hits"].as_array().expect("hits")
}

#[tokio::test]
async fn filters_typed_in_the_query_and_quoted_phrases() {
    let site = Site::new();
    let by_type = site.json("/api/search?q=loai%3ACT").await;
    assert_eq!(by_type["total"], 2, "{by_type}");
    assert!(hits(&by_type).iter().all(|h| h["doc_type"] == "CT"));
    // Typed without marks, as a name, with a year range: the 2021 directive only.
    let narrowed = site
        .json("/api/search?q=loai%3Achi-thi%20nam%3A2020..2022")
        .await;
    assert_eq!(narrowed["total"], 1, "{narrowed}");
    assert_eq!(narrowed["hits"][0]["number"], "05-CT/TU");
    // The interface's range inputs do the same.
    let ranged = site.json("/api/search?q=chi+thi&tu=2016&den=2016").await;
    assert!(!hits(&ranged).is_empty());
    assert!(hits(&ranged)
        .iter()
        .all(|h| h["issued"].as_str().unwrap().starts_with("2016")));
    let page = site.html("/search?q=chi+thi&tu=2016&den=2016").await;
    assert!(page.contains("năm 2016"), "the active range is shown");
    // Quoted words must occur together: only the 2022 resolution has this phrase.
    let phrase = site
        .json("/api/search?q=%22nha%20nuoc%20phap%20quyen%22")
        .await;
    assert_eq!(phrase["total"], 1, "{phrase}");
    assert_eq!(phrase["hits"][0]["issued"], "2022-11-09");
    // A phrase is words written together: not across a comma ("tư tưởng, đạo đức"), unless
    // the quotes hold the comma too; a two-word phrase is one pair.
    let count = |v: &Value| v["total"].as_u64().unwrap();
    let across = site
        .json("/api/search?q=%22tu%20tuong%20dao%20duc%22")
        .await;
    assert_eq!(count(&across), 0, "{across}");
    let with_comma = site
        .json("/api/search?q=%22t%C6%B0%20t%C6%B0%E1%BB%9Fng%2C%20%C4%91%E1%BA%A1o%20%C4%91%E1%BB%A9c%22")
        .await;
    assert!(count(&with_comma) >= 1, "{with_comma}");
    let lone_word = site
        .json("/api/search?q=%22t%C6%B0%E1%BB%9Fng%2C%20%C4%91%E1%BA%A1o%20%C4%91%E1%BB%A9c%22")
        .await;
    assert_eq!(count(&lone_word), count(&with_comma), "{lone_word}");
    let pair = site.json("/api/search?q=%22dao%20duc%22").await;
    assert!(count(&pair) >= count(&with_comma), "{pair}");
    // A number nobody carries or cites has no answer, not half the library.
    let unknown = site.json("/api/search?q=99-BC%2FTU").await;
    assert_eq!(unknown["total"], 0, "{unknown}");
    // Malformed numbers in the query string fall back to defaults.
    let lenient = site.json("/api/search?q=chi+thi&limit=-1").await;
    assert_eq!(hits(&lenient).len(), 1);
}

#[tokio::test]
async fn suggestions_for_numbers_and_titles() {
    let site = Site::new();
    let numbers = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d["number"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let typed = site.json("/api/suggest?q=05-ct").await;
    assert_eq!(numbers(&typed)[..2].len(), 2);
    assert!(
        numbers(&typed)[..2].contains(&"05-CT/TW".to_string()),
        "{typed}"
    );
    assert!(
        numbers(&typed)[..2].contains(&"05-CT/TU".to_string()),
        "{typed}"
    );
    let state = site.json("/api/suggest?q=15%2F2020%2FN").await;
    assert_eq!(numbers(&state)[0], "15/2020/NĐ-CP");
    // An unfinished last word, without marks.
    let title = site.json("/api/suggest?q=nha+nuoc+phap+qu").await;
    assert_eq!(title[0]["issued"], "2022-11-09", "{title}");
    // The classified report is never suggested.
    let secret = site.json("/api/suggest?q=45-BC").await;
    assert!(
        !numbers(&secret).contains(&"45-BC/TU".to_string()),
        "{secret}"
    );
    assert_eq!(site.json("/api/suggest?q=").await, Value::Array(vec![]));
}

#[tokio::test]
async fn cited_by_respects_the_cited_date() {
    let site = Site::new();
    let cited_by = |doc: &Value| -> Vec<String> {
        doc["cited_by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["number"].as_str().unwrap().to_string())
            .collect()
    };
    let of_2008 = site
        .json(&format!("/api/documents/{}", site.id("nq-27-2008.html")))
        .await;
    let of_2022 = site
        .json(&format!("/api/documents/{}", site.id("nq-27-2022.md")))
        .await;
    // 123-KH/TU cites 27-NQ/TW of 06/8/2008; 01-KL/TW names the one of 09/11/2022 but was
    // issued before it, so the date in its text cannot make it a citer of either.
    assert!(
        cited_by(&of_2008).contains(&"123-KH/TU".to_string()),
        "{of_2008}"
    );
    assert!(!cited_by(&of_2008).contains(&"01-KL/TW".to_string()));
    assert!(
        !cited_by(&of_2022).contains(&"123-KH/TU".to_string()),
        "{of_2022}"
    );
}

#[tokio::test]
async fn api_shapes_match_the_cli() {
    let site = Site::new();
    let result = site.json("/api/search?q=05-CT%2FTW&limit=5").await;
    assert_eq!(result["hits"][0]["number"], "05-CT/TW");
    assert!(result["total"].as_u64().unwrap() >= 3);
    assert!(result["hits"].as_array().unwrap().len() <= 5);
    for key in [
        "id", "number", "doc_type", "issuer", "issued", "title", "source", "score", "snippet",
        "page",
    ] {
        assert!(result["hits"][0].get(key).is_some(), "{key}");
    }
    let id = site.id("ct-05-tw.pdf");
    let doc = site.json(&format!("/api/documents/{id}")).await;
    assert_eq!(doc["number"], "05-CT/TW");
    assert_eq!(doc["issued"], "2016-05-15");
    let text = site.json(&format!("/api/documents/{id}/text")).await;
    assert!(text["text"].as_str().unwrap().contains("Hồ Chí Minh"));
    // The API answers errors in JSON, in Vietnamese.
    for missing in ["/api/documents/zzz", "/api/khong-co"] {
        let (status, content_type, body) = site.get(missing).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
        assert!(content_type.starts_with("application/json"), "{missing}");
        let error: Value = serde_json::from_slice(&body).unwrap();
        assert!(error["error"].as_str().unwrap().contains("Không tìm thấy"));
    }
}

#[tokio::test]
async fn document_page_epub_and_original() {
    let site = Site::new();
    let id = site.id("kl-01.pdf").to_string();
    let page = site.html(&format!("/documents/{id}")).await;
    assert!(page.contains("Số, ký hiệu") && page.contains("01-KL/TW"));
    assert!(page.contains("id=\"trang-1\""));
    assert!(page.contains("Văn bản được dẫn chiếu"));
    assert_eq!(
        page.matches(">05-CT/TW</a>").count(),
        1,
        "one citation, dated, however often the text names it"
    );
    assert!(
        page.contains(&format!("/documents/{}", site.id("ct-05-tw.pdf"))),
        "citation links to the carrier"
    );
    let (status, content_type, epub) = site.get(&format!("/documents/{id}.epub")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/epub+zip");
    let path = site.test.dir.path().join("kl.epub");
    std::fs::write(&path, epub).unwrap();
    support::assert_valid_epub(&path);
    let (status, content_type, original) = site.get(&format!("/documents/{id}/original")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/pdf");
    assert!(original.starts_with(b"%PDF-"));
    assert_eq!(
        site.get("/documents/ffffffffffffffff").await.0,
        StatusCode::NOT_FOUND
    );
    let again = site.html(&format!("/documents/{id}")).await;
    assert!(
        again.contains("2 lượt xem · 2 lượt tải"),
        "views and downloads (EPUB and original) are counted"
    );
}

#[tokio::test]
async fn classified_documents_never_appear_on_the_web() {
    let site = Site::new();
    let secret = site.id("bc-45-mat.pdf").to_string();
    for uri in [
        format!("/documents/{secret}"),
        format!("/documents/{secret}.epub"),
        format!("/documents/{secret}/original"),
        format!("/api/documents/{secret}"),
        format!("/api/documents/{secret}/text"),
    ] {
        let (status, _, body) = site.get(&uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!String::from_utf8_lossy(&body).contains("tư tưởng cán bộ vùng biên giới"));
    }
    let found = site.json("/api/search?q=quỳnhlâmbiêngiới").await;
    assert_eq!(found["total"], 0);
    let all = site
        .json("/api/search?q=thuc+hien+chi+thi+05&limit=100")
        .await;
    assert!(all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["id"] != secret.as_str()));
    assert!(
        !all["facets"]["years"]
            .as_array()
            .unwrap()
            .iter()
            .any(|y| y[0] == "2023"),
        "facets do not count it"
    );
    let home = site.html("/").await;
    assert!(!home.contains("45-BC/TU") && !home.contains(&secret));
    let citing = site
        .html(&format!("/documents/{}", site.id("ct-05-tw.pdf")))
        .await;
    assert!(!citing.contains(&secret), "not in cited-by lists");
    let counted = site.html("/search?loai=BC").await;
    assert!(counted.contains("Tìm thấy <strong>0</strong>"));
}

#[tokio::test]
async fn no_path_outside_the_library_is_served() {
    let site = Site::new();
    for uri in [
        "/documents/..%2F..%2F..%2Fetc%2Fpasswd/original",
        "/documents/%2e%2e/original",
        "/documents/..%2Fcatalog.sqlite",
        "/static/..%2F..%2FCargo.toml",
        "/static/style.css%00.png",
        "/documents/0000000000000000/pages/..%2F..%2Fcatalog.png",
        "/api/documents/..%2F..%2Fcatalog.sqlite/text",
    ] {
        let (status, _, body) = site.get(uri).await;
        assert!(status.is_client_error(), "{uri}: {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("SQLite format") && !body.contains("root:x:0"),
            "{uri}"
        );
    }
}

#[test]
fn real_server_on_loopback() {
    let test = TestArchive::new();
    let inbox = test.inbox();
    corpus::write(&inbox);
    test.ingest(&[&inbox]);
    let server = support::server::Server::start(&test);
    let base = server.base.clone();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let health = ureq::get(&format!("{base}/healthz"))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    assert_eq!(health, "ok");
    let result: Value = ureq::get(&format!("{base}/api/search"))
        .query("q", "nghi quyet 27")
        .call()
        .unwrap()
        .into_json()
        .unwrap();
    assert_eq!(result["hits"][0]["number"], "27-NQ/TW");
    assert_eq!(result["hits"][1]["number"], "27-NQ/TW");
    let page = ureq::get(&format!("{base}/search"))
        .query("q", "05-CT/TW")
        .call()
        .unwrap();
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'self'"));
    let missing = ureq::get(&format!("{base}/documents/nope")).call();
    assert!(matches!(missing, Err(ureq::Error::Status(404, _))));
    drop(server);
}
