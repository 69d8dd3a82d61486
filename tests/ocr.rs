//! Scans, end to end with the real tools: printed Vietnamese pages rendered by poppler into
//! images (PNG, JPEG, a CCITT G4 multi-page TIFF) and image-only PDFs, recognised by tesseract,
//! searched, served; hostile scans; an OCR run killed halfway and resumed.

mod support;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use axum::http::StatusCode;
use serde_json::Value;
use support::{fixtures, get, party_document, tool, TestArchive};
use unicode_normalization::UnicodeNormalization;

/// Page `page` of a PDF rendered by pdftoppm: `kind` is `-png`, `-jpeg` (grey, as the PDF
/// scans below declare), `-gray` (PGM) or `-mono` (PBM).
fn render(pdf: &[u8], page: u32, dpi: u32, kind: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.pdf");
    std::fs::write(&file, pdf).unwrap();
    let (dpi, page) = (dpi.to_string(), page.to_string());
    let path = file.to_str().unwrap();
    if kind == "-jpeg" {
        // pdftoppm's JPEGs are always colour; a scanner's are often grey.
        let pgm = tool(
            "pdftoppm",
            &["-r", &dpi, "-f", &page, "-l", &page, "-gray", path],
            None,
        );
        return tool("pnmtojpeg", &["-quality", "85"], Some(&pgm));
    }
    tool(
        "pdftoppm",
        &["-r", &dpi, "-f", &page, "-l", &page, kind, path],
        None,
    )
}

/// A multi-page TIFF, CCITT G4 (what archive scanners write), made by netpbm.
fn g4_tiff(pbms: &[Vec<u8>]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scan.tif");
    let out = file.to_str().unwrap();
    for (i, pbm) in pbms.iter().enumerate() {
        let mut args = vec!["-g4", "-xresolution", "300", "-yresolution", "300"];
        if i > 0 {
            args.push("-append");
        }
        args.extend(["-output", out]);
        tool("pamtotiff", &args, Some(pbm));
    }
    std::fs::read(&file).unwrap()
}

/// The first printed page: a Party plan, with a number.
fn plan_page() -> String {
    party_document(
        "TỈNH ỦY HÀ GIANG\nBAN TUYÊN GIÁO",
        "15-KH/BTGTU",
        "Hà Giang, ngày 10 tháng 3 năm 2023",
        "KẾ HOẠCH",
        "tuyên truyền về phát triển thủy lợi",
        "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, Ban Tuyên giáo Tỉnh ủy \
         xây dựng kế hoạch tuyên truyền như sau.",
    )
}

/// A page of body text only, as scanned from the middle of a book.
fn body_page(topic: &str) -> String {
    format!(
        "Các cấp ủy đảng tăng cường kiểm tra việc xây dựng công trình {topic} ở huyện Đồng Văn.\n\
         Nhân dân các dân tộc tỉnh Hà Giang đoàn kết, khắc phục khó khăn, giữ gìn truyền thống.\n\
         Đảng bộ huyện lãnh đạo phát triển kinh tế, xóa đói giảm nghèo, nâng cao đời sống.\n"
    )
}

fn text_pdf(pages: &[String]) -> Vec<u8> {
    fixtures::pdf_bytes(
        "scan",
        &pages.join(&format!("\n{}\n", fixtures::PAGE_BREAK)),
    )
}

/// `ingest --json`, split into page events and file outcomes.
fn ingest(
    archive: &TestArchive,
    paths: &[&Path],
    env: &[(&str, &str)],
) -> (Vec<Value>, Vec<Value>) {
    let mut command = archive.command();
    command
        .arg("ingest")
        .arg("--json")
        .args(paths)
        .envs(env.iter().copied());
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "ingest: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    lines.into_iter().partition(|v| v["event"] == "page")
}

fn outcome<'a>(outcomes: &'a [Value], file: &str) -> &'a Value {
    outcomes
        .iter()
        .find(|o| o["source"].as_str().unwrap().ends_with(file))
        .unwrap_or_else(|| panic!("{file}: {outcomes:?}"))
}

