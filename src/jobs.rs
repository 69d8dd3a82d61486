//! Ingest jobs run by the server: files uploaded through the web and files dropped in the
//! watched inbox (`library/inbox/`). One worker thread runs jobs one after another (ingest
//! takes the index's single writer; OCR inside a job already uses every core).
//!
//! A job is a folder, `library/jobs/<id>/`: `job.json` (who, when, what kind), `files/` (the
//! uploaded files, under safe names) and, once finished, `result.json` (each file's outcome).
//! A job without `result.json` is unfinished: the server runs it again on start, which is safe
//! (a stored file is a `duplicate`, finished OCR pages are reused), so killing the server
//! mid-job loses nothing that was acknowledged. Uploaded copies are deleted once their job is
//! done: the originals are in the store.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::library::ingest::{self, IngestOptions, IngestOutcome, IngestStatus, PageProgress};
use crate::library::Kind;
use crate::Archive;

/// How long a file in the inbox must stay the same size before it is taken (a copy in progress
/// keeps growing).
const INBOX_SETTLE: Duration = Duration::from_secs(3);

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("không ghi được thư mục công việc {0}: {1}")]
    Io(String, std::io::Error),
}

/// What a job was asked to do.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobInfo {
    pub id: String,
    /// The account that uploaded, or `inbox`.
    pub owner: String,
    pub created_at: String,
    pub kind: Kind,
    /// The files' names as the user gave them (NFC), in order.
    pub names: Vec<String>,
    /// A new version of this document: once the file is stored, the earlier one goes to the
    /// trash (kept whole, restorable) and both are linked in the audit log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
}

/// One file of a job, as the jobs page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct FileState {
    pub name: String,
    /// `waiting`, `running`, `added`, `updated`, `duplicate`, `failed`.
    pub status: String,
    pub id: Option<String>,
    pub title: Option<String>,
    pub error: Option<String>,
    pub warnings: Vec<String>,
    /// Pages decided and pages in all, for a file that needs OCR.
    pub pages_done: u32,
    pub pages_total: u32,
    pub eta_ms: Option<u64>,
}

/// A job and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    #[serde(flatten)]
    pub info: JobInfo,
    /// `queued`, `running`, `done`, `failed` (the run itself could not proceed).
    pub state: String,
    pub files: Vec<FileState>,
    pub error: Option<String>,
}

impl Job {
    fn new(info: JobInfo) -> Job {
        let files = info
            .names
            .iter()
            .map(|name| FileState {
                name: name.clone(),
                status: "waiting".into(),
                id: None,
                title: None,
                error: None,
                warnings: Vec::new(),
                pages_done: 0,
                pages_total: 0,
                eta_ms: None,
            })
            .collect();
        Job {
            info,
            state: "queued".into(),
            files,
            error: None,
        }
    }

    pub fn finished(&self) -> bool {
        matches!(self.state.as_str(), "done" | "failed")
    }
}

/// The jobs of this server: their folders, states and the queue the worker takes from.
pub struct Jobs {
    dir: PathBuf,
    inbox: PathBuf,
    state: Mutex<State>,
    wake: Condvar,
}

#[derive(Default)]
struct State {
    /// Newest last; finished jobs stay listed until restart (their results stay on disk).
    jobs: Vec<Job>,
    queue: VecDeque<String>,
}

