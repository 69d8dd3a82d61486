//! Ingest: file → extracted pages → metadata → stored original → catalog row → index.
//!
//! Each document is atomic: the original is written under its checksum first (a crash leaves an
//! orphan file that `verify` reports and re-ingest reuses), then the catalog transaction inserts
//! the document, its pages and citations together. The index is derived and committed per batch;
//! a crash before that commit is completed by the next ingest of the same file, or by `reindex`.
//! A failed file never stops the batch. Several files are extracted at once (their OCR sharing
//! one set of places, one per core); everything after extraction runs on the calling thread, in
//! input order.
//!
//! Scans are recognised page by page (see [`crate::extract::ocr`]); their pages are kept in
//! `ocr/<sha256>/` under the library, so a run killed halfway resumes where it stopped, and each
//! page is reported as a [`PageProgress`] for a progress bar or `--json` events.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{sha256_hex, DocumentRecord, Kind, Library, LibraryError};
use crate::document::{self, BookSidecar, Classification};
use crate::extract::ocr::ScanLock;
use crate::extract::{self, ExtractConfig, ExtractError, Extracted, PageMethod, Scan};
use crate::search::{SearchError, SearchIndex};

/// Files larger than this are refused before reading (a scan of a whole book is far smaller).
pub const MAX_FILE_SIZE: u64 = 512 << 20;
/// Index commits happen at least this often during a long batch.
const COMMIT_EVERY: usize = 50;
/// A sidecar is a few hundred bytes of JSON.
const MAX_SIDECAR_SIZE: u64 = 64 << 10;

#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub kind: Kind,
    pub extract: ExtractConfig,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IngestStatus {
    Added,
    /// Already in the library; its metadata was updated from a corrected sidecar.
    Updated,
    Duplicate,
    Failed,
}

/// What happened to one file: the line `ingest --json` prints.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IngestOutcome {
    pub source: String,
    pub status: IngestStatus,
    pub id: Option<String>,
    pub number: Option<String>,
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Pages that could not be read in a file that was otherwise stored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// One page of a scanned file decided: rendered by the CLI as a progress bar, and printed by
/// `ingest --json` as `{"event":"page",…}`. Only files that need OCR report pages.
#[derive(Debug, Clone, Serialize)]
pub struct PageProgress {
    /// Always `page`: tells these lines from the per-file outcome lines.
    pub event: &'static str,
    pub source: String,
    /// 1-based.
    pub page: u32,
    /// Pages in the file.
    pub pages: u32,
    /// Pages decided so far in this file, this one included.
    pub done: u32,
    /// `text` (its own text layer was good), `ocr`, `blank` or `failed`.
    pub method: PageMethod,
    /// Recognised by an earlier, interrupted run and taken from the library, not again.
    pub reused: bool,
    /// Since this file started.
    pub elapsed_ms: u64,
    /// Time left for this file, from the pace of the pages recognised so far.
    pub eta_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl PageProgress {
    /// `[██████░░░░░░░░] 5/12 trang · còn 1 phút 20 giây · so-05.pdf`, for a terminal.
    pub fn bar(&self, width: usize) -> String {
        let filled = (self.done as usize * width)
            .checked_div(self.pages as usize)
            .unwrap_or(0)
            .min(width);
        let left = match self.eta_ms {
            Some(ms) => {
                let secs = ms.div_ceil(1000);
                if secs >= 60 {
                    format!(" · còn {} phút {} giây", secs / 60, secs % 60)
                } else {
                    format!(" · còn {secs} giây")
                }
            }
            None => String::new(),
        };
        let name = Path::new(&self.source)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!(
            "[{}{}] {}/{} trang{left} · {name}",
            "█".repeat(filled),
            "░".repeat(width - filled),
            self.done,
            self.pages
        )
    }
}

impl IngestOutcome {
    fn failed(source: &Path, error: impl ToString) -> IngestOutcome {
        IngestOutcome {
            source: source.display().to_string(),
            status: IngestStatus::Failed,
            id: None,
            number: None,
            title: None,
            error: Some(error.to_string()),
            warnings: Vec::new(),
        }
    }