/// A page's text with its line breaks as spaces (the printed lines wrap anywhere).
fn page_text(show: &Value, page: usize) -> String {
    let text = show["pages"][page - 1]["text"].as_str().unwrap();
    assert_nfc(text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page a search's hit for this document came from.
fn hit_page(archive: &TestArchive, query: &str, id: &str) -> Option<u64> {
    let result = archive.search(query);
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == id)
        .and_then(|h| h["page"].as_u64())
}

fn assert_nfc(text: &str) {
    assert_eq!(text, text.nfc().collect::<String>(), "text is NFC");
}

#[test]
fn a_pdf_is_recognised_only_where_its_text_layer_is_missing() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let printed = text_pdf(&[plan_page(), body_page("thủy lợi")]);
    // Page 1 keeps its text layer; page 2 is the scan of the printed page 2.
    let scan = render(&printed, 2, 300, "-jpeg");
    let first_page_only = text_pdf(&[plan_page()]);
    std::fs::write(
        inbox.join("ke-hoach.pdf"),
        fixtures::mixed_pdf(&first_page_only, &[scan]),
    )
    .unwrap();

    let (events, outcomes) = ingest(&archive, &[&inbox], &[]);
    let o = outcome(&outcomes, "ke-hoach.pdf");
    assert_eq!(o["status"], "added", "{o}");
    assert_eq!(o["number"], "15-KH/BTGTU");
    let methods: Vec<(u64, &str)> = events
        .iter()
        .map(|e| (e["page"].as_u64().unwrap(), e["method"].as_str().unwrap()))
        .collect();
    assert_eq!(methods, vec![(1, "text"), (2, "ocr")], "{events:?}");
    assert!(events
        .iter()
        .all(|e| e["pages"] == 2 && e["elapsed_ms"].is_u64()));

    let id = o["id"].as_str().unwrap();
    let show = archive.show(id);
    assert!(
        show["extractor"].as_str().unwrap().ends_with("+tesseract"),
        "{}",
        show["extractor"]
    );
    assert_eq!(show["pages"][0]["method"], "text");
    assert_eq!(show["pages"][0]["words"], false);
    assert_eq!(show["pages"][1]["method"], "ocr");
    assert_eq!(show["pages"][1]["words"], true);
    assert_eq!(
        show["pages"][1]["image"],
        format!("/documents/{id}/pages/2.png")
    );
    let scanned = page_text(&show, 2);
    for words in [
        "thủy lợi",
        "Đồng Văn",
        "kiểm tra",
        "Hà Giang",
        "truyền thống",
    ] {
        assert!(scanned.contains(words), "{words} in {scanned}");
    }
    assert_eq!(hit_page(&archive, "Đồng Văn", id), Some(2));
    assert_eq!(hit_page(&archive, "dong van", id), Some(2));
    assert_eq!(hit_page(&archive, "15-KH/BTGTU", id), Some(1));
}

