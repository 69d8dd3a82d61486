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
    /// `not-indexed`, `stale-index`, `missing-scan` (a recognised page's image or words are
    /// gone), `unfinished-ocr` (pages of a file whose ingest did not finish), `ocr-in-use`
    /// (pages of a file an ingest is reading now: never removed).
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
    let (stored, temps) = library.store.list().map_err(LibraryError::from)?;
    let stored: HashSet<String> = stored.into_iter().collect();
    // The trash keeps its originals, to be restored whole.
    let mut catalogued: HashSet<String> = catalog
        .trashed_sha256s()
        .map_err(LibraryError::from)?
        .into_iter()
        .collect();
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
    drop(catalog);
    scan_problems(library, &records, &catalogued, &mut problems)?;
    let revisions = index.revisions()?;
    let indexed: HashSet<String> = revisions.keys().cloned().collect();
    let ids: HashSet<String> = records.iter().map(|r| r.id.clone()).collect();
    for record in &records {
        let Some(built) = revisions.get(&record.id) else {
            continue;
        };
        if *built != crate::search::revision(record) {
            problems.push(Problem {
                kind: "outdated-index",
                subject: record.id.clone(),
                message: format!(
                    "{} ({}): chỉ mục còn thông tin cũ, danh mục đã được sửa sau đó",
                    record.id, record.source_name
                ),
            });
        }
    }
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

/// Recognised pages: every page catalogued as recognised (or blank) has its stored record, and
/// every folder of pages belongs to a catalogued file. Reads folder listings only.
fn scan_problems(
    library: &Library,
    records: &[super::DocumentRecord],
    known: &HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Result<(), VerifyError> {
    // Trashed documents keep their recognised pages too.
    let mut owners = known.clone();
    for record in records {
        owners.insert(record.sha256.clone());
        let methods = library
            .catalog()
            .page_methods(&record.id)
            .map_err(LibraryError::from)?;
        let scanned: Vec<u32> = methods
            .iter()
            .enumerate()
            .filter(|(_, m)| matches!(m.as_deref(), Some("ocr" | "blank")))
            .map(|(i, _)| i as u32 + 1)
            .collect();
        if scanned.is_empty() {
            continue;
        }
        let stored = library.scans(&record.sha256).available();
        let missing: Vec<String> = scanned
            .iter()
            .filter(|p| !stored.contains_key(p))
            .map(u32::to_string)
            .collect();
        if !missing.is_empty() {
            problems.push(Problem {
                kind: "missing-scan",
                subject: record.id.clone(),
                message: format!(
                    "{} ({}): thiếu ảnh và ô chữ đã nhận dạng của trang {}; văn bản vẫn tìm được nhưng không xem được bản quét các trang này",
                    record.id,
                    record.source_name,
                    missing.join(", ")
                ),
            });
        }
    }
    let Ok(entries) = std::fs::read_dir(library.scans_dir()) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_job = name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit());
        if is_job && !owners.contains(&name) && library.scans(&name).in_use() {
            problems.push(Problem {
                kind: "ocr-in-use",
                subject: name.clone(),
                message: format!(
                    "trang nhận dạng của một tệp đang được nhập (ocr/{name}): để nguyên; kiểm tra lại khi việc nhập xong"
                ),
            });
        } else if is_job && !owners.contains(&name) {
            problems.push(Problem {
                kind: "unfinished-ocr",
                subject: name.clone(),
                message: format!(
                    "trang đã nhận dạng của một tệp chưa nhập xong (ocr/{name}): nhập lại tệp đó để làm tiếp, hoặc `verify --repair` để xóa"
                ),
            });
        }
    }
    Ok(())
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
            "unfinished-ocr" => {
                // Derived from a file that is not in the library: nothing is lost. Held while
                // it is removed, so an ingest starting on the same file waits; and looked up
                // again, in case an ingest catalogued it since the check.
                let scans = library.scans(&problem.subject);
                let Some(_held) = scans.try_hold().map_err(LibraryError::from)? else {
                    actions.push(format!(
                        "để nguyên ocr/{}: một tệp đang được nhập dùng nó",
                        problem.subject
                    ));
                    continue;
                };
                let catalogued = library
                    .catalog()
                    .by_sha256(&problem.subject)
                    .map_err(LibraryError::from)?
                    .is_some();
                if catalogued {
                    continue;
                }
                scans.remove().map_err(LibraryError::from)?;
                actions.push(format!(
                    "xóa trang nhận dạng dở dang ocr/{}",
                    problem.subject
                ));
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
        .any(|p| matches!(p.kind, "not-indexed" | "stale-index" | "outdated-index"))
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