    fn of(source: &Path, status: IngestStatus, record: &DocumentRecord) -> IngestOutcome {
        IngestOutcome {
            source: source.display().to_string(),
            status,
            id: Some(record.id.clone()),
            number: record.number(),
            title: Some(record.display_title()),
            error: None,
            warnings: Vec::new(),
        }
    }
}

/// Failures that stop a whole run (a single file's failure never does).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// Why one file was refused or failed.
#[derive(Debug, thiserror::Error)]
enum FileError {
    #[error("không đọc được tệp: {0}")]
    Read(std::io::Error),
    #[error("tệp quá lớn ({0} MiB; giới hạn 512 MiB)")]
    TooLarge(u64),
    #[error(transparent)]
    Extract(#[from] extract::ExtractError),
    #[error("{0}: {1}")]
    Sidecar(String, String),
    #[error("tài liệu TUYỆT MẬT không được số hóa hay lưu vào kho (theo quy định của Đảng); tệp đã bị từ chối")]
    TopSecret,
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("lỗi nội bộ khi đọc tệp này; hãy báo lỗi kèm theo tệp")]
    Internal,
}

/// Every file under the given paths (folders recursively), sorted, hidden files skipped.
pub fn collect_files(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, String)>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files: Vec<_> = walkdir::WalkDir::new(path)
                .follow_links(false)
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
                .filter_map(|e| match e {
                    Ok(e) if e.file_type().is_file() && !is_sidecar(e.path()) => {
                        Some(Ok(e.into_path()))
                    }
                    Ok(_) => None,
                    Err(err) => Some(Err((
                        err.path().unwrap_or(path).to_path_buf(),
                        err.to_string(),
                    ))),
                })
                .collect();
            files.sort_by(|a, b| match (a, b) {
                (Ok(a), Ok(b)) => a.cmp(b),
                _ => std::cmp::Ordering::Equal,
            });
            out.extend(files);
        } else if path.is_file() {
            out.push(Ok(path.clone()));
        } else {
            out.push(Err((
                path.clone(),
                "không tìm thấy tệp hay thư mục này".to_string(),
            )));
        }
    }
    out
}

/// `FILE.meta.json` describes FILE (a book's publication data); it is read with FILE, never
/// ingested as a document of its own.
fn is_sidecar(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().to_lowercase().ends_with(".meta.json"))
}

/// A book's sidecar, if there is one beside it.
fn read_sidecar(path: &Path) -> Result<Option<BookSidecar>, FileError> {
    let mut name = path.as_os_str().to_owned();
    name.push(".meta.json");
    let sidecar = PathBuf::from(name);
    let size = match std::fs::metadata(&sidecar) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(FileError::Read(e)),
    };
    if size > MAX_SIDECAR_SIZE {
        return Err(FileError::Sidecar(
            sidecar.display().to_string(),
            format!("tệp quá lớn ({size} byte; giới hạn 64 KiB)"),
        ));
    }
    let text = std::fs::read(&sidecar).map_err(FileError::Read)?;
    let text = String::from_utf8(text).map_err(|_| {
        FileError::Sidecar(
            sidecar.display().to_string(),
            "không phải văn bản UTF-8".to_string(),
        )
    })?;
    BookSidecar::parse(&text)
        .map(Some)
        .map_err(|e| FileError::Sidecar(sidecar.display().to_string(), e.to_string()))
}

/// Ingest files and folders, reporting each file as it is done.
pub fn ingest_paths(
    library: &Library,
    index: &SearchIndex,
    paths: &[PathBuf],
    options: &IngestOptions,
    report: impl FnMut(&IngestOutcome),
) -> Result<Vec<IngestOutcome>, IngestError> {
    ingest_paths_with_progress(library, index, paths, options, report, |_| {})
}

