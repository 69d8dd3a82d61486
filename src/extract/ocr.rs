//! OCR of scans: PDF pages without a usable text layer, and images (PNG, JPEG, TIFF with any
//! number of pages), recognised by tesseract's Vietnamese model.
//!
//! **Which pages.** A PDF's text layer is extracted as for any PDF and every page is scored by
//! [`quality::page_score`] (a layer over a page-sized image must be better, it is an earlier
//! OCR); only pages below [`quality::PAGE_ACCEPTABLE`] are recognised, and the recognised text
//! replaces the layer only when it scores at least as well. Every page of an image is recognised.
//!
//! **One page.** A JPEG page (a scanned PDF page that is one JPEG, copied out by
//! `pdfimages -j`; a JPEG file) goes to tesseract as it is, and a copy decoded at half size in
//! the transform serves for the blank check and the reading image. A TIFF page is cut out of its
//! file without decoding ([`image::tiff_page`]) and that one-page TIFF goes to tesseract as it
//! is when leptonica reads it (uncompressed, Deflate, LZW, CCITT G4) and it records its
//! resolution; its pixels for the blank check and the reading image are decoded in the process
//! for uncompressed and Deflate strips ([`image::tiff_gray`]), by `tifftopnm` otherwise. Any
//! other page is rasterized to 8-bit grey (`pdftoppm -r 300 -gray` for a PDF page; netpbm's
//! `pngtopam`, `tifftopnm` for the rest) and given to tesseract as an uncompressed TIFF. A page with almost no dark pixels is blank and is not
//! recognised; otherwise `tesseract FILE stdout -l vie --psm 3 tsv` answers words with their
//! boxes, from which the text is rebuilt line by line. Each program runs under a timeout and an
//! address-space limit, single-threaded (`OMP_THREAD_LIMIT=1`).
//!
//! **Parallel.** As many pages at once as there are cores: each worker takes the next page,
//! prepares and recognises it, so one page's rasterizing overlaps the others' recognition.
//! Workers hand finished pages to the calling thread, which stores them and reports progress.
//! Files recognised at the same time with one configuration share its places
//! ([`OcrConfig::slots`]): never more pages in work than `jobs`.
//!
//! **Resume and storage.** Each finished page is written to the file's folder under the
//! library (`ocr/<sha256>/page-0001.json` with the text, `.tsv` with tesseract's word boxes,
//! `.png` with the page at reading resolution), each file atomically (temporary name, sync,
//! rename) and the JSON last. A run of the same file after a kill reuses every page whose JSON
//! is there and recognises only the rest. The folder stays after ingest: the reader draws search
//! hits on the page image from the word boxes.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::child::{run_bounded, run_bounded_with_input, ChildFailure};
use super::image::{self, Gray, HeaderError, ImageKind, PageHeader, MAX_PIXELS, MAX_SIDE};
use super::{pdf, quality, ExtractConfig, ExtractError};
use crate::vietnamese::{self, legacy};

/// How OCR runs.
#[derive(Debug, Clone)]
pub struct OcrConfig {
    /// Pages recognised at once, one single-threaded tesseract each.
    pub jobs: usize,
    /// A file needing OCR on more pages than this is refused.
    pub max_pages: usize,
    /// Rasterizing resolution for PDF pages.
    pub dpi: u32,
    /// Tesseract's language model.
    pub language: String,
    /// Wall-clock limit for recognising one page.
    pub page_timeout: Duration,
    /// Wall-clock limit for rasterizing or decoding one page.
    pub raster_timeout: Duration,
    /// Address-space limit of each helper process, in bytes.
    pub memory_limit: u64,
    /// The pages being prepared and recognised right now, shared by every clone of this
    /// configuration: files extracted at the same time never run more than `jobs` pages at once.
    pub slots: Slots,
}

/// A count of pages in work, shared between the files extracted with one configuration.
#[derive(Clone, Default)]
pub struct Slots(Arc<(Mutex<usize>, Condvar)>);

impl std::fmt::Debug for Slots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Slots")
    }
}

impl Slots {
    /// Wait until fewer than `limit` pages are in work, and count one more until the guard is
    /// dropped.
    fn acquire(&self, limit: usize) -> SlotGuard<'_> {
        let (busy, freed) = &*self.0;
        let mut busy = busy.lock().unwrap_or_else(|p| p.into_inner());
        while *busy >= limit.max(1) {
            busy = freed.wait(busy).unwrap_or_else(|p| p.into_inner());
        }
        *busy += 1;
        SlotGuard(self)
    }
}

struct SlotGuard<'s>(&'s Slots);

impl Drop for SlotGuard<'_> {
    fn drop(&mut self) {
        let (busy, freed) = &*(self.0).0;
        let mut busy = busy.lock().unwrap_or_else(|p| p.into_inner());
        *busy = busy.saturating_sub(1);
        freed.notify_one();
    }
}

/// A thick local Party history is 600–1,500 pages; 2,000 pages take about 40 minutes on two
/// cores and resume after an interruption. Beyond this, a file is more likely a mistake.
pub const DEFAULT_MAX_PAGES: usize = 5_000;

/// The page images kept for reading are about this resolution.
const VIEW_DPI: f64 = 150.0;

impl OcrConfig {
    /// Defaults, with `VANKIEN_OCR_JOBS` (default: the core count) and `VANKIEN_OCR_MAX_PAGES`.
    pub fn from_env() -> OcrConfig {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let number = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<usize>().ok())
                .filter(|n| *n > 0)
        };
        OcrConfig {
            jobs: number("VANKIEN_OCR_JOBS").unwrap_or(cores),
            max_pages: number("VANKIEN_OCR_MAX_PAGES").unwrap_or(DEFAULT_MAX_PAGES),
            dpi: 300,
            language: "vie".into(),
            page_timeout: Duration::from_secs(300),
            raster_timeout: Duration::from_secs(60),
            memory_limit: 2 << 30,
            slots: Slots::default(),
        }
    }
}

/// Why a scan could not be read. Each message says what a person can do.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    #[error(
        "ảnh quá lớn ({width}×{height} điểm ảnh; giới hạn {MAX_SIDE} điểm mỗi chiều và {} triệu điểm một trang): hãy quét lại ở 300 dpi hoặc chia nhỏ ảnh",
        MAX_PIXELS / 1_000_000
    )]
    TooLarge { width: u32, height: u32 },
    #[error("tệp ảnh {kind} hỏng hoặc không đọc được ({why}); hãy quét hoặc xuất lại ảnh")]
    BadImage { kind: &'static str, why: String },
    #[error("tệp có hơn {0} trang cần nhận dạng chữ, quá giới hạn cho một tệp; hãy tách thành nhiều tệp nhỏ hơn (hoặc nâng giới hạn bằng biến VANKIEN_OCR_MAX_PAGES)")]
    TooManyPages(usize),
    #[error("mọi trang đều trắng, không có chữ nào để lưu: hãy kiểm tra lại bản quét (quét nhầm mặt sau?)")]
    AllBlank,
    #[error("không nhận dạng được chữ nào trên {0} trang: ảnh mờ, quá nhỏ hoặc không phải văn bản; hãy quét lại ở 300 dpi")]
    NothingRecognized(usize),
    #[error("chưa cài {program} (gói {package}); hãy chạy scripts/setup.sh")]
    Missing {
        program: &'static str,
        package: &'static str,
    },
    #[error("việc nhận dạng chữ bị dừng giữa chừng; các trang đã xong được giữ lại, hãy nhập lại tệp để làm tiếp")]
    Interrupted,
    #[error("không ghi được kết quả nhận dạng chữ vào {dir}: {source}")]
    Storage {
        dir: PathBuf,
        source: std::io::Error,
    },
}

