//! Text extraction: one extractor per format, each returning the text of every page.
//!
//! The format is decided from the bytes, never from the file name. PDF extraction runs in a
//! child process (see [`pdf`]) because `pdf-extract` can panic, abort or loop on hostile files.
//! Text typed in TCVN3 or VNI is repaired on every format's pages by
//! [`crate::vietnamese::legacy`] before normalizing; PDF pages whose text is still poor (by
//! [`quality`]) and images (PNG, JPEG, TIFF) are recognised by [`ocr`].

pub(crate) mod child;
mod docx;
mod html;
pub mod image;
pub mod ocr;
mod office;
pub mod pdf;
pub mod quality;
mod text;

pub use ocr::{OcrConfig, PageEvent, PageMethod, Scan};

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::vietnamese;
use crate::vietnamese::legacy::{self, HintedRange};

/// Formats we can read today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    /// Word 97–2003, converted by LibreOffice.
    Doc,
    Rtf,
    Html,
    Markdown,
    Text,
    Png,
    Jpeg,
    Tiff,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Rtf => "rtf",
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::Tiff => "tiff",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Doc => "application/msword",
            Format::Rtf => "application/rtf",
            Format::Html => "text/html; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Text => "text/plain; charset=utf-8",
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Tiff => "image/tiff",
        }
    }

    pub fn from_code(code: &str) -> Option<Format> {
        [
            Format::Pdf,
            Format::Docx,
            Format::Doc,
            Format::Rtf,
            Format::Html,
            Format::Markdown,
            Format::Text,
            Format::Png,
            Format::Jpeg,
            Format::Tiff,
        ]
        .into_iter()
        .find(|f| f.code() == code)
    }
}

/// Why a file could not be read. Each message says what a person can do about it.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("tệp rỗng (0 byte): hãy kiểm tra lại bản gốc")]
    Empty,
    #[error(
        "không nhận ra định dạng tệp ({0}); hãy chuyển sang PDF, DOCX, HTML hoặc văn bản UTF-8"
    )]
    Unsupported(String),
    #[error(
        "văn bản không phải UTF-8 (có thể là mã TCVN3/VNI cũ); hãy lưu lại dưới dạng Unicode UTF-8"
    )]
    NotUtf8,
    #[error("tệp PDF hỏng hoặc không đọc được: {0}. Hãy lấy lại bản gốc, hoặc xuất lại PDF từ phần mềm soạn thảo")]
    BadPdf(String),
    #[error(
        "tệp PDF không có lớp chữ (có thể là bản quét); cần nhận dạng chữ (OCR) trước khi nhập"
    )]
    NoTextLayer,
    #[error("tệp DOCX hỏng: {0}")]
    BadDocx(String),
    #[error(
        "không chuyển được tệp Word 97–2003/RTF: {0}; hãy mở bằng Word hoặc LibreOffice và lưu lại dưới dạng DOCX"
    )]
    Converter(String),
    #[error("tệp quá lớn khi giải nén ({0}); có thể là tệp độc hại, hãy kiểm tra lại")]
    TooLarge(String),
    #[error("không có chữ nào đọc được trong tệp")]
    NoText,
    #[error("lỗi đọc tệp: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Ocr(#[from] ocr::OcrError),
}

/// How extraction may run.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    /// The `vankien` binary that runs the isolated PDF worker.
    pub worker: PathBuf,
    /// Wall-clock limit for one PDF in the worker and for `pdftotext`.
    pub timeout: Duration,
    /// Address-space limit for the worker, in bytes.
    pub memory_limit: u64,
    pub ocr: OcrConfig,
}

impl ExtractConfig {
    /// The worker is this executable unless `VANKIEN_WORKER` names another (tests run from a
    /// harness binary that has no worker subcommand).
    pub fn from_env() -> ExtractConfig {
        let worker = std::env::var_os("VANKIEN_WORKER")
            .map(PathBuf::from)
            .or_else(|| std::env::current_exe().ok())
            .unwrap_or_else(|| PathBuf::from("vankien"));
        ExtractConfig {
            worker,
            timeout: Duration::from_secs(60),
            memory_limit: 2 << 30,
            ocr: OcrConfig::from_env(),
        }
    }
}

/// The text of a file, page by page, normalized (NFC, `Đ`, one tone placement).
#[derive(Debug, Clone)]
pub struct Extracted {
    pub format: Format,
    /// Which extractor produced the text (`pdf-extract`, `pdftotext`, `docx`, `libreoffice`),
    /// followed by the legacy encodings repaired (`pdftotext+tcvn3`, `docx+vni`).
    pub method: String,
    pub pages: Vec<String>,
    /// How each page's text was obtained.
    pub methods: Vec<PageMethod>,
    /// What the legacy-encoding repair decided, block by block.
    pub legacy: legacy::Report,
}

