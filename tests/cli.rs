//! The command line, end to end: real files in every format, hostile files, number lookup,
//! show/list/EPUB, and consistency after an ingest killed midway.

mod support;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::Value;
use support::{corpus, fixtures, hit_numbers, TestArchive};
use unicode_normalization::UnicodeNormalization;

fn ingested_corpus() -> (TestArchive, Vec<Value>) {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    corpus::write(&inbox);
    let outcomes = archive.ingest(&[&inbox]);
    (archive, outcomes)
}

fn id_of(outcomes: &[Value], file: &str) -> String {
    outcomes
        .iter()
        .find(|o| o["source"].as_str().is_some_and(|s| s.ends_with(file)))
        .and_then(|o| o["id"].as_str())
        .unwrap_or_else(|| panic!("{file} was not ingested: {outcomes:?}"))
        .to_string()
}

#[test]
fn every_format_is_ingested_once_with_its_metadata() {
    let (archive, outcomes) = ingested_corpus();
    assert_eq!(outcomes.len(), corpus::documents().len());
    for o in &outcomes {
        assert_eq!(o["status"], "added", "{o}");
        assert!(o["id"].as_str().is_some_and(|id| id.len() == 16));
    }
    let number = |file: &str| {
        outcomes
            .iter()
            .find(|o| o["source"].as_str().unwrap().ends_with(file))
            .unwrap()["number"]
            .clone()
    };
    assert_eq!(number("ct-05-tw.pdf"), "05-CT/TW");
    assert_eq!(number("ct-05-tu.docx"), "05-CT/TU");
    assert_eq!(number("nq-27-2008.html"), "27-NQ/TW");
    assert_eq!(number("nq-27-2022.md"), "27-NQ/TW");
    assert_eq!(number("nd-15-2020.pdf"), "15/2020/NĐ-CP");
    assert_eq!(number("qd-1234.docx"), "1234/QĐ-UBND");

    let again = archive.ingest(&[&archive.inbox()]);
    assert!(
        again.iter().all(|o| o["status"] == "duplicate"),
        "{again:?}"
    );
    let list = archive.ok(&["list", "--json"]);
    assert_eq!(list.lines().count(), outcomes.len(), "stored once each");

    let show = archive.show(&id_of(&outcomes, "ct-05-tw.pdf"));
    assert_eq!(show["number"], "05-CT/TW");
    assert_eq!(show["doc_type"], "CT");
    assert_eq!(show["issued"], "2016-05-15");
    let text = show["text"].as_str().unwrap();
    assert_eq!(text, text.nfc().collect::<String>(), "text is NFC");
    assert!(text.contains("tư tưởng, đạo đức, phong cách Hồ Chí Minh"));
    assert!(show["pages"]
        .as_array()
        .is_some_and(|p| !p.is_empty() && p[0]["number"] == 1));
    assert!(
        show["cited_by"].as_array().unwrap().len() >= 2,
        "KL 01 and KH 123 cite it: {}",
        show["cited_by"]
    );

    let secret = archive.show(&id_of(&outcomes, "bc-45-mat.pdf"));
    assert_eq!(secret["classification"], "mat");
}

