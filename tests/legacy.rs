//! Legacy-encoded files through the real binary: generated VNI DOCX, TCVN3 RTF and the Word
//! 97–2003 file LibreOffice makes of it (on any machine), then the shared data set and its
//! goals, and the real Unicode files that must come out untouched (when `../shared` is there).

mod support;

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::TestArchive;

/// A DOCX whose paragraphs mix runs in `VNI-Times` (typed in VNI) and in Times New Roman
/// (Unicode), with one paragraph in the capital TCVN3 font.
fn vni_docx() -> Vec<u8> {
    let run = |font: &str, text: &str| {
        format!(
            r#"<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
        )
    };
    let paragraphs = [
        run("VNI-Times", "UÛY BAN NHAÂN DAÂN TÆNH HAØ GIANG"),
        run("VNI-Times", "Soá: 12/QÑ-UBND"),
        format!(
            "{}{}",
            run("VNI-Times", "Veà vieäc toå chöùc hoäi nghò "),
            run("Times New Roman", "– Tài liệu kèm theo")
        ),
        run(".VnTimeH", "quyÕt ®Þnh"),
        run(
            "VNI-Times",
            "Caên cöù Luaät Toå chöùc chính quyeàn ñòa phöông ngaøy 19 thaùng 6 naêm 2015;",
        ),
    ];
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p>{p}</w:p>"))
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An RTF typed in TCVN3: the heading in `.VnTimeH` (capitals printed from lowercase codes), the
/// body in `.VnTime` with `ư` as byte 0xAD, the way Word 97 saved them.
fn tcvn3_rtf() -> Vec<u8> {
    let mut rtf = String::from(
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss\fcharset0 .VnTime;}{\f1\fswiss\fcharset0 .VnTimeH;}}",
    );
    rtf.push_str(r"\pard\f1 c\'e9ng ho\'b5 x\'b7 h\'e9i ch\'f1 ngh\'dca vi\'d6t nam\par");
    rtf.push_str(r"\pard\f0 \'a7\'e9c l\'cbp - T\'f9 do - H\'b9nh ph\'f3c\par");
    rtf.push_str(r"\pard\f0 S\'e8: 05/2003/Q\'a7-BTC\par");
    rtf.push_str(
        r"\pard\f0 B\'e9 tr\'ad\'ebng B\'e9 T\'b5i ch\'ddnh h\'ad\'edng d\'c9n vi\'d6c thu\'d5 nh\'cbp kh\'c8u \'adu \'ae\'b7i nh\'ad sau:\par",
    );
    rtf.push('}');
    rtf.into_bytes()
}

fn show_by_source(archive: &TestArchive, outcomes: &[Value], name: &str) -> Value {
    let outcome = outcomes
        .iter()
        .find(|o| o["source"].as_str().is_some_and(|s| s.ends_with(name)))
        .unwrap_or_else(|| panic!("{name} in {outcomes:?}"));
    assert_eq!(outcome["status"], "added", "{outcome}");
    archive.show(outcome["id"].as_str().expect("id"))
}

#[test]
fn generated_legacy_files_are_repaired() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    std::fs::write(inbox.join("vni.docx"), vni_docx()).unwrap();
    std::fs::write(inbox.join("tcvn3.rtf"), tcvn3_rtf()).unwrap();
    // A Word 97–2003 file made from the RTF by the real converter: 8-bit text, .VnTime fonts.
    let doc_dir = archive.dir.path().join("doc");
    let converted = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            archive.dir.path().join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "doc", "--outdir"])
        .arg(&doc_dir)
        .arg(inbox.join("tcvn3.rtf"))
        .output()
        .expect("LibreOffice is installed (scripts/setup.sh)");
    assert!(converted.status.success(), "{converted:?}");
    std::fs::rename(doc_dir.join("tcvn3.doc"), inbox.join("word97.doc")).unwrap();
    // A mislabeled file is read by its bytes: an RTF named .txt.
    let mut named = tcvn3_rtf();
    named.extend(b"\r\n");
    std::fs::write(inbox.join("rtf-named.txt"), named).unwrap();

    let outcomes = archive.ingest(&[&inbox]);

    let vni = show_by_source(&archive, &outcomes, "vni.docx");
    let text = vni["text"].as_str().unwrap();
    assert_eq!(vni["extractor"], "docx+tcvn3+vni", "{vni}");
    for expected in [
        "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG",
        "Số: 12/QĐ-UBND",
        "Về việc tổ chức hội nghị – Tài liệu kèm theo",
        "QUYẾT ĐỊNH",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    assert_eq!(vni["number"], "12/QĐ-UBND", "{vni}");

    for name in ["tcvn3.rtf", "word97.doc", "rtf-named.txt"] {
        let doc = show_by_source(&archive, &outcomes, name);
        let text = doc["text"].as_str().unwrap();
        assert_eq!(doc["extractor"], "libreoffice+tcvn3", "{name}: {doc}");
        for expected in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 05/2003/QĐ-BTC",
            "Bộ trưởng Bộ Tài chính hướng dẫn việc thuế nhập khẩu ưu đãi như sau:",
        ] {
            assert!(text.contains(expected), "{name}: {expected:?} in {text}");
        }
    }
}

/// Unicode text typed in TCVN3 (`.VnTime`: lowercase letters and `Đ`), byte by byte.
fn tcvn3_bytes(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else {
                (0xA1..=0xFF)
                    .find(|&b| vankien::vietnamese::legacy::tcvn3_letter(b) == Some(c))
                    .unwrap_or_else(|| panic!("{c} has no TCVN3 code"))
            }
        })
        .collect()
}

