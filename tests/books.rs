//! Local histories on the web: browsing by place, the title page and its table of contents,
//! reading chapter by chapter and page by page (a scan beside its text), search inside a book,
//! permalinks and citations, the weight of a reading page, and a real browser at phone width.
//! A classified book is missing everywhere.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};

use axum::http::StatusCode;
use serde_json::Value;
use support::{fixtures, TestArchive};
use vankien::web::{router, AppState};
use vankien::Archive;

/// The printed book: a title page, an introduction, two chapters and a conclusion; the pages
/// after the introduction carry their printed numbers 1–5 on their last line.
fn dong_tien_text() -> String {
    let pages = [
        "BAN CHẤP HÀNH ĐẢNG BỘ XÃ ĐỒNG TIẾN\n\nLỊCH SỬ ĐẢNG BỘ XÃ ĐỒNG TIẾN\n(1945 – 2020)\n\nNHÀ XUẤT BẢN VĂN HÓA DÂN TỘC\nHÀ GIANG – 2021",
        "LỜI GIỚI THIỆU\n\nXã Đồng Tiến nằm bên bờ tả ngạn sông Lô, huyện Bắc Quang, tỉnh Hà Giang.\nCuốn sách ghi lại chặng đường vẻ vang của Đảng bộ và nhân dân trong xã.",
        "CHƯƠNG I\nCHI BỘ ĐẢNG RA ĐỜI VÀ LÃNH ĐẠO KHÁNG CHIẾN\n(1945 – 1954)\n\nNăm 1947, chi bộ đầu tiên của xã Đồng Tiến được thành lập với năm đảng viên.\nChi bộ lãnh đạo nhân dân đóng góp lương thực cho kháng chiến.\n1",
        "Du kích Đồng Tiến phối hợp với bộ đội chủ lực đánh địch trên đường số 2.\nPhong trào thi đua yêu nước diễn ra sôi nổi trong các thôn bản.\n2",
        "CHƯƠNG II\nXÂY DỰNG QUÊ HƯƠNG VÀ CHI VIỆN MIỀN NAM\n(1954 – 1975)\n\nHợp tác xã nông nghiệp được thành lập ở tất cả các thôn.\nThanh niên Đồng Tiến lên đường nhập ngũ, chi viện chiến trường miền Nam.\n3",
        "Nhân dân khai hoang, làm thủy lợi, đưa năng suất lúa lên cao.\nĐảng bộ chú trọng công tác phát triển đảng viên trong thanh niên.\n4",
        "KẾT LUẬN\n\nHơn bảy mươi lăm năm qua, Đảng bộ xã Đồng Tiến luôn giữ vững vai trò lãnh đạo.\n5",
    ];
    pages.join(&format!("\n{}\n", fixtures::PAGE_BREAK))
}

const DONG_TIEN_SIDECAR: &str = r#"{"province": "Hà Giang", "district": "Bắc Quang", "commune": "Đồng Tiến", "publication_place": "Hà Giang", "authors": ["Ban Chấp hành Đảng bộ xã Đồng Tiến"]}"#;

/// A short book as plain text, pages separated by form feeds.
fn text_book(title_lines: &str, body: &str) -> String {
    format!("{title_lines}\u{c}LỜI NÓI ĐẦU\n\n{body}\u{c}CHƯƠNG I\nNHỮNG NGÀY ĐẦU\n\n{body}")
}

struct Site {
    test: TestArchive,
    app: axum::Router,
    ids: Vec<(String, String)>,
}