#[test]
fn carriers_of_a_number_come_before_every_citer() {
    let (archive, _) = ingested_corpus();
    for query in [
        "05-CT/TW",
        "05-ct/tw",
        "5-CT/TW",
        "Số 05-CT/TW",
        "05/CT-TW",
        "so 05-ct/tw",
    ] {
        let numbers = hit_numbers(&archive.search(query));
        assert_eq!(
            numbers.first().map(String::as_str),
            Some("05-CT/TW"),
            "{query}: {numbers:?}"
        );
        assert!(
            numbers.len() > 2,
            "{query}: citers follow the carrier: {numbers:?}"
        );
    }
    for query in ["chỉ thị 05", "chi thi so 05", "ct 05"] {
        let numbers = hit_numbers(&archive.search(query));
        let mut top: Vec<&str> = numbers.iter().take(2).map(String::as_str).collect();
        top.sort();
        assert_eq!(top, ["05-CT/TU", "05-CT/TW"], "{query}: {numbers:?}");
    }
    for query in ["Nghị quyết 27", "nghi quyet 27", "27-NQ/TW"] {
        let numbers = hit_numbers(&archive.search(query));
        assert_eq!(
            &numbers[..2],
            ["27-NQ/TW", "27-NQ/TW"],
            "{query}: {numbers:?}"
        );
        assert_ne!(numbers.get(2).map(String::as_str), Some("27-NQ/TW"));
    }
    // Party numbers restart each term: a term or a year next to the number picks the carrier.
    for (query, issued) in [
        ("nghị quyết 27 khóa X", "2008-08-06"),
        ("nghi quyet 27 khoa 10", "2008-08-06"),
        ("27-NQ/TW khóa XIII", "2022-11-09"),
        ("27-NQ/TW (khóa XIII)", "2022-11-09"),
        ("27-NQ/TW 2022", "2022-11-09"),
        ("nghị quyết 27 năm 2008", "2008-08-06"),
    ] {
        let hits = &archive.search(query)["hits"];
        assert_eq!(hits[0]["number"], "27-NQ/TW", "{query}");
        assert_eq!(hits[0]["issued"], issued, "{query}");
        assert_eq!(hits[1]["number"], "27-NQ/TW", "{query}");
    }
    for query in [
        "15/2020/ND-CP",
        "15/2020/NĐ-CP",
        "nghị định 15/2020",
        "nghi dinh 15/2020",
    ] {
        let numbers = hit_numbers(&archive.search(query));
        assert_eq!(
            numbers.first().map(String::as_str),
            Some("15/2020/NĐ-CP"),
            "{query}: {numbers:?}"
        );
    }
}

#[test]
fn words_match_with_and_without_diacritics_and_snippets_keep_marks() {
    let (archive, _) = ingested_corpus();
    let accented = archive.search("nhà trình tường");
    let plain = archive.search("nha trinh tuong");
    assert_eq!(
        hit_numbers(&accented).first().map(String::as_str),
        Some("05-CT/TU")
    );
    assert_eq!(
        hit_numbers(&plain).first().map(String::as_str),
        Some("05-CT/TU")
    );
    let hit = &plain["hits"][0];
    assert!(
        hit["snippet"].as_str().unwrap().contains("nhà trình tường"),
        "{hit}"
    );
    assert_eq!(hit["page"], 1);
    for key in [
        "id", "number", "doc_type", "issuer", "issued", "title", "source", "score", "snippet",
        "page",
    ] {
        assert!(hit.get(key).is_some(), "hit has {key}: {hit}");
    }
    assert_eq!(hit["source"], "ct-05-tu.docx");
    // The CLI is the operator's: classified documents are found there.
    assert_eq!(archive.search("quỳnhlâmbiêngiới")["total"], 1);
}

