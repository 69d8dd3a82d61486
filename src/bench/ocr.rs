//! The OCR measurement (`vankien ocr-eval`): generated scans ([`super::scans`]) read twice,
//! once by running `tesseract IMAGE - -l vie` directly on every page image (one thread per
//! process, as many processes as cores: the fastest plain use of tesseract on this machine),
//! once by the archive's own extraction ([`crate::extract::extract`]) on the same pages as one
//! image-only PDF (or TIFF). Each run reports wall time, pages per minute and character error
//! rate against the truth; the goals are the pipeline's CER no worse than the direct run's (and
//! within one percentage point), and at least 90% of its throughput.
//!
//! **Character error rate** = Levenshtein distance over characters (insertions, deletions and
//! substitutions, each 1) summed over pages, divided by the number of characters of the truth.
//! Both sides are first put in one form: [`crate::vietnamese::normalize`] (NFC, `Đ`, one tone
//! placement: what ingest does to every text), every run of whitespace (line breaks and form
//! feeds included) made one space, ends trimmed. Case and punctuation count.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::scans::{self, ScanQuality, ScanSet};
use super::BenchError;
use crate::extract::child::{run_bounded, ChildFailure};
use crate::extract::{self, ExtractConfig, ExtractError};
use crate::vietnamese;

/// The pipeline's CER may exceed the direct run's by at most this much (absolute).
pub const CER_TOLERANCE: f64 = 0.01;
/// The pipeline's pages per minute must be at least this share of the direct run's.
pub const THROUGHPUT_GOAL: f64 = 0.9;
/// Wall-clock limit for tesseract on one page.
const PAGE_TIMEOUT: Duration = Duration::from_secs(180);
/// Address-space limit for one tesseract process.
const PAGE_MEMORY: u64 = 2 << 30;

/// What the pipeline is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvalInput {
    /// Every page in one image-only PDF.
    Pdf,
    /// Every page in one multi-page TIFF.
    Tiff,
}

impl EvalInput {
    pub fn from_code(code: &str) -> Option<EvalInput> {
        match code {
            "pdf" => Some(EvalInput::Pdf),
            "tiff" => Some(EvalInput::Tiff),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            EvalInput::Pdf => "pdf",
            EvalInput::Tiff => "tiff",
        }
    }
}

/// Edits against the truth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Score {
    /// Levenshtein distance over characters.
    pub edits: usize,
    /// Characters of the truth.
    pub chars: usize,
}

impl Score {
    /// Character error rate; 0 for an empty truth read as empty.
    pub fn cer(&self) -> f64 {
        if self.chars == 0 {
            return if self.edits == 0 { 0.0 } else { 1.0 };
        }
        self.edits as f64 / self.chars as f64
    }

    fn add(&mut self, other: Score) {
        self.edits += other.edits;
        self.chars += other.chars;
    }
}

/// Text in the form both sides are compared in: normalized, whitespace collapsed.
pub fn comparable(text: &str) -> Vec<char> {
    let normalized = vietnamese::normalize(text);
    let mut out = Vec::with_capacity(normalized.len());
    for word in normalized.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars());
    }
    out
}

/// The score of `hypothesis` against `truth`.
pub fn score(truth: &str, hypothesis: &str) -> Score {
    let truth = comparable(truth);
    let hypothesis = comparable(hypothesis);
    Score {
        edits: edit_distance(&truth, &hypothesis),
        chars: truth.len(),
    }
}

/// Levenshtein distance (unit costs), in memory linear in the shorter side.
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut row: Vec<usize> = (0..=short.len()).collect();
    for (i, x) in long.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, y) in short.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[short.len()]
}

/// The score of a whole set: page by page when the page counts agree, else the texts joined
/// (a pipeline that merged or split pages is still scored on what it read).
pub fn score_pages(truths: &[String], pages: &[String]) -> Score {
    if truths.len() == pages.len() {
        let mut total = Score::default();
        for (truth, page) in truths.iter().zip(pages) {
            total.add(score(truth, page));
        }
        total
    } else {
        score(&truths.join("\n"), &pages.join("\n"))
    }
}