/// [`ingest_paths`], also reporting every page of a scanned file as it is decided.
///
/// Files are extracted several at a time (as many as OCR has places, `VANKIEN_OCR_JOBS` or the
/// core count), so a folder of one-page scans keeps every core busy; all files share the same
/// places for pages, so a many-page PDF beside them does not oversubscribe the cores. What
/// follows extraction (metadata, the stored original, the catalog, the index) runs on this
/// thread, file after file in input order, and outcomes are reported in that order. Page
/// events are reported as they happen, each naming its file.
pub fn ingest_paths_with_progress(
    library: &Library,
    index: &SearchIndex,
    paths: &[PathBuf],
    options: &IngestOptions,
    mut report: impl FnMut(&IngestOutcome),
    mut progress: impl FnMut(&PageProgress),
) -> Result<Vec<IngestOutcome>, IngestError> {
    index.claim_writer()?;
    let mut outcomes = Vec::new();
    let mut pending = 0;
    let mut fatal: Option<IngestError> = None;
    let parallel = options.extract.ocr.jobs.max(1);
    let mut files = collect_files(paths).into_iter().enumerate();
    // Set when the run stops early, so that files still being recognised stop too.
    let cancel = Arc::new(AtomicBool::new(false));
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<Message>();
        // Files started and not yet finished, in input order.
        let mut window: VecDeque<InFlight> = VecDeque::new();
        let (mut extracting, mut held, mut more) = (0usize, 0u64, true);
        loop {
            // Start files while there is room: places to extract, and a bound on the files
            // (and their bytes) waiting for their turn to be stored.
            while more
                && extracting < parallel
                && window.len() < WINDOW_PER_JOB * parallel
                && (window.is_empty() || held < MAX_HELD_BYTES)
            {
                let Some((n, file)) = files.next() else {
                    more = false;
                    break;
                };
                let state = match file {
                    Err((path, why)) => {
                        State::Done(path.clone(), Ok(IngestOutcome::failed(&path, why)))
                    }
                    Ok(path) => match start_file(library, index, &path, options) {
                        Err(e) => State::Done(path, Err(e)),
                        Ok(Start::Known(outcome)) => State::Done(path, Ok(outcome)),
                        // The same bytes under another name, still being read: decided once
                        // the first is stored (a duplicate then).
                        Ok(Start::Extract(job))
                            if window.iter().any(|w| w.sha256() == Some(&job.sha256)) =>
                        {
                            State::Later(path)
                        }
                        Ok(Start::Extract(mut job)) => {
                            job.held = library.scans(&job.sha256).hold().ok();
                            let dir = library.scans(&job.sha256).dir().to_path_buf();
                            let bytes = std::mem::take(&mut job.bytes);
                            held += job.size;
                            extracting += 1;
                            let tx = tx.clone();
                            let path = job.path.clone();
                            let config = &options.extract;
                            let cancel = cancel.clone();
                            scope.spawn(move || {
                                let pages = tx.clone();
                                let mut scan = Scan {
                                    dir: Some(dir),
                                    progress: Box::new(move |event: &extract::PageEvent| {
                                        let _ = pages.send(Message::Page(n, event.clone()));
                                    }),
                                    cancel: Some(cancel),
                                };
                                let result =
                                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                        extract::extract_with(&path, &bytes, config, &mut scan)
                                    }));
                                drop(scan);
                                let _ = tx.send(Message::Extracted(n, bytes, result.ok()));
                            });
                            State::Extracting {
                                job,
                                started: Instant::now(),
                                warnings: Vec::new(),
                                result: None,
                            }
                        }
                    },
                };
                window.push_back(InFlight { n, state });
            }
            // Finish, in order, every file whose turn has come.
            while window.front().is_some_and(InFlight::ready) {
                let Some(InFlight { state, .. }) = window.pop_front() else {
                    break;
                };
                let (path, result) = match state {
                    State::Done(path, result) => (path, result),
                    State::Later(path) => {
                        let result = ingest_file(library, index, &path, options, &mut progress);
                        (path, result)
                    }
                    State::Extracting {
                        job,
                        warnings,
                        result,
                        ..
                    } => {
                        held -= job.size;
                        let path = job.path.clone();
                        let result = match result {
                            Some((bytes, Some(extracted))) => finish_file(
                                library, index, job, bytes, extracted, warnings, options,
                            ),
                            _ => Err(FileError::Internal),
                        };
                        (path, result)
                    }
                };
                let outcome = match result {
                    Ok(outcome) => outcome,
                    Err(e @ (FileError::Library(_) | FileError::Search(SearchError::Busy))) => {
                        // The library or index itself is unusable: stop rather than fail
                        // every file.
                        fatal = Some(match e {
                            FileError::Library(l) => l.into(),
                            _ => SearchError::Busy.into(),
                        });
                        cancel.store(true, Ordering::Relaxed);
                        return;
                    }
                    Err(e) => IngestOutcome::failed(&path, e),
                };
                if outcome.status != IngestStatus::Failed {
                    pending += 1;
                }
                if pending >= COMMIT_EVERY {
                    if let Err(e) = index.commit() {
                        fatal = Some(e.into());
                        cancel.store(true, Ordering::Relaxed);
                        return;
                    }
                    pending = 0;
                }
                report(&outcome);
                outcomes.push(outcome);
            }
            if window.is_empty() && !more {
                return;
            }
            if extracting == 0 {
                // Nothing to wait for: room was made above, start the next file.
                continue;
            }
            // Word from the files being extracted.
            let Ok(message) = rx.recv() else { return };
            match message {
                Message::Page(n, event) => {
                    if let Some(State::Extracting {
                        job,
                        started,
                        warnings,
                        ..
                    }) = window.iter_mut().find(|w| w.n == n).map(|w| &mut w.state)
                    {
                        progress(&page_progress(&job.path, *started, &event, warnings));
                    }
                }
                Message::Extracted(n, bytes, result) => {
                    extracting -= 1;
                    if let Some(State::Extracting { result: slot, .. }) =
                        window.iter_mut().find(|w| w.n == n).map(|w| &mut w.state)
                    {
                        *slot = Some((bytes, result));
                    }
                }
            }
        }
    });
    if let Some(e) = fatal {
        return Err(e);
    }
    index.commit()?;
    Ok(outcomes)
}

