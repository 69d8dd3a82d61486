//! The shipped sample library: everything ingests, classified samples stay off the web, and
//! the cadres' number lookups find the carrier first.

mod support;

use serde_json::Value;
use support::{hit_numbers, samples_dir, TestArchive};
use vankien::vietnamese::fold;

fn sample_archive() -> TestArchive {
    let archive = TestArchive::new();
    let documents = archive.ingest(&[&samples_dir().join("documents")]);
    let failed: Vec<&Value> = documents
        .iter()
        .filter(|o| o["status"] != "added")
        .collect();
    assert!(failed.is_empty(), "every sample ingests: {failed:?}");
    // As run.sh does: the folder, whose `.meta.json` sidecars are read beside their books.
    let outcomes: Vec<Value> = archive
        .ok(&[
            "ingest",
            "--json",
            "--kind",
            "book",
            samples_dir().join("books").to_str().unwrap(),
        ])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line"))
        .filter(|v| v["event"] != "page")
        .collect();
    assert_eq!(outcomes.len(), BOOKS.len(), "{outcomes:?}");
    assert!(
        outcomes.iter().all(|o| o["status"] == "added"),
        "{outcomes:?}"
    );
    archive
}

/// The local histories: a commune's and a district's (parts containing chapters, a table of
/// contents) as born-digital PDFs, and a commune's as a scan; each with a `.meta.json`.
const BOOKS: [&str; 3] = [
    "book-lich-su-dang-bo-xa-dong-tien.pdf",
    "book-lich-su-dang-bo-huyen-vi-xuyen.pdf",
    "book-truyen-thong-cach-mang-xa-yen-phu.pdf",
];

