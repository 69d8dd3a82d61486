//! Books and collections as EPUB, and the OPDS catalog: the shipped sample history with a
//! sidecar, a generated history with parts and printed page numbers, an anthology of a search,
//! and every OPDS feed read back with quick-xml. Every EPUB goes through the real epubcheck;
//! MẬT documents and books appear nowhere.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::Path;

use axum::http::StatusCode;
use quick_xml::events::Event;
use serde_json::Value;
use support::{assert_valid_epub, fixtures, party_document, samples_dir, TestArchive};
use vankien::web::{router, AppState};
use vankien::Archive;

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("an EPUB is a ZIP");
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        files.insert(entry.name().to_string(), data);
    }
    files
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        files
            .get(name)
            .unwrap_or_else(|| panic!("{name} in {:?}", files.keys()))
            .clone(),
    )
    .unwrap()
}

/// The labels of the page list, in order.
fn page_list(nav: &str) -> Vec<String> {
    let list = &nav[nav.find("epub:type=\"page-list\"").expect("a page list")..];
    list.split("<li><a href=\"")
        .skip(1)
        .map(|l| l[l.find('>').unwrap() + 1..l.find("</a>").unwrap()].to_string())
        .collect()
}

/// `vankien ingest --kind book` on `paths`; the ids of what was added.
fn ingest_books(archive: &TestArchive, paths: &[&Path]) -> Vec<String> {
    let mut args = vec!["ingest", "--json", "--kind", "book"];
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(paths.iter().map(String::as_str));
    archive
        .ok(&args)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["event"] != "page")
        .map(|v| {
            assert_eq!(v["status"], "added", "{v}");
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

fn export(archive: &TestArchive, id: &str) -> Vec<u8> {
    let out = archive.dir.path().join(format!("{id}.epub"));
    archive.ok(&["export-epub", id, "-o", out.to_str().unwrap()]);
    assert_valid_epub(&out);
    std::fs::read(&out).unwrap()
}

#[tokio::test]
async fn the_sample_history_with_a_sidecar() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let book = inbox.join("dong-tien.pdf");
    std::fs::copy(
        samples_dir().join("books/book-lich-su-dang-bo-xa-dong-tien.pdf"),
        &book,
    )
    .unwrap();
    std::fs::write(
        inbox.join("dong-tien.pdf.meta.json"),
        r#"{
            "title": "Lịch sử Đảng bộ xã Đồng Tiến (1945 – 2020)",
            "province": "Hà Giang",
            "district": "Bắc Quang",
            "commune": "Đồng Tiến",
            "period": "1945 – 2020",
            "publisher": "Nhà xuất bản Văn hóa dân tộc",
            "publication_place": "Hà Nội",
            "year": 2021,
            "volume": "Tập I",
            "isbn": "978-604-70-1234-3",
            "authors": ["Ma Văn Đông", "Hoàng Thị Lụa"],
            "language": "vi"
        }"#,
    )
    .unwrap();
    let id = ingest_books(&archive, &[&book]).remove(0);
    let bytes = export(&archive, &id);
    let files = unzip(&bytes);

    let opf = text(&files, "OEBPS/content.opf");
    for expected in [
        "<dc:identifier id=\"epub-id-1\">urn:isbn:9786047012343</dc:identifier>",
        &format!("<dc:identifier id=\"vankien-id\">urn:vankien:{id}</dc:identifier>"),
        "<dc:title>Lịch sử Đảng bộ xã Đồng Tiến (1945 – 2020)</dc:title>",
        "<dc:creator id=\"creator\">Ban Chấp hành Đảng bộ xã Đồng Tiến</dc:creator>",
        "<dc:creator id=\"creator-2\">Ma Văn Đông</dc:creator>",
        "<dc:creator id=\"creator-3\">Hoàng Thị Lụa</dc:creator>",
        "<dc:publisher>Nhà xuất bản Văn hóa dân tộc</dc:publisher>",
        "<dc:date>2021</dc:date>",
        "<dc:subject>Hà Giang</dc:subject>",
        "<dc:subject>Bắc Quang</dc:subject>",
        "<dc:coverage>1945 – 2020</dc:coverage>",
        ">vi</dc:language>",
        "properties=\"cover-image\"",
    ] {
        assert!(opf.contains(expected), "{expected} in {opf}");
    }
    assert_eq!(&files["OEBPS/cover.png"][..8], b"\x89PNG\r\n\x1a\n");
    let title = text(&files, "OEBPS/title.xhtml");
    assert!(
        title.contains("Tập I") && title.contains("Hà Nội – 2021"),
        "{title}"
    );

    // The table of contents is the book's own, in order, each chapter its own file.
    let shown = archive.show(&id);
    let nav = text(&files, "OEBPS/nav.xhtml");
    let toc = &nav[..nav.find("epub:type = \"landmarks\"").unwrap()];
    let mut last = 0;
    for chapter in shown["chapters"].as_array().expect("chapters") {
        let label = chapter["label"].as_str().unwrap();
        let at = toc[last..]
            .find(&format!(">{label}"))
            .unwrap_or_else(|| panic!("{label} after {last} in {toc}"));
        last += at + 1;
    }
    assert!(nav.contains("epub:type=\"bodymatter\""), "{nav}");

    // The page list: the printed numbers, or the file's page numbers when none is printed.
    let labels: Vec<Option<String>> = shown["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().map(str::to_string))
        .collect();
    let expected: Vec<String> = if labels.iter().any(Option::is_some) {
        labels.into_iter().flatten().collect()
    } else {
        assert!(opf.contains("dùng số thứ tự trang trong tệp gốc"), "{opf}");
        (1..=shown["pages"].as_array().unwrap().len())
            .map(|n| n.to_string())
            .collect()
    };
    assert_eq!(page_list(&nav), expected);

    // The web serves the same bytes.
    let app = router(AppState::new(
        Archive::open(&archive.library(), &archive.index()).unwrap(),
    ));
    let (status, kind, body) = support::get(&app, &format!("/documents/{id}.epub")).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "application/epub+zip")
    );
    assert!(body == bytes, "the web and the CLI give the same EPUB");
}