impl Jobs {
    /// Open the jobs folder; unfinished jobs are queued again, finished ones listed.
    pub fn open(library_root: &Path) -> Result<Arc<Jobs>, JobError> {
        let dir = library_root.join("jobs");
        let inbox = library_root.join("inbox");
        for d in [&dir, &inbox] {
            std::fs::create_dir_all(d).map_err(|e| JobError::Io(d.display().to_string(), e))?;
        }
        let mut state = State::default();
        let mut found: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
            .map_err(|e| JobError::Io(dir.display().to_string(), e))?
            .flatten()
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .collect();
        found.sort();
        for (_, path) in found {
            let Some(info) = read_json::<JobInfo>(&path.join("job.json")) else {
                continue;
            };
            let mut job = Job::new(info);
            match read_json::<Vec<IngestOutcome>>(&path.join("result.json")) {
                Some(outcomes) => {
                    job.state = "done".into();
                    for (file, outcome) in job.files.iter_mut().zip(&outcomes) {
                        apply_outcome(file, outcome);
                    }
                }
                None => state.queue.push_back(job.info.id.clone()),
            }
            state.jobs.push(job);
        }
        Ok(Arc::new(Jobs {
            dir,
            inbox,
            state: Mutex::new(state),
            wake: Condvar::new(),
        }))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A new job's folder, where the caller writes the files (see [`Jobs::file_path`]) before
    /// [`Jobs::submit`].
    pub fn create(&self, owner: &str, kind: Kind) -> Result<JobInfo, JobError> {
        let now = chrono::Utc::now();
        let mut random = [0u8; 4];
        let _ = getrandom::getrandom(&mut random);
        let id = format!("{}-{}", now.format("%Y%m%d-%H%M%S"), hex::encode(random));
        let files = self.dir.join(&id).join("files");
        std::fs::create_dir_all(&files)
            .map_err(|e| JobError::Io(files.display().to_string(), e))?;
        Ok(JobInfo {
            id,
            owner: owner.to_string(),
            created_at: now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            kind,
            names: Vec::new(),
            replaces: None,
        })
    }

    /// Where the job's `n`-th file (named `job.names[n]`) is written: a numbered folder of
    /// ours holding the name's last component, made safe ([`safe_name`]), so no name reaches
    /// outside the folder, two files never collide, and the catalog keeps the name the user
    /// knew.
    pub fn file_path(&self, job: &JobInfo, n: usize) -> PathBuf {
        let name = job.names.get(n).map_or("tep", String::as_str);
        self.dir
            .join(&job.id)
            .join("files")
            .join(format!("{:04}", n + 1))
            .join(safe_name(name))
    }

    /// Queue a job whose files are written.
    pub fn submit(&self, info: JobInfo) -> Result<(), JobError> {
        let path = self.dir.join(&info.id).join("job.json");
        write_json(&path, &info)?;
        let mut state = self.lock();
        state.queue.push_back(info.id.clone());
        state.jobs.push(Job::new(info));
        self.wake.notify_all();
        Ok(())
    }

    /// Give up a job being prepared (an upload that failed halfway).
    pub fn discard(&self, info: &JobInfo) {
        let _ = std::fs::remove_dir_all(self.dir.join(&info.id));
    }

    pub fn get(&self, id: &str) -> Option<Job> {
        self.lock().jobs.iter().find(|j| j.info.id == id).cloned()
    }

    /// The newest jobs first.
    pub fn list(&self, limit: usize) -> Vec<Job> {
        self.lock().jobs.iter().rev().take(limit).cloned().collect()
    }

    /// Run queued jobs forever on this thread.
    pub fn work(self: &Arc<Jobs>, archive: &Archive, options: &IngestOptions) {
        loop {
            let id = {
                let mut state = self.lock();
                loop {
                    if let Some(id) = state.queue.pop_front() {
                        break id;
                    }
                    state = self
                        .wake
                        .wait_timeout(state, INBOX_SETTLE)
                        .unwrap_or_else(|p| p.into_inner())
                        .0;
                    drop(state);
                    self.take_inbox();
                    state = self.lock();
                }
            };
            self.run(&id, archive, options);
        }
    }

    fn update(&self, id: &str, change: impl FnOnce(&mut Job)) {
        if let Some(job) = self.lock().jobs.iter_mut().find(|j| j.info.id == id) {
            change(job);
        }
    }

    fn run(&self, id: &str, archive: &Archive, options: &IngestOptions) {
        let Some(job) = self.get(id) else { return };
        self.update(id, |j| j.state = "running".into());
        let folder = self.dir.join(id);
        let paths: Vec<PathBuf> = (0..job.info.names.len())
            .map(|n| self.file_path(&job.info, n))
            .collect();
        let options = IngestOptions {
            kind: job.info.kind,
            ..options.clone()
        };
        let index_of = |source: &str| paths.iter().position(|p| p.display().to_string() == source);
        let result = ingest::ingest_paths_with_progress(
            &archive.library,
            &archive.index,
            &paths,
            &options,
            |outcome| {
                let mut outcome = outcome.clone();
                if let Some(n) = index_of(&outcome.source) {
                    outcome.source = job.info.names[n].clone();
                    self.update(id, |j| apply_outcome(&mut j.files[n], &outcome));
                }
            },
            |page: &PageProgress| {
                if let Some(n) = index_of(&page.source) {
                    self.update(id, |j| {
                        let f = &mut j.files[n];
                        f.status = "running".into();
                        f.pages_done = page.done;
                        f.pages_total = page.pages;
                        f.eta_ms = page.eta_ms;
                    });
                }
            },
        );
        match result {
            Ok(mut outcomes) => {
                for outcome in &mut outcomes {
                    if let Some(n) = index_of(&outcome.source) {
                        outcome.source = job.info.names[n].clone();
                    }
                }
                if let (Some(old), Some(new)) = (&job.info.replaces, outcomes.first()) {
                    let note = replace(archive, old, new, &job.info.owner);
                    self.update(id, |j| j.files[0].warnings.push(note.clone()));
                    if let Some(outcome) = outcomes.first_mut() {
                        outcome.warnings.push(note);
                    }
                }
                if let Err(e) = write_json(&folder.join("result.json"), &outcomes) {
                    tracing::error!("{e}");
                }
                let _ = std::fs::remove_dir_all(folder.join("files"));
                self.update(id, |j| j.state = "done".into());
            }
            Err(e) => {
                // The library or index could not be used (another ingest holds the index):
                // the job stays queued on disk for the next start.
                tracing::error!("công việc {id}: {e}");
                self.update(id, |j| {
                    j.state = "failed".into();
                    j.error = Some(format!(
                        "{e}; tệp vẫn được giữ, sẽ nạp lại khi máy chủ khởi động lại"
                    ));
                });
            }
        }
    }

    /// Files dropped in `library/inbox/` become a job once they stop growing. Sub-folders
    /// `books/` (ingested as books) and the rest (documents) are taken; hidden files and files
    /// still being copied wait.
    fn take_inbox(&self) {
        for (folder, kind) in [
            (self.inbox.join("books"), Kind::Book),
            (self.inbox.clone(), Kind::Document),
        ] {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            let mut ready: Vec<PathBuf> = Vec::new();
            for entry in entries.flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                let Ok(meta) = entry.metadata() else { continue };
                if !meta.is_file() || name.starts_with('.') || name.ends_with(".meta.json") {
                    continue;
                }
                let settled = meta
                    .modified()
                    .ok()
                    .and_then(|m| m.elapsed().ok())
                    .is_some_and(|age| age >= INBOX_SETTLE);
                if settled {
                    ready.push(path);
                }
            }
            if ready.is_empty() {
                continue;
            }
            ready.sort();
            if let Err(e) = self.inbox_job(&ready, kind) {
                tracing::error!("{e}");
            }
        }
    }

