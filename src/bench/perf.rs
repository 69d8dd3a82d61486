//! Speed at archive scale: generate N documents ([`super::corpus`]), ingest them through the
//! real pipeline (files → extract → catalog → index), then time each class of query through
//! the same function the JSON API serves (search, catalog lookups, snippets).
//!
//! The HTTP side (requests per second under concurrent load) is measured by `scripts/bench.sh`
//! with `wrk` against `vankien serve` on the library this leaves behind, using the query list
//! written here.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use walkdir::WalkDir;

use super::corpus::{self, GeneratedDocument};
use super::BenchError;
use crate::extract::ExtractConfig;
use crate::library::ingest::{self, IngestOptions, IngestStatus};
use crate::library::Kind;
use crate::search::SearchRequest;
use crate::vietnamese::{self, exact_syllables};
use crate::web::api::search_page;
use crate::web::urlencode;
use crate::Archive;

/// Kinds of query a reader types, each timed separately.
pub const CLASSES: [&str; 6] = [
    "number",
    "one word",
    "several words",
    "phrase",
    "unaccented",
    "filtered",
];

/// Timings of one query class.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ClassTiming {
    pub class: String,
    pub queries: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// Mean number of matching documents: how much work the class asks for.
    pub mean_total: f64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct PerfReport {
    pub documents: usize,
    pub generate_seconds: f64,
    pub ingest_seconds: f64,
    pub documents_per_second: f64,
    /// Queries re-timed on an earlier run's library: nothing was ingested.
    pub reused: bool,
    /// Opening the library, which rebuilds the index when its schema changed.
    pub open_seconds: f64,
    pub failed: usize,
    pub index_bytes: u64,
    pub catalog_bytes: u64,
    pub store_bytes: u64,
    pub classes: Vec<ClassTiming>,
}

/// A small deterministic generator (xorshift64*): the same seed gives the same queries.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn folder_bytes(path: &Path) -> u64 {
    WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// `count` adjacent syllables of a document's body, as written.
fn words(doc: &GeneratedDocument, count: usize, rng: &mut Rng) -> Option<String> {
    // Skip the header: bodies start after the subject line.
    let body_start = doc.text.find("\n\n").unwrap_or(0);
    let tokens = exact_syllables(&doc.text[body_start..]);
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| &doc.text[body_start + t.offset_from..body_start + t.offset_to])
        .filter(|w| w.chars().all(char::is_alphabetic))
        .collect();
    if words.len() < count + 1 {
        return None;
    }
    let start = rng.below(words.len() - count);
    Some(words[start..start + count].join(" "))
}

