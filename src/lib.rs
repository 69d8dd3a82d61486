//! vankien: a digital library and e-book archive for Vietnamese Party and State documents.
//!
//! Data flows one way:
//!
//! ```text
//! files → extract (pages of text) → vietnamese (NFC, one tone placement)
//!       → document (number, type, issuer, date, marks, citations)
//!       → library (originals by SHA-256 + SQLite catalog: the source of truth)
//!       → search (tantivy index: derived, rebuilt at will)
//!       → web / export (HTML reader, JSON API, EPUB)
//! ```
//!
//! [`Archive`] ties a library folder to its index folder; the CLI, the server and the tests all
//! go through it.

pub mod accounts;
pub mod bench;
pub mod document;
pub mod export;
pub mod extract;
#[doc(hidden)]
pub mod fuzz;
pub mod jobs;
pub mod library;
pub mod search;
pub mod vietnamese;
pub mod web;

use std::path::Path;

use accounts::Accounts;
use library::{Library, LibraryError};
use search::{SearchError, SearchIndex};

/// Failures opening an archive.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error(transparent)]
    Verify(#[from] library::verify::VerifyError),
    #[error(transparent)]
    Accounts(#[from] accounts::AccountsError),
}

/// A library, its search index and its accounts.
pub struct Archive {
    pub library: Library,
    pub index: SearchIndex,
    pub accounts: Accounts,
}

impl Archive {
    /// Open both folders; an index that is missing or from another schema version is rebuilt
    /// from the catalog here, so every caller sees a complete index.
    pub fn open(library_dir: &Path, index_dir: &Path) -> Result<Archive, ArchiveError> {
        let library = Library::open(library_dir)?;
        let (index, fresh) = SearchIndex::open(index_dir)?;
        let accounts = Accounts::open(&library.root().join("accounts.sqlite"))?;
        let archive = Archive {
            library,
            index,
            accounts,
        };
        if fresh
            && !archive
                .library
                .catalog()
                .ids()
                .map_err(LibraryError::from)?
                .is_empty()
        {
            library::verify::rebuild_index(&archive.library, &archive.index)?;
        }
        Ok(archive)
    }
}