    fn inbox_job(&self, files: &[PathBuf], kind: Kind) -> Result<(), JobError> {
        let mut info = self.create("inbox", kind)?;
        for path in files {
            let n = info.names.len();
            info.names.push(
                path.file_name()
                    .map(|n| crate::vietnamese::normalize(&n.to_string_lossy()))
                    .unwrap_or_default(),
            );
            let to = self.file_path(&info, n);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| JobError::Io(parent.display().to_string(), e))?;
            }
            // A rename within the library's file system: the file leaves the inbox at once.
            std::fs::rename(path, &to).map_err(|e| JobError::Io(path.display().to_string(), e))?;
            let mut sidecar = path.as_os_str().to_owned();
            sidecar.push(".meta.json");
            let sidecar = PathBuf::from(sidecar);
            if sidecar.exists() {
                let mut to_sidecar = to.as_os_str().to_owned();
                to_sidecar.push(".meta.json");
                let _ = std::fs::rename(&sidecar, PathBuf::from(to_sidecar));
            }
        }
        self.submit(info)
    }
}

/// Put the version a replacement stored in place of `old`; says what happened.
fn replace(archive: &Archive, old: &str, new: &IngestOutcome, user: &str) -> String {
    match (&new.status, &new.id) {
        (IngestStatus::Added | IngestStatus::Duplicate | IngestStatus::Updated, Some(new_id))
            if new_id != old =>
        {
            match crate::library::curation::replace(
                &archive.library,
                &archive.index,
                old,
                new_id,
                user,
            ) {
                Ok(true) => format!(
                    "thay cho phiên bản trước {old} (đã chuyển vào thùng rác, khôi phục được)"
                ),
                Ok(false) => {
                    format!("không thấy phiên bản trước {old}; tệp mới được lưu như văn bản riêng")
                }
                Err(e) => format!("chưa thay được phiên bản trước {old}: {e}"),
            }
        }
        (_, Some(_)) => "tệp mới giống hệt tệp cũ; không có gì để thay".to_string(),
        _ => format!("tệp mới không nạp được; phiên bản trước {old} vẫn giữ nguyên"),
    }
}

