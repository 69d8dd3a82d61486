//! What editors do to the library after ingest: correct a document's metadata, move it to the
//! trash and back. Each change is one catalog transaction with its audit entry, followed at
//! once by the index (committed), so a search right after an edit sees it. A crash between the
//! two leaves the index behind the catalog, which `verify` reports and `--repair` rebuilds.

use super::{DocumentRecord, Library, LibraryError};
use crate::document::Metadata;
use crate::search::{SearchError, SearchIndex};

#[derive(Debug, thiserror::Error)]
pub enum CurationError {
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// Replace a document's metadata as `user`; `None` if there is no such document.
pub fn edit(
    library: &Library,
    index: &SearchIndex,
    id: &str,
    metadata: &Metadata,
    user: &str,
) -> Result<Option<DocumentRecord>, CurationError> {
    let record = library
        .catalog()
        .edit(id, metadata, user)
        .map_err(LibraryError::from)?;
    if let Some(record) = &record {
        reindex(library, index, record)?;
    }
    Ok(record)
}

/// Move a document to the trash; `false` if there is no such document.
pub fn trash(
    library: &Library,
    index: &SearchIndex,
    id: &str,
    user: &str,
    reason: &str,
) -> Result<bool, CurationError> {
    let moved = library
        .catalog()
        .trash(id, user, reason)
        .map_err(LibraryError::from)?;
    if moved {
        index.delete(id)?;
        index.commit()?;
    }
    Ok(moved)
}

/// Bring a document back from the trash.
pub fn restore(
    library: &Library,
    index: &SearchIndex,
    id: &str,
    user: &str,
) -> Result<Option<DocumentRecord>, CurationError> {
    let record = library
        .catalog()
        .restore(id, user)
        .map_err(LibraryError::from)?;
    if let Some(record) = &record {
        reindex(library, index, record)?;
    }
    Ok(record)
}

/// A new version (`new`, already stored) replaces `old`: the old one goes to the trash, kept
/// whole and restorable, and the new one's history says which it replaced.
pub fn replace(
    library: &Library,
    index: &SearchIndex,
    old: &str,
    new: &str,
    user: &str,
) -> Result<bool, CurationError> {
    let moved = library
        .catalog()
        .replace(old, new, user)
        .map_err(LibraryError::from)?;
    if moved {
        index.delete(old)?;
        index.commit()?;
    }
    Ok(moved)
}

/// The index entry of a document as the catalog now has it, committed.
fn reindex(
    library: &Library,
    index: &SearchIndex,
    record: &DocumentRecord,
) -> Result<(), CurationError> {
    let pages = library
        .catalog()
        .pages(&record.id)
        .map_err(LibraryError::from)?;
    index.add(record, &pages)?;
    index.commit()?;
    Ok(())
}