/// One timed reading of the pages.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Run {
    pub pages: usize,
    pub seconds: f64,
    pub pages_per_minute: f64,
    pub cer: f64,
    #[serde(flatten)]
    pub score: Score,
    /// Pages that failed (scored as read empty).
    pub failed_pages: usize,
    /// Wall time of every run when there were several; `seconds` is the fastest.
    pub all_seconds: Vec<f64>,
    /// Processor time (user + system) of this process and every program it ran, in the run
    /// that counts: the work done, whatever else the machine was doing.
    pub cpu_seconds: f64,
    pub cpu_seconds_per_page: f64,
}

/// Wall and processor time from a start.
struct Clock {
    wall: Instant,
    cpu: f64,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: processor_seconds(),
        }
    }

    fn stop(self) -> (Duration, f64) {
        (self.wall.elapsed(), processor_seconds() - self.cpu)
    }
}

/// User and system time of this process and of its children that have ended.
fn processor_seconds() -> f64 {
    let mut total = 0.0;
    for who in [libc::RUSAGE_SELF, libc::RUSAGE_CHILDREN] {
        // SAFETY: getrusage writes into the struct we own; a zeroed rusage is a valid value.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(who, &mut usage) } == 0 {
            for t in [usage.ru_utime, usage.ru_stime] {
                total += t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            }
        }
    }
    total
}

impl Run {
    fn new(
        pages: usize,
        (elapsed, cpu): (Duration, f64),
        score: Score,
        failed_pages: usize,
    ) -> Run {
        let seconds = elapsed.as_secs_f64();
        Run {
            cpu_seconds: cpu,
            cpu_seconds_per_page: if pages > 0 { cpu / pages as f64 } else { 0.0 },
            pages,
            seconds,
            pages_per_minute: if seconds > 0.0 {
                pages as f64 * 60.0 / seconds
            } else {
                0.0
            },
            cer: score.cer(),
            score,
            failed_pages,
            all_seconds: vec![seconds],
        }
    }
}

/// Whether the pipeline met the goals against the direct run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Goals {
    /// Pipeline CER minus direct CER (absolute; negative is better).
    pub cer_difference: f64,
    pub cer_no_worse: bool,
    pub cer_within_tolerance: bool,
    /// Pipeline pages per minute over direct pages per minute.
    pub throughput_ratio: f64,
    pub throughput_met: bool,
}

/// Everything `vankien ocr-eval` prints.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OcrReport {
    pub pages: usize,
    pub seed: u64,
    pub quality: ScanQuality,
    pub input: EvalInput,
    /// Parallel tesseract processes in the direct run (the core count).
    pub jobs: usize,
    pub generate_seconds: f64,
    pub baseline: Run,
    /// `None` when the pipeline could not read the pages; see `pipeline_error`.
    pub pipeline: Option<Run>,
    /// The extractor the pipeline chose (`ocr`, `pdftotext`, ...).
    pub pipeline_method: Option<String>,
    pub pipeline_error: Option<String>,
    pub goals: Option<Goals>,
}

/// What `vankien ocr-eval` measures.
#[derive(Debug, Clone, Copy)]
pub struct EvalOptions {
    pub pages: usize,
    pub seed: u64,
    pub quality: ScanQuality,
    pub input: EvalInput,
    /// Each side is timed this many times, alternately; the fastest run counts (the text read
    /// is the same every time, the wait for a busy machine is not).
    pub runs: usize,
}

