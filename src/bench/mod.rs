//! Measurements the documentation quotes, each a command so anyone can re-run the figures:
//! ranking quality on a public Vietnamese legal retrieval set ([`alqac`], `vankien eval`),
//! diacritic accuracy of legacy-encoded files ([`legacy`], `vankien eval-legacy`), a
//! generator of realistic Party and State documents ([`corpus`], `vankien corpus`), speed at
//! archive scale ([`perf`], `vankien bench`), generated scans with their true text ([`scans`],
//! `vankien scans`) and OCR accuracy and speed against tesseract run directly ([`ocr`],
//! `vankien ocr-eval`) and search inside one book ([`book_search`], `vankien bench-book`).

pub mod alqac;
pub mod book_search;
pub mod corpus;
pub mod legacy;
pub mod ocr;
pub mod perf;
pub mod scans;
mod vocabulary;

use std::path::PathBuf;

use crate::search::SearchError;

/// Failures of a measurement run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("không đọc được {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} không phải JSON hợp lệ: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error(transparent)]
    Archive(#[from] crate::ArchiveError),
    #[error(transparent)]
    Ingest(#[from] crate::library::ingest::IngestError),
    #[error("tìm kiếm thất bại: {0}")]
    Query(#[from] crate::web::Error),
    #[error(transparent)]
    Scan(#[from] scans::ScanError),
    #[error("{0}")]
    Tesseract(String),
}
