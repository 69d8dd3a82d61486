//! Consistency between stored originals, catalog and index, and its repair: what is derived (the
//! index) is rebuilt; what is not (originals, catalog rows) is never deleted, only moved to
//! `quarantine/` with a note of what it was.

use std::collections::HashSet;

use serde::Serialize;

use super::{Library, LibraryError};
use crate::search::{SearchError, SearchIndex};

/// One disagreement.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// `catalog`, `missing-original`, `corrupt-original`, `orphan-original`, `partial-write`,
    /// `not-indexed`, `stale-index`.
    pub kind: &'static str,
    /// The document id or the file concerned.
    pub subject: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// Every disagreement between store, catalog and index.
pub fn check(library: &Library, index: &SearchIndex) -> Result<Vec<Problem>, VerifyError> {
    let mut problems = Vec::new();
    let catalog = library.catalog();
    for issue in catalog.integrity_check().map_err(LibraryError::from)? {
        problems.push(Problem {
            kind: "catalog",
            subject: "catalog.sqlite".into(),
            message: issue,
        });
    }
    let records = catalog.list().map_err(LibraryError::from)?;
    drop(catalog);
    let (stored, temps) = library.store.list().map_err(LibraryError::from)?;
    let stored: HashSet<String> = stored.into_iter().collect();
    let mut catalogued = HashSet::new();
    for record in &records {
        catalogued.insert(record.sha256.clone());
        if !stored.contains(&record.sha256) {
            problems.push(Problem {
                kind: "missing-original",
                subject: record.id.clone(),
                message: format!("thiếu tệp gốc của {} ({})", record.id, record.source_name),
            });
        } else if !library
            .store
            .matches(&record.sha256)
            .map_err(LibraryError::from)?
        {
            problems.push(Problem {
                kind: "corrupt-original",
                subject: record.id.clone(),
                message: format!(
                    "tệp gốc của {} ({}) không khớp mã kiểm tra SHA-256",
                    record.id, record.source_name
                ),
            });
        }
    }
    for sha in stored.difference(&catalogued) {
        problems.push(Problem {
            kind: "orphan-original",
            subject: sha.clone(),
            message: format!("tệp gốc {sha} không có trong danh mục (nhập bị ngắt giữa chừng?)"),
        });
    }
    for temp in temps {
        problems.push(Problem {
            kind: "partial-write",
            subject: temp.display().to_string(),
            message: format!("tệp ghi dở {}", temp.display()),
        });
    }
    let indexed = index.ids()?;
    let ids: HashSet<String> = records.iter().map(|r| r.id.clone()).collect();
    for id in ids.difference(&indexed) {
        problems.push(Problem {
            kind: "not-indexed",
            subject: id.clone(),
            message: format!("{id} có trong danh mục nhưng chưa có trong chỉ mục"),
        });
    }
    for id in indexed.difference(&ids) {
        problems.push(Problem {
            kind: "stale-index",
            subject: id.clone(),
            message: format!("{id} có trong chỉ mục nhưng không có trong danh mục"),
        });
    }
    problems.sort_by(|a, b| (a.kind, &a.subject).cmp(&(b.kind, &b.subject)));
    Ok(problems)
}

/// Fix what `check` found; returns what was done, one line per action.
pub fn repair(
    library: &Library,
    index: &SearchIndex,
    problems: &[Problem],
) -> Result<Vec<String>, VerifyError> {
    let mut actions = Vec::new();
    let quarantine = library.quarantine_dir();
    for problem in problems {
        match problem.kind {
            "orphan-original" => {
                let path = library.store.path(&problem.subject);
                let moved = library
                    .store
                    .quarantine(&path, &quarantine)
                    .map_err(LibraryError::from)?;
                actions.push(format!("chuyển tệp mồ côi vào {}", moved.display()));
            }
            "partial-write" => {
                let moved = library
                    .store
                    .quarantine(std::path::Path::new(&problem.subject), &quarantine)
                    .map_err(LibraryError::from)?;
                actions.push(format!("chuyển tệp ghi dở vào {}", moved.display()));
            }
            "missing-original" | "corrupt-original" => {
                let Some((record, pages)) = library.document(&problem.subject)? else {
                    continue;
                };
                std::fs::create_dir_all(&quarantine).map_err(LibraryError::from)?;
                let path = library.store.path(&record.sha256);
                if path.exists() {
                    library
                        .store
                        .quarantine(&path, &quarantine)
                        .map_err(LibraryError::from)?;
                }
                // Keep the catalog's knowledge beside the file, so nothing is lost.
                let note = serde_json::json!({ "record": record, "pages": pages, "problem": problem.kind });
                let note_path = quarantine.join(format!("{}.json", record.id));
                std::fs::write(&note_path, note.to_string()).map_err(LibraryError::from)?;
                library
                    .catalog()
                    .remove(&record.id)
                    .map_err(LibraryError::from)?;
                index.delete(&record.id)?;
                actions.push(format!(
                    "đưa {} vào khu cách ly ({}): hãy nhập lại bản gốc",
                    record.id,
                    note_path.display()
                ));
            }
            _ => {}
        }
    }
    if problems
        .iter()
        .any(|p| matches!(p.kind, "not-indexed" | "stale-index"))
    {
        let n = rebuild_index(library, index)?;
        actions.push(format!("dựng lại chỉ mục: {n} tài liệu"));
    } else {
        index.commit()?;
    }
    Ok(actions)
}

/// Rebuild the whole index from the catalog.
pub fn rebuild_index(library: &Library, index: &SearchIndex) -> Result<usize, VerifyError> {
    index.delete_all()?;
    let ids = library.catalog().ids().map_err(LibraryError::from)?;
    for id in &ids {
        if let Some((record, pages)) = library.document(id)? {
            index.add(&record, &pages)?;
        }
    }
    index.commit()?;
    Ok(ids.len())
}
