//! Pages per minute of OCR in ingest against tesseract run directly on the same pages, on this
//! machine (the figures in ARCHITECTURE.md, "OCR"):
//!
//! ```text
//! cargo build --release --bin vankien --example ocr_throughput
//! target/release/examples/ocr_throughput [PAGES [FOLDER_OF_PDFS]]
//! ```
//!
//! The first PAGES pages (default 24) of the PDFs in the folder (default: the shipped samples)
//! are rendered at 300 dpi grey and saved as JPEG, as a scanner saves them. The direct run gives
//! each JPEG to `tesseract IMAGE - -l vie --psm 3 tsv`, one process per core, each with
//! `OMP_THREAD_LIMIT=1`. The pipeline reads the same JPEGs as one image-only PDF through
//! `extract_with`, as ingest does: page count, text layer, a rasterizing per page, blank check,
//! reading image and word boxes written to a page folder. Each side runs twice, alternately,
//! and the faster run counts (the work is the same, the wait for a busy machine is not);
//! processor time of this process and its children is also reported, which a busy machine
//! does not change.

#[path = "../tests/support/fixtures.rs"]
mod fixtures;

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use vankien::extract::{self, ExtractConfig, Scan};

/// Run a program, feeding it `input`, and return its output.
fn run(program: &str, args: &[&str], input: Option<&[u8]>) -> Vec<u8> {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    let mut stdin = child.stdin.take().unwrap();
    let out = std::thread::scope(|s| {
        s.spawn(move || stdin.write_all(input.unwrap_or_default()));
        child.wait_with_output().unwrap()
    });
    assert!(out.status.success(), "{program} {args:?}");
    out.stdout
}

/// User and system seconds of this process, and of the children it has waited for.
fn cpu_seconds() -> (f64, f64) {
    let mut total = [0.0, 0.0];
    for (i, who) in [libc::RUSAGE_SELF, libc::RUSAGE_CHILDREN]
        .into_iter()
        .enumerate()
    {
        // SAFETY: getrusage fills the struct we own.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(who, &mut usage) } == 0 {
            for t in [usage.ru_utime, usage.ru_stime] {
                total[i] += t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            }
        }
    }
    (total[0], total[1])
}

/// Wall seconds of `work`, processor seconds in all and of this process alone.
fn timed(work: impl FnOnce()) -> (f64, f64, f64) {
    let (wall, (own, children)) = (Instant::now(), cpu_seconds());
    work();
    let (own_after, children_after) = cpu_seconds();
    (
        wall.elapsed().as_secs_f64(),
        own_after - own + children_after - children,
        own_after - own,
    )
}

fn main() {
    let mut args = std::env::args().skip(1);
    let wanted: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(24);
    let folder = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("library/samples/documents"));
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let work = std::env::temp_dir().join(format!("vankien-ocr-throughput-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();

    // The pages, as JPEG files.
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    let mut jpegs: Vec<PathBuf> = Vec::new();
    'pdfs: for pdf in &pdfs {
        let pdf = pdf.to_str().unwrap();
        let info = String::from_utf8(run("pdfinfo", &[pdf], None)).unwrap();
        let count: u32 = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        for page in 1..=count {
            let n = page.to_string();
            let pgm = run(
                "pdftoppm",
                &["-r", "300", "-gray", "-f", &n, "-l", &n, pdf],
                None,
            );
            let jpeg = run("pnmtojpeg", &["-quality", "85"], Some(&pgm));
            let file = work.join(format!("page-{:03}.jpg", jpegs.len() + 1));
            std::fs::write(&file, jpeg).unwrap();
            jpegs.push(file);
            if jpegs.len() == wanted {
                break 'pdfs;
            }
        }
    }
    let pages = jpegs.len();
    let scan = work.join("scan.pdf");
    let bytes: Vec<Vec<u8>> = jpegs.iter().map(|p| std::fs::read(p).unwrap()).collect();
    std::fs::write(&scan, fixtures::image_pdf(&bytes)).unwrap();
    eprintln!("{pages} trang, {jobs} nhân, thư mục {}", work.display());

    let direct = || {
        let next = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..jobs {
                s.spawn(|| {
                    while let Some(page) = jpegs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let out = Command::new("tesseract")
                            .arg(page)
                            .args(["-", "-l", "vie", "--psm", "3", "tsv"])
                            .env("OMP_THREAD_LIMIT", "1")
                            .output()
                            .unwrap();
                        assert!(out.status.success());
                    }
                });
            }
        });
    };
    let mut config = ExtractConfig::from_env();
    // The PDF worker is the vankien binary beside this example (`--bin vankien` builds it).
    let exe = std::env::current_exe().unwrap();
    config.worker = exe
        .parent()
        .and_then(|examples| examples.parent())
        .map(|profile| profile.join("vankien"))
        .filter(|worker| worker.exists())
        .expect("build the vankien binary too: cargo build --release --example ocr_throughput --bin vankien");
    let mut round = 0;
    let mut pipeline = || {
        round += 1;
        let dir = work.join(format!("ocr-{round}"));
        let mut scan_job = Scan {
            dir: Some(dir),
            progress: Box::new(|_| {}),
            cancel: None,
        };
        let bytes = std::fs::read(&scan).unwrap();
        let extracted = extract::extract_with(&scan, &bytes, &config, &mut scan_job).unwrap();
        assert_eq!(extracted.pages.len(), pages);
    };
    let best = |a: &mut (f64, f64, f64), b: (f64, f64, f64)| {
        if a.0 == 0.0 || b.0 < a.0 {
            *a = b;
        }
    };
    let (mut d, mut p) = ((0.0, 0.0, 0.0), (0.0, 0.0, 0.0));
    for _ in 0..2 {
        best(&mut d, timed(direct));
        best(&mut p, timed(&mut pipeline));
    }
    let per_minute = |(wall, _, _): (f64, f64, f64)| pages as f64 * 60.0 / wall;
    println!(
        "| {pages} pages, {jobs} cores | wall s | pages/min | CPU s/page | of which vankien |"
    );
    println!("|---|---|---|---|---|");
    for (name, t) in [
        ("tesseract directly (JPEG files)", d),
        ("vankien extract (image-only PDF)", p),
    ] {
        println!(
            "| {name} | {:.1} | {:.1} | {:.3} | {:.3} |",
            t.0,
            per_minute(t),
            t.1 / pages as f64,
            t.2 / pages as f64
        );
    }
    println!(
        "| pipeline / direct | | {:.0}% | {:.0}% | |",
        100.0 * per_minute(p) / per_minute(d),
        100.0 * p.1 / d.1
    );
    let _ = std::fs::remove_dir_all(&work);
}