impl Site {
    /// The Đồng Tiến book (PDF), a second book in the same district, one in another province,
    /// a classified one, and, with `history`, the generated 300-page history.
    fn new(history: bool) -> Site {
        let test = TestArchive::new();
        let inbox = test.inbox();
        fixtures::write_as(
            "pdf",
            "Lịch sử Đảng bộ xã Đồng Tiến",
            &dong_tien_text(),
            &inbox.join("dong-tien.pdf"),
        )
        .unwrap();
        std::fs::write(inbox.join("dong-tien.pdf.meta.json"), DONG_TIEN_SIDECAR).unwrap();
        std::fs::write(
            inbox.join("tan-lap.txt"),
            text_book(
                "BAN CHẤP HÀNH ĐẢNG BỘ XÃ TÂN LẬP\n\nLỊCH SỬ ĐẢNG BỘ XÃ TÂN LẬP\n(1947 – 2022)\n\nNHÀ XUẤT BẢN CHÍNH TRỊ QUỐC GIA SỰ THẬT\nHÀ NỘI – 2023",
                "Xã Tân Lập thuộc huyện Bắc Quang, tỉnh Hà Giang, có truyền thống cách mạng.",
            ),
        )
        .unwrap();
        std::fs::write(
            inbox.join("tan-lap.txt.meta.json"),
            r#"{"province": "Hà Giang", "district": "Bắc Quang", "commune": "Tân Lập", "period": "1947 – 2022"}"#,
        )
        .unwrap();
        std::fs::write(
            inbox.join("minh-thanh.txt"),
            text_book(
                "BAN CHẤP HÀNH ĐẢNG BỘ XÃ MINH THANH\n\nLỊCH SỬ ĐẢNG BỘ XÃ MINH THANH\n(1945 – 2015)\n\nNHÀ XUẤT BẢN CHÍNH TRỊ QUỐC GIA SỰ THẬT\nHÀ NỘI – 2016",
                "Xã Minh Thanh là căn cứ địa cách mạng của huyện Sơn Dương.",
            ),
        )
        .unwrap();
        std::fs::write(
            inbox.join("minh-thanh.txt.meta.json"),
            r#"{"province": "Tuyên Quang", "district": "Sơn Dương", "commune": "Minh Thanh"}"#,
        )
        .unwrap();
        std::fs::write(
            inbox.join("mat.txt"),
            text_book(
                "MẬT\n\nBAN CHẤP HÀNH ĐẢNG BỘ XÃ THANH THỦY\n\nLỊCH SỬ ĐẢNG BỘ XÃ THANH THỦY\n(1945 – 2020)",
                "Tài liệu biên giới Thanh Thủy quỳnhlâmbiêngiới chỉ lưu hành nội bộ.",
            ),
        )
        .unwrap();
        std::fs::write(
            inbox.join("mat.txt.meta.json"),
            r#"{"province": "Hà Giang", "district": "Vị Xuyên", "commune": "Thanh Thủy"}"#,
        )
        .unwrap();
        if history {
            let (pages, _) = vankien::document::chapters::history::history();
            std::fs::write(inbox.join("bac-quang.txt"), pages.join("\u{c}")).unwrap();
        }
        let outcomes = test.ingest_book(&inbox);
        let ids = outcomes
            .iter()
            .map(|o| {
                let source = o["source"].as_str().unwrap();
                assert_eq!(o["status"], "added", "{o}");
                (
                    source.rsplit('/').next().unwrap().to_string(),
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

    fn id(&self, file: &str) -> String {
        self.ids
            .iter()
            .find(|(f, _)| f == file)
            .unwrap_or_else(|| panic!("{file} ingested: {:?}", self.ids))
            .1
            .clone()
    }

    async fn get(&self, uri: &str) -> (StatusCode, String, Vec<u8>) {
        support::get(&self.app, uri).await
    }

    async fn html(&self, uri: &str) -> String {
        let (status, content_type, body) = self.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(content_type.starts_with("text/html"), "{uri}");
        let page = String::from_utf8(body).unwrap();
        assert_accessible(uri, &page);
        page
    }

    async fn json(&self, uri: &str) -> Value {
        let (status, _, body) = self.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        serde_json::from_slice(&body).unwrap()
    }
}

trait IngestBook {
    fn ingest_book(&self, inbox: &Path) -> Vec<Value>;
}

impl IngestBook for TestArchive {
    fn ingest_book(&self, inbox: &Path) -> Vec<Value> {
        self.ok(&[
            "ingest",
            "--json",
            "--kind",
            "book",
            inbox.to_str().unwrap(),
        ])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["event"] != "page")
        .collect()
    }
}

/// What every reader page must have: Vietnamese, landmarks, one h1, alt text on images,
/// nothing from outside, no inline style or script.
fn assert_accessible(uri: &str, page: &str) {
    assert!(page.contains("<html lang=\"vi\">"), "{uri}");
    assert!(
        page.contains("<main") && page.contains("<header") && page.contains("<nav"),
        "{uri}"
    );
    assert_eq!(page.matches("<h1").count(), 1, "{uri}: one h1");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "{uri}"
    );
    assert!(
        !page.contains("style=") && !page.contains("<style"),
        "{uri}: no inline style"
    );
    for script in page.match_indices("<script") {
        let tag = &page[script.0..page[script.0..].find('>').unwrap() + script.0];
        assert!(
            tag.contains("src=\"/static/"),
            "{uri}: only our own script files: {tag}"
        );
    }
    for img in page.match_indices("<img") {
        let tag = &page[img.0..page[img.0..].find('>').unwrap() + img.0];
        assert!(tag.contains("alt=\""), "{uri}: {tag}");
    }
}

/// The `href`s of links with `rel` in a page.
fn rel_link(page: &str, rel: &str) -> Option<String> {
    let at = page.find(&format!("rel=\"{rel}\" href=\""))?;
    let rest = &page[at + rel.len() + 13..];
    Some(html_unescape(&rest[..rest.find('"')?]))
}

fn html_unescape(s: &str) -> String {
    s.replace("&amp;", "&")
}

#[tokio::test]
async fn histories_by_province_and_district_with_counts() {
    let site = Site::new(false);
    let page = site.html("/histories").await;
    assert!(
        page.contains("3 cuốn lịch sử"),
        "the classified book is not counted"
    );
    assert!(page.contains("Hà Giang <span class=\"count\">2</span>"));
    assert!(page.contains("Tuyên Quang <span class=\"count\">1</span>"));
    let bac_quang = page.find(">Bắc Quang</a>").expect("district heading");
    let son_duong = page.find(">Sơn Dương</a>").expect("district heading");
    assert!(bac_quang < son_duong, "Hà Giang before Tuyên Quang");
    assert!(page[bac_quang..son_duong].contains("2 cuốn"));
    for file in ["dong-tien.pdf", "tan-lap.txt", "minh-thanh.txt"] {
        assert!(
            page.contains(&format!("/books/{}", site.id(file))),
            "{file}"
        );
    }
    assert!(page.contains("giai đoạn 1947 – 2022"), "periods shown");
    assert!(!page.contains("Vị Xuyên") && !page.contains(&site.id("mat.txt")));

    let one = site.html("/histories?tinh=Tuy%C3%AAn+Quang").await;
    assert!(one.contains("1 cuốn lịch sử"));
    assert!(one.contains(&site.id("minh-thanh.txt")));
    assert!(!one.contains(&format!("/books/{}", site.id("dong-tien.pdf"))));
    let district = site
        .html("/histories?tinh=ha+giang&huyen=B%E1%BA%AFc+Quang")
        .await;
    assert!(
        district.contains("2 cuốn lịch sử"),
        "folded place names match"
    );

    let home = site.html("/").await;
    assert!(home.contains("href=\"/histories\""));
    assert!(home.contains("Lịch sử địa phương"));
}

#[tokio::test]
async fn title_page_table_of_contents_chapters_pages_and_permalinks() {
    let site = Site::new(false);
    let id = site.id("dong-tien.pdf");
    let title = site.html(&format!("/books/{id}")).await;
    assert!(title.contains("<h1>Lịch sử Đảng bộ xã Đồng Tiến (1945 – 2020)</h1>"));
    assert!(title.contains("Nhà xuất bản Văn hóa dân tộc, Hà Giang, 2021"));
    let toc =
        &title[title.find("id=\"muc-luc\"").unwrap()..title.find("id=\"thong-tin\"").unwrap()];
    let sections = [
        ("Bìa và trang đầu", None),
        ("Lời giới thiệu", None),
        (
            "Chương I",
            Some("Chi bộ Đảng ra đời và lãnh đạo kháng chiến (1945 – 1954)"),
        ),
        (
            "Chương II",
            Some("Xây dựng quê hương và chi viện miền Nam (1954 – 1975)"),
        ),
        ("Kết luận", None),
    ];
    for (n, (label, chapter_title)) in sections.iter().enumerate() {
        assert!(
            toc.contains(&format!(
                "/books/{id}/chuong/{}\"><strong>{label}</strong>",
                n + 1
            )),
            "{label} in {toc}"
        );
        if let Some(t) = chapter_title {
            assert!(toc.contains(t), "{t}");
        }
    }
    assert!(
        toc.contains("tr. 1") && toc.contains("tr. 3"),
        "printed numbers"
    );
    assert!(title.contains(&format!("href=\"/books/{id}.epub\"")));
    assert!(title.contains("<script src=\"/static/reader.js\" defer"));
    assert!(
        title.contains("id=\"doc-tiep\" hidden"),
        "resuming needs the script"
    );

    // Chapter by chapter, with previous and next.
    let chapter = site.html(&format!("/books/{id}/chuong/3")).await;
    assert!(chapter.contains("<h1>Chương I: Chi bộ Đảng ra đời"));
    assert!(chapter.contains("id=\"trang-3\"") && chapter.contains("id=\"trang-4\""));
    assert!(
        !chapter.contains("id=\"trang-5\""),
        "chapter II starts on page 5"
    );
    assert_eq!(
        rel_link(&chapter, "prev").unwrap(),
        format!("/books/{id}/chuong/2")
    );
    assert_eq!(
        rel_link(&chapter, "next").unwrap(),
        format!("/books/{id}/chuong/4")
    );
    assert!(chapter.contains("tr. 1 – 2"));
    let first = site.html(&format!("/books/{id}/chuong/1")).await;
    assert!(rel_link(&first, "prev").is_none());
    let last = site.html(&format!("/books/{id}/chuong/5")).await;
    assert!(rel_link(&last, "next").is_none());
    assert_eq!(
        site.get(&format!("/books/{id}/chuong/6")).await.0,
        StatusCode::NOT_FOUND
    );

    // Page by page: the printed number beside the file's page.
    let page = site.html(&format!("/books/{id}/trang/4")).await;
    assert!(
        page.contains("<h1>tr. 2 <span class=\"muted small\">(trang 4/7 của tệp)</span></h1>"),
        "{page}"
    );
    assert_eq!(
        rel_link(&page, "prev").unwrap(),
        format!("/books/{id}/trang/3")
    );
    assert_eq!(
        rel_link(&page, "next").unwrap(),
        format!("/books/{id}/trang/5")
    );
    assert!(page.contains("Trong: <a href=\"/books/"));
    assert!(rel_link(&site.html(&format!("/books/{id}/trang/1")).await, "prev").is_none());
    assert!(rel_link(&site.html(&format!("/books/{id}/trang/7")).await, "next").is_none());
    for missing in ["0", "8", "x"] {
        assert_eq!(
            site.get(&format!("/books/{id}/trang/{missing}")).await.0,
            StatusCode::NOT_FOUND
        );
    }

    // Permalinks: every paragraph has an id, the same on every load and in every view, and a
    // link to itself on its page.
    assert!(page.contains("id=\"p4-1\""));
    assert!(page.contains(&format!("href=\"/books/{id}/trang/4#p4-1\"")));
    assert_eq!(page, site.html(&format!("/books/{id}/trang/4")).await);
    assert!(chapter.contains("id=\"p4-1\""));
    assert!(chapter.contains(&format!("href=\"/books/{id}/trang/4#p4-1\"")));
    assert!(chapter.contains(&format!("<a href=\"/books/{id}/trang/4\">tr. 2</a>")));

    // The citation, selectable text on the page; the copy button waits for the script.
    assert!(page.contains(
        "Ban Chấp hành Đảng bộ xã Đồng Tiến, Lịch sử Đảng bộ xã Đồng Tiến (1945 – 2020), Nhà xuất bản Văn hóa dân tộc, Hà Giang, 2021, tr. 2."
    ), "{page}");
    assert!(page.contains("data-copy=\"trich-dan-van\" hidden"));

    // The EPUB of the book.
    let (status, content_type, epub) = site.get(&format!("/books/{id}.epub")).await;
    assert_eq!(
        (status, content_type.as_str()),
        (StatusCode::OK, "application/epub+zip")
    );
    assert!(epub.starts_with(b"PK"));

    // A document is not a book.
    let (status, _, _) = site.get("/books/ffffffffffffffff").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_inside_a_book_with_and_without_marks() {
    let site = Site::new(false);
    let id = site.id("dong-tien.pdf");
    let marked = site
        .json(&format!(
            "/api/books/{id}/search?q=%C4%90%E1%BB%93ng+Ti%E1%BA%BFn"
        ))
        .await;
    let plain = site
        .json(&format!("/api/books/{id}/search?q=dong+tien"))
        .await;
    let pages = |v: &Value| -> Vec<u64> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["page"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(pages(&marked), [1, 2, 3, 4, 5, 7]);
    assert_eq!(pages(&plain), pages(&marked), "with and without marks");
    assert_eq!(marked["phrase"], true);
    let hit = &plain["hits"][2];
    assert_eq!(hit["page"], 3);
    assert_eq!(hit["label"], "1");
    let snippet = hit["snippet"].as_str().unwrap();
    let range = &hit["highlights"][0];
    let (from, to) = (
        range["start"].as_u64().unwrap() as usize,
        range["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&snippet[from..to], "Đồng Tiến", "{snippet}");
    let url = hit["url"].as_str().unwrap();
    let paragraph = hit["paragraph"].as_str().unwrap();
    assert!(
        url.starts_with(&format!("/books/{id}/trang/3?q=dong+tien#p3-")),
        "{url}"
    );
    assert!(url.ends_with(&format!("#{paragraph}")));

    // The hit's page marks the words and holds the paragraph it points to.
    let page = site.html(url.split('#').next().unwrap()).await;
    assert!(page.contains("<mark>Đồng Tiến</mark>"), "{page}");
    assert!(page.contains(&format!("id=\"{paragraph}\"")));
    assert!(page.contains("1 chỗ khớp"));
    // A chapter view keeps the marks.
    let chapter = site
        .html(&format!("/books/{id}/chuong/3?q=dong+tien"))
        .await;
    assert!(chapter.contains("<mark>Đồng Tiến</mark>"));
    assert!(rel_link(&chapter, "next")
        .unwrap()
        .ends_with("?q=dong+tien"));

    // A mark typed is a mark wanted: `đóng` (to contribute) is not `Đồng`.
    let contribute = site
        .json(&format!("/api/books/{id}/search?q=%C4%91%C3%B3ng"))
        .await;
    assert_eq!(pages(&contribute), [3]);
    // Words apart: pages holding all of them.
    let apart = site
        .json(&format!("/api/books/{id}/search?q=thanh+nien+dang+vien"))
        .await;
    assert_eq!(apart["phrase"], false);
    assert_eq!(pages(&apart), [6]);
    let none = site
        .json(&format!("/api/books/{id}/search?q=dien+bien+phu"))
        .await;
    assert_eq!(none["total"], 0);
    let empty = site.json(&format!("/api/books/{id}/search?q=")).await;
    assert_eq!(empty["total"], 0);

    // The HTML search page lists the same hits.
    let results = site.html(&format!("/books/{id}/tim?q=dong+tien")).await;
    assert!(results.contains("Thấy ở <strong>6</strong> trang"));
    assert!(results.contains("<mark>Đồng Tiến</mark>"));
    assert!(results.contains(&format!("href=\"/books/{id}/trang/3?q=dong+tien#p3-")));
    // The library's search leads into the book reader, at the page.
    let library = site.html("/search?q=du+kich+dong+tien").await;
    assert!(
        library.contains(&format!("href=\"/books/{id}/trang/4?q=du+kich+dong+tien\"")),
        "{library}"
    );
    let document = site.html(&format!("/documents/{id}")).await;
    assert!(document.contains(&format!("href=\"/books/{id}\"")));
    let (status, _, _) = site
        .get(&format!("/api/books/{id}/search?q={}", "a".repeat(400)))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_classified_book_is_missing_on_every_route() {
    let site = Site::new(false);
    let secret = site.id("mat.txt");
    assert_eq!(site.test.show(&secret)["classification"], "mat");
    for uri in [
        format!("/books/{secret}"),
        format!("/books/{secret}.epub"),
        format!("/books/{secret}/chuong/1"),
        format!("/books/{secret}/trang/1"),
        format!("/books/{secret}/tim?q=thanh+thuy"),
        format!("/api/books/{secret}/search?q=thanh+thuy"),
        format!("/documents/{secret}"),
        "/histories?tinh=H%C3%A0+Giang&huyen=V%E1%BB%8B+Xuy%C3%AAn".to_string(),
    ] {
        let (status, _, body) = site.get(&uri).await;
        let body = String::from_utf8_lossy(&body);
        if uri.starts_with("/histories") {
            assert_eq!(status, StatusCode::OK);
        } else {
            let missing = site.get(&uri.replace(&secret, "ffffffffffffffff")).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
            assert_eq!(
                body,
                String::from_utf8_lossy(&missing.2),
                "{uri}: same 404 as missing"
            );
        }
        assert!(
            !body.contains("quỳnhlâmbiêngiới") && !body.contains("Thanh Thủy"),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn reading_pages_stay_under_100_kb_through_a_300_page_history() {
    let site = Site::new(true);
    let id = site.id("bac-quang.txt");
    let (_, _, css) = site.get("/static/style.css").await;
    let (status, content_type, js) = site.get("/static/reader.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/javascript"));
    let budget = 100 * 1024 - css.len() - js.len();
    let title = site.html(&format!("/books/{id}")).await;
    assert!(title.len() <= budget, "title page: {} bytes", title.len());
    for label in [
        "Chương mở đầu",
        "Phần thứ nhất",
        "Chương VI",
        "Phụ lục 2",
        "Tài liệu tham khảo",
    ] {
        assert!(
            title.contains(&format!("<strong>{label}</strong>")),
            "{label} in the TOC"
        );
    }
    // Walk the book by "next" from the first section: every page once, every view light.
    let mut seen = Vec::new();
    let mut heaviest = 0;
    let mut url = Some(format!("/books/{id}/chuong/1"));
    while let Some(u) = url {
        let page = site.html(&u).await;
        heaviest = heaviest.max(page.len());
        assert!(page.len() <= budget, "{u}: {} bytes of HTML", page.len());
        for (at, _) in page.match_indices("class=\"page\" id=\"trang-") {
            let rest = &page[at + 23..];
            seen.push(rest[..rest.find('"').unwrap()].parse::<u32>().unwrap());
        }
        url = rel_link(&page, "next");
    }
    seen.dedup();
    assert_eq!(seen, (1..=300).collect::<Vec<_>>(), "every page, in order");
    eprintln!(
        "heaviest reading page {heaviest} B + CSS {} B + JS {} B",
        css.len(),
        js.len()
    );
    let page = site
        .html(&format!("/books/{id}/trang/150?q=bac+quang"))
        .await;
    assert!(page.len() <= budget);
    let found = site
        .json(&format!("/api/books/{id}/search?q=vinh+tuy"))
        .await;
    assert!(found["total"].as_u64().unwrap() > 100);
}

// ---------------------------------------------------------------------------------------------
// A scanned book.

/// Page `page` of a PDF as a grey JPEG at 300 dpi, as a scanner gives it.
fn scan_page(pdf: &Path, page: u32) -> Vec<u8> {
    let page = page.to_string();
    let pgm = support::tool(
        "pdftoppm",
        &[
            "-r",
            "300",
            "-f",
            &page,
            "-l",
            &page,
            "-gray",
            pdf.to_str().unwrap(),
        ],
        None,
    );
    support::tool("pnmtojpeg", &["-quality", "85"], Some(&pgm))
}

#[tokio::test]
async fn a_scanned_book_shows_each_page_image_beside_its_text_with_hits_boxed() {
    let test = TestArchive::new();
    let inbox = test.inbox();
    let printed = test.dir.path().join("printed.pdf");
    let text = [
        "BAN CHẤP HÀNH ĐẢNG BỘ XÃ LŨNG CÚ\n\nLỊCH SỬ ĐẢNG BỘ XÃ LŨNG CÚ\n(1945 – 2020)\n\nNHÀ XUẤT BẢN VĂN HÓA DÂN TỘC\nHÀ GIANG – 2021",
        "CHƯƠNG I\nNHỮNG NGÀY ĐẦU\n\nNhân dân các dân tộc huyện Đồng Văn đoàn kết, khắc phục khó khăn.\nCác cấp ủy đảng tăng cường kiểm tra việc xây dựng công trình thủy lợi.\n1",
        "Đảng bộ huyện lãnh đạo phát triển kinh tế, xóa đói giảm nghèo, nâng cao đời sống.\n2",
    ]
    .join(&format!("\n{}\n", fixtures::PAGE_BREAK));
    fixtures::write_as("pdf", "scan", &text, &printed).unwrap();
    let scans: Vec<Vec<u8>> = (1..=3).map(|p| scan_page(&printed, p)).collect();
    std::fs::write(inbox.join("lung-cu.pdf"), fixtures::image_pdf(&scans)).unwrap();
    let outcomes = test.ingest_book(&inbox);
    assert_eq!(outcomes[0]["status"], "added", "{outcomes:?}");
    let id = outcomes[0]["id"].as_str().unwrap().to_string();
    let app = router(AppState::new(
        Archive::open(&test.library(), &test.index()).unwrap(),
    ));

    let (status, _, body) = support::get(&app, &format!("/books/{id}/trang/2?q=dong+van")).await;
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(body).unwrap();
    assert_accessible("scan page", &page);
    assert!(
        page.contains("class=\"leaf scan\""),
        "image beside the text"
    );
    assert!(page.contains(&format!("href=\"/documents/{id}/pages/2.png\"")));
    assert!(
        page.contains("<rect class=\"hit\""),
        "hits boxed on the image"
    );
    assert!(
        page.contains("<mark>Đồng Văn</mark>"),
        "hits marked in the text"
    );
    assert!(page.contains("aria-label=\"Ảnh bản quét trang 2\""));
    assert!(
        page.contains("<h1>tr. 1 "),
        "the printed number read from the scan: {page}"
    );
    let found = support::get(&app, &format!("/api/books/{id}/search?q=thuy+loi")).await;
    let found: Value = serde_json::from_slice(&found.2).unwrap();
    assert_eq!(found["hits"][0]["page"], 2);

    let (_, _, chapter) = support::get(&app, &format!("/books/{id}/chuong/2")).await;
    let chapter = String::from_utf8(chapter).unwrap();
    assert_accessible("scan chapter", &chapter);
    assert!(
        chapter.contains(&format!(
            "<img src=\"/documents/{id}/pages/2.png\" loading=\"lazy\" alt=\"Ảnh bản quét tr. 1\">"
        )),
        "{chapter}"
    );
}

// ---------------------------------------------------------------------------------------------
// A real browser.

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .map(str::to_string)
}

/// Headless Chromium at phone width with a profile of its own; returns stdout.
fn browse(browser: &str, profile: &Path, args: &[&str], url: &str) -> String {
    let out = Command::new("timeout")
        .arg("90")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=390,844",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stderr(Stdio::null())
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_phone_browser_remembers_the_reading_position_and_renders_the_page() {
    let Some(browser) = chromium() else {
        eprintln!("bỏ qua: không có Chromium (cài bằng scripts/setup.sh --test)");
        return;
    };
    let site = TestArchive::new();
    let inbox = site.inbox();
    fixtures::write_as(
        "pdf",
        "Đồng Tiến",
        &dong_tien_text(),
        &inbox.join("dong-tien.pdf"),
    )
    .unwrap();
    std::fs::write(inbox.join("dong-tien.pdf.meta.json"), DONG_TIEN_SIDECAR).unwrap();
    let id = site.ingest_book(&inbox)[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let server = support::server::Server::start(&site);
    let base = server.base.clone();
    let profile = site.dir.path().join("profile");

    // Reading chapter I from its second page, then coming back to the title page.
    let chapter = browse(
        &browser,
        &profile,
        &["--dump-dom"],
        &format!("{base}/books/{id}/chuong/3#trang-4"),
    );
    assert!(chapter.contains("Chi bộ Đảng ra đời"), "{chapter}");
    assert!(
        chapter.contains("data-copy=\"trich-dan-van\">Sao chép trích dẫn"),
        "the script showed the copy button: {chapter}"
    );
    let title = browse(
        &browser,
        &profile,
        &["--dump-dom"],
        &format!("{base}/books/{id}"),
    );
    let resume = &title[title.find("id=\"doc-tiep\"").expect("resume paragraph")..];
    let resume = &resume[..resume.find("</p>").unwrap()];
    assert!(!resume.contains("hidden"), "{resume}");
    assert!(
        resume.contains(&format!("href=\"/books/{id}/trang/"))
            && resume.contains("Đọc tiếp từ tr. "),
        "{resume}"
    );

    // A screenshot at phone width: a PNG as wide as the phone.
    let shot = site.dir.path().join("phone.png");
    browse(
        &browser,
        &profile,
        &[&format!("--screenshot={}", shot.display())],
        &format!("{base}/books/{id}/trang/3?q=dong+tien"),
    );
    let png = std::fs::read(&shot).expect("a screenshot was written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (390, 844));
    assert!(
        png.len() > 20_000,
        "something was drawn: {} bytes",
        png.len()
    );
    drop(server);
}