/// Files waiting for their turn to be stored, per place to extract.
const WINDOW_PER_JOB: usize = 4;
/// Bytes of originals held while waiting for their turn, beyond the file at the front.
const MAX_HELD_BYTES: u64 = 1 << 30;

/// A file's extraction, `None` when it panicked.
type Extraction = Option<Result<Extracted, ExtractError>>;

/// From a thread extracting a file (numbered in input order) to the ingest thread.
enum Message {
    Page(usize, extract::PageEvent),
    /// The file's bytes back, and its extraction.
    Extracted(usize, Vec<u8>, Extraction),
}

/// A file started and not yet finished.
struct InFlight {
    n: usize,
    state: State,
}

enum State {
    /// Decided without extraction (a duplicate, a failure).
    Done(PathBuf, Result<IngestOutcome, FileError>),
    /// Bytes another file of this run is extracting: decided in its turn.
    Later(PathBuf),
    Extracting {
        job: Job,
        started: Instant,
        warnings: Vec<String>,
        /// Set when the extraction is over.
        result: Option<(Vec<u8>, Extraction)>,
    },
}

impl InFlight {
    fn ready(&self) -> bool {
        match &self.state {
            State::Extracting { result, .. } => result.is_some(),
            _ => true,
        }
    }

    fn sha256(&self) -> Option<&String> {
        match &self.state {
            State::Extracting { job, .. } => Some(&job.sha256),
            _ => None,
        }
    }
}