const PROSE: &str = "Dưới sự lãnh đạo của Đảng, nhân dân các dân tộc trong huyện đã đoàn kết một lòng, vượt qua muôn vàn khó khăn, gian khổ, góp phần cùng cả nước giành độc lập.\n\nPhong trào cách mạng ở địa phương phát triển mạnh mẽ, nhiều quần chúng ưu tú được kết nạp vào Đảng, các đoàn thể cứu quốc được xây dựng ở khắp các thôn bản.";

/// A history with two parts and page numbers printed at the foot of its pages (page 2 prints 6).
fn history_text() -> String {
    let body = |head: &str, n: u32| format!("{head}{PROSE}\n\n{PROSE}\n\n{n}");
    [
        "BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN VỊ XUYÊN\n\nLỊCH SỬ ĐẢNG BỘ HUYỆN VỊ XUYÊN\n(1930 – 2015)\n\nNHÀ XUẤT BẢN CHÍNH TRỊ QUỐC GIA SỰ THẬT\nHÀ NỘI – 2016".to_string(),
        body("LỜI GIỚI THIỆU\n\n", 6),
        body("PHẦN THỨ NHẤT\nĐẤU TRANH GIÀNH CHÍNH QUYỀN (1930 – 1945)\n\nCHƯƠNG I\nĐẢNG BỘ HUYỆN RA ĐỜI (1930 – 1940)\n\n", 7),
        body("", 8),
        body("CHƯƠNG II\nKHỞI NGHĨA GIÀNH CHÍNH QUYỀN (1940 – 1945)\n\n", 9),
        body("PHẦN THỨ HAI\nKHÁNG CHIẾN VÀ XÂY DỰNG (1945 – 2015)\n\nCHƯƠNG III\nKHÁNG CHIẾN CHỐNG THỰC DÂN PHÁP (1945 – 1954)\n\n", 10),
        body("", 11),
        body("KẾT LUẬN\n\n", 12),
    ]
    .join(&format!("\n{}\n", fixtures::PAGE_BREAK))
}