/// A shown book's table of contents: level, label, title, first page.
fn chapters(shown: &Value) -> Vec<(String, String, String, u64)> {
    shown["chapters"]
        .as_array()
        .expect("a book shows its chapters")
        .iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (
                text("level"),
                text("label"),
                text("title"),
                c["start_page"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn book<'a>(docs: &'a [Value], file: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["kind"] == "book" && d["source"] == file)
        .unwrap_or_else(|| panic!("{file} is in the library"))
}

/// Every page from the third ends with its printed number, as the books print it, and is
/// labelled with it.
fn assert_printed_numbers(shown: &Value) {
    for page in shown["pages"].as_array().unwrap().iter().skip(2) {
        let number = page["number"].as_u64().unwrap().to_string();
        let text = page["text"].as_str().unwrap();
        let last = text.lines().rev().find(|l| !l.trim().is_empty());
        assert_eq!(last.map(str::trim), Some(number.as_str()), "{text}");
        assert_eq!(page["label"], number.as_str(), "{page}");
    }
}

/// Publication data from the book's `.meta.json` sidecar.
fn assert_book_info(shown: &Value, place: (&str, &str, Option<&str>), isbn: Option<&str>) {
    let book = &shown["book"];
    assert_eq!(book["province"], place.0, "{book}");
    assert_eq!(book["district"], place.1, "{book}");
    assert_eq!(book["commune"].as_str(), place.2, "{book}");
    assert_eq!(book["isbn"].as_str(), isbn, "{book}");
}

fn listed(archive: &TestArchive) -> Vec<Value> {
    archive
        .ok(&["list", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn samples_ingest_with_numbers_types_and_dates() {
    let archive = sample_archive();
    let docs = listed(&archive);
    assert!(docs.len() >= 40, "{} samples", docs.len());
    let classified: Vec<&Value> = docs
        .iter()
        .filter(|d| d["classification"] == "mat")
        .collect();
    assert_eq!(classified.len(), 2, "two MẬT samples");
    assert!(docs.iter().any(|d| d["classification"] == "internal"));
    for d in docs.iter().filter(|d| d["kind"] == "document") {
        assert!(
            d["number"].is_string(),
            "every sample document has a number: {d}"
        );
        assert!(d["doc_type"].is_string(), "{d}");
        assert!(d["issued"].is_string(), "{d}");
        assert!(d["issuer"].is_string(), "{d}");
    }
    let book_ids: Vec<&str> = BOOKS
        .iter()
        .map(|b| book(&docs, b)["id"].as_str().unwrap())
        .collect();
    let dong_tien = book(&docs, BOOKS[0]);
    assert_eq!(
        dong_tien["title"],
        "Lịch sử Đảng bộ xã Đồng Tiến (1945 – 2020)"
    );
    let shown = archive.show(book_ids[0]);
    assert!(
        shown["pages"].as_array().unwrap().len() >= 10,
        "the book keeps its printed pages"
    );
    assert_printed_numbers(&shown);
    assert_book_info(
        &shown,
        ("Hà Giang", "Bắc Quang", Some("Đồng Tiến")),
        Some("9786047012343"),
    );
    // Its table of contents, read from the pages: every chapter at its first page.
    let labels = |shown: &Value| -> Vec<(String, u64)> {
        chapters(shown)
            .into_iter()
            .map(|(_, label, _, page)| (label, page))
            .collect()
    };
    let expected = [
        ("Lời giới thiệu", 3),
        ("Chương mở đầu", 5),
        ("Chương I", 7),
        ("Chương II", 10),
        ("Chương III", 12),
        ("Chương IV", 14),
        ("Kết luận", 16),
        ("Phụ lục", 17),
    ]
    .map(|(l, p)| (l.to_string(), p));
    assert_eq!(labels(&shown), expected);
    assert_eq!(
        shown["chapters"][1]["title"], "Đất và người Đồng Tiến",
        "{}",
        shown["chapters"]
    );

    // The district's history: parts containing chapters numbered afresh in each part, after a
    // table of contents that gives no chapters of its own.
    let vi_xuyen = book(&docs, BOOKS[1]);
    assert_eq!(
        vi_xuyen["title"],
        "Lịch sử Đảng bộ huyện Vị Xuyên (1945 – 2020)"
    );
    let shown = archive.show(book_ids[1]);
    assert_eq!(shown["pages"].as_array().unwrap().len(), 20);
    assert_printed_numbers(&shown);
    assert_book_info(
        &shown,
        ("Hà Giang", "Vị Xuyên", None),
        Some("9786045773215"),
    );
    let expected = [
        ("part", "Mục lục", "", 3),
        ("part", "Lời nói đầu", "", 4),
        (
            "part",
            "Phần thứ nhất",
            "Đấu tranh giải phóng dân tộc (1945 – 1975)",
            5,
        ),
        (
            "chapter",
            "Chương I",
            "Giành và giữ chính quyền cách mạng (1945 – 1946)",
            5,
        ),
        (
            "chapter",
            "Chương II",
            "Kháng chiến và xây dựng chủ nghĩa xã hội (1947 – 1975)",
            8,
        ),
        (
            "part",
            "Phần thứ hai",
            "Bảo vệ và xây dựng quê hương (1975 – 2020)",
            11,
        ),
        (
            "chapter",
            "Chương I",
            "Bảo vệ biên giới, ổn định đời sống (1975 – 1991)",
            11,
        ),
        (
            "chapter",
            "Chương II",
            "Đổi mới và xây dựng nông thôn mới (1991 – 2020)",
            14,
        ),
        ("part", "Kết luận", "", 18),
        ("part", "Phụ lục", "", 19),
    ]
    .map(|(level, label, title, page)| {
        (
            level.to_string(),
            label.to_string(),
            title.to_string(),
            page,
        )
    });
    assert_eq!(chapters(&shown), expected);

    // The commune's history as a scan: its headings survive recognition. OCR may miss a mark
    // in a title, so titles are compared without marks.
    let yen_phu = book(&docs, BOOKS[2]);
    assert_eq!(
        yen_phu["title"], "Truyền thống cách mạng của Đảng bộ và nhân dân xã Yên Phú (1945 – 2010)",
        "the title from the sidecar, not as recognised"
    );
    let shown = archive.show(book_ids[2]);
    assert_eq!(shown["extractor"], "tesseract");
    assert_book_info(&shown, ("Tuyên Quang", "Hàm Yên", Some("Yên Phú")), None);
    assert_eq!(shown["pages"].as_array().unwrap().len(), 10);
    let found: Vec<(String, String, String, u64)> = chapters(&shown)
        .into_iter()
        .map(|(level, label, title, page)| (level, label, fold(&title).to_lowercase(), page))
        .collect();
    let expected = [
        ("Lời nói đầu", "", 3),
        (
            "Chương I",
            "Quê hương Yên Phú giành chính quyền và kháng chiến chống thực dân Pháp (1945 - 1954)",
            4,
        ),
        (
            "Chương II",
            "Xây dựng chủ nghĩa xã hội và chi viện cho miền Nam (1954 - 1975)",
            6,
        ),
        ("Chương III", "Đổi mới, xây dựng quê hương (1975 - 2010)", 7),
        ("Kết luận", "", 9),
        ("Phụ lục", "Niên biểu những sự kiện chính", 10),
    ]
    .map(|(label, title, page)| {
        let title = fold(title).to_lowercase();
        ("chapter".to_string(), label.to_string(), title, page)
    });
    assert_eq!(found, expected);
    let one = docs
        .iter()
        .find(|d| d["kind"] == "document")
        .expect("a document");
    let shown = archive.show(one["id"].as_str().unwrap());
    assert!(
        shown.get("chapters").is_none(),
        "documents show no chapters"
    );
}

#[test]
fn number_lookups_on_the_samples() {
    let archive = sample_archive();
    let first = |q: &str| {
        hit_numbers(&archive.search(q))
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    for (query, number) in [
        ("05-CT/TW", "05-CT/TW"),
        ("5-ct/tw", "05-CT/TW"),
        ("Số 01-KL/TW", "01-KL/TW"),
        ("kết luận 01", "01-KL/TW"),
        ("15/2020/ND-CP", "15/2020/NĐ-CP"),
        ("nghị định 30/2020", "30/2020/NĐ-CP"),
        ("1234/QĐ-UBND", "1234/QĐ-UBND"),
        ("de an 17", "17-ĐA/TU"),
        ("17-DA/TU", "17-ĐA/TU"),
        ("264-TB/TW", "264-TB/TW"),
        ("thông tư 01/2023", "01/2023/TT-BNV"),
    ] {
        assert_eq!(first(query), number, "{query}");
    }
    let nq27 = hit_numbers(&archive.search("nghi quyet 27"));
    assert_eq!(&nq27[..2], ["27-NQ/TW", "27-NQ/TW"]);
    let mut ct05: Vec<String> = hit_numbers(&archive.search("chỉ thị 05"))[..2].to_vec();
    ct05.sort();
    assert_eq!(ct05, ["05-CT/TU", "05-CT/TW"]);
}

#[test]
fn sample_epubs_pass_epubcheck() {
    let archive = sample_archive();
    let docs = listed(&archive);
    let pick = |pred: &dyn Fn(&Value) -> bool| {
        docs.iter().find(|d| pred(d)).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    for id in [
        pick(&|d| d["kind"] == "book"),
        pick(&|d| d["source"] == BOOKS[1]),
        pick(&|d| d["number"] == "30/2020/NĐ-CP"),
        pick(&|d| d["number"] == "05-CT/TW"),
    ] {
        let out = archive.dir.path().join(format!("{id}.epub"));
        archive.ok(&["export-epub", &id, "-o", out.to_str().unwrap()]);
        support::assert_valid_epub(&out);
    }
}