#[test]
fn exported_epub_passes_epubcheck() {
    let (archive, outcomes) = ingested_corpus();
    for file in ["ct-05-tw.pdf", "nd-15-2020.pdf", "kh-123.txt"] {
        let out = archive.dir.path().join(format!("{file}.epub"));
        archive.ok(&[
            "export-epub",
            &id_of(&outcomes, file),
            "-o",
            out.to_str().unwrap(),
        ]);
        support::assert_valid_epub(&out);
    }
    let missing = archive.run(&["export-epub", "0000000000000000", "-o", "/tmp/none.epub"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("không có tài liệu"));
}

#[test]
fn hostile_files_fail_alone_with_a_message() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let good = support::party_document(
        "TỈNH ỦY HÀ GIANG\nBAN TUYÊN GIÁO",
        "12-HD/BTGTU",
        "Hà Giang, ngày 04 tháng 4 năm 2024",
        "HƯỚNG DẪN",
        "tuyên truyền kỷ niệm ngày thành lập Đảng",
        "Ban Tuyên giáo Tỉnh ủy hướng dẫn công tác tuyên truyền.",
    );
    let pdf = fixtures::pdf_bytes("good", &good);
    std::fs::write(inbox.join("a-empty.pdf"), b"").unwrap();
    std::fs::write(inbox.join("b-truncated.pdf"), &pdf[..pdf.len() / 3]).unwrap();
    std::fs::write(
        inbox.join("c-program.pdf"),
        &std::fs::read(env!("CARGO_BIN_EXE_vankien")).unwrap()[..65536],
    )
    .unwrap();
    std::fs::write(
        inbox.join("d-fake.docx"),
        b"PK\x03\x04 not really a zip archive",
    )
    .unwrap();
    std::fs::write(inbox.join("e-legacy.txt"), b"Quy\xd5t \xae\xdfnh s\xe8 05").unwrap();
    let top_secret = good
        .replace("BAN TUYÊN GIÁO\n", "BAN TUYÊN GIÁO\nTUYỆT MẬT\n")
        .replace("12-HD", "13-HD");
    std::fs::write(inbox.join("f-tuyet-mat.txt"), top_secret).unwrap();
    std::fs::write(
        inbox.join("g-blank.pdf"),
        fixtures::pdf_bytes("blank", "   "),
    )
    .unwrap();
    std::fs::write(inbox.join("z-good.pdf"), &pdf).unwrap();

    let outcomes = archive.ingest(&[&inbox]);
    let status = |name: &str| {
        outcomes
            .iter()
            .find(|o| o["source"].as_str().unwrap().ends_with(name))
            .unwrap()
            .clone()
    };
    for bad in [
        "a-empty.pdf",
        "b-truncated.pdf",
        "c-program.pdf",
        "d-fake.docx",
        "e-legacy.txt",
        "f-tuyet-mat.txt",
        "g-blank.pdf",
    ] {
        let o = status(bad);
        assert_eq!(o["status"], "failed", "{o}");
        let error = o["error"].as_str().unwrap_or("");
        assert!(
            error.chars().count() > 15,
            "{bad}: a message a person can act on: {error}"
        );
    }
    assert!(status("f-tuyet-mat.txt")["error"]
        .as_str()
        .unwrap()
        .contains("TUYỆT MẬT"));
    assert!(status("g-blank.pdf")["error"]
        .as_str()
        .unwrap()
        .contains("bản quét"));
    assert!(status("e-legacy.txt")["error"]
        .as_str()
        .unwrap()
        .contains("UTF-8"));
    let ok = status("z-good.pdf");
    assert_eq!(
        ok["status"], "added",
        "the batch goes on after failures: {ok}"
    );
    assert_eq!(ok["number"], "12-HD/BTGTU");
    assert_eq!(archive.ok(&["list", "--json"]).lines().count(), 1);
    archive.ok(&["verify"]);
}

#[test]
fn missing_index_is_rebuilt_and_reindex_is_idempotent() {
    let (archive, _) = ingested_corpus();
    std::fs::remove_dir_all(archive.index()).unwrap();
    assert_eq!(hit_numbers(&archive.search("05-CT/TW"))[0], "05-CT/TW");
    archive.ok(&["reindex"]);
    archive.ok(&["reindex"]);
    assert_eq!(hit_numbers(&archive.search("05-CT/TW"))[0], "05-CT/TW");
    archive.ok(&["verify"]);
}

