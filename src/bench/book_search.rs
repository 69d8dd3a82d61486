//! `vankien bench-book`: how long a search inside one book takes, the reader's way (the book's
//! pages read from the catalog and walked in memory, [`crate::search::within`]) beside one query
//! of the tantivy index, on the generated 300-page history of the chapter tests
//! ([`crate::document::chapters::history`]). The index holds whole documents, so its answer only
//! says whether the book matches; finding the pages still means reading them, which the second
//! index figure adds (the search results' way, [`crate::search::snippet::best_snippet`]).

use std::path::Path;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::BenchError;
use crate::extract::ExtractConfig;
use crate::library::ingest::{self, IngestOptions};
use crate::library::Kind;
use crate::search::SearchRequest;
use crate::Archive;

/// Queries a reader types inside a local history: names with and without marks, phrases, a
/// word on every page, words that are not there.
pub const QUERIES: [&str; 8] = [
    "Bắc Quang",
    "bac quang",
    "chính quyền cách mạng",
    "du kich vinh tuy",
    "đảng viên",
    "nghị quyết phát triển kinh tế",
    "Điện Biên Phủ",
    "khong co tu nay",
];

/// Timings of one way of searching, over every query and repetition.
#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    pub method: String,
    pub median_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BookBenchReport {
    pub pages: usize,
    pub text_bytes: usize,
    pub queries: usize,
    pub repetitions: usize,
    pub timings: Vec<Timing>,
    /// Pages found per query by the in-book search.
    pub pages_found: Vec<(String, usize)>,
}

fn timing(method: &str, mut times: Vec<Duration>) -> Timing {
    times.sort();
    let ms = |d: Duration| (d.as_secs_f64() * 1000.0 * 100.0).round() / 100.0;
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    Timing {
        method: method.to_string(),
        median_ms: ms(at(0.5)),
        p95_ms: ms(at(0.95)),
        max_ms: ms(*times.last().expect("timed at least once")),
    }
}

/// Ingest the generated history into a fresh archive under `work` and time every query
/// `repetitions` times each way.
pub fn run(work: &Path, repetitions: usize) -> Result<BookBenchReport, BenchError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BenchError::Io { path, source }
    };
    if work.exists() {
        std::fs::remove_dir_all(work).map_err(io(work))?;
    }
    let inbox = work.join("inbox");
    std::fs::create_dir_all(&inbox).map_err(io(&inbox))?;
    let (pages, _) = crate::document::chapters::history::history();
    let file = inbox.join("lich-su-dang-bo-huyen-bac-quang.txt");
    std::fs::write(&file, pages.join("\u{c}")).map_err(io(&file))?;
    let archive = Archive::open(&work.join("library"), &work.join("index"))?;
    let options = IngestOptions {
        kind: Kind::Book,
        extract: ExtractConfig::from_env(),
    };
    let mut id = None;
    ingest::ingest_paths(&archive.library, &archive.index, &[inbox], &options, |o| {
        id = o.id.clone();
    })?;
    let id = id.ok_or_else(|| {
        BenchError::Query(crate::web::Error::Internal(format!(
            "không nhập được sách mẫu {}",
            file.display()
        )))
    })?;
    let stored = archive
        .library
        .catalog()
        .pages(&id)
        .map_err(|e| crate::web::Error::from(crate::library::LibraryError::from(e)))?;
    let repetitions = repetitions.max(1);

    let mut within = Vec::new();
    let mut index_only = Vec::new();
    let mut index_pages = Vec::new();
    let mut pages_found = Vec::new();
    for q in QUERIES {
        // One untimed pass warms the caches, as on a running server.
        let found =
            crate::web::books::search_book(&archive, &id, q, u8::MAX)?.map_or(0, |f| f.total);
        pages_found.push((q.to_string(), found));
        archive.index.search(&SearchRequest::new(q, 10, 0))?;
        for _ in 0..repetitions {
            let started = Instant::now();
            crate::web::books::search_book(&archive, &id, q, u8::MAX)?;
            within.push(started.elapsed());

            let started = Instant::now();
            let results = archive.index.search(&SearchRequest::new(q, 10, 0))?;
            index_only.push(started.elapsed());
            if results.hits.iter().any(|(hit, _)| *hit == id) {
                let pages =
                    archive.library.catalog().pages(&id).map_err(|e| {
                        crate::web::Error::from(crate::library::LibraryError::from(e))
                    })?;
                crate::search::snippet::best_snippet(&pages, &results.terms);
            }
            index_pages.push(started.elapsed());
        }
    }
    Ok(BookBenchReport {
        pages: stored.len(),
        text_bytes: stored.iter().map(String::len).sum(),
        queries: QUERIES.len(),
        repetitions,
        timings: vec![
            timing(
                "trong sách: đọc các trang từ catalog, dò trong bộ nhớ, cắt đoạn trích",
                within,
            ),
            timing(
                "chỉ mục tantivy: một truy vấn (không biết trang nào)",
                index_only,
            ),
            timing(
                "chỉ mục tantivy + đọc các trang để tìm trang khớp nhất",
                index_pages,
            ),
        ],
        pages_found,
    })
}

/// The report as a table.
pub fn table(report: &BookBenchReport) -> String {
    let mut out = format!(
        "Sách {} trang ({} KB chữ), {} câu tìm × {} lần\n\n| cách tìm | trung vị (ms) | p95 (ms) | lâu nhất (ms) |\n|---|---:|---:|---:|\n",
        report.pages,
        report.text_bytes / 1024,
        report.queries,
        report.repetitions
    );
    for t in &report.timings {
        out.push_str(&format!(
            "| {} | {:.2} | {:.2} | {:.2} |\n",
            t.method, t.median_ms, t.p95_ms, t.max_ms
        ));
    }
    out.push_str("\n| câu tìm | số trang khớp |\n|---|---:|\n");
    for (q, n) in &report.pages_found {
        out.push_str(&format!("| {q} | {n} |\n"));
    }
    out
}