#[test]
fn png_jpeg_and_multipage_tiff_scans_are_recognised_page_by_page() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let printed = text_pdf(&[plan_page(), body_page("giao thông")]);
    std::fs::write(inbox.join("trang-1.png"), render(&printed, 1, 300, "-png")).unwrap();
    std::fs::write(inbox.join("trang-2.jpg"), render(&printed, 2, 300, "-jpeg")).unwrap();
    let tiff = g4_tiff(&[
        render(&printed, 1, 300, "-mono"),
        render(&printed, 2, 300, "-mono"),
    ]);
    std::fs::write(inbox.join("ke-hoach.tif"), &tiff).unwrap();

    let (events, outcomes) = ingest(&archive, &[&inbox], &[]);
    for file in ["trang-1.png", "trang-2.jpg", "ke-hoach.tif"] {
        assert_eq!(outcome(&outcomes, file)["status"], "added", "{outcomes:?}");
    }
    let tiff_events: Vec<&Value> = events
        .iter()
        .filter(|e| e["source"].as_str().unwrap().ends_with(".tif"))
        .collect();
    assert_eq!(tiff_events.len(), 2, "{events:?}");
    assert!(tiff_events
        .iter()
        .all(|e| e["method"] == "ocr" && e["reused"] == false));
    assert_eq!(tiff_events.last().unwrap()["done"], 2);

    let tiff_id = outcome(&outcomes, "ke-hoach.tif")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let show = archive.show(&tiff_id);
    assert_eq!(show["format"], "tiff");
    assert_eq!(show["media_type"], "image/tiff");
    assert_eq!(show["number"], "15-KH/BTGTU");
    assert_eq!(show["pages"].as_array().unwrap().len(), 2);
    assert!(page_text(&show, 1).contains("KẾ HOẠCH"));
    assert!(page_text(&show, 2).contains("giao thông"));
    assert!(page_text(&show, 2).contains("Đồng Văn"));
    assert_eq!(hit_page(&archive, "giao thông", &tiff_id), Some(2));

    let png = archive.show(outcome(&outcomes, "trang-1.png")["id"].as_str().unwrap());
    assert_eq!(png["format"], "png");
    assert_eq!(png["number"], "15-KH/BTGTU");
    assert!(page_text(&png, 1).contains("Ban Tuyên giáo Tỉnh ủy"));
    let jpeg = archive.show(outcome(&outcomes, "trang-2.jpg")["id"].as_str().unwrap());
    assert_eq!(jpeg["format"], "jpg");
    assert!(page_text(&jpeg, 1).contains("xóa đói giảm nghèo"));
    archive.ok(&["verify"]);
}

/// The words tesseract reads alone in an image file, NFC, whitespace collapsed.
fn tesseract_alone(file: &Path) -> String {
    let out = tool(
        "tesseract",
        &[file.to_str().unwrap(), "stdout", "-l", "vie", "--psm", "3"],
        None,
    );
    let text: String = String::from_utf8(out).unwrap().nfc().collect();
    text.replace('Ð', "Đ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn tiff_pages_read_as_tesseract_reads_them_alone() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let printed = text_pdf(&[body_page("nước sạch")]);
    let pgm = render(&printed, 1, 300, "-gray");
    // Dark blue ink on cream paper: a colour scan.
    let ppm = tool("pgmtoppm", &["rgb:18/18/50-rgb:f8/f0/e0"], Some(&pgm));
    let pbm = render(&printed, 1, 300, "-mono");
    let res = ["-xresolution", "300", "-yresolution", "300"];
    // Deflate, in strips or not, grey or colour (decoded in the process), LZW with a predictor
    // and bilevel G4 (decoded by netpbm): tesseract reads each page as the file stores it.
    let files = [
        ("a-deflate.tif", &pgm, vec!["-flate", "-rowsperstrip", "64"]),
        ("b-lzw.tif", &pgm, vec!["-lzw", "-predictor", "2"]),
        ("c-rgb.tif", &ppm, vec!["-flate", "-truecolor"]),
        ("d-g4.tif", &pbm, vec!["-g4"]),
        ("e-raw.tif", &pgm, vec!["-none", "-rowsperstrip", "100"]),
    ];
    let mut alone = Vec::new();
    for (name, pnm, args) in &files {
        let mut args = args.clone();
        args.extend(res);
        let file = inbox.join(name);
        std::fs::write(&file, tool("pamtotiff", &args, Some(pnm))).unwrap();
        alone.push(tesseract_alone(&file));
    }
    let (_, outcomes) = ingest(&archive, &[&inbox], &[]);
    for ((name, _, _), alone) in files.iter().zip(alone) {
        let o = outcome(&outcomes, name);
        assert_eq!(o["status"], "added", "{o}");
        let show = archive.show(o["id"].as_str().unwrap());
        let text = page_text(&show, 1);
        assert!(text.contains("nước sạch"), "{name}: {text}");
        assert_eq!(text, alone, "{name}: the same text as tesseract alone");
        assert_eq!(show["pages"][0]["words"], true, "{name}");
    }
}

#[test]
fn a_folder_of_one_page_scans_is_read_several_files_at_a_time() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let topics = ["thủy lợi", "giao thông", "nước sạch", "trường học", "y tế"];
    let printed = text_pdf(&topics.iter().map(|t| body_page(t)).collect::<Vec<_>>());
    for (i, _) in topics.iter().enumerate() {
        let page = i as u32 + 1;
        let (name, kind) = if i % 2 == 0 {
            (format!("trang-{page}.jpg"), "-jpeg")
        } else {
            (format!("trang-{page}.png"), "-png")
        };
        std::fs::write(inbox.join(name), render(&printed, page, 300, kind)).unwrap();
    }
    // The same bytes under another name, read at the same time as the first: a duplicate.
    std::fs::copy(inbox.join("trang-1.jpg"), inbox.join("trang-1-ban-sao.jpg")).unwrap();
    // A broken scan among them fails alone.
    std::fs::write(
        inbox.join("trang-2-hong.jpg"),
        b"\xff\xd8\xff\xe0 not a jpeg",
    )
    .unwrap();

    let (events, outcomes) = ingest(&archive, &[&inbox], &[("VANKIEN_OCR_JOBS", "2")]);
    let names: Vec<&str> = outcomes
        .iter()
        .map(|o| o["source"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "trang-1-ban-sao.jpg",
            "trang-1.jpg",
            "trang-2-hong.jpg",
            "trang-2.png",
            "trang-3.jpg",
            "trang-4.png",
            "trang-5.jpg"
        ],
        "outcomes in input order"
    );
    assert_eq!(outcome(&outcomes, "trang-1.jpg")["status"], "duplicate");
    assert_eq!(outcome(&outcomes, "trang-2-hong.jpg")["status"], "failed");
    for (i, topic) in topics.iter().enumerate() {
        let page = i + 1;
        let file = if i % 2 == 0 {
            format!("trang-{page}.jpg")
        } else {
            format!("trang-{page}.png")
        };
        let o = if page == 1 {
            outcome(&outcomes, "trang-1-ban-sao.jpg")
        } else {
            outcome(&outcomes, &file)
        };
        assert_eq!(o["status"], "added", "{o}");
        let show = archive.show(o["id"].as_str().unwrap());
        assert!(page_text(&show, 1).contains(topic), "{file}: {topic}");
        // One page event per recognised file, naming it.
        let source = o["source"].as_str().unwrap();
        let mine: Vec<&Value> = events.iter().filter(|e| e["source"] == source).collect();
        assert_eq!(mine.len(), 1, "{file}: {events:?}");
        assert_eq!(
            (mine[0]["pages"].as_u64(), mine[0]["done"].as_u64()),
            (Some(1), Some(1))
        );
        assert_eq!(mine[0]["method"], "ocr");
    }
    archive.ok(&["verify"]);
}

