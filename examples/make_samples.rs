//! Render the sample library: every text in `library/sources/` (listed with its format in
//! `MANIFEST.tsv`) becomes a file in `library/samples/documents/`, books (`book-*`) in
//! `library/samples/books/`. Run after editing a source: `cargo run --example make_samples`.

#[path = "../tests/support/fixtures.rs"]
mod fixtures;

use std::path::Path;

fn main() -> std::io::Result<()> {
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
        let text = std::fs::read_to_string(sources.join(file))?;
        let stem = file.trim_end_matches(".txt");
        let title = text.lines().find(|l| !l.trim().is_empty()).unwrap_or(stem);
        let folder = if stem.starts_with("book-") {
            "books"
        } else {
            "documents"
        };
        let out = samples
            .join(folder)
            .join(format!("{stem}.{}", format.trim()));
        fixtures::write_as(format.trim(), title, &text, &out)?;
        written += 1;
    }
    println!("wrote {written} samples to {}", samples.display());
    Ok(())
}