/// Generate the pages into `work`, read them both ways and compare.
pub fn run(
    work: &Path,
    options: EvalOptions,
    config: &ExtractConfig,
    mut progress: impl FnMut(&str),
) -> Result<OcrReport, BenchError> {
    let EvalOptions {
        pages,
        seed,
        quality,
        input,
        runs,
    } = options;
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    progress(&format!(
        "tạo {pages} trang quét ({}) trong {}",
        quality.code(),
        work.display()
    ));
    let started = Instant::now();
    let set = scans::generate(work, pages, seed, quality, input == EvalInput::Tiff)?;
    let generate_seconds = started.elapsed().as_secs_f64();
    let images = direct_images(&set, input, work)?;
    let mut baseline_runs: Vec<Run> = Vec::new();
    let mut pipeline_runs: Vec<Run> = Vec::new();
    let mut pipeline_method = None;
    let mut pipeline_error = None;
    for round in 1..=runs.max(1) {
        progress(&format!(
            "lượt {round}: tesseract trực tiếp, {} trang, {jobs} tiến trình song song",
            set.pages.len()
        ));
        baseline_runs.push(baseline(&set, &images, jobs)?);
        if pipeline_error.is_some() {
            continue;
        }
        progress(&format!(
            "lượt {round}: vankien, trích xuất qua quy trình nhập (extract)"
        ));
        match pipeline(&set, input, config) {
            Ok((run, method)) => {
                pipeline_runs.push(run);
                pipeline_method = Some(method);
            }
            Err(e) => pipeline_error = Some(e.to_string()),
        }
    }
    let baseline = fastest(baseline_runs)
        .unwrap_or_else(|| Run::new(0, (Duration::ZERO, 0.0), Score::default(), 0));
    let pipeline = fastest(pipeline_runs);
    let goals = pipeline.as_ref().map(|p| goals(&baseline, p));
    Ok(OcrReport {
        pages: set.pages.len(),
        seed,
        quality,
        input,
        jobs,
        generate_seconds,
        baseline,
        pipeline,
        pipeline_method,
        pipeline_error,
        goals,
    })
}

/// The fastest of several runs, carrying every run's time.
fn fastest(runs: Vec<Run>) -> Option<Run> {
    let times: Vec<f64> = runs.iter().map(|r| r.seconds).collect();
    let mut best = runs
        .into_iter()
        .min_by(|a, b| a.seconds.total_cmp(&b.seconds))?;
    best.all_seconds = times;
    Some(best)
}

fn goals(baseline: &Run, pipeline: &Run) -> Goals {
    let cer_difference = pipeline.cer - baseline.cer;
    let throughput_ratio = if baseline.pages_per_minute > 0.0 {
        pipeline.pages_per_minute / baseline.pages_per_minute
    } else {
        0.0
    };
    Goals {
        cer_difference,
        // Integer edit counts over the same truth: equal means equal.
        cer_no_worse: pipeline.score.edits <= baseline.score.edits,
        cer_within_tolerance: cer_difference <= CER_TOLERANCE,
        throughput_ratio,
        throughput_met: throughput_ratio >= THROUGHPUT_GOAL,
    }
}

/// Tesseract run directly on each page image, `jobs` processes at a time, each limited to one
/// thread (`OMP_THREAD_LIMIT=1`).
/// The page images tesseract reads directly: the same pages the pipeline is given. For a PDF
/// those are the JPEGs it embeds as they are; for a multi-page TIFF, its pages split without
/// decoding (as `tiffsplit` would), so both sides decode the same pixels.
pub fn direct_images(
    set: &ScanSet,
    input: EvalInput,
    work: &Path,
) -> Result<Vec<PathBuf>, BenchError> {
    let tiff = match (input, &set.tiff) {
        (EvalInput::Tiff, Some(tiff)) => tiff,
        _ => return Ok(set.pages.iter().map(|p| p.image.clone()).collect()),
    };
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BenchError::Io { path, source }
    };
    let bytes = std::fs::read(tiff).map_err(io(tiff))?;
    let dir = work.join("tiff-pages");
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    (0..set.pages.len())
        .map(|index| {
            let page = extract::image::tiff_page(&bytes, index)
                .map_err(|e| BenchError::Tesseract(format!("{}: {e}", tiff.display())))?;
            let path = dir.join(format!("page-{:04}.tif", index + 1));
            std::fs::write(&path, page).map_err(io(&path))?;
            Ok(path)
        })
        .collect()
}

