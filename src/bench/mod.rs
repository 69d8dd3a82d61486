//! Measurements the documentation quotes: ranking quality on a public Vietnamese legal
//! retrieval set ([`alqac`]). Each is a command, so anyone can re-run the figures.

pub mod alqac;

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
}