#[test]
fn killed_ingest_is_detected_repaired_and_completed() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let files = 24;
    for i in 0..files {
        let text = support::party_document(
            "HUYỆN ỦY BẮC QUANG",
            &format!("{}-TB/HU", i + 1),
            &format!("Bắc Quang, ngày {} tháng 3 năm 2024", i + 1),
            "THÔNG BÁO",
            &format!("kết luận của Thường trực Huyện ủy về công việc tuần thứ {}", i + 1),
            "Thường trực Huyện ủy thông báo kết luận về công tác xây dựng Đảng và hệ thống chính trị.",
        );
        fixtures::write_as("pdf", "tb", &text, &inbox.join(format!("tb-{i:02}.pdf"))).unwrap();
    }
    let mut child = archive
        .command()
        .args(["ingest", "--json", inbox.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for _ in 0..3 {
        lines.next().expect("a line").unwrap();
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // Documents catalogued before the kill are not yet in the index: verify must say so.
    let verify = archive.run(&["verify"]);
    assert!(
        !verify.status.success(),
        "verify reports the interrupted ingest"
    );
    let report = String::from_utf8_lossy(&verify.stdout);
    assert!(report.contains("not-indexed"), "{report}");
    archive.ok(&["verify", "--repair"]);
    archive.ok(&["verify"]);

    let outcomes = archive.ingest(&[&inbox]);
    assert!(
        outcomes.iter().all(|o| o["status"] != "failed"),
        "{outcomes:?}"
    );
    assert!(outcomes.iter().any(|o| o["status"] == "duplicate"));
    let list = archive.ok(&["list", "--json"]);
    assert_eq!(
        list.lines().count(),
        files,
        "every file stored exactly once"
    );
    for line in list.lines() {
        let id = serde_json::from_str::<Value>(line).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            !archive.show(&id)["pages"].as_array().unwrap().is_empty(),
            "no half-stored document"
        );
    }
    archive.ok(&["verify"]);
    let numbers = hit_numbers(&archive.search("thông báo 24"));
    assert_eq!(numbers[0], "24-TB/HU");
}

#[test]
fn verify_quarantines_a_corrupted_original() {
    let (archive, outcomes) = ingested_corpus();
    let id = id_of(&outcomes, "kh-123.txt");
    let sha = archive.show(&id)["sha256"].as_str().unwrap().to_string();
    let stored = archive.library().join("store").join(&sha[..2]).join(&sha);
    std::fs::write(&stored, b"tampered").unwrap();
    let verify = archive.run(&["verify"]);
    assert!(!verify.status.success());
    assert!(String::from_utf8_lossy(&verify.stdout).contains("corrupt-original"));
    archive.ok(&["verify", "--repair"]);
    assert!(archive
        .library()
        .join("quarantine")
        .join(format!("{id}.json"))
        .exists());
    archive.ok(&["verify"]);
}

#[test]
fn two_column_headers_are_read_from_pdf_and_docx() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let party = "TỈNH ỦY HÀ GIANG | ĐẢNG CỘNG SẢN VIỆT NAM\nBAN TUYÊN GIÁO\n* | Hà Giang, ngày 07 tháng 9 năm 2023\n\
        Số 58-HD/BTGTU\n\nHƯỚNG DẪN\ntuyên truyền kỷ niệm 78 năm Cách mạng tháng Tám và Quốc khánh 2/9\n-----\n\n\
        Thực hiện Hướng dẫn số 96-HD/BTGTW, ngày 15/6/2023 của Ban Tuyên giáo Trung ương, Ban Tuyên giáo \
        Tỉnh ủy hướng dẫn công tác tuyên truyền như sau.\n\nK/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nLò Thị Hoa\n";
    let state = "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ GIANG | Độc lập - Tự do - Hạnh phúc\n\
        Số: 2345/QĐ-UBND | Hà Giang, ngày 12 tháng 10 năm 2023\n\nQUYẾT ĐỊNH\nVề việc công nhận xã đạt chuẩn nông thôn mới năm 2023\n\n\
        CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n\
        QUYẾT ĐỊNH:\n\nĐiều 1. Công nhận xã Đồng Tiến, huyện Bắc Quang đạt chuẩn nông thôn mới năm 2023.\n\n\
        KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHoàng Gia Long\n";
    for format in ["pdf", "docx"] {
        fixtures::write_as(format, "hd", party, &inbox.join(format!("hd-58.{format}"))).unwrap();
        fixtures::write_as(
            format,
            "qd",
            state,
            &inbox.join(format!("qd-2345.{format}")),
        )
        .unwrap();
    }
    let outcomes = archive.ingest(&[&inbox]);
    assert_eq!(outcomes.len(), 4);
    for o in &outcomes {
        assert_eq!(o["status"], "added", "{o}");
        let d = archive.show(o["id"].as_str().unwrap());
        let source = o["source"].as_str().unwrap();
        if source.contains("hd-58") {
            assert_eq!(d["number"], "58-HD/BTGTU", "{source}");
            assert_eq!(d["doc_type"], "HD", "{source}");
            assert_eq!(d["issued"], "2023-09-07", "{source}");
            assert_eq!(d["issuer"], "Ban Tuyên giáo Tỉnh ủy Hà Giang", "{source}");
            assert!(
                d["title"]
                    .as_str()
                    .unwrap()
                    .starts_with("Tuyên truyền kỷ niệm 78 năm"),
                "{source}: {}",
                d["title"]
            );
        } else {
            assert_eq!(d["number"], "2345/QĐ-UBND", "{source}");
            assert_eq!(d["doc_type"], "QĐ", "{source}");
            assert_eq!(d["issued"], "2023-10-12", "{source}");
            assert_eq!(d["issuer"], "Ủy ban nhân dân tỉnh Hà Giang", "{source}");
            assert!(
                d["title"]
                    .as_str()
                    .unwrap()
                    .contains("công nhận xã đạt chuẩn nông thôn mới"),
                "{source}: {}",
                d["title"]
            );
        }
    }
}