/// A file read, hashed, and not in the catalog.
struct Job {
    path: PathBuf,
    bytes: Vec<u8>,
    sha256: String,
    size: u64,
    /// A book's sidecar, read before anything else (boxed: most files have none).
    sidecar: Option<Box<BookSidecar>>,
    /// Its page folder held until it is catalogued or refused, so that `verify --repair` sees
    /// it in use; `None` when the lock cannot be taken (OCR then fails on its own). Taken once
    /// no other file of the run has the same bytes.
    held: Option<ScanLock>,
}

enum Start {
    /// Catalogued already: a duplicate.
    Known(IngestOutcome),
    Extract(Job),
}

/// Read and hash a file, and tell a duplicate (indexing it if an earlier run was killed before).
fn start_file(
    library: &Library,
    index: &SearchIndex,
    path: &Path,
    options: &IngestOptions,
) -> Result<Start, FileError> {
    let size = std::fs::metadata(path).map_err(FileError::Read)?.len();
    if size > MAX_FILE_SIZE {
        return Err(FileError::TooLarge(size >> 20));
    }
    // A bad sidecar fails its book before any work, with the sidecar's name in the message.
    let sidecar = match options.kind {
        Kind::Book => read_sidecar(path)?,
        Kind::Document => None,
    };
    let bytes = std::fs::read(path).map_err(FileError::Read)?;
    let sha256 = sha256_hex(&bytes);
    let known = library
        .catalog()
        .by_sha256(&sha256)
        .map_err(LibraryError::from)?;
    if let Some(mut record) = known {
        // A corrected sidecar updates the book's metadata in place.
        if let Some(sidecar) = &sidecar {
            let mut metadata = record.metadata.clone();
            sidecar.apply(&mut metadata);
            if metadata != record.metadata {
                library
                    .catalog()
                    .update_metadata(&record.id, &metadata)
                    .map_err(LibraryError::from)?;
                record.metadata = metadata;
                let pages = library
                    .catalog()
                    .pages(&record.id)
                    .map_err(LibraryError::from)?;
                index.add(&record, &pages)?;
                return Ok(Start::Known(IngestOutcome::of(
                    path,
                    IngestStatus::Updated,
                    &record,
                )));
            }
        }
        // Finish what an interrupted run left: catalogued but not yet indexed.
        if !index.contains(&record.id)? {
            let pages = library
                .catalog()
                .pages(&record.id)
                .map_err(LibraryError::from)?;
            index.add(&record, &pages)?;
        }
        return Ok(Start::Known(IngestOutcome::of(
            path,
            IngestStatus::Duplicate,
            &record,
        )));
    }
    Ok(Start::Extract(Job {
        path: path.to_path_buf(),
        bytes,
        sha256,
        size,
        sidecar: sidecar.map(Box::new),
        held: None,
    }))
}

/// A page event as reported, noting a page's failure among the file's warnings.
fn page_progress(
    path: &Path,
    started: Instant,
    event: &extract::PageEvent,
    warnings: &mut Vec<String>,
) -> PageProgress {
    let elapsed = started.elapsed();
    if let Some(why) = &event.error {
        warnings.push(format!("trang {}: {why}", event.page));
    }
    PageProgress {
        event: "page",
        source: path.display().to_string(),
        page: event.page,
        pages: event.pages,
        done: event.done,
        method: event.method,
        reused: event.reused,
        elapsed_ms: elapsed.as_millis() as u64,
        eta_ms: time_left(elapsed, event.recognized, event.to_recognize),
        error: event.error.clone(),
    }
}

/// One file from start to end on this thread.
fn ingest_file(
    library: &Library,
    index: &SearchIndex,
    path: &Path,
    options: &IngestOptions,
    progress: &mut dyn FnMut(&PageProgress),
) -> Result<IngestOutcome, FileError> {
    let mut job = match start_file(library, index, path, options)? {
        Start::Known(outcome) => return Ok(outcome),
        Start::Extract(job) => job,
    };
    job.held = library.scans(&job.sha256).hold().ok();
    let bytes = std::mem::take(&mut job.bytes);
    let started = Instant::now();
    let mut warnings = Vec::new();
    let mut scan = Scan {
        dir: Some(library.scans(&job.sha256).dir().to_path_buf()),
        progress: Box::new(|event: &extract::PageEvent| {
            progress(&page_progress(path, started, event, &mut warnings))
        }),
        cancel: None,
    };
    let extracted = extract::extract_with(path, &bytes, &options.extract, &mut scan);
    drop(scan);
    finish_file(library, index, job, bytes, extracted, warnings, options)
}