/// A JPEG with an APP1 Exif segment declaring `orientation`, inserted after its start marker.
fn with_exif_orientation(jpeg: &[u8], orientation: u8) -> Vec<u8> {
    let mut exif = b"Exif\0\0MM\0*\0\0\0\x08\0\x01".to_vec();
    exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]);
    exif.extend_from_slice(&[0, 0, 0, 0]);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xff, 0xe1]);
    out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn a_phone_photo_is_turned_as_its_exif_orientation_says() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let printed = text_pdf(&[body_page("điện lưới")]);
    let pgm = render(&printed, 1, 300, "-gray");
    // Stored a quarter turn counter-clockwise; orientation 6 says to turn it clockwise.
    let turned = tool("pamflip", &["-ccw"], Some(&pgm));
    let jpeg = tool("pnmtojpeg", &["-quality", "85"], Some(&turned));
    std::fs::write(inbox.join("anh-chup.jpg"), with_exif_orientation(&jpeg, 6)).unwrap();

    let (_, outcomes) = ingest(&archive, &[&inbox], &[]);
    let o = outcome(&outcomes, "anh-chup.jpg");
    assert_eq!(o["status"], "added", "{o}");
    let show = archive.show(o["id"].as_str().unwrap());
    let text = page_text(&show, 1);
    for words in ["điện lưới", "Đồng Văn", "truyền thống"] {
        assert!(text.contains(words), "{words} in {text}");
    }
    // The page, its reading image and its word boxes are upright: taller than wide.
    let scans = std::fs::read_dir(archive.library().join("ocr"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let record: Value =
        serde_json::from_slice(&std::fs::read(scans.join("page-0001.json")).unwrap()).unwrap();
    assert!(
        record["height"].as_u64() > record["width"].as_u64(),
        "{record}"
    );
    assert!(record["image"]["height"].as_u64() > record["image"]["width"].as_u64());
}

#[test]
fn hostile_scans_fail_alone_in_bounded_time() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    // A PNG header claiming 40000×40000 pixels: refused from the header, nothing decoded.
    let mut huge = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    huge.extend_from_slice(&40_000u32.to_be_bytes());
    huge.extend_from_slice(&40_000u32.to_be_bytes());
    huge.extend_from_slice(&[8, 0, 0, 0, 0, 0, 0, 0, 0]);
    huge.extend_from_slice(&[0; 4096]);
    std::fs::write(inbox.join("a-huge.png"), &huge).unwrap();
    // A TIFF whose first page directory lies outside the file.
    let mut corrupt = b"II*\0".to_vec();
    corrupt.extend_from_slice(&0x7fff_0000u32.to_le_bytes());
    corrupt.extend_from_slice(&[0x55; 2048]);
    std::fs::write(inbox.join("b-corrupt.tif"), &corrupt).unwrap();
    // Three blank scanned pages.
    let blank_page = render(&text_pdf(&["   ".to_string()]), 1, 100, "-jpeg");
    std::fs::write(
        inbox.join("c-blank.pdf"),
        fixtures::image_pdf(&[blank_page.clone(), blank_page.clone(), blank_page]),
    )
    .unwrap();
    // A two-page TIFF cut short: its first page survives.
    let printed = text_pdf(&[body_page("điện lưới"), body_page("trường học")]);
    let tiff = g4_tiff(&[
        render(&printed, 1, 300, "-mono"),
        render(&printed, 2, 300, "-mono"),
    ]);
    let second_page_start = tiff.len() - 2000;
    std::fs::write(inbox.join("d-cut.tif"), &tiff[..second_page_start]).unwrap();
    let good = text_pdf(&[plan_page()]);
    std::fs::write(inbox.join("z-good.pdf"), &good).unwrap();

    let (_, outcomes) = ingest(&archive, &[&inbox], &[]);
    let error = |file: &str| {
        let o = outcome(&outcomes, file);
        assert_eq!(o["status"], "failed", "{o}");
        o["error"].as_str().unwrap().to_string()
    };
    assert!(error("a-huge.png").contains("40000×40000"));
    assert!(error("a-huge.png").contains("quá lớn"));
    assert!(error("b-corrupt.tif").contains("TIFF"));
    assert!(error("c-blank.pdf").contains("trắng"));
    let cut = outcome(&outcomes, "d-cut.tif");
    assert_eq!(cut["status"], "added", "{cut}");
    assert!(
        cut["warnings"][0].as_str().unwrap().starts_with("trang 2:"),
        "{cut}"
    );
    let show = archive.show(cut["id"].as_str().unwrap());
    assert!(page_text(&show, 1).contains("điện lưới"));
    assert_eq!(show["pages"][1]["method"], "failed");
    assert_eq!(outcome(&outcomes, "z-good.pdf")["status"], "added");
    // Nothing of the failed files stays in the library.
    let kept: Vec<_> = std::fs::read_dir(archive.library().join("ocr"))
        .unwrap()
        .collect();
    assert_eq!(kept.len(), 1, "only the cut TIFF's pages are kept");
    archive.ok(&["verify"]);
    // Recognised pages whose files are gone are reported.
    std::fs::remove_dir_all(kept[0].as_ref().unwrap().path()).unwrap();
    let verify = archive.run(&["verify"]);
    assert!(!verify.status.success());
    assert!(String::from_utf8_lossy(&verify.stdout).contains("missing-scan"));

    // Above the page cap, a file is refused before anything is recognised.
    let capped = TestArchive::new();
    let inbox = capped.inbox();
    std::fs::write(inbox.join("sach.tif"), &tiff).unwrap();
    let (events, outcomes) = ingest(&capped, &[&inbox], &[("VANKIEN_OCR_MAX_PAGES", "1")]);
    assert!(events.is_empty());
    assert!(error_of(&outcomes, "sach.tif").contains("hơn 1 trang"));
}

