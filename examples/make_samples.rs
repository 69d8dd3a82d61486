//! Render the sample library: every text in `library/sources/` (listed with its format in
//! `MANIFEST.tsv`) becomes a file in `library/samples/documents/`, books (`book-*`) in
//! `library/samples/books/`. Run after editing a source: `cargo run --example make_samples`.
//!
//! Books are printed as books: the page number at the foot of every page but the title page
//! and its back. Format `scan` makes an image-only PDF, the pages scanned at 300 dpi (see
//! `vankien::bench::scans::scan_book`), for ingest to recognise. A book's sidecar
//! `library/sources/NAME.meta.json` is copied beside it as `NAME.pdf.meta.json`.

#[path = "../tests/support/fixtures.rs"]
mod fixtures;

use std::path::Path;

use vankien::bench::scans::{self, BookPage, ScanQuality};

/// Pages of a book from page 3 on print their number.
const FIRST_NUMBERED: usize = 3;
/// Grey JPEG quality of scanned books: small files, text still clean for OCR.
const SCAN_JPEG_QUALITY: u8 = 70;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sources = Path::new("library/sources");
    let samples = Path::new("library/samples");
    for folder in ["documents", "books"] {
        std::fs::create_dir_all(samples.join(folder))?;
    }
    let manifest = std::fs::read_to_string(sources.join("MANIFEST.tsv"))?;
    let mut written = 0;
    for line in manifest
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let mut cols = line.split('\t');
        let (Some(file), Some(format)) = (cols.next(), cols.next()) else {
            continue;
        };
        let format = format.trim();
        let text = std::fs::read_to_string(sources.join(file))?;
        let stem = file.trim_end_matches(".txt");
        let title = text.lines().find(|l| !l.trim().is_empty()).unwrap_or(stem);
        if !stem.starts_with("book-") {
            let out = samples.join("documents").join(format!("{stem}.{format}"));
            fixtures::write_as(format, title, &text, &out)?;
            written += 1;
            continue;
        }
        let out = samples.join("books").join(format!("{stem}.pdf"));
        match format {
            "scan" => {
                let pages: Vec<BookPage> = text
                    .split(&format!("\n{}\n", fixtures::PAGE_BREAK))
                    .enumerate()
                    .map(|(i, page)| BookPage {
                        text: page.to_string(),
                        folio: (i + 1 >= FIRST_NUMBERED).then(|| (i + 1).to_string()),
                    })
                    .collect();
                let seed = stem
                    .bytes()
                    .fold(0u64, |h, b| h.wrapping_mul(31) ^ b as u64);
                scans::scan_book(&out, &pages, seed, ScanQuality::Clean, SCAN_JPEG_QUALITY)?;
            }
            "pdf" => std::fs::write(&out, fixtures::book_pdf_bytes(title, &text, FIRST_NUMBERED))?,
            other => return Err(format!("{file}: books are pdf or scan, not {other}").into()),
        }
        let sidecar = sources.join(format!("{stem}.meta.json"));
        if sidecar.exists() {
            let meta = vankien::vietnamese::normalize(&std::fs::read_to_string(&sidecar)?);
            std::fs::write(out.with_file_name(format!("{stem}.pdf.meta.json")), meta)?;
        }
        written += 1;
    }
    println!("wrote {written} samples to {}", samples.display());
    Ok(())
}
