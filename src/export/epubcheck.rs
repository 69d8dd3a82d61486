//! Runs the reference EPUB validator, epubcheck, on a file.
//!
//! The jar is taken from `$EPUBCHECK_JAR` if set, otherwise from the Debian
//! package (`dpkg -L epubcheck`). Install it with
//! `apt-get install -y epubcheck default-jre-headless`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The message returned when no epubcheck jar can be found.
pub const NOT_INSTALLED: &str = "epubcheck is not installed: run \
     `apt-get install -y epubcheck default-jre-headless` (or set EPUBCHECK_JAR to the jar)";

/// Locates the epubcheck jar, if any.
pub fn epubcheck_jar() -> Option<PathBuf> {
    if let Some(jar) = std::env::var_os("EPUBCHECK_JAR") {
        let jar = PathBuf::from(jar);
        return jar.is_file().then_some(jar);
    }
    let out = Command::new("dpkg")
        .args(["-L", "epubcheck"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let listing = String::from_utf8_lossy(&out.stdout);
    let jars: Vec<PathBuf> = listing
        .lines()
        .filter(|l| l.ends_with(".jar"))
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect();
    // The package ships several jars; `epubcheck.jar` is the runnable one with a class path.
    jars.iter()
        .find(|p| p.file_name().is_some_and(|n| n == "epubcheck.jar"))
        .or_else(|| jars.first())
        .cloned()
}

/// Validates `path` with epubcheck.
///
/// Returns `Ok(())` only when epubcheck exits successfully and reports no
/// fatal error, no error and no warning; otherwise `Err` holds the report
/// (or the reason epubcheck could not be run).
pub fn epubcheck(path: &Path) -> Result<(), String> {
    let jar = epubcheck_jar().ok_or_else(|| NOT_INSTALLED.to_string())?;
    let out = Command::new("java")
        // English messages, so that the report lines below can be recognised.
        .args(["-Duser.language=en", "-Duser.country=US", "-jar"])
        .arg(&jar)
        .arg(path)
        .args(["--failonwarnings", "--locale", "en"])
        .output()
        .map_err(|e| {
            format!(
                "cannot run java -jar {}: {e} ({NOT_INSTALLED})",
                jar.display()
            )
        })?;
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let flagged = report.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("ERROR") || l.starts_with("WARNING") || l.starts_with("FATAL")
    });
    // Summary line "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos", when present.
    let counted = report
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Messages:"))
        .flat_map(|m| m.split('/'))
        .any(|part| {
            let mut words = part.split_whitespace();
            let n = words.next().and_then(|n| n.parse::<u64>().ok());
            let kind = words.next().unwrap_or("");
            n != Some(0) && !kind.starts_with("info")
        });
    if out.status.success() && !flagged && !counted {
        Ok(())
    } else {
        Err(format!(
            "epubcheck ({}) rejected {} (exit status {}):\n{report}",
            jar.display(),
            path.display(),
            out.status
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runner must reject a broken EPUB, or the tests that rely on it prove nothing.
    #[test]
    fn rejects_a_broken_epub() {
        if std::env::var("VANKIEN_SKIP_EPUBCHECK").as_deref() == Ok("1") {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.epub");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        std::io::Write::write_all(&mut zip, b"application/epub+zip").unwrap();
        zip.finish().unwrap();
        let report = epubcheck(&path).expect_err("epubcheck accepted an EPUB without a package");
        assert!(
            report.contains("ERROR") || report.contains("FATAL"),
            "{report}"
        );
    }
}