/// Everything after extraction: metadata, the stored original, the catalog, the index.
fn finish_file(
    library: &Library,
    index: &SearchIndex,
    job: Job,
    bytes: Vec<u8>,
    extracted: Result<Extracted, ExtractError>,
    warnings: Vec<String>,
    options: &IngestOptions,
) -> Result<IngestOutcome, FileError> {
    // The folder stays held until this returns: catalogued, or refused and removed.
    let Job {
        path,
        sha256,
        size,
        sidecar,
        held: _held,
        ..
    } = job;
    let path = path.as_path();
    let scans = library.scans(&sha256);
    let extracted = match extracted {
        Ok(extracted) => extracted,
        Err(e) => {
            // Keep recognised pages for the next run only when the machine, not the file, failed.
            if !matches!(&e, ExtractError::Ocr(o) if o.resumable()) {
                let _ = scans.remove();
            }
            return Err(e.into());
        }
    };
    let text = extracted.full_text();
    let mut metadata = match options.kind {
        Kind::Document => document::extract_metadata(&text),
        Kind::Book => document::extract_book_metadata(&text),
    };
    if let Some(sidecar) = &sidecar {
        sidecar.apply(&mut metadata);
    }
    if metadata.classification == Classification::TuyetMat {
        // Not even its page images may stay.
        let _ = scans.remove();
        return Err(FileError::TopSecret);
    }
    let references = document::extract_references(&text, metadata.number.as_ref());
    library.store.put(&bytes).map_err(LibraryError::from)?;
    let record = DocumentRecord {
        id: sha256[..16].to_string(),
        sha256,
        kind: options.kind,
        source_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        format: extracted.format.code().to_string(),
        media_type: extracted.format.media_type().to_string(),
        size,
        extractor: extracted.method.to_string(),
        page_count: extracted.pages.len() as u32,
        ingested_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        metadata,
    };
    let methods: Vec<&str> = extracted.methods.iter().map(|m| m.code()).collect();
    library
        .catalog()
        .insert_with_methods(&record, &extracted.pages, &methods, &references)
        .map_err(LibraryError::from)?;
    index.add(&record, &extracted.pages)?;
    let mut outcome = IngestOutcome::of(path, IngestStatus::Added, &record);
    outcome.warnings = warnings;
    Ok(outcome)
}

/// The time left at the pace so far: `None` until a page has been recognised.
fn time_left(elapsed: Duration, recognized: u32, to_recognize: u32) -> Option<u64> {
    if recognized == 0 {
        return None;
    }
    let per_page = elapsed.as_millis() as u64 / recognized as u64;
    Some(per_page * to_recognize.saturating_sub(recognized) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_bar_and_time_left() {
        let p = PageProgress {
            event: "page",
            source: "/tmp/so-05.pdf".into(),
            page: 3,
            pages: 12,
            done: 6,
            method: PageMethod::Ocr,
            reused: false,
            elapsed_ms: 1000,
            eta_ms: Some(80_500),
            error: None,
        };
        assert_eq!(
            p.bar(10),
            "[█████░░░░░] 6/12 trang · còn 1 phút 21 giây · so-05.pdf"
        );
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["event"], "page");
        assert_eq!(json["method"], "ocr");
        assert!(json.get("error").is_none());
        assert_eq!(time_left(Duration::from_secs(10), 2, 6), Some(20_000));
        assert_eq!(time_left(Duration::from_secs(10), 0, 6), None);
    }
}