pub fn baseline(set: &ScanSet, images: &[PathBuf], jobs: usize) -> Result<Run, BenchError> {
    let images: Vec<&Path> = images.iter().map(PathBuf::as_path).collect();
    let clock = Clock::start();
    let texts = read_images(&images, jobs.max(1));
    let elapsed = clock.stop();
    // A missing tesseract is a setup problem, not a page that failed.
    if let Some(Err(e)) = texts
        .iter()
        .find(|t| matches!(t, Err(TesseractError::Missing)))
    {
        return Err(BenchError::Tesseract(e.to_string()));
    }
    let failed = texts.iter().filter(|t| t.is_err()).count();
    let pages: Vec<String> = texts.into_iter().map(Result::unwrap_or_default).collect();
    let score = score_pages(&set.truths(), &pages);
    Ok(Run::new(pages.len(), elapsed, score, failed))
}

/// Why tesseract gave no text for a page.
#[derive(Debug, thiserror::Error)]
pub enum TesseractError {
    #[error("chưa cài tesseract với dữ liệu tiếng Việt (gói tesseract-ocr, tesseract-ocr-vie); hãy chạy scripts/setup.sh")]
    Missing,
    #[error("tesseract quá thời gian cho phép với {0}")]
    TimedOut(PathBuf),
    #[error("tesseract dừng lỗi với {path}: {why}")]
    Failed { path: PathBuf, why: String },
}

/// `tesseract IMAGE - -l vie` on one image, one thread, bounded in time and memory.
pub fn tesseract(image: &Path) -> Result<String, TesseractError> {
    let mut command = Command::new("tesseract");
    command
        .arg(image)
        .arg("-")
        .args(["-l", "vie"])
        .env("OMP_THREAD_LIMIT", "1");
    match run_bounded(command, PAGE_TIMEOUT, PAGE_MEMORY) {
        Ok(out) => Ok(String::from_utf8_lossy(&out).into_owned()),
        Err(ChildFailure::Spawn(_)) => Err(TesseractError::Missing),
        Err(ChildFailure::TimedOut) => Err(TesseractError::TimedOut(image.to_path_buf())),
        Err(ChildFailure::Failed(why)) if why.contains("vie.traineddata") => {
            Err(TesseractError::Missing)
        }
        Err(ChildFailure::Failed(why)) => Err(TesseractError::Failed {
            path: image.to_path_buf(),
            why,
        }),
    }
}