#[test]
fn marks_in_a_page_header_or_split_over_lines_are_never_stored_as_public() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let report = |number: &str| {
        support::party_document(
            "TỈNH ỦY SƠN LA",
            number,
            "Sơn La, ngày mười lăm tháng bảy năm 2022",
            "BÁO CÁO",
            "về tình hình an ninh khu vực biên giới",
            "Ban Thường vụ Tỉnh ủy báo cáo tình hình an ninh và công tác bảo vệ bí mật nhà nước.",
        )
    };
    // Word page headers: TUYỆT MẬT is refused, TỐI MẬT kept with its level.
    std::fs::write(
        inbox.join("a-header-tuyet-mat.docx"),
        fixtures::docx_with_page_header(&report("941-BC/TU"), Some("TUYỆT MẬT")),
    )
    .unwrap();
    std::fs::write(
        inbox.join("b-header-toi-mat.docx"),
        fixtures::docx_with_page_header(&report("942-BC/TU"), Some("Trang 1\nTỐI MẬT")),
    )
    .unwrap();
    // HTML with the two words of the mark on two lines, and a hidden zero-width space.
    let two_lines = report("943-BC/TU").replace("TỈNH ỦY SƠN LA\n", "TỈNH ỦY SƠN LA\nTUYỆT\nMẬT\n");
    let html = String::from_utf8(fixtures::html_bytes("bc", &two_lines))
        .unwrap()
        .replace("TUYỆT<br>\nMẬT", "<b>TUYỆT</b><br><b>MẬT</b>");
    assert!(html.contains("<b>TUYỆT</b><br><b>MẬT</b>"), "{html}");
    std::fs::write(inbox.join("c-two-lines.html"), html).unwrap();
    let hidden =
        report("944-BC/TU").replace("TỈNH ỦY SƠN LA\n", "TỈNH ỦY SƠN LA\n\u{200b}TUYỆT  MẬT\n");
    std::fs::write(
        inbox.join("d-zero-width.html"),
        fixtures::html_bytes("bc", &hidden),
    )
    .unwrap();
    let labelled = report("945-BC/TU").replace("TỈNH ỦY SƠN LA\n", "TỈNH ỦY SƠN LA\nĐộ mật: MẬT\n");
    std::fs::write(
        inbox.join("e-labelled.html"),
        fixtures::html_bytes("bc", &labelled),
    )
    .unwrap();
    std::fs::write(
        inbox.join("f-plain.docx"),
        fixtures::docx_bytes(&report("946-BC/TU")),
    )
    .unwrap();

    let outcomes = archive.ingest(&[&inbox]);
    let outcome = |name: &str| {
        outcomes
            .iter()
            .find(|o| o["source"].as_str().unwrap().ends_with(name))
            .unwrap()
            .clone()
    };
    for refused in [
        "a-header-tuyet-mat.docx",
        "c-two-lines.html",
        "d-zero-width.html",
    ] {
        let o = outcome(refused);
        assert_eq!(o["status"], "failed", "{o}");
        assert!(o["error"].as_str().unwrap().contains("TUYỆT MẬT"), "{o}");
    }
    let shown = |name: &str| archive.show(outcome(name)["id"].as_str().unwrap());
    let toi_mat = shown("b-header-toi-mat.docx");
    assert_eq!(toi_mat["classification"], "toi-mat");
    assert_eq!(toi_mat["number"], "942-BC/TU");
    assert_eq!(toi_mat["issuer"], "Tỉnh ủy Sơn La");
    assert_eq!(toi_mat["issued"], "2022-07-15");
    assert_eq!(toi_mat["place"], "Sơn La");
    assert!(toi_mat["text"]
        .as_str()
        .unwrap()
        .starts_with("Trang 1\nTỐI MẬT\n"));
    assert_eq!(shown("e-labelled.html")["classification"], "mat");
    // "bảo vệ bí mật" in the body is no mark.
    assert_eq!(shown("f-plain.docx")["classification"], "public");
}