#[test]
fn a_history_with_parts_and_printed_page_numbers() {
    let archive = TestArchive::new();
    let pdf = archive.inbox().join("vi-xuyen.pdf");
    std::fs::write(&pdf, fixtures::pdf_bytes("Vị Xuyên", &history_text())).unwrap();
    let id = ingest_books(&archive, &[&pdf]).remove(0);
    let shown = archive.show(&id);
    let levels: Vec<(String, String)> = shown["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["level"].as_str().unwrap().to_string(),
                c["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        levels.contains(&("part".to_string(), "Phần thứ nhất".to_string()))
            && levels.contains(&("chapter".to_string(), "Chương I".to_string())),
        "{levels:?}"
    );
    let files = unzip(&export(&archive, &id));
    let nav = text(&files, "OEBPS/nav.xhtml");
    let part1 = nav.find(">Phần thứ nhất").expect(&nav);
    let ch1 = nav.find(">Chương I:").expect(&nav);
    let ch2 = nav.find(">Chương II:").expect(&nav);
    let part2 = nav.find(">Phần thứ hai").expect(&nav);
    let ch3 = nav.find(">Chương III:").expect(&nav);
    assert!(part1 < ch1 && ch1 < ch2 && ch2 < part2 && part2 < ch3);
    assert!(
        nav[part1..ch1].contains("<ol>"),
        "chapters nest in their part: {nav}"
    );
    assert!(nav[ch2..part2].contains("</ol>"), "{nav}");

    let printed: Vec<String> = shown["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["label"].as_str().map(str::to_string))
        .collect();
    assert!(
        printed.contains(&"6".to_string()) && printed.contains(&"12".to_string()),
        "{printed:?}"
    );
    assert_eq!(page_list(&nav), printed);
    // Each entry's target exists where the list says.
    let list = &nav[nav.find("epub:type=\"page-list\"").unwrap()..];
    for href in list
        .split("href=\"")
        .skip(1)
        .map(|h| &h[..h.find('"').unwrap()])
    {
        let (file, anchor) = href.split_once('#').unwrap();
        let page = text(&files, &format!("OEBPS/{file}"));
        assert!(
            page.contains(&format!(
                "<span epub:type=\"pagebreak\" id=\"{anchor}\" role=\"doc-pagebreak\""
            )),
            "{href}"
        );
    }
    assert!(text(&files, "OEBPS/content.opf").contains("printPageNumbers"));
}

/// A library where a search for `biên giới` finds 55 public documents, a MẬT document and a
/// MẬT history, beside the sample history.
struct Library {
    test: TestArchive,
    app: axum::Router,
    public_book: String,
    secret: String,
    secret_book: String,
}

const SECRET_WORD: &str = "quỳnhlâmbímật";
/// In the 55 public documents and in the MẬT ones, nowhere else.
const COMMON_WORD: &str = "lũngcúbiêncương";
/// `COMMON_WORD` in a query string.
const COMMON_QUERY: &str = "l%C5%A9ngc%C3%BAbi%C3%AAnc%C6%B0%C6%A1ng";

fn library() -> Library {
    let test = TestArchive::new();
    let inbox = test.inbox();
    for n in 1..=55 {
        let doc = party_document(
            "ĐẢNG BỘ TỈNH HÀ GIANG\nBAN TUYÊN GIÁO TỈNH ỦY",
            &format!("{n}-HD/BTGTU"),
            &format!("Hà Giang, ngày {} tháng 3 năm 2024", n % 28 + 1),
            "HƯỚNG DẪN",
            &format!("tuyên truyền bảo vệ chủ quyền biên giới, đợt {n}"),
            &format!("Tuyên truyền về bảo vệ chủ quyền biên giới quốc gia, đợt thứ {n}, {COMMON_WORD}.\n\nCác chi bộ tổ chức học tập."),
        );
        std::fs::write(inbox.join(format!("hd-{n:02}.txt")), doc).unwrap();
    }
    let secret = party_document(
        "ĐẢNG BỘ TỈNH HÀ GIANG\nTỈNH ỦY\nMẬT",
        "45-BC/TU",
        "Hà Giang, ngày 12 tháng 9 năm 2023",
        "BÁO CÁO",
        "tình hình biên giới",
        &format!(
            "Tình hình biên giới, {COMMON_WORD}. Từ khóa riêng của tài liệu mật: {SECRET_WORD}."
        ),
    );
    std::fs::write(inbox.join("mat.txt"), secret).unwrap();
    let ids: Vec<(String, String)> = test
        .ingest(&[&inbox])
        .iter()
        .map(|o| {
            assert_eq!(o["status"], "added", "{o}");
            (
                o["source"].as_str().unwrap().to_string(),
                o["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let secret = ids
        .iter()
        .find(|(s, _)| s.ends_with("mat.txt"))
        .unwrap()
        .1
        .clone();

    let books = test.dir.path().join("books");
    std::fs::create_dir_all(&books).unwrap();
    let sample = books.join("dong-tien.pdf");
    std::fs::copy(
        samples_dir().join("books/book-lich-su-dang-bo-xa-dong-tien.pdf"),
        &sample,
    )
    .unwrap();
    let secret_history = books.join("mat-history.txt");
    std::fs::write(
        &secret_history,
        format!("MẬT\n\nBAN CHẤP HÀNH ĐẢNG BỘ XÃ TIÊN KIỀU\n\nLỊCH SỬ ĐẢNG BỘ XÃ TIÊN KIỀU\n(1945 – 2020)\n\nHÀ GIANG – 2021\n\nXã Tiên Kiều thuộc huyện Bắc Quang, tỉnh Hà Giang, vùng biên giới, {COMMON_WORD}. {SECRET_WORD}\n"),
    )
    .unwrap();
    let public_book = ingest_books(&test, &[&sample]).remove(0);
    let secret_book = ingest_books(&test, &[&secret_history]).remove(0);
    let shown: Value = serde_json::from_str(&test.ok(&["show", &secret_book, "--json"])).unwrap();
    assert_eq!(
        shown["classification"], "mat",
        "the generated history is MẬT: {shown}"
    );
    let archive = Archive::open(&test.library(), &test.index()).unwrap();
    Library {
        app: router(AppState::new(archive)),
        test,
        public_book,
        secret,
        secret_book,
    }
}

#[tokio::test]
async fn an_anthology_of_a_search_is_capped_and_says_so() {
    let lib = library();
    let uri = format!("/search.epub?q={COMMON_QUERY}");
    let uri = uri.as_str();
    let (status, kind, bytes) = support::get(&lib.app, uri).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "application/epub+zip")
    );
    let path = lib.test.dir.path().join("anthology.epub");
    std::fs::write(&path, &bytes).unwrap();
    assert_valid_epub(&path);
    let files = unzip(&bytes);
    let title = text(&files, "OEBPS/title.xhtml");
    assert!(
        title.contains("có 55 tài liệu khớp, tuyển tập này gồm 50 tài liệu"),
        "{title}"
    );
    let opf = text(&files, "OEBPS/content.opf");
    assert!(
        opf.contains(&format!("<dc:description>Tuyển tập các tài liệu tìm được với “{COMMON_WORD}”: có 55 tài liệu khớp")),
        "{opf}"
    );
    // One chapter per document, opened by its metadata line.
    assert!(
        files.contains_key("OEBPS/chapter-050.xhtml")
            && !files.contains_key("OEBPS/chapter-051.xhtml")
    );
    let first = text(&files, "OEBPS/chapter-001.xhtml");
    assert!(first.contains("-HD/BTGTU · Hướng dẫn · "), "{first}");
    for (name, data) in &files {
        assert!(
            !String::from_utf8_lossy(data).contains(SECRET_WORD),
            "{name}"
        );
    }
    let (_, _, again) = support::get(&lib.app, uri).await;
    assert!(again == bytes, "same library, same query: same bytes");

    // A smaller search holds every match and says so.
    let (status, _, small) =
        support::get(&lib.app, "/search.epub?q=%C4%91%E1%BB%A3t+th%E1%BB%A9+7").await;
    assert_eq!(status, StatusCode::OK);
    let title = text(&unzip(&small), "OEBPS/title.xhtml");
    assert!(title.contains("đều có trong tuyển tập này"), "{title}");

    let (status, _, body) = support::get(&lib.app, &format!("/search.epub?q={SECRET_WORD}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(String::from_utf8(body)
        .unwrap()
        .contains("Không có tài liệu nào khớp"));
    let (status, _, _) = support::get(&lib.app, "/search.epub?q=").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// What a test needs of an Atom feed.
#[derive(Debug, Default)]
struct Feed {
    id: String,
    links: Vec<Link>,
    entries: Vec<Entry>,
    total: Option<usize>,
}

#[derive(Debug, Default, Clone)]
struct Link {
    rel: String,
    href: String,
    kind: String,
}

#[derive(Debug, Default)]
struct Entry {
    id: String,
    title: String,
    updated: String,
    links: Vec<Link>,
}

impl Feed {
    fn link(&self, rel: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.rel == rel)
    }
}

impl Entry {
    fn link(&self, rel: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.rel == rel)
    }
}

/// Parses a feed with quick-xml: a malformed document fails the test.
fn parse_feed(xml: &[u8]) -> Feed {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut feed = Feed::default();
    let mut path: Vec<String> = Vec::new();
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).expect("well-formed XML");
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if name == "feed" {
                    let ns = e.try_get_attribute("xmlns").unwrap().unwrap();
                    assert_eq!(&*ns.value, b"http://www.w3.org/2005/Atom");
                }
                if name == "entry" {
                    feed.entries.push(Entry::default());
                }
                if name == "link" {
                    let attr = |k: &str| {
                        e.try_get_attribute(k)
                            .unwrap()
                            .map(|a| a.unescape_value().unwrap().into_owned())
                            .unwrap_or_default()
                    };
                    let link = Link {
                        rel: attr("rel"),
                        href: attr("href"),
                        kind: attr("type"),
                    };
                    match path.last().map(String::as_str) {
                        Some("entry") => feed.entries.last_mut().unwrap().links.push(link),
                        _ => feed.links.push(link),
                    }
                }
                if matches!(event, Event::Start(_)) {
                    path.push(name);
                }
            }
            Event::Text(t) => {
                let value = t.unescape().unwrap().into_owned();
                let names: Vec<&str> = path.iter().map(String::as_str).collect();
                match names.as_slice() {
                    ["feed", "id"] => feed.id = value,
                    ["feed", "opensearch:totalResults"] => feed.total = value.parse().ok(),
                    ["feed", "entry", "id"] => feed.entries.last_mut().unwrap().id = value,
                    ["feed", "entry", "title"] => feed.entries.last_mut().unwrap().title = value,
                    ["feed", "entry", "updated"] => {
                        feed.entries.last_mut().unwrap().updated = value
                    }
                    _ => {}
                }
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    assert!(!feed.id.is_empty(), "every feed has an id");
    feed
}

const NAVIGATION: &str = "application/atom+xml;profile=opds-catalog;kind=navigation";
const ACQUISITION: &str = "application/atom+xml;profile=opds-catalog;kind=acquisition";

async fn feed(lib: &Library, uri: &str, kind: &str) -> Feed {
    let (status, content_type, body) = support::get(&lib.app, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}");
    assert_eq!(content_type, kind, "{uri}");
    let feed = parse_feed(&body);
    let body = String::from_utf8(body).unwrap();
    for secret in [&lib.secret, &lib.secret_book] {
        assert!(
            !body.contains(secret.as_str()),
            "{uri} lists a MẬT document"
        );
    }
    assert!(
        !body.contains(SECRET_WORD) && !body.contains("Tiên Kiều"),
        "{uri}"
    );
    assert_eq!(
        feed.link("start").map(|l| l.href.as_str()),
        Some("/opds"),
        "{uri}"
    );
    let search = feed.link("search").expect("a search link");
    assert_eq!(
        (search.href.as_str(), search.kind.as_str()),
        (
            "/opds/opensearch.xml",
            "application/opensearchdescription+xml"
        )
    );
    if kind == ACQUISITION {
        for entry in &feed.entries {
            assert!(
                entry.id.starts_with("urn:vankien:") && !entry.title.is_empty(),
                "{entry:?}"
            );
            assert!(entry.updated.ends_with('Z'), "{entry:?}");
            let epub = entry
                .links
                .iter()
                .find(|l| {
                    l.rel == "http://opds-spec.org/acquisition" && l.kind == "application/epub+zip"
                })
                .unwrap_or_else(|| panic!("{uri}: {entry:?} links no EPUB"));
            assert!(epub.href.ends_with(".epub"), "{epub:?}");
        }
    }
    feed
}

/// Every entry of an acquisition feed, following its `next` links.
async fn all_pages(lib: &Library, uri: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut next = Some(uri.to_string());
    let mut pages = 0;
    while let Some(uri) = next {
        let page = feed(lib, &uri, ACQUISITION).await;
        assert!(page.entries.len() <= vankien::web::opds::PAGE_SIZE);
        next = page.link("next").map(|l| l.href.clone());
        if pages > 0 {
            assert!(page.link("previous").is_some(), "{uri}");
        }
        entries.extend(page.entries);
        pages += 1;
        assert!(pages < 20, "paging ends");
    }
    entries
}

#[tokio::test]
async fn the_opds_catalog() {
    let lib = library();
    let start = feed(&lib, "/opds", NAVIGATION).await;
    assert_eq!(start.link("self").unwrap().kind, NAVIGATION);
    let targets: Vec<Link> = start.entries.iter().flat_map(|e| e.links.clone()).collect();
    assert!(targets
        .iter()
        .any(|l| l.href == "/opds/newest" && l.kind == ACQUISITION));
    assert!(targets
        .iter()
        .any(|l| l.href == "/opds/types" && l.kind == NAVIGATION));
    assert!(targets
        .iter()
        .any(|l| l.href == "/opds/books" && l.kind == NAVIGATION));

    // Newest: 55 documents and the public history, 25 a page.
    let first = feed(&lib, "/opds/newest", ACQUISITION).await;
    assert_eq!(first.total, Some(56));
    assert_eq!(first.entries.len(), 25);
    assert_eq!(first.link("next").unwrap().href, "/opds/newest?page=2");
    assert_eq!(first.link("last").unwrap().href, "/opds/newest?page=3");
    for link in &first.links {
        let (status, kind, _) = support::get(&lib.app, &link.href).await;
        assert_eq!(status, StatusCode::OK, "{link:?}");
        assert_eq!(kind, link.kind, "{link:?}");
    }
    let newest = all_pages(&lib, "/opds/newest").await;
    assert_eq!(newest.len(), 56);
    let ids: BTreeSet<&str> = newest.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 56, "no entry twice across pages");
    let last = feed(&lib, "/opds/newest?page=3", ACQUISITION).await;
    assert_eq!(last.entries.len(), 6);
    assert!(last.link("next").is_none());
    assert_eq!(last.link("previous").unwrap().href, "/opds/newest?page=2");

    // Each document's EPUB link works; the book links the book route and its cover.
    let book_id = format!("urn:vankien:{}", lib.public_book);
    let book = newest
        .iter()
        .find(|e| e.id == book_id)
        .expect("the history is listed");
    let acquisition = book.link("http://opds-spec.org/acquisition").unwrap();
    assert_eq!(acquisition.href, format!("/books/{}.epub", lib.public_book));
    let (status, kind, epub) = support::get(&lib.app, &acquisition.href).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "application/epub+zip")
    );
    let opf = text(&unzip(&epub), "OEBPS/content.opf");
    assert!(
        opf.contains("properties=\"cover-image\""),
        "the book route serves the book EPUB"
    );
    let cover = book.link("http://opds-spec.org/image").expect("a cover");
    assert_eq!(cover.kind, "image/png");
    let (status, kind, png) = support::get(&lib.app, &cover.href).await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "image/png"));
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let document = newest.iter().find(|e| e.id != book_id).unwrap();
    let epub = document.link("http://opds-spec.org/acquisition").unwrap();
    let (status, kind, _) = support::get(&lib.app, &epub.href).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "application/epub+zip"),
        "{epub:?}"
    );
    let page = document.link("alternate").unwrap();
    let (status, kind, _) = support::get(&lib.app, &page.href).await;
    assert_eq!(status, StatusCode::OK, "{page:?}");
    assert!(kind.starts_with("text/html"), "{page:?}");

    // By type: every type's feed, all pages, adds up to what there is.
    let types = feed(&lib, "/opds/types", NAVIGATION).await;
    assert_eq!(types.link("up").unwrap().href, "/opds");
    let mut typed = 0;
    for entry in &types.entries {
        let link = entry.link("subsection").unwrap();
        assert_eq!(link.kind, ACQUISITION);
        typed += all_pages(&lib, &link.href).await.len();
    }
    assert_eq!(typed, 56);

    // Histories by province.
    let provinces = feed(&lib, "/opds/books", NAVIGATION).await;
    let ha_giang = provinces
        .entries
        .iter()
        .find(|e| e.title == "Tỉnh Hà Giang")
        .expect("Hà Giang");
    let in_province = all_pages(&lib, &ha_giang.link("subsection").unwrap().href).await;
    assert_eq!(
        in_province.len(),
        1,
        "the MẬT history of the same province is not listed"
    );
    assert_eq!(all_pages(&lib, "/opds/books/all").await.len(), 1);

    // Search, from the e-reader.
    let (status, kind, description) = support::get(&lib.app, "/opds/opensearch.xml").await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "application/opensearchdescription+xml")
    );
    let description = String::from_utf8(description).unwrap();
    assert!(
        description.contains("/opds/search?q={searchTerms}"),
        "{description}"
    );
    let found = feed(&lib, &format!("/opds/search?q={COMMON_QUERY}"), ACQUISITION).await;
    assert_eq!(found.total, Some(55));
    assert_eq!(
        all_pages(&lib, &format!("/opds/search?q={COMMON_QUERY}"))
            .await
            .len(),
        55
    );
    // The feed names the query itself, so only its entries are checked.
    let (status, _, body) = support::get(&lib.app, &format!("/opds/search?q={SECRET_WORD}")).await;
    assert_eq!(status, StatusCode::OK);
    let nothing = parse_feed(&body);
    assert_eq!((nothing.total, nothing.entries.len()), (Some(0), 0));

    // A MẬT book has no cover and no EPUB, like a missing one.
    for uri in [
        format!("/books/{}/cover.png", lib.secret_book),
        format!("/documents/{}.epub", lib.secret_book),
        format!("/documents/{}.epub", lib.secret),
        "/books/0000000000000000/cover.png".to_string(),
    ] {
        let (status, _, _) = support::get(&lib.app, &uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
    }
}