#[test]
fn plain_text_typed_in_tcvn3_is_read_and_junk_still_refused() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let text = "Số: 27/2003/QĐ-UBND\r\n\
                quyết định về việc ban hành quy chế làm việc của ủy ban nhân dân tỉnh.\r\n\
                Căn cứ luật tổ chức hội đồng nhân dân và ủy ban nhân dân ngày 26 tháng 11 năm 2003;\r\n\
                xét đề nghị của giám đốc sở nội vụ, nay quyết định ban hành kèm theo quyết định này \
                quy chế làm việc và phân công nhiệm vụ của các thành viên.\r\n";
    std::fs::write(inbox.join("quy-che.txt"), tcvn3_bytes(text)).unwrap();
    // High bytes that read as no Vietnamese: refused as before, alone.
    let junk: Vec<u8> = (0..3000u32).map(|i| (0xA0 + (i * 37 % 96)) as u8).collect();
    std::fs::write(inbox.join("rac.txt"), junk).unwrap();
    let outcomes = archive.ingest(&[&inbox]);
    let doc = show_by_source(&archive, &outcomes, "quy-che.txt");
    assert_eq!(doc["extractor"], "text+tcvn3", "{doc}");
    assert_eq!(doc["number"], "27/2003/QĐ-UBND", "{doc}");
    let junk = outcomes
        .iter()
        .find(|o| o["source"].as_str().is_some_and(|s| s.ends_with("rac.txt")))
        .unwrap();
    assert_eq!(junk["status"], "failed", "{junk}");
    assert!(junk["error"].as_str().unwrap().contains("UTF-8"), "{junk}");
    let hits = archive.search("\"phân công nhiệm vụ\"");
    assert_eq!(hits["hits"][0]["id"], doc["id"], "{hits}");
}

#[test]
fn office_files_that_are_not_word_are_refused_with_a_message() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    // An OLE compound file without a WordDocument stream (as Excel 97 writes).
    let mut ole = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    ole.extend(vec![0u8; 2000]);
    ole.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(inbox.join("book.xls"), &ole).unwrap();
    // A truncated RTF: the converter gets it and fails alone, with a message.
    std::fs::write(inbox.join("broken.rtf"), b"{\\rtf1\\ansi {\\fonttbl").unwrap();
    let outcomes = archive.ingest(&[&inbox]);
    let by_name = |name: &str| {
        outcomes
            .iter()
            .find(|o| o["source"].as_str().is_some_and(|s| s.ends_with(name)))
            .unwrap_or_else(|| panic!("{name} in {outcomes:?}"))
    };
    let xls = by_name("book.xls");
    assert_eq!(xls["status"], "failed", "{xls}");
    assert!(
        xls["error"].as_str().unwrap().contains("không phải Word"),
        "{xls}"
    );
    let broken = by_name("broken.rtf");
    assert_eq!(broken["status"], "failed", "{broken}");
    assert!(
        broken["error"].as_str().unwrap().chars().count() > 20,
        "{broken}"
    );
}

fn shared(dir: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(dir);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("bỏ qua: không có {}", path.display());
        None
    }
}

#[test]
fn shared_legacy_files_meet_the_goals() {
    let Some(data) = shared("legacy") else {
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_vankien"))
        .args(["eval-legacy", "--json", "--data"])
        .arg(&data)
        .output()
        .expect("vankien runs");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "eval-legacy JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    for file in report["files"].as_array().unwrap() {
        eprintln!(
            "{:<60} {:<24} {:.4}",
            file["file"].as_str().unwrap(),
            file["method"].as_str().unwrap(),
            file["accuracy"].as_f64().unwrap()
        );
        assert!(
            !file["method"].as_str().unwrap().starts_with("lỗi"),
            "{file}"
        );
    }
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2, "{report}");
    for group in groups {
        eprintln!("{group}");
        assert_eq!(group["met"], true, "{group}");
    }
    assert!(out.status.success());
}

#[test]
fn real_unicode_files_are_not_repaired() {
    let Some(data) = shared("vbpl") else {
        return;
    };
    let archive = TestArchive::new();
    let outcomes = archive.ingest(&[&data]);
    let mut checked = 0;
    for outcome in &outcomes {
        let source = outcome["source"].as_str().unwrap();
        if !(source.ends_with(".doc") || source.ends_with(".pdf")) {
            continue;
        }
        assert_eq!(outcome["status"], "added", "{outcome}");
        let doc = archive.show(outcome["id"].as_str().unwrap());
        let extractor = doc["extractor"].as_str().unwrap();
        assert!(!extractor.contains('+'), "{source}: {extractor}");
        let text = doc["text"].as_str().unwrap();
        assert!(
            text.contains("Việt Nam") || text.contains("VIỆT NAM"),
            "{source}"
        );
        assert!(!text.contains('Ð'), "{source}: Ð is read as Đ");
        checked += 1;
    }
    assert_eq!(checked, 6);
    // The file that declares .VnTime but is Unicode, and the one with Ð for Đ.
    let law = archive.search("\"xử lý vi phạm hành chính\"");
    assert!(law["total"].as_u64().unwrap() >= 1, "{law}");
    let code = archive.search("\"Điều tra viên\"");
    assert!(code["total"].as_u64().unwrap() >= 1, "{code}");
}
