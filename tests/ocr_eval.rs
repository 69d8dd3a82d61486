//! Generated scans and the OCR measurement on one page: the files are what they claim to be,
//! the character error rate is computed sanely, and real tesseract reads a clean page well.
//! No timings are asserted here; `vankien ocr-eval` prints them.

use std::process::Command;

use serde_json::Value;
use vankien::bench::ocr::{self, score};
use vankien::bench::scans::{self, ScanQuality, HEIGHT, WIDTH};

#[test]
fn a_clean_generated_page_reads_back_through_tesseract() {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = scans::generate(dir.path(), 1, 11, ScanQuality::Clean, true).expect("scans");
    assert_eq!(set.pages.len(), 1);
    let page = &set.pages[0];
    let truth = std::fs::read_to_string(dir.path().join("page-0001.txt")).expect("truth file");
    assert_eq!(truth, page.truth);
    assert!(truth.chars().count() > 1000, "a full page: {truth}");
    assert!(
        truth.contains("ĐẢNG") || truth.contains("CỘNG HÒA"),
        "{truth}"
    );
    assert!(std::fs::read(&page.image)
        .expect("jpeg")
        .starts_with(&[0xFF, 0xD8]));
    assert!(std::fs::read(&set.pdf).expect("pdf").starts_with(b"%PDF-"));

    // The truth against itself, and in another Unicode form, is no error.
    assert_eq!(score(&truth, &truth).cer(), 0.0);
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd(truth.as_str()).collect();
    assert_eq!(score(&truth, &nfd).edits, 0);
    assert!(score(&truth, "").cer() == 1.0);

    // The PDF page is the image at 300 dpi: pdftoppm gives the same size back.
    let out = Command::new("pdftoppm")
        .args(["-r", "300", "-gray", "-f", "1", "-l", "1"])
        .arg(&set.pdf)
        .output()
        .expect("pdftoppm (poppler-utils) is installed by scripts/setup.sh");
    assert!(out.status.success());
    let header = String::from_utf8_lossy(&out.stdout[..20.min(out.stdout.len())]).to_string();
    assert!(
        header.starts_with(&format!("P5\n{WIDTH} {HEIGHT}\n")),
        "{header:?}"
    );

    let images = ocr::direct_images(&set, ocr::EvalInput::Pdf, dir.path()).unwrap();
    let baseline = ocr::baseline(&set, &images, 1).expect("tesseract with Vietnamese is installed");
    eprintln!(
        "clean page: tesseract CER {:.2}% ({} / {})",
        baseline.cer * 100.0,
        baseline.score.edits,
        baseline.score.chars
    );
    assert_eq!(baseline.failed_pages, 0);
    assert!(baseline.cer < 0.1, "CER {}", baseline.cer);

    // The TIFF holds the same pixels: tesseract reads it as well as the JPEG.
    let tiff = set.tiff.as_ref().expect("tiff asked for");
    let from_tiff = ocr::tesseract(tiff).expect("tesseract reads the TIFF");
    let tiff_cer = score(&truth, &from_tiff).cer();
    assert!(
        (tiff_cer - baseline.cer).abs() < 0.01,
        "TIFF {tiff_cer} vs JPEG {}",
        baseline.cer
    );
}

#[test]
fn ocr_eval_prints_the_baseline_and_what_the_pipeline_did() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_vankien"))
        .args([
            "ocr-eval",
            "--pages",
            "1",
            "--seed",
            "5",
            "--quality",
            "clean",
            "--json",
        ])
        .arg("--work")
        .arg(dir.path())
        .output()
        .expect("run vankien");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["pages"], 1);
    assert_eq!(report["quality"], "clean");
    let baseline_cer = report["baseline"]["cer"].as_f64().expect("baseline CER");
    assert!(baseline_cer < 0.1, "{report}");
    assert!(report["baseline"]["pages_per_minute"].as_f64() > Some(0.0));
    match report["pipeline"].as_object() {
        // Extraction read the scan: its CER is sane and the goals were evaluated.
        Some(pipeline) => {
            assert!(pipeline["cer"].as_f64() < Some(0.1), "{report}");
            assert!(report["goals"]["cer_difference"].is_number(), "{report}");
        }
        // Extraction cannot OCR yet: it says why, in words a person can act on.
        None => {
            let why = report["pipeline_error"].as_str().expect("a reason");
            assert!(why.contains("OCR") || why.contains("nhận dạng"), "{why}");
        }
    }
}