/// Each image through [`tesseract`], `jobs` at a time; results in input order.
fn read_images(images: &[&Path], jobs: usize) -> Vec<Result<String, TesseractError>> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<String, TesseractError>>>> =
        Mutex::new((0..images.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(images.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(image) = images.get(i) else {
                    break;
                };
                let text = tesseract(image);
                if let Ok(mut slots) = results.lock() {
                    slots[i] = Some(text);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.unwrap_or(Ok(String::new())))
        .collect()
}

/// The archive's extraction on the same pages, as a reader's ingest would run it: one call of
/// [`extract::extract`] on the multi-page file. Returns the run and the extractor used.
pub fn pipeline(
    set: &ScanSet,
    input: EvalInput,
    config: &ExtractConfig,
) -> Result<(Run, String), ExtractError> {
    let path = match input {
        EvalInput::Pdf => set.pdf.clone(),
        EvalInput::Tiff => set
            .tiff
            .clone()
            .unwrap_or_else(|| set.pdf.with_extension("tif")),
    };
    let bytes = std::fs::read(&path)?;
    let clock = Clock::start();
    let extracted = extract::extract(&path, &bytes, config)?;
    let elapsed = clock.stop();
    let score = score_pages(&set.truths(), &extracted.pages);
    Ok((
        Run::new(set.pages.len(), elapsed, score, 0),
        extracted.method.to_string(),
    ))
}

/// The table the docs quote.
pub fn table(report: &OcrReport) -> String {
    let mut out = format!(
        "{} generated pages (A4, 300 dpi, quality {}, seed {}), made in {:.1} s; \
         direct tesseract runs {} processes in parallel; the pipeline reads one {}\n\n\
         | run | pages | seconds | pages/min | CPU s/page | CER | edits / chars |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
        report.pages,
        report.quality.code(),
        report.seed,
        report.generate_seconds,
        report.jobs,
        report.input.code().to_uppercase(),
    );
    let row = |name: &str, run: &Run| {
        let seconds = if run.all_seconds.len() > 1 {
            let all: Vec<String> = run.all_seconds.iter().map(|s| format!("{s:.1}")).collect();
            format!("{:.1} (of {})", run.seconds, all.join(", "))
        } else {
            format!("{:.1}", run.seconds)
        };
        format!(
            "| {name} | {} | {seconds} | {:.1} | {:.2} | {:.2}% | {} / {} |\n",
            run.pages,
            run.pages_per_minute,
            run.cpu_seconds_per_page,
            run.cer * 100.0,
            run.score.edits,
            run.score.chars
        )
    };
    out.push_str(&row("tesseract directly", &report.baseline));
    match (&report.pipeline, &report.goals) {
        (Some(run), Some(goals)) => {
            let method = report.pipeline_method.as_deref().unwrap_or("?");
            out.push_str(&row(&format!("vankien extract ({method})"), run));
            let yes = |b: bool| if b { "met" } else { "NOT met" };
            out.push_str(&format!(
                "\nCER difference (vankien − direct): {:+.2} points; no worse than direct: {}; \
                 within {:.0} point: {}\n\
                 Throughput: {:.1} vs {:.1} pages/min = {:.2} of direct (goal ≥ {:.2}): {}\n",
                goals.cer_difference * 100.0,
                yes(goals.cer_no_worse),
                CER_TOLERANCE * 100.0,
                yes(goals.cer_within_tolerance),
                run.pages_per_minute,
                report.baseline.pages_per_minute,
                goals.throughput_ratio,
                THROUGHPUT_GOAL,
                yes(goals.throughput_met),
            ));
        }
        _ => {
            out.push_str(&format!(
                "\nvankien: quy trình nhập chưa nhận dạng được chữ trên các trang này: {}\n",
                report.pipeline_error.as_deref().unwrap_or("không rõ lỗi")
            ));
        }
    }
    if report.baseline.failed_pages > 0 {
        out.push_str(&format!(
            "tesseract failed on {} page(s), scored as empty\n",
            report.baseline.failed_pages
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_substitutions() {
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
        assert_eq!(edit_distance(&chars("abc"), &chars("")), 3);
        assert_eq!(edit_distance(&chars("Việt"), &chars("Viet")), 1);
        assert_eq!(edit_distance(&chars("đảng"), &chars("đảng")), 0);
    }

    #[test]
    fn cer_ignores_forms_and_layout_but_not_marks() {
        // NFD and NFC, old and new tone placement, line breaks against spaces: no error.
        let truth = "Hòa bình\nđộc lập";
        let nfd: String =
            unicode_normalization::UnicodeNormalization::nfd("Hoà  bình độc\u{c}lập").collect();
        assert_eq!(score(truth, &nfd).edits, 0);
        // A lost tone mark is one error over 16 characters.
        let s = score(truth, "Hòa binh độc lập");
        assert_eq!((s.edits, s.chars), (1, 16));
        assert!((s.cer() - 1.0 / 16.0).abs() < 1e-9);
        assert_eq!(score("", "").cer(), 0.0);
        assert_eq!(score("", "x").cer(), 1.0);
    }

    #[test]
    fn pages_are_scored_one_by_one_or_joined() {
        let truths = vec!["một hai".to_string(), "ba bốn".to_string()];
        let same = score_pages(&truths, &truths);
        assert_eq!(
            same,
            Score {
                edits: 0,
                chars: 13
            }
        );
        let merged = score_pages(&truths, &["một hai ba bốn".to_string()]);
        assert_eq!(merged.edits, 0);
        let missing = score_pages(&truths, &["một hai".to_string(), String::new()]);
        assert_eq!(missing.edits, 6);
    }
}