impl Extracted {
    /// The whole text, pages separated by a form feed line.
    pub fn full_text(&self) -> String {
        self.pages.join("\n\u{c}\n")
    }
}

/// Decide the format from the content; the name only separates Markdown from plain text.
pub fn detect_format(bytes: &[u8], name: &Path) -> Result<Format, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    if let Some(kind) = image::sniff(bytes) {
        return Ok(match kind {
            image::ImageKind::Png => Format::Png,
            image::ImageKind::Jpeg => Format::Jpeg,
            image::ImageKind::Tiff => Format::Tiff,
        });
    }
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return if docx::is_docx(bytes) {
            Ok(Format::Docx)
        } else {
            Err(ExtractError::Unsupported(
                "tệp nén ZIP nhưng không phải DOCX".into(),
            ))
        };
    }
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        return if office::is_word97(bytes) {
            Ok(Format::Doc)
        } else {
            Err(ExtractError::Unsupported(
                "tệp Office 97–2003 nhưng không phải Word (Excel, PowerPoint?)".into(),
            ))
        };
    }
    if office::is_rtf(head) {
        return Ok(Format::Rtf);
    }
    if text::looks_binary(head) {
        return Err(ExtractError::Unsupported("tệp nhị phân".into()));
    }
    let lower = String::from_utf8_lossy(head).to_lowercase();
    if lower.contains("<!doctype html") || lower.contains("<html") || lower.contains("<body") {
        return Ok(Format::Html);
    }
    let ext = name
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    Ok(if matches!(ext.as_str(), "md" | "markdown") {
        Format::Markdown
    } else {
        Format::Text
    })
}

/// Extract and normalize the pages of a file; scans are recognised in memory.
pub fn extract(
    path: &Path,
    bytes: &[u8],
    config: &ExtractConfig,
) -> Result<Extracted, ExtractError> {
    extract_with(path, bytes, config, &mut Scan::in_memory())
}

/// Extract and normalize the pages of a file, recognising scanned pages with OCR, keeping them
/// where `scan` says and reporting each page there.
pub fn extract_with(
    path: &Path,
    bytes: &[u8],
    config: &ExtractConfig,
    scan: &mut Scan,
) -> Result<Extracted, ExtractError> {
    let format = detect_format(bytes, path)?;
    let mut hints: Vec<Vec<HintedRange>> = Vec::new();
    let mut scanned = None;
    let (method, pages) = match format {
        Format::Pdf => {
            scanned = Some(ocr::pdf(path, config, scan)?);
            ("", Vec::new())
        }
        Format::Png | Format::Jpeg | Format::Tiff => {
            let kind = match format {
                Format::Png => image::ImageKind::Png,
                Format::Jpeg => image::ImageKind::Jpeg,
                _ => image::ImageKind::Tiff,
            };
            scanned = Some(ocr::image(path, bytes, kind, config, scan)?);
            ("", Vec::new())
        }
        Format::Docx => {
            let (pages, docx_hints) = docx::extract(bytes)?;
            hints = docx_hints;
            ("docx", pages)
        }
        Format::Doc | Format::Rtf => {
            let (pages, docx_hints) = office::extract(bytes, format, config)?;
            hints = docx_hints;
            ("libreoffice", pages)
        }
        Format::Html => ("html", vec![html::extract(&text::decode(bytes)?)]),
        Format::Markdown => (
            "markdown",
            text::pages(&text::strip_markdown(&text::decode(bytes)?)),
        ),
        Format::Text => {
            let (method, plain) = text::decode_plain(bytes)?;
            (method, text::pages(&plain))
        }
    };
    // Scans come repaired (a PDF's text layer, before its pages are judged) and recognised.
    let (method, pages, methods, legacy) = match scanned {
        Some(s) => (s.method, s.pages, s.methods, s.legacy),
        None => {
            // Before normalizing, which drops the soft hyphen that is TCVN3's `ư`.
            let repaired = legacy::repair_pages(&pages, &hints);
            let methods = vec![PageMethod::Text; repaired.pages.len()];
            let method = format!("{method}{}", repaired.report.method_suffix());
            (method, repaired.pages, methods, repaired.report)
        }
    };
    let pages: Vec<String> = pages
        .iter()
        .map(|p| {
            vietnamese::tidy_whitespace(&vietnamese::normalize(p))
                .trim()
                .to_string()
        })
        .collect();
    if pages
        .iter()
        .all(|p| p.chars().filter(|c| c.is_alphabetic()).count() == 0)
    {
        return Err(if format == Format::Pdf {
            ExtractError::NoTextLayer
        } else {
            ExtractError::NoText
        });
    }
    Ok(Extracted {
        format,
        method,
        pages,
        methods,
        legacy,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