#[test]
fn a_markdown_table_header_reads_like_a_two_column_header() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let letter =
        "| ỦY BAN NHÂN DÂN TỈNH THANH HÓA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n\
        | | **Độc lập - Tự do - Hạnh phúc** |\n\
        | Số: 123/UBND-VX | *Thanh Hóa, ngày 08 tháng 01 năm 2024* |\n\
        | V/v tổ chức các hoạt động mừng Đảng, mừng Xuân Giáp Thìn năm 2024 | |\n\n\
        **KHẨN**\n\nKính gửi: Các sở, ban, ngành cấp tỉnh.\n\n\
        Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các đơn vị triển khai thực hiện.\n\n\
        KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐầu Thanh Tùng\n";
    std::fs::write(inbox.join("cv-123.md"), letter).unwrap();
    let outcomes = archive.ingest(&[&inbox]);
    assert_eq!(outcomes[0]["status"], "added", "{}", outcomes[0]);
    let d = archive.show(outcomes[0]["id"].as_str().unwrap());
    assert_eq!(d["number"], "123/UBND-VX");
    assert_eq!(d["issuer"], "Ủy ban nhân dân tỉnh Thanh Hóa");
    assert_eq!(d["issued"], "2024-01-08");
    assert_eq!(d["place"], "Thanh Hóa");
    assert_eq!(d["urgency"], "Khẩn");
    assert_eq!(
        d["title"],
        "Về việc tổ chức các hoạt động mừng Đảng, mừng Xuân Giáp Thìn năm 2024"
    );
    assert!(!d["text"].as_str().unwrap().contains('|'));
}