fn error_of(outcomes: &[Value], file: &str) -> String {
    outcome(outcomes, file)["error"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn a_killed_ocr_resumes_and_recognises_no_page_twice() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let printed = text_pdf(&[
        body_page("thủy lợi"),
        body_page("giao thông"),
        body_page("trường học"),
    ]);
    let scans: Vec<Vec<u8>> = (1..=3).map(|p| render(&printed, p, 300, "-jpeg")).collect();
    let file = inbox.join("lich-su.pdf");
    std::fs::write(&file, fixtures::image_pdf(&scans)).unwrap();

    // One page at a time, killed as soon as the first page is finished.
    let mut child = archive
        .command()
        .args(["ingest", "--json"])
        .arg(&file)
        .env("VANKIEN_OCR_JOBS", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first_run = BTreeSet::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let event: Value = serde_json::from_str(&line.unwrap()).unwrap();
        if event["event"] == "page" && event["method"] == "ocr" {
            first_run.insert(event["page"].as_u64().unwrap());
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(first_run.len(), 1);
    let verify = archive.run(&["verify"]);
    assert!(!verify.status.success());
    assert!(String::from_utf8_lossy(&verify.stdout).contains("unfinished-ocr"));

    let (events, outcomes) = ingest(&archive, &[&file], &[]);
    assert_eq!(outcome(&outcomes, "lich-su.pdf")["status"], "added");
    let reused: BTreeSet<u64> = events
        .iter()
        .filter(|e| e["reused"] == true)
        .map(|e| e["page"].as_u64().unwrap())
        .collect();
    let recognised: BTreeSet<u64> = events
        .iter()
        .filter(|e| e["reused"] == false && e["method"] == "ocr")
        .map(|e| e["page"].as_u64().unwrap())
        .collect();
    assert!(first_run.is_subset(&reused), "{first_run:?} {events:?}");
    assert!(
        recognised.is_disjoint(&first_run),
        "no page recognised twice"
    );
    let all: BTreeSet<u64> = reused.union(&recognised).copied().collect();
    assert_eq!(all, BTreeSet::from([1, 2, 3]));

    let show = archive.show(outcome(&outcomes, "lich-su.pdf")["id"].as_str().unwrap());
    for (page, topic) in [(1, "thủy lợi"), (2, "giao thông"), (3, "trường học")] {
        assert!(page_text(&show, page).contains(topic), "page {page}");
    }
    archive.ok(&["verify"]);
}

#[test]
fn verify_repair_leaves_a_running_ingest_alone() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let topics = ["thủy lợi", "giao thông", "trường học", "y tế"];
    let printed = text_pdf(&topics.iter().map(|t| body_page(t)).collect::<Vec<_>>());
    let scans: Vec<Vec<u8>> = (1..=4).map(|p| render(&printed, p, 300, "-jpeg")).collect();
    let file = inbox.join("lich-su.pdf");
    std::fs::write(&file, fixtures::image_pdf(&scans)).unwrap();

    // One page at a time; `verify --repair` runs once the first page is finished.
    let mut child = archive
        .command()
        .args(["ingest", "--json"])
        .arg(&file)
        .env("VANKIEN_OCR_JOBS", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        let event: Value = serde_json::from_str(&line.unwrap()).unwrap();
        if event["event"] == "page" && event["method"] == "ocr" {
            break;
        }
    }
    let ocr = archive.library().join("ocr");
    let folder = || {
        std::fs::read_dir(&ocr)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.is_dir())
    };
    let pages = folder().expect("the running ingest's folder");
    let repair = archive.run(&["verify", "--repair"]);
    let said = String::from_utf8_lossy(&repair.stdout);
    assert!(said.contains("ocr-in-use"), "{said}");
    assert!(!said.contains("xóa trang nhận dạng"), "{said}");
    assert!(pages.join("page-0001.json").exists(), "{said}");

    let rest: Vec<Value> = lines
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect();
    assert!(child.wait().unwrap().success());
    let added = rest.iter().find(|v| v["status"] == "added").expect("added");
    let reused = rest.iter().filter(|v| v["reused"] == true).count();
    assert_eq!(reused, 0, "no page recognised twice: {rest:?}");
    let show = archive.show(added["id"].as_str().unwrap());
    for (page, topic) in topics.iter().enumerate() {
        assert!(
            page_text(&show, page + 1).contains(topic),
            "page {}",
            page + 1
        );
    }
    // Finished: its lock is gone, and the library agrees with itself.
    assert!(std::fs::read_dir(&ocr)
        .unwrap()
        .flatten()
        .all(|e| e.path().is_dir()));
    archive.ok(&["verify"]);
}

#[tokio::test]
async fn scanned_pages_and_word_boxes_are_served_only_to_those_who_may_see_them() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let public = text_pdf(&[plan_page()]);
    let secret = text_pdf(&[plan_page()
        .replace("BAN TUYÊN GIÁO\n", "BAN TUYÊN GIÁO\nMẬT\n")
        .replace("15-KH", "16-KH")]);
    std::fs::write(inbox.join("cong-khai.png"), render(&public, 1, 300, "-png")).unwrap();
    std::fs::write(inbox.join("mat.png"), render(&secret, 1, 300, "-png")).unwrap();
    let (_, outcomes) = ingest(&archive, &[&inbox], &[]);
    let id = |f: &str| outcome(&outcomes, f)["id"].as_str().unwrap().to_string();
    let (public_id, secret_id) = (id("cong-khai.png"), id("mat.png"));
    assert_eq!(archive.show(&secret_id)["classification"], "mat");

    let opened = vankien::Archive::open(&archive.library(), &archive.index()).unwrap();
    let app = vankien::web::router(vankien::web::AppState::new(opened));
    let (status, _, body) = get(&app, &format!("/api/documents/{public_id}/pages/1")).await;
    assert_eq!(status, StatusCode::OK);
    let page: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(page["method"], "ocr");
    assert_eq!(page["dpi"], 300);
    let width = page["width"].as_u64().unwrap();
    assert!((2400..2600).contains(&width), "A4 at 300 dpi: {width}");
    let image_width = page["image"]["width"].as_u64().unwrap();
    assert!(
        (1200..1300).contains(&image_width),
        "reading size: {image_width}"
    );
    let words = page["words"].as_array().unwrap();
    let tuyen = words
        .iter()
        .find(|w| w["text"] == "Tuyên")
        .expect("the word Tuyên with its box");
    assert!(tuyen["left"].as_u64().unwrap() < width && tuyen["width"].as_u64().unwrap() > 20);

    let url = page["image"]["url"].as_str().unwrap();
    let (status, content_type, png) = get(&app, url).await;
    assert_eq!(
        (status, content_type.as_str()),
        (StatusCode::OK, "image/png")
    );
    assert!(png.starts_with(b"\x89PNG"));
    let (status, _, html) = get(
        &app,
        &format!("/documents/{public_id}/pages/1?q=tuy%C3%AAn+truy%E1%BB%81n"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let html = String::from_utf8(html).unwrap();
    assert!(
        html.contains("<rect class=\"hit\""),
        "hits drawn on the scan"
    );
    assert!(!html.contains("<script"));
    let (_, _, reader) = get(&app, &format!("/documents/{public_id}")).await;
    assert!(String::from_utf8(reader).unwrap().contains("xem bản quét"));

    for uri in [
        format!("/api/documents/{secret_id}/pages/1"),
        format!("/documents/{secret_id}/pages/1.png"),
        format!("/documents/{secret_id}/pages/1"),
        format!("/api/documents/{public_id}/pages/9"),
        format!("/documents/{public_id}/pages/x.png"),
    ] {
        assert_eq!(get(&app, &uri).await.0, StatusCode::NOT_FOUND, "{uri}");
    }
}