impl OcrError {
    /// Whether pages already recognised should be kept for the next run: the fault is the
    /// machine's (a missing program, a full disk), not the file's.
    pub fn resumable(&self) -> bool {
        matches!(
            self,
            OcrError::Missing { .. } | OcrError::Storage { .. } | OcrError::Interrupted
        )
    }
}

/// How a page's text was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageMethod {
    /// The file's own text (a PDF text layer, a document format).
    Text,
    /// Recognised from the page image.
    Ocr,
    /// Nothing printed on the page.
    Blank,
    /// Rasterizing or recognition failed; the text is the layer's, if any.
    Failed,
}

impl PageMethod {
    pub fn code(self) -> &'static str {
        match self {
            PageMethod::Text => "text",
            PageMethod::Ocr => "ocr",
            PageMethod::Blank => "blank",
            PageMethod::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<PageMethod> {
        [
            PageMethod::Text,
            PageMethod::Ocr,
            PageMethod::Blank,
            PageMethod::Failed,
        ]
        .into_iter()
        .find(|m| m.code() == code)
    }
}

/// One page of a scanned file decided.
#[derive(Debug, Clone)]
pub struct PageEvent {
    /// 1-based.
    pub page: u32,
    /// Pages in the file.
    pub pages: u32,
    /// Pages decided so far, this one included.
    pub done: u32,
    pub method: PageMethod,
    /// Taken from an earlier, interrupted run rather than recognised again.
    pub reused: bool,
    /// Pages recognised by this run so far, and how many it has to recognise in all.
    pub recognized: u32,
    pub to_recognize: u32,
    pub error: Option<String>,
}

/// Where a file's OCR keeps its pages and whom it tells about them.
pub struct Scan<'a> {
    /// The file's folder (`library/ocr/<sha256>`); `None` keeps results in memory only.
    pub dir: Option<PathBuf>,
    pub progress: Box<dyn FnMut(&PageEvent) + 'a>,
    /// Set from elsewhere to stop: no page is started after it, and the file fails as
    /// interrupted, its finished pages kept.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Scan<'static> {
    /// Results in memory only, progress unreported.
    pub fn in_memory() -> Scan<'static> {
        Scan {
            dir: None,
            progress: Box::new(|_| {}),
            cancel: None,
        }
    }
}

/// The text of a scanned file, page by page, with how each page was read.
#[derive(Debug, Clone)]
pub struct Scanned {
    /// The extractors used: `tesseract`, `pdftotext+tcvn3+tesseract`, …
    pub method: String,
    pub pages: Vec<String>,
    pub methods: Vec<PageMethod>,
    /// What legacy-encoding repair did to the text layer.
    pub legacy: legacy::Report,
}

// ---------------------------------------------------------------------------------------------
// Stored pages

/// One finished page as stored (`page-0001.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageRecord {
    pub page: u32,
    pub method: PageMethod,
    pub language: String,
    /// Resolution the page was recognised at; word boxes are in its pixels.
    pub dpi: u32,
    pub width: u32,
    pub height: u32,
    pub image: Option<PageImage>,
    /// The word boxes file (tesseract TSV), when the page was recognised.
    pub words: Option<String>,
    pub text: String,
    /// Mean word confidence (0–100).
    pub confidence: Option<f32>,
}

/// The page image kept for reading.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageImage {
    pub file: String,
    pub width: u32,
    pub height: u32,
}

/// A recognised word and its box, in the pixels of the recognised page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Word {
    pub text: String,
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
    pub confidence: f32,
}

/// The stored pages of one file.
#[derive(Debug, Clone)]
pub struct PageStore {
    dir: PathBuf,
}

impl PageStore {
    pub fn new(dir: PathBuf) -> PageStore {
        PageStore { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn name(page: u32, ext: &str) -> String {
        format!("page-{page:04}.{ext}")
    }

    /// Create the folder and drop temporary files an interrupted run left.
    fn prepare(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        for entry in std::fs::read_dir(&self.dir)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "tmp") {
                let _ = std::fs::remove_file(&path).or_else(|_| std::fs::remove_dir_all(&path));
            }
        }
        Ok(())
    }