/// A query of the given class made from a generated document.
fn query_for(class: &str, doc: &GeneratedDocument, rng: &mut Rng) -> Option<String> {
    Some(match class {
        "number" => match rng.below(3) {
            0 => doc.number.clone(),
            1 => doc.number.to_lowercase(),
            _ => format!("Số {}", doc.number),
        },
        "one word" => words(doc, 2, rng)?,
        "several words" => words(doc, 2 + rng.below(4) + 2, rng)?,
        "phrase" => format!("\"{}\"", words(doc, 3, rng)?),
        "unaccented" => vietnamese::fold(&words(doc, 4, rng)?),
        "filtered" => {
            use chrono::Datelike;
            let year = doc.issued.year();
            format!(
                "{} loai:{} nam:{}..{}",
                words(doc, 2, rng)?,
                doc.doc_type,
                year - 2,
                year + 2
            )
        }
        _ => return None,
    })
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// Generate, ingest and time. `work` is emptied first; it holds `corpus/`, `library/`,
/// `index/` and `queries.txt` (one API path per line, for the HTTP load test) afterwards.
pub fn run(
    work: &Path,
    documents: usize,
    queries_per_class: usize,
    seed: u64,
    extract: ExtractConfig,
    reuse: bool,
    mut progress: impl FnMut(&str),
) -> Result<PerfReport, BenchError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BenchError::Io { path, source }
    };
    let library_dir = work.join("library");
    let index_dir = work.join("index");
    // Re-time queries on a library an earlier run left, without ingesting again.
    let reuse = reuse && library_dir.join("catalog.sqlite").exists();
    if work.exists() && !reuse {
        std::fs::remove_dir_all(work).map_err(io(work))?;
    }
    let corpus_dir = work.join("corpus");
    std::fs::create_dir_all(&corpus_dir).map_err(io(&corpus_dir))?;

    // Keep a sample of the documents for queries; the rest only go to disk.
    let started = Instant::now();
    let mut rng = Rng(seed | 1);
    let mut sample: Vec<GeneratedDocument> = Vec::new();
    let keep_every = (documents / (queries_per_class * 2).max(1)).max(1);
    for (i, doc) in corpus::generate(documents, seed).enumerate() {
        if !reuse {
            let path = corpus_dir.join(&doc.file_name);
            std::fs::write(&path, &doc.text).map_err(io(&path))?;
        }
        if i.is_multiple_of(keep_every) {
            sample.push(doc);
        }
    }
    let generate_seconds = started.elapsed().as_secs_f64();
    progress(&format!(
        "đã sinh {documents} văn bản trong {generate_seconds:.1} s"
    ));

    let started = Instant::now();
    let archive = Archive::open(&library_dir, &index_dir)?;
    let open_seconds = started.elapsed().as_secs_f64();
    let options = IngestOptions {
        kind: Kind::Document,
        extract,
    };
    let started = Instant::now();
    let mut done = 0usize;
    let mut failed = 0usize;
    let to_ingest = if reuse {
        Vec::new()
    } else {
        vec![corpus_dir.clone()]
    };
    ingest::ingest_paths(
        &archive.library,
        &archive.index,
        &to_ingest,
        &options,
        |outcome| {
            done += 1;
            if outcome.status == IngestStatus::Failed {
                failed += 1;
            }
            if done.is_multiple_of(10_000) {
                progress(&format!("đã nhập {done} văn bản"));
            }
        },
    )?;
    let ingest_seconds = started.elapsed().as_secs_f64();
    if !reuse {
        progress(&format!(
            "đã nhập {documents} văn bản trong {ingest_seconds:.1} s"
        ));
    }

    let mut classes = Vec::new();
    let mut api_paths = Vec::new();
    for class in CLASSES {
        let queries: Vec<String> = sample
            .iter()
            .filter_map(|doc| query_for(class, doc, &mut rng))
            .take(queries_per_class)
            .collect();
        // One untimed pass warms the page cache and the reader, as a running server is.
        for q in &queries {
            search_page(&archive, &SearchRequest::new(q, 10, 0))?;
        }
        let mut times = Vec::with_capacity(queries.len());
        let mut totals = 0usize;
        for q in &queries {
            let started = Instant::now();
            let page = search_page(&archive, &SearchRequest::new(q, 10, 0))?;
            times.push(started.elapsed());
            totals += page.total;
        }
        times.sort();
        classes.push(ClassTiming {
            class: class.to_string(),
            queries: queries.len(),
            p50_ms: percentile(&times, 0.5),
            p99_ms: percentile(&times, 0.99),
            max_ms: times.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
            mean_total: totals as f64 / queries.len().max(1) as f64,
        });
        api_paths.extend(
            queries
                .iter()
                .map(|q| format!("/api/search?q={}", urlencode(q))),
        );
    }
    let list = work.join("queries.txt");
    std::fs::write(&list, api_paths.join("\n") + "\n").map_err(io(&list))?;

    Ok(PerfReport {
        documents,
        generate_seconds,
        ingest_seconds,
        documents_per_second: documents as f64 / ingest_seconds.max(1e-9),
        reused: reuse,
        open_seconds,
        failed,
        index_bytes: folder_bytes(&index_dir),
        catalog_bytes: std::fs::read_dir(&library_dir)
            .map_err(io(&library_dir))?
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with("catalog"))
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum(),
        store_bytes: folder_bytes(&library_dir.join("store")),
        classes,
    })
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// The report as Markdown, as docs/performance.md quotes it.
pub fn table(report: &PerfReport) -> String {
    let ingest = if report.reused {
        format!(
            "library of an earlier run reused, opened in {:.1} s (the index is rebuilt when its \
             schema changed)",
            report.open_seconds
        )
    } else {
        format!(
            "ingested in {:.1} s = {:.0} documents/s ({} failed)",
            report.ingest_seconds, report.documents_per_second, report.failed
        )
    };
    let mut out = format!(
        "{} documents: generated in {:.1} s; {ingest}\n\
         index {}, catalog {}, originals {}\n\n\
         | query class | queries | p50 ms | p99 ms | max ms | mean matches |\n\
         |---|---:|---:|---:|---:|---:|\n",
        report.documents,
        report.generate_seconds,
        mib(report.index_bytes),
        mib(report.catalog_bytes),
        mib(report.store_bytes),
    );
    for c in &report.classes {
        out.push_str(&format!(
            "| {} | {} | {:.2} | {:.2} | {:.2} | {:.0} |\n",
            c.class, c.queries, c.p50_ms, c.p99_ms, c.max_ms, c.mean_total
        ));
    }
    out
}

/// Where a run keeps its files when none is given.
pub fn default_work_dir() -> PathBuf {
    std::env::temp_dir().join("vankien-bench")
}
