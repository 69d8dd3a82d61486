//! The shipped sample library: everything ingests, classified samples stay off the web, and
//! the cadres' number lookups find the carrier first.

mod support;

use serde_json::Value;
use support::{hit_numbers, samples_dir, TestArchive};

fn sample_archive() -> TestArchive {
    let archive = TestArchive::new();
    let documents = archive.ingest(&[&samples_dir().join("documents")]);
    let failed: Vec<&Value> = documents
        .iter()
        .filter(|o| o["status"] != "added")
        .collect();
    assert!(failed.is_empty(), "every sample ingests: {failed:?}");
    let books = archive.ok(&[
        "ingest",
        "--json",
        "--kind",
        "book",
        samples_dir().join("books").to_str().unwrap(),
    ]);
    assert!(books.lines().all(|l| l.contains("\"added\"")), "{books}");
    archive
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
    let book = docs
        .iter()
        .find(|d| d["kind"] == "book")
        .expect("one local history");
    assert_eq!(book["title"], "Lịch sử Đảng bộ xã Đồng Tiến (1945 – 2020)");
    let shown = archive.show(book["id"].as_str().unwrap());
    assert!(
        shown["pages"].as_array().unwrap().len() >= 10,
        "the book keeps its printed pages"
    );
    // Its table of contents, read from the pages: every chapter at its first page.
    let chapters: Vec<(String, u64)> = shown["chapters"]
        .as_array()
        .expect("a book shows its chapters")
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap_or_default().to_string(),
                c["start_page"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
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
    assert_eq!(chapters, expected);
    assert_eq!(
        shown["chapters"][1]["title"], "Đất và người Đồng Tiến",
        "{}",
        shown["chapters"]
    );
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
        pick(&|d| d["number"] == "30/2020/NĐ-CP"),
        pick(&|d| d["number"] == "05-CT/TW"),
    ] {
        let out = archive.dir.path().join(format!("{id}.epub"));
        archive.ok(&["export-epub", &id, "-o", out.to_str().unwrap()]);
        support::assert_valid_epub(&out);
    }
}