    /// A finished page, if it was stored whole.
    pub fn record(&self, page: u32) -> Option<PageRecord> {
        let bytes = std::fs::read(self.dir.join(Self::name(page, "json"))).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// The reading image of a page (PNG).
    pub fn image(&self, page: u32) -> Option<Vec<u8>> {
        let file = self.record(page)?.image?.file;
        std::fs::read(self.dir.join(file)).ok()
    }

    /// The recognised words of a page with their boxes, NFC.
    pub fn words(&self, page: u32) -> Option<Vec<Word>> {
        let file = self.record(page)?.words?;
        let tsv = std::fs::read_to_string(self.dir.join(file)).ok()?;
        Some(words_from_tsv(&tsv))
    }

    /// For every stored page: whether it has an image and word boxes. Reads the folder once.
    pub fn available(&self) -> BTreeMap<u32, (bool, bool)> {
        let mut out: BTreeMap<u32, (bool, bool)> = BTreeMap::new();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return out;
        };
        let mut done = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let Some((page, ext)) = name
                .strip_prefix("page-")
                .and_then(|rest| rest.split_once('.'))
            else {
                continue;
            };
            let Ok(page) = page.parse::<u32>() else {
                continue;
            };
            let slot = out.entry(page).or_default();
            match ext {
                "png" => slot.0 = true,
                "tsv" => slot.1 = true,
                "json" => done.push(page),
                _ => {}
            }
        }
        out.retain(|page, _| done.contains(page));
        out
    }

    /// The lock file beside the folder (`ocr/<sha256>.lock`), locked (`flock`) by the ingest
    /// reading the file, from before its first page until it is catalogued or refused.
    fn lock_path(&self) -> PathBuf {
        self.dir.with_extension("lock")
    }

    /// Take the folder for an ingest, waiting while `verify --repair` holds it.
    pub fn hold(&self) -> std::io::Result<ScanLock> {
        self.take(true)?
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::WouldBlock))
    }

    /// Take the folder if no one holds it.
    pub fn try_hold(&self) -> std::io::Result<Option<ScanLock>> {
        self.take(false)
    }

    fn take(&self, wait: bool) -> std::io::Result<Option<ScanLock>> {
        use std::os::unix::fs::MetadataExt;
        use std::os::unix::io::AsRawFd;
        let path = self.lock_path();
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        loop {
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)?;
            let op = libc::LOCK_EX | if wait { 0 } else { libc::LOCK_NB };
            // SAFETY: flock on a descriptor this function owns.
            if unsafe { libc::flock(file.as_raw_fd(), op) } != 0 {
                let e = std::io::Error::last_os_error();
                match e.kind() {
                    std::io::ErrorKind::WouldBlock => return Ok(None),
                    std::io::ErrorKind::Interrupted => continue,
                    _ => return Err(e),
                }
            }
            // The holder before us removes the file as it lets go: lock the one on disk.
            let same = match (file.metadata(), std::fs::metadata(&path)) {
                (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
                _ => false,
            };
            if same {
                return Ok(Some(ScanLock { _file: file, path }));
            }
        }
    }

    /// Whether an ingest holds the folder now (a process that died holds nothing).
    pub fn in_use(&self) -> bool {
        use std::os::unix::io::AsRawFd;
        let Ok(file) = std::fs::File::open(self.lock_path()) else {
            return false;
        };
        // SAFETY: flock on a descriptor this function owns; closing it lets go.
        unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_SH | libc::LOCK_NB) != 0 }
    }

    /// Remove the folder (a refused file's pages must not stay behind).
    pub fn remove(&self) -> std::io::Result<()> {
        match std::fs::remove_dir_all(&self.dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    fn write_atomic(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let tmp = self.dir.join(format!("{name}.{}.tmp", std::process::id()));
        {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
        }
        std::fs::rename(&tmp, self.dir.join(name))
    }

    /// Store a finished page: the image and word boxes first, the record (the mark of a
    /// finished page) last.
    fn save(
        &self,
        record: &PageRecord,
        image: Option<&[u8]>,
        tsv: Option<&str>,
    ) -> std::io::Result<()> {
        if let (Some(bytes), Some(meta)) = (image, &record.image) {
            self.write_atomic(&meta.file, bytes)?;
        }
        if let (Some(tsv), Some(file)) = (tsv, &record.words) {
            self.write_atomic(file, tsv.as_bytes())?;
        }
        let json = serde_json::to_vec(record).map_err(std::io::Error::other)?;
        self.write_atomic(&Self::name(record.page, "json"), &json)?;
        if let Ok(dir) = std::fs::File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// A hold on a file's page folder ([`PageStore::hold`]); let go, and its lock file removed,
/// when dropped.
#[derive(Debug)]
pub struct ScanLock {
    _file: std::fs::File,
    path: PathBuf,
}

impl Drop for ScanLock {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes with the descriptor, closed after this.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The words of a tesseract TSV, NFC.
pub fn words_from_tsv(tsv: &str) -> Vec<Word> {
    tsv_rows(tsv)
        .map(|r| Word {
            text: vietnamese::normalize(r.text),
            left: r.left,
            top: r.top,
            width: r.width,
            height: r.height,
            confidence: r.confidence,
        })
        .collect()
}

struct TsvWord<'t> {
    /// (block, paragraph, line)
    line: (u32, u32, u32),
    left: u32,
    top: u32,
    width: u32,
    height: u32,
    confidence: f32,
    text: &'t str,
}

fn tsv_rows(tsv: &str) -> impl Iterator<Item = TsvWord<'_>> {
    tsv.lines().filter_map(|line| {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 || f[0] != "5" || f[11].trim().is_empty() {
            return None;
        }
        let n = |i: usize| f[i].parse::<u32>().ok();
        Some(TsvWord {
            line: (n(2)?, n(3)?, n(4)?),
            left: n(6)?,
            top: n(7)?,
            width: n(8)?,
            height: n(9)?,
            confidence: f[10].parse().unwrap_or(0.0),
            text: f[11].trim(),
        })
    })
}

/// The page text from tesseract's words: words of a line joined by spaces, lines by line
/// breaks, paragraphs by an empty line. Also the mean word confidence.
fn text_from_tsv(tsv: &str) -> (String, Option<f32>) {
    let mut text = String::new();
    let mut last: Option<(u32, u32, u32)> = None;
    let (mut sum, mut count) = (0.0f32, 0u32);
    for w in tsv_rows(tsv) {
        match last {
            Some(l) if l == w.line => text.push(' '),
            Some(l) if (l.0, l.1) == (w.line.0, w.line.1) => text.push('\n'),
            Some(_) => text.push_str("\n\n"),
            None => {}
        }
        text.push_str(w.text);
        last = Some(w.line);
        sum += w.confidence;
        count += 1;
    }
    (text, (count > 0).then(|| sum / count as f32))
}

// ---------------------------------------------------------------------------------------------
// One page

/// Where a page's pixels come from.
#[derive(Debug, Clone, Copy)]
enum Source<'s> {
    /// Rendered by pdftoppm.
    PdfPage { path: &'s Path, page: u32, dpi: u32 },
    /// The page's one image, extracted as it is stored (`dpi` is its own).
    PdfImage { path: &'s Path, page: u32, dpi: u32 },
    Image {
        path: &'s Path,
        kind: ImageKind,
        dpi: u32,
    },
    TiffPage {
        bytes: &'s [u8],
        index: usize,
        dpi: u32,
    },
}

impl Source<'_> {
    fn dpi(&self) -> u32 {
        match *self {
            Source::PdfPage { dpi, .. }
            | Source::PdfImage { dpi, .. }
            | Source::Image { dpi, .. }
            | Source::TiffPage { dpi, .. } => dpi,
        }
    }
}

/// A page's failure: its own (the others go on), or the machine's (all stop).
enum PageFailure {
    Page(String),
    Fatal(OcrError),
}

/// What became of one page.
#[derive(Debug, Clone)]
struct Outcome {
    method: PageMethod,
    text: String,
    reused: bool,
    error: Option<String>,
}

fn missing(program: &'static str, package: &'static str) -> PageFailure {
    PageFailure::Fatal(OcrError::Missing { program, package })
}

fn run_tool(
    program: &'static str,
    package: &'static str,
    command: Command,
    input: Option<&[u8]>,
    timeout: Duration,
    config: &OcrConfig,
) -> Result<Vec<u8>, PageFailure> {
    run_bounded_with_input(command, input, timeout, config.memory_limit).map_err(|f| match f {
        ChildFailure::Spawn(_) => missing(program, package),
        ChildFailure::TimedOut => PageFailure::Page(format!(
            "{program} quá {} giây cho một trang",
            timeout.as_secs()
        )),
        ChildFailure::Failed(why) => PageFailure::Page(format!("{program} dừng lỗi ({why})")),
    })
}

/// The page as a binary PNM (grey for PDF pages; as decoded for images).
fn rasterize(source: Source, config: &OcrConfig) -> Result<Vec<u8>, PageFailure> {
    let timeout = config.raster_timeout;
    match source {
        Source::PdfPage { path, page, dpi } | Source::PdfImage { path, page, dpi } => {
            let mut c = Command::new("pdftoppm");
            c.args(["-q", "-gray", "-r", &dpi.to_string()])
                .args(["-f", &page.to_string(), "-l", &page.to_string()])
                .arg(path);
            run_tool("pdftoppm", "poppler-utils", c, None, timeout, config)
        }
        Source::Image { path, kind, .. } => {
            let mut c = match kind {
                ImageKind::Png => {
                    let mut c = Command::new("pngtopam");
                    c.arg("-mix").arg("-background=white");
                    c
                }
                _ => {
                    let mut c = Command::new("jpegtopnm");
                    c.arg("-quiet");
                    c
                }
            };
            c.arg(path);
            let program = if kind == ImageKind::Png {
                "pngtopam"
            } else {
                "jpegtopnm"
            };
            run_tool(program, "netpbm", c, None, timeout, config)
        }
        Source::TiffPage { bytes, index, .. } => {
            let page =
                image::tiff_page(bytes, index).map_err(|e| PageFailure::Page(e.to_string()))?;
            tifftopnm(&page, config)
        }
    }
}

/// A one-page TIFF decoded by netpbm.
fn tifftopnm(page: &[u8], config: &OcrConfig) -> Result<Vec<u8>, PageFailure> {
    let mut c = Command::new("tifftopnm");
    c.arg("-quiet");
    run_tool(
        "tifftopnm",
        "netpbm",
        c,
        Some(page),
        config.raster_timeout,
        config,
    )
}

/// A name no other page file of this or another run takes: the process and a counter. It ends
/// in `.tmp`, so what an interrupted run left is removed by the next.
fn scratch_name(page: u32, suffix: &str) -> String {
    use std::sync::atomic::AtomicU64;
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("page-{page:04}.{}-{n}{suffix}", std::process::id())
}

/// A page image written for tesseract (a file: tesseract reads standard input a byte at a
/// time), removed when dropped.
struct PageFile(PathBuf);

impl PageFile {
    fn write(dir: &Path, page: u32, parts: &[&[u8]]) -> Result<PageFile, PageFailure> {
        let path = dir.join(scratch_name(page, ".tif.tmp"));
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| parts.iter().try_for_each(|part| f.write_all(part)));
        let file = PageFile(path);
        written.map_err(|source| {
            PageFailure::Fatal(OcrError::Storage {
                dir: dir.to_path_buf(),
                source,
            })
        })?;
        Ok(file)
    }
}

impl Drop for PageFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A temporary folder, removed when dropped; its name ends in `.tmp`, so an interrupted run's
/// is removed by the next.
struct Scratch(PathBuf);

impl Scratch {
    fn create(parent: &Path, page: u32) -> Result<Scratch, PageFailure> {
        let path = parent.join(scratch_name(page, ".tmp"));
        std::fs::create_dir(&path).map_err(|source| {
            PageFailure::Fatal(OcrError::Storage {
                dir: parent.to_path_buf(),
                source,
            })
        })?;
        Ok(Scratch(path))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Recognise a page image file; tesseract's TSV. The resolution is the file's own (the TIFFs
/// written for tesseract carry it), as when tesseract is run by hand: given on the command
/// line, it makes tesseract 3–5% slower on a JPEG whose header lacks it, for the same text.
fn tesseract(image: &Path, config: &OcrConfig) -> Result<String, PageFailure> {
    let mut c = Command::new("tesseract");
    c.arg(image)
        .args(["stdout", "-l", &config.language, "--psm", "3", "tsv"])
        .env("OMP_THREAD_LIMIT", "1");
    match run_tool(
        "tesseract",
        "tesseract-ocr",
        c,
        None,
        config.page_timeout,
        config,
    ) {
        Ok(out) => Ok(String::from_utf8_lossy(&out).into_owned()),
        Err(PageFailure::Page(why)) if why.contains("Failed loading language") => Err(missing(
            "mô hình tiếng Việt của tesseract",
            "tesseract-ocr-vie",
        )),
        Err(e) => Err(e),
    }
}

/// What a worker hands over to be stored: the page record, its image, its words.
struct ToStore {
    record: PageRecord,
    png: Vec<u8>,
    tsv: Option<String>,
}

/// A page ready to be recognised.
struct Prepared {
    /// Size of the page tesseract reads, in its pixels.
    width: u32,
    height: u32,
    dpi: u32,
    /// The page at about reading resolution, when pages are kept.
    view: Option<Gray<'static>>,
    blank: bool,
    /// The file tesseract reads: one written for it, or a JPEG as it came.
    input: Option<PathBuf>,
    _written: Option<PageFile>,
    _scratch: Option<Scratch>,
}

/// How much a page is reduced for reading.
fn view_factor(dpi: u32) -> u32 {
    ((dpi as f64 / VIEW_DPI).round() as u32).max(1)
}

/// A page from its raster: blank check at full resolution, the reading image by a box filter,
/// an uncompressed TIFF for tesseract.
fn from_raster(
    pnm: &[u8],
    dpi: u32,
    page: u32,
    scratch: &Path,
    keep: bool,
) -> Result<Prepared, PageFailure> {
    let gray = image::gray_from_pnm(pnm).map_err(PageFailure::Page)?;
    from_gray(&gray, dpi, page, scratch, keep, None)
}

/// A page from its decoded pixels. Tesseract reads `stored` (the page as the file stores it)
/// when given, otherwise the pixels written as an uncompressed TIFF.
fn from_gray(
    gray: &Gray,
    dpi: u32,
    page: u32,
    scratch: &Path,
    keep: bool,
    stored: Option<&[u8]>,
) -> Result<Prepared, PageFailure> {
    let blank = gray.is_blank();
    let view = keep.then(|| gray.downscale(view_factor(dpi)));
    let written = match (blank, stored) {
        (true, _) => None,
        (false, Some(stored)) => Some(PageFile::write(scratch, page, &[stored])?),
        (false, None) => {
            let header = gray.tiff_header(dpi);
            Some(PageFile::write(scratch, page, &[&header, &gray.pixels])?)
        }
    };
    Ok(Prepared {
        width: gray.width,
        height: gray.height,
        dpi,
        view,
        blank,
        input: written.as_ref().map(|f| f.0.clone()),
        _written: written,
        _scratch: None,
    })
}

/// A TIFF page, cut out of its file without decoding. Tesseract reads that one-page TIFF as it
/// is (as when a page is split off by hand) when leptonica reads its compression and the file
/// records the resolution we recognise at; the blank check and the reading image come from
/// pixels decoded in the process for uncompressed and Deflate strips, by `tifftopnm` for the
/// rest (CCITT G4, LZW, JPEG).
fn from_tiff(
    bytes: &[u8],
    index: usize,
    dpi: u32,
    config: &OcrConfig,
    scratch: &Path,
    keep: bool,
) -> Result<Prepared, PageFailure> {
    let page = index as u32 + 1;
    let one = image::tiff_page(bytes, index).map_err(|e| PageFailure::Page(e.to_string()))?;
    let layout = image::tiff_layout(&one).ok();
    let as_stored = layout
        .as_ref()
        .is_some_and(|l| l.tesseract_reads() && l.dpi.is_some_and(|d| d.round() as u32 == dpi));
    let stored = as_stored.then_some(one.as_slice());
    if layout.as_ref().is_some_and(|l| l.decoded_here()) {
        if let Ok(gray) = image::tiff_gray(&one) {
            return from_gray(&gray, dpi, page, scratch, keep, stored);
        }
    }
    let pnm = tifftopnm(&one, config)?;
    let gray = image::gray_from_pnm(&pnm).map_err(PageFailure::Page)?;
    from_gray(&gray, dpi, page, scratch, keep, stored)
}

/// A JPEG page, the common scan: tesseract reads the file as it is, and a copy decoded at a
/// half or a quarter in the transform (a fraction of a full decode) serves for the blank check
/// and the reading image. `None` when the JPEG is not one to read this way (CMYK, a negative,
/// undecodable): the caller rasterizes the page instead.
fn from_jpeg(file: PathBuf, bytes: &[u8], dpi: u32, scratch: Option<Scratch>) -> Option<Prepared> {
    let header = *image::probe(bytes, 1).ok()?.first()?;
    let factor = view_factor(dpi);
    let (w, h) = (
        header.width.div_ceil(factor),
        header.height.div_ceil(factor),
    );
    let reduced = image::jpeg_reduced(bytes, w, h).ok()?;
    if reduced.mostly_dark() {
        return None;
    }
    let extra = (reduced.width / w).max(1);
    let view = if extra > 1 {
        reduced.downscale(extra)
    } else {
        reduced
    };
    let blank = if view.width < header.width {
        view.is_blank_reduced()
    } else {
        view.is_blank()
    };
    Some(Prepared {
        width: header.width,
        height: header.height,
        dpi,
        view: Some(view),
        blank,
        input: Some(file),
        _written: None,
        _scratch: scratch,
    })
}

/// The one JPEG of a scanned PDF page, copied out of the file without decoding.
fn pdf_jpeg(
    path: &Path,
    page: u32,
    dpi: u32,
    config: &OcrConfig,
    scratch: &Path,
) -> Result<Option<Prepared>, PageFailure> {
    let dir = Scratch::create(scratch, page)?;
    let mut c = Command::new("pdfimages");
    c.args(["-j", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(path)
        .arg(dir.0.join("img"));
    if run_tool(
        "pdfimages",
        "poppler-utils",
        c,
        None,
        config.raster_timeout,
        config,
    )
    .is_err()
    {
        return Ok(None);
    }
    let jpeg = dir.0.join("img-000.jpg");
    let Ok(bytes) = std::fs::read(&jpeg) else {
        return Ok(None);
    };
    Ok(from_jpeg(jpeg, &bytes, dpi, Some(dir)))
}

/// Make a page ready: its image, its blank check, its reading image.
fn prepare(
    page: u32,
    source: Source,
    config: &OcrConfig,
    scratch: &Path,
    keep: bool,
) -> Result<Prepared, PageFailure> {
    match source {
        Source::PdfImage { path, dpi, .. } => {
            if let Some(prepared) = pdf_jpeg(path, page, dpi, config, scratch)? {
                return Ok(prepared);
            }
            let dpi = config.dpi;
            let pnm = rasterize(Source::PdfPage { path, page, dpi }, config)?;
            from_raster(&pnm, dpi, page, scratch, keep)
        }
        Source::Image {
            path,
            kind: ImageKind::Jpeg,
            dpi,
        } => {
            let bytes = std::fs::read(path).ok();
            // A phone photo turned by its EXIF orientation: decoded, turned as it is meant to
            // be seen, and given to tesseract (which ignores EXIF) as the turned pixels.
            if let Some(orientation) = bytes
                .as_deref()
                .and_then(image::jpeg_orientation)
                .filter(|&o| o != 1)
            {
                let pnm = rasterize(source, config)?;
                let gray = image::gray_from_pnm(&pnm).map_err(PageFailure::Page)?;
                return from_gray(&gray.oriented(orientation), dpi, page, scratch, keep, None);
            }
            let fast = bytes.and_then(|bytes| from_jpeg(path.to_path_buf(), &bytes, dpi, None));
            match fast {
                Some(prepared) => Ok(prepared),
                None => from_raster(&rasterize(source, config)?, dpi, page, scratch, keep),
            }
        }
        Source::TiffPage { bytes, index, dpi } => {
            from_tiff(bytes, index, dpi, config, scratch, keep)
        }
        _ => from_raster(
            &rasterize(source, config)?,
            source.dpi(),
            page,
            scratch,
            keep,
        ),
    }
}

/// Prepare, recognise, and hand over what is to be stored.
fn process(
    index: usize,
    source: Source,
    config: &OcrConfig,
    store: Option<&Path>,
) -> Result<(Outcome, Option<ToStore>), PageFailure> {
    let page = index as u32 + 1;
    let scratch = store.map_or_else(std::env::temp_dir, Path::to_path_buf);
    let prepared = prepare(page, source, config, &scratch, store.is_some())?;
    let (tsv, text, confidence) = match (&prepared.input, prepared.blank) {
        (Some(input), false) => {
            let tsv = tesseract(input, config)?;
            let (text, confidence) = text_from_tsv(&tsv);
            (Some(tsv), text, confidence)
        }
        _ => (None, String::new(), None),
    };
    let method = if prepared.blank {
        PageMethod::Blank
    } else {
        PageMethod::Ocr
    };
    let stored = match (store, &prepared.view) {
        (Some(_), Some(view)) => Some(ToStore {
            record: PageRecord {
                page,
                method,
                language: config.language.clone(),
                dpi: prepared.dpi,
                width: prepared.width,
                height: prepared.height,
                image: Some(PageImage {
                    file: PageStore::name(page, "png"),
                    width: view.width,
                    height: view.height,
                }),
                words: tsv.as_ref().map(|_| PageStore::name(page, "tsv")),
                text: text.clone(),
                confidence,
            },
            png: view.to_png(),
            tsv,
        }),
        _ => None,
    };
    let outcome = Outcome {
        method,
        text,
        reused: false,
        error: None,
    };
    Ok((outcome, stored))
}

/// Counts pages as they are decided and tells the caller.
struct Tracker<'p, 'a> {
    scan: &'p mut Scan<'a>,
    pages: u32,
    done: u32,
    recognized: u32,
    to_recognize: u32,
}

impl Tracker<'_, '_> {
    fn report(&mut self, index: usize, outcome: &Outcome, recognized_now: bool) {
        self.done += 1;
        if recognized_now {
            self.recognized += 1;
        }
        (self.scan.progress)(&PageEvent {
            page: index as u32 + 1,
            pages: self.pages,
            done: self.done,
            method: outcome.method,
            reused: outcome.reused,
            recognized: self.recognized,
            to_recognize: self.to_recognize,
            error: outcome.error.clone(),
        });
    }
}

/// Recognise these pages (0-based index, source), reusing stored ones, in parallel.
fn recognize(
    jobs: Vec<(usize, Source)>,
    config: &OcrConfig,
    tracker: &mut Tracker,
) -> Result<BTreeMap<usize, Outcome>, ExtractError> {
    let store = tracker.scan.dir.clone().map(PageStore::new);
    if let Some(store) = &store {
        store.prepare().map_err(|source| OcrError::Storage {
            dir: store.dir.clone(),
            source,
        })?;
    }
    let mut outcomes = BTreeMap::new();
    let mut todo = Vec::new();
    let jobs_total = jobs.len();
    for (index, source) in jobs {
        let stored = store
            .as_ref()
            .and_then(|s| s.record(index as u32 + 1))
            .filter(|r| r.language == config.language && r.dpi == source.dpi());
        match stored {
            Some(record) => {
                let outcome = Outcome {
                    method: record.method,
                    text: record.text,
                    reused: true,
                    error: None,
                };
                tracker.report(index, &outcome, false);
                outcomes.insert(index, outcome);
            }
            None => todo.push((index, source)),
        }
    }
    tracker.to_recognize = todo.len() as u32;
    let workers = config.jobs.clamp(1, todo.len().max(1));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    type Done = (usize, Result<(Outcome, Option<ToStore>), PageFailure>);
    let (tx, rx) = mpsc::channel::<Done>();
    let mut fatal = None;
    let dir = store.as_ref().map(|s| s.dir.clone());
    let cancel = tracker.scan.cancel.clone();
    let halted = || {
        stop.load(Ordering::Relaxed) || cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed))
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (todo, next, stop, dir, halted) = (&todo, &next, &stop, dir.as_deref(), &halted);
            scope.spawn(move || loop {
                if halted() {
                    break;
                }
                let Some(&(index, source)) = todo.get(next.fetch_add(1, Ordering::Relaxed)) else {
                    break;
                };
                // Other files extracted at the same time share the same places.
                let _slot = config.slots.acquire(config.jobs);
                if halted() {
                    break;
                }
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    process(index, source, config, dir)
                }))
                .unwrap_or_else(|_| Err(PageFailure::Page("lỗi nội bộ khi nhận dạng".into())));
                if matches!(result, Err(PageFailure::Fatal(_))) {
                    stop.store(true, Ordering::Relaxed);
                }
                if tx.send((index, result)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        // Pages are written here, on the calling thread, while the workers go on to the next
        // page: a page counts as finished once it is stored.
        for (index, result) in rx {
            let result = result.and_then(|(outcome, stored)| {
                if let (Some(store), Some(s)) = (&store, stored) {
                    store
                        .save(&s.record, Some(&s.png), s.tsv.as_deref())
                        .map_err(|source| {
                            PageFailure::Fatal(OcrError::Storage {
                                dir: store.dir.clone(),
                                source,
                            })
                        })?;
                }
                Ok(outcome)
            });
            let outcome = match result {
                Ok(outcome) => outcome,
                Err(PageFailure::Page(why)) => Outcome {
                    method: PageMethod::Failed,
                    text: String::new(),
                    reused: false,
                    error: Some(why),
                },
                Err(PageFailure::Fatal(e)) => {
                    stop.store(true, Ordering::Relaxed);
                    fatal.get_or_insert(e);
                    continue;
                }
            };
            tracker.report(index, &outcome, true);
            outcomes.insert(index, outcome);
        }
    });
    match fatal {
        Some(e) => Err(e.into()),
        None if outcomes.len() < jobs_total => Err(OcrError::Interrupted.into()),
        None => Ok(outcomes),
    }
}

// ---------------------------------------------------------------------------------------------
// Files

/// A PDF: its text layer where good, OCR where not.
pub(super) fn pdf(
    path: &Path,
    config: &ExtractConfig,
    scan: &mut Scan,
) -> Result<Scanned, ExtractError> {
    let (layer_method, layer) = pdf::extract(path, config)?;
    // A layer typed in TCVN3 or VNI is repaired before it is judged: repaired, it reads well
    // and needs no OCR.
    let repaired = legacy::repair_pages(&layer, &[]);
    let layer_method = format!("{layer_method}{}", repaired.report.method_suffix());
    let mut texts: Vec<String> = repaired
        .pages
        .iter()
        .map(|p| vietnamese::normalize(p))
        .collect();
    let scores: Vec<f64> = texts.iter().map(|t| quality::score(t)).collect();
    // Most PDFs stop here: every page reads well whatever lies under it.
    if scores
        .iter()
        .all(|s| *s >= quality::PAGE_ACCEPTABLE + quality::SCANNED_PENALTY)
        && !texts.is_empty()
    {
        let methods = vec![PageMethod::Text; texts.len()];
        return Ok(Scanned {
            method: layer_method,
            pages: texts,
            methods,
            legacy: repaired.report,
        });
    }
    let ocr = &config.ocr;
    let info = pdf_pages(path, config)?;
    let sizes: Vec<(f64, f64)> = info.iter().map(|p| p.size).collect();
    texts.resize(sizes.len(), String::new());
    let images = pdf_images(path, &info, config);
    let need: Vec<usize> = (0..sizes.len())
        .filter(|&i| {
            let scanned = images[i].covered >= 0.5;
            quality::page_score(&texts[i], scanned) < quality::PAGE_ACCEPTABLE
        })
        .collect();
    if need.len() > ocr.max_pages {
        return Err(OcrError::TooManyPages(ocr.max_pages).into());
    }
    let mut methods = vec![PageMethod::Text; sizes.len()];
    let mut tracker = Tracker {
        scan,
        pages: sizes.len() as u32,
        done: 0,
        recognized: 0,
        to_recognize: 0,
    };
    for i in (0..sizes.len()).filter(|i| !need.contains(i)) {
        let outcome = Outcome {
            method: PageMethod::Text,
            text: String::new(),
            reused: false,
            error: None,
        };
        tracker.report(i, &outcome, false);
    }
    let mut outcomes = BTreeMap::new();
    let mut jobs = Vec::new();
    for &i in &need {
        let page = i as u32 + 1;
        match (images[i].whole_page_dpi, page_dpi(sizes[i], ocr.dpi)) {
            (Some(dpi), _) => jobs.push((i, Source::PdfImage { path, page, dpi })),
            (None, Some(dpi)) => jobs.push((i, Source::PdfPage { path, page, dpi })),
            (None, None) => {
                let outcome = Outcome {
                    method: PageMethod::Failed,
                    text: String::new(),
                    reused: false,
                    error: Some(format!(
                        "trang quá khổ ({:.0}×{:.0} mm) để nhận dạng chữ",
                        sizes[i].0 / 72.0 * 25.4,
                        sizes[i].1 / 72.0 * 25.4
                    )),
                };
                tracker.report(i, &outcome, false);
                outcomes.insert(i, outcome);
            }
        }
    }
    outcomes.extend(recognize(jobs, ocr, &mut tracker)?);
    for (i, outcome) in outcomes {
        let layer_has_text = quality::score(&texts[i]) > 0.0;
        methods[i] = match outcome.method {
            PageMethod::Ocr
                if !layer_has_text
                    || quality::score(&outcome.text) >= quality::score(&texts[i]) =>
            {
                texts[i] = outcome.text;
                PageMethod::Ocr
            }
            PageMethod::Ocr => PageMethod::Text,
            // A page that looks blank but carries letters in its layer (white text, a layer
            // without an image) keeps them.
            PageMethod::Blank if layer_has_text => PageMethod::Text,
            PageMethod::Blank => {
                texts[i].clear();
                PageMethod::Blank
            }
            other => other,
        };
    }
    let method = |ocr_pages, text_pages| match (ocr_pages, text_pages) {
        (true, true) => format!("{layer_method}+tesseract"),
        (true, false) => "tesseract".to_string(),
        _ => layer_method.clone(),
    };
    finish(texts, methods, method, repaired.report)
}

/// An image file: every page recognised.
pub(super) fn image(
    path: &Path,
    bytes: &[u8],
    kind: ImageKind,
    config: &ExtractConfig,
    scan: &mut Scan,
) -> Result<Scanned, ExtractError> {
    let ocr = &config.ocr;
    let (headers, cut) = image::probe_pages(bytes, ocr.max_pages).map_err(|e| match e {
        HeaderError::TooLarge { width, height } => OcrError::TooLarge { width, height },
        HeaderError::TooManyPages(_) => OcrError::TooManyPages(ocr.max_pages),
        HeaderError::Corrupt(why) => OcrError::BadImage {
            kind: kind.name(),
            why,
        },
    })?;
    let jobs = headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let dpi = image_dpi(header);
            let source = match kind {
                ImageKind::Tiff => Source::TiffPage { bytes, index, dpi },
                _ => Source::Image { path, kind, dpi },
            };
            (index, source)
        })
        .collect();
    // A file cut short gets one failed page standing for what was lost.
    let pages = headers.len() + cut.is_some() as usize;
    let mut tracker = Tracker {
        scan,
        pages: pages as u32,
        done: 0,
        recognized: 0,
        to_recognize: 0,
    };
    let mut outcomes = recognize(jobs, ocr, &mut tracker)?;
    if let Some(why) = cut {
        let outcome = Outcome {
            method: PageMethod::Failed,
            text: String::new(),
            reused: false,
            error: Some(why),
        };
        tracker.report(headers.len(), &outcome, false);
        outcomes.insert(headers.len(), outcome);
    }
    if pages == 1 {
        if let Some(why) = outcomes.get(&0).and_then(|o| o.error.clone()) {
            return Err(OcrError::BadImage {
                kind: kind.name(),
                why,
            }
            .into());
        }
    }
    let mut texts = vec![String::new(); pages];
    let mut methods = vec![PageMethod::Failed; pages];
    for (i, outcome) in outcomes {
        texts[i] = outcome.text;
        methods[i] = outcome.method;
    }
    finish(
        texts,
        methods,
        |_, _| "tesseract".to_string(),
        legacy::Report::default(),
    )
}

/// Refuse a file where nothing was read; name the method from what was used.
fn finish(
    texts: Vec<String>,
    methods: Vec<PageMethod>,
    name: impl FnOnce(bool, bool) -> String,
    legacy: legacy::Report,
) -> Result<Scanned, ExtractError> {
    let has_letters = |t: &String| t.chars().any(char::is_alphabetic);
    if !texts.iter().any(has_letters) {
        return Err(if methods.iter().all(|m| *m == PageMethod::Blank) {
            OcrError::AllBlank
        } else {
            OcrError::NothingRecognized(texts.len())
        }
        .into());
    }
    let ocr_pages = methods.contains(&PageMethod::Ocr);
    let text_pages = methods.contains(&PageMethod::Text);
    Ok(Scanned {
        method: name(ocr_pages, text_pages),
        pages: texts,
        methods,
        legacy,
    })
}

/// The resolution to recognise an image at: its own when recorded and plausible, else
/// guessed from its width as an A4 page.
fn image_dpi(header: &PageHeader) -> u32 {
    let guess = || (header.width.min(header.height) as f64 / 8.27).clamp(100.0, 600.0);
    header
        .dpi
        .filter(|d| (70.0..=1200.0).contains(d))
        .unwrap_or_else(guess)
        .round() as u32
}

/// The resolution a PDF page is rasterized at: `dpi`, lowered for an oversized page so that
/// it stays within the pixel limits; `None` when even 50 dpi would not.
fn page_dpi((w, h): (f64, f64), dpi: u32) -> Option<u32> {
    if w <= 0.0 || h <= 0.0 {
        return Some(dpi);
    }
    let by_area = 72.0 * (MAX_PIXELS as f64 / (w * h)).sqrt();
    let by_side = MAX_SIDE as f64 * 72.0 / w.max(h);
    let best = (dpi as f64).min(by_area).min(by_side).floor();
    (best >= 50.0).then_some(best as u32)
}

/// A PDF page as `pdfinfo` describes it.
#[derive(Debug, Clone, Copy, Default)]
struct PdfPageInfo {
    /// Width and height in points.
    size: (f64, f64),
    /// Degrees the page is turned when shown.
    rotation: u32,
}

/// Size and rotation of every page (`pdfinfo`).
fn pdf_pages(path: &Path, config: &ExtractConfig) -> Result<Vec<PdfPageInfo>, ExtractError> {
    let mut c = Command::new("pdfinfo");
    c.args(["-f", "1", "-l", "1000000"]).arg(path);
    let out = run_bounded(c, config.timeout, config.memory_limit).map_err(|f| match f {
        ChildFailure::Spawn(_) => ExtractError::from(OcrError::Missing {
            program: "pdfinfo",
            package: "poppler-utils",
        }),
        ChildFailure::TimedOut => ExtractError::BadPdf("pdfinfo quá thời gian cho phép".into()),
        ChildFailure::Failed(why) => ExtractError::BadPdf(format!("pdfinfo: {why}")),
    })?;
    let text = String::from_utf8_lossy(&out);
    let mut pages: Vec<PdfPageInfo> = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("Page ") else {
            continue;
        };
        let mut numbers = rest
            .split_whitespace()
            .filter_map(|t| t.parse::<f64>().ok());
        if rest.contains(" size:") {
            numbers.next(); // the page number
            pages.push(PdfPageInfo {
                size: (numbers.next().unwrap_or(0.0), numbers.next().unwrap_or(0.0)),
                rotation: 0,
            });
        } else if rest.contains(" rot:") {
            // Follows its page's size line.
            numbers.next();
            if let Some(last) = pages.last_mut() {
                last.rotation = numbers.next().unwrap_or(0.0) as u32 % 360;
            }
        }
    }
    if pages.is_empty() {
        let count = text
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .unwrap_or(0);
        if count == 0 {
            return Err(ExtractError::BadPdf("không có trang nào".into()));
        }
        pages = vec![PdfPageInfo::default(); count];
    }
    Ok(pages)
}