/// The last component of a name a user gave, without control characters, NFC, at most 150
/// bytes (keeping its extension, which tells Markdown from plain text): `../../etc/passwd` →
/// `passwd`; nothing usable → `tep`.
pub fn safe_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = crate::vietnamese::normalize(last)
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        return "tep".to_string();
    }
    if clean.len() <= 150 {
        return clean;
    }
    let (stem, ext) = match clean.rsplit_once('.') {
        Some((s, e)) if e.len() <= 10 => (s, format!(".{e}")),
        _ => (clean.as_str(), String::new()),
    };
    let mut cut = 150 - ext.len();
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{ext}", &stem[..cut])
}

fn apply_outcome(file: &mut FileState, outcome: &IngestOutcome) {
    file.status = match outcome.status {
        IngestStatus::Added => "added",
        IngestStatus::Updated => "updated",
        IngestStatus::Duplicate => "duplicate",
        IngestStatus::Failed => "failed",
    }
    .into();
    file.id.clone_from(&outcome.id);
    file.title.clone_from(&outcome.title);
    file.error.clone_from(&outcome.error);
    file.warnings.clone_from(&outcome.warnings);
    file.eta_ms = None;
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// Written whole or not at all: a temporary name, then rename.
fn write_json(path: &Path, value: &impl Serialize) -> Result<(), JobError> {
    let io = |e| JobError::Io(path.display().to_string(), e);
    let tmp = path.with_extension("json.tmp");
    let json = serde_json::to_vec_pretty(value).map_err(|e| io(std::io::Error::other(e)))?;
    std::fs::write(&tmp, json).map_err(io)?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_users_stay_inside_the_job() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("C:\\Users\\x\\Chỉ thị 05.pdf"), "Chỉ thị 05.pdf");
        assert_eq!(safe_name(".."), "tep");
        assert_eq!(safe_name(".hidden"), "hidden");
        assert_eq!(safe_name("a\u{0}b\nc.txt"), "abc.txt");
        assert_eq!(safe_name(""), "tep");
        let long = format!("{}.md", "ư".repeat(200));
        let cut = safe_name(&long);
        assert!(cut.len() <= 150 && cut.ends_with(".md"), "{cut}");
    }
}
