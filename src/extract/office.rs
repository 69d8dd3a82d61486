//! Word 97–2003 (`.doc`) and RTF: converted to DOCX by LibreOffice (`soffice --headless
//! --convert-to docx`) in a child process, then read by the DOCX extractor, so the run fonts
//! (`.VnTime`, `.VnTimeH`, `VNI-Times`) reach the legacy repair as hints and soft hyphens
//! (TCVN3 `ư`) survive. Why LibreOffice and not antiword, catdoc or unrtf: ARCHITECTURE.md.
//!
//! Each conversion runs with a private profile folder (LibreOffice is not safe to run twice on
//! one profile) inside a fresh private temporary folder, under the time and memory limits of
//! [`super::child`]; the folder is removed afterwards whatever happened.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use super::child::{run_bounded, ChildFailure};
use super::{docx, ExtractConfig, ExtractError, Format};
use crate::vietnamese::legacy::HintedRange;

/// A converted document larger than this is not one anyone typed.
const MAX_CONVERTED: u64 = 256 << 20;

/// LibreOffice needs more address space than the PDF worker: it maps its libraries and a
/// Java-less UNO runtime before reading a byte.
const MIN_MEMORY: u64 = 4 << 30;

/// The pages of a `.doc` or `.rtf` file, with the font hints of the DOCX it was converted to.
pub fn extract(
    bytes: &[u8],
    format: Format,
    config: &ExtractConfig,
) -> Result<(Vec<String>, Vec<Vec<HintedRange>>), ExtractError> {
    let work = WorkDir::new()?;
    // The bytes go in under a fixed name: the original name may mislead the converter or
    // start with `-`.
    let input = work.path.join(format!("input.{}", format.code()));
    std::fs::write(&input, bytes)?;
    let out_dir = work.path.join("out");
    let mut command = Command::new("soffice");
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            work.path.join("profile").display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(&input)
        .env("HOME", &work.path)
        .env("SAL_USE_VCLPLUGIN", "svp");
    run_bounded(command, config.timeout, config.memory_limit.max(MIN_MEMORY)).map_err(
        |failure| match failure {
            ChildFailure::Spawn(_) => ExtractError::Converter(
                "chưa cài LibreOffice (gói libreoffice-writer-nogui; chạy scripts/setup.sh)".into(),
            ),
            ChildFailure::TimedOut => {
                ExtractError::Converter("LibreOffice quá thời gian cho phép".into())
            }
            ChildFailure::Failed(why) => {
                ExtractError::Converter(format!("LibreOffice dừng lỗi ({why})"))
            }
        },
    )?;
    let converted = out_dir.join("input.docx");
    let size = std::fs::metadata(&converted)
        .map_err(|_| {
            ExtractError::Converter(
                "LibreOffice không đọc được tệp (hỏng hoặc không phải Word/RTF)".into(),
            )
        })?
        .len();
    if size > MAX_CONVERTED {
        return Err(ExtractError::TooLarge(format!(
            "bản chuyển đổi hơn {} MiB",
            MAX_CONVERTED >> 20
        )));
    }
    docx::extract(&std::fs::read(&converted)?)
}

/// A private temporary folder, removed when dropped.
struct WorkDir {
    path: PathBuf,
}

impl WorkDir {
    fn new() -> Result<WorkDir, ExtractError> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "vankien-office-{}-{}-{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().mode(0o700).create(&path)?;
        Ok(WorkDir { path })
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Whether an OLE compound file (`D0 CF 11 E0`) holds a Word document: its directory names a
/// `WordDocument` stream (UTF-16). Excel and PowerPoint files share the container.
pub fn is_word97(bytes: &[u8]) -> bool {
    const NAME: &[u8] = b"W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0";
    bytes.windows(NAME.len()).any(|w| w == NAME)
}

/// Whether the bytes open like an RTF file (`{\rtf`, after an optional byte-order mark or
/// spaces).
pub fn is_rtf(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"{\\rtf")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_word_97_and_rtf_by_their_bytes() {
        let mut doc = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0];
        assert!(!is_word97(&doc));
        doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(is_word97(&doc));
        assert!(is_rtf(b"{\\rtf1\\ansi hello}"));
        assert!(is_rtf(b"\xef\xbb\xbf \r\n{\\rtf1}"));
        assert!(!is_rtf(b"rtf1 {\\rtf"));
        assert!(!is_rtf(b""));
    }
}