/// What `pdfimages -list` says about a page's images.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct PageImages {
    /// Share of the page covered by images.
    covered: f64,
    /// Set when the page is one image filling it, upright, with nothing over it (what a
    /// scanner writes): its resolution. Such a page is read by extracting the image, not by
    /// rendering the page.
    whole_page_dpi: Option<u32>,
}

/// The images of every page. Unknown (no images) when `pdfimages` cannot tell.
fn pdf_images(path: &Path, pages: &[PdfPageInfo], config: &ExtractConfig) -> Vec<PageImages> {
    let mut c = Command::new("pdfimages");
    c.arg("-list").arg(path);
    match run_bounded(c, config.timeout, config.memory_limit) {
        Ok(out) => page_images(&String::from_utf8_lossy(&out), pages),
        Err(_) => vec![PageImages::default(); pages.len()],
    }
}

fn page_images(list: &str, pages: &[PdfPageInfo]) -> Vec<PageImages> {
    /// A listed image: width, height, horizontal and vertical ppi, `color bpc enc`.
    type Listed = (f64, f64, f64, f64, String);
    // Per page: area in square inches, rows listed, the first row's image.
    let mut seen: Vec<(f64, usize, Option<Listed>)> = vec![(0.0, 0, None); pages.len()];
    for line in list.lines().skip(2) {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 14 {
            continue;
        }
        let num = |i: usize| f[i].parse::<f64>().ok().filter(|v| *v > 0.0);
        let Some(slot) = num(0).and_then(|p| seen.get_mut(p as usize - 1)) else {
            continue;
        };
        slot.1 += 1;
        let (Some(w), Some(h), Some(xppi), Some(yppi)) = (num(3), num(4), num(12), num(13)) else {
            continue;
        };
        if f[2] == "image" {
            slot.0 += (w / xppi) * (h / yppi);
            if slot.1 == 1 {
                slot.2 = Some((w, h, xppi, yppi, format!("{} {} {}", f[5], f[7], f[8])));
            }
        }
    }
    seen.into_iter()
        .zip(pages)
        .map(|((area, rows, first), page)| {
            let (pw, ph) = (page.size.0 / 72.0, page.size.1 / 72.0);
            let covered = if pw * ph > 0.0 { area / (pw * ph) } else { 0.0 };
            let whole_page_dpi = first
                .filter(|_| rows == 1 && page.rotation == 0 && (0.97..1.03).contains(&covered))
                .filter(|(w, h, xppi, yppi, kind)| {
                    // Grey or colour, 8 bits, as JPEG: what a scanner writes and what
                    // decodes without a colour or polarity question.
                    let ok_kind = matches!(kind.as_str(), "gray 8 jpeg" | "rgb 8 jpeg");
                    let square = (xppi / yppi - 1.0).abs() < 0.02;
                    let upright = ((w / h) / (pw / ph) - 1.0).abs() < 0.02;
                    let size_ok = w * h <= MAX_PIXELS as f64 && w.max(*h) <= MAX_SIDE as f64;
                    ok_kind && square && upright && size_ok && (100.0..=1200.0).contains(xppi)
                })
                .map(|(_, _, xppi, _, _)| xppi.round() as u32);
            PageImages {
                covered,
                whole_page_dpi,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t2481\t3508\t-1\t
5\t1\t1\t1\t1\t1\t988\t189\t141\t48\t88.9\tĐẢNG
5\t1\t1\t1\t1\t2\t1151\t193\t142\t52\t93.3\tCỘNG
5\t1\t1\t1\t2\t1\t965\t269\t103\t34\t93.2\tBAN
4\t1\t2\t1\t1\t0\t240\t395\t302\t43\t-1\t
5\t1\t2\t1\t1\t1\t240\t395\t55\t40\t96.9\tSố
5\t1\t2\t1\t1\t2\t300\t395\t55\t40\t90.0\t 
5\t1\t2\t1\t1\t3\t310\t395\t155\t40\t91.0\t05-CT/TW
";

    #[test]
    fn text_and_words_from_tsv() {
        let (text, confidence) = text_from_tsv(TSV);
        assert_eq!(text, "ĐẢNG CỘNG\nBAN\n\nSố 05-CT/TW");
        assert!(confidence.is_some_and(|c| c > 88.0 && c < 97.0));
        let words = words_from_tsv(TSV);
        assert_eq!(words.len(), 5);
        assert_eq!(
            words[0],
            Word {
                text: "ĐẢNG".into(),
                left: 988,
                top: 189,
                width: 141,
                height: 48,
                confidence: 88.9
            }
        );
        assert_eq!(text_from_tsv("garbage\n1\t2"), (String::new(), None));
    }

    #[test]
    fn oversized_pages_rasterized_coarser() {
        let a4 = (595.0, 842.0);
        assert_eq!(page_dpi(a4, 300), Some(300));
        // A0 poster: 2384 × 3370 pt.
        let a0 = page_dpi((2384.0, 3370.0), 300).unwrap();
        assert!((200..300).contains(&a0), "{a0}");
        // A page 200 inches square.
        assert_eq!(page_dpi((14400.0, 14400.0), 300), None);
    }

    #[test]
    fn image_resolution_recorded_or_guessed() {
        let h = |width, height, dpi| PageHeader { width, height, dpi };
        assert_eq!(image_dpi(&h(2480, 3508, Some(300.0))), 300);
        assert_eq!(image_dpi(&h(2480, 3508, None)), 300);
        assert_eq!(image_dpi(&h(2480, 3508, Some(1.0))), 300);
        assert_eq!(image_dpi(&h(1654, 2339, None)), 200);
        assert_eq!(image_dpi(&h(200, 300, None)), 100);
    }

    #[test]
    fn whole_page_scans_told_from_pdfimages() {
        let list = "page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
--------------------------------------------------------------------------------------------
   1     0 image    2481  3508  gray    1   8  jpeg   no        18  0   300   300  209K 2.5%
   2     0 image    2481  3508  gray    1   8  jpeg   no        20  0   300   300  209K 2.5%
   2     1 smask    2481  3508  gray    1   8  image  no        21  0   300   300  209K 2.5%
   3     0 image     537   224  rgb     3   8  image  no        44  0   701   701 37.2K  11%
   4     0 image    2481  3508  gray    1   1  ccitt  no        18  0   300   300  209K 2.5%
   5     0 image    1654  2339  rgb     3   8  jpeg   no        50  0   200   200  209K 2.5%
   6     0 image    2481  3508  gray    1   8  jpeg   no        60  0   300   300  209K 2.5%
";
        let a4 = PdfPageInfo {
            size: (595.44, 841.92),
            rotation: 0,
        };
        let turned = PdfPageInfo { rotation: 90, ..a4 };
        let pages = [a4, a4, a4, a4, a4, turned, a4];
        let images = page_images(list, &pages);
        assert_eq!(images[0].whole_page_dpi, Some(300));
        assert!((images[0].covered - 1.0).abs() < 0.01);
        assert_eq!(images[1].whole_page_dpi, None, "something over the image");
        assert!(images[2].covered < 0.1);
        assert_eq!(images[3].whole_page_dpi, None, "bitonal: rendered");
        assert!(images[3].covered > 0.9);
        assert_eq!(images[4].whole_page_dpi, Some(200));
        assert_eq!(images[5].whole_page_dpi, None, "turned");
        assert_eq!(images[6], PageImages::default());
    }

    #[test]
    fn method_codes_round_trip() {
        for m in [
            PageMethod::Text,
            PageMethod::Ocr,
            PageMethod::Blank,
            PageMethod::Failed,
        ] {
            assert_eq!(PageMethod::from_code(m.code()), Some(m));
            assert_eq!(
                serde_json::to_string(&m).unwrap(),
                format!("\"{}\"", m.code())
            );
        }
    }
}
