//! The library: stored originals plus the catalog — the source of truth — and the ingest that
//! fills them. Layout of a library folder:
//!
//! ```text
//! library/
//!   samples/        shipped sample documents (input, ingested on first run)
//!   store/ab/…      originals named by SHA-256
//!   catalog.sqlite  metadata, page texts, citations
//!   quarantine/     files `verify --repair` took out of the store
//!   ocr/<sha256>/   a scan's recognised pages: text, word boxes, page images (kept; also
//!                   what an interrupted OCR resumes from)
//! ```

mod catalog;
pub mod curation;
pub mod ingest;
mod store;
pub mod verify;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

pub use catalog::{AuditEntry, Catalog, CatalogError, DocumentRecord, Kind, Trashed};
pub use store::{sha256_hex, Store};

use crate::extract::ocr::PageStore;

/// Failures of the library as a whole.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("không mở được thư viện tại {path}: {source}")]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error("lỗi lưu trữ tệp gốc: {0}")]
    Store(#[from] std::io::Error),
}

/// An open library folder.
pub struct Library {
    root: PathBuf,
    pub store: Store,
    catalog: Mutex<Catalog>,
}

impl Library {
    /// Open (creating if needed) the library at `root`.
    pub fn open(root: &Path) -> Result<Library, LibraryError> {
        let open_err = |source| LibraryError::Open {
            path: root.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(root).map_err(open_err)?;
        let store = Store::open(root.join("store")).map_err(open_err)?;
        let catalog = Catalog::open(&root.join("catalog.sqlite"))?;
        Ok(Library {
            root: root.to_path_buf(),
            store,
            catalog: Mutex::new(catalog),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn quarantine_dir(&self) -> PathBuf {
        self.root.join("quarantine")
    }

    /// Where the recognised pages of the file with this checksum are kept.
    pub fn scans_dir(&self) -> PathBuf {
        self.root.join("ocr")
    }

    /// The recognised pages of the file with this checksum.
    pub fn scans(&self, sha256: &str) -> PageStore {
        PageStore::new(self.scans_dir().join(sha256))
    }

    /// The catalog, for one short piece of work. A poisoned lock still holds a consistent
    /// database (SQLite transactions), so it is taken over rather than propagated.
    pub fn catalog(&self) -> MutexGuard<'_, Catalog> {
        self.catalog.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A document and its pages.
    pub fn document(
        &self,
        id: &str,
    ) -> Result<Option<(DocumentRecord, Vec<String>)>, LibraryError> {
        let catalog = self.catalog();
        let Some(record) = catalog.get(id)? else {
            return Ok(None);
        };
        let pages = catalog.pages(id)?;
        Ok(Some((record, pages)))
    }
}