#[test]
fn a_second_concurrent_ingest_is_refused_before_it_stores_anything() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    corpus::write(&inbox);
    let first = archive.ingest(&[&inbox]);
    let second_inbox = archive.dir.path().join("second");
    std::fs::create_dir_all(&second_inbox).unwrap();
    std::fs::write(
        second_inbox.join("ghi-chu.txt"),
        "Ghi chú của Ban Tuyên giáo về công tác tuần này.",
    )
    .unwrap();
    // Hold the index writer from this process, as a running ingest would.
    let held = vankien::Archive::open(&archive.library(), &archive.index()).unwrap();
    held.index.claim_writer().unwrap();
    let out = archive.run(&["ingest", "--json", second_inbox.to_str().unwrap()]);
    assert!(!out.status.success(), "the run itself cannot work");
    assert!(String::from_utf8_lossy(&out.stderr).contains("tiến trình khác"));
    drop(held);
    assert_eq!(
        archive.ok(&["list", "--json"]).lines().count(),
        first.len(),
        "nothing stored"
    );
    archive.ok(&["verify"]);
}

#[test]
fn a_book_sidecar_gives_its_metadata_and_a_corrected_one_updates_it() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let text = "BAN CHẤP HÀNH ĐẢNG BỘ XÃ TÂN LẬP\n\nLỊCH SỬ ĐẢNG BỘ XÃ TÂN LẬP\n(1947 – 2022)\n\nNHÀ XUẤT BẢN CHÍNH TRỊ QUỐC GIA SỰ THẬT\nHÀ NỘI – 2023\n<<<PAGE>>>\nLỜI GIỚI THIỆU\n\nXã Tân Lập thuộc huyện Bắc Quang, tỉnh Hà Giang, có truyền thống cách mạng.\n<<<PAGE>>>\nCHƯƠNG I\nNHỮNG NGÀY ĐẦU\n\nNăm 1947, chi bộ đầu tiên của xã được thành lập.\n1\n<<<PAGE>>>\nNhân dân các dân tộc trong xã đoàn kết.\n2";
    let book = inbox.join("tan-lap.pdf");
    fixtures::write_as("pdf", "Lịch sử Đảng bộ xã Tân Lập", text, &book).unwrap();
    let sidecar = inbox.join("tan-lap.pdf.meta.json");
    std::fs::write(
        &sidecar,
        r#"{"volume": "Tập I", "isbn": "978-604-57-0000-1", "authors": ["Ban Chấp hành Đảng bộ xã Tân Lập"]}"#,
    )
    .unwrap();
    let args = [
        "ingest",
        "--json",
        "--kind",
        "book",
        inbox.to_str().unwrap(),
    ];
    let refused: Value = serde_json::from_str(archive.ok(&args).trim()).unwrap();
    assert_eq!(refused["status"], "failed", "a wrong ISBN refuses the book");
    assert!(refused["error"].as_str().unwrap().contains("ISBN"));
    assert_eq!(archive.ok(&["list", "--json"]).lines().count(), 0);

    std::fs::write(
        &sidecar,
        r#"{"volume": "Tập I", "isbn": "978-604-57-0000-6", "authors": ["Ban Chấp hành Đảng bộ xã Tân Lập"]}"#,
    )
    .unwrap();
    let lines = archive.ok(&args);
    assert_eq!(lines.lines().count(), 1, "the sidecar is not a document");
    let added: Value = serde_json::from_str(lines.trim()).unwrap();
    assert_eq!(added["status"], "added");
    let id = added["id"].as_str().unwrap();
    let shown = archive.show(id);
    let book = &shown["book"];
    assert_eq!(shown["title"], "Lịch sử Đảng bộ xã Tân Lập (1947 – 2022)");
    assert_eq!(book["commune"], "Tân Lập");
    assert_eq!(book["district"], "Bắc Quang");
    assert_eq!(book["province"], "Hà Giang");
    assert_eq!(book["publisher"], "Nhà xuất bản Chính trị quốc gia Sự thật");
    assert_eq!(book["year"], 2023);
    assert_eq!(book["volume"], "Tập I");
    assert_eq!(book["isbn"], "9786045700006");
    let labels: Vec<&Value> = shown["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["label"])
        .collect();
    assert_eq!(labels[2..], [&Value::from("1"), &Value::from("2")]);

    std::fs::write(
        &sidecar,
        r#"{"province": "Tuyên Quang", "volume": "Tập II"}"#,
    )
    .unwrap();
    let updated: Value = serde_json::from_str(archive.ok(&args).trim()).unwrap();
    assert_eq!(updated["status"], "updated");
    let book = archive.show(id)["book"].clone();
    assert_eq!(
        (book["province"].as_str(), book["volume"].as_str()),
        (Some("Tuyên Quang"), Some("Tập II"))
    );
    assert_eq!(archive.search("lich su tuyen quang")["total"], 1);
    archive.ok(&["verify"]);
}

