//! PDF with a text layer. `pdf-extract` runs in a child process of our own binary (the hidden
//! `pdf-worker` subcommand) so that its panics, aborts, stack overflows and loops fail one file,
//! not the batch; `pdftotext` (poppler) is the fallback and the second opinion.

use std::path::Path;
use std::process::Command;

use super::child::{run_bounded, ChildFailure};
use super::{quality, ExtractConfig, ExtractError};
use crate::vietnamese::legacy;

/// Extract the pages of a PDF, choosing the better of the two extractors.
pub fn extract(
    path: &Path,
    config: &ExtractConfig,
) -> Result<(&'static str, Vec<String>), ExtractError> {
    let mut worker = Command::new(&config.worker);
    worker.arg("pdf-worker").arg(path);
    let primary = run_bounded(worker, config.timeout, config.memory_limit)
        .map_err(describe)
        .and_then(|out| serde_json::from_slice::<Vec<String>>(&out).map_err(|e| e.to_string()));
    let primary_score = primary
        .as_ref()
        .map(|p| quality::char_score(&p.join("\n")))
        .unwrap_or(0.0);
    if primary_score >= quality::ACCEPTABLE {
        let pages = primary.unwrap_or_default();
        if !pages.iter().any(|p| legacy::might_be_legacy(p)) {
            return Ok(("pdf-extract", pages));
        }
        // Legacy fonts are where pdf-extract splits words (`cñ a Th ñ`): keep whichever text
        // reads as more Vietnamese once repaired.
        let Ok(second) = pdftotext(path, config) else {
            return Ok(("pdf-extract", pages));
        };
        let share =
            |p: &[String]| legacy::syllable_share(&legacy::repair_pages(p, &[]).pages.join("\n"));
        return Ok(if share(&second) > share(&pages) {
            ("pdftotext", second)
        } else {
            ("pdf-extract", pages)
        });
    }
    let fallback = pdftotext(path, config);
    let fallback_score = fallback
        .as_ref()
        .map(|p| quality::char_score(&p.join("\n")))
        .unwrap_or(0.0);
    match (primary, fallback) {
        (Ok(p), Ok(f)) => Ok(if fallback_score > primary_score {
            ("pdftotext", f)
        } else {
            ("pdf-extract", p)
        }),
        (Ok(p), Err(_)) => Ok(("pdf-extract", p)),
        (Err(_), Ok(f)) => Ok(("pdftotext", f)),
        (Err(e), Err(f)) => {
            // The readers' own words go to the log; the person reads what they can act on.
            tracing::warn!("{}: pdf-extract: {e}; pdftotext: {f}", path.display());
            Err(ExtractError::BadPdf(pdf_problem(&format!("{e} {f}"))))
        }
    }
}

/// What two failed readers' messages say about a PDF, in a few Vietnamese words.
fn pdf_problem(messages: &str) -> String {
    let lower = messages.to_lowercase();
    if lower.contains("quá thời gian") {
        "đọc quá thời gian cho phép".into()
    } else if lower.contains("encrypt") || lower.contains("password") {
        "tệp được khóa bằng mật khẩu; hãy mở khóa rồi nạp lại".into()
    } else if lower.contains("cross reference")
        || lower.contains("xref")
        || lower.contains("trailer")
    {
        "bảng chỉ mục của tệp bị hỏng, thường do tệp bị cắt cụt khi chép hay tải về".into()
    } else if lower.contains("chưa cài") {
        "máy chủ chưa cài trình đọc PDF (gói poppler-utils)".into()
    } else {
        "cấu trúc tệp bị hỏng".into()
    }
}

/// Poppler's extractor; pages are separated by form feeds.
fn pdftotext(path: &Path, config: &ExtractConfig) -> Result<Vec<String>, String> {
    let mut command = Command::new("pdftotext");
    command.args(["-enc", "UTF-8", "-q"]).arg(path).arg("-");
    let out = run_bounded(command, config.timeout, config.memory_limit).map_err(|f| match f {
        ChildFailure::Spawn(_) => "chưa cài pdftotext (gói poppler-utils)".to_string(),
        other => describe(other),
    })?;
    let text = String::from_utf8_lossy(&out);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

fn describe(failure: ChildFailure) -> String {
    match failure {
        ChildFailure::Spawn(e) => format!("không chạy được trình đọc PDF: {e}"),
        ChildFailure::TimedOut => "trình đọc PDF quá thời gian cho phép".to_string(),
        ChildFailure::Failed(why) => format!("trình đọc PDF dừng lỗi ({why})"),
    }
}

/// The worker side: extract in this process and print the pages as JSON. Called only from the
/// hidden `pdf-worker` subcommand.
pub fn worker_main(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).map_err(|e| e.to_string())?;
    serde_json::to_string(&pages).map_err(|e| e.to_string())
}