/// Peak resident memory of the largest child waited for so far, in bytes.
fn children_peak_rss() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes the struct it is given.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as u64 * 1024
}

#[test]
fn hostile_files_fail_within_bounded_memory() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let good = support::party_document(
        "TỈNH ỦY HÀ GIANG",
        "14-CT/TU",
        "Hà Giang, ngày 04 tháng 4 năm 2024",
        "CHỈ THỊ",
        "về công tác bảo vệ bí mật nhà nước",
        "Các cấp ủy tăng cường công tác bảo vệ bí mật nhà nước.",
    );
    let pdf = fixtures::pdf_bytes("good", &good);
    let mut scrambled = pdf.clone();
    for (i, b) in scrambled.iter_mut().enumerate().skip(400) {
        *b = b.wrapping_mul(31).wrapping_add(i as u8);
    }
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("bomb.docx", fixtures::docx_bomb()),
        ("scrambled.pdf", scrambled),
        ("huge.png", fixtures::png_claiming(40000, 40000)),
        ("zero.pdf", Vec::new()),
    ];
    for (name, bytes) in &files {
        let path = inbox.join(name);
        std::fs::write(&path, bytes).unwrap();
        let started = std::time::Instant::now();
        let outcome = archive.ingest(&[&path]);
        // Seconds are printed, not asserted: timings belong to benchmarks.
        println!(
            "{name}: {:.1} s, {:?}",
            started.elapsed().as_secs_f64(),
            outcome[0]["error"]
        );
        assert_eq!(outcome[0]["status"], "failed", "{name}: {outcome:?}");
        assert!(outcome[0]["error"].as_str().unwrap().chars().count() > 15);
        std::fs::remove_file(&path).unwrap();
    }
    let peak = children_peak_rss();
    println!("peak memory of the largest ingest: {} MiB", peak >> 20);
    assert!(peak < 1536 << 20, "{} MiB", peak >> 20);
    std::fs::write(inbox.join("good.pdf"), &pdf).unwrap();
    assert_eq!(
        archive.ingest(&[&inbox])[0]["status"],
        "added",
        "nothing else is harmed"
    );
    archive.ok(&["verify"]);
}

#[test]
fn an_edit_cut_short_before_the_index_is_found_and_repaired() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    std::fs::write(
        inbox.join("thong-bao.txt"),
        "Thông báo về lịch sinh hoạt chi bộ tháng 12 của các chi bộ trực thuộc.",
    )
    .unwrap();
    let id = archive.ingest(&[&inbox])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    {
        // The catalog's half of an edit, as if the process died before the index's half.
        let opened = vankien::Archive::open(&archive.library(), &archive.index()).unwrap();
        let mut record = opened.library.catalog().get(&id).unwrap().unwrap();
        record.metadata.number = vankien::document::DocumentNumber::parse("77-TB/ĐU");
        opened
            .library
            .catalog()
            .update_metadata(&id, &record.metadata)
            .unwrap();
    }
    let out = archive.run(&["verify"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("outdated-index"));
    assert_eq!(
        archive.search("77-TB/ĐU")["total"],
        0,
        "the index is behind"
    );
    archive.ok(&["verify", "--repair"]);
    archive.ok(&["verify"]);
    assert_eq!(archive.search("77-TB/ĐU")["hits"][0]["id"], id.as_str());
}
